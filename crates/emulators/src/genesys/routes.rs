//! The emulated Genesys Cloud API: token endpoint, token info, conversations and recordingstate, with the
//! permission checks, error bodies and rate limit of the real service.

use super::model::{Conversation, Grant, OAuthClient, COMMUNICATION_VIEW, PAUSE_OTHERS};
use super::state::{State, Token};
use crate::faults::Fault;
use crate::serve::Answer;
use serde_json::{json, Value};
use std::time::{Duration, Instant};

fn new_id() -> String {
    let hex = |n: usize| {
        (0..n)
            .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
            .collect::<String>()
    };
    format!("{}-{}-4{}-8{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12))
}

/// A Genesys `ErrorBody` answer with a fresh `contextId`, also sent as `ININ-Correlation-Id`.
pub(crate) fn genesys_error(
    status: u16,
    code: &str,
    message: &str,
    params: Option<(&str, &str)>,
) -> Answer {
    let context_id = new_id();
    let (with_params, message_params) = match params {
        Some((name, value)) => (
            message.replace(value, &format!("{{{name}}}")),
            json!({ name: value }),
        ),
        None => (message.to_string(), json!({})),
    };
    let body = json!({
        "message": message,
        "code": code,
        "status": status,
        "messageWithParams": with_params,
        "messageParams": message_params,
        "contextId": context_id,
        "details": [],
        "errors": []
    });
    let mut answer = Answer::json(status, &body);
    answer.headers.push(("inin-correlation-id", context_id));
    answer
}

fn oauth_error(status: u16, error: &str, description: &str) -> Answer {
    Answer::json(
        status,
        &json!({"error": error, "description": description, "error_description": description}),
    )
}

/// The answer of an injected fault with a status.
pub(crate) fn injected(fault: &Fault, path: &str) -> Answer {
    let status = fault.status.unwrap_or(500);
    let mut answer = if path == "/oauth/token" && status < 500 && status != 429 {
        oauth_error(
            status,
            fault.oauth_error.as_deref().unwrap_or("invalid_client"),
            "injected fault",
        )
    } else {
        let code = fault.code.clone().unwrap_or_else(|| {
            match status {
                400 => "bad.request",
                401 => "bad.credentials",
                403 => "missing.permissions",
                404 => "not.found",
                429 => "too.many.requests.retry.after",
                502 => "bad.gateway",
                503 => "service.unavailable",
                504 => "request.timeout",
                _ => "internal.server.error",
            }
            .to_string()
        });
        let message = match status {
            429 => format!("Rate limit exceeded the maximum. Retry the request in [{}] seconds", fault.retry_after.unwrap_or(3)),
            403 => format!("Unable to perform the requested action. You are missing the following permission(s): {PAUSE_OTHERS}"),
            _ => format!("Injected fault: HTTP {status}"),
        };
        genesys_error(status, &code, &message, None)
    };
    if let Some(seconds) = fault.retry_after {
        answer.headers.push(("retry-after", seconds.to_string()));
    }
    answer
}

/// Routes one request (faults already applied).
pub(crate) fn route(
    state: &State,
    method: &str,
    path: &str,
    authorization: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> Answer {
    if path == "/oauth/token" {
        return if method == "POST" {
            token(state, authorization, content_type, body)
        } else {
            genesys_error(405, "method.not.allowed", "Method not allowed", None)
        };
    }
    if !path.starts_with("/api/v2/") {
        return genesys_error(
            404,
            "not.found",
            "The requested resource was not found.",
            None,
        );
    }
    let (client, token) = match authenticate(state, authorization) {
        Ok(c) => c,
        Err(answer) => return answer,
    };
    let throttled = {
        let mut inner = state.lock();
        inner
            .rate_check(&token)
            .map(|wait| (wait, inner.rate_limit_per_minute))
    };
    if let Some((wait, limit)) = throttled {
        let mut answer = genesys_error(
            429,
            "too.many.requests.retry.after",
            &format!("Rate limit exceeded the maximum. Retry the request in [{wait}] seconds"),
            Some(("seconds", &wait.to_string())),
        );
        if let Ok(mut v) = serde_json::from_slice::<Value>(&answer.body) {
            v["limit"] = json!({"key": "client.credentials.token.rate.per.minute", "namespace": "platform.api", "value": limit});
            answer.body = v.to_string().into_bytes();
        }
        answer.headers.push(("retry-after", wait.to_string()));
        return answer.for_client(&client.client_id);
    }
    let segments: Vec<&str> = path.trim_end_matches('/').split('/').skip(3).collect();
    let answer = match (method, segments.as_slice()) {
        ("GET", ["tokens", "me"]) => token_info(state, &client),
        ("GET", ["conversations", "calls", id]) => get_call_conversation(state, id),
        ("GET", ["conversations", id]) => get_conversation(state, &client, id),
        ("PUT", ["conversations", media, id, "recordingstate"]) => {
            set_state(state, &client, Some(media), id, body)
        }
        ("PATCH", ["conversations", id, "recordingstate"]) => {
            set_state(state, &client, None, id, body)
        }
        _ => genesys_error(
            404,
            "not.found",
            "The requested resource was not found.",
            None,
        ),
    };
    answer.for_client(&client.client_id)
}

fn token(
    state: &State,
    authorization: Option<&str>,
    content_type: Option<&str>,
    body: &[u8],
) -> Answer {
    if !content_type.is_some_and(|c| {
        c.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    }) {
        return oauth_error(
            400,
            "invalid_request",
            "Content-Type must be application/x-www-form-urlencoded",
        );
    }
    let form = String::from_utf8_lossy(body);
    let grant = form
        .split('&')
        .find_map(|kv| kv.strip_prefix("grant_type="));
    if grant != Some("client_credentials") {
        return oauth_error(
            400,
            "unsupported_grant_type",
            "grant_type must be client_credentials for this client",
        );
    }
    let Some((id, secret)) = authorization.and_then(crate::serve::basic_auth) else {
        return oauth_error(
            401,
            "invalid_client",
            "client authentication with HTTP Basic is required",
        );
    };
    let mut inner = state.lock();
    let Some(client) = inner.clients.get(&id).cloned() else {
        return oauth_error(401, "invalid_client", "client not found");
    };
    if client.client_secret != secret {
        return oauth_error(401, "invalid_client", "authentication failed").for_client(&id);
    }
    let access_token = format!("{}{}", new_id().replace('-', ""), new_id().replace('-', ""));
    let lifetime = client.token_lifetime_seconds.clamp(1, 172_800);
    inner.tokens.insert(
        access_token.clone(),
        Token {
            client_id: id.clone(),
            expires: Instant::now() + Duration::from_secs(lifetime),
        },
    );
    Answer::json(
        200,
        &json!({"access_token": access_token, "token_type": "bearer", "expires_in": lifetime}),
    )
    .for_client(&id)
}

fn authenticate(
    state: &State,
    authorization: Option<&str>,
) -> Result<(OAuthClient, String), Answer> {
    let Some(token) = authorization.and_then(|h| {
        h.strip_prefix("Bearer ")
            .or_else(|| h.strip_prefix("bearer "))
    }) else {
        return Err(genesys_error(
            401,
            "authentication.required",
            "No authentication bearer token specified in authorization header.",
            None,
        ));
    };
    let inner = state.lock();
    let Some(issued) = inner.tokens.get(token.trim()) else {
        return Err(genesys_error(
            401,
            "bad.credentials",
            "Invalid login credentials.",
            None,
        ));
    };
    if Instant::now() >= issued.expires {
        return Err(genesys_error(
            401,
            "credentials.expired",
            "The supplied credentials are expired and cannot be used.",
            None,
        ));
    }
    match inner.clients.get(&issued.client_id) {
        Some(client) => Ok((client.clone(), token.trim().to_string())),
        None => Err(genesys_error(
            401,
            "bad.credentials",
            "Invalid login credentials.",
            None,
        )),
    }
}

fn forbidden(grant: Grant, permission: &str) -> Option<Answer> {
    match grant {
        Grant::Allowed => None,
        Grant::Missing => Some(genesys_error(
            403,
            "missing.permissions",
            &format!("Unable to perform the requested action. You are missing the following permission(s): {permission}"),
            Some(("permissions", permission)),
        )),
        Grant::WrongDivision => Some(genesys_error(
            403,
            "missing.division.permission",
            &format!("Unable to perform the requested action. You are missing the following permission(s) in the required division: {permission}"),
            Some(("permissions", permission)),
        )),
    }
}

fn not_found(id: &str) -> Answer {
    genesys_error(
        404,
        "not.found",
        &format!("Conversation {id} not found"),
        None,
    )
}

/// `TokenInfo`: the OAuth client is under `OAuthClient` (capital O-A, as the API and the official SDKs' models
/// name it); organizations are `NamedEntity` (id and name only).
fn token_info(state: &State, client: &OAuthClient) -> Answer {
    let inner = state.lock();
    let org = json!({"id": inner.org_id, "name": inner.org_name});
    Answer::json(
        200,
        &json!({
            "organization": org,
            "homeOrganization": org,
            "authorizedScope": [],
            "OAuthClient": {"id": client.client_id, "name": client.name,
                            "authorizedGrantType": "CLIENT-CREDENTIALS", "state": "active", "organization": org}
        }),
    )
}

fn division(c: &Conversation) -> Value {
    json!([{ "division": {"id": c.division_id, "selfUri": format!("/api/v2/authorization/divisions/{}", c.division_id)}, "entities": [] }])
}

fn get_conversation(state: &State, client: &OAuthClient, id: &str) -> Answer {
    if client.grant(COMMUNICATION_VIEW, "*") == Grant::Missing {
        return forbidden(Grant::Missing, COMMUNICATION_VIEW).unwrap_or_else(|| not_found(id));
    }
    let Some(c) = state.conversation(id) else {
        return not_found(id);
    };
    if let Some(denied) = forbidden(
        client.grant(COMMUNICATION_VIEW, &c.division_id),
        COMMUNICATION_VIEW,
    ) {
        return denied;
    }
    let media_state = c.recording_state.to_ascii_lowercase();
    let participants: Vec<Value> = c
        .participants
        .iter()
        .map(|p| {
            let mut v = json!({"id": p.id, "purpose": p.purpose, "attributes": p.attributes});
            if c.media_segment() == "calls" {
                v["calls"] = json!([{"state": if c.ended {"disconnected"} else {"connected"}, "recording": c.recording_state != "NONE",
                                     "recordingState": media_state, "securePause": c.secure_pause}]);
            }
            v
        })
        .collect();
    Answer::json(
        200,
        &json!({"id": c.id, "startTime": c.start_time, "divisions": division(&c), "recordingState": c.recording_state,
                "securePause": c.secure_pause, "participants": participants, "selfUri": format!("/api/v2/conversations/{}", c.id)}),
    )
}

fn get_call_conversation(state: &State, id: &str) -> Answer {
    let Some(c) = state
        .conversation(id)
        .filter(|c| c.media_segment() == "calls")
    else {
        return not_found(id);
    };
    let media_state = c.recording_state.to_ascii_lowercase();
    let participants: Vec<Value> = c
        .participants
        .iter()
        .map(|p| json!({"id": p.id, "purpose": p.purpose, "attributes": p.attributes, "recording": c.recording_state != "NONE",
                        "recordingState": media_state, "securePause": c.secure_pause,
                        "state": if c.ended {"disconnected"} else {"connected"}}))
        .collect();
    Answer::json(
        200,
        &json!({"id": c.id, "recordingState": media_state, "securePause": c.secure_pause, "divisions": division(&c),
                "participants": participants, "selfUri": format!("/api/v2/conversations/calls/{}", c.id)}),
    )
}

fn set_state(
    state: &State,
    client: &OAuthClient,
    media: Option<&str>,
    id: &str,
    body: &[u8],
) -> Answer {
    // The permission is checked before the conversation is looked up (a client without it gets 403 for any
    // id); the division is checked once the conversation is known.
    if client.grant(PAUSE_OTHERS, "*") == Grant::Missing {
        return forbidden(Grant::Missing, PAUSE_OTHERS).unwrap_or_else(|| not_found(id));
    }
    let Some(c) = state.conversation(id) else {
        return not_found(id);
    };
    if media.is_some_and(|m| m != c.media_segment()) {
        return not_found(id);
    }
    if let Some(denied) = forbidden(client.grant(PAUSE_OTHERS, &c.division_id), PAUSE_OTHERS) {
        return denied;
    }
    let wanted = serde_json::from_slice::<Value>(body).ok().and_then(|v| {
        v.get("recordingState")
            .and_then(Value::as_str)
            .map(str::to_ascii_uppercase)
    });
    let wanted = match wanted.as_deref() {
        Some(s @ ("ACTIVE" | "PAUSED" | "NONE")) => s.to_string(),
        _ => {
            return genesys_error(400, "bad.request", "The request body must be a SetRecordingState with recordingState ACTIVE, PAUSED or NONE", None)
        }
    };
    if c.ended {
        return genesys_error(
            400,
            "bad.request",
            &format!("Conversation {id} has ended; its recording state cannot be changed"),
            None,
        );
    }
    if c.recording_state == "NONE" && wanted != "NONE" {
        return genesys_error(
            400,
            "bad.request",
            &format!("Conversation {id} is not being recorded"),
            None,
        );
    }
    if wanted == "PAUSED" && c.secure_pause && c.recording_state == "PAUSED" {
        let repeated = state.lock().repeated_pause_status;
        match repeated {
            400 => {
                return genesys_error(
                    400,
                    "bad.request",
                    &format!("The recording of conversation {id} is already paused"),
                    None,
                )
            }
            409 => {
                return genesys_error(
                    409,
                    "conflict",
                    &format!("The recording of conversation {id} is already paused"),
                    None,
                )
            }
            _ => {}
        }
    }
    let mut updated = c;
    updated.secure_pause = wanted == "PAUSED";
    updated.recording_state = wanted.clone();
    state.put_conversation(updated);
    let context_id = new_id();
    let mut answer = match media {
        Some(_) => Answer::json(200, &json!(wanted)),
        None => Answer {
            status: 202,
            headers: Vec::new(),
            body: Vec::new(),
            client_id: None,
        },
    };
    answer.headers.push(("inin-correlation-id", context_id));
    answer
}

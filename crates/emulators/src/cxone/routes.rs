//! The emulated CXone API: the issuer's discovery documents, the token endpoint (password grant, HTTP Basic or
//! `client_secret_post`), the active contacts, agent-session join and Agent API mask/unmask, the Multi-ACD mask
//! API and get-recording-status, with CXone's error bodies, the `CorrelationId` header, token expiry and a
//! per-token rate limit.

use super::model::{AuthMethod, JoinField, AGENT_SESSIONS, MULTI_ACD_MASKING, REAL_TIME_DATA};
use super::state::{Pending, State, Token};
use crate::faults::Fault;
use crate::serve::{basic_auth, bearer, form_value, Answer, Request};
use base64::Engine;
use serde_json::{json, Value};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

fn new_id() -> String {
    (0..32)
        .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
        .collect()
}

/// A CXone API error: `{"error", "errorDescription", "correlationId"}` with the `CorrelationId` header.
pub(crate) fn cxone_error(status: u16, error: &str, description: &str) -> Answer {
    let correlation = new_id();
    Answer::json(
        status,
        &json!({"error": error, "errorDescription": description, "correlationId": correlation}),
    )
    .header("correlationid", correlation)
}

/// An OAuth error of the token endpoint.
fn oauth_error(status: u16, error: &str, description: &str) -> Answer {
    Answer::json(
        status,
        &json!({"error": error, "error_description": description}),
    )
}

/// The answer of an injected fault with a status.
pub(crate) fn injected(fault: &Fault, path: &str) -> Answer {
    let status = fault.status.unwrap_or(500);
    let mut answer = if path == "/auth/token" && status < 500 && status != 429 {
        oauth_error(
            status,
            fault.oauth_error.as_deref().unwrap_or("invalid_client"),
            "injected fault",
        )
    } else {
        let code = fault.code.clone().unwrap_or_else(|| {
            match status {
                401 => "invalid_token",
                403 => "forbidden",
                404 => "not_found",
                409 => "conflict",
                422 => "unprocessable_entity",
                425 => "too_early",
                429 => "too_many_requests",
                _ => "server_error",
            }
            .to_string()
        });
        cxone_error(status, &code, &format!("Injected fault: HTTP {status}"))
    };
    if let Some(seconds) = fault.retry_after {
        answer.headers.push(("retry-after", seconds.to_string()));
    }
    answer
}

/// The emulator's own base URL, as the client reached it.
fn base_url(req: &Request) -> String {
    format!("http://{}", req.header("host").unwrap_or("127.0.0.1"))
}

/// Routes one request (faults already applied).
pub(crate) fn route(state: &State, req: &Request) -> Answer {
    match (req.method.as_str(), req.path.as_str()) {
        ("GET", "/.well-known/openid-configuration") => {
            let base = base_url(req);
            Answer::json(
                200,
                &json!({
                    "issuer": base,
                    "token_endpoint": format!("{base}/auth/token"),
                    "authorization_endpoint": format!("{base}/auth/authorize"),
                    "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
                    "grant_types_supported": ["password", "authorization_code", "refresh_token"]
                }),
            )
        }
        ("GET", "/.well-known/cxone-configuration") => cxone_configuration(state, req),
        ("POST", "/auth/token") => token(state, req),
        (_, "/auth/token") => oauth_error(405, "invalid_request", "use POST"),
        _ => api(state, req),
    }
}

fn cxone_configuration(state: &State, req: &Request) -> Answer {
    let Some(tenant) = req.query_param("tenantId").filter(|t| !t.is_empty()) else {
        return cxone_error(400, "invalid_request", "tenantId is required");
    };
    let inner = state.lock();
    if tenant != inner.tenant_id {
        return cxone_error(404, "not_found", "unknown tenant");
    }
    let base = base_url(req);
    Answer::json(
        200,
        &json!({
            "tenantId": tenant,
            "area": inner.area,
            "cluster": format!("{}c1", inner.area),
            "domain": "niceincontact.com",
            "acdDomain": "nice-incontact.com",
            "uhDomain": "nice-incontact.com",
            "api_endpoint": base,
            "auth_endpoint": base,
            "ui_endpoint": base
        }),
    )
}

/// `POST /auth/token`: the password grant with the access key; the application authenticates with HTTP Basic or
/// in the body, as its registration says.
fn token(state: &State, req: &Request) -> Answer {
    if !req.header("content-type").is_some_and(|c| {
        c.to_ascii_lowercase()
            .starts_with("application/x-www-form-urlencoded")
    }) {
        return oauth_error(
            400,
            "invalid_request",
            "Content-Type must be application/x-www-form-urlencoded",
        );
    }
    let form = String::from_utf8_lossy(&req.body).into_owned();
    let field = |name: &str| form_value(&form, name).filter(|v| !v.is_empty());
    if field("grant_type").as_deref() != Some("password") {
        return oauth_error(
            400,
            "unsupported_grant_type",
            "back-end applications use grant_type=password with an access key",
        );
    }
    let basic = req.header("authorization").and_then(basic_auth);
    let posted = field("client_id").zip(field("client_secret"));
    let (client_id, client_secret, method) = match (basic, posted) {
        (Some(_), Some(_)) => {
            return oauth_error(
                400,
                "invalid_request",
                "use one client authentication method, not both",
            )
        }
        (Some((id, secret)), None) => (id, secret, AuthMethod::Basic),
        (None, Some((id, secret))) => (id, secret, AuthMethod::Post),
        (None, None) => {
            return oauth_error(401, "invalid_client", "client authentication is required")
        }
    };
    let mut inner = state.lock();
    let Some(app) = inner.applications.get(&client_id).cloned() else {
        return oauth_error(401, "invalid_client", "unknown client");
    };
    if app.client_secret != client_secret {
        return oauth_error(401, "invalid_client", "client authentication failed")
            .for_client(&client_id);
    }
    if app.auth_method != AuthMethod::Any && app.auth_method != method {
        return oauth_error(
            401,
            "invalid_client",
            "the client authentication method is not the one registered for this application",
        )
        .for_client(&client_id);
    }
    let key = field("username").and_then(|id| inner.access_keys.get(&id).cloned());
    let key = match key {
        Some(k)
            if k.active && field("password").as_deref() == Some(k.access_key_secret.as_str()) =>
        {
            k
        }
        _ => {
            let status = inner.behaviour.bad_access_key_status;
            return oauth_error(status, "invalid_grant", "invalid access key")
                .for_client(&client_id);
        }
    };
    let lifetime = inner.token_lifetime;
    let issued_at = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let claims = json!({
        "iss": base_url(req), "sub": format!("user:{}", key.user_id), "tenantId": inner.tenant_id,
        "iat": issued_at, "exp": issued_at + lifetime.as_secs(), "jti": new_id()
    });
    let access_token = jwt(&claims);
    let id_token = jwt(
        &json!({"iss": base_url(req), "sub": format!("user:{}", key.user_id),
                               "tenantId": inner.tenant_id, "iat": issued_at}),
    );
    inner.tokens.insert(
        access_token.clone(),
        Token {
            access_key_id: key.access_key_id.clone(),
            expires: Instant::now() + lifetime,
        },
    );
    Answer::json(
        200,
        &json!({"access_token": access_token, "token_type": "Bearer", "expires_in": lifetime.as_secs(),
                "refresh_token": new_id(), "id_token": id_token, "issued_token_type": "urn:ietf:params:oauth:token-type:access_token"}),
    )
    .for_client(&client_id)
}

/// An unsigned JWT with these claims (the emulator does not sign; pii-pause reads only `tenantId`).
fn jwt(claims: &Value) -> String {
    let b64 = |v: &Value| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(v.to_string());
    format!(
        "{}.{}.emulator",
        b64(&json!({"alg": "none", "typ": "JWT"})),
        b64(claims)
    )
}

/// The API routes: a valid token, the rate limit, then the call.
fn api(state: &State, req: &Request) -> Answer {
    let Some(token) = bearer(req.header("authorization")) else {
        return cxone_error(401, "invalid_token", "no bearer token");
    };
    let key = {
        let mut inner = state.lock();
        let Some(issued) = inner.tokens.get(token) else {
            return cxone_error(401, "invalid_token", "the token is not valid");
        };
        if Instant::now() >= issued.expires {
            return cxone_error(401, "invalid_token", "the token has expired");
        }
        let Some(key) = inner.access_keys.get(&issued.access_key_id).cloned() else {
            return cxone_error(401, "invalid_token", "the token's user no longer exists");
        };
        if let Some(wait) = inner.rate.check(token) {
            return cxone_error(429, "too_many_requests", "rate limit exceeded")
                .header("retry-after", wait.to_string())
                .for_client(&key.access_key_id);
        }
        key
    };
    let may = |permission: &str| key.permissions.iter().any(|p| p == permission);
    let lower = req.path.to_ascii_lowercase();
    let segments: Vec<&str> = lower.trim_matches('/').split('/').collect();
    let original: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let answer = match (req.method.as_str(), segments.as_slice()) {
        ("GET", ["incontactapi", "services", v, "contacts", "active"]) if version(v) => {
            if may(REAL_TIME_DATA) {
                active_contacts(state, req)
            } else {
                forbidden()
            }
        }
        ("POST", ["incontactapi", "services", v, "agent-sessions", "join"]) if version(v) => {
            if may(AGENT_SESSIONS) {
                join(state, req)
            } else {
                forbidden()
            }
        }
        (
            "POST",
            ["incontactapi", "services", v, "agent-sessions", _, "interactions", _, action],
        ) if version(v) && matches!(*action, "mask" | "unmask") => {
            if may(AGENT_SESSIONS) {
                agent_mask(state, original[4], original[6], *action == "mask")
            } else {
                forbidden()
            }
        }
        ("POST", ["interaction-recording-management-service", "v1", "interactions", action])
            if matches!(*action, "mask" | "unmask") =>
        {
            if may(MULTI_ACD_MASKING) {
                multi_acd_mask(state, req, *action == "mask")
            } else {
                forbidden()
            }
        }
        (
            "GET",
            ["interaction-recording-management-service", "v1", "interactions", "get-recording-status"],
        ) => {
            if may(MULTI_ACD_MASKING) {
                recording_status(state, req)
            } else {
                forbidden()
            }
        }
        _ => cxone_error(404, "not_found", "no such resource"),
    };
    let answer = match req.header("correlationid") {
        Some(id) => {
            let mut a = answer;
            a.headers.retain(|(n, _)| *n != "correlationid");
            a.header("correlationid", id)
        }
        None => answer,
    };
    answer.for_client(&key.access_key_id)
}

/// An API version segment (`v23.0`).
fn version(segment: &str) -> bool {
    segment.strip_prefix('v').is_some_and(|rest| {
        rest.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty()
                && !b.is_empty()
                && (a.to_string() + b).bytes().all(|c| c.is_ascii_digit())
        })
    })
}

fn forbidden() -> Answer {
    cxone_error(
        403,
        "forbidden",
        "the user's security profile does not allow this",
    )
}

/// CXone ids are numbers where they can be.
fn id_value(id: &str) -> Value {
    id.parse::<u64>()
        .map(Value::from)
        .unwrap_or_else(|_| Value::from(id))
}

fn active_contacts(state: &State, req: &Request) -> Answer {
    let contact = req.query_param("contactId");
    let agent = req.query_param("agentId");
    let inner = state.lock();
    let found: Vec<Value> = inner
        .contacts
        .values()
        .map(|(c, _)| c)
        .filter(|c| !c.ended)
        .filter(|c| {
            contact.as_deref().is_none_or(|id| {
                c.contact_id == id || c.master_contact_id.as_deref() == Some(id)
            })
        })
        .filter(|c| agent.as_deref().is_none_or(|id| c.agent_id.as_deref() == Some(id)))
        .map(|c| {
            json!({"contactId": id_value(&c.contact_id),
                   "masterContactId": id_value(c.master_contact_id.as_deref().unwrap_or(&c.contact_id)),
                   "agentId": c.agent_id.as_deref().map(id_value), "mediaTypeName": "Call", "stateName": "Active",
                   "skillId": 4_200_001})
        })
        .collect();
    if found.is_empty() && inner.behaviour.no_active_contacts_status == 204 {
        return Answer::empty(204);
    }
    Answer::json(
        200,
        &json!({"totalRecords": found.len(), "activeContacts": found}),
    )
}

fn join(state: &State, req: &Request) -> Answer {
    let mut inner = state.lock();
    let from_body = serde_json::from_slice::<Value>(&req.body)
        .ok()
        .and_then(|v| match &v["asAgentId"] {
            Value::String(s) => Some(s.clone()),
            Value::Number(n) => Some(n.to_string()),
            _ => None,
        });
    let from_query = req.query_param("asAgentId");
    let agent_id = match inner.behaviour.join_as_agent_in {
        JoinField::Body => from_body,
        JoinField::Query => from_query,
        JoinField::Both => from_body.or(from_query),
    };
    let Some(agent_id) = agent_id else {
        return cxone_error(400, "invalid_request", "asAgentId is required");
    };
    match inner.agents.get(&agent_id) {
        Some(a) if a.logged_in => {}
        _ => return cxone_error(404, "not_found", "the agent has no session to join"),
    }
    let session_id = new_id();
    inner.sessions.insert(session_id.clone(), agent_id);
    Answer::json(200, &json!({"sessionId": session_id}))
}

fn agent_mask(state: &State, session_id: &str, contact_id: &str, mask: bool) -> Answer {
    let mut inner = state.lock();
    let Some(agent) = inner.sessions.get(session_id).cloned() else {
        return cxone_error(404, "not_found", "the agent session does not exist");
    };
    let behaviour = inner.behaviour.clone();
    let Some((contact, _)) = inner.contacts.get_mut(contact_id) else {
        return cxone_error(404, "not_found", "the contact is not on this agent session");
    };
    if contact.ended || contact.agent_id.as_deref() != Some(agent.as_str()) {
        return cxone_error(404, "not_found", "the contact is not on this agent session");
    }
    let repeated = mask && contact.masked;
    if contact.recorded {
        contact.masked = mask;
    }
    let status = match behaviour.repeated_mask_status {
        Some(s) if repeated => s,
        _ => behaviour.agent_mask_status,
    };
    if (200..300).contains(&status) {
        Answer::empty(status)
    } else {
        cxone_error(status, "conflict", "the recording is already masked")
    }
}

/// The agent user's latest active contact, or the error for its absence.
fn user_contact(state: &State, req: &Request) -> Result<String, Answer> {
    let user = req
        .query_param("userId")
        .filter(|u| !u.is_empty())
        .ok_or_else(|| cxone_error(400, "invalid_request", "userId is required"))?;
    state
        .lock()
        .latest_contact_of_user(&user)
        .ok_or_else(|| cxone_error(404, "not_found", "no active interaction for this user"))
}

fn multi_acd_mask(state: &State, req: &Request, mask: bool) -> Answer {
    let contact_id = match user_contact(state, req) {
        Ok(c) => c,
        Err(answer) => return answer,
    };
    let mut inner = state.lock();
    if inner
        .contacts
        .get(&contact_id)
        .is_some_and(|(c, _)| c.internal)
    {
        return cxone_error(
            422,
            "unprocessable_entity",
            "internal calls are not supported",
        );
    }
    if inner.pending.contains_key(&contact_id) {
        return cxone_error(
            425,
            "too_early",
            "the interaction is locked while an earlier mask or unmask is processed",
        );
    }
    let behaviour = inner.behaviour.clone();
    inner.pending.insert(
        contact_id.clone(),
        Pending {
            mask,
            reads_left: behaviour.status_reads_until_applied,
        },
    );
    if behaviour.multi_acd_mask_status == 202 && behaviour.status_reads_until_applied > 0 {
        Answer::empty(202)
    } else {
        inner.apply_pending(&contact_id);
        Answer::empty(behaviour.multi_acd_mask_status)
    }
}

fn recording_status(state: &State, req: &Request) -> Answer {
    let contact_id = match user_contact(state, req) {
        Ok(c) => c,
        Err(answer) => return answer,
    };
    let mut inner = state.lock();
    let due = inner.pending.get_mut(&contact_id).is_some_and(|p| {
        p.reads_left = p.reads_left.saturating_sub(1);
        p.reads_left == 0
    });
    if due {
        inner.apply_pending(&contact_id);
    }
    let Some((c, _)) = inner.contacts.get(&contact_id) else {
        return cxone_error(404, "not_found", "no active interaction for this user");
    };
    let (reason, recording) = match (c.recorded, c.masked) {
        (false, _) => ("Policy", "NoRecording"),
        (true, true) => ("Mask", "Recording"),
        (true, false) => ("Policy", "Recording"),
    };
    Answer::json(
        200,
        &json!({"contactId": id_value(&c.contact_id), "segmentId": format!("{}-1", c.contact_id),
                "interactionId": format!("00000000-0000-4000-8000-{:0>12}", c.contact_id.chars().take(12).collect::<String>()),
                "statusReason": reason, "recordingStatusToAgent": recording, "recordingStatusFromAgent": recording}),
    )
}

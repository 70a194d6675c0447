//! The Genesys emulator's admin API under `/__emulator/` (besides the shared request log and faults): seed
//! conversations, change them out of band, change OAuth clients (grant roles, rotate secrets), expire tokens, set
//! the rate limit and the answer to a repeated pause.

use super::model::{Conversation, OAuthClient};
use super::routes::genesys_error;
use super::state::State;
use crate::serve::Answer;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn bad_body(route: &str, problem: &str, expected: &str) -> Answer {
    genesys_error(
        400,
        "bad.request",
        &format!(
            "{route}: {problem}; expected {expected} (docs/emulator.md lists every admin body)"
        ),
        None,
    )
}

fn parse<T: DeserializeOwned>(route: &str, body: &[u8], expected: &str) -> Result<T, Answer> {
    crate::body::parse(body).map_err(|problem| bad_body(route, &problem, expected))
}

/// One object or an array of them (`PUT /__emulator/conversations` and `/clients` take either).
fn parse_many<T: DeserializeOwned>(
    route: &str,
    body: &[u8],
    expected: &str,
) -> Result<Vec<T>, Answer> {
    crate::body::parse_many(body).map_err(|problem| bad_body(route, &problem, expected))
}

const CONVERSATION_BODY: &str = "a conversation {\"id\": \"<uuid>\", \"mediaType\": \"call\", \"recordingState\": \"ACTIVE\", \"participants\": [{\"id\": \"p1\", \"attributes\": {}}]} or an array of them";
const CLIENT_BODY: &str = "an OAuth client {\"clientId\": \"...\", \"clientSecret\": \"...\", \"roles\": [{\"name\": \"...\", \"permissions\": [\"conversation:recording:pauseOthers\"], \"divisions\": [\"*\"]}]} or an array of them";

pub(crate) fn handle(state: &State, method: &str, path: &str, body: &[u8]) -> Answer {
    let ok = || Answer::json(200, &json!({"ok": true}));
    let result = match (method, path.trim_end_matches('/')) {
        ("PUT", "/conversations") => {
            parse_many::<Conversation>("PUT /__emulator/conversations", body, CONVERSATION_BODY)
                .map(|list| {
                    let count = list.len();
                    list.into_iter().for_each(|c| state.put_conversation(c));
                    Answer::json(200, &json!({"ok": true, "conversations": count}))
                })
        }
        ("PUT", "/clients") => {
            parse_many::<OAuthClient>("PUT /__emulator/clients", body, CLIENT_BODY).map(|list| {
                let count = list.len();
                list.into_iter().for_each(|c| state.put_client(c));
                Answer::json(200, &json!({"ok": true, "clients": count}))
            })
        }
        ("POST", "/tokens/expire") => {
            state.expire_tokens();
            Ok(ok())
        }
        ("PUT", "/repeated-pause") => {
            parse::<Value>("PUT /__emulator/repeated-pause", body, "{\"status\": 400}").and_then(
                |v| match v.get("status").and_then(Value::as_u64) {
                    Some(status @ (200 | 400 | 409)) => {
                        state.set_repeated_pause_status(status as u16);
                        Ok(ok())
                    }
                    _ => Err(genesys_error(
                        400,
                        "bad.request",
                        "admin body: {\"status\": 200, 400 or 409} expected",
                        None,
                    )),
                },
            )
        }
        ("PUT", "/rate-limit") => parse::<Value>(
            "PUT /__emulator/rate-limit",
            body,
            "{\"perMinute\": 300, \"windowMs\": 60000}",
        )
        .map(|v| {
            let limit = v
                .get("perMinute")
                .or_else(|| v.get("limit"))
                .and_then(Value::as_u64)
                .unwrap_or(300) as u32;
            let window = v.get("windowMs").and_then(Value::as_u64).unwrap_or(60_000);
            state.set_rate_limit(limit, std::time::Duration::from_millis(window));
            ok()
        }),
        (m, p) => match (
            m,
            p.strip_prefix("/conversations/"),
            p.strip_prefix("/clients/"),
        ) {
            ("POST", Some(rest), _) if rest.ends_with("/recording") => {
                let id = rest.trim_end_matches("/recording");
                parse::<Value>(
                    "POST /__emulator/conversations/{id}/recording",
                    body,
                    "{\"recordingState\": \"ACTIVE\", \"securePause\": false}",
                )
                .and_then(|v| {
                    let wanted = v
                        .get("recordingState")
                        .and_then(Value::as_str)
                        .map(str::to_ascii_uppercase);
                    let secure = v.get("securePause").and_then(Value::as_bool).unwrap_or(false);
                    match wanted.as_deref() {
                        Some(s @ ("ACTIVE" | "PAUSED")) => {
                            if state.set_recording_out_of_band(id, s, secure) {
                                Ok(ok())
                            } else {
                                Err(genesys_error(404, "not.found", "no such conversation in the emulator", None))
                            }
                        }
                        _ => Err(genesys_error(
                            400,
                            "bad.request",
                            "admin body: {\"recordingState\": \"ACTIVE\" | \"PAUSED\", \"securePause\": bool} expected",
                            None,
                        )),
                    }
                })
            }
            ("GET", Some(id), _) => Ok(match state.conversation(id) {
                Some(c) => Answer::json(200, &serde_json::to_value(c).unwrap_or(Value::Null)),
                None => genesys_error(
                    404,
                    "not.found",
                    "no such conversation in the emulator",
                    None,
                ),
            }),
            ("DELETE", _, Some(id)) => {
                state.remove_client(id);
                Ok(ok())
            }
            _ => Ok(genesys_error(
                404,
                "not.found",
                "unknown emulator admin route",
                None,
            )),
        },
    };
    result.unwrap_or_else(|e| e)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::genesys::OrgSeed;

    fn answer(state: &State, method: &str, path: &str, body: &str) -> (u16, Value) {
        let a = handle(state, method, path, body.as_bytes());
        (
            a.status,
            serde_json::from_slice(&a.body).unwrap_or(Value::Null),
        )
    }

    #[test]
    fn conversations_come_one_at_a_time_or_as_an_array() {
        let state = State::new(OrgSeed::demo());
        let one = r#"{"id": "11111111-1111-4111-8111-111111111111"}"#;
        assert_eq!(answer(&state, "PUT", "/conversations", one).0, 200);
        let many = r#"[{"id": "22222222-2222-4222-8222-222222222222", "mediaType": "email"},
                       {"id": "33333333-3333-4333-8333-333333333333", "recordingState": "PAUSED"}]"#;
        let (status, body) = answer(&state, "PUT", "/conversations", many);
        assert_eq!((status, &body["conversations"]), (200, &json!(2)), "{body}");
        assert_eq!(
            state
                .conversation("33333333-3333-4333-8333-333333333333")
                .map(|c| c.recording_state),
            Some("PAUSED".to_string())
        );
        assert_eq!(
            state
                .conversation("22222222-2222-4222-8222-222222222222")
                .map(|c| c.media_segment()),
            Some("emails")
        );
    }

    #[test]
    fn a_bad_admin_body_says_what_was_expected() {
        let state = State::new(OrgSeed::demo());
        let (status, body) = answer(&state, "PUT", "/conversations", r#"[{"id": 1}]"#);
        let message = body["message"].as_str().unwrap_or_default();
        assert_eq!(status, 400, "{body}");
        assert!(
            message.contains("PUT /__emulator/conversations: item 0 is not valid"),
            "{message}"
        );
        assert!(message.contains("or an array of them"), "{message}");
        let (status, body) = answer(&state, "PUT", "/clients", r#""pii-pause""#);
        assert_eq!(status, 400, "{body}");
        assert!(
            body["message"]
                .as_str()
                .is_some_and(|m| m.contains("neither an object nor an array")),
            "{body}"
        );
    }
}

//! The emulator's admin API under `/__emulator/`: read the request log, inject faults, seed conversations,
//! change OAuth clients (grant roles, rotate secrets), expire tokens, set the rate limit.

use super::faults::Fault;
use super::model::{Conversation, OAuthClient};
use super::routes::{genesys_error, Answer};
use super::state::State;
use serde::de::DeserializeOwned;
use serde_json::{json, Value};

fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, Answer> {
    serde_json::from_slice(body)
        .map_err(|e| genesys_error(400, "bad.request", &format!("admin body: {e}"), None))
}

pub(crate) fn handle(state: &State, method: &str, path: &str, body: &[u8]) -> Answer {
    let ok = || Answer::json(200, &json!({"ok": true}));
    let result = match (method, path.trim_end_matches('/')) {
        ("GET", "/health") => Ok(ok()),
        ("GET", "/requests") => Ok(Answer::json(
            200,
            &serde_json::to_value(state.requests()).unwrap_or(Value::Null),
        )),
        ("DELETE", "/requests") => {
            state.clear_requests();
            Ok(ok())
        }
        ("POST", "/faults") => parse::<Fault>(body).map(|f| {
            state.add_fault(f);
            ok()
        }),
        ("DELETE", "/faults") => {
            state.clear_faults();
            Ok(ok())
        }
        ("PUT", "/conversations") => parse::<Conversation>(body).map(|c| {
            state.put_conversation(c);
            ok()
        }),
        ("PUT", "/clients") => parse::<OAuthClient>(body).map(|c| {
            state.put_client(c);
            ok()
        }),
        ("POST", "/tokens/expire") => {
            state.expire_tokens();
            Ok(ok())
        }
        ("PUT", "/repeated-pause") => {
            parse::<Value>(body).and_then(|v| match v.get("status").and_then(Value::as_u64) {
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
            })
        }
        ("PUT", "/rate-limit") => parse::<Value>(body).map(|v| {
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
                parse::<Value>(body).and_then(|v| {
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

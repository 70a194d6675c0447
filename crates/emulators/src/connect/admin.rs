//! The Connect emulator's admin API under `/__emulator/` (besides the shared request log and faults): contacts
//! (seed, transfer, out-of-band recording changes) and the undocumented behaviour (repeated Suspend, rate, denied
//! operations).

use super::model::Contact;
use super::routes::error;
use super::state::State;
use crate::body::{parse, parse_many};
use crate::serve::Answer;
use serde_json::{json, Value};

fn bad(route: &str, problem: &str, expected: &str) -> Answer {
    error(
        400,
        "InvalidRequestException",
        &format!(
            "{route}: {problem}; expected {expected} (docs/emulator.md lists every admin body)"
        ),
    )
}

const CONTACT_BODY: &str = "a contact {\"id\": \"<uuid>\", \"instanceId\": \"<uuid>\", \"channel\": \"VOICE\", \"recording\": \"ACTIVE\", \"attributes\": {}} or an array of them";

pub(crate) fn handle(state: &State, method: &str, path: &str, body: &[u8]) -> Answer {
    let ok = || Answer::json(200, &json!({"ok": true}));
    let path = path.trim_end_matches('/');
    match (method, path) {
        ("PUT", "/contacts") => match parse_many::<Contact>(body) {
            Ok(contacts) => {
                for c in contacts {
                    state.put_contact(c);
                }
                ok()
            }
            Err(p) => bad("PUT /__emulator/contacts", &p, CONTACT_BODY),
        },
        ("PUT", "/behaviour") => match parse::<Value>(body) {
            Ok(v) => {
                if let Some(status) = v.get("repeatedChangeStatus").and_then(Value::as_u64) {
                    state.set_repeated_change_status(if status == 400 { 400 } else { 200 });
                }
                if let Some(rate) = v.get("ratePerSecond").and_then(Value::as_u64) {
                    let burst = v.get("burst").and_then(Value::as_u64).unwrap_or(5);
                    state.set_rate(rate as u32, burst as u32);
                }
                if let Some(denied) = v.get("deniedOperations").and_then(Value::as_array) {
                    state.set_denied_operations(
                        denied.iter().filter_map(Value::as_str).map(str::to_string).collect(),
                    );
                }
                ok()
            }
            Err(p) => bad(
                "PUT /__emulator/behaviour",
                &p,
                "{\"repeatedChangeStatus\": 400, \"ratePerSecond\": 2, \"burst\": 5, \"deniedOperations\": [\"SuspendContactRecording\"]}",
            ),
        },
        _ => match path.strip_prefix("/contacts/") {
            Some(rest) => contact_route(state, method, rest, body),
            None => error(404, "ResourceNotFoundException", "unknown emulator admin route"),
        },
    }
}

fn contact_route(state: &State, method: &str, rest: &str, body: &[u8]) -> Answer {
    let not_found = || {
        error(
            404,
            "ResourceNotFoundException",
            "no such contact in the emulator",
        )
    };
    match (method, rest.split_once('/')) {
        ("GET", None) => match state.contact(rest) {
            Some(c) => Answer::json(200, &serde_json::to_value(c).unwrap_or(Value::Null)),
            None => not_found(),
        },
        ("POST", Some((id, "transfer"))) => match state.transfer(id) {
            Some(new_id) => Answer::json(200, &json!({ "contactId": new_id })),
            None => not_found(),
        },
        ("POST", Some((id, "recording"))) => {
            let wanted = parse::<Value>(body).ok().and_then(|v| {
                v.get("recording")
                    .and_then(Value::as_str)
                    .map(str::to_ascii_uppercase)
            });
            match wanted.as_deref() {
                Some(r @ ("ACTIVE" | "SUSPENDED")) if state.set_recording_out_of_band(id, r) => {
                    Answer::json(200, &json!({"ok": true}))
                }
                Some("ACTIVE" | "SUSPENDED") => not_found(),
                _ => bad(
                    "POST /__emulator/contacts/{id}/recording",
                    "`recording` must be ACTIVE or SUSPENDED",
                    "{\"recording\": \"ACTIVE\"}",
                ),
            }
        }
        _ => error(
            404,
            "ResourceNotFoundException",
            "unknown emulator admin route",
        ),
    }
}

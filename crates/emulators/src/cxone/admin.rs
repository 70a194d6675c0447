//! The CXone emulator's admin API under `/__emulator/` (besides the shared request log and faults): seed contacts,
//! agents, access keys and applications, mask or unmask a recording out of band, expire tokens, end agent
//! sessions, set the undocumented behaviour and the rate limit.

use super::model::{AccessKey, Agent, Application, Behaviour, Contact};
use super::routes::cxone_error;
use super::state::State;
use crate::body::{parse, parse_many};
use crate::serve::Answer;
use serde_json::{json, Value};

const CONTACT_BODY: &str =
    "a contact {\"contactId\": \"584893020\", \"agentId\": \"1234567\", \"recorded\": true, \
\"masked\": false, \"internal\": false, \"ended\": false} or an array of them";
const AGENT_BODY: &str =
    "an agent {\"agentId\": \"1234567\", \"userId\": \"...\", \"loggedIn\": true} or an array of them";
const KEY_BODY: &str = "an access key {\"accessKeyId\": \"...\", \"accessKeySecret\": \"...\", \"userId\": \"...\", \
\"permissions\": [\"RealTimeData\", \"AgentSessions\", \"MultiAcdMasking\"], \"active\": true} or an array of them";
const APPLICATION_BODY: &str =
    "an application {\"clientId\": \"...\", \"clientSecret\": \"...\", \"authMethod\": \
\"client_secret_basic\" | \"client_secret_post\" | \"any\"} or an array of them";
const BEHAVIOUR_BODY: &str = "some of {\"agentMaskStatus\": 202, \"repeatedMaskStatus\": 409, \
\"multiAcdMaskStatus\": 202, \"statusReadsUntilApplied\": 1, \"joinAsAgentIn\": \"body\" | \"query\" | \"both\", \
\"badAccessKeyStatus\": 400, \"noActiveContactsStatus\": 204}";

/// 400 naming the route, the problem and the body expected.
fn bad(route: &str, problem: &str, expected: &str) -> Answer {
    cxone_error(
        400,
        "invalid_request",
        &format!("{route}: {problem}; expected {expected} (docs/cxone.md lists every admin body)"),
    )
}

/// Stores each item of a one-or-many body with `put`; answers how many.
fn put_many<T: serde::de::DeserializeOwned>(
    route: &str,
    body: &[u8],
    expected: &str,
    label: &str,
    put: impl Fn(T),
) -> Result<Answer, Answer> {
    let items: Vec<T> = parse_many(body).map_err(|p| bad(route, &p, expected))?;
    let count = items.len();
    items.into_iter().for_each(put);
    Ok(Answer::json(200, &json!({"ok": true, label: count})))
}

pub(crate) fn handle(state: &State, method: &str, path: &str, body: &[u8]) -> Answer {
    let ok = || Answer::json(200, &json!({"ok": true}));
    let result = match (method, path.trim_end_matches('/')) {
        ("PUT", "/contacts") => put_many(
            "PUT /__emulator/contacts",
            body,
            CONTACT_BODY,
            "contacts",
            |c: Contact| state.put_contact(c),
        ),
        ("PUT", "/agents") => put_many(
            "PUT /__emulator/agents",
            body,
            AGENT_BODY,
            "agents",
            |a: Agent| state.put_agent(a),
        ),
        ("PUT", "/access-keys") => put_many(
            "PUT /__emulator/access-keys",
            body,
            KEY_BODY,
            "accessKeys",
            |k: AccessKey| state.put_access_key(k),
        ),
        ("PUT", "/applications") => put_many(
            "PUT /__emulator/applications",
            body,
            APPLICATION_BODY,
            "applications",
            |a: Application| state.put_application(a),
        ),
        ("PUT", "/behaviour") => behaviour(state, body),
        ("GET", "/behaviour") => Ok(Answer::json(
            200,
            &serde_json::to_value(state.behaviour()).unwrap_or(Value::Null),
        )),
        ("POST", "/tokens/expire") => {
            state.expire_tokens();
            Ok(ok())
        }
        ("POST", "/sessions/end") => {
            state.end_sessions();
            Ok(ok())
        }
        ("PUT", "/rate-limit") => parse::<Value>(body)
            .map(|v| {
                let limit = v.get("perMinute").and_then(Value::as_u64).unwrap_or(0) as u32;
                let window = v.get("windowMs").and_then(Value::as_u64).unwrap_or(60_000);
                state.set_rate_limit(limit, std::time::Duration::from_millis(window));
                ok()
            })
            .map_err(|p| {
                bad(
                    "PUT /__emulator/rate-limit",
                    &p,
                    "{\"perMinute\": 60, \"windowMs\": 60000}",
                )
            }),
        (m, p) => match (m, p.strip_prefix("/contacts/")) {
            ("POST", Some(rest)) if rest.ends_with("/recording") => {
                let id = rest.trim_end_matches("/recording");
                let route = "POST /__emulator/contacts/{id}/recording";
                let expected = "{\"masked\": true | false}";
                parse::<Value>(body)
                    .map_err(|p| bad(route, &p, expected))
                    .and_then(|v| match v.get("masked").and_then(Value::as_bool) {
                        Some(masked) if state.set_masked_out_of_band(id, masked) => Ok(ok()),
                        Some(_) => Err(cxone_error(
                            404,
                            "not_found",
                            "no such contact in the emulator",
                        )),
                        None => Err(bad(route, "`masked` is missing", expected)),
                    })
            }
            ("GET", Some(id)) => Ok(match state.contact(id) {
                Some(c) => Answer::json(200, &serde_json::to_value(c).unwrap_or(Value::Null)),
                None => cxone_error(404, "not_found", "no such contact in the emulator"),
            }),
            _ => Ok(cxone_error(
                404,
                "not_found",
                "unknown emulator admin route",
            )),
        },
    };
    result.unwrap_or_else(|e| e)
}

/// `PUT /__emulator/behaviour`: the fields given replace the current ones.
fn behaviour(state: &State, body: &[u8]) -> Result<Answer, Answer> {
    let route = "PUT /__emulator/behaviour";
    let patch: Value = parse(body).map_err(|p| bad(route, &p, BEHAVIOUR_BODY))?;
    let Value::Object(patch) = patch else {
        return Err(bad(route, "the body is not an object", BEHAVIOUR_BODY));
    };
    let mut current = serde_json::to_value(state.behaviour()).unwrap_or(Value::Null);
    for (k, v) in patch {
        current[k] = v;
    }
    let updated: Behaviour =
        parse(current.to_string().as_bytes()).map_err(|p| bad(route, &p, BEHAVIOUR_BODY))?;
    state.set_behaviour(updated.clone());
    Ok(Answer::json(
        200,
        &serde_json::to_value(updated).unwrap_or(Value::Null),
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cxone::model::{TenantSeed, DEMO_CONTACT};

    fn answer(state: &State, method: &str, path: &str, body: &str) -> (u16, Value) {
        let a = handle(state, method, path, body.as_bytes());
        (
            a.status,
            serde_json::from_slice(&a.body).unwrap_or(Value::Null),
        )
    }

    #[test]
    fn behaviour_is_patched_and_bad_bodies_say_what_was_expected() {
        let state = State::new(TenantSeed::demo());
        let (status, body) = answer(&state, "PUT", "/behaviour", r#"{"agentMaskStatus": 200}"#);
        assert_eq!(
            (status, &body["agentMaskStatus"]),
            (200, &json!(200)),
            "{body}"
        );
        assert_eq!(body["multiAcdMaskStatus"], 202, "the rest is kept: {body}");
        let (status, body) = answer(
            &state,
            "PUT",
            "/behaviour",
            r#"{"joinAsAgentIn": "header"}"#,
        );
        assert_eq!(status, 400, "{body}");
        assert!(
            body["errorDescription"]
                .as_str()
                .is_some_and(|m| m.contains("joinAsAgentIn")),
            "{body}"
        );
        let (status, body) = answer(&state, "PUT", "/contacts", r#"[{"contactId": 1}]"#);
        assert_eq!(status, 400, "{body}");
        assert!(
            body["errorDescription"]
                .as_str()
                .is_some_and(|m| m.contains("PUT /__emulator/contacts: item 0 is not valid")),
            "{body}"
        );
    }

    #[test]
    fn contacts_are_seeded_and_changed_out_of_band() {
        let state = State::new(TenantSeed::demo());
        let (status, _) = answer(
            &state,
            "PUT",
            "/contacts",
            r#"[{"contactId": "1001", "agentId": "1234567"}, {"contactId": "1002", "internal": true}]"#,
        );
        assert_eq!(status, 200);
        assert!(state
            .contact("1002")
            .is_some_and(|c| c.internal && c.agent_id.is_none()));
        let path = format!("/contacts/{DEMO_CONTACT}/recording");
        assert_eq!(answer(&state, "POST", &path, r#"{"masked": true}"#).0, 200);
        assert!(state.contact(DEMO_CONTACT).is_some_and(|c| c.masked));
        assert_eq!(
            answer(
                &state,
                "POST",
                "/contacts/nope/recording",
                r#"{"masked": true}"#
            )
            .0,
            404
        );
    }
}

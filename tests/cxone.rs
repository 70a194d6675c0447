//! The CXone adapter against the CXone emulator, through the handler: the exact requests of a sign-in (discovery,
//! the password grant with each client-authentication style, the tenant's API endpoint) and of a mask on each
//! ACD, what each status does (200, 202, 401, 403, 404, 409, 422, 425, 429, 5xx), and that every flagged contact
//! ends masked or held.

mod support;

use pii_pause::app::{App, Invoke};
use pii_pause_emulators::cxone::model::{
    DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, POST_CLIENT_ID,
    POST_CLIENT_SECRET, READ_ONLY_ACCESS_KEY_ID, READ_ONLY_ACCESS_KEY_SECRET,
};
use pii_pause_emulators::cxone::{Behaviour, Contact, Fault, JoinField, RunningEmulator};
use pii_pause_emulators::Journaled;
use serde_json::{json, Value};
use std::time::{SystemTime, UNIX_EPOCH};
use support::cxone::*;

const SESSIONS: &str = "/InContactAPI/services/v23.0/agent-sessions";

fn invoke(deadline_ms: u64) -> Invoke {
    Invoke {
        request_id: "req-cxone".into(),
        deadline_ms,
    }
}

/// Decides `record` and returns its result; checks the invariant: masked in the emulator, or held.
async fn decide(emu: &RunningEmulator, app: &App, record: &Value, deadline_ms: u64) -> Value {
    let report = app
        .handle(record, &invoke(deadline_ms))
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = report["results"][0].clone();
    assert_eq!(result["platform"], "cxone", "{report}");
    let masked = emu
        .state
        .contact(record["conversationId"].as_str().unwrap_or(""))
        .is_some_and(|c| c.masked);
    match result["action"].as_str() {
        Some("paused") | Some("already_paused") => {
            assert!(masked, "reported masked but the emulator is not: {result}");
            assert_eq!(result["export"], "redact", "{result}");
            assert_eq!(result["recordingState"], "MASKED", "{result}");
        }
        Some("resumed") => assert!(
            !masked,
            "reported unmasked but the emulator is not: {result}"
        ),
        _ => assert_eq!(result["export"], "hold", "not masked, so held: {result}"),
    }
    result
}

fn new_contact(emu: &RunningEmulator, agent: &str) -> String {
    let id = format!("58{}", fastrand::u64(1_000_000..9_999_999));
    emu.state.put_contact(Contact {
        contact_id: id.clone(),
        agent_id: Some(agent.into()),
        master_contact_id: None,
        internal: false,
        recorded: true,
        masked: false,
        ended: false,
    });
    id
}

fn statuses(emu: &RunningEmulator, part: &str) -> Vec<u16> {
    emu.state
        .requests()
        .iter()
        .filter(|r| r.path.contains(part))
        .map(|r| r.status)
        .collect()
}

fn code(result: &Value) -> &str {
    result["error"]["code"].as_str().unwrap_or("")
}

fn hint(result: &Value) -> &str {
    result["error"]["hint"].as_str().unwrap_or("")
}

#[tokio::test]
async fn signs_in_by_discovery_and_masks_through_the_agent_api() {
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);

    let result = decide(&emu, &app, &card_record(DEMO_CONTACT, None), 0).await;
    assert_eq!(result["action"], "paused", "{result}");
    assert_eq!(
        result["findings"],
        json!([{"kind": "CREDIT_CARD", "field": "participants[0].attributes.cardNumber"}])
    );
    let log = emu.state.requests();
    let expected: Vec<(String, String)> = [
        ("GET", "/.well-known/openid-configuration".to_string()),
        ("POST", "/auth/token".to_string()),
        ("GET", "/.well-known/cxone-configuration".to_string()),
        (
            "GET",
            "/InContactAPI/services/v23.0/contacts/active".to_string(),
        ),
        ("POST", format!("{SESSIONS}/join")),
    ]
    .into_iter()
    .map(|(m, p)| (m.to_string(), p))
    .collect();
    assert_eq!(calls(&log)[..5], expected[..], "{:#?}", calls(&log));
    // The password grant: form-encoded access key (its `+`, `/` and `=` survive), the application in HTTP Basic.
    let token = &log[1];
    assert_eq!(
        token.content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(
        pii_pause_emulators::serve::form_value(&token.body, "password").as_deref(),
        Some(DEMO_ACCESS_KEY_SECRET)
    );
    assert_eq!(
        pii_pause_emulators::serve::form_value(&token.body, "username").as_deref(),
        Some(DEMO_ACCESS_KEY_ID)
    );
    assert!(!token.body.contains("client_secret"), "{}", token.body);
    assert_eq!(
        token
            .authorization
            .as_deref()
            .and_then(pii_pause_emulators::serve::basic_auth),
        Some((DEMO_CLIENT_ID.into(), DEMO_CLIENT_SECRET.into()))
    );
    assert_eq!(
        log[2].query.as_deref(),
        Some(format!("tenantId={DEMO_TENANT}").as_str())
    );
    assert_eq!(
        log[3].query.as_deref(),
        Some(format!("contactId={DEMO_CONTACT}").as_str())
    );
    assert_eq!(
        serde_json::from_str::<Value>(&log[4].body).ok(),
        Some(json!({"asAgentId": 1234567}))
    );
    let mask = &log[5];
    assert!(
        mask.path.starts_with(&format!("{SESSIONS}/"))
            && mask
                .path
                .ends_with(&format!("/interactions/{DEMO_CONTACT}/mask")),
        "{}",
        mask.path
    );
    assert_eq!((mask.method.as_str(), mask.status), ("POST", 202));
    assert!(mask
        .authorization
        .as_deref()
        .is_some_and(|a| a.starts_with("Bearer ")));
    assert_eq!(log.len(), 6);

    // A second call of the same agent: the token, the endpoints and the agent session are reused.
    let second = new_contact(&emu, DEMO_AGENT);
    let result = decide(&emu, &app, &card_record(&second, Some(DEMO_AGENT)), 0).await;
    assert_eq!(result["action"], "paused");
    let new = calls(&emu.state.requests()[6..]);
    assert_eq!(
        new,
        vec![("POST".to_string(), mask.path.replace(DEMO_CONTACT, &second))]
    );
}

#[tokio::test]
async fn client_secret_post_sends_the_application_in_the_body() {
    let emu = emulator().await;
    let secret =
        json!({"access_key_id": DEMO_ACCESS_KEY_ID, "access_key_secret": DEMO_ACCESS_KEY_SECRET,
        "client_id": POST_CLIENT_ID, "client_secret": POST_CLIENT_SECRET, "issuer": emu.url(),
        "client_auth": "post"})
        .to_string();
    let app = app(&secret, &[]);
    let result = decide(&emu, &app, &card_record(DEMO_CONTACT, Some(DEMO_AGENT)), 0).await;
    assert_eq!(result["action"], "paused", "{result}");
    let log = emu.state.requests();
    let token = log
        .iter()
        .find(|r| r.path == "/auth/token")
        .unwrap_or_else(|| panic!("no token request"));
    assert_eq!(token.authorization, None);
    let form = |name: &str| pii_pause_emulators::serve::form_value(&token.body, name);
    assert_eq!(form("client_id").as_deref(), Some(POST_CLIENT_ID));
    assert_eq!(form("client_secret").as_deref(), Some(POST_CLIENT_SECRET));
    assert_eq!(form("grant_type").as_deref(), Some("password"));
}

#[tokio::test]
async fn each_token_refusal_names_its_cause() {
    let emu = emulator().await;
    // The application is registered for client_secret_post; the secret says Basic.
    let basic_for_post =
        json!({"access_key_id": DEMO_ACCESS_KEY_ID, "access_key_secret": DEMO_ACCESS_KEY_SECRET,
        "client_id": POST_CLIENT_ID, "client_secret": POST_CLIENT_SECRET, "issuer": emu.url()})
        .to_string();
    let result = decide(
        &emu,
        &app(&basic_for_post, &[]),
        &card_record(DEMO_CONTACT, None),
        0,
    )
    .await;
    assert_eq!(
        (result["action"].as_str(), code(&result)),
        (Some("failed"), "oauth.invalid_client"),
        "{result}"
    );
    assert!(hint(&result).contains("client_auth"), "{result}");

    let wrong_key =
        json!({"access_key_id": DEMO_ACCESS_KEY_ID, "access_key_secret": "regenerated-since",
        "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET, "issuer": emu.url()})
        .to_string();
    let result = decide(
        &emu,
        &app(&wrong_key, &[]),
        &card_record(DEMO_CONTACT, None),
        0,
    )
    .await;
    assert_eq!(code(&result), "oauth.invalid_grant", "{result}");
    assert!(hint(&result).contains("regenerated key"), "{result}");
    assert!(
        !result.to_string().contains("regenerated-since"),
        "{result}"
    );

    let wrong_issuer = secret(&format!("{}/no-such-issuer", emu.url()));
    let result = decide(
        &emu,
        &app(&wrong_issuer, &[]),
        &card_record(DEMO_CONTACT, None),
        0,
    )
    .await;
    assert_eq!(code(&result), "cxone.discovery", "{result}");
    assert!(hint(&result).contains("issuer"), "{result}");
    assert!(
        statuses(&emu, SESSIONS).is_empty(),
        "nothing was masked without a token"
    );
}

#[tokio::test]
async fn configured_endpoints_replace_discovery() {
    let emu = emulator().await;
    let token_url = format!("{}/auth/token", emu.url());
    let app = app(
        &secret("https://cxone.niceincontact.com"),
        &[
            ("CXONE_AUTH_URL", &token_url),
            ("CXONE_API_URL", &emu.url()),
        ],
    );
    let result = decide(&emu, &app, &card_record(DEMO_CONTACT, Some(DEMO_AGENT)), 0).await;
    assert_eq!(result["action"], "paused", "{result}");
    assert!(
        emu.state
            .requests()
            .iter()
            .all(|r| !r.path.starts_with("/.well-known")),
        "no discovery with both endpoints configured"
    );
}

#[tokio::test]
async fn agent_api_statuses() {
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    let record = |id: &str| card_record(id, Some(DEMO_AGENT));

    // 200 (applied synchronously) and 202 (accepted) both confirm the mask.
    emu.state.set_behaviour(Behaviour {
        agent_mask_status: 200,
        ..Default::default()
    });
    let first = new_contact(&emu, DEMO_AGENT);
    assert_eq!(
        decide(&emu, &app, &record(&first), 0).await["action"],
        "paused"
    );
    emu.state.set_behaviour(Default::default());

    // 401 (the token expired): one new sign-in, and the mask goes through.
    emu.state.expire_tokens();
    let id = new_contact(&emu, DEMO_AGENT);
    let before = token_requests(&emu.state.requests());
    assert_eq!(
        decide(&emu, &app, &record(&id), 0).await["action"],
        "paused"
    );
    assert_eq!(token_requests(&emu.state.requests()), before + 1);
    assert_eq!(statuses(&emu, &format!("{id}/mask")), vec![401, 202]);

    // 404 on the cached session (the agent logged out and in): joined again, masked.
    emu.state.end_sessions();
    let id = new_contact(&emu, DEMO_AGENT);
    let joins = statuses(&emu, "/join").len();
    assert_eq!(
        decide(&emu, &app, &record(&id), 0).await["action"],
        "paused"
    );
    assert_eq!(statuses(&emu, &format!("{id}/mask")), vec![404, 202]);
    assert_eq!(statuses(&emu, "/join").len(), joins + 1);

    // 409 on the cached session: joined again, masked.
    emu.state.add_fault(Fault {
        path: Some("/mask".into()),
        status: Some(409),
        times: Some(1),
        ..Fault::default()
    });
    let id = new_contact(&emu, DEMO_AGENT);
    assert_eq!(
        decide(&emu, &app, &record(&id), 0).await["action"],
        "paused"
    );
    assert_eq!(statuses(&emu, &format!("{id}/mask")), vec![409, 202]);

    // 404 for a contact that is not on the agent: the session is joined again once, then the contact is held.
    let elsewhere = new_contact(&emu, "7654321");
    let joins = statuses(&emu, "/join").len();
    let result = decide(&emu, &app, &record(&elsewhere), 0).await;
    assert_eq!(result["action"], "not_found", "{result}");
    assert!(
        hint(&result).contains("not on the agent's session"),
        "{result}"
    );
    assert_eq!(statuses(&emu, &format!("{elsewhere}/mask")), vec![404, 404]);
    assert_eq!(statuses(&emu, "/join").len(), joins + 1);

    // 429 with Retry-After, then 503 twice: retried, masked.
    emu.state.add_fault(Fault {
        path: Some("/mask".into()),
        status: Some(429),
        retry_after: Some(1),
        times: Some(1),
        ..Fault::default()
    });
    let id = new_contact(&emu, DEMO_AGENT);
    assert_eq!(
        decide(&emu, &app, &record(&id), 0).await["action"],
        "paused"
    );
    assert_eq!(statuses(&emu, &format!("{id}/mask")), vec![429, 202]);
    emu.state.add_fault(Fault {
        path: Some("/mask".into()),
        status: Some(503),
        times: Some(2),
        ..Fault::default()
    });
    let id = new_contact(&emu, DEMO_AGENT);
    assert_eq!(
        decide(&emu, &app, &record(&id), 0).await["action"],
        "paused"
    );
    assert_eq!(statuses(&emu, &format!("{id}/mask")), vec![503, 503, 202]);

    // 500 is not retried: held, with CXone's correlation id in the report.
    emu.state.add_fault(Fault {
        path: Some("/mask".into()),
        status: Some(500),
        times: Some(1),
        ..Fault::default()
    });
    let id = new_contact(&emu, DEMO_AGENT);
    let result = decide(&emu, &app, &record(&id), 0).await;
    assert_eq!(result["action"], "failed", "{result}");
    assert!(result["contextId"].is_string(), "{result}");
}

#[tokio::test]
async fn a_contact_without_an_agent_is_held() {
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    emu.state.put_contact(Contact {
        contact_id: "584899999".into(),
        agent_id: None,
        master_contact_id: None,
        internal: false,
        recorded: true,
        masked: false,
        ended: false,
    });
    let result = decide(&emu, &app, &card_record("584899999", None), 0).await;
    assert_eq!(
        (result["action"].as_str(), code(&result)),
        (Some("not_found"), "cxone.no_agent"),
        "{result}"
    );
}

#[tokio::test]
async fn a_user_without_the_permission_gets_the_fix() {
    let emu = emulator().await;
    let read_only = json!({"access_key_id": READ_ONLY_ACCESS_KEY_ID, "access_key_secret": READ_ONLY_ACCESS_KEY_SECRET,
        "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET, "issuer": emu.url()})
    .to_string();
    let app = app(&read_only, &[]);
    let result = decide(&emu, &app, &card_record(DEMO_CONTACT, None), 0).await;
    assert_eq!(result["error"]["status"], 403, "{result}");
    assert!(hint(&result).contains("Agent API permissions"), "{result}");

    let app = support::cxone::app(&read_only, &[("CXONE_ACD", "multi-acd")]);
    let mut record = card_record(DEMO_CONTACT, None);
    record["userId"] = json!(DEMO_USER);
    let result = decide(&emu, &app, &record, 0).await;
    assert!(hint(&result).contains("Multi-ACD Masking API"), "{result}");
}

#[tokio::test]
async fn the_api_host_refusing_fresh_tokens_is_explained() {
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    emu.state.add_fault(Fault {
        path: Some("/contacts/active".into()),
        status: Some(401),
        ..Fault::default()
    });
    let result = decide(&emu, &app, &card_record(DEMO_CONTACT, None), 0).await;
    assert_eq!(result["error"]["status"], 401, "{result}");
    assert!(hint(&result).contains("api_endpoint"), "{result}");
    assert_eq!(statuses(&emu, "/contacts/active"), vec![401, 401]);
    assert_eq!(
        token_requests(&emu.state.requests()),
        2,
        "one re-authentication"
    );
}

fn multi_acd(emu: &RunningEmulator) -> App {
    app(&secret(&emu.url()), &[("CXONE_ACD", "multi-acd")])
}

fn user_record(contact: &str) -> Value {
    let mut r = card_record(contact, None);
    r["userId"] = json!(DEMO_USER);
    r
}

#[tokio::test]
async fn multi_acd_202_is_confirmed_by_the_recording_status() {
    let emu = emulator().await;
    let app = multi_acd(&emu);
    emu.state.set_behaviour(Behaviour {
        status_reads_until_applied: 3,
        ..Default::default()
    });
    let result = decide(&emu, &app, &user_record(DEMO_CONTACT), 0).await;
    assert_eq!(result["action"], "paused", "{result}");
    let log = emu.state.requests();
    let mask = log
        .iter()
        .find(|r| r.path.ends_with("/v1/interactions/mask"))
        .unwrap_or_else(|| panic!("no mask request"));
    assert_eq!(
        mask.query.as_deref(),
        Some(format!("userId={DEMO_USER}").as_str())
    );
    assert_eq!(mask.status, 202);
    assert_eq!(statuses(&emu, "get-recording-status"), vec![200, 200, 200]);

    // 200: applied at once, nothing to confirm.
    emu.state.set_behaviour(Behaviour {
        multi_acd_mask_status: 200,
        ..Default::default()
    });
    emu.state.set_masked_out_of_band(DEMO_CONTACT, false);
    let result = decide(&emu, &app, &user_record(DEMO_CONTACT), 0).await;
    assert_eq!(result["action"], "paused", "{result}");
    assert_eq!(statuses(&emu, "get-recording-status").len(), 3);
}

#[tokio::test]
async fn multi_acd_202_never_applied_within_the_deadline_is_held() {
    let emu = emulator().await;
    let app = multi_acd(&emu);
    emu.state.set_behaviour(Behaviour {
        status_reads_until_applied: 1_000_000,
        ..Default::default()
    });
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let started = std::time::Instant::now();
    let result = decide(&emu, &app, &user_record(DEMO_CONTACT), now + 1_500).await;
    assert!(started.elapsed() < std::time::Duration::from_millis(1_500));
    assert_eq!(
        (result["action"].as_str(), code(&result)),
        (Some("failed"), "cxone.mask_not_confirmed"),
        "{result}"
    );
    assert!(!statuses(&emu, "get-recording-status").is_empty());
}

#[tokio::test]
async fn multi_acd_425_waits_for_the_earlier_change() {
    let emu = emulator().await;
    let app = multi_acd(&emu);
    // An earlier mask is being processed: the status already shows the mask, which is confirmed as such.
    emu.state.add_fault(Fault {
        path: Some("/v1/interactions/mask".into()),
        status: Some(425),
        times: Some(1),
        ..Fault::default()
    });
    emu.state.set_masked_out_of_band(DEMO_CONTACT, true);
    let result = decide(&emu, &app, &user_record(DEMO_CONTACT), 0).await;
    assert_eq!(result["action"], "already_paused", "{result}");

    // An earlier unmask is being processed: pii-pause waits and sends the mask again.
    emu.state.set_masked_out_of_band(DEMO_CONTACT, false);
    emu.state.add_fault(Fault {
        path: Some("/v1/interactions/mask".into()),
        status: Some(425),
        times: Some(2),
        ..Fault::default()
    });
    emu.state.clear_requests();
    let result = decide(&emu, &app, &user_record(DEMO_CONTACT), 0).await;
    assert_eq!(result["action"], "paused", "{result}");
    assert_eq!(statuses(&emu, "/v1/interactions/mask"), vec![425, 425, 202]);
}

#[tokio::test]
async fn multi_acd_refusals_are_held_with_their_reason() {
    let emu = emulator().await;
    let app = multi_acd(&emu);
    emu.state.put_contact(Contact {
        contact_id: "584800001".into(),
        agent_id: Some(DEMO_AGENT.into()),
        master_contact_id: None,
        internal: true,
        recorded: true,
        masked: false,
        ended: false,
    });
    let result = decide(&emu, &app, &user_record("584800001"), 0).await;
    assert_eq!(result["error"]["status"], 422, "{result}");
    assert!(hint(&result).contains("internal"), "{result}");

    let mut record = card_record(DEMO_CONTACT, None);
    record["userId"] = json!("11ee5a1e-0000-4a9e-8000-00000000dead");
    let result = decide(&emu, &app, &record, 0).await;
    assert_eq!(result["action"], "not_found", "{result}");

    let result = decide(&emu, &app, &card_record(DEMO_CONTACT, None), 0).await;
    assert_eq!(code(&result), "cxone.no_user_id", "{result}");
}

#[tokio::test]
async fn resume_on_clear_unmasks() {
    let emu = emulator().await;
    for acd in ["cxone", "multi-acd"] {
        let app = app(
            &secret(&emu.url()),
            &[("RESUME_ON_CLEAR", "true"), ("CXONE_ACD", acd)],
        );
        emu.state.set_masked_out_of_band(DEMO_CONTACT, true);
        let record = json!({"platform": "cxone", "conversationId": DEMO_CONTACT, "agentId": DEMO_AGENT,
            "userId": DEMO_USER, "participants": [{"attributes": {"PII_Detected": "false"}}]});
        let result = decide(&emu, &app, &record, 0).await;
        assert_eq!(result["action"], "resumed", "{acd}: {result}");
        assert_eq!(result["recordingState"], "ACTIVE");
        assert!(emu.state.contact(DEMO_CONTACT).is_some_and(|c| !c.masked));
    }
    assert_eq!(statuses(&emu, "/unmask").len(), 2);
}

#[tokio::test]
async fn the_join_works_whether_cxone_reads_asagentid_from_the_body_or_the_query() {
    // NICE's SDK sends asAgentId in the body, a client generated from the OpenAPI specification in the query;
    // which one CXone reads is not verified, so pii-pause sends both.
    for field in [JoinField::Body, JoinField::Query, JoinField::Both] {
        let emu = emulator().await;
        emu.state.set_behaviour(Behaviour {
            join_as_agent_in: field,
            ..Default::default()
        });
        let app = app(&secret(&emu.url()), &[]);
        let result = decide(&emu, &app, &card_record(DEMO_CONTACT, Some(DEMO_AGENT)), 0).await;
        assert_eq!(result["action"], "paused", "{field:?}: {result}");
        let log = emu.state.requests();
        let join = log
            .iter()
            .find(|r| r.path.ends_with("/join"))
            .unwrap_or_else(|| panic!("no join"));
        assert_eq!(join.query.as_deref(), Some("asAgentId=1234567"));
        assert_eq!(join.body, r#"{"asAgentId":1234567}"#);
    }
}

#[tokio::test]
async fn a_read_finds_the_agent_or_the_mask_state() {
    let emu = emulator().await;
    let contact = |locator: Value| pii_pause::platform::Contact {
        id: DEMO_CONTACT.into(),
        media_type: None,
        locator,
    };
    let deadline = pii_pause::http::Deadline::after(std::time::Duration::from_secs(10));
    let app = app(&secret(&emu.url()), &[]);
    let cxone = app
        .platforms
        .get("cxone")
        .unwrap_or_else(|| panic!("cxone is registered"));
    let read = cxone.read(&contact(Value::Null), &deadline).await;
    assert_eq!(
        read.as_ref().ok().and_then(|r| r.locator.clone()),
        Some(json!({"agentId": DEMO_AGENT, "userId": null, "acd": null}))
    );
    assert_eq!(read.ok().and_then(|r| r.securely_paused), None);

    emu.state.set_masked_out_of_band(DEMO_CONTACT, true);
    let read = cxone
        .read(
            &contact(json!({"userId": DEMO_USER, "acd": "multi-acd"})),
            &deadline,
        )
        .await;
    assert_eq!(read.ok().and_then(|r| r.securely_paused), Some(true));
}

fn check<'a>(
    diagnosis: &'a pii_pause::cli::doctor::Diagnosis,
    name: &str,
) -> &'a pii_pause::platform::Check {
    diagnosis
        .checks
        .iter()
        .find(|c| c.check == name)
        .unwrap_or_else(|| panic!("no `{name}` check: {}", diagnosis.table()))
}

#[tokio::test]
async fn doctor_proves_what_it_can_without_changing_anything() {
    use pii_pause::platform::CheckStatus;
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    let d = pii_pause::cli::doctor::diagnose(&app.config, &app.platforms, None).await;
    for name in [
        "cxone secret",
        "cxone token",
        "cxone api endpoint",
        "cxone read",
    ] {
        assert_eq!(check(&d, name).status, CheckStatus::Pass, "{}", d.table());
    }
    assert_eq!(check(&d, "cxone mask").status, CheckStatus::Warn);
    assert!(check(&d, "cxone token").detail.contains(DEMO_TENANT));

    let app = support::cxone::app(&secret(&emu.url()), &[("CXONE_ACD", "multi-acd")]);
    let d = pii_pause::cli::doctor::diagnose(&app.config, &app.platforms, None).await;
    let multi = check(&d, "cxone multi-acd");
    assert_eq!(multi.status, CheckStatus::Pass, "{}", d.table());
    assert!(multi.proves_pause);

    let read_only = json!({"access_key_id": READ_ONLY_ACCESS_KEY_ID, "access_key_secret": READ_ONLY_ACCESS_KEY_SECRET,
        "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET, "issuer": emu.url()})
    .to_string();
    let app = support::cxone::app(&read_only, &[("CXONE_ACD", "multi-acd")]);
    let d = pii_pause::cli::doctor::diagnose(&app.config, &app.platforms, None).await;
    let multi = check(&d, "cxone multi-acd");
    assert_eq!(multi.status, CheckStatus::Fail, "{}", d.table());
    assert!(multi
        .fix
        .as_deref()
        .is_some_and(|f| f.contains("Multi-ACD Masking API")));
    assert!(!d.ok);

    let app = support::cxone::app(&secret(&format!("{}/nowhere", emu.url())), &[]);
    let d = pii_pause::cli::doctor::diagnose(&app.config, &app.platforms, None).await;
    assert_eq!(
        check(&d, "cxone discovery").status,
        CheckStatus::Fail,
        "{}",
        d.table()
    );
    assert!(
        emu.state
            .requests()
            .iter()
            .all(|r| !r.path.contains("agent-sessions") && !r.path.ends_with("/mask")),
        "the doctor changes nothing"
    );
}

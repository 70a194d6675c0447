//! The HTTPS entry point through the handler: a Function URL request from a CXone Studio script with a card number
//! ends in one confirmed mask, the report and the ledger item of every platform; who may call it (a bearer token
//! from Secrets Manager, or IAM) and what everyone else gets (401, nothing more); the status a script branches on;
//! a repeated request is harmless; nothing secret reaches a log.

mod support;

use pii_pause::app::{App, Invoke};
use pii_pause::metrics::MetricsSink;
use pii_pause::webhook::Gate;
use pii_pause_emulators::cxone::model::{DEMO_ACCESS_KEY_SECRET, DEMO_CLIENT_SECRET};
use pii_pause_emulators::cxone::Contact;
use pii_pause_emulators::Journaled;
use serde_json::{json, Value};
use std::io::Write;
use std::sync::{Arc, Mutex};
use support::cxone::*;

fn invoke() -> Invoke {
    Invoke {
        request_id: "req-https".into(),
        deadline_ms: 0,
    }
}

async fn call(app: &App, request: &Value) -> (u64, Value) {
    let answer = app
        .handle(request, &invoke())
        .await
        .unwrap_or_else(|e| panic!("a Function URL request is always answered: {e}"));
    assert_eq!(
        answer["headers"]["content-type"], "application/json",
        "{answer}"
    );
    assert_eq!(answer["isBase64Encoded"], false);
    http_answer(&answer)
}

fn masks(emu: &pii_pause_emulators::cxone::RunningEmulator) -> usize {
    emu.state
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/mask"))
        .count()
}

#[tokio::test]
async fn a_studio_request_with_a_card_number_ends_in_one_confirmed_mask() {
    let moto = support::Moto::start().await;
    let (_, ledger) = support::ledger_table(&moto, "https").await;
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]).with_ledger(Some(ledger));
    let request = function_url(
        &card_record(DEMO_CONTACT, Some(DEMO_AGENT)),
        &[("authorization", &format!("Bearer {WEBHOOK_TOKEN}"))],
    );

    let (status, report) = call(&app, &request).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["source"], "https");
    assert_eq!(report["mode"], "enforce");
    let r = &report["results"][0];
    let keys: Vec<&str> = r
        .as_object()
        .map(|o| o.keys().map(String::as_str).collect())
        .unwrap_or_default();
    assert_eq!(
        keys,
        vec![
            "conversationId",
            "platform",
            "pii",
            "findings",
            "action",
            "export",
            "redact",
            "recordingState",
            "timeToPauseMs",
            "pauseLatencyMs"
        ],
        "the result of every platform: {r}"
    );
    assert_eq!(
        (
            r["conversationId"].as_str(),
            r["platform"].as_str(),
            r["action"].as_str(),
            r["export"].as_str(),
            r["recordingState"].as_str()
        ),
        (
            Some(DEMO_CONTACT),
            Some("cxone"),
            Some("paused"),
            Some("redact"),
            Some("MASKED")
        )
    );
    assert_eq!(
        r["redact"]["fields"],
        json!(["participants[0].attributes.cardNumber"])
    );
    assert!(r["redact"]["recordingUntil"].is_string(), "{r}");
    assert!(
        r["timeToPauseMs"].as_u64().is_some_and(|t| t < 60_000),
        "timed from the request: {r}"
    );
    assert_eq!(report["summary"]["paused"], 1);
    assert_eq!(masks(&emu), 1, "one mask");
    assert!(emu.state.contact(DEMO_CONTACT).is_some_and(|c| c.masked));
    assert!(!report.to_string().contains("4539"), "no PII in the report");

    let ledger = app
        .ledger
        .as_ref()
        .unwrap_or_else(|| panic!("the ledger is configured"));
    let item = ledger
        .get(DEMO_CONTACT)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(item.platform.as_deref(), Some("cxone"));
    assert_eq!(item.export, pii_pause::report::Export::Redact);
    assert_eq!(item.kinds, vec!["CREDIT_CARD"]);
    assert_eq!(item.action.as_deref(), Some("paused"));
    assert_eq!(item.recording_state.as_deref(), Some("MASKED"));
    assert_eq!(
        item.recording_until.as_deref(),
        r["redact"]["recordingUntil"].as_str()
    );

    // Studio retries a request it did not see answered: the same request again masks again (CXone confirms it)
    // and changes nothing else.
    let (status, again) = call(&app, &request).await;
    assert_eq!(status, 200, "{again}");
    assert_eq!(again["results"][0]["export"], "redact");
    assert_eq!(masks(&emu), 2);
    assert!(emu.state.contact(DEMO_CONTACT).is_some_and(|c| c.masked));
    let item = ledger.get(DEMO_CONTACT).await.ok().flatten();
    assert_eq!(
        item.map(|i| (i.export, i.events, i.kinds)),
        Some((
            pii_pause::report::Export::Redact,
            2,
            vec!["CREDIT_CARD".to_string()]
        ))
    );
}

#[tokio::test]
async fn only_the_right_bearer_token_passes_and_the_rest_learn_nothing() {
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    let body = card_record(DEMO_CONTACT, Some(DEMO_AGENT));
    let mut wrong = WEBHOOK_TOKEN.to_string();
    wrong.pop();
    wrong.push('X');
    let refused = [
        vec![],
        vec![("authorization".to_string(), format!("Bearer {wrong}"))],
        vec![(
            "authorization".to_string(),
            format!("Bearer {WEBHOOK_TOKEN}x"),
        )],
        vec![(
            "authorization".to_string(),
            format!("Basic {WEBHOOK_TOKEN}"),
        )],
        vec![("authorization".to_string(), "Bearer ".to_string())],
        vec![("x-api-key".to_string(), WEBHOOK_TOKEN.to_string())],
    ];
    for headers in &refused {
        let headers: Vec<(&str, &str)> = headers
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        let (status, body) = call(&app, &function_url(&body, &headers)).await;
        assert_eq!(
            (status, &body),
            (401, &json!({"message": "Unauthorized"})),
            "{headers:?}"
        );
    }
    assert!(
        emu.state.requests().is_empty(),
        "nothing reaches CXone for a refused request"
    );
    // The scheme is case-insensitive, as HTTP says.
    let (status, report) = call(
        &app,
        &function_url(
            &body,
            &[("Authorization", &format!("bearer {WEBHOOK_TOKEN}"))],
        ),
    )
    .await;
    assert_eq!(status, 200, "{report}");
}

#[tokio::test]
async fn without_a_webhook_secret_only_iam_authenticated_requests_pass() {
    let emu = emulator().await;
    let mut app = app(&secret(&emu.url()), &[]);
    app.webhook = Gate::Iam;
    let body = card_record(DEMO_CONTACT, Some(DEMO_AGENT));
    let (status, _) = call(
        &app,
        &function_url(
            &body,
            &[("authorization", &format!("Bearer {WEBHOOK_TOKEN}"))],
        ),
    )
    .await;
    assert_eq!(
        status, 401,
        "a bearer token means nothing without WEBHOOK_SECRET_ID"
    );
    let mut signed = function_url(&body, &[]);
    signed["requestContext"]["authorizer"] = json!({"iam": {"accessKey": "ASIAEXAMPLE", "accountId": "123456789012",
        "callerId": "AROAEXAMPLE:studio", "userArn": "arn:aws:sts::123456789012:assumed-role/cxone/studio",
        "userId": "AROAEXAMPLE:studio"}});
    let (status, report) = call(&app, &signed).await;
    assert_eq!(status, 200, "{report}");
    assert_eq!(report["results"][0]["action"], "paused");
}

#[tokio::test]
async fn an_unreadable_token_is_503_and_a_missing_client_refuses_everyone() {
    let emu = emulator().await;
    let mut app = app(&secret(&emu.url()), &[]);
    let closed = format!("http://127.0.0.1:{}", support::free_port());
    app.webhook = Gate::new(&app.config.webhook, Some(support::sm_client(&closed)));
    let request = function_url(
        &card_record(DEMO_CONTACT, Some(DEMO_AGENT)),
        &[("authorization", &format!("Bearer {WEBHOOK_TOKEN}"))],
    );
    let (status, body) = call(&app, &request).await;
    assert_eq!(
        (status, body),
        (503, json!({"message": "Service Unavailable"}))
    );
    app.webhook = Gate::new(&app.config.webhook, None);
    assert_eq!(call(&app, &request).await.0, 401);
}

#[tokio::test]
async fn the_status_tells_a_script_what_happened() {
    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    let auth = format!("Bearer {WEBHOOK_TOKEN}");
    let headers = [("authorization", auth.as_str())];

    // A clean contact: 200, allow.
    let clean = json!({"platform": "cxone", "conversationId": DEMO_CONTACT,
        "participants": [{"attributes": {"ivr.menu": "billing"}}]});
    let (status, report) = call(&app, &function_url(&clean, &headers)).await;
    assert_eq!(
        (status, report["results"][0]["export"].as_str()),
        (200, Some("allow"))
    );

    // PII on a contact no agent handles: it cannot be masked, so 502 and hold.
    emu.state.put_contact(Contact {
        contact_id: "584870001".into(),
        agent_id: None,
        master_contact_id: None,
        internal: false,
        recorded: true,
        masked: false,
        ended: false,
    });
    let (status, report) = call(
        &app,
        &function_url(&card_record("584870001", None), &headers),
    )
    .await;
    assert_eq!(status, 502, "{report}");
    assert_eq!(report["results"][0]["export"], "hold");
    assert_eq!(report["summary"]["failed"], 1);

    // A batch of both: 502, each result as it is.
    let batch =
        json!({"platform": "cxone", "conversations": [clean, card_record("584870001", None)]});
    let (status, report) = call(&app, &function_url(&batch, &headers)).await;
    assert_eq!(status, 502);
    assert_eq!(report["summary"]["conversations"], 2);

    // Bodies of no accepted shape: 400 with what to send.
    for (body, expected) in [
        (json!("not an object"), "not a JSON object of a known shape"),
        (
            json!({"platform": "twilio", "conversationId": "1"}),
            "`platform` `twilio` is not one pii-pause knows",
        ),
        (
            json!({"detail-type": "x", "source": "s", "detail": {"conversationId": "1"}, "id": "e",
                   "version": "0", "account": "1", "time": "2026-11-20T10:15:30Z", "region": "eu-west-1",
                   "resources": []}),
            "an event envelope",
        ),
    ] {
        let (status, answer) = call(&app, &function_url(&body, &headers)).await;
        assert_eq!(status, 400, "{answer}");
        assert!(
            answer["message"]
                .as_str()
                .is_some_and(|m| m.contains(expected)),
            "{answer}"
        );
    }
    let mut not_json = function_url(&clean, &headers);
    not_json["body"] = json!("{\"conversationId\": ");
    let (status, answer) = call(&app, &not_json).await;
    assert_eq!(status, 400);
    assert!(answer["message"]
        .as_str()
        .is_some_and(|m| m.contains("the body is not JSON")));
    let mut encoded = function_url(&clean, &headers);
    encoded["body"] = json!(base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        clean.to_string()
    ));
    encoded["isBase64Encoded"] = json!(true);
    assert_eq!(call(&app, &encoded).await.0, 200);
    let mut get = function_url(&clean, &headers);
    get["requestContext"]["http"]["method"] = json!("GET");
    assert_eq!(call(&app, &get).await.0, 405);
}

#[derive(Clone, Default)]
struct Capture(Arc<Mutex<Vec<u8>>>);

impl Write for Capture {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Capture {
    type Writer = Capture;
    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_token_key_or_card_number_reaches_any_log() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let emu = emulator().await;
    let app = app(&secret(&emu.url()), &[]);
    let wrong = "wrong-token-0123456789-abcdef";
    for token in [WEBHOOK_TOKEN, wrong] {
        let request = function_url(
            &card_record(DEMO_CONTACT, None),
            &[("authorization", &format!("Bearer {token}"))],
        );
        let _ = call(&app, &request).await;
    }
    emu.state.expire_tokens();
    emu.state.end_sessions();
    let request = function_url(
        &card_record(DEMO_CONTACT, None),
        &[("authorization", &format!("Bearer {WEBHOOK_TOKEN}"))],
    );
    let (status, _) = call(&app, &request).await;
    assert_eq!(status, 200);
    let closed = App::new(
        support::config(&[("PII_PAUSE_MODE", "dry-run")]),
        pii_pause::platform::Platforms::new(vec![]),
        MetricsSink::Off,
    )
    .with_webhook(Gate::Closed);
    assert_eq!(call(&closed, &request).await.0, 401);

    let text =
        String::from_utf8_lossy(&capture.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned();
    assert!(
        text.contains("HTTPS request refused"),
        "the refusal is logged"
    );
    assert!(
        text.contains("HTTPS request answered"),
        "the answer is logged"
    );
    let issued: Vec<String> = emu
        .state
        .requests()
        .iter()
        .filter_map(|r| r.authorization.clone())
        .filter_map(|a| a.strip_prefix("Bearer ").map(str::to_string))
        .collect();
    assert!(!issued.is_empty());
    for secret in [
        WEBHOOK_TOKEN,
        wrong,
        DEMO_ACCESS_KEY_SECRET,
        DEMO_CLIENT_SECRET,
        "4539 1488 0343 6467",
        "4539148803436467",
    ]
    .into_iter()
    .chain(issued.iter().map(String::as_str))
    {
        assert!(!text.contains(secret), "`{secret}` reached a log");
    }
}

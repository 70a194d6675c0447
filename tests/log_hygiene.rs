//! Everything the code logs, at TRACE for every crate (SDK, HTTP client, runtime), is captured while the
//! product runs its main paths and its error paths; no secret, token or PII value may appear in it.

mod support;

use pii_pause::app::Invoke;
use pii_pause_emulators::genesys::model::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use pii_pause_emulators::genesys::Fault;
use serde_json::json;
use std::io::Write;
use std::sync::{Arc, Mutex};
use support::*;

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

const PII: [&str; 6] = [
    "4111 1111 1111 1111",
    "4111111111111111",
    "jane.doe@example.com",
    "219-09-9999",
    "+44 20 7946 0958",
    "GB82WEST12345698765432",
];

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_token_or_pii_reaches_any_log() {
    let capture = Capture::default();
    let subscriber = tracing_subscriber::fmt()
        .json()
        .with_max_level(tracing::Level::TRACE)
        .with_writer(capture.clone())
        .finish();
    let _guard = tracing::subscriber::set_default(subscriber);

    let record = |id: &str| {
        json!({"conversationId": id, "participants": [{"participantId": "p", "purpose": "customer", "attributes": {
            "PII_Detected": "true", "cardNumber": PII[0], "card": PII[1], "email": PII[2], "ssn": PII[3],
            "phone": PII[4], "iban": PII[5]}}], "wrapUpNotes": format!("caller read {} and {}", PII[0], PII[2])})
    };
    let invoke = Invoke {
        request_id: "hygiene".into(),
        deadline_ms: 0,
    };

    // The secret comes through the real SDK HTTP path (moto), so SDK request/response tracing is exercised.
    let moto = Moto::start().await;
    let name = secret_name("hygiene");
    moto.client()
        .create_secret()
        .name(&name)
        .secret_string(demo_secret())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let emu = genesys().await;
    let app = app(moto.client(), &name, &emu.url(), &[]);
    let report = app
        .handle(
            &json!({"conversations": [record(&seed_call(&emu)), record(&seed_call(&emu))]}),
            &invoke,
        )
        .await;
    assert!(report.is_ok_and(|r| r["summary"]["paused"] == 2));

    // Error paths: expired token, 403, 404, rate limit, dropped connection.
    emu.state.expire_tokens();
    emu.state.add_fault(Fault {
        path: Some("/recordingstate".into()),
        status: Some(403),
        times: Some(1),
        ..Fault::default()
    });
    emu.state.add_fault(Fault {
        path: Some("/recordingstate".into()),
        drop_connection: true,
        times: Some(1),
        ..Fault::default()
    });
    let _ = app.handle(&record(&seed_call(&emu)), &invoke).await;
    let _ = app.handle(&record(&seed_call(&emu)), &invoke).await;
    let _ = app
        .handle(&record("11111111-2222-4333-8444-555555555555"), &invoke)
        .await;
    let sqs = json!({"Records": [{"messageId": "m", "eventSource": "aws:sqs", "body": record(&seed_call(&emu)).to_string()},
                                 {"messageId": "n", "eventSource": "aws:sqs", "body": format!("{{\"bad\": \"{}\"", PII[2])}]});
    let _ = app.handle(&sqs, &invoke).await;

    // A refused client and a malformed secret.
    let (sm, _) = mock_secrets(
        &json!({"client_id": "nobody", "client_secret": "refused-secret-value"}).to_string(),
    );
    let refused = support::app(sm, "s", &emu.url(), &[]);
    let _ = refused.handle(&record(&seed_call(&emu)), &invoke).await;
    let (sm, _) = mock_secrets("{\"client_id\": \"x\", \"client_secret\": malformed-secret-value");
    let malformed = support::app(sm, "s", &emu.url(), &[]);
    let _ = malformed.handle(&record(&seed_call(&emu)), &invoke).await;

    drop(_guard);
    let logs =
        String::from_utf8_lossy(&capture.0.lock().unwrap_or_else(|p| p.into_inner())).into_owned();
    assert!(
        logs.lines().count() > 20,
        "too little was captured to prove anything:\n{logs}"
    );
    assert!(logs.contains("conversation decided"));

    let mut forbidden: Vec<String> = PII.iter().map(|s| s.to_string()).collect();
    forbidden.push(DEMO_CLIENT_SECRET.into());
    forbidden.push("refused-secret-value".into());
    forbidden.push("malformed-secret-value".into());
    forbidden.push(base64::Engine::encode(
        &base64::engine::general_purpose::STANDARD,
        format!("{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}"),
    ));
    for r in emu.state.requests() {
        if let Some(token) = r
            .authorization
            .as_deref()
            .and_then(|a| a.strip_prefix("Bearer "))
        {
            forbidden.push(token.to_string());
        }
    }
    assert!(forbidden.len() > 10);
    for value in &forbidden {
        assert!(
            !logs.contains(value.as_str()),
            "a secret, token or PII value reached the logs: {value}"
        );
    }
}

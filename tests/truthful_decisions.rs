//! Export decisions that tell the truth, through the handler against the Genesys emulator: a new PII event
//! always ends in a pause Genesys confirms now (someone may have resumed the recording in between), the same
//! delivery twice is answered from memory, `already_paused` only when Genesys says so, and the three-valued
//! export (`allow`, `redact` with fields and the pause instant, `hold`).

mod support;

use pii_pause::app::Invoke;
use serde_json::{json, Value};
use support::*;

fn invoke() -> Invoke {
    Invoke {
        request_id: "req-truth".into(),
        deadline_ms: 0,
    }
}

fn card(id: &str) -> Value {
    json!({"conversationId": id, "mediaType": "call", "participants": [
        {"participantId": "p-1", "purpose": "customer", "attributes": {"cardNumber": "4539 1488 0343 6467"}}]})
}

fn sqs(messages: &[(&str, Value)]) -> Value {
    let records: Vec<Value> = messages
        .iter()
        .map(|(id, body)| {
            json!({"messageId": id, "receiptHandle": "r", "body": body.to_string(), "attributes": {},
                   "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                   "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:pii-pause-buffer", "awsRegion": "eu-west-1"})
        })
        .collect();
    json!({ "Records": records })
}

fn pauses(emu: &pii_pause_emulators::genesys::RunningEmulator, id: &str) -> usize {
    emu.state
        .requests()
        .iter()
        .filter(|r| {
            r.method == "PUT"
                && r.path == format!("/api/v2/conversations/calls/{id}/recordingstate")
        })
        .count()
}

fn securely_paused(emu: &pii_pause_emulators::genesys::RunningEmulator, id: &str) -> bool {
    emu.state
        .conversation(id)
        .is_some_and(|c| c.recording_state == "PAUSED" && c.secure_pause)
}

#[tokio::test]
async fn a_recording_resumed_by_someone_else_is_paused_again_by_the_next_pii_event() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);

    let first = app
        .handle(&card(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first["results"][0]["action"], "paused", "{first}");
    assert!(securely_paused(&emu, &id));

    // An agent (or a flow, or another integration) resumes the recording.
    assert!(emu.state.set_recording_out_of_band(&id, "ACTIVE", false));

    let second = app
        .handle(&card(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = &second["results"][0];
    assert_eq!(
        r["action"], "paused",
        "a remembered pause is never trusted: {r}"
    );
    assert_eq!(r["recordingState"], "PAUSED");
    assert_eq!(r["export"], "redact");
    assert_eq!(pauses(&emu, &id), 2, "one confirmed PUT per new PII event");
    assert!(securely_paused(&emu, &id));
}

#[tokio::test]
async fn through_sqs_a_new_message_pauses_again_and_the_same_message_is_answered_from_memory() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);

    let batch = sqs(&[("m-1", card(&id))]);
    let answer = app
        .handle(&batch, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(pauses(&emu, &id), 1);

    emu.state.set_recording_out_of_band(&id, "ACTIVE", false);

    // SQS delivers m-1 again (at least once): the same delivery, answered from memory with no call.
    let answer = app
        .handle(&batch, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(pauses(&emu, &id), 1);

    // A new message with PII for the same conversation: a confirmed pause now.
    let answer = app
        .handle(&sqs(&[("m-2", card(&id))]), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(pauses(&emu, &id), 2);
    assert!(securely_paused(&emu, &id));
}

#[tokio::test]
async fn already_paused_only_when_genesys_says_so_now() {
    let (emu, app) = demo_app(&[]).await;

    // Genesys answers a repeated PAUSED with 400: the calls GET (no permission needed) shows securePause.
    emu.state.set_repeated_pause_status(400);
    let id = seed_call(&emu);
    emu.state.set_recording_out_of_band(&id, "PAUSED", true);
    let report = app
        .handle(&card(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "already_paused", "{report}");
    assert_eq!(report["results"][0]["export"], "redact");
    let calls: Vec<(String, String, u16)> = emu
        .state
        .requests()
        .iter()
        .filter(|r| !r.is_token_request())
        .map(|r| (r.method.clone(), r.path.clone(), r.status))
        .collect();
    assert_eq!(
        calls,
        vec![
            (
                "PUT".into(),
                format!("/api/v2/conversations/calls/{id}/recordingstate"),
                400
            ),
            (
                "GET".into(),
                format!("/api/v2/conversations/calls/{id}"),
                200
            ),
        ]
    );

    // Paused by hold suppression is not a secure pause: the PUT makes it one.
    let held = seed_call(&emu);
    emu.state.set_recording_out_of_band(&held, "PAUSED", false);
    let report = app
        .handle(&card(&held), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    assert!(securely_paused(&emu, &held));

    // Genesys answers a repeated PAUSED with 200: that is a confirmed pause.
    emu.state.set_repeated_pause_status(200);
    let report = app
        .handle(&card(&held), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
}

#[tokio::test]
async fn redact_lists_the_fields_and_the_instant_the_pause_was_confirmed() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    let before = pii_pause::time::now_ms();
    let report = app
        .handle(&card(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let after = pii_pause::time::now_ms();
    let r = &report["results"][0];
    assert_eq!(r["export"], "redact", "{r}");
    assert_eq!(
        r["redact"]["fields"],
        json!(["participants[0].attributes.cardNumber"])
    );
    let until = r["redact"]["recordingUntil"]
        .as_str()
        .and_then(pii_pause::time::rfc3339_ms)
        .unwrap_or_else(|| panic!("recordingUntil: {r}"));
    assert!(
        (before..=after).contains(&until),
        "{until} not in {before}..={after}"
    );
    assert_eq!(report["summary"]["redact"], 1);
    assert!(
        !report.to_string().contains("0343 6467"),
        "no PII value in the report"
    );
}

#[tokio::test]
async fn telephony_identity_is_listed_for_redaction_and_never_pauses() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    // An analytics-style ETL record: every call carries ANI and DNIS.
    let record = json!({"conversationId": id, "participants": [{"participantId": "p-1", "purpose": "customer",
        "sessions": [{"mediaType": "voice", "ani": "tel:+13175550123", "dnis": "tel:+18005550199",
                      "addressFrom": "tel:+13175550123", "addressTo": "tel:+18005550199"}]}]});
    let event = json!({"version": "0", "id": "etl-1", "detail-type": "ConversationExported", "source": "com.acme.etl",
                       "time": "2026-11-20T10:15:30Z", "detail": record});
    let report = app
        .handle(&event, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = &report["results"][0];
    assert_eq!(r["action"], "none", "{r}");
    assert_eq!(r["pii"], false);
    assert_eq!(r["export"], "redact");
    assert_eq!(
        r["redact"]["fields"],
        json!([
            "participants[0].sessions[0].addressFrom",
            "participants[0].sessions[0].addressTo",
            "participants[0].sessions[0].ani",
            "participants[0].sessions[0].dnis"
        ])
    );
    assert!(
        r["redact"].get("recordingUntil").is_none(),
        "nothing to trim: {r}"
    );
    assert!(emu.state.requests().iter().all(|r| r.method != "PUT"));
}

#[tokio::test]
async fn hold_when_the_pause_is_not_confirmed_and_allow_only_without_pii() {
    let (emu, app) = demo_app(&[]).await;
    let clean_id = seed_call(&emu);
    let report = app
        .handle(&json!({"conversations": [card("11111111-2222-4333-8444-555555555555"), clean(&clean_id)]}), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "not_found");
    assert_eq!(report["results"][0]["export"], "hold");
    assert!(report["results"][0].get("redact").is_none());
    assert_eq!(report["results"][1]["export"], "allow");
    assert_eq!(report["summary"]["hold"], 1);
    assert_eq!(report["summary"]["allow"], 1);

    let (_emu, dry) = demo_app(&[("PII_PAUSE_MODE", "dry-run")]).await;
    let report = dry
        .handle(&card(&clean_id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "dry_run");
    assert_eq!(
        report["results"][0]["export"], "hold",
        "dry-run pauses nothing"
    );
}

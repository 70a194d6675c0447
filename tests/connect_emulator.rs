//! The Amazon Connect adapter against the Connect emulator: a contact-data event whose attributes hold a card
//! number ends in exactly one SuspendContactRecording with the right three ids (signed for `connect`), the same
//! report shape as Genesys; a Contact Lens rule; a transfer followed; a repeated Suspend; a recording resumed by
//! someone else; and the fault rows that apply to Connect (429, 500, 403, 404, chat, timeouts).

mod support;

use pii_pause::app::Invoke;
use pii_pause_emulators::connect::{Contact, DEMO_INSTANCE};
use pii_pause_emulators::Fault;
use serde_json::{json, Value};
use support::*;

fn invoke() -> Invoke {
    Invoke {
        request_id: "req-connect".into(),
        deadline_ms: 0,
    }
}

const INSTANCE_ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a";

fn new_id() -> String {
    let hex = |n: usize| {
        (0..n)
            .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
            .collect::<String>()
    };
    format!("{}-{}-4{}-8{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12))
}

/// A new voice contact in the emulator, with attributes; returns its id.
fn seed_contact(
    emu: &pii_pause_emulators::connect::RunningEmulator,
    attributes: &[(&str, &str)],
) -> String {
    let id = new_id();
    emu.state.put_contact(Contact {
        id: id.clone(),
        instance_id: DEMO_INSTANCE.into(),
        initial_contact_id: None,
        previous_contact_id: None,
        channel: "VOICE".into(),
        attributes: attributes
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect(),
        recording: "ACTIVE".into(),
        ended: false,
        next_contact_id: None,
    });
    id
}

fn data_updated(event_id: &str, contact: &str, initial: Option<&str>) -> Value {
    let mut detail = json!({"eventType": "CONTACT_DATA_UPDATED", "contactId": contact, "channel": "VOICE",
        "instanceArn": INSTANCE_ARN, "initiationMethod": "INBOUND", "updatedProperties": ["UserDefinedAttributes"]});
    if let Some(initial) = initial {
        detail["initialContactId"] = json!(initial);
    }
    json!({"version": "0", "id": event_id, "detail-type": "Amazon Connect Contact Event", "source": "aws.connect",
           "account": "123456789012", "time": "2026-11-20T10:15:30Z", "region": "us-east-1",
           "resources": [], "detail": detail})
}

fn rule_matched(event_id: &str, contact: &str) -> Value {
    json!({"version": "0", "id": event_id, "detail-type": "Contact Lens Realtime Rules Matched",
           "source": "aws.connect", "account": "123456789012", "time": "2026-11-20T10:15:30Z",
           "region": "us-east-1", "resources": [],
           "detail": {"version": "1.0", "ruleName": "card-capture", "actionName": "PII_DETECTED",
                      "instanceArn": INSTANCE_ARN, "contactArn": format!("{INSTANCE_ARN}/contact/{contact}"),
                      "agentArn": format!("{INSTANCE_ARN}/agent/a"), "queueArn": format!("{INSTANCE_ARN}/queue/q")}})
}

/// The operations the emulator received, with what they addressed.
fn calls(emu: &pii_pause_emulators::connect::RunningEmulator) -> Vec<(String, String, u16)> {
    emu.state
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.path.clone(), r.status))
        .collect()
}

#[tokio::test]
async fn a_card_number_in_contact_attributes_ends_in_one_suspend_with_the_three_ids() {
    let emu = connect_emulator().await;
    let app = connect_app(&emu.url(), &[]).await;
    let id = seed_contact(
        &emu,
        &[("cardNumber", "4539 1488 0343 6467"), ("intent", "payment")],
    );

    let report = app
        .handle(&data_updated("ev-1", &id, Some(&id)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["source"], "connect");
    let r = &report["results"][0];
    assert_eq!(r["conversationId"], id.as_str());
    assert_eq!(r["platform"], "connect");
    assert_eq!(r["action"], "paused", "{report}");
    assert_eq!(r["export"], "redact");
    assert_eq!(r["recordingState"], "SUSPENDED");
    assert_eq!(
        r["findings"],
        json!([{"kind": "CREDIT_CARD", "field": "attributes.cardNumber"}])
    );
    assert_eq!(r["redact"]["fields"], json!(["attributes.cardNumber"]));

    let log = emu.state.requests();
    assert_eq!(
        calls(&emu),
        vec![
            (
                "GET".to_string(),
                format!("/contact/attributes/{DEMO_INSTANCE}/{id}"),
                200
            ),
            (
                "POST".to_string(),
                "/contact/suspend-recording".to_string(),
                200
            ),
        ]
    );
    let body: Value = serde_json::from_str(&log[1].body).unwrap_or(Value::Null);
    assert_eq!(
        body,
        json!({"InstanceId": DEMO_INSTANCE, "ContactId": id, "InitialContactId": id})
    );
    for request in &log {
        let auth = request.authorization.as_deref().unwrap_or("");
        assert!(
            auth.starts_with("AWS4-HMAC-SHA256 Credential=AKIDTEST/")
                && auth.contains("/us-east-1/connect/aws4_request"),
            "signed for connect: {auth}"
        );
    }
    assert_eq!(
        emu.state.contact(&id).map(|c| c.recording).as_deref(),
        Some("SUSPENDED")
    );
    assert!(!report.to_string().contains("0343 6467"));
}

#[tokio::test]
async fn a_contact_lens_pii_rule_suspends_after_describe_gives_the_initial_contact() {
    let emu = connect_emulator().await;
    let app = connect_app(&emu.url(), &[]).await;
    let id = seed_contact(&emu, &[]);
    let report = app
        .handle(&rule_matched("ev-2", &id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = &report["results"][0];
    assert_eq!(r["action"], "paused", "{report}");
    assert_eq!(
        r["findings"],
        json!([{"kind": "FLAG", "field": "contactLens.actionName"}])
    );
    assert_eq!(
        r["redact"]["fields"],
        json!([]),
        "a rule match holds no value"
    );
    assert_eq!(
        calls(&emu),
        vec![
            (
                "GET".to_string(),
                format!("/contacts/{DEMO_INSTANCE}/{id}"),
                200
            ),
            (
                "POST".to_string(),
                "/contact/suspend-recording".to_string(),
                200
            ),
        ]
    );
}

#[tokio::test]
async fn after_a_transfer_the_current_contact_is_suspended() {
    let emu = connect_emulator().await;
    let app = connect_app(&emu.url(), &[]).await;
    let first = seed_contact(&emu, &[("ssn", "536-22-8146")]);
    let current = emu
        .state
        .transfer(&first)
        .unwrap_or_else(|| panic!("transfer"));
    let report = app
        .handle(&data_updated("ev-3", &first, Some(&first)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    let suspends: Vec<Value> = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.path == "/contact/suspend-recording")
        .map(|r| serde_json::from_str(&r.body).unwrap_or(Value::Null))
        .collect();
    assert_eq!(suspends.len(), 2, "the stale contact, then the current one");
    assert_eq!(suspends[1]["ContactId"], current.as_str());
    assert_eq!(suspends[1]["InitialContactId"], first.as_str());
    assert_eq!(
        emu.state.contact(&current).map(|c| c.recording).as_deref(),
        Some("SUSPENDED")
    );
}

#[tokio::test]
async fn every_new_pii_event_sends_suspend_and_a_repeat_refused_with_400_is_already_paused() {
    let emu = connect_emulator().await;
    let app = connect_app(&emu.url(), &[]).await;
    let id = seed_contact(&emu, &[("cardNumber", "4539 1488 0343 6467")]);
    let first = app
        .handle(&data_updated("ev-4", &id, Some(&id)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first["results"][0]["action"], "paused");

    // Connect answers 200 to a repeat (the default): a confirmed suspend again.
    let again = app
        .handle(&data_updated("ev-5", &id, Some(&id)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again["results"][0]["action"], "paused");

    // Someone resumes the recording: the next event suspends it again.
    emu.state.set_recording_out_of_band(&id, "ACTIVE");
    let resumed = app
        .handle(&data_updated("ev-6", &id, Some(&id)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(resumed["results"][0]["action"], "paused");
    assert_eq!(
        emu.state.contact(&id).map(|c| c.recording).as_deref(),
        Some("SUSPENDED")
    );

    // Connect refuses a repeat with 400: not a failure, the recording is not recording.
    emu.state.set_repeated_change_status(400);
    let refused = app
        .handle(&data_updated("ev-7", &id, Some(&id)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        refused["results"][0]["action"], "already_paused",
        "{refused}"
    );
    assert_eq!(refused["results"][0]["export"], "redact");
    let suspends = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.path == "/contact/suspend-recording")
        .count();
    assert_eq!(suspends, 4, "one Suspend per new PII event");
}

#[tokio::test]
async fn connect_fault_rows() {
    let emu = connect_emulator().await;
    let app = connect_app(&emu.url(), &[]).await;
    let card = [("cardNumber", "4539 1488 0343 6467")];
    let run = |event_id: &str, id: &str| data_updated(event_id, id, Some(id));
    let direct = |id: &str| {
        json!({"platform": "connect", "conversationId": id, "instanceId": DEMO_INSTANCE,
               "participants": [{"attributes": {"cardNumber": "4539 1488 0343 6467"}}]})
    };

    // 500 once: retried, then suspended.
    let id = seed_contact(&emu, &card);
    emu.state.add_fault(Fault {
        path: Some("/contact/suspend-recording".into()),
        status: Some(500),
        times: Some(1),
        ..Fault::default()
    });
    let r = app.handle(&run("f-1", &id), &invoke()).await;
    let r = r.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["results"][0]["action"], "paused", "{r}");

    // A burst over the quota (2/s, burst 5) in one direct batch: the client-side limit spreads the calls.
    let ids: Vec<String> = (0..8).map(|_| seed_contact(&emu, &[])).collect();
    emu.state.clear_requests();
    let batch = json!({"conversations": ids.iter().map(|id| direct(id)).collect::<Vec<_>>()});
    let r = app
        .handle(&batch, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["summary"]["paused"], 8, "{r}");
    assert_eq!(
        emu.state.throttled(),
        0,
        "the client-side limit kept under the quota"
    );

    // 429 ThrottlingException (not modelled on these operations: matched on its code) is retried.
    let id = seed_contact(&emu, &[]);
    emu.state.add_fault(Fault {
        path: Some("/contact/suspend-recording".into()),
        status: Some(429),
        times: Some(2),
        ..Fault::default()
    });
    let r = app
        .handle(&direct(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["results"][0]["action"], "paused", "{r}");

    // 403 AccessDeniedException: failed, held, the fix names the IAM action.
    emu.state
        .set_denied_operations(vec!["SuspendContactRecording".into()]);
    let id = seed_contact(&emu, &[]);
    let r = app
        .handle(&direct(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let res = &r["results"][0];
    assert_eq!(
        (res["action"].as_str(), res["export"].as_str()),
        (Some("failed"), Some("hold"))
    );
    assert_eq!(res["error"]["code"], "AccessDeniedException");
    assert!(
        res["error"]["hint"]
            .as_str()
            .is_some_and(|h| h.contains("connect:SuspendContactRecording")),
        "{res}"
    );
    emu.state.set_denied_operations(Vec::new());

    // An unknown contact: not_found, held; an EventBridge event fails so Lambda retries it.
    let err = app.handle(&run("f-2", &new_id()), &invoke()).await.err();
    let err = err.unwrap_or_else(|| panic!("an unknown contact must fail the event"));
    assert_eq!(err.error_type(), "PauseFailed");
    assert!(
        err.to_string().contains("ResourceNotFoundException"),
        "{err}"
    );

    // A chat contact cannot be suspended: held, with why.
    let chat = seed_contact(&emu, &[]);
    if let Some(mut c) = emu.state.contact(&chat) {
        c.channel = "CHAT".into();
        emu.state.put_contact(c);
    }
    let mut record = direct(&chat);
    record["mediaType"] = json!("CHAT");
    let r = app
        .handle(&record, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["results"][0]["export"], "hold", "{r}");
    assert!(r["results"][0]["error"]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("voice and screen recordings only")));

    // A record without an instance cannot be addressed: held, with what to send.
    let r = app
        .handle(&json!({"platform": "connect", "conversationId": new_id(), "note": "card 4539 1488 0343 6467"}), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        r["results"][0]["error"]["code"], "invalid.instance_id",
        "{r}"
    );

    // A slow Connect (over the request timeout) is retried within the deadline.
    let id = seed_contact(&emu, &[]);
    emu.state.add_fault(Fault {
        path: Some("/contact/suspend-recording".into()),
        delay_ms: Some(1500),
        times: Some(1),
        ..Fault::default()
    });
    let slow = connect_app(&emu.url(), &[("CONNECT_HTTP_TIMEOUT_MS", "300")]).await;
    let r = slow
        .handle(&direct(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r["results"][0]["action"], "paused", "{r}");
}

#[tokio::test]
async fn the_ledger_item_has_the_same_shape_as_genesys() {
    let moto = Moto::start().await;
    let (table, ledger) = ledger_table(&moto, "connect").await;
    let emu = connect_emulator().await;
    let app = connect_app(&emu.url(), &[]).await.with_ledger(Some(ledger));
    let id = seed_contact(&emu, &[("cardNumber", "4539 1488 0343 6467")]);
    let report = app
        .handle(&data_updated("ev-l", &id, Some(&id)), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["export"], "redact", "{report}");
    let item = ledger_on(&moto, &table)
        .get(&id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(item.platform.as_deref(), Some("connect"));
    assert_eq!(item.export, pii_pause::report::Export::Redact);
    assert_eq!(item.kinds, vec!["CREDIT_CARD"]);
    assert_eq!(item.redact_fields, vec!["attributes.cardNumber"]);
    assert_eq!(item.action.as_deref(), Some("paused"));
    assert_eq!(item.recording_state.as_deref(), Some("SUSPENDED"));
    assert_eq!(item.last_delivery_id.as_deref(), Some("ev-l"));
    assert!(item.paused_at.is_some() && item.recording_until == item.paused_at);
}

//! The decision ledger against a real DynamoDB API (a moto server on loopback): every rule (hold sticky, the
//! export never goes down, kinds and fields only grow, first PII and first pause kept, TTL, events counted), two
//! containers racing on one conversation, redelivery, a failed write failing the result, the held listing and a
//! release that records who and why.

mod support;

use pii_pause::app::{App, Invoke};
use pii_pause::http::Deadline;
use pii_pause::ledger::{Entry, Ledger};
use pii_pause::report::Export;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

fn invoke() -> Invoke {
    Invoke {
        request_id: "req-ledger".into(),
        deadline_ms: 0,
    }
}

fn deadline() -> Deadline {
    Deadline::after(Duration::from_secs(20))
}

fn entry(id: &str, export: Export, kinds: &[&str], fields: &[&str], at: u64) -> Entry {
    let pii = export != Export::Allow;
    Entry {
        conversation_id: id.into(),
        platform: "genesys".into(),
        export,
        redact_fields: fields.iter().map(|f| f.to_string()).collect(),
        pii,
        kinds: kinds.iter().map(|k| k.to_string()).collect(),
        action: match export {
            Export::Allow => "none",
            Export::Redact => "paused",
            Export::Hold => "failed",
        }
        .into(),
        recording_state: (export == Export::Redact).then(|| "PAUSED".into()),
        pii_seen_at_ms: pii.then_some(at - 700),
        pause_confirmed_at_ms: (export == Export::Redact).then_some(at),
        delivery_id: Some(format!("evt-{at}")),
        context_id: None,
        decided_at_ms: at,
        expires_at_s: at / 1000 + 90 * 86_400,
        recording_until_is_earlier: false,
        pause: pii_pause::ledger::PauseChange::None,
        last_utterance_ms: None,
        pause_preceded_pii: None,
    }
}

fn app_with(emu_url: &str, ledger: Ledger) -> App {
    let (sm, _) = mock_secrets(&demo_secret());
    app(sm, "genesys/oauth", emu_url, &[]).with_ledger(Some(ledger))
}

fn card(id: &str) -> Value {
    json!({"conversationId": id, "participants": [
        {"participantId": "p-1", "purpose": "customer", "attributes": {"cardNumber": "4539 1488 0343 6467"}}]})
}

#[tokio::test]
async fn the_export_never_goes_down_hold_is_sticky_and_sets_only_grow() {
    let moto = Moto::start().await;
    let (_, ledger) = ledger_table(&moto, "rules").await;
    let id = "c-rules";
    let t0 = 1_795_000_000_000u64;

    let item = ledger
        .record(&entry(id, Export::Allow, &[], &[], t0), &deadline())
        .await;
    let item = item.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.export, Export::Allow);
    assert!(!item.pii);
    assert_eq!(item.expires_at, Some(t0 / 1000 + 90 * 86_400));

    let e = entry(
        id,
        Export::Redact,
        &["CREDIT_CARD"],
        &["attributes.cardNumber"],
        t0 + 1_000,
    );
    let item = ledger
        .record(&e, &deadline())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.export, Export::Redact);
    assert!(item.pii);
    let iso = pii_pause::time::iso8601_ms;
    assert_eq!(item.paused_at, Some(iso(t0 + 1_000)));
    assert_eq!(item.recording_until, item.paused_at);
    assert_eq!(item.first_pii_at, Some(iso(t0 + 300)));
    assert_eq!(item.time_to_pause_ms, Some(700));

    // A later clean event does not lower redact; the PII stays recorded.
    let item = ledger
        .record(&entry(id, Export::Allow, &[], &[], t0 + 2_000), &deadline())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.export, Export::Redact);
    assert!(item.pii);
    assert_eq!(item.kinds, vec!["CREDIT_CARD"]);

    // Unconfirmed PII: hold, and hold is sticky against later redact and allow.
    let item = ledger
        .record(
            &entry(id, Export::Hold, &["US_SSN"], &["notes"], t0 + 3_000),
            &deadline(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.export, Export::Hold);
    assert_eq!(item.held_day, Some(pii_pause::time::day_of(t0 + 3_000)));
    for (i, export) in [Export::Redact, Export::Allow].into_iter().enumerate() {
        let e = entry(id, export, &["EMAIL"], &["email"], t0 + 4_000 + i as u64);
        let item = ledger
            .record(&e, &deadline())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(
            item.export,
            Export::Hold,
            "{export:?} must not overwrite hold"
        );
    }
    let item = ledger.get(id).await.unwrap_or_else(|e| panic!("{e}"));
    let item = item.unwrap_or_else(|| panic!("no item"));
    assert_eq!(item.export, Export::Hold);
    assert_eq!(item.kinds, vec!["CREDIT_CARD", "EMAIL", "US_SSN"]);
    assert_eq!(
        item.redact_fields,
        vec!["attributes.cardNumber", "email", "notes"]
    );
    assert_eq!(item.events, 6);
    assert_eq!(item.first_pii_at, Some(iso(t0 + 300)), "first PII kept");
    assert_eq!(item.paused_at, Some(iso(t0 + 1_000)), "first pause kept");
    assert_eq!(item.platform.as_deref(), Some("genesys"));
}

#[tokio::test]
async fn time_to_pause_runs_from_the_first_pii_even_when_a_later_event_paused() {
    let moto = Moto::start().await;
    let (_, ledger) = ledger_table(&moto, "ttp").await;
    let t0 = 1_795_000_000_000u64;
    let mut held = entry("c-ttp", Export::Hold, &["EMAIL"], &["notes"], t0);
    held.pii_seen_at_ms = Some(t0);
    ledger
        .record(&held, &deadline())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let mut paused = entry("c-ttp", Export::Redact, &["EMAIL"], &["notes"], t0 + 5_000);
    paused.pii_seen_at_ms = Some(t0 + 4_000);
    let item = ledger
        .record(&paused, &deadline())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(item.time_to_pause_ms, Some(5_000), "pausedAt - firstPiiAt");
    let stored = ledger
        .get("c-ttp")
        .await
        .ok()
        .flatten()
        .and_then(|i| i.time_to_pause_ms);
    assert_eq!(stored, Some(5_000));
}

#[tokio::test]
async fn two_containers_racing_on_one_conversation_keep_every_rule() {
    let moto = Moto::start().await;
    let (table, _) = ledger_table(&moto, "race").await;
    // Two containers, each with its own client, through a proxy that gives moto DynamoDB's per-request
    // atomicity (see `CountingProxy::serializing`); their requests interleave in any order.
    let atomic = CountingProxy::serializing(&moto.url).await;
    let container = || {
        Ledger::new(
            ddb_client(&atomic.url),
            table.clone(),
            Duration::from_secs(86_400),
        )
    };
    let (first, second) = (container(), container());
    let id = "c-race";
    let t0 = 1_795_000_000_000u64;
    let mut writes = Vec::new();
    for i in 0..24u64 {
        let export = match i % 3 {
            0 => Export::Redact,
            1 => Export::Allow,
            _ => Export::Redact,
        };
        let export = if i == 13 { Export::Hold } else { export };
        let kind = format!("KIND_{}", i % 5);
        let field = format!("f{}", i % 7);
        let e = entry(id, export, &[&kind], &[&field], t0 + i);
        let ledger = if i % 2 == 0 { &first } else { &second };
        writes.push(async move { ledger.record(&e, &deadline()).await });
    }
    for result in futures_util::future::join_all(writes).await {
        result.unwrap_or_else(|e| panic!("{e}"));
    }
    let item = first
        .get(id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!(item.export, Export::Hold);
    assert_eq!(item.events, 24);
    assert_eq!(item.kinds.len(), 5, "{:?}", item.kinds);
    assert_eq!(item.redact_fields.len(), 7, "{:?}", item.redact_fields);
}

#[tokio::test]
async fn every_decision_is_written_and_the_report_quotes_the_ledger() {
    let moto = Moto::start().await;
    let (table, ledger) = ledger_table(&moto, "app").await;
    let emu = genesys().await;
    let app = app_with(&emu.url(), ledger);
    let (paused, clean_id) = (seed_call(&emu), seed_call(&emu));

    let report = app
        .handle(
            &json!({"conversations": [card(&paused), clean(&clean_id)]}),
            &invoke(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["export"], "redact", "{report}");
    assert_eq!(report["results"][1]["export"], "allow");
    let reader = ledger_on(&moto, &table);
    let item = reader
        .get(&paused)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!(item.export, Export::Redact);
    assert_eq!(item.action.as_deref(), Some("paused"));
    assert_eq!(item.recording_state.as_deref(), Some("PAUSED"));
    assert_eq!(
        item.redact_fields,
        vec!["participants[0].attributes.cardNumber"]
    );
    assert_eq!(item.kinds, vec!["CREDIT_CARD"]);
    assert!(item.context_id.is_some());
    assert_eq!(
        report["results"][0]["redact"]["recordingUntil"].as_str(),
        item.recording_until.as_deref()
    );
    let clean_item = reader
        .get(&clean_id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!(clean_item.export, Export::Allow);

    // The recording is resumed by someone else and the pause then fails: hold, and a later clean event for the
    // same conversation is answered with the conversation's decision, hold.
    emu.state
        .set_recording_out_of_band(&paused, "ACTIVE", false);
    emu.state.add_fault(pii_pause_emulators::genesys::Fault {
        path: Some("/recordingstate".into()),
        status: Some(500),
        times: Some(1),
        ..Default::default()
    });
    let report = app
        .handle(&card(&paused), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["export"], "hold", "{report}");
    let report = app
        .handle(&clean(&paused), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "none");
    assert_eq!(
        report["results"][0]["export"], "hold",
        "hold is sticky: {report}"
    );
}

#[tokio::test]
async fn an_sqs_record_for_an_unknown_conversation_is_held_in_the_ledger() {
    let moto = Moto::start().await;
    let (table, ledger) = ledger_table(&moto, "sqs").await;
    let emu = genesys().await;
    let app = app_with(&emu.url(), ledger);
    let known = seed_call(&emu);
    let unknown = "11111111-2222-4333-8444-555555555555";
    let body = |record: Value| record.to_string();
    let event = json!({"Records": [
        {"messageId": "m-ok", "body": body(card(&known)), "eventSource": "aws:sqs"},
        {"messageId": "m-404", "body": body(card(unknown)), "eventSource": "aws:sqs"}
    ]});
    let answer = app
        .handle(&event, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        answer,
        json!({"batchItemFailures": [{"itemIdentifier": "m-404"}]})
    );
    let reader = ledger_on(&moto, &table);
    let item = reader
        .get(unknown)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!(item.export, Export::Hold);
    assert_eq!(item.action.as_deref(), Some("not_found"));
    assert_eq!(item.last_delivery_id.as_deref(), Some("m-404"));
    let today = pii_pause::time::day_of(pii_pause::time::now_ms());
    let held = reader
        .held_on(&today)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        held.iter()
            .map(|i| i.conversation_id.as_str())
            .collect::<Vec<_>>(),
        vec![unknown]
    );

    // Redelivered (the failed message comes back): counted again, still held, nothing else changes.
    let again = json!({"Records": [{"messageId": "m-404", "body": body(card(unknown)), "eventSource": "aws:sqs"}]});
    let err = app
        .handle(&again, &invoke())
        .await
        .err()
        .map(|e| e.error_type());
    assert_eq!(err, Some("BatchFailed"));
    let item = reader
        .get(unknown)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!((item.export, item.events), (Export::Hold, 2));

    // A person releases it, with who and why; it leaves the held listing.
    let released = reader
        .release(
            unknown,
            "dana@example.com",
            "wrong region; recording reviewed and deleted",
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(released.export, Export::Redact);
    assert_eq!(released.held_day, None);
    assert_eq!(released.releases.len(), 1);
    assert_eq!(released.releases[0].by, "dana@example.com");
    assert_eq!(
        released.releases[0].reason,
        "wrong region; recording reviewed and deleted"
    );
    assert!(reader.held_on(&today).await.unwrap_or_default().is_empty());
    let twice = reader.release(unknown, "dana@example.com", "again").await;
    assert_eq!(twice.err().map(|e| e.code()), Some("ledger.not_held"));
}

#[tokio::test]
async fn a_failed_ledger_write_fails_the_result_so_the_event_is_retried() {
    let moto = Moto::start().await;
    let emu = genesys().await;
    let missing = ledger_on(&moto, "pii-pause-no-such-table");
    let app = app_with(&emu.url(), missing);
    let id = seed_call(&emu);
    let event = json!({"version": "0", "id": "evt-ledger", "detail-type": "v2.detail.events.conversation.{id}.attributes",
        "source": "aws.partner/genesys.com/cloud/o/pii-pause", "time": "2026-11-20T10:15:30Z",
        "detail": {"eventBody": {"conversationId": id, "attributes": {"PII_Detected": "true"}}}});
    let err = app.handle(&event, &invoke()).await.err();
    let err = err.unwrap_or_else(|| panic!("a failed ledger write must fail the invocation"));
    assert_eq!(err.error_type(), "PauseFailed");
    assert!(err.to_string().contains("ledger.table_not_found"), "{err}");
    assert!(err.to_string().contains("pii-pause-no-such-table"), "{err}");

    let report = app
        .handle(&card(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["summary"]["failed"], 1, "{report}");
    assert_eq!(
        report["results"][0]["error"]["code"],
        "ledger.table_not_found"
    );
}

//! The pre-emptive pause through the handler, against the Genesys emulator with the ledger (and the resume queue)
//! in moto: the agent's request pauses before the answer, the answer is `already_paused` with the pause said to
//! precede it, the next clean utterance (or a silence checked through a delayed SQS message) resumes, and no
//! resume for a pause that PII or a flag caused, while PII is given, or without the ledger's record.

mod support;

use pii_pause::app::{App, Invoke};
use pii_pause::resume_queue::ResumeScheduler;
use pii_pause::time::now_ms;
use pii_pause_emulators::genesys::RunningEmulator;
use pii_pause_emulators::Journaled;
use serde_json::{json, Value};
use std::time::Duration;
use support::*;

const ASK_CARD: &str = "thanks, could I take the long number on your card please";
const ANSWER_CARD: &str = "yes it is 4539 1488 0343 6467";
const MOVE_ON: &str = "lovely, that's gone through, is there anything else I can help with today";

fn invoke() -> Invoke {
    Invoke {
        request_id: "req-preemptive".into(),
        deadline_ms: 0,
    }
}

/// A transcription event with one final utterance spoken from `from_ms` (epoch) for `duration_ms`.
fn said(id: &str, n: u32, agent: bool, text: &str, from_ms: u64, duration_ms: u64) -> Value {
    let start = from_ms - 60_000;
    json!({"version": "0", "id": format!("ev-{id}-{n}"), "detail-type": "v2.conversations.{id}.transcription",
        "source": "aws.partner/genesys.com/cloud/o/pii-pause",
        "time": pii_pause::time::iso8601_ms(from_ms + duration_ms),
        "detail": {"eventBody": {"conversationId": id, "transcriptionStartTimeMs": start,
            "transcripts": [{"utteranceId": format!("u-{n}"), "isFinal": true,
                "channel": if agent { "INTERNAL" } else { "EXTERNAL" },
                "alternatives": [{"offsetMs": 60_000, "durationMs": duration_ms, "transcript": text}]}]}}})
}

fn flag_event(id: &str) -> Value {
    json!({"version": "0", "id": format!("attr-{id}"), "detail-type": "v2.detail.events.conversation.{id}.attributes",
        "source": "aws.partner/genesys.com/cloud/o/pii-pause", "time": "2026-11-20T10:18:12Z",
        "detail": {"eventBody": {"conversationId": id, "attributes": {"PII_Detected": "true"}}}})
}

/// After a pause that replaced the pre-emptive one, the next part of the answer is not said to follow a pause.
async fn the_rest_of_the_answer_does_not_follow_a_pause(app: &App, id: &str) {
    let rest = said(
        id,
        3,
        false,
        "and the expiry is 04/29",
        now_ms() + 4_000,
        2_000,
    );
    let r = run(app, &rest).await;
    assert_eq!(r["pausePrecededPii"], false, "{r}");
}

async fn run(app: &App, event: &Value) -> Value {
    let report = app
        .handle(event, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    report["results"][0].clone()
}

/// The emulator's confirmed recording-state PUTs of `id`, as the states asked for.
fn changes(emu: &RunningEmulator, id: &str) -> Vec<String> {
    emu.state
        .requests()
        .iter()
        .filter(|r| {
            r.method == "PUT"
                && r.status == 200
                && r.path.ends_with(&format!("/{id}/recordingstate"))
        })
        .map(|r| {
            serde_json::from_str::<Value>(&r.body).unwrap_or_default()["recordingState"]
                .as_str()
                .unwrap_or_default()
                .to_string()
        })
        .collect()
}

fn recording(emu: &RunningEmulator, id: &str) -> (String, bool) {
    let c = emu
        .state
        .conversation(id)
        .unwrap_or_else(|| panic!("no conversation {id}"));
    (c.recording_state, c.secure_pause)
}

fn kinds(result: &Value) -> Vec<String> {
    result["findings"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["kind"].as_str().map(str::to_string))
        .collect()
}

async fn setup(
    moto: &Moto,
    extra: &[(&str, &str)],
) -> (RunningEmulator, App, pii_pause::ledger::Ledger, String) {
    let emu = genesys().await;
    let (table, ledger) = ledger_table(moto, "pre").await;
    let (sm, _) = mock_secrets(&demo_secret());
    let mut vars = vec![("PII_PAUSE_LEDGER_TABLE", table.as_str())];
    vars.extend_from_slice(extra);
    let app =
        app(sm, "genesys/oauth", &emu.url(), &vars).with_ledger(Some(ledger_on(moto, &table)));
    let id = seed_call(&emu);
    (emu, app, ledger, id)
}

#[tokio::test]
async fn the_request_pauses_before_the_answer_which_is_then_already_paused_and_the_next_clean_utterance_resumes(
) {
    let moto = Moto::start().await;
    let (emu, app, ledger, id) = setup(&moto, &[("PREEMPTIVE_RESUME", "true")]).await;

    let asked_at = now_ms();
    let r = run(&app, &said(&id, 1, true, ASK_CARD, asked_at - 3_000, 2_800)).await;
    assert_eq!(r["action"], "paused", "{r}");
    assert!(
        kinds(&r).contains(&"REQUEST_CREDIT_CARD".to_string()),
        "{r}"
    );
    assert_eq!(r["pii"], false, "a request is not PII: {r}");
    assert_eq!(
        r["export"], "allow",
        "a request never holds or redacts: {r}"
    );
    assert_eq!(recording(&emu, &id), ("PAUSED".into(), true));
    let item = ledger
        .get(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!(item.pause_reason.as_deref(), Some("request"));
    let paused_at = item
        .preemptive_paused_at_ms
        .unwrap_or_else(|| panic!("no pre-emptive pause recorded"));

    // The customer's answer, spoken after the pause was confirmed.
    let answered_from = now_ms() + 50;
    let r = run(
        &app,
        &said(&id, 2, false, ANSWER_CARD, answered_from, 4_000),
    )
    .await;
    assert_eq!(r["action"], "already_paused", "{r}");
    assert_eq!(r["recordingState"], "PAUSED");
    assert_eq!(r["pausePrecededPii"], true, "{r}");
    assert_eq!(r["export"], "redact", "{r}");
    let until = r["redact"]["recordingUntil"]
        .as_str()
        .unwrap_or_else(|| panic!("no recordingUntil: {r}"));
    assert_eq!(
        until,
        pii_pause::time::iso8601_ms(paused_at),
        "the audio before the pre-emptive pause is clean of the answer"
    );
    assert_eq!(
        changes(&emu, &id),
        ["PAUSED"],
        "the answer needed a read, not a second pause"
    );
    let item = ledger
        .get(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no item"));
    assert_eq!(item.export, pii_pause::report::Export::Redact);
    assert_eq!(item.pause_preceded_pii, Some(true));
    assert_eq!(item.recording_until.as_deref(), Some(until));

    // The agent moves on: a final utterance with neither PII nor a request resumes the recording.
    let r = run(
        &app,
        &said(&id, 3, true, MOVE_ON, answered_from + 5_000, 3_000),
    )
    .await;
    assert_eq!(r["action"], "resumed", "{r}");
    assert_eq!(r["recordingState"], "ACTIVE", "{r}");
    assert_eq!(r["export"], "redact", "the export never goes down: {r}");
    assert_eq!(changes(&emu, &id), ["PAUSED", "ACTIVE"]);
    assert_eq!(recording(&emu, &id).0, "ACTIVE");
    let item = ledger
        .get(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no item"));
    assert!(
        item.resumed_at_ms.is_some_and(|at| at >= paused_at),
        "{item:?}"
    );
    assert_eq!(item.export, pii_pause::report::Export::Redact);
}

#[tokio::test]
async fn resume_is_opt_in_and_waits_for_the_answer() {
    let moto = Moto::start().await;
    let (emu, app, _ledger, id) = setup(&moto, &[]).await;
    let t = now_ms();
    assert_eq!(
        run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await["action"],
        "paused"
    );
    // Without PREEMPTIVE_RESUME nothing resumes, even after the answer.
    run(
        &app,
        &said(&id, 2, false, ANSWER_CARD, now_ms() + 10, 3_000),
    )
    .await;
    let r = run(&app, &said(&id, 3, true, MOVE_ON, now_ms() + 5_000, 2_000)).await;
    assert_eq!(r["action"], "none", "{r}");
    assert_eq!(changes(&emu, &id), ["PAUSED"]);

    let (emu, app, _ledger, id) = setup(&moto, &[("PREEMPTIVE_RESUME", "true")]).await;
    let t = now_ms();
    run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await;
    // Small talk before any answer is not the end of the answer.
    let r = run(
        &app,
        &said(
            &id,
            2,
            false,
            "sorry, hold on, let me find my purse",
            t + 100,
            2_000,
        ),
    )
    .await;
    assert_eq!(r["action"], "none", "{r}");
    assert_eq!(changes(&emu, &id), ["PAUSED"]);
    assert_eq!(recording(&emu, &id), ("PAUSED".into(), true));
}

#[tokio::test]
async fn no_resume_while_pii_is_given_nor_for_a_pause_pii_or_a_flag_caused() {
    let moto = Moto::start().await;
    let (emu, app, _ledger, id) = setup(&moto, &[("PREEMPTIVE_RESUME", "true")]).await;
    // PII with no request before it: a reactive pause, which no clean utterance undoes.
    let t = now_ms();
    let r = run(&app, &said(&id, 1, false, ANSWER_CARD, t - 4_000, 3_000)).await;
    assert_eq!(r["action"], "paused", "{r}");
    assert_eq!(r["pausePrecededPii"], false, "{r}");
    let r = run(&app, &said(&id, 2, true, MOVE_ON, t + 1_000, 2_000)).await;
    assert_eq!(r["action"], "none", "{r}");
    assert_eq!(changes(&emu, &id), ["PAUSED"]);

    // A flag's pause.
    let id = seed_call(&emu);
    assert_eq!(run(&app, &flag_event(&id)).await["action"], "paused");
    let r = run(&app, &said(&id, 1, true, MOVE_ON, now_ms(), 2_000)).await;
    assert_eq!(r["action"], "none", "{r}");
    assert_eq!(changes(&emu, &id), ["PAUSED"]);

    // A pre-emptive pause whose answer goes on: an event with a clean utterance and PII pauses, never resumes.
    let id = seed_call(&emu);
    let t = now_ms();
    run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await;
    run(&app, &said(&id, 2, false, "it's 4539 1488", t + 100, 2_000)).await;
    let mut both = said(&id, 3, true, MOVE_ON, t + 3_000, 1_000);
    let more = json!({"utteranceId": "u-4", "isFinal": true, "channel": "EXTERNAL",
        "alternatives": [{"offsetMs": 64_500, "durationMs": 2_000, "transcript": "and the rest is 0343 6467"}]});
    if let Some(list) = both["detail"]["eventBody"]["transcripts"].as_array_mut() {
        list.push(more);
    }
    let r = run(&app, &both).await;
    assert_ne!(r["action"], "resumed", "{r}");
    assert_eq!(recording(&emu, &id), ("PAUSED".into(), true));
    assert!(!changes(&emu, &id).contains(&"ACTIVE".to_string()));
}

#[tokio::test]
async fn a_recording_resumed_by_someone_else_before_the_answer_is_paused_again_and_the_decision_says_so(
) {
    let moto = Moto::start().await;
    let (emu, app, _ledger, id) = setup(&moto, &[]).await;
    let t = now_ms();
    run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await;
    assert!(emu.state.set_recording_out_of_band(&id, "ACTIVE", false));

    // The answer began before its event arrived, as transcription events always do.
    let answered_from = now_ms() - 500;
    let r = run(
        &app,
        &said(&id, 2, false, ANSWER_CARD, answered_from, 3_000),
    )
    .await;
    assert_eq!(
        r["action"], "paused",
        "the platform said it was not paused: {r}"
    );
    assert_eq!(r["pausePrecededPii"], false, "{r}");
    let until = r["redact"]["recordingUntil"]
        .as_str()
        .unwrap_or_default()
        .to_string();
    assert!(
        until > pii_pause::time::iso8601_ms(answered_from),
        "recordingUntil {until} must be after the answer began: the audio holds the answer"
    );
    assert_eq!(changes(&emu, &id), ["PAUSED", "PAUSED"]);
    // That pause replaced the pre-emptive one: the rest of the answer does not follow a pause that held.
    the_rest_of_the_answer_does_not_follow_a_pause(&app, &id).await;
}

#[tokio::test]
async fn without_the_pause_on_request_a_request_changes_nothing() {
    let moto = Moto::start().await;
    let (emu, app, _ledger, id) = setup(&moto, &[("PREEMPTIVE_PAUSE", "false")]).await;
    let r = run(&app, &said(&id, 1, true, ASK_CARD, now_ms() - 3_000, 2_800)).await;
    assert_eq!(r["action"], "none", "{r}");
    assert!(changes(&emu, &id).is_empty());
    // The answer is then the reactive story.
    let r = run(&app, &said(&id, 2, false, ANSWER_CARD, now_ms(), 3_000)).await;
    assert_eq!(r["action"], "paused", "{r}");
    assert_eq!(r["pausePrecededPii"], false, "{r}");
}

fn sqs_client(url: &str) -> aws_sdk_sqs::Client {
    let config = aws_sdk_sqs::Config::builder()
        .behavior_version(aws_sdk_sqs::config::BehaviorVersion::latest())
        .region(aws_sdk_sqs::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_sqs::config::Credentials::new(
            "test", "test", None, None, "tests",
        ))
        .endpoint_url(url)
        .build();
    aws_sdk_sqs::Client::from_conf(config)
}

/// Waits (up to `limit`) for one message on the queue; returns it as the SQS event Lambda would deliver.
async fn next_delivery(sqs: &aws_sdk_sqs::Client, queue: &str, limit: Duration) -> Option<Value> {
    let until = std::time::Instant::now() + limit;
    while std::time::Instant::now() < until {
        let out = sqs
            .receive_message()
            .queue_url(queue)
            .max_number_of_messages(1)
            .send()
            .await
            .unwrap_or_else(|e| panic!("ReceiveMessage: {e}"));
        if let Some(m) = out.messages().first() {
            sqs.delete_message()
                .queue_url(queue)
                .receipt_handle(m.receipt_handle().unwrap_or_default())
                .send()
                .await
                .unwrap_or_else(|e| panic!("DeleteMessage: {e}"));
            return Some(
                json!({"Records": [{"messageId": m.message_id().unwrap_or_default(),
                "receiptHandle": "r", "body": m.body().unwrap_or_default(), "attributes": {},
                "messageAttributes": {}, "md5OfBody": "", "eventSource": "aws:sqs",
                "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:pii-pause-resume", "awsRegion": "us-east-1"}]}),
            );
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    None
}

#[tokio::test]
async fn a_silence_after_the_request_resumes_through_a_delayed_sqs_message_unless_something_was_said_since(
) {
    let moto = Moto::start().await;
    let sqs = sqs_client(&moto.url);
    let queue = sqs
        .create_queue()
        .queue_name(format!("pii-pause-resume-{}", fastrand::u32(..)))
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateQueue: {e}"))
        .queue_url()
        .unwrap_or_default()
        .to_string();
    let (emu, app, ledger, id) = setup(
        &moto,
        &[
            ("PREEMPTIVE_RESUME", "true"),
            ("PREEMPTIVE_RESUME_AFTER_SECONDS", "1"),
            ("PII_PAUSE_RESUME_QUEUE_URL", &queue),
        ],
    )
    .await;
    let app = app.with_resume_scheduler(Some(ResumeScheduler::new(
        sqs.clone(),
        &queue,
        Duration::from_secs(1),
    )));

    let t = now_ms();
    assert_eq!(
        run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await["action"],
        "paused"
    );
    // The check is delayed: not visible at once.
    assert!(
        next_delivery(&sqs, &queue, Duration::from_millis(300))
            .await
            .is_none(),
        "DelaySeconds was not set"
    );
    let check = next_delivery(&sqs, &queue, Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no silence check was sent"));
    let body: Value =
        serde_json::from_str(check["Records"][0]["body"].as_str().unwrap_or_default())
            .unwrap_or_default();
    assert_eq!(body["piiPauseResumeCheck"]["conversationId"], id.as_str());
    assert!(
        !check.to_string().contains("long number"),
        "no transcript text in the check"
    );

    // Nothing said since: the platform resumes it.
    let answer = app
        .handle(&check, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(changes(&emu, &id), ["PAUSED", "ACTIVE"]);
    let item = ledger
        .get(&id)
        .await
        .unwrap_or_else(|e| panic!("{e}"))
        .unwrap_or_else(|| panic!("no item"));
    assert!(item.resumed_at_ms.is_some());
    // The same check delivered again: the pause it was for is over, nothing more happens.
    app.handle(&check, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(changes(&emu, &id), ["PAUSED", "ACTIVE"]);

    // Another call: the customer speaks after the request; the first check finds a newer utterance and does nothing.
    let id = seed_call(&emu);
    let t = now_ms();
    run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await;
    let first = next_delivery(&sqs, &queue, Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no check"));
    run(
        &app,
        &said(&id, 2, false, "hang on a second", t + 100, 1_000),
    )
    .await;
    app.handle(&first, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        changes(&emu, &id),
        ["PAUSED"],
        "something was said after the check was scheduled"
    );
    // The utterance scheduled its own check; once it arrives, the silence is real.
    let second = next_delivery(&sqs, &queue, Duration::from_secs(5))
        .await
        .unwrap_or_else(|| panic!("no second check"));
    app.handle(&second, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(changes(&emu, &id), ["PAUSED", "ACTIVE"]);
}

#[tokio::test]
async fn without_a_ledger_the_answer_is_read_first_but_nothing_resumes() {
    let emu = genesys().await;
    let (sm, _) = mock_secrets(&demo_secret());
    let app = app(
        sm,
        "genesys/oauth",
        &emu.url(),
        &[("PREEMPTIVE_RESUME", "true")],
    );
    let id = seed_call(&emu);
    let t = now_ms();
    assert_eq!(
        run(&app, &said(&id, 1, true, ASK_CARD, t - 3_000, 2_800)).await["action"],
        "paused"
    );
    // The container's hint of its own pause makes it ask Genesys first; Genesys confirms the recording is paused.
    let r = run(
        &app,
        &said(&id, 2, false, ANSWER_CARD, now_ms() + 20, 3_000),
    )
    .await;
    assert_eq!(r["action"], "already_paused", "{r}");
    assert_eq!(r["pausePrecededPii"], true, "{r}");
    assert_eq!(changes(&emu, &id), ["PAUSED"]);
    // A hint never resumes.
    let r = run(&app, &said(&id, 3, true, MOVE_ON, now_ms() + 5_000, 2_000)).await;
    assert_ne!(r["action"], "resumed", "{r}");
    assert_eq!(recording(&emu, &id), ("PAUSED".into(), true));

    // The hint is no claim: a recording someone resumed is paused again, and the decision says the pause came after.
    let id = seed_call(&emu);
    run(&app, &said(&id, 1, true, ASK_CARD, now_ms() - 3_000, 2_800)).await;
    assert!(emu.state.set_recording_out_of_band(&id, "ACTIVE", false));
    let r = run(
        &app,
        &said(&id, 2, false, ANSWER_CARD, now_ms() + 20, 3_000),
    )
    .await;
    assert_eq!(r["action"], "paused", "{r}");
    assert_eq!(r["pausePrecededPii"], false, "{r}");
    // ... and that pause replaced the pre-emptive one: the next part of the answer is not said to follow it either.
    the_rest_of_the_answer_does_not_follow_a_pause(&app, &id).await;
}

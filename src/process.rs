//! The decision for each conversation (scan, pause or resume, export decision, ledger) and the answers for
//! direct, EventBridge and SQS invocations (a repeated delivery is answered from memory).

use crate::app::{App, Invoke};
use crate::decision::{self, Facts};
use crate::delivery::DeliveryId;
use crate::detect::ScanResult;
use crate::error::HandlerError;
use crate::genesys::{Deadline, GenesysError, MediaRoute, RecordingRead, RecordingState};
use crate::intake::record::is_genesys_id;
use crate::intake::{Batch, Record, SqsMessage};
use crate::ledger::Entry;
use crate::metrics;
use crate::report::{Action, ConversationResult, Export, Redaction, Report, ResultError, Summary};
use crate::time::now_ms;
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};
use std::time::Instant;
use tracing::Instrument;

/// The platform every conversation of this module belongs to (the ledger's `platform`).
const PLATFORM: &str = "genesys";

/// What every decision of one batch shares.
pub struct Context<'a> {
    /// The delivery: the EventBridge event id or the SQS message id (a correlation id for logs and the ledger).
    pub event_id: Option<&'a str>,
}

/// One conversation's records (an invocation may carry several for the same id).
struct Group<'a> {
    conversation_id: &'a str,
    records: Vec<&'a Record>,
}

fn group(records: &[Record]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
    for r in records {
        match index.get(r.conversation_id.as_str()) {
            Some(&i) => groups[i].records.push(r),
            None => {
                index.insert(r.conversation_id.as_str(), groups.len());
                groups.push(Group {
                    conversation_id: &r.conversation_id,
                    records: vec![r],
                });
            }
        }
    }
    groups
}

/// Handles the records of a direct or EventBridge invocation.
pub async fn batch(
    app: &App,
    batch: Batch,
    invoke: &Invoke,
    deadline: &Deadline,
) -> Result<Value, HandlerError> {
    let delivery = batch
        .source
        .event_id()
        .map(|id| DeliveryId::Event(id.to_string()));
    if let Some(mut answer) = delivery.as_ref().and_then(|d| app.deliveries.answered(d)) {
        tracing::info!(
            event_id = batch.source.event_id().unwrap_or(""),
            "repeated delivery: answered from memory"
        );
        if let Some(object) = answer.as_object_mut() {
            object.insert("repeatedDelivery".into(), Value::Bool(true));
        }
        return Ok(answer);
    }
    let context = Context {
        event_id: batch.source.event_id(),
    };
    let results = decide_all(app, &batch.records, deadline, &context).await;
    app.metrics.emit(metrics::emf_line(
        &app.config.metrics_namespace,
        &app.config.service_name,
        batch.source.name(),
        &invoke.request_id,
        &results,
    ));
    let report = Report {
        mode: app.config.mode.as_str(),
        source: batch.source.name(),
        event_id: batch.source.event_id().map(str::to_string),
        summary: Summary::of(&results),
        results,
    };
    if batch.source.is_async() && report.summary.failed > 0 {
        return Err(HandlerError::PauseFailed {
            failed: report.summary.failed,
            total: report.summary.conversations,
            details: failure_details(&report.results),
        });
    }
    let answer = serde_json::to_value(&report).map_err(|e| HandlerError::Payload(e.to_string()))?;
    if let Some(delivery) = delivery.filter(|_| report.summary.failed == 0) {
        app.deliveries.remember(delivery, answer.clone());
    }
    Ok(answer)
}

/// Handles an SQS batch: answers `batchItemFailures` with exactly the failed messages; fails whole when all failed.
pub async fn sqs(
    app: &App,
    messages: Vec<SqsMessage>,
    invoke: &Invoke,
    deadline: &Deadline,
) -> Result<Value, HandlerError> {
    let mut failed_ids: Vec<String> = Vec::new();
    let mut details: Vec<String> = Vec::new();
    let mut all_records: Vec<Record> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    let mut repeated: Vec<bool> = Vec::with_capacity(messages.len());
    for (i, m) in messages.iter().enumerate() {
        let seen = app
            .deliveries
            .answered(&DeliveryId::Message(m.message_id.clone()))
            .is_some();
        repeated.push(seen);
        if seen {
            tracing::info!(message_id = %m.message_id, "repeated SQS delivery: answered from memory");
            continue;
        }
        match &m.batch {
            Ok(b) => {
                for r in &b.records {
                    all_records.push(r.clone());
                    owner.push(i);
                }
            }
            Err(e) => {
                tracing::warn!(message_id = %m.message_id, error = %e, "SQS message body rejected");
                failed_ids.push(m.message_id.clone());
                details.push(format!("{}: {e}", m.message_id));
            }
        }
    }
    let results = decide_all(app, &all_records, deadline, &Context { event_id: None }).await;
    app.metrics.emit(metrics::emf_line(
        &app.config.metrics_namespace,
        &app.config.service_name,
        "sqs",
        &invoke.request_id,
        &results,
    ));
    let by_id: std::collections::HashMap<&str, &ConversationResult> = results
        .iter()
        .map(|r| (r.conversation_id.as_str(), r))
        .collect();
    for (i, m) in messages.iter().enumerate() {
        if repeated[i] || failed_ids.contains(&m.message_id) {
            continue;
        }
        let mine: Vec<&ConversationResult> = all_records
            .iter()
            .zip(&owner)
            .filter(|(_, o)| **o == i)
            .filter_map(|(r, _)| by_id.get(r.conversation_id.as_str()).copied())
            .collect();
        if mine.iter().any(|r| r.failed()) {
            failed_ids.push(m.message_id.clone());
            let owned: Vec<ConversationResult> = mine.into_iter().cloned().collect();
            details.push(format!("{}: {}", m.message_id, failure_details(&owned)));
        } else {
            app.deliveries
                .remember(DeliveryId::Message(m.message_id.clone()), Value::Null);
        }
    }
    if !messages.is_empty() && failed_ids.len() == messages.len() {
        return Err(HandlerError::BatchFailed {
            count: messages.len(),
            details: details.join("; "),
        });
    }
    let failures: Vec<Value> = failed_ids
        .iter()
        .map(|id| json!({"itemIdentifier": id}))
        .collect();
    Ok(json!({"batchItemFailures": failures}))
}

fn failure_details(results: &[ConversationResult]) -> String {
    results
        .iter()
        .filter(|r| r.failed())
        .take(10)
        .map(|r| match &r.error {
            Some(e) => format!(
                "{} {} [{}{}] {}",
                r.conversation_id,
                serde_json::to_value(r.action)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_string))
                    .unwrap_or_default(),
                e.code,
                e.context_id
                    .as_ref()
                    .map(|c| format!(", contextId {c}"))
                    .unwrap_or_default(),
                e.hint
            ),
            None => r.conversation_id.clone(),
        })
        .collect::<Vec<_>>()
        .join("; ")
}

/// Decides every conversation, at most `MAX_CONCURRENCY` at once, in input order.
pub async fn decide_all(
    app: &App,
    records: &[Record],
    deadline: &Deadline,
    context: &Context<'_>,
) -> Vec<ConversationResult> {
    let groups = group(records);
    stream::iter(groups)
        .map(|g| {
            let span = tracing::info_span!(
                "conversation",
                conversation_id = %g.conversation_id,
                event_id = context.event_id.unwrap_or("")
            );
            decide(app, g, deadline, context).instrument(span)
        })
        .buffered(app.config.max_concurrency)
        .collect()
        .await
}

/// What Genesys said of a fetched conversation.
struct Fetched {
    media_type: Option<String>,
    securely_paused: bool,
}

/// Participant media arrays of a Genesys `Conversation` and the media type each means.
const MEDIA_ARRAYS: [(&str, &str); 9] = [
    ("calls", "call"),
    ("callbacks", "callback"),
    ("chats", "chat"),
    ("cobrowsesessions", "cobrowse"),
    ("emails", "email"),
    ("messages", "message"),
    ("screenshares", "screenshare"),
    ("socialExpressions", "social"),
    ("videos", "video"),
];

async fn fetch_conversation(
    app: &App,
    id: &str,
    deadline: &Deadline,
    scan: &mut ScanResult,
) -> Result<Fetched, GenesysError> {
    let Some(genesys) = &app.genesys else {
        return Err(GenesysError::Setup(
            "no Genesys credentials are configured".into(),
        ));
    };
    let doc = genesys.get_conversation(id, deadline).await?;
    // Participant data only: the rest of a Conversation is system data (addresses, ids, states, times).
    let participant_data: Vec<Value> = doc["participants"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|p| json!({ "attributes": p.get("attributes").cloned().unwrap_or(Value::Null) }))
        .collect();
    scan.merge(
        app.scanner
            .scan(&json!({ "participants": participant_data })),
    );
    let media_type = doc["participants"].as_array().and_then(|ps| {
        ps.iter().find_map(|p| {
            MEDIA_ARRAYS
                .iter()
                .find(|(key, _)| p[*key].as_array().is_some_and(|a| !a.is_empty()))
                .map(|(_, media)| media.to_string())
        })
    });
    let securely_paused = RecordingRead::from_conversation(&doc).securely_paused();
    Ok(Fetched {
        media_type,
        securely_paused,
    })
}

async fn decide(
    app: &App,
    group: Group<'_>,
    deadline: &Deadline,
    context: &Context<'_>,
) -> ConversationResult {
    let mut scan = ScanResult::default();
    for record in &group.records {
        scan.merge(app.scanner.scan(&record.body));
    }
    let first = group.records[0];
    let mut media_type = first.media_type.clone();
    let mut fetch_error = None;
    let mut read_paused_at = None;
    let wants_fetch = group.records.iter().any(|r| r.fetch) && app.genesys.is_some();
    if wants_fetch && is_genesys_id(group.conversation_id) {
        match fetch_conversation(app, group.conversation_id, deadline, &mut scan).await {
            Ok(fetched) => {
                media_type = media_type.or(fetched.media_type);
                read_paused_at = fetched.securely_paused.then(now_ms);
            }
            Err(e) => fetch_error = Some(e),
        }
    }
    let event_time_ms = group.records.iter().filter_map(|r| r.event_time_ms).min();
    let delivery_id = group.records.iter().find_map(|r| r.delivery_id.as_deref());
    let id = group.conversation_id;
    let mut result = ConversationResult {
        conversation_id: id.to_string(),
        pii: scan.pii(),
        findings: scan.findings.clone(),
        action: Action::None,
        export: Export::Hold,
        redact: None,
        recording_state: None,
        time_to_pause_ms: None,
        pause_latency_ms: None,
        context_id: None,
        error: None,
    };

    if let Some(reason) = &scan.incomplete {
        result.error = Some(ResultError::new(
            "scan.incomplete",
            format!("the record was not fully scanned: {reason}"),
            "held from export because unscanned data may hold PII; flatten or split the record",
        ));
    }

    let wanted = if scan.pii() {
        Some(RecordingState::Paused)
    } else if scan.flag_cleared && app.config.resume_on_clear {
        Some(RecordingState::Active)
    } else {
        None
    };
    let mut pause_confirmed_at = None;
    match wanted {
        None => {}
        Some(_) if !app.enforcing() => result.action = Action::DryRun,
        Some(RecordingState::Paused) if read_paused_at.is_some() => {
            result.action = Action::AlreadyPaused;
            result.recording_state = Some("PAUSED".into());
            pause_confirmed_at = read_paused_at;
        }
        Some(state) => {
            pause_confirmed_at = change_state(
                app,
                &mut result,
                id,
                media_type.as_deref(),
                state,
                deadline,
                event_time_ms,
            )
            .await;
        }
    }
    if let Some(e) = &fetch_error {
        if result.error.is_none() {
            let mut error = ResultError::from(e);
            error.hint = format!("the conversation could not be read to scan it (GET needs conversation:communication:view): {}", error.hint);
            result.context_id = result.context_id.take().or(error.context_id.clone());
            result.error = Some(error);
        }
    }
    let decided = decision::decide(Facts {
        scan: &scan,
        unscanned: fetch_error.is_some(),
        pause_confirmed_at_ms: pause_confirmed_at,
    });
    result.export = decided.export;
    result.redact = decided.redact;
    record_in_ledger(
        app,
        &mut result,
        &scan,
        event_time_ms,
        pause_confirmed_at,
        delivery_id,
        deadline,
    )
    .await;
    log_result(&result, context.event_id.or(delivery_id));
    result
}

/// Merges the decision into the ledger and reports the conversation's decision as the ledger now holds it (an
/// earlier, higher decision outranks this one). A failed write fails the result: the event is retried.
async fn record_in_ledger(
    app: &App,
    result: &mut ConversationResult,
    scan: &ScanResult,
    event_time_ms: Option<u64>,
    pause_confirmed_at: Option<u64>,
    delivery_id: Option<&str>,
    deadline: &Deadline,
) {
    let Some(ledger) = &app.ledger else {
        return;
    };
    let now = now_ms();
    let mut kinds: Vec<String> = scan
        .findings
        .iter()
        .map(|f| f.kind.as_str().to_string())
        .collect();
    kinds.dedup();
    let entry = Entry {
        conversation_id: result.conversation_id.clone(),
        platform: PLATFORM.to_string(),
        export: result.export,
        redact_fields: scan.redact_fields(),
        pii: result.pii,
        kinds,
        action: action_name(result.action),
        recording_state: result.recording_state.clone(),
        pii_seen_at_ms: result.pii.then(|| event_time_ms.unwrap_or(now).min(now)),
        pause_confirmed_at_ms: pause_confirmed_at.filter(|_| result.pii),
        delivery_id: delivery_id.map(str::to_string),
        context_id: result.context_id.clone(),
        decided_at_ms: now,
        expires_at_s: ledger.expires_at_s(now),
    };
    match ledger.record(&entry, deadline).await {
        Ok(item) => {
            result.export = item.export;
            result.redact = (item.export == Export::Redact).then_some(Redaction {
                fields: item.redact_fields,
                recording_until: item.recording_until,
            });
        }
        Err(e) => {
            tracing::warn!(code = e.code(), error = %e, "the decision could not be written to the ledger");
            if result.error.is_none() {
                result.error = Some(ResultError::new(
                    e.code(),
                    "the decision was not recorded in the ledger; the event is retried",
                    e.to_string(),
                ));
            }
        }
    }
}

fn action_name(action: Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

/// Sets the recording state through the platform; returns when the platform confirmed the recording is securely
/// paused (epoch ms), for a pause.
async fn change_state(
    app: &App,
    result: &mut ConversationResult,
    id: &str,
    media_type: Option<&str>,
    state: RecordingState,
    deadline: &Deadline,
    event_time_ms: Option<u64>,
) -> Option<u64> {
    if !is_genesys_id(id) {
        result.action = Action::Failed;
        result.error = Some(ResultError::new(
            "invalid.conversation_id",
            "the conversationId is not a Genesys conversation id (a UUID)",
            "send the Genesys conversation id (36-character UUID) in conversationId",
        ));
        return None;
    }
    let Some(genesys) = &app.genesys else {
        result.action = Action::Failed;
        result.error = Some(ResultError::new(
            "setup.no_credentials",
            "no Genesys credentials are configured",
            "set GENESYS_SECRET_ID, or PII_PAUSE_MODE=dry-run to only report",
        ));
        return None;
    };
    let route = MediaRoute::for_media_type(media_type);
    let started = Instant::now();
    match genesys
        .set_recording_state(id, route, state, deadline)
        .await
    {
        Ok(confirmation) => {
            let confirmed_at = now_ms();
            result.action = if state == RecordingState::Paused {
                Action::Paused
            } else {
                Action::Resumed
            };
            result.recording_state = Some(
                confirmation
                    .state
                    .unwrap_or_else(|| state.as_str().to_string())
                    .to_ascii_uppercase(),
            );
            result.context_id = confirmation.context_id;
            if state == RecordingState::Paused {
                result.pause_latency_ms = Some(started.elapsed().as_millis() as u64);
                result.time_to_pause_ms = event_time_ms.map(|t| confirmed_at.saturating_sub(t));
                return Some(confirmed_at);
            }
            None
        }
        Err(e)
            if state == RecordingState::Paused
                && already_paused(genesys, id, route, &e, deadline).await =>
        {
            result.action = Action::AlreadyPaused;
            result.recording_state = Some(state.as_str().to_string());
            result.context_id = e.api().and_then(|a| a.context_id.clone());
            Some(now_ms())
        }
        Err(e) => {
            record_failure(result, &e);
            None
        }
    }
}

/// After a 400 or 409 on a pause, reads the conversation to learn whether the recording is in fact already
/// securely paused now (pausing a paused recording is success). Only `securePause` true proves it: a recording
/// paused by hold suppression is not. Any doubt keeps the failure.
async fn already_paused(
    genesys: &crate::genesys::GenesysClient,
    id: &str,
    route: MediaRoute,
    e: &GenesysError,
    deadline: &Deadline,
) -> bool {
    if !e.api().is_some_and(|a| matches!(a.status, 400 | 409)) {
        return false;
    }
    match genesys.read_recording(id, route, deadline).await {
        Ok(read) => read.securely_paused(),
        Err(_) => false,
    }
}

fn record_failure(result: &mut ConversationResult, e: &GenesysError) {
    result.action = if e.is_not_found() {
        Action::NotFound
    } else {
        Action::Failed
    };
    let error = ResultError::from(e);
    result.context_id = error.context_id.clone();
    result.error = Some(error);
}

fn log_result(r: &ConversationResult, event_id: Option<&str>) {
    let kinds: Vec<&str> = {
        let mut k: Vec<&str> = r.findings.iter().map(|f| f.kind.as_str()).collect();
        k.dedup();
        k
    };
    let action = serde_json::to_value(r.action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default();
    let export = r.export.as_str();
    match &r.error {
        None => tracing::info!(
            conversation_id = %r.conversation_id,
            event_id = event_id.unwrap_or(""),
            action = %action,
            export,
            kinds = %kinds.join(","),
            context_id = r.context_id.as_deref().unwrap_or(""),
            "conversation decided"
        ),
        Some(e) => tracing::warn!(
            conversation_id = %r.conversation_id,
            event_id = event_id.unwrap_or(""),
            action = %action,
            export,
            kinds = %kinds.join(","),
            code = %e.code,
            context_id = e.context_id.as_deref().unwrap_or(""),
            hint = %e.hint,
            "conversation not handled"
        ),
    }
}

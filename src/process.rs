//! The decision for each conversation (scan, pause or resume, export decision) and the answers for
//! direct, EventBridge and SQS invocations.

use crate::app::{App, Invoke};
use crate::detect::ScanResult;
use crate::error::HandlerError;
use crate::genesys::{Deadline, GenesysError, MediaRoute, RecordingState};
use crate::intake::record::is_genesys_id;
use crate::intake::{Batch, Record, SqsMessage};
use crate::metrics;
use crate::report::{Action, ConversationResult, Export, Report, ResultError, Summary};
use futures_util::stream::{self, StreamExt};
use serde_json::{json, Value};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

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
    let results = decide_all(app, &batch.records, deadline, batch.source.event_id()).await;
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
    serde_json::to_value(&report).map_err(|e| HandlerError::Payload(e.to_string()))
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
    for (i, m) in messages.iter().enumerate() {
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
    let results = decide_all(app, &all_records, deadline, None).await;
    app.metrics.emit(metrics::emf_line(
        &app.config.metrics_namespace,
        &app.config.service_name,
        "sqs",
        &invoke.request_id,
        &results,
    ));
    for (i, m) in messages.iter().enumerate() {
        if failed_ids.contains(&m.message_id) {
            continue;
        }
        let mine: Vec<&ConversationResult> = all_records
            .iter()
            .zip(&owner)
            .filter(|(_, o)| **o == i)
            .filter_map(|(r, _)| {
                results
                    .iter()
                    .find(|res| res.conversation_id == r.conversation_id)
            })
            .collect();
        if mine.iter().any(|r| r.failed()) {
            failed_ids.push(m.message_id.clone());
            let owned: Vec<ConversationResult> = mine.into_iter().cloned().collect();
            details.push(format!("{}: {}", m.message_id, failure_details(&owned)));
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
    event_id: Option<&str>,
) -> Vec<ConversationResult> {
    let groups = group(records);
    stream::iter(groups)
        .map(|g| decide(app, g, deadline, event_id))
        .buffered(app.config.max_concurrency)
        .collect()
        .await
}

async fn decide(
    app: &App,
    group: Group<'_>,
    deadline: &Deadline,
    event_id: Option<&str>,
) -> ConversationResult {
    let mut scan = ScanResult::default();
    for record in &group.records {
        let one = app.scanner.scan(&record.body);
        for f in one.findings {
            if !scan.findings.contains(&f) {
                scan.findings.push(f);
            }
        }
        scan.flag_cleared |= one.flag_cleared;
        scan.incomplete = scan.incomplete.or(one.incomplete);
    }
    let first = group.records[0];
    let event_time_ms = group.records.iter().filter_map(|r| r.event_time_ms).min();
    let id = group.conversation_id;
    let mut result = ConversationResult {
        conversation_id: id.to_string(),
        pii: scan.pii(),
        findings: scan.findings.clone(),
        action: Action::None,
        export: Export::Allow,
        recording_state: None,
        time_to_pause_ms: None,
        pause_latency_ms: None,
        context_id: None,
        error: None,
    };

    if let Some(reason) = &scan.incomplete {
        result.export = Export::Hold;
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
    match wanted {
        None => {}
        Some(state) => change_state(app, &mut result, first, state, deadline, event_time_ms).await,
    }
    if result.pii && !matches!(result.action, Action::Paused | Action::AlreadyPaused) {
        result.export = Export::Hold;
    }
    log_result(&result, event_id);
    result
}

async fn change_state(
    app: &App,
    result: &mut ConversationResult,
    record: &Record,
    state: RecordingState,
    deadline: &Deadline,
    event_time_ms: Option<u64>,
) {
    let id = record.conversation_id.as_str();
    if !app.enforcing() {
        result.action = Action::DryRun;
        return;
    }
    if app.states.get(id) == Some(state) {
        result.action = if state == RecordingState::Paused {
            Action::AlreadyPaused
        } else {
            Action::None
        };
        result.recording_state = Some(state.as_str().to_string());
        return;
    }
    if !is_genesys_id(id) {
        result.action = Action::Failed;
        result.error = Some(ResultError::new(
            "invalid.conversation_id",
            "the conversationId is not a Genesys conversation id (a UUID)",
            "send the Genesys conversation id (36-character UUID) in conversationId",
        ));
        return;
    }
    let Some(genesys) = &app.genesys else {
        result.action = Action::Failed;
        result.error = Some(ResultError::new(
            "setup.no_credentials",
            "no Genesys credentials are configured",
            "set GENESYS_SECRET_ID, or PII_PAUSE_MODE=dry-run to only report",
        ));
        return;
    };
    let route = MediaRoute::for_media_type(record.media_type.as_deref());
    let started = Instant::now();
    match genesys
        .set_recording_state(id, route, state, deadline)
        .await
    {
        Ok(confirmation) => {
            app.states.put(id, state);
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
                result.time_to_pause_ms = event_time_ms.map(|t| now_ms().saturating_sub(t));
            }
        }
        Err(e) => record_failure(result, &e),
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
    let export = if r.export == Export::Allow {
        "allow"
    } else {
        "hold"
    };
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

fn now_ms() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

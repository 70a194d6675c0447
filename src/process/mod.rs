//! The answers to an invocation: the report for direct and EventBridge invocations (an EventBridge invocation
//! with a failed conversation fails, so Lambda retries it), `batchItemFailures` for SQS with exactly the failed
//! messages; a delivery seen before is answered from memory. Each conversation is decided in [`conversation`].

mod conversation;
mod log;

pub use conversation::{decide_all, Context};

use crate::app::{App, Invoke};
use crate::delivery::DeliveryId;
use crate::error::HandlerError;
use crate::http::Deadline;
use crate::intake::{Batch, Record, SqsMessage};
use crate::metrics;
use crate::report::{ConversationResult, Report, Summary};
use aws_lambda_events::event::sqs::SqsBatchResponse;
use serde_json::Value;
use std::collections::HashMap;

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
    emit_metrics(app, batch.source.name(), invoke, &results);
    let report = Report {
        mode: app.config.runtime.mode.as_str(),
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
    let mut failed: Vec<(String, String)> = Vec::new();
    let mut records: Vec<Record> = Vec::new();
    let mut owner: Vec<usize> = Vec::new();
    let mut repeated = vec![false; messages.len()];
    for (i, m) in messages.iter().enumerate() {
        if app
            .deliveries
            .answered(&DeliveryId::Message(m.message_id.clone()))
            .is_some()
        {
            tracing::info!(message_id = %m.message_id, "repeated SQS delivery: answered from memory");
            repeated[i] = true;
            continue;
        }
        match &m.batch {
            Ok(b) => {
                for r in &b.records {
                    records.push(r.clone());
                    owner.push(i);
                }
            }
            Err(e) => {
                tracing::warn!(message_id = %m.message_id, error = %e, "SQS message body rejected");
                failed.push((m.message_id.clone(), e.to_string()));
            }
        }
    }
    let results = decide_all(app, &records, deadline, &Context { event_id: None }).await;
    emit_metrics(app, "sqs", invoke, &results);
    let by_conversation: HashMap<(&str, &str), &ConversationResult> = results
        .iter()
        .map(|r| ((r.platform, r.conversation_id.as_str()), r))
        .collect();
    for (i, m) in messages.iter().enumerate() {
        if repeated[i] || failed.iter().any(|(id, _)| id == &m.message_id) {
            continue;
        }
        let mine: Vec<ConversationResult> = records
            .iter()
            .zip(&owner)
            .filter(|(_, o)| **o == i)
            .filter_map(|(r, _)| {
                by_conversation
                    .get(&(r.platform, r.conversation_id.as_str()))
                    .copied()
            })
            .cloned()
            .collect();
        if mine.iter().any(|r| r.failed()) {
            failed.push((m.message_id.clone(), failure_details(&mine)));
        } else {
            app.deliveries
                .remember(DeliveryId::Message(m.message_id.clone()), Value::Null);
        }
    }
    if !messages.is_empty() && failed.len() == messages.len() {
        return Err(HandlerError::BatchFailed {
            count: messages.len(),
            details: failed
                .iter()
                .map(|(id, why)| format!("{id}: {why}"))
                .collect::<Vec<_>>()
                .join("; "),
        });
    }
    let mut response = SqsBatchResponse::default();
    for (id, _) in failed {
        response.add_failure(id);
    }
    serde_json::to_value(&response).map_err(|e| HandlerError::Payload(e.to_string()))
}

fn emit_metrics(app: &App, source: &str, invoke: &Invoke, results: &[ConversationResult]) {
    app.metrics.emit(metrics::emf_line(
        &app.config.runtime.metrics_namespace,
        &app.config.runtime.service_name,
        source,
        &invoke.request_id,
        results,
    ));
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
                log::action_name(r.action),
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

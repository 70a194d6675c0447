//! Intake: recognises the shape of an invocation payload (direct, Genesys EventBridge, ETL EventBridge, SQS)
//! and turns it into conversation records. A payload of no known shape gets an error listing the accepted ones.

mod eventbridge;
pub mod record;

pub use record::Record;

use crate::config::Config;
use serde_json::Value;

/// Records per invocation at most (a direct batch, or the records of one event).
pub const MAX_RECORDS: usize = 10_000;

/// The accepted shapes, as listed in errors.
pub const ACCEPTED_SHAPES: &str = "accepted shapes: (1) {\"conversations\": [record, ...]}; (2) one record \
{\"conversationId\": ..., \"participants\": [...]}; (3) a Genesys Cloud EventBridge event (detail-type \
v2.detail.events.conversation.{id}.attributes, v2.detail.events.conversation.{id}.<other topic>, or \
v2.conversations.{id}.transcription) with detail.eventBody; (4) an EventBridge event from an ETL source whose detail is \
a record or {\"conversations\": [...]}; (5) an SQS event whose message bodies are any of these";

/// Where an invocation came from; decides how failures are answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Step Functions, Glue, a data action, the CLI: answered with the report.
    Direct,
    /// Genesys Cloud partner event (asynchronous).
    Genesys {
        topic: Topic,
        event_id: Option<String>,
    },
    /// ETL pipeline event on EventBridge (asynchronous).
    Etl {
        source: String,
        event_id: Option<String>,
    },
}

impl Source {
    /// Whether Lambda invoked asynchronously (EventBridge): a failed pause must then fail the invocation.
    pub fn is_async(&self) -> bool {
        !matches!(self, Source::Direct)
    }

    pub fn name(&self) -> &'static str {
        match self {
            Source::Direct => "direct",
            Source::Genesys { .. } => "genesys",
            Source::Etl { .. } => "etl",
        }
    }

    /// The EventBridge event id, a correlation id for logs.
    pub fn event_id(&self) -> Option<&str> {
        match self {
            Source::Genesys { event_id, .. } | Source::Etl { event_id, .. } => event_id.as_deref(),
            Source::Direct => None,
        }
    }
}

/// The Genesys notification topic families pii-pause handles.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Topic {
    /// `v2.detail.events.conversation.{id}.attributes`: participant data changed.
    Attributes,
    /// `v2.conversations.{id}.transcription`: transcript text.
    Transcription,
    /// Any other `v2.detail.events.conversation.{id}.*` topic (customer.start, acd.start, wrapup, ...).
    Conversation(String),
}

/// Records from one event, with where they came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Batch {
    pub source: Source,
    pub records: Vec<Record>,
}

/// One SQS message: its id and what its body held.
#[derive(Debug, Clone, PartialEq)]
pub struct SqsMessage {
    pub message_id: String,
    pub batch: Result<Batch, IntakeError>,
}

/// A decoded invocation.
#[derive(Debug, Clone, PartialEq)]
pub enum Invocation {
    Batch(Batch),
    Sqs(Vec<SqsMessage>),
}

/// Why a payload was not accepted.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum IntakeError {
    #[error("the payload is not a JSON object of a known shape; {ACCEPTED_SHAPES}")]
    UnknownShape,
    #[error("{at}: {problem}; {ACCEPTED_SHAPES}")]
    BadRecord { at: String, problem: String },
    #[error("{count} records in one invocation is more than the limit of {MAX_RECORDS}: split the batch")]
    TooManyRecords { count: usize },
    #[error("EventBridge source `{source_name}` is not in ETL_EVENT_SOURCES and is not Genesys Cloud: add it to ETL_EVENT_SOURCES or narrow the EventBridge rule")]
    UnknownSource { source_name: String },
    #[error("Genesys topic `{topic}` is not one pii-pause handles: subscribe the integration and the rule to v2.detail.events.conversation.{{id}}.* or v2.conversations.{{id}}.transcription topics")]
    UnsupportedTopic { topic: String },
    #[error("SQS message body is not JSON (parse error at line {line} column {column})")]
    BodyNotJson { line: usize, column: usize },
}

/// Decodes a payload.
pub fn decode(payload: &Value, config: &Config) -> Result<Invocation, IntakeError> {
    if let Some(records) = sqs_records(payload) {
        let messages = records
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let message_id = r
                    .get("messageId")
                    .and_then(Value::as_str)
                    .map(str::to_string)
                    .unwrap_or_else(|| format!("Records[{i}]"));
                let body = r.get("body").and_then(Value::as_str).unwrap_or("");
                let batch = serde_json::from_str::<Value>(body)
                    .map_err(|e| IntakeError::BodyNotJson {
                        line: e.line(),
                        column: e.column(),
                    })
                    .and_then(|v| {
                        if sqs_records(&v).is_some() {
                            Err(IntakeError::UnknownShape)
                        } else {
                            decode_batch(&v, config)
                        }
                    })
                    .map(|mut batch| {
                        for record in &mut batch.records {
                            record.delivery_id = Some(message_id.clone());
                        }
                        batch
                    });
                SqsMessage { message_id, batch }
            })
            .collect();
        return Ok(Invocation::Sqs(messages));
    }
    decode_batch(payload, config).map(Invocation::Batch)
}

fn sqs_records(payload: &Value) -> Option<&Vec<Value>> {
    let records = payload.get("Records")?.as_array()?;
    let all_sqs = !records.is_empty()
        && records
            .iter()
            .all(|r| r.get("eventSource").and_then(Value::as_str) == Some("aws:sqs"));
    all_sqs.then_some(records)
}

/// Decodes anything but an SQS event.
pub fn decode_batch(payload: &Value, config: &Config) -> Result<Batch, IntakeError> {
    let object = payload.as_object().ok_or(IntakeError::UnknownShape)?;
    if object.contains_key("detail-type") && object.contains_key("detail") {
        return eventbridge::decode(payload, config);
    }
    if let Some(list) = object.get("conversations") {
        return Ok(Batch {
            source: Source::Direct,
            records: records_from_list(list, "conversations", None)?,
        });
    }
    if object.contains_key("conversationId") {
        return Ok(Batch {
            source: Source::Direct,
            records: vec![Record::from_value(payload, "payload", None)?],
        });
    }
    Err(IntakeError::UnknownShape)
}

pub(crate) fn records_from_list(
    list: &Value,
    at: &str,
    event_time_ms: Option<u64>,
) -> Result<Vec<Record>, IntakeError> {
    let items = list.as_array().ok_or_else(|| IntakeError::BadRecord {
        at: at.to_string(),
        problem: "`conversations` must be an array of records".to_string(),
    })?;
    if items.len() > MAX_RECORDS {
        return Err(IntakeError::TooManyRecords { count: items.len() });
    }
    items
        .iter()
        .enumerate()
        .map(|(i, v)| Record::from_value(v, &format!("{at}[{i}]"), event_time_ms))
        .collect()
}

#[cfg(test)]
mod tests;

//! Intake: recognises the shape of an invocation payload and turns it into conversation records. Typed at the
//! edge (`aws_lambda_events`: `SqsEvent`, `EventBridgeEvent`); an EventBridge event goes to the platform that
//! recognises it, else it is an ETL pipeline event; direct records name their platform (default `genesys`); a
//! Lambda Function URL request goes to the HTTPS entry point (`crate::webhook`), which decodes its body here too.
//! A payload of no known shape gets an error listing the accepted ones.

pub mod record;

pub use record::{Record, ResumeCheck, Speaker, Utterance};

use crate::config::RuntimeConfig;
use crate::platform::{EventBridge, Platforms};
use aws_lambda_events::event::eventbridge::EventBridgeEvent;
use aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlRequest;
use aws_lambda_events::event::sqs::SqsEvent;
use base64::Engine;
use serde::Deserialize;
use serde_json::Value;

/// Records per invocation at most (a direct batch, or the records of one event).
pub const MAX_RECORDS: usize = 10_000;

/// The platform of a record that names none.
pub const DEFAULT_PLATFORM: &str = "genesys";

/// The accepted shapes, as listed in errors.
pub const ACCEPTED_SHAPES: &str = "accepted shapes: (1) {\"conversations\": [record, ...]} (optionally with \
\"platform\"); (2) one record {\"conversationId\": ..., \"participants\": [...]}; (3) a platform's EventBridge event: \
Genesys Cloud (detail-type v2.detail.events.conversation.{id}.attributes, v2.detail.events.conversation.{id}.<other \
topic>, or v2.conversations.{id}.transcription, with detail.eventBody), Amazon Connect (source aws.connect: Amazon \
Connect Contact Event, Contact Lens Realtime Rules Matched); (4) an EventBridge event from an ETL source whose detail \
is a record or {\"conversations\": [...]}; (5) an SQS event whose message bodies are any of these; (6) a Lambda \
Function URL request whose body is (1) or (2)";

/// What the body of a Function URL request may be.
const ACCEPTED_BODIES: &str =
    "send a record or {\"conversations\": [record, ...]}, each with `platform` (default genesys)";

/// Where an invocation came from; decides how failures are answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    /// Step Functions, Glue, a data action, the CLI: answered with the report.
    Direct,
    /// A platform's EventBridge event (asynchronous).
    Platform {
        name: &'static str,
        event_id: Option<String>,
    },
    /// ETL pipeline event on EventBridge (asynchronous).
    Etl {
        source: String,
        event_id: Option<String>,
    },
    /// The HTTPS entry point (a Lambda Function URL request): answered with the report.
    Https,
    /// A delayed silence check of the pre-emptive pause (from the resume queue).
    ResumeCheck,
}

impl Source {
    /// Whether Lambda invoked asynchronously (EventBridge): a failed pause must then fail the invocation.
    pub fn is_async(&self) -> bool {
        !matches!(self, Source::Direct | Source::Https)
    }

    pub fn name(&self) -> &'static str {
        match self {
            Source::Direct => "direct",
            Source::Platform { name, .. } => name,
            Source::Etl { .. } => "etl",
            Source::Https => "https",
            Source::ResumeCheck => "resume-check",
        }
    }

    /// The EventBridge event id, a correlation id for logs.
    pub fn event_id(&self) -> Option<&str> {
        match self {
            Source::Platform { event_id, .. } | Source::Etl { event_id, .. } => event_id.as_deref(),
            Source::Direct | Source::Https | Source::ResumeCheck => None,
        }
    }
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
    /// A Lambda Function URL request, for the HTTPS entry point.
    Https(Box<LambdaFunctionUrlRequest>),
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
    #[error("EventBridge source `{source_name}` is not in ETL_EVENT_SOURCES and is no platform's: add it to ETL_EVENT_SOURCES or narrow the EventBridge rule")]
    UnknownSource { source_name: String },
    #[error("Genesys topic `{topic}` is not one pii-pause handles: subscribe the integration and the rule to v2.detail.events.conversation.{{id}}.* or v2.conversations.{{id}}.transcription topics")]
    UnsupportedTopic { topic: String },
    #[error("{what} is not accepted: {why}")]
    NotAccepted { what: String, why: String },
    #[error("`platform` `{name}` is not one pii-pause knows: use one of {known}")]
    UnknownPlatform { name: String, known: String },
    #[error("the EventBridge envelope is malformed ({reason})")]
    BadEnvelope { reason: String },
    #[error("the Lambda Function URL request is malformed ({reason})")]
    BadFunctionUrlRequest { reason: String },
    #[error("the SQS event is malformed ({reason})")]
    BadSqsEvent { reason: String },
    #[error("SQS message body is not JSON (parse error at line {line} column {column})")]
    BodyNotJson { line: usize, column: usize },
}

/// Decodes a payload.
pub fn decode(
    payload: &Value,
    runtime: &RuntimeConfig,
    platforms: &Platforms,
) -> Result<Invocation, IntakeError> {
    if is_sqs(payload) {
        let event = SqsEvent::deserialize(payload).map_err(|e| IntakeError::BadSqsEvent {
            reason: e.to_string(),
        })?;
        let messages = event
            .records
            .iter()
            .enumerate()
            .map(|(i, m)| {
                let message_id = m
                    .message_id
                    .clone()
                    .unwrap_or_else(|| format!("Records[{i}]"));
                let batch = serde_json::from_str::<Value>(m.body.as_deref().unwrap_or(""))
                    .map_err(|e| IntakeError::BodyNotJson {
                        line: e.line(),
                        column: e.column(),
                    })
                    .and_then(|v| {
                        if is_sqs(&v) {
                            Err(IntakeError::UnknownShape)
                        } else {
                            decode_batch(&v, runtime, platforms)
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
    if is_function_url(payload) {
        return LambdaFunctionUrlRequest::deserialize(payload)
            .map(|r| Invocation::Https(Box::new(r)))
            .map_err(|e| IntakeError::BadFunctionUrlRequest {
                reason: e.to_string(),
            });
    }
    decode_batch(payload, runtime, platforms).map(Invocation::Batch)
}

/// The records in the body of a Function URL request: a record or `{"conversations": [...]}` (with `platform`),
/// as a direct invocation carries them, timed by the request when they carry no `eventTime`; an event envelope
/// is refused. The batch's source is the HTTPS entry point.
pub fn function_url_body(
    request: &LambdaFunctionUrlRequest,
    runtime: &RuntimeConfig,
    platforms: &Platforms,
) -> Result<Batch, IntakeError> {
    let bad = |reason: String| IntakeError::BadFunctionUrlRequest { reason };
    let text = request.body.as_deref().unwrap_or("");
    let bytes = if request.is_base64_encoded {
        base64::engine::general_purpose::STANDARD
            .decode(text)
            .map_err(|_| bad("the body is marked base64 but is not".into()))?
    } else {
        text.as_bytes().to_vec()
    };
    let payload: Value = serde_json::from_slice(&bytes).map_err(|e| {
        bad(format!(
            "the body is not JSON: parse error at line {} column {}",
            e.line(),
            e.column()
        ))
    })?;
    let batch = decode_batch(&payload, runtime, platforms)?;
    if batch.source != Source::Direct {
        return Err(bad(format!(
            "the body is an event envelope; {ACCEPTED_BODIES}"
        )));
    }
    // The request's time is the event time of records that carry none.
    let sent_ms = u64::try_from(request.request_context.time_epoch)
        .ok()
        .filter(|t| *t > 0);
    let mut records = batch.records;
    for record in &mut records {
        record.event_time_ms = record.event_time_ms.or(sent_ms);
    }
    Ok(Batch {
        source: Source::Https,
        records,
    })
}

/// The shape of a Function URL request (payload format 2.0): `rawPath` and `requestContext.http`.
fn is_function_url(payload: &Value) -> bool {
    payload.get("rawPath").is_some_and(Value::is_string)
        && payload
            .pointer("/requestContext/http")
            .is_some_and(Value::is_object)
}

fn is_sqs(payload: &Value) -> bool {
    payload
        .get("Records")
        .and_then(Value::as_array)
        .is_some_and(|records| {
            !records.is_empty()
                && records
                    .iter()
                    .all(|r| r.get("eventSource").and_then(Value::as_str) == Some("aws:sqs"))
        })
}

/// Decodes anything but an SQS event.
pub fn decode_batch(
    payload: &Value,
    runtime: &RuntimeConfig,
    platforms: &Platforms,
) -> Result<Batch, IntakeError> {
    let object = payload.as_object().ok_or(IntakeError::UnknownShape)?;
    if object.contains_key("detail-type") && object.contains_key("detail") {
        return eventbridge(payload, runtime, platforms);
    }
    if let Some(check) = object.get(crate::resume_queue::KEY) {
        return Ok(Batch {
            source: Source::ResumeCheck,
            records: vec![resume_check(check, platforms)?],
        });
    }
    if let Some(list) = object.get("conversations") {
        let platform = batch_platform(object.get("platform"), "platform")?;
        return Ok(Batch {
            source: Source::Direct,
            records: records_from_list(list, "conversations", None, platform, platforms)?,
        });
    }
    if object.contains_key("conversationId") {
        return Ok(Batch {
            source: Source::Direct,
            records: vec![generic_record(payload, "payload", None, None, platforms)?],
        });
    }
    Err(IntakeError::UnknownShape)
}

fn eventbridge(
    payload: &Value,
    runtime: &RuntimeConfig,
    platforms: &Platforms,
) -> Result<Batch, IntakeError> {
    let envelope =
        EventBridgeEvent::<Value>::deserialize(payload).map_err(|e| IntakeError::BadEnvelope {
            reason: e.to_string(),
        })?;
    let view = EventBridge {
        id: envelope.id.as_deref(),
        source: &envelope.source,
        detail_type: &envelope.detail_type,
        time_ms: envelope
            .time
            .and_then(|t| u64::try_from(t.timestamp_millis()).ok()),
        detail: &envelope.detail,
    };
    if let Some((name, recognised)) = platforms.recognise(&view) {
        let mut records = recognised?;
        for record in &mut records {
            record.delivery_id = envelope.id.clone();
        }
        return Ok(Batch {
            source: Source::Platform {
                name,
                event_id: envelope.id.clone(),
            },
            records,
        });
    }

    let source = envelope.source.as_str();
    if let Some(allowed) = &runtime.etl_event_sources {
        if !allowed.iter().any(|a| a == source) {
            return Err(IntakeError::UnknownSource {
                source_name: source.to_string(),
            });
        }
    }
    let detail = &envelope.detail;
    let platform = batch_platform(detail.get("platform"), "detail.platform")?;
    let mut records = if let Some(list) = detail.get("conversations") {
        records_from_list(
            list,
            "detail.conversations",
            view.time_ms,
            platform,
            platforms,
        )?
    } else if detail.get("conversationId").is_some() {
        vec![generic_record(
            detail,
            "detail",
            view.time_ms,
            None,
            platforms,
        )?]
    } else {
        return Err(IntakeError::BadRecord {
            at: "detail".to_string(),
            problem: format!(
                "the EventBridge event (source `{source}`, detail-type `{}`) carries no conversation record",
                envelope.detail_type
            ),
        });
    };
    for record in &mut records {
        record.delivery_id = envelope.id.clone();
    }
    Ok(Batch {
        source: Source::Etl {
            source: source.to_string(),
            event_id: envelope.id.clone(),
        },
        records,
    })
}

/// A delayed silence check: the conversation and the pre-emptive pause it is about.
fn resume_check(check: &Value, platforms: &Platforms) -> Result<Record, IntakeError> {
    let at = crate::resume_queue::KEY;
    let number = |k: &str| {
        check
            .get(k)
            .and_then(Value::as_u64)
            .ok_or_else(|| IntakeError::BadRecord {
                at: at.to_string(),
                problem: format!("`{k}` must be a number of epoch milliseconds"),
            })
    };
    let (paused_at_ms, last_utterance_ms) = (number("pausedAtMs")?, number("lastUtteranceMs")?);
    let mut record = generic_record(check, at, None, None, platforms)?;
    record.body = Value::Object(Default::default());
    if let Some(locator) = check.get("locator").filter(|l| !l.is_null()) {
        record.locator = locator.clone();
    }
    record.resume_check = Some(ResumeCheck {
        paused_at_ms,
        last_utterance_ms,
    });
    Ok(record)
}

/// The `platform` a batch names for its records, if any.
fn batch_platform(value: Option<&Value>, at: &str) -> Result<Option<String>, IntakeError> {
    match value {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.trim().to_string())),
        Some(_) => Err(IntakeError::BadRecord {
            at: at.to_string(),
            problem: "`platform` must be a string".to_string(),
        }),
    }
}

fn records_from_list(
    list: &Value,
    at: &str,
    event_time_ms: Option<u64>,
    platform: Option<String>,
    platforms: &Platforms,
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
        .map(|(i, v)| {
            generic_record(
                v,
                &format!("{at}[{i}]"),
                event_time_ms,
                platform.as_deref(),
                platforms,
            )
        })
        .collect()
}

/// A record from a direct, ETL or HTTPS caller: its platform is its own `platform`, else the batch's, else
/// Genesys; the platform adds its addressing fields.
pub fn generic_record(
    value: &Value,
    at: &str,
    event_time_ms: Option<u64>,
    batch_platform: Option<&str>,
    platforms: &Platforms,
) -> Result<Record, IntakeError> {
    let named = match value.get("platform") {
        Some(Value::String(s)) => Some(s.trim()),
        Some(Value::Null) | None => None,
        Some(_) => {
            return Err(IntakeError::BadRecord {
                at: at.to_string(),
                problem: "`platform` must be a string".to_string(),
            })
        }
    };
    let name = named.or(batch_platform).unwrap_or(DEFAULT_PLATFORM);
    let adapter = platforms
        .get(name)
        .ok_or_else(|| IntakeError::UnknownPlatform {
            name: name.to_string(),
            known: platforms.names().join(", "),
        })?;
    let mut record = Record::from_value(value, at, event_time_ms, adapter.name())?;
    record.locator = adapter.locate(value);
    Ok(record)
}

#[cfg(test)]
mod tests;

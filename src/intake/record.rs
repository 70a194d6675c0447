//! A conversation record: which platform it is on, its id and addressing, the event time, the JSON that is
//! scanned, and what the platform asserted or must still be asked.

use super::IntakeError;
use crate::time;
use serde_json::Value;

/// One conversation to decide on.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The platform's registered name (`genesys`, `connect`, ...).
    pub platform: &'static str,
    pub conversation_id: String,
    pub media_type: Option<String>,
    /// When the event happened (epoch ms), for time-to-pause.
    pub event_time_ms: Option<u64>,
    /// The JSON that is scanned (the record itself, or the customer data of a platform event).
    pub body: Value,
    /// The event carries no customer data: read the contact from the platform and scan that.
    pub read: bool,
    /// Field paths of "PII present" signals the platform event itself asserts (a Contact Lens rule match):
    /// reported as `FLAG` findings.
    pub signals: Vec<String>,
    /// The platform's addressing beyond the id (see `platform::Contact::locator`).
    pub locator: Value,
    /// The delivery that carried the record: the EventBridge event id or the SQS message id (none for direct
    /// invocations).
    pub delivery_id: Option<String>,
    /// The utterances of a transcript the record carries (who spoke, when, whether final), in `body` order.
    pub utterances: Vec<Utterance>,
    /// A delayed check that a pre-emptive pause can end after a silence (`preemptive`), not an event.
    pub resume_check: Option<ResumeCheck>,
}

/// Who spoke an utterance.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Speaker {
    Agent,
    Customer,
    Unknown,
}

/// One utterance of a transcript.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Utterance {
    /// Its place in the record's body (`transcripts[2]`): findings under it are the utterance's.
    pub path: String,
    pub speaker: Speaker,
    /// The transcription engine will not change it any more.
    pub is_final: bool,
    /// When it was spoken (epoch ms), when the event says.
    pub from_ms: Option<u64>,
    pub to_ms: Option<u64>,
}

/// A delayed check after a pre-emptive pause: resume when nothing was said since `last_utterance_ms`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ResumeCheck {
    /// The pre-emptive pause the check is about (epoch ms of its confirmation).
    pub paused_at_ms: u64,
    /// The end of the last utterance seen when the check was scheduled.
    pub last_utterance_ms: u64,
}

/// Conversation ids longer than this are refused (Genesys ids are 36-character UUIDs, Connect's at most 256).
const MAX_ID_LEN: usize = 256;

impl Record {
    /// Reads a record of `platform`; `at` names its place in the payload for errors; `fallback_time_ms` is the
    /// envelope's time.
    pub fn from_value(
        value: &Value,
        at: &str,
        fallback_time_ms: Option<u64>,
        platform: &'static str,
    ) -> Result<Record, IntakeError> {
        let bad = |problem: &str| IntakeError::BadRecord {
            at: at.to_string(),
            problem: problem.to_string(),
        };
        let object = value
            .as_object()
            .ok_or_else(|| bad("a record must be a JSON object"))?;
        let conversation_id = match object.get("conversationId") {
            Some(Value::String(s)) if !s.trim().is_empty() => s.trim().to_string(),
            Some(Value::String(_)) | None | Some(Value::Null) => {
                return Err(bad("`conversationId` is missing or empty"))
            }
            Some(_) => return Err(bad("`conversationId` must be a string")),
        };
        if conversation_id.len() > MAX_ID_LEN {
            return Err(bad("`conversationId` is longer than 256 characters"));
        }
        let media_type = object
            .get("mediaType")
            .and_then(Value::as_str)
            .map(str::to_string);
        let event_time_ms = object
            .get("eventTime")
            .and_then(time::epoch_ms)
            .or(fallback_time_ms);
        Ok(Record {
            platform,
            conversation_id,
            media_type,
            event_time_ms,
            body: value.clone(),
            read: false,
            signals: Vec::new(),
            locator: Value::Null,
            delivery_id: None,
            utterances: Vec::new(),
            resume_check: None,
        })
    }
}

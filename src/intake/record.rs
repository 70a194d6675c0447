//! A conversation record: the id, media type and event time pii-pause needs, and the JSON it scans.

use super::IntakeError;
use crate::time;
use serde_json::Value;

/// One conversation to decide on.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    pub conversation_id: String,
    pub media_type: Option<String>,
    /// When the event happened (epoch ms), for time-to-pause.
    pub event_time_ms: Option<u64>,
    /// The JSON that is scanned (the record itself, or the customer data of a Genesys `eventBody`).
    pub body: Value,
    /// The event carries no participant data: read the conversation from Genesys and scan that.
    pub fetch: bool,
    /// The delivery that carried the record: the EventBridge event id or the SQS message id (none for direct
    /// invocations).
    pub delivery_id: Option<String>,
}

/// Conversation ids longer than this are refused (Genesys ids are 36-character UUIDs).
const MAX_ID_LEN: usize = 128;

impl Record {
    /// Reads a record; `at` names its place in the payload for errors; `fallback_time_ms` is the envelope's time.
    pub fn from_value(
        value: &Value,
        at: &str,
        fallback_time_ms: Option<u64>,
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
            return Err(bad("`conversationId` is longer than 128 characters"));
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
            conversation_id,
            media_type,
            event_time_ms,
            body: value.clone(),
            fetch: false,
            delivery_id: None,
        })
    }
}

/// Whether a conversation id has the shape of a Genesys id (a UUID). Only such ids go into request paths.
pub fn is_genesys_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        assert!(is_genesys_id("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e"));
        assert!(is_genesys_id("2F7B4C1E-8D3A-4F6B-9C2D-0E1F2A3B433E"));
        assert!(!is_genesys_id("../../api/v2/users"));
        assert!(!is_genesys_id("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433"));
        assert!(!is_genesys_id("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433g"));
        assert!(!is_genesys_id("2f7b4c1e18d3a-4f6b-9c2d-0e1f2a3b433e"));
    }
}

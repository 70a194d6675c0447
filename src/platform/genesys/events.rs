//! Genesys Cloud partner events on EventBridge: which topics pii-pause handles (`detail-type` is the topic
//! template), and what of each event body is customer data to scan.

use super::NAME;
use crate::intake::{IntakeError, Record, Speaker, Utterance};
use crate::platform::EventBridge;
use crate::time;
use serde_json::{json, Value};

const SOURCE_PREFIX: &str = "aws.partner/genesys.com";

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

/// The records of a Genesys event, or `None` when the event is not Genesys'. `read_conversation`: read the
/// conversation for topics whose body holds no participant data (`GENESYS_FETCH_CONVERSATION`).
pub fn recognise(
    event: &EventBridge<'_>,
    read_conversation: bool,
) -> Option<Result<Vec<Record>, IntakeError>> {
    let is_genesys = event.source.starts_with(SOURCE_PREFIX)
        || (event.detail_type.starts_with("v2.") && event.detail.get("eventBody").is_some());
    if !is_genesys {
        return None;
    }
    Some(records(event, read_conversation))
}

fn records(event: &EventBridge<'_>, read_conversation: bool) -> Result<Vec<Record>, IntakeError> {
    let detail = event.detail;
    let topic_name = if event.detail_type.starts_with("v2.") {
        event.detail_type
    } else {
        detail
            .get("topicName")
            .and_then(Value::as_str)
            .unwrap_or(event.detail_type)
    };
    let topic = classify(topic_name).ok_or_else(|| IntakeError::UnsupportedTopic {
        topic: topic_name.to_string(),
    })?;
    let body = detail
        .get("eventBody")
        .ok_or_else(|| IntakeError::BadRecord {
            at: "detail".to_string(),
            problem: "a Genesys event needs detail.eventBody".to_string(),
        })?;
    let mut record = Record::from_value(body, "detail.eventBody", event.time_ms, NAME)?;
    if record.event_time_ms.is_none() {
        record.event_time_ms = detail.get("timestamp").and_then(time::epoch_ms);
    }
    record.body = scanned_part(&topic, body);
    record.read = matches!(topic, Topic::Conversation(_)) && read_conversation;
    if topic == Topic::Transcription {
        record.utterances = utterances(body);
    }
    Ok(vec![record])
}

/// The utterances of a transcription event body: `transcripts[]` with `channel` (`INTERNAL` is the agent,
/// `EXTERNAL` the customer), `isFinal`, and `alternatives[0].offsetMs`/`durationMs` from the transcription's start
/// (`transcriptionStartTimeMs`, else `sessionStartTimeMs`).
fn utterances(body: &Value) -> Vec<Utterance> {
    let start = ["transcriptionStartTimeMs", "sessionStartTimeMs"]
        .iter()
        .find_map(|k| body.get(*k).and_then(Value::as_u64));
    body.get("transcripts")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
        .map(|(i, t)| {
            let speaker = match t.get("channel").and_then(Value::as_str) {
                Some(c) if c.eq_ignore_ascii_case("INTERNAL") => Speaker::Agent,
                Some(c) if c.eq_ignore_ascii_case("EXTERNAL") => Speaker::Customer,
                _ => Speaker::Unknown,
            };
            let first = &t["alternatives"][0];
            let offset = first.get("offsetMs").and_then(Value::as_u64);
            let duration = first.get("durationMs").and_then(Value::as_u64).unwrap_or(0);
            let from_ms = start.zip(offset).map(|(s, o)| s.saturating_add(o));
            Utterance {
                path: format!("transcripts[{i}]"),
                speaker,
                is_final: t.get("isFinal").and_then(Value::as_bool).unwrap_or(false),
                from_ms,
                to_ms: from_ms.map(|f| f.saturating_add(duration)),
            }
        })
        .collect()
}

/// What of a Genesys event body is customer data to scan. The rest (ANI, DNIS, addresses, ids, times) is
/// telephony system data that every call carries; scanning it would pause every recording.
fn scanned_part(topic: &Topic, body: &Value) -> Value {
    let keep = |key: &str| {
        body.get(key)
            .map(|v| json!({ key: v }))
            .unwrap_or_else(|| json!({}))
    };
    match topic {
        Topic::Attributes => keep("attributes"),
        Topic::Transcription => keep("transcripts"),
        // Participant data comes from the conversation read (GENESYS_FETCH_CONVERSATION).
        Topic::Conversation(_) => json!({}),
    }
}

/// The topic family of a topic name or template (`v2.detail.events.conversation.{id}.attributes`).
pub fn classify(topic: &str) -> Option<Topic> {
    if let Some(rest) = topic.strip_prefix("v2.detail.events.conversation.") {
        let (_, suffix) = rest.split_once('.')?;
        return Some(if suffix == "attributes" {
            Topic::Attributes
        } else {
            Topic::Conversation(suffix.to_string())
        });
    }
    if topic.starts_with("v2.conversations.") && topic.ends_with(".transcription") {
        return Some(Topic::Transcription);
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn topics_are_classified() {
        assert_eq!(
            classify("v2.detail.events.conversation.{id}.attributes"),
            Some(Topic::Attributes)
        );
        assert_eq!(
            classify("v2.detail.events.conversation.abc.customer.start"),
            Some(Topic::Conversation("customer.start".into()))
        );
        assert_eq!(
            classify("v2.conversations.{id}.transcription"),
            Some(Topic::Transcription)
        );
        assert_eq!(classify("v2.users.{id}.presence"), None);
    }

    #[test]
    fn transcription_utterances_say_who_spoke_and_when() {
        let body = serde_json::json!({
            "conversationId": "c", "transcriptionStartTimeMs": 1_000_000u64,
            "transcripts": [
                {"channel": "INTERNAL", "isFinal": true, "alternatives": [{"offsetMs": 500, "durationMs": 1200, "transcript": "a"}]},
                {"channel": "EXTERNAL", "isFinal": false, "alternatives": [{"offsetMs": 2000, "transcript": "b"}]},
                {"alternatives": []}
            ]
        });
        let u = utterances(&body);
        assert_eq!(u.len(), 3);
        assert_eq!(
            (u[0].speaker, u[0].is_final, u[0].from_ms, u[0].to_ms),
            (Speaker::Agent, true, Some(1_000_500), Some(1_001_700))
        );
        assert_eq!(u[0].path, "transcripts[0]");
        assert_eq!((u[1].speaker, u[1].is_final), (Speaker::Customer, false));
        assert_eq!((u[2].speaker, u[2].from_ms), (Speaker::Unknown, None));
    }
}

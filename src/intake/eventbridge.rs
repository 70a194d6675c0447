//! EventBridge envelopes: Genesys Cloud partner events (topic from `detail-type`) and ETL pipeline events.

use super::{records_from_list, Batch, IntakeError, Record, Source, Topic};
use crate::config::Config;
use crate::time;
use serde_json::Value;

const GENESYS_SOURCE_PREFIX: &str = "aws.partner/genesys.com";

pub(super) fn decode(payload: &Value, config: &Config) -> Result<Batch, IntakeError> {
    let source = payload.get("source").and_then(Value::as_str).unwrap_or("");
    let detail_type = payload
        .get("detail-type")
        .and_then(Value::as_str)
        .unwrap_or("");
    let detail = payload.get("detail").unwrap_or(&Value::Null);
    let event_id = payload
        .get("id")
        .and_then(Value::as_str)
        .map(str::to_string);
    let envelope_time = payload.get("time").and_then(time::epoch_ms);

    let is_genesys = source.starts_with(GENESYS_SOURCE_PREFIX)
        || (detail_type.starts_with("v2.") && detail.get("eventBody").is_some());
    if is_genesys {
        let topic_name = if detail_type.starts_with("v2.") {
            detail_type
        } else {
            detail
                .get("topicName")
                .and_then(Value::as_str)
                .unwrap_or(detail_type)
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
        let mut record = Record::from_value(body, "detail.eventBody", envelope_time)?;
        if record.event_time_ms.is_none() {
            record.event_time_ms = detail.get("timestamp").and_then(time::epoch_ms);
        }
        record.body = scanned_part(&topic, body);
        record.delivery_id = event_id.clone();
        record.fetch = matches!(topic, Topic::Conversation(_)) && config.fetch_conversation;
        return Ok(Batch {
            source: Source::Genesys { topic, event_id },
            records: vec![record],
        });
    }

    if let Some(allowed) = &config.etl_event_sources {
        if !allowed.iter().any(|a| a == source) {
            return Err(IntakeError::UnknownSource {
                source_name: source.to_string(),
            });
        }
    }
    let mut records = if let Some(list) = detail.get("conversations") {
        records_from_list(list, "detail.conversations", envelope_time)?
    } else if detail.get("conversationId").is_some() {
        vec![Record::from_value(detail, "detail", envelope_time)?]
    } else {
        return Err(IntakeError::BadRecord {
            at: "detail".to_string(),
            problem: format!(
                "the EventBridge event (source `{source}`, detail-type `{detail_type}`) carries no conversation record"
            ),
        });
    };
    for record in &mut records {
        record.delivery_id = event_id.clone();
    }
    Ok(Batch {
        source: Source::Etl {
            source: source.to_string(),
            event_id,
        },
        records,
    })
}

/// What of a Genesys event body is customer data to scan. The rest (ANI, DNIS, addresses, ids, times) is
/// telephony system data that every call carries; scanning it would pause every recording.
fn scanned_part(topic: &Topic, body: &Value) -> Value {
    let keep = |key: &str| {
        body.get(key)
            .map(|v| serde_json::json!({ key: v }))
            .unwrap_or_else(|| serde_json::json!({}))
    };
    match topic {
        Topic::Attributes => keep("attributes"),
        Topic::Transcription => keep("transcripts"),
        // Participant data comes from the fetched conversation (GENESYS_FETCH_CONVERSATION).
        Topic::Conversation(_) => serde_json::json!({}),
    }
}

/// The topic family of a topic name or template (`v2.detail.events.conversation.{id}.attributes`).
fn classify(topic: &str) -> Option<Topic> {
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

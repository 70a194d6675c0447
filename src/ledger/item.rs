//! A conversation's ledger item as read back from DynamoDB (what `pii-pause ledger get` prints and what the
//! report quotes after a write).

use crate::report::Export;
use aws_sdk_dynamodb::types::AttributeValue;
use serde::Serialize;
use std::collections::HashMap;

/// One release of a held conversation by a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Release {
    pub by: String,
    pub at: String,
    pub reason: String,
}

/// The export gate of one conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Item {
    pub conversation_id: String,
    pub platform: Option<String>,
    pub export: Export,
    pub redact_fields: Vec<String>,
    pub pii: bool,
    pub kinds: Vec<String>,
    pub action: Option<String>,
    pub recording_state: Option<String>,
    pub first_pii_at: Option<String>,
    pub paused_at: Option<String>,
    pub recording_until: Option<String>,
    pub updated_at: Option<String>,
    pub time_to_pause_ms: Option<u64>,
    pub events: u64,
    pub expires_at: Option<u64>,
    /// The UTC day the conversation was first held (the held-listing index key); absent once released.
    pub held_day: Option<String>,
    pub last_delivery_id: Option<String>,
    pub context_id: Option<String>,
    pub releases: Vec<Release>,
    /// Why the current pause was made (`request`, `pii`, `flag`).
    pub pause_reason: Option<String>,
    pub preemptive_paused_at_ms: Option<u64>,
    pub answered_at_ms: Option<u64>,
    pub resumed_at_ms: Option<u64>,
    pub last_utterance_ms: Option<u64>,
    pub pause_preceded_pii: Option<bool>,
}

impl Item {
    /// What the item says of the conversation's current pause, for the pre-emptive pause.
    pub fn pause_state(&self) -> crate::preemptive::PauseState {
        crate::preemptive::PauseState {
            reason: self.pause_reason.clone(),
            preemptive_paused_at_ms: self.preemptive_paused_at_ms,
            answered_at_ms: self.answered_at_ms,
            resumed_at_ms: self.resumed_at_ms,
            last_utterance_ms: self.last_utterance_ms,
        }
    }

    /// Reads an item. An unknown or missing `export` reads as `hold`: an item the function did not write in
    /// full must not let anything out.
    pub fn from_attributes(a: &HashMap<String, AttributeValue>) -> Item {
        let text = |k: &str| a.get(k).and_then(|v| v.as_s().ok()).cloned();
        let number = |k: &str| {
            a.get(k)
                .and_then(|v| v.as_n().ok())
                .and_then(|n| n.parse::<u64>().ok())
        };
        let strings = |k: &str| -> Vec<String> {
            let mut v: Vec<String> = match a.get(k) {
                Some(AttributeValue::Ss(s)) => s.clone(),
                Some(AttributeValue::L(l)) => {
                    l.iter().filter_map(|x| x.as_s().ok().cloned()).collect()
                }
                _ => Vec::new(),
            };
            v.sort();
            v
        };
        let releases = match a.get("releases") {
            Some(AttributeValue::L(list)) => list
                .iter()
                .filter_map(|v| v.as_m().ok())
                .map(|m| {
                    let field = |k: &str| {
                        m.get(k)
                            .and_then(|v| v.as_s().ok())
                            .cloned()
                            .unwrap_or_default()
                    };
                    Release {
                        by: field("by"),
                        at: field("at"),
                        reason: field("reason"),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        Item {
            conversation_id: text("conversationId").unwrap_or_default(),
            platform: text("platform"),
            export: text("export")
                .as_deref()
                .and_then(Export::parse)
                .unwrap_or(Export::Hold),
            redact_fields: strings("redactFields"),
            pii: a
                .get("pii")
                .and_then(|v| v.as_bool().ok())
                .copied()
                .unwrap_or(false),
            kinds: strings("kinds"),
            action: text("action"),
            recording_state: text("recordingState"),
            first_pii_at: text("firstPiiAt"),
            paused_at: text("pausedAt"),
            recording_until: text("recordingUntil"),
            updated_at: text("updatedAt"),
            time_to_pause_ms: number("timeToPauseMs"),
            events: number("events").unwrap_or(0),
            expires_at: number("expiresAt"),
            held_day: text("heldDay"),
            last_delivery_id: text("lastDeliveryId"),
            context_id: text("contextId"),
            releases,
            pause_reason: text("pauseReason"),
            preemptive_paused_at_ms: number("preemptivePausedAtMs"),
            answered_at_ms: number("answeredAtMs"),
            resumed_at_ms: number("resumedAtMs"),
            last_utterance_ms: number("lastUtteranceMs"),
            pause_preceded_pii: a
                .get("pausePrecededPii")
                .and_then(|v| v.as_bool().ok())
                .copied(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_partial_item_reads_as_hold() {
        let mut a = HashMap::new();
        a.insert("conversationId".to_string(), AttributeValue::S("c".into()));
        let item = Item::from_attributes(&a);
        assert_eq!(item.export, Export::Hold);
        assert_eq!(item.events, 0);
        a.insert("export".to_string(), AttributeValue::S("allow".into()));
        a.insert(
            "kinds".to_string(),
            AttributeValue::L(vec![AttributeValue::S("EMAIL".into())]),
        );
        let item = Item::from_attributes(&a);
        assert_eq!(item.export, Export::Allow);
        assert_eq!(item.kinds, vec!["EMAIL".to_string()]);
    }
}

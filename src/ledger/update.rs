//! The conditional `UpdateItem` that merges one decision into a conversation's ledger item: the rules of the
//! ledger as one DynamoDB expression. `hold` is sticky and the export never goes down (`allow` < `redact` <
//! `hold`), `kinds` and `redactFields` only grow (set union), the first PII and the first confirmed pause are
//! kept, `events` counts deliveries.

use crate::report::Export;
use crate::time;
use aws_sdk_dynamodb::types::AttributeValue;
use std::collections::HashMap;

/// One decision to merge into the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    pub conversation_id: String,
    /// `genesys`, `connect`, `cxone`.
    pub platform: String,
    pub export: Export,
    /// Field paths to drop before export (never values).
    pub redact_fields: Vec<String>,
    pub pii: bool,
    /// Kind names found (never values).
    pub kinds: Vec<String>,
    /// The action taken (`paused`, `already_paused`, `failed`, ...).
    pub action: String,
    /// The recording state the platform confirmed, if it did.
    pub recording_state: Option<String>,
    /// When the PII was seen (the event's own time, epoch ms), when PII was found.
    pub pii_seen_at_ms: Option<u64>,
    /// When the platform confirmed the pause (epoch ms), when PII was found and the pause confirmed.
    pub pause_confirmed_at_ms: Option<u64>,
    /// `pause_confirmed_at_ms` is a pre-emptive pause confirmed before the PII was spoken: it sets
    /// `recordingUntil` only when none is set, never lowering a later instant.
    pub recording_until_is_earlier: bool,
    /// The delivery (EventBridge event id, SQS message id) that led to this decision.
    pub delivery_id: Option<String>,
    /// The platform's correlation id of the last call (Genesys `contextId`).
    pub context_id: Option<String>,
    /// When the decision was made (epoch ms): `updatedAt`.
    pub decided_at_ms: u64,
    /// DynamoDB TTL of the item (epoch seconds).
    pub expires_at_s: u64,
    /// What this decision did to the conversation's current pause (the pre-emptive pause's record).
    pub pause: PauseChange,
    /// The end of the last utterance the event carried (epoch ms).
    pub last_utterance_ms: Option<u64>,
    /// Whether the confirmed pause preceded the PII this event found.
    pub pause_preceded_pii: Option<bool>,
}

/// What a decision did to the conversation's current pause, for the pre-emptive pause's record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum PauseChange {
    #[default]
    None,
    /// A pause was confirmed now, for this reason (`request`, `pii`, `flag`).
    Paused { reason: &'static str, at_ms: u64 },
    /// PII was spoken (at this instant) while a pre-emptive pause was current: the answer.
    Answered { at_ms: u64 },
    /// The recording was resumed now.
    Resumed { at_ms: u64 },
}

/// Whether the update may set `export` (the first attempt) or must leave a higher export alone (the second).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Attempt {
    /// Sets `export`, on condition that the item is new or its export is not higher.
    RaiseExport,
    /// Leaves `export` as it is (it is higher than this decision).
    KeepExport,
}

/// An `UpdateItem` request body.
#[derive(Debug, Clone, PartialEq)]
pub struct Update {
    pub expression: String,
    pub condition: Option<String>,
    pub names: HashMap<String, String>,
    pub values: HashMap<String, AttributeValue>,
}

/// Builds the update for `entry`.
pub fn merge(entry: &Entry, attempt: Attempt) -> Update {
    let mut u = Builder::default();
    u.set("platform", "platform", s(&entry.platform));
    u.set("action", "action", s(&entry.action));
    u.set(
        "updatedAt",
        "updatedAt",
        s(&time::iso8601_ms(entry.decided_at_ms)),
    );
    u.set("expiresAt", "expiresAt", n(entry.expires_at_s));
    if let Some(state) = &entry.recording_state {
        u.set("recordingState", "recordingState", s(state));
    }
    if let Some(id) = &entry.delivery_id {
        u.set("lastDeliveryId", "lastDeliveryId", s(id));
    }
    if let Some(id) = &entry.context_id {
        u.set("contextId", "contextId", s(id));
    }
    if entry.pii {
        u.set("pii", "pii", AttributeValue::Bool(true));
    } else {
        u.set_if_absent("pii", "pii", AttributeValue::Bool(false));
    }
    if let Some(seen) = entry.pii_seen_at_ms.filter(|_| entry.pii) {
        u.set_if_absent("firstPiiAt", "firstPiiAt", s(&time::iso8601_ms(seen)));
    }
    if let Some(at) = entry.pause_confirmed_at_ms.filter(|_| entry.pii) {
        u.set_if_absent("pausedAt", "pausedAt", s(&time::iso8601_ms(at)));
        if entry.recording_until_is_earlier {
            u.set_if_absent("recordingUntil", "recordingUntil", s(&time::iso8601_ms(at)));
        } else {
            u.set("recordingUntil", "recordingUntil", s(&time::iso8601_ms(at)));
        }
        if let Some(seen) = entry.pii_seen_at_ms {
            u.set_if_absent("timeToPauseMs", "timeToPauseMs", n(at.saturating_sub(seen)));
        }
    }
    match entry.pause {
        PauseChange::None => {}
        PauseChange::Paused { reason, at_ms } => {
            u.set("pauseReason", "pauseReason", s(reason));
            if reason == crate::preemptive::REASON_REQUEST {
                u.set("preemptivePausedAtMs", "preemptivePausedAtMs", n(at_ms));
                u.remove("answeredAtMs", "answeredAtMs");
            }
        }
        PauseChange::Answered { at_ms } => {
            u.set_if_absent("answeredAtMs", "answeredAtMs", n(at_ms));
        }
        PauseChange::Resumed { at_ms } => u.set("resumedAtMs", "resumedAtMs", n(at_ms)),
    }
    if let Some(last) = entry.last_utterance_ms {
        u.set("lastUtteranceMs", "lastUtteranceMs", n(last));
    }
    if let Some(preceded) = entry.pause_preceded_pii {
        u.set(
            "pausePrecededPii",
            "pausePrecededPii",
            AttributeValue::Bool(preceded),
        );
    }
    u.add("events", "events", n(1));
    if !entry.kinds.is_empty() {
        u.add("kinds", "kinds", AttributeValue::Ss(sorted(&entry.kinds)));
    }
    if !entry.redact_fields.is_empty() {
        u.add(
            "redactFields",
            "redactFields",
            AttributeValue::Ss(sorted(&entry.redact_fields)),
        );
    }
    if entry.export == Export::Hold {
        u.set_if_absent("heldDay", "heldDay", s(&time::day_of(entry.decided_at_ms)));
    }
    let condition = match attempt {
        Attempt::KeepExport => None,
        Attempt::RaiseExport => {
            u.set("export", "export", s(entry.export.as_str()));
            let not_higher: Vec<Export> = [Export::Allow, Export::Redact]
                .into_iter()
                .filter(|e| *e <= entry.export)
                .collect();
            if entry.export == Export::Hold {
                None
            } else {
                u.names
                    .insert("#conversationId".into(), "conversationId".into());
                let mut alternatives = Vec::new();
                for e in not_higher {
                    let placeholder = format!(":was_{}", e.as_str());
                    u.values.insert(placeholder.clone(), s(e.as_str()));
                    alternatives.push(placeholder);
                }
                Some(format!(
                    "attribute_not_exists(#conversationId) OR #export IN ({})",
                    alternatives.join(", ")
                ))
            }
        }
    };
    u.finish(condition)
}

/// The update that records the time to pause once the first confirmed pause is known to follow an earlier PII
/// event than the one that paused: `pausedAt - firstPiiAt`, exactly.
pub fn time_to_pause(paused_at: &str, time_to_pause_ms: u64) -> Update {
    let mut u = Builder::default();
    u.set("timeToPauseMs", "timeToPauseMs", n(time_to_pause_ms));
    u.values.insert(":pausedAtWas".into(), s(paused_at));
    u.names.insert("#pausedAt".into(), "pausedAt".into());
    u.finish(Some("#pausedAt = :pausedAtWas".into()))
}

#[derive(Default)]
struct Builder {
    set: Vec<String>,
    add: Vec<String>,
    remove: Vec<String>,
    names: HashMap<String, String>,
    values: HashMap<String, AttributeValue>,
}

impl Builder {
    fn bind(
        &mut self,
        placeholder: &str,
        attribute: &str,
        value: AttributeValue,
    ) -> (String, String) {
        let name = format!("#{placeholder}");
        let value_key = format!(":{placeholder}");
        self.names.insert(name.clone(), attribute.to_string());
        self.values.insert(value_key.clone(), value);
        (name, value_key)
    }

    fn set(&mut self, placeholder: &str, attribute: &str, value: AttributeValue) {
        let (name, v) = self.bind(placeholder, attribute, value);
        self.set.push(format!("{name} = {v}"));
    }

    fn set_if_absent(&mut self, placeholder: &str, attribute: &str, value: AttributeValue) {
        let (name, v) = self.bind(placeholder, attribute, value);
        self.set
            .push(format!("{name} = if_not_exists({name}, {v})"));
    }

    fn add(&mut self, placeholder: &str, attribute: &str, value: AttributeValue) {
        let (name, v) = self.bind(placeholder, attribute, value);
        self.add.push(format!("{name} {v}"));
    }

    fn remove(&mut self, placeholder: &str, attribute: &str) {
        let name = format!("#{placeholder}");
        self.names.insert(name.clone(), attribute.to_string());
        self.remove.push(name);
    }

    fn finish(self, condition: Option<String>) -> Update {
        let mut expression = format!("SET {}", self.set.join(", "));
        if !self.add.is_empty() {
            expression.push_str(&format!(" ADD {}", self.add.join(", ")));
        }
        if !self.remove.is_empty() {
            expression.push_str(&format!(" REMOVE {}", self.remove.join(", ")));
        }
        Update {
            expression,
            condition,
            names: self.names,
            values: self.values,
        }
    }
}

fn s(v: &str) -> AttributeValue {
    AttributeValue::S(v.to_string())
}

fn n(v: u64) -> AttributeValue {
    AttributeValue::N(v.to_string())
}

fn sorted(items: &[String]) -> Vec<String> {
    let mut v = items.to_vec();
    v.sort();
    v.dedup();
    v
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(export: Export) -> Entry {
        Entry {
            conversation_id: "c-1".into(),
            platform: "genesys".into(),
            export,
            redact_fields: vec!["b".into(), "a".into(), "a".into()],
            pii: export != Export::Allow,
            kinds: vec!["CREDIT_CARD".into()],
            action: "paused".into(),
            recording_state: Some("PAUSED".into()),
            pii_seen_at_ms: Some(1_000),
            pause_confirmed_at_ms: Some(1_500),
            recording_until_is_earlier: false,
            delivery_id: Some("e-1".into()),
            context_id: None,
            decided_at_ms: 1_730_815_407_123,
            expires_at_s: 1_738_591_407,
            pause: PauseChange::None,
            last_utterance_ms: None,
            pause_preceded_pii: None,
        }
    }

    #[test]
    fn redact_may_raise_allow_or_redact_but_not_hold() {
        let u = merge(&entry(Export::Redact), Attempt::RaiseExport);
        assert_eq!(
            u.condition.as_deref(),
            Some("attribute_not_exists(#conversationId) OR #export IN (:was_allow, :was_redact)")
        );
        assert_eq!(u.values.get(":export"), Some(&s("redact")));
        assert!(u
            .expression
            .contains("#pausedAt = if_not_exists(#pausedAt, :pausedAt)"));
        assert!(u.expression.contains("#recordingUntil = :recordingUntil"));
        assert!(u
            .expression
            .contains("ADD #events :events, #kinds :kinds, #redactFields :redactFields"));
        assert_eq!(
            u.values.get(":redactFields"),
            Some(&AttributeValue::Ss(vec!["a".into(), "b".into()]))
        );
        assert_eq!(u.values.get(":timeToPauseMs"), Some(&n(500)));
        assert!(!u.names.contains_key("#heldDay"));
    }

    #[test]
    fn hold_is_unconditional_and_marks_the_day() {
        let mut e = entry(Export::Hold);
        e.pause_confirmed_at_ms = None;
        let u = merge(&e, Attempt::RaiseExport);
        assert_eq!(u.condition, None);
        assert_eq!(u.values.get(":heldDay"), Some(&s("2024-11-05")));
        assert!(!u.expression.contains("pausedAt"));
    }

    #[test]
    fn allow_only_over_allow_and_never_clears_pii() {
        let mut e = entry(Export::Allow);
        e.redact_fields.clear();
        e.kinds.clear();
        let u = merge(&e, Attempt::RaiseExport);
        assert_eq!(
            u.condition.as_deref(),
            Some("attribute_not_exists(#conversationId) OR #export IN (:was_allow)")
        );
        assert!(u.expression.contains("#pii = if_not_exists(#pii, :pii)"));
        assert!(!u.expression.contains("firstPiiAt"));
        assert!(u.expression.ends_with("ADD #events :events"));
    }

    #[test]
    fn a_pre_emptive_pause_starts_a_new_answer_and_the_answer_is_kept() {
        let mut e = entry(Export::Allow);
        e.pause = PauseChange::Paused {
            reason: "request",
            at_ms: 5_000,
        };
        let u = merge(&e, Attempt::RaiseExport);
        assert!(u
            .expression
            .contains("#preemptivePausedAtMs = :preemptivePausedAtMs"));
        assert!(
            u.expression.ends_with("REMOVE #answeredAtMs"),
            "{}",
            u.expression
        );
        e.pause = PauseChange::Answered { at_ms: 6_000 };
        let u = merge(&e, Attempt::RaiseExport);
        assert!(u
            .expression
            .contains("#answeredAtMs = if_not_exists(#answeredAtMs, :answeredAtMs)"));
    }

    #[test]
    fn the_second_attempt_leaves_the_export_alone() {
        let u = merge(&entry(Export::Redact), Attempt::KeepExport);
        assert_eq!(u.condition, None);
        assert!(!u.names.contains_key("#export"));
        assert!(!u.expression.contains("#export"));
    }
}

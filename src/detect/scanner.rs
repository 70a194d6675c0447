//! The record scanner: walks a conversation record (any JSON), applies the key rules and the
//! detectors to every value, and returns findings named by field path. Transcript items say who
//! spoke (`channel`: `INTERNAL` is the agent, `EXTERNAL` the customer; Amazon Connect's
//! `ParticipantRole`); the scanner passes that on, with the utterance before, as context.

use super::config::DetectionConfig;
use super::keys::{flag_value, FlagValue, KeyRole, KeyRules};
use super::kind::{Kind, KindSet, PiiKind};
use super::{Detector, Engine, Found, Input, Speaker};
use serde::Serialize;
use serde_json::Value;

/// Fields that identify or route a conversation; they are never content-scanned.
const STRUCTURAL_KEYS: &[&str] = &[
    "conversationId",
    "participantId",
    "communicationId",
    "sessionId",
    "mediaType",
    "purpose",
    "divisions",
    "eventTime",
    "selfUri",
];

/// Keys of an utterance's text inside a transcript item.
const UTTERANCE_KEYS: &[&str] = &["transcript", "content", "text", "utterance"];

/// Nesting deeper than this is not walked; the record is then reported as not fully scanned.
pub const MAX_DEPTH: usize = 64;
/// Values walked per record at most; beyond it the record is reported as not fully scanned.
pub const MAX_VALUES: usize = 100_000;

/// One finding: the kind and where, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: Kind,
    pub field: String,
}

/// What a scan of one record found.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ScanResult {
    pub findings: Vec<Finding>,
    /// A flag key was explicitly set to a false value (the trigger for resume-on-clear).
    pub flag_cleared: bool,
    /// Why part of the record was not scanned (too deep, too many values); fail closed on it.
    pub incomplete: Option<String>,
    /// Fields with a flag set: they say PII is present elsewhere, they do not hold it.
    pub flag_fields: Vec<String>,
    /// Non-empty telephony identity fields (ANI, DNIS, call addresses): PII in exported metadata, no reason to
    /// pause.
    pub telephony: Vec<String>,
}

impl ScanResult {
    /// Every kind found, once each, in report order (built-in kinds, then custom ones by name).
    pub fn kinds(&self) -> Vec<Kind> {
        let mut kinds: Vec<Kind> = self.findings.iter().map(|f| f.kind.clone()).collect();
        kinds.sort();
        kinds.dedup();
        kinds
    }

    /// PII was found (a flag, a built-in or a custom kind); a request of the agent is not PII.
    pub fn pii(&self) -> bool {
        self.findings.iter().any(|f| !f.kind.is_request())
    }

    /// The findings of the agent asking for sensitive data (`REQUEST_*`).
    pub fn requests(&self) -> impl Iterator<Item = &Finding> {
        self.findings.iter().filter(|f| f.kind.is_request())
    }

    /// The agent asked for sensitive data.
    pub fn has_request(&self) -> bool {
        self.requests().next().is_some()
    }

    /// The metadata fields that hold PII (paths, never values): every finding's field but a flag's or a
    /// request's, and the telephony identity fields. Sorted, without duplicates.
    pub fn redact_fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = self
            .findings
            .iter()
            .filter(|f| !f.kind.is_request() && !self.flag_fields.contains(&f.field))
            .map(|f| f.field.clone())
            .chain(self.telephony.iter().cloned())
            .collect();
        fields.sort();
        fields.dedup();
        fields
    }

    /// Adds another scan of the same conversation.
    pub fn merge(&mut self, other: ScanResult) {
        for f in other.findings {
            if !self.findings.contains(&f) {
                self.findings.push(f);
            }
        }
        self.flag_cleared |= other.flag_cleared;
        self.incomplete = self.incomplete.take().or(other.incomplete);
        for f in other.flag_fields {
            if !self.flag_fields.contains(&f) {
                self.flag_fields.push(f);
            }
        }
        for f in other.telephony {
            if !self.telephony.contains(&f) {
                self.telephony.push(f);
            }
        }
    }
}

/// Scans records with the configured key rules and detectors. Built once per process.
pub struct Scanner {
    rules: KeyRules,
    detector: Box<dyn Detector>,
    kinds: KindSet,
}

impl Scanner {
    pub fn new(config: &DetectionConfig) -> Self {
        let rules = KeyRules::new(&config.flag_keys, &config.allow_keys, &config.deny_keys)
            .with_telephony(&config.telephony_keys);
        Scanner::with_detector(rules, Box::new(Engine::new(config)), config.kinds)
    }

    /// A scanner with any detector (tests, other engines). `kinds` are the built-in kinds
    /// reported; a detector's custom kinds are always reported.
    pub fn with_detector(rules: KeyRules, detector: Box<dyn Detector>, kinds: KindSet) -> Self {
        Scanner {
            rules,
            detector,
            kinds,
        }
    }

    /// Scans one record. Paths are relative to `record` (`participants[1].attributes.cardNumber`).
    pub fn scan(&self, record: &Value) -> ScanResult {
        let mut walk = Walk {
            scanner: self,
            result: ScanResult::default(),
            path: String::new(),
            values: 0,
            speaker: Speaker::Unknown,
            previous: "",
        };
        walk.value(record, "", 0);
        walk.result
    }

    fn detect(&self, input: &Input<'_>) -> Found {
        let mut found = Found::default();
        self.detector.detect(input, &mut found);
        found.kinds = found.kinds.intersection(self.kinds);
        found
    }
}

/// Who speaks in a transcript item, from its `channel` (Genesys) or `ParticipantRole` (Amazon
/// Connect).
fn speaker_of(map: &serde_json::Map<String, Value>) -> Option<Speaker> {
    let role = map
        .get("channel")
        .or_else(|| map.get("ParticipantRole"))
        .or_else(|| map.get("participantRole"))?
        .as_str()?;
    match role.to_ascii_uppercase().as_str() {
        "INTERNAL" | "AGENT" => Some(Speaker::Agent),
        "EXTERNAL" | "CUSTOMER" => Some(Speaker::Customer),
        _ => None,
    }
}

struct Walk<'s, 'v> {
    scanner: &'s Scanner,
    result: ScanResult,
    path: String,
    values: usize,
    /// The speaker of the transcript item being walked.
    speaker: Speaker,
    /// The last utterance seen in this record (context for the next one).
    previous: &'v str,
}

impl<'v> Walk<'_, 'v> {
    fn value(&mut self, value: &'v Value, key: &str, depth: usize) {
        if self.result.incomplete.is_some() {
            return;
        }
        if depth > MAX_DEPTH {
            self.result.incomplete = Some(format!(
                "nesting deeper than {MAX_DEPTH} levels at `{}`",
                self.path
            ));
            return;
        }
        match value {
            Value::Object(map) => {
                let outer = self.speaker;
                if let Some(speaker) = speaker_of(map) {
                    self.speaker = speaker;
                }
                for (k, v) in map {
                    if depth == 0 && STRUCTURAL_KEYS.iter().any(|s| s.eq_ignore_ascii_case(k)) {
                        continue;
                    }
                    if depth > 0 && (k == "participantId" || k == "conversationId") {
                        continue;
                    }
                    let len = self.path.len();
                    if !self.path.is_empty() {
                        self.path.push('.');
                    }
                    self.path.push_str(k);
                    self.value(v, k, depth + 1);
                    self.path.truncate(len);
                }
                self.speaker = outer;
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let len = self.path.len();
                    self.path.push_str(&format!("[{i}]"));
                    self.value(v, key, depth + 1);
                    self.path.truncate(len);
                }
            }
            Value::String(s) => {
                let utterance = self.speaker != Speaker::Unknown
                    && UTTERANCE_KEYS.iter().any(|u| u.eq_ignore_ascii_case(key));
                if utterance {
                    let previous = std::mem::replace(&mut self.previous, s);
                    self.leaf(key, s, self.speaker, previous);
                } else {
                    self.leaf(key, s, Speaker::Unknown, "");
                }
            }
            Value::Number(n) => self.leaf(key, &n.to_string(), Speaker::Unknown, ""),
            Value::Bool(b) => {
                self.leaf(key, if *b { "true" } else { "false" }, Speaker::Unknown, "")
            }
            Value::Null => {}
        }
    }

    fn leaf(&mut self, key: &str, text: &str, speaker: Speaker, previous: &str) {
        self.values += 1;
        if self.values > MAX_VALUES {
            self.result.incomplete = Some(format!("more than {MAX_VALUES} values in one record"));
            return;
        }
        let input = Input {
            key,
            text,
            speaker,
            previous,
        };
        let mut found = Found::default();
        match self.scanner.rules.role(key) {
            KeyRole::Flag => match flag_value(text) {
                FlagValue::Set => {
                    found.kinds.insert(PiiKind::Flag);
                    if !self.result.flag_fields.contains(&self.path) {
                        self.result.flag_fields.push(self.path.clone());
                    }
                }
                FlagValue::Cleared => self.result.flag_cleared = true,
                FlagValue::Other => {}
            },
            KeyRole::Deny => {
                if !text.trim().is_empty() {
                    found = self.scanner.detect(&input);
                    if found.is_empty() {
                        found.kinds.insert(PiiKind::Flag);
                    }
                }
            }
            KeyRole::Telephony => {
                if !text.trim().is_empty() && !self.result.telephony.contains(&self.path) {
                    self.result.telephony.push(self.path.clone());
                }
            }
            KeyRole::Allow => {}
            KeyRole::Scan => {
                if !text.is_empty() {
                    found = self.scanner.detect(&input);
                }
            }
        }
        let custom = self.scanner.detector.custom_kinds();
        let kinds = found.kinds.iter().map(Kind::Builtin).chain(
            custom
                .iter()
                .enumerate()
                .filter(|(i, _)| found.custom & (1 << i) != 0)
                .map(|(_, k)| k.clone()),
        );
        for kind in kinds {
            let finding = Finding {
                kind,
                field: self.path.clone(),
            };
            if !self.result.findings.contains(&finding) {
                self.result.findings.push(finding);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    /// A detector that finds EMAIL in any value containing `@`: enough to test the walk.
    struct AtSign;
    impl Detector for AtSign {
        fn detect(&self, input: &Input<'_>, out: &mut Found) {
            if input.text.contains('@') {
                out.kinds.insert(PiiKind::Email);
            }
        }
    }

    fn scanner(deny: &[&str]) -> Scanner {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rules = KeyRules::new(&v(&["PII_Detected"]), &v(&["ivr.*"]), &v(deny));
        Scanner::with_detector(rules, Box::new(AtSign), KindSet::all())
    }

    #[test]
    fn findings_name_kind_and_path_never_the_value() {
        let record = json!({
            "conversationId": "c@1",
            "participants": [
                {"participantId": "p@0", "attributes": {"ivr.Email": "a@b.example"}},
                {"participantId": "p1", "attributes": {"PII_Detected": "TRUE", "contact": "x@y.example"}}
            ],
            "wrapUpNotes": "mail me at z@w.example"
        });
        let r = scanner(&[]).scan(&record);
        assert_eq!(
            r.findings,
            vec![
                Finding {
                    kind: PiiKind::Flag.into(),
                    field: "participants[1].attributes.PII_Detected".into()
                },
                Finding {
                    kind: PiiKind::Email.into(),
                    field: "participants[1].attributes.contact".into()
                },
                Finding {
                    kind: PiiKind::Email.into(),
                    field: "wrapUpNotes".into()
                },
            ]
        );
        assert!(!format!("{r:?}").contains("x@y"));
        assert!(!r.flag_cleared);
    }

    #[test]
    fn cleared_flags_and_bool_flags() {
        let r = scanner(&[])
            .scan(&json!({"conversationId": "c", "attributes": {"PII_Detected": false}}));
        assert!(r.flag_cleared && r.findings.is_empty());
        let r = scanner(&[]).scan(&json!({"attributes": {"pii_detected": true}}));
        assert_eq!(r.kinds(), vec![Kind::Builtin(PiiKind::Flag)]);
    }

    #[test]
    fn telephony_fields_are_listed_never_scanned_and_flags_hold_no_value() {
        let v = |x: &[&str]| x.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        let rules =
            KeyRules::new(&v(&["PII_Detected"]), &[], &[]).with_telephony(&v(&["ani", "dnis"]));
        let s = Scanner::with_detector(rules, Box::new(AtSign), KindSet::all());
        let r = s.scan(&json!({
            "conversationId": "c",
            "participants": [{"sessions": [{"ani": "tel:+13175550123", "dnis": "a@b.example", "other": "c@d.example"}],
                              "attributes": {"PII_Detected": "true"}}]
        }));
        assert_eq!(
            r.kinds(),
            vec![Kind::from(PiiKind::Flag), Kind::from(PiiKind::Email)]
        );
        assert_eq!(
            r.telephony,
            vec![
                "participants[0].sessions[0].ani",
                "participants[0].sessions[0].dnis"
            ]
        );
        assert_eq!(
            r.redact_fields(),
            vec![
                "participants[0].sessions[0].ani",
                "participants[0].sessions[0].dnis",
                "participants[0].sessions[0].other"
            ]
        );
    }

    #[test]
    fn deny_keys_count_when_non_empty() {
        let r = scanner(&["customerName"])
            .scan(&json!({"attributes": {"customerName": "Jane", "empty": ""}}));
        assert_eq!(
            r.findings,
            vec![Finding {
                kind: PiiKind::Flag.into(),
                field: "attributes.customerName".into()
            }]
        );
        let r = scanner(&["customerName"]).scan(&json!({"attributes": {"customerName": " "}}));
        assert!(r.findings.is_empty());
    }

    #[test]
    fn disabled_kinds_are_not_reported() {
        let rules = KeyRules::new(&[], &[], &[]);
        let s = Scanner::with_detector(
            rules,
            Box::new(AtSign),
            [PiiKind::Flag].into_iter().collect(),
        );
        assert!(s.scan(&json!({"note": "a@b.c"})).findings.is_empty());
    }

    #[test]
    fn deep_nesting_is_bounded_and_reported() {
        let mut v = json!("a@b.example");
        for _ in 0..200 {
            v = json!([v]);
        }
        let r = scanner(&[]).scan(&json!({"deep": v}));
        assert!(r
            .incomplete
            .as_deref()
            .is_some_and(|m| m.contains("nesting deeper than 64")));
    }

    /// Records what it was given: the speaker and the previous utterance of each value.
    struct Spy(std::sync::Mutex<Vec<(String, Speaker, String)>>);
    impl Detector for Spy {
        fn detect(&self, input: &Input<'_>, _out: &mut Found) {
            if let Ok(mut seen) = self.0.lock() {
                seen.push((
                    input.text.to_string(),
                    input.speaker,
                    input.previous.to_string(),
                ));
            }
        }
    }

    #[test]
    fn transcript_items_carry_their_speaker_and_the_previous_utterance() {
        struct Shared(std::sync::Arc<Spy>);
        impl Detector for Shared {
            fn detect(&self, input: &Input<'_>, out: &mut Found) {
                self.0.detect(input, out);
            }
        }
        let spy = std::sync::Arc::new(Spy(std::sync::Mutex::new(Vec::new())));
        let s = Scanner::with_detector(
            KeyRules::default(),
            Box::new(Shared(spy.clone())),
            KindSet::all(),
        );
        s.scan(&json!({"transcripts": [
            {"channel": "INTERNAL", "alternatives": [{"transcript": "your ssn please?"}], "dialect": "en-US"},
            {"channel": "EXTERNAL", "alternatives": [{"transcript": "536 22 1234"}]}
        ], "notes": "n"}));
        let seen = spy.0.lock().map(|v| v.clone()).unwrap_or_default();
        let find = |t: &str| seen.iter().find(|(x, _, _)| x == t).cloned();
        assert_eq!(
            find("your ssn please?"),
            Some(("your ssn please?".into(), Speaker::Agent, String::new()))
        );
        assert_eq!(
            find("536 22 1234"),
            Some((
                "536 22 1234".into(),
                Speaker::Customer,
                "your ssn please?".into()
            ))
        );
        assert_eq!(
            find("en-US"),
            Some(("en-US".into(), Speaker::Unknown, String::new()))
        );
        assert_eq!(
            find("n"),
            Some(("n".into(), Speaker::Unknown, String::new()))
        );
    }

    #[test]
    fn custom_kinds_are_reported_by_name() {
        struct Custom(Vec<Kind>);
        impl Detector for Custom {
            fn detect(&self, input: &Input<'_>, out: &mut Found) {
                if input.text.contains("MBR-") {
                    out.custom |= 1;
                }
            }
            fn custom_kinds(&self) -> &[Kind] {
                &self.0
            }
        }
        let s = Scanner::with_detector(
            KeyRules::default(),
            Box::new(Custom(vec![Kind::Custom("MEMBER_ID".into())])),
            KindSet::EMPTY,
        );
        let r = s.scan(&json!({"attributes": {"member": "MBR-12345678"}}));
        assert_eq!(
            serde_json::to_value(&r.findings).unwrap_or_default(),
            json!([{"kind": "MEMBER_ID", "field": "attributes.member"}])
        );
    }
}

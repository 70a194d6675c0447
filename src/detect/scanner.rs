//! The record scanner: walks a conversation record (any JSON), applies the key rules and the content
//! detectors to every value, and returns findings named by field path.

use super::content::ContentScanner;
use super::keys::{flag_value, FlagValue, KeyRole, KeyRules};
use super::kind::{KindSet, PiiKind};
use super::Detector;
use crate::config::Config;
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

/// Nesting deeper than this is not walked; the record is then reported as not fully scanned.
pub const MAX_DEPTH: usize = 64;
/// Values walked per record at most; beyond it the record is reported as not fully scanned.
pub const MAX_VALUES: usize = 100_000;

/// One finding: the kind and where, never the value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Finding {
    pub kind: PiiKind,
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
    pub fn kinds(&self) -> KindSet {
        self.findings.iter().map(|f| f.kind).collect()
    }

    pub fn pii(&self) -> bool {
        !self.findings.is_empty()
    }

    /// The metadata fields that hold PII (paths, never values): every finding's field but a flag's, and the
    /// telephony identity fields. Sorted, without duplicates.
    pub fn redact_fields(&self) -> Vec<String> {
        let mut fields: Vec<String> = self
            .findings
            .iter()
            .filter(|f| !self.flag_fields.contains(&f.field))
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

/// Scans records with the configured key rules and content detectors. Built once per process.
pub struct Scanner {
    rules: KeyRules,
    detector: Box<dyn Detector>,
    kinds: KindSet,
}

impl Scanner {
    pub fn new(config: &Config) -> Self {
        let rules = KeyRules::new(&config.flag_keys, &config.allow_keys, &config.deny_keys)
            .with_telephony(&config.telephony_keys);
        Scanner::with_detector(
            rules,
            Box::new(ContentScanner::new(config.kinds)),
            config.kinds,
        )
    }

    /// A scanner with any content detector (tests, other engines).
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
        };
        walk.value(record, "", 0);
        walk.result
    }

    fn enabled(&self, found: KindSet) -> KindSet {
        found.iter().filter(|k| self.kinds.contains(*k)).collect()
    }
}

struct Walk<'a> {
    scanner: &'a Scanner,
    result: ScanResult,
    path: String,
    values: usize,
}

impl Walk<'_> {
    fn value(&mut self, value: &Value, key: &str, depth: usize) {
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
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    let len = self.path.len();
                    self.path.push_str(&format!("[{i}]"));
                    self.value(v, key, depth + 1);
                    self.path.truncate(len);
                }
            }
            Value::String(s) => self.leaf(key, s),
            Value::Number(n) => self.leaf(key, &n.to_string()),
            Value::Bool(b) => self.leaf(key, if *b { "true" } else { "false" }),
            Value::Null => {}
        }
    }

    fn leaf(&mut self, key: &str, text: &str) {
        self.values += 1;
        if self.values > MAX_VALUES {
            self.result.incomplete = Some(format!("more than {MAX_VALUES} values in one record"));
            return;
        }
        let mut found = KindSet::EMPTY;
        match self.scanner.rules.role(key) {
            KeyRole::Flag => match flag_value(text) {
                FlagValue::Set => {
                    found.insert(PiiKind::Flag);
                    if !self.result.flag_fields.contains(&self.path) {
                        self.result.flag_fields.push(self.path.clone());
                    }
                }
                FlagValue::Cleared => self.result.flag_cleared = true,
                FlagValue::Other => {}
            },
            KeyRole::Deny => {
                if !text.trim().is_empty() {
                    self.scanner.detector.detect(key, text, &mut found);
                    found = self.scanner.enabled(found);
                    if found.is_empty() {
                        found.insert(PiiKind::Flag);
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
                    self.scanner.detector.detect(key, text, &mut found);
                    found = self.scanner.enabled(found);
                }
            }
        }
        for kind in found.iter() {
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
        fn detect(&self, _key: &str, value: &str, out: &mut KindSet) {
            if value.contains('@') {
                out.insert(PiiKind::Email);
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
                    kind: PiiKind::Flag,
                    field: "participants[1].attributes.PII_Detected".into()
                },
                Finding {
                    kind: PiiKind::Email,
                    field: "participants[1].attributes.contact".into()
                },
                Finding {
                    kind: PiiKind::Email,
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
        assert_eq!(r.kinds().iter().collect::<Vec<_>>(), vec![PiiKind::Flag]);
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
            r.kinds().iter().collect::<Vec<_>>(),
            vec![PiiKind::Flag, PiiKind::Email]
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
                kind: PiiKind::Flag,
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
}

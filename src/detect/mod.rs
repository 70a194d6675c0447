//! PII detection: the detector interface, key rules (flags, allow, deny), and the record scanner that
//! turns a conversation record into findings (kind + field path, never the value).

pub mod content;
pub mod keys;
pub mod kind;
pub mod scanner;

pub use kind::{KindSet, PiiKind};
pub use scanner::{Finding, ScanResult, Scanner};

/// A content detector: finds PII kinds in one value. `key` is the name of the field the value sits in
/// (context, as Presidio's `context` words and Google DLP hotwords); it may be empty for free text.
/// Implementations never keep, log or return the value.
pub trait Detector: Send + Sync {
    fn detect(&self, key: &str, value: &str, out: &mut KindSet);
}

impl Detector for content::ContentScanner {
    fn detect(&self, key: &str, value: &str, out: &mut KindSet) {
        self.scan_value(key, value, out);
    }
}

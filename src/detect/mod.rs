//! PII detection: the detector interface, the detection configuration, key rules (flags, allow,
//! deny, telephony), each kind's rules in one declarative shape (`rules`), the built-in content
//! engine, custom detectors, and the record scanner that turns a conversation record into
//! findings (kind + field path, never the value).

pub mod config;
pub mod content;
pub mod custom;
pub mod keys;
pub mod kind;
pub mod rules;
pub mod scanner;

pub use config::DetectionConfig;
pub use content::answered_by;
pub use kind::{Kind, KindSet, PiiKind};
pub use scanner::{Finding, ScanResult, Scanner};

/// Who said a value, when the record says it (a transcript item's `channel`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Speaker {
    /// Not an utterance, or the record does not say (attributes, notes).
    #[default]
    Unknown,
    /// The agent (Genesys `INTERNAL` channel).
    Agent,
    /// The customer (Genesys `EXTERNAL` channel).
    Customer,
}

/// One value to scan, with what the record says around it. Never kept, logged or returned.
#[derive(Debug, Clone, Copy, Default)]
pub struct Input<'a> {
    /// The field's key (context, as Presidio's `context` words and Google DLP hotwords); empty
    /// for a value with no key.
    pub key: &'a str,
    /// The value or free text.
    pub text: &'a str,
    /// Who said it (transcript items).
    pub speaker: Speaker,
    /// The utterance before this one in the same transcript (a question's context carries to
    /// the answer); empty when there is none.
    pub previous: &'a str,
}

impl<'a> Input<'a> {
    /// A keyed value with no transcript context.
    pub fn new(key: &'a str, text: &'a str) -> Self {
        Input {
            key,
            text,
            ..Input::default()
        }
    }
}

/// What a detector found in one value: built-in kinds, and custom detectors by their index in
/// [`Detector::custom_kinds`] (bit `i` set: detector `i` matched). No allocation.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Found {
    pub kinds: KindSet,
    pub custom: u64,
}

impl Found {
    pub fn is_empty(&self) -> bool {
        self.kinds.is_empty() && self.custom == 0
    }
}

/// A content detector: finds kinds in one value. Implementations never keep, log or return the
/// value.
pub trait Detector: Send + Sync {
    fn detect(&self, input: &Input<'_>, out: &mut Found);

    /// The kinds of the custom detectors, in the order of [`Found::custom`]'s bits.
    fn custom_kinds(&self) -> &[Kind] {
        &[]
    }
}

/// The detector the Lambda and the CLI use: the built-in engine and the configured custom
/// detectors.
#[derive(Debug, Clone)]
pub struct Engine {
    content: content::ContentScanner,
    custom: custom::CustomDetectors,
}

impl Engine {
    pub fn new(config: &DetectionConfig) -> Self {
        Engine {
            content: content::ContentScanner::with_config(config),
            custom: config.custom.clone(),
        }
    }
}

impl Detector for Engine {
    fn detect(&self, input: &Input<'_>, out: &mut Found) {
        self.content.scan(input, &mut out.kinds);
        self.custom.detect(input, &mut out.custom);
    }

    fn custom_kinds(&self) -> &[Kind] {
        self.custom.kinds()
    }
}

impl Detector for content::ContentScanner {
    fn detect(&self, input: &Input<'_>, out: &mut Found) {
        self.scan(input, &mut out.kinds);
    }
}

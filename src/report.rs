//! The answer: one result per conversation (findings, action, export decision, evidence) and a summary.

use crate::detect::Finding;
use serde::{Deserialize, Serialize};

/// What pii-pause did about a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The recording was secure-paused now (the platform confirmed the change).
    Paused,
    /// The platform confirmed, now, that the recording is already securely paused (a read of its state, or its
    /// answer to the pause). Never a guess from memory.
    AlreadyPaused,
    /// Dry-run: PII was found (or a resume was due) and nothing was changed.
    DryRun,
    /// A cleared flag resumed the recording.
    Resumed,
    /// Nothing to do.
    None,
    /// The pause (or resume) failed.
    Failed,
    /// Genesys does not know the conversation (wrong id, purged, or wrong region).
    NotFound,
}

/// Whether, and how, the ETL pipeline may export the conversation. Ordered: a later decision for the same
/// conversation never lowers an earlier one in the ledger.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Export {
    /// No PII was found.
    Allow,
    /// PII was found and the recording's pause is confirmed by the platform: export once `redact.fields` are
    /// dropped or masked, and trim or review the audio before `redact.recordingUntil`.
    Redact,
    /// PII was found (or could not be ruled out) and the pause is not confirmed: export nothing.
    Hold,
}

impl Export {
    pub fn as_str(self) -> &'static str {
        match self {
            Export::Allow => "allow",
            Export::Redact => "redact",
            Export::Hold => "hold",
        }
    }

    pub fn parse(s: &str) -> Option<Export> {
        [Export::Allow, Export::Redact, Export::Hold]
            .into_iter()
            .find(|e| e.as_str() == s)
    }
}

/// What a `redact` decision asks of the export.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redaction {
    /// The metadata fields that hold PII (paths, never values): drop or mask them.
    pub fields: Vec<String>,
    /// The instant the pause was confirmed (ISO 8601 UTC): the audio before it may hold what was found. Absent
    /// when only telephony identity was found (nothing to trim in the audio).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_until: Option<String>,
}

/// Why a result failed, decoded for the user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResultError {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub status: Option<u16>,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    pub message: String,
    pub hint: String,
}

impl ResultError {
    pub fn new(code: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        ResultError {
            status: None,
            code: code.to_string(),
            context_id: None,
            message: message.into(),
            hint: hint.into(),
        }
    }
}

/// The decision and evidence for one conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationResult {
    pub conversation_id: String,
    /// The platform the conversation is on (`genesys`, `connect`, ...).
    pub platform: &'static str,
    pub pii: bool,
    pub findings: Vec<Finding>,
    pub action: Action,
    pub export: Export,
    /// Present when `export` is `redact`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redact: Option<Redaction>,
    /// The recording state the platform confirmed after the action.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recording_state: Option<String>,
    /// From the event's own time to the confirmed pause.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub time_to_pause_ms: Option<u64>,
    /// How long the pause call took (token included when one was fetched).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_latency_ms: Option<u64>,
    /// Genesys `contextId` (`ININ-Correlation-Id`) of the state change.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    /// For PII in a transcript: whether the recording was already paused (pre-emptively, on the agent's request)
    /// before the PII was spoken, as the platform confirmed; then the audio holds none of it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub pause_preceded_pii: Option<bool>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ResultError>,
}

impl ConversationResult {
    /// Whether this result is a failure the caller must retry or dead-letter: the action failed, or something
    /// went wrong on the way (an unreadable conversation, an incomplete scan, a ledger write).
    pub fn failed(&self) -> bool {
        matches!(self.action, Action::Failed | Action::NotFound) || self.error.is_some()
    }
}

/// Counts over a report.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Summary {
    pub conversations: usize,
    pub pii: usize,
    pub paused: usize,
    pub already_paused: usize,
    pub dry_run: usize,
    pub resumed: usize,
    pub failed: usize,
    pub allow: usize,
    pub redact: usize,
    pub hold: usize,
}

impl Summary {
    pub fn of(results: &[ConversationResult]) -> Self {
        let mut s = Summary {
            conversations: results.len(),
            ..Summary::default()
        };
        for r in results {
            s.pii += usize::from(r.pii);
            match r.export {
                Export::Allow => s.allow += 1,
                Export::Redact => s.redact += 1,
                Export::Hold => s.hold += 1,
            }
            s.failed += usize::from(r.failed());
            match r.action {
                Action::Paused => s.paused += 1,
                Action::AlreadyPaused => s.already_paused += 1,
                Action::DryRun => s.dry_run += 1,
                Action::Resumed => s.resumed += 1,
                _ => {}
            }
        }
        s
    }
}

/// The report for one event or batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Report {
    pub mode: &'static str,
    pub source: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub event_id: Option<String>,
    pub results: Vec<ConversationResult>,
    pub summary: Summary,
}

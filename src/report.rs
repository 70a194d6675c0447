//! The answer: one result per conversation (findings, action, export decision, evidence) and a summary.

use crate::detect::Finding;
use crate::genesys::GenesysError;
use serde::Serialize;

/// What pii-pause did about a conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// The recording was secure-paused now (confirmed by Genesys).
    Paused,
    /// The recording was already paused by pii-pause in this container; no call was made.
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

/// Whether the ETL pipeline may export the conversation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Export {
    Allow,
    Hold,
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

impl From<&GenesysError> for ResultError {
    fn from(e: &GenesysError) -> Self {
        let api = e.api();
        ResultError {
            status: api.map(|a| a.status),
            code: e.code(),
            context_id: api.and_then(|a| a.context_id.clone()),
            message: e.to_string(),
            hint: e.hint(),
        }
    }
}

/// The decision and evidence for one conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ConversationResult {
    pub conversation_id: String,
    pub pii: bool,
    pub findings: Vec<Finding>,
    pub action: Action,
    pub export: Export,
    /// The recording state Genesys confirmed after the action.
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<ResultError>,
}

impl ConversationResult {
    /// Whether this result is a failure the caller must retry or dead-letter.
    pub fn failed(&self) -> bool {
        matches!(self.action, Action::Failed | Action::NotFound)
            || (self.export == Export::Hold && self.error.is_some())
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
            s.hold += usize::from(r.export == Export::Hold);
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

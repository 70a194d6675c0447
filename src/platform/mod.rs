//! The platform seam: everything pii-pause does that depends on the contact-center platform, behind one trait.
//! An adapter recognises its platform's events, reads a contact's data when an event lacks it, pauses and resumes
//! the recording (secure pause, suspend, mask), reads the recording's state where the platform can, explains its
//! errors (code and hint), and checks a deployment for `doctor`. Detection, the export decision, idempotency,
//! the report, the ledger, metrics and logs know no platform. Each platform is a folder here and one line in
//! [`registry`].

pub mod checks;
pub mod connect;
pub mod cxone;
pub mod genesys;
pub mod registry;

pub use checks::{Check, Needs, Status as CheckStatus};
pub use registry::{PlatformConfigs, Platforms};

use crate::config::Env;
use crate::http::Deadline;
use crate::intake::{IntakeError, Record};
use crate::report::ResultError;
use async_trait::async_trait;
use serde_json::Value;
use std::any::Any;
use std::sync::Arc;

/// A conversation (contact) on its platform, as the core addresses it.
#[derive(Debug, Clone, PartialEq)]
pub struct Contact {
    /// The conversation or contact id.
    pub id: String,
    /// The media type the event named (`call`, `email`, `VOICE`, ...), if any.
    pub media_type: Option<String>,
    /// The platform's own addressing beyond the id (Connect: instance and initial contact; CXone: agent and
    /// ACD), as the adapter wrote it when it recognised the event or located the record.
    pub locator: Value,
}

/// What a read of the contact gave.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct ContactRead {
    /// The customer data to scan (paths in findings are relative to it).
    pub data: Value,
    /// The media type, when the event did not name it.
    pub media_type: Option<String>,
    /// Whether the platform shows the recording securely paused now; `None` when it cannot say.
    pub securely_paused: Option<bool>,
    /// Addressing learnt by the read (a contact's initial contact id), for the pause that may follow.
    pub locator: Option<Value>,
}

/// A pause or resume the platform confirmed now.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Confirmed {
    /// The platform said the recording was already in that state (a read now, or its answer to the call).
    pub already: bool,
    /// The state the platform reported (`PAUSED`, `ACTIVE`, `SUSPENDED`, `MASKED`, ...).
    pub state: Option<String>,
    /// The platform's correlation id of the call (Genesys `contextId`).
    pub context_id: Option<String>,
}

/// A platform call that failed, decoded for the user: what the report carries.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{message}")]
pub struct PlatformError {
    pub status: Option<u16>,
    /// A stable code (`missing.permissions`, `not.found`, `ResourceNotFoundException`, `setup.no_credentials`).
    pub code: String,
    pub context_id: Option<String>,
    pub message: String,
    /// The one-line fix.
    pub hint: String,
    /// The platform does not know the contact (wrong id, purged, wrong region or instance).
    pub not_found: bool,
}

impl PlatformError {
    pub fn new(code: &str, message: impl Into<String>, hint: impl Into<String>) -> Self {
        PlatformError {
            status: None,
            code: code.to_string(),
            context_id: None,
            message: message.into(),
            hint: hint.into(),
            not_found: false,
        }
    }
}

impl From<&PlatformError> for ResultError {
    fn from(e: &PlatformError) -> Self {
        ResultError {
            status: e.status,
            code: e.code.clone(),
            context_id: e.context_id.clone(),
            message: e.message.clone(),
            hint: e.hint.clone(),
        }
    }
}

/// A platform adapter.
#[async_trait]
pub trait Platform: Send + Sync {
    /// The platform's name (`genesys`, `connect`, `cxone`): in records, reports, the ledger, metrics and logs.
    fn name(&self) -> &'static str;

    /// Recognises an EventBridge event of this platform and turns it into records; `None` when the event is
    /// not this platform's. `delivery_id` is the delivery that carried it.
    fn recognise(&self, event: &EventBridge<'_>) -> Option<Result<Vec<Record>, IntakeError>>;

    /// The platform's addressing fields of a record from a direct, ETL or HTTPS caller (`Value::Null` when the
    /// id is enough). Missing fields are reported when the contact is read or paused, not here.
    fn locate(&self, record: &Value) -> Value;

    /// Reads the contact's customer data (and the recording's state, where the platform can) when the event
    /// carried none.
    async fn read(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<ContactRead, PlatformError>;

    /// Whether the recording is securely paused now, as the platform says; `None` when the platform cannot say
    /// (Amazon Connect has no such read).
    async fn read_state(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Option<bool>, PlatformError>;

    /// Pauses the recording (secure pause, suspend, mask). Success is what the platform confirmed now.
    async fn pause(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError>;

    /// Resumes the recording.
    async fn resume(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError>;

    /// Checks what this platform needs to work with the configured triggers, changing nothing; a check fails
    /// only when the function needs it now (`needs`).
    async fn doctor(&self, needs: Needs) -> Vec<Check>;
}

/// An EventBridge event as the platforms see it.
#[derive(Debug, Clone, Copy)]
pub struct EventBridge<'a> {
    pub id: Option<&'a str>,
    pub source: &'a str,
    pub detail_type: &'a str,
    /// The envelope's `time`, epoch ms.
    pub time_ms: Option<u64>,
    pub detail: &'a Value,
}

/// How a platform is set up from the environment: its section of the configuration.
pub trait PlatformSetup: Sync {
    fn name(&self) -> &'static str;
    /// Reads this platform's variables; every mistake goes to `errors`.
    fn configure(&self, env: &Env, errors: &mut Vec<String>) -> Box<dyn PlatformSettings>;
}

/// A platform's configuration section.
#[async_trait]
pub trait PlatformSettings: Send + Sync + std::fmt::Debug {
    fn name(&self) -> &'static str;
    /// Whether the deployment set this platform up (its credentials or its instances), so it can act.
    fn configured(&self) -> bool;
    /// What to set to configure it, for the message when no platform is.
    fn how_to_configure(&self) -> &'static str;
    /// Builds the adapter with its clients, once per process.
    async fn build(&self, aws: Option<&aws_config::SdkConfig>)
        -> Result<Arc<dyn Platform>, String>;
    /// The adapter without clients: it recognises events and locates records (offline `scan`), and answers
    /// every platform call with an error that says what to configure.
    fn offline(&self) -> Arc<dyn Platform>;
    fn as_any(&self) -> &dyn Any;
}

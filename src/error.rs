//! The handler's error type and its mapping to Lambda's `Diagnostic` (`errorType`, `errorMessage`).

use crate::config::ConfigError;
use crate::intake::IntakeError;
use lambda_runtime::Diagnostic;

/// Why an invocation failed as a whole. Lambda retries asynchronous invocations on these and finally
/// sends the event to the dead-letter queue / on-failure destination.
#[derive(Debug, Clone, thiserror::Error)]
pub enum HandlerError {
    #[error("{0}")]
    Config(#[from] ConfigError),
    #[error("invalid event: {0}")]
    Intake(#[from] IntakeError),
    /// Some flagged conversations could not be paused; the report is in the message.
    #[error("{failed} of {total} conversation(s) could not be handled and are held from export: {details}")]
    PauseFailed {
        failed: usize,
        total: usize,
        details: String,
    },
    /// Every SQS message failed: the batch is retried whole.
    #[error("all {count} SQS message(s) failed: {details}")]
    BatchFailed { count: usize, details: String },
    #[error("the invocation payload is not JSON: {0}")]
    Payload(String),
}

impl HandlerError {
    pub fn error_type(&self) -> &'static str {
        match self {
            HandlerError::Config(_) => "InvalidConfiguration",
            HandlerError::Intake(_) => "InvalidEvent",
            HandlerError::PauseFailed { .. } => "PauseFailed",
            HandlerError::BatchFailed { .. } => "BatchFailed",
            HandlerError::Payload(_) => "InvalidPayload",
        }
    }
}

impl From<HandlerError> for Diagnostic {
    fn from(e: HandlerError) -> Diagnostic {
        Diagnostic {
            error_type: e.error_type().to_string(),
            error_message: e.to_string(),
        }
    }
}

//! Genesys Cloud errors: the decoded `ErrorBody`, OAuth errors, and the typed error of every Genesys call.

use crate::secret::SecretError;
use serde::{Deserialize, Serialize};

/// The fields of a Genesys `ErrorBody` that pii-pause reads (others are ignored).
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct ErrorBody {
    #[serde(default)]
    pub message: Option<String>,
    #[serde(default)]
    pub code: Option<String>,
    #[serde(default)]
    pub status: Option<u16>,
    #[serde(default)]
    pub context_id: Option<String>,
    #[serde(default)]
    pub message_params: Option<std::collections::BTreeMap<String, String>>,
}

/// An error answer of the Genesys API, decoded, with the hint that says what to fix.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ApiError {
    pub status: u16,
    pub code: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub context_id: Option<String>,
    pub message: String,
    pub hint: String,
}

impl ApiError {
    /// Decodes an error response. `correlation_id` is the `ININ-Correlation-Id` header, used when the
    /// body has no `contextId`. A body that is not a Genesys `ErrorBody` still yields a status and a hint.
    pub fn from_response(status: u16, correlation_id: Option<String>, body: &[u8]) -> Self {
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
        let code = parsed
            .code
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| fallback_code(status).to_string());
        let message: String = parsed
            .message
            .unwrap_or_else(|| format!("HTTP {status} with no Genesys error body"))
            .chars()
            .take(300)
            .collect();
        let hint = super::hints::hint(status, &code, &message);
        ApiError {
            status,
            code,
            context_id: parsed.context_id.or(correlation_id),
            message,
            hint,
        }
    }
}

fn fallback_code(status: u16) -> &'static str {
    match status {
        400 => "bad.request",
        401 => "authentication.required",
        403 => "not.authorized",
        404 => "not.found",
        409 => "conflict",
        429 => "too.many.requests",
        502 => "bad.gateway",
        503 => "service.unavailable",
        504 => "request.timeout",
        _ => "http.error",
    }
}

/// Every way a Genesys call can fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GenesysError {
    /// The API answered with an error status.
    #[error("Genesys answered {} {}{}: {}", .0.status, .0.code, context(&.0.context_id), .0.hint)]
    Api(ApiError),
    /// The token endpoint refused the OAuth client.
    #[error("Genesys login refused OAuth client `{client_id}` ({error}) at {login_url}: {hint}")]
    Login {
        client_id: String,
        error: String,
        status: u16,
        login_url: String,
        hint: String,
    },
    /// The credentials could not be read.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// No region and no URL override: the API host is unknown.
    #[error("{0}")]
    Setup(String),
    /// The request did not complete (connection refused, reset, timeout).
    #[error("request to Genesys {what} failed: {reason}; {hint}")]
    Transport {
        what: String,
        reason: String,
        hint: String,
    },
    /// Retries stopped because the invocation's time was running out.
    #[error("gave up after {attempts} attempt(s) to stay inside the invocation deadline; last error: {last}")]
    Deadline {
        attempts: u32,
        last: Box<GenesysError>,
    },
    /// The client-side rate limit had no free slot before the invocation deadline.
    #[error("{what} was not sent: the client-side rate limit (GENESYS_RATE_LIMIT_PER_MINUTE) has no free slot for {wait_ms} ms, past the invocation deadline")]
    RateBudget { what: String, wait_ms: u64 },
    /// Genesys answered 2xx with a body pii-pause could not read.
    #[error("unexpected answer from Genesys {what}: {reason}")]
    Protocol { what: String, reason: String },
}

fn context(id: &Option<String>) -> String {
    id.as_ref()
        .map(|c| format!(" (contextId {c})"))
        .unwrap_or_default()
}

impl GenesysError {
    /// The API error behind this error, if the API answered.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            GenesysError::Api(e) => Some(e),
            GenesysError::Deadline { last, .. } => last.api(),
            _ => None,
        }
    }

    /// A stable machine-readable code for reports and metrics.
    pub fn code(&self) -> String {
        match self {
            GenesysError::Api(e) => e.code.clone(),
            GenesysError::Login { error, .. } => format!("oauth.{error}"),
            GenesysError::Secret(e) => e.code().into(),
            GenesysError::Setup(_) => "setup.region_unknown".into(),
            GenesysError::Transport { .. } => "transport.error".into(),
            GenesysError::Deadline { last, .. } => last.code(),
            GenesysError::Protocol { .. } => "protocol.error".into(),
            GenesysError::RateBudget { .. } => "rate.budget_exhausted".into(),
        }
    }

    /// The one-line fix.
    pub fn hint(&self) -> String {
        match self {
            GenesysError::Api(e) => e.hint.clone(),
            GenesysError::Login { hint, .. } => hint.clone(),
            GenesysError::Transport { hint, .. } => hint.clone(),
            GenesysError::RateBudget { .. } => "the batch is larger than the rate limit allows within the function timeout: \
                split it, raise the timeout, or buffer events through SQS; the conversation is held and retried"
                .to_string(),
            GenesysError::Deadline { last, .. } => format!(
                "{} (retries stopped at the invocation deadline; raise the function timeout or lower MAX_CONCURRENCY)",
                last.hint()
            ),
            other => other.to_string(),
        }
    }

    /// Whether the token endpoint refused the client id and secret themselves.
    pub fn is_rejected_client(&self) -> bool {
        matches!(self, GenesysError::Login { error, .. } if error == "invalid_client" || error == "unauthorized_client")
    }

    /// Whether the conversation was not found by Genesys (wrong id, ended long ago, or wrong region).
    pub fn is_not_found(&self) -> bool {
        self.api().is_some_and(|e| e.status == 404)
    }
}

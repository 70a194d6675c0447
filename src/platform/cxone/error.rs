//! CXone errors: API answers decoded (`error`, `error_description`/`errorDescription`, `message`, `code`, the
//! `CorrelationId` header), refusals of the token endpoint with each cause of a 401 and its fix, discovery
//! failures, and the typed error of every CXone call.

use crate::platform::PlatformError;
use crate::secret::SecretError;
use serde::Deserialize;

/// The CXone calls pii-pause makes, for messages and hints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Call {
    /// `GET .../contacts/active?contactId=`: the contact's agent.
    ActiveContacts,
    /// `POST .../agent-sessions/join`.
    Join,
    /// `POST .../agent-sessions/{sessionId}/interactions/{contactId}/mask` (or `unmask`).
    AgentMask,
    /// `POST /interaction-recording-management-service/v1/interactions/mask?userId=` (or `unmask`).
    MultiAcdMask,
    /// `GET /interaction-recording-management-service/v1/interactions/get-recording-status?userId=`.
    RecordingStatus,
}

impl Call {
    pub fn what(self) -> &'static str {
        match self {
            Call::ActiveContacts => "GET contacts/active (the contact's agent)",
            Call::Join => "POST agent-sessions/join",
            Call::AgentMask => "the Agent API mask/unmask",
            Call::MultiAcdMask => "the Multi-ACD mask/unmask",
            Call::RecordingStatus => "GET get-recording-status",
        }
    }

    /// What the access key's user needs for this call, for a 403.
    fn permission(self) -> &'static str {
        match self {
            Call::ActiveContacts => {
                "the access key's user may not read real-time contact data: allow it in the user's security profile, \
                 or send `agentId` in the record so that the contact's agent need not be looked up"
            }
            Call::Join | Call::AgentMask => {
                "the access key's user may not join this agent's session or mask through it: its security profile \
                 needs the Agent API permissions over other agents (not verified against a live tenant: \
                 docs/cxone.md), or use the Multi-ACD mask API (CXONE_ACD=multi-acd) where the tenant has it"
            }
            Call::MultiAcdMask | Call::RecordingStatus => {
                "the access key's user lacks Interactions Hub (formerly Search & Playback) > APIs > Multi-ACD Masking \
                 API: add it to the user's security profile"
            }
        }
    }
}

/// The fields of a CXone error body that pii-pause reads.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
struct ErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default, alias = "error_description")]
    error_description: Option<String>,
    #[serde(default)]
    message: Option<String>,
    #[serde(default)]
    code: Option<serde_json::Value>,
    #[serde(default, alias = "CorrelationId")]
    correlation_id: Option<String>,
}

/// An error answer of the CXone API, decoded, with the hint that says what to fix.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ApiError {
    pub call: Call,
    pub status: u16,
    pub code: String,
    pub message: String,
    /// CXone's correlation id (the `CorrelationId` header or body field).
    pub correlation_id: Option<String>,
    pub hint: String,
}

impl ApiError {
    /// Decodes an error answer to `call`. A body that is not CXone's error format still yields a status and a
    /// hint.
    pub fn from_response(
        call: Call,
        status: u16,
        correlation: Option<String>,
        body: &[u8],
    ) -> Self {
        let parsed: ErrorBody = serde_json::from_slice(body).unwrap_or_default();
        let code = parsed
            .error
            .clone()
            .or_else(|| match &parsed.code {
                Some(serde_json::Value::String(s)) => Some(s.clone()),
                Some(serde_json::Value::Number(n)) => Some(n.to_string()),
                _ => None,
            })
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| fallback_code(status).to_string());
        let message: String = parsed
            .error_description
            .or(parsed.message)
            .unwrap_or_else(|| format!("HTTP {status} with no CXone error body"))
            .chars()
            .take(300)
            .collect();
        ApiError {
            call,
            status,
            hint: hint(call, status),
            code,
            message,
            correlation_id: correlation.or(parsed.correlation_id),
        }
    }
}

fn fallback_code(status: u16) -> &'static str {
    match status {
        400 => "bad.request",
        401 => "unauthorized",
        403 => "forbidden",
        404 => "not.found",
        409 => "conflict",
        422 => "unprocessable",
        425 => "locked",
        429 => "too.many.requests",
        502 => "bad.gateway",
        503 => "service.unavailable",
        504 => "gateway.timeout",
        _ => "http.error",
    }
}

/// One line that says what to do about an API answer with this status to `call`.
fn hint(call: Call, status: u16) -> String {
    match (status, call) {
        (401, _) => "CXone refused a token fresh from its token endpoint: a token is valid only on its tenant's own API \
                     host (api_endpoint); check `issuer` in the secret (cxone-gov... for a government tenant) and unset \
                     CXONE_API_URL, or set it to the api_endpoint of the tenant's /.well-known/cxone-configuration"
            .into(),
        (403, _) => call.permission().into(),
        (404, Call::AgentMask) => "the contact is not on the agent's session now (the call ended or was transferred, or \
                                   the agentId is not the contact's agent): nothing can be masked, so it is held"
            .into(),
        (404, Call::Join) => "the agent has no session to join (not logged in, or the agentId is wrong): nothing can be \
                              masked through the Agent API, so the contact is held"
            .into(),
        (404, Call::MultiAcdMask | Call::RecordingStatus) => "the agent user has no active interaction (the call ended, \
                                                                or the userId is wrong): nothing can be masked, so it is held"
            .into(),
        (409, _) => "the agent session refused the command (409) even after pii-pause joined it again; the event is \
                     retried"
            .into(),
        (422, _) => "CXone does not mask internal (agent-to-agent) calls".into(),
        (425, _) => "an earlier mask or unmask of this agent's interaction was still being processed when the deadline \
                     came; the contact is held and the event is retried"
            .into(),
        (429, _) => "CXone rate-limited the API user (it publishes no numeric limit): lower MAX_CONCURRENCY or spread the \
                     requests; the event is retried"
            .into(),
        (400, _) => "CXone refused the request as malformed: check the contact id, agentId or userId in the record and \
                     CXONE_API_VERSION"
            .into(),
        (s, _) if s >= 500 => "CXone is unavailable or failed; the event is retried".into(),
        (s, _) => format!("CXone answered HTTP {s}; see its error message"),
    }
}

/// Every way a CXone call can fail.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum CxoneError {
    /// The API answered with an error status.
    #[error("CXone answered {} {} to {}{}: {}", .0.status, .0.code, .0.call.what(), correlation(&.0.correlation_id), .0.hint)]
    Api(ApiError),
    /// The token endpoint refused the application or the access key.
    #[error("CXone login refused access key `{access_key_id}` of application `{client_id}` ({error}, HTTP {status}) at {token_url}: {hint}")]
    Login {
        access_key_id: String,
        client_id: String,
        error: String,
        status: u16,
        token_url: String,
        hint: String,
    },
    /// A `.well-known` document could not be read, or lacks what pii-pause needs.
    #[error("CXone discovery of {document} at {url} failed: {reason}; {hint}")]
    Discovery {
        document: &'static str,
        url: String,
        /// The HTTP status, when the document was answered with an error.
        status: Option<u16>,
        reason: String,
        hint: String,
    },
    /// The credentials could not be read.
    #[error(transparent)]
    Secret(#[from] SecretError),
    /// The request did not complete (connection refused, reset, timeout).
    #[error("request to CXone {what} failed: {reason}; check network access from the function to CXone (NAT or egress rules); the event is retried")]
    Transport { what: String, reason: String },
    /// Retries stopped because the invocation's time was running out.
    #[error("gave up after {attempts} attempt(s) to stay inside the invocation deadline; last error: {last}")]
    Deadline {
        attempts: u32,
        last: Box<CxoneError>,
    },
    /// CXone answered 2xx with a body pii-pause could not read.
    #[error("unexpected answer from CXone {what}: {reason}")]
    Protocol { what: String, reason: String },
    /// CXone accepted a mask or unmask (202, or 425 for an earlier one) and did not show it applied before the
    /// deadline.
    #[error("CXone accepted the {what} of agent user `{user_id}` but get-recording-status did not show it applied within the invocation deadline ({reads} read(s))")]
    NotConfirmed {
        what: &'static str,
        user_id: String,
        reads: u32,
    },
}

fn correlation(id: &Option<String>) -> String {
    id.as_ref()
        .map(|c| format!(" (CorrelationId {c})"))
        .unwrap_or_default()
}

impl CxoneError {
    /// The API error behind this error, if the API answered.
    pub fn api(&self) -> Option<&ApiError> {
        match self {
            CxoneError::Api(e) => Some(e),
            CxoneError::Deadline { last, .. } => last.api(),
            _ => None,
        }
    }

    /// A stable machine-readable code for reports and metrics.
    pub fn code(&self) -> String {
        match self {
            CxoneError::Api(e) => e.code.clone(),
            CxoneError::Login { error, .. } => format!("oauth.{error}"),
            CxoneError::Discovery { .. } => "cxone.discovery".into(),
            CxoneError::Secret(e) => e.code().into(),
            CxoneError::Transport { .. } => "transport.error".into(),
            CxoneError::Deadline { last, .. } => last.code(),
            CxoneError::Protocol { .. } => "protocol.error".into(),
            CxoneError::NotConfirmed { .. } => "cxone.mask_not_confirmed".into(),
        }
    }

    /// The one-line fix.
    pub fn hint(&self) -> String {
        match self {
            CxoneError::Api(e) => e.hint.clone(),
            CxoneError::Login { hint, .. } | CxoneError::Discovery { hint, .. } => hint.clone(),
            CxoneError::NotConfirmed { .. } => "the recording may be masked a moment later, but pii-pause could not \
                confirm it: the contact is held and the event is retried (raise the function timeout to wait longer)"
                .into(),
            CxoneError::Deadline { last, .. } => format!(
                "{} (retries stopped at the invocation deadline; raise the function timeout or lower MAX_CONCURRENCY)",
                last.hint()
            ),
            other => other.to_string(),
        }
    }

    /// Whether the token endpoint refused the credentials themselves (a rotated secret may fix it).
    pub fn is_rejected_credentials(&self) -> bool {
        matches!(self, CxoneError::Login { status, .. } if matches!(status, 400 | 401))
    }

    /// Whether a failure to log in may pass by itself (network, throttling, deadline), so it is not remembered.
    pub fn is_transient(&self) -> bool {
        match self {
            CxoneError::Secret(s) => s.is_transient(),
            CxoneError::Transport { .. } | CxoneError::Deadline { .. } => true,
            CxoneError::Login { status, .. } => *status == 429 || *status >= 500,
            CxoneError::Discovery {
                status: Some(status),
                ..
            } => *status == 429 || *status >= 500,
            _ => false,
        }
    }
}

/// The fix for a refusal of the token endpoint: each cause of a 401 with its fix.
pub fn login_hint(error: &str, status: u16, token_url: &str) -> String {
    match (error, status) {
        ("invalid_client", _) => "CXone does not accept the application's credentials as sent: check client_id and \
            client_secret in the secret, and that `client_auth` matches the application's registration (`basic`, the \
            default, is client_secret_basic; `post` is client_secret_post)"
            .into(),
        ("unsupported_grant_type", _) => "the application may not use the password grant: register it as a back-end \
            application that signs in with access keys"
            .into(),
        ("invalid_grant" | "unauthorized_client" | "access_denied", _) | (_, 400 | 401) => "CXone refused the access \
            key: check access_key_id and access_key_secret (copy them exactly as CXone showed them; pii-pause \
            form-encodes `=`, `+` and `/`); a regenerated key invalidates the old secret, and the key's user must be \
            active"
            .into(),
        (_, 404 | 405) => format!("no token endpoint at {token_url}: check `issuer` in the secret, or CXONE_AUTH_URL"),
        (_, 429) => "the token endpoint rate-limited this application: tokens are cached, so this means many cold \
            starts at once"
            .into(),
        (_, s) => format!("the token endpoint answered HTTP {s}; the event is retried"),
    }
}

impl From<&CxoneError> for PlatformError {
    fn from(e: &CxoneError) -> Self {
        let api = e.api();
        PlatformError {
            status: api.map(|a| a.status).or(match e {
                CxoneError::Login { status, .. } => Some(*status),
                _ => None,
            }),
            code: e.code(),
            context_id: api.and_then(|a| a.correlation_id.clone()),
            message: e.to_string(),
            hint: e.hint(),
            not_found: api.is_some_and(|a| a.status == 404),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_bodies_are_decoded_with_their_fix() {
        let e = ApiError::from_response(
            Call::MultiAcdMask,
            403,
            Some("c-1".into()),
            br#"{"error":"forbidden","errorDescription":"not allowed"}"#,
        );
        assert_eq!(
            (
                e.code.as_str(),
                e.message.as_str(),
                e.correlation_id.as_deref()
            ),
            ("forbidden", "not allowed", Some("c-1"))
        );
        assert!(e.hint.contains("Multi-ACD Masking API"), "{}", e.hint);
        let e = ApiError::from_response(
            Call::AgentMask,
            425,
            None,
            br#"{"message":"locked","code":425,"correlationId":"c-2"}"#,
        );
        assert_eq!(
            (e.code.as_str(), e.correlation_id.as_deref()),
            ("425", Some("c-2"))
        );
        let e = ApiError::from_response(Call::Join, 404, None, b"<html>");
        assert_eq!(e.code, "not.found");
        assert!(e.hint.contains("no session to join"), "{}", e.hint);
    }

    #[test]
    fn each_login_refusal_names_its_cause() {
        let url = "https://cxone.example/auth/token";
        assert!(login_hint("invalid_client", 401, url).contains("client_auth"));
        assert!(login_hint("invalid_grant", 400, url).contains("access_key_secret"));
        assert!(login_hint("http_401", 401, url).contains("regenerated"));
        assert!(login_hint("http_404", 404, url).contains("issuer"));
        assert!(login_hint("unsupported_grant_type", 400, url).contains("password grant"));
    }
}

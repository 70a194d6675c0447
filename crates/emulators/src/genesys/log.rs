//! The emulator's request log: every request it received and what it answered, for tests and the demo.

use serde::Serialize;

/// One request as the emulator saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub seq: u64,
    pub method: String,
    pub path: String,
    /// The `Authorization` header as sent (the emulator's own log: it holds the test credentials).
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
    /// The status answered; 0 when the connection was dropped.
    pub status: u16,
    /// The OAuth client the request was made as, when known.
    pub client_id: Option<String>,
}

impl LoggedRequest {
    /// Whether this was a token request.
    pub fn is_token_request(&self) -> bool {
        self.path == "/oauth/token"
    }
}

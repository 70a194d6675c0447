//! An emulator's request log: every request it received and what it answered, for tests and the demo.

use crate::serve::{Answer, Request};
use serde::Serialize;

/// One request as the emulator saw it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct LoggedRequest {
    pub seq: u64,
    pub method: String,
    pub path: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub query: Option<String>,
    /// The `Authorization` header as sent (the emulator's own log: it holds the test credentials).
    pub authorization: Option<String>,
    pub content_type: Option<String>,
    pub body: String,
    /// The status answered; 0 when the connection was dropped.
    pub status: u16,
    /// The OAuth client the request was made as, when known.
    pub client_id: Option<String>,
    /// When it was answered (epoch ms).
    pub at_ms: u64,
}

impl LoggedRequest {
    /// The log entry of a request and its answer (`None`: the connection was dropped); `seq` is set when it is
    /// logged.
    pub fn of(req: &Request, answer: Option<&Answer>) -> Self {
        LoggedRequest {
            seq: 0,
            method: req.method.clone(),
            path: req.path.clone(),
            query: req.query.clone(),
            authorization: req.header("authorization").map(str::to_string),
            content_type: req.header("content-type").map(str::to_string),
            body: String::from_utf8_lossy(&req.body[..req.body.len().min(64 * 1024)]).into_owned(),
            status: answer.map(|a| a.status).unwrap_or(0),
            client_id: answer.and_then(|a| a.client_id.clone()),
            at_ms: std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_millis() as u64)
                .unwrap_or(0),
        }
    }

    /// Whether this was a token request.
    pub fn is_token_request(&self) -> bool {
        self.path == "/oauth/token"
    }
}

//! Fault injection: rules that make matching requests fail, stall, or lose their connection.

use serde::{Deserialize, Serialize};

/// What a fault does to a request it matches.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Fault {
    /// HTTP method to match (any when absent).
    #[serde(default)]
    pub method: Option<String>,
    /// Substring of the path to match (any when absent), e.g. `/recordingstate` or `/oauth/token`.
    #[serde(default)]
    pub path: Option<String>,
    /// Answer with this status and a Genesys error body instead of the real answer.
    #[serde(default)]
    pub status: Option<u16>,
    /// Genesys error `code` for the injected status (a sensible one by default).
    #[serde(default)]
    pub code: Option<String>,
    /// `Retry-After` seconds sent with the injected answer.
    #[serde(default)]
    pub retry_after: Option<u64>,
    /// OAuth `error` for injected token-endpoint answers (e.g. `invalid_client`).
    #[serde(default)]
    pub oauth_error: Option<String>,
    /// Wait this long before answering (a slow response).
    #[serde(default)]
    pub delay_ms: Option<u64>,
    /// Close the connection without answering.
    #[serde(default)]
    pub drop_connection: bool,
    /// How many requests this fault applies to (forever when absent).
    #[serde(default)]
    pub times: Option<u32>,
}

impl Fault {
    pub fn matches(&self, method: &str, path: &str) -> bool {
        self.method
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case(method))
            && self.path.as_deref().is_none_or(|p| path.contains(p))
            && self.times != Some(0)
    }
}

/// The list of active faults; the first matching one applies and uses up one of its `times`.
#[derive(Debug, Default)]
pub struct Faults {
    rules: Vec<Fault>,
}

impl Faults {
    pub fn add(&mut self, fault: Fault) {
        self.rules.push(fault);
    }

    pub fn clear(&mut self) {
        self.rules.clear();
    }

    pub fn take(&mut self, method: &str, path: &str) -> Option<Fault> {
        let rule = self.rules.iter_mut().find(|f| f.matches(method, path))?;
        if let Some(t) = rule.times.as_mut() {
            *t -= 1;
        }
        Some(rule.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn first_match_applies_and_counts_down() {
        let mut faults = Faults::default();
        faults.add(Fault {
            path: Some("/recordingstate".into()),
            status: Some(503),
            times: Some(2),
            ..Fault::default()
        });
        faults.add(Fault {
            method: Some("POST".into()),
            delay_ms: Some(5),
            ..Fault::default()
        });
        assert!(faults.take("GET", "/api/v2/conversations/x").is_none());
        assert_eq!(
            faults
                .take("PUT", "/api/v2/conversations/calls/x/recordingstate")
                .and_then(|f| f.status),
            Some(503)
        );
        assert_eq!(
            faults
                .take("PUT", "/x/recordingstate")
                .and_then(|f| f.status),
            Some(503)
        );
        assert!(faults.take("PUT", "/x/recordingstate").is_none());
        assert_eq!(
            faults.take("post", "/oauth/token").and_then(|f| f.delay_ms),
            Some(5)
        );
    }
}

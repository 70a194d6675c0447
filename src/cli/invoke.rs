//! `pii-pause invoke`: runs the Lambda handler in-process over an event file, or JSON Lines of events (one
//! invocation per line, in one warm app), with the environment's configuration (what `sam local invoke` does,
//! without a container).

use super::input::{self, Document};
use crate::app::{App, Invoke};
use crate::config::Config;
use crate::metrics::MetricsSink;
use serde_json::Value;

/// The answer of one invocation (the handler's JSON, or its error as `errorType: message`).
#[derive(Debug)]
pub struct Outcome {
    /// The line of a JSON Lines input; `None` for a single document.
    pub line: Option<usize>,
    pub answer: Result<Value, String>,
}

/// Handles each document of `data` in turn; fails only when the configuration is invalid.
pub async fn run(data: &[u8]) -> Result<Vec<Outcome>, String> {
    let config = Config::from_env().map_err(|e| format!("InvalidConfiguration: {e}"))?;
    let app = App::from_env(config, MetricsSink::Off)
        .await
        .map_err(|e| format!("InvalidConfiguration: {e}"))?;
    let mut outcomes = Vec::new();
    for (i, Document { line, value }) in input::documents(data).into_iter().enumerate() {
        let invoke = Invoke {
            request_id: format!("local-invoke-{}", i + 1),
            deadline_ms: 0,
        };
        let answer = match value {
            Ok(payload) => app
                .handle(&payload, &invoke)
                .await
                .map_err(|e| format!("{}: {e}", e.error_type())),
            Err(e) => Err(e),
        };
        outcomes.push(Outcome { line, answer });
    }
    Ok(outcomes)
}

//! `pii-pause invoke`: runs the Lambda handler in-process over an event file with the environment's
//! configuration (what `sam local invoke` does, without a container).

use crate::app::{App, Invoke};
use crate::config::Config;
use crate::metrics::MetricsSink;
use std::path::Path;

/// Handles the event in `path` and returns the JSON answer, or the error as `errorType: message`.
pub async fn run(path: &Path) -> Result<serde_json::Value, String> {
    let text = std::fs::read_to_string(path)
        .map_err(|e| format!("cannot read event file {}: {e}", path.display()))?;
    let payload: serde_json::Value = serde_json::from_str(&text)
        .map_err(|e| format!("event file {} is not JSON: {e}", path.display()))?;
    let config = Config::from_env().map_err(|e| format!("InvalidConfiguration: {e}"))?;
    let app = App::from_env(config, MetricsSink::Off)
        .await
        .map_err(|e| format!("InvalidConfiguration: {e}"))?;
    let invoke = Invoke {
        request_id: "local-invoke".into(),
        deadline_ms: 0,
    };
    app.handle(&payload, &invoke)
        .await
        .map_err(|e| format!("{}: {e}", e.error_type()))
}

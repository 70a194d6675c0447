//! CloudWatch metrics in Embedded Metric Format: one JSON line per invocation on stdout.

use crate::report::{Action, ConversationResult, Export};
use serde_json::{json, Map, Value};
use std::sync::Mutex;
use std::time::{SystemTime, UNIX_EPOCH};

/// Where metric lines go.
pub enum MetricsSink {
    /// Standard output, where Lambda's log agent extracts EMF.
    Stdout,
    /// Kept in memory (tests, the CLI).
    Memory(Mutex<Vec<String>>),
    /// Dropped.
    Off,
}

impl MetricsSink {
    pub fn emit(&self, line: String) {
        match self {
            MetricsSink::Stdout => {
                use std::io::Write;
                let mut out = std::io::stdout().lock();
                let _ = writeln!(out, "{line}");
            }
            MetricsSink::Memory(lines) => {
                lines.lock().unwrap_or_else(|p| p.into_inner()).push(line)
            }
            MetricsSink::Off => {}
        }
    }

    /// The lines kept by a `Memory` sink.
    pub fn lines(&self) -> Vec<String> {
        match self {
            MetricsSink::Memory(lines) => lines.lock().unwrap_or_else(|p| p.into_inner()).clone(),
            _ => Vec::new(),
        }
    }
}

/// Builds the EMF document for one invocation's results.
pub fn emf_line(
    namespace: &str,
    service: &str,
    source: &str,
    request_id: &str,
    results: &[ConversationResult],
) -> String {
    let count =
        |f: &dyn Fn(&ConversationResult) -> bool| results.iter().filter(|r| f(r)).count() as f64;
    let latencies: Vec<Value> = results
        .iter()
        .filter_map(|r| r.pause_latency_ms)
        .map(|v| json!(v as f64))
        .collect();
    let to_pause: Vec<Value> = results
        .iter()
        .filter_map(|r| r.time_to_pause_ms)
        .map(|v| json!(v as f64))
        .collect();
    let mut metrics = vec![
        ("ConversationsScanned", "Count", json!(results.len() as f64)),
        ("PiiFound", "Count", json!(count(&|r| r.pii))),
        (
            "Paused",
            "Count",
            json!(count(&|r| r.action == Action::Paused)),
        ),
        (
            "AlreadyPaused",
            "Count",
            json!(count(&|r| r.action == Action::AlreadyPaused)),
        ),
        ("Failed", "Count", json!(count(&|r| r.failed()))),
        (
            "ExportAllow",
            "Count",
            json!(count(&|r| r.export == Export::Allow)),
        ),
        (
            "ExportRedact",
            "Count",
            json!(count(&|r| r.export == Export::Redact)),
        ),
        (
            "ExportHold",
            "Count",
            json!(count(&|r| r.export == Export::Hold)),
        ),
    ];
    if !latencies.is_empty() {
        metrics.push(("PauseLatency", "Milliseconds", Value::Array(latencies)));
    }
    if !to_pause.is_empty() {
        metrics.push(("TimeToPause", "Milliseconds", Value::Array(to_pause)));
    }
    let timestamp = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let definitions: Vec<Value> = metrics
        .iter()
        .map(|(name, unit, _)| json!({"Name": name, "Unit": unit}))
        .collect();
    let mut doc = Map::new();
    doc.insert(
        "_aws".into(),
        json!({"Timestamp": timestamp, "CloudWatchMetrics": [{"Namespace": namespace, "Dimensions": [["service"]], "Metrics": definitions}]}),
    );
    doc.insert("service".into(), json!(service));
    doc.insert("source".into(), json!(source));
    doc.insert("requestId".into(), json!(request_id));
    let mut kinds = Map::new();
    for finding in results.iter().flat_map(|r| r.findings.iter()) {
        let n = kinds
            .get(finding.kind.as_str())
            .and_then(Value::as_u64)
            .unwrap_or(0);
        kinds.insert(finding.kind.as_str().to_string(), json!(n + 1));
    }
    doc.insert("findingsByKind".into(), Value::Object(kinds));
    for (name, _, value) in metrics {
        doc.insert(name.into(), value);
    }
    Value::Object(doc).to_string()
}

//! `pii-pause scan`: offline detection over a file or standard input (one event or record, or JSON Lines of
//! records), one JSON line out per conversation. No network, no credentials.

use super::input;
use crate::config::Config;
use crate::detect::{Finding, Scanner};
use crate::intake::{self, Invocation, Record};
use crate::platform::Platforms;
use serde::Serialize;
use serde_json::Value;
use std::io::Write;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Line<'a> {
    conversation_id: &'a str,
    findings: &'a [Finding],
}

/// Counts of a scan run.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct ScanSummary {
    pub conversations: usize,
    pub with_pii: usize,
    /// Inputs (lines, or the whole input) that were not a known shape.
    pub rejected: usize,
}

/// The configuration `scan` uses: the environment's key lists and kinds, always without enforcement.
pub fn scan_config() -> Result<Config, crate::config::ConfigError> {
    Config::from_lookup(|name| match name {
        "PII_PAUSE_MODE" => Some("dry-run".to_string()),
        other => std::env::var(other).ok(),
    })
}

/// Scans `data` (one document or JSON Lines) and writes one line per conversation to `out`; problems go to
/// `err` with their line number.
pub fn run(
    config: &Config,
    data: &[u8],
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ScanSummary> {
    let scanner = Scanner::new(config);
    let platforms = Platforms::offline(&config.platforms);
    let mut summary = ScanSummary::default();
    for document in input::documents(data) {
        let records = document
            .value
            .as_ref()
            .map_err(String::clone)
            .and_then(|v| records_of(v, config, &platforms).map_err(|e| e.to_string()));
        let records = match records {
            Ok(records) => records,
            Err(e) => {
                summary.rejected += 1;
                writeln!(err, "{}: {e}", document.place())?;
                continue;
            }
        };
        for record in records {
            let result = scanner.scan(&record.body);
            summary.conversations += 1;
            summary.with_pii += usize::from(result.pii());
            let line = Line {
                conversation_id: &record.conversation_id,
                findings: &result.findings,
            };
            serde_json::to_writer(&mut *out, &line)?;
            out.write_all(b"\n")?;
        }
    }
    Ok(summary)
}

fn records_of(
    value: &Value,
    config: &Config,
    platforms: &Platforms,
) -> Result<Vec<Record>, intake::IntakeError> {
    Ok(match intake::decode(value, &config.runtime, platforms)? {
        Invocation::Batch(b) => b.records,
        Invocation::Sqs(messages) => {
            let mut records = Vec::new();
            for m in messages {
                records.extend(m.batch?.records);
            }
            records
        }
        Invocation::Https(request) => {
            intake::function_url_body(&request, &config.runtime, platforms)?.records
        }
    })
}

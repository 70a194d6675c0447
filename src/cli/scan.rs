//! `pii-pause scan`: offline detection over a file or standard input (one event or record, or JSON Lines of
//! records), one JSON line out per conversation. No network, no credentials.

use crate::config::Config;
use crate::detect::{Finding, Scanner};
use crate::intake::{self, Invocation, Record};
use serde::Serialize;
use serde_json::Value;
use std::io::{Read, Write};

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

/// Scans `input` and writes one line per conversation to `out`; problems go to `err` with their line number.
pub fn run(
    config: &Config,
    input: &mut dyn Read,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ScanSummary> {
    let scanner = Scanner::new(&config.detection);
    let mut data = Vec::new();
    input.read_to_end(&mut data)?;
    let mut summary = ScanSummary::default();
    let emit = |records: Vec<Record>,
                summary: &mut ScanSummary,
                out: &mut dyn Write|
     -> std::io::Result<()> {
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
        Ok(())
    };
    if let Ok(whole) = serde_json::from_slice::<Value>(&data) {
        match records_of(&whole, config) {
            Ok(records) => emit(records, &mut summary, out)?,
            Err(e) => {
                summary.rejected += 1;
                writeln!(err, "input: {e}")?;
            }
        }
        return Ok(summary);
    }
    for (i, line) in data.split(|b| *b == b'\n').enumerate() {
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        let parsed = serde_json::from_slice::<Value>(line)
            .map_err(|e| format!("not JSON (column {})", e.column()))
            .and_then(|v| records_of(&v, config).map_err(|e| e.to_string()));
        match parsed {
            Ok(records) => emit(records, &mut summary, out)?,
            Err(e) => {
                summary.rejected += 1;
                writeln!(err, "line {}: {e}", i + 1)?;
            }
        }
    }
    Ok(summary)
}

fn records_of(value: &Value, config: &Config) -> Result<Vec<Record>, intake::IntakeError> {
    Ok(match intake::decode(value, config)? {
        Invocation::Batch(b) => b.records,
        Invocation::Sqs(messages) => {
            let mut records = Vec::new();
            for m in messages {
                records.extend(m.batch?.records);
            }
            records
        }
    })
}

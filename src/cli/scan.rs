//! `pii-pause scan`: offline detection over a file or standard input, one JSON line out per
//! conversation, with the Lambda's scanner and its verdicts (a record not fully scanned is said
//! to be so). Input: one event or record (pretty-printed or not), JSON Lines of records or
//! events, or a JSON array of them. No network, no credentials.
//!
//! It streams: JSON Lines and arrays are read in batches that worker threads (one per core)
//! decode and scan while the next batches are read; the output keeps the input's order and memory
//! stays flat whatever the input size (bounded queues, one batch per worker in flight).

use crate::config::Config;
use crate::detect::{Finding, ScanResult, Scanner};
use crate::intake::{self, Invocation, Record};
use crate::platform::Platforms;
use serde::de::{DeserializeSeed, SeqAccess, Visitor};
use serde::Serialize;
use serde_json::Value;
use std::collections::{BTreeMap, HashMap};
use std::io::{BufRead, BufReader, Read, Write};
use std::sync::mpsc::{sync_channel, Receiver, SyncSender};
use std::sync::{Arc, Mutex};

/// A line longer than this is reported and skipped (split such a record).
pub const MAX_LINE: usize = 64 << 20;
/// A single JSON document (not JSON Lines, not an array) larger than this is refused.
pub const MAX_DOCUMENT: usize = 256 << 20;
/// Lines per batch, and bytes per batch at most.
const BATCH_LINES: usize = 512;
const BATCH_BYTES: usize = 4 << 20;
/// Array elements per batch.
const BATCH_ELEMENTS: usize = 128;

#[derive(Serialize)]
#[serde(rename_all = "camelCase")]
struct Line<'a> {
    conversation_id: &'a str,
    findings: &'a [Finding],
    #[serde(skip_serializing_if = "Option::is_none")]
    incomplete: Option<&'a str>,
}

/// How to run a scan.
#[derive(Debug, Clone, Copy)]
pub struct ScanOptions {
    /// Worker threads (at least one).
    pub jobs: usize,
}

impl Default for ScanOptions {
    fn default() -> Self {
        ScanOptions {
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
        }
    }
}

/// Counts of a scan run.
#[derive(Debug, Default, Clone, PartialEq, Eq)]
pub struct ScanSummary {
    pub conversations: usize,
    pub with_pii: usize,
    /// Conversations not fully scanned (too deep, too many values): they may hold PII.
    pub incomplete: usize,
    /// Inputs (lines, array elements, or the whole input) that were not a known shape.
    pub rejected: usize,
    /// Findings by kind name.
    pub findings_by_kind: BTreeMap<String, usize>,
    /// The input held nothing to scan.
    pub empty: bool,
}

impl ScanSummary {
    fn add(&mut self, other: ScanSummary) {
        self.conversations += other.conversations;
        self.with_pii += other.with_pii;
        self.incomplete += other.incomplete;
        self.rejected += other.rejected;
        for (k, n) in other.findings_by_kind {
            *self.findings_by_kind.entry(k).or_default() += n;
        }
    }

    /// Any finding at all.
    pub fn findings(&self) -> usize {
        self.findings_by_kind.values().sum()
    }

    /// The summary line for standard error.
    pub fn line(&self) -> String {
        if self.empty {
            return "pii-pause scan: warning: the input is empty; nothing was scanned".into();
        }
        let kinds = if self.findings_by_kind.is_empty() {
            String::new()
        } else {
            let list: Vec<String> = self
                .findings_by_kind
                .iter()
                .map(|(k, n)| format!("{k} {n}"))
                .collect();
            format!("; findings by kind: {}", list.join(", "))
        };
        format!(
            "pii-pause scan: {} conversations, {} with PII{kinds}; {} not fully scanned, {} inputs rejected",
            self.conversations, self.with_pii, self.incomplete, self.rejected
        )
    }

    /// The exit code: 0 all scanned (and, with `fail_on_findings`, nothing found); 2 when the
    /// input was empty, an input was rejected or a conversation not fully scanned (the Lambda
    /// would hold it); 3 with `fail_on_findings` when something was found.
    pub fn exit_code(&self, fail_on_findings: bool) -> u8 {
        if self.empty || self.rejected > 0 || self.incomplete > 0 {
            2
        } else if fail_on_findings && self.findings() > 0 {
            3
        } else {
            0
        }
    }
}

/// The configuration `scan` uses: the environment's detection settings, always without enforcement.
pub fn scan_config() -> Result<Config, crate::config::ConfigError> {
    Config::from_lookup(|name| match name {
        "PII_PAUSE_MODE" => Some("dry-run".to_string()),
        other => std::env::var(other).ok(),
    })
}

/// One unit of work: where it came from and what to decode.
enum Unit {
    /// A JSON Lines line (1-based line number) or a whole document (line 0).
    Text(usize, Vec<u8>),
    /// An element of a top-level JSON array (1-based).
    Element(usize, Value),
    /// A problem found while reading (reported in order).
    Problem(String),
}

/// What a worker made of a batch.
struct Done {
    seq: usize,
    out: Vec<u8>,
    problems: Vec<String>,
    summary: ScanSummary,
}

/// Scans `input`, writing one line per conversation to `out` in input order and problems to `err`.
pub fn run(
    config: &Config,
    options: ScanOptions,
    input: &mut (dyn Read + Send),
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ScanSummary> {
    let scanner = Scanner::new(&config.detection);
    let platforms = Platforms::offline(&config.platforms);
    let jobs = options.jobs.max(1);
    let (work_tx, work_rx) = sync_channel::<(usize, Vec<Unit>)>(jobs * 2);
    let (done_tx, done_rx) = sync_channel::<Done>(jobs * 2);
    let work_rx = Arc::new(Mutex::new(work_rx));
    std::thread::scope(|scope| {
        let reader = scope.spawn(move || read_units(input, &work_tx));
        for _ in 0..jobs {
            let work_rx = Arc::clone(&work_rx);
            let done_tx = done_tx.clone();
            let scanner = &scanner;
            let platforms = &platforms;
            scope.spawn(move || worker(scanner, config, platforms, &work_rx, &done_tx));
        }
        drop(done_tx);
        // Consumes the receiver: if writing fails, the workers and the reader stop too.
        let written = write_in_order(done_rx, out, err);
        let read = reader
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the input reader stopped")));
        let (mut summary, read_anything) = written.and_then(|w| read.map(|r| (w, r)))?;
        summary.empty = !read_anything;
        Ok(summary)
    })
}

/// Reads the input into batches of units; `Ok(false)` when it held nothing but whitespace.
fn read_units(
    input: &mut (dyn Read + Send),
    tx: &SyncSender<(usize, Vec<Unit>)>,
) -> std::io::Result<bool> {
    let mut reader = BufReader::with_capacity(1 << 16, input);
    let mut seq = 0usize;
    let mut send = |units: Vec<Unit>| -> bool {
        let ok = tx.send((seq, units)).is_ok();
        seq += 1;
        ok
    };
    // The first byte that is not whitespace says what the input is.
    let first = loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok(false);
        }
        match buf.iter().position(|b| !b.is_ascii_whitespace()) {
            Some(i) => {
                let b = buf[i];
                reader.consume(i);
                break b;
            }
            None => {
                let n = buf.len();
                reader.consume(n);
            }
        }
    };
    if first == b'[' {
        stream_array(&mut reader, &mut send);
        return Ok(true);
    }
    // JSON Lines, or one document spread over lines.
    let mut line_no = 0usize;
    let mut batch: Vec<Unit> = Vec::new();
    let mut batch_bytes = 0usize;
    let mut first_line = true;
    loop {
        let mut line = Vec::new();
        let (n, too_long) = read_line(&mut reader, &mut line)?;
        if n == 0 {
            break;
        }
        line_no += 1;
        if too_long {
            batch.push(Unit::Problem(format!(
                "line {line_no}: longer than {} MiB; split the record",
                MAX_LINE >> 20
            )));
            continue;
        }
        if line.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        if first_line {
            first_line = false;
            if let Err(e) = serde_json::from_slice::<serde::de::IgnoredAny>(&line) {
                if e.is_eof() {
                    // A document over several lines (a pretty-printed event): read it whole.
                    let mut doc = line;
                    let limit = (MAX_DOCUMENT + 1) as u64;
                    (&mut reader).take(limit).read_to_end(&mut doc)?;
                    let unit = if doc.len() > MAX_DOCUMENT {
                        Unit::Problem(format!(
                            "input: one JSON document larger than {} MiB; write it as JSON Lines or a JSON array",
                            MAX_DOCUMENT >> 20
                        ))
                    } else {
                        Unit::Text(0, doc)
                    };
                    send(vec![unit]);
                    return Ok(true);
                }
            }
        }
        batch_bytes += line.len();
        batch.push(Unit::Text(line_no, line));
        if batch.len() >= BATCH_LINES || batch_bytes >= BATCH_BYTES {
            if !send(std::mem::take(&mut batch)) {
                return Ok(true);
            }
            batch_bytes = 0;
        }
    }
    if !batch.is_empty() {
        send(batch);
    }
    Ok(true)
}

/// Reads one line (without the newline) into `line`, up to [`MAX_LINE`] bytes; the rest of a
/// longer line is skipped. Returns the bytes consumed and whether the line was too long.
fn read_line(reader: &mut impl BufRead, line: &mut Vec<u8>) -> std::io::Result<(usize, bool)> {
    let mut consumed = 0;
    let mut too_long = false;
    loop {
        let buf = reader.fill_buf()?;
        if buf.is_empty() {
            return Ok((consumed, too_long));
        }
        let (chunk, done) = match buf.iter().position(|&b| b == b'\n') {
            Some(i) => (&buf[..i], Some(i + 1)),
            None => (buf, None),
        };
        if !too_long {
            if line.len() + chunk.len() > MAX_LINE {
                too_long = true;
                line.clear();
            } else {
                line.extend_from_slice(chunk);
            }
        }
        let used = done.unwrap_or(chunk.len());
        reader.consume(used);
        consumed += used;
        if done.is_some() {
            return Ok((consumed, too_long));
        }
    }
}

/// Streams the elements of a top-level JSON array, in batches.
fn stream_array(reader: &mut impl BufRead, send: &mut dyn FnMut(Vec<Unit>) -> bool) {
    struct Elements<'a> {
        send: &'a mut dyn FnMut(Vec<Unit>) -> bool,
    }
    impl<'de> Visitor<'de> for Elements<'_> {
        type Value = ();
        fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            f.write_str("a JSON array of records or events")
        }
        fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<(), A::Error> {
            let mut batch = Vec::new();
            let mut index = 0;
            loop {
                match seq.next_element::<Value>() {
                    Ok(Some(v)) => {
                        index += 1;
                        batch.push(Unit::Element(index, v));
                        if batch.len() >= BATCH_ELEMENTS && !(self.send)(std::mem::take(&mut batch))
                        {
                            return Ok(());
                        }
                    }
                    Ok(None) => break,
                    Err(e) => {
                        // The elements read so far are scanned; the error is reported after them.
                        if !batch.is_empty() {
                            (self.send)(batch);
                        }
                        return Err(e);
                    }
                }
            }
            if !batch.is_empty() {
                (self.send)(batch);
            }
            Ok(())
        }
    }
    impl<'de> DeserializeSeed<'de> for Elements<'_> {
        type Value = ();
        fn deserialize<D: serde::Deserializer<'de>>(self, d: D) -> Result<(), D::Error> {
            d.deserialize_seq(self)
        }
    }
    let mut de = serde_json::Deserializer::from_reader(reader);
    let result = Elements { send: &mut *send }.deserialize(&mut de);
    let result = result.and_then(|()| de.end());
    if let Err(e) = result {
        send(vec![Unit::Problem(format!(
            "input: the JSON array is broken at line {}, column {}: {}; the elements before it were scanned",
            e.line(),
            e.column(),
            error_text(&e)
        ))]);
    }
}

/// serde_json's message without its own "at line .. column .." suffix.
fn error_text(e: &serde_json::Error) -> String {
    let s = e.to_string();
    match s.find(" at line ") {
        Some(i) => s[..i].to_string(),
        None => s,
    }
}

fn worker(
    scanner: &Scanner,
    config: &Config,
    platforms: &Platforms,
    work: &Mutex<Receiver<(usize, Vec<Unit>)>>,
    done: &SyncSender<Done>,
) {
    loop {
        let next = match work.lock() {
            Ok(rx) => rx.recv(),
            Err(_) => return,
        };
        let Ok((seq, units)) = next else {
            return;
        };
        let mut d = Done {
            seq,
            out: Vec::new(),
            problems: Vec::new(),
            summary: ScanSummary::default(),
        };
        for unit in units {
            scan_unit(scanner, config, platforms, unit, &mut d);
        }
        if done.send(d).is_err() {
            return;
        }
    }
}

fn scan_unit(scanner: &Scanner, config: &Config, platforms: &Platforms, unit: Unit, d: &mut Done) {
    let (place, value) = match unit {
        Unit::Problem(p) => {
            d.summary.rejected += 1;
            d.problems.push(p);
            return;
        }
        Unit::Element(i, v) => (format!("element {i}"), Ok(v)),
        Unit::Text(line, bytes) => {
            let place = if line == 0 {
                "input".to_string()
            } else {
                format!("line {line}")
            };
            let parsed = serde_json::from_slice::<Value>(&bytes).map_err(|e| {
                if line == 0 {
                    format!(
                        "not JSON (line {}, column {}: {})",
                        e.line(),
                        e.column(),
                        error_text(&e)
                    )
                } else {
                    format!("not JSON (column {})", e.column())
                }
            });
            (place, parsed)
        }
    };
    let records = value.and_then(|v| records_of(&v, config, platforms));
    match records {
        Ok(records) => {
            for record in records {
                emit(scanner, &record, d);
            }
        }
        Err(e) => {
            d.summary.rejected += 1;
            d.problems.push(format!("{place}: {e}"));
        }
    }
}

fn emit(scanner: &Scanner, record: &Record, d: &mut Done) {
    let result: ScanResult = scanner.scan(&record.body);
    let s = &mut d.summary;
    s.conversations += 1;
    s.with_pii += usize::from(result.pii());
    s.incomplete += usize::from(result.incomplete.is_some());
    for f in &result.findings {
        *s.findings_by_kind
            .entry(f.kind.as_str().to_string())
            .or_default() += 1;
    }
    let line = Line {
        conversation_id: &record.conversation_id,
        findings: &result.findings,
        incomplete: result.incomplete.as_deref(),
    };
    if serde_json::to_writer(&mut d.out, &line).is_ok() {
        d.out.push(b'\n');
    }
}

/// The records of one input: an event, a record, a batch, an SQS event, or an array of them.
fn records_of(
    value: &Value,
    config: &Config,
    platforms: &Platforms,
) -> Result<Vec<Record>, String> {
    if let Value::Array(items) = value {
        let mut records = Vec::new();
        for (i, item) in items.iter().enumerate() {
            records.extend(
                records_of(item, config, platforms)
                    .map_err(|e| format!("element {}: {e}", i + 1))?,
            );
        }
        return Ok(records);
    }
    let invocation =
        intake::decode(value, &config.runtime, platforms).map_err(|e| e.to_string())?;
    Ok(match invocation {
        Invocation::Batch(b) => b.records,
        Invocation::Sqs(messages) => {
            let mut records = Vec::new();
            for m in messages {
                records.extend(m.batch.map_err(|e| e.to_string())?.records);
            }
            records
        }
        Invocation::Https(request) => {
            intake::function_url_body(&request, &config.runtime, platforms)
                .map_err(|e| e.to_string())?
                .records
        }
    })
}

/// Writes the workers' batches in input order; problems go to `err` in the same order.
fn write_in_order(
    done: Receiver<Done>,
    out: &mut dyn Write,
    err: &mut dyn Write,
) -> std::io::Result<ScanSummary> {
    let mut pending: HashMap<usize, Done> = HashMap::new();
    let mut next = 0usize;
    let mut summary = ScanSummary::default();
    for d in done {
        pending.insert(d.seq, d);
        while let Some(d) = pending.remove(&next) {
            next += 1;
            out.write_all(&d.out)?;
            for p in &d.problems {
                writeln!(err, "{p}")?;
            }
            summary.add(d.summary);
        }
    }
    Ok(summary)
}

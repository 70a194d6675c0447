//! Precision and recall of `ContentScanner` on the labelled corpus `tests/data/corpus.jsonl`
//! (made by `scripts/gen_corpus.py`; set `PII_PAUSE_CORPUS` to use another file), at
//! (field, kind) granularity, per kind and per field class:
//! - keyed: structured values under descriptive or system keys — must reach ≥ 0.99 precision
//!   and recall for every kind;
//! - opaque: structured values under generic keys (`customField3`) — precision ≥ 0.99;
//! - text: free text (notes, comments, transcript snippets) — precision ≥ 0.97, recall ≥ 0.95;
//! - traps: system values that look like PII — zero false positives.

use pii_pause::detect::content::ContentScanner;
use pii_pause::detect::kind::{KindSet, PiiKind};
use serde_json::Value;
use std::collections::{BTreeMap, HashSet};

#[derive(Default, Clone, Copy)]
struct Counts {
    tp: u64,
    fp: u64,
    fn_: u64,
}

impl Counts {
    fn precision(&self) -> f64 {
        if self.tp + self.fp == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fp) as f64
        }
    }
    fn recall(&self) -> f64 {
        if self.tp + self.fn_ == 0 {
            1.0
        } else {
            self.tp as f64 / (self.tp + self.fn_) as f64
        }
    }
}

const CLASSES: [&str; 3] = ["keyed", "opaque", "text"];

fn bars(class: &str) -> (f64, f64) {
    match class {
        "keyed" => (0.99, 0.99),
        "opaque" => (0.99, 0.0),
        _ => (0.97, 0.95),
    }
}

#[test]
fn corpus_precision_and_recall() {
    let path = std::env::var("PII_PAUSE_CORPUS")
        .unwrap_or_else(|_| format!("{}/tests/data/corpus.jsonl", env!("CARGO_MANIFEST_DIR")));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let scanner = ContentScanner::default();
    let mut counts: BTreeMap<(&str, PiiKind), Counts> = BTreeMap::new();
    let mut trap_fields = 0u64;
    let mut trap_fps = Vec::new();
    let mut errors = Vec::new();
    let mut fields = 0u64;
    let mut records = 0u64;

    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let rec: Value = serde_json::from_str(line).expect("corpus line is JSON");
        records += 1;
        let labels = &rec["labels"];
        let list = |name: &str| -> HashSet<String> {
            labels[name]
                .as_array()
                .map(|a| {
                    a.iter()
                        .filter_map(|v| v.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let (text, opaque, traps) = (list("text"), list("opaque"), list("traps"));
        let mut scanned: Vec<(String, String, String)> = Vec::new();
        for (i, p) in rec["participants"]
            .as_array()
            .into_iter()
            .flatten()
            .enumerate()
        {
            for (k, v) in p["attributes"].as_object().into_iter().flatten() {
                let value = v.as_str().unwrap_or_default().to_string();
                scanned.push((
                    format!("participants[{i}].attributes.{k}"),
                    k.clone(),
                    value,
                ));
            }
        }
        if let Some(notes) = rec["wrapUpNotes"].as_str() {
            scanned.push(("wrapUpNotes".into(), "wrapUpNotes".into(), notes.into()));
        }
        for (path, key, value) in scanned {
            fields += 1;
            let mut got = KindSet::EMPTY;
            scanner.scan_value(&key, &value, &mut got);
            let want: KindSet = labels["pii"][&path]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|k| k.as_str()?.parse::<PiiKind>().ok())
                .collect();
            let class = if text.contains(&path) {
                "text"
            } else if opaque.contains(&path) {
                "opaque"
            } else {
                "keyed"
            };
            if traps.contains(&path) {
                trap_fields += 1;
                if !got.is_empty() {
                    trap_fps.push(format!("{key} = {value:?} -> {got:?}"));
                }
            }
            for kind in PiiKind::ALL.into_iter().filter(|k| *k != PiiKind::Flag) {
                let c = counts.entry((class, kind)).or_default();
                match (want.contains(kind), got.contains(kind)) {
                    (true, true) => c.tp += 1,
                    (false, true) => c.fp += 1,
                    (true, false) => c.fn_ += 1,
                    (false, false) => {}
                }
                if want.contains(kind) != got.contains(kind) {
                    let what = if got.contains(kind) { "FP" } else { "FN" };
                    errors.push(format!("{what} {class:6} {kind:13} {key} = {value:?}"));
                }
            }
        }
    }

    println!("corpus: {path}: {records} records, {fields} fields, {trap_fields} trap fields");
    let mut failures = Vec::new();
    for class in CLASSES {
        let (p_bar, r_bar) = bars(class);
        println!("\n[{class}] bars: precision >= {p_bar}, recall >= {r_bar}");
        println!(
            "{:<14} {:>6} {:>5} {:>5} {:>9} {:>9}",
            "kind", "TP", "FP", "FN", "precision", "recall"
        );
        for kind in PiiKind::ALL.into_iter().filter(|k| *k != PiiKind::Flag) {
            let c = counts.get(&(class, kind)).copied().unwrap_or_default();
            if c.tp + c.fp + c.fn_ == 0 {
                continue;
            }
            println!(
                "{:<14} {:>6} {:>5} {:>5} {:>9.4} {:>9.4}",
                kind.as_str(),
                c.tp,
                c.fp,
                c.fn_,
                c.precision(),
                c.recall()
            );
            if c.precision() < p_bar || c.recall() < r_bar {
                failures.push(format!(
                    "{class} {kind}: precision {:.4} recall {:.4}",
                    c.precision(),
                    c.recall()
                ));
            }
        }
    }
    println!(
        "\ntraps: {} false positives in {trap_fields} trap fields",
        trap_fps.len()
    );
    for e in errors.iter().take(60) {
        println!("  {e}");
    }
    if errors.len() > 60 {
        println!("  ... {} more", errors.len() - 60);
    }
    for t in &trap_fps {
        println!("  TRAP FP {t}");
    }
    assert!(
        trap_fps.is_empty(),
        "false positives on traps: {trap_fps:#?}"
    );
    assert!(failures.is_empty(), "below the bar: {failures:#?}");
}

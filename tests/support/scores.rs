//! Precision and recall per kind for the labelled detection sets: the counts, the table the tests print, and the
//! number in a case's id that splits a set into the half that may be read and the half nobody reads.

use serde_json::Value;
use std::fmt::Display;

/// True positives, false positives and false negatives of one kind.
#[derive(Default, Clone, Copy)]
pub struct Counts {
    pub tp: u32,
    pub fp: u32,
    pub fn_: u32,
}

/// hits / (hits + misses); 1 when there was nothing to find.
pub fn ratio(hits: u32, misses: u32) -> f64 {
    if hits + misses == 0 {
        1.0
    } else {
        f64::from(hits) / f64::from(hits + misses)
    }
}

/// (kind, precision, recall).
pub type KindScore = (String, f64, f64);

/// Prints one row per kind and the total (the kind column `width` wide); returns per kind and overall
/// (precision, recall).
pub fn table<K: Display>(
    counts: impl IntoIterator<Item = (K, Counts)>,
    width: usize,
) -> (Vec<KindScore>, (f64, f64)) {
    println!(
        "{:<width$} {:>4} {:>4} {:>4} {:>9} {:>9}",
        "kind", "TP", "FP", "FN", "precision", "recall"
    );
    let mut per_kind = Vec::new();
    let mut all = Counts::default();
    for (kind, c) in counts {
        let (p, r) = (ratio(c.tp, c.fp), ratio(c.tp, c.fn_));
        println!(
            "{:<width$} {:>4} {:>4} {:>4} {p:>9.4} {r:>9.4}",
            kind.to_string(),
            c.tp,
            c.fp,
            c.fn_
        );
        per_kind.push((kind.to_string(), p, r));
        all.tp += c.tp;
        all.fp += c.fp;
        all.fn_ += c.fn_;
    }
    let overall = (ratio(all.tp, all.fp), ratio(all.tp, all.fn_));
    println!(
        "{:<width$} {:>4} {:>4} {:>4} {:>9.4} {:>9.4}",
        "all", all.tp, all.fp, all.fn_, overall.0, overall.1
    );
    (per_kind, overall)
}

/// The numeric tail of a case's id (`px-0007` → 7).
pub fn id_number(case: &Value) -> Option<u64> {
    case["id"]
        .as_str()
        .and_then(|id| id.rsplit('-').next())
        .and_then(|n| n.parse().ok())
}

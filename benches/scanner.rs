//! Throughput of `ContentScanner::scan_value` (bytes of key + value per second, one core) on
//! (a) clean contact-center metadata — the system attributes of both labelled corpora (UUIDs,
//! ISO, RFC 2822 and epoch timestamps, queue names, IVR paths and `ivr.*` / `Queue.*` /
//! `context.*` flow variables, versions, SIP URIs, durations, order and tracking numbers,
//! hashes…) — and (b) PII-dense free text (the corpora's notes, chat lines and transcripts, five
//! languages), against a naive baseline in the same run: every kind's regex on every value, each
//! hit validated, no prefilter, no gating. Also the cost of `ContentScanner::new`.
//!
//! Run: `cargo bench --bench scanner` (or `scripts/bench-detect.sh` for a summary table).

use criterion::{criterion_group, criterion_main, BatchSize, Criterion, Throughput};
use pii_pause::detect::content::{validators, ContentScanner};
use pii_pause::detect::kind::{KindSet, PiiKind};
use regex::Regex;
use serde_json::Value;
use std::hint::black_box;

type Pairs = Vec<(String, String)>;

/// Every (path, key, string value) of a record, walking objects and arrays.
fn leaves(v: &Value, path: &str, key: &str, out: &mut Vec<(String, String, String)>) {
    match v {
        Value::Object(m) => {
            for (k, x) in m {
                let p = if path.is_empty() {
                    k.clone()
                } else {
                    format!("{path}.{k}")
                };
                leaves(x, &p, k, out);
            }
        }
        Value::Array(a) => {
            for (i, x) in a.iter().enumerate() {
                leaves(x, &format!("{path}[{i}]"), key, out);
            }
        }
        Value::String(s) => out.push((path.to_string(), key.to_string(), s.clone())),
        _ => {}
    }
}

/// (clean system values, PII-dense free text) from the committed corpora.
fn datasets() -> (Pairs, Pairs) {
    let (mut clean, mut dense) = (Vec::new(), Vec::new());
    for file in ["corpus.jsonl", "heldout.jsonl"] {
        let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
        let data = std::fs::read_to_string(path).unwrap_or_default();
        for line in data.lines() {
            let Ok(mut rec) = serde_json::from_str::<Value>(line) else {
                continue;
            };
            let labels = rec
                .as_object_mut()
                .and_then(|o| o.remove("labels"))
                .unwrap_or_default();
            let listed = |name: &str, path: &str| {
                labels[name]
                    .as_array()
                    .is_some_and(|a| a.iter().any(|v| v.as_str() == Some(path)))
            };
            let mut all = Vec::new();
            leaves(&rec, "", "", &mut all);
            for (path, key, value) in all {
                let system = path.contains("attributes.");
                if listed("text", &path) {
                    dense.push((key, value));
                } else if system && labels["pii"].get(&path).is_none() && !listed("opaque", &path) {
                    clean.push((key, value));
                }
            }
        }
    }
    (clean, dense)
}

/// The naive baseline: one regex per kind, run on every value, each match validated.
struct Naive {
    card: Regex,
    ssn: Regex,
    email: Regex,
    phone: Regex,
    iban: Regex,
    ipv4: Regex,
    ipv6: Regex,
    nhs: Regex,
    date: Regex,
    short: Regex,
    passport: Regex,
    bank: Regex,
}

impl Naive {
    fn new() -> Self {
        let r = |p: &str| Regex::new(p).unwrap_or_else(|e| panic!("{p}: {e}"));
        Naive {
            card: r(r"\b(?:\d[ -]?){12,18}\d\b"),
            ssn: r(r"\b\d{3}[- .]?\d{2}[- .]?\d{4}\b"),
            email: r(r"[A-Za-z0-9._%+\-]+@[A-Za-z0-9.\-]+\.[A-Za-z]{2,24}"),
            phone: r(r"(?:\+\d{1,3}[ .\-]?)?\(?\d{2,5}\)?[ .\-]?\d{3,4}[ .\-]?\d{3,4}"),
            iban: r(r"(?i)\b[A-Z]{2}\d{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,3})?\b"),
            ipv4: r(r"\b(?:\d{1,3}\.){3}\d{1,3}\b"),
            ipv6: r(r"(?i)\b[0-9a-f]{0,4}(?::[0-9a-f]{0,4}){2,7}\b"),
            nhs: r(r"\b\d{3}[- ]?\d{3}[- ]?\d{4}\b"),
            date: r(r"\b\d{1,4}[/\-.]\d{1,2}[/\-.]\d{2,4}\b"),
            short: r(r"\b\d{3,4}\b"),
            passport: r(r"(?i)\b[A-Z]{0,2}\d{6,9}\b"),
            bank: r(r"\b\d{6,17}\b"),
        }
    }

    fn scan(&self, key: &str, value: &str, out: &mut KindSet) {
        let k = key.to_lowercase();
        let digits = |m: &str| m.chars().filter(char::is_ascii_digit).collect::<String>();
        for m in self.card.find_iter(value) {
            if validators::card_number(&digits(m.as_str())) {
                out.insert(PiiKind::CreditCard);
            }
        }
        for m in self.ssn.find_iter(value) {
            if validators::us_ssn(m.as_str()) {
                out.insert(PiiKind::UsSsn);
            }
        }
        for m in self.email.find_iter(value) {
            if validators::email(m.as_str()) {
                out.insert(PiiKind::Email);
            }
        }
        for m in self.phone.find_iter(value) {
            if validators::phone(m.as_str()) {
                out.insert(PiiKind::Phone);
            }
        }
        for m in self.iban.find_iter(value) {
            if validators::iban(m.as_str()) {
                out.insert(PiiKind::Iban);
            }
        }
        for m in self.ipv4.find_iter(value).chain(self.ipv6.find_iter(value)) {
            if validators::public_ip(m.as_str()) {
                out.insert(PiiKind::IpAddress);
            }
        }
        for m in self.nhs.find_iter(value) {
            if k.contains("nhs") && validators::uk_nhs(m.as_str()) {
                out.insert(PiiKind::UkNhs);
            }
        }
        for _ in self.date.find_iter(value) {
            if k.contains("dob") || k.contains("birth") {
                out.insert(PiiKind::DateOfBirth);
            }
        }
        for _ in self.short.find_iter(value) {
            if k.contains("cvv") || k.contains("cvc") {
                out.insert(PiiKind::Cvv);
            }
        }
        for _ in self.passport.find_iter(value) {
            if k.contains("passport") {
                out.insert(PiiKind::Passport);
            }
        }
        for _ in self.bank.find_iter(value) {
            if k.contains("account") || k.contains("acct") {
                out.insert(PiiKind::BankAccount);
            }
        }
    }
}

fn bytes(pairs: &Pairs) -> u64 {
    pairs.iter().map(|(k, v)| (k.len() + v.len()) as u64).sum()
}

fn bench(c: &mut Criterion) {
    let (clean, dense) = datasets();
    assert!(
        !clean.is_empty() && !dense.is_empty(),
        "tests/data/corpus.jsonl is missing or empty"
    );
    let scanner = ContentScanner::default();
    let naive = Naive::new();
    for (name, pairs) in [("clean", &clean), ("dense", &dense)] {
        let mut g = c.benchmark_group(format!("scan/{name}"));
        g.throughput(Throughput::Bytes(bytes(pairs)));
        g.bench_function("engine", |b| {
            b.iter(|| {
                let mut out = KindSet::EMPTY;
                for (k, v) in pairs {
                    scanner.scan_value(black_box(k), black_box(v), &mut out);
                }
                out
            })
        });
        g.bench_function("naive", |b| {
            b.iter(|| {
                let mut out = KindSet::EMPTY;
                for (k, v) in pairs {
                    naive.scan(black_box(k), black_box(v), &mut out);
                }
                out
            })
        });
        g.finish();
    }
    c.bench_function("new/engine", |b| {
        b.iter_batched(
            KindSet::all,
            |kinds| ContentScanner::new(black_box(kinds)),
            BatchSize::SmallInput,
        )
    });
    c.bench_function("new/naive", |b| b.iter(Naive::new));
}

criterion_group!(benches, bench);
criterion_main!(benches);

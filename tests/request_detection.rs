//! Request detection (the agent asking for sensitive data) through the scanner the Lambda uses,
//! on labelled sets of agent utterances in five languages:
//! - `tests/data/requests-dev.jsonl`: the rules were written against it;
//! - `tests/data/requests-heldout.jsonl` (`scripts/gen_request_heldout.py`): written before the
//!   rules; measured once, then its failures were read and three classes fixed as rules
//!   (docs/detection.md gives both figures);
//! - `tests/data/requests-fresh.jsonl`: written after the rules, measured, never used to change
//!   them (its errors are counted, not shown);
//! - `tests/data/requests-independent.jsonl` (`scripts/gen_requests_independent.py`): 1,174
//!   utterances written by a separate author from the words alone, without the rules or
//!   the other sets, with its own traps (warnings, hand-offs, preambles, masked read-backs), in
//!   two halves by id: the failures of the odd ids were read to find classes of failure, fixed
//!   as general rules (grammar, names per kind and language, speech-to-text without
//!   punctuation, elliptical follow-ups, statements about data already given); the even ids are
//!   measured only (errors counted, not shown).
//!
//! Each utterance is a Genesys transcription item on the agent's channel (`INTERNAL`); the same
//! utterance on the customer's channel (`EXTERNAL`) must give no request. Precision and recall
//! per request kind; bars: ≥ 0.95 per kind on the development and held-out sets, ≥ 0.9
//! precision and ≥ 0.8 recall over all kinds on the fresh set. Run with `--nocapture` for the
//! tables.

#[path = "support/scores.rs"]
mod scores;

use pii_pause::config::Config;
use pii_pause::detect::{PiiKind, Scanner};
use scores::{Counts, KindScore};
use serde_json::{json, Value};
use std::collections::{BTreeMap, BTreeSet};

fn scanner() -> Scanner {
    let config = Config::from_lookup(|name| (name == "PII_PAUSE_MODE").then(|| "dry-run".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    Scanner::new(&config.detection)
}

fn transcription(channel: &str, text: &str) -> Value {
    json!({"transcripts": [{"utteranceId": "u-1", "isFinal": true, "channel": channel,
                            "alternatives": [{"confidence": 0.9, "transcript": text}]}]})
}

fn requests(scanner: &Scanner, record: &Value) -> BTreeSet<String> {
    scanner
        .scan(record)
        .findings
        .iter()
        .filter(|f| f.kind.is_request())
        .map(|f| f.kind.as_str().to_string())
        .collect()
}

/// Which lines of a set to measure.
#[derive(Clone, Copy)]
enum Part {
    All,
    /// `id` ends in an odd number: the half that may be read to find classes of failure.
    OddIds,
    /// `id` ends in an even number: the half nobody reads.
    EvenIds,
}

impl Part {
    fn takes(self, case: &Value) -> bool {
        let n = scores::id_number(case);
        match self {
            Part::All => true,
            Part::OddIds => n.is_some_and(|n| n % 2 == 1),
            Part::EvenIds => n.is_some_and(|n| n % 2 == 0),
        }
    }
}

fn evaluate(file: &str, part: Part) -> (BTreeMap<String, Counts>, Vec<String>) {
    let path = format!("{}/tests/data/{file}", env!("CARGO_MANIFEST_DIR"));
    let data = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("read {path}: {e}"));
    let scanner = scanner();
    let mut counts: BTreeMap<String, Counts> = PiiKind::REQUESTS
        .iter()
        .map(|k| (k.as_str().to_string(), Counts::default()))
        .collect();
    let mut errors = Vec::new();
    for line in data.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("a JSON line");
        if !part.takes(&case) {
            continue;
        }
        let text = case["text"].as_str().unwrap_or_default();
        // `kinds` in the sets written with the rules, `expected` in the independent one.
        let want: BTreeSet<String> = case
            .get("kinds")
            .or_else(|| case.get("expected"))
            .and_then(Value::as_array)
            .into_iter()
            .flatten()
            .filter_map(|k| k.as_str().map(String::from))
            .collect();
        let got = requests(&scanner, &transcription("INTERNAL", text));
        for (kind, c) in counts.iter_mut() {
            match (want.contains(kind), got.contains(kind)) {
                (true, true) => c.tp += 1,
                (false, true) => c.fp += 1,
                (true, false) => c.fn_ += 1,
                _ => {}
            }
        }
        if want != got {
            errors.push(format!("{text:?}: want {want:?}, got {got:?}"));
        }
        let customer = requests(&scanner, &transcription("EXTERNAL", text));
        assert!(
            customer.is_empty(),
            "the customer's utterance {text:?} gave {customer:?}"
        );
    }
    (counts, errors)
}

/// Prints the table; returns per kind and overall (precision, recall).
fn report(name: &str, file: &str, part: Part, show_errors: bool) -> (Vec<KindScore>, (f64, f64)) {
    let (counts, errors) = evaluate(file, part);
    println!("\n== {name} ({file})");
    let (per_kind, overall) = scores::table(counts, 24);
    if show_errors {
        for e in &errors {
            println!("  {e}");
        }
    } else {
        println!("  ({} utterances wrong, not shown)", errors.len());
    }
    (per_kind, overall)
}

/// Every request kind at ≥ 0.95 precision and recall.
fn assert_per_kind_bars(name: &str, per_kind: &[KindScore]) {
    let failures: Vec<String> = per_kind
        .iter()
        .filter(|(_, p, r)| *p < 0.95 || *r < 0.95)
        .map(|(k, p, r)| format!("{k}: precision {p:.4} recall {r:.4}"))
        .collect();
    assert!(failures.is_empty(), "{name}: below the bar: {failures:#?}");
}

#[test]
fn requests_on_the_development_set() {
    let (per_kind, _) = report("development set", "requests-dev.jsonl", Part::All, true);
    assert_per_kind_bars("development set", &per_kind);
}

#[test]
fn requests_on_the_heldout_set() {
    let (per_kind, _) = report("held-out set", "requests-heldout.jsonl", Part::All, true);
    assert_per_kind_bars("held-out set", &per_kind);
}

/// Too few utterances per kind for a per-kind bar (one to six): the bar is on all kinds
/// together, and lower, as the set was never used to change the rules.
#[test]
fn requests_on_the_fresh_set() {
    let (_, (p, r)) = report("fresh set", "requests-fresh.jsonl", Part::All, false);
    assert!(
        p >= 0.9 && r >= 0.8,
        "fresh set: precision {p:.4} recall {r:.4}"
    );
}

/// The independent set in two halves by id: the odd half may be read to find classes of failure
/// (and fix them as rules), the even half is never read. The bars are regression floors just
/// under the figures measured when they were set (odd ids: precision 1.0000, recall 0.9832;
/// even ids: precision 0.9778, recall 0.9249), so that a change that loses ground fails; they
/// are not targets.
#[test]
fn requests_on_the_independent_set() {
    for (name, part, floor) in [
        (
            "independent set, odd ids (read)",
            Part::OddIds,
            (0.99, 0.98),
        ),
        (
            "independent set, even ids (never read)",
            Part::EvenIds,
            (0.97, 0.92),
        ),
    ] {
        let (_, (p, r)) = report(name, "requests-independent.jsonl", part, false);
        assert!(
            p >= floor.0 && r >= floor.1,
            "{name}: precision {p:.4} recall {r:.4}"
        );
    }
}

#[test]
fn requests_in_conversation_turns_count_for_the_agent_only() {
    let scanner = scanner();
    let notes = json!({"wrapUpNotes": "Agent: can I take the long number on your card? | Customer: sure, what's your PIN? | Agent: and the expiry date?"});
    let got = requests(&scanner, &notes);
    assert_eq!(
        got,
        BTreeSet::from(["REQUEST_CARD_EXPIRY".into(), "REQUEST_CREDIT_CARD".into()])
    );
    let result = scanner.scan(&notes);
    assert!(!result.pii(), "a request is not PII");
    assert!(result.redact_fields().is_empty(), "a request holds no PII");
    assert_eq!(result.requests().count(), 2);
}

#[test]
fn request_kinds_are_configured_like_any_kind() {
    let lookup = |vars: &'static [(&'static str, &'static str)]| {
        move |name: &str| {
            vars.iter()
                .find(|(k, _)| *k == name)
                .map(|(_, v)| v.to_string())
                .or_else(|| (name == "PII_PAUSE_MODE").then(|| "dry-run".into()))
        }
    };
    let record = transcription("INTERNAL", "Can I have your card number and your PIN?");
    let off = Config::from_lookup(lookup(&[("PII_DISABLED_KINDS", "REQUEST_*")]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert!(requests(&Scanner::new(&off.detection), &record).is_empty());
    let one = Config::from_lookup(lookup(&[("PII_DISABLED_KINDS", "REQUEST_PIN")]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        requests(&Scanner::new(&one.detection), &record),
        BTreeSet::from(["REQUEST_CREDIT_CARD".into()])
    );
    let only = Config::from_lookup(lookup(&[("PII_KINDS", "CREDIT_CARD,REQUEST_*")]))
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(requests(&Scanner::new(&only.detection), &record).len(), 2);
}

/// A Genesys transcription event with the agent asking for the card number, through the Lambda
/// (dry-run handler): the request is a finding of the conversation, and no PII yet.
#[tokio::test]
async fn an_agent_request_in_a_transcription_event_through_the_lambda() {
    use pii_pause::app::{App, Invoke};
    use pii_pause::metrics::MetricsSink;
    use pii_pause::platform::Platforms;
    let path = format!(
        "{}/events/genesys-transcription.json",
        env!("CARGO_MANIFEST_DIR")
    );
    let mut event: Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap_or_default())
            .unwrap_or_else(|e| panic!("{path}: {e}"));
    event["detail"]["eventBody"]["transcripts"][0]["channel"] = json!("INTERNAL");
    event["detail"]["eventBody"]["transcripts"][0]["alternatives"][0]["transcript"] =
        json!("thanks, can I take the long number on your card?");
    let config = Config::from_lookup(|name| (name == "PII_PAUSE_MODE").then(|| "dry-run".into()))
        .unwrap_or_else(|e| panic!("{e}"));
    let platforms = Platforms::offline(&config.platforms);
    let app = App::new(config, platforms, MetricsSink::Off);
    let invoke = Invoke {
        request_id: "request".into(),
        deadline_ms: 0,
    };
    let answer = app
        .handle(&event, &invoke)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let findings = &answer["results"][0]["findings"];
    assert_eq!(
        findings,
        &json!([{"kind": "REQUEST_CREDIT_CARD", "field": "transcripts[0].alternatives[0].transcript"}]),
        "{answer}"
    );
}

//! Cross-checks the public validators against independent implementations: runs
//! `scripts/crosscheck.py` (python-stdnum, phonenumbers, faker; seeded) and compares verdicts
//! on every value it emits.
//!
//! The Python is `$PII_PAUSE_PYTHON`, or `.venv/bin/python` in the crate root. If it is
//! missing the test fails and says how to install it.

use pii_pause::detect::content::validators;
use serde_json::Value;
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::Command;

/// Lowest agreement accepted per check: the validators follow the oracles' rules exactly (phone
/// validity runs libphonenumber's own steps over its own metadata), so every case must agree.
fn bar(_check: &str) -> f64 {
    1.0
}

fn python() -> PathBuf {
    match std::env::var_os("PII_PAUSE_PYTHON") {
        Some(p) => PathBuf::from(p),
        None => PathBuf::from(env!("CARGO_MANIFEST_DIR")).join(".venv/bin/python"),
    }
}

#[test]
fn validators_agree_with_stdnum_and_phonenumbers() {
    let py = python();
    let script = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("scripts/crosscheck.py");
    let output = Command::new(&py).arg(&script).output().unwrap_or_else(|e| {
        panic!(
            "cannot run the cross-check oracle with {} ({e}).\n\
             Install it: python3 -m venv .venv && .venv/bin/pip install -r scripts/requirements-detect.txt\n\
             or set PII_PAUSE_PYTHON to a Python that has those packages.",
            py.display()
        )
    });
    assert!(
        output.status.success(),
        "{} {} failed: {}\nInstall the oracles: .venv/bin/pip install -r scripts/requirements-detect.txt",
        py.display(),
        script.display(),
        String::from_utf8_lossy(&output.stderr)
    );
    let stdout = String::from_utf8_lossy(&output.stdout);
    let mut tally: BTreeMap<String, (u64, u64, u64)> = BTreeMap::new(); // (agree, total, valid)
    let mut disagreements: Vec<String> = Vec::new();
    for line in stdout.lines().filter(|l| !l.trim().is_empty()) {
        let case: Value = serde_json::from_str(line).expect("oracle line is JSON");
        let check = case["check"].as_str().unwrap_or_default().to_string();
        let value = case["value"].as_str().unwrap_or_default();
        let want = case["valid"].as_bool().unwrap_or_default();
        let got = match check.as_str() {
            "luhn" => validators::luhn(value),
            "card" => validators::card_number(value),
            "us_ssn" => validators::us_ssn(value),
            "iban" => validators::iban(value),
            "uk_nhs" => validators::uk_nhs(value),
            "phone_e164" => validators::phone_e164(value),
            "nanp_phone" => validators::nanp_phone(value),
            "uk_phone" => validators::uk_phone(value),
            "national_phone" => {
                validators::national_phone(value, case["region"].as_str().unwrap_or_default())
            }
            other => panic!("unknown check {other}"),
        };
        let t = tally.entry(check.clone()).or_default();
        t.1 += 1;
        t.2 += u64::from(want);
        if got == want {
            t.0 += 1;
        } else {
            let region = case["region"].as_str().unwrap_or_default();
            disagreements.push(format!(
                "{check} {region} {value:?}: oracle {want}, rust {got}"
            ));
        }
    }
    println!(
        "{:<12} {:>7} {:>7} {:>7} {:>9}",
        "check", "cases", "valid", "agree", "rate"
    );
    let mut failures = Vec::new();
    for (check, (agree, total, valid)) in &tally {
        let rate = *agree as f64 / *total as f64;
        println!("{check:<12} {total:>7} {valid:>7} {agree:>7} {rate:>9.4}");
        if rate < bar(check) {
            failures.push(format!("{check}: {rate:.4} < {}", bar(check)));
        }
    }
    for d in disagreements.iter().take(40) {
        println!("  {d}");
    }
    assert!(
        tally.values().map(|t| t.1).sum::<u64>() > 10_000,
        "too few oracle cases"
    );
    assert!(
        failures.is_empty(),
        "validators disagree with the oracles: {failures:?}"
    );
}

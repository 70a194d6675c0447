//! Every example of the detection issue, through the Lambda (the handler, dry-run, on a direct
//! invocation) and through `pii-pause scan` (the same records as JSON Lines): each is found, or,
//! for the false alarms, not found. Also a custom detector from docs/detection.md end to end.

mod cli_run;
#[path = "../../../tests/support/mod.rs"]
mod support;

use pii_pause::app::{App, Invoke};
use pii_pause::metrics::MetricsSink;
use pii_pause::platform::Platforms;
use serde_json::{json, Value};
use std::collections::BTreeSet;

/// (conversation id, where the value sits, the value, the kind expected or `None`).
fn examples() -> Vec<(
    &'static str,
    &'static str,
    &'static str,
    Option<&'static str>,
)> {
    vec![
        // IVR, flow context and queue namespaces are scanned.
        ("ivr-card", "ivr.CardNumber", "4539 1488 0343 6467", Some("CREDIT_CARD")),
        ("ivr-ssn", "ivr.CollectedSSN", "536-22-1234", Some("US_SSN")),
        ("ivr-dob", "ivr.CallerDOB", "1980-02-01", Some("DATE_OF_BIRTH")),
        ("ctx-email", "context.customerEmail", "jane.doe@example.com", Some("EMAIL")),
        ("queue-callback", "Queue.CallbackNumber", "+1 212 555 0123", Some("PHONE")),
        // A date or time after "call"/"callback" is not a phone number.
        ("callback-date", "wrapUpNotes", "Callback scheduled for 2027-12-01 09:00.", None),
        ("call-transferred", "wrapUpNotes", "Call transferred at 2026-11-30 14:30", None),
        // National phone formats under a phone key.
        ("au-mobile", "phone", "0412 345 678", Some("PHONE")),
        ("de-munich", "phone", "089 12345678", Some("PHONE")),
        ("fr-paris", "phone", "01 42 68 53 00", Some("PHONE")),
        ("mx-cdmx", "phone", "55 8206 3657", Some("PHONE")),
        // Card expiry in a sentence.
        ("exp-month-name", "wrapUpNotes", "Card expires Dec 2027, customer will renew.", Some("CARD_EXPIRY")),
        ("exp-iso", "wrapUpNotes", "The expiry date is 2027-12.", Some("CARD_EXPIRY")),
        ("exp-long-year", "wrapUpNotes", "Card valid thru 07/2033 per the customer.", Some("CARD_EXPIRY")),
        // Passport numbers of other formats.
        ("passport-de", "passport", "C01X00T47", Some("PASSPORT")),
        // SSN with spaces or no separators under social/taxId, and across turns.
        ("ssn-social", "social", "536 22 1234", Some("US_SSN")),
        ("ssn-taxid", "taxId", "536221234", Some("US_SSN")),
        (
            "ssn-turns",
            "wrapUpNotes",
            "Agent: Can I have your social security number please? | Customer: Sure, it's 536 22 1234.",
            Some("US_SSN"),
        ),
        // Cards in free text without the word "card"; identifier words veto.
        ("card-declined", "wrapUpNotes", "Payment declined for 4539148803436467, customer will retry.", Some("CREDIT_CARD")),
        ("card-digits", "wrapUpNotes", "Customer said: here are the digits 4539148803436467.", Some("CREDIT_CARD")),
        ("card-read-back", "wrapUpNotes", "Agent read back 4539 1488 0343 6467 and the caller confirmed.", Some("CREDIT_CARD")),
        ("order-veto", "wrapUpNotes", "Order 4539148803436467 shipped, tracking 1Z999AA10123456784.", None),
        // Key names in other languages.
        ("key-de-phone", "telefon", "089 12345678", Some("PHONE")),
        ("key-de-dob", "geburtsdatum", "14.03.1985", Some("DATE_OF_BIRTH")),
        ("key-es-phone", "teléfono", "55 8206 3657", Some("PHONE")),
        ("key-fr-dob", "date_de_naissance", "14/03/1985", Some("DATE_OF_BIRTH")),
    ]
}

/// The record of an example: attributes, or wrap-up notes.
fn record(id: &str, key: &str, value: &str) -> Value {
    if key == "wrapUpNotes" {
        json!({"conversationId": id, "participants": [{"purpose": "customer", "attributes": {}}], "wrapUpNotes": value})
    } else {
        json!({"conversationId": id, "participants": [{"purpose": "customer", "attributes": {key: value}}]})
    }
}

/// kinds by conversation id, from lines of `{"conversationId", "findings"}`.
fn kinds_by_id<'a>(results: impl Iterator<Item = &'a Value>) -> Vec<(String, BTreeSet<String>)> {
    results
        .map(|r| {
            let id = r["conversationId"].as_str().unwrap_or_default().to_string();
            // The agent's requests (REQUEST_*) are the pre-emptive pause's findings, tested in
            // tests/request_detection.rs; these examples are about PII.
            let kinds = r["findings"]
                .as_array()
                .into_iter()
                .flatten()
                .filter_map(|f| f["kind"].as_str().map(String::from))
                .filter(|k| !k.starts_with("REQUEST_"))
                .collect();
            (id, kinds)
        })
        .collect()
}

fn check(found: &[(String, BTreeSet<String>)], through: &str) {
    let mut wrong = Vec::new();
    for (id, key, value, want) in examples() {
        let got = found
            .iter()
            .find(|(i, _)| i == id)
            .map(|(_, k)| k.clone())
            .unwrap_or_else(|| panic!("{through}: no result for {id}"));
        let ok = match want {
            Some(kind) => got.len() == 1 && got.contains(kind),
            None => got.is_empty(),
        };
        if !ok {
            wrong.push(format!(
                "{id}: {key} = {value:?}: want {want:?}, got {got:?}"
            ));
        }
    }
    assert!(wrong.is_empty(), "{through}:\n{}", wrong.join("\n"));
}

/// The Lambda's handler in dry-run, with no platform client.
fn dry_run_app(config: pii_pause::config::Config) -> App {
    let platforms = Platforms::offline(&config.platforms);
    App::new(config, platforms, MetricsSink::Off)
}

#[tokio::test]
async fn every_issue_example_through_the_lambda() {
    let app = dry_run_app(support::config(&[("PII_PAUSE_MODE", "dry-run")]));
    let conversations: Vec<Value> = examples()
        .iter()
        .map(|(id, k, v, _)| record(id, k, v))
        .collect();
    let invoke = Invoke {
        request_id: "issue-examples".into(),
        deadline_ms: 0,
    };
    let answer = app
        .handle(&json!({ "conversations": conversations }), &invoke)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let results = answer["results"].as_array().cloned().unwrap_or_default();
    check(&kinds_by_id(results.iter()), "the Lambda");
}

fn scan(args: &[&str], input: &str, env: &[(&str, &str)]) -> (i32, Vec<Value>, String) {
    cli_run::run("scan", args, Some(input), env)
}

#[test]
fn every_issue_example_through_scan() {
    let input: String = examples()
        .iter()
        .map(|(id, k, v, _)| format!("{}\n", record(id, k, v)))
        .collect();
    let (code, lines, stderr) = scan(&[], &input, &[]);
    assert_eq!(code, 0, "{stderr}");
    check(&kinds_by_id(lines.iter()), "scan");
    assert!(stderr.contains("conversations"), "{stderr}");
}

/// The custom detector example of docs/detection.md, through the Lambda and `scan`.
#[tokio::test]
async fn the_documented_custom_detector_works_end_to_end() {
    let detectors = r#"[
      {"name": "MEMBER_ID", "regex": "\\bMBR-[0-9]{8}\\b", "keywords": ["member", "loyalty"],
       "maximumMatchDistance": 30, "ignoreWords": ["MBR-00000000"]},
      {"name": "POLICY_NUMBER", "regex": "\\bPOL[0-9]{9}\\b", "validator": "luhn"}
    ]"#;
    let records = [
        json!({"conversationId": "m1", "participants": [{"attributes": {"loyaltyMemberId": "MBR-12345678"}}]}),
        json!({"conversationId": "m2", "wrapUpNotes": "member number MBR-87654321 confirmed"}),
        json!({"conversationId": "m3", "wrapUpNotes": "test account MBR-00000000 only, member"}),
        json!({"conversationId": "p1", "wrapUpNotes": "policy POL000000018 renewed"}),
        json!({"conversationId": "p2", "wrapUpNotes": "policy POL000000019 renewed"}),
    ];
    let want = [
        ("m1", vec!["MEMBER_ID"]),
        ("m2", vec!["MEMBER_ID"]),
        ("m3", vec![]),
        ("p1", vec!["POLICY_NUMBER"]),
        ("p2", vec![]),
    ];
    let expect = |found: &[(String, BTreeSet<String>)], through: &str| {
        for (id, kinds) in &want {
            let got: Vec<&str> = found
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, k)| k.iter().map(String::as_str).collect())
                .unwrap_or_default();
            assert_eq!(&got, kinds, "{through}: {id}");
        }
    };

    let app = dry_run_app(support::config(&[
        ("PII_PAUSE_MODE", "dry-run"),
        ("PII_CUSTOM_DETECTORS", detectors),
    ]));
    let invoke = Invoke {
        request_id: "custom".into(),
        deadline_ms: 0,
    };
    let answer = app
        .handle(&json!({ "conversations": records }), &invoke)
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let results = answer["results"].as_array().cloned().unwrap_or_default();
    expect(&kinds_by_id(results.iter()), "the Lambda");

    let path = std::env::temp_dir().join(format!("pii-pause-custom-{}.json", std::process::id()));
    std::fs::write(&path, detectors).unwrap_or_else(|e| panic!("{e}"));
    let input: String = records.iter().map(|r| format!("{r}\n")).collect();
    let value = format!("file:{}", path.display());
    let (code, lines, stderr) = scan(&[], &input, &[("PII_CUSTOM_DETECTORS", value.as_str())]);
    let _ = std::fs::remove_file(&path);
    assert_eq!(code, 0, "{stderr}");
    expect(&kinds_by_id(lines.iter()), "scan");
    assert!(stderr.contains("MEMBER_ID 2"), "{stderr}");

    let (code, _, stderr) = scan(
        &[],
        &input,
        &[(
            "PII_CUSTOM_DETECTORS",
            r#"[{"name": "BAD", "regex": "(?<=x)1"}]"#,
        )],
    );
    assert_eq!(code, 1);
    assert!(
        stderr.contains("PII_CUSTOM_DETECTORS: detector 1 (`BAD`): `regex` does not compile"),
        "{stderr}"
    );
}

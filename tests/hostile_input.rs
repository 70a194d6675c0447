//! Hostile input: a seeded property harness (stable Rust) over the event decoder, the scanner and the whole
//! handler in dry-run: arbitrary JSON, mutated real events, deep nesting, huge strings, many attributes,
//! broken SQS bodies. Nothing may panic, and bounds must hold. `PII_PAUSE_FUZZ_CASES` sets the number of
//! generated cases (default 2,000; the README documents a longer run).

mod support;

use pii_pause::app::{App, Invoke};
use pii_pause::detect::Scanner;
use pii_pause::intake;
use pii_pause::metrics::MetricsSink;
use pii_pause::platform::Platforms;
use serde_json::{json, Map, Value};

fn cases() -> usize {
    std::env::var("PII_PAUSE_FUZZ_CASES")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(2_000)
}

fn dry_run_app() -> App {
    let config = support::config(&[("PII_PAUSE_MODE", "dry-run")]);
    let platforms = Platforms::offline(&config.platforms);
    App::new(config, platforms, MetricsSink::Off)
}

const PIECES: [&str; 16] = [
    "4111 1111 1111 1111",
    "jane@example.com",
    "+1 (212) 555-0123",
    "219-09-9999",
    "GB82 WEST 1234 5698 7654 32",
    "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e",
    "1730815407123",
    "sip:+18005550100@10.20.30.40",
    "10.2.14.3",
    "\u{0}\u{fffd}\u{202e}",
    "😀😀",
    "true",
    "",
    "    ",
    "\\",
    "{\"nested\": [1,2,3]}",
];

const KEYS: [&str; 12] = [
    "conversationId",
    "participants",
    "attributes",
    "PII_Detected",
    "cardNumber",
    "mediaType",
    "conversations",
    "detail",
    "eventBody",
    "Records",
    "body",
    "x",
];

fn random_string(rng: &mut fastrand::Rng) -> String {
    match rng.u8(0..4) {
        0 => PIECES[rng.usize(..PIECES.len())].to_string(),
        1 => (0..rng.usize(0..40)).map(|_| rng.char(..)).collect(),
        2 => (0..rng.usize(0..60))
            .map(|_| char::from(rng.u8(32..127)))
            .collect(),
        _ => {
            let mut s = String::new();
            for _ in 0..rng.usize(1..5) {
                s.push_str(PIECES[rng.usize(..PIECES.len())]);
                s.push(' ');
            }
            s
        }
    }
}

fn random_value(rng: &mut fastrand::Rng, depth: usize) -> Value {
    let leaf = depth > 6 || rng.u8(0..3) == 0;
    match if leaf { rng.u8(0..4) } else { rng.u8(0..6) } {
        0 => Value::Null,
        1 => json!(rng.bool()),
        2 => match rng.u8(0..3) {
            0 => json!(rng.i64(..)),
            1 => json!(rng.u64(..)),
            _ => json!(rng.f64() * 1e20),
        },
        3 => Value::String(random_string(rng)),
        4 => Value::Array(
            (0..rng.usize(0..5))
                .map(|_| random_value(rng, depth + 1))
                .collect(),
        ),
        _ => {
            let mut map = Map::new();
            for _ in 0..rng.usize(0..6) {
                let key = if rng.bool() {
                    KEYS[rng.usize(..KEYS.len())].to_string()
                } else {
                    random_string(rng)
                };
                map.insert(key, random_value(rng, depth + 1));
            }
            Value::Object(map)
        }
    }
}

/// Replaces a random node of a real event with a random value.
fn mutate(rng: &mut fastrand::Rng, value: &mut Value) {
    match value {
        Value::Object(map) if !map.is_empty() && rng.u8(0..4) != 0 => {
            let keys: Vec<String> = map.keys().cloned().collect();
            let key = &keys[rng.usize(..keys.len())];
            match rng.u8(0..4) {
                0 => {
                    map.remove(key);
                }
                _ => {
                    if let Some(v) = map.get_mut(key) {
                        mutate(rng, v);
                    }
                }
            }
        }
        Value::Array(items) if !items.is_empty() && rng.u8(0..4) != 0 => {
            let i = rng.usize(..items.len());
            mutate(rng, &mut items[i]);
        }
        other => *other = random_value(rng, 3),
    }
}

fn sample_events() -> Vec<Value> {
    let dir = support::repo().join("events");
    let mut events: Vec<Value> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| std::fs::read_to_string(e.path()).ok())
        .filter_map(|t| serde_json::from_str(&t).ok())
        .collect();
    events.sort_by_key(|v| v.to_string());
    assert!(events.len() >= 5, "events/ should hold the sample events");
    events
}

#[tokio::test]
async fn random_and_mutated_payloads_never_panic() {
    let app = dry_run_app();
    let config = support::config(&[("PII_PAUSE_MODE", "dry-run")]);
    let scanner = Scanner::new(&config.detection);
    let events = sample_events();
    let mut rng = fastrand::Rng::with_seed(0x5eed_f00d_9a05);
    let invoke = Invoke {
        request_id: "fuzz".into(),
        deadline_ms: 0,
    };
    let (mut accepted, mut rejected) = (0usize, 0usize);
    for i in 0..cases() {
        let payload = if i % 2 == 0 {
            random_value(&mut rng, 0)
        } else {
            let mut e = events[rng.usize(..events.len())].clone();
            for _ in 0..rng.usize(1..4) {
                mutate(&mut rng, &mut e);
            }
            e
        };
        let _ = scanner.scan(&payload);
        let _ = intake::decode(&payload, &config.runtime, &app.platforms);
        match app.handle(&payload, &invoke).await {
            Ok(mut answer) => {
                accepted += 1;
                // The caller's own conversationId is echoed so it can correlate; nothing else may carry a value.
                for r in answer["results"].as_array_mut().into_iter().flatten() {
                    r["conversationId"] = Value::Null;
                }
                let text = answer.to_string();
                assert!(
                    !text.contains("4111 1111 1111 1111") && !text.contains("jane@example.com"),
                    "a value reached an answer: {text}"
                );
            }
            Err(e) => {
                rejected += 1;
                assert!(!e.to_string().is_empty());
            }
        }
    }
    eprintln!(
        "hostile input: {} cases, {accepted} answered, {rejected} rejected with an error",
        cases()
    );
    assert!(
        accepted > 0 && rejected > 0,
        "the generator should produce both shapes"
    );
}

#[tokio::test]
async fn sqs_bodies_that_are_not_json_or_hold_broken_unicode_fail_alone() {
    let app = dry_run_app();
    let good = json!({"conversationId": "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e"}).to_string();
    let bodies = [
        "\u{fffd}\u{fffd}{",
        "{\"conversationId\": \"\\ud800\"}",
        "",
        "null",
        "[]",
        "{\"Records\": []}",
    ];
    let mut records = vec![json!({"messageId": "good", "eventSource": "aws:sqs", "body": good})];
    for (i, b) in bodies.iter().enumerate() {
        records.push(json!({"messageId": format!("bad-{i}"), "eventSource": "aws:sqs", "body": b}));
    }
    let answer = app
        .handle(&json!({ "Records": records }), &Invoke::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let failed: Vec<&str> = answer["batchItemFailures"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|f| f["itemIdentifier"].as_str())
        .collect();
    assert_eq!(failed.len(), bodies.len());
    assert!(!failed.contains(&"good"));
}

#[tokio::test]
async fn huge_values_and_many_attributes_are_bounded() {
    let app = dry_run_app();
    let huge = "a".repeat(4 * 1024 * 1024) + " 4111 1111 1111 1111";
    let mut attributes = Map::new();
    for i in 0..120_000 {
        attributes.insert(format!("k{i}"), json!("v"));
    }
    let payload = json!({"conversations": [
        {"conversationId": "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e", "wrapUpNotes": huge},
        {"conversationId": "6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6", "participants": [{"attributes": attributes}]}
    ]});
    let answer = app
        .handle(&payload, &Invoke::default())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let too_many = &answer["results"][1];
    assert_eq!(
        too_many["export"], "hold",
        "an unscanned value must hold the export: {too_many}"
    );
    assert_eq!(too_many["error"]["code"], "scan.incomplete");
}

#[tokio::test]
async fn deeply_nested_json_is_refused_by_the_parser_or_bounded_by_the_scanner() {
    let deep = "[".repeat(100_000) + &"]".repeat(100_000);
    assert!(
        serde_json::from_str::<Value>(&deep).is_err(),
        "serde_json's recursion limit refuses it"
    );
    let mut v = json!("x");
    for _ in 0..120 {
        v = json!({ "a": v });
    }
    let app = dry_run_app();
    let answer = app
        .handle(
            &json!({"conversationId": "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e", "deep": v}),
            &Invoke::default(),
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(answer["results"][0]["export"], "hold");
}

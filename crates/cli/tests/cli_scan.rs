//! `pii-pause scan`: offline, one JSON line per conversation, from a file or standard input; one event, one
//! record, JSON Lines or a JSON array; bad lines reported with their number and exit code 2; parity with the
//! Lambda (a record not fully scanned is said to be so, exit 2; empty input warns, exit 2); `--fail-on-findings`
//! exits 3; a summary on standard error; input order kept across worker threads. `pii-pause invoke` takes the
//! same input: one invocation per JSON line, one answer per line.

mod cli_run;
#[path = "../../../tests/support/mod.rs"]
mod support;

use cli_run::run;

use serde_json::Value;
use std::process::Command;

fn scan(args: &[&str], stdin: Option<&str>, env: &[(&str, &str)]) -> (i32, Vec<Value>, String) {
    run("scan", args, stdin, env)
}

#[test]
fn json_lines_in_one_line_out_per_conversation_and_bad_lines_named() {
    let input = [
        r#"{"conversationId":"c-1","participants":[{"attributes":{"PII_Detected":"true","queue":"Billing"}}]}"#,
        "this is not json",
        "",
        r#"{"conversationId":"c-2","participants":[{"attributes":{"queue":"Billing"}}]}"#,
        r#"{"hello":"world"}"#,
    ]
    .join("\n");
    let (code, lines, stderr) = scan(&[], Some(&input), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(lines.len(), 2);
    assert_eq!(
        lines[0],
        serde_json::json!({"conversationId": "c-1", "findings": [{"kind": "FLAG", "field": "participants[0].attributes.PII_Detected"}]})
    );
    assert_eq!(
        lines[1],
        serde_json::json!({"conversationId": "c-2", "findings": []})
    );
    assert!(stderr.contains("line 2: not JSON"), "{stderr}");
    assert!(
        stderr.contains("line 5: the payload is not a JSON object of a known shape"),
        "{stderr}"
    );
}

#[test]
fn a_pretty_printed_event_file_and_custom_flag_keys() {
    let path = support::repo().join("events/genesys-attributes-pii-flag.json");
    let path = path.to_string_lossy().into_owned();
    let (code, lines, stderr) = scan(&[&path], None, &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 1);
    assert_eq!(
        lines[0]["conversationId"],
        "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e"
    );
    assert_eq!(lines[0]["findings"][0]["field"], "attributes.PII_Detected");

    let (_, lines, _) = scan(&[&path], None, &[("PII_FLAG_KEYS", "SomethingElse")]);
    assert_eq!(lines[0]["findings"], serde_json::json!([]));
}

#[test]
fn a_batch_and_an_sqs_event_from_standard_input() {
    let batch = std::fs::read_to_string(support::repo().join("events/direct-batch.json"))
        .unwrap_or_default();
    let (code, lines, _) = scan(&["-"], Some(&batch), &[]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 4);
    let sqs =
        std::fs::read_to_string(support::repo().join("events/sqs-batch.json")).unwrap_or_default();
    let (code, lines, _) = scan(&[], Some(&sqs), &[]);
    assert_eq!(code, 0);
    assert_eq!(lines.len(), 3);
    let (code, _, stderr) = scan(&["/no/such/file"], None, &[]);
    assert_eq!(code, 1);
    assert!(stderr.contains("cannot open /no/such/file"), "{stderr}");
}

#[test]
fn invoke_takes_json_lines_like_scan_one_answer_per_line() {
    let flagged = support::flagged(support::CONVERSATION).to_string();
    let clean = support::clean("6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6").to_string();
    let input = format!("{flagged}\n{{oops\n\n{clean}\n{{\"hello\": 1}}\n");
    let dry_run = [("PII_PAUSE_MODE", "dry-run")];
    let (code, lines, stderr) = run("invoke", &["-"], Some(&input), &dry_run);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(lines.len(), 2, "{stderr}");
    assert_eq!(lines[0]["results"][0]["action"], "dry_run", "{}", lines[0]);
    assert_eq!(lines[0]["results"][0]["findings"][0]["kind"], "FLAG");
    assert_eq!(lines[1]["results"][0]["action"], "none", "{}", lines[1]);
    assert!(stderr.contains("line 2: not JSON"), "{stderr}");
    assert!(stderr.contains("line 5: InvalidEvent"), "{stderr}");

    // One event file: the answer pretty-printed, exit code 0.
    let path = support::repo().join("events/direct-batch.json");
    let out = Command::new(env!("CARGO_BIN_EXE_pii-pause"))
        .args(["invoke", &path.to_string_lossy()])
        .env_clear()
        .envs(dry_run)
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    let answer: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&out.stdout)));
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(answer["summary"]["conversations"], 4, "{answer}");
}

#[test]
fn parity_with_the_lambda_incomplete_and_empty_inputs_are_not_clean() {
    // Nesting deeper than the scanner walks: the Lambda holds such a record.
    let mut deep = serde_json::json!("x");
    for _ in 0..70 {
        deep = serde_json::json!({ "n": deep });
    }
    let record = serde_json::json!({"conversationId": "deep-1", "participants": [{"attributes": {}}], "extra": deep});
    let (code, lines, stderr) = scan(&[], Some(&record.to_string()), &[]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(lines[0]["conversationId"], "deep-1");
    assert!(
        lines[0]["incomplete"]
            .as_str()
            .is_some_and(|m| m.contains("nesting deeper than 64")),
        "{}",
        lines[0]
    );
    assert!(stderr.contains("1 not fully scanned"), "{stderr}");

    for empty in ["", "  \n\n "] {
        let (code, lines, stderr) = scan(&[], Some(empty), &[]);
        assert_eq!(code, 2, "{stderr}");
        assert!(lines.is_empty());
        assert!(
            stderr.contains("warning: the input is empty; nothing was scanned"),
            "{stderr}"
        );
    }
}

#[test]
fn a_json_array_of_records_fail_on_findings_and_the_summary() {
    let input = r#"[
      {"conversationId": "a-1", "participants": [{"attributes": {"email": "jane@example.com"}}]},
      {"conversationId": "a-2", "participants": [{"attributes": {"queue": "Billing"}}]},
      {"conversationId": "a-3", "wrapUpNotes": "card 4111 1111 1111 1111, call me on +44 20 7946 0958"}
    ]"#;
    let (code, lines, stderr) = scan(&[], Some(input), &[]);
    assert_eq!(code, 0, "{stderr}");
    let ids: Vec<&str> = lines
        .iter()
        .filter_map(|l| l["conversationId"].as_str())
        .collect();
    assert_eq!(ids, ["a-1", "a-2", "a-3"]);
    assert_eq!(lines[1]["findings"], serde_json::json!([]));
    assert!(
        stderr.contains(
            "pii-pause scan: 3 conversations, 2 with PII; findings by kind: CREDIT_CARD 1, EMAIL 1, PHONE 1; 0 not fully scanned, 0 inputs rejected"
        ),
        "{stderr}"
    );
    let (code, _, _) = scan(&["--fail-on-findings"], Some(input), &[]);
    assert_eq!(code, 3);
    let clean =
        r#"[{"conversationId": "c", "participants": [{"attributes": {"queue": "Billing"}}]}]"#;
    let (code, _, _) = scan(&["--fail-on-findings"], Some(clean), &[]);
    assert_eq!(code, 0);
    let (code, lines, stderr) = scan(&[], Some(r#"[{"conversationId": "ok"}, 42"#), &[]);
    assert_eq!(code, 2);
    assert_eq!(lines.len(), 1);
    assert!(stderr.contains("the JSON array is broken"), "{stderr}");
}

#[test]
fn order_is_kept_across_worker_threads() {
    let input: String = (0..3000)
        .map(|i| {
            let attrs = if i % 7 == 0 {
                serde_json::json!({"email": format!("user{i}@example.com")})
            } else {
                serde_json::json!({"queue": "Billing"})
            };
            format!(
                "{}\n",
                serde_json::json!({"conversationId": format!("c-{i}"), "participants": [{"attributes": attrs}]})
            )
        })
        .collect();
    let (code, lines, stderr) = scan(&["--jobs", "4"], Some(&input), &[]);
    assert_eq!(code, 0, "{stderr}");
    assert_eq!(lines.len(), 3000);
    for (i, line) in lines.iter().enumerate() {
        assert_eq!(line["conversationId"], format!("c-{i}"));
        assert_eq!(
            line["findings"].as_array().map_or(0, Vec::len),
            usize::from(i % 7 == 0)
        );
    }
}

//! `pii-pause ledger` through the real binary against moto: create the table, read an item, list the day's held
//! conversations, release one with who and why; clear errors for what is not there.

#[path = "../../../tests/support/mod.rs"]
mod support;

use pii_pause::http::Deadline;
use pii_pause::ledger::Entry;
use pii_pause::report::Export;
use serde_json::Value;
use std::process::Command;
use std::time::Duration;
use support::*;

fn ledger(moto: &Moto, args: &[&str]) -> (i32, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_pii-pause"))
        .arg("ledger")
        .args(args)
        .env_clear()
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL_DYNAMODB", &moto.url)
        .env("USER", "ops-oncall")
        .output()
        .unwrap_or_else(|e| panic!("{e}"));
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[tokio::test]
async fn create_read_list_and_release() {
    let moto = Moto::start().await;
    let table = format!("pii-pause-cli-{}", fastrand::u32(..));
    let (code, out, err) = ledger(&moto, &["create-table", "--table", &table]);
    assert_eq!(code, 0, "{out}{err}");
    assert!(out.contains("created ledger table"), "{out}");

    let id = "7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b";
    let now = pii_pause::time::now_ms();
    let held = Entry {
        conversation_id: id.into(),
        platform: "genesys".into(),
        export: Export::Hold,
        redact_fields: vec!["participants[0].attributes.ssn".into()],
        pii: true,
        kinds: vec!["US_SSN".into()],
        action: "failed".into(),
        recording_state: None,
        pii_seen_at_ms: Some(now),
        pause_confirmed_at_ms: None,
        delivery_id: Some("evt-1".into()),
        context_id: None,
        decided_at_ms: now,
        expires_at_s: now / 1000 + 86_400,
        recording_until_is_earlier: false,
        pause: pii_pause::ledger::PauseChange::None,
        last_utterance_ms: None,
        pause_preceded_pii: None,
    };
    ledger_on(&moto, &table)
        .record(&held, &Deadline::after(Duration::from_secs(10)))
        .await
        .unwrap_or_else(|e| panic!("{e}"));

    let (code, out, err) = ledger(&moto, &["get", id, "--table", &table]);
    assert_eq!(code, 0, "{err}");
    let item: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(item["export"], "hold");
    assert_eq!(item["kinds"], serde_json::json!(["US_SSN"]));

    let today = pii_pause::time::day_of(now);
    let (code, out, _) = ledger(&moto, &["held", "--day", &today, "--table", &table]);
    assert_eq!(code, 0);
    let listed: Vec<Value> = out
        .lines()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(listed.len(), 1, "{out}");
    assert_eq!(listed[0]["conversationId"], id);

    let (code, _, err) = ledger(&moto, &["release", id, "--table", &table, "--reason", " "]);
    assert_eq!(code, 1);
    assert!(err.contains("needs --reason"), "{err}");
    let (code, out, err) = ledger(
        &moto,
        &[
            "release",
            id,
            "--table",
            &table,
            "--reason",
            "SSN was a test number; reviewed",
        ],
    );
    assert_eq!(code, 0, "{err}");
    let item: Value = serde_json::from_str(&out).unwrap_or_else(|e| panic!("{e}: {out}"));
    assert_eq!(item["export"], "redact");
    assert_eq!(item["releases"][0]["by"], "ops-oncall");
    assert_eq!(
        item["releases"][0]["reason"],
        "SSN was a test number; reviewed"
    );
    let (_, out, _) = ledger(&moto, &["held", "--day", &today, "--table", &table]);
    assert_eq!(out.trim(), "", "released conversations are not listed");

    let (code, _, err) = ledger(
        &moto,
        &[
            "get",
            "00000000-0000-4000-8000-000000000000",
            "--table",
            &table,
        ],
    );
    assert_eq!(code, 1);
    assert!(err.contains("never decided this conversation"), "{err}");
    let (code, _, err) = ledger(&moto, &["held", "--day", "yesterday", "--table", &table]);
    assert_eq!(code, 1);
    assert!(err.contains("use YYYY-MM-DD"), "{err}");
    let (code, _, err) = ledger(&moto, &["get", id, "--table", "no-such-ledger"]);
    assert_eq!(code, 1);
    assert!(err.contains("`no-such-ledger` does not exist"), "{err}");
    let (code, _, err) = ledger(&moto, &["get", id]);
    assert_eq!(code, 1);
    assert!(err.contains("set PII_PAUSE_LEDGER_TABLE"), "{err}");
}

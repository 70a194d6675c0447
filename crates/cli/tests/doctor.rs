//! `pii-pause doctor` against the Genesys emulator: a failing pause-permission check with its fix, then a
//! passing run once the role is granted; wrong credentials and a missing secret explained.

#[path = "../../../tests/support/mod.rs"]
mod support;

use pii_pause::cli::doctor::{diagnose, Status};
use pii_pause::secret::SecretStore;
use pii_pause_emulators::genesys::model::{NO_PAUSE_CLIENT_ID, PAUSE_OTHERS};
use pii_pause_emulators::genesys::RoleGrant;
use serde_json::{json, Value};
use std::process::Command;
use std::time::Duration;
use support::*;

fn status(d: &pii_pause::cli::doctor::Diagnosis, check: &str) -> Status {
    d.checks
        .iter()
        .find(|c| c.check == check)
        .map(|c| c.status)
        .unwrap_or(Status::Skip)
}

#[tokio::test]
async fn missing_pause_permission_fails_with_its_fix_then_passes_once_granted() {
    let emu = genesys().await;
    let config = config(&[
        ("GENESYS_SECRET_ID", "genesys/oauth"),
        ("GENESYS_API_URL", &emu.url()),
    ]);
    let (sm, _) = mock_secrets(&no_pause_secret());
    let platforms = platforms_with_store(
        &config,
        SecretStore::new(sm, "genesys/oauth", Duration::from_secs(300)),
    );

    let before = diagnose(&config, &platforms).await;
    let table = before.table();
    assert!(!before.ok, "{table}");
    for check in ["configuration", "secret", "region", "token", "oauth client"] {
        assert_eq!(status(&before, check), Status::Pass, "{check}: {table}");
    }
    let pause = before
        .checks
        .iter()
        .find(|c| c.check == "pause permission")
        .cloned();
    let pause = pause.unwrap_or_else(|| panic!("{table}"));
    assert_eq!(pause.status, Status::Fail);
    assert!(
        pause
            .detail
            .contains("conversation:recording:pauseOthers is missing"),
        "{table}"
    );
    assert!(
        pause
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("add a role") && f.contains("scopes do not apply")),
        "{table}"
    );
    assert!(table.contains("FAIL  pause permission"), "{table}");
    assert!(table.contains("cannot pause recordings yet"), "{table}");
    // The probe changed nothing and targeted a conversation that cannot exist.
    let probes: Vec<_> = emu
        .state
        .requests()
        .into_iter()
        .filter(|r| r.method == "PUT")
        .collect();
    assert_eq!(probes.len(), 1);
    assert!(probes[0]
        .path
        .contains(pii_pause::platform::genesys::doctor::PROBE_CONVERSATION));

    // The admin grants the role: the same client now passes.
    let mut client = pii_pause_emulators::genesys::OrgSeed::demo()
        .clients
        .remove(1);
    assert_eq!(client.client_id, NO_PAUSE_CLIENT_ID);
    client.roles.push(RoleGrant {
        name: "pii-pause".into(),
        permissions: vec![PAUSE_OTHERS.into()],
        divisions: vec!["*".into()],
    });
    emu.state.put_client(client);
    let after = diagnose(&config, &platforms).await;
    assert!(after.ok, "{}", after.table());
    assert_eq!(status(&after, "pause permission"), Status::Pass);
    assert!(after.table().contains("can pause recordings"));
}

#[tokio::test]
async fn wrong_credentials_are_explained() {
    let emu = genesys().await;
    let config = config(&[
        ("GENESYS_SECRET_ID", "genesys/oauth"),
        ("GENESYS_API_URL", &emu.url()),
    ]);
    let (sm, _) =
        mock_secrets(&json!({"client_id": "someone-else", "client_secret": "x"}).to_string());
    let d = diagnose(
        &config,
        &platforms_with_store(
            &config,
            SecretStore::new(sm, "genesys/oauth", Duration::from_secs(300)),
        ),
    )
    .await;
    assert!(!d.ok);
    let token = d
        .checks
        .iter()
        .find(|c| c.check == "token")
        .cloned()
        .unwrap_or_else(|| panic!("{}", d.table()));
    assert_eq!(token.status, Status::Fail);
    assert!(token.detail.contains("invalid_client"), "{}", d.table());
    assert!(
        token
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("GENESYS_REGION")),
        "{}",
        d.table()
    );
}

/// Runs the CLI on a blocking thread, so the emulator on this test's runtime keeps serving.
async fn doctor_cli(env: &[(&str, &str)]) -> (i32, Value) {
    let env: Vec<(String, String)> = env
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(env!("CARGO_BIN_EXE_pii-pause"))
            .args(["doctor", "--json"])
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .envs(env)
            .output()
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_else(|e| panic!("{e}"));
    let json: Value = serde_json::from_slice(&out.stdout).unwrap_or_else(|e| {
        panic!(
            "doctor --json printed no JSON ({e}): {}",
            String::from_utf8_lossy(&out.stdout)
        )
    });
    (out.status.code().unwrap_or(-1), json)
}

#[tokio::test]
async fn the_cli_checks_a_real_secret_and_exits_by_the_result() {
    let moto = Moto::start().await;
    let emu = genesys().await;
    let good = secret_name("doctor");
    moto.client()
        .create_secret()
        .name(&good)
        .secret_string(demo_secret())
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let url = emu.url();
    let base = [
        ("AWS_REGION", "us-east-1"),
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.url.as_str()),
        ("GENESYS_API_URL", url.as_str()),
    ];
    let mut env = base.to_vec();
    env.push(("GENESYS_SECRET_ID", good.as_str()));
    let (code, json) = doctor_cli(&env).await;
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["ok"], true);

    let mut env = base.to_vec();
    env.push(("GENESYS_SECRET_ID", "no/such/secret"));
    let (code, json) = doctor_cli(&env).await;
    assert_eq!(code, 1, "{json}");
    let secret = json["checks"]
        .as_array()
        .and_then(|c| c.iter().find(|c| c["check"] == "secret"))
        .cloned()
        .unwrap_or_default();
    assert_eq!(secret["status"], "fail", "{json}");
    assert!(
        secret["detail"]
            .as_str()
            .is_some_and(|d| d.contains("was not found")),
        "{json}"
    );

    let (code, json) = doctor_cli(&[("GENESYS_REGION", "mars-1")]).await;
    assert_eq!(code, 1);
    assert!(
        json.to_string()
            .contains("unknown Genesys Cloud region `mars-1`"),
        "{json}"
    );
}

//! `pii-pause doctor` against the Genesys emulator: its verdict is what the configured function will do. A
//! missing pause permission fails with its fix, then passes once the role is granted; a dry-run says it pauses
//! nothing; reading conversations without the permission fails; missing AWS credentials or region, wrong
//! credentials and a missing secret are each explained as what they are.

#[path = "../../../tests/support/mod.rs"]
mod support;

use pii_pause::cli::doctor::{diagnose, Diagnosis, Status, Verdict};
use pii_pause::secret::SecretStore;
use pii_pause_emulators::genesys::model::{NO_PAUSE_CLIENT_ID, PAUSE_OTHERS};
use pii_pause_emulators::genesys::{OAuthClient, RoleGrant};
use serde_json::{json, Value};
use std::process::Command;
use support::*;

const TTL: std::time::Duration = std::time::Duration::from_secs(300);

fn status(d: &Diagnosis, check: &str) -> Status {
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
    let platforms = platforms_with_store(&config, SecretStore::new(sm, "genesys/oauth", TTL));

    let before = diagnose(&config, &platforms, None).await;
    let table = before.table();
    assert!(!before.ok, "{table}");
    for check in ["configuration", "secret", "region", "token", "oauth client"] {
        assert_eq!(status(&before, check), Status::Pass, "{check}: {table}");
    }
    // The client is read from `OAuthClient` of GET /api/v2/tokens/me, as the real API names it.
    assert!(
        table.contains(&format!(
            "`viewer without pauseOthers (demo)` ({NO_PAUSE_CLIENT_ID}) in org `pii-pause emulated org`"
        )),
        "{table}"
    );
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
    assert_eq!(before.verdict, Verdict::Fails);
    assert!(
        table.contains("cannot pause recordings as configured"),
        "{table}"
    );
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
    let after = diagnose(&config, &platforms, None).await;
    assert!(after.ok, "{}", after.table());
    assert_eq!(after.verdict, Verdict::Pauses);
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
        &platforms_with_store(&config, SecretStore::new(sm, "genesys/oauth", TTL)),
        None,
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

fn check<'a>(d: &'a Diagnosis, name: &str) -> &'a pii_pause::cli::doctor::Check {
    d.checks
        .iter()
        .find(|c| c.check == name)
        .unwrap_or_else(|| panic!("no `{name}` check: {}", d.table()))
}

/// A client of the demo org with only the pause permission (the smallest role for attribute topics).
fn pause_only_client(emu: &pii_pause_emulators::genesys::RunningEmulator) -> String {
    emu.state.put_client(OAuthClient {
        client_id: "pause-only".into(),
        client_secret: "pause-only-secret".into(),
        name: "pause only".into(),
        roles: vec![RoleGrant {
            name: "pii-pause".into(),
            permissions: vec![PAUSE_OTHERS.into()],
            divisions: vec!["*".into()],
        }],
        token_lifetime_seconds: 86_400,
    });
    json!({"client_id": "pause-only", "client_secret": "pause-only-secret"}).to_string()
}

#[tokio::test]
async fn dry_run_says_it_pauses_nothing_and_whether_enforce_would_work() {
    let emu = genesys().await;
    let url = emu.url();
    let vars = [
        ("PII_PAUSE_MODE", "dry-run"),
        ("GENESYS_SECRET_ID", "genesys/oauth"),
        ("GENESYS_API_URL", url.as_str()),
    ];
    let config = config(&vars);

    let (sm, _) = mock_secrets(&demo_secret());
    let ready = diagnose(
        &config,
        &platforms_with_store(&config, SecretStore::new(sm, "genesys/oauth", TTL)),
        None,
    )
    .await;
    let table = ready.table();
    assert_eq!(ready.verdict, Verdict::DryRun, "{table}");
    assert!(
        !ready.ok,
        "a dry-run pauses nothing, so it is not ok: {table}"
    );
    assert_eq!(ready.verdict.exit_code(), 2);
    assert!(!table.contains("can pause recordings"), "{table}");
    assert!(table.contains("pauses nothing"), "{table}");
    assert!(table.contains("Everything enforce needs passed"), "{table}");
    assert_eq!(status(&ready, "pause permission"), Status::Pass);

    // Without the pause permission the dry-run still works (it pauses nothing), and says what enforce lacks.
    let (sm, _) = mock_secrets(&no_pause_secret());
    let not_ready = diagnose(
        &config,
        &platforms_with_store(&config, SecretStore::new(sm, "genesys/oauth", TTL)),
        None,
    )
    .await;
    let table = not_ready.table();
    assert_eq!(not_ready.verdict, Verdict::DryRun, "{table}");
    let pause = check(&not_ready, "pause permission");
    assert_eq!(pause.status, Status::Warn, "{table}");
    assert!(
        pause
            .fix
            .as_deref()
            .is_some_and(|f| f.contains("needed before PII_PAUSE_MODE=enforce")),
        "{table}"
    );
    assert!(table.contains("Before enforcing"), "{table}");

    // No secret at all: the CLI exits 2 and says so in JSON too.
    let (code, json) = doctor_cli(&[("PII_PAUSE_MODE", "dry-run")]).await;
    assert_eq!(code, 2, "{json}");
    assert_eq!(json["ok"], false, "{json}");
    assert_eq!(json["verdict"], "dry_run", "{json}");
    assert!(
        json["summary"]
            .as_str()
            .is_some_and(|s| s.contains("pauses nothing")),
        "{json}"
    );
}

#[tokio::test]
async fn reading_conversations_without_the_permission_fails_unless_fetching_is_off() {
    let emu = genesys().await;
    let secret = pause_only_client(&emu);
    let url = emu.url();
    let diagnose_with = |extra: &'static [(&'static str, &'static str)]| {
        let mut vars = vec![
            ("GENESYS_SECRET_ID", "genesys/oauth"),
            ("GENESYS_API_URL", url.as_str()),
        ];
        vars.extend_from_slice(extra);
        let config = config(&vars);
        let (sm, _) = mock_secrets(&secret);
        async move {
            diagnose(
                &config,
                &platforms_with_store(&config, SecretStore::new(sm, "genesys/oauth", TTL)),
                None,
            )
            .await
        }
    };

    // The default reads the conversation of every topic but attributes and transcription.
    let fetching = diagnose_with(&[]).await;
    let table = fetching.table();
    assert_eq!(fetching.verdict, Verdict::Fails, "{table}");
    assert_eq!(
        status(&fetching, "pause permission"),
        Status::Pass,
        "{table}"
    );
    let read = check(&fetching, "conversation read");
    assert_eq!(read.status, Status::Fail, "{table}");
    assert!(
        read.detail
            .contains("conversation:communication:view is missing"),
        "{table}"
    );
    assert!(
        read.fix
            .as_deref()
            .is_some_and(|f| f.contains("GENESYS_FETCH_CONVERSATION=false")),
        "{table}"
    );
    assert!(!table.contains("can pause recordings"), "{table}");

    // The same client is enough when only attribute and transcription events come (nothing is read).
    let attributes_only = diagnose_with(&[("GENESYS_FETCH_CONVERSATION", "false")]).await;
    let table = attributes_only.table();
    assert_eq!(attributes_only.verdict, Verdict::Pauses, "{table}");
    assert_eq!(status(&attributes_only, "conversation read"), Status::Warn);
    assert!(table.contains("can pause recordings"), "{table}");
}

#[tokio::test]
async fn missing_aws_credentials_or_region_are_named_not_taken_for_the_network() {
    let no_files = [
        ("AWS_CONFIG_FILE", "/nonexistent/pii-pause-test/config"),
        (
            "AWS_SHARED_CREDENTIALS_FILE",
            "/nonexistent/pii-pause-test/credentials",
        ),
        ("AWS_EC2_METADATA_DISABLED", "true"),
        ("GENESYS_SECRET_ID", "genesys/oauth"),
    ];
    let secret_check = |json: &Value| {
        json["checks"]
            .as_array()
            .and_then(|c| c.iter().find(|c| c["check"] == "secret"))
            .cloned()
            .unwrap_or_default()
    };

    let mut env = no_files.to_vec();
    env.push(("AWS_REGION", "eu-west-1"));
    let (code, json) = doctor_cli(&env).await;
    assert_eq!(code, 1, "{json}");
    let secret = secret_check(&json);
    assert_eq!(secret["status"], "fail", "{json}");
    let detail = secret["detail"].as_str().unwrap_or_default();
    assert!(detail.contains("no AWS credentials"), "{json}");
    assert!(!detail.contains("could not be reached"), "{json}");
    assert!(
        secret["fix"]
            .as_str()
            .is_some_and(|f| f.contains("AWS_ACCESS_KEY_ID")),
        "{json}"
    );

    let mut env = no_files.to_vec();
    env.extend([
        ("AWS_ACCESS_KEY_ID", "test"),
        ("AWS_SECRET_ACCESS_KEY", "test"),
    ]);
    let (code, json) = doctor_cli(&env).await;
    assert_eq!(code, 1, "{json}");
    let secret = secret_check(&json);
    assert_eq!(secret["status"], "fail", "{json}");
    assert!(
        secret["detail"]
            .as_str()
            .is_some_and(|d| d.contains("no AWS region")),
        "{json}"
    );
    assert!(
        secret["fix"]
            .as_str()
            .is_some_and(|f| f.contains("AWS_REGION")),
        "{json}"
    );
}

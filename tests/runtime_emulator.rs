//! The release `bootstrap` under the real AWS Lambda Runtime Interface Emulator (shipped in aws-sam-cli),
//! with Secrets Manager on moto and Genesys on the emulator: a PII event yields a pause and the report, and a
//! second invocation in the same warm process makes no token request and no Secrets Manager call.

mod support;

use serde_json::{json, Value};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use support::*;

fn bootstrap() -> PathBuf {
    let path = std::env::var("PII_PAUSE_BOOTSTRAP")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo().join("target/release/pii-pause-lambda"));
    assert!(
        path.exists(),
        "no release bootstrap at {}: run scripts/test.sh (it builds it with cargo build --release)",
        path.display()
    );
    path
}

fn rie() -> PathBuf {
    if let Ok(p) = std::env::var("PII_PAUSE_RIE") {
        return PathBuf::from(p);
    }
    let lib = venv_tool("python")
        .parent()
        .and_then(|b| b.parent())
        .map(|v| v.join("lib"))
        .unwrap_or_default();
    let found = std::fs::read_dir(&lib)
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| {
            e.path()
                .join("site-packages/samcli/local/rapid/aws-lambda-rie-x86_64")
        })
        .find(|p| p.exists());
    found.unwrap_or_else(|| panic!("the Lambda Runtime Interface Emulator was not found under {}: run scripts/test.sh (it installs aws-sam-cli)", lib.display()))
}

async fn invoke(url: &str, event: &Value) -> (Value, Duration) {
    let client = reqwest::Client::new();
    let started = Instant::now();
    loop {
        match client.post(url).json(event).send().await {
            Ok(r) => {
                let body: Value = r
                    .json()
                    .await
                    .unwrap_or_else(|e| panic!("invocation answer is not JSON: {e}"));
                return (body, started.elapsed());
            }
            Err(_) if started.elapsed() < Duration::from_secs(20) => {
                tokio::time::sleep(Duration::from_millis(50)).await
            }
            Err(e) => panic!("runtime emulator did not answer: {e}"),
        }
    }
}

#[tokio::test]
async fn release_bootstrap_pauses_under_the_runtime_interface_emulator() {
    let bootstrap = bootstrap();
    let rie = rie();
    let moto = Moto::start().await;
    let secret = secret_name("rie");
    moto.client()
        .create_secret()
        .name(&secret)
        .secret_string(demo_secret())
        .send()
        .await
        .unwrap_or_else(|e| panic!("create_secret: {e:?}"));
    let secrets_proxy = CountingProxy::start(&moto.url).await;
    let emu = genesys().await;
    let first = seed_call(&emu);
    let second = seed_call(&emu);

    let port = free_port();
    let log_path = std::env::temp_dir().join(format!("pii-pause-rie-{port}.log"));
    let log = std::fs::File::create(&log_path).unwrap_or_else(|e| panic!("{e}"));
    let log_err = log.try_clone().unwrap_or_else(|e| panic!("{e}"));
    let child = Command::new(&rie)
        .arg("--runtime-interface-emulator-address")
        .arg(format!("127.0.0.1:{port}"))
        .arg(&bootstrap)
        .env_clear()
        .env("PATH", "/usr/bin:/bin")
        .env("AWS_REGION", "us-east-1")
        .env("AWS_ACCESS_KEY_ID", "test")
        .env("AWS_SECRET_ACCESS_KEY", "test")
        .env("AWS_EC2_METADATA_DISABLED", "true")
        .env("AWS_ENDPOINT_URL_SECRETS_MANAGER", &secrets_proxy.url)
        .env("GENESYS_SECRET_ID", &secret)
        .env("GENESYS_API_URL", emu.url())
        .env("AWS_LAMBDA_LOG_FORMAT", "JSON")
        .process_group(0)
        .stdout(Stdio::from(log))
        .stderr(Stdio::from(log_err))
        .spawn()
        .unwrap_or_else(|e| panic!("cannot start {}: {e}", rie.display()));
    let mut guard = ChildGuard(Some(child));
    let url = format!("http://127.0.0.1:{port}/2015-03-31/functions/function/invocations");

    let (report, cold) = invoke(&url, &flagged(&first)).await;
    assert_eq!(
        report["results"][0]["conversationId"],
        first.as_str(),
        "{report}"
    );
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    assert_eq!(report["results"][0]["export"], "allow");
    assert_eq!(
        report["results"][0]["findings"],
        json!([{"kind": "FLAG", "field": "participants[0].attributes.PII_Detected"}])
    );
    assert!(emu
        .state
        .conversation(&first)
        .is_some_and(|c| c.recording_state == "PAUSED"));
    let after_cold = emu.state.requests();
    assert_eq!(
        after_cold.iter().filter(|r| r.is_token_request()).count(),
        1
    );
    assert_eq!(after_cold.iter().filter(|r| r.method == "PUT").count(), 1);
    assert_eq!(secrets_proxy.requests(), 1);

    let (report, warm) = invoke(&url, &flagged(&second)).await;
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    let after_warm = emu.state.requests();
    let new: Vec<_> = after_warm[after_cold.len()..]
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    assert_eq!(
        new,
        vec![(
            "PUT".to_string(),
            format!("/api/v2/conversations/calls/{second}/recordingstate")
        )]
    );
    assert_eq!(
        secrets_proxy.requests(),
        1,
        "no Secrets Manager call when warm"
    );

    let (bad, _) = invoke(&url, &json!({"hello": "world"})).await;
    assert_eq!(bad["errorType"], "InvalidEvent", "{bad}");

    guard.stop();
    let output = std::fs::read_to_string(&log_path).unwrap_or_default();
    let _ = std::fs::remove_file(&log_path);
    assert!(
        output.contains("conversation decided"),
        "the function logged nothing: {output}"
    );
    assert!(
        !output.contains(pii_pause::emulator::model::DEMO_CLIENT_SECRET),
        "the client secret reached a log"
    );
    assert!(!output.contains("Bearer "), "a token reached a log");
    eprintln!("runtime emulator: cold invocation {cold:?}, warm invocation {warm:?}");
}

//! The release bootstrap under the real AWS Lambda Runtime Interface Emulator (from aws-sam-cli), started in a
//! process group of its own and stopped with it.

use super::{free_port, repo, venv_tool, ChildGuard};
use serde_json::Value;
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// The Lambda binary `template.yaml` names, as built by `cargo build --release` (or `PII_PAUSE_BOOTSTRAP`).
pub fn bootstrap() -> PathBuf {
    let path = std::env::var("PII_PAUSE_BOOTSTRAP")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo().join("target/release/pii-pause-lambda"));
    assert!(
        path.exists(),
        "no release bootstrap at {}: run scripts/test.sh, or cargo build --release --bin pii-pause-lambda",
        path.display()
    );
    let built = modified(&path);
    let newest_source = walk(&repo().join("src"))
        .into_iter()
        .chain([repo().join("Cargo.lock")])
        .map(|p| modified(&p))
        .max();
    assert!(
        newest_source.is_none_or(|source| built >= source),
        "the bootstrap at {} is older than the sources: run scripts/test.sh, or cargo build --release --bin pii-pause-lambda",
        path.display()
    );
    path
}

fn modified(path: &std::path::Path) -> std::time::SystemTime {
    std::fs::metadata(path)
        .and_then(|m| m.modified())
        .unwrap_or(std::time::UNIX_EPOCH)
}

fn walk(dir: &std::path::Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The RIE binary inside the aws-sam-cli package of the project's virtual environment (or `PII_PAUSE_RIE`).
pub fn rie() -> PathBuf {
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

/// A function running under the RIE.
pub struct Lambda {
    pub url: String,
    pub log_path: PathBuf,
    guard: ChildGuard,
}

impl Lambda {
    /// Starts the bootstrap under the RIE with only `env` (plus PATH) in its environment.
    pub fn start(env: &[(&str, String)]) -> Lambda {
        let (bootstrap, rie) = (bootstrap(), rie());
        let port = free_port();
        let log_path = std::env::temp_dir().join(format!("pii-pause-rie-{port}.log"));
        let log = std::fs::File::create(&log_path).unwrap_or_else(|e| panic!("{e}"));
        let log_err = log.try_clone().unwrap_or_else(|e| panic!("{e}"));
        let mut command = Command::new(&rie);
        command
            .arg("--runtime-interface-emulator-address")
            .arg(format!("127.0.0.1:{port}"))
            .arg("--runtime-api-address")
            .arg(format!("127.0.0.1:{}", free_port()))
            .arg(&bootstrap)
            .env_clear()
            .env("PATH", "/usr/bin:/bin")
            .process_group(0)
            .stdout(Stdio::from(log))
            .stderr(Stdio::from(log_err));
        for (k, v) in env {
            command.env(k, v);
        }
        let child = command
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", rie.display()));
        Lambda {
            url: format!("http://127.0.0.1:{port}/2015-03-31/functions/function/invocations"),
            log_path,
            guard: ChildGuard(Some(child)),
        }
    }

    /// Invokes the function and returns its answer and how long the round trip took.
    pub async fn invoke(&self, event: &Value) -> (Value, Duration) {
        let client = reqwest::Client::new();
        let started = Instant::now();
        loop {
            match client.post(&self.url).json(event).send().await {
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

    /// Stops the RIE and the function, and returns everything they printed.
    pub fn stop(mut self) -> String {
        self.guard.stop();
        let output = std::fs::read_to_string(&self.log_path).unwrap_or_default();
        let _ = std::fs::remove_file(&self.log_path);
        output
    }
}

/// The environment of a function that reads its secret through `secrets_url` and calls Genesys at `genesys_url`.
pub fn function_env(
    secrets_url: &str,
    secret_id: &str,
    genesys_url: &str,
) -> Vec<(&'static str, String)> {
    vec![
        ("AWS_REGION", "us-east-1".into()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ("AWS_ENDPOINT_URL_SECRETS_MANAGER", secrets_url.into()),
        ("GENESYS_SECRET_ID", secret_id.into()),
        ("GENESYS_API_URL", genesys_url.into()),
        ("AWS_LAMBDA_LOG_FORMAT", "JSON".into()),
    ]
}

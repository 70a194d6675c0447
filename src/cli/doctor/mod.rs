//! `pii-pause doctor`: what the configured function will do (its verdict: pause recordings, only report in
//! dry-run, or fail), and, check by check, what that needs and how to fix each failure. Changes nothing.
//!
//! A check is `fail` when the function needs it with this configuration, and `warn` when only a later step needs
//! it (switching a dry-run to enforce) or when the function works but less well. The platform's own checks live in
//! one module per platform (`genesys`), which takes the configuration and what the function needs of it.

mod genesys;

pub use genesys::PROBE_CONVERSATION;

use crate::config::{Config, ConfigError, Mode};
use crate::secret::SecretStore;
use serde::Serialize;
use std::sync::Arc;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

/// One line of the doctor's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub check: &'static str,
    pub status: Status,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
}

impl Check {
    fn new(
        check: &'static str,
        status: Status,
        detail: impl Into<String>,
        fix: Option<String>,
    ) -> Self {
        Check {
            check,
            status,
            detail: detail.into(),
            fix,
        }
    }
}

/// What the configured function will do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Verdict {
    /// Enforce mode and every check it needs passed: recordings with PII are paused.
    Pauses,
    /// Dry-run: PII is detected and reported; nothing is paused.
    DryRun,
    /// A check the configuration needs failed.
    Fails,
}

impl Verdict {
    /// The exit code of `pii-pause doctor`: 0 pauses, 1 fails, 2 dry-run (works, pauses nothing).
    pub fn exit_code(self) -> u8 {
        match self {
            Verdict::Pauses => 0,
            Verdict::Fails => 1,
            Verdict::DryRun => 2,
        }
    }
}

/// The verdict, why, and every check.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    /// Whether the configured function will pause recordings with PII (false in dry-run).
    pub ok: bool,
    pub verdict: Verdict,
    pub summary: String,
    pub checks: Vec<Check>,
}

/// What the configured function needs of the contact-center platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Needs {
    /// Enforce mode: the pause must work now (in dry-run it is needed only before enforcing).
    pause: bool,
    /// The function reads conversations to scan them (events that do not carry the data).
    read_conversations: bool,
}

impl Needs {
    fn of(config: &Config) -> Self {
        Needs {
            pause: config.mode == Mode::Enforce,
            read_conversations: config.fetch_conversation && config.secret_id.is_some(),
        }
    }
}

/// `Fail` when the function needs the check now, `Warn` when only a later step (enforce) does.
fn severity(needed_now: bool) -> Status {
    if needed_now {
        Status::Fail
    } else {
        Status::Warn
    }
}

impl Diagnosis {
    fn from(config: Option<&Config>, checks: Vec<Check>) -> Self {
        let failed = checks.iter().any(|c| c.status == Status::Fail);
        let warned = checks.iter().any(|c| c.status == Status::Warn);
        let mode = config.map(|c| c.mode);
        let (verdict, summary) = match (failed, mode) {
            (true, Some(Mode::DryRun)) => (
                Verdict::Fails,
                "the dry-run cannot work as configured (and pauses nothing): fix the FAIL lines above."
                    .to_string(),
            ),
            (true, _) => (
                Verdict::Fails,
                "pii-pause cannot pause recordings as configured: fix the FAIL lines above.".to_string(),
            ),
            (false, Some(Mode::DryRun)) => {
                let ready = checks
                    .iter()
                    .any(|c| c.check == genesys::PAUSE_CHECK && c.status == Status::Pass);
                let next = if ready {
                    "Everything enforce needs passed: set PII_PAUSE_MODE=enforce (template: Mode=enforce) once the \
                     reports and metrics look right."
                } else {
                    "Before enforcing, fix the WARN and skip lines above."
                };
                (
                    Verdict::DryRun,
                    format!("dry-run: pii-pause detects and reports PII, and pauses nothing. {next}"),
                )
            }
            (false, _) => (
                Verdict::Pauses,
                format!(
                    "enforce mode, every check it needs passed: pii-pause can pause recordings with this \
                     configuration.{}",
                    if warned { " Read the WARN lines too." } else { "" }
                ),
            ),
        };
        Diagnosis {
            ok: verdict == Verdict::Pauses,
            verdict,
            summary,
            checks,
        }
    }

    /// The readable table, ending with the verdict.
    pub fn table(&self) -> String {
        let mut out = String::new();
        for c in &self.checks {
            let mark = match c.status {
                Status::Pass => "pass",
                Status::Warn => "WARN",
                Status::Fail => "FAIL",
                Status::Skip => "skip",
            };
            out.push_str(&format!("{mark:<5} {:<22} {}\n", c.check, c.detail));
            if let Some(fix) = &c.fix {
                out.push_str(&format!("      {:<22} fix: {fix}\n", ""));
            }
        }
        out.push_str(&format!("\nverdict: {}\n", self.summary));
        out
    }
}

/// Checks the configuration, then the platform with a secret store built from the AWS environment.
pub async fn run(config: Result<Config, ConfigError>) -> Diagnosis {
    let config = match config {
        Ok(c) => c,
        Err(e) => {
            let checks =
                e.0.iter()
                    .map(|m| {
                        Check::new(
                            "configuration",
                            Status::Fail,
                            m.clone(),
                            Some("set the variable as the message says".into()),
                        )
                    })
                    .collect();
            return Diagnosis::from(None, checks);
        }
    };
    let store = match &config.secret_id {
        Some(id) => Some(Arc::new(
            SecretStore::from_env(id.clone(), config.secret_ttl).await,
        )),
        None => None,
    };
    diagnose_with(&config, store).await
}

/// Runs the checks with a given secret store (tests use moto or mocks).
pub async fn diagnose(config: &Config, store: Arc<SecretStore>) -> Diagnosis {
    diagnose_with(config, Some(store)).await
}

async fn diagnose_with(config: &Config, store: Option<Arc<SecretStore>>) -> Diagnosis {
    let needs = Needs::of(config);
    let mut checks = vec![mode_check(config), genesys::topics_check(config)];
    match store {
        Some(store) => checks.extend(genesys::checks(config, store, needs).await),
        None => checks.push(genesys::no_credentials_check()),
    }
    Diagnosis::from(Some(config), checks)
}

fn mode_check(config: &Config) -> Check {
    let mode = match config.mode {
        Mode::Enforce => "enforce mode: recordings with PII are paused",
        Mode::DryRun => "dry-run mode: PII is detected and reported, nothing is paused",
    };
    Check::new(
        "configuration",
        Status::Pass,
        format!(
            "{mode}; secret {}",
            config.secret_id.as_deref().unwrap_or("(none)")
        ),
        None,
    )
}

//! `pii-pause doctor`: what the configured function will do (its verdict: pause recordings, only report in
//! dry-run, or fail), and, check by check, what that needs and how to fix each failure. Changes nothing.
//!
//! A check is `fail` when the function needs it with this configuration, and `warn` when only a later step needs
//! it (switching a dry-run to enforce) or when the function works but less well. Each platform's own checks are
//! its adapter's (`Platform::doctor`), given what the function needs of it.

use crate::config::{Config, ConfigError, Mode};
use crate::ledger::Ledger;
use crate::platform::{Needs, Platforms};
use serde::Serialize;

pub use crate::platform::checks::{Check, Status};

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

impl Diagnosis {
    fn from(config: Option<&Config>, checks: Vec<Check>) -> Self {
        let failed = checks.iter().any(|c| c.status == Status::Fail);
        let warned = checks.iter().any(|c| c.status == Status::Warn);
        let mode = config.map(|c| c.runtime.mode);
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
                    .any(|c| c.proves_pause && c.status == Status::Pass);
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
    let aws = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .load()
        .await;
    let ledger = config
        .ledger
        .table
        .as_ref()
        .map(|table| Ledger::from_sdk_config(&aws, table, config.ledger.ttl));
    match Platforms::build(&config.platforms, Some(&aws)).await {
        Ok(platforms) => diagnose(&config, &platforms, ledger.as_ref()).await,
        Err(e) => Diagnosis::from(
            Some(&config),
            vec![Check::new("configuration", Status::Fail, e, None)],
        ),
    }
}

/// Runs the checks with the given adapters and ledger (tests inject clients): the configured platforms' (the
/// default platform's when none is configured, so that it says what to set), then the ledger's.
pub async fn diagnose(
    config: &Config,
    platforms: &Platforms,
    ledger: Option<&Ledger>,
) -> Diagnosis {
    let needs = Needs {
        pause: config.runtime.mode == Mode::Enforce,
    };
    let mut checks = vec![mode_check(config)];
    let mut names: Vec<&str> = config
        .platforms
        .iter()
        .filter(|p| p.configured())
        .map(|p| p.name())
        .collect();
    if names.is_empty() {
        names.push(crate::intake::DEFAULT_PLATFORM);
    }
    for name in names {
        if let Some(platform) = platforms.get(name) {
            checks.extend(platform.doctor(needs).await);
        }
    }
    if let Some(ledger) = ledger {
        checks.push(ledger_check(ledger).await);
    }
    Diagnosis::from(Some(config), checks)
}

/// Whether the ledger table takes the function's writes: a conditional update that cannot apply (it changes
/// nothing).
async fn ledger_check(ledger: &Ledger) -> Check {
    match ledger.probe().await {
        Ok(()) => Check::new(
            "ledger",
            Status::Pass,
            format!("table `{}` exists and takes conditional updates", ledger.table()),
            None,
        ),
        Err(e) => Check::new(
            "ledger",
            Status::Fail,
            e.to_string(),
            Some("every decision is written to the ledger and a failed write fails the event: fix the table or the role".into()),
        ),
    }
}

fn mode_check(config: &Config) -> Check {
    let mode = match config.runtime.mode {
        Mode::Enforce => "enforce mode: recordings with PII are paused",
        Mode::DryRun => "dry-run mode: PII is detected and reported, nothing is paused",
    };
    let configured: Vec<&str> = config
        .platforms
        .iter()
        .filter(|p| p.configured())
        .map(|p| p.name())
        .collect();
    Check::new(
        "configuration",
        Status::Pass,
        format!(
            "{mode}; platforms: {}; ledger: {}",
            if configured.is_empty() {
                "none configured".to_string()
            } else {
                configured.join(", ")
            },
            config.ledger.table.as_deref().unwrap_or("(none)")
        ),
        None,
    )
}

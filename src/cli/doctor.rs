//! `pii-pause doctor`: checks, in order, what a working deployment needs (the configuration, then each
//! platform's own checks: credentials, region, token, permissions) and says how to fix each failure. Changes
//! nothing.

use crate::config::{Config, ConfigError, Mode};
use crate::platform::Platforms;
use serde::Serialize;

pub use crate::platform::{Check, CheckStatus as Status};

/// All checks, and whether the deployment can pause.
#[derive(Debug, Clone, Serialize)]
pub struct Diagnosis {
    pub ok: bool,
    pub checks: Vec<Check>,
}

impl Diagnosis {
    fn from(checks: Vec<Check>) -> Self {
        Diagnosis {
            ok: checks.iter().all(|c| c.status != Status::Fail),
            checks,
        }
    }

    /// The readable table.
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
        out.push_str(if self.ok {
            "\npii-pause can pause recordings with this configuration.\n"
        } else {
            "\npii-pause cannot pause recordings yet: fix the FAIL lines above.\n"
        });
        out
    }
}

/// Checks configuration, then every configured platform with clients built from the AWS environment.
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
            return Diagnosis::from(checks);
        }
    };
    let aws = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .load()
        .await;
    match Platforms::build(&config.platforms, Some(&aws)).await {
        Ok(platforms) => diagnose(&config, &platforms).await,
        Err(e) => Diagnosis::from(vec![Check::new("configuration", Status::Fail, e, None)]),
    }
}

fn configuration(config: &Config) -> Check {
    let mode = match config.runtime.mode {
        Mode::Enforce => "enforce mode",
        Mode::DryRun => "dry-run mode (nothing is paused)",
    };
    let status = if config.runtime.mode == Mode::DryRun {
        Status::Warn
    } else {
        Status::Pass
    };
    let fix = (config.runtime.mode == Mode::DryRun)
        .then(|| "set PII_PAUSE_MODE=enforce when the dry-run reports look right".to_string());
    let configured: Vec<&str> = config
        .platforms
        .iter()
        .filter(|p| p.configured())
        .map(|p| p.name())
        .collect();
    Check::new(
        "configuration",
        status,
        format!(
            "{mode}; platforms configured: {}",
            if configured.is_empty() {
                "none".to_string()
            } else {
                configured.join(", ")
            }
        ),
        fix,
    )
}

/// Runs the checks of every configured platform with the given adapters (tests inject clients).
pub async fn diagnose(config: &Config, platforms: &Platforms) -> Diagnosis {
    let mut checks = vec![configuration(config)];
    for settings in config.platforms.iter().filter(|p| p.configured()) {
        if let Some(platform) = platforms.get(settings.name()) {
            checks.extend(platform.doctor(&config.runtime).await);
        }
    }
    Diagnosis::from(checks)
}

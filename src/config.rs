//! Configuration: every environment variable pii-pause reads, in sections (runtime, detection, the ledger, one
//! per platform), parsed and validated in one place with every mistake reported at once.

mod env;

pub use env::{check_base_url, is_loopback, Env};

use crate::detect::config::DetectionConfig;
use crate::ledger::LedgerConfig;
use crate::platform::PlatformConfigs;
use crate::preemptive::PreemptiveConfig;
use crate::webhook::WebhookConfig;
use std::time::Duration;

/// Enforce pauses, or only detect and report.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Enforce,
    DryRun,
}

impl Mode {
    pub fn as_str(self) -> &'static str {
        match self {
            Mode::Enforce => "enforce",
            Mode::DryRun => "dry-run",
        }
    }
}

pub use crate::detect::config::{DEFAULT_ALLOW_KEYS, DEFAULT_FLAG_KEYS, DEFAULT_TELEPHONY_KEYS};

/// How the function runs, whatever the platform.
#[derive(Debug, Clone)]
pub struct RuntimeConfig {
    pub mode: Mode,
    pub max_concurrency: usize,
    pub resume_on_clear: bool,
    /// `None`: any EventBridge source that is no platform's and whose detail is a conversation record.
    pub etl_event_sources: Option<Vec<String>>,
    /// How long a completed delivery (EventBridge event id, SQS message id) is remembered in a warm container,
    /// so that the same delivery seen again is answered from memory.
    pub idempotency_ttl: Duration,
    /// Work budget when the invocation has no usable deadline (local emulators send none or a past one).
    pub default_budget: Duration,
    pub metrics_namespace: String,
    pub service_name: String,
}

impl RuntimeConfig {
    fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        let mode = match env
            .get("PII_PAUSE_MODE")
            .map(|m| m.to_ascii_lowercase())
            .as_deref()
        {
            None | Some("enforce") => Mode::Enforce,
            Some("dry-run") | Some("dry_run") | Some("dryrun") | Some("shadow") => Mode::DryRun,
            Some(other) => {
                errors.push(format!(
                    "PII_PAUSE_MODE=`{other}` is not a mode: use `enforce` or `dry-run`"
                ));
                Mode::Enforce
            }
        };
        RuntimeConfig {
            mode,
            max_concurrency: env.number("MAX_CONCURRENCY", 8, 1, 256, errors) as usize,
            resume_on_clear: env.flag("RESUME_ON_CLEAR", false, errors),
            etl_event_sources: env
                .list("ETL_EVENT_SOURCES")
                .filter(|l| !l.iter().any(|s| s == "*")),
            idempotency_ttl: Duration::from_secs(env.number(
                "IDEMPOTENCY_TTL_SECONDS",
                3600,
                0,
                86_400,
                errors,
            )),
            default_budget: Duration::from_millis(env.number(
                "PII_PAUSE_DEFAULT_BUDGET_MS",
                25_000,
                1000,
                900_000,
                errors,
            )),
            metrics_namespace: env
                .get("PII_PAUSE_METRICS_NAMESPACE")
                .unwrap_or_else(|| "PiiPause".to_string()),
            service_name: env
                .get("POWERTOOLS_SERVICE_NAME")
                .unwrap_or_else(|| "pii-pause".to_string()),
        }
    }
}

/// Everything pii-pause is configured with, by concern. Built once at start by [`Config::from_env`].
#[derive(Debug)]
pub struct Config {
    pub runtime: RuntimeConfig,
    /// Key lists, kinds, custom detectors, phone regions.
    pub detection: DetectionConfig,
    pub ledger: LedgerConfig,
    pub preemptive: PreemptiveConfig,
    /// One section per registered platform (`crate::platform::registry`).
    pub platforms: PlatformConfigs,
    /// The HTTPS entry point.
    pub webhook: WebhookConfig,
}

/// One or more configuration mistakes, each with what to do.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("invalid configuration: {}", .0.join("; "))]
pub struct ConfigError(pub Vec<String>);

impl Config {
    /// Reads the process environment.
    pub fn from_env() -> Result<Self, ConfigError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests). Collects every
    /// mistake instead of stopping at the first.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, ConfigError> {
        let env = Env::new(&lookup);
        let mut errors = Vec::new();
        let runtime = RuntimeConfig::from_env(&env, &mut errors);

        let detection = DetectionConfig::from_lookup(&lookup, &mut errors);

        let ledger = LedgerConfig::from_env(&env, &mut errors);
        let preemptive = PreemptiveConfig::from_env(&env, &mut errors);
        let platforms = PlatformConfigs::from_env(&env, &mut errors);
        let webhook = WebhookConfig::from_env(&env, &mut errors);
        if runtime.mode == Mode::Enforce && !platforms.any_configured() {
            errors.push(format!(
                "no platform is configured to pause recordings: {}; or set PII_PAUSE_MODE=dry-run",
                platforms.how_to_configure()
            ));
        }

        if !errors.is_empty() {
            // Sections that share a variable (SECRET_TTL_SECONDS) report its mistake once.
            let mut seen = std::collections::HashSet::new();
            errors.retain(|e| seen.insert(e.clone()));
            return Err(ConfigError(errors));
        }
        Ok(Config {
            runtime,
            detection,
            ledger,
            preemptive,
            platforms,
            webhook,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn config(vars: &[(&str, &str)]) -> Result<Config, ConfigError> {
        let map: HashMap<String, String> = vars
            .iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
        Config::from_lookup(|k| map.get(k).cloned())
    }

    #[test]
    fn defaults_with_only_the_secret() {
        let c = config(&[("GENESYS_SECRET_ID", "genesys/oauth")]).map_err(|e| e.to_string());
        let c = c.as_ref().ok();
        assert_eq!(c.map(|c| c.runtime.mode), Some(Mode::Enforce));
        assert_eq!(c.map(|c| c.runtime.max_concurrency), Some(8));
        assert_eq!(c.map(|c| c.runtime.resume_on_clear), Some(false));
        assert!(c.is_some_and(|c| c.detection.flag_keys.iter().any(|k| k == "PII_Detected")));
        assert!(
            c.is_some_and(|c| c.runtime.etl_event_sources.is_none() && c.ledger.table.is_none())
        );
    }

    #[test]
    fn a_platform_is_required_unless_dry_run() {
        let err = config(&[]).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("no platform is configured"), "{err}");
        assert!(err.contains("GENESYS_SECRET_ID"), "{err}");
        assert!(config(&[("PII_PAUSE_MODE", "dry-run")]).is_ok());
        assert!(config(&[(
            "CONNECT_INSTANCE_IDS",
            "4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a"
        )])
        .is_ok());
    }

    #[test]
    fn every_mistake_is_reported_with_its_fix() {
        let err = config(&[
            ("GENESYS_SECRET_ID", "s"),
            ("PII_PAUSE_MODE", "loud"),
            ("GENESYS_REGION", "mars-1"),
            ("GENESYS_API_URL", "http://api.example.com"),
            ("MAX_CONCURRENCY", "0"),
            ("RESUME_ON_CLEAR", "maybe"),
            ("PII_KINDS", "CREDIT_CARD,NAME"),
        ])
        .err()
        .map(|e| e.0)
        .unwrap_or_default();
        assert_eq!(err.len(), 6, "{err:?}");
        assert!(err[0].contains("use `enforce` or `dry-run`"));
        assert!(err
            .iter()
            .any(|e| e.contains("unknown Genesys Cloud region `mars-1`")));
        assert!(err
            .iter()
            .any(|e| e.contains("plain http to a non-loopback host")));
        assert!(err
            .iter()
            .any(|e| e.contains("PII_KINDS: unknown PII kind `NAME`")));
        assert!(err.iter().any(|e| e.starts_with("MAX_CONCURRENCY=`0`")));
        assert!(err.iter().any(|e| e.starts_with("RESUME_ON_CLEAR=`maybe`")));
    }

    #[test]
    fn detection_mistakes_join_the_others() {
        let err = config(&[
            ("PII_PAUSE_MODE", "dry-run"),
            ("PII_KINDS", "EMAIL"),
            ("PII_CUSTOM_DETECTORS", r#"[{"name": "X", "regex": "("}]"#),
            ("MAX_CONCURRENCY", "0"),
        ])
        .err()
        .map(|e| e.0)
        .unwrap_or_default();
        assert_eq!(err.len(), 2, "{err:?}");
        assert!(
            err.iter()
                .any(|e| e.contains("PII_CUSTOM_DETECTORS: detector 1 (`X`)")),
            "{err:?}"
        );
        assert!(
            err.iter().any(|e| e.starts_with("MAX_CONCURRENCY")),
            "{err:?}"
        );
    }

    #[test]
    fn etl_sources_star_means_any() {
        let c = config(&[("PII_PAUSE_MODE", "dry-run"), ("ETL_EVENT_SOURCES", "*")]);
        assert!(c.is_ok_and(|c| c.runtime.etl_event_sources.is_none()));
        let c = config(&[
            ("PII_PAUSE_MODE", "dry-run"),
            ("ETL_EVENT_SOURCES", "com.acme.etl, com.acme.glue"),
        ]);
        assert_eq!(
            c.ok().and_then(|c| c.runtime.etl_event_sources),
            Some(vec![
                "com.acme.etl".to_string(),
                "com.acme.glue".to_string()
            ])
        );
    }
}

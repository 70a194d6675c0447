//! Configuration: every environment variable pii-pause reads, parsed and validated in one place.

use crate::detect::config::{list, DetectionConfig};
use crate::region::{self, Region};
use std::net::IpAddr;
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

/// Everything pii-pause is configured with. Built once at start by [`Config::from_env`].
#[derive(Debug, Clone)]
pub struct Config {
    pub mode: Mode,
    /// Secrets Manager secret with the OAuth client; `None` only in dry-run.
    pub secret_id: Option<String>,
    /// Region from `GENESYS_REGION`; when `None`, the secret's `region` is used.
    pub region: Option<&'static Region>,
    pub api_url: Option<String>,
    pub login_url: Option<String>,
    /// Key lists, kinds, custom detectors, phone regions.
    pub detection: DetectionConfig,
    pub secret_ttl: Duration,
    pub max_concurrency: usize,
    pub resume_on_clear: bool,
    /// `None`: any non-Genesys EventBridge source whose detail is a conversation record.
    pub etl_event_sources: Option<Vec<String>>,
    /// How long a confirmed recording state is remembered in a warm container (idempotency).
    pub idempotency_ttl: Duration,
    /// Timeout of one HTTP request to Genesys.
    pub http_timeout: Duration,
    /// Client-side limit of Genesys API requests per window (0: off).
    pub rate_limit_per_minute: u32,
    /// The rate limit's window (one minute, as Genesys counts; shorter only in tests).
    pub rate_window: Duration,
    /// Fetch the conversation (`GET /api/v2/conversations/{id}`) for Genesys topics other than attributes.
    pub fetch_conversation: bool,
    /// Work budget when the invocation has no usable deadline (local emulators send none or a past one).
    pub default_budget: Duration,
    pub metrics_namespace: String,
    pub service_name: String,
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
        let get = |name: &str| {
            lookup(name)
                .map(|v| v.trim().to_string())
                .filter(|v| !v.is_empty())
        };
        let mut errors = Vec::new();

        let mode = match get("PII_PAUSE_MODE")
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

        let secret_id = get("GENESYS_SECRET_ID");
        if secret_id.is_none() && mode == Mode::Enforce {
            errors.push(
                "GENESYS_SECRET_ID is not set: name the Secrets Manager secret (name or ARN) that holds \
                 {\"client_id\",\"client_secret\",\"region\"}, or set PII_PAUSE_MODE=dry-run"
                    .to_string(),
            );
        }

        let region = match get("GENESYS_REGION") {
            None => None,
            Some(name) => match region::resolve(&name) {
                Ok(r) => Some(r),
                Err(e) => {
                    errors.push(format!("GENESYS_REGION: {e}"));
                    None
                }
            },
        };

        let mut base_url = |name: &str| match get(name) {
            None => None,
            Some(url) => match check_base_url(&url) {
                Ok(u) => Some(u),
                Err(e) => {
                    errors.push(format!("{name}: {e}"));
                    None
                }
            },
        };
        let api_url = base_url("GENESYS_API_URL");
        let login_url = base_url("GENESYS_LOGIN_URL");

        let detection = DetectionConfig::from_lookup(&get, &mut errors);

        let mut number = |name: &str, default: u64, min: u64, max: u64| match get(name) {
            None => default,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    errors.push(format!(
                        "{name}=`{v}` must be a whole number from {min} to {max}"
                    ));
                    default
                }
            },
        };
        let secret_ttl = Duration::from_secs(number("SECRET_TTL_SECONDS", 300, 0, 86_400));
        let max_concurrency = number("MAX_CONCURRENCY", 8, 1, 256) as usize;
        let idempotency_ttl =
            Duration::from_secs(number("IDEMPOTENCY_TTL_SECONDS", 3600, 0, 86_400));
        let http_timeout =
            Duration::from_millis(number("GENESYS_HTTP_TIMEOUT_MS", 5000, 100, 60_000));
        let default_budget =
            Duration::from_millis(number("PII_PAUSE_DEFAULT_BUDGET_MS", 25_000, 1000, 900_000));
        let rate_limit_per_minute = number("GENESYS_RATE_LIMIT_PER_MINUTE", 300, 0, 100_000) as u32;
        let rate_window =
            Duration::from_millis(number("GENESYS_RATE_WINDOW_MS", 60_000, 100, 3_600_000));

        let mut flag = |name: &str, default: bool| match get(name)
            .map(|v| v.to_ascii_lowercase())
            .as_deref()
        {
            None => default,
            Some("true" | "yes" | "y" | "1" | "on") => true,
            Some("false" | "no" | "n" | "0" | "off") => false,
            Some(other) => {
                errors.push(format!("{name}=`{other}` must be `true` or `false`"));
                default
            }
        };
        let resume_on_clear = flag("RESUME_ON_CLEAR", false);
        let fetch_conversation = flag("GENESYS_FETCH_CONVERSATION", true);

        let etl_event_sources =
            list(get("ETL_EVENT_SOURCES")).filter(|l| !l.iter().any(|s| s == "*"));

        let metrics_namespace =
            get("PII_PAUSE_METRICS_NAMESPACE").unwrap_or_else(|| "PiiPause".to_string());
        let service_name =
            get("POWERTOOLS_SERVICE_NAME").unwrap_or_else(|| "pii-pause".to_string());

        if !errors.is_empty() {
            return Err(ConfigError(errors));
        }
        Ok(Config {
            mode,
            secret_id,
            region,
            api_url,
            login_url,
            detection,
            secret_ttl,
            max_concurrency,
            resume_on_clear,
            etl_event_sources,
            idempotency_ttl,
            http_timeout,
            rate_limit_per_minute,
            rate_window,
            fetch_conversation,
            default_budget,
            metrics_namespace,
            service_name,
        })
    }
}

/// Checks a base URL override: `https://` anywhere, plain `http://` only for loopback hosts
/// (`localhost`, 127.0.0.0/8, `[::1]`). Returns it without a trailing `/`.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("`{url}` is not a URL ({e})"))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| format!("`{url}` has no host"))?;
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return Err(format!(
                "`{url}` uses plain http to a non-loopback host; use https (plain http is accepted only for localhost, 127.0.0.0/8 and [::1])"
            ))
        }
        other => return Err(format!("`{url}` has scheme `{other}`; use https")),
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        return Err(format!(
            "`{url}` must be a plain base URL without user, query or fragment"
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// Whether `host` (as `Url::host_str` gives it) is a loopback name or address.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
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
        assert_eq!(c.map(|c| c.mode), Some(Mode::Enforce));
        assert_eq!(c.map(|c| c.secret_ttl), Some(Duration::from_secs(300)));
        assert_eq!(c.map(|c| c.max_concurrency), Some(8));
        assert_eq!(c.map(|c| c.resume_on_clear), Some(false));
        assert!(c.is_some_and(|c| c.detection.flag_keys.iter().any(|k| k == "PII_Detected")));
        assert!(c.is_some_and(|c| c.etl_event_sources.is_none() && c.region.is_none()));
    }

    #[test]
    fn secret_is_required_unless_dry_run() {
        let err = config(&[]).err().map(|e| e.to_string()).unwrap_or_default();
        assert!(err.contains("GENESYS_SECRET_ID is not set"), "{err}");
        assert!(config(&[("PII_PAUSE_MODE", "dry-run")]).is_ok());
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
        assert!(err[1].contains("unknown Genesys Cloud region `mars-1`"));
        assert!(err[2].contains("plain http to a non-loopback host"));
        assert!(err
            .iter()
            .any(|e| e.contains("PII_KINDS: unknown PII kind `NAME`")));
        assert!(err.iter().any(|e| e.starts_with("MAX_CONCURRENCY=`0`")));
        assert!(err.iter().any(|e| e.starts_with("RESUME_ON_CLEAR=`maybe`")));
    }

    #[test]
    fn base_urls_http_only_on_loopback() {
        assert_eq!(
            check_base_url("http://127.0.0.1:8080/").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert!(check_base_url("http://localhost:1").is_ok());
        assert!(check_base_url("http://[::1]:9/").is_ok());
        assert!(check_base_url("http://127.9.9.9").is_ok());
        assert!(check_base_url("https://api.mypurecloud.ie").is_ok());
        assert!(check_base_url("http://10.0.0.1").is_err());
        assert!(check_base_url("http://localhost.evil.com").is_err());
        assert!(check_base_url("ftp://127.0.0.1").is_err());
        assert!(check_base_url("https://u:p@api.mypurecloud.ie").is_err());
        assert!(check_base_url("not a url").is_err());
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
        assert!(err[0].contains("PII_CUSTOM_DETECTORS: detector 1 (`X`)"));
    }

    #[test]
    fn etl_sources_star_means_any() {
        let c = config(&[("PII_PAUSE_MODE", "dry-run"), ("ETL_EVENT_SOURCES", "*")]);
        assert!(c.is_ok_and(|c| c.etl_event_sources.is_none()));
        let c = config(&[
            ("PII_PAUSE_MODE", "dry-run"),
            ("ETL_EVENT_SOURCES", "com.acme.etl, com.acme.glue"),
        ]);
        assert_eq!(
            c.ok().and_then(|c| c.etl_event_sources),
            Some(vec![
                "com.acme.etl".to_string(),
                "com.acme.glue".to_string()
            ])
        );
    }
}

//! `pii-pause doctor`: checks, in order, what a working deployment needs (configuration, the secret, the
//! region, a token, the OAuth client, the pause permission) and says how to fix each failure. Changes nothing.
//!
//! The permission probes send a request for a conversation id that cannot exist. Genesys checks that the
//! caller holds the permission before it looks the conversation up, so `404 not.found` means the permission is
//! held (in some division) and `403 missing.permissions` means it is not. Division coverage of a real
//! conversation can only be seen on that conversation: a 403 `missing.division.permission` in a report.

use crate::config::{Config, ConfigError, Mode};
use crate::genesys::endpoints;
use crate::genesys::hints::PAUSE_PERMISSION;
use crate::genesys::{Deadline, GenesysClient, GenesysError, MediaRoute, RecordingState};
use crate::secret::SecretStore;
use serde::Serialize;
use std::sync::Arc;
use std::time::Duration;

/// A conversation id no org has: the probes' target.
pub const PROBE_CONVERSATION: &str = "00000000-0000-4000-8000-00000000d0c7";

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

/// Checks configuration, then everything else with a secret store built from the AWS environment.
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
    let Some(secret_id) = config.secret_id.clone() else {
        return Diagnosis::from(vec![
            configuration(&config),
            Check::new(
                "secret",
                Status::Skip,
                "no GENESYS_SECRET_ID: dry-run without credentials pauses nothing",
                None,
            ),
        ]);
    };
    let store = Arc::new(SecretStore::from_env(secret_id, config.secret_ttl).await);
    diagnose(&config, store).await
}

fn configuration(config: &Config) -> Check {
    let mode = match config.mode {
        Mode::Enforce => "enforce mode",
        Mode::DryRun => "dry-run mode (nothing is paused)",
    };
    let status = if config.mode == Mode::DryRun {
        Status::Warn
    } else {
        Status::Pass
    };
    let fix = (config.mode == Mode::DryRun)
        .then(|| "set PII_PAUSE_MODE=enforce when the dry-run reports look right".to_string());
    Check::new(
        "configuration",
        status,
        format!(
            "{mode}; secret {}",
            config.secret_id.as_deref().unwrap_or("(none)")
        ),
        fix,
    )
}

/// Runs the checks with a given secret store (tests use moto or mocks).
pub async fn diagnose(config: &Config, store: Arc<SecretStore>) -> Diagnosis {
    let mut checks = vec![configuration(config)];
    let deadline = Deadline::after(Duration::from_secs(30));

    let credentials = match store.get().await {
        Ok(c) => {
            checks.push(Check::new(
                "secret",
                Status::Pass,
                format!(
                    "`{}` readable; client id {}; region {}",
                    store.secret_id(),
                    c.client_id,
                    c.region.as_deref().unwrap_or("(not in the secret)")
                ),
                None,
            ));
            c
        }
        Err(e) => {
            checks.push(Check::new(
                "secret",
                Status::Fail,
                e.to_string(),
                Some(secret_fix(&e)),
            ));
            return Diagnosis::from(checks);
        }
    };

    match endpoints::resolve(
        config.api_url.as_deref(),
        config.login_url.as_deref(),
        config.region,
        credentials.region.as_deref(),
    ) {
        Ok(e) => checks.push(Check::new(
            "region",
            Status::Pass,
            format!("API {} ; login {}", e.api, e.login),
            None,
        )),
        Err(e) => {
            checks.push(Check::new("region", Status::Fail, e, Some("set GENESYS_REGION (e.g. eu-west-1 or mypurecloud.ie) or add \"region\" to the secret".into())));
            return Diagnosis::from(checks);
        }
    }

    let genesys = match GenesysClient::new(config, store.clone()) {
        Ok(g) => g,
        Err(e) => {
            checks.push(Check::new("token", Status::Fail, e.to_string(), None));
            return Diagnosis::from(checks);
        }
    };
    match genesys.endpoints(&deadline).await {
        Ok(e) => checks.push(Check::new(
            "token",
            Status::Pass,
            format!("client-credentials token from {}/oauth/token", e.login),
            None,
        )),
        Err(e) => {
            let fix = match &e {
                GenesysError::Login { error, .. } if error == "invalid_client" => {
                    "check client_id/client_secret in the secret; the OAuth client must exist in the org of this region: \
                     if the org is in another region, set GENESYS_REGION to it"
                        .to_string()
                }
                other => other.hint(),
            };
            checks.push(Check::new("token", Status::Fail, e.to_string(), Some(fix)));
            return Diagnosis::from(checks);
        }
    }

    match genesys.token_info(&deadline).await {
        Ok(info) => {
            let client = &info["oAuthClient"];
            let org = &info["organization"];
            let scopes = info["authorizedScope"]
                .as_array()
                .map(|a| a.len())
                .unwrap_or(0);
            checks.push(Check::new(
                "oauth client",
                Status::Pass,
                format!(
                    "`{}` ({}) in org `{}`; {scopes} scope(s) listed (scopes do not apply to client credentials: roles do)",
                    client["name"].as_str().unwrap_or("?"),
                    client["id"].as_str().unwrap_or("?"),
                    org["name"].as_str().unwrap_or("?"),
                ),
                None,
            ));
        }
        Err(e) => checks.push(Check::new(
            "oauth client",
            Status::Warn,
            format!("GET /api/v2/tokens/me: {e}"),
            None,
        )),
    }

    let probe = genesys
        .set_recording_state(
            PROBE_CONVERSATION,
            MediaRoute::PerMedia("calls"),
            RecordingState::Paused,
            &deadline,
        )
        .await;
    checks.push(permission_check(
        "pause permission",
        PAUSE_PERMISSION,
        probe.map(|_| ()),
        Status::Fail,
    ));

    let view = genesys
        .get_conversation(PROBE_CONVERSATION, &deadline)
        .await;
    let missing_view = if config.fetch_conversation {
        Status::Warn
    } else {
        Status::Skip
    };
    checks.push(permission_check(
        "conversation read",
        "conversation:communication:view",
        view.map(|_| ()),
        missing_view,
    ));
    Diagnosis::from(checks)
}

fn permission_check(
    name: &'static str,
    permission: &str,
    probe: Result<(), GenesysError>,
    when_missing: Status,
) -> Check {
    match probe {
        Err(e) if e.api().is_some_and(|a| a.status == 404) => Check::new(
            name,
            Status::Pass,
            format!("{permission} is held (a probe for a conversation that cannot exist got 404, not 403)"),
            None,
        ),
        Err(e) if e.api().is_some_and(|a| a.status == 403) => {
            let fix = if when_missing == Status::Fail {
                format!("add a role with {permission} to the OAuth client (Admin > OAuth > Roles), in the divisions of your conversations; OAuth scopes do not apply to client credentials")
            } else {
                format!("needed to scan Genesys topics other than attributes (GENESYS_FETCH_CONVERSATION): add {permission} to the client's role, or set GENESYS_FETCH_CONVERSATION=false")
            };
            let status = if when_missing == Status::Skip { Status::Skip } else { when_missing };
            Check::new(name, status, format!("{permission} is missing ({})", e.code()), Some(fix))
        }
        Err(e) => Check::new(name, Status::Fail, e.to_string(), Some(e.hint())),
        Ok(()) => Check::new(name, Status::Warn, format!("the probe for conversation {PROBE_CONVERSATION} succeeded, which no org should allow"), None),
    }
}

fn secret_fix(e: &crate::secret::SecretError) -> String {
    use crate::secret::SecretError::*;
    match e {
        NotFound { .. } => {
            "create it, or point GENESYS_SECRET_ID at the right name or ARN (and region)".into()
        }
        AccessDenied { .. } => {
            "grant secretsmanager:GetSecretValue on the secret (the SAM template does)".into()
        }
        Malformed { .. } => {
            "store {\"client_id\":\"...\",\"client_secret\":\"...\",\"region\":\"...\"}".into()
        }
        Throttled { .. } | Unreachable { .. } => {
            "check network access to Secrets Manager and try again".into()
        }
        Other { .. } => "see the error code in the Secrets Manager documentation".into(),
    }
}

//! Genesys Cloud's doctor checks, in order: the secret, the region, a token, what `GET /api/v2/tokens/me` says
//! of the OAuth client, and the permissions (pause, and conversation read when topics are read). Changes nothing.
//!
//! The permission probes send a request for a conversation id that cannot exist. Genesys checks that the
//! caller holds the permission before it looks the conversation up, so `404 not.found` means the permission is
//! held (in some division) and `403 missing.permissions` means it is not. Division coverage of a real
//! conversation can only be seen on that conversation: a 403 `missing.division.permission` in a report.

use super::hints::PAUSE_PERMISSION;
use super::{endpoints, Genesys, GenesysError, MediaRoute, RecordingState};
use crate::config::RuntimeConfig;
use crate::http::Deadline;
use crate::platform::{Check, CheckStatus};
use std::time::Duration;

/// A conversation id no org has: the probes' target.
pub const PROBE_CONVERSATION: &str = "00000000-0000-4000-8000-00000000d0c7";

/// Runs the checks; stops at the first failure later checks depend on.
pub async fn checks(genesys: &Genesys, _runtime: &RuntimeConfig) -> Vec<Check> {
    let settings = genesys.settings();
    let mut checks = Vec::new();
    let Some(client) = genesys.client() else {
        checks.push(Check::new(
            "genesys secret",
            CheckStatus::Skip,
            "no GENESYS_SECRET_ID: Genesys conversations cannot be read or paused",
            Some("set GENESYS_SECRET_ID to the secret with the OAuth client".into()),
        ));
        return checks;
    };
    let deadline = Deadline::after(Duration::from_secs(30));
    let store = client.secrets();

    let credentials = match store.get().await {
        Ok(c) => {
            checks.push(Check::new(
                "secret",
                CheckStatus::Pass,
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
                CheckStatus::Fail,
                e.to_string(),
                Some(secret_fix(&e)),
            ));
            return checks;
        }
    };

    match endpoints::resolve(
        settings.api_url.as_deref(),
        settings.login_url.as_deref(),
        settings.region,
        credentials.region.as_deref(),
    ) {
        Ok(e) => checks.push(Check::new(
            "region",
            CheckStatus::Pass,
            format!("API {} ; login {}", e.api, e.login),
            None,
        )),
        Err(e) => {
            checks.push(Check::new(
                "region",
                CheckStatus::Fail,
                e,
                Some("set GENESYS_REGION (e.g. eu-west-1 or mypurecloud.ie) or add \"region\" to the secret".into()),
            ));
            return checks;
        }
    }

    match client.endpoints(&deadline).await {
        Ok(e) => checks.push(Check::new(
            "token",
            CheckStatus::Pass,
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
            checks.push(Check::new(
                "token",
                CheckStatus::Fail,
                e.to_string(),
                Some(fix),
            ));
            return checks;
        }
    }

    match client.token_info(&deadline).await {
        Ok(info) => {
            let oauth = &info["OAuthClient"];
            let org = &info["organization"];
            let scopes = info["authorizedScope"]
                .as_array()
                .map(|a| a.len())
                .unwrap_or(0);
            checks.push(Check::new(
                "oauth client",
                CheckStatus::Pass,
                format!(
                    "`{}` ({}) in org `{}`; {scopes} scope(s) listed (scopes do not apply to client credentials: roles do)",
                    oauth["name"].as_str().unwrap_or("?"),
                    oauth["id"].as_str().unwrap_or("?"),
                    org["name"].as_str().unwrap_or("?"),
                ),
                None,
            ));
        }
        Err(e) => checks.push(Check::new(
            "oauth client",
            CheckStatus::Warn,
            format!("GET /api/v2/tokens/me: {e}"),
            None,
        )),
    }

    let probe = client
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
        CheckStatus::Fail,
    ));

    let view = client.get_conversation(PROBE_CONVERSATION, &deadline).await;
    let missing_view = if settings.fetch_conversation {
        CheckStatus::Warn
    } else {
        CheckStatus::Skip
    };
    checks.push(permission_check(
        "conversation read",
        "conversation:communication:view",
        view.map(|_| ()),
        missing_view,
    ));
    checks
}

fn permission_check(
    name: &'static str,
    permission: &str,
    probe: Result<(), GenesysError>,
    when_missing: CheckStatus,
) -> Check {
    match probe {
        Err(e) if e.api().is_some_and(|a| a.status == 404) => Check::new(
            name,
            CheckStatus::Pass,
            format!("{permission} is held (a probe for a conversation that cannot exist got 404, not 403)"),
            None,
        ),
        Err(e) if e.api().is_some_and(|a| a.status == 403) => {
            let fix = if when_missing == CheckStatus::Fail {
                format!("add a role with {permission} to the OAuth client (Admin > OAuth > Roles), in the divisions of your conversations; OAuth scopes do not apply to client credentials")
            } else {
                format!("needed to scan Genesys topics other than attributes (GENESYS_FETCH_CONVERSATION): add {permission} to the client's role, or set GENESYS_FETCH_CONVERSATION=false")
            };
            Check::new(
                name,
                when_missing,
                format!("{permission} is missing ({})", e.code()),
                Some(fix),
            )
        }
        Err(e) => Check::new(name, CheckStatus::Fail, e.to_string(), Some(e.hint())),
        Ok(()) => Check::new(
            name,
            CheckStatus::Warn,
            format!("the probe for conversation {PROBE_CONVERSATION} succeeded, which no org should allow"),
            None,
        ),
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

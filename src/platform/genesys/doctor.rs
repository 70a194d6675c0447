//! Genesys Cloud's doctor checks, in order: the secret, the region, a token, the OAuth client, the pause
//! permission and the conversation read permission; and what the configuration means for Genesys topics.
//!
//! The permission probes send a request for a conversation id that cannot exist. Genesys checks that the
//! caller holds the permission before it looks the conversation up, so `404 not.found` means the permission is
//! held (in some division) and `403 missing.permissions` means it is not. Division coverage of a real
//! conversation can only be seen on that conversation: a 403 `missing.division.permission` in a report.

use super::hints::{PAUSE_PERMISSION, READ_PERMISSION};
use super::{
    endpoints, Genesys, GenesysClient, GenesysError, GenesysSettings, MediaRoute, RecordingState,
};
use crate::http::Deadline;
use crate::platform::checks::{severity, when_needed, Check, Needs, Status, BEFORE_ENFORCE};
use crate::secret::SecretError;
use std::time::Duration;

/// A conversation id no org has: the probes' target.
pub const PROBE_CONVERSATION: &str = "00000000-0000-4000-8000-00000000d0c7";

/// The name of the pause-permission check (a dry-run is ready to enforce when it passes).
const PAUSE_CHECK: &str = "pause permission";

/// Every check, in order: what the configuration means for topics, then what needs Genesys.
pub async fn run(genesys: &Genesys, needs: Needs) -> Vec<Check> {
    let settings = genesys.settings();
    let mut all = vec![topics_check(settings)];
    match genesys.client() {
        Some(client) => all.extend(checks(settings, client, needs).await),
        None => all.push(no_credentials_check()),
    }
    all
}

/// What the configuration means for Genesys topics other than attributes and transcription.
fn topics_check(settings: &GenesysSettings) -> Check {
    let name = "conversation topics";
    match (settings.fetch_conversation, settings.secret_id.is_some()) {
        (true, true) => Check::new(
            name,
            Status::Pass,
            format!(
                "events of conversation topics other than attributes and transcription (customer.start, acd.start, \
                 wrapup, ...) are scanned by reading the conversation (GENESYS_FETCH_CONVERSATION=true): the OAuth \
                 client needs {READ_PERMISSION}"
            ),
            None,
        ),
        (true, false) => Check::new(
            name,
            Status::Warn,
            "without Genesys credentials, events of conversation topics other than attributes and transcription \
             are not read, so their participant data is not scanned",
            Some("set GENESYS_SECRET_ID (and grant the client the read permission) to scan them in the dry-run too".into()),
        ),
        (false, _) => Check::new(
            name,
            Status::Pass,
            "conversations are not read (GENESYS_FETCH_CONVERSATION=false): attribute and transcription events are \
             scanned; events of other conversation topics carry no participant data and pass unscanned, so \
             subscribe only attribute and transcription topics (template: PartnerTopics=attributes)",
            None,
        ),
    }
}

/// Dry-run without `GENESYS_SECRET_ID`: nothing is read from or sent to Genesys.
fn no_credentials_check() -> Check {
    Check::new(
        "genesys credentials",
        Status::Skip,
        "no GENESYS_SECRET_ID: nothing is read from or sent to Genesys, so nothing can be paused",
        Some(format!(
            "set GENESYS_SECRET_ID to the Secrets Manager secret of the OAuth client ({BEFORE_ENFORCE})"
        )),
    )
}

/// The checks that need Genesys, in order; stops at the first one later checks depend on.
async fn checks(settings: &GenesysSettings, genesys: &GenesysClient, needs: Needs) -> Vec<Check> {
    let mut checks = Vec::new();
    let deadline = Deadline::after(Duration::from_secs(30));
    let store = genesys.secrets();
    // The function reads conversations to scan events that do not carry the data.
    let read_conversations = settings.fetch_conversation;
    // The secret, the region and a token are needed now when the function pauses or reads conversations.
    let login_now = needs.pause || read_conversations;
    let login_needed = severity(login_now);
    let later = |fix: String| when_needed(login_now, fix);

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
                login_needed,
                e.to_string(),
                Some(later(secret_fix(&e))),
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
            Status::Pass,
            format!("API {} ; login {}", e.api, e.login),
            None,
        )),
        Err(e) => {
            checks.push(Check::new(
                "region",
                login_needed,
                e,
                Some(later("set GENESYS_REGION (e.g. eu-west-1 or mypurecloud.ie) or add \"region\" to the secret".into())),
            ));
            return checks;
        }
    }

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
            checks.push(Check::new(
                "token",
                login_needed,
                e.to_string(),
                Some(later(fix)),
            ));
            return checks;
        }
    }

    checks.push(oauth_client_check(genesys, &deadline).await);

    let probe = genesys
        .set_recording_state(
            PROBE_CONVERSATION,
            MediaRoute::PerMedia("calls"),
            RecordingState::Paused,
            &deadline,
        )
        .await;
    let pause_fix = when_needed(
        needs.pause,
        format!(
            "add a role with {PAUSE_PERMISSION} to the OAuth client (Admin > OAuth > Roles), in the divisions of \
             your conversations; OAuth scopes do not apply to client credentials"
        ),
    );
    let pause_check = permission_check(
        PAUSE_CHECK,
        PAUSE_PERMISSION,
        probe.map(|_| ()),
        severity(needs.pause),
        pause_fix,
    );
    checks.push(if pause_check.status == Status::Pass {
        pause_check.proving_pause()
    } else {
        pause_check
    });

    let read = genesys
        .get_conversation(PROBE_CONVERSATION, &deadline)
        .await;
    let read_fix = if read_conversations {
        format!(
            "events of conversation topics are read to be scanned: add {READ_PERMISSION} to the OAuth client's \
             role, or set GENESYS_FETCH_CONVERSATION=false (template: FetchConversation=false, or \
             PartnerTopics=attributes) and subscribe only attribute and transcription topics"
        )
    } else {
        format!(
            "not needed for attribute and transcription events; without it a pause that Genesys answers 400 or 409 \
             cannot be confirmed as already paused and is reported failed: add {READ_PERMISSION} to the role"
        )
    };
    checks.push(permission_check(
        "conversation read",
        READ_PERMISSION,
        read.map(|_| ()),
        severity(read_conversations),
        read_fix,
    ));
    checks
}

/// `GET /api/v2/tokens/me`: which OAuth client and org the token belongs to (the client is under `OAuthClient`).
async fn oauth_client_check(genesys: &GenesysClient, deadline: &Deadline) -> Check {
    match genesys.token_info(deadline).await {
        Ok(info) => {
            let client = &info["OAuthClient"];
            let scopes = info["authorizedScope"]
                .as_array()
                .map(|a| a.len())
                .unwrap_or(0);
            Check::new(
                "oauth client",
                Status::Pass,
                format!(
                    "`{}` ({}) in org `{}`; {scopes} scope(s) listed (scopes do not apply to client credentials: roles do)",
                    client["name"].as_str().unwrap_or("?"),
                    client["id"].as_str().unwrap_or("?"),
                    info["organization"]["name"].as_str().unwrap_or("?"),
                ),
                None,
            )
        }
        Err(e) => Check::new(
            "oauth client",
            Status::Warn,
            format!("GET /api/v2/tokens/me: {e}"),
            None,
        ),
    }
}

fn permission_check(
    name: &'static str,
    permission: &str,
    probe: Result<(), GenesysError>,
    when_missing: Status,
    fix: String,
) -> Check {
    match probe {
        Err(e) if e.api().is_some_and(|a| a.status == 404) => Check::new(
            name,
            Status::Pass,
            format!("{permission} is held (a probe for a conversation that cannot exist got 404, not 403)"),
            None,
        ),
        Err(e) if e.api().is_some_and(|a| a.status == 403) => Check::new(
            name,
            when_missing,
            format!("{permission} is missing ({})", e.code()),
            Some(fix),
        ),
        Err(e) => Check::new(name, when_missing, e.to_string(), Some(e.hint())),
        Ok(()) => Check::new(
            name,
            Status::Warn,
            format!("the probe for conversation {PROBE_CONVERSATION} succeeded, which no org should allow"),
            None,
        ),
    }
}

fn secret_fix(e: &SecretError) -> String {
    match e {
        SecretError::NotFound { .. } => {
            "create it, or point GENESYS_SECRET_ID at the right name or ARN (and AWS_REGION at its region)".into()
        }
        SecretError::AccessDenied { .. } => {
            "grant secretsmanager:GetSecretValue on the secret (the SAM template does)".into()
        }
        SecretError::Malformed { .. } => {
            "store {\"client_id\":\"...\",\"client_secret\":\"...\",\"region\":\"...\"}".into()
        }
        SecretError::NoAwsCredentials { .. } => {
            "run with AWS credentials allowed to read the secret: AWS_PROFILE, or AWS_ACCESS_KEY_ID and \
             AWS_SECRET_ACCESS_KEY (in Lambda the function's role provides them)"
                .into()
        }
        SecretError::NoAwsRegion { .. } => {
            "set AWS_REGION to the region of the secret (in Lambda it is set to the function's region)".into()
        }
        SecretError::Throttled { .. } | SecretError::Unreachable { .. } => {
            "check network access to Secrets Manager and try again".into()
        }
        SecretError::Other { .. } => "see the error code in the Secrets Manager documentation".into(),
    }
}

//! NICE CXone's doctor checks, in order: the secret, discovery of the token endpoint, a token, discovery of the
//! tenant's API endpoint, and a harmless read that proves the token works there and the API user may make it (the
//! active contacts on the CXone ACD; get-recording-status, the Multi-ACD mask API's own read, on a third-party
//! ACD). Changes nothing: no agent session is joined and nothing is masked.

use super::client::CxoneClient;
use super::error::CxoneError;
use super::{Acd, Cxone};
use crate::http::Deadline;
use crate::platform::checks::{severity, when_needed, Check, Needs, Status, BEFORE_ENFORCE};
use std::time::Duration;

/// A contact id and an agent user id no tenant has: the probes' targets.
pub const PROBE_CONTACT: &str = "900000000000000001";
pub const PROBE_USER: &str = "00000000-0000-4000-8000-00000000d0c7";

pub async fn checks(cxone: &Cxone, needs: Needs) -> Vec<Check> {
    let Some(client) = cxone.client() else {
        return vec![Check::new(
            "cxone credentials",
            Status::Skip,
            "no CXONE_SECRET_ID (or no AWS environment): nothing is sent to CXone, so nothing can be masked",
            Some(format!(
                "set CXONE_SECRET_ID to the Secrets Manager secret with the access key and the application ({BEFORE_ENFORCE})"
            )),
        )];
    };
    // CXone is called only to mask: a dry-run needs none of it now.
    let failing = severity(needs.pause);
    let fix = |text: String| Some(when_needed(needs.pause, text));
    let deadline = Deadline::after(Duration::from_secs(30));
    let mut checks = Vec::new();

    match client.secrets().get().await {
        Ok(c) => checks.push(Check::new(
            "cxone secret",
            Status::Pass,
            format!(
                "`{}` readable; access key {}; application {} ({}); issuer {}",
                client.secrets().secret_id(),
                c.access_key_id,
                c.client_id,
                c.client_auth.as_str(),
                c.issuer
            ),
            None,
        )),
        Err(e) => {
            checks.push(Check::new(
                "cxone secret",
                failing,
                e.to_string(),
                fix("create the secret and grant the function secretsmanager:GetSecretValue on it (the SAM template \
                     does with CxoneSecretArn)"
                    .into()),
            ));
            return checks;
        }
    }

    let settings = cxone.settings();
    let overridden = |set: bool, name: &str| {
        if set {
            format!(" ({name})")
        } else {
            " (discovered)".to_string()
        }
    };
    match client.session_info(&deadline).await {
        Ok(info) => {
            checks.push(Check::new(
                "cxone token",
                Status::Pass,
                format!(
                    "password grant at {}{}; tenant {}",
                    info.token_url,
                    overridden(settings.auth_url.is_some(), "CXONE_AUTH_URL"),
                    info.tenant_id.as_deref().unwrap_or("(not in the token)")
                ),
                None,
            ));
            checks.push(Check::new(
                "cxone api endpoint",
                Status::Pass,
                format!(
                    "{}{}",
                    info.api,
                    overridden(settings.api_url.is_some(), "CXONE_API_URL")
                ),
                None,
            ));
        }
        Err(e) => {
            let name = match &e {
                CxoneError::Discovery { document, .. } if *document == "the API endpoint" => {
                    "cxone api endpoint"
                }
                CxoneError::Discovery { .. } => "cxone discovery",
                _ => "cxone token",
            };
            checks.push(Check::new(name, failing, e.to_string(), fix(e.hint())));
            return checks;
        }
    }

    checks.extend(match settings.acd {
        Acd::Cxone => agent_api_checks(client, needs, &deadline).await,
        Acd::MultiAcd => vec![multi_acd_check(client, needs, &deadline).await],
    });
    checks
}

/// The CXone ACD: the active-contacts read (which finds a contact's agent) proves the token and the read; joining
/// an agent's session and masking cannot be tried without a live call.
async fn agent_api_checks(client: &CxoneClient, needs: Needs, deadline: &Deadline) -> Vec<Check> {
    let read = match client.agent_of(PROBE_CONTACT, deadline).await {
        Ok(_) => Check::new(
            "cxone read",
            Status::Pass,
            "GET contacts/active answered: the token works on the API endpoint and the user may read the active \
             contacts (used when a record names no agentId)",
            None,
        ),
        Err(e) if e.api().is_some_and(|a| a.status == 403) => Check::new(
            "cxone read",
            Status::Warn,
            e.to_string(),
            Some("records must then name the contact's agentId".into()),
        ),
        Err(e) => Check::new(
            "cxone read",
            severity(needs.pause),
            e.to_string(),
            Some(when_needed(needs.pause, e.hint())),
        ),
    };
    let mask = Check::new(
        "cxone mask",
        Status::Warn,
        "joining an agent's session and masking through the Agent API cannot be tried without a live call, and \
         whether a back-end user may join another agent's session is not verified against a live tenant",
        Some(when_needed(
            needs.pause,
            "after enforcing, make one test call with a card number and check that its report says action `paused`"
                .into(),
        )),
    );
    vec![read, mask]
}

/// A third-party ACD: get-recording-status for an agent user that cannot exist; 404 means the Multi-ACD API
/// answers and the user may call it, 403 that it lacks the permission.
async fn multi_acd_check(client: &CxoneClient, needs: Needs, deadline: &Deadline) -> Check {
    let name = "cxone multi-acd";
    match client.recording_status(PROBE_USER, deadline).await {
        Err(e) if e.api().is_some_and(|a| a.status == 404) => Check::new(
            name,
            Status::Pass,
            "the Multi-ACD mask API answers and the user may use it (a status read for an agent user that cannot \
             exist got 404, not 403)",
            None,
        )
        .proving_pause(),
        Err(e) => Check::new(
            name,
            severity(needs.pause),
            e.to_string(),
            Some(when_needed(needs.pause, e.hint())),
        ),
        Ok(_) => Check::new(
            name,
            Status::Warn,
            format!("the status read for agent user {PROBE_USER} succeeded, which no tenant should allow"),
            None,
        ),
    }
}

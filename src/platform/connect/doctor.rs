//! Amazon Connect's doctor checks, per instance in `CONNECT_INSTANCE_IDS`: the calls pii-pause makes, each
//! probed on a contact id that cannot exist. Connect checks the caller's permission before it looks the contact
//! up, so `ResourceNotFoundException` means the call is allowed and the instance answers, and
//! `AccessDeniedException` that the role lacks the permission. Changes nothing.

use super::Connect;
use crate::http::Deadline;
use crate::platform::checks::{severity, when_needed, Check, Needs, Status as CheckStatus};
use crate::platform::PlatformError;
use std::time::Duration;

/// A contact id no instance has: the probes' target.
pub const PROBE_CONTACT: &str = "00000000-0000-4000-8000-00000000d0c7";

pub async fn checks(connect: &Connect, needs: Needs) -> Vec<Check> {
    let Some(client) = connect.client() else {
        return vec![Check::new(
            "connect",
            CheckStatus::Skip,
            "no AWS environment: Amazon Connect cannot be called",
            Some("run with AWS credentials and a region".into()),
        )];
    };
    let Some(instances) = connect.settings().instance_ids.clone() else {
        return vec![Check::new(
            "connect instances",
            CheckStatus::Skip,
            "CONNECT_INSTANCE_IDS is not set: events of any instance are accepted, none is checked",
            Some("set CONNECT_INSTANCE_IDS to the instance ids to accept and check".into()),
        )];
    };
    let deadline = Deadline::after(Duration::from_secs(30));
    let mut checks = Vec::new();
    for instance in &instances {
        let suspend = client
            .recording(true, instance, PROBE_CONTACT, PROBE_CONTACT, &deadline)
            .await;
        let suspend = probe(
            "connect suspend",
            instance,
            "connect:SuspendContactRecording",
            suspend.map(|_| ()),
            needs.pause,
        );
        checks.push(if suspend.status == CheckStatus::Pass {
            suspend.proving_pause()
        } else {
            suspend
        });
        let describe = client.describe(instance, PROBE_CONTACT, &deadline).await;
        checks.push(probe(
            "connect describe",
            instance,
            "connect:DescribeContact",
            describe.map(|_| ()),
            true,
        ));
        let attributes = client.attributes(instance, PROBE_CONTACT, &deadline).await;
        checks.push(probe(
            "connect attributes",
            instance,
            "connect:GetContactAttributes",
            attributes.map(|_| ()),
            true,
        ));
    }
    checks
}

/// One probe's check; a missing permission fails only when the function needs it now (`needed_now`).
fn probe(
    name: &'static str,
    instance: &str,
    permission: &str,
    outcome: Result<(), PlatformError>,
    needed_now: bool,
) -> Check {
    match outcome {
        Err(e) if e.not_found => Check::new(
            name,
            CheckStatus::Pass,
            format!("instance {instance} answers and {permission} is allowed (a probe for a contact that cannot exist got ResourceNotFoundException)"),
            None,
        ),
        Err(e) if e.code == "AccessDeniedException" => Check::new(
            name,
            severity(needed_now),
            format!("{permission} is denied on instance {instance}"),
            Some(when_needed(needed_now, format!(
                "allow {permission} on arn:aws:connect:<region>:<account>:instance/{instance}/contact/* in the function's role (the SAM template does with ConnectInstanceId)"
            ))),
        ),
        Err(e) => Check::new(name, severity(needed_now), e.message.clone(), Some(e.hint)),
        Ok(()) => Check::new(
            name,
            CheckStatus::Warn,
            format!("the probe for contact {PROBE_CONTACT} on instance {instance} succeeded, which no instance should allow"),
            None,
        ),
    }
}

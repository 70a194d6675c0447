//! Amazon Connect: `SuspendContactRecording` / `ResumeContactRecording` with the function's IAM role (SigV4),
//! `DescribeContact` and `GetContactAttributes` to learn what the event lacks, Connect's events on EventBridge,
//! errors with their fix, and the doctor's checks. Connect has no call that reads whether a recording is
//! suspended: every new PII event sends Suspend.

pub mod client;
pub mod doctor;
pub mod error;
pub mod events;

pub use client::ConnectClient;

use crate::config::Env;
use crate::http::Deadline;
use crate::intake::{IntakeError, Record};
use crate::platform::{
    Check, Confirmed, Contact, ContactRead, EventBridge, Needs, Platform, PlatformError,
    PlatformSettings, PlatformSetup,
};
use async_trait::async_trait;
use serde_json::{json, Value};
use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

/// The platform's name in records, reports and the ledger.
pub const NAME: &str = "connect";

/// Amazon Connect's registration.
pub static SETUP: Setup = Setup;

/// Reads Connect's section of the configuration.
pub struct Setup;

impl PlatformSetup for Setup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn configure(&self, env: &Env, errors: &mut Vec<String>) -> Box<dyn PlatformSettings> {
        Box::new(ConnectSettings::from_env(env, errors))
    }
}

/// Connect's settings.
#[derive(Debug, Clone)]
pub struct ConnectSettings {
    /// Contact Lens rule or action names that mean "PII present" (`CONNECT_PII_RULES`).
    pub pii_rules: Vec<String>,
    /// Instances whose events are accepted (`CONNECT_INSTANCE_IDS`; `None`: any).
    pub instance_ids: Option<Vec<String>>,
    /// Client-side limit of Suspend/Resume requests: this many per `rate_window` (Connect's default quota is
    /// 2 per second with a burst of 5, per account and Region).
    pub rate_limit: u32,
    /// The same for DescribeContact and GetContactAttributes (Connect's default: 10 per second, burst 15).
    pub read_rate_limit: u32,
    pub rate_window: Duration,
    /// Timeout of one request to Connect.
    pub http_timeout: Duration,
}

impl ConnectSettings {
    pub fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        let pii_rules = env
            .list("CONNECT_PII_RULES")
            .unwrap_or_else(|| vec!["PII_DETECTED".to_string()]);
        let instance_ids = env
            .list("CONNECT_INSTANCE_IDS")
            .filter(|l| !l.iter().any(|s| s == "*" || s.eq_ignore_ascii_case("any")))
            .map(|ids| {
                ids.into_iter()
                    .map(|id| instance_of_arn(&id).unwrap_or(id))
                    .collect::<Vec<_>>()
            });
        for id in instance_ids.iter().flatten() {
            if !valid_id(id) {
                errors.push(format!(
                    "CONNECT_INSTANCE_IDS: `{id}` is not a Connect instance id (the last part of the instance ARN)"
                ));
            }
        }
        // 5 in any 2.5 s: on average 2 per second, in bursts of 5, as Connect's default quota.
        let per_second = env.number("CONNECT_RATE_LIMIT_PER_SECOND", 2, 0, 1000, errors) as u32;
        ConnectSettings {
            pii_rules,
            instance_ids,
            rate_limit: per_second.saturating_mul(5) / 2,
            read_rate_limit: if per_second == 0 { 0 } else { 25 },
            rate_window: Duration::from_millis(2500),
            http_timeout: Duration::from_millis(env.number(
                "CONNECT_HTTP_TIMEOUT_MS",
                5000,
                100,
                60_000,
                errors,
            )),
        }
    }
}

#[async_trait]
impl PlatformSettings for ConnectSettings {
    fn name(&self) -> &'static str {
        NAME
    }

    fn configured(&self) -> bool {
        self.instance_ids.is_some()
    }

    fn how_to_configure(&self) -> &'static str {
        "for Amazon Connect set CONNECT_INSTANCE_IDS (the function's role must allow connect:SuspendContactRecording)"
    }

    async fn build(
        &self,
        aws: Option<&aws_config::SdkConfig>,
    ) -> Result<Arc<dyn Platform>, String> {
        let client = aws.map(|aws| ConnectClient::new(aws, self));
        Ok(Arc::new(Connect::new(self.clone(), client)))
    }

    fn offline(&self) -> Arc<dyn Platform> {
        Arc::new(Connect::new(self.clone(), None))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// How a Connect contact is addressed beyond its id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    pub instance_id: Option<String>,
    /// The first contact of the chain (after a transfer it differs from the contact id).
    pub initial_contact_id: Option<String>,
}

impl Locator {
    pub fn from_value(v: &Value) -> Self {
        let text = |k: &str| v.get(k).and_then(Value::as_str).map(str::to_string);
        Locator {
            instance_id: text("instanceId"),
            initial_contact_id: text("initialContactId"),
        }
    }

    pub fn to_value(&self) -> Value {
        json!({"instanceId": self.instance_id, "initialContactId": self.initial_contact_id})
    }
}

/// The instance id in an instance or contact ARN (`arn:aws:connect:…:instance/{id}[/contact/…]`).
pub fn instance_of_arn(arn: &str) -> Option<String> {
    let rest = arn.split_once(":instance/")?.1;
    let id = rest.split('/').next()?;
    (!id.is_empty()).then(|| id.to_string())
}

/// Whether an id can be sent to Connect (1-256 characters of letters, digits and `-`, as Connect's ids are).
pub fn valid_id(id: &str) -> bool {
    (1..=256).contains(&id.len()) && id.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
}

/// The Amazon Connect adapter.
pub struct Connect {
    settings: ConnectSettings,
    /// `None` without an AWS environment (offline `scan`).
    client: Option<ConnectClient>,
}

impl Connect {
    pub fn new(settings: ConnectSettings, client: Option<ConnectClient>) -> Self {
        Connect { settings, client }
    }

    pub fn settings(&self) -> &ConnectSettings {
        &self.settings
    }

    pub fn client(&self) -> Option<&ConnectClient> {
        self.client.as_ref()
    }

    fn ready(&self, contact: &Contact) -> Result<(&ConnectClient, String), PlatformError> {
        let client = self.client.as_ref().ok_or_else(|| {
            PlatformError::new(
                "setup.no_aws",
                "no AWS environment to call Amazon Connect with",
                "run with AWS credentials and a region (the function's role in Lambda)",
            )
        })?;
        if !valid_id(&contact.id) {
            return Err(PlatformError::new(
                "invalid.contact_id",
                "the conversationId is not an Amazon Connect contact id",
                "send the Connect ContactId (a UUID) in conversationId",
            ));
        }
        let instance = Locator::from_value(&contact.locator)
            .instance_id
            .filter(|i| valid_id(i))
            .ok_or_else(|| {
                PlatformError::new(
                    "invalid.instance_id",
                    "the record names no Amazon Connect instance",
                    "send instanceId (or instanceArn) with a Connect record",
                )
            })?;
        Ok((client, instance))
    }

    /// The initial contact id: the event's, else `DescribeContact`'s.
    async fn initial_contact(
        &self,
        client: &ConnectClient,
        instance: &str,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<String, PlatformError> {
        if let Some(initial) = Locator::from_value(&contact.locator)
            .initial_contact_id
            .filter(|i| valid_id(i))
        {
            return Ok(initial);
        }
        let described = client.describe(instance, &contact.id, deadline).await?;
        Ok(described
            .initial_contact_id
            .unwrap_or_else(|| contact.id.clone()))
    }

    async fn change(
        &self,
        contact: &Contact,
        suspend: bool,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        let (client, instance) = self.ready(contact)?;
        let initial = self
            .initial_contact(client, &instance, contact, deadline)
            .await?;
        let voice = contact
            .media_type
            .as_deref()
            .is_none_or(|m| m.eq_ignore_ascii_case("voice"));
        let mut current = contact.id.clone();
        // A transfer makes a new contact: a 404 for this one is answered by following the chain.
        for _ in 0..4 {
            match client
                .recording(suspend, &instance, &current, &initial, deadline)
                .await
            {
                Ok(()) => {
                    return Ok(Confirmed {
                        already: false,
                        state: Some(if suspend { "SUSPENDED" } else { "ACTIVE" }.into()),
                        context_id: None,
                    })
                }
                Err(e) if e.status == Some(400) && voice => {
                    // Connect documents no answer to Suspend on a suspended recording; it refuses a request
                    // "not allowed in current voice recording state": the recording is not recording now.
                    tracing::info!(
                        contact_id = %current,
                        code = %e.code,
                        "Connect refused the recording change as not allowed in the current recording state; the recording is already in that state or not recording"
                    );
                    return Ok(Confirmed {
                        already: true,
                        state: None,
                        context_id: None,
                    });
                }
                Err(e) if e.not_found => {
                    let next = client
                        .describe(&instance, &current, deadline)
                        .await
                        .ok()
                        .and_then(|d| d.next_contact_ids.into_iter().next());
                    match next {
                        Some(next) if valid_id(&next) && next != current => {
                            tracing::info!(from = %current, to = %next, "the contact was transferred; following it");
                            current = next;
                        }
                        _ => return Err(e),
                    }
                }
                Err(mut e) => {
                    if e.status == Some(400) {
                        e.hint = format!(
                            "Connect suspends voice and screen recordings only; a {} contact cannot be paused and is held: {}",
                            contact.media_type.as_deref().unwrap_or("non-voice"),
                            e.hint
                        );
                    }
                    return Err(e);
                }
            }
        }
        Err(PlatformError::new(
            "connect.transfer_chain",
            "the contact was transferred more than three times while pii-pause followed it",
            "the event is retried with the current contact",
        ))
    }
}

#[async_trait]
impl Platform for Connect {
    fn name(&self) -> &'static str {
        NAME
    }

    fn recognise(&self, event: &EventBridge<'_>) -> Option<Result<Vec<Record>, IntakeError>> {
        events::recognise(event, &self.settings)
    }

    fn locate(&self, record: &Value) -> Value {
        let text = |k: &str| {
            events::field(record, k)
                .and_then(Value::as_str)
                .map(str::trim)
                .filter(|s| !s.is_empty())
        };
        Locator {
            instance_id: text("instanceId")
                .map(str::to_string)
                .or_else(|| text("instanceArn").and_then(instance_of_arn)),
            initial_contact_id: text("initialContactId").map(str::to_string),
        }
        .to_value()
    }

    /// `GetContactAttributes` by the initial contact id (`DescribeContact` first when the event lacked it).
    async fn read(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<ContactRead, PlatformError> {
        let (client, instance) = self.ready(contact)?;
        let initial = self
            .initial_contact(client, &instance, contact, deadline)
            .await?;
        let attributes = client.attributes(&instance, &initial, deadline).await?;
        Ok(ContactRead {
            data: json!({ "attributes": attributes }),
            media_type: None,
            securely_paused: None,
            locator: Some(
                Locator {
                    instance_id: Some(instance),
                    initial_contact_id: Some(initial),
                }
                .to_value(),
            ),
        })
    }

    /// Connect has no call that reads whether a recording is suspended.
    async fn read_state(
        &self,
        _contact: &Contact,
        _deadline: &Deadline,
    ) -> Result<Option<bool>, PlatformError> {
        Ok(None)
    }

    async fn pause(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        self.change(contact, true, deadline).await
    }

    async fn resume(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        self.change(contact, false, deadline).await
    }

    async fn doctor(&self, needs: Needs) -> Vec<Check> {
        doctor::checks(self, needs).await
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instance_ids_from_arns() {
        assert_eq!(
            instance_of_arn("arn:aws:connect:us-east-1:123456789012:instance/4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a")
                .as_deref(),
            Some("4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a")
        );
        assert_eq!(
            instance_of_arn("arn:aws:connect:us-east-1:1:instance/abc/contact/def").as_deref(),
            Some("abc")
        );
        assert_eq!(instance_of_arn("abc"), None);
        assert!(valid_id("4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a"));
        assert!(!valid_id("../contacts"));
        assert!(!valid_id(""));
    }
}

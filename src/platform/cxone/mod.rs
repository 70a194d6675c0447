//! NICE CXone: mask and unmask of the live recording. On the CXone ACD through the Agent API (the contact's agent
//! from the record or the active contacts, its session joined once, `.../interactions/{contactId}/mask`); on a
//! third-party ACD through the Multi-ACD mask API (`mask?userId=`, 202 and 425 confirmed through
//! get-recording-status). Signs in with the password grant (an access key and the registered application), the
//! endpoints discovered from the issuer. CXone has no EventBridge source: its Studio scripts send records to the
//! HTTPS entry point (`crate::webhook`).

pub mod auth;
pub mod client;
pub mod credentials;
pub mod doctor;
pub mod error;

pub use client::CxoneClient;
pub use credentials::CxoneCredentials;
pub use error::CxoneError;

use crate::config::Env;
use crate::http::Deadline;
use crate::intake::{IntakeError, Record};
use crate::platform::{
    Check, Confirmed, Contact, ContactRead, EventBridge, Needs, Platform, PlatformError,
    PlatformSettings, PlatformSetup,
};
use crate::secret::SecretStore;
use async_trait::async_trait;
use serde_json::{json, Value};
use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

/// The platform's name in records, reports and the ledger.
pub const NAME: &str = "cxone";

/// NICE CXone's registration.
pub static SETUP: Setup = Setup;

/// Reads CXone's section of the configuration.
pub struct Setup;

impl PlatformSetup for Setup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn configure(&self, env: &Env, errors: &mut Vec<String>) -> Box<dyn PlatformSettings> {
        Box::new(CxoneSettings::from_env(env, errors))
    }
}

/// Which API masks the recording: the tenant's ACD decides.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Acd {
    /// The CXone (Mpower) ACD: the Agent API, through the agent's session.
    Cxone,
    /// A third-party ACD (Multi-ACD, CXone Open, Engagement Hub): the Multi-ACD mask API, per agent user.
    MultiAcd,
}

impl Acd {
    fn parse(text: &str) -> Option<Acd> {
        match text.to_ascii_lowercase().as_str() {
            "cxone" | "mpower" | "agent-api" => Some(Acd::Cxone),
            "multi-acd" | "multiacd" | "multi_acd" => Some(Acd::MultiAcd),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Acd::Cxone => "cxone",
            Acd::MultiAcd => "multi-acd",
        }
    }
}

/// CXone's settings.
#[derive(Debug, Clone)]
pub struct CxoneSettings {
    /// Secrets Manager secret with the access key and the application (`CXONE_SECRET_ID`).
    pub secret_id: Option<String>,
    /// `CXONE_API_URL`: the API base URL instead of the discovered `api_endpoint`.
    pub api_url: Option<String>,
    /// `CXONE_AUTH_URL`: the token endpoint instead of the discovered `token_endpoint`.
    pub auth_url: Option<String>,
    /// The Agent API version segment (`CXONE_API_VERSION`, `v23.0`).
    pub api_version: String,
    /// The tenant's ACD (`CXONE_ACD`); a record's `acd` overrides it.
    pub acd: Acd,
    pub secret_ttl: Duration,
    /// Timeout of one HTTP request to CXone.
    pub http_timeout: Duration,
}

impl CxoneSettings {
    pub fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        let api_version = env
            .get("CXONE_API_VERSION")
            .unwrap_or_else(|| "v23.0".to_string());
        if !valid_version(&api_version) {
            errors.push(format!(
                "CXONE_API_VERSION=`{api_version}` is not an API version segment like `v23.0`"
            ));
        }
        let acd = match env.get("CXONE_ACD") {
            None => Acd::Cxone,
            Some(text) => Acd::parse(&text).unwrap_or_else(|| {
                errors.push(format!(
                    "CXONE_ACD=`{text}` is not an ACD: use `cxone` (the Agent API) or `multi-acd` (the Multi-ACD mask API)"
                ));
                Acd::Cxone
            }),
        };
        CxoneSettings {
            secret_id: env.get("CXONE_SECRET_ID"),
            api_url: env.base_url("CXONE_API_URL", errors),
            auth_url: env.base_url("CXONE_AUTH_URL", errors),
            api_version,
            acd,
            secret_ttl: Duration::from_secs(env.number(
                "SECRET_TTL_SECONDS",
                300,
                0,
                86_400,
                errors,
            )),
            http_timeout: Duration::from_millis(env.number(
                "CXONE_HTTP_TIMEOUT_MS",
                5000,
                100,
                60_000,
                errors,
            )),
        }
    }
}

#[async_trait]
impl PlatformSettings for CxoneSettings {
    fn name(&self) -> &'static str {
        NAME
    }

    fn configured(&self) -> bool {
        self.secret_id.is_some()
    }

    fn how_to_configure(&self) -> &'static str {
        "for NICE CXone set CXONE_SECRET_ID (the Secrets Manager secret with the access key and the registered \
         application's client id and secret)"
    }

    async fn build(
        &self,
        aws: Option<&aws_config::SdkConfig>,
    ) -> Result<Arc<dyn Platform>, String> {
        let client = match (&self.secret_id, aws) {
            (Some(secret_id), Some(aws)) => {
                let store = SecretStore::holding(
                    aws_sdk_secretsmanager::Client::new(aws),
                    secret_id.clone(),
                    self.secret_ttl,
                );
                Some(CxoneClient::new(self, Arc::new(store))?)
            }
            _ => None,
        };
        Ok(Arc::new(Cxone::new(self.clone(), client)))
    }

    fn offline(&self) -> Arc<dyn Platform> {
        Arc::new(Cxone::new(self.clone(), None))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// How a CXone contact is addressed beyond its id.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Locator {
    /// The agent handling the contact (the Agent API joins this agent's session).
    pub agent_id: Option<String>,
    /// The agent's user id (the Multi-ACD mask API masks this user's latest interaction).
    pub user_id: Option<String>,
    /// The record's ACD, overriding `CXONE_ACD`.
    pub acd: Option<Acd>,
}

impl Locator {
    pub fn from_value(v: &Value) -> Self {
        let text = |k: &str| match v.get(k) {
            Some(Value::String(s)) if !s.trim().is_empty() => Some(s.trim().to_string()),
            Some(Value::Number(n)) => Some(n.to_string()),
            _ => None,
        };
        Locator {
            agent_id: text("agentId"),
            user_id: text("userId"),
            acd: text("acd").and_then(|a| Acd::parse(&a)),
        }
    }

    pub fn to_value(&self) -> Value {
        json!({"agentId": self.agent_id, "userId": self.user_id, "acd": self.acd.map(Acd::as_str)})
    }
}

/// Whether an id can go into a CXone request path (contact, agent and session ids: letters, digits, `-`, `_`).
pub fn valid_id(id: &str) -> bool {
    (1..=64).contains(&id.len())
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

fn valid_version(v: &str) -> bool {
    v.strip_prefix('v').is_some_and(|rest| {
        let mut parts = rest.split('.');
        let number = |p: Option<&str>| {
            p.is_some_and(|p| !p.is_empty() && p.bytes().all(|b| b.is_ascii_digit()))
        };
        number(parts.next()) && number(parts.next()) && parts.next().is_none()
    })
}

/// The NICE CXone adapter.
pub struct Cxone {
    settings: CxoneSettings,
    /// `None` when no secret is configured (dry-run without credentials, offline `scan`).
    client: Option<CxoneClient>,
}

impl Cxone {
    pub fn new(settings: CxoneSettings, client: Option<CxoneClient>) -> Self {
        Cxone { settings, client }
    }

    pub fn settings(&self) -> &CxoneSettings {
        &self.settings
    }

    pub fn client(&self) -> Option<&CxoneClient> {
        self.client.as_ref()
    }

    fn ready(&self, contact: &Contact) -> Result<(&CxoneClient, Locator), PlatformError> {
        if !valid_id(&contact.id) {
            return Err(PlatformError::new(
                "invalid.contact_id",
                "the conversationId is not a CXone contact id",
                "send the CXone ContactId (Studio's {ContactId}) in conversationId",
            ));
        }
        let client = self.client.as_ref().ok_or_else(|| {
            PlatformError::new(
                "setup.no_credentials",
                "no CXone credentials are configured",
                "set CXONE_SECRET_ID, or PII_PAUSE_MODE=dry-run to only report",
            )
        })?;
        let locator = Locator::from_value(&contact.locator);
        for id in [&locator.agent_id, &locator.user_id].into_iter().flatten() {
            if !valid_id(id) {
                return Err(PlatformError::new(
                    "invalid.agent",
                    "the record's agentId or userId is not a CXone id",
                    "send Studio's {AgentId} as agentId (CXone ACD) or the agent's user id as userId (Multi-ACD)",
                ));
            }
        }
        Ok((client, locator))
    }

    /// The ACD of a contact: its record's, else the tenant's.
    fn acd(&self, locator: &Locator) -> Acd {
        locator.acd.unwrap_or(self.settings.acd)
    }

    /// The contact's agent: the record's, else the active contacts'.
    async fn agent(
        &self,
        client: &CxoneClient,
        contact: &Contact,
        locator: &Locator,
        deadline: &Deadline,
    ) -> Result<String, PlatformError> {
        if let Some(agent) = &locator.agent_id {
            return Ok(agent.clone());
        }
        let found = client
            .agent_of(&contact.id, deadline)
            .await
            .map_err(|e| PlatformError::from(&e))?;
        match found.filter(|a| valid_id(a)) {
            Some(agent) => Ok(agent),
            None => Err(PlatformError {
                not_found: true,
                ..PlatformError::new(
                    "cxone.no_agent",
                    format!("CXone shows no agent on contact {} now", contact.id),
                    "the call ended, or is still in the IVR or queue: the Agent API masks through the agent's \
                     session, so nothing can be masked and the contact is held; send agentId when the agent is known",
                )
            }),
        }
    }

    async fn change(
        &self,
        contact: &Contact,
        mask: bool,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        let (client, locator) = self.ready(contact)?;
        let masked = match self.acd(&locator) {
            Acd::Cxone => {
                let agent = self.agent(client, contact, &locator, deadline).await?;
                client.agent_mask(&agent, &contact.id, mask, deadline).await
            }
            Acd::MultiAcd => {
                let user = locator.user_id.as_deref().ok_or_else(|| {
                    PlatformError::new(
                        "cxone.no_user_id",
                        "the record names no userId for the Multi-ACD mask API",
                        "send the agent's CXone user id as userId (the Multi-ACD API masks per agent user)",
                    )
                })?;
                client.multi_acd_mask(user, mask, deadline).await
            }
        }
        .map_err(|e| PlatformError::from(&e))?;
        Ok(Confirmed {
            already: masked.already,
            state: Some(if mask { "MASKED" } else { "ACTIVE" }.into()),
            context_id: masked.correlation_id,
        })
    }
}

#[async_trait]
impl Platform for Cxone {
    fn name(&self) -> &'static str {
        NAME
    }

    /// CXone has no EventBridge source.
    fn recognise(&self, _event: &EventBridge<'_>) -> Option<Result<Vec<Record>, IntakeError>> {
        None
    }

    fn locate(&self, record: &Value) -> Value {
        Locator::from_value(record).to_value()
    }

    /// CXone records carry their data; a read learns the contact's agent (CXone ACD) and whether the agent
    /// user's recording is masked now (Multi-ACD).
    async fn read(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<ContactRead, PlatformError> {
        let (client, mut locator) = self.ready(contact)?;
        if self.acd(&locator) == Acd::Cxone {
            locator.agent_id = Some(self.agent(client, contact, &locator, deadline).await?);
        }
        Ok(ContactRead {
            data: json!({}),
            media_type: None,
            securely_paused: self.read_state(contact, deadline).await?,
            locator: Some(locator.to_value()),
        })
    }

    /// On a third-party ACD, get-recording-status says whether the agent user's recording is masked now; the
    /// Agent API has no such read.
    async fn read_state(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Option<bool>, PlatformError> {
        let (client, locator) = self.ready(contact)?;
        match (self.acd(&locator), &locator.user_id) {
            (Acd::MultiAcd, Some(user)) => client
                .recording_status(user, deadline)
                .await
                .map(|status| Some(status.masked()))
                .map_err(|e| PlatformError::from(&e)),
            _ => Ok(None),
        }
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
    fn ids_versions_and_locators() {
        assert!(valid_id("584893020"));
        assert!(valid_id("11ee-ab12_cd"));
        assert!(!valid_id("../agent-sessions"));
        assert!(!valid_id("1?x=2"));
        assert!(!valid_id(""));
        assert!(valid_version("v23.0"));
        assert!(valid_version("v2.0"));
        assert!(!valid_version("23.0"));
        assert!(!valid_version("v23"));
        assert!(!valid_version("v23.0/../x"));
        let l = Locator::from_value(
            &json!({"agentId": 1234567, "userId": " u-1 ", "acd": "Multi-ACD"}),
        );
        assert_eq!(
            l,
            Locator {
                agent_id: Some("1234567".into()),
                user_id: Some("u-1".into()),
                acd: Some(Acd::MultiAcd)
            }
        );
        assert_eq!(Locator::from_value(&l.to_value()), l);
    }
}

//! Genesys Cloud: secure pause through `PUT /api/v2/conversations/{media}/{id}/recordingstate` (the generic
//! `PATCH` for unknown media) with a client-credentials token, conversation reads, partner events on
//! EventBridge, errors decoded with their fix, and the doctor's checks.

pub mod client;
pub mod doctor;
pub mod endpoints;
pub mod error;
pub mod events;
pub mod hints;
pub mod media;
pub mod region;

pub use client::{GenesysClient, PauseConfirmation, RecordingRead, RecordingState};
pub use error::{ApiError, GenesysError};
pub use media::MediaRoute;

use crate::config::Env;
use crate::http::Deadline;
use crate::intake::{IntakeError, Record};
use crate::platform::{
    Check, Confirmed, Contact, ContactRead, EventBridge, Needs, Platform, PlatformError,
    PlatformSettings, PlatformSetup,
};
use crate::secret::SecretStore;
use async_trait::async_trait;
use region::Region;
use serde_json::{json, Value};
use std::any::Any;
use std::sync::Arc;
use std::time::Duration;

/// The platform's name in records, reports and the ledger.
pub const NAME: &str = "genesys";

/// Genesys Cloud's registration.
pub static SETUP: Setup = Setup;

/// Reads Genesys' section of the configuration.
pub struct Setup;

impl PlatformSetup for Setup {
    fn name(&self) -> &'static str {
        NAME
    }

    fn configure(&self, env: &Env, errors: &mut Vec<String>) -> Box<dyn PlatformSettings> {
        Box::new(GenesysSettings::from_env(env, errors))
    }
}

/// Genesys' settings.
#[derive(Debug, Clone)]
pub struct GenesysSettings {
    /// Secrets Manager secret with the OAuth client (`GENESYS_SECRET_ID`).
    pub secret_id: Option<String>,
    /// Region from `GENESYS_REGION`; when `None`, the secret's `region` is used.
    pub region: Option<&'static Region>,
    pub api_url: Option<String>,
    pub login_url: Option<String>,
    pub secret_ttl: Duration,
    /// Timeout of one HTTP request to Genesys.
    pub http_timeout: Duration,
    /// Client-side limit of Genesys API requests per window (0: off).
    pub rate_limit_per_minute: u32,
    /// The rate limit's window (one minute, as Genesys counts; shorter only in tests).
    pub rate_window: Duration,
    /// Read the conversation (`GET /api/v2/conversations/{id}`) for topics other than attributes.
    pub fetch_conversation: bool,
}

impl GenesysSettings {
    pub fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        let region = match env.get("GENESYS_REGION") {
            None => None,
            Some(name) => match region::resolve(&name) {
                Ok(r) => Some(r),
                Err(e) => {
                    errors.push(format!("GENESYS_REGION: {e}"));
                    None
                }
            },
        };
        GenesysSettings {
            secret_id: env.get("GENESYS_SECRET_ID"),
            region,
            api_url: env.base_url("GENESYS_API_URL", errors),
            login_url: env.base_url("GENESYS_LOGIN_URL", errors),
            secret_ttl: Duration::from_secs(env.number(
                "SECRET_TTL_SECONDS",
                300,
                0,
                86_400,
                errors,
            )),
            http_timeout: Duration::from_millis(env.number(
                "GENESYS_HTTP_TIMEOUT_MS",
                5000,
                100,
                60_000,
                errors,
            )),
            rate_limit_per_minute: env.number(
                "GENESYS_RATE_LIMIT_PER_MINUTE",
                300,
                0,
                100_000,
                errors,
            ) as u32,
            rate_window: Duration::from_millis(env.number(
                "GENESYS_RATE_WINDOW_MS",
                60_000,
                100,
                3_600_000,
                errors,
            )),
            fetch_conversation: env.flag("GENESYS_FETCH_CONVERSATION", true, errors),
        }
    }
}

#[async_trait]
impl PlatformSettings for GenesysSettings {
    fn name(&self) -> &'static str {
        NAME
    }

    fn configured(&self) -> bool {
        self.secret_id.is_some()
    }

    fn how_to_configure(&self) -> &'static str {
        "for Genesys Cloud set GENESYS_SECRET_ID (the Secrets Manager secret, name or ARN, that holds \
         {\"client_id\",\"client_secret\",\"region\"})"
    }

    async fn build(
        &self,
        aws: Option<&aws_config::SdkConfig>,
    ) -> Result<Arc<dyn Platform>, String> {
        let client = match (&self.secret_id, aws) {
            (Some(secret_id), Some(aws)) => {
                let store = SecretStore::new(
                    aws_sdk_secretsmanager::Client::new(aws),
                    secret_id.clone(),
                    self.secret_ttl,
                );
                Some(GenesysClient::new(self, Arc::new(store)).map_err(|e| e.to_string())?)
            }
            _ => None,
        };
        Ok(Arc::new(Genesys::new(self.clone(), client)))
    }

    fn offline(&self) -> Arc<dyn Platform> {
        Arc::new(Genesys::new(self.clone(), None))
    }

    fn as_any(&self) -> &dyn Any {
        self
    }
}

/// The Genesys Cloud adapter.
pub struct Genesys {
    settings: GenesysSettings,
    /// `None` when no secret is configured (dry-run without credentials).
    client: Option<GenesysClient>,
}

impl Genesys {
    pub fn new(settings: GenesysSettings, client: Option<GenesysClient>) -> Self {
        Genesys { settings, client }
    }

    pub fn settings(&self) -> &GenesysSettings {
        &self.settings
    }

    pub fn client(&self) -> Option<&GenesysClient> {
        self.client.as_ref()
    }

    fn ready(&self, id: &str) -> Result<&GenesysClient, PlatformError> {
        if !is_genesys_id(id) {
            return Err(PlatformError::new(
                "invalid.conversation_id",
                "the conversationId is not a Genesys conversation id (a UUID)",
                "send the Genesys conversation id (36-character UUID) in conversationId",
            ));
        }
        self.client.as_ref().ok_or_else(|| {
            PlatformError::new(
                "setup.no_credentials",
                "no Genesys credentials are configured",
                "set GENESYS_SECRET_ID, or PII_PAUSE_MODE=dry-run to only report",
            )
        })
    }

    async fn set(
        &self,
        contact: &Contact,
        state: RecordingState,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        let client = self.ready(&contact.id)?;
        let route = MediaRoute::for_media_type(contact.media_type.as_deref());
        match client
            .set_recording_state(&contact.id, route, state, deadline)
            .await
        {
            Ok(c) => Ok(Confirmed {
                already: false,
                state: Some(
                    c.state
                        .unwrap_or_else(|| state.as_str().to_string())
                        .to_ascii_uppercase(),
                ),
                context_id: c.context_id,
            }),
            Err(e)
                if state == RecordingState::Paused
                    && already_paused(client, &contact.id, route, &e, deadline).await =>
            {
                Ok(Confirmed {
                    already: true,
                    state: Some(state.as_str().to_string()),
                    context_id: e.api().and_then(|a| a.context_id.clone()),
                })
            }
            Err(e) => Err(PlatformError::from(&e)),
        }
    }
}

/// After a 400 or 409 on a pause, reads the conversation to learn whether the recording is in fact already
/// securely paused now (pausing a paused recording is success). Only `securePause` true proves it: a recording
/// paused by hold suppression is not. Any doubt keeps the failure.
async fn already_paused(
    client: &GenesysClient,
    id: &str,
    route: MediaRoute,
    e: &GenesysError,
    deadline: &Deadline,
) -> bool {
    if !e.api().is_some_and(|a| matches!(a.status, 400 | 409)) {
        return false;
    }
    match client.read_recording(id, route, deadline).await {
        Ok(read) => read.securely_paused(),
        Err(_) => false,
    }
}

/// Participant media arrays of a Genesys `Conversation` and the media type each means.
const MEDIA_ARRAYS: [(&str, &str); 9] = [
    ("calls", "call"),
    ("callbacks", "callback"),
    ("chats", "chat"),
    ("cobrowsesessions", "cobrowse"),
    ("emails", "email"),
    ("messages", "message"),
    ("screenshares", "screenshare"),
    ("socialExpressions", "social"),
    ("videos", "video"),
];

#[async_trait]
impl Platform for Genesys {
    fn name(&self) -> &'static str {
        NAME
    }

    fn recognise(&self, event: &EventBridge<'_>) -> Option<Result<Vec<Record>, IntakeError>> {
        events::recognise(event, self.settings.fetch_conversation)
    }

    fn locate(&self, _record: &Value) -> Value {
        Value::Null
    }

    /// `GET /api/v2/conversations/{id}`: the participants' attributes to scan (the rest of a `Conversation` is
    /// system data: addresses, ids, states, times), the media type, and whether it is securely paused now.
    async fn read(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<ContactRead, PlatformError> {
        let client = self.ready(&contact.id)?;
        let doc = client
            .get_conversation(&contact.id, deadline)
            .await
            .map_err(|e| {
                let mut error = PlatformError::from(&e);
                error.hint = format!(
                    "the conversation could not be read to scan it (GET needs conversation:communication:view): {}",
                    error.hint
                );
                error
            })?;
        let participants: Vec<Value> = doc["participants"]
            .as_array()
            .into_iter()
            .flatten()
            .map(|p| json!({ "attributes": p.get("attributes").cloned().unwrap_or(Value::Null) }))
            .collect();
        let media_type = doc["participants"].as_array().and_then(|ps| {
            ps.iter().find_map(|p| {
                MEDIA_ARRAYS
                    .iter()
                    .find(|(key, _)| p[*key].as_array().is_some_and(|a| !a.is_empty()))
                    .map(|(_, media)| media.to_string())
            })
        });
        Ok(ContactRead {
            data: json!({ "participants": participants }),
            media_type,
            securely_paused: Some(RecordingRead::from_conversation(&doc).securely_paused()),
            locator: None,
        })
    }

    /// `GET /api/v2/conversations/calls/{id}` for calls (no permission needed), the generic GET for other media.
    async fn read_state(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Option<bool>, PlatformError> {
        let client = self.ready(&contact.id)?;
        let route = MediaRoute::for_media_type(contact.media_type.as_deref());
        client
            .read_recording(&contact.id, route, deadline)
            .await
            .map(|read| Some(read.securely_paused()))
            .map_err(|e| PlatformError::from(&e))
    }

    async fn pause(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        self.set(contact, RecordingState::Paused, deadline).await
    }

    async fn resume(
        &self,
        contact: &Contact,
        deadline: &Deadline,
    ) -> Result<Confirmed, PlatformError> {
        self.set(contact, RecordingState::Active, deadline).await
    }

    async fn doctor(&self, needs: Needs) -> Vec<Check> {
        doctor::run(self, needs).await
    }
}

impl From<&GenesysError> for PlatformError {
    fn from(e: &GenesysError) -> Self {
        let api = e.api();
        PlatformError {
            status: api.map(|a| a.status),
            code: e.code(),
            context_id: api.and_then(|a| a.context_id.clone()),
            message: e.to_string(),
            hint: e.hint(),
            not_found: e.is_not_found(),
        }
    }
}

/// Whether a conversation id has the shape of a Genesys id (a UUID). Only such ids go into request paths.
pub fn is_genesys_id(id: &str) -> bool {
    let bytes = id.as_bytes();
    bytes.len() == 36
        && bytes.iter().enumerate().all(|(i, b)| match i {
            8 | 13 | 18 | 23 => *b == b'-',
            _ => b.is_ascii_hexdigit(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuid_shape() {
        assert!(is_genesys_id("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e"));
        assert!(is_genesys_id("2F7B4C1E-8D3A-4F6B-9C2D-0E1F2A3B433E"));
        assert!(!is_genesys_id("../../api/v2/users"));
        assert!(!is_genesys_id("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433"));
        assert!(!is_genesys_id("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433g"));
        assert!(!is_genesys_id("2f7b4c1e18d3a-4f6b-9c2d-0e1f2a3b433e"));
    }
}

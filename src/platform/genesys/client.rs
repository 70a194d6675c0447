//! The Genesys Cloud API client: one shared OAuth token (single flight), recording-state changes,
//! conversation reads, and retries inside the invocation deadline, over the shared HTTP machinery.

use super::endpoints::{self, Endpoints};
use super::error::{ApiError, GenesysError};
use super::media::MediaRoute;
use super::region::Region;
use super::GenesysSettings;
use crate::http::session::renew_at;
use crate::http::{
    Deadline, HttpClient, HttpError, Lease, RateLimiter, Response, RetryPolicy, Sessions,
};
use crate::redact::Secret;
use crate::secret::{Credentials, SecretStore};
use reqwest::Method;
use serde::Deserialize;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The recording states of `SetRecordingState`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RecordingState {
    Active,
    Paused,
}

impl RecordingState {
    pub fn as_str(self) -> &'static str {
        match self {
            RecordingState::Active => "ACTIVE",
            RecordingState::Paused => "PAUSED",
        }
    }
}

/// What Genesys confirmed for a recording-state change.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PauseConfirmation {
    pub status: u16,
    pub context_id: Option<String>,
    /// The state Genesys answered with (the PUT returns it as a JSON string; the PATCH answers 202 with none).
    pub state: Option<String>,
}

/// The recording state of a conversation as a read of it shows now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingRead {
    /// `recordingState` (upper case on `/conversations/{id}`, lower case on `/conversations/calls/{id}`).
    pub state: Option<String>,
    /// `securePause`: only `true` proves a secure pause (hold suppression also reads `paused`).
    pub secure_pause: Option<bool>,
}

impl RecordingRead {
    /// Reads the conversation-level fields of a `Conversation` or `CallConversation` document.
    pub fn from_conversation(doc: &serde_json::Value) -> Self {
        RecordingRead {
            state: doc["recordingState"].as_str().map(str::to_string),
            secure_pause: doc["securePause"].as_bool(),
        }
    }

    /// Whether the recording is securely paused.
    pub fn securely_paused(&self) -> bool {
        self.state
            .as_deref()
            .is_some_and(|s| s.eq_ignore_ascii_case("paused"))
            && self.secure_pause == Some(true)
    }
}

/// How long a refused login (wrong credentials, unknown region, unreadable secret) is answered from memory.
const REFUSAL_MEMORY: Duration = Duration::from_secs(10);

/// Whether a failure to get a session may pass by itself (network, throttling, deadline), so it is not kept.
fn is_transient(e: &GenesysError) -> bool {
    match e {
        GenesysError::Secret(s) => s.is_transient(),
        GenesysError::Transport { .. }
        | GenesysError::Deadline { .. }
        | GenesysError::RateBudget { .. } => true,
        GenesysError::Login { status, .. } => *status == 429 || *status >= 500,
        _ => false,
    }
}

/// A token and the endpoints it was issued for.
#[derive(Clone)]
struct Session {
    token: Secret,
    endpoints: Endpoints,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize, Default)]
struct OAuthErrorBody {
    #[serde(default)]
    error: Option<String>,
    #[serde(default)]
    error_description: Option<String>,
    #[serde(default)]
    description: Option<String>,
}

/// A Genesys Cloud client, built once per process and shared by every invocation.
pub struct GenesysClient {
    http: HttpClient,
    secrets: Arc<SecretStore>,
    api_url: Option<String>,
    login_url: Option<String>,
    region: Option<&'static Region>,
    sessions: Sessions<Session, GenesysError>,
    limiter: RateLimiter,
}

impl GenesysClient {
    /// Builds the HTTP client (rustls) once.
    pub fn new(
        settings: &GenesysSettings,
        secrets: Arc<SecretStore>,
    ) -> Result<Self, GenesysError> {
        let http = HttpClient::new("Genesys", "inin-correlation-id", settings.http_timeout)
            .map_err(GenesysError::Setup)?;
        Ok(GenesysClient {
            http,
            secrets,
            api_url: settings.api_url.clone(),
            login_url: settings.login_url.clone(),
            region: settings.region,
            sessions: Sessions::new(REFUSAL_MEMORY),
            limiter: RateLimiter::new(
                "Genesys API",
                settings.rate_limit_per_minute,
                settings.rate_window,
            ),
        })
    }

    /// Replaces the retry policy (tests use short waits).
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.http = self.http.with_policy(policy);
        self
    }

    /// The secret store the OAuth client is read from.
    pub fn secrets(&self) -> &SecretStore {
        &self.secrets
    }

    /// Sets the recording state of a conversation (a secure pause for `Paused`).
    pub async fn set_recording_state(
        &self,
        conversation_id: &str,
        route: MediaRoute,
        state: RecordingState,
        deadline: &Deadline,
    ) -> Result<PauseConfirmation, GenesysError> {
        let method = match route {
            MediaRoute::PerMedia(_) => Method::PUT,
            MediaRoute::Generic => Method::PATCH,
        };
        let body = serde_json::json!({ "recordingState": state.as_str() });
        let (status, context_id, bytes) = self
            .api_call(method, &route.path(conversation_id), Some(&body), deadline)
            .await?;
        let state = serde_json::from_slice::<String>(&bytes).ok();
        Ok(PauseConfirmation {
            status,
            context_id,
            state,
        })
    }

    /// `GET /api/v2/conversations/{id}`.
    pub async fn get_conversation(
        &self,
        conversation_id: &str,
        deadline: &Deadline,
    ) -> Result<serde_json::Value, GenesysError> {
        self.get_json(
            &format!("/api/v2/conversations/{conversation_id}"),
            deadline,
        )
        .await
    }

    /// Reads the recording state now: `GET /api/v2/conversations/calls/{id}` for calls (it needs no permission),
    /// `GET /api/v2/conversations/{id}` for other media (it needs `conversation:communication:view`).
    pub async fn read_recording(
        &self,
        conversation_id: &str,
        route: MediaRoute,
        deadline: &Deadline,
    ) -> Result<RecordingRead, GenesysError> {
        let path = match route {
            MediaRoute::PerMedia("calls") => {
                format!("/api/v2/conversations/calls/{conversation_id}")
            }
            _ => format!("/api/v2/conversations/{conversation_id}"),
        };
        let doc = self.get_json(&path, deadline).await?;
        Ok(RecordingRead::from_conversation(&doc))
    }

    /// `GET /api/v2/tokens/me`: what Genesys knows of the OAuth client behind the token.
    pub async fn token_info(&self, deadline: &Deadline) -> Result<serde_json::Value, GenesysError> {
        self.get_json("/api/v2/tokens/me", deadline).await
    }

    /// The endpoints in use (after the first token), for diagnostics.
    pub async fn endpoints(&self, deadline: &Deadline) -> Result<Endpoints, GenesysError> {
        Ok(self.session(deadline).await?.session.endpoints)
    }

    async fn get_json(
        &self,
        path: &str,
        deadline: &Deadline,
    ) -> Result<serde_json::Value, GenesysError> {
        let (_, _, bytes) = self.api_call(Method::GET, path, None, deadline).await?;
        serde_json::from_slice(&bytes).map_err(|e| GenesysError::Protocol {
            what: path.to_string(),
            reason: format!("body is not JSON ({e})"),
        })
    }

    /// One API call with the shared token: a 401 refreshes the token once; 429/5xx/transport errors retry.
    async fn api_call(
        &self,
        method: Method,
        path: &str,
        body: Option<&serde_json::Value>,
        deadline: &Deadline,
    ) -> Result<(u16, Option<String>, Vec<u8>), GenesysError> {
        let mut refreshed = false;
        loop {
            let lease = self.session(deadline).await?;
            let session = &lease.session;
            let url = format!("{}{}", session.endpoints.api, path);
            let what = format!("{method} {path}");
            if let Err(e) = self.limiter.acquire(deadline).await {
                return Err(GenesysError::RateBudget {
                    what,
                    wait_ms: e.wait.as_millis() as u64,
                });
            }
            let outcome = self
                .execute(&what, deadline, || {
                    let mut req = self
                        .http
                        .http()
                        .request(method.clone(), &url)
                        .bearer_auth(session.token.expose());
                    if let Some(b) = body {
                        req = req.json(b);
                    }
                    req
                })
                .await?;
            if outcome.is_success() {
                return Ok((outcome.status, outcome.correlation, outcome.body));
            }
            let error = ApiError::from_response(outcome.status, outcome.correlation, &outcome.body);
            if outcome.status == 401 && !refreshed {
                tracing::info!(code = %error.code, context_id = ?error.context_id, "Genesys rejected the token; fetching a new one");
                self.sessions.invalidate(lease.serial).await;
                refreshed = true;
                continue;
            }
            return Err(match outcome.retries_exhausted_by_deadline {
                Some(attempts) => GenesysError::Deadline {
                    attempts,
                    last: Box::new(GenesysError::Api(error)),
                },
                None => GenesysError::Api(error),
            });
        }
    }

    /// The cached session, or a new token. Concurrent callers wait for one login (single flight), and a
    /// login that was refused is not retried by every waiting conversation: the refusal is kept briefly.
    async fn session(&self, deadline: &Deadline) -> Result<Lease<Session>, GenesysError> {
        self.sessions
            .get(|| self.new_session(deadline), is_transient)
            .await
    }

    async fn new_session(&self, deadline: &Deadline) -> Result<(Session, Instant), GenesysError> {
        let credentials = self.secrets.get().await?;
        let session = match self.login(&credentials, deadline).await {
            Err(err @ GenesysError::Login { .. }) if err.is_rejected_client() => {
                // The secret may have been rotated since it was cached: read it again, once.
                let (fresh, changed) = self.secrets.refresh().await?;
                if !changed {
                    return Err(err);
                }
                tracing::info!(
                    "the OAuth client changed in Secrets Manager; logging in with the new one"
                );
                self.login(&fresh, deadline).await?
            }
            other => other?,
        };
        Ok(session)
    }

    async fn login(
        &self,
        credentials: &Credentials,
        deadline: &Deadline,
    ) -> Result<(Session, Instant), GenesysError> {
        let endpoints = endpoints::resolve(
            self.api_url.as_deref(),
            self.login_url.as_deref(),
            self.region,
            credentials.region.as_deref(),
        )
        .map_err(GenesysError::Setup)?;
        let url = format!("{}/oauth/token", endpoints.login);
        let outcome = self
            .execute("POST /oauth/token", deadline, || {
                self.http
                    .http()
                    .post(&url)
                    .basic_auth(
                        &credentials.client_id,
                        Some(credentials.client_secret.expose()),
                    )
                    .form(&[("grant_type", "client_credentials")])
            })
            .await?;
        if !outcome.is_success() {
            let parsed: OAuthErrorBody = serde_json::from_slice(&outcome.body).unwrap_or_default();
            let error = parsed
                .error
                .unwrap_or_else(|| format!("http_{}", outcome.status));
            let detail = parsed
                .error_description
                .or(parsed.description)
                .unwrap_or_default();
            let hint = login_hint(&error, &detail, outcome.status);
            let failure = GenesysError::Login {
                client_id: credentials.client_id.clone(),
                error,
                status: outcome.status,
                login_url: endpoints.login.clone(),
                hint,
            };
            return Err(match outcome.retries_exhausted_by_deadline {
                Some(attempts) => GenesysError::Deadline {
                    attempts,
                    last: Box::new(failure),
                },
                None => failure,
            });
        }
        let token: TokenResponse =
            serde_json::from_slice(&outcome.body).map_err(|_| GenesysError::Protocol {
                what: "POST /oauth/token".into(),
                reason: "the token response has no access_token".into(),
            })?;
        let lifetime = Duration::from_secs(token.expires_in.unwrap_or(300));
        Ok((
            Session {
                token: Secret::new(token.access_token),
                endpoints,
            },
            renew_at(lifetime),
        ))
    }

    /// Sends a request through the shared executor (retries inside the deadline) and maps its failures.
    async fn execute(
        &self,
        what: &str,
        deadline: &Deadline,
        build: impl Fn() -> reqwest::RequestBuilder,
    ) -> Result<Response, GenesysError> {
        self.http
            .execute(what, deadline, build)
            .await
            .map_err(transport)
    }
}

/// A request that got no usable answer, with what to check.
fn transport(e: HttpError) -> GenesysError {
    match e {
        HttpError::Transport { what, reason, .. } => GenesysError::Transport {
            what,
            reason,
            hint: "check network access from the function to Genesys (NAT or egress rules) and the region; the event is retried"
                .to_string(),
        },
        HttpError::Deadline { attempts, last } => GenesysError::Deadline {
            attempts,
            last: Box::new(transport(*last)),
        },
    }
}

fn login_hint(error: &str, detail: &str, status: u16) -> String {
    match error {
        "invalid_client" => "Genesys does not know this client id and secret in this region: check client_id/client_secret in \
                             the secret, and that GENESYS_REGION (or the secret's region) is the org's region"
            .to_string(),
        "unauthorized_client" => "the OAuth client may not use the client-credentials grant: create it with Grant Type \
                                  'Client Credentials' in Admin > OAuth"
            .to_string(),
        "unsupported_grant_type" | "invalid_grant" => {
            format!("the token endpoint refused the grant ({detail}): the OAuth client must use Client Credentials")
        }
        _ if status == 429 => "the token endpoint rate-limited this client: tokens are cached, so this means many cold starts at once".to_string(),
        _ => format!("the token endpoint answered {status}: check GENESYS_REGION / GENESYS_LOGIN_URL"),
    }
}

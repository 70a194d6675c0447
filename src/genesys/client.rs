//! The Genesys Cloud API client: one shared OAuth token (single flight), recording-state changes,
//! conversation reads, and retries inside the invocation deadline.

use super::endpoints::{self, Endpoints};
use super::error::{ApiError, GenesysError};
use super::limiter::RateLimiter;
use super::media::MediaRoute;
use super::retry::{is_retryable_status, Deadline, RetryPolicy};
use crate::config::Config;
use crate::redact::Secret;
use crate::region::Region;
use crate::secret::{Credentials, SecretStore};
use reqwest::{Method, RequestBuilder, StatusCode};
use serde::Deserialize;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// Responses larger than this are not read (a conversation document is a few kB).
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

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

/// The token in use, and the last refusal.
#[derive(Default)]
struct SessionState {
    current: Option<Session>,
    refused: Option<(GenesysError, Instant)>,
}

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

#[derive(Clone)]
struct Session {
    token: Secret,
    endpoints: Endpoints,
    expires_at: Instant,
    serial: u64,
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
    http: reqwest::Client,
    secrets: Arc<SecretStore>,
    api_url: Option<String>,
    login_url: Option<String>,
    region: Option<&'static Region>,
    policy: RetryPolicy,
    session: Mutex<SessionState>,
    serial: AtomicU64,
    limiter: RateLimiter,
}

impl GenesysClient {
    /// Builds the HTTP client (rustls) once.
    pub fn new(config: &Config, secrets: Arc<SecretStore>) -> Result<Self, GenesysError> {
        let http = reqwest::Client::builder()
            .timeout(config.http_timeout)
            .connect_timeout(config.http_timeout.min(Duration::from_secs(3)))
            .pool_idle_timeout(Duration::from_secs(55))
            .user_agent(concat!("pii-pause/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| GenesysError::Setup(format!("the HTTP client could not be built: {e}")))?;
        Ok(GenesysClient {
            http,
            secrets,
            api_url: config.api_url.clone(),
            login_url: config.login_url.clone(),
            region: config.region,
            policy: RetryPolicy::default(),
            session: Mutex::new(SessionState::default()),
            serial: AtomicU64::new(0),
            limiter: RateLimiter::new(config.rate_limit_per_minute, config.rate_window),
        })
    }

    /// Replaces the retry policy (tests use short waits).
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
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
        Ok(self.session(deadline).await?.endpoints)
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
            let session = self.session(deadline).await?;
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
                        .request(method.clone(), &url)
                        .bearer_auth(session.token.expose());
                    if let Some(b) = body {
                        req = req.json(b);
                    }
                    req
                })
                .await?;
            if outcome.status.is_success() {
                return Ok((outcome.status.as_u16(), outcome.correlation, outcome.body));
            }
            let error = ApiError::from_response(
                outcome.status.as_u16(),
                outcome.correlation,
                &outcome.body,
            );
            if outcome.status == StatusCode::UNAUTHORIZED && !refreshed {
                tracing::info!(code = %error.code, context_id = ?error.context_id, "Genesys rejected the token; fetching a new one");
                self.drop_session(session.serial).await;
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

    async fn drop_session(&self, serial: u64) {
        let mut guard = self.session.lock().await;
        if guard.current.as_ref().is_some_and(|s| s.serial == serial) {
            guard.current = None;
        }
    }

    /// The cached session, or a new token. Concurrent callers wait for one login (single flight), and a
    /// login that was refused is not retried by every waiting conversation: the refusal is kept briefly.
    async fn session(&self, deadline: &Deadline) -> Result<Session, GenesysError> {
        let mut guard = self.session.lock().await;
        if let Some(s) = guard.current.as_ref() {
            if Instant::now() < s.expires_at {
                return Ok(s.clone());
            }
        }
        if let Some((error, at)) = guard.refused.as_ref() {
            if at.elapsed() < REFUSAL_MEMORY {
                return Err(error.clone());
            }
        }
        match self.new_session(deadline).await {
            Ok(session) => {
                guard.current = Some(session.clone());
                guard.refused = None;
                Ok(session)
            }
            Err(e) => {
                if !is_transient(&e) {
                    guard.refused = Some((e.clone(), Instant::now()));
                }
                Err(e)
            }
        }
    }

    async fn new_session(&self, deadline: &Deadline) -> Result<Session, GenesysError> {
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
    ) -> Result<Session, GenesysError> {
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
                    .post(&url)
                    .basic_auth(
                        &credentials.client_id,
                        Some(credentials.client_secret.expose()),
                    )
                    .form(&[("grant_type", "client_credentials")])
            })
            .await?;
        if !outcome.status.is_success() {
            let parsed: OAuthErrorBody = serde_json::from_slice(&outcome.body).unwrap_or_default();
            let error = parsed
                .error
                .unwrap_or_else(|| format!("http_{}", outcome.status.as_u16()));
            let detail = parsed
                .error_description
                .or(parsed.description)
                .unwrap_or_default();
            let hint = login_hint(&error, &detail, outcome.status.as_u16());
            let failure = GenesysError::Login {
                client_id: credentials.client_id.clone(),
                error,
                status: outcome.status.as_u16(),
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
        let margin = (lifetime / 10).min(Duration::from_secs(60));
        Ok(Session {
            token: Secret::new(token.access_token),
            endpoints,
            expires_at: Instant::now() + lifetime.saturating_sub(margin),
            serial: self.serial.fetch_add(1, Ordering::Relaxed) + 1,
        })
    }

    /// Sends a request, retrying 429 (after `Retry-After`), 502/503/504 and transport errors with backoff,
    /// as long as the deadline allows. Returns the final response, whatever its status.
    async fn execute(
        &self,
        what: &str,
        deadline: &Deadline,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Outcome, GenesysError> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let result = build().send().await;
            let (wait, last) = match result {
                Ok(response) => {
                    let status = response.status();
                    let correlation = response
                        .headers()
                        .get("inin-correlation-id")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    let retry_after = response
                        .headers()
                        .get("retry-after")
                        .and_then(|v| v.to_str().ok())
                        .map(str::to_string);
                    let body = read_body(response).await;
                    let body = match body {
                        Ok(b) => b,
                        Err(reason)
                            if is_retryable_status(status.as_u16()) || status.is_success() =>
                        {
                            let e = transport(what, reason);
                            match self.next_wait(attempt, None, deadline) {
                                Some(w) => {
                                    tokio::time::sleep(w).await;
                                    continue;
                                }
                                None => return Err(e),
                            }
                        }
                        Err(_) => Vec::new(),
                    };
                    let outcome = Outcome {
                        status,
                        correlation,
                        body,
                        retries_exhausted_by_deadline: None,
                    };
                    if !is_retryable_status(status.as_u16()) {
                        return Ok(outcome);
                    }
                    let wait = if status == StatusCode::TOO_MANY_REQUESTS {
                        let asked = self.policy.retry_after(retry_after.as_deref());
                        if asked > self.policy.max_retry_after {
                            return Ok(outcome);
                        }
                        Some(asked)
                    } else {
                        None
                    };
                    tracing::info!(
                        request = what,
                        status = status.as_u16(),
                        attempt,
                        "Genesys asked to retry"
                    );
                    (wait, Ok(outcome))
                }
                Err(e) => {
                    let reason = describe_reqwest_error(&e);
                    tracing::info!(request = what, attempt, reason = %reason, "request to Genesys failed");
                    (None, Err(transport(what, reason)))
                }
            };
            match self.next_wait(attempt, wait, deadline) {
                Some(w) => tokio::time::sleep(w).await,
                None => {
                    let out_of_time = attempt < self.policy.max_attempts;
                    return match last {
                        Ok(mut outcome) => {
                            if out_of_time {
                                outcome.retries_exhausted_by_deadline = Some(attempt);
                            }
                            Ok(outcome)
                        }
                        Err(e) if out_of_time => Err(GenesysError::Deadline {
                            attempts: attempt,
                            last: Box::new(e),
                        }),
                        Err(e) => Err(e),
                    };
                }
            }
        }
    }

    /// The wait before retry `attempt + 1`, or `None` when attempts are used up or the deadline would pass.
    fn next_wait(
        &self,
        attempt: u32,
        asked: Option<Duration>,
        deadline: &Deadline,
    ) -> Option<Duration> {
        if attempt >= self.policy.max_attempts {
            return None;
        }
        let wait = asked.unwrap_or_else(|| self.policy.backoff(attempt));
        deadline
            .allows(wait, Duration::from_millis(200))
            .then_some(wait)
    }
}

struct Outcome {
    status: StatusCode,
    correlation: Option<String>,
    body: Vec<u8>,
    /// Set when the answer was retryable but the deadline stopped the retries after this many attempts.
    retries_exhausted_by_deadline: Option<u32>,
}

async fn read_body(mut response: reqwest::Response) -> Result<Vec<u8>, String> {
    let mut body = Vec::new();
    loop {
        match response.chunk().await {
            Ok(Some(chunk)) => {
                if body.len() + chunk.len() > MAX_BODY_BYTES {
                    return Err(format!(
                        "the response is larger than {MAX_BODY_BYTES} bytes"
                    ));
                }
                body.extend_from_slice(&chunk);
            }
            Ok(None) => return Ok(body),
            Err(e) => return Err(describe_reqwest_error(&e)),
        }
    }
}

fn transport(what: &str, reason: String) -> GenesysError {
    GenesysError::Transport {
        what: what.to_string(),
        reason,
        hint: "check network access from the function to Genesys (NAT or egress rules) and the region; the event is retried"
            .to_string(),
    }
}

fn describe_reqwest_error(e: &reqwest::Error) -> String {
    let kind = if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the response was cut off"
    } else {
        "the connection failed"
    };
    // The URL is left out: it names only configured hosts, but the error chain is not needed to act.
    kind.to_string()
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

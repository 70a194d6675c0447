//! The CXone API client: one shared session (token and discovered endpoints, single flight, one
//! re-authentication on 401), the contact's agent from the active contacts, mask and unmask through the Agent API
//! (agent sessions joined once per agent, joined again on 404/409) and through the Multi-ACD mask API (202 and 425
//! confirmed through get-recording-status within the deadline), over the shared HTTP machinery.

use super::auth::{self, Overrides, Session};
use super::credentials::CxoneCredentials;
use super::error::{ApiError, Call, CxoneError};
use super::CxoneSettings;
use crate::http::{Deadline, HttpClient, Lease, Response, RetryPolicy, Sessions};
use crate::secret::SecretStore;
use reqwest::Method;
use serde_json::{json, Value};
use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// How long a refused sign-in (wrong credentials, unknown issuer, unreadable secret) is answered from memory.
const REFUSAL_MEMORY: Duration = Duration::from_secs(10);

/// Agent sessions remembered at most (a container serves many agents over its life).
const MAX_AGENT_SESSIONS: usize = 10_000;

/// Reads of get-recording-status at most while a mask is confirmed (the deadline usually ends it sooner).
const MAX_STATUS_READS: u32 = 40;

/// The Multi-ACD recording service's interaction paths.
const MULTI_ACD: &str = "/interaction-recording-management-service/v1/interactions";

/// What CXone confirmed for a mask or unmask.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Masked {
    /// The recording was already in that state (a status read after a 425 showed it).
    pub already: bool,
    pub correlation_id: Option<String>,
}

/// The recording status of an agent user's interaction (get-recording-status).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RecordingStatus {
    /// `Policy`, `Hold`, `Mask`, `RecordOnDemand`, ...
    pub status_reason: Option<String>,
}

impl RecordingStatus {
    /// Whether the recording is masked now.
    pub fn masked(&self) -> bool {
        self.status_reason
            .as_deref()
            .is_some_and(|r| r.eq_ignore_ascii_case("mask"))
    }
}

/// What a sign-in found, for the doctor.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionInfo {
    pub token_url: String,
    pub api: String,
    pub tenant_id: Option<String>,
}

/// A CXone client, built once per process and shared by every invocation.
pub struct CxoneClient {
    http: HttpClient,
    /// Waits between reads of get-recording-status, and between requests refused with 425.
    confirm: RetryPolicy,
    secrets: Arc<SecretStore<CxoneCredentials>>,
    overrides: Overrides,
    /// The Agent API version segment (`v23.0`).
    version: String,
    sessions: Sessions<Session, CxoneError>,
    /// Agent id to the agent session joined for it.
    agent_sessions: Mutex<HashMap<String, String>>,
}

impl CxoneClient {
    /// Builds the HTTP client (rustls) once.
    pub fn new(
        settings: &CxoneSettings,
        secrets: Arc<SecretStore<CxoneCredentials>>,
    ) -> Result<Self, String> {
        let http = HttpClient::new("CXone", "correlationid", settings.http_timeout)?;
        let confirm = confirm_policy(http.policy());
        Ok(CxoneClient {
            http,
            confirm,
            secrets,
            overrides: Overrides {
                token_url: settings.auth_url.clone(),
                api_url: settings.api_url.clone(),
            },
            version: settings.api_version.clone(),
            sessions: Sessions::new(REFUSAL_MEMORY),
            agent_sessions: Mutex::new(HashMap::new()),
        })
    }

    /// Replaces the retry policy (tests use short waits).
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.confirm = confirm_policy(&policy);
        self.http = self.http.with_policy(policy);
        self
    }

    /// The secret store the access key is read from.
    pub fn secrets(&self) -> &SecretStore<CxoneCredentials> {
        &self.secrets
    }

    /// Signs in (or uses the cached session) and says where.
    pub async fn session_info(&self, deadline: &Deadline) -> Result<SessionInfo, CxoneError> {
        let session = self.session(deadline).await?.session;
        Ok(SessionInfo {
            token_url: session.token_url,
            api: session.api,
            tenant_id: session.tenant_id,
        })
    }

    /// The agent handling `contact_id` now (`GET .../contacts/active?contactId=`), if the contact is active.
    pub async fn agent_of(
        &self,
        contact_id: &str,
        deadline: &Deadline,
    ) -> Result<Option<String>, CxoneError> {
        let path = format!("/InContactAPI/services/{}/contacts/active", self.version);
        let answer = self
            .call(
                Method::GET,
                &path,
                &[("contactId", contact_id)],
                None,
                Call::ActiveContacts,
                deadline,
            )
            .await?;
        if answer.status == 204 {
            return Ok(None);
        }
        let doc = json_body(&answer, Call::ActiveContacts)?;
        let contacts = doc
            .get("activeContacts")
            .or_else(|| doc.pointer("/resultSet/activeContacts"))
            .and_then(Value::as_array);
        Ok(contacts.into_iter().flatten().find_map(|c| {
            let matches = ["contactId", "masterContactId"]
                .iter()
                .any(|k| text(&c[*k]).as_deref() == Some(contact_id));
            matches.then(|| text(&c["agentId"])).flatten()
        }))
    }

    /// Masks (or unmasks) the recording of `contact_id` through the Agent API, as agent `agent_id`: joins the
    /// agent's session once (cached), and again when a cached session is refused with 404 or 409.
    pub async fn agent_mask(
        &self,
        agent_id: &str,
        contact_id: &str,
        mask: bool,
        deadline: &Deadline,
    ) -> Result<Masked, CxoneError> {
        let action = if mask { "mask" } else { "unmask" };
        let mut rejoined = false;
        loop {
            let (session_id, fresh) = self.agent_session(agent_id, deadline).await?;
            let path = format!(
                "/InContactAPI/services/{}/agent-sessions/{session_id}/interactions/{contact_id}/{action}",
                self.version
            );
            let answer = self
                .call(Method::POST, &path, &[], None, Call::AgentMask, deadline)
                .await?;
            match answer.status {
                200..=299 => {
                    return Ok(Masked {
                        already: false,
                        correlation_id: answer.correlation,
                    })
                }
                404 | 409 if !fresh && !rejoined => {
                    tracing::info!(
                        agent_id,
                        status = answer.status,
                        "CXone refused the cached agent session; joining it again"
                    );
                    self.forget_session(agent_id, &session_id).await;
                    rejoined = true;
                }
                _ => return Err(api_error(Call::AgentMask, &answer)),
            }
        }
    }

    /// Masks (or unmasks) the recording of agent user `user_id`'s latest interaction through the Multi-ACD mask
    /// API. 200 is applied; 202 is confirmed by reading get-recording-status until it shows the change; 425 (an
    /// earlier mask or unmask is being processed) is waited out and the request sent again, unless the status
    /// already shows the wanted state. Nothing waits past the deadline.
    pub async fn multi_acd_mask(
        &self,
        user_id: &str,
        mask: bool,
        deadline: &Deadline,
    ) -> Result<Masked, CxoneError> {
        let action = if mask { "mask" } else { "unmask" };
        let path = format!("{MULTI_ACD}/{action}");
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let answer = self
                .call(
                    Method::POST,
                    &path,
                    &[("userId", user_id)],
                    None,
                    Call::MultiAcdMask,
                    deadline,
                )
                .await?;
            match answer.status {
                200 | 201 | 204 => {
                    return Ok(Masked {
                        already: false,
                        correlation_id: answer.correlation,
                    })
                }
                202 => {
                    return self
                        .await_status(user_id, mask, answer.correlation, deadline)
                        .await
                }
                425 => {
                    if self.recording_status(user_id, deadline).await?.masked() == mask {
                        return Ok(Masked {
                            already: true,
                            correlation_id: answer.correlation,
                        });
                    }
                    match self.confirm.next_wait(attempt, None, deadline) {
                        Some(wait) => tokio::time::sleep(wait).await,
                        None => return Err(api_error(Call::MultiAcdMask, &answer)),
                    }
                }
                _ => return Err(api_error(Call::MultiAcdMask, &answer)),
            }
        }
    }

    /// `GET .../get-recording-status?userId=`.
    pub async fn recording_status(
        &self,
        user_id: &str,
        deadline: &Deadline,
    ) -> Result<RecordingStatus, CxoneError> {
        let answer = self
            .call(
                Method::GET,
                &format!("{MULTI_ACD}/get-recording-status"),
                &[("userId", user_id)],
                None,
                Call::RecordingStatus,
                deadline,
            )
            .await?;
        let doc = json_body(&answer, Call::RecordingStatus)?;
        let status = doc.as_array().and_then(|a| a.first()).unwrap_or(&doc);
        Ok(RecordingStatus {
            status_reason: text(&status["statusReason"]),
        })
    }

    /// Reads the recording status until it shows the mask applied (or removed), within the deadline.
    async fn await_status(
        &self,
        user_id: &str,
        mask: bool,
        correlation_id: Option<String>,
        deadline: &Deadline,
    ) -> Result<Masked, CxoneError> {
        let mut reads = 0u32;
        loop {
            reads += 1;
            if self.recording_status(user_id, deadline).await?.masked() == mask {
                return Ok(Masked {
                    already: false,
                    correlation_id,
                });
            }
            match self.confirm.next_wait(reads, None, deadline) {
                Some(wait) => tokio::time::sleep(wait).await,
                None => {
                    return Err(CxoneError::NotConfirmed {
                        what: if mask { "mask" } else { "unmask" },
                        user_id: user_id.to_string(),
                        reads,
                    })
                }
            }
        }
    }

    /// The agent session to act in for `agent_id`: the cached one (`false`), or a new join (`true`). Joins are
    /// made one at a time, so that concurrent conversations of one agent join once.
    async fn agent_session(
        &self,
        agent_id: &str,
        deadline: &Deadline,
    ) -> Result<(String, bool), CxoneError> {
        let mut joined = self.agent_sessions.lock().await;
        if let Some(session_id) = joined.get(agent_id) {
            return Ok((session_id.clone(), false));
        }
        let path = format!(
            "/InContactAPI/services/{}/agent-sessions/join",
            self.version
        );
        // NICE's SDK sends `asAgentId` in the body (a number: CXone agent ids are); clients generated from the
        // OpenAPI specification send it in the query. Which one the service reads is not verified, so both go.
        let as_agent = agent_id
            .parse::<u64>()
            .map(Value::from)
            .unwrap_or_else(|_| Value::from(agent_id));
        let answer = self
            .call(
                Method::POST,
                &path,
                &[("asAgentId", agent_id)],
                Some(&json!({ "asAgentId": as_agent })),
                Call::Join,
                deadline,
            )
            .await?;
        if !answer.is_success() {
            return Err(api_error(Call::Join, &answer));
        }
        let session_id = text(&json_body(&answer, Call::Join)?["sessionId"])
            .filter(|s| super::valid_id(s))
            .ok_or_else(|| CxoneError::Protocol {
                what: Call::Join.what().into(),
                reason: "the answer has no usable sessionId".into(),
            })?;
        if joined.len() >= MAX_AGENT_SESSIONS {
            joined.clear();
        }
        joined.insert(agent_id.to_string(), session_id.clone());
        Ok((session_id, true))
    }

    async fn forget_session(&self, agent_id: &str, session_id: &str) {
        let mut joined = self.agent_sessions.lock().await;
        if joined.get(agent_id).is_some_and(|s| s == session_id) {
            joined.remove(agent_id);
        }
    }

    /// One API call with the shared session; a 401 signs in again once. Every other answer is returned for the
    /// caller to read (their meaning depends on the call); 429/5xx/transport errors were retried.
    async fn call(
        &self,
        method: Method,
        path: &str,
        query: &[(&str, &str)],
        body: Option<&Value>,
        call: Call,
        deadline: &Deadline,
    ) -> Result<Response, CxoneError> {
        let mut signed_in_again = false;
        loop {
            let lease = self.session(deadline).await?;
            let url = auth::with_query(&format!("{}{}", lease.session.api, path), query).map_err(
                |reason| CxoneError::Protocol {
                    what: call.what().into(),
                    reason,
                },
            )?;
            let answer = auth::execute(&self.http, call.what(), deadline, || {
                let mut request = self
                    .http
                    .http()
                    .request(method.clone(), url.clone())
                    .bearer_auth(lease.session.token.expose());
                if let Some(b) = body {
                    request = request.json(b);
                }
                request
            })
            .await?;
            if answer.status == 401 && !signed_in_again {
                tracing::info!(
                    request = call.what(),
                    "CXone refused the token; signing in again"
                );
                self.sessions.invalidate(lease.serial).await;
                signed_in_again = true;
                continue;
            }
            if answer.retries_exhausted_by_deadline.is_some() {
                return Err(auth::exhausted(&answer, api_error(call, &answer)));
            }
            return Ok(answer);
        }
    }

    /// The cached session, or a new sign-in. Concurrent callers wait for one sign-in; a refused one is answered
    /// from memory for a short while.
    async fn session(&self, deadline: &Deadline) -> Result<Lease<Session>, CxoneError> {
        self.sessions
            .get(|| self.new_session(deadline), CxoneError::is_transient)
            .await
    }

    async fn new_session(&self, deadline: &Deadline) -> Result<(Session, Instant), CxoneError> {
        let credentials = self.secrets.get().await?;
        match auth::sign_in(&self.http, &credentials, &self.overrides, deadline).await {
            Err(err) if err.is_rejected_credentials() => {
                // The secret may have been rotated since it was cached: read it again, once.
                let (fresh, changed) = self.secrets.refresh().await?;
                if !changed {
                    return Err(err);
                }
                tracing::info!("the CXone credentials changed in Secrets Manager; signing in with the new ones");
                auth::sign_in(&self.http, &fresh, &self.overrides, deadline).await
            }
            other => other,
        }
    }
}

/// Waits for confirmations: the executor's backoff, with more attempts (the deadline bounds them).
fn confirm_policy(policy: &RetryPolicy) -> RetryPolicy {
    RetryPolicy {
        max_attempts: MAX_STATUS_READS,
        ..*policy
    }
}

fn api_error(call: Call, answer: &Response) -> CxoneError {
    CxoneError::Api(ApiError::from_response(
        call,
        answer.status,
        answer.correlation.clone(),
        &answer.body,
    ))
}

/// The JSON body of a successful answer, or the error of an unsuccessful one.
fn json_body(answer: &Response, call: Call) -> Result<Value, CxoneError> {
    if !answer.is_success() {
        return Err(api_error(call, answer));
    }
    serde_json::from_slice(&answer.body).map_err(|_| CxoneError::Protocol {
        what: call.what().into(),
        reason: "the answer is not JSON".into(),
    })
}

/// A string or number field as text.
fn text(v: &Value) -> Option<String> {
    match v {
        Value::String(s) if !s.is_empty() => Some(s.clone()),
        Value::Number(n) => Some(n.to_string()),
        _ => None,
    }
}

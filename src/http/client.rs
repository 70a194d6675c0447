//! A reqwest client (rustls, built once per process) that sends a request and retries 429 (after `Retry-After`),
//! 502/503/504 and transport errors with backoff, as long as the invocation deadline allows, reading at most
//! a bounded body. Platform clients decode what it returns.

use super::retry::{is_retryable_status, RetryPolicy};
use super::Deadline;
use reqwest::RequestBuilder;
use std::time::Duration;

/// Responses larger than this are not read (the documents pii-pause reads are a few kB).
const MAX_BODY_BYTES: usize = 4 * 1024 * 1024;

/// The final answer to a request (after retries), whatever its status.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    pub status: u16,
    /// The service's correlation header (Genesys `ININ-Correlation-Id`, CXone `CorrelationId`).
    pub correlation: Option<String>,
    pub body: Vec<u8>,
    /// Set when the answer was retryable but the deadline stopped the retries after this many attempts.
    pub retries_exhausted_by_deadline: Option<u32>,
}

impl Response {
    pub fn is_success(&self) -> bool {
        (200..300).contains(&self.status)
    }
}

/// A request that got no usable answer.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum HttpError {
    /// The request did not complete (connection refused or reset, timeout, a cut-off body).
    #[error("request to {service} {what} failed: {reason}")]
    Transport {
        service: &'static str,
        what: String,
        reason: String,
    },
    /// Retries stopped because the invocation's time was running out.
    #[error("gave up after {attempts} attempt(s) to stay inside the invocation deadline; last error: {last}")]
    Deadline { attempts: u32, last: Box<HttpError> },
}

/// A platform's HTTP client.
pub struct HttpClient {
    http: reqwest::Client,
    policy: RetryPolicy,
    /// The service's name, for logs and errors (`Genesys`, `CXone`).
    service: &'static str,
    /// The response header that carries the service's correlation id (lower case).
    correlation_header: &'static str,
}

impl HttpClient {
    /// Builds the reqwest client (rustls) once.
    pub fn new(
        service: &'static str,
        correlation_header: &'static str,
        timeout: Duration,
    ) -> Result<Self, String> {
        let http = reqwest::Client::builder()
            .timeout(timeout)
            .connect_timeout(timeout.min(Duration::from_secs(3)))
            .pool_idle_timeout(Duration::from_secs(55))
            .user_agent(concat!("pii-pause/", env!("CARGO_PKG_VERSION")))
            .build()
            .map_err(|e| format!("the HTTP client for {service} could not be built: {e}"))?;
        Ok(HttpClient {
            http,
            policy: RetryPolicy::default(),
            service,
            correlation_header,
        })
    }

    /// Replaces the retry policy (tests use short waits).
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    pub fn policy(&self) -> &RetryPolicy {
        &self.policy
    }

    /// The reqwest client, to build requests with.
    pub fn http(&self) -> &reqwest::Client {
        &self.http
    }

    /// Sends the request `build` makes (again for each retry) until it has a non-retryable answer, the attempts
    /// are used up, or the deadline would pass.
    pub async fn execute(
        &self,
        what: &str,
        deadline: &Deadline,
        build: impl Fn() -> RequestBuilder,
    ) -> Result<Response, HttpError> {
        let mut attempt = 0u32;
        loop {
            attempt += 1;
            let (asked, last) = match build().send().await {
                Ok(response) => {
                    let status = response.status().as_u16();
                    let header = |name: &str| {
                        response
                            .headers()
                            .get(name)
                            .and_then(|v| v.to_str().ok())
                            .map(str::to_string)
                    };
                    let correlation = header(self.correlation_header);
                    let retry_after = header("retry-after");
                    let retryable = is_retryable_status(status);
                    let body = match read_body(response).await {
                        Ok(b) => b,
                        Err(reason) if retryable || (200..300).contains(&status) => {
                            let e = self.transport(what, reason);
                            match self.policy.next_wait(attempt, None, deadline) {
                                Some(w) => {
                                    tokio::time::sleep(w).await;
                                    continue;
                                }
                                None => return Err(e),
                            }
                        }
                        Err(_) => Vec::new(),
                    };
                    let answer = Response {
                        status,
                        correlation,
                        body,
                        retries_exhausted_by_deadline: None,
                    };
                    if !retryable {
                        return Ok(answer);
                    }
                    let asked = if status == 429 {
                        let asked = self.policy.retry_after(retry_after.as_deref());
                        if asked > self.policy.max_retry_after {
                            return Ok(answer);
                        }
                        Some(asked)
                    } else {
                        None
                    };
                    tracing::info!(
                        service = self.service,
                        request = what,
                        status,
                        attempt,
                        "the service asked to retry"
                    );
                    (asked, Ok(answer))
                }
                Err(e) => {
                    let reason = describe(&e);
                    tracing::info!(service = self.service, request = what, attempt, reason = %reason, "request failed");
                    (None, Err(self.transport(what, reason)))
                }
            };
            match self.policy.next_wait(attempt, asked, deadline) {
                Some(w) => tokio::time::sleep(w).await,
                None => {
                    let out_of_time = attempt < self.policy.max_attempts;
                    return match last {
                        Ok(mut answer) => {
                            if out_of_time {
                                answer.retries_exhausted_by_deadline = Some(attempt);
                            }
                            Ok(answer)
                        }
                        Err(e) if out_of_time => Err(HttpError::Deadline {
                            attempts: attempt,
                            last: Box::new(e),
                        }),
                        Err(e) => Err(e),
                    };
                }
            }
        }
    }

    fn transport(&self, what: &str, reason: String) -> HttpError {
        HttpError::Transport {
            service: self.service,
            what: what.to_string(),
            reason,
        }
    }
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
            Err(e) => return Err(describe(&e)),
        }
    }
}

/// What went wrong, in words. The URL is left out: it names only configured hosts, and it is not needed to act.
fn describe(e: &reqwest::Error) -> String {
    if e.is_timeout() {
        "timed out"
    } else if e.is_connect() {
        "could not connect"
    } else if e.is_body() || e.is_decode() {
        "the response was cut off"
    } else {
        "the connection failed"
    }
    .to_string()
}

//! The Amazon Connect client: the SDK client built once (SigV4 with the function's role; the SDK's own
//! `AWS_ENDPOINT_URL_CONNECT` override), with the SDK's retries off so that one retry loop inside the invocation
//! deadline applies, and a client-side rate limit for Connect's per-account quota.

use super::error::{self, Failure};
use super::ConnectSettings;
use crate::http::{retry, Deadline, RateLimiter, RetryPolicy};
use crate::platform::PlatformError;
use aws_sdk_connect::config::retry::RetryConfig;
use aws_sdk_connect::config::timeout::TimeoutConfig;
use aws_sdk_connect::Client;
use std::collections::BTreeMap;

/// What `DescribeContact` says of a contact that pii-pause needs.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Described {
    pub initial_contact_id: Option<String>,
    pub channel: Option<String>,
    /// Contacts this one was transferred to (`NextContacts`).
    pub next_contact_ids: Vec<String>,
}

/// A Connect client, built once per process and shared by every invocation.
pub struct ConnectClient {
    client: Client,
    policy: RetryPolicy,
    /// Suspend and Resume (2 per second per account and Region by default).
    recording_limiter: RateLimiter,
    /// DescribeContact and GetContactAttributes (10 per second by default).
    read_limiter: RateLimiter,
}

impl ConnectClient {
    pub fn new(aws: &aws_config::SdkConfig, settings: &ConnectSettings) -> Self {
        let config = aws_sdk_connect::config::Builder::from(aws)
            .retry_config(RetryConfig::disabled())
            .timeout_config(
                TimeoutConfig::builder()
                    .operation_attempt_timeout(settings.http_timeout)
                    .build(),
            )
            .build();
        Self::from_client(Client::from_conf(config), settings)
    }

    /// Around an SDK client built elsewhere (tests mock it); its own retries should be off.
    pub fn from_client(client: Client, settings: &ConnectSettings) -> Self {
        ConnectClient {
            client,
            policy: RetryPolicy::default(),
            recording_limiter: RateLimiter::new(
                "Amazon Connect recording",
                settings.rate_limit,
                settings.rate_window,
            ),
            read_limiter: RateLimiter::new(
                "Amazon Connect contact reads",
                settings.read_rate_limit,
                settings.rate_window,
            ),
        }
    }

    /// Replaces the retry policy (tests use short waits).
    pub fn with_policy(mut self, policy: RetryPolicy) -> Self {
        self.policy = policy;
        self
    }

    /// `SuspendContactRecording` (or `ResumeContactRecording`).
    pub async fn recording(
        &self,
        suspend: bool,
        instance: &str,
        contact: &str,
        initial: &str,
        deadline: &Deadline,
    ) -> Result<(), PlatformError> {
        let operation = if suspend {
            "SuspendContactRecording"
        } else {
            "ResumeContactRecording"
        };
        self.run(deadline, || async {
            acquire(&self.recording_limiter, operation, deadline).await?;
            let sent = if suspend {
                self.client
                    .suspend_contact_recording()
                    .instance_id(instance)
                    .contact_id(contact)
                    .initial_contact_id(initial)
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| error::decode(operation, e))
            } else {
                self.client
                    .resume_contact_recording()
                    .instance_id(instance)
                    .contact_id(contact)
                    .initial_contact_id(initial)
                    .send()
                    .await
                    .map(|_| ())
                    .map_err(|e| error::decode(operation, e))
            };
            sent
        })
        .await
    }

    /// `DescribeContact`.
    pub async fn describe(
        &self,
        instance: &str,
        contact: &str,
        deadline: &Deadline,
    ) -> Result<Described, PlatformError> {
        self.run(deadline, || async {
            acquire(&self.read_limiter, "DescribeContact", deadline).await?;
            let out = self
                .client
                .describe_contact()
                .instance_id(instance)
                .contact_id(contact)
                .send()
                .await
                .map_err(|e| error::decode("DescribeContact", e))?;
            let c = out.contact();
            Ok(Described {
                initial_contact_id: c.and_then(|c| c.initial_contact_id()).map(str::to_string),
                channel: c
                    .and_then(|c| c.channel())
                    .map(|ch| ch.as_str().to_string()),
                next_contact_ids: c
                    .map(|c| c.next_contacts())
                    .unwrap_or_default()
                    .iter()
                    .filter_map(|n| n.next_contact_metadata())
                    .filter_map(|m| m.as_quick_connect_contact_data().ok())
                    .filter_map(|q| q.contact_id())
                    .map(str::to_string)
                    .collect(),
            })
        })
        .await
    }

    /// `GetContactAttributes`: the user-defined attributes, keyed by the initial contact id.
    pub async fn attributes(
        &self,
        instance: &str,
        initial: &str,
        deadline: &Deadline,
    ) -> Result<BTreeMap<String, String>, PlatformError> {
        self.run(deadline, || async {
            acquire(&self.read_limiter, "GetContactAttributes", deadline).await?;
            let out = self
                .client
                .get_contact_attributes()
                .instance_id(instance)
                .initial_contact_id(initial)
                .send()
                .await
                .map_err(|e| error::decode("GetContactAttributes", e))?;
            Ok(out
                .attributes()
                .map(|a| a.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
                .unwrap_or_default())
        })
        .await
    }

    /// Runs `attempt` with retries inside the deadline (each attempt takes its own rate-limit slot).
    async fn run<T, F, Fut>(&self, deadline: &Deadline, attempt: F) -> Result<T, PlatformError>
    where
        F: FnMut() -> Fut,
        Fut: std::future::Future<Output = Result<T, Failure>>,
    {
        let (outcome, attempts) = retry::run(&self.policy, deadline, attempt, |f| f.retry).await;
        outcome.map_err(|f| {
            let mut e = f.error;
            if attempts > 1 {
                e.hint = format!("{} (after {attempts} attempts)", e.hint);
            }
            e
        })
    }
}

/// A slot of `limiter` for `operation`, or a final failure when none comes before the deadline.
async fn acquire(
    limiter: &RateLimiter,
    operation: &str,
    deadline: &Deadline,
) -> Result<(), Failure> {
    limiter.acquire(deadline).await.map_err(|e| Failure {
        error: PlatformError::new(
            "rate.budget_exhausted",
            format!(
                "{operation} was not sent: the client-side rate limit (CONNECT_RATE_LIMIT_PER_SECOND) has no free slot for {} ms, past the invocation deadline",
                e.wait.as_millis()
            ),
            "the batch is larger than Connect's quota allows within the function timeout: split it, raise the timeout, or buffer events through SQS; the contact is held and retried",
        ),
        retry: crate::http::Retry::No,
    })
}

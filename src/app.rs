//! The application state built once per process (config, scanner, platform adapters, ledger, delivery memory,
//! the HTTPS entry point's gate) and the invocation entry point the Lambda binary and the tests call.

use crate::config::{Config, Mode};
use crate::delivery::Deliveries;
use crate::detect::Scanner;
use crate::error::HandlerError;
use crate::http::Deadline;
use crate::intake::{self, Invocation};
use crate::ledger::Ledger;
use crate::metrics::MetricsSink;
use crate::pause_hints::PauseHints;
use crate::platform::Platforms;
use crate::process;
use crate::resume_queue::ResumeScheduler;
use crate::webhook::{self, Gate};
use serde_json::Value;

/// Per-invocation facts from the Lambda context.
#[derive(Debug, Clone, Default)]
pub struct Invoke {
    pub request_id: String,
    /// Lambda's deadline in epoch ms (0 when unknown).
    pub deadline_ms: u64,
}

/// Everything an invocation needs, shared across invocations of a warm container.
pub struct App {
    pub config: Config,
    pub scanner: Scanner,
    /// One adapter per registered platform.
    pub platforms: Platforms,
    /// The decision ledger, when `PII_PAUSE_LEDGER_TABLE` is set.
    pub ledger: Option<Ledger>,
    /// Deliveries completed by this container (a repeated delivery is answered from memory).
    pub deliveries: Deliveries,
    /// The pre-emptive pauses this container made, a hint for deployments without a ledger.
    pub pause_hints: PauseHints,
    /// The delayed silence checks of the pre-emptive pause, when `PII_PAUSE_RESUME_QUEUE_URL` is set.
    pub resume_scheduler: Option<ResumeScheduler>,
    pub metrics: MetricsSink,
    /// Who may call the HTTPS entry point.
    pub webhook: Gate,
}

impl App {
    /// Builds the app around given adapters (tests inject clients).
    pub fn new(config: Config, platforms: Platforms, metrics: MetricsSink) -> Self {
        App {
            scanner: Scanner::new(&config.detection),
            deliveries: Deliveries::new(config.runtime.idempotency_ttl),
            pause_hints: PauseHints::default(),
            platforms,
            ledger: None,
            resume_scheduler: None,
            metrics,
            webhook: Gate::new(&config.webhook, None),
            config,
        }
    }

    /// Replaces the HTTPS entry point's gate.
    pub fn with_webhook(mut self, gate: Gate) -> Self {
        self.webhook = gate;
        self
    }

    /// Adds the scheduler of the pre-emptive pause's silence checks.
    pub fn with_resume_scheduler(mut self, scheduler: Option<ResumeScheduler>) -> Self {
        self.resume_scheduler = scheduler;
        self
    }

    /// Adds the decision ledger.
    pub fn with_ledger(mut self, ledger: Option<Ledger>) -> Self {
        self.ledger = ledger;
        self
    }

    /// Builds the app with the clients it needs, once, from the AWS environment (region, credentials, and the
    /// SDK's `AWS_ENDPOINT_URL_<SERVICE>` overrides): every platform's adapter, the ledger when a table is set,
    /// and the HTTPS entry point's gate.
    pub async fn from_env(config: Config, metrics: MetricsSink) -> Result<Self, String> {
        let aws = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .load()
            .await;
        let platforms = Platforms::build(&config.platforms, Some(&aws)).await?;
        let ledger = config
            .ledger
            .table
            .as_ref()
            .map(|table| Ledger::from_sdk_config(&aws, table, config.ledger.ttl));
        let scheduler = config.preemptive.resume_queue_url.as_ref().map(|url| {
            ResumeScheduler::new(
                aws_sdk_sqs::Client::new(&aws),
                url,
                config.preemptive.resume_after,
            )
        });
        let gate = Gate::new(
            &config.webhook,
            Some(aws_sdk_secretsmanager::Client::new(&aws)),
        );
        Ok(Self::new(config, platforms, metrics)
            .with_ledger(ledger)
            .with_resume_scheduler(scheduler)
            .with_webhook(gate))
    }

    pub fn enforcing(&self) -> bool {
        self.config.runtime.mode == Mode::Enforce
    }

    /// Handles one invocation payload and returns the JSON answer.
    pub async fn handle(&self, payload: &Value, invoke: &Invoke) -> Result<Value, HandlerError> {
        let deadline =
            Deadline::from_epoch_ms(invoke.deadline_ms, self.config.runtime.default_budget);
        match intake::decode(payload, &self.config.runtime, &self.platforms)? {
            Invocation::Batch(batch) => process::batch(self, batch, invoke, &deadline).await,
            Invocation::Sqs(messages) => process::sqs(self, messages, invoke, &deadline).await,
            Invocation::Https(request) => {
                Ok(webhook::handle(self, &request, invoke, &deadline).await)
            }
        }
    }
}

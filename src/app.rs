//! The application state built once per process (config, scanner, Genesys client, caches) and the
//! invocation entry point the Lambda binary and the tests call.

use crate::config::{Config, Mode};
use crate::detect::Scanner;
use crate::error::HandlerError;
use crate::genesys::{Deadline, GenesysClient, GenesysError};
use crate::idempotency::RecentStates;
use crate::intake::{self, Invocation};
use crate::metrics::MetricsSink;
use crate::process;
use crate::secret::SecretStore;
use serde_json::Value;
use std::sync::Arc;

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
    /// `None` when no secret is configured (dry-run without credentials).
    pub genesys: Option<GenesysClient>,
    pub states: RecentStates,
    pub metrics: MetricsSink,
}

impl App {
    /// Builds the app around a given Genesys client (tests inject one with their own secret store).
    pub fn with_genesys(
        config: Config,
        genesys: Option<GenesysClient>,
        metrics: MetricsSink,
    ) -> Self {
        App {
            scanner: Scanner::new(&config.detection),
            states: RecentStates::new(config.idempotency_ttl),
            genesys,
            metrics,
            config,
        }
    }

    /// Builds the app with the clients it needs, once: the Secrets Manager client from the AWS environment
    /// (region, credentials, `AWS_ENDPOINT_URL_SECRETS_MANAGER`) and the Genesys client, when a secret is set.
    pub async fn from_env(config: Config, metrics: MetricsSink) -> Result<Self, GenesysError> {
        let genesys = match &config.secret_id {
            Some(secret_id) => {
                let store = SecretStore::from_env(secret_id.clone(), config.secret_ttl).await;
                Some(GenesysClient::new(&config, Arc::new(store))?)
            }
            None => None,
        };
        Ok(Self::with_genesys(config, genesys, metrics))
    }

    pub fn enforcing(&self) -> bool {
        self.config.mode == Mode::Enforce
    }

    /// Handles one invocation payload and returns the JSON answer.
    pub async fn handle(&self, payload: &Value, invoke: &Invoke) -> Result<Value, HandlerError> {
        let deadline = Deadline::from_epoch_ms(invoke.deadline_ms, self.config.default_budget);
        match intake::decode(payload, &self.config)? {
            Invocation::Batch(batch) => process::batch(self, batch, invoke, &deadline).await,
            Invocation::Sqs(messages) => process::sqs(self, messages, invoke, &deadline).await,
        }
    }
}

//! The application state built once per process (config, scanner, Genesys client, ledger, delivery memory)
//! and the invocation entry point the Lambda binary and the tests call.

use crate::config::{Config, Mode};
use crate::delivery::Deliveries;
use crate::detect::Scanner;
use crate::error::HandlerError;
use crate::genesys::{Deadline, GenesysClient, GenesysError};
use crate::intake::{self, Invocation};
use crate::ledger::Ledger;
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
    /// The decision ledger, when `PII_PAUSE_LEDGER_TABLE` is set.
    pub ledger: Option<Ledger>,
    /// Deliveries completed by this container (a repeated delivery is answered from memory).
    pub deliveries: Deliveries,
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
            scanner: Scanner::new(&config),
            deliveries: Deliveries::new(config.idempotency_ttl),
            genesys,
            ledger: None,
            metrics,
            config,
        }
    }

    /// Adds the decision ledger.
    pub fn with_ledger(mut self, ledger: Option<Ledger>) -> Self {
        self.ledger = ledger;
        self
    }

    /// Builds the app with the clients it needs, once, from the AWS environment (region, credentials,
    /// `AWS_ENDPOINT_URL_SECRETS_MANAGER`, `AWS_ENDPOINT_URL_DYNAMODB`): the Genesys client when a secret is set,
    /// the ledger when a table is set.
    pub async fn from_env(config: Config, metrics: MetricsSink) -> Result<Self, GenesysError> {
        let needs_aws = config.secret_id.is_some() || config.ledger_table.is_some();
        let sdk = if needs_aws {
            Some(
                aws_config::defaults(aws_config::BehaviorVersion::latest())
                    .load()
                    .await,
            )
        } else {
            None
        };
        let genesys = match (&config.secret_id, &sdk) {
            (Some(secret_id), Some(sdk)) => {
                let store = SecretStore::new(
                    aws_sdk_secretsmanager::Client::new(sdk),
                    secret_id.clone(),
                    config.secret_ttl,
                );
                Some(GenesysClient::new(&config, Arc::new(store))?)
            }
            _ => None,
        };
        let ledger = match (&config.ledger_table, &sdk) {
            (Some(table), Some(sdk)) => {
                Some(Ledger::from_sdk_config(sdk, table, config.ledger_ttl))
            }
            _ => None,
        };
        Ok(Self::with_genesys(config, genesys, metrics).with_ledger(ledger))
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

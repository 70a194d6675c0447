//! The decision ledger: one DynamoDB item per conversation (`PII_PAUSE_LEDGER_TABLE`) that the export pipeline
//! reads to gate each conversation. Every decision is merged into it with one conditional update
//! ([`update::merge`]); the CLI reads it, lists held conversations and records releases.

pub mod item;
pub mod table;
pub mod update;

pub use item::Item;
pub use update::{Entry, PauseChange};

use crate::config::Env;
use crate::http::Deadline;
use crate::report::Export;
use crate::time;
use aws_sdk_dynamodb::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use aws_sdk_dynamodb::Client;
use std::collections::HashMap;
use std::time::Duration;

/// The ledger's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LedgerConfig {
    /// DynamoDB table of the decision ledger (`PII_PAUSE_LEDGER_TABLE`; `None`: no ledger).
    pub table: Option<String>,
    /// How long an item lives after its last write (`PII_PAUSE_LEDGER_TTL_DAYS`, DynamoDB TTL).
    pub ttl: Duration,
}

impl LedgerConfig {
    pub fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        let table = env.get("PII_PAUSE_LEDGER_TABLE");
        if let Some(table) = &table {
            let name = (3..=255).contains(&table.len())
                && table
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'));
            let arn = table.starts_with("arn:aws") && table.contains(":table/");
            if !name && !arn {
                errors.push(format!(
                    "PII_PAUSE_LEDGER_TABLE=`{table}` is not a DynamoDB table name (3-255 characters: letters, digits, `_`, `-`, `.`) or table ARN"
                ));
            }
        }
        let days = env.number("PII_PAUSE_LEDGER_TTL_DAYS", 90, 1, 3650, errors);
        LedgerConfig {
            table,
            ttl: Duration::from_secs(days * 86_400),
        }
    }
}

/// Why the ledger could not be read or written. Messages name the table and the fix.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum LedgerError {
    #[error("the ledger table `{table}` does not exist in this account and region: create it (template.yaml parameter LedgerTable, or `pii-pause ledger create-table`) or fix PII_PAUSE_LEDGER_TABLE")]
    TableNotFound { table: String },
    #[error("access to the ledger table `{table}` was denied ({code}): grant the function role dynamodb:{action} on the table's ARN")]
    AccessDenied {
        table: String,
        action: &'static str,
        code: String,
    },
    #[error("DynamoDB throttled the ledger table `{table}` ({code}): the decision is retried; use on-demand capacity or raise the table's write capacity")]
    Throttled { table: String, code: String },
    #[error("the ledger table `{table}` refused the request ({code}: {message}): its partition key must be `conversationId` (String)")]
    Invalid {
        table: String,
        code: String,
        message: String,
    },
    #[error("DynamoDB could not be reached for the ledger table `{table}`: {reason}; check network access (VPC endpoint or NAT), AWS credentials and region")]
    Unreachable { table: String, reason: String },
    #[error("the ledger write for `{table}` did not finish before the invocation deadline: the decision is retried")]
    Deadline { table: String },
    #[error("conversation `{conversation_id}` is not held in the ledger table `{table}` (nothing to release)")]
    NotHeld {
        table: String,
        conversation_id: String,
    },
    #[error("the ledger table `{table}` answered {code}: {message}")]
    Other {
        table: String,
        code: String,
        message: String,
    },
}

impl LedgerError {
    /// A stable machine-readable code for reports and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            LedgerError::TableNotFound { .. } => "ledger.table_not_found",
            LedgerError::AccessDenied { .. } => "ledger.access_denied",
            LedgerError::Throttled { .. } => "ledger.throttled",
            LedgerError::Invalid { .. } => "ledger.invalid_table",
            LedgerError::Unreachable { .. } => "ledger.unreachable",
            LedgerError::Deadline { .. } => "ledger.deadline",
            LedgerError::NotHeld { .. } => "ledger.not_held",
            LedgerError::Other { .. } => "ledger.error",
        }
    }
}

/// The ledger client, built once per process.
pub struct Ledger {
    client: Client,
    table: String,
    ttl: Duration,
}

impl Ledger {
    /// A ledger on `table`; items expire `ttl` after their last write (DynamoDB TTL on `expiresAt`).
    pub fn new(client: Client, table: impl Into<String>, ttl: Duration) -> Self {
        Ledger {
            client,
            table: table.into(),
            ttl,
        }
    }

    /// A ledger whose DynamoDB client is configured from the AWS environment (region, credentials, and
    /// `AWS_ENDPOINT_URL_DYNAMODB`).
    pub fn from_sdk_config(sdk: &aws_config::SdkConfig, table: &str, ttl: Duration) -> Self {
        Ledger::new(Client::new(sdk), table, ttl)
    }

    pub fn table(&self) -> &str {
        &self.table
    }

    /// The item's expiry for a write at `now_ms`, in epoch seconds.
    pub fn expires_at_s(&self, now_ms: u64) -> u64 {
        now_ms / 1000 + self.ttl.as_secs()
    }

    /// Merges one decision into the conversation's item and returns the item as it now stands (the export
    /// decision of the conversation, which a higher earlier decision may outrank).
    pub async fn record(&self, entry: &Entry, deadline: &Deadline) -> Result<Item, LedgerError> {
        let item = match self
            .update(entry, update::Attempt::RaiseExport, deadline)
            .await
        {
            Err(Conditional::Failed) => {
                self.update(entry, update::Attempt::KeepExport, deadline)
                    .await
            }
            other => other,
        }
        .map_err(|e| match e {
            Conditional::Failed => LedgerError::Other {
                table: self.table.clone(),
                code: "ConditionalCheckFailedException".into(),
                message: "an unconditional update failed its condition".into(),
            },
            Conditional::Error(e) => e,
        })?;
        self.settle_time_to_pause(entry, item, deadline).await
    }

    /// When the first confirmed pause followed PII seen by an earlier event, records `pausedAt - firstPiiAt`.
    async fn settle_time_to_pause(
        &self,
        entry: &Entry,
        mut item: Item,
        deadline: &Deadline,
    ) -> Result<Item, LedgerError> {
        let (Some(first), Some(paused)) = (item.first_pii_at.clone(), item.paused_at.clone())
        else {
            return Ok(item);
        };
        let exact = match (time::rfc3339_ms(&first), time::rfc3339_ms(&paused)) {
            (Some(f), Some(p)) => p.saturating_sub(f),
            _ => return Ok(item),
        };
        let ours = entry.pause_confirmed_at_ms.map(time::iso8601_ms);
        if item.time_to_pause_ms == Some(exact) || ours.as_deref() != Some(paused.as_str()) {
            return Ok(item);
        }
        let u = update::time_to_pause(&paused, exact);
        match self
            .send_update(&entry.conversation_id, u, false, deadline)
            .await
        {
            Ok(_) | Err(Conditional::Failed) => {
                item.time_to_pause_ms = Some(exact);
                Ok(item)
            }
            Err(Conditional::Error(e)) => Err(e),
        }
    }

    async fn update(
        &self,
        entry: &Entry,
        attempt: update::Attempt,
        deadline: &Deadline,
    ) -> Result<Item, Conditional> {
        let u = update::merge(entry, attempt);
        let attributes = self
            .send_update(&entry.conversation_id, u, true, deadline)
            .await?;
        Ok(Item::from_attributes(&attributes.unwrap_or_default()))
    }

    async fn send_update(
        &self,
        conversation_id: &str,
        u: update::Update,
        return_new: bool,
        deadline: &Deadline,
    ) -> Result<Option<HashMap<String, AttributeValue>>, Conditional> {
        let mut request = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(
                "conversationId",
                AttributeValue::S(conversation_id.to_string()),
            )
            .update_expression(u.expression)
            .set_condition_expression(u.condition)
            .set_expression_attribute_names(Some(u.names))
            .set_expression_attribute_values(Some(u.values));
        if return_new {
            request = request.return_values(ReturnValue::AllNew);
        }
        let sent = tokio::time::timeout(deadline.remaining(), request.send()).await;
        match sent {
            Err(_) => Err(Conditional::Error(LedgerError::Deadline {
                table: self.table.clone(),
            })),
            Ok(Ok(out)) => Ok(out.attributes),
            Ok(Err(e))
                if e.as_service_error()
                    .is_some_and(|s| s.is_conditional_check_failed_exception()) =>
            {
                Err(Conditional::Failed)
            }
            Ok(Err(e)) => Err(Conditional::Error(classify(&self.table, "UpdateItem", e))),
        }
    }

    /// Proves the table exists and takes the function's writes, changing nothing: an update whose condition
    /// cannot hold on a key no conversation has (`ConditionalCheckFailedException` is the good answer).
    pub async fn probe(&self) -> Result<(), LedgerError> {
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .key(
                "conversationId",
                AttributeValue::S("pii-pause-doctor-probe".to_string()),
            )
            .update_expression("SET #probe = :probe")
            .condition_expression("attribute_exists(#never) AND attribute_not_exists(#never)")
            .expression_attribute_names("#probe", "doctorProbe")
            .expression_attribute_names("#never", "conversationId")
            .expression_attribute_values(":probe", AttributeValue::Bool(true))
            .send()
            .await;
        match out {
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Ok(_) => Ok(()),
            Err(e) => Err(classify(&self.table, "UpdateItem", e)),
        }
    }

    /// The item of one conversation, read strongly consistent.
    pub async fn get(&self, conversation_id: &str) -> Result<Option<Item>, LedgerError> {
        let out = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(
                "conversationId",
                AttributeValue::S(conversation_id.to_string()),
            )
            .consistent_read(true)
            .send()
            .await
            .map_err(|e| classify(&self.table, "GetItem", e))?;
        Ok(out.item.as_ref().map(Item::from_attributes))
    }

    /// The conversations first held on `day` (`YYYY-MM-DD`, UTC) and still held: a query of the held-day index,
    /// or a scan when the table has no such index.
    pub async fn held_on(&self, day: &str) -> Result<Vec<Item>, LedgerError> {
        let mut items = Vec::new();
        let mut start: Option<HashMap<String, AttributeValue>> = None;
        loop {
            let page = self
                .client
                .query()
                .table_name(&self.table)
                .index_name(table::HELD_DAY_INDEX)
                .key_condition_expression("#day = :day")
                .expression_attribute_names("#day", "heldDay")
                .expression_attribute_values(":day", AttributeValue::S(day.to_string()))
                .set_exclusive_start_key(start.take())
                .send()
                .await;
            match page {
                Ok(out) => {
                    items.extend(out.items().iter().map(Item::from_attributes));
                    match out.last_evaluated_key {
                        Some(key) if !key.is_empty() => start = Some(key),
                        _ => break,
                    }
                }
                Err(e) if e.code() == Some("ValidationException") && items.is_empty() => {
                    return self.scan_held(day).await
                }
                Err(e) => return Err(classify(&self.table, "Query", e)),
            }
        }
        items.retain(|i| i.export == Export::Hold);
        items.sort_by(|a, b| a.conversation_id.cmp(&b.conversation_id));
        Ok(items)
    }

    async fn scan_held(&self, day: &str) -> Result<Vec<Item>, LedgerError> {
        let mut items = Vec::new();
        let mut start: Option<HashMap<String, AttributeValue>> = None;
        loop {
            let out = self
                .client
                .scan()
                .table_name(&self.table)
                .filter_expression("#day = :day AND #export = :hold")
                .expression_attribute_names("#day", "heldDay")
                .expression_attribute_names("#export", "export")
                .expression_attribute_values(":day", AttributeValue::S(day.to_string()))
                .expression_attribute_values(":hold", AttributeValue::S("hold".into()))
                .set_exclusive_start_key(start.take())
                .send()
                .await
                .map_err(|e| classify(&self.table, "Scan", e))?;
            items.extend(out.items().iter().map(Item::from_attributes));
            match out.last_evaluated_key {
                Some(key) if !key.is_empty() => start = Some(key),
                _ => break,
            }
        }
        items.sort_by(|a, b| a.conversation_id.cmp(&b.conversation_id));
        Ok(items)
    }

    /// A person releases a held conversation: the export becomes `redact` (PII was found: its fields still go)
    /// or `allow`, and who, when and why are kept in `releases`. A later event with unconfirmed PII holds it
    /// again.
    pub async fn release(
        &self,
        conversation_id: &str,
        by: &str,
        reason: &str,
    ) -> Result<Item, LedgerError> {
        let current = self.get(conversation_id).await?;
        let not_held = || LedgerError::NotHeld {
            table: self.table.clone(),
            conversation_id: conversation_id.to_string(),
        };
        let current = current
            .filter(|i| i.export == Export::Hold)
            .ok_or_else(not_held)?;
        let to = if current.pii || !current.redact_fields.is_empty() {
            Export::Redact
        } else {
            Export::Allow
        };
        let now = time::iso8601_ms(time::now_ms());
        let entry = AttributeValue::M(HashMap::from([
            ("by".to_string(), AttributeValue::S(by.to_string())),
            ("at".to_string(), AttributeValue::S(now.clone())),
            ("reason".to_string(), AttributeValue::S(reason.to_string())),
        ]));
        let out = self
            .client
            .update_item()
            .table_name(&self.table)
            .key("conversationId", AttributeValue::S(conversation_id.to_string()))
            .update_expression(
                "SET #export = :to, #updatedAt = :now, #releases = list_append(if_not_exists(#releases, :none), :release) REMOVE #heldDay",
            )
            .condition_expression("#export = :hold")
            .expression_attribute_names("#export", "export")
            .expression_attribute_names("#updatedAt", "updatedAt")
            .expression_attribute_names("#releases", "releases")
            .expression_attribute_names("#heldDay", "heldDay")
            .expression_attribute_values(":to", AttributeValue::S(to.as_str().into()))
            .expression_attribute_values(":now", AttributeValue::S(now))
            .expression_attribute_values(":none", AttributeValue::L(Vec::new()))
            .expression_attribute_values(":release", AttributeValue::L(vec![entry]))
            .expression_attribute_values(":hold", AttributeValue::S("hold".into()))
            .return_values(ReturnValue::AllNew)
            .send()
            .await;
        match out {
            Ok(out) => Ok(Item::from_attributes(&out.attributes.unwrap_or_default())),
            Err(e)
                if e.as_service_error()
                    .is_some_and(|s| s.is_conditional_check_failed_exception()) =>
            {
                Err(not_held())
            }
            Err(e) => Err(classify(&self.table, "UpdateItem", e)),
        }
    }
}

/// An update's outcome: its condition failed, or another error.
enum Conditional {
    Failed,
    Error(LedgerError),
}

impl From<LedgerError> for Conditional {
    fn from(e: LedgerError) -> Self {
        Conditional::Error(e)
    }
}

/// Maps an SDK error to what the user must do.
pub(crate) fn classify<E, R>(table: &str, action: &'static str, e: SdkError<E, R>) -> LedgerError
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
    R: std::fmt::Debug,
{
    let table = table.to_string();
    match &e {
        SdkError::ServiceError(service) => {
            let err = service.err();
            let code = err.code().unwrap_or("unknown").to_string();
            let message = err
                .message()
                .unwrap_or_default()
                .chars()
                .take(300)
                .collect();
            match code.as_str() {
                "ResourceNotFoundException" => LedgerError::TableNotFound { table },
                "AccessDeniedException"
                | "UnrecognizedClientException"
                | "InvalidSignatureException"
                | "MissingAuthenticationTokenException"
                | "ExpiredTokenException" => LedgerError::AccessDenied {
                    table,
                    action,
                    code,
                },
                "ProvisionedThroughputExceededException"
                | "ThrottlingException"
                | "RequestLimitExceeded" => LedgerError::Throttled { table, code },
                "ValidationException" => LedgerError::Invalid {
                    table,
                    code,
                    message,
                },
                _ => LedgerError::Other {
                    table,
                    code,
                    message,
                },
            }
        }
        SdkError::TimeoutError(_) => LedgerError::Unreachable {
            table,
            reason: "the request timed out".into(),
        },
        SdkError::DispatchFailure(d) if d.is_io() || d.is_timeout() => LedgerError::Unreachable {
            table,
            reason: if d.is_timeout() {
                "the request timed out".into()
            } else {
                "the connection failed".into()
            },
        },
        _ => LedgerError::Other {
            table,
            code: "client".into(),
            message: DisplayErrorContext(&e)
                .to_string()
                .chars()
                .take(400)
                .collect(),
        },
    }
}

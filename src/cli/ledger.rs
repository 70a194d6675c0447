//! `pii-pause ledger`: reads the decision ledger (one conversation, or the conversations held on a day),
//! records a person's release of a held conversation (who and why), and creates the table for local runs.

use crate::ledger::{table, Item, Ledger};
use crate::time;
use std::time::Duration;

/// What to do with the ledger.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Command {
    /// Print one conversation's item.
    Get { conversation_id: String },
    /// List the conversations first held on a day (UTC, `YYYY-MM-DD`; today when absent) and still held.
    Held { day: Option<String> },
    /// Release a held conversation.
    Release {
        conversation_id: String,
        by: String,
        reason: String,
    },
    /// Create the table (on-demand, with the held-day index and TTL).
    CreateTable,
}

/// Runs `command` on `table` (or `PII_PAUSE_LEDGER_TABLE`) and returns what to print.
pub async fn run(table: Option<String>, command: Command) -> Result<String, String> {
    let table = table
        .or_else(|| std::env::var("PII_PAUSE_LEDGER_TABLE").ok())
        .filter(|t| !t.trim().is_empty())
        .ok_or("no ledger table: pass --table or set PII_PAUSE_LEDGER_TABLE")?;
    let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
        .load()
        .await;
    let ledger = Ledger::from_sdk_config(&sdk, &table, Duration::ZERO);
    match command {
        Command::Get { conversation_id } => match ledger.get(&conversation_id).await {
            Ok(Some(item)) => Ok(pretty(&item)),
            Ok(None) => Err(format!(
                "no ledger item for `{conversation_id}` in `{table}`: pii-pause never decided this conversation; \
                 an export gate must treat it as held"
            )),
            Err(e) => Err(e.to_string()),
        },
        Command::Held { day } => {
            let day = day.unwrap_or_else(|| time::day_of(time::now_ms()));
            if time::rfc3339_ms(&format!("{day}T00:00:00Z")).is_none() {
                return Err(format!("`{day}` is not a day: use YYYY-MM-DD (UTC)"));
            }
            let items = ledger.held_on(&day).await.map_err(|e| e.to_string())?;
            Ok(items
                .iter()
                .map(|i| serde_json::to_string(&held_line(i)).unwrap_or_default() + "\n")
                .collect())
        }
        Command::Release {
            conversation_id,
            by,
            reason,
        } => {
            if reason.trim().is_empty() || by.trim().is_empty() {
                return Err("a release needs --reason and --by (who decided, and why)".into());
            }
            ledger
                .release(&conversation_id, by.trim(), reason.trim())
                .await
                .map(|item| pretty(&item))
                .map_err(|e| e.to_string())
        }
        Command::CreateTable => {
            let client = aws_sdk_dynamodb::Client::new(&sdk);
            table::create(&client, &table)
                .await
                .map(|()| format!("created ledger table `{table}` (partition key conversationId, index {}, TTL on {})\n", table::HELD_DAY_INDEX, table::TTL_ATTRIBUTE))
                .map_err(|e| e.to_string())
        }
    }
}

/// One line of the held listing.
fn held_line(i: &Item) -> serde_json::Value {
    serde_json::json!({
        "conversationId": i.conversation_id,
        "platform": i.platform,
        "kinds": i.kinds,
        "action": i.action,
        "firstPiiAt": i.first_pii_at,
        "updatedAt": i.updated_at,
    })
}

/// Pretty JSON, ending with a newline.
fn pretty<T: serde::Serialize>(value: &T) -> String {
    serde_json::to_string_pretty(value).unwrap_or_default() + "\n"
}

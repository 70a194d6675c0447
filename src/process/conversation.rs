//! The decision for one conversation, whatever its platform: scan what the events carried, read the contact
//! when they carried none, pause (or resume) through the platform, decide the export from what the platform
//! confirmed, and merge the decision into the ledger.

use super::log;
use crate::app::App;
use crate::decision::{self, Facts};
use crate::detect::{Finding, PiiKind, ScanResult};
use crate::http::Deadline;
use crate::intake::Record;
use crate::ledger::Entry;
use crate::platform::{Contact, Platform, PlatformError};
use crate::report::{Action, ConversationResult, Export, Redaction, ResultError};
use crate::time::now_ms;
use futures_util::stream::{self, StreamExt};
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;
use tracing::Instrument;

/// What every decision of one batch shares.
pub struct Context<'a> {
    /// The EventBridge event id (a correlation id for logs).
    pub event_id: Option<&'a str>,
}

/// One conversation's records (an invocation may carry several for the same conversation).
struct Group<'a> {
    platform: &'static str,
    conversation_id: &'a str,
    records: Vec<&'a Record>,
}

fn group(records: &[Record]) -> Vec<Group<'_>> {
    let mut groups: Vec<Group<'_>> = Vec::new();
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    for r in records {
        let key = (r.platform, r.conversation_id.as_str());
        match index.get(&key) {
            Some(&i) => groups[i].records.push(r),
            None => {
                index.insert(key, groups.len());
                groups.push(Group {
                    platform: r.platform,
                    conversation_id: &r.conversation_id,
                    records: vec![r],
                });
            }
        }
    }
    groups
}

/// Decides every conversation, at most `MAX_CONCURRENCY` at once, in input order.
pub async fn decide_all(
    app: &App,
    records: &[Record],
    deadline: &Deadline,
    context: &Context<'_>,
) -> Vec<ConversationResult> {
    stream::iter(group(records))
        .map(|g| {
            let span = tracing::info_span!(
                "conversation",
                conversation_id = %g.conversation_id,
                platform = g.platform,
                event_id = context.event_id.unwrap_or("")
            );
            decide(app, g, deadline, context).instrument(span)
        })
        .buffered(app.config.runtime.max_concurrency)
        .collect()
        .await
}

/// The recording state a conversation's findings call for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Paused,
    Active,
}

async fn decide(
    app: &App,
    group: Group<'_>,
    deadline: &Deadline,
    context: &Context<'_>,
) -> ConversationResult {
    let mut scan = ScanResult::default();
    for record in &group.records {
        scan.merge(app.scanner.scan(&record.body));
        for field in &record.signals {
            scan.merge(signal(field));
        }
    }
    let first = group.records[0];
    let mut contact = Contact {
        id: group.conversation_id.to_string(),
        media_type: first.media_type.clone(),
        locator: group
            .records
            .iter()
            .map(|r| &r.locator)
            .find(|l| !l.is_null())
            .cloned()
            .unwrap_or(Value::Null),
    };
    let event_time_ms = group.records.iter().filter_map(|r| r.event_time_ms).min();
    let delivery_id = group.records.iter().find_map(|r| r.delivery_id.as_deref());
    let platform: Option<&Arc<dyn Platform>> = app.platforms.get(group.platform);

    let mut read_error = None;
    let mut read_paused_at = None;
    if group.records.iter().any(|r| r.read) {
        match platform {
            Some(p) => match p.read(&contact, deadline).await {
                Ok(read) => {
                    scan.merge(app.scanner.scan(&read.data));
                    contact.media_type = contact.media_type.or(read.media_type);
                    if let Some(locator) = read.locator {
                        contact.locator = locator;
                    }
                    read_paused_at = (read.securely_paused == Some(true)).then(now_ms);
                }
                Err(e) => read_error = Some(e),
            },
            None => read_error = Some(not_registered(group.platform)),
        }
    }

    let mut result = ConversationResult {
        conversation_id: contact.id.clone(),
        platform: group.platform,
        pii: scan.pii(),
        findings: scan.findings.clone(),
        action: Action::None,
        export: Export::Hold,
        redact: None,
        recording_state: None,
        time_to_pause_ms: None,
        pause_latency_ms: None,
        context_id: None,
        error: None,
    };
    if let Some(reason) = &scan.incomplete {
        result.error = Some(ResultError::new(
            "scan.incomplete",
            format!("the record was not fully scanned: {reason}"),
            "held from export because unscanned data may hold PII; flatten or split the record",
        ));
    }

    let wanted = if scan.pii() {
        Some(Wanted::Paused)
    } else if scan.flag_cleared && app.config.runtime.resume_on_clear {
        Some(Wanted::Active)
    } else {
        None
    };
    let mut pause_confirmed_at = None;
    match (wanted, platform) {
        (None, _) => {}
        (Some(_), _) if !app.enforcing() => result.action = Action::DryRun,
        (Some(Wanted::Paused), _) if read_paused_at.is_some() => {
            result.action = Action::AlreadyPaused;
            result.recording_state = Some("PAUSED".into());
            pause_confirmed_at = read_paused_at;
        }
        (Some(want), Some(p)) => {
            pause_confirmed_at = change_state(
                p.as_ref(),
                &contact,
                want,
                deadline,
                event_time_ms,
                &mut result,
            )
            .await;
        }
        (Some(_), None) => fail(&mut result, &not_registered(group.platform)),
    }
    if let Some(e) = &read_error {
        if result.error.is_none() {
            result.context_id = result.context_id.take().or(e.context_id.clone());
            result.error = Some(ResultError::from(e));
        }
    }
    let decided = decision::decide(Facts {
        scan: &scan,
        unscanned: read_error.is_some(),
        pause_confirmed_at_ms: pause_confirmed_at,
    });
    result.export = decided.export;
    result.redact = decided.redact;
    record_in_ledger(
        app,
        &mut result,
        &scan,
        event_time_ms,
        pause_confirmed_at,
        delivery_id,
        deadline,
    )
    .await;
    log::result(&result, context.event_id.or(delivery_id));
    result
}

/// A "PII present" signal the platform event asserts (a Contact Lens rule match) as a flag finding.
fn signal(field: &str) -> ScanResult {
    ScanResult {
        findings: vec![Finding {
            kind: PiiKind::Flag,
            field: field.to_string(),
        }],
        flag_fields: vec![field.to_string()],
        ..ScanResult::default()
    }
}

fn not_registered(platform: &str) -> PlatformError {
    PlatformError::new(
        "setup.platform_unknown",
        format!("no adapter is registered for platform `{platform}`"),
        "send records of a platform pii-pause knows (genesys, connect, ...)",
    )
}

fn fail(result: &mut ConversationResult, e: &PlatformError) {
    result.action = if e.not_found {
        Action::NotFound
    } else {
        Action::Failed
    };
    let error = ResultError::from(e);
    result.context_id = error.context_id.clone();
    result.error = Some(error);
}

/// Sets the recording state through the platform; returns when the platform confirmed the recording is securely
/// paused (epoch ms), for a pause.
async fn change_state(
    platform: &dyn Platform,
    contact: &Contact,
    want: Wanted,
    deadline: &Deadline,
    event_time_ms: Option<u64>,
    result: &mut ConversationResult,
) -> Option<u64> {
    let started = Instant::now();
    let outcome = match want {
        Wanted::Paused => platform.pause(contact, deadline).await,
        Wanted::Active => platform.resume(contact, deadline).await,
    };
    match outcome {
        Ok(confirmed) => {
            let at = now_ms();
            result.recording_state = confirmed.state;
            result.context_id = confirmed.context_id;
            match want {
                Wanted::Active => {
                    result.action = Action::Resumed;
                    None
                }
                Wanted::Paused if confirmed.already => {
                    result.action = Action::AlreadyPaused;
                    Some(at)
                }
                Wanted::Paused => {
                    result.action = Action::Paused;
                    result.pause_latency_ms = Some(started.elapsed().as_millis() as u64);
                    result.time_to_pause_ms = event_time_ms.map(|t| at.saturating_sub(t));
                    Some(at)
                }
            }
        }
        Err(e) => {
            fail(result, &e);
            None
        }
    }
}

/// Merges the decision into the ledger and reports the conversation's decision as the ledger now holds it (an
/// earlier, higher decision outranks this one). A failed write fails the result: the event is retried.
async fn record_in_ledger(
    app: &App,
    result: &mut ConversationResult,
    scan: &ScanResult,
    event_time_ms: Option<u64>,
    pause_confirmed_at: Option<u64>,
    delivery_id: Option<&str>,
    deadline: &Deadline,
) {
    let Some(ledger) = &app.ledger else {
        return;
    };
    let now = now_ms();
    let mut kinds: Vec<String> = scan
        .findings
        .iter()
        .map(|f| f.kind.as_str().to_string())
        .collect();
    kinds.dedup();
    let entry = Entry {
        conversation_id: result.conversation_id.clone(),
        platform: result.platform.to_string(),
        export: result.export,
        redact_fields: scan.redact_fields(),
        pii: result.pii,
        kinds,
        action: log::action_name(result.action),
        recording_state: result.recording_state.clone(),
        pii_seen_at_ms: result.pii.then(|| event_time_ms.unwrap_or(now).min(now)),
        pause_confirmed_at_ms: pause_confirmed_at.filter(|_| result.pii),
        delivery_id: delivery_id.map(str::to_string),
        context_id: result.context_id.clone(),
        decided_at_ms: now,
        expires_at_s: ledger.expires_at_s(now),
    };
    match ledger.record(&entry, deadline).await {
        Ok(item) => {
            result.export = item.export;
            result.redact = (item.export == Export::Redact).then_some(Redaction {
                fields: item.redact_fields,
                recording_until: item.recording_until,
            });
        }
        Err(e) => {
            tracing::warn!(code = e.code(), error = %e, "the decision could not be written to the ledger");
            if result.error.is_none() {
                result.error = Some(ResultError::new(
                    e.code(),
                    "the decision was not recorded in the ledger; the event is retried",
                    e.to_string(),
                ));
            }
        }
    }
}

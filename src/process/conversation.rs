//! The decision for one conversation, whatever its platform: scan what the events carried, read the contact
//! when they carried none, pause (or resume) through the platform, decide the export from what the platform
//! confirmed, and merge the decision into the ledger.

use super::log;
use crate::app::App;
use crate::decision::{self, Facts};
use crate::detect::{Finding, PiiKind, ScanResult};
use crate::http::Deadline;
use crate::intake::{Record, ResumeCheck, Utterance};
use crate::ledger::{Entry, PauseChange};
use crate::platform::{Contact, Platform, PlatformError};
use crate::preemptive::{self, PauseState, Step};
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

/// The recording state a conversation's findings call for (a pause with its reason).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Wanted {
    Paused(&'static str),
    Active,
}

/// What the decision of one conversation leaves for the ledger.
struct Outcome<'a> {
    /// The scan without requests.
    scan: &'a ScanResult,
    event_time_ms: Option<u64>,
    /// The instant the audio before which may hold what was found (the pause, or the pre-emptive pause before it).
    pause_confirmed_at: Option<u64>,
    /// `pause_confirmed_at` is a pre-emptive pause that preceded the PII: it never lowers a later instant.
    recording_until_is_earlier: bool,
    pause: PauseChange,
    last_utterance_ms: Option<u64>,
    delivery_id: Option<&'a str>,
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

    // Request findings (the agent asking for sensitive data) are not PII: they never hold the export.
    let pii_scan = without_requests(&scan);
    let utterances: Vec<Utterance> = group
        .records
        .iter()
        .flat_map(|r| r.utterances.iter().cloned())
        .collect();
    let turn = preemptive::turn(&scan.findings, &utterances);
    let resume_check = group.records.iter().find_map(|r| r.resume_check.clone());
    let pii = pii_scan.pii();
    let state = pause_state(
        app,
        group.platform,
        &contact.id,
        pii,
        &utterances,
        resume_check.is_some(),
    )
    .await;

    let mut result = ConversationResult {
        conversation_id: contact.id.clone(),
        platform: group.platform,
        pii,
        findings: scan.findings.clone(),
        action: Action::None,
        export: Export::Hold,
        redact: None,
        recording_state: None,
        time_to_pause_ms: None,
        pause_latency_ms: None,
        context_id: None,
        pause_preceded_pii: None,
        error: None,
    };
    if let Some(reason) = &scan.incomplete {
        result.error = Some(ResultError::new(
            "scan.incomplete",
            format!("the record was not fully scanned: {reason}"),
            "held from export because unscanned data may hold PII; flatten or split the record",
        ));
    }

    // The current pause is a pre-emptive one, still in force: PII now is its answer.
    let preemptive_pause = state.as_ref().and_then(|s| s.preemptively_paused());
    let wanted = if pii {
        let reason = if pii_scan
            .findings
            .iter()
            .all(|f| pii_scan.flag_fields.contains(&f.field))
        {
            preemptive::REASON_FLAG
        } else {
            preemptive::REASON_PII
        };
        Some(Wanted::Paused(reason))
    } else if let Some(check) = &resume_check {
        state
            .as_ref()
            .filter(|s| app.config.preemptive.resume && preemptive::silence_over(check, s))
            .map(|_| Wanted::Active)
    } else {
        match preemptive::step(&app.config.preemptive, &turn, state.as_ref()) {
            Step::PauseForRequest => Some(Wanted::Paused(preemptive::REASON_REQUEST)),
            Step::Resume => Some(Wanted::Active),
            Step::Nothing if scan.flag_cleared && app.config.runtime.resume_on_clear => {
                Some(Wanted::Active)
            }
            Step::Nothing => None,
        }
    };
    let mut pause_confirmed_at = None;
    match (wanted, platform) {
        (None, _) => {}
        (Some(_), _) if !app.enforcing() => result.action = Action::DryRun,
        (Some(Wanted::Paused(_)), _) if read_paused_at.is_some() => {
            result.action = Action::AlreadyPaused;
            result.recording_state = Some("PAUSED".into());
            pause_confirmed_at = read_paused_at;
        }
        (Some(want), Some(p)) => {
            // During a pre-emptive pause, ask the platform first: a recording still paused needs no call, and
            // only a read says it was already paused when the answer came.
            let paused_now = match (want, preemptive_pause) {
                (Wanted::Paused(_), Some(_)) => paused_now(p.as_ref(), &contact, deadline).await,
                _ => None,
            };
            pause_confirmed_at = match paused_now {
                Some(at) => {
                    result.action = Action::AlreadyPaused;
                    result.recording_state = Some("PAUSED".into());
                    Some(at)
                }
                None => {
                    change_state(
                        p.as_ref(),
                        &contact,
                        want,
                        deadline,
                        event_time_ms,
                        &mut result,
                    )
                    .await
                }
            };
        }
        (Some(_), None) => fail(&mut result, &not_registered(group.platform)),
    }
    if let Some(e) = &read_error {
        if result.error.is_none() {
            result.context_id = result.context_id.take().or(e.context_id.clone());
            result.error = Some(ResultError::from(e));
        }
    }

    // Whether the pause came before the PII: a pre-emptive pause confirmed before the PII began, and the platform
    // saying now that the recording is (still) paused. Then the audio before that pause is clean of the answer.
    let preceded = pii
        && result.action == Action::AlreadyPaused
        && state.as_ref().is_some_and(|s| s.preceded(turn.pii_from_ms));
    if pii && !utterances.is_empty() {
        result.pause_preceded_pii = Some(preceded);
    }
    let recording_until = if preceded {
        preemptive_pause
    } else {
        pause_confirmed_at
    };
    let decided = decision::decide(Facts {
        scan: &pii_scan,
        unscanned: read_error.is_some(),
        pause_confirmed_at_ms: recording_until,
    });
    result.export = decided.export;
    result.redact = decided.redact;

    // PII while the pre-emptive pause held is its answer; a pause the answer had to make again (someone resumed the
    // recording in between) replaces it.
    let pause = match (wanted, pause_confirmed_at, result.action) {
        (Some(Wanted::Paused(_)), Some(at), Action::AlreadyPaused)
            if preemptive_pause.is_some() && pii =>
        {
            PauseChange::Answered {
                at_ms: turn.pii_from_ms.unwrap_or(at),
            }
        }
        (Some(Wanted::Paused(reason)), Some(at), _) => PauseChange::Paused { reason, at_ms: at },
        (Some(Wanted::Active), _, Action::Resumed) => PauseChange::Resumed { at_ms: now_ms() },
        _ => PauseChange::None,
    };
    let outcome = Outcome {
        scan: &pii_scan,
        event_time_ms,
        pause_confirmed_at: recording_until,
        recording_until_is_earlier: preceded,
        pause,
        last_utterance_ms: turn.last_utterance_ms,
        delivery_id,
    };
    match outcome.pause {
        PauseChange::Paused { reason, at_ms } if reason == preemptive::REASON_REQUEST => app
            .pause_hints
            .paused_for_request(group.platform, &contact.id, at_ms),
        PauseChange::Paused { .. } | PauseChange::Resumed { .. } => {
            app.pause_hints.replaced(group.platform, &contact.id)
        }
        PauseChange::Answered { .. } | PauseChange::None => {}
    }
    record_in_ledger(app, &mut result, &outcome, deadline).await;
    schedule_silence_check(
        app,
        &contact,
        group.platform,
        &result,
        &outcome,
        state.as_ref(),
    )
    .await;
    log::result(&result, context.event_id.or(delivery_id));
    result
}

/// The scan without request findings (a request is not PII).
fn without_requests(scan: &ScanResult) -> ScanResult {
    let mut pii = scan.clone();
    pii.findings.retain(|f| !f.kind.is_request());
    pii
}

/// What the ledger knows of the conversation's current pause, when the pre-emptive policy needs it: a transcript
/// event (or a silence check) with the ledger configured. A ledger that cannot be read gives no state: nothing is
/// resumed and no pause is said to have preceded the PII. Without a ledger, this container's hint of its own
/// pre-emptive pause serves the answer (PII in a transcript) only: it makes the platform read first, and it is
/// never a reason to resume.
async fn pause_state(
    app: &App,
    platform: &str,
    id: &str,
    pii: bool,
    utterances: &[Utterance],
    resume_check: bool,
) -> Option<PauseState> {
    let config = &app.config.preemptive;
    let Some(ledger) = app.ledger.as_ref() else {
        let answer = pii && config.pause && !utterances.is_empty();
        return answer
            .then(|| app.pause_hints.preemptive_pause(platform, id))
            .flatten()
            .map(|at| PauseState {
                reason: Some(preemptive::REASON_REQUEST.to_string()),
                preemptive_paused_at_ms: Some(at),
                ..PauseState::default()
            });
    };
    let needed =
        resume_check || (!utterances.is_empty() && (config.resume || (config.pause && pii)));
    if !needed {
        return None;
    }
    match ledger.get(id).await {
        Ok(item) => Some(item.map(|i| i.pause_state()).unwrap_or_default()),
        Err(e) => {
            tracing::warn!(code = e.code(), error = %e, "the ledger could not be read for the pre-emptive pause");
            None
        }
    }
}

/// Whether the platform says the recording is securely paused now (the instant it said so), `None` when it is
/// not, or cannot say.
async fn paused_now(
    platform: &dyn Platform,
    contact: &Contact,
    deadline: &Deadline,
) -> Option<u64> {
    match platform.read_state(contact, deadline).await {
        Ok(Some(true)) => Some(now_ms()),
        _ => None,
    }
}

/// After a pre-emptive pause, and after each utterance while one is current, with `PREEMPTIVE_RESUME` and a resume
/// queue, schedules a check after the configured silence. A failure to schedule is logged: the next clean utterance still resumes.
async fn schedule_silence_check(
    app: &App,
    contact: &Contact,
    platform: &'static str,
    result: &ConversationResult,
    outcome: &Outcome<'_>,
    state: Option<&PauseState>,
) {
    let Some(scheduler) = &app.resume_scheduler else {
        return;
    };
    if !app.config.preemptive.resume || result.failed() {
        return;
    }
    let paused_at = match outcome.pause {
        PauseChange::Paused { reason, at_ms } if reason == preemptive::REASON_REQUEST => {
            Some(at_ms)
        }
        PauseChange::Paused { .. } | PauseChange::Resumed { .. } => None,
        PauseChange::Answered { .. } | PauseChange::None => {
            state.and_then(|s| s.preemptively_paused())
        }
    };
    let (Some(paused_at_ms), Some(last_utterance_ms)) = (paused_at, outcome.last_utterance_ms)
    else {
        return;
    };
    let check = ResumeCheck {
        paused_at_ms,
        last_utterance_ms,
    };
    if let Err(e) = scheduler.schedule(platform, contact, &check).await {
        tracing::warn!(error = %e, "the silence check after a pre-emptive pause could not be scheduled");
    }
}

/// A "PII present" signal the platform event asserts (a Contact Lens rule match) as a flag finding.
fn signal(field: &str) -> ScanResult {
    ScanResult {
        findings: vec![Finding {
            kind: PiiKind::Flag.into(),
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
        Wanted::Paused(_) => platform.pause(contact, deadline).await,
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
                Wanted::Paused(_) if confirmed.already => {
                    result.action = Action::AlreadyPaused;
                    Some(at)
                }
                Wanted::Paused(_) => {
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
    outcome: &Outcome<'_>,
    deadline: &Deadline,
) {
    let Some(ledger) = &app.ledger else {
        return;
    };
    let now = now_ms();
    let mut kinds: Vec<String> = outcome
        .scan
        .findings
        .iter()
        .map(|f| f.kind.as_str().to_string())
        .collect();
    kinds.dedup();
    let entry = Entry {
        conversation_id: result.conversation_id.clone(),
        platform: result.platform.to_string(),
        export: result.export,
        redact_fields: outcome.scan.redact_fields(),
        pii: result.pii,
        kinds,
        action: log::action_name(result.action),
        recording_state: result.recording_state.clone(),
        pii_seen_at_ms: result
            .pii
            .then(|| outcome.event_time_ms.unwrap_or(now).min(now)),
        pause_confirmed_at_ms: outcome.pause_confirmed_at.filter(|_| result.pii),
        recording_until_is_earlier: outcome.recording_until_is_earlier,
        delivery_id: outcome.delivery_id.map(str::to_string),
        context_id: result.context_id.clone(),
        decided_at_ms: now,
        expires_at_s: ledger.expires_at_s(now),
        pause: outcome.pause,
        last_utterance_ms: outcome.last_utterance_ms,
        pause_preceded_pii: result.pause_preceded_pii,
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

//! The pre-emptive pause: when the agent asks for sensitive data in a transcribed utterance, pause before the
//! customer answers; with `PREEMPTIVE_RESUME`, resume once the answer is over (a later final utterance with
//! neither PII nor a request after the answer, or a silence after the request). Platform-agnostic: it reads what
//! the scan found in each utterance and what the ledger knows of the conversation's current pause, and says what
//! to do. A resume never happens while PII is being given, nor for a pause a flag or a person caused, nor without
//! the ledger's record of the pre-emptive pause (memory of a container is no record).

use crate::config::Env;
use crate::detect::Finding;
use crate::intake::{ResumeCheck, Speaker, Utterance};
use std::time::Duration;

/// The pre-emptive pause's settings.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PreemptiveConfig {
    /// Pause on the agent's request for sensitive data (`PREEMPTIVE_PAUSE`).
    pub pause: bool,
    /// Resume after a pre-emptive pause once the answer is over (`PREEMPTIVE_RESUME`).
    pub resume: bool,
    /// The silence after which a pre-emptive pause ends when nothing more is said
    /// (`PREEMPTIVE_RESUME_AFTER_SECONDS`).
    pub resume_after: Duration,
    /// The SQS queue of the delayed silence checks (`PII_PAUSE_RESUME_QUEUE_URL`); without it only a later clean
    /// utterance resumes.
    pub resume_queue_url: Option<String>,
}

impl PreemptiveConfig {
    pub fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        let resume_queue_url = env.get("PII_PAUSE_RESUME_QUEUE_URL");
        if let Some(url) = &resume_queue_url {
            if reqwest::Url::parse(url).is_err() {
                errors.push(format!(
                    "PII_PAUSE_RESUME_QUEUE_URL=`{url}` is not a queue URL (https://sqs.<region>.amazonaws.com/<account>/<queue>)"
                ));
            }
        }
        PreemptiveConfig {
            pause: env.flag("PREEMPTIVE_PAUSE", true, errors),
            resume: env.flag("PREEMPTIVE_RESUME", false, errors),
            resume_after: Duration::from_secs(env.number(
                "PREEMPTIVE_RESUME_AFTER_SECONDS",
                30,
                1,
                900,
                errors,
            )),
            resume_queue_url,
        }
    }
}

/// What the utterances of one event say.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Turn {
    /// The agent asked for sensitive data (a request finding in an agent's utterance).
    pub requested: bool,
    /// When the first utterance with PII began (epoch ms), when the event says.
    pub pii_from_ms: Option<u64>,
    /// A final utterance with neither PII nor a request was spoken, and when it began.
    pub clean_final_from_ms: Option<u64>,
    /// The end of the last utterance (epoch ms).
    pub last_utterance_ms: Option<u64>,
}

/// The findings under an utterance's path.
fn under<'a>(findings: &'a [Finding], u: &'a Utterance) -> impl Iterator<Item = &'a Finding> {
    findings.iter().filter(move |f| {
        f.field == u.path
            || f.field
                .strip_prefix(u.path.as_str())
                .is_some_and(|rest| rest.starts_with('.') || rest.starts_with('['))
    })
}

/// Reads a turn from the findings of an event and its utterances.
pub fn turn(findings: &[Finding], utterances: &[Utterance]) -> Turn {
    let mut t = Turn::default();
    for u in utterances {
        let mut pii = false;
        let mut request = false;
        for f in under(findings, u) {
            if f.kind.is_request() {
                request |= u.speaker != Speaker::Customer;
            } else {
                pii = true;
            }
        }
        t.requested |= request;
        if pii {
            t.pii_from_ms = min(t.pii_from_ms, u.from_ms);
        }
        if u.is_final && !pii && !request && !backchannel(u) {
            t.clean_final_from_ms = max(t.clean_final_from_ms, u.from_ms.or(u.to_ms));
        }
        t.last_utterance_ms = max(t.last_utterance_ms, u.to_ms.or(u.from_ms));
    }
    t
}

/// Utterances shorter than this ("mm-hmm", "okay", "yes") may come between two halves of an answer: they do not
/// mean the conversation moved on.
pub const MOVED_ON_MIN_MS: u64 = 1_000;

/// A short acknowledgement, when the event says how long it was.
fn backchannel(u: &Utterance) -> bool {
    matches!((u.from_ms, u.to_ms), (Some(from), Some(to)) if to.saturating_sub(from) < MOVED_ON_MIN_MS)
}

fn min(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    match (a, b) {
        (Some(a), Some(b)) => Some(a.min(b)),
        (a, b) => a.or(b),
    }
}

fn max(a: Option<u64>, b: Option<u64>) -> Option<u64> {
    a.max(b)
}

/// Why the conversation's current pause was made, as the ledger records it.
pub const REASON_REQUEST: &str = "request";
pub const REASON_PII: &str = "pii";
pub const REASON_FLAG: &str = "flag";

/// What the ledger knows of the conversation's current pause.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PauseState {
    pub reason: Option<String>,
    /// When the last pre-emptive pause was confirmed (epoch ms).
    pub preemptive_paused_at_ms: Option<u64>,
    /// When PII was first spoken after it (the answer), epoch ms.
    pub answered_at_ms: Option<u64>,
    /// When pii-pause last resumed the recording (epoch ms).
    pub resumed_at_ms: Option<u64>,
    /// The end of the last utterance seen.
    pub last_utterance_ms: Option<u64>,
}

impl PauseState {
    /// A pre-emptive pause is the current one: made for a request and not resumed since.
    pub fn preemptively_paused(&self) -> Option<u64> {
        let at = self.preemptive_paused_at_ms?;
        let current = self.reason.as_deref() == Some(REASON_REQUEST)
            && self.resumed_at_ms.is_none_or(|r| r < at);
        current.then_some(at)
    }

    /// Whether the pause preceded PII spoken at `pii_from_ms`: a pre-emptive pause, current, confirmed before the
    /// PII began. (The platform's confirmation that the recording is paused now is the caller's to add.)
    pub fn preceded(&self, pii_from_ms: Option<u64>) -> bool {
        match (self.preemptively_paused(), pii_from_ms) {
            (Some(at), Some(from)) => at <= from,
            _ => false,
        }
    }
}

/// What the pre-emptive policy asks for, beyond the reactive pause on PII.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Nothing,
    /// Pause now: the agent asked for sensitive data.
    PauseForRequest,
    /// Resume: the answer to a pre-emptive pause is over.
    Resume,
}

/// The step for an event without PII and without a flag (those pause, whatever the policy says).
pub fn step(config: &PreemptiveConfig, turn: &Turn, state: Option<&PauseState>) -> Step {
    if turn.requested {
        return if config.pause {
            Step::PauseForRequest
        } else {
            Step::Nothing
        };
    }
    let Some(state) = state.filter(|_| config.resume) else {
        return Step::Nothing;
    };
    let (Some(paused_at), Some(answered_at)) = (state.preemptively_paused(), state.answered_at_ms)
    else {
        return Step::Nothing;
    };
    // The ledger forgets the answer at each new pre-emptive pause, so an answer on record is this pause's, even one
    // that began before the pause was confirmed (a slow delivery of the request). A clean utterance that began after
    // the answer began and after the pause is the conversation moving on.
    match turn.clean_final_from_ms {
        Some(from) if from > answered_at && from > paused_at => Step::Resume,
        _ => Step::Nothing,
    }
}

/// Whether a delayed silence check finds the pre-emptive pause it was scheduled for still current and nothing
/// said since: then the recording is resumed.
pub fn silence_over(check: &ResumeCheck, state: &PauseState) -> bool {
    state.preemptively_paused() == Some(check.paused_at_ms)
        && state
            .last_utterance_ms
            .is_none_or(|last| last <= check.last_utterance_ms)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::PiiKind;

    fn finding(kind: PiiKind, field: &str) -> Finding {
        Finding {
            kind: kind.into(),
            field: field.to_string(),
        }
    }

    fn utterance(i: usize, speaker: Speaker, from: u64, to: u64) -> Utterance {
        Utterance {
            path: format!("transcripts[{i}]"),
            speaker,
            is_final: true,
            from_ms: Some(from),
            to_ms: Some(to),
        }
    }

    fn config(resume: bool) -> PreemptiveConfig {
        PreemptiveConfig {
            pause: true,
            resume,
            resume_after: Duration::from_secs(30),
            resume_queue_url: None,
        }
    }

    #[test]
    fn a_turn_places_pii_and_clean_utterances_in_time() {
        let utterances = [
            utterance(0, Speaker::Customer, 1_000, 4_000),
            utterance(1, Speaker::Agent, 5_000, 6_000),
            utterance(10, Speaker::Customer, 7_000, 8_000),
        ];
        let findings = [finding(
            PiiKind::CreditCard,
            "transcripts[0].alternatives[0].transcript",
        )];
        let t = turn(&findings, &utterances);
        assert_eq!(t.pii_from_ms, Some(1_000));
        assert_eq!(t.clean_final_from_ms, Some(7_000));
        assert_eq!(t.last_utterance_ms, Some(8_000));
        assert!(!t.requested);
        // A short acknowledgement between two halves of an answer is no sign the conversation moved on.
        let mm_hmm = [utterance(0, Speaker::Agent, 9_000, 9_400)];
        assert_eq!(turn(&[], &mm_hmm).clean_final_from_ms, None);
        // `transcripts[1]` is not `transcripts[10]`.
        let findings = [finding(
            PiiKind::Email,
            "transcripts[1].alternatives[0].transcript",
        )];
        assert_eq!(turn(&findings, &utterances).pii_from_ms, Some(5_000));
    }

    #[test]
    fn resume_only_after_the_answer_and_only_for_a_current_pre_emptive_pause() {
        let clean = Turn {
            clean_final_from_ms: Some(9_000),
            last_utterance_ms: Some(9_500),
            ..Turn::default()
        };
        let state = PauseState {
            reason: Some(REASON_REQUEST.into()),
            preemptive_paused_at_ms: Some(5_000),
            answered_at_ms: Some(7_000),
            ..PauseState::default()
        };
        assert_eq!(step(&config(true), &clean, Some(&state)), Step::Resume);
        assert_eq!(
            step(&config(false), &clean, Some(&state)),
            Step::Nothing,
            "opt-in"
        );
        assert_eq!(
            step(&config(true), &clean, None),
            Step::Nothing,
            "no record, no resume"
        );
        let unanswered = PauseState {
            answered_at_ms: None,
            ..state.clone()
        };
        assert_eq!(
            step(&config(true), &clean, Some(&unanswered)),
            Step::Nothing
        );
        let flagged = PauseState {
            reason: Some(REASON_FLAG.into()),
            ..state.clone()
        };
        assert_eq!(step(&config(true), &clean, Some(&flagged)), Step::Nothing);
        let before_the_answer = Turn {
            clean_final_from_ms: Some(6_000),
            ..clean.clone()
        };
        assert_eq!(
            step(&config(true), &before_the_answer, Some(&state)),
            Step::Nothing
        );
        let resumed = PauseState {
            resumed_at_ms: Some(8_000),
            ..state.clone()
        };
        assert_eq!(step(&config(true), &clean, Some(&resumed)), Step::Nothing);
        // The request's event came late: the answer began before the pause, which then cut it short.
        let answered_early = PauseState {
            answered_at_ms: Some(4_000),
            ..state.clone()
        };
        assert_eq!(
            step(&config(true), &clean, Some(&answered_early)),
            Step::Resume
        );
    }

    #[test]
    fn the_pause_preceded_the_pii_only_when_confirmed_before_it_began() {
        let state = PauseState {
            reason: Some(REASON_REQUEST.into()),
            preemptive_paused_at_ms: Some(5_000),
            ..PauseState::default()
        };
        assert!(state.preceded(Some(6_000)));
        assert!(!state.preceded(Some(4_000)));
        assert!(!state.preceded(None));
        let resumed = PauseState {
            resumed_at_ms: Some(5_500),
            ..state
        };
        assert!(!resumed.preceded(Some(6_000)));
    }

    #[test]
    fn a_silence_check_resumes_only_when_nothing_was_said_since() {
        let state = PauseState {
            reason: Some(REASON_REQUEST.into()),
            preemptive_paused_at_ms: Some(5_000),
            last_utterance_ms: Some(6_000),
            ..PauseState::default()
        };
        let check = ResumeCheck {
            paused_at_ms: 5_000,
            last_utterance_ms: 6_000,
        };
        assert!(silence_over(&check, &state));
        let later = PauseState {
            last_utterance_ms: Some(7_000),
            ..state.clone()
        };
        assert!(!silence_over(&check, &later));
        let other_pause = ResumeCheck {
            paused_at_ms: 4_000,
            ..check
        };
        assert!(!silence_over(&other_pause, &state));
    }
}

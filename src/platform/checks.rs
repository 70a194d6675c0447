//! The doctor's vocabulary, shared by every platform's checks: a check and its status, what the configured
//! function needs (so that a check fails only when the function needs it now), and the fix wording for what is
//! needed only before enforcing.

use serde::Serialize;

/// The outcome of one check.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Pass,
    Warn,
    Fail,
    Skip,
}

/// One line of the doctor's table.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Check {
    pub check: &'static str,
    pub status: Status,
    pub detail: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub fix: Option<String>,
    /// This check proves that the platform's pause works (a dry-run is ready to enforce when one passes).
    #[serde(skip)]
    pub proves_pause: bool,
}

impl Check {
    pub fn new(
        check: &'static str,
        status: Status,
        detail: impl Into<String>,
        fix: Option<String>,
    ) -> Self {
        Check {
            check,
            status,
            detail: detail.into(),
            fix,
            proves_pause: false,
        }
    }

    /// Marks the check as the one that proves the pause works.
    pub fn proving_pause(mut self) -> Self {
        self.proves_pause = true;
        self
    }
}

/// What the configured function needs of a platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Needs {
    /// Enforce mode: the pause must work now (in dry-run it is needed only before enforcing).
    pub pause: bool,
}

/// `Fail` when the function needs the check now, `Warn` when only a later step (enforce) does.
pub fn severity(needed_now: bool) -> Status {
    if needed_now {
        Status::Fail
    } else {
        Status::Warn
    }
}

/// The wording of a fix needed only before enforcing.
pub const BEFORE_ENFORCE: &str = "needed before PII_PAUSE_MODE=enforce";

/// The fix, marked as needed only before enforcing when the function does not need it now.
pub fn when_needed(needed_now: bool, fix: String) -> String {
    if needed_now {
        fix
    } else {
        format!("{fix} ({BEFORE_ENFORCE})")
    }
}

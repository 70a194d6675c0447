//! The invocation deadline: the moment by which all work for one invocation must be done, shared by every
//! platform's calls, the ledger and the rate limiters.

use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// The moment by which all work for one invocation must be done.
#[derive(Debug, Clone, Copy)]
pub struct Deadline {
    at: Instant,
}

impl Deadline {
    /// Time left reserved for answering after the last retry.
    const ANSWER_MARGIN: Duration = Duration::from_millis(500);

    /// From Lambda's deadline in epoch milliseconds. A deadline that is unknown (0), already past, or absurdly
    /// far (local emulators send such values) falls back to `default_budget` from now.
    pub fn from_epoch_ms(deadline_ms: u64, default_budget: Duration) -> Self {
        let now_ms = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let remaining = deadline_ms.saturating_sub(now_ms);
        let budget = if remaining == 0 || remaining > 15 * 60 * 1000 {
            default_budget
        } else {
            Duration::from_millis(remaining).saturating_sub(Self::ANSWER_MARGIN)
        };
        Deadline {
            at: Instant::now() + budget,
        }
    }

    pub fn after(budget: Duration) -> Self {
        Deadline {
            at: Instant::now() + budget,
        }
    }

    pub fn remaining(&self) -> Duration {
        self.at.saturating_duration_since(Instant::now())
    }

    /// Whether waiting `wait` and then making a request that may take `request` still ends in time.
    pub fn allows(&self, wait: Duration, request: Duration) -> bool {
        wait + request.min(Duration::from_secs(2)) <= self.remaining()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unknown_or_past_deadlines_use_the_default_budget() {
        let d = Deadline::from_epoch_ms(0, Duration::from_secs(10));
        assert!(d.remaining() > Duration::from_secs(9));
        let d = Deadline::from_epoch_ms(1_000, Duration::from_secs(10));
        assert!(d.remaining() > Duration::from_secs(9));
        let now = SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map(|d| d.as_millis() as u64)
            .unwrap_or(0);
        let d = Deadline::from_epoch_ms(now + 3_000, Duration::from_secs(60));
        assert!(d.remaining() <= Duration::from_millis(2_600));
        assert!(d.remaining() >= Duration::from_millis(2_000));
    }
}

//! The retry policy: what is retried, how long to wait, and the invocation deadline nothing may pass.

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

/// How often and how long to retry.
#[derive(Debug, Clone, Copy)]
pub struct RetryPolicy {
    pub max_attempts: u32,
    pub base: Duration,
    pub cap: Duration,
    /// Wait after a 429 without a `Retry-After` header.
    pub default_retry_after: Duration,
    /// A `Retry-After` longer than this is not waited for (as the Genesys SDKs do, 180 s).
    pub max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 6,
            base: Duration::from_millis(100),
            cap: Duration::from_secs(4),
            default_retry_after: Duration::from_secs(3),
            max_retry_after: Duration::from_secs(180),
        }
    }
}

impl RetryPolicy {
    /// Exponential backoff with full jitter for retry number `attempt` (1-based).
    pub fn backoff(&self, attempt: u32) -> Duration {
        let exp = self
            .base
            .saturating_mul(1u32 << attempt.saturating_sub(1).min(16));
        let ceiling = exp.min(self.cap);
        let millis = ceiling.as_millis().max(1) as u64;
        Duration::from_millis(fastrand::u64(millis / 2..=millis))
    }

    /// The wait a 429 asks for: its `Retry-After` seconds, or the default.
    pub fn retry_after(&self, header: Option<&str>) -> Duration {
        header
            .and_then(|h| h.trim().parse::<f64>().ok())
            .filter(|s| s.is_finite() && *s >= 0.0)
            .map(|s| Duration::from_secs_f64(s.min(86_400.0)))
            .unwrap_or(self.default_retry_after)
    }
}

/// Whether an HTTP status is worth retrying (rate limit, gateway and availability errors).
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
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

    #[test]
    fn backoff_grows_and_is_capped() {
        let p = RetryPolicy::default();
        for attempt in 1..20 {
            let b = p.backoff(attempt);
            assert!(b <= p.cap, "{b:?}");
            assert!(b >= Duration::from_millis(50).min(p.cap / 2));
        }
        assert!(p.backoff(1) <= Duration::from_millis(100));
    }

    #[test]
    fn retry_after_parsing() {
        let p = RetryPolicy::default();
        assert_eq!(p.retry_after(Some("2")), Duration::from_secs(2));
        assert_eq!(p.retry_after(Some(" 0.5 ")), Duration::from_millis(500));
        assert_eq!(p.retry_after(Some("soon")), p.default_retry_after);
        assert_eq!(p.retry_after(None), p.default_retry_after);
        assert_eq!(p.retry_after(Some("-1")), p.default_retry_after);
    }
}

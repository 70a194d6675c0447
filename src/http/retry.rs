//! The retry policy every platform client uses: what is retried, how long to wait (`Retry-After`, or backoff
//! with full jitter), and never past the invocation deadline.

use super::Deadline;
use std::time::Duration;

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

impl RetryPolicy {
    /// The wait before retry `attempt + 1` (`asked` is what the server asked for), or `None` when the attempts
    /// are used up or the deadline would pass before a request could finish.
    pub fn next_wait(
        &self,
        attempt: u32,
        asked: Option<Duration>,
        deadline: &Deadline,
    ) -> Option<Duration> {
        if attempt >= self.max_attempts {
            return None;
        }
        let wait = asked.unwrap_or_else(|| self.backoff(attempt));
        deadline
            .allows(wait, Duration::from_millis(200))
            .then_some(wait)
    }
}

/// What a failed attempt calls for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Retry {
    /// Do not retry: the failure is final.
    No,
    /// Retry after the policy's backoff.
    Backoff,
    /// Retry after what the service asked for.
    After(Duration),
}

/// Runs `attempt` until it succeeds, `classify` says its failure is final, the attempts are used up or the
/// deadline would pass; returns the last outcome and how many attempts were made.
pub async fn run<T, E, F, Fut>(
    policy: &RetryPolicy,
    deadline: &Deadline,
    mut attempt: F,
    classify: impl Fn(&E) -> Retry,
) -> (Result<T, E>, u32)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Result<T, E>>,
{
    let mut made = 0u32;
    loop {
        made += 1;
        let outcome = attempt().await;
        let asked = match &outcome {
            Ok(_) => return (outcome, made),
            Err(e) => match classify(e) {
                Retry::No => return (outcome, made),
                Retry::Backoff => None,
                Retry::After(wait) => Some(wait.min(policy.max_retry_after)),
            },
        };
        match policy.next_wait(made, asked, deadline) {
            Some(wait) => tokio::time::sleep(wait).await,
            None => return (outcome, made),
        }
    }
}

/// Whether an HTTP status is worth retrying (rate limit, gateway and availability errors).
pub fn is_retryable_status(status: u16) -> bool {
    matches!(status, 429 | 502 | 503 | 504)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn run_retries_what_classify_allows_and_stops() {
        let policy = RetryPolicy {
            base: Duration::from_millis(1),
            cap: Duration::from_millis(2),
            ..RetryPolicy::default()
        };
        let deadline = Deadline::after(Duration::from_secs(10));
        let mut calls = 0;
        let (outcome, made) = run(
            &policy,
            &deadline,
            || {
                calls += 1;
                let n = calls;
                async move {
                    if n < 3 {
                        Err("throttled")
                    } else {
                        Ok(n)
                    }
                }
            },
            |_| Retry::Backoff,
        )
        .await;
        assert_eq!((outcome, made), (Ok(3), 3));
        let (outcome, made) = run(
            &policy,
            &deadline,
            || async { Err::<(), _>("denied") },
            |_| Retry::No,
        )
        .await;
        assert_eq!((outcome, made), (Err("denied"), 1));
        let (_, made) = run(
            &policy,
            &deadline,
            || async { Err::<(), _>("busy") },
            |_| Retry::Backoff,
        )
        .await;
        assert_eq!(made, policy.max_attempts);
    }

    #[test]
    fn no_retry_past_the_attempts_or_the_deadline() {
        let p = RetryPolicy::default();
        let roomy = Deadline::after(Duration::from_secs(30));
        assert_eq!(
            p.next_wait(1, Some(Duration::from_secs(2)), &roomy),
            Some(Duration::from_secs(2))
        );
        assert_eq!(p.next_wait(p.max_attempts, None, &roomy), None);
        let tight = Deadline::after(Duration::from_millis(300));
        assert_eq!(p.next_wait(1, Some(Duration::from_secs(2)), &tight), None);
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

//! A client-side rate limit: at most N requests in any sliding window (Genesys: 300 per minute per token;
//! Amazon Connect: 2 per second with a burst of 5 per account and Region), so a large batch waits its turn
//! instead of tripping 429s, and never waits past the invocation deadline.

use super::Deadline;
use std::collections::VecDeque;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// A sliding-window limiter. Callers reserve a slot; when the window is full the slot is in the future and the
/// caller sleeps until then.
pub struct RateLimiter {
    /// What is limited (for logs).
    name: &'static str,
    limit: usize,
    window: Duration,
    slots: Mutex<VecDeque<Instant>>,
}

/// The slot would come after the invocation deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct NoSlotBeforeDeadline {
    pub wait: Duration,
}

impl RateLimiter {
    /// `limit` requests per `window`; a limit of 0 turns limiting off. A margin (5% of the window, at most
    /// 250 ms) is added so that network jitter cannot make the server count two windows' requests together.
    pub fn new(name: &'static str, limit: u32, window: Duration) -> Self {
        let margin = (window / 20).min(Duration::from_millis(250));
        RateLimiter {
            name,
            limit: limit as usize,
            window: window + margin,
            slots: Mutex::new(VecDeque::new()),
        }
    }

    /// Waits for a slot. Fails without waiting when the slot would come after the deadline.
    pub async fn acquire(&self, deadline: &Deadline) -> Result<(), NoSlotBeforeDeadline> {
        if self.limit == 0 {
            return Ok(());
        }
        let slot = {
            let mut slots = self.slots.lock().await;
            let now = Instant::now();
            while slots
                .front()
                .is_some_and(|t| now.saturating_duration_since(*t) >= self.window)
            {
                slots.pop_front();
            }
            let slot = if slots.len() < self.limit {
                now
            } else {
                slots[slots.len() - self.limit] + self.window
            };
            let wait = slot.saturating_duration_since(now);
            if wait > deadline.remaining() {
                return Err(NoSlotBeforeDeadline { wait });
            }
            slots.push_back(slot);
            slot
        };
        let wait = slot.saturating_duration_since(Instant::now());
        if !wait.is_zero() {
            tracing::info!(
                limiter = self.name,
                wait_ms = wait.as_millis() as u64,
                limit = self.limit,
                "client-side rate limit: waiting for a slot"
            );
        }
        tokio::time::sleep_until(slot.into()).await;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn never_more_than_the_limit_in_a_window() {
        let limiter = RateLimiter::new("test", 5, Duration::from_millis(200));
        let deadline = Deadline::after(Duration::from_secs(10));
        let start = Instant::now();
        let mut times = Vec::new();
        for _ in 0..12 {
            assert!(limiter.acquire(&deadline).await.is_ok());
            times.push(start.elapsed());
        }
        for (i, t) in times.iter().enumerate().skip(5) {
            assert!(
                *t >= times[i - 5] + Duration::from_millis(200),
                "request {i} at {t:?} came too early"
            );
        }
        assert!(
            times[4] < Duration::from_millis(100),
            "the first five go at once"
        );
    }

    #[tokio::test]
    async fn refuses_slots_after_the_deadline() {
        let limiter = RateLimiter::new("test", 1, Duration::from_secs(60));
        let deadline = Deadline::after(Duration::from_secs(1));
        assert!(limiter.acquire(&deadline).await.is_ok());
        let refused = limiter.acquire(&deadline).await;
        assert!(refused.is_err_and(|e| e.wait > Duration::from_secs(50)));
    }

    #[tokio::test]
    async fn zero_means_off() {
        let limiter = RateLimiter::new("test", 0, Duration::from_secs(60));
        let deadline = Deadline::after(Duration::from_millis(1));
        for _ in 0..1000 {
            assert!(limiter.acquire(&deadline).await.is_ok());
        }
    }
}

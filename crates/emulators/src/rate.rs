//! A per-token rate limit for emulators: at most `limit` requests in any sliding window, answered with the
//! seconds to wait (for `Retry-After`) once reached.

use std::collections::{HashMap, VecDeque};
use std::time::{Duration, Instant};

/// Sliding windows of request times, one per token.
#[derive(Debug, Default)]
pub struct RateWindows {
    /// Requests allowed per window; 0 turns the limit off.
    limit: u32,
    window: Duration,
    seen: HashMap<String, VecDeque<Instant>>,
}

impl RateWindows {
    pub fn new(limit: u32, window: Duration) -> Self {
        RateWindows {
            limit,
            window: window.max(Duration::from_millis(1)),
            seen: HashMap::new(),
        }
    }

    /// Counts a request for `token`; returns the whole seconds to wait when the limit is reached.
    pub fn check(&mut self, token: &str) -> Option<u64> {
        let limit = self.limit as usize;
        if limit == 0 {
            return None;
        }
        let now = Instant::now();
        let span = self.window;
        let times = self.seen.entry(token.to_string()).or_default();
        while times
            .front()
            .is_some_and(|t| now.duration_since(*t) >= span)
        {
            times.pop_front();
        }
        if times.len() >= limit {
            let oldest = times.front().copied().unwrap_or(now);
            let wait = span.saturating_sub(now.duration_since(oldest));
            return Some(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        times.push_back(now);
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_limit_applies_per_token() {
        let mut rate = RateWindows::new(2, Duration::from_secs(60));
        assert_eq!(rate.check("a"), None);
        assert_eq!(rate.check("a"), None);
        assert_eq!(rate.check("a"), Some(60));
        assert_eq!(rate.check("b"), None);
        assert_eq!(RateWindows::new(0, Duration::ZERO).check("a"), None);
    }
}

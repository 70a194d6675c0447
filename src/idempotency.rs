//! Recent recording states confirmed in this container, so a repeated event makes no second call.

use crate::genesys::RecordingState;
use std::collections::HashMap;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Entries kept at most; the oldest are dropped beyond it.
const CAPACITY: usize = 100_000;

/// Conversation id → last state Genesys confirmed, with when. Shared by all invocations of a warm container.
pub struct RecentStates {
    ttl: Duration,
    entries: Mutex<HashMap<String, (RecordingState, Instant)>>,
}

impl RecentStates {
    pub fn new(ttl: Duration) -> Self {
        RecentStates {
            ttl,
            entries: Mutex::new(HashMap::new()),
        }
    }

    /// The state confirmed within the TTL, if any.
    pub fn get(&self, conversation_id: &str) -> Option<RecordingState> {
        let entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        entries
            .get(conversation_id)
            .filter(|(_, at)| at.elapsed() < self.ttl)
            .map(|(state, _)| *state)
    }

    pub fn put(&self, conversation_id: &str, state: RecordingState) {
        if self.ttl.is_zero() {
            return;
        }
        let mut entries = self.entries.lock().unwrap_or_else(|p| p.into_inner());
        if entries.len() >= CAPACITY {
            let ttl = self.ttl;
            entries.retain(|_, (_, at)| at.elapsed() < ttl);
            if entries.len() >= CAPACITY {
                let mut ages: Vec<(Instant, String)> = entries
                    .iter()
                    .map(|(k, (_, at))| (*at, k.clone()))
                    .collect();
                ages.sort();
                for (_, key) in ages.into_iter().take(CAPACITY / 2) {
                    entries.remove(&key);
                }
            }
        }
        entries.insert(conversation_id.to_string(), (state, Instant::now()));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn remembers_within_ttl_only() {
        let s = RecentStates::new(Duration::from_millis(50));
        s.put("a", RecordingState::Paused);
        assert_eq!(s.get("a"), Some(RecordingState::Paused));
        assert_eq!(s.get("b"), None);
        s.put("a", RecordingState::Active);
        assert_eq!(s.get("a"), Some(RecordingState::Active));
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(s.get("a"), None);
        let off = RecentStates::new(Duration::ZERO);
        off.put("a", RecordingState::Paused);
        assert_eq!(off.get("a"), None);
    }

    #[test]
    fn stays_bounded() {
        let s = RecentStates::new(Duration::from_secs(60));
        for i in 0..(CAPACITY + 10) {
            s.put(&i.to_string(), RecordingState::Paused);
        }
        let len = s.entries.lock().map(|e| e.len()).unwrap_or(0);
        assert!(len <= CAPACITY, "{len}");
        assert_eq!(
            s.get(&(CAPACITY + 9).to_string()),
            Some(RecordingState::Paused)
        );
    }
}

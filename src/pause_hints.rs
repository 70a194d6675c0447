//! What this container remembers of the pre-emptive pauses it made, for a deployment without a ledger. A hint
//! decides only two things, and only once the platform confirms the recording paused now: that the answer's event
//! reads the recording's state before pausing (and is then `already_paused`), and that the pause preceded the
//! answer. It never resumes a recording: a resume needs the ledger's record.

use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Conversations remembered at most; the oldest are forgotten first.
const CAPACITY: usize = 4096;
/// How long a pre-emptive pause is remembered.
const TTL: Duration = Duration::from_secs(3600);

#[derive(Default)]
struct Memory {
    paused_at: HashMap<String, (Instant, u64)>,
    order: VecDeque<String>,
}

/// The pre-emptive pauses this container made and has not seen replaced.
#[derive(Default)]
pub struct PauseHints {
    memory: Mutex<Memory>,
}

fn key(platform: &str, conversation: &str) -> String {
    format!("{platform}/{conversation}")
}

impl PauseHints {
    /// When this container confirmed a pre-emptive pause of the conversation (epoch ms), if it did recently.
    pub fn preemptive_pause(&self, platform: &str, conversation: &str) -> Option<u64> {
        let memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        memory
            .paused_at
            .get(&key(platform, conversation))
            .filter(|(at, _)| at.elapsed() < TTL)
            .map(|(_, paused_at)| *paused_at)
    }

    /// Remembers a confirmed pre-emptive pause.
    pub fn paused_for_request(&self, platform: &str, conversation: &str, at_ms: u64) {
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        let k = key(platform, conversation);
        if memory
            .paused_at
            .insert(k.clone(), (Instant::now(), at_ms))
            .is_none()
        {
            memory.order.push_back(k);
        }
        while memory.order.len() > CAPACITY {
            if let Some(oldest) = memory.order.pop_front() {
                memory.paused_at.remove(&oldest);
            }
        }
    }

    /// Forgets the conversation's pre-emptive pause: another pause or a resume replaced it.
    pub fn replaced(&self, platform: &str, conversation: &str) {
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        let k = key(platform, conversation);
        if memory.paused_at.remove(&k).is_some() {
            memory.order.retain(|o| o != &k);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_pause_is_remembered_per_platform_until_replaced_and_the_oldest_are_forgotten() {
        let hints = PauseHints::default();
        hints.paused_for_request("genesys", "c-1", 5_000);
        assert_eq!(hints.preemptive_pause("genesys", "c-1"), Some(5_000));
        assert_eq!(hints.preemptive_pause("connect", "c-1"), None);
        hints.replaced("genesys", "c-1");
        assert_eq!(hints.preemptive_pause("genesys", "c-1"), None);
        for i in 0..=CAPACITY {
            hints.paused_for_request("genesys", &format!("c-{i}"), 1);
        }
        assert_eq!(hints.preemptive_pause("genesys", "c-0"), None);
        assert_eq!(
            hints.preemptive_pause("genesys", &format!("c-{CAPACITY}")),
            Some(1)
        );
    }
}

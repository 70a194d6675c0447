//! Deliveries already handled by this container: EventBridge and SQS deliver at least once, so the same
//! delivery (same EventBridge event `id`, same SQS `messageId`) may arrive twice and is then answered from memory.
//! Only a delivery that was handled completely is remembered; a new event is always decided anew with the
//! platform, whatever this container did before for the same conversation.

use serde_json::Value;
use std::collections::{HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Deliveries remembered at most; the oldest are forgotten first.
const CAPACITY: usize = 4096;

/// A delivery's identity.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum DeliveryId {
    /// An EventBridge event `id`.
    Event(String),
    /// An SQS `messageId`.
    Message(String),
}

struct Memory {
    answers: HashMap<DeliveryId, (Instant, Value)>,
    order: VecDeque<DeliveryId>,
}

/// The answers of recently completed deliveries, for `ttl`.
pub struct Deliveries {
    ttl: Duration,
    memory: Mutex<Memory>,
}

impl Deliveries {
    pub fn new(ttl: Duration) -> Self {
        Deliveries {
            ttl,
            memory: Mutex::new(Memory {
                answers: HashMap::new(),
                order: VecDeque::new(),
            }),
        }
    }

    /// The answer given to this delivery, when it was completed within the TTL.
    pub fn answered(&self, id: &DeliveryId) -> Option<Value> {
        let memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        memory
            .answers
            .get(id)
            .filter(|(at, _)| at.elapsed() < self.ttl)
            .map(|(_, answer)| answer.clone())
    }

    /// Remembers a completed delivery and its answer.
    pub fn remember(&self, id: DeliveryId, answer: Value) {
        if self.ttl.is_zero() {
            return;
        }
        let mut memory = self.memory.lock().unwrap_or_else(|p| p.into_inner());
        if memory
            .answers
            .insert(id.clone(), (Instant::now(), answer))
            .is_none()
        {
            memory.order.push_back(id);
        }
        while memory.order.len() > CAPACITY {
            if let Some(oldest) = memory.order.pop_front() {
                memory.answers.remove(&oldest);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn answers_a_repeated_delivery_within_the_ttl_only() {
        let d = Deliveries::new(Duration::from_millis(50));
        let id = DeliveryId::Event("e-1".into());
        assert_eq!(d.answered(&id), None);
        d.remember(id.clone(), json!({"ok": 1}));
        assert_eq!(d.answered(&id), Some(json!({"ok": 1})));
        assert_eq!(d.answered(&DeliveryId::Message("e-1".into())), None);
        std::thread::sleep(Duration::from_millis(60));
        assert_eq!(d.answered(&id), None);
        let off = Deliveries::new(Duration::ZERO);
        off.remember(id.clone(), json!(1));
        assert_eq!(off.answered(&id), None);
    }

    #[test]
    fn stays_bounded_and_forgets_the_oldest() {
        let d = Deliveries::new(Duration::from_secs(60));
        for i in 0..(CAPACITY + 10) {
            d.remember(DeliveryId::Message(i.to_string()), json!(i));
        }
        let len = d.memory.lock().map(|m| m.answers.len()).unwrap_or(0);
        assert_eq!(len, CAPACITY);
        assert_eq!(d.answered(&DeliveryId::Message("0".into())), None);
        assert_eq!(
            d.answered(&DeliveryId::Message((CAPACITY + 9).to_string())),
            Some(json!(CAPACITY + 9))
        );
    }
}

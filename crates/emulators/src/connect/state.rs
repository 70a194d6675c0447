//! The Connect emulator's mutable state: contacts, per-operation token buckets, faults and the request log.

use super::model::{Contact, Seed};
use crate::journal::{Journal, Journaled};
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::Instant;

pub(crate) struct Inner {
    pub seed: Seed,
    pub contacts: BTreeMap<String, Contact>,
    /// Per operation: tokens left and when they were counted.
    pub buckets: HashMap<String, (f64, Instant)>,
}

/// Shared state of a running Connect emulator. Tests read and change it directly; other processes use the admin
/// API.
pub struct State {
    inner: Mutex<Inner>,
    journal: Journal,
}

impl State {
    pub fn new(mut seed: Seed) -> Self {
        let contacts = std::mem::take(&mut seed.contacts)
            .into_iter()
            .map(|c| (c.id.clone(), c))
            .collect();
        State {
            inner: Mutex::new(Inner {
                seed,
                contacts,
                buckets: HashMap::new(),
            }),
            journal: Journal::default(),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds or replaces a contact.
    pub fn put_contact(&self, contact: Contact) {
        self.lock().contacts.insert(contact.id.clone(), contact);
    }

    pub fn contact(&self, id: &str) -> Option<Contact> {
        self.lock().contacts.get(id).cloned()
    }

    /// Transfers a contact (to an agent or a queue): a new contact id in the same chain takes over the call and its
    /// recording; the old contact answers 404. Returns the new id.
    pub fn transfer(&self, id: &str) -> Option<String> {
        let mut inner = self.lock();
        let old = inner.contacts.get(id)?.clone();
        let new_id = new_uuid();
        let new = Contact {
            id: new_id.clone(),
            initial_contact_id: Some(old.initial().to_string()),
            previous_contact_id: Some(old.id.clone()),
            attributes: Default::default(),
            next_contact_id: None,
            ..old.clone()
        };
        if let Some(c) = inner.contacts.get_mut(id) {
            c.next_contact_id = Some(new_id.clone());
        }
        inner.contacts.insert(new_id.clone(), new);
        Some(new_id)
    }

    /// Someone other than pii-pause changes the recording (an agent's CCP, a flow, another integration).
    pub fn set_recording_out_of_band(&self, id: &str, recording: &str) -> bool {
        match self.lock().contacts.get_mut(id) {
            Some(c) => {
                c.recording = recording.to_ascii_uppercase();
                true
            }
            None => false,
        }
    }

    /// Sets the answer to a repeated Suspend or Resume (200 or 400).
    pub fn set_repeated_change_status(&self, status: u16) {
        self.lock().seed.repeated_change_status = status;
    }

    /// Sets the rate of Suspend and Resume (0: none) and their burst.
    pub fn set_rate(&self, per_second: u32, burst: u32) {
        let mut inner = self.lock();
        inner.seed.rate_per_second = per_second;
        inner.seed.burst = burst.max(1);
        inner.buckets.clear();
    }

    /// Sets the operations the caller may not call (403 AccessDeniedException).
    pub fn set_denied_operations(&self, operations: Vec<String>) {
        self.lock().seed.denied_operations = operations;
    }
}

impl Inner {
    /// Takes a token of `operation`'s bucket; false when it is empty (429).
    pub fn take_token(&mut self, operation: &str) -> bool {
        let reads = matches!(operation, "DescribeContact" | "GetContactAttributes");
        let (rate, burst) = if reads {
            (self.seed.read_rate_per_second, self.seed.read_burst)
        } else {
            (self.seed.rate_per_second, self.seed.burst)
        };
        let rate = rate as f64;
        if rate == 0.0 {
            return true;
        }
        let burst = burst.max(1) as f64;
        let now = Instant::now();
        let (tokens, at) = self
            .buckets
            .entry(operation.to_string())
            .or_insert((burst, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(burst);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            true
        } else {
            false
        }
    }
}

pub(crate) fn new_uuid() -> String {
    let hex = |n: usize| {
        (0..n)
            .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
            .collect::<String>()
    };
    format!("{}-{}-4{}-8{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12))
}

impl Journaled for State {
    fn journal(&self) -> &Journal {
        &self.journal
    }
}

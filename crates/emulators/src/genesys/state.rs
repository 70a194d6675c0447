//! The emulator's mutable state: the org, issued tokens, rate windows, faults and the request log.

use super::model::{Conversation, OAuthClient, OrgSeed};
use crate::journal::{Journal, Journaled};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub(crate) struct Token {
    pub client_id: String,
    pub expires: Instant,
}

pub(crate) struct Inner {
    pub org_id: String,
    pub org_name: String,
    pub rate_limit_per_minute: u32,
    pub rate_window: Duration,
    pub repeated_pause_status: u16,
    pub clients: BTreeMap<String, OAuthClient>,
    pub conversations: BTreeMap<String, Conversation>,
    pub tokens: HashMap<String, Token>,
    pub windows: HashMap<String, VecDeque<Instant>>,
}

/// Shared state of a running emulator. Tests read and change it directly; other processes use the admin API.
pub struct State {
    inner: Mutex<Inner>,
    journal: Journal,
}

impl State {
    pub fn new(seed: OrgSeed) -> Self {
        State {
            inner: Mutex::new(Inner {
                org_id: seed.org_id,
                org_name: seed.org_name,
                rate_limit_per_minute: seed.rate_limit_per_minute,
                rate_window: Duration::from_millis(seed.rate_window_ms.max(1)),
                repeated_pause_status: seed.repeated_pause_status,
                clients: seed
                    .clients
                    .into_iter()
                    .map(|c| (c.client_id.clone(), c))
                    .collect(),
                conversations: seed
                    .conversations
                    .into_iter()
                    .map(|c| (c.id.clone(), c))
                    .collect(),
                tokens: HashMap::new(),
                windows: HashMap::new(),
            }),
            journal: Journal::default(),
        }
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds or replaces an OAuth client (grant or revoke roles, rotate its secret).
    pub fn put_client(&self, client: OAuthClient) {
        self.lock().clients.insert(client.client_id.clone(), client);
    }

    pub fn remove_client(&self, client_id: &str) {
        let mut inner = self.lock();
        inner.clients.remove(client_id);
        inner.tokens.retain(|_, t| t.client_id != client_id);
    }

    /// Adds or replaces a conversation.
    pub fn put_conversation(&self, conversation: Conversation) {
        self.lock()
            .conversations
            .insert(conversation.id.clone(), conversation);
    }

    pub fn conversation(&self, id: &str) -> Option<Conversation> {
        self.lock().conversations.get(id).cloned()
    }

    /// Someone other than pii-pause changes the recording, as an agent's desktop, a flow or another integration
    /// would: `ACTIVE` resumes it (ends any secure pause), `PAUSED` with `secure_pause` false is a pause by hold
    /// suppression. Returns false for an unknown conversation.
    pub fn set_recording_out_of_band(
        &self,
        id: &str,
        recording_state: &str,
        secure_pause: bool,
    ) -> bool {
        let mut inner = self.lock();
        match inner.conversations.get_mut(id) {
            Some(c) => {
                c.recording_state = recording_state.to_ascii_uppercase();
                c.secure_pause = secure_pause && c.recording_state == "PAUSED";
                true
            }
            None => false,
        }
    }

    /// Sets the answer to `PAUSED` on a recording already in secure pause (200, 400 or 409).
    pub fn set_repeated_pause_status(&self, status: u16) {
        self.lock().repeated_pause_status = status;
    }

    /// Makes every issued token expire now (the next API call answers 401).
    pub fn expire_tokens(&self) {
        let now = Instant::now();
        for t in self.lock().tokens.values_mut() {
            t.expires = now;
        }
    }

    /// Sets the per-token limit: `limit` API requests per `window`.
    pub fn set_rate_limit(&self, limit: u32, window: Duration) {
        let mut inner = self.lock();
        inner.rate_limit_per_minute = limit;
        inner.rate_window = window.max(Duration::from_millis(1));
        inner.windows.clear();
    }
}

impl Inner {
    /// Counts an API request for `token`; returns the seconds to wait when the per-minute limit is reached.
    pub fn rate_check(&mut self, token: &str) -> Option<u64> {
        let limit = self.rate_limit_per_minute as usize;
        if limit == 0 {
            return None;
        }
        let now = Instant::now();
        let span = self.rate_window;
        let window = self.windows.entry(token.to_string()).or_default();
        while window
            .front()
            .is_some_and(|t| now.duration_since(*t) >= span)
        {
            window.pop_front();
        }
        if window.len() >= limit {
            let oldest = window.front().copied().unwrap_or(now);
            let wait = span.saturating_sub(now.duration_since(oldest));
            return Some(wait.as_secs_f64().ceil().max(1.0) as u64);
        }
        window.push_back(now);
        None
    }
}

impl Journaled for State {
    fn journal(&self) -> &Journal {
        &self.journal
    }
}

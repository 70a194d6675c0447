//! The CXone emulator's mutable state: the tenant, issued tokens, joined agent sessions, masks still being
//! processed, rate windows; and its journal (faults and the request log).

use super::model::{AccessKey, Agent, Application, Behaviour, Contact, TenantSeed};
use crate::journal::{Journal, Journaled};
use crate::rate::RateWindows;
use std::collections::{BTreeMap, HashMap};
use std::sync::{Mutex, MutexGuard};
use std::time::{Duration, Instant};

pub(crate) struct Token {
    pub access_key_id: String,
    pub expires: Instant,
}

/// A Multi-ACD mask or unmask accepted (202) and not applied yet.
pub(crate) struct Pending {
    pub mask: bool,
    /// get-recording-status reads left until it is applied.
    pub reads_left: u32,
}

pub(crate) struct Inner {
    pub tenant_id: String,
    pub area: String,
    pub token_lifetime: Duration,
    pub rate: RateWindows,
    pub behaviour: Behaviour,
    pub applications: BTreeMap<String, Application>,
    pub access_keys: BTreeMap<String, AccessKey>,
    pub agents: BTreeMap<String, Agent>,
    /// Contacts, with the order they were added in (the Multi-ACD API masks an agent's latest).
    pub contacts: BTreeMap<String, (Contact, u64)>,
    pub added: u64,
    pub tokens: HashMap<String, Token>,
    /// Agent session id to agent id.
    pub sessions: HashMap<String, String>,
    /// Contact id to its pending Multi-ACD change.
    pub pending: HashMap<String, Pending>,
}

/// Shared state of a running emulator. Tests read and change it directly; other processes use the admin API.
pub struct State {
    inner: Mutex<Inner>,
    journal: Journal,
}

impl Journaled for State {
    fn journal(&self) -> &Journal {
        &self.journal
    }
}

impl State {
    pub fn new(seed: TenantSeed) -> Self {
        let state = State {
            inner: Mutex::new(Inner {
                tenant_id: seed.tenant_id,
                area: seed.area,
                token_lifetime: Duration::from_secs(seed.token_lifetime_seconds.max(1)),
                rate: RateWindows::new(
                    seed.rate_limit_per_minute,
                    Duration::from_millis(seed.rate_window_ms),
                ),
                behaviour: seed.behaviour,
                applications: seed
                    .applications
                    .into_iter()
                    .map(|a| (a.client_id.clone(), a))
                    .collect(),
                access_keys: seed
                    .access_keys
                    .into_iter()
                    .map(|k| (k.access_key_id.clone(), k))
                    .collect(),
                agents: seed
                    .agents
                    .into_iter()
                    .map(|a| (a.agent_id.clone(), a))
                    .collect(),
                contacts: BTreeMap::new(),
                added: 0,
                tokens: HashMap::new(),
                sessions: HashMap::new(),
                pending: HashMap::new(),
            }),
            journal: Journal::default(),
        };
        for contact in seed.contacts {
            state.put_contact(contact);
        }
        state
    }

    pub(crate) fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds or replaces a contact; it becomes its agent's latest.
    pub fn put_contact(&self, contact: Contact) {
        let mut inner = self.lock();
        inner.added += 1;
        let order = inner.added;
        inner.pending.remove(&contact.contact_id);
        inner
            .contacts
            .insert(contact.contact_id.clone(), (contact, order));
    }

    pub fn contact(&self, id: &str) -> Option<Contact> {
        self.lock().contacts.get(id).map(|(c, _)| c.clone())
    }

    /// Someone other than pii-pause masks or unmasks the recording (an agent's desktop, a Studio action).
    /// Returns false for an unknown contact.
    pub fn set_masked_out_of_band(&self, id: &str, masked: bool) -> bool {
        let mut inner = self.lock();
        match inner.contacts.get_mut(id) {
            Some((c, _)) => {
                c.masked = masked;
                true
            }
            None => false,
        }
    }

    pub fn put_agent(&self, agent: Agent) {
        self.lock().agents.insert(agent.agent_id.clone(), agent);
    }

    /// Adds or replaces an access key (grant or revoke permissions, regenerate or deactivate it).
    pub fn put_access_key(&self, key: AccessKey) {
        let mut inner = self.lock();
        inner
            .tokens
            .retain(|_, t| t.access_key_id != key.access_key_id || key.active);
        inner.access_keys.insert(key.access_key_id.clone(), key);
    }

    pub fn put_application(&self, application: Application) {
        self.lock()
            .applications
            .insert(application.client_id.clone(), application);
    }

    /// Replaces the undocumented behaviour.
    pub fn set_behaviour(&self, behaviour: Behaviour) {
        self.lock().behaviour = behaviour;
    }

    pub fn behaviour(&self) -> Behaviour {
        self.lock().behaviour.clone()
    }

    /// Makes every issued token expire now (the next API call answers 401).
    pub fn expire_tokens(&self) {
        let now = Instant::now();
        for t in self.lock().tokens.values_mut() {
            t.expires = now;
        }
    }

    /// Ends every agent session (an agent logged out and in again): a mask in an old session answers 404.
    pub fn end_sessions(&self) {
        self.lock().sessions.clear();
    }

    /// Sets the per-token limit: `limit` API requests per `window` (0: none).
    pub fn set_rate_limit(&self, limit: u32, window: Duration) {
        self.lock().rate = RateWindows::new(limit, window);
    }
}

impl Inner {
    /// The active contact an agent user joined last.
    pub fn latest_contact_of_user(&self, user_id: &str) -> Option<String> {
        let agents: Vec<&str> = self
            .agents
            .values()
            .filter(|a| a.user_id == user_id)
            .map(|a| a.agent_id.as_str())
            .collect();
        self.contacts
            .values()
            .filter(|(c, _)| !c.ended && c.agent_id.as_deref().is_some_and(|a| agents.contains(&a)))
            .max_by_key(|(_, order)| *order)
            .map(|(c, _)| c.contact_id.clone())
    }

    /// Applies a pending Multi-ACD change to its contact.
    pub fn apply_pending(&mut self, contact_id: &str) {
        if let Some(p) = self.pending.remove(contact_id) {
            if let Some((c, _)) = self.contacts.get_mut(contact_id) {
                if c.recorded {
                    c.masked = p.mask;
                }
            }
        }
    }
}

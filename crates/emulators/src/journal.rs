//! What every emulator keeps besides its service's state: the faults to inject and the log of the requests it
//! answered (numbered, with the answer's status). The shared server reads and writes it; tests read it through
//! [`Journaled`].

use crate::faults::{Fault, Faults};
use crate::log::LoggedRequest;
use std::sync::{Mutex, MutexGuard};

#[derive(Default)]
struct Inner {
    faults: Faults,
    log: Vec<LoggedRequest>,
    seq: u64,
}

/// Faults and the request log of one emulator.
#[derive(Default)]
pub struct Journal {
    inner: Mutex<Inner>,
}

impl Journal {
    fn lock(&self) -> MutexGuard<'_, Inner> {
        self.inner.lock().unwrap_or_else(|p| p.into_inner())
    }

    pub fn add_fault(&self, fault: Fault) {
        self.lock().faults.add(fault);
    }

    pub fn clear_faults(&self) {
        self.lock().faults.clear();
    }

    /// The fault that applies to a request, using up one of its `times`.
    pub fn take_fault(&self, method: &str, path: &str) -> Option<Fault> {
        self.lock().faults.take(method, path)
    }

    /// Logs a request, numbering it.
    pub fn record(&self, mut entry: LoggedRequest) {
        let mut inner = self.lock();
        inner.seq += 1;
        entry.seq = inner.seq;
        inner.log.push(entry);
    }

    pub fn requests(&self) -> Vec<LoggedRequest> {
        self.lock().log.clone()
    }

    pub fn clear_requests(&self) {
        self.lock().log.clear();
    }
}

/// An emulator's state with a journal: the request log and faults, for tests and the admin API.
pub trait Journaled {
    fn journal(&self) -> &Journal;

    /// Every request received so far (admin requests excluded).
    fn requests(&self) -> Vec<LoggedRequest> {
        self.journal().requests()
    }

    fn clear_requests(&self) {
        self.journal().clear_requests()
    }

    fn add_fault(&self, fault: Fault) {
        self.journal().add_fault(fault)
    }

    fn clear_faults(&self) {
        self.journal().clear_faults()
    }

    /// How many answers were 429 so far.
    fn throttled(&self) -> usize {
        self.requests().iter().filter(|r| r.status == 429).count()
    }
}

//! The Genesys Cloud emulator, faithful to the documented API: the client-credentials token endpoint,
//! conversations (both GET forms), recordingstate (PUT per media, generic PATCH) with the
//! `conversation:recording:pauseOthers` check, `GET /api/v2/tokens/me`, Genesys error bodies with
//! `ININ-Correlation-Id`, 429 with `Retry-After` above a per-token rate, fault injection and a request log.
//! The demo and the tests run pii-pause against it; an admin API under `/__emulator/` drives it from other processes.

mod admin;
pub mod faults;
pub mod log;
pub mod model;
mod routes;
mod server;
pub mod state;

pub use faults::Fault;
pub use log::LoggedRequest;
pub use model::{Conversation, OAuthClient, OrgSeed, Participant, RoleGrant};
pub use server::{start, RunningEmulator};
pub use state::State;

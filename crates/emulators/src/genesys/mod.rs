//! The Genesys Cloud emulator, faithful to the documented API: the client-credentials token endpoint,
//! conversations (both GET forms), recordingstate (PUT per media, generic PATCH) with the
//! `conversation:recording:pauseOthers` check, `GET /api/v2/tokens/me`, Genesys error bodies with
//! `ININ-Correlation-Id`, 429 with `Retry-After` above a per-token rate, fault injection and a request log.
//! The demo and the tests run pii-pause against it; an admin API under `/__emulator/` drives it from other processes.

mod admin;
pub mod model;
mod routes;
pub mod state;

pub use crate::faults::Fault;
pub use crate::log::LoggedRequest;
pub use model::{Conversation, OAuthClient, OrgSeed, Participant, RoleGrant};
pub use state::State;

use crate::serve::{self, Answer, Emulator, Request, Running};
use std::net::SocketAddr;
use std::sync::Arc;

/// A running Genesys Cloud emulator.
pub type RunningEmulator = Running<State>;

/// Starts an emulator for `seed` on `addr` (use port 0 for any free port).
pub async fn start(seed: OrgSeed, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
    serve::start(Arc::new(State::new(seed)), addr).await
}

impl Emulator for State {
    fn admin(&self, req: &Request, rest: &str) -> Answer {
        admin::handle(self, &req.method, rest, &req.body)
    }

    fn injected(&self, fault: &Fault, req: &Request) -> Answer {
        routes::injected(fault, &req.path)
    }

    fn route(&self, req: &Request) -> Answer {
        routes::route(
            self,
            &req.method,
            &req.path,
            req.header("authorization"),
            req.header("content-type"),
            &req.body,
        )
    }

    fn too_large(&self) -> Answer {
        routes::genesys_error(
            413,
            "request.entity.too.large",
            "The request body is too large",
            None,
        )
    }
}

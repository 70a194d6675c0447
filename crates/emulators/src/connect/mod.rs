//! The Amazon Connect emulator: the four operations pii-pause calls, as the service model defines them (restJson1,
//! SigV4 with the signing name `connect`), reached through the SDK's own `AWS_ENDPOINT_URL_CONNECT`; transfers
//! (a new contact id in the same chain; the old one answers 404); the per-operation quota (2 per second, burst 5,
//! then 429 `ThrottlingException`); a configurable answer to a repeated Suspend (Connect documents none); faults
//! and a request log through `/__emulator/`.

mod admin;
pub mod model;
mod routes;
pub mod state;

pub use model::{Contact, Seed, DEMO_INSTANCE};
pub use state::State;

use crate::faults::Fault;
use crate::serve::{self, Answer, Emulator, Request, Running};
use std::net::SocketAddr;
use std::sync::Arc;

/// A running Connect emulator.
pub type RunningEmulator = Running<State>;

/// Starts an emulator for `seed` on `addr` (use port 0 for any free port).
pub async fn start(seed: Seed, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
    serve::start(Arc::new(State::new(seed)), addr).await
}

impl Emulator for State {
    fn admin(&self, req: &Request, rest: &str) -> Answer {
        admin::handle(self, &req.method, rest, &req.body)
    }

    fn injected(&self, fault: &Fault, _req: &Request) -> Answer {
        routes::injected(fault)
    }

    fn route(&self, req: &Request) -> Answer {
        routes::route(self, req)
    }

    fn too_large(&self) -> Answer {
        routes::error(
            413,
            "RequestEntityTooLargeException",
            "Request entity too large",
        )
    }
}

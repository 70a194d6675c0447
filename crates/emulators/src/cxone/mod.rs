//! The NICE CXone emulator, faithful to what NICE documents and configurable where it documents nothing: the
//! issuer's `.well-known` discovery documents, the token endpoint (password grant with an access key, HTTP Basic or
//! `client_secret_post` as the application is registered), the active contacts, agent-session join (`asAgentId`
//! in the body or the query), Agent API mask/unmask, the Multi-ACD mask API (200/202/404/422/425) with
//! get-recording-status, CXone error bodies with `CorrelationId`, 401 on expired tokens, 429 with `Retry-After`,
//! fault injection and a request log. An admin API under `/__emulator/` drives it from other processes.

mod admin;
pub mod model;
mod routes;
pub mod state;

pub use crate::faults::Fault;
pub use crate::log::LoggedRequest;
pub use model::{
    AccessKey, Agent, Application, AuthMethod, Behaviour, Contact, JoinField, TenantSeed,
};
pub use state::State;

use crate::serve::{self, Answer, Emulator, Request, Running};
use std::net::SocketAddr;
use std::sync::Arc;

/// A running CXone emulator.
pub type RunningEmulator = Running<State>;

/// Starts an emulator for `seed` on `addr` (use port 0 for any free port).
pub async fn start(seed: TenantSeed, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
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
        routes::route(self, req)
    }

    fn too_large(&self) -> Answer {
        routes::cxone_error(413, "payload_too_large", "The request body is too large")
    }
}

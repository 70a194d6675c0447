//! Emulators of the contact-center APIs pii-pause calls, faithful to the vendors' documented behaviour and
//! configurable where it is undocumented: Genesys Cloud, Amazon Connect and NICE CXone. They serve on loopback only,
//! drive out-of-band changes and faults through an admin API under `/__emulator/`, and log every request.
//! Development tools: the demo and the tests use them; the deployed Lambda binary does not contain them.

pub mod body;
pub mod connect;
pub mod cxone;
pub mod faults;
pub mod genesys;
pub mod journal;
pub mod log;
pub mod rate;
pub mod serve;

pub use faults::Fault;
pub use journal::{Journal, Journaled};
pub use log::LoggedRequest;

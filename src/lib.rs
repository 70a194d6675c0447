//! pii-pause: detects PII in Genesys Cloud conversation metadata and secure-pauses the call recording
//! before the conversation's data is exported, answering each caller with a per-conversation export decision.
//!
//! The binaries are thin: `pii-pause-lambda` runs [`app::App::handle`] under the Lambda runtime;
//! `pii-pause` (the CLI) scans files offline and runs the Genesys Cloud emulator.

pub mod app;
pub mod cli;
pub mod config;
pub mod decision;
pub mod delivery;
pub mod detect;
pub mod error;
pub mod genesys;
pub mod intake;
pub mod ledger;
pub mod metrics;
pub mod process;
pub mod redact;
pub mod region;
pub mod report;
pub mod secret;
pub mod time;

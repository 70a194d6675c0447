//! pii-pause: detects PII in contact-center conversation metadata and pauses the live call recording (Genesys
//! Cloud secure pause, Amazon Connect suspend, NICE CXone mask) before the conversation's data is exported, and records for
//! every conversation an export decision the pipeline can trust.
//!
//! The binaries are thin: `pii-pause-lambda` runs [`app::App::handle`] under the Lambda runtime; `pii-pause`
//! (the CLI, crates/cli) calls [`cli`].

pub mod app;
pub mod cli;
pub mod config;
pub mod decision;
pub mod delivery;
pub mod detect;
pub mod error;
pub mod http;
pub mod intake;
pub mod ledger;
pub mod metrics;
pub mod pause_hints;
pub mod platform;
pub mod preemptive;
pub mod process;
pub mod redact;
pub mod report;
pub mod resume_queue;
pub mod secret;
pub mod time;
pub mod webhook;

//! The command-line tool's subcommands as library functions; the `pii-pause` binary (crates/cli) only parses
//! arguments and calls these.

pub mod doctor;
pub mod input;
pub mod invoke;
pub mod ledger;
pub mod scan;

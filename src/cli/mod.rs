//! The command-line tool's subcommands; `src/bin/pii-pause.rs` only parses arguments and calls these.

pub mod doctor;
pub mod emulator;
pub mod input;
pub mod invoke;
pub mod scan;

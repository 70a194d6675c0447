//! The Genesys Cloud side: endpoints, OAuth token, recording-state calls, errors and hints.

pub mod client;
pub mod endpoints;
pub mod error;
pub mod hints;
pub mod limiter;
pub mod media;
pub mod retry;

pub use client::{GenesysClient, PauseConfirmation, RecordingRead, RecordingState};
pub use error::{ApiError, GenesysError};
pub use media::MediaRoute;
pub use retry::{Deadline, RetryPolicy};

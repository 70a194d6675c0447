//! The HTTP machinery every platform client shares: the invocation deadline, the retry policy, client-side rate
//! limits, a reqwest executor that retries inside the deadline, and a single-flight session (token) cache.

pub mod client;
pub mod deadline;
pub mod limiter;
pub mod retry;
pub mod session;

pub use client::{HttpClient, HttpError, Response};
pub use deadline::Deadline;
pub use limiter::RateLimiter;
pub use retry::{is_retryable_status, Retry, RetryPolicy};
pub use session::{Lease, Sessions};

//! A single-flight session cache: the token (and what came with it) in use, shared by every concurrent
//! conversation; one login at a time, others wait for it; a session is replaced shortly before it expires or
//! when the service rejects it; a refused login is answered from memory for a short while, so a batch does not
//! repeat it for every conversation.

use std::future::Future;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// A session handed out, with the serial that identifies it (to drop exactly this one when it is rejected).
#[derive(Debug, Clone)]
pub struct Lease<S> {
    pub session: S,
    pub serial: u64,
}

struct State<S, E> {
    current: Option<(S, Instant, u64)>,
    refused: Option<(E, Instant)>,
    serial: u64,
}

/// The cache. `S` is the session (token, endpoints), `E` the login error.
pub struct Sessions<S, E> {
    state: Mutex<State<S, E>>,
    refusal_memory: Duration,
}

impl<S: Clone, E: Clone> Sessions<S, E> {
    pub fn new(refusal_memory: Duration) -> Self {
        Sessions {
            state: Mutex::new(State {
                current: None,
                refused: None,
                serial: 0,
            }),
            refusal_memory,
        }
    }

    /// The live session, or a new one from `open` (which returns it with the instant it must be replaced by).
    /// A refusal for which `transient` is false is remembered for the refusal memory.
    pub async fn get<Open, Fut>(
        &self,
        open: Open,
        transient: impl Fn(&E) -> bool,
    ) -> Result<Lease<S>, E>
    where
        Open: FnOnce() -> Fut,
        Fut: Future<Output = Result<(S, Instant), E>>,
    {
        let mut state = self.state.lock().await;
        if let Some((session, until, serial)) = state.current.as_ref() {
            if Instant::now() < *until {
                return Ok(Lease {
                    session: session.clone(),
                    serial: *serial,
                });
            }
        }
        if let Some((error, at)) = state.refused.as_ref() {
            if at.elapsed() < self.refusal_memory {
                return Err(error.clone());
            }
        }
        match open().await {
            Ok((session, until)) => {
                state.serial += 1;
                let serial = state.serial;
                state.current = Some((session.clone(), until, serial));
                state.refused = None;
                Ok(Lease { session, serial })
            }
            Err(e) => {
                if !transient(&e) {
                    state.refused = Some((e.clone(), Instant::now()));
                }
                Err(e)
            }
        }
    }

    /// Drops the session with this serial (the service rejected it), unless a newer one replaced it already.
    pub async fn invalidate(&self, serial: u64) {
        let mut state = self.state.lock().await;
        if state.current.as_ref().is_some_and(|(_, _, s)| *s == serial) {
            state.current = None;
        }
    }
}

/// The instant to replace a session that lives `lifetime`: a tenth early, at most a minute early.
pub fn renew_at(lifetime: Duration) -> Instant {
    let margin = (lifetime / 10).min(Duration::from_secs(60));
    Instant::now() + lifetime.saturating_sub(margin)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};
    use std::sync::Arc;

    #[tokio::test]
    async fn one_login_for_concurrent_callers_and_refusals_remembered() {
        let sessions: Arc<Sessions<String, String>> =
            Arc::new(Sessions::new(Duration::from_secs(10)));
        let logins = Arc::new(AtomicUsize::new(0));
        let mut tasks = Vec::new();
        for _ in 0..8 {
            let (sessions, logins) = (sessions.clone(), logins.clone());
            tasks.push(tokio::spawn(async move {
                sessions
                    .get(
                        || async move {
                            logins.fetch_add(1, Ordering::SeqCst);
                            tokio::time::sleep(Duration::from_millis(20)).await;
                            Ok(("token".to_string(), renew_at(Duration::from_secs(300))))
                        },
                        |_| false,
                    )
                    .await
            }));
        }
        for t in tasks {
            assert!(t.await.is_ok_and(|r| r.is_ok_and(|l| l.session == "token")));
        }
        assert_eq!(logins.load(Ordering::SeqCst), 1);

        let refused: Sessions<String, String> = Sessions::new(Duration::from_secs(10));
        let open = || async { Err::<(String, Instant), _>("invalid_client".to_string()) };
        assert!(refused.get(open, |_| false).await.is_err());
        let again = refused
            .get(
                || async { Ok(("late".to_string(), renew_at(Duration::from_secs(9)))) },
                |_| false,
            )
            .await;
        assert_eq!(
            again.err().as_deref(),
            Some("invalid_client"),
            "answered from memory"
        );
    }

    #[tokio::test]
    async fn an_invalidated_session_is_replaced() {
        let sessions: Sessions<u32, String> = Sessions::new(Duration::ZERO);
        let first = sessions
            .get(
                || async { Ok((1, renew_at(Duration::from_secs(300)))) },
                |_| true,
            )
            .await;
        let serial = first.map(|l| l.serial).unwrap_or(0);
        sessions.invalidate(serial).await;
        let second = sessions
            .get(
                || async { Ok((2, renew_at(Duration::from_secs(300)))) },
                |_| true,
            )
            .await;
        assert_eq!(second.map(|l| l.session).ok(), Some(2));
    }
}

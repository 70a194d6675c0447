//! The emulator's HTTP server (hyper, HTTP/1.1): accepts connections, applies faults, logs requests, and
//! hands them to the routes.

use super::admin;
use super::faults::Fault;
use super::log::LoggedRequest;
use super::model::OrgSeed;
use super::routes::{self, Answer};
use super::state::State;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::{Request, Response};
use hyper_util::rt::TokioIo;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Request bodies larger than this are refused.
const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// An emulator serving on a local address. Dropping it stops the server.
pub struct RunningEmulator {
    pub addr: SocketAddr,
    pub state: Arc<State>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl RunningEmulator {
    /// The base URL (`http://127.0.0.1:PORT`), which serves both the API and the login endpoints.
    pub fn url(&self) -> String {
        format!("http://{}", self.addr)
    }

    /// Stops accepting connections and waits for the accept loop to end.
    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(task) = self.task.take() {
            let _ = task.await;
        }
    }
}

impl Drop for RunningEmulator {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// The connection is closed without an answer (a dropped-connection fault).
#[derive(Debug)]
struct DropConnection;

impl std::fmt::Display for DropConnection {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("connection dropped by fault injection")
    }
}

impl std::error::Error for DropConnection {}

/// Starts an emulator for `seed` on `addr` (use port 0 for any free port).
pub async fn start(seed: OrgSeed, addr: SocketAddr) -> std::io::Result<RunningEmulator> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
    let state = Arc::new(State::new(seed));
    let (stop_tx, mut stop_rx) = oneshot::channel::<()>();
    let shared = state.clone();
    let task = tokio::spawn(async move {
        loop {
            tokio::select! {
                _ = &mut stop_rx => break,
                accepted = listener.accept() => {
                    let Ok((stream, _)) = accepted else { continue };
                    let state = shared.clone();
                    tokio::spawn(async move {
                        let service = service_fn(move |req| handle(state.clone(), req));
                        let _ = http1::Builder::new().serve_connection(TokioIo::new(stream), service).await;
                    });
                }
            }
        }
    });
    Ok(RunningEmulator {
        addr,
        state,
        stop: Some(stop_tx),
        task: Some(task),
    })
}

async fn handle(
    state: Arc<State>,
    req: Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let header = |name: &str| {
        req.headers()
            .get(name)
            .and_then(|v| v.to_str().ok())
            .map(str::to_string)
    };
    let authorization = header("authorization");
    let content_type = header("content-type");
    let body = match Limited::new(req.into_body(), MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => {
            return Ok(routes::genesys_error(
                413,
                "request.entity.too.large",
                "The request body is too large",
                None,
            )
            .into_response())
        }
    };

    if let Some(rest) = path.strip_prefix("/__emulator") {
        return Ok(admin::handle(&state, &method, rest, &body).into_response());
    }

    let fault = state.lock().faults.take(&method, &path);
    if let Some(Fault {
        delay_ms: Some(ms), ..
    }) = &fault
    {
        tokio::time::sleep(Duration::from_millis(*ms)).await;
    }
    let mut entry = LoggedRequest {
        seq: 0,
        method: method.clone(),
        path: path.clone(),
        authorization: authorization.clone(),
        content_type: content_type.clone(),
        body: String::from_utf8_lossy(&body[..body.len().min(64 * 1024)]).into_owned(),
        status: 0,
        client_id: None,
    };
    let answer: Option<Answer> = match &fault {
        Some(f) if f.drop_connection => None,
        Some(f) if f.status.is_some() => Some(routes::injected(f, &path)),
        _ => Some(routes::route(
            &state,
            &method,
            &path,
            authorization.as_deref(),
            content_type.as_deref(),
            &body,
        )),
    };
    {
        let mut inner = state.lock();
        inner.seq += 1;
        entry.seq = inner.seq;
        entry.status = answer.as_ref().map(|a| a.status).unwrap_or(0);
        entry.client_id = answer.as_ref().and_then(|a| a.client_id.clone());
        inner.log.push(entry);
    }
    match answer {
        Some(a) => Ok(a.into_response()),
        None => Err(DropConnection),
    }
}

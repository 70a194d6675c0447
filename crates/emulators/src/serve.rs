//! The HTTP server every emulator shares (hyper, HTTP/1.1, loopback): reads a request (bounded body), hands
//! `/__emulator/...` to the emulator's admin API, applies a matching fault (delay, injected status, dropped
//! connection), routes the rest, and logs every non-admin request with its answer.

use crate::faults::Fault;
use crate::journal::Journaled;
use crate::log::LoggedRequest;
use bytes::Bytes;
use http_body_util::{BodyExt, Full, Limited};
use hyper::body::Incoming;
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper::Response;
use hyper_util::rt::TokioIo;
use serde_json::Value;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;
use tokio::net::TcpListener;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

/// Request bodies larger than this are refused.
const MAX_REQUEST_BODY: usize = 1024 * 1024;

/// One request as an emulator sees it.
#[derive(Debug, Clone)]
pub struct Request {
    pub method: String,
    pub path: String,
    pub query: Option<String>,
    /// Header names in lower case.
    pub headers: Vec<(String, String)>,
    pub body: Bytes,
}

impl Request {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers
            .iter()
            .find(|(n, _)| n.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
    }

    /// A query parameter, percent-decoding `+` and `%XX`.
    pub fn query_param(&self, name: &str) -> Option<String> {
        self.query.as_deref().and_then(|q| form_value(q, name))
    }
}

/// A value of an `application/x-www-form-urlencoded` text (a form body or a query string).
pub fn form_value(text: &str, name: &str) -> Option<String> {
    text.split('&').find_map(|pair| {
        let (k, v) = pair.split_once('=').unwrap_or((pair, ""));
        (decode(k) == name).then(|| decode(v))
    })
}

/// The user and password of an HTTP Basic `Authorization` header.
pub fn basic_auth(header: &str) -> Option<(String, String)> {
    use base64::Engine;
    let (scheme, encoded) = header.trim().split_once(' ')?;
    if !scheme.eq_ignore_ascii_case("basic") {
        return None;
    }
    let decoded = base64::engine::general_purpose::STANDARD
        .decode(encoded.trim())
        .ok()?;
    let text = String::from_utf8(decoded).ok()?;
    let (user, password) = text.split_once(':')?;
    Some((user.to_string(), password.to_string()))
}

/// The token of a `Bearer` `Authorization` header.
pub fn bearer(header: Option<&str>) -> Option<&str> {
    let (scheme, token) = header?.trim().split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
        .filter(|t| !t.is_empty())
}

fn decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'+' => out.push(b' '),
            b'%' if i + 2 < bytes.len() => {
                match u8::from_str_radix(
                    std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap_or("zz"),
                    16,
                ) {
                    Ok(b) => {
                        out.push(b);
                        i += 2;
                    }
                    Err(_) => out.push(b'%'),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// An answer before it becomes an HTTP response.
#[derive(Debug, Clone)]
pub struct Answer {
    pub status: u16,
    pub headers: Vec<(&'static str, String)>,
    pub body: Vec<u8>,
    /// Who the request was made as (an OAuth client, an access key), for the request log.
    pub client_id: Option<String>,
}

impl Answer {
    pub fn json(status: u16, body: &Value) -> Self {
        Answer {
            status,
            headers: vec![("content-type", "application/json".into())],
            body: body.to_string().into_bytes(),
            client_id: None,
        }
    }

    pub fn empty(status: u16) -> Self {
        Answer {
            status,
            headers: Vec::new(),
            body: Vec::new(),
            client_id: None,
        }
    }

    pub fn header(mut self, name: &'static str, value: impl Into<String>) -> Self {
        self.headers.push((name, value.into()));
        self
    }

    pub fn for_client(mut self, client_id: &str) -> Self {
        self.client_id = Some(client_id.to_string());
        self
    }

    fn into_response(self) -> Response<Full<Bytes>> {
        let mut builder = Response::builder().status(self.status);
        for (name, value) in &self.headers {
            builder = builder.header(*name, value.as_str());
        }
        builder
            .body(Full::new(Bytes::from(self.body)))
            .unwrap_or_else(|_| Response::new(Full::new(Bytes::new())))
    }
}

/// What an emulator does with requests. The request log and faults (`/__emulator/requests`,
/// `/__emulator/faults`) are the server's, through the emulator's journal.
pub trait Emulator: Journaled + Send + Sync + 'static {
    /// Any other request under `/__emulator` (`rest` is the path after it).
    fn admin(&self, req: &Request, rest: &str) -> Answer;
    /// The answer of an injected fault with a status, in the service's error format.
    fn injected(&self, fault: &Fault, req: &Request) -> Answer;
    /// The service's own answer.
    fn route(&self, req: &Request) -> Answer;
    /// The answer to a body over the size limit.
    fn too_large(&self) -> Answer;
}

/// The admin routes every emulator has: the request log and faults.
fn journal_admin<S: Emulator>(state: &S, req: &Request, rest: &str) -> Option<Answer> {
    let ok = || Answer::json(200, &serde_json::json!({"ok": true}));
    match (req.method.as_str(), rest.trim_end_matches('/')) {
        ("GET", "/health") => Some(ok()),
        ("GET", "/requests") => Some(Answer::json(
            200,
            &serde_json::to_value(state.requests()).unwrap_or(Value::Null),
        )),
        ("DELETE", "/requests") => {
            state.clear_requests();
            Some(ok())
        }
        ("POST", "/faults") => Some(match crate::body::parse::<Fault>(&req.body) {
            Ok(fault) => {
                state.add_fault(fault);
                ok()
            }
            Err(problem) => Answer::json(
                400,
                &serde_json::json!({"message": format!(
                    "POST /__emulator/faults: {problem}; expected a fault {{\"path\": \"/recordingstate\", \"status\": 503, \"times\": 2}} (docs/emulator.md)"
                )}),
            ),
        }),
        ("DELETE", "/faults") => {
            state.clear_faults();
            Some(ok())
        }
        _ => None,
    }
}

/// An emulator serving on a local address. Dropping it stops the server.
pub struct Running<S> {
    pub addr: SocketAddr,
    pub state: Arc<S>,
    stop: Option<oneshot::Sender<()>>,
    task: Option<JoinHandle<()>>,
}

impl<S> Running<S> {
    /// The base URL (`http://127.0.0.1:PORT`).
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

impl<S> Drop for Running<S> {
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

/// Serves `state` on `addr` (port 0 for any free port).
pub async fn start<S: Emulator>(state: Arc<S>, addr: SocketAddr) -> std::io::Result<Running<S>> {
    let listener = TcpListener::bind(addr).await?;
    let addr = listener.local_addr()?;
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
    Ok(Running {
        addr,
        state,
        stop: Some(stop_tx),
        task: Some(task),
    })
}

async fn handle<S: Emulator>(
    state: Arc<S>,
    req: hyper::Request<Incoming>,
) -> Result<Response<Full<Bytes>>, DropConnection> {
    let method = req.method().as_str().to_string();
    let path = req.uri().path().to_string();
    let query = req.uri().query().map(str::to_string);
    let headers: Vec<(String, String)> = req
        .headers()
        .iter()
        .filter_map(|(n, v)| {
            v.to_str()
                .ok()
                .map(|v| (n.as_str().to_string(), v.to_string()))
        })
        .collect();
    let body = match Limited::new(req.into_body(), MAX_REQUEST_BODY)
        .collect()
        .await
    {
        Ok(collected) => collected.to_bytes(),
        Err(_) => return Ok(state.too_large().into_response()),
    };
    let request = Request {
        method,
        path,
        query,
        headers,
        body,
    };
    if let Some(rest) = request.path.strip_prefix("/__emulator") {
        let answer = journal_admin(state.as_ref(), &request, rest)
            .unwrap_or_else(|| state.admin(&request, rest));
        return Ok(answer.into_response());
    }
    let fault = state.journal().take_fault(&request.method, &request.path);
    if let Some(ms) = fault.as_ref().and_then(|f| f.delay_ms) {
        tokio::time::sleep(Duration::from_millis(ms)).await;
    }
    let answer = match &fault {
        Some(f) if f.drop_connection => None,
        Some(f) if f.status.is_some() => Some(state.injected(f, &request)),
        _ => Some(state.route(&request)),
    };
    state
        .journal()
        .record(LoggedRequest::of(&request, answer.as_ref()));
    match answer {
        Some(a) => Ok(a.into_response()),
        None => Err(DropConnection),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_values_are_decoded() {
        let form = "grant_type=password&username=AKIA%2B1&password=a+b%3Dc&empty=";
        assert_eq!(form_value(form, "grant_type").as_deref(), Some("password"));
        assert_eq!(form_value(form, "username").as_deref(), Some("AKIA+1"));
        assert_eq!(form_value(form, "password").as_deref(), Some("a b=c"));
        assert_eq!(form_value(form, "empty").as_deref(), Some(""));
        assert_eq!(form_value(form, "missing"), None);
        assert_eq!(form_value("x=%zz%", "x").as_deref(), Some("%zz%"));
    }
}

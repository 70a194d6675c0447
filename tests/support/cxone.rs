//! CXone fixtures: the CXone emulator in-process, the CXone secret, an app whose CXone adapter signs in to the
//! emulator (its secret from a mock), and Function URL requests as a CXone Studio script sends them.

use super::{config, fast_retries, mock_secrets, secret_name, Moto};
use pii_pause::app::App;
use pii_pause::config::Config;
use pii_pause::metrics::MetricsSink;
use pii_pause::platform::cxone::{Cxone, CxoneClient, CxoneSettings};
use pii_pause::platform::Platforms;
use pii_pause::secret::SecretStore;
use pii_pause::webhook::Gate;
use pii_pause_emulators::cxone::model::{
    DEMO_ACCESS_KEY_ID, DEMO_ACCESS_KEY_SECRET, DEMO_CLIENT_ID, DEMO_CLIENT_SECRET,
};
use pii_pause_emulators::cxone::{self, LoggedRequest, RunningEmulator, TenantSeed};
use serde_json::{json, Value};
use std::net::SocketAddr;
use std::sync::Arc;

#[allow(unused_imports)]
pub use pii_pause_emulators::cxone::model::{DEMO_AGENT, DEMO_CONTACT, DEMO_TENANT, DEMO_USER};

/// The bearer token of the HTTPS entry point in the tests, the demo and `events/cxone-function-url.json`.
pub const WEBHOOK_TOKEN: &str = "demo-webhook-token-not-for-production";

/// Starts the CXone emulator in-process with the demo tenant.
pub async fn emulator() -> RunningEmulator {
    let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    cxone::start(TenantSeed::demo(), addr)
        .await
        .unwrap_or_else(|e| panic!("CXone emulator: {e}"))
}

/// The demo tenant's secret with `issuer`, the demo access key and application (HTTP Basic).
pub fn secret(issuer: &str) -> String {
    json!({"access_key_id": DEMO_ACCESS_KEY_ID, "access_key_secret": DEMO_ACCESS_KEY_SECRET,
           "client_id": DEMO_CLIENT_ID, "client_secret": DEMO_CLIENT_SECRET, "issuer": issuer})
    .to_string()
}

/// The CXone secret (issuer `issuer`) and the entry point's token in moto; the variables that name them.
pub async fn secrets_in_moto(moto: &Moto, issuer: &str) -> Vec<(&'static str, String)> {
    let mut env = Vec::new();
    for (variable, value) in [
        ("CXONE_SECRET_ID", secret(issuer)),
        ("WEBHOOK_SECRET_ID", WEBHOOK_TOKEN.to_string()),
    ] {
        let name = secret_name(&variable.to_ascii_lowercase());
        moto.client()
            .create_secret()
            .name(&name)
            .secret_string(value)
            .send()
            .await
            .unwrap_or_else(|e| panic!("create_secret: {e:?}"));
        env.push((variable, name));
    }
    env
}

/// The CXone section of a configuration.
pub fn settings(config: &Config) -> CxoneSettings {
    config
        .platforms
        .get::<CxoneSettings>()
        .cloned()
        .unwrap_or_else(|| panic!("CXone is not a registered platform"))
}

/// An app configured by `vars` (plus `CXONE_SECRET_ID`) whose CXone client reads `secret` from a mock, and
/// whose HTTPS entry point takes `WEBHOOK_TOKEN` (also from a mock).
pub fn app(secret: &str, vars: &[(&str, &str)]) -> App {
    let mut all = vec![
        ("CXONE_SECRET_ID", "cxone/pii-pause"),
        ("WEBHOOK_SECRET_ID", "pii-pause/webhook"),
    ];
    all.extend_from_slice(vars);
    let config = config(&all);
    let (sm, _) = mock_secrets(secret);
    let settings = settings(&config);
    let store = SecretStore::holding(sm, "cxone/pii-pause", settings.secret_ttl);
    let client = CxoneClient::new(&settings, Arc::new(store))
        .unwrap_or_else(|e| panic!("{e}"))
        .with_policy(fast_retries());
    let platforms =
        Platforms::offline(&config.platforms).with(Arc::new(Cxone::new(settings, Some(client))));
    let (webhook_sm, _) = mock_secrets(WEBHOOK_TOKEN);
    let gate = Gate::new(&config.webhook, Some(webhook_sm));
    App::new(config, platforms, MetricsSink::Memory(Default::default())).with_webhook(gate)
}

/// A CXone record as a Studio script sends it: the contact, its agent when given, a card number the caller keyed.
pub fn card_record(contact: &str, agent: Option<&str>) -> Value {
    let mut record = json!({"platform": "cxone", "conversationId": contact, "mediaType": "call",
        "participants": [{"participantId": "customer", "purpose": "customer",
                          "attributes": {"cardNumber": "4539 1488 0343 6467", "ivr.menu": "payments"}}]});
    if let Some(a) = agent {
        record["agentId"] = json!(a);
    }
    record
}

/// A Lambda Function URL request (payload format 2.0) sent now, with `body` as JSON and these headers.
pub fn function_url(body: &Value, headers: &[(&str, &str)]) -> Value {
    let headers: serde_json::Map<String, Value> = headers
        .iter()
        .map(|(k, v)| (k.to_string(), json!(v)))
        .chain([("content-type".to_string(), json!("application/json"))])
        .collect();
    json!({"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "", "headers": headers,
        "requestContext": {"accountId": "anonymous", "apiId": "abcdefghijklmnopqrstuvwxyz012345",
            "domainName": "abcdefghijklmnopqrstuvwxyz012345.lambda-url.eu-west-1.on.aws",
            "domainPrefix": "abcdefghijklmnopqrstuvwxyz012345",
            "http": {"method": "POST", "path": "/", "protocol": "HTTP/1.1", "sourceIp": "192.0.2.10",
                     "userAgent": "CXone Studio"},
            "requestId": format!("req-{}", fastrand::u64(..)), "routeKey": "$default", "stage": "$default",
            "time": "20/Nov/2026:10:15:30 +0000", "timeEpoch": now_ms()},
        "body": body.to_string(), "isBase64Encoded": false})
}

/// The Function URL response's status and its body as JSON.
pub fn http_answer(answer: &Value) -> (u64, Value) {
    let status = answer["statusCode"].as_u64().unwrap_or(0);
    let body = answer["body"]
        .as_str()
        .and_then(|b| serde_json::from_str(b).ok())
        .unwrap_or(Value::Null);
    (status, body)
}

fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// `(method, path)` of each request the emulator received.
pub fn calls(log: &[LoggedRequest]) -> Vec<(String, String)> {
    log.iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect()
}

/// How many requests went to the token endpoint.
pub fn token_requests(log: &[LoggedRequest]) -> usize {
    log.iter().filter(|r| r.path == "/auth/token").count()
}

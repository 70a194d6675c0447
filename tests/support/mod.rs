//! Shared test fixtures: a moto Secrets Manager server on loopback (started and stopped by PID), a counting
//! proxy, an in-process Genesys emulator, and an app wired to them.
#![allow(dead_code)]

pub mod cxone;
pub mod lambda;

use aws_sdk_secretsmanager::config::{BehaviorVersion, Credentials as AwsCredentials, Region};
use pii_pause::app::App;
use pii_pause::config::Config;
use pii_pause::http::RetryPolicy;
use pii_pause::metrics::MetricsSink;
use pii_pause::platform::connect::{Connect, ConnectClient, ConnectSettings};
use pii_pause::platform::genesys::{Genesys, GenesysClient, GenesysSettings};
use pii_pause::platform::Platforms;
use pii_pause::secret::SecretStore;
use pii_pause_emulators::genesys::{self, OrgSeed, RunningEmulator};
#[allow(unused_imports)]
pub use pii_pause_emulators::Journaled;
use std::collections::HashMap;
use std::net::{SocketAddr, TcpListener};
use std::os::unix::process::CommandExt;
use std::path::PathBuf;
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::{Duration, Instant};

pub const CONVERSATION: &str = "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e";

/// The repository's root (the workspace: the package of these tests may be one of its crates).
pub fn repo() -> PathBuf {
    let manifest = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest
        .ancestors()
        .find(|dir| dir.join("template.yaml").exists())
        .map(PathBuf::from)
        .unwrap_or(manifest)
}

/// A free loopback port (bound, then released).
pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .unwrap_or(0)
}

/// A child process that is killed (by PID) and reaped when dropped.
pub struct ChildGuard(pub Option<Child>);

impl ChildGuard {
    /// Kills the process group the child leads (the child and its children), then reaps the child.
    pub fn stop(&mut self) {
        if let Some(mut child) = self.0.take() {
            let pid = child.id() as i32;
            if pid > 1 {
                // Every child is started as the leader of its own process group: this ends its children too.
                // SAFETY: killpg only sends a signal; the group id is a live child's own pid.
                unsafe {
                    libc::killpg(pid, libc::SIGKILL);
                }
            }
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

impl Drop for ChildGuard {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Path of a tool in the project's virtual environment (installed by scripts/test.sh).
pub fn venv_tool(name: &str) -> PathBuf {
    let dir = std::env::var("PII_PAUSE_VENV")
        .map(PathBuf::from)
        .unwrap_or_else(|_| repo().join(".venv"));
    dir.join("bin").join(name)
}

/// A moto server on loopback: the one scripts/test.sh started (`PII_PAUSE_TEST_MOTO_URL`), or a new one
/// owned by this value.
pub struct Moto {
    pub url: String,
    _child: Option<ChildGuard>,
}

impl Moto {
    pub async fn start() -> Moto {
        if let Ok(url) = std::env::var("PII_PAUSE_TEST_MOTO_URL") {
            return Moto { url, _child: None };
        }
        let server = venv_tool("moto_server");
        assert!(
            server.exists(),
            "moto_server not found at {}: run scripts/test.sh (it installs moto[server] into .venv)",
            server.display()
        );
        let port = free_port();
        let child = Command::new(&server)
            .args(["-H", "127.0.0.1", "-p", &port.to_string()])
            .process_group(0)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap_or_else(|e| panic!("cannot start {}: {e}", server.display()));
        let guard = ChildGuard(Some(child));
        let url = format!("http://127.0.0.1:{port}");
        wait_http(&format!("{url}/moto-api/"), Duration::from_secs(30)).await;
        Moto {
            url,
            _child: Some(guard),
        }
    }

    /// An SDK client for this server (dummy credentials).
    pub fn client(&self) -> aws_sdk_secretsmanager::Client {
        sm_client(&self.url)
    }
}

pub fn sm_client(url: &str) -> aws_sdk_secretsmanager::Client {
    let config = aws_sdk_secretsmanager::Config::builder()
        .behavior_version(BehaviorVersion::latest())
        .region(Region::new("us-east-1"))
        .credentials_provider(AwsCredentials::new("test", "test", None, None, "tests"))
        .endpoint_url(url)
        .build();
    aws_sdk_secretsmanager::Client::from_conf(config)
}

/// A DynamoDB client for a moto server (dummy credentials).
pub fn ddb_client(url: &str) -> aws_sdk_dynamodb::Client {
    let config = aws_sdk_dynamodb::Config::builder()
        .behavior_version(aws_sdk_dynamodb::config::BehaviorVersion::latest())
        .region(aws_sdk_dynamodb::config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
            "test", "test", None, None, "tests",
        ))
        .endpoint_url(url)
        .build();
    aws_sdk_dynamodb::Client::from_conf(config)
}

/// A new ledger table in moto (its own name per test) and a ledger on it.
pub async fn ledger_table(moto: &Moto, label: &str) -> (String, pii_pause::ledger::Ledger) {
    let table = format!("pii-pause-{label}-{}", fastrand::u32(..));
    let client = ddb_client(&moto.url);
    pii_pause::ledger::table::create(&client, &table)
        .await
        .unwrap_or_else(|e| panic!("create table: {e}"));
    let ledger =
        pii_pause::ledger::Ledger::new(client, table.clone(), Duration::from_secs(90 * 86_400));
    (table, ledger)
}

/// A second ledger client on the same table (another container).
pub fn ledger_on(moto: &Moto, table: &str) -> pii_pause::ledger::Ledger {
    pii_pause::ledger::Ledger::new(
        ddb_client(&moto.url),
        table.to_string(),
        Duration::from_secs(90 * 86_400),
    )
}

/// Waits until `url` answers any HTTP status.
pub async fn wait_http(url: &str, limit: Duration) {
    let client = reqwest::Client::new();
    let start = Instant::now();
    while start.elapsed() < limit {
        if client.get(url).send().await.is_ok() {
            return;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    panic!("{url} did not answer within {limit:?}");
}

/// A unique secret name per test.
pub fn secret_name(label: &str) -> String {
    format!("pii-pause-test/{label}/{}", fastrand::u64(..))
}

/// A reverse proxy that counts the requests it forwards (to prove what was, and was not, called). Started with
/// [`CountingProxy::serializing`], it forwards one request at a time.
pub struct CountingProxy {
    pub url: String,
    pub count: Arc<AtomicUsize>,
    _server: tokio::task::JoinHandle<()>,
}

impl CountingProxy {
    pub async fn start(target: &str) -> CountingProxy {
        Self::run(target, None).await
    }

    /// A proxy that forwards one request at a time. moto applies a DynamoDB conditional update without a lock,
    /// so concurrent requests can interleave inside one update; DynamoDB applies each one atomically. In front
    /// of moto this gives each request DynamoDB's atomicity, while requests from several clients still arrive
    /// in any order.
    pub async fn serializing(target: &str) -> CountingProxy {
        Self::run(target, Some(Arc::new(tokio::sync::Mutex::new(())))).await
    }

    async fn run(
        target: &str,
        one_at_a_time: Option<Arc<tokio::sync::Mutex<()>>>,
    ) -> CountingProxy {
        use http_body_util::{BodyExt, Full};
        use hyper::service::service_fn;
        use hyper_util::rt::TokioIo;
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0")
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        let addr: SocketAddr = listener.local_addr().unwrap_or_else(|e| panic!("{e}"));
        let count = Arc::new(AtomicUsize::new(0));
        let http = reqwest::Client::new();
        let target = target.to_string();
        let counter = count.clone();
        let server = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let (http, target, counter, gate) = (
                    http.clone(),
                    target.clone(),
                    counter.clone(),
                    one_at_a_time.clone(),
                );
                tokio::spawn(async move {
                    let service = service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                        let (http, target, counter, gate) =
                            (http.clone(), target.clone(), counter.clone(), gate.clone());
                        async move {
                            let _turn = match &gate {
                                Some(g) => Some(g.clone().lock_owned().await),
                                None => None,
                            };
                            counter.fetch_add(1, Ordering::SeqCst);
                            let method = req.method().clone();
                            let uri = req.uri().to_string();
                            let headers = req.headers().clone();
                            let body = req
                                .into_body()
                                .collect()
                                .await
                                .map(|b| b.to_bytes())
                                .unwrap_or_default();
                            let mut out = http.request(method, format!("{target}{uri}")).body(body);
                            for (k, v) in headers.iter() {
                                if k != "host" {
                                    out = out.header(k, v);
                                }
                            }
                            let (status, bytes, ctype) = match out.send().await {
                                Ok(r) => {
                                    let status = r.status().as_u16();
                                    let ctype = r.headers().get("content-type").cloned();
                                    (status, r.bytes().await.unwrap_or_default(), ctype)
                                }
                                Err(_) => (502, bytes::Bytes::new(), None),
                            };
                            let mut resp = hyper::Response::builder().status(status);
                            if let Some(c) = ctype {
                                resp = resp.header("content-type", c);
                            }
                            resp.body(Full::new(bytes)).map_err(|e| e.to_string())
                        }
                    });
                    let _ = hyper::server::conn::http1::Builder::new()
                        .serve_connection(TokioIo::new(stream), service)
                        .await;
                });
            }
        });
        CountingProxy {
            url: format!("http://{addr}"),
            count,
            _server: server,
        }
    }

    pub fn requests(&self) -> usize {
        self.count.load(Ordering::SeqCst)
    }
}

/// Starts the Genesys emulator in-process with the demo org.
pub async fn genesys() -> RunningEmulator {
    let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    genesys::start(OrgSeed::demo(), addr)
        .await
        .unwrap_or_else(|e| panic!("emulator: {e}"))
}

/// A configuration from pairs (nothing read from the process environment).
pub fn config(vars: &[(&str, &str)]) -> Config {
    let map: HashMap<String, String> = vars
        .iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
    Config::from_lookup(|k| map.get(k).cloned()).unwrap_or_else(|e| panic!("{e}"))
}

/// Short waits so fault tests stay fast.
pub fn fast_retries() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_millis(5),
        cap: Duration::from_millis(20),
        ..RetryPolicy::default()
    }
}

/// An app whose Secrets Manager client is `sm` and whose Genesys API is the emulator.
pub fn app(
    sm: aws_sdk_secretsmanager::Client,
    secret_id: &str,
    genesys_url: &str,
    extra: &[(&str, &str)],
) -> App {
    let mut vars = vec![
        ("GENESYS_SECRET_ID", secret_id),
        ("GENESYS_API_URL", genesys_url),
    ];
    vars.extend_from_slice(extra);
    let config = config(&vars);
    let store = SecretStore::new(sm, secret_id, genesys_settings(&config).secret_ttl);
    app_with_store(config, store, MetricsSink::Memory(Default::default()))
}

/// Starts the Connect emulator in-process with the demo account.
pub async fn connect_emulator() -> pii_pause_emulators::connect::RunningEmulator {
    let addr: SocketAddr = ([127, 0, 0, 1], 0).into();
    pii_pause_emulators::connect::start(pii_pause_emulators::connect::Seed::demo(), addr)
        .await
        .unwrap_or_else(|e| panic!("connect emulator: {e}"))
}

/// The AWS configuration of a test: dummy credentials, us-east-1, every service at `endpoint`.
pub async fn aws_config_for(endpoint: &str) -> aws_config::SdkConfig {
    aws_config::defaults(aws_config::BehaviorVersion::latest())
        .region(aws_config::Region::new("us-east-1"))
        .credentials_provider(aws_sdk_secretsmanager::config::Credentials::new(
            "AKIDTEST", "test", None, None, "tests",
        ))
        .endpoint_url(endpoint)
        .load()
        .await
}

/// An app whose Connect adapter calls the emulator at `connect_url` (short retries); Genesys as `app` builds it.
pub async fn connect_app(connect_url: &str, extra: &[(&str, &str)]) -> App {
    let mut vars = vec![(
        "CONNECT_INSTANCE_IDS",
        pii_pause_emulators::connect::DEMO_INSTANCE,
    )];
    vars.extend_from_slice(extra);
    let config = config(&vars);
    let settings = config
        .platforms
        .get::<ConnectSettings>()
        .cloned()
        .unwrap_or_else(|| panic!("Connect is not a registered platform"));
    let aws = aws_config_for(connect_url).await;
    let client = ConnectClient::new(&aws, &settings).with_policy(fast_retries());
    let platforms =
        Platforms::offline(&config.platforms).with(Arc::new(Connect::new(settings, Some(client))));
    App::new(config, platforms, MetricsSink::Memory(Default::default()))
}

/// The Genesys section of a configuration.
pub fn genesys_settings(config: &Config) -> GenesysSettings {
    config
        .platforms
        .get::<GenesysSettings>()
        .cloned()
        .unwrap_or_else(|| panic!("Genesys is not a registered platform"))
}

/// The adapters of `config` without clients, but Genesys with a client reading its secret from `store`.
pub fn platforms_with_store(config: &Config, store: SecretStore) -> Platforms {
    let settings = genesys_settings(config);
    let client = GenesysClient::new(&settings, Arc::new(store))
        .unwrap_or_else(|e| panic!("{e}"))
        .with_policy(fast_retries());
    Platforms::offline(&config.platforms).with(Arc::new(Genesys::new(settings, Some(client))))
}

/// An app for `config` whose Genesys client reads its secret from `store`.
pub fn app_with_store(config: Config, store: SecretStore, metrics: MetricsSink) -> App {
    let platforms = platforms_with_store(&config, store);
    App::new(config, platforms, metrics)
}

/// A Secrets Manager client (aws-smithy-mocks) that answers every read with `secret`, and its rule
/// (`num_calls()` counts the reads).
pub fn mock_secrets(secret: &str) -> (aws_sdk_secretsmanager::Client, aws_smithy_mocks::Rule) {
    use aws_sdk_secretsmanager::operation::get_secret_value::GetSecretValueOutput;
    let secret = secret.to_string();
    let rule = aws_smithy_mocks::mock!(aws_sdk_secretsmanager::Client::get_secret_value)
        .sequence()
        .output(move || {
            GetSecretValueOutput::builder()
                .secret_string(secret.clone())
                .version_id("v1")
                .build()
        })
        .repeatedly()
        .build();
    let client = aws_smithy_mocks::mock_client!(aws_sdk_secretsmanager, [&rule]);
    (client, rule)
}

/// The demo org's permitted client, as a secret.
pub fn demo_secret() -> String {
    serde_json::json!({
        "client_id": pii_pause_emulators::genesys::model::DEMO_CLIENT_ID,
        "client_secret": pii_pause_emulators::genesys::model::DEMO_CLIENT_SECRET
    })
    .to_string()
}

/// The demo org's client without the pause permission, as a secret.
pub fn no_pause_secret() -> String {
    serde_json::json!({
        "clientId": pii_pause_emulators::genesys::model::NO_PAUSE_CLIENT_ID,
        "clientSecret": pii_pause_emulators::genesys::model::NO_PAUSE_CLIENT_SECRET
    })
    .to_string()
}

/// A flagged record for a conversation.
pub fn flagged(id: &str) -> serde_json::Value {
    serde_json::json!({"conversationId": id, "mediaType": "call",
        "participants": [{"participantId": "p-1", "purpose": "customer", "attributes": {"PII_Detected": "true"}}]})
}

/// A clean record.
pub fn clean(id: &str) -> serde_json::Value {
    serde_json::json!({"conversationId": id, "participants": [{"participantId": "p-1", "purpose": "customer",
        "attributes": {"ivr.Priority": "5", "queueName": "Billing"}}]})
}

/// A new active call in the emulator; returns its id.
pub fn seed_call(emulator: &pii_pause_emulators::genesys::RunningEmulator) -> String {
    let hex = |n: usize| {
        (0..n)
            .map(|_| char::from_digit(fastrand::u32(0..16), 16).unwrap_or('0'))
            .collect::<String>()
    };
    let id = format!("{}-{}-4{}-8{}-{}", hex(8), hex(4), hex(3), hex(3), hex(12));
    emulator
        .state
        .put_conversation(pii_pause_emulators::genesys::Conversation {
            id: id.clone(),
            media_type: "call".into(),
            division_id: pii_pause_emulators::genesys::model::HOME_DIVISION.into(),
            recording_state: "ACTIVE".into(),
            secure_pause: false,
            ended: false,
            start_time: "2026-11-20T10:15:00.000Z".into(),
            participants: vec![],
        });
    id
}

/// The emulator with the demo org, and an app logged in as its permitted client (secret from a mock).
pub async fn demo_app(extra: &[(&str, &str)]) -> (RunningEmulator, App) {
    let emu = genesys().await;
    let (sm, _) = mock_secrets(&demo_secret());
    let app = app(sm, "genesys/oauth", &emu.url(), extra);
    (emu, app)
}

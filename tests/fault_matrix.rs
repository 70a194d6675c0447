//! The fault matrix: for each fault the Genesys emulator or Secrets Manager can show, what pii-pause does,
//! how many attempts it makes, and what the report says. Nothing is lost: every flagged conversation ends
//! paused, or failed with `export: hold`. The README's fault table is this file.

mod support;

use aws_sdk_secretsmanager::error::ErrorMetadata;
use aws_sdk_secretsmanager::operation::get_secret_value::GetSecretValueError;
use pii_pause::app::{App, Invoke};
use pii_pause::metrics::MetricsSink;
use pii_pause::secret::SecretStore;
use pii_pause_emulators::genesys::{Fault, RunningEmulator};
use serde_json::{json, Value};
use std::time::{Duration, SystemTime, UNIX_EPOCH};
use support::*;

/// What a case ended with.
struct Outcome {
    result: Value,
    puts: Vec<u16>,
    token_requests: usize,
    secret_reads: usize,
}

async fn run(emu: &RunningEmulator, app: &App, deadline_ms: u64) -> Value {
    let id = seed_call(emu);
    let report = app
        .handle(
            &flagged(&id),
            &Invoke {
                request_id: "r".into(),
                deadline_ms,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let result = report["results"][0].clone();
    assert_eq!(result["conversationId"], id.as_str());
    // The invariant of the whole matrix: paused, or held.
    let paused = result["action"] == "paused";
    assert!(
        paused || result["export"] == "hold",
        "a flagged conversation was neither paused nor held: {result}"
    );
    if paused {
        assert!(emu
            .state
            .conversation(&id)
            .is_some_and(|c| c.recording_state == "PAUSED"));
    }
    result
}

async fn case(faults: &[Fault], extra: &[(&str, &str)], deadline_ms: u64) -> Outcome {
    let emu = genesys().await;
    let (sm, rule) = mock_secrets(&demo_secret());
    let app = app(sm, "genesys/oauth", &emu.url(), extra);
    for f in faults {
        emu.state.add_fault(f.clone());
    }
    let result = run(&emu, &app, deadline_ms).await;
    let log = emu.state.requests();
    Outcome {
        result,
        puts: log
            .iter()
            .filter(|r| r.method == "PUT")
            .map(|r| r.status)
            .collect(),
        token_requests: log.iter().filter(|r| r.is_token_request()).count(),
        secret_reads: rule.num_calls(),
    }
}

fn on_pause(status: u16, times: Option<u32>) -> Fault {
    Fault {
        path: Some("/recordingstate".into()),
        status: Some(status),
        times,
        ..Fault::default()
    }
}

fn code(o: &Outcome) -> &str {
    o.result["error"]["code"].as_str().unwrap_or("")
}

#[tokio::test]
async fn rate_limited_once_waits_retry_after_then_pauses() {
    let mut f = on_pause(429, Some(1));
    f.retry_after = Some(1);
    let o = case(&[f], &[], 0).await;
    assert_eq!(o.result["action"], "paused");
    assert_eq!(o.puts, vec![429, 200]);
}

#[tokio::test]
async fn rate_limit_storm_beyond_the_deadline_gives_up_in_time_and_holds() {
    let mut f = on_pause(429, None);
    f.retry_after = Some(2);
    let now = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0);
    let started = std::time::Instant::now();
    let o = case(&[f], &[], now + 3_000).await;
    assert!(
        started.elapsed() < Duration::from_millis(3_000),
        "ran past the deadline: {:?}",
        started.elapsed()
    );
    assert_eq!(o.result["action"], "failed");
    assert_eq!(o.result["export"], "hold");
    assert_eq!(code(&o), "too.many.requests.retry.after");
    // Retry-After 2 s fits once in the 2.5 s left; a second wait would not.
    assert!(
        o.result["error"]["message"]
            .as_str()
            .is_some_and(|m| m.contains("gave up after 2 attempt")),
        "{}",
        o.result
    );
    assert_eq!(o.puts, vec![429, 429]);
}

#[tokio::test]
async fn server_error_500_is_not_retried_and_holds() {
    let o = case(&[on_pause(500, None)], &[], 0).await;
    assert_eq!(o.result["action"], "failed");
    assert_eq!(o.result["error"]["status"], 500);
    assert_eq!(o.puts, vec![500]);
}

#[tokio::test]
async fn gateway_errors_502_503_504_are_retried_with_backoff() {
    for status in [502u16, 503, 504] {
        let o = case(&[on_pause(status, Some(2))], &[], 0).await;
        assert_eq!(o.result["action"], "paused", "{status}: {}", o.result);
        assert_eq!(o.puts, vec![status, status, 200]);
    }
}

#[tokio::test]
async fn persistent_503_fails_after_six_attempts() {
    let o = case(&[on_pause(503, None)], &[], 0).await;
    assert_eq!(o.result["action"], "failed");
    assert_eq!(code(&o), "service.unavailable");
    assert_eq!(o.puts, vec![503; 6]);
}

#[tokio::test]
async fn slow_response_times_out_and_is_retried() {
    let f = Fault {
        path: Some("/recordingstate".into()),
        delay_ms: Some(1_500),
        times: Some(1),
        ..Fault::default()
    };
    let o = case(&[f], &[("GENESYS_HTTP_TIMEOUT_MS", "400")], 0).await;
    assert_eq!(o.result["action"], "paused", "{}", o.result);
    // The retry is answered first; the stalled request is logged when its delay ends.
    assert_eq!(o.puts, vec![200]);
}

#[tokio::test]
async fn dropped_connection_is_retried() {
    let f = Fault {
        path: Some("/recordingstate".into()),
        drop_connection: true,
        times: Some(1),
        ..Fault::default()
    };
    let o = case(&[f], &[], 0).await;
    assert_eq!(o.result["action"], "paused", "{}", o.result);
    assert_eq!(o.puts, vec![0, 200]);
}

#[tokio::test]
async fn expired_token_401_refreshes_once() {
    let mut f = on_pause(401, Some(1));
    f.code = Some("credentials.expired".into());
    let o = case(&[f], &[], 0).await;
    assert_eq!(o.result["action"], "paused");
    assert_eq!(o.puts, vec![401, 200]);
    assert_eq!(o.token_requests, 2);
}

#[tokio::test]
async fn permanent_401_fails_after_one_refresh() {
    let o = case(&[on_pause(401, None)], &[], 0).await;
    assert_eq!(o.result["action"], "failed");
    assert_eq!(code(&o), "bad.credentials");
    assert!(o.result["error"]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("region")));
    assert_eq!(o.puts, vec![401, 401]);
    assert_eq!(o.token_requests, 2);
}

#[tokio::test]
async fn forbidden_403_names_the_permission() {
    let o = case(&[on_pause(403, None)], &[], 0).await;
    assert_eq!(o.result["action"], "failed");
    assert_eq!(code(&o), "missing.permissions");
    assert!(o.result["error"]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("conversation:recording:pauseOthers")));
    assert_eq!(o.puts, vec![403]);
}

#[tokio::test]
async fn not_found_404_is_reported_not_found() {
    let o = case(&[on_pause(404, None)], &[], 0).await;
    assert_eq!(o.result["action"], "not_found");
    assert_eq!(o.result["export"], "hold");
    assert_eq!(o.puts, vec![404]);
}

#[tokio::test]
async fn invalid_client_rereads_the_secret_once_then_fails_clearly() {
    let f = Fault {
        path: Some("/oauth/token".into()),
        status: Some(401),
        oauth_error: Some("invalid_client".into()),
        ..Fault::default()
    };
    let o = case(&[f], &[], 0).await;
    assert_eq!(o.result["action"], "failed");
    assert_eq!(code(&o), "oauth.invalid_client");
    assert!(o.result["error"]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("client_id/client_secret")));
    assert_eq!(
        o.token_requests, 1,
        "the same credentials are not tried twice"
    );
    assert_eq!(
        o.secret_reads, 2,
        "the secret is read again in case it was rotated"
    );
    assert!(o.puts.is_empty());
}

async fn secret_case(client: aws_sdk_secretsmanager::Client) -> Value {
    let emu = genesys().await;
    let config = config(&[
        ("GENESYS_SECRET_ID", "genesys/oauth"),
        ("GENESYS_API_URL", &emu.url()),
    ]);
    let ttl = genesys_settings(&config).secret_ttl;
    let store = SecretStore::new(client, "genesys/oauth", ttl);
    let app = app_with_store(config, store, MetricsSink::Off);
    let result = run(&emu, &app, 0).await;
    assert!(
        emu.state.requests().is_empty(),
        "nothing reaches Genesys without credentials"
    );
    result
}

#[tokio::test]
async fn secrets_manager_unreachable_holds() {
    let url = format!("http://127.0.0.1:{}", free_port());
    let r = secret_case(sm_client(&url)).await;
    assert_eq!(r["action"], "failed");
    assert_eq!(r["error"]["code"], "secret.unreachable");
}

#[tokio::test]
async fn secrets_manager_throttled_holds() {
    let rule = aws_smithy_mocks::mock!(aws_sdk_secretsmanager::Client::get_secret_value)
        .sequence()
        .error(|| {
            GetSecretValueError::generic(
                ErrorMetadata::builder()
                    .code("ThrottlingException")
                    .message("Rate exceeded")
                    .build(),
            )
        })
        .repeatedly()
        .build();
    let client = aws_smithy_mocks::mock_client!(aws_sdk_secretsmanager, [&rule]);
    let r = secret_case(client).await;
    assert_eq!(r["action"], "failed");
    assert_eq!(r["error"]["code"], "secret.throttled");
    assert!(r["error"]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("SECRET_TTL_SECONDS")));
}

#[tokio::test]
async fn malformed_secret_holds_without_leaking_it() {
    let (client, _) = mock_secrets("client_id: abc, client_secret: hunter2-leak");
    let r = secret_case(client).await;
    assert_eq!(r["action"], "failed");
    assert_eq!(r["error"]["code"], "secret.malformed");
    assert!(!r.to_string().contains("hunter2"));
}

#[tokio::test]
async fn rotation_through_moto_recovers_without_a_restart() {
    let moto = Moto::start().await;
    let name = secret_name("rotation");
    let old = json!({"client_id": "rot-client-1", "client_secret": "old-secret"}).to_string();
    moto.client()
        .create_secret()
        .name(&name)
        .secret_string(old)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));
    let emu = genesys().await;
    let role = pii_pause_emulators::genesys::RoleGrant {
        name: "pii-pause".into(),
        permissions: vec![pii_pause_emulators::genesys::model::PAUSE_OTHERS.into()],
        divisions: vec!["*".into()],
    };
    let client = |id: &str, secret: &str| pii_pause_emulators::genesys::OAuthClient {
        client_id: id.into(),
        client_secret: secret.into(),
        name: id.into(),
        roles: vec![role.clone()],
        token_lifetime_seconds: 86_400,
    };
    emu.state.put_client(client("rot-client-1", "old-secret"));
    let proxy = CountingProxy::start(&moto.url).await;
    let app = app(sm_client(&proxy.url), &name, &emu.url(), &[]);

    assert_eq!(run(&emu, &app, 0).await["action"], "paused");
    assert_eq!(proxy.requests(), 1);

    // Rotation: a new OAuth client replaces the old one in Genesys, and its credentials are stored.
    emu.state.put_client(client("rot-client-2", "new-secret"));
    emu.state.remove_client("rot-client-1");
    let new = json!({"client_id": "rot-client-2", "client_secret": "new-secret"}).to_string();
    moto.client()
        .put_secret_value()
        .secret_id(&name)
        .secret_string(new)
        .send()
        .await
        .unwrap_or_else(|e| panic!("{e:?}"));

    let r = run(&emu, &app, 0).await;
    assert_eq!(r["action"], "paused", "{r}");
    assert_eq!(proxy.requests(), 2, "the secret was read again once");
    let tokens: Vec<(Option<String>, u16)> = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.is_token_request())
        .map(|r| (r.client_id.clone(), r.status))
        .collect();
    assert_eq!(
        tokens,
        vec![
            (Some("rot-client-1".into()), 200),
            (None, 401),
            (Some("rot-client-2".into()), 200)
        ],
        "old client refused once, then the rotated one"
    );
}

#[tokio::test]
async fn a_refused_login_is_not_repeated_for_every_conversation_of_a_batch() {
    let emu = genesys().await;
    let (sm, rule) =
        mock_secrets(&json!({"client_id": "nobody", "client_secret": "wrong"}).to_string());
    let app = app(sm, "genesys/oauth", &emu.url(), &[]);
    let conversations: Vec<Value> = (0..5).map(|_| flagged(&seed_call(&emu))).collect();
    let report = app
        .handle(
            &json!({ "conversations": conversations }),
            &Invoke {
                request_id: "r".into(),
                deadline_ms: 0,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["summary"]["failed"], 5);
    assert_eq!(report["summary"]["hold"], 5);
    for r in report["results"].as_array().into_iter().flatten() {
        assert_eq!(r["error"]["code"], "oauth.invalid_client");
    }
    let tokens = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.is_token_request())
        .count();
    assert_eq!(tokens, 1, "one refused login serves the whole batch");
    assert_eq!(
        rule.num_calls(),
        2,
        "the secret is read, then read again once"
    );
}

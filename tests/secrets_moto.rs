//! Secrets Manager through a real moto server on loopback: read, cache within the TTL, re-read after it,
//! and clear errors for a missing secret and malformed JSON.

mod support;

use pii_pause::secret::{SecretError, SecretStore};
use std::time::Duration;
use support::{secret_name, CountingProxy, Moto};

async fn create(moto: &Moto, name: &str, value: &str) {
    moto.client()
        .create_secret()
        .name(name)
        .secret_string(value)
        .send()
        .await
        .unwrap_or_else(|e| panic!("create_secret: {e:?}"));
}

#[tokio::test]
async fn reads_then_serves_from_cache_within_ttl_and_rereads_after() {
    let moto = Moto::start().await;
    let name = secret_name("ttl");
    create(
        &moto,
        &name,
        r#"{"clientId":"abc","clientSecret":"s3cr3t-value","region":"eu-west-1"}"#,
    )
    .await;
    let proxy = CountingProxy::start(&moto.url).await;
    let store = SecretStore::new(
        support::sm_client(&proxy.url),
        name.clone(),
        Duration::from_millis(400),
    );

    let first = store.get().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(first.client_id, "abc");
    assert_eq!(first.client_secret.expose(), "s3cr3t-value");
    assert_eq!(first.region.as_deref(), Some("eu-west-1"));
    assert_eq!(proxy.requests(), 1);

    for _ in 0..5 {
        let again = store.get().await.unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(again.client_id, "abc");
    }
    assert_eq!(
        proxy.requests(),
        1,
        "reads within the TTL must come from the cache"
    );

    moto.client()
        .put_secret_value()
        .secret_id(&name)
        .secret_string(r#"{"client_id":"rotated","client_secret":"new"}"#)
        .send()
        .await
        .unwrap_or_else(|e| panic!("put_secret_value: {e:?}"));
    tokio::time::sleep(Duration::from_millis(450)).await;
    let after = store.get().await.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(after.client_id, "rotated");
    assert_eq!(after.region, None);
    assert_eq!(proxy.requests(), 2, "one read after the TTL expired");
}

#[tokio::test]
async fn concurrent_first_reads_share_one_call() {
    let moto = Moto::start().await;
    let name = secret_name("flight");
    create(&moto, &name, r#"{"client_id":"abc","client_secret":"x"}"#).await;
    let proxy = CountingProxy::start(&moto.url).await;
    let store = std::sync::Arc::new(SecretStore::new(
        support::sm_client(&proxy.url),
        name,
        Duration::from_secs(300),
    ));
    let tasks: Vec<_> = (0..16)
        .map(|_| {
            let s = store.clone();
            tokio::spawn(async move { s.get().await.map(|c| c.client_id.clone()) })
        })
        .collect();
    for t in tasks {
        assert_eq!(t.await.ok().and_then(Result::ok).as_deref(), Some("abc"));
    }
    assert_eq!(proxy.requests(), 1);
}

#[tokio::test]
async fn missing_secret_is_a_clear_error() {
    let moto = Moto::start().await;
    let store = SecretStore::new(moto.client(), "does/not/exist", Duration::from_secs(300));
    let err = store.get().await.err();
    assert_eq!(
        err,
        Some(SecretError::NotFound {
            secret_id: "does/not/exist".into(),
            variable: "GENESYS_SECRET_ID",
        })
    );
    let msg = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(
        msg.contains("secret `does/not/exist` was not found"),
        "{msg}"
    );
    assert!(msg.contains("check GENESYS_SECRET_ID"), "{msg}");
}

#[tokio::test]
async fn malformed_secret_is_a_clear_error_without_its_content() {
    let moto = Moto::start().await;
    let name = secret_name("malformed");
    create(&moto, &name, "client_id=abc client_secret=hunter2-leak").await;
    let store = SecretStore::new(moto.client(), name.clone(), Duration::from_secs(300));
    let msg = error_of(&store).await;
    assert!(
        msg.contains(&format!("secret `{name}` is malformed: it is not JSON")),
        "{msg}"
    );
    assert!(!msg.contains("hunter2"), "{msg}");

    let name = secret_name("no-secret-field");
    create(&moto, &name, r#"{"client_id":"abc"}"#).await;
    let store = SecretStore::new(moto.client(), name, Duration::from_secs(300));
    let msg = error_of(&store).await;
    assert!(msg.contains("`client_secret` is missing"), "{msg}");
}

#[tokio::test]
async fn unreachable_secrets_manager_is_transient() {
    let url = format!("http://127.0.0.1:{}", support::free_port());
    let store = SecretStore::new(support::sm_client(&url), "any", Duration::from_secs(300));
    let err = store.get().await.err();
    assert!(
        err.as_ref().is_some_and(SecretError::is_transient),
        "{err:?}"
    );
}

async fn error_of(store: &SecretStore) -> String {
    store
        .get()
        .await
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default()
}

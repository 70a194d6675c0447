//! Load: a batch of 1,000 conversations in one invocation against the emulator with a rate limit. Every one is
//! paused, no request goes over the limit (no 429), and the client-side limiter paces the batch.

mod support;

use pii_pause::app::Invoke;
use serde_json::{json, Value};
use std::time::{Duration, Instant};
use support::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_thousand_conversations_stay_under_the_rate_limit() {
    const N: usize = 1_000;
    const LIMIT: u32 = 250;
    const WINDOW: Duration = Duration::from_millis(2_000);
    let emu = genesys().await;
    emu.state.set_rate_limit(LIMIT, WINDOW);
    let (sm, _) = mock_secrets(&demo_secret());
    let app = app(
        sm,
        "genesys/oauth",
        &emu.url(),
        &[
            ("GENESYS_RATE_LIMIT_PER_MINUTE", &LIMIT.to_string()),
            ("GENESYS_RATE_WINDOW_MS", &WINDOW.as_millis().to_string()),
            ("MAX_CONCURRENCY", "64"),
        ],
    );
    let ids: Vec<String> = (0..N).map(|_| seed_call(&emu)).collect();
    let conversations: Vec<Value> = ids.iter().map(|id| flagged(id)).collect();

    let started = Instant::now();
    let report = app
        .handle(
            &json!({ "conversations": conversations }),
            &Invoke {
                request_id: "load".into(),
                deadline_ms: 0,
            },
        )
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let elapsed = started.elapsed();

    assert_eq!(report["summary"]["conversations"], N);
    let failed = report["results"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["action"] != "paused"))
        .cloned();
    assert_eq!(
        report["summary"]["paused"], N,
        "{} {:?}",
        report["summary"], failed
    );
    assert_eq!(report["summary"]["hold"], 0);
    assert_eq!(emu.state.throttled(), 0, "no request may go over the limit");
    let puts = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.method == "PUT" && r.status == 200)
        .count();
    assert_eq!(puts, N);
    assert!(ids.iter().all(|id| emu
        .state
        .conversation(id)
        .is_some_and(|c| c.recording_state == "PAUSED")));
    // The limiter is a guarantee, not a speed: N requests at LIMIT per WINDOW cannot finish sooner than this.
    let minimum = WINDOW * (N as u32 / LIMIT - 1);
    assert!(
        elapsed >= minimum,
        "finished in {elapsed:?}, faster than the rate allows ({minimum:?})"
    );
    eprintln!(
        "load: {N} conversations paused in {elapsed:?}; rate minimum {minimum:?} (ratio {:.2}); 0 throttled",
        elapsed.as_secs_f64() / minimum.as_secs_f64()
    );
}

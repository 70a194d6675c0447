//! The handler against the Genesys emulator: the exact requests sent, the report returned, and how errors
//! are explained.

mod support;

use base64::Engine;
use pii_pause::app::Invoke;
use pii_pause_emulators::genesys::model::{DEMO_CLIENT_ID, DEMO_CLIENT_SECRET};
use pii_pause_emulators::genesys::Fault;
use serde_json::{json, Value};
use support::*;

fn invoke() -> Invoke {
    Invoke {
        request_id: "req-1".into(),
        deadline_ms: 0,
    }
}

#[tokio::test]
async fn one_token_for_many_events_and_one_pause_per_flagged_conversation() {
    let emu = genesys().await;
    let (sm, sm_rule) = mock_secrets(&demo_secret());
    let app = app(sm, "genesys/oauth", &emu.url(), &[]);
    let flagged_ids: Vec<String> = (0..6).map(|_| seed_call(&emu)).collect();
    let clean_ids: Vec<String> = (0..4).map(|_| seed_call(&emu)).collect();

    for chunk in 0..2 {
        let mut conversations: Vec<Value> = flagged_ids[chunk * 3..chunk * 3 + 3]
            .iter()
            .map(|id| flagged(id))
            .collect();
        conversations.extend(
            clean_ids[chunk * 2..chunk * 2 + 2]
                .iter()
                .map(|id| clean(id)),
        );
        let report = app
            .handle(&json!({ "conversations": conversations }), &invoke())
            .await
            .unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(report["summary"]["conversations"], 5);
        assert_eq!(report["summary"]["paused"], 3);
        for r in report["results"].as_array().into_iter().flatten() {
            let flagged = flagged_ids
                .iter()
                .any(|id| r["conversationId"] == id.as_str());
            if flagged {
                assert_eq!(r["action"], "paused", "{r}");
                assert_eq!(r["export"], "redact", "{r}");
                assert_eq!(
                    r["redact"]["fields"],
                    json!([]),
                    "a flag holds no PII itself"
                );
                assert!(r["redact"]["recordingUntil"]
                    .as_str()
                    .is_some_and(|t| t.ends_with('Z') && t.len() == 24));
                assert_eq!(r["pii"], true);
                assert_eq!(r["recordingState"], "PAUSED");
                assert_eq!(
                    r["findings"],
                    json!([{"kind": "FLAG", "field": "participants[0].attributes.PII_Detected"}])
                );
                assert!(
                    r["contextId"].as_str().is_some_and(|c| c.len() == 36),
                    "{r}"
                );
            } else {
                assert_eq!(r["action"], "none", "{r}");
                assert_eq!(r["export"], "allow");
                assert_eq!(r["findings"], json!([]));
            }
        }
    }

    let log = emu.state.requests();
    let tokens: Vec<_> = log.iter().filter(|r| r.is_token_request()).collect();
    assert_eq!(tokens.len(), 1, "one token request for all events");
    let basic = base64::engine::general_purpose::STANDARD
        .encode(format!("{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}"));
    assert_eq!(tokens[0].method, "POST");
    assert_eq!(
        tokens[0].authorization.as_deref(),
        Some(format!("Basic {basic}").as_str())
    );
    assert_eq!(
        tokens[0].content_type.as_deref(),
        Some("application/x-www-form-urlencoded")
    );
    assert_eq!(tokens[0].body, "grant_type=client_credentials");

    let pauses: Vec<_> = log
        .iter()
        .filter(|r| r.path.ends_with("/recordingstate"))
        .collect();
    assert_eq!(pauses.len(), 6);
    for p in &pauses {
        assert_eq!(p.method, "PUT");
        assert!(p
            .authorization
            .as_deref()
            .is_some_and(|a| a.starts_with("Bearer ")));
        assert_eq!(
            serde_json::from_str::<Value>(&p.body).ok(),
            Some(json!({"recordingState": "PAUSED"}))
        );
        assert_eq!(p.status, 200);
    }
    let mut paused_paths: Vec<String> = pauses.iter().map(|p| p.path.clone()).collect();
    paused_paths.sort();
    let mut expected: Vec<String> = flagged_ids
        .iter()
        .map(|id| format!("/api/v2/conversations/calls/{id}/recordingstate"))
        .collect();
    expected.sort();
    assert_eq!(paused_paths, expected);
    assert_eq!(log.len(), 7, "nothing but one token and six pauses");
    for id in &flagged_ids {
        let c = emu.state.conversation(id);
        assert!(c.is_some_and(|c| c.recording_state == "PAUSED" && c.secure_pause));
    }
    for id in &clean_ids {
        assert!(emu
            .state
            .conversation(id)
            .is_some_and(|c| c.recording_state == "ACTIVE"));
    }
    assert_eq!(sm_rule.num_calls(), 1, "the secret is read once");
}

#[tokio::test]
async fn missing_permission_is_reported_with_code_context_and_hint() {
    let emu = genesys().await;
    let (sm, _) = mock_secrets(&no_pause_secret());
    let app = app(sm, "genesys/oauth", &emu.url(), &[]);
    let id = seed_call(&emu);
    let report = app
        .handle(&flagged(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = &report["results"][0];
    assert_eq!(r["action"], "failed");
    assert_eq!(r["export"], "hold");
    assert_eq!(r["error"]["status"], 403);
    assert_eq!(r["error"]["code"], "missing.permissions");
    let hint = r["error"]["hint"].as_str().unwrap_or_default();
    assert!(
        hint.contains("lacks conversation:recording:pauseOthers"),
        "{hint}"
    );
    assert!(hint.contains("scopes do not apply"), "{hint}");
    let log = emu.state.requests();
    let put = log.iter().find(|l| l.method == "PUT").map(|l| l.seq);
    assert!(put.is_some());
    // The contextId in the report is the one Genesys sent.
    let context = r["error"]["contextId"].as_str().unwrap_or_default();
    assert_eq!(context.len(), 36, "{r}");
    assert_eq!(r["contextId"], r["error"]["contextId"]);
    assert!(emu
        .state
        .conversation(&id)
        .is_some_and(|c| c.recording_state == "ACTIVE"));
}

#[tokio::test]
async fn unknown_conversation_is_not_found_and_held() {
    let (_emu, app) = demo_app(&[]).await;
    let id = "11111111-2222-4333-8444-555555555555";
    let report = app
        .handle(&flagged(id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = &report["results"][0];
    assert_eq!(r["action"], "not_found");
    assert_eq!(r["export"], "hold");
    assert_eq!(r["error"]["code"], "not.found");
    assert!(r["error"]["hint"]
        .as_str()
        .is_some_and(|h| h.contains("GENESYS_REGION")));
    assert_eq!(report["summary"]["failed"], 1);
    assert_eq!(report["summary"]["hold"], 1);
}

#[tokio::test]
async fn eventbridge_attribute_event_pauses_and_failures_fail_the_invocation() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    let event = |id: &str| {
        json!({
            "version": "0", "id": format!("evt-{id}"), "detail-type": "v2.detail.events.conversation.{id}.attributes",
            "source": "aws.partner/genesys.com/cloud/5a1e3c2b-1111-4222-8333-944455556666/pii-pause",
            "account": "123456789012", "time": "2026-11-20T10:15:30Z", "region": "eu-west-1", "resources": [],
            "detail": {"topicName": format!("v2.detail.events.conversation.{id}.attributes"), "version": "2",
                       "eventBody": {"eventTime": 1_795_169_729_900u64, "conversationId": id, "participantId": "p",
                                     "attributes": {"PII_Detected": "yes"}}}
        })
    };
    let report = app
        .handle(&event(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["source"], "genesys");
    assert_eq!(report["eventId"], format!("evt-{id}"));
    assert_eq!(report["results"][0]["action"], "paused");
    assert_eq!(
        report["results"][0]["findings"][0]["field"],
        "attributes.PII_Detected"
    );
    assert!(report["results"][0]["timeToPauseMs"].as_u64().is_some());

    // The same delivery again (at-least-once, same event id): answered from memory, no call.
    let before = emu.state.requests().len();
    let again = app
        .handle(&event(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(again["repeatedDelivery"], true, "{again}");
    assert_eq!(again["results"][0]["action"], "paused");
    assert_eq!(again["results"][0]["export"], "redact");
    assert_eq!(emu.state.requests().len(), before);

    // An asynchronous event whose pause fails is an error, so Lambda retries and dead-letters it.
    let err = app
        .handle(&event("11111111-2222-4333-8444-555555555555"), &invoke())
        .await
        .err();
    let err = err.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(err.error_type(), "PauseFailed");
    assert!(err.to_string().contains("not.found"), "{err}");
}

#[tokio::test]
async fn dry_run_changes_nothing_and_says_so() {
    let emu = genesys().await;
    let (sm, _) = mock_secrets(&demo_secret());
    let app = app(
        sm,
        "genesys/oauth",
        &emu.url(),
        &[("PII_PAUSE_MODE", "dry-run")],
    );
    let id = seed_call(&emu);
    let report = app
        .handle(
            &json!({"conversations": [flagged(&id), clean(&seed_call(&emu))]}),
            &invoke(),
        )
        .await;
    let report = report.unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["mode"], "dry-run");
    assert_eq!(report["results"][0]["action"], "dry_run");
    assert_eq!(report["results"][0]["export"], "hold");
    assert_eq!(report["results"][1]["action"], "none");
    assert!(emu.state.requests().is_empty());
}

#[tokio::test]
async fn resume_on_clear_sets_active_only_when_enabled() {
    let emu = genesys().await;
    let (sm, _) = mock_secrets(&demo_secret());
    let id = seed_call(&emu);
    let cleared =
        json!({"conversationId": id, "participants": [{"attributes": {"PII_Detected": "false"}}]});
    let off = app(sm.clone(), "genesys/oauth", &emu.url(), &[]);
    let report = off
        .handle(&flagged(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused");
    let report = off
        .handle(&cleared, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "none");
    assert!(emu
        .state
        .conversation(&id)
        .is_some_and(|c| c.recording_state == "PAUSED"));

    let on = app(
        sm,
        "genesys/oauth",
        &emu.url(),
        &[("RESUME_ON_CLEAR", "true")],
    );
    let report = on
        .handle(&cleared, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "resumed");
    assert_eq!(report["results"][0]["export"], "allow");
    let last = emu.state.requests().into_iter().last();
    assert_eq!(
        last.map(|l| l.body),
        Some(r#"{"recordingState":"ACTIVE"}"#.to_string())
    );
    assert!(emu
        .state
        .conversation(&id)
        .is_some_and(|c| c.recording_state == "ACTIVE" && !c.secure_pause));
}

#[tokio::test]
async fn unknown_media_type_uses_the_generic_patch() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    let mut record = flagged(&id);
    record["mediaType"] = json!("workitem");
    let report = app
        .handle(&record, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused");
    let log = emu.state.requests();
    let call = log.iter().find(|l| l.path.ends_with("recordingstate"));
    assert_eq!(
        call.map(|c| (c.method.as_str(), c.path.clone(), c.status)),
        Some((
            "PATCH",
            format!("/api/v2/conversations/{id}/recordingstate"),
            202
        ))
    );
}

#[tokio::test]
async fn expired_token_is_refreshed_once() {
    let (emu, app) = demo_app(&[]).await;
    let first = seed_call(&emu);
    app.handle(&flagged(&first), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    emu.state.expire_tokens();
    let second = seed_call(&emu);
    let report = app
        .handle(&flagged(&second), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused");
    let statuses: Vec<(String, u16)> = emu
        .state
        .requests()
        .iter()
        .map(|r| (r.method.clone(), r.status))
        .collect();
    assert_eq!(
        statuses,
        vec![
            ("POST".into(), 200),
            ("PUT".into(), 200),
            ("PUT".into(), 401),
            ("POST".into(), 200),
            ("PUT".into(), 200)
        ]
    );
}

#[tokio::test]
async fn rate_limit_honours_retry_after() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    emu.state.add_fault(Fault {
        path: Some("/recordingstate".into()),
        status: Some(429),
        retry_after: Some(1),
        times: Some(1),
        ..Fault::default()
    });
    let started = std::time::Instant::now();
    let report = app
        .handle(&flagged(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "paused");
    assert!(
        started.elapsed() >= std::time::Duration::from_millis(950),
        "waited {:?}",
        started.elapsed()
    );
    let puts: Vec<u16> = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.method == "PUT")
        .map(|r| r.status)
        .collect();
    assert_eq!(puts, vec![429, 200]);
}

#[tokio::test]
async fn sqs_reports_exactly_the_failed_messages() {
    let (emu, app) = demo_app(&[]).await;
    let ok = seed_call(&emu);
    let body = |v: Value| v.to_string();
    let payload = json!({"Records": [
        {"messageId": "m-ok", "eventSource": "aws:sqs", "body": body(flagged(&ok))},
        {"messageId": "m-404", "eventSource": "aws:sqs", "body": body(flagged("11111111-2222-4333-8444-555555555555"))},
        {"messageId": "m-bad", "eventSource": "aws:sqs", "body": "not json"},
        {"messageId": "m-clean", "eventSource": "aws:sqs", "body": body(clean(&seed_call(&emu)))}
    ]});
    let answer = app
        .handle(&payload, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        answer,
        json!({"batchItemFailures": [{"itemIdentifier": "m-bad"}, {"itemIdentifier": "m-404"}]})
    );
    assert!(emu
        .state
        .conversation(&ok)
        .is_some_and(|c| c.recording_state == "PAUSED"));

    let all_bad = json!({"Records": [{"messageId": "x", "eventSource": "aws:sqs", "body": "{}"}]});
    let err = app
        .handle(&all_bad, &invoke())
        .await
        .err()
        .map(|e| e.error_type());
    assert_eq!(err, Some("BatchFailed"));
}

#[tokio::test]
async fn emits_one_emf_line_per_invocation() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    app.handle(
        &json!({"conversations": [flagged(&id), clean(&seed_call(&emu))]}),
        &invoke(),
    )
    .await
    .unwrap_or_else(|e| panic!("{e}"));
    let lines = app.metrics.lines();
    assert_eq!(lines.len(), 1);
    let doc: Value = serde_json::from_str(&lines[0]).unwrap_or_else(|e| panic!("{e}"));
    let directive = &doc["_aws"]["CloudWatchMetrics"][0];
    assert_eq!(directive["Namespace"], "PiiPause");
    assert_eq!(directive["Dimensions"], json!([["service"]]));
    for m in directive["Metrics"].as_array().into_iter().flatten() {
        let name = m["Name"].as_str().unwrap_or_default();
        assert!(
            doc.get(name).is_some(),
            "metric {name} has no top-level value"
        );
    }
    assert_eq!(doc["service"], "pii-pause");
    assert_eq!(doc["ConversationsScanned"], 2.0);
    assert_eq!(doc["Paused"], 1.0);
    assert!(doc["_aws"]["Timestamp"].as_u64().is_some());
}

#[tokio::test]
async fn invalid_events_are_rejected_with_the_accepted_shapes() {
    let (emu, app) = demo_app(&[]).await;
    let err = app
        .handle(&json!({"hello": "world"}), &invoke())
        .await
        .err();
    let err = err.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(err.error_type(), "InvalidEvent");
    assert!(err.to_string().contains("accepted shapes"));
    assert!(emu.state.requests().is_empty());
}

#[tokio::test]
async fn conversation_ids_that_are_not_uuids_never_reach_a_url() {
    let (emu, app) = demo_app(&[]).await;
    let report = app
        .handle(&flagged("../../api/v2/users/me"), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "failed");
    assert_eq!(
        report["results"][0]["error"]["code"],
        "invalid.conversation_id"
    );
    assert_eq!(report["results"][0]["export"], "hold");
    assert!(emu.state.requests().is_empty());
}

fn customer_start(id: &str) -> Value {
    let text = std::fs::read_to_string(repo().join("events/genesys-customer-start.json"))
        .unwrap_or_default();
    let text = text.replace("7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b", id);
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{e}"))
}

#[tokio::test]
async fn other_conversation_topics_fetch_the_conversation_and_scan_it() {
    let (emu, app) = demo_app(&[]).await;
    let id = "7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b";
    let report = app
        .handle(&customer_start(id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    let r = &report["results"][0];
    assert_eq!(r["action"], "paused", "{r}");
    assert_eq!(
        r["findings"],
        json!([{"kind": "FLAG", "field": "participants[0].attributes.PII_Detected"}])
    );
    let calls: Vec<(String, String)> = emu
        .state
        .requests()
        .iter()
        .map(|l| (l.method.clone(), l.path.clone()))
        .collect();
    assert_eq!(
        calls,
        vec![
            ("POST".to_string(), "/oauth/token".to_string()),
            ("GET".to_string(), format!("/api/v2/conversations/{id}")),
            (
                "PUT".to_string(),
                format!("/api/v2/conversations/calls/{id}/recordingstate")
            ),
        ]
    );

    // A fresh container that finds the recording already securely paused in Genesys makes no PUT.
    let (sm, _) = mock_secrets(&demo_secret());
    let fresh = support::app(sm, "genesys/oauth", &emu.url(), &[]);
    emu.state.clear_requests();
    let report = fresh
        .handle(&customer_start(id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "already_paused");
    assert!(emu.state.requests().iter().all(|l| l.method != "PUT"));

    // Fetching can be switched off: the event body alone is scanned.
    let (sm, _) = mock_secrets(&demo_secret());
    let off = support::app(
        sm,
        "genesys/oauth",
        &emu.url(),
        &[("GENESYS_FETCH_CONVERSATION", "false")],
    );
    let report = off
        .handle(&customer_start(id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "none");
}

#[tokio::test]
async fn a_conversation_that_cannot_be_read_is_held() {
    let (emu, app) = demo_app(&[]).await;
    revoke_conversation_view(&emu);
    let err = app
        .handle(
            &customer_start("7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b"),
            &invoke(),
        )
        .await
        .err();
    let message = err.map(|e| e.to_string()).unwrap_or_default();
    assert!(message.contains("missing.permissions"), "{message}");
    assert!(
        message.contains("conversation:communication:view"),
        "{message}"
    );
}

#[tokio::test]
async fn in_an_sqs_batch_only_events_without_participant_data_fetch() {
    let (emu, app) = demo_app(&[]).await;
    revoke_conversation_view(&emu);
    let direct = seed_call(&emu);
    let payload = json!({"Records": [
        {"messageId": "start", "eventSource": "aws:sqs", "body": customer_start("7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b").to_string()},
        {"messageId": "direct", "eventSource": "aws:sqs", "body": flagged(&direct).to_string()}
    ]});
    let answer = app
        .handle(&payload, &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        answer,
        json!({"batchItemFailures": [{"itemIdentifier": "start"}]})
    );
    let gets: Vec<String> = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.method == "GET")
        .map(|r| r.path.clone())
        .collect();
    assert_eq!(
        gets,
        vec!["/api/v2/conversations/7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b".to_string()]
    );
    assert!(emu
        .state
        .conversation(&direct)
        .is_some_and(|c| c.recording_state == "PAUSED"));
}

/// Takes `conversation:communication:view` from the demo client's role.
fn revoke_conversation_view(emu: &pii_pause_emulators::genesys::RunningEmulator) {
    let mut client = pii_pause_emulators::genesys::OrgSeed::demo()
        .clients
        .remove(0);
    client.roles[0]
        .permissions
        .retain(|p| p != "conversation:communication:view");
    emu.state.put_client(client);
}

#[tokio::test]
async fn a_conflict_on_an_already_paused_recording_is_success() {
    let (emu, app) = demo_app(&[]).await;
    let id = seed_call(&emu);
    if let Some(mut c) = emu.state.conversation(&id) {
        c.recording_state = "PAUSED".into();
        c.secure_pause = true;
        emu.state.put_conversation(c);
    }
    emu.state.add_fault(Fault {
        path: Some("/recordingstate".into()),
        status: Some(409),
        code: Some("conflict".into()),
        times: Some(1),
        ..Fault::default()
    });
    let report = app
        .handle(&flagged(&id), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "already_paused", "{report}");
    assert_eq!(report["results"][0]["export"], "redact");
    let calls: Vec<(String, u16)> = emu
        .state
        .requests()
        .iter()
        .filter(|r| !r.is_token_request())
        .map(|r| (r.method.clone(), r.status))
        .collect();
    assert_eq!(
        calls,
        vec![("PUT".to_string(), 409), ("GET".to_string(), 200)]
    );

    // The same conflict on a recording that is not paused stays a failure.
    let other = seed_call(&emu);
    emu.state.add_fault(Fault {
        path: Some("/recordingstate".into()),
        status: Some(409),
        times: Some(1),
        ..Fault::default()
    });
    let report = app
        .handle(&flagged(&other), &invoke())
        .await
        .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(report["results"][0]["action"], "failed");
    assert_eq!(report["results"][0]["export"], "hold");
}

//! The release `bootstrap` under the real AWS Lambda Runtime Interface Emulator (shipped in aws-sam-cli),
//! with Secrets Manager on moto and Genesys and NICE CXone on the emulators.

mod support;

use serde_json::{json, Value};
use support::lambda::{function_env, Lambda};
use support::*;

async fn secret_in_moto(moto: &Moto) -> String {
    let secret = secret_name("rie");
    moto.client()
        .create_secret()
        .name(&secret)
        .secret_string(demo_secret())
        .send()
        .await
        .unwrap_or_else(|e| panic!("create_secret: {e:?}"));
    secret
}

/// A PII event yields a pause and the report; a second invocation in the same warm process makes no token
/// request and no Secrets Manager call; nothing secret reaches the function's output.
#[tokio::test]
async fn warm_invocations_make_one_upstream_call() {
    let moto = Moto::start().await;
    let secret = secret_in_moto(&moto).await;
    let secrets_proxy = CountingProxy::start(&moto.url).await;
    let emu = genesys().await;
    let (first, second) = (seed_call(&emu), seed_call(&emu));
    let lambda = Lambda::start(&function_env(&secrets_proxy.url, &secret, &emu.url()));

    let (report, cold) = lambda.invoke(&flagged(&first)).await;
    assert_eq!(
        report["results"][0]["conversationId"],
        first.as_str(),
        "{report}"
    );
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    assert_eq!(report["results"][0]["export"], "redact");
    assert_eq!(
        report["results"][0]["findings"],
        json!([{"kind": "FLAG", "field": "participants[0].attributes.PII_Detected"}])
    );
    assert!(emu
        .state
        .conversation(&first)
        .is_some_and(|c| c.recording_state == "PAUSED"));
    let after_cold = emu.state.requests();
    assert_eq!(
        after_cold.iter().filter(|r| r.is_token_request()).count(),
        1
    );
    assert_eq!(after_cold.iter().filter(|r| r.method == "PUT").count(), 1);
    assert_eq!(secrets_proxy.requests(), 1);

    let (report, warm) = lambda.invoke(&flagged(&second)).await;
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    let after_warm = emu.state.requests();
    let new: Vec<_> = after_warm[after_cold.len()..]
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    assert_eq!(
        new,
        vec![(
            "PUT".to_string(),
            format!("/api/v2/conversations/calls/{second}/recordingstate")
        )]
    );
    assert_eq!(
        secrets_proxy.requests(),
        1,
        "no Secrets Manager call when warm"
    );

    let (bad, _) = lambda.invoke(&json!({"hello": "world"})).await;
    assert_eq!(bad["errorType"], "InvalidEvent", "{bad}");

    let output = lambda.stop();
    let decided: Vec<Value> = output
        .lines()
        .filter(|l| l.contains("conversation decided"))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert_eq!(
        decided.len(),
        2,
        "one JSON log line per decided conversation: {output}"
    );
    for line in &decided {
        let text = line.to_string();
        assert!(text.contains("requestId"), "no request id: {text}");
        assert!(
            text.contains(&first) || text.contains(&second),
            "no conversation id: {text}"
        );
    }
    let emf: Vec<Value> = output
        .lines()
        .filter(|l| l.contains("\"_aws\""))
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    assert!(emf.len() >= 2, "one EMF line per invocation: {output}");
    assert_eq!(
        emf[0]["_aws"]["CloudWatchMetrics"][0]["Namespace"],
        "PiiPause"
    );
    assert!(
        !output.contains(pii_pause_emulators::genesys::model::DEMO_CLIENT_SECRET),
        "the client secret reached a log"
    );
    assert!(!output.contains("Bearer "), "a token reached a log");
    eprintln!("runtime emulator: cold invocation {cold:?}, warm invocation {warm:?}");
}

/// What each sample event must produce, in this order, in one warm function against the demo org.
enum Expect {
    /// `(conversationId, action, export)` per result, and a finding `(kind, field)` that must be present.
    Results(
        &'static [(&'static str, &'static str, &'static str)],
        &'static [(&'static str, &'static str)],
    ),
    BatchFailures(&'static [&'static str]),
    Error(&'static str),
    /// A Function URL response: its status, and its body's results as in `Results`.
    Https(
        u64,
        &'static [(&'static str, &'static str, &'static str)],
        &'static [(&'static str, &'static str)],
    ),
}

const TABLE: &[(&str, Expect)] = &[
    (
        "genesys-attributes-pii-flag.json",
        Expect::Results(
            &[("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e", "paused", "redact")],
            &[("FLAG", "attributes.PII_Detected")],
        ),
    ),
    (
        "genesys-attributes-clean.json",
        Expect::Results(
            &[("6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6", "none", "allow")],
            &[],
        ),
    ),
    (
        "genesys-customer-start.json",
        Expect::Results(
            &[("7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b", "paused", "redact")],
            &[("FLAG", "participants[0].attributes.PII_Detected")],
        ),
    ),
    (
        "genesys-transcription.json",
        Expect::Results(
            &[("5ca1ab1e-4d3c-4b2a-9f8e-7d6c5b4a3f2e", "paused", "redact")],
            &[("CREDIT_CARD", "transcripts[0].alternatives[0].transcript")],
        ),
    ),
    (
        "direct-record.json",
        Expect::Results(
            &[("b16b00b5-aaaa-4bbb-8ccc-dddddddddddd", "paused", "redact")],
            &[
                ("PHONE", "participants[0].attributes.callbackNumber"),
                ("EMAIL", "participants[0].attributes.customerEmail"),
            ],
        ),
    ),
    (
        "direct-batch.json",
        Expect::Results(
            &[
                ("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "paused", "redact"),
                ("c0ffee00-1234-4abc-9def-0123456789ab", "paused", "redact"),
                ("6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6", "none", "allow"),
                // Genesys does not know this conversation: its PII cannot be paused, so it is held.
                ("dead10cc-0000-4000-8000-00000000beef", "not_found", "hold"),
            ],
            &[
                ("US_SSN", "participants[0].attributes.customerSsn"),
                ("CREDIT_CARD", "participants[0].attributes.cardNumber"),
                ("FLAG", "participants[0].attributes.PII_Detected"),
            ],
        ),
    ),
    (
        "etl-eventbridge.json",
        Expect::Results(
            // Paused by the first sample already: a new event is paused again, confirmed by Genesys now.
            &[("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e", "paused", "redact")],
            &[],
        ),
    ),
    (
        "etl-analytics-telephony.json",
        // Every call carries ANI and DNIS: listed for redaction, never a reason to pause.
        Expect::Results(
            &[("6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6", "none", "redact")],
            &[],
        ),
    ),
    (
        "connect-contact-data-updated.json",
        Expect::Results(
            &[("8e1c2f4a-6b3d-4c5e-9f70-1a2b3c4d5e6f", "paused", "redact")],
            &[("CREDIT_CARD", "attributes.cardNumber")],
        ),
    ),
    (
        "connect-contact-lens-rule.json",
        Expect::Results(
            &[("3b9d7e21-0c4f-4a8b-b6d5-7e8f9a0b1c2d", "paused", "redact")],
            &[("FLAG", "contactLens.actionName")],
        ),
    ),
    ("sqs-batch.json", Expect::BatchFailures(&[])),
    (
        "cxone-function-url.json",
        Expect::Https(
            200,
            &[("584893020", "paused", "redact")],
            &[("CREDIT_CARD", "participants[0].attributes.cardNumber")],
        ),
    ),
    ("unknown-shape.json", Expect::Error("InvalidEvent")),
];

#[tokio::test]
async fn every_sample_event_produces_its_expected_outcome() {
    let moto = Moto::start().await;
    let secret = secret_in_moto(&moto).await;
    let emu = genesys().await;
    let connect = connect_emulator().await;
    let mut env = function_env(&moto.url, &secret, &emu.url());
    env.push(("AWS_ENDPOINT_URL_CONNECT", connect.url()));
    env.push((
        "CONNECT_INSTANCE_IDS",
        pii_pause_emulators::connect::DEMO_INSTANCE.into(),
    ));
    let cxone_emu = cxone::emulator().await;
    env.extend(cxone::secrets_in_moto(&moto, &cxone_emu.url()).await);
    let lambda = Lambda::start(&env);
    let mut files: Vec<String> = std::fs::read_dir(repo().join("events"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    files.sort();
    let mut listed: Vec<String> = TABLE.iter().map(|(f, _)| f.to_string()).collect();
    listed.sort();
    assert_eq!(
        files, listed,
        "every file in events/ needs a row in the table"
    );

    for (file, expect) in TABLE {
        let event: Value = serde_json::from_str(
            &std::fs::read_to_string(repo().join("events").join(file)).unwrap_or_default(),
        )
        .unwrap_or_else(|e| panic!("{file}: {e}"));
        let (answer, _) = lambda.invoke(&event).await;
        let (answer, rows_findings) = match expect {
            Expect::Https(status, rows, findings) => {
                let (code, body) = cxone::http_answer(&answer);
                assert_eq!(code, *status, "{file}: {answer}");
                (body, Some((rows, findings)))
            }
            Expect::Results(rows, findings) => (answer, Some((rows, findings))),
            _ => (answer, None),
        };
        if let Some((rows, findings)) = rows_findings {
            let results = answer["results"]
                .as_array()
                .unwrap_or_else(|| panic!("{file}: no results: {answer}"));
            assert_eq!(results.len(), rows.len(), "{file}: {answer}");
            for (r, (id, action, export)) in results.iter().zip(rows.iter()) {
                assert_eq!(
                    (
                        r["conversationId"].as_str(),
                        r["action"].as_str(),
                        r["export"].as_str()
                    ),
                    (Some(*id), Some(*action), Some(*export)),
                    "{file}: {r}"
                );
            }
            for (kind, field) in *findings {
                let found = results.iter().any(|r| {
                    r["findings"]
                        .as_array()
                        .into_iter()
                        .flatten()
                        .any(|f| f["kind"] == *kind && f["field"] == *field)
                });
                assert!(found, "{file}: expected {kind} at {field}: {answer}");
            }
        }
        match expect {
            Expect::BatchFailures(ids) => {
                let failed: Vec<&str> = answer["batchItemFailures"]
                    .as_array()
                    .unwrap_or_else(|| panic!("{file}: {answer}"))
                    .iter()
                    .filter_map(|f| f["itemIdentifier"].as_str())
                    .collect();
                assert_eq!(failed, ids.to_vec(), "{file}");
            }
            Expect::Error(kind) => assert_eq!(answer["errorType"], *kind, "{file}: {answer}"),
            Expect::Results(..) | Expect::Https(..) => {}
        }
    }
    let log = emu.state.requests();
    assert!(log.iter().any(|r| r.method == "PUT"
        && r.path
            == "/api/v2/conversations/emails/c0ffee00-1234-4abc-9def-0123456789ab/recordingstate"));
    assert!(cxone_emu
        .state
        .contact(cxone::DEMO_CONTACT)
        .is_some_and(|c| c.masked));

    // Connect: exactly the calls each event needs, with the three ids, signed for `connect` with the role.
    let connect_log = connect.state.requests();
    let calls: Vec<(String, String)> = connect_log
        .iter()
        .map(|r| (r.method.clone(), r.path.clone()))
        .collect();
    let instance = pii_pause_emulators::connect::DEMO_INSTANCE;
    assert_eq!(
        calls,
        vec![
            (
                "GET".to_string(),
                format!("/contact/attributes/{instance}/8e1c2f4a-6b3d-4c5e-9f70-1a2b3c4d5e6f")
            ),
            ("POST".to_string(), "/contact/suspend-recording".to_string()),
            (
                "GET".to_string(),
                format!("/contacts/{instance}/3b9d7e21-0c4f-4a8b-b6d5-7e8f9a0b1c2d")
            ),
            ("POST".to_string(), "/contact/suspend-recording".to_string()),
        ]
    );
    let suspends: Vec<Value> = connect_log
        .iter()
        .filter(|r| r.method == "POST")
        .map(|r| serde_json::from_str(&r.body).unwrap_or(Value::Null))
        .collect();
    assert_eq!(
        suspends[0],
        json!({"InstanceId": instance, "ContactId": "8e1c2f4a-6b3d-4c5e-9f70-1a2b3c4d5e6f",
               "InitialContactId": "8e1c2f4a-6b3d-4c5e-9f70-1a2b3c4d5e6f"})
    );
    assert_eq!(
        suspends[1]["ContactId"],
        "3b9d7e21-0c4f-4a8b-b6d5-7e8f9a0b1c2d"
    );
    assert!(connect_log.iter().all(|r| r
        .authorization
        .as_deref()
        .is_some_and(|a| a.starts_with("AWS4-HMAC-SHA256 Credential=test/")
            && a.contains("/us-east-1/connect/aws4_request"))));
    let _ = lambda.stop();
}

fn card_record(id: &str) -> Value {
    json!({"conversationId": id, "mediaType": "call", "participants": [
        {"participantId": "p-1", "purpose": "customer", "attributes": {"cardNumber": "4539 1488 0343 6467"}}]})
}

fn attribute_event(event_id: &str, id: &str) -> Value {
    json!({"version": "0", "id": event_id, "detail-type": "v2.detail.events.conversation.{id}.attributes",
        "source": "aws.partner/genesys.com/cloud/5a1e3c2b-1111-4222-8333-944455556666/pii-pause",
        "account": "123456789012", "time": "2026-11-20T10:15:30Z", "region": "eu-west-1", "resources": [],
        "detail": {"topicName": format!("v2.detail.events.conversation.{id}.attributes"), "version": "2",
                   "eventBody": {"conversationId": id, "participantId": "p-1",
                                 "attributes": {"cardNumber": "4539 1488 0343 6467"}}}})
}

fn sqs_event(messages: &[(&str, Value)]) -> Value {
    let records: Vec<Value> = messages
        .iter()
        .map(|(id, body)| json!({"messageId": id, "receiptHandle": "r", "body": body.to_string(),
            "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:eu-west-1:123456789012:buffer", "awsRegion": "eu-west-1"}))
        .collect();
    json!({ "Records": records })
}

/// The three stories of truthful decisions, through the release bootstrap under the runtime emulator with the
/// ledger in moto: a recording resumed by someone else is paused again by the next PII event (directly, from
/// EventBridge and through SQS), a pause gives `redact` with the fields and the pause instant, and a conversation
/// Genesys does not know is held in the ledger where the export pipeline reads it.
#[tokio::test]
async fn truthful_decisions_under_the_runtime_emulator() {
    let moto = Moto::start().await;
    let secret = secret_in_moto(&moto).await;
    let (table, _) = ledger_table(&moto, "rie").await;
    let ledger = ledger_on(&moto, &table);
    let emu = genesys().await;
    let mut env = function_env(&moto.url, &secret, &emu.url());
    env.push(("PII_PAUSE_LEDGER_TABLE", table.clone()));
    env.push(("AWS_ENDPOINT_URL_DYNAMODB", moto.url.clone()));
    let lambda = Lambda::start(&env);
    let puts = |id: &str| {
        emu.state
            .requests()
            .iter()
            .filter(|r| r.method == "PUT" && r.path.contains(id))
            .count()
    };
    let paused = |id: &str| {
        emu.state
            .conversation(id)
            .is_some_and(|c| c.recording_state == "PAUSED" && c.secure_pause)
    };

    // 1. A card number in an attribute: paused, redact with the field and the instant of the pause.
    let id = seed_call(&emu);
    let (report, _) = lambda.invoke(&card_record(&id)).await;
    let r = &report["results"][0];
    assert_eq!(
        (r["action"].as_str(), r["export"].as_str()),
        (Some("paused"), Some("redact")),
        "{report}"
    );
    assert_eq!(
        r["redact"]["fields"],
        json!(["participants[0].attributes.cardNumber"])
    );
    let item = ledger
        .get(&id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(item.export, pii_pause::report::Export::Redact);
    assert_eq!(
        r["redact"]["recordingUntil"].as_str(),
        item.recording_until.as_deref()
    );
    assert_eq!(item.kinds, vec!["CREDIT_CARD"]);

    // 2. Someone resumes the recording; the next PII event (from EventBridge) pauses it again with a PUT.
    emu.state.set_recording_out_of_band(&id, "ACTIVE", false);
    let event = attribute_event("evt-rie-1", &id);
    let (report, _) = lambda.invoke(&event).await;
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    assert_eq!(puts(&id), 2);
    assert!(paused(&id));
    // The same delivery again is answered from memory.
    let (again, _) = lambda.invoke(&event).await;
    assert_eq!(again["repeatedDelivery"], true, "{again}");
    assert_eq!(puts(&id), 2);

    // 3. The same through SQS: a new message pauses again; the same message again makes no call.
    emu.state.set_recording_out_of_band(&id, "ACTIVE", false);
    let (answer, _) = lambda
        .invoke(&sqs_event(&[("m-rie-1", card_record(&id))]))
        .await;
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(puts(&id), 3);
    assert!(paused(&id));
    emu.state.set_recording_out_of_band(&id, "ACTIVE", false);
    let (answer, _) = lambda
        .invoke(&sqs_event(&[("m-rie-1", card_record(&id))]))
        .await;
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(puts(&id), 3, "a repeated delivery is answered from memory");
    let (answer, _) = lambda
        .invoke(&sqs_event(&[("m-rie-2", card_record(&id))]))
        .await;
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(puts(&id), 4);
    assert!(paused(&id));
    let item = ledger
        .get(&id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(
        (item.export, item.events),
        (pii_pause::report::Export::Redact, 4)
    );

    // 4. A conversation Genesys does not know, through SQS: the message fails and the ledger holds it.
    let unknown = "11111111-2222-4333-8444-555555555555";
    let (answer, _) = lambda
        .invoke(&sqs_event(&[
            ("m-rie-3", card_record(&seed_call(&emu))),
            ("m-rie-404", card_record(unknown)),
        ]))
        .await;
    assert_eq!(
        answer,
        json!({"batchItemFailures": [{"itemIdentifier": "m-rie-404"}]})
    );
    let item = ledger
        .get(unknown)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(item.export, pii_pause::report::Export::Hold);
    assert_eq!(item.action.as_deref(), Some("not_found"));

    let output = lambda.stop();
    for card in ["4539 1488 0343 6467", "4539148803436467", "0343 6467"] {
        assert!(
            !output.contains(card),
            "a card number reached the function's output"
        );
    }
}

/// A CXone Studio script's request through the Function URL, under the runtime emulator with the secrets and the
/// ledger in moto: the right bearer token ends in one confirmed mask, the report and the ledger item of every
/// platform; a wrong one gets 401 and nothing else; neither token nor CXone's credentials reach the output.
#[tokio::test]
async fn a_studio_request_through_the_function_url_under_the_runtime_emulator() {
    let moto = Moto::start().await;
    let (table, _) = ledger_table(&moto, "rie-cxone").await;
    let ledger = ledger_on(&moto, &table);
    let emu = cxone::emulator().await;
    let mut env = vec![
        ("AWS_REGION", "us-east-1".to_string()),
        ("AWS_ACCESS_KEY_ID", "test".into()),
        ("AWS_SECRET_ACCESS_KEY", "test".into()),
        ("AWS_EC2_METADATA_DISABLED", "true".into()),
        ("AWS_ENDPOINT_URL_SECRETS_MANAGER", moto.url.clone()),
        ("AWS_ENDPOINT_URL_DYNAMODB", moto.url.clone()),
        ("PII_PAUSE_LEDGER_TABLE", table.clone()),
        ("AWS_LAMBDA_LOG_FORMAT", "JSON".into()),
    ];
    env.extend(cxone::secrets_in_moto(&moto, &emu.url()).await);
    let lambda = Lambda::start(&env);

    let body = cxone::card_record(cxone::DEMO_CONTACT, None);
    let wrong = "wrong-token-0123456789-abcdef";
    let (answer, _) = lambda
        .invoke(&cxone::function_url(
            &body,
            &[("authorization", &format!("Bearer {wrong}"))],
        ))
        .await;
    assert_eq!(
        cxone::http_answer(&answer),
        (401, json!({"message": "Unauthorized"})),
        "{answer}"
    );
    assert!(emu.state.requests().is_empty());

    let request = cxone::function_url(
        &body,
        &[("authorization", &format!("Bearer {}", cxone::WEBHOOK_TOKEN))],
    );
    let (answer, _) = lambda.invoke(&request).await;
    let (status, report) = cxone::http_answer(&answer);
    assert_eq!(status, 200, "{answer}");
    let r = &report["results"][0];
    assert_eq!(
        (
            r["platform"].as_str(),
            r["action"].as_str(),
            r["export"].as_str()
        ),
        (Some("cxone"), Some("paused"), Some("redact")),
        "{report}"
    );
    let masks = emu
        .state
        .requests()
        .iter()
        .filter(|r| r.path.ends_with("/mask"))
        .count();
    assert_eq!(masks, 1);
    assert!(emu
        .state
        .contact(cxone::DEMO_CONTACT)
        .is_some_and(|c| c.masked));
    let item = ledger
        .get(cxone::DEMO_CONTACT)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(
        (item.platform.as_deref(), item.export, item.kinds.clone()),
        (
            Some("cxone"),
            pii_pause::report::Export::Redact,
            vec!["CREDIT_CARD".to_string()]
        )
    );

    let output = lambda.stop();
    assert!(output.contains("HTTPS request refused"), "{output}");
    for secret in [
        cxone::WEBHOOK_TOKEN,
        wrong,
        pii_pause_emulators::cxone::model::DEMO_ACCESS_KEY_SECRET,
        pii_pause_emulators::cxone::model::DEMO_CLIENT_SECRET,
        "4539 1488 0343 6467",
    ] {
        assert!(!output.contains(secret), "`{secret}` reached the output");
    }
}

/// A transcription event with one final utterance spoken from `from_ms` (epoch) for `duration_ms`.
fn utterance_event(
    id: &str,
    n: u32,
    agent: bool,
    text: &str,
    from_ms: u64,
    duration_ms: u64,
) -> Value {
    json!({"version": "0", "id": format!("rie-{id}-{n}"), "detail-type": "v2.conversations.{id}.transcription",
        "source": "aws.partner/genesys.com/cloud/o/pii-pause",
        "time": pii_pause::time::iso8601_ms(from_ms + duration_ms),
        "detail": {"eventBody": {"conversationId": id, "transcriptionStartTimeMs": from_ms - 60_000,
            "transcripts": [{"isFinal": true, "channel": if agent { "INTERNAL" } else { "EXTERNAL" },
                "alternatives": [{"offsetMs": 60_000, "durationMs": duration_ms, "transcript": text}]}]}}})
}

#[tokio::test]
async fn the_preemptive_pause_and_its_resumes_under_the_runtime_emulator() {
    let moto = Moto::start().await;
    let secret = secret_in_moto(&moto).await;
    let (table, _) = ledger_table(&moto, "rie-pre").await;
    let ledger = ledger_on(&moto, &table);
    let aws = aws_config_for(&moto.url).await;
    let sqs = aws_sdk_sqs::Client::new(&aws);
    let queue = sqs
        .create_queue()
        .queue_name(format!("pii-pause-resume-{}", fastrand::u32(..)))
        .send()
        .await
        .unwrap_or_else(|e| panic!("CreateQueue: {e}"))
        .queue_url()
        .unwrap_or_default()
        .to_string();
    let emu = genesys().await;
    let mut env = function_env(&moto.url, &secret, &emu.url());
    env.extend([
        ("PII_PAUSE_LEDGER_TABLE", table.clone()),
        ("AWS_ENDPOINT_URL_DYNAMODB", moto.url.clone()),
        ("AWS_ENDPOINT_URL_SQS", moto.url.clone()),
        ("PREEMPTIVE_RESUME", "true".into()),
        ("PREEMPTIVE_RESUME_AFTER_SECONDS", "1".into()),
        ("PII_PAUSE_RESUME_QUEUE_URL", queue.clone()),
    ]);
    let lambda = Lambda::start(&env);
    let changes = |id: &str| -> Vec<String> {
        emu.state
            .requests()
            .iter()
            .filter(|r| r.method == "PUT" && r.status == 200 && r.path.contains(id))
            .map(|r| {
                serde_json::from_str::<Value>(&r.body).unwrap_or_default()["recordingState"]
                    .to_string()
            })
            .collect()
    };
    let now = pii_pause::time::now_ms;

    // 1. The agent asks for the card number: paused before the answer.
    let id = seed_call(&emu);
    let ask = "thanks, could I take the long number on your card please";
    let (report, _) = lambda
        .invoke(&utterance_event(&id, 1, true, ask, now() - 3_000, 2_800))
        .await;
    let r = &report["results"][0];
    assert_eq!(
        (r["action"].as_str(), r["export"].as_str()),
        (Some("paused"), Some("allow")),
        "{report}"
    );
    // 2. The answer: already paused, confirmed by a read, and the decision says the pause came first.
    let (report, _) = lambda
        .invoke(&utterance_event(
            &id,
            2,
            false,
            "yes it is 4539 1488 0343 6467",
            now() + 20,
            4_000,
        ))
        .await;
    let r = &report["results"][0];
    assert_eq!(r["action"], "already_paused", "{report}");
    assert_eq!(r["pausePrecededPii"], true, "{report}");
    assert_eq!(r["export"], "redact");
    let item = ledger
        .get(&id)
        .await
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no ledger item"));
    assert_eq!(item.pause_preceded_pii, Some(true));
    assert_eq!(
        r["redact"]["recordingUntil"].as_str(),
        item.recording_until.as_deref()
    );
    // 3. The agent moves on: resumed through Genesys.
    let (report, _) = lambda
        .invoke(&utterance_event(
            &id,
            3,
            true,
            "lovely, that has gone through, anything else today",
            now() + 6_000,
            3_000,
        ))
        .await;
    assert_eq!(report["results"][0]["action"], "resumed", "{report}");
    assert_eq!(changes(&id), ["\"PAUSED\"", "\"ACTIVE\""]);

    // 4. Another request met by silence: the delayed check the function sent resumes it.
    let id = seed_call(&emu);
    let (report, _) = lambda
        .invoke(&utterance_event(&id, 1, true, ask, now() - 3_000, 2_800))
        .await;
    assert_eq!(report["results"][0]["action"], "paused", "{report}");
    // The queue also holds the first call's checks: take this call's, deleting what was read.
    let mut delivered = None;
    for _ in 0..80 {
        let out = sqs
            .receive_message()
            .queue_url(&queue)
            .max_number_of_messages(10)
            .send()
            .await
            .unwrap_or_else(|e| panic!("ReceiveMessage: {e}"));
        for m in out.messages() {
            let _ = sqs
                .delete_message()
                .queue_url(&queue)
                .receipt_handle(m.receipt_handle().unwrap_or_default())
                .send()
                .await;
            let body: Value =
                serde_json::from_str(m.body().unwrap_or_default()).unwrap_or_default();
            if delivered.is_none() && body.to_string().contains(id.as_str()) {
                delivered = Some(sqs_event(&[(m.message_id().unwrap_or("m"), body)]));
            }
        }
        if delivered.is_some() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let delivered = delivered.unwrap_or_else(|| panic!("no silence check on the queue"));
    let (answer, _) = lambda.invoke(&delivered).await;
    assert_eq!(answer, json!({"batchItemFailures": []}));
    assert_eq!(changes(&id), ["\"PAUSED\"", "\"ACTIVE\""]);

    let output = lambda.stop();
    assert!(
        !output.contains("4539 1488"),
        "a card number reached the function's output"
    );
    assert!(
        !output.contains("long number"),
        "transcript text reached the function's output"
    );
}

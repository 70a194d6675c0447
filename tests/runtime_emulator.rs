//! The release `bootstrap` under the real AWS Lambda Runtime Interface Emulator (shipped in aws-sam-cli),
//! with Secrets Manager on moto and Genesys on the emulator.

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
    assert_eq!(report["results"][0]["export"], "allow");
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
        !output.contains(pii_pause::emulator::model::DEMO_CLIENT_SECRET),
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
}

const TABLE: &[(&str, Expect)] = &[
    (
        "genesys-attributes-pii-flag.json",
        Expect::Results(
            &[("2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e", "paused", "allow")],
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
            &[("7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b", "paused", "allow")],
            &[("FLAG", "participants[0].attributes.PII_Detected")],
        ),
    ),
    (
        "genesys-transcription.json",
        Expect::Results(
            &[("5ca1ab1e-4d3c-4b2a-9f8e-7d6c5b4a3f2e", "paused", "allow")],
            &[("CREDIT_CARD", "transcripts[0].alternatives[0].transcript")],
        ),
    ),
    (
        "direct-record.json",
        Expect::Results(
            &[("b16b00b5-aaaa-4bbb-8ccc-dddddddddddd", "paused", "allow")],
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
                ("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "paused", "allow"),
                ("c0ffee00-1234-4abc-9def-0123456789ab", "paused", "allow"),
                ("6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6", "none", "allow"),
            ],
            &[
                ("CREDIT_CARD", "participants[0].attributes.cardNumber"),
                ("FLAG", "participants[0].attributes.PII_Detected"),
            ],
        ),
    ),
    (
        "etl-eventbridge.json",
        Expect::Results(
            &[(
                "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e",
                "already_paused",
                "allow",
            )],
            &[],
        ),
    ),
    ("sqs-batch.json", Expect::BatchFailures(&[])),
    ("unknown-shape.json", Expect::Error("InvalidEvent")),
];

#[tokio::test]
async fn every_sample_event_produces_its_expected_outcome() {
    let moto = Moto::start().await;
    let secret = secret_in_moto(&moto).await;
    let emu = genesys().await;
    let lambda = Lambda::start(&function_env(&moto.url, &secret, &emu.url()));
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
        match expect {
            Expect::Results(rows, findings) => {
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
        }
    }
    let log = emu.state.requests();
    assert!(log.iter().any(|r| r.method == "PUT"
        && r.path
            == "/api/v2/conversations/emails/c0ffee00-1234-4abc-9def-0123456789ab/recordingstate"));
    let _ = lambda.stop();
}

use super::*;
use crate::config::Config;
use serde_json::json;

fn config(etl: Option<&str>) -> Config {
    Config::from_lookup(|k| match k {
        "PII_PAUSE_MODE" => Some("dry-run".to_string()),
        "ETL_EVENT_SOURCES" => etl.map(str::to_string),
        _ => None,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

const ID: &str = "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e";

fn genesys_attributes_event() -> Value {
    json!({
        "version": "0",
        "id": "7c2b1e9a-0000-4000-8000-000000000001",
        "detail-type": "v2.detail.events.conversation.{id}.attributes",
        "source": "aws.partner/genesys.com/cloud/5a1e3c2b-1111-4222-8333-944455556666/pii-pause",
        "account": "123456789012",
        "time": "2026-11-20T10:15:30Z",
        "region": "eu-west-1",
        "resources": [],
        "detail": {
            "topicName": format!("v2.detail.events.conversation.{ID}.attributes"),
            "version": "2",
            "timestamp": "2026-11-20T10:15:29.950Z",
            "eventBody": {
                "eventTime": 1_795_169_729_900u64,
                "conversationId": ID,
                "participantId": "0a1b2c3d-0000-4000-8000-000000000002",
                "attributes": {"PII_Detected": "true"}
            },
            "metadata": {"CorrelationId": "abc"}
        }
    })
}

#[test]
fn direct_list_and_single_record() {
    let c = config(None);
    let r = decode(
        &json!({"conversations": [{"conversationId": ID}, {"conversationId": "x", "mediaType": "email"}]}),
        &c,
    );
    let Ok(Invocation::Batch(b)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(b.source, Source::Direct);
    assert_eq!(b.records.len(), 2);
    assert_eq!(b.records[1].media_type.as_deref(), Some("email"));
    let r = decode(&json!({"conversationId": ID, "participants": []}), &c);
    assert!(
        matches!(r, Ok(Invocation::Batch(Batch { source: Source::Direct, ref records })) if records.len() == 1)
    );
}

#[test]
fn genesys_attribute_event_uses_event_body_and_event_time() {
    let r = decode(&genesys_attributes_event(), &config(None));
    let Ok(Invocation::Batch(b)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        b.source,
        Source::Genesys {
            topic: Topic::Attributes,
            event_id: Some("7c2b1e9a-0000-4000-8000-000000000001".into())
        }
    );
    assert_eq!(b.records[0].conversation_id, ID);
    assert_eq!(b.records[0].event_time_ms, Some(1_795_169_729_900));
    assert_eq!(b.records[0].body["attributes"]["PII_Detected"], "true");
}

#[test]
fn genesys_topics_are_classified() {
    let mut e = genesys_attributes_event();
    e["detail-type"] = json!("v2.detail.events.conversation.{id}.customer.start");
    assert!(matches!(
        decode_batch(&e, &config(None)),
        Ok(Batch { source: Source::Genesys { topic: Topic::Conversation(ref t), .. }, .. }) if t == "customer.start"
    ));
    e["detail-type"] = json!("v2.users.{id}.presence");
    let err = decode_batch(&e, &config(None))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("`v2.users.{id}.presence` is not one pii-pause handles"),
        "{err}"
    );
}

#[test]
fn etl_events_and_source_filter() {
    let e = json!({"detail-type": "Conversation Exported", "source": "com.acme.etl", "id": "e1",
                   "time": "2026-11-20T10:00:00Z", "detail": {"conversationId": ID}});
    let b = decode_batch(&e, &config(None));
    assert!(
        matches!(&b, Ok(Batch { source: Source::Etl { source, .. }, records }) if source == "com.acme.etl" && records[0].event_time_ms == Some(1_795_168_800_000))
    );
    let err = decode_batch(&e, &config(Some("com.acme.other")))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("`com.acme.etl` is not in ETL_EVENT_SOURCES"),
        "{err}"
    );
    let list = json!({"detail-type": "Batch", "source": "com.acme.etl", "detail": {"conversations": [{"conversationId": ID}]}});
    assert!(
        matches!(decode_batch(&list, &config(Some("com.acme.etl"))), Ok(Batch { ref records, .. }) if records.len() == 1)
    );
}

#[test]
fn unknown_shapes_list_the_accepted_ones() {
    for payload in [
        json!([1, 2]),
        json!({"hello": "world"}),
        json!("text"),
        json!(null),
    ] {
        let err = decode(&payload, &config(None))
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("accepted shapes"), "{err}");
    }
    let err = decode(
        &json!({"conversations": [{"participants": []}]}),
        &config(None),
    )
    .err()
    .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.starts_with("conversations[0]: `conversationId` is missing")));
    let err = decode(
        &json!({"conversations": {"conversationId": ID}}),
        &config(None),
    );
    assert!(matches!(err, Err(IntakeError::BadRecord { .. })));
}

#[test]
fn too_many_records_is_refused() {
    let many: Vec<Value> = (0..MAX_RECORDS + 1)
        .map(|_| json!({"conversationId": ID}))
        .collect();
    let err = decode(&json!({"conversations": many}), &config(None));
    assert_eq!(
        err.err(),
        Some(IntakeError::TooManyRecords {
            count: MAX_RECORDS + 1
        })
    );
}

#[test]
fn sqs_bodies_are_decoded_one_by_one() {
    let good = json!({"conversationId": ID}).to_string();
    let event = genesys_attributes_event().to_string();
    let payload = json!({"Records": [
        {"messageId": "m1", "eventSource": "aws:sqs", "body": good},
        {"messageId": "m2", "eventSource": "aws:sqs", "body": "{not json"},
        {"messageId": "m3", "eventSource": "aws:sqs", "body": event},
        {"messageId": "m4", "eventSource": "aws:sqs", "body": "{\"hello\":1}"}
    ]});
    let Ok(Invocation::Sqs(messages)) = decode(&payload, &config(None)) else {
        panic!("not sqs")
    };
    assert_eq!(messages.len(), 4);
    assert!(messages[0].batch.is_ok());
    assert_eq!(
        messages[1].batch,
        Err(IntakeError::BodyNotJson { line: 1, column: 2 })
    );
    assert!(matches!(
        messages[2].batch,
        Ok(Batch {
            source: Source::Genesys { .. },
            ..
        })
    ));
    assert_eq!(messages[3].batch, Err(IntakeError::UnknownShape));
}

use super::*;
use crate::config::Config;
use serde_json::json;

fn config(etl: Option<&str>) -> Config {
    Config::from_lookup(|k| match k {
        "PII_PAUSE_MODE" => Some("dry-run".to_string()),
        "ETL_EVENT_SOURCES" => etl.map(str::to_string),
        "CONNECT_INSTANCE_IDS" => Some("4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a".to_string()),
        _ => None,
    })
    .unwrap_or_else(|e| panic!("{e}"))
}

fn decode_with(payload: &Value, etl: Option<&str>) -> Result<Invocation, IntakeError> {
    let c = config(etl);
    decode(payload, &c.runtime, &Platforms::offline(&c.platforms))
}

fn batch_with(payload: &Value, etl: Option<&str>) -> Result<Batch, IntakeError> {
    let c = config(etl);
    decode_batch(payload, &c.runtime, &Platforms::offline(&c.platforms))
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
    let r = decode_with(
        &json!({"conversations": [{"conversationId": ID}, {"conversationId": "x", "mediaType": "email"}]}),
        None,
    );
    let Ok(Invocation::Batch(b)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(b.source, Source::Direct);
    assert_eq!(b.records.len(), 2);
    assert_eq!(b.records[1].media_type.as_deref(), Some("email"));
    let r = decode_with(&json!({"conversationId": ID, "participants": []}), None);
    assert!(
        matches!(r, Ok(Invocation::Batch(Batch { source: Source::Direct, ref records })) if records.len() == 1)
    );
}

#[test]
fn genesys_attribute_event_uses_event_body_and_event_time() {
    let r = decode_with(&genesys_attributes_event(), None);
    let Ok(Invocation::Batch(b)) = r else {
        panic!("{r:?}")
    };
    assert_eq!(
        b.source,
        Source::Platform {
            name: "genesys",
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
    let b = batch_with(&e, None).unwrap_or_else(|e| panic!("{e}"));
    assert!(
        b.records[0].read,
        "the conversation is read for topics without participant data"
    );
    assert_eq!(b.records[0].body, json!({}));
    e["detail-type"] = json!("v2.users.{id}.presence");
    let err = batch_with(&e, None)
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
    let b = batch_with(&e, None);
    assert!(
        matches!(&b, Ok(Batch { source: Source::Etl { source, .. }, records }) if source == "com.acme.etl" && records[0].event_time_ms == Some(1_795_168_800_000))
    );
    let err = batch_with(&e, Some("com.acme.other"))
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("`com.acme.etl` is not in ETL_EVENT_SOURCES"),
        "{err}"
    );
    let list = json!({"detail-type": "Batch", "source": "com.acme.etl", "detail": {"conversations": [{"conversationId": ID}]}});
    assert!(
        matches!(batch_with(&list, Some("com.acme.etl")), Ok(Batch { ref records, .. }) if records.len() == 1)
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
        let err = decode_with(&payload, None)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("accepted shapes"), "{err}");
    }
    let err = decode_with(&json!({"conversations": [{"participants": []}]}), None)
        .err()
        .map(|e| e.to_string());
    assert!(err.is_some_and(|e| e.starts_with("conversations[0]: `conversationId` is missing")));
    let err = decode_with(&json!({"conversations": {"conversationId": ID}}), None);
    assert!(matches!(err, Err(IntakeError::BadRecord { .. })));
}

#[test]
fn too_many_records_is_refused() {
    let many: Vec<Value> = (0..MAX_RECORDS + 1)
        .map(|_| json!({"conversationId": ID}))
        .collect();
    let err = decode_with(&json!({"conversations": many}), None);
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
    let Ok(Invocation::Sqs(messages)) = decode_with(&payload, None) else {
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
            source: Source::Platform {
                name: "genesys",
                ..
            },
            ..
        })
    ));
    assert_eq!(
        messages[0]
            .batch
            .as_ref()
            .map(|b| b.records[0].delivery_id.clone()),
        Ok(Some("m1".to_string())),
        "the SQS message is the delivery"
    );
    assert_eq!(messages[3].batch, Err(IntakeError::UnknownShape));
}

#[test]
fn direct_records_name_their_platform() {
    let r = batch_with(
        &json!({"platform": "connect", "conversations": [
            {"conversationId": "c-1", "instanceArn": "arn:aws:connect:us-east-1:123456789012:instance/4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a"},
            {"conversationId": "c-2", "platform": "genesys"}
        ]}),
        None,
    )
    .unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(r.records[0].platform, "connect");
    assert_eq!(
        r.records[0].locator["instanceId"],
        "4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a"
    );
    assert_eq!(r.records[1].platform, "genesys");
    let err = batch_with(&json!({"conversationId": "x", "platform": "avaya"}), None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(
        err.contains("`platform` `avaya` is not one pii-pause knows: use one of genesys, connect"),
        "{err}"
    );
}

fn connect_event(detail_type: &str, detail: Value) -> Value {
    json!({"version": "0", "id": "ev-c-1", "detail-type": detail_type, "source": "aws.connect",
           "account": "123456789012", "time": "2026-11-20T10:15:30Z", "region": "us-east-1", "resources": [],
           "detail": detail})
}

const INSTANCE_ARN: &str =
    "arn:aws:connect:us-east-1:123456789012:instance/4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a";

#[test]
fn connect_contact_data_updated_is_read_from_the_contact() {
    let e = connect_event(
        "Amazon Connect Contact Event",
        json!({"EventType": "CONTACT_DATA_UPDATED", "ContactId": "11111111-aaaa-4bbb-8ccc-000000000001",
               "InitialContactId": "11111111-aaaa-4bbb-8ccc-000000000000", "Channel": "Voice",
               "InstanceArn": INSTANCE_ARN, "UpdatedProperties": ["UserDefinedAttributes"]}),
    );
    let b = batch_with(&e, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        b.source,
        Source::Platform {
            name: "connect",
            event_id: Some("ev-c-1".into())
        }
    );
    let r = &b.records[0];
    assert_eq!(r.conversation_id, "11111111-aaaa-4bbb-8ccc-000000000001");
    assert!(r.read);
    assert_eq!(r.media_type.as_deref(), Some("VOICE"));
    assert_eq!(
        r.locator["initialContactId"],
        "11111111-aaaa-4bbb-8ccc-000000000000"
    );
    assert_eq!(r.delivery_id.as_deref(), Some("ev-c-1"));

    for (event_type, updated) in [
        ("CONNECTED_TO_AGENT", json!(null)),
        ("CONTACT_DATA_UPDATED", json!(["Tags"])),
    ] {
        let e = connect_event(
            "Amazon Connect Contact Event",
            json!({"eventType": event_type, "contactId": "c", "instanceArn": INSTANCE_ARN, "updatedProperties": updated}),
        );
        assert_eq!(
            batch_with(&e, None).map(|b| b.records.len()),
            Ok(0),
            "{event_type} {updated}"
        );
    }
    let other = connect_event(
        "Amazon Connect Contact Event",
        json!({"eventType": "CONTACT_DATA_UPDATED", "contactId": "c",
               "instanceArn": "arn:aws:connect:us-east-1:123456789012:instance/99999999-0000-4000-8000-000000000000"}),
    );
    let err = batch_with(&other, None)
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
    assert!(err.contains("not in CONNECT_INSTANCE_IDS"), "{err}");
}

#[test]
fn a_contact_lens_pii_rule_is_a_flag_on_the_contact_of_its_arn() {
    let e = connect_event(
        "Contact Lens Realtime Rules Matched",
        json!({"version": "1.0", "ruleName": "card-capture", "actionName": "pii_detected",
               "instanceArn": INSTANCE_ARN, "contactArn": format!("{INSTANCE_ARN}/contact/22222222-aaaa-4bbb-8ccc-000000000002")}),
    );
    let b = batch_with(&e, None).unwrap_or_else(|e| panic!("{e}"));
    assert_eq!(
        b.records[0].conversation_id,
        "22222222-aaaa-4bbb-8ccc-000000000002"
    );
    assert_eq!(b.records[0].signals, vec!["contactLens.actionName"]);
    assert!(!b.records[0].read);
    let sentiment = connect_event(
        "Contact Lens Realtime Rules Matched",
        json!({"ruleName": "negative-sentiment", "actionName": "notify", "instanceArn": INSTANCE_ARN,
               "contactArn": format!("{INSTANCE_ARN}/contact/x")}),
    );
    assert_eq!(batch_with(&sentiment, None).map(|b| b.records.len()), Ok(0));
}

fn function_url(body: &str, base64: bool) -> Value {
    json!({"version": "2.0", "routeKey": "$default", "rawPath": "/", "rawQueryString": "",
        "headers": {"content-type": "application/json"},
        "requestContext": {"http": {"method": "POST", "path": "/"}, "requestId": "r-1", "timeEpoch": 1_795_170_930_000u64},
        "body": body, "isBase64Encoded": base64})
}

#[test]
fn a_function_url_request_is_recognised_and_its_body_read_as_direct_records() {
    let c = config(None);
    let platforms = Platforms::offline(&c.platforms);
    let body =
        json!({"platform": "cxone", "conversationId": "584893020", "agentId": 1234567}).to_string();
    let Ok(Invocation::Https(request)) = decode_with(&function_url(&body, false), None) else {
        panic!("not recognised as a Function URL request")
    };
    let batch = function_url_body(&request, &c.runtime, &platforms);
    let records = batch.map(|b| b.records).unwrap_or_default();
    assert_eq!(records.len(), 1);
    assert_eq!(
        (records[0].platform, records[0].event_time_ms),
        ("cxone", Some(1_795_170_930_000))
    );
    assert_eq!(records[0].locator["agentId"], "1234567");

    let encoded = base64::engine::general_purpose::STANDARD.encode(&body);
    let Ok(Invocation::Https(request)) = decode_with(&function_url(&encoded, true), None) else {
        panic!("not recognised")
    };
    assert!(function_url_body(&request, &c.runtime, &platforms).is_ok());

    for (bad, expected) in [
        ("{\"conversationId\":", "the body is not JSON"),
        ("[]", "not a JSON object of a known shape"),
    ] {
        let Ok(Invocation::Https(request)) = decode_with(&function_url(bad, false), None) else {
            panic!("not recognised")
        };
        let msg = function_url_body(&request, &c.runtime, &platforms)
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(msg.contains(expected), "{msg}");
    }
    // The shape without what Lambda always sends is an invalid event, not a request.
    let mut broken = function_url(&body, false);
    broken["requestContext"]["http"] = json!("POST");
    assert!(matches!(
        decode_with(&broken, None),
        Err(IntakeError::UnknownShape)
    ));
    broken["requestContext"] = json!({"http": {}});
    assert!(matches!(
        decode_with(&broken, None),
        Err(IntakeError::BadFunctionUrlRequest { .. })
    ));
}

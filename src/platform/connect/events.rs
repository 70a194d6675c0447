//! Amazon Connect events on the default EventBridge bus (source `aws.connect`): `Amazon Connect Contact Event`
//! (`CONTACT_DATA_UPDATED` of user-defined attributes carries no values: the attributes are read from the
//! contact) and `Contact Lens Realtime Rules Matched` (a rule or action named in `CONNECT_PII_RULES` is a PII
//! flag). The docs mix camelCase and PascalCase keys and `VOICE`/`Voice`: keys and values are read ignoring case.

use super::{instance_of_arn, ConnectSettings, Locator, NAME};
use crate::intake::{IntakeError, Record};
use crate::platform::EventBridge;
use serde_json::{json, Value};

const SOURCE: &str = "aws.connect";
const CONTACT_EVENT: &str = "Amazon Connect Contact Event";
const RULES_MATCHED: &str = "Contact Lens Realtime Rules Matched";

/// The records of a Connect event, or `None` when the event is not Connect's.
pub fn recognise(
    event: &EventBridge<'_>,
    settings: &ConnectSettings,
) -> Option<Result<Vec<Record>, IntakeError>> {
    if !event.source.eq_ignore_ascii_case(SOURCE) {
        return None;
    }
    let detail = event.detail;
    let kind = event.detail_type;
    Some(if kind.eq_ignore_ascii_case(CONTACT_EVENT) {
        contact_event(event, detail, settings)
    } else if kind.eq_ignore_ascii_case(RULES_MATCHED) {
        rules_matched(event, detail, settings)
    } else {
        Err(IntakeError::NotAccepted {
            what: format!("Amazon Connect event `{kind}`"),
            why: format!(
                "pii-pause handles `{CONTACT_EVENT}` (CONTACT_DATA_UPDATED) and `{RULES_MATCHED}`: narrow the EventBridge rule"
            ),
        })
    })
}

/// A detail field by name, ignoring case (`contactId`, `ContactId`).
pub fn field<'a>(object: &'a Value, name: &str) -> Option<&'a Value> {
    object
        .as_object()?
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(name))
        .map(|(_, v)| v)
}

fn text<'a>(object: &'a Value, name: &str) -> Option<&'a str> {
    field(object, name)
        .and_then(Value::as_str)
        .map(str::trim)
        .filter(|s| !s.is_empty())
}

fn contact_event(
    event: &EventBridge<'_>,
    detail: &Value,
    settings: &ConnectSettings,
) -> Result<Vec<Record>, IntakeError> {
    let event_type = text(detail, "eventType").unwrap_or("");
    if !event_type.eq_ignore_ascii_case("CONTACT_DATA_UPDATED") {
        // INITIATED, QUEUED, CONNECTED_TO_AGENT, DISCONNECTED, ...: no customer data changed.
        return Ok(Vec::new());
    }
    let updated: Vec<&str> = field(detail, "updatedProperties")
        .and_then(Value::as_array)
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if !updated.is_empty()
        && !updated
            .iter()
            .any(|p| p.eq_ignore_ascii_case("UserDefinedAttributes"))
    {
        // Tags, routing criteria or Contact Lens settings changed: no customer data.
        return Ok(Vec::new());
    }
    let contact_id = text(detail, "contactId").ok_or_else(|| bad("detail.contactId is missing"))?;
    let instance = instance(detail, settings)?;
    let locator = Locator {
        instance_id: Some(instance),
        initial_contact_id: text(detail, "initialContactId").map(str::to_string),
    };
    let record = Record {
        platform: NAME,
        conversation_id: contact_id.to_string(),
        media_type: text(detail, "channel").map(str::to_ascii_uppercase),
        event_time_ms: event.time_ms,
        body: json!({}),
        read: true,
        signals: Vec::new(),
        locator: locator.to_value(),
        delivery_id: None,
        utterances: Vec::new(),
        resume_check: None,
    };
    Ok(vec![record])
}

fn rules_matched(
    event: &EventBridge<'_>,
    detail: &Value,
    settings: &ConnectSettings,
) -> Result<Vec<Record>, IntakeError> {
    let matches = |name: &str| {
        text(detail, name)
            .is_some_and(|v| settings.pii_rules.iter().any(|r| r.eq_ignore_ascii_case(v)))
    };
    let signal = if matches("ruleName") {
        "contactLens.ruleName"
    } else if matches("actionName") {
        "contactLens.actionName"
    } else {
        // A rule that does not mean PII (sentiment, escalation, ...).
        return Ok(Vec::new());
    };
    let contact_arn =
        text(detail, "contactArn").ok_or_else(|| bad("detail.contactArn is missing"))?;
    let contact_id = contact_arn
        .rsplit('/')
        .next()
        .filter(|id| !id.is_empty() && *id != contact_arn)
        .ok_or_else(|| {
            bad("detail.contactArn is not a contact ARN (…/instance/{id}/contact/{contactId})")
        })?;
    let instance = instance(detail, settings)?;
    let locator = Locator {
        instance_id: Some(instance),
        initial_contact_id: None,
    };
    Ok(vec![Record {
        platform: NAME,
        conversation_id: contact_id.to_string(),
        media_type: Some("VOICE".into()),
        event_time_ms: event.time_ms,
        body: json!({}),
        read: false,
        signals: vec![signal.to_string()],
        locator: locator.to_value(),
        delivery_id: None,
        utterances: Vec::new(),
        resume_check: None,
    }])
}

/// The instance id of the event (from `instanceArn`, else `contactArn`), checked against `CONNECT_INSTANCE_IDS`.
fn instance(detail: &Value, settings: &ConnectSettings) -> Result<String, IntakeError> {
    let id = text(detail, "instanceArn")
        .and_then(instance_of_arn)
        .or_else(|| text(detail, "contactArn").and_then(instance_of_arn))
        .ok_or_else(|| bad("detail.instanceArn is missing"))?;
    if let Some(allowed) = &settings.instance_ids {
        if !allowed.iter().any(|a| a.eq_ignore_ascii_case(&id)) {
            return Err(IntakeError::NotAccepted {
                what: format!("an event of Amazon Connect instance `{id}`"),
                why: "the instance is not in CONNECT_INSTANCE_IDS: add it, or narrow the EventBridge rule to your instances"
                    .to_string(),
            });
        }
    }
    Ok(id)
}

fn bad(problem: &str) -> IntakeError {
    IntakeError::BadRecord {
        at: "detail".to_string(),
        problem: problem.to_string(),
    }
}

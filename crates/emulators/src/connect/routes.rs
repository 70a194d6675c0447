//! The emulated Amazon Connect API (restJson1, as the service model defines it): SigV4 required with the signing
//! name `connect`; `SuspendContactRecording`, `ResumeContactRecording`, `DescribeContact`,
//! `GetContactAttributes`; errors with `x-amzn-ErrorType` and a `Message`; 429 `ThrottlingException` above the
//! per-operation rate; 403 `AccessDeniedException` for operations the caller's role lacks.

use super::state::{new_uuid, State};
use crate::faults::Fault;
use crate::serve::{Answer, Request};
use serde_json::{json, Value};

/// A Connect error answer.
pub(crate) fn error(status: u16, code: &str, message: &str) -> Answer {
    Answer::json(status, &json!({ "Message": message }))
        .header("x-amzn-errortype", code)
        .header("x-amzn-requestid", new_uuid())
}

/// The answer of an injected fault with a status.
pub(crate) fn injected(fault: &Fault) -> Answer {
    let status = fault.status.unwrap_or(500);
    let code = fault.code.clone().unwrap_or_else(|| {
        match status {
            400 => "InvalidRequestException",
            403 => "AccessDeniedException",
            404 => "ResourceNotFoundException",
            429 => "ThrottlingException",
            _ => "InternalServiceException",
        }
        .to_string()
    });
    let mut answer = error(status, &code, &format!("Injected fault: HTTP {status}"));
    if let Some(seconds) = fault.retry_after {
        answer = answer.header("retry-after", seconds.to_string());
    }
    answer
}

/// The access key of a SigV4 `Authorization` header signed for the `connect` service, or why it is refused.
fn signed_for_connect(req: &Request) -> Result<String, Answer> {
    let header = req.header("authorization").unwrap_or("");
    let credential = header
        .strip_prefix("AWS4-HMAC-SHA256 ")
        .and_then(|rest| {
            rest.split(", ")
                .find_map(|p| p.trim().strip_prefix("Credential="))
        })
        .ok_or_else(|| {
            error(
                403,
                "MissingAuthenticationTokenException",
                "Missing Authentication Token",
            )
        })?;
    let scope: Vec<&str> = credential.split('/').collect();
    if scope.len() != 5 || scope[3] != "connect" || scope[4] != "aws4_request" {
        return Err(error(
            403,
            "InvalidSignatureException",
            "Credential should be scoped to correct service: 'connect'.",
        ));
    }
    if req.header("x-amz-date").is_none() {
        return Err(error(
            403,
            "IncompleteSignatureException",
            "Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header.",
        ));
    }
    Ok(scope[0].to_string())
}

/// Routes one request (faults already applied).
pub(crate) fn route(state: &State, req: &Request) -> Answer {
    let access_key = match signed_for_connect(req) {
        Ok(k) => k,
        Err(answer) => return answer,
    };
    let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
    let (operation, answer) = match (req.method.as_str(), segments.as_slice()) {
        ("POST", ["contact", "suspend-recording"]) => ("SuspendContactRecording", None::<Answer>),
        ("POST", ["contact", "resume-recording"]) => ("ResumeContactRecording", None),
        ("GET", ["contacts", _, _]) => ("DescribeContact", None),
        ("GET", ["contact", "attributes", _, _]) => ("GetContactAttributes", None),
        _ => (
            "",
            Some(error(404, "UnknownOperationException", "Unknown operation")),
        ),
    };
    if let Some(a) = answer {
        return a.for_client(&access_key);
    }
    let answer = {
        let mut inner = state.lock();
        if inner.seed.denied_operations.iter().any(|d| d == operation) {
            Some(error(
                403,
                "AccessDeniedException",
                &format!("User is not authorized to perform: connect:{operation}"),
            ))
        } else if !inner.take_token(operation) {
            Some(error(429, "ThrottlingException", "Rate exceeded"))
        } else {
            None
        }
    };
    let answer = answer.unwrap_or_else(|| match operation {
        "SuspendContactRecording" => change(state, req, "SUSPENDED"),
        "ResumeContactRecording" => change(state, req, "ACTIVE"),
        "DescribeContact" => describe(state, segments[1], segments[2]),
        _ => attributes(state, segments[2], segments[3]),
    });
    answer.for_client(&access_key)
}

fn unknown_instance(state: &State, instance: &str) -> Option<Answer> {
    (!state.lock().seed.instances.iter().any(|i| i == instance)).then(|| {
        error(
            404,
            "ResourceNotFoundException",
            &format!("Instance {instance} not found"),
        )
    })
}

fn change(state: &State, req: &Request, wanted: &str) -> Answer {
    let body: Value = serde_json::from_slice(&req.body).unwrap_or(Value::Null);
    let field = |name: &str| body.get(name).and_then(Value::as_str).unwrap_or("");
    let (instance, contact_id, initial) = (
        field("InstanceId"),
        field("ContactId"),
        field("InitialContactId"),
    );
    if instance.is_empty() || contact_id.is_empty() || initial.is_empty() {
        return error(
            400,
            "InvalidParameterException",
            "InstanceId, ContactId and InitialContactId are required",
        );
    }
    if let Some(a) = unknown_instance(state, instance) {
        return a;
    }
    let mut inner = state.lock();
    let repeated = inner.seed.repeated_change_status;
    let Some(contact) = inner.contacts.get_mut(contact_id) else {
        return error(404, "ResourceNotFoundException", "Contact not found");
    };
    if contact.instance_id != instance || contact.next_contact_id.is_some() {
        return error(404, "ResourceNotFoundException", "Contact not found");
    }
    if contact.initial() != initial {
        return error(
            400,
            "InvalidRequestException",
            "InitialContactId does not match the contact",
        );
    }
    if contact.ended
        || !contact.channel.eq_ignore_ascii_case("VOICE")
        || contact.recording == "NONE"
    {
        return error(
            400,
            "InvalidRequestException",
            "Request is not allowed in current voice recording state",
        );
    }
    if contact.recording == wanted && repeated == 400 {
        return error(
            400,
            "InvalidRequestException",
            "Request is not allowed in current voice recording state",
        );
    }
    contact.recording = wanted.to_string();
    Answer::json(200, &json!({})).header("x-amzn-requestid", new_uuid())
}

fn describe(state: &State, instance: &str, contact_id: &str) -> Answer {
    if let Some(a) = unknown_instance(state, instance) {
        return a;
    }
    let Some(c) = state
        .contact(contact_id)
        .filter(|c| c.instance_id == instance)
    else {
        return error(404, "ResourceNotFoundException", "Contact not found");
    };
    let inner = state.lock();
    let arn = format!(
        "arn:aws:connect:{}:{}:instance/{}/contact/{}",
        inner.seed.region, inner.seed.account_id, instance, c.id
    );
    let mut contact = json!({
        "Arn": arn, "Id": c.id, "InitialContactId": c.initial(), "Channel": c.channel.to_ascii_uppercase(),
        "InitiationMethod": if c.previous_contact_id.is_some() { "TRANSFER" } else { "INBOUND" },
    });
    if let Some(previous) = &c.previous_contact_id {
        contact["PreviousContactId"] = json!(previous);
    }
    if let Some(next) = &c.next_contact_id {
        contact["NextContacts"] = json!([{"Type": "QUICK_CONNECT",
            "NextContactMetadata": {"QuickConnectContactData": {"ContactId": next}}}]);
    }
    Answer::json(200, &json!({ "Contact": contact }))
}

fn attributes(state: &State, instance: &str, initial: &str) -> Answer {
    if let Some(a) = unknown_instance(state, instance) {
        return a;
    }
    let inner = state.lock();
    match inner
        .contacts
        .values()
        .find(|c| c.instance_id == instance && c.id == initial)
    {
        Some(c) => Answer::json(200, &json!({ "Attributes": c.attributes })),
        None => error(404, "ResourceNotFoundException", "Contact not found"),
    }
}

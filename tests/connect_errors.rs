//! Amazon Connect errors through the SDK (aws-smithy-mocks, no server): each modelled error of
//! SuspendContactRecording, and the unmodelled `ThrottlingException` and `AccessDeniedException` matched on
//! their code, decoded into the report's code, hint, retry and not-found. The answers are HTTP responses, so the SDK's own
//! deserializer makes the errors.

use aws_sdk_connect::config::http::HttpResponse;
use aws_sdk_connect::operation::suspend_contact_recording::SuspendContactRecordingOutput;
use aws_smithy_mocks::{mock, mock_client, RuleMode};
use aws_smithy_types::body::SdkBody;
use pii_pause::config::Env;
use pii_pause::http::{Deadline, RetryPolicy};
use pii_pause::platform::connect::{ConnectClient, ConnectSettings};
use std::time::Duration;

fn settings() -> ConnectSettings {
    let lookup = |_: &str| None;
    ConnectSettings::from_env(&Env::new(&lookup), &mut Vec::new())
}

fn fast() -> RetryPolicy {
    RetryPolicy {
        base: Duration::from_millis(1),
        cap: Duration::from_millis(2),
        ..RetryPolicy::default()
    }
}

fn aws_error(status: u16, code: &str) -> HttpResponse {
    let mut response = HttpResponse::new(
        status.try_into().unwrap_or_else(|e| panic!("{e:?}")),
        SdkBody::from(format!("{{\"Message\":\"{code} from the mock\"}}")),
    );
    response
        .headers_mut()
        .insert("x-amzn-errortype", code.to_string());
    response
}

async fn suspend(
    client: aws_sdk_connect::Client,
) -> Result<(), pii_pause::platform::PlatformError> {
    ConnectClient::from_client(client, &settings())
        .with_policy(fast())
        .recording(
            true,
            "instance-1",
            "contact-1",
            "contact-1",
            &Deadline::after(Duration::from_secs(5)),
        )
        .await
}

#[tokio::test]
async fn modelled_errors_are_decoded_with_their_fix() {
    // The SDK's own deserializer turns each answer into the modelled variant.
    let not_found = mock!(aws_sdk_connect::Client::suspend_contact_recording)
        .then_http_response(|| aws_error(404, "ResourceNotFoundException"));
    let e = suspend(mock_client!(aws_sdk_connect, [&not_found]))
        .await
        .err();
    let e = e.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(e.code, "ResourceNotFoundException", "{e:?}");
    assert!(e.not_found);
    assert!(e.hint.contains("CONNECT_INSTANCE_IDS"), "{}", e.hint);
    assert_eq!(not_found.num_calls(), 1, "a 404 is not retried");

    let invalid = mock!(aws_sdk_connect::Client::suspend_contact_recording)
        .then_http_response(|| aws_error(400, "InvalidRequestException"));
    let e = suspend(mock_client!(aws_sdk_connect, [&invalid]))
        .await
        .err();
    let e = e.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        (e.code.as_str(), e.not_found, e.status),
        ("InvalidRequestException", false, Some(400))
    );
    assert_eq!(invalid.num_calls(), 1);

    let internal = mock!(aws_sdk_connect::Client::suspend_contact_recording)
        .sequence()
        .http_response(|| aws_error(500, "InternalServiceException"))
        .output(|| SuspendContactRecordingOutput::builder().build())
        .build();
    let ok = suspend(mock_client!(
        aws_sdk_connect,
        RuleMode::Sequential,
        [&internal]
    ))
    .await;
    assert!(ok.is_ok(), "a 500 is retried: {ok:?}");
    assert_eq!(internal.num_calls(), 2);
}

#[tokio::test]
async fn unmodelled_throttling_and_access_denied_are_matched_on_their_code() {
    let throttled = mock!(aws_sdk_connect::Client::suspend_contact_recording)
        .sequence()
        .http_response(|| aws_error(429, "ThrottlingException"))
        .times(2)
        .output(|| SuspendContactRecordingOutput::builder().build())
        .build();
    let ok = suspend(mock_client!(
        aws_sdk_connect,
        RuleMode::Sequential,
        [&throttled]
    ))
    .await;
    assert!(ok.is_ok(), "429 is retried: {ok:?}");
    assert_eq!(throttled.num_calls(), 3);

    let denied = mock!(aws_sdk_connect::Client::suspend_contact_recording)
        .then_http_response(|| aws_error(403, "AccessDeniedException"));
    let e = suspend(mock_client!(aws_sdk_connect, [&denied]))
        .await
        .err();
    let e = e.unwrap_or_else(|| panic!("expected an error"));
    assert_eq!(
        (e.code.as_str(), e.status),
        ("AccessDeniedException", Some(403))
    );
    assert!(
        e.hint.contains("connect:SuspendContactRecording"),
        "{}",
        e.hint
    );
    assert_eq!(denied.num_calls(), 1, "a 403 is not retried");
}

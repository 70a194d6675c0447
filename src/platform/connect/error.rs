//! Amazon Connect errors decoded for the user: the SDK error's code (modelled or not: `ThrottlingException` and
//! `AccessDeniedException` are not modelled on these operations and are matched on the code), whether it is
//! worth retrying, and the fix.

use crate::http::Retry;
use crate::platform::PlatformError;
use aws_sdk_connect::config::http::HttpResponse;
use aws_sdk_connect::error::{DisplayErrorContext, ProvideErrorMetadata, SdkError};
use std::time::Duration;

/// A Connect call's failure, with whether another attempt may succeed.
pub struct Failure {
    pub error: PlatformError,
    pub retry: Retry,
}

/// Decodes an SDK error of `operation` (`SuspendContactRecording`, ...).
pub fn decode<E>(operation: &'static str, e: SdkError<E, HttpResponse>) -> Failure
where
    E: ProvideErrorMetadata + std::error::Error + Send + Sync + 'static,
{
    match &e {
        SdkError::ServiceError(service) => {
            let status = Some(service.raw().status().as_u16());
            let err = service.err();
            let code = err.code().unwrap_or("UnknownError").to_string();
            let message: String = err.message().unwrap_or_default().chars().take(300).collect();
            let request_id = err.meta().extra("aws_request_id").map(str::to_string);
            let (hint, retry, not_found) = explain(operation, &code, status);
            Failure {
                error: PlatformError {
                    status,
                    message: format!("Amazon Connect answered {operation} with {code}: {message}"),
                    code,
                    context_id: request_id,
                    hint,
                    not_found,
                },
                retry,
            }
        }
        SdkError::TimeoutError(_) => transport(operation, "the request timed out"),
        SdkError::DispatchFailure(d) if d.is_io() || d.is_timeout() => transport(
            operation,
            if d.is_timeout() {
                "the request timed out"
            } else {
                "the connection failed"
            },
        ),
        SdkError::ResponseError(_) => transport(operation, "the response could not be read"),
        _ => Failure {
            error: PlatformError::new(
                "connect.client",
                format!(
                    "Amazon Connect {operation} could not be sent: {}",
                    DisplayErrorContext(&e).to_string().chars().take(300).collect::<String>()
                ),
                "check the function's AWS credentials and region (AWS_REGION), and AWS_ENDPOINT_URL_CONNECT if set",
            ),
            retry: Retry::No,
        },
    }
}

fn transport(operation: &'static str, reason: &str) -> Failure {
    Failure {
        error: PlatformError::new(
            "transport.error",
            format!("request to Amazon Connect {operation} failed: {reason}"),
            "check network access from the function to Connect (NAT or VPC endpoint) and the region; the event is retried",
        ),
        retry: Retry::Backoff,
    }
}

/// What to do about a code: the hint, whether to retry, whether the contact is unknown.
fn explain(operation: &str, code: &str, status: Option<u16>) -> (String, Retry, bool) {
    match code {
        "ResourceNotFoundException" => (
            "Connect does not know this contact in this instance: check the instance (CONNECT_INSTANCE_IDS), the \
             function's region, and that the contact has not ended; after a transfer the current contact is followed"
                .into(),
            Retry::No,
            true,
        ),
        "AccessDeniedException" => (
            format!(
                "the function's role may not call connect:{operation}: allow it on \
                 arn:aws:connect:<region>:<account>:instance/<instance id>/contact/* (the SAM template does, with the \
                 ConnectInstanceId parameter)"
            ),
            Retry::No,
            false,
        ),
        "ThrottlingException" | "TooManyRequestsException" | "LimitExceededException" => (
            "Connect's quota is 2 requests per second (burst 5) per account and Region for Suspend and Resume: lower \
             CONNECT_RATE_LIMIT_PER_SECOND, buffer events through SQS, or ask AWS for a higher quota"
                .into(),
            Retry::After(Duration::from_millis(500)),
            false,
        ),
        "InternalServiceException" | "ServiceUnavailableException" => (
            "Connect had an internal error: the event is retried".into(),
            Retry::Backoff,
            false,
        ),
        "InvalidRequestException" | "InvalidParameterException" => (
            "Connect refused the request: the contact may have ended, be a chat or task, or not be recorded".into(),
            Retry::No,
            false,
        ),
        "UnrecognizedClientException" | "InvalidSignatureException" | "ExpiredTokenException" => (
            "Connect did not accept the function's AWS credentials: check the role, the region and the clock".into(),
            Retry::No,
            false,
        ),
        "InvalidActiveRegionException" => (
            "this Connect instance uses Global Resiliency and this Region is not its active one: call the active \
             Region"
                .into(),
            Retry::No,
            false,
        ),
        _ => (
            format!("unexpected Connect answer {code}"),
            if status.is_some_and(|s| s >= 500 || s == 429) {
                Retry::Backoff
            } else {
                Retry::No
            },
            false,
        ),
    }
}

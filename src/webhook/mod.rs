//! The HTTPS entry point: a Lambda Function URL request (a CXone Studio script's REST API action, a CRM, any
//! webhook). The request is authenticated (`auth`), its body (a record or `{"conversations": [...]}` with
//! `platform`) decided like a direct invocation, and the report answered as a Function URL response whose status
//! a script can branch on: 200 when every conversation was decided and nothing failed, 502 when a pause (or a
//! read, or a ledger write) failed and the conversation is held, 400 for a body of no accepted shape, 401 with no
//! detail for a caller that is not authenticated, 503 when the token cannot be read now. Callers retry (Studio
//! twice): a repeated request pauses again, which the platform confirms, so it is harmless.

pub mod auth;

pub use auth::{BearerToken, Gate, Verdict, WebhookConfig};

use crate::app::{App, Invoke};
use crate::http::Deadline;
use crate::intake;
use crate::process;
use aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlRequest;
use serde_json::{json, Value};

/// Answers one Function URL request with a Function URL response (`statusCode`, `headers`, `body`).
pub async fn handle(
    app: &App,
    request: &LambdaFunctionUrlRequest,
    invoke: &Invoke,
    deadline: &Deadline,
) -> Value {
    let method = request.request_context.http.method.as_deref().unwrap_or("");
    if !method.eq_ignore_ascii_case("POST") {
        return response(
            405,
            &json!({"message": "use POST with a JSON record or {\"conversations\": [...]}"}),
        );
    }
    match app.webhook.check(request).await {
        Verdict::Allowed(by) => tracing::debug!(by, "HTTPS request authenticated"),
        Verdict::Refused(reason) => {
            tracing::warn!(reason, "HTTPS request refused");
            return response(401, &json!({"message": "Unauthorized"}));
        }
        Verdict::Unavailable(e) => {
            tracing::error!(code = e.code(), error = %e, "the HTTPS entry point's token cannot be read");
            return response(503, &json!({"message": "Service Unavailable"}));
        }
    }
    let batch = match intake::function_url_body(request, &app.config.runtime, &app.platforms) {
        Ok(batch) => batch,
        Err(e) => {
            tracing::warn!(error = %e, "HTTPS request rejected");
            return response(400, &json!({"message": e.to_string()}));
        }
    };
    match process::batch(app, batch, invoke, deadline).await {
        Ok(report) => {
            let failed = report["summary"]["failed"].as_u64().unwrap_or(0);
            let status = if failed > 0 { 502 } else { 200 };
            tracing::info!(status, failed, "HTTPS request answered");
            response(status, &report)
        }
        Err(e) => {
            tracing::error!(error = %e, "HTTPS request failed");
            response(500, &json!({"message": e.to_string()}))
        }
    }
}

/// A Function URL response with a JSON body.
fn response(status: u16, body: &Value) -> Value {
    json!({
        "statusCode": status,
        "headers": {"content-type": "application/json"},
        "body": body.to_string(),
        "isBase64Encoded": false
    })
}

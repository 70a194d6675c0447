//! The Lambda function: reads configuration once, builds the clients once, then serves invocations.

use lambda_runtime::{service_fn, Diagnostic, LambdaEvent};
use pii_pause::app::{App, Invoke};
use pii_pause::config::Config;
use pii_pause::error::HandlerError;
use pii_pause::metrics::MetricsSink;
use serde_json::Value;

#[tokio::main]
async fn main() -> Result<(), lambda_runtime::Error> {
    lambda_runtime::tracing::init_default_subscriber();
    let app: Result<App, Diagnostic> = match Config::from_env() {
        Ok(config) => App::from_env(config, MetricsSink::Stdout)
            .await
            .map_err(|e| Diagnostic {
                error_type: "InvalidConfiguration".into(),
                error_message: e.to_string(),
            }),
        Err(e) => Err(HandlerError::Config(e).into()),
    };
    if let Err(e) = &app {
        tracing::error!(error_type = %e.error_type, error = %e.error_message, "pii-pause cannot start; every invocation will return this error");
    }
    let app = &app;
    lambda_runtime::run(service_fn(move |event: LambdaEvent<Value>| async move {
        let (payload, context) = event.into_parts();
        let app = app.as_ref().map_err(Clone::clone)?;
        let invoke = Invoke {
            request_id: context.request_id.clone(),
            deadline_ms: context.deadline,
        };
        app.handle(&payload, &invoke)
            .await
            .map_err(Diagnostic::from)
    }))
    .await
}

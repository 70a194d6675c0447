//! Who may call the HTTPS entry point. With `WEBHOOK_SECRET_ID`, a request must carry `Authorization: Bearer
//! <token>` equal to the secret's value, compared in constant time. Without it, only requests the Function URL
//! authenticated with IAM pass (AuthType `AWS_IAM`: Lambda verified the SigV4 signature before invoking and names
//! the caller in `requestContext.authorizer.iam`). Everything else is refused; the token is never logged.

use crate::redact::Secret;
use crate::secret::{SecretError, SecretStore, SecretValue};
use aws_lambda_events::event::lambda_function_urls::LambdaFunctionUrlRequest;
use std::time::Duration;

/// A bearer token shorter than this is refused as a secret value (it could be guessed).
const MIN_TOKEN_LEN: usize = 16;

/// The entry point's bearer token: the secret's whole string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BearerToken(Secret);

impl SecretValue for BearerToken {
    const VARIABLE: &'static str = "WEBHOOK_SECRET_ID";
    const EXPECTED: &'static str =
        "the bearer token itself as the secret string (at least 16 characters, e.g. `openssl rand -hex 32`)";

    fn parse(
        secret_id: &str,
        text: &str,
        _version_id: Option<String>,
    ) -> Result<Self, SecretError> {
        let token = text.trim();
        if token.len() < MIN_TOKEN_LEN || token.contains(char::is_whitespace) {
            return Err(SecretError::Malformed {
                secret_id: secret_id.to_string(),
                reason: format!(
                    "it is shorter than {MIN_TOKEN_LEN} characters or holds whitespace"
                ),
                expected: Self::EXPECTED,
            });
        }
        Ok(BearerToken(Secret::new(token)))
    }
}

/// The entry point's section of the configuration.
#[derive(Debug, Clone, Default)]
pub struct WebhookConfig {
    /// `WEBHOOK_SECRET_ID`: the secret holding the bearer token; `None` accepts IAM-authenticated requests only.
    pub secret_id: Option<String>,
    pub secret_ttl: Duration,
}

impl WebhookConfig {
    pub fn from_env(env: &crate::config::Env, errors: &mut Vec<String>) -> Self {
        WebhookConfig {
            secret_id: env.get("WEBHOOK_SECRET_ID"),
            secret_ttl: Duration::from_secs(env.number(
                "SECRET_TTL_SECONDS",
                300,
                0,
                86_400,
                errors,
            )),
        }
    }
}

/// How requests are authenticated.
pub enum Gate {
    /// No `WEBHOOK_SECRET_ID`: only requests Lambda authenticated with IAM.
    Iam,
    /// A bearer token kept in Secrets Manager.
    Bearer(SecretStore<BearerToken>),
    /// `WEBHOOK_SECRET_ID` is set but there is no Secrets Manager client to read it: every request is refused.
    Closed,
}

/// What the gate decided.
#[derive(Debug, PartialEq, Eq)]
pub enum Verdict {
    /// The request may proceed; how it was authenticated.
    Allowed(&'static str),
    /// 401; why, for the log (never the token).
    Refused(&'static str),
    /// The secret could not be read: nobody can be authenticated now.
    Unavailable(SecretError),
}

impl Gate {
    /// The gate `config` asks for, reading the token through `secrets` when one is configured.
    pub fn new(config: &WebhookConfig, secrets: Option<aws_sdk_secretsmanager::Client>) -> Self {
        match (&config.secret_id, secrets) {
            (None, _) => Gate::Iam,
            (Some(id), Some(client)) => {
                Gate::Bearer(SecretStore::holding(client, id.clone(), config.secret_ttl))
            }
            (Some(_), None) => Gate::Closed,
        }
    }

    /// Decides whether `request` may proceed.
    pub async fn check(&self, request: &LambdaFunctionUrlRequest) -> Verdict {
        match self {
            Gate::Iam => {
                let iam = request
                    .request_context
                    .authorizer
                    .as_ref()
                    .and_then(|a| a.iam.as_ref());
                if iam.is_some_and(|i| i.caller_id.is_some() || i.user_arn.is_some()) {
                    Verdict::Allowed("iam")
                } else {
                    Verdict::Refused("the request was not authenticated with IAM and no WEBHOOK_SECRET_ID is set")
                }
            }
            Gate::Closed => Verdict::Refused("no Secrets Manager client to read WEBHOOK_SECRET_ID"),
            Gate::Bearer(store) => {
                let Some(presented) = bearer(request) else {
                    return Verdict::Refused("no bearer token");
                };
                match store.get().await {
                    Ok(token)
                        if constant_time_eq(presented.as_bytes(), token.0.expose().as_bytes()) =>
                    {
                        Verdict::Allowed("bearer")
                    }
                    Ok(_) => Verdict::Refused("the bearer token does not match"),
                    Err(e) => Verdict::Unavailable(e),
                }
            }
        }
    }
}

/// The token of an `Authorization: Bearer <token>` header.
fn bearer(request: &LambdaFunctionUrlRequest) -> Option<&str> {
    let header = request.headers.get("authorization")?.to_str().ok()?.trim();
    let (scheme, token) = header.split_once(' ')?;
    let token = token.trim();
    (scheme.eq_ignore_ascii_case("bearer") && !token.is_empty()).then_some(token)
}

/// Whether `presented` equals `expected`, in time that depends only on `expected`'s length: every byte of
/// `expected` is compared, whatever the first difference, and no branch depends on the bytes.
pub fn constant_time_eq(presented: &[u8], expected: &[u8]) -> bool {
    let mut difference = u8::from(presented.len() != expected.len());
    for (i, e) in expected.iter().enumerate() {
        let p = presented.get(i).copied().unwrap_or(0);
        difference |= p ^ e;
    }
    std::hint::black_box(difference) == 0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn equal_only_when_every_byte_and_the_length_match() {
        let token = b"0123456789abcdef0123456789abcdef";
        assert!(constant_time_eq(token, token));
        assert!(constant_time_eq(b"", b""));
        let mut first = *token;
        first[0] ^= 1;
        let mut last = *token;
        last[31] ^= 0x80;
        for wrong in [
            &first[..],
            &last[..],
            &token[..31],
            b"0123456789abcdef0123456789abcdef0",
            b"",
            b"\x000123456789abcdef0123456789abcde",
        ] {
            assert!(!constant_time_eq(wrong, token), "{wrong:?}");
        }
        assert!(!constant_time_eq(token, b""));
    }

    #[test]
    fn the_secret_value_is_a_long_token_without_whitespace() {
        let ok = BearerToken::parse("hook", " 0123456789abcdef\n", None);
        assert_eq!(
            ok.map(|t| t.0.expose().to_string()).ok().as_deref(),
            Some("0123456789abcdef")
        );
        for bad in ["hunter2", "hunter2 hunter2hunter2", ""] {
            let msg = BearerToken::parse("hook", bad, None)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(msg.contains("secret `hook` is malformed"), "{msg}");
            assert!(!msg.contains("hunter2"), "{msg}");
        }
    }
}

//! Credentials from AWS Secrets Manager: an in-memory cache with a TTL of any secret pii-pause reads (the Genesys
//! OAuth client, the CXone access key, the HTTPS entry point's bearer token), its errors (which name the secret and
//! the fix, never its content), and the Genesys OAuth client's parsing.

use crate::redact::Secret;
use aws_credential_types::provider::error::CredentialsError;
use aws_sdk_secretsmanager::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_secretsmanager::Client;
use serde_json::{Map, Value};
use std::sync::Arc;
use std::time::{Duration, Instant};
use tokio::sync::Mutex;

/// What a secret holds, parsed from its string.
pub trait SecretValue: Sized + PartialEq + Send + Sync + 'static {
    /// The environment variable that names the secret (for messages).
    const VARIABLE: &'static str;
    /// What the secret must hold (for messages), e.g. `JSON like {...}`.
    const EXPECTED: &'static str;
    /// Parses the secret string; `version_id` is the Secrets Manager version it came from.
    fn parse(secret_id: &str, text: &str, version_id: Option<String>) -> Result<Self, SecretError>;
}

/// A secret's JSON object, read field by field; errors name the field, never the content.
pub struct SecretFields<'a> {
    secret_id: &'a str,
    expected: &'static str,
    object: Map<String, Value>,
}

impl<'a> SecretFields<'a> {
    /// Parses `text` as a JSON object.
    pub fn parse(
        secret_id: &'a str,
        text: &str,
        expected: &'static str,
    ) -> Result<Self, SecretError> {
        let malformed = |reason: String| SecretError::Malformed {
            secret_id: secret_id.to_string(),
            reason,
            expected,
        };
        let value: Value = serde_json::from_str(text).map_err(|e| {
            malformed(format!(
                "it is not JSON (parse error at line {} column {})",
                e.line(),
                e.column()
            ))
        })?;
        match value {
            Value::Object(object) => Ok(SecretFields {
                secret_id,
                expected,
                object,
            }),
            _ => Err(malformed("it is JSON but not an object".to_string())),
        }
    }

    /// The first of `names` that is present, trimmed; an error when it is not a non-empty string.
    pub fn optional(&self, names: &[&str]) -> Result<Option<String>, SecretError> {
        for name in names {
            match self.object.get(*name) {
                None | Some(Value::Null) => continue,
                Some(Value::String(s)) if !s.trim().is_empty() => {
                    return Ok(Some(s.trim().to_string()))
                }
                Some(_) => {
                    return Err(self.malformed(format!("`{name}` must be a non-empty string")))
                }
            }
        }
        Ok(None)
    }

    /// The first of `names`, which must be present.
    pub fn required(&self, names: &[&str]) -> Result<String, SecretError> {
        self.optional(names)?.ok_or_else(|| {
            self.malformed(format!(
                "`{}` is missing",
                names.first().copied().unwrap_or("?")
            ))
        })
    }

    /// A malformed-secret error for this secret.
    pub fn malformed(&self, reason: String) -> SecretError {
        SecretError::Malformed {
            secret_id: self.secret_id.to_string(),
            reason,
            expected: self.expected,
        }
    }
}

/// The OAuth client read from the secret.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Credentials {
    pub client_id: String,
    pub client_secret: Secret,
    /// Region key or domain, when the secret names one.
    pub region: Option<String>,
    /// Secrets Manager version id the credentials came from (tells a rotation apart from a re-read).
    pub version_id: Option<String>,
}

/// Why the credentials could not be had. Messages name the secret and the fix, never its content.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum SecretError {
    #[error("secret `{secret_id}` was not found in Secrets Manager (or has no current value): check {variable} and the function's region")]
    NotFound {
        secret_id: String,
        /// The variable that names the secret.
        variable: &'static str,
    },
    #[error("access to secret `{secret_id}` was denied ({code}): grant the function role secretsmanager:GetSecretValue on this secret, and kms:Decrypt on its key when it uses a customer-managed key")]
    AccessDenied { secret_id: String, code: String },
    #[error("Secrets Manager throttled the read of secret `{secret_id}`: it is cached for SECRET_TTL_SECONDS; lower the invocation rate or raise the TTL")]
    Throttled { secret_id: String },
    #[error("Secrets Manager could not be reached for secret `{secret_id}`: {reason}")]
    Unreachable { secret_id: String, reason: String },
    #[error("no AWS credentials to read secret `{secret_id}` from Secrets Manager ({reason}): in Lambda the function's role provides them; elsewhere set AWS_PROFILE, or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY")]
    NoAwsCredentials { secret_id: String, reason: String },
    #[error("no AWS region to read secret `{secret_id}` from Secrets Manager: set AWS_REGION to the secret's region (Lambda sets it to the function's region)")]
    NoAwsRegion { secret_id: String },
    #[error("secret `{secret_id}` is malformed: {reason}; store {expected}")]
    Malformed {
        secret_id: String,
        reason: String,
        /// What the secret must hold.
        expected: &'static str,
    },
    #[error("reading secret `{secret_id}` failed ({code}): {message}")]
    Other {
        secret_id: String,
        code: String,
        message: String,
    },
}

impl SecretError {
    /// Whether a later attempt may succeed without anyone changing anything.
    pub fn is_transient(&self) -> bool {
        matches!(
            self,
            SecretError::Throttled { .. } | SecretError::Unreachable { .. }
        )
    }

    /// A stable machine-readable code for reports and metrics.
    pub fn code(&self) -> &'static str {
        match self {
            SecretError::NotFound { .. } => "secret.not_found",
            SecretError::AccessDenied { .. } => "secret.access_denied",
            SecretError::Throttled { .. } => "secret.throttled",
            SecretError::Unreachable { .. } => "secret.unreachable",
            SecretError::NoAwsCredentials { .. } => "secret.no_aws_credentials",
            SecretError::NoAwsRegion { .. } => "secret.no_aws_region",
            SecretError::Malformed { .. } => "secret.malformed",
            SecretError::Other { .. } => "secret.error",
        }
    }
}

impl SecretValue for Credentials {
    const VARIABLE: &'static str = "GENESYS_SECRET_ID";
    const EXPECTED: &'static str =
        "JSON like {\"client_id\": \"...\", \"client_secret\": \"...\", \"region\": \"eu-west-1\"}";

    fn parse(secret_id: &str, text: &str, version_id: Option<String>) -> Result<Self, SecretError> {
        parse_credentials(secret_id, text, version_id)
    }
}

/// Parses the secret string. Accepts `client_id`/`clientId`, `client_secret`/`clientSecret`, optional `region`.
pub fn parse_credentials(
    secret_id: &str,
    text: &str,
    version_id: Option<String>,
) -> Result<Credentials, SecretError> {
    let fields = SecretFields::parse(secret_id, text, Credentials::EXPECTED)?;
    let client_id = fields.required(&["client_id", "clientId"])?;
    let client_secret = fields.required(&["client_secret", "clientSecret"])?;
    let region = fields.optional(&["region", "genesysRegion"])?;
    Ok(Credentials {
        client_id,
        client_secret: Secret::new(client_secret),
        region,
        version_id,
    })
}

struct Cached<T> {
    value: Arc<T>,
    fetched: Instant,
}

/// Reads a secret through one Secrets Manager client (built once per process) and caches what it holds (`T`,
/// by default the Genesys OAuth client) for `ttl`. Concurrent callers share one read.
pub struct SecretStore<T = Credentials> {
    client: Client,
    secret_id: String,
    ttl: Duration,
    cache: Mutex<Option<Cached<T>>>,
}

impl SecretStore {
    /// A store of the Genesys OAuth client.
    pub fn new(client: Client, secret_id: impl Into<String>, ttl: Duration) -> Self {
        SecretStore::holding(client, secret_id, ttl)
    }

    /// A store whose Secrets Manager client is configured from the AWS environment (region, credentials,
    /// endpoint overrides such as `AWS_ENDPOINT_URL_SECRETS_MANAGER`).
    pub async fn from_env(secret_id: impl Into<String>, ttl: Duration) -> Self {
        let sdk = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .load()
            .await;
        SecretStore::new(Client::new(&sdk), secret_id, ttl)
    }
}

impl<T: SecretValue> SecretStore<T> {
    /// A store of a secret that holds a `T`.
    pub fn holding(client: Client, secret_id: impl Into<String>, ttl: Duration) -> Self {
        SecretStore {
            client,
            secret_id: secret_id.into(),
            ttl,
            cache: Mutex::new(None),
        }
    }

    pub fn secret_id(&self) -> &str {
        &self.secret_id
    }

    /// The cached value, read again when older than the TTL.
    pub async fn get(&self) -> Result<Arc<T>, SecretError> {
        let mut cache = self.cache.lock().await;
        if let Some(c) = cache.as_ref() {
            if c.fetched.elapsed() < self.ttl {
                return Ok(c.value.clone());
            }
        }
        let value = Arc::new(self.fetch().await?);
        *cache = Some(Cached {
            value: value.clone(),
            fetched: Instant::now(),
        });
        Ok(value)
    }

    /// Reads the secret now, bypassing the cache (after the platform rejected the cached credentials),
    /// and caches the result. Returns it with whether it differs from what was cached.
    pub async fn refresh(&self) -> Result<(Arc<T>, bool), SecretError> {
        let mut cache = self.cache.lock().await;
        let fresh = Arc::new(self.fetch().await?);
        let changed = cache.as_ref().is_none_or(|c| *c.value != *fresh);
        *cache = Some(Cached {
            value: fresh.clone(),
            fetched: Instant::now(),
        });
        Ok((fresh, changed))
    }

    async fn fetch(&self) -> Result<T, SecretError> {
        let id = &self.secret_id;
        if self.client.config().region().is_none() {
            return Err(SecretError::NoAwsRegion {
                secret_id: id.clone(),
            });
        }
        let out = self
            .client
            .get_secret_value()
            .secret_id(id)
            .send()
            .await
            .map_err(|e| classify(id, T::VARIABLE, e))?;
        let text = out.secret_string().ok_or_else(|| SecretError::Malformed {
            secret_id: id.clone(),
            reason: "it holds binary data, not a string".to_string(),
            expected: T::EXPECTED,
        })?;
        T::parse(id, text, out.version_id().map(str::to_string))
    }
}

fn classify<E, R>(secret_id: &str, variable: &'static str, err: SdkError<E, R>) -> SecretError
where
    E: ProvideErrorMetadata + std::error::Error + 'static,
    R: std::fmt::Debug + 'static,
{
    let secret_id = secret_id.to_string();
    match &err {
        SdkError::TimeoutError(_) => network_failure(secret_id),
        SdkError::DispatchFailure(d) if d.is_io() || d.is_timeout() => network_failure(secret_id),
        // Not sent at all: the request could not be signed (no credentials) or built.
        SdkError::DispatchFailure(_) => match missing_credentials(&err) {
            Some(reason) => SecretError::NoAwsCredentials { secret_id, reason },
            None => SecretError::Other {
                secret_id,
                code: "RequestNotSent".to_string(),
                message: one_line(&err),
            },
        },
        SdkError::ServiceError(service) => {
            let code = service.err().code().unwrap_or("Unknown").to_string();
            let message = service
                .err()
                .message()
                .unwrap_or("")
                .chars()
                .take(200)
                .collect::<String>();
            match code.as_str() {
                "ResourceNotFoundException" => SecretError::NotFound {
                    secret_id,
                    variable,
                },
                "AccessDeniedException"
                | "AccessDenied"
                | "UnrecognizedClientException"
                | "InvalidSignatureException"
                | "ExpiredTokenException"
                | "KMSAccessDeniedException"
                | "DecryptionFailure" => SecretError::AccessDenied { secret_id, code },
                "ThrottlingException" | "TooManyRequestsException" | "RequestLimitExceeded" => {
                    SecretError::Throttled { secret_id }
                }
                "InternalServiceError" | "InternalFailure" | "ServiceUnavailable" => {
                    SecretError::Unreachable {
                        secret_id,
                        reason: format!(
                            "Secrets Manager answered {code}; it is retried on the next invocation"
                        ),
                    }
                }
                _ => SecretError::Other {
                    secret_id,
                    code,
                    message,
                },
            }
        }
        _ => SecretError::Unreachable {
            secret_id,
            reason: "the response could not be read".to_string(),
        },
    }
}

fn network_failure(secret_id: String) -> SecretError {
    SecretError::Unreachable {
        secret_id,
        reason: "connection failed or timed out; check network access to Secrets Manager (VPC endpoint or NAT) \
                 and AWS_ENDPOINT_URL_SECRETS_MANAGER if set"
            .to_string(),
    }
}

/// Why no AWS credentials were found, when that is what stopped the request: the credential provider chain
/// found none, or no provider is configured at all.
fn missing_credentials(err: &(dyn std::error::Error + 'static)) -> Option<String> {
    let mut cause = Some(err);
    while let Some(e) = cause {
        if e.downcast_ref::<CredentialsError>().is_some() {
            return Some(credentials_reason(e));
        }
        if e.to_string().contains("no identity resolver") {
            return Some("no credential provider is configured".to_string());
        }
        cause = e.source();
    }
    None
}

/// The innermost cause of a credentials error, short: its first line, and the providers a chain tried
/// (`no credentials found in chain (tried Environment, Profile, ...)`).
fn credentials_reason(err: &(dyn std::error::Error + 'static)) -> String {
    let mut innermost = err;
    while let Some(next) = innermost.source() {
        innermost = next;
    }
    let text = innermost.to_string();
    let mut lines = text.lines();
    let first = lines
        .next()
        .unwrap_or_default()
        .trim()
        .trim_end_matches("Attempted:")
        .trim_end_matches(['.', ':', ' ']);
    let tried: Vec<&str> = lines
        .filter_map(|l| l.trim().split_once(':').map(|(name, _)| name))
        .filter(|name| !name.is_empty() && !name.contains(' '))
        .collect();
    if tried.is_empty() {
        first.to_string()
    } else {
        format!("{first} (tried {})", tried.join(", "))
    }
}

/// An error and its causes on one line, bounded (the SDK's messages name providers and settings, never secrets).
fn one_line(err: &(dyn std::error::Error + 'static)) -> String {
    let mut parts = Vec::new();
    let mut cause = Some(err);
    while let Some(e) = cause {
        let text = e
            .to_string()
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        if !parts.iter().any(|p: &String| p.contains(&text)) {
            parts.push(text);
        }
        cause = e.source();
    }
    parts.join(": ").chars().take(400).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_both_spellings_and_optional_region() {
        let c = parse_credentials(
            "s",
            r#"{"client_id":"abc","client_secret":"xyz","region":"eu-west-1"}"#,
            None,
        );
        assert_eq!(c.as_ref().map(|c| c.client_id.as_str()), Ok("abc"));
        assert_eq!(c.as_ref().map(|c| c.client_secret.expose()), Ok("xyz"));
        assert_eq!(
            c.as_ref().map(|c| c.region.clone()),
            Ok(Some("eu-west-1".to_string()))
        );
        let c = parse_credentials(
            "s",
            r#"{"clientId":"abc","clientSecret":"xyz","extra":1}"#,
            None,
        );
        assert_eq!(c.map(|c| c.region), Ok(None));
    }

    #[test]
    fn malformed_secrets_say_what_is_wrong_without_the_content() {
        let cases = [
            ("{not json: hunter2", "is not JSON"),
            ("[\"hunter2\"]", "not an object"),
            (r#"{"client_secret":"hunter2"}"#, "`client_id` is missing"),
            (r#"{"client_id":"a"}"#, "`client_secret` is missing"),
            (
                r#"{"client_id":"a","client_secret":42}"#,
                "`client_secret` must be a non-empty string",
            ),
            (
                r#"{"client_id":"a","client_secret":"  "}"#,
                "`client_secret` must be a non-empty string",
            ),
        ];
        for (text, expected) in cases {
            let msg = parse_credentials("prod/genesys", text, None)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(msg.contains(expected), "{msg}");
            assert!(msg.contains("secret `prod/genesys` is malformed"), "{msg}");
            assert!(!msg.contains("hunter2"), "{msg}");
        }
    }

    /// A store whose client talks to a closed loopback port, with the given region and credentials.
    fn store(
        region: Option<&'static str>,
        credentials: Option<aws_sdk_secretsmanager::config::SharedCredentialsProvider>,
    ) -> SecretStore {
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .and_then(|l| l.local_addr())
            .map(|a| a.port())
            .unwrap_or(9);
        let mut config = aws_sdk_secretsmanager::Config::builder()
            .behavior_version(aws_sdk_secretsmanager::config::BehaviorVersion::latest())
            .endpoint_url(format!("http://127.0.0.1:{port}"));
        if let Some(r) = region {
            config = config.region(aws_sdk_secretsmanager::config::Region::new(r));
        }
        if let Some(c) = credentials {
            config = config.credentials_provider(c);
        }
        SecretStore::new(
            Client::from_conf(config.build()),
            "prod/genesys",
            Duration::ZERO,
        )
    }

    fn static_credentials() -> aws_sdk_secretsmanager::config::SharedCredentialsProvider {
        aws_sdk_secretsmanager::config::SharedCredentialsProvider::new(
            aws_sdk_secretsmanager::config::Credentials::new("test", "test", None, None, "test"),
        )
    }

    #[derive(Debug)]
    struct NoneFound;

    impl aws_sdk_secretsmanager::config::ProvideCredentials for NoneFound {
        fn provide_credentials<'a>(
            &'a self,
        ) -> aws_credential_types::provider::future::ProvideCredentials<'a>
        where
            Self: 'a,
        {
            aws_credential_types::provider::future::ProvideCredentials::ready(Err(
                CredentialsError::not_loaded("no credentials found in chain"),
            ))
        }
    }

    #[tokio::test]
    async fn a_missing_region_or_missing_credentials_is_named_not_taken_for_the_network() {
        let e = store(None, Some(static_credentials())).get().await.err();
        assert!(matches!(e, Some(SecretError::NoAwsRegion { .. })), "{e:?}");

        let e = store(Some("eu-west-1"), None).get().await.err();
        assert!(
            matches!(e, Some(SecretError::NoAwsCredentials { .. })),
            "{e:?}"
        );

        let none_found = aws_sdk_secretsmanager::config::SharedCredentialsProvider::new(NoneFound);
        let e = store(Some("eu-west-1"), Some(none_found)).get().await.err();
        let text = e.as_ref().map(|e| e.to_string()).unwrap_or_default();
        assert!(
            matches!(e, Some(SecretError::NoAwsCredentials { .. })),
            "{e:?}"
        );
        assert!(text.contains("no credentials found in chain"), "{text}");
        assert!(text.contains("AWS_ACCESS_KEY_ID"), "{text}");

        // With a region and credentials, a closed port is the network.
        let e = store(Some("eu-west-1"), Some(static_credentials()))
            .get()
            .await
            .err();
        assert!(matches!(e, Some(SecretError::Unreachable { .. })), "{e:?}");
        assert!(e.is_some_and(|e| e.is_transient()));
    }

    #[test]
    fn debug_of_credentials_hides_the_secret() {
        let c = parse_credentials(
            "s",
            r#"{"client_id":"abc","client_secret":"hunter2"}"#,
            None,
        );
        assert!(!format!("{c:?}").contains("hunter2"));
    }
}

//! Signing in to CXone as a back-end application: the token endpoint from the issuer's
//! `.well-known/openid-configuration` (or `CXONE_AUTH_URL`), the password grant with the access key and the
//! application's client authentication (HTTP Basic or `client_secret_post`), the tenant id from the token, and the
//! API endpoint from `.well-known/cxone-configuration?tenantId=` (or `CXONE_API_URL`). The session holds the
//! token and the endpoints discovered with it, and is cached with it.

use super::credentials::{ClientAuth, CxoneCredentials};
use super::error::{login_hint, CxoneError};
use crate::config::check_base_url;
use crate::http::session::renew_at;
use crate::http::{Deadline, HttpClient, HttpError, Response};
use crate::redact::Secret;
use base64::Engine;
use serde::Deserialize;
use serde_json::Value;
use std::time::{Duration, Instant};

/// Token lifetime when the token endpoint names none (CXone's password tokens last an hour).
const DEFAULT_LIFETIME: Duration = Duration::from_secs(3600);

/// The endpoints configured instead of discovered.
#[derive(Debug, Clone, Default)]
pub struct Overrides {
    /// `CXONE_AUTH_URL`: the token endpoint.
    pub token_url: Option<String>,
    /// `CXONE_API_URL`: the API base URL.
    pub api_url: Option<String>,
}

/// A token and the endpoints it was issued for.
#[derive(Clone)]
pub struct Session {
    pub token: Secret,
    pub token_url: String,
    /// The tenant's API base URL (`api_endpoint`), without a trailing `/`.
    pub api: String,
    /// The tenant named by the token.
    pub tenant_id: Option<String>,
}

#[derive(Deserialize)]
struct TokenResponse {
    access_token: String,
    #[serde(default)]
    id_token: Option<String>,
    #[serde(default)]
    expires_in: Option<u64>,
}

#[derive(Deserialize, Default)]
#[serde(rename_all = "camelCase")]
struct OAuthErrorBody {
    #[serde(default)]
    error: Option<String>,
}

/// Signs in with `credentials`: discovery where nothing overrides it, then the password grant. Returns the
/// session and when to replace it.
pub async fn sign_in(
    http: &HttpClient,
    credentials: &CxoneCredentials,
    overrides: &Overrides,
    deadline: &Deadline,
) -> Result<(Session, Instant), CxoneError> {
    let issuer = &credentials.issuer;
    let token_url = match &overrides.token_url {
        Some(url) => url.clone(),
        None => {
            let url = format!("{issuer}/.well-known/openid-configuration");
            let doc = document(http, "the token endpoint", &url, &[], deadline).await?;
            endpoint(&doc, "token_endpoint", "the token endpoint", &url)?
        }
    };
    let token = request_token(http, credentials, &token_url, deadline).await?;
    let tenant_id = token
        .id_token
        .as_deref()
        .and_then(tenant_of)
        .or_else(|| tenant_of(&token.access_token));
    let api = match (&overrides.api_url, &tenant_id) {
        (Some(url), _) => url.clone(),
        (None, Some(tenant)) => {
            let url = format!("{issuer}/.well-known/cxone-configuration");
            let doc = document(
                http,
                "the API endpoint",
                &url,
                &[("tenantId", tenant.as_str())],
                deadline,
            )
            .await?;
            endpoint(&doc, "api_endpoint", "the API endpoint", &url)?
        }
        (None, None) => {
            return Err(CxoneError::Discovery {
                document: "the API endpoint",
                url: format!("{issuer}/.well-known/cxone-configuration"),
                status: None,
                reason: "the token names no tenantId to discover the tenant's API endpoint with"
                    .into(),
                hint: "set CXONE_API_URL to the tenant's API base URL".into(),
            })
        }
    };
    let lifetime = token
        .expires_in
        .map(Duration::from_secs)
        .unwrap_or(DEFAULT_LIFETIME);
    Ok((
        Session {
            token: Secret::new(token.access_token),
            token_url,
            api,
            tenant_id,
        },
        renew_at(lifetime),
    ))
}

/// `POST {token_url}`, form-encoded: `grant_type=password` with the access key as username and password, the
/// client id and secret in HTTP Basic or in the body.
async fn request_token(
    http: &HttpClient,
    credentials: &CxoneCredentials,
    token_url: &str,
    deadline: &Deadline,
) -> Result<TokenResponse, CxoneError> {
    let outcome = execute(http, "POST token endpoint", deadline, || {
        let mut form = vec![
            ("grant_type", "password"),
            ("username", credentials.access_key_id.as_str()),
            ("password", credentials.access_key_secret.expose()),
        ];
        let request = http.http().post(token_url);
        let request = match credentials.client_auth {
            ClientAuth::Basic => request.basic_auth(
                &credentials.client_id,
                Some(credentials.client_secret.expose()),
            ),
            ClientAuth::Post => {
                form.push(("client_id", credentials.client_id.as_str()));
                form.push(("client_secret", credentials.client_secret.expose()));
                request
            }
        };
        request.form(&form)
    })
    .await?;
    if !outcome.is_success() {
        let parsed: OAuthErrorBody = serde_json::from_slice(&outcome.body).unwrap_or_default();
        let error = parsed
            .error
            .filter(|e| !e.is_empty() && e.len() <= 64)
            .unwrap_or_else(|| format!("http_{}", outcome.status));
        let failure = CxoneError::Login {
            access_key_id: credentials.access_key_id.clone(),
            client_id: credentials.client_id.clone(),
            hint: login_hint(&error, outcome.status, token_url),
            error,
            status: outcome.status,
            token_url: token_url.to_string(),
        };
        return Err(exhausted(&outcome, failure));
    }
    serde_json::from_slice(&outcome.body).map_err(|_| CxoneError::Protocol {
        what: "POST token endpoint".into(),
        reason: "the token response has no access_token".into(),
    })
}

/// A `.well-known` document.
async fn document(
    http: &HttpClient,
    document: &'static str,
    url: &str,
    query: &[(&str, &str)],
    deadline: &Deadline,
) -> Result<Value, CxoneError> {
    let failure = |status: Option<u16>, reason: String| {
        CxoneError::Discovery {
        document,
        url: url.to_string(),
        status,
        reason,
        hint: "check `issuer` in the secret (https://cxone.niceincontact.com by default), or set CXONE_AUTH_URL and \
               CXONE_API_URL"
            .into(),
    }
    };
    let target = with_query(url, query).map_err(|e| failure(None, e))?;
    let outcome = execute(http, &format!("GET {url}"), deadline, || {
        http.http().get(target.clone())
    })
    .await?;
    if !outcome.is_success() {
        let error = failure(Some(outcome.status), format!("HTTP {}", outcome.status));
        return Err(exhausted(&outcome, error));
    }
    serde_json::from_slice(&outcome.body)
        .map_err(|_| failure(None, "the answer is not JSON".into()))
}

/// A URL field of a discovery document, checked like a configured base URL (https, or http on loopback).
fn endpoint(
    doc: &Value,
    field: &str,
    document: &'static str,
    url: &str,
) -> Result<String, CxoneError> {
    let failure = |reason: String| CxoneError::Discovery {
        document,
        url: url.to_string(),
        status: None,
        reason,
        hint: "check `issuer` in the secret, or set CXONE_AUTH_URL and CXONE_API_URL".into(),
    };
    let value = doc[field]
        .as_str()
        .ok_or_else(|| failure(format!("the document has no `{field}`")))?;
    check_base_url(value).map_err(|e| failure(format!("`{field}`: {e}")))
}

/// The `tenantId` claim of a JWT (its payload is read, not verified: it only chooses the discovery document).
pub fn tenant_of(jwt: &str) -> Option<String> {
    let payload = jwt.split('.').nth(1)?;
    let bytes = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(payload.trim_end_matches('='))
        .ok()?;
    let claims: Value = serde_json::from_slice(&bytes).ok()?;
    claims["tenantId"]
        .as_str()
        .filter(|t| !t.is_empty() && t.len() <= 64)
        .map(str::to_string)
}

/// `url` with the query parameters, encoded.
pub fn with_query(url: &str, query: &[(&str, &str)]) -> Result<reqwest::Url, String> {
    let parsed = if query.is_empty() {
        reqwest::Url::parse(url)
    } else {
        reqwest::Url::parse_with_params(url, query)
    };
    parsed.map_err(|e| format!("`{url}` is not a URL ({e})"))
}

/// Sends a request through the shared executor (retries inside the deadline) and maps its failures.
pub async fn execute(
    http: &HttpClient,
    what: &str,
    deadline: &Deadline,
    build: impl Fn() -> reqwest::RequestBuilder,
) -> Result<Response, CxoneError> {
    http.execute(what, deadline, build).await.map_err(transport)
}

/// `error`, or a deadline error around it when retries of a retryable answer stopped at the deadline.
pub fn exhausted(outcome: &Response, error: CxoneError) -> CxoneError {
    match outcome.retries_exhausted_by_deadline {
        Some(attempts) => CxoneError::Deadline {
            attempts,
            last: Box::new(error),
        },
        None => error,
    }
}

fn transport(e: HttpError) -> CxoneError {
    match e {
        HttpError::Transport { what, reason, .. } => CxoneError::Transport { what, reason },
        HttpError::Deadline { attempts, last } => CxoneError::Deadline {
            attempts,
            last: Box::new(transport(*last)),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn jwt(claims: &str) -> String {
        let b64 = |s: &str| base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(s);
        format!("{}.{}.sig", b64(r#"{"alg":"RS256"}"#), b64(claims))
    }

    #[test]
    fn the_tenant_comes_from_the_token_claims() {
        assert_eq!(
            tenant_of(&jwt(r#"{"tenantId":"11e9-abcd","sub":"user:1"}"#)).as_deref(),
            Some("11e9-abcd")
        );
        assert_eq!(tenant_of(&jwt(r#"{"sub":"user:1"}"#)), None);
        assert_eq!(tenant_of("opaque-token"), None);
        assert_eq!(tenant_of("a.!!!.c"), None);
    }
}

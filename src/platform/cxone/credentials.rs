//! The CXone secret (`CXONE_SECRET_ID`): the API user's access key, the registered application's client id and
//! secret, the issuer, and how the application authenticates at the token endpoint.

use crate::config::check_base_url;
use crate::redact::Secret;
use crate::secret::{SecretError, SecretFields, SecretValue};

/// The issuer when the secret names none.
pub const DEFAULT_ISSUER: &str = "https://cxone.niceincontact.com";

/// How the application sends its client id and secret to the token endpoint (its registration says which).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientAuth {
    /// `client_secret_basic`: HTTP Basic (the default).
    Basic,
    /// `client_secret_post`: `client_id` and `client_secret` in the form body.
    Post,
}

impl ClientAuth {
    pub fn as_str(self) -> &'static str {
        match self {
            ClientAuth::Basic => "client_secret_basic",
            ClientAuth::Post => "client_secret_post",
        }
    }
}

/// What the CXone secret holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CxoneCredentials {
    /// The access key id of the CXone user pii-pause acts as (the password grant's `username`).
    pub access_key_id: String,
    /// The access key secret (the password grant's `password`).
    pub access_key_secret: Secret,
    /// The registered application's client id and secret.
    pub client_id: String,
    pub client_secret: Secret,
    /// The issuer whose `.well-known` documents name the token and API endpoints (no trailing `/`).
    pub issuer: String,
    pub client_auth: ClientAuth,
    /// Secrets Manager version id the credentials came from (tells a rotation apart from a re-read).
    pub version_id: Option<String>,
}

impl SecretValue for CxoneCredentials {
    const VARIABLE: &'static str = "CXONE_SECRET_ID";
    const EXPECTED: &'static str = "JSON like {\"access_key_id\": \"...\", \"access_key_secret\": \"...\", \
        \"client_id\": \"...\", \"client_secret\": \"...\", \"issuer\": \"https://cxone.niceincontact.com\"} \
        (\"client_auth\": \"post\" when the application is registered for client_secret_post)";

    fn parse(secret_id: &str, text: &str, version_id: Option<String>) -> Result<Self, SecretError> {
        let fields = SecretFields::parse(secret_id, text, Self::EXPECTED)?;
        let access_key_id = fields.required(&["access_key_id", "accessKeyId"])?;
        let access_key_secret = fields.required(&["access_key_secret", "accessKeySecret"])?;
        let client_id = fields.required(&["client_id", "clientId"])?;
        let client_secret = fields.required(&["client_secret", "clientSecret"])?;
        let issuer = match fields.optional(&["issuer"])? {
            None => DEFAULT_ISSUER.to_string(),
            Some(url) => {
                check_base_url(&url).map_err(|e| fields.malformed(format!("`issuer`: {e}")))?
            }
        };
        let client_auth = match fields
            .optional(&["client_auth", "clientAuth"])?
            .map(|s| s.to_ascii_lowercase())
            .as_deref()
        {
            None | Some("basic" | "client_secret_basic") => ClientAuth::Basic,
            Some("post" | "client_secret_post") => ClientAuth::Post,
            Some(_) => {
                return Err(fields.malformed(
                    "`client_auth` must be `basic` (client_secret_basic) or `post` (client_secret_post)"
                        .to_string(),
                ))
            }
        };
        Ok(CxoneCredentials {
            access_key_id,
            access_key_secret: Secret::new(access_key_secret),
            client_id,
            client_secret: Secret::new(client_secret),
            issuer,
            client_auth,
            version_id,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<CxoneCredentials, SecretError> {
        CxoneCredentials::parse("prod/cxone", text, None)
    }

    #[test]
    fn fields_defaults_and_both_spellings() {
        let c = parse(
            r#"{"access_key_id":"AK1","access_key_secret":"s3cr=t+","client_id":"app@vendor","client_secret":"cs"}"#,
        );
        assert_eq!(
            c.as_ref().map(|c| (c.issuer.as_str(), c.client_auth)),
            Ok((DEFAULT_ISSUER, ClientAuth::Basic))
        );
        assert_eq!(
            c.as_ref().map(|c| c.access_key_secret.expose()),
            Ok("s3cr=t+")
        );
        let c = parse(
            r#"{"accessKeyId":"AK1","accessKeySecret":"s","clientId":"a","clientSecret":"b",
                "issuer":"http://127.0.0.1:9/","client_auth":"client_secret_post"}"#,
        );
        assert_eq!(
            c.map(|c| (c.issuer, c.client_auth)),
            Ok(("http://127.0.0.1:9".to_string(), ClientAuth::Post))
        );
    }

    #[test]
    fn mistakes_are_named_without_the_content() {
        let base = r#""access_key_id":"AK1","access_key_secret":"hunter2","client_id":"a","client_secret":"hunter3""#;
        for (text, expected) in [
            (
                r#"{"access_key_id":"AK1","client_id":"a","client_secret":"hunter3"}"#.to_string(),
                "`access_key_secret` is missing",
            ),
            (
                format!(r#"{{{base},"issuer":"http://cxone.example.com"}}"#),
                "`issuer`: `http://cxone.example.com` uses plain http",
            ),
            (
                format!(r#"{{{base},"client_auth":"digest"}}"#),
                "`client_auth` must be `basic`",
            ),
            ("hunter2".to_string(), "it is not JSON"),
        ] {
            let msg = parse(&text)
                .err()
                .map(|e| e.to_string())
                .unwrap_or_default();
            assert!(msg.contains(expected), "{msg}");
            assert!(msg.contains("secret `prod/cxone` is malformed"), "{msg}");
            assert!(msg.contains("access_key_id"), "names what to store: {msg}");
            assert!(!msg.contains("hunter"), "{msg}");
        }
    }
}

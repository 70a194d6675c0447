//! Where the Genesys API and login live: URL overrides first, then the configured region, then the secret's region.
//! Event content never takes part.

use super::region::{self, Region};

/// The two base URLs (no trailing `/`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Endpoints {
    pub api: String,
    pub login: String,
}

/// Resolves the endpoints. `api_url`/`login_url` are validated overrides; `region` is `GENESYS_REGION`;
/// `secret_region` the region named in the secret.
pub fn resolve(
    api_url: Option<&str>,
    login_url: Option<&str>,
    region: Option<&'static Region>,
    secret_region: Option<&str>,
) -> Result<Endpoints, String> {
    let region = match (region, secret_region) {
        (Some(r), _) => Some(r),
        (None, Some(name)) => {
            Some(region::resolve(name).map_err(|e| format!("the secret's region: {e}"))?)
        }
        (None, None) => None,
    };
    let api = match (api_url, region) {
        (Some(url), _) => url.to_string(),
        (None, Some(r)) => r.api_base(),
        (None, None) => {
            return Err("no Genesys region: set GENESYS_REGION (e.g. eu-west-1 or mypurecloud.ie) or add \"region\" to the secret".into())
        }
    };
    let login = match (login_url, api_url, region) {
        (Some(url), _, _) => url.to_string(),
        (None, Some(api), _) => derive_login(api),
        (None, None, Some(r)) => r.login_base(),
        (None, None, None) => derive_login(&api),
    };
    Ok(Endpoints { api, login })
}

/// The Genesys SDKs' rule: the login host is the API host with `api.` replaced by `login.`;
/// a base without `//api.` (an emulator) serves both.
fn derive_login(api: &str) -> String {
    api.replacen("//api.", "//login.", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_region_wins_over_the_secret() {
        let ie = region::resolve("eu-west-1").ok();
        let e = resolve(None, None, ie, Some("us-east-1"));
        assert_eq!(
            e,
            Ok(Endpoints {
                api: "https://api.mypurecloud.ie".into(),
                login: "https://login.mypurecloud.ie".into()
            })
        );
        let e = resolve(None, None, None, Some("mypurecloud.de")).map(|e| e.login);
        assert_eq!(e.as_deref(), Ok("https://login.mypurecloud.de"));
    }

    #[test]
    fn overrides_and_derivation() {
        let e = resolve(Some("http://127.0.0.1:9000"), None, None, None);
        assert_eq!(
            e,
            Ok(Endpoints {
                api: "http://127.0.0.1:9000".into(),
                login: "http://127.0.0.1:9000".into()
            })
        );
        let e = resolve(Some("https://api.example.test"), None, None, None).map(|e| e.login);
        assert_eq!(e.as_deref(), Ok("https://login.example.test"));
        let e = resolve(
            Some("http://127.0.0.1:1"),
            Some("http://127.0.0.1:2"),
            None,
            None,
        )
        .map(|e| e.login);
        assert_eq!(e.as_deref(), Ok("http://127.0.0.1:2"));
    }

    #[test]
    fn missing_or_bad_region_says_what_to_set() {
        let e = resolve(None, None, None, None).err().unwrap_or_default();
        assert!(e.contains("set GENESYS_REGION"), "{e}");
        let e = resolve(None, None, None, Some("atlantis"))
            .err()
            .unwrap_or_default();
        assert!(
            e.contains("the secret's region: unknown Genesys Cloud region `atlantis`"),
            "{e}"
        );
    }
}

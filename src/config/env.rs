//! Reading environment variables for configuration: trimmed values, lists, bounded numbers, booleans and base
//! URLs, each mistake pushed to one list so that every mistake is reported at once.

use std::net::IpAddr;

/// The variables, through a lookup (the process environment, or a map in tests).
pub struct Env<'a> {
    lookup: &'a dyn Fn(&str) -> Option<String>,
}

impl<'a> Env<'a> {
    pub fn new(lookup: &'a dyn Fn(&str) -> Option<String>) -> Self {
        Env { lookup }
    }

    /// The trimmed value; `None` when unset or blank.
    pub fn get(&self, name: &str) -> Option<String> {
        (self.lookup)(name)
            .map(|v| v.trim().to_string())
            .filter(|v| !v.is_empty())
    }

    /// A comma-separated list (blank items dropped); `None` when unset.
    pub fn list(&self, name: &str) -> Option<Vec<String>> {
        self.get(name).map(|v| {
            v.split(',')
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
                .collect()
        })
    }

    /// A whole number in `min..=max`, `default` when unset.
    pub fn number(
        &self,
        name: &str,
        default: u64,
        min: u64,
        max: u64,
        errors: &mut Vec<String>,
    ) -> u64 {
        match self.get(name) {
            None => default,
            Some(v) => match v.parse::<u64>() {
                Ok(n) if (min..=max).contains(&n) => n,
                _ => {
                    errors.push(format!(
                        "{name}=`{v}` must be a whole number from {min} to {max}"
                    ));
                    default
                }
            },
        }
    }

    /// `true/yes/y/1/on` or `false/no/n/0/off` (any case), `default` when unset.
    pub fn flag(&self, name: &str, default: bool, errors: &mut Vec<String>) -> bool {
        match self.get(name).map(|v| v.to_ascii_lowercase()).as_deref() {
            None => default,
            Some("true" | "yes" | "y" | "1" | "on") => true,
            Some("false" | "no" | "n" | "0" | "off") => false,
            Some(other) => {
                errors.push(format!("{name}=`{other}` must be `true` or `false`"));
                default
            }
        }
    }

    /// A base URL override (see [`check_base_url`]).
    pub fn base_url(&self, name: &str, errors: &mut Vec<String>) -> Option<String> {
        let url = self.get(name)?;
        match check_base_url(&url) {
            Ok(u) => Some(u),
            Err(e) => {
                errors.push(format!("{name}: {e}"));
                None
            }
        }
    }
}

/// Checks a base URL override: `https://` anywhere, plain `http://` only for loopback hosts
/// (`localhost`, 127.0.0.0/8, `[::1]`). Returns it without a trailing `/`.
pub fn check_base_url(url: &str) -> Result<String, String> {
    let parsed = reqwest::Url::parse(url).map_err(|e| format!("`{url}` is not a URL ({e})"))?;
    let host = parsed
        .host_str()
        .ok_or_else(|| format!("`{url}` has no host"))?;
    match parsed.scheme() {
        "https" => {}
        "http" if is_loopback(host) => {}
        "http" => {
            return Err(format!(
                "`{url}` uses plain http to a non-loopback host; use https (plain http is accepted only for localhost, 127.0.0.0/8 and [::1])"
            ))
        }
        other => return Err(format!("`{url}` has scheme `{other}`; use https")),
    }
    if parsed.query().is_some() || parsed.fragment().is_some() || !parsed.username().is_empty() {
        return Err(format!(
            "`{url}` must be a plain base URL without user, query or fragment"
        ));
    }
    Ok(url.trim_end_matches('/').to_string())
}

/// Whether `host` (as `Url::host_str` gives it) is a loopback name or address.
pub fn is_loopback(host: &str) -> bool {
    let bare = host.trim_start_matches('[').trim_end_matches(']');
    host.eq_ignore_ascii_case("localhost")
        || bare
            .parse::<IpAddr>()
            .map(|ip| ip.is_loopback())
            .unwrap_or(false)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base_urls_http_only_on_loopback() {
        assert_eq!(
            check_base_url("http://127.0.0.1:8080/").as_deref(),
            Ok("http://127.0.0.1:8080")
        );
        assert!(check_base_url("http://localhost:1").is_ok());
        assert!(check_base_url("http://[::1]:9/").is_ok());
        assert!(check_base_url("http://127.9.9.9").is_ok());
        assert!(check_base_url("https://api.mypurecloud.ie").is_ok());
        assert!(check_base_url("http://10.0.0.1").is_err());
        assert!(check_base_url("http://localhost.evil.com").is_err());
        assert!(check_base_url("ftp://127.0.0.1").is_err());
        assert!(check_base_url("https://u:p@api.mypurecloud.ie").is_err());
        assert!(check_base_url("not a url").is_err());
    }
}

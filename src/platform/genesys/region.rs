//! The Genesys Cloud regions: AWS-style keys, API and login hosts, and lookup by key or domain.

/// One Genesys Cloud region.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Region {
    /// AWS-style key, e.g. `eu-west-1`.
    pub key: &'static str,
    /// The region's domain, e.g. `mypurecloud.ie`; the API host is `api.` + domain, the login host `login.` + domain.
    pub domain: &'static str,
}

impl Region {
    pub fn api_base(&self) -> String {
        format!("https://api.{}", self.domain)
    }

    pub fn login_base(&self) -> String {
        format!("https://login.{}", self.domain)
    }
}

/// All 18 Genesys Cloud regions (Genesys SDK region tables, Terraform provider region map).
pub const REGIONS: [Region; 18] = [
    Region {
        key: "us-east-1",
        domain: "mypurecloud.com",
    },
    Region {
        key: "us-east-2",
        domain: "use2.us-gov-pure.cloud",
    },
    Region {
        key: "us-west-2",
        domain: "usw2.pure.cloud",
    },
    Region {
        key: "ca-central-1",
        domain: "cac1.pure.cloud",
    },
    Region {
        key: "sa-east-1",
        domain: "sae1.pure.cloud",
    },
    Region {
        key: "mx-central-1",
        domain: "mxc1.pure.cloud",
    },
    Region {
        key: "eu-west-1",
        domain: "mypurecloud.ie",
    },
    Region {
        key: "eu-west-2",
        domain: "euw2.pure.cloud",
    },
    Region {
        key: "eu-central-1",
        domain: "mypurecloud.de",
    },
    Region {
        key: "eu-central-2",
        domain: "euc2.pure.cloud",
    },
    Region {
        key: "eusc-de-east-1",
        domain: "edee1.eusc-pure.cloud",
    },
    Region {
        key: "me-central-1",
        domain: "mec1.pure.cloud",
    },
    Region {
        key: "ap-south-1",
        domain: "aps1.pure.cloud",
    },
    Region {
        key: "ap-southeast-1",
        domain: "apse1.pure.cloud",
    },
    Region {
        key: "ap-southeast-2",
        domain: "mypurecloud.com.au",
    },
    Region {
        key: "ap-northeast-1",
        domain: "mypurecloud.jp",
    },
    Region {
        key: "ap-northeast-2",
        domain: "apne2.pure.cloud",
    },
    Region {
        key: "ap-northeast-3",
        domain: "apne3.pure.cloud",
    },
];

/// A region name that matches no known key or domain.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown Genesys Cloud region `{0}`: use an AWS-style key such as `eu-west-1` or a domain such as `mypurecloud.ie` (known keys: {keys})", keys = known_keys())]
pub struct UnknownRegion(pub String);

fn known_keys() -> String {
    REGIONS.iter().map(|r| r.key).collect::<Vec<_>>().join(", ")
}

/// Finds a region by AWS-style key (`eu-west-1`), domain (`mypurecloud.ie`), or host / URL
/// (`api.mypurecloud.ie`, `https://login.mypurecloud.ie/`). Case and surrounding space are ignored.
pub fn resolve(name: &str) -> Result<&'static Region, UnknownRegion> {
    let lowered = name.trim().to_ascii_lowercase();
    let mut host = lowered.as_str();
    for scheme in ["https://", "http://"] {
        if let Some(rest) = host.strip_prefix(scheme) {
            host = rest;
        }
    }
    let host = host.split('/').next().unwrap_or(host).trim_end_matches('.');
    let domain = ["api.", "login.", "apps."]
        .iter()
        .find_map(|p| host.strip_prefix(p))
        .unwrap_or(host);
    REGIONS
        .iter()
        .find(|r| r.key == host || r.domain == domain)
        .ok_or_else(|| UnknownRegion(name.trim().to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_region_resolves_by_key_domain_and_host() {
        for region in &REGIONS {
            assert_eq!(resolve(region.key), Ok(region));
            assert_eq!(resolve(region.domain), Ok(region));
            assert_eq!(resolve(&format!("api.{}", region.domain)), Ok(region));
            assert_eq!(resolve(&region.login_base()), Ok(region));
        }
    }

    #[test]
    fn examples_from_the_reference() {
        let ie = resolve("eu-west-1").map(|r| r.api_base());
        assert_eq!(ie.as_deref(), Ok("https://api.mypurecloud.ie"));
        let de = resolve(" MyPureCloud.DE ").map(|r| r.login_base());
        assert_eq!(de.as_deref(), Ok("https://login.mypurecloud.de"));
        let au = resolve("https://api.mypurecloud.com.au/").map(|r| r.key);
        assert_eq!(au, Ok("ap-southeast-2"));
        assert_eq!(
            resolve("us-east-1").map(|r| r.domain),
            Ok("mypurecloud.com")
        );
    }

    #[test]
    fn keys_and_domains_are_unique() {
        for (i, a) in REGIONS.iter().enumerate() {
            for b in &REGIONS[i + 1..] {
                assert_ne!(a.key, b.key);
                assert_ne!(a.domain, b.domain);
            }
        }
    }

    #[test]
    fn unknown_region_lists_the_keys() {
        let err = resolve("eu-west-9")
            .err()
            .map(|e| e.to_string())
            .unwrap_or_default();
        assert!(err.contains("unknown Genesys Cloud region `eu-west-9`"));
        assert!(err.contains("ap-northeast-3"));
    }
}

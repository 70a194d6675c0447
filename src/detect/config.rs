//! The detection configuration: key lists (flags, allow, deny, telephony), the kinds in use, the
//! custom detectors and the default phone regions, read from the environment variables that name
//! them. Every mistake goes to the caller's error list, so configuration validation reports all
//! of them at once.

use super::content::PhoneRegions;
use super::custom::CustomDetectors;
use super::kind::{KindSet, PiiKind, UnknownKind};
use crate::config::Env;

/// Attribute keys pii-pause treats as flags when no `PII_FLAG_KEYS` is set.
pub const DEFAULT_FLAG_KEYS: &[&str] = &[
    "PII_Detected",
    "PIIDetected",
    "PII",
    "ContainsPII",
    "PII_Present",
    "PCI_Detected",
    "SensitiveData",
    "SecurePause",
];

/// Genesys system keys that are never content-scanned when no `PII_ALLOW_KEYS` is set: identifiers
/// and times the platform itself writes. Never a whole namespace such as `ivr.*`, `context.*` or
/// `Queue.*`: IVR flows keep the digits they collect there (`ivr.CardNumber`,
/// `Queue.CallbackNumber`). A trailing `*` matches any key with that prefix.
pub const DEFAULT_ALLOW_KEYS: &[&str] = &[
    "conversationId",
    "participantId",
    "sessionId",
    "communicationId",
    "queueId",
    "userId",
    "flowId",
    "flowVersion",
    "flowName",
    "scriptId",
    "externalContactId",
    "externalOrganizationId",
    "divisionId",
    "wrapupCode",
    "languageId",
    "skillIds",
    "startTime",
    "endTime",
    "connectedTime",
];

/// Telephony identity keys when no `PII_TELEPHONY_KEYS` is set: the caller's and the dialled number and the
/// addresses of a call (Genesys conversations and analytics records, Amazon Connect endpoints). Their values are
/// PII in exported metadata (listed for redaction) but every call carries them, so they never cause a pause.
pub const DEFAULT_TELEPHONY_KEYS: &[&str] = &[
    "ani",
    "dnis",
    "sessionDnis",
    "callerId",
    "callerIdName",
    "callingNumber",
    "calledNumber",
    "address",
    "addressFrom",
    "addressTo",
    "addressSelf",
    "addressOther",
    "addressNormalized",
    "addressRaw",
    "addressDisplayable",
    "fromAddress",
    "toAddress",
    "remote",
    "outboundCallerId",
    "customerEndpoint",
    "systemEndpoint",
];

/// Everything detection is configured with.
#[derive(Debug, Clone)]
pub struct DetectionConfig {
    pub flag_keys: Vec<String>,
    pub allow_keys: Vec<String>,
    pub deny_keys: Vec<String>,
    /// Telephony identity keys: listed for redaction, never content-scanned, never a reason to pause.
    pub telephony_keys: Vec<String>,
    /// Built-in kinds in use (`PII_KINDS`, `PII_DISABLED_KINDS`).
    pub kinds: KindSet,
    /// The organisation's own detectors (`PII_CUSTOM_DETECTORS`), compiled.
    pub custom: CustomDetectors,
    /// Regions whose national phone formats are read (`PII_PHONE_REGIONS`; every region by
    /// default). `+` international numbers are read for every country.
    pub phone_regions: PhoneRegions,
}

impl Default for DetectionConfig {
    fn default() -> Self {
        DetectionConfig {
            flag_keys: owned(DEFAULT_FLAG_KEYS),
            allow_keys: owned(DEFAULT_ALLOW_KEYS),
            deny_keys: Vec::new(),
            telephony_keys: owned(DEFAULT_TELEPHONY_KEYS),
            kinds: KindSet::all(),
            custom: CustomDetectors::none(),
            phone_regions: PhoneRegions::all(),
        }
    }
}

impl DetectionConfig {
    /// Reads the detection variables through `get` (the environment, or a map in tests) as the
    /// rest of the configuration reads its own ([`Env`]), pushing every mistake to `errors`.
    pub fn from_lookup(get: &dyn Fn(&str) -> Option<String>, errors: &mut Vec<String>) -> Self {
        let env = Env::new(get);
        let defaults = DetectionConfig::default();
        let flag_keys = env.list("PII_FLAG_KEYS").unwrap_or(defaults.flag_keys);
        let allow_keys = env.list("PII_ALLOW_KEYS").unwrap_or(defaults.allow_keys);
        let deny_keys = env.list("PII_DENY_KEYS").unwrap_or_default();
        let telephony_keys = env
            .list("PII_TELEPHONY_KEYS")
            .unwrap_or(defaults.telephony_keys);

        let custom = match env.get("PII_CUSTOM_DETECTORS") {
            None => CustomDetectors::none(),
            Some(value) => match value.strip_prefix("file:") {
                Some(path) => match std::fs::read_to_string(path.trim()) {
                    Ok(json) => CustomDetectors::parse(
                        &json,
                        &format!("PII_CUSTOM_DETECTORS (file {})", path.trim()),
                        errors,
                    ),
                    Err(e) => {
                        errors.push(format!(
                            "PII_CUSTOM_DETECTORS: cannot read {}: {e}; ship the file with the function or inline the JSON array",
                            path.trim()
                        ));
                        CustomDetectors::none()
                    }
                },
                None => CustomDetectors::parse(&value, "PII_CUSTOM_DETECTORS", errors),
            },
        };

        let mut kinds = KindSet::all();
        if let Some(enabled) = env.list("PII_KINDS") {
            kinds = KindSet::EMPTY;
            kinds.insert(PiiKind::Flag);
            for name in enabled {
                match kinds_named(&name) {
                    Ok(set) => kinds = kinds.union(set),
                    Err(_) if custom_named(&custom, &name) => {}
                    Err(e) => errors.push(format!("PII_KINDS: {e}")),
                }
            }
        }
        let mut disabled_custom = Vec::new();
        for name in env.list("PII_DISABLED_KINDS").unwrap_or_default() {
            match kinds_named(&name) {
                Ok(set) => set.iter().for_each(|k| kinds.remove(k)),
                Err(_) if custom_named(&custom, &name) => disabled_custom.push(name),
                Err(e) => errors.push(format!("PII_DISABLED_KINDS: {e}")),
            }
        }
        let custom = custom.without(&disabled_custom);

        let phone_regions = match env.get("PII_PHONE_REGIONS") {
            None => defaults.phone_regions,
            Some(list) => PhoneRegions::parse(&list).unwrap_or_else(|e| {
                errors.push(format!("PII_PHONE_REGIONS: {e}"));
                defaults.phone_regions
            }),
        };

        DetectionConfig {
            flag_keys,
            allow_keys,
            deny_keys,
            telephony_keys,
            kinds,
            custom,
            phone_regions,
        }
    }
}

/// The built-in kinds a name stands for: one kind, or every kind with a prefix (`REQUEST_*`).
fn kinds_named(name: &str) -> Result<KindSet, UnknownKind> {
    let name = name.trim();
    match name.strip_suffix('*') {
        Some(prefix) => {
            let set: KindSet = PiiKind::ALL
                .into_iter()
                .filter(|k| {
                    k.as_str().len() >= prefix.len()
                        && k.as_str()[..prefix.len()].eq_ignore_ascii_case(prefix)
                })
                .collect();
            if set.is_empty() {
                Err(UnknownKind(name.to_string()))
            } else {
                Ok(set)
            }
        }
        None => name.parse::<PiiKind>().map(|k| [k].into_iter().collect()),
    }
}

fn custom_named(custom: &CustomDetectors, name: &str) -> bool {
    custom.kinds().iter().any(|k| k.as_str() == name.trim())
}

fn owned(items: &[&str]) -> Vec<String> {
    items.iter().map(|s| s.to_string()).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn detection(vars: &[(&str, &str)]) -> (DetectionConfig, Vec<String>) {
        let map: HashMap<&str, String> = vars.iter().map(|(k, v)| (*k, v.to_string())).collect();
        let mut errors = Vec::new();
        let c = DetectionConfig::from_lookup(&|k| map.get(k).cloned(), &mut errors);
        (c, errors)
    }

    #[test]
    fn defaults_never_skip_ivr_namespaces() {
        let (c, errors) = detection(&[]);
        assert!(errors.is_empty());
        assert!(c.flag_keys.iter().any(|k| k == "PII_Detected"));
        assert!(!c.allow_keys.iter().any(|k| k.ends_with('*')));
        assert_eq!(c.kinds, KindSet::all());
        assert!(c.custom.kinds().is_empty());
    }

    #[test]
    fn kinds_can_be_enabled_and_disabled() {
        let (c, errors) =
            detection(&[("PII_KINDS", "email, iban"), ("PII_DISABLED_KINDS", "IBAN")]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            c.kinds.iter().collect::<Vec<_>>(),
            vec![PiiKind::Flag, PiiKind::Email]
        );
        let (c, errors) = detection(&[("PII_DISABLED_KINDS", "request_*")]);
        assert!(errors.is_empty(), "{errors:?}");
        assert!(c.kinds.intersection(KindSet::requests()).is_empty());
        assert!(c.kinds.contains(PiiKind::CreditCard));
        let (_, errors) = detection(&[("PII_KINDS", "NOPE_*")]);
        assert!(
            errors[0].contains("unknown PII kind `NOPE_*`"),
            "{errors:?}"
        );
        let (_, errors) = detection(&[("PII_KINDS", "CREDIT_CARD,NAME")]);
        assert!(
            errors[0].contains("PII_KINDS: unknown PII kind `NAME`"),
            "{errors:?}"
        );
    }

    #[test]
    fn custom_detectors_inline_from_a_file_and_disabled_by_name() {
        let json = r#"[{"name": "MEMBER_ID", "regex": "MBR-[0-9]{8}"}, {"name": "POLICY", "regex": "P[0-9]{9}"}]"#;
        let (c, errors) = detection(&[("PII_CUSTOM_DETECTORS", json)]);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(c.custom.kinds().len(), 2);

        let path =
            std::env::temp_dir().join(format!("pii-pause-detectors-{}.json", std::process::id()));
        std::fs::write(&path, json).unwrap_or_else(|e| panic!("{e}"));
        let value = format!("file:{}", path.display());
        let (c, errors) = detection(&[
            ("PII_CUSTOM_DETECTORS", value.as_str()),
            ("PII_DISABLED_KINDS", "POLICY"),
        ]);
        let _ = std::fs::remove_file(&path);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            c.custom
                .kinds()
                .iter()
                .map(|k| k.as_str())
                .collect::<Vec<_>>(),
            ["MEMBER_ID"]
        );

        let (_, errors) = detection(&[("PII_PHONE_REGIONS", "US,XX")]);
        assert!(
            errors[0].starts_with("PII_PHONE_REGIONS: unknown region code(s) XX"),
            "{errors:?}"
        );
        let (c, _) = detection(&[("PII_PHONE_REGIONS", "US, CA")]);
        assert_eq!(c.phone_regions.codes(), ["US", "CA"]);

        let (_, errors) = detection(&[("PII_CUSTOM_DETECTORS", "file:/no/such/detectors.json")]);
        assert!(
            errors[0].contains("cannot read /no/such/detectors.json"),
            "{errors:?}"
        );
    }
}

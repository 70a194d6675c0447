//! Key rules: which attribute keys are flags, which are never content-scanned (allow list),
//! which always count as PII (deny list), which hold telephony identity (ANI, DNIS, call addresses).
//! Keys compare case-insensitively; `prefix*` matches a prefix.

/// What a key's value means before any content detector runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum KeyRole {
    /// An upstream "PII present" flag: its truthiness decides.
    Flag,
    /// Always PII when non-empty.
    Deny,
    /// Telephony identity (ANI, DNIS, call addresses): PII in exported metadata, listed for redaction,
    /// but never a reason to pause (every call carries it), so never content-scanned.
    Telephony,
    /// Never content-scanned (system data).
    Allow,
    /// Scanned by the content detectors.
    Scan,
}

/// How a flag value reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FlagValue {
    Set,
    Cleared,
    Other,
}

/// Reads a flag value: `true/yes/y/1` (any case) is set, `false/no/n/0` is cleared.
pub fn flag_value(value: &str) -> FlagValue {
    match value.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "1" => FlagValue::Set,
        "false" | "no" | "n" | "0" => FlagValue::Cleared,
        _ => FlagValue::Other,
    }
}

#[derive(Debug, Clone, Default)]
struct KeyList {
    exact: Vec<String>,
    prefixes: Vec<String>,
}

impl KeyList {
    fn new(keys: &[String]) -> Self {
        let mut list = KeyList::default();
        for key in keys {
            let key = key.trim().to_ascii_lowercase();
            match key.strip_suffix('*') {
                Some(prefix) => list.prefixes.push(prefix.to_string()),
                None => list.exact.push(key),
            }
        }
        list
    }

    fn matches(&self, key: &str) -> bool {
        self.exact.iter().any(|k| k.eq_ignore_ascii_case(key))
            || self.prefixes.iter().any(|p| {
                key.len() >= p.len() && key.as_bytes()[..p.len()].eq_ignore_ascii_case(p.as_bytes())
            })
    }
}

/// The configured key lists.
#[derive(Debug, Clone, Default)]
pub struct KeyRules {
    flags: KeyList,
    allow: KeyList,
    deny: KeyList,
    telephony: KeyList,
}

impl KeyRules {
    pub fn new(flags: &[String], allow: &[String], deny: &[String]) -> Self {
        KeyRules {
            flags: KeyList::new(flags),
            allow: KeyList::new(allow),
            deny: KeyList::new(deny),
            telephony: KeyList::default(),
        }
    }

    /// Adds the telephony identity keys (ANI, DNIS, call addresses).
    pub fn with_telephony(mut self, keys: &[String]) -> Self {
        self.telephony = KeyList::new(keys);
        self
    }

    /// The role of a key. Flags win over the deny list, which wins over telephony keys, which win over the
    /// allow list.
    pub fn role(&self, key: &str) -> KeyRole {
        if self.flags.matches(key) {
            KeyRole::Flag
        } else if self.deny.matches(key) {
            KeyRole::Deny
        } else if self.telephony.matches(key) {
            KeyRole::Telephony
        } else if self.allow.matches(key) {
            KeyRole::Allow
        } else {
            KeyRole::Scan
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn s(v: &[&str]) -> Vec<String> {
        v.iter().map(|x| x.to_string()).collect()
    }

    #[test]
    fn roles_and_precedence() {
        let rules = KeyRules::new(
            &s(&["PII_Detected"]),
            &s(&["ivr.*", "scriptId", "customerName", "dnis"]),
            &s(&["customerName"]),
        )
        .with_telephony(&s(&["ani", "dnis", "address*"]));
        assert_eq!(rules.role("ANI"), KeyRole::Telephony);
        assert_eq!(rules.role("dnis"), KeyRole::Telephony);
        assert_eq!(rules.role("addressFrom"), KeyRole::Telephony);
        assert_eq!(rules.role("pii_detected"), KeyRole::Flag);
        assert_eq!(rules.role("IVR.Priority"), KeyRole::Allow);
        assert_eq!(rules.role("scriptid"), KeyRole::Allow);
        assert_eq!(rules.role("customerName"), KeyRole::Deny);
        assert_eq!(rules.role("cardNumber"), KeyRole::Scan);
        assert_eq!(rules.role("iv"), KeyRole::Scan);
    }

    #[test]
    fn flag_values() {
        for v in ["true", "TRUE", " yes ", "Y", "1"] {
            assert_eq!(flag_value(v), FlagValue::Set, "{v}");
        }
        for v in ["false", "No", "n", "0"] {
            assert_eq!(flag_value(v), FlagValue::Cleared, "{v}");
        }
        for v in ["", "maybe", "2", "truthy"] {
            assert_eq!(flag_value(v), FlagValue::Other, "{v}");
        }
    }
}

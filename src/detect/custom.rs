//! Custom detectors (`PII_CUSTOM_DETECTORS`): the organisation's own identifiers, in the shape of
//! Amazon Macie's custom data identifiers (`name`, `regex`, `keywords`, `ignoreWords`,
//! `maximumMatchDistance`) plus an optional `validator` (`luhn`, `mod97`). Parsed and compiled
//! once per process; every mistake is reported at start with the detector it belongs to.
//!
//! At scan time one `RegexSet` pass tells whether any detector can match a value at all (N
//! detectors are not N passes over clean data); only values it lets through run the detectors'
//! own patterns to find the matches and check keywords, ignore words and the validator. Nothing
//! allocates per value.

use super::kind::{Kind, PiiKind};
use super::rules::{Context, KindRules, Pattern, Validator};
use super::Input;
use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use serde_json::Value;
use std::borrow::Cow;
use std::sync::Arc;

/// Most detectors in one configuration (Macie's limit for one job).
pub const MAX_DETECTORS: usize = 30;
/// Longest `regex`, in characters (Macie's limit).
pub const MAX_REGEX_LEN: usize = 512;
/// Compiled size limit of one detector's pattern, in bytes (the `regex` crate's size limit).
pub const MAX_COMPILED_SIZE: usize = 1 << 20;
/// `keywords`: at most 50, each 3–90 characters (Macie's limits).
pub const MAX_KEYWORDS: usize = 50;
/// `ignoreWords`: at most 10, each 4–90 characters (Macie's limits).
pub const MAX_IGNORE_WORDS: usize = 10;
/// `maximumMatchDistance`: 1–300, default 50 (Macie's).
pub const DEFAULT_MATCH_DISTANCE: usize = 50;
const MAX_MATCH_DISTANCE: u64 = 300;
/// Longest `name`.
const MAX_NAME_LEN: usize = 64;
/// Fields of a Macie custom data identifier that pii-pause accepts and does not use.
const MACIE_EXTRA_FIELDS: &[&str] = &[
    "description",
    "severityLevels",
    "tags",
    "id",
    "arn",
    "createdAt",
    "deleted",
    "clientToken",
];

/// One compiled detector.
#[derive(Debug, Clone)]
struct Compiled {
    rules: KindRules,
    regex: Regex,
    /// Keywords lower-cased (compared ASCII-case-insensitively).
    keywords: Vec<String>,
}

/// The configured custom detectors, compiled. Cheap to clone (shared).
#[derive(Debug, Clone, Default)]
pub struct CustomDetectors {
    inner: Option<Arc<Inner>>,
}

#[derive(Debug)]
struct Inner {
    detectors: Vec<Compiled>,
    set: RegexSet,
    kinds: Vec<Kind>,
}

impl CustomDetectors {
    /// No custom detectors.
    pub fn none() -> Self {
        CustomDetectors::default()
    }

    /// Parses and compiles the detectors of `PII_CUSTOM_DETECTORS` (a JSON array, already read
    /// from the variable or the file it names). Every mistake goes to `errors`, prefixed with
    /// `origin` and naming the detector.
    pub fn parse(json: &str, origin: &str, errors: &mut Vec<String>) -> Self {
        let list = match serde_json::from_str::<Value>(json) {
            Ok(Value::Array(list)) => list,
            Ok(_) => {
                errors.push(format!(
                    "{origin}: expected a JSON array of detectors, like [{{\"name\": \"MEMBER_ID\", \"regex\": \"MBR-[0-9]{{8}}\"}}]"
                ));
                return CustomDetectors::none();
            }
            Err(e) => {
                errors.push(format!("{origin}: not JSON ({e})"));
                return CustomDetectors::none();
            }
        };
        if list.len() > MAX_DETECTORS {
            errors.push(format!(
                "{origin}: {} detectors; at most {MAX_DETECTORS} are allowed",
                list.len()
            ));
            return CustomDetectors::none();
        }
        let before = errors.len();
        let mut detectors: Vec<Compiled> = Vec::new();
        for (i, item) in list.iter().enumerate() {
            let label = match item.get("name").and_then(Value::as_str) {
                Some(name) => format!("{origin}: detector {} (`{name}`)", i + 1),
                None => format!("{origin}: detector {}", i + 1),
            };
            if let Some(d) = compile(item, &label, errors) {
                if detectors.iter().any(|o| o.rules.kind == d.rules.kind) {
                    errors.push(format!(
                        "{label}: the name is used by another detector; names must be unique"
                    ));
                } else {
                    detectors.push(d);
                }
            }
        }
        if errors.len() > before {
            return CustomDetectors::none();
        }
        CustomDetectors::from_compiled(detectors).unwrap_or_else(|e| {
            errors.push(format!("{origin}: {e}"));
            CustomDetectors::none()
        })
    }

    fn from_compiled(detectors: Vec<Compiled>) -> Result<Self, String> {
        if detectors.is_empty() {
            return Ok(CustomDetectors::none());
        }
        let set = RegexSetBuilder::new(detectors.iter().map(|d| d.regex.as_str()))
            .size_limit(MAX_COMPILED_SIZE * detectors.len())
            .build()
            .map_err(|e| {
                format!(
                    "the detectors' patterns together are too large ({}); use fewer or simpler patterns",
                    one_line(&e.to_string())
                )
            })?;
        let kinds = detectors.iter().map(|d| d.rules.kind.clone()).collect();
        Ok(CustomDetectors {
            inner: Some(Arc::new(Inner {
                detectors,
                set,
                kinds,
            })),
        })
    }

    /// The same detectors without those named in `names` (`PII_DISABLED_KINDS`).
    pub fn without(self, names: &[String]) -> Self {
        let Some(inner) = &self.inner else {
            return self;
        };
        if names.is_empty() {
            return self;
        }
        let kept = inner
            .detectors
            .iter()
            .filter(|d| !names.iter().any(|n| n.trim() == d.rules.kind.as_str()))
            .cloned()
            .collect();
        CustomDetectors::from_compiled(kept).unwrap_or_default()
    }

    /// The detectors' kinds, in the order of the bits [`CustomDetectors::detect`] sets.
    pub fn kinds(&self) -> &[Kind] {
        self.inner.as_ref().map_or(&[], |i| &i.kinds)
    }

    /// The detectors' rules.
    pub fn rules(&self) -> impl Iterator<Item = &KindRules> {
        self.inner
            .iter()
            .flat_map(|i| i.detectors.iter().map(|d| &d.rules))
    }

    /// Sets bit `i` of `out` for each detector `i` that finds its identifier in `input`.
    pub fn detect(&self, input: &Input<'_>, out: &mut u64) {
        let Some(inner) = &self.inner else {
            return;
        };
        let text = input.text;
        if text.is_empty() || !inner.set.is_match(text) {
            return;
        }
        // The set says some pattern matches; each detector's own pattern says which (rare: only
        // values the set let through).
        for (i, d) in inner.detectors.iter().enumerate() {
            if d.finds(input) {
                *out |= 1 << i;
            }
        }
    }
}

impl Compiled {
    fn finds(&self, input: &Input<'_>) -> bool {
        let key_has_keyword = self.keywords.is_empty() || self.in_key(input.key);
        self.regex.find_iter(input.text).any(|m| {
            let matched = m.as_str();
            if self
                .rules
                .ignore_words
                .iter()
                .any(|w| matched.contains(w.as_ref()))
            {
                return false;
            }
            if !self.rules.validator.is_none_or(|v| validate(v, matched)) {
                return false;
            }
            key_has_keyword || self.keyword_before(input.text, m.start(), m.end())
        })
    }

    /// A keyword in the key name, case-insensitively, with or without its separators
    /// (`member id` matches `memberId`, `member_id`, `Member.ID`).
    fn in_key(&self, key: &str) -> bool {
        self.keywords.iter().any(|k| {
            contains_ignore_case(key.as_bytes(), k.as_bytes())
                || contains_ignore_case_skipping(key.as_bytes(), k.as_bytes())
        })
    }

    /// A keyword that ends at most `max_match_distance` characters before the end of the match
    /// and does not overlap it (Macie's rule).
    fn keyword_before(&self, text: &str, start: usize, end: usize) -> bool {
        let distance = self.rules.max_match_distance;
        // Characters, not bytes: walk back `distance` characters from the match end.
        let from = text[..end]
            .char_indices()
            .rev()
            .nth(distance.saturating_sub(1))
            .map_or(0, |(i, _)| i);
        let window = text.as_bytes();
        self.keywords.iter().any(|k| {
            let k = k.as_bytes();
            // Keyword occurrences must start at or after `from - len(k)` so that they end inside
            // the distance, and end at or before the match start.
            let lo = from.saturating_sub(k.len());
            find_ignore_case(&window[lo..start], k)
        })
    }
}

fn compile(item: &Value, label: &str, errors: &mut Vec<String>) -> Option<Compiled> {
    let Some(obj) = item.as_object() else {
        errors.push(format!(
            "{label}: a detector is a JSON object with `name` and `regex`"
        ));
        return None;
    };
    let before = errors.len();
    const KNOWN: &[&str] = &[
        "name",
        "regex",
        "keywords",
        "ignoreWords",
        "maximumMatchDistance",
        "maxMatchDistance",
        "validator",
    ];
    for field in obj.keys() {
        if !KNOWN.contains(&field.as_str()) && !MACIE_EXTRA_FIELDS.contains(&field.as_str()) {
            errors.push(format!(
                "{label}: unknown field `{field}`; the fields are {}",
                KNOWN.join(", ")
            ));
        }
    }
    let text = |field: &str| obj.get(field).and_then(Value::as_str);
    let name = text("name").unwrap_or_default().trim().to_string();
    if name.is_empty() {
        errors.push(format!(
            "{label}: `name` is missing; it is the kind findings report, like MEMBER_ID"
        ));
    } else if name.len() > MAX_NAME_LEN
        || !name
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'_' | b'-' | b'.'))
    {
        errors.push(format!(
            "{label}: `name` must be 1-{MAX_NAME_LEN} letters, digits, `_`, `-` or `.` (it appears in reports and metrics)"
        ));
    } else if name.parse::<PiiKind>().is_ok() {
        errors.push(format!(
            "{label}: `name` is a built-in kind; choose another name (built-in kinds are turned on and off with PII_KINDS)"
        ));
    }
    let pattern = text("regex").unwrap_or_default();
    let mut regex = None;
    if pattern.is_empty() {
        errors.push(format!("{label}: `regex` is missing"));
    } else if pattern.chars().count() > MAX_REGEX_LEN {
        errors.push(format!(
            "{label}: `regex` is longer than {MAX_REGEX_LEN} characters"
        ));
    } else {
        match RegexBuilder::new(pattern)
            .size_limit(MAX_COMPILED_SIZE)
            .dfa_size_limit(MAX_COMPILED_SIZE)
            .build()
        {
            Ok(r) => regex = Some(r),
            Err(e) => errors.push(format!(
                "{label}: `regex` does not compile: {}; use the Rust `regex` syntax (no look-around, no backreferences)",
                one_line(&e.to_string())
            )),
        }
    }
    let keywords = string_list(obj.get("keywords"), "keywords", label, errors);
    if keywords.len() > MAX_KEYWORDS {
        errors.push(format!("{label}: more than {MAX_KEYWORDS} `keywords`"));
    }
    if let Some(k) = keywords
        .iter()
        .find(|k| !(3..=90).contains(&k.chars().count()))
    {
        errors.push(format!(
            "{label}: keyword `{k}` must be 3-90 characters long"
        ));
    }
    let ignore_words = string_list(obj.get("ignoreWords"), "ignoreWords", label, errors);
    if ignore_words.len() > MAX_IGNORE_WORDS {
        errors.push(format!(
            "{label}: more than {MAX_IGNORE_WORDS} `ignoreWords`"
        ));
    }
    if let Some(w) = ignore_words
        .iter()
        .find(|w| !(4..=90).contains(&w.chars().count()))
    {
        errors.push(format!(
            "{label}: ignore word `{w}` must be 4-90 characters long"
        ));
    }
    let distance = match obj
        .get("maximumMatchDistance")
        .or_else(|| obj.get("maxMatchDistance"))
    {
        None => DEFAULT_MATCH_DISTANCE,
        Some(v) => match v.as_u64() {
            Some(n) if (1..=MAX_MATCH_DISTANCE).contains(&n) => n as usize,
            _ => {
                errors.push(format!(
                    "{label}: `maximumMatchDistance` must be a whole number from 1 to {MAX_MATCH_DISTANCE}"
                ));
                DEFAULT_MATCH_DISTANCE
            }
        },
    };
    let validator = match obj.get("validator") {
        None | Some(Value::Null) => None,
        Some(v) => match v.as_str().and_then(Validator::for_custom) {
            Some(v) => Some(v),
            None => {
                errors.push(format!("{label}: `validator` must be `luhn` or `mod97`"));
                None
            }
        },
    };
    if errors.len() > before {
        return None;
    }
    let regex = regex?;
    let lower = keywords.iter().map(|k| k.to_lowercase()).collect();
    Some(Compiled {
        rules: KindRules {
            kind: Kind::Custom(Arc::from(name.as_str())),
            pattern: Pattern::Regex(Cow::Owned(pattern.to_string())),
            context: if keywords.is_empty() {
                Context::NotNeeded
            } else {
                Context::Required
            },
            keywords: Cow::Owned(keywords.into_iter().map(Cow::Owned).collect()),
            phrases: Cow::Borrowed(&[]),
            ignore_words: Cow::Owned(ignore_words.into_iter().map(Cow::Owned).collect()),
            max_match_distance: distance,
            validator,
        },
        regex,
        keywords: lower,
    })
}

fn string_list(
    value: Option<&Value>,
    field: &str,
    label: &str,
    errors: &mut Vec<String>,
) -> Vec<String> {
    match value {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::Array(items)) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_string)
            .collect(),
        Some(_) => {
            errors.push(format!("{label}: `{field}` must be an array of strings"));
            Vec::new()
        }
    }
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The check a custom detector's `validator` names, over the matched text: Luhn over its digits
/// (other characters, such as a `POL` prefix or separators, are skipped); mod 97 over its letters
/// and digits.
fn validate(validator: Validator, matched: &str) -> bool {
    match validator {
        Validator::Luhn => {
            let mut digits = [0u8; 64];
            let mut n = 0;
            for b in matched.bytes().filter(u8::is_ascii_digit) {
                if n == digits.len() {
                    return false;
                }
                digits[n] = b;
                n += 1;
            }
            std::str::from_utf8(&digits[..n]).is_ok_and(super::content::validators::luhn)
        }
        Validator::Mod97 => super::content::validators::mod97(matched),
        _ => true,
    }
}

fn find_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    !needle.is_empty()
        && hay.len() >= needle.len()
        && hay
            .windows(needle.len())
            .any(|w| w.eq_ignore_ascii_case(needle))
}

fn contains_ignore_case(hay: &[u8], needle: &[u8]) -> bool {
    find_ignore_case(hay, needle)
}

/// Like [`contains_ignore_case`], ignoring spaces, `_`, `-` and `.` on both sides.
fn contains_ignore_case_skipping(hay: &[u8], needle: &[u8]) -> bool {
    const SKIP: &[u8] = b" _-.";
    let mut h = [0u8; 128];
    let mut n = [0u8; 96];
    let squeeze = |src: &[u8], dst: &mut [u8]| -> Option<usize> {
        let mut len = 0;
        for &b in src.iter().filter(|b| !SKIP.contains(b)) {
            *dst.get_mut(len)? = b;
            len += 1;
        }
        Some(len)
    };
    match (squeeze(hay, &mut h), squeeze(needle, &mut n)) {
        (Some(hl), Some(nl)) => find_ignore_case(&h[..hl], &n[..nl]),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(json: &str) -> (CustomDetectors, Vec<String>) {
        let mut errors = Vec::new();
        let d = CustomDetectors::parse(json, "PII_CUSTOM_DETECTORS", &mut errors);
        (d, errors)
    }

    fn found(d: &CustomDetectors, key: &str, text: &str) -> Vec<String> {
        let mut bits = 0u64;
        d.detect(&Input::new(key, text), &mut bits);
        d.kinds()
            .iter()
            .enumerate()
            .filter(|(i, _)| bits & (1 << i) != 0)
            .map(|(_, k)| k.as_str().to_string())
            .collect()
    }

    #[test]
    fn macie_shape_end_to_end() {
        let (d, errors) = parse(
            r#"[
              {"name": "MEMBER_ID", "regex": "MBR-[0-9]{8}", "keywords": ["member"],
               "ignoreWords": ["MBR-00000000"], "maximumMatchDistance": 20,
               "description": "loyalty member", "severityLevels": []},
              {"name": "POLICY_NO", "regex": "\\bP[0-9]{9}\\b"},
              {"name": "ACME_CARD", "regex": "\\b7[0-9]{15}\\b", "validator": "luhn"}
            ]"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(
            d.kinds().iter().map(Kind::as_str).collect::<Vec<_>>(),
            ["MEMBER_ID", "POLICY_NO", "ACME_CARD"]
        );
        assert_eq!(found(&d, "memberId", "MBR-12345678"), ["MEMBER_ID"]);
        assert_eq!(found(&d, "x", "member MBR-12345678"), ["MEMBER_ID"]);
        assert!(found(&d, "x", "MBR-12345678").is_empty(), "keyword needed");
        assert!(
            found(&d, "x", "member of the club since long ago: MBR-12345678").is_empty(),
            "keyword too far"
        );
        assert!(
            found(&d, "memberId", "MBR-00000000").is_empty(),
            "ignore word"
        );
        assert_eq!(found(&d, "", "policy P123456789 renewed"), ["POLICY_NO"]);
        assert_eq!(found(&d, "", "7000000000000005"), ["ACME_CARD"]);
        assert!(found(&d, "", "7000000000000003").is_empty(), "Luhn fails");
        assert!(found(&d, "", "nothing here").is_empty());
    }

    #[test]
    fn keyword_distance_counts_to_the_end_of_the_match() {
        let (d, errors) = parse(
            r#"[{"name": "EMP", "regex": "E[0-9]{4}", "keywords": ["emp"], "maxMatchDistance": 10}]"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        // "emp " ends 5 characters before the end of "E1234": within 10.
        assert_eq!(found(&d, "", "emp E1234"), ["EMP"]);
        assert!(found(&d, "", "emp xxxxxxxx E1234").is_empty());
        assert_eq!(found(&d, "", "EMP: E1234"), ["EMP"], "keywords ignore case");
    }

    #[test]
    fn mod97_validator() {
        let (d, errors) = parse(
            r#"[{"name": "ACCT_IBAN", "regex": "[A-Z]{2}[0-9]{2}[A-Z0-9]{10,30}", "validator": "mod97"}]"#,
        );
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(found(&d, "", "GB82WEST12345698765432"), ["ACCT_IBAN"]);
        assert!(found(&d, "", "GB82WEST12345698765433").is_empty());
    }

    #[test]
    fn every_mistake_names_its_detector() {
        let (d, errors) = parse(
            r#"[
              {"name": "GOOD", "regex": "G[0-9]+"},
              {"name": "BAD_RE", "regex": "(?<=x)[0-9]+"},
              {"name": "CREDIT_CARD", "regex": "x"},
              {"regex": "y"},
              {"name": "TYPO", "regx": "z"},
              {"name": "LIMITS", "regex": "a", "keywords": ["ab"], "ignoreWords": ["abc"], "maximumMatchDistance": 0, "validator": "crc32"},
              {"name": "GOOD", "regex": "h"},
              "nope"
            ]"#,
        );
        assert!(
            d.kinds().is_empty(),
            "nothing compiles when anything is wrong"
        );
        let all = errors.join("\n");
        for want in [
            "detector 2 (`BAD_RE`): `regex` does not compile",
            "detector 3 (`CREDIT_CARD`): `name` is a built-in kind",
            "detector 4: `name` is missing",
            "detector 5 (`TYPO`): unknown field `regx`",
            "detector 5 (`TYPO`): `regex` is missing",
            "detector 6 (`LIMITS`): keyword `ab` must be 3-90 characters long",
            "detector 6 (`LIMITS`): ignore word `abc` must be 4-90 characters long",
            "detector 6 (`LIMITS`): `maximumMatchDistance` must be a whole number from 1 to 300",
            "detector 6 (`LIMITS`): `validator` must be `luhn` or `mod97`",
            "detector 7 (`GOOD`): the name is used by another detector",
            "detector 8: a detector is a JSON object",
        ] {
            assert!(all.contains(want), "missing `{want}` in:\n{all}");
        }
        assert!(errors
            .iter()
            .all(|e| e.starts_with("PII_CUSTOM_DETECTORS: ")));
    }

    #[test]
    fn size_limits() {
        let long = format!(r#"[{{"name": "LONG", "regex": "{}"}}]"#, "a".repeat(600));
        let (_, errors) = parse(&long);
        assert!(
            errors[0].contains("longer than 512 characters"),
            "{errors:?}"
        );
        let (_, errors) = parse(r#"[{"name": "HUGE", "regex": "\\w{1000}\\w{1000}"}]"#);
        assert!(errors[0].contains("does not compile"), "{errors:?}");
        let many = format!(
            "[{}]",
            (0..31)
                .map(|i| format!(r#"{{"name": "D{i}", "regex": "x{i}"}}"#))
                .collect::<Vec<_>>()
                .join(",")
        );
        let (_, errors) = parse(&many);
        assert!(errors[0].contains("at most 30"), "{errors:?}");
        let (_, errors) = parse("{}");
        assert!(errors[0].contains("expected a JSON array"), "{errors:?}");
        let (_, errors) = parse("[");
        assert!(errors[0].contains("not JSON"), "{errors:?}");
    }
}

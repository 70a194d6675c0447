//! Each kind's rules in one declarative shape, [`KindRules`], the same for the built-in kinds (one
//! file per kind in this folder, as Presidio keeps a recognizer in one file) and for the custom
//! detectors of `PII_CUSTOM_DETECTORS` (Amazon Macie's custom data identifier: `name`, `regex`,
//! `keywords`, `ignoreWords`, `maximumMatchDistance`, plus a `validator`).
//!
//! A built-in kind's pattern is a hand-written matcher of the content engine (no regex pass per
//! kind: one byte loop serves every kind), described here in words; its keywords and phrases
//! feed the engine's context vocabulary, its validator is the check every hit must pass.

use super::kind::{Kind, PiiKind};
use std::borrow::Cow;

pub mod bank;
pub mod card;
pub mod common;
pub mod cvv;
pub mod dob;
pub mod email;
pub mod expiry;
pub mod iban;
pub mod ip;
pub mod nhs;
pub mod passport;
pub mod phone;
pub mod request;
pub mod ssn;

/// A list of words, static for built-in kinds, owned for custom detectors.
pub type Words = Cow<'static, [Cow<'static, str>]>;
/// Two-word phrases (`("security", "code")`): the second word means the kind when the first one
/// comes before it (small words such as `de`, `of`, `la` may sit between them).
pub type Phrases = Cow<'static, [(Cow<'static, str>, Cow<'static, str>)]>;

/// A static [`Words`] list.
macro_rules! words {
    ($($w:literal),* $(,)?) => {
        ::std::borrow::Cow::Borrowed(&[$(::std::borrow::Cow::Borrowed($w)),*])
    };
}
/// A static [`Phrases`] list.
macro_rules! phrases {
    ($(($a:literal, $b:literal)),* $(,)?) => {
        ::std::borrow::Cow::Borrowed(&[$((::std::borrow::Cow::Borrowed($a), ::std::borrow::Cow::Borrowed($b))),*])
    };
}
pub(crate) use {phrases, words};

/// How candidates are found.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Pattern {
    /// A matcher of the built-in engine; the text says which shapes it accepts.
    Builtin(&'static str),
    /// A `regex` crate pattern (custom detectors).
    Regex(Cow<'static, str>),
}

/// When a candidate needs context (a keyword in the key name or near the match).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Context {
    /// Never: the shape and the validator are enough (e-mail, IBAN).
    NotNeeded,
    /// Self-evident shapes count alone (a dashed SSN, a card in card groups, a formatted
    /// phone number); the other shapes need a keyword.
    ForWeakShapes,
    /// Always: the value means nothing without its context (CVV, passport, date of birth).
    Required,
}

/// The check every candidate must pass.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Validator {
    /// Luhn (mod 10) over the digits.
    Luhn,
    /// ISO 7064 mod 97-10 over the alphanumerics, as IBAN check digits (first four characters
    /// moved to the end, letters as 10–35, remainder 1).
    Mod97,
    /// Issuer (IIN) range, a length that issuer uses, and Luhn.
    Card,
    /// SSA rules: area not 000/666/9xx, group not 00, serial not 0000, no published sample.
    UsSsn,
    /// IBAN registry: country, length, BBAN structure, mod 97.
    Iban,
    /// NHS mod 11.
    UkNhs,
    /// libphonenumber metadata: a valid number of its country (or of a default region).
    Phone,
    /// Local part and domain structure, alphabetic top-level domain.
    Email,
    /// A public unicast address (private, loopback, link-local, CGNAT, multicast excluded).
    PublicIp,
    /// A calendar date with a plausible birth year.
    BirthDate,
    /// A month and a year of a card's validity.
    CardExpiry,
    /// An issuing country's passport number format, or the ICAO shape under strong context.
    PassportFormat,
    /// Digit count and grouping of an account, routing number or sort code.
    AccountShape,
}

impl Validator {
    /// The validators a custom detector may name, by their configuration name.
    pub fn for_custom(name: &str) -> Option<Validator> {
        match name.trim().to_ascii_lowercase().as_str() {
            "luhn" => Some(Validator::Luhn),
            "mod97" | "mod-97" | "mod_97" => Some(Validator::Mod97),
            _ => None,
        }
    }
}

/// One kind's rules.
#[derive(Debug, Clone)]
pub struct KindRules {
    /// The kind reported.
    pub kind: Kind,
    /// How candidates are found.
    pub pattern: Pattern,
    /// Words that point at this kind, in key names and in the text before a match, in every
    /// language the engine reads (English, Spanish, French, German, Portuguese), written
    /// without accents (the engine folds `é` to `e`, `ß` to `ss`).
    pub keywords: Words,
    /// Two-word phrases that point at this kind where the words alone do not.
    pub phrases: Phrases,
    /// Matches that contain one of these are ignored (case-sensitive, as Macie does).
    pub ignore_words: Words,
    /// How far before the end of a match a keyword may end, in characters (custom detectors).
    pub max_match_distance: usize,
    pub context: Context,
    pub validator: Option<Validator>,
}

/// The rules of every built-in content kind, in report order (the request kinds' rules are in
/// [`request::RULES`]).
pub fn builtin() -> [&'static KindRules; 12] {
    [
        &card::RULES,
        &ssn::RULES,
        &email::RULES,
        &phone::RULES,
        &iban::RULES,
        &nhs::RULES,
        &ip::RULES,
        &dob::RULES,
        &passport::RULES,
        &bank::RULES,
        &cvv::RULES,
        &expiry::RULES,
    ]
}

/// The rules of a built-in kind (`None` for `FLAG`, which no content detector finds).
pub fn of(kind: PiiKind) -> Option<&'static KindRules> {
    builtin()
        .into_iter()
        .find(|r| r.kind.builtin() == Some(kind))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_content_kind_has_its_rules_once() {
        let kinds: Vec<_> = builtin().iter().filter_map(|r| r.kind.builtin()).collect();
        let expected: Vec<_> = PiiKind::ALL
            .into_iter()
            .filter(|k| *k != PiiKind::Flag && !k.is_request())
            .collect();
        assert_eq!(kinds, expected);
        assert!(of(PiiKind::Flag).is_none());
    }

    #[test]
    fn keywords_are_folded_lower_case() {
        for rules in builtin() {
            for w in rules
                .keywords
                .iter()
                .map(|w| w.trim_end_matches('*'))
                .chain(
                    rules
                        .phrases
                        .iter()
                        .flat_map(|(a, b)| [a.as_ref(), b.as_ref()])
                        .collect::<Vec<_>>(),
                )
            {
                assert!(
                    w.bytes()
                        .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                    "{}: keyword `{w}` must be lower-case ASCII letters and digits",
                    rules.kind
                );
            }
        }
    }
}

//! US_SSN: United States Social Security numbers.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::UsSsn),
    pattern: Pattern::Builtin(
        "Nine digits: `ddd-dd-dddd` is self-evident; `ddd dd dddd`, `ddd.dd.dddd` and nine \
         contiguous digits need a keyword (in the key, before the number, or in the question \
         of the previous conversation turn).",
    ),
    keywords: words![
        "ssn",
        "ssns",
        "socialsecurity",
        "socialsecuritynumber",
        "social",
        "tin"
    ],
    phrases: phrases![
        ("social", "security"),
        ("soc", "sec"),
        ("tax", "id"),
        ("tax", "identification"),
        ("taxpayer", "id"),
        ("taxpayer", "identification"),
    ],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::ForWeakShapes,
    validator: Some(Validator::UsSsn),
};

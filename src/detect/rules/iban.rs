//! IBAN: international bank account numbers.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::Iban),
    pattern: Pattern::Builtin(
        "Two letters, two check digits and the country's BBAN, any case, grouped in fours or not.",
    ),
    keywords: words!["iban"],
    phrases: phrases![],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::NotNeeded,
    validator: Some(Validator::Iban),
};

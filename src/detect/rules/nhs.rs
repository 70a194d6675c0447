//! UK_NHS: NHS numbers of England, Wales and the Isle of Man.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::UkNhs),
    pattern: Pattern::Builtin("Ten digits, or `ddd ddd dddd` / `ddd-ddd-dddd`, with a keyword."),
    keywords: words!["nhs", "nhsno", "nhsnumber"],
    phrases: phrases![("national", "health"), ("health", "service")],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::Required,
    validator: Some(Validator::UkNhs),
};

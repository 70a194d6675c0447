//! EMAIL: e-mail addresses.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::Email),
    pattern: Pattern::Builtin(
        "local@domain.tld anywhere; never the user part of a `sip:`/`sips:` URI, never a file \
         name such as `logo@2x.png`.",
    ),
    keywords: words!["email", "mail", "correo", "courriel", "emailadresse"],
    phrases: phrases![],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::NotNeeded,
    validator: Some(Validator::Email),
};

//! CVV: the card security code (CVV2, CVC2, CID, cryptogramme visuel).

use super::{phrases, words, Context, KindRules, Pattern};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::Cvv),
    pattern: Pattern::Builtin("Three or four digits, with a keyword."),
    keywords: words![
        "cvv",
        "cvv2",
        "cvc",
        "cvc2",
        "cvn",
        "csc",
        "securitycode",
        "cardcode",
        "cryptogramme",
        "sicherheitscode",
        "prufnummer",
        "pruefnummer",
        "kartenprufnummer",
        "kartenpruefnummer",
        "prufziffer",
        "pruefziffer",
    ],
    phrases: phrases![
        ("security", "code"),
        ("card", "code"),
        ("codigo", "seguridad"),
        ("codigo", "seguranca"),
        ("code", "securite"),
        ("codigo", "verificacion"),
        ("codigo", "verificacao"),
        ("three", "digits"),
        ("four", "digits"),
        ("tres", "digitos"),
        ("trois", "chiffres"),
        ("drei", "ziffern"),
    ],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::Required,
    validator: None,
};

//! CVV: the card security code (CVV2, CVC2, CID, cryptogramme visuel).

use super::{phrases, words, Context, KindRules, Pattern, Words};
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
        // `cardVerificationValue`, `card_verification_value`
        ("verification", "value"),
        // Card identification number, the American Express and Discover name (`cardCid`,
        // `amex_cid`); `cid` alone is below.
        ("card", "cid"),
        ("amex", "cid"),
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

/// Key names that are the security code only when the value is one: three or four digits and
/// nothing else. `CID` is the American Express and Discover name of the code, but also a caller
/// id or a conversation id in contact-center data; a caller id is a phone number (seven digits
/// at least) and a conversation id a UUID or a long number, so three or four digits alone under
/// `CID` are the card's code. The key is matched whole or as its last dotted segment
/// (`ivr.CID`), case-insensitively.
pub static CODE_SHAPED_KEYS: Words = words!["cid"];

/// Is `key` one of [`CODE_SHAPED_KEYS`] (whole, or its last `.`-separated segment)?
pub fn code_shaped_key(key: &str) -> bool {
    let last = key.rsplit('.').next().unwrap_or(key);
    CODE_SHAPED_KEYS
        .iter()
        .any(|k| k.eq_ignore_ascii_case(last.trim()))
}

//! CARD_EXPIRY: the month and year a payment card expires.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::CardExpiry),
    pattern: Pattern::Builtin(
        "A month and a year, with a keyword: `mm/yy`, `mm/yyyy`, `mm-yy`, `mm.yyyy`, `mmyy`, \
         `yyyy-mm`, `yyyy/mm`, or a month name (any of the five languages, full or abbreviated) \
         and a four-digit year (`Dec 2027`, `déc. 2027`, `Dezember 2027`).",
    ),
    keywords: words![
        // en
        "exp",
        "expdate",
        "expiry",
        "expiration",
        "expirationdate",
        "expirydate",
        "expire",
        "expires",
        "cardexp",
        "ccexp",
        "validthru",
        // es
        "vencimiento",
        "vence",
        "caducidad",
        "caduca",
        "expiracion",
        "expira",
        // fr
        "validite",
        // de
        "ablaufdatum",
        "ablauf",
        "verfallsdatum",
        "verfall",
        "gultigkeit",
        "gueltigkeit",
        // pt
        "validade",
        "vencimento",
        "expiracao",
    ],
    phrases: phrases![
        ("valid", "thru"),
        ("valid", "through"),
        ("valid", "until"),
        ("good", "thru"),
        ("good", "through"),
        ("gultig", "bis"),
        ("gueltig", "bis"),
        ("valido", "ate"),
        ("valida", "ate"),
        ("valido", "hasta"),
        ("valida", "hasta"),
        ("valable", "jusqu"),
    ],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::Required,
    validator: Some(Validator::CardExpiry),
};

//! PHONE: telephone numbers of every country (libphonenumber metadata).

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::Phone),
    pattern: Pattern::Builtin(
        "Self-evident: `+` international numbers valid for their country; formatted NANP \
         (`(212) 555-0123`, `212.555.0123`) and UK (`020 7946 0958`) numbers. With a keyword: \
         national numbers valid in one of the default regions (`PII_PHONE_REGIONS`, every \
         region by default), in the ways people write them (`0412 345 678`, `089 12345678`, \
         `089/12345678`, `01 42 68 53 00`, `55 8206 3657`), `00` + international, digits \
         without the `+`. Dates and times are never phone numbers; SIP URIs are \
         infrastructure; epoch timestamps are not numbers anyone dials.",
    ),
    keywords: words![
        // en
        "phone",
        "phones",
        "phoneno",
        "phonenum",
        "phonenumber",
        "tel",
        "telephone",
        "telno",
        "mobile",
        "mobileno",
        "mobilenumber",
        "cell",
        "cellphone",
        "cellnumber",
        "landline",
        "fax",
        "sms",
        "whatsapp",
        "msisdn",
        "ani",
        "dnis",
        "dial",
        "call",
        "callback",
        "callbacknumber",
        "contactnumber",
        "callerid",
        "ring",
        "reach",
        "ph",
        // es
        "telefono",
        "movil",
        "celular",
        "fijo",
        "llam*",
        // fr
        "portable",
        "fixe",
        "gsm",
        "rappel*",
        "appel*",
        "joindre",
        "joignable",
        // de
        "telefon",
        "telefonnummer",
        "handy",
        "handynummer",
        "mobil",
        "mobilnummer",
        "rufnummer",
        "mobilfunk",
        "festnetz",
        "anruf*",
        "ruckruf*",
        "zuruckruf*",
        "erreich*",
        // pt
        "telefone",
        "telemovel",
        "ligar",
        "ligue",
        "ligacao",
        "retorn*",
        // stems of every language
        "telef*",
    ],
    phrases: phrases![
        ("caller", "id"),
        ("numero", "contacto"),
        ("numero", "contato"),
        ("numero", "contact"),
    ],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::ForWeakShapes,
    validator: Some(Validator::Phone),
};

//! PASSPORT: passport numbers.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::Passport),
    pattern: Pattern::Builtin(
        "With a keyword nearby: the number format of an issuing country (see \
         `content::passport::FORMATS`: US, GB, DE, FR, ES, IT, NL, BE, CA, AU, NZ, IE, IN, CN, \
         JP, BR, MX, AT, CH, PT, PL, SE, KR, PH, ZA, RU, AR). Under strong context (a passport \
         key, or the keyword right before the number): the ICAO 9303 shape, six to nine letters \
         and digits with at least two digits.",
    ),
    keywords: words![
        "passport",
        "passports",
        "passportno",
        "passportnum",
        "passportnumber",
        "pasaporte",
        "passeport",
        "passeports",
        "reisepass",
        "reisepassnummer",
        "passnummer",
        "passaporte",
    ],
    phrases: phrases![("travel", "document")],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::Required,
    validator: Some(Validator::PassportFormat),
};

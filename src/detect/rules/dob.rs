//! DATE_OF_BIRTH: a date of birth (a date alone is not PII).

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::DateOfBirth),
    pattern: Pattern::Builtin(
        "A calendar date: numeric (`01/02/1980`, `1980-02-01`, `14.03.1985`, `19800201`) or \
         written with a month name in English, Spanish, French, German or Portuguese \
         (`2 January 1980`, `Jan 2, 1980`, `14 de marzo de 1985`, `1er mars 1985`, \
         `14. März 1985`, `14 de março de 1985`).",
    ),
    keywords: words![
        // en
        "dob",
        "bday",
        "birth",
        "birthdate",
        "birthday",
        "born",
        "dateofbirth",
        // es
        "nacimiento",
        "nacido",
        "nacida",
        "nacio",
        "cumpleanos",
        // fr
        "naissance",
        "ne",
        "nee",
        "anniversaire",
        // de
        "geburtsdatum",
        "geburtstag",
        "geboren",
        "geb",
        "gebdatum",
        // pt
        "nascimento",
        "nascido",
        "nascida",
        "nasceu",
        "aniversario",
    ],
    phrases: phrases![],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::Required,
    validator: Some(Validator::BirthDate),
};

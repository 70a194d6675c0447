//! REQUEST_*: the agent asks the customer for sensitive data, in an agent's utterance (a
//! transcript item on the agent's channel) or an agent's turn in notes (`Agent: ... |
//! Customer: ...`). One kind per thing asked for; each kind's rules name the thing (keywords and
//! two-word phrases, five languages, folded); the cues that make a sentence a question or a
//! request, and the negations that make it a mere mention ("we never ask for your PIN"), are
//! shared by all of them.
//!
//! A sentence asks for a kind when it names the thing, carries a request cue (please, I need,
//! give me, dígame, donnez-moi, bitte, preciso...) or is a question (`?`, `¿`) with a question
//! cue (can I have, what is, ¿cuál es, quel est, wie lautet, qual é, and ...?) or one that is
//! not a yes/no question about something else (would you like..., do you..., ¿quiere...?), and
//! carries no negation (never, don't share, nunca, no comparta, jamais, niemals, não
//! compartilhe...).

use super::{phrases, words, Context, KindRules, Pattern, Words};
use crate::detect::kind::{Kind, PiiKind};

const PATTERN: Pattern = Pattern::Builtin(
    "An agent's sentence that names the thing and is a question or a request, without a negation.",
);

/// The order in which kinds claim the words that name them: the specific before the general
/// (`número PIN de la tarjeta` is a PIN, `senha do cartão` a PIN and not a password, `card
/// security code` a CVV), so a word names one thing only.
pub const PRECEDENCE: [PiiKind; 9] = [
    PiiKind::RequestPin,
    PiiKind::RequestCvv,
    PiiKind::RequestCardExpiry,
    PiiKind::RequestPassword,
    PiiKind::RequestUsSsn,
    PiiKind::RequestDateOfBirth,
    PiiKind::RequestBankAccount,
    PiiKind::RequestPassport,
    PiiKind::RequestCreditCard,
];

/// The rules of every request kind, in report order.
pub static RULES: [KindRules; 9] = [
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestCreditCard),
        pattern: PATTERN,
        keywords: words![
            "cardnumber",
            "creditcardnumber",
            "ccnumber",
            "pan",
            "kartennummer",
            "kreditkartennummer",
            "sixteen",
            "dieciseis",
            "seize",
            "sechzehnstellige",
            "dezesseis",
        ],
        phrases: phrases![
            ("card", "number"),
            ("card", "numbers"),
            ("card", "details"),
            ("long", "number"),
            ("numbers", "front"),
            ("digits", "front"),
            ("numbers", "visa"),
            ("numbers", "mastercard"),
            ("numero", "tarjeta"),
            ("numeros", "tarjeta"),
            ("datos", "tarjeta"),
            ("numero", "carte"),
            ("numeros", "carte"),
            ("nummer", "karte"),
            ("nummer", "kreditkarte"),
            ("numero", "cartao"),
            ("numeros", "cartao"),
            ("dados", "cartao"),
        ],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestCvv),
        pattern: PATTERN,
        keywords: words![
            "cvv",
            "cvv2",
            "cvc",
            "cvc2",
            "cvn",
            "csc",
            "cryptogramme",
            "prufnummer",
            "pruefnummer",
            "kartenprufnummer",
            "prufziffer",
            "pruefziffer",
            "sicherheitscode",
        ],
        phrases: phrases![
            ("security", "code"),
            ("three", "digits"),
            ("three", "digit"),
            ("digits", "back"),
            ("numbers", "back"),
            ("codigo", "seguridad"),
            ("tres", "digitos"),
            ("digitos", "reverso"),
            ("digitos", "atras"),
            ("code", "securite"),
            ("trois", "chiffres"),
            ("chiffres", "verso"),
            ("drei", "ziffern"),
            ("codigo", "seguranca"),
            ("digitos", "verso"),
        ],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestCardExpiry),
        pattern: PATTERN,
        keywords: words![
            "expiry",
            "expiration",
            "expire",
            "expires",
            "vencimiento",
            "vence",
            "caducidad",
            "caduca",
            "expiracion",
            "validite",
            "ablaufdatum",
            "verfallsdatum",
            "gultig",
            "gueltig",
            "validade",
            "vencimento",
        ],
        phrases: phrases![("valid", "thru"), ("valid", "until")],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestUsSsn),
        pattern: PATTERN,
        keywords: words!["ssn", "social", "socialsecurity"],
        phrases: phrases![("tax", "id"), ("taxpayer", "id")],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestDateOfBirth),
        pattern: PATTERN,
        keywords: words![
            "dob",
            "birthday",
            "birthdate",
            "born",
            "nacimiento",
            "naissance",
            "geburtsdatum",
            "geburtstag",
            "nascimento",
        ],
        phrases: phrases![("date", "birth"), ("birth", "date")],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestBankAccount),
        pattern: PATTERN,
        keywords: words![
            "iban",
            "routing",
            "sortcode",
            "kontonummer",
            "clabe",
            "bankleitzahl"
        ],
        phrases: phrases![
            ("account", "number"),
            ("account", "details"),
            ("bank", "account"),
            ("sort", "code"),
            ("numero", "cuenta"),
            ("cuenta", "bancaria"),
            ("numero", "compte"),
            ("compte", "bancaire"),
            ("numero", "conta"),
            ("conta", "bancaria"),
        ],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestPassport),
        pattern: PATTERN,
        keywords: words![
            "passport",
            "pasaporte",
            "passeport",
            "reisepass",
            "reisepasses",
            "reisepassnummer",
            "passnummer",
            "passaporte",
        ],
        phrases: phrases![],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestPin),
        pattern: PATTERN,
        keywords: words!["pin", "geheimzahl", "geheimnummer"],
        phrases: phrases![
            ("code", "confidentiel"),
            ("senha", "cartao"),
            ("numero", "secreto")
        ],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestPassword),
        pattern: PATTERN,
        keywords: words![
            "password",
            "passcode",
            "passphrase",
            "contrasena",
            "passwort",
            "kennwort",
            "senha",
        ],
        phrases: phrases![("mot", "passe")],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
];

/// Words that make a sentence a request anywhere: imperatives, "I need", "please", and the
/// infinitives after "could you" (`¿me puede dar`, `pouvez-vous me donner`, `pode me passar`).
pub static CUES: Words = words![
    // en
    "please",
    "need",
    "give",
    "read",
    "tell",
    "confirm",
    "provide",
    "enter",
    "type",
    "key",
    "grab",
    "spell",
    "say",
    "repeat",
    "verify",
    "go",
    "let",
    "mind",
    "telling",
    "giving",
    "reading",
    "confirming",
    "providing",
    // es
    "necesito",
    "necesitamos",
    "digame",
    "diga",
    "deme",
    "indiqueme",
    "indique",
    "confirme",
    "confirmeme",
    "proporcione",
    "proporcioneme",
    "facilite",
    "marque",
    "introduzca",
    "dicte",
    "dar",
    "decir",
    "confirmar",
    "indicar",
    "proporcionar",
    "facilitar",
    "dictar",
    "leer",
    "darme",
    "decirme",
    "confirmarme",
    "indicarme",
    "proporcionarme",
    "facilitarme",
    "dictarme",
    "leerme",
    // fr
    "donnez",
    "indiquez",
    "communiquez",
    "confirmez",
    "saisissez",
    "veuillez",
    "besoin",
    "plait",
    "lire",
    "donner",
    "communiquer",
    "confirmer",
    "saisir",
    "indiquer",
    "epeler",
    // de
    "bitte",
    "nennen",
    "geben",
    "brauche",
    "brauchen",
    "bestatigen",
    "teilen",
    "sagen",
    "durchgeben",
    "eingeben",
    "mitteilen",
    // pt
    "preciso",
    "precisamos",
    "informe",
    "passe",
    "confirme",
    "digite",
    "forneca",
    "passar",
    "informar",
    "dizer",
    "fornecer",
    "digitar",
    "ler",
];

/// Words that make a question a request for what it names: ask verbs and question words
/// (`can I have`, `what is`, `when were you born`, `¿cuál es`, `quel est`, `wie lautet`,
/// `qual é`), and the "and ...?" of an elliptical question (`and the expiry date?`).
pub static QUESTION_CUES: Words = words![
    "have", "get", "take", "what", "whats", "which", "when", "and", "cual", "cuales", "y", "quel",
    "quelle", "quels", "et", "wie", "welche", "welches", "lautet", "und", "qual", "quais", "e",
];

/// A question that starts with one of these (after a filler such as `ok`, `so`) is a yes/no
/// question about something else unless a cue makes it a request: "would you like to update
/// your password?" asks for nothing; "OK, card number first, then the expiry date?" does.
pub static AUXILIARIES: Words = words![
    // en
    "would",
    "do",
    "does",
    "did",
    "is",
    "are",
    "was",
    "were",
    "will",
    "can",
    "could",
    "have",
    "has",
    "should",
    "shall",
    "may",
    "might",
    "where",
    "why",
    "how",
    // es
    "quiere",
    "quieres",
    "desea",
    "tiene",
    "tienes",
    "ha",
    "puede",
    "podria",
    "donde",
    "como",
    // fr
    "voulez",
    "souhaitez",
    "avez",
    "etes",
    "pouvez",
    "pourriez",
    "ou",
    "pourquoi",
    "comment",
    // de
    "mochten",
    "wollen",
    "haben",
    "sind",
    "ist",
    "konnen",
    "konnten",
    "wurden",
    "hat",
    "wo",
    "warum",
    // pt
    "quer",
    "deseja",
    "tem",
    "pode",
    "poderia",
    "onde",
    "porque",
];

/// Fillers before the first word that counts (`OK, card number first?`).
pub static FILLERS: Words = words![
    "ok", "okay", "so", "alright", "great", "perfect", "right", "now", "then", "bien", "bueno",
    "vale", "perfecto", "bon", "parfait", "alors", "gut", "also", "danke", "certo", "perfeito",
    "entao",
];

/// Words that make a sentence a warning, whatever follows: "we never ask for your PIN", "nunca
/// le pediremos", "nous ne vous demanderons jamais", "wir fragen nie".
pub static NEGATIONS: Words = words!["never", "nunca", "jamas", "jamais", "nie", "niemals"];

/// Words that negate a sentence when a verb of [`NEGATED_VERBS`] is within three words of them
/// (`don't share`, `do not give`, `no comparta`, `não compartilhe`, `ne communiquez`, `keine PIN
/// brauchen`); elsewhere they are "no, thanks" or "not the account number".
pub static WEAK_NEGATIONS: Words = words![
    "not", "dont", "wont", "doesnt", "didnt", "cannot", "no", "nao", "ne", "nicht", "kein",
    "keine",
];

/// Verbs of sharing, asking and needing, five languages.
pub static NEGATED_VERBS: Words = words![
    "share",
    "give",
    "need",
    "ask",
    "tell",
    "provide",
    "say",
    "send",
    "disclose",
    "require",
    "want",
    "store",
    "comparta",
    "compartas",
    "comparte",
    "compartir",
    "compartilhe",
    "diga",
    "digas",
    "pediremos",
    "pedimos",
    "pedir",
    "revele",
    "envie",
    "necesito",
    "necesitamos",
    "necesita",
    "preciso",
    "precisamos",
    "precisa",
    "communiquez",
    "donnez",
    "demandons",
    "demanderons",
    "demander",
    "divulguez",
    "geben",
    "weiter",
    "weitergeben",
    "fragen",
    "brauchen",
    "teilen",
    "nennen",
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_rule_per_request_kind_in_order() {
        let kinds: Vec<PiiKind> = RULES.iter().filter_map(|r| r.kind.builtin()).collect();
        assert_eq!(kinds, PiiKind::REQUESTS);
    }

    #[test]
    fn precedence_names_every_kind_once() {
        let mut p = PRECEDENCE.to_vec();
        p.sort();
        assert_eq!(p, PiiKind::REQUESTS);
    }

    #[test]
    fn words_are_folded_lower_case() {
        let all = RULES
            .iter()
            .flat_map(|r| {
                r.keywords
                    .iter()
                    .chain(r.phrases.iter().flat_map(|(a, b)| [a, b]))
            })
            .chain(CUES.iter())
            .chain(QUESTION_CUES.iter())
            .chain(AUXILIARIES.iter())
            .chain(FILLERS.iter())
            .chain(NEGATIONS.iter())
            .chain(WEAK_NEGATIONS.iter())
            .chain(NEGATED_VERBS.iter());
        for w in all {
            assert!(
                w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{w}"
            );
        }
    }
}

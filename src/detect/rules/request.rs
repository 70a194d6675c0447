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
            "kartendaten",
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
            ("number", "card"),
            ("numbers", "card"),
            ("digits", "card"),
            ("numero", "largo"),
            ("numeros", "enfrente"),
            ("numero", "enfrente"),
            ("digitos", "tarjeta"),
            ("long", "numero"),
            ("numero", "devant"),
            ("chiffres", "carte"),
            ("ziffern", "karte"),
            ("numero", "grande"),
            ("digitos", "cartao"),
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
            "prufziffern",
            "pruefziffern",
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
            ("codigo", "verificacion"),
            ("tres", "numeros"),
            ("numeros", "reverso"),
            ("numeros", "atras"),
            ("digitos", "tras"),
            ("code", "dos"),
            ("chiffres", "dos"),
            ("code", "ruckseite"),
            ("ziffern", "ruckseite"),
            ("codigo", "verificacao"),
            ("numeros", "verso"),
        ],
        ignore_words: words!["ssn", "social", "seguro"],
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
            "valable",
            "valida",
            "validez",
            "gultigkeitsdatum",
        ],
        phrases: phrases![("valid", "thru"), ("valid", "until")],
        ignore_words: words![
            "passport",
            "pasaporte",
            "passeport",
            "reisepass",
            "passaporte",
            "password",
            "passwort",
            "contrasena",
            "senha",
        ],
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
            "geburt",
            "geboren",
            "nacio",
            "naciste",
            "nasceu",
        ],
        phrases: phrases![
            ("date", "birth"),
            ("birth", "date"),
            ("month", "birth"),
            ("day", "birth"),
            ("etes", "ne"),
            ("etes", "nee"),
        ],
        ignore_words: words!["party", "fiesta", "fete", "festa", "feier"],
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
            "bankleitzahl",
            "bankverbindung",
            "rib",
            "nib",
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
            ("code", "banque"),
            ("code", "guichet"),
            ("numero", "ruta"),
            ("digitos", "cuenta"),
            ("datos", "bancarios"),
            ("dados", "bancarios"),
        ],
        ignore_words: words![],
        max_match_distance: 0,
        context: Context::Required,
        validator: None,
    },
    KindRules {
        kind: Kind::Builtin(PiiKind::RequestPassport),
        pattern: PATTERN,
        keywords: words!["reisepassnummer", "passnummer", "passportnumber"],
        phrases: phrases![
            ("passport", "number"),
            ("number", "passport"),
            ("pasaporte", "numero"),
            ("numero", "pasaporte"),
            ("passeport", "numero"),
            ("numero", "passeport"),
            ("reisepass", "nummer"),
            ("nummer", "reisepass"),
            ("nummer", "reisepasses"),
            ("passaporte", "numero"),
            ("numero", "passaporte"),
        ],
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
            ("code", "secret"),
            ("code", "quatre"),
            ("codigo", "secreto"),
            ("senha", "cartao"),
            ("senha", "digitos"),
            ("numero", "secreto"),
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
            "kennworts",
            "passworts",
            "senha",
            "clave",
        ],
        phrases: phrases![("mot", "passe"), ("palavra", "passe"), ("code", "acces"),],
        ignore_words: words![
            "reset",
            "restablecer",
            "reinitialiser",
            "zurucksetzen",
            "redefinir",
            "trocar",
            "expired",
            "abgelaufen",
            "expirou",
        ],
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
    "lets",
    "ready",
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
    "favor",
    "amable",
    "lea",
    "leame",
    "leyendome",
    "lee",
    "teclee",
    "dice",
    "confirma",
    "proporciona",
    "deletrea",
    "necesitaria",
    "necesitar",
    "adelante",
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
    "lisez",
    "composez",
    "dictez",
    "epelez",
    "tapez",
    "relire",
    "faut",
    "faudrait",
    "manque",
    "prendre",
    "amabilite",
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
    "lesen",
    "vorlesen",
    "verraten",
    "tippen",
    "benotige",
    "benotigen",
    "brauchte",
    "durfte",
    "darf",
    "aufnehmen",
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
    "passa",
    "fala",
    "falar",
    "tecle",
    "puder",
    "precisar",
];

/// Pairs of words, next to each other or one word apart, that make a sentence a request:
/// asking leave to take it (`can I`, `may I`, `je peux`), wishing to take it (`I'd like`, `going
/// to take`), and waiting for it (`cuando pueda`, `quand vous voulez`, `wenn Sie so weit sind`).
pub static CUE_PAIRS: [(&str, &str); 16] = [
    ("can", "i"),
    ("could", "i"),
    ("may", "i"),
    ("can", "we"),
    ("could", "we"),
    ("id", "like"),
    ("to", "take"),
    ("je", "peux"),
    ("quand", "voulez"),
    ("allez", "y"),
    ("cuando", "pueda"),
    ("cuando", "guste"),
    ("quando", "puder"),
    ("se", "puder"),
    ("so", "weit"),
    ("me", "da"),
];

/// Pairs of words that make a statement as [`STATEMENTS`] do: `j'ai bien`, `j'ai déjà`, and
/// German's object first (`das Geburtsdatum habe ich`).
pub static STATEMENT_PAIRS: [(&str, &str); 3] = [("ai", "bien"), ("ai", "deja"), ("habe", "ich")];

/// Question words that make a sentence a question even when speech-to-text wrote no `?`
/// (`what's your passcode`, `wann sind Sie geboren`, `vous êtes née quand`).
pub static QUESTION_WORDS: Words = words![
    "what", "whats", "which", "when", "whens", "cual", "cuales", "cuando", "quel", "quelle",
    "quels", "quelles", "quand", "wann", "welche", "welcher", "welches", "welchem", "lautet",
    "qual", "quais", "quando",
];

/// Words that make a question a request for what it names: ask verbs and question words
/// (`can I have`, `what is`, `when were you born`, `¿cuál es`, `quel est`, `wie lautet`,
/// `qual é`), and the "and ...?" of an elliptical question (`and the expiry date?`).
pub static QUESTION_CUES: Words = words![
    "have", "get", "take", "what", "whats", "which", "when", "and", "cual", "cuales", "y", "quel",
    "quelle", "quels", "et", "wie", "welche", "welches", "lautet", "und", "qual", "quais", "e",
    "avoir",
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
/// The same for "nobody will ask you", a hand-off to an automated line ("a recording will ask
/// you for the card number"), another time ("next time you'll be asked"), fraud education
/// ("if someone calls asking for your PIN, hang up") and a read-back of a masked value ("the
/// card ending in 1234").
pub static NEGATIONS: Words = words![
    "never",
    "nunca",
    "jamas",
    "jamais",
    "nie",
    "niemals",
    "nobody",
    "nadie",
    "personne",
    "ninguem",
    "niemand",
    "inutile",
    "automated",
    "automatic",
    "automatica",
    "automatico",
    "automatique",
    "automatische",
    "automatischen",
    "recording",
    "grabacion",
    "gravacao",
    "enregistrement",
    "ansage",
    "transfer",
    "transferir",
    "transfere",
    "transferer",
    "verbinde",
    "segura",
    "sicheren",
    "securisee",
    "asked",
    "pediran",
    "gefragt",
    "someone",
    "alguien",
    "alguem",
    "quelqu",
    "jemand",
    "scammers",
    "fraudsters",
    "estafadores",
    "golpistas",
    "escrocs",
    "betruger",
    "cuelgue",
    "desligue",
    "raccrochez",
    "ends",
    "ending",
    "termina",
    "termine",
    "endet",
    "endziffern",
];

/// Words that negate a sentence when a verb of [`NEGATED_VERBS`] is within three words of them
/// (`don't share`, `do not give`, `no comparta`, `não compartilhe`, `ne communiquez`, `keine PIN
/// brauchen`); elsewhere they are "no, thanks" or "not the account number".
pub static WEAK_NEGATIONS: Words = words![
    "not", "dont", "wont", "doesnt", "didnt", "cannot", "no", "nao", "ne", "pas", "kein", "keine",
];

/// Pairs of words that negate a sentence as [`NEGATIONS`] do (`pas besoin`: French `dont` is
/// no negation, so `besoin` is no verb of [`NEGATED_VERBS`]).
pub static NEGATION_PAIRS: [(&str, &str); 1] = [("pas", "besoin")];

/// A weak negation that negates a verb up to six words before it, as German puts it last
/// (`nennen Sie mir das Ablaufdatum nicht`).
pub static LATE_NEGATIONS: Words = words!["nicht"];

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
    "sagen",
    "dites",
    "lire",
    "lea",
    "fale",
    "falar",
];

/// Words that make the part of a sentence they sit in a statement about data already given, not
/// a request for it: "I've got the card number", "the expiry date went through", "la fecha que
/// me dio no coincide", "j'ai bien le cryptogramme", "das Geburtsdatum ist notiert", "o número
/// foi validado", "the date of birth we have is correct".
pub static STATEMENTS: Words = words![
    // en
    "got",
    "gave",
    "given",
    "noted",
    "verified",
    "validated",
    "through",
    "match",
    "matches",
    "correct",
    "used",
    "sent",
    "already",
    "earlier",
    // es
    "tengo",
    "dio",
    "leyo",
    "paso",
    "coincide",
    "anotado",
    "anotada",
    "verificado",
    "verificada",
    "correcto",
    "correcta",
    "queda",
    "quedo",
    // fr
    "deja",
    "notee",
    "note",
    "validee",
    "correspond",
    "correcte",
    "donne",
    "lue",
    "avons",
    // de
    "notiert",
    "bestatigt",
    "genannt",
    "vorgelesen",
    "passt",
    "stimmt",
    "ging",
    "richtig",
    "schon",
    "gespeichert",
    // pt
    "anotei",
    "tenho",
    "passou",
    "confere",
    "validado",
    "validada",
    "correto",
    "correta",
];

/// Words that ask again for what a statement says failed: "the card number didn't go through,
/// can you repeat it?", "me lo puede repetir", "vous pouvez me le relire", "noch einmal".
pub static REREQUESTS: Words = words![
    "again",
    "repeat",
    "repetir",
    "repita",
    "relire",
    "repeter",
    "nochmal",
    "einmal",
    "novamente",
];

/// Words that start a new part of a sentence: the statement before ("the expiry went through")
/// and the request after ("now the three digits on the back") are read apart.
pub static BOUNDARIES: Words = words![
    "and",
    "then",
    "now",
    "y",
    "luego",
    "ahora",
    "et",
    "ensuite",
    "puis",
    "maintenant",
    "und",
    "dann",
    "jetzt",
    "e",
    "agora",
    "depois",
    "when",
    "whenever",
    "cuando",
    "quand",
    "wenn",
    "quando",
];

/// A part of a sentence made of these words and the words that name the thing is an elliptical
/// request ("and the three digits on the back", "Ensuite votre RIB.", "das Ablaufdatum bitte"):
/// articles, possessives, prepositions, fillers, and the words that describe the thing.
pub static ELLIPSIS: Words = words![
    // en
    "the",
    "a",
    "your",
    "you",
    "of",
    "on",
    "in",
    "at",
    "from",
    "for",
    "me",
    "first",
    "last",
    "full",
    "whole",
    "complete",
    "four",
    "three",
    "two",
    "six",
    "eight",
    "digit",
    "digits",
    "number",
    "numbers",
    "long",
    "front",
    "back",
    "card",
    "month",
    "year",
    "day",
    "just",
    "to",
    "verify",
    "okay",
    "ok",
    "right",
    "so",
    "um",
    "uh",
    "er",
    "thanks",
    "thank",
    "yeah",
    "yes",
    "too",
    "also",
    "youd",
    "wanna",
    "want",
    "like",
    "use",
    "pay",
    "with",
    "would",
    // es
    "el",
    "la",
    "los",
    "las",
    "su",
    "sus",
    "de",
    "del",
    "este",
    "eh",
    "pues",
    "vale",
    "bueno",
    "ver",
    "o",
    "sea",
    "gracias",
    "numero",
    "numeros",
    "digitos",
    "completo",
    "completa",
    "tarjeta",
    "mes",
    "ano",
    "dia",
    "ultimos",
    "cuatro",
    "tres",
    "primeros",
    "que",
    "para",
    "verificar",
    "entonces",
    "muy",
    "bien",
    "seguro",
    "seis",
    "ocho",
    "veinte",
    "dieciseis",
    "fecha",
    "codigo",
    // fr
    "le",
    "l",
    "les",
    "du",
    "des",
    "d",
    "votre",
    "vos",
    "donc",
    "euh",
    "ben",
    "bon",
    "merci",
    "chiffres",
    "carte",
    "code",
    "six",
    "huit",
    "date",
    "jour",
    "mois",
    "annee",
    "seize",
    "trois",
    "quatre",
    "au",
    "pour",
    "verification",
    "titulaire",
    "premiers",
    "derniers",
    "voila",
    "alors",
    // de
    "der",
    "die",
    "das",
    "dem",
    "den",
    "ihr",
    "ihre",
    "ihren",
    "ihres",
    "noch",
    "ah",
    "ahm",
    "nummer",
    "karte",
    "drei",
    "vier",
    "ziffern",
    "auf",
    "zur",
    "verifizierung",
    "karteninhabers",
    "also",
    "gut",
    "prima",
    "super",
    "sechs",
    "acht",
    "datum",
    // pt
    "os",
    "as",
    "seu",
    "sua",
    "do",
    "da",
    "dos",
    "das",
    "ta",
    "certo",
    "olha",
    "ha",
    "ahn",
    "cartao",
    "dezesseis",
    "frente",
    "grande",
    "obrigado",
    "entao",
    "pronto",
    "beleza",
    "data",
    "quatro",
    "oito",
];

/// "is" at the end of an elliptical request (`and your social is`, `et le numéro de carte
/// c'est`); elsewhere it makes a statement ("the security code is the three digits on the
/// back").
pub static COPULAS: Words = words!["is", "es", "c", "est", "ist"];

/// First-person possessives: "my password" is the agent's own.
pub static OWN: Words =
    words!["my", "mon", "ma", "mes", "mein", "meine", "meinen", "mi", "mis", "meu", "minha",];

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
                    .chain(r.ignore_words.iter())
            })
            .chain(CUES.iter())
            .chain(QUESTION_CUES.iter())
            .chain(AUXILIARIES.iter())
            .chain(FILLERS.iter())
            .chain(NEGATIONS.iter())
            .chain(WEAK_NEGATIONS.iter())
            .chain(NEGATED_VERBS.iter())
            .chain(LATE_NEGATIONS.iter())
            .chain(QUESTION_WORDS.iter())
            .chain(STATEMENTS.iter())
            .chain(REREQUESTS.iter())
            .chain(BOUNDARIES.iter())
            .chain(ELLIPSIS.iter())
            .chain(OWN.iter())
            .chain(COPULAS.iter())
            .map(|w| &**w)
            .chain(
                CUE_PAIRS
                    .iter()
                    .chain(STATEMENT_PAIRS.iter())
                    .chain(NEGATION_PAIRS.iter())
                    .flat_map(|(a, b)| [*a, *b]),
            );
        for w in all {
            assert!(
                w.bytes()
                    .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit()),
                "{w}"
            );
        }
    }
}

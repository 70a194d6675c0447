//! CREDIT_CARD: payment card numbers (PAN).

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::CreditCard),
    pattern: Pattern::Builtin(
        "12-19 digits that pass the validator. Self-evident: card-shaped groups (4-4-4-4, \
         4-4-4-4-3, 4-6-5, 4-6-4, separated by spaces, dashes or dots). Contiguous digits: with \
         a keyword, or anywhere in free text (notes, transcripts, prose) unless an identifier \
         word (order, tracking, invoice, ticket, reference...) governs them.",
    ),
    keywords: words![
        // en
        "card",
        "cards",
        "cardno",
        "cardnum",
        "cardnumber",
        "credit",
        "creditcard",
        "debit",
        "debitcard",
        "paymentcard",
        "cc",
        "ccn",
        "ccno",
        "ccnum",
        "ccnumber",
        "pan",
        "visa",
        "mastercard",
        "amex",
        "discover",
        "diners",
        "jcb",
        "maestro",
        "unionpay",
        // es, pt
        "tarjeta",
        "tarjetas",
        "credito",
        "debito",
        "cartao",
        "cartoes",
        // fr
        "carte",
        "cartes",
        // de
        "karte",
        "karten",
        "kreditkarte",
        "kreditkarten",
        "kartennummer",
        "kreditkartennummer",
        "bankkarte",
        "girokarte",
        "debitkarte",
    ],
    phrases: phrases![],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::ForWeakShapes,
    validator: Some(Validator::Card),
};

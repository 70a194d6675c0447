//! BANK_ACCOUNT: bank account numbers, routing numbers and sort codes.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::BankAccount),
    pattern: Pattern::Builtin(
        "Six to twenty digits (spaces or dashes between groups: `0123 4567 8901`, Spanish \
         `2100 0418 45 0200051332`, Brazilian `12345-6`), or a UK sort code `20-00-00`, with a \
         keyword.",
    ),
    keywords: words![
        // en
        "account",
        "accountno",
        "accountnum",
        "accountnumber",
        "acct",
        "acctno",
        "acctnum",
        "acctnumber",
        "bank",
        "bankaccount",
        "banking",
        "checking",
        "savings",
        "routing",
        "sortcode",
        "aba",
        // es
        "cuenta",
        "cuentas",
        "clabe",
        // fr
        "compte",
        "rib",
        // de
        "konto",
        "kontonummer",
        "bankkonto",
        "girokonto",
        "bankleitzahl",
        "blz",
        // pt
        "conta",
        "contas",
    ],
    phrases: phrases![("sort", "code"), ("routing", "number")],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::Required,
    validator: Some(Validator::AccountShape),
};

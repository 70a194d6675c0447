//! The kinds pii-pause reports: the built-in kinds ([`PiiKind`]: PII kinds and the request kinds
//! of an agent asking for sensitive data), a kind as a finding carries it ([`Kind`]: built-in or
//! a custom detector's name), and a small set type over the built-in kinds.

use serde::{Deserialize, Serialize, Serializer};
use std::fmt;
use std::str::FromStr;
use std::sync::Arc;

/// One built-in kind. The names (see [`PiiKind::as_str`]) are part of the public contract:
/// they appear in findings, reports, metrics and the CLI output.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum PiiKind {
    /// An upstream system set a flag attribute that says "PII present".
    Flag,
    CreditCard,
    UsSsn,
    Email,
    Phone,
    Iban,
    UkNhs,
    IpAddress,
    DateOfBirth,
    Passport,
    BankAccount,
    Cvv,
    CardExpiry,
    /// The agent asked for a card number (a transcript or an agent's turn in notes).
    RequestCreditCard,
    RequestCvv,
    RequestCardExpiry,
    RequestUsSsn,
    RequestDateOfBirth,
    RequestBankAccount,
    RequestPassport,
    RequestPin,
    RequestPassword,
}

impl PiiKind {
    /// Every kind, in report order.
    pub const ALL: [PiiKind; 22] = [
        PiiKind::Flag,
        PiiKind::CreditCard,
        PiiKind::UsSsn,
        PiiKind::Email,
        PiiKind::Phone,
        PiiKind::Iban,
        PiiKind::UkNhs,
        PiiKind::IpAddress,
        PiiKind::DateOfBirth,
        PiiKind::Passport,
        PiiKind::BankAccount,
        PiiKind::Cvv,
        PiiKind::CardExpiry,
        PiiKind::RequestCreditCard,
        PiiKind::RequestCvv,
        PiiKind::RequestCardExpiry,
        PiiKind::RequestUsSsn,
        PiiKind::RequestDateOfBirth,
        PiiKind::RequestBankAccount,
        PiiKind::RequestPassport,
        PiiKind::RequestPin,
        PiiKind::RequestPassword,
    ];

    /// The request kinds: the agent asked for sensitive data (no PII was given yet).
    pub const REQUESTS: [PiiKind; 9] = [
        PiiKind::RequestCreditCard,
        PiiKind::RequestCvv,
        PiiKind::RequestCardExpiry,
        PiiKind::RequestUsSsn,
        PiiKind::RequestDateOfBirth,
        PiiKind::RequestBankAccount,
        PiiKind::RequestPassport,
        PiiKind::RequestPin,
        PiiKind::RequestPassword,
    ];

    /// Is this a request kind (`REQUEST_*`) rather than PII found?
    pub const fn is_request(self) -> bool {
        matches!(
            self,
            PiiKind::RequestCreditCard
                | PiiKind::RequestCvv
                | PiiKind::RequestCardExpiry
                | PiiKind::RequestUsSsn
                | PiiKind::RequestDateOfBirth
                | PiiKind::RequestBankAccount
                | PiiKind::RequestPassport
                | PiiKind::RequestPin
                | PiiKind::RequestPassword
        )
    }

    /// The wire name, e.g. `CREDIT_CARD`.
    pub const fn as_str(self) -> &'static str {
        match self {
            PiiKind::Flag => "FLAG",
            PiiKind::CreditCard => "CREDIT_CARD",
            PiiKind::UsSsn => "US_SSN",
            PiiKind::Email => "EMAIL",
            PiiKind::Phone => "PHONE",
            PiiKind::Iban => "IBAN",
            PiiKind::UkNhs => "UK_NHS",
            PiiKind::IpAddress => "IP_ADDRESS",
            PiiKind::DateOfBirth => "DATE_OF_BIRTH",
            PiiKind::Passport => "PASSPORT",
            PiiKind::BankAccount => "BANK_ACCOUNT",
            PiiKind::Cvv => "CVV",
            PiiKind::CardExpiry => "CARD_EXPIRY",
            PiiKind::RequestCreditCard => "REQUEST_CREDIT_CARD",
            PiiKind::RequestCvv => "REQUEST_CVV",
            PiiKind::RequestCardExpiry => "REQUEST_CARD_EXPIRY",
            PiiKind::RequestUsSsn => "REQUEST_US_SSN",
            PiiKind::RequestDateOfBirth => "REQUEST_DATE_OF_BIRTH",
            PiiKind::RequestBankAccount => "REQUEST_BANK_ACCOUNT",
            PiiKind::RequestPassport => "REQUEST_PASSPORT",
            PiiKind::RequestPin => "REQUEST_PIN",
            PiiKind::RequestPassword => "REQUEST_PASSWORD",
        }
    }

    const fn bit(self) -> u32 {
        1 << (self as u32)
    }
}

impl fmt::Display for PiiKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// The error for a kind name that is not one of [`PiiKind::ALL`].
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown PII kind `{0}`; known kinds: {known}", known = known_kinds())]
pub struct UnknownKind(pub String);

fn known_kinds() -> String {
    PiiKind::ALL.map(PiiKind::as_str).join(", ")
}

impl FromStr for PiiKind {
    type Err = UnknownKind;
    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let wanted = s.trim();
        PiiKind::ALL
            .into_iter()
            .find(|k| k.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| UnknownKind(wanted.to_string()))
    }
}

/// The kind a finding carries: a built-in kind, or the `name` of a custom detector. Serializes as
/// its name (`"CREDIT_CARD"`, `"MEMBER_ID"`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Kind {
    Builtin(PiiKind),
    Custom(Arc<str>),
}

impl Kind {
    /// The name used in findings, reports, metrics and the ledger.
    pub fn as_str(&self) -> &str {
        match self {
            Kind::Builtin(k) => k.as_str(),
            Kind::Custom(name) => name,
        }
    }

    /// Is this a request kind (the agent asked for sensitive data) rather than PII found?
    pub fn is_request(&self) -> bool {
        self.builtin().is_some_and(PiiKind::is_request)
    }

    /// The built-in kind, if it is one.
    pub fn builtin(&self) -> Option<PiiKind> {
        match self {
            Kind::Builtin(k) => Some(*k),
            Kind::Custom(_) => None,
        }
    }
}

impl From<PiiKind> for Kind {
    fn from(kind: PiiKind) -> Self {
        Kind::Builtin(kind)
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Serialize for Kind {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

/// A set of [`PiiKind`]s, stored as a bit set (cheap to copy, no allocation).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash)]
pub struct KindSet(u32);

impl KindSet {
    pub const EMPTY: KindSet = KindSet(0);

    /// Every kind.
    pub fn all() -> Self {
        PiiKind::ALL.into_iter().collect()
    }

    /// The request kinds.
    pub fn requests() -> Self {
        PiiKind::REQUESTS.into_iter().collect()
    }

    pub fn insert(&mut self, kind: PiiKind) {
        self.0 |= kind.bit();
    }

    pub fn remove(&mut self, kind: PiiKind) {
        self.0 &= !kind.bit();
    }

    pub fn contains(self, kind: PiiKind) -> bool {
        self.0 & kind.bit() != 0
    }

    pub fn is_empty(self) -> bool {
        self.0 == 0
    }

    pub fn len(self) -> usize {
        self.0.count_ones() as usize
    }

    pub fn union(self, other: KindSet) -> KindSet {
        KindSet(self.0 | other.0)
    }

    pub fn intersection(self, other: KindSet) -> KindSet {
        KindSet(self.0 & other.0)
    }

    /// The kinds in the set, in [`PiiKind::ALL`] order.
    pub fn iter(self) -> impl Iterator<Item = PiiKind> {
        PiiKind::ALL.into_iter().filter(move |k| self.contains(*k))
    }
}

impl FromIterator<PiiKind> for KindSet {
    fn from_iter<I: IntoIterator<Item = PiiKind>>(iter: I) -> Self {
        let mut set = KindSet::EMPTY;
        for kind in iter {
            set.insert(kind);
        }
        set
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_round_trip_and_serde_agrees() {
        for kind in PiiKind::ALL {
            assert_eq!(kind.as_str().parse::<PiiKind>(), Ok(kind));
            let json = serde_json::to_string(&kind).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
            let json = serde_json::to_string(&Kind::from(kind)).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
        assert_eq!("credit_card".parse::<PiiKind>(), Ok(PiiKind::CreditCard));
        assert!("CARD".parse::<PiiKind>().is_err());
        let custom = Kind::Custom("MEMBER_ID".into());
        assert_eq!(custom.as_str(), "MEMBER_ID");
        assert_eq!(
            serde_json::to_string(&custom).unwrap_or_default(),
            "\"MEMBER_ID\""
        );
        assert_eq!(Kind::from(PiiKind::Email).builtin(), Some(PiiKind::Email));
    }

    #[test]
    fn set_operations() {
        let mut set = KindSet::EMPTY;
        assert!(set.is_empty());
        set.insert(PiiKind::Iban);
        set.insert(PiiKind::Flag);
        set.insert(PiiKind::Iban);
        assert_eq!(set.len(), 2);
        assert_eq!(
            set.iter().collect::<Vec<_>>(),
            vec![PiiKind::Flag, PiiKind::Iban]
        );
        set.remove(PiiKind::Flag);
        assert!(!set.contains(PiiKind::Flag));
        assert_eq!(KindSet::all().len(), PiiKind::ALL.len());
        assert_eq!(KindSet::requests().len(), 9);
        assert!(PiiKind::ALL
            .iter()
            .all(|k| k.is_request() == k.as_str().starts_with("REQUEST_")));
        assert!(Kind::from(PiiKind::RequestPin).is_request());
        assert!(!Kind::Custom("REQUEST_X".into()).is_request());
    }
}

//! The export decision of one conversation, from what was found and what the platform confirmed:
//! `allow` (no PII), `redact` (PII, pause confirmed: drop the fields, trim the audio before the pause),
//! `hold` (PII, or PII not ruled out, and no confirmed pause). Platform-agnostic.

use crate::detect::ScanResult;
use crate::report::{Export, Redaction};
use crate::time;

/// What is known of a conversation when its export is decided.
#[derive(Debug, Clone, Copy)]
pub struct Facts<'a> {
    pub scan: &'a ScanResult,
    /// Part of the conversation could not be scanned or read: PII cannot be ruled out.
    pub unscanned: bool,
    /// When the platform confirmed that the recording is securely paused (epoch ms), if it did.
    pub pause_confirmed_at_ms: Option<u64>,
}

/// The decision and, for `redact`, what the export must drop and trim.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Decision {
    pub export: Export,
    pub redact: Option<Redaction>,
}

/// Decides. Telephony identity alone (ANI, DNIS, call addresses) is PII in the metadata but no reason to pause:
/// it makes the export `redact` with those fields and nothing to trim in the audio.
pub fn decide(facts: Facts<'_>) -> Decision {
    let scan = facts.scan;
    let hold = Decision {
        export: Export::Hold,
        redact: None,
    };
    if facts.unscanned || scan.incomplete.is_some() {
        return hold;
    }
    if scan.pii() {
        return match facts.pause_confirmed_at_ms {
            Some(at) => Decision {
                export: Export::Redact,
                redact: Some(Redaction {
                    fields: scan.redact_fields(),
                    recording_until: Some(time::iso8601_ms(at)),
                }),
            },
            None => hold,
        };
    }
    if !scan.telephony.is_empty() {
        return Decision {
            export: Export::Redact,
            redact: Some(Redaction {
                fields: scan.redact_fields(),
                recording_until: None,
            }),
        };
    }
    Decision {
        export: Export::Allow,
        redact: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::{Finding, PiiKind};

    fn scan(findings: &[(PiiKind, &str)], flags: &[&str], telephony: &[&str]) -> ScanResult {
        ScanResult {
            findings: findings
                .iter()
                .map(|(kind, field)| Finding {
                    kind: (*kind).into(),
                    field: field.to_string(),
                })
                .collect(),
            flag_fields: flags.iter().map(|f| f.to_string()).collect(),
            telephony: telephony.iter().map(|f| f.to_string()).collect(),
            ..ScanResult::default()
        }
    }

    fn facts(scan: &ScanResult, unscanned: bool, at: Option<u64>) -> Decision {
        decide(Facts {
            scan,
            unscanned,
            pause_confirmed_at_ms: at,
        })
    }

    #[test]
    fn no_pii_is_allow() {
        let s = scan(&[], &[], &[]);
        assert_eq!(facts(&s, false, None).export, Export::Allow);
        assert_eq!(facts(&s, false, None).redact, None);
    }

    #[test]
    fn pii_with_a_confirmed_pause_is_redact_with_fields_and_the_instant() {
        let s = scan(
            &[
                (PiiKind::Flag, "attributes.PII_Detected"),
                (PiiKind::CreditCard, "attributes.cardNumber"),
            ],
            &["attributes.PII_Detected"],
            &["sessions[0].ani"],
        );
        let d = facts(&s, false, Some(1_730_815_407_123));
        assert_eq!(d.export, Export::Redact);
        assert_eq!(
            d.redact,
            Some(Redaction {
                fields: vec!["attributes.cardNumber".into(), "sessions[0].ani".into()],
                recording_until: Some("2024-11-05T14:03:27.123Z".into()),
            })
        );
    }

    #[test]
    fn pii_without_a_confirmed_pause_is_hold() {
        let s = scan(&[(PiiKind::Email, "notes")], &[], &[]);
        assert_eq!(facts(&s, false, None).export, Export::Hold);
    }

    #[test]
    fn what_could_not_be_scanned_is_hold_even_with_a_pause() {
        let s = scan(&[], &[], &[]);
        assert_eq!(facts(&s, true, Some(1)).export, Export::Hold);
        let mut incomplete = scan(&[(PiiKind::Email, "notes")], &[], &[]);
        incomplete.incomplete = Some("too deep".into());
        assert_eq!(facts(&incomplete, false, Some(1)).export, Export::Hold);
    }

    #[test]
    fn telephony_alone_is_redact_with_nothing_to_trim() {
        let s = scan(&[], &[], &["participants[0].ani", "participants[0].dnis"]);
        let d = facts(&s, false, None);
        assert_eq!(d.export, Export::Redact);
        assert_eq!(
            d.redact,
            Some(Redaction {
                fields: vec!["participants[0].ani".into(), "participants[0].dnis".into()],
                recording_until: None,
            })
        );
    }
}

//! IBAN: the SWIFT registry's country lengths and BBAN structures, and the ISO 7064 mod-97-10 check.

/// (country code, BBAN structure) from the SWIFT IBAN registry (release 101, as shipped in
/// python-stdnum 2.2). Structure: runs of `<count><class>` where class `n` = digit, `a` =
/// upper-case letter, `c` = letter or digit. The IBAN length is 4 + the BBAN length.
#[rustfmt::skip]
const COUNTRIES: &[([u8; 2], &str)] = &[
    (*b"AD", "4n4n12c"),
    (*b"AE", "3n16n"),
    (*b"AL", "8n16c"),
    (*b"AT", "5n11n"),
    (*b"AZ", "4a20c"),
    (*b"BA", "3n3n8n2n"),
    (*b"BE", "3n7n2n"),
    (*b"BG", "4a4n2n8c"),
    (*b"BH", "4a14c"),
    (*b"BI", "5n5n11n2n"),
    (*b"BR", "8n5n10n1a1c"),
    (*b"BY", "4c4n16c"),
    (*b"CH", "5n12c"),
    (*b"CR", "4n14n"),
    (*b"CY", "3n5n16c"),
    (*b"CZ", "4n16n"),
    (*b"DE", "8n10n"),
    (*b"DJ", "5n5n11n2n"),
    (*b"DK", "4n9n1n"),
    (*b"DO", "4c20n"),
    (*b"EE", "2n14n"),
    (*b"EG", "4n4n17n"),
    (*b"ES", "4n4n1n1n10n"),
    (*b"FI", "3n11n"),
    (*b"FK", "2a12n"),
    (*b"FO", "4n9n1n"),
    (*b"FR", "5n5n11c2n"),
    (*b"GB", "4a6n8n"),
    (*b"GE", "2a16n"),
    (*b"GI", "4a15c"),
    (*b"GL", "4n9n1n"),
    (*b"GR", "3n4n16c"),
    (*b"GT", "4c20c"),
    (*b"HN", "4a20n"),
    (*b"HR", "7n10n"),
    (*b"HU", "3n4n1n15n1n"),
    (*b"IE", "4a6n8n"),
    (*b"IL", "3n3n13n"),
    (*b"IQ", "4a3n12n"),
    (*b"IS", "4n2n6n10n"),
    (*b"IT", "1a5n5n12c"),
    (*b"JO", "4a4n18c"),
    (*b"KW", "4a22c"),
    (*b"KZ", "3n13c"),
    (*b"LB", "4n20c"),
    (*b"LC", "4a24c"),
    (*b"LI", "5n12c"),
    (*b"LT", "5n11n"),
    (*b"LU", "3n13c"),
    (*b"LV", "4a13c"),
    (*b"LY", "3n3n15n"),
    (*b"MC", "5n5n11c2n"),
    (*b"MD", "2c18c"),
    (*b"ME", "3n13n2n"),
    (*b"MK", "3n10c2n"),
    (*b"MN", "4n12n"),
    (*b"MR", "5n5n11n2n"),
    (*b"MT", "4a5n18c"),
    (*b"MU", "4a2n2n12n3n3a"),
    (*b"NI", "4a20n"),
    (*b"NL", "4a10n"),
    (*b"NO", "4n6n1n"),
    (*b"OM", "3n16c"),
    (*b"PK", "4a16c"),
    (*b"PL", "8n16n"),
    (*b"PS", "4a21c"),
    (*b"PT", "4n4n11n2n"),
    (*b"QA", "4a21c"),
    (*b"RO", "4a16c"),
    (*b"RS", "3n13n2n"),
    (*b"RU", "9n5n15c"),
    (*b"SA", "2n18c"),
    (*b"SC", "4a2n2n16n3a"),
    (*b"SD", "2n12n"),
    (*b"SE", "3n16n1n"),
    (*b"SI", "5n8n2n"),
    (*b"SK", "4n6n10n"),
    (*b"SM", "1a5n5n12c"),
    (*b"SO", "4n3n12n"),
    (*b"ST", "4n4n11n2n"),
    (*b"SV", "4a20n"),
    (*b"TL", "3n14n2n"),
    (*b"TN", "2n3n13n2n"),
    (*b"TR", "5n1n16c"),
    (*b"UA", "6n19c"),
    (*b"VA", "3n15n"),
    (*b"VG", "4a16n"),
    (*b"XK", "4n10n2n"),
    (*b"YE", "4a4n18c"),
];

fn bban_structure(cc: [u8; 2]) -> Option<&'static str> {
    COUNTRIES
        .binary_search_by(|(c, _)| c.cmp(&cc))
        .ok()
        .map(|i| COUNTRIES[i].1)
}

/// Length of the BBAN a structure string describes.
fn structure_len(structure: &str) -> usize {
    let mut total = 0;
    let mut n = 0;
    for b in structure.bytes() {
        if b.is_ascii_digit() {
            n = n * 10 + usize::from(b - b'0');
        } else {
            total += n;
            n = 0;
        }
    }
    total
}

/// The full IBAN length for a country code (upper case), if the country uses IBANs.
pub(crate) fn iban_len(cc: [u8; 2]) -> Option<usize> {
    bban_structure(cc).map(|s| 4 + structure_len(s))
}

fn bban_matches(structure: &str, bban: &[u8]) -> bool {
    let mut pos = 0;
    let mut n = 0usize;
    for b in structure.bytes() {
        if b.is_ascii_digit() {
            n = n * 10 + usize::from(b - b'0');
            continue;
        }
        let Some(part) = bban.get(pos..pos + n) else {
            return false;
        };
        let ok = match b {
            b'n' => part.iter().all(u8::is_ascii_digit),
            b'a' => part.iter().all(u8::is_ascii_uppercase),
            _ => part.iter().all(u8::is_ascii_alphanumeric),
        };
        if !ok {
            return false;
        }
        pos += n;
        n = 0;
    }
    pos == bban.len()
}

/// ISO 7064 mod 97-10 over the rearranged IBAN (BBAN, then country and check digits).
fn mod97(compact: &[u8]) -> bool {
    let mut rem = 0u32;
    let mut feed = |b: u8| {
        if b.is_ascii_digit() {
            rem = (rem * 10 + u32::from(b - b'0')) % 97;
        } else {
            rem = (rem * 100 + u32::from(b - b'A') + 10) % 97;
        }
    };
    compact[4..]
        .iter()
        .chain(&compact[..4])
        .for_each(|&b| feed(b));
    rem == 1
}

/// Validates a compact, upper-case IBAN: country, length, BBAN structure and mod-97.
pub(crate) fn iban_compact(c: &[u8]) -> bool {
    if c.len() < 5 || !c.iter().all(u8::is_ascii_alphanumeric) {
        return false;
    }
    if !(c[0].is_ascii_uppercase() && c[1].is_ascii_uppercase()) {
        return false;
    }
    if !(c[2].is_ascii_digit() && c[3].is_ascii_digit()) {
        return false;
    }
    let Some(structure) = bban_structure([c[0], c[1]]) else {
        return false;
    };
    c.len() == 4 + structure_len(structure) && bban_matches(structure, &c[4..]) && mod97(c)
}

/// Validates text: spaces, dashes and dots are ignored and letters may be in any case.
pub(crate) fn iban_text(s: &[u8]) -> bool {
    let mut buf = [0u8; 34];
    let mut n = 0;
    for &b in s {
        match b {
            b' ' | b'-' | b'.' => {}
            _ if b.is_ascii_alphanumeric() => {
                if n == buf.len() {
                    return false;
                }
                buf[n] = b.to_ascii_uppercase();
                n += 1;
            }
            _ => return false,
        }
    }
    iban_compact(&buf[..n])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        iban_text(s.as_bytes())
    }

    #[test]
    fn valid_examples() {
        assert!(ok("GB82WEST12345698765432"));
        assert!(ok("GB82 WEST 1234 5698 7654 32"));
        assert!(ok("gb82 west 1234 5698 7654 32"));
        assert!(ok("DE89370400440532013000"));
        assert!(ok("FR1420041010050500013M02606"));
        assert!(ok("NL91ABNA0417164300"));
        assert!(ok("MU17BOMM0101101030300200000MUR"));
    }

    #[test]
    fn invalid_examples() {
        assert!(!ok("GB82WEST12345698765433")); // check digits
        assert!(!ok("GB82WEST1234569876543")); // length
        assert!(!ok("XX82WEST12345698765432")); // unknown country
        assert!(!ok("US12345678901234567890")); // no IBAN in the US
        assert!(!ok("GB82W3ST12345698765432")); // BBAN structure (bank code letters)
        assert!(!ok("GB82WEST1234569876543X"));
        assert!(!ok(""));
        assert!(!ok("GB82_WEST12345698765432"));
    }

    #[test]
    fn table_is_sorted() {
        assert!(COUNTRIES.windows(2).all(|w| w[0].0 < w[1].0));
    }

    #[test]
    fn lengths() {
        assert_eq!(iban_len(*b"GB"), Some(22));
        assert_eq!(iban_len(*b"DE"), Some(22));
        assert_eq!(iban_len(*b"NO"), Some(15));
        assert_eq!(iban_len(*b"RU"), Some(33));
        assert_eq!(iban_len(*b"US"), None);
    }
}

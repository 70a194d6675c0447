//! Phone numbers: E.164 (country calling code + allowed national length), full NANP validity
//! (area code and exchange, as libphonenumber assigns them) and full UK validity, over the static
//! tables in `phone_tables.rs` (generated from phonenumbers metadata, nothing loaded at run time).

use super::phone_tables::{COUNTRY_LENGTHS, NANP_VALID, UK_VALID_10, UK_VALID_7, UK_VALID_9};

fn digits_value(d: &[u8]) -> Option<u64> {
    if d.is_empty() || d.len() > 18 {
        return None;
    }
    let mut v = 0u64;
    for &b in d {
        if !b.is_ascii_digit() {
            return None;
        }
        v = v * 10 + u64::from(b - b'0');
    }
    Some(v)
}

fn in_ranges(ranges: &[(u64, u64)], v: u64) -> bool {
    // Ranges are sorted and disjoint: find the last range starting at or before v.
    let idx = ranges.partition_point(|&(lo, _)| lo <= v);
    idx > 0 && v <= ranges[idx - 1].1
}

/// A valid NANP number: ten digits NPA-NXX-XXXX, or eleven with the leading `1`.
pub(crate) fn nanp_digits(d: &[u8]) -> bool {
    let d = match d.len() {
        11 if d[0] == b'1' => &d[1..],
        10 => d,
        _ => return false,
    };
    digits_value(d).is_some_and(|v| in_ranges(NANP_VALID, v))
}

/// A valid UK national significant number (no trunk `0`, no country code).
pub(crate) fn uk_nsn(d: &[u8]) -> bool {
    let table = match d.len() {
        10 => UK_VALID_10,
        9 => UK_VALID_9,
        7 => UK_VALID_7,
        _ => return false,
    };
    d.first().is_some_and(|&b| b != b'0') && digits_value(d).is_some_and(|v| in_ranges(table, v))
}

/// A valid UK number written nationally, with its trunk `0` (`020 7946 0958` → `02079460958`).
pub(crate) fn uk_national(d: &[u8]) -> bool {
    d.len() >= 8 && d[0] == b'0' && uk_nsn(&d[1..])
}

/// Splits `digits` (everything after the `+`) into a known country calling code and the rest.
pub(crate) fn split_country_code(d: &[u8]) -> Option<(u16, &[u8])> {
    for n in 1..=3 {
        if d.len() <= n {
            return None;
        }
        let cc = digits_value(&d[..n])? as u16;
        if let Ok(i) = COUNTRY_LENGTHS.binary_search_by_key(&cc, |&(c, _)| c) {
            return Some((COUNTRY_LENGTHS[i].0, &d[n..]));
        }
    }
    None
}

/// An international number given as its digits after `+`: known country calling code and a
/// national significant number of an allowed length; NANP (`+1`) and UK (`+44`) numbers must be
/// fully valid. National-only (local) lengths are not accepted.
pub(crate) fn e164_digits(d: &[u8]) -> bool {
    if d.len() > 15 || d.first().is_none_or(|&b| b == b'0') {
        return false;
    }
    let Some((cc, nsn)) = split_country_code(d) else {
        return false;
    };
    match cc {
        1 => nanp_digits(nsn),
        44 => uk_nsn(nsn),
        _ => {
            let mask = COUNTRY_LENGTHS
                .binary_search_by_key(&cc, |&(c, _)| c)
                .map_or(0, |i| COUNTRY_LENGTHS[i].1);
            nsn.len() < 32 && (mask >> nsn.len()) & 1 == 1
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nanp() {
        assert!(nanp_digits(b"2125550123"));
        assert!(nanp_digits(b"12125550123"));
        assert!(nanp_digits(b"8005550100"));
        assert!(!nanp_digits(b"1730815407")); // epoch seconds: area codes never start with 1
        assert!(!nanp_digits(b"5551234567")); // area code 555 is not assigned
        assert!(!nanp_digits(b"2121550123")); // exchange cannot start with 1
        assert!(!nanp_digits(b"0125550123"));
        assert!(!nanp_digits(b"212555012"));
    }

    #[test]
    fn uk() {
        assert!(uk_national(b"02079460958"));
        assert!(uk_national(b"01614960000"));
        assert!(uk_national(b"07911123456"));
        assert!(uk_national(b"08001234567"));
        assert!(!uk_national(b"07700900123")); // Ofcom drama range: not a valid number
        assert!(!uk_national(b"0207946095"));
        assert!(!uk_national(b"12079460958"));
    }

    #[test]
    fn e164() {
        assert!(e164_digits(b"12125550123"));
        assert!(e164_digits(b"442079460958"));
        assert!(e164_digits(b"4915112345678")); // DE mobile
        assert!(e164_digits(b"33612345678")); // FR
        assert!(!e164_digits(b"3361234567")); // FR wrong length
        assert!(!e164_digits(b"15551234567")); // NANP area 555
        assert!(!e164_digits(b"999123456789")); // no such country code
        assert!(!e164_digits(b"1234567890123456")); // too long
        assert!(!e164_digits(b""));
    }
}

//! US Social Security numbers: area/group/serial rules and the famous sample numbers.

/// Numbers that were published as examples and are rejected like python-stdnum and Presidio do
/// (078-05-1120 from the Woolworth wallet insert, 219-09-9999 from an SSA pamphlet, 457-55-5462 from
/// LifeLock advertising) plus 123-45-6789, the textbook placeholder.
const SAMPLES: [&[u8; 9]; 4] = [b"078051120", b"219099999", b"457555462", b"123456789"];

/// Validates nine ASCII digits: area not 000, 666 or 900–999; group not 00; serial not 0000;
/// not one of the sample numbers.
pub(crate) fn ssn_digits(d: &[u8]) -> bool {
    if d.len() != 9 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let area = &d[..3];
    if area == b"000" || area == b"666" || area[0] == b'9' {
        return false;
    }
    if &d[3..5] == b"00" || &d[5..] == b"0000" {
        return false;
    }
    !SAMPLES.iter().any(|s| s.as_slice() == d)
}

/// Accepts `ddd-dd-dddd`, `ddd dd dddd`, `ddd.dd.dddd` (one delimiter kind, not mixed) or nine
/// contiguous digits, then applies [`ssn_digits`].
pub(crate) fn ssn_text(s: &[u8]) -> bool {
    match s.len() {
        9 => ssn_digits(s),
        11 => {
            let (d1, d2) = (s[3], s[6]);
            if d1 != d2 || !matches!(d1, b'-' | b' ' | b'.') {
                return false;
            }
            let mut buf = [0u8; 9];
            buf[..3].copy_from_slice(&s[..3]);
            buf[3..5].copy_from_slice(&s[4..6]);
            buf[5..].copy_from_slice(&s[7..]);
            ssn_digits(&buf)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(s: &str) -> bool {
        ssn_text(s.as_bytes())
    }

    #[test]
    fn valid_forms() {
        assert!(ok("536-22-1234"));
        assert!(ok("536 22 1234"));
        assert!(ok("536.22.1234"));
        assert!(ok("536221234"));
        assert!(ok("001-01-0001"));
        assert!(ok("899-99-9999"));
    }

    #[test]
    fn invalid_areas_groups_serials() {
        assert!(!ok("000-12-3456"));
        assert!(!ok("666-12-3456"));
        assert!(!ok("900-12-3456"));
        assert!(!ok("987-65-4320"));
        assert!(!ok("536-00-1234"));
        assert!(!ok("536-22-0000"));
    }

    #[test]
    fn famous_samples_and_mixed_delimiters() {
        assert!(!ok("078-05-1120"));
        assert!(!ok("219-09-9999"));
        assert!(!ok("457-55-5462"));
        assert!(!ok("123-45-6789"));
        assert!(!ok("123456789"));
        assert!(!ok("536-22 1234"));
        assert!(!ok("536.22-1234"));
        assert!(!ok("536/22/1234"));
        assert!(!ok("53622123"));
        assert!(!ok("53a221234"));
    }
}

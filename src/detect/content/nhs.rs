//! UK NHS numbers: ten digits with a mod-11 check digit. Only ever reported with NHS context,
//! because about one random ten-digit number in eleven passes the check.

/// Validates ten ASCII digits: weights 10..2 on the first nine, check digit = 11 - (sum mod 11),
/// where 11 maps to 0 and 10 is invalid.
pub(crate) fn nhs_digits(d: &[u8]) -> bool {
    if d.len() != 10 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let sum: u32 = d[..9]
        .iter()
        .zip((2..=10u32).rev())
        .map(|(&b, w)| u32::from(b - b'0') * w)
        .sum();
    let check = match 11 - sum % 11 {
        11 => 0,
        10 => return false,
        c => c,
    };
    check == u32::from(d[9] - b'0')
}

/// Accepts `ddd ddd dddd`, `ddd-ddd-dddd` (one delimiter kind) or ten contiguous digits.
pub(crate) fn nhs_text(s: &[u8]) -> bool {
    match s.len() {
        10 => nhs_digits(s),
        12 => {
            let (d1, d2) = (s[3], s[7]);
            if d1 != d2 || !matches!(d1, b' ' | b'-') {
                return false;
            }
            let mut buf = [0u8; 10];
            buf[..3].copy_from_slice(&s[..3]);
            buf[3..6].copy_from_slice(&s[4..7]);
            buf[6..].copy_from_slice(&s[8..]);
            nhs_digits(&buf)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_numbers() {
        assert!(nhs_text(b"9434765919"));
        assert!(nhs_text(b"943 476 5919"));
        assert!(nhs_text(b"943-476-5919"));
        assert!(nhs_text(b"4505577104"));
        assert!(!nhs_text(b"9434765918"));
        assert!(!nhs_text(b"943 476-5919"));
        assert!(!nhs_text(b"943476591"));
        // The trap: a US phone number that passes mod-11 (the engine only checks it with NHS context).
        assert!(nhs_text(b"6868409516"));
    }

    #[test]
    fn check_digit_ten_is_invalid() {
        // 000000001x: sum = 2 -> 11 - 2 = 9; find a prefix whose check would be 10: sum % 11 == 1.
        // 100000000x: sum = 10 -> 11 - 10 = 1. 000000010x: sum = 3 -> 8. 0000000 05x: 5*2=10 -> 1.
        // 000000060x: 6*3 = 18 % 11 = 7 -> 4. 000000 4 0 0: 4*4 = 16 % 11 = 5 -> 6.
        // 010000000x: 9 % 11 = 9 -> 2 ... 000000100x: 4 -> 7; 000000 0 0 6: 12 % 11 = 1 -> 10 (invalid).
        for last in b'0'..=b'9' {
            let d = [b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'0', b'6', last];
            assert!(!nhs_digits(&d));
        }
    }
}

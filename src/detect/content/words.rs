//! Letter-led tokens: IBANs (`GB82 WEST 1234 5698 7654 32`, any case, grouped in fours or not).

use super::iban::{iban_compact, iban_len};

/// If an IBAN starts at `i` (two letters, two digits), its end.
pub(crate) fn iban_at(s: &[u8], i: usize) -> Option<usize> {
    let head = s.get(i..i + 4)?;
    if !(head[0].is_ascii_alphabetic()
        && head[1].is_ascii_alphabetic()
        && head[2].is_ascii_digit()
        && head[3].is_ascii_digit())
    {
        return None;
    }
    let len = iban_len([head[0].to_ascii_uppercase(), head[1].to_ascii_uppercase()])?;
    let mut buf = [0u8; 34];
    let mut n = 0;
    let mut p = i;
    while n < len && p < s.len() {
        let b = s[p];
        if b.is_ascii_alphanumeric() {
            buf[n] = b.to_ascii_uppercase();
            n += 1;
            p += 1;
        } else if matches!(b, b' ' | b'-')
            && n % 4 == 0
            && s.get(p + 1).is_some_and(u8::is_ascii_alphanumeric)
        {
            p += 1;
        } else {
            break;
        }
    }
    let bounded = !s
        .get(p)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b == b'_');
    (n == len && bounded && iban_compact(&buf[..n])).then_some(p)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ibans_in_text() {
        let s = b"IBAN GB82 WEST 1234 5698 7654 32 please";
        assert_eq!(iban_at(s, 5), Some(32));
        let s = b"to de89370400440532013000.";
        assert_eq!(iban_at(s, 3), Some(25));
        assert_eq!(iban_at(b"GB82 WEST 1234 5698 7654 3210", 0), None);
        assert_eq!(iban_at(b"GB82WEST12345698765433", 0), None);
        assert_eq!(iban_at(b"GB82", 0), None);
    }
}

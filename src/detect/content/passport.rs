//! Passport numbers: the formats of common issuing countries, and the ICAO 9303 shape (up to
//! nine letters and digits) for numbers of any other country under strong context.

/// Number formats by issuing country, as the issuing offices and public specimens show them.
/// `d` is a digit, `a` a letter, `x` a letter or digit, `f` one of `CFGHJK` and `g` a character
/// of the German passport alphabet (`CFGHJKLMNPRTVWXYZ` and digits); an upper-case letter is
/// itself.
#[rustfmt::skip]
pub const FORMATS: &[(&str, &[&str])] = &[
    ("US", &["ddddddddd", "adddddddd"]),
    ("GB", &["ddddddddd"]),
    ("DE", &["fgggggggg"]),
    ("FR", &["ddaaddddd"]),
    ("ES", &["aaadddddd", "aadddddd"]),
    ("IT", &["aaddddddd"]),
    ("NL", &["aaxxxxxxd"]),
    ("BE", &["aadddddd"]),
    ("CA", &["aadddddd"]),
    ("AU", &["addddddd", "aaddddddd"]),
    ("NZ", &["aadddddd"]),
    ("IE", &["aaddddddd"]),
    ("IN", &["addddddd"]),
    ("CN", &["Edddddddd", "Gdddddddd", "Eaddddddd"]),
    ("JP", &["aaddddddd"]),
    ("BR", &["aadddddd"]),
    ("MX", &["adddddddd"]),
    ("AT", &["addddddd"]),
    ("CH", &["addddddd"]),
    ("PT", &["adddddd"]),
    ("PL", &["aaddddddd"]),
    ("SE", &["dddddddd"]),
    ("KR", &["Mdddddddd", "adddadddd"]),
    ("PH", &["Pddddddda"]),
    ("ZA", &["adddddddd"]),
    ("RU", &["ddddddddd"]),
    ("AR", &["aaadddddd"]),
];

fn fits(shape: &str, token: &[u8]) -> bool {
    shape.len() == token.len()
        && shape.bytes().zip(token).all(|(c, &t)| {
            let t = t.to_ascii_uppercase();
            match c {
                b'd' => t.is_ascii_digit(),
                b'a' => t.is_ascii_uppercase(),
                b'x' => t.is_ascii_alphanumeric(),
                b'f' => b"CFGHJK".contains(&t),
                b'g' => t.is_ascii_digit() || b"CFGHJKLMNPRTVWXYZ".contains(&t),
                lit => lit == t,
            }
        })
}

/// A passport number format of one of the countries in [`FORMATS`] (any case).
pub(crate) fn country_format(token: &[u8]) -> bool {
    FORMATS
        .iter()
        .any(|(_, shapes)| shapes.iter().any(|s| fits(s, token)))
}

/// The ICAO 9303 document number shape: six to nine letters and digits, at least two digits.
pub(crate) fn icao_shape(token: &[u8]) -> bool {
    (6..=9).contains(&token.len())
        && token.iter().all(u8::is_ascii_alphanumeric)
        && token.iter().filter(|b| b.is_ascii_digit()).count() >= 2
}

/// The end of the letters-and-digits token that starts at `i`, if it is bounded (no `_`, `-`
/// joins it to more) and 6 to 9 characters long (every format and the ICAO shape fit).
pub(crate) fn token_at(s: &[u8], i: usize) -> Option<usize> {
    let len = s[i..]
        .iter()
        .take(10)
        .take_while(|b| b.is_ascii_alphanumeric())
        .count();
    let end = i + len;
    let joined = s.get(end).is_some_and(|&b| {
        b == b'_'
            || (matches!(b, b'-' | b'/') && s.get(end + 1).is_some_and(u8::is_ascii_alphanumeric))
    });
    ((6..=9).contains(&len) && !joined).then_some(end)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_of_issuing_countries() {
        for ok in [
            "C01X00T47",
            "12AB34567",
            "PAA123456",
            "YA1234567",
            "NW9C2R5K1",
            "N1234567",
            "E12345678",
            "EA1234567",
            "P1234567A",
            "M12345678",
            "123456789",
            "AB123456",
            "ab123456",
        ] {
            assert!(country_format(ok.as_bytes()), "{ok}");
        }
        for no in [
            "C01X00T4",
            "ABCDEFGHI",
            "1234567",
            "AB12345678",
            "I01X00T47",
        ] {
            assert!(!country_format(no.as_bytes()), "{no}");
        }
        assert_eq!(FORMATS.len(), 27);
    }

    #[test]
    fn icao_shape_needs_digits() {
        assert!(icao_shape(b"X7Y8Z9Q"));
        assert!(!icao_shape(b"ABCDEF1"));
        assert!(!icao_shape(b"AB1234567890"));
    }

    #[test]
    fn tokens() {
        assert_eq!(token_at(b"no. C01X00T47.", 4), Some(13));
        assert_eq!(token_at(b"C01X00T47_x", 0), None);
        assert_eq!(token_at(b"ABC12", 0), None);
    }
}

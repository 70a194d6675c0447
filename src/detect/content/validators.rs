//! The public validators: small, allocation-free checks over text, usable on their own
//! (cross-checked against python-stdnum and phonenumbers in `tests/validator_crosscheck.rs`).

/// Digits of `s` with the separators in `seps` removed; `None` for any other character or more
/// than 32 digits.
fn compact(s: &str, seps: &[u8]) -> Option<([u8; 32], usize)> {
    let mut buf = [0u8; 32];
    let mut n = 0;
    for &b in s.trim().as_bytes() {
        if b.is_ascii_digit() {
            *buf.get_mut(n)? = b;
            n += 1;
        } else if !seps.contains(&b) {
            return None;
        }
    }
    Some((buf, n))
}

/// Luhn (mod 10) checksum over the digits of `digits` (spaces and dashes ignored).
pub fn luhn(digits: &str) -> bool {
    compact(digits, b" -").is_some_and(|(d, n)| super::card::luhn_digits(&d[..n]))
}

/// ISO 7064 mod 97-10 over the letters and digits of `s` as IBAN check digits are computed: the
/// first four characters moved to the end, letters as 10–35, remainder 1. Spaces and dashes are
/// ignored; anything else fails; at least five characters.
pub fn mod97(s: &str) -> bool {
    let chars = || s.trim().bytes().filter(|b| !matches!(b, b' ' | b'-'));
    let n = chars().count();
    if !(5..=64).contains(&n) || !chars().all(|b| b.is_ascii_alphanumeric()) {
        return false;
    }
    let mut rem = 0u32;
    for b in chars().skip(4).chain(chars().take(4)) {
        let v = if b.is_ascii_digit() {
            u32::from(b - b'0')
        } else {
            u32::from(b.to_ascii_uppercase() - b'A') + 10
        };
        rem = if v >= 10 {
            (rem * 100 + v) % 97
        } else {
            (rem * 10 + v) % 97
        };
    }
    rem == 1
}

/// Payment card number: a known issuer (IIN) range, a length that issuer uses, and Luhn.
/// Spaces and dashes are ignored.
pub fn card_number(digits: &str) -> bool {
    compact(digits, b" -").is_some_and(|(d, n)| super::card::card_digits(&d[..n]))
}

/// US SSN: `ddd-dd-dddd`, `ddd dd dddd`, `ddd.dd.dddd` or nine digits; area not 000/666/9xx,
/// group not 00, serial not 0000, not a famous sample (078-05-1120, 219-09-9999, 457-55-5462,
/// 123-45-6789); mixed delimiters rejected.
pub fn us_ssn(s: &str) -> bool {
    super::ssn::ssn_text(s.trim().as_bytes())
}

/// IBAN: country, registry length, BBAN structure, mod-97. Spaces allowed, any case.
pub fn iban(s: &str) -> bool {
    super::iban::iban_text(s.trim().as_bytes())
}

/// UK NHS number: ten digits (optionally `ddd ddd dddd` / `ddd-ddd-dddd`) with a valid mod-11
/// check digit.
pub fn uk_nhs(s: &str) -> bool {
    super::nhs::nhs_text(s.trim().as_bytes())
}

/// An international number `+<country code><national number>` (spaces, dashes, dots and
/// parentheses ignored), valid for its country as libphonenumber's metadata says.
pub fn phone_e164(s: &str) -> bool {
    let Some(rest) = s.trim().strip_prefix('+') else {
        return false;
    };
    compact(rest, b" -.()").is_some_and(|(d, n)| super::phone::international(&d[..n]))
}

/// A valid NANP number: `(212) 555-0123`, `212.555.0123`, `1-212-555-0123`, `2125550123`.
pub fn nanp_phone(s: &str) -> bool {
    compact(s, b" -.()").is_some_and(|(d, n)| super::phone::nanp_digits(&d[..n]))
}

/// A valid UK number written nationally: `020 7946 0958`, `07911 123456`.
pub fn uk_phone(s: &str) -> bool {
    compact(s, b" -()").is_some_and(|(d, n)| super::phone::uk_national(&d[..n]))
}

/// Any phone number the engine accepts in a phone field: `+` international, a national number
/// of any region, or `00` + international; never a timestamp written as one run of digits.
pub fn phone(s: &str) -> bool {
    let t = s.trim();
    if t.starts_with('+') {
        return phone_e164(t);
    }
    if t.bytes().all(|b| b.is_ascii_digit()) && super::exclusions::is_timestamp(t.as_bytes()) {
        return false;
    }
    compact(t, b" -.()")
        .is_some_and(|(d, n)| super::numeric::phone_digits(&d[..n], &super::PhoneRegions::all()))
}

/// A valid number of `region` (ISO 3166 code) written nationally: `0412 345 678` in AU,
/// `089 12345678` in DE. `false` for an unknown region.
pub fn national_phone(s: &str, region: &str) -> bool {
    let Ok(regions) = super::PhoneRegions::parse(region) else {
        return false;
    };
    compact(s, b" -.()/").is_some_and(|(d, n)| super::phone::national(&d[..n], &regions))
}

/// An IPv4 or IPv6 address (text form), any range.
pub fn ip_address(s: &str) -> bool {
    let b = s.trim().as_bytes();
    super::ip::parse_ipv4(b).is_some() || super::ip::parse_ipv6(b).is_some()
}

/// An IP address that can be a customer's public address (private, loopback, link-local,
/// CGNAT, multicast and reserved ranges excluded).
pub fn public_ip(s: &str) -> bool {
    let b = s.trim().as_bytes();
    super::ip::parse_ipv4(b).is_some_and(super::ip::ipv4_public)
        || super::ip::parse_ipv6(b).is_some_and(super::ip::ipv6_public)
}

/// The whole of `s` is one e-mail address.
pub fn email(s: &str) -> bool {
    let t = s.trim();
    !t.contains(char::is_whitespace)
        && t.bytes().filter(|&b| b == b'@').count() == 1
        && super::email::contains_email(t.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn public_surface() {
        assert!(luhn("4111 1111 1111 1111"));
        assert!(!luhn("4111 1111 1111 1112"));
        assert!(!luhn("41x1"));
        assert!(card_number("4111-1111-1111-1111"));
        assert!(mod97("GB82 WEST 1234 5698 7654 32"));
        assert!(!mod97("GB82 WEST 1234 5698 7654 33"));
        assert!(!mod97("GB8"));
        assert!(card_number("2223000048410010"));
        assert!(!card_number("4000123412341235"));
        assert!(us_ssn("536-22-1234"));
        assert!(!us_ssn("078-05-1120"));
        assert!(iban("GB82 WEST 1234 5698 7654 32"));
        assert!(uk_nhs("943 476 5919"));
        assert!(phone_e164("+1 (212) 555-0123"));
        assert!(phone_e164("+44 20 7946 0958"));
        assert!(!phone_e164("2125550123"));
        assert!(nanp_phone("(212) 555-0123"));
        assert!(uk_phone("020 7946 0958"));
        assert!(phone("0044 20 7946 0958"));
        assert!(phone("212.555.0123"));
        assert!(!phone("1730815407"));
        assert!(ip_address("10.2.14.3"));
        assert!(!public_ip("10.2.14.3"));
        assert!(public_ip("81.2.69.160"));
        assert!(public_ip("2001:db8::1"));
        assert!(email("jane@example.com"));
        assert!(!email("jane@example.com bob@example.com"));
    }
}

//! Payment card numbers: the Luhn checksum, the issuer (IIN) range and length table, and the
//! card-shaped digit groupings accepted in formatted text (`4111 1111 1111 1111`, `3782 822463 10005`).

/// Luhn (mod 10) over ASCII digits. `false` for fewer than two digits or any non-digit.
pub(crate) fn luhn_digits(digits: &[u8]) -> bool {
    if digits.len() < 2 {
        return false;
    }
    let mut sum = 0u32;
    for (i, &b) in digits.iter().rev().enumerate() {
        if !b.is_ascii_digit() {
            return false;
        }
        let mut d = u32::from(b - b'0');
        if i % 2 == 1 {
            d *= 2;
            if d > 9 {
                d -= 9;
            }
        }
        sum += d;
    }
    sum.is_multiple_of(10)
}

/// Lengths as a bit mask: bit `n` set means `n` digits are allowed.
const fn lengths(lo: u32, hi: u32) -> u32 {
    let mut mask = 0;
    let mut n = lo;
    while n <= hi {
        mask |= 1 << n;
        n += 1;
    }
    mask
}

const L13_16_19: u32 = (1 << 13) | (1 << 16) | (1 << 19);
const L16: u32 = 1 << 16;
const L15: u32 = 1 << 15;
const L16_19: u32 = lengths(16, 19);
const L14_19: u32 = lengths(14, 19);
const L12_19: u32 = lengths(12, 19);

/// Issuer ranges: (first prefix, last prefix, number of prefix digits, allowed lengths).
/// Sources: ISO/IEC 7812 issuer ranges as published by the networks (Visa, Mastercard incl. the
/// 2-series, Amex, Discover incl. the China UnionPay co-brand range, Diners, JCB incl. the legacy
/// 15-digit 1800/2131 ranges, UnionPay, Maestro, Mir, RuPay, Troy, Verve, InstaPayment, Dankort).
/// UATP (prefix 1, 15 digits) is left out on purpose: it collides with epoch-millisecond shapes.
#[rustfmt::skip]
const IIN_RANGES: &[(u32, u32, u8, u32)] = &[
    (4, 4, 1, L13_16_19),                // Visa (incl. Electron)
    (51, 55, 2, L16),                    // Mastercard
    (2221, 2720, 4, L16),                // Mastercard 2-series
    (34, 34, 2, L15),                    // American Express
    (37, 37, 2, L15),
    (6011, 6011, 4, L16_19),             // Discover
    (644, 649, 3, L16_19),
    (65, 65, 2, L16_19),
    (622126, 622925, 6, L16_19),         // Discover / China UnionPay co-brand
    (300, 305, 3, L14_19),               // Diners Club / Carte Blanche
    (3095, 3095, 4, L14_19),
    (36, 36, 2, L14_19),
    (38, 39, 2, L14_19),
    (3528, 3589, 4, L16_19),             // JCB
    (1800, 1800, 4, L15),                // JCB legacy 15-digit
    (2131, 2131, 4, L15),
    (62, 62, 2, L16_19),                 // UnionPay
    (2200, 2204, 4, L16_19),             // Mir
    (5018, 5018, 4, L12_19),             // Maestro
    (5020, 5020, 4, L12_19),
    (5038, 5038, 4, L12_19),
    (56, 58, 2, L12_19),
    (5893, 5893, 4, L12_19),
    (6304, 6304, 4, L12_19),
    (6390, 6390, 4, L12_19),
    (6759, 6759, 4, L12_19),
    (6761, 6763, 4, L12_19),
    (604, 604, 3, L12_19),               // Maestro 0604 (leading zero: see `iin_ok`)
    (5019, 5019, 4, L16),                // Dankort
    (60, 60, 2, L16),                    // RuPay
    (508, 508, 3, L16),
    (636, 636, 3, L16_19),               // InterPayment
    (637, 639, 3, L16),                  // InstaPayment
    (506099, 506198, 6, (1 << 16) | (1 << 18) | (1 << 19)), // Verve
    (650002, 650027, 6, (1 << 16) | (1 << 18) | (1 << 19)),
    (9792, 9792, 4, L16),                // Troy
];

fn prefix_value(digits: &[u8], n: usize) -> Option<u32> {
    if digits.len() < n {
        return None;
    }
    let mut v = 0u32;
    for &b in &digits[..n] {
        v = v * 10 + u32::from(b.wrapping_sub(b'0'));
    }
    Some(v)
}

/// Is this digit string in a known issuer range with a length that issuer uses?
pub(crate) fn iin_ok(digits: &[u8]) -> bool {
    let len = digits.len();
    if !(12..=19).contains(&len) {
        return false;
    }
    // Maestro 0604xx: the only issuer range that starts with a zero.
    if digits[0] == b'0' {
        return digits.starts_with(b"0604") && (L12_19 >> len) & 1 == 1;
    }
    IIN_RANGES.iter().any(|&(lo, hi, n, lens)| {
        (lens >> len) & 1 == 1
            && prefix_value(digits, usize::from(n)).is_some_and(|p| (lo..=hi).contains(&p))
    })
}

/// IIN range + length + Luhn over ASCII digits.
pub(crate) fn card_digits(digits: &[u8]) -> bool {
    iin_ok(digits) && luhn_digits(digits)
}

/// Card-shaped grouping of a formatted number: groups of four with a last group of 1–4
/// (`4-4-4-4`, `4-4-4-4-3`, `4-4-4`), Amex `4-6-5` and Diners `4-6-4`.
pub(crate) fn card_grouping(lens: &[u32]) -> bool {
    match lens {
        [4, 6, 5] | [4, 6, 4] => true,
        [rest @ .., last] if rest.len() >= 2 => {
            rest.iter().all(|&l| l == 4) && (1..=4).contains(last)
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn card(s: &str) -> bool {
        card_digits(s.as_bytes())
    }

    #[test]
    fn luhn_known_values() {
        assert!(luhn_digits(b"79927398713"));
        assert!(!luhn_digits(b"79927398710"));
        assert!(!luhn_digits(b"0"));
        assert!(!luhn_digits(b"12a4"));
        assert!(luhn_digits(b"00"));
    }

    #[test]
    fn issuer_ranges_and_lengths() {
        assert!(card("4111111111111111")); // Visa 16
        assert!(card("4222222222222")); // Visa 13
        assert!(card("4111111111111111110")); // Visa 19 (Luhn-valid)
        assert!(card("5555555555554444")); // Mastercard
        assert!(card("2223000048410010")); // Mastercard 2-series (Presidio misses it)
        assert!(card("2720999999999996")); // upper end of the 2-series
        assert!(card("378282246310005")); // Amex
        assert!(card("6011111111111117")); // Discover
        assert!(card("30569309025904")); // Diners 14
        assert!(card("3530111333300000")); // JCB
        assert!(card("6200000000000005")); // UnionPay
        assert!(card("6759649826438453")); // Maestro
        assert!(!card("378282246310006")); // Luhn fails
        assert!(!card("4111111111111")); // Visa 13 but Luhn fails
        assert!(!card("37828224631000")); // Amex wrong length
        assert!(!card("2721000000000004")); // just past the 2-series
        assert!(!card("1730815407123")); // epoch ms: no issuer starts with 1 at 13 digits
        assert!(!card("9111111111111111")); // no issuer
        assert!(!card("411111111111")); // Visa at 12 digits
    }

    #[test]
    fn groupings() {
        assert!(card_grouping(&[4, 4, 4, 4]));
        assert!(card_grouping(&[4, 4, 4, 4, 3]));
        assert!(card_grouping(&[4, 6, 5]));
        assert!(card_grouping(&[4, 4, 4, 1]));
        assert!(!card_grouping(&[3, 3, 4]));
        assert!(!card_grouping(&[16]));
        assert!(!card_grouping(&[4, 4]));
        assert!(!card_grouping(&[8, 4, 4, 4]));
    }
}

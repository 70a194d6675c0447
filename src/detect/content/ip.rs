//! IP addresses: IPv4 dotted quads and IPv6 text forms (RFC 4291 section 2.2, incl. `::` and an
//! embedded IPv4 tail), and the policy of which addresses can identify a customer.
//!
//! Policy: only addresses that can be a customer's public address are PII. Private (RFC 1918),
//! loopback, link-local, CGNAT (100.64/10), unspecified, multicast, broadcast and reserved
//! (240/4) IPv4 space, and IPv6 loopback, unspecified, link-local (fe80::/10), unique-local
//! (fc00::/7) and multicast (ff00::/8) are the organisation's infrastructure and never reported.
//! Documentation ranges (192.0.2/24, 198.51.100/24, 203.0.113/24, 2001:db8::/32) are reported:
//! they stand in for public addresses in examples and test data.

/// Parses four dotted decimal octets (`0`–`255`, no leading zeros) from digit groups.
pub(crate) fn ipv4_from_groups(groups: [&[u8]; 4]) -> Option<[u8; 4]> {
    let mut out = [0u8; 4];
    for (o, g) in out.iter_mut().zip(groups) {
        if g.is_empty() || g.len() > 3 || (g.len() > 1 && g[0] == b'0') {
            return None;
        }
        let mut v = 0u32;
        for &b in g {
            if !b.is_ascii_digit() {
                return None;
            }
            v = v * 10 + u32::from(b - b'0');
        }
        *o = u8::try_from(v).ok()?;
    }
    Some(out)
}

/// Parses `a.b.c.d`.
pub(crate) fn parse_ipv4(s: &[u8]) -> Option<[u8; 4]> {
    let mut parts = s.split(|&b| b == b'.');
    let groups = [parts.next()?, parts.next()?, parts.next()?, parts.next()?];
    if parts.next().is_some() {
        return None;
    }
    ipv4_from_groups(groups)
}

/// Can this IPv4 address be a customer's public address (see the module policy)?
pub(crate) fn ipv4_public(a: [u8; 4]) -> bool {
    !matches!(
        a,
        [0, ..]
            | [10, ..]
            | [100, 64..=127, ..]
            | [127, ..]
            | [169, 254, ..]
            | [172, 16..=31, ..]
            | [192, 168, ..]
            | [192, 0, 0, _]
            | [224..=255, ..]
    )
}

/// Parses an IPv6 address in text form. No zone index, no brackets.
pub(crate) fn parse_ipv6(s: &[u8]) -> Option<[u16; 8]> {
    if s.len() < 2 || s.len() > 45 {
        return None;
    }
    let mut head = [0u16; 8];
    let mut tail = [0u16; 8];
    let (mut nh, mut nt) = (0usize, 0usize);
    let mut seen_gap = false;
    let mut i = 0;
    if s.starts_with(b"::") {
        seen_gap = true;
        i = 2;
        if i == s.len() {
            return Some([0; 8]);
        }
    } else if s[0] == b':' {
        return None;
    }
    loop {
        // One group: hex digits, or a dotted IPv4 tail.
        let start = i;
        while i < s.len() && s[i].is_ascii_hexdigit() {
            i += 1;
        }
        if i < s.len() && s[i] == b'.' {
            let v4 = parse_ipv4(&s[start..])?;
            let (hi, lo) = (
                u16::from_be_bytes([v4[0], v4[1]]),
                u16::from_be_bytes([v4[2], v4[3]]),
            );
            for g in [hi, lo] {
                if seen_gap {
                    *tail.get_mut(nt)? = g;
                    nt += 1;
                } else {
                    *head.get_mut(nh)? = g;
                    nh += 1;
                }
            }
            break;
        }
        let len = i - start;
        if len == 0 || len > 4 {
            return None;
        }
        let mut v = 0u16;
        for &b in &s[start..i] {
            v = (v << 4) | u16::from((b as char).to_digit(16)? as u8);
        }
        if seen_gap {
            *tail.get_mut(nt)? = v;
            nt += 1;
        } else {
            *head.get_mut(nh)? = v;
            nh += 1;
        }
        if i == s.len() {
            break;
        }
        if s[i] != b':' {
            return None;
        }
        i += 1;
        if i < s.len() && s[i] == b':' {
            if seen_gap {
                return None;
            }
            seen_gap = true;
            i += 1;
            if i == s.len() {
                break;
            }
        } else if i == s.len() {
            return None;
        }
    }
    let total = nh + nt;
    if (seen_gap && total > 7) || (!seen_gap && total != 8) {
        return None;
    }
    let mut out = [0u16; 8];
    out[..nh].copy_from_slice(&head[..nh]);
    out[8 - nt..].copy_from_slice(&tail[..nt]);
    Some(out)
}

/// Can this IPv6 address be a customer's public address (see the module policy)?
pub(crate) fn ipv6_public(a: [u16; 8]) -> bool {
    // IPv4-mapped ::ffff:a.b.c.d follows the IPv4 policy.
    if a[..5] == [0; 5] && a[5] == 0xffff {
        let [h1, h2] = a[6].to_be_bytes();
        let [l1, l2] = a[7].to_be_bytes();
        return ipv4_public([h1, h2, l1, l2]);
    }
    let first = a[0];
    !(a == [0; 8]
        || a == [0, 0, 0, 0, 0, 0, 0, 1]
        || (first & 0xffc0) == 0xfe80
        || (first & 0xfe00) == 0xfc00
        || (first & 0xff00) == 0xff00)
}

/// Calls `f(start, end)` for every IPv6-shaped run in `s`: hex digits, colons and dots with at
/// least two colons, not glued to other alphanumerics. Runs longer than an address are skipped.
pub(crate) fn for_each_ipv6_candidate(s: &[u8], mut f: impl FnMut(usize, usize)) {
    let is_part = |b: u8| b.is_ascii_hexdigit() || b == b':' || b == b'.';
    let mut i = 0;
    while i < s.len() {
        if s[i] != b':' {
            i += 1;
            continue;
        }
        let mut a = i;
        while a > 0 && is_part(s[a - 1]) {
            a -= 1;
        }
        let mut b = i;
        while b < s.len() && is_part(s[b]) {
            b += 1;
        }
        // Trim a sentence-ending dot or colon.
        let mut end = b;
        while end > a && matches!(s[end - 1], b'.' | b':') && !s[a..end].ends_with(b"::") {
            end -= 1;
        }
        let colons = s[a..end].iter().filter(|&&c| c == b':').count();
        let glued = (a > 0 && (s[a - 1].is_ascii_alphanumeric() || s[a - 1] == b'_'))
            || s.get(b)
                .is_some_and(|c| c.is_ascii_alphanumeric() || *c == b'_');
        if colons >= 2 && !glued && end - a <= 45 {
            f(a, end);
        }
        i = b.max(i + 1);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn v4() {
        assert_eq!(parse_ipv4(b"81.2.69.160"), Some([81, 2, 69, 160]));
        assert_eq!(parse_ipv4(b"256.1.1.1"), None);
        assert_eq!(parse_ipv4(b"01.2.3.4"), None);
        assert_eq!(parse_ipv4(b"1.2.3"), None);
        assert_eq!(parse_ipv4(b"1.2.3.4.5"), None);
        assert!(ipv4_public([81, 2, 69, 160]));
        assert!(ipv4_public([203, 0, 113, 7]));
        assert!(!ipv4_public([10, 20, 30, 40]));
        assert!(!ipv4_public([172, 16, 0, 1]));
        assert!(!ipv4_public([192, 168, 1, 1]));
        assert!(!ipv4_public([127, 0, 0, 1]));
        assert!(!ipv4_public([169, 254, 1, 1]));
        assert!(!ipv4_public([100, 64, 0, 1]));
        assert!(!ipv4_public([255, 255, 255, 255]));
        assert!(!ipv4_public([0, 0, 0, 0]));
        assert!(ipv4_public([172, 32, 0, 1]));
    }

    #[test]
    fn v6() {
        assert!(parse_ipv6(b"2001:db8::1").is_some());
        assert!(parse_ipv6(b"2001:0db8:85a3:0000:0000:8a2e:0370:7334").is_some());
        assert!(parse_ipv6(b"::ffff:81.2.69.160").is_some());
        assert!(parse_ipv6(b"::").is_some());
        assert!(parse_ipv6(b"fe80::1").is_some());
        assert!(parse_ipv6(b"10:12:45").is_none()); // a time
        assert!(parse_ipv6(b"00:1A:2B:3C:4D:5E").is_none()); // a MAC address
        assert!(parse_ipv6(b"1::2::3").is_none());
        assert!(parse_ipv6(b"12345::1").is_none());
        assert!(parse_ipv6(b"1:2:3:4:5:6:7:8:9").is_none());
        assert!(parse_ipv6(b"1:2:3:4:5:6:7:").is_none());
        let a = parse_ipv6(b"2a00:1450:4009:81f::200e").unwrap_or_default();
        assert!(ipv6_public(a));
        for private in [
            "::1",
            "::",
            "fe80::1",
            "fd12:3456::1",
            "ff02::1",
            "::ffff:10.0.0.1",
        ] {
            let a = parse_ipv6(private.as_bytes()).unwrap_or([0; 8]);
            assert!(!ipv6_public(a), "{private}");
        }
    }

    #[test]
    fn v6_candidates() {
        let mut found = Vec::new();
        let s = b"from 2001:db8::1, at 10:12:45 and 2024-11-05T10:12:45Z mac 00:1A:2B";
        for_each_ipv6_candidate(s, |a, b| {
            found.push(String::from_utf8_lossy(&s[a..b]).into_owned())
        });
        assert_eq!(found, vec!["2001:db8::1", "10:12:45", "00:1A:2B"]);
    }
}

//! System data that looks like PII and is not: UUIDs, timestamps (epoch seconds and
//! milliseconds, compact `yyyymmdd[hhmm[ss]]`), times of day (`14:30`), SIP URIs (user part and
//! host are the organisation's trunks), URL hosts, and numbers glued to other tokens (`v10.2`,
//! `SKU-4111…`, `INC0012345`, UPS `1Z…`, hashes, base64).

/// Longest stretch read on each side of a hit when looking for an enclosing UUID.
const UUID_REACH: usize = 40;

/// Is `[start, end)` inside an 8-4-4-4-12 hex UUID?
pub(crate) fn in_uuid(s: &[u8], start: usize, end: usize) -> bool {
    let is_part = |b: u8| b.is_ascii_hexdigit() || b == b'-';
    let mut a = start;
    while a > 0 && start - a < UUID_REACH && is_part(s[a - 1]) {
        a -= 1;
    }
    let mut b = end;
    while b < s.len() && b - end < UUID_REACH && is_part(s[b]) {
        b += 1;
    }
    // Walk the groups of s[a..b] and look for five consecutive groups of 8,4,4,4,12.
    let run = &s[a..b];
    let mut groups = [(0usize, 0usize); 16];
    let mut n = 0;
    let mut g = 0;
    for i in 0..=run.len() {
        if i == run.len() || run[i] == b'-' {
            if n == groups.len() {
                break;
            }
            groups[n] = (a + g, a + i);
            n += 1;
            g = i + 1;
        }
    }
    (0..n.saturating_sub(4)).any(|k| {
        let lens = [0, 1, 2, 3, 4].map(|o| groups[k + o].1 - groups[k + o].0);
        lens == [8, 4, 4, 4, 12] && groups[k].0 <= start && groups[k + 4].1 >= end
    })
}

/// Is `s` exactly one UUID (8-4-4-4-12 hex digits)?
pub(crate) fn is_uuid(s: &[u8]) -> bool {
    s.len() == 36
        && s[8] == b'-'
        && s[13] == b'-'
        && s[18] == b'-'
        && s[23] == b'-'
        && [&s[..8], &s[9..13], &s[14..18], &s[19..23], &s[24..]]
            .iter()
            .all(|g| g.iter().all(u8::is_ascii_hexdigit))
}

/// Is `s` exactly one ISO 8601 timestamp: `yyyy-mm-ddThh:mm`, optional seconds and fraction,
/// optional `Z` or offset (a space may stand for the `T`)?
pub(crate) fn is_iso_timestamp(s: &[u8]) -> bool {
    let d = |i: usize| s.get(i).is_some_and(u8::is_ascii_digit);
    let at = |i: usize, c: u8| s.get(i) == Some(&c);
    let head = s.len() >= 16
        && (0..4).all(d)
        && at(4, b'-')
        && d(5)
        && d(6)
        && at(7, b'-')
        && d(8)
        && d(9)
        && matches!(s[10], b'T' | b't' | b' ')
        && d(11)
        && d(12)
        && at(13, b':')
        && d(14)
        && d(15);
    head && s[16..]
        .iter()
        .all(|&b| b.is_ascii_digit() || matches!(b, b':' | b'.' | b'Z' | b'z' | b'+' | b'-'))
}

/// Epoch seconds (`1[5-9]` + 8 digits, 2017–2033) and epoch milliseconds (13 digits from `1`).
pub(crate) fn is_epoch(d: &[u8]) -> bool {
    match d.len() {
        10 => d[0] == b'1' && (b'5'..=b'9').contains(&d[1]),
        13 => d[0] == b'1',
        _ => false,
    }
}

/// A timestamp written as one run of digits: epoch seconds or milliseconds, or a compact
/// calendar date and time (`20261130`, `202611301430`, `20261130143000`, years 1900–2099).
pub(crate) fn is_timestamp(d: &[u8]) -> bool {
    is_epoch(d) || compact_datetime(d)
}

fn compact_datetime(d: &[u8]) -> bool {
    if !matches!(d.len(), 8 | 12 | 14) || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let n = |a: usize, b: usize| {
        d[a..b]
            .iter()
            .fold(0u32, |v, &x| v * 10 + u32::from(x - b'0'))
    };
    let (year, month, day) = (n(0, 4), n(4, 6), n(6, 8));
    let date =
        (1900..=2099).contains(&year) && (1..=12).contains(&month) && (1..=31).contains(&day);
    let time =
        d.len() == 8 || (n(8, 10) < 24 && n(10, 12) < 60 && (d.len() == 12 || n(12, 14) < 60));
    date && time
}

/// Does a SIP/SIPS URI scheme end right before `start` (`sip:+18005550100@…`)?
pub(crate) fn after_sip_scheme(s: &[u8], start: usize) -> bool {
    let before = &s[..start.min(s.len())];
    let ends_with = |suffix: &[u8]| {
        before.len() >= suffix.len()
            && before[before.len() - suffix.len()..].eq_ignore_ascii_case(suffix)
    };
    ends_with(b"sip:") || ends_with(b"sips:")
}

/// Is `start` the host part of a URI (`…@10.20.30.40`, `http://10.1.2.3/`)?
pub(crate) fn is_uri_host(s: &[u8], start: usize) -> bool {
    let before = &s[..start.min(s.len())];
    before.ends_with(b"@") || before.ends_with(b"//") || before.ends_with(b"[")
}

/// Is the hit glued to the token before it: an alphanumeric byte, or a `-`, `.`, `/` or `_`
/// joined to one (`v10.2.14.3`, `SKU-4111…`, `ab/1234…`), or the minutes of a time (`14:30`)?
pub(crate) fn glued_left(s: &[u8], start: usize) -> bool {
    let at = |i: Option<usize>| i.and_then(|i| s.get(i)).copied();
    let Some(p) = at(start.checked_sub(1)) else {
        return false;
    };
    if p.is_ascii_alphanumeric() || p == b'_' {
        return true;
    }
    if p == b':' && at(start.checked_sub(2)).is_some_and(|c| c.is_ascii_digit()) {
        return true;
    }
    matches!(p, b'-' | b'.' | b'/' | b'\\' | b'+' | b'%')
        && at(start.checked_sub(2)).is_some_and(|c| c.is_ascii_alphanumeric() || c == b'_')
}

/// Is the hit glued to the token after it (`…123abc`, `…1234-x9`, `1234_5`), or the hour of a
/// time (`14:30`)?
pub(crate) fn glued_right(s: &[u8], end: usize) -> bool {
    let Some(&n) = s.get(end) else {
        return false;
    };
    if n.is_ascii_alphanumeric() || n == b'_' {
        return true;
    }
    let next = s.get(end + 1).copied();
    match n {
        b'-' | b'/' | b'\\' | b'+' => next.is_some_and(|b| b.is_ascii_alphanumeric()),
        b'.' | b':' => next.is_some_and(|b| b.is_ascii_digit()),
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uuids() {
        let s = b"id 12345678-1234-1234-1234-123456789012 end";
        assert!(in_uuid(s, 12, 26));
        assert!(in_uuid(s, 3, 11));
        let s = b"3f2b1c9e-8412-4e6f-9a1b-283745610293";
        assert!(in_uuid(s, 24, 36));
        assert!(!in_uuid(b"4111-1111-1111-1111", 0, 19));
    }

    #[test]
    fn whole_system_values() {
        assert!(is_uuid(b"3f2b1c9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b"));
        assert!(!is_uuid(b"3f2b1c9e-8d7a-4e6f-9a1b-2c3d4e5f6a7"));
        assert!(is_iso_timestamp(b"2024-11-05T10:12:45.123Z"));
        assert!(is_iso_timestamp(b"2026-09-15T06:49:54+01:00"));
        assert!(is_iso_timestamp(b"2024-11-05 10:12"));
        assert!(!is_iso_timestamp(b"2024-11-05"));
        assert!(!is_iso_timestamp(b"2024-11-05 10:12 call 2125550123"));
    }

    #[test]
    fn epochs() {
        assert!(is_epoch(b"1730815407"));
        assert!(is_epoch(b"1730815407123"));
        assert!(!is_epoch(b"2125550123"));
        assert!(!is_epoch(b"1430815407"));
        assert!(is_timestamp(b"20261130"));
        assert!(is_timestamp(b"202611301430"));
        assert!(is_timestamp(b"20261130143000"));
        assert!(!is_timestamp(b"20261330143000"));
        assert!(!is_timestamp(b"2125550123"));
    }

    #[test]
    fn uris_and_glue() {
        let s = b"sip:+18005550100@10.20.30.40";
        assert!(after_sip_scheme(s, 4));
        assert!(is_uri_host(s, 17));
        assert!(!after_sip_scheme(b"tel:+18005550100", 4));
        assert!(glued_left(b"v10.2.14.3", 1));
        assert!(glued_left(b"SKU-4111", 4));
        assert!(!glued_left(b"ssn:123", 4));
        assert!(!glued_left(b"dob=01", 4));
        assert!(!glued_left(b"x (212", 3));
        assert!(glued_right(b"123abc", 3));
        assert!(glued_right(b"1234-x9", 4));
        assert!(!glued_right(b"1234. Next", 4));
        assert!(!glued_right(b"1234, x", 4));
        assert!(glued_right(b"at 14:30", 5));
        assert!(glued_left(b"at 14:30", 6));
        assert!(!glued_left(b"ssn: 123", 5));
    }
}

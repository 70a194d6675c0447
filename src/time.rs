//! Times: reading event times (epoch milliseconds such as Genesys `eventTime`, RFC 3339 strings such as the
//! EventBridge `time`), the clock, and ISO 8601 UTC text for reports and the ledger.

use serde_json::Value;

/// Reads an event time: a number of epoch milliseconds (seconds when it is below 10^11), or an RFC 3339 string.
pub fn epoch_ms(value: &Value) -> Option<u64> {
    match value {
        Value::Number(n) => n
            .as_u64()
            .or_else(|| n.as_f64().filter(|f| *f >= 0.0).map(|f| f as u64))
            .map(|n| {
                if n < 100_000_000_000 {
                    n.saturating_mul(1000)
                } else {
                    n
                }
            }),
        Value::String(s) => s.trim().parse::<u64>().ok().or_else(|| rfc3339_ms(s)),
        _ => None,
    }
}

/// Parses `YYYY-MM-DDTHH:MM:SS[.fraction](Z|±HH:MM)` to epoch milliseconds.
pub fn rfc3339_ms(s: &str) -> Option<u64> {
    let s = s.trim();
    let b = s.as_bytes();
    if b.len() < 20
        || b[4] != b'-'
        || b[7] != b'-'
        || !matches!(b[10], b'T' | b't' | b' ')
        || b[13] != b':'
        || b[16] != b':'
    {
        return None;
    }
    let num = |r: std::ops::Range<usize>| -> Option<i64> { s.get(r)?.parse::<i64>().ok() };
    let (year, month, day) = (num(0..4)?, num(5..7)?, num(8..10)?);
    let (hour, minute, second) = (num(11..13)?, num(14..16)?, num(17..19)?);
    if !(1..=12).contains(&month)
        || !(1..=31).contains(&day)
        || hour > 23
        || minute > 59
        || second > 60
    {
        return None;
    }
    let mut rest = &s[19..];
    let mut millis = 0i64;
    if let Some(frac) = rest.strip_prefix('.') {
        let digits = frac.bytes().take_while(u8::is_ascii_digit).count();
        if digits == 0 {
            return None;
        }
        let ms: String = frac[..digits]
            .chars()
            .chain("000".chars())
            .take(3)
            .collect();
        millis = ms.parse().ok()?;
        rest = &frac[digits..];
    }
    let offset_minutes = match rest {
        "Z" | "z" => 0,
        _ if rest.len() == 6
            && (rest.starts_with('+') || rest.starts_with('-'))
            && &rest[3..4] == ":" =>
        {
            let sign = if rest.starts_with('-') { -1 } else { 1 };
            sign * (rest[1..3].parse::<i64>().ok()? * 60 + rest[4..6].parse::<i64>().ok()?)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let secs = days * 86_400 + hour * 3600 + minute * 60 + second - offset_minutes * 60;
    u64::try_from(secs * 1000 + millis).ok()
}

/// Now, in epoch milliseconds.
pub fn now_ms() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_millis() as u64)
        .unwrap_or(0)
}

/// Epoch milliseconds as ISO 8601 UTC with milliseconds: `2026-12-01T09:30:00.123Z`.
pub fn iso8601_ms(ms: u64) -> String {
    let secs = (ms / 1000) as i64;
    let (year, month, day) = civil_from_days(secs.div_euclid(86_400));
    let in_day = secs.rem_euclid(86_400);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{:03}Z",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60,
        ms % 1000
    )
}

/// The UTC day (`2026-12-01`) of epoch milliseconds.
pub fn day_of(ms: u64) -> String {
    iso8601_ms(ms)[..10].to_string()
}

/// The civil date of a day count since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, i64, i64) {
    let z = z + 719_468;
    let era = if z >= 0 { z } else { z - 146_096 } / 146_097;
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

/// Days since 1970-01-01 (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn rfc3339() {
        assert_eq!(rfc3339_ms("1970-01-01T00:00:00Z"), Some(0));
        assert_eq!(rfc3339_ms("2024-11-05T14:03:27Z"), Some(1_730_815_407_000));
        assert_eq!(
            rfc3339_ms("2024-11-05T14:03:27.5Z"),
            Some(1_730_815_407_500)
        );
        assert_eq!(
            rfc3339_ms("2024-11-05T16:03:27.123+02:00"),
            Some(1_730_815_407_123)
        );
        assert_eq!(rfc3339_ms("2024-02-29T00:00:00Z"), Some(1_709_164_800_000));
        assert_eq!(rfc3339_ms("2024-13-05T14:03:27Z"), None);
        assert_eq!(rfc3339_ms("yesterday"), None);
        assert_eq!(rfc3339_ms("2024-11-05T14:03:27"), None);
    }

    #[test]
    fn iso8601_round_trips() {
        for ms in [
            0u64,
            951_782_400_000,
            1_709_164_800_000,
            1_730_815_407_123,
            4_102_444_799_999,
        ] {
            assert_eq!(rfc3339_ms(&iso8601_ms(ms)), Some(ms), "{ms}");
        }
        assert_eq!(iso8601_ms(1_730_815_407_123), "2024-11-05T14:03:27.123Z");
        assert_eq!(day_of(1_730_815_407_123), "2024-11-05");
    }

    #[test]
    fn numbers_and_strings() {
        assert_eq!(
            epoch_ms(&json!(1_730_815_407_123u64)),
            Some(1_730_815_407_123)
        );
        assert_eq!(epoch_ms(&json!(1_730_815_407u64)), Some(1_730_815_407_000));
        assert_eq!(epoch_ms(&json!("1730815407123")), Some(1_730_815_407_123));
        assert_eq!(epoch_ms(&json!(true)), None);
        assert_eq!(epoch_ms(&json!(-5)), None);
    }
}

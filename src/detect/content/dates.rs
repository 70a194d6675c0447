//! Dates: calendar validity, date shapes (never PII on their own), dates of birth and card
//! expiry dates (both only with context), and written-out dates (`2 January 1980`, `Jan 2, 1980`).

fn num(d: &[u8]) -> Option<u32> {
    if d.is_empty() || d.len() > 4 {
        return None;
    }
    d.iter().try_fold(0u32, |v, &b| {
        b.is_ascii_digit().then(|| v * 10 + u32::from(b - b'0'))
    })
}

fn days_in_month(y: u32, m: u32) -> u32 {
    match m {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (y.is_multiple_of(4) && !y.is_multiple_of(100)) || y.is_multiple_of(400) => 29,
        2 => 28,
        _ => 0,
    }
}

fn valid_ymd(y: u32, m: u32, d: u32) -> bool {
    (1..=12).contains(&m) && d >= 1 && d <= days_in_month(y, m)
}

/// Years a date of birth can have (four digits).
fn birth_year(y: u32) -> bool {
    (1900..=2030).contains(&y)
}

/// A numeric calendar date from three digit groups: `yyyy-mm-dd`, `dd/mm/yyyy`, `mm/dd/yyyy`,
/// or with a two-digit year (`1/2/80`). Four-digit years are 1900–2099.
pub(crate) fn numeric_date(g: [&[u8]; 3]) -> bool {
    let (Some(a), Some(b), Some(c)) = (num(g[0]), num(g[1]), num(g[2])) else {
        return false;
    };
    let short = |x: &[u8]| (1..=2).contains(&x.len());
    if g[0].len() == 4 && short(g[1]) && short(g[2]) {
        return (1900..=2099).contains(&a) && valid_ymd(a, b, c);
    }
    if short(g[0]) && short(g[1]) && (g[2].len() == 4 || g[2].len() == 2) {
        let y = if g[2].len() == 2 { 2000 + c } else { c };
        if g[2].len() == 4 && !(1900..=2099).contains(&c) {
            return false;
        }
        // Day-first or month-first; leap years for two-digit years are approximate (any 29 Feb).
        let y = if g[2].len() == 2 { y.min(2096) } else { y };
        return valid_ymd(y, b, a) || valid_ymd(y, a, b);
    }
    false
}

/// A date of birth from three digit groups: a numeric date whose four-digit year is 1900–2030.
pub(crate) fn dob_groups(g: [&[u8]; 3]) -> bool {
    if !numeric_date(g) {
        return false;
    }
    let year = if g[0].len() == 4 { g[0] } else { g[2] };
    year.len() == 2 || num(year).is_some_and(birth_year)
}

/// A date of birth written as eight contiguous digits: `yyyymmdd`, `ddmmyyyy` or `mmddyyyy`.
pub(crate) fn dob_contiguous(d: &[u8]) -> bool {
    if d.len() != 8 {
        return false;
    }
    let (Some(y1), Some(m1), Some(d1)) = (num(&d[..4]), num(&d[4..6]), num(&d[6..])) else {
        return false;
    };
    if birth_year(y1) && valid_ymd(y1, m1, d1) {
        return true;
    }
    let (Some(a), Some(b), Some(y2)) = (num(&d[..2]), num(&d[2..4]), num(&d[4..])) else {
        return false;
    };
    birth_year(y2) && (valid_ymd(y2, b, a) || valid_ymd(y2, a, b))
}

/// A card expiry from two digit groups: `mm/yy` or `mm/yyyy` (2000–2099).
pub(crate) fn expiry_groups(month: &[u8], year: &[u8]) -> bool {
    let (Some(m), Some(y)) = (num(month), num(year)) else {
        return false;
    };
    (1..=2).contains(&month.len())
        && (1..=12).contains(&m)
        && (year.len() == 2 || (year.len() == 4 && (2000..=2099).contains(&y)))
}

/// A card expiry as contiguous digits: `mmyy` (years 15–49) or `mmyyyy` (2000–2099).
pub(crate) fn expiry_contiguous(d: &[u8]) -> bool {
    match d.len() {
        4 => {
            let (Some(m), Some(y)) = (num(&d[..2]), num(&d[2..])) else {
                return false;
            };
            (1..=12).contains(&m) && (15..=49).contains(&y)
        }
        6 => expiry_groups(&d[..2], &d[2..]),
        _ => false,
    }
}

fn month_name(w: &[u8]) -> bool {
    const MONTHS: [&[u8]; 12] = [
        b"january",
        b"february",
        b"march",
        b"april",
        b"may",
        b"june",
        b"july",
        b"august",
        b"september",
        b"october",
        b"november",
        b"december",
    ];
    let n = w.len();
    if !(3..=9).contains(&n) {
        return false;
    }
    MONTHS.iter().any(|m| {
        n <= m.len()
            && m[..n].eq_ignore_ascii_case(w)
            && (n == 3 || n == m.len() || (m == b"september" && n == 4))
    })
}

/// The word ending at `end` (ASCII letters), as (start, end).
fn word_before(s: &[u8], end: usize) -> (usize, usize) {
    let mut a = end;
    while a > 0 && end - a < 10 && s[a - 1].is_ascii_alphabetic() {
        a -= 1;
    }
    (a, end)
}

fn skip_back(s: &[u8], mut i: usize, chars: &[u8]) -> usize {
    let mut n = 0;
    while i > 0 && n < 3 && chars.contains(&s[i - 1]) {
        i -= 1;
        n += 1;
    }
    i
}

/// A day of month (1–31) ending at `end`, with an optional `st`/`nd`/`rd`/`th`; its start.
fn day_before(s: &[u8], end: usize) -> Option<usize> {
    let mut e = end;
    if e >= 2
        && matches!(
            &s[e - 2..e],
            b"st" | b"nd" | b"rd" | b"th" | b"ST" | b"ND" | b"RD" | b"TH"
        )
    {
        e -= 2;
    }
    let mut a = e;
    while a > 0 && e - a < 3 && s[a - 1].is_ascii_digit() {
        a -= 1;
    }
    let day = num(&s[a..e])?;
    let lone = a == 0 || !s[a - 1].is_ascii_alphanumeric();
    ((1..=2).contains(&(e - a)) && (1..=31).contains(&day) && lone).then_some(a)
}

/// If a written-out date ends with the four-digit birth year at `year_start`
/// (`2 January 1980`, `2nd of Jan. 1980`, `January 2, 1980`, `Jan 2nd 1980`), its start.
pub(crate) fn written_date_start(s: &[u8], year_start: usize) -> Option<usize> {
    let i = skip_back(s, year_start, b" ,");
    if i == year_start {
        return None;
    }
    // "... January 1980" preceded by a day: "2 January 1980" / "2nd of January 1980".
    let (ms, me) = word_before(s, skip_back(s, i, b"."));
    if me > ms && month_name(&s[ms..me]) {
        let mut j = skip_back(s, ms, b" ");
        if j >= 3 && s[j - 2..j].eq_ignore_ascii_case(b"of") && s[j - 3] == b' ' {
            j = skip_back(s, j - 2, b" ");
        }
        return day_before(s, j);
    }
    // "January 2, 1980": a day, then the month before it.
    let ds = day_before(s, i)?;
    let j = skip_back(s, ds, b" ");
    if j == ds {
        return None;
    }
    let (ms, me) = word_before(s, skip_back(s, j, b"."));
    (me > ms && month_name(&s[ms..me])).then_some(ms)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numeric_dates() {
        assert!(dob_groups([b"1980", b"02", b"01"]));
        assert!(dob_groups([b"01", b"02", b"1980"]));
        assert!(dob_groups([b"12", b"31", b"1980"]));
        assert!(dob_groups([b"31", b"12", b"1980"]));
        assert!(dob_groups([b"1", b"2", b"80"]));
        assert!(!dob_groups([b"31", b"31", b"1980"]));
        assert!(!dob_groups([b"1880", b"02", b"01"]));
        assert!(!dob_groups([b"2080", b"02", b"01"]));
        assert!(numeric_date([b"2080", b"02", b"01"]));
        assert!(!numeric_date([b"2024", b"02", b"30"]));
        assert!(numeric_date([b"2024", b"02", b"29"]));
        assert!(!numeric_date([b"2023", b"02", b"29"]));
        assert!(dob_contiguous(b"19800201"));
        assert!(dob_contiguous(b"01021980"));
        assert!(!dob_contiguous(b"12345678"));
    }

    #[test]
    fn expiry() {
        assert!(expiry_groups(b"12", b"27"));
        assert!(expiry_groups(b"3", b"2028"));
        assert!(!expiry_groups(b"13", b"27"));
        assert!(!expiry_groups(b"12", b"1999"));
        assert!(expiry_contiguous(b"0927"));
        assert!(!expiry_contiguous(b"1200")); // `expiresIn: 1200` is not a card expiry
        assert!(!expiry_contiguous(b"3600"));
        assert!(expiry_contiguous(b"122027"));
    }

    #[test]
    fn written_dates() {
        let check = |s: &str, year_at: usize, want: Option<usize>| {
            assert_eq!(written_date_start(s.as_bytes(), year_at), want, "{s}");
        };
        check("dob 2 January 1980", 14, Some(4));
        check("born on the 2nd of Jan. 1980", 24, Some(12));
        check("DOB: January 2, 1980", 16, Some(5));
        check("Jan 2nd 1980", 8, Some(0));
        check("sept 21 1980", 8, Some(0));
        check("in January 1980", 11, None);
        check("may 1980", 4, None);
        check("page 2, 1980", 8, None);
    }
}

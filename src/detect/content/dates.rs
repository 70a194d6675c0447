//! Dates: calendar validity, date shapes (never PII on their own), dates of birth and card
//! expiry dates (both only with context), written-out dates (`2 January 1980`, `Jan 2, 1980`,
//! `14 de marzo de 1985`, `1er mars 1985`, `14. März 1985`, `14 de março de 1985`) and a month
//! with a year (`Dec 2027`, `déc. 2027`, `diciembre de 2027`), month names in English, Spanish,
//! French, German and Portuguese.

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

/// Month names and abbreviations (folded: no accents), with their month number.
#[rustfmt::skip]
const MONTHS: &[(&[u8], u8)] = &[
    // en
    (b"january", 1), (b"february", 2), (b"march", 3), (b"april", 4), (b"may", 5), (b"june", 6),
    (b"july", 7), (b"august", 8), (b"september", 9), (b"october", 10), (b"november", 11),
    (b"december", 12), (b"jan", 1), (b"feb", 2), (b"mar", 3), (b"apr", 4), (b"jun", 6),
    (b"jul", 7), (b"aug", 8), (b"sep", 9), (b"sept", 9), (b"oct", 10), (b"nov", 11), (b"dec", 12),
    // es
    (b"enero", 1), (b"febrero", 2), (b"marzo", 3), (b"abril", 4), (b"mayo", 5), (b"junio", 6),
    (b"julio", 7), (b"agosto", 8), (b"septiembre", 9), (b"setiembre", 9), (b"octubre", 10),
    (b"noviembre", 11), (b"diciembre", 12), (b"ene", 1), (b"abr", 4), (b"ago", 8), (b"dic", 12),
    // fr
    (b"janvier", 1), (b"fevrier", 2), (b"mars", 3), (b"avril", 4), (b"mai", 5), (b"juin", 6),
    (b"juillet", 7), (b"aout", 8), (b"septembre", 9), (b"octobre", 10), (b"novembre", 11),
    (b"decembre", 12), (b"janv", 1), (b"fevr", 2), (b"fev", 2), (b"avr", 4), (b"juil", 7),
    // de
    (b"januar", 1), (b"janner", 1), (b"februar", 2), (b"marz", 3), (b"maerz", 3), (b"juni", 6),
    (b"juli", 7), (b"oktober", 10), (b"dezember", 12), (b"mrz", 3), (b"okt", 10), (b"dez", 12),
    // pt
    (b"janeiro", 1), (b"fevereiro", 2), (b"marco", 3), (b"maio", 5), (b"junho", 6),
    (b"julho", 7), (b"setembro", 9), (b"outubro", 10), (b"novembro", 11), (b"dezembro", 12),
    (b"set", 9), (b"out", 10),
];

/// The month a word names (any case, accents folded: `März`, `févr`, `Dezember`).
fn month_name(w: &[u8]) -> Option<u8> {
    let mut buf = [0u8; 12];
    let mut n = 0;
    let mut i = 0;
    while i < w.len() {
        let b = w[i];
        let c = if b.is_ascii_alphabetic() {
            i += 1;
            b.to_ascii_lowercase()
        } else {
            // Latin-1 letters of month names: é è ê û ä ç (upper and lower case).
            let next = *w.get(i + 1)?;
            i += 2;
            match (b, next) {
                (0xC3, 0xA9 | 0xA8 | 0xAA | 0x89 | 0x88 | 0x8A) => b'e',
                (0xC3, 0xBB | 0x9B) => b'u',
                (0xC3, 0xA4 | 0x84) => b'a',
                (0xC3, 0xA7 | 0x87) => b'c',
                _ => return None,
            }
        };
        *buf.get_mut(n)? = c;
        n += 1;
    }
    let w = &buf[..n];
    MONTHS.iter().find(|(m, _)| *m == w).map(|&(_, k)| k)
}

/// Is `s[i]` a byte of a word (an ASCII letter or any byte of a non-ASCII character)?
fn letter(b: u8) -> bool {
    b.is_ascii_alphabetic() || b >= 0x80
}

/// The word ending at `end` (letters, non-ASCII included), as (start, end).
fn word_before(s: &[u8], end: usize) -> (usize, usize) {
    let mut a = end;
    while a > 0 && end - a < 16 && letter(s[a - 1]) {
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

/// Skips back over a small joining word (`de`, `del`, `of`) before `i` and the spaces before it.
fn skip_joining_word(s: &[u8], i: usize) -> usize {
    let (a, b) = word_before(s, i);
    let w = &s[a..b];
    let joining = [&b"de"[..], b"del", b"of"]
        .iter()
        .any(|j| w.eq_ignore_ascii_case(j));
    if joining && a > 0 && s[a - 1] == b' ' {
        skip_back(s, a, b" ")
    } else {
        i
    }
}

/// The month word ending at `end` (an abbreviation may end with `.`): its start.
fn month_before(s: &[u8], end: usize) -> Option<usize> {
    let (ms, me) = word_before(s, skip_back(s, end, b"."));
    (me > ms && month_name(&s[ms..me]).is_some()).then_some(ms)
}

/// A day of month (1–31) ending at `end`, with an optional `st`/`nd`/`rd`/`th`/`er`/`º`/`.`; its start.
fn day_before(s: &[u8], end: usize) -> Option<usize> {
    let mut e = end;
    if e >= 2 {
        let tail = [s[e - 2].to_ascii_lowercase(), s[e - 1].to_ascii_lowercase()];
        if matches!(&tail, b"st" | b"nd" | b"rd" | b"th" | b"er") || s[e - 2..e] == [0xC2, 0xBA] {
            e -= 2;
        }
    }
    if e >= 1 && s[e - 1] == b'.' {
        e -= 1;
    }
    let mut a = e;
    while a > 0 && e - a < 3 && s[a - 1].is_ascii_digit() {
        a -= 1;
    }
    let day = num(&s[a..e])?;
    let lone = a == 0 || !s[a - 1].is_ascii_alphanumeric();
    ((1..=2).contains(&(e - a)) && (1..=31).contains(&day) && lone).then_some(a)
}

/// If a written-out date ends with the four-digit year at `year_start` (`2 January 1980`,
/// `2nd of Jan. 1980`, `January 2, 1980`, `Jan 2nd 1980`, `14 de marzo de 1985`, `1er mars 1985`,
/// `14. März 1985`), its start.
pub(crate) fn written_date_start(s: &[u8], year_start: usize) -> Option<usize> {
    let i = skip_back(s, year_start, b" ,");
    if i == year_start {
        return None;
    }
    let i = skip_joining_word(s, i);
    // "... January 1980" preceded by a day: "2 January 1980" / "2nd of January 1980".
    if let Some(ms) = month_before(s, i) {
        let j = skip_back(s, ms, b" ");
        let j = skip_joining_word(s, j);
        return day_before(s, j);
    }
    // "January 2, 1980": a day, then the month before it.
    let ds = day_before(s, i)?;
    let j = skip_back(s, ds, b" ");
    if j == ds {
        return None;
    }
    month_before(s, j)
}

/// If a month name (and no day) comes right before the four-digit year at `year_start`
/// (`Dec 2027`, `December 2027`, `déc. 2027`, `diciembre de 2027`), the month's start.
pub(crate) fn month_year_start(s: &[u8], year_start: usize) -> Option<usize> {
    let i = skip_back(s, year_start, b" ");
    if i == year_start {
        return None;
    }
    let i = skip_joining_word(s, i);
    let ms = month_before(s, i)?;
    let j = skip_back(s, ms, b" ");
    (day_before(s, j).is_none()).then_some(ms)
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
        check("nació el 14 de marzo de 1985", 25, Some(10));
        check("né le 1er mars 1985", 16, Some(7));
        check("geboren am 14. März 1985", 21, Some(11));
        check("14 de março de 1985", 16, Some(0));
    }

    #[test]
    fn month_and_year() {
        let check = |s: &str, want: Option<usize>| {
            let year_at = s.len() - 4;
            assert_eq!(month_year_start(s.as_bytes(), year_at), want, "{s}");
        };
        check("expires Dec 2027", Some(8));
        check("expiry December 2027", Some(7));
        check("vence diciembre de 2027", Some(6));
        check("expire déc. 2027", Some(7));
        check("gültig bis Dez. 2027", Some(12));
        check("on 2 Dec 2027", None);
        check("page 2027", None);
    }
}

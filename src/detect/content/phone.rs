//! Phone numbers of every country, validated as libphonenumber validates them: the metadata of
//! every region (`phone_meta.rs`, generated from libphonenumber's), its national prefix and
//! carrier-code stripping, region selection among the regions that share a calling code, and
//! number-type patterns. A region's patterns are compiled on first use (ASCII digits only; a few
//! microseconds each, about 40 ms for all regions) and kept for the process.
//!
//! Default regions (`PII_PHONE_REGIONS`, every region unless set) say which countries' national
//! formats (`0412 345 678`, `089 12345678`) are read; `+` international numbers are read for
//! every country.

use super::phone_meta::{Region, REGIONS};
use regex::bytes::{CaptureLocations, Regex, RegexBuilder};
use std::cell::RefCell;
use std::sync::OnceLock;

/// Shortest and longest national significant number libphonenumber accepts.
const MIN_NSN: usize = 2;
const MAX_NSN: usize = 17;

/// A set of regions (by their index in the metadata).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhoneRegions([u64; 4]);

impl Default for PhoneRegions {
    /// Every region.
    fn default() -> Self {
        PhoneRegions::all()
    }
}

impl PhoneRegions {
    /// Every region libphonenumber knows.
    pub fn all() -> Self {
        let mut set = PhoneRegions([0; 4]);
        for i in 0..REGIONS.len() {
            set.insert(i);
        }
        set
    }

    fn insert(&mut self, i: usize) {
        self.0[i / 64] |= 1 << (i % 64);
    }

    fn contains(&self, i: usize) -> bool {
        self.0[i / 64] & (1 << (i % 64)) != 0
    }

    /// Parses a comma-separated list of ISO 3166 region codes (`US,CA,GB`), or `*` for every
    /// region. An unknown code is an error that names it.
    pub fn parse(list: &str) -> Result<Self, String> {
        let mut set = PhoneRegions([0; 4]);
        let mut unknown = Vec::new();
        for code in list.split(',').map(str::trim).filter(|c| !c.is_empty()) {
            if code == "*" {
                return Ok(PhoneRegions::all());
            }
            let found: Vec<usize> = REGIONS
                .iter()
                .enumerate()
                .filter(|(_, r)| r.code.eq_ignore_ascii_case(code) && r.code != "001")
                .map(|(i, _)| i)
                .collect();
            if found.is_empty() {
                unknown.push(code.to_string());
            }
            for i in found {
                set.insert(i);
            }
        }
        if !unknown.is_empty() {
            return Err(format!(
                "unknown region code(s) {}; use ISO 3166 codes such as US, GB, DE, or `*` for every region",
                unknown.join(", ")
            ));
        }
        if set.0 == [0; 4] {
            return Err("no region given; use ISO 3166 codes such as US, GB, DE, or `*`".into());
        }
        Ok(set)
    }

    /// The regions in the set, by code.
    pub fn codes(&self) -> Vec<&'static str> {
        (0..REGIONS.len())
            .filter(|&i| self.contains(i))
            .map(|i| REGIONS[i].code)
            .collect()
    }
}

/// A region's compiled patterns.
struct Compiled {
    npfp: Option<Regex>,
    leading: Option<Regex>,
    general: Regex,
    types: Vec<(u32, Regex)>,
    /// (leading digits, pattern, national prefix required) of each national format.
    formats: Vec<(Option<Regex>, Regex, bool)>,
}

static COMPILED: [OnceLock<Option<Compiled>>; REGIONS.len()] =
    [const { OnceLock::new() }; REGIONS.len()];

thread_local! {
    /// Capture slots for regions whose national prefix is transformed (reused: no allocation
    /// per number).
    static SLOTS: RefCell<Vec<(usize, CaptureLocations)>> = const { RefCell::new(Vec::new()) };
}

fn build(pattern: &str, anchor_end: bool) -> Option<Regex> {
    let end = if anchor_end { "$" } else { "" };
    RegexBuilder::new(&format!("(?-u)^(?:{pattern}){end}"))
        .unicode(false)
        .build()
        .ok()
}

fn compiled(i: usize) -> Option<&'static Compiled> {
    COMPILED[i]
        .get_or_init(|| {
            let r = &REGIONS[i];
            let optional = |p: &str| (!p.is_empty()).then(|| build(p, false)).flatten();
            Some(Compiled {
                npfp: optional(r.national_prefix_for_parsing),
                leading: optional(r.leading_digits),
                general: build(r.general, true)?,
                types: r
                    .types
                    .iter()
                    .filter_map(|&(m, p)| Some((m, build(p, true)?)))
                    .collect(),
                formats: r
                    .formats
                    .iter()
                    .filter_map(|&(l, p, req)| Some((optional(l), build(p, true)?, req)))
                    .collect(),
            })
        })
        .as_ref()
}

fn has_len(mask: u32, n: usize) -> bool {
    n < 32 && mask & (1 << n) != 0
}

/// The regions sharing calling code `cc` (a range of indices).
fn cc_regions(cc: u16) -> std::ops::Range<usize> {
    let start = REGIONS.partition_point(|r| r.cc < cc);
    let end = REGIONS.partition_point(|r| r.cc <= cc);
    start..end
}

/// libphonenumber's number type is known (not UNKNOWN) for `nsn` in region `i`.
fn type_known(i: usize, nsn: &[u8]) -> bool {
    let Some(c) = compiled(i) else {
        return false;
    };
    let r = &REGIONS[i];
    has_len(r.lengths, nsn.len())
        && c.general.is_match(nsn)
        && c.types
            .iter()
            .any(|(m, re)| has_len(*m, nsn.len()) && re.is_match(nsn))
}

/// A valid national significant number of calling code `cc` (libphonenumber's
/// `is_valid_number`: the region is picked by leading digits or by type, then the type must
/// be known).
pub(crate) fn valid_nsn(cc: u16, nsn: &[u8]) -> bool {
    if !(MIN_NSN..=MAX_NSN).contains(&nsn.len()) {
        return false;
    }
    let regions = cc_regions(cc);
    if regions.len() == 1 {
        return type_known(regions.start, nsn);
    }
    for i in regions {
        let Some(c) = compiled(i) else {
            continue;
        };
        match &c.leading {
            Some(leading) => {
                if leading.is_match(nsn) {
                    return type_known(i, nsn);
                }
            }
            None => {
                if type_known(i, nsn) {
                    return true;
                }
            }
        }
    }
    false
}

/// libphonenumber's length test; `true` when a stripped number may be kept (possible, or too
/// long), `false` when it is too short, of an impossible length or only dialable locally.
fn strip_keeps(r: &Region, n: usize) -> bool {
    if r.lengths == 0 || has_len(r.local_lengths, n) {
        return false;
    }
    let min = r.lengths.trailing_zeros() as usize;
    let max = 31 - r.lengths.leading_zeros() as usize;
    n > max || (n >= min && has_len(r.lengths, n))
}

/// A fixed buffer of digits.
struct Digits {
    buf: [u8; 24],
    len: usize,
}

impl Digits {
    fn new() -> Self {
        Digits {
            buf: [0; 24],
            len: 0,
        }
    }

    fn push(&mut self, bytes: &[u8]) {
        let take = bytes.len().min(self.buf.len() - self.len);
        self.buf[self.len..self.len + take].copy_from_slice(&bytes[..take]);
        self.len += take;
    }

    fn as_slice(&self) -> &[u8] {
        &self.buf[..self.len]
    }
}

/// The number after libphonenumber strips a national prefix or carrier code with region `i`'s
/// rules (`_maybe_strip_national_prefix_carrier_code`), and whether it did: unchanged when there
/// is none, or when the number was viable and the stripped one is not.
fn strip_national_prefix(i: usize, d: &[u8]) -> (Digits, bool) {
    let mut out = Digits::new();
    let (Some(c), r) = (compiled(i), &REGIONS[i]) else {
        out.push(d);
        return (out, false);
    };
    let Some((npfp, m)) = c.npfp.as_ref().and_then(|re| Some((re, re.find(d)?))) else {
        out.push(d);
        return (out, false);
    };
    // The transform applies when the rule exists and the pattern's last group took part.
    let transformed = r.transform.and_then(|(literal, group)| {
        SLOTS
            .try_with(|slots| {
                let mut slots = slots.borrow_mut();
                let pos = match slots.iter().position(|(k, _)| *k == i) {
                    Some(p) => p,
                    None => {
                        slots.push((i, npfp.capture_locations()));
                        slots.len() - 1
                    }
                };
                let locs = &mut slots[pos].1;
                npfp.captures_read(locs, d)?;
                locs.get(locs.len().checked_sub(1)?)?;
                let (gs, ge) = locs.get(group)?;
                let mut t = Digits::new();
                t.push(literal.as_bytes());
                t.push(&d[gs..ge]);
                t.push(&d[m.end()..]);
                Some(t)
            })
            .ok()
            .flatten()
    });
    let stripped = transformed.unwrap_or_else(|| {
        let mut t = Digits::new();
        t.push(&d[m.end()..]);
        t
    });
    if c.general.is_match(d) && !c.general.is_match(stripped.as_slice()) {
        out.push(d);
        return (out, false);
    }
    (stripped, true)
}

/// The national number libphonenumber's `parse` keeps for `d` in region `i`: the national prefix
/// stripped when the length test allows it.
fn parse_national(i: usize, d: &[u8]) -> Digits {
    let (stripped, _) = strip_national_prefix(i, d);
    if strip_keeps(&REGIONS[i], stripped.len) {
        return stripped;
    }
    let mut out = Digits::new();
    out.push(d);
    out
}

/// The main region (first in metadata order) of calling code `cc`.
fn main_region(cc: u16) -> Option<usize> {
    let r = cc_regions(cc);
    (!r.is_empty()).then_some(r.start)
}

/// Splits the digits after `+` into a known calling code and the rest.
pub(crate) fn split_country_code(d: &[u8]) -> Option<(u16, &[u8])> {
    if d.first().is_none_or(|&b| b == b'0') {
        return None;
    }
    for n in 1..=3.min(d.len()) {
        let cc = d[..n]
            .iter()
            .fold(0u16, |v, &b| v * 10 + u16::from(b - b'0'));
        if !cc_regions(cc).is_empty() {
            return Some((cc, &d[n..]));
        }
    }
    None
}

/// A valid international number given as its digits after `+` (`+44 (0)20 7946 0958` →
/// `4402079460958`: a national prefix after the calling code is stripped, as libphonenumber does).
pub(crate) fn international(d: &[u8]) -> bool {
    if d.len() > MAX_NSN + 3 || !d.iter().all(u8::is_ascii_digit) {
        return false;
    }
    let Some((cc, rest)) = split_country_code(d) else {
        return false;
    };
    let Some(main) = main_region(cc) else {
        return false;
    };
    valid_nsn(cc, parse_national(main, rest).as_slice())
}

/// A valid number of region `i` written nationally (`089 12345678` in DE): national prefix and
/// carrier code handled, and the calling code at the start recognised, as libphonenumber's
/// `parse(text, region)` does.
fn national_in(i: usize, d: &[u8]) -> bool {
    let r = &REGIONS[i];
    let mut region = i;
    let mut digits = Digits::new();
    digits.push(d);
    let mut with_calling_code = false;
    // A number that starts with the region's calling code and is better read without it.
    let mut cc_buf = [0u8; 5];
    if let (Some(rest), Some(c)) = (d.strip_prefix(cc_digits(r.cc, &mut cc_buf)), compiled(i)) {
        let (pot, _) = strip_national_prefix(i, rest);
        let max = 31 - r.lengths.leading_zeros() as usize;
        let too_long = r.lengths != 0 && !has_len(r.local_lengths, d.len()) && d.len() > max;
        if (!c.general.is_match(d) && c.general.is_match(pot.as_slice())) || too_long {
            digits = pot;
            region = main_region(r.cc).unwrap_or(i);
            with_calling_code = true;
        }
    }
    if digits.len < MIN_NSN {
        return false;
    }
    let nsn = parse_national(region, digits.as_slice());
    valid_nsn(r.cc, nsn.as_slice())
        && (with_calling_code || prefix_present_if_required(r.cc, nsn.as_slice(), d))
}

/// libphonenumber's matcher at its VALID leniency: a number written nationally carries the
/// national prefix when its format requires it (`089 1234567` in Germany, not `89 1234567`;
/// Brazil's `(11) 96123-4567` needs none).
fn prefix_present_if_required(cc: u16, nsn: &[u8], raw: &[u8]) -> bool {
    let Some(main) = main_region(cc) else {
        return true;
    };
    let Some(c) = compiled(main) else {
        return true;
    };
    let format = c.formats.iter().find(|(leading, pattern, _)| {
        leading.as_ref().is_none_or(|l| l.is_match(nsn)) && pattern.is_match(nsn)
    });
    match format {
        Some((_, _, true)) => strip_national_prefix(main, raw).1,
        _ => true,
    }
}

/// The decimal digits of a calling code.
fn cc_digits(cc: u16, buf: &mut [u8; 5]) -> &[u8] {
    let mut n = 0;
    let mut v = cc;
    loop {
        buf[4 - n] = b'0' + (v % 10) as u8;
        n += 1;
        v /= 10;
        if v == 0 {
            break;
        }
    }
    &buf[5 - n..]
}

/// Could region `r` read `d` as a national number? Its length less a national prefix (at most
/// `prefix_max` digits) must be a possible length; a number that starts with the calling code
/// may be read without it. A cheap test before any pattern runs.
fn length_fits(r: &Region, d: &[u8]) -> bool {
    let lengths = r.lengths | r.local_lengths;
    let fits = |len: usize| (0..=r.prefix_max.min(len)).any(|k| has_len(lengths, len - k));
    fits(d.len()) || d.starts_with(cc_digits(r.cc, &mut [0u8; 5]))
}

/// A valid national number (digits as written, trunk prefix included) in one of `regions`.
/// Regions that share a calling code and read the digits the same way (no national prefix of
/// their own matches) share one verdict: NANP's 25 regions cost one validation, not 25.
pub(crate) fn national(d: &[u8], regions: &PhoneRegions) -> bool {
    if !(MIN_NSN..=MAX_NSN + 3).contains(&d.len()) {
        return false;
    }
    let mut plain_verdict: Option<(u16, bool)> = None;
    for (i, r) in REGIONS.iter().enumerate() {
        if !regions.contains(i) || r.code == "001" || !length_fits(r, d) {
            continue;
        }
        let plain = !prefix_matches(i, d) && !d.starts_with(cc_digits(r.cc, &mut [0u8; 5]));
        if plain {
            if let Some((cc, verdict)) = plain_verdict {
                if cc == r.cc {
                    if verdict {
                        return true;
                    }
                    continue;
                }
            }
        }
        let verdict = national_in(i, d);
        if verdict {
            return true;
        }
        if plain {
            plain_verdict = Some((r.cc, verdict));
        }
    }
    false
}

/// Does region `i`'s national prefix pattern match the start of `d`?
fn prefix_matches(i: usize, d: &[u8]) -> bool {
    compiled(i)
        .and_then(|c| c.npfp.as_ref())
        .is_some_and(|re| re.is_match(d))
}

/// A valid NANP number: ten digits, or eleven with the leading `1`.
pub(crate) fn nanp_digits(d: &[u8]) -> bool {
    let d = match d.len() {
        11 if d[0] == b'1' => &d[1..],
        10 => d,
        _ => return false,
    };
    d[0] != b'1' && d[0] != b'0' && valid_nsn(1, d)
}

/// A valid UK number written nationally, with its trunk `0` (`020 7946 0958`).
pub(crate) fn uk_national(d: &[u8]) -> bool {
    d.len() >= 8 && d[0] == b'0' && d[1] != b'0' && valid_nsn(44, &d[1..])
}

#[cfg(test)]
mod tests {
    use super::*;

    fn all() -> PhoneRegions {
        PhoneRegions::all()
    }

    #[test]
    fn nanp() {
        assert!(nanp_digits(b"2125550123"));
        assert!(nanp_digits(b"12125550123"));
        assert!(nanp_digits(b"8005550100"));
        assert!(!nanp_digits(b"1730815407")); // epoch seconds: area codes never start with 1
        assert!(!nanp_digits(b"5551234567")); // area code 555 is not assigned
        assert!(!nanp_digits(b"2121550123")); // exchange cannot start with 1
        assert!(!nanp_digits(b"0125550123"));
        assert!(!nanp_digits(b"212555012"));
    }

    #[test]
    fn uk() {
        assert!(uk_national(b"02079460958"));
        assert!(uk_national(b"01614960000"));
        assert!(uk_national(b"07911123456"));
        assert!(uk_national(b"08001234567"));
        assert!(!uk_national(b"07700900123")); // Ofcom drama range: not a valid number
        assert!(!uk_national(b"0207946095"));
        assert!(!uk_national(b"12079460958"));
    }

    #[test]
    fn international_numbers() {
        assert!(international(b"12125550123"));
        assert!(international(b"442079460958"));
        assert!(international(b"4402079460958")); // +44 (0)20 ...
        assert!(international(b"4915112345678")); // DE mobile
        assert!(international(b"33612345678")); // FR
        assert!(!international(b"3361234567")); // FR wrong length
        assert!(!international(b"15551234567")); // NANP area 555
        assert!(!international(b"999123456789")); // no such country code
        assert!(!international(b"1234567890123456789012"));
        assert!(!international(b""));
    }

    #[test]
    fn national_formats_of_other_countries() {
        assert!(national(b"0412345678", &all())); // AU mobile
        assert!(national(b"08912345678", &all())); // DE Munich
        assert!(national(b"0142685300", &all())); // FR Paris
        assert!(national(b"5582063657", &all())); // MX
        assert!(national(b"11961234567", &all())); // BR São Paulo mobile
        let de = PhoneRegions::parse("DE").unwrap_or_else(|e| panic!("{e}"));
        assert!(national(b"08912345678", &de));
        assert!(!national(b"0142685300", &de));
        assert!(!national(b"8912345678", &de)); // German numbers are written with their trunk 0
        assert!(!national(b"0000000000", &all()));
    }

    #[test]
    fn regions_parse() {
        assert_eq!(PhoneRegions::parse("*"), Ok(PhoneRegions::all()));
        let set = PhoneRegions::parse("us, gb").unwrap_or_else(|e| panic!("{e}"));
        assert_eq!(set.codes(), ["US", "GB"]);
        let err = PhoneRegions::parse("US,XX,ZZ").err().unwrap_or_default();
        assert!(err.contains("unknown region code(s) XX, ZZ"), "{err}");
        assert!(PhoneRegions::parse(" , ").is_err());
    }
}

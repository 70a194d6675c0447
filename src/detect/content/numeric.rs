//! Numeric runs: finds clusters of digit groups joined by single separators (`4111 1111 1111
//! 1111`, `(212) 555-0123`, `+44 (0)20 7946 0958`, `01/02/1980`, `81.2.69.160`) and decides what
//! each part is: card, SSN, phone, NHS, bank account, passport, CVV, expiry, date of birth, IP,
//! or system data (dates, timestamps, versions, epochs), using the validators and the context.

use super::card::{card_digits, card_grouping};
use super::context::{after_ctx, Ctx};
use super::dates::{
    dob_contiguous, dob_groups, expiry_contiguous, expiry_groups, month_year_start, numeric_date,
    written_date_start,
};
use super::exclusions::{after_sip_scheme, glued_right, in_uuid, is_timestamp, is_uri_host};
use super::ip::{ipv4_from_groups, ipv4_public};
use super::nhs::nhs_digits;
use super::phone::{international, nanp_digits, national, uk_national, PhoneRegions};
use super::ssn::ssn_digits;
use super::Hint;
use super::Scan;
use crate::detect::kind::PiiKind;

/// Groups kept per cluster; a longer run continues as a new cluster.
pub(crate) const MAX_GROUPS: usize = 8;
/// Most groups one value can span (`+44 (0)20 7946 0958` is five, `+33 1 23 45 67 89` six).
const MAX_SPAN: usize = 7;
/// Longest digit string any detector looks at (19-digit cards; 17-digit bank accounts).
const MAX_DIGITS: usize = 20;

/// What joins a digit group to the one before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Sep {
    None,
    Space,
    Dash,
    Dot,
    Slash,
    /// Any join with a parenthesis: `(`, ` (`, `)`, `) `, `)-`.
    Paren,
}

/// A run of digit groups.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cluster {
    pub start: usize,
    pub end: usize,
    pub plus: bool,
    pub n: usize,
    pub gs: [usize; MAX_GROUPS],
    pub gl: [usize; MAX_GROUPS],
    /// `sep[k]` joins group `k` to group `k - 1`; `sep[0]` is `Paren` when the run opens with `(`.
    pub sep: [Sep; MAX_GROUPS],
}

impl Default for Cluster {
    fn default() -> Self {
        Cluster {
            start: 0,
            end: 0,
            plus: false,
            n: 0,
            gs: [0; MAX_GROUPS],
            gl: [0; MAX_GROUPS],
            sep: [Sep::None; MAX_GROUPS],
        }
    }
}

/// Parses the cluster that starts at `i` (a digit, or `+`/`(` before a digit) into `c`.
pub(crate) fn parse_cluster(s: &[u8], i: usize, c: &mut Cluster) {
    c.start = i;
    c.end = i;
    c.plus = false;
    c.n = 0;
    c.sep[0] = Sep::None;
    let digit_at = |p: usize| s.get(p).is_some_and(u8::is_ascii_digit);
    let mut p = i;
    let mut open = false;
    if s.get(p) == Some(&b'+') {
        c.plus = true;
        p += 1;
    }
    if s.get(p) == Some(&b'(') {
        open = true;
        c.sep[0] = Sep::Paren;
        p += 1;
    }
    loop {
        let g = p;
        while digit_at(p) {
            p += 1;
        }
        if p == g {
            break;
        }
        c.gs[c.n] = g;
        c.gl[c.n] = p - g;
        c.n += 1;
        c.end = p;
        if c.n == MAX_GROUPS {
            break;
        }
        let (sep, next, now_open) = match s.get(p) {
            Some(b')') if open => {
                let q = if matches!(s.get(p + 1), Some(b' ' | b'-')) {
                    p + 2
                } else {
                    p + 1
                };
                (Sep::Paren, q, false)
            }
            Some(b'(') if !open => (Sep::Paren, p + 1, true),
            Some(b' ') if !open && s.get(p + 1) == Some(&b'(') => (Sep::Paren, p + 2, true),
            Some(b' ') => (Sep::Space, p + 1, open),
            Some(b'-') => (Sep::Dash, p + 1, open),
            Some(b'.') => (Sep::Dot, p + 1, open),
            Some(b'/') => (Sep::Slash, p + 1, open),
            _ => break,
        };
        if !digit_at(next) {
            break;
        }
        c.sep[c.n] = sep;
        open = now_open;
        p = next;
    }
}

/// The groups `i..j` of a cluster, with their digits gathered.
struct Part<'a> {
    groups: [&'a [u8]; MAX_SPAN],
    k: usize,
    digits: [u8; MAX_DIGITS],
    len: usize,
    /// Separators between the groups (`k - 1` of them).
    seps: [Sep; MAX_SPAN],
}

impl<'a> Part<'a> {
    fn empty() -> Self {
        Part {
            groups: [&[]; MAX_SPAN],
            k: 0,
            digits: [0; MAX_DIGITS],
            len: 0,
            seps: [Sep::None; MAX_SPAN],
        }
    }

    /// Fills in groups `i..j` of `c`; `false` when they hold too many digits to be anything.
    fn fill(&mut self, s: &'a [u8], c: &Cluster, i: usize, j: usize) -> bool {
        self.k = j - i;
        self.len = 0;
        for (o, g) in (i..j).enumerate() {
            let group = &s[c.gs[g]..c.gs[g] + c.gl[g]];
            if self.len + group.len() > MAX_DIGITS {
                return false;
            }
            for &b in group {
                self.digits[self.len] = b;
                self.len += 1;
            }
            self.groups[o] = group;
            if o > 0 {
                self.seps[o - 1] = c.sep[g];
            }
        }
        true
    }

    fn digits(&self) -> &[u8] {
        &self.digits[..self.len]
    }

    fn lens(&self) -> ([usize; MAX_SPAN], usize) {
        let mut l = [0; MAX_SPAN];
        for (d, g) in l.iter_mut().zip(&self.groups[..self.k]) {
            *d = g.len();
        }
        (l, self.k)
    }

    fn seps(&self) -> &[Sep] {
        &self.seps[..self.k.saturating_sub(1)]
    }

    /// One separator kind throughout, from `allowed` (true for a single group).
    fn uniform(&self, allowed: &[Sep]) -> bool {
        let seps = self.seps();
        seps.first()
            .is_none_or(|f| allowed.contains(f) && seps.iter().all(|x| x == f))
    }

    fn three(&self) -> Option<[&'a [u8]; 3]> {
        (self.k == 3).then(|| [self.groups[0], self.groups[1], self.groups[2]])
    }

    fn is_date(&self) -> bool {
        self.uniform(&[Sep::Slash, Sep::Dash, Sep::Dot]) && self.three().is_some_and(numeric_date)
    }

    fn card_shaped(&self) -> bool {
        let (l, k) = self.lens();
        let lens32: [u32; MAX_SPAN] = l.map(|x| x as u32);
        k >= 2 && self.uniform(&[Sep::Space, Sep::Dash, Sep::Dot]) && card_grouping(&lens32[..k])
    }
}

/// The context of one cluster, read once and only when a shape needs it.
#[derive(Clone, Copy)]
struct ClusterCtx {
    before: Ctx,
    after: Ctx,
    key: Ctx,
}

impl ClusterCtx {
    /// An identifier word is the nearest context: numbers here are not PII.
    fn suppressed(&self) -> bool {
        match (self.before, self.after) {
            (Ctx::Neg, _) => true,
            (Ctx::Pos(_), _) | (_, Ctx::Pos(_)) => false,
            _ => self.key == Ctx::Neg,
        }
    }

    /// Hints in order of precedence: before the hit, after it, the key.
    fn hints(&self) -> [Option<Hint>; 3] {
        let h = |c: Ctx| match c {
            Ctx::Pos(h) => Some(h),
            _ => None,
        };
        [h(self.before), h(self.after), h(self.key)]
    }

    fn has(&self, hint: Hint) -> bool {
        self.hints().contains(&Some(hint))
    }
}

/// The outcome for a part of a cluster.
enum Verdict {
    /// Not recognised: try a shorter part.
    No,
    /// Recognised as this kind (or as system data, `None`): consume the part.
    Claim(Option<PiiKind>),
    /// The cluster's context vetoes it (an identifier word): stop reading it.
    Stop,
}

impl Scan<'_> {
    fn cluster_ctx(&mut self, c: &Cluster, memo: &mut Option<ClusterCtx>) -> ClusterCtx {
        if let Some(m) = *memo {
            return m;
        }
        // Without a two-letter word anywhere in the value, no window can hold a context word.
        let words = self.has_words();
        let m = ClusterCtx {
            before: if words {
                self.before(c.start)
            } else {
                self.previous_hint(c.start)
            },
            after: if words {
                after_ctx(self.s, c.end)
            } else {
                Ctx::None
            },
            key: self.key_ctx(),
        };
        *memo = Some(m);
        m
    }

    /// Classifies every part of one cluster.
    pub(crate) fn cluster(&mut self, c: &Cluster) {
        let s = self.s;
        let mut n = c.n;
        // Glued to a following token (`…123abc`), except an ISO date followed by `T10:…`.
        if glued_right(s, c.end) {
            let t = matches!(s.get(c.end), Some(b'T' | b't'))
                && s.get(c.end + 1).is_some_and(u8::is_ascii_digit);
            if !t {
                n -= 1;
            }
        }
        // User part of a URI or e-mail (`…@`), or a SIP URI: infrastructure or handled elsewhere.
        if n == 0 || s.get(c.end) == Some(&b'@') || after_sip_scheme(s, c.start) {
            return;
        }
        if c.sep[1..n].contains(&Sep::Dash) && in_uuid(s, c.start, c.end) {
            return;
        }
        let mut memo = None;
        // An identifier or system context vetoes the whole run (read once, up front, when the
        // run has enough digits to be anything).
        if c.gl[..n].iter().sum::<usize>() >= 3 {
            let cx = self.cluster_ctx(c, &mut memo);
            if cx.suppressed() && !cx.has(Hint::IpAddress) {
                return;
            }
        }
        let mut i = 0;
        if c.plus {
            i = self.international(c, n, &mut memo);
        }
        if i == 0 {
            i = self.dotted_quad(c, n, &mut memo);
        }
        let mut part = Part::empty();
        while i < n {
            let mut used = 1;
            // A date is read as a date first: never the start of a longer phone, card or
            // account number ("callback 2027-12-01 09:00").
            // Three groups only: a fourth joined the same way makes a longer number
            // (`06.12.33.44.33` is a French phone number).
            let date_end = i + 3;
            let date_first = date_end <= n
                && !(date_end < n && c.sep[date_end] == c.sep[i + 1])
                && part.fill(s, c, i, date_end)
                && part.is_date();
            let longest = if date_first {
                date_end
            } else {
                n.min(i + MAX_SPAN)
            };
            for j in (i + 1..=longest).rev() {
                if !part.fill(s, c, i, j) {
                    continue;
                }
                match self.part(c, &part, i, j == n, &mut memo) {
                    Verdict::Claim(kind) => {
                        if let Some(kind) = kind {
                            self.found(kind);
                        }
                        used = j - i;
                        break;
                    }
                    Verdict::Stop => return,
                    Verdict::No => {}
                }
            }
            i += used;
        }
    }

    /// `+` numbers: the longest prefix of groups that is a valid international number.
    fn international(&mut self, c: &Cluster, n: usize, memo: &mut Option<ClusterCtx>) -> usize {
        for j in (1..=n.min(MAX_SPAN)).rev() {
            let mut d = [0u8; MAX_DIGITS];
            let mut len = 0;
            let mut fits = true;
            for g in 0..j {
                let group = &self.s[c.gs[g]..c.gs[g] + c.gl[g]];
                if len + group.len() > 17 {
                    fits = false;
                    break;
                }
                d[len..len + group.len()].copy_from_slice(group);
                len += group.len();
            }
            if fits && len >= 8 && international(&d[..len]) {
                if self.wants(PiiKind::Phone) && !self.cluster_ctx(c, memo).suppressed() {
                    self.found(PiiKind::Phone);
                }
                return j;
            }
        }
        0
    }

    /// IPv4 dotted quads at the start of a cluster; longer dotted runs are versions.
    fn dotted_quad(&mut self, c: &Cluster, n: usize, memo: &mut Option<ClusterCtx>) -> usize {
        let dots = (1..n).take_while(|&g| c.sep[g] == Sep::Dot).count();
        if dots < 3 || c.gl[..4].iter().any(|&l| l > 3) {
            return 0;
        }
        if dots > 3 {
            // Five or more pairs of digits are a phone number written the French way
            // (`01.42.68.53.00`); other longer dotted runs are versions (`1.2.3.4.5`).
            let pairs = c.gl[..=dots].iter().all(|&l| l == 2);
            return if pairs { 0 } else { dots + 1 };
        }
        let s = self.s;
        let g = |k: usize| &s[c.gs[k]..c.gs[k] + c.gl[k]];
        // Not an address (`012.34.56.43` is a Belgian phone number written with dots): the
        // groups are read like any other.
        let Some(addr) = ipv4_from_groups([g(0), g(1), g(2), g(3)]) else {
            return 0;
        };
        if self.wants(PiiKind::IpAddress) && ipv4_public(addr) && !is_uri_host(s, c.start) {
            let cx = self.cluster_ctx(c, memo);
            if cx.has(Hint::IpAddress) || (!cx.suppressed() && self.free_text()) {
                self.found(PiiKind::IpAddress);
            }
        }
        4
    }

    /// Decides one part (groups `i..` of the cluster).
    fn part(
        &mut self,
        c: &Cluster,
        p: &Part<'_>,
        i: usize,
        to_end: bool,
        memo: &mut Option<ClusterCtx>,
    ) -> Verdict {
        let d = p.digits();
        let len = d.len();
        // A written-out date ending in this year (`2 January 1980`, `14 de marzo de 1985`), or a
        // month and year (`Dec 2027`, `diciembre de 2027`).
        if p.k == 1 && len == 4 && (d[0] == b'1' || d[0] == b'2') {
            if let Some(ds) = written_date_start(self.s, c.gs[i]) {
                let cx = ClusterCtx {
                    before: self.before(ds),
                    ..self.cluster_ctx(c, memo)
                };
                if cx.has(Hint::DateOfBirth) && self.wants(PiiKind::DateOfBirth) {
                    return Verdict::Claim(Some(PiiKind::DateOfBirth));
                }
                return Verdict::Claim(None);
            }
            if d[..2] == *b"20" {
                if let Some(ms) = month_year_start(self.s, c.gs[i]) {
                    let cx = ClusterCtx {
                        before: self.before(ms),
                        ..self.cluster_ctx(c, memo)
                    };
                    if cx.has(Hint::CardExpiry) && self.wants(PiiKind::CardExpiry) {
                        return Verdict::Claim(Some(PiiKind::CardExpiry));
                    }
                }
            }
        }
        // Nothing shorter than three digits means anything on its own.
        if len < 3 && p.k == 1 {
            return Verdict::No;
        }
        let date = p.is_date();
        let epoch = p.k == 1 && is_timestamp(d);
        let at = Position {
            start: i == 0,
            whole: i == 0 && to_end,
        };
        let cx = self.cluster_ctx(c, memo);
        if cx.suppressed() {
            return Verdict::Stop;
        }
        for hint in cx.hints().into_iter().flatten() {
            if let Some(kind) = self.hinted(hint, p, date, at) {
                return Verdict::Claim(Some(kind));
            }
        }
        if date {
            return Verdict::Claim(None);
        }
        // A structured value whose key names one kind is that kind or nothing.
        if matches!(cx.key, Ctx::Pos(_)) && cx.hints()[..2] == [None, None] && !self.free_text() {
            return Verdict::No;
        }
        if epoch {
            return Verdict::No;
        }
        // In free text a card number needs no "card": issuer range, length and Luhn are enough
        // ("payment declined for 4532…", "here are the digits …"); identifier words have vetoed
        // above.
        if p.k == 1
            && (12..=19).contains(&len)
            && self.wants(PiiKind::CreditCard)
            && self.prose()
            && card_digits(d)
        {
            return Verdict::Claim(Some(PiiKind::CreditCard));
        }
        match self.strong(p, c.sep[i] == Sep::Paren) {
            Some(kind) => Verdict::Claim(Some(kind)),
            None => Verdict::No,
        }
    }

    /// Self-evident shapes that need no context: a dashed SSN, a card in card-shaped groups,
    /// a formatted NANP or UK phone number.
    fn strong(&self, p: &Part<'_>, lead_paren: bool) -> Option<PiiKind> {
        let d = p.digits();
        let (lens, k) = p.lens();
        if k == 3 && lens[..3] == [3, 2, 4] && p.uniform(&[Sep::Dash]) {
            return (ssn_digits(d) && self.wants(PiiKind::UsSsn)).then_some(PiiKind::UsSsn);
        }
        if p.card_shaped() && card_digits(d) && self.wants(PiiKind::CreditCard) {
            return Some(PiiKind::CreditCard);
        }
        if k >= 2 && self.wants(PiiKind::Phone) && phone_formatted(p, lead_paren) {
            return Some(PiiKind::Phone);
        }
        None
    }

    /// Context-driven readings of a part.
    fn hinted(&self, hint: Hint, p: &Part<'_>, date: bool, at: Position) -> Option<PiiKind> {
        let d = p.digits();
        let len = d.len();
        let (lens, k) = p.lens();
        let lens = &lens[..k];
        let plain = p.uniform(&[Sep::Space, Sep::Dash]);
        let want = |kind: PiiKind, ok: bool| (ok && self.wants(kind)).then_some(kind);
        match hint {
            Hint::DateOfBirth => want(
                PiiKind::DateOfBirth,
                (date && p.three().is_some_and(dob_groups)) || (k == 1 && dob_contiguous(d)),
            ),
            Hint::CardExpiry => want(
                PiiKind::CardExpiry,
                (k == 2
                    && p.uniform(&[Sep::Slash, Sep::Dash, Sep::Dot, Sep::Space])
                    && (expiry_groups(p.groups[0], p.groups[1])
                        || (p.groups[0].len() == 4 && expiry_groups(p.groups[1], p.groups[0]))))
                    || (k == 1 && expiry_contiguous(d)),
            ),
            // Other kinds: the part must start where the context words are, and not be a date
            // (a UK sort code `07-25-12` looks like one: with bank context it is bank data).
            _ if !at.start || (date && !(hint == Hint::BankAccount && lens == [2, 2, 2])) => None,
            Hint::UkNhs => want(
                PiiKind::UkNhs,
                plain && (lens == [10] || lens == [3, 3, 4]) && nhs_digits(d),
            ),
            Hint::UsSsn => want(
                PiiKind::UsSsn,
                p.uniform(&[Sep::Space, Sep::Dash, Sep::Dot])
                    && (lens == [9] || lens == [3, 2, 4])
                    && ssn_digits(d),
            ),
            Hint::CreditCard => want(
                PiiKind::CreditCard,
                (k == 1 || p.card_shaped()) && card_digits(d),
            ),
            // Timestamps written as one run (epoch seconds and milliseconds, `20261130143000`)
            // are timestamps, even where they would be a valid number (São Paulo landlines in
            // area codes 15-19 look like epoch seconds; written with their punctuation they
            // are read).
            Hint::Phone if k == 1 && is_timestamp(d) => None,
            // Seven digits at least: shorter numbers (emergency and service codes, local
            // numbers of small networks) identify nobody.
            Hint::Phone if len < 7 => None,
            Hint::Phone => want(
                PiiKind::Phone,
                if at.whole {
                    phone_digits(d, self.regions)
                } else {
                    national(d, self.regions)
                },
            ),
            Hint::BankAccount => {
                if p.card_shaped() && card_digits(d) {
                    return want(PiiKind::CreditCard, true);
                }
                want(PiiKind::BankAccount, plain && (6..=20).contains(&len))
            }
            Hint::Passport => want(PiiKind::Passport, k == 1 && (6..=9).contains(&len)),
            Hint::Cvv => want(PiiKind::Cvv, k == 1 && (3..=4).contains(&len)),
            // No numeric reading (IP addresses are read as dotted quads); request kinds are no
            // context words.
            _ => None,
        }
    }
}

/// Where a part sits in its cluster.
#[derive(Clone, Copy)]
struct Position {
    /// It starts the cluster (next to the context words before it).
    start: bool,
    /// It is the whole cluster.
    whole: bool,
}

/// Any way of writing a phone number's digits that is valid: a national number of one of the
/// default regions (trunk prefix included), `00` + international, or international digits
/// without the `+`.
pub(crate) fn phone_digits(d: &[u8], regions: &PhoneRegions) -> bool {
    match d {
        [b'0', b'0', rest @ ..] => rest.len() >= 8 && international(rest),
        _ => {
            national(d, regions)
                || ((11..=15).contains(&d.len())
                    && d[0] != b'1'
                    && d[0] != b'0'
                    && international(d))
        }
    }
}

/// Formatted national numbers that need no context: NANP `(212) 555-0123`, `212.555.0123`,
/// `1-800-555-0199`; UK `020 7946 0958`, `07911 123456`, `(0161) 496 0000`.
fn phone_formatted(p: &Part<'_>, lead_paren: bool) -> bool {
    let d = p.digits();
    let (lens, k) = p.lens();
    let lens = &lens[..k];
    let seps_ok = p
        .seps()
        .iter()
        .all(|s| matches!(s, Sep::Space | Sep::Dash | Sep::Dot | Sep::Paren));
    if !seps_ok {
        return false;
    }
    let parens = lead_paren || p.seps().contains(&Sep::Paren);
    let nanp_shape = lens == [3, 3, 4] || (lens == [1, 3, 3, 4] && d[0] == b'1');
    if nanp_shape && (!parens || p.seps().iter().filter(|&&s| s == Sep::Paren).count() <= 2) {
        return nanp_digits(d);
    }
    let uk_shape = d[0] == b'0'
        && (10..=11).contains(&d.len())
        && (2..=4).contains(&k)
        && lens.iter().all(|&l| l >= 3)
        && !p.seps().contains(&Sep::Dot);
    uk_shape && uk_national(d)
}

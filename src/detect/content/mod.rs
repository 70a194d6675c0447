//! The content-detection engine: finds the built-in kinds in one attribute value (or free text),
//! with the attribute key as context. Validated detectors, not bare patterns; what each kind
//! accepts (shapes, keywords in five languages, validator) is declared in `detect::rules`, one
//! file per kind; each file here says what part of the matching it owns. Findings carry only
//! kinds, never values, and nothing here logs.
//!
//! How one value is scanned (no allocation, one pass plus rare extra passes):
//! 1. The agent's speech (a transcript item on the agent's channel, or the agent's turns of
//!    notes written as turns) is read for requests (`request.rs`). An utterance with digits
//!    spoken as words ("six five two four…") is read with them written as digits (`spoken.rs`).
//! 2. Values decided whole, before any state is built: no digit, `@` or `:` (nothing to find,
//!    but a letters-only passport number under a passport key); digits alone under a key that
//!    names no kind (but a card number that passes its validator under a key that names nothing
//!    either, and a security code under `CID`); a UUID; an ISO timestamp (unless the key says date of birth or expiry).
//!    A system key (`orderNumber`, `startTime`, `Queue.Name`…) over a value without words →
//!    only an e-mail can be found.
//! 3. One byte loop: digit runs become clusters (`numeric.rs`) classified with the validators
//!    and the context (`context.rs`); letter-led words are tried as IBANs (`words.rs`) and,
//!    where passport context can be, as passport numbers (`passport.rs`). System data is
//!    excluded on the way (`exclusions.rs`, `dates.rs`, `ip.rs`): a date is read as a date
//!    first, times and compact timestamps are never numbers anyone dials.
//! 4. `@` → e-mail check (`email.rs`); `::` or six colons → IPv6 candidates (`ip.rs`).
//!
//! Context (`context.rs`): the key name, split into words (`customer_SSN`, `cardNumber`,
//! `Call.Ani`, `CALLERDOB`, `teléfonoCliente`), and the words before a number in the value (up to
//! 48 bytes of its sentence; the sentence or turn before when that says nothing; the previous
//! utterance for the first sentence of a transcript item), else a few words after it. The last
//! context word wins. Hints point at a kind; identifier words (order, pedido, commande,
//! Bestellung, tracking, invoice, ticket, ref, id, version, build…) veto the number right after
//! them; in key names system words (time, queue, amount, duration…) veto too. Key verdicts are
//! cached per thread (fixed 32 KiB, no allocation).
//!
//! Phone numbers (`phone.rs`) are validated as libphonenumber does, over its metadata for every
//! region (`phone_meta.rs`); national formats are read for the default regions
//! (`PII_PHONE_REGIONS`, every region by default), `+` numbers for every country.
//!
//! A structured value whose key names one kind (`nhsNumber`) is that kind or nothing. Numbers
//! glued to other tokens (`v10.2`, `SKU-4111…`, `INC0012345`, UPS `1Z…`, hashes, base64) and
//! inside UUIDs are never read.

mod card;
mod context;
mod dates;
mod email;
mod exclusions;
mod iban;
mod ip;
mod nhs;
mod numeric;
mod passport;
mod phone;
mod phone_meta;
mod request;
mod spoken;
mod ssn;
pub mod validators;
mod words;

use crate::detect::config::DetectionConfig;
use crate::detect::kind::{KindSet, PiiKind};
use crate::detect::{Input, Speaker};
use context::{after_ctx, before_ctx, is_prose, key_ctx, previous_ctx, Ctx};
pub use phone::PhoneRegions;
pub use request::answered_by;

/// What a context word points at: the kind it names.
pub(crate) type Hint = PiiKind;

/// The content scanner. Cheap to build, immutable, `Send + Sync`: build once, share everywhere.
#[derive(Debug, Clone)]
pub struct ContentScanner {
    enabled: KindSet,
    regions: PhoneRegions,
}

impl Default for ContentScanner {
    /// All content kinds enabled.
    fn default() -> Self {
        ContentScanner::new(KindSet::all())
    }
}

impl ContentScanner {
    /// Builds the scanner for the enabled kinds. `PiiKind::Flag` is never content-detected and
    /// is ignored. There is nothing to compile: the detectors are hand-written matchers over
    /// static tables, so this costs nanoseconds.
    pub fn new(enabled: KindSet) -> Self {
        let mut enabled = enabled;
        enabled.remove(PiiKind::Flag);
        ContentScanner {
            enabled,
            regions: PhoneRegions::all(),
        }
    }

    /// The scanner a detection configuration asks for.
    pub fn with_config(config: &DetectionConfig) -> Self {
        ContentScanner {
            regions: config.phone_regions,
            ..ContentScanner::new(config.kinds)
        }
    }

    /// The kinds this scanner looks for.
    pub fn enabled(&self) -> KindSet {
        self.enabled
    }

    /// Scans one value. `key` is the attribute key (context; `""` for free text with no key);
    /// `value` is the attribute value or free text. Adds every kind found to `out`.
    /// Never panics, never allocates, linear in the length of `value`.
    pub fn scan_value(&self, key: &str, value: &str, out: &mut KindSet) {
        self.scan(&Input::new(key, value), out);
    }

    /// Scans one value with its transcript context (speaker, previous utterance).
    pub fn scan(&self, input: &Input<'_>, out: &mut KindSet) {
        let s = input.text.as_bytes();
        if s.is_empty() || self.enabled.is_empty() {
            return;
        }
        // The agent asking for sensitive data: a transcript item on the agent's channel, or the
        // agent's turns of text written as conversation turns.
        request::requests(s, input.speaker, self.enabled, out);
        // An utterance with digits spoken as words is read with them written as digits.
        if input.speaker != Speaker::Unknown && spoken::has_spoken_digits(s) {
            let mut written = [0u8; spoken::MAX_SPOKEN];
            let n = spoken::rewrite(s, &mut written);
            self.scan_content(input, &written[..n], out);
        } else {
            self.scan_content(input, s, out);
        }
    }

    /// Scans the text of one value for the content kinds (requests are read before).
    fn scan_content(&self, input: &Input<'_>, s: &[u8], out: &mut KindSet) {
        let key = input.key;
        // Most system values are decided before any state is built (see `decided_clean`).
        let key_ctx = if has_digit_at_or_colon(s) {
            let k = key_ctx(key);
            if all_digits(s) {
                if let Some(kind) = self.digits_alone(key, s, k) {
                    out.insert(kind);
                    return;
                }
            }
            if decided_clean(s, k) {
                return;
            }
            Some(k)
        } else {
            // Only a passport number under a passport key can be letters alone.
            if !(6..=9).contains(&s.len()) {
                return;
            }
            let k = key_ctx(key);
            if k != Ctx::Pos(Hint::Passport) {
                return;
            }
            Some(k)
        };
        let mut scan = Scan {
            s,
            key,
            speaker: input.speaker,
            previous: input.previous.as_bytes(),
            regions: &self.regions,
            enabled: self.enabled,
            out,
            key_ctx,
            free_text: None,
            has_words: None,
            prose: None,
            passport_words: None,
            value_hints: None,
        };
        scan.run();
    }

    /// A value of digits alone read whole by what its key allows: three or four digits under a
    /// key that is a security code only for such a value (`CID`, see
    /// [`cvv::code_shaped_key`](crate::detect::rules::cvv::code_shaped_key)); a number that
    /// passes the card validator (issuer range, length, Luhn) under a key that names nothing
    /// (`ivr.CollectedDigits`, `dtmfInput`) or a free-text field: card digits keyed in or said.
    /// A key that names a kind or an identifier is read as usual; digits with no key at all
    /// are no card.
    fn digits_alone(&self, key: &str, s: &[u8], k: Ctx) -> Option<PiiKind> {
        let want = |kind: PiiKind| self.enabled.contains(kind).then_some(kind);
        match s.len() {
            3..=4 if k == Ctx::None && crate::detect::rules::cvv::code_shaped_key(key) => {
                want(PiiKind::Cvv)
            }
            12..=19
                if !key.is_empty()
                    && matches!(k, Ctx::None | Ctx::Text)
                    && card::card_digits(s) =>
            {
                want(PiiKind::CreditCard)
            }
            _ => None,
        }
    }
}

/// The state of one `scan_value` call.
pub(crate) struct Scan<'a> {
    s: &'a [u8],
    key: &'a str,
    /// Who said the value (transcript items).
    speaker: Speaker,
    /// The utterance before this one in a transcript (empty when none).
    previous: &'a [u8],
    regions: &'a PhoneRegions,
    enabled: KindSet,
    out: &'a mut KindSet,
    key_ctx: Option<Ctx>,
    free_text: Option<bool>,
    has_words: Option<bool>,
    prose: Option<bool>,
    passport_words: Option<bool>,
    value_hints: Option<KindSet>,
}

impl Scan<'_> {
    pub(crate) fn wants(&self, kind: PiiKind) -> bool {
        self.enabled.contains(kind)
    }

    pub(crate) fn found(&mut self, kind: PiiKind) {
        self.out.insert(kind);
    }

    pub(crate) fn key_ctx(&mut self) -> Ctx {
        *self.key_ctx.get_or_insert_with(|| key_ctx(self.key))
    }

    /// Does the value contain two ASCII letters in a row (so possibly a context word)?
    pub(crate) fn has_words(&mut self) -> bool {
        let s = self.s;
        *self.has_words.get_or_insert_with(|| {
            let letter = |b: u8| u8::from((b | 0x20).wrapping_sub(b'a') < 26);
            s.windows(2).any(|w| letter(w[0]) & letter(w[1]) != 0)
        })
    }

    /// Free text: no key, a notes/comment/transcript key, or a value that reads like prose.
    pub(crate) fn free_text(&mut self) -> bool {
        if let Some(f) = self.free_text {
            return f;
        }
        let f = self.key.is_empty() || self.key_ctx() == Ctx::Text || is_prose(self.s);
        self.free_text = Some(f);
        f
    }

    /// Every kind a word of the value points at (read once, when needed).
    pub(crate) fn value_hints(&mut self) -> KindSet {
        let s = self.s;
        *self.value_hints.get_or_insert_with(|| context::hints_in(s))
    }

    /// Prose (several words) or a free-text field; a value with no key alone is not enough.
    pub(crate) fn prose(&mut self) -> bool {
        if let Some(p) = self.prose {
            return p;
        }
        let p = self.key_ctx() == Ctx::Text || is_prose(self.s);
        self.prose = Some(p);
        p
    }

    /// The context of the words before `start`; when none and nothing but words of the same
    /// sentence precede `start`, the question at the end of the previous utterance.
    ///
    /// The organisation's own number (`our number is …`) is not PII in the agent's mouth: the
    /// agent gives the customer the number to call. The customer's household number is.
    pub(crate) fn before(&self, start: usize) -> Ctx {
        match before_ctx(self.s, start) {
            Ctx::None => self.previous_hint(start),
            Ctx::Ours if self.speaker == Speaker::Agent => Ctx::Neg,
            Ctx::Ours => Ctx::Pos(Hint::Phone),
            c => c,
        }
    }

    /// The previous utterance's hint, for a hit in the first sentence of this one.
    pub(crate) fn previous_hint(&self, start: usize) -> Ctx {
        if self.previous.is_empty() {
            return Ctx::None;
        }
        let head = &self.s[..start.min(self.s.len())];
        let first_sentence = !head.iter().enumerate().any(|(i, &b)| {
            b.is_ascii_digit()
                || matches!(b, b';' | b'|' | b'\n')
                || (matches!(b, b'.' | b'!' | b'?')
                    && head.get(i + 1).is_none_or(u8::is_ascii_whitespace))
        });
        if !first_sentence {
            return Ctx::None;
        }
        previous_ctx(self.previous)
    }

    /// Context hint for a span that is not a digit cluster (letter-led words, IPv6).
    fn span_has(&mut self, start: usize, end: usize, hint: Hint) -> (bool, bool) {
        let before = self.before(start);
        let after = after_ctx(self.s, end);
        let key = self.key_ctx();
        let has = [before, after, key].contains(&Ctx::Pos(hint));
        let suppressed = match (before, after) {
            (Ctx::Neg, _) => true,
            (Ctx::Pos(_), _) | (_, Ctx::Pos(_)) => false,
            _ => key == Ctx::Neg,
        };
        (has, suppressed)
    }

    fn run(&mut self) {
        let s = self.s;
        // A system key (order, version, time, id…) over a value with no word that could
        // override it: every number in it is vetoed, so only an e-mail address can be found.
        if self.key_ctx() == Ctx::Neg && !self.has_words() {
            if self.wants(PiiKind::Email) && s.contains(&b'@') && email::contains_email(s) {
                self.found(PiiKind::Email);
            }
            return;
        }
        let mut at_sign = false;
        // IPv6 needs `::` or seven colons (a time like 10:12:45 has two).
        let mut colons = 0usize;
        let mut double_colon = false;
        let mut cluster = numeric::Cluster::default();
        let mut i = 0;
        while i < s.len() {
            let b = s[i];
            if b.is_ascii_digit()
                || (matches!(b, b'+' | b'(') && s.get(i + 1).is_some_and(u8::is_ascii_digit))
            {
                if exclusions::glued_left(s, i) {
                    i = skip_word(s, i);
                    continue;
                }
                // A digit-led token of letters and digits (`12AB34567`): maybe a passport.
                let digits_end = i + s[i..].iter().take_while(|b| b.is_ascii_digit()).count();
                if b.is_ascii_digit() && s.get(digits_end).is_some_and(u8::is_ascii_alphabetic) {
                    if let Some(end) = self.passport_token(i) {
                        i = end;
                        continue;
                    }
                }
                numeric::parse_cluster(s, i, &mut cluster);
                self.cluster(&cluster);
                i = cluster.end.max(i + 1);
            } else if b.is_ascii_alphabetic() {
                let word_start = i == 0 || !(s[i - 1].is_ascii_alphanumeric() || s[i - 1] == b'_');
                let end = if word_start {
                    self.letter_word(i)
                } else {
                    None
                };
                i = end.unwrap_or_else(|| skip_word(s, i));
            } else {
                if b == b':' {
                    colons += 1;
                    double_colon |= s.get(i + 1) == Some(&b':');
                }
                at_sign |= b == b'@';
                i += 1;
            }
        }
        if at_sign && self.wants(PiiKind::Email) && email::contains_email(s) {
            self.found(PiiKind::Email);
        }
        if (double_colon || colons >= 6) && self.wants(PiiKind::IpAddress) {
            self.ipv6();
        }
    }

    /// IBANs and alphanumeric passport numbers starting at word start `i`; the end of a
    /// recognised token, so its digits are not read again.
    fn letter_word(&mut self, i: usize) -> Option<usize> {
        let s = self.s;
        let third = *s.get(i + 2)?;
        if third.is_ascii_digit() {
            if let Some(end) = words::iban_at(s, i) {
                if self.wants(PiiKind::Iban) {
                    self.found(PiiKind::Iban);
                }
                return Some(end);
            }
        }
        // A passport number: a token of 6-9 letters and digits (letters only under a passport
        // key), where passport context can be.
        let end = skip_word(s, i);
        let word = &s[i..end];
        let shaped = (6..=9).contains(&word.len())
            && !word.contains(&b'_')
            && (word.iter().any(u8::is_ascii_digit) || self.key_ctx() == Ctx::Pos(Hint::Passport));
        if shaped {
            return self.passport_token(i).or(Some(end));
        }
        Some(end)
    }

    /// Can passport context be anywhere: a passport key, or a passport word in the value? A
    /// cheap test (`pas`, `travel` in any case) before any word is read.
    fn passport_possible(&mut self) -> bool {
        if !self.wants(PiiKind::Passport) {
            return false;
        }
        if self.key_ctx() == Ctx::Pos(Hint::Passport) {
            return true;
        }
        let s = self.s;
        let has = |needle: &[u8]| {
            s.windows(needle.len())
                .any(|w| w.eq_ignore_ascii_case(needle))
        };
        *self
            .passport_words
            .get_or_insert_with(|| has(b"pas") || has(b"travel"))
    }

    /// A passport number in the mixed letters-and-digits token at `i`: a country's format with
    /// passport context, or the ICAO shape with strong context (a passport key, or the keyword
    /// right before it). Its end when the token has a passport shape (read once), else `None`.
    fn passport_token(&mut self, i: usize) -> Option<usize> {
        if !self.wants(PiiKind::Passport) {
            return None;
        }
        let s = self.s;
        let end = passport::token_at(s, i)?;
        let token = &s[i..end];
        let country = passport::country_format(token);
        if (!country && !passport::icao_shape(token)) || !self.passport_possible() {
            return None;
        }
        if self.key_ctx() != Ctx::Pos(Hint::Passport)
            && !self.value_hints().contains(Hint::Passport)
        {
            return Some(end);
        }
        let (has, suppressed) = self.span_has(i, end, Hint::Passport);
        let strong = self.key_ctx() == Ctx::Pos(Hint::Passport)
            || self.before(i) == Ctx::Pos(Hint::Passport);
        if !suppressed && ((country && has) || strong) {
            self.found(PiiKind::Passport);
        }
        Some(end)
    }

    fn ipv6(&mut self) {
        let s = self.s;
        let mut hits = [(0usize, 0usize); 8];
        let mut n = 0;
        ip::for_each_ipv6_candidate(s, |a, b| {
            if n < hits.len() {
                hits[n] = (a, b);
                n += 1;
            }
        });
        for &(a, b) in &hits[..n] {
            let public = ip::parse_ipv6(&s[a..b]).is_some_and(ip::ipv6_public);
            if !public || exclusions::is_uri_host(s, a) {
                continue;
            }
            let (has, suppressed) = self.span_has(a, b, Hint::IpAddress);
            if has || (!suppressed && self.free_text()) {
                self.found(PiiKind::IpAddress);
                return;
            }
        }
    }
}

/// Does `s` hold a digit, `:` (right after `9`) or `@`? Eight bytes at a time (SWAR): most
/// values are decided here.
fn has_digit_at_or_colon(s: &[u8]) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    let zero_byte = |v: u64| v.wrapping_sub(ONES) & !v & HIGH;
    let word_hits =
        |x: u64| bytes_between(x, b'/' as u64, b';' as u64) | zero_byte(x ^ (ONES * b'@' as u64));
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        if word_hits(u64::from_le_bytes(w)) != 0 {
            return true;
        }
    }
    chunks
        .remainder()
        .iter()
        .any(|&b| b.wrapping_sub(b'0') <= 10 || b == b'@')
}

/// Values decided clean before any state is built, given their key's context: digits alone
/// (epochs, counters, ids) unless the key names a kind (without separators no shape is
/// self-evident, without words there is no prose); a UUID; a timestamp unless the key says
/// date of birth or expiry. (Values without a digit, `@` or `:` are decided before this.)
fn decided_clean(s: &[u8], key: Ctx) -> bool {
    (!matches!(key, Ctx::Pos(_)) && all_digits(s))
        || exclusions::is_uuid(s)
        || (exclusions::is_iso_timestamp(s)
            && !matches!(key, Ctx::Pos(Hint::DateOfBirth | Hint::CardExpiry)))
}

/// Bytes strictly between `m` and `n` (both at most 128) in the eight bytes of `x`, as their high
/// bits; bytes of 0x80 and above never count.
const fn bytes_between(x: u64, m: u64, n: u64) -> u64 {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    const LOW7: u64 = 0x7F7F_7F7F_7F7F_7F7F;
    ((ONES * (127 + n)).wrapping_sub(x & LOW7) & !x & ((x & LOW7) + ONES * (127 - m))) & HIGH
}

/// Is `s` ASCII digits only? Eight bytes at a time.
fn all_digits(s: &[u8]) -> bool {
    let mut chunks = s.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        if bytes_between(u64::from_le_bytes(w), b'/' as u64, b':' as u64) != 0x8080_8080_8080_8080 {
            return false;
        }
    }
    chunks.remainder().iter().all(u8::is_ascii_digit)
}

/// Bytes that continue a word: ASCII letters, digits and `_`.
static WORD_BYTE: [bool; 256] = {
    let mut t = [false; 256];
    let mut b = 0;
    while b < 256 {
        let c = b as u8;
        t[b] = c.is_ascii_alphanumeric() || c == b'_';
        b += 1;
    }
    t
};

/// The end of the word (alphanumerics and `_`) that `i` is in, at least `i + 1`.
fn skip_word(s: &[u8], i: usize) -> usize {
    let rest = s.get(i + 1..).unwrap_or_default();
    i + 1
        + rest
            .iter()
            .position(|&b| !WORD_BYTE[usize::from(b)])
            .unwrap_or(rest.len())
}

#[cfg(test)]
mod tests;

//! Context: what the attribute key name and the words near a hit say about it.
//!
//! Key names are split into words the way people write them (`customer_SSN`, `cardNumber`,
//! `Call.Ani`, `date-of-birth`, `CCExp`, `teléfonoCliente` → `customer ssn`, `card number`,
//! `call ani`, `date of birth`, `cc exp`, `telefono cliente`) and matched whole-word,
//! case-insensitively and without accents, against the vocabulary the kinds' rules declare
//! (`detect::rules`: keywords, `stem*` keywords, two-word phrases, identifier and system words),
//! like Presidio's `context=` words and Google DLP hotwords. The *last* word that carries context
//! decides (`ticketCallbackNumber` is a callback number; `cardOrderId` is an id). German
//! compounds are read by their head (`Mobilfunknummer` → `mobilfunk`).
//!
//! In free text, the words in a short window before a hit are read the same way, back to the
//! previous number or clause (an identifier word vetoes only the number right after it); when the hit's sentence or conversation turn starts inside that
//! window, the sentence or turn before it (a question) is read too, and a value that starts with
//! the hit reads the end of the previous utterance of the transcript. A short window after the
//! hit is the fallback.

use super::Hint;
use crate::detect::kind::PiiKind;
use crate::detect::rules::{self, common};
use std::cell::Cell;
use std::sync::LazyLock;

/// The verdict of a key or a window.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub(crate) enum Ctx {
    /// No context word.
    #[default]
    None,
    /// A free-text field (notes, comment, transcript…): no hint, but a prose value.
    Text,
    /// An identifier or system field (order, tracking, ticket, version, timestamp…): numbers here
    /// are not PII.
    Neg,
    /// A hint towards one kind.
    Pos(Hint),
    /// The organisation's own number (`our number is …`): a phone number to call, not PII when
    /// the agent says it; the speaker decides (`Scan::before`). Only in prose.
    Ours,
}

/// Bytes before a hit that are read for context words.
pub(crate) const WINDOW_BEFORE: usize = 48;
/// Bytes after a hit that are read when nothing before it says anything.
pub(crate) const WINDOW_AFTER: usize = 32;
/// How far back the sentence or turn before the hit's own is read.
const PREVIOUS_SENTENCE: usize = 160;
/// Longest context word, after folding.
pub(crate) const WORD_MAX: usize = 28;

/// Where a word came from: key names carry system vocabulary (`time`, `queue`, `amount`) that
/// is only meaningful there; in prose those words are too common to veto anything.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Source {
    Key,
    Text,
}

/// What a vocabulary word says on its own.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Entry {
    Pos(Hint),
    /// A free-text field name.
    Text,
    /// An identifier or system word, in keys and prose alike.
    Neg,
    /// System vocabulary that only vetoes in key names (`time`, `queue`, `amount`…).
    KeyNeg,
    /// "number": a phone number after a possessive (`my number`), else no change.
    Number,
    /// A small word that may sit inside a phrase (`de`, `of`): transparent.
    Link,
    /// A copula or article: neutral, and it does not end an identifier word's veto.
    Connective,
    /// `text`: a free-text field in a key name, a phone hint in prose ("text me on …").
    TextOrPhone,
}

/// The vocabulary, built once from the kinds' rules.
struct Vocab {
    /// Words packed (first 16 bytes, big-endian) with their entry, sorted.
    words: Vec<(u128, &'static str, Entry)>,
    /// Open-addressing table over `words` by packed word: index + 1, 0 for an empty slot.
    table: Vec<u16>,
    /// Packed second words of the phrases, sorted: most words are not one.
    phrase_seconds: Vec<u128>,
    /// For each first letter, a bit mask of the word lengths in `words`.
    first_len: [u32; 26],
    /// Prefixes that carry a hint (`llam*`, `telef*`), longest first.
    stems: Vec<(&'static str, Hint)>,
    /// First letters of the stems, as a bit mask.
    stem_first: u32,
    /// Two-word phrases by second word: (second, first, hint), sorted.
    phrases: Vec<(&'static str, &'static str, Hint)>,
    possessives: Vec<&'static str>,
    /// The organisation's possessives (`our`, `nuestro`…).
    ours: Vec<&'static str>,
    /// Words of phrases and possessives: known parts when a key word is split.
    parts: Vec<&'static str>,
}

/// The heads German compounds end with (`Kontonummer`, `Geburtsdatum`).
const COMPOUND_HEADS: &[&[u8]] = &[b"nummer", b"nr", b"datum", b"code", b"adresse", b"zahl"];

static VOCAB: LazyLock<Vocab> = LazyLock::new(build_vocab);

fn build_vocab() -> Vocab {
    let mut words: Vec<(u128, &'static str, Entry)> = Vec::new();
    let mut stems = Vec::new();
    let mut phrases = Vec::new();
    let mut add = |w: &'static str, e: Entry| {
        if !words.iter().any(|(_, x, _)| *x == w) {
            words.push((pack(w.as_bytes()), w, e));
        }
    };
    for r in rules::builtin() {
        let Some(kind) = r.kind.builtin() else {
            continue;
        };
        for w in r.keywords.iter() {
            let w: &'static str = static_str(w);
            match w.strip_suffix('*') {
                Some(stem) => stems.push((stem, kind)),
                None => add(w, Entry::Pos(kind)),
            }
        }
        for (a, b) in r.phrases.iter() {
            phrases.push((static_str(b), static_str(a), kind));
        }
    }
    for (list, entry) in [
        (&common::TEXT_FIELDS, Entry::Text),
        (&common::IDENTIFIERS, Entry::Neg),
        (&common::SYSTEM_KEY_WORDS, Entry::KeyNeg),
        (&common::NUMBER_WORDS, Entry::Number),
        (&common::LINK_WORDS, Entry::Link),
        (&common::CONNECTIVES, Entry::Connective),
    ] {
        for w in list.iter() {
            add(static_str(w), entry);
        }
    }
    for w in ["text", "texts", "txt"] {
        add(w, Entry::TextOrPhone);
    }
    words.sort_by(|a, b| (a.0, a.1).cmp(&(b.0, b.1)));
    let mut first_len = [0u32; 26];
    for (_, w, _) in &words {
        let b = w.as_bytes();
        if let Some(slot) = b[0]
            .checked_sub(b'a')
            .and_then(|i| first_len.get_mut(usize::from(i)))
        {
            *slot |= 1 << b.len().min(31);
        }
    }
    stems.sort_by_key(|(s, _)| std::cmp::Reverse(s.len()));
    phrases.sort();
    let possessives: Vec<&'static str> =
        common::POSSESSIVES.iter().map(|w| static_str(w)).collect();
    let ours: Vec<&'static str> = common::ORGANISATION_POSSESSIVES
        .iter()
        .map(|w| static_str(w))
        .collect();
    let mut parts: Vec<&'static str> = phrases
        .iter()
        .flat_map(|&(a, b, _)| [a, b])
        .chain(possessives.iter().copied())
        .chain(ours.iter().copied())
        .collect();
    parts.sort_unstable();
    parts.dedup();
    let mut table = vec![0u16; (words.len() * 4).next_power_of_two()];
    let mask = table.len() - 1;
    for (i, (p, _, _)) in words.iter().enumerate() {
        let mut slot = slot_of(*p, mask);
        while table[slot] != 0 {
            slot = (slot + 1) & mask;
        }
        table[slot] = u16::try_from(i + 1).unwrap_or(0);
    }
    let mut phrase_seconds: Vec<u128> =
        phrases.iter().map(|(b, _, _)| pack(b.as_bytes())).collect();
    phrase_seconds.sort_unstable();
    phrase_seconds.dedup();
    let stem_first = stems
        .iter()
        .filter_map(|(s, _)| s.as_bytes().first()?.checked_sub(b'a'))
        .fold(0u32, |m, b| m | 1 << b.min(31));
    Vocab {
        words,
        table,
        phrase_seconds,
        first_len,
        stems,
        stem_first,
        phrases,
        possessives,
        ours,
        parts,
    }
}

/// The built-in rules are `static`: their words live as long as the vocabulary.
fn static_str(w: &'static str) -> &'static str {
    w
}

/// The table slot of a packed word (multiplicative hash of both halves).
fn slot_of(p: u128, mask: usize) -> usize {
    let h = ((p >> 64) as u64 ^ (p as u64).rotate_left(29)).wrapping_mul(0x9E37_79B9_7F4A_7C15);
    (h >> 32) as usize & mask
}

/// The first 16 bytes of a word as one big-endian integer: ordering matches byte order.
fn pack(w: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    let n = w.len().min(16);
    b[..n].copy_from_slice(&w[..n]);
    u128::from_be_bytes(b)
}

/// Folds one UTF-8 character at `s[i..]` to lower-case ASCII: its replacement and byte length.
/// `None` for a character that cannot be part of a context word. Latin-1 letters lose their
/// accents (`é` → `e`, `ß` → `ss`, `º` → `o`).
fn fold_char(s: &[u8], i: usize) -> (Option<&'static [u8]>, usize) {
    const LOWER: &[u8; 26] = b"abcdefghijklmnopqrstuvwxyz";
    const DIGITS: &[u8; 10] = b"0123456789";
    let b = s[i];
    if b.is_ascii_alphabetic() {
        let k = usize::from(b.to_ascii_lowercase() - b'a');
        return (Some(&LOWER[k..=k]), 1);
    }
    if b.is_ascii_digit() {
        let k = usize::from(b - b'0');
        return (Some(&DIGITS[k..=k]), 1);
    }
    let next = s.get(i + 1).copied().unwrap_or(0);
    let folded: Option<&'static [u8]> = match (b, next) {
        (0xC3, 0x80..=0x85 | 0xA0..=0xA5) => Some(b"a"),
        (0xC3, 0x86 | 0xA6) => Some(b"ae"),
        (0xC3, 0x87 | 0xA7) => Some(b"c"),
        (0xC3, 0x88..=0x8B | 0xA8..=0xAB) => Some(b"e"),
        (0xC3, 0x8C..=0x8F | 0xAC..=0xAF) => Some(b"i"),
        (0xC3, 0x91 | 0xB1) => Some(b"n"),
        (0xC3, 0x92..=0x96 | 0x98 | 0xB2..=0xB6 | 0xB8) => Some(b"o"),
        (0xC3, 0x99..=0x9C | 0xB9..=0xBC) => Some(b"u"),
        (0xC3, 0x9D | 0xBD | 0xBF) => Some(b"y"),
        (0xC3, 0x9F) => Some(b"ss"),
        (0xC2, 0xBA) => Some(b"o"),
        (0xC2, 0xAA) => Some(b"a"),
        (0xC5, 0x92 | 0x93) => Some(b"oe"),
        _ => None,
    };
    (folded, utf8_len(b))
}

pub(crate) fn utf8_len(b: u8) -> usize {
    match b {
        0xC0..=0xDF => 2,
        0xE0..=0xEF => 3,
        0xF0..=0xF7 => 4,
        _ => 1,
    }
}

/// ASCII letters and digits.
static ASCII_WORD: [bool; 128] = {
    let mut t = [false; 128];
    let mut b = 0;
    while b < 128 {
        t[b] = (b as u8).is_ascii_alphanumeric();
        b += 1;
    }
    t
};

/// Is the character at `s[i]` part of a word: an ASCII letter or digit, or a non-ASCII letter
/// (Latin-1 letters, `º`/`ª`, letters of other scripts)? Non-ASCII punctuation and spaces
/// (`¿`, `«`, NBSP, dashes, quotes) separate words.
pub(crate) fn word_char(s: &[u8], i: usize) -> bool {
    let b = s[i];
    if b < 0x80 {
        return ASCII_WORD[usize::from(b)];
    }
    match b {
        0xC2 => matches!(s.get(i + 1), Some(0xAA | 0xBA)),
        0xC3 => !matches!(s.get(i + 1), Some(0x97 | 0xB7)),
        0xE2 => false,
        0x80..=0xBF => true,
        _ => true,
    }
}

/// Folds a word into `buf` (lower-case ASCII, no accents); `None` when a character cannot be
/// part of a vocabulary word or the word is too long.
pub(crate) fn fold_word<'b>(word: &[u8], buf: &'b mut [u8; WORD_MAX]) -> Option<&'b [u8]> {
    if word.len() <= WORD_MAX && word.iter().all(u8::is_ascii_alphanumeric) {
        let out = &mut buf[..word.len()];
        for (d, &b) in out.iter_mut().zip(word) {
            *d = b.to_ascii_lowercase();
        }
        return Some(out);
    }
    let mut n = 0;
    let mut i = 0;
    while i < word.len() {
        let (f, len) = fold_char(word, i);
        let f = f?;
        buf.get_mut(n..n + f.len())?.copy_from_slice(f);
        n += f.len();
        i += len;
    }
    Some(&buf[..n])
}

impl Vocab {
    fn entry(&self, w: &[u8]) -> Option<Entry> {
        let first = usize::from(w[0].checked_sub(b'a')?);
        if self.first_len.get(first)? & (1 << w.len().min(31)) == 0 {
            return None;
        }
        let p = pack(w);
        let mask = self.table.len() - 1;
        let mut slot = slot_of(p, mask);
        loop {
            let i = usize::from(self.table[slot]).checked_sub(1)?;
            let (q, x, e) = self.words[i];
            if q == p && x.len() == w.len() && (w.len() <= 16 || x.as_bytes() == w) {
                return Some(e);
            }
            slot = (slot + 1) & mask;
        }
    }

    fn phrase(&self, w: &[u8], prev: &[u8]) -> Option<Hint> {
        if self.phrase_seconds.binary_search(&pack(w)).is_err() {
            return None;
        }
        let i = self.phrases.partition_point(|(s, _, _)| s.as_bytes() < w);
        self.phrases[i..]
            .iter()
            .take_while(|(s, _, _)| s.as_bytes() == w)
            .find(|(_, f, _)| f.as_bytes() == prev)
            .map(|&(_, _, h)| h)
    }

    fn stem(&self, w: &[u8]) -> Option<Hint> {
        let first = w.first()?.checked_sub(b'a')?;
        if self.stem_first & (1u32 << first.min(31)) == 0 {
            return None;
        }
        self.stems
            .iter()
            .find(|(s, _)| w.starts_with(s.as_bytes()))
            .map(|&(_, h)| h)
    }

    /// A German compound read by its head: `kontonummer` → `konto`, `mobilfunknummer` →
    /// `mobilfunk` (linking `s`, `n`, `en` dropped).
    fn compound(&self, w: &[u8]) -> Option<Hint> {
        let head = COMPOUND_HEADS
            .iter()
            .find(|h| w.len() > h.len() + 2 && w.ends_with(h))?;
        let stem = &w[..w.len() - head.len()];
        let tries = [
            stem,
            stem.strip_suffix(b"s").unwrap_or(stem),
            stem.strip_suffix(b"n").unwrap_or(stem),
            stem.strip_suffix(b"en").unwrap_or(stem),
        ];
        tries.into_iter().find_map(|t| match self.entry(t) {
            Some(Entry::Pos(h)) => Some(h),
            _ => self.stem(t),
        })
    }
}

/// Two-letter heads a key word may end with (`TAXID`, `LOGINIP`); longer parts need three letters.
const SHORT_HEADS: &[&[u8]] = &[b"id", b"ip"];
/// Most parts a key word is split into.
const MAX_PARTS: usize = 8;

impl Vocab {
    /// A word the vocabulary knows: an entry, a stem, or a word of a phrase.
    fn known(&self, w: &[u8]) -> bool {
        self.entry(w).is_some()
            || self.stem(w).is_some()
            || self.parts.binary_search_by(|p| p.as_bytes().cmp(w)).is_ok()
    }

    /// Splits a key word written without humps into known words (`CALLERDOB` → `dob`,
    /// `TRAVELDOCUMENTNUMBER` → `travel document number`, `COMPTEBANCAIRE` → `compte`): the
    /// longest known tail first (the head of an English or German compound), else a known start
    /// of at least five letters (the head of a Romance one); unknown leftovers are dropped.
    /// Appends the parts, left to right, as ranges of `w`.
    fn split(&self, w: &[u8], base: usize, out: &mut [(usize, usize); MAX_PARTS], n: &mut usize) {
        if w.is_empty() || *n >= MAX_PARTS {
            return;
        }
        if self.known(w) {
            out[*n] = (base, base + w.len());
            *n += 1;
            return;
        }
        let tail = (2..w.len()).rev().find(|&k| {
            let t = &w[w.len() - k..];
            (k >= 3 || SHORT_HEADS.contains(&t)) && self.known(t)
        });
        if let Some(k) = tail {
            self.split(&w[..w.len() - k], base, out, n);
            if *n < MAX_PARTS {
                out[*n] = (base + w.len() - k, base + w.len());
                *n += 1;
            }
            return;
        }
        if let Some(k) = (5..w.len()).rev().find(|&k| self.known(&w[..k])) {
            out[*n] = (base, base + k);
            *n += 1;
            self.split(&w[k..], base + k, out, n);
        }
    }
}

/// The context a folded word gives, given the folded word before it.
fn classify(w: &[u8], prev: &[u8], src: Source) -> Option<Ctx> {
    classify_entry(w, VOCAB.entry(w), prev, src)
}

/// [`classify`] with the word's vocabulary entry already looked up.
fn classify_entry(w: &[u8], entry: Option<Entry>, prev: &[u8], src: Source) -> Option<Ctx> {
    if w.len() < 2 || !w[0].is_ascii_lowercase() {
        return None;
    }
    let v = &*VOCAB;
    if !prev.is_empty() {
        if let Some(h) = v.phrase(w, prev) {
            return Some(Ctx::Pos(h));
        }
    }
    match entry {
        Some(Entry::Pos(h)) => Some(Ctx::Pos(h)),
        Some(Entry::Text) => Some(Ctx::Text),
        Some(Entry::Neg) => Some(Ctx::Neg),
        Some(Entry::KeyNeg) => (src == Source::Key).then_some(Ctx::Neg),
        Some(Entry::Number) => {
            let after = |list: &[&str]| list.iter().any(|p| p.as_bytes() == prev);
            if after(&v.possessives) {
                Some(Ctx::Pos(Hint::Phone))
            } else if after(&v.ours) {
                Some(match src {
                    Source::Key => Ctx::Pos(Hint::Phone),
                    Source::Text => Ctx::Ours,
                })
            } else {
                None
            }
        }
        Some(Entry::TextOrPhone) => Some(match src {
            Source::Key => Ctx::Text,
            Source::Text => Ctx::Pos(Hint::Phone),
        }),
        Some(Entry::Link | Entry::Connective) => None,
        None => v.stem(w).or_else(|| v.compound(w)).map(Ctx::Pos),
    }
}

/// Is the folded word a link word (transparent between the two words of a phrase)?
fn is_link(w: &[u8]) -> bool {
    VOCAB.entry(w) == Some(Entry::Link)
}

/// A break between words.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Break {
    /// `;`: ends a clause.
    Clause,
    /// `.` or `!` before a space or the end: ends a statement.
    Sentence,
    /// `?` before a space or the end: ends a question (its context carries to the answer).
    Question,
    /// `|` or a line break: ends a conversation turn.
    Turn,
}

/// What `for_each_word` hands its callback.
enum Token {
    Word(usize, usize),
    Break(usize, Break),
}

/// Calls `f` for each word of `s` and each break. Words are runs of ASCII letters and digits
/// and non-ASCII letters; in key names (`in_key`) they are also split at camelCase humps
/// (`cardNumber`, `SSNValue`) and letter/digit changes (`cvv2` → `cvv`, `2`). Returning `false`
/// from `f` stops early.
fn for_each_word(s: &[u8], in_key: bool, mut f: impl FnMut(Token) -> bool) {
    let mut i = 0;
    while i < s.len() {
        if !word_char(s, i) {
            let b = s[i];
            let brk = match b {
                b';' => Some(Break::Clause),
                b'|' | b'\n' | b'\r' => Some(Break::Turn),
                b'?' if s.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => {
                    Some(Break::Question)
                }
                b'.' | b'!' if s.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()) => {
                    Some(if turn_follows(s, i + 1) {
                        Break::Turn
                    } else {
                        Break::Sentence
                    })
                }
                _ => None,
            };
            if let Some(brk) = brk {
                if !f(Token::Break(i, brk)) {
                    return;
                }
            }
            i += if b < 0x80 { 1 } else { utf8_len(b) };
            continue;
        }
        let start = i;
        let mut j = i;
        while j < s.len() && word_char(s, j) {
            j += if s[j] < 0x80 { 1 } else { utf8_len(s[j]) };
        }
        let j = j.min(s.len());
        let mut w = start;
        if in_key {
            for p in start + 1..j {
                // Only ASCII letters make humps: `TeléfonoCliente` splits at `oC`, `TELÉFONO`
                // stays whole.
                let (x, y) = (s[p - 1], s[p]);
                let hump = (x.is_ascii_lowercase() && y.is_ascii_uppercase())
                    || (x.is_ascii_uppercase()
                        && y.is_ascii_uppercase()
                        && p + 1 < j
                        && s[p + 1].is_ascii_lowercase())
                    || (x.is_ascii_digit() != y.is_ascii_digit()
                        && x.is_ascii_alphanumeric()
                        && y.is_ascii_alphanumeric());
                if hump && s[p] < 0x80 {
                    if !f(Token::Word(w, p)) {
                        return;
                    }
                    w = p;
                }
            }
        }
        if !f(Token::Word(w, j)) {
            return;
        }
        i = j;
    }
}

/// Folds the words of `s`: the last context-bearing word wins. In prose (`Source::Text`) a word
/// that starts with a digit (another number) or a clause break (`;`) clears what came before; a
/// question or a turn keeps a hint (its context carries to the answer: "date of birth? It's
/// 01/02/1980") and a statement's end drops it, unless the full stop ends an abbreviated
/// context word ("Tel. 0123", "passport no. X"); vetoes end at every break but such an
/// abbreviation ("ref. 123"). A card word right after an expiry or security-code word
/// qualifies it (`expiration carte`, `vencimento do cartão`). Key words written without humps
/// are split into known words (`CALLERDOB`).
fn fold(s: &[u8], src: Source) -> Ctx {
    let mut state = Ctx::None;
    let mut prev_buf = [0u8; WORD_MAX];
    let mut prev_len = 0usize;
    let mut prev_ctx: Option<Ctx> = None;
    let mut last_was_ctx = false;
    let word = |w: &[u8],
                state: &mut Ctx,
                prev_buf: &mut [u8; WORD_MAX],
                prev_len: &mut usize,
                prev_ctx: &mut Option<Ctx>,
                last_was_ctx: &mut bool| {
        let entry = VOCAB.entry(w);
        if entry == Some(Entry::Link) {
            return;
        }
        let c = classify_entry(w, entry, &prev_buf[..*prev_len], src);
        *last_was_ctx = c.is_some() || entry == Some(Entry::Number);
        match c {
            Some(Ctx::Pos(Hint::CreditCard))
                if matches!(*prev_ctx, Some(Ctx::Pos(Hint::CardExpiry | Hint::Cvv))) => {}
            Some(c) => *state = c,
            // In prose an identifier word names the number right after it ("order 4000…",
            // "order no. 4000…", "my order is the 4000…"): another word in between ends the
            // veto ("transaction declined: 4111…").
            None if src == Source::Text
                && *state == Ctx::Neg
                && !matches!(entry, Some(Entry::Number | Entry::Connective)) =>
            {
                *state = Ctx::None;
            }
            None => {}
        }
        *prev_ctx = c;
        prev_buf[..w.len()].copy_from_slice(w);
        *prev_len = w.len();
    };
    for_each_word(s, src == Source::Key, |t| {
        match t {
            Token::Break(at, brk) => {
                if src == Source::Text {
                    // `Tel. 0123`, `passport no. X`, `exp. 12/27`: an abbreviated context word,
                    // not the end of a statement (`... by the bank. Payment ...`).
                    let next = s[at + 1..].iter().find(|b| !b.is_ascii_whitespace());
                    let abbreviation = brk == Break::Sentence
                        && last_was_ctx
                        && (next.is_some_and(u8::is_ascii_digit)
                            || prev_len <= 3
                            || VOCAB.entry(&prev_buf[..prev_len]) == Some(Entry::Number));
                    match brk {
                        Break::Clause => state = Ctx::None,
                        _ if abbreviation => {}
                        Break::Sentence => state = Ctx::None,
                        Break::Question | Break::Turn if state == Ctx::Neg => state = Ctx::None,
                        _ => {}
                    }
                }
                prev_len = 0;
                prev_ctx = None;
                last_was_ctx = false;
            }
            Token::Word(a, b) => {
                if s[a].is_ascii_digit() {
                    if src == Source::Text {
                        state = Ctx::None;
                        prev_len = 0;
                        prev_ctx = None;
                    }
                    last_was_ctx = false;
                    return true;
                }
                let mut buf = [0u8; WORD_MAX];
                let Some(w) = fold_word(&s[a..b], &mut buf) else {
                    prev_len = 0;
                    prev_ctx = None;
                    last_was_ctx = false;
                    return true;
                };
                let v = &*VOCAB;
                if src == Source::Key && w.len() >= 5 && !v.known(w) {
                    let mut parts = [(0usize, 0usize); MAX_PARTS];
                    let mut n = 0;
                    v.split(w, 0, &mut parts, &mut n);
                    for &(x, y) in &parts[..n] {
                        let mut part = [0u8; WORD_MAX];
                        part[..y - x].copy_from_slice(&w[x..y]);
                        word(
                            &part[..y - x],
                            &mut state,
                            &mut prev_buf,
                            &mut prev_len,
                            &mut prev_ctx,
                            &mut last_was_ctx,
                        );
                    }
                    if n > 0 {
                        return true;
                    }
                }
                word(
                    w,
                    &mut state,
                    &mut prev_buf,
                    &mut prev_len,
                    &mut prev_ctx,
                    &mut last_was_ctx,
                );
            }
        }
        true
    });
    state
}

/// Does a new conversation turn start at `i` (after spaces): `|`, a line break, or a speaker
/// label?
fn turn_follows(s: &[u8], i: usize) -> bool {
    let next = s[i.min(s.len())..]
        .iter()
        .position(|b| !matches!(b, b' ' | b'\t'))
        .map(|o| i + o);
    next.is_some_and(|j| matches!(s[j], b'|' | b'\n' | b'\r')) || speaker_label_at(s, i).is_some()
}

/// A speaker label (`Agent:`, `Cliente:`, `Mitarbeiter:`) after optional spaces at `i`: who
/// speaks, and where the label ends.
pub(crate) fn speaker_label_at(s: &[u8], i: usize) -> Option<(crate::detect::Speaker, usize)> {
    let mut a = i;
    while a < s.len() && s[a].is_ascii_whitespace() {
        a += 1;
    }
    let mut b = a;
    while b < s.len() && word_char(s, b) {
        b += 1;
    }
    if b == a || b - a > WORD_MAX || s.get(b) != Some(&b':') {
        return None;
    }
    let mut buf = [0u8; WORD_MAX];
    let w = fold_word(&s[a..b], &mut buf)?;
    let is = |list: &crate::detect::rules::Words| list.iter().any(|l| l.as_bytes() == w);
    if is(&common::AGENT_LABELS) {
        Some((crate::detect::Speaker::Agent, b + 1))
    } else if is(&common::CUSTOMER_LABELS) {
        Some((crate::detect::Speaker::Customer, b + 1))
    } else {
        None
    }
}

/// Sets of the per-thread cache of key verdicts (attribute keys repeat across values); each
/// set holds two keys, the most recently stored first.
const KEY_CACHE_SETS: usize = 2048;
/// Keys longer than this are not cached.
const KEY_CACHE_MAX_LEN: usize = 96;

thread_local! {
    /// Two-way set-associative cache of key verdicts: each entry is the key's 64-bit hash with
    /// its low byte holding the verdict (so a lookup reads one word per way). Fixed size (32 KiB
    /// per thread: thousands of distinct keys), no allocation; an empty entry is 0.
    static KEY_CACHE: [[Cell<u64>; 2]; KEY_CACHE_SETS] =
        const { [const { [const { Cell::new(0) }, const { Cell::new(0) }] }; KEY_CACHE_SETS] };
}

/// A verdict as a byte (never 0) and back.
fn ctx_code(ctx: Ctx) -> u64 {
    match ctx {
        Ctx::None => 1,
        Ctx::Text => 2,
        Ctx::Neg => 3,
        Ctx::Pos(k) => 4 + PiiKind::ALL.iter().position(|x| *x == k).unwrap_or(0) as u64,
        // Key names never give it (`ourNumber` is a phone key).
        Ctx::Ours => ctx_code(Ctx::Pos(PiiKind::Phone)),
    }
}

fn ctx_of(code: u64) -> Ctx {
    const TABLE: [Ctx; 4 + PiiKind::ALL.len()] = {
        let mut t = [Ctx::None; 4 + PiiKind::ALL.len()];
        t[2] = Ctx::Text;
        t[3] = Ctx::Neg;
        let mut i = 0;
        while i < PiiKind::ALL.len() {
            t[4 + i] = Ctx::Pos(PiiKind::ALL[i]);
            i += 1;
        }
        t
    };
    TABLE.get(code as usize).copied().unwrap_or(Ctx::None)
}

/// FxHash-style 64-bit hash of the key bytes and length, eight bytes at a time.
fn key_hash(key: &[u8]) -> u64 {
    let mut h = key.len() as u64;
    let mut chunks = key.chunks_exact(8);
    for c in &mut chunks {
        let mut w = [0u8; 8];
        w.copy_from_slice(c);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    let rest = chunks.remainder();
    if !rest.is_empty() {
        let mut w = [0u8; 8];
        w[..rest.len()].copy_from_slice(rest);
        h = (h.rotate_left(5) ^ u64::from_le_bytes(w)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
}

/// The context a key name gives (cached per thread: keys repeat across values).
pub(crate) fn key_ctx(key: &str) -> Ctx {
    let bytes = key.as_bytes();
    if bytes.len() > KEY_CACHE_MAX_LEN {
        return fold(bytes, Source::Key);
    }
    let h = key_hash(bytes);
    let tag = h & !0xFF;
    let set = (h >> 32) as usize % KEY_CACHE_SETS;
    let cached = KEY_CACHE
        .try_with(|c| {
            c[set]
                .iter()
                .map(Cell::get)
                .find(|e| *e != 0 && e & !0xFF == tag)
        })
        .ok()
        .flatten();
    if let Some(e) = cached {
        return ctx_of(e & 0xFF);
    }
    let ctx = fold(bytes, Source::Key);
    let _ = KEY_CACHE.try_with(|c| {
        let newest = c[set][0].get();
        c[set][1].set(newest);
        c[set][0].set(tag | ctx_code(ctx));
    });
    ctx
}

/// Moves `a` forward to the start of a word (never past `limit`).
fn to_word_start(s: &[u8], mut a: usize, limit: usize) -> usize {
    while a > 0 && a < limit && word_char(s, a) && word_char(s, a - 1) {
        a += 1;
    }
    while a < limit && a < s.len() && (s[a] & 0xC0) == 0x80 {
        a += 1;
    }
    a
}

/// Is there a sentence end or a turn at `i`?
fn is_break(s: &[u8], i: usize) -> bool {
    match BREAKS[usize::from(s[i])] {
        0 => false,
        1 => true,
        _ => s.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
    }
}

/// 1: `|` and line breaks always end a turn; 2: `.`, `!`, `?` end a sentence before a space.
static BREAKS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'|' as usize] = 1;
    t[b'\n' as usize] = 1;
    t[b'\r' as usize] = 1;
    t[b'.' as usize] = 2;
    t[b'!' as usize] = 2;
    t[b'?' as usize] = 2;
    t
};

/// The start of the sentence or turn before the one that ends with the break at `last_break`,
/// read back at most `PREVIOUS_SENTENCE` bytes.
fn previous_sentence_start(s: &[u8], last_break: usize) -> usize {
    // The previous sentence ends where its content does: skip the breaks and spaces that end
    // it (`please? | Customer:`).
    let mut end = last_break;
    while end > 0 && (is_break(s, end - 1) || s[end - 1].is_ascii_whitespace()) {
        end -= 1;
    }
    let floor = end.saturating_sub(PREVIOUS_SENTENCE);
    (floor..end)
        .rev()
        .find(|&i| is_break(s, i))
        .map_or(floor, |i| i + 1)
}

/// The context of the words just before `start` in `s`: up to `WINDOW_BEFORE` bytes of the hit's
/// own sentence first, and only when they say nothing and the sentence starts inside that
/// window, the sentence or turn before it too.
pub(crate) fn before_ctx(s: &[u8], start: usize) -> Ctx {
    let start = start.min(s.len());
    let near = to_word_start(s, start.saturating_sub(WINDOW_BEFORE), start);
    let Some(last_break) = (near..start).rev().find(|&i| is_break(s, i)) else {
        return fold(&s[near..start], Source::Text);
    };
    let own = fold(&s[last_break + 1..start], Source::Text);
    if own != Ctx::None {
        return own;
    }
    let a = to_word_start(s, previous_sentence_start(s, last_break), start);
    fold(&s[a.min(near)..start], Source::Text)
}

/// The hint the end of a previous utterance gives (its last sentence, up to
/// `PREVIOUS_SENTENCE` bytes): the question an answer replies to.
pub(crate) fn previous_ctx(previous: &[u8]) -> Ctx {
    let end = previous.len();
    let a = to_word_start(previous, end.saturating_sub(PREVIOUS_SENTENCE), end);
    match fold(&previous[a..end], Source::Text) {
        c @ Ctx::Pos(_) => c,
        _ => Ctx::None,
    }
}

/// The first hint word just after `end`, before any other number or the end of the sentence.
/// Only hints: an identifier word after a number belongs to what follows it.
pub(crate) fn after_ctx(s: &[u8], end: usize) -> Ctx {
    let end = end.min(s.len());
    let mut b = (end + WINDOW_AFTER).min(s.len());
    if let Some(stop) = (end..b).find(|&i| is_break(s, i)) {
        b = stop;
    }
    // Drop a word cut by the window's end.
    while b > end && b < s.len() && word_char(s, b) && word_char(s, b - 1) {
        b -= 1;
    }
    while b > end && (s[b - 1] & 0xC0) == 0x80 && b < s.len() && (s[b] & 0xC0) == 0x80 {
        b -= 1;
    }
    let window = &s[end..b];
    let mut found = Ctx::None;
    let mut prev_buf = [0u8; WORD_MAX];
    let mut prev_len = 0usize;
    for_each_word(window, false, |t| {
        let Token::Word(a, z) = t else {
            return false;
        };
        if window[a].is_ascii_digit() {
            return false;
        }
        let mut buf = [0u8; WORD_MAX];
        let Some(w) = fold_word(&window[a..z], &mut buf) else {
            return true;
        };
        if is_link(w) {
            return true;
        }
        if let Some(c @ Ctx::Pos(_)) = classify(w, &prev_buf[..prev_len], Source::Text) {
            found = c;
            return false;
        }
        prev_buf[..w.len()].copy_from_slice(w);
        prev_len = w.len();
        true
    });
    found
}

/// Every kind the words of `s` point at, wherever they are.
pub(crate) fn hints_in(s: &[u8]) -> crate::detect::kind::KindSet {
    let mut out = crate::detect::kind::KindSet::EMPTY;
    let mut prev_buf = [0u8; WORD_MAX];
    let mut prev_len = 0usize;
    for_each_word(s, false, |t| {
        let Token::Word(a, b) = t else {
            prev_len = 0;
            return true;
        };
        let mut buf = [0u8; WORD_MAX];
        let Some(w) = fold_word(&s[a..b], &mut buf) else {
            prev_len = 0;
            return true;
        };
        if is_link(w) {
            return true;
        }
        if let Some(Ctx::Pos(h)) = classify(w, &prev_buf[..prev_len], Source::Text) {
            out.insert(h);
        }
        prev_buf[..w.len()].copy_from_slice(w);
        prev_len = w.len();
        true
    });
    out
}

/// Does the value read like prose (several words) rather than a single system token?
pub(crate) fn is_prose(value: &[u8]) -> bool {
    let mut spaces = 0;
    let mut letters = 0;
    for &b in value {
        if b == b' ' {
            spaces += 1;
        } else if b.is_ascii_alphabetic() || b >= 0x80 {
            letters += 1;
        }
        if spaces >= 2 && letters >= 8 {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::detect::kind::PiiKind::*;

    #[test]
    fn key_names_are_normalised() {
        assert_eq!(key_ctx("cardNumber"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("card_number"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("CARD-NUMBER"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("creditcardnumber"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("CALLERDOB"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("TRAVELDOCUMENTNUMBER"), Ctx::Pos(Passport));
        assert_eq!(key_ctx("COMPTEBANCAIRE"), Ctx::Pos(BankAccount));
        assert_eq!(key_ctx("TAXID"), Ctx::Pos(UsSsn));
        assert_eq!(key_ctx("customerid"), Ctx::Neg);
        assert_eq!(key_ctx("ExpirationCarte"), Ctx::Pos(CardExpiry));
        assert_eq!(key_ctx("vencimento_do_cartao"), Ctx::Pos(CardExpiry));
        assert_eq!(key_ctx("TELÉFONO"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("numero_contacto"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("customerSSN"), Ctx::Pos(UsSsn));
        assert_eq!(key_ctx("SSNValue"), Ctx::Pos(UsSsn));
        assert_eq!(key_ctx("social_security_number"), Ctx::Pos(UsSsn));
        assert_eq!(key_ctx("Call.Ani"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("callerId"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("dateOfBirth"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("DOB"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("cvv2"), Ctx::Pos(Cvv));
        assert_eq!(key_ctx("card.securityCode"), Ctx::Pos(Cvv));
        assert_eq!(key_ctx("CCExp"), Ctx::Pos(CardExpiry));
        assert_eq!(key_ctx("cardExpiryDate"), Ctx::Pos(CardExpiry));
        assert_eq!(key_ctx("sort_code"), Ctx::Pos(BankAccount));
        assert_eq!(key_ctx("accountNumber"), Ctx::Pos(BankAccount));
        assert_eq!(key_ctx("clientIPAddress"), Ctx::Pos(IpAddress));
        assert_eq!(key_ctx("ipv4"), Ctx::Pos(IpAddress));
        assert_eq!(key_ctx("nhs_no"), Ctx::Pos(UkNhs));
        assert_eq!(key_ctx("passportNumber"), Ctx::Pos(Passport));
        assert_eq!(key_ctx("wrapUpNotes"), Ctx::Text);
        assert_eq!(key_ctx("social"), Ctx::Pos(UsSsn));
        assert_eq!(key_ctx("taxId"), Ctx::Pos(UsSsn));
    }

    #[test]
    fn key_names_in_other_languages() {
        assert_eq!(key_ctx("telefon"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("teléfono"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("TeléfonoCliente"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("Handynummer"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("Mobilfunknummer"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("geburtsdatum"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("date_de_naissance"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("fechaNacimiento"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("dataDeNascimento"), Ctx::Pos(DateOfBirth));
        assert_eq!(key_ctx("numeroTarjeta"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("número_do_cartão"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("Kartennummer"), Ctx::Pos(CreditCard));
        assert_eq!(key_ctx("codigoSeguridad"), Ctx::Pos(Cvv));
        assert_eq!(key_ctx("code_de_sécurité"), Ctx::Pos(Cvv));
        assert_eq!(key_ctx("Kontonummer"), Ctx::Pos(BankAccount));
        assert_eq!(key_ctx("numeroPasaporte"), Ctx::Pos(Passport));
        assert_eq!(key_ctx("fechaVencimiento"), Ctx::Pos(CardExpiry));
        assert_eq!(key_ctx("gültigBis"), Ctx::Pos(CardExpiry));
        assert_eq!(key_ctx("Bestellnummer"), Ctx::Neg);
        assert_eq!(key_ctx("numeroPedido"), Ctx::Neg);
        assert_eq!(key_ctx("codigoPostal"), Ctx::Neg);
        assert_eq!(key_ctx("comentarios"), Ctx::Text);
    }

    #[test]
    fn cached_key_verdicts_match() {
        for key in [
            "cardNumber",
            "orderNumber",
            "x",
            "Call.Ani",
            "cardNumber",
            "orderNumber",
        ] {
            assert_eq!(key_ctx(key), fold(key.as_bytes(), Source::Key));
        }
        let long = "card".repeat(40);
        assert_eq!(key_ctx(&long), fold(long.as_bytes(), Source::Key));
    }

    #[test]
    fn last_context_word_wins_in_keys() {
        assert_eq!(key_ctx("orderNumber"), Ctx::Neg);
        assert_eq!(key_ctx("cardOrderId"), Ctx::Neg);
        assert_eq!(key_ctx("ticketCallbackNumber"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("accountId"), Ctx::Neg);
        assert_eq!(key_ctx("startTime"), Ctx::Neg);
        assert_eq!(key_ctx("appVersion"), Ctx::Neg);
        assert_eq!(key_ctx("Queue.Name"), Ctx::Neg);
        assert_eq!(key_ctx("ivr.Priority"), Ctx::Neg);
        assert_eq!(key_ctx("company"), Ctx::None); // `ani` only as a whole word
        assert_eq!(key_ctx("shipTo"), Ctx::None); // `ip` only as a whole word
        assert_eq!(key_ctx("experience"), Ctx::None);
        assert_eq!(key_ctx(""), Ctx::None);
    }

    #[test]
    fn windows_in_prose() {
        let s = b"order 12345 and my card is ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(CreditCard));
        let s = b"my card for order ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Neg);
        let s = b"we spent some time, my number is ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Phone));
        let s = b"we spent some time, the total is ";
        assert_eq!(before_ctx(s, s.len()), Ctx::None);
        let s = b"card 4111; then ";
        assert_eq!(before_ctx(s, s.len()), Ctx::None);
        let s = b"travel booking KFTTFQ updated. Login from ";
        assert_eq!(before_ctx(s, s.len()), Ctx::None);
        let s = b"Tel. ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Phone));
        let s = b"text me on ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Phone));
        let s = b"Date of birth: ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(DateOfBirth));
        let s = b"X is my date of birth, thanks";
        assert_eq!(after_ctx(s, 1), Ctx::Pos(DateOfBirth));
        let s = b"X 5 is the cvv";
        assert_eq!(after_ctx(s, 1), Ctx::None);
    }

    #[test]
    fn windows_in_other_languages_and_across_turns() {
        let s = "Rückruf unter ".as_bytes();
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Phone));
        let s = "¿A qué número le devolvemos la llamada? Cliente: Al ".as_bytes();
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Phone));
        let s = "Code de sécurité ".as_bytes();
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Cvv));
        let s = b"Agent: Can I have your social security number please? | Customer: Sure, it's ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(UsSsn));
        let s = b"Agent: Can I have your social security number please?\nCustomer: ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(UsSsn));
        let s = b"Agent: your order number? | Customer: it is ";
        assert_eq!(before_ctx(s, s.len()), Ctx::None);
        assert_eq!(
            previous_ctx(b"and the last step, your SSN please?"),
            Ctx::Pos(UsSsn)
        );
        let s = b"reversed by the bank. Payment declined for ";
        assert_eq!(before_ctx(s, s.len()), Ctx::None);
        let s = b"the three digit security code please. Customer: ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Cvv));
        let s = b"Agent: And the last step, your SSN please. | Customer: ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(UsSsn));
        let s = "mi pedido es el ".as_bytes();
        assert_eq!(before_ctx(s, s.len()), Ctx::Neg);
        let s = b"transaction declined: ";
        assert_eq!(before_ctx(s, s.len()), Ctx::None);
        let s = b"passport no. ";
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Passport));
        assert_eq!(previous_ctx(b"thanks, anything else?"), Ctx::None);
    }

    #[test]
    fn folding() {
        let mut buf = [0u8; WORD_MAX];
        assert_eq!(
            fold_word("Téléphone".as_bytes(), &mut buf),
            Some(&b"telephone"[..])
        );
        let mut buf = [0u8; WORD_MAX];
        assert_eq!(
            fold_word("Straße".as_bytes(), &mut buf),
            Some(&b"strasse"[..])
        );
        let mut buf = [0u8; WORD_MAX];
        assert_eq!(fold_word("Nº".as_bytes(), &mut buf), Some(&b"no"[..]));
        let mut buf = [0u8; WORD_MAX];
        assert_eq!(fold_word("Привет".as_bytes(), &mut buf), None);
    }

    #[test]
    fn vocabulary_words_are_unique_per_meaning() {
        let v = &*VOCAB;
        assert!(v
            .words
            .windows(2)
            .all(|w| (w[0].0, w[0].1) < (w[1].0, w[1].1)));
        // A word must mean one thing: no word in two kinds' keywords or in a kind and a
        // common list.
        let mut seen: std::collections::HashMap<&str, String> = Default::default();
        for r in rules::builtin() {
            for w in r.keywords.iter() {
                if let Some(other) = seen.insert(static_str(w), r.kind.to_string()) {
                    panic!("`{w}` is a keyword of {other} and {}", r.kind);
                }
            }
        }
        for (name, list) in [
            ("TEXT_FIELDS", &common::TEXT_FIELDS),
            ("IDENTIFIERS", &common::IDENTIFIERS),
            ("SYSTEM_KEY_WORDS", &common::SYSTEM_KEY_WORDS),
            ("NUMBER_WORDS", &common::NUMBER_WORDS),
            ("LINK_WORDS", &common::LINK_WORDS),
        ] {
            for w in list.iter() {
                if let Some(other) = seen.insert(static_str(w), name.to_string()) {
                    panic!("`{w}` is in {other} and {name}");
                }
            }
        }
    }

    #[test]
    fn prose() {
        assert!(is_prose(b"Customer connected from home today"));
        assert!(!is_prose(b"10.2.14.3"));
        assert!(!is_prose(b"Main>Billing>Payments"));
    }
}

//! Context: what the attribute key name and the words near a hit say about it.
//!
//! Key names are split into words the way people write them (`customer_SSN`, `cardNumber`,
//! `Call.Ani`, `date-of-birth`, `CCExp` → `customer ssn`, `card number`, `call ani`,
//! `date of birth`, `cc exp`) and matched whole-word, case-insensitively, against a small
//! vocabulary, like Presidio's `context=` words and Google DLP hotwords. The *last* word that
//! carries context decides (`ticketCallbackNumber` is a callback number; `cardOrderId` is an id).
//! In free text, the words in a short window before a hit (up to the previous number or the end
//! of the clause) are read the same way; a short window after the hit is the fallback.

use std::cell::Cell;

/// What a context word points at.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Hint {
    Card,
    Cvv,
    Expiry,
    Ssn,
    Phone,
    Nhs,
    Ip,
    Dob,
    Passport,
    Bank,
}

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
}

/// Bytes before a hit that are read for context words.
pub(crate) const WINDOW_BEFORE: usize = 48;
/// Bytes after a hit that are read when nothing before it says anything.
pub(crate) const WINDOW_AFTER: usize = 32;
const WORD_MAX: usize = 24;

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
    /// Meaning depends on the word before (`security code`, `account number`, `caller id`).
    Phrase,
}

/// The vocabulary, sorted by word (binary search). `Phrase` words depend on the word before.
#[rustfmt::skip]
const VOCAB: &[(&[u8], Entry)] = &[
    (b"account", Entry::Pos(Hint::Bank)),
    (b"accountno", Entry::Pos(Hint::Bank)),
    (b"accountnum", Entry::Pos(Hint::Bank)),
    (b"accountnumber", Entry::Pos(Hint::Bank)),
    (b"acct", Entry::Pos(Hint::Bank)),
    (b"acctno", Entry::Pos(Hint::Bank)),
    (b"acctnum", Entry::Pos(Hint::Bank)),
    (b"acctnumber", Entry::Pos(Hint::Bank)),
    (b"addr", Entry::Pos(Hint::Ip)),
    (b"amex", Entry::Pos(Hint::Card)),
    (b"amount", Entry::KeyNeg),
    (b"ani", Entry::Pos(Hint::Phone)),
    (b"attempt", Entry::KeyNeg),
    (b"attempts", Entry::KeyNeg),
    (b"awb", Entry::Neg),
    (b"balance", Entry::KeyNeg),
    (b"bank", Entry::Pos(Hint::Bank)),
    (b"bankaccount", Entry::Pos(Hint::Bank)),
    (b"banking", Entry::Pos(Hint::Bank)),
    (b"bday", Entry::Pos(Hint::Dob)),
    (b"bic", Entry::Neg),
    (b"birth", Entry::Pos(Hint::Dob)),
    (b"birthdate", Entry::Pos(Hint::Dob)),
    (b"birthday", Entry::Pos(Hint::Dob)),
    (b"body", Entry::Text),
    (b"booking", Entry::Neg),
    (b"born", Entry::Pos(Hint::Dob)),
    (b"build", Entry::Neg),
    (b"call", Entry::Pos(Hint::Phone)),
    (b"callback", Entry::Pos(Hint::Phone)),
    (b"callbacknumber", Entry::Pos(Hint::Phone)),
    (b"callerid", Entry::Pos(Hint::Phone)),
    (b"card", Entry::Pos(Hint::Card)),
    (b"cardcode", Entry::Pos(Hint::Cvv)),
    (b"cardexp", Entry::Pos(Hint::Expiry)),
    (b"cardno", Entry::Pos(Hint::Card)),
    (b"cardnum", Entry::Pos(Hint::Card)),
    (b"cardnumber", Entry::Pos(Hint::Card)),
    (b"cards", Entry::Pos(Hint::Card)),
    (b"case", Entry::Neg),
    (b"cc", Entry::Pos(Hint::Card)),
    (b"ccexp", Entry::Pos(Hint::Expiry)),
    (b"ccn", Entry::Pos(Hint::Card)),
    (b"ccno", Entry::Pos(Hint::Card)),
    (b"ccnum", Entry::Pos(Hint::Card)),
    (b"ccnumber", Entry::Pos(Hint::Card)),
    (b"cell", Entry::Pos(Hint::Phone)),
    (b"cellnumber", Entry::Pos(Hint::Phone)),
    (b"cellphone", Entry::Pos(Hint::Phone)),
    (b"chat", Entry::Text),
    (b"checking", Entry::Pos(Hint::Bank)),
    (b"checksum", Entry::Neg),
    (b"clientip", Entry::Pos(Hint::Ip)),
    (b"closed", Entry::KeyNeg),
    (b"code", Entry::Phrase),
    (b"codes", Entry::Phrase),
    (b"comment", Entry::Text),
    (b"comments", Entry::Text),
    (b"conf", Entry::KeyNeg),
    (b"confirmation", Entry::Neg),
    (b"contactnumber", Entry::Pos(Hint::Phone)),
    (b"correlation", Entry::KeyNeg),
    (b"cost", Entry::KeyNeg),
    (b"count", Entry::KeyNeg),
    (b"created", Entry::KeyNeg),
    (b"credit", Entry::Pos(Hint::Card)),
    (b"creditcard", Entry::Pos(Hint::Card)),
    (b"csc", Entry::Pos(Hint::Cvv)),
    (b"customerip", Entry::Pos(Hint::Ip)),
    (b"cvc", Entry::Pos(Hint::Cvv)),
    (b"cvc2", Entry::Pos(Hint::Cvv)),
    (b"cvn", Entry::Pos(Hint::Cvv)),
    (b"cvv", Entry::Pos(Hint::Cvv)),
    (b"cvv2", Entry::Pos(Hint::Cvv)),
    (b"date", Entry::Phrase),
    (b"dateofbirth", Entry::Pos(Hint::Dob)),
    (b"debit", Entry::Pos(Hint::Card)),
    (b"debitcard", Entry::Pos(Hint::Card)),
    (b"description", Entry::Text),
    (b"dial", Entry::Pos(Hint::Phone)),
    (b"diners", Entry::Pos(Hint::Card)),
    (b"discover", Entry::Pos(Hint::Card)),
    (b"dnis", Entry::Pos(Hint::Phone)),
    (b"dob", Entry::Pos(Hint::Dob)),
    (b"document", Entry::Phrase),
    (b"duration", Entry::KeyNeg),
    (b"edge", Entry::KeyNeg),
    (b"ended", Entry::KeyNeg),
    (b"epoch", Entry::KeyNeg),
    (b"exp", Entry::Pos(Hint::Expiry)),
    (b"expdate", Entry::Pos(Hint::Expiry)),
    (b"expiration", Entry::Pos(Hint::Expiry)),
    (b"expirationdate", Entry::Pos(Hint::Expiry)),
    (b"expire", Entry::Pos(Hint::Expiry)),
    (b"expires", Entry::Pos(Hint::Expiry)),
    (b"expiry", Entry::Pos(Hint::Expiry)),
    (b"expirydate", Entry::Pos(Hint::Expiry)),
    (b"ext", Entry::Neg),
    (b"extension", Entry::Neg),
    (b"fax", Entry::Pos(Hint::Phone)),
    (b"firmware", Entry::Neg),
    (b"forwarded", Entry::Pos(Hint::Ip)),
    (b"fw", Entry::Neg),
    (b"gateway", Entry::KeyNeg),
    (b"guid", Entry::Neg),
    (b"hash", Entry::Neg),
    (b"health", Entry::Phrase),
    (b"host", Entry::KeyNeg),
    (b"iban", Entry::Neg),
    (b"id", Entry::Phrase),
    (b"ids", Entry::Phrase),
    (b"inc", Entry::Neg),
    (b"incident", Entry::Neg),
    (b"inv", Entry::Neg),
    (b"invoice", Entry::Neg),
    (b"ip", Entry::Pos(Hint::Ip)),
    (b"ipaddr", Entry::Pos(Hint::Ip)),
    (b"ipaddress", Entry::Pos(Hint::Ip)),
    (b"ips", Entry::Pos(Hint::Ip)),
    (b"ipv", Entry::Pos(Hint::Ip)),
    (b"ipv4", Entry::Pos(Hint::Ip)),
    (b"ipv6", Entry::Pos(Hint::Ip)),
    (b"jcb", Entry::Pos(Hint::Card)),
    (b"landline", Entry::Pos(Hint::Phone)),
    (b"last", Entry::KeyNeg),
    (b"maestro", Entry::Pos(Hint::Card)),
    (b"mastercard", Entry::Pos(Hint::Card)),
    (b"md5", Entry::Neg),
    (b"message", Entry::Text),
    (b"millis", Entry::KeyNeg),
    (b"mobile", Entry::Pos(Hint::Phone)),
    (b"mobileno", Entry::Pos(Hint::Phone)),
    (b"mobilenumber", Entry::Pos(Hint::Phone)),
    (b"modified", Entry::KeyNeg),
    (b"month", Entry::KeyNeg),
    (b"ms", Entry::KeyNeg),
    (b"msg", Entry::Text),
    (b"msisdn", Entry::Pos(Hint::Phone)),
    (b"nbr", Entry::Phrase),
    (b"nhs", Entry::Pos(Hint::Nhs)),
    (b"nhsno", Entry::Pos(Hint::Nhs)),
    (b"nhsnumber", Entry::Pos(Hint::Nhs)),
    (b"nmbr", Entry::Phrase),
    (b"no", Entry::Phrase),
    (b"node", Entry::KeyNeg),
    (b"note", Entry::Text),
    (b"notes", Entry::Text),
    (b"nr", Entry::Phrase),
    (b"num", Entry::Phrase),
    (b"number", Entry::Phrase),
    (b"opened", Entry::KeyNeg),
    (b"order", Entry::Neg),
    (b"orderid", Entry::Neg),
    (b"ordernumber", Entry::Neg),
    (b"orders", Entry::Neg),
    (b"pan", Entry::Pos(Hint::Card)),
    (b"parcel", Entry::Neg),
    (b"passport", Entry::Pos(Hint::Passport)),
    (b"passportno", Entry::Pos(Hint::Passport)),
    (b"passportnum", Entry::Pos(Hint::Passport)),
    (b"passportnumber", Entry::Pos(Hint::Passport)),
    (b"passports", Entry::Pos(Hint::Passport)),
    (b"paymentcard", Entry::Pos(Hint::Card)),
    (b"ph", Entry::Pos(Hint::Phone)),
    (b"phone", Entry::Pos(Hint::Phone)),
    (b"phoneno", Entry::Pos(Hint::Phone)),
    (b"phonenum", Entry::Pos(Hint::Phone)),
    (b"phonenumber", Entry::Pos(Hint::Phone)),
    (b"phones", Entry::Pos(Hint::Phone)),
    (b"po", Entry::Neg),
    (b"port", Entry::KeyNeg),
    (b"postal", Entry::KeyNeg),
    (b"postcode", Entry::KeyNeg),
    (b"price", Entry::KeyNeg),
    (b"priority", Entry::KeyNeg),
    (b"proxy", Entry::KeyNeg),
    (b"queue", Entry::KeyNeg),
    (b"receipt", Entry::Neg),
    (b"ref", Entry::Neg),
    (b"reference", Entry::Neg),
    (b"refs", Entry::Neg),
    (b"release", Entry::Neg),
    (b"remark", Entry::Text),
    (b"remarks", Entry::Text),
    (b"remoteip", Entry::Pos(Hint::Ip)),
    (b"req", Entry::KeyNeg),
    (b"request", Entry::KeyNeg),
    (b"reservation", Entry::Neg),
    (b"retry", Entry::KeyNeg),
    (b"routing", Entry::Pos(Hint::Bank)),
    (b"savings", Entry::Pos(Hint::Bank)),
    (b"sbc", Entry::KeyNeg),
    (b"score", Entry::KeyNeg),
    (b"sec", Entry::KeyNeg),
    (b"seconds", Entry::KeyNeg),
    (b"secs", Entry::KeyNeg),
    (b"security", Entry::Phrase),
    (b"securitycode", Entry::Pos(Hint::Cvv)),
    (b"seq", Entry::KeyNeg),
    (b"sequence", Entry::KeyNeg),
    (b"serial", Entry::Neg),
    (b"server", Entry::KeyNeg),
    (b"service", Entry::Phrase),
    (b"session", Entry::Neg),
    (b"sha", Entry::Neg),
    (b"shipment", Entry::Neg),
    (b"skill", Entry::KeyNeg),
    (b"sku", Entry::Neg),
    (b"sms", Entry::Pos(Hint::Phone)),
    (b"socialsecurity", Entry::Pos(Hint::Ssn)),
    (b"socialsecuritynumber", Entry::Pos(Hint::Ssn)),
    (b"sortcode", Entry::Pos(Hint::Bank)),
    (b"sourceip", Entry::Pos(Hint::Ip)),
    (b"span", Entry::KeyNeg),
    (b"ssn", Entry::Pos(Hint::Ssn)),
    (b"ssns", Entry::Pos(Hint::Ssn)),
    (b"started", Entry::KeyNeg),
    (b"station", Entry::KeyNeg),
    (b"step", Entry::KeyNeg),
    (b"summary", Entry::Text),
    (b"swift", Entry::Neg),
    (b"tel", Entry::Pos(Hint::Phone)),
    (b"telephone", Entry::Pos(Hint::Phone)),
    (b"telno", Entry::Pos(Hint::Phone)),
    (b"text", Entry::Phrase),
    (b"texts", Entry::Phrase),
    (b"through", Entry::Phrase),
    (b"thru", Entry::Phrase),
    (b"ticket", Entry::Neg),
    (b"tickets", Entry::Neg),
    (b"time", Entry::KeyNeg),
    (b"timestamp", Entry::KeyNeg),
    (b"token", Entry::Neg),
    (b"total", Entry::KeyNeg),
    (b"trace", Entry::KeyNeg),
    (b"track", Entry::Neg),
    (b"tracking", Entry::Neg),
    (b"trackingnumber", Entry::Neg),
    (b"transaction", Entry::Neg),
    (b"transcript", Entry::Text),
    (b"transcription", Entry::Text),
    (b"trunk", Entry::KeyNeg),
    (b"ts", Entry::KeyNeg),
    (b"txn", Entry::Neg),
    (b"txt", Entry::Phrase),
    (b"unionpay", Entry::Pos(Hint::Card)),
    (b"until", Entry::Phrase),
    (b"updated", Entry::KeyNeg),
    (b"userip", Entry::Pos(Hint::Ip)),
    (b"utterance", Entry::Text),
    (b"uuid", Entry::Neg),
    (b"validthru", Entry::Pos(Hint::Expiry)),
    (b"ver", Entry::Neg),
    (b"version", Entry::Neg),
    (b"visa", Entry::Pos(Hint::Card)),
    (b"whatsapp", Entry::Pos(Hint::Phone)),
    (b"wrapup", Entry::Text),
    (b"xff", Entry::Pos(Hint::Ip)),
    (b"year", Entry::KeyNeg),
    (b"zip", Entry::KeyNeg),
    (b"zipcode", Entry::KeyNeg),
];

/// Words whose meaning depends on the word before them.
fn phrase(w: &[u8], prev: &[u8], src: Source) -> Option<Ctx> {
    use Hint::*;
    let pos = |h| Some(Ctx::Pos(h));
    match w {
        b"code" | b"codes" => match prev {
            b"security" | b"card" => pos(Cvv),
            b"sort" => pos(Bank),
            _ => Some(Ctx::Neg),
        },
        b"number" | b"num" | b"no" | b"nbr" | b"nr" | b"nmbr" => match prev {
            b"account" | b"acct" | b"routing" => pos(Bank),
            b"card" | b"credit" | b"debit" => pos(Card),
            b"phone" | b"contact" | b"cell" | b"mobile" | b"callback" | b"caller"
            | b"telephone" | b"tel" => pos(Phone),
            b"passport" => pos(Passport),
            b"nhs" => pos(Nhs),
            b"security" => pos(Ssn),
            b"my" | b"your" | b"his" | b"her" | b"their" | b"our" | b"best" | b"home" | b"work"
            | b"office" | b"direct" | b"daytime" | b"evening" | b"alternate" | b"alternative" => {
                pos(Phone)
            }
            _ => None,
        },
        b"security" if prev == b"social" => pos(Ssn),
        b"id" | b"ids" if prev == b"caller" => pos(Phone),
        b"id" | b"ids" => Some(Ctx::Neg),
        b"thru" | b"through" | b"until" if matches!(prev, b"valid" | b"good") => pos(Expiry),
        b"document" if prev == b"travel" => pos(Passport),
        b"health" if prev == b"national" => pos(Nhs),
        b"service" if prev == b"health" => pos(Nhs),
        b"date" if matches!(prev, b"expiry" | b"expiration" | b"exp") => pos(Expiry),
        // "text me on …" in prose; a free-text field in a key name.
        b"text" | b"texts" | b"txt" if src == Source::Text => pos(Phone),
        b"text" => Some(Ctx::Text),
        _ => None,
    }
}

/// The first 16 bytes of a word as one big-endian integer: ordering matches byte order.
const fn pack(w: &[u8]) -> u128 {
    let mut v = 0u128;
    let mut i = 0;
    while i < 16 {
        v <<= 8;
        if i < w.len() {
            v |= w[i] as u128;
        }
        i += 1;
    }
    v
}

/// `VOCAB` words packed, for a binary search of integers.
static PACKED: [u128; VOCAB.len()] = {
    let mut out = [0u128; VOCAB.len()];
    let mut i = 0;
    while i < VOCAB.len() {
        out[i] = pack(VOCAB[i].0);
        i += 1;
    }
    out
};

/// For each first letter, a bit mask of the word lengths in `VOCAB`: most words are rejected
/// before they are packed and searched.
static FIRST_LEN: [u32; 26] = {
    let mut out = [0u32; 26];
    let mut i = 0;
    while i < VOCAB.len() {
        let w = VOCAB[i].0;
        out[(w[0] - b'a') as usize] |= 1 << w.len();
        i += 1;
    }
    out
};

/// Like [`pack`], lower-casing ASCII on the way.
fn pack_lower(w: &[u8]) -> u128 {
    let mut b = [0u8; 16];
    let n = w.len().min(16);
    b[..n].copy_from_slice(&w[..n]);
    for x in &mut b {
        *x = x.to_ascii_lowercase();
    }
    u128::from_be_bytes(b)
}

/// The context a word gives (any case), given the word before it (any case).
fn classify(word: &[u8], prev: &[u8], src: Source) -> Option<Ctx> {
    if word.len() < 2 || word.len() > WORD_MAX || !word[0].is_ascii_alphabetic() {
        return None;
    }
    let first = usize::from(word[0].to_ascii_lowercase() - b'a');
    if FIRST_LEN[first] & (1 << word.len()) == 0 {
        return None;
    }
    let i = PACKED.binary_search(&pack_lower(word)).ok()?;
    let (w, entry) = VOCAB[i];
    if w.len() != word.len() || (w.len() > 16 && !w.eq_ignore_ascii_case(word)) {
        return None;
    }
    match entry {
        Entry::Pos(h) => Some(Ctx::Pos(h)),
        Entry::Text => Some(Ctx::Text),
        Entry::Neg => Some(Ctx::Neg),
        Entry::KeyNeg => (src == Source::Key).then_some(Ctx::Neg),
        Entry::Phrase => {
            let mut buf = [0u8; WORD_MAX];
            phrase(w, lower(prev, &mut buf).unwrap_or_default(), src)
        }
    }
}

/// Calls `f(start, end, is_break)` for each word of `s` (and for clause breaks — `;`, `|`,
/// and `.`/`!`/`?` ending a sentence — with `is_break`). Words are ASCII alphanumeric runs; in
/// key names (`in_key`) they are also split at camelCase humps (`cardNumber`, `SSNValue`) and
/// letter/digit changes (`cvv2` → `cvv`, `2`).
/// Non-ASCII bytes separate words. Returning `false` from `f` stops early.
fn for_each_word(s: &[u8], in_key: bool, mut f: impl FnMut(usize, usize, bool) -> bool) {
    let mut i = 0;
    while i < s.len() {
        let b = s[i];
        if !b.is_ascii_alphanumeric() {
            let sentence_end = matches!(b, b'.' | b'!' | b'?')
                && s.get(i + 1).is_none_or(|n| n.is_ascii_whitespace());
            if (matches!(b, b';' | b'|') || sentence_end) && !f(i, i + 1, true) {
                return;
            }
            i += 1;
            continue;
        }
        let start = i;
        let mut j = i + 1;
        while j < s.len() && s[j].is_ascii_alphanumeric() {
            j += 1;
        }
        // Split key words [start, j) at humps (prose has none worth the cost).
        let mut w = start;
        for p in (start + 1..j).filter(|_| in_key) {
            let (x, y) = (s[p - 1], s[p]);
            let hump = (x.is_ascii_lowercase() && y.is_ascii_uppercase())
                || (x.is_ascii_uppercase()
                    && y.is_ascii_uppercase()
                    && p + 1 < j
                    && s[p + 1].is_ascii_lowercase())
                || x.is_ascii_digit() != y.is_ascii_digit();
            if hump {
                if !f(w, p, false) {
                    return;
                }
                w = p;
            }
        }
        if !f(w, j, false) {
            return;
        }
        i = j;
    }
}

/// Lower-cases `src` into `buf`; `None` for words too long to be context words.
fn lower<'a>(src: &[u8], buf: &'a mut [u8; WORD_MAX]) -> Option<&'a [u8]> {
    if src.len() > WORD_MAX {
        return None;
    }
    for (d, s) in buf.iter_mut().zip(src) {
        *d = s.to_ascii_lowercase();
    }
    Some(&buf[..src.len()])
}

/// Folds the words of `s`: the last context-bearing word wins. In prose (`Source::Text`) a word
/// that starts with a digit (another number) or a clause break (`;`, `|`) clears what came
/// before; a sentence end clears only a veto.
fn fold(s: &[u8], src: Source) -> Ctx {
    let mut state = Ctx::None;
    let mut prev: &[u8] = &[];
    let mut last_was_ctx = false;
    for_each_word(s, src == Source::Key, |a, b, is_break| {
        if is_break {
            // `;` and `|` end a clause. A sentence end keeps a hint (a question's context
            // carries to the answer: "date of birth? It's 01/02/1980") but drops a veto, unless
            // the full stop ends an abbreviated context word ("ref. 123").
            let clause = matches!(s[a], b';' | b'|');
            let abbreviation = s[a] == b'.' && last_was_ctx;
            if src == Source::Text && (clause || (state == Ctx::Neg && !abbreviation)) {
                state = Ctx::None;
            }
            prev = &[];
            last_was_ctx = false;
            return true;
        }
        let word = &s[a..b];
        if word[0].is_ascii_digit() {
            if src == Source::Text {
                state = Ctx::None;
                prev = &[];
            }
            last_was_ctx = false;
            return true;
        }
        let c = classify(word, prev, src);
        last_was_ctx = c.is_some();
        if let Some(c) = c {
            state = c;
        }
        prev = word;
        true
    });
    state
}

/// Sets of the per-thread cache of key verdicts (attribute keys repeat across values); each
/// set holds two keys, the most recently stored first.
const KEY_CACHE_SETS: usize = 512;
/// Keys longer than this are not cached.
const KEY_CACHE_MAX_LEN: usize = 96;

type CacheSet = [(u64, Ctx); 2];

thread_local! {
    /// Two-way set-associative (64-bit key hash, verdict) cache. Fixed size (16 KiB per
    /// thread), no allocation; a stored hash is never 0.
    static KEY_CACHE: [Cell<CacheSet>; KEY_CACHE_SETS] =
        const { [const { Cell::new([(0, Ctx::None); 2]) }; KEY_CACHE_SETS] };
}

/// FxHash-style 64-bit hash of the key bytes and length; never 0.
fn key_hash(key: &[u8]) -> u64 {
    let mut h = key.len() as u64;
    for &b in key {
        h = (h.rotate_left(5) ^ u64::from(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h | 1
}

/// The context a key name gives (cached per thread: keys repeat across values).
pub(crate) fn key_ctx(key: &str) -> Ctx {
    let bytes = key.as_bytes();
    if bytes.len() > KEY_CACHE_MAX_LEN {
        return fold(bytes, Source::Key);
    }
    let h = key_hash(bytes);
    let set = (h >> 32) as usize % KEY_CACHE_SETS;
    let cached = KEY_CACHE
        .try_with(|c| {
            let ways = c[set].get();
            ways.iter()
                .find(|(hash, _)| *hash == h)
                .map(|&(_, ctx)| ctx)
        })
        .ok()
        .flatten();
    if let Some(ctx) = cached {
        return ctx;
    }
    let ctx = fold(bytes, Source::Key);
    let _ = KEY_CACHE.try_with(|c| {
        let [newest, _] = c[set].get();
        c[set].set([(h, ctx), newest]);
    });
    ctx
}

/// Start of the window before `start`, moved forward to a word boundary.
fn window_start(s: &[u8], start: usize) -> usize {
    let mut a = start.saturating_sub(WINDOW_BEFORE);
    while a > 0 && a < start && s[a].is_ascii_alphanumeric() && s[a - 1].is_ascii_alphanumeric() {
        a += 1;
    }
    a
}

/// The context of the words just before `start` in `s`.
pub(crate) fn before_ctx(s: &[u8], start: usize) -> Ctx {
    let start = start.min(s.len());
    let a = window_start(s, start);
    fold(&s[a..start], Source::Text)
}

/// The first hint word just after `end`, before any other number or the end of the sentence.
/// Only hints: an identifier word after a number belongs to what follows it.
pub(crate) fn after_ctx(s: &[u8], end: usize) -> Ctx {
    let end = end.min(s.len());
    let mut b = (end + WINDOW_AFTER).min(s.len());
    // Stop at the end of the sentence (`.`, `!`, `?` before a space or the end).
    if let Some(stop) = s[end..b].iter().enumerate().position(|(o, &c)| {
        matches!(c, b'.' | b'!' | b'?')
            && s.get(end + o + 1).is_none_or(|n| n.is_ascii_whitespace())
    }) {
        b = end + stop;
    }
    // Drop a word cut by the window's end.
    while b > end && b < s.len() && s[b].is_ascii_alphanumeric() && s[b - 1].is_ascii_alphanumeric()
    {
        b -= 1;
    }
    let window = &s[end..b];
    let mut found = Ctx::None;
    let mut prev: &[u8] = &[];
    for_each_word(window, false, |a, z, is_break| {
        if is_break || window[a].is_ascii_digit() {
            return false;
        }
        let word = &window[a..z];
        if let Some(c @ Ctx::Pos(_)) = classify(word, prev, Source::Text) {
            found = c;
            return false;
        }
        prev = word;
        true
    });
    found
}

/// Does the value read like prose (several words) rather than a single system token?
pub(crate) fn is_prose(value: &[u8]) -> bool {
    let mut spaces = 0;
    let mut letters = 0;
    for &b in value {
        if b == b' ' {
            spaces += 1;
        } else if b.is_ascii_alphabetic() {
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
    use Hint::*;

    #[test]
    fn key_names_are_normalised() {
        assert_eq!(key_ctx("cardNumber"), Ctx::Pos(Card));
        assert_eq!(key_ctx("card_number"), Ctx::Pos(Card));
        assert_eq!(key_ctx("CARD-NUMBER"), Ctx::Pos(Card));
        assert_eq!(key_ctx("creditcardnumber"), Ctx::None); // unknown compound stays neutral
        assert_eq!(key_ctx("customerSSN"), Ctx::Pos(Ssn));
        assert_eq!(key_ctx("SSNValue"), Ctx::Pos(Ssn));
        assert_eq!(key_ctx("social_security_number"), Ctx::Pos(Ssn));
        assert_eq!(key_ctx("Call.Ani"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("callerId"), Ctx::Pos(Phone));
        assert_eq!(key_ctx("dateOfBirth"), Ctx::Pos(Dob));
        assert_eq!(key_ctx("DOB"), Ctx::Pos(Dob));
        assert_eq!(key_ctx("cvv2"), Ctx::Pos(Cvv));
        assert_eq!(key_ctx("card.securityCode"), Ctx::Pos(Cvv));
        assert_eq!(key_ctx("CCExp"), Ctx::Pos(Expiry));
        assert_eq!(key_ctx("cardExpiryDate"), Ctx::Pos(Expiry));
        assert_eq!(key_ctx("sort_code"), Ctx::Pos(Bank));
        assert_eq!(key_ctx("accountNumber"), Ctx::Pos(Bank));
        assert_eq!(key_ctx("clientIPAddress"), Ctx::Pos(Ip));
        assert_eq!(key_ctx("ipv4"), Ctx::Pos(Ip));
        assert_eq!(key_ctx("nhs_no"), Ctx::Pos(Nhs));
        assert_eq!(key_ctx("passportNumber"), Ctx::Pos(Passport));
        assert_eq!(key_ctx("wrapUpNotes"), Ctx::Text);
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
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Card));
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
        assert_eq!(before_ctx(s, s.len()), Ctx::Pos(Dob));
        let s = b"X is my date of birth, thanks";
        assert_eq!(after_ctx(s, 1), Ctx::Pos(Dob));
        let s = b"X 5 is the cvv";
        assert_eq!(after_ctx(s, 1), Ctx::None);
    }

    #[test]
    fn vocabulary_is_sorted_and_unique() {
        assert!(VOCAB.windows(2).all(|w| w[0].0 < w[1].0));
        assert!(PACKED.windows(2).all(|w| w[0] < w[1]));
        assert!(VOCAB
            .iter()
            .all(|(w, _)| w.len() >= 2 && w.len() <= WORD_MAX && w[0].is_ascii_lowercase()));
    }

    #[test]
    fn prose() {
        assert!(is_prose(b"Customer connected from home today"));
        assert!(!is_prose(b"10.2.14.3"));
        assert!(!is_prose(b"Main>Billing>Payments"));
    }
}

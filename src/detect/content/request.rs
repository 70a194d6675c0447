//! Request detection: reads an agent's speech sentence by sentence and reports the request
//! kinds (`REQUEST_*`) it asks for, by the rules of `detect::rules::request`. The agent's speech
//! is a transcript item on the agent's channel, or the agent's turns of free text written as
//! conversation turns (`Agent: ... | Customer: ...`). No allocation: words are folded into a
//! fixed buffer, at most [`MAX_WORDS`] per sentence.

use super::context::{fold_word, speaker_label_at, utf8_len, word_char, WORD_MAX};
use crate::detect::kind::{KindSet, PiiKind};
use crate::detect::rules::request::{
    AUXILIARIES, BOUNDARIES, COPULAS, CUES, CUE_PAIRS, ELLIPSIS, FILLERS, LATE_NEGATIONS,
    NEGATED_VERBS, NEGATIONS, NEGATION_PAIRS, OWN, PRECEDENCE, PREDICATES, QUESTION_CUES,
    QUESTION_WORDS, REREQUESTS, RULES, STATEMENTS, STATEMENT_PAIRS, WEAK_NEGATIONS,
};
use crate::detect::rules::Words;
use crate::detect::Speaker;

/// Words of one sentence that are read (a longer sentence is read in pieces).
const MAX_WORDS: usize = 48;
/// Longest word kept (longer words are not request vocabulary).
const WORD_LEN: usize = 24;
/// How many words may sit between the two words of a phrase (`número de su tarjeta`).
const PHRASE_GAP: usize = 3;

/// One sentence's folded words.
struct Sentence {
    words: [[u8; WORD_LEN]; MAX_WORDS],
    lens: [u8; MAX_WORDS],
    n: usize,
    question: bool,
}

impl Sentence {
    fn new() -> Self {
        Sentence {
            words: [[0; WORD_LEN]; MAX_WORDS],
            lens: [0; MAX_WORDS],
            n: 0,
            question: false,
        }
    }

    fn word(&self, i: usize) -> &[u8] {
        &self.words[i][..usize::from(self.lens[i])]
    }

    fn push(&mut self, w: &[u8]) {
        if self.n < MAX_WORDS && w.len() <= WORD_LEN {
            self.words[self.n][..w.len()].copy_from_slice(w);
            self.lens[self.n] = w.len() as u8;
            self.n += 1;
        }
    }

    /// A word of `list` that names no thing (`used` marks the words that do).
    fn has(&self, list: &Words, used: u64) -> bool {
        (0..self.n).any(|i| used & (1 << i) == 0 && in_list(list, self.word(i)))
    }

    /// Words `a` then `b` (at most `PHRASE_GAP` words between, none of them used), as a mask.
    fn phrase(&self, a: &[u8], b: &[u8], used: u64) -> Option<u64> {
        (0..self.n).find_map(|i| {
            if self.word(i) != a || used & (1 << i) != 0 {
                return None;
            }
            (i + 1..self.n.min(i + 2 + PHRASE_GAP))
                .take_while(|&j| used & (1 << j) == 0)
                .find(|&j| self.word(j) == b)
                .map(|j| (1u64 << i) | (1u64 << j))
        })
    }

    /// Words `a` then `b` of one of `pairs` from word `i` on, next to each other or one word
    /// apart, neither of them used.
    fn pair_at(&self, pairs: &[(&str, &str)], i: usize, used: u64) -> bool {
        used & (1 << i) == 0
            && pairs.iter().any(|(a, b)| {
                self.word(i) == a.as_bytes()
                    && (i + 1..self.n.min(i + 3))
                        .any(|j| used & (1 << j) == 0 && self.word(j) == b.as_bytes())
            })
    }

    /// Does word `i` make the sentence a request (a cue, the start of a cue pair, a question
    /// word, a word that asks again)?
    fn cue_at(&self, i: usize, used: u64) -> bool {
        let w = self.word(i);
        used & (1 << i) == 0
            && (in_list(&CUES, w)
                || in_list(&QUESTION_WORDS, w)
                || in_list(&REREQUESTS, w)
                || self.pair_at(CUE_PAIRS, i, used))
    }

    /// Does word `i` say the data was given, checked or is on file?
    fn stated_at(&self, i: usize, used: u64) -> bool {
        used & (1 << i) == 0
            && (in_list(&STATEMENTS, self.word(i)) || self.pair_at(STATEMENT_PAIRS, i, used))
    }

    /// A warning or a statement about the thing, not a request for it.
    fn negated(&self) -> bool {
        self.has(&NEGATIONS, 0)
            || (0..self.n).any(|i| self.pair_at(NEGATION_PAIRS, i, 0))
            || (0..self.n).any(|i| {
                let w = self.word(i);
                let (before, after) = if in_list(&WEAK_NEGATIONS, w) {
                    (3, 3)
                } else if in_list(&LATE_NEGATIONS, w) {
                    (6, 3)
                } else {
                    return false;
                };
                (i.saturating_sub(before)..self.n.min(i + after + 1))
                    .any(|j| j != i && in_list(&NEGATED_VERBS, self.word(j)))
            })
    }

    /// A request: a cue anywhere (a word, a pair, a question word), or a question with a
    /// question cue or one that is not a yes/no question about something else. Words that name
    /// the thing are no cues.
    fn asks(&self, used: u64) -> bool {
        (0..self.n).any(|i| self.cue_at(i, used))
            || (self.question && (self.has(&QUESTION_CUES, used) || !self.yes_no()))
    }

    /// The part of the sentence word `i` is in: from the boundary before it to the one after.
    fn part(&self, i: usize) -> (usize, usize) {
        let start = (0..i)
            .rev()
            .find(|&j| in_list(&BOUNDARIES, self.word(j)))
            .map_or(0, |j| j + 1);
        let end = (i + 1..self.n)
            .find(|&j| in_list(&BOUNDARIES, self.word(j)))
            .unwrap_or(self.n);
        (start, end)
    }

    /// Does the part `from..to` say that the thing named at word `at` was given, checked or
    /// is on file? It does when a statement follows the thing ("the card number you read out
    /// didn't go through"), or comes just before it, with only articles and the like between
    /// ("I've got your card number"; not "you've confirmed your name, may I have your
    /// password", nor "danke, dass Sie Ihren Namen bestätigt haben, Ihre IBAN bitte").
    fn states(&self, from: usize, to: usize, at: usize, used: u64) -> bool {
        (at + 1..to).any(|i| self.stated_at(i, used))
            || (from..at)
                .rev()
                .find(|&i| self.stated_at(i, used))
                .is_some_and(|s| {
                    (s + 1..at).all(|i| {
                        let w = self.word(i);
                        !self.cue_at(i, used)
                            && (used & (1 << i) != 0
                                || in_list(&ELLIPSIS, w)
                                || in_list(&FILLERS, w)
                                || self.stated_at(i, used))
                    })
                })
    }

    /// Is the part `from..to` nothing but the thing named, with articles, fillers and the
    /// like (`and the three digits on the back`), and "is" only at its end (`and your social
    /// is`)?
    fn elliptical(&self, from: usize, to: usize, used: u64) -> bool {
        let mut end = to;
        while end > from && in_list(&COPULAS, self.word(end - 1)) {
            end -= 1;
        }
        (from..end).all(|i| {
            let w = self.word(i);
            if used & (1 << i) != 0 {
                !in_list(&PREDICATES, w)
            } else {
                in_list(&ELLIPSIS, w) || in_list(&FILLERS, w)
            }
        })
    }

    /// Is word `i` the agent's own (`my password`)?
    fn own(&self, i: usize) -> bool {
        (i.saturating_sub(2)..i).any(|j| in_list(&OWN, self.word(j)))
    }

    /// Does the sentence open with an auxiliary (`would you…`, `¿quiere…`), fillers aside?
    fn yes_no(&self) -> bool {
        (0..self.n)
            .map(|i| self.word(i))
            .find(|w| !in_list(&FILLERS, w))
            .is_some_and(|w| in_list(&AUXILIARIES, w))
    }

    /// The kinds the sentence names, each claiming its words in `PRECEDENCE` order (none when
    /// the sentence holds one of its ignore words): the words each claimed, as a mask per kind
    /// in `PRECEDENCE` order (0 for a kind not named).
    fn named(&self, enabled: KindSet) -> [u64; PRECEDENCE.len()] {
        let mut named = [0u64; PRECEDENCE.len()];
        let mut used = 0u64;
        for (k, kind) in PRECEDENCE.into_iter().enumerate() {
            let Some(rules) = RULES.iter().find(|r| r.kind.builtin() == Some(kind)) else {
                continue;
            };
            if !enabled.contains(kind) {
                continue;
            }
            let keyword = (0..self.n).find(|&i| {
                used & (1 << i) == 0 && rules.keywords.iter().any(|k| self.word(i) == k.as_bytes())
            });
            let claimed = match keyword {
                Some(i) => Some(1u64 << i),
                None => rules
                    .phrases
                    .iter()
                    .find_map(|(a, b)| self.phrase(a.as_bytes(), b.as_bytes(), used)),
            };
            if let Some(mask) = claimed.filter(|_| !self.has(&rules.ignore_words, 0)) {
                named[k] = mask;
                used |= mask;
            }
        }
        named
    }

    /// Adds the kinds the sentence asks for to `out`: a kind named in a sentence that asks for
    /// it (or in an elliptical part of one), in no part that states it was given (unless the
    /// sentence asks again), not the agent's own, and no negation in the sentence.
    fn requests(&self, enabled: KindSet, out: &mut KindSet) {
        if self.n == 0 {
            return;
        }
        let named = self.named(enabled);
        let used = named.iter().fold(0, |a, m| a | m);
        if used == 0 || self.negated() {
            return;
        }
        let asks = self.asks(used);
        let again = self.has(&REREQUESTS, used);
        for (kind, &mask) in PRECEDENCE.iter().zip(&named) {
            if mask == 0 {
                continue;
            }
            let first = mask.trailing_zeros() as usize;
            let (from, to) = self.part(first);
            if self.own(first) || (!again && self.states(from, to, first, used)) {
                continue;
            }
            if asks || self.elliptical(from, to, used) {
                out.insert(*kind);
            }
        }
    }
}

fn in_list(list: &Words, w: &[u8]) -> bool {
    list.iter().any(|x| x.as_bytes() == w)
}

/// Is this character an apostrophe (`'` or `’`), and how long is it?
fn apostrophe(s: &[u8], i: usize) -> Option<usize> {
    match s[i] {
        b'\'' => Some(1),
        0xE2 if s.get(i + 1..i + 3) == Some(&[0x80, 0x99]) => Some(3),
        _ => None,
    }
}

/// Reports the request kinds of `enabled` that the agent's speech `s` asks for.
pub(crate) fn requests_in(s: &[u8], enabled: KindSet, out: &mut KindSet) {
    let mut sentence = Sentence::new();
    let mut i = 0;
    let mut word = [0u8; WORD_MAX];
    let mut wlen = 0usize;
    let flush_word = |sentence: &mut Sentence, word: &[u8], wlen: &mut usize| {
        if *wlen > 0 {
            let mut folded = [0u8; WORD_MAX];
            if let Some(f) = fold_word(&word[..*wlen], &mut folded) {
                sentence.push(f);
            }
            *wlen = 0;
        }
    };
    while i < s.len() {
        if word_char(s, i) {
            let end = (i + utf8_len(s[i])).min(s.len());
            if wlen + (end - i) <= WORD_MAX {
                word[wlen..wlen + (end - i)].copy_from_slice(&s[i..end]);
                wlen += end - i;
            }
            i = end;
            continue;
        }
        // An English contraction joins (`don't`, `what's`); a French elision splits (`d'expiration`).
        if let Some(len) = apostrophe(s, i) {
            let elision = wlen == 1 || (wlen == 2 && word[..2].eq_ignore_ascii_case(b"qu"));
            let next_is_letter = s.get(i + len).is_some_and(u8::is_ascii_alphabetic);
            if !elision && next_is_letter {
                i += len;
                continue;
            }
        }
        flush_word(&mut sentence, &word, &mut wlen);
        let b = s[i];
        if b == 0xC2 && s.get(i + 1) == Some(&0xBF) {
            sentence.question = true; // ¿
        }
        let end_of_sentence = match b {
            b'?' => {
                sentence.question = true;
                true
            }
            b'.' | b'!' => s.get(i + 1).is_none_or(|n| n.is_ascii_whitespace()),
            b'|' | b'\n' | b'\r' | b';' => true,
            _ => false,
        };
        if end_of_sentence || sentence.n == MAX_WORDS {
            sentence.requests(enabled, out);
            sentence.n = 0;
            sentence.question = false;
        }
        i += utf8_len(b);
    }
    flush_word(&mut sentence, &word, &mut wlen);
    sentence.requests(enabled, out);
}

/// Calls `f` with each agent turn of text written as conversation turns (`Agent: ... |
/// Customer: ...`): the text after an agent's label up to the next label.
pub(crate) fn for_each_agent_turn(s: &[u8], mut f: impl FnMut(&[u8])) {
    // Labels end with `:` after a word at the start of the text or of a turn.
    let mut current: Option<(Speaker, usize)> = None;
    let mut i = 0;
    while let Some(off) = s[i..].iter().position(|&b| b == b':') {
        let colon = i + off;
        i = colon + 1;
        let mut a = colon;
        while a > 0 && word_char(s, a - 1) {
            a -= 1;
        }
        let at_turn_start = a == 0
            || s[..a]
                .iter()
                .rev()
                .find(|b| !matches!(b, b' ' | b'\t'))
                .is_none_or(|b| matches!(b, b'|' | b'\n' | b'\r' | b'.' | b'?' | b'!'));
        if a == colon || !at_turn_start {
            continue;
        }
        let Some((speaker, label_end)) = speaker_label_at(s, a) else {
            continue;
        };
        if let Some((Speaker::Agent, from)) = current {
            f(&s[from..a]);
        }
        current = Some((speaker, label_end));
    }
    if let Some((Speaker::Agent, from)) = current {
        f(&s[from..]);
    }
}

/// The request kinds `s` holds for a value said by `speaker`: all of its text for the agent,
/// the agent's turns for text of unknown speaker, nothing for the customer.
pub(crate) fn requests(s: &[u8], speaker: Speaker, enabled: KindSet, out: &mut KindSet) {
    let enabled = enabled.intersection(KindSet::requests());
    if enabled.is_empty() {
        return;
    }
    match speaker {
        Speaker::Agent => requests_in(s, enabled, out),
        Speaker::Unknown if s.contains(&b':') => {
            for_each_agent_turn(s, |turn| requests_in(turn, enabled, out))
        }
        _ => {}
    }
}

/// The request kind a request is for: the PII kind it would be given as.
pub fn answered_by(kind: PiiKind) -> Option<PiiKind> {
    Some(match kind {
        PiiKind::RequestCreditCard => PiiKind::CreditCard,
        PiiKind::RequestCvv => PiiKind::Cvv,
        PiiKind::RequestCardExpiry => PiiKind::CardExpiry,
        PiiKind::RequestUsSsn => PiiKind::UsSsn,
        PiiKind::RequestDateOfBirth => PiiKind::DateOfBirth,
        PiiKind::RequestBankAccount => PiiKind::BankAccount,
        PiiKind::RequestPassport => PiiKind::Passport,
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn asks(text: &str) -> Vec<&'static str> {
        let mut out = KindSet::EMPTY;
        requests(text.as_bytes(), Speaker::Agent, KindSet::all(), &mut out);
        out.iter().map(PiiKind::as_str).collect()
    }

    fn turns(text: &str) -> Vec<&'static str> {
        let mut out = KindSet::EMPTY;
        requests(text.as_bytes(), Speaker::Unknown, KindSet::all(), &mut out);
        out.iter().map(PiiKind::as_str).collect()
    }

    #[test]
    fn questions_and_imperatives_are_requests() {
        assert_eq!(
            asks("Can I take the long number on your card?"),
            ["REQUEST_CREDIT_CARD"]
        );
        assert_eq!(asks("and the three digits on the back?"), ["REQUEST_CVV"]);
        assert_eq!(
            asks("Your date of birth, please."),
            ["REQUEST_DATE_OF_BIRTH"]
        );
        assert_eq!(
            asks("¿Me dice el número de la tarjeta?"),
            ["REQUEST_CREDIT_CARD"]
        );
        assert_eq!(
            asks("Quelle est la date d'expiration ?"),
            ["REQUEST_CARD_EXPIRY"]
        );
        assert_eq!(asks("Wie lautet Ihr Passwort?"), ["REQUEST_PASSWORD"]);
        assert_eq!(asks("Qual é a sua senha?"), ["REQUEST_PASSWORD"]);
        assert_eq!(
            asks("Give me the card number and the security code."),
            ["REQUEST_CREDIT_CARD", "REQUEST_CVV"]
        );
    }

    #[test]
    fn mentions_and_warnings_are_not() {
        for text in [
            "We never ask for your PIN.",
            "Please don't share your password with anyone.",
            "Thanks, I've got the card number.",
            "Your card expires next month.",
            "Would you like to update your password online?",
            "Nunca le vamos a pedir su PIN.",
            "No comparta su contraseña.",
            "Nous ne vous demanderons jamais votre code PIN.",
            "Geben Sie Ihr Passwort niemals weiter.",
            "Não compartilhe o número do cartão.",
            "How can I help you today?",
        ] {
            assert!(asks(text).is_empty(), "{text}: {:?}", asks(text));
        }
    }

    #[test]
    fn speech_to_text_without_punctuation_asks_too() {
        assert_eq!(
            asks("ok so what is the passcode on the account"),
            ["REQUEST_PASSWORD"]
        );
        assert_eq!(asks("may i have the iban"), ["REQUEST_BANK_ACCOUNT"]);
        assert_eq!(asks("euh ensuite le cryptogramme"), ["REQUEST_CVV"]);
        assert_eq!(
            asks("und dann Ihr Geburtsdatum wenn Sie so weit sind"),
            ["REQUEST_DATE_OF_BIRTH"]
        );
        assert_eq!(
            asks("vale y el número de pasaporte es"),
            ["REQUEST_PASSPORT"]
        );
    }

    #[test]
    fn a_statement_about_one_thing_then_a_request_for_another() {
        assert_eq!(
            asks("thanks the expiry date is noted now the card number please"),
            ["REQUEST_CREDIT_CARD"]
        );
        assert_eq!(
            asks("thanks, you confirmed the address, your date of birth please"),
            ["REQUEST_DATE_OF_BIRTH"]
        );
        assert_eq!(
            asks("that sort code did not match, can you give it to me again"),
            ["REQUEST_BANK_ACCOUNT"]
        );
        assert_eq!(
            asks("vous avez confirmé votre adresse, pouvez-vous me donner le code confidentiel"),
            ["REQUEST_PIN"]
        );
    }

    #[test]
    fn statements_hand_offs_and_the_agents_own_are_not() {
        for text in [
            "The security code is the three digits on the front of an Amex.",
            "I have your date of birth already, thank you.",
            "Le code de sécurité que vous m'avez donné ne correspond pas.",
            "Die Kontonummer ist notiert.",
            "thank you for the card number",
            "o número do cartão foi validado",
            "a recording will now ask you for your card number",
            "je vous transfère au serveur vocal pour le numéro de carte",
            "one moment while I type in my password",
            "is that the card ending in four four one two",
            "we won't need the passport number for this booking",
            "bitte lesen Sie mir die PIN nicht vor",
            "when does your passport expire",
        ] {
            assert!(asks(text).is_empty(), "{text}: {:?}", asks(text));
        }
    }

    #[test]
    fn only_the_agents_turns_count() {
        assert_eq!(
            turns("Agent: Can I have your card number? | Customer: What is your PIN?"),
            ["REQUEST_CREDIT_CARD"]
        );
        assert!(turns("Customer: what's the card number you have on file?").is_empty());
        assert_eq!(
            turns("Cliente: hola\nAgente: ¿Cuál es su fecha de nacimiento?"),
            ["REQUEST_DATE_OF_BIRTH"]
        );
        assert!(turns("no turns here: what is your card number?").is_empty());
        let mut out = KindSet::EMPTY;
        requests(
            b"Can I have your card number?",
            Speaker::Customer,
            KindSet::all(),
            &mut out,
        );
        assert!(out.is_empty());
    }
}

//! Digits spoken as words: speech-to-text writes a number read out digit by digit as words
//! ("six five two four…", "cuatro cinco tres…", "double five", "fünf null"). A run of at least
//! three spoken digits in an utterance is rewritten as its digits, so the rest of the engine
//! reads and validates it exactly as the written number (issuer range, length and Luhn for a
//! card; SSA rules for an SSN; context for a phone number or a security code). English, Spanish,
//! French, German and Portuguese digit words. The rewrite never grows the text, so it fits a
//! buffer the size of the utterance; most utterances have no run and are read as they are.

use super::context::{fold_word, utf8_len, word_char, WORD_MAX};

/// Longest utterance rewritten; a longer one is read as written.
pub(crate) const MAX_SPOKEN: usize = 2048;
/// Fewest digits a run must spell to be rewritten: one or two number words are words
/// ("the three digits", "one or two").
const MIN_RUN: usize = 3;

/// What a word says in a run of spoken digits.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Spoken {
    /// A digit word in any position (`five`, `cinco`, `fünf`).
    Digit(u8),
    /// A digit only inside a run: alone it is a word (`oh`, `un`, `uma`, `meia`).
    Inner(u8),
    /// The next digit said this many times (`double five`, `triple zero`).
    Repeat(u8),
}

/// Folded digit words (accents dropped: `zéro`, `três`, `fünf` → `zero`, `tres`, `funf`).
#[rustfmt::skip]
const WORDS: &[(&[u8], Spoken)] = {
    use Spoken::{Digit as D, Inner as I, Repeat as R};
    &[
        // en
        (b"zero", D(0)), (b"one", D(1)), (b"two", D(2)), (b"three", D(3)), (b"four", D(4)),
        (b"five", D(5)), (b"six", D(6)), (b"seven", D(7)), (b"eight", D(8)), (b"nine", D(9)),
        (b"oh", I(0)), (b"o", I(0)), (b"double", R(2)), (b"triple", R(3)),
        // es
        (b"cero", D(0)), (b"uno", D(1)), (b"dos", D(2)), (b"tres", D(3)), (b"cuatro", D(4)),
        (b"cinco", D(5)), (b"seis", D(6)), (b"siete", D(7)), (b"ocho", D(8)), (b"nueve", D(9)),
        (b"una", I(1)), (b"doble", R(2)),
        // fr
        (b"deux", D(2)), (b"trois", D(3)), (b"quatre", D(4)), (b"cinq", D(5)), (b"sept", D(7)),
        (b"huit", D(8)), (b"neuf", D(9)), (b"un", I(1)), (b"une", I(1)),
        // de
        (b"null", D(0)), (b"eins", D(1)), (b"zwei", D(2)), (b"zwo", D(2)), (b"drei", D(3)),
        (b"vier", D(4)), (b"funf", D(5)), (b"fuenf", D(5)), (b"sechs", D(6)), (b"sieben", D(7)),
        (b"acht", D(8)), (b"neun", D(9)), (b"ein", I(1)),
        // pt
        (b"dois", D(2)), (b"duas", D(2)), (b"quatro", D(4)), (b"sete", D(7)), (b"oito", D(8)),
        (b"nove", D(9)), (b"um", I(1)), (b"uma", I(1)), (b"meia", I(6)),
    ]
};

/// Longest digit word as written, in bytes (`cuatro`, `sieben`; `fünf` is five): longer words
/// are never looked up.
const LONGEST_WORD: usize = 6;

fn spoken(w: &[u8]) -> Option<Spoken> {
    WORDS.iter().find(|(x, _)| *x == w).map(|&(_, v)| v)
}

/// A run of spoken digits: where it starts and ends in the text, and its digits.
struct Run {
    start: usize,
    end: usize,
    digits: [u8; 32],
    len: usize,
}

impl Run {
    fn push(&mut self, d: u8, times: u8) {
        for _ in 0..times {
            if self.len < self.digits.len() {
                self.digits[self.len] = b'0' + d;
                self.len += 1;
            }
        }
    }
}

/// The next run of at least [`MIN_RUN`] spoken digits at or after `from`. Words of a run are
/// separated by spaces, commas or hyphens only.
fn next_run(s: &[u8], from: usize) -> Option<Run> {
    let mut run: Option<Run> = None;
    // A repeat word waiting for its digit: (its start, how many times).
    let mut repeat: Option<(usize, u8)> = None;
    let mut i = from;
    loop {
        // The next word, and whether only run separators lead to it.
        let mut a = i;
        while a < s.len() && !word_char(s, a) {
            if !matches!(s[a], b' ' | b',' | b'-' | b'\t') {
                if run.as_ref().is_some_and(|r| r.len >= MIN_RUN) {
                    return run;
                }
                run = None;
                repeat = None;
            }
            a += if s[a] < 0x80 { 1 } else { utf8_len(s[a]) };
        }
        if a >= s.len() {
            return run.filter(|r| r.len >= MIN_RUN);
        }
        let mut b = a;
        while b < s.len() && word_char(s, b) {
            b += if s[b] < 0x80 { 1 } else { utf8_len(s[b]) };
        }
        let b = b.min(s.len());
        let mut buf = [0u8; WORD_MAX];
        let word = (b - a <= LONGEST_WORD)
            .then(|| fold_word(&s[a..b], &mut buf))
            .flatten()
            .and_then(spoken);
        let in_run = run.is_some() || repeat.is_some();
        match word {
            Some(Spoken::Repeat(n)) => {
                repeat = Some((repeat.map_or(a, |(at, _)| at), n));
            }
            Some(Spoken::Digit(d)) | Some(Spoken::Inner(d))
                if in_run || matches!(word, Some(Spoken::Digit(_))) =>
            {
                let (start, times) = match repeat.take() {
                    Some((at, n)) => (at, n),
                    None => (a, 1),
                };
                let r = run.get_or_insert(Run {
                    start,
                    end: b,
                    digits: [0; 32],
                    len: 0,
                });
                r.push(d, times);
                r.end = b;
            }
            _ => {
                if run.as_ref().is_some_and(|r| r.len >= MIN_RUN) {
                    return run;
                }
                run = None;
                repeat = None;
            }
        }
        i = b;
    }
}

/// Is there a run of spoken digits in `s`? A cheap test: one pass over its words.
pub(crate) fn has_spoken_digits(s: &[u8]) -> bool {
    s.len() <= MAX_SPOKEN && next_run(s, 0).is_some()
}

/// Writes `s` into `out` with every run of spoken digits replaced by its digits; the length
/// written. `s` must be at most [`MAX_SPOKEN`] bytes (a longer text is copied as far as it fits).
pub(crate) fn rewrite(s: &[u8], out: &mut [u8; MAX_SPOKEN]) -> usize {
    let mut n = 0;
    let mut copied = 0;
    let mut put = |bytes: &[u8], n: &mut usize| {
        let take = bytes.len().min(MAX_SPOKEN - *n);
        out[*n..*n + take].copy_from_slice(&bytes[..take]);
        *n += take;
    };
    while let Some(run) = next_run(s, copied) {
        put(&s[copied..run.start], &mut n);
        put(&run.digits[..run.len], &mut n);
        copied = run.end;
    }
    put(&s[copied..], &mut n);
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn no_digit_word_is_longer_than_the_longest_looked_up() {
        assert!(WORDS.iter().all(|(w, _)| w.len() <= LONGEST_WORD));
    }

    fn read(s: &str) -> String {
        let mut out = [0u8; MAX_SPOKEN];
        let n = rewrite(s.as_bytes(), &mut out);
        String::from_utf8_lossy(&out[..n]).into_owned()
    }

    #[test]
    fn runs_of_digit_words_become_digits() {
        assert_eq!(read("sure, it's four one one one"), "sure, it's 4111");
        assert_eq!(read("nine eight, seven six-five"), "98765");
        assert_eq!(read("call me on oh seven double five"), "call me on oh 755");
        assert_eq!(read("five oh six"), "506");
        assert_eq!(read("triple zero one"), "0001");
        assert_eq!(read("es el cuatro cinco tres dos"), "es el 4532");
        assert_eq!(read("c'est le quatre cinq trois"), "c'est le 453");
        assert_eq!(read("fünf null drei"), "503");
        assert_eq!(read("é o três quatro meia"), "é o 346");
        assert_eq!(read("one two. three four"), "one two. three four");
    }

    #[test]
    fn words_that_are_not_a_run_stay() {
        for s in [
            "the three digits on the back",
            "one or two things",
            "un deux",
            "um, let me check",
            "a double room for two",
            "",
        ] {
            assert!(!has_spoken_digits(s.as_bytes()), "{s}");
            assert_eq!(read(s), s);
        }
        assert!(has_spoken_digits(b"it is six five two four"));
    }
}

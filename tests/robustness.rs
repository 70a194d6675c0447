//! The scanner never panics and stays linear: random bytes (as lossy UTF-8), 1 MB values,
//! pathological repetitions of separators, digits and markers.

use pii_pause::detect::content::ContentScanner;
use pii_pause::detect::kind::KindSet;
use std::time::{Duration, Instant};

/// xorshift64*: a tiny seeded generator, so the test needs no extra crates.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }
}

fn scan(key: &str, value: &str) -> KindSet {
    let mut out = KindSet::EMPTY;
    ContentScanner::default().scan_value(key, value, &mut out);
    out
}

#[test]
fn random_bytes_never_panic() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    // Bytes biased towards the characters the detectors care about.
    let alphabet: &[u8] =
        b"0123456789 -./()+@:_#$,;|?!TtxXabcdefABCDEFGBZ\n\t\xc3\xa9\xe2\x80\x94\xff";
    // More rounds on demand: PII_PAUSE_FUZZ_ROUNDS=2000000 cargo test --release --test robustness
    let rounds: u64 = std::env::var("PII_PAUSE_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20_000);
    for round in 0..rounds {
        let len = (rng.next() % 200) as usize;
        let bytes: Vec<u8> = (0..len)
            .map(|_| {
                if round % 3 == 0 {
                    rng.next() as u8
                } else {
                    alphabet[(rng.next() % alphabet.len() as u64) as usize]
                }
            })
            .collect();
        let value = String::from_utf8_lossy(&bytes);
        let key_bytes: Vec<u8> = (0..(rng.next() % 24)).map(|_| rng.next() as u8).collect();
        let key = String::from_utf8_lossy(&key_bytes);
        scan(&key, &value);
        scan("", &value);
        scan("cardNumber", &value);
        scan("dob", &value);
    }
}

#[test]
fn random_token_soup_never_panics() {
    let mut rng = Rng(0xD1B5_4A32_D192_ED03);
    let tokens: [&str; 40] = [
        "4111", "1111", "212", "555", "0123", "(", ")", "+", "+44", "(0)", "-", ".", "/", " ",
        "  ", "@", "sip:", "tel:", ":", "::", "card", "ssn", "dob", "cvv", "exp", "nhs", "ip",
        "order", "GB82", "WEST", "12/27", "1980", "January", "2nd", "of", "T", "é", "1", "00",
        "ffff",
    ];
    let rounds: u64 = std::env::var("PII_PAUSE_FUZZ_ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(20_000);
    let mut value = String::new();
    for _ in 0..rounds {
        value.clear();
        for _ in 0..(rng.next() % 24) {
            value.push_str(tokens[(rng.next() % tokens.len() as u64) as usize]);
        }
        scan("", &value);
        scan("cardNumber", &value);
        scan("customer_dob", &value);
        scan("ipAddress", &value);
    }
}

#[test]
fn huge_and_repetitive_values_are_linear() {
    const MB: usize = 1 << 20;
    let patterns: [&str; 16] = [
        "1",
        "1 ",
        "1-",
        "1.",
        "12/",
        "+1",
        "(1",
        "@",
        "a@",
        "a@b.",
        ":",
        "1:",
        "ab12",
        "GB82",
        "card 4111 ",
        "\u{e9}1",
    ];
    // Debug builds are ~20x slower than release; the bound only catches quadratic blow-ups.
    let limit = Duration::from_secs(if cfg!(debug_assertions) { 20 } else { 2 });
    for p in patterns {
        let value = p.repeat(MB / p.len());
        for key in ["", "cardNumber", "ipAddress", "notes"] {
            let start = Instant::now();
            scan(key, &value);
            let took = start.elapsed();
            assert!(
                took < limit,
                "{p:?} x {} under {key:?} took {took:?}",
                value.len()
            );
        }
    }
    // A megabyte of realistic text with PII sprinkled in is found and finishes.
    let text = "Customer paid with card 4111 1111 1111 1111, call back on (212) 555-0123. "
        .repeat(MB / 75);
    let found = scan("wrapUpNotes", &text);
    assert!(found.len() >= 2);
}

#[test]
fn empty_and_tiny_values() {
    for v in [
        "", " ", "+", "(", "@", ":", "::", "-", "0", "+(", "((((", "1)", "T1",
    ] {
        assert!(scan("", v).is_empty(), "{v:?}");
    }
}

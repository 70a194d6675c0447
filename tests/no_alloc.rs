//! `scan_value` never allocates: a counting global allocator sees zero allocations while the
//! scanner reads clean system values, PII-dense text and pathological input.

use pii_pause::detect::content::ContentScanner;
use pii_pause::detect::kind::KindSet;
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;

struct Counting;

thread_local! {
    /// Allocations are counted per thread, and only while counting is on: the test harness and other
    /// tests allocate on their own threads meanwhile.
    static COUNTING: Cell<bool> = const { Cell::new(false) };
    static ALLOCATIONS: Cell<usize> = const { Cell::new(0) };
}

fn allocations() -> usize {
    ALLOCATIONS.with(Cell::get)
}

unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        if COUNTING.try_with(Cell::get).unwrap_or(false) {
            let _ = ALLOCATIONS.try_with(|n| n.set(n.get() + 1));
        }
        // SAFETY: forwards to the system allocator with the caller's layout.
        unsafe { System.alloc(layout) }
    }
    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: forwards to the system allocator with the caller's pointer and layout.
        unsafe { System.dealloc(ptr, layout) }
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

#[test]
fn scan_value_does_not_allocate() {
    let long = "1-".repeat(50_000);
    let values: Vec<(&str, &str)> = vec![
        ("conversationId", "3f2b1c9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b"),
        ("startTime", "2024-11-05T10:12:45.123Z"),
        ("eventTime", "1730815407"),
        ("sipUri", "sip:+18005550100@10.20.30.40"),
        ("Edge.Version", "10.2.14.3"),
        ("ivr.menu", "1,2,9"),
        ("Queue.Name", "Billing Support EN"),
        ("orderNumber", "4000123412341234"),
        ("cardNumber", "4111 1111 1111 1111"),
        ("email", "jane.doe@example.com"),
        ("ani", "tel:+12125550123"),
        ("clientIp", "2001:db8::1"),
        ("wrapUpNotes", "Customer paid with card 6011 1111 1111 1117, exp 12/27, cvv 123, DOB 2 January 1980, IBAN GB82 WEST 1234 5698 7654 32, from 81.2.69.160"),
        ("telefon", "089 12345678"),
        ("teléfono", "011 15-2345-6789"),
        ("Queue.CallbackNumber", "0412 345 678"),
        ("CALLERDOB", "14 de marzo de 1985"),
        ("passport", "C01X00T47"),
        ("notes", "Agent: your SSN please? | Customer: 536 22 1234. Payment declined for 4539148803436467. Callback scheduled for 2027-12-01 09:00."),
        ("", long.as_str()),
    ];
    let scanner = ContentScanner::default();
    // Warm up once (first use of the per-thread key cache), then count.
    let mut out = KindSet::EMPTY;
    for (k, v) in &values {
        scanner.scan_value(k, v, &mut out);
    }
    let before = allocations();
    COUNTING.with(|c| c.set(true));
    for _ in 0..3 {
        for (k, v) in &values {
            scanner.scan_value(k, v, &mut out);
        }
    }
    COUNTING.with(|c| c.set(false));
    let after = allocations();
    assert_eq!(after - before, 0, "scan_value allocated");
    assert!(!out.is_empty());
}

#[test]
fn custom_detectors_do_not_allocate_per_value() {
    use pii_pause::detect::{DetectionConfig, Detector, Engine, Found, Input};
    let mut errors = Vec::new();
    let json = r#"[{"name": "MEMBER_ID", "regex": "MBR-[0-9]{8}", "keywords": ["member"]},
                   {"name": "POLICY", "regex": "\\bP[0-9]{9}\\b", "validator": "luhn"}]"#;
    let config = DetectionConfig::from_lookup(
        &|k| (k == "PII_CUSTOM_DETECTORS").then(|| json.to_string()),
        &mut errors,
    );
    assert!(errors.is_empty(), "{errors:?}");
    let engine = Engine::new(&config);
    let values = [
        ("memberId", "MBR-12345678"),
        ("note", "member since 2020: MBR-87654321, policy P123456789"),
        ("queue", "Billing Support EN"),
        ("startTime", "2024-11-05T10:12:45.123Z"),
    ];
    let mut found = Found::default();
    for (k, v) in values {
        engine.detect(&Input::new(k, v), &mut found);
    }
    let before = allocations();
    COUNTING.with(|c| c.set(true));
    for _ in 0..3 {
        for (k, v) in values {
            engine.detect(&Input::new(k, v), &mut found);
        }
    }
    COUNTING.with(|c| c.set(false));
    assert_eq!(allocations() - before, 0, "custom detectors allocated");
    assert!(found.custom != 0);
}

#[test]
fn the_counter_sees_allocations_on_this_thread() {
    let before = allocations();
    COUNTING.with(|c| c.set(true));
    let v: Vec<u8> = Vec::with_capacity(std::hint::black_box(64));
    COUNTING.with(|c| c.set(false));
    drop(v);
    assert!(allocations() > before);
}

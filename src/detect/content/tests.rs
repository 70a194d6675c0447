//! Engine-level tests: each detector through `ContentScanner::scan_value`, positive and
//! negative, and every false-positive trap of the reference (section 5).

use super::ContentScanner;
use crate::detect::kind::{KindSet, PiiKind};

/// The PII kinds found (request kinds are tested in `request.rs`).
fn scan(key: &str, value: &str) -> Vec<&'static str> {
    let mut out = KindSet::EMPTY;
    ContentScanner::default().scan_value(key, value, &mut out);
    out.iter()
        .filter(|k| !k.is_request())
        .map(PiiKind::as_str)
        .collect()
}

#[track_caller]
fn none(key: &str, value: &str) {
    assert_eq!(scan(key, value), Vec::<&str>::new(), "{key} = {value:?}");
}

#[track_caller]
fn only(key: &str, value: &str, kind: &str) {
    assert_eq!(scan(key, value), vec![kind], "{key} = {value:?}");
}

#[test]
fn reference_section_5_traps() {
    // UUIDs (v4 and v1, with digit-only groups).
    none("conversationId", "3f2b1c9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b");
    none("queueId", "12345678-1234-1234-1234-123456789012");
    none(
        "",
        "conversation 12345678-1234-5678-9012-123456789012 ended",
    );
    none("participantId", "b962a3f0-9b1e-11ef-8a2b-0242ac120002");
    // ISO timestamps and dates.
    none("startTime", "2024-11-05T10:12:45.123Z");
    none("", "2024-11-05");
    none("conversationStart", "2024-11-05 10:12:45");
    none("wrapUpNotes", "Callback scheduled for 2024-11-05 at 10:00");
    // Epoch seconds and milliseconds.
    none("timestamp", "1730815407");
    none("", "1730815407");
    none("eventTime", "1730815407123");
    none("", "1730815407123");
    // A 10-digit ID with no phone context.
    none("customerRef", "5551234567");
    none("", "5551234567");
    // A US phone number that passes NHS mod-11 is a phone, not UK_NHS.
    only("", "686-840-9516", "PHONE");
    only("wrapUpNotes", "call me on 686-840-9516", "PHONE");
    // A Luhn-valid 16-digit order number, even with a Visa prefix.
    none("orderNumber", "4000123412341234");
    none("", "order 4000123412341234");
    none(
        "wrapUpNotes",
        "Customer asked about order 4000123412341234 shipping",
    );
    none("trackingNumber", "4000123412341234");
    // Software versions.
    none("appVersion", "10.2.14.3");
    none("build", "4.12.3.1");
    none("", "10.2.14.3");
    none("wrapUpNotes", "Agent desktop version 4.12.3.1 crashed");
    // SIP URIs of the organisation's trunks.
    none("sipUri", "sip:+18005550100@10.20.30.40");
    none("", "sip:+18005550100@10.20.30.40");
    none("remoteUri", "sip:+442079460958@52.94.12.7:5060");
    none("dnisUri", "sips:+18005550100@trunk.example.com");
    // IVR menu paths and dotted keys.
    none("ivr.menu", "1,2,9");
    none("ivr.path", "Main>Billing>Payments");
    none("", "ivr.menu=1");
    // 9- and 12-digit internal IDs.
    none("scriptId", "123456789");
    none("", "123456789");
    none("", "123456789012");
    none("interactionId", "987654321098");
    // The famous sample SSN.
    none("", "078-05-1120");
    none("ssn", "078-05-1120");
    // The Mastercard 2-series is detected.
    only("cardNumber", "2223000048410010", "CREDIT_CARD");
    only("", "2223 0000 4841 0010", "CREDIT_CARD");
    // Hashes, base64 tokens, UPS, incident numbers, money, ZIP, durations.
    none("hash", "9b74c9897bac770ffc029102a200c5de");
    none(
        "sha256",
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
    );
    none(
        "token",
        "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.4111111111111111abc",
    );
    none("", "dGhpcyBpcyA0MTExMTExMTExMTExMTExIGEgdGVzdA==");
    none("data", "ab/4111111111111111+cd==");
    none("upsTracking", "1Z999AA10123456784");
    none("", "1Z999AA10123456784");
    none("ticket", "INC0012345");
    none("", "INC0012345");
    none("amount", "$1,234.56");
    none("", "$1,234.56");
    none("zip", "46204");
    none("", "46204");
    none("postalCode", "46204-1234");
    none("duration", "00:12:45");
    none("", "00:12:45");
    none("Queue.Name", "Billing Support EN");
}

#[test]
fn more_system_data() {
    none("ivr.Priority", "5");
    none("mac", "00:1A:2B:3C:4D:5E");
    none("edgeIp", "10.20.30.40");
    none("serverHost", "52.94.12.7");
    none(
        "url",
        "https://api.mypurecloud.com/api/v2/conversations/4111111111111111",
    );
    none("", "https://81.2.69.160/path");
    none("languageSkill", "en-US");
    none("utilization", "0.75");
    none("wrapUpCode", "Billing - 12345");
    none("", "Main>Billing>Payments, 3 attempts, 00:02:15 hold");
    none("attemptCount", "3");
    none("callbackScheduled", "2024-11-05T10:12:45Z");
    none("sessionExpires", "1730815407");
    none("tokenExpiresIn", "3600");
    none("expiresIn", "1200");
    none("", "Version 2024.11.05 released");
    none("", "room 101, floor 12");
    none("phone", "1730815407");
}

#[test]
fn default_phone_regions_decide_national_formats() {
    use crate::detect::config::DetectionConfig;
    use crate::detect::content::PhoneRegions;
    let us = ContentScanner::with_config(&DetectionConfig {
        phone_regions: PhoneRegions::parse("US").unwrap_or_else(|e| panic!("{e}")),
        ..DetectionConfig::default()
    });
    let scan_us = |key: &str, value: &str| {
        let mut out = KindSet::EMPTY;
        us.scan_value(key, value, &mut out);
        out.iter().map(PiiKind::as_str).collect::<Vec<_>>()
    };
    // 555 is not a NANP area code; in Mexico City, 55 5123 4567 is a number.
    assert!(scan_us("phone", "5551234567").is_empty());
    only("phone", "5551234567", "PHONE");
    assert!(scan_us("telefon", "089 12345678").is_empty());
    only("telefon", "089 12345678", "PHONE");
    // International numbers are read whatever the default regions.
    assert_eq!(scan_us("", "+49 89 12345678"), ["PHONE"]);
}

#[test]
fn credit_cards() {
    only("cardNumber", "4111111111111111", "CREDIT_CARD");
    only("cc_num", "4111-1111-1111-1111", "CREDIT_CARD");
    only("payment.card", "378282246310005", "CREDIT_CARD");
    only("customField3", "4111 1111 1111 1111", "CREDIT_CARD");
    only("", "3782 822463 10005", "CREDIT_CARD");
    only("", "my visa is 4111111111111111 thanks", "CREDIT_CARD");
    only("", "card number: 5555.5555.5555.4444", "CREDIT_CARD");
    none("cardNumber", "4111111111111112");
    none("", "4111111111111111"); // contiguous, no context
    none("cardNumber", "1234567812345678");
    none("invoiceNumber", "4111 1111 1111 1111");
    none("", "ticket 4111 1111 1111 1111");
}

#[test]
fn card_and_expiry_together() {
    let kinds = scan(
        "wrapUpNotes",
        "Customer paid with card 6011 1111 1111 1117, exp 12/27",
    );
    assert_eq!(kinds, vec!["CREDIT_CARD", "CARD_EXPIRY"]);
}

#[test]
fn ssn() {
    only("", "536-22-1234", "US_SSN");
    only("wrapUpNotes", "SSN 536 22 1234 verified", "US_SSN");
    only("ssn", "536221234", "US_SSN");
    only("customer_SSN", "536.22.1234", "US_SSN");
    only("", "my social security number is 536221234", "US_SSN");
    none("", "536221234");
    none("", "536 22 1234");
    none("ssn", "536-22 1234");
    none("ssn", "000-12-3456");
    none("ssn", "666-12-3456");
    none("ssn", "912-34-5678");
    none("ssn", "536-00-1234");
    none("ssn", "536-22-0000");
    none("ssn", "219-09-9999");
    none("ssn", "457-55-5462");
    none("ssn", "123-45-6789");
    none("", "123-45-6789");
    none("orderId", "536-22-1234");
}

#[test]
fn email() {
    only("email", "jane.doe@example.com", "EMAIL");
    only("", "Contact: JANE.DOE@EXAMPLE.CO.UK", "EMAIL");
    only("orderId", "jane@example.com", "EMAIL");
    none("", "sip:agent@org.mypurecloud.com");
    none("", "logo@2x.png");
    none("", "user@localhost");
}

#[test]
fn phones() {
    only("", "+1 212 555 0123", "PHONE");
    only("", "+12125550123", "PHONE");
    only("ani", "tel:+12125550123", "PHONE");
    only("", "(212) 555-0123", "PHONE");
    only("", "212.555.0123", "PHONE");
    only("", "1-800-555-0199", "PHONE");
    only("", "+44 20 7946 0958", "PHONE");
    only("", "+44 (0)20 7946 0958", "PHONE");
    only("", "020 7946 0958", "PHONE");
    only("", "07911 123456", "PHONE");
    only("", "+49 151 12345678", "PHONE");
    only("", "+33 6 12 34 56 78", "PHONE");
    only("callbackNumber", "2125550123", "PHONE");
    only("Call.Ani", "12125550123", "PHONE");
    only("mobile", "07911123456", "PHONE");
    only("", "please call me back at 2125550123", "PHONE");
    none("", "2125550123");
    none("", "+1 555 123 4567"); // area code 555 is not assigned
    none("", "(555) 123-4567");
    none("", "+999 1234 5678");
    none("", "07700 900123"); // Ofcom drama range
    none("orderNumber", "(212) 555-0123");
}

#[test]
fn iban() {
    only("", "GB82 WEST 1234 5698 7654 32", "IBAN");
    only("iban", "gb82west12345698765432", "IBAN");
    only(
        "wrapUpNotes",
        "refund to DE89 3704 0044 0532 0130 00 please",
        "IBAN",
    );
    none("", "GB82 WEST 1234 5698 7654 33");
    none("", "GB82WEST1234569876543");
}

#[test]
fn uk_nhs_needs_context() {
    only("nhsNumber", "943 476 5919", "UK_NHS");
    only("nhs_no", "9434765919", "UK_NHS");
    only("", "NHS number 943-476-5919", "UK_NHS");
    none("", "9434765919");
    none("nhsNumber", "943 476 5918");
    none("patientRef", "9434765919");
}

#[test]
fn ip_addresses() {
    only("clientIp", "81.2.69.160", "IP_ADDRESS");
    only("X-Forwarded-For", "81.2.69.160", "IP_ADDRESS");
    only(
        "",
        "Customer connected from 81.2.69.160 via VPN",
        "IP_ADDRESS",
    );
    only(
        "wrapUpNotes",
        "login from 2a00:1450:4009:81f::200e failed",
        "IP_ADDRESS",
    );
    only("ipv6", "2001:db8::1", "IP_ADDRESS");
    none("clientIp", "10.1.2.3");
    none("clientIp", "192.168.0.10");
    none("clientIp", "fe80::1");
    none("edgeServer", "81.2.69.160");
    none("sipTrunk", "81.2.69.160:5060");
}

#[test]
fn context_only_kinds() {
    only("dob", "01/02/1980", "DATE_OF_BIRTH");
    only("dateOfBirth", "1980-02-01", "DATE_OF_BIRTH");
    only("birth_date", "19800201", "DATE_OF_BIRTH");
    only("", "date of birth 01/02/1980", "DATE_OF_BIRTH");
    only("", "DOB: 2 January 1980", "DATE_OF_BIRTH");
    only("", "she was born on March 3rd, 1975", "DATE_OF_BIRTH");
    only("", "01/02/1980 is my date of birth", "DATE_OF_BIRTH");
    none("", "01/02/1980");
    none("createdDate", "1980-02-01");
    only("cvv", "123", "CVV");
    only("card.securityCode", "4321", "CVV");
    only("", "my cvv is 123", "CVV");
    none("", "123");
    none("cvv", "12");
    only("cardExpiry", "12/27", "CARD_EXPIRY");
    only("exp_date", "1227", "CARD_EXPIRY");
    only("", "expires 03/2028", "CARD_EXPIRY");
    only("", "valid thru 11/26", "CARD_EXPIRY");
    none("", "12/27");
    only("passportNumber", "C03005988", "PASSPORT");
    only("passport", "123456789", "PASSPORT");
    only("", "passport no. AB1234567", "PASSPORT");
    none("", "AB1234567");
    none("scriptId", "C03005988");
    only("accountNumber", "12345678", "BANK_ACCOUNT");
    only("bank_account", "0123 4567 8901", "BANK_ACCOUNT");
    only("", "sort code 20-00-00 account 12345678", "BANK_ACCOUNT");
    only("", "account number 000123456789", "BANK_ACCOUNT");
    none("", "12345678");
    none("accountId", "12345678");
}

#[test]
fn disabled_kinds_are_not_reported() {
    let scanner = ContentScanner::new([PiiKind::Email].into_iter().collect());
    let mut out = KindSet::EMPTY;
    scanner.scan_value("", "jane@example.com 4111 1111 1111 1111", &mut out);
    assert_eq!(out.iter().collect::<Vec<_>>(), vec![PiiKind::Email]);
    let scanner = ContentScanner::new(KindSet::EMPTY.union([PiiKind::Flag].into_iter().collect()));
    assert!(scanner.enabled().is_empty());
}

#[test]
fn scanner_is_send_and_sync() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<ContentScanner>();
}

#[test]
fn free_text_variety() {
    let k = |v: &str| scan("wrapUpNotes", v);
    assert_eq!(
        k("cust read back her amex 3782 822463 10005"),
        vec!["CREDIT_CARD"]
    );
    assert_eq!(
        k("Customer called from 07911 123456 about her bill"),
        vec!["PHONE"]
    );
    assert_eq!(
        k("callback requested to +1-212-555-0123 ext 44"),
        vec!["PHONE"]
    );
    assert_eq!(
        k("DOB confirmed as 3/14/1985; address updated"),
        vec!["DATE_OF_BIRTH"]
    );
    assert_eq!(
        k("Customer's birthday is 14th March 1985"),
        vec!["DATE_OF_BIRTH"]
    );
    assert_eq!(
        k("Card expires end of 09/27, cvc 321"),
        vec!["CVV", "CARD_EXPIRY"]
    );
    assert_eq!(
        k("ssn ending 6789, full ssn not collected"),
        Vec::<&str>::new()
    );
    assert_eq!(
        k("Refund via bank transfer, IBAN: de89 3704 0044 0532 0130 00"),
        vec!["IBAN"]
    );
    assert_eq!(
        k("Escalated ticket #4000123412341234, no PII"),
        Vec::<&str>::new()
    );
    assert_eq!(
        k("Agent on build 10.2.14.3 with 45 min handle time"),
        Vec::<&str>::new()
    );
    assert_eq!(
        k("paid $1,234.56 on 2024-11-05 at 10:12"),
        Vec::<&str>::new()
    );
    assert_eq!(
        k("Customer's passport number is 123456789"),
        vec!["PASSPORT"]
    );
    assert_eq!(
        k("Reached customer at (415) 555-2671 - left voicemail"),
        vec!["PHONE"]
    );
    assert_eq!(k("her mobile: +44 7911 123456"), vec!["PHONE"]);
    assert_eq!(
        k("IP logged 203.0.113.45 during web chat"),
        vec!["IP_ADDRESS"]
    );
    assert_eq!(
        k("Queue time 00:12:45, transfer to 5551234567 extension"),
        Vec::<&str>::new()
    );
    assert_eq!(k("Patient's NHS no. 943 476 5919"), vec!["UK_NHS"]);
    assert_eq!(
        k("Visa card 4111-1111-1111-1111 exp 12/26 security code 737"),
        vec!["CREDIT_CARD", "CVV", "CARD_EXPIRY"]
    );
    assert_eq!(
        k("Agent: What's the best number to reach you? Customer: 212 555 0123"),
        vec!["PHONE"]
    );
    assert_eq!(
        k("Customer: my date of birth is the 2nd of March 1975"),
        vec!["DATE_OF_BIRTH"]
    );
    assert_eq!(
        k("Tracking number 123456789012 via FedEx"),
        Vec::<&str>::new()
    );
    assert_eq!(k("zip 10001, phone 212 555 0123"), vec!["PHONE"]);
}

#[test]
fn dates_and_times_after_call_words_are_not_phones() {
    none("", "Callback scheduled for 2027-12-01 09:00.");
    none("", "Call transferred at 2026-11-30 14:30");
    none("wrapUpNotes", "Rückruf geplant für 01.12.2027 09:00");
    none("Queue.CallbackScheduledAt", "20271201090000");
    none("callbackTime", "2027-12-01 09:00");
    none("", "Llamada transferida a las 14:30 del 30/11/2026");
}

#[test]
fn national_phone_formats_under_phone_keys() {
    only("phone", "0412 345 678", "PHONE");
    only("telefon", "089 12345678", "PHONE");
    only("telefon", "089/12345678", "PHONE");
    only("telephone", "01 42 68 53 00", "PHONE");
    only("telefono", "55 8206 3657", "PHONE");
    only("teléfono", "55 8206 3657", "PHONE");
    only("telefone", "(11) 96123-4567", "PHONE");
    only(
        "wrapUpNotes",
        "Bitte unter 089 12345678 zurückrufen",
        "PHONE",
    );
    only("wrapUpNotes", "rappeler au 01.42.68.53.00 demain", "PHONE");
}

#[test]
fn card_expiry_grammars() {
    only("", "card expires Dec 2027", "CARD_EXPIRY");
    only("", "expiry is 2027-12", "CARD_EXPIRY");
    only("", "valid thru 07/2033, thanks", "CARD_EXPIRY");
    only("", "la tarjeta vence en diciembre de 2027", "CARD_EXPIRY");
    only("", "Karte gültig bis Dez. 2027", "CARD_EXPIRY");
    only("cardExpiry", "2027-12", "CARD_EXPIRY");
    none("", "released in Dec 2027");
}

#[test]
fn passports_of_many_countries() {
    only("passport", "C01X00T47", "PASSPORT");
    only("passeport", "12AB34567", "PASSPORT");
    only("pasaporte", "PAA123456", "PASSPORT");
    only("reisepass", "C4J9K7L2M", "PASSPORT");
    only("", "passport number X7Y8Z9Q2", "PASSPORT");
    only("", "numéro de passeport 12AB34567", "PASSPORT");
    none("", "C01X00T47");
    none("bookingRef", "12AB34567");
    none("", "passport renewal fee paid, ref AB12CD34");
}

#[test]
fn ssn_variants_and_turns() {
    only("social", "536 22 1234", "US_SSN");
    only("taxId", "536221234", "US_SSN");
    only("ivr.CollectedSSN", "536221234", "US_SSN");
    only(
        "transcript",
        "Agent: Can I have your social security number please? | Customer: Sure, it's 536 22 1234.",
        "US_SSN",
    );
    only(
        "notes",
        "Agent: and the last four... no, the full SSN please?\nCustomer: 536221234",
        "US_SSN",
    );
    none("social", "536 22 123");
}

#[test]
fn cards_in_free_text_without_the_word_card() {
    only(
        "wrapUpNotes",
        "Payment declined for 4539148803436467, customer will retry",
        "CREDIT_CARD",
    );
    only(
        "notes",
        "here are the digits 4539148803436467",
        "CREDIT_CARD",
    );
    only(
        "transcript",
        "agent reading back 4539 1488 0343 6467 is that right",
        "CREDIT_CARD",
    );
    none(
        "wrapUpNotes",
        "Order 4539148803436467 shipped to the customer",
    );
    none("wrapUpNotes", "tracking number 4539148803436467 via UPS");
    none("wrapUpNotes", "Bestellung 4539148803436467 versendet");
}

#[test]
fn ivr_and_other_languages_in_key_names() {
    only("ivr.CardNumber", "4539 1488 0343 6467", "CREDIT_CARD");
    only("ivr.CallerDOB", "1980-02-01", "DATE_OF_BIRTH");
    only("context.customerEmail", "jane@example.com", "EMAIL");
    only("Queue.CallbackNumber", "+1 212 555 0123", "PHONE");
    only("geburtsdatum", "14.03.1985", "DATE_OF_BIRTH");
    only("date_de_naissance", "14/03/1985", "DATE_OF_BIRTH");
    only("fechaNacimiento", "14 de marzo de 1985", "DATE_OF_BIRTH");
    only("codigo_seguridad", "123", "CVV");
    only("kontonummer", "1234567890", "BANK_ACCOUNT");
}

#[test]
fn dotted_pairs_are_french_phone_numbers_not_dates() {
    only("téléphone", "06.12.33.44.33", "PHONE");
    none("", "released 06.12.33.44.33");
    none("callbackAt", "06.12.2033 14:00");
}

#[test]
fn dotted_numbers_that_are_not_addresses() {
    only("telephone", "012.34.56.43", "PHONE");
    none("", "build 10.2.14.300 deployed");
    none("appVersion", "10.2.14.300");
}

#[test]
fn the_fast_first_check_sees_every_digit_colon_and_at() {
    for (i, b) in (0u8..=255).enumerate() {
        let mut v = vec![b'x'; 19];
        v[i % 19] = b;
        let expected = b.is_ascii_digit() || b == b':' || b == b'@';
        assert_eq!(super::has_digit_at_or_colon(&v), expected, "byte {b:#x}");
    }
}

#[test]
fn the_all_digits_check_is_exact() {
    assert!(super::all_digits(b"0123456789012345"));
    assert!(super::all_digits(b"1730815407123"));
    for (i, b) in (0u8..=255).enumerate() {
        let mut v = b"0123456789012345678".to_vec();
        v[i % 19] = b;
        assert_eq!(super::all_digits(&v), b.is_ascii_digit(), "byte {b:#x}");
    }
}

/// The PII kinds found in one transcript utterance said by `speaker`.
fn said(speaker: crate::detect::Speaker, text: &str) -> Vec<&'static str> {
    let mut out = KindSet::EMPTY;
    let input = crate::detect::Input {
        key: "transcript",
        text,
        speaker,
        previous: "",
    };
    ContentScanner::default().scan(&input, &mut out);
    out.iter()
        .filter(|k| !k.is_request())
        .map(PiiKind::as_str)
        .collect()
}

#[test]
fn security_codes_under_keys_without_a_security_word() {
    only("cardVerificationValue", "918", "CVV");
    only("payment.card_verification_value", "7302", "CVV");
    only("amexCid", "4410", "CVV");
    only("card_cid", "771", "CVV");
    // `CID` alone: three or four digits are the card's code; a caller id is a phone number and
    // a conversation id a UUID.
    only("CID", "5183", "CVV");
    only("ivr.cid", "604", "CVV");
    none("CID", "3f2b1c9e-8d7a-4e6f-9a1b-2c3d4e5f6a7b");
    only("CID", "+1 312 555 0147", "PHONE");
    none("CID", "88");
    none("CID", "4827193");
    none("campaignCid", "512");
}

#[test]
fn card_numbers_spoken_as_words_in_transcripts() {
    use crate::detect::Speaker::{Agent, Customer, Unknown};
    // 4539 1488 0343 6467, said digit by digit.
    let card =
        "four five three nine one four double eight zero three four three six four six seven";
    assert_eq!(
        said(Customer, &format!("yes so that's {card}")),
        ["CREDIT_CARD"]
    );
    assert_eq!(said(Customer, card), ["CREDIT_CARD"]);
    assert_eq!(
        said(Customer, "vale, cuatro cinco tres nueve uno cuatro ocho ocho cero tres cuatro tres seis cuatro seis siete"),
        ["CREDIT_CARD"]
    );
    // The same words with one digit changed fail Luhn: no card.
    assert!(said(
        Customer,
        "four five three nine one four double eight zero three four three six four six eight"
    )
    .is_empty());
    // An identifier word governs them.
    assert!(said(Customer, &format!("my order number is {card}")).is_empty());
    // An SSN spoken after the agent's question reads like the written one.
    assert_eq!(
        said(
            Customer,
            "my social is five three six, two two, one two three four"
        ),
        ["US_SSN"]
    );
    assert!(said(Agent, "press one two or three to continue").is_empty());
    // Outside transcripts words are words.
    assert!(said(Unknown, card).is_empty());
}

#[test]
fn card_digits_keyed_in_under_a_key_that_names_nothing() {
    only("ivr.CollectedDigits", "2223000048410010", "CREDIT_CARD");
    only("dtmfInput", "4539148803436467", "CREDIT_CARD");
    none("ivr.CollectedDigits", "2223000048410011");
    none("ivr.CollectedDigits", "1730815407123");
    none("orderNumber", "2223000048410010");
    none("", "2223000048410010");
}

#[test]
fn the_organisations_own_number_said_by_the_agent_is_not_pii() {
    use crate::detect::Speaker::{Agent, Customer};
    let ours = [
        "you can ring our number 0808 157 0192 any time",
        "nuestro número es 910 123 456 para cualquier duda",
    ];
    for text in ours {
        assert!(said(Agent, text).is_empty(), "{text}");
        // The same words from the customer: their household's number.
        assert_eq!(said(Customer, text), ["PHONE"], "{text}");
    }
    // The customer's household number is PII, and so is the customer's number read back.
    assert_eq!(said(Customer, "our number is 020 7946 0958"), ["PHONE"]);
    assert_eq!(
        said(Agent, "your number is 020 7946 0958, right?"),
        ["PHONE"]
    );
}

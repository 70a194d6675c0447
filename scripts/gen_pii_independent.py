#!/usr/bin/env python3
"""Writes tests/data/pii-independent.jsonl: a labelled set of contact-center records for the PII
detectors, written by a separate author from the product's description alone (PRODUCT.md section
2, the detection reference and the README's configuration table), without the rules or the other
corpora.

Each line is `{"id", "record", "expected": [{"kind", "field"}], "note"}`. `record` is what the
Lambda scans: a Genesys conversation record (participant attributes, wrap-up notes), the body of a
Genesys transcription event (`transcripts[].alternatives[].transcript`, channel EXTERNAL for the
customer, INTERNAL for the agent) or an Amazon Connect-style record. `expected` lists the PII a
careful reader would say each field holds; fields with none are traps (order and tracking numbers,
timestamps, amounts, UUIDs, versions, appointment dates, queue names, case numbers, Luhn-invalid
numbers, masked cards). Telephony keys (ani, dnis, address*) are never content-scanned and are
never labelled.

Python 3 standard library only; the seed is fixed so the file is reproducible:
    python3 scripts/gen_pii_independent.py
"""

import json
import random
import string
import uuid
from pathlib import Path

SEED = 20261201
RECORDS = 600
OUT = Path(__file__).resolve().parent.parent / "tests" / "data" / "pii-independent.jsonl"

R = random.Random(SEED)


# ---------------------------------------------------------------- validators and value makers


def luhn_check_digit(body: str) -> str:
    total = 0
    for i, ch in enumerate(reversed(body)):
        d = int(ch)
        if i % 2 == 0:
            d *= 2
            if d > 9:
                d -= 9
        total += d
    return str((10 - total % 10) % 10)


# (prefix choices, length, brand)
CARD_BRANDS = [
    (lambda: "4" + "".join(R.choice("0123456789") for _ in range(5)), 16, "visa"),
    (lambda: str(R.randint(51, 55)) + "".join(R.choice("0123456789") for _ in range(4)), 16, "mastercard"),
    (lambda: str(R.randint(2221, 2720)) + "".join(R.choice("0123456789") for _ in range(2)), 16, "mastercard2"),
    (lambda: R.choice(["34", "37"]) + "".join(R.choice("0123456789") for _ in range(4)), 15, "amex"),
    (lambda: R.choice(["6011", "65" + str(R.randint(10, 99)), str(R.randint(644, 649)) + "1"]) + "00", 16, "discover"),
    (lambda: str(R.randint(3528, 3589)) + "11", 16, "jcb"),
    (lambda: R.choice(["36", "38"]) + "".join(R.choice("0123456789") for _ in range(4)), 14, "diners"),
]


def card():
    """A Luhn-valid card number of a real brand range; returns (digits, brand)."""
    make, length, brand = CARD_BRANDS[R.randrange(len(CARD_BRANDS))]
    prefix = make()
    body = prefix + "".join(R.choice("0123456789") for _ in range(length - 1 - len(prefix)))
    return body + luhn_check_digit(body), brand


def card_format(digits: str, brand: str) -> str:
    style = R.choice(["plain", "spaces", "dashes", "spaces", "plain"])
    if style == "plain":
        return digits
    sep = " " if style == "spaces" else "-"
    if brand in ("amex", "diners"):
        groups = [digits[:4], digits[4:10], digits[10:]]
    else:
        groups = [digits[i : i + 4] for i in range(0, len(digits), 4)]
    return sep.join(groups)


def luhn_invalid_16(prefix="4"):
    body = prefix + "".join(R.choice("0123456789") for _ in range(15 - len(prefix)))
    good = luhn_check_digit(body)
    bad = str((int(good) + R.randint(1, 9)) % 10)
    return body + bad


def luhn_valid_order_number():
    """A 16-digit order number that happens to pass Luhn and starts like a Visa."""
    body = "4" + "".join(R.choice("0123456789") for _ in range(14))
    return body + luhn_check_digit(body)


FAMOUS_SAMPLE_SSNS = {"078051120", "219099999", "457555462", "123456789"}


def ssn():
    while True:
        area = R.randint(1, 899)
        group = R.randint(1, 99)
        serial = R.randint(1, 9999)
        parts = (f"{area:03d}", f"{group:02d}", f"{serial:04d}")
        if area == 666 or "".join(parts) in FAMOUS_SAMPLE_SSNS:
            continue
        return parts


def ssn_format(parts, style=None):
    style = style or R.choice(["dash", "dash", "dash", "space", "plain"])
    if style == "dash":
        return "-".join(parts)
    if style == "space":
        return " ".join(parts)
    return "".join(parts)


FIRST = ["maria", "john", "aisha", "li", "pierre", "sofia", "oliver", "kenji", "fatima", "lukas",
         "emma", "raj", "chloe", "diego", "ingrid", "tom", "amara", "noah", "zoe", "mateo"]
LAST = ["garcia", "smith", "khan", "wang", "dubois", "rossi", "brown", "tanaka", "haddad", "muller",
        "jones", "patel", "martin", "lopez", "larsen", "obrien", "okafor", "nguyen", "kowalski", "silva"]
DOMAINS = ["gmail.com", "yahoo.co.uk", "outlook.com", "hotmail.fr", "web.de", "icloud.com",
           "proton.me", "btinternet.com", "orange.fr", "comcast.net", "libero.it", "acme-corp.com",
           "mail.university.edu", "gmx.net", "bigpond.com.au"]


def email():
    f, l = R.choice(FIRST), R.choice(LAST)
    local = R.choice([f"{f}.{l}", f"{f}{l}{R.randint(1, 99)}", f"{f[0]}{l}", f"{f}_{l}",
                      f"{f}.{l}+orders", f"{l}.{f}{R.randint(70, 99)}"])
    if R.random() < 0.15:
        local = local.capitalize()
    return f"{local}@{R.choice(DOMAINS)}"


def digits(n):
    return "".join(R.choice("0123456789") for _ in range(n))


US_AREAS = ["212", "312", "415", "617", "713", "206", "305", "404", "512", "602", "702", "917", "646", "818"]


def phone():
    """A phone number in a national or international format of one of several countries."""
    country = R.choice(["us", "us", "uk", "uk", "de", "fr", "au", "in", "es", "nl", "br", "ca", "ie", "mx"])
    if country in ("us", "ca"):
        area = R.choice(US_AREAS) if country == "us" else R.choice(["416", "604", "514", "403"])
        exch = str(R.randint(2, 9)) + digits(2)
        line = digits(4)
        return R.choice([f"({area}) {exch}-{line}", f"{area}-{exch}-{line}", f"+1 {area} {exch} {line}",
                         f"{area}.{exch}.{line}", f"+1{area}{exch}{line}", f"1-{area}-{exch}-{line}"])
    if country == "uk":
        mob = "7" + R.choice(["700", "911", "825", "412", "534"]) + digits(6)
        land = R.choice(["20", "161", "113", "131"])
        return R.choice([f"0{mob[:4]} {mob[4:]}", f"+44 {mob[:4]} {mob[4:]}", f"+44{mob}",
                         f"0{land} {digits(4 if land == '20' else 3)} {digits(4)}", f"(0{land}) {digits(3)} {digits(4)}"])
    if country == "de":
        return R.choice([f"+49 30 {digits(8)}", f"0151 {digits(8)}", f"+49 (0)89 {digits(7)}", f"0171-{digits(7)}"])
    if country == "fr":
        m = "6" + digits(8)
        return R.choice([f"0{m[0]} {m[1:3]} {m[3:5]} {m[5:7]} {m[7:9]}", f"+33 {m[0]} {m[1:3]} {m[3:5]} {m[5:7]} {m[7:9]}",
                         f"0{m[0]}.{m[1:3]}.{m[3:5]}.{m[5:7]}.{m[7:9]}"])
    if country == "au":
        return R.choice([f"04{digits(2)} {digits(3)} {digits(3)}", f"+61 4{digits(2)} {digits(3)} {digits(3)}",
                         f"(02) {digits(4)} {digits(4)}"])
    if country == "in":
        return R.choice([f"+91 9{digits(4)} {digits(5)}", f"+91-8{digits(9)}", f"09{digits(9)}"])
    if country == "es":
        return R.choice([f"+34 6{digits(2)} {digits(3)} {digits(3)}", f"6{digits(2)} {digits(2)} {digits(2)} {digits(2)}"])
    if country == "nl":
        return R.choice([f"+31 6 {digits(8)}", f"06-{digits(8)}"])
    if country == "br":
        return R.choice([f"+55 11 9{digits(4)}-{digits(4)}", f"(11) 9{digits(4)}-{digits(4)}"])
    if country == "ie":
        return R.choice([f"+353 87 {digits(3)} {digits(4)}", f"087 {digits(3)} {digits(4)}"])
    return R.choice([f"+52 55 {digits(4)} {digits(4)}", f"+52 1 55 {digits(4)} {digits(4)}"])


IBAN_BBAN = {
    "DE": lambda: digits(18),
    "GB": lambda: R.choice(["NWBK", "BARC", "LOYD", "HBUK", "MIDL"]) + digits(14),
    "FR": lambda: digits(10) + "".join(R.choice(string.ascii_uppercase + string.digits) for _ in range(11)) + digits(2),
    "ES": lambda: digits(20),
    "NL": lambda: R.choice(["ABNA", "INGB", "RABO", "TRIO"]) + digits(10),
    "IT": lambda: R.choice(string.ascii_uppercase) + digits(10) + "".join(R.choice(string.digits) for _ in range(12)),
    "BE": lambda: digits(12),
    "IE": lambda: R.choice(["AIBK", "BOFI"]) + digits(14),
    "CH": lambda: digits(5) + "".join(R.choice(string.digits) for _ in range(12)),
    "PL": lambda: digits(24),
    "AT": lambda: digits(16),
    "PT": lambda: digits(21),
}


def iban_check(country, bban):
    rearranged = bban + country + "00"
    numeric = "".join(str(int(c, 36)) for c in rearranged)
    return f"{98 - int(numeric) % 97:02d}"


def iban():
    country = R.choice(list(IBAN_BBAN))
    bban = IBAN_BBAN[country]()
    code = country + iban_check(country, bban) + bban
    if R.random() < 0.55:
        return " ".join(code[i : i + 4] for i in range(0, len(code), 4))
    return code


def nhs():
    while True:
        body = [R.randint(0, 9) for _ in range(9)]
        body[0] = R.randint(4, 7)
        s = sum(d * w for d, w in zip(body, range(10, 1, -1)))
        check = 11 - s % 11
        if check == 11:
            check = 0
        if check == 10:
            continue
        n = "".join(map(str, body)) + str(check)
        return R.choice([f"{n[:3]} {n[3:6]} {n[6:]}", f"{n[:3]}-{n[3:6]}-{n[6:]}", n, f"{n[:3]} {n[3:6]} {n[6:]}"])


def public_ipv4():
    first = R.choice([81, 86, 92, 109, 151, 176, 188, 203, 24, 68, 73, 98, 174, 2, 5, 37])
    return f"{first}.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"


def ipv6():
    return "2a02:" + ":".join(f"{R.randint(0, 0xFFFF):x}" for _ in range(3)) + "::" + f"{R.randint(1, 0xFFFF):x}"


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September",
          "October", "November", "December"]


def birth_date():
    y, m, d = R.randint(1938, 2005), R.randint(1, 12), R.randint(1, 28)
    return R.choice([
        f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{m:02d}/{d:02d}/{y}", f"{d:02d}.{m:02d}.{y}",
        f"{MONTHS[m - 1]} {d}, {y}", f"{d} {MONTHS[m - 1][:3]} {y}", f"{y}{m:02d}{d:02d}", f"{m}/{d}/{y % 100:02d}",
    ])


def future_date():
    y, m, d = R.randint(2026, 2027), R.randint(1, 12), R.randint(1, 28)
    return R.choice([f"{y}-{m:02d}-{d:02d}", f"{d:02d}/{m:02d}/{y}", f"{MONTHS[m - 1]} {d}, {y}",
                     f"{y}-{m:02d}-{d:02d}T{R.randint(8, 17):02d}:{R.choice(['00', '15', '30', '45'])}:00Z"])


def passport():
    return R.choice([
        digits(9),  # US / UK
        R.choice("CFGHJK") + "".join(R.choice("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),  # DE
        digits(2) + "".join(R.choice(string.ascii_uppercase) for _ in range(2)) + digits(5),  # FR
        R.choice("ABJKLMNPRSTUVWZ") + digits(7),  # IN
        R.choice(["PA", "PE", "AA"]) + digits(7),  # AU/ES style
    ])


def bank_account():
    return R.choice([digits(8), digits(10), digits(12), digits(4) + "-" + digits(6), digits(9)])


def expiry():
    m, y = R.randint(1, 12), R.randint(26, 32)
    return R.choice([f"{m:02d}/{y}", f"{m:02d}/20{y}", f"{m:02d}{y}", f"20{y}-{m:02d}", f"{m:02d}-{y}"])


def cvv(amex=False):
    return digits(4) if amex else digits(3)


def guid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def epoch_s():
    return str(R.randint(1_750_000_000, 1_800_000_000))


def epoch_ms():
    return str(R.randint(1_750_000_000_000, 1_800_000_000_000))


def iso_ts():
    return (f"2026-{R.randint(1, 12):02d}-{R.randint(1, 28):02d}T{R.randint(0, 23):02d}:"
            f"{R.randint(0, 59):02d}:{R.randint(0, 59):02d}.{R.randint(0, 999):03d}Z")


# ---------------------------------------------------------------- labelled attribute fields

# Each maker returns (key, value, kinds). Keys vary in case style and language.

def pii_field():
    kind = R.choice(["CREDIT_CARD", "CREDIT_CARD", "US_SSN", "EMAIL", "EMAIL", "PHONE", "PHONE", "PHONE",
                     "IBAN", "UK_NHS", "IP_ADDRESS", "DATE_OF_BIRTH", "DATE_OF_BIRTH", "PASSPORT",
                     "BANK_ACCOUNT", "CVV", "CARD_EXPIRY"])
    if kind == "CREDIT_CARD":
        d, b = card()
        key = R.choice(["cardNumber", "card_number", "CardNumber", "ccNumber", "creditCard", "PAN",
                        "paymentCard", "ivr.CollectedDigits", "ivr.cardDigits", "numeroTarjeta",
                        "Kartennummer", "numero_carte", "Payment.CardNo", "debitCardNumber"])
        return key, card_format(d, b), [kind]
    if kind == "US_SSN":
        key = R.choice(["ssn", "SSN", "socialSecurityNumber", "customer_ssn", "SocialSecurityNo",
                        "ivr.ssnEntered", "taxId_SSN", "memberSSN"])
        style = "plain" if R.random() < 0.25 else None
        return key, ssn_format(ssn(), style), [kind]
    if kind == "EMAIL":
        key = R.choice(["email", "customerEmail", "email_address", "EmailAddress", "correo", "courriel",
                        "contactEmail", "Customer.Email", "notifyAddressEmail", "eMail"])
        return key, email(), [kind]
    if kind == "PHONE":
        key = R.choice(["callbackNumber", "callback_phone", "mobileNumber", "MobilePhone", "contactPhone",
                        "alternatePhone", "telefono", "Telefonnummer", "numero_portable", "homePhone",
                        "Customer.Phone", "smsNumber"])
        return key, phone(), [kind]
    if kind == "IBAN":
        key = R.choice(["iban", "IBAN", "refundIban", "bankIban", "customer_iban", "Kontonummer_IBAN",
                        "payoutAccount", "sepaMandateAccount"])
        return key, iban(), [kind]
    if kind == "UK_NHS":
        key = R.choice(["nhsNumber", "NHSNumber", "nhs_no", "patientNhsNumber", "NHS_Number"])
        return key, nhs(), [kind]
    if kind == "IP_ADDRESS":
        key = R.choice(["customerIp", "clientIpAddress", "webchat.visitorIp", "remote_ip", "LoginIP",
                        "deviceIpAddress"])
        return key, public_ipv4() if R.random() < 0.8 else ipv6(), [kind]
    if kind == "DATE_OF_BIRTH":
        key = R.choice(["dob", "DOB", "dateOfBirth", "date_of_birth", "birthDate", "BirthDate",
                        "fecha_nacimiento", "geburtsdatum", "ivr.dobEntered", "Customer.DOB", "patientDob"])
        return key, birth_date(), [kind]
    if kind == "PASSPORT":
        key = R.choice(["passportNumber", "passport_no", "PassportNo", "travelDocumentNumber",
                        "numero_passeport", "passport"])
        return key, passport(), [kind]
    if kind == "BANK_ACCOUNT":
        key = R.choice(["accountNumber", "bankAccountNumber", "bank_account", "BankAcctNo", "acctNumber",
                        "checkingAccount", "debitAccountNo", "ivr.bankAccount"])
        return key, bank_account(), [kind]
    if kind == "CVV":
        key = R.choice(["cvv", "CVV", "cvc", "cvv2", "securityCode", "card_security_code", "CID",
                        "ivr.cvvEntered", "cardVerificationValue"])
        return key, cvv(R.random() < 0.15), [kind]
    key = R.choice(["expiryDate", "cardExpiry", "exp_date", "ExpirationDate", "cardExp", "ccExpiry",
                    "ivr.expiryEntered", "card_expiration", "fechaCaducidad"])
    return key, expiry(), [kind]


def trap_field():
    """A field that looks like PII to a careless regex and holds none."""
    kind = R.randrange(24)
    if kind == 0:
        return R.choice(["orderNumber", "order_id", "OrderRef"]), luhn_valid_order_number(), []
    if kind == 1:
        return R.choice(["trackingNumber", "shipmentTracking", "tracking_no"]), R.choice([
            "1Z" + "".join(R.choice(string.ascii_uppercase + string.digits) for _ in range(16)),
            digits(12), "9400" + digits(18), digits(22)]), []
    if kind == 2:
        return R.choice(["lastUpdated", "eventTime", "ivrEntryTimestamp", "created_at"]), R.choice(
            [iso_ts(), epoch_s(), epoch_ms()]), []
    if kind == 3:
        return R.choice(["invoiceAmount", "balanceDue", "amount_paid", "RefundAmount"]), R.choice([
            f"${R.randint(1, 9)},{digits(3)}.{digits(2)}", f"{R.randint(10, 9999)}.{digits(2)}",
            f"€{R.randint(10, 999)},{digits(2)}", f"GBP {R.randint(1, 500)}.{digits(2)}"]), []
    if kind == 4:
        return R.choice(["loyaltyNumber", "membershipId", "giftCardRef", "rewardsId"]), luhn_invalid_16(
            R.choice(["4", "5", "6"])), []
    if kind == 5:
        return R.choice(["crmRecordId", "interactionGuid", "correlation_id", "SalesforceCaseGuid",
                         "journeyId"]), guid(), []
    if kind == 6:
        return R.choice(["clientVersion", "appVersion", "sdk_version", "FirmwareBuild"]), R.choice([
            f"{R.randint(1, 12)}.{R.randint(0, 20)}.{R.randint(0, 40)}.{R.randint(0, 300)}",
            f"{R.randint(1, 5)}.{R.randint(0, 9)}.{R.randint(0, 99)}"]), []
    if kind == 7:
        return R.choice(["appointmentDate", "callbackTime", "scheduledCallback", "deliveryDate",
                         "policyStartDate", "lastPaymentDate", "fecha_cita"]), future_date(), []
    if kind == 8:
        return R.choice(["queueName", "targetQueue", "Queue.Name", "skillGroup"]), R.choice([
            "Billing - Card Services", "Payments_EN_Tier2", "NHS Enquiries", "Passport Renewals",
            "Fraud / Lost & Stolen Cards", "SSN Verification Team", "Email Support", "Retention-UK"]), []
    if kind == 9:
        return R.choice(["caseNumber", "ticketId", "incident", "case_ref", "ServiceRequest"]), R.choice([
            f"CS-{digits(7)}", f"INC{digits(7)}", f"{digits(8)}", f"SR-{R.randint(2024, 2026)}-{digits(6)}",
            f"CAS-{digits(5)}-{''.join(R.choice('BCDFGHJKLMNPQRSTVWXZ') for _ in range(4))}"]), []
    if kind == 10:
        return R.choice(["ivr.menuPath", "ivr.MenuSelections", "ivr_path"]), R.choice([
            "1>3>2", "main/billing/2/9", "1,2,9", "MAIN_MENU>PAYMENTS>CARD>CONFIRM"]), []
    if kind == 11:
        return R.choice(["cardLast4", "maskedPan", "card_mask", "CardEnding"]), R.choice([
            digits(4), "************" + digits(4), f"{digits(6)}******{digits(4)}", "XXXX-XXXX-XXXX-" + digits(4)]), []
    if kind == 12:
        return R.choice(["postalCode", "zip", "ZipCode"]), R.choice([digits(5), f"{digits(5)}-{digits(4)}",
                                                                       "SW1A 1AA", "M1 1AE", "75008"]), []
    if kind == 13:
        return R.choice(["customerName", "firstName", "Customer.LastName", "agentAlias"]), R.choice(
            FIRST).capitalize() + " " + R.choice(LAST).capitalize(), []
    if kind == 14:
        return R.choice(["language", "Locale", "preferredLanguage"]), R.choice(["en-US", "fr-FR", "es-MX", "de-DE"]), []
    if kind == 15:
        return R.choice(["mediaServer", "sipProxyHost", "edgeHost"]), R.choice([
            f"10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}",
            f"sip:+1800{digits(7)}@10.{R.randint(0, 255)}.{R.randint(0, 255)}.{R.randint(1, 254)}"]), []
    if kind == 16:
        return R.choice(["productSku", "partNumber", "modelNo"]), R.choice([
            f"SKU-{digits(6)}", f"{digits(3)}-{digits(2)}-{digits(4)}-X", f"ABC{digits(9)}"]), []
    if kind == 17:
        return R.choice(["callDurationSec", "holdSeconds", "queuePosition", "retryCount"]), str(R.randint(0, 3600)), []
    if kind == 18:
        return R.choice(["invoiceNumber", "invoice_no", "billRef"]), R.choice([
            f"INV-{digits(8)}", digits(10), f"{R.randint(2024, 2026)}/{digits(6)}"]), []
    if kind == 19:
        return R.choice(["routingNumber", "sortCode", "swiftBic"]), R.choice([
            "021000021", "026009593", f"{digits(2)}-{digits(2)}-{digits(2)}", "DEUTDEFF", "NWBKGB2L"]), []
    if kind == 20:
        return R.choice(["policyNumber", "contractNo", "claimNumber"]), R.choice([
            f"POL{digits(9)}", f"{digits(3)}-{digits(7)}", f"CLM-{digits(6)}-{digits(2)}"]), []
    if kind == 21:
        return R.choice(["verified", "authStatus", "idvResult"]), R.choice(["true", "PASSED", "failed_dob", "KBA_OK"]), []
    if kind == 22:
        return R.choice(["webUrl", "lastPageVisited", "referrer"]), R.choice([
            "https://www.example-shop.com/checkout/payment", "https://help.example.org/faq?id=1234",
            "/account/cards/update"]), []
    return R.choice(["otpSent", "verificationCodeLength", "pinAttempts"]), str(R.randint(1, 6)), []


TELEPHONY = ["ani", "dnis", "addressFrom", "addressTo", "callerId", "remote"]


def telephony_field():
    key = R.choice(TELEPHONY)
    value = R.choice([f"tel:+1{R.choice(US_AREAS)}{R.randint(2, 9)}{digits(6)}", f"+44{digits(10)}",
                      f"sip:+1800{digits(7)}@trunk.example.com"])
    return key, value


# ---------------------------------------------------------------- free text (notes, transcripts)


def customer_utterance():
    """A customer sentence; returns (text, kinds)."""
    k = R.randrange(22)
    if k == 0:
        d, b = card()
        return R.choice(["sure my card number is {}", "it's {}", "the long number is {} ok",
                         "card {} is the one I used"]).format(card_format(d, b)), ["CREDIT_CARD"]
    if k == 1:
        d, b = card()
        return f"number is {card_format(d, b)} expiry {expiry()}", ["CREDIT_CARD", "CARD_EXPIRY"]
    if k == 2:
        return R.choice(["the security code on the back is {}", "CVV is {}", "the three digits are {}",
                         "security number {}"]).format(cvv()), ["CVV"]
    if k == 3:
        return R.choice(["it expires {}", "expiry date {}", "valid until {}"]).format(expiry()), ["CARD_EXPIRY"]
    if k == 4:
        return R.choice(["my social is {}", "social security number {}", "my SSN is {}"]).format(
            ssn_format(ssn(), "dash" if R.random() < 0.6 else "space")), ["US_SSN"]
    if k == 5:
        return R.choice(["you can email me at {}", "my email is {}", "send it to {} please"]).format(email()), ["EMAIL"]
    if k == 6:
        return R.choice(["call me back on {}", "my mobile is {}", "best number is {}",
                         "you can reach me at {} after five"]).format(phone()), ["PHONE"]
    if k == 7:
        return R.choice(["my date of birth is {}", "born on {}", "DOB {}", "birthday is {}"]).format(
            birth_date()), ["DATE_OF_BIRTH"]
    if k == 8:
        return R.choice(["my NHS number is {}", "NHS number {}", "nhs no {}"]).format(nhs()), ["UK_NHS"]
    if k == 9:
        return R.choice(["the IBAN is {}", "pay it into {}", "my IBAN {}"]).format(iban()), ["IBAN"]
    if k == 10:
        return R.choice(["account number {} sort code 20-{}-{}", "my account number is {}",
                         "bank account {}"]).format(digits(8), digits(2), digits(2)), ["BANK_ACCOUNT"]
    if k == 11:
        return R.choice(["passport number {}", "my passport is {}"]).format(passport()), ["PASSPORT"]
    # traps
    if k == 12:
        return R.choice(["my order number is {}", "order {} never arrived", "reference {} on the email"]).format(
            luhn_valid_order_number()), []
    if k == 13:
        return R.choice(["can we do the appointment on {}", "I was told delivery on {}",
                         "the payment went out on {}"]).format(future_date()), []
    if k == 14:
        return R.choice(["the tracking number is {}", "ticket {} please", "case number {}"]).format(
            R.choice(["1Z" + digits(16), digits(12), f"INC{digits(7)}", digits(8)])), []
    if k == 15:
        return R.choice(["I was charged {} twice", "the bill says {}", "it was {} dollars"]).format(
            R.choice([f"${R.randint(10, 999)}.{digits(2)}", f"{R.randint(100, 2000)}"])), []
    if k == 16:
        return R.choice(["yeah it ends in {}", "the card ending {}", "last four {}"]).format(digits(4)), []
    if k == 17:
        return R.choice(["hi I'm calling about my bill", "no that's fine thank you", "can you hold on a second",
                         "I already gave that to the other agent", "my name is Maria Lopez", "is it version 3.2.1 of the app",
                         "I've been a customer since 2009", "I'm on flight BA 117 at 14:30"]), []
    if k == 18:
        d, _ = card()
        spoken = " ".join({"0": "zero", "1": "one", "2": "two", "3": "three", "4": "four", "5": "five",
                           "6": "six", "7": "seven", "8": "eight", "9": "nine"}[c] for c in d)
        return f"it's {spoken}", ["CREDIT_CARD"]
    if k == 19:
        return f"my email is {email()} and my number is {phone()}", ["EMAIL", "PHONE"]
    if k == 20:
        return f"the receipt number was {luhn_invalid_16(R.choice(['4', '5']))} I think", []
    return R.choice(["my postcode is SW1A 2AA", "zip is 10001", "I live at 42 Elm Street"]), []


def agent_utterance():
    k = R.randrange(8)
    if k == 0:
        return f"just to confirm, that's {email()}, right?", ["EMAIL"]
    if k == 1:
        return f"I'll call you back on {phone()} tomorrow", ["PHONE"]
    if k == 2:
        return "can I take the long number on the front of your card please", []
    if k == 3:
        return f"your case number is CS-{digits(7)}, please keep it", []
    if k == 4:
        return f"thanks, your refund of ${R.randint(10, 500)}.{digits(2)} will arrive by {future_date()}", []
    if k == 5:
        return "I'm going to pause the recording while you read out the card details", []
    if k == 6:
        return f"our number is 0800 {digits(3)} {digits(4)} if you need us", []
    return "and the date of birth on the account?", []


def wrap_up_notes():
    """Agent's free-text notes; returns (text, kinds)."""
    parts, kinds = [], set()
    for _ in range(R.randint(1, 3)):
        k = R.randrange(14)
        if k == 0:
            parts.append(f"Cust verified DOB {birth_date()}"); kinds.add("DATE_OF_BIRTH")
        elif k == 1:
            parts.append(f"updated email to {email()}"); kinds.add("EMAIL")
        elif k == 2:
            parts.append(f"callback req on {phone()}"); kinds.add("PHONE")
        elif k == 3:
            d, b = card()
            parts.append(f"cust read card no {card_format(d, b)} aloud before pause"); kinds.add("CREDIT_CARD")
        elif k == 4:
            parts.append(f"refund to IBAN {iban()}"); kinds.add("IBAN")
        elif k == 5:
            parts.append(f"SSN on file {ssn_format(ssn(), 'dash')} confirmed"); kinds.add("US_SSN")
        elif k == 6:
            parts.append(f"NHS no {nhs()} checked against record"); kinds.add("UK_NHS")
        elif k == 7:
            parts.append(f"order {luhn_valid_order_number()} reshipped")
        elif k == 8:
            parts.append(f"appt moved to {future_date()}")
        elif k == 9:
            parts.append(f"escalated INC{digits(7)}, tier 2")
        elif k == 10:
            parts.append(f"balance ${R.randint(10, 999)}.{digits(2)} paid")
        elif k == 11:
            parts.append("no PII taken, cust will call back")
        elif k == 12:
            parts.append(f"tracking 1Z{digits(16)} given")
        else:
            parts.append(f"card ending {digits(4)} blocked, new card sent")
    return "; ".join(parts), sorted(kinds)


# ---------------------------------------------------------------- records


def attrs_block(n_fields):
    """Participant attributes with a mix of PII, traps and telephony keys; returns (attrs, labels)."""
    attrs, labels = {}, {}
    for _ in range(n_fields):
        roll = R.random()
        if roll < 0.5:
            key, value, kinds = pii_field()
        elif roll < 0.92:
            key, value, kinds = trap_field()
        else:
            key, value = telephony_field()
            kinds = []
        if key in attrs:
            continue
        attrs[key] = value
        labels[key] = kinds
    # Allow-listed system keys that are always there.
    attrs.setdefault("scriptId", guid())
    return attrs, labels


def genesys_record():
    conv = guid()
    record = {"conversationId": conv, "mediaType": R.choice(["call", "call", "callback", "chat"]),
              "divisions": [guid()], "participants": []}
    expected, notes = [], []
    n_part = R.choice([1, 1, 2])
    for p in range(n_part):
        purpose = "customer" if p == 0 else R.choice(["ivr", "acd", "agent"])
        attrs, labels = attrs_block(R.randint(1, 4))
        record["participants"].append({"participantId": guid(), "purpose": purpose, "attributes": attrs})
        for key, kinds in labels.items():
            for kind in kinds:
                expected.append({"kind": kind, "field": f"participants[{p}].attributes.{key}"})
            notes.append(f"{key}:{'+'.join(kinds) or 'none'}")
    if R.random() < 0.35:
        text, kinds = wrap_up_notes()
        record["wrapUpNotes"] = text
        for kind in kinds:
            expected.append({"kind": kind, "field": "wrapUpNotes"})
        notes.append(f"wrapUpNotes:{'+'.join(kinds) or 'none'}")
    return record, expected, "genesys record; " + ", ".join(notes)


def connect_record():
    record = {"conversationId": guid(), "platform": "connect",
              "instanceId": guid(), "participants": []}
    attrs, labels = attrs_block(R.randint(1, 4))
    record["participants"].append({"attributes": attrs})
    expected, notes = [], []
    for key, kinds in labels.items():
        for kind in kinds:
            expected.append({"kind": kind, "field": f"participants[0].attributes.{key}"})
        notes.append(f"{key}:{'+'.join(kinds) or 'none'}")
    return record, expected, "connect record; " + ", ".join(notes)


def transcription_record():
    body = {"conversationId": guid(), "communicationId": guid(),
            "sessionStartTimeMs": int(epoch_ms()), "transcripts": []}
    expected, notes = [], []
    for t in range(R.choice([1, 1, 2])):
        external = R.random() < 0.75
        text, kinds = customer_utterance() if external else agent_utterance()
        body["transcripts"].append({
            "utteranceId": guid(), "isFinal": True, "channel": "EXTERNAL" if external else "INTERNAL",
            "alternatives": [{"confidence": round(R.uniform(0.6, 0.99), 2), "offsetMs": R.randint(0, 900000),
                              "durationMs": R.randint(800, 9000), "transcript": text}],
            "engineProvider": "GENESYS", "dialect": R.choice(["en-US", "en-GB", "en-AU"])})
        for kind in kinds:
            expected.append({"kind": kind, "field": f"transcripts[{t}].alternatives[0].transcript"})
        notes.append(f"{'customer' if external else 'agent'}:{'+'.join(kinds) or 'none'}")
    return body, expected, "transcription; " + ", ".join(notes)


def main():
    lines = []
    for i in range(1, RECORDS + 1):
        roll = R.random()
        if roll < 0.45:
            record, expected, note = genesys_record()
        elif roll < 0.65:
            record, expected, note = connect_record()
        else:
            record, expected, note = transcription_record()
        lines.append(json.dumps({"id": f"px-{i:04d}", "record": record, "expected": expected, "note": note},
                                ensure_ascii=False))
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {len(lines)} records to {OUT}")


if __name__ == "__main__":
    main()

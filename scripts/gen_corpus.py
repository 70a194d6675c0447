#!/usr/bin/env python3
"""Generate a labelled corpus of Genesys Cloud conversation metadata for the detection test.

Writes JSON Lines to stdout (or --out), one conversation record per line:

    {"conversationId": uuid, "mediaType": "call", "participants": [{"participantId": ...,
     "purpose": "customer"|"agent"|"ivr"|"acd", "attributes": {k: v}}], "wrapUpNotes": "...",
     "labels": {"pii": {"<field path>": [kinds]}, "text": [paths], "opaque": [paths], "traps": [paths]}}

Every scanned field is every attribute plus wrapUpNotes. `pii` gives the ground-truth kinds of a
field; a field not listed there has none. Each field has a class: "text" = free text (notes,
comments, transcript snippets); "opaque" = a structured value under a generic key
(customField3); otherwise "keyed" = a structured value under a key that names what it is, or a
system key. `traps` lists system fields whose values look like PII (UUIDs, timestamps, epochs,
SIP URIs, versions, Luhn-valid order numbers, tracking numbers, hashes, ...).

Ground truth comes from how a value was generated, checked with independent libraries
(python-stdnum for SSN/IBAN/Luhn/NHS, phonenumbers for phone validity). Policies the truth
follows (documented in the engine): private/loopback/link-local/CGNAT/multicast IPs are not
customer PII; sort codes count as BANK_ACCOUNT; masked values (****1111) are not PII.

Reproducible: same --seed and same library versions -> same bytes.
"""
import argparse
import datetime
import ipaddress
import json
import random
import sys
import uuid

import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberFormat
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.gb import nhs as std_nhs
from stdnum.us import ssn as std_ssn

R = random.Random()
F = Faker("en_US")
F_GB = Faker("en_GB")
F_EU = {loc: Faker(loc) for loc in ("de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT", "en_IE")}


def seed_all(seed):
    R.seed(seed)
    Faker.seed(seed)
    for i, f in enumerate([F, F_GB, *F_EU.values()]):
        f.seed_instance(seed + i)


def pick(xs):
    return xs[R.randrange(len(xs))]


def chance(p):
    return R.random() < p


# Fixed reference instant so the output never depends on the day it is generated.
NOW = datetime.datetime(2026, 11, 1, 12, 0, 0)


def some_datetime(days_back):
    return NOW - datetime.timedelta(seconds=R.randrange(days_back * 86400))


def birth_date(min_age=18, max_age=95):
    return (NOW - datetime.timedelta(days=R.randint(min_age * 365, max_age * 365))).date()


def new_uuid():
    return str(uuid.UUID(int=R.getrandbits(128), version=4))


def case_variant(s):
    r = R.random()
    if r < 0.08:
        return s.upper()
    if r < 0.16:
        return s.lower()
    return s


# ---------------------------------------------------------------- PII value generators

def card_number():
    kind = pick(["visa16", "visa16", "visa16", "mastercard", "mastercard", "amex", "discover",
                 "diners", "jcb16", "visa13", "visa19", "maestro", "mc2"])
    if kind == "jcb16":
        # Faker's JCB prefix "35" includes 3500-3527, which are not JCB (3528-3589).
        prefix = str(R.randint(3528, 3589))
        body = prefix + "".join(str(R.randrange(10)) for _ in range(15 - len(prefix)))
        return body + std_luhn.calc_check_digit(body)
    if kind == "mc2":
        prefix = str(R.randint(2221, 2720))
        body = prefix + "".join(str(R.randrange(10)) for _ in range(15 - len(prefix)))
        return body + std_luhn.calc_check_digit(body)
    return F.credit_card_number(card_type=kind)


def format_card(n, style):
    if style == "plain":
        return n
    sep = {"space": " ", "dash": "-"}[style]
    if len(n) == 15 and n[:2] in ("34", "37"):
        return sep.join([n[:4], n[4:10], n[10:]])
    if len(n) == 14:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, len(n), 4))


def ssn_value():
    while True:
        s = F.ssn()
        d = s.replace("-", "")
        if std_ssn.is_valid(d) and d != "123456789":
            return d


def format_ssn(d, style):
    return {"dash": f"{d[:3]}-{d[3:5]}-{d[5:]}", "space": f"{d[:3]} {d[3:5]} {d[5:]}",
            "dot": f"{d[:3]}.{d[3:5]}.{d[5:]}", "plain": d}[style]


def email_value():
    e = pick([F.email, F.free_email, F.company_email, F_GB.email])()
    if chance(0.15):
        local, dom = e.split("@")
        e = f"{local}+{pick(['billing', 'support', 'x'])}@{dom}"
    return case_variant(e) if chance(0.3) else e


def valid_number(region):
    if region == "US":
        while True:
            nsn = str(R.randint(2, 9)) + "".join(str(R.randrange(10)) for _ in range(9))
            n = phonenumbers.PhoneNumber(country_code=1, national_number=int(nsn))
            if phonenumbers.is_valid_number(n) and phonenumbers.region_code_for_number(n) in ("US", "CA"):
                return n
    if region == "GB":
        while True:
            nsn = pick(["1", "2", "7", "7", "3", "8"]) + "".join(str(R.randrange(10)) for _ in range(9))
            n = phonenumbers.PhoneNumber(country_code=44, national_number=int(nsn))
            if phonenumbers.is_valid_number(n) and phonenumbers.region_code_for_number(n) == "GB":
                return n
    example = phonenumbers.example_number_for_type(region, pick([
        phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]))
    for _ in range(200):
        s = str(example.national_number)
        keep = max(2, len(s) - 5)
        nsn = s[:keep] + "".join(str(R.randrange(10)) for _ in range(len(s) - keep))
        n = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int(nsn))
        if phonenumbers.is_valid_number(n):
            return n
    return example


NATIONAL_STYLE_REGIONS = ["DE", "FR", "AU", "MX", "ES", "IT", "BR", "AR", "NL", "CH", "PT", "CO"]


def phone_value():
    region = pick(["US", "US", "US", "US", "GB", "GB", "DE", "FR", "IN", "AU", "MX", "IE", "ES", "IT",
                   "BR", "NL"])
    n = valid_number(region)
    e164 = phonenumbers.format_number(n, PhoneNumberFormat.E164)
    intl = phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL)
    national = phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)
    nat_digits = "".join(c for c in national if c.isdigit())
    if region == "US":
        d = nat_digits
        styles = [e164, intl, national, f"{d[:3]}-{d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}",
                  f"1-{d[:3]}-{d[3:6]}-{d[6:]}", f"+1 ({d[:3]}) {d[3:6]}-{d[6:]}", d, "1" + d,
                  f"tel:{e164}"]
    elif region == "GB":
        styles = [e164, intl, national, nat_digits, f"+44 (0){national[1:]}", f"tel:{e164}"]
    elif region in NATIONAL_STYLE_REGIONS:
        styles = [e164, intl, national, national, nat_digits]
    else:
        styles = [e164, intl, f"tel:{e164}"]
    return pick(styles)


def national_phone(region):
    n = valid_number(region)
    return phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)


def iban_value():
    f = pick([F_GB, F_GB, *F_EU.values()])
    while True:
        v = f.iban()
        if std_iban.is_valid(v, check_country=False):
            break
    style = R.random()
    if style < 0.4:
        v = std_iban.format(v)
    if chance(0.15):
        v = v.lower()
    return v


def nhs_value():
    while True:
        body = "".join(str(R.randrange(10)) for _ in range(9))
        if body[0] == "0":
            continue
        total = sum(int(c) * w for c, w in zip(body, range(10, 1, -1)))
        check = 11 - total % 11
        if check == 10:
            continue
        v = body + str(0 if check == 11 else check)
        if std_nhs.is_valid(v):
            break
    return pick([v, f"{v[:3]} {v[3:6]} {v[6:]}", f"{v[:3]}-{v[3:6]}-{v[6:]}"])


PRIVATE_V4 = [ipaddress.ip_network(n) for n in (
    "0.0.0.0/8", "10.0.0.0/8", "100.64.0.0/10", "127.0.0.0/8", "169.254.0.0/16", "172.16.0.0/12",
    "192.0.0.0/24", "192.168.0.0/16", "224.0.0.0/3")]


def public_v4():
    while True:
        a = ipaddress.ip_address(F.ipv4_public())
        if not any(a in n for n in PRIVATE_V4):
            return str(a)


def public_v6():
    while True:
        a = ipaddress.ip_address(F.ipv6())
        if a.is_global and not a.is_multicast and not a.is_link_local and not a.is_private:
            return str(a) if chance(0.7) else a.exploded


def ip_value():
    return public_v4() if chance(0.75) else public_v6()


def private_ip():
    return pick([f"10.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(1, 255)}",
                 f"192.168.{R.randrange(256)}.{R.randrange(1, 255)}",
                 f"172.{R.randint(16, 31)}.{R.randrange(256)}.{R.randrange(1, 255)}",
                 "127.0.0.1", f"fe80::{R.randrange(65536):x}:{R.randrange(65536):x}",
                 f"fd{R.randrange(256):02x}:{R.randrange(65536):x}::{R.randrange(65536):x}"])


DOB_FORMATS = ["%m/%d/%Y", "%m/%d/%Y", "%Y-%m-%d", "%d/%m/%Y", "%d-%m-%Y", "%Y%m%d", "%B %d, %Y",
               "%d %B %Y", "%b %d %Y", "%m/%d/%y", "%d.%m.%Y", "%b %d, %Y"]


def dob_value():
    d = birth_date()
    if chance(0.15):
        return pick([f"{d.day} de {MONTH_NAMES_ES[d.month - 1]} de {d.year}",
                     f"{d.day}. {MONTH_NAMES_DE[d.month - 1]} {d.year}"])
    return d.strftime(pick(DOB_FORMATS))


def cvv_value(amex=False):
    return "".join(str(R.randrange(10)) for _ in range(4 if amex else 3))


MONTH_ABBR = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]
MONTH_NAMES_ES = ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
                  "octubre", "noviembre", "diciembre"]
MONTH_NAMES_DE = ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
                  "Oktober", "November", "Dezember"]


def expiry_value():
    m, y = R.randint(1, 12), R.randint(2024, 2034)
    return pick([f"{m:02d}/{y % 100:02d}", f"{m:02d}/{y % 100:02d}", f"{m:02d}/{y}", f"{m:02d}{y % 100:02d}",
                 f"{m:02d}-{y % 100:02d}", f"{m}/{y % 100:02d}", f"{MONTH_ABBR[m - 1]} {y}", f"{y}-{m:02d}",
                 f"{MONTH_NAMES_ES[m - 1]} {y}", f"{MONTH_NAMES_DE[m - 1]} {y}"])


def passport_value():
    if chance(0.35):
        letters = "ABCDEFGHJKLMNPRSTUVWXYZ"
        digits = lambda n: "".join(str(R.randrange(10)) for _ in range(n))
        return pick([
            pick("CFGHJK") + "".join(pick("CFGHJKLMNPRTVWXYZ0123456789") for _ in range(8)),  # DE
            digits(2) + pick(letters) + pick(letters) + digits(5),  # FR
            pick(letters) + pick(letters) + digits(7),  # IT, JP, PL
            pick(letters) + digits(7),  # IN, AU, AT
            pick(letters) + pick(letters) + pick(letters) + digits(6),  # ES, AR
        ])
    return pick([F.passport_number(), F.passport_number(),
                 "".join(str(R.randrange(10)) for _ in range(9)),
                 pick("ABCDEFGHJKLMNPRSTUVWXYZ") + pick("ABCDEFGHJKLMNPRSTUVWXYZ")
                 + "".join(str(R.randrange(10)) for _ in range(7))])


def bank_value():
    n = R.choice([8, 8, 8, 10, 11, 12, 9, 14])
    d = "".join(str(R.randrange(10)) for _ in range(n))
    if chance(0.15):
        d = " ".join(d[i:i + 4] for i in range(0, len(d), 4))
    return d


def sort_code():
    return f"{R.randrange(100):02d}-{R.randrange(100):02d}-{R.randrange(100):02d}"


# ---------------------------------------------------------------- system (trap) values

def luhn_order_number():
    body = pick(["4", "5", "4000", "6011", "37"]) + "".join(str(R.randrange(10)) for _ in range(14))
    body = body[:15]
    return body + std_luhn.calc_check_digit(body)


def ups_tracking():
    return "1Z" + "".join(pick("0123456789ABCDEFGHJKLMNPRSTUVWXYZ") for _ in range(16))


def iso_ts():
    dt = some_datetime(730)
    return pick([dt.strftime("%Y-%m-%dT%H:%M:%S.") + f"{R.randrange(1000):03d}Z",
                 dt.strftime("%Y-%m-%dT%H:%M:%SZ"), dt.strftime("%Y-%m-%d %H:%M:%S"),
                 dt.strftime("%Y-%m-%d")])


def epoch_s():
    return str(R.randint(1_600_000_000, 1_800_000_000))


def epoch_ms():
    return str(R.randint(1_600_000_000_000, 1_800_000_000_000))


def sip_uri():
    return pick([f"sip:+1800555{R.randrange(10000):04d}@10.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(256)}",
                 f"sip:+1{R.choice([800, 888, 877])}{R.randint(200, 999)}{R.randrange(10000):04d}@{R.randint(11, 200)}.{R.randrange(256)}.{R.randrange(256)}.{R.randrange(256)}:5060",
                 f"sip:{F.user_name()}@org.mypurecloud.com",
                 f"sips:+44{R.choice([20, 161, 113])}{R.randrange(10**7, 10**8)}@trunk.example.net;transport=tls"])


def version():
    return pick([f"{R.randint(1, 30)}.{R.randint(0, 20)}.{R.randint(0, 99)}.{R.randint(0, 9999)}",
                 f"{R.randint(1, 12)}.{R.randint(0, 9)}.{R.randint(0, 30)}",
                 f"v{R.randint(1, 9)}.{R.randint(0, 20)}.{R.randint(0, 99)}",
                 f"{R.randint(2019, 2026)}.{R.randint(1, 12)}.{R.randint(1, 28)}.{R.randint(1, 999)}"])


def duration():
    return f"{R.randrange(3):02d}:{R.randrange(60):02d}:{R.randrange(60):02d}"


def money():
    return pick([f"${R.randint(1, 9999):,}.{R.randrange(100):02d}", f"£{R.randint(1, 999)}.{R.randrange(100):02d}",
                 f"{R.randint(1, 9999)}.{R.randrange(100):02d} USD", f"${R.randint(1000, 99999):,}"])


def hex_hash(n=32):
    return "".join(pick("0123456789abcdef") for _ in range(n))


def b64_token():
    alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"
    return "".join(pick(alphabet) for _ in range(R.choice([24, 32, 44, 64]))) + pick(["", "=", "=="])


QUEUES = ["Billing Support EN", "Sales - Inbound", "Tech Support Tier 2", "Claims", "Retentions",
          "Collections 3", "Spanish Billing", "VIP Care", "Fraud Team", "Appointments"]
IVR_PATHS = ["Main>Billing>Payments", "Main>Support>Internet>Outage", "Main>Sales", "Main>Claims>New Claim",
             "Root>Language>English>Account"]
WRAPUP_CODES = ["Billing - General", "Payment Taken", "Callback Requested", "Complaint", "Transfer - Sales",
                "No Answer", "Resolved - First Contact"]


def system_attrs():
    """Genesys-style system attributes: (key, value, trap)."""
    pool = [
        ("ivr.Priority", lambda: str(R.randint(0, 10)), False),
        ("ivr.menu", lambda: ",".join(str(R.randint(1, 9)) for _ in range(R.randint(1, 4))), True),
        ("ivr.path", lambda: pick(IVR_PATHS), True),
        ("ivr.Language", lambda: pick(["en-US", "en-GB", "es-US", "fr-CA"]), False),
        ("scriptId", new_uuid, True),
        ("Queue.Name", lambda: pick(QUEUES), False),
        ("Queue.Id", new_uuid, True),
        ("campaignId", new_uuid, True),
        ("startTime", iso_ts, True),
        ("conversationStart", iso_ts, True),
        ("connectedTime", epoch_ms, True),
        ("eventTime", epoch_s, True),
        ("callbackScheduledTime", iso_ts, True),
        ("sipUri", sip_uri, True),
        ("remoteUri", sip_uri, True),
        ("Edge.Version", version, True),
        ("softphoneVersion", version, True),
        ("appBuild", version, True),
        ("orderNumber", luhn_order_number, True),
        ("order_id", luhn_order_number, True),
        ("invoiceNumber", luhn_order_number, True),
        ("trackingNumber", lambda: pick([ups_tracking(), "".join(str(R.randrange(10)) for _ in range(R.choice([12, 15, 20, 22])))]), True),
        ("ticketId", lambda: f"INC{R.randrange(10**7):07d}", True),
        ("caseNumber", lambda: f"{R.randrange(10**8):08d}", True),
        ("amountDue", money, True),
        ("zip", lambda: f"{R.randrange(100000):05d}", True),
        ("holdDuration", duration, True),
        ("sessionHash", lambda: hex_hash(pick([32, 40, 64])), True),
        ("authToken", b64_token, True),
        ("wrapUpCode", lambda: pick(WRAPUP_CODES), False),
        ("skills", lambda: pick(["Billing,Spanish", "Sales", "Tech;Tier2", "Claims,French"]), False),
        ("utilization", lambda: f"{R.random():.2f}", False),
        ("attemptCount", lambda: str(R.randint(1, 9)), False),
        ("interactionId", lambda: "".join(str(R.randrange(10)) for _ in range(12)), True),
        ("crmRecordId", lambda: "".join(str(R.randrange(10)) for _ in range(9)), True),
        ("confirmationCode", lambda: "".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for _ in range(6)), False),
        ("customerTier", lambda: pick(["Gold", "Silver", "Bronze", "Platinum"]), False),
        ("sentiment", lambda: f"{R.uniform(-1, 1):.2f}", False),
        ("Edge.Ip", private_ip, True),
        ("mediaServer", public_v4, True),
        ("serverHost", public_v4, True),
        ("contactListId", new_uuid, True),
        ("tokenExpiresIn", lambda: str(pick([300, 900, 1200, 3600, 7200])), True),
        ("sessionExpires", epoch_s, True),
        ("cardLast4", lambda: f"{R.randrange(10000):04d}", True),
        ("customerRef", lambda: "".join(str(R.randrange(10)) for _ in range(10)), True),
        ("dialerCampaign", lambda: pick(["Q4 Renewals", "Winback 2024", "Past Due 30"]), False),
        ("ivr.Attempts", lambda: str(R.randint(1, 3)), False),
        ("ivr.SelectedOption", lambda: str(R.randint(1, 9)), False),
        ("ivr.TransferTime", iso_ts, True),
        ("Queue.WaitTime", lambda: str(R.randint(0, 3600)), True),
        ("Queue.CallbackTime", iso_ts, True),
        ("context.flowStart", epoch_ms, True),
        ("context.orderRef", luhn_order_number, True),
        ("ivr.PaymentRef", luhn_order_number, True),
    ]
    k = R.randint(5, 12)
    return [(key, gen(), trap) for key, gen, trap in R.sample(pool, k)]


# ---------------------------------------------------------------- keyed PII

KEYS = {
    "CREDIT_CARD": ["cardNumber", "card_number", "CCNumber", "cc_num", "creditCard", "PaymentCard",
                    "Payment.CardNumber", "customer_card_number", "pan", "debitCardNumber", "ivr.CardNumber",
                    "numero_tarjeta", "Kartennummer", "numeroCartao", "CARDNUMBER", "NUMEROTARJETA"],
    "US_SSN": ["ssn", "SSN", "customer_ssn", "socialSecurityNumber", "Customer.SSN", "ssn_full",
               "SocialSecurity", "ivr.CollectedSSN", "social", "taxId"],
    "EMAIL": ["email", "Email", "customerEmail", "email_address", "Contact.Email", "emailAddress",
              "context.customerEmail", "correo"],
    "PHONE": ["ani", "phone", "phoneNumber", "callbackNumber", "mobile", "Customer.Phone",
              "contact_number", "home_phone", "CallerId", "Call.Ani", "mobileNumber", "cell",
              "Queue.CallbackNumber", "telefon", "teléfono", "telefone"],
    "IBAN": ["iban", "IBAN", "bankIban", "refund_iban", "Customer.IBAN"],
    "UK_NHS": ["nhsNumber", "NHS_No", "nhs_number", "patient_nhs", "NHSNumber"],
    "IP_ADDRESS": ["clientIp", "ipAddress", "customer_ip", "X-Forwarded-For", "remoteIp", "sourceIP",
                   "web.ip", "ipv6Address"],
    "DATE_OF_BIRTH": ["dob", "DOB", "dateOfBirth", "birth_date", "customer_dob", "Customer.BirthDate",
                      "birthdate", "ivr.CallerDOB", "geburtsdatum", "date_de_naissance", "fechaNacimiento",
                      "CALLERDOB", "ivr.FECHANACIMIENTO"],
    "CVV": ["cvv", "CVV2", "cvc", "securityCode", "card_cvv", "csc", "Payment.CVV", "ivr.Cvv",
            "codigo_seguridad"],
    "CARD_EXPIRY": ["cardExpiry", "expiry", "exp_date", "ccExp", "expirationDate", "card_expiration",
                    "Payment.ExpiryDate", "ivr.ExpiryDate", "fecha_vencimiento", "ablaufdatum",
                    "expirationCarte", "CARDEXPDATE"],
    "PASSPORT": ["passportNumber", "passport_no", "Passport", "passport", "ivr.PassportNo", "reisepass",
                 "numero_pasaporte"],
    "BANK_ACCOUNT": ["accountNumber", "bank_account", "acctNo", "BankAccountNumber",
                     "account_number", "sortCode", "Customer.AccountNumber", "kontonummer", "numero_cuenta",
                     "ivr.ACCOUNTNUMBER"],
}
OPAQUE_KEYS = ["customField1", "customField3", "Customer.Data1", "crm.value", "extra", "userData2"]


def keyed_value(kind):
    if kind == "CREDIT_CARD":
        return format_card(card_number(), pick(["plain", "plain", "space", "dash"]))
    if kind == "US_SSN":
        return format_ssn(ssn_value(), pick(["dash", "dash", "plain", "space", "dot"]))
    if kind == "EMAIL":
        return email_value()
    if kind == "PHONE":
        return phone_value()
    if kind == "IBAN":
        return iban_value()
    if kind == "UK_NHS":
        return nhs_value()
    if kind == "IP_ADDRESS":
        return ip_value()
    if kind == "DATE_OF_BIRTH":
        return dob_value()
    if kind == "CVV":
        return cvv_value(chance(0.1))
    if kind == "CARD_EXPIRY":
        return expiry_value()
    if kind == "PASSPORT":
        return passport_value()
    if kind == "BANK_ACCOUNT":
        return bank_value()
    raise ValueError(kind)


def masked_value(kind):
    """A PII key holding a masked or empty-ish value: not PII."""
    return pick({
        "CREDIT_CARD": ["************1111", "XXXX-XXXX-XXXX-4242", "****", "ending 4242"],
        "US_SSN": ["***-**-6789", "XXX-XX-1234", "last4:6789"],
        "PHONE": ["anonymous", "unknown", "Restricted", "sip:anonymous@anonymous.invalid"],
        "EMAIL": ["n/a", "none", "REDACTED"],
        "DATE_OF_BIRTH": ["REDACTED", "unknown"],
        "CVV": ["***", "xxx"],
        "IP_ADDRESS": [private_ip(), private_ip()],
    }.get(kind, ["", "N/A", "REDACTED"]))


# ---------------------------------------------------------------- free text

def note_templates():
    """(template, kinds); placeholders filled by fill()."""
    return [
        ("Customer called about order {order}, card ending {last4}. Refund issued.", []),
        ("Caller verified identity with DOB {dob} and last four of SSN {last4}.", ["DATE_OF_BIRTH"]),
        ("Customer provided card {card_fmt} exp {exp} cvv {cvv} for payment of {money}.",
         ["CREDIT_CARD", "CARD_EXPIRY", "CVV"]),
        ("Please call back on {phone} after 5pm.", ["PHONE"]),
        ("Updated email to {email} per customer request.", ["EMAIL"]),
        ("Refund to IBAN {iban} approved by supervisor.", ["IBAN"]),
        ("Patient NHS number {nhs} confirmed, appointment moved.", ["UK_NHS"]),
        ("Login attempts from {ipv4} were blocked by fraud team.", ["IP_ADDRESS"]),
        ("Customer read SSN {ssn_dash} over the phone, advised not to.", ["US_SSN"]),
        ("Customer gave social security number {ssn_plain} for verification.", ["US_SSN"]),
        ("Passport {passport} on file, travel booking {booking} updated.", ["PASSPORT"]),
        ("Direct debit set up: sort code {sort} account {acct}.", ["BANK_ACCOUNT"]),
        ("Agent desktop v{version} froze during call, ticket {inc} raised.", []),
        ("Tracking {ups} shows delivered on {date}.", []),
        ("Customer's card number is {card_plain}, charged {money}.", ["CREDIT_CARD"]),
        ("Reference {order} for invoice {invoice}, callback at {time}.", []),
        ("Customer is on softphone build {version}, escalated as {inc}.", []),
        ("Hold time {duration}, transferred to {queue}.", []),
        ("Agent: can I take your date of birth? Customer: it's {dob}.", ["DATE_OF_BIRTH"]),
        ("Agent: and the expiry date? Customer: {exp}.", ["CARD_EXPIRY"]),
        ("Agent: the three digit security code please. Customer: {cvv}", ["CVV"]),
        ("Customer: my number is {phone}, thanks.", ["PHONE"]),
        ("Customer: you can email me at {email}", ["EMAIL"]),
        ("Spoke to customer at {time} on {date}; zip {zip}; balance {money}.", []),
        ("Customer connected from {ipv6} using the web portal.", ["IP_ADDRESS"]),
        ("Callback number {phone} confirmed, order {order} pending.", ["PHONE"]),
        ("Customer disputes charge of {money} on {date}, case {case}.", []),
        ("Paid {money} with visa {card_fmt}.", ["CREDIT_CARD"]),
        ("New mobile is {phone}; old one disconnected.", ["PHONE"]),
        ("Verified customer: born {dob_words}, postcode {postcode}.", ["DATE_OF_BIRTH"]),
        ("Customer's bank account number {acct} for the refund.", ["BANK_ACCOUNT"]),
        ("Conversation {uuid} merged with {uuid2} at {iso}.", []),
        ("Cust wants statement sent to {email} and text to {phone}.", ["EMAIL", "PHONE"]),
        ("Card on file {card_fmt} declined, customer will call back.", ["CREDIT_CARD"]),
        ("IVR path {ivr} then queue {queue}, wait {duration}.", []),
        ("Customer said card was {card_plain} but payment failed.", ["CREDIT_CARD"]),
        ("Customer gave {card_plain} as the payment card.", ["CREDIT_CARD"]),
        ("Caller ID {phone}; asked about epoch {epoch} timestamp in export.", ["PHONE"]),
        ("Callback scheduled for {iso_day} 09:00.", []),
        ("Call transferred at {iso_day} 14:30 to {queue}.", []),
        ("Transaction declined: {card_plain} flagged by issuer.", ["CREDIT_CARD"]),
        ("Customer read the digits {card_plain} twice.", ["CREDIT_CARD"]),
        ("Agent: and your SSN? | Customer: {ssn_space}", ["US_SSN"]),
        ("Agent: social security number please?\nCustomer: {ssn_plain}", ["US_SSN"]),
        ("Kunde bittet um Rückruf unter {de_phone}.", ["PHONE"]),
        ("Cliente pide que lo llamen al {mx_phone}.", ["PHONE"]),
        ("Rappeler la cliente au {fr_phone} demain.", ["PHONE"]),
        ("Card valid until {exp_words}, customer confirmed.", ["CARD_EXPIRY"]),
        ("Fecha de nacimiento {dob}.", ["DATE_OF_BIRTH"]),
        ("Numéro de passeport {passport}.", ["PASSPORT"]),
        ("Customer: my order is the {order}, it never came.", []),
        ("Refund reversed by the bank. Customer then paid with {card_plain}.", ["CREDIT_CARD"]),
        ("Cliente: mi pedido es el {order}.", []),
    ]


def fill(template):
    card = card_number()
    d = ssn_value()
    values = {
        "order": luhn_order_number(), "last4": f"{R.randrange(10000):04d}", "dob": dob_value(),
        "card_fmt": format_card(card, pick(["space", "dash"])), "card_plain": card,
        "exp": expiry_value(), "cvv": cvv_value(), "money": money(), "phone": phone_value(),
        "email": email_value(), "iban": iban_value(), "nhs": nhs_value(), "ipv4": public_v4(),
        "ipv6": public_v6(), "ssn_dash": format_ssn(d, "dash"), "ssn_plain": d,
        "passport": passport_value(), "booking": "".join(pick("ABCDEFGHJKLMNPQRSTUVWXYZ") for _ in range(6)),
        "sort": sort_code(), "acct": "".join(str(R.randrange(10)) for _ in range(8)),
        "version": version(), "inc": f"INC{R.randrange(10**7):07d}", "ups": ups_tracking(),
        "date": some_datetime(365).strftime(pick(["%Y-%m-%d", "%m/%d/%Y", "%d %b"])),
        "invoice": luhn_order_number(), "time": f"{R.randint(1, 12)}:{R.randrange(60):02d}{pick(['am', 'pm', ''])}",
        "duration": duration(), "queue": pick(QUEUES), "zip": f"{R.randrange(100000):05d}",
        "case": f"{R.randrange(10**8):08d}", "postcode": F_GB.postcode(),
        "dob_words": birth_date(18, 90).strftime(pick(["%B %d, %Y", "%d %B %Y"])),
        "uuid": new_uuid(), "uuid2": new_uuid(), "iso": iso_ts(), "ivr": pick(IVR_PATHS), "epoch": epoch_s(),
        "iso_day": some_datetime(90).strftime("%Y-%m-%d"), "ssn_space": format_ssn(d, "space"),
        "de_phone": national_phone("DE"), "mx_phone": national_phone("MX"), "fr_phone": national_phone("FR"),
        "exp_words": f"{pick(MONTH_ABBR)} {R.randint(2026, 2034)}",
    }
    return template.format(**values)


def free_text(n_sentences):
    chosen = [pick(note_templates()) for _ in range(n_sentences)]
    kinds = sorted({k for _, ks in chosen for k in ks})
    text = " ".join(fill(t) for t, _ in chosen)
    return case_variant(text), kinds


# ---------------------------------------------------------------- records

ALL_KINDS = list(KEYS)


def record():
    conv = {"conversationId": new_uuid(), "mediaType": pick(["call", "call", "call", "callback", "chat", "email"]),
            "participants": [], "wrapUpNotes": ""}
    labels = {"pii": {}, "text": [], "opaque": [], "traps": []}

    def label(path, kinds, cls="keyed", trap=False):
        if kinds:
            labels["pii"][path] = kinds
        if cls != "keyed":
            labels[cls].append(path)
        if trap:
            labels["traps"].append(path)

    purposes = ["ivr", "acd", "customer", "agent"] if chance(0.7) else ["customer", "agent"]
    for pi, purpose in enumerate(purposes):
        attrs = {}
        for key, value, trap in system_attrs():
            attrs[key] = value
            label(f"participants[{pi}].attributes.{key}", [], trap=trap)
        if purpose == "customer":
            for kind in R.sample(ALL_KINDS, R.randint(1, 5)):
                key = pick(KEYS[kind])
                if key in attrs:
                    continue
                value = keyed_value(kind)
                if kind == "BANK_ACCOUNT" and key == "sortCode":
                    value = sort_code()
                truth = [kind]
                if chance(0.08):
                    value, truth = masked_value(kind), []
                attrs[key] = value
                label(f"participants[{pi}].attributes.{key}", truth)
            if chance(0.15):
                kind = pick(["CREDIT_CARD", "US_SSN", "EMAIL", "PHONE", "IBAN"])
                key = pick(OPAQUE_KEYS)
                if key not in attrs:
                    attrs[key] = keyed_value(kind)
                    label(f"participants[{pi}].attributes.{key}", [kind], "opaque")
        if purpose in ("customer", "agent") and chance(0.25):
            key = pick(["agentNotes", "Comments", "chat.lastMessage", "transcriptSnippet", "callNotes"])
            text, kinds = free_text(R.randint(1, 3))
            attrs[key] = text
            label(f"participants[{pi}].attributes.{key}", kinds, "text")
        conv["participants"].append({"participantId": new_uuid(), "purpose": purpose, "attributes": attrs})
    text, kinds = free_text(R.randint(1, 4))
    conv["wrapUpNotes"] = text
    label("wrapUpNotes", kinds, "text")
    conv["labels"] = labels
    return conv


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261105)
    ap.add_argument("--records", type=int, default=1500)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    seed_all(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    for _ in range(args.records):
        out.write(json.dumps(record(), ensure_ascii=False, sort_keys=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

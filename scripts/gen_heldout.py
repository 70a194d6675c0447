#!/usr/bin/env python3
"""Generate the held-out detection corpus: contact-center records the rules were never tuned on.

This generator is deliberately separate from scripts/gen_corpus.py (the tuning corpus): it has its
own markets and locales (en-US/GB/AU/CA/IE, de-DE/AT/CH, fr-FR/BE/CA, es-ES/MX/AR/CO, pt-BR/PT,
it-IT, nl-NL), its own key vocabulary (Genesys IVR and flow namespaces such as `ivr.*`,
`context.*`, `Queue.*`, CRM fields in five languages), its own sentence templates in English,
Spanish, French, German and Portuguese (notes, chat lines, conversation turns, Genesys
transcription items), its own value formats (national phone formats of every market, card
expiries written with month names, passports of 25 issuing countries, bank details of several
countries) and its own traps. It is meant to be generated once, committed, and used only to
measure: never to decide what a rule should accept.

Output: JSON Lines, one conversation record per line, with the ground truth under `labels`:

    {"conversationId": ..., "participants": [{"purpose": ..., "attributes": {...},
      "wrapup": {"notes": ...}}], "transcripts": [...], "wrapUpNotes": ...,
     "labels": {"pii": {"<field path>": [kinds]}, "text": [paths], "opaque": [paths],
                "traps": [paths], "market": "de-DE"}}

Field paths are the scanner's (`participants[0].attributes.ivr.CardNumber`,
`transcripts[1].alternatives[0].transcript`). A field not under `pii` holds no PII. Classes:
`text` (free text), `opaque` (a structured value under a key that says nothing), the rest keyed.
`traps` lists system fields whose value looks like PII.

Ground truth comes from how a value was made, checked by independent libraries: phonenumbers
(`is_valid_number` for the market's region; national formats as `format_number(NATIONAL)`
writes them and as people retype them), python-stdnum (Luhn, SSN, IBAN with country registry,
NHS, ABA routing), issuer ranges as the card networks publish them. Label policy, as the
product contract states it (PRODUCT.md section 2): telephony identity keys (ani, dnis,
callerId, address*) are never used for PII here (they are listed, not findings); private and
loopback addresses are not customer PII; masked values (`****1111`, last four digits) are not
PII; dates and times are PII only as a date of birth; a card expiry, CVV, passport or bank
account needs its context (key or nearby words); 123-45-6789 is a placeholder, not an SSN.

Reproducible: same --seed and library versions give the same bytes.
Usage: python scripts/gen_heldout.py --out tests/data/heldout.jsonl
"""
import argparse
import datetime
import json
import random
import string
import sys
import uuid

import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.gb import nhs as std_nhs
from stdnum.us import rtn as std_rtn
from stdnum.us import ssn as std_ssn

RNG = random.Random()

# market: (faker locale, language, phone region, IBAN country or None)
MARKETS = {
    "en-US": ("en_US", "en", "US", None),
    "en-GB": ("en_GB", "en", "GB", "GB"),
    "en-AU": ("en_AU", "en", "AU", None),
    "en-CA": ("en_CA", "en", "CA", None),
    "en-IE": ("en_IE", "en", "IE", "IE"),
    "de-DE": ("de_DE", "de", "DE", "DE"),
    "de-AT": ("de_AT", "de", "AT", "AT"),
    "de-CH": ("de_CH", "de", "CH", "CH"),
    "fr-FR": ("fr_FR", "fr", "FR", "FR"),
    "fr-BE": ("fr_BE", "fr", "BE", None),
    "fr-CA": ("fr_CA", "fr", "CA", None),
    "es-ES": ("es_ES", "es", "ES", "ES"),
    "es-MX": ("es_MX", "es", "MX", None),
    "es-AR": ("es_AR", "es", "AR", None),
    "es-CO": ("es_CO", "es", "CO", None),
    "pt-BR": ("pt_BR", "pt", "BR", "BR"),
    "pt-PT": ("pt_PT", "pt", "PT", "PT"),
    "it-IT": ("it_IT", "en", "IT", "IT"),
    "nl-NL": ("nl_NL", "en", "NL", "NL"),
}
MARKET_WEIGHTS = {"en-US": 6, "en-GB": 4, "en-AU": 2, "en-CA": 2, "en-IE": 1, "de-DE": 3, "de-AT": 1,
                  "de-CH": 1, "fr-FR": 3, "fr-BE": 1, "fr-CA": 1, "es-ES": 2, "es-MX": 3, "es-AR": 1,
                  "es-CO": 1, "pt-BR": 3, "pt-PT": 1, "it-IT": 1, "nl-NL": 1}
FAKERS = {}

NOW = datetime.datetime(2026, 12, 1, 9, 0, 0)


def seed_all(seed):
    RNG.seed(seed)
    Faker.seed(seed)
    for i, market in enumerate(sorted(MARKETS)):
        f = Faker(MARKETS[market][0])
        f.seed_instance(seed * 31 + i)
        FAKERS[market] = f


def one(xs):
    return xs[RNG.randrange(len(xs))]


def maybe(p):
    return RNG.random() < p


def digits(n):
    return "".join(str(RNG.randrange(10)) for _ in range(n))


def new_id():
    return str(uuid.UUID(int=RNG.getrandbits(128), version=4))


# ------------------------------------------------------------------ key names

def styled(words):
    """A key from words, written as systems write keys."""
    style = RNG.random()
    if style < 0.35:
        return words[0].lower() + "".join(w.capitalize() for w in words[1:])
    if style < 0.6:
        return "".join(w.capitalize() for w in words)
    if style < 0.8:
        return "_".join(w.lower() for w in words)
    if style < 0.9:
        return "_".join(w.upper() for w in words)
    return "-".join(w.lower() for w in words)


# Words for each kind's keys, per language. Compound words are single entries.
KEY_WORDS = {
    "CREDIT_CARD": {
        "en": [["card", "number"], ["payment", "card"], ["credit", "card", "number"], ["card", "no"],
               ["debit", "card"], ["card", "pan"], ["cc", "number"]],
        "es": [["numero", "tarjeta"], ["tarjeta", "credito"], ["tarjeta"], ["num", "tarjeta"]],
        "fr": [["numero", "carte"], ["carte", "bancaire"], ["no", "carte"]],
        "de": [["kartennummer"], ["kreditkarte"], ["kreditkartennummer"], ["karten", "nr"]],
        "pt": [["numero", "cartao"], ["cartao", "credito"], ["cartao"]],
    },
    "US_SSN": {
        "en": [["social"], ["tax", "id"], ["ssn"], ["social", "security", "no"], ["soc", "sec", "num"],
               ["tin"], ["ssn", "full"], ["taxpayer", "id"]],
    },
    "EMAIL": {
        "en": [["email"], ["e", "mail", "address"], ["contact", "email"], ["customer", "email"]],
        "es": [["correo"], ["correo", "electronico"], ["email", "cliente"]],
        "fr": [["courriel"], ["adresse", "mail"], ["mail", "client"]],
        "de": [["e", "mail", "adresse"], ["email", "kunde"]],
        "pt": [["email", "cliente"], ["correio", "eletronico"]],
    },
    "PHONE": {
        "en": [["phone"], ["mobile", "number"], ["callback", "number"], ["contact", "phone"],
               ["home", "phone"], ["cell"], ["telephone"], ["alt", "phone"]],
        "es": [["telefono"], ["teléfono"], ["celular"], ["movil"], ["numero", "contacto"],
               ["telefono", "cliente"]],
        "fr": [["telephone"], ["téléphone"], ["portable"], ["numero", "portable"], ["tel", "fixe"]],
        "de": [["telefon"], ["telefonnummer"], ["handynummer"], ["rufnummer"], ["mobilnummer"]],
        "pt": [["telefone"], ["celular"], ["telemovel"], ["telemóvel"], ["numero", "telefone"]],
    },
    "IBAN": {
        "en": [["iban"], ["refund", "iban"], ["bank", "iban"]],
        "es": [["iban"], ["cuenta", "iban"]],
        "fr": [["iban"], ["iban", "client"]],
        "de": [["iban"], ["iban", "kunde"]],
        "pt": [["iban"], ["iban", "cliente"]],
    },
    "UK_NHS": {
        "en": [["nhs", "number"], ["nhs", "no"], ["patient", "nhs", "number"]],
    },
    "IP_ADDRESS": {
        "en": [["client", "ip"], ["ip", "address"], ["customer", "ip"], ["login", "ip"]],
        "es": [["direccion", "ip"], ["ip", "cliente"]],
        "fr": [["adresse", "ip"]],
        "de": [["ip", "adresse"]],
        "pt": [["endereco", "ip"]],
    },
    "DATE_OF_BIRTH": {
        "en": [["dob"], ["date", "of", "birth"], ["birth", "date"], ["birthday"], ["caller", "dob"]],
        "es": [["fecha", "nacimiento"], ["fecha", "de", "nacimiento"], ["nacimiento"]],
        "fr": [["date", "de", "naissance"], ["date", "naissance"], ["naissance"]],
        "de": [["geburtsdatum"], ["geburtstag"], ["geb", "datum"]],
        "pt": [["data", "nascimento"], ["data", "de", "nascimento"], ["nascimento"]],
    },
    "CVV": {
        "en": [["cvv"], ["cvv2"], ["security", "code"], ["card", "cvc"], ["csc"]],
        "es": [["codigo", "seguridad"], ["cvv"], ["codigo", "cvv"]],
        "fr": [["cryptogramme"], ["code", "securite"], ["cvv"]],
        "de": [["pruefnummer"], ["sicherheitscode"], ["kartenpruefnummer"], ["cvc"]],
        "pt": [["codigo", "seguranca"], ["cvv"], ["codigo", "verificacao"]],
    },
    "CARD_EXPIRY": {
        "en": [["card", "expiry"], ["exp", "date"], ["expiration"], ["expiry", "date"], ["valid", "thru"]],
        "es": [["fecha", "vencimiento"], ["vencimiento"], ["fecha", "caducidad"], ["caducidad"]],
        "fr": [["date", "expiration"], ["expiration", "carte"], ["date", "validite"]],
        "de": [["ablaufdatum"], ["gueltig", "bis"], ["verfallsdatum"]],
        "pt": [["validade"], ["data", "validade"], ["vencimento", "cartao"]],
    },
    "PASSPORT": {
        "en": [["passport"], ["passport", "number"], ["passport", "no"], ["travel", "document", "number"]],
        "es": [["pasaporte"], ["numero", "pasaporte"]],
        "fr": [["passeport"], ["numero", "passeport"]],
        "de": [["reisepass"], ["reisepassnummer"], ["passnummer"]],
        "pt": [["passaporte"], ["numero", "passaporte"]],
    },
    "BANK_ACCOUNT": {
        "en": [["account", "number"], ["bank", "account"], ["acct", "no"], ["routing", "number"],
               ["checking", "account"]],
        "es": [["numero", "cuenta"], ["cuenta", "bancaria"], ["clabe"]],
        "fr": [["numero", "compte"], ["compte", "bancaire"]],
        "de": [["kontonummer"], ["konto", "nr"], ["bankkonto"]],
        "pt": [["numero", "conta"], ["conta", "bancaria"], ["conta", "corrente"]],
    },
}

# Namespaces Genesys flows and CRMs put in front of keys: IVR collection, flow context, queue.
NAMESPACES = ["", "", "", "", "ivr.", "ivr.", "context.", "Customer.", "crm.", "Flow.", "Payment."]


def pii_key(kind, lang):
    langs = KEY_WORDS[kind]
    words = one(langs.get(lang, langs["en"]) if maybe(0.75) else langs["en"])
    ns = one(NAMESPACES)
    if kind == "PHONE" and maybe(0.15):
        ns = "Queue."
        words = one([["callback", "number"], ["callback", "phone"]])
    key = styled(words)
    if ns in ("ivr.", "Flow.", "Customer.", "Payment."):
        key = "".join(w[:1].upper() + w[1:] for w in key.replace("_", " ").replace("-", " ").split())
        if maybe(0.3):
            key = "Collected" + key
        elif kind == "DATE_OF_BIRTH" and maybe(0.3):
            key = "CallerDOB"
    return ns + key


# ------------------------------------------------------------------ PII values

# Issuer ranges as the networks publish them: (prefixes, lengths, brand).
BRANDS = [
    (["4"], [16, 16, 16, 16, 13, 19], "visa"),
    ([str(p) for p in range(51, 56)], [16], "mastercard"),
    ([str(p) for p in range(2221, 2721)], [16], "mastercard2"),
    (["34", "37"], [15], "amex"),
    (["6011"] + [str(p) for p in range(644, 650)] + ["65"], [16, 16, 19], "discover"),
    ([str(p) for p in range(3528, 3590)], [16], "jcb"),
    (["36"], [14], "diners"),
    ([str(p) for p in range(300, 306)], [14], "diners-cb"),
    (["62"], [16, 19], "unionpay"),
    (["6759", "6761", "6763", "5018", "5020", "5038"], [16, 18, 19], "maestro"),
    ([str(p) for p in range(2200, 2205)], [16], "mir"),
]
BRAND_WEIGHTS = [40, 18, 6, 10, 5, 4, 2, 1, 4, 4, 1]


def card_number():
    prefixes, lengths, _ = RNG.choices(BRANDS, BRAND_WEIGHTS)[0]
    prefix = one(prefixes)
    n = one(lengths)
    body = prefix + digits(n - 1 - len(prefix))
    number = body + std_luhn.calc_check_digit(body)
    assert std_luhn.is_valid(number)
    return number


def grouped_card(n, sep=None):
    sep = sep if sep is not None else one([" ", " ", "-"])
    if len(n) == 15:
        return sep.join([n[:4], n[4:10], n[10:]])
    if len(n) == 14:
        return sep.join([n[:4], n[4:10], n[10:]])
    return sep.join(n[i:i + 4] for i in range(0, len(n), 4))


def card_text(n):
    return n if maybe(0.45) else grouped_card(n)


def luhn_identifier(length=16):
    """An order or transaction number that passes Luhn and starts like a card (a trap)."""
    prefix = one(["4", "5", "37", "6011", "35"])
    body = prefix + digits(length - 1 - len(prefix))
    return body + std_luhn.calc_check_digit(body)


def ssn_digits_value():
    while True:
        d = f"{RNG.randint(1, 899):03d}{RNG.randint(1, 99):02d}{RNG.randint(1, 9999):04d}"
        if std_ssn.is_valid(d) and d != "123456789":
            return d


def ssn_text(d):
    return one([f"{d[:3]}-{d[3:5]}-{d[5:]}", f"{d[:3]} {d[3:5]} {d[5:]}", d, d])


def invalid_ssn():
    """Nine digits that are not an SSN (area 9xx, 000, 666, group 00, serial 0000)."""
    d = one([f"9{digits(2)}{RNG.randint(10, 99)}{RNG.randint(1000, 9999)}",
             f"000{RNG.randint(10, 99)}{RNG.randint(1000, 9999)}",
             f"666{RNG.randint(10, 99)}{RNG.randint(1000, 9999)}",
             f"{RNG.randint(100, 665)}00{RNG.randint(1000, 9999)}"])
    assert not std_ssn.is_valid(d)
    return one([f"{d[:3]}-{d[3:5]}-{d[5:]}", d])


def valid_phone(region):
    kind = one([PhoneNumberType.MOBILE, PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE])
    example = phonenumbers.example_number_for_type(region, kind) or phonenumbers.example_number(region)
    base = str(example.national_number)
    for _ in range(500):
        keep = max(2, len(base) - RNG.randint(3, 6))
        nsn = base[:keep] + digits(len(base) - keep)
        n = phonenumbers.PhoneNumber(country_code=example.country_code, national_number=int(nsn))
        if example.italian_leading_zero:
            n.italian_leading_zero = True
        if phonenumbers.is_valid_number(n) and phonenumbers.region_code_for_number(n) == region:
            return n
    return example


def phone_text(region, style=None):
    """A valid number of `region`, written the way people in that market write it."""
    n = valid_phone(region)
    national = phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)
    intl = phonenumbers.format_number(n, PhoneNumberFormat.INTERNATIONAL)
    e164 = phonenumbers.format_number(n, PhoneNumberFormat.E164)
    nat_digits = "".join(c for c in national if c.isdigit())
    style = style or RNG.choices(["national", "international", "e164", "retyped", "digits", "00"],
                                 [40, 20, 10, 15, 10, 5])[0]
    if style == "national":
        text = national
    elif style == "international":
        text = intl
    elif style == "e164":
        text = e164
    elif style == "00":
        text = "00" + e164[1:]
    elif style == "digits":
        text = nat_digits
    else:
        # Retyped: same digit groups, another separator (dots in France, a slash in Germany...).
        groups = [g for g in national.replace("(", " ").replace(")", " ").replace("-", " ").split() if g]
        sep = {"FR": ".", "BE": ".", "DE": "/", "AT": "/", "CH": " ", "ES": " ", "IT": " ",
               "US": "-", "CA": ".", "MX": "-", "BR": "-"}.get(region, one([" ", "-"]))
        if sep == "/" and len(groups) >= 2:
            text = groups[0] + "/" + "".join(groups[1:])
        else:
            text = sep.join(groups)
    check = "".join(c for c in text if c.isdigit() or c == "+")
    parsed = phonenumbers.parse(check if not check.startswith("00") else "+" + check[2:], region)
    assert phonenumbers.is_valid_number(parsed), (region, text)
    return text


def email_value(market):
    f = FAKERS[market]
    e = f.email()
    if maybe(0.2):
        e = f"{f.user_name()}.{RNG.randint(1, 99)}@{one(['gmail.com', 'outlook.fr', 'web.de', 'hotmail.es', 'uol.com.br', 'yahoo.co.uk', 'gmx.at', 'bluewin.ch'])}"
    if maybe(0.1):
        local, dom = e.split("@")
        e = f"{local}+{one(['facturas', 'compte', 'news', 'rechnung'])}@{dom}"
    if maybe(0.1):
        e = e.upper()
    return e


def iban_value(country):
    source = {"GB": "en_GB", "IE": "en_IE", "DE": "de_DE", "AT": "de_AT", "CH": "de_CH", "FR": "fr_FR",
              "ES": "es_ES", "PT": "pt_PT", "IT": "it_IT", "NL": "nl_NL", "BR": "pt_BR"}[country]
    f = next(FAKERS[m] for m in FAKERS if MARKETS[m][0] == source)
    for _ in range(100):
        v = f.iban()
        if std_iban.is_valid(v):
            break
    else:
        raise RuntimeError(f"no valid IBAN for {country}")
    if maybe(0.45):
        v = std_iban.format(v)
    if maybe(0.1):
        v = v.lower()
    return v


def nhs_value():
    while True:
        body = str(RNG.randint(4, 9)) + digits(8)
        total = sum(int(c) * w for c, w in zip(body, range(10, 1, -1)))
        check = (11 - total % 11) % 11
        if check == 10:
            continue
        v = body + str(check)
        if std_nhs.is_valid(v):
            return one([v, f"{v[:3]} {v[3:6]} {v[6:]}"])


def public_ipv4():
    while True:
        a = (RNG.randint(1, 223), RNG.randrange(256), RNG.randrange(256), RNG.randint(1, 254))
        if a[0] in (10, 127, 0) or (a[0] == 172 and 16 <= a[1] <= 31) or (a[0], a[1]) == (192, 168) \
                or (a[0] == 100 and 64 <= a[1] <= 127) or (a[0], a[1]) == (169, 254) \
                or (a[0], a[1], a[2]) in ((192, 0, 2), (198, 51, 100), (203, 0, 113), (192, 0, 0)) \
                or (a[0] == 198 and a[1] in (18, 19)):
            continue
        return ".".join(map(str, a))


def public_ipv6():
    head = one(["2a02", "2a01", "2600", "2001:4860", "2a00", "2804", "2800"])
    groups = [f"{RNG.randrange(1, 65536):x}" for _ in range(8 - head.count(":") - 1)]
    full = head + ":" + ":".join(groups)
    if maybe(0.4):
        parts = full.split(":")
        full = ":".join(parts[:4]) + "::" + parts[-1]
    return full


def private_ip():
    return one([f"10.{RNG.randrange(256)}.{RNG.randrange(256)}.{RNG.randint(1, 254)}",
                f"172.{RNG.randint(16, 31)}.{RNG.randrange(256)}.{RNG.randint(1, 254)}",
                f"192.168.{RNG.randrange(256)}.{RNG.randint(1, 254)}", "127.0.0.1",
                f"fd12:{RNG.randrange(65536):x}::{RNG.randrange(65536):x}"])


MONTHS = {
    "en": ["January", "February", "March", "April", "May", "June", "July", "August", "September",
           "October", "November", "December"],
    "es": ["enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto", "septiembre",
           "octubre", "noviembre", "diciembre"],
    "fr": ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août", "septembre",
           "octobre", "novembre", "décembre"],
    "de": ["Januar", "Februar", "März", "April", "Mai", "Juni", "Juli", "August", "September",
           "Oktober", "November", "Dezember"],
    "pt": ["janeiro", "fevereiro", "março", "abril", "maio", "junho", "julho", "agosto", "setembro",
           "outubro", "novembro", "dezembro"],
}
MONTHS_SHORT = {
    "en": ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"],
    "es": ["ene", "feb", "mar", "abr", "may", "jun", "jul", "ago", "sep", "oct", "nov", "dic"],
    "fr": ["janv.", "févr.", "mars", "avr.", "mai", "juin", "juil.", "août", "sept.", "oct.", "nov.", "déc."],
    "de": ["Jan.", "Feb.", "Mär.", "Apr.", "Mai", "Jun.", "Jul.", "Aug.", "Sep.", "Okt.", "Nov.", "Dez."],
    "pt": ["jan", "fev", "mar", "abr", "mai", "jun", "jul", "ago", "set", "out", "nov", "dez"],
}


def birth_date():
    return (NOW - datetime.timedelta(days=RNG.randint(18 * 365, 92 * 365))).date()


def dob_text(lang, market):
    d = birth_date()
    us = market in ("en-US",)
    numeric = [f"{d.month:02d}/{d.day:02d}/{d.year}" if us else f"{d.day:02d}/{d.month:02d}/{d.year}",
               d.isoformat(), f"{d.day:02d}.{d.month:02d}.{d.year}" if lang == "de" else d.isoformat(),
               f"{d.day}-{d.month}-{d.year}" if lang in ("es", "pt") else d.isoformat()]
    m = MONTHS[lang][d.month - 1]
    written = {
        "en": [f"{m} {d.day}, {d.year}", f"{d.day} {m} {d.year}", f"{MONTHS_SHORT['en'][d.month - 1]} {d.day} {d.year}"],
        "es": [f"{d.day} de {m} de {d.year}", f"{d.day} {m} {d.year}"],
        "fr": [f"{d.day} {m} {d.year}", f"{'1er' if d.day == 1 else d.day} {m} {d.year}"],
        "de": [f"{d.day}. {m} {d.year}", f"{d.day}. {MONTHS_SHORT['de'][d.month - 1]} {d.year}"],
        "pt": [f"{d.day} de {m} de {d.year}", f"{d.day}/{d.month:02d}/{d.year}"],
    }[lang]
    return one(numeric) if maybe(0.6) else one(written)


def expiry_text(lang):
    m, y = RNG.randint(1, 12), RNG.randint(2026, 2034)
    short = MONTHS_SHORT[lang][m - 1]
    return one([f"{m:02d}/{y % 100:02d}", f"{m:02d}/{y}", f"{y}-{m:02d}", f"{short} {y}",
                f"{MONTHS[lang][m - 1]} {y}", f"{m:02d}-{y % 100:02d}", f"{m:02d}/{y % 100:02d}"])


def cvv_value():
    return digits(one([3, 3, 3, 4]))


# Passport number formats of common issuing countries (public specimens and issuing-office notes).
PASSPORT_FORMATS = {
    "US": ["#########", "A########"],
    "GB": ["#########"],
    "DE": ["G########"],          # nine characters from the German alphabet, see below
    "FR": ["##AA#####"],
    "ES": ["AAA######"],
    "IT": ["AA#######"],
    "NL": ["AAXXXXXX#"],
    "BE": ["AA######"],
    "CA": ["AA######"],
    "AU": ["A#######", "AA#######"],
    "NZ": ["AA######"],
    "IE": ["AA#######"],
    "IN": ["A#######"],
    "CN": ["E########", "EA#######"],
    "JP": ["AA#######"],
    "BR": ["AA######"],
    "MX": ["A########"],
    "AT": ["A#######"],
    "CH": ["A#######"],
    "PT": ["A######"],
    "PL": ["AA#######"],
    "SE": ["########"],
    "KR": ["M########"],
    "PH": ["P#######A"],
    "ZA": ["A########"],
    "AR": ["AAA######"],
}
MARKET_PASSPORT = {"en-US": "US", "en-GB": "GB", "en-AU": "AU", "en-CA": "CA", "en-IE": "IE",
                   "de-DE": "DE", "de-AT": "AT", "de-CH": "CH", "fr-FR": "FR", "fr-BE": "BE",
                   "fr-CA": "CA", "es-ES": "ES", "es-MX": "MX", "es-AR": "AR", "es-CO": "US",
                   "pt-BR": "BR", "pt-PT": "PT", "it-IT": "IT", "nl-NL": "NL"}
LETTERS = "ABCDEFGHJKLMNPRSTUVWXYZ"
GERMAN = "CFGHJKLMNPRTVWXYZ"


def passport_value(market):
    country = MARKET_PASSPORT[market] if maybe(0.7) else one(sorted(PASSPORT_FORMATS))
    shape = one(PASSPORT_FORMATS[country])
    if country == "DE":
        return one("CFGHJK") + "".join(one(GERMAN + string.digits) for _ in range(8))
    out = []
    for c in shape:
        if c == "#":
            out.append(str(RNG.randrange(10)))
        elif c == "A":
            out.append(one(LETTERS))
        elif c == "X":
            out.append(one(LETTERS + string.digits))
        else:
            out.append(c)
    return "".join(out)


def routing_number():
    while True:
        body = one(["0", "1", "2", "3"]) + str(RNG.randint(1, 9)) + digits(6)
        for c in range(10):
            v = body + str(c)
            if std_rtn.is_valid(v):
                return v


def bank_value(market):
    country = MARKETS[market][2]
    if country == "US" or maybe(0.2):
        return one([digits(RNG.randint(8, 12)), routing_number()])
    if country == "GB":
        return one([f"{RNG.randint(10, 99)}-{RNG.randint(10, 99)}-{RNG.randint(10, 99)}", digits(8)])
    if country in ("DE", "AT", "CH"):
        return one([digits(10), digits(RNG.randint(7, 9))])
    if country == "ES":
        return f"{digits(4)} {digits(4)} {digits(2)} {digits(10)}"
    if country == "MX":
        return digits(18)
    if country == "BR":
        return f"{digits(RNG.randint(5, 8))}-{RNG.randrange(10)}"
    return digits(RNG.randint(8, 11))


# ------------------------------------------------------------------ system values (traps)

def iso_time():
    t = NOW - datetime.timedelta(seconds=RNG.randrange(400 * 86400))
    return one([t.strftime("%Y-%m-%dT%H:%M:%S.%f")[:-3] + "Z", t.strftime("%Y-%m-%dT%H:%M:%S+01:00"),
                t.strftime("%a, %d %b %Y %H:%M:%S +0000"), t.strftime("%Y-%m-%d %H:%M"),
                t.strftime("%d/%m/%Y %H:%M"), t.strftime("%Y%m%d%H%M%S")])


def epoch():
    return one([str(RNG.randint(1_650_000_000, 1_850_000_000)), str(RNG.randint(1_650_000_000_000, 1_850_000_000_000))])


def build_version():
    return one([f"{RNG.randint(1, 25)}.{RNG.randint(0, 40)}.{RNG.randint(0, 999)}",
                f"{RNG.randint(2020, 2026)}.{RNG.randint(1, 12)}.{RNG.randint(0, 9)}-{RNG.randint(100, 9999)}",
                f"r{RNG.randint(100, 9999)}", f"{RNG.randint(1, 9)}.{RNG.randint(0, 9)}.{RNG.randint(0, 9)}.{RNG.randint(1000, 99999)}"])


QUEUE_NAMES = ["Soporte Técnico", "Facturation", "Kundenservice DE", "Atendimento Geral", "Card Services",
               "Payments Escalations", "Retención 2", "Service Client Premium", "Cobranças", "Claims Intake"]
FLOW_NAMES = ["Main IVR v3", "Payments_Secure_Flow", "Callback Offer", "Identificación Cliente",
              "Authentification", "Kartensperre", "Segunda Via Boleto"]


def system_fields():
    """(key, value, is_trap) system data of IVR flows, queues and CRMs."""
    pool = [
        ("ivr.LanguageSelected", lambda: one(["es-MX", "en-US", "fr-CA", "de-DE", "pt-BR"]), False),
        ("ivr.MenuSelection", lambda: ">".join(str(RNG.randint(1, 9)) for _ in range(RNG.randint(2, 4))), True),
        ("ivr.Attempts", lambda: str(RNG.randint(1, 3)), False),
        ("ivr.NoInputCount", lambda: str(RNG.randint(0, 2)), False),
        ("ivr.Intent", lambda: one(["billing", "card_lost", "balance", "payment", "agent"]), False),
        ("ivr.Confidence", lambda: f"{RNG.random():.3f}", False),
        ("ivr.DigitsEntered", lambda: str(RNG.randint(4, 19)), False),
        ("ivr.CardLast4", lambda: digits(4), True),
        ("ivr.PaymentAmount", lambda: f"{RNG.randint(5, 4999)}.{RNG.randrange(100):02d}", True),
        ("ivr.AuthCode", lambda: digits(6), True),
        ("ivr.TransactionRef", luhn_identifier, True),
        ("ivr.SessionStart", iso_time, True),
        ("context.flowName", lambda: one(FLOW_NAMES), False),
        ("context.flowVersion", lambda: f"{RNG.randint(1, 60)}.0", True),
        ("context.interactionId", new_id, True),
        ("context.startedAt", iso_time, True),
        ("context.sessionTimeoutMs", lambda: str(one([900000, 1800000, 3600000])), True),
        ("context.edgeHost", lambda: f"edge-{RNG.randint(1, 40)}.{one(['use1', 'euw1', 'apse2'])}.pure.cloud", False),
        ("context.region", lambda: one(["us-east-1", "eu-central-1", "sa-east-1"]), False),
        ("Queue.Name", lambda: one(QUEUE_NAMES), False),
        ("Queue.WaitSeconds", lambda: str(RNG.randint(0, 2400)), True),
        ("Queue.Position", lambda: str(RNG.randint(1, 40)), False),
        ("Queue.CallbackScheduledAt", iso_time, True),
        ("Queue.EstimatedWaitMs", lambda: str(RNG.randint(1000, 900000)), True),
        ("Bestellnummer", luhn_identifier, True),
        ("numeroPedido", luhn_identifier, True),
        ("numeroCommande", luhn_identifier, True),
        ("numeroEncomenda", luhn_identifier, True),
        ("invoiceId", lambda: luhn_identifier(one([16, 15])), True),
        ("trackingCode", lambda: one([digits(22), "9400" + digits(18), "JD0" + digits(15)]), True),
        ("ticketNumber", lambda: f"CS-{RNG.randint(100000, 999999)}", True),
        ("crmCaseId", lambda: digits(10), True),
        ("loyaltyId", lambda: digits(12), True),
        ("agentStation", lambda: f"WS-{RNG.randint(100, 999)}", False),
        ("recordingSegmentMs", lambda: str(RNG.randint(10000, 3600000)), True),
        ("holdTime", lambda: f"{RNG.randint(0, 59):02d}:{RNG.randint(0, 59):02d}", True),
        ("lastUpdated", iso_time, True),
        ("createdEpoch", epoch, True),
        ("appVersion", build_version, True),
        ("edgeIp", private_ip, True),
        ("sbcAddress", lambda: f"{private_ip()}:5061", True),
        ("messageHash", lambda: "".join(one("0123456789abcdef") for _ in range(one([32, 40, 64]))), True),
        ("zipCode", lambda: one([digits(5), f"{digits(5)}-{digits(3)}", f"{digits(4)}"]), True),
        ("promoCode", lambda: one(["SPRING25", "VIP2026", "WELCOME10"]), False),
        ("bookingRef", lambda: "".join(one(LETTERS) for _ in range(6)), True),
        ("flightNumber", lambda: one(["LH", "IB", "AF", "TP", "BA"]) + str(RNG.randint(100, 9999)), True),
        ("seat", lambda: f"{RNG.randint(1, 45)}{one('ABCDEF')}", False),
    ]
    return [(k, g(), t) for k, g, t in RNG.sample(pool, RNG.randint(5, 11))]


# ------------------------------------------------------------------ free text

# Sentence templates per language: (text, kinds). Slots: {card} {card_grouped} {ssn} {phone}
# {email} {iban} {nhs} {ip} {dob} {exp} {cvv} {passport} {bank} {order} {date} {time}
# {amount} {ticket} {tracking} {version} {minutes}.
SENTENCES = {
    "en": [
        ("Payment declined for {card}, customer will try another one.", ["CREDIT_CARD"]),
        ("Here are the digits: {card_grouped}.", ["CREDIT_CARD"]),
        ("Agent read back {card} and the caller confirmed.", ["CREDIT_CARD"]),
        ("Charged {amount} to the Visa ending in {last4}.", []),
        ("Customer's social is {ssn}, verified against the account.", ["US_SSN"]),
        ("Taxpayer ID on file: {ssn}.", ["US_SSN"]),
        ("Best number to reach her is {phone}.", ["PHONE"]),
        ("Please ring back on {phone} tomorrow morning.", ["PHONE"]),
        ("Send the receipt to {email}.", ["EMAIL"]),
        ("Refund goes to IBAN {iban}.", ["IBAN"]),
        ("Logged in from IP {ip} before the dispute.", ["IP_ADDRESS"]),
        ("Verified caller, date of birth {dob}.", ["DATE_OF_BIRTH"]),
        ("Card expires {exp}, replacement ordered.", ["CARD_EXPIRY"]),
        ("Expiry is {exp}.", ["CARD_EXPIRY"]),
        ("Security code given: {cvv}.", ["CVV"]),
        ("Passport number {passport} noted for the booking.", ["PASSPORT"]),
        ("Direct deposit to account number {bank}.", ["BANK_ACCOUNT"]),
        ("Callback scheduled for {date} {time}.", []),
        ("Call transferred at {date} {time}.", []),
        ("Called back at {time}, no answer.", []),
        ("Order {order} shipped, tracking {tracking}.", []),
        ("Transaction {order} reversed by the bank.", []),
        ("Ticket {ticket} opened, desktop build {version}.", []),
        ("Customer waited {minutes} minutes in queue.", []),
    ],
    "es": [
        ("Pago rechazado con {card}, el cliente probará con otra.", ["CREDIT_CARD"]),
        ("Los números son {card_grouped}.", ["CREDIT_CARD"]),
        ("Llamar al {phone} por la tarde.", ["PHONE"]),
        ("Mi teléfono es {phone}.", ["PHONE"]),
        ("Enviar el comprobante a {email}.", ["EMAIL"]),
        ("Reembolso a la cuenta IBAN {iban}.", ["IBAN"]),
        ("Fecha de nacimiento: {dob}.", ["DATE_OF_BIRTH"]),
        ("Nació el {dob}.", ["DATE_OF_BIRTH"]),
        ("La tarjeta vence en {exp}.", ["CARD_EXPIRY"]),
        ("Fecha de caducidad {exp}.", ["CARD_EXPIRY"]),
        ("Código de seguridad {cvv}.", ["CVV"]),
        ("Pasaporte número {passport}.", ["PASSPORT"]),
        ("Número de cuenta {bank} para la devolución.", ["BANK_ACCOUNT"]),
        ("Dirección IP {ip} bloqueada por fraude.", ["IP_ADDRESS"]),
        ("Devolución programada para el {date} a las {time}.", []),
        ("Llamada transferida a las {time} del {date}.", []),
        ("Pedido {order} enviado, seguimiento {tracking}.", []),
        ("Incidencia {ticket} abierta.", []),
        ("El cliente esperó {minutes} minutos.", []),
    ],
    "fr": [
        ("Paiement refusé avec {card}, le client réessaiera.", ["CREDIT_CARD"]),
        ("Voici les chiffres : {card_grouped}.", ["CREDIT_CARD"]),
        ("Rappeler le client au {phone}.", ["PHONE"]),
        ("Son portable : {phone}.", ["PHONE"]),
        ("Envoyer la facture à {email}.", ["EMAIL"]),
        ("Remboursement sur l'IBAN {iban}.", ["IBAN"]),
        ("Date de naissance {dob}.", ["DATE_OF_BIRTH"]),
        ("Né le {dob}.", ["DATE_OF_BIRTH"]),
        ("La carte expire en {exp}.", ["CARD_EXPIRY"]),
        ("Date d'expiration {exp}.", ["CARD_EXPIRY"]),
        ("Cryptogramme {cvv}.", ["CVV"]),
        ("Numéro de passeport {passport}.", ["PASSPORT"]),
        ("Numéro de compte {bank}.", ["BANK_ACCOUNT"]),
        ("Adresse IP {ip} signalée.", ["IP_ADDRESS"]),
        ("Rappel prévu le {date} à {time}.", []),
        ("Appel transféré à {time} le {date}.", []),
        ("Commande {order} expédiée, suivi {tracking}.", []),
        ("Ticket {ticket} ouvert.", []),
        ("Attente de {minutes} minutes.", []),
    ],
    "de": [
        ("Zahlung mit {card} abgelehnt, Kunde versucht es erneut.", ["CREDIT_CARD"]),
        ("Die Nummer lautet {card_grouped}.", ["CREDIT_CARD"]),
        ("Bitte unter {phone} zurückrufen.", ["PHONE"]),
        ("Rückruf unter {phone} gewünscht.", ["PHONE"]),
        ("Handy: {phone}.", ["PHONE"]),
        ("Rechnung an {email} schicken.", ["EMAIL"]),
        ("Erstattung auf IBAN {iban}.", ["IBAN"]),
        ("Geburtsdatum {dob}.", ["DATE_OF_BIRTH"]),
        ("Geboren am {dob}.", ["DATE_OF_BIRTH"]),
        ("Karte gültig bis {exp}.", ["CARD_EXPIRY"]),
        ("Ablaufdatum {exp}.", ["CARD_EXPIRY"]),
        ("Prüfnummer {cvv}.", ["CVV"]),
        ("Reisepassnummer {passport}.", ["PASSPORT"]),
        ("Kontonummer {bank}.", ["BANK_ACCOUNT"]),
        ("IP-Adresse {ip} gesperrt.", ["IP_ADDRESS"]),
        ("Rückruf geplant für {date} {time}.", []),
        ("Anruf um {time} am {date} weitergeleitet.", []),
        ("Bestellung {order} versendet, Sendungsnummer {tracking}.", []),
        ("Ticket {ticket} eröffnet.", []),
        ("Wartezeit {minutes} Minuten.", []),
    ],
    "pt": [
        ("Pagamento recusado com {card}, cliente vai tentar outro.", ["CREDIT_CARD"]),
        ("Os números são {card_grouped}.", ["CREDIT_CARD"]),
        ("Ligar para {phone} à tarde.", ["PHONE"]),
        ("Meu telefone é {phone}.", ["PHONE"]),
        ("Enviar o comprovante para {email}.", ["EMAIL"]),
        ("Reembolso no IBAN {iban}.", ["IBAN"]),
        ("Data de nascimento {dob}.", ["DATE_OF_BIRTH"]),
        ("Nascido em {dob}.", ["DATE_OF_BIRTH"]),
        ("Cartão válido até {exp}.", ["CARD_EXPIRY"]),
        ("Validade {exp}.", ["CARD_EXPIRY"]),
        ("Código de segurança {cvv}.", ["CVV"]),
        ("Passaporte número {passport}.", ["PASSPORT"]),
        ("Número da conta {bank}.", ["BANK_ACCOUNT"]),
        ("Endereço IP {ip} bloqueado.", ["IP_ADDRESS"]),
        ("Retorno agendado para {date} às {time}.", []),
        ("Ligação transferida às {time} de {date}.", []),
        ("Pedido {order} enviado, rastreio {tracking}.", []),
        ("Chamado {ticket} aberto.", []),
        ("Cliente aguardou {minutes} minutos.", []),
    ],
}

# Conversation turns: the agent asks in one turn, the customer answers in the next.
TURNS = {
    "en": [("Agent", "Customer"), [
        ("Can I have your social security number?", "Sure, it's {ssn}.", ["US_SSN"]),
        ("And the last step, your SSN please.", "{ssn}", ["US_SSN"]),
        ("What's the long number on the front?", "{card}", ["CREDIT_CARD"]),
        ("Could you read me the digits on your card?", "Yes, {card_grouped}.", ["CREDIT_CARD"]),
        ("And the three digits on the back?", "{cvv}", ["CVV"]),
        ("When does it expire?", "{exp}", ["CARD_EXPIRY"]),
        ("Can you confirm your date of birth?", "It's {dob}.", ["DATE_OF_BIRTH"]),
        ("What number should we call you back on?", "{phone}", ["PHONE"]),
        ("Is there a good email for the receipt?", "Yes, {email}", ["EMAIL"]),
        ("Thanks for waiting, how can I help?", "My order {order} never arrived.", []),
        ("Anything else today?", "No, thanks, callback at {time} works.", []),
    ]],
    "es": [("Agente", "Cliente"), [
        ("¿Me da el número de la tarjeta?", "Claro, {card}.", ["CREDIT_CARD"]),
        ("¿Y el código de seguridad?", "{cvv}", ["CVV"]),
        ("¿Fecha de vencimiento?", "{exp}", ["CARD_EXPIRY"]),
        ("¿Su fecha de nacimiento?", "{dob}", ["DATE_OF_BIRTH"]),
        ("¿A qué número le devolvemos la llamada?", "Al {phone}.", ["PHONE"]),
        ("¿Algo más?", "No, gracias, mi pedido es el {order}.", []),
    ]],
    "fr": [("Conseiller", "Client"), [
        ("Pouvez-vous me donner le numéro de votre carte ?", "Oui, {card}.", ["CREDIT_CARD"]),
        ("Et le cryptogramme au dos ?", "{cvv}", ["CVV"]),
        ("La date d'expiration ?", "{exp}", ["CARD_EXPIRY"]),
        ("Votre date de naissance ?", "{dob}", ["DATE_OF_BIRTH"]),
        ("À quel numéro vous rappeler ?", "Au {phone}.", ["PHONE"]),
        ("Autre chose ?", "Non, ma commande est la {order}.", []),
    ]],
    "de": [("Mitarbeiter", "Kunde"), [
        ("Können Sie mir die Kartennummer nennen?", "Ja, {card}.", ["CREDIT_CARD"]),
        ("Und die Prüfnummer auf der Rückseite?", "{cvv}", ["CVV"]),
        ("Wie lautet das Ablaufdatum?", "{exp}", ["CARD_EXPIRY"]),
        ("Ihr Geburtsdatum bitte?", "{dob}", ["DATE_OF_BIRTH"]),
        ("Unter welcher Nummer erreichen wir Sie?", "Unter {phone}.", ["PHONE"]),
        ("Noch etwas?", "Nein, danke, Bestellung {order}.", []),
    ]],
    "pt": [("Atendente", "Cliente"), [
        ("Pode me passar o número do cartão?", "Claro, {card}.", ["CREDIT_CARD"]),
        ("E o código de segurança?", "{cvv}", ["CVV"]),
        ("Qual a validade?", "{exp}", ["CARD_EXPIRY"]),
        ("Sua data de nascimento?", "{dob}", ["DATE_OF_BIRTH"]),
        ("Em qual número retornamos?", "No {phone}.", ["PHONE"]),
        ("Mais alguma coisa?", "Não, meu pedido é o {order}.", []),
    ]],
}


def slot_values(market, lang):
    card = card_number()
    when = NOW + datetime.timedelta(days=RNG.randint(-200, 400))
    date = one([when.date().isoformat(), when.strftime("%d/%m/%Y"), when.strftime("%d.%m.%Y"),
                when.strftime("%m/%d/%Y")])
    time = one([when.strftime("%H:%M"), f"{RNG.randint(1, 12)}:{RNG.randrange(60):02d} {one(['am', 'pm'])}",
                when.strftime("%Hh%M")])
    iban_country = MARKETS[market][3] or one(["DE", "FR", "ES", "GB", "NL"])
    return {
        "card": card_text(card), "card_grouped": grouped_card(card), "ssn": ssn_text(ssn_digits_value()),
        "phone": phone_text(MARKETS[market][2]), "email": email_value(market), "iban": iban_value(iban_country),
        "nhs": nhs_value(), "ip": public_ipv4() if maybe(0.8) else public_ipv6(), "dob": dob_text(lang, market),
        "exp": expiry_text(lang), "cvv": cvv_value(), "passport": passport_value(market),
        "bank": bank_value(market), "order": luhn_identifier(), "date": date, "time": time,
        "amount": f"{RNG.randint(5, 900)}.{RNG.randrange(100):02d}", "last4": digits(4),
        "ticket": f"{one(['INC', 'CS', 'TK'])}{digits(7)}", "tracking": one([digits(22), "1Z" + digits(16)]),
        "version": build_version(), "minutes": str(RNG.randint(2, 45)),
    }


def note_text(market, lang, n):
    chosen = [one(SENTENCES[lang]) for _ in range(n)]
    values = slot_values(market, lang)
    if market == "en-US" and maybe(0.3):
        chosen.append(one([("SSN on file {ssn}.", ["US_SSN"]), ("Verified with SSN {ssn}.", ["US_SSN"])]))
    if market == "en-GB" and maybe(0.3):
        chosen.append(("NHS number {nhs} confirmed.", ["UK_NHS"]))
    kinds = sorted({k for _, ks in chosen for k in ks})
    return " ".join(t.format(**values) for t, _ in chosen), kinds


def turns_text(market, lang):
    (agent, customer), exchanges = TURNS[lang if lang in TURNS else "en"]
    chosen = RNG.sample(exchanges, RNG.randint(1, 3))
    values = slot_values(market, lang)
    if lang == "en" and market != "en-US":
        chosen = [c for c in chosen if "US_SSN" not in c[2]] or [exchanges[-1]]
    sep = one([" | ", "\n", " | "])
    parts = []
    for ask, answer, _ in chosen:
        parts.append(f"{agent}: {ask.format(**values)}")
        parts.append(f"{customer}: {answer.format(**values)}")
    kinds = sorted({k for _, _, ks in chosen for k in ks})
    return sep.join(parts), kinds


# ------------------------------------------------------------------ records

def keyed_value(kind, market, lang):
    if kind == "CREDIT_CARD":
        return card_text(card_number())
    if kind == "US_SSN":
        return ssn_text(ssn_digits_value())
    if kind == "EMAIL":
        return email_value(market)
    if kind == "PHONE":
        return phone_text(MARKETS[market][2])
    if kind == "IBAN":
        return iban_value(MARKETS[market][3] or one(["DE", "FR", "GB"]))
    if kind == "UK_NHS":
        return nhs_value()
    if kind == "IP_ADDRESS":
        return public_ipv4() if maybe(0.75) else public_ipv6()
    if kind == "DATE_OF_BIRTH":
        return dob_text(lang, market)
    if kind == "CVV":
        return cvv_value()
    if kind == "CARD_EXPIRY":
        return expiry_text(lang)
    if kind == "PASSPORT":
        return passport_value(market)
    if kind == "BANK_ACCOUNT":
        return bank_value(market)
    raise ValueError(kind)


def kinds_for(market):
    kinds = ["CREDIT_CARD", "EMAIL", "PHONE", "PHONE", "DATE_OF_BIRTH", "CVV", "CARD_EXPIRY",
             "PASSPORT", "BANK_ACCOUNT", "IP_ADDRESS"]
    if MARKETS[market][3]:
        kinds.append("IBAN")
    if market == "en-US":
        kinds += ["US_SSN", "US_SSN"]
    if market == "en-GB":
        kinds.append("UK_NHS")
    return kinds


def masked(kind):
    return one({
        "CREDIT_CARD": ["**** **** **** " + digits(4), "XXXXXXXXXXXX" + digits(4), "ending " + digits(4)],
        "US_SSN": ["***-**-" + digits(4), "xxx-xx-" + digits(4)],
        "PHONE": ["withheld", "private", "anonymous"],
        "CVV": ["***"],
        "IP_ADDRESS": [private_ip()],
    }.get(kind, ["REDACTED", "n/a", "-"]))


OPAQUE = ["customField2", "userData4", "crm.value1", "attr07", "field_9", "extra.data"]
TEXT_KEYS = ["agentNotes", "notes", "comentarios", "kommentar", "observacoes", "chat.lastMessage",
             "remarque", "transcriptSummary"]


def record():
    market = RNG.choices(list(MARKET_WEIGHTS), list(MARKET_WEIGHTS.values()))[0]
    lang = MARKETS[market][1]
    labels = {"pii": {}, "text": [], "opaque": [], "traps": [], "market": market}
    rec = {"conversationId": new_id(), "mediaType": one(["call", "call", "call", "callback", "chat"]),
           "participants": []}

    def label(path, kinds, cls=None, trap=False):
        if kinds:
            labels["pii"][path] = sorted(set(kinds))
        if cls:
            labels[cls].append(path)
        if trap:
            labels["traps"].append(path)

    for pi, purpose in enumerate(one([["ivr", "customer", "agent"], ["customer", "agent"],
                                      ["ivr", "acd", "customer", "agent"]])):
        base = f"participants[{pi}]"
        attrs = {}
        for key, value, trap in system_fields():
            attrs[key] = value
            label(f"{base}.attributes.{key}", [], trap=trap)
        if purpose in ("ivr", "customer"):
            for kind in RNG.sample(kinds_for(market), RNG.randint(1, 4)):
                key = pii_key(kind, lang)
                if key in attrs:
                    continue
                if maybe(0.07):
                    attrs[key] = masked(kind)
                    label(f"{base}.attributes.{key}", [])
                    continue
                attrs[key] = keyed_value(kind, market, lang)
                label(f"{base}.attributes.{key}", [kind])
            if maybe(0.12):
                kind = one(["CREDIT_CARD", "EMAIL", "PHONE", "IBAN"] if MARKETS[market][3] else
                           ["CREDIT_CARD", "EMAIL", "PHONE"])
                key = one(OPAQUE)
                if kind == "CREDIT_CARD":
                    value = grouped_card(card_number())
                elif kind == "PHONE":
                    value = phone_text(MARKETS[market][2], one(["international", "e164"]))
                else:
                    value = keyed_value(kind, market, lang)
                attrs[key] = value
                label(f"{base}.attributes.{key}", [kind], "opaque")
        if purpose in ("customer", "agent") and maybe(0.3):
            key = one(TEXT_KEYS)
            text, kinds = note_text(market, lang, RNG.randint(1, 3)) if maybe(0.6) else turns_text(market, lang)
            attrs[key] = text
            label(f"{base}.attributes.{key}", kinds, "text")
        participant = {"participantId": new_id(), "purpose": purpose, "attributes": attrs}
        if purpose == "agent" and maybe(0.5):
            text, kinds = note_text(market, lang, RNG.randint(1, 2)) if maybe(0.5) else turns_text(market, lang)
            participant["wrapup"] = {"code": one(["Payment", "Billing", "Callback"]), "notes": text}
            label(f"{base}.wrapup.notes", kinds, "text")
        rec["participants"].append(participant)

    if maybe(0.25):
        # A Genesys transcription body: the customer's utterances (EXTERNAL channel).
        items = []
        for ti in range(RNG.randint(1, 2)):
            values = slot_values(market, lang)
            template, kinds = one([t for t in SENTENCES[lang] if not set(t[1]) & {"IBAN", "IP_ADDRESS", "EMAIL"}])
            items.append({"utteranceId": new_id(), "isFinal": True, "channel": "EXTERNAL",
                          "alternatives": [{"confidence": round(RNG.uniform(0.6, 0.99), 2),
                                            "offsetMs": RNG.randint(1000, 600000), "durationMs": RNG.randint(800, 9000),
                                            "transcript": template.format(**values).rstrip(".").lower()}]})
            label(f"transcripts[{ti}].alternatives[0].transcript", kinds, "text")
        rec["transcripts"] = items
    if maybe(0.6):
        text, kinds = note_text(market, lang, RNG.randint(1, 3)) if maybe(0.6) else turns_text(market, lang)
        rec["wrapUpNotes"] = text
        label("wrapUpNotes", kinds, "text")
    rec["labels"] = labels
    return rec


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=7140001)
    ap.add_argument("--records", type=int, default=1000)
    ap.add_argument("--out", default="-")
    args = ap.parse_args()
    seed_all(args.seed)
    out = sys.stdout if args.out == "-" else open(args.out, "w", encoding="utf-8", newline="\n")
    for _ in range(args.records):
        out.write(json.dumps(record(), ensure_ascii=False) + "\n")
    if out is not sys.stdout:
        out.close()


if __name__ == "__main__":
    main()

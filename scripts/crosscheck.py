#!/usr/bin/env python3
"""Emit validator test cases with the verdict of independent implementations (JSON Lines).

Each line: {"check": <name>, "value": <text>, "valid": <bool>}. Checks and oracles:

  luhn        stdnum.luhn.is_valid                         (digit strings of 2-19 digits)
  card        faker card numbers (real issuer prefixes) are valid; a one-digit change
              (Luhn broken, per stdnum.luhn) is not
  us_ssn      stdnum.us.ssn.is_valid, plus 123-45-6789 rejected (documented engine rule)
  iban        stdnum.iban.is_valid(check_country=False)    (registry length, BBAN format, mod-97)
  uk_nhs      stdnum.gb.nhs.is_valid
  phone_e164  phonenumbers.is_valid_number on parse("+" + digits), every calling code
  nanp_phone  phonenumbers.is_valid_number on +1 + the ten digits
  uk_phone    phonenumbers.is_valid_number on a national UK number (trunk 0)
  national_phone  every region: numbers written nationally (as format_number NATIONAL writes
              them, as bare digits, without the trunk prefix), valid and mutated;
              phonenumbers.is_valid_number on parse(text, region) and the national prefix
              present where the format requires it (the matcher's VALID leniency); the line
              carries "region"

Seeded: the same seed gives the same lines.
"""
import argparse
import json
import random

import phonenumbers
from faker import Faker
from phonenumbers import PhoneNumberFormat, PhoneNumberType
from phonenumbers.phonenumbermatcher import _is_national_prefix_present_if_required
from stdnum import iban as std_iban
from stdnum import luhn as std_luhn
from stdnum.gb import nhs as std_nhs
from stdnum.us import ssn as std_ssn

R = random.Random()


def emit(check, value, valid, **extra):
    print(json.dumps({"check": check, "value": value, "valid": bool(valid), **extra}))


def digits(n):
    return "".join(str(R.randrange(10)) for _ in range(n))


def luhn_cases(n):
    for _ in range(n):
        d = digits(R.randint(1, 18))
        if R.random() < 0.5:
            d += std_luhn.calc_check_digit(d)
        else:
            d += str(R.randrange(10))
        emit("luhn", d, std_luhn.is_valid(d))


def card_cases(f, n):
    types = ["visa16", "visa13", "visa19", "mastercard", "amex", "discover", "diners", "maestro"]
    for _ in range(n):
        v = f.credit_card_number(card_type=R.choice(types))
        if R.random() < 0.1:
            # Faker's JCB prefix "35" includes 3500-3527 (not JCB): build real JCB numbers.
            body = str(R.randint(3528, 3589)) + digits(11)
            v = body + std_luhn.calc_check_digit(body)
        if R.random() < 0.4:
            i = R.randrange(len(v))
            v = v[:i] + str((int(v[i]) + R.randint(1, 9)) % 10) + v[i + 1:]
        emit("card", v, std_luhn.is_valid(v))


def ssn_cases(n):
    specials = ["078051120", "219099999", "457555462", "123456789", "000123456", "666123456"]
    for _ in range(n):
        r = R.random()
        if r < 0.05:
            d = R.choice(specials)
        elif r < 0.2:
            d = R.choice(["000", "666", "9" + digits(2)]) + digits(6)
        elif r < 0.3:
            d = digits(3) + R.choice(["00", digits(2)]) + R.choice(["0000", digits(4)])
        else:
            d = digits(9)
        value = d if R.random() < 0.5 else f"{d[:3]}-{d[3:5]}-{d[5:]}"
        emit("us_ssn", value, std_ssn.is_valid(value) and d != "123456789")


def iban_cases(fakers, n):
    for _ in range(n):
        v = R.choice(fakers).iban()
        r = R.random()
        if r < 0.2:  # break the check digits
            v = v[:2] + f"{(int(v[2:4]) + R.randint(1, 96)) % 100:02d}" + v[4:]
        elif r < 0.3:  # transpose two BBAN characters
            i = R.randrange(4, len(v) - 1)
            v = v[:i] + v[i + 1] + v[i] + v[i + 2:]
        elif r < 0.35:  # wrong length
            v = v[:-1] if R.random() < 0.5 else v + str(R.randrange(10))
        elif r < 0.4:  # other country code
            v = R.choice(["GB", "DE", "FR", "US", "XX", "NL"]) + v[2:]
        if R.random() < 0.4:
            v = std_iban.format(v)
        if R.random() < 0.15:
            v = v.lower()
        emit("iban", v, std_iban.is_valid(v, check_country=False))


def nhs_cases(n):
    for _ in range(n):
        body = digits(9)
        total = sum(int(c) * w for c, w in zip(body, range(10, 1, -1)))
        check = (11 - total % 11) % 11
        d = body + (str(check) if check < 10 and R.random() < 0.6 else str(R.randrange(10)))
        value = d if R.random() < 0.6 else f"{d[:3]} {d[3:6]} {d[6:]}"
        emit("uk_nhs", value, std_nhs.is_valid(value))


def e164_oracle(d):
    if not d or d[0] == "0":
        return False
    try:
        return phonenumbers.is_valid_number(phonenumbers.parse("+" + d))
    except phonenumbers.NumberParseException:
        return False


def national_oracle(text, region):
    try:
        n = phonenumbers.parse(text, region, keep_raw_input=True)
    except phonenumbers.NumberParseException:
        return False
    return phonenumbers.is_valid_number(n) and _is_national_prefix_present_if_required(n)


def national_cases(per_region):
    types = [PhoneNumberType.MOBILE, PhoneNumberType.FIXED_LINE, PhoneNumberType.TOLL_FREE]
    for region in sorted(phonenumbers.SUPPORTED_REGIONS):
        for _ in range(per_region):
            ex = phonenumbers.example_number_for_type(region, R.choice(types)) \
                or phonenumbers.example_number(region)
            if ex is None:
                continue
            nsn = phonenumbers.national_significant_number(ex)
            keep = max(1, len(nsn) - R.randint(0, 6))
            nsn = nsn[:keep] + digits(len(nsn) - keep + R.choice([0, 0, 0, 0, -1, 1]))
            try:
                n = phonenumbers.parse(nsn, region)
                national = phonenumbers.format_number(n, PhoneNumberFormat.NATIONAL)
            except phonenumbers.NumberParseException:
                national = nsn
            value = R.choice([national, national, "".join(c for c in national if c.isdigit()), nsn])
            emit("national_phone", value, national_oracle(value, region), region=region)


def phone_cases(n):
    regions = sorted(phonenumbers.SUPPORTED_REGIONS)
    for _ in range(n):
        r = R.random()
        if r < 0.3:
            region = R.choice(regions)
            ex = phonenumbers.example_number_for_type(region, R.choice(
                [phonenumbers.PhoneNumberType.MOBILE, phonenumbers.PhoneNumberType.FIXED_LINE]))
            if ex is None:
                continue
            s = str(ex.national_number)
            keep = max(1, len(s) - R.randint(0, 6))
            d = str(ex.country_code) + s[:keep] + digits(len(s) - keep + R.choice([0, 0, 0, -1, 1]))
        elif r < 0.55:
            d = "1" + str(R.randint(2, 9)) + digits(9 + R.choice([0, 0, 0, 0, -1, 1]))
        elif r < 0.8:
            d = "44" + R.choice("1237895") + digits(R.choice([9, 9, 9, 8, 6, 10]))
        else:
            d = str(R.randint(1, 999)) + digits(R.randint(4, 13))
        d = d[:17]
        value = "+" + d
        if R.random() < 0.3:
            try:
                value = phonenumbers.format_number(phonenumbers.parse(value), PhoneNumberFormat.INTERNATIONAL)
            except phonenumbers.NumberParseException:
                pass
        emit("phone_e164", value, e164_oracle(d))
    for _ in range(n // 3):
        d = str(R.randint(2, 9)) + digits(2) + str(R.randint(0, 9)) + digits(6)
        n_ = phonenumbers.PhoneNumber(country_code=1, national_number=int(d))
        value = R.choice([d, f"({d[:3]}) {d[3:6]}-{d[6:]}", f"{d[:3]}.{d[3:6]}.{d[6:]}"])
        emit("nanp_phone", value, phonenumbers.is_valid_number(n_))
    for _ in range(n // 3):
        nsn = R.choice("1237895") + digits(R.choice([9, 9, 9, 8, 6]))
        n_ = phonenumbers.PhoneNumber(country_code=44, national_number=int(nsn))
        emit("uk_phone", "0" + nsn, phonenumbers.is_valid_number(n_))


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--seed", type=int, default=20261105)
    ap.add_argument("--n", type=int, default=2000, help="cases per check")
    args = ap.parse_args()
    R.seed(args.seed)
    Faker.seed(args.seed)
    fakers = [Faker(loc) for loc in ("en_US", "en_GB", "de_DE", "fr_FR", "nl_NL", "es_ES", "it_IT",
                                     "pl_PL", "pt_PT", "sv_SE", "no_NO", "fi_FI", "de_CH", "en_IE")]
    for i, f in enumerate(fakers):
        f.seed_instance(args.seed + i)
    luhn_cases(args.n)
    card_cases(fakers[0], args.n)
    ssn_cases(args.n)
    iban_cases(fakers, args.n)
    nhs_cases(args.n)
    phone_cases(args.n * 2)
    national_cases(max(8, args.n // 100))


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Generate src/detect/content/phone_meta.rs from libphonenumber's metadata (the `phonenumbers`
package carries the same metadata as Google's libphonenumber).

For every region (and every non-geographic entity, region `001`), in country-calling-code order
with each code's main region first (libphonenumber's order), the table keeps what number
validation reads:

* the country calling code;
* the national prefix for parsing (a pattern) and its transform rule (a literal and a group);
* the leading-digits pattern that picks a region among those sharing a calling code;
* the general description: pattern, possible lengths and local-only lengths;
* the number types (fixed line, mobile, toll free, ...) grouped by their possible lengths: one
  alternation of patterns per distinct length set;
* the national number formats, in order, when one of them requires the national prefix in a
  nationally written number (libphonenumber's matcher checks this at its VALID leniency): each
  format's last leading-digits pattern, its pattern, and whether it requires the prefix.

The Rust side (`phone.rs`) compiles a region's patterns on first use and follows
libphonenumber's `parse` and `is_valid_number` steps; `tests/validator_crosscheck.rs` checks the
result against phonenumbers on numbers of every region.

Usage: python scripts/gen_phone_tables.py > src/detect/content/phone_meta.rs
"""
import re
import sys
import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore", DeprecationWarning)
    import sre_parse

import phonenumbers
from phonenumbers import PhoneMetadata
from phonenumbers.phonenumberutil import COUNTRY_CODE_TO_REGION_CODE

TYPES = ["premium_rate", "toll_free", "shared_cost", "voip", "personal_number", "pager", "uan",
         "voicemail", "fixed_line", "mobile"]


def mask(lengths):
    m = 0
    for n in lengths or ():
        if 0 < n < 32:
            m |= 1 << n
    return m


def rust_str(s):
    if '"#' in s:
        raise ValueError(s)
    return f'r#"{s}"#'


def transform(rule):
    """`268\\1` -> ("268", 1); None when there is no rule."""
    if not rule:
        return None
    i = rule.index("\\")
    return rule[:i], int(rule[i + 1:])


def requires_prefix(fmt):
    rule = fmt.national_prefix_formatting_rule
    if not rule or fmt.national_prefix_optional_when_formatting:
        return False
    return re.fullmatch(r"\(?\\1\)?", rule) is None


def formats(md):
    fmts = list(md.number_format or ())
    if not any(requires_prefix(f) for f in fmts):
        return "&[]"
    items = []
    for f in fmts:
        leading = f.leading_digits_pattern[-1] if f.leading_digits_pattern else ""
        items.append(f"({rust_str(leading)}, {rust_str(f.pattern)}, {str(requires_prefix(f)).lower()})")
    return "&[" + ", ".join(items) + "]"


def prefix_max(md):
    """The most digits a national prefix (or carrier code) can take off the front; 20 when a
    transform rule rewrites the number (any length may come out)."""
    p = md.national_prefix_for_parsing
    if not p:
        return 0
    if md.national_prefix_transform_rule:
        return 20
    return min(20, sre_parse.parse(p).getwidth()[1])


def region_entry(code, cc, md):
    general = md.general_desc
    gmask = mask(general.possible_length)
    groups = {}
    for name in TYPES:
        desc = getattr(md, name)
        if desc is None or not desc.national_number_pattern:
            continue
        m = mask(desc.possible_length) or gmask
        group = groups.setdefault(m, [])
        if desc.national_number_pattern not in group:
            group.append(desc.national_number_pattern)
    types = ", ".join(
        f"(0x{m:x}, {rust_str('|'.join(f'(?:{p})' for p in pats))})" for m, pats in sorted(groups.items()))
    t = transform(md.national_prefix_transform_rule)
    t = f'Some(("{t[0]}", {t[1]}))' if t else "None"
    return (f"    Region {{\n"
            f"        code: \"{code}\",\n"
            f"        cc: {cc},\n"
            f"        national_prefix_for_parsing: {rust_str(md.national_prefix_for_parsing or '')},\n"
            f"        prefix_max: {prefix_max(md)},\n"
            f"        transform: {t},\n"
            f"        leading_digits: {rust_str(md.leading_digits or '')},\n"
            f"        general: {rust_str(general.national_number_pattern or '')},\n"
            f"        lengths: 0x{gmask:x},\n"
            f"        local_lengths: 0x{mask(general.possible_length_local_only):x},\n"
            f"        types: &[{types}],\n"
            f"        formats: {formats(md)},\n"
            f"    }},")


def main():
    entries = []
    for cc in sorted(COUNTRY_CODE_TO_REGION_CODE):
        for code in COUNTRY_CODE_TO_REGION_CODE[cc]:
            md = PhoneMetadata.metadata_for_nongeo_region(cc) if code == "001" \
                else PhoneMetadata.metadata_for_region(code)
            if md is None:
                continue
            entries.append(region_entry(code, cc, md))
    out = sys.stdout
    out.write(f"""//! libphonenumber's metadata for every region, generated by `scripts/gen_phone_tables.py` from
//! phonenumbers {phonenumbers.__version__}. Do not edit by hand; regenerate instead.

/// What number validation reads of one region's metadata. Patterns are libphonenumber's, matched
/// against the whole national significant number; lengths are bit masks (bit `n`: `n` digits).
pub(crate) struct Region {{
    /// ISO 3166 code, or `001` for a non-geographic entity.
    pub code: &'static str,
    /// Country calling code.
    pub cc: u16,
    /// Pattern of a national (trunk) prefix or carrier code at the start of a national number.
    pub national_prefix_for_parsing: &'static str,
    /// The most digits that prefix can take off (20 when a transform rewrites the number).
    pub prefix_max: usize,
    /// Replacement for that prefix: a literal and the capture group that follows it.
    pub transform: Option<(&'static str, usize)>,
    /// Pattern that picks this region among those sharing its calling code.
    pub leading_digits: &'static str,
    /// General description: pattern and possible lengths (and lengths only dialable locally).
    pub general: &'static str,
    pub lengths: u32,
    pub local_lengths: u32,
    /// Number types, grouped by possible lengths: (lengths, alternation of the types' patterns).
    pub types: &'static [(u32, &'static str)],
    /// National formats in order, when one requires the national prefix: (last leading-digits
    /// pattern, pattern, the national prefix is required when the number is written nationally).
    pub formats: &'static [(&'static str, &'static str, bool)],
}}

/// Every region, by calling code, each code's main region first.
#[rustfmt::skip]
pub(crate) static REGIONS: [Region; {len(entries)}] = [
""")
    out.write("\n".join(entries))
    out.write("\n];\n")


if __name__ == "__main__":
    main()

//! IP_ADDRESS: a customer's public IPv4 or IPv6 address.

use super::{phrases, words, Context, KindRules, Pattern, Validator};
use crate::detect::kind::{Kind, PiiKind};

pub static RULES: KindRules = KindRules {
    kind: Kind::Builtin(PiiKind::IpAddress),
    pattern: Pattern::Builtin(
        "Dotted-quad IPv4 and IPv6 (with `::` or eight groups), with a keyword, or in free text \
         unless an identifier word governs it; never a URI host (`@10.20.30.40`, `//host`), \
         never a version (`v10.2.14.3`, five dotted numbers, a version or build word).",
    ),
    keywords: words![
        "ip",
        "ips",
        "ipv",
        "ipv4",
        "ipv6",
        "ipaddr",
        "ipaddress",
        "clientip",
        "customerip",
        "remoteip",
        "sourceip",
        "userip",
        "xff",
        "forwarded",
        "addr",
    ],
    phrases: phrases![],
    ignore_words: words![],
    max_match_distance: 0,
    context: Context::ForWeakShapes,
    validator: Some(Validator::PublicIp),
};

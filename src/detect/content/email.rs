//! E-mail addresses: a structural check of the local part and a real-looking domain with an
//! alphabetic top-level domain. SIP URIs (`sip:agent@org.example.com`) are infrastructure, and
//! file names (`logo@2x.png`) and IP-literal hosts are not e-mail.

const LOCAL_MAX: usize = 64;
const DOMAIN_MAX: usize = 253;

/// Common file extensions that look like a top-level domain after an `@` (`icon@2x.png`).
const FILE_EXTENSIONS: &[&[u8]] = &[
    b"png", b"jpg", b"jpeg", b"gif", b"svg", b"webp", b"bmp", b"ico", b"css", b"js", b"json",
    b"xml", b"txt", b"log", b"pdf", b"gz", b"tgz", b"tar", b"html", b"htm", b"exe", b"dll", b"tmp",
    b"wav", b"mp3", b"mp4", b"csv", b"yaml", b"yml",
];

fn is_local_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'%' | b'+' | b'-' | b'\'')
}

fn is_domain_char(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-')
}

fn local_ok(local: &[u8]) -> bool {
    !local.is_empty()
        && local.len() <= LOCAL_MAX
        && local[0] != b'.'
        && local[local.len() - 1] != b'.'
        && !local.windows(2).any(|w| w == b"..")
        && local.iter().any(u8::is_ascii_alphanumeric)
}

fn domain_ok(domain: &[u8]) -> bool {
    if domain.len() < 4 || domain.len() > DOMAIN_MAX {
        return false;
    }
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in domain.split(|&b| b == b'.') {
        if label.is_empty()
            || label.len() > 63
            || label[0] == b'-'
            || label[label.len() - 1] == b'-'
        {
            return false;
        }
        labels += 1;
        last = label;
    }
    if labels < 2 {
        return false;
    }
    let tld_ok = (2..=24).contains(&last.len()) && last.iter().all(u8::is_ascii_alphabetic)
        || (last.len() > 4 && last[..4].eq_ignore_ascii_case(b"xn--"));
    tld_ok
        && !FILE_EXTENSIONS
            .iter()
            .any(|ext| ext.eq_ignore_ascii_case(last))
}

/// Does `s` contain at least one e-mail address?
pub(crate) fn contains_email(s: &[u8]) -> bool {
    let mut from = 0;
    while let Some(rel) = s
        .get(from..)
        .and_then(|t| t.iter().position(|&b| b == b'@'))
    {
        let at = from + rel;
        from = at + 1;
        // Local part: maximal run of local characters before the `@` (bounded).
        let mut a = at;
        while a > 0 && at - a <= LOCAL_MAX && is_local_char(s[a - 1]) {
            a -= 1;
        }
        if at - a > LOCAL_MAX
            || (a > 0 && is_local_char(s[a - 1]))
            || super::exclusions::after_sip_scheme(s, a)
        {
            continue;
        }
        // Domain: maximal run of domain characters after the `@`, without a trailing dot/dash.
        let mut b = at + 1;
        while b < s.len() && b - at <= DOMAIN_MAX + 1 && is_domain_char(s[b]) {
            b += 1;
        }
        if b < s.len() && is_domain_char(s[b]) {
            continue;
        }
        let mut end = b;
        while end > at + 1 && matches!(s[end - 1], b'.' | b'-') {
            end -= 1;
        }
        let (local, domain) = (&s[a..at], &s[at + 1..end]);
        if local_ok(local) && domain_ok(domain) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    fn has(s: &str) -> bool {
        contains_email(s.as_bytes())
    }

    #[test]
    fn addresses() {
        assert!(has("jane.doe@example.com"));
        assert!(has("JANE.DOE@EXAMPLE.CO.UK"));
        assert!(has("Customer email: j_smith+billing@mail.example.org."));
        assert!(has("mailto:jane@example.com"));
        assert!(has("o'brien@example.ie"));
        assert!(has("a@b.io"));
    }

    #[test]
    fn not_addresses() {
        assert!(!has("ivr.menu=1"));
        assert!(!has("sip:+18005550100@10.20.30.40"));
        assert!(!has("sip:agent.smith@org.mypurecloud.com"));
        assert!(!has("logo@2x.png"));
        assert!(!has("user@localhost"));
        assert!(!has("jane..doe@example.com"));
        assert!(!has(".jane@example.com"));
        assert!(!has("jane@-example.com"));
        assert!(!has("jane@example.c0m"));
        assert!(!has("@example.com"));
        assert!(!has("jane@"));
        assert!(!has("@@@@"));
        assert!(!has("price @ 5.99"));
    }
}

//! The fix for each Genesys error a user meets, as one line: the troubleshooting table in code.

/// The permission the pause and resume calls need.
pub const PAUSE_PERMISSION: &str = "conversation:recording:pauseOthers";
/// The permission `GET /api/v2/conversations/{id}` needs (conversation topics are read to be scanned).
pub const READ_PERMISSION: &str = "conversation:communication:view";

/// One line that says what to do about an API error with this status and Genesys `code`.
pub fn hint(status: u16, code: &str, message: &str) -> String {
    match (status, code) {
        (403, "missing.permissions" | "missing.any.permissions") => {
            let named = permissions_in(message);
            let missing = if named.is_empty() { PAUSE_PERMISSION.to_string() } else { named.join(", ") };
            format!(
                "the OAuth client's role lacks {missing}: add a role with {missing} to the OAuth client (Admin > OAuth > Roles) \
                 in a division that covers the conversation; client-credentials clients get permissions from roles, \
                 OAuth scopes do not apply to them"
            )
        }
        (403, "missing.division.permission") => format!(
            "the OAuth client holds {PAUSE_PERMISSION} but not in the conversation's division: grant the role in that \
             division (or all divisions) on the OAuth client; scopes do not apply to client credentials"
        ),
        (403, _) => format!(
            "Genesys refused the call: check that the OAuth client has a role with {PAUSE_PERMISSION} in a division covering \
             the conversation; scopes do not apply to client-credentials clients"
        ),
        (401, "credentials.expired") => "the access token expired; pii-pause fetched a new one and retried once".into(),
        (401, _) => "the access token was not accepted: check that GENESYS_REGION (or the secret's region) is the org's \
                     region, since a token from one region is invalid in another"
            .into(),
        (404, _) => "no such conversation in this org and region: check the conversation id, that GENESYS_REGION matches \
                     the org, and that the conversation has not ended and been purged"
            .into(),
        (400, "conversation.ended" | "conversation.disconnected") => {
            "the conversation has ended: its recording can no longer be paused; delete or redact the span after the fact".into()
        }
        (400, _) => "Genesys rejected the request as invalid: the conversation may have ended or have no recording to pause".into(),
        (409, _) => "the conversation changed at the same time (conflict): the event is retried".into(),
        (429, _) => "Genesys rate limit reached (300 requests per minute per token by default): lower MAX_CONCURRENCY or \
                     reserved concurrency, or buffer events through SQS"
            .into(),
        (500..=599, _) => "Genesys is unavailable or timed out: the event is retried; check status.mypurecloud.com".into(),
        _ => format!("unexpected Genesys answer {status} {code}"),
    }
}

/// Permission names (`domain:entity:action`) mentioned in an error message.
fn permissions_in(message: &str) -> Vec<String> {
    message
        .split(|c: char| c.is_whitespace() || c == ',' || c == '[' || c == ']' || c == '"')
        .map(|w| w.trim_end_matches(['.', ';', ')']).trim_start_matches('('))
        .filter(|w| {
            let parts: Vec<&str> = w.split(':').collect();
            parts.len() == 3
                && parts.iter().all(|p| {
                    !p.is_empty() && p.chars().all(|c| c.is_ascii_alphanumeric() || c == '*')
                })
        })
        .map(str::to_string)
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_permission_names_it_and_says_scopes_do_not_apply() {
        let h = hint(
            403,
            "missing.permissions",
            "Unable to perform the requested action. You are missing the following permission(s): conversation:recording:pauseOthers",
        );
        assert!(
            h.contains("lacks conversation:recording:pauseOthers"),
            "{h}"
        );
        assert!(h.contains("scopes do not apply"), "{h}");
        let h = hint(
            403,
            "missing.any.permissions",
            "You must have at least one of: [telephony:plugin:all]",
        );
        assert!(h.contains("lacks telephony:plugin:all"), "{h}");
        let h = hint(403, "missing.permissions", "no names here");
        assert!(h.contains(PAUSE_PERMISSION), "{h}");
    }

    #[test]
    fn each_status_has_a_fix() {
        assert!(hint(404, "not.found", "").contains("GENESYS_REGION"));
        assert!(hint(401, "bad.credentials", "").contains("region"));
        assert!(hint(429, "too.many.requests.retry.after", "").contains("MAX_CONCURRENCY"));
        assert!(hint(403, "missing.division.permission", "").contains("division"));
        assert!(hint(503, "service.unavailable", "").contains("retried"));
    }
}

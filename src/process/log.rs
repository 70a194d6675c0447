//! The one log line per decided conversation: ids, action, export decision, kinds found (never values), and on
//! failure the code, the platform's correlation id and the hint.

use crate::report::{Action, ConversationResult};

/// The wire name of an action (`already_paused`).
pub fn action_name(action: Action) -> String {
    serde_json::to_value(action)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

pub fn result(r: &ConversationResult, event_id: Option<&str>) {
    let mut kinds: Vec<&str> = r.findings.iter().map(|f| f.kind.as_str()).collect();
    kinds.dedup();
    let action = action_name(r.action);
    let export = r.export.as_str();
    match &r.error {
        None => tracing::info!(
            conversation_id = %r.conversation_id,
            platform = r.platform,
            event_id = event_id.unwrap_or(""),
            action = %action,
            export,
            kinds = %kinds.join(","),
            context_id = r.context_id.as_deref().unwrap_or(""),
            "conversation decided"
        ),
        Some(e) => tracing::warn!(
            conversation_id = %r.conversation_id,
            platform = r.platform,
            event_id = event_id.unwrap_or(""),
            action = %action,
            export,
            kinds = %kinds.join(","),
            code = %e.code,
            context_id = e.context_id.as_deref().unwrap_or(""),
            hint = %e.hint,
            "conversation not handled"
        ),
    }
}

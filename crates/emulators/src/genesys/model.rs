//! The emulated org: OAuth clients with role grants, conversations with recording state, and its JSON seed format.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The permission that secure pause needs.
pub const PAUSE_OTHERS: &str = "conversation:recording:pauseOthers";
/// The permission `GET /api/v2/conversations/{id}` needs.
pub const COMMUNICATION_VIEW: &str = "conversation:communication:view";

/// A role granted to an OAuth client in some divisions (`*` = all).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct RoleGrant {
    pub name: String,
    pub permissions: Vec<String>,
    #[serde(default = "all_divisions")]
    pub divisions: Vec<String>,
}

fn all_divisions() -> Vec<String> {
    vec!["*".to_string()]
}

/// A client-credentials OAuth client.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OAuthClient {
    pub client_id: String,
    pub client_secret: String,
    #[serde(default)]
    pub name: String,
    #[serde(default)]
    pub roles: Vec<RoleGrant>,
    /// Token lifetime; Genesys allows 300..=172800 s, default 86400.
    #[serde(default = "default_lifetime")]
    pub token_lifetime_seconds: u64,
}

fn default_lifetime() -> u64 {
    86_400
}

/// Whether a client's grants allow `permission` in `division`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    Allowed,
    /// Held, but in no division that covers the conversation.
    WrongDivision,
    Missing,
}

impl OAuthClient {
    /// Whether the client holds `permission` in `division` (`*`: in any division).
    pub fn grant(&self, permission: &str, division: &str) -> Grant {
        let holding: Vec<&RoleGrant> = self
            .roles
            .iter()
            .filter(|r| r.permissions.iter().any(|p| p == permission))
            .collect();
        if holding.is_empty() {
            Grant::Missing
        } else if division == "*"
            || holding
                .iter()
                .any(|r| r.divisions.iter().any(|d| d == "*" || d == division))
        {
            Grant::Allowed
        } else {
            Grant::WrongDivision
        }
    }
}

/// A participant of an emulated conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Participant {
    pub id: String,
    #[serde(default = "customer")]
    pub purpose: String,
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
}

fn customer() -> String {
    "customer".to_string()
}

/// An emulated conversation.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Conversation {
    pub id: String,
    /// `call`, `chat`, `email`, `message`, `callback`, `video`, ...
    #[serde(default = "call")]
    pub media_type: String,
    #[serde(default = "home_division")]
    pub division_id: String,
    /// `ACTIVE`, `PAUSED` or `NONE` (not recorded). `PAUSED` with `securePause` false is a pause by hold
    /// suppression ("Suppress Recordings During Hold"), not a secure pause.
    #[serde(default = "active")]
    pub recording_state: String,
    /// Whether the recording is in secure pause (kept apart from `recordingState`, as Genesys does).
    #[serde(default)]
    pub secure_pause: bool,
    /// Ended conversations refuse recording-state changes.
    #[serde(default)]
    pub ended: bool,
    #[serde(default = "start_time")]
    pub start_time: String,
    #[serde(default)]
    pub participants: Vec<Participant>,
}

fn call() -> String {
    "call".to_string()
}
fn active() -> String {
    "ACTIVE".to_string()
}
fn start_time() -> String {
    "2026-11-20T10:15:00.000Z".to_string()
}
/// The home division id of the emulated org.
pub const HOME_DIVISION: &str = "00000000-0000-4000-8000-00000000d100";
fn home_division() -> String {
    HOME_DIVISION.to_string()
}

impl Conversation {
    /// The per-media path segment of this conversation (`calls`, `chats`, ...).
    pub fn media_segment(&self) -> &'static str {
        match self.media_type.to_ascii_lowercase().trim_end_matches('s') {
            "call" | "voice" => "calls",
            "callback" => "callbacks",
            "chat" => "chats",
            "cobrowse" | "cobrowsesession" => "cobrowsesessions",
            "email" => "emails",
            "message" => "messages",
            "screenshare" => "screenshares",
            "social" => "socials",
            "video" => "videos",
            _ => "other",
        }
    }
}

/// The seed of an emulated org.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct OrgSeed {
    #[serde(default = "org_id")]
    pub org_id: String,
    #[serde(default = "org_name")]
    pub org_name: String,
    #[serde(default)]
    pub clients: Vec<OAuthClient>,
    #[serde(default)]
    pub conversations: Vec<Conversation>,
    /// API requests allowed per token per minute before 429 (Genesys default: 300).
    #[serde(default = "rate")]
    pub rate_limit_per_minute: u32,
    /// The rate window in milliseconds (Genesys: one minute; shorter windows make load tests fast).
    #[serde(default = "window")]
    pub rate_window_ms: u64,
    /// The status of the answer to `PAUSED` on a recording already in secure pause: 200 (success, the state as
    /// body), 400 or 409 (a Genesys error). The real service's answer is not documented, so it is configurable.
    #[serde(default = "repeated_pause")]
    pub repeated_pause_status: u16,
}

fn repeated_pause() -> u16 {
    200
}

fn window() -> u64 {
    60_000
}

fn org_id() -> String {
    "5a1e3c2b-1111-4222-8333-944455556666".to_string()
}
fn org_name() -> String {
    "pii-pause emulated org".to_string()
}
fn rate() -> u32 {
    300
}

/// The client id and secret of the demo org's fully permitted client.
pub const DEMO_CLIENT_ID: &str = "7de3af06-c0b3-4f9b-af45-72f4a1403797";
pub const DEMO_CLIENT_SECRET: &str = "demo-secret-not-for-production";
/// A client of the demo org whose role lacks `conversation:recording:pauseOthers`.
pub const NO_PAUSE_CLIENT_ID: &str = "0c4c1a3e-5d54-4a51-9f0b-3c2c0d8a9b11";
pub const NO_PAUSE_CLIENT_SECRET: &str = "no-pause-secret-not-for-production";

impl OrgSeed {
    /// The embedded demo org: one permitted client, one without the pause permission, and the conversations of
    /// the sample events in `events/`.
    pub fn demo() -> Self {
        let view = RoleGrant {
            name: "Conversation viewer".into(),
            permissions: vec![COMMUNICATION_VIEW.into()],
            divisions: all_divisions(),
        };
        let pause = RoleGrant {
            name: "pii-pause".into(),
            permissions: vec![PAUSE_OTHERS.into(), COMMUNICATION_VIEW.into()],
            divisions: all_divisions(),
        };
        let conversation = |id: &str, media: &str, attrs: &[(&str, &str)]| Conversation {
            id: id.to_string(),
            media_type: media.to_string(),
            division_id: home_division(),
            recording_state: active(),
            secure_pause: false,
            ended: false,
            start_time: start_time(),
            participants: vec![
                Participant {
                    id: format!("{}-c", &id[..30]),
                    purpose: "customer".into(),
                    attributes: attrs
                        .iter()
                        .map(|(k, v)| (k.to_string(), v.to_string()))
                        .collect(),
                },
                Participant {
                    id: format!("{}-a", &id[..30]),
                    purpose: "agent".into(),
                    attributes: BTreeMap::new(),
                },
            ],
        };
        OrgSeed {
            org_id: org_id(),
            org_name: org_name(),
            clients: vec![
                OAuthClient {
                    client_id: DEMO_CLIENT_ID.into(),
                    client_secret: DEMO_CLIENT_SECRET.into(),
                    name: "pii-pause (demo)".into(),
                    roles: vec![pause],
                    token_lifetime_seconds: default_lifetime(),
                },
                OAuthClient {
                    client_id: NO_PAUSE_CLIENT_ID.into(),
                    client_secret: NO_PAUSE_CLIENT_SECRET.into(),
                    name: "viewer without pauseOthers (demo)".into(),
                    roles: vec![view],
                    token_lifetime_seconds: default_lifetime(),
                },
            ],
            conversations: vec![
                conversation(
                    "2f7b4c1e-8d3a-4f6b-9c2d-0e1f2a3b433e",
                    "call",
                    &[("PII_Detected", "true")],
                ),
                conversation(
                    "6a0f1e2d-3c4b-4a59-8e7f-a1b2c3d4e5f6",
                    "call",
                    &[("ivr.Priority", "5")],
                ),
                conversation("9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a", "call", &[]),
                conversation("c0ffee00-1234-4abc-9def-0123456789ab", "email", &[]),
                conversation("b16b00b5-aaaa-4bbb-8ccc-dddddddddddd", "call", &[]),
                conversation(
                    "7e57ab1e-3c2d-4e5f-8a9b-0c1d2e3f4a5b",
                    "call",
                    &[("PII_Detected", "true"), ("ivr.Intent", "payment")],
                ),
                conversation("5ca1ab1e-4d3c-4b2a-9f8e-7d6c5b4a3f2e", "call", &[]),
            ],
            rate_limit_per_minute: rate(),
            rate_window_ms: window(),
            repeated_pause_status: repeated_pause(),
        }
    }
}

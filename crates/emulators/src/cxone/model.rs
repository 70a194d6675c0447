//! The emulated CXone tenant: registered applications (with their client-authentication method), access keys of
//! API users (with what their security profile allows), agents, live contacts with their recording's mask, the
//! behaviour where NICE documents none, and its JSON seed format.

use serde::{Deserialize, Serialize};

/// What an access key's user may do (the emulator's names for the security-profile permissions).
pub const REAL_TIME_DATA: &str = "RealTimeData";
/// Join other agents' sessions and act in them (the Agent API).
pub const AGENT_SESSIONS: &str = "AgentSessions";
/// Interactions Hub > APIs > Multi-ACD Masking API.
pub const MULTI_ACD_MASKING: &str = "MultiAcdMasking";

/// How an application sends its client credentials to the token endpoint.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum AuthMethod {
    #[serde(rename = "client_secret_basic")]
    Basic,
    #[serde(rename = "client_secret_post")]
    Post,
    /// Either (an emulator convenience; a registration names one).
    #[serde(rename = "any")]
    Any,
}

/// A registered application.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Application {
    pub client_id: String,
    pub client_secret: String,
    #[serde(default = "basic")]
    pub auth_method: AuthMethod,
}

fn basic() -> AuthMethod {
    AuthMethod::Basic
}

/// An access key of an API user.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccessKey {
    pub access_key_id: String,
    pub access_key_secret: String,
    #[serde(default)]
    pub user_id: String,
    #[serde(default)]
    pub permissions: Vec<String>,
    /// A deactivated user's (or a regenerated) key is refused.
    #[serde(default = "yes")]
    pub active: bool,
}

fn yes() -> bool {
    true
}

/// An agent, with the user id the Multi-ACD API addresses it by.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Agent {
    pub agent_id: String,
    pub user_id: String,
    /// An agent that is not logged in has no session to join.
    #[serde(default = "yes")]
    pub logged_in: bool,
}

/// A contact (a call) and its recording.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub contact_id: String,
    /// The agent handling it; none while in the IVR or queue.
    #[serde(default)]
    pub agent_id: Option<String>,
    #[serde(default)]
    pub master_contact_id: Option<String>,
    /// Agent-to-agent calls: the Multi-ACD API does not mask them (422).
    #[serde(default)]
    pub internal: bool,
    #[serde(default = "yes")]
    pub recorded: bool,
    /// The recording is masked now.
    #[serde(default)]
    pub masked: bool,
    /// Ended contacts are not active.
    #[serde(default)]
    pub ended: bool,
}

/// Where `agent-sessions/join` reads `asAgentId` (NICE's SDK sends it in the body; a client generated from the
/// OpenAPI specification sends it in the query).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JoinField {
    Body,
    Query,
    Both,
}

/// Behaviour NICE does not document, configurable so that pii-pause is tested against each possibility.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", default)]
pub struct Behaviour {
    /// The status of an Agent API mask or unmask that was applied (200 or 202).
    pub agent_mask_status: u16,
    /// The status of an Agent API mask of a recording already masked (default: as `agentMaskStatus`).
    pub repeated_mask_status: Option<u16>,
    /// The status of a Multi-ACD mask or unmask: 200 (applied at once) or 202 (applied later).
    pub multi_acd_mask_status: u16,
    /// After a 202, the get-recording-status read that first shows the change (1: the first).
    pub status_reads_until_applied: u32,
    /// Where `agent-sessions/join` reads `asAgentId`.
    pub join_as_agent_in: JoinField,
    /// The status of a password grant with a wrong, regenerated or deactivated access key (400 or 401).
    pub bad_access_key_status: u16,
    /// The status of an active-contacts read that finds nothing (204, or 200 with an empty list).
    pub no_active_contacts_status: u16,
}

impl Default for Behaviour {
    fn default() -> Self {
        Behaviour {
            agent_mask_status: 202,
            repeated_mask_status: None,
            multi_acd_mask_status: 202,
            status_reads_until_applied: 1,
            join_as_agent_in: JoinField::Both,
            bad_access_key_status: 400,
            no_active_contacts_status: 204,
        }
    }
}

/// The seed of an emulated tenant.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct TenantSeed {
    #[serde(default = "tenant_id")]
    pub tenant_id: String,
    /// The area named by `.well-known/cxone-configuration` (`na1`, `eu1`, ...).
    #[serde(default = "area")]
    pub area: String,
    #[serde(default)]
    pub applications: Vec<Application>,
    #[serde(default)]
    pub access_keys: Vec<AccessKey>,
    #[serde(default)]
    pub agents: Vec<Agent>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// Password tokens last an hour.
    #[serde(default = "lifetime")]
    pub token_lifetime_seconds: u64,
    /// API requests allowed per token per window before 429 (0: no limit; CXone publishes none).
    #[serde(default)]
    pub rate_limit_per_minute: u32,
    #[serde(default = "window")]
    pub rate_window_ms: u64,
    #[serde(default)]
    pub behaviour: Behaviour,
}

fn tenant_id() -> String {
    DEMO_TENANT.to_string()
}
fn area() -> String {
    "na1".to_string()
}
fn lifetime() -> u64 {
    3600
}
fn window() -> u64 {
    60_000
}

/// The demo tenant's id.
pub const DEMO_TENANT: &str = "11ee5a1e-cafe-4d00-8a00-00000000c0de";
/// The demo application, registered for HTTP Basic client authentication.
pub const DEMO_CLIENT_ID: &str = "pii-pause@demo-vendor";
pub const DEMO_CLIENT_SECRET: &str = "cxone-demo-client-secret-not-for-production";
/// A demo application registered for `client_secret_post`.
pub const POST_CLIENT_ID: &str = "pii-pause-post@demo-vendor";
pub const POST_CLIENT_SECRET: &str = "cxone-post-client-secret-not-for-production";
/// The demo API user's access key: real-time data, agent sessions, Multi-ACD masking.
pub const DEMO_ACCESS_KEY_ID: &str = "AKDEMO0PIIPAUSE0000001";
pub const DEMO_ACCESS_KEY_SECRET: &str = "demo+access/key=secret-not-for-production";
/// An access key whose user may read real-time data and nothing else.
pub const READ_ONLY_ACCESS_KEY_ID: &str = "AKDEMO0READONLY0000002";
pub const READ_ONLY_ACCESS_KEY_SECRET: &str = "read-only-access-key-secret-not-for-production";
/// The demo agent, its user, and the call it handles (the contact of `events/cxone-function-url.json`).
pub const DEMO_AGENT: &str = "1234567";
pub const DEMO_USER: &str = "11ee5a1e-0000-4a9e-8000-0000000a9e01";
pub const DEMO_CONTACT: &str = "584893020";

impl TenantSeed {
    /// The embedded demo tenant: two applications (Basic and `client_secret_post`), a permitted access key and
    /// a read-only one, two logged-in agents and a call each.
    pub fn demo() -> Self {
        let contact = |contact_id: &str, agent: &str| Contact {
            contact_id: contact_id.into(),
            agent_id: Some(agent.into()),
            master_contact_id: Some(contact_id.into()),
            internal: false,
            recorded: true,
            masked: false,
            ended: false,
        };
        TenantSeed {
            tenant_id: tenant_id(),
            area: area(),
            applications: vec![
                Application {
                    client_id: DEMO_CLIENT_ID.into(),
                    client_secret: DEMO_CLIENT_SECRET.into(),
                    auth_method: AuthMethod::Basic,
                },
                Application {
                    client_id: POST_CLIENT_ID.into(),
                    client_secret: POST_CLIENT_SECRET.into(),
                    auth_method: AuthMethod::Post,
                },
            ],
            access_keys: vec![
                AccessKey {
                    access_key_id: DEMO_ACCESS_KEY_ID.into(),
                    access_key_secret: DEMO_ACCESS_KEY_SECRET.into(),
                    user_id: "11ee5a1e-0000-4a9e-8000-00000000a9e0".into(),
                    permissions: vec![
                        REAL_TIME_DATA.into(),
                        AGENT_SESSIONS.into(),
                        MULTI_ACD_MASKING.into(),
                    ],
                    active: true,
                },
                AccessKey {
                    access_key_id: READ_ONLY_ACCESS_KEY_ID.into(),
                    access_key_secret: READ_ONLY_ACCESS_KEY_SECRET.into(),
                    user_id: "11ee5a1e-0000-4a9e-8000-00000000a9e2".into(),
                    permissions: vec![REAL_TIME_DATA.into()],
                    active: true,
                },
            ],
            agents: vec![
                Agent {
                    agent_id: DEMO_AGENT.into(),
                    user_id: DEMO_USER.into(),
                    logged_in: true,
                },
                Agent {
                    agent_id: "7654321".into(),
                    user_id: "11ee5a1e-0000-4a9e-8000-0000000a9e02".into(),
                    logged_in: true,
                },
            ],
            contacts: vec![
                contact(DEMO_CONTACT, DEMO_AGENT),
                contact("584893021", "7654321"),
            ],
            token_lifetime_seconds: lifetime(),
            rate_limit_per_minute: 0,
            rate_window_ms: window(),
            behaviour: Behaviour::default(),
        }
    }
}

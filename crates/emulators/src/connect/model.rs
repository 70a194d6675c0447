//! The emulated Connect account: instances, contacts (with the chain a transfer makes and their recording
//! state), the behaviour the real service does not document, and the seed format.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// A contact of an instance.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    pub id: String,
    #[serde(default = "demo_instance")]
    pub instance_id: String,
    /// The first contact of the chain; the contact's own id when absent.
    #[serde(default)]
    pub initial_contact_id: Option<String>,
    #[serde(default)]
    pub previous_contact_id: Option<String>,
    /// `VOICE`, `CHAT`, `TASK`, `EMAIL`.
    #[serde(default = "voice")]
    pub channel: String,
    /// User-defined attributes (read by the initial contact id).
    #[serde(default)]
    pub attributes: BTreeMap<String, String>,
    /// `ACTIVE` (recording), `SUSPENDED`, `NONE` (not recorded).
    #[serde(default = "active")]
    pub recording: String,
    /// Ended contacts refuse recording changes.
    #[serde(default)]
    pub ended: bool,
    /// The contact this one was transferred to: calls for this one answer 404 (ResourceNotFound).
    #[serde(default)]
    pub next_contact_id: Option<String>,
}

impl Contact {
    pub fn initial(&self) -> &str {
        self.initial_contact_id.as_deref().unwrap_or(&self.id)
    }
}

/// The account's seed and its undocumented behaviour.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Seed {
    #[serde(default = "account")]
    pub account_id: String,
    #[serde(default = "region")]
    pub region: String,
    #[serde(default = "instances")]
    pub instances: Vec<String>,
    #[serde(default)]
    pub contacts: Vec<Contact>,
    /// The status of Suspend on a suspended recording (and Resume on an active one): 200, or 400
    /// `InvalidRequestException`. Connect documents neither.
    #[serde(default = "ok")]
    pub repeated_change_status: u16,
    /// Requests per second per operation before 429 `ThrottlingException` (0: no limit); Connect's default
    /// quota for Suspend and Resume is 2, with a burst of `burst`.
    #[serde(default = "rate")]
    pub rate_per_second: u32,
    #[serde(default = "burst")]
    pub burst: u32,
    /// The same for DescribeContact and GetContactAttributes (Connect's defaults: 10 per second, burst 15).
    #[serde(default = "read_rate")]
    pub read_rate_per_second: u32,
    #[serde(default = "read_burst")]
    pub read_burst: u32,
    /// Operations the caller's role may not call (`SuspendContactRecording`, ...): 403 AccessDeniedException.
    #[serde(default)]
    pub denied_operations: Vec<String>,
}

/// The demo instance id.
pub const DEMO_INSTANCE: &str = "4c3f1f5e-7f2b-4d6a-9a7e-2b8c9d0e1f2a";

fn demo_instance() -> String {
    DEMO_INSTANCE.to_string()
}
fn voice() -> String {
    "VOICE".to_string()
}
fn active() -> String {
    "ACTIVE".to_string()
}
fn account() -> String {
    "123456789012".to_string()
}
fn region() -> String {
    "us-east-1".to_string()
}
fn instances() -> Vec<String> {
    vec![demo_instance()]
}
fn ok() -> u16 {
    200
}
fn rate() -> u32 {
    2
}
fn burst() -> u32 {
    5
}
fn read_rate() -> u32 {
    10
}
fn read_burst() -> u32 {
    15
}

impl Seed {
    /// The demo account: one instance and the contacts of the sample events in `events/`.
    pub fn demo() -> Self {
        let contact = |id: &str, attributes: &[(&str, &str)]| Contact {
            id: id.to_string(),
            instance_id: demo_instance(),
            initial_contact_id: None,
            previous_contact_id: None,
            channel: voice(),
            attributes: attributes
                .iter()
                .map(|(k, v)| (k.to_string(), v.to_string()))
                .collect(),
            recording: active(),
            ended: false,
            next_contact_id: None,
        };
        Seed {
            account_id: account(),
            region: region(),
            instances: instances(),
            contacts: vec![
                contact(
                    "8e1c2f4a-6b3d-4c5e-9f70-1a2b3c4d5e6f",
                    &[("cardNumber", "4539 1488 0343 6467"), ("intent", "payment")],
                ),
                contact(
                    "3b9d7e21-0c4f-4a8b-b6d5-7e8f9a0b1c2d",
                    &[("intent", "billing")],
                ),
            ],
            repeated_change_status: ok(),
            rate_per_second: rate(),
            burst: burst(),
            read_rate_per_second: read_rate(),
            read_burst: read_burst(),
            denied_operations: Vec::new(),
        }
    }
}

//! The registered platforms, one line each, and what is built from them: the configuration sections
//! ([`PlatformConfigs`]) and the adapters ([`Platforms`]).

use super::{connect, cxone, genesys, EventBridge, Platform, PlatformSettings, PlatformSetup};
use crate::config::Env;
use crate::intake::{IntakeError, Record};
use std::sync::Arc;

/// Every platform pii-pause knows. A new platform is a folder under `src/platform/` and one line here.
static SETUPS: &[&dyn PlatformSetup] = &[&genesys::SETUP, &connect::SETUP, &cxone::SETUP];

/// The configuration section of every registered platform.
#[derive(Debug)]
pub struct PlatformConfigs(Vec<Box<dyn PlatformSettings>>);

impl PlatformConfigs {
    pub fn from_env(env: &Env, errors: &mut Vec<String>) -> Self {
        PlatformConfigs(SETUPS.iter().map(|s| s.configure(env, errors)).collect())
    }

    /// Whether some platform is set up to act.
    pub fn any_configured(&self) -> bool {
        self.0.iter().any(|s| s.configured())
    }

    /// What to set to configure each platform, in one phrase.
    pub fn how_to_configure(&self) -> String {
        self.0
            .iter()
            .map(|s| s.how_to_configure())
            .collect::<Vec<_>>()
            .join(", or ")
    }

    /// One platform's section, by its type.
    pub fn get<T: 'static>(&self) -> Option<&T> {
        self.0.iter().find_map(|s| s.as_any().downcast_ref::<T>())
    }

    pub fn iter(&self) -> impl Iterator<Item = &dyn PlatformSettings> {
        self.0.iter().map(|s| s.as_ref())
    }
}

/// The adapters, built once per process.
#[derive(Clone)]
pub struct Platforms(Vec<Arc<dyn Platform>>);

impl Platforms {
    /// Builds every registered platform's adapter with its clients.
    pub async fn build(
        configs: &PlatformConfigs,
        aws: Option<&aws_config::SdkConfig>,
    ) -> Result<Self, String> {
        let mut built = Vec::new();
        for settings in configs.iter() {
            built.push(settings.build(aws).await?);
        }
        Ok(Platforms(built))
    }

    /// Every registered platform's adapter without clients (offline `scan`).
    pub fn offline(configs: &PlatformConfigs) -> Self {
        Platforms(configs.iter().map(|s| s.offline()).collect())
    }

    pub fn new(adapters: Vec<Arc<dyn Platform>>) -> Self {
        Platforms(adapters)
    }

    /// Replaces (or adds) the adapter of `adapter.name()` (tests inject clients).
    pub fn with(mut self, adapter: Arc<dyn Platform>) -> Self {
        self.0.retain(|a| a.name() != adapter.name());
        self.0.push(adapter);
        self
    }

    pub fn get(&self, name: &str) -> Option<&Arc<dyn Platform>> {
        self.0.iter().find(|a| a.name().eq_ignore_ascii_case(name))
    }

    /// The registered names, for messages.
    pub fn names(&self) -> Vec<&'static str> {
        self.0.iter().map(|a| a.name()).collect()
    }

    /// The platform that recognises an EventBridge event as its own, and the event's records.
    pub fn recognise(
        &self,
        event: &EventBridge<'_>,
    ) -> Option<(&'static str, Result<Vec<Record>, IntakeError>)> {
        self.0
            .iter()
            .find_map(|a| a.recognise(event).map(|records| (a.name(), records)))
    }

    pub fn iter(&self) -> impl Iterator<Item = &Arc<dyn Platform>> {
        self.0.iter()
    }
}

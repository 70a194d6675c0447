//! `pii-pause emulator`: runs the Genesys Cloud emulator (the default) or the NICE CXone emulator until
//! interrupted, for the demo, the runtime emulator tests and manual use.

use pii_pause_emulators::cxone::{self, TenantSeed};
use pii_pause_emulators::genesys::{self, OrgSeed};
use pii_pause_emulators::serve::Running;
use std::io::Write;
use std::net::SocketAddr;
use std::path::{Path, PathBuf};

/// What the command line asked of the emulator.
pub struct Options {
    /// `genesys` or `cxone`.
    pub platform: String,
    pub seed: Option<PathBuf>,
    pub rate_limit: Option<u32>,
    /// Genesys only: the answer to PAUSED on a recording already in secure pause.
    pub repeated_pause_status: Option<u16>,
}

/// The seed of the emulator to run.
pub enum Seed {
    Genesys(OrgSeed),
    Cxone(TenantSeed),
}

impl Seed {
    /// The seed file (or the embedded demo) with the command line's changes.
    pub fn load(options: &Options) -> Result<Seed, String> {
        match options.platform.as_str() {
            "cxone" => {
                if options.repeated_pause_status.is_some() {
                    return Err("--repeated-pause-status is a Genesys setting; the CXone emulator's \
                                undocumented behaviour is in the seed's `behaviour` (PUT /__emulator/behaviour)"
                        .into());
                }
                let mut seed = match read(options.seed.as_deref())? {
                    Some((path, text)) => {
                        serde_json::from_str(&text).map_err(|e| invalid(path, e))?
                    }
                    None => TenantSeed::demo(),
                };
                if let Some(r) = options.rate_limit {
                    seed.rate_limit_per_minute = r;
                }
                Ok(Seed::Cxone(seed))
            }
            _ => {
                let mut seed = match read(options.seed.as_deref())? {
                    Some((path, text)) => {
                        serde_json::from_str(&text).map_err(|e| invalid(path, e))?
                    }
                    None => OrgSeed::demo(),
                };
                if let Some(r) = options.rate_limit {
                    seed.rate_limit_per_minute = r;
                }
                if let Some(status) = options.repeated_pause_status {
                    seed.repeated_pause_status = status;
                }
                Ok(Seed::Genesys(seed))
            }
        }
    }

    pub fn to_json(&self) -> String {
        match self {
            Seed::Genesys(s) => serde_json::to_string_pretty(s),
            Seed::Cxone(s) => serde_json::to_string_pretty(s),
        }
        .unwrap_or_default()
    }
}

/// The text of a seed file; `None` when no file is given.
fn read(path: Option<&Path>) -> Result<Option<(&Path, String)>, String> {
    let Some(p) = path else { return Ok(None) };
    std::fs::read_to_string(p)
        .map(|text| Some((p, text)))
        .map_err(|e| format!("cannot read seed file {}: {e}", p.display()))
}

fn invalid(path: &Path, e: serde_json::Error) -> String {
    format!("seed file {} is not a valid seed: {e}", path.display())
}

/// Serves until SIGINT or SIGTERM. Prints `{"listening": "<url>"}` as the first line on stdout.
pub async fn run(listen: SocketAddr, seed: Seed) -> Result<(), String> {
    if !listen.ip().is_loopback() {
        return Err(format!(
            "the emulator listens on loopback only; {listen} is not a loopback address"
        ));
    }
    let cannot = |e: std::io::Error| format!("cannot listen on {listen}: {e}");
    match seed {
        Seed::Genesys(seed) => serve(genesys::start(seed, listen).await.map_err(cannot)?).await,
        Seed::Cxone(seed) => serve(cxone::start(seed, listen).await.map_err(cannot)?).await,
    }
}

async fn serve<S>(running: Running<S>) -> Result<(), String> {
    {
        let mut out = std::io::stdout().lock();
        writeln!(out, "{}", serde_json::json!({"listening": running.url()}))
            .map_err(|e| e.to_string())?;
        out.flush().map_err(|e| e.to_string())?;
    }
    wait_for_shutdown().await;
    running.stop().await;
    Ok(())
}

async fn wait_for_shutdown() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{signal, SignalKind};
        if let Ok(mut term) = signal(SignalKind::terminate()) {
            tokio::select! {
                _ = term.recv() => {}
                _ = tokio::signal::ctrl_c() => {}
            }
            return;
        }
    }
    let _ = tokio::signal::ctrl_c().await;
}

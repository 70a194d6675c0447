//! `pii-pause emulator`: runs one platform's emulator (Genesys Cloud by default, Amazon Connect or NICE CXone) on
//! loopback until interrupted, for the demo, the runtime-emulator tests and manual use.

use pii_pause_emulators::serve::Running;
use pii_pause_emulators::{connect, cxone, genesys};
use serde::de::DeserializeOwned;
use serde::Serialize;
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

/// Loads a seed file, or the embedded demo seed.
pub fn load_seed<T: DeserializeOwned>(path: Option<&Path>, demo: fn() -> T) -> Result<T, String> {
    match path {
        None => Ok(demo()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read seed file {}: {e}", p.display()))?;
            serde_json::from_str(&text)
                .map_err(|e| format!("seed file {} is not a valid seed: {e}", p.display()))
        }
    }
}

/// The seed as pretty JSON.
pub fn print<T: Serialize>(seed: &T) -> String {
    serde_json::to_string_pretty(seed).unwrap_or_default()
}

/// Serves the Genesys Cloud emulator until SIGINT or SIGTERM.
pub async fn run_genesys(listen: SocketAddr, seed: genesys::OrgSeed) -> Result<(), String> {
    check_loopback(listen)?;
    let running = genesys::start(seed, listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    serve(running).await
}

/// Serves the Amazon Connect emulator until SIGINT or SIGTERM.
pub async fn run_connect(listen: SocketAddr, seed: connect::Seed) -> Result<(), String> {
    check_loopback(listen)?;
    let running = connect::start(seed, listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    serve(running).await
}

/// Serves the NICE CXone emulator until SIGINT or SIGTERM.
pub async fn run_cxone(listen: SocketAddr, seed: cxone::TenantSeed) -> Result<(), String> {
    check_loopback(listen)?;
    let running = cxone::start(seed, listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
    serve(running).await
}

fn check_loopback(listen: SocketAddr) -> Result<(), String> {
    if listen.ip().is_loopback() {
        Ok(())
    } else {
        Err(format!(
            "the emulator listens on loopback only; {listen} is not a loopback address"
        ))
    }
}

/// Prints `{"listening": "<url>"}` as the first line on stdout, then serves until SIGINT or SIGTERM.
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

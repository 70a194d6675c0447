//! `pii-pause emulator`: runs the Genesys Cloud emulator until interrupted, for the demo, the runtime
//! emulator tests and manual use.

use pii_pause_emulators::genesys::{self, OrgSeed};
use std::io::Write;
use std::net::SocketAddr;
use std::path::Path;

/// Loads a seed file, or the embedded demo org.
pub fn load_seed(path: Option<&Path>) -> Result<OrgSeed, String> {
    match path {
        None => Ok(OrgSeed::demo()),
        Some(p) => {
            let text = std::fs::read_to_string(p)
                .map_err(|e| format!("cannot read seed file {}: {e}", p.display()))?;
            serde_json::from_str(&text)
                .map_err(|e| format!("seed file {} is not a valid org seed: {e}", p.display()))
        }
    }
}

/// Serves until SIGINT or SIGTERM. Prints `{"listening": "<url>"}` as the first line on stdout.
pub async fn run(listen: SocketAddr, seed: OrgSeed) -> Result<(), String> {
    if !listen.ip().is_loopback() {
        return Err(format!(
            "the emulator listens on loopback only; {listen} is not a loopback address"
        ));
    }
    let running = genesys::start(seed, listen)
        .await
        .map_err(|e| format!("cannot listen on {listen}: {e}"))?;
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

//! The Genesys emulator against the official Genesys Cloud Python SDK (pinned in tests/genesys_sdk/requirements.txt,
//! installed into .venv-genesys-sdk by scripts/test.sh): every route pii-pause uses, read into the SDK's own models,
//! so the emulator cannot drift from the real API unnoticed (tests/genesys_sdk/contract.py says what is checked).

mod support;

use pii_pause_emulators::genesys::model::{
    DEMO_CLIENT_ID, DEMO_CLIENT_SECRET, NO_PAUSE_CLIENT_ID, NO_PAUSE_CLIENT_SECRET,
};
use pii_pause_emulators::Journaled;
use std::path::PathBuf;
use std::process::Command;

/// A recorded call and an email conversation of the demo org.
const CALL: &str = "9d8c7b6a-5f4e-4d3c-8b2a-1f0e9d8c7b6a";
const EMAIL: &str = "c0ffee00-1234-4abc-9def-0123456789ab";

fn sdk_python() -> PathBuf {
    let python = std::env::var("PII_PAUSE_GENESYS_SDK_PYTHON")
        .map(PathBuf::from)
        .unwrap_or_else(|_| support::repo().join(".venv-genesys-sdk/bin/python"));
    assert!(
        python.exists(),
        "{} not found: run scripts/test.sh (it installs the pinned Genesys Cloud Python SDK into .venv-genesys-sdk)",
        python.display()
    );
    python
}

#[tokio::test]
async fn the_official_python_sdk_reads_every_route_the_product_uses() {
    let python = sdk_python();
    let emu = support::genesys().await;
    let url = emu.url();
    let out = tokio::task::spawn_blocking(move || {
        Command::new(&python)
            .arg(support::repo().join("tests/genesys_sdk/contract.py"))
            .args(["--url", &url])
            .args([
                "--client",
                &format!("{DEMO_CLIENT_ID}:{DEMO_CLIENT_SECRET}"),
            ])
            .args([
                "--no-pause-client",
                &format!("{NO_PAUSE_CLIENT_ID}:{NO_PAUSE_CLIENT_SECRET}"),
            ])
            .args(["--call", CALL, "--email", EMAIL])
            .output()
    })
    .await
    .unwrap_or_else(|e| panic!("{e}"))
    .unwrap_or_else(|e| panic!("cannot run the contract script: {e}"));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    for route in [
        "POST /oauth/token",
        "GET /api/v2/tokens/me",
        "GET /api/v2/conversations/{id}",
        "GET /api/v2/conversations/calls/{id}",
        "PUT /api/v2/conversations/calls/{id}/recordingstate",
        "PATCH /api/v2/conversations/{id}/recordingstate",
        "403 missing.permissions",
        "404 not.found",
    ] {
        assert!(text.contains(&format!("ok    {route}:")), "{route}: {text}");
    }

    // The SDK's requests reached the emulator's routes and got the answers the checks read.
    let seen: Vec<(String, String, u16)> = emu
        .state
        .requests()
        .into_iter()
        .map(|r| (r.method, r.path, r.status))
        .collect();
    let call_state = format!("/api/v2/conversations/calls/{CALL}/recordingstate");
    for expected in [
        ("POST", "/oauth/token".to_string(), 401),
        ("GET", "/api/v2/tokens/me".to_string(), 200),
        ("GET", format!("/api/v2/conversations/{CALL}"), 200),
        ("GET", format!("/api/v2/conversations/calls/{CALL}"), 200),
        ("PUT", call_state.clone(), 200),
        (
            "PATCH",
            format!("/api/v2/conversations/{EMAIL}/recordingstate"),
            202,
        ),
        ("PUT", call_state, 403),
    ] {
        assert!(
            seen.iter()
                .any(|(m, p, s)| m == expected.0 && *p == expected.1 && *s == expected.2),
            "{expected:?} not in the emulator's log: {seen:?}"
        );
    }
}

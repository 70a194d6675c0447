//! Deployment files: the SAM template after the SAM transform (least-privilege IAM: no wildcard resources, no
//! managed policies; the Lambda binary it builds) and the Genesys Terraform example against the provider schemas.

mod support;

use std::process::Command;

fn check(path: &std::path::Path) -> (bool, String) {
    let python = support::venv_tool("python");
    assert!(
        python.exists(),
        "{} not found: run scripts/test.sh (it creates .venv)",
        python.display()
    );
    let out = Command::new(&python)
        .arg(support::repo().join("scripts/check_template.py"))
        .arg(path)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    (
        out.status.success(),
        format!(
            "{}{}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        ),
    )
}

#[test]
fn template_iam_names_every_resource() {
    let (ok, output) = check(&support::repo().join("template.yaml"));
    assert!(ok, "{output}");
    assert!(
        output.contains("IAM statement resources checked"),
        "{output}"
    );
}

#[test]
fn a_wildcard_resource_is_caught() {
    let text = std::fs::read_to_string(support::repo().join("template.yaml")).unwrap_or_default();
    let broken = text.replacen("Resource: !Ref GenesysSecretArn", "Resource: \"*\"", 1);
    assert_ne!(
        text, broken,
        "the template no longer has the line this test changes"
    );
    let path = std::env::temp_dir().join(format!("pii-pause-template-{}.yaml", std::process::id()));
    std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
    let (ok, output) = check(&path);
    let _ = std::fs::remove_file(&path);
    assert!(!ok, "a `*` resource passed: {output}");
    assert!(
        output.contains("genesys-secret: the resource is `*`"),
        "{output}"
    );
}

/// Changes one line of the template and returns what the check says.
fn check_changed(from: &str, to: &str) -> (bool, String) {
    let text = std::fs::read_to_string(support::repo().join("template.yaml")).unwrap_or_default();
    let broken = text.replacen(from, to, 1);
    assert_ne!(text, broken, "the template no longer has `{from}`");
    let path = std::env::temp_dir().join(format!(
        "pii-pause-template-{}-{}.yaml",
        std::process::id(),
        fastrand::u32(..)
    ));
    std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
    let outcome = check(&path);
    let _ = std::fs::remove_file(&path);
    outcome
}

#[test]
fn the_ledger_table_matches_the_schema_the_code_uses() {
    let (ok, output) = check_changed("AttributeName: expiresAt", "AttributeName: ttl");
    assert!(!ok, "{output}");
    assert!(
        output.contains("LedgerTable TTL must be on expiresAt"),
        "{output}"
    );
    let (ok, output) = check_changed("IndexName: heldDay-index", "IndexName: by-day");
    assert!(
        !ok && output.contains("needs index heldDay-index"),
        "{output}"
    );
    let (ok, output) = check_changed(
        "PointInTimeRecoveryEnabled: true",
        "PointInTimeRecoveryEnabled: false",
    );
    assert!(!ok && output.contains("point-in-time recovery"), "{output}");
    let (ok, output) = check_changed(
        "Action: dynamodb:UpdateItem",
        "Action: [dynamodb:UpdateItem, dynamodb:DeleteItem]",
    );
    assert!(
        !ok && output.contains("only needs dynamodb:UpdateItem"),
        "{output}"
    );
}

#[test]
fn genesys_terraform_matches_the_documented_provider_schemas() {
    let python = support::venv_tool("python");
    let out = Command::new(&python)
        .arg(support::repo().join("scripts/check_terraform.py"))
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", python.display()));
    let text = format!(
        "{}{}",
        String::from_utf8_lossy(&out.stdout),
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(out.status.success(), "{text}");
    assert!(text.contains("5 resources checked"), "{text}");
}

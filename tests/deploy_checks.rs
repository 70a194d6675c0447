//! Deployment files: the SAM template after the SAM transform (least-privilege IAM: no wildcard resources, no
//! managed policies; the Lambda binary it builds; only environment variables pii-pause reads), the Genesys
//! Terraform example against the provider schemas, and the tools the scripts install (every one pinned).

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

/// Checks the template with `from` replaced by `to`; returns whether it passed and the output.
fn check_changed(label: &str, from: &str, to: &str) -> (bool, String) {
    let text = std::fs::read_to_string(support::repo().join("template.yaml")).unwrap_or_default();
    let broken = text.replacen(from, to, 1);
    assert_ne!(
        text, broken,
        "the template no longer has the line this test changes"
    );
    let path = std::env::temp_dir().join(format!(
        "pii-pause-template-{label}-{}.yaml",
        std::process::id()
    ));
    std::fs::write(&path, broken).unwrap_or_else(|e| panic!("{e}"));
    let result = check(&path);
    let _ = std::fs::remove_file(&path);
    result
}

#[test]
fn a_wildcard_resource_is_caught() {
    let (ok, output) = check_changed(
        "wildcard",
        "Resource: !Ref GenesysSecretArn",
        "Resource: \"*\"",
    );
    assert!(!ok, "a `*` resource passed: {output}");
    assert!(
        output.contains("genesys-secret: the resource is `*`"),
        "{output}"
    );
}

#[test]
fn the_ledger_table_matches_the_schema_the_code_uses() {
    let (ok, output) = check_changed("ttl", "AttributeName: expiresAt", "AttributeName: ttl");
    assert!(!ok, "{output}");
    assert!(
        output.contains("LedgerTable TTL must be on expiresAt"),
        "{output}"
    );
    let (ok, output) = check_changed("index", "IndexName: heldDay-index", "IndexName: by-day");
    assert!(
        !ok && output.contains("needs index heldDay-index"),
        "{output}"
    );
    let (ok, output) = check_changed(
        "pitr",
        "PointInTimeRecoveryEnabled: true",
        "PointInTimeRecoveryEnabled: false",
    );
    assert!(!ok && output.contains("point-in-time recovery"), "{output}");
    let (ok, output) = check_changed(
        "ledger-iam",
        "Action: [dynamodb:UpdateItem, dynamodb:GetItem]",
        "Action: [dynamodb:UpdateItem, dynamodb:GetItem, dynamodb:DeleteItem]",
    );
    assert!(
        !ok && output.contains("needs exactly dynamodb:UpdateItem and dynamodb:GetItem"),
        "{output}"
    );
}

#[test]
fn a_variable_pii_pause_does_not_read_is_caught() {
    let (ok, output) = check_changed(
        "variable",
        "PII_DENY_KEYS: !Ref DenyKeys",
        "PII_DENIED_KEYS: !Ref DenyKeys",
    );
    assert!(!ok, "a misspelt variable passed: {output}");
    assert!(
        output.contains("the template sets PII_DENIED_KEYS, which pii-pause (src/) does not read"),
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

#[test]
fn every_tool_the_scripts_install_is_pinned() {
    let repo = support::repo();
    let mut requirement_files: Vec<std::path::PathBuf> = std::fs::read_dir(repo.join("scripts"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|e| e.path())
        .filter(|p| {
            p.file_name()
                .and_then(|n| n.to_str())
                .is_some_and(|n| n.starts_with("requirements") && n.ends_with(".txt"))
        })
        .collect();
    requirement_files.push(repo.join("tests/genesys_sdk/requirements.txt"));
    requirement_files.push(repo.join("bench/reference/requirements.txt"));
    let pinned = regex::Regex::new(r"^[A-Za-z0-9._-]+(\[[a-z,]+\])?==[0-9][A-Za-z0-9.]*$")
        .unwrap_or_else(|e| panic!("{e}"));
    for file in &requirement_files {
        let text = std::fs::read_to_string(file)
            .unwrap_or_else(|e| panic!("cannot read {}: {e}", file.display()));
        for line in text.lines().map(str::trim) {
            if line.is_empty() || line.starts_with('#') {
                continue;
            }
            assert!(
                pinned.is_match(line),
                "{}: `{line}` is not pinned with ==",
                file.display()
            );
        }
    }
    // Scripts and documentation install only from those files.
    let mut texts = vec![
        repo.join("README.md"),
        repo.join("deploy/genesys/README.md"),
    ];
    for dir in ["scripts", "docs"] {
        texts.extend(
            std::fs::read_dir(repo.join(dir))
                .into_iter()
                .flatten()
                .flatten()
                .map(|e| e.path()),
        );
    }
    for path in texts {
        let text = std::fs::read_to_string(&path).unwrap_or_default();
        for line in text.lines().filter(|l| l.contains("pip install")) {
            assert!(
                line.contains(" -r "),
                "{}: `{}` installs without a pinned requirements file",
                path.display(),
                line.trim()
            );
        }
    }
}

//! The README's configuration table against the code: every environment variable pii-pause reads (through the
//! configuration's `Env`, anywhere in `src/`) is documented, and the default key lists are written out in full,
//! as the code has them.

mod support;

use pii_pause::config::{DEFAULT_ALLOW_KEYS, DEFAULT_FLAG_KEYS, DEFAULT_TELEPHONY_KEYS};

fn read(path: &str) -> String {
    std::fs::read_to_string(support::repo().join(path))
        .unwrap_or_else(|e| panic!("cannot read {path}: {e}"))
}

#[test]
fn every_variable_pii_pause_reads_is_in_the_readme() {
    let readme = read("README.md");
    let source: String = rust_files(&support::repo().join("src"))
        .iter()
        .map(|p| std::fs::read_to_string(p).unwrap_or_default())
        .collect();
    let pattern =
        regex::Regex::new(r#"\.(?:get|list|flag|number|base_url)\(\s*"([A-Z][A-Z0-9_]+)""#)
            .unwrap_or_else(|e| panic!("{e}"));
    let names: Vec<&str> = pattern
        .captures_iter(&source)
        .filter_map(|c| c.get(1).map(|m| m.as_str()))
        .collect();
    assert!(names.len() >= 20, "too few variables found: {names:?}");
    let missing: Vec<&&str> = names
        .iter()
        .filter(|n| !readme.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "README.md does not document {missing:?}"
    );
}

fn rust_files(dir: &std::path::Path) -> Vec<std::path::PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(rust_files(&path));
        } else if path.extension().is_some_and(|e| e == "rs") {
            files.push(path);
        }
    }
    files
}

#[test]
fn default_key_lists_are_written_out_in_full() {
    let readme = read("README.md");
    for (name, defaults) in [
        ("PII_FLAG_KEYS", DEFAULT_FLAG_KEYS),
        ("PII_ALLOW_KEYS", DEFAULT_ALLOW_KEYS),
        ("PII_TELEPHONY_KEYS", DEFAULT_TELEPHONY_KEYS),
    ] {
        let row = readme
            .lines()
            .find(|l| l.starts_with(&format!("| `{name}` |")))
            .unwrap_or_else(|| panic!("no README row for {name}"));
        assert!(
            row.contains(&format!("`{}`", defaults.join(","))),
            "the README's default of {name} is not the code's: {row}"
        );
    }
}

#[test]
fn every_template_parameter_is_in_the_deploy_page() {
    let template = read("template.yaml");
    let deploy = read("docs/deploy.md");
    let parameters = template
        .split("\nParameters:\n")
        .nth(1)
        .and_then(|rest| rest.split("\nRules:\n").next())
        .and_then(|rest| rest.split("\nConditions:\n").next())
        .unwrap_or_else(|| panic!("template.yaml has no Parameters section"));
    let names: Vec<&str> = parameters
        .lines()
        .filter(|l| l.starts_with("  ") && !l.starts_with("   ") && l.trim_end().ends_with(':'))
        .map(|l| l.trim().trim_end_matches(':'))
        .collect();
    assert!(names.len() > 20, "parameters not found: {names:?}");
    let missing: Vec<&&str> = names
        .iter()
        .filter(|n| !deploy.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "docs/deploy.md does not list {missing:?}"
    );
}

//! The input of `scan` and `invoke`: one JSON document, or JSON Lines (one document per line, blank lines
//! skipped), read from a file or standard input.

use serde_json::Value;
use std::io::Read;
use std::path::Path;

/// One document of the input, with its line number when the input is JSON Lines.
#[derive(Debug, Clone, PartialEq)]
pub struct Document {
    pub line: Option<usize>,
    pub value: Result<Value, String>,
}

impl Document {
    /// Where the document is, for messages: `line N`, or `input` for a whole-input document.
    pub fn place(&self) -> String {
        self.line
            .map(|n| format!("line {n}"))
            .unwrap_or_else(|| "input".to_string())
    }
}

/// Reads `path`, or standard input when it is absent or `-`.
pub fn read(path: Option<&Path>) -> Result<Vec<u8>, String> {
    let mut data = Vec::new();
    match path {
        None => std::io::stdin().lock().read_to_end(&mut data),
        Some(p) if p.as_os_str() == "-" => std::io::stdin().lock().read_to_end(&mut data),
        Some(p) => std::fs::File::open(p)
            .and_then(|mut f| f.read_to_end(&mut data))
            .map_err(|e| {
                std::io::Error::new(e.kind(), format!("cannot open {}: {e}", p.display()))
            }),
    }
    .map_err(|e| e.to_string())?;
    Ok(data)
}

/// Splits the input: the whole input when it is one JSON document, else one document per non-blank line.
pub fn documents(data: &[u8]) -> Vec<Document> {
    if let Ok(whole) = serde_json::from_slice::<Value>(data) {
        return vec![Document {
            line: None,
            value: Ok(whole),
        }];
    }
    data.split(|b| *b == b'\n')
        .enumerate()
        .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
        .map(|(i, line)| Document {
            line: Some(i + 1),
            value: serde_json::from_slice::<Value>(line)
                .map_err(|e| format!("not JSON (column {})", e.column())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_document_or_json_lines() {
        let pretty = b"{\n  \"conversationId\": \"a\"\n}\n";
        let docs = documents(pretty);
        assert_eq!(docs.len(), 1);
        assert_eq!(docs[0].place(), "input");

        let lines = b"{\"conversationId\": \"a\"}\n\n{oops\n{\"conversationId\": \"b\"}\n";
        let docs = documents(lines);
        let places: Vec<String> = docs.iter().map(Document::place).collect();
        assert_eq!(places, ["line 1", "line 3", "line 4"]);
        assert!(docs[1]
            .value
            .as_ref()
            .is_err_and(|e| e.starts_with("not JSON")));
        assert!(documents(b"").is_empty());
    }
}

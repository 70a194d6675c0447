//! Admin request bodies: one JSON value, or one object or an array of them; the problem in words when a body is
//! not what the route takes (each emulator answers it in its service's error format).

use serde::de::DeserializeOwned;
use serde_json::Value;

/// Parses a body.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, String> {
    serde_json::from_slice(body).map_err(|e| format!("the body is not valid ({e})"))
}

/// Parses one object or an array of them.
pub fn parse_many<T: DeserializeOwned>(body: &[u8]) -> Result<Vec<T>, String> {
    let items = match parse::<Value>(body)? {
        Value::Array(items) => items,
        object @ Value::Object(_) => vec![object],
        _ => return Err("the body is neither an object nor an array".to_string()),
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            serde_json::from_value(item).map_err(|e| format!("item {i} is not valid ({e})"))
        })
        .collect()
}

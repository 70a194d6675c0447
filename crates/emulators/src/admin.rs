//! Reading the bodies of an emulator's admin API: one object, or one object or an array of them, with a message
//! that names the route, the item and the body expected when a body is not valid.

use serde::de::DeserializeOwned;
use serde_json::Value;

fn bad_body(route: &str, problem: &str, expected: &str) -> String {
    format!("{route}: {problem}; expected {expected} (the emulator's documentation lists every admin body)")
}

/// One object.
pub fn parse<T: DeserializeOwned>(route: &str, body: &[u8], expected: &str) -> Result<T, String> {
    serde_json::from_slice(body)
        .map_err(|e| bad_body(route, &format!("the body is not valid ({e})"), expected))
}

/// One object or an array of them.
pub fn parse_many<T: DeserializeOwned>(
    route: &str,
    body: &[u8],
    expected: &str,
) -> Result<Vec<T>, String> {
    let value: Value = parse(route, body, expected)?;
    let items = match value {
        Value::Array(items) => items,
        Value::Object(_) => vec![value],
        _ => {
            return Err(bad_body(
                route,
                "the body is neither an object nor an array",
                expected,
            ))
        }
    };
    items
        .into_iter()
        .enumerate()
        .map(|(i, item)| {
            serde_json::from_value(item)
                .map_err(|e| bad_body(route, &format!("item {i} is not valid ({e})"), expected))
        })
        .collect()
}

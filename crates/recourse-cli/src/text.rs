//! Human-readable rendering of any JSON answer: one `path: value` line per leaf, money as
//! "19.90 BRL", the receipt last.

use serde_json::Value;

/// Renders a JSON answer as indented text.
pub fn render(value: &Value) -> String {
    let mut out = String::new();
    write(value, 0, &mut out);
    out
}

fn write(value: &Value, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    match value {
        Value::Object(map) => {
            // The receipt goes last: the answer first, the proof after.
            let keys = map
                .keys()
                .filter(|k| *k != "receipt")
                .chain(map.keys().filter(|k| *k == "receipt"));
            for key in keys {
                let Some(v) = map.get(key.as_str()) else {
                    continue;
                };
                match as_money(v) {
                    Some(m) => out.push_str(&format!("{pad}{key}: {m}\n")),
                    None if v.is_object() || v.is_array() => {
                        out.push_str(&format!("{pad}{key}:\n"));
                        write(v, depth + 1, out);
                    }
                    None => out.push_str(&format!("{pad}{key}: {}\n", scalar(v))),
                }
            }
        }
        Value::Array(items) => {
            for item in items {
                match as_money(item) {
                    Some(m) => out.push_str(&format!("{pad}- {m}\n")),
                    None if item.is_object() => {
                        // "- first: x" then the other fields aligned under it.
                        let mut inner = String::new();
                        write(item, depth + 1, &mut inner);
                        let indent = "  ".repeat(depth + 1);
                        for (n, line) in inner.lines().enumerate() {
                            let body = line.strip_prefix(indent.as_str()).unwrap_or(line);
                            let lead = if n == 0 { "- " } else { "  " };
                            out.push_str(&format!("{pad}{lead}{body}\n"));
                        }
                    }
                    None if item.is_array() => {
                        out.push_str(&format!("{pad}-\n"));
                        write(item, depth + 1, out);
                    }
                    None => out.push_str(&format!("{pad}- {}\n", scalar(item))),
                }
            }
        }
        other => out.push_str(&format!("{pad}{}\n", scalar(other))),
    }
}

fn as_money(value: &Value) -> Option<String> {
    let map = value.as_object()?;
    if map.len() != 2 {
        return None;
    }
    Some(format!(
        "{} {}",
        map.get("amount")?.as_str()?,
        map.get("currency")?.as_str()?
    ))
}

fn scalar(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

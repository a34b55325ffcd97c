//! Where a configuration problem is in the file the operator wrote: the line and column of
//! the value a problem's path names (or of the nearest enclosing one the file has), and the
//! id of the rule it belongs to. The core reports paths; only the command line has the file.

use serde_json::Value;

/// One step of a path: an object key or a list index.
#[derive(Debug, PartialEq, Eq)]
enum Step<'a> {
    Key(&'a str),
    Index(usize),
}

/// The steps of a path as the core writes it (`refund.policies.us.rules[2].when`); `.` is
/// the whole document.
fn steps(path: &str) -> Vec<Step<'_>> {
    let mut out = Vec::new();
    for part in path.split('.').filter(|p| !p.is_empty()) {
        let (key, mut rest) = part.split_once('[').map_or((part, ""), |(k, r)| (k, r));
        if !key.is_empty() {
            out.push(Step::Key(key));
        }
        while let Some((index, after)) = rest.split_once(']') {
            if let Ok(i) = index.parse() {
                out.push(Step::Index(i));
            }
            rest = after.strip_prefix('[').unwrap_or(after);
        }
    }
    out
}

/// The 1-based line and column (in characters) of byte `offset` of `text`.
fn line_column(text: &str, offset: usize) -> (usize, usize) {
    let before = text.get(..offset).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let column = before.rsplit('\n').next().unwrap_or("").chars().count() + 1;
    (line, column)
}

/// The line and column of what `path` names in `text`, a TOML or JSON configuration.
pub fn position(text: &str, path: &str) -> Option<(usize, usize)> {
    let steps = steps(path);
    let offset = if text.trim_start().starts_with('{') {
        json_offset(text.as_bytes(), &steps)
    } else {
        toml_offset(text, &steps)
    }?;
    Some(line_column(text, offset))
}

/// The byte offset of the deepest item of `steps` a TOML document has.
fn toml_offset(text: &str, steps: &[Step<'_>]) -> Option<usize> {
    use toml_edit::{Item, Value as TValue};
    let doc = toml_edit::ImDocument::parse(text).ok()?;
    let mut item: Option<&Item> = None;
    let mut value: Option<&TValue> = None;
    let mut table = Some(doc.as_table());
    let mut best = None;
    for step in steps {
        let (next_item, next_value, next_table) = match (step, item, value, table) {
            (Step::Key(k), _, _, Some(t)) => (t.get(k), None, None),
            (Step::Key(k), _, Some(TValue::InlineTable(t)), _) => (None, t.get(k), None),
            (Step::Index(i), Some(Item::ArrayOfTables(a)), _, _) => (None, None, a.get(*i)),
            (Step::Index(i), _, Some(TValue::Array(a)), _) => (None, a.get(*i), None),
            _ => break,
        };
        // An item that is a table or a value goes on as one.
        let (next_value, next_table) = match next_item {
            Some(Item::Table(t)) => (None, Some(t)),
            Some(Item::Value(v)) => (Some(v), None),
            _ => (next_value, next_table),
        };
        let span = next_value
            .and_then(TValue::span)
            .or_else(|| next_table.and_then(toml_edit::Table::span))
            .or_else(|| next_item.and_then(Item::span));
        if next_item.is_none() && next_value.is_none() && next_table.is_none() {
            break;
        }
        best = span.map(|s| s.start).or(best);
        (item, value, table) = (next_item, next_value, next_table);
    }
    best
}

/// The byte offset of the deepest value of `steps` a JSON document has.
fn json_offset(bytes: &[u8], steps: &[Step<'_>]) -> Option<usize> {
    let mut at = skip_space(bytes, 0);
    for step in steps {
        let found = match step {
            Step::Key(key) => json_member(bytes, at, key),
            Step::Index(i) => json_item(bytes, at, *i),
        };
        match found {
            Some(next) => at = next,
            None => break,
        }
    }
    Some(at)
}

fn skip_space(bytes: &[u8], mut at: usize) -> usize {
    while bytes.get(at).is_some_and(u8::is_ascii_whitespace) {
        at += 1;
    }
    at
}

/// The end of the string starting at `at` (its opening quote).
fn skip_string(bytes: &[u8], mut at: usize) -> usize {
    at += 1;
    while let Some(b) = bytes.get(at) {
        match b {
            b'\\' => at += 2,
            b'"' => return at + 1,
            _ => at += 1,
        }
    }
    at
}

/// The end of the value starting at `at`.
fn skip_value(bytes: &[u8], mut at: usize) -> usize {
    let mut depth = 0_usize;
    while let Some(b) = bytes.get(at) {
        match b {
            b'"' => {
                at = skip_string(bytes, at);
                if depth == 0 {
                    return at;
                }
                continue;
            }
            b'{' | b'[' => depth += 1,
            b'}' | b']' if depth == 0 => return at,
            b'}' | b']' => {
                depth -= 1;
                if depth == 0 {
                    return at + 1;
                }
            }
            b',' if depth == 0 => return at,
            _ => {}
        }
        at += 1;
    }
    at
}

/// Past the value starting at `at` and the comma after it: the next member or item.
fn next_item(bytes: &[u8], at: usize) -> usize {
    let at = skip_space(bytes, skip_value(bytes, at));
    skip_space(bytes, at + usize::from(bytes.get(at) == Some(&b',')))
}

/// The start of member `key`'s value in the object at `at`.
fn json_member(bytes: &[u8], at: usize, key: &str) -> Option<usize> {
    if bytes.get(at) != Some(&b'{') {
        return None;
    }
    let mut at = skip_space(bytes, at + 1);
    while bytes.get(at) == Some(&b'"') {
        let end = skip_string(bytes, at);
        let name: Option<String> = bytes
            .get(at..end)
            .and_then(|raw| serde_json::from_slice(raw).ok());
        at = skip_space(bytes, end);
        at = skip_space(bytes, at + 1); // the colon
        if name.as_deref() == Some(key) {
            return Some(at);
        }
        at = next_item(bytes, at);
    }
    None
}

/// The start of item `index` of the list at `at`.
fn json_item(bytes: &[u8], at: usize, index: usize) -> Option<usize> {
    if bytes.get(at) != Some(&b'[') {
        return None;
    }
    let mut at = skip_space(bytes, at + 1);
    for _ in 0..index {
        if matches!(bytes.get(at), None | Some(b']')) {
            return None;
        }
        at = next_item(bytes, at);
    }
    (!matches!(bytes.get(at), None | Some(b']'))).then_some(at)
}

/// The id of the rule (`...rules[i]`) a path is within, read from the configuration.
pub fn rule_id(config: &Value, path: &str) -> Option<String> {
    let steps = steps(path);
    let end = steps
        .windows(2)
        .rposition(|w| matches!(w, [Step::Key("rules"), Step::Index(_)]))?;
    let mut node = config;
    for step in steps.get(..end + 2)? {
        node = match step {
            Step::Key(k) => node.get(k)?,
            Step::Index(i) => node.get(i)?,
        };
    }
    node.get("id")?.as_str().map(str::to_owned)
}

/// The configuration as a JSON value, TOML or JSON, when it parses.
pub fn config_value(text: &str) -> Option<Value> {
    if text.trim_start().starts_with('{') {
        serde_json::from_str(text).ok()
    } else {
        let value: toml::Value = toml::from_str(text).ok()?;
        serde_json::to_value(value).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{position, rule_id, steps, Step};

    const TOML: &str = "[store]\nname = \"x\"\n\n[[refund.policies.us.rules]]\nid = \"a\"\n\
        window = { days = \"thirty\" }\n\n[[refund.policies.us.rules]]\nid = \"b\"\nallow = \"yes\"\n";

    #[test]
    fn a_path_is_its_keys_and_indices() {
        assert_eq!(
            steps("a.b[2][0].c"),
            [
                Step::Key("a"),
                Step::Key("b"),
                Step::Index(2),
                Step::Index(0),
                Step::Key("c")
            ]
        );
        assert!(steps(".").is_empty());
    }

    #[test]
    fn toml_positions_are_the_values() {
        assert_eq!(position(TOML, "store.name"), Some((2, 8)));
        assert_eq!(
            position(TOML, "refund.policies.us.rules[0].window.days"),
            Some((6, 19))
        );
        assert_eq!(
            position(TOML, "refund.policies.us.rules[1].allow"),
            Some((10, 9))
        );
        // A key the file lacks: the nearest enclosing value.
        assert_eq!(
            position(TOML, "refund.policies.us.rules[1].when"),
            position(TOML, "refund.policies.us.rules[1]")
        );
    }

    #[test]
    fn json_positions_are_the_values() {
        let json =
            "{\n  \"store\": {\"name\": \"x\"},\n  \"list\": [1, {\"a\": [true, \"s,]\"]}]\n}";
        assert_eq!(position(json, "store.name"), Some((2, 21)));
        assert_eq!(position(json, "list[1].a[1]"), Some((3, 28)));
        assert_eq!(position(json, "list[5]"), Some((3, 11)));
    }

    #[test]
    fn a_rules_problem_names_the_rule() {
        let config = super::config_value(TOML).unwrap_or_default();
        assert_eq!(
            rule_id(&config, "refund.policies.us.rules[1].allow").as_deref(),
            Some("b")
        );
        assert_eq!(rule_id(&config, "store.name"), None);
    }
}

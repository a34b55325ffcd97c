//! The worst cases `recourse-cost bounds` generates from one request.

use serde_json::Value;

/// Positions changed one at a time, per kind: enough to reach every field of a request
/// that matters, few enough to keep the run short.
const MOST_POSITIONS: usize = 24;

/// One generated request.
pub struct Variant {
    pub name: String,
    pub input: Value,
}

/// Where a value sits in a request.
#[derive(Clone)]
enum Step {
    Key(String),
    Index(usize),
}

type Path = Vec<Step>;

/// Every worst case of `input`: its longest list and longest text grown to each of
/// `sizes` bytes, each number made huge, each amount made huge, each date moved to the
/// first and last years of the calendar.
pub fn variants(input: &Value, sizes: &[usize]) -> Vec<Variant> {
    let mut leaves = Vec::new();
    walk(input, &mut Vec::new(), &mut leaves);
    let mut out = Vec::new();
    if let Some(path) = longest(input, &leaves, |v| v.is_array()) {
        for &size in sizes {
            let grown = replace(input, &path, |v| grow_list(v, size));
            out.push(Variant {
                name: format!("list_{}k", size / 1024),
                input: grown,
            });
        }
    }
    if let Some(path) = longest(input, &leaves, Value::is_string) {
        for &size in sizes {
            let grown = replace(input, &path, |v| grow_text(v, size));
            out.push(Variant {
                name: format!("text_{}k", size / 1024),
                input: grown,
            });
        }
    }
    out.extend(changes(
        input,
        &leaves,
        "number",
        Value::is_number,
        &[
            Value::from(1_000_000_000_u64),
            Value::from(1_000_000_000_000_000_u64),
        ],
    ));
    out.extend(changes(
        input,
        &leaves,
        "amount",
        is_amount,
        &[Value::from("999999999999999999.99")],
    ));
    out.extend(changes(input, &leaves, "date", is_date, &[]));
    out
}

/// Every value's path, containers included, in document order.
fn walk(value: &Value, at: &mut Path, out: &mut Vec<Path>) {
    out.push(at.clone());
    match value {
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Step::Index(i));
                walk(item, at, out);
                at.pop();
            }
        }
        Value::Object(fields) => {
            for (key, item) in fields {
                at.push(Step::Key(key.clone()));
                walk(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn get<'a>(value: &'a Value, path: &Path) -> Option<&'a Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.get(key),
        Step::Index(i) => v.get(i),
    })
}

fn get_mut<'a>(value: &'a mut Value, path: &Path) -> Option<&'a mut Value> {
    path.iter().try_fold(value, |v, step| match step {
        Step::Key(key) => v.get_mut(key),
        Step::Index(i) => v.get_mut(i),
    })
}

/// A copy of `input` with the value at `path` changed by `change`.
fn replace(input: &Value, path: &Path, change: impl FnOnce(&Value) -> Value) -> Value {
    let mut copy = input.clone();
    if let Some(slot) = get_mut(&mut copy, path) {
        *slot = change(slot);
    }
    copy
}

/// The path of the largest value (by its JSON text) of a kind.
fn longest(input: &Value, leaves: &[Path], kind: impl Fn(&Value) -> bool) -> Option<Path> {
    leaves
        .iter()
        .filter_map(|p| {
            get(input, p)
                .filter(|v| kind(v))
                .map(|v| (v.to_string().len(), p))
        })
        .filter(|(len, _)| *len > 2)
        .max_by_key(|(len, _)| *len)
        .map(|(_, p)| p.clone())
}

/// The list's items repeated, in turn, until the list's text reaches `size` bytes; an item's
/// `id` gets the copy's number, so ids stay distinct.
fn grow_list(list: &Value, size: usize) -> Value {
    let items = list.as_array().cloned().unwrap_or_default();
    let mut out = Vec::new();
    let mut bytes = 0;
    let mut copy = 0;
    while bytes < size && !items.is_empty() {
        for item in &items {
            let mut item = item.clone();
            if let Some(Value::String(id)) = item.get_mut("id") {
                id.push_str(&format!("-{copy}"));
            }
            bytes += item.to_string().len() + 1;
            out.push(item);
        }
        copy += 1;
    }
    Value::Array(out)
}

/// The text repeated, words apart, until it is `size` bytes long.
fn grow_text(text: &Value, size: usize) -> Value {
    let word = text.as_str().unwrap_or_default();
    let mut out = String::with_capacity(size + word.len());
    while out.len() < size && !word.is_empty() {
        out.push_str(word);
        out.push(' ');
    }
    Value::String(out)
}

fn is_amount(value: &Value) -> bool {
    value.as_str().is_some_and(|s| {
        let digits = s.strip_prefix('-').unwrap_or(s);
        digits.contains('.') && digits.chars().all(|c| c.is_ascii_digit() || c == '.')
    })
}

fn is_date(value: &Value) -> bool {
    value.as_str().is_some_and(|s| {
        let b = s.as_bytes();
        b.len() >= 10
            && b.get(4) == Some(&b'-')
            && b.get(7) == Some(&b'-')
            && b.iter().take(4).all(u8::is_ascii_digit)
    })
}

/// One variant per position of a kind (up to [`MOST_POSITIONS`]) and replacement; a date
/// is replaced by itself in the years 0001 and 9999.
fn changes(
    input: &Value,
    leaves: &[Path],
    kind: &str,
    matches: impl Fn(&Value) -> bool,
    by: &[Value],
) -> Vec<Variant> {
    let mut out = Vec::new();
    let positions = leaves
        .iter()
        .filter(|p| get(input, p).is_some_and(&matches));
    for (n, path) in positions.take(MOST_POSITIONS).enumerate() {
        let Some(old) = get(input, path) else {
            continue;
        };
        let mut news: Vec<Value> = by.to_vec();
        if by.is_empty() {
            let rest = old.as_str().and_then(|s| s.get(4..)).unwrap_or_default();
            news = vec![
                Value::from(format!("0001{rest}")),
                Value::from(format!("9999{rest}")),
            ];
        }
        for (m, new) in news.into_iter().enumerate() {
            let input = replace(input, path, |_| new);
            out.push(Variant {
                name: format!("{kind}_{n}_{m}"),
                input,
            });
        }
    }
    out
}

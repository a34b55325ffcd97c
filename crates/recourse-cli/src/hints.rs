//! What the command line adds to an error for the person who made it: the names that exist
//! and the one they most likely meant. Hosts get the error alone; an operator at a terminal
//! gets the list too.

use recourse_payments::Error;

use crate::Command;

/// The hints for `error`, raised by `command`: for an unknown operation or refund policy,
/// the names there are and the nearest to the one asked for.
pub fn for_error(command: &Command, error: &Error) -> Vec<String> {
    match error.code() {
        "input.unknown_operation" => {
            let asked = match command {
                Command::Run { operation, .. } | Command::Schema { operation } => operation,
                _ => return Vec::new(),
            };
            let names: Vec<&str> = recourse_payments::engine::registry()
                .iter()
                .map(|op| op.name)
                .collect();
            suggest(
                asked,
                &names,
                "the operations (`recourse ops` says what each does)",
            )
        }
        "refund.unknown_policy" => {
            let (config, asked) = match command {
                Command::Disclose { config, policy, .. } => (config, [policy, &None]),
                Command::Simulate {
                    config,
                    policy,
                    compare_with,
                    ..
                } => (config, [policy, compare_with]),
                _ => return Vec::new(),
            };
            let Ok(engine) = crate::load_engine(config.as_ref()) else {
                return Vec::new();
            };
            let names: Vec<&str> = engine
                .config()
                .refund
                .policies
                .keys()
                .map(String::as_str)
                .collect();
            let unknown = asked
                .into_iter()
                .flatten()
                .find(|name| !names.contains(&name.as_str()));
            match unknown {
                Some(asked) => suggest(asked, &names, "the policies of this configuration"),
                None => Vec::new(),
            }
        }
        _ => Vec::new(),
    }
}

/// `what: a, b, c` and, when one name is close to `asked`, `did you mean ...?`.
fn suggest(asked: &str, names: &[&str], what: &str) -> Vec<String> {
    let mut hints = vec![format!("{what}: {}", names.join(", "))];
    if let Some(near) = nearest(asked, names) {
        hints.push(format!("did you mean `{near}`?"));
    }
    hints
}

/// The name closest to `asked` by edit distance, if it is close enough to be a slip of
/// the keyboard (a third of the name's length, at least 2), or contains what was asked.
pub fn nearest<'a>(asked: &str, names: &[&'a str]) -> Option<&'a str> {
    let asked_lower = asked.to_lowercase();
    let (distance, name) = names
        .iter()
        .map(|name| (distance(&asked_lower, &name.to_lowercase()), *name))
        .min()?;
    let close = distance <= (asked.chars().count() / 3).max(2);
    let contained = asked_lower.len() >= 3
        && names
            .iter()
            .filter(|n| n.to_lowercase().contains(&asked_lower))
            .count()
            == 1;
    if close {
        Some(name)
    } else if contained {
        names
            .iter()
            .find(|n| n.to_lowercase().contains(&asked_lower))
            .copied()
    } else {
        None
    }
}

/// The Levenshtein distance between two short names, in characters.
fn distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut row: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut diagonal = i;
        let mut left = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let up = row.get(j + 1).copied().unwrap_or(usize::MAX);
            let cost = diagonal + usize::from(ca != *cb);
            let next = cost.min(up + 1).min(left + 1);
            diagonal = up;
            if let Some(cell) = row.get_mut(j + 1) {
                *cell = next;
            }
            left = next;
        }
        if let Some(first) = row.first_mut() {
            *first = i + 1;
        }
    }
    row.last().copied().unwrap_or_default()
}

/// The error as JSON on one line, `{"error": ...}`, with `"hints"` when there are any.
pub fn error_json(error: &Error, hints: &[String]) -> String {
    let body = recourse_payments::host::error_json(error);
    if hints.is_empty() {
        return format!("{{\"error\":{body}}}");
    }
    let hints = serde_json::to_string(hints).unwrap_or_else(|_| "[]".to_owned());
    format!("{{\"error\":{body},\"hints\":{hints}}}")
}

/// The error as a person reads it: `recourse: message (code at path)`, then the hints.
pub fn error_text(error: &Error, hints: &[String]) -> String {
    let mut out = format!(
        "recourse: {} ({} at {})\n",
        error.message(),
        error.code(),
        error.path()
    );
    for hint in hints {
        out.push_str("  ");
        out.push_str(hint);
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::{distance, nearest};

    #[test]
    fn the_distance_counts_edits() {
        assert_eq!(distance("", ""), 0);
        assert_eq!(distance("refund.evaluat", "refund.evaluate"), 1);
        assert_eq!(distance("kitten", "sitting"), 3);
        assert_eq!(distance("abc", ""), 3);
    }

    #[test]
    fn a_slip_of_the_keyboard_finds_its_name_and_a_stranger_none() {
        let names = ["refund.evaluate", "refund.check", "money.allocate"];
        assert_eq!(nearest("refund.evaluat", &names), Some("refund.evaluate"));
        assert_eq!(nearest("Refund.Check", &names), Some("refund.check"));
        assert_eq!(nearest("allocate", &names), Some("money.allocate"));
        assert_eq!(nearest("weather.today", &names), None);
        assert_eq!(nearest("x", &names), None);
    }
}

//! What the command line adds to an error for the person who made it: the names that exist
//! and the one they most likely meant. Hosts get the error alone; an operator at a terminal
//! gets the list too.

use recourse_payments::names::nearest;
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

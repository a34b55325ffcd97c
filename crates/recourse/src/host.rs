//! What every host exposes beside the operations, written once so that the CLI, C, PHP and
//! the npm package give the same bytes: the operations list, a configuration's problems,
//! the version, an error as JSON, and the codes of the failures a host raises itself.
//!
//! ```
//! let list = recourse_payments::host::operations_json();
//! assert!(list.starts_with(r#"[{"name":"money.allocate","summary":"#));
//! assert_eq!(recourse_payments::host::check_json(recourse_payments::engine::DEFAULT_CONFIG_JSON), "[]");
//! assert!(recourse_payments::host::check_json("{").contains(r#""code":"config.syntax""#));
//! ```

use crate::canonical::{encode, Encode, Encoder};
use crate::{Engine, Error};

/// The library version recorded in receipts, such as `0.1.0`.
pub const VERSION: &str = crate::receipt::LIBRARY_VERSION;

/// The codes of the failures a host raises on its own side, the same in every host.
pub mod codes {
    /// A call on an engine the host already released (`free()` in JavaScript, `release()`
    /// in PHP). C cannot tell: a freed handle is the caller's error there.
    pub const ENGINE_RELEASED: &str = "host.engine_released";
}

/// Every operation this build answers, in registry order, as canonical JSON:
/// `[{"name": "money.allocate", "summary": "..."}, ...]`.
pub fn operations_json() -> String {
    canonical(&Registry)
}

/// Every problem of a configuration (TOML, or JSON when it starts with `{`), each with its
/// code, path and message, as a canonical JSON array; `[]` when the configuration is valid.
pub fn check_json(config: &str) -> String {
    problems_json(&Engine::check(config))
}

/// Problems (from [`Engine::check`]) as the canonical JSON array [`check_json`] gives.
pub fn problems_json(problems: &[Error]) -> String {
    canonical(problems)
}

/// An error as the JSON object every host shows: `{"code", "message", "path"}`.
pub fn error_json(error: &Error) -> String {
    canonical(error)
}

/// The registry as `[{"name", "summary"}, ...]`.
struct Registry;

impl Encode for Registry {
    fn encode(&self, out: &mut Encoder) {
        out.raw("[");
        for (i, op) in crate::engine::registry().iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            out.open();
            let mut comma = false;
            out.key(&mut comma, "\"name\":");
            out.string(op.name);
            out.key(&mut comma, "\"summary\":");
            out.string(op.summary);
            out.close(comma);
        }
        out.raw("]");
    }
}

/// Text from the canonical writer. Names, codes, paths and messages hold no floats, the one
/// thing it refuses, so the fallback is never taken.
fn canonical<T: Encode + ?Sized>(value: &T) -> String {
    encode(value).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_list_is_the_registry_in_order() {
        let list: serde_json::Value = serde_json::from_str(&operations_json()).unwrap();
        let names: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = crate::engine::registry().iter().map(|o| o.name).collect();
        assert_eq!(names, expected);
        assert!(list[0]["summary"].as_str().is_some_and(|s| !s.is_empty()));
    }

    #[test]
    fn check_lists_every_problem_with_its_path() {
        let problems: serde_json::Value = serde_json::from_str(&check_json(
            r#"{"store": {"name": "x"}, "calendars": {"a": {"time_zone": "Mars/Base"}, "b": {"time_zone": "UTC", "hours": {"mon": ["18:00-09:00"]}}}}"#,
        ))
        .unwrap();
        let problems = problems.as_array().unwrap();
        assert!(problems.len() >= 2, "{problems:?}");
        for p in problems {
            assert!(p["code"].is_string() && p["path"].is_string() && p["message"].is_string());
        }
        assert_eq!(check_json(crate::engine::DEFAULT_CONFIG_JSON), "[]");
    }

    /// The hosts that raise a code themselves spell it as this module does.
    #[test]
    fn hosts_raise_the_shared_codes() {
        let root = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        for file in ["bindings/wasm/js/engine.js", "bindings/php/src/Engine.php"] {
            let text = std::fs::read_to_string(root.join(file)).unwrap();
            assert!(
                text.contains(&format!("'{}'", codes::ENGINE_RELEASED)),
                "{file} does not raise {}",
                codes::ENGINE_RELEASED
            );
        }
    }

    #[test]
    fn an_error_is_its_code_message_and_path() {
        let e = Engine::from_text("{").unwrap_err();
        let json: serde_json::Value = serde_json::from_str(&error_json(&e)).unwrap();
        assert_eq!(json["code"], e.code());
        assert_eq!(json["path"], e.path());
        assert_eq!(json["message"], e.message());
    }
}

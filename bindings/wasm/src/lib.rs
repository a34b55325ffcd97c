//! The WebAssembly binding of Recourse.
//!
//! A thin layer over [`recourse_payments::Engine::call_json`] and the operations registry: every
//! operation is reached by name with JSON in and JSON out, so an operation added to the core
//! appears here, in the npm package and in its TypeScript declarations with no glue of its
//! own. The package's JavaScript (`js/`) wraps these exports in the `Engine` class and turns
//! the error JSON thrown here into `RecourseError`s.
//!
//! Single-threaded, no clock, no I/O: `now` always arrives in the request. Every failure is
//! a returned error (the core never panics), so a bad input leaves the engine as it was.
//!
//! `dts` (the `dts` feature, on by default, off in the `.wasm` build) writes the TypeScript
//! declarations from the same JSON Schemas the core publishes.
//!
//! The capabilities compiled in are the core's features of the same names (`capabilities`,
//! the default, for all of them): `build.sh --features refund,ticket` builds a smaller
//! package in which the other operations are `input.unknown_operation`.

use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[cfg(feature = "dts")]
pub mod dts;

/// An engine compiled from a configuration, held by JavaScript until `free()`.
#[wasm_bindgen(js_name = RawEngine)]
pub struct RawEngine {
    inner: recourse_payments::Engine,
}

#[wasm_bindgen(js_class = RawEngine)]
impl RawEngine {
    /// Builds an engine from configuration text (JSON; TOML is `config.unsupported_format`
    /// in this build), or the embedded default store when `config` is `undefined`.
    ///
    /// # Errors
    /// The configuration error as JSON text `{"code", "path", "message"}`.
    #[wasm_bindgen(constructor)]
    pub fn new(config: Option<String>) -> Result<RawEngine, JsValue> {
        let inner = match config {
            Some(text) => recourse_payments::Engine::from_text(&text),
            None => recourse_payments::Engine::default_store(),
        }
        .map_err(|e| thrown(&e))?;
        Ok(Self { inner })
    }

    /// Runs `operation` on UTF-8 JSON bytes; returns the canonical output JSON.
    ///
    /// # Errors
    /// The error as JSON text `{"code", "path", "message"}`.
    #[wasm_bindgen(js_name = callBytes)]
    pub fn call_bytes(&self, operation: &str, input: &[u8]) -> Result<String, JsValue> {
        self.inner
            .call_json(operation, input)
            .map_err(|e| thrown(&e))
    }

    /// Runs `operation` on JSON text; returns the canonical output JSON.
    ///
    /// # Errors
    /// The error as JSON text `{"code", "path", "message"}`.
    #[wasm_bindgen(js_name = callText)]
    pub fn call_text(&self, operation: &str, input: &str) -> Result<String, JsValue> {
        self.call_bytes(operation, input.as_bytes())
    }

    /// Runs `operation` on each request of a JSON array; returns a JSON array of
    /// `{"output": ...}` or `{"error": ...}` in order.
    ///
    /// # Errors
    /// The error as JSON text, when the batch as a whole cannot be read.
    #[wasm_bindgen(js_name = callBatchText)]
    pub fn call_batch_text(&self, operation: &str, inputs: &str) -> Result<String, JsValue> {
        self.inner
            .call_batch_json(operation, inputs.as_bytes())
            .map_err(|e| thrown(&e))
    }

    /// `sha256:` and the hash of the configuration's canonical form.
    #[wasm_bindgen(getter)]
    pub fn fingerprint(&self) -> String {
        self.inner.fingerprint().to_owned()
    }
}

/// Every operation as JSON: `[{"name": "money.allocate", "summary": "..."}, ...]`.
#[wasm_bindgen]
pub fn operations() -> String {
    recourse_payments::host::operations_json()
}

/// Every problem of a configuration as a JSON array of `{"code", "path", "message"}`
/// (empty when it is valid).
#[wasm_bindgen]
pub fn check(config: &str) -> String {
    recourse_payments::host::check_json(config)
}

/// The library version recorded in receipts.
#[wasm_bindgen]
pub fn version() -> String {
    recourse_payments::host::VERSION.to_owned()
}

/// The value thrown to JavaScript: the error's JSON text, turned into a `RecourseError` by
/// the package.
fn thrown(error: &recourse_payments::Error) -> JsValue {
    JsValue::from_str(&recourse_payments::host::error_json(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_and_version_are_the_hosts_shared_answers() {
        assert_eq!(operations(), recourse_payments::host::operations_json());
        assert_eq!(version(), recourse_payments::receipt::LIBRARY_VERSION);
    }

    #[test]
    fn check_reports_every_problem_as_json() {
        let problems: serde_json::Value = serde_json::from_str(&check(
            r#"{"store": {"name": " "}, "limits": {"max_list": 0}}"#,
        ))
        .unwrap();
        let paths: Vec<&str> = problems
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["store.name", "limits.max_list"]);
        assert_eq!(check(recourse_payments::engine::DEFAULT_CONFIG_JSON), "[]");
    }
}

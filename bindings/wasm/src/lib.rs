//! The WebAssembly binding of Recourse.
//!
//! A thin layer over [`recourse::Engine::call_json`] and the operations registry: every
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

use recourse::canonical::{Encode, Encoder};
use wasm_bindgen::prelude::wasm_bindgen;
use wasm_bindgen::JsValue;

#[cfg(feature = "dts")]
pub mod dts;

/// An engine compiled from a configuration, held by JavaScript until `free()`.
#[wasm_bindgen(js_name = RawEngine)]
pub struct RawEngine {
    inner: recourse::Engine,
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
            Some(text) => recourse::Engine::from_text(&text),
            None => recourse::Engine::default_store(),
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
    operations_json()
}

/// Every problem of a configuration as a JSON array of `{"code", "path", "message"}`
/// (empty when it is valid).
#[wasm_bindgen]
pub fn check(config: &str) -> String {
    canonical(&recourse::Engine::check(config))
}

/// The library version recorded in receipts.
#[wasm_bindgen]
pub fn version() -> String {
    recourse::receipt::LIBRARY_VERSION.to_owned()
}

/// The registry's names and summaries as JSON text.
pub fn operations_json() -> String {
    canonical(&Registry)
}

/// The registry as `[{"name", "summary"}, ...]`.
struct Registry;

impl Encode for Registry {
    fn encode(&self, out: &mut Encoder) {
        out.raw("[");
        for (i, op) in recourse::engine::registry().iter().enumerate() {
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

/// JSON text written by the core's canonical writer (rather than through a
/// `serde_json::Value`, whose writer would bring float formatting into the build).
fn canonical<T: Encode + ?Sized>(value: &T) -> String {
    // Errors and names hold no floats, the one thing the writer refuses.
    recourse::canonical::encode(value).unwrap_or_default()
}

/// The value thrown to JavaScript: the error's JSON text, turned into a `RecourseError` by
/// the package.
fn thrown(error: &recourse::Error) -> JsValue {
    JsValue::from_str(&canonical(error))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operations_lists_the_registry() {
        let list: serde_json::Value = serde_json::from_str(&operations_json()).unwrap();
        let names: Vec<&str> = list
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["name"].as_str().unwrap())
            .collect();
        let expected: Vec<&str> = recourse::engine::registry()
            .iter()
            .map(|o| o.name)
            .collect();
        assert_eq!(names, expected);
    }

    #[test]
    fn check_reports_every_problem_as_json() {
        let problems: serde_json::Value =
            serde_json::from_str(&check("[store]\nname = \" \"\n[limits]\nmax_list = 0\n"))
                .unwrap();
        let paths: Vec<&str> = problems
            .as_array()
            .unwrap()
            .iter()
            .map(|p| p["path"].as_str().unwrap())
            .collect();
        assert_eq!(paths, ["store.name", "limits.max_list"]);
        assert_eq!(check(recourse::engine::DEFAULT_CONFIG), "[]");
    }
}

//! The shared conformance vectors: `tests/vectors/<operation>/<case>.json`, each holding an
//! operation, an optional configuration, an input, and either the expected output or the
//! expected error. Every binding runs the same files and must produce the same bytes.
//!
//! The receipt's `engine_fingerprint` is left out of the comparison unless the vector sets
//! `"pins_fingerprint": true`: changing the default store then re-blesses only the vectors
//! that pin its fingerprint.

use std::path::{Path, PathBuf};

use recourse_payments::Engine;
use serde_json::Value;

/// One conformance vector, as read from disk.
#[derive(Debug)]
pub struct Vector {
    /// Where it was read from.
    pub file: PathBuf,
    /// The operation it calls.
    pub operation: String,
    /// The configuration as JSON text, when the vector has its own.
    pub config: Option<String>,
    /// The input bytes exactly as sent.
    pub input: String,
    /// The expected output as canonical JSON, for a success vector.
    pub expected: Option<String>,
    /// The expected error code and path, for an error vector.
    pub error: Option<(String, String)>,
    /// Whether the receipt's `engine_fingerprint` is compared (`"pins_fingerprint": true`).
    pub pins_fingerprint: bool,
}

/// The member of an answer's receipt that only pinning vectors compare.
pub const FINGERPRINT: &str = "engine_fingerprint";

/// The folder holding the vectors.
pub fn vectors_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("vectors")
}

/// Reads every vector, sorted by path.
///
/// # Errors
/// A message naming the file that could not be read or understood.
pub fn load_all() -> Result<Vec<Vector>, String> {
    let mut files = Vec::new();
    collect(&vectors_dir(), &mut files)?;
    files.sort();
    files.iter().map(|f| load(f)).collect()
}

fn collect(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| e.to_string())?.path();
        if path.is_dir() {
            collect(&path, out)?;
        } else if path.extension().is_some_and(|x| x == "json") {
            out.push(path);
        }
    }
    Ok(())
}

fn load(file: &Path) -> Result<Vector, String> {
    let text = std::fs::read_to_string(file).map_err(|e| format!("{}: {e}", file.display()))?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
    let field = |name: &str| value.get(name);
    let operation = field("operation")
        .and_then(Value::as_str)
        .ok_or(format!("{}: no operation", file.display()))?;
    // `input_text` carries raw bytes (malformed JSON, say) when the vector tests those.
    let input = match (field("input_text").and_then(Value::as_str), field("input")) {
        (Some(raw), _) => raw.to_owned(),
        (None, Some(input)) => input.to_string(),
        (None, None) => return Err(format!("{}: no input", file.display())),
    };
    let error = field("error").map(|e| {
        let text = |k: &str| e.get(k).and_then(Value::as_str).unwrap_or("").to_owned();
        (text("code"), text("path"))
    });
    let pins_fingerprint = match field("pins_fingerprint") {
        None => false,
        Some(pins) => pins.as_bool().ok_or(format!(
            "{}: pins_fingerprint is not a boolean",
            file.display()
        ))?,
    };
    let expected = field("expected");
    // A pinning vector names the fingerprint it pins (blessing writes it into a new one).
    if pins_fingerprint && expected.is_some_and(|e| fingerprint_of(e).is_none()) {
        return Err(format!(
            "{}: pins_fingerprint without an expected receipt fingerprint",
            file.display()
        ));
    }
    Ok(Vector {
        file: file.to_path_buf(),
        operation: operation.to_owned(),
        config: field("config").map(Value::to_string),
        input,
        expected: expected.map(Value::to_string),
        error,
        pins_fingerprint,
    })
}

/// The receipt's fingerprint in an answer, when it has one.
fn fingerprint_of(answer: &Value) -> Option<&Value> {
    answer
        .get("receipt")
        .and_then(|receipt| receipt.get(FINGERPRINT))
}

/// An answer as it is compared: its canonical text, without the receipt's
/// `engine_fingerprint` unless `pinned`.
///
/// # Errors
/// The answer is not JSON.
pub fn comparable(answer: &str, pinned: bool) -> Result<String, String> {
    let mut value: Value = serde_json::from_str(answer).map_err(|e| e.to_string())?;
    if !pinned {
        if let Some(receipt) = value.get_mut("receipt").and_then(Value::as_object_mut) {
            receipt.remove(FINGERPRINT);
        }
    }
    Ok(value.to_string())
}

/// Whether an answer matches the expected one: the same canonical bytes, leaving out the
/// receipt's fingerprint unless `pinned`. `actual` must itself be canonical.
pub fn answers_match(expected: &str, actual: &str, pinned: bool) -> bool {
    match (comparable(expected, pinned), comparable(actual, true)) {
        (Ok(expected), Ok(canonical)) if canonical == actual => {
            comparable(actual, pinned).is_ok_and(|actual| actual == expected)
        }
        _ => false,
    }
}

/// Runs one vector; `Ok` when the engine gives exactly the expected bytes (the receipt's
/// fingerprint left out unless the vector pins it) or error. A vector whose configuration is
/// invalid expects the configuration's error.
///
/// # Errors
/// What differed, naming the file.
pub fn check(vector: &Vector, default_engine: &Engine) -> Result<(), String> {
    let name = vector.file.display();
    // A vector with a bad configuration expects the engine's own error.
    let result = match &vector.config {
        Some(config) => Engine::from_json(config)
            .and_then(|engine| engine.call_json(&vector.operation, vector.input.as_bytes())),
        None => default_engine.call_json(&vector.operation, vector.input.as_bytes()),
    };
    match (&vector.expected, &vector.error, result) {
        (Some(expected), None, Ok(actual))
            if answers_match(expected, &actual, vector.pins_fingerprint) =>
        {
            Ok(())
        }
        (Some(expected), None, Ok(actual)) => {
            Err(format!("{name}:\n expected {expected}\n   actual {actual}"))
        }
        (None, Some((code, path)), Err(e)) if e.code() == code && e.path() == path => Ok(()),
        (_, _, Ok(actual)) => Err(format!("{name}: expected an error, got {actual}")),
        (_, _, Err(e)) => Err(format!("{name}: unexpected error {e}")),
    }
}

/// Writes a new vector's `expected` (or `error`) with what the engine answers now; a vector
/// that already has either is left as it is. The receipt's fingerprint is written only when
/// the vector pins it. For adding vectors: read every blessed answer before committing it.
///
/// # Errors
/// The file cannot be read or written.
pub fn bless(vector: &Vector, default_engine: &Engine) -> Result<(), String> {
    if vector.expected.is_some() || vector.error.is_some() {
        return Ok(());
    }
    let text = std::fs::read_to_string(&vector.file).map_err(|e| e.to_string())?;
    let mut value: Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
    let result = match &vector.config {
        Some(config) => Engine::from_json(config)
            .and_then(|engine| engine.call_json(&vector.operation, vector.input.as_bytes())),
        None => default_engine.call_json(&vector.operation, vector.input.as_bytes()),
    };
    let Some(object) = value.as_object_mut() else {
        return Err("not an object".into());
    };
    match result {
        Ok(out) => {
            let out = comparable(&out, vector.pins_fingerprint)?;
            object.insert(
                "expected".into(),
                serde_json::from_str(&out).map_err(|e| e.to_string())?,
            );
        }
        Err(e) => {
            object.insert(
                "error".into(),
                serde_json::json!({"code": e.code(), "path": e.path()}),
            );
        }
    }
    let pretty = serde_json::to_string_pretty(&value).map_err(|e| e.to_string())?;
    std::fs::write(&vector.file, pretty + "\n").map_err(|e| e.to_string())
}

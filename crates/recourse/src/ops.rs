//! The one operations surface: every capability is a set of operations named `area.verb`,
//! each a typed request, a typed response and one pure function.
//!
//! Rust callers use [`Engine::call`] with typed values. Every other host (the CLI, C, PHP,
//! WebAssembly) calls [`Engine::call_json`] by name with JSON in and JSON out, so a new
//! operation reaches every host at once with the same bytes.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::{render_path, Decode, Step, WritePath};

use crate::calendar::Timestamp;
use crate::canonical;
use crate::engine::Engine;
use crate::receipt::{self, Receipt, Trace};
use crate::{Error, ErrorKind};

/// Errors about a request as a whole: its bytes, its shape, its size, its operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The bytes are not valid UTF-8.
    #[error("the input is not valid UTF-8")]
    InvalidUtf8,
    /// The bytes are not well-formed JSON.
    #[error("the input is not well-formed JSON")]
    MalformedJson,
    /// A field is missing, unknown, or of the wrong type or value.
    #[error("{detail}")]
    Invalid {
        /// What was expected (never the value received).
        detail: String,
    },
    /// The input is larger than the engine's byte limit.
    #[error("the input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The input nests deeper than the engine's depth limit. The path names only the keys
    /// the request's type defines; any other is `<key N>` (see [`crate::decode`]).
    #[error("the input nests deeper than the limit of {limit} levels")]
    TooDeep {
        /// The limit in levels.
        limit: usize,
    },
    /// A list holds more items than the engine's list limit. The path names only the keys
    /// the request's type defines; any other is `<key N>` (see [`crate::decode`]).
    #[error("a list holds more than the limit of {limit} items")]
    ListTooLong {
        /// The limit in items.
        limit: usize,
    },
    /// No operation has that name.
    #[error("unknown operation; `recourse ops` lists them")]
    UnknownOperation,
    /// An instant is not RFC 3339 with an explicit offset.
    #[error("expected an RFC 3339 instant with an offset, such as \"2026-03-06T17:00:00-03:00\"")]
    InvalidTime,
    /// An instant or a date lies outside the supported years, 0001 to 9999 in UTC and in the
    /// offset it is written in ([`crate::calendar::SUPPORTED_YEARS`]): given so in the
    /// request, or an answer computed from the request would be.
    #[error("the instant or date lies outside the supported years, 0001 to 9999")]
    OutOfRange,
}

impl InputError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUtf8 => "input.invalid_utf8",
            Self::MalformedJson => "input.malformed_json",
            Self::Invalid { .. } => "input.invalid",
            Self::TooLarge { .. } => "input.too_large",
            Self::TooDeep { .. } => "input.too_deep",
            Self::ListTooLong { .. } => "input.list_too_long",
            Self::UnknownOperation => "input.unknown_operation",
            Self::InvalidTime => "input.invalid_time",
            Self::OutOfRange => "input.out_of_range",
        }
    }
}

/// Limits on untrusted input, checked before any parsing.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields, default)]
pub struct Limits {
    /// Largest request, in bytes.
    pub max_bytes: usize,
    /// Deepest nesting of arrays and objects.
    pub max_depth: usize,
    /// Most items in any one array.
    pub max_list: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Self {
            max_bytes: 4 * 1024 * 1024,
            max_depth: 32,
            max_list: 100_000,
        }
    }
}

impl Limits {
    /// Checks `json`, a `T` to be, against the limits in one pass, before it is parsed, so
    /// that a hostile input costs no more than reading it once.
    ///
    /// # Errors
    /// [`InputError::TooLarge`], [`InputError::TooDeep`] or [`InputError::ListTooLong`],
    /// with the path where the limit was crossed. The path names a key only where `T`
    /// defines it, any other as `<key N>`: a key is the client's text, and may be personal
    /// data (see [`crate::decode`]).
    ///
    /// # Example
    /// ```
    /// use recourse::money::AllocateRequest;
    /// use recourse::ops::Limits;
    /// let limits = Limits { max_list: 2, ..Limits::default() };
    /// let e = limits.check::<AllocateRequest>(br#"{"ratios": [1, 2, 3]}"#).unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("input.list_too_long", "ratios[2]"));
    /// let e = limits.check::<AllocateRequest>(br#"{"maria@example.com": [1, 2, 3]}"#).unwrap_err();
    /// assert_eq!(e.path(), "<key 0>[2]");
    /// ```
    pub fn check<T: Decode>(&self, json: &[u8]) -> Result<(), Error> {
        self.check_with(json, T::write_path)
    }

    /// [`Limits::check`] with the path written by `write`.
    fn check_with(&self, json: &[u8], write: WritePath) -> Result<(), Error> {
        if json.len() > self.max_bytes {
            return Err(Error::new(
                InputError::TooLarge {
                    limit: self.max_bytes,
                },
                ".",
            ));
        }
        let mut scan = Scan::new(json, write);
        let mut at = 0;
        while let Some(&byte) = json.get(at) {
            if scan.in_string && !scan.escaped {
                // The bulk of a request is string contents: skip to what can end them.
                let rest = json.get(at..).unwrap_or_default();
                let plain = rest
                    .iter()
                    .position(|&b| b == b'"' || b == b'\\')
                    .unwrap_or(rest.len());
                if plain > 0 {
                    at += plain;
                    continue;
                }
            }
            scan.step(byte, at, self)?;
            at += 1;
        }
        Ok(())
    }
}

/// The state of the one-pass limit scan: where we are in strings and containers.
struct Scan<'j> {
    json: &'j [u8],
    /// Writes a path of the request's type, naming only the keys it defines.
    write: WritePath,
    in_string: bool,
    escaped: bool,
    /// Whether the string being read is an object key (kept for error paths).
    in_key: bool,
    stack: Vec<Frame>,
    /// Whether the current container has seen a value since its last comma.
    pending_item: bool,
}

/// An open container and what the scan knows of it.
enum Frame {
    Array {
        items: usize,
    },
    /// `key` is where the current key's text lies in the input; `keys` counts the keys
    /// begun, so the current one is number `keys - 1`.
    Object {
        key: std::ops::Range<usize>,
        keys: usize,
        expecting_key: bool,
    },
}

impl<'j> Scan<'j> {
    fn new(json: &'j [u8], write: WritePath) -> Self {
        Self {
            json,
            write,
            in_string: false,
            escaped: false,
            in_key: false,
            stack: Vec::new(),
            pending_item: false,
        }
    }

    fn step(&mut self, byte: u8, at: usize, limits: &Limits) -> Result<(), Error> {
        if self.in_string {
            self.string_byte(byte, at);
            return Ok(());
        }
        match byte {
            b'"' => {
                self.in_string = true;
                if let Some(Frame::Object {
                    key,
                    keys,
                    expecting_key: expecting @ true,
                }) = self.stack.last_mut()
                {
                    *key = at + 1..at + 1;
                    *keys += 1;
                    *expecting = false;
                    self.in_key = true;
                } else {
                    self.note_item(limits)?;
                }
            }
            b'[' | b'{' => {
                self.note_item(limits)?;
                if self.stack.len() >= limits.max_depth {
                    return Err(Error::new(
                        InputError::TooDeep {
                            limit: limits.max_depth,
                        },
                        self.path(),
                    ));
                }
                self.stack.push(if byte == b'[' {
                    Frame::Array { items: 0 }
                } else {
                    Frame::Object {
                        key: 0..0,
                        keys: 0,
                        expecting_key: true,
                    }
                });
                self.pending_item = false;
            }
            b']' | b'}' => {
                self.stack.pop();
                self.pending_item = true;
            }
            b',' => {
                self.pending_item = false;
                if let Some(Frame::Object { expecting_key, .. }) = self.stack.last_mut() {
                    *expecting_key = true;
                }
            }
            b':' => self.pending_item = false,
            b' ' | b'\n' | b'\r' | b'\t' => {}
            _ => self.note_item(limits)?,
        }
        Ok(())
    }

    fn string_byte(&mut self, byte: u8, at: usize) {
        match (self.escaped, byte) {
            (true, _) => self.escaped = false,
            (false, b'\\') => self.escaped = true,
            (false, b'"') => {
                if self.in_key {
                    if let Some(Frame::Object { key, .. }) = self.stack.last_mut() {
                        key.end = at;
                    }
                }
                self.in_string = false;
                self.in_key = false;
            }
            _ => {}
        }
    }

    /// Counts a new item in the innermost array when a value starts there.
    fn note_item(&mut self, limits: &Limits) -> Result<(), Error> {
        if self.pending_item {
            return Ok(());
        }
        self.pending_item = true;
        if let Some(Frame::Array { items }) = self.stack.last_mut() {
            *items += 1;
            if *items > limits.max_list {
                return Err(Error::new(
                    InputError::ListTooLong {
                        limit: limits.max_list,
                    },
                    self.path(),
                ));
            }
        }
        Ok(())
    }

    /// The path of the value being read, such as `ratios[3]`: each key as the request's
    /// type defines it, or `<key N>`.
    fn path(&self) -> String {
        let steps: Vec<Step<'_>> = self
            .stack
            .iter()
            .filter_map(|frame| match frame {
                Frame::Array { items } => Some(Step::Index(items.saturating_sub(1))),
                // An object's value before any key is malformed JSON: no step to name.
                Frame::Object { keys: 0, .. } => None,
                Frame::Object { key, keys, .. } => Some(Step::Key {
                    // A key that is not UTF-8 is no name a type defines.
                    text: self
                        .json
                        .get(key.start..key.end.max(key.start))
                        .and_then(|text| std::str::from_utf8(text).ok())
                        .unwrap_or_default(),
                    position: keys - 1,
                }),
            })
            .collect();
        render_path(&steps, self.write)
    }
}

/// One operation: a typed request, a typed response and a pure function between them.
pub trait Operation {
    /// The name, `area.verb`.
    const NAME: &'static str;
    /// One line saying what it answers.
    const SUMMARY: &'static str;
    /// The request.
    type Request: Decode + Serialize + Encode + JsonSchema;
    /// The response, without its receipt.
    type Response: Serialize + Encode + JsonSchema;

    /// Answers the request. Pure: everything it needs is in `engine` and `request`.
    ///
    /// # Errors
    /// Whatever the request makes impossible to answer, with the path of the culprit.
    fn run(
        engine: &Engine,
        request: &Self::Request,
        trace: &mut Trace,
    ) -> Result<Self::Response, Error>;

    /// The request's `now`, recorded in the receipt, for operations that take one.
    fn now(_request: &Self::Request) -> Option<&Timestamp> {
        None
    }

    /// The canonical JSON the receipt's input digest is computed over: by default the
    /// request itself. An operation whose request carries secrets that its answer removes
    /// (a card number, a security code) digests the request without them instead, so that
    /// the digest, which anyone holding the answer can recompute, cannot confirm a guess.
    ///
    /// # Errors
    /// When the request cannot be written as JSON.
    /// The response is at hand so that an operation whose answer already holds the cleaned
    /// request (a redacted text) does not compute it twice.
    fn digest_input(
        request: &Self::Request,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        crate::canonical::encode(request)
    }
}

/// A response with its receipt. In JSON the response's fields and `receipt` sit side by side.
#[derive(Debug, Clone, PartialEq, Serialize, JsonSchema)]
pub struct Output<T> {
    /// The response.
    #[serde(flatten)]
    pub response: T,
    /// The receipt.
    pub receipt: Receipt,
}

impl<T: Encode> Encode for Output<T> {
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        out.with_entry(&self.response, "\"receipt\":", &self.receipt);
    }
}

/// An entry of the registry: an operation's name, summary, schemas and JSON entry point.
#[derive(Debug, Clone, Copy)]
pub struct OperationInfo {
    /// The name, `area.verb`.
    pub name: &'static str,
    /// One line saying what it answers.
    pub summary: &'static str,
    call: fn(&Engine, &str) -> Result<String, Error>,
    /// [`Limits::check`] of one request, and of a batch of them.
    check: fn(&Limits, &[u8]) -> Result<(), Error>,
    check_batch: fn(&Limits, &[u8]) -> Result<(), Error>,
    /// The output and the request, each written canonically and through a
    /// `serde_json::Value`, for the tests that hold the two to the same bytes.
    #[cfg(test)]
    pub(crate) both_ways: fn(&Engine, &str) -> Result<BothWays, Error>,
    #[cfg(feature = "schemas")]
    input_schema: fn() -> schemars::Schema,
    #[cfg(feature = "schemas")]
    output_schema: fn() -> schemars::Schema,
}

impl OperationInfo {
    /// The registry entry of `O`.
    pub const fn of<O: Operation>() -> Self {
        Self {
            name: O::NAME,
            summary: O::SUMMARY,
            call: call_typed_json::<O>,
            check: Limits::check::<O::Request>,
            check_batch: Limits::check::<Vec<O::Request>>,
            #[cfg(test)]
            both_ways: both_ways::<O>,
            #[cfg(feature = "schemas")]
            input_schema: schema_of::<O::Request>,
            #[cfg(feature = "schemas")]
            output_schema: schema_of::<Output<O::Response>>,
        }
    }

    /// The JSON Schema of the request (with the `schemas` feature, on by default).
    #[cfg(feature = "schemas")]
    pub fn input_schema(&self) -> schemars::Schema {
        (self.input_schema)()
    }

    /// The JSON Schema of the response with its receipt (with the `schemas` feature, on by
    /// default).
    #[cfg(feature = "schemas")]
    pub fn output_schema(&self) -> schemars::Schema {
        (self.output_schema)()
    }
}

#[cfg(feature = "schemas")]
fn schema_of<T: JsonSchema>() -> schemars::Schema {
    schemars::generate::SchemaSettings::draft2020_12()
        .into_generator()
        .into_root_schema_for::<T>()
}

/// Every operation, in the order `recourse ops` lists them.
pub fn registry() -> &'static [OperationInfo] {
    REGISTRY
}

/// Finds an operation by name.
pub fn find(name: &str) -> Option<&'static OperationInfo> {
    REGISTRY.iter().find(|op| op.name == name)
}

static REGISTRY: &[OperationInfo] = &[
    OperationInfo::of::<crate::money::Allocate>(),
    OperationInfo::of::<crate::calendar::IsOpen>(),
    OperationInfo::of::<crate::calendar::NextOpen>(),
    OperationInfo::of::<crate::calendar::Add>(),
    OperationInfo::of::<crate::calendar::Elapsed>(),
    OperationInfo::of::<crate::ticket::Triage>(),
    OperationInfo::of::<crate::ticket::Apply>(),
    OperationInfo::of::<crate::ticket::Replay>(),
    OperationInfo::of::<crate::ticket::FollowUp>(),
    OperationInfo::of::<crate::refund::Evaluate>(),
    OperationInfo::of::<crate::refund::Check>(),
    OperationInfo::of::<crate::refund::Disclose>(),
    OperationInfo::of::<crate::refund::Simulate>(),
    OperationInfo::of::<crate::privacy::Redact>(),
    OperationInfo::of::<crate::sla::SlaStatus>(),
    OperationInfo::of::<crate::metrics::Support>(),
];

/// Runs a typed operation and builds its receipt.
pub(crate) fn call_typed<O: Operation>(
    engine: &Engine,
    request: &O::Request,
) -> Result<Output<O::Response>, Error> {
    let mut trace = Trace::new();
    let response = O::run(engine, request, &mut trace)?;
    let canonical = O::digest_input(request, &response).map_err(|_| {
        Error::new(
            InputError::Invalid {
                detail: "the request cannot be written as JSON".into(),
            },
            ".",
        )
    })?;
    let receipt = Receipt {
        operation: O::NAME.to_owned(),
        library_version: receipt::LIBRARY_VERSION.to_owned(),
        engine_fingerprint: engine.fingerprint().to_owned(),
        input_digest: receipt::digest(canonical.as_bytes()),
        now: O::now(request).map(Timestamp::to_rfc3339),
        trace: trace.into_steps(),
    };
    Ok(Output { response, receipt })
}

/// Parses a request from JSON text, naming the path of any problem.
pub(crate) fn parse_request<T: Decode>(json: &str) -> Result<T, Error> {
    let value = crate::decode::parse_strict(
        json,
        T::write_path,
        || Error::new(InputError::MalformedJson, "."),
        || {
            ErrorKind::Input(InputError::Invalid {
                detail: "an object names the same key twice".into(),
            })
        },
    )?;
    crate::decode::decode(&value, crate::decode::Area::Input)
}

fn call_typed_json<O: Operation>(engine: &Engine, json: &str) -> Result<String, Error> {
    let request: O::Request = parse_request(json)?;
    let output = call_typed::<O>(engine, &request)?;
    canonical::encode(&output).map_err(|_| cannot_write_response())
}

fn cannot_write_response() -> Error {
    Error::new(
        InputError::Invalid {
            detail: "the response cannot be written as JSON".into(),
        },
        ".",
    )
}

/// The output and the request, each as `[encoded, canonical, through a serde_json::Value]`.
#[cfg(test)]
pub(crate) type BothWays = [[String; 3]; 2];

#[cfg(test)]
fn both_ways<O: Operation>(engine: &Engine, json: &str) -> Result<BothWays, Error> {
    fn ways<T: Serialize + Encode>(value: &T) -> [String; 3] {
        let encoded = canonical::encode(value).unwrap_or_else(|e| e.to_string());
        let canonical = canonical::to_string(value).unwrap_or_else(|e| e.to_string());
        let through_value = serde_json::to_value(value)
            .map(|v| v.to_string())
            .unwrap_or_else(|e| e.to_string());
        [encoded, canonical, through_value]
    }
    let request: O::Request = parse_request(json)?;
    let output = call_typed::<O>(engine, &request)?;
    Ok([ways(&output), ways(&request)])
}

/// Dispatches `input` (JSON bytes) to the operation named `name`; returns the response with
/// its receipt as canonical JSON.
pub(crate) fn call_json(engine: &Engine, name: &str, input: &[u8]) -> Result<String, Error> {
    let op = find(name).ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    (op.check)(engine.limits(), input)?;
    let text = std::str::from_utf8(input).map_err(|_| Error::new(InputError::InvalidUtf8, "."))?;
    (op.call)(engine, text)
}

/// Runs `name` on each element of a JSON array of requests; one bad element does not stop
/// the others. Returns a JSON array of `{"output": ...}` or `{"error": ...}` in order.
pub(crate) fn call_batch_json(engine: &Engine, name: &str, inputs: &[u8]) -> Result<String, Error> {
    let op = find(name).ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    (op.check_batch)(engine.limits(), inputs)?;
    let text = std::str::from_utf8(inputs).map_err(|_| Error::new(InputError::InvalidUtf8, "."))?;
    let items =
        crate::decode::batch_items(text).map_err(|_| Error::new(InputError::MalformedJson, "."))?;
    // Each output is canonical JSON already: the array is written around them.
    let mut out = String::from("[");
    for (i, raw) in items.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        match (op.call)(engine, raw.get()) {
            Ok(output) => {
                out.push_str(r#"{"output":"#);
                out.push_str(&output);
            }
            Err(e) => {
                let error = canonical::encode(&e.under(&format!("[{i}]")))
                    .map_err(|_| cannot_write_response())?;
                out.push_str(r#"{"error":"#);
                out.push_str(&error);
            }
        }
        out.push('}');
    }
    out.push(']');
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn check(json: &str, limits: Limits) -> Result<(), &'static str> {
        limits
            .check::<serde_json::Value>(json.as_bytes())
            .map_err(|e| e.code())
    }

    #[test]
    fn limits_catch_size_depth_and_length() {
        let small = Limits {
            max_bytes: 10,
            max_depth: 2,
            max_list: 3,
        };
        assert_eq!(check("[1,2,3]", small), Ok(()));
        assert_eq!(check("[1,2,3,4]", small), Err("input.list_too_long"));
        assert_eq!(check("[[[1]]]", small), Err("input.too_deep"));
        assert_eq!(check("[\"12345678901\"]", small), Err("input.too_large"));
        let roomy = Limits {
            max_bytes: 1000,
            max_depth: 3,
            max_list: 2,
        };
        assert_eq!(check(r#"{"a":["[[[,,,", "x"]}"#, roomy), Ok(()));
        assert_eq!(check(r#"[{"a":1,"b":2,"c":3},{}]"#, roomy), Ok(()));
        assert_eq!(check(r#"[[1,2],[3,4]]"#, roomy), Ok(()));
        assert_eq!(
            check(r#"[[1,2],[3,4],[5]]"#, roomy),
            Err("input.list_too_long")
        );
        let e = Limits {
            max_bytes: 1000,
            max_depth: 5,
            max_list: 2,
        }
        .check::<crate::money::AllocateRequest>(
            br#"{"total": {"a": [1]}, "ratios": [1, "x,y", 3]}"#,
        )
        .unwrap_err();
        assert_eq!(e.path(), "ratios[2]");
    }

    /// Keys that could be personal data, as a client might send them.
    const PERSONAL_KEYS: [&str; 3] = ["4111111111111111", "529.982.247-25", "maria@example.com"];

    #[test]
    fn limit_paths_name_only_the_keys_the_request_defines() {
        let limits = Limits {
            max_bytes: 10_000,
            max_depth: 4,
            max_list: 2,
        };
        type Allocate = crate::money::AllocateRequest;
        for key in PERSONAL_KEYS {
            let deep = format!(r#"{{"total": {{"amount": "1", "{key}": [[[1]]]}}}}"#);
            let e = limits.check::<Allocate>(deep.as_bytes()).unwrap_err();
            assert_eq!(
                (e.code(), e.path()),
                ("input.too_deep", "total.<key 1>[0][0]")
            );
            let long = format!(r#"{{"ratios": [1], "{key}": {{"ratios": [1, 2, 3]}}}}"#);
            let e = limits.check::<Allocate>(long.as_bytes()).unwrap_err();
            // Below an unknown key nothing is known: every key is masked.
            assert_eq!(
                (e.code(), e.path()),
                ("input.list_too_long", "<key 1>.<key 0>[2]")
            );
            let e = limits
                .check::<serde_json::Value>(long.as_bytes())
                .unwrap_err();
            assert_eq!(e.path(), "<key 1>.<key 0>[2]");
        }
        // A batch: the element's index, then its request's keys.
        let batch = br#"[{"ratios": [1]}, {"caps": [null, null, {"amount": "1"}]}]"#;
        let e = limits.check::<Vec<Allocate>>(batch).unwrap_err();
        assert_eq!(e.path(), "[1].caps[2]");
        // Keys a type defines are named even when written with escapes only if spelled as
        // the type spells them: the scan reads the text as written.
        let escaped = br#"{"r\u0061tios": [1, 2, 3]}"#;
        let e = limits.check::<Allocate>(escaped).unwrap_err();
        assert_eq!(e.path(), "<key 0>[2]");
    }

    #[test]
    fn batch_errors_never_repeat_a_key_the_request_does_not_define() {
        let engine = Engine::from_json(
            r#"{"store": {"name": "Tiny"}, "limits": {"max_depth": 5, "max_list": 3}}"#,
        )
        .unwrap();
        let good = r#"{"total": {"amount": "1.00", "currency": "BRL"}, "ratios": [1]}"#;
        for key in PERSONAL_KEYS {
            // Each element's own error, under its index.
            let twice = format!(r#"{{"ratios": [1], "{key}": {{"a": 1, "a": 2}}}}"#);
            let out = engine
                .call_batch_json("money.allocate", format!("[{good}, {twice}]").as_bytes())
                .unwrap();
            assert!(out.contains(r#""path":"[1].<key 1>""#), "{out}");
            assert!(!out.contains(key), "{out}");
            // The batch's limits, before any element is read.
            let deep = format!(r#"{{"{key}": [[[[1]]]]}}"#);
            let e = engine
                .call_batch_json("money.allocate", format!("[{good}, {deep}]").as_bytes())
                .unwrap_err();
            assert_eq!(
                (e.code(), e.path()),
                ("input.too_deep", "[1].<key 0>[0][0][0]")
            );
            let long = format!(r#"{{"{key}": [1, 2, 3, 4]}}"#);
            let e = engine
                .call_json("money.allocate", long.as_bytes())
                .unwrap_err();
            assert_eq!((e.code(), e.path()), ("input.list_too_long", "<key 0>[3]"));
        }
    }

    /// A map whose keys are free text would put the client's keys in its values' paths
    /// (`tags.x`): no request has one. A map keyed by an enum names only its values.
    #[cfg(feature = "schemas")]
    #[test]
    fn no_request_has_a_map_whose_keys_the_client_chooses() {
        fn free_map(v: &serde_json::Value) -> bool {
            match v {
                serde_json::Value::Object(o) => {
                    let map = o
                        .get("additionalProperties")
                        .is_some_and(|a| a.is_object() || a == &serde_json::Value::Bool(true));
                    (map && !o.contains_key("propertyNames")) || o.values().any(free_map)
                }
                serde_json::Value::Array(a) => a.iter().any(free_map),
                _ => false,
            }
        }
        // The configuration has such maps (its policies, by the names it gives them).
        let config = serde_json::to_value(schema_of::<crate::Config>()).unwrap();
        assert!(free_map(&config));
        for op in registry() {
            let schema = serde_json::to_value(op.input_schema()).unwrap();
            assert!(!free_map(&schema), "{}", op.name);
        }
    }

    /// The scan byte by byte, without skipping string contents: what `check` must equal.
    fn check_every_byte(limits: &Limits, json: &[u8]) -> Result<(), Error> {
        let mut scan = Scan::new(json, <serde_json::Value as Decode>::write_path);
        for (at, &byte) in json.iter().enumerate() {
            scan.step(byte, at, limits)?;
        }
        Ok(())
    }

    proptest::proptest! {
        #[test]
        fn skipping_string_contents_changes_nothing(
            text in "[\\[\\]{}\",:a\\\\é 1]{0,40}",
            depth in 1usize..4,
            list in 1usize..4,
        ) {
            let limits = Limits { max_bytes: 1000, max_depth: depth, max_list: list };
            let fast = limits
                .check::<serde_json::Value>(text.as_bytes())
                .map_err(|e| (e.code(), e.path().to_owned()));
            let slow = check_every_byte(&limits, text.as_bytes())
                .map_err(|e| (e.code(), e.path().to_owned()));
            proptest::prop_assert_eq!(fast, slow);
        }
    }

    #[test]
    fn operation_names_are_unique_and_area_dot_verb() {
        let mut names: Vec<_> = registry().iter().map(|o| o.name).collect();
        assert!(names.iter().all(|n| n.split('.').count() == 2));
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), registry().len());
    }
}

//! The one operations surface: every capability is a set of operations named `area.verb`,
//! each a typed request, a typed response and one pure function.
//!
//! Rust callers use [`Engine::call`] with typed values. Every other host (the CLI, C, PHP,
//! WebAssembly) calls [`Engine::call_json`] by name with JSON in and JSON out, so a new
//! operation reaches every host at once with the same bytes.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::calendar::Timestamp;
use crate::canonical;
use crate::engine::Engine;
pub use crate::error::InputError;
pub use crate::limits::Limits;
use crate::receipt::{self, Receipt, Trace};
use crate::Error;

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

fn call_typed_json<O: Operation>(engine: &Engine, json: &str) -> Result<String, Error> {
    let request: O::Request = crate::decode::parse_request(json)?;
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
    let request: O::Request = crate::decode::parse_request(json)?;
    let output = call_typed::<O>(engine, &request)?;
    Ok([ways(&output), ways(&request)])
}

/// Dispatches `input` (JSON bytes) to the operation named `name`; returns the response with
/// its receipt as canonical JSON.
pub(crate) fn call_json(engine: &Engine, name: &str, input: &[u8]) -> Result<String, Error> {
    let op = find(name).ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    engine.limits().check(input)?;
    let text = std::str::from_utf8(input).map_err(|_| Error::new(InputError::InvalidUtf8, "."))?;
    (op.call)(engine, text)
}

/// Runs `name` on each element of a JSON array of requests; one bad element does not stop
/// the others. Returns a JSON array of `{"output": ...}` or `{"error": ...}` in order.
pub(crate) fn call_batch_json(engine: &Engine, name: &str, inputs: &[u8]) -> Result<String, Error> {
    let op = find(name).ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    engine.limits().check(inputs)?;
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
mod tests;

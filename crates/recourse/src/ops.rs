//! The one operations surface: every capability is a set of operations named `area.verb`,
//! each a typed request, a typed response and one pure function.
//!
//! This module is what a capability builds against, and it names none of them: a
//! [`Capability`] compiles its configuration section into itself, and each of its
//! [`Operation`]s answers from a [`Context`] that holds that compiled section and the
//! shared [`Services`] (store, currencies, calendars, limits, locale, fingerprint), never the
//! whole engine. The engine (`crate::engine`) lists the capabilities on one line each.
//!
//! Rust callers use `Engine::call` with typed values. Every other host (the CLI, C, PHP,
//! WebAssembly) calls `Engine::call_json` by name with JSON in and JSON out, so a new
//! operation reaches every host at once with the same bytes.

use std::any::{Any, TypeId};
use std::fmt;
use std::sync::Arc;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;
#[cfg(feature = "direct-read")]
use crate::decode::Reader;

use crate::canonical;
use crate::comms::Locale;
pub use crate::error::InputError;
pub use crate::limits::Limits;
use crate::receipt::{self, Receipt, Trace};
use crate::sort::SortedMap;
use crate::Error;
use recourse_payments_base::calendar::{Calendar, Timestamp};
use recourse_payments_base::money::CurrencyTable;

/// What gives the context of capability `C`: an `Engine`, or a [`Context`] itself. The
/// public functions of a capability take `&impl Provides<C>`, so a Rust caller passes its
/// engine and an operation its context, and the capability never names the engine.
pub trait Provides<C: Capability> {
    /// The context of `C`.
    ///
    /// # Errors
    /// `input.unknown_operation` when `C` is not compiled into the engine.
    fn context(&self) -> Result<Context<'_, C>, Error>;
}

impl<C: Capability> Provides<C> for Context<'_, C> {
    fn context(&self) -> Result<Context<'_, C>, Error> {
        Ok(*self)
    }
}

impl<C: Capability> Provides<C> for Compiled {
    fn context(&self) -> Result<Context<'_, C>, Error> {
        self.context::<C>()
            .ok_or_else(|| Error::new(InputError::UnknownOperation, "."))
    }
}

/// A capability: one folder with its configuration section, its compilation, its
/// operations, its errors and its messages. The engine registers it on one line.
pub trait Capability: fmt::Debug + Send + Sync + Sized + 'static {
    /// Its configuration section as written (`()` for a capability without one).
    type Config;

    /// Its operations, in the order hosts list them.
    const OPERATIONS: &'static [OperationInfo];

    /// Validates and compiles the section in one pass: every problem goes to `problems`
    /// with its path from the configuration's root, and the compiled form is returned
    /// whatever was found (the engine is only built when no problem was).
    fn compile(config: &Self::Config, services: &Services, problems: &mut Vec<Error>) -> Self;

    /// What a person should look at in the section, though the engine runs with it (a
    /// language the store serves with no text for an entry), each with its path.
    fn warnings(config: &Self::Config, services: &Services) -> Vec<Error> {
        let _ = (config, services);
        Vec::new()
    }
}

/// What every capability may use besides its own section: the store, its currencies, its
/// business calendars, the input limits, the default language and the engine's fingerprint.
#[derive(Debug, Clone)]
pub struct Services {
    pub(crate) store_name: String,
    pub(crate) default_locale: Locale,
    pub(crate) locales: Vec<Locale>,
    /// The ticket categories of the desk, when the ticket capability is compiled in.
    pub(crate) categories: Option<Vec<String>>,
    /// Links from sections to dispute stages (a ticket category's `dispute`).
    pub(crate) stage_links: Vec<StageLink>,
    pub(crate) fingerprint: String,
    pub(crate) currencies: CurrencyTable,
    pub(crate) calendars: SortedMap<String, Calendar>,
    /// Every calendar the configuration names, compiled or not (for problems that name one).
    pub(crate) calendar_names: Vec<String>,
    pub(crate) limits: Limits,
}

impl Services {
    /// The store's name, as customers know it.
    pub fn store_name(&self) -> &str {
        &self.store_name
    }

    /// The language to answer in when a request names none.
    pub fn default_locale(&self) -> Locale {
        self.default_locale
    }

    /// The languages the store serves: `store.locales`, all four when it names none.
    pub fn locales(&self) -> &[Locale] {
        const ALL: &[Locale] = &[Locale::En, Locale::PtBr, Locale::Es, Locale::El];
        if self.locales.is_empty() {
            ALL
        } else {
            &self.locales
        }
    }

    /// The ticket categories of the desk (`None` in a build without tickets), for the
    /// sections that name one.
    pub fn categories(&self) -> Option<&[String]> {
        self.categories.as_deref()
    }

    /// The links sections make to dispute stages, for the capability that has the stages
    /// to check.
    pub fn stage_links(&self) -> &[StageLink] {
        &self.stage_links
    }

    /// `sha256:` and the hash of the configuration's canonical JSON.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// The currency table with the store's processor overrides.
    pub fn currencies(&self) -> &CurrencyTable {
        &self.currencies
    }

    /// The business calendar the configuration names `name`, compiled.
    pub fn calendar(&self, name: &str) -> Option<&Calendar> {
        self.calendars.get(name)
    }

    /// `calendar.no_open_hours` at `calendars.<name>.hours` when the configuration's calendar
    /// `name` never opens: a capability that counts working time on it would fail every
    /// call, so it reports this when the engine is built (the engine says a problem at one
    /// path once, whichever capabilities find it).
    pub fn closed_calendar(&self, name: &str) -> Option<Error> {
        self.calendar(name)
            .filter(|c| !c.has_open_hours())
            .map(|_| {
                Error::new(
                    recourse_payments_base::calendar::CalendarError::NoOpenHours,
                    format!("calendars.{name}.hours"),
                )
            })
    }

    /// Whether the configuration names a calendar `name` (compiled or not).
    pub fn names_calendar(&self, name: &str) -> bool {
        self.calendar_names.iter().any(|n| n == name)
    }

    /// The limits on untrusted input.
    pub fn limits(&self) -> &Limits {
        &self.limits
    }
}

/// A link a section makes to a stage of the disputes (a ticket category's `dispute`): its
/// path and the names it gives, which the capability that has the stages checks.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StageLink {
    /// The path of the link in the configuration (`tickets.categories.x.dispute`).
    pub path: String,
    /// The network's wire name.
    pub network: String,
    /// The stage's wire name.
    pub stage: String,
}

/// The compiled capabilities of an engine, each found by its type, with the services.
#[derive(Clone)]
pub struct Compiled {
    pub(crate) services: Services,
    sections: Vec<(TypeId, Arc<dyn Any + Send + Sync>)>,
}

impl fmt::Debug for Compiled {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Compiled")
            .field("services", &self.services)
            .field("sections", &self.sections.len())
            .finish()
    }
}

impl Compiled {
    /// The services, with no capability compiled yet.
    pub(crate) fn new(services: Services) -> Self {
        Self {
            services,
            sections: Vec::new(),
        }
    }

    /// Compiles capability `C` from its section, after the ones it may use.
    #[allow(dead_code)] // a build with no capability at all adds none
    pub(crate) fn add<C: Capability>(&mut self, config: &C::Config, problems: &mut Vec<Error>) {
        let compiled = C::compile(config, &self.services, problems);
        self.sections.push((TypeId::of::<C>(), Arc::new(compiled)));
    }

    /// The context of capability `C`, when it is compiled in.
    pub fn context<C: Capability>(&self) -> Option<Context<'_, C>> {
        let section = self
            .sections
            .iter()
            .find(|(id, _)| *id == TypeId::of::<C>())
            .and_then(|(_, section)| section.downcast_ref::<C>())?;
        Some(Context {
            section,
            compiled: self,
        })
    }
}

/// What an operation of capability `C` sees: its compiled section and the shared services.
#[derive(Debug)]
pub struct Context<'e, C> {
    section: &'e C,
    compiled: &'e Compiled,
}

impl<C> Clone for Context<'_, C> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<C> Copy for Context<'_, C> {}

impl<'e, C: Capability> Context<'e, C> {
    /// The capability's own compiled section.
    pub fn section(&self) -> &'e C {
        self.section
    }

    /// The shared services.
    pub fn services(&self) -> &'e Services {
        &self.compiled.services
    }

    /// The context of capability `D`, which this one uses (sla uses ticket, metrics uses
    /// sla): dependencies are named where they are used, in one direction only.
    ///
    /// # Errors
    /// `input.unknown_operation` when `D` is not compiled into this engine.
    pub fn uses<D: Capability>(&self) -> Result<Context<'e, D>, Error> {
        self.compiled
            .context::<D>()
            .ok_or_else(|| Error::new(InputError::UnknownOperation, "."))
    }
}

/// One operation: a typed request, a typed response and a pure function between them.
pub trait Operation {
    /// The capability it belongs to, whose compiled section it answers from.
    type Capability: Capability;
    /// The name, `area.verb`.
    const NAME: &'static str;
    /// One line saying what it answers.
    const SUMMARY: &'static str;
    /// The request.
    type Request: Decode + Serialize + Encode + JsonSchema;
    /// The response, without its receipt.
    type Response: Serialize + Encode + JsonSchema;

    /// Answers the request. Pure: everything it needs is in `cx` and `request`.
    ///
    /// # Errors
    /// Whatever the request makes impossible to answer, with the path of the culprit.
    fn run(
        cx: &Context<'_, Self::Capability>,
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
    call: fn(&Compiled, &str) -> Result<String, Error>,
    /// The call on a request read straight from the reader (within the limits), its
    /// answer written at the end of the buffer; `None` when the reading gives it back to
    /// the limits' check and the reading through a `Value` (see [`answer_direct`]).
    #[cfg(feature = "direct-read")]
    answer_direct: AnswerDirect,
    /// [`Limits::check`] of one request, and of a batch of them.
    check: fn(&Limits, &[u8]) -> Result<(), Error>,
    check_batch: fn(&Limits, &[u8]) -> Result<(), Error>,
    /// The output and the request, each written canonically and through a
    /// `serde_json::Value`, for the tests that hold the two to the same bytes.
    #[cfg(test)]
    pub(crate) both_ways: fn(&Compiled, &str) -> Result<BothWays, Error>,
    /// The request read straight from the text (`None` when given back) and through a
    /// `Value`, each written canonically or as its error.
    #[cfg(all(test, feature = "direct-read"))]
    pub(crate) read_both_ways: fn(&str) -> (Option<String>, String),
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
            #[cfg(feature = "direct-read")]
            answer_direct: answer_direct::<O>,
            check: Limits::check::<O::Request>,
            check_batch: Limits::check::<Vec<O::Request>>,
            #[cfg(test)]
            both_ways: both_ways::<O>,
            #[cfg(all(test, feature = "direct-read"))]
            read_both_ways: read_both_ways::<O>,
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

/// Runs a typed operation and builds its receipt.
pub(crate) fn call_typed<O: Operation>(
    compiled: &Compiled,
    request: &O::Request,
) -> Result<Output<O::Response>, Error> {
    let cx = compiled
        .context::<O::Capability>()
        .ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    let mut trace = Trace::new();
    let response = O::run(&cx, request, &mut trace)?;
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
        engine_fingerprint: compiled.services.fingerprint.clone(),
        input_digest: receipt::digest(canonical.as_bytes()),
        now: O::now(request).map(Timestamp::to_rfc3339),
        trace: trace.into_steps(),
    };
    Ok(Output { response, receipt })
}

/// The call on a request read through a `Value` (after the limits' check): the reading
/// that names every problem of a request.
fn call_typed_json<O: Operation>(compiled: &Compiled, json: &str) -> Result<String, Error> {
    let request: O::Request = crate::decode::parse_through_value(json)?;
    let output = call_typed::<O>(compiled, &request)?;
    canonical::encode(&output).map_err(|_| cannot_write_response())
}

/// What [`answer_direct`] is, for each operation.
#[cfg(feature = "direct-read")]
type AnswerDirect = fn(&Compiled, &mut Reader<'_>, bool, &mut String) -> Option<Result<(), Error>>;

/// The call on a request read straight from `reader` (whose bounds are the limits', which
/// that reading counts as it goes, so the check's own pass over the text is not needed),
/// its answer written at the end of `out` (left as it was on an error). `whole`: the
/// request must be all that is left of the text. `None` gives the request back to the
/// reading through a `Value`, with `out` as it was.
#[cfg(feature = "direct-read")]
fn answer_direct<O: Operation>(
    compiled: &Compiled,
    reader: &mut Reader<'_>,
    whole: bool,
    out: &mut String,
) -> Option<Result<(), Error>> {
    let request = <O::Request as Decode>::read(reader)?;
    if whole && !reader.at_end() {
        return None;
    }
    Some(call_typed::<O>(compiled, &request).and_then(|output| {
        canonical::encode_into(&output, out).map_err(|_| cannot_write_response())
    }))
}

/// The call on a request read straight from its whole text, within the limits.
#[cfg(feature = "direct-read")]
fn call_direct(
    compiled: &Compiled,
    op: &OperationInfo,
    text: &str,
) -> Option<Result<String, Error>> {
    let limits = &compiled.services.limits;
    if text.len() > limits.max_bytes {
        return None;
    }
    let mut reader = Reader::bounded(text, limits.max_depth, limits.max_list);
    let mut out = String::with_capacity(1024);
    let answer = (op.answer_direct)(compiled, &mut reader, true, &mut out)?;
    Some(answer.map(|()| out))
}

fn cannot_write_response() -> Error {
    Error::new(
        InputError::Invalid {
            detail: "the response cannot be written as JSON".into(),
        },
        ".",
    )
}

/// The output and the request, each as `[encoded, through a serde_json::Value]`.
#[cfg(test)]
pub(crate) type BothWays = [[String; 2]; 2];

#[cfg(test)]
fn both_ways<O: Operation>(compiled: &Compiled, json: &str) -> Result<BothWays, Error> {
    fn ways<T: Serialize + Encode>(value: &T) -> [String; 2] {
        let encoded = canonical::encode(value).unwrap_or_else(|e| e.to_string());
        let through_value = serde_json::to_value(value)
            .map(|v| v.to_string())
            .unwrap_or_else(|e| e.to_string());
        [encoded, through_value]
    }
    let request: O::Request = crate::decode::parse_request(json)?;
    let output = call_typed::<O>(compiled, &request)?;
    Ok([ways(&output), ways(&request)])
}

#[cfg(all(test, feature = "direct-read"))]
fn read_both_ways<O: Operation>(json: &str) -> (Option<String>, String) {
    let write = |r: &O::Request| canonical::encode(r).unwrap_or_else(|e| e.to_string());
    let direct = crate::decode::read_direct::<O::Request>(json).map(|r| write(&r));
    let through_value = match crate::decode::parse_through_value::<O::Request>(json) {
        Ok(request) => write(&request),
        Err(e) => format!("{} at {}: {}", e.code(), e.path(), e.message()),
    };
    (direct, through_value)
}

/// Dispatches `input` (JSON bytes) to the operation named `name`; returns the response with
/// its receipt as canonical JSON.
pub(crate) fn call_json(
    compiled: &Compiled,
    op: Option<&OperationInfo>,
    input: &[u8],
) -> Result<String, Error> {
    let op = op.ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    // UTF-8 is checked once; its error comes after the limits', as it always has.
    let text = std::str::from_utf8(input);
    #[cfg(feature = "direct-read")]
    if let Some(answer) = text.ok().and_then(|text| call_direct(compiled, op, text)) {
        return answer;
    }
    (op.check)(&compiled.services.limits, input)?;
    let text = text.map_err(|_| Error::new(InputError::InvalidUtf8, "."))?;
    (op.call)(compiled, text)
}

/// Runs `name` on each element of a JSON array of requests; one bad element does not stop
/// the others. Returns a JSON array of `{"output": ...}` or `{"error": ...}` in order.
///
/// The items are read straight from the batch's text within the limits and answered into
/// one buffer as they come; from the first item that reading gives back (or at a problem of
/// the whole batch), the rest goes the way that names every problem: the limits' check of
/// the whole text, its split into items, and each item's call, so the bytes are those of
/// that way alone.
pub(crate) fn call_batch_json(
    compiled: &Compiled,
    op: Option<&OperationInfo>,
    inputs: &[u8],
) -> Result<String, Error> {
    let op = op.ok_or_else(|| Error::new(InputError::UnknownOperation, "."))?;
    let mut out = String::with_capacity(inputs.len().saturating_mul(2).max(64));
    out.push('[');
    #[cfg(feature = "direct-read")]
    let from = match std::str::from_utf8(inputs) {
        Ok(text) => match batch_direct(compiled, op, text, &mut out) {
            None => {
                out.push(']');
                return Ok(out);
            }
            Some(answered) => answered,
        },
        Err(_) => 0,
    };
    #[cfg(not(feature = "direct-read"))]
    let from = 0;
    (op.check_batch)(&compiled.services.limits, inputs)?;
    let text = std::str::from_utf8(inputs).map_err(|_| Error::new(InputError::InvalidUtf8, "."))?;
    let items =
        crate::decode::batch_items(text).map_err(|_| Error::new(InputError::MalformedJson, "."))?;
    for (i, raw) in items.iter().enumerate().skip(from) {
        if i > 0 {
            out.push(',');
        }
        #[cfg(feature = "direct-read")]
        let answer =
            call_direct(compiled, op, raw.get()).unwrap_or_else(|| (op.call)(compiled, raw.get()));
        #[cfg(not(feature = "direct-read"))]
        let answer = (op.call)(compiled, raw.get());
        match answer {
            Ok(output) => {
                out.push_str(r#"{"output":"#);
                out.push_str(&output);
                out.push('}');
            }
            Err(e) => {
                push_error(&mut out, i, e).ok_or_else(cannot_write_response)?;
            }
        }
    }
    out.push(']');
    Ok(out)
}

/// Answers the items of the batch `text` read straight from it within the limits, each
/// after a comma but the first, at the end of `out`. Returns `None` when every item and the
/// end of the batch were read so, or how many items it answered when the reading gave back
/// (the rest is the other way's; `out` holds the answers given).
#[cfg(feature = "direct-read")]
fn batch_direct(
    compiled: &Compiled,
    op: &OperationInfo,
    text: &str,
    out: &mut String,
) -> Option<usize> {
    let limits = &compiled.services.limits;
    let mut reader = Reader::bounded(text, limits.max_depth, limits.max_list);
    if text.len() > limits.max_bytes || reader.array().is_none() {
        return Some(0);
    }
    let (mut count, mut answered) = (0, 0);
    while let Some(more) = reader.item(&mut count) {
        if !more {
            return (!reader.at_end()).then_some(answered);
        }
        let start = out.len();
        if answered > 0 {
            out.push(',');
        }
        let item = out.len();
        out.push_str(r#"{"output":"#);
        let written = match (op.answer_direct)(compiled, &mut reader, false, out) {
            Some(Ok(())) => {
                out.push('}');
                Some(())
            }
            Some(Err(e)) => {
                out.truncate(item);
                push_error(out, answered, e)
            }
            None => None,
        };
        if written.is_none() {
            out.truncate(start);
            return Some(answered);
        }
        answered += 1;
    }
    Some(answered)
}

/// Writes `{"error": ...}`, the error of the batch's item `i` with its path under `[i]`;
/// `None` when it cannot be written as JSON.
fn push_error(out: &mut String, i: usize, e: Error) -> Option<()> {
    out.push_str(r#"{"error":"#);
    canonical::encode_into(&e.under(&format!("[{i}]")), out).ok()?;
    out.push('}');
    Some(())
}

#[cfg(test)]
mod tests;

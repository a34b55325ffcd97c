//! Reading requests and configuration: JSON text to a strict [`Value`], then the `Value` to
//! the typed form, naming the JSON path of any problem.
//!
//! The typed reading is [`Decode`], derived with `recourse_payments_derive::Decode` from the
//! `#[serde(...)]` attributes the types carry. Each derived reader is a few calls to the
//! shared helpers below rather than serde's per-type visitor machinery, which was the
//! largest part of the WebAssembly build; the derive also gives each type serde's
//! `Deserialize`, through this same reader.
//!
//! # Paths never repeat a key the schema does not define
//!
//! An object key is the client's text, and may be anything: a card number, a CPF, an
//! e-mail address. A path names a key only where the type read there defines it (a field,
//! or a value of a map's key type); any other key is never written:
//! - a field a type does not have is reported at the object holding it, and the message
//!   lists the fields it has;
//! - where a path must pass through such a key (the input limits and the check for a key
//!   named twice read the text before any type applies), the key is written `<key N>`: the
//!   object's key number `N`, counted from 0 in the order the text writes them. Each key
//!   on the way is written only if [`Decode::write_path`] of the type there defines it.
//!
//! So `{"4111111111111111": [[[...]]]}` too deep is `<key 0>[0][0]`, never the number.

#[cfg(feature = "direct-read")]
mod direct;
mod every;
mod impls;
mod text;

use std::fmt;

use serde_json::{Map, Value};

#[cfg(feature = "direct-read")]
pub use self::direct::{read_bounded, read_direct, Reader};
pub use self::every::{decode_every, Reading};
pub use self::text::{batch_items, parse_strict};
use crate::error::InputError;
use crate::error::{join_path, Error, ErrorKind};
pub use recourse_payments_derive::Decode;

/// A type read from one parsed JSON value, every problem reported at its JSON path.
///
/// Implemented by the crate's request and configuration types; `Engine::call_json`
/// and `Engine::from_json` are the usual ways in.
pub trait Decode: Sized {
    /// Reads `value`, found at `at`.
    ///
    /// # Errors
    /// The first problem found, at its path.
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError>;

    /// Reads a `Self` straight from JSON text, without a `Value` tree; `None` gives the
    /// reading back to [`Decode::decode`] through a `Value` (see [`read_direct`]). By
    /// default, the value at the reader read as a `Value`, then decoded.
    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        let value = reader.value()?;
        Self::decode(&value, &At::Root).ok()
    }

    /// The value of an absent field; `None` when a missing field is an error.
    fn absent() -> Option<Self> {
        None
    }

    /// Reads an object key, for the keys of a map.
    ///
    /// # Errors
    /// When the type cannot be a key, or `key` is not one of its values.
    fn from_key(key: &str, at: &At<'_>) -> Result<Self, DecodeError> {
        let _ = key;
        Err(DecodeError::shape(at, "a key of another type"))
    }

    /// Writes `steps`, a path below a value of this type as the text spells it, onto
    /// `out`: each key as it is where this type (or the type below it) defines it, any
    /// other as `<key N>`. By default the type defines no key: a scalar, or a value read
    /// as it comes.
    fn write_path(steps: &[Step<'_>], out: &mut String) {
        write_masked(steps, out);
    }
}

/// One step of a path as the text spells it, before any type is applied to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step<'t> {
    /// An object's key: its text as written (escapes and all), and its number among the
    /// object's keys, from 0 in the order of the text.
    Key {
        /// The key's text, which comes from the client: written only where a type
        /// defines it.
        text: &'t str,
        /// The key's number in its object.
        position: usize,
    },
    /// An array's element.
    Index(usize),
}

/// A type's [`Decode::write_path`].
pub type WritePath = fn(&[Step<'_>], &mut String);

/// Writes every step with no key named: keys as `<key N>`, elements as `[i]`.
pub fn write_masked(steps: &[Step<'_>], out: &mut String) {
    for step in steps {
        match step {
            Step::Key { position, .. } => push_key(out, &format!("<key {position}>")),
            Step::Index(i) => push_index(out, *i),
        }
    }
}

/// Writes `steps` below an object whose known keys are `fields`, each with the
/// [`Decode::write_path`] of its type: the derived types' [`Decode::write_path`].
pub fn write_fields(steps: &[Step<'_>], out: &mut String, fields: &[(&str, WritePath)]) {
    if let Some((Step::Key { text, .. }, rest)) = steps.split_first() {
        if let Some((name, below)) = fields.iter().find(|(name, _)| name == text) {
            push_key(out, name);
            return below(rest, out);
        }
    }
    write_masked(steps, out);
}

/// The path `steps` as written by `write`, `.` when empty.
pub fn render_path(steps: &[Step<'_>], write: WritePath) -> String {
    let mut out = String::new();
    write(steps, &mut out);
    if out.is_empty() {
        ".".to_owned()
    } else {
        out
    }
}

fn push_key(out: &mut String, key: &str) {
    if !out.is_empty() {
        out.push('.');
    }
    out.push_str(key);
}

fn push_index(out: &mut String, i: usize) {
    out.push('[');
    out.push_str(&i.to_string());
    out.push(']');
}

/// Where a reader is in the document, as a chain of borrowed segments: rendered as a path
/// (`lines[1].quantity`) only when something fails there.
#[derive(Debug, Clone, Copy)]
pub enum At<'a> {
    /// The whole document.
    Root,
    /// A field of an object.
    Key(&'a At<'a>, &'a str),
    /// An element of an array.
    Index(&'a At<'a>, usize),
}

impl At<'_> {
    /// The steps from the root to here.
    fn steps(&self) -> Vec<Place> {
        let mut steps = match self {
            Self::Root => return Vec::new(),
            Self::Key(parent, _) | Self::Index(parent, _) => parent.steps(),
        };
        steps.push(match self {
            Self::Key(_, key) => Place::Key((*key).to_owned()),
            Self::Index(_, i) => Place::Index(*i),
            Self::Root => return steps,
        });
        steps
    }
}

/// A decoded path as text: keys joined by `.`, indexes as `[i]`, `.` for the root.
fn render(steps: &[Place]) -> String {
    steps.iter().fold(".".to_owned(), |path, step| match step {
        Place::Key(key) => join_path(&path, key),
        Place::Index(i) => join_path(&path, &format!("[{i}]")),
    })
}

/// A problem found while reading, with its path. Boxed: every reader returns a
/// `Result<_, DecodeError>`, and a one-pointer error keeps those results small.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DecodeError(Box<Failure>);

#[derive(Debug, Clone, PartialEq, Eq)]
struct Failure {
    /// Where, step by step: written as a path, and read by [`decode_every`] to cut the
    /// value out and read on.
    steps: Vec<Place>,
    problem: Problem,
    cut: Cut,
}

/// One step of a decoded path: an object's key or an array's element.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Place {
    Key(String),
    Index(usize),
}

/// What to take out of the document to read past a problem (see [`decode_every`]).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Cut {
    /// The value at the problem's path.
    Value,
    /// A key the object at the path does not have among its fields.
    UnknownKey(String),
    /// The object at the path, which lacks this field.
    MissingKey(&'static str),
}

#[derive(Debug, Clone, PartialEq, Eq)]
enum Problem {
    /// The value is not of the shape the type reads (a key the object's type does not
    /// have among them, reported at the object: see the module's docs); the text says
    /// what was expected and never quotes the value, which may be personal data.
    Shape(String),
    /// A value of the right shape that a type refused with its own code (an amount with
    /// more decimals than its currency has).
    Coded(ErrorKind),
}

impl DecodeError {
    fn at(at: &At<'_>, problem: Problem) -> Self {
        Self(Box::new(Failure {
            steps: at.steps(),
            problem,
            cut: Cut::Value,
        }))
    }

    fn cutting(mut self, cut: Cut) -> Self {
        self.0.cut = cut;
        self
    }

    /// A value not of the expected shape.
    pub fn shape(at: &At<'_>, detail: impl Into<String>) -> Self {
        Self::at(at, Problem::Shape(detail.into()))
    }

    /// A value refused with a stable code.
    pub fn coded(at: &At<'_>, kind: impl Into<ErrorKind>) -> Self {
        Self::at(at, Problem::Coded(kind.into()))
    }

    /// `value` is of the wrong JSON type.
    pub fn invalid_type(value: &Value, at: &At<'_>, expected: &str) -> Self {
        Self::shape(
            at,
            format!("invalid type: {}, expected {expected}", kind(value)),
        )
    }

    /// The error as a request's (`area` input) or a configuration's (`area` config).
    fn into_error(self, area: Area) -> Error {
        let Failure { steps, problem, .. } = *self.0;
        let path = render(&steps);
        match (problem, area) {
            (Problem::Coded(kind), _) => Error::new(kind, path),
            (Problem::Shape(detail), Area::Input) => {
                Error::new(InputError::Invalid { detail }, path)
            }
            (Problem::Shape(detail), Area::Config) => {
                Error::new(crate::error::ConfigError::Invalid { detail }, path)
            }
        }
    }
}

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let Failure { steps, problem, .. } = &*self.0;
        let path = render(steps);
        match problem {
            // As serde's text (a host reading a type with `serde_json::from_str`): the code a
            // request's shape problem has, its path, then the detail.
            Problem::Shape(detail) => write!(f, "input.invalid at {path}: {detail}"),
            Problem::Coded(kind) => write!(f, "{} at {}: {kind}", kind.code(), path),
        }
    }
}

impl std::error::Error for DecodeError {}

/// Whose shape problems a failed read reports: a request's or a configuration's.
#[derive(Debug, Clone, Copy)]
pub enum Area {
    /// `input.invalid`.
    Input,
    /// `config.invalid`.
    Config,
}

/// Parses a request from JSON text, naming the path of any problem.
///
/// # Errors
/// `input.malformed_json`, a key named twice, or the first field that does not read.
pub fn parse_request<T: Decode>(json: &str) -> Result<T, Error> {
    // Every well-formed request is read straight from its text; the reading through a
    // `Value` below decides the rest, and names the problem.
    #[cfg(feature = "direct-read")]
    if let Some(request) = read_direct(json) {
        return Ok(request);
    }
    parse_through_value(json)
}

/// [`parse_request`] through a strict `Value` always: what decides every request the
/// direct reading gives back, and the reference it is tested against.
///
/// # Errors
/// As [`parse_request`].
pub fn parse_through_value<T: Decode>(json: &str) -> Result<T, Error> {
    let value = crate::decode::parse_strict(
        json,
        T::write_path,
        || Error::new(InputError::MalformedJson, "."),
        || {
            crate::error::ErrorKind::Input(InputError::Invalid {
                detail: "an object names the same key twice".into(),
            })
        },
    )?;
    crate::decode::decode(&value, crate::decode::Area::Input)
}

/// Reads a `T` out of a whole document.
pub fn decode<T: Decode>(value: &Value, area: Area) -> Result<T, Error> {
    T::decode(value, &At::Root).map_err(|e| e.into_error(area))
}

/// serde's `Deserialize` for a [`Decode`] type: the input to a value, then the reader.
///
/// # Errors
/// The deserializer's own, and the first problem the reader finds, as text.
pub fn deserialize<'de, D, T>(deserializer: D) -> Result<T, D::Error>
where
    D: serde::Deserializer<'de>,
    T: Decode,
{
    let value = <Value as serde::Deserialize>::deserialize(deserializer)?;
    T::decode(&value, &At::Root).map_err(serde::de::Error::custom)
}

/// serde's `Deserialize` through [`deserialize`], for types whose [`Decode`] is written by
/// hand (the derive gives it to the others).
#[macro_export]
#[doc(hidden)]
macro_rules! deserialize_through_decode {
    ($($t:ty),*) => {$(
        impl<'de> serde::Deserialize<'de> for $t {
            fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                $crate::decode::deserialize(deserializer)
            }
        }
    )*};
}
pub use crate::deserialize_through_decode;

/// The object `value` must be, its keys checked against `known` (see [`known`]).
pub fn object<'v>(
    value: &'v Value,
    at: &At<'_>,
    known: Option<&[&str]>,
) -> Result<&'v Map<String, Value>, DecodeError> {
    let Value::Object(object) = value else {
        return Err(DecodeError::invalid_type(value, at, "an object"));
    };
    self::known(object, at, known)?;
    Ok(object)
}

/// With `known`, refuses a key it does not list, at the object, without the key (see the
/// module's docs); without, lets every key pass.
pub fn known(
    object: &Map<String, Value>,
    at: &At<'_>,
    known: Option<&[&str]>,
) -> Result<(), DecodeError> {
    let Some(known) = known else {
        return Ok(());
    };
    match object.keys().find(|key| !known.contains(&key.as_str())) {
        None => Ok(()),
        Some(key) => Err(DecodeError::shape(
            at,
            format!("unknown field, expected {}", one_of(known)),
        )
        .cutting(Cut::UnknownKey(key.clone()))),
    }
}

/// A field the type says must be there (or is absent by nature, as an `Option`).
pub fn field<T: Decode>(
    object: &Map<String, Value>,
    name: &'static str,
    at: &At<'_>,
) -> Result<T, DecodeError> {
    match object.get(name) {
        Some(value) => T::decode(value, &At::Key(at, name)),
        None => T::absent().ok_or_else(|| missing_field(at, name)),
    }
}

/// A field that may be absent, the caller supplying its default.
pub fn optional<T: Decode>(
    object: &Map<String, Value>,
    name: &'static str,
    at: &At<'_>,
) -> Result<Option<T>, DecodeError> {
    object
        .get(name)
        .map(|value| T::decode(value, &At::Key(at, name)))
        .transpose()
}

fn missing_field(at: &At<'_>, name: &'static str) -> DecodeError {
    DecodeError::shape(at, format!("missing field `{name}`")).cutting(Cut::MissingKey(name))
}

/// The name of the variant `value` is, a string; `names` are the variants, for the message.
pub fn variant<'v>(value: &'v Value, at: &At<'_>, names: &[&str]) -> Result<&'v str, DecodeError> {
    match value {
        Value::String(name) => Ok(name),
        other => Err(DecodeError::invalid_type(other, at, &one_of(names))),
    }
}

/// The position in `names` of `name`. An unknown name is refused with the variants and,
/// when one is a likely slip of the keyboard, that one ("did you mean"): a name of the
/// schema, never what was written.
pub fn variant_named(name: &str, at: &At<'_>, names: &[&str]) -> Result<usize, DecodeError> {
    names.iter().position(|n| *n == name).ok_or_else(|| {
        let hint = crate::names::nearest(name, names)
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default();
        DecodeError::shape(
            at,
            format!("unknown variant{hint}, expected {}", one_of(names)),
        )
    })
}

/// The position in `names` of the variant an internally tagged object names at `tag`
/// (`{"unit": "business_hours", "amount": 4}`), and the object, for its fields.
pub fn tagged<'v>(
    value: &'v Value,
    at: &At<'_>,
    tag: &'static str,
    names: &[&str],
) -> Result<(usize, &'v Map<String, Value>), DecodeError> {
    let object = object(value, at, None)?;
    match object.get(tag) {
        Some(name) => {
            let at = At::Key(at, tag);
            Ok((
                variant_named(variant(name, &at, names)?, &at, names)?,
                object,
            ))
        }
        None => Err(missing_field(at, tag)),
    }
}

/// A value written either as a string (`string` takes its text) or as an object (`object`
/// reads it); anything else is refused as not `expected`.
pub fn string_or_object<T>(
    value: &Value,
    at: &At<'_>,
    expected: &str,
    string: impl FnOnce(&str) -> T,
    object: impl FnOnce() -> Result<T, DecodeError>,
) -> Result<T, DecodeError> {
    match value {
        Value::String(text) => Ok(string(text)),
        Value::Object(_) => object(),
        other => Err(DecodeError::invalid_type(other, at, expected)),
    }
}

/// `` `a` ``, `` `a` or `b` `` or `` one of `a`, `b`, `c` ``.
fn one_of(names: &[&str]) -> String {
    let quoted: Vec<String> = names.iter().map(|n| format!("`{n}`")).collect();
    match quoted.as_slice() {
        [] => "nothing".to_owned(),
        [one] => one.clone(),
        [a, b] => format!("{a} or {b}"),
        all => format!("one of {}", all.join(", ")),
    }
}

/// What kind of JSON value was rejected, without the value.
fn kind(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(n) if n.is_f64() => "floating point number",
        Value::Number(_) => "integer",
        Value::String(_) => "string",
        Value::Array(_) => "sequence",
        Value::Object(_) => "map",
    }
}

#[cfg(test)]
mod tests;

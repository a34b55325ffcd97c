//! Reading requests and configuration: JSON text to a strict [`Value`], then a `Value` to the
//! typed form, naming the JSON path of any problem.
//!
//! Two steps rather than one streaming pass because each type's `Deserialize` code is then
//! compiled once, for the one lean [`Decoder`] below, instead of once per JSON source (text,
//! TOML, nested values) and again for a path-tracking wrapper of each. The `Decoder` also
//! reads a struct only from an object, so the code serde generates for structs written as
//! arrays is never called and drops out of the build, which matters in WebAssembly.

use std::cell::Cell;
use std::fmt;

use serde::de::{
    self, value::StrDeserializer, Deserialize, DeserializeOwned, DeserializeSeed, Expected,
    IntoDeserializer, Unexpected, Visitor,
};
use serde_json::{Map, Number, Value};

use crate::error::{join_path, Error, ErrorKind};

/// Parses JSON text into a [`Value`], refusing an object that names a key twice: the last
/// value would silently win, and a request whose fields say two things is not to be guessed
/// at. `duplicate` is the error for that case; any other problem is `malformed` at `.`.
pub(crate) fn parse_strict(
    text: &str,
    malformed: impl FnOnce() -> Error,
    duplicate: impl FnOnce() -> ErrorKind,
) -> Result<Value, Error> {
    let mut at = Position::default();
    match strict_value(text, &mut at) {
        Ok(value) => Ok(value),
        Err(_) if at.repeated => {
            // Read again, this time noting the path (which the first reading, on the path
            // every valid request takes, does not pay for).
            let mut at = Position {
                tracking: true,
                ..Position::default()
            };
            let _ = strict_value(text, &mut at);
            // The path ends with the repeated key, which comes from the client: name its holder.
            at.path.pop();
            Err(Error::new(duplicate(), render(&at.path)))
        }
        Err(_) => Err(malformed()),
    }
}

fn strict_value(text: &str, at: &mut Position) -> Result<Value, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    StrictValue { at }
        .deserialize(&mut de)
        .and_then(|v| de.end().map(|()| v))
}

/// Reads a `T` out of `value`; a problem becomes an [`Error`] at its JSON path, of the area
/// of `fallback` unless a custom `Deserialize` impl raised a coded error.
pub(crate) fn decode<T: DeserializeOwned>(value: &Value, fallback: ErrorKind) -> Result<T, Error> {
    let track = Track::default();
    let root = Chain::Root;
    T::deserialize(Decoder {
        value,
        chain: &root,
        track: &track,
    })
    .map_err(|e| {
        let (path, message) = resolve(&track, &e.0);
        Error::from_serde(message, path, fallback)
    })
}

/// Reads an internally tagged enum, `{"type": "created", "at": ...}`, through `shadow`: the
/// same enum derived externally tagged (`#[serde(remote = ...)]`, `{"created": {"at": ...}}`).
/// Serde would otherwise buffer the object and compile every variant's reading a second
/// time, for its buffer; here it is read once, by the [`Decoder`], paths kept.
pub(crate) fn internally_tagged<'de, D, T>(
    deserializer: D,
    tag: &'static str,
    shadow: impl FnOnce(Decoder<'_, '_>) -> Result<T, DecodeError>,
) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
{
    let value = Value::deserialize(deserializer)?;
    let Value::Object(mut fields) = value else {
        return Err(de::Error::invalid_type(
            unexpected(&value),
            &"an object with its kind",
        ));
    };
    let variant = match fields.remove(tag) {
        Some(Value::String(variant)) => variant,
        Some(other) => {
            return Err(de::Error::invalid_type(
                unexpected(&other),
                &"a variant name",
            ));
        }
        None => return Err(de::Error::missing_field(tag)),
    };
    // One entry, inserted: collecting would compile a sort for it.
    let mut external = Map::new();
    external.insert(variant, Value::Object(fields));
    let external = Value::Object(external);
    // The shadow's paths start with the variant, which the caller's JSON does not have; a
    // failure at its root is the variant's name, which the caller's JSON has at `tag`.
    nested(&external, shadow, Relative::BelowVariant { tag })
}

/// Reads a value written either as a string or as an object (an untagged enum of the two)
/// without serde's buffering: `string` takes the text; `object` reads the object, whose own
/// problems (an unknown or missing field) keep their paths rather than a bare "matches no
/// shape".
pub(crate) fn string_or_object<'de, D, T>(
    deserializer: D,
    expected: &'static str,
    string: impl FnOnce(String) -> T,
    object: impl FnOnce(Decoder<'_, '_>) -> Result<T, DecodeError>,
) -> Result<T, D::Error>
where
    D: de::Deserializer<'de>,
{
    match Value::deserialize(deserializer)? {
        Value::String(text) => Ok(string(text)),
        value @ Value::Object(_) => nested(&value, object, Relative::Same),
        other => Err(de::Error::invalid_type(unexpected(&other), &expected)),
    }
}

/// How the paths of a [`nested`] read map onto the caller's JSON.
#[derive(Clone, Copy)]
enum Relative {
    /// As they are.
    Same,
    /// Without their first segment, the variant of an externally tagged shadow; its root
    /// (the variant's name) stands for `tag`.
    BelowVariant {
        /// Where the caller's JSON names the variant.
        tag: &'static str,
    },
}

/// Reads a value already parsed (by a reader above that looked at its shape first)
/// with the [`Decoder`], so that its own problems keep their paths below the caller's.
fn nested<T, E: de::Error>(
    value: &Value,
    read: impl FnOnce(Decoder<'_, '_>) -> Result<T, DecodeError>,
    relative: Relative,
) -> Result<T, E> {
    let track = Track::default();
    let root = Chain::Root;
    read(Decoder {
        value,
        chain: &root,
        track: &track,
    })
    .map_err(|e| {
        let (path, message) = resolve(&track, &e.0);
        let path = match relative {
            Relative::Same => path,
            Relative::BelowVariant { tag } if path == "." => tag.to_owned(),
            Relative::BelowVariant { .. } => path
                .split_once('.')
                .map_or_else(String::new, |(_, below)| below.to_owned()),
        };
        E::custom(format_args!("{NESTED_MARK}{path}{NESTED_MARK}{message}"))
    })
}

/// Marks the relative path of an error raised by a [`nested`] read.
const NESTED_MARK: char = '\u{1e}';

/// The path and message of a failed read: the path noted by `track`, extended by the
/// relative path a [`nested`] read put in the message.
fn resolve<'m>(track: &Track, message: &'m str) -> (String, &'m str) {
    let path = track.path.take().unwrap_or_else(|| ".".to_owned());
    let relative = message
        .strip_prefix(NESTED_MARK)
        .and_then(|rest| rest.split_once(NESTED_MARK));
    match relative {
        Some((below, message)) => (join_path(&path, below), message),
        None => (path, message),
    }
}

/// Whether the text parser stopped at a repeated key, and where (when `tracking`).
#[derive(Default)]
struct Position {
    tracking: bool,
    path: Vec<Segment>,
    repeated: bool,
}

impl Position {
    fn enter(&mut self, segment: impl FnOnce() -> Segment) {
        if self.tracking {
            self.path.push(segment());
        }
    }

    fn leave(&mut self) {
        if self.tracking {
            self.path.pop();
        }
    }
}

/// A path segment while parsing text.
enum Segment {
    Key(String),
    Index(usize),
}

fn render(path: &[Segment]) -> String {
    path.iter()
        .fold(String::from("."), |at, segment| match segment {
            Segment::Key(key) => join_path(&at, key),
            Segment::Index(i) => join_path(&at, &format!("[{i}]")),
        })
}

/// Builds a [`Value`] like `serde_json::Value`'s own `Deserialize`, keeping the path it is at
/// so that a repeated key can be reported where it is.
struct StrictValue<'p> {
    at: &'p mut Position,
}

impl<'de> DeserializeSeed<'de> for StrictValue<'_> {
    type Value = Value;

    fn deserialize<D: de::Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for StrictValue<'_> {
    type Value = Value;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("any JSON value")
    }

    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }

    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }

    fn visit_f64<E>(self, v: f64) -> Result<Value, E> {
        Ok(Number::from_f64(v).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }

    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            self.at.enter(|| Segment::Index(items.len()));
            let Some(item) = seq.next_element_seed(StrictValue { at: &mut *self.at })? else {
                self.at.leave();
                return Ok(Value::Array(items));
            };
            self.at.leave();
            items.push(item);
        }
    }

    fn visit_map<A: de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            self.at.enter(|| Segment::Key(key.clone()));
            if entries.contains_key(&key) {
                self.at.repeated = true;
                return Err(de::Error::custom("a key named twice"));
            }
            let value = map.next_value_seed(StrictValue { at: &mut *self.at })?;
            self.at.leave();
            entries.insert(key, value);
        }
        Ok(Value::Object(entries))
    }
}

/// Where the decoder is, as a chain of borrowed segments: no allocation until a failure.
enum Chain<'a> {
    Root,
    Key(&'a Chain<'a>, &'a str),
    Index(&'a Chain<'a>, usize),
}

impl Chain<'_> {
    fn render(&self) -> String {
        match self {
            Self::Root => ".".to_owned(),
            Self::Key(parent, key) => join_path(&parent.render(), key),
            Self::Index(parent, i) => join_path(&parent.render(), &format!("[{i}]")),
        }
    }
}

/// The path of the innermost failure: set once, by the first (deepest) decoder to see it.
#[derive(Default)]
struct Track {
    path: Cell<Option<String>>,
}

impl Track {
    fn record(&self, chain: &Chain<'_>) {
        let path = self.path.take().unwrap_or_else(|| chain.render());
        self.path.set(Some(path));
    }
}

/// A serde error as text; [`Error::from_serde`] turns it into ours.
#[derive(Debug)]
pub(crate) struct DecodeError(String);

impl fmt::Display for DecodeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DecodeError {}

impl de::Error for DecodeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }

    // The defaults quote the rejected value, which may be personal data (and would bring
    // float formatting into the build for no one): only its kind is said.
    fn invalid_type(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self(format!(
            "invalid type: {}, expected {expected}",
            kind(&unexpected)
        ))
    }

    fn invalid_value(unexpected: Unexpected<'_>, expected: &dyn Expected) -> Self {
        Self(format!(
            "invalid value: {}, expected {expected}",
            kind(&unexpected)
        ))
    }
}

/// What kind of value was rejected, without the value.
fn kind<'a>(unexpected: &Unexpected<'a>) -> &'a str {
    match unexpected {
        Unexpected::Bool(_) => "boolean",
        Unexpected::Unsigned(_) | Unexpected::Signed(_) => "integer",
        Unexpected::Float(_) => "floating point number",
        Unexpected::Char(_) => "character",
        Unexpected::Str(_) => "string",
        Unexpected::Bytes(_) => "bytes",
        Unexpected::Unit => "null",
        Unexpected::Option => "optional value",
        Unexpected::NewtypeStruct => "newtype struct",
        Unexpected::Seq => "sequence",
        Unexpected::Map => "map",
        Unexpected::Enum => "enum",
        Unexpected::UnitVariant => "unit variant",
        Unexpected::NewtypeVariant => "newtype variant",
        Unexpected::TupleVariant => "tuple variant",
        Unexpected::StructVariant => "struct variant",
        Unexpected::Other(other) => other,
    }
}

fn unexpected(value: &Value) -> Unexpected<'_> {
    match value {
        Value::Null => Unexpected::Unit,
        Value::Bool(b) => Unexpected::Bool(*b),
        Value::Number(n) => match (n.as_u64(), n.as_i64()) {
            (Some(u), _) => Unexpected::Unsigned(u),
            (None, Some(i)) => Unexpected::Signed(i),
            _ => Unexpected::Other("floating point number"),
        },
        Value::String(s) => Unexpected::Str(s),
        Value::Array(_) => Unexpected::Seq,
        Value::Object(_) => Unexpected::Map,
    }
}

fn invalid_type(value: &Value, expected: &dyn Expected) -> DecodeError {
    de::Error::invalid_type(unexpected(value), expected)
}

/// Deserializes from one JSON value at one place of the document.
#[derive(Clone, Copy)]
pub(crate) struct Decoder<'a, 'de> {
    value: &'de Value,
    chain: &'a Chain<'a>,
    track: &'a Track,
}

impl Decoder<'_, '_> {
    /// Notes the path of a failure that happened here (or deeper, already noted).
    fn mark<T>(self, result: Result<T, DecodeError>) -> Result<T, DecodeError> {
        if result.is_err() {
            self.track.record(self.chain);
        }
        result
    }
}

impl<'de> de::Deserializer<'de> for Decoder<'_, 'de> {
    type Error = DecodeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), _, _) => visitor.visit_u64(u),
                (None, Some(i), _) => visitor.visit_i64(i),
                (None, None, Some(f)) => visitor.visit_f64(f),
                _ => Err(invalid_type(self.value, &visitor)),
            },
            Value::String(s) => visitor.visit_str(s),
            Value::Array(items) => visitor.visit_seq(Items::new(items, self)),
            Value::Object(entries) => visitor.visit_map(Entries::new(entries, self)),
        };
        self.mark(result)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::Null => visitor.visit_none(),
            _ => visitor.visit_some(self),
        };
        self.mark(result)
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::String(s) => visitor.visit_str(s),
            other => Err(invalid_type(other, &visitor)),
        };
        self.mark(result)
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_identifier<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        self.deserialize_str(visitor)
    }

    fn deserialize_unit<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::Null => visitor.visit_unit(),
            other => Err(invalid_type(other, &visitor)),
        };
        self.mark(result)
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let result = visitor.visit_newtype_struct(self);
        self.mark(result)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::Array(items) => visitor.visit_seq(Items::new(items, self)),
            other => Err(invalid_type(other, &visitor)),
        };
        self.mark(result)
    }

    fn deserialize_tuple<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::Object(entries) => visitor.visit_map(Entries::new(entries, self)),
            other => Err(invalid_type(other, &visitor)),
        };
        self.mark(result)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.deserialize_map(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        let result = match self.value {
            Value::String(s) => visitor.visit_enum(StrDeserializer::<DecodeError>::new(s)),
            Value::Object(entries) if entries.len() == 1 => match entries.iter().next() {
                Some((name, value)) => visitor.visit_enum(Variant {
                    name,
                    value,
                    at: self,
                }),
                None => Err(invalid_type(self.value, &visitor)),
            },
            other => Err(invalid_type(other, &visitor)),
        };
        self.mark(result)
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DecodeError> {
        visitor.visit_unit()
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf
    }
}

/// The elements of an array, each decoded at `[i]`.
struct Items<'a, 'de> {
    items: std::slice::Iter<'de, Value>,
    index: usize,
    at: Decoder<'a, 'de>,
}

impl<'a, 'de> Items<'a, 'de> {
    fn new(items: &'de [Value], at: Decoder<'a, 'de>) -> Self {
        Self {
            items: items.iter(),
            index: 0,
            at,
        }
    }
}

impl<'de> de::SeqAccess<'de> for Items<'_, 'de> {
    type Error = DecodeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DecodeError> {
        let Some(value) = self.items.next() else {
            return Ok(None);
        };
        let chain = Chain::Index(self.at.chain, self.index);
        self.index += 1;
        let track = self.at.track;
        seed.deserialize(Decoder {
            value,
            chain: &chain,
            track,
        })
        .map(Some)
        // A value's own `Deserialize` may refuse it after reading it (an amount with too
        // many decimals): the failure is still this element's.
        .inspect_err(|_| track.record(&chain))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.items.len())
    }
}

/// The entries of an object, each value decoded at its key.
struct Entries<'a, 'de> {
    entries: serde_json::map::Iter<'de>,
    pending: Option<(&'de str, &'de Value)>,
    at: Decoder<'a, 'de>,
}

impl<'a, 'de> Entries<'a, 'de> {
    fn new(entries: &'de Map<String, Value>, at: Decoder<'a, 'de>) -> Self {
        Self {
            entries: entries.iter(),
            pending: None,
            at,
        }
    }
}

impl<'de> de::MapAccess<'de> for Entries<'_, 'de> {
    type Error = DecodeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DecodeError> {
        let Some((key, value)) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some((key, value));
        let key_de: StrDeserializer<'de, DecodeError> = key.as_str().into_deserializer();
        seed.deserialize(key_de).map(Some).inspect_err(|_| {
            // As for any field: the path names the key; `Error::from_serde` reports an
            // unknown one at its holder, since the client chose its name.
            self.at.track.record(&Chain::Key(self.at.chain, key));
        })
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(
        &mut self,
        seed: V,
    ) -> Result<V::Value, DecodeError> {
        let Some((key, value)) = self.pending.take() else {
            return Err(de::Error::custom("a value was read before its key"));
        };
        let chain = Chain::Key(self.at.chain, key);
        let track = self.at.track;
        seed.deserialize(Decoder {
            value,
            chain: &chain,
            track,
        })
        .inspect_err(|_| track.record(&chain))
    }

    fn size_hint(&self) -> Option<usize> {
        Some(self.entries.len())
    }
}

/// An enum written as `{"variant": value}`.
struct Variant<'a, 'de> {
    name: &'de str,
    value: &'de Value,
    at: Decoder<'a, 'de>,
}

impl<'a, 'de> de::EnumAccess<'de> for Variant<'a, 'de> {
    type Error = DecodeError;
    type Variant = VariantValue<'a, 'de>;

    fn variant_seed<S: DeserializeSeed<'de>>(
        self,
        seed: S,
    ) -> Result<(S::Value, Self::Variant), DecodeError> {
        let name: StrDeserializer<'de, DecodeError> = self.name.into_deserializer();
        let variant = seed.deserialize(name)?;
        Ok((
            variant,
            VariantValue {
                name: self.name,
                value: self.value,
                at: self.at,
            },
        ))
    }
}

/// The value of a `{"variant": value}` enum, decoded at `variant`.
struct VariantValue<'a, 'de> {
    name: &'de str,
    value: &'de Value,
    at: Decoder<'a, 'de>,
}

impl<'de> VariantValue<'_, 'de> {
    fn with<T>(
        self,
        read: impl FnOnce(Decoder<'_, 'de>) -> Result<T, DecodeError>,
    ) -> Result<T, DecodeError> {
        let chain = Chain::Key(self.at.chain, self.name);
        let track = self.at.track;
        read(Decoder {
            value: self.value,
            chain: &chain,
            track,
        })
        .inspect_err(|_| track.record(&chain))
    }
}

impl<'de> de::VariantAccess<'de> for VariantValue<'_, 'de> {
    type Error = DecodeError;

    fn unit_variant(self) -> Result<(), DecodeError> {
        self.with(|d| de::Deserialize::deserialize(d))
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(
        self,
        seed: T,
    ) -> Result<T::Value, DecodeError> {
        self.with(|d| seed.deserialize(d))
    }

    fn tuple_variant<V: Visitor<'de>>(
        self,
        _len: usize,
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.with(|d| de::Deserializer::deserialize_seq(d, visitor))
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DecodeError> {
        self.with(|d| de::Deserializer::deserialize_map(d, visitor))
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use serde::Deserialize;

    use super::*;
    use crate::money::Money;
    use crate::ops::InputError;

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Order {
        total: Money,
        lines: Vec<Line>,
        #[serde(default)]
        note: Option<String>,
        #[serde(default)]
        tags: BTreeMap<String, u32>,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(deny_unknown_fields)]
    struct Line {
        sku: String,
        quantity: u32,
        kind: Kind,
    }

    #[derive(Debug, Deserialize, PartialEq)]
    #[serde(rename_all = "snake_case")]
    enum Kind {
        Physical,
        Digital { license: String },
    }

    fn read(json: &str) -> Result<Order, Error> {
        let value = parse_strict(
            json,
            || Error::new(InputError::MalformedJson, "."),
            || {
                ErrorKind::Input(InputError::Invalid {
                    detail: "a key named twice".into(),
                })
            },
        )?;
        decode(&value, ErrorKind::Input(InputError::MalformedJson))
    }

    fn fails_at(json: &str) -> (&'static str, String) {
        let e = read(json).unwrap_err();
        (e.code(), e.path().to_owned())
    }

    const GOOD: &str = r#"{"total": {"amount": "10.00", "currency": "BRL"},
        "lines": [{"sku": "A", "quantity": 1, "kind": "physical"},
                  {"sku": "B", "quantity": 2, "kind": {"digital": {"license": "k"}}}],
        "tags": {"x": 1}}"#;

    #[test]
    fn reads_structs_lists_maps_options_and_enums() {
        let order = read(GOOD).unwrap();
        assert_eq!(order.lines.len(), 2);
        assert_eq!(
            order.lines[1].kind,
            Kind::Digital {
                license: "k".into()
            }
        );
        assert_eq!(order.note, None);
        assert_eq!(order.tags.get("x"), Some(&1));
    }

    #[test]
    fn every_failure_names_its_path() {
        let bad_quantity = GOOD.replace(r#""quantity": 2"#, r#""quantity": "2""#);
        assert_eq!(
            fails_at(&bad_quantity),
            ("input.invalid", "lines[1].quantity".into())
        );
        let bad_license = GOOD.replace(r#""license": "k""#, r#""license": 5"#);
        assert_eq!(
            fails_at(&bad_license),
            ("input.invalid", "lines[1].kind.digital.license".into())
        );
        // A value's own Deserialize refusing it after reading: the path is still the value's.
        let too_precise = GOOD.replace("10.00", "10.001");
        assert_eq!(
            fails_at(&too_precise),
            ("input.amount_too_precise", "total".into())
        );
        let missing = GOOD.replace(r#""sku": "A", "#, "");
        assert_eq!(fails_at(&missing), ("input.invalid", "lines[0]".into()));
        let bad_tag = GOOD.replace(r#"{"x": 1}"#, r#"{"x": -1}"#);
        assert_eq!(fails_at(&bad_tag), ("input.invalid", "tags.x".into()));
    }

    #[test]
    fn an_unknown_field_is_reported_at_its_holder_without_its_name() {
        let unknown = GOOD.replace(r#""sku": "A""#, r#""sku": "A", "maria@example.com": 1"#);
        let e = read(&unknown).unwrap_err();
        assert_eq!((e.code(), e.path()), ("input.invalid", "lines[0]"));
        assert!(!e.message().contains("maria"));
    }

    #[test]
    fn a_struct_is_read_only_from_an_object() {
        let positional = GOOD.replace(
            r#"{"sku": "A", "quantity": 1, "kind": "physical"}"#,
            r#"["A", 1, "physical"]"#,
        );
        assert_eq!(fails_at(&positional), ("input.invalid", "lines[0]".into()));
    }

    #[test]
    fn a_key_named_twice_is_refused_at_its_object() {
        let twice = GOOD.replace(r#""quantity": 2"#, r#""quantity": 2, "quantity": 200"#);
        assert_eq!(fails_at(&twice), ("input.invalid", "lines[1]".into()));
        assert_eq!(
            fails_at(r#"{"a": 1, "a": 2}"#),
            ("input.invalid", ".".into())
        );
    }

    #[test]
    fn malformed_text_is_malformed_at_the_root() {
        for text in ["", "{", r#"{"total": }"#, "[1,]", "{} {}", "nul"] {
            assert_eq!(
                fails_at(text),
                ("input.malformed_json", ".".into()),
                "{text}"
            );
        }
    }

    fn add_fails_at(json: &str) -> (&'static str, String) {
        let value: Value = serde_json::from_str(json).unwrap();
        let e = decode::<crate::calendar::AddRequest>(
            &value,
            ErrorKind::Input(InputError::MalformedJson),
        )
        .unwrap_err();
        (e.code(), e.path().to_owned())
    }

    const ADD: &str = r#"{"calendar": {"time_zone": "America/Sao_Paulo",
        "hours": {"mon": ["09:00-18:00"]}, "holidays": ["2026-11-20", {"date": "2026-12-25", "name": "Natal"}]},
        "start": "2026-11-23T10:00:00-03:00", "add": {"unit": "business_hours", "amount": 4}}"#;

    #[test]
    fn tagged_and_untagged_enums_keep_the_paths_inside_them() {
        let value: Value = serde_json::from_str(ADD).unwrap();
        let add: crate::calendar::AddRequest =
            decode(&value, ErrorKind::Input(InputError::MalformedJson)).unwrap();
        assert_eq!(
            add.add,
            crate::calendar::Period::BusinessHours { amount: 4 }
        );
        let cases = [
            (r#""amount": 4"#, r#""amount": -4"#, "add.amount"),
            (r#""business_hours""#, r#""weeks""#, "add.unit"),
            (r#""unit": "business_hours", "#, "", "add"),
            (r#""amount": 4"#, r#""amount": 4, "extra": 1"#, "add"),
            (r#""Natal""#, "7", "calendar.holidays[1].name"),
            (
                r#""name": "Natal""#,
                r#""nome": "Natal""#,
                "calendar.holidays[1]",
            ),
            (r#""2026-11-20""#, "20", "calendar.holidays[0]"),
            (
                r#"["09:00-18:00"]"#,
                r#""09:00-18:00""#,
                "calendar.hours.mon",
            ),
            (r#""hours""#, r#""horas""#, "calendar"),
        ];
        for (from, to, path) in cases {
            let text = ADD.replacen(from, to, 1);
            assert_ne!(text, ADD, "{from}");
            assert_eq!(
                add_fails_at(&text),
                ("input.invalid", path.to_owned()),
                "{to}"
            );
        }
        let not_an_object = ADD.replacen(r#"{"unit": "business_hours", "amount": 4}"#, "4", 1);
        assert_eq!(add_fails_at(&not_an_object).1, "add");
    }

    #[test]
    fn enums_refuse_other_shapes() {
        for kind in [
            r#""other""#,
            r#"{"digital": {}, "physical": null}"#,
            "7",
            "[]",
        ] {
            let text = GOOD.replace(r#""physical""#, kind);
            assert_eq!(fails_at(&text).1, "lines[0].kind", "{kind}");
        }
    }
}

//! JSON text to a strict [`Value`]: serde_json's parser, refusing an object that names a key
//! twice, which serde_json's own `Value` lets the last one win.

use std::fmt;

use serde::de::{self, DeserializeSeed, Visitor};
use serde_json::value::RawValue;
use serde_json::{Map, Number, Value};

use super::{render_path, Step, WritePath};
use crate::error::{Error, ErrorKind};

/// Parses JSON text into a [`Value`], refusing an object that names a key twice: the last
/// value would silently win, and a request whose fields say two things is not to be guessed
/// at. `duplicate` is the error for that case, at the object holding the key, its path
/// written by `write` (the [`Decode::write_path`](super::Decode::write_path) of the type
/// the text is read as, which names only the keys that type defines); any other problem is
/// `malformed` at `.`.
pub fn parse_strict(
    text: &str,
    write: WritePath,
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
            // The path ends with the repeated key: name its holder.
            at.path.pop();
            let steps: Vec<Step<'_>> = at
                .path
                .iter()
                .map(|segment| match segment {
                    Segment::Key(key, position) => Step::Key {
                        text: key,
                        position: *position,
                    },
                    Segment::Index(i) => Step::Index(*i),
                })
                .collect();
            Err(Error::new(duplicate(), render_path(&steps, write)))
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

/// A path segment while parsing text: a key with its number in its object, or an index.
enum Segment {
    Key(String, usize),
    Index(usize),
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
            // Keys before this one are all different: its number is how many there are.
            self.at.enter(|| Segment::Key(key.clone(), entries.len()));
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

/// The elements of a JSON array, each as its own text (a batch of requests, each read on
/// its own). Read through `deserialize_any` with every other shape refused by a plain
/// message: serde's typed refusals describe a rejected number with float formatting, which
/// would otherwise be compiled in for this alone.
pub fn batch_items(text: &str) -> Result<Vec<&RawValue>, serde_json::Error> {
    let mut de = serde_json::Deserializer::from_str(text);
    let items = de::Deserializer::deserialize_any(&mut de, Items)?;
    de.end()?;
    Ok(items)
}

struct Items;

impl<'de> Visitor<'de> for Items {
    type Value = Vec<&'de RawValue>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an array of requests")
    }

    fn visit_seq<A: de::SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut items = Vec::new();
        while let Some(item) = seq.next_element()? {
            items.push(item);
        }
        Ok(items)
    }

    fn visit_bool<E: de::Error>(self, _: bool) -> Result<Self::Value, E> {
        Err(not_an_array())
    }

    fn visit_i64<E: de::Error>(self, _: i64) -> Result<Self::Value, E> {
        Err(not_an_array())
    }

    fn visit_u64<E: de::Error>(self, _: u64) -> Result<Self::Value, E> {
        Err(not_an_array())
    }

    fn visit_f64<E: de::Error>(self, _: f64) -> Result<Self::Value, E> {
        Err(not_an_array())
    }

    fn visit_str<E: de::Error>(self, _: &str) -> Result<Self::Value, E> {
        Err(not_an_array())
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Err(not_an_array())
    }

    fn visit_map<A: de::MapAccess<'de>>(self, _: A) -> Result<Self::Value, A::Error> {
        Err(not_an_array())
    }
}

fn not_an_array<E: de::Error>() -> E {
    E::custom("a batch is an array of requests")
}

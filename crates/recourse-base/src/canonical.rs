//! Canonical JSON: the one text form of every answer, of the request an input digest is
//! taken over, and of the configuration an engine fingerprint is taken over.
//!
//! Compact (no spaces), object keys sorted by the bytes of their UTF-8 text, a later
//! duplicate key replacing an earlier one, strings escaped as `serde_json` escapes them
//! (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other control characters as `\u00xx`, all else
//! as raw UTF-8). The bytes are exactly those of `serde_json::to_value(x)?.to_string()`.
//!
//! Two writers give them:
//! - [`encode`], for the crate's own types ([`Encode`], derived with their keys put in
//!   order when they are compiled): what the engine writes answers, digests and
//!   fingerprints with;
//! - [`to_string`], for any `Serialize` value, written straight into one `String` without
//!   building a value tree: each object's entries are written where they stand and, if they
//!   did not arrive in key order, moved into order when the object closes. The tests hold
//!   the first to it.
//!
//! Floats are refused: no answer carries one (money is a decimal string, ratios are
//! strings, durations are integers), so a float reaching this writer is a defect that
//! must fail loudly rather than produce digits that differ between platforms.

// One ASCII byte is written with `push_str`, not `push(char)`: `push` encodes the char as
// UTF-8 first, which in WebAssembly is a call per byte of output.
#![allow(clippy::single_char_add_str)]

use std::fmt::Write as _;

use serde::ser::{self, Error as _, Impossible, Serialize};
use serde_json::Error;

pub use self::encode::decimal_text;
pub use self::encode::{encode, Encode, EncodeKey, Encoder, FloatError};
pub use recourse_derive::Encode;

mod encode;

/// The canonical JSON of `value`.
///
/// # Errors
/// When `value` holds a float, an integer beyond 64 bits, or a map key that is not a
/// string, an integer, a boolean, a character or a unit variant; and whatever its own
/// `Serialize` implementation raises.
///
/// # Example
/// ```
/// use std::collections::BTreeMap;
///
/// #[derive(serde::Serialize)]
/// struct Answer {
///     zeta: u32,
///     alpha: &'static str,
///     counts: BTreeMap<u8, bool>,
/// }
/// let answer = Answer { zeta: 1, alpha: "a\nb", counts: BTreeMap::from([(7, true)]) };
/// assert_eq!(
///     recourse_base::canonical::to_string(&answer)?,
///     r#"{"alpha":"a\nb","counts":{"7":true},"zeta":1}"#
/// );
/// assert!(recourse_base::canonical::to_string(&1.5_f64).is_err());
/// # Ok::<(), serde_json::Error>(())
/// ```
pub fn to_string<T: Serialize + ?Sized>(value: &T) -> Result<String, Error> {
    let mut writer = Writer {
        out: String::with_capacity(512),
        ..Writer::default()
    };
    value.serialize(&mut writer)?;
    Ok(writer.out)
}

/// serde_json's name for the struct a `RawValue` serializes as.
const RAW_VALUE_TOKEN: &str = "$serde_json::private::RawValue";

/// The output and the bookkeeping of the objects still open.
#[derive(Default)]
struct Writer {
    out: String,
    /// The text of map keys of the open objects (struct field names are not copied).
    keys: String,
    /// The entries of the open objects, innermost last.
    entries: Vec<Entry>,
    /// Where an object's text waits while its entries are put in order.
    scratch: String,
}

#[derive(Clone, Copy)]
enum Key {
    Field(&'static str),
    /// A range of `Writer::keys`.
    Map(usize, usize),
}

/// One entry of an open object: its key and where its `"key":value` text is in `out`.
#[derive(Clone, Copy)]
struct Entry {
    key: Key,
    /// The key's first eight bytes, zero-padded, big-endian: most comparisons stop here.
    prefix: u64,
    start: usize,
    end: usize,
}

fn prefix_of(key: &str) -> u64 {
    let bytes = key.as_bytes();
    if let Some(word) = bytes.first_chunk::<8>() {
        return u64::from_be_bytes(*word);
    }
    let mut prefix = 0;
    for at in 0..8 {
        prefix = (prefix << 8) | u64::from(bytes.get(at).copied().unwrap_or(0));
    }
    prefix
}

/// Byte order of the keys (a zero-padded prefix orders as the key it starts, and equal
/// prefixes fall back to the whole key).
fn compare(keys: &str, a: &Entry, b: &Entry) -> std::cmp::Ordering {
    a.prefix
        .cmp(&b.prefix)
        .then_with(|| key_text(keys, a.key).cmp(key_text(keys, b.key)))
}

/// Where an open object starts in each buffer.
#[derive(Clone, Copy)]
struct Frame {
    out: usize,
    entries: usize,
    keys: usize,
}

fn key_text(keys: &str, key: Key) -> &str {
    match key {
        Key::Field(name) => name,
        Key::Map(start, end) => keys.get(start..end).unwrap_or(""),
    }
}

fn float_error() -> Error {
    Error::custom("floats are not written in canonical JSON")
}

fn key_error() -> Error {
    Error::custom("key must be a string")
}

fn range_error() -> Error {
    Error::custom("number out of range")
}

/// Where JSON text goes: a `String`, or the [`Encoder`]'s bytes.
trait Sink {
    fn put(&mut self, s: &str);
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// Writes `s` as a JSON string, escaped as serde_json escapes it.
fn push_str_escaped(out: &mut impl Sink, s: &str) {
    out.put("\"");
    push_escaped(out, s);
    out.put("\"");
}

/// Whether any of the eight bytes of `word` is a control character, `"` or `\`.
fn needs_escape(word: u64) -> bool {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    // A byte below n sets its high bit in (x - n) & !x (exact as a yes/no, for n <= 128);
    // a byte equal to c is a zero byte of x ^ c.
    let below_space = word.wrapping_sub(ONES * 0x20) & !word;
    let quote = word ^ (ONES * u64::from(b'"'));
    let backslash = word ^ (ONES * u64::from(b'\\'));
    let quote = quote.wrapping_sub(ONES) & !quote;
    let backslash = backslash.wrapping_sub(ONES) & !backslash;
    (below_space | quote | backslash) & HIGHS != 0
}

/// Writes the escaped text of `s`, without quotes, skipping eight clean bytes at a time.
fn push_escaped(out: &mut impl Sink, s: &str) {
    let bytes = s.as_bytes();
    let mut start = 0;
    let mut at = 0;
    loop {
        while let Some(word) = bytes.get(at..).and_then(<[u8]>::first_chunk::<8>) {
            if needs_escape(u64::from_le_bytes(*word)) {
                break;
            }
            at += 8;
        }
        let Some(&byte) = bytes.get(at) else {
            break;
        };
        let escape = match byte {
            b'"' => "\\\"",
            b'\\' => "\\\\",
            0x08 => "\\b",
            0x0c => "\\f",
            b'\n' => "\\n",
            b'\r' => "\\r",
            b'\t' => "\\t",
            0..=0x1f => "",
            _ => {
                at += 1;
                continue;
            }
        };
        out.put(s.get(start..at).unwrap_or(""));
        if escape.is_empty() {
            const HEX: &[u8; 16] = b"0123456789abcdef";
            let hex = |nibble: u8| HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
            let code = [b'\\', b'u', b'0', b'0', hex(byte >> 4), hex(byte & 0x0f)];
            out.put(std::str::from_utf8(&code).unwrap_or(""));
        } else {
            out.put(escape);
        }
        at += 1;
        start = at;
    }
    out.put(s.get(start..).unwrap_or(""));
}

/// Display text written escaped into a JSON string as it is produced.
struct Escaping<'a>(&'a mut String);

impl std::fmt::Write for Escaping<'_> {
    fn write_str(&mut self, s: &str) -> std::fmt::Result {
        push_escaped(self.0, s);
        Ok(())
    }
}

fn push_u64(out: &mut impl Sink, mut n: u64) {
    let mut digits = [0u8; 20];
    let mut at = digits.len();
    loop {
        at -= 1;
        if let Some(d) = digits.get_mut(at) {
            // Below 10.
            *d = b'0' + (n % 10) as u8;
        }
        n /= 10;
        if n == 0 {
            break;
        }
    }
    let digits = digits.get(at..).unwrap_or_default();
    out.put(std::str::from_utf8(digits).unwrap_or("0"));
}

fn push_i64(out: &mut impl Sink, n: i64) {
    if n < 0 {
        out.put("-");
    }
    push_u64(out, n.unsigned_abs());
}

impl Writer {
    fn begin_object(&mut self) -> Frame {
        self.out.push_str("{");
        Frame {
            out: self.out.len(),
            entries: self.entries.len(),
            keys: self.keys.len(),
        }
    }

    /// Writes `"key":` (after a comma unless it is the object's first entry) and opens the
    /// entry; the value follows, then [`Writer::end_entry`].
    fn begin_entry(&mut self, frame: Frame, key: Key) {
        if self.entries.len() > frame.entries {
            self.out.push_str(",");
        }
        let start = self.out.len();
        let text = key_text(&self.keys, key);
        push_str_escaped(&mut self.out, text);
        self.out.push_str(":");
        self.entries.push(Entry {
            key,
            prefix: prefix_of(text),
            start,
            end: start,
        });
    }

    fn end_entry(&mut self) {
        let end = self.out.len();
        if let Some(entry) = self.entries.last_mut() {
            entry.end = end;
        }
    }

    /// Closes the object opened at `frame`: if its entries did not arrive in strictly
    /// increasing key order, rewrites them sorted, the last of equal keys winning.
    fn end_object(&mut self, frame: Frame) {
        let Writer {
            out,
            keys,
            entries,
            scratch,
        } = self;
        let mine = entries.get_mut(frame.entries..).unwrap_or_default();
        let order = |a: &Entry, b: &Entry| compare(keys, a, b);
        let in_order = mine
            .iter()
            .zip(mine.iter().skip(1))
            .all(|(a, b)| order(a, b).is_lt());
        if !in_order {
            // Stable: among equal keys the one written last stays last.
            crate::sort::sort_by(mine, order);
            scratch.clear();
            scratch.push_str(out.get(frame.out..).unwrap_or(""));
            out.truncate(frame.out);
            let mut first = true;
            let mut rest = mine.iter().peekable();
            while let Some(entry) = rest.next() {
                if rest.peek().is_some_and(|next| order(next, entry).is_eq()) {
                    continue;
                }
                if !first {
                    out.push_str(",");
                }
                first = false;
                let text = scratch.get(entry.start - frame.out..entry.end - frame.out);
                out.push_str(text.unwrap_or(""));
            }
        }
        entries.truncate(frame.entries);
        keys.truncate(frame.keys);
        out.push_str("}");
    }

    /// Opens `{"variant":` for an enum variant that carries data.
    fn begin_variant(&mut self, variant: &str) {
        self.out.push_str("{");
        push_str_escaped(&mut self.out, variant);
        self.out.push_str(":");
    }

    fn separator(&mut self, first: &mut bool) {
        if !std::mem::take(first) {
            self.out.push_str(",");
        }
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.out.push_str("[");
        for (i, &b) in bytes.iter().enumerate() {
            if i > 0 {
                self.out.push_str(",");
            }
            push_u64(&mut self.out, u64::from(b));
        }
        self.out.push_str("]");
    }

    /// Writes the raw JSON text that a `RawValue` left in `keys` from `start` on, in
    /// canonical form, as serde_json's value serializer does by parsing it.
    fn raw_value(&mut self, start: usize) -> Result<(), Error> {
        let text = self.keys.split_off(start);
        let value: serde_json::Value = serde_json::from_str(&text)?;
        value.serialize(self)
    }
}

/// An array (or a tuple variant's array) being written.
struct Seq<'a> {
    writer: &'a mut Writer,
    first: bool,
    /// A tuple variant, closed by an extra `}`.
    variant: bool,
}

/// An object (or a struct variant's object) being written.
struct Object<'a> {
    writer: &'a mut Writer,
    frame: Frame,
    /// A struct variant, closed by an extra `}`.
    variant: bool,
    /// A serde_json `RawValue`, whose one field is JSON text.
    raw: bool,
}

impl Seq<'_> {
    fn end(self) {
        self.writer.out.push_str("]");
        if self.variant {
            self.writer.out.push_str("}");
        }
    }
}

impl Object<'_> {
    fn end(self) {
        if !self.raw {
            self.writer.end_object(self.frame);
        }
        if self.variant {
            self.writer.out.push_str("}");
        }
    }

    fn field<T: Serialize + ?Sized>(&mut self, key: &'static str, value: &T) -> Result<(), Error> {
        if self.raw {
            if key != RAW_VALUE_TOKEN {
                return Err(Error::custom("invalid raw value"));
            }
            let start = self.writer.keys.len();
            value.serialize(KeyWriter(&mut self.writer.keys))?;
            return self.writer.raw_value(start);
        }
        self.writer.begin_entry(self.frame, Key::Field(key));
        value.serialize(&mut *self.writer)?;
        self.writer.end_entry();
        Ok(())
    }
}

impl<'a> ser::Serializer for &'a mut Writer {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Seq<'a>;
    type SerializeTuple = Seq<'a>;
    type SerializeTupleStruct = Seq<'a>;
    type SerializeTupleVariant = Seq<'a>;
    type SerializeMap = Object<'a>;
    type SerializeStruct = Object<'a>;
    type SerializeStructVariant = Object<'a>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.out.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        push_i64(&mut self.out, v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        match (u64::try_from(v), i64::try_from(v)) {
            (Ok(v), _) => self.serialize_u64(v),
            (_, Ok(v)) => self.serialize_i64(v),
            _ => Err(range_error()),
        }
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        push_u64(&mut self.out, v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        let v = u64::try_from(v).map_err(|_| range_error())?;
        self.serialize_u64(v)
    }

    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(float_error())
    }

    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(float_error())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.serialize_str(v.encode_utf8(&mut [0; 4]))
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        push_str_escaped(&mut self.out, v);
        Ok(())
    }

    fn serialize_bytes(self, v: &[u8]) -> Result<(), Error> {
        self.bytes(v);
        Ok(())
    }

    fn serialize_none(self) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_unit(self) -> Result<(), Error> {
        self.out.push_str("null");
        Ok(())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        self.serialize_unit()
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.begin_variant(variant);
        value.serialize(&mut *self)?;
        self.out.push_str("}");
        Ok(())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Seq<'a>, Error> {
        self.out.push_str("[");
        Ok(Seq {
            writer: self,
            first: true,
            variant: false,
        })
    }

    fn serialize_tuple(self, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_struct(self, _: &'static str, len: usize) -> Result<Seq<'a>, Error> {
        self.serialize_seq(Some(len))
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Seq<'a>, Error> {
        self.begin_variant(variant);
        self.out.push_str("[");
        Ok(Seq {
            writer: self,
            first: true,
            variant: true,
        })
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Object<'a>, Error> {
        let frame = self.begin_object();
        Ok(Object {
            writer: self,
            frame,
            variant: false,
            raw: false,
        })
    }

    fn serialize_struct(self, name: &'static str, len: usize) -> Result<Object<'a>, Error> {
        if name != RAW_VALUE_TOKEN {
            return self.serialize_map(Some(len));
        }
        let frame = Frame {
            out: self.out.len(),
            entries: self.entries.len(),
            keys: self.keys.len(),
        };
        Ok(Object {
            writer: self,
            frame,
            variant: false,
            raw: true,
        })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
        _: usize,
    ) -> Result<Object<'a>, Error> {
        self.begin_variant(variant);
        let frame = self.begin_object();
        Ok(Object {
            writer: self,
            frame,
            variant: true,
            raw: false,
        })
    }

    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        self.out.push_str("\"");
        write!(Escaping(&mut self.out), "{value}")
            .map_err(|_| Error::custom("a value could not be written as text"))?;
        self.out.push_str("\"");
        Ok(())
    }
}

impl ser::SerializeSeq for Seq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        self.writer.separator(&mut self.first);
        value.serialize(&mut *self.writer)
    }

    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeTuple for Seq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_element<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleStruct for Seq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeTupleVariant for Seq<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        ser::SerializeSeq::serialize_element(self, value)
    }

    fn end(self) -> Result<(), Error> {
        Seq::end(self);
        Ok(())
    }
}

impl ser::SerializeMap for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_key<T: Serialize + ?Sized>(&mut self, key: &T) -> Result<(), Error> {
        let start = self.writer.keys.len();
        key.serialize(KeyWriter(&mut self.writer.keys))?;
        let end = self.writer.keys.len();
        self.writer.begin_entry(self.frame, Key::Map(start, end));
        Ok(())
    }

    fn serialize_value<T: Serialize + ?Sized>(&mut self, value: &T) -> Result<(), Error> {
        value.serialize(&mut *self.writer)?;
        self.writer.end_entry();
        Ok(())
    }

    fn end(self) -> Result<(), Error> {
        Object::end(self);
        Ok(())
    }
}

impl ser::SerializeStruct for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        Object::end(self);
        Ok(())
    }
}

impl ser::SerializeStructVariant for Object<'_> {
    type Ok = ();
    type Error = Error;

    fn serialize_field<T: Serialize + ?Sized>(
        &mut self,
        key: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        self.field(key, value)
    }

    fn end(self) -> Result<(), Error> {
        Object::end(self);
        Ok(())
    }
}

/// Writes a map key's text, unescaped, as serde_json's value serializer turns keys into
/// strings: strings and characters as they are, integers and booleans as their JSON text,
/// unit variants as their name; anything else is an error (floats too, unlike serde_json).
struct KeyWriter<'a>(&'a mut String);

impl ser::Serializer for KeyWriter<'_> {
    type Ok = ();
    type Error = Error;
    type SerializeSeq = Impossible<(), Error>;
    type SerializeTuple = Impossible<(), Error>;
    type SerializeTupleStruct = Impossible<(), Error>;
    type SerializeTupleVariant = Impossible<(), Error>;
    type SerializeMap = Impossible<(), Error>;
    type SerializeStruct = Impossible<(), Error>;
    type SerializeStructVariant = Impossible<(), Error>;

    fn serialize_bool(self, v: bool) -> Result<(), Error> {
        self.0.push_str(if v { "true" } else { "false" });
        Ok(())
    }

    fn serialize_i8(self, v: i8) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i16(self, v: i16) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i32(self, v: i32) -> Result<(), Error> {
        self.serialize_i64(v.into())
    }

    fn serialize_i64(self, v: i64) -> Result<(), Error> {
        push_i64(self.0, v);
        Ok(())
    }

    fn serialize_i128(self, v: i128) -> Result<(), Error> {
        self.collect_str(&v)
    }

    fn serialize_u8(self, v: u8) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u16(self, v: u16) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u32(self, v: u32) -> Result<(), Error> {
        self.serialize_u64(v.into())
    }

    fn serialize_u64(self, v: u64) -> Result<(), Error> {
        push_u64(self.0, v);
        Ok(())
    }

    fn serialize_u128(self, v: u128) -> Result<(), Error> {
        self.collect_str(&v)
    }

    fn serialize_f32(self, _: f32) -> Result<(), Error> {
        Err(float_error())
    }

    fn serialize_f64(self, _: f64) -> Result<(), Error> {
        Err(float_error())
    }

    fn serialize_char(self, v: char) -> Result<(), Error> {
        self.0.push(v);
        Ok(())
    }

    fn serialize_str(self, v: &str) -> Result<(), Error> {
        self.0.push_str(v);
        Ok(())
    }

    fn serialize_bytes(self, _: &[u8]) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_none(self) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_some<T: Serialize + ?Sized>(self, _: &T) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_unit(self) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_unit_struct(self, _: &'static str) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_unit_variant(
        self,
        _: &'static str,
        _: u32,
        variant: &'static str,
    ) -> Result<(), Error> {
        self.serialize_str(variant)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        value: &T,
    ) -> Result<(), Error> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<(), Error> {
        Err(key_error())
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Error> {
        Err(key_error())
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Error> {
        Err(key_error())
    }

    fn serialize_tuple_struct(
        self,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleStruct, Error> {
        Err(key_error())
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Error> {
        Err(key_error())
    }

    fn serialize_map(self, _: Option<usize>) -> Result<Self::SerializeMap, Error> {
        Err(key_error())
    }

    fn serialize_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeStruct, Error> {
        Err(key_error())
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Error> {
        Err(key_error())
    }

    fn collect_str<T: std::fmt::Display + ?Sized>(self, value: &T) -> Result<(), Error> {
        write!(self.0, "{value}").map_err(|_| key_error())
    }
}

#[cfg(test)]
mod tests;

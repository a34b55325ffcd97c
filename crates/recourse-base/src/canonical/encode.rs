//! [`Encode`]: canonical JSON written by each type itself, object keys in order from the
//! start (`#[derive(Encode)]` orders a struct's fields when it is compiled), so that
//! writing an answer sorts nothing and moves nothing. The bytes are those of
//! [`super::to_string`], which tests hold it to.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde_json::Value;

use super::{push_i64, push_str_escaped, push_u64, Sink};

/// A type that writes its own canonical JSON.
pub trait Encode {
    /// Writes `self` to `out`.
    fn encode(&self, out: &mut Encoder);
}

/// A type whose values are the keys of a JSON object (written as strings).
pub trait EncodeKey {
    /// The key's text, unescaped.
    fn key(&self) -> &str;
}

/// The canonical JSON of `value`.
///
/// # Errors
/// When `value` holds a JSON float (only a [`Value`] can), which canonical JSON refuses.
pub fn encode<T: Encode + ?Sized>(value: &T) -> Result<String, FloatError> {
    let mut out = Encoder {
        out: String::with_capacity(1024),
        ..Encoder::default()
    };
    value.encode(&mut out);
    if out.float {
        return Err(FloatError);
    }
    Ok(out.out)
}

/// Writes the canonical JSON of `value` at the end of `out` (an answer among others, as a
/// batch writes them); on an error `out` is as it was.
///
/// # Errors
/// As [`encode`].
pub fn encode_into<T: Encode + ?Sized>(value: &T, out: &mut String) -> Result<(), FloatError> {
    let start = out.len();
    let mut encoder = Encoder {
        out: std::mem::take(out),
        ..Encoder::default()
    };
    value.encode(&mut encoder);
    *out = encoder.out;
    if encoder.float {
        out.truncate(start);
        return Err(FloatError);
    }
    Ok(())
}

/// A JSON float was met: canonical JSON has none, since their digits differ by platform.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("floats are not written in canonical JSON")]
pub struct FloatError;

/// The text being written.
#[derive(Default)]
pub struct Encoder {
    out: String,
    /// How many objects are open.
    depth: u32,
    /// An entry to place among the keys of the object opened at its depth.
    pending: Option<Pending>,
    /// A float was met (see [`FloatError`]).
    float: bool,
}

/// A `"key":value` entry written ahead, waiting for its place in an object whose other
/// entries another type writes (a response and its receipt, side by side).
struct Pending {
    depth: u32,
    /// `"key":`, as the derive writes keys.
    key: &'static str,
    /// The value's text.
    value: String,
}

impl Encoder {
    /// Writes JSON text as it is.
    pub fn raw(&mut self, text: &str) {
        self.out.put(text);
    }

    /// Writes `text` as a JSON string.
    pub fn string(&mut self, text: &str) {
        push_str_escaped(&mut self.out, text);
    }

    /// Opens an object; its entries follow, each after [`Encoder::key`], then
    /// [`Encoder::close`].
    pub fn open(&mut self) {
        self.out.put("{");
        self.depth += 1;
    }

    /// Starts an entry: a comma unless it is the object's first, then `key` (`"name":`,
    /// quoted and with its colon). Keys arrive in order; a pending entry whose key comes
    /// first is written before.
    pub fn key(&mut self, comma: &mut bool, key: &str) {
        if self
            .pending
            .as_ref()
            .is_some_and(|p| p.depth == self.depth && p.key < key)
        {
            self.flush_pending(comma);
        }
        if std::mem::replace(comma, true) {
            self.out.put(",");
        }
        self.out.put(key);
    }

    /// Closes the object opened last; `comma` says whether it has an entry.
    pub fn close(&mut self, mut comma: bool) {
        if self.pending.as_ref().is_some_and(|p| p.depth == self.depth) {
            self.flush_pending(&mut comma);
        }
        self.out.put("}");
        self.depth = self.depth.saturating_sub(1);
    }

    fn flush_pending(&mut self, comma: &mut bool) {
        if let Some(pending) = self.pending.take() {
            if std::mem::replace(comma, true) {
                self.out.put(",");
            }
            self.out.put(pending.key);
            self.out.put(&pending.value);
        }
    }

    /// Writes `inner`, an object, with one more entry `key` (`"name":`) holding `value`,
    /// in its place among `inner`'s keys.
    pub fn with_entry<I: Encode + ?Sized, V: Encode + ?Sized>(
        &mut self,
        inner: &I,
        key: &'static str,
        value: &V,
    ) {
        let mut text = Encoder::default();
        value.encode(&mut text);
        self.float |= text.float;
        self.pending = Some(Pending {
            depth: self.depth + 1,
            key,
            value: text.out,
        });
        inner.encode(self);
        // `inner` was not an object after all: the entry is dropped, as a flattened serde
        // field would fail; no answer of the crate is such.
        self.pending = None;
    }

    /// Writes an object from entries in any key order.
    fn map<'a, V: Encode + 'a>(&mut self, entries: impl Iterator<Item = (&'a str, &'a V)>) {
        let mut entries: Vec<(&str, &V)> = entries.collect();
        if !entries.windows(2).all(|w| matches!(w, [a, b] if a.0 < b.0)) {
            crate::sort::sort_by(&mut entries, |a, b| a.0.cmp(b.0));
        }
        self.out.put("{");
        for (i, (key, value)) in entries.iter().enumerate() {
            if i > 0 {
                self.out.put(",");
            }
            push_str_escaped(&mut self.out, key);
            self.out.put(":");
            value.encode(self);
        }
        self.out.put("}");
    }

    /// Writes `d` as its `Display` writes it (every digit of its scale, a sign for
    /// negative zero too), without the formatting machinery.
    pub fn decimal_string(&mut self, d: &Decimal) {
        self.out.put("\"");
        push_decimal(&mut self.out, d);
        self.out.put("\"");
    }
}

/// The digits of `d` as `Decimal`'s `Display` writes them, dividing in 64 bits whenever
/// the mantissa fits (128-bit division is a library call in WebAssembly).
pub fn push_decimal(out: &mut impl Sink, d: &Decimal) {
    if d.is_sign_negative() {
        out.put("-");
    }
    let mut digits = [b'0'; 40];
    let mut at = digits.len();
    let mut push = |digit: u8| {
        at -= 1;
        if let Some(slot) = digits.get_mut(at) {
            *slot = b'0' + digit;
        }
    };
    let mut wide = d.mantissa().unsigned_abs();
    while wide > u128::from(u64::MAX) {
        // Below 10 either way.
        push((wide % 10) as u8);
        wide /= 10;
    }
    let mut n = u64::try_from(wide).unwrap_or(0);
    while n > 0 {
        push((n % 10) as u8);
        n /= 10;
    }
    let scale = usize::try_from(d.scale()).unwrap_or(0);
    // At least one digit before the point.
    let len = (digits.len() - at).max(scale + 1);
    let start = digits.len().saturating_sub(len);
    let text = digits.get(start..).unwrap_or_default();
    let (whole, fraction) = text.split_at(text.len() - scale.min(text.len()));
    out.put(std::str::from_utf8(whole).unwrap_or("0"));
    if !fraction.is_empty() {
        out.put(".");
        out.put(std::str::from_utf8(fraction).unwrap_or(""));
    }
}

/// `d` as its `Display` writes it (see `push_decimal`).
pub fn decimal_text(d: &Decimal) -> String {
    let mut out = String::with_capacity(24);
    push_decimal(&mut out, d);
    out
}

/// Appends `d` to `out` as [`decimal_text`] writes it, without a string of its own.
pub fn push_decimal_text(out: &mut String, d: &Decimal) {
    push_decimal(out, d);
}

/// Appends `n` to `out` in decimal digits, as JSON writes it.
pub fn push_integer_text(out: &mut String, n: u64) {
    push_u64(out, n);
}

impl Encode for str {
    fn encode(&self, out: &mut Encoder) {
        out.string(self);
    }
}

impl Encode for String {
    fn encode(&self, out: &mut Encoder) {
        out.string(self);
    }
}

impl EncodeKey for String {
    fn key(&self) -> &str {
        self
    }
}

impl Encode for bool {
    fn encode(&self, out: &mut Encoder) {
        out.raw(if *self { "true" } else { "false" });
    }
}

macro_rules! unsigned {
    ($($t:ty),*) => {$(
        impl Encode for $t {
            fn encode(&self, out: &mut Encoder) {
                push_u64(&mut out.out, u64::from(*self));
            }
        }
    )*};
}

unsigned!(u8, u16, u32, u64);

impl Encode for usize {
    fn encode(&self, out: &mut Encoder) {
        push_u64(&mut out.out, u64::try_from(*self).unwrap_or(u64::MAX));
    }
}

impl Encode for i32 {
    fn encode(&self, out: &mut Encoder) {
        push_i64(&mut out.out, i64::from(*self));
    }
}

impl Encode for i64 {
    fn encode(&self, out: &mut Encoder) {
        push_i64(&mut out.out, *self);
    }
}

impl<T: Encode + ?Sized> Encode for &T {
    fn encode(&self, out: &mut Encoder) {
        (**self).encode(out);
    }
}

impl<T: Encode + ?Sized> Encode for Box<T> {
    fn encode(&self, out: &mut Encoder) {
        (**self).encode(out);
    }
}

impl<T: Encode> Encode for Option<T> {
    fn encode(&self, out: &mut Encoder) {
        match self {
            Some(value) => value.encode(out),
            None => out.raw("null"),
        }
    }
}

impl<T: Encode> Encode for [T] {
    fn encode(&self, out: &mut Encoder) {
        out.raw("[");
        for (i, item) in self.iter().enumerate() {
            if i > 0 {
                out.raw(",");
            }
            item.encode(out);
        }
        out.raw("]");
    }
}

impl<T: Encode> Encode for Vec<T> {
    fn encode(&self, out: &mut Encoder) {
        self.as_slice().encode(out);
    }
}

impl<K: EncodeKey, V: Encode> Encode for BTreeMap<K, V> {
    fn encode(&self, out: &mut Encoder) {
        out.map(self.iter().map(|(k, v)| (k.key(), v)));
    }
}

impl Encode for Value {
    fn encode(&self, out: &mut Encoder) {
        match self {
            Value::Null => out.raw("null"),
            Value::Bool(b) => b.encode(out),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => push_u64(&mut out.out, u),
                (None, Some(i)) => push_i64(&mut out.out, i),
                _ => out.float = true,
            },
            Value::String(s) => out.string(s),
            Value::Array(items) => items.encode(out),
            // serde_json's map keeps its keys in order.
            Value::Object(entries) => out.map(entries.iter().map(|(k, v)| (k.as_str(), v))),
        }
    }
}

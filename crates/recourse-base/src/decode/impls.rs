//! [`Decode`] for the standard types the crate's requests are made of.

use std::collections::BTreeMap;

use serde_json::Value;

#[cfg(feature = "direct-read")]
use super::Reader;
use super::{At, Decode, DecodeError, Step};

impl Decode for bool {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        value
            .as_bool()
            .ok_or_else(|| DecodeError::invalid_type(value, at, "a boolean"))
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        match reader.peek()? {
            b't' => reader.literal("true").map(|()| true),
            b'f' => reader.literal("false").map(|()| false),
            _ => None,
        }
    }
}

impl Decode for String {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::String(text) => Ok(text.clone()),
            other => Err(DecodeError::invalid_type(other, at, "a string")),
        }
    }

    fn from_key(key: &str, _: &At<'_>) -> Result<Self, DecodeError> {
        Ok(key.to_owned())
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.string().map(str::to_owned)
    }
}

impl Decode for Value {
    fn decode(value: &Value, _: &At<'_>) -> Result<Self, DecodeError> {
        Ok(value.clone())
    }
}

/// An integer in `min..=max`; `expected` names the type for the message. One function for
/// every width, so that each integer type's reader is a conversion after it.
fn integer(
    value: &Value,
    at: &At<'_>,
    min: i128,
    max: i128,
    expected: &str,
) -> Result<i128, DecodeError> {
    let Value::Number(number) = value else {
        return Err(DecodeError::invalid_type(value, at, expected));
    };
    let n = match (number.as_u64(), number.as_i64()) {
        (Some(u), _) => i128::from(u),
        (None, Some(i)) => i128::from(i),
        _ => return Err(DecodeError::invalid_type(value, at, expected)),
    };
    if (min..=max).contains(&n) {
        Ok(n)
    } else {
        Err(DecodeError::shape(
            at,
            format!("invalid value: integer, expected {expected}"),
        ))
    }
}

macro_rules! integers {
    ($($t:ty),*) => {$(
        impl Decode for $t {
            fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
                let n = integer(value, at, i128::from(<$t>::MIN), i128::from(<$t>::MAX), stringify!($t))?;
                <$t>::try_from(n).map_err(|_| DecodeError::shape(at, concat!("an integer beyond ", stringify!($t))))
            }

            /// A plain unsigned integer straight from the text; any other number as a
            /// `Value`, then decoded.
            #[cfg(feature = "direct-read")]
            fn read(reader: &mut Reader<'_>) -> Option<Self> {
                match reader.unsigned() {
                    Some(n) => <$t>::try_from(n).ok(),
                    None => Self::decode(&reader.value()?, &At::Root).ok(),
                }
            }
        }
    )*};
}

integers!(u8, u16, u32, u64, i32, i64);

impl Decode for usize {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        let n = u64::decode(value, at)?;
        usize::try_from(n)
            .map_err(|_| DecodeError::shape(at, "invalid value: integer, expected usize"))
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        usize::try_from(u64::read(reader)?).ok()
    }
}

impl<T: Decode> Decode for Option<T> {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        match value {
            Value::Null => Ok(None),
            value => T::decode(value, at).map(Some),
        }
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        if reader.peek()? == b'n' {
            reader.null().map(|()| None)
        } else {
            T::read(reader).map(Some)
        }
    }

    fn absent() -> Option<Self> {
        Some(None)
    }

    fn write_path(steps: &[Step<'_>], out: &mut String) {
        T::write_path(steps, out);
    }
}

impl<T: Decode> Decode for Box<T> {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        T::decode(value, at).map(Box::new)
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        T::read(reader).map(Box::new)
    }

    fn write_path(steps: &[Step<'_>], out: &mut String) {
        T::write_path(steps, out);
    }
}

impl<T: Decode> Decode for Vec<T> {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        let Value::Array(items) = value else {
            return Err(DecodeError::invalid_type(value, at, "a sequence"));
        };
        let mut out = Vec::with_capacity(items.len());
        for (i, item) in items.iter().enumerate() {
            out.push(T::decode(item, &At::Index(at, i))?);
        }
        Ok(out)
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.array()?;
        let mut out = Vec::new();
        let mut count = 0;
        while reader.item(&mut count)? {
            out.push(T::read(reader)?);
        }
        Some(out)
    }

    fn write_path(steps: &[Step<'_>], out: &mut String) {
        match steps.split_first() {
            Some((Step::Index(i), rest)) => {
                super::push_index(out, *i);
                T::write_path(rest, out);
            }
            _ => super::write_masked(steps, out),
        }
    }
}

impl<K: Decode + Ord, V: Decode> Decode for BTreeMap<K, V> {
    fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
        let Value::Object(entries) = value else {
            return Err(DecodeError::invalid_type(value, at, "a map"));
        };
        let mut out = BTreeMap::new();
        for (key, item) in entries {
            // A key the key type refuses is reported at the map: it is not a name the
            // schema defines, and may be anything.
            let key_value = K::from_key(key, at)?;
            out.insert(key_value, V::decode(item, &At::Key(at, key))?);
        }
        Ok(out)
    }

    /// Two keys that read as one value (or one key named twice) give the reading back.
    #[cfg(feature = "direct-read")]
    fn read(reader: &mut Reader<'_>) -> Option<Self> {
        reader.object()?;
        let mut out = BTreeMap::new();
        let mut first = true;
        while let Some(key) = reader.key(&mut first)? {
            let key = K::from_key(key, &At::Root).ok()?;
            if out.insert(key, V::read(reader)?).is_some() {
                return None;
            }
        }
        Some(out)
    }

    /// A key is written when the key type reads it: a value of an enum, or the name a
    /// configuration gives its entry (a policy, a calendar, a processor).
    fn write_path(steps: &[Step<'_>], out: &mut String) {
        match steps.split_first() {
            Some((Step::Key { text, .. }, rest)) if K::from_key(text, &At::Root).is_ok() => {
                super::push_key(out, text);
                V::write_path(rest, out);
            }
            Some((Step::Key { .. }, rest)) => {
                super::write_masked(steps.get(..1).unwrap_or_default(), out);
                V::write_path(rest, out);
            }
            _ => super::write_masked(steps, out),
        }
    }
}

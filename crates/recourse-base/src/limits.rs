//! Limits on untrusted input, checked in one pass over the bytes before any parsing, so
//! that a hostile input costs no more than reading it once.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::{render_path, Decode, Step, WritePath};
use crate::error::{Error, InputError};

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
    /// use recourse_payments_base::limits::Limits;
    /// let limits = Limits { max_list: 2, ..Limits::default() };
    /// // A free-form value defines no key: every key is written by its position.
    /// let e = limits.check::<serde_json::Value>(br#"{"maria@example.com": [1, 2, 3]}"#).unwrap_err();
    /// assert_eq!((e.code(), e.path()), ("input.list_too_long", "<key 0>[2]"));
    /// ```
    pub fn check<T: Decode>(&self, json: &[u8]) -> Result<(), Error> {
        self.check_with(json, T::write_path)
    }

    /// Reads a `T` straight from `text` within the limits, counting them as it goes (see
    /// [`crate::decode::read_direct`]): `None` when the text is longer, deeper or has a
    /// longer list, or when the reading through a `Value` must decide; then
    /// [`Limits::check`] names the limit crossed, if one is.
    #[cfg(feature = "direct-read")]
    pub fn read<T: Decode>(&self, text: &str) -> Option<T> {
        if text.len() > self.max_bytes {
            return None;
        }
        crate::decode::read_bounded(text, self.max_depth, self.max_list)
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
}

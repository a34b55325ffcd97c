//! Reading a request straight from its text, without a [`Value`] tree: the path every
//! well-formed request takes.
//!
//! The reader only goes on where it is sure. A string with an escape, a key the type does
//! not define, a key named twice, a number or a literal out of the grammar, nesting deeper
//! than serde_json's own limit, text after the value: at the first of these it gives up
//! with `None`, and [`super::parse_request`] reads the text again through a `Value`, which
//! accepts what it accepts and names the problem where there is one. So a request read here
//! is the value that reading would give, and every error is that reading's.

use serde_json::{Map, Value};

use super::{At, Decode};

/// Nesting this reader goes to, below serde_json's recursion limit (128): deeper, the
/// reading through a `Value` decides.
const MAX_DEPTH: usize = 100;

/// Eight bytes, each `byte`.
const fn repeated(byte: u8) -> u64 {
    u64::from_ne_bytes([byte; 8])
}

/// Whether a string's byte ends its plain run: a quote, a backslash or a control character.
fn ends_run(byte: u8) -> bool {
    byte == b'"' || byte == b'\\' || byte < 0x20
}

/// How many bytes of `bytes` come before the first that [`ends_run`] (all of them when none
/// does), tested eight at a time: in each word, a byte's high bit is set where the byte is a
/// quote or a backslash (equal: zero after the xor) or below 0x20. A borrow can only set a
/// high bit above a byte found, so the lowest bit set is the first byte that ends the run.
fn plain_run(bytes: &[u8]) -> usize {
    const ONES: u64 = repeated(1);
    const HIGH: u64 = repeated(0x80);
    let zero = |w: u64| w.wrapping_sub(ONES) & !w;
    let mut words = bytes.chunks_exact(8);
    let mut run = 0;
    for word in &mut words {
        let Ok(word) = <[u8; 8]>::try_from(word) else {
            break;
        };
        let word = u64::from_le_bytes(word);
        let found = (zero(word ^ repeated(b'"'))
            | zero(word ^ repeated(b'\\'))
            | (word.wrapping_sub(repeated(0x20)) & !word))
            & HIGH;
        if found != 0 {
            return run + (found.trailing_zeros() / 8) as usize;
        }
        run += 8;
    }
    let rest = bytes.get(run..).unwrap_or_default();
    run + rest.iter().position(|&b| ends_run(b)).unwrap_or(rest.len())
}

/// A cursor over JSON text, for [`Decode::read`].
#[derive(Debug)]
pub struct Reader<'t> {
    text: &'t str,
    at: usize,
    depth: usize,
    max_depth: usize,
    max_list: usize,
}

/// Reads a `T` from the whole of `text`; `None` when the reading through a `Value` must
/// decide (see the module's docs).
pub fn read_direct<T: Decode>(text: &str) -> Option<T> {
    read_bounded(text, MAX_DEPTH, usize::MAX)
}

/// [`read_direct`] with at most `max_depth` nested arrays and objects and `max_list` items in
/// any one array, counted as [`crate::limits::Limits::check`] counts them (see
/// [`crate::limits::Limits::read`]).
pub fn read_bounded<T: Decode>(text: &str, max_depth: usize, max_list: usize) -> Option<T> {
    let mut reader = Reader::bounded(text, max_depth, max_list);
    let value = T::read(&mut reader)?;
    reader.at_end().then_some(value)
}

impl<'t> Reader<'t> {
    /// A reader at the start of `text`, going at most `max_depth` nested arrays and objects
    /// deep and `max_list` items in any one array, counted as [`read_bounded`] counts them:
    /// for a text that holds several values in one array (a batch of requests), each read
    /// with [`Decode::read`] after [`Reader::array`] and [`Reader::item`].
    pub fn bounded(text: &'t str, max_depth: usize, max_list: usize) -> Self {
        Self {
            text,
            at: 0,
            depth: 0,
            max_depth: max_depth.min(MAX_DEPTH),
            max_list,
        }
    }

    /// Whether only white space is left.
    pub fn at_end(&mut self) -> bool {
        self.skip_space();
        self.at == self.text.len()
    }

    fn bytes(&self) -> &'t [u8] {
        self.text.as_bytes()
    }

    fn skip_space(&mut self) {
        while let Some(b' ' | b'\t' | b'\n' | b'\r') = self.bytes().get(self.at) {
            self.at += 1;
        }
    }

    /// The next byte that is not white space, not consumed.
    pub fn peek(&mut self) -> Option<u8> {
        self.skip_space();
        self.bytes().get(self.at).copied()
    }

    fn eat(&mut self, byte: u8) -> Option<()> {
        (self.peek()? == byte).then(|| self.at += 1)
    }

    /// `word` (`true`, `false`, `null`).
    pub fn literal(&mut self, word: &str) -> Option<()> {
        self.skip_space();
        let end = self.at + word.len();
        (self.text.get(self.at..end)? == word).then(|| self.at = end)
    }

    /// `null`.
    pub fn null(&mut self) -> Option<()> {
        self.literal("null")
    }

    /// A string with no escape and no control character, borrowed from the text.
    pub fn string(&mut self) -> Option<&'t str> {
        self.eat(b'"')?;
        let start = self.at;
        let rest = self.bytes().get(start..)?;
        let len = plain_run(rest);
        if rest.get(len) != Some(&b'"') {
            return None;
        }
        self.at = start + len + 1;
        self.text.get(start..start + len)
    }

    fn enter(&mut self) -> Option<()> {
        self.depth += 1;
        (self.depth <= self.max_depth).then_some(())
    }

    /// Opens an object; its keys then come from [`Reader::key`].
    pub fn object(&mut self) -> Option<()> {
        self.eat(b'{')?;
        self.enter()
    }

    /// The object's next key (its value is to be read next), or `Some(None)` at its end.
    /// `first` is true before the first key and is kept by this method.
    pub fn key(&mut self, first: &mut bool) -> Option<Option<&'t str>> {
        match self.peek()? {
            b'}' => {
                self.at += 1;
                self.depth -= 1;
                return Some(None);
            }
            b',' if !*first => self.at += 1,
            _ if *first => {}
            _ => return None,
        }
        *first = false;
        let key = self.string()?;
        self.eat(b':')?;
        Some(Some(key))
    }

    /// Opens an array; its items then come after each `true` of [`Reader::item`], which
    /// counts them in `count` (from 0).
    pub fn array(&mut self) -> Option<()> {
        self.eat(b'[')?;
        self.enter()
    }

    /// Whether the array has another item (to be read next); `count` is the number read
    /// so far, kept by this method.
    pub fn item(&mut self, count: &mut usize) -> Option<bool> {
        match self.peek()? {
            b']' => {
                self.at += 1;
                self.depth -= 1;
                return Some(false);
            }
            b',' if *count > 0 => self.at += 1,
            _ if *count == 0 => {}
            _ => return None,
        }
        *count += 1;
        (*count <= self.max_list).then_some(true)
    }

    /// A number written as plain digits (no sign, fraction or exponent, at most 18 digits),
    /// which serde_json reads as that integer; `None`, and the reader where it was, for
    /// any other text.
    pub fn unsigned(&mut self) -> Option<u64> {
        self.skip_space();
        let rest = self.bytes().get(self.at..)?;
        let digits = rest.iter().take_while(|b| b.is_ascii_digit()).count();
        let plain = match (rest.first(), rest.get(digits)) {
            (Some(b'0'), _) if digits > 1 => false,
            (_, Some(b'.' | b'e' | b'E')) => false,
            _ => (1..=18).contains(&digits),
        };
        if !plain {
            return None;
        }
        let n = rest
            .get(..digits)?
            .iter()
            .fold(0, |n: u64, b| n * 10 + u64::from(b - b'0'));
        self.at += digits;
        Some(n)
    }

    /// A number in JSON's grammar, as serde_json reads it.
    fn number(&mut self) -> Option<Value> {
        self.skip_space();
        let start = self.at;
        let digits = |r: &mut Self| {
            let from = r.at;
            while r.bytes().get(r.at).is_some_and(u8::is_ascii_digit) {
                r.at += 1;
            }
            r.at > from
        };
        if self.bytes().get(self.at) == Some(&b'-') {
            self.at += 1;
        }
        if self.bytes().get(self.at) == Some(&b'0') {
            // A leading zero stands alone: `01` is not JSON.
            self.at += 1;
            if self.bytes().get(self.at).is_some_and(u8::is_ascii_digit) {
                return None;
            }
        } else if !digits(self) {
            return None;
        }
        if self.bytes().get(self.at) == Some(&b'.') {
            self.at += 1;
            if !digits(self) {
                return None;
            }
        }
        if let Some(b'e' | b'E') = self.bytes().get(self.at) {
            self.at += 1;
            if let Some(b'+' | b'-') = self.bytes().get(self.at) {
                self.at += 1;
            }
            if !digits(self) {
                return None;
            }
        }
        serde_json::from_str(self.text.get(start..self.at)?).ok()
    }

    /// Any value, as a strict `Value` (no key named twice).
    pub fn value(&mut self) -> Option<Value> {
        match self.peek()? {
            b'"' => self.string().map(|s| Value::String(s.to_owned())),
            b'{' => {
                self.object()?;
                let mut map = Map::new();
                let mut first = true;
                while let Some(key) = self.key(&mut first)? {
                    let value = self.value()?;
                    if map.insert(key.to_owned(), value).is_some() {
                        return None;
                    }
                }
                Some(Value::Object(map))
            }
            b'[' => {
                self.array()?;
                let mut items = Vec::new();
                let mut count = 0;
                while self.item(&mut count)? {
                    items.push(self.value()?);
                }
                Some(Value::Array(items))
            }
            b't' => self.literal("true").map(|()| Value::Bool(true)),
            b'f' => self.literal("false").map(|()| Value::Bool(false)),
            b'n' => self.null().map(|()| Value::Null),
            b'-' | b'0'..=b'9' => self.number(),
            _ => None,
        }
    }

    /// Passes over any value, checking it as [`Reader::value`] does but for keys named
    /// twice (whoever reads it again checks those).
    fn skip(&mut self) -> Option<()> {
        match self.peek()? {
            b'"' => self.string().map(drop),
            b'{' => {
                self.object()?;
                let mut first = true;
                while self.key(&mut first)?.is_some() {
                    self.skip()?;
                }
                Some(())
            }
            b'[' => {
                self.array()?;
                let mut count = 0;
                while self.item(&mut count)? {
                    self.skip()?;
                }
                Some(())
            }
            b't' => self.literal("true"),
            b'f' => self.literal("false"),
            b'n' => self.null(),
            b'-' | b'0'..=b'9' => self.number().map(drop),
            _ => None,
        }
    }

    /// The string at key `name` of the object ahead, read without moving past the object:
    /// the variant an internally tagged object names, wherever its tag stands.
    pub fn tag(&mut self, name: &str) -> Option<&'t str> {
        let (at, depth) = (self.at, self.depth);
        self.object()?;
        let mut first = true;
        let tag = loop {
            let key = self.key(&mut first)??;
            if key == name {
                break self.string()?;
            }
            self.skip()?;
        };
        (self.at, self.depth) = (at, depth);
        Some(tag)
    }

    /// A unit variant of an enum, by its name.
    pub fn variant<T: Decode>(&mut self) -> Option<T> {
        T::from_key(self.string()?, &At::Root).ok()
    }
}

#[cfg(test)]
mod tests {
    use super::{ends_run, plain_run};

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(4096))]

        /// The run found eight bytes at a time is the run found byte by byte, for texts
        /// dense in quotes, backslashes, control characters and bytes above 0x7f.
        #[test]
        fn the_plain_run_is_the_bytewise_run(
            bytes in proptest::collection::vec(
                proptest::prop_oneof![
                    4 => 0x20_u8..0x7f,
                    1 => proptest::prelude::any::<u8>(),
                    1 => proptest::sample::select(vec![b'"', b'\\', 0x1f, 0x00, 0x7f, 0x80, 0xff, 0x21, 0x5b, 0x5d]),
                ],
                0..40,
            ),
        ) {
            let bytewise = bytes.iter().position(|&b| ends_run(b)).unwrap_or(bytes.len());
            proptest::prop_assert_eq!(plain_run(&bytes), bytewise);
        }
    }
}

//! JSON text pieces the writer is made of: escaped strings and integers.

// One ASCII byte is written with `push_str`, not `push(char)`: `push` encodes the char as
// UTF-8 first, which in WebAssembly is a call per byte of output.

/// Where JSON text goes: a `String`, or the [`Encoder`]'s bytes.
pub(super) trait Sink {
    fn put(&mut self, s: &str);
}

impl Sink for String {
    fn put(&mut self, s: &str) {
        self.push_str(s);
    }
}

/// Writes `s` as a JSON string, escaped as serde_json escapes it.
pub(super) fn push_str_escaped(out: &mut impl Sink, s: &str) {
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

pub(super) fn push_u64(out: &mut impl Sink, mut n: u64) {
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

pub(super) fn push_i64(out: &mut impl Sink, n: i64) {
    if n < 0 {
        out.put("-");
    }
    push_u64(out, n.unsigned_abs());
}

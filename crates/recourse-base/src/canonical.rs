//! Canonical JSON: the one text form of every answer, of the request an input digest is
//! taken over, and of the configuration an engine fingerprint is taken over.
//!
//! Compact (no spaces), object keys sorted by the bytes of their UTF-8 text, strings
//! escaped as `serde_json` escapes them (`\"`, `\\`, `\b`, `\f`, `\n`, `\r`, `\t`, other
//! control characters as `\u00xx`, all else as raw UTF-8). The bytes are exactly those of
//! `serde_json::to_value(x)?.to_string()`.
//!
//! One writer gives them: [`encode`], over the [`Encode`] trait, which the crates' types
//! derive with their keys put in order when they are compiled. The tests hold it to
//! `serde_json`'s output: here for strings, numbers, maps and arbitrary JSON values, and in
//! the core for every request and answer of every conformance vector.
//!
//! Floats are refused: no answer carries one (money is a decimal string, ratios are
//! strings, durations are integers), so a float reaching this writer is a defect that
//! must fail loudly rather than produce digits that differ between platforms.
//!
//! ```
//! use std::collections::BTreeMap;
//!
//! let counts = BTreeMap::from([("zeta".to_owned(), 1_u32), ("alpha".to_owned(), 2)]);
//! assert_eq!(recourse_payments_base::canonical::encode(&counts)?, r#"{"alpha":2,"zeta":1}"#);
//! let value = serde_json::json!({"b": [true, "a\nb"], "a": 1.5});
//! assert!(recourse_payments_base::canonical::encode(&value).is_err());
//! # Ok::<(), recourse_payments_base::canonical::FloatError>(())
//! ```

pub use self::encode::{decimal_text, push_decimal_text, push_integer_text};
pub use self::encode::{encode, encode_into, Encode, EncodeKey, Encoder, FloatError};
pub use recourse_payments_derive::Encode;

mod encode;
mod text;

use self::text::{push_i64, push_str_escaped, push_u64, Sink};

#[cfg(test)]
mod tests;

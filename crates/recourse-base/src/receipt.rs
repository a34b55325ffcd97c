//! Receipts: what every answer carries so that an agent can quote it, a merchant can submit
//! it as evidence and an auditor can replay it.
//!
//! A receipt names the operation, the library version, the engine's fingerprint, the digest
//! of the canonical input, `now` as given, and the steps taken. The same request gives the
//! same bytes on every platform: JSON objects are written with sorted keys and no floats.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;
use sha2::{Digest, Sha256};

/// The version of this library, as recorded in receipts.
pub const LIBRARY_VERSION: &str = env!("CARGO_PKG_VERSION");

/// The receipt of one answer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
pub struct Receipt {
    /// The operation that answered, such as `money.allocate`.
    pub operation: String,
    /// The library version that answered.
    pub library_version: String,
    /// The fingerprint of the engine's configuration (`sha256:` and 64 hex digits).
    pub engine_fingerprint: String,
    /// The digest of the request in canonical JSON (`sha256:` and 64 hex digits).
    pub input_digest: String,
    /// The `now` the request gave, if the operation takes one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub now: Option<String>,
    /// The steps taken, in order.
    pub trace: Vec<Step>,
}

/// One step of a decision: a stable step name and the arithmetic or rule it applied.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
pub struct Step {
    /// A stable name such as `allocate.remainder`.
    pub step: String,
    /// What was done, with the figures (never personal data).
    pub detail: String,
}

/// The steps an operation records while it works.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Trace {
    steps: Vec<Step>,
}

impl Trace {
    /// An empty trace.
    pub fn new() -> Self {
        Self::default()
    }

    /// Records a step.
    pub fn push(&mut self, step: &str, detail: impl Into<String>) {
        self.steps.push(Step {
            step: step.to_owned(),
            detail: detail.into(),
        });
    }

    /// The steps recorded so far.
    pub fn steps(&self) -> &[Step] {
        &self.steps
    }

    /// The steps recorded, for the receipt.
    pub fn into_steps(self) -> Vec<Step> {
        self.steps
    }
}

/// `sha256:` and the hex SHA-256 of `bytes`.
pub fn digest(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let hash = Sha256::digest(bytes);
    let mut text = *b"sha256:0000000000000000000000000000000000000000000000000000000000000000";
    for (pair, byte) in text
        .get_mut(7..)
        .unwrap_or_default()
        .chunks_mut(2)
        .zip(hash)
    {
        if let [high, low] = pair {
            *high = HEX.get(usize::from(byte >> 4)).copied().unwrap_or(b'0');
            *low = HEX.get(usize::from(byte & 0x0f)).copied().unwrap_or(b'0');
        }
    }
    String::from_utf8_lossy(&text).into_owned()
}

/// The canonical JSON of a value: compact, object keys sorted, no floats
/// (see [`crate::canonical`]).
///
/// # Errors
/// When the value cannot be written canonically: a float, a map key that is not a
/// string, a number beyond 64 bits.
pub fn canonical_json<T: crate::canonical::Encode + ?Sized>(
    value: &T,
) -> Result<String, crate::canonical::FloatError> {
    crate::canonical::encode(value)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn digest_is_sha256_hex() {
        assert_eq!(
            digest(b"abc"),
            "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn canonical_json_sorts_keys() {
        #[derive(Serialize, Encode)]
        struct Z {
            zeta: u8,
            alpha: u8,
        }
        assert_eq!(
            canonical_json(&Z { zeta: 1, alpha: 2 }).unwrap(),
            r#"{"alpha":2,"zeta":1}"#
        );
    }
}

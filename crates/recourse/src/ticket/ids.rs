//! The ids a desk names its categories and intake questions by: data, not a closed list.
//! An id is lowercase ASCII letters, digits and `_`, starting with a letter (at most 64
//! characters), so that it can stand in a path and never holds a customer's data.

use std::borrow::Cow;

use serde_json::Value;

use crate::decode::{At, Decode, DecodeError};

/// The longest id.
const MAX_ID: usize = 64;

/// Whether `text` is written as an id.
pub(crate) fn is_id(text: &str) -> bool {
    let mut chars = text.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && text.len() <= MAX_ID
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

fn not_an_id(at: &At<'_>) -> DecodeError {
    DecodeError::shape(
        at,
        "expected an id: lowercase letters, digits and `_`, starting with a letter, at most 64",
    )
}

/// Defines an id type: a string written as an id, serialized as the string.
macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(Cow<'static, str>);

        impl $name {
            /// A built-in id.
            pub(crate) const fn builtin(id: &'static str) -> Self {
                Self(Cow::Borrowed(id))
            }

            /// The id `text`, when it is written as one.
            pub fn new(text: &str) -> Option<Self> {
                is_id(text).then(|| Self(Cow::Owned(text.to_owned())))
            }

            /// The id as written.
            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(self.as_str())
            }
        }

        impl crate::canonical::Encode for $name {
            fn encode(&self, out: &mut crate::canonical::Encoder) {
                out.string(self.as_str());
            }
        }

        impl crate::canonical::EncodeKey for $name {
            fn key(&self) -> &str {
                self.as_str()
            }
        }

        impl Decode for $name {
            fn decode(value: &Value, at: &At<'_>) -> Result<Self, DecodeError> {
                match value {
                    Value::String(text) => Self::new(text).ok_or_else(|| not_an_id(at)),
                    other => Err(DecodeError::invalid_type(other, at, "an id")),
                }
            }

            fn from_key(key: &str, at: &At<'_>) -> Result<Self, DecodeError> {
                Self::new(key).ok_or_else(|| not_an_id(at))
            }

            #[cfg(feature = "direct-read")]
            fn read(reader: &mut crate::decode::Reader<'_>) -> Option<Self> {
                Self::new(reader.string()?)
            }
        }

        crate::decode::deserialize_through_decode!($name);

        impl schemars::JsonSchema for $name {
            fn schema_name() -> Cow<'static, str> {
                stringify!($name).into()
            }

            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                // No `pattern`: a map keyed by ids would be written with
                // `patternProperties`, which the TypeScript declarations do not read.
                schemars::json_schema!({
                    "type": "string",
                    "description": "An id: lowercase letters, digits and `_`, starting with a letter, at most 64 characters."
                })
            }
        }
    };
}

id_type! {
    /// The problem a ticket is about: one of the desk's categories
    /// (`tickets.categories`; the built-in payment categories when it lists none).
    Category
}

id_type! {
    /// An intake question, by its stable code: a built-in one or one of the desk's
    /// (`tickets.questions`).
    Question
}

/// The built-in categories: the classes of the built-in triage model and the categories of
/// a store that lists none of its own.
#[allow(non_upper_case_globals)]
impl Category {
    /// A payment did not go through.
    pub const PaymentFailed: Self = Self::builtin("payment_failed");
    /// The customer was charged more than once for one purchase.
    pub const ChargedTwice: Self = Self::builtin("charged_twice");
    /// The customer does not recognise a charge.
    pub const UnrecognizedCharge: Self = Self::builtin("unrecognized_charge");
    /// The customer asks where a refund is.
    pub const RefundStatus: Self = Self::builtin("refund_status");
    /// The customer asks for a refund.
    pub const RefundRequest: Self = Self::builtin("refund_request");
    /// A dispute or chargeback is open or threatened.
    pub const DisputeOrChargeback: Self = Self::builtin("dispute_or_chargeback");
    /// A subscription or its cancellation.
    pub const SubscriptionOrCancellation: Self = Self::builtin("subscription_or_cancellation");
    /// A Pix or boleto payment is still pending.
    pub const PixOrBoletoPending: Self = Self::builtin("pix_or_boleto_pending");
    /// A digital wallet (PayPal, Apple Pay, Google Pay) problem.
    pub const WalletIssue: Self = Self::builtin("wallet_issue");
    /// Anything else: every desk has it.
    pub const Other: Self = Self::builtin("other");
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_are_lowercase_words() {
        for good in ["other", "top_up_failed", "a1", &"a".repeat(64)] {
            assert!(is_id(good), "{good}");
        }
        for bad in [
            "",
            "Other",
            "1a",
            "_a",
            "a-b",
            "a b",
            "4111111111111111",
            &"a".repeat(65),
        ] {
            assert!(!is_id(bad), "{bad}");
        }
    }

    #[test]
    fn an_id_is_written_as_its_text() {
        let c = Category::new("top_up_failed");
        assert_eq!(
            crate::canonical::encode(&c).ok().as_deref(),
            Some("\"top_up_failed\"")
        );
        assert_eq!(Category::new("other"), Some(Category::Other));
    }
}

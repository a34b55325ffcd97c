//! One payment event as the host streams it in.

use schemars::JsonSchema;
use serde::Serialize;

use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::money::Money;
use crate::payment::PayMethod;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum EventKind {
    /// A successful charge (an authorization or a capture).
    Charge,
    /// A declined attempt.
    Decline,
    /// A refund.
    Refund,
    /// A failed refund.
    RefundFailure,
    /// An early fraud warning (Visa TC40, Mastercard SAFE).
    EarlyFraudWarning,
}

/// A payment event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentEvent {
    /// The processor's id.
    pub id: String,
    /// What happened.
    pub kind: EventKind,
    /// When.
    pub at: Timestamp,
    /// The amount.
    pub amount: Money,
    /// How it was paid.
    pub method: PayMethod,
    /// The card's fingerprint (never its number).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub card: Option<String>,
    /// The customer.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer: Option<String>,
    /// The store's order id.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub order: Option<String>,
    /// The order line, when one charge pays one line.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line: Option<String>,
    /// The idempotency key the charge was sent with.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub idempotency_key: Option<String>,
    /// A decline's or refund failure's code.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub code: Option<String>,
}

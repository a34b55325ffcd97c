//! Where the money is, shared by `payment.where_is_my_money` and its sentences: the stage
//! of a payment or refund and what the sentences need of it.

use schemars::JsonSchema;
use serde::Serialize;

use crate::calendar::Timestamp;
use crate::canonical::Encode;

/// Where the money is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// A card payment waits for the issuer's answer.
    AwaitingAuthorization,
    /// Authorized: the amount is held, to be captured before `expected_by`.
    Authorized,
    /// The authorization lapsed uncaptured: the hold is released.
    AuthorizationExpired,
    /// The card payment is captured: done.
    Captured,
    /// A Pix charge or boleto waits to be paid until `expected_by`.
    AwaitingPayment,
    /// A Pix charge or boleto passed its expiry unpaid.
    Expired,
    /// A boleto was paid; the bank confirms it between `expected_from` and `expected_by`.
    AwaitingConfirmation,
    /// Paid and confirmed: done.
    Paid,
    /// Cancelled.
    Cancelled,
    /// The payment failed.
    Failed,
    /// A refund is on its way: expected between `expected_from` and `expected_by`.
    RefundInTransit,
    /// The refund reached the customer.
    RefundCompleted,
    /// The refund failed after it was accepted: no money moved.
    RefundFailed,
    /// A Pix refund was asked for more than 90 days after the Pix: it cannot go back to the
    /// paying key.
    RefundWindowPassed,
}

/// What the sentences need of a place.
pub(crate) struct PlaceView {
    pub stage: Stage,
    pub from: Option<Timestamp>,
    pub by: Option<Timestamp>,
}

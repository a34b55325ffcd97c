//! The facts of a refund request: the order with its lines and payments, the refund ledger,
//! the request itself, the customer, and `now`.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

pub use super::policy::PaymentMethod;
use super::policy::{ItemCondition, Reason, Remedy, Standing};
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::money::Money;

/// The request of `refund.evaluate`.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct EvaluateRequest {
    /// The policy to apply (a name under `refund.policies`); the default one without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// The instant of the decision.
    pub now: Timestamp,
    /// The order.
    pub order: Order,
    /// Every refund already made or attempted on the order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ledger: Vec<LedgerEntry>,
    /// What the customer asks for.
    pub request: ReturnRequest,
    /// Who asks.
    #[serde(default)]
    pub customer: Customer,
}

/// The order as it was paid.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Order {
    /// The store's order id, if useful to the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The ISO 4217 code every amount of the order is in.
    pub currency: String,
    /// The sales channel (`web`, `app`, `store`, `marketplace`...).
    #[serde(default = "default_channel")]
    pub channel: String,
    /// The ISO 3166-1 alpha-2 code of the country the order is delivered to (`PT`), by
    /// which a policy's `applies_to.countries` chooses it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivery_country: Option<String>,
    /// The store's region the order was sold in (`eu`, `br`), as the configuration names
    /// them in `applies_to.regions`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub store_region: Option<String>,
    /// When the order was placed.
    pub purchased_at: Timestamp,
    /// When the customer received it; absent while it has not arrived.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub delivered_at: Option<Timestamp>,
    /// The lines.
    pub lines: Vec<OrderLine>,
    /// Order-level discount (a coupon), prorated to the lines by their net price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Money>,
    /// Outbound shipping charged, taxes included.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping: Option<Money>,
    /// The payments captured for the order.
    pub payments: Vec<Payment>,
}

fn default_channel() -> String {
    "web".to_owned()
}

/// One line of the order.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct OrderLine {
    /// The line's id, unique in the order.
    pub id: String,
    /// The product category, as the policy names it.
    pub category: String,
    /// Units purchased, 1 to 1,000,000.
    pub quantity: u32,
    /// The price of one unit before discounts, at most 10^15 minor units (see the
    /// [limits](crate::refund#limits)).
    pub unit_price: Money,
    /// The discount on the whole line (not per unit).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discount: Option<Money>,
    /// The tax collected on the whole line, on top of the price.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tax: Option<Money>,
    /// Sold as final sale.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub final_sale: bool,
    /// A digital good.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub digital: bool,
    /// The digital good has been downloaded.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub downloaded: bool,
}

/// One captured payment.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Payment {
    /// The payment's id, unique in the order.
    pub id: String,
    /// How it was paid.
    pub method: PaymentMethod,
    /// For a wallet: the method funding it (a card, Pix...).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<PaymentMethod>,
    /// The amount captured.
    pub captured: Money,
    /// When it was captured.
    pub captured_at: Timestamp,
}

/// The state of a refund in the ledger.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum LedgerStatus {
    /// Paid out.
    Succeeded,
    /// Sent, not yet settled: counts as used.
    Pending,
    /// Failed: does not count.
    Failed,
}

/// One refund already made or attempted.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LedgerEntry {
    /// The refund's id, if useful to the host.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The payment refunded.
    pub payment_id: String,
    /// The line it refunded, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub line_id: Option<String>,
    /// The units of that line it refunded, where known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quantity: Option<u32>,
    /// The amount.
    pub amount: Money,
    /// Its state.
    pub status: LedgerStatus,
}

/// What the customer asks for.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct ReturnRequest {
    /// Why.
    pub reason: Reason,
    /// The state of the items, when known (a line may say otherwise).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<ItemCondition>,
    /// The lines and units asked for (none for a duplicate charge).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub lines: Vec<RequestLine>,
    /// The remedy the customer prefers.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preferred_remedy: Option<Remedy>,
    /// For a duplicate charge: the payment that duplicates another.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
}

/// One line of the request.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RequestLine {
    /// The order line.
    pub line_id: String,
    /// Units asked for.
    pub quantity: u32,
    /// Units actually received back, when known; only those are refunded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub received: Option<u32>,
    /// The state of these units, when it differs from the request's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<ItemCondition>,
}

/// Who asks.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
#[non_exhaustive]
pub struct Customer {
    /// The name to address them by in sentences.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    /// Their standing with the store.
    #[serde(default = "default_standing")]
    pub standing: Standing,
    /// When their previous refunds were made (for "frequent recent refunds").
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub previous_refunds: Vec<Timestamp>,
    /// Risk flags raised by the host (any flag sends the case to review when the policy
    /// says so).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub risk_flags: Vec<String>,
}

fn default_standing() -> Standing {
    Standing::Good
}

impl Default for Customer {
    fn default() -> Self {
        Self {
            name: None,
            standing: Standing::Good,
            previous_refunds: Vec::new(),
            risk_flags: Vec::new(),
        }
    }
}

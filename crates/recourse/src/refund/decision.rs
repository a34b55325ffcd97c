//! The decision `refund.evaluate` returns: outcome, exact amounts with their breakdown,
//! the remedy and its alternatives, where the money goes and when, and the reasons, each
//! citing the rule that produced it and rendered as a sentence for the customer.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::case::PaymentMethod;
use super::policy::{Reason, Remedy};
use crate::comms::Locale;
use crate::money::Money;
use crate::receipt::Trace;

/// The response of `refund.evaluate`.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct EvaluateResponse {
    /// The policy applied.
    pub policy: String,
    /// The verdict.
    pub outcome: Outcome,
    /// The reason of the request, as given.
    pub reason: Reason,
    /// The language of the sentences.
    pub locale: Locale,
    /// Per line asked for, sorted by line id.
    pub lines: Vec<LineDecision>,
    /// The sum of the lines' breakdowns (plus a duplicate charge, when that is the case).
    pub breakdown: Breakdown,
    /// What is refunded: `breakdown.total`.
    pub total: Money,
    /// The remedy decided.
    pub remedy: RemedyOffer,
    /// The other remedies the policy offers, in its order of preference.
    pub alternatives: Vec<RemedyOffer>,
    /// Where the refund goes, per payment, and when it arrives (empty unless the remedy
    /// is a refund).
    pub payments: Vec<PaymentRefund>,
    /// Why, in order: each with a stable code, the rule it comes from and a sentence.
    pub reasons: Vec<RefundReason>,
    /// The refunded total (succeeded + pending) the decision assumed: commit only if the
    /// ledger still holds this total (compare-and-swap).
    pub ledger_total_assumed: Money,
}

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Everything asked for is granted.
    Approve,
    /// Part of what was asked for is granted.
    Partial,
    /// Nothing is granted.
    Deny,
    /// A person decides; the amounts are what the policy would grant.
    ManualReview,
}

/// The decision on one line.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct LineDecision {
    /// The order line.
    pub line_id: String,
    /// Whether the policy accepts the return of this line.
    pub eligible: bool,
    /// Units asked for.
    pub quantity_requested: u32,
    /// Units refunded (received back, not refunded before).
    pub quantity_refunded: u32,
    /// The last day of the return window (`YYYY-MM-DD`, in the policy's time zone), when
    /// a window applies and has started.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub deadline: Option<String>,
    /// The amounts.
    pub breakdown: Breakdown,
}

/// Amounts: `total = item - discount + tax + shipping - restocking_fee -
/// return_shipping_fee - capped`, exactly.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Breakdown {
    /// The list price of the units refunded (or the duplicate charge).
    pub item: Money,
    /// Their share of line and order discounts.
    pub discount: Money,
    /// Their tax, at the rate originally collected.
    pub tax: Money,
    /// Their share of the original shipping, when refunded.
    pub shipping: Money,
    /// Restocking fee kept.
    pub restocking_fee: Money,
    /// Return shipping charged to the customer.
    pub return_shipping_fee: Money,
    /// Withheld because the ledger shows it was already refunded or captured less.
    pub capped: Money,
    /// What is refunded.
    pub total: Money,
}

impl Breakdown {
    /// All zero in the currency of `zero`.
    pub(crate) fn zero(zero: Money) -> Self {
        Self {
            item: zero,
            discount: zero,
            tax: zero,
            shipping: zero,
            restocking_fee: zero,
            return_shipping_fee: zero,
            capped: zero,
            total: zero,
        }
    }
}

/// A remedy with its value.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct RemedyOffer {
    /// Which remedy.
    pub kind: Remedy,
    /// The money it is worth to the customer (refund or store credit); none for an
    /// exchange, a replacement or a repair.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// The store-credit bonus, as a percentage decimal string.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub bonus_percent: Option<String>,
}

/// The part of the refund going back to one payment.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct PaymentRefund {
    /// The payment.
    pub payment_id: String,
    /// How it was paid.
    pub method: PaymentMethod,
    /// The amount going back to it.
    pub amount: Money,
    /// Where the money goes.
    pub destination: Destination,
    /// When it arrives.
    pub timing: Timing,
}

/// Where refunded money goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Destination {
    /// Back to the card charged.
    OriginalCard,
    /// Back to the Pix key that paid (devolução).
    OriginalPixKey,
    /// To a bank account or Pix key the customer must give (boleto; Pix too old).
    CustomerBankDetails,
    /// Back through the wallet to its funding source.
    WalletFundingSource,
    /// Back to the account that sent the transfer.
    OriginalBankAccount,
    /// Back onto the gift card.
    GiftCard,
    /// Back as store credit.
    StoreCredit,
}

/// When refunded money arrives, in business days after it is sent (0 and 0: instant).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Timing {
    /// At the earliest.
    pub min_business_days: u32,
    /// At the latest.
    pub max_business_days: u32,
    /// Whether the customer must first give bank details.
    pub needs_bank_details: bool,
}

/// One reason of a decision.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct RefundReason {
    /// The stable code.
    pub code: ReasonCode,
    /// The id of the rule (or built-in guarantee, `recourse.*`) that produced it.
    pub rule: String,
    /// The line it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub line_id: Option<String>,
    /// The payment it concerns, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub payment_id: Option<String>,
    /// A sentence an agent can send as it is, in the decision's locale.
    pub message: String,
}

macro_rules! reason_codes {
    ($($(#[$m:meta])* $variant:ident = $code:literal),+ $(,)?) => {
        /// The stable code of a reason.
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
        pub enum ReasonCode {
            $($(#[$m])* #[serde(rename = $code)] $variant),+
        }

        impl ReasonCode {
            /// The stable code text, such as `refund.window_expired` (its `as_str`).
            pub fn code(self) -> &'static str {
                self.as_str()
            }
        }
    };
}

reason_codes! {
    /// Asked within the return window.
    WithinWindow = "refund.within_window",
    /// The return window has closed.
    WindowExpired = "refund.window_expired",
    /// No rule of the policy gives this item a return window.
    NoWindow = "refund.no_window",
    /// Sold as final sale.
    FinalSale = "refund.final_sale",
    /// Not returnable.
    NonReturnable = "refund.non_returnable",
    /// A digital good already downloaded.
    DigitalDownloaded = "refund.digital_downloaded",
    /// The item's condition is not accepted.
    ConditionNotAccepted = "refund.condition_not_accepted",
    /// The reason is not accepted for this item.
    ReasonNotAccepted = "refund.reason_not_accepted",
    /// Fewer units came back than were asked for.
    NotReceivedBack = "refund.not_received_back",
    /// Everything was already refunded.
    AlreadyRefunded = "refund.already_refunded",
    /// Reduced to what the ledger leaves refundable.
    CappedByLedger = "refund.capped_by_ledger",
    /// A restocking fee is kept.
    RestockingFee = "refund.restocking_fee",
    /// Return shipping is charged.
    ReturnShippingFee = "refund.return_shipping_fee",
    /// No fee, because the merchant is at fault.
    FeesWaivedMerchantFault = "refund.fees_waived_merchant_fault",
    /// The original shipping is refunded.
    ShippingRefunded = "refund.shipping_refunded",
    /// A duplicate charge is refunded in full.
    DuplicateCharge = "refund.duplicate_charge",
    /// Approved automatically.
    AutoApproved = "refund.auto_approved",
    /// Above the automatic-approval amount.
    ReviewAmount = "refund.review_amount",
    /// The customer's standing needs a person.
    ReviewStanding = "refund.review_standing",
    /// Frequent recent refunds.
    ReviewFrequentRefunds = "refund.review_frequent_refunds",
    /// A risk flag.
    ReviewRiskFlag = "refund.review_risk_flag",
    /// A policy rule asks for review.
    ReviewRule = "refund.review_rule",
    /// The remedy decided.
    Remedy = "refund.remedy",
    /// The preferred remedy is not offered here.
    RemedyNotOffered = "refund.remedy_not_offered",
    /// Store credit offered instead of a refund.
    StoreCreditOffer = "refund.store_credit_offer",
    /// Card refund timing.
    TimingCard = "refund.timing_card",
    /// Pix refund timing.
    TimingPix = "refund.timing_pix",
    /// Bank details needed (boleto, or a Pix too old to return).
    TimingBankDetails = "refund.timing_bank_details",
    /// Wallet refund timing.
    TimingWallet = "refund.timing_wallet",
    /// Bank transfer refund timing.
    TimingBankTransfer = "refund.timing_bank_transfer",
    /// Gift card or store credit restored at once.
    TimingInstant = "refund.timing_instant",
}

/// Records the decision's arithmetic in the receipt's trace.
pub(crate) fn explain(response: &EvaluateResponse, trace: &mut Trace) {
    for line in &response.lines {
        let b = &line.breakdown;
        trace.push(
            "refund.line",
            format!(
                "line {}: {} of {} units; item {} - discount {} + tax {} + shipping {} - restocking fee {} - return shipping {} - capped {} = {}",
                line.line_id,
                line.quantity_refunded,
                line.quantity_requested,
                b.item,
                b.discount,
                b.tax,
                b.shipping,
                b.restocking_fee,
                b.return_shipping_fee,
                b.capped,
                b.total
            ),
        );
    }
    for p in &response.payments {
        trace.push(
            "refund.payment",
            format!(
                "{} to payment {} ({})",
                p.amount,
                p.payment_id,
                p.method.as_str()
            ),
        );
    }
    for r in &response.reasons {
        trace.push(r.code.code(), format!("rule {}", r.rule));
    }
    trace.push(
        "refund.ledger",
        format!(
            "ledger total assumed {}; outcome {}, total {}",
            response.ledger_total_assumed,
            response.outcome.as_str(),
            response.total
        ),
    );
}

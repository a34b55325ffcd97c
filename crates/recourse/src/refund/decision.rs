//! The decision `refund.evaluate` returns: outcome, exact amounts with their breakdown,
//! the remedy and its alternatives, where the money goes and when, and the reasons, each
//! citing the rule that produced it and rendered as a sentence for the customer.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::{push_integer_text, Encode};
use crate::decode::Decode;

use super::case::PaymentMethod;
use super::policy::{Reason, Remedy};
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::money::Money;
use crate::receipt::Trace;

/// The response of `refund.evaluate`.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
#[non_exhaustive]
pub struct EvaluateResponse {
    /// The policy applied.
    pub policy: String,
    /// The verdict.
    pub outcome: Outcome,
    /// The reason of the request, as given.
    pub reason: Reason,
    /// The language of the sentences.
    pub locale: Locale,
    /// The one sentence that names the customer, when their name is known: the host
    /// places it first; the reasons' sentences never name them and read in any order.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub greeting: Option<String>,
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
    /// By when the merchant must send the refund, when the policy sets a deadline and
    /// money is refunded.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub refund_by: Option<RefundBy>,
    /// Why, in order: each with a stable code, the rule it comes from and a sentence.
    pub reasons: Vec<RefundReason>,
    /// The refunded total (succeeded + pending) the decision assumed: commit only if the
    /// ledger still holds this total (compare-and-swap).
    pub ledger_total_assumed: Money,
}

/// The merchant's deadline to send a refund.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct RefundBy {
    /// The latest instant to send it, in the policy's time zone: `now` when the law says
    /// immediately, otherwise the end of the last day.
    pub at: Timestamp,
    /// The id of the policy's `refund_deadline`.
    pub rule: String,
    /// The legal source it comes from.
    pub source: String,
    /// Whether the refund may wait until the goods are back or proof of sending is given,
    /// whichever is first.
    pub may_withhold_until_goods_back: bool,
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

/// The stable code of a reason, such as `refund.window_expired` (its `as_str`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
pub enum ReasonCode {
    /// Asked within the return window.
    #[serde(rename = "refund.within_window")]
    WithinWindow,
    /// The return window has closed.
    #[serde(rename = "refund.window_expired")]
    WindowExpired,
    /// No rule of the policy gives this item a return window.
    #[serde(rename = "refund.no_window")]
    NoWindow,
    /// Sold as final sale.
    #[serde(rename = "refund.final_sale")]
    FinalSale,
    /// Not returnable.
    #[serde(rename = "refund.non_returnable")]
    NonReturnable,
    /// A digital good already downloaded.
    #[serde(rename = "refund.digital_downloaded")]
    DigitalDownloaded,
    /// The item's condition is not accepted.
    #[serde(rename = "refund.condition_not_accepted")]
    ConditionNotAccepted,
    /// The reason is not accepted for this item.
    #[serde(rename = "refund.reason_not_accepted")]
    ReasonNotAccepted,
    /// Fewer units came back than were asked for.
    #[serde(rename = "refund.not_received_back")]
    NotReceivedBack,
    /// Everything was already refunded.
    #[serde(rename = "refund.already_refunded")]
    AlreadyRefunded,
    /// Reduced to what the ledger leaves refundable.
    #[serde(rename = "refund.capped_by_ledger")]
    CappedByLedger,
    /// A restocking fee is kept.
    #[serde(rename = "refund.restocking_fee")]
    RestockingFee,
    /// Return shipping is charged.
    #[serde(rename = "refund.return_shipping_fee")]
    ReturnShippingFee,
    /// No fee, because the merchant is at fault.
    #[serde(rename = "refund.fees_waived_merchant_fault")]
    FeesWaivedMerchantFault,
    /// The original shipping is refunded.
    #[serde(rename = "refund.shipping_refunded")]
    ShippingRefunded,
    /// A duplicate charge is refunded in full.
    #[serde(rename = "refund.duplicate_charge")]
    DuplicateCharge,
    /// Approved automatically.
    #[serde(rename = "refund.auto_approved")]
    AutoApproved,
    /// Above the automatic-approval amount.
    #[serde(rename = "refund.review_amount")]
    ReviewAmount,
    /// The customer's standing needs a person.
    #[serde(rename = "refund.review_standing")]
    ReviewStanding,
    /// Frequent recent refunds.
    #[serde(rename = "refund.review_frequent_refunds")]
    ReviewFrequentRefunds,
    /// A risk flag.
    #[serde(rename = "refund.review_risk_flag")]
    ReviewRiskFlag,
    /// A policy rule asks for review.
    #[serde(rename = "refund.review_rule")]
    ReviewRule,
    /// The remedy decided.
    #[serde(rename = "refund.remedy")]
    Remedy,
    /// The preferred remedy is not offered here.
    #[serde(rename = "refund.remedy_not_offered")]
    RemedyNotOffered,
    /// Store credit offered instead of a refund.
    #[serde(rename = "refund.store_credit_offer")]
    StoreCreditOffer,
    /// Card refund timing.
    #[serde(rename = "refund.timing_card")]
    TimingCard,
    /// Pix refund timing.
    #[serde(rename = "refund.timing_pix")]
    TimingPix,
    /// Bank details needed (boleto, or a Pix too old to return).
    #[serde(rename = "refund.timing_bank_details")]
    TimingBankDetails,
    /// Wallet refund timing.
    #[serde(rename = "refund.timing_wallet")]
    TimingWallet,
    /// Bank transfer refund timing.
    #[serde(rename = "refund.timing_bank_transfer")]
    TimingBankTransfer,
    /// By when the merchant sends the refund, and whether it may wait for the goods.
    #[serde(rename = "refund.refund_by")]
    RefundBy,
    /// Gift card or store credit restored at once.
    #[serde(rename = "refund.timing_instant")]
    TimingInstant,
}

impl ReasonCode {
    /// The stable code text, such as `refund.window_expired` (its `as_str`).
    pub fn code(self) -> &'static str {
        self.as_str()
    }
}

/// One reason as a receipt line: what was found, by which rule, about what. Two reasons
/// of one rule (a duplicate charge and the remedy it leads to; the window of two lines)
/// read as two different lines.
fn reason_detail(r: &RefundReason) -> String {
    let mut detail = String::with_capacity(64);
    detail.push_str(r.code.code());
    detail.push_str(" by rule ");
    detail.push_str(&r.rule);
    if let Some(line) = &r.line_id {
        detail.push_str(", line ");
        detail.push_str(line);
    }
    if let Some(payment) = &r.payment_id {
        detail.push_str(", payment ");
        detail.push_str(payment);
    }
    detail
}

/// Records the decision's arithmetic in the receipt's trace. The details are written
/// piece by piece (amounts by [`Money::push_text`]), with the bytes `format!` would give.
pub(crate) fn explain(response: &EvaluateResponse, trace: &mut Trace) {
    for line in &response.lines {
        trace.push("refund.line", line_detail(line));
    }
    for p in &response.payments {
        let mut detail = String::with_capacity(64);
        p.amount.push_text(&mut detail);
        detail.push_str(" to payment ");
        detail.push_str(&p.payment_id);
        detail.push_str(" (");
        detail.push_str(p.method.as_str());
        detail.push(')');
        trace.push("refund.payment", detail);
    }
    for r in &response.reasons {
        trace.push(r.code.code(), reason_detail(r));
    }
    let mut detail = String::with_capacity(96);
    detail.push_str("ledger total assumed ");
    response.ledger_total_assumed.push_text(&mut detail);
    detail.push_str("; outcome ");
    detail.push_str(response.outcome.as_str());
    detail.push_str(", total ");
    response.total.push_text(&mut detail);
    trace.push("refund.ledger", detail);
}

/// One line's arithmetic: `line L: R of Q units; item .. - discount .. + tax .. + shipping
/// .. - restocking fee .. - return shipping .. - capped .. = total`.
fn line_detail(line: &LineDecision) -> String {
    let b = &line.breakdown;
    let mut detail = String::with_capacity(256);
    detail.push_str("line ");
    detail.push_str(&line.line_id);
    detail.push_str(": ");
    push_integer_text(&mut detail, u64::from(line.quantity_refunded));
    detail.push_str(" of ");
    push_integer_text(&mut detail, u64::from(line.quantity_requested));
    let terms = [
        (" units; item ", &b.item),
        (" - discount ", &b.discount),
        (" + tax ", &b.tax),
        (" + shipping ", &b.shipping),
        (" - restocking fee ", &b.restocking_fee),
        (" - return shipping ", &b.return_shipping_fee),
        (" - capped ", &b.capped),
        (" = ", &b.total),
    ];
    for (label, amount) in terms {
        detail.push_str(label);
        amount.push_text(&mut detail);
    }
    detail
}

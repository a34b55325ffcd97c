//! Refunds: a merchant's refund and returns policy as data, and `refund.evaluate`, which
//! decides a request exactly, explains itself, and never pays out a cent too much.
//!
//! - [`policy`]: the policy as written (TOML or JSON under `refund.policies.<name>`);
//! - `compile`: policies checked and compiled once, when the engine is built;
//! - [`case`]: the facts of a request (order, payments, refund ledger, customer, `now`), and
//!   `builders`: their constructors (`Order::new(..).line(..).payment(..)`);
//! - `eligibility`: the decision table and the return windows;
//! - `amounts`: what is owed, to the minor unit (proration, per-unit allocation, caps);
//! - `remedy`: refund, store credit, exchange, replacement, repair;
//! - `timing`: where the money goes and when it arrives, per payment method;
//! - `messages`: every reason as a sentence in en, pt-BR, es and el;
//! - [`decision`]: the answer;
//! - `check`: `refund.check`, static analysis of a policy (unreachable rules,
//!   contradictions, uncovered cases);
//! - `disclose`: `refund.disclose`, the policy's customer-facing text in four languages;
//! - `simulate`: `refund.simulate`, a policy over a batch of past cases, in totals.
//!
//! # Limits
//!
//! Every figure of a decision is exact to the minor unit for any request within these
//! limits; a request past them is refused at the field that passes them, never answered
//! approximately:
//! - an amount (a unit price, a discount, a tax, the shipping, a capture, a ledger entry):
//!   at most 10^15 minor units, 10,000,000,000,000.00 at two decimals (`money.overflow` at
//!   the amount);
//! - a quantity, of an order line or a request line: 1 to 1,000,000
//!   (`refund.invalid_quantity` at the quantity);
//! - the order's lines together, quantity × unit price plus tax summed: at most 10^28 minor
//!   units (`money.overflow` at `order.lines[i]`, the line that takes the order past it),
//!   which only an order of more than ten million lines reaches.
//!
//! Within them a line costs at most 10^21 minor units, every sum fits, and the splits of
//! order-sized amounts by order-sized weights (the return shipping fee over the lines, the
//! lines held to what the payments captured, the refund routed to the payments) take their
//! products in 256 bits.
//!
//! A duplicate charge, typed: the request's constructors take what a host always has and
//! leave every optional field empty (the same request as JSON goes through
//! [`Engine::call_json`](crate::Engine::call_json) with the name `refund.evaluate`).
//!
//! ```
//! use recourse_payments::prelude::*;
//!
//! let brl = |amount| Money::parse(amount, "BRL");
//! let at = Timestamp::parse;
//! let order = Order::new("BRL", at("2026-03-01T10:00:00-03:00")?)
//!     .delivered_at(at("2026-03-04T15:00:00-03:00")?)
//!     .line(OrderLine::new("l1", "apparel", 1, brl("100.00")?))
//!     .payment(Payment::new("p1", PaymentMethod::Card, brl("100.00")?, at("2026-03-01T10:00:00-03:00")?))
//!     .payment(Payment::new("p2", PaymentMethod::Card, brl("100.00")?, at("2026-03-01T10:00:05-03:00")?));
//! let request = EvaluateRequest::new(
//!     at("2026-03-10T12:00:00-03:00")?,
//!     order,
//!     ReturnRequest::new(Reason::DuplicateCharge).duplicate_payment("p2"),
//! );
//! let decision = Engine::default_store()?.call::<Evaluate>(&request)?.response;
//! assert_eq!(decision.outcome, Outcome::Approve);
//! assert_eq!(decision.total, brl("100.00")?);
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod amounts;
mod builders;
pub mod case;
mod check;
mod compile;
pub mod decision;
mod disclose;
mod effects;
mod eligibility;
mod evaluate;
mod messages;
pub mod policy;
mod remedy;
mod simulate;
mod timing;

/// What policies do with a closed set of names beyond the `ALL` and `as_str` their
/// `#[derive(Encode)]` gives: read a name, hold a value as one bit of a set, and list the
/// names in a message.
macro_rules! name_sets {
    ($($name:ty),+ $(,)?) => {$(
        #[allow(dead_code)]
        impl $name {
            /// The value of a name, if it is one.
            pub fn from_name(name: &str) -> Option<Self> {
                Self::ALL.iter().copied().find(|v| v.as_str() == name)
            }

            /// This value as one bit of a set.
            pub(crate) fn bit(self) -> u32 {
                1 << (self as u32)
            }

            /// The names, for error messages.
            pub(crate) fn names() -> String {
                Self::ALL.iter().map(|v| format!("`{}`", v.as_str())).collect::<Vec<_>>().join(", ")
            }
        }
    )+};
}

name_sets!(
    case::PaymentMethod,
    case::LedgerStatus,
    policy::Reason,
    policy::ItemCondition,
    policy::Standing,
    policy::Remedy,
    policy::DenyReason,
    policy::WindowStart,
    policy::Payer,
    disclose::SectionKind,
);

pub use case::{
    Customer, EvaluateRequest, LedgerEntry, LedgerStatus, Order, OrderLine, Payment, PaymentMethod,
    RequestLine, ReturnRequest,
};
pub use check::{
    check, CaseExample, Check, CheckRequest, CheckResponse, Finding, FindingCode, PolicyReport,
    Severity,
};
pub use compile::{CompiledPolicy, Policies};
pub use decision::{
    Breakdown, Destination, EvaluateResponse, LineDecision, Outcome, PaymentRefund, ReasonCode,
    RefundReason, RemedyOffer, Timing,
};
pub use disclose::{
    disclose, Clause, Disclose, DiscloseRequest, DiscloseResponse, DisclosedWindow, Scope, Section,
    SectionKind,
};
pub use evaluate::evaluate;
pub use policy::{ItemCondition, Policy, Reason, RefundConfig, Remedy, Standing, Vocabulary};
pub use simulate::{
    explain as explain_simulation, simulate, CaseError, ErrorTotals, MoneyTotals, Outcomes,
    ReasonTotals, RuleTotals, Simulate, SimulateRequest, SimulateResponse, Simulation, Totals,
};

use crate::ops::Context;
use crate::ops::Operation;
use crate::receipt::Trace;
use crate::Error;

/// Errors of refund requests: facts that contradict each other or name what does not exist.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum RefundError {
    /// The request names a policy the engine does not have.
    #[error("unknown refund policy; the engine configuration lists them under refund.policies")]
    UnknownPolicy,
    /// The engine has no refund policy at all.
    #[error("the engine has no refund policy; add one under refund.policies")]
    NoPolicy,
    /// The request names no policy, policies declare the orders they apply to, and none
    /// applies to this order.
    #[error(
        "no refund policy applies to {order}; name one in policy or widen a policy's applies_to"
    )]
    NoMatchingPolicy {
        /// The order's facts a policy is chosen by (currency, channel, country, region).
        order: String,
    },
    /// The request names no policy and more than one policy applies to the order.
    #[error("more than one refund policy ({policies}) applies to {order}; name one in policy or narrow their applies_to")]
    AmbiguousPolicy {
        /// The order's facts a policy is chosen by (currency, channel, country, region).
        order: String,
        /// The names of the policies that apply, comma-separated.
        policies: String,
    },
    /// A request line names a line that is not in the order.
    #[error("the line is not in the order")]
    UnknownLine,
    /// A line id appears twice.
    #[error("the line id appears more than once")]
    DuplicateLine,
    /// A payment id is not among the order's payments.
    #[error("the payment is not among the order's payments")]
    UnknownPayment,
    /// A payment id appears twice.
    #[error("the payment id appears more than once")]
    DuplicatePayment,
    /// More units are requested (or counted as received) than were purchased and not yet
    /// refunded.
    #[error("the quantity exceeds what was purchased and not yet refunded")]
    QuantityExceedsPurchased,
    /// A quantity is zero, or too large to be real.
    #[error("expected a quantity from 1 to 1000000")]
    InvalidQuantity,
    /// The request names no line, and is not about a duplicate charge.
    #[error("the request names no line to refund")]
    NoLines,
    /// A duplicate-charge request must name the duplicate payment.
    #[error("a duplicate-charge request must name the duplicate payment in payment_id")]
    PaymentRequired,
    /// Instants out of order: delivery before purchase, or `now` before purchase.
    #[error("the instants are out of order (purchase, delivery, now)")]
    InvalidTimeline,
    /// An amount that cannot be negative is negative.
    #[error("the amount cannot be negative")]
    NegativeAmount,
    /// Discounts larger than the prices they apply to.
    #[error("the discount is larger than the price it applies to")]
    DiscountExceedsPrice,
    /// An order line names a product category outside the policy's vocabulary.
    #[error("the category is not in the policy's vocabulary (refund.vocabulary.categories)")]
    UnknownCategory,
    /// The order names a sales channel outside the policy's vocabulary.
    #[error("the channel is not in the policy's vocabulary (refund.vocabulary.channels)")]
    UnknownChannel,
    /// The ledger records more refunded than was captured (per payment or per line).
    #[error("the ledger records more refunded than was captured")]
    LedgerExceedsCaptured,
}

impl crate::error::AreaError for RefundError {
    fn code(&self) -> &'static str {
        RefundError::code(self)
    }
}

impl RefundError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownPolicy => "refund.unknown_policy",
            Self::NoPolicy => "refund.no_policy",
            Self::NoMatchingPolicy { .. } => "refund.no_matching_policy",
            Self::AmbiguousPolicy { .. } => "refund.ambiguous_policy",
            Self::UnknownLine => "refund.unknown_line",
            Self::DuplicateLine => "refund.duplicate_line",
            Self::UnknownPayment => "refund.unknown_payment",
            Self::DuplicatePayment => "refund.duplicate_payment",
            Self::QuantityExceedsPurchased => "refund.quantity_exceeds_purchased",
            Self::InvalidQuantity => "refund.invalid_quantity",
            Self::NoLines => "refund.no_lines",
            Self::PaymentRequired => "refund.payment_required",
            Self::InvalidTimeline => "refund.invalid_timeline",
            Self::NegativeAmount => "refund.negative_amount",
            Self::DiscountExceedsPrice => "refund.discount_exceeds_price",
            Self::LedgerExceedsCaptured => "refund.ledger_exceeds_captured",
            Self::UnknownCategory => "refund.unknown_category",
            Self::UnknownChannel => "refund.unknown_channel",
        }
    }
}

/// The refund capability: policies, `refund.evaluate`, `check`, `disclose` and `simulate`.
#[derive(Debug)]
pub struct RefundCapability {
    /// The `refund` section as written.
    pub config: RefundConfig,
    policies: Policies,
}

impl crate::ops::Capability for RefundCapability {
    type Config = RefundConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<Evaluate>(),
        crate::ops::OperationInfo::of::<Check>(),
        crate::ops::OperationInfo::of::<Disclose>(),
        crate::ops::OperationInfo::of::<Simulate>(),
    ];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        Self {
            config: config.clone(),
            policies: compile::compile(config, &services.calendars, problems),
        }
    }
}

impl RefundCapability {
    /// The compiled policies.
    pub fn policies(&self) -> &Policies {
        &self.policies
    }
}

/// `refund.evaluate`: decide a refund request under a policy, exactly, with reasons.
pub struct Evaluate;

impl Operation for Evaluate {
    const NAME: &'static str = "refund.evaluate";
    const SUMMARY: &'static str =
        "Decide a refund or return request under a policy: outcome, exact amounts, remedy, timing, reasons";
    type Capability = RefundCapability;
    type Request = EvaluateRequest;
    type Response = EvaluateResponse;

    fn run(
        cx: &Context<'_, RefundCapability>,
        request: &EvaluateRequest,
        trace: &mut Trace,
    ) -> Result<EvaluateResponse, Error> {
        let (response, why) = evaluate::evaluate_chosen(cx, request)?;
        if let Some(why) = why {
            trace.push("refund.policy", why);
        }
        decision::explain(&response, trace);
        Ok(response)
    }

    fn now(request: &EvaluateRequest) -> Option<&crate::calendar::Timestamp> {
        Some(&request.now)
    }
}

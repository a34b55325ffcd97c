//! Compensation and goodwill: fair offers by severity, fault and customer value, under
//! caps, budgets, anti-abuse limits and approval tiers.
//!
//! - `compensation.offer`: the offer for one incident (or none, with why), its
//!   alternatives, who must approve it, the window and budget totals it assumed, and
//!   reasons citing the scheme's rule ids with sentences for the agent and the customer.
//! - `compensation.check`: a scheme's static analysis: tiers that overlap, leave gaps, end
//!   or can never apply, value rules that never decide, offers without a cap, bonuses and
//!   floors above the caps.
//! - `compensation.simulate`: a scheme over a batch of past incidents, folded one at a
//!   time into costs per period, kind and tier, with review and approval counts; a second
//!   scheme side by side.
//!
//! An SLA breach (a metric of `sla.status`) and a late refund become incidents as they
//! are ([`incident`]). Schemes are data in the `compensation` section, each with its
//! source and its currency; every amount is exact in the currency's minor units.
//!
//! ```
//! use recourse_payments::Engine;
//! let engine = Engine::default_store()?;
//! let answer = engine.call_json("compensation.offer", br#"{
//!     "incident": {"kind": "duplicate_charge", "severity": "120.00", "fault": "merchant",
//!                  "order_value": {"amount": "120.00", "currency": "BRL"}},
//!     "customer": {"name": "Ana"},
//!     "budget_spent": {"amount": "0.00", "currency": "BRL"},
//!     "caller": "agent", "now": "2026-12-06T12:00:00-03:00", "locale": "en"}"#)?;
//! assert!(answer.contains(r#""outcome":"offer""#));
//! # Ok::<(), recourse_payments::Error>(())
//! ```

mod check;
mod config;
pub mod incident;
mod messages;
mod offer;
mod simulate;

pub use check::{check, Check, CheckRequest, CheckResponse, Finding, FindingCode, SchemeReport};
pub use config::{
    AbusePattern, AbuseRule, Approval as ApprovalLimits, Budget, BudgetPeriod, CompensationConfig,
    Fault, FaultRules, IncidentCap, KindRule, Limits, Measure, OfferKind, OfferSpec, PeriodCap,
    Role, Scheme, Tier, ValueRule,
};
pub use incident::{kind_and_severity, Incident, LateRefund, SlaMetric};
pub use messages::CompensationReason;
pub use offer::{
    offer, Approval, Assumed, Customer, HistoryEntry, Offer, OfferOp, OfferRequest, OfferResponse,
    Outcome, Window,
};
pub use simulate::{
    simulate, Bucket, Simulate, SimulateRequest, SimulateResponse, Simulation, Totals,
};

/// Errors of the compensation operations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CompensationError {
    /// The configuration has no scheme and the request names none.
    #[error("no compensation scheme: name one or set compensation.default_scheme")]
    NoScheme,
    /// The scheme named is not under `compensation.schemes`.
    #[error("unknown compensation scheme")]
    UnknownScheme,
    /// The incident kind is not one of the scheme's.
    #[error("unknown incident kind for this scheme")]
    UnknownKind,
    /// The customer tier is not one of the scheme's `customer_tiers`.
    #[error("unknown customer tier for this scheme")]
    UnknownCustomerTier,
    /// An incident is `kind` with `severity`, or `from_sla`, or `from_refund`: one of them.
    #[error("an incident is kind with severity, or from_sla, or from_refund: exactly one")]
    IncidentShape,
    /// The severity is not a decimal string.
    #[error("the severity must be a decimal string such as \"3\" or \"120.50\"")]
    InvalidSeverity,
    /// The severity is below zero.
    #[error("the severity must not be negative")]
    NegativeSeverity,
    /// An SLA metric within its target, or a refund that was not late.
    #[error("not an incident: the metric is within its target, or the refund was not late")]
    NotAnIncident,
    /// An amount is in another currency than the scheme's.
    #[error("the amount is in another currency than the scheme's")]
    CurrencyMismatch,
    /// An amount is below zero.
    #[error("the amount must not be negative")]
    NegativeAmount,
    /// The scheme has a team budget and the request does not say what it has spent.
    #[error("the scheme has a team budget: say what it has spent (budget_spent)")]
    MissingBudget,
    /// The history holds more entries than the scheme's `max_history`.
    #[error("the history is longer than the scheme allows (max_history)")]
    HistoryTooLong,
    /// A history entry is later than `now`.
    #[error("the history has an entry later than `now`")]
    HistoryAfterNow,
    /// The history holds more in a period than the scheme's caps allow: it cannot have
    /// been given under them.
    #[error("the history exceeds the scheme's own caps for a period")]
    HistoryOverCap,
}

impl crate::error::AreaError for CompensationError {
    fn code(&self) -> &'static str {
        CompensationError::code(self)
    }
}

impl CompensationError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoScheme => "compensation.no_scheme",
            Self::UnknownScheme => "compensation.unknown_scheme",
            Self::UnknownKind => "compensation.unknown_kind",
            Self::UnknownCustomerTier => "compensation.unknown_customer_tier",
            Self::IncidentShape => "compensation.incident_shape",
            Self::InvalidSeverity => "compensation.invalid_severity",
            Self::NegativeSeverity => "compensation.negative_severity",
            Self::NotAnIncident => "compensation.not_an_incident",
            Self::CurrencyMismatch => "compensation.currency_mismatch",
            Self::NegativeAmount => "compensation.negative_amount",
            Self::MissingBudget => "compensation.missing_budget",
            Self::HistoryTooLong => "compensation.history_too_long",
            Self::HistoryAfterNow => "compensation.history_after_now",
            Self::HistoryOverCap => "compensation.history_over_cap",
        }
    }
}

/// The compensation capability: goodwill schemes and their operations.
#[derive(Debug)]
pub struct CompensationCapability {
    /// The `compensation` section as written.
    pub config: CompensationConfig,
    /// Each scheme with its decimals read.
    pub(crate) compiled: Vec<config::Compiled>,
}

impl crate::ops::Capability for CompensationCapability {
    type Config = CompensationConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<OfferOp>(),
        crate::ops::OperationInfo::of::<Check>(),
        crate::ops::OperationInfo::of::<Simulate>(),
    ];

    fn compile(
        config: &Self::Config,
        _services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        Self {
            config: config.clone(),
            compiled: config::compile(config, problems),
        }
    }
}

#[cfg(test)]
mod tests;

//! Payment diagnostics: a decline in plain words with its next step
//! (`payment.explain_decline`), whether the networks allow charging a card again
//! (`payment.retry`), where a payment or refund is in its timeline on the banks' calendar
//! (`payment.where_is_my_money`), and why a refund failed and what to do instead
//! (`payment.explain_refund_failure`).
//!
//! Every code record carries its source and edition ([`codes`]); the networks' retry
//! rules are dated data ([`rules`]); the store's choices (methods it accepts, risk reasons
//! it discloses, its own retry policy, its bank calendar) are the `payment` section.

pub mod codes;
mod config;
mod decline;
mod reason;
mod refund_failure;
mod retry;
pub mod rules;
mod sentences;
mod stage;
mod timeline;
mod timeline_words;
mod words;

pub use config::{Method, PaymentConfig, RetryPolicy};
pub use decline::{
    explain_decline, ExplainDecline, ExplainDeclineRequest, ExplainDeclineResponse, ProcessorCode,
    NETWORKS,
};
pub use reason::{CodeReading, DeclineClass, DeclineReason, NextStep};
pub use refund_failure::{
    explain_refund_failure, ExplainRefundFailure, RefundAction, RefundFailure,
    RefundFailureRequest, RefundFailureResponse,
};
pub use retry::{
    retry, Attempt, Outcome, Retry, RetryDecision, RetryRequest, RetryResponse, RuleCheck,
};
pub use stage::Stage;
pub use timeline::{
    where_is_my_money, Flow, PayMethod, StatusEvent, TimelineStatus, WhereIsMyMoney, WhereRequest,
    WhereResponse,
};

/// Errors of payment diagnostics.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum PaymentError {
    /// The card network is not one Recourse reads.
    #[error("unknown card network; expected one of visa, mastercard, amex, elo, hipercard, discover, jcb, diners")]
    UnknownNetwork,
    /// Neither a processor code nor a network response code was given.
    #[error("expected a processor code or a network response code")]
    NoCode,
    /// A network response code was given without its network.
    #[error("a network response code is read per network: name the network")]
    NetworkRequired,
    /// A merchant advice code was given for a network other than Mastercard.
    #[error("merchant advice codes are read in Mastercard's numbering only")]
    AdviceCodeNotMastercard,
    /// The attempt history holds more attempts than the store's limit.
    #[error("the attempt history is longer than the store's limit (payment.retry.max_history)")]
    HistoryTooLong,
    /// An attempt or status is earlier than the one before it.
    #[error("the history is out of order: each entry must be no earlier than the one before")]
    HistoryOutOfOrder,
    /// An attempt or status is later than `now`.
    #[error("the history has an entry later than `now`")]
    AttemptAfterNow,
    /// An amount is in another currency than the payment's.
    #[error("the amount is in another currency than the payment's")]
    CurrencyMismatch,
    /// A field the method needs is missing.
    #[error("the payment method needs this field")]
    MissingField,
    /// The status does not belong to this method or flow.
    #[error("the status does not belong to this method and flow")]
    StatusNotForMethod,
    /// The store has no bank calendar (`payment.bank_calendar`).
    #[error("no bank calendar: set payment.bank_calendar")]
    NoBankCalendar,
}

impl crate::error::AreaError for PaymentError {
    fn code(&self) -> &'static str {
        PaymentError::code(self)
    }
}

impl PaymentError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownNetwork => "payment.unknown_network",
            Self::NoCode => "payment.no_code",
            Self::NetworkRequired => "payment.network_required",
            Self::AdviceCodeNotMastercard => "payment.advice_code_not_mastercard",
            Self::HistoryTooLong => "payment.history_too_long",
            Self::HistoryOutOfOrder => "payment.history_out_of_order",
            Self::AttemptAfterNow => "payment.event_after_now",
            Self::CurrencyMismatch => "payment.currency_mismatch",
            Self::MissingField => "payment.missing_field",
            Self::StatusNotForMethod => "payment.status_not_for_method",
            Self::NoBankCalendar => "payment.no_bank_calendar",
        }
    }
}

/// The payment capability: code tables, retry rules and timelines over the `payment`
/// section.
#[derive(Debug)]
pub struct PaymentCapability {
    /// The `payment` section as written.
    pub config: PaymentConfig,
}

impl crate::ops::Capability for PaymentCapability {
    type Config = PaymentConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<ExplainDecline>(),
        crate::ops::OperationInfo::of::<Retry>(),
        crate::ops::OperationInfo::of::<WhereIsMyMoney>(),
        crate::ops::OperationInfo::of::<ExplainRefundFailure>(),
    ];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        problems.extend(config::problems(config, services));
        Self {
            config: config.clone(),
        }
    }
}

#[cfg(test)]
mod tests;

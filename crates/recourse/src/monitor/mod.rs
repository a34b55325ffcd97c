//! Proactive monitoring over a window of payment events, so that support finds a problem
//! before the customer writes about it:
//!
//! - `monitor.duplicates`: charges that look like one purchase paid twice, within a
//!   configurable window and on configurable match keys (presets mirror common gateways'
//!   duplicate checks), never on card and amount alone. An explicit order or line key that
//!   differs keeps legitimate repeats apart (five identical gifts are five purchases), and a
//!   repeated idempotency key is the same charge reported twice, not a second charge. Each
//!   group carries its evidence and, per duplicate, a `refund.evaluate` request ready to run.
//! - `monitor.stuck`: each payment or refund past its expected decision instant plus a
//!   grace, read from the payment timelines (`payment.where_is_my_money`), never computed
//!   here: a Pix charge past its expiry, a boleto unconfirmed past its due day plus the
//!   clearing days of the bank calendar, an authorization about to lapse uncaptured, a
//!   refund overdue or failed, a checkout left open.
//! - `monitor.rates`: a failure rate (declines, refund failures, early fraud warnings) in a
//!   current window against a baseline, with minimum volumes on both sides, a tolerance and
//!   an exact two-proportion test; the codes and segments (methods, BINs) that grew most
//!   explain the alert. From events, one card's retries count once, by their final outcome.
//!
//! Every alert has a stable kind, a severity, the affected ids, what the payment team and
//! the support team should do, and the rule of the `monitor` section it comes from.
//! Events are folded one at a time ([`DuplicateFinder`], [`duplicates_streamed`],
//! [`AttemptCounter`], [`stuck_item`]), so a day of traffic streams through in flat memory.
//!
//! ```
//! use recourse_payments::Engine;
//! let engine = Engine::default_store()?;
//! let answer = engine.call_json("monitor.duplicates", br#"{
//!   "now": "2026-12-01T12:00:00-03:00",
//!   "events": [
//!     {"id": "ch_1", "kind": "charge", "at": "2026-12-01T10:00:00-03:00", "method": "card",
//!      "amount": {"amount": "129.90", "currency": "BRL"}, "card": "fp_9", "customer": "c_7"},
//!     {"id": "ch_2", "kind": "charge", "at": "2026-12-01T10:00:40-03:00", "method": "card",
//!      "amount": {"amount": "129.90", "currency": "BRL"}, "card": "fp_9", "customer": "c_7"}
//!   ]}"#)?;
//! assert!(answer.contains(r#""kept":"ch_1""#));
//! assert!(answer.contains(r#""payment_id":"ch_2""#));
//! # Ok::<(), recourse_payments::Error>(())
//! ```

mod attempts;
mod config;
mod counts;
mod duplicates;
mod event;
mod rates;
mod stuck;
mod words;

pub use attempts::AttemptCounter;
pub use config::{DuplicateRules, MatchKey, MonitorConfig, Preset, RateRules, StuckRules, PRESETS};
pub use counts::{CodeCount, Counts, Metric};
pub use duplicates::{
    duplicates, duplicates_streamed, Duplicate, DuplicateFinder, DuplicateGroup, Duplicates,
    DuplicatesRequest, DuplicatesResponse, RefundSuggestion, SuggestedOrder, SuggestedPayment,
    SuggestedRequest,
};
pub use event::{EventKind, PaymentEvent};
pub use rates::{rates, CodeShift, RateVerdict, Rates, RatesRequest, RatesResponse};
pub use stuck::{stuck, stuck_item, Stuck, StuckAlert, StuckItem, StuckRequest, StuckResponse};
pub use words::{Alert, AlertKind, Severity};

/// Errors of monitoring.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MonitorError {
    /// An event is earlier than the one before it.
    #[error("the events are out of order: each must be no earlier than the one before")]
    EventsOutOfOrder,
    /// An event is later than `now`.
    #[error("an event is later than `now`")]
    EventAfterNow,
    /// A window of zero length.
    #[error("the window is a positive number of seconds")]
    InvalidWindow,
    /// A window longer than the store allows.
    #[error("the window is longer than the store allows (monitor.duplicates.max_window_seconds)")]
    WindowTooLarge,
    /// Match keys that would group charges on card and amount alone.
    #[error(
        "card and amount alone never make a duplicate: add customer, order or line to the keys"
    )]
    WeakKeys,
    /// The preset is not one Recourse knows.
    #[error(
        "unknown preset; expected one of braintree, authorize_net, helcim, cardstream, recourse"
    )]
    UnknownPreset,
    /// A count larger than its total, or beyond 10^15.
    #[error("a count is larger than its total or than 10^15")]
    InvalidCount,
    /// Neither both counts nor events with the current window's start.
    #[error("give `current` and `baseline` counts, or `events` with `current_from`")]
    CountsOrEvents,
    /// A baseline with no volume at all.
    #[error("the baseline has no volume: nothing to compare with")]
    EmptyBaseline,
}

impl crate::error::AreaError for MonitorError {
    fn code(&self) -> &'static str {
        MonitorError::code(self)
    }
}

impl MonitorError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EventsOutOfOrder => "monitor.events_out_of_order",
            Self::EventAfterNow => "monitor.event_after_now",
            Self::InvalidWindow => "monitor.invalid_window",
            Self::WindowTooLarge => "monitor.window_too_large",
            Self::WeakKeys => "monitor.weak_keys",
            Self::UnknownPreset => "monitor.unknown_preset",
            Self::InvalidCount => "monitor.invalid_count",
            Self::EmptyBaseline => "monitor.empty_baseline",
            Self::CountsOrEvents => "monitor.counts_or_events",
        }
    }
}

/// The monitoring capability over the `monitor` section. It uses `payment` for the
/// timelines of stuck payments.
#[derive(Debug)]
pub struct MonitorCapability {
    /// The `monitor` section as written.
    pub config: MonitorConfig,
}

impl crate::ops::Capability for MonitorCapability {
    type Config = MonitorConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<Duplicates>(),
        crate::ops::OperationInfo::of::<Stuck>(),
        crate::ops::OperationInfo::of::<Rates>(),
    ];

    fn compile(
        config: &Self::Config,
        _services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        problems.extend(config::problems(config));
        Self {
            config: config.clone(),
        }
    }
}

#[cfg(test)]
mod tests;

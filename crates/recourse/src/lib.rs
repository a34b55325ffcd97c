//! Recourse: support logic for payments as pure functions.
//!
//! Given the facts and `now`, Recourse decides, computes the exact money, says when things
//! are due, and explains why — with a receipt, and the same bytes in every runtime.
//!
//! Every capability is a set of operations named `area.verb` on one [`Engine`], the
//! compiled configuration. Rust calls them typed with [`Engine::call`]; every other host
//! calls them by name with JSON through [`Engine::call_json`].
//!
//! ```
//! use recourse_payments::Engine;
//!
//! let engine = Engine::default_store()?;
//! let answer = engine.call_json(
//!     "money.allocate",
//!     br#"{"total": {"amount": "100.00", "currency": "BRL"}, "ratios": [1, 1, 1]}"#,
//! )?;
//! assert!(answer.contains(r#""parts":[{"amount":"33.34","currency":"BRL"}"#));
//! # Ok::<(), recourse_payments::Error>(())
//! ```
//!
//! Modules, one per capability:
//! - [`money`]: currencies, exact arithmetic, rounding, allocation;
//! - [`calendar`]: business calendars and instants;
//! - [`ops`]: the operations registry, input limits;
//! - [`engine`]: configuration and the engine;
//! - [`host`]: what every host exposes beside the operations (the list, check, version);
//! - [`receipt`]: receipts and their digests;
//! - [`canonical`]: canonical JSON, the one text form of every answer;
//! - [`comms`]: the languages customers are answered in;
//! - [`refund`]: refund policies and `refund.evaluate`;
//! - [`ticket`]: tickets, their lifecycle and log, triage and follow-ups;
//! - [`metrics`]: support metrics (CSAT, NPS, CES, FCR, SLA compliance) over tickets;
//! - [`sla`]: SLA policies and clocks on business calendars;
//! - [`payment`]: declines in plain words, retries the networks allow, where the money is;
//! - [`dispute`]: disputes and chargebacks: reason codes, deadlines, evidence, fight or
//!   accept, monitoring programs;
//! - [`compensation`]: goodwill offers by severity, fault and customer value, under caps,
//!   budgets, anti-abuse limits and approval tiers;
//! - [`faq`]: self-service answers written from the store's own policy and timelines;
//! - [`monitor`]: duplicate charges, stuck payments and failure-rate alerts over payment
//!   events;
//! - [`privacy`]: card numbers, national ids and contact details masked in ticket text.
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod calendar;
#[cfg(feature = "compensation")]
pub mod compensation;
#[cfg(feature = "dispute")]
pub mod dispute;
pub mod engine;
#[cfg(feature = "faq")]
pub mod faq;
pub mod host;
#[cfg(feature = "metrics")]
pub mod metrics;
pub mod money;
#[cfg(feature = "monitor")]
pub mod monitor;
pub mod ops;
#[cfg(feature = "payment")]
pub mod payment;
#[cfg(feature = "privacy")]
pub mod privacy;
#[cfg(feature = "refund")]
pub mod refund;
#[cfg(feature = "sla")]
pub mod sla;
#[cfg(feature = "ticket")]
pub mod ticket;

pub use recourse_payments_base::locale as comms;
use recourse_payments_base::sort;
pub use recourse_payments_base::{canonical, decode, error, limits, names, receipt};

pub use engine::{Config, Engine};
pub use error::{Error, ErrorKind};
pub use ops::{Operation, Output};

/// What most Rust hosts need, in one import: `use recourse_payments::prelude::*;`.
///
/// The engine and its errors, money and instants, and with the `refund` feature the
/// refund decision's operation, request constructors and answer.
pub mod prelude {
    pub use crate::calendar::Timestamp;
    pub use crate::comms::Locale;
    pub use crate::money::Money;
    #[cfg(feature = "refund")]
    pub use crate::refund::{
        Customer, Evaluate, EvaluateRequest, EvaluateResponse, ItemCondition, Order, OrderLine,
        Outcome, Payment, PaymentMethod, Reason, Remedy, ReturnRequest,
    };
    pub use crate::{Engine, Error, ErrorKind, Operation, Output};
}

/// The README's examples, compiled and run as doctests.
#[doc = include_str!("../../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

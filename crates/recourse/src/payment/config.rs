//! `payment`: the methods the store accepts, which risk reasons it shows customers as they
//! are, its own retry policy and the bank calendar its timelines run on.

use schemars::JsonSchema;
use serde::Serialize;

use super::reason::DeclineReason;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::error::ConfigError;
use crate::ops::Services;
use crate::Error;

/// A way to pay, as offered to a customer whose card was declined.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Method {
    /// Another credit or debit card.
    AnotherCard,
    /// Pix (Brazil).
    Pix,
    /// Boleto bancário (Brazil).
    Boleto,
    /// A wallet (PayPal, Apple Pay, Google Pay).
    Wallet,
}

/// The store's own retry policy. Network rules are a ceiling: these limits only ever make
/// a decision stricter. A value looser than a network rule in force is not an error, since
/// network limits change by date and network; it is simply outranked by the network rule,
/// which the answer cites (the stricter limit wins, always).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetryPolicy {
    /// Most declined attempts of one card at this store in any 30 days before charging stops.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_declines_per_30_days: Option<u32>,
    /// Most declined attempts in any 24 hours.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_declines_per_24_hours: Option<u32>,
    /// Least time between two attempts, in minutes.
    #[serde(default)]
    pub min_interval_minutes: u32,
    /// Whether a generic decline (`do_not_honor`, Visa category 4) is retried at all.
    #[serde(default = "yes")]
    pub retry_generic_declines: bool,
    /// Most attempts a request's history may hold (a longer one is refused).
    #[serde(default = "default_max_history")]
    pub max_history: u32,
}

fn yes() -> bool {
    true
}

fn default_max_history() -> u32 {
    200
}

impl Default for RetryPolicy {
    fn default() -> Self {
        Self {
            max_declines_per_30_days: None,
            max_declines_per_24_hours: None,
            min_interval_minutes: 0,
            retry_generic_declines: true,
            max_history: default_max_history(),
        }
    }
}

/// `payment`: diagnostics of declines, retries and "where is my money".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PaymentConfig {
    /// The ways to pay the store accepts besides the declined card, offered in this order.
    #[serde(default)]
    pub accepted_methods: Vec<Method>,
    /// Risk reasons shown to customers as they are. By default every risk reason (fraud,
    /// lost, stolen, blocked, blocklisted) reads as a generic decline.
    #[serde(default)]
    pub disclose_risk: Vec<DeclineReason>,
    /// The store's retry policy.
    #[serde(default)]
    pub retry: RetryPolicy,
    /// The banks' business calendar (`calendars.<name>`) bank timelines run on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bank_calendar: Option<String>,
}

impl PaymentConfig {
    /// The alternatives offered to a customer, in the store's order, each once.
    pub fn alternatives(&self) -> Vec<Method> {
        let mut out: Vec<Method> = Vec::with_capacity(self.accepted_methods.len());
        for m in &self.accepted_methods {
            if !out.contains(m) {
                out.push(*m);
            }
        }
        out
    }
}

/// Every problem of the `payment` section, each with its path.
pub(crate) fn problems(config: &PaymentConfig, services: &Services) -> Vec<Error> {
    let mut out = Vec::new();
    for (i, reason) in config.disclose_risk.iter().enumerate() {
        if !reason.is_risk() {
            out.push(Error::new(
                ConfigError::invalid(
                    "only risk reasons (fraud_suspected, lost_card, stolen_card, card_blocked, blocklisted) are disclosed by choice",
                ),
                format!("payment.disclose_risk[{i}]"),
            ));
        }
    }
    if let Some(name) = &config.bank_calendar {
        if !services.names_calendar(name) {
            out.push(Error::new(
                ConfigError::invalid(
                    "unknown calendar: the configuration's `calendars` section names them",
                ),
                "payment.bank_calendar",
            ));
        }
        // Bank timelines count the banks' working days: a calendar that never opens would
        // fail every one.
        out.extend(services.closed_calendar(name));
    }
    if config.retry.max_history == 0 {
        out.push(Error::new(
            ConfigError::invalid("the history limit is a positive number of attempts"),
            "payment.retry.max_history",
        ));
    }
    out
}

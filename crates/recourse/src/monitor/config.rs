//! `monitor`: the duplicate check (a preset mirroring a gateway, or the store's own window
//! and keys), the graces of stuck payments, and the volumes and tolerances of rate alerts.

use schemars::JsonSchema;
use serde::Serialize;

use super::MonitorError;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::error::ConfigError;
use crate::Error;

/// A field two charges must share to be one purchase paid twice. The amount and its
/// currency are always matched.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum MatchKey {
    /// The card's fingerprint.
    Card,
    /// The customer.
    Customer,
    /// The store's order id.
    Order,
    /// The order line (a gift bought five times is five lines).
    Line,
    /// The payment method.
    Method,
}

/// A gateway's duplicate check, as Recourse mirrors it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Preset {
    /// Its name in the configuration.
    pub id: &'static str,
    /// The window, in seconds.
    pub window_seconds: u32,
    /// The keys besides the amount.
    pub keys: &'static [MatchKey],
    /// Where it comes from, and how Recourse differs.
    pub source: &'static str,
}

/// The presets (payments-facts §2.1). Gateways that key on card and amount alone
/// (Authorize.net) are mirrored with the customer added: Recourse never groups on card and
/// amount alone (the "five identical gifts" false positive).
pub const PRESETS: &[Preset] = &[
    Preset {
        id: "braintree",
        window_seconds: 30,
        keys: &[MatchKey::Order],
        source: "Braintree duplicate checking: 30 s default, same amount and order id (developer.paypal.com/braintree/articles/control-panel/transactions/duplicate-checking)",
    },
    Preset {
        id: "authorize_net",
        window_seconds: 120,
        keys: &[MatchKey::Card, MatchKey::Customer],
        source: "Authorize.net duplicateWindow 120 s on card and amount; the customer added (commerce_authnet 3615524; ofbiz dev msg46634)",
    },
    Preset {
        id: "helcim",
        window_seconds: 300,
        keys: &[MatchKey::Card, MatchKey::Customer],
        source: "Helcim suspected duplicates: 5 min, card number, cardholder name and amount (devdocs.helcim.com/docs/suspected-duplicates)",
    },
    Preset {
        id: "cardstream",
        window_seconds: 300,
        keys: &[MatchKey::Card, MatchKey::Order],
        source: "Cardstream duplicate check: 300 s default on amount, currency, transactionUnique and card (Cardstream integration guide)",
    },
    Preset {
        id: "recourse",
        window_seconds: 600,
        keys: &[MatchKey::Card, MatchKey::Customer, MatchKey::Method],
        source: "Recourse: 10 min, same card, customer, method and amount; double-clicks and webhooks handled twice (payments-facts §2.1)",
    },
];

/// The preset named `id`.
pub(crate) fn preset(id: &str) -> Option<&'static Preset> {
    PRESETS.iter().find(|p| p.id == id)
}

/// Whether `keys` name more than card, method and amount.
pub(crate) fn strong(keys: &[MatchKey]) -> bool {
    keys.iter()
        .any(|k| matches!(k, MatchKey::Customer | MatchKey::Order | MatchKey::Line))
}

/// `monitor.duplicates`: the check in force unless a request names its own.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicateRules {
    /// The preset (`braintree`, `authorize_net`, `helcim`, `cardstream`, `recourse`).
    #[serde(default = "default_preset")]
    pub preset: String,
    /// The store's own window, in seconds, instead of the preset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_seconds: Option<u32>,
    /// The store's own keys, instead of the preset's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<MatchKey>>,
    /// The longest window a request may ask for, in seconds.
    #[serde(default = "default_max_window")]
    pub max_window_seconds: u32,
}

fn default_preset() -> String {
    "recourse".to_owned()
}

fn default_max_window() -> u32 {
    86_400
}

impl Default for DuplicateRules {
    fn default() -> Self {
        Self {
            preset: default_preset(),
            window_seconds: None,
            keys: None,
            max_window_seconds: default_max_window(),
        }
    }
}

/// `monitor.stuck`: how late is stuck.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StuckRules {
    /// Minutes past the expected instant before a payment or refund is stuck.
    #[serde(default = "default_grace")]
    pub grace_minutes: u32,
    /// Minutes before an authorization lapses when its capture is flagged.
    #[serde(default = "default_capture_warn")]
    pub capture_warn_minutes: u32,
    /// Minutes a checkout or 3-D Secure challenge stays open (Stripe Checkout: 24 h
    /// default, 30 min to 24 h).
    #[serde(default = "default_checkout")]
    pub checkout_expiry_minutes: u32,
}

fn default_grace() -> u32 {
    60
}

fn default_capture_warn() -> u32 {
    24 * 60
}

fn default_checkout() -> u32 {
    24 * 60
}

impl Default for StuckRules {
    fn default() -> Self {
        Self {
            grace_minutes: default_grace(),
            capture_warn_minutes: default_capture_warn(),
            checkout_expiry_minutes: default_checkout(),
        }
    }
}

/// `monitor.rates`: when a failure rate is a drop worth an alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RateRules {
    /// Least attempts in the current window.
    #[serde(default = "default_min_current")]
    pub min_volume: u64,
    /// Least attempts in the baseline.
    #[serde(default = "default_min_baseline")]
    pub min_baseline_volume: u64,
    /// Least failures in the current window (hyperswitch `min_impacted_volume`).
    #[serde(default = "default_min_impacted")]
    pub min_impacted_volume: u64,
    /// Least rise of the failure rate, in basis points of attempts.
    #[serde(default = "default_tolerance")]
    pub tolerance_bp: u32,
    /// The two-proportion test's critical z, in thousandths (1960: 95 %, two-sided).
    #[serde(default = "default_z")]
    pub z_milli: u32,
    /// Minutes within which an authorization's attempts of one card are one sequence,
    /// counted once by its final outcome.
    #[serde(default = "default_retry_group")]
    pub retry_group_minutes: u32,
}

fn default_retry_group() -> u32 {
    60
}

fn default_min_current() -> u64 {
    100
}

fn default_min_baseline() -> u64 {
    500
}

fn default_min_impacted() -> u64 {
    10
}

fn default_tolerance() -> u32 {
    300
}

fn default_z() -> u32 {
    1960
}

impl Default for RateRules {
    fn default() -> Self {
        Self {
            min_volume: default_min_current(),
            min_baseline_volume: default_min_baseline(),
            min_impacted_volume: default_min_impacted(),
            tolerance_bp: default_tolerance(),
            z_milli: default_z(),
            retry_group_minutes: default_retry_group(),
        }
    }
}

/// `monitor`: duplicate charges, stuck payments and failure-rate alerts.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitorConfig {
    /// The duplicate check.
    #[serde(default)]
    pub duplicates: DuplicateRules,
    /// Stuck payments and refunds.
    #[serde(default)]
    pub stuck: StuckRules,
    /// Rate drops and spikes.
    #[serde(default)]
    pub rates: RateRules,
}

/// Every problem of the `monitor` section, each with its path.
pub(crate) fn problems(config: &MonitorConfig) -> Vec<Error> {
    let mut out = Vec::new();
    let d = &config.duplicates;
    let mut bad = |e: MonitorError, path: &str| {
        out.push(Error::new(ConfigError::invalid(e.to_string()), path));
    };
    if preset(&d.preset).is_none() {
        bad(MonitorError::UnknownPreset, "monitor.duplicates.preset");
    }
    if d.max_window_seconds == 0 {
        bad(
            MonitorError::InvalidWindow,
            "monitor.duplicates.max_window_seconds",
        );
    }
    match d.window_seconds {
        Some(0) => bad(
            MonitorError::InvalidWindow,
            "monitor.duplicates.window_seconds",
        ),
        Some(w) if w > d.max_window_seconds => {
            bad(
                MonitorError::WindowTooLarge,
                "monitor.duplicates.window_seconds",
            );
        }
        _ => {}
    }
    if d.keys.as_deref().is_some_and(|k| !strong(k)) {
        bad(MonitorError::WeakKeys, "monitor.duplicates.keys");
    }
    for (value, path) in [
        (config.rates.min_volume, "monitor.rates.min_volume"),
        (
            config.rates.min_baseline_volume,
            "monitor.rates.min_baseline_volume",
        ),
    ] {
        if value == 0 {
            out.push(Error::new(
                ConfigError::invalid("a minimum volume is a positive number of attempts"),
                path,
            ));
        }
    }
    out
}

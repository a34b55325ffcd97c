//! `dispute`: the merchant's buffer, the network clocks, fees, auto-refund rules, win-rate
//! priors and the monitoring programs' thresholds, as dated data with their sources.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::{Category, Network, Stage};
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::error::ConfigError;
use crate::money::Money;
use crate::ops::Services;
use crate::Error;

/// A network's clock for one stage: how long the merchant has from the stage's start,
/// in force from a date.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Clock {
    /// The id answers cite (`visa.chargeback`).
    pub id: String,
    /// The network.
    pub network: Network,
    /// The stage.
    pub stage: Stage,
    /// Calendar days (card networks); exactly one of `days` and `hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
    /// Hours (Pix MED); exactly one of `days` and `hours`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hours: Option<u32>,
    /// The first day it applies to stages that start on or after it (`YYYY-MM-DD`).
    pub effective_from: String,
    /// Where the rule comes from.
    pub source: String,
}

/// A pre-dispute alert service.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum AlertKind {
    /// Visa Rapid Dispute Resolution (Verifi): the issuer's rules refund in real time.
    Rdr,
    /// Ethoca alerts (Mastercard, some American Express and Discover).
    Ethoca,
    /// Verifi Cardholder Dispute Resolution Network.
    Cdrn,
}

/// The fees of disputes in one currency, as the merchant's processor charges them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Fees {
    /// Charged when a dispute is opened.
    pub dispute_fee: Money,
    /// Whether the dispute fee comes back when the merchant wins.
    #[serde(default)]
    pub dispute_fee_returned_on_win: bool,
    /// Charged when the merchant counters.
    pub counter_fee: Money,
    /// Whether the counter fee comes back when the merchant wins.
    #[serde(default)]
    pub counter_fee_returned_on_win: bool,
    /// The merchant's own cost of preparing a response.
    pub handling_cost: Money,
    /// Charged per pre-dispute alert resolved (RDR, Ethoca, CDRN), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert_fee: Option<Money>,
    /// Where the figures come from.
    pub source: String,
}

/// Refund automatically when a pre-dispute alert of these kinds is for at most `up_to`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AutoRefundRule {
    /// The id answers cite.
    pub id: String,
    /// The alerts it applies to.
    pub alerts: Vec<AlertKind>,
    /// The largest amount refunded automatically.
    pub up_to: Money,
}

/// A monitoring program.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Program {
    /// Visa Acquirer Monitoring Program: (fraud reports + disputes) / settled
    /// card-not-present transactions, monthly.
    VisaVamp,
    /// Mastercard Excessive Chargeback Program: this month's chargebacks / last month's
    /// sales transactions.
    MastercardEcp,
}

/// A level of a monitoring program.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProgramLevel {
    /// Mastercard's early warning (Chargeback Monitored Merchant).
    EarlyWarning,
    /// Excessive (Visa VAMP merchant excessive; Mastercard ECM).
    Excessive,
    /// Mastercard's high excessive (HECM).
    HighExcessive,
}

/// A level's threshold: a merchant is at this level in a month when its count is at least
/// `min_count` and its ratio at least `ratio`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitoringThreshold {
    /// The id answers cite.
    pub id: String,
    /// The program.
    pub program: Program,
    /// The level.
    pub level: ProgramLevel,
    /// The region it applies to (`global` for every region without its own).
    pub region: String,
    /// The ratio, as an exact decimal (`"0.015"` for 1.5 %).
    pub ratio: String,
    /// The least count of events (disputes, chargebacks) for the level to apply.
    pub min_count: u64,
    /// The first month it applies to (`YYYY-MM-DD`, the first of the month).
    pub effective_from: String,
    /// Where the rule comes from.
    pub source: String,
}

/// `dispute`: how the merchant handles disputes, and the networks' dated rules.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeConfig {
    /// The business calendar the merchant's buffer counts on (`calendars.<name>`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// The merchant answers this many business days before the earliest outside deadline.
    #[serde(default)]
    pub buffer_business_days: u32,
    /// A deadline is at risk when this few hours are left.
    #[serde(default)]
    pub warn_before_hours: u32,
    /// The networks' clocks per stage, dated.
    #[serde(default)]
    pub clocks: Vec<Clock>,
    /// Fees, one entry per currency.
    #[serde(default)]
    pub fees: Vec<Fees>,
    /// The merchant's own win rate per category, in basis points (10000 = always won),
    /// from its history. None is shipped: without one, a recommendation says so.
    #[serde(default)]
    pub win_rates: BTreeMap<Category, u32>,
    /// Pre-dispute alerts refunded automatically under an amount.
    #[serde(default)]
    pub auto_refund: Vec<AutoRefundRule>,
    /// The monitoring programs' thresholds, dated, per region.
    #[serde(default)]
    pub monitoring: Vec<MonitoringThreshold>,
    /// Mastercard's Excessive Fraud Merchant criteria, dated, per region.
    #[serde(default)]
    pub efm: Vec<EfmThreshold>,
}

/// Mastercard's Excessive Fraud Merchant criteria: a month is excessive when every one
/// holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EfmThreshold {
    /// The id answers cite.
    pub id: String,
    /// The region it applies to (`global` for every region without its own).
    pub region: String,
    /// The least number of sales transactions in the month.
    pub min_sales: u64,
    /// The least amount of fraud chargebacks (4837, 4863) in the month.
    pub min_fraud_amount: Money,
    /// The least fraud-to-sales ratio, by amount, as an exact decimal (`"0.005"`).
    pub ratio: String,
    /// The share of sales authenticated with 3-D Secure must be under this, in basis
    /// points.
    pub secure_under_bp: u32,
    /// The first month it applies to (`YYYY-MM-DD`, the first of the month).
    pub effective_from: String,
    /// Where the rule comes from.
    pub source: String,
}

/// EFM criteria with their ratio and date parsed.
#[derive(Debug, Clone)]
pub(crate) struct CompiledEfm {
    pub threshold: EfmThreshold,
    pub ratio: Decimal,
    pub from: NaiveDate,
}

/// How long a clock runs.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Length {
    Days(u32),
    Hours(u32),
}

/// A clock with its date parsed.
#[derive(Debug, Clone)]
pub(crate) struct CompiledClock {
    pub clock: Clock,
    pub length: Length,
    pub from: NaiveDate,
}

/// A threshold with its ratio and date parsed.
#[derive(Debug, Clone)]
pub(crate) struct CompiledThreshold {
    pub threshold: MonitoringThreshold,
    pub ratio: Decimal,
    pub from: NaiveDate,
}

/// The section compiled.
#[derive(Debug, Clone, Default)]
pub(crate) struct Compiled {
    pub clocks: Vec<CompiledClock>,
    pub thresholds: Vec<CompiledThreshold>,
    pub efm: Vec<CompiledEfm>,
}

impl Compiled {
    /// The clock of `network` at `stage` in force on `day`: the latest effective.
    pub fn clock(&self, network: Network, stage: Stage, day: NaiveDate) -> Option<&CompiledClock> {
        self.clocks
            .iter()
            .filter(|c| c.clock.network == network && c.clock.stage == stage && c.from <= day)
            .max_by_key(|c| c.from)
    }

    /// The EFM criteria in force in the month starting `month` for `region` (falling back
    /// to `global`): the latest effective.
    pub fn efm(&self, region: &str, month: NaiveDate) -> Option<&CompiledEfm> {
        let of = |r: &str| {
            self.efm
                .iter()
                .filter(|e| e.threshold.region == r && e.from <= month)
                .max_by_key(|e| e.from)
        };
        of(region).or_else(|| of("global"))
    }

    /// The thresholds of `program` in force in the month starting `month` for `region`
    /// (falling back to `global`), one per level, latest effective.
    pub fn thresholds(
        &self,
        program: Program,
        region: &str,
        month: NaiveDate,
    ) -> Vec<&CompiledThreshold> {
        let of = |r: &str| -> Vec<&CompiledThreshold> {
            let mut out: Vec<&CompiledThreshold> = Vec::new();
            for t in self.thresholds.iter().filter(|t| {
                t.threshold.program == program && t.threshold.region == r && t.from <= month
            }) {
                match out
                    .iter_mut()
                    .find(|o| o.threshold.level == t.threshold.level)
                {
                    Some(o) if o.from < t.from => *o = t,
                    Some(_) => {}
                    None => out.push(t),
                }
            }
            crate::sort::sort_by_key(&mut out, |t| t.threshold.level);
            out
        };
        let own = of(region);
        if own.is_empty() {
            of("global")
        } else {
            own
        }
    }
}

fn date(text: &str) -> Option<NaiveDate> {
    crate::calendar::parse_date(text)
}

/// Validates and compiles the section; every problem goes to `problems` with its path.
pub(crate) fn compile(
    config: &DisputeConfig,
    services: &Services,
    problems: &mut Vec<Error>,
) -> Compiled {
    // A buffer counted on a calendar that never opens would fail every deadline.
    if let (Some(name), true) = (&config.calendar, config.buffer_business_days > 0) {
        problems.extend(services.closed_calendar(name));
    }
    let mut bad = |detail: &str, path: String| {
        problems.push(Error::new(ConfigError::invalid(detail), path));
    };
    if let Some(name) = &config.calendar {
        if !services.names_calendar(name) {
            bad(
                "unknown calendar: the configuration's `calendars` section names them",
                "dispute.calendar".into(),
            );
        }
    } else if config.buffer_business_days > 0 {
        bad(
            "a buffer in business days needs a calendar",
            "dispute.calendar".into(),
        );
    }
    let mut out = Compiled::default();
    for (i, clock) in config.clocks.iter().enumerate() {
        let path = format!("dispute.clocks[{i}]");
        let length = match (clock.days, clock.hours) {
            (Some(d), None) if d > 0 => Some(Length::Days(d)),
            (None, Some(h)) if h > 0 => Some(Length::Hours(h)),
            _ => {
                bad("exactly one of `days` and `hours`, positive", path.clone());
                None
            }
        };
        let from = date(&clock.effective_from);
        if from.is_none() {
            bad(
                "expected a date as YYYY-MM-DD",
                format!("{path}.effective_from"),
            );
        }
        if clock.id.trim().is_empty() {
            bad("expected a non-empty id", format!("{path}.id"));
        }
        if let (Some(length), Some(from)) = (length, from) {
            let twice = out.clocks.iter().any(|c| {
                c.clock.network == clock.network && c.clock.stage == clock.stage && c.from == from
            });
            if twice {
                bad(
                    "two clocks for the same network and stage from the same day",
                    format!("{path}.effective_from"),
                );
            }
            out.clocks.push(CompiledClock {
                clock: clock.clone(),
                length,
                from,
            });
        }
    }
    fees_problems(config, &mut bad);
    out.thresholds = thresholds(config, &mut bad);
    out.efm = efm(config, &mut bad);
    out
}

fn fees_problems(config: &DisputeConfig, bad: &mut impl FnMut(&str, String)) {
    let mut seen = Vec::new();
    for (i, fees) in config.fees.iter().enumerate() {
        let path = format!("dispute.fees[{i}]");
        let currency = fees.dispute_fee.currency();
        let others = [
            ("counter_fee", Some(fees.counter_fee)),
            ("handling_cost", Some(fees.handling_cost)),
            ("alert_fee", fees.alert_fee),
        ];
        for (field, money) in others {
            if money.is_some_and(|m| m.currency() != currency) {
                bad(
                    "every fee of an entry is in the dispute fee's currency",
                    format!("{path}.{field}"),
                );
            }
        }
        for (field, money) in [("dispute_fee", Some(fees.dispute_fee))]
            .into_iter()
            .chain(others)
        {
            if money.is_some_and(|m| m.is_negative()) {
                bad("a fee is not negative", format!("{path}.{field}"));
            }
        }
        if seen.contains(&currency) {
            bad("one fees entry per currency", format!("{path}.dispute_fee"));
        }
        seen.push(currency);
    }
    for (category, rate) in &config.win_rates {
        if *rate > 10_000 {
            bad(
                "a win rate is at most 10000 basis points",
                format!("dispute.win_rates.{}", category.as_str()),
            );
        }
    }
    for (i, rule) in config.auto_refund.iter().enumerate() {
        let path = format!("dispute.auto_refund[{i}]");
        if rule.id.trim().is_empty() {
            bad("expected a non-empty id", format!("{path}.id"));
        }
        if rule.alerts.is_empty() {
            bad("name at least one alert", format!("{path}.alerts"));
        }
        if rule.up_to.is_negative() {
            bad("the amount is not negative", format!("{path}.up_to"));
        }
    }
}

fn thresholds(
    config: &DisputeConfig,
    bad: &mut impl FnMut(&str, String),
) -> Vec<CompiledThreshold> {
    let mut out = Vec::new();
    for (i, t) in config.monitoring.iter().enumerate() {
        let path = format!("dispute.monitoring[{i}]");
        let ratio = crate::money::parse_decimal(&t.ratio)
            .ok()
            .filter(|r| *r > Decimal::ZERO && *r < Decimal::ONE);
        if ratio.is_none() {
            bad(
                "expected a decimal ratio between 0 and 1, such as \"0.015\"",
                format!("{path}.ratio"),
            );
        }
        let from = date(&t.effective_from);
        if from.is_none() {
            bad(
                "expected a date as YYYY-MM-DD",
                format!("{path}.effective_from"),
            );
        }
        if t.region.trim().is_empty() {
            bad(
                "expected a region, such as \"global\"",
                format!("{path}.region"),
            );
        }
        if let (Some(ratio), Some(from)) = (ratio, from) {
            out.push(CompiledThreshold {
                threshold: t.clone(),
                ratio,
                from,
            });
        }
    }
    out
}

fn efm(config: &DisputeConfig, bad: &mut impl FnMut(&str, String)) -> Vec<CompiledEfm> {
    let mut out = Vec::new();
    for (i, t) in config.efm.iter().enumerate() {
        let path = format!("dispute.efm[{i}]");
        let ratio = crate::money::parse_decimal(&t.ratio)
            .ok()
            .filter(|r| *r > Decimal::ZERO && *r < Decimal::ONE);
        if ratio.is_none() {
            bad(
                "expected a decimal ratio between 0 and 1, such as \"0.005\"",
                format!("{path}.ratio"),
            );
        }
        let from = date(&t.effective_from);
        if from.is_none() {
            bad(
                "expected a date as YYYY-MM-DD",
                format!("{path}.effective_from"),
            );
        }
        if t.secure_under_bp > 10_000 {
            bad(
                "at most 10000 basis points",
                format!("{path}.secure_under_bp"),
            );
        }
        if let (Some(ratio), Some(from)) = (ratio, from) {
            out.push(CompiledEfm {
                threshold: t.clone(),
                ratio,
                from,
            });
        }
    }
    out
}

//! `dispute.monitor`: where a month's figures stand against the card networks' monitoring
//! programs: Visa VAMP ((fraud reports + disputes) / settled card-not-present transactions)
//! and Mastercard's Excessive Chargeback Program (this month's chargebacks / last month's
//! sales transactions: early warning, excessive, high excessive).
//!
//! A level applies when the count is at least its minimum and the ratio at least its
//! threshold, compared exactly (count ≥ threshold × denominator); a count below the minimum
//! is never at the level, whatever its ratio. Ratios are written rounded toward zero to
//! eight decimals. The month's projection scales the figures so far by the days of the
//! month over the days elapsed, rounded down; what to prevent is how many events the
//! projected month must lose to stay under each level.

use chrono::{Datelike, NaiveDate};
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::Serialize;

use super::config::{Compiled, CompiledEfm, CompiledThreshold, Program, ProgramLevel};
use super::messages::{self, Args, Code as R, DisputeReason};
use super::{DisputeCapability, DisputeError};
use crate::canonical::{decimal_text, Encode};
use crate::comms::Locale;
use crate::decode::Decode;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.monitor`.
#[derive(Debug, Clone, Copy)]
pub struct Monitor;

/// A month's figures for Visa VAMP.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VampFigures {
    /// Fraud reports (TC40) so far this month.
    pub fraud_reports: u64,
    /// Disputes (TC15) so far this month.
    pub disputes: u64,
    /// Settled card-not-present transactions (TC05) so far this month.
    pub cnp_settled: u64,
}

/// A month's figures for Mastercard's Excessive Chargeback Program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MastercardFigures {
    /// Chargebacks so far this month.
    pub chargebacks: u64,
    /// Sales transactions of the previous month.
    pub prior_month_sales: u64,
}

/// A month's figures for Mastercard's Excessive Fraud Merchant program.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct EfmFigures {
    /// Sales transactions this month.
    pub sales: u64,
    /// Their amount, in the criteria's currency.
    pub sales_amount: Money,
    /// Fraud chargebacks (4837, 4863) this month, by amount, in the same currency.
    pub fraud_amount: Money,
    /// The share of sales authenticated with 3-D Secure, in basis points.
    pub secure_bp: u32,
}

/// Mastercard's Excessive Fraud Merchant criteria against the month's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct EfmStatus {
    /// The criteria's id.
    pub rule: String,
    /// Their source.
    pub source: String,
    /// fraud_amount / sales_amount, rounded toward zero to eight decimals.
    pub ratio: String,
    /// The threshold ratio.
    pub threshold: String,
    /// Whether the sales reach the minimum count.
    pub sales_reached: bool,
    /// Whether the fraud amount reaches the minimum.
    pub amount_reached: bool,
    /// Whether the ratio reaches the threshold (compared exactly).
    pub ratio_reached: bool,
    /// Whether 3-D Secure covers less than the criteria's share.
    pub secure_under: bool,
    /// Whether every criterion holds: the month is excessive.
    pub reached: bool,
}

/// The request of `dispute.monitor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct MonitorRequest {
    /// The month, `YYYY-MM`.
    pub month: String,
    /// Days of the month the figures cover (1 to the month's length).
    pub days_elapsed: u32,
    /// The region whose thresholds apply (`global` without it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<String>,
    /// Visa's figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub vamp: Option<VampFigures>,
    /// Mastercard's figures.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mastercard: Option<MastercardFigures>,
    /// Mastercard's fraud figures, for the Excessive Fraud Merchant program.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mastercard_fraud: Option<EfmFigures>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// One level of a program against the month's figures.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ProgramStatus {
    /// The program.
    pub program: Program,
    /// The level.
    pub level: ProgramLevel,
    /// The threshold's id.
    pub rule: String,
    /// Its source.
    pub source: String,
    /// The threshold ratio.
    pub threshold: String,
    /// The least count for the level to apply.
    pub min_count: u64,
    /// The count so far.
    pub count: u64,
    /// The denominator so far.
    pub denominator: u64,
    /// count / denominator, rounded toward zero to eight decimals.
    pub ratio: String,
    /// threshold − ratio (negative once over), rounded toward zero to eight decimals.
    pub distance: String,
    /// Whether the figures so far reach the level.
    pub reached: bool,
    /// The count projected over the whole month.
    pub projected_count: u64,
    /// The denominator projected over the whole month.
    pub projected_denominator: u64,
    /// The projected ratio, rounded toward zero to eight decimals.
    pub projected_ratio: String,
    /// Whether the projected month reaches the level.
    pub projected_reached: bool,
    /// How many events the projected month must lose to stay under the level.
    pub to_prevent: u64,
}

/// The response of `dispute.monitor`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct MonitorResponse {
    /// The month.
    pub month: String,
    /// The region whose thresholds applied.
    pub region: String,
    /// Days in the month.
    pub days_in_month: u32,
    /// Every level of every program with figures, program by program, lowest level first.
    pub levels: Vec<ProgramStatus>,
    /// Mastercard's Excessive Fraud Merchant criteria, with fraud figures.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub efm: Option<EfmStatus>,
    /// Why.
    pub reasons: Vec<DisputeReason>,
}

const RATIO_DP: u32 = 8;

/// count / denominator, rounded toward zero to eight decimals (zero over zero).
fn ratio(count: u64, denominator: u64) -> Decimal {
    if denominator == 0 {
        return Decimal::ZERO;
    }
    Decimal::from(count)
        .checked_div(Decimal::from(denominator))
        .unwrap_or(Decimal::ZERO)
        .round_dp_with_strategy(RATIO_DP, RoundingStrategy::ToZero)
}

/// Whether `count` over `denominator` reaches `threshold` with at least `min` events:
/// exactly, as count ≥ threshold × denominator.
fn reaches(count: u64, denominator: u64, t: &CompiledThreshold) -> bool {
    let bar = t.ratio.checked_mul(Decimal::from(denominator));
    count >= t.threshold.min_count && bar.is_some_and(|b| Decimal::from(count) >= b)
}

/// The most events a month can have and stay under the level.
fn allowed(denominator: u64, t: &CompiledThreshold) -> u64 {
    let below_min = t.threshold.min_count.saturating_sub(1);
    let by_ratio = t
        .ratio
        .checked_mul(Decimal::from(denominator))
        .map(|b| b.ceil())
        .and_then(|b| u64::try_from(b).ok())
        .map_or(u64::MAX, |b| b.saturating_sub(1));
    below_min.max(by_ratio)
}

/// `value` over `elapsed` days scaled to the month's `days`, rounded down.
fn project(value: u64, days: u32, elapsed: u32) -> u64 {
    let scaled = u128::from(value) * u128::from(days) / u128::from(elapsed.max(1));
    u64::try_from(scaled).unwrap_or(u64::MAX)
}

/// The length of the month starting `first`.
fn days_in(first: NaiveDate) -> Option<u32> {
    let next = first.checked_add_months(chrono::Months::new(1))?;
    u32::try_from((next - first).num_days()).ok()
}

/// A program's count and denominator so far and projected over the month.
struct Figures {
    count: u64,
    denominator: u64,
    projected_count: u64,
    projected_denominator: u64,
}

/// One level of a program against its figures.
fn level(t: &CompiledThreshold, f: &Figures) -> ProgramStatus {
    let now = ratio(f.count, f.denominator);
    let distance = t.ratio.checked_sub(now).unwrap_or(Decimal::ZERO);
    ProgramStatus {
        program: t.threshold.program,
        level: t.threshold.level,
        rule: t.threshold.id.clone(),
        source: t.threshold.source.clone(),
        threshold: decimal_text(&t.ratio),
        min_count: t.threshold.min_count,
        count: f.count,
        denominator: f.denominator,
        ratio: decimal_text(&now.normalize()),
        distance: decimal_text(&distance.normalize()),
        reached: reaches(f.count, f.denominator, t),
        projected_count: f.projected_count,
        projected_denominator: f.projected_denominator,
        projected_ratio: decimal_text(
            &ratio(f.projected_count, f.projected_denominator).normalize(),
        ),
        projected_reached: reaches(f.projected_count, f.projected_denominator, t),
        to_prevent: f
            .projected_count
            .saturating_sub(allowed(f.projected_denominator, t)),
    }
}

/// Where a month's figures stand against the monitoring programs.
///
/// # Errors
/// `input.invalid` at `month` for a month that is not `YYYY-MM`; `dispute.out_of_range` at
/// `days_elapsed` outside 1 to the month's length, or at a denominator of zero under a
/// positive count; `dispute.no_threshold` at `region` when a program with figures has no
/// threshold in force.
///
/// # Example
/// ```
/// use recourse_payments::dispute::{monitor, MonitorRequest, VampFigures};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request = MonitorRequest {
///     month: "2026-11".into(),
///     days_elapsed: 15,
///     region: None,
///     vamp: Some(VampFigures { fraud_reports: 400, disputes: 500, cnp_settled: 100_000 }),
///     mastercard: None,
///     mastercard_fraud: None,
///     locale: None,
/// };
/// let answer = monitor(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// let vamp = &answer.levels[0];
/// assert_eq!(vamp.ratio, "0.009");
/// assert!(!vamp.reached); // 900 events: below VAMP's minimum of 1,500
/// assert_eq!(vamp.projected_count, 1800);
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn monitor(
    engine: &impl Provides<DisputeCapability>,
    request: &MonitorRequest,
    trace: &mut Trace,
) -> Result<MonitorResponse, Error> {
    let cx = engine.context()?;
    let (first, days) = month(request)?;
    let region = request.region.clone().unwrap_or_else(|| "global".into());
    let programs = programs(request, days)?;
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let compiled = &cx.section().compiled;
    let (levels, mut reasons) = program_levels(compiled, &programs, &region, first, locale, trace)?;
    let efm = match &request.mastercard_fraud {
        Some(f) => {
            let (status, reason) = fraud_status(compiled, f, &region, first, locale, trace)?;
            reasons.push(reason);
            Some(status)
        }
        None => None,
    };
    Ok(MonitorResponse {
        month: request.month.clone(),
        region,
        days_in_month: days,
        levels,
        efm,
        reasons,
    })
}

/// The month's first day and its length, with `days_elapsed` checked against it.
fn month(request: &MonitorRequest) -> Result<(NaiveDate, u32), Error> {
    let first = crate::calendar::parse_date(&format!("{}-01", request.month))
        .filter(|d| request.month.len() == 7 && d.day() == 1)
        .ok_or_else(|| {
            let detail = "expected a month as YYYY-MM".into();
            Error::new(crate::error::InputError::Invalid { detail }, "month")
        })?;
    let days = days_in(first).ok_or_else(|| Error::new(DisputeError::OutOfRange, "month"))?;
    let elapsed = request.days_elapsed;
    if elapsed == 0 || elapsed > days {
        return Err(Error::new(DisputeError::OutOfRange, "days_elapsed"));
    }
    Ok((first, days))
}

/// The programs with figures in the request, Visa's first, with their figures so far and
/// projected over the month's `days`.
fn programs(request: &MonitorRequest, days: u32) -> Result<Vec<(Program, Figures)>, Error> {
    let elapsed = request.days_elapsed;
    let mut programs = Vec::new();
    if let Some(v) = &request.vamp {
        programs.push((Program::VisaVamp, vamp_figures(v, days, elapsed)?));
    }
    if let Some(m) = &request.mastercard {
        programs.push((Program::MastercardEcp, ecp_figures(m, days, elapsed)?));
    }
    Ok(programs)
}

/// VAMP's figures: fraud reports and disputes over settled card-not-present transactions,
/// both projected.
fn vamp_figures(v: &VampFigures, days: u32, elapsed: u32) -> Result<Figures, Error> {
    let count = v.fraud_reports.saturating_add(v.disputes);
    if v.cnp_settled == 0 && count > 0 {
        return Err(Error::new(DisputeError::OutOfRange, "vamp.cnp_settled"));
    }
    Ok(Figures {
        count,
        denominator: v.cnp_settled,
        projected_count: project(count, days, elapsed),
        projected_denominator: project(v.cnp_settled, days, elapsed),
    })
}

/// The Excessive Chargeback Program's figures: this month's chargebacks (projected) over
/// the previous month's sales (as they are).
fn ecp_figures(m: &MastercardFigures, days: u32, elapsed: u32) -> Result<Figures, Error> {
    if m.prior_month_sales == 0 && m.chargebacks > 0 {
        return Err(Error::new(
            DisputeError::OutOfRange,
            "mastercard.prior_month_sales",
        ));
    }
    Ok(Figures {
        count: m.chargebacks,
        denominator: m.prior_month_sales,
        projected_count: project(m.chargebacks, days, elapsed),
        projected_denominator: m.prior_month_sales,
    })
}

/// Every level in force of every program against its figures, with a reason each.
fn program_levels(
    compiled: &Compiled,
    programs: &[(Program, Figures)],
    region: &str,
    first: NaiveDate,
    locale: Locale,
    trace: &mut Trace,
) -> Result<(Vec<ProgramStatus>, Vec<DisputeReason>), Error> {
    let mut levels = Vec::new();
    let mut reasons = Vec::new();
    for (program, figures) in programs {
        let thresholds = compiled.thresholds(*program, region, first);
        if thresholds.is_empty() {
            return Err(Error::new(DisputeError::NoThreshold, "region"));
        }
        for t in thresholds {
            let status = level(t, figures);
            trace.push("dispute.monitor", trace_line(&status));
            reasons.push(level_reason(&status, locale));
            levels.push(status);
        }
    }
    Ok((levels, reasons))
}

/// The Excessive Fraud Merchant criteria in force against the month's fraud figures, with
/// its reason.
fn fraud_status(
    compiled: &Compiled,
    f: &EfmFigures,
    region: &str,
    first: NaiveDate,
    locale: Locale,
    trace: &mut Trace,
) -> Result<(EfmStatus, DisputeReason), Error> {
    let criteria = compiled.efm(region, first);
    let criteria = criteria.ok_or_else(|| Error::new(DisputeError::NoThreshold, "region"))?;
    let status = efm(criteria, f)?;
    trace.push(
        "dispute.monitor",
        format!(
            "{}: ratio {} against {}; excessive: {}",
            status.rule, status.ratio, status.threshold, status.reached
        ),
    );
    let args = Args {
        text: Some(format!(
            "mastercard_efm: {} / {}",
            status.ratio, status.threshold
        )),
        ..Args::default()
    };
    let code = if status.reached {
        R::ProgramExcessive
    } else {
        R::ProgramBelow
    };
    let reason = messages::reason(code, &status.rule, locale, &args);
    Ok((status, reason))
}

/// The EFM criteria against the month's fraud figures; amounts in the criteria's currency.
fn efm(c: &CompiledEfm, f: &EfmFigures) -> Result<EfmStatus, Error> {
    let currency = c.threshold.min_fraud_amount.currency();
    for (money, path) in [
        (&f.sales_amount, "mastercard_fraud.sales_amount"),
        (&f.fraud_amount, "mastercard_fraud.fraud_amount"),
    ] {
        if money.currency() != currency {
            return Err(Error::new(DisputeError::CurrencyMismatch, path));
        }
    }
    if f.secure_bp > 10_000 {
        return Err(Error::new(
            DisputeError::OutOfRange,
            "mastercard_fraud.secure_bp",
        ));
    }
    let (sales, fraud) = (f.sales_amount.amount(), f.fraud_amount.amount());
    let ratio = if sales > Decimal::ZERO {
        fraud.checked_div(sales).unwrap_or(Decimal::ZERO)
    } else {
        Decimal::ZERO
    };
    let ratio_reached =
        c.ratio.checked_mul(sales).is_some_and(|bar| fraud >= bar) && sales > Decimal::ZERO;
    let sales_reached = f.sales >= c.threshold.min_sales;
    let amount_reached = fraud >= c.threshold.min_fraud_amount.amount();
    let secure_under = f.secure_bp < c.threshold.secure_under_bp;
    Ok(EfmStatus {
        rule: c.threshold.id.clone(),
        source: c.threshold.source.clone(),
        ratio: decimal_text(
            &ratio
                .round_dp_with_strategy(RATIO_DP, RoundingStrategy::ToZero)
                .normalize(),
        ),
        threshold: decimal_text(&c.ratio),
        sales_reached,
        amount_reached,
        ratio_reached,
        secure_under,
        reached: sales_reached && amount_reached && ratio_reached && secure_under,
    })
}

/// The trace line of one level.
fn trace_line(s: &ProgramStatus) -> String {
    format!(
        "{} ({}): {} / {} = {} against {} with at least {}; projected {} / {}; prevent {}",
        s.rule,
        s.level.as_str(),
        s.count,
        s.denominator,
        s.ratio,
        s.threshold,
        s.min_count,
        s.projected_count,
        s.projected_denominator,
        s.to_prevent
    )
}

/// The reason of one level: reached, projected to be reached, or below.
fn level_reason(s: &ProgramStatus, locale: Locale) -> DisputeReason {
    let code = if s.reached {
        R::ProgramExcessive
    } else if s.projected_reached {
        R::ProgramProjected
    } else {
        R::ProgramBelow
    };
    let args = Args {
        count: Some(s.to_prevent),
        text: Some(format!(
            "{} {}: {} / {}",
            s.program.as_str(),
            s.level.as_str(),
            s.ratio,
            s.threshold
        )),
        ..Args::default()
    };
    messages::reason(code, &s.rule, locale, &args)
}

impl Operation for Monitor {
    const NAME: &'static str = "dispute.monitor";
    const SUMMARY: &'static str =
        "a month's figures against Visa VAMP and Mastercard's Excessive Chargeback Program: exact ratios, status, distance to each threshold, the month's projection and disputes to prevent";
    type Capability = DisputeCapability;
    type Request = MonitorRequest;
    type Response = MonitorResponse;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &MonitorRequest,
        trace: &mut Trace,
    ) -> Result<MonitorResponse, Error> {
        monitor(cx, request, trace)
    }
}

//! `monitor.rates`: a failure rate (declines, refund failures, early fraud warnings) in a
//! current window against a baseline (the same weekday and hour, or a trailing window, as
//! the host counts them; retries of one card counted once, by their final outcome).
//!
//! An alert needs, all at once: at least the minimum volume on both sides and the minimum
//! of failures now (`monitor.rates`); a rise of the failure rate of at least the tolerance,
//! in basis points of attempts; and a two-proportion z-test past its critical value. Each
//! test is exact, in integers: the rise as 10000·(f₁n₂ − f₂n₁) ≥ tolerance·n₁n₂, the z-test
//! as (f₁n₂ − f₂n₁)²·N·10⁶ ≥ z²·F·(N − F)·n₁n₂ in arbitrary width. Below the volumes the
//! answer is "not enough data", never an alert. Rates are written in percent, rounded
//! toward zero to two decimals.

use schemars::JsonSchema;
use serde::Serialize;

use super::attempts::AttemptCounter;
use super::counts::{CodeCount, Counts, Metric};
use super::event::PaymentEvent;
use super::words::{self, Alert, AlertKind, Severity};
use super::{MonitorCapability, MonitorError};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// The request of `monitor.rates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RatesRequest {
    /// What fails.
    pub metric: Metric,
    /// The current window's counts (or `events` and `current_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current: Option<Counts>,
    /// The baseline's counts (or `events` and `current_from`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub baseline: Option<Counts>,
    /// Events instead of counts, oldest first: those before `current_from` are the
    /// baseline, the others the current window; an authorization's retries of one card
    /// within `monitor.rates.retry_group_minutes` count once, by their final outcome.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<PaymentEvent>,
    /// Where the current window starts among `events`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub current_from: Option<Timestamp>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// The verdict.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RateVerdict {
    /// The rise passes every test.
    Alert,
    /// Enough data, no alert.
    Normal,
    /// A volume is under its minimum: too little to judge.
    NotEnoughData,
}

/// One code's share of the failures, then and now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CodeShift {
    /// The code.
    pub code: String,
    /// Its share of the baseline's failures, in percent.
    pub baseline_share: String,
    /// Its share of the current failures, in percent.
    pub current_share: String,
}

/// The response of `monitor.rates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RatesResponse {
    /// What fails.
    pub metric: Metric,
    /// The verdict.
    pub verdict: RateVerdict,
    /// The baseline's failure rate, in percent.
    pub baseline_rate: String,
    /// The current failure rate, in percent.
    pub current_rate: String,
    /// Whether the rise reaches the tolerance.
    pub over_tolerance: bool,
    /// Whether the z-test passes its critical value.
    pub significant: bool,
    /// The codes whose share grew most, largest rise first (three at most).
    pub grew: Vec<CodeShift>,
    /// The segments (methods, BINs) whose share of the failures grew most (three at most).
    pub segments_grew: Vec<CodeShift>,
    /// What happened, in one sentence.
    pub summary: String,
    /// The rule applied.
    pub rule: String,
    /// The alert, when the verdict is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub alert: Option<Alert>,
}

const MAX_COUNT: u64 = 1_000_000_000_000_000;

fn validate(c: &Counts, path: &str) -> Result<(), Error> {
    let bad = |p: &str| Error::new(MonitorError::InvalidCount, format!("{path}.{p}"));
    if c.total > MAX_COUNT {
        return Err(bad("total"));
    }
    if c.failed > c.total {
        return Err(bad("failed"));
    }
    for (name, list) in [("codes", &c.codes), ("segments", &c.segments)] {
        let mut sum = 0u64;
        for (i, code) in list.iter().enumerate() {
            sum = sum.saturating_add(code.count);
            if sum > c.failed {
                return Err(bad(&format!("{name}[{i}].count")));
            }
        }
    }
    Ok(())
}

/// `a · b` in little-endian 64-bit limbs.
fn mul(a: &[u64], b: &[u64]) -> Vec<u64> {
    let mut out = vec![0u64; a.len() + b.len()];
    for (i, x) in a.iter().enumerate() {
        let mut carry = 0u128;
        for (j, y) in b.iter().enumerate() {
            if let Some(slot) = out.get_mut(i + j) {
                let t = u128::from(*slot) + u128::from(*x) * u128::from(*y) + carry;
                *slot = t as u64;
                carry = t >> 64;
            }
        }
        if let Some(slot) = out.get_mut(i + b.len()) {
            *slot = carry as u64;
        }
    }
    out
}

fn limbs(v: u128) -> [u64; 2] {
    [v as u64, (v >> 64) as u64]
}

fn product(factors: &[u128]) -> Vec<u64> {
    factors
        .iter()
        .fold(vec![1u64], |acc, f| mul(&acc, &limbs(*f)))
}

/// `a ≥ b` for limbs of any lengths.
fn at_least(a: &[u64], b: &[u64]) -> bool {
    let width = a.len().max(b.len());
    for i in (0..width).rev() {
        let (x, y) = (
            a.get(i).copied().unwrap_or(0),
            b.get(i).copied().unwrap_or(0),
        );
        if x != y {
            return x > y;
        }
    }
    true
}

/// Whether the rise passes the two-proportion z-test at `z_milli` thousandths.
pub(crate) fn significant(now: &Counts, then: &Counts, z_milli: u32) -> bool {
    let (f1, n1, f2, n2) = (
        u128::from(now.failed),
        u128::from(now.total),
        u128::from(then.failed),
        u128::from(then.total),
    );
    let (up, down) = (f1 * n2, f2 * n1);
    if up <= down {
        return false;
    }
    let delta = up - down;
    let (big_f, big_n) = (f1 + f2, n1 + n2);
    let z = u128::from(z_milli);
    let left = product(&[delta, delta, big_n, 1_000_000]);
    let right = product(&[z * z, big_f, big_n - big_f, n1, n2]);
    at_least(&left, &right)
}

/// Whether the rise is at least `tolerance_bp` basis points of attempts.
pub(crate) fn over_tolerance(now: &Counts, then: &Counts, tolerance_bp: u32) -> bool {
    let (f1, n1, f2, n2) = (
        u128::from(now.failed),
        u128::from(now.total),
        u128::from(then.failed),
        u128::from(then.total),
    );
    let (up, down) = (f1 * n2 * 10_000, f2 * n1 * 10_000);
    up > down && up - down >= u128::from(tolerance_bp) * n1 * n2
}

/// part / whole in hundredths of a percent, rounded toward zero (zero over zero). Parts
/// are at most 10^15, so part × 10^4 fits.
fn percent(part: u64, whole: u64) -> u64 {
    part.saturating_mul(10_000).checked_div(whole).unwrap_or(0)
}

/// Hundredths of a percent written with two decimals and `separator`.
fn written(hundredths: u64, separator: char) -> String {
    let mut out = (hundredths / 100).to_string();
    out.push(separator);
    let cents = hundredths % 100;
    if cents < 10 {
        out.push('0');
    }
    out.push_str(&cents.to_string());
    out
}

fn text(hundredths: u64) -> String {
    written(hundredths, '.')
}

/// The codes whose share of the failures grew most, largest first.
fn shifts(
    now: &[CodeCount],
    now_failed: u64,
    then: &[CodeCount],
    then_failed: u64,
) -> Vec<(u64, CodeShift, u64, u64)> {
    let mut out: Vec<(u64, CodeShift, u64, u64)> = now
        .iter()
        .filter_map(|c| {
            let before = then
                .iter()
                .filter(|b| b.code == c.code)
                .map(|b| b.count)
                .sum();
            let (a, b) = (percent(before, then_failed), percent(c.count, now_failed));
            (b > a).then(|| {
                let shift = CodeShift {
                    code: c.code.clone(),
                    baseline_share: text(a),
                    current_share: text(b),
                };
                (b - a, shift, a, b)
            })
        })
        .collect();
    crate::sort::sort_by(&mut out, |x, y| y.0.cmp(&x.0).then(x.1.code.cmp(&y.1.code)));
    out.truncate(3);
    out
}

fn summary(
    metric: Metric,
    rates: (u64, u64),
    top: Option<(&str, u64, u64)>,
    locale: Locale,
) -> String {
    let what = match metric {
        Metric::Authorization => {
            locale.pick(["Declines", "As recusas", "Los rechazos", "Οι απορρίψεις"])
        }
        Metric::RefundFailure => locale.pick([
            "Refund failures",
            "As falhas de reembolso",
            "Los reembolsos fallidos",
            "Οι αποτυχημένες επιστροφές",
        ]),
        Metric::EarlyFraudWarning => locale.pick([
            "Early fraud warnings",
            "Os alertas de fraude",
            "Las alertas de fraude",
            "Οι προειδοποιήσεις απάτης",
        ]),
    };
    let [went, to] = locale.pick([
        [" went from ", " to "],
        [" passaram de ", " para "],
        [" pasaron del ", " al "],
        [" πήγαν από ", " σε "],
    ]);
    let mut out = format!(
        "{what}{went}{}%{to}{}%",
        written(rates.0, locale.decimal_separator()),
        written(rates.1, locale.decimal_separator())
    );
    if let Some((code, a, b)) = top {
        let [rose, of] = locale.pick([
            [" rose from ", " of failures"],
            [" subiu de ", " das falhas"],
            [" subió del ", " de los fallos"],
            [" ανέβηκε από ", " των αποτυχιών"],
        ]);
        out.push_str("; ");
        out.push_str(code);
        out.push_str(rose);
        out.push_str(&written(a, locale.decimal_separator()));
        out.push('%');
        out.push_str(to);
        out.push_str(&written(b, locale.decimal_separator()));
        out.push('%');
        out.push_str(of);
    }
    out.push('.');
    out
}

/// The two windows' counts: as given, or folded from the events.
fn counts(request: &RatesRequest, retry_minutes: u32) -> Result<(Counts, Counts), Error> {
    match (&request.current, &request.baseline, request.current_from) {
        (Some(now), Some(then), None) if request.events.is_empty() => {
            Ok((now.clone(), then.clone()))
        }
        (None, None, Some(from)) => {
            let seconds = retry_minutes.saturating_mul(60);
            let mut then = AttemptCounter::new(request.metric, seconds);
            let mut now = AttemptCounter::new(request.metric, seconds);
            let mut last = None;
            for (i, e) in request.events.iter().enumerate() {
                let at = |err: Error| err.under(&format!("events[{i}]"));
                if last.is_some_and(|l| e.at < l) {
                    return Err(at(Error::new(MonitorError::EventsOutOfOrder, "at")));
                }
                last = Some(e.at);
                let window = if e.at < from { &mut then } else { &mut now };
                window.push(e).map_err(at)?;
            }
            Ok((now.finish(), then.finish()))
        }
        _ => Err(Error::new(MonitorError::CountsOrEvents, ".")),
    }
}

/// A failure rate against its baseline.
///
/// # Errors
/// `monitor.invalid_count` at `current.*` or `baseline.*` (failures over the total, codes
/// over the failures, a count past 10^15); `monitor.empty_baseline` at `baseline.total`;
/// `monitor.counts_or_events` when neither both counts nor events with `current_from` are
/// given; `monitor.events_out_of_order` at `events[i].at`.
pub fn rates(
    engine: &impl Provides<MonitorCapability>,
    request: &RatesRequest,
    trace: &mut Trace,
) -> Result<RatesResponse, Error> {
    let cx: Context<'_, MonitorCapability> = engine.context()?;
    let rules = &cx.section().config.rates;
    let (now, then) = &counts(request, rules.retry_group_minutes)?;
    validate(now, "current")?;
    validate(then, "baseline")?;
    if then.total == 0 {
        return Err(Error::new(MonitorError::EmptyBaseline, "baseline.total"));
    }
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let enough = now.total >= rules.min_volume
        && then.total >= rules.min_baseline_volume
        && now.failed >= rules.min_impacted_volume;
    let over = over_tolerance(now, then, rules.tolerance_bp);
    let sig = significant(now, then, rules.z_milli);
    let verdict = match (enough, over && sig) {
        (false, _) => RateVerdict::NotEnoughData,
        (true, true) => RateVerdict::Alert,
        (true, false) => RateVerdict::Normal,
    };
    let (a, b) = (
        percent(then.failed, then.total),
        percent(now.failed, now.total),
    );
    let grew = shifts(&now.codes, now.failed, &then.codes, then.failed);
    let segments = shifts(&now.segments, now.failed, &then.segments, then.failed);
    let top = grew.first().map(|(_, s, x, y)| (s.code.as_str(), *x, *y));
    let summary = summary(request.metric, (a, b), top, locale);
    let alert = (verdict == RateVerdict::Alert).then(|| {
        let kind = match request.metric {
            Metric::Authorization => AlertKind::AuthorizationRateDrop,
            Metric::RefundFailure => AlertKind::RefundFailureSpike,
            Metric::EarlyFraudWarning => AlertKind::FraudWarningSpike,
        };
        let severe = over_tolerance(now, then, rules.tolerance_bp.saturating_mul(2));
        let severity = if severe {
            Severity::High
        } else {
            Severity::Medium
        };
        let ids = grew
            .iter()
            .chain(&segments)
            .map(|(_, s, _, _)| s.code.clone())
            .collect();
        words::alert(kind, severity, ids, "monitor.rates", None, locale)
    });
    trace.push(
        "monitor.rates",
        format!(
            "{}: {}% to {}%, tolerance {} bp, z {} milli",
            verdict.as_str(),
            text(a),
            text(b),
            rules.tolerance_bp,
            rules.z_milli
        ),
    );
    Ok(RatesResponse {
        metric: request.metric,
        verdict,
        baseline_rate: text(a),
        current_rate: text(b),
        over_tolerance: over,
        significant: sig,
        grew: grew.into_iter().map(|(_, s, _, _)| s).collect(),
        segments_grew: segments.into_iter().map(|(_, s, _, _)| s).collect(),
        summary,
        rule: "monitor.rates".to_owned(),
        alert,
    })
}

/// `monitor.rates`.
#[derive(Debug, Clone, Copy)]
pub struct Rates;

impl Operation for Rates {
    const NAME: &'static str = "monitor.rates";
    const SUMMARY: &'static str =
        "a failure rate (declines, refund failures, early fraud warnings) against a baseline, with minimum volumes, a tolerance and an exact two-proportion test; the codes that grew most";
    type Capability = MonitorCapability;
    type Request = RatesRequest;
    type Response = RatesResponse;

    fn run(
        cx: &Context<'_, MonitorCapability>,
        request: &RatesRequest,
        trace: &mut Trace,
    ) -> Result<RatesResponse, Error> {
        rates(cx, request, trace)
    }
}

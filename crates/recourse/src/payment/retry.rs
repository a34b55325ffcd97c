//! `payment.retry`: may this card be charged again at this store now?
//!
//! The attempt history of one card at one merchant, `now` and the store's retry policy give
//! one of three answers: allowed now, not before an instant, or never, with the rule that
//! decided. Every rule in force is checked and listed:
//! - never: a stop-payment instruction; a Visa category 1 decline; a Mastercard advice code
//!   03 or 21; a stop-payment response code; a response code whose reason no card recovers
//!   from (expired, lost, stolen, blocked, suspected fraud, closed account, not permitted:
//!   the class `payment.explain_decline` gives it); a generic decline when the store does
//!   not retry those. A "never" anywhere in the history is final: adding attempts never lifts it;
//! - not before: Visa's reattempts per 30 days after a category 2-4 decline; Mastercard's
//!   declines per 24 hours and same-amount declines per 30 days; advice codes 24-30 and
//!   their delay; in Brazil, Mastercard's 24 hours after a decline; the store's own limits
//!   and least interval.
//!
//! Network rules are a ceiling: the store's limits are checked beside them, so the stricter
//! always decides and a looser store limit is outranked by the network rule it exceeds.
//! Counts take every declined attempt in the window (approvals do not reset them), which is
//! never looser than counting consecutive declines.

use chrono::{DateTime, Datelike, Duration, FixedOffset};
use schemars::JsonSchema;
use serde::Serialize;

use super::codes::{self, Advice};
use super::decline::{network, Network};
use super::reason::{DeclineClass, DeclineReason};
use super::rules::{self, Rule};
use super::{PaymentCapability, PaymentError};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// How an attempt ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Approved.
    Approved,
    /// Declined.
    Declined,
}

/// One attempt to charge the card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Attempt {
    /// When.
    pub at: Timestamp,
    /// How it ended.
    pub outcome: Outcome,
    /// ISO 8583 field 39 of a decline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub response_code: Option<String>,
    /// Mastercard's merchant advice code of a decline.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub advice_code: Option<String>,
    /// The amount attempted.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// The request of `payment.retry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RetryRequest {
    /// The card's network (`visa`, `mastercard`, ...).
    pub network: String,
    /// The instant of the decision.
    pub now: Timestamp,
    /// Every attempt on this card at this store, oldest first, none after `now`.
    pub attempts: Vec<Attempt>,
    /// The amount of the next attempt (for same-amount limits).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// A domestic Brazilian card and merchant: Brazil's own rules apply.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub domestic_brazil: bool,
    /// The cardholder's stop-payment instruction is on file (Visa Stop Payment Service).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub stop_payment: bool,
}

/// The answer.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum RetryDecision {
    /// The card may be charged now.
    Allowed,
    /// Not before `not_before`.
    NotBefore,
    /// Never again.
    Never,
}

/// One rule as checked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RuleCheck {
    /// The rule's id.
    pub rule: String,
    /// Where it comes from.
    pub source: &'static str,
    /// What it says.
    pub decision: RetryDecision,
    /// Its instant, for `not_before`.
    pub not_before: Option<Timestamp>,
    /// Declines it counted, for count rules.
    pub counted: Option<u32>,
    /// For count rules: the most declines the window may already hold for a new attempt to
    /// be allowed (Visa's 20 reattempts: 20, the first decline being the original;
    /// Mastercard's 10 declines in 24 hours: 9).
    pub limit: Option<u32>,
}

/// The response of `payment.retry`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RetryResponse {
    /// Allowed now, not before an instant, or never.
    pub decision: RetryDecision,
    /// For `not_before`: the first instant every rule allows.
    pub not_before: Option<Timestamp>,
    /// The rule that decided (`null` when every rule allows).
    pub rule: Option<String>,
    /// Every rule checked, in order; the deciding one among them.
    pub checks: Vec<RuleCheck>,
    /// Rules under which the next attempt costs a fee.
    pub fees: Vec<String>,
}

/// Decides whether the card may be charged again.
///
/// # Errors
/// `payment.unknown_network` at `network`; `payment.history_too_long` at `attempts` beyond
/// the store's `payment.retry.max_history`; `payment.history_out_of_order` and
/// `payment.attempt_after_now` at `attempts[i].at`; `payment.advice_code_not_mastercard` at
/// `attempts[i].advice_code`; `payment.currency_mismatch` at `attempts[i].amount`;
/// `input.out_of_range` at `now` when an instant would lie past the supported years.
///
/// # Example
/// ```
/// use recourse_payments::payment::{retry, RetryDecision, RetryRequest};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request: RetryRequest = serde_json::from_str(r#"{"network": "mastercard",
///     "now": "2026-11-19T12:00:00-03:00", "attempts": [{"at": "2026-11-19T10:00:00-03:00",
///     "outcome": "declined", "response_code": "51", "advice_code": "25"}]}"#)?;
/// let out = retry(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(out.decision, RetryDecision::NotBefore);
/// assert_eq!(out.rule.as_deref(), Some("mastercard.mac.25"));
/// assert_eq!(out.not_before.map(|t| t.to_string()).as_deref(), Some("2026-11-20T10:00:00-03:00"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn retry(
    engine: &impl Provides<PaymentCapability>,
    request: &RetryRequest,
    trace: &mut Trace,
) -> Result<RetryResponse, Error> {
    let cx = engine.context()?;
    let policy = &cx.section().config.retry;
    let net = network(&request.network, "network")?;
    validate(request, net, policy.max_history)?;
    let now = request.now.as_datetime();
    let declines: Vec<&Attempt> = request
        .attempts
        .iter()
        .filter(|a| a.outcome == Outcome::Declined)
        .collect();
    let mut checks = never_checks(request, net, &declines, policy.retry_generic_declines);
    checks.extend(count_checks(request, net, &declines, now)?);
    checks.extend(delay_checks(
        request,
        net,
        &declines,
        policy.min_interval_minutes,
    )?);
    let merchant = [
        (
            "merchant.max_declines_per_30_days",
            policy.max_declines_per_30_days,
            30 * 24 * 60,
        ),
        (
            "merchant.max_declines_per_24_hours",
            policy.max_declines_per_24_hours,
            24 * 60,
        ),
    ];
    for (id, limit, window) in merchant {
        if let Some(limit) = limit {
            let source = "the store's retry policy (payment.retry)";
            let times: Vec<_> = declines.iter().map(|a| a.at.as_datetime()).collect();
            checks.push(count(
                id,
                source,
                &times,
                now,
                window,
                limit.saturating_sub(1),
            )?);
        }
    }
    for c in &mut checks {
        // A delay already over allows; its instant stays for the record.
        if c.decision == RetryDecision::NotBefore && c.not_before.is_some_and(|t| t <= request.now)
        {
            c.decision = RetryDecision::Allowed;
        }
    }
    let fees = fees(request, net, &declines);
    let (decision, not_before, rule) = decide(&checks, &request.now);
    trace.push(
        "payment.retry",
        format!(
            "{} rules checked over {} declines: {}{}",
            checks.len(),
            declines.len(),
            decision.as_str(),
            rule.as_deref()
                .map(|r| format!(" by {r}"))
                .unwrap_or_default()
        ),
    );
    Ok(RetryResponse {
        decision,
        not_before,
        rule,
        checks,
        fees,
    })
}

fn validate(request: &RetryRequest, net: Network, max_history: u32) -> Result<(), Error> {
    if request.attempts.len() > usize::try_from(max_history).unwrap_or(usize::MAX) {
        return Err(Error::new(PaymentError::HistoryTooLong, "attempts"));
    }
    let currency = request.amount.as_ref().map(Money::currency);
    let mut previous: Option<&Timestamp> = None;
    for (i, a) in request.attempts.iter().enumerate() {
        if previous.is_some_and(|p| a.at < *p) {
            return Err(Error::new(
                PaymentError::HistoryOutOfOrder,
                format!("attempts[{i}].at"),
            ));
        }
        if a.at > request.now {
            return Err(Error::new(
                PaymentError::AttemptAfterNow,
                format!("attempts[{i}].at"),
            ));
        }
        if a.advice_code.is_some() && net != Network::Mastercard {
            return Err(Error::new(
                PaymentError::AdviceCodeNotMastercard,
                format!("attempts[{i}].advice_code"),
            ));
        }
        let other = a.amount.as_ref().map(Money::currency);
        if let (Some(c), Some(o)) = (currency, other) {
            if c != o {
                return Err(Error::new(
                    PaymentError::CurrencyMismatch,
                    format!("attempts[{i}].amount"),
                ));
            }
        }
        previous = Some(&a.at);
    }
    Ok(())
}

fn never(rule: &str, source: &'static str) -> RuleCheck {
    RuleCheck {
        rule: rule.to_owned(),
        source,
        decision: RetryDecision::Never,
        not_before: None,
        counted: None,
        limit: None,
    }
}

/// The reason of a decline's response code, read in its network's table.
fn reason_of(net: Network, code: &str) -> Option<DeclineReason> {
    match net {
        Network::Visa => codes::find(codes::VISA_CODES, code),
        _ => codes::find(codes::ISO8583_CODES, code),
    }
}

/// The rules that forbid any retry, each listed once when it applies.
fn never_checks(
    request: &RetryRequest,
    net: Network,
    declines: &[&Attempt],
    retry_generic: bool,
) -> Vec<RuleCheck> {
    let mut out = Vec::new();
    if request.stop_payment {
        out.push(never(
            "recourse.stop_payment_instruction",
            "Visa Stop Payment Service (checkout.com manage-your-decline-response-codes)",
        ));
    }
    let mut previous: Option<&Attempt> = None;
    for a in declines {
        // A decline with the same codes as the one before forbids nothing new, unless its
        // code's category changes with the date.
        let same = previous.is_some_and(|p| {
            p.response_code == a.response_code
                && p.advice_code == a.advice_code
                && !a.response_code.as_deref().is_some_and(codes::is_dated)
        });
        if !same {
            decline_nevers(net, a, &mut out);
        }
        previous = Some(a);
    }
    let last_generic = declines.last().is_some_and(|a| {
        let code = a.response_code.as_deref().unwrap_or("");
        let generic = reason_of(net, code) == Some(DeclineReason::IssuerDeclined);
        let day = a.at.as_datetime().date_naive();
        generic
            || (net == Network::Visa
                && reason_of(net, code).is_none()
                && codes::visa_category(code, day) == 4)
    });
    if !retry_generic && last_generic {
        out.push(never(
            "merchant.retry_generic_declines",
            "the store's retry policy (payment.retry.retry_generic_declines)",
        ));
    }
    out
}

/// The rules one decline forbids any retry under, each listed once.
fn decline_nevers(net: Network, a: &Attempt, out: &mut Vec<RuleCheck>) {
    let seen = |rule: &str, source: &'static str, out: &mut Vec<RuleCheck>| {
        if !out.iter().any(|c| c.rule == rule) {
            out.push(never(rule, source));
        }
    };
    let code = a.response_code.as_deref();
    let day = a.at.as_datetime().date_naive();
    if let (Network::Visa, Some(c)) = (net, code) {
        if codes::visa_category(c, day) == 1 {
            seen("visa.category_1", codes::VISA.reference, out);
        }
    }
    let table = match net {
        Network::Visa => &codes::VISA,
        _ => &codes::ISO8583,
    };
    match code.and_then(|c| reason_of(net, c)) {
        Some(DeclineReason::StopPayment) => {
            seen("recourse.stop_payment_response", table.reference, out);
        }
        // A reason no card recovers from (expired, lost, stolen, blocked, fraud, closed
        // account, not permitted) is never retried, even where the network only counts:
        // stricter than the network, never looser.
        Some(r) if r.class() == DeclineClass::NeverRetry => {
            seen(
                &format!("recourse.reason.{}", r.as_str()),
                table.reference,
                out,
            );
        }
        _ => {}
    }
    match a
        .advice_code
        .as_deref()
        .and_then(|c| codes::find(codes::MASTERCARD_ADVICE_CODES, c))
    {
        Some(Advice::DoNotTryAgain) => {
            seen("mastercard.mac.03", codes::MASTERCARD_ADVICE.reference, out);
        }
        Some(Advice::StopRecurring) => {
            seen("mastercard.mac.21", codes::MASTERCARD_ADVICE.reference, out);
        }
        _ => {}
    }
}

/// A count rule: at most `max` declines in the rolling `window` (minutes) before a new
/// attempt; `times` in time order.
fn count(
    rule: &str,
    source: &'static str,
    times: &[DateTime<FixedOffset>],
    now: DateTime<FixedOffset>,
    window: i64,
    max: u32,
) -> Result<RuleCheck, Error> {
    let window = Duration::minutes(window);
    // `times` are in order: those inside the window are a suffix.
    let first = match now.checked_sub_signed(window) {
        Some(start) => times.partition_point(|t| *t <= start),
        None => 0,
    };
    let inside = times.get(first..).unwrap_or(&[]);
    let n = u32::try_from(inside.len()).unwrap_or(u32::MAX);
    let (decision, not_before) = if n <= max {
        (RetryDecision::Allowed, None)
    } else {
        // The oldest declines must leave the window until `max` remain.
        let leaving = usize::try_from(n - max - 1).unwrap_or(usize::MAX);
        let at = inside
            .get(leaving)
            .and_then(|t| t.checked_add_signed(window))
            .map(Timestamp::from)
            .filter(Timestamp::is_supported)
            .ok_or_else(|| Error::new(crate::error::InputError::OutOfRange, "now"))?;
        (RetryDecision::NotBefore, Some(at))
    };
    Ok(RuleCheck {
        rule: rule.to_owned(),
        source,
        decision,
        not_before,
        counted: Some(n),
        limit: Some(max),
    })
}

/// The networks' count rules in force at `now`.
fn count_checks(
    request: &RetryRequest,
    net: Network,
    declines: &[&Attempt],
    now: DateTime<FixedOffset>,
) -> Result<Vec<RuleCheck>, Error> {
    let day = now.date_naive();
    let times: Vec<_> = declines.iter().map(|a| a.at.as_datetime()).collect();
    let mut out = Vec::new();
    let with = |rule: &Rule, max: &dyn Fn(u32) -> u32, times: &[DateTime<FixedOffset>]| {
        rule.on(day)
            .map(|d| {
                count(
                    rule.id,
                    d.source,
                    times,
                    now,
                    rule.window_minutes,
                    max(d.value),
                )
            })
            .transpose()
    };
    match net {
        Network::Visa => {
            // The first decline is the original; the next attempt is reattempt number n.
            out.extend(with(&rules::VISA_REATTEMPTS_30_DAYS, &|v| v, &times)?);
        }
        Network::Mastercard => {
            let less = |v: u32| v.saturating_sub(1);
            out.extend(with(&rules::MASTERCARD_DECLINES_24_HOURS, &less, &times)?);
            let same: Vec<_> = declines
                .iter()
                .filter(|a| match (&request.amount, &a.amount) {
                    (Some(next), Some(this)) => next == this,
                    _ => true,
                })
                .map(|a| a.at.as_datetime())
                .collect();
            out.extend(with(&rules::MASTERCARD_SAME_AMOUNT_30_DAYS, &less, &same)?);
        }
        Network::Other => {}
    }
    Ok(out)
}

fn not_before(
    rule: &str,
    source: &'static str,
    at: &Timestamp,
    minutes: i64,
) -> Result<RuleCheck, Error> {
    let t = at
        .as_datetime()
        .checked_add_signed(Duration::minutes(minutes))
        .map(Timestamp::from)
        .filter(Timestamp::is_supported)
        .ok_or_else(|| Error::new(crate::error::InputError::OutOfRange, "now"))?;
    Ok(RuleCheck {
        rule: rule.to_owned(),
        source,
        decision: RetryDecision::NotBefore,
        not_before: Some(t),
        counted: None,
        limit: None,
    })
}

/// Delays after the last decline (advice codes 24-30, Brazil's 24 hours) and the store's
/// least interval after the last attempt.
fn delay_checks(
    request: &RetryRequest,
    net: Network,
    declines: &[&Attempt],
    min_interval: u32,
) -> Result<Vec<RuleCheck>, Error> {
    let mut out = Vec::new();
    if let Some(last) = declines.last() {
        let advice = last
            .advice_code
            .as_deref()
            .and_then(|c| codes::find(codes::MASTERCARD_ADVICE_CODES, c).map(|a| (c, a)));
        if let Some((code, Advice::RetryAfterMinutes(m))) = advice {
            let rule = format!("mastercard.mac.{code}");
            out.push(not_before(
                &rule,
                codes::MASTERCARD_ADVICE.reference,
                &last.at,
                i64::from(m),
            )?);
        }
        let day = last.at.as_datetime().date_naive();
        if let (true, Network::Mastercard, Some(d)) = (
            request.domestic_brazil,
            net,
            rules::MASTERCARD_BRAZIL_INTERVAL.on(day),
        ) {
            let id = rules::MASTERCARD_BRAZIL_INTERVAL.id;
            out.push(not_before(id, d.source, &last.at, i64::from(d.value))?);
        }
    }
    if let (Some(last), true) = (request.attempts.last(), min_interval > 0) {
        let source = "the store's retry policy (payment.retry.min_interval_minutes)";
        out.push(not_before(
            "merchant.min_interval",
            source,
            &last.at,
            i64::from(min_interval),
        )?);
    }
    Ok(out)
}

/// Fees the next attempt would incur: Mastercard in Brazil from the 8th retry of a month.
fn fees(request: &RetryRequest, net: Network, declines: &[&Attempt]) -> Vec<String> {
    let now = request.now.as_datetime();
    let rule = &rules::MASTERCARD_BRAZIL_FEE_FROM_RETRY;
    match (request.domestic_brazil, net, rule.on(now.date_naive())) {
        (true, Network::Mastercard, Some(d)) => {
            let month = declines
                .iter()
                .filter(|a| {
                    let t = a.at.as_datetime().with_timezone(now.offset());
                    t.year() == now.year() && t.month() == now.month()
                })
                .count();
            // The month's first decline is the original; the next attempt is retry `month`.
            if u32::try_from(month).unwrap_or(u32::MAX) >= d.value {
                vec![rule.id.to_owned()]
            } else {
                Vec::new()
            }
        }
        _ => Vec::new(),
    }
}

/// The strictest answer among the checks: never, then the latest `not_before` still in the
/// future, then allowed.
fn decide(
    checks: &[RuleCheck],
    now: &Timestamp,
) -> (RetryDecision, Option<Timestamp>, Option<String>) {
    if let Some(c) = checks.iter().find(|c| c.decision == RetryDecision::Never) {
        return (RetryDecision::Never, None, Some(c.rule.clone()));
    }
    let latest = checks
        .iter()
        .filter_map(|c| c.not_before.map(|t| (t, c)))
        .filter(|(t, _)| t > now)
        .max_by_key(|(t, _)| *t);
    match latest {
        Some((t, c)) => (RetryDecision::NotBefore, Some(t), Some(c.rule.clone())),
        None => (RetryDecision::Allowed, None, None),
    }
}

/// `payment.retry`.
#[derive(Debug, Clone, Copy)]
pub struct Retry;

impl Operation for Retry {
    const NAME: &'static str = "payment.retry";
    const SUMMARY: &'static str =
        "whether a card may be charged again at this store: allowed now, not before an instant, or never, with the network or store rule that decided";
    type Capability = PaymentCapability;
    type Request = RetryRequest;
    type Response = RetryResponse;

    fn run(
        cx: &Context<'_, PaymentCapability>,
        request: &RetryRequest,
        trace: &mut Trace,
    ) -> Result<RetryResponse, Error> {
        retry(cx, request, trace)
    }

    fn now(request: &RetryRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

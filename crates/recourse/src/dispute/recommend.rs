//! `dispute.recommend`: fight, accept, refund before it becomes a chargeback, or submit the
//! credit already given, by expected loss.
//!
//! The losses, in minor units, exactly:
//! - accept: the amount at stake plus the dispute fee;
//! - refund (at an inquiry or on a pre-dispute alert): the amount at stake plus the alert
//!   fee, if any;
//! - fight: with `p` the win rate, `p × (handling + the fees not returned on a win) +
//!   (1 − p) × (amount + dispute fee + counter fee + handling)`.
//!
//! `p` is the merchant's own win rate for the category (configuration, in basis points; the
//! library ships none) scaled by the evidence's completeness: the prior is read as the win
//! rate of answers with complete evidence. Without a prior the merchant's odds are unknown,
//! so fighting is never recommended on them: the answer assumes a loss and says so, and a
//! case with complete evidence goes to a person (`review`).
//!
//! An order already refunded (succeeded or pending refunds) in full is never fought and
//! never refunded again: the answer is `submit_credit`, with the amounts.

use schemars::JsonSchema;
use serde::Serialize;

use super::classify::lookup;
use super::config::{AlertKind, Fees};
use super::messages::{self, Args, Code as R, DisputeReason};
use super::{Category, DisputeCapability, DisputeError, Network, Stage};
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::error::MoneyError;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.recommend`.
#[derive(Debug, Clone, Copy)]
pub struct Recommend;

/// Where a refund of the disputed payment stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum RefundState {
    /// Sent.
    Succeeded,
    /// Accepted, not settled yet: counts as paid out.
    Pending,
    /// Failed or cancelled: does not count.
    Failed,
}

/// A refund of the disputed payment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RefundEntry {
    /// Its amount, in the dispute's currency.
    pub amount: Money,
    /// Where it stands.
    pub state: RefundState,
}

/// A pre-dispute alert.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Alert {
    /// The service that sent it.
    pub kind: AlertKind,
}

/// The request of `dispute.recommend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RecommendRequest {
    /// The network.
    pub network: Network,
    /// Its reason code.
    pub code: String,
    /// The stage the dispute is at.
    pub stage: Stage,
    /// The disputed amount.
    pub amount: Money,
    /// Refunds of the disputed payment.
    #[serde(default)]
    pub refunds: Vec<RefundEntry>,
    /// The evidence's completeness in basis points, as `dispute.evidence` gives it.
    pub evidence_bp: u32,
    /// A pre-dispute alert, when the case is one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub alert: Option<Alert>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// What to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Action {
    /// Contest it with evidence.
    Fight,
    /// Accept the loss.
    Accept,
    /// Refund now, before it becomes a chargeback.
    Refund,
    /// Already refunded: submit the refund as evidence, never refund again.
    SubmitCredit,
    /// A person decides.
    Review,
}

/// One option with its expected loss.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Scenario {
    /// The option.
    pub action: Action,
    /// Its expected loss, rounded half up to the minor unit.
    pub expected_loss: Money,
}

/// The response of `dispute.recommend`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RecommendResponse {
    /// What to do.
    pub action: Action,
    /// The normalized category.
    pub category: Category,
    /// Refunded already (succeeded and pending).
    pub refunded: Money,
    /// The amount still at stake.
    pub at_stake: Money,
    /// The merchant's win rate for the category, if configured, in basis points.
    pub win_rate_bp: Option<u32>,
    /// The win rate scaled by the evidence's completeness, in basis points (rounded down).
    pub effective_win_bp: u32,
    /// The options weighed, cheapest first.
    pub scenarios: Vec<Scenario>,
    /// Why.
    pub reasons: Vec<DisputeReason>,
}

fn check_request(request: &RecommendRequest) -> Result<Money, Error> {
    if request.amount.is_negative() {
        return Err(Error::new(DisputeError::OutOfRange, "amount"));
    }
    if request.evidence_bp > 10_000 {
        return Err(Error::new(DisputeError::OutOfRange, "evidence_bp"));
    }
    let currency = request.amount.currency();
    let mut refunded = Money::zero(currency);
    for (i, r) in request.refunds.iter().enumerate() {
        let path = format!("refunds[{i}].amount");
        if r.amount.currency() != currency {
            return Err(Error::new(DisputeError::CurrencyMismatch, path));
        }
        if r.amount.is_negative() {
            return Err(Error::new(DisputeError::OutOfRange, path));
        }
        if r.state != RefundState::Failed {
            refunded = refunded
                .checked_add(&r.amount)
                .map_err(|e| Error::new(e, path))?;
        }
    }
    Ok(refunded)
}

/// The expected losses of each available option, in ten-thousandths of a minor unit.
struct Losses {
    accept: i128,
    refund: Option<i128>,
    fight: i128,
}

fn losses(fees: &Fees, stake: i128, p: i128, refundable: bool) -> Option<Losses> {
    let (d, c, h) = (
        fees.dispute_fee.to_minor(),
        fees.counter_fee.to_minor(),
        fees.handling_cost.to_minor(),
    );
    let alert = fees.alert_fee.map_or(0, |f| f.to_minor());
    let kept_on_win = h
        .checked_add(if fees.dispute_fee_returned_on_win {
            0
        } else {
            d
        })?
        .checked_add(if fees.counter_fee_returned_on_win {
            0
        } else {
            c
        })?;
    let lost = stake.checked_add(d)?.checked_add(c)?.checked_add(h)?;
    let fight_loss = p
        .checked_mul(kept_on_win)?
        .checked_add((10_000 - p).checked_mul(lost)?)?;
    Some(Losses {
        accept: stake.checked_add(d)?.checked_mul(10_000)?,
        refund: if refundable {
            Some(stake.checked_add(alert)?.checked_mul(10_000)?)
        } else {
            None
        },
        fight: fight_loss,
    })
}

/// Ten-thousandths of a minor unit to money, half up.
fn money(scaled: i128, like: &Money) -> Result<Money, Error> {
    let minor = scaled
        .checked_add(5_000)
        .map(|x| x / 10_000)
        .ok_or_else(|| Error::new(MoneyError::Overflow, "amount"))?;
    Money::from_minor(minor, like.currency()).map_err(|e| Error::new(e, "amount"))
}

/// Fight, accept, refund or submit the credit, by expected loss.
///
/// # Errors
/// `dispute.unknown_code` at `code`; `dispute.out_of_range` at `amount` or `evidence_bp`;
/// `dispute.currency_mismatch` at `refunds[i].amount`; `dispute.no_fees` at `amount` when
/// the configuration has no fees in the dispute's currency.
///
/// # Example
/// ```
/// use recourse_payments::dispute::{recommend, Action, Network, RecommendRequest, RefundEntry, RefundState, Stage};
/// use recourse_payments::money::Money;
/// let engine = recourse_payments::Engine::default_store()?;
/// let request = RecommendRequest {
///     network: Network::Visa,
///     code: "13.1".into(),
///     stage: Stage::Chargeback,
///     amount: Money::parse("120.00", "BRL")?,
///     refunds: vec![RefundEntry { amount: Money::parse("120.00", "BRL")?, state: RefundState::Succeeded }],
///     evidence_bp: 10_000,
///     alert: None,
///     locale: None,
/// };
/// let answer = recommend(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(answer.action, Action::SubmitCredit);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn recommend(
    engine: &impl Provides<DisputeCapability>,
    request: &RecommendRequest,
    trace: &mut Trace,
) -> Result<RecommendResponse, Error> {
    let cx = engine.context()?;
    let code = lookup(request.network, &request.code, "code")?;
    let refunded = check_request(request)?;
    let amount = request.amount;
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let config = &cx.section().config;
    let prior = config.win_rates.get(&code.category).copied();
    let effective = prior.map_or(0, |p| {
        u32::try_from(u64::from(p) * u64::from(request.evidence_bp) / 10_000).unwrap_or(0)
    });
    let mut out = RecommendResponse {
        action: Action::Accept,
        category: code.category,
        refunded,
        at_stake: Money::zero(amount.currency()),
        win_rate_bp: prior,
        effective_win_bp: effective,
        scenarios: Vec::new(),
        reasons: Vec::new(),
    };
    if refunded.to_minor() >= amount.to_minor() {
        trace.push(
            "dispute.double_payout_guard",
            format!(
                "refunded {refunded} covers the disputed {amount}: never fight, never refund again"
            ),
        );
        out.action = Action::SubmitCredit;
        let args = Args {
            amount: Some(refunded),
            ..Args::default()
        };
        let rule = "recourse.no_double_payout";
        out.reasons
            .push(messages::reason(R::SubmitCredit, rule, locale, &args));
        return Ok(out);
    }
    let stake = amount
        .checked_sub(&refunded)
        .map_err(|e| Error::new(e, "amount"))?;
    out.at_stake = stake;
    if !refunded.is_zero() {
        let args = Args {
            amount: Some(refunded),
            other: Some(stake),
            ..Args::default()
        };
        let rule = "recourse.no_double_payout";
        out.reasons
            .push(messages::reason(R::PartlyRefunded, rule, locale, &args));
    }
    if let Some(rule) = auto_refund(&cx, request, &stake) {
        trace.push(
            "dispute.auto_refund",
            format!("{}: {stake} within {}", rule.id, rule.up_to),
        );
        out.action = Action::Refund;
        let args = Args {
            amount: Some(stake),
            other: Some(rule.up_to),
            ..Args::default()
        };
        out.reasons
            .push(messages::reason(R::AutoRefund, &rule.id, locale, &args));
        return Ok(out);
    }
    weigh(cx, request, code.fightable, out, trace)
}

fn auto_refund<'a>(
    cx: &Context<'a, DisputeCapability>,
    request: &RecommendRequest,
    stake: &Money,
) -> Option<&'a super::AutoRefundRule> {
    let kind = request.alert.as_ref()?.kind;
    cx.section().config.auto_refund.iter().find(|r| {
        r.alerts.contains(&kind)
            && r.up_to.currency() == stake.currency()
            && stake.to_minor() <= r.up_to.to_minor()
    })
}

fn weigh(
    cx: Context<'_, DisputeCapability>,
    request: &RecommendRequest,
    fightable: bool,
    mut out: RecommendResponse,
    trace: &mut Trace,
) -> Result<RecommendResponse, Error> {
    let stake = out.at_stake;
    let fees = cx
        .section()
        .config
        .fees
        .iter()
        .find(|f| f.dispute_fee.currency() == stake.currency())
        .ok_or_else(|| Error::new(DisputeError::NoFees, "amount"))?;
    let refundable = request.alert.is_some() || request.stage == Stage::Inquiry;
    let has_prior = out.win_rate_bp.is_some();
    let p = i128::from(out.effective_win_bp);
    let l = losses(fees, stake.to_minor(), p, refundable)
        .ok_or_else(|| Error::new(MoneyError::Overflow, "amount"))?;
    let mut options = vec![(Action::Accept, l.accept)];
    if let Some(r) = l.refund {
        options.insert(0, (Action::Refund, r));
    }
    if fightable && has_prior {
        options.push((Action::Fight, l.fight));
    }
    // Cheapest first; among equals refund, then accept, then fight (the order above).
    crate::sort::sort_by_key(&mut options, |(_, loss)| *loss);
    for (action, loss) in &options {
        let expected_loss = money(*loss, &stake)?;
        out.scenarios.push(Scenario {
            action: *action,
            expected_loss,
        });
    }
    let (best, best_loss) = options
        .first()
        .copied()
        .unwrap_or((Action::Accept, l.accept));
    trace.push(
        "dispute.expected_loss",
        format!(
            "fees {} (source: {}); win rate {} bp scaled by evidence {} bp = {} bp; cheapest: {}",
            fees.dispute_fee,
            fees.source,
            out.win_rate_bp.map_or("none".to_owned(), |w| w.to_string()),
            request.evidence_bp,
            out.effective_win_bp,
            best.as_str()
        ),
    );
    let review = !has_prior && fightable && request.evidence_bp == 10_000 && best != Action::Refund;
    out.action = if review { Action::Review } else { best };
    // The sentence compares with accepting, or, for an acceptance, with fighting (at the
    // win rate, or lost for sure without one).
    let other = match best {
        Action::Accept => l.fight,
        _ => l.accept,
    };
    explain(cx, request, &mut out, best_loss, other)?;
    Ok(out)
}

/// The decision's reasons: no prior, then the action with its amounts.
fn explain(
    cx: Context<'_, DisputeCapability>,
    request: &RecommendRequest,
    out: &mut RecommendResponse,
    best_loss: i128,
    other: i128,
) -> Result<(), Error> {
    let stake = out.at_stake;
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let category = Some(out.category);
    if out.win_rate_bp.is_none() {
        let args = Args {
            category,
            ..Args::default()
        };
        let rule = "dispute.win_rates";
        out.reasons
            .push(messages::reason(R::NoPrior, rule, locale, &args));
    }
    // A refund's sentence names the amount refunded; the others the expected loss (and an
    // acceptance's customer sentence the amount disputed, `stake`).
    let amount = match out.action {
        Action::Refund => stake,
        _ => money(best_loss, &stake)?,
    };
    let args = Args {
        amount: Some(amount),
        other: Some(money(other, &stake)?),
        stake: Some(stake),
        category,
        ..Args::default()
    };
    let code = match out.action {
        Action::Fight => R::Fight,
        Action::Refund => R::Refund,
        Action::Review => R::Review,
        Action::Accept | Action::SubmitCredit => R::Accept,
    };
    let rule = "dispute.expected_loss";
    out.reasons
        .push(messages::reason(code, rule, locale, &args));
    Ok(())
}

impl Operation for Recommend {
    const NAME: &'static str = "dispute.recommend";
    const SUMMARY: &'static str =
        "fight, accept, refund before a chargeback, or submit the credit already given, by expected loss over fees, handling cost, evidence and the merchant's own win rates";
    type Capability = DisputeCapability;
    type Request = RecommendRequest;
    type Response = RecommendResponse;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &RecommendRequest,
        trace: &mut Trace,
    ) -> Result<RecommendResponse, Error> {
        recommend(cx, request, trace)
    }
}

//! `compensation.offer`: the goodwill for one incident under a scheme.
//!
//! In order, each step citing its rule: the incident's tier by severity (none below every
//! tier); no goodwill for the customer's own fault unless the scheme lists the kind; the
//! tier's offer valued exactly in minor units; scaled by the customer's value (the highest
//! matching value rule, 100 % without one), never below the tier's floor; then cut to the
//! least of the caps (the incident's share of the order and its maximum, what each rolling
//! customer period has left, what the team's budget has left). A count cap reached or a
//! budget spent gives nothing. Anti-abuse rules send the claim to review with the offer it
//! would get. The least role that may grant the value is named; approval is needed when
//! the caller's role is below it. The answer holds the window and budget totals it assumed,
//! so that a host commits the offer only if they still hold (compare-and-swap).

use rust_decimal::prelude::ToPrimitive;
use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::config::{AbusePattern, Compiled, Fault, OfferKind, OfferSpec, Role, Scheme, Tier};
use super::incident::{kind_and_severity, Incident};
use super::messages::{self, kind_label, role_label, Args, Code, CompensationReason};
use super::{CompensationCapability, CompensationError};
use crate::calendar::Timestamp;
use crate::canonical::{decimal_text, Encode};
use crate::comms::Locale;
use crate::decode::Decode;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `compensation.offer`.
#[derive(Debug, Clone, Copy)]
pub struct OfferOp;

/// What is known of the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The name the customer sentences address.
    pub name: String,
    /// The customer's tier, one of the scheme's `customer_tiers`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// Days since the customer's first order.
    #[serde(default)]
    pub tenure_days: u32,
    /// What the customer has spent, in the scheme's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub lifetime_spend: Option<Money>,
    /// Disputes the customer has open.
    #[serde(default)]
    pub open_disputes: u32,
    /// Refunds in the customer's recent history, as the host counts them.
    #[serde(default)]
    pub recent_refunds: u32,
}

/// An earlier goodwill offer given to the customer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct HistoryEntry {
    /// When it was given.
    pub at: Timestamp,
    /// The incident kind it was for.
    pub kind: String,
    /// Its value.
    pub value: Money,
}

/// The request of `compensation.offer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferRequest {
    /// The scheme (a name under `compensation.schemes`); the default one without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// What went wrong.
    pub incident: Incident,
    /// The customer.
    pub customer: Customer,
    /// The customer's earlier goodwill, in any order.
    #[serde(default)]
    pub history: Vec<HistoryEntry>,
    /// What the team's budget has spent this period (required when the scheme has one).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget_spent: Option<Money>,
    /// The caller's role.
    pub caller: Role,
    /// Now.
    pub now: Timestamp,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// What the decision is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Give the offer.
    Offer,
    /// A person decides; `offer` is what the scheme would give.
    Review,
    /// No goodwill.
    None,
}

/// An offer, valued.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Offer {
    /// The kind.
    pub kind: OfferKind,
    /// What it is worth (for a percentage coupon, the most it takes off).
    pub value: Money,
    /// A percentage coupon's percentage.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// Points given.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub points: Option<u64>,
    /// When it expires.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub expires_at: Option<Timestamp>,
}

/// Who must approve.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Approval {
    /// The least role that grants the offer's value.
    pub required: Role,
    /// Whether the caller's role is below it.
    pub needed: bool,
}

/// A customer period's totals, before this offer.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Window {
    /// The cap's id.
    pub rule: String,
    /// The period, in days before `now`.
    pub days: u32,
    /// Offers in it.
    pub count: u32,
    /// Their value.
    pub amount: Money,
}

/// The totals the decision assumed: commit it only if they still hold.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Assumed {
    /// The history's entries.
    pub history_entries: u32,
    /// Each customer period's totals.
    pub windows: Vec<Window>,
    /// The budget's spending this period, as the request gave it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub budget_spent: Option<Money>,
}

/// The response of `compensation.offer`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct OfferResponse {
    /// The scheme.
    pub scheme: String,
    /// The incident kind.
    pub kind: String,
    /// Its severity, in the kind's measure.
    pub severity: String,
    /// The tier's id, when one applies.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub tier: Option<String>,
    /// The decision.
    pub outcome: Outcome,
    /// The offer (also under review: what the scheme would give).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub offer: Option<Offer>,
    /// Offers the customer may take instead, under the same caps.
    pub alternatives: Vec<Offer>,
    /// Who must approve the offer.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub approval: Option<Approval>,
    /// Whom the cost is claimed back from, when the scheme passes the fault on.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recover_from: Option<Fault>,
    /// The totals assumed.
    pub assumed: Assumed,
    /// Why, in order; the last addresses the customer by name.
    pub reasons: Vec<CompensationReason>,
}

/// The scheme's parts an offer reads.
pub(crate) struct Resolved<'a> {
    pub scheme: &'a Scheme,
    pub compiled: &'a Compiled,
}

/// The scheme named `name`, or the default one.
pub(crate) fn resolve<'a>(
    cx: &Context<'a, CompensationCapability>,
    name: Option<&str>,
    path: &str,
) -> Result<Resolved<'a>, Error> {
    let section = cx.section();
    let name = match name.or(section.config.default_scheme.as_deref()) {
        Some(n) => n,
        None => return Err(Error::new(CompensationError::NoScheme, path.to_owned())),
    };
    let scheme = section.config.schemes.get(name);
    let compiled = section.compiled.iter().find(|c| c.name == name);
    match (scheme, compiled) {
        (Some(scheme), Some(compiled)) => Ok(Resolved { scheme, compiled }),
        _ => Err(Error::new(
            CompensationError::UnknownScheme,
            path.to_owned(),
        )),
    }
}

/// Sentences, or nothing when only the figures are wanted (`compensation.simulate`).
pub(crate) struct Say<'a> {
    pub reasons: Vec<CompensationReason>,
    pub locale: Option<Locale>,
    pub name: &'a str,
}

impl Say<'_> {
    /// A decimal as the language writes it (`129,9` in Portuguese).
    fn number(&self, text: &str) -> String {
        let sep = self.locale.map_or('.', Locale::decimal_separator);
        text.replace('.', sep.encode_utf8(&mut [0; 4]))
    }

    fn say(&mut self, code: Code, rule: &str, amount: Option<Money>, count: u64, text: &str) {
        if let Some(locale) = self.locale {
            let args = Args {
                amount,
                count: Some(count),
                text,
                name: self.name,
            };
            self.reasons
                .push(messages::reason(code, rule, locale, &args));
        }
    }
}

fn money_at(minor: i128, like: &Money, path: &str) -> Result<Money, Error> {
    Money::from_minor(minor, like.currency()).map_err(|e| Error::new(e, path.to_owned()))
}

/// `floor(minor × percent / 100)`.
pub(crate) fn share(minor: i128, percent: Decimal) -> i128 {
    // A whole percentage (the usual case) in integers: the same floor, exactly.
    if percent.fract().is_zero() {
        if let Some(p) = percent.to_i128() {
            if let Some(product) = minor.checked_mul(p) {
                return product.div_euclid(100);
            }
        }
    }
    Decimal::try_from_i128_with_scale(minor, 0)
        .ok()
        .and_then(|d| d.checked_mul(percent))
        .and_then(|d| d.checked_div(Decimal::ONE_HUNDRED))
        .and_then(|d| d.floor().to_i128())
        .unwrap_or(0)
}

fn check_money(m: &Money, currency: &Money, path: String) -> Result<(), Error> {
    if m.currency() != currency.currency() {
        return Err(Error::new(CompensationError::CurrencyMismatch, path));
    }
    if m.is_negative() {
        return Err(Error::new(CompensationError::NegativeAmount, path));
    }
    Ok(())
}

/// Checks what the request says about money, the customer and the budget.
fn check_request(r: &Resolved<'_>, request: &OfferRequest) -> Result<Money, Error> {
    let zero = Money::zero(r.compiled.currency);
    let inc = &request.incident;
    check_money(&inc.order_value, &zero, "incident.order_value".into())?;
    if let Some(s) = &inc.shipping_paid {
        check_money(s, &zero, "incident.shipping_paid".into())?;
    }
    if let Some(s) = &request.customer.lifetime_spend {
        check_money(s, &zero, "customer.lifetime_spend".into())?;
    }
    if let Some(t) = &request.customer.tier {
        if !r.scheme.customer_tiers.contains(t) {
            return Err(Error::new(
                CompensationError::UnknownCustomerTier,
                "customer.tier",
            ));
        }
    }
    if let Some(s) = &request.budget_spent {
        check_money(s, &zero, "budget_spent".into())?;
    } else if r.scheme.limits.budget.is_some() {
        return Err(Error::new(CompensationError::MissingBudget, "budget_spent"));
    }
    Ok(zero)
}

/// The customer periods' totals, after checking every history entry, and each entry's
/// age in seconds.
pub(crate) fn windows(
    r: &Resolved<'_>,
    request: &OfferRequest,
    zero: &Money,
) -> Result<(Vec<Window>, Vec<i64>), Error> {
    let scheme = r.scheme;
    if request.history.len() > scheme.max_history as usize {
        return Err(Error::new(CompensationError::HistoryTooLong, "history"));
    }
    let now = request.now.as_datetime().timestamp();
    let mut out: Vec<Window> = scheme
        .limits
        .customer
        .iter()
        .map(|c| Window {
            rule: c.id.clone(),
            days: c.days,
            count: 0,
            amount: *zero,
        })
        .collect();
    let mut sums = vec![0i128; out.len()];
    let mut ages = Vec::with_capacity(request.history.len());
    for (i, e) in request.history.iter().enumerate() {
        // Currency codes compared in place (three bytes), not through a call to `memcmp`.
        let same = e
            .value
            .currency()
            .code()
            .bytes()
            .eq(zero.currency().code().bytes());
        if !same || e.value.is_negative() {
            check_money(&e.value, zero, format!("history[{i}].value"))?;
        }
        // A scheme has a handful of short kind names: compared in place, byte by byte after
        // the lengths, this is several times cheaper per entry than the map's lookup.
        let known = scheme
            .kinds
            .keys()
            .any(|k| k.len() == e.kind.len() && k.bytes().zip(e.kind.bytes()).all(|(a, b)| a == b));
        if !known {
            return Err(Error::new(
                CompensationError::UnknownKind,
                format!("history[{i}].kind"),
            ));
        }
        let age = now.saturating_sub(e.at.as_datetime().timestamp());
        if age < 0 {
            return Err(Error::new(
                CompensationError::HistoryAfterNow,
                format!("history[{i}].at"),
            ));
        }
        ages.push(age);
        for (w, sum) in out.iter_mut().zip(&mut sums) {
            if age < i64::from(w.days) * 86_400 {
                w.count = w.count.saturating_add(1);
                *sum = sum.saturating_add(e.value.to_minor());
            }
        }
    }
    for (w, sum) in out.iter_mut().zip(sums) {
        w.amount = money_at(sum, zero, "history")?;
    }
    for (w, cap) in out.iter().zip(&scheme.limits.customer) {
        let over_count = cap.max_count.is_some_and(|m| w.count > m);
        let over_amount = cap
            .max_amount
            .is_some_and(|m| w.amount.to_minor() > m.to_minor());
        if over_count || over_amount {
            return Err(Error::new(CompensationError::HistoryOverCap, "history"));
        }
    }
    Ok((out, ages))
}

/// The first tier whose range holds `severity`.
pub(crate) fn tier_of<'a>(
    r: &Resolved<'a>,
    kind: &str,
    severity: Decimal,
) -> Option<(usize, &'a Tier)> {
    let rule = r.scheme.kinds.get(kind)?;
    let ranges = r.compiled.tiers.get(kind)?;
    ranges
        .iter()
        .zip(&rule.tiers)
        .enumerate()
        .find(|(_, ((from, to), _))| severity >= *from && to.is_none_or(|t| severity < t))
        .map(|(i, (_, tier))| (i, tier))
}

/// An offer's value before customer value and caps, in minor units.
fn base_value(r: &Resolved<'_>, spec: &OfferSpec, incident: &Incident, severity: Decimal) -> i128 {
    let v = match spec.kind {
        OfferKind::Points => {
            let pv = spec.point_value.map_or(0, |m| m.to_minor());
            i128::from(spec.points.unwrap_or(0)).saturating_mul(pv)
        }
        OfferKind::ShippingRefund => incident.shipping_paid.map_or(0, |m| m.to_minor()),
        _ => match (&spec.amount, &spec.percent, &spec.per_unit) {
            (Some(a), _, _) => a.to_minor(),
            (None, Some(p), _) => {
                let pct = r.compiled.percents.get(p).copied().unwrap_or_default();
                share(incident.order_value.to_minor(), pct)
            }
            (None, None, Some(u)) => {
                let units = severity.ceil().to_i128().unwrap_or(0);
                units.saturating_mul(u.to_minor())
            }
            (None, None, None) => 0,
        },
    };
    spec.max.map_or(v, |m| v.min(m.to_minor()))
}

/// The percentage the customer's value scales offers by, with the rule that set it.
pub(crate) fn value_percent<'a>(r: &Resolved<'a>, c: &super::Customer) -> (u32, &'a str) {
    let spend = c.lifetime_spend.map_or(0, |m| m.to_minor());
    r.scheme
        .value_rules
        .iter()
        .filter(|v| {
            (v.customer_tiers.is_empty()
                || c.tier
                    .as_ref()
                    .is_some_and(|t| v.customer_tiers.contains(t)))
                && v.min_tenure_days.is_none_or(|d| c.tenure_days >= d)
                && v.min_lifetime_spend.is_none_or(|m| spend >= m.to_minor())
        })
        .fold((100, ""), |best, v| {
            if best.1.is_empty() || v.percent > best.0 {
                (v.percent, v.id.as_str())
            } else {
                best
            }
        })
}

/// The least of the caps, with the cap that set it; `None` when nothing caps the offer.
pub(crate) fn cap<'a>(
    r: &Resolved<'a>,
    request: &OfferRequest,
    windows: &[Window],
) -> Option<(i128, &'a str)> {
    let limits = &r.scheme.limits;
    let mut best: Option<(i128, &str)> = None;
    let mut take = |left: i128, rule: &'a str| {
        if best.is_none_or(|(b, _)| left < b) {
            best = Some((left.max(0), rule));
        }
    };
    if let Some(inc) = &limits.incident {
        if let Some(share_pct) = r.compiled.share {
            take(
                share(request.incident.order_value.to_minor(), share_pct),
                &inc.id,
            );
        }
        if let Some(m) = &inc.max {
            take(m.to_minor(), &inc.id);
        }
    }
    for (w, c) in windows.iter().zip(&limits.customer) {
        if let Some(m) = &c.max_amount {
            take(m.to_minor().saturating_sub(w.amount.to_minor()), &c.id);
        }
    }
    if let (Some(b), Some(spent)) = (&limits.budget, &request.budget_spent) {
        take(b.amount.to_minor().saturating_sub(spent.to_minor()), &b.id);
    }
    best
}

/// The anti-abuse rule that sends the claim to review, with its count.
fn abuse<'a>(
    r: &Resolved<'a>,
    request: &OfferRequest,
    kind: &str,
    ages: &[i64],
) -> Option<(&'a str, u32)> {
    let within = |days: u32, same: bool| {
        let n = request
            .history
            .iter()
            .zip(ages)
            .filter(|(e, age)| (!same || e.kind == kind) && **age < i64::from(days) * 86_400)
            .count();
        u32::try_from(n).unwrap_or(u32::MAX)
    };
    r.scheme.abuse.iter().find_map(|rule| {
        let days = rule.days.unwrap_or(0);
        let n = match rule.pattern {
            AbusePattern::SameKind => within(days, true),
            AbusePattern::AfterOffer => within(days, false),
            AbusePattern::RefundFrequency => request.customer.recent_refunds,
            AbusePattern::OpenDisputes => request.customer.open_disputes,
        };
        (n >= rule.count).then_some((rule.id.as_str(), n))
    })
}

/// One offer valued: base, customer value, floor, caps. Sentences only for the main one.
struct Valued {
    offer: Option<Offer>,
    minor: i128,
}

fn value_one(
    r: &Resolved<'_>,
    request: &OfferRequest,
    tier: &Tier,
    spec: &OfferSpec,
    caps: (Option<(i128, &str)>, (u32, &str)),
    severity: Decimal,
    say: Option<&mut Say<'_>>,
) -> Result<Valued, Error> {
    let (cap, (pct, value_rule)) = caps;
    let like = &request.incident.order_value;
    let base = base_value(r, spec, &request.incident, severity);
    let scaled = base.saturating_mul(i128::from(pct)) / 100;
    let floor = tier.floor.map_or(0, |f| f.to_minor());
    let floored = scaled.max(floor);
    let mut v = floored;
    if let Some((c, _)) = cap {
        v = v.min(c);
    }
    let mut points = None;
    if spec.kind == OfferKind::Points {
        let pv = spec.point_value.map_or(0, |m| m.to_minor());
        let n = if pv > 0 { v / pv } else { 0 };
        v = n.saturating_mul(pv);
        points = u64::try_from(n).ok();
    }
    if let Some(say) = say {
        let steps = [base, scaled, floor, floored];
        explain_value(say, tier, (pct, value_rule), cap, steps, severity, like)?;
    }
    if v <= 0 {
        return Ok(Valued {
            offer: None,
            minor: 0,
        });
    }
    let expires_at = spec.expires_in_days.and_then(|d| {
        let at = request.now.as_datetime();
        at.checked_add_signed(chrono::TimeDelta::days(i64::from(d)))
            .map(Timestamp::from)
    });
    let offer = Offer {
        kind: spec.kind,
        value: money_at(v, like, ".")?,
        percent: spec
            .percent
            .as_ref()
            .filter(|_| spec.kind == OfferKind::PercentCoupon)
            .map(|p| {
                r.compiled
                    .percents
                    .get(p)
                    .map_or_else(|| p.clone(), decimal_text)
            }),
        points,
        expires_at,
    };
    Ok(Valued {
        offer: Some(offer),
        minor: v,
    })
}

/// The main offer's steps as reasons: the tier, the customer's value, the floor, the cap.
fn explain_value(
    say: &mut Say<'_>,
    tier: &Tier,
    (pct, value_rule): (u32, &str),
    cap: Option<(i128, &str)>,
    [base, scaled, floor, floored]: [i128; 4],
    severity: Decimal,
    like: &Money,
) -> Result<(), Error> {
    let text = say.number(&decimal_text(&severity));
    let amount = |minor: i128| money_at(minor, like, ".").map(Some);
    say.say(Code::Tier, &tier.id, amount(base)?, 0, &text);
    if pct != 100 {
        say.say(
            Code::Scaled,
            value_rule,
            amount(scaled)?,
            u64::from(pct),
            "",
        );
    }
    if floored > scaled {
        say.say(Code::Floor, &tier.id, amount(floor)?, 0, "");
    }
    if let Some((c, rule)) = cap.filter(|(c, _)| *c < floored) {
        say.say(Code::Capped, rule, amount(c)?, 0, "");
    }
    Ok(())
}

/// The least role that grants `minor`.
pub(crate) fn required_role(scheme: &Scheme, minor: i128) -> Role {
    if minor <= scheme.approval.agent.to_minor() {
        Role::Agent
    } else if minor <= scheme.approval.lead.to_minor() {
        Role::Lead
    } else {
        Role::Manager
    }
}

/// Decides; sentences when `say.locale` is set.
pub(crate) fn decide(
    cx: &Context<'_, CompensationCapability>,
    request: &OfferRequest,
    say: &mut Say<'_>,
) -> Result<OfferResponse, Error> {
    let r = resolve(cx, request.scheme.as_deref(), "scheme")?;
    let (kind, severity) = kind_and_severity(&request.incident, r.scheme, &request.now)?;
    if !r.scheme.kinds.contains_key(&kind) {
        let path = if request.incident.kind.is_some() {
            "incident.kind"
        } else {
            "incident"
        };
        return Err(Error::new(CompensationError::UnknownKind, path));
    }
    let zero = check_request(&r, request)?;
    let (windows, ages) = windows(&r, request, &zero)?;
    let mut out = OfferResponse {
        scheme: r.compiled.name.clone(),
        kind,
        severity: decimal_text(&severity),
        tier: None,
        outcome: Outcome::None,
        offer: None,
        alternatives: Vec::new(),
        approval: None,
        recover_from: None,
        assumed: Assumed {
            history_entries: u32::try_from(request.history.len()).unwrap_or(u32::MAX),
            windows,
            budget_spent: request.budget_spent,
        },
        reasons: Vec::new(),
    };
    let Some((_, tier)) = tier_of(&r, &out.kind, severity) else {
        let rule = format!("kinds.{}", out.kind);
        let text = say.number(&out.severity);
        say.say(Code::BelowThreshold, &rule, None, 0, &text);
        return Ok(finish(out, say));
    };
    out.tier = Some(tier.id.clone());
    let fault = request.incident.fault;
    if fault == Fault::Customer && !r.scheme.faults.customer_kinds.contains(&out.kind) {
        say.say(Code::CustomerFault, "faults.customer_kinds", None, 0, "");
        return Ok(finish(out, say));
    }
    if blocked(&r, request, &out.assumed.windows, say) {
        return Ok(finish(out, say));
    }
    grant(&r, request, (tier, severity, &ages), out, say)
}

/// A count cap reached or a budget spent: nothing is given.
fn blocked(
    r: &Resolved<'_>,
    request: &OfferRequest,
    windows: &[Window],
    say: &mut Say<'_>,
) -> bool {
    for (w, c) in windows.iter().zip(&r.scheme.limits.customer) {
        if c.max_count.is_some_and(|m| w.count >= m) {
            say.say(Code::CountCap, &c.id, None, u64::from(w.count), "");
            return true;
        }
    }
    if let (Some(b), Some(spent)) = (&r.scheme.limits.budget, &request.budget_spent) {
        if spent.to_minor() >= b.amount.to_minor() {
            say.say(Code::Budget, &b.id, None, 0, "");
            return true;
        }
    }
    false
}

fn grant(
    r: &Resolved<'_>,
    request: &OfferRequest,
    (tier, severity, ages): (&Tier, Decimal, &[i64]),
    mut out: OfferResponse,
    say: &mut Say<'_>,
) -> Result<OfferResponse, Error> {
    let caps = (
        cap(r, request, &out.assumed.windows),
        value_percent(r, &request.customer),
    );
    let main = value_one(r, request, tier, &tier.offer, caps, severity, Some(say))?;
    for spec in &tier.alternatives {
        if let Some(o) = value_one(r, request, tier, spec, caps, severity, None)?.offer {
            out.alternatives.push(o);
        }
    }
    let Some(offer) = main.offer else {
        return Ok(finish(out, say));
    };
    let fault = request.incident.fault;
    if r.scheme.faults.pass_on.contains(&fault) {
        out.recover_from = Some(fault);
        if let Some(locale) = say.locale {
            let text = messages::fault_label(fault, locale);
            say.say(Code::PassOn, "faults.pass_on", None, 0, text);
        }
    }
    let required = required_role(r.scheme, main.minor);
    let needed = request.caller < required;
    out.approval = Some(Approval { required, needed });
    out.outcome = Outcome::Offer;
    if let Some((rule, n)) = abuse(r, request, &out.kind, ages) {
        out.outcome = Outcome::Review;
        say.say(Code::Review, rule, None, u64::from(n), "");
    }
    if needed {
        let rule = match required {
            Role::Agent => "approval.agent",
            Role::Lead => "approval.lead",
            Role::Manager => "approval.manager",
        };
        if let Some(locale) = say.locale {
            let label = role_label(required, locale);
            say.say(Code::Approval, rule, Some(offer.value), 0, label);
        }
    }
    out.offer = Some(offer);
    Ok(finish(out, say))
}

/// The last reason, addressed to the customer, and the reasons moved into the answer.
fn finish(mut out: OfferResponse, say: &mut Say<'_>) -> OfferResponse {
    match (&out.offer, say.locale) {
        (Some(o), Some(locale))
            if out.outcome == Outcome::Offer && !out.approval.is_some_and(|a| a.needed) =>
        {
            let rule = out.tier.clone().unwrap_or_default();
            say.say(
                Code::Offer,
                &rule,
                Some(o.value),
                0,
                kind_label(o.kind, locale),
            );
        }
        (None, _) => {
            // The rule of the reason that stopped the offer.
            let rule = say
                .reasons
                .last()
                .map(|r| r.rule.clone())
                .unwrap_or_default();
            say.say(Code::NoOffer, &rule, None, 0, "");
        }
        _ => {}
    }
    out.reasons = std::mem::take(&mut say.reasons);
    out
}

/// The goodwill for one incident.
///
/// # Errors
/// `compensation.no_scheme` / `compensation.unknown_scheme` at `scheme`;
/// `compensation.incident_shape`, `compensation.invalid_severity`,
/// `compensation.negative_severity`, `compensation.not_an_incident` and
/// `compensation.unknown_kind` under `incident`; `compensation.currency_mismatch` and
/// `compensation.negative_amount` at the amount; `compensation.unknown_customer_tier` at
/// `customer.tier`; `compensation.missing_budget` at `budget_spent`;
/// `compensation.history_too_long`, `compensation.history_after_now`,
/// `compensation.history_over_cap` under `history`.
///
/// # Example
/// ```
/// use recourse_payments::compensation::{offer, Customer, Incident, OfferRequest, Outcome, Role, Fault};
/// use recourse_payments::calendar::Timestamp;
/// use recourse_payments::money::Money;
/// let engine = recourse_payments::Engine::default_store()?;
/// let request = OfferRequest {
///     scheme: None,
///     incident: Incident {
///         kind: Some("duplicate_charge".into()),
///         severity: Some("120.00".into()),
///         from_sla: None,
///         from_refund: None,
///         fault: Fault::Merchant,
///         order_value: Money::parse("120.00", "BRL")?,
///         shipping_paid: None,
///     },
///     customer: Customer {
///         name: "Ana".into(), tier: None, tenure_days: 0, lifetime_spend: None,
///         open_disputes: 0, recent_refunds: 0,
///     },
///     history: vec![],
///     budget_spent: Some(Money::parse("0.00", "BRL")?),
///     caller: Role::Agent,
///     now: Timestamp::parse("2026-12-06T12:00:00-03:00")?,
///     locale: None,
/// };
/// let answer = offer(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(answer.outcome, Outcome::Offer);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn offer(
    engine: &impl Provides<CompensationCapability>,
    request: &OfferRequest,
    trace: &mut Trace,
) -> Result<OfferResponse, Error> {
    let cx = engine.context()?;
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let mut say = Say {
        reasons: Vec::new(),
        locale: Some(locale),
        name: &request.customer.name,
    };
    let out = decide(&cx, request, &mut say)?;
    trace.push(
        "compensation.offer",
        format!(
            "scheme {}: {} severity {} tier {}; {}",
            out.scheme,
            out.kind,
            out.severity,
            out.tier.as_deref().unwrap_or("none"),
            out.offer
                .as_ref()
                .map_or_else(|| "no offer".to_owned(), |o| o.value.to_string()),
        ),
    );
    Ok(out)
}

impl Operation for OfferOp {
    const NAME: &'static str = "compensation.offer";
    const SUMMARY: &'static str =
        "goodwill for an incident by severity, fault and customer value, under per-incident, per-customer and budget caps, anti-abuse review and approval tiers";
    type Capability = CompensationCapability;
    type Request = OfferRequest;
    type Response = OfferResponse;

    fn run(
        cx: &Context<'_, CompensationCapability>,
        request: &OfferRequest,
        trace: &mut Trace,
    ) -> Result<OfferResponse, Error> {
        offer(cx, request, trace)
    }

    fn now(request: &OfferRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

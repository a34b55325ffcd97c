//! `compensation`: goodwill schemes, each a table of incident kinds with tiers over a
//! severity measure, fault rules, customer-value rules, limits, anti-abuse rules and
//! approval limits. Every rule has an id that answers cite; every amount is in the
//! scheme's currency, and the scheme names its source.

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;
use crate::error::ConfigError;
use crate::money::{parse_decimal, Currency, Money};
use crate::Error;

/// The `compensation` section.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CompensationConfig {
    /// The scheme used when a request names none.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub default_scheme: Option<String>,
    /// The schemes, by name.
    #[serde(default)]
    pub schemes: BTreeMap<String, Scheme>,
}

/// A goodwill scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Scheme {
    /// The ISO 4217 currency of every amount of the scheme.
    pub currency: String,
    /// Where the scheme's figures come from (a published scheme, the store's decision).
    pub source: String,
    /// The first day the figures apply (`YYYY-MM-DD`), as data beside the source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub effective_from: Option<String>,
    /// The incident kinds, by name, each with its measure and tiers.
    pub kinds: BTreeMap<String, KindRule>,
    /// Who is at fault, and what follows from it.
    #[serde(default)]
    pub faults: FaultRules,
    /// The customer tiers requests may name (`standard`, `gold`).
    #[serde(default)]
    pub customer_tiers: Vec<String>,
    /// Rules scaling an offer by the customer's value; the highest matching percentage
    /// applies, 100 when none matches.
    #[serde(default)]
    pub value_rules: Vec<ValueRule>,
    /// Caps per incident, per customer and period, and the team's budget.
    #[serde(default)]
    pub limits: Limits,
    /// Patterns that send a claim to a person instead of paying it.
    #[serde(default)]
    pub abuse: Vec<AbuseRule>,
    /// The amounts each role may grant.
    pub approval: Approval,
    /// The incident kind an SLA breach becomes.
    #[serde(default = "sla_kind")]
    pub sla_kind: String,
    /// The incident kind a late refund becomes.
    #[serde(default = "refund_kind")]
    pub refund_kind: String,
    /// Most entries a request's goodwill history may hold.
    #[serde(default = "max_history")]
    pub max_history: u32,
}

fn sla_kind() -> String {
    "sla_breach".to_owned()
}

fn refund_kind() -> String {
    "refund_late".to_owned()
}

fn max_history() -> u32 {
    500
}

/// What is measured to find an incident's tier.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    /// Days late.
    DaysLate,
    /// Hours late.
    HoursLate,
    /// Hours a service was down.
    HoursDown,
    /// The amount affected, in the scheme's currency (a decimal).
    AmountAffected,
    /// How many times the customer had to get in touch.
    TimesContacted,
    /// How many times it happened (missed appointments, failed attempts).
    Occurrences,
}

/// An incident kind: its measure and its tiers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct KindRule {
    /// The measure of its severity.
    pub measure: Measure,
    /// Tiers over the measure; the first whose range holds the severity applies.
    pub tiers: Vec<Tier>,
}

/// A tier: a range of severity and the offer it gives.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Tier {
    /// The id answers cite.
    pub id: String,
    /// The least severity of the tier (a decimal string, inclusive).
    pub from: String,
    /// The severity the tier stops at (exclusive); open-ended without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub to: Option<String>,
    /// The offer.
    pub offer: OfferSpec,
    /// Offers the customer may take instead.
    #[serde(default)]
    pub alternatives: Vec<OfferSpec>,
    /// The least value of an offer of this tier after scaling by customer value (caps
    /// still apply).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub floor: Option<Money>,
}

/// A kind of goodwill.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum OfferKind {
    /// A percentage off the next order, up to a value.
    PercentCoupon,
    /// A fixed amount off the next order.
    FixedCoupon,
    /// Store credit.
    StoreCredit,
    /// The shipping paid, refunded.
    ShippingRefund,
    /// Free shipping on the next order, valued at `amount`.
    FreeShipping,
    /// Loyalty points, valued at `point_value` each.
    Points,
}

/// An offer as the scheme writes it. Its value is `amount`, or `percent` of the order
/// value, or `per_unit` times the severity counted up to a whole unit (per day late, per
/// missed appointment), or the shipping paid (`shipping_refund`), or
/// `points × point_value`; then at most `max`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct OfferSpec {
    /// The kind.
    pub kind: OfferKind,
    /// A fixed value.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// A percentage of the order value (a decimal string, `"10"` for 10 %).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub percent: Option<String>,
    /// A value per unit of severity (a started unit counts).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_unit: Option<Money>,
    /// The most the offer is worth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Money>,
    /// Points given (`points`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub points: Option<u64>,
    /// What one point is worth (`points`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point_value: Option<Money>,
    /// Days from `now` until the offer expires; it never expires without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub expires_in_days: Option<u32>,
}

/// A role that grants goodwill, lowest first.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A support agent.
    Agent,
    /// A team lead.
    Lead,
    /// A manager: any amount.
    Manager,
}

/// Who caused an incident.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Fault {
    /// The store.
    Merchant,
    /// The carrier.
    Carrier,
    /// The payment provider.
    PaymentProvider,
    /// The customer.
    Customer,
    /// Not known.
    Unknown,
}

/// What fault changes.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FaultRules {
    /// Incident kinds that still give goodwill when the customer is at fault (rule
    /// `faults.customer_kinds`); none otherwise.
    #[serde(default)]
    pub customer_kinds: Vec<String>,
    /// Faults whose cost is claimed back from that party (rule `faults.pass_on`): the
    /// offer is made and says whom to recover it from.
    #[serde(default)]
    pub pass_on: Vec<Fault>,
}

/// Scales an offer by the customer's value when every condition holds.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ValueRule {
    /// The id answers cite.
    pub id: String,
    /// Customer tiers it applies to; any without them.
    #[serde(default)]
    pub customer_tiers: Vec<String>,
    /// Least tenure, in days.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_tenure_days: Option<u32>,
    /// Least lifetime spend.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub min_lifetime_spend: Option<Money>,
    /// The offer's value in percent of the tier's (`150` adds half); never below the
    /// tier's floor.
    pub percent: u32,
}

/// Caps.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Limits {
    /// The cap of one incident.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub incident: Option<IncidentCap>,
    /// Caps per customer over rolling periods.
    #[serde(default)]
    pub customer: Vec<PeriodCap>,
    /// The team's budget for the current period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Budget>,
}

/// At most a share of the order value, and at most an amount, per incident.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IncidentCap {
    /// The id answers cite.
    pub id: String,
    /// The most an offer is worth in percent of the order value (a decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_percent: Option<String>,
    /// The most an offer is worth.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max: Option<Money>,
}

/// At most `max_count` offers and `max_amount` in value per customer in any `days`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PeriodCap {
    /// The id answers cite.
    pub id: String,
    /// The rolling period, in days before `now`.
    pub days: u32,
    /// Most offers in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_count: Option<u32>,
    /// Most value in the period.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub max_amount: Option<Money>,
}

/// The period a team budget runs over.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum BudgetPeriod {
    /// A calendar week.
    Week,
    /// A calendar month.
    Month,
    /// A calendar quarter.
    Quarter,
}

/// The team's budget: requests carry what the period has spent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Budget {
    /// The id answers cite.
    pub id: String,
    /// The period.
    pub period: BudgetPeriod,
    /// The amount for one period.
    pub amount: Money,
}

/// A pattern sent to review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum AbusePattern {
    /// At least `count` earlier offers for the same kind in the last `days`.
    SameKind,
    /// At least `count` earlier offers of any kind in the last `days`.
    AfterOffer,
    /// At least `count` refunds in the customer's recent history (as the host counts them).
    RefundFrequency,
    /// At least `count` disputes open.
    OpenDisputes,
}

/// An anti-abuse rule: the claim goes to a person.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AbuseRule {
    /// The id answers cite.
    pub id: String,
    /// The pattern.
    pub pattern: AbusePattern,
    /// The threshold.
    pub count: u32,
    /// The rolling period in days (`same_kind`, `after_offer`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub days: Option<u32>,
}

/// The most an agent and a team lead may grant; a manager grants any amount.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Approval {
    /// Up to this, an agent grants.
    pub agent: Money,
    /// Up to this, a team lead grants.
    pub lead: Money,
}

/// A scheme with its decimals read and its currency found.
#[derive(Debug, Clone)]
pub(crate) struct Compiled {
    pub name: String,
    pub currency: Currency,
    pub tiers: BTreeMap<String, Vec<(Decimal, Option<Decimal>)>>,
    pub percents: BTreeMap<String, Decimal>,
    pub share: Option<Decimal>,
}

fn problem(path: String, detail: &str) -> Error {
    Error::new(ConfigError::invalid(detail), path)
}

fn decimal(text: &str, path: String, problems: &mut Vec<Error>) -> Decimal {
    match parse_decimal(text) {
        Ok(d) if !d.is_sign_negative() => d,
        _ => {
            problems.push(problem(path, "a non-negative decimal string"));
            Decimal::ZERO
        }
    }
}

fn money(m: &Money, currency: Currency, path: String, problems: &mut Vec<Error>) {
    if m.currency() != currency {
        problems.push(problem(path, "an amount in the scheme's currency"));
    } else if m.is_negative() {
        problems.push(problem(path, "a non-negative amount"));
    }
}

/// Compiles every scheme, pushing each problem with its path.
pub(crate) fn compile(config: &CompensationConfig, problems: &mut Vec<Error>) -> Vec<Compiled> {
    if let Some(name) = &config.default_scheme {
        if !config.schemes.contains_key(name) {
            problems.push(problem(
                "compensation.default_scheme".into(),
                "a scheme named under compensation.schemes",
            ));
        }
    }
    config
        .schemes
        .iter()
        .map(|(name, scheme)| compile_scheme(name, scheme, problems))
        .collect()
}

fn compile_scheme(name: &str, s: &Scheme, problems: &mut Vec<Error>) -> Compiled {
    let at = format!("compensation.schemes.{name}");
    let currency = Currency::from_code(&s.currency).unwrap_or_else(|e| {
        problems.push(Error::new(e, format!("{at}.currency")));
        s.approval.agent.currency()
    });
    let mut out = Compiled {
        name: name.to_owned(),
        currency,
        tiers: BTreeMap::new(),
        percents: BTreeMap::new(),
        share: None,
    };
    for (kind, rule) in &s.kinds {
        let mut ranges = Vec::with_capacity(rule.tiers.len());
        for (i, tier) in rule.tiers.iter().enumerate() {
            let p = format!("{at}.kinds.{kind}.tiers[{i}]");
            let from = decimal(&tier.from, format!("{p}.from"), problems);
            let to = tier
                .to
                .as_ref()
                .map(|t| decimal(t, format!("{p}.to"), problems));
            ranges.push((from, to));
            let specs = std::iter::once(&tier.offer).chain(&tier.alternatives);
            for (j, spec) in specs.enumerate() {
                let sp = if j == 0 {
                    format!("{p}.offer")
                } else {
                    format!("{p}.alternatives[{}]", j - 1)
                };
                spec_problems(spec, currency, &sp, &mut out, problems);
            }
            if let Some(f) = &tier.floor {
                money(f, currency, format!("{p}.floor"), problems);
            }
        }
        out.tiers.insert(kind.clone(), ranges);
    }
    if let Some(date) = &s.effective_from {
        if !is_date(date) {
            problems.push(problem(
                format!("{at}.effective_from"),
                "a date, YYYY-MM-DD",
            ));
        }
    }
    rules_problems(s, &at, currency, &mut out, problems);
    out
}

/// Whether `text` is a calendar date written `YYYY-MM-DD`.
fn is_date(text: &str) -> bool {
    let mut parts = text.split('-');
    let mut next = |len: usize| {
        parts
            .next()
            .filter(|p| p.len() == len && p.bytes().all(|b| b.is_ascii_digit()))
            .and_then(|p| p.parse::<u32>().ok())
    };
    match (next(4), next(2), next(2)) {
        (Some(y), Some(m), Some(d)) => {
            let year = i32::try_from(y).unwrap_or(0);
            chrono::NaiveDate::from_ymd_opt(year, m, d).is_some() && parts.next().is_none()
        }
        _ => false,
    }
}

fn spec_problems(
    spec: &OfferSpec,
    currency: Currency,
    at: &str,
    out: &mut Compiled,
    problems: &mut Vec<Error>,
) {
    for (m, field) in [
        (&spec.amount, "amount"),
        (&spec.max, "max"),
        (&spec.per_unit, "per_unit"),
        (&spec.point_value, "point_value"),
    ] {
        if let Some(m) = m {
            money(m, currency, format!("{at}.{field}"), problems);
        }
    }
    if let Some(p) = &spec.percent {
        let d = decimal(p, format!("{at}.percent"), problems);
        out.percents.insert(p.clone(), d);
    }
    let (a, p, u) = (
        spec.amount.is_some(),
        spec.percent.is_some(),
        spec.per_unit.is_some(),
    );
    let points = spec.points.is_some() || spec.point_value.is_some();
    let ok = !points || spec.kind == OfferKind::Points;
    let ok = ok
        && match spec.kind {
            OfferKind::PercentCoupon => p && !a && !u,
            OfferKind::FixedCoupon => a != u && !p,
            OfferKind::FreeShipping => a && !p && !u,
            OfferKind::StoreCredit => u8::from(a) + u8::from(p) + u8::from(u) == 1,
            OfferKind::ShippingRefund => !a && !p && !u,
            OfferKind::Points => {
                spec.points.is_some() && spec.point_value.is_some() && !a && !p && !u
            }
        };
    if !ok {
        problems.push(problem(
            at.to_owned(),
            "percent_coupon takes percent; fixed_coupon amount or per_unit; free_shipping amount; store_credit one of amount, percent and per_unit; shipping_refund none of them; points take points and point_value only",
        ));
    }
}

fn rules_problems(
    s: &Scheme,
    at: &str,
    currency: Currency,
    out: &mut Compiled,
    problems: &mut Vec<Error>,
) {
    for (i, kind) in s.faults.customer_kinds.iter().enumerate() {
        if !s.kinds.contains_key(kind) {
            let p = format!("{at}.faults.customer_kinds[{i}]");
            problems.push(problem(p, "an incident kind of the scheme"));
        }
    }
    for (i, rule) in s.value_rules.iter().enumerate() {
        let p = format!("{at}.value_rules[{i}]");
        if rule
            .customer_tiers
            .iter()
            .any(|t| !s.customer_tiers.contains(t))
        {
            problems.push(problem(
                format!("{p}.customer_tiers"),
                "tiers named in customer_tiers",
            ));
        }
        if let Some(m) = &rule.min_lifetime_spend {
            money(m, currency, format!("{p}.min_lifetime_spend"), problems);
        }
        if rule.percent > 1_000 {
            problems.push(problem(format!("{p}.percent"), "at most 1000 percent"));
        }
    }
    limits_problems(s, at, currency, out, problems);
}

fn limits_problems(
    s: &Scheme,
    at: &str,
    currency: Currency,
    out: &mut Compiled,
    problems: &mut Vec<Error>,
) {
    if let Some(cap) = &s.limits.incident {
        let p = format!("{at}.limits.incident");
        out.share = cap
            .share_percent
            .as_ref()
            .map(|t| decimal(t, format!("{p}.share_percent"), problems));
        if let Some(m) = &cap.max {
            money(m, currency, format!("{p}.max"), problems);
        }
    }
    for (i, cap) in s.limits.customer.iter().enumerate() {
        let p = format!("{at}.limits.customer[{i}]");
        if cap.days == 0 || cap.days > 3_660 {
            problems.push(problem(format!("{p}.days"), "1 to 3660 days"));
        }
        if let Some(m) = &cap.max_amount {
            money(m, currency, format!("{p}.max_amount"), problems);
        }
    }
    if let Some(b) = &s.limits.budget {
        money(
            &b.amount,
            currency,
            format!("{at}.limits.budget.amount"),
            problems,
        );
    }
    for (i, rule) in s.abuse.iter().enumerate() {
        let windowed = matches!(
            rule.pattern,
            AbusePattern::SameKind | AbusePattern::AfterOffer
        );
        if windowed != rule.days.is_some() || rule.count == 0 {
            problems.push(problem(
                format!("{at}.abuse[{i}]"),
                "a positive count; days for same_kind and after_offer only",
            ));
        }
    }
    money(
        &s.approval.agent,
        currency,
        format!("{at}.approval.agent"),
        problems,
    );
    money(
        &s.approval.lead,
        currency,
        format!("{at}.approval.lead"),
        problems,
    );
    if s.approval.lead.to_minor() < s.approval.agent.to_minor() {
        problems.push(problem(
            format!("{at}.approval.lead"),
            "a team lead grants at least what an agent does",
        ));
    }
    if s.max_history == 0 {
        problems.push(problem(
            format!("{at}.max_history"),
            "a positive number of entries",
        ));
    }
}

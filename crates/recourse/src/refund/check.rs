//! `refund.check`: static analysis of a compiled policy, the way decision-table tools check
//! their tables: rules that can never fire, effects always decided by an earlier rule,
//! overlapping rules that contradict each other, cases no rule covers, fees that are never
//! charged, a store-credit bonus combined with a fee.
//!
//! The analysis enumerates every combination of the dimensions a rule can test —
//! category, channel, reason, item condition, customer standing, the final-sale, digital
//! and downloaded flags, and the order's age and value — under the hit policy the engine
//! applies (first match per effect, see [`super::policy`]). Categories and channels the policy names are grouped by the
//! rules that name them (two categories named by the same rules behave the same), plus one
//! class for every name the policy never mentions. A downloaded item is always digital.
//! Duplicate charges never consult the table (they are refunded in full), so they are not
//! enumerated.
//!
//! The order's age and value are enumerated too, as ranges: the rules' bounds
//! (`min_order_age_days`, the day after `max_order_age_days`, and per currency
//! `order_value_at_least` and `order_value_below`) cut them into ranges in which every rule
//! either matches every order or none, plus one class for a currency no value condition
//! names. So overlaps, shadowing and gaps are found along age and value as along the other
//! dimensions, and an example names the lowest age and value of its range.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::compile::{CFee, CRule, CWhen, CompiledPolicy, Eligibility};
use super::effects::{Effect, Effects};
use super::policy::{BonusBase, ItemCondition, Payer, Reason, Remedy, Rule, Standing};
use super::RefundCapability;
use super::RefundError;
use crate::money::Money;
use crate::ops::Operation;
use crate::ops::{Context, Provides};
use crate::receipt::Trace;
use crate::Error;

/// Most combinations examined per policy; beyond it the check reports
/// `refund.check.incomplete` instead of running for minutes.
const MAX_CELLS: usize = 2_000_000;
/// Most examples a finding lists.
const MAX_EXAMPLES: usize = 10;

/// The request of `refund.check`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The policy to check (a name under `refund.policies`); every policy of the engine
    /// without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
}

/// The response of `refund.check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CheckResponse {
    /// Whether no policy has a finding of severity `warning` or `error`.
    pub clean: bool,
    /// One report per policy checked, sorted by name.
    pub policies: Vec<PolicyReport>,
}

/// The findings on one policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct PolicyReport {
    /// The policy's name.
    pub policy: String,
    /// How many combinations of the finite dimensions were examined.
    pub combinations: u64,
    /// The findings, in the order of the rules they concern.
    pub findings: Vec<Finding>,
}

/// How serious a finding is.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    /// Worth knowing; the policy behaves as written.
    Info,
    /// Very likely not what the merchant meant.
    Warning,
}

/// The stable code of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
pub enum FindingCode {
    /// A rule never decides anything: it matches no case, or an earlier rule decides every
    /// effect it sets wherever it matches.
    #[serde(rename = "refund.check.unreachable_rule")]
    UnreachableRule,
    /// One effect of a rule is always decided by an earlier rule.
    #[serde(rename = "refund.check.shadowed_effect")]
    ShadowedEffect,
    /// Two rules overlap without one containing the other and decide an effect
    /// differently: where they overlap, only their order decides.
    #[serde(rename = "refund.check.contradiction")]
    Contradiction,
    /// Cases for which no rule gives a return window or refuses the item: the engine
    /// denies them with `refund.no_window`.
    #[serde(rename = "refund.check.uncovered_case")]
    UncoveredCase,
    /// A fee is only ever charged where store credit with a bonus is also offered: the
    /// credit is paid before fees, so the fee applies to money refunds only.
    #[serde(rename = "refund.check.bonus_with_fee")]
    BonusWithFee,
    /// Store credit can be worth more than the customer paid: a bonus without a cap (a
    /// warning), or a cap above 100% (a note).
    #[serde(rename = "refund.check.credit_exceeds_paid")]
    CreditExceedsPaid,
    /// A fee applies only to reasons that are the merchant's fault, for which fees are
    /// always waived: it is never charged.
    #[serde(rename = "refund.check.fee_never_charged")]
    FeeNeverCharged,
    /// Two policies apply to some of the same orders: a request that names no policy for
    /// such an order fails with `refund.ambiguous_policy`.
    #[serde(rename = "refund.check.overlapping_policies")]
    OverlappingPolicies,
    /// The policy names too many categories and channels to examine every combination.
    #[serde(rename = "refund.check.incomplete")]
    Incomplete,
}

impl FindingCode {
    /// The stable code text, such as `refund.check.unreachable_rule` (its `as_str`).
    pub fn code(self) -> &'static str {
        self.as_str()
    }
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// How serious it is.
    pub severity: Severity,
    /// The ids of the rules involved, the one the finding is about first.
    pub rules: Vec<String>,
    /// The configuration paths involved, such as `refund.policies.us_store.rules[4]`.
    pub paths: Vec<String>,
    /// What is wrong, in one sentence.
    pub message: String,
    /// How many combinations are concerned (uncovered cases, overlaps).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub combinations: Option<u64>,
    /// Some of the combinations concerned (at most 10).
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub examples: Vec<CaseExample>,
}

/// A combination of the finite dimensions: the facts of a case the table can tell apart.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CaseExample {
    /// The reason asked.
    pub reason: Reason,
    /// A category; `*` stands for any category the policy never names.
    pub category: String,
    /// A channel; `*` stands for any channel the policy never names.
    pub channel: String,
    /// The item's condition; absent when the request does not state it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub condition: Option<ItemCondition>,
    /// The customer's standing.
    pub standing: Standing,
    /// Sold as final sale.
    pub final_sale: bool,
    /// A digital good.
    pub digital: bool,
    /// A downloaded digital good.
    pub downloaded: bool,
    /// The order's age in days (the lowest of its range); absent when no rule tests it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_age_days: Option<i64>,
    /// The order's value (the lowest of its range); absent when no rule tests it or for a
    /// currency no rule's value condition names.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub order_value: Option<Money>,
}

/// `refund.check`: static analysis of a refund policy.
pub struct Check;

impl Operation for Check {
    const NAME: &'static str = "refund.check";
    const SUMMARY: &'static str =
        "Check a refund policy: unreachable rules, contradictions, uncovered cases, fees never charged";
    type Capability = RefundCapability;
    type Request = CheckRequest;
    type Response = CheckResponse;

    fn run(
        cx: &Context<'_, RefundCapability>,
        request: &CheckRequest,
        trace: &mut Trace,
    ) -> Result<CheckResponse, Error> {
        let response = check(cx, request.policy.as_deref())?;
        for report in &response.policies {
            trace.push(
                "refund.check.policy",
                format!(
                    "policy {}: {} combinations, {} findings",
                    report.policy,
                    report.combinations,
                    report.findings.len()
                ),
            );
        }
        Ok(response)
    }
}

/// Checks the engine's policy named `policy`, or every policy of the engine.
///
/// # Errors
/// `refund.unknown_policy` when no policy has that name; `refund.no_policy` when the engine
/// has none.
///
/// # Example
/// ```
/// let engine = recourse_payments::Engine::default_store()?;
/// let report = recourse_payments::refund::check(&engine, None)?;
/// assert!(report.clean);
/// assert_eq!(report.policies.len(), 2);
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn check(
    engine: &impl Provides<RefundCapability>,
    policy: Option<&str>,
) -> Result<CheckResponse, Error> {
    let cx = engine.context()?;
    let policies = cx.section().policies();
    let names: Vec<&str> = match policy {
        Some(name) => vec![policies.resolve(Some(name), "policy")?.name()],
        None if policies.is_empty() => {
            return Err(Error::new(RefundError::NoPolicy, "policy"));
        }
        None => {
            let mut all: Vec<&str> = policies.names().collect();
            crate::sort::sort(&mut all);
            all
        }
    };
    let mut reports = Vec::with_capacity(names.len());
    for name in names {
        let (Some(compiled), Some(written)) = (
            policies.get(Some(name)),
            cx.section().config.policies.get(name),
        ) else {
            return Err(Error::new(RefundError::UnknownPolicy, "policy"));
        };
        let mut report = check_policy(compiled, &written.rules);
        report
            .findings
            .extend(overlapping(policies.all(), compiled));
        reports.push(report);
    }
    let clean = reports
        .iter()
        .all(|r| r.findings.iter().all(|f| f.severity < Severity::Warning));
    Ok(CheckResponse {
        clean,
        policies: reports,
    })
}

/// The policies whose `applies_to` overlaps `policy`'s, when any policy declares one (a
/// policy without it applies to every order).
fn overlapping(all: &[CompiledPolicy], policy: &CompiledPolicy) -> Vec<Finding> {
    if all.iter().all(|p| p.applies_to.is_none()) {
        return Vec::new();
    }
    let any = super::compile::CAppliesTo::default();
    let mine = policy.applies_to.as_ref().unwrap_or(&any);
    all.iter()
        .filter(|other| other.name() != policy.name())
        .filter(|other| mine.overlaps(other.applies_to.as_ref().unwrap_or(&any)))
        .map(|other| Finding {
            code: FindingCode::OverlappingPolicies,
            severity: Severity::Warning,
            rules: Vec::new(),
            paths: vec![
                format!("refund.policies.{}.applies_to", policy.name()),
                format!("refund.policies.{}.applies_to", other.name()),
            ],
            message: format!(
                "Policies {} ({}) and {} ({}) both apply to some orders: a request that names no policy for such an order is refused with refund.ambiguous_policy.",
                policy.name(),
                mine.describe(),
                other.name(),
                other.applies_to.as_ref().unwrap_or(&any).describe()
            ),
            combinations: None,
            examples: Vec::new(),
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// The table as a set of combinations.

/// The field of a rule that sets `effect`, for paths and sentences.
fn effect_field(effect: Effect, written: Option<&Rule>) -> &'static str {
    match effect {
        Effect::Window => "window",
        Effect::Eligibility if written.is_some_and(|r| r.deny.is_some()) => "deny",
        Effect::Eligibility => "allow",
        Effect::RestockingFee => "restocking_fee",
        Effect::ReturnShipping => "return_shipping",
        Effect::RefundShipping => "refund_shipping",
        Effect::Remedies => "remedies",
        Effect::Review => "review",
    }
}

/// One combination of the finite dimensions.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cell {
    pub category: u64,
    pub channel: u64,
    pub reason: Reason,
    pub condition: Option<ItemCondition>,
    pub standing: Standing,
    pub final_sale: bool,
    pub digital: bool,
    pub downloaded: bool,
    /// The order's age in days, the lowest of its class; `None` when no rule tests it.
    pub age: Option<i64>,
    /// The order's value, the lowest of its class; `None` for a currency no rule's value
    /// condition names (or when no rule tests the value).
    pub value: Option<Money>,
}

/// The realistic flag combinations: (final sale, digital, downloaded), downloaded only
/// for digital goods.
const FLAGS: [(bool, bool, bool); 6] = [
    (false, false, false),
    (false, true, false),
    (false, true, true),
    (true, false, false),
    (true, true, false),
    (true, true, true),
];

/// Whether a rule's finite conditions hold in a cell (as the engine's matching does).
pub(crate) fn matches_cell(when: &CWhen, cell: &Cell) -> bool {
    let set = |mask: u32, bit: u32| mask == 0 || mask & bit != 0;
    let set64 = |mask: u64, bit: u64| mask == 0 || mask & bit != 0;
    let flag = |want: Option<bool>, have: bool| want.is_none_or(|w| w == have);
    set64(when.category, cell.category)
        && set64(when.channel, cell.channel)
        && set(when.reason, cell.reason.bit())
        && set(when.condition, cell.condition.map_or(0, ItemCondition::bit))
        && set(when.standing, cell.standing.bit())
        && flag(when.final_sale, cell.final_sale)
        && flag(when.digital, cell.digital)
        && flag(when.downloaded, cell.downloaded)
        && when
            .min_age
            .is_none_or(|m| cell.age.is_some_and(|a| a >= m))
        && when
            .max_age
            .is_none_or(|m| cell.age.is_some_and(|a| a <= m))
        && value_holds(&when.value_at_least, cell.value, |v, m| v >= m)
        && value_holds(&when.value_below, cell.value, |v, m| v < m)
}

/// Whether an order value meets a per-currency bound list (an empty list: any value).
fn value_holds(
    list: &[Money],
    value: Option<Money>,
    ok: fn(rust_decimal::Decimal, rust_decimal::Decimal) -> bool,
) -> bool {
    list.is_empty()
        || value.is_some_and(|v| {
            super::compile::in_currency(list, v.currency())
                .is_some_and(|m| ok(v.amount(), m.amount()))
        })
}

/// The classes of the order's age: the lowest age of each range the rules' bounds cut
/// (`min_order_age_days`, and the day after `max_order_age_days`); one class, `None`,
/// when no rule tests the age.
fn age_classes(policy: &CompiledPolicy) -> Vec<Option<i64>> {
    let mut bounds: Vec<i64> = policy
        .rules
        .iter()
        .flat_map(|r| [r.when.min_age, r.when.max_age.map(|m| m.saturating_add(1))])
        .flatten()
        .collect();
    if bounds.is_empty() {
        return vec![None];
    }
    bounds.push(0);
    bounds.sort_unstable();
    bounds.dedup();
    bounds.into_iter().map(Some).collect()
}

/// The classes of the order's value: per currency a value condition names, the lowest
/// value of each range the bounds cut, then `None` for every other currency.
fn value_classes(policy: &CompiledPolicy) -> Vec<Option<Money>> {
    let mut bounds: Vec<Money> = Vec::new();
    for rule in &policy.rules {
        for m in rule
            .when
            .value_at_least
            .iter()
            .chain(&rule.when.value_below)
        {
            bounds.push(*m);
            if let Ok(zero) = Money::new(rust_decimal::Decimal::ZERO, m.currency()) {
                bounds.push(zero);
            }
        }
    }
    bounds
        .sort_by(|a, b| (a.currency().code(), a.amount()).cmp(&(b.currency().code(), b.amount())));
    bounds.dedup();
    bounds.into_iter().map(Some).chain([None]).collect()
}

/// Whether two rules' age conditions leave no order in common.
fn ages_disjoint(a: &CWhen, b: &CWhen) -> bool {
    let below =
        |max: Option<i64>, min: Option<i64>| matches!((max, min), (Some(x), Some(n)) if x < n);
    below(a.max_age, b.min_age) || below(b.max_age, a.min_age)
}

/// The classes of a name dimension (categories or channels): one representative bit per
/// group of names that the same rules name, then 0 for every name the policy never names.
fn classes(names: usize, mask_of: impl Fn(usize) -> u64, rules: usize) -> Vec<(u64, usize)> {
    let mut seen: Vec<Vec<bool>> = Vec::new();
    let mut out = Vec::new();
    for i in 0..names.min(64) {
        let bit = 1_u64 << i;
        let signature: Vec<bool> = (0..rules)
            .map(|r| {
                let m = mask_of(r);
                m == 0 || m & bit != 0
            })
            .collect();
        if !seen.contains(&signature) {
            seen.push(signature);
            out.push((bit, i));
        }
    }
    out.push((0, usize::MAX));
    out
}

/// The cells of a policy, in a stable order (reason outermost).
pub(crate) fn cells(policy: &CompiledPolicy) -> (Vec<Cell>, bool) {
    let n = policy.rules.len();
    let cats = classes(
        policy.categories.len(),
        |r| policy.rules.get(r).map_or(0, |x| x.when.category),
        n,
    );
    let chans = classes(
        policy.channels.len(),
        |r| policy.rules.get(r).map_or(0, |x| x.when.channel),
        n,
    );
    let reasons: Vec<Reason> = Reason::ALL
        .iter()
        .copied()
        .filter(|r| !r.is_duplicate_charge())
        .collect();
    let conditions: Vec<Option<ItemCondition>> = std::iter::once(None)
        .chain(ItemCondition::ALL.iter().copied().map(Some))
        .collect();
    let ages = age_classes(policy);
    let values = value_classes(policy);
    let total = cats.len()
        * chans.len()
        * ages.len()
        * values.len()
        * reasons.len()
        * conditions.len()
        * Standing::ALL.len()
        * FLAGS.len();
    if total > MAX_CELLS {
        return (Vec::new(), false);
    }
    let mut out = Vec::with_capacity(total);
    for &reason in &reasons {
        for &(category, _) in &cats {
            for &(channel, _) in &chans {
                for &condition in &conditions {
                    for &standing in Standing::ALL {
                        for &(final_sale, digital, downloaded) in &FLAGS {
                            for &age in &ages {
                                for &value in &values {
                                    out.push(Cell {
                                        category,
                                        channel,
                                        reason,
                                        condition,
                                        standing,
                                        final_sale,
                                        digital,
                                        downloaded,
                                        age,
                                        value,
                                    });
                                }
                            }
                        }
                    }
                }
            }
        }
    }
    (out, true)
}

/// What the table does in one cell: for each rule matching it, the effects it decides
/// there (not decided by an earlier rule whose conditions it implies).
#[derive(Default)]
pub(crate) struct CellView {
    /// `(rule index, effects decided)` for every matching rule, in order.
    pub matched: Vec<(usize, Effects)>,
    /// For each effect shadowed somewhere in this cell: `(rule, effect, shadowing rule)`.
    pub shadowed: Vec<(usize, Effect, usize)>,
}

impl CellView {
    /// Applies the hit policy to one cell, into this view's lists (cleared first, their
    /// room kept: a survey views every cell of the policy).
    pub(crate) fn fill(&mut self, policy: &CompiledPolicy, sets: &[Effects], cell: &Cell) {
        self.matched.clear();
        self.shadowed.clear();
        for (j, rule) in policy.rules.iter().enumerate() {
            if !matches_cell(&rule.when, cell) {
                continue;
            }
            let own = sets.get(j).copied().unwrap_or_default();
            let mut decided = own;
            for &(i, _) in &self.matched {
                let overlap = decided.and(sets.get(i).copied().unwrap_or_default());
                for effect in overlap.iter() {
                    self.shadowed.push((j, effect, i));
                }
                decided = decided.without(overlap);
            }
            self.matched.push((j, decided));
        }
    }
}

/// The effects each rule decides somewhere (over every cell), by rule index; every effect
/// it sets when the policy is too large to enumerate. Surveyed once per compiled policy,
/// at its first use (a disclosure), and kept with it.
pub(crate) fn decided_effects(policy: &CompiledPolicy) -> &[Effects] {
    policy.decided.get_or_init(|| survey_decided(policy))
}

/// [`decided_effects`], surveyed.
fn survey_decided(policy: &CompiledPolicy) -> Vec<Effects> {
    let sets: Vec<Effects> = policy.rules.iter().map(CRule::effects).collect();
    let (all, complete) = cells(policy);
    if !complete {
        return sets;
    }
    let mut decided = vec![Effects::default(); sets.len()];
    let mut view = CellView::default();
    for cell in &all {
        view.fill(policy, &sets, cell);
        for &(j, d) in &view.matched {
            if let Some(slot) = decided.get_mut(j) {
                *slot = slot.or(d);
            }
        }
    }
    decided
}

/// A pair of rules that may contradict each other, with what the enumeration saw.
struct Pair {
    a: usize,
    b: usize,
    effect: Effect,
    both: u64,
    only_a: u64,
    only_b: u64,
    examples: Vec<Cell>,
}

/// The value two rules give an effect differs in a way a customer would notice.
fn conflicting(a: &CRule, b: &CRule, effect: Effect) -> bool {
    match effect {
        Effect::Eligibility => matches!(
            (a.eligibility, b.eligibility),
            (Some(Eligibility::Allow), Some(Eligibility::Deny(_)))
                | (Some(Eligibility::Deny(_)), Some(Eligibility::Allow))
        ),
        Effect::Window => match (&a.window, &b.window) {
            (Some(x), Some(y)) => x.days != y.days || x.from != y.from,
            _ => false,
        },
        Effect::RefundShipping => {
            matches!((a.refund_shipping, b.refund_shipping), (Some(x), Some(y)) if x != y)
        }
        Effect::ReturnShipping => match (&a.return_shipping, &b.return_shipping) {
            (Some(x), Some(y)) => x.payer != y.payer,
            _ => false,
        },
        Effect::Review => matches!((a.review, b.review), (Some(x), Some(y)) if x != y),
        Effect::RestockingFee | Effect::Remedies => false,
    }
}

/// The per-rule facts gathered over every cell.
#[derive(Clone, Default)]
struct RuleStats {
    matched: bool,
    decided: Effects,
    /// The first earlier rule seen deciding each effect (by [`Effect::ALL`] position)
    /// where this rule matches.
    shadowed_by: [Option<usize>; 7],
    /// Whether a fee it sets is charged in some cell whose reason is not the merchant's
    /// fault.
    fee_charged: bool,
    /// Whether a fee it charges meets a remedy list without store credit somewhere.
    fee_without_bonus: bool,
}

impl RuleStats {
    /// The earlier rule seen deciding `effect` where this rule matches.
    fn shadower(&self, effect: Effect) -> Option<usize> {
        self.shadowed_by.get(effect.index()).copied().flatten()
    }
}

/// Checks one policy, step by step: every combination of the finite dimensions surveyed
/// under the hit policy, then the findings written from what the survey saw.
fn check_policy(policy: &CompiledPolicy, written: &[Rule]) -> PolicyReport {
    let mut findings = Findings::new(policy, written);
    let (all, complete) = cells(policy);
    if !complete {
        findings.incomplete();
        return findings.report(0);
    }
    let mut survey = Survey::new(policy);
    let mut view = CellView::default();
    for cell in &all {
        survey.visit(cell, &mut view);
    }
    findings.rules(&survey);
    findings.contradictions(&survey);
    findings.fees(&survey);
    findings.credit();
    findings.uncovered(&survey);
    findings.report(all.len() as u64)
}

/// What the enumeration of a policy's cells saw: per rule, per pair of rules that may
/// contradict each other, and the cells no rule covers.
struct Survey<'p> {
    policy: &'p CompiledPolicy,
    /// The effects each rule sets, by rule index.
    sets: Vec<Effects>,
    stats: Vec<RuleStats>,
    pairs: Vec<Pair>,
    /// Whether store credit carries a bonus.
    bonus: bool,
    uncovered: u64,
    uncovered_examples: Vec<Cell>,
}

impl<'p> Survey<'p> {
    /// An empty survey, with every pair of rules that may contradict each other: rules
    /// whose ages may meet and that give an effect different values.
    fn new(policy: &'p CompiledPolicy) -> Self {
        let mut pairs: Vec<Pair> = Vec::new();
        for (a, ra) in policy.rules.iter().enumerate() {
            for (b, rb) in policy.rules.iter().enumerate().skip(a + 1) {
                if ages_disjoint(&ra.when, &rb.when) {
                    continue;
                }
                for effect in Effect::ALL {
                    if conflicting(ra, rb, effect) {
                        pairs.push(Pair {
                            a,
                            b,
                            effect,
                            both: 0,
                            only_a: 0,
                            only_b: 0,
                            examples: Vec::new(),
                        });
                    }
                }
            }
        }
        Self {
            policy,
            sets: policy.rules.iter().map(CRule::effects).collect(),
            stats: vec![RuleStats::default(); policy.rules.len()],
            pairs,
            bonus: policy.store_credit_bonus.is_some_and(|b| !b.is_zero()),
            uncovered: 0,
            uncovered_examples: Vec::new(),
        }
    }

    /// Applies the hit policy to one cell and records what it saw, in `v` (reused from
    /// cell to cell).
    fn visit(&mut self, cell: &Cell, v: &mut CellView) {
        v.fill(self.policy, &self.sets, cell);
        self.pairs_in(cell, v);
        self.rules_in(v);
        self.fees_in(cell, v);
        self.coverage_in(cell, v);
    }

    /// Pairs: where both rules match, or only one of them.
    fn pairs_in(&mut self, cell: &Cell, v: &CellView) {
        let has = |j: usize| v.matched.iter().any(|(i, _)| *i == j);
        for pair in &mut self.pairs {
            match (has(pair.a), has(pair.b)) {
                (true, true) => {
                    pair.both += 1;
                    push_example(&mut pair.examples, cell);
                }
                (true, false) => pair.only_a += 1,
                (false, true) => pair.only_b += 1,
                (false, false) => {}
            }
        }
    }

    /// Rules: whether they match, what they decide, and which earlier rule shadows each
    /// effect first.
    fn rules_in(&mut self, v: &CellView) {
        for &(j, decided) in &v.matched {
            if let Some(s) = self.stats.get_mut(j) {
                s.matched = true;
                s.decided = s.decided.or(decided);
            }
        }
        for &(j, effect, by) in &v.shadowed {
            if let Some(slot) = self
                .stats
                .get_mut(j)
                .and_then(|s| s.shadowed_by.get_mut(effect.index()))
            {
                slot.get_or_insert(by);
            }
        }
    }

    /// Fees: charged unless the reason is the merchant's fault; whether store credit
    /// with a bonus is offered beside them.
    fn fees_in(&mut self, cell: &Cell, v: &CellView) {
        let policy = self.policy;
        if policy.merchant_fault & cell.reason.bit() != 0 {
            return;
        }
        let remedies = v
            .matched
            .iter()
            .find(|(_, d)| d.contains(Effect::Remedies))
            .and_then(|(j, _)| policy.rules.get(*j))
            .and_then(|r| r.remedies.as_deref())
            .unwrap_or(policy.remedy_order.as_slice());
        let with_bonus = self.bonus && remedies.contains(&Remedy::StoreCredit);
        for &(j, decided) in &v.matched {
            let Some(rule) = policy.rules.get(j) else {
                continue;
            };
            if fee_decided(rule, decided) {
                if let Some(s) = self.stats.get_mut(j) {
                    s.fee_charged = true;
                    if !with_bonus {
                        s.fee_without_bonus = true;
                    }
                }
            }
        }
    }

    /// Coverage: a window, or an earlier refusal, for every combination.
    fn coverage_in(&mut self, cell: &Cell, v: &CellView) {
        let policy = self.policy;
        let window = v.matched.iter().any(|(_, d)| d.contains(Effect::Window));
        let denied = v.matched.iter().any(|(j, d)| {
            d.contains(Effect::Eligibility)
                && policy
                    .rules
                    .get(*j)
                    .is_some_and(|r| matches!(r.eligibility, Some(Eligibility::Deny(_))))
        });
        if !window && !denied {
            self.uncovered += 1;
            push_example(&mut self.uncovered_examples, cell);
        }
    }
}

/// The findings on one policy, written from a [`Survey`].
struct Findings<'p> {
    policy: &'p CompiledPolicy,
    written: &'p [Rule],
    /// The policy's configuration path.
    base: String,
    out: Vec<Finding>,
}

impl<'p> Findings<'p> {
    fn new(policy: &'p CompiledPolicy, written: &'p [Rule]) -> Self {
        Self {
            policy,
            written,
            base: format!("refund.policies.{}", policy.name),
            out: Vec::new(),
        }
    }

    fn rule_path(&self, i: usize) -> String {
        format!("{}.rules[{i}]", self.base)
    }

    fn rule_id(&self, i: usize) -> String {
        self.policy
            .rules
            .get(i)
            .map_or(String::new(), |r| r.id.clone())
    }

    /// The path of the field of rule `i` that sets `effect`.
    fn field_path(&self, i: usize, effect: Effect) -> String {
        let field = effect_field(effect, self.written.get(i));
        format!("{}.{field}", self.rule_path(i))
    }

    /// Adds a finding that lists no combinations.
    fn push(
        &mut self,
        code: FindingCode,
        severity: Severity,
        rules: Vec<String>,
        paths: Vec<String>,
        message: String,
    ) {
        self.out.push(Finding {
            code,
            severity,
            rules,
            paths,
            message,
            combinations: None,
            examples: Vec::new(),
        });
    }

    /// The policy is too large to enumerate.
    fn incomplete(&mut self) {
        let paths = vec![self.base.clone()];
        self.push(
            FindingCode::Incomplete,
            Severity::Info,
            Vec::new(),
            paths,
            format!(
                "The policy names too many distinct categories and channels to examine every combination (more than {MAX_CELLS}); nothing was checked."
            ),
        );
    }

    /// Rules that never decide anything, and effects always decided earlier.
    fn rules(&mut self, survey: &Survey<'_>) {
        for (j, s) in survey.stats.iter().enumerate() {
            if !s.matched {
                self.never_matches(j);
                continue;
            }
            let own = survey.sets.get(j).copied().unwrap_or_default();
            let never = own.without(s.decided);
            if never.is_empty() {
                continue;
            }
            if s.decided.is_empty() {
                self.never_fires(j, s, never);
            } else {
                self.shadowed(j, s, never);
            }
        }
    }

    /// A rule that matches no cell.
    fn never_matches(&mut self, j: usize) {
        let only_duplicates = self
            .policy
            .rules
            .get(j)
            .is_some_and(|r| r.when.reason == Reason::DuplicateCharge.bit());
        let id = self.rule_id(j);
        let message = if only_duplicates {
            format!("Rule {id} applies only to duplicate charges, which are always refunded in full without consulting the rules: it never fires.")
        } else {
            format!("Rule {id} matches no case: its conditions cannot hold together (a downloaded item is always digital).")
        };
        let paths = vec![self.rule_path(j)];
        self.push(
            FindingCode::UnreachableRule,
            Severity::Warning,
            vec![id],
            paths,
            message,
        );
    }

    /// A rule whose every effect (those in `never`) an earlier rule decides wherever it
    /// matches.
    fn never_fires(&mut self, j: usize, s: &RuleStats, never: Effects) {
        let shadowers: Vec<usize> =
            never
                .iter()
                .filter_map(|e| s.shadower(e))
                .fold(Vec::new(), |mut acc, i| {
                    if !acc.contains(&i) {
                        acc.push(i);
                    }
                    acc
                });
        let mut rules = vec![self.rule_id(j)];
        rules.extend(shadowers.iter().map(|i| self.rule_id(*i)));
        let by = shadowers
            .iter()
            .map(|i| self.rule_id(*i))
            .collect::<Vec<_>>()
            .join(", ");
        let mut paths = vec![self.rule_path(j)];
        paths.extend(shadowers.iter().map(|i| self.rule_path(*i)));
        let message = format!(
            "Rule {} never fires: wherever it matches, the earlier rule {by} already decides everything it sets. Move it above, narrow the earlier rule, or remove it.",
            self.rule_id(j)
        );
        self.push(
            FindingCode::UnreachableRule,
            Severity::Warning,
            rules,
            paths,
            message,
        );
    }

    /// The effects of a rule (those in `never`) that an earlier rule always decides.
    fn shadowed(&mut self, j: usize, s: &RuleStats, never: Effects) {
        for effect in never.iter() {
            let field = effect_field(effect, self.written.get(j));
            let by_rule = s.shadower(effect);
            let mut rules = vec![self.rule_id(j)];
            let mut paths = vec![self.field_path(j, effect)];
            if let Some(i) = by_rule {
                rules.push(self.rule_id(i));
                paths.push(self.field_path(i, effect));
            }
            let message = format!(
                "The {field} of rule {} never applies: wherever the rule matches, the earlier rule {} already decides it.",
                self.rule_id(j),
                by_rule.map_or(String::new(), |i| self.rule_id(i))
            );
            self.push(
                FindingCode::ShadowedEffect,
                Severity::Warning,
                rules,
                paths,
                message,
            );
        }
    }

    /// Contradictions: partial overlaps with different verdicts.
    fn contradictions(&mut self, survey: &Survey<'_>) {
        for pair in &survey.pairs {
            if pair.both == 0 {
                continue;
            }
            if pair.only_a == 0 || pair.only_b == 0 {
                continue;
            }
            // Already reported when the later rule never decides this effect.
            if survey
                .stats
                .get(pair.b)
                .is_some_and(|s| !s.decided.contains(pair.effect))
            {
                continue;
            }
            self.contradiction(pair);
        }
    }

    fn contradiction(&mut self, pair: &Pair) {
        let (a, b) = (self.rule_id(pair.a), self.rule_id(pair.b));
        self.out.push(Finding {
            code: FindingCode::Contradiction,
            severity: Severity::Warning,
            paths: vec![
                self.field_path(pair.b, pair.effect),
                self.field_path(pair.a, pair.effect),
            ],
            message: format!(
                "Rules {a} and {b} overlap without one containing the other and decide {} differently: where both match, {a} wins only because it comes first. Make one rule the exception of the other.",
                effect_noun(pair.effect),
            ),
            rules: vec![b, a],
            combinations: Some(pair.both),
            examples: pair.examples.iter().map(|c| example(self.policy, c)).collect(),
        });
    }

    /// Fees never charged (merchant's fault only), and fees beside a store-credit bonus.
    fn fees(&mut self, survey: &Survey<'_>) {
        for (j, s) in survey.stats.iter().enumerate() {
            let Some(rule) = self.policy.rules.get(j) else {
                continue;
            };
            let fee = survey
                .sets
                .get(j)
                .copied()
                .unwrap_or_default()
                .and(s.decided);
            if !fee_decided(rule, fee) {
                continue;
            }
            let field = if fee.contains(Effect::RestockingFee) && rule.restocking_fee.is_some() {
                "restocking_fee"
            } else {
                "return_shipping"
            };
            let path = format!("{}.{field}", self.rule_path(j));
            let id = self.rule_id(j);
            if !s.fee_charged {
                self.push(
                    FindingCode::FeeNeverCharged,
                    Severity::Warning,
                    vec![id.clone()],
                    vec![path],
                    format!(
                        "The fee of rule {id} applies only to reasons that are the merchant's fault (merchant_fault_reasons), for which fees are always waived: it is never charged."
                    ),
                );
            } else if survey.bonus
                && self.policy.store_credit_base == BonusBase::BeforeFees
                && !s.fee_without_bonus
            {
                let bonus_path = format!("{}.remedies.store_credit_bonus_percent", self.base);
                self.push(
                    FindingCode::BonusWithFee,
                    Severity::Info,
                    vec![id.clone(), self.policy.remedies_id.clone()],
                    vec![path, bonus_path],
                    format!(
                        "Rule {id} charges a fee where store credit with a bonus is offered: store credit is worth the amount before fees plus the bonus, so the fee applies to money refunds only (the policy's text says so)."
                    ),
                );
            }
        }
    }

    /// Store credit that can be worth more than the customer paid: a bonus with no cap
    /// (a warning) or with a cap above 100% (a note of how far it goes).
    fn credit(&mut self) {
        let policy = self.policy;
        let Some(bonus) = policy.store_credit_bonus.filter(|b| !b.is_zero()) else {
            return;
        };
        if !policy.remedy_order.contains(&Remedy::StoreCredit) {
            return;
        }
        let base = match policy.store_credit_base {
            BonusBase::BeforeFees => "the amount before fees",
            BonusBase::AfterFees => "the refund after fees",
        };
        let remedies = format!("{}.remedies", self.base);
        let bonus = bonus.normalize();
        match policy.store_credit_cap.map(|c| c.normalize()) {
            None => self.push(
                FindingCode::CreditExceedsPaid,
                Severity::Warning,
                vec![policy.remedies_id.clone()],
                vec![
                    format!("{remedies}.store_credit_bonus_percent"),
                    format!("{remedies}.store_credit_cap_percent"),
                ],
                format!(
                    "Store credit carries a {bonus}% bonus on {base} and no cap: it can be worth more than the customer paid. Set store_credit_cap_percent (100 keeps it to what was paid)."
                ),
            ),
            Some(cap) if cap > rust_decimal::Decimal::ONE_HUNDRED => self.push(
                FindingCode::CreditExceedsPaid,
                Severity::Info,
                vec![policy.remedies_id.clone()],
                vec![format!("{remedies}.store_credit_cap_percent")],
                format!(
                    "Store credit carries a {bonus}% bonus on {base}, capped at {cap}% of what the customer paid: it can be worth more than was paid."
                ),
            ),
            Some(_) => {}
        }
    }

    /// Combinations that get no window and no refusal.
    fn uncovered(&mut self, survey: &Survey<'_>) {
        let uncovered = survey.uncovered;
        if uncovered == 0 {
            return;
        }
        self.out.push(Finding {
            code: FindingCode::UncoveredCase,
            severity: Severity::Warning,
            rules: Vec::new(),
            paths: vec![format!("{}.rules", self.base)],
            message: format!(
                "{uncovered} combinations get no return window and no refusal from any rule: the engine denies them with refund.no_window. Add a window (or an explicit deny) for them."
            ),
            combinations: Some(uncovered),
            examples: survey
                .uncovered_examples
                .iter()
                .map(|c| example(self.policy, c))
                .collect(),
        });
    }

    /// The report, its findings in the order of the rules they concern.
    fn report(self, combinations: u64) -> PolicyReport {
        let mut findings = self.out;
        crate::sort::sort_by_key(&mut findings, |f| {
            let first = f.paths.first().map_or(usize::MAX, |p| rule_index(p));
            (first, f.code.code())
        });
        PolicyReport {
            policy: self.policy.name.clone(),
            combinations,
            findings,
        }
    }
}

/// Keeps at most [`MAX_EXAMPLES`] cells, one per reason, category and channel: the other
/// dimensions vary within the same finding.
fn push_example(examples: &mut Vec<Cell>, cell: &Cell) {
    let repeated = examples.iter().any(|e| {
        e.reason == cell.reason && e.category == cell.category && e.channel == cell.channel
    });
    if !repeated && examples.len() < MAX_EXAMPLES {
        examples.push(*cell);
    }
}

/// The index of the rule a path names (`...rules[4].window` gives 4), or past the end.
fn rule_index(path: &str) -> usize {
    path.split("rules[")
        .nth(1)
        .and_then(|rest| rest.split(']').next())
        .and_then(|n| n.parse().ok())
        .unwrap_or(usize::MAX)
}

/// Whether a rule charges a fee through an effect it decides.
fn fee_decided(rule: &CRule, decided: Effects) -> bool {
    let restocking = decided.contains(Effect::RestockingFee)
        && match &rule.restocking_fee {
            Some(CFee::Percent(p)) => !p.is_zero(),
            Some(CFee::FixedPerUnit(list)) => list.iter().any(|m| !m.is_zero()),
            None => false,
        };
    let shipping = decided.contains(Effect::ReturnShipping)
        && rule
            .return_shipping
            .as_ref()
            .is_some_and(|s| s.payer == Payer::Customer && s.fee.iter().any(|m| !m.is_zero()));
    restocking || shipping
}

/// What an effect decides, in a sentence. Only the effects two rules can give
/// conflicting values (see [`conflicting`]) are ever named.
fn effect_noun(effect: Effect) -> &'static str {
    match effect {
        Effect::Window => "the return window",
        Effect::Eligibility => "whether the item may be returned",
        Effect::RefundShipping => "whether the original shipping is refunded",
        Effect::ReturnShipping => "who pays the return shipping",
        Effect::Review | Effect::RestockingFee | Effect::Remedies => {
            "whether a person reviews the request"
        }
    }
}

/// The name of a cell's category (or channel) class: its first name, `*` for the rest.
fn class_name(names: &[String], bit: u64) -> String {
    if bit == 0 {
        return "*".to_owned();
    }
    names
        .get(bit.trailing_zeros() as usize)
        .cloned()
        .unwrap_or_else(|| "*".to_owned())
}

fn example(policy: &CompiledPolicy, cell: &Cell) -> CaseExample {
    CaseExample {
        reason: cell.reason,
        category: class_name(&policy.categories, cell.category),
        channel: class_name(&policy.channels, cell.channel),
        condition: cell.condition,
        standing: cell.standing,
        final_sale: cell.final_sale,
        digital: cell.digital,
        downloaded: cell.downloaded,
        order_age_days: cell.age,
        order_value: cell.value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Engine;

    fn engine(rules: &str, extra: &str) -> Engine {
        let text = format!(
            "[store]\nname = \"t\"\n[refund.policies.p]\ntitle = \"t\"\ntime_zone = \"UTC\"\n{extra}\n{rules}"
        );
        Engine::from_toml(&text).unwrap()
    }

    fn codes(engine: &Engine) -> Vec<(&'static str, Vec<String>)> {
        let r = check(engine, Some("p")).unwrap();
        r.policies[0]
            .findings
            .iter()
            .map(|f| (f.code.code(), f.rules.clone()))
            .collect()
    }

    const CATCH_ALL: &str = "[[refund.policies.p.rules]]\nid = \"all\"\nwindow = { days = 30 }\n";

    #[test]
    fn a_complete_policy_is_clean() {
        let e = engine(CATCH_ALL, "");
        let r = check(&e, None).unwrap();
        assert!(r.clean, "{r:?}");
        assert!(r.policies[0].findings.is_empty());
        // 7 reasons x 1 category class x 1 channel class x 5 conditions x 4 standings x 6 flags.
        assert_eq!(r.policies[0].combinations, 7 * 5 * 4 * 6);
    }

    #[test]
    fn a_rule_after_a_broader_one_is_unreachable() {
        let rules = format!(
            "{CATCH_ALL}[[refund.policies.p.rules]]\nid = \"late\"\nwhen = {{ category = [\"toys\"] }}\nwindow = {{ days = 60 }}\n"
        );
        let e = engine(&rules, "");
        let r = check(&e, Some("p")).unwrap();
        assert!(!r.clean);
        let f = &r.policies[0].findings[0];
        assert_eq!(f.code, FindingCode::UnreachableRule);
        assert_eq!(f.rules, ["late", "all"]);
        assert_eq!(f.paths[0], "refund.policies.p.rules[1]");
    }

    #[test]
    fn duplicate_charge_rules_and_impossible_flags_never_fire() {
        let rules = format!(
            "{CATCH_ALL}[[refund.policies.p.rules]]\nid = \"dup\"\nwhen = {{ reason = [\"duplicate_charge\"] }}\nreview = true\n\
             [[refund.policies.p.rules]]\nid = \"odd\"\nwhen = {{ digital = false, downloaded = true }}\nreview = true\n"
        );
        let e = engine(&rules, "");
        let c = codes(&e);
        assert_eq!(
            c,
            [
                ("refund.check.unreachable_rule", vec!["dup".to_owned()]),
                ("refund.check.unreachable_rule", vec!["odd".to_owned()])
            ]
        );
    }

    #[test]
    fn an_effect_decided_earlier_is_shadowed_but_the_rule_still_fires() {
        let rules = format!(
            "{CATCH_ALL}[[refund.policies.p.rules]]\nid = \"toys\"\nwhen = {{ category = [\"toys\"] }}\nwindow = {{ days = 60 }}\nreview = true\n"
        );
        let e = engine(&rules, "");
        let r = check(&e, None).unwrap();
        let f = &r.policies[0].findings;
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, FindingCode::ShadowedEffect);
        assert_eq!(
            f[0].paths,
            [
                "refund.policies.p.rules[1].window",
                "refund.policies.p.rules[0].window"
            ]
        );
    }

    #[test]
    fn an_age_condition_never_shadows_a_later_rule() {
        let rules = "[[refund.policies.p.rules]]\nid = \"young\"\nwhen = { max_order_age_days = 10 }\nwindow = { days = 30 }\n\
                     [[refund.policies.p.rules]]\nid = \"rest\"\nwindow = { days = 5 }\n";
        let e = engine(rules, "");
        assert!(codes(&e).is_empty(), "{:?}", codes(&e));
        // A later rule whose own conditions imply the earlier one's is shadowed.
        let rules = "[[refund.policies.p.rules]]\nid = \"young\"\nwhen = { max_order_age_days = 10 }\nwindow = { days = 30 }\n\
                     [[refund.policies.p.rules]]\nid = \"younger\"\nwhen = { max_order_age_days = 5 }\nwindow = { days = 5 }\n\
                     [[refund.policies.p.rules]]\nid = \"rest\"\nwindow = { days = 5 }\n";
        let e = engine(rules, "");
        assert_eq!(
            codes(&e),
            [(
                "refund.check.unreachable_rule",
                vec!["younger".to_owned(), "young".to_owned()]
            )]
        );
    }

    #[test]
    fn partial_overlaps_with_opposite_verdicts_contradict() {
        let rules = format!(
            "[[refund.policies.p.rules]]\nid = \"electronics.no\"\nwhen = {{ category = [\"electronics\"] }}\ndeny = \"non_returnable\"\n\
             [[refund.policies.p.rules]]\nid = \"defects.yes\"\nwhen = {{ reason = [\"defective\"] }}\nallow = true\nwindow = {{ days = 90 }}\n{CATCH_ALL}"
        );
        let e = engine(&rules, "");
        let r = check(&e, None).unwrap();
        let f = &r.policies[0].findings;
        assert_eq!(f.len(), 1, "{f:?}");
        assert_eq!(f[0].code, FindingCode::Contradiction);
        assert_eq!(f[0].rules, ["defects.yes", "electronics.no"]);
        assert_eq!(f[0].paths[0], "refund.policies.p.rules[1].allow");
        assert_eq!(f[0].examples[0].category, "electronics");
        assert_eq!(f[0].examples[0].reason, Reason::Defective);
        // An exception placed before the general rule is not a contradiction.
        let rules = format!(
            "[[refund.policies.p.rules]]\nid = \"final\"\nwhen = {{ final_sale = true, reason = [\"changed_mind\"] }}\ndeny = \"final_sale\"\n\
             [[refund.policies.p.rules]]\nid = \"regret\"\nwhen = {{ reason = [\"changed_mind\"] }}\nallow = true\n{CATCH_ALL}"
        );
        assert!(codes(&engine(&rules, "")).is_empty());
    }

    #[test]
    fn cases_without_a_window_are_uncovered() {
        let rules = "[[refund.policies.p.rules]]\nid = \"defects\"\nwhen = { reason = [\"defective\"] }\nwindow = { days = 90 }\n\
                     [[refund.policies.p.rules]]\nid = \"toys.regret\"\nwhen = { reason = [\"changed_mind\"], category = [\"toys\"] }\nwindow = { days = 30 }\n";
        let e = engine(rules, "");
        let r = check(&e, None).unwrap();
        let f = &r.policies[0].findings;
        assert_eq!(f.len(), 1);
        assert_eq!(f[0].code, FindingCode::UncoveredCase);
        // changed_mind on other categories, and the 5 other reasons on both classes.
        assert_eq!(f[0].combinations, Some((1 + 5 * 2) * 5 * 4 * 6));
        assert_eq!(f[0].examples[0].reason, Reason::ChangedMind);
        assert_eq!(f[0].examples[0].category, "*");
        assert!(f[0].examples.len() <= MAX_EXAMPLES);
    }

    #[test]
    fn fees_for_merchant_fault_only_are_never_charged_and_bonuses_are_noted() {
        let rules = format!(
            "[[refund.policies.p.rules]]\nid = \"defect.fee\"\nwhen = {{ reason = [\"defective\"] }}\nrestocking_fee = {{ percent = \"10\" }}\n{CATCH_ALL}"
        );
        assert_eq!(
            codes(&engine(&rules, "")),
            [(
                "refund.check.fee_never_charged",
                vec!["defect.fee".to_owned()]
            )]
        );
        let rules = format!(
            "[[refund.policies.p.rules]]\nid = \"regret.fee\"\nwhen = {{ reason = [\"changed_mind\"] }}\nrestocking_fee = {{ percent = \"10\" }}\n{CATCH_ALL}"
        );
        let bonus = "[refund.policies.p.remedies]\norder = [\"refund\", \"store_credit\"]\nstore_credit_bonus_percent = \"10\"\nstore_credit_cap_percent = \"100\"\n";
        let e = engine(&rules, bonus);
        let r = check(&e, None).unwrap();
        assert!(r.clean, "info only");
        assert_eq!(r.policies[0].findings[0].code, FindingCode::BonusWithFee);
        assert_eq!(r.policies[0].findings[0].severity, Severity::Info);
        // After fees, the fee is charged on store credit too: nothing to note.
        let after = format!("{bonus}store_credit_bonus_base = \"after_fees\"\n");
        assert!(codes(&engine(&rules, &after)).is_empty());
        // Without store credit among the remedies there is no bonus to note.
        assert!(codes(&engine(&rules, "")).is_empty());
    }

    #[test]
    fn credit_that_can_exceed_what_was_paid_is_reported() {
        let rules = CATCH_ALL.to_owned();
        let remedies = |extra: &str| {
            format!("[refund.policies.p.remedies]\norder = [\"refund\", \"store_credit\"]\nstore_credit_bonus_percent = \"10\"\n{extra}")
        };
        let finding = |extra: &str| {
            let r = check(&engine(&rules, &remedies(extra)), None).unwrap();
            r.policies[0]
                .findings
                .iter()
                .find(|f| f.code == FindingCode::CreditExceedsPaid)
                .map(|f| (f.severity, f.paths.clone()))
        };
        let (severity, paths) = finding("").unwrap();
        assert_eq!(severity, Severity::Warning);
        assert_eq!(
            paths[0],
            "refund.policies.p.remedies.store_credit_bonus_percent"
        );
        let capped = finding("store_credit_cap_percent = \"150\"\n").unwrap();
        assert_eq!(capped.0, Severity::Info);
        assert_eq!(finding("store_credit_cap_percent = \"100\"\n"), None);
    }

    #[test]
    fn the_default_store_is_clean() {
        let e = Engine::default_store().unwrap();
        let r = check(&e, None).unwrap();
        assert!(r.clean, "{r:#?}");
    }

    #[test]
    fn the_example_policies_are_clean() {
        for text in [
            include_str!("../../../../examples/policies/br_cdc_art49_7d.toml"),
            include_str!("../../../../examples/policies/eu_withdrawal_14d.toml"),
            include_str!("../../../../examples/policies/us_store_30d.toml"),
        ] {
            let e = Engine::from_toml(text).unwrap();
            let r = check(&e, None).unwrap();
            assert!(r.clean, "{r:#?}");
            // Only notes: the US store's credit capped above what was paid.
            assert!(r.policies[0]
                .findings
                .iter()
                .all(|f| f.code == FindingCode::CreditExceedsPaid && f.severity == Severity::Info));
        }
    }

    #[test]
    fn unknown_policies_are_errors() {
        let e = Engine::default_store().unwrap();
        let err = check(&e, Some("nope")).unwrap_err();
        assert_eq!(
            (err.code(), err.path()),
            ("refund.unknown_policy", "policy")
        );
        let e = Engine::from_toml("[store]\nname = \"t\"\n").unwrap();
        assert_eq!(check(&e, None).unwrap_err().code(), "refund.no_policy");
    }

    #[test]
    fn an_order_age_no_rule_covers_is_an_uncovered_case() {
        let young = "[[refund.policies.p.rules]]\nid = \"young\"\nwhen = { max_order_age_days = 30 }\nwindow = { days = 30 }\n";
        let r = check(&engine(young, ""), Some("p")).unwrap();
        let gap = r.policies[0]
            .findings
            .iter()
            .find(|f| f.code == FindingCode::UncoveredCase)
            .unwrap();
        assert!(gap.examples.iter().all(|e| e.order_age_days == Some(31)));
        let covered = format!("{young}{CATCH_ALL}");
        assert!(codes(&engine(&covered, "")).is_empty());
    }

    #[test]
    fn a_value_range_inside_an_earlier_one_is_shadowed() {
        let rules = "[[refund.policies.p.rules]]\nid = \"over100\"\nwhen = { order_value_at_least = [{ amount = \"100\", currency = \"USD\" }] }\nrestocking_fee = { percent = \"10\" }\n[[refund.policies.p.rules]]\nid = \"over500\"\nwhen = { order_value_at_least = [{ amount = \"500\", currency = \"USD\" }] }\nrestocking_fee = { percent = \"15\" }\n";
        let found = codes(&engine(&format!("{rules}{CATCH_ALL}"), ""));
        assert!(found.contains(&(
            "refund.check.unreachable_rule",
            vec!["over500".to_owned(), "over100".to_owned()]
        )));
    }
}

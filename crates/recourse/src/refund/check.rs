//! `refund.check`: static analysis of a compiled policy, the way decision-table tools check
//! their tables: rules that can never fire, effects always decided by an earlier rule,
//! overlapping rules that contradict each other, cases no rule covers, fees that are never
//! charged, a store-credit bonus combined with a fee.
//!
//! The analysis enumerates every combination of the finite dimensions a rule can test —
//! category, channel, reason, item condition, customer standing and the final-sale, digital
//! and downloaded flags — under the hit policy the engine applies (first match per effect,
//! see [`super::policy`]). Categories and channels the policy names are grouped by the
//! rules that name them (two categories named by the same rules behave the same), plus one
//! class for every name the policy never mentions. A downloaded item is always digital.
//! Duplicate charges never consult the table (they are refunded in full), so they are not
//! enumerated.
//!
//! Conditions on the order's age and value are not enumerated: a rule carrying them matches
//! only some orders of a combination, so it never shadows a later rule unless the later
//! rule's own age and value conditions imply its (same currency, tighter bounds). The
//! analysis therefore never reports a rule unreachable that can fire; it may miss a rule
//! made unreachable by several complementary age or value rules together.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::compile::{CFee, CRule, CWhen, CompiledPolicy, Eligibility};
use super::policy::{ItemCondition, Payer, Reason, Remedy, Rule, Standing};
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
    /// A fee applies only to reasons that are the merchant's fault, for which fees are
    /// always waived: it is never charged.
    #[serde(rename = "refund.check.fee_never_charged")]
    FeeNeverCharged,
    /// The policy names too many categories and channels to examine every combination.
    #[serde(rename = "refund.check.incomplete")]
    Incomplete,
}

impl FindingCode {
    /// The stable code text, such as `refund.check.unreachable_rule`.
    pub fn code(self) -> &'static str {
        match self {
            Self::UnreachableRule => "refund.check.unreachable_rule",
            Self::ShadowedEffect => "refund.check.shadowed_effect",
            Self::Contradiction => "refund.check.contradiction",
            Self::UncoveredCase => "refund.check.uncovered_case",
            Self::BonusWithFee => "refund.check.bonus_with_fee",
            Self::FeeNeverCharged => "refund.check.fee_never_charged",
            Self::Incomplete => "refund.check.incomplete",
        }
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
/// let engine = recourse::Engine::default_store()?;
/// let report = recourse::refund::check(&engine, None)?;
/// assert!(report.clean);
/// assert_eq!(report.policies.len(), 2);
/// # Ok::<(), recourse::Error>(())
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
        reports.push(check_policy(compiled, &written.rules));
    }
    let clean = reports
        .iter()
        .all(|r| r.findings.iter().all(|f| f.severity < Severity::Warning));
    Ok(CheckResponse {
        clean,
        policies: reports,
    })
}

// ---------------------------------------------------------------------------------------
// The table as a set of combinations.

/// The effects a rule may set, as bits.
pub(crate) const WINDOW: u8 = 1;
pub(crate) const ELIGIBILITY: u8 = 1 << 1;
pub(crate) const RESTOCKING_FEE: u8 = 1 << 2;
pub(crate) const RETURN_SHIPPING: u8 = 1 << 3;
pub(crate) const REFUND_SHIPPING: u8 = 1 << 4;
pub(crate) const REMEDIES: u8 = 1 << 5;
pub(crate) const REVIEW: u8 = 1 << 6;
const EFFECTS: [u8; 7] = [
    WINDOW,
    ELIGIBILITY,
    RESTOCKING_FEE,
    RETURN_SHIPPING,
    REFUND_SHIPPING,
    REMEDIES,
    REVIEW,
];

/// The effects a compiled rule sets.
pub(crate) fn effects(rule: &CRule) -> u8 {
    let mut e = 0;
    let mut set = |on: bool, bit: u8| {
        if on {
            e |= bit;
        }
    };
    set(rule.window.is_some(), WINDOW);
    set(rule.eligibility.is_some(), ELIGIBILITY);
    set(rule.restocking_fee.is_some(), RESTOCKING_FEE);
    set(rule.return_shipping.is_some(), RETURN_SHIPPING);
    set(rule.refund_shipping.is_some(), REFUND_SHIPPING);
    set(rule.remedies.is_some(), REMEDIES);
    set(rule.review.is_some(), REVIEW);
    e
}

/// The field of a rule that sets `effect`, for paths and sentences.
fn effect_field(effect: u8, written: Option<&Rule>) -> &'static str {
    match effect {
        WINDOW => "window",
        ELIGIBILITY if written.is_some_and(|r| r.deny.is_some()) => "deny",
        ELIGIBILITY => "allow",
        RESTOCKING_FEE => "restocking_fee",
        RETURN_SHIPPING => "return_shipping",
        REFUND_SHIPPING => "refund_shipping",
        REMEDIES => "remedies",
        _ => "review",
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
    let flag = |want: Option<bool>, have: bool| want.map_or(true, |w| w == have);
    set64(when.category, cell.category)
        && set64(when.channel, cell.channel)
        && set(when.reason, cell.reason.bit())
        && set(when.condition, cell.condition.map_or(0, ItemCondition::bit))
        && set(when.standing, cell.standing.bit())
        && flag(when.final_sale, cell.final_sale)
        && flag(when.digital, cell.digital)
        && flag(when.downloaded, cell.downloaded)
}

/// Whether a rule tests the order's age or value (so it matches only some orders of a
/// cell).
pub(crate) fn is_conditional(when: &CWhen) -> bool {
    when.min_age.is_some()
        || when.max_age.is_some()
        || !when.value_at_least.is_empty()
        || !when.value_below.is_empty()
}

/// Whether every order meeting `later`'s age and value conditions meets `earlier`'s.
pub(crate) fn implies(later: &CWhen, earlier: &CWhen) -> bool {
    let min_ok = earlier
        .min_age
        .map_or(true, |e| later.min_age.is_some_and(|l| l >= e));
    let max_ok = earlier
        .max_age
        .map_or(true, |e| later.max_age.is_some_and(|l| l <= e));
    let listed = |e: &[Money], l: &[Money], ok: fn(&Money, &Money) -> bool| {
        e.is_empty()
            || (!l.is_empty()
                && l.iter().all(|lm| {
                    e.iter()
                        .find(|em| em.currency() == lm.currency())
                        .is_some_and(|em| ok(em, lm))
                }))
    };
    min_ok
        && max_ok
        && listed(&earlier.value_at_least, &later.value_at_least, |e, l| {
            l.amount() >= e.amount()
        })
        && listed(&earlier.value_below, &later.value_below, |e, l| {
            l.amount() <= e.amount()
        })
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
    let total = cats.len()
        * chans.len()
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
                            out.push(Cell {
                                category,
                                channel,
                                reason,
                                condition,
                                standing,
                                final_sale,
                                digital,
                                downloaded,
                            });
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
pub(crate) struct CellView {
    /// `(rule index, effects decided)` for every matching rule, in order.
    pub matched: Vec<(usize, u8)>,
    /// For each effect shadowed somewhere in this cell: `(rule, effect, shadowing rule)`.
    pub shadowed: Vec<(usize, u8, usize)>,
}

/// Applies the hit policy to one cell.
pub(crate) fn view(policy: &CompiledPolicy, sets: &[u8], cell: &Cell) -> CellView {
    let mut matched: Vec<(usize, u8)> = Vec::new();
    let mut shadowed = Vec::new();
    for (j, rule) in policy.rules.iter().enumerate() {
        if !matches_cell(&rule.when, cell) {
            continue;
        }
        let own = sets.get(j).copied().unwrap_or(0);
        let mut decided = own;
        for &(i, _) in &matched {
            let Some(earlier) = policy.rules.get(i) else {
                continue;
            };
            if !implies(&rule.when, &earlier.when) {
                continue;
            }
            let overlap = decided & sets.get(i).copied().unwrap_or(0);
            for &effect in &EFFECTS {
                if overlap & effect != 0 {
                    shadowed.push((j, effect, i));
                }
            }
            decided &= !overlap;
        }
        matched.push((j, decided));
    }
    CellView { matched, shadowed }
}

/// The effects each rule decides somewhere (over every cell), by rule index; every effect
/// it sets when the policy is too large to enumerate.
pub(crate) fn decided_effects(policy: &CompiledPolicy) -> Vec<u8> {
    let sets: Vec<u8> = policy.rules.iter().map(effects).collect();
    let (all, complete) = cells(policy);
    if !complete {
        return sets;
    }
    let mut decided = vec![0_u8; sets.len()];
    for cell in &all {
        for (j, d) in view(policy, &sets, cell).matched {
            if let Some(slot) = decided.get_mut(j) {
                *slot |= d;
            }
        }
    }
    decided
}

/// A pair of rules that may contradict each other, with what the enumeration saw.
struct Pair {
    a: usize,
    b: usize,
    effect: u8,
    both: u64,
    only_a: u64,
    only_b: u64,
    examples: Vec<Cell>,
}

/// The value two rules give an effect differs in a way a customer would notice.
fn conflicting(a: &CRule, b: &CRule, effect: u8) -> bool {
    match effect {
        ELIGIBILITY => matches!(
            (a.eligibility, b.eligibility),
            (Some(Eligibility::Allow), Some(Eligibility::Deny(_)))
                | (Some(Eligibility::Deny(_)), Some(Eligibility::Allow))
        ),
        WINDOW => match (&a.window, &b.window) {
            (Some(x), Some(y)) => x.days != y.days || x.from != y.from,
            _ => false,
        },
        REFUND_SHIPPING => {
            matches!((a.refund_shipping, b.refund_shipping), (Some(x), Some(y)) if x != y)
        }
        RETURN_SHIPPING => match (&a.return_shipping, &b.return_shipping) {
            (Some(x), Some(y)) => x.payer != y.payer,
            _ => false,
        },
        REVIEW => matches!((a.review, b.review), (Some(x), Some(y)) if x != y),
        _ => false,
    }
}

/// The per-rule facts gathered over every cell.
#[derive(Clone, Default)]
struct RuleStats {
    matched: bool,
    decided: u8,
    shadowed_by: [Option<usize>; 7],
    /// Whether a fee it sets is charged in some cell whose reason is not the merchant's
    /// fault.
    fee_charged: bool,
    /// Whether a fee it charges meets a remedy list without store credit somewhere.
    fee_without_bonus: bool,
}

fn effect_index(effect: u8) -> usize {
    EFFECTS.iter().position(|e| *e == effect).unwrap_or(0)
}

fn check_policy(policy: &CompiledPolicy, written: &[Rule]) -> PolicyReport {
    let base = format!("refund.policies.{}", policy.name);
    let rule_path = |i: usize| format!("{base}.rules[{i}]");
    let rule_id = |i: usize| policy.rules.get(i).map_or(String::new(), |r| r.id.clone());
    let (all, complete) = cells(policy);
    let mut findings = Vec::new();
    if !complete {
        findings.push(Finding {
            code: FindingCode::Incomplete,
            severity: Severity::Info,
            rules: Vec::new(),
            paths: vec![base.clone()],
            message: format!(
                "The policy names too many distinct categories and channels to examine every combination (more than {MAX_CELLS}); nothing was checked."
            ),
            combinations: None,
            examples: Vec::new(),
        });
        return PolicyReport {
            policy: policy.name.clone(),
            combinations: 0,
            findings,
        };
    }
    let sets: Vec<u8> = policy.rules.iter().map(effects).collect();
    let mut stats = vec![RuleStats::default(); policy.rules.len()];
    let mut pairs: Vec<Pair> = Vec::new();
    for (a, ra) in policy.rules.iter().enumerate() {
        for (b, rb) in policy.rules.iter().enumerate().skip(a + 1) {
            if ages_disjoint(&ra.when, &rb.when) {
                continue;
            }
            for &effect in &EFFECTS {
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
    let bonus = policy.store_credit_bonus.is_some_and(|b| !b.is_zero());
    let mut uncovered: u64 = 0;
    let mut uncovered_examples: Vec<Cell> = Vec::new();
    for cell in &all {
        let v = view(policy, &sets, cell);
        let has = |j: usize| v.matched.iter().any(|(i, _)| *i == j);
        for pair in &mut pairs {
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
        for &(j, decided) in &v.matched {
            if let Some(s) = stats.get_mut(j) {
                s.matched = true;
                s.decided |= decided;
            }
        }
        for &(j, effect, by) in &v.shadowed {
            if let Some(slot) = stats
                .get_mut(j)
                .and_then(|s| s.shadowed_by.get_mut(effect_index(effect)))
            {
                slot.get_or_insert(by);
            }
        }
        // Fees: charged unless the reason is the merchant's fault.
        let merchant_fault = policy.merchant_fault & cell.reason.bit() != 0;
        let remedies = v
            .matched
            .iter()
            .find(|(_, d)| d & REMEDIES != 0)
            .and_then(|(j, _)| policy.rules.get(*j))
            .and_then(|r| r.remedies.as_deref())
            .unwrap_or(policy.remedy_order.as_slice());
        for &(j, decided) in &v.matched {
            let Some(rule) = policy.rules.get(j) else {
                continue;
            };
            if fee_decided(rule, decided) && !merchant_fault {
                if let Some(s) = stats.get_mut(j) {
                    s.fee_charged = true;
                    if !(bonus && remedies.contains(&Remedy::StoreCredit)) {
                        s.fee_without_bonus = true;
                    }
                }
            }
        }
        // Coverage: a window, or an earlier refusal, for every combination.
        let window = v.matched.iter().any(|(_, d)| d & WINDOW != 0);
        let denied = v.matched.iter().any(|(j, d)| {
            d & ELIGIBILITY != 0
                && policy.rules.get(*j).is_some_and(|r| {
                    matches!(r.eligibility, Some(Eligibility::Deny(_))) && !is_conditional(&r.when)
                })
        });
        if !window && !denied {
            uncovered += 1;
            push_example(&mut uncovered_examples, cell);
        }
    }

    // Rules that never decide anything, and effects always decided earlier.
    for (j, s) in stats.iter().enumerate() {
        let rule = policy.rules.get(j);
        let written_rule = written.get(j);
        let own = sets.get(j).copied().unwrap_or(0);
        if !s.matched {
            let only_duplicates =
                rule.is_some_and(|r| r.when.reason == Reason::DuplicateCharge.bit());
            findings.push(Finding {
                code: FindingCode::UnreachableRule,
                severity: Severity::Warning,
                rules: vec![rule_id(j)],
                paths: vec![rule_path(j)],
                message: if only_duplicates {
                    format!("Rule {} applies only to duplicate charges, which are always refunded in full without consulting the rules: it never fires.", rule_id(j))
                } else {
                    format!("Rule {} matches no case: its conditions cannot hold together (a downloaded item is always digital).", rule_id(j))
                },
                combinations: None,
                examples: Vec::new(),
            });
            continue;
        }
        let never = own & !s.decided;
        if never == 0 {
            continue;
        }
        let shadowers: Vec<usize> = EFFECTS
            .iter()
            .filter(|e| never & **e != 0)
            .filter_map(|e| s.shadowed_by.get(effect_index(*e)).copied().flatten())
            .fold(Vec::new(), |mut acc, i| {
                if !acc.contains(&i) {
                    acc.push(i);
                }
                acc
            });
        let mut rules = vec![rule_id(j)];
        rules.extend(shadowers.iter().map(|i| rule_id(*i)));
        let by = shadowers
            .iter()
            .map(|i| rule_id(*i))
            .collect::<Vec<_>>()
            .join(", ");
        if s.decided == 0 {
            let mut paths = vec![rule_path(j)];
            paths.extend(shadowers.iter().map(|i| rule_path(*i)));
            findings.push(Finding {
                code: FindingCode::UnreachableRule,
                severity: Severity::Warning,
                rules,
                paths,
                message: format!(
                    "Rule {} never fires: wherever it matches, the earlier rule {by} already decides everything it sets. Move it above, narrow the earlier rule, or remove it.",
                    rule_id(j)
                ),
                combinations: None,
                examples: Vec::new(),
            });
            continue;
        }
        for &effect in EFFECTS.iter().filter(|e| never & **e != 0) {
            let field = effect_field(effect, written_rule);
            let by_rule = s.shadowed_by.get(effect_index(effect)).copied().flatten();
            let mut rules = vec![rule_id(j)];
            let mut paths = vec![format!("{}.{field}", rule_path(j))];
            if let Some(i) = by_rule {
                rules.push(rule_id(i));
                paths.push(format!(
                    "{}.{}",
                    rule_path(i),
                    effect_field(effect, written.get(i))
                ));
            }
            findings.push(Finding {
                code: FindingCode::ShadowedEffect,
                severity: Severity::Warning,
                rules,
                paths,
                message: format!(
                    "The {field} of rule {} never applies: wherever the rule matches, the earlier rule {} already decides it.",
                    rule_id(j),
                    by_rule.map_or(String::new(), rule_id)
                ),
                combinations: None,
                examples: Vec::new(),
            });
        }
    }

    // Contradictions: partial overlaps with different verdicts.
    for pair in &pairs {
        let (Some(ra), Some(rb)) = (policy.rules.get(pair.a), policy.rules.get(pair.b)) else {
            continue;
        };
        if pair.both == 0 {
            continue;
        }
        let a_inside_b = pair.only_a == 0 && implies(&ra.when, &rb.when);
        let b_inside_a = pair.only_b == 0 && implies(&rb.when, &ra.when);
        if a_inside_b || b_inside_a {
            continue;
        }
        // Already reported when the later rule never decides this effect.
        if stats
            .get(pair.b)
            .is_some_and(|s| s.decided & pair.effect == 0)
        {
            continue;
        }
        let field_a = effect_field(pair.effect, written.get(pair.a));
        let field_b = effect_field(pair.effect, written.get(pair.b));
        findings.push(Finding {
            code: FindingCode::Contradiction,
            severity: Severity::Warning,
            rules: vec![rule_id(pair.b), rule_id(pair.a)],
            paths: vec![
                format!("{}.{field_b}", rule_path(pair.b)),
                format!("{}.{field_a}", rule_path(pair.a)),
            ],
            message: format!(
                "Rules {} and {} overlap without one containing the other and decide {} differently: where both match, {} wins only because it comes first. Make one rule the exception of the other.",
                rule_id(pair.a),
                rule_id(pair.b),
                effect_noun(pair.effect),
                rule_id(pair.a)
            ),
            combinations: Some(pair.both),
            examples: pair.examples.iter().map(|c| example(policy, c)).collect(),
        });
    }

    // Fees.
    for (j, s) in stats.iter().enumerate() {
        let Some(rule) = policy.rules.get(j) else {
            continue;
        };
        let fee = sets.get(j).copied().unwrap_or(0) & s.decided;
        if !fee_decided(rule, fee) {
            continue;
        }
        let field = if fee & RESTOCKING_FEE != 0 && rule.restocking_fee.is_some() {
            "restocking_fee"
        } else {
            "return_shipping"
        };
        if !s.fee_charged {
            findings.push(Finding {
                code: FindingCode::FeeNeverCharged,
                severity: Severity::Warning,
                rules: vec![rule_id(j)],
                paths: vec![format!("{}.{field}", rule_path(j))],
                message: format!(
                    "The fee of rule {} applies only to reasons that are the merchant's fault (merchant_fault_reasons), for which fees are always waived: it is never charged.",
                    rule_id(j)
                ),
                combinations: None,
                examples: Vec::new(),
            });
        } else if bonus && !s.fee_without_bonus {
            findings.push(Finding {
                code: FindingCode::BonusWithFee,
                severity: Severity::Info,
                rules: vec![rule_id(j), policy.remedies_id.clone()],
                paths: vec![
                    format!("{}.{field}", rule_path(j)),
                    format!("{base}.remedies.store_credit_bonus_percent"),
                ],
                message: format!(
                    "Rule {} charges a fee where store credit with a bonus is offered: store credit is worth the amount before fees plus the bonus, so the fee applies to money refunds only (the policy's text says so).",
                    rule_id(j)
                ),
                combinations: None,
                examples: Vec::new(),
            });
        }
    }

    if uncovered > 0 {
        findings.push(Finding {
            code: FindingCode::UncoveredCase,
            severity: Severity::Warning,
            rules: Vec::new(),
            paths: vec![format!("{base}.rules")],
            message: format!(
                "{uncovered} combinations get no return window and no refusal from any rule: the engine denies them with refund.no_window. Add a window (or an explicit deny) for them."
            ),
            combinations: Some(uncovered),
            examples: uncovered_examples.iter().map(|c| example(policy, c)).collect(),
        });
    }

    crate::sort::sort_by_key(&mut findings, |f| {
        let first = f.paths.first().map_or(usize::MAX, |p| rule_index(p));
        (first, f.code.code())
    });
    PolicyReport {
        policy: policy.name.clone(),
        combinations: all.len() as u64,
        findings,
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
fn fee_decided(rule: &CRule, decided: u8) -> bool {
    let restocking = decided & RESTOCKING_FEE != 0
        && match &rule.restocking_fee {
            Some(CFee::Percent(p)) => !p.is_zero(),
            Some(CFee::FixedPerUnit(list)) => list.iter().any(|m| !m.is_zero()),
            None => false,
        };
    let shipping = decided & RETURN_SHIPPING != 0
        && rule
            .return_shipping
            .as_ref()
            .is_some_and(|s| s.payer == Payer::Customer && s.fee.iter().any(|m| !m.is_zero()));
    restocking || shipping
}

fn effect_noun(effect: u8) -> &'static str {
    match effect {
        WINDOW => "the return window",
        ELIGIBILITY => "whether the item may be returned",
        REFUND_SHIPPING => "whether the original shipping is refunded",
        RETURN_SHIPPING => "who pays the return shipping",
        _ => "whether a person reviews the request",
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
        let bonus = "[refund.policies.p.remedies]\norder = [\"refund\", \"store_credit\"]\nstore_credit_bonus_percent = \"10\"\n";
        let e = engine(&rules, bonus);
        let r = check(&e, None).unwrap();
        assert!(r.clean, "info only");
        assert_eq!(r.policies[0].findings[0].code, FindingCode::BonusWithFee);
        assert_eq!(r.policies[0].findings[0].severity, Severity::Info);
        // Without store credit among the remedies there is no bonus to note.
        assert!(codes(&engine(&rules, "")).is_empty());
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
            // Only notes: the US store's fees next to its store-credit bonus.
            assert!(r.policies[0]
                .findings
                .iter()
                .all(|f| f.code == FindingCode::BonusWithFee));
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
}

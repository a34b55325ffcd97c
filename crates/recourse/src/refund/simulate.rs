//! `refund.simulate`: a policy evaluated over a batch of past cases, folded into totals —
//! outcomes, money approved per currency, fees, store credit, manual reviews — by reason
//! and by rule, so that a merchant sees what a policy change costs before adopting it.
//!
//! [`Simulation`] folds one case at a time: memory does not grow with the number of cases,
//! only with the distinct currencies, reasons, rules and error codes met (and a bounded
//! list of error examples). The operation takes its cases as a JSON array (within the
//! engine's input limits); the CLI streams JSON lines from a file through the same fold.
//!
//! A case that cannot be evaluated (an unknown line, quantities over what was bought...)
//! is counted as an error with its code and path and does not stop the others. Each case
//! is evaluated under the simulated policy, whatever policy it names itself.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::case::EvaluateRequest;
use super::compile::CompiledPolicy;
use super::decision::{EvaluateResponse, Outcome, ReasonCode};
use super::evaluate::evaluate_quiet_under;
use super::policy::{Reason, Remedy};
use super::RefundCapability;
use crate::decode::parse_request;
use crate::money::{Currency, Money};
use crate::ops::Operation;
use crate::ops::{Context, Provides};
use crate::receipt::Trace;
use crate::sort::SortedMap;
use crate::Error;

/// Most error examples a simulation keeps.
const MAX_ERROR_EXAMPLES: usize = 20;

/// The request of `refund.simulate`.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    /// The policy to simulate (a name under `refund.policies`); the default one without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub policy: Option<String>,
    /// A second policy to run over the same cases, side by side (current vs proposed).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare_with: Option<String>,
    /// The past cases, each a `refund.evaluate` request.
    pub cases: Vec<EvaluateRequest>,
}

/// The response of `refund.simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SimulateResponse {
    /// The totals under the simulated policy.
    pub totals: Totals,
    /// The totals under `compare_with`, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared: Option<Totals>,
}

/// Totals of one policy over a batch of cases.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Totals {
    /// The policy.
    pub policy: String,
    /// Cases read (evaluated or in error).
    pub cases: u64,
    /// Decisions by outcome.
    pub outcomes: Outcomes,
    /// Money per currency, sorted by currency code.
    pub money: Vec<MoneyTotals>,
    /// Per reason asked, in the order reasons are declared.
    pub by_reason: Vec<ReasonTotals>,
    /// Per rule (or built-in guarantee) cited, sorted by id.
    pub by_rule: Vec<RuleTotals>,
    /// Cases that could not be evaluated.
    pub errors: ErrorTotals,
}

/// Decisions by outcome.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Outcomes {
    /// Approved in full.
    pub approve: u64,
    /// Approved in part.
    pub partial: u64,
    /// Denied.
    pub deny: u64,
    /// Left to a person.
    pub manual_review: u64,
}

impl Outcomes {
    fn merge(&mut self, other: Self) {
        self.approve += other.approve;
        self.partial += other.partial;
        self.deny += other.deny;
        self.manual_review += other.manual_review;
    }

    fn add(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Approve => self.approve += 1,
            Outcome::Partial => self.partial += 1,
            Outcome::Deny => self.deny += 1,
            Outcome::ManualReview => self.manual_review += 1,
        }
    }
}

/// Money in one currency.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct MoneyTotals {
    /// The ISO 4217 code.
    pub currency: String,
    /// Approved (approve and partial): the decisions' totals, whatever the remedy.
    pub approved: Money,
    /// Of that, paid back as money to the payment methods.
    pub refunded: Money,
    /// Store credit issued for approved decisions (bonus included).
    pub store_credit: Money,
    /// Pending a person's review: what the policy would grant.
    pub manual_review: Money,
    /// Restocking fees kept on approved decisions.
    pub restocking_fees: Money,
    /// Return shipping charged on approved decisions.
    pub return_shipping_fees: Money,
    /// Original shipping refunded on approved decisions.
    pub shipping_refunded: Money,
    /// Withheld because the ledger had refunded it already.
    pub capped: Money,
}

/// The totals of one reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ReasonTotals {
    /// The reason asked.
    pub reason: Reason,
    /// Cases evaluated with it.
    pub cases: u64,
    /// Their outcomes.
    pub outcomes: Outcomes,
    /// Their money per currency.
    pub money: Vec<MoneyTotals>,
}

/// How often a rule was cited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RuleTotals {
    /// The rule id (or `recourse.*` guarantee).
    pub rule: String,
    /// Decisions citing it.
    pub decisions: u64,
    /// Of those, denied.
    pub denied: u64,
    /// Citations per reason code, sorted by code.
    pub codes: BTreeMap<String, u64>,
}

/// Cases that could not be evaluated.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ErrorTotals {
    /// How many.
    pub count: u64,
    /// How many per error code, sorted by code.
    pub by_code: BTreeMap<String, u64>,
    /// The first ones (at most 20), in order.
    pub examples: Vec<CaseError>,
}

/// One case in error.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CaseError {
    /// Where the case is: its index in `cases`, or its line number (from 1) when streamed
    /// from JSON lines.
    pub at: u64,
    /// The stable error code.
    pub code: String,
    /// The path of the culprit inside the case.
    pub path: String,
}

/// Money sums in minor units.
#[derive(Debug, Clone, Copy, Default)]
struct Sums {
    approved: i128,
    refunded: i128,
    store_credit: i128,
    manual_review: i128,
    restocking_fees: i128,
    return_shipping_fees: i128,
    shipping_refunded: i128,
    capped: i128,
}

impl Sums {
    fn merge(&mut self, other: &Self) {
        let pairs = [
            (&mut self.approved, other.approved),
            (&mut self.refunded, other.refunded),
            (&mut self.store_credit, other.store_credit),
            (&mut self.manual_review, other.manual_review),
            (&mut self.restocking_fees, other.restocking_fees),
            (&mut self.return_shipping_fees, other.return_shipping_fees),
            (&mut self.shipping_refunded, other.shipping_refunded),
            (&mut self.capped, other.capped),
        ];
        for (sum, more) in pairs {
            *sum = sum.saturating_add(more);
        }
    }

    fn add(&mut self, d: &EvaluateResponse) {
        let b = &d.breakdown;
        self.capped = self.capped.saturating_add(b.capped.to_minor());
        match d.outcome {
            Outcome::Approve | Outcome::Partial => {
                self.approved = self.approved.saturating_add(d.total.to_minor());
                match d.remedy.kind {
                    Remedy::Refund => {
                        self.refunded = self.refunded.saturating_add(d.total.to_minor());
                    }
                    Remedy::StoreCredit => {
                        let credit = d.remedy.amount.map_or(0, |m| m.to_minor());
                        self.store_credit = self.store_credit.saturating_add(credit);
                    }
                    Remedy::Exchange | Remedy::Replacement | Remedy::Repair => {}
                }
                self.restocking_fees = self
                    .restocking_fees
                    .saturating_add(b.restocking_fee.to_minor());
                self.return_shipping_fees = self
                    .return_shipping_fees
                    .saturating_add(b.return_shipping_fee.to_minor());
                self.shipping_refunded =
                    self.shipping_refunded.saturating_add(b.shipping.to_minor());
            }
            Outcome::ManualReview => {
                self.manual_review = self.manual_review.saturating_add(d.total.to_minor());
            }
            Outcome::Deny => {}
        }
    }

    fn totals(&self, currency: Currency) -> MoneyTotals {
        let m = |minor: i128| Money::from_minor(minor, currency).unwrap_or(Money::zero(currency));
        MoneyTotals {
            currency: currency.code().to_owned(),
            approved: m(self.approved),
            refunded: m(self.refunded),
            store_credit: m(self.store_credit),
            manual_review: m(self.manual_review),
            restocking_fees: m(self.restocking_fees),
            return_shipping_fees: m(self.return_shipping_fees),
            shipping_refunded: m(self.shipping_refunded),
            capped: m(self.capped),
        }
    }
}

/// Money sums per currency code.
type PerCurrency = SortedMap<&'static str, (Currency, Sums)>;

fn merge_money(into: &mut PerCurrency, from: PerCurrency) {
    for (code, (currency, sums)) in from.into_entries() {
        if let Some((_, mine)) = into.slot(code, || (code, (currency, Sums::default()))) {
            mine.merge(&sums);
        }
    }
}

/// The running totals of one policy.
#[derive(Debug, Clone, Default)]
struct Fold {
    cases: u64,
    outcomes: Outcomes,
    money: PerCurrency,
    /// Per reason: cases, outcomes, money.
    by_reason: SortedMap<Reason, (u64, Outcomes, PerCurrency)>,
    /// Per rule: decisions, denied, citations per code.
    by_rule: SortedMap<String, (u64, u64, SortedMap<&'static str, u64>)>,
    errors: ErrorTotals,
}

impl Fold {
    /// Folds decision `d`, whose reasons' codes and rules are `cited` (in its order).
    fn add(&mut self, d: &EvaluateResponse, cited: &[(ReasonCode, &str)]) {
        self.cases += 1;
        self.outcomes.add(d.outcome);
        let currency = d.total.currency();
        let code = currency.code();
        let new_sums = || (code, (currency, Sums::default()));
        if let Some((_, sums)) = self.money.slot(code, new_sums) {
            sums.add(d);
        }
        let reason = d.reason;
        if let Some((n, outcomes, money)) = self
            .by_reason
            .slot(&reason, || (reason, Default::default()))
        {
            *n += 1;
            outcomes.add(d.outcome);
            if let Some((_, sums)) = money.slot(code, new_sums) {
                sums.add(d);
            }
        }
        let denied = u64::from(d.outcome == Outcome::Deny);
        for (i, &(code, rule)) in cited.iter().enumerate() {
            let first = !cited.iter().take(i).any(|&(_, o)| o == rule);
            let Some(entry) = self
                .by_rule
                .slot(rule, || (rule.to_owned(), Default::default()))
            else {
                continue;
            };
            if first {
                entry.0 += 1;
                entry.1 += denied;
            }
            let code = code.code();
            if let Some(n) = entry.2.slot(code, || (code, 0)) {
                *n += 1;
            }
        }
    }

    /// Adds `other`'s totals, as if its cases had been folded here: every total is a
    /// sum, and the error examples are the first ones by position.
    fn merge(&mut self, other: Self) {
        self.cases += other.cases;
        self.outcomes.merge(other.outcomes);
        merge_money(&mut self.money, other.money);
        for (reason, (cases, outcomes, money)) in other.by_reason.into_entries() {
            let fresh = || (reason, Default::default());
            if let Some((n, mine, mine_money)) = self.by_reason.slot(&reason, fresh) {
                *n += cases;
                mine.merge(outcomes);
                merge_money(mine_money, money);
            }
        }
        for (rule, (decisions, denied, codes)) in other.by_rule.into_entries() {
            let fresh = || (rule.clone(), Default::default());
            if let Some(entry) = self.by_rule.slot(rule.as_str(), fresh) {
                entry.0 += decisions;
                entry.1 += denied;
                for (code, n) in codes.into_entries() {
                    if let Some(mine) = entry.2.slot(code, || (code, 0)) {
                        *mine += n;
                    }
                }
            }
        }
        let errors = other.errors;
        self.errors.count += errors.count;
        for (code, n) in errors.by_code {
            *self.errors.by_code.entry(code).or_default() += n;
        }
        self.errors.examples.extend(errors.examples);
        crate::sort::sort_by_key(&mut self.errors.examples, |e| e.at);
        self.errors.examples.truncate(MAX_ERROR_EXAMPLES);
    }

    fn error(&mut self, at: u64, error: &Error) {
        self.cases += 1;
        self.errors.count += 1;
        *self
            .errors
            .by_code
            .entry(error.code().to_owned())
            .or_default() += 1;
        if self.errors.examples.len() < MAX_ERROR_EXAMPLES {
            self.errors.examples.push(CaseError {
                at,
                code: error.code().to_owned(),
                path: error.path().to_owned(),
            });
        }
    }

    fn totals(self, policy: String) -> Totals {
        let money = |m: PerCurrency| m.into_entries().map(|(_, (c, s))| s.totals(c)).collect();
        Totals {
            policy,
            cases: self.cases,
            outcomes: self.outcomes,
            money: money(self.money),
            by_reason: self
                .by_reason
                .into_entries()
                .map(|(reason, (cases, outcomes, m))| ReasonTotals {
                    reason,
                    cases,
                    outcomes,
                    money: money(m),
                })
                .collect(),
            by_rule: self
                .by_rule
                .into_entries()
                .map(|(rule, (decisions, denied, codes))| RuleTotals {
                    rule,
                    decisions,
                    denied,
                    codes: {
                        // Filled by `insert`, not `collect` (which sorts): see `crate::sort`.
                        let mut owned = BTreeMap::new();
                        for (k, v) in codes.into_entries() {
                            owned.insert(k.to_owned(), v);
                        }
                        owned
                    },
                })
                .collect(),
            errors: self.errors,
        }
    }
}

/// A simulation in progress: feed it cases one at a time, then [`Simulation::finish`].
///
/// # Example
/// ```
/// use recourse_payments::refund::{EvaluateRequest, Simulation};
/// let engine = recourse_payments::Engine::default_store()?;
/// let mut sim = Simulation::new(&engine, Some("casa_aurora_br"), None)?;
/// let line = br#"{"now": "2026-03-10T12:00:00-03:00",
///   "order": {"currency": "BRL", "purchased_at": "2026-03-01T10:00:00-03:00",
///     "delivered_at": "2026-03-04T15:00:00-03:00",
///     "lines": [{"id": "l1", "category": "apparel", "quantity": 1,
///                "unit_price": {"amount": "100.00", "currency": "BRL"}}],
///     "payments": [{"id": "p1", "method": "card", "captured_at": "2026-03-01T10:00:00-03:00",
///                   "captured": {"amount": "100.00", "currency": "BRL"}}]},
///   "request": {"reason": "changed_mind", "lines": [{"line_id": "l1", "quantity": 1}]}}"#;
/// sim.add_json(line, 1);
/// sim.add_json(b"{not json", 2);
/// let out = sim.finish();
/// assert_eq!(out.totals.cases, 2);
/// assert_eq!(out.totals.outcomes.approve, 1);
/// assert_eq!(out.totals.money[0].approved.to_string(), "100.00 BRL");
/// assert_eq!(out.totals.errors.examples[0].at, 2);
/// # Ok::<(), recourse_payments::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Simulation<'e> {
    cx: Context<'e, RefundCapability>,
    /// Each simulated policy, resolved once, with its totals.
    policies: Vec<(&'e CompiledPolicy, Fold)>,
}

impl<'e> Simulation<'e> {
    /// A simulation of `policy` (the default policy without it), and of `compare_with`
    /// side by side when given.
    ///
    /// # Errors
    /// `refund.unknown_policy` (at `policy` or `compare_with`); `refund.no_policy`.
    pub fn new(
        engine: &'e impl Provides<RefundCapability>,
        policy: Option<&str>,
        compare_with: Option<&str>,
    ) -> Result<Self, Error> {
        let cx = engine.context()?;
        let policies = cx.section().policies();
        let first = policies.resolve(policy, "policy")?;
        let mut resolved = vec![(first, Fold::default())];
        if let Some(other) = compare_with {
            let second = policies.resolve(Some(other), "compare_with")?;
            resolved.push((second, Fold::default()));
        }
        Ok(Self {
            cx,
            policies: resolved,
        })
    }

    /// Evaluates one case under each simulated policy and folds the decision in. `at` is
    /// the case's position, reported with its error if it has one.
    pub fn add(&mut self, case: EvaluateRequest, at: u64) {
        self.add_ref(&case, at);
    }

    /// [`Simulation::add`] of a borrowed case: the decision `refund.evaluate` gives when the
    /// case names the simulated policy, without what the totals do not read.
    fn add_ref(&mut self, case: &EvaluateRequest, at: u64) {
        let locale = case.locale.unwrap_or(self.cx.services().default_locale());
        for (policy, fold) in &mut self.policies {
            match evaluate_quiet_under(policy, case, locale) {
                Ok(decided) => fold.add(&decided.response, &decided.cited),
                Err(e) => fold.error(at, &e),
            }
        }
    }

    /// Reads one case from JSON (within the engine's input limits) and adds it; a case
    /// that cannot be read is counted as an error at `at`.
    pub fn add_json(&mut self, json: &[u8], at: u64) {
        match self.read(json) {
            Ok(case) => self.add(case, at),
            Err(e) => self.add_error(at, &e),
        }
    }

    /// The case read straight from its text when it can be (within the limits, counted as
    /// it reads), otherwise checked against the limits and read through a `Value`: the same
    /// case, or the same error, either way.
    fn read(&self, json: &[u8]) -> Result<EvaluateRequest, Error> {
        let limits = self.cx.services().limits();
        #[cfg(feature = "direct-read")]
        if let Some(case) = std::str::from_utf8(json).ok().and_then(|t| limits.read(t)) {
            return Ok(case);
        }
        limits.check::<EvaluateRequest>(json)?;
        let text = std::str::from_utf8(json)
            .map_err(|_| Error::new(crate::error::InputError::InvalidUtf8, "."))?;
        parse_request(text)
    }

    /// Counts a case that could not even be read (an I/O error, say) as an error at `at`.
    pub fn add_error(&mut self, at: u64, error: &Error) {
        for (_, fold) in &mut self.policies {
            fold.error(at, error);
        }
    }

    /// A simulation of the same policies with no case folded yet: one per thread, to
    /// [`Simulation::merge`] afterwards.
    #[must_use]
    pub fn empty_copy(&self) -> Self {
        Self {
            cx: self.cx,
            policies: self
                .policies
                .iter()
                .map(|(policy, _)| (*policy, Fold::default()))
                .collect(),
        }
    }

    /// Adds the cases `other` has folded, as if they had been added here: a simulation
    /// can be split across threads, each folding part of the cases, and merged. The totals
    /// do not depend on how the cases were split; the error examples are the first ones
    /// by position.
    ///
    /// # Errors
    /// `input.invalid` at `policy` when `other` simulates other policies.
    pub fn merge(&mut self, other: Simulation<'_>) -> Result<(), Error> {
        let same = self.policies.len() == other.policies.len()
            && self
                .policies
                .iter()
                .zip(&other.policies)
                .all(|((a, _), (b, _))| a.name == b.name);
        if same {
            for ((_, mine), (_, theirs)) in self.policies.iter_mut().zip(other.policies) {
                mine.merge(theirs);
            }
            return Ok(());
        }
        Err(Error::new(
            crate::error::InputError::Invalid {
                detail: "the simulations merged simulate different policies".into(),
            },
            "policy",
        ))
    }

    /// The totals.
    pub fn finish(self) -> SimulateResponse {
        let mut folds = self
            .policies
            .into_iter()
            .map(|(policy, fold)| fold.totals(policy.name.clone()));
        let totals = folds
            .next()
            .unwrap_or_else(|| Fold::default().totals(String::new()));
        SimulateResponse {
            totals,
            compared: folds.next(),
        }
    }
}

/// Simulates `policy` (the default one without it) over `cases`, one at a time.
///
/// # Errors
/// As [`Simulation::new`]. Cases that cannot be evaluated are counted, not raised.
pub fn simulate<I>(
    engine: &impl Provides<RefundCapability>,
    policy: Option<&str>,
    compare_with: Option<&str>,
    cases: I,
) -> Result<SimulateResponse, Error>
where
    I: IntoIterator<Item = EvaluateRequest>,
{
    let mut sim = Simulation::new(engine, policy, compare_with)?;
    for (i, case) in cases.into_iter().enumerate() {
        sim.add(case, i as u64);
    }
    Ok(sim.finish())
}

/// Records the totals of each simulated policy in a receipt's trace.
pub fn explain(out: &SimulateResponse, trace: &mut Trace) {
    for t in std::iter::once(&out.totals).chain(out.compared.as_ref()) {
        trace.push(
            "refund.simulate.totals",
            format!(
                "policy {}: {} cases; approve {}, partial {}, deny {}, manual review {}; {} errors",
                t.policy,
                t.cases,
                t.outcomes.approve,
                t.outcomes.partial,
                t.outcomes.deny,
                t.outcomes.manual_review,
                t.errors.count
            ),
        );
    }
}

/// `refund.simulate`: a policy over a batch of past cases, in totals.
pub struct Simulate;

impl Operation for Simulate {
    const NAME: &'static str = "refund.simulate";
    const SUMMARY: &'static str =
        "Evaluate a refund policy over past cases: outcomes, money approved, fees, store credit and reviews, by reason and rule";
    type Capability = RefundCapability;
    type Request = SimulateRequest;
    type Response = SimulateResponse;

    fn run(
        cx: &Context<'_, RefundCapability>,
        request: &SimulateRequest,
        trace: &mut Trace,
    ) -> Result<SimulateResponse, Error> {
        let mut sim = Simulation::new(
            cx,
            request.policy.as_deref(),
            request.compare_with.as_deref(),
        )?;
        for (i, case) in request.cases.iter().enumerate() {
            sim.add_ref(case, i as u64);
        }
        let out = sim.finish();
        explain(&out, trace);
        Ok(out)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::comms::Locale;
    use crate::refund::evaluate;
    use crate::Engine;
    use serde_json::json;

    const REASONS: [&str; 5] = [
        "changed_mind",
        "defective",
        "not_received",
        "changed_mind",
        "wrong_item",
    ];
    const CATEGORIES: [&str; 3] = ["apparel", "electronics", "home"];
    const METHODS: [&str; 3] = ["card", "pix", "boleto"];
    const PERIOD: usize = 60;

    /// The `i`-th generated case; the generator repeats every `PERIOD` cases.
    fn case(i: usize) -> EvaluateRequest {
        let k = i % PERIOD;
        let reason = REASONS[k % REASONS.len()];
        let category = CATEGORIES[k % CATEGORIES.len()];
        let method = METHODS[k % METHODS.len()];
        let price = format!("{}.{:02}", 40 + k * 13, k % 100);
        let received_day = 2 + k % 20;
        let standing = if k % 11 == 0 { "watch" } else { "good" };
        serde_json::from_value(json!({
            "now": format!("2026-03-{:02}T12:00:00-03:00", 5 + k % 20),
            "order": {
                "currency": "BRL",
                "purchased_at": "2026-03-01T10:00:00-03:00",
                "delivered_at": format!("2026-03-{:02}T09:00:00-03:00", received_day.min(4)),
                "shipping": {"amount": "15.00", "currency": "BRL"},
                "lines": [{"id": "a", "category": category, "quantity": 2,
                           "unit_price": {"amount": price, "currency": "BRL"}}],
                "payments": [{"id": "p", "method": method, "captured_at": "2026-03-01T10:00:00-03:00",
                              "captured": {"amount": "20000.00", "currency": "BRL"}}]
            },
            "request": {"reason": reason, "lines": [{"line_id": "a", "quantity": 1 + k % 2}],
                        "preferred_remedy": if k % 7 == 0 { "store_credit" } else { "refund" }},
            "customer": {"standing": standing}
        }))
        .unwrap()
    }

    /// The decision as a simulation reads it: without what `evaluate_quiet` leaves out.
    fn without_words(mut d: EvaluateResponse) -> EvaluateResponse {
        for reason in &mut d.reasons {
            reason.message.clear();
            reason.line_id = None;
            reason.payment_id = None;
        }
        for payment in &mut d.payments {
            payment.payment_id.clear();
        }
        d.lines.clear();
        d.greeting = None;
        d.refund_by = None;
        for offer in std::iter::once(&mut d.remedy).chain(&mut d.alternatives) {
            offer.bonus_percent = None;
        }
        d.policy.clear();
        d
    }

    #[test]
    fn a_quiet_decision_is_the_decision_without_its_words() {
        use crate::refund::evaluate::evaluate_quiet;
        let engine = Engine::default_store().unwrap();
        let policy = engine.refund_policies().get(None).unwrap();
        let (mut spoken, mut greeted) = (0, 0);
        for i in 0..PERIOD {
            for locale in [Locale::En, Locale::PtBr, Locale::Es, Locale::El] {
                let mut request = case(i);
                request.locale = Some(locale);
                request.customer.name = (i % 3 == 0).then(|| "Ana".to_owned());
                // Every other case names a line the order lacks: errors are the same too.
                if i % 2 == 1 {
                    request.request.lines[0].line_id = "missing".into();
                }
                let full = evaluate(&engine, &request);
                let quiet = evaluate_quiet(&engine, &request);
                // What a simulation folds: the quiet decision with its reasons cited.
                let under = evaluate_quiet_under(policy, &request, locale).map(|d| {
                    assert!(d.response.reasons.is_empty());
                    let cited: Vec<_> = d.cited.iter().map(|&(c, r)| (c, r.to_owned())).collect();
                    (d.response, cited)
                });
                match (&quiet, under) {
                    (Ok(quiet), Ok((mut under, cited))) => {
                        let written: Vec<_> = quiet
                            .reasons
                            .iter()
                            .map(|r| (r.code, r.rule.clone()))
                            .collect();
                        assert_eq!(written, cited, "case {i}");
                        under.reasons.clone_from(&quiet.reasons);
                        assert_eq!(quiet, &under, "case {i}");
                    }
                    (Err(quiet), Err(under)) => assert_eq!(quiet, &under, "case {i}"),
                    _ => panic!("case {i}: one quiet decision failed, not the other"),
                }
                let Ok(full) = full else {
                    assert_eq!(full.unwrap_err(), quiet.unwrap_err(), "case {i}");
                    continue;
                };
                spoken += full
                    .reasons
                    .iter()
                    .filter(|r| !r.message.is_empty())
                    .count();
                greeted += usize::from(full.greeting.is_some());
                assert!(!full.lines.is_empty());
                assert_eq!(
                    without_words(full),
                    quiet.unwrap(),
                    "case {i} in {locale:?}"
                );
            }
        }
        assert!(spoken > PERIOD, "the decisions said {spoken} sentences");
        assert!(greeted > 0);
    }

    /// A case from the generator, changed as `change` says: in another locale, for a
    /// named customer, asking a line the order lacks, asking more than was bought.
    fn changed_case(i: usize, change: u8) -> EvaluateRequest {
        let mut c = case(i);
        match change % 6 {
            1 => c.locale = Some(Locale::El),
            2 => c.customer.name = Some("Ana".into()),
            3 => c.request.lines[0].line_id = "zz".into(),
            4 => c.request.lines[0].quantity = 9,
            5 => c.policy = Some("no_such_policy".into()),
            _ => {}
        }
        c
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(48))]
        /// A simulation's totals are those of the decisions `refund.evaluate` gives when each
        /// case names the simulated policy, folded one by one: the quiet evaluation leaves
        /// out nothing the totals read.
        #[test]
        fn the_totals_are_those_of_the_full_decisions(
            cases in proptest::collection::vec((0_usize..PERIOD, 0_u8..6), 1..40),
        ) {
            let engine = Engine::default_store().unwrap();
            let mut sim = Simulation::new(&engine, None, Some("casa_aurora_eu")).unwrap();
            let mut by_hand = [Fold::default(), Fold::default()];
            for (at, (i, change)) in cases.iter().enumerate() {
                let c = changed_case(*i, *change);
                for (fold, name) in by_hand.iter_mut().zip(["casa_aurora_br", "casa_aurora_eu"]) {
                    let mut named = c.clone();
                    named.policy = Some(name.to_owned());
                    match evaluate(&engine, &named) {
                        Ok(d) => {
                            let cited: Vec<_> =
                                d.reasons.iter().map(|r| (r.code, r.rule.as_str())).collect();
                            fold.add(&d, &cited);
                        }
                        Err(e) => fold.error(at as u64, &e),
                    }
                }
                sim.add(c, at as u64);
            }
            let out = sim.finish();
            let [br, eu] = by_hand;
            let expected = SimulateResponse {
                totals: br.totals("casa_aurora_br".into()),
                compared: Some(eu.totals("casa_aurora_eu".into())),
            };
            proptest::prop_assert_eq!(
                crate::canonical::encode(&out).unwrap(),
                crate::canonical::encode(&expected).unwrap()
            );
        }
    }

    /// One period of cases evaluated one by one, and what they sum to (minor units).
    #[derive(Default)]
    struct PeriodByHand {
        outcomes: Outcomes,
        approved: i128,
        review: i128,
        fees: i128,
        credit: i128,
        denied_by_window: u64,
    }

    fn one_period_by_hand(engine: &Engine) -> PeriodByHand {
        let mut sum = PeriodByHand::default();
        let PeriodByHand {
            outcomes,
            approved,
            review,
            fees,
            credit,
            denied_by_window,
        } = &mut sum;
        for i in 0..PERIOD {
            let d = evaluate(engine, &case(i)).unwrap();
            outcomes.add(d.outcome);
            match d.outcome {
                Outcome::Approve | Outcome::Partial => {
                    *approved += d.total.to_minor();
                    *fees += d.breakdown.restocking_fee.to_minor()
                        + d.breakdown.return_shipping_fee.to_minor();
                    if d.remedy.kind == Remedy::StoreCredit {
                        *credit += d.remedy.amount.unwrap().to_minor();
                    }
                }
                Outcome::ManualReview => *review += d.total.to_minor(),
                Outcome::Deny => {}
            }
            *denied_by_window += u64::from(
                d.reasons
                    .iter()
                    .any(|r| r.code.code() == "refund.window_expired"),
            );
        }
        sum
    }

    #[test]
    fn a_hundred_thousand_streamed_cases_total_the_sum_of_their_decisions() {
        let engine = Engine::default_store().unwrap();
        let PeriodByHand {
            outcomes,
            approved,
            review,
            fees,
            credit,
            denied_by_window,
        } = one_period_by_hand(&engine);
        assert!(outcomes.approve > 0 && outcomes.deny > 0 && outcomes.manual_review > 0);
        assert!(credit > 0);

        // 100,000 cases from a generator: never all in memory.
        const N: usize = 100_000;
        let out = simulate(&engine, None, None, (0..N).map(case)).unwrap();
        let t = out.totals;
        let times = (N / PERIOD) as u64;
        let rest = N % PERIOD;
        let mut tail = Simulation::new(&engine, None, None).unwrap();
        for i in 0..rest {
            tail.add(case(i), i as u64);
        }
        let tail = tail.finish().totals;
        assert_eq!(t.cases, N as u64);
        assert_eq!(t.errors.count, 0);
        assert_eq!(
            t.outcomes.approve,
            outcomes.approve * times + tail.outcomes.approve
        );
        assert_eq!(t.outcomes.deny, outcomes.deny * times + tail.outcomes.deny);
        assert_eq!(
            t.outcomes.manual_review,
            outcomes.manual_review * times + tail.outcomes.manual_review
        );
        let brl = &t.money[0];
        let tail_brl = &tail.money[0];
        let scale = i128::from(times as u32);
        assert_eq!(
            brl.approved.to_minor(),
            approved * scale + tail_brl.approved.to_minor()
        );
        assert_eq!(
            brl.manual_review.to_minor(),
            review * scale + tail_brl.manual_review.to_minor()
        );
        assert_eq!(
            brl.restocking_fees.to_minor() + brl.return_shipping_fees.to_minor(),
            fees * scale
                + tail_brl.restocking_fees.to_minor()
                + tail_brl.return_shipping_fees.to_minor()
        );
        assert_eq!(
            brl.store_credit.to_minor(),
            credit * scale + tail_brl.store_credit.to_minor()
        );
        // Reasons partition the cases; the window rule is cited by every expired case.
        let by_reason: u64 = t.by_reason.iter().map(|r| r.cases).sum();
        assert_eq!(by_reason, N as u64);
        let regret = t
            .by_rule
            .iter()
            .find(|r| r.rule == "br.cdc49.regret")
            .unwrap();
        assert!(
            regret
                .codes
                .get("refund.window_expired")
                .copied()
                .unwrap_or(0)
                >= denied_by_window * times
        );
    }

    /// Case `i` of a stream with bad cases among the good ones (every 7th names an unknown
    /// line, every 9th is not JSON), as JSON.
    fn line(i: usize) -> Vec<u8> {
        let mut c = case(i);
        if i % 9 == 4 {
            return b"{not json".to_vec();
        }
        if i % 7 == 3 {
            c.request.lines[0].line_id = "zz".into();
        }
        serde_json::to_vec(&c).unwrap()
    }

    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(24))]
        /// Cases split across simulations (as across threads), merged in any order, give the
        /// bytes of one simulation over all of them in order.
        #[test]
        fn merged_parts_total_what_one_simulation_totals(
            owners in proptest::collection::vec(0_usize..3, 1..160),
            order in proptest::sample::select(vec![[0, 1, 2], [2, 0, 1], [1, 2, 0]]),
        ) {
            let engine = Engine::default_store().unwrap();
            let new = || Simulation::new(&engine, None, Some("casa_aurora_eu")).unwrap();
            let mut whole = new();
            let mut parts = [new(), new(), new()];
            for (i, owner) in owners.iter().enumerate() {
                let json = line(i);
                whole.add_json(&json, i as u64 + 1);
                parts[*owner].add_json(&json, i as u64 + 1);
            }
            let [a, b, c] = parts;
            let mut parts = [Some(a), Some(b), Some(c)];
            let mut merged = parts[order[0]].take().unwrap();
            for k in &order[1..] {
                merged.merge(parts[*k].take().unwrap()).unwrap();
            }
            let one = crate::canonical::encode(&whole.finish()).unwrap();
            let split = crate::canonical::encode(&merged.finish()).unwrap();
            proptest::prop_assert_eq!(one, split);
        }
    }

    #[test]
    fn simulations_of_other_policies_do_not_merge() {
        let engine = Engine::default_store().unwrap();
        let mut sim = Simulation::new(&engine, None, None).unwrap();
        let other = Simulation::new(&engine, Some("casa_aurora_eu"), None).unwrap();
        let e = sim.merge(other).unwrap_err();
        assert_eq!((e.code(), e.path()), ("input.invalid", "policy"));
        let compared = Simulation::new(&engine, None, Some("casa_aurora_eu")).unwrap();
        assert!(sim.merge(compared).is_err());
    }

    #[test]
    fn bad_cases_are_counted_with_their_position_and_do_not_stop_the_others() {
        let engine = Engine::default_store().unwrap();
        let mut sim = Simulation::new(&engine, None, Some("casa_aurora_eu")).unwrap();
        let good = serde_json::to_vec(&case(1)).unwrap();
        let mut bad = case(1);
        bad.request.lines[0].line_id = "zz".into();
        sim.add_json(&good, 1);
        sim.add_json(b"{\"now\": 3}", 2);
        sim.add(bad, 3);
        sim.add_json(&[0xff, 0xfe], 4);
        let out = sim.finish();
        for t in [&out.totals, out.compared.as_ref().unwrap()] {
            assert_eq!(t.cases, 4);
            assert_eq!(t.errors.count, 3);
            let e: Vec<_> = t
                .errors
                .examples
                .iter()
                .map(|e| (e.at, e.code.as_str(), e.path.as_str()))
                .collect();
            assert_eq!(
                e,
                [
                    (2, "input.invalid_time", "now"),
                    (3, "refund.unknown_line", "request.lines[0].line_id"),
                    (4, "input.invalid_utf8", ".")
                ]
            );
        }
        assert_eq!(out.totals.policy, "casa_aurora_br");
        assert_eq!(out.compared.unwrap().policy, "casa_aurora_eu");
    }

    #[test]
    fn unknown_policies_are_errors() {
        let engine = Engine::default_store().unwrap();
        let e = Simulation::new(&engine, Some("x"), None).unwrap_err();
        assert_eq!((e.code(), e.path()), ("refund.unknown_policy", "policy"));
        let e = Simulation::new(&engine, None, Some("x")).unwrap_err();
        assert_eq!(e.path(), "compare_with");
    }
}

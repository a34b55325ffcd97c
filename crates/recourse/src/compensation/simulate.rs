//! `compensation.simulate`: a scheme over a batch of past incidents, folded one at a time
//! into what it would have cost per budget period, per incident kind and per tier, and how
//! many claims would have gone to review or needed an approval. A second scheme runs over
//! the same incidents side by side.
//!
//! [`Simulation`] keeps only totals: memory grows with the distinct periods, kinds and
//! tiers met, never with the number of incidents. Sentences are not written. An incident
//! that cannot be decided is counted as an error with its code and does not stop the others.

use std::collections::BTreeMap;

use chrono::Datelike;
use schemars::JsonSchema;
use serde::Serialize;

use super::config::{BudgetPeriod, Role};
use super::offer::{decide, resolve, OfferRequest, OfferResponse, Outcome, Say};
use super::CompensationCapability;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::money::{Currency, Money};
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// The request of `compensation.simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SimulateRequest {
    /// The scheme to simulate; the default one without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
    /// A second scheme over the same incidents, side by side.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub compare_with: Option<String>,
    /// The past incidents, each a `compensation.offer` request (its `scheme` is replaced).
    pub incidents: Vec<OfferRequest>,
}

/// The response of `compensation.simulate`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SimulateResponse {
    /// The totals under the simulated scheme.
    pub totals: Totals,
    /// The totals under `compare_with`, when asked.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub compared: Option<Totals>,
}

/// Offers and their cost under one key (a period, a kind, a tier).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Bucket {
    /// The period (`2026-12`, `2026-W49`, `2026-Q4`), kind or tier.
    pub key: String,
    /// Incidents decided under it.
    pub incidents: u64,
    /// Of those, offers given.
    pub offers: u64,
    /// Their value.
    pub cost: Money,
}

/// The totals of one scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Totals {
    /// The scheme.
    pub scheme: String,
    /// Incidents read.
    pub incidents: u64,
    /// Offers given.
    pub offers: u64,
    /// Sent to review.
    pub reviews: u64,
    /// No goodwill.
    pub none: u64,
    /// Offers a team lead or a manager must grant.
    pub approvals: u64,
    /// Of those, ones the caller could not grant.
    pub approvals_needed: u64,
    /// Incidents that could not be decided.
    pub errors: u64,
    /// The value of the offers given.
    pub cost: Money,
    /// The value of the claims sent to review, if all were granted.
    pub under_review: Money,
    /// Per budget period (the scheme's, or month), by `now`.
    pub by_period: Vec<Bucket>,
    /// Per incident kind.
    pub by_kind: Vec<Bucket>,
    /// Per tier.
    pub by_tier: Vec<Bucket>,
    /// Errors by code.
    pub error_codes: Vec<ErrorCount>,
}

/// How many incidents failed with one code.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ErrorCount {
    /// The code.
    pub code: String,
    /// How many.
    pub count: u64,
}

#[derive(Debug, Clone, Default)]
struct Fold {
    incidents: u64,
    offers: u64,
    reviews: u64,
    none: u64,
    approvals: u64,
    approvals_needed: u64,
    errors: u64,
    cost: i128,
    under_review: i128,
    by: [BTreeMap<String, (u64, u64, i128)>; 3],
    error_codes: BTreeMap<&'static str, u64>,
}

impl Fold {
    fn add(&mut self, period: String, out: &OfferResponse) {
        self.incidents += 1;
        let value = out.offer.as_ref().map_or(0, |o| o.value.to_minor());
        let given = out.outcome == Outcome::Offer;
        match out.outcome {
            Outcome::Offer => {
                self.offers += 1;
                self.cost = self.cost.saturating_add(value);
            }
            Outcome::Review => {
                self.reviews += 1;
                self.under_review = self.under_review.saturating_add(value);
            }
            Outcome::None => self.none += 1,
        }
        if let Some(a) = out.approval.filter(|_| given) {
            self.approvals += u64::from(a.required > Role::Agent);
            self.approvals_needed += u64::from(a.needed);
        }
        let tier = out.tier.clone().unwrap_or_else(|| "-".to_owned());
        for (map, key) in self.by.iter_mut().zip([period, out.kind.clone(), tier]) {
            let e = map.entry(key).or_default();
            e.0 += 1;
            if given {
                e.1 += 1;
                e.2 = e.2.saturating_add(value);
            }
        }
    }

    fn error(&mut self, e: &Error) {
        self.incidents += 1;
        self.errors += 1;
        *self.error_codes.entry(e.code()).or_default() += 1;
    }

    fn totals(self, scheme: String, currency: Currency) -> Totals {
        let m = |minor: i128| Money::from_minor(minor, currency).unwrap_or(Money::zero(currency));
        let [by_period, by_kind, by_tier] = self.by.map(|map| {
            map.into_iter()
                .map(|(key, (incidents, offers, cost))| Bucket {
                    key,
                    incidents,
                    offers,
                    cost: m(cost),
                })
                .collect()
        });
        Totals {
            scheme,
            incidents: self.incidents,
            offers: self.offers,
            reviews: self.reviews,
            none: self.none,
            approvals: self.approvals,
            approvals_needed: self.approvals_needed,
            errors: self.errors,
            cost: m(self.cost),
            under_review: m(self.under_review),
            by_period,
            by_kind,
            by_tier,
            error_codes: self
                .error_codes
                .into_iter()
                .map(|(code, count)| ErrorCount {
                    code: code.to_owned(),
                    count,
                })
                .collect(),
        }
    }
}

/// The budget period `now` falls in.
fn period_key(period: Option<BudgetPeriod>, now: &crate::calendar::Timestamp) -> String {
    let day = now.as_datetime().date_naive();
    match period {
        Some(BudgetPeriod::Week) => {
            let w = day.iso_week();
            format!("{}-W{:02}", w.year(), w.week())
        }
        Some(BudgetPeriod::Quarter) => format!("{}-Q{}", day.year(), day.month0() / 3 + 1),
        _ => format!("{}-{:02}", day.year(), day.month()),
    }
}

/// A simulation in progress: one fold per scheme.
#[derive(Debug, Clone)]
pub struct Simulation<'e> {
    cx: Context<'e, CompensationCapability>,
    schemes: Vec<(String, Currency, Option<BudgetPeriod>, Fold)>,
    currency: Currency,
}

impl<'e> Simulation<'e> {
    /// A simulation of `scheme` (the default without it), and of `compare_with`.
    ///
    /// # Errors
    /// `compensation.no_scheme`; `compensation.unknown_scheme` at `scheme` or
    /// `compare_with`.
    pub fn new(
        engine: &'e impl Provides<CompensationCapability>,
        scheme: Option<&str>,
        compare_with: Option<&str>,
    ) -> Result<Self, Error> {
        let cx = engine.context()?;
        let mut schemes = Vec::with_capacity(2);
        let first = resolve(&cx, scheme, "scheme")?;
        let mut push = |r: super::offer::Resolved<'_>| {
            let period = r.scheme.limits.budget.as_ref().map(|b| b.period);
            let entry = (r.compiled.name.clone(), r.compiled.currency, period);
            schemes.push((entry.0, entry.1, entry.2, Fold::default()));
        };
        let currency = first.compiled.currency;
        push(first);
        if let Some(other) = compare_with {
            push(resolve(&cx, Some(other), "compare_with")?);
        }
        Ok(Self {
            cx,
            schemes,
            currency,
        })
    }

    /// Decides one incident under each scheme and folds it in.
    pub fn add(&mut self, incident: &mut OfferRequest) {
        for (name, _, period, fold) in &mut self.schemes {
            incident.scheme = Some(std::mem::take(name));
            let mut say = Say {
                reasons: Vec::new(),
                locale: None,
                name: "",
            };
            let result = decide(&self.cx, incident, &mut say);
            *name = incident.scheme.take().unwrap_or_default();
            match result {
                Ok(out) => fold.add(period_key(*period, &incident.now), &out),
                Err(e) => fold.error(&e),
            }
        }
    }

    /// The totals.
    pub fn finish(self) -> SimulateResponse {
        let mut totals = self
            .schemes
            .into_iter()
            .map(|(name, currency, _, fold)| fold.totals(name, currency));
        // `new` always folds a first scheme.
        let first = totals.next();
        let compared = totals.next();
        let totals = first.unwrap_or_else(|| Fold::default().totals(String::new(), self.currency));
        SimulateResponse { totals, compared }
    }
}

/// Simulates `scheme` (and `compare_with`) over `incidents`, one at a time.
///
/// # Errors
/// As [`Simulation::new`]. Incidents that cannot be decided are counted, not raised.
pub fn simulate<'a, I>(
    engine: &impl Provides<CompensationCapability>,
    scheme: Option<&str>,
    compare_with: Option<&str>,
    incidents: I,
) -> Result<SimulateResponse, Error>
where
    I: IntoIterator<Item = &'a OfferRequest>,
{
    let mut sim = Simulation::new(engine, scheme, compare_with)?;
    for incident in incidents {
        let mut incident = incident.clone();
        sim.add(&mut incident);
    }
    Ok(sim.finish())
}

/// `compensation.simulate`.
#[derive(Debug, Clone, Copy)]
pub struct Simulate;

impl Operation for Simulate {
    const NAME: &'static str = "compensation.simulate";
    const SUMMARY: &'static str =
        "a goodwill scheme over past incidents: cost per period, kind and tier, reviews and approvals, optionally beside a second scheme";
    type Capability = CompensationCapability;
    type Request = SimulateRequest;
    type Response = SimulateResponse;

    fn run(
        cx: &Context<'_, CompensationCapability>,
        request: &SimulateRequest,
        trace: &mut Trace,
    ) -> Result<SimulateResponse, Error> {
        let out = simulate(
            cx,
            request.scheme.as_deref(),
            request.compare_with.as_deref(),
            &request.incidents,
        )?;
        for t in std::iter::once(&out.totals).chain(out.compared.as_ref()) {
            trace.push(
                "compensation.simulate.totals",
                format!(
                    "scheme {}: {} incidents; {} offers costing {}, {} reviews, {} none, {} errors",
                    t.scheme, t.incidents, t.offers, t.cost, t.reviews, t.none, t.errors
                ),
            );
        }
        Ok(out)
    }
}

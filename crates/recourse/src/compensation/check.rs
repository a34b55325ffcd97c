//! `compensation.check`: what a scheme does that its author very likely did not mean,
//! found without running a case.
//!
//! - Tiers of one kind that overlap (only their order decides), leave a gap between them
//!   or end below every severity (no goodwill there), or can never apply (an empty range, or one
//!   an earlier tier covers).
//! - Tiers whose fixed value falls as severity rises (a worse incident would get less).
//! - Value rules that never decide (another rule matching whenever they match gives at
//!   least as much), and value rules below 100 % conditioned on tenure or spend (a longer
//!   or richer history would get less).
//! - Anti-abuse rules that an earlier rule of the same pattern always pre-empts.
//! - Offers without a cap: valued on the order or the shipping with no `max` and no
//!   incident cap, or a scheme with no cap at all.
//! - Bonuses and floors above the caps: a tier's fixed value raised by the largest value
//!   rule, or its floor, above the incident's maximum or a customer period's amount.

use schemars::JsonSchema;
use serde::Serialize;

use super::config::{OfferKind, OfferSpec, Scheme};
use super::offer::{resolve, Resolved};
use super::CompensationCapability;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// The request of `compensation.check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CheckRequest {
    /// The scheme to check; every scheme without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub scheme: Option<String>,
}

/// The stable code of a finding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub enum FindingCode {
    /// Two tiers of a kind overlap: where they do, only their order decides.
    #[serde(rename = "compensation.check.tier_overlap")]
    TierOverlap,
    /// Severities between or above the tiers of a kind get no goodwill.
    #[serde(rename = "compensation.check.tier_gap")]
    TierGap,
    /// The last tier of a kind ends: severities above it get no goodwill.
    #[serde(rename = "compensation.check.no_top_tier")]
    NoTopTier,
    /// A tier never applies.
    #[serde(rename = "compensation.check.unreachable_tier")]
    UnreachableTier,
    /// A more severe tier gives less than a milder one.
    #[serde(rename = "compensation.check.tiers_not_monotone")]
    TiersNotMonotone,
    /// A value rule never decides.
    #[serde(rename = "compensation.check.unreachable_value_rule")]
    UnreachableValueRule,
    /// A value rule below 100 % on tenure or spend: more of either gives less.
    #[serde(rename = "compensation.check.value_not_monotone")]
    ValueNotMonotone,
    /// An anti-abuse rule never decides.
    #[serde(rename = "compensation.check.unreachable_abuse_rule")]
    UnreachableAbuseRule,
    /// An offer, or the scheme, has no cap.
    #[serde(rename = "compensation.check.offer_without_cap")]
    OfferWithoutCap,
    /// A bonus or a floor above a cap: the cap always cuts it.
    #[serde(rename = "compensation.check.bonus_above_cap")]
    BonusAboveCap,
}

/// One finding.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Finding {
    /// The stable code.
    pub code: FindingCode,
    /// The ids of the rules involved, the one it is about first.
    pub rules: Vec<String>,
    /// The configuration path of the one it is about.
    pub path: String,
}

/// The findings on one scheme.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SchemeReport {
    /// The scheme.
    pub scheme: String,
    /// The findings, kinds in name order, then value rules, abuse rules and caps.
    pub findings: Vec<Finding>,
}

/// The response of `compensation.check`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CheckResponse {
    /// Whether no scheme has a finding.
    pub clean: bool,
    /// One report per scheme, by name.
    pub schemes: Vec<SchemeReport>,
}

fn finding(code: FindingCode, rules: &[&str], path: String) -> Finding {
    Finding {
        code,
        rules: rules.iter().map(|r| (*r).to_owned()).collect(),
        path,
    }
}

fn tiers(r: &Resolved<'_>, at: &str, out: &mut Vec<Finding>) {
    for (kind, rule) in &r.scheme.kinds {
        let Some(ranges) = r.compiled.tiers.get(kind) else {
            continue;
        };
        let path = |i: usize| format!("{at}.kinds.{kind}.tiers[{i}]");
        let mut live = Vec::new();
        for (j, ((from, to), tier)) in ranges.iter().zip(&rule.tiers).enumerate() {
            let empty = to.is_some_and(|t| t <= *from);
            let covered = ranges.iter().zip(&rule.tiers).take(j).find(|((f, t), _)| {
                f <= from && (t.is_none() || to.is_some_and(|to| t.is_some_and(|t| to <= t)))
            });
            if empty || covered.is_some() {
                let mut ids = vec![tier.id.as_str()];
                ids.extend(covered.map(|(_, c)| c.id.as_str()));
                out.push(finding(FindingCode::UnreachableTier, &ids, path(j)));
                continue;
            }
            for &(i, f, t, id) in &live {
                let low = if f > *from { f } else { *from };
                let overlaps = match (t, to) {
                    (Some(a), Some(b)) => low < if a < *b { a } else { *b },
                    (Some(a), None) => low < a,
                    (None, Some(b)) => low < *b,
                    (None, None) => true,
                };
                if overlaps {
                    let _ = i;
                    out.push(finding(FindingCode::TierOverlap, &[&tier.id, id], path(j)));
                }
            }
            live.push((j, *from, *to, tier.id.as_str()));
        }
        crate::sort::sort_by_key(&mut live, |(_, f, _, _)| *f);
        let mut reach = live.first().map(|(_, f, _, _)| Some(*f));
        for &(j, f, t, id) in &live {
            if let Some(Some(end)) = reach {
                if f > end {
                    out.push(finding(FindingCode::TierGap, &[id], path(j)));
                }
            }
            reach = match (reach, t) {
                (Some(None), _) | (_, None) => Some(None),
                (Some(Some(end)), Some(t)) => Some(Some(if t > end { t } else { end })),
                (None, Some(t)) => Some(Some(t)),
            };
        }
        if let (Some(Some(_)), Some((j, _, _, id))) = (reach, live.last()) {
            out.push(finding(FindingCode::NoTopTier, &[id], path(*j)));
        }
        monotone(r, kind, &live, at, out);
    }
}

/// A spec's value when it does not depend on the order: `amount` or points.
fn fixed(spec: &OfferSpec) -> Option<i128> {
    match spec.kind {
        OfferKind::Points => {
            Some(i128::from(spec.points?).saturating_mul(spec.point_value.map(|m| m.to_minor())?))
        }
        _ => spec
            .amount
            .filter(|_| spec.per_unit.is_none())
            .map(|m| m.to_minor()),
    }
    .map(|v| spec.max.map_or(v, |m| v.min(m.to_minor())))
}

fn monotone(
    r: &Resolved<'_>,
    kind: &str,
    live: &[(
        usize,
        rust_decimal::Decimal,
        Option<rust_decimal::Decimal>,
        &str,
    )],
    at: &str,
    out: &mut Vec<Finding>,
) {
    let Some(rule) = r.scheme.kinds.get(kind) else {
        return;
    };
    let mut best: Option<(i128, &str)> = None;
    for &(j, _, _, id) in live {
        let Some(v) = rule.tiers.get(j).and_then(|t| fixed(&t.offer)) else {
            continue;
        };
        if let Some((b, lower)) = best.filter(|(b, _)| v < *b) {
            let _ = b;
            let path = format!("{at}.kinds.{kind}.tiers[{j}]");
            out.push(finding(FindingCode::TiersNotMonotone, &[id, lower], path));
        } else {
            best = Some((v, id));
        }
    }
}

fn value_rules(s: &Scheme, at: &str, out: &mut Vec<Finding>) {
    let rules = &s.value_rules;
    for (j, b) in rules.iter().enumerate() {
        let path = format!("{at}.value_rules[{j}]");
        if b.percent < 100 && (b.min_tenure_days.is_some() || b.min_lifetime_spend.is_some()) {
            out.push(finding(
                FindingCode::ValueNotMonotone,
                &[&b.id],
                path.clone(),
            ));
        }
        let spend = |m: &Option<crate::money::Money>| m.map_or(0, |m| m.to_minor());
        let shadow = rules.iter().enumerate().find(|(i, a)| {
            *i != j
                && (a.percent > b.percent || (a.percent == b.percent && *i < j))
                && (a.customer_tiers.is_empty()
                    || (!b.customer_tiers.is_empty()
                        && b.customer_tiers
                            .iter()
                            .all(|t| a.customer_tiers.contains(t))))
                && a.min_tenure_days.unwrap_or(0) <= b.min_tenure_days.unwrap_or(0)
                && spend(&a.min_lifetime_spend) <= spend(&b.min_lifetime_spend)
        });
        if let Some((_, a)) = shadow {
            out.push(finding(
                FindingCode::UnreachableValueRule,
                &[&b.id, &a.id],
                path,
            ));
        }
    }
    for (j, b) in s.abuse.iter().enumerate() {
        let earlier = s.abuse.iter().take(j).find(|a| {
            a.pattern == b.pattern
                && a.count <= b.count
                && a.days.unwrap_or(0) >= b.days.unwrap_or(0)
        });
        if let Some(a) = earlier {
            let path = format!("{at}.abuse[{j}]");
            out.push(finding(
                FindingCode::UnreachableAbuseRule,
                &[&b.id, &a.id],
                path,
            ));
        }
    }
}

fn caps(s: &Scheme, at: &str, out: &mut Vec<Finding>) {
    let inc = s.limits.incident.as_ref();
    let amount_caps = s.limits.customer.iter().any(|c| c.max_amount.is_some());
    if inc.is_none() && !amount_caps && s.limits.budget.is_none() {
        out.push(finding(
            FindingCode::OfferWithoutCap,
            &[],
            format!("{at}.limits"),
        ));
    }
    let top = s
        .value_rules
        .iter()
        .map(|v| v.percent)
        .max()
        .unwrap_or(100)
        .max(100);
    let mut least: Option<(i128, &str)> =
        inc.and_then(|c| c.max.map(|m| (m.to_minor(), c.id.as_str())));
    for c in &s.limits.customer {
        if let Some(m) = c
            .max_amount
            .filter(|m| least.is_none_or(|(l, _)| m.to_minor() < l))
        {
            least = Some((m.to_minor(), c.id.as_str()));
        }
    }
    for (kind, rule) in &s.kinds {
        for (i, tier) in rule.tiers.iter().enumerate() {
            let path = format!("{at}.kinds.{kind}.tiers[{i}]");
            let open = tier.offer.max.is_none()
                && (tier.offer.percent.is_some()
                    || tier.offer.per_unit.is_some()
                    || tier.offer.kind == OfferKind::ShippingRefund);
            if open && inc.is_none() {
                out.push(finding(
                    FindingCode::OfferWithoutCap,
                    &[&tier.id],
                    path.clone(),
                ));
            }
            let Some((cap, cap_id)) = least else { continue };
            let bonus = fixed(&tier.offer).map(|v| v.saturating_mul(i128::from(top)) / 100);
            let floor = tier.floor.map(|f| f.to_minor());
            if bonus.is_some_and(|b| b > cap) || floor.is_some_and(|f| f > cap) {
                out.push(finding(
                    FindingCode::BonusAboveCap,
                    &[&tier.id, cap_id],
                    path,
                ));
            }
        }
    }
}

/// Checks one scheme, or every scheme.
///
/// # Errors
/// `compensation.unknown_scheme` at `scheme`.
pub fn check(
    engine: &impl Provides<CompensationCapability>,
    request: &CheckRequest,
) -> Result<CheckResponse, Error> {
    let cx = engine.context()?;
    let names: Vec<&str> = match &request.scheme {
        Some(name) => vec![name.as_str()],
        None => cx
            .section()
            .config
            .schemes
            .keys()
            .map(String::as_str)
            .collect(),
    };
    let mut schemes = Vec::with_capacity(names.len());
    for name in names {
        let r = resolve(&cx, Some(name), "scheme")?;
        let at = format!("compensation.schemes.{name}");
        let mut findings = Vec::new();
        tiers(&r, &at, &mut findings);
        value_rules(r.scheme, &at, &mut findings);
        caps(r.scheme, &at, &mut findings);
        schemes.push(SchemeReport {
            scheme: name.to_owned(),
            findings,
        });
    }
    Ok(CheckResponse {
        clean: schemes.iter().all(|s| s.findings.is_empty()),
        schemes,
    })
}

/// `compensation.check`.
#[derive(Debug, Clone, Copy)]
pub struct Check;

impl Operation for Check {
    const NAME: &'static str = "compensation.check";
    const SUMMARY: &'static str =
        "a goodwill scheme's static analysis: overlapping, missing or unreachable tiers, rules that never decide, offers without a cap, bonuses above the caps";
    type Capability = CompensationCapability;
    type Request = CheckRequest;
    type Response = CheckResponse;

    fn run(
        cx: &Context<'_, CompensationCapability>,
        request: &CheckRequest,
        trace: &mut Trace,
    ) -> Result<CheckResponse, Error> {
        let out = check(cx, request)?;
        for s in &out.schemes {
            trace.push(
                "compensation.check",
                format!("scheme {}: {} findings", s.scheme, s.findings.len()),
            );
        }
        Ok(out)
    }
}

//! Allocation: split a total across ratios so the parts add up exactly.
//!
//! Each part is first given the floor of its exact share in minor units; the minor units
//! left over go one each to the parts with the largest remainders, ties to the earlier
//! part. Every part is then within one minor unit of its exact share and the parts sum to the
//! total. Caps are met by fixing capped parts and sharing the rest among the others.

use std::cmp::Ordering;

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::canonical::Encode;
use crate::decode::{At, Decode, DecodeError};

use super::{parse_decimal, Money, MoneyError};
use crate::canonical::decimal_text;
use crate::sort::work;

/// A non-negative weight: a JSON integer or a decimal string (`1`, `"0.7"`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Ratio(Decimal);

impl Ratio {
    /// A ratio from a decimal.
    ///
    /// # Errors
    /// [`MoneyError::InvalidRatios`] when negative.
    pub fn new(value: Decimal) -> Result<Self, MoneyError> {
        if value.is_sign_negative() && !value.is_zero() {
            return Err(MoneyError::InvalidRatios);
        }
        Ok(Self(value.normalize()))
    }

    /// The weight.
    pub fn value(&self) -> Decimal {
        self.0
    }
}

impl From<u32> for Ratio {
    fn from(value: u32) -> Self {
        Self(Decimal::from(value))
    }
}

impl Serialize for Ratio {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&decimal_text(&self.0))
    }
}

impl Encode for Ratio {
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        out.decimal_string(&self.0);
    }
}

impl Decode for Ratio {
    /// A non-negative integer, or a decimal string; a JSON float is refused, since a binary
    /// float cannot say 0.7 exactly.
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        let invalid = |e: MoneyError| DecodeError::coded(at, e);
        match value {
            serde_json::Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => Ok(Ratio(Decimal::from(u))),
                (None, Some(i)) => Ratio::new(Decimal::from(i)).map_err(invalid),
                _ => Err(invalid(MoneyError::InvalidRatios)),
            },
            serde_json::Value::String(text) => parse_decimal(text)
                .map_err(|_| MoneyError::InvalidRatios)
                .and_then(Ratio::new)
                .map_err(invalid),
            other => Err(DecodeError::invalid_type(
                other,
                at,
                "a non-negative integer or decimal string",
            )),
        }
    }
}

crate::decode::deserialize_through_decode!(Ratio);

impl JsonSchema for Ratio {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Ratio".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "description": "A non-negative weight: an integer or a decimal string.",
            "oneOf": [
                {"type": "integer", "minimum": 0},
                {"type": "string", "pattern": "^[0-9]+(\\.[0-9]+)?$"}
            ]
        })
    }
}

/// Splits `total` across `ratios`, optionally never giving part `i` more than `caps[i]`.
///
/// The parts sum exactly to `total`; uncapped parts are within one minor unit of their
/// exact share; ties go to the earlier part. A negative total gives negative parts.
///
/// # Errors
/// [`MoneyError::InvalidRatios`] when the ratios are all zero or the caps do not match them
/// one to one; [`MoneyError::CurrencyMismatch`] for a cap in another currency;
/// [`MoneyError::CapsInfeasible`] when the caps cannot hold the total;
/// [`MoneyError::Overflow`] when the figures are too large to compute exactly.
///
/// # Example
/// ```
/// use recourse_payments_base::money::{allocate, Money, Ratio};
/// let parts = allocate(&Money::parse("0.05", "EUR")?, &[Ratio::from(3), Ratio::from(7)], None)?;
/// assert_eq!(parts[0].to_string(), "0.02 EUR");
/// assert_eq!(parts[1].to_string(), "0.03 EUR");
/// # Ok::<(), recourse_payments_base::money::MoneyError>(())
/// ```
pub fn allocate(
    total: &Money,
    ratios: &[Ratio],
    caps: Option<&[Option<Money>]>,
) -> Result<Vec<Money>, MoneyError> {
    allocate_in_units(total, ratios, caps, total.currency().exponent())
}

/// As [`allocate`], but in units of `10^-exponent` (a processor that takes HUF in whole
/// forints allocates with exponent 0). An exponent above the currency's own changes nothing.
///
/// # Errors
/// As [`allocate`], and [`MoneyError::UnsupportedByProcessor`] when the total itself is
/// finer than those units.
///
/// # Example
/// ```
/// use recourse_payments_base::money::{allocate_in_units, Money, Ratio};
/// let parts = allocate_in_units(&Money::parse("1000", "HUF")?, &[Ratio::from(1); 3], None, 0)?;
/// assert_eq!(parts[0].to_string(), "334.00 HUF");
/// # Ok::<(), recourse_payments_base::money::MoneyError>(())
/// ```
pub fn allocate_in_units(
    total: &Money,
    ratios: &[Ratio],
    caps: Option<&[Option<Money>]>,
    exponent: u32,
) -> Result<Vec<Money>, MoneyError> {
    let step = 10_i128
        .checked_pow(total.currency().exponent().saturating_sub(exponent))
        .ok_or(MoneyError::Overflow)?;
    if total.to_minor() % step != 0 {
        return Err(MoneyError::UnsupportedByProcessor);
    }
    let weights = integer_weights(ratios)?;
    // A cap finer than the units rounds down: a cap is never exceeded.
    let caps: Vec<Option<i128>> = cap_minor_units(total, ratios.len(), caps)?
        .into_iter()
        .map(|c| c.map(|c| c / step))
        .collect();
    let units = total.to_minor() / step;
    let parts = split(
        units.checked_abs().ok_or(MoneyError::Overflow)?,
        &weights,
        &caps,
    )?;
    parts
        .into_iter()
        .map(|p| {
            let minor = p.checked_mul(step).ok_or(MoneyError::Overflow)?;
            Money::from_minor(if units < 0 { -minor } else { minor }, total.currency())
        })
        .collect()
}

/// Scales the ratios to integers sharing one scale, so shares compare exactly.
fn integer_weights(ratios: &[Ratio]) -> Result<Vec<i128>, MoneyError> {
    let scale = ratios.iter().map(|r| r.0.scale()).max().unwrap_or(0);
    let weights = ratios
        .iter()
        .map(|r| {
            let shift = 10_i128
                .checked_pow(scale - r.0.scale())
                .ok_or(MoneyError::Overflow)?;
            r.0.mantissa()
                .checked_mul(shift)
                .ok_or(MoneyError::Overflow)
        })
        .collect::<Result<Vec<_>, _>>()?;
    if weights.iter().all(|w| *w == 0) {
        return Err(MoneyError::InvalidRatios);
    }
    Ok(weights)
}

fn cap_minor_units(
    total: &Money,
    n: usize,
    caps: Option<&[Option<Money>]>,
) -> Result<Vec<Option<i128>>, MoneyError> {
    let Some(caps) = caps else {
        return Ok(vec![None; n]);
    };
    if caps.len() != n {
        return Err(MoneyError::InvalidRatios);
    }
    caps.iter()
        .map(|cap| match cap {
            None => Ok(None),
            Some(c) if c.currency() != total.currency() => Err(MoneyError::CurrencyMismatch),
            Some(c) if c.is_negative() => Err(MoneyError::CapsInfeasible),
            Some(c) => Ok(Some(c.to_minor())),
        })
        .collect()
}

/// Splits a non-negative count of minor units by non-negative integer weights, under
/// optional per-part caps, by largest remainder with ties to the earlier part: the same
/// rule as [`allocate`], for callers that already work in minor units.
pub fn split_minor(
    total: i128,
    weights: &[i128],
    caps: Option<&[Option<i128>]>,
) -> Result<Vec<i128>, MoneyError> {
    if total < 0 || weights.iter().any(|w| *w < 0) {
        return Err(MoneyError::InvalidRatios);
    }
    // One uncapped part of some weight takes all, as the rounds give it (the common case of
    // an order of one line): without their bookkeeping, when their first check (the
    // total times the weight) does not overflow.
    if let ([weight], None) = (weights, caps) {
        if *weight > 0 && total.checked_mul(*weight).is_some() {
            return Ok(vec![total]);
        }
    }
    match caps {
        Some(caps) if caps.len() == weights.len() => split(total, weights, caps),
        Some(_) => Err(MoneyError::InvalidRatios),
        // No caps: every part reads its cap as none.
        None => split(total, weights, &[]),
    }
}

/// Splits a non-negative count of minor units by integer weights under optional caps.
///
/// In rounds, as the rule reads: every open part whose exact share of what remains exceeds
/// its cap takes its cap and leaves the sharing, until no share exceeds its cap; the open
/// parts then share what remains. A part's share exceeds its cap exactly when its cap per
/// unit of weight is below the round's level (what remains per unit of weight left), so the
/// parts leaving in a round are the first still open in the order of cap per unit of
/// weight: sorted once by it, a round costs the parts it takes, not all the open ones. A
/// round fails on overflow when any open capped part's figures overflow, as if every part
/// were computed: the largest weight and the extreme caps of the parts still open (a
/// suffix of that order) tell at once.
fn split(total: i128, weights: &[i128], caps: &[Option<i128>]) -> Result<Vec<i128>, MoneyError> {
    let mut parts = vec![0_i128; weights.len()];
    let open: Vec<usize> = (0..weights.len())
        .filter(|&i| weights.get(i).is_some_and(|w| *w > 0))
        .collect();
    if open.is_empty() {
        return if total == 0 {
            Ok(parts)
        } else {
            Err(MoneyError::CapsInfeasible)
        };
    }
    let mut sum = open
        .iter()
        .try_fold(0_i128, |acc, &i| acc.checked_add(weight(weights, i)))
        .ok_or(MoneyError::Overflow)?;
    let capped = by_cap_per_weight(weights, caps, &open);
    let bounds = suffix_bounds(&capped);
    let (mut remaining, mut taken) = (total, 0);
    loop {
        if taken == open.len() {
            return if remaining == 0 {
                Ok(parts)
            } else {
                Err(MoneyError::CapsInfeasible)
            };
        }
        if let Some(&(most_weight, low_cap, high_cap)) = bounds.get(taken) {
            remaining
                .checked_mul(most_weight)
                .and(low_cap.checked_mul(sum))
                .and(high_cap.checked_mul(sum))
                .ok_or(MoneyError::Overflow)?;
        }
        // The parts over their caps at this round's level leave together.
        let (mut end, level) = (taken, (remaining, sum));
        while let Some(&(i, w, cap)) = capped.get(end) {
            work(1);
            if !exceeds(level.0, w, cap, level.1)? {
                break;
            }
            set(&mut parts, i, cap);
            remaining = remaining.checked_sub(cap).ok_or(MoneyError::Overflow)?;
            sum -= w;
            end += 1;
        }
        if end == taken {
            let sharing = if taken == 0 {
                // Nothing was capped: every open part shares.
                open
            } else {
                without_taken(open, capped.get(..taken).unwrap_or_default(), weights.len())
            };
            share_out(remaining, sum, weights, &sharing, &mut parts)?;
            return Ok(parts);
        }
        taken = end;
        if remaining < 0 {
            return Err(MoneyError::Overflow);
        }
    }
}

/// The parts of `open` that `taken` (capped parts, as `(part, weight, cap)`) leaves sharing.
fn without_taken(open: Vec<usize>, taken: &[(usize, i128, i128)], n: usize) -> Vec<usize> {
    let mut sharing = vec![true; n];
    for &(i, _, _) in taken {
        if let Some(s) = sharing.get_mut(i) {
            *s = false;
        }
    }
    open.into_iter()
        .filter(|&i| sharing.get(i) == Some(&true))
        .collect()
}

/// Whether a part's exact share of `remaining` (by `w` of `sum`) exceeds its cap.
fn exceeds(remaining: i128, w: i128, cap: i128, sum: i128) -> Result<bool, MoneyError> {
    let share_times_sum = remaining.checked_mul(w).ok_or(MoneyError::Overflow)?;
    Ok(share_times_sum > cap.checked_mul(sum).ok_or(MoneyError::Overflow)?)
}

/// The open parts with a cap, as (part, weight, cap), by cap per unit of weight, lowest
/// first; equal ones in part order.
fn by_cap_per_weight(
    weights: &[i128],
    caps: &[Option<i128>],
    open: &[usize],
) -> Vec<(usize, i128, i128)> {
    let mut capped: Vec<(usize, i128, i128)> = open
        .iter()
        .filter_map(|&i| {
            let cap = caps.get(i).copied().flatten()?;
            Some((i, weight(weights, i), cap))
        })
        .collect();
    crate::sort::sort_by(&mut capped, |a, b| cmp_fractions(a.2, a.1, b.2, b.1));
    capped
}

/// For each `k`, the largest weight and the lowest and highest cap of `capped[k..]`.
fn suffix_bounds(capped: &[(usize, i128, i128)]) -> Vec<(i128, i128, i128)> {
    let mut bounds: Vec<(i128, i128, i128)> = capped
        .iter()
        .rev()
        .scan(
            None,
            |acc: &mut Option<(i128, i128, i128)>, &(_, w, cap)| {
                let next = match *acc {
                    None => (w, cap, cap),
                    Some((most, low, high)) => (most.max(w), low.min(cap), high.max(cap)),
                };
                *acc = Some(next);
                Some(next)
            },
        )
        .collect();
    bounds.reverse();
    bounds
}

/// Compares `a / b` with `c / d` exactly, for positive `b` and `d`, with no product that
/// could overflow: by their integer parts, then by what is left, turned over (Euclid's
/// steps, a few dozen at most for `i128`).
fn cmp_fractions(mut a: i128, mut b: i128, mut c: i128, mut d: i128) -> Ordering {
    loop {
        work(1);
        let (p, q) = (a.div_euclid(b), c.div_euclid(d));
        if p != q {
            return p.cmp(&q);
        }
        let (r, s) = (a.rem_euclid(b), c.rem_euclid(d));
        match (r, s) {
            (0, 0) => return Ordering::Equal,
            (0, _) => return Ordering::Less,
            (_, 0) => return Ordering::Greater,
            // r/b < s/d exactly when d/s < b/r.
            _ => (a, b, c, d) = (d, s, b, r),
        }
    }
}

/// Floors every share, then hands out the leftover units by largest remainder, ties to the
/// earlier part.
fn share_out(
    total: i128,
    sum: i128,
    weights: &[i128],
    open: &[usize],
    parts: &mut [i128],
) -> Result<(), MoneyError> {
    let mut remainders = Vec::with_capacity(open.len());
    let mut given = 0_i128;
    for &i in open {
        let scaled = total
            .checked_mul(weight(weights, i))
            .ok_or(MoneyError::Overflow)?;
        let (base, rem) = (scaled / sum, scaled % sum);
        set(parts, i, base);
        given += base;
        remainders.push((rem, i));
    }
    crate::sort::sort_by(&mut remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    let leftover = usize::try_from(total - given).map_err(|_| MoneyError::Overflow)?;
    for &(_, i) in remainders.iter().take(leftover) {
        if let Some(p) = parts.get_mut(i) {
            *p += 1;
        }
    }
    Ok(())
}

fn weight(weights: &[i128], i: usize) -> i128 {
    weights.get(i).copied().unwrap_or(0)
}

fn set(parts: &mut [i128], i: usize, value: i128) {
    if let Some(p) = parts.get_mut(i) {
        *p = value;
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::money::Currency;
    use proptest::prelude::*;

    fn amounts(parts: &[Money]) -> Vec<String> {
        parts.iter().map(|p| decimal_text(&p.amount())).collect()
    }

    fn r(n: u32) -> Ratio {
        Ratio::from(n)
    }

    #[test]
    fn hundred_cents_over_three() {
        let parts = allocate(
            &Money::parse("1.00", "USD").unwrap(),
            &[r(1), r(1), r(1)],
            None,
        )
        .unwrap();
        assert_eq!(amounts(&parts), ["0.34", "0.33", "0.33"]);
    }

    #[test]
    fn ratio_order_matters() {
        let total = Money::parse("0.05", "USD").unwrap();
        assert_eq!(
            amounts(&allocate(&total, &[r(70), r(30)], None).unwrap()),
            ["0.04", "0.01"]
        );
        assert_eq!(
            amounts(&allocate(&total, &[r(30), r(70)], None).unwrap()),
            ["0.02", "0.03"]
        );
    }

    #[test]
    fn zero_and_three_decimal_currencies() {
        let jpy = allocate(
            &Money::parse("5800", "JPY").unwrap(),
            &[r(1), r(1), r(1)],
            None,
        )
        .unwrap();
        assert_eq!(amounts(&jpy), ["1934", "1933", "1933"]);
        let kwd = allocate(&Money::parse("1.000", "KWD").unwrap(), &[r(1), r(2)], None).unwrap();
        assert_eq!(amounts(&kwd), ["0.333", "0.667"]);
    }

    #[test]
    fn negative_totals_split_symmetrically() {
        let parts = allocate(
            &Money::parse("-1.00", "BRL").unwrap(),
            &[r(1), r(1), r(1)],
            None,
        )
        .unwrap();
        assert_eq!(amounts(&parts), ["-0.34", "-0.33", "-0.33"]);
    }

    #[test]
    fn caps_are_met_and_the_rest_is_shared() {
        let total = Money::parse("1.03", "USD").unwrap();
        let cap = Some(Money::parse("0.52", "USD").unwrap());
        let parts = allocate(&total, &[r(1), r(1), r(1)], Some(&[cap, cap, None])).unwrap();
        assert_eq!(amounts(&parts), ["0.35", "0.34", "0.34"]);
        let tight = Some(Money::parse("0.10", "USD").unwrap());
        let parts = allocate(&total, &[r(1), r(1)], Some(&[tight, None])).unwrap();
        assert_eq!(amounts(&parts), ["0.10", "0.93"]);
        assert_eq!(
            allocate(&total, &[r(1), r(1)], Some(&[tight, tight])),
            Err(MoneyError::CapsInfeasible)
        );
    }

    #[test]
    fn bad_ratios_are_refused() {
        let total = Money::parse("1.00", "USD").unwrap();
        assert_eq!(
            allocate(&total, &[r(0), r(0)], None),
            Err(MoneyError::InvalidRatios)
        );
        assert_eq!(
            allocate(&total, &[r(1)], Some(&[])),
            Err(MoneyError::InvalidRatios)
        );
        let eur = Some(Money::parse("1.00", "EUR").unwrap());
        assert_eq!(
            allocate(&total, &[r(1)], Some(&[eur])),
            Err(MoneyError::CurrencyMismatch)
        );
    }

    /// `n` parts of equal weight, capped at 1, 2, ... n minor units, sharing the sum of the
    /// caps: every part ends at its cap, over about log n rounds.
    fn all_capped(n: usize) -> (Vec<i128>, Vec<Option<i128>>, i128) {
        let caps: Vec<Option<i128>> = (1..=n).map(|k| Some(k as i128)).collect();
        let total = caps.iter().flatten().sum();
        (vec![1; n], caps, total)
    }

    #[test]
    fn capping_n_parts_grows_n_log_n() {
        crate::sort::assert_n_log_n("money.allocate, n parts all capped", 1024, |n| {
            let (weights, caps, total) = all_capped(n);
            let (parts, work) =
                crate::sort::work_done(|| split_minor(total, &weights, Some(&caps)));
            let expected: Vec<i128> = caps.iter().flatten().copied().collect();
            assert_eq!(parts, Ok(expected));
            work
        });
    }

    /// The rounds as they were first written: every round computes every open part and
    /// removes the parts over their caps one at a time.
    fn reference_split(
        total: i128,
        weights: &[i128],
        caps: &[Option<i128>],
    ) -> Result<Vec<i128>, MoneyError> {
        let mut parts = vec![0_i128; weights.len()];
        let mut open: Vec<usize> = (0..weights.len()).filter(|&i| weights[i] > 0).collect();
        let mut remaining = total;
        loop {
            if open.is_empty() {
                return if remaining == 0 {
                    Ok(parts)
                } else {
                    Err(MoneyError::CapsInfeasible)
                };
            }
            let sum: i128 = open
                .iter()
                .try_fold(0_i128, |acc, &i| acc.checked_add(weights[i]))
                .ok_or(MoneyError::Overflow)?;
            let mut over = Vec::new();
            for &i in &open {
                if let Some(cap) = caps[i] {
                    let exact_times_sum = remaining
                        .checked_mul(weights[i])
                        .ok_or(MoneyError::Overflow)?;
                    if exact_times_sum > cap.checked_mul(sum).ok_or(MoneyError::Overflow)? {
                        over.push((i, cap));
                    }
                }
            }
            if over.is_empty() {
                share_out(remaining, sum, weights, &open, &mut parts)?;
                return Ok(parts);
            }
            for (i, cap) in over {
                parts[i] = cap;
                remaining -= cap;
                open.retain(|&j| j != i);
            }
            if remaining < 0 {
                return Err(MoneyError::Overflow);
            }
        }
    }

    /// Small figures, and figures near where products of two overflow an `i128`.
    fn figure() -> impl Strategy<Value = i128> {
        prop_oneof![
            6 => 0_i128..40,
            2 => 0_i128..1_000_000,
            1 => (1_u32..6).prop_map(|k| i128::MAX / 2_i128.pow(60 + k * 5)),
            1 => (60_u32..127).prop_map(|k| 2_i128.pow(k) - 1),
        ]
    }

    proptest! {
        /// One uncapped part takes what the rounds give it, whatever its weight.
        #[test]
        fn one_part_takes_what_the_rounds_give_it(
            total in prop_oneof![0_i128..1_000, 0_i128..=i128::MAX],
            weight in prop_oneof![0_i128..3, 0_i128..=i128::MAX],
        ) {
            prop_assert_eq!(split_minor(total, &[weight], None), split(total, &[weight], &[]));
        }
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2048))]

        #[test]
        fn capped_splits_are_the_rounds_as_first_written(
            total in figure(),
            spec in prop::collection::vec(
                (figure(), prop::option::of(prop_oneof![4 => figure(), 1 => -20_i128..0])),
                1..16,
            ),
        ) {
            let weights: Vec<i128> = spec.iter().map(|(w, _)| *w).collect();
            let caps: Vec<Option<i128>> = spec.iter().map(|(_, c)| *c).collect();
            let ours = split_minor(total, &weights, Some(&caps));
            prop_assert_eq!(&ours, &reference_split(total, &weights, &caps));
            if let Ok(parts) = ours {
                prop_assert_eq!(parts.iter().sum::<i128>(), total);
                for (part, cap) in parts.iter().zip(&caps) {
                    if let Some(cap) = cap {
                        prop_assert!(part <= cap || *cap < 0);
                    }
                }
            }
        }

        #[test]
        fn fractions_compare_as_their_cross_products(
            a in -1_000_000_i128..1_000_000,
            b in 1_i128..1_000_000,
            c in -1_000_000_i128..1_000_000,
            d in 1_i128..1_000_000,
        ) {
            prop_assert_eq!(cmp_fractions(a, b, c, d), (a * d).cmp(&(c * b)));
        }
    }

    fn currency() -> impl Strategy<Value = Currency> {
        prop::sample::select(vec!["JPY", "BRL", "EUR", "KWD", "CLF"])
            .prop_map(|c| Currency::from_code(c).unwrap())
    }

    proptest! {
        #[test]
        fn parts_sum_exactly_and_stay_within_one_unit(
            minor in -10_000_000_000_i128..10_000_000_000,
            ratios in prop::collection::vec((0_u32..10_000, 0_u32..4), 1..12),
            currency in currency(),
        ) {
            let ratios: Vec<Ratio> = ratios.iter().map(|(m, s)| Ratio::new(Decimal::new(i64::from(*m), *s)).unwrap()).collect();
            prop_assume!(ratios.iter().any(|r| !r.value().is_zero()));
            let total = Money::from_minor(minor, currency).unwrap();
            let parts = allocate(&total, &ratios, None).unwrap();
            let sum: i128 = parts.iter().map(Money::to_minor).sum();
            prop_assert_eq!(sum, minor);
            let weight_sum: Decimal = ratios.iter().map(Ratio::value).sum();
            for (part, ratio) in parts.iter().zip(&ratios) {
                let exact = Decimal::from_i128_with_scale(minor, 0) * ratio.value() / weight_sum;
                let diff = (Decimal::from_i128_with_scale(part.to_minor(), 0) - exact).abs();
                prop_assert!(diff < Decimal::ONE, "part {} exact {}", part, exact);
                prop_assert_eq!(part.currency(), currency);
            }
        }

        #[test]
        fn caps_are_never_exceeded(
            minor in 0_i128..1_000_000,
            spec in prop::collection::vec((1_u32..100, prop::option::of(0_i128..500_000)), 1..8),
        ) {
            let brl = Currency::from_code("BRL").unwrap();
            let total = Money::from_minor(minor, brl).unwrap();
            let ratios: Vec<Ratio> = spec.iter().map(|(w, _)| Ratio::from(*w)).collect();
            let caps: Vec<Option<Money>> = spec.iter().map(|(_, c)| c.map(|c| Money::from_minor(c, brl).unwrap())).collect();
            match allocate(&total, &ratios, Some(&caps)) {
                Ok(parts) => {
                    prop_assert_eq!(parts.iter().map(Money::to_minor).sum::<i128>(), minor);
                    for (p, c) in parts.iter().zip(&caps) {
                        if let Some(c) = c { prop_assert!(p.to_minor() <= c.to_minor()); }
                    }
                }
                Err(e) => {
                    prop_assert_eq!(e, MoneyError::CapsInfeasible);
                    let room: i128 = caps.iter().map(|c| c.map_or(i128::MAX / 16, |c| c.to_minor())).sum();
                    prop_assert!(room < minor);
                }
            }
        }
    }

    // The tests below kill what mutation testing found surviving in this module.

    #[test]
    fn ratios_read_integers_and_decimal_strings_and_encode_as_text() {
        let read = |json: &str| serde_json::from_str::<Ratio>(json).map(|r| r.value());
        assert_eq!(read("3").unwrap(), Decimal::from(3));
        assert_eq!(read(r#""0.70""#).unwrap(), Decimal::new(7, 1));
        assert!(read("-3").is_err());
        assert!(read("0.7").is_err());
        let ratio = Ratio::new(Decimal::new(70, 2)).unwrap();
        assert_eq!(crate::canonical::encode(&ratio).unwrap(), r#""0.7""#);
        let schema = serde_json::to_value(schemars::schema_for!(Ratio)).unwrap();
        assert_eq!(schema["oneOf"][0]["type"], "integer");
    }

    #[test]
    fn units_coarser_than_the_currency_are_shared_whole() {
        let huf = |a: &str| Money::parse(a, "HUF").unwrap();
        let parts = allocate_in_units(&huf("1000"), &[r(1), r(1), r(1)], None, 0).unwrap();
        assert_eq!(amounts(&parts), ["334.00", "333.00", "333.00"]);
        let parts = allocate_in_units(&huf("-1000"), &[r(1), r(1), r(1)], None, 0).unwrap();
        assert_eq!(amounts(&parts), ["-334.00", "-333.00", "-333.00"]);
        // A cap finer than the units rounds down to whole units, and is never exceeded.
        let caps = [Some(huf("100.50")), None];
        let parts = allocate_in_units(&huf("1000"), &[r(1), r(1)], Some(&caps), 0).unwrap();
        assert_eq!(amounts(&parts), ["100.00", "900.00"]);
        assert_eq!(
            allocate_in_units(&huf("1000.50"), &[r(1)], None, 0),
            Err(MoneyError::UnsupportedByProcessor)
        );
    }

    #[test]
    fn parts_leaving_together_give_back_their_weight() {
        let usd = |a: &str| Money::parse(a, "USD").unwrap();
        let caps = [Some(usd("10.00")), Some(usd("10.00")), None];
        let parts = allocate(&usd("100.00"), &[r(1), r(1), r(2)], Some(&caps)).unwrap();
        assert_eq!(amounts(&parts), ["10.00", "10.00", "80.00"]);
        // In minor units, two rounds: the 1.00 cap leaves first, then the 30.00 one.
        let parts = split_minor(10_000, &[1, 1, 1], Some(&[Some(100), Some(3_000), None]));
        assert_eq!(parts, Ok(vec![100, 3_000, 6_900]));
        // A part whose share is exactly its cap gets it, and the rest is shared as before.
        let parts = split_minor(9, &[1, 1, 1], Some(&[Some(3), None, None]));
        assert_eq!(parts, Ok(vec![3, 3, 3]));
    }

    #[test]
    fn split_minor_refuses_what_it_cannot_split() {
        assert_eq!(split_minor(-1, &[1], None), Err(MoneyError::InvalidRatios));
        assert_eq!(
            split_minor(5, &[-1, 2], None),
            Err(MoneyError::InvalidRatios)
        );
        assert_eq!(split_minor(-1, &[-1], None), Err(MoneyError::InvalidRatios));
        assert_eq!(
            split_minor(5, &[1, 1], Some(&[None])),
            Err(MoneyError::InvalidRatios)
        );
        assert_eq!(split_minor(5, &[1, 1], Some(&[None, None])), Ok(vec![3, 2]));
        let eur = |a: &str| Money::parse(a, "EUR").unwrap();
        let caps = [Some(eur("-1.00")), None];
        assert_eq!(
            allocate(&eur("1.00"), &[r(1), r(1)], Some(&caps)),
            Err(MoneyError::CapsInfeasible)
        );
    }

    #[test]
    fn equal_fractions_compare_equal() {
        use std::cmp::Ordering;
        assert_eq!(cmp_fractions(2, 4, 1, 2), Ordering::Equal);
        assert_eq!(cmp_fractions(7, 3, 14, 6), Ordering::Equal);
        assert_eq!(cmp_fractions(6, 3, 4, 2), Ordering::Equal);
        assert_eq!(cmp_fractions(1, 3, 1, 2), Ordering::Less);
        assert_eq!(cmp_fractions(2, 3, 1, 2), Ordering::Greater);
    }
}

//! What is owed, to the minor unit.
//!
//! All arithmetic is on integer minor units. Order-level amounts are shared out with the
//! money module's largest-remainder split (ties to the earlier line, lines taken in id
//! order so the input's order never matters):
//! - the order discount to lines by net price (after line discounts), so shares sum to it;
//! - the original shipping to lines by the price paid for them.
//!
//! Within a line, every amount (price paid, tax, shipping share) is split across its units
//! the same way, so 29.00 over 3 units is 9.67 + 9.67 + 9.66. A refund of `n` units after
//! `k` already refunded is `cumulative(k + n) - cumulative(k)`, never `n` times a rounded
//! unit price: refunding units one at a time over months still adds up to exactly what was
//! paid.
//!
//! Exact for every order within the limits: at most 10^15 minor units an amount and 10^6
//! units a line (checked by `evaluate`), and [`MAX_ORDER_MINOR`] for the order as a whole.
//! The order discount and the shipping are split with the money module's split, whose
//! products (an amount of at most 10^15 times a line's cost of at most about 10^21) fit an
//! `i128`; the return fee, the payments' cap and the routing to payments share order-sized
//! amounts by order-sized weights, so they use [`share`], which takes its products in 256
//! bits.

use crate::money::{split_minor, MoneyError};

/// The most an order's lines may cost together, in minor units: the sum over the lines of
/// quantity × unit price plus tax (10^28). Every figure of a decision (a line's item price,
/// the totals, a store credit with its bonus) is then within what a decimal amount holds
/// (about 7.9 × 10^28 minor units), so none is ever rounded or lost. With at most 10^15
/// minor units an amount and 10^6 units a line, an order reaches it only past ten million
/// lines, far beyond the engine's default list limit.
pub(crate) const MAX_ORDER_MINOR: i128 = 10_000_000_000_000_000_000_000_000_000;

/// What one order line cost, in minor units.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct LinePaid {
    /// Units purchased.
    pub quantity: i128,
    /// One unit's list price.
    pub unit_price: i128,
    /// The price actually paid for the line, after line and order discounts, before tax.
    pub paid: i128,
    /// Tax collected on the line.
    pub tax: i128,
    /// The line's share of the original shipping.
    pub shipping: i128,
}

impl LinePaid {
    /// Everything paid for the line: price, tax and shipping share.
    pub fn total(&self) -> i128 {
        self.paid + self.tax + self.shipping
    }
}

/// The inputs of one line, in minor units.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineInput {
    pub quantity: i128,
    pub unit_price: i128,
    pub discount: i128,
    pub tax: i128,
}

/// Why the amounts of an order cannot be computed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum AmountError {
    /// Line `i`'s discount exceeds its price.
    LineDiscount(usize),
    /// The order discount exceeds the lines' net prices.
    OrderDiscount,
    /// Line `i` takes the order's cost past [`MAX_ORDER_MINOR`].
    OrderTooLarge(usize),
    /// Too large to compute exactly.
    Overflow,
}

impl From<MoneyError> for AmountError {
    fn from(_: MoneyError) -> Self {
        Self::Overflow
    }
}

/// Computes what each line cost. `lines` must be in line-id order.
pub(crate) fn order_lines(
    lines: &[LineInput],
    order_discount: i128,
    shipping: i128,
) -> Result<Vec<LinePaid>, AmountError> {
    let mut nets = Vec::with_capacity(lines.len());
    let mut cost = 0_i128;
    for (i, l) in lines.iter().enumerate() {
        let gross = l
            .unit_price
            .checked_mul(l.quantity)
            .ok_or(AmountError::OrderTooLarge(i))?;
        cost = cost
            .checked_add(gross)
            .and_then(|c| c.checked_add(l.tax))
            .filter(|c| *c <= MAX_ORDER_MINOR)
            .ok_or(AmountError::OrderTooLarge(i))?;
        if l.discount > gross {
            return Err(AmountError::LineDiscount(i));
        }
        nets.push(gross - l.discount);
    }
    let net_sum = nets
        .iter()
        .try_fold(0_i128, |a, n| a.checked_add(*n))
        .ok_or(AmountError::Overflow)?;
    if order_discount > net_sum {
        return Err(AmountError::OrderDiscount);
    }
    // What each line paid: its net less its share of the order's discount (shared only
    // when there is one: every share is zero otherwise).
    let mut paid = nets;
    if order_discount != 0 {
        let shares = split_minor(order_discount, &paid, None)?;
        for (p, share) in paid.iter_mut().zip(shares) {
            *p -= share;
        }
    }
    let ship = if shipping == 0 || lines.is_empty() {
        None
    } else if paid.iter().all(|p| *p == 0) {
        let units: Vec<i128> = lines.iter().map(|l| l.quantity).collect();
        Some(split_minor(shipping, &units, None)?)
    } else {
        Some(split_minor(shipping, &paid, None)?)
    };
    let ship_of = |i: usize| ship.as_ref().and_then(|s| s.get(i)).copied().unwrap_or(0);
    Ok(lines
        .iter()
        .zip(paid)
        .enumerate()
        .map(|(i, (l, paid))| LinePaid {
            quantity: l.quantity,
            unit_price: l.unit_price,
            paid,
            tax: l.tax,
            shipping: ship_of(i),
        })
        .collect())
}

/// The sum of the first `k` of `total` split over `quantity` equal units by largest
/// remainder (the first units take the extra minor units).
pub(crate) fn cumulative(total: i128, quantity: i128, k: i128) -> i128 {
    if quantity <= 0 {
        return 0;
    }
    let k = k.clamp(0, quantity);
    let base = total.div_euclid(quantity);
    let rem = total.rem_euclid(quantity);
    base * k + k.min(rem)
}

/// The share of `total` for units `k .. k + n` of a line of `quantity` units.
pub(crate) fn units(total: i128, quantity: i128, k: i128, n: i128) -> i128 {
    cumulative(total, quantity, k + n) - cumulative(total, quantity, k)
}

/// Splits `total` minor units by `weights`, in proportion, by largest remainder with ties to
/// the earlier part: what `money.allocate`'s split gives without caps, for any sizes. Each
/// product `total × weight` is taken in 256 bits, so nothing overflows. When `total` is at
/// most the sum of the weights no part exceeds its weight: the split can stand for a cap
/// step (keep this much of these totals) with no cap to check.
///
/// `None` when a number is negative, or `total` is positive and every weight zero.
pub(crate) fn share(total: i128, weights: &[i128]) -> Option<Vec<i128>> {
    let total = u128::try_from(total).ok()?;
    let unsigned = |w: &i128| u128::try_from(*w).ok();
    let sum = weights
        .iter()
        .try_fold(0_u128, |a, w| a.checked_add(unsigned(w)?))?;
    if sum == 0 {
        return (total == 0).then(|| vec![0; weights.len()]);
    }
    let mut parts = Vec::with_capacity(weights.len());
    // The remainders of a few parts (a decision's payments, its lines) stay on the stack.
    let mut stack = [(0_u128, 0_usize); 8];
    let mut heap = Vec::new();
    let slots = match stack.get_mut(..weights.len()) {
        Some(slots) => slots,
        None => {
            heap.resize(weights.len(), (0, 0));
            heap.as_mut_slice()
        }
    };
    let (mut given, mut count) = (0_u128, 0);
    for (i, w) in weights.iter().enumerate() {
        // `w <= sum`, so the quotient is at most `total`, which fits an `i128`.
        let (base, rem) = mul_div_rem(total, unsigned(w)?, sum);
        given += base;
        parts.push(i128::try_from(base).ok()?);
        if let (true, Some(slot)) = (rem > 0, slots.get_mut(count)) {
            *slot = (rem, i);
            count += 1;
        }
    }
    let remainders = slots.get_mut(..count).unwrap_or_default();
    let leftover = usize::try_from(total - given).ok()?;
    if leftover > 0 {
        crate::sort::sort_by(remainders, |a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    }
    for &(_, i) in remainders.iter().take(leftover) {
        if let Some(p) = parts.get_mut(i) {
            *p += 1;
        }
    }
    Some(parts)
}

/// `a × b ÷ d` and the remainder, exactly, for `d > 0` and `b <= d`.
fn mul_div_rem(a: u128, b: u128, d: u128) -> (u128, u128) {
    match a.checked_mul(b) {
        Some(product) => (product / d, product % d),
        None => {
            let (high, low) = wide_mul(a, b);
            div_wide(high, low, d)
        }
    }
}

/// The 256-bit product of `a` and `b`, as its high and low 128 bits.
fn wide_mul(a: u128, b: u128) -> (u128, u128) {
    const LOW: u128 = (1 << 64) - 1;
    let (a1, a0) = (a >> 64, a & LOW);
    let (b1, b0) = (b >> 64, b & LOW);
    let (p00, p01, p10, p11) = (a0 * b0, a0 * b1, a1 * b0, a1 * b1);
    // The middle 64-bit column, with the carry out of the lowest one.
    let middle = (p00 >> 64) + (p01 & LOW) + (p10 & LOW);
    let high = p11 + (p01 >> 64) + (p10 >> 64) + (middle >> 64);
    (high, (middle << 64) | (p00 & LOW))
}

/// The 256-bit number `high`:`low` divided by `d`, with `high < d` so that the quotient
/// fits: quotient and remainder, by long division one bit at a time.
fn div_wide(high: u128, low: u128, d: u128) -> (u128, u128) {
    let (mut rem, mut quotient) = (high, 0_u128);
    for bit in (0..128).rev() {
        // `rem < d` before the shift; the bit shifted out of it is `2^128` more.
        let carry = rem >> 127;
        rem = (rem << 1) | ((low >> bit) & 1);
        quotient <<= 1;
        if carry == 1 || rem >= d {
            rem = rem.wrapping_sub(d);
            quotient |= 1;
        }
    }
    (quotient, rem)
}

/// `percent`% of `amount` in minor units, rounded with the policy's strategy, never more
/// than `amount`.
pub(crate) fn percent_of(
    amount: i128,
    percent: rust_decimal::Decimal,
    strategy: crate::money::RoundingStrategy,
    currency: crate::money::Currency,
) -> Result<i128, AmountError> {
    let money = crate::money::Money::from_minor(amount, currency)?;
    let fee = percent_of_money(money, percent, strategy)?;
    Ok(fee.to_minor().clamp(0, amount.max(0)))
}

/// `percent`% of `amount`, rounded with `strategy`: in integers where that is provably the
/// figure ([`percent_minor`]), otherwise `amount` times `percent / 100` in `Decimal`.
pub(crate) fn percent_of_money(
    amount: crate::money::Money,
    percent: rust_decimal::Decimal,
    strategy: crate::money::RoundingStrategy,
) -> Result<crate::money::Money, AmountError> {
    let currency = amount.currency();
    if let Some(minor) = percent_minor(amount.to_minor(), percent, strategy, currency.exponent()) {
        return Ok(crate::money::Money::from_minor(minor, currency)?);
    }
    let rate = percent
        .checked_div(rust_decimal::Decimal::ONE_HUNDRED)
        .ok_or(AmountError::Overflow)?;
    Ok(amount.checked_mul(rate, strategy)?)
}

/// `percent`% of `amount` minor units (of a currency of `exponent` decimals), rounded with
/// `strategy`, in integers: `None` outside the range where it is provably the `Decimal`
/// figure (`Money::checked_mul` by `percent / 100`), a negative figure, or a product past
/// 96 bits or 28 decimals, which `Decimal` would round on the way. Inside it, both of the
/// `Decimal` steps are exact (the rate is `percent`'s digits two places further, the
/// product `amount × percent`'s digits), so that only the final rounding to the currency's
/// decimals remains, done here on the quotient and remainder.
pub(crate) fn percent_minor(
    amount: i128,
    percent: rust_decimal::Decimal,
    strategy: crate::money::RoundingStrategy,
    exponent: u32,
) -> Option<i128> {
    use crate::money::RoundingStrategy;
    let digits = percent.mantissa();
    let scale = percent.scale().checked_add(2)?;
    if !(0..1_i128 << 96).contains(&amount) || digits < 0 || scale.checked_add(exponent)? > 28 {
        return None;
    }
    let product = amount.checked_mul(digits).filter(|p| *p < 1_i128 << 96)?;
    let divisor = 10_i128.checked_pow(scale)?;
    // Everyday figures fit 64 bits, whose division is one instruction.
    let (quotient, rem) = match (u64::try_from(product), u64::try_from(divisor)) {
        (Ok(p), Ok(d)) => (i128::from(p / d), i128::from(p % d)),
        _ => (product / divisor, product % divisor),
    };
    let twice = rem * 2;
    let up = match strategy {
        RoundingStrategy::Down => false,
        RoundingStrategy::Up => rem > 0,
        RoundingStrategy::HalfUp => twice >= divisor,
        RoundingStrategy::HalfEven => twice > divisor || (twice == divisor && quotient % 2 == 1),
    };
    Some(quotient + i128::from(up))
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn three_units_of_ten_with_one_off() {
        // 3 x 10.00 with a 1.00 discount: 29.00 paid, units 9.67, 9.67, 9.66.
        let lines = order_lines(
            &[LineInput {
                quantity: 3,
                unit_price: 1000,
                discount: 100,
                tax: 0,
            }],
            0,
            0,
        )
        .unwrap();
        let paid = lines[0].paid;
        assert_eq!(paid, 2900);
        let each: Vec<i128> = (0..3).map(|k| units(paid, 3, k, 1)).collect();
        assert_eq!(each, [967, 967, 966]);
        assert_eq!(units(paid, 3, 0, 2) + units(paid, 3, 2, 1), 2900);
    }

    #[test]
    fn an_order_past_its_limit_is_refused_at_the_line_that_takes_it_there() {
        let line = |quantity| LineInput {
            quantity,
            unit_price: 1_000_000_000_000_000,
            discount: 0,
            tax: 0,
        };
        // Units past what a request may carry, so that the limit is reached in few lines.
        let lines = vec![line(1_000_000_000); 10_000];
        assert!(order_lines(&lines, 0, 0).is_ok());
        let mut over = lines;
        over.push(line(1));
        assert_eq!(
            order_lines(&over, 0, 0),
            Err(AmountError::OrderTooLarge(10_000))
        );
    }

    #[test]
    fn discounts_that_exceed_prices_are_refused() {
        let line = |discount| LineInput {
            quantity: 1,
            unit_price: 100,
            discount,
            tax: 0,
        };
        assert_eq!(
            order_lines(&[line(0), line(101)], 0, 0),
            Err(AmountError::LineDiscount(1))
        );
        assert_eq!(
            order_lines(&[line(0), line(50)], 151, 0),
            Err(AmountError::OrderDiscount)
        );
    }

    #[test]
    fn shares_of_amounts_whose_products_pass_128_bits_are_exact() {
        // One line of 1,000,000 units at 200,000,000,000.00, held to the 1,000.00 paid.
        let line = 100_000_000_000_000_000_000_i128 * 200;
        assert_eq!(share(100_000, &[line]), Some(vec![100_000]));
        // Order-sized amounts and weights: thirds of the largest order.
        let third = MAX_ORDER_MINOR / 3;
        let parts = share(
            MAX_ORDER_MINOR - 1,
            &[third, third, MAX_ORDER_MINOR - 2 * third],
        );
        assert_eq!(
            parts.as_ref().map(|p| p.iter().sum::<i128>()),
            Some(MAX_ORDER_MINOR - 1)
        );
        let max = i128::MAX;
        assert_eq!(share(max, &[max]), Some(vec![max]));
        assert_eq!(share(max - 1, &[1, max - 1]), Some(vec![1, max - 2]));
        assert_eq!(share(0, &[0, 0]), Some(vec![0, 0]));
        assert_eq!(share(1, &[0, 0]), None);
        assert_eq!(share(1, &[-1, 2]), None);
        assert_eq!(share(-1, &[1]), None);
        assert_eq!(share(1, &[max, max]), Some(vec![1, 0]));
        assert_eq!(
            share(1, &[max, max, max]),
            None,
            "weights summing past 128 bits"
        );
    }

    /// `a × b` in 256 bits, as `(high, low)`, by a route independent of `wide_mul`: four
    /// 64-bit limbs by four, column by column.
    fn product(a: u128, b: u128) -> (u128, u128) {
        let limbs = |x: u128| [x as u64, (x >> 64) as u64];
        let (a, b) = (limbs(a), limbs(b));
        let mut out = [0_u64; 4];
        for (i, &x) in a.iter().enumerate() {
            let mut carry = 0_u128;
            for (j, &y) in b.iter().enumerate() {
                let t = u128::from(x) * u128::from(y) + u128::from(out[i + j]) + carry;
                out[i + j] = t as u64;
                carry = t >> 64;
            }
            out[i + 2] = carry as u64;
        }
        let join = |lo: u64, hi: u64| u128::from(lo) | (u128::from(hi) << 64);
        (join(out[2], out[3]), join(out[0], out[1]))
    }

    /// `(high, low) + r` in 256 bits.
    fn plus((high, low): (u128, u128), r: u128) -> (u128, u128) {
        let (low, carry) = low.overflowing_add(r);
        (high + u128::from(carry), low)
    }

    proptest! {
        #[test]
        fn wide_products_and_quotients_are_exact(a: u128, b: u128, d in 1_u128..) {
            prop_assert_eq!(wide_mul(a, b), product(a, b));
            let b = b.min(d);
            let (q, r) = mul_div_rem(a, b, d);
            prop_assert!(r < d);
            prop_assert_eq!(plus(product(q, d), r), product(a, b));
        }

        #[test]
        fn percent_in_integers_is_the_decimal_figure(
            amount in prop_oneof![0_i128..100_000, 0_i128..1_000_000_000_000_000, 0_i128..=i128::from(u64::MAX)],
            digits in prop_oneof![0_i64..1_000, 0_i64..10_000_000, 0_i64..=i64::MAX],
            scale in 0_u32..=26,
            exponent in prop::sample::select(vec![0_u32, 2, 3, 4]),
            strategy in prop::sample::select(vec![
                crate::money::RoundingStrategy::HalfUp,
                crate::money::RoundingStrategy::HalfEven,
                crate::money::RoundingStrategy::Down,
                crate::money::RoundingStrategy::Up,
            ]),
        ) {
            let percent = rust_decimal::Decimal::new(digits, scale);
            if let Some(fast) = percent_minor(amount, percent, strategy, exponent) {
                let currency = match exponent {
                    0 => "JPY",
                    2 => "USD",
                    3 => "KWD",
                    _ => "CLF",
                };
                let currency = crate::money::Currency::from_code(currency);
                prop_assume!(currency.as_ref().is_ok_and(|c| c.exponent() == exponent));
                let currency = currency.unwrap();
                let money = crate::money::Money::from_minor(amount, currency).unwrap();
                let rate = percent.checked_div(rust_decimal::Decimal::ONE_HUNDRED).unwrap();
                let slow = money.checked_mul(rate, strategy).unwrap().to_minor();
                prop_assert_eq!(fast, slow);
            }
        }

        #[test]
        fn share_is_the_money_split_wherever_that_one_computes(
            total in 0_i128..1_000_000_000_000,
            weights in prop::collection::vec(0_i128..1_000_000_000_000, 1..8),
        ) {
            prop_assume!(weights.iter().any(|w| *w > 0));
            let shared = share(total, &weights);
            prop_assert_eq!(shared.clone(), split_minor(total, &weights, None).ok());
            // Within the weights' sum, the split is the capped one: no part over its weight.
            let caps: Vec<Option<i128>> = weights.iter().map(|w| Some(*w)).collect();
            let sum: i128 = weights.iter().sum();
            if total <= sum {
                prop_assert_eq!(shared, split_minor(total, &weights, Some(&caps)).ok());
            }
        }

        #[test]
        fn shares_of_any_size_sum_to_the_total_and_round_each_exact_share(
            weights in prop::collection::vec(0_i128..=MAX_ORDER_MINOR, 1..6),
            fraction in 0_u32..=1000,
        ) {
            let sum: i128 = weights.iter().sum();
            prop_assume!(sum > 0);
            let total = sum / 1000 * i128::from(fraction);
            let parts = share(total, &weights).unwrap();
            prop_assert_eq!(parts.iter().sum::<i128>(), total);
            let (total_u, sum_u) = (total as u128, sum as u128);
            for (p, w) in parts.iter().zip(&weights) {
                prop_assert!(p <= w);
                // floor(exact) <= p <= floor(exact) + 1.
                let (p, w) = (*p as u128, *w as u128);
                prop_assert!(product(p.saturating_sub(1), sum_u) <= product(total_u, w));
                prop_assert!(product(total_u, w) < product(p + 1, sum_u));
            }
        }

        #[test]
        fn order_discount_and_shipping_shares_sum_exactly(
            spec in prop::collection::vec((1_i128..5, 0_i128..100_000, 0_i128..50, 0_i128..5_000), 1..6),
            discount_pct in 0_i128..=100,
            shipping in 0_i128..10_000,
        ) {
            let lines: Vec<LineInput> = spec.iter().map(|(q, p, d, t)| LineInput {
                quantity: *q, unit_price: *p, discount: (*d).min(*p * *q), tax: *t,
            }).collect();
            let net: i128 = lines.iter().map(|l| l.unit_price * l.quantity - l.discount).sum();
            let discount = net * discount_pct / 100;
            let paid = order_lines(&lines, discount, shipping).unwrap();
            prop_assert_eq!(paid.iter().map(|p| p.paid).sum::<i128>(), net - discount);
            prop_assert_eq!(paid.iter().map(|p| p.shipping).sum::<i128>(), shipping);
            for p in &paid {
                prop_assert!(p.paid >= 0);
                // Unit by unit, the line adds up to what was paid for it.
                let sum: i128 = (0..p.quantity).map(|k| units(p.paid, p.quantity, k, 1)).sum();
                prop_assert_eq!(sum, p.paid);
            }
        }

        #[test]
        fn refunding_in_any_steps_adds_up(total in 0_i128..1_000_000, q in 1_i128..20, cuts in prop::collection::vec(0_i128..20, 0..5)) {
            let mut points: Vec<i128> = cuts.into_iter().map(|c| c.min(q)).collect();
            points.push(0);
            points.push(q);
            points.sort_unstable();
            let sum: i128 = points.windows(2).map(|w| units(total, q, w[0], w[1] - w[0])).sum();
            prop_assert_eq!(sum, total);
        }
    }
}

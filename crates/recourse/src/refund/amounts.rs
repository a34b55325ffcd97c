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

use crate::money::{split_minor, MoneyError};

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
    for (i, l) in lines.iter().enumerate() {
        let gross = l
            .unit_price
            .checked_mul(l.quantity)
            .ok_or(AmountError::Overflow)?;
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
    let shares = if order_discount == 0 {
        vec![0; lines.len()]
    } else {
        split_minor(order_discount, &nets, None)?
    };
    let paid: Vec<i128> = nets.iter().zip(&shares).map(|(n, s)| n - s).collect();
    let ship = if shipping == 0 || lines.is_empty() {
        vec![0; lines.len()]
    } else if paid.iter().all(|p| *p == 0) {
        let units: Vec<i128> = lines.iter().map(|l| l.quantity).collect();
        split_minor(shipping, &units, None)?
    } else {
        split_minor(shipping, &paid, None)?
    };
    Ok(lines
        .iter()
        .zip(paid)
        .zip(ship)
        .map(|((l, paid), shipping)| LinePaid {
            quantity: l.quantity,
            unit_price: l.unit_price,
            paid,
            tax: l.tax,
            shipping,
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

/// `percent`% of `amount` in minor units, rounded with the policy's strategy, never more
/// than `amount`.
pub(crate) fn percent_of(
    amount: i128,
    percent: rust_decimal::Decimal,
    strategy: crate::money::RoundingStrategy,
    currency: crate::money::Currency,
) -> Result<i128, AmountError> {
    let money = crate::money::Money::from_minor(amount, currency)?;
    let rate = percent
        .checked_div(rust_decimal::Decimal::ONE_HUNDRED)
        .ok_or(AmountError::Overflow)?;
    let fee = money.checked_mul(rate, strategy)?;
    Ok(fee.to_minor().clamp(0, amount.max(0)))
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

    proptest! {
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

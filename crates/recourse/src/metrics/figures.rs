//! The figures metrics are made of, exact: counts, and decimals written as strings.

use crate::canonical::Encode;
use rust_decimal::{Decimal, RoundingStrategy};
use schemars::JsonSchema;
use serde::Serialize;

/// Two decimal places, halves away from zero.
fn two_places(value: Decimal) -> String {
    value
        .round_dp_with_strategy(2, RoundingStrategy::MidpointAwayFromZero)
        .to_string()
}

/// `part / whole` as a percentage with two places, or `None` when `whole` is zero.
fn percent(part: u32, whole: u32) -> Option<String> {
    if whole == 0 {
        return None;
    }
    let ratio = Decimal::from(part)
        .checked_mul(Decimal::ONE_HUNDRED)?
        .checked_div(Decimal::from(whole))?;
    let mut text = two_places(ratio);
    if !text.contains('.') {
        text.push_str(".00");
    }
    Some(pad(text))
}

/// Pads a decimal string to two places (`"75.5"` -> `"75.50"`).
fn pad(text: String) -> String {
    match text.split_once('.') {
        Some((_, frac)) if frac.len() == 1 => text + "0",
        Some(_) => text,
        None => text + ".00",
    }
}

/// A share of a whole.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Rate {
    /// `count / of` as a percentage with two decimal places, such as `"75.00"`.
    pub percent: String,
    /// How many count.
    pub count: u32,
    /// Out of how many.
    pub of: u32,
}

impl Rate {
    /// The rate of `count` in `of`, or `None` when `of` is zero.
    pub fn new(count: u32, of: u32) -> Option<Self> {
        percent(count, of).map(|percent| Self { percent, count, of })
    }
}

/// A Net Promoter Score.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Nps {
    /// Percentage of promoters (9-10) minus percentage of detractors (0-6), from
    /// `"-100.00"` to `"100.00"`.
    pub score: String,
    /// Answers of 9 or 10.
    pub promoters: u32,
    /// Answers of 7 or 8.
    pub passives: u32,
    /// Answers of 0 to 6.
    pub detractors: u32,
}

impl Nps {
    /// The score of these counts, or `None` without answers.
    pub fn new(promoters: u32, passives: u32, detractors: u32) -> Option<Self> {
        let total = promoters.checked_add(passives)?.checked_add(detractors)?;
        if total == 0 {
            return None;
        }
        let diff = Decimal::from(promoters) - Decimal::from(detractors);
        let score = diff
            .checked_mul(Decimal::ONE_HUNDRED)?
            .checked_div(Decimal::from(total))?;
        Some(Self {
            score: pad(two_places(score)),
            promoters,
            passives,
            detractors,
        })
    }
}

/// An average of integer answers.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Average {
    /// The mean with two decimal places, such as `"4.25"`.
    pub mean: String,
    /// How many answers.
    pub responses: u32,
}

impl Average {
    /// The average of answers summing to `sum`, or `None` without answers.
    pub fn new(sum: u64, responses: u32) -> Option<Self> {
        if responses == 0 {
            return None;
        }
        let mean = Decimal::from(sum).checked_div(Decimal::from(responses))?;
        Some(Self {
            mean: pad(two_places(mean)),
            responses,
        })
    }
}

/// The median of non-negative integers: the mean of the two middle values rounded down
/// when there is an even number of them; `None` for none.
pub(crate) fn median(values: &mut [i64]) -> Option<i64> {
    crate::sort::sort(values);
    let n = values.len();
    let mid = n / 2;
    match n {
        0 => None,
        _ if n % 2 == 1 => values.get(mid).copied(),
        _ => {
            let (a, b) = (values.get(mid - 1)?, values.get(mid)?);
            Some(a / 2 + b / 2 + (a % 2 + b % 2) / 2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn figures_are_exact_strings() {
        assert_eq!(Rate::new(3, 4).unwrap().percent, "75.00");
        assert_eq!(Rate::new(1, 3).unwrap().percent, "33.33");
        assert_eq!(Rate::new(2, 3).unwrap().percent, "66.67");
        assert_eq!(Rate::new(1, 8).unwrap().percent, "12.50");
        assert_eq!(Rate::new(0, 5).unwrap().percent, "0.00");
        assert_eq!(Rate::new(5, 5).unwrap().percent, "100.00");
        assert!(Rate::new(0, 0).is_none());
        assert_eq!(Nps::new(5, 2, 3).unwrap().score, "20.00");
        assert_eq!(Nps::new(0, 0, 4).unwrap().score, "-100.00");
        assert_eq!(Nps::new(1, 1, 1).unwrap().score, "0.00");
        assert_eq!(Average::new(17, 4).unwrap().mean, "4.25");
        assert_eq!(Average::new(5, 3).unwrap().mean, "1.67");
        assert_eq!(median(&mut [5, 1, 3]), Some(3));
        assert_eq!(median(&mut [4, 1, 3, 2]), Some(2));
        assert_eq!(median(&mut [3, 4]), Some(3));
        assert_eq!(median(&mut [5, 5]), Some(5));
        assert_eq!(median(&mut []), None);
    }
}

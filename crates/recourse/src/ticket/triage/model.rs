//! The learned part of triage: a linear model over stems (a multinomial logistic regression
//! with half of a naive Bayes added, naive Bayes alone, or the regression alone: one table of
//! weights whichever; pairs of stems when the generated tables say so), trained by
//! `scripts/train-triage.py` (see `model_data`), scored with integer additions in 64ths of a
//! bit; and the store's own vocabulary on top of it.

use super::model_data::{
    CATEGORIES, CHARS, MISSING, PAIRS_OF_STEMS, PRIOR, SPREAD, STARTS, TERMS, WEIGHTS,
};
use super::normalize::{each_feature, Token};
use crate::ticket::Category;

/// How many categories the model scores.
pub(crate) const N: usize = PRIOR.len();

/// `2^(-k/64)` in 65536ths, for `k` in `0..64`.
const POW2_NEG: [u32; 64] = [
    65536, 64830, 64132, 63441, 62757, 62081, 61413, 60751, 60097, 59449, 58809, 58176, 57549,
    56929, 56316, 55709, 55109, 54515, 53928, 53347, 52773, 52204, 51642, 51085, 50535, 49991,
    49452, 48920, 48393, 47871, 47356, 46846, 46341, 45842, 45348, 44859, 44376, 43898, 43425,
    42958, 42495, 42037, 41584, 41136, 40693, 40255, 39821, 39392, 38968, 38548, 38133, 37722,
    37316, 36914, 36516, 36123, 35734, 35349, 34968, 34591, 34219, 33850, 33486, 33125,
];

/// How long a stem is in the model.
pub(crate) const STEM: usize = super::model_data::STEM;

/// A term of the model that the message has, and what it adds to each category.
#[derive(Debug, Clone)]
pub(crate) struct Matched {
    /// The term as the model writes it (`stem`, `~stem`, `stem stem`).
    pub term: String,
    /// What it adds to each category's score.
    pub adds: [i32; N],
}

/// The model's scores of a message.
#[derive(Debug, Clone)]
pub(crate) struct Scores {
    /// Per category (in `CATEGORIES` order), log2 in 64ths of a bit.
    pub total: [i32; N],
    /// The model's terms found in the message.
    pub matched: Vec<Matched>,
}

/// The index of a category in the model.
pub(crate) fn index(category: &Category) -> Option<usize> {
    CATEGORIES.iter().position(|c| c == category)
}

/// The `i`th term of the model.
fn term(i: usize) -> &'static str {
    TERMS.get(i)
}

/// The index of a term in the model.
fn find(feature: &str) -> Option<usize> {
    TERMS.find(feature)
}

/// What the `i`th term adds to each category.
fn adds(i: usize) -> [i32; N] {
    let mut out = MISSING;
    let start = usize::from(STARTS.get(i).copied().unwrap_or(0));
    let end = usize::from(STARTS.get(i + 1).copied().unwrap_or(0));
    for packed in WEIGHTS.get(start..end).unwrap_or(&[]) {
        if let Some(slot) = out.get_mut(usize::from(packed >> 12)) {
            *slot = slot.saturating_add(i32::from(packed & 0x0fff));
        }
    }
    out
}

/// Scores a message's tokens: each category's prior plus what each distinct term of the
/// model found in the message adds.
pub(crate) fn score(tokens: &[Token]) -> Scores {
    // Each term counts once, however often the message has it (a message is short: the
    // check is linear, and no sort is compiled in).
    let mut found: Vec<usize> = Vec::new();
    each_feature(tokens, PAIRS_OF_STEMS, CHARS, |feature| {
        if let Some(i) = find(feature).filter(|i| !found.contains(i)) {
            found.push(i);
        }
    });
    let mut total = PRIOR;
    let mut matched = Vec::new();
    for i in found {
        let adds = adds(i);
        for (sum, add) in total.iter_mut().zip(adds) {
            *sum = sum.saturating_add(add);
        }
        matched.push(Matched {
            term: term(i).to_owned(),
            adds,
        });
    }
    Scores { total, matched }
}

/// The best and second-best categories' indexes (ties go to the earlier category).
pub(crate) fn top_two(total: &[i32]) -> (usize, usize) {
    let best = best_except(total, None);
    (best, best_except(total, Some(best)))
}

/// The index of the highest score, the earliest on a tie, leaving one index out.
fn best_except(total: &[i32], except: Option<usize>) -> usize {
    let mut best: Option<(usize, i32)> = None;
    for (i, score) in total.iter().copied().enumerate() {
        if Some(i) != except && best.is_none_or(|(_, top)| score > top) {
            best = Some((i, score));
        }
    }
    best.map_or(0, |(i, _)| i)
}

/// `2^(-d/64)` in 65536ths, `d >= 0`.
fn pow2_neg(d: i64) -> u64 {
    let d = d.max(0);
    let whole = d / 64;
    let frac = usize::try_from(d % 64).unwrap_or(0);
    if whole >= 17 {
        return 0;
    }
    u64::from(POW2_NEG.get(frac).copied().unwrap_or(0)) >> whole
}

/// The best category's share of the odds, per mille: `1000 / Σ 2^((s_j - s_best) / spread)`,
/// with the model's spread (its calibration) applied to every difference.
pub(crate) fn confidence(total: &[i32], best: usize) -> u16 {
    let top = i64::from(total.get(best).copied().unwrap_or(0));
    let sum: u64 = total
        .iter()
        .map(|s| pow2_neg((top - i64::from(*s)) * 100 / i64::from(SPREAD.max(1))))
        .sum();
    u16::try_from(1000 * 65536 / sum.max(1)).unwrap_or(1000)
}

/// The terms that speak for `best` over `runner_up`, the strongest first, at most `limit`.
pub(crate) fn evidence(
    matched: &[Matched],
    best: usize,
    runner_up: usize,
    limit: usize,
) -> Vec<String> {
    let mut speaking: Vec<(i32, &str)> = matched
        .iter()
        .map(|m| {
            let gap = m.adds.get(best).copied().unwrap_or(0)
                - m.adds.get(runner_up).copied().unwrap_or(0);
            (gap, m.term.as_str())
        })
        .filter(|(gap, _)| *gap > 0)
        .collect();
    // The strongest first, then by the term: `limit` picks of the largest, no sort.
    let mut out = Vec::new();
    while out.len() < limit {
        let Some(at) =
            (0..speaking.len()).reduce(|a, b| match (speaking.get(a), speaking.get(b)) {
                (Some(x), Some(y)) if y.0 > x.0 || (y.0 == x.0 && y.1 < x.1) => b,
                _ => a,
            })
        else {
            break;
        };
        out.push(speaking.swap_remove(at).1.to_owned());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_term_is_found_at_its_place() {
        for i in 0..TERMS.len() {
            assert_eq!(find(term(i)), Some(i), "{}", term(i));
        }
        assert_eq!(find("\u{0}not a term"), None);
        assert_eq!(STARTS.len(), TERMS.len() + 1);
    }

    #[test]
    fn confidence_is_a_share_of_the_odds() {
        let mut total = [-2000; N];
        total[0] = 0;
        assert_eq!(confidence(&total, 0), 1000);
        let even = [0; N];
        assert_eq!(confidence(&even, 3), 100);
        assert_eq!(pow2_neg(64), 32768);
        assert_eq!(pow2_neg(0), 65536);
    }
}

//! Remedies: which one the customer gets, and what each alternative is worth.
//!
//! The policy (or the first matching rule that sets `remedies`) lists the remedies in order
//! of preference. The customer's preferred remedy is granted when it is offered; otherwise
//! the policy's first. Store credit may carry a bonus, applied to the base the policy names
//! (`before_fees`: no fee is charged on it; `after_fees`: the refund's own amount), and a
//! cap relative to what the customer paid for what is returned.

use rust_decimal::Decimal;

use super::compile::CompiledPolicy;
use super::decision::RemedyOffer;
use super::policy::{BonusBase, Remedy};
use crate::money::{Money, RoundingStrategy};

/// The remedy chosen and the alternatives, in the policy's order.
pub(crate) struct Choice {
    pub chosen: RemedyOffer,
    pub alternatives: Vec<RemedyOffer>,
    /// The preferred remedy, when it was not offered.
    pub refused: Option<Remedy>,
}

/// Values every remedy: `refund` the amount after fees, `before_fees` the amount before.
/// Store credit's bonus is written as a percentage when `percent_text` (a quiet decision
/// leaves it out).
pub(crate) fn choose(
    policy: &CompiledPolicy,
    offered: &[Remedy],
    preferred: Option<Remedy>,
    (refund, before_fees): (Money, Money),
    percent_text: bool,
) -> Choice {
    let bonus = policy.store_credit_bonus.filter(|b| !b.is_zero());
    let offer = |kind: Remedy| RemedyOffer {
        kind,
        amount: match kind {
            Remedy::Refund => Some(refund),
            Remedy::StoreCredit => Some(store_credit(policy, bonus, refund, before_fees)),
            Remedy::Exchange | Remedy::Replacement | Remedy::Repair => None,
        },
        bonus_percent: match kind {
            Remedy::StoreCredit if percent_text => policy.store_credit_bonus_text.clone(),
            _ => None,
        },
    };
    let first = offered.first().copied().unwrap_or(Remedy::Refund);
    let (kind, refused) = match preferred {
        Some(p) if offered.contains(&p) => (p, None),
        Some(p) => (first, Some(p)),
        None => (first, None),
    };
    Choice {
        chosen: offer(kind),
        alternatives: offered
            .iter()
            .filter(|r| **r != kind)
            .map(|r| offer(*r))
            .collect(),
        refused,
    }
}

/// Store credit: the bonus on its base, then held to the cap. `before_fees` is also what
/// was paid for what is returned (net of earlier refunds), the cap's reference.
fn store_credit(
    policy: &CompiledPolicy,
    bonus: Option<Decimal>,
    refund: Money,
    before_fees: Money,
) -> Money {
    let Some(bonus) = bonus else {
        return refund;
    };
    let base = match policy.store_credit_base {
        BonusBase::BeforeFees => before_fees,
        BonusBase::AfterFees => refund,
    };
    let credit = percent_of(
        base,
        Decimal::ONE_HUNDRED.checked_add(bonus),
        policy.rounding,
    );
    match policy.store_credit_cap {
        // Rounded down: the cap is never exceeded by a rounding.
        Some(cap) => {
            let most = percent_of(before_fees, Some(cap), RoundingStrategy::Down);
            credit.min(&most).unwrap_or(credit)
        }
        None => credit,
    }
}

/// `percent` % of `amount`, rounded with `rounding`; `amount` itself when it overflows.
fn percent_of(amount: Money, percent: Option<Decimal>, rounding: RoundingStrategy) -> Money {
    percent
        .and_then(|p| super::amounts::percent_of_money(amount, p, rounding).ok())
        .unwrap_or(amount)
}

//! Remedies: which one the customer gets, and what each alternative is worth.
//!
//! The policy (or the first matching rule that sets `remedies`) lists the remedies in order
//! of preference. The customer's preferred remedy is granted when it is offered; otherwise
//! the policy's first. Store credit may carry a bonus; with a bonus no fee is charged on it,
//! so the credit is the amount before fees, plus the bonus.

use rust_decimal::Decimal;

use super::compile::CompiledPolicy;
use super::decision::RemedyOffer;
use super::policy::Remedy;
use crate::money::Money;

/// The remedy chosen and the alternatives, in the policy's order.
pub(crate) struct Choice {
    pub chosen: RemedyOffer,
    pub alternatives: Vec<RemedyOffer>,
    /// The preferred remedy, when it was not offered.
    pub refused: Option<Remedy>,
}

/// Values every remedy: `refund` the amount after fees, `before_fees` the amount before.
pub(crate) fn choose(
    policy: &CompiledPolicy,
    offered: &[Remedy],
    preferred: Option<Remedy>,
    refund: Money,
    before_fees: Money,
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
            Remedy::StoreCredit => bonus.map(|b| b.normalize().to_string()),
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

fn store_credit(
    policy: &CompiledPolicy,
    bonus: Option<Decimal>,
    refund: Money,
    before_fees: Money,
) -> Money {
    let Some(bonus) = bonus else {
        return refund;
    };
    let factor = Decimal::ONE_HUNDRED
        .checked_add(bonus)
        .and_then(|f| f.checked_div(Decimal::ONE_HUNDRED));
    factor
        .and_then(|f| before_fees.checked_mul(f, policy.rounding).ok())
        .unwrap_or(before_fees)
}

//! The effects a refund rule may set (its window, eligibility, fees, remedies, review),
//! as a set: what a rule sets, and what it decides in some case once earlier rules have
//! spoken (`refund.check` and `refund.disclose` survey a policy's combinations for it).

/// An effect a rule may set.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Effect {
    /// The return window.
    Window,
    /// Whether the item may be returned (`allow` or `deny`).
    Eligibility,
    /// The restocking fee.
    RestockingFee,
    /// Who pays the return shipping, and its fee.
    ReturnShipping,
    /// Whether the original shipping is refunded.
    RefundShipping,
    /// The remedies offered.
    Remedies,
    /// Whether a person reviews the request.
    Review,
}

impl Effect {
    /// Every effect, in the order of a rule's fields.
    pub(crate) const ALL: [Effect; 7] = [
        Effect::Window,
        Effect::Eligibility,
        Effect::RestockingFee,
        Effect::ReturnShipping,
        Effect::RefundShipping,
        Effect::Remedies,
        Effect::Review,
    ];

    /// The effect's position in [`Effect::ALL`].
    pub(crate) fn index(self) -> usize {
        self as usize
    }

    /// The effect's member in an [`Effects`] set.
    fn bit(self) -> u8 {
        1 << (self as u8)
    }
}

/// A set of effects: those a rule sets, or those it decides in some case.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) struct Effects(u8);

impl Effects {
    /// Whether `effect` is in the set.
    pub(crate) fn contains(self, effect: Effect) -> bool {
        self.0 & effect.bit() != 0
    }

    /// Puts `effect` in the set.
    pub(crate) fn insert(&mut self, effect: Effect) {
        self.0 |= effect.bit();
    }

    /// Whether the set is empty.
    pub(crate) fn is_empty(self) -> bool {
        self.0 == 0
    }

    /// The effects in both sets.
    pub(crate) fn and(self, other: Self) -> Self {
        Self(self.0 & other.0)
    }

    /// The effects in either set.
    pub(crate) fn or(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The effects of this set not in `other`.
    pub(crate) fn without(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// The effects in the set, in the order of [`Effect::ALL`].
    pub(crate) fn iter(self) -> impl Iterator<Item = Effect> {
        Effect::ALL.into_iter().filter(move |e| self.contains(*e))
    }
}

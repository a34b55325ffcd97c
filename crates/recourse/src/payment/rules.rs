//! The networks' retry rules as dated data: each value with the day it took effect and its
//! source. The value in force on a day is the latest one that started on or before it.
//! Where sources give different start dates, the earlier date is taken, so that the
//! stricter value wins (payments-facts §1.3).

use chrono::NaiveDate;

/// One edition of a rule's value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Dated {
    /// In force from this day on (year, month, day).
    pub from: (i32, u32, u32),
    /// The value: a count, or minutes.
    pub value: u32,
    /// Where it comes from.
    pub source: &'static str,
}

/// A rule: its id (what answers cite) and its editions, oldest first.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Rule {
    /// The id.
    pub id: &'static str,
    /// The rolling window the value counts in, in minutes (0 for a delay).
    pub window_minutes: i64,
    /// The editions, oldest first.
    pub editions: &'static [Dated],
}

impl Rule {
    /// The edition in force on `day`, if any.
    pub fn on(&self, day: NaiveDate) -> Option<&'static Dated> {
        self.editions.iter().rev().find(|d| {
            let (y, m, dd) = d.from;
            NaiveDate::from_ymd_opt(y, m, dd).is_some_and(|from| from <= day)
        })
    }
}

/// Visa: reattempts of one card at one merchant in 30 days after a category 2-4 decline.
/// 15 was the 2021 rule (the facts give its year only, so its first day is used); 20 from
/// 25 May 2025.
pub const VISA_REATTEMPTS_30_DAYS: Rule = Rule {
    id: "visa.reattempts_per_30_days",
    window_minutes: 30 * 24 * 60,
    editions: &[
        Dated {
            from: (2021, 1, 1),
            value: 15,
            source: "Visa excessive reattempts rule, 2021 edition (payments-facts C1)",
        },
        Dated {
            from: (2025, 5, 25),
            value: 20,
            source: "Visa Core Rules 18 Apr 2026, ID# 0030640, Table 7-2; docs.cielo.com.br changelog new-limit-for-visa-retries-starting-may-25-2025",
        },
    ],
};

/// Mastercard Transaction Processing Excellence: declines per card and merchant in 24 hours.
pub const MASTERCARD_DECLINES_24_HOURS: Rule = Rule {
    id: "mastercard.declines_per_24_hours",
    window_minutes: 24 * 60,
    editions: &[
        Dated {
            from: (1, 1, 1),
            value: 20,
            source: "Mastercard TPE excessive attempts before 1 Oct 2022 (IanFoxDev/decline-codes data/mastercard.json citing Paya, Braintree)",
        },
        Dated {
            from: (2022, 10, 1),
            value: 10,
            source: "Mastercard TPE excessive attempts from 1 Oct 2022 (IanFoxDev/decline-codes data/mastercard.json citing Paya, Braintree)",
        },
    ],
};

/// Mastercard: declines on the same amount in 30 days.
pub const MASTERCARD_SAME_AMOUNT_30_DAYS: Rule = Rule {
    id: "mastercard.same_amount_declines_per_30_days",
    window_minutes: 30 * 24 * 60,
    editions: &[Dated {
        from: (2023, 11, 1),
        value: 35,
        source: "developer.paypal.com/braintree/articles/risk-and-security/compliance/network-updates/2023/mastercard-f23",
    }],
};

/// Mastercard in Brazil: a retry only 24 hours after the decline (minutes).
pub const MASTERCARD_BRAZIL_INTERVAL: Rule = Rule {
    id: "mastercard.brazil.retry_after_24_hours",
    window_minutes: 0,
    editions: &[Dated {
        from: (2023, 2, 1),
        value: 24 * 60,
        source: "docs.payzu.com.br/docs/cartao/retry-program; docs.cielo.com.br/ecommerce-cielo/v3.0-en/docs/retries",
    }],
};

/// Mastercard in Brazil: R$ 2.00 per retry from this retry of a month on.
pub const MASTERCARD_BRAZIL_FEE_FROM_RETRY: Rule = Rule {
    id: "mastercard.brazil.retry_fee",
    window_minutes: 0,
    editions: &[Dated {
        from: (2023, 2, 1),
        value: 8,
        source: "docs.payzu.com.br/docs/cartao/retry-program (R$ 2.00 per retry from the 8th in a month)",
    }],
};

/// One value with no dated history yet, in force from the earliest day.
const fn always(value: u32, source: &'static str) -> [Dated; 1] {
    [Dated {
        from: (1, 1, 1),
        value,
        source,
    }]
}

const CARD_REFUND_MIN: [Dated; 1] = always(
    5,
    "card refunds appear in 5-10 business days, issuer-dependent (domain-facts; docs.stripe.com/refunds)",
);
const CARD_REFUND_MAX: [Dated; 1] = always(
    10,
    "card refunds appear in 5-10 business days, issuer-dependent (domain-facts; docs.stripe.com/refunds)",
);
const BOLETO_MIN: [Dated; 1] = always(
    1,
    "boleto confirmation in 1-3 business days (developers.woovi.com/docs/boleto/boleto-prazo-confirmacao; stripe.com/docs/payments/boleto)",
);
const BOLETO_MAX: [Dated; 1] = always(
    3,
    "boleto confirmation in 1-3 business days (developers.woovi.com/docs/boleto/boleto-prazo-confirmacao; stripe.com/docs/payments/boleto)",
);
const PIX_EXPIRY: [Dated; 1] = always(
    86_400,
    "Pix cob calendario.expiracao default 86400 s (bacen/pix-api openapi.yaml)",
);
const PIX_WINDOW: [Dated; 1] = always(
    90,
    "Pix devolução up to 90 days after the original (bacen/pix-api PixDevolucaoInvalida; Banco Central do Brasil Pix regulation)",
);
const PIX_HOLD: [Dated; 1] = always(
    60,
    "the payer's PSP may hold a Pix for risk analysis up to 30 min by day, 60 min by night (Resolução BCB rules of 2021, via rnews.com.br)",
);
const CARD_AUTH: [Dated; 1] = always(
    7 * 24 * 60,
    "card-not-present authorization valid 7 days (Visa CIT, Mastercard, Amex, Discover): stripe.com/blog/auth-capture",
);

/// Card refunds: earliest posting, in business days after the refund is accepted.
pub const CARD_REFUND_POSTING_MIN_DAYS: Rule = Rule {
    id: "card.refund_posting",
    window_minutes: 0,
    editions: &CARD_REFUND_MIN,
};
/// Card refunds: latest posting, in business days after the refund is accepted.
pub const CARD_REFUND_POSTING_MAX_DAYS: Rule = Rule {
    id: "card.refund_posting",
    window_minutes: 0,
    editions: &CARD_REFUND_MAX,
};
/// Boleto: earliest confirmation, in business days after it is paid.
pub const BOLETO_CONFIRMATION_MIN_DAYS: Rule = Rule {
    id: "boleto.confirmation",
    window_minutes: 0,
    editions: &BOLETO_MIN,
};
/// Boleto: latest confirmation, in business days after it is paid.
pub const BOLETO_CONFIRMATION_MAX_DAYS: Rule = Rule {
    id: "boleto.confirmation",
    window_minutes: 0,
    editions: &BOLETO_MAX,
};
/// Pix cob: expiry in seconds after creation when the charge gives none.
pub const PIX_DEFAULT_EXPIRY_SECONDS: Rule = Rule {
    id: "pix.cob_expiry",
    window_minutes: 0,
    editions: &PIX_EXPIRY,
};
/// Pix devolução: days after the original Pix it can still be requested.
pub const PIX_DEVOLUCAO_WINDOW_DAYS: Rule = Rule {
    id: "pix.devolucao_window",
    window_minutes: 0,
    editions: &PIX_WINDOW,
};
/// Pix: minutes a payer's PSP may hold a Pix before it arrives.
pub const PIX_HOLD_MINUTES: Rule = Rule {
    id: "pix.risk_hold",
    window_minutes: 0,
    editions: &PIX_HOLD,
};
/// Cards: minutes an authorization holds before it is released.
pub const CARD_AUTHORIZATION_MINUTES: Rule = Rule {
    id: "card.authorization_validity",
    window_minutes: 0,
    editions: &CARD_AUTH,
};
/// Visa merchant-initiated authorizations: 4 days 18 hours since 14 Apr 2024.
pub const VISA_MIT_AUTHORIZATION_MINUTES: Rule = Rule {
    id: "visa.mit_authorization_validity",
    window_minutes: 0,
    editions: &[Dated {
        from: (2024, 4, 14),
        value: 4 * 24 * 60 + 18 * 60,
        source: "Visa MIT authorization 4 d 18 h since 14 Apr 2024 (stripe.com/docs/payments/capture-later)",
    }],
};

const TRANSFER_REFUND_MAX: [Dated; 1] = always(
    1,
    "a boleto cannot be reversed: its refund is a transfer to the customer's bank account or Pix key (domain-facts; stripe.com/docs/payments/boleto)",
);

/// Boleto refunds: a transfer to the customer's account, by the next business day.
pub const TRANSFER_REFUND_MAX_DAYS: Rule = Rule {
    id: "boleto.refund_transfer",
    window_minutes: 0,
    editions: &TRANSFER_REFUND_MAX,
};

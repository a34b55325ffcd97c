//! Where refunded money goes and when it arrives, per payment method.
//!
//! Sources: card refunds typically appear in 5 to 10 business days, depending on the
//! issuer; a Pix can be returned (devolução) instantly to the paying key for up to 90 days
//! after it was made (Banco Central do Brasil, Pix regulation); a boleto cannot be reversed,
//! so the customer must give a bank account or Pix key; a wallet (PayPal, Apple Pay, Google
//! Pay) refunds through its funding source and takes that source's time.

use chrono::Duration;

use super::case::{Payment, PaymentMethod};
use super::decision::{Destination, ReasonCode, Timing};
use crate::calendar::Timestamp;

/// How long after a Pix it can still be returned to the paying key.
const PIX_RETURN_DAYS: i64 = 90;

/// Where and when, with the reason that explains it and the id it cites.
pub(crate) struct Route {
    pub destination: Destination,
    pub timing: Timing,
    pub code: ReasonCode,
    pub rule: &'static str,
}

const fn timing(min: u32, max: u32, needs_bank_details: bool) -> Timing {
    Timing {
        min_business_days: min,
        max_business_days: max,
        needs_bank_details,
    }
}

/// Routes a refund of `payment` decided at `now`.
pub(crate) fn route(payment: &Payment, now: &Timestamp) -> Route {
    match payment.method {
        PaymentMethod::Wallet => {
            let under = payment.funding.unwrap_or(PaymentMethod::Card);
            let funding = method_route(under, payment, now);
            Route {
                destination: Destination::WalletFundingSource,
                timing: funding.timing,
                code: ReasonCode::TimingWallet,
                rule: "recourse.timing.wallet",
            }
        }
        method => method_route(method, payment, now),
    }
}

fn method_route(method: PaymentMethod, payment: &Payment, now: &Timestamp) -> Route {
    match method {
        PaymentMethod::Card | PaymentMethod::Wallet => Route {
            destination: Destination::OriginalCard,
            timing: timing(5, 10, false),
            code: ReasonCode::TimingCard,
            rule: "recourse.timing.card",
        },
        PaymentMethod::Pix
            if now.to_utc() - payment.captured_at.to_utc() <= Duration::days(PIX_RETURN_DAYS) =>
        {
            Route {
                destination: Destination::OriginalPixKey,
                timing: timing(0, 0, false),
                code: ReasonCode::TimingPix,
                rule: "recourse.timing.pix",
            }
        }
        PaymentMethod::Pix => Route {
            destination: Destination::CustomerBankDetails,
            timing: timing(0, 1, true),
            code: ReasonCode::TimingBankDetails,
            rule: "recourse.timing.pix_after_90_days",
        },
        PaymentMethod::Boleto => Route {
            destination: Destination::CustomerBankDetails,
            timing: timing(0, 1, true),
            code: ReasonCode::TimingBankDetails,
            rule: "recourse.timing.boleto",
        },
        PaymentMethod::BankTransfer => Route {
            destination: Destination::OriginalBankAccount,
            timing: timing(1, 3, false),
            code: ReasonCode::TimingBankTransfer,
            rule: "recourse.timing.bank_transfer",
        },
        PaymentMethod::GiftCard => Route {
            destination: Destination::GiftCard,
            timing: timing(0, 0, false),
            code: ReasonCode::TimingInstant,
            rule: "recourse.timing.gift_card",
        },
        PaymentMethod::StoreCredit => Route {
            destination: Destination::StoreCredit,
            timing: timing(0, 0, false),
            code: ReasonCode::TimingInstant,
            rule: "recourse.timing.store_credit",
        },
    }
}

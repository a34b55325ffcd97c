//! The code tables: what each processor's and network's decline code means, with the source
//! and edition of every record.
//!
//! Each network reads ISO 8583 field 39 its own way (`82` is a negative CVV result for
//! Visa and an invalid expiry date in the generic ISO 8583 table that Mastercard and the
//! other brands follow), so there is one table per profile and never one global table.
//! Visa's reattempt categories are dated: a code moves between categories on a date, and
//! the edition in force at the decline is the one read.
//!
//! Sources (see `../shared/payments-facts.md` §1.1-1.5):
//! - Stripe `decline_code` and `advice_code`: docs.stripe.com/declines/codes, as copied in
//!   `hideokamoto/stripe-decline-codes` (DOC_VERSION 2024-12-18);
//! - Visa response codes and categories: Visa Core Rules, 18 Apr 2026, ID# 0030640, via
//!   `IanFoxDev/decline-codes` data/visa.json; checkout.com Visa response codes;
//! - ISO 8583 field 39 (Mastercard and other brands): `IanFoxDev/decline-codes` iso8583
//!   data; airwallex.com issuer response codes;
//! - Mastercard Merchant Advice Codes: Braintree merchant advice codes reference; TabaPay;
//!   `IanFoxDev/decline-codes` data/mastercard.json;
//! - Adyen refusal reasons: docs.adyen.com/development-resources/refusal-reasons.

use chrono::NaiveDate;

use super::reason::DeclineReason as R;
use super::reason::{DeclineClass, DeclineReason};

/// Where a record comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Source {
    /// The table, such as `visa.response_code`.
    pub table: &'static str,
    /// The document it restates.
    pub reference: &'static str,
    /// Its edition or date.
    pub edition: &'static str,
}

/// Stripe's decline codes.
pub const STRIPE: Source = Source {
    table: "stripe.decline_code",
    reference: "docs.stripe.com/declines/codes (hideokamoto/stripe-decline-codes copy)",
    edition: "2024-12-18",
};

/// Stripe's advice codes.
pub const STRIPE_ADVICE: Source = Source {
    table: "stripe.advice_code",
    reference: "docs.stripe.com/declines/codes#advice-codes",
    edition: "2024-12-18",
};

/// Visa's response codes and reattempt categories.
pub const VISA: Source = Source {
    table: "visa.response_code",
    reference: "Visa Core Rules ID# 0030640, Table 7-2 (IanFoxDev/decline-codes data/visa.json)",
    edition: "2026-04-18",
};

/// ISO 8583 field 39 as Mastercard and the other brands read it.
pub const ISO8583: Source = Source {
    table: "iso8583.response_code",
    reference:
        "ISO 8583 field 39 (IanFoxDev/decline-codes iso8583; airwallex issuer response codes)",
    edition: "1987",
};

/// Mastercard's merchant advice codes.
pub const MASTERCARD_ADVICE: Source = Source {
    table: "mastercard.merchant_advice_code",
    reference:
        "Braintree merchant advice codes; TabaPay MAC; IanFoxDev/decline-codes data/mastercard.json",
    edition: "2026-02-19",
};

/// Adyen's refusal reasons.
pub const ADYEN: Source = Source {
    table: "adyen.refusal_reason",
    reference: "docs.adyen.com/development-resources/refusal-reasons",
    edition: "2025",
};

/// A processor code's record.
pub type Entry = (&'static str, DeclineReason);

/// Stripe `decline_code` → reason (docs.stripe.com/declines/codes).
pub const STRIPE_CODES: &[Entry] = &[
    ("approve_with_id", R::TryAgainLater),
    ("authentication_required", R::AuthenticationRequired),
    ("call_issuer", R::IssuerDeclined),
    ("card_not_supported", R::NotPermitted),
    ("card_velocity_exceeded", R::LimitExceeded),
    ("currency_not_supported", R::NotPermitted),
    ("do_not_honor", R::IssuerDeclined),
    ("do_not_try_again", R::IssuerDeclined),
    ("duplicate_transaction", R::DuplicateTransaction),
    ("expired_card", R::ExpiredCard),
    ("fraudulent", R::FraudSuspected),
    ("generic_decline", R::IssuerDeclined),
    ("incorrect_cvc", R::IncorrectCvc),
    ("incorrect_number", R::InvalidCardNumber),
    ("incorrect_pin", R::IncorrectPin),
    ("incorrect_zip", R::IncorrectAddress),
    ("insufficient_funds", R::InsufficientFunds),
    ("invalid_account", R::AccountClosed),
    ("invalid_amount", R::InvalidAmount),
    ("invalid_cvc", R::IncorrectCvc),
    ("invalid_expiry_month", R::InvalidExpiry),
    ("invalid_expiry_year", R::InvalidExpiry),
    ("invalid_number", R::InvalidCardNumber),
    ("invalid_pin", R::IncorrectPin),
    ("issuer_not_available", R::IssuerUnavailable),
    ("lost_card", R::LostCard),
    ("merchant_blacklist", R::Blocklisted),
    (
        "new_account_information_available",
        R::NewAccountInformation,
    ),
    ("no_action_taken", R::IssuerDeclined),
    ("not_permitted", R::NotPermitted),
    ("pickup_card", R::CardBlocked),
    ("pin_try_exceeded", R::IncorrectPin),
    ("processing_error", R::ProcessingError),
    ("reenter_transaction", R::ProcessingError),
    ("restricted_card", R::CardBlocked),
    ("revocation_of_all_authorizations", R::StopPayment),
    ("revocation_of_authorization", R::StopPayment),
    ("security_violation", R::CardBlocked),
    ("service_not_allowed", R::NotPermitted),
    ("stolen_card", R::StolenCard),
    ("stop_payment_order", R::StopPayment),
    ("testmode_decline", R::TestCard),
    ("transaction_not_allowed", R::NotPermitted),
    ("try_again_later", R::TryAgainLater),
    ("withdrawal_count_limit_exceeded", R::LimitExceeded),
];

/// Adyen `refusalReasonCode` → reason (docs.adyen.com/development-resources/refusal-reasons).
/// Adyen: "do not expose the details of the refusal reason to shoppers".
pub const ADYEN_CODES: &[Entry] = &[
    ("2", R::IssuerDeclined),
    ("3", R::IssuerDeclined),
    ("4", R::ProcessingError),
    ("5", R::CardBlocked),
    ("6", R::ExpiredCard),
    ("7", R::InvalidAmount),
    ("8", R::InvalidCardNumber),
    ("9", R::IssuerUnavailable),
    ("10", R::NotPermitted),
    ("11", R::AuthenticationRequired),
    ("12", R::InsufficientFunds),
    ("14", R::FraudSuspected),
    ("15", R::Cancelled),
    ("16", R::Cancelled),
    ("17", R::IncorrectPin),
    ("18", R::IncorrectPin),
    ("19", R::ProcessingError),
    ("20", R::FraudSuspected),
    ("21", R::ProcessingError),
    ("22", R::FraudSuspected),
    ("23", R::NotPermitted),
    ("24", R::IncorrectCvc),
    ("25", R::CardBlocked),
    ("26", R::StopPayment),
    ("27", R::IssuerDeclined),
    ("28", R::LimitExceeded),
    ("29", R::LimitExceeded),
    ("31", R::FraudSuspected),
    ("32", R::IncorrectAddress),
    ("38", R::AuthenticationRequired),
    ("42", R::AuthenticationRequired),
    ("46", R::ExcessiveRetries),
];

/// ISO 8583 field 39 → reason, as Mastercard and the other brands read it.
pub const ISO8583_CODES: &[Entry] = &[
    ("01", R::IssuerDeclined),
    ("04", R::CardBlocked),
    ("05", R::IssuerDeclined),
    ("07", R::CardBlocked),
    ("12", R::NotPermitted),
    ("13", R::InvalidAmount),
    ("14", R::InvalidCardNumber),
    ("15", R::InvalidCardNumber),
    ("19", R::ProcessingError),
    ("41", R::LostCard),
    ("43", R::StolenCard),
    ("51", R::InsufficientFunds),
    ("54", R::ExpiredCard),
    ("55", R::IncorrectPin),
    ("57", R::NotPermitted),
    ("58", R::NotPermitted),
    ("59", R::FraudSuspected),
    ("61", R::LimitExceeded),
    ("62", R::CardBlocked),
    ("63", R::CardBlocked),
    ("65", R::LimitExceeded),
    ("75", R::IncorrectPin),
    ("82", R::InvalidExpiry),
    ("91", R::IssuerUnavailable),
    ("96", R::ProcessingError),
];

/// Visa response code → reason; the reattempt category comes from [`VISA_CATEGORIES`].
/// `82` and `N7` are CVV2 failures for Visa (category 3), not the ISO 8583 meaning.
pub const VISA_CODES: &[Entry] = &[
    ("01", R::IssuerDeclined),
    ("04", R::CardBlocked),
    ("05", R::IssuerDeclined),
    ("07", R::CardBlocked),
    ("12", R::NotPermitted),
    ("13", R::InvalidAmount),
    ("14", R::InvalidCardNumber),
    ("15", R::InvalidCardNumber),
    ("19", R::ProcessingError),
    ("1A", R::AuthenticationRequired),
    ("41", R::LostCard),
    ("43", R::StolenCard),
    ("46", R::AccountClosed),
    ("51", R::InsufficientFunds),
    ("54", R::ExpiredCard),
    ("55", R::IncorrectPin),
    ("57", R::NotPermitted),
    ("58", R::NotPermitted),
    ("59", R::FraudSuspected),
    ("61", R::LimitExceeded),
    ("62", R::CardBlocked),
    ("63", R::CardBlocked),
    ("65", R::LimitExceeded),
    ("75", R::IncorrectPin),
    ("82", R::IncorrectCvc),
    ("91", R::IssuerUnavailable),
    ("96", R::ProcessingError),
    ("N7", R::IncorrectCvc),
    ("R0", R::StopPayment),
    ("R1", R::StopPayment),
    ("R3", R::StopPayment),
];

/// One edition of a Visa code's reattempt category.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VisaCategory {
    /// The code.
    pub code: &'static str,
    /// 1 (never), 2 (cannot approve now), 3 (data quality); 4 is every other code.
    pub category: u8,
    /// In force from this date on (`None`: in every edition read).
    pub from: Option<(i32, u32, u32)>,
}

const fn cat(code: &'static str, category: u8) -> VisaCategory {
    VisaCategory {
        code,
        category,
        from: None,
    }
}

/// Visa's reattempt categories 1-3 (Visa Core Rules 18 Apr 2026, ID# 0030640; agreeing with
/// checkout.com and Nexi); any other code is category 4. `83` joins category 2 on
/// 25 Jul 2026.
pub const VISA_CATEGORIES: &[VisaCategory] = &[
    cat("04", 1),
    cat("07", 1),
    cat("12", 1),
    cat("14", 1),
    cat("15", 1),
    cat("41", 1),
    cat("43", 1),
    cat("46", 1),
    cat("57", 1),
    cat("R0", 1),
    cat("R1", 1),
    cat("R3", 1),
    cat("03", 2),
    cat("19", 2),
    cat("39", 2),
    cat("51", 2),
    cat("52", 2),
    cat("53", 2),
    cat("59", 2),
    cat("61", 2),
    cat("62", 2),
    cat("65", 2),
    cat("75", 2),
    cat("78", 2),
    cat("86", 2),
    cat("91", 2),
    cat("93", 2),
    cat("96", 2),
    cat("5C", 2),
    cat("9G", 2),
    cat("N3", 2),
    cat("N4", 2),
    cat("Z5", 2),
    VisaCategory {
        code: "83",
        category: 2,
        from: Some((2026, 7, 25)),
    },
    cat("54", 3),
    cat("55", 3),
    cat("82", 3),
    cat("6P", 3),
    cat("N7", 3),
];

/// The Visa category of `code` on `day` (4 when no category 1-3 edition is in force).
pub fn visa_category(code: &str, day: NaiveDate) -> u8 {
    VISA_CATEGORIES
        .iter()
        .filter(|c| c.code.eq_ignore_ascii_case(code))
        .filter(|c| match c.from {
            None => true,
            Some((y, m, d)) => NaiveDate::from_ymd_opt(y, m, d).is_some_and(|from| day >= from),
        })
        .map(|c| c.category)
        .min()
        .unwrap_or(4)
}

/// Whether `code`'s Visa category depends on the date.
pub fn is_dated(code: &str) -> bool {
    VISA_CATEGORIES
        .iter()
        .any(|c| c.from.is_some() && c.code.eq_ignore_ascii_case(code))
}

/// What a Mastercard merchant advice code says about retrying.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Advice {
    /// Update the credential (account updater), then retry.
    UpdateCredential,
    /// Cannot approve now: later.
    Later,
    /// Never retry: a fee on each resubmission within 30 days.
    DoNotTryAgain,
    /// Token requirements not fulfilled: fix the data.
    FixData,
    /// The cardholder cancelled the recurring payment.
    StopRecurring,
    /// Not before this many minutes after the decline.
    RetryAfterMinutes(u32),
    /// Informational only.
    Informational,
}

/// Mastercard merchant advice codes (MAC) → advice. The Mastercard namespace only: other
/// processors number their advice codes differently (Rapyd, Cybersource).
pub const MASTERCARD_ADVICE_CODES: &[(&str, Advice)] = &[
    ("01", Advice::UpdateCredential),
    ("02", Advice::Later),
    ("03", Advice::DoNotTryAgain),
    ("04", Advice::FixData),
    ("05", Advice::Informational),
    ("21", Advice::StopRecurring),
    ("22", Advice::Informational),
    ("24", Advice::RetryAfterMinutes(60)),
    ("25", Advice::RetryAfterMinutes(24 * 60)),
    ("26", Advice::RetryAfterMinutes(2 * 24 * 60)),
    ("27", Advice::RetryAfterMinutes(4 * 24 * 60)),
    ("28", Advice::RetryAfterMinutes(6 * 24 * 60)),
    ("29", Advice::RetryAfterMinutes(8 * 24 * 60)),
    ("30", Advice::RetryAfterMinutes(10 * 24 * 60)),
    ("40", Advice::Informational),
    ("41", Advice::Informational),
    ("43", Advice::Informational),
];

/// Stripe `advice_code` → class.
pub const STRIPE_ADVICE_CODES: &[(&str, DeclineClass)] = &[
    ("confirm_card_data", DeclineClass::FixCardData),
    ("do_not_try_again", DeclineClass::NeverRetry),
    ("try_again_later", DeclineClass::RetryLater),
];

/// The entry of `code` in `table`, exact match (codes are case-sensitive identifiers;
/// network codes are compared without regard to ASCII case).
pub fn find<T: Copy>(table: &[(&'static str, T)], code: &str) -> Option<T> {
    table
        .iter()
        .find(|(c, _)| c.eq_ignore_ascii_case(code))
        .map(|(_, v)| *v)
}

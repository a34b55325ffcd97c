//! The vocabulary of declines, shared by the code tables, the store's section, the
//! sentences and `payment.explain_decline`: the normalized reason, its class, the next
//! step, how one code was read, and the sentences of a language list.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

/// Sentences written `[en, pt-BR, es, el]`.
pub(crate) type Sentences = [&'static str; 4];

/// A normalized decline reason.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DeclineReason {
    /// The issuer wants 3-D Secure / strong customer authentication.
    AuthenticationRequired,
    /// The issuer declined without saying why (do not honor, generic decline).
    IssuerDeclined,
    /// The card cannot be used for this purchase (type, currency, merchant).
    NotPermitted,
    /// An amount, count or velocity limit of the card was reached.
    LimitExceeded,
    /// The same amount was just charged to the same card.
    DuplicateTransaction,
    /// The card has expired.
    ExpiredCard,
    /// The issuer or processor suspects fraud (risk).
    FraudSuspected,
    /// The card number is wrong.
    InvalidCardNumber,
    /// The security code (CVC/CVV2) is wrong.
    IncorrectCvc,
    /// The expiry date is wrong.
    InvalidExpiry,
    /// The billing address or postal code does not match.
    IncorrectAddress,
    /// The PIN is wrong or its tries ran out.
    IncorrectPin,
    /// Not enough funds or credit.
    InsufficientFunds,
    /// The account behind the card is closed or invalid.
    AccountClosed,
    /// The issuer has new card details (account updater).
    NewAccountInformation,
    /// The amount is invalid or over the card's limit.
    InvalidAmount,
    /// The issuer could not be reached.
    IssuerUnavailable,
    /// A processing error on the way.
    ProcessingError,
    /// A temporary refusal: try again later.
    TryAgainLater,
    /// The card was reported lost (risk).
    LostCard,
    /// The card was reported stolen (risk).
    StolenCard,
    /// The card is blocked: pick up, restricted, security violation (risk).
    CardBlocked,
    /// The card matches the store's own blocklist (risk).
    Blocklisted,
    /// The cardholder stopped this recurring payment (stop payment, revocation).
    StopPayment,
    /// A test card was used in live mode.
    TestCard,
    /// The payment was cancelled before it completed.
    Cancelled,
    /// The processor blocked the attempt to avoid excessive-retry fees.
    ExcessiveRetries,
    /// No table knows the code.
    Unknown,
}

impl DeclineReason {
    /// Whether the reason is a risk reason, shown to the customer as a generic decline by
    /// default (Stripe: present as `generic_decline`; Adyen: do not expose it).
    pub fn is_risk(self) -> bool {
        matches!(
            self,
            Self::FraudSuspected
                | Self::LostCard
                | Self::StolenCard
                | Self::CardBlocked
                | Self::Blocklisted
        )
    }

    /// Whether the reason says nothing specific.
    pub(super) fn is_generic(self) -> bool {
        matches!(self, Self::IssuerDeclined | Self::Unknown)
    }

    /// The class a reason has when no network rule or advice code decides.
    pub fn class(self) -> DeclineClass {
        use DeclineReason as R;
        match self {
            R::ExpiredCard | R::FraudSuspected | R::LostCard | R::StolenCard | R::CardBlocked => {
                DeclineClass::NeverRetry
            }
            R::Blocklisted | R::StopPayment | R::AccountClosed | R::NotPermitted => {
                DeclineClass::NeverRetry
            }
            R::InvalidCardNumber
            | R::IncorrectCvc
            | R::InvalidExpiry
            | R::IncorrectAddress
            | R::NewAccountInformation => DeclineClass::FixCardData,
            R::AuthenticationRequired
            | R::IssuerDeclined
            | R::IncorrectPin
            | R::InvalidAmount
            | R::TestCard
            | R::Cancelled
            | R::DuplicateTransaction => DeclineClass::CustomerAction,
            R::InsufficientFunds | R::LimitExceeded | R::TryAgainLater | R::ExcessiveRetries => {
                DeclineClass::RetryLater
            }
            R::IssuerUnavailable | R::ProcessingError => DeclineClass::Technical,
            R::Unknown => DeclineClass::CustomerAction,
        }
    }

    /// What to do next about a reason.
    pub(super) fn next_step(self, class: DeclineClass) -> NextStep {
        use DeclineReason as R;
        match (self, class) {
            (R::StopPayment, _) => NextStep::StopRecurring,
            (R::AuthenticationRequired, _) => NextStep::Authenticate,
            (R::DuplicateTransaction, _) => NextStep::CheckForDuplicate,
            (R::NewAccountInformation, _) => NextStep::UpdateCard,
            // The same credential is never retried unchanged; a corrected one may be.
            (
                R::InvalidCardNumber | R::IncorrectCvc | R::InvalidExpiry | R::IncorrectAddress,
                _,
            ) => NextStep::FixCardData,
            (_, DeclineClass::FixCardData) => NextStep::FixCardData,
            (_, DeclineClass::NeverRetry) => NextStep::UseAnotherMethod,
            (_, DeclineClass::Technical) => NextStep::RetryShortly,
            (R::InsufficientFunds | R::LimitExceeded, _) => NextStep::RetryLaterOrAnotherMethod,
            (_, DeclineClass::RetryLater) => NextStep::RetryLater,
            (_, DeclineClass::CustomerAction) => NextStep::ContactIssuer,
        }
    }
}

/// What can be done about a decline.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum DeclineClass {
    /// Never charge this card again for it.
    NeverRetry,
    /// Retry later (not before `not_before` when one is given).
    RetryLater,
    /// Retry only once the card data is corrected or updated.
    FixCardData,
    /// The customer must act: authenticate, call the issuer, choose another method.
    CustomerAction,
    /// A technical failure on the way: retry shortly.
    Technical,
}

/// The next step of a decline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum NextStep {
    /// Pay with another method or card.
    UseAnotherMethod,
    /// Re-run the payment with 3-D Secure.
    Authenticate,
    /// Correct the card number, expiry, security code or address.
    FixCardData,
    /// Take the card's new details (account updater) and retry.
    UpdateCard,
    /// The customer calls the issuer.
    ContactIssuer,
    /// Retry later.
    RetryLater,
    /// Retry later or pay another way.
    RetryLaterOrAnotherMethod,
    /// Retry in a moment.
    RetryShortly,
    /// Look for a payment that already went through before charging again.
    CheckForDuplicate,
    /// Stop the recurring charge and talk to the customer.
    StopRecurring,
}

/// How one code of the request was read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct CodeReading {
    /// The table it was read in, such as `visa.response_code`.
    pub table: &'static str,
    /// The code as given.
    pub code: String,
    /// Whether the table has it.
    pub known: bool,
    /// Its reason, when the table gives one.
    pub reason: Option<DeclineReason>,
    /// The document the table restates.
    pub source: &'static str,
    /// Its edition.
    pub edition: &'static str,
}

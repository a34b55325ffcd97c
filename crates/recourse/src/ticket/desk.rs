//! What a desk defines in its catalogue: its categories and intake questions (their texts
//! and the facts that answer them), and how a customer paid (one of those facts).

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use super::ids::Category;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;

/// How a customer paid.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum PaymentMethod {
    /// A credit or debit card.
    Card,
    /// Pix (Brazil).
    Pix,
    /// Boleto bancário (Brazil).
    Boleto,
    /// A digital wallet: PayPal, Apple Pay, Google Pay.
    Wallet,
    /// A bank transfer (SEPA, say).
    BankTransfer,
    /// Anything else.
    Other,
}

/// A fact of a first contact that answers a question, or makes it moot.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Fact {
    /// The payment method is known.
    PaymentMethod,
    /// The amount is known.
    Amount,
    /// Moot unless the customer paid by card (card digits).
    CardPayment,
    /// Moot unless the customer paid by Pix.
    PixPayment,
    /// Moot unless the customer paid by boleto.
    BoletoPayment,
    /// Moot unless the customer paid with a digital wallet.
    WalletPayment,
    /// The payment's instant is known (`paid_at`).
    PaidAt,
}

impl Fact {
    /// Whether the facts answer the question or make it moot.
    pub(crate) fn answers(
        self,
        method: Option<PaymentMethod>,
        amount_known: bool,
        paid_at_known: bool,
    ) -> bool {
        let not = |m: PaymentMethod| method.is_some_and(|have| have != m);
        match self {
            Self::PaymentMethod => method.is_some(),
            Self::Amount => amount_known,
            Self::CardPayment => not(PaymentMethod::Card),
            Self::PixPayment => not(PaymentMethod::Pix),
            Self::BoletoPayment => not(PaymentMethod::Boleto),
            Self::WalletPayment => not(PaymentMethod::Wallet),
            Self::PaidAt => paid_at_known,
        }
    }
}

/// `tickets.categories.<id>`: a category of the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CategoryDef {
    /// The category as the customer reads it after "about", per language (a clarifying
    /// question offers it as a choice).
    #[serde(default)]
    pub label: BTreeMap<Locale, String>,
    /// The class of the built-in triage model that reads it (one of the built-in
    /// categories); without one, only the store's vocabulary recognises it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model_class: Option<Category>,
    /// The stage of the disputes capability a ticket of this category may lead to, whose
    /// dated clock says by when (Pix MED's infraction notice: `{ network = "pix_med", stage
    /// = "med_notice" }`). A first contact that gives the payment's instant is told whether
    /// that window is still open.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispute: Option<DisputeLink>,
}

/// `tickets.categories.<id>.dispute`: a network and a stage of the disputes capability, by
/// their names (`dispute.deadline`'s `network` and `stage`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DisputeLink {
    /// The network (`pix_med`).
    pub network: String,
    /// The stage (`med_notice`).
    pub stage: String,
}

/// `tickets.questions.<id>`: an intake question of the desk.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct QuestionDef {
    /// The question per language.
    #[serde(default)]
    pub text: BTreeMap<Locale, String>,
    /// The fact of a first contact that answers it, or makes it moot.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answered_by: Option<Fact>,
    /// Whether it asks for a secret: a password, a PIN, a one-time code, a CVV or a whole
    /// card number. An intake never asks one: listing it is a configuration error.
    #[serde(default)]
    pub secret: bool,
}

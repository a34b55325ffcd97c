//! The ticket sections of the configuration: the desk's categories and questions, intake
//! questions per category, the priority rules of triage, and the follow-up rules.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::desk::{CategoryDef, PaymentMethod, QuestionDef};
use super::follow_up_rules::FollowUpConfig;
use super::ids::Question;
use super::model::{Category, Channel, Priority, Tier};
use crate::money::Money;

/// `tickets`: everything about tickets a store decides.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketsConfig {
    /// The desk's categories by id (`[tickets.categories.top_up_failed]`), which replace the
    /// built-in payment categories; those when empty. A desk that lists its own has
    /// `other`, the category of everything else.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub categories: BTreeMap<Category, CategoryDef>,
    /// The desk's own intake questions by id (`[tickets.questions.transfer_receipt]`), on top
    /// of the built-in ones (a built-in id replaces that question).
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub questions: BTreeMap<Question, QuestionDef>,
    /// The questions to ask on a first contact, per category, in the order to ask them
    /// (`intake.charged_twice = ["charge_dates", "charge_amounts", "card_last4"]`).
    #[serde(default)]
    pub intake: BTreeMap<Category, Vec<Question>>,
    /// How triage sets priority.
    #[serde(default)]
    pub triage: TriageConfig,
    /// How solved tickets are followed up.
    #[serde(default)]
    pub follow_up: FollowUpConfig,
}

/// `tickets.triage`: how a first message is read, and a decision table for priority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageConfig {
    /// The priority when no rule holds.
    #[serde(default)]
    pub default_priority: Priority,
    /// The rules; every rule that holds is a reason and the highest priority wins.
    #[serde(default)]
    pub rules: Vec<PriorityRule>,
    /// Below this confidence (per mille) in the category read from a first message, triage
    /// asks the customer to choose between the two likely categories; 0 never asks.
    #[serde(default)]
    pub confidence_threshold: u16,
    /// The store's own words for categories, on top of the built-in model: each match adds
    /// its weight to its category, or decides the category outright.
    #[serde(default)]
    pub vocabulary: Vec<VocabularyRule>,
}

/// Words of a store that point to a category (`tickets.triage.vocabulary`). A term matches
/// when the message has its words in that order, read as the message is read (case, accents,
/// repeated letters and stems aside; a negated word does not match).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct VocabularyRule {
    /// The id the trace cites.
    pub id: String,
    /// The category the words point to.
    pub category: Category,
    /// The words or phrases, in any of the customer languages.
    pub terms: Vec<String>,
    /// What one matching term adds to the category's score, in 64ths of a bit (64 doubles
    /// the odds; negative weights speak against it).
    #[serde(default = "default_weight")]
    pub weight: i32,
    /// Whether a match decides the category outright (the first deciding rule that matches
    /// wins), instead of adding to the model's score.
    #[serde(default)]
    pub decides: bool,
}

fn default_weight() -> i32 {
    256
}

/// One priority rule. A rule holds when all its conditions hold; an empty list or an absent
/// flag is no condition.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct PriorityRule {
    /// The id reasons cite.
    pub id: String,
    /// The priority it asks for.
    pub priority: Priority,
    /// The category is one of these.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The channel is one of these.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// The tier is one of these.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// The payment method is known and one of these.
    #[serde(default)]
    pub payment_methods: Vec<PaymentMethod>,
    /// Whether the customer mentions a chargeback.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions_chargeback: Option<bool>,
    /// Whether the customer mentions complaining to their bank.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub mentions_bank_complaint: Option<bool>,
    /// Whether this is a repeat contact.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub repeat_contact: Option<bool>,
    /// The amount is at least one of these, in its currency.
    #[serde(default)]
    pub min_amount: Vec<Money>,
}

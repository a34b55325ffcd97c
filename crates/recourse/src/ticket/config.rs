//! The ticket sections of the configuration: the desk's categories and questions, intake
//! questions per category, the priority rules of triage, and the follow-up rules.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::catalogue::{CategoryDef, QuestionDef};
use super::follow_up::FollowUpConfig;
use super::ids::Question;
use super::model::{Category, Channel, Priority, Tier};
use crate::error::ConfigError;
use crate::money::Money;
use crate::sort::repeated;
use crate::Error;

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

/// Every problem of the ticket sections, each with its path.
pub(crate) fn problems(config: &TicketsConfig) -> Vec<Error> {
    let mut out = Vec::new();
    super::names::problems(config, &mut out);
    for (category, questions) in &config.intake {
        for (i, repeated) in repeated(questions).into_iter().enumerate() {
            if repeated {
                out.push(invalid(
                    "a question appears twice in the list",
                    format!("tickets.intake.{}[{i}]", category.as_str()),
                ));
            }
        }
    }
    let ids: Vec<&str> = config.triage.rules.iter().map(|r| r.id.as_str()).collect();
    let ids = repeated(&ids);
    for (i, rule) in config.triage.rules.iter().enumerate() {
        let path = format!("tickets.triage.rules[{i}]");
        check_id(&rule.id, ids.get(i) == Some(&true), &path, &mut out);
        let currencies: Vec<&str> = rule
            .min_amount
            .iter()
            .map(|m| m.currency().code())
            .collect();
        for (j, repeated) in repeated(&currencies).into_iter().enumerate() {
            if repeated {
                out.push(invalid(
                    "one minimum amount per currency",
                    format!("{path}.min_amount[{j}]"),
                ));
            }
        }
    }
    vocabulary_problems(&config.triage, &mut out);
    let ids: Vec<&str> = config
        .follow_up
        .rules
        .iter()
        .map(|r| r.id.as_str())
        .collect();
    let ids = repeated(&ids);
    for (i, rule) in config.follow_up.rules.iter().enumerate() {
        check_id(
            &rule.id,
            ids.get(i) == Some(&true),
            &format!("tickets.follow_up.rules[{i}]"),
            &mut out,
        );
    }
    out
}

/// Every problem of `tickets.triage`'s threshold and vocabulary.
fn vocabulary_problems(triage: &TriageConfig, out: &mut Vec<Error>) {
    if triage.confidence_threshold > 1000 {
        out.push(invalid(
            "a confidence is per mille: at most 1000",
            "tickets.triage.confidence_threshold".to_owned(),
        ));
    }
    let ids: Vec<&str> = triage.vocabulary.iter().map(|r| r.id.as_str()).collect();
    let ids = repeated(&ids);
    for (i, rule) in triage.vocabulary.iter().enumerate() {
        let path = format!("tickets.triage.vocabulary[{i}]");
        check_id(&rule.id, ids.get(i) == Some(&true), &path, out);
        if rule.terms.is_empty() {
            out.push(invalid(
                "expected at least one term",
                format!("{path}.terms"),
            ));
        }
        for (j, term) in rule.terms.iter().enumerate() {
            if !super::triage::readable(term) {
                out.push(invalid(
                    "the term has no word triage reads (only common words, digits or punctuation)",
                    format!("{path}.terms[{j}]"),
                ));
            }
        }
        if !(-4096..=4096).contains(&rule.weight) {
            out.push(invalid(
                "a weight is between -4096 and 4096 (64ths of a bit)",
                format!("{path}.weight"),
            ));
        }
    }
}

/// `repeated`: an earlier rule has the same id.
fn check_id(id: &str, repeated: bool, path: &str, out: &mut Vec<Error>) {
    if id.trim().is_empty() {
        out.push(invalid(
            "expected a non-empty rule id",
            format!("{path}.id"),
        ));
    } else if repeated {
        out.push(invalid("rule ids must be unique", format!("{path}.id")));
    }
}

pub(crate) fn invalid(detail: &str, path: String) -> Error {
    Error::new(ConfigError::invalid(detail), path)
}

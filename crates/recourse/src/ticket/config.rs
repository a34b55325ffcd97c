//! The ticket sections of the configuration: intake questions per category, the priority
//! rules of triage, and the follow-up rules.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::follow_up::FollowUpConfig;
use super::model::{Category, Channel, Priority, Tier};
use super::triage::Question;
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

/// `tickets.triage`: a decision table for priority.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageConfig {
    /// The priority when no rule holds.
    #[serde(default)]
    pub default_priority: Priority,
    /// The rules; every rule that holds is a reason and the highest priority wins.
    #[serde(default)]
    pub rules: Vec<PriorityRule>,
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

fn invalid(detail: &str, path: String) -> Error {
    Error::new(ConfigError::invalid(detail), path)
}

//! `ticket.triage`: from a first contact's facts, the category and priority with their
//! reasons, and the intake questions still unanswered, so the first contact can resolve it.
//!
//! The category is read from the first message when the host does not give it: the message
//! is normalized as people write it (`normalize`), every category is scored by a small model
//! trained on a labeled corpus (`model`, `scripts/train-triage.py`, `data/triage/`) with the
//! store's own vocabulary on top (`tickets.triage.vocabulary`), and the answer names the
//! evidence, the runner-up and the confidence; below `tickets.triage.confidence_threshold`
//! it carries a clarifying question instead of a silent guess (`reading`).
//!
//! Priority is a decision table from the configuration (`tickets.triage.rules`) with the
//! "maximum" hit policy: every rule whose conditions all hold is a reason, and the highest
//! priority among them wins (`tickets.triage.default_priority` when none holds).

mod clarify;
mod keywords;
mod lexicon;
mod model;
#[rustfmt::skip]
mod model_data;
mod normalize;
mod packed;
mod reading;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

pub(crate) use normalize::readable;
#[cfg(feature = "dispute")]
mod window;

pub use reading::{Choice, Clarification, TextReading, Vocabulary};

use super::catalogue;
use super::config::{PriorityRule, TicketsConfig};
use super::desk::PaymentMethod;
use super::ids::Question;
use super::model::{Category, Channel, Priority, Tier};
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::money::Money;
use crate::ops::Context;
use crate::ops::Operation;
use crate::receipt::Trace;
use crate::Error;

/// `ticket.triage`.
#[derive(Debug, Clone, Copy)]
pub struct Triage;

/// The facts of a first contact.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TriageRequest {
    /// Where the customer wrote from.
    pub channel: Channel,
    /// The category, when the host knows it (a contact form's choice, say).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<Category>,
    /// The customer's first message, read for its category when the category is not given.
    /// It is never echoed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
    /// The amount at stake.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// How the customer paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub payment_method: Option<PaymentMethod>,
    /// The customer's standing.
    #[serde(default)]
    pub tier: Tier,
    /// The customer's language; the store's default when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
    /// Whether the customer mentions a chargeback or disputing the charge.
    #[serde(default)]
    pub mentions_chargeback: bool,
    /// Whether the customer mentions complaining to their bank.
    #[serde(default)]
    pub mentions_bank_complaint: bool,
    /// Whether the customer has contacted the store about this before.
    #[serde(default)]
    pub repeat_contact: bool,
    /// Intake questions the customer has already answered.
    #[serde(default)]
    pub answered: Vec<Question>,
    /// When the payment the contact is about was made (the Pix's instant, say). With a
    /// category linked to a dispute stage (`tickets.categories.<id>.dispute`), the answer
    /// says whether that stage's window is still open; `now` is then required.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paid_at: Option<Timestamp>,
    /// The instant the window is read at.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub now: Option<Timestamp>,
}

/// Why a category was chosen.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CategorySource {
    /// The host gave it.
    Given,
    /// The customer mentions a chargeback.
    ChargebackMentioned,
    /// The words of the first message: the model's terms and the store's vocabulary.
    Keywords,
    /// Nothing in the message pointed anywhere: `other`.
    Default,
}

/// A rule that holds, and the priority it asks for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct PriorityReason {
    /// The rule's id in `tickets.triage.rules`.
    pub rule: String,
    /// The priority it asks for.
    pub priority: Priority,
}

/// An intake question still to ask.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct AskQuestion {
    /// The stable code.
    pub code: Question,
    /// The question in the customer's language.
    pub text: String,
}

/// The response of `ticket.triage`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct TriageResponse {
    /// The category.
    pub category: Category,
    /// Why that category.
    pub category_source: CategorySource,
    /// The priority: the highest asked for by a matching rule.
    pub priority: Priority,
    /// Every rule that holds, in configuration order; empty when the default applies.
    pub priority_reasons: Vec<PriorityReason>,
    /// Whether a chargeback is mentioned (given, or read in the text).
    pub chargeback_risk: bool,
    /// Whether a complaint to the bank is mentioned (given, or read in the text).
    pub bank_complaint: bool,
    /// The intake questions of the category not yet answered, in the customer's language.
    pub questions: Vec<AskQuestion>,
    /// The language of the questions.
    pub locale: Locale,
    /// How the first message was read: the confidence, the runner-up, the evidence, and a
    /// clarifying question when unsure. Present when the category comes from the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reading: Option<TextReading>,
    /// With `paid_at` and a category linked to a dispute stage: whether its window is
    /// still open, its deadline and the rule, from the disputes capability's clocks.
    #[cfg(feature = "dispute")]
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub dispute_window: Option<crate::dispute::StageWindow>,
}

/// The facts the priority rules look at, after reading the text.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Facts<'a> {
    pub category: &'a Category,
    pub channel: Channel,
    pub tier: Tier,
    pub payment_method: Option<PaymentMethod>,
    pub amount: Option<&'a Money>,
    pub chargeback: bool,
    pub bank_complaint: bool,
    pub repeat_contact: bool,
}

/// Triage of a first contact against a store's ticket configuration. The store's vocabulary
/// is read on each call; [`triage_with`] takes it read once (as the engine does).
pub fn triage(
    config: &TicketsConfig,
    default_locale: Locale,
    request: &TriageRequest,
) -> TriageResponse {
    triage_with(
        config,
        &Vocabulary::compile(&config.triage),
        default_locale,
        request,
    )
}

/// Triage of a first contact, with the store's vocabulary already read
/// ([`Vocabulary::compile`] of `config.triage`).
pub fn triage_with(
    config: &TicketsConfig,
    vocabulary: &Vocabulary,
    default_locale: Locale,
    request: &TriageRequest,
) -> TriageResponse {
    let mentions = request
        .text
        .as_deref()
        .map(keywords::read)
        .unwrap_or_default();
    let chargeback = request.mentions_chargeback || mentions.chargeback;
    let bank_complaint = request.mentions_bank_complaint || mentions.bank_complaint;
    let locale = request.locale.unwrap_or(default_locale);
    let (category, category_source, reading) = categorize(
        config,
        vocabulary,
        request,
        chargeback,
        locale,
        default_locale,
    );
    let facts = Facts {
        category: &category,
        channel: request.channel,
        tier: request.tier,
        payment_method: request.payment_method,
        amount: request.amount.as_ref(),
        chargeback,
        bank_complaint,
        repeat_contact: request.repeat_contact,
    };
    let priority_reasons: Vec<PriorityReason> = config
        .triage
        .rules
        .iter()
        .filter(|rule| holds(rule, &facts))
        .map(|rule| PriorityReason {
            rule: rule.id.clone(),
            priority: rule.priority,
        })
        .collect();
    let priority = priority_reasons
        .iter()
        .map(|r| r.priority)
        .max()
        .unwrap_or(config.triage.default_priority);
    let questions = unanswered(config, &facts, request)
        .map(|code| AskQuestion {
            text: catalogue::question_text(config, &code, locale, default_locale),
            code,
        })
        .collect();
    TriageResponse {
        category,
        category_source,
        priority,
        priority_reasons,
        chargeback_risk: chargeback,
        bank_complaint,
        questions,
        locale,
        reading,
        #[cfg(feature = "dispute")]
        dispute_window: None,
    }
}

/// The category and where it comes from: given, a chargeback mentioned (when the desk has
/// `dispute_or_chargeback`), or read from the first message.
fn categorize(
    config: &TicketsConfig,
    vocabulary: &Vocabulary,
    request: &TriageRequest,
    chargeback: bool,
    locale: Locale,
    default_locale: Locale,
) -> (Category, CategorySource, Option<TextReading>) {
    if let Some(c) = &request.category {
        return (c.clone(), CategorySource::Given, None);
    }
    if chargeback && catalogue::has_category(config, &Category::DisputeOrChargeback) {
        return (
            Category::DisputeOrChargeback,
            CategorySource::ChargebackMentioned,
            None,
        );
    }
    match request
        .text
        .as_deref()
        .and_then(|text| reading::read(config, vocabulary, text, locale, default_locale))
    {
        Some((c, reading)) => (c, CategorySource::Keywords, Some(reading)),
        None => (Category::Other, CategorySource::Default, None),
    }
}

/// The first category or question of a request the desk does not have, as an input error
/// at its path, with the likeliest one meant.
fn unknown_names(config: &TicketsConfig, request: &TriageRequest) -> Result<(), Error> {
    let input = |detail: String, path: String| {
        Error::new(crate::error::InputError::Invalid { detail }, path)
    };
    if let Some(c) = request
        .category
        .as_ref()
        .filter(|c| !catalogue::has_category(config, c))
    {
        let known = catalogue::categories(config);
        let known: Vec<&str> = known.iter().map(Category::as_str).collect();
        let hint = super::names::unknown("category", c.as_str(), &known, String::new());
        return Err(input(hint.message(), "category".to_owned()));
    }
    for (i, q) in request.answered.iter().enumerate() {
        if !catalogue::has_question(config, q) {
            let known = catalogue::question_ids(config);
            let hint = super::names::unknown("question", q.as_str(), &known, String::new());
            return Err(input(hint.message(), format!("answered[{i}]")));
        }
    }
    Ok(())
}

/// Whether every condition of a rule holds.
fn holds(rule: &PriorityRule, facts: &Facts<'_>) -> bool {
    let within = |list_empty: bool, found: bool| list_empty || found;
    let flag = |want: Option<bool>, have: bool| match want {
        None => true,
        Some(w) => w == have,
    };
    within(
        rule.categories.is_empty(),
        rule.categories.contains(facts.category),
    ) && within(
        rule.channels.is_empty(),
        rule.channels.contains(&facts.channel),
    ) && within(rule.tiers.is_empty(), rule.tiers.contains(&facts.tier))
        && within(
            rule.payment_methods.is_empty(),
            facts
                .payment_method
                .is_some_and(|m| rule.payment_methods.contains(&m)),
        )
        && flag(rule.mentions_chargeback, facts.chargeback)
        && flag(rule.mentions_bank_complaint, facts.bank_complaint)
        && flag(rule.repeat_contact, facts.repeat_contact)
        && within(
            rule.min_amount.is_empty(),
            facts.amount.is_some_and(|a| {
                rule.min_amount
                    .iter()
                    .any(|m| m.currency() == a.currency() && a.amount() >= m.amount())
            }),
        )
}

/// The category's intake questions that neither the customer nor the facts have answered.
fn unanswered<'a>(
    config: &'a TicketsConfig,
    facts: &'a Facts<'a>,
    request: &'a TriageRequest,
) -> impl Iterator<Item = Question> + 'a {
    config
        .intake
        .get(facts.category)
        .into_iter()
        .flatten()
        .filter(move |q| {
            !request.answered.contains(q)
                && !catalogue::answered_by(config, q).is_some_and(|f| {
                    let paid_at = request.paid_at.is_some();
                    f.answers(facts.payment_method, facts.amount.is_some(), paid_at)
                })
        })
        .cloned()
}

/// The trace of a reading: confidence, runner-up, evidence, rules, and whether it asks.
fn describe(reading: &TextReading) -> String {
    let mut out = format!(
        "confidence {}‰ over {}; evidence: {}",
        reading.confidence,
        reading.runner_up.as_str(),
        if reading.evidence.is_empty() {
            "none".to_owned()
        } else {
            reading.evidence.join(", ")
        }
    );
    if !reading.rules.is_empty() {
        out.push_str(&format!("; vocabulary: {}", reading.rules.join(", ")));
    }
    if reading.clarify.is_some() {
        out.push_str("; below the threshold: ask the customer");
    }
    out
}

impl Operation for Triage {
    const NAME: &'static str = "ticket.triage";
    const SUMMARY: &'static str =
        "category, priority with reasons, and the intake questions still to ask on a first contact";
    type Capability = crate::ticket::TicketCapability;
    type Request = TriageRequest;
    type Response = TriageResponse;

    fn run(
        cx: &Context<'_, crate::ticket::TicketCapability>,
        request: &TriageRequest,
        trace: &mut Trace,
    ) -> Result<TriageResponse, Error> {
        unknown_names(&cx.section().config, request)?;
        #[allow(unused_mut)] // a build without disputes adds no window
        let mut out = triage_with(
            &cx.section().config,
            &cx.section().vocabulary,
            cx.services().default_locale(),
            request,
        );
        trace.push(
            "triage.category",
            format!(
                "{} ({})",
                out.category.as_str(),
                match out.category_source {
                    CategorySource::Given => "given by the host",
                    CategorySource::ChargebackMentioned => "the customer mentions a chargeback",
                    CategorySource::Keywords => "the words of the first message",
                    CategorySource::Default => "nothing pointed to a category",
                }
            ),
        );
        if let Some(reading) = &out.reading {
            trace.push("triage.reading", describe(reading));
        }
        let rules: Vec<String> = out
            .priority_reasons
            .iter()
            .map(|r| format!("{}={}", r.rule, r.priority.as_str()))
            .collect();
        trace.push(
            "triage.priority",
            if rules.is_empty() {
                format!("no rule holds: default {}", out.priority.as_str())
            } else {
                format!(
                    "highest of the rules that hold ({}): {}",
                    rules.join(", "),
                    out.priority.as_str()
                )
            },
        );
        let codes: Vec<&str> = out.questions.iter().map(|q| q.code.as_str()).collect();
        trace.push(
            "triage.intake",
            format!(
                "{} question(s) still to ask for {}: {}",
                codes.len(),
                out.category.as_str(),
                if codes.is_empty() {
                    "none".to_owned()
                } else {
                    codes.join(", ")
                }
            ),
        );
        #[cfg(feature = "dispute")]
        {
            out.dispute_window = window::dispute_window(cx, request, &out, trace)?;
        }
        Ok(out)
    }

    fn now(request: &TriageRequest) -> Option<&Timestamp> {
        request.now.as_ref()
    }

    /// The digest covers the first message redacted.
    fn digest_input(
        request: &TriageRequest,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        let options = crate::privacy::Options::default();
        crate::canonical::encode(&TriageRequest {
            text: request
                .text
                .as_deref()
                .map(|t| crate::privacy::redact(t, &options).text),
            ..request.clone()
        })
    }
}

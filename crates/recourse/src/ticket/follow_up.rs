//! `ticket.follow_up`: after a ticket is solved, when and how to follow up, and which
//! satisfaction survey to send. The first rule of `tickets.follow_up.rules` whose category
//! and channel match applies.

use chrono::Duration;
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::event::Event;
use super::model::{Category, Channel};
use super::replay::replay;
use super::{TicketError, TicketState};
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::error::InputError;
use crate::ops::Context;
use crate::ops::Operation;
use crate::receipt::Trace;
use crate::Error;

/// `tickets.follow_up`: first matching rule wins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpConfig {
    /// The rules, in order.
    #[serde(default)]
    pub rules: Vec<FollowUpRule>,
}

/// One follow-up rule.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRule {
    /// The id answers cite.
    pub id: String,
    /// The category is one of these (any when empty).
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The ticket's channel is one of these (any when empty).
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Hours after the ticket was solved, in calendar time.
    pub after_hours: u32,
    /// The channel to follow up through; the ticket's own when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub via: Option<Channel>,
    /// What the follow-up checks.
    pub purpose: Purpose,
    /// The satisfaction survey to send.
    pub survey: Survey,
}

/// What a follow-up checks with the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Purpose {
    /// That the refund reached the customer's account.
    ConfirmRefundArrived,
    /// That the duplicate charge is gone from the statement.
    ConfirmDuplicateReversed,
    /// That a retried payment went through.
    ConfirmPaymentCompleted,
    /// Whether the bank has closed the dispute.
    DisputeOutcome,
    /// That everything is sorted out.
    ConfirmResolved,
}

impl Purpose {
    /// The message to the customer.
    pub fn text(self, locale: Locale) -> &'static str {
        let texts = match self {
            Self::ConfirmRefundArrived => [
                "We are checking in: has your refund reached your account?",
                "Passando para confirmar: o seu reembolso já apareceu na sua conta?",
                "Te escribimos para confirmar: ¿ya ves el reembolso en tu cuenta?",
                "Επικοινωνούμε για να επιβεβαιώσουμε: έχει εμφανιστεί η επιστροφή χρημάτων στον λογαριασμό σας;",
            ],
            Self::ConfirmDuplicateReversed => [
                "Has the duplicate charge disappeared from your statement?",
                "A cobrança duplicada já sumiu da sua fatura?",
                "¿Ya desapareció el cargo duplicado de tu extracto?",
                "Έχει αφαιρεθεί η διπλή χρέωση από την κατάστασή σας;",
            ],
            Self::ConfirmPaymentCompleted => [
                "Did your payment go through this time?",
                "O seu pagamento foi concluído desta vez?",
                "¿Se completó tu pago esta vez?",
                "Ολοκληρώθηκε η πληρωμή σας αυτή τη φορά;",
            ],
            Self::DisputeOutcome => [
                "Has your bank closed the dispute on this charge?",
                "O seu banco já encerrou a contestação desta cobrança?",
                "¿Tu banco ya cerró la disputa de este cargo?",
                "Έχει κλείσει η τράπεζά σας την αμφισβήτηση αυτής της χρέωσης;",
            ],
            Self::ConfirmResolved => [
                "Is everything sorted out now?",
                "Está tudo resolvido agora?",
                "¿Está todo resuelto ahora?",
                "Έχουν λυθεί όλα τώρα;",
            ],
        };
        locale.pick(texts)
    }
}

/// A satisfaction survey.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Survey {
    /// Customer satisfaction, 1 to 5.
    Csat,
    /// Net Promoter Score, 0 to 10.
    Nps,
    /// Customer effort score, 1 to 7.
    Ces,
    /// No survey.
    None,
}

impl Survey {
    /// The lowest and highest answer.
    pub fn scale(self) -> Option<(u8, u8)> {
        match self {
            Self::Csat => Some((1, 5)),
            Self::Nps => Some((0, 10)),
            Self::Ces => Some((1, 7)),
            Self::None => None,
        }
    }

    /// The question, in the customer's language.
    pub fn question(self, locale: Locale) -> Option<&'static str> {
        let texts = match self {
            Self::Csat => [
                "How satisfied are you with the help you received? (1 = very dissatisfied, 5 = very satisfied)",
                "Qual é o seu nível de satisfação com o atendimento que recebeu? (1 = muito insatisfeito, 5 = muito satisfeito)",
                "¿Qué tan satisfecho estás con la ayuda que recibiste? (1 = muy insatisfecho, 5 = muy satisfecho)",
                "Πόσο ικανοποιημένοι είστε από τη βοήθεια που λάβατε; (1 = καθόλου ικανοποιημένοι, 5 = πολύ ικανοποιημένοι)",
            ],
            Self::Nps => [
                "How likely are you to recommend us to a friend? (0 = not at all likely, 10 = extremely likely)",
                "Qual a probabilidade de você nos recomendar a um amigo? (0 = nada provável, 10 = extremamente provável)",
                "¿Qué probabilidad hay de que nos recomiendes a un amigo? (0 = nada probable, 10 = muy probable)",
                "Πόσο πιθανό είναι να μας προτείνετε σε έναν φίλο; (0 = καθόλου πιθανό, 10 = εξαιρετικά πιθανό)",
            ],
            Self::Ces => [
                "How easy was it to get your issue resolved? (1 = very difficult, 7 = very easy)",
                "Quão fácil foi resolver o seu problema? (1 = muito difícil, 7 = muito fácil)",
                "¿Qué tan fácil fue resolver tu problema? (1 = muy difícil, 7 = muy fácil)",
                "Πόσο εύκολο ήταν να λυθεί το πρόβλημά σας; (1 = πολύ δύσκολο, 7 = πολύ εύκολο)",
            ],
            Self::None => return None,
        };
        Some(locale.pick(texts))
    }
}

/// `ticket.follow_up`.
#[derive(Debug, Clone, Copy)]
pub struct FollowUp;

/// The request of `ticket.follow_up`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpRequest {
    /// The solved (or closed) ticket's log.
    pub log: Vec<Event>,
}

/// The survey to send, with its question in the customer's language.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SurveyPlan {
    /// Which survey.
    pub kind: Survey,
    /// The lowest answer.
    pub min: u8,
    /// The highest answer.
    pub max: u8,
    /// The question.
    pub question: String,
}

/// When and how to follow up.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct FollowUpPlan {
    /// The rule that applied.
    pub rule: String,
    /// When: the instant the ticket was solved plus the rule's hours, in the same offset.
    pub due: Timestamp,
    /// Through which channel.
    pub via: Channel,
    /// What the follow-up checks.
    pub purpose: Purpose,
    /// The message to the customer.
    pub message: String,
    /// The language of the message and the survey.
    pub locale: Locale,
    /// The survey to send, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub survey: Option<SurveyPlan>,
}

/// The response of `ticket.follow_up`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct FollowUpResponse {
    /// The plan, or `null` when no rule applies.
    pub follow_up: Option<FollowUpPlan>,
}

/// The follow-up of a solved ticket under the first matching rule.
///
/// # Errors
/// [`TicketError::NotSolved`] when the ticket has not been solved;
/// [`InputError::Invalid`] when the due instant is beyond what chrono represents;
/// [`InputError::OutOfRange`] when it lies outside the supported years
/// ([`SUPPORTED_YEARS`](crate::calendar::SUPPORTED_YEARS)), at `log`.
pub fn plan(rules: &[FollowUpRule], state: &TicketState) -> Result<Option<FollowUpPlan>, Error> {
    let solved_at = state
        .solved_at
        .ok_or_else(|| Error::new(TicketError::NotSolved, "log"))?;
    let ticket = &state.ticket;
    let Some(rule) = rules.iter().find(|r| {
        (r.categories.is_empty() || r.categories.contains(&ticket.category))
            && (r.channels.is_empty() || r.channels.contains(&ticket.channel))
    }) else {
        return Ok(None);
    };
    let due = solved_at
        .as_datetime()
        .checked_add_signed(Duration::hours(i64::from(rule.after_hours)))
        .ok_or_else(|| {
            Error::new(
                InputError::Invalid {
                    detail: "the follow-up falls outside the supported range of dates".into(),
                },
                "log",
            )
        })?;
    let due = Timestamp::from(due)
        .supported()
        .map_err(|e| Error::new(e, "log"))?;
    let locale = ticket.customer.locale;
    let survey = match (rule.survey.scale(), rule.survey.question(locale)) {
        (Some((min, max)), Some(question)) => Some(SurveyPlan {
            kind: rule.survey,
            min,
            max,
            question: question.to_owned(),
        }),
        _ => None,
    };
    Ok(Some(FollowUpPlan {
        rule: rule.id.clone(),
        due,
        via: rule.via.unwrap_or(ticket.channel),
        purpose: rule.purpose,
        message: rule.purpose.text(locale).to_owned(),
        locale,
        survey,
    }))
}

impl Operation for FollowUp {
    const NAME: &'static str = "ticket.follow_up";
    const SUMMARY: &'static str =
        "when and how to follow up a solved ticket, and which satisfaction survey to send";
    type Capability = super::TicketCapability;
    type Request = FollowUpRequest;
    type Response = FollowUpResponse;

    fn run(
        cx: &Context<'_, super::TicketCapability>,
        request: &FollowUpRequest,
        trace: &mut Trace,
    ) -> Result<FollowUpResponse, Error> {
        let state = replay(&request.log)?;
        let rules = &cx.section().config.follow_up.rules;
        let follow_up = plan(rules, &state)?;
        let hours = follow_up
            .as_ref()
            .and_then(|p| rules.iter().find(|r| r.id == p.rule))
            .map_or(0, |r| r.after_hours);
        trace.push(
            "follow_up.rule",
            match &follow_up {
                Some(p) => format!(
                    "first rule matching {} on {}: {}; due {} h after solved, at {}, via {}",
                    state.ticket.category.as_str(),
                    state.ticket.channel.as_str(),
                    p.rule,
                    hours,
                    p.due,
                    p.via.as_str()
                ),
                None => format!(
                    "no rule matches {} on {}: no follow-up",
                    state.ticket.category.as_str(),
                    state.ticket.channel.as_str()
                ),
            },
        );
        Ok(FollowUpResponse { follow_up })
    }

    /// The digest covers the log with its messages redacted.
    fn digest_input(
        request: &FollowUpRequest,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        crate::canonical::encode(&FollowUpRequest {
            log: super::redacted_log(&request.log),
        })
    }
}

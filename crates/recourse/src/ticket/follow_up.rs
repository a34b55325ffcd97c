//! `ticket.follow_up`: after a ticket is solved, when and how to follow up, and which
//! satisfaction survey to send. The first rule of `tickets.follow_up.rules` whose category
//! and channel match applies.

use chrono::Duration;
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::event::Event;
use super::model::Channel;
use super::replay::replay;
use super::{TicketError, TicketState};
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::error::InputError;
use crate::ops::Context;
use crate::ops::Operation;
use crate::receipt::Trace;
use crate::Error;

use super::follow_up_rules::{FollowUpRule, Purpose, Survey};

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

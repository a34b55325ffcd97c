//! The log as the single source of truth: a ticket's state is the fold of its events, and
//! the `ticket.apply` and `ticket.replay` operations.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::event::Event;
use super::lifecycle::{apply, Fold, FollowUpTicket, TicketState, Transition};
use super::redaction::{redact_event, redacted_log};
use super::TicketError;
use crate::ops::Context;
use crate::ops::Operation;
use crate::privacy::{Finding, Kind, Options};
use crate::receipt::Trace;
use crate::Error;

/// Folds a whole log into the ticket's state.
///
/// # Errors
/// [`TicketError::EmptyLog`] at `log` for an empty log; otherwise the first event that
/// [`apply`] refuses, at its path (`log[7]`). A customer reply after `closed` is refused too
/// ([`TicketError::Closed`]): it belongs to the follow-up ticket's log.
pub fn replay(log: &[Event]) -> Result<TicketState, Error> {
    let mut events = log.iter().enumerate();
    let mut fold = match events.next() {
        None => return Err(Error::new(TicketError::EmptyLog, "log")),
        Some((_, Event::Created { at, ticket })) => {
            Fold::open(*at, ticket).map_err(|e| Error::new(e, "log[0]"))?
        }
        Some(_) => return Err(Error::new(TicketError::NotCreated, "log[0]")),
    };
    for (i, event) in events {
        let at = |e: TicketError| Error::new(e, format!("log[{i}]"));
        if fold.advance(event).map_err(at)?.is_some() {
            return Err(at(TicketError::Closed));
        }
    }
    Ok(fold.finish())
}

/// `ticket.replay`: a ticket's state from its log.
#[derive(Debug, Clone, Copy)]
pub struct Replay;

/// The request of `ticket.replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    /// The ticket's events, oldest first, starting with `created`.
    pub log: Vec<Event>,
}

/// The response of `ticket.replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ReplayResponse {
    /// The state after the last event.
    pub state: TicketState,
}

impl Operation for Replay {
    const NAME: &'static str = "ticket.replay";
    const SUMMARY: &'static str = "a ticket's state from its append-only event log";
    type Capability = super::TicketCapability;
    type Request = ReplayRequest;
    type Response = ReplayResponse;

    fn run(
        _cx: &Context<'_, super::TicketCapability>,
        request: &ReplayRequest,
        trace: &mut Trace,
    ) -> Result<ReplayResponse, Error> {
        let state = replay(&request.log)?;
        trace.push(
            "ticket.replay",
            format!(
                "{} events folded in log order; status {}, {} reopen(s)",
                state.events,
                state.status.as_str(),
                state.reopens
            ),
        );
        Ok(ReplayResponse { state })
    }

    /// The digest covers the log with its messages redacted.
    fn digest_input(
        request: &ReplayRequest,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        crate::canonical::encode(&ReplayRequest {
            log: redacted_log(&request.log),
        })
    }
}

/// A category of an event that the desk does not have, as an input error at its path with
/// the likeliest one meant (a log replayed as it was written is not checked: its categories
/// were the desk's when they were appended).
fn unknown_category(config: &super::TicketsConfig, event: &Event) -> Result<(), Error> {
    let (category, path) = match event {
        Event::Created { ticket, .. } => (&ticket.category, "event.ticket.category"),
        Event::Reclassified {
            category: Some(c), ..
        } => (c, "event.category"),
        _ => return Ok(()),
    };
    if super::catalogue::has_category(config, category) {
        return Ok(());
    }
    let known = super::catalogue::categories(config);
    let known: Vec<&str> = known.iter().map(super::Category::as_str).collect();
    let hint = super::names::unknown("category", category.as_str(), &known, String::new());
    Err(Error::new(
        crate::error::InputError::Invalid {
            detail: hint.message(),
        },
        path,
    ))
}

/// `ticket.apply`: one event on a state.
#[derive(Debug, Clone, Copy)]
pub struct Apply;

/// The request of `ticket.apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// The state so far (from `ticket.replay` or a previous `ticket.apply`); absent before
    /// the `created` event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TicketState>,
    /// The event to apply.
    pub event: Event,
    /// Kinds of personal data to leave as written in a message's stored text. Default: none,
    /// every kind is masked before the message is stored; card numbers and security codes
    /// are always masked (`privacy.cannot_keep_card_data`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub keep: Vec<Kind>,
}

impl ApplyRequest {
    fn options(&self) -> Result<Options, Error> {
        self.keep
            .iter()
            .enumerate()
            .try_fold(Options::new(), |o, (i, kind)| {
                o.keeping(*kind)
                    .map_err(|e| Error::new(e, format!("keep[{i}]")))
            })
    }
}

/// Whether the event joined this ticket's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplyOutcome {
    /// Append the event to the log; `state` is the new state.
    Appended,
    /// Do not append it: the ticket is closed, and the customer's reply opens the follow-up
    /// ticket described in `follow_up`. `state` is unchanged.
    FollowUp,
}

/// The response of `ticket.apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ApplyResponse {
    /// What the host does with the event.
    pub outcome: ApplyOutcome,
    /// The state after the event.
    pub state: TicketState,
    /// The event as the host stores it: a message's text with personal data masked.
    pub event: Event,
    /// What was masked in a message, by kind and position (never the text found).
    pub redactions: Vec<Finding>,
    /// The follow-up ticket to open, when `outcome` is `follow_up`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpTicket>,
}

impl Operation for Apply {
    /// The digest covers the event with its message redacted.
    fn digest_input(
        request: &ApplyRequest,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        crate::canonical::encode(&ApplyRequest {
            event: redact_event(&request.event, &Options::default()).0,
            ..request.clone()
        })
    }

    const NAME: &'static str = "ticket.apply";
    const SUMMARY: &'static str =
        "apply one event to a ticket's state, or refuse it with a typed error";
    type Capability = super::TicketCapability;
    type Request = ApplyRequest;
    type Response = ApplyResponse;

    fn run(
        cx: &Context<'_, super::TicketCapability>,
        request: &ApplyRequest,
        trace: &mut Trace,
    ) -> Result<ApplyResponse, Error> {
        unknown_category(&cx.section().config, &request.event)?;
        let options = request.options()?;
        let (event, redactions) = redact_event(&request.event, &options);
        if matches!(event, Event::Message { .. }) {
            let kinds: Vec<&str> = redactions.iter().map(|f| f.kind.as_str()).collect();
            trace.push(
                "ticket.redact",
                if kinds.is_empty() {
                    "message stored as written: no personal data found".to_owned()
                } else {
                    format!("message stored with {} masked", kinds.join(", "))
                },
            );
        }
        let from = request.state.as_ref().map_or("none", |s| s.status.as_str());
        match apply(request.state.as_ref(), &request.event).map_err(|e| Error::new(e, "event"))? {
            Transition::Next(state) => {
                trace.push(
                    "ticket.transition",
                    format!(
                        "{} event: status {from} -> {}",
                        request.event.kind(),
                        state.status.as_str()
                    ),
                );
                Ok(ApplyResponse {
                    outcome: ApplyOutcome::Appended,
                    state: *state,
                    event,
                    redactions,
                    follow_up: None,
                })
            }
            Transition::FollowUp(follow_up) => {
                trace.push(
                    "ticket.follow_up_ticket",
                    "customer reply to a closed ticket: closed is final, the reply opens a follow-up ticket",
                );
                let state = request
                    .state
                    .clone()
                    .ok_or_else(|| Error::new(TicketError::NotCreated, "event"))?;
                Ok(ApplyResponse {
                    outcome: ApplyOutcome::FollowUp,
                    state,
                    event,
                    redactions,
                    follow_up: Some(follow_up),
                })
            }
        }
    }
}

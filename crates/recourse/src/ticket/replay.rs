//! The log as the single source of truth: a ticket's state is the fold of its events, and
//! the `ticket.apply` and `ticket.replay` operations.

use schemars::JsonSchema;
use serde::{Deserialize, Serialize};

use super::event::Event;
use super::lifecycle::{advance, apply, open, FollowUpTicket, TicketState, Transition};
use super::TicketError;
use crate::engine::Engine;
use crate::ops::Operation;
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
    let mut state = match events.next() {
        None => return Err(Error::new(TicketError::EmptyLog, "log")),
        Some((_, Event::Created { at, ticket })) => {
            open(*at, ticket).map_err(|e| Error::new(e, "log[0]"))?
        }
        Some(_) => return Err(Error::new(TicketError::NotCreated, "log[0]")),
    };
    for (i, event) in events {
        let at = |e: TicketError| Error::new(e, format!("log[{i}]"));
        if advance(&mut state, event).map_err(at)?.is_some() {
            return Err(at(TicketError::Closed));
        }
    }
    Ok(state)
}

/// `ticket.replay`: a ticket's state from its log.
#[derive(Debug, Clone, Copy)]
pub struct Replay;

/// The request of `ticket.replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    /// The ticket's events, oldest first, starting with `created`.
    pub log: Vec<Event>,
}

/// The response of `ticket.replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ReplayResponse {
    /// The state after the last event.
    pub state: TicketState,
}

impl Operation for Replay {
    const NAME: &'static str = "ticket.replay";
    const SUMMARY: &'static str = "a ticket's state from its append-only event log";
    type Request = ReplayRequest;
    type Response = ReplayResponse;

    fn run(
        _: &Engine,
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
}

/// `ticket.apply`: one event on a state.
#[derive(Debug, Clone, Copy)]
pub struct Apply;

/// The request of `ticket.apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ApplyRequest {
    /// The state so far (from `ticket.replay` or a previous `ticket.apply`); absent before
    /// the `created` event.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub state: Option<TicketState>,
    /// The event to apply.
    pub event: Event,
}

/// Whether the event joined this ticket's log.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ApplyOutcome {
    /// Append the event to the log; `state` is the new state.
    Appended,
    /// Do not append it: the ticket is closed, and the customer's reply opens the follow-up
    /// ticket described in `follow_up`. `state` is unchanged.
    FollowUp,
}

/// The response of `ticket.apply`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
pub struct ApplyResponse {
    /// What the host does with the event.
    pub outcome: ApplyOutcome,
    /// The state after the event.
    pub state: TicketState,
    /// The follow-up ticket to open, when `outcome` is `follow_up`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub follow_up: Option<FollowUpTicket>,
}

impl Operation for Apply {
    const NAME: &'static str = "ticket.apply";
    const SUMMARY: &'static str =
        "apply one event to a ticket's state, or refuse it with a typed error";
    type Request = ApplyRequest;
    type Response = ApplyResponse;

    fn run(_: &Engine, request: &ApplyRequest, trace: &mut Trace) -> Result<ApplyResponse, Error> {
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
                    follow_up: Some(follow_up),
                })
            }
        }
    }
}

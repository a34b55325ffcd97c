//! The lifecycle as a state machine: [`apply`] takes a state and an event and returns the
//! next state, or a typed error when the event is not allowed.
//!
//! Rules (after Zendesk's): `new` is never re-entered; `closed` is reached only from
//! `solved` and is final; a customer reply on `pending` or `solved` reopens the ticket; a
//! customer reply to a `closed` ticket belongs to a follow-up ticket, not to this log. Events
//! come in time order: an event earlier than the one before it is refused, equal instants are
//! allowed and keep their log order.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::event::{Author, Event, ProposalKind, Visibility};
use super::index::Ordered;
use super::model::{Category, Channel, Customer, Links, Priority, Status, Ticket};
use super::TicketError;
use crate::calendar::Timestamp;
use crate::money::Money;
use crate::sort::work;

/// A proposal made on the ticket and whether the customer agreed to it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ProposalState {
    /// Its position in the log.
    pub event: usize,
    /// What was offered.
    pub kind: ProposalKind,
    /// How much, for money remedies.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
    /// When the customer agreed, if they did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub agreed_at: Option<Timestamp>,
}

/// A follow-up scheduled on the ticket.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ScheduledFollowUp {
    /// When it is due.
    pub due: Timestamp,
    /// The channel it goes through.
    pub via: Channel,
}

/// A ticket's state: the fold of its log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketState {
    /// The ticket, with its current category, priority, tags and links.
    pub ticket: Ticket,
    /// Where it stands.
    pub status: Status,
    /// How many events have been folded in.
    pub events: usize,
    /// When it was opened.
    pub created_at: Timestamp,
    /// When its last event happened.
    pub updated_at: Timestamp,
    /// When a human agent first replied in public.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_reply_at: Option<Timestamp>,
    /// The oldest customer message no human agent has answered yet (solving answers it).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub awaiting_reply_since: Option<Timestamp>,
    /// Messages from the customer.
    pub customer_messages: u32,
    /// Public replies by human agents.
    pub agent_replies: u32,
    /// When it was first solved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub first_solved_at: Option<Timestamp>,
    /// When it was last solved, while it stays solved or closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub solved_at: Option<Timestamp>,
    /// When it was closed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub closed_at: Option<Timestamp>,
    /// How many times it left `solved` for another status than `closed`.
    pub reopens: u32,
    /// Proposals made, in log order.
    pub proposals: Vec<ProposalState>,
    /// Follow-ups scheduled, in log order.
    pub follow_ups: Vec<ScheduledFollowUp>,
}

/// A ticket to open as the follow-up of a closed one: everything but its new id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct FollowUpTicket {
    /// The closed ticket it follows up.
    pub follow_up_of: String,
    /// The customer.
    pub customer: Customer,
    /// The channel of the reply.
    pub channel: Channel,
    /// The closed ticket's category, a starting point for triage.
    pub category: Category,
    /// The closed ticket's priority.
    pub priority: Priority,
    /// The closed ticket's links.
    pub links: Links,
}

/// What applying an event did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Transition {
    /// The event belongs to the log; this is the new state.
    Next(Box<TicketState>),
    /// The event is a customer reply to a closed ticket: it does not belong to this log but
    /// to a new ticket, opened as described.
    FollowUp(FollowUpTicket),
}

/// Applies one event to a state (`None` before the `created` event).
///
/// # Errors
/// [`TicketError`] for an event not allowed in the current state: a first event that is not
/// `created`, an event earlier than the last one, an illegal status change, any event on a
/// closed ticket other than a customer reply, an agreement to no open proposal, a follow-up
/// of an unsolved ticket, or a malformed event.
///
/// # Example
/// ```
/// use recourse_payments::ticket::{apply, Event, Status, Transition};
/// let created: Event = serde_json::from_str(r#"{"type": "created", "at": "2026-03-06T17:00:00-03:00",
///   "ticket": {"id": "T-1", "customer": {"name": "Marina", "locale": "pt-BR"},
///              "channel": "chat", "category": "charged_twice"}}"#).unwrap();
/// let Transition::Next(state) = apply(None, &created)? else { unreachable!() };
/// assert_eq!(state.status, Status::New);
/// let pending: Event = serde_json::from_str(
///     r#"{"type": "status_changed", "at": "2026-03-06T17:05:00-03:00", "to": "pending"}"#).unwrap();
/// let Transition::Next(state) = apply(Some(&state), &pending)? else { unreachable!() };
/// assert_eq!(state.status, Status::Pending);
/// # Ok::<(), recourse_payments::ticket::TicketError>(())
/// ```
pub fn apply(state: Option<&TicketState>, event: &Event) -> Result<Transition, TicketError> {
    let Some(state) = state else {
        return match event {
            Event::Created { at, ticket } => {
                open(*at, ticket).map(|s| Transition::Next(Box::new(s)))
            }
            _ => Err(TicketError::NotCreated),
        };
    };
    let mut fold = Fold::resume(state.clone());
    match fold.advance(event)? {
        Some(follow_up) => Ok(Transition::FollowUp(follow_up)),
        None => Ok(Transition::Next(Box::new(fold.finish()))),
    }
}

/// A state events are folded into, one at a time: replaying a log and applying an event go
/// through it, so that each event costs what it carries, never a pass over all the ticket
/// holds.
pub(crate) struct Fold {
    /// The state, but for the lists taken into the index.
    state: TicketState,
    index: Index,
}

/// What a fold keeps beside its state: the tags and the links, indexed from the first
/// `tagged` or `linked` event on, and whether agreements can find their proposal by binary
/// search.
struct Index {
    /// The tags, once a `tagged` event came.
    tags: Option<Ordered>,
    /// The order, payment and dispute ids, once a `linked` event came.
    links: Option<[Ordered; 3]>,
    /// Whether the proposals stand in strictly increasing log positions, as a log folds
    /// them.
    proposals_in_order: bool,
}

impl Fold {
    /// The fold of a ticket just opened by its `created` event.
    pub(crate) fn open(at: Timestamp, ticket: &Ticket) -> Result<Self, TicketError> {
        open(at, ticket).map(Self::resume)
    }

    /// The fold that goes on from `state`.
    pub(crate) fn resume(state: TicketState) -> Self {
        let proposals_in_order = state
            .proposals
            .windows(2)
            .all(|pair| matches!(pair, [a, b] if a.event < b.event));
        let index = Index {
            tags: None,
            links: None,
            proposals_in_order,
        };
        Self { state, index }
    }

    /// Where the ticket stands (for the SLA walk).
    #[cfg(feature = "sla")]
    pub(crate) fn status(&self) -> Status {
        self.state.status
    }

    /// When the ticket was opened (for the SLA walk).
    #[cfg(feature = "sla")]
    pub(crate) fn created_at(&self) -> Timestamp {
        self.state.created_at
    }

    /// The state after the events folded in.
    pub(crate) fn finish(mut self) -> TicketState {
        self.settle();
        self.state
    }

    /// Puts the indexed lists back into the state, in order.
    fn settle(&mut self) {
        if let Some(tags) = self.index.tags.take() {
            self.state.ticket.tags = tags.into_vec();
        }
        if let Some([order_ids, payment_ids, dispute_ids]) = self.index.links.take() {
            self.state.ticket.links = Links {
                order_ids: order_ids.into_vec(),
                payment_ids: payment_ids.into_vec(),
                dispute_ids: dispute_ids.into_vec(),
            };
        }
    }

    /// Folds in one event. On error the fold is unchanged; when the event is a customer
    /// reply to a closed ticket, the fold is unchanged and the follow-up ticket to open is
    /// returned.
    pub(crate) fn advance(&mut self, event: &Event) -> Result<Option<FollowUpTicket>, TicketError> {
        if event.at() < &self.state.updated_at {
            return Err(TicketError::OutOfOrder);
        }
        if self.state.status == Status::Closed {
            return match event {
                Event::Message {
                    author: Author::Customer,
                    visibility: Visibility::Public,
                    ..
                } => {
                    self.settle();
                    Ok(Some(follow_up_ticket(&self.state)))
                }
                // Malformed here as anywhere: it would open a follow-up whose log refuses it.
                Event::Message {
                    author: Author::Customer,
                    visibility: Visibility::Internal,
                    ..
                } => Err(CUSTOMER_INTERNAL),
                _ => Err(TicketError::Closed),
            };
        }
        // `fold` checks before it changes anything, so a refused event leaves no trace.
        fold(&mut self.state, &mut self.index, event)?;
        self.state.events = self.state.events.saturating_add(1);
        self.state.updated_at = *event.at();
        Ok(None)
    }
}

/// The state of a ticket just opened by its `created` event.
pub(crate) fn open(at: Timestamp, ticket: &Ticket) -> Result<TicketState, TicketError> {
    if ticket.id.trim().is_empty() {
        return Err(TicketError::InvalidEvent {
            detail: "a ticket needs a non-empty id",
        });
    }
    Ok(TicketState {
        ticket: ticket.clone(),
        status: Status::New,
        events: 1,
        created_at: at,
        updated_at: at,
        first_reply_at: None,
        awaiting_reply_since: None,
        customer_messages: 0,
        agent_replies: 0,
        first_solved_at: None,
        solved_at: None,
        closed_at: None,
        reopens: 0,
        proposals: Vec::new(),
        follow_ups: Vec::new(),
    })
}

fn follow_up_ticket(state: &TicketState) -> FollowUpTicket {
    FollowUpTicket {
        follow_up_of: state.ticket.id.clone(),
        customer: state.ticket.customer.clone(),
        channel: state.ticket.channel,
        category: state.ticket.category,
        priority: state.ticket.priority,
        links: state.ticket.links.clone(),
    }
}

/// Folds one event into a state that is neither empty nor closed.
fn fold(state: &mut TicketState, index: &mut Index, event: &Event) -> Result<(), TicketError> {
    match event {
        Event::Created { .. } => Err(TicketError::AlreadyCreated),
        Event::Message {
            at,
            author,
            visibility,
            ..
        } => message(state, *at, *author, *visibility),
        Event::StatusChanged { at, to } => change_status(state, *at, *to),
        Event::Reclassified {
            category, priority, ..
        } => reclassify(state, *category, *priority),
        Event::Linked {
            order_ids,
            payment_ids,
            dispute_ids,
            ..
        } => {
            let links = index.links.get_or_insert_with(|| {
                let links = std::mem::take(&mut state.ticket.links);
                [links.order_ids, links.payment_ids, links.dispute_ids].map(Ordered::new)
            });
            for (list, ids) in links.iter_mut().zip([order_ids, payment_ids, dispute_ids]) {
                ids.iter().for_each(|id| list.add(id));
            }
            Ok(())
        }
        Event::Tagged { add, remove, .. } => {
            let tags = index
                .tags
                .get_or_insert_with(|| Ordered::new(std::mem::take(&mut state.ticket.tags)));
            remove.iter().for_each(|tag| tags.remove(tag));
            add.iter().for_each(|tag| tags.add(tag));
            Ok(())
        }
        Event::Proposal { kind, amount, .. } => {
            let last = state.proposals.last();
            index.proposals_in_order &= last.is_none_or(|p| p.event < state.events);
            state.proposals.push(ProposalState {
                event: state.events,
                kind: *kind,
                amount: *amount,
                agreed_at: None,
            });
            Ok(())
        }
        Event::Agreement { at, proposal } => agree(state, index.proposals_in_order, *at, *proposal),
        Event::FollowUp { due, via, .. } => {
            if state.status != Status::Solved {
                return Err(TicketError::NotSolved);
            }
            state.follow_ups.push(ScheduledFollowUp {
                due: *due,
                via: *via,
            });
            Ok(())
        }
    }
}

/// A customer's message marked internal: customers' messages are always public.
const CUSTOMER_INTERNAL: TicketError = TicketError::InvalidEvent {
    detail: "a customer's message is always public",
};

fn message(
    state: &mut TicketState,
    at: Timestamp,
    author: Author,
    visibility: Visibility,
) -> Result<(), TicketError> {
    match (author, visibility) {
        (Author::Customer, Visibility::Internal) => Err(CUSTOMER_INTERNAL),
        (Author::Customer, Visibility::Public) => {
            state.customer_messages = state.customer_messages.saturating_add(1);
            state.awaiting_reply_since.get_or_insert(at);
            match state.status {
                Status::Pending => state.status = Status::Open,
                Status::Solved => reopen(state, Status::Open),
                _ => {}
            }
            Ok(())
        }
        (Author::Agent, Visibility::Public) => {
            state.agent_replies = state.agent_replies.saturating_add(1);
            state.first_reply_at.get_or_insert(at);
            state.awaiting_reply_since = None;
            if state.status == Status::New {
                state.status = Status::Open;
            }
            Ok(())
        }
        // Bot replies and internal notes answer nobody and move nothing.
        (Author::Agent | Author::Bot, _) => Ok(()),
    }
}

/// Whether a status change is allowed.
pub fn allowed(from: Status, to: Status) -> bool {
    match (from, to) {
        (_, Status::New) | (Status::Closed, _) => false,
        (Status::Solved, Status::Closed) => true,
        (_, Status::Closed) => false,
        (a, b) => a != b,
    }
}

fn change_status(state: &mut TicketState, at: Timestamp, to: Status) -> Result<(), TicketError> {
    let from = state.status;
    if !allowed(from, to) {
        return Err(TicketError::IllegalTransition { from, to });
    }
    match to {
        Status::Solved => {
            state.status = Status::Solved;
            state.solved_at = Some(at);
            // Solving answers the customer: nothing is awaiting a reply any more.
            state.awaiting_reply_since = None;
            state.first_solved_at.get_or_insert(at);
        }
        Status::Closed => {
            state.status = Status::Closed;
            state.closed_at = Some(at);
        }
        other if from == Status::Solved => reopen(state, other),
        other => state.status = other,
    }
    Ok(())
}

fn reopen(state: &mut TicketState, to: Status) {
    state.status = to;
    state.solved_at = None;
    state.reopens = state.reopens.saturating_add(1);
}

fn reclassify(
    state: &mut TicketState,
    category: Option<Category>,
    priority: Option<Priority>,
) -> Result<(), TicketError> {
    if category.is_none() && priority.is_none() {
        return Err(TicketError::InvalidEvent {
            detail: "a reclassification names a category, a priority or both",
        });
    }
    if let Some(c) = category {
        state.ticket.category = c;
    }
    if let Some(p) = priority {
        state.ticket.priority = p;
    }
    Ok(())
}

/// Marks the first open proposal made by event `proposal` as agreed. `in_order`: the
/// proposals stand in strictly increasing positions, so at most one has that position and a
/// binary search finds it; otherwise (a state the host made) they are scanned.
fn agree(
    state: &mut TicketState,
    in_order: bool,
    at: Timestamp,
    proposal: usize,
) -> Result<(), TicketError> {
    let open = |p: &ProposalState| p.event == proposal && p.agreed_at.is_none();
    let found = if in_order {
        state
            .proposals
            .binary_search_by(|p| {
                work(1);
                p.event.cmp(&proposal)
            })
            .ok()
            .and_then(|at| state.proposals.get_mut(at))
            .filter(|p| open(p))
    } else {
        state.proposals.iter_mut().find(|p| {
            work(1);
            open(p)
        })
    };
    found.ok_or(TicketError::UnknownProposal)?.agreed_at = Some(at);
    Ok(())
}

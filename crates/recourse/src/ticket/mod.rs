//! Tickets: the model, the lifecycle state machine, the append-only log and its replay,
//! triage of a first contact, and follow-ups after a ticket is solved.
//!
//! A ticket's log is the single source of truth: its state is the fold of its events
//! ([`replay`]), and every event goes through one state machine ([`apply`]).

mod catalogue;
mod checks;
mod config;
mod desk;
mod event;
mod follow_up;
mod follow_up_rules;
mod ids;
mod index;
mod lifecycle;
mod model;
mod names;
mod redaction;
mod replay;
mod triage;

pub use config::{PriorityRule, TicketsConfig, TriageConfig, VocabularyRule};
pub use desk::{CategoryDef, Fact, PaymentMethod, QuestionDef};
pub use event::{Author, Event, ProposalKind, Visibility};
pub use follow_up::{
    plan as follow_up_plan, FollowUp, FollowUpPlan, FollowUpRequest, FollowUpResponse, SurveyPlan,
};
pub use follow_up_rules::{FollowUpConfig, FollowUpRule, Purpose, Survey};
pub use ids::Question;
pub use lifecycle::{
    allowed, apply, FollowUpTicket, ProposalState, ScheduledFollowUp, TicketState, Transition,
};
pub use model::{Category, Channel, Customer, Links, Priority, Status, Ticket, Tier};
pub use redaction::redact_event;
pub use replay::{
    replay, Apply, ApplyOutcome, ApplyRequest, ApplyResponse, Replay, ReplayRequest, ReplayResponse,
};
pub use triage::{
    triage, triage_with, AskQuestion, CategorySource, Choice, Clarification, PriorityReason,
    TextReading, Triage, TriageRequest, TriageResponse, Vocabulary,
};

/// Errors of the ticket lifecycle: events a ticket cannot take.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum TicketError {
    /// The log is empty.
    #[error("the log is empty: it starts with a `created` event")]
    EmptyLog,
    /// The first event is not `created`.
    #[error("a ticket's first event must be `created`")]
    NotCreated,
    /// A second `created` event.
    #[error("the ticket was already created")]
    AlreadyCreated,
    /// The event is earlier than the event before it.
    #[error("the event is earlier than the event before it")]
    OutOfOrder,
    /// The status change is not allowed from the current status.
    #[error("a ticket cannot go from {} to {}", from.as_str(), to.as_str())]
    IllegalTransition {
        /// The current status.
        from: Status,
        /// The status asked for.
        to: Status,
    },
    /// The ticket is closed: it takes no more events.
    #[error(
        "the ticket is closed and takes no more events; a customer reply starts a follow-up ticket"
    )]
    Closed,
    /// An agreement names no open proposal.
    #[error("the agreement names no open proposal of this ticket")]
    UnknownProposal,
    /// The ticket must be solved for this.
    #[error("the ticket is not solved")]
    NotSolved,
    /// The event is malformed.
    #[error("{detail}")]
    InvalidEvent {
        /// What is wrong.
        detail: &'static str,
    },
}

impl crate::error::AreaError for TicketError {
    fn code(&self) -> &'static str {
        TicketError::code(self)
    }
}

impl TicketError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EmptyLog => "ticket.empty_log",
            Self::NotCreated => "ticket.not_created",
            Self::AlreadyCreated => "ticket.already_created",
            Self::OutOfOrder => "ticket.out_of_order",
            Self::IllegalTransition { .. } => "ticket.illegal_transition",
            Self::Closed => "ticket.closed",
            Self::UnknownProposal => "ticket.unknown_proposal",
            Self::NotSolved => "ticket.not_solved",
            Self::InvalidEvent { .. } => "ticket.invalid_event",
        }
    }
}

/// The ids of a desk's categories, for the sections that name one.
pub(crate) fn category_ids(config: &TicketsConfig) -> Vec<String> {
    catalogue::categories(config)
        .iter()
        .map(|c| c.as_str().to_owned())
        .collect()
}

/// The links the desk's categories make to dispute stages, with their paths.
pub(crate) fn stage_links(config: &TicketsConfig) -> Vec<crate::ops::StageLink> {
    config
        .categories
        .iter()
        .filter_map(|(id, def)| {
            def.dispute.as_ref().map(|link| crate::ops::StageLink {
                path: format!("tickets.categories.{}.dispute", id.as_str()),
                network: link.network.clone(),
                stage: link.stage.clone(),
            })
        })
        .collect()
}

#[cfg(feature = "sla")]
pub(crate) use lifecycle::Fold;
pub(crate) use redaction::redacted_log;

/// The ticket capability: triage, the lifecycle and its log, follow-ups.
#[derive(Debug)]
pub struct TicketCapability {
    /// The `tickets` section as written.
    pub config: TicketsConfig,
    /// The triage vocabulary of the section, read once.
    pub vocabulary: Vocabulary,
}

impl crate::ops::Capability for TicketCapability {
    type Config = TicketsConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<Triage>(),
        crate::ops::OperationInfo::of::<Apply>(),
        crate::ops::OperationInfo::of::<Replay>(),
        crate::ops::OperationInfo::of::<FollowUp>(),
    ];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        let _ = services;
        problems.extend(checks::problems(config));
        Self {
            config: config.clone(),
            vocabulary: Vocabulary::compile(&config.triage),
        }
    }

    fn warnings(config: &Self::Config, services: &crate::ops::Services) -> Vec<crate::Error> {
        names::warnings(config, services.locales())
    }
}

#[cfg(test)]
mod growth;
#[cfg(test)]
mod tests;

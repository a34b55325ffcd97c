//! The events of a ticket's append-only log. Each carries the instant it happened (`at`);
//! the ticket's state is the fold of its events ([`super::replay`]).

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::model::{Category, Channel, Priority, Status, Ticket};
use crate::calendar::Timestamp;
use crate::money::Money;

/// Who wrote a message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Author {
    /// The customer.
    Customer,
    /// A human agent.
    Agent,
    /// An automated reply (auto-acknowledgement, chatbot).
    Bot,
}

/// Who can see a message.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// The customer sees it.
    #[default]
    Public,
    /// Only the support team sees it (a note).
    Internal,
}

/// What an agent offers the customer.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProposalKind {
    /// Money back to the original payment method.
    Refund,
    /// Credit to spend in the store.
    StoreCredit,
    /// A replacement item.
    Replacement,
    /// A coupon for a later purchase.
    Coupon,
    /// Cancelling a subscription or an order.
    Cancellation,
    /// Anything else.
    Other,
}

/// One event of a ticket's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Event {
    /// The ticket was opened. Always the first event, and only there.
    Created {
        /// When.
        at: Timestamp,
        /// The ticket as opened.
        ticket: Ticket,
    },
    /// A message from the customer, an agent or a bot.
    Message {
        /// When.
        at: Timestamp,
        /// Who wrote it.
        author: Author,
        /// Who can see it (customers' messages are always public).
        #[serde(default)]
        visibility: Visibility,
        /// The text, as stored by the host.
        text: String,
    },
    /// An agent or an automation changed the status.
    StatusChanged {
        /// When.
        at: Timestamp,
        /// The new status.
        to: Status,
    },
    /// The category or priority was corrected.
    Reclassified {
        /// When.
        at: Timestamp,
        /// The new category, if it changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        category: Option<Category>,
        /// The new priority, if it changed.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        priority: Option<Priority>,
    },
    /// Orders, payments or disputes were linked.
    Linked {
        /// When.
        at: Timestamp,
        /// Order ids to add.
        #[serde(default)]
        order_ids: Vec<String>,
        /// Payment ids to add.
        #[serde(default)]
        payment_ids: Vec<String>,
        /// Dispute ids to add.
        #[serde(default)]
        dispute_ids: Vec<String>,
    },
    /// Tags were added or removed.
    Tagged {
        /// When.
        at: Timestamp,
        /// Tags to add.
        #[serde(default)]
        add: Vec<String>,
        /// Tags to remove.
        #[serde(default)]
        remove: Vec<String>,
    },
    /// An agent proposed a remedy.
    Proposal {
        /// When.
        at: Timestamp,
        /// What is offered.
        kind: ProposalKind,
        /// How much, for money remedies.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        amount: Option<Money>,
    },
    /// The customer agreed to a proposal.
    Agreement {
        /// When.
        at: Timestamp,
        /// The position in the log of the `proposal` event agreed to.
        proposal: usize,
    },
    /// A follow-up of a solved ticket was scheduled.
    FollowUp {
        /// When.
        at: Timestamp,
        /// When the follow-up is due.
        due: Timestamp,
        /// The channel it goes through.
        via: Channel,
    },
}

impl Event {
    /// When the event happened.
    pub fn at(&self) -> &Timestamp {
        match self {
            Self::Created { at, .. }
            | Self::Message { at, .. }
            | Self::StatusChanged { at, .. }
            | Self::Reclassified { at, .. }
            | Self::Linked { at, .. }
            | Self::Tagged { at, .. }
            | Self::Proposal { at, .. }
            | Self::Agreement { at, .. }
            | Self::FollowUp { at, .. } => at,
        }
    }

    /// The event's type as written in JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            Self::Created { .. } => "created",
            Self::Message { .. } => "message",
            Self::StatusChanged { .. } => "status_changed",
            Self::Reclassified { .. } => "reclassified",
            Self::Linked { .. } => "linked",
            Self::Tagged { .. } => "tagged",
            Self::Proposal { .. } => "proposal",
            Self::Agreement { .. } => "agreement",
            Self::FollowUp { .. } => "follow_up",
        }
    }

    /// Whether this is a public reply by a human agent: what answers a customer.
    pub fn is_human_reply(&self) -> bool {
        matches!(
            self,
            Self::Message {
                author: Author::Agent,
                visibility: Visibility::Public,
                ..
            }
        )
    }

    /// Whether this is a public reply by an agent or, when `bots_count`, by a bot.
    pub fn is_reply(&self, bots_count: bool) -> bool {
        match self {
            Self::Message {
                author: Author::Agent,
                visibility: Visibility::Public,
                ..
            } => true,
            Self::Message {
                author: Author::Bot,
                visibility: Visibility::Public,
                ..
            } => bots_count,
            _ => false,
        }
    }

    /// Whether this is a message from the customer.
    pub fn is_customer_message(&self) -> bool {
        matches!(
            self,
            Self::Message {
                author: Author::Customer,
                ..
            }
        )
    }
}

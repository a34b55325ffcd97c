//! The ticket itself: who wrote, through which channel, about which payment problem, how
//! urgent it is, where it stands, and what it is linked to.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::comms::Locale;

pub use super::ids::Category;

/// Where the customer wrote from.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Channel {
    /// Live chat on the store.
    Chat,
    /// E-mail.
    Email,
    /// A phone call.
    Phone,
    /// WhatsApp.
    Whatsapp,
    /// The store's contact form.
    WebForm,
    /// A social network's messages.
    Social,
}

/// How urgent a ticket is. Ordered: `low < normal < high < urgent`.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Encode,
    Decode,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Priority {
    /// Can wait.
    Low,
    /// The usual.
    #[default]
    Normal,
    /// Ahead of the usual.
    High,
    /// First.
    Urgent,
}

/// Where a ticket stands.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Status {
    /// Nobody has worked on it yet. Never re-entered.
    New,
    /// Being worked on.
    Open,
    /// Waiting on the customer; a customer reply reopens it.
    Pending,
    /// Waiting on a third party (a bank, a processor); shown to the customer as open.
    OnHold,
    /// Solved; a customer reply reopens it.
    Solved,
    /// Final. A customer reply starts a follow-up ticket.
    Closed,
}

/// The customer's standing with the store.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Encode,
    Decode,
    JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Tier {
    /// Most customers.
    #[default]
    Standard,
    /// Loyalty-programme members.
    Plus,
    /// The store's most valuable customers.
    Vip,
}

/// The customer a ticket is for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Customer {
    /// The name the customer is addressed by.
    pub name: String,
    /// The language the customer is answered in.
    pub locale: Locale,
    /// The customer's standing.
    #[serde(default)]
    pub tier: Tier,
}

/// What a ticket is linked to in the host's systems.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Links {
    /// Order ids.
    #[serde(default)]
    pub order_ids: Vec<String>,
    /// Payment ids.
    #[serde(default)]
    pub payment_ids: Vec<String>,
    /// Dispute ids.
    #[serde(default)]
    pub dispute_ids: Vec<String>,
}

impl Links {
    /// Adds every id of `other` not already present, keeping first-seen order.
    ///
    /// Duplicates are found with one sort of both lists, so a merge costs n log n in the
    /// ids of both, not their product.
    pub fn merge(&mut self, other: &Links) {
        for (mine, theirs) in [
            (&mut self.order_ids, &other.order_ids),
            (&mut self.payment_ids, &other.payment_ids),
            (&mut self.dispute_ids, &other.dispute_ids),
        ] {
            let both: Vec<&String> = mine.iter().chain(theirs).collect();
            // An id of `other` is new unless an equal id comes before it: one of `self`, or
            // one of `other` already added.
            let new: Vec<String> = theirs
                .iter()
                .zip(crate::sort::repeated(&both).into_iter().skip(mine.len()))
                .filter(|(_, repeated)| !repeated)
                .map(|(id, _)| id.clone())
                .collect();
            mine.extend(new);
        }
    }
}

/// A ticket as it was opened: the payload of its `created` event.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ticket {
    /// The host's id for the ticket.
    pub id: String,
    /// Who it is for.
    pub customer: Customer,
    /// Where the customer wrote from.
    pub channel: Channel,
    /// The payment problem.
    pub category: Category,
    /// How urgent it is.
    #[serde(default)]
    pub priority: Priority,
    /// Free tags.
    #[serde(default)]
    pub tags: Vec<String>,
    /// Linked orders, payments and disputes.
    #[serde(default)]
    pub links: Links,
    /// The closed ticket this one follows up, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub follow_up_of: Option<String>,
}

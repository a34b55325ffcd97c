//! `sla.policies`: an ordered list; the first policy whose conditions match a ticket applies.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use crate::comms::Locale;
use crate::error::ConfigError;
use crate::ops::Services;
use crate::sort::repeated;
use crate::ticket::{Category, Channel, Priority, Ticket, Tier};
use crate::Error;

/// A measured SLA metric (after Zendesk's).
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// From the ticket's creation to the first public reply.
    FirstReply,
    /// From the oldest unanswered customer message to the next public reply, once the
    /// first reply has been given.
    NextReply,
    /// Between public agent replies, from the first one on; never paused.
    PeriodicUpdate,
    /// Between public agent replies, from the ticket's creation on; paused while pending.
    PausableUpdate,
    /// Total time the customer waits: new, open and on-hold count, pending and solved do not.
    RequesterWait,
    /// Total time the team has the ticket: new and open count.
    AgentWork,
    /// Total time to solve: every status but solved counts.
    Resolution,
}

/// Whether a target counts business time on the policy's calendar or plain elapsed time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimeKind {
    /// Only the calendar's opening hours count.
    Business,
    /// Every minute counts.
    Calendar,
}

/// The targets of one metric, in minutes, per priority; a priority without a target is not
/// measured.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Target {
    /// Business or calendar minutes.
    pub time: TimeKind,
    /// Minutes for `low`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub low: Option<u32>,
    /// Minutes for `normal`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub normal: Option<u32>,
    /// Minutes for `high`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub high: Option<u32>,
    /// Minutes for `urgent`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub urgent: Option<u32>,
}

impl Target {
    /// The target in minutes for a priority, if any.
    pub fn minutes(&self, priority: Priority) -> Option<u32> {
        match priority {
            Priority::Low => self.low,
            Priority::Normal => self.normal,
            Priority::High => self.high,
            Priority::Urgent => self.urgent,
        }
    }
}

/// Which tickets a policy is for. An empty list is no condition.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Conditions {
    /// The channel is one of these.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// The category is one of these.
    #[serde(default)]
    pub categories: Vec<Category>,
    /// The customer's tier is one of these.
    #[serde(default)]
    pub tiers: Vec<Tier>,
    /// The priority is one of these.
    #[serde(default)]
    pub priorities: Vec<Priority>,
    /// The customer's language is one of these (a store's desks often split by language).
    #[serde(default)]
    pub locales: Vec<Locale>,
}

/// One escalation step after a missed resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Escalation {
    /// Minutes after the breach, in the resolution target's kind of time.
    pub after_minutes: u32,
    /// Who is told (a role or group name of the host's).
    pub notify: String,
}

/// One SLA policy.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaPolicy {
    /// The id answers cite.
    pub id: String,
    /// Which tickets it is for.
    #[serde(default)]
    pub when: Conditions,
    /// The business calendar by name (`calendars.<name>`); required by business targets.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub calendar: Option<String>,
    /// A running metric is at risk when this little of its target is left, in minutes of the
    /// target's kind of time.
    #[serde(default)]
    pub warn_before_minutes: u32,
    /// Whether a public bot message counts as a reply. By default only a human reply
    /// fulfils a reply metric: an auto-acknowledgement does not.
    #[serde(default)]
    pub bot_replies_count: bool,
    /// With `bot_replies_count`, the peak hours a bot's reply counts in, local time on the
    /// policy's calendar; outside them only a person's reply counts. Empty: any hour.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bot_replies_peak_hours: Vec<super::peak::PeakWindow>,
    /// The targets per metric.
    pub targets: BTreeMap<Metric, Target>,
    /// Escalation levels after a missed resolution, in order (at most four).
    #[serde(default)]
    pub escalations: Vec<Escalation>,
}

impl SlaPolicy {
    /// Whether the policy is for a ticket with these attributes.
    pub fn matches(&self, ticket: &Ticket) -> bool {
        let w = &self.when;
        let (channel, category, tier, priority, locale) = (
            ticket.channel,
            ticket.category.clone(),
            ticket.customer.tier,
            ticket.priority,
            ticket.customer.locale,
        );
        (w.channels.is_empty() || w.channels.contains(&channel))
            && (w.categories.is_empty() || w.categories.contains(&category))
            && (w.tiers.is_empty() || w.tiers.contains(&tier))
            && (w.priorities.is_empty() || w.priorities.contains(&priority))
            && (w.locales.is_empty() || w.locales.contains(&locale))
    }
}

/// `sla`: the SLA policies, first match wins.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaConfig {
    /// The policies, in order.
    #[serde(default)]
    pub policies: Vec<SlaPolicy>,
}

/// Most escalation levels a policy may have.
pub const MAX_ESCALATION_LEVELS: usize = 4;

/// Every problem of the `sla` section, each with its path.
pub(crate) fn problems(config: &SlaConfig, services: &Services) -> Vec<Error> {
    let mut out = Vec::new();
    let ids: Vec<&str> = config.policies.iter().map(|p| p.id.as_str()).collect();
    let ids = repeated(&ids);
    for (i, policy) in config.policies.iter().enumerate() {
        let path = format!("sla.policies[{i}]");
        let mut bad = |detail: &str, field: String| {
            out.push(Error::new(ConfigError::invalid(detail), field));
        };
        if policy.id.trim().is_empty() {
            bad("expected a non-empty policy id", format!("{path}.id"));
        } else if ids.get(i) == Some(&true) {
            bad("policy ids must be unique", format!("{path}.id"));
        }
        let business = policy
            .targets
            .values()
            .any(|t| t.time == TimeKind::Business);
        match &policy.calendar {
            Some(name) if !services.names_calendar(name) => bad(
                "unknown calendar: the configuration's `calendars` section names them",
                format!("{path}.calendar"),
            ),
            None if business => bad(
                "business-time targets need a calendar",
                format!("{path}.calendar"),
            ),
            _ => {}
        }
        if !policy.bot_replies_peak_hours.is_empty() {
            if !policy.bot_replies_count {
                bad(
                    "peak hours say when a bot's reply counts: set `bot_replies_count = true`",
                    format!("{path}.bot_replies_peak_hours"),
                );
            }
            if policy.calendar.is_none() {
                bad(
                    "peak hours are local times on the policy's calendar: name one",
                    format!("{path}.calendar"),
                );
            }
        }
        for (metric, target) in &policy.targets {
            for (p, minutes) in [
                ("low", target.low),
                ("normal", target.normal),
                ("high", target.high),
                ("urgent", target.urgent),
            ] {
                if minutes == Some(0) {
                    bad(
                        "a target is a positive number of minutes",
                        format!("{path}.targets.{}.{p}", metric.as_str()),
                    );
                }
            }
        }
        if policy.escalations.len() > MAX_ESCALATION_LEVELS {
            bad(
                "at most four escalation levels",
                format!("{path}.escalations[{MAX_ESCALATION_LEVELS}]"),
            );
        }
        for (j, pair) in policy.escalations.windows(2).enumerate() {
            if let [a, b] = pair {
                if b.after_minutes <= a.after_minutes {
                    bad(
                        "escalation levels come in increasing order of minutes",
                        format!("{path}.escalations[{}].after_minutes", j + 1),
                    );
                }
            }
        }
    }
    out.extend(closed_calendars(config, services));
    out.extend(unknown_categories(config, services));
    out
}

/// Categories a policy names that the desk does not have (`tickets.categories`), each with
/// the likeliest one meant.
fn unknown_categories(config: &SlaConfig, services: &Services) -> Vec<Error> {
    let Some(known) = services.categories() else {
        return Vec::new();
    };
    let known: Vec<&str> = known.iter().map(String::as_str).collect();
    let mut out = Vec::new();
    for (i, policy) in config.policies.iter().enumerate() {
        for (j, c) in policy.when.categories.iter().enumerate() {
            if !known.contains(&c.as_str()) {
                let hint = crate::names::nearest(c.as_str(), &known)
                    .map(|near| format!(" (did you mean `{near}`?)"))
                    .unwrap_or_default();
                out.push(Error::new(
                    ConfigError::invalid(format!("unknown category{hint}")),
                    format!("sla.policies[{i}].when.categories[{j}]"),
                ));
            }
        }
    }
    out
}

/// Calendars that business-time targets need but that never open: no business time ever
/// passes on them, so every call would fail. A problem of the configuration, reported
/// once per calendar, at its hours.
fn closed_calendars(config: &SlaConfig, services: &Services) -> Vec<Error> {
    let mut names: Vec<&str> = config
        .policies
        .iter()
        .filter(|p| p.targets.values().any(|t| t.time == TimeKind::Business))
        .filter_map(|p| p.calendar.as_deref())
        .collect();
    names.sort_unstable();
    names.dedup();
    names
        .into_iter()
        .filter_map(|name| services.closed_calendar(name))
        .collect()
}

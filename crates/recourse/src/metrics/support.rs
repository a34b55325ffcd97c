//! `metrics.support`: the support team's figures over a batch of tickets.
//!
//! Definitions (per ticket, from its log, with its SLA measured at `now`):
//! - **CSAT**: ratings of 4 or 5 on 1-5, over all ratings; unrated tickets excluded.
//! - **NPS**: promoters (9-10) minus detractors (0-6), as percentages of the answers.
//! - **CES**: the mean effort answer on 1-7.
//! - **First-contact resolution**: tickets solved without a reopen after the customer wrote
//!   once at most, over all tickets.
//! - **Reopen rate**: tickets reopened at least once, over tickets ever solved.
//! - **SLA compliance** per metric: tickets where the metric was met in every cycle, over
//!   tickets where it was met or breached (a running, unbreached clock is not counted yet).
//! - **Median first reply / resolution**: calendar seconds from creation to the first human
//!   reply / to the solve, over the tickets that have one.

use std::collections::BTreeMap;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::figures::{median, Average, Nps, Rate};
use super::MetricsCapability;
use crate::calendar::Timestamp;
use crate::error::InputError;
use crate::ops::Operation;
use crate::ops::{Context, Provides};
use crate::receipt::Trace;
use crate::sla::SlaCapability;
use crate::sla::{self, Metric, MetricState};
use crate::sort::SortedMap;
use crate::ticket::{replay, Category, Channel, Event, TicketState};
use crate::Error;

/// A customer's survey answers about one ticket.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Ratings {
    /// Satisfaction, 1 to 5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub csat: Option<u8>,
    /// Likelihood to recommend, 0 to 10.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nps: Option<u8>,
    /// Ease, 1 to 7.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ces: Option<u8>,
}

/// One ticket of the batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct TicketRecord {
    /// The ticket's log.
    pub log: Vec<Event>,
    /// The customer's answers, if any.
    #[serde(default)]
    pub ratings: Ratings,
}

/// The request of `metrics.support`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SupportRequest {
    /// The tickets.
    pub tickets: Vec<TicketRecord>,
    /// The instant SLA clocks are read at.
    pub now: Timestamp,
}

/// The figures of one group of tickets.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct GroupMetrics {
    /// How many tickets.
    pub tickets: u32,
    /// Customer satisfaction.
    pub csat: Option<Rate>,
    /// Net Promoter Score.
    pub nps: Option<Nps>,
    /// Customer effort.
    pub ces: Option<Average>,
    /// First-contact resolution.
    pub first_contact_resolution: Option<Rate>,
    /// Reopened tickets among those ever solved.
    pub reopen_rate: Option<Rate>,
    /// SLA compliance per metric.
    pub sla: BTreeMap<Metric, Rate>,
    /// Median seconds from creation to the first human reply.
    pub median_first_reply_seconds: Option<i64>,
    /// Median seconds from creation to the solve.
    pub median_resolution_seconds: Option<i64>,
}

/// The response of `metrics.support`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SupportResponse {
    /// Every ticket.
    pub overall: GroupMetrics,
    /// By the ticket's channel.
    pub by_channel: BTreeMap<Channel, GroupMetrics>,
    /// By the ticket's category at `now`.
    pub by_category: BTreeMap<Category, GroupMetrics>,
}

/// What one ticket contributes.
struct Facts {
    channel: Channel,
    category: Category,
    ratings: Ratings,
    first_contact: bool,
    ever_solved: bool,
    reopened: bool,
    first_reply: Option<i64>,
    resolution: Option<i64>,
    /// Per SLA metric: `Some(true)` met, `Some(false)` breached; absent when undecided.
    sla: Vec<(Metric, bool)>,
}

fn seconds(from: &Timestamp, to: Option<&Timestamp>) -> Option<i64> {
    to.map(|t| (t.to_utc() - from.to_utc()).num_seconds())
}

fn facts(
    sla: &Context<'_, SlaCapability>,
    record: &TicketRecord,
    now: &Timestamp,
) -> Result<Facts, Error> {
    let state: TicketState = replay(&record.log)?;
    let sla = sla::status(sla, &record.log, now, &mut Trace::new()).map_err(from_creation)?;
    Ok(Facts {
        channel: state.ticket.channel,
        category: state.ticket.category,
        ratings: record.ratings.clone(),
        first_contact: state.solved_at.is_some()
            && state.reopens == 0
            && state.customer_messages <= 1,
        ever_solved: state.first_solved_at.is_some(),
        reopened: state.reopens > 0,
        first_reply: seconds(&state.created_at, state.first_reply_at.as_ref()),
        resolution: seconds(&state.created_at, state.solved_at.as_ref()),
        sla: sla
            .metrics
            .iter()
            .filter_map(|m| match (m.breaches > 0, m.state) {
                (true, _) => Some((m.metric, false)),
                (false, MetricState::Fulfilled) => Some((m.metric, true)),
                _ => None,
            })
            .collect(),
    })
}

/// An error `sla.status` reports at its request's `now`: the ticket's clocks cannot be
/// measured from its creation to `now` (more than a calendar's horizon apart, or a due
/// instant out of range). The batch's `now` holds for every ticket, so the error names this
/// ticket's side of the span: its `created` event's instant, `log[0].at`.
fn from_creation(e: Error) -> Error {
    if e.path() == "now" {
        Error::new(e.kind().clone(), "log[0].at")
    } else {
        e
    }
}

fn check_ratings(ratings: &Ratings, path: &str) -> Result<(), Error> {
    let bad = |field: &str, detail: &str| {
        Error::new(
            InputError::Invalid {
                detail: detail.to_owned(),
            },
            format!("{path}.ratings.{field}"),
        )
    };
    if ratings.csat.is_some_and(|r| !(1..=5).contains(&r)) {
        return Err(bad("csat", "a CSAT rating is an integer from 1 to 5"));
    }
    if ratings.nps.is_some_and(|r| r > 10) {
        return Err(bad("nps", "an NPS answer is an integer from 0 to 10"));
    }
    if ratings.ces.is_some_and(|r| !(1..=7).contains(&r)) {
        return Err(bad("ces", "a CES answer is an integer from 1 to 7"));
    }
    Ok(())
}

fn count(facts: &[&Facts], keep: impl Fn(&Facts) -> bool) -> u32 {
    u32::try_from(facts.iter().filter(|f| keep(f)).count()).unwrap_or(u32::MAX)
}

/// The figures of a group.
fn group(facts: &[&Facts]) -> GroupMetrics {
    let csat: Vec<u8> = facts.iter().filter_map(|f| f.ratings.csat).collect();
    let nps: Vec<u8> = facts.iter().filter_map(|f| f.ratings.nps).collect();
    let ces: Vec<u8> = facts.iter().filter_map(|f| f.ratings.ces).collect();
    let n = |v: usize| u32::try_from(v).unwrap_or(u32::MAX);
    let mut sla: SortedMap<Metric, (u32, u32)> = SortedMap::default();
    for (metric, met) in facts.iter().flat_map(|f| f.sla.iter()) {
        if let Some(entry) = sla.slot(metric, || (*metric, (0, 0))) {
            entry.0 += u32::from(*met);
            entry.1 += 1;
        }
    }
    let mut first_replies: Vec<i64> = facts.iter().filter_map(|f| f.first_reply).collect();
    let mut resolutions: Vec<i64> = facts.iter().filter_map(|f| f.resolution).collect();
    GroupMetrics {
        tickets: n(facts.len()),
        csat: Rate::new(n(csat.iter().filter(|r| **r >= 4).count()), n(csat.len())),
        nps: Nps::new(
            n(nps.iter().filter(|r| **r >= 9).count()),
            n(nps.iter().filter(|r| (7..=8).contains(*r)).count()),
            n(nps.iter().filter(|r| **r <= 6).count()),
        ),
        ces: Average::new(ces.iter().map(|r| u64::from(*r)).sum(), n(ces.len())),
        first_contact_resolution: Rate::new(count(facts, |f| f.first_contact), n(facts.len())),
        reopen_rate: Rate::new(
            count(facts, |f| f.reopened),
            count(facts, |f| f.ever_solved),
        ),
        sla: {
            // Filled by `insert`, not `collect` (which sorts): see `crate::sort`.
            let mut rates = BTreeMap::new();
            for (m, (met, of)) in sla.into_entries() {
                if let Some(r) = Rate::new(met, of) {
                    rates.insert(m, r);
                }
            }
            rates
        },
        median_first_reply_seconds: median(&mut first_replies),
        median_resolution_seconds: median(&mut resolutions),
    }
}

/// The support metrics of a batch.
///
/// # Errors
/// A ticket whose log is refused, at `tickets[i].log[j]`; a rating out of its scale, at
/// `tickets[i].ratings.csat` (or `nps`, `ces`); SLA errors as in [`sla::status`], under
/// `tickets[i]`, except that those [`sla::status`] reports at `now` (a ticket whose clocks
/// cannot be measured up to `now`, such as one opened more than
/// [`HORIZON_DAYS`](crate::calendar::HORIZON_DAYS) before it) are at
/// `tickets[i].log[0].at`, the instant its clocks start from.
pub fn support(
    engine: &impl Provides<SlaCapability>,
    request: &SupportRequest,
) -> Result<SupportResponse, Error> {
    let sla = engine.context()?;
    let mut all = Vec::with_capacity(request.tickets.len());
    for (i, record) in request.tickets.iter().enumerate() {
        let path = format!("tickets[{i}]");
        check_ratings(&record.ratings, &path)?;
        all.push(facts(&sla, record, &request.now).map_err(|e| e.under(&path))?);
    }
    let refs: Vec<&Facts> = all.iter().collect();
    let mut by_channel: SortedMap<Channel, Vec<&Facts>> = SortedMap::default();
    let mut by_category: SortedMap<Category, Vec<&Facts>> = SortedMap::default();
    for f in &all {
        if let Some(group) = by_channel.slot(&f.channel, || (f.channel, Vec::new())) {
            group.push(f);
        }
        if let Some(group) = by_category.slot(&f.category, || (f.category.clone(), Vec::new())) {
            group.push(f);
        }
    }
    // Filled by `insert`, not `collect` (which sorts): see `crate::sort`.
    let mut response = SupportResponse {
        overall: group(&refs),
        by_channel: BTreeMap::new(),
        by_category: BTreeMap::new(),
    };
    for (k, v) in by_channel.into_entries() {
        response.by_channel.insert(k, group(&v));
    }
    for (k, v) in by_category.into_entries() {
        response.by_category.insert(k, group(&v));
    }
    Ok(response)
}

/// `metrics.support`.
#[derive(Debug, Clone, Copy)]
pub struct Support;

impl Operation for Support {
    const NAME: &'static str = "metrics.support";
    const SUMMARY: &'static str = "CSAT, NPS, CES, first-contact resolution, SLA compliance, reopen rate and median times over a batch of tickets, by channel and category";
    type Capability = MetricsCapability;
    type Request = SupportRequest;
    type Response = SupportResponse;

    fn run(
        cx: &Context<'_, MetricsCapability>,
        request: &SupportRequest,
        trace: &mut Trace,
    ) -> Result<SupportResponse, Error> {
        let out = support(&cx.uses::<SlaCapability>()?, request)?;
        let o = &out.overall;
        trace.push(
            "metrics.support",
            format!(
                "{} tickets in {} channel(s) and {} categor(ies); CSAT {}, NPS {}, FCR {}; rates are percentages to 2 places, halves away from zero; medians of two middle values rounded down",
                o.tickets,
                out.by_channel.len(),
                out.by_category.len(),
                o.csat.as_ref().map_or("n/a", |r| r.percent.as_str()),
                o.nps.as_ref().map_or("n/a", |r| r.score.as_str()),
                o.first_contact_resolution
                    .as_ref()
                    .map_or("n/a", |r| r.percent.as_str()),
            ),
        );
        Ok(out)
    }

    fn now(request: &SupportRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }

    /// The digest covers the logs with their messages redacted.
    fn digest_input(
        request: &SupportRequest,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        crate::canonical::encode(&SupportRequest {
            tickets: request
                .tickets
                .iter()
                .map(|t| TicketRecord {
                    log: crate::ticket::redacted_log(&t.log),
                    ratings: t.ratings.clone(),
                })
                .collect(),
            now: request.now,
        })
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;
    use crate::Engine;

    fn record(n: usize, channel: u8, category: u8, steps: &[u8], ratings: Ratings) -> TicketRecord {
        let channel = ["chat", "email", "whatsapp"][usize::from(channel % 3)];
        let category = ["charged_twice", "refund_status", "other"][usize::from(category % 3)];
        let mut log = vec![
            serde_json::json!({"type": "created", "at": "2026-03-02T09:00:00-03:00",
            "ticket": {"id": format!("T{n}"), "customer": {"name": "C", "locale": "pt-BR"},
                       "channel": channel, "category": category}}),
        ];
        let mut state =
            crate::ticket::replay(&[serde_json::from_value(log[0].clone()).unwrap()]).unwrap();
        for (i, s) in steps.iter().enumerate() {
            let at = format!("2026-03-02T{:02}:{:02}:00-03:00", 9 + i / 6, (i % 6) * 10);
            let v = match s % 4 {
                0 => {
                    serde_json::json!({"type": "message", "at": at, "author": "customer", "text": "x"})
                }
                1 => {
                    serde_json::json!({"type": "message", "at": at, "author": "agent", "text": "y"})
                }
                2 => serde_json::json!({"type": "status_changed", "at": at, "to": "pending"}),
                _ => serde_json::json!({"type": "status_changed", "at": at, "to": "solved"}),
            };
            let event: Event = serde_json::from_value(v.clone()).unwrap();
            if let Ok(crate::ticket::Transition::Next(next)) =
                crate::ticket::apply(Some(&state), &event)
            {
                state = *next;
                log.push(v);
            }
        }
        TicketRecord {
            log: serde_json::from_value(serde_json::Value::Array(log)).unwrap(),
            ratings,
        }
    }

    fn arb_ratings() -> impl Strategy<Value = Ratings> {
        (
            prop::option::of(1u8..=5),
            prop::option::of(0u8..=10),
            prop::option::of(1u8..=7),
        )
            .prop_map(|(csat, nps, ces)| Ratings { csat, nps, ces })
    }

    #[test]
    fn a_ticket_whose_clocks_cannot_be_measured_is_named_by_its_creation() {
        let engine = Engine::default_store().unwrap();
        let mut old = record(1, 0, 0, &[0], Ratings::default());
        let created = serde_json::json!({"type": "created", "at": "1900-03-02T09:00:00-03:00",
            "ticket": {"id": "T1", "customer": {"name": "C", "locale": "pt-BR"},
                       "channel": "chat", "category": "charged_twice"}});
        old.log = vec![serde_json::from_value(created).unwrap()];
        let request = SupportRequest {
            tickets: vec![record(0, 0, 0, &[0, 1], Ratings::default()), old],
            now: Timestamp::parse("2026-03-03T12:00:00-03:00").unwrap(),
        };
        let e = support(&engine, &request).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("calendar.out_of_range", "tickets[1].log[0].at")
        );
        // `sla.status` on the same log names its own `now`.
        let alone = sla::status(
            &engine,
            &request.tickets[1].log,
            &request.now,
            &mut Trace::new(),
        )
        .unwrap_err();
        assert_eq!(alone.path(), "now");
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(48))]

        /// Groups partition the batch, and every rate counts within its whole.
        #[test]
        fn groups_partition_the_batch_and_rates_stay_in_bounds(
            specs in prop::collection::vec((0u8..3, 0u8..3, prop::collection::vec(0u8..4, 0..10), arb_ratings()), 0..12)
        ) {
            let engine = Engine::default_store().unwrap();
            let tickets: Vec<TicketRecord> = specs
                .iter()
                .enumerate()
                .map(|(n, (ch, cat, steps, r))| record(n, *ch, *cat, steps, r.clone()))
                .collect();
            let out = support(&engine, &SupportRequest {
                tickets,
                now: Timestamp::parse("2026-03-03T12:00:00-03:00").unwrap(),
            }).unwrap();
            let o = &out.overall;
            prop_assert_eq!(o.tickets as usize, specs.len());
            prop_assert_eq!(out.by_channel.values().map(|g| g.tickets).sum::<u32>(), o.tickets);
            prop_assert_eq!(out.by_category.values().map(|g| g.tickets).sum::<u32>(), o.tickets);
            let rated = |g: &GroupMetrics| g.csat.as_ref().map_or(0, |r| r.of);
            prop_assert_eq!(out.by_channel.values().map(rated).sum::<u32>(), rated(o));
            for g in std::iter::once(o).chain(out.by_channel.values()).chain(out.by_category.values()) {
                for r in g.csat.iter().chain(&g.first_contact_resolution).chain(&g.reopen_rate).chain(g.sla.values()) {
                    prop_assert!(r.count <= r.of && r.of > 0);
                }
                if let Some(fcr) = &g.first_contact_resolution {
                    prop_assert_eq!(fcr.of, g.tickets);
                }
            }
        }
    }
}

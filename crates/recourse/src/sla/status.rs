//! `sla.status`: a ticket's SLA clocks at `now` under the first matching policy.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::clock::{measure, BusinessIndex, Clock, Measure, MetricEvent, MetricEventKind, Tracker};
use super::config::{Metric, SlaPolicy, TimeKind};
use super::peak::{local_time, note, window_at, BotReply};
use super::walk::walk;
use super::SlaCapability;
use crate::calendar::{Calendar, Timestamp};
use crate::comms::Locale;
use crate::ops::Operation;
use crate::ops::{Context, Provides};
use crate::receipt::Trace;
use crate::ticket::{Event, Priority, Status, Ticket, TicketError};
use crate::Error;

/// `sla.status`.
#[derive(Debug, Clone, Copy)]
pub struct SlaStatus;

/// The request of `sla.status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct SlaStatusRequest {
    /// The ticket's log, oldest first, starting with `created`; no event after `now`.
    pub log: Vec<Event>,
    /// The instant the clocks are read at.
    pub now: Timestamp,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Where a metric's current cycle stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetricState {
    /// Not activated yet (a next reply before any customer follow-up, say).
    Inactive,
    /// The clock is running.
    Active,
    /// The clock is stopped by the ticket's status.
    Paused,
    /// Met.
    Fulfilled,
}

/// One metric at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct MetricStatus {
    /// Which metric.
    pub metric: Metric,
    /// Business or calendar time.
    pub time: TimeKind,
    /// The target, in seconds of that time.
    pub target_seconds: i64,
    /// Where the current (last) cycle stands.
    pub state: MetricState,
    /// When it is (or was) due: the breach instant once breached; while running, when the
    /// target is reached if it keeps running; `null` while paused or inactive.
    pub due: Option<Timestamp>,
    /// Time counted in the current cycle, in seconds of the target's kind.
    pub elapsed_seconds: i64,
    /// Target minus elapsed (negative once breached).
    pub remaining_seconds: i64,
    /// Whether the current cycle is paused.
    pub paused: bool,
    /// Whether the current cycle exceeded its target.
    pub breached: bool,
    /// Whether it runs, is not breached, and has no more than the warning time left.
    pub at_risk: bool,
    /// Cycles that exceeded the target, all told.
    pub breaches: u32,
    /// The audit trail: activate, pause, fulfill, breach, in time order.
    pub events: Vec<MetricEvent>,
}

/// An escalation level after a missed resolution.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct EscalationStatus {
    /// 1 to 4.
    pub level: u8,
    /// Who is told.
    pub notify: String,
    /// When the level is reached.
    pub at: Timestamp,
    /// Whether it is reached at `now`.
    pub reached: bool,
}

/// The response of `sla.status`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SlaStatusResponse {
    /// The policy that applies, or `null` when none matches.
    pub policy: Option<String>,
    /// Its calendar, by name.
    pub calendar: Option<String>,
    /// The ticket's status at `now`.
    pub status: Status,
    /// The ticket's priority at `now`, which picks the targets.
    pub priority: Priority,
    /// Each metric the policy targets at this priority, in metric order.
    pub metrics: Vec<MetricStatus>,
    /// Escalation levels, when the resolution target is missed.
    pub escalations: Vec<EscalationStatus>,
    /// Under a policy with peak hours for bot replies, each public bot reply of the log:
    /// whether it counted, and why.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub bot_replies: Vec<BotReply>,
}

/// The SLA status of a ticket's log at `now` under the first matching policy of `policies`.
///
/// # Errors
/// The lifecycle's errors at `log[i]`; `sla.event_after_now` for an event later than
/// `now`; calendar errors (`calendar.out_of_range`) at `now`, and `input.out_of_range` there
/// when a due instant would lie outside the supported years.
pub fn status(
    engine: &impl Provides<SlaCapability>,
    log: &[Event],
    now: &Timestamp,
    trace: &mut Trace,
) -> Result<SlaStatusResponse, Error> {
    status_in(engine, log, now, None, trace)
}

/// [`status`] with the sentences in `locale` (the store's default when `None`).
///
/// # Errors
/// Those of [`status`].
pub fn status_in(
    engine: &impl Provides<SlaCapability>,
    log: &[Event],
    now: &Timestamp,
    locale: Option<Locale>,
    trace: &mut Trace,
) -> Result<SlaStatusResponse, Error> {
    let cx = engine.context()?;
    // The ticket's attributes at the end of the log pick the policy; the walk below
    // validates the log.
    let ticket = final_ticket(log)?;
    let t = &ticket;
    let priority = t.priority;
    let policies = &cx.section().config.policies;
    let Some((at, policy)) = policies.iter().enumerate().find(|(_, p)| p.matches(t)) else {
        return no_policy(log, now, priority, trace);
    };
    trace_policy(t, policy, trace);
    let calendar = policy
        .calendar
        .as_deref()
        .and_then(|n| cx.services().calendar(n));
    let targeted = targets(policy, priority);
    let metrics: Vec<Metric> = targeted.iter().map(|(m, ..)| *m).collect();
    // Peak hours are local times on the policy's calendar (the configuration requires one).
    let peaks = cx
        .section()
        .peaks
        .get(at)
        .filter(|w| !w.is_empty())
        .zip(calendar);
    let peak = |at: &Timestamp| peaks.and_then(|(w, c)| window_at(w, c, at));
    let bots = |at: &Timestamp| policy.bot_replies_count && (peaks.is_none() || peak(at).is_some());
    let (state, trackers) = walk(log, &metrics, &bots, now)?;
    let locale = locale.unwrap_or_else(|| cx.services().default_locale());
    let bot_replies = peaks
        .map(|(_, c)| bot_notes(policy, log, c, &peak, locale, trace))
        .unwrap_or_default();
    let index = match calendar {
        Some(c) if targeted.iter().any(|(_, k, _)| *k == TimeKind::Business) => {
            Some(BusinessIndex::new(c, &state.created_at, now).map_err(|e| Error::new(e, "now"))?)
        }
        _ => None,
    };
    let warn = i64::from(policy.warn_before_minutes).saturating_mul(60);
    let mut out = Vec::with_capacity(targeted.len());
    let mut escalations = Vec::new();
    for (target, tracker) in targeted.iter().zip(trackers) {
        let clock = Clock {
            kind: target.1,
            calendar,
            index: index.as_ref(),
        };
        let m = measure(&tracker, target.2, &clock, now).map_err(|e| Error::new(e, "now"))?;
        if let (Metric::Resolution, Some(b)) = (target.0, m.breached_at) {
            escalations = escalate(policy, &clock, &b, now)?;
        }
        out.push(metric_status(
            *target,
            tracker,
            &m,
            warn,
            state.status,
            trace,
        ));
    }
    Ok(SlaStatusResponse {
        policy: Some(policy.id.clone()),
        calendar: policy.calendar.clone(),
        status: state.status,
        priority,
        metrics: out,
        escalations,
        bot_replies,
    })
}

/// Each public bot reply of the log under a policy with peak hours, with its line in the
/// receipt.
fn bot_notes(
    policy: &SlaPolicy,
    log: &[Event],
    calendar: &Calendar,
    peak: &dyn Fn(&Timestamp) -> Option<usize>,
    locale: Locale,
    trace: &mut Trace,
) -> Vec<BotReply> {
    log.iter()
        .filter(|e| e.is_reply(true) && !e.is_reply(false))
        .map(|e| {
            let at = *e.at();
            let local = local_time(calendar, &at);
            let window = peak(&at);
            trace.push(
                "sla.bot_reply",
                match window {
                    Some(w) => format!(
                        "bot reply at {local} local time: in {}.bot_replies_peak_hours[{w}], counts",
                        policy.id
                    ),
                    None => format!(
                        "bot reply at {local} local time: outside the peak hours of {}, does not count",
                        policy.id
                    ),
                },
            );
            note(&policy.id, at, window, &local, locale)
        })
        .collect()
}

/// The answer when no policy matches: the ticket's status, nothing measured.
fn no_policy(
    log: &[Event],
    now: &Timestamp,
    priority: Priority,
    trace: &mut Trace,
) -> Result<SlaStatusResponse, Error> {
    trace.push("sla.policy", "no policy matches the ticket: no SLA applies");
    Ok(SlaStatusResponse {
        policy: None,
        calendar: None,
        status: walk(log, &[], &|_| false, now)?.0.status,
        priority,
        metrics: Vec::new(),
        escalations: Vec::new(),
        bot_replies: Vec::new(),
    })
}

/// Notes which policy the ticket's attributes picked.
fn trace_policy(t: &Ticket, policy: &SlaPolicy, trace: &mut Trace) {
    trace.push(
        "sla.policy",
        format!(
            "first policy matching {} / {} / {} tier / {} priority: {}",
            t.channel.as_str(),
            t.category.as_str(),
            t.customer.tier.as_str(),
            t.priority.as_str(),
            policy.id
        ),
    );
}

/// The policy's metrics with a target at this priority: the metric, its kind of time and
/// the target in seconds.
fn targets(policy: &SlaPolicy, priority: Priority) -> Vec<(Metric, TimeKind, i64)> {
    policy
        .targets
        .iter()
        .filter_map(|(m, target)| {
            target
                .minutes(priority)
                .map(|min| (*m, target.time, i64::from(min).saturating_mul(60)))
        })
        .collect()
}

/// One metric at `now`, from its cycles measured, with its line in the receipt.
fn metric_status(
    (metric, time, target): (Metric, TimeKind, i64),
    tracker: Tracker,
    m: &Measure,
    warn: i64,
    status: Status,
    trace: &mut Trace,
) -> MetricStatus {
    let state_now = match (tracker.is_open(), m.running, m.fulfilled) {
        (true, true, _) => MetricState::Active,
        (true, false, _) => MetricState::Paused,
        (false, _, true) => MetricState::Fulfilled,
        (false, _, false) => MetricState::Inactive,
    };
    let remaining = target.saturating_sub(m.elapsed);
    let breached = m.breached_at.is_some();
    let mut events = tracker.events;
    events.extend(m.breaches.iter().map(|b| MetricEvent {
        event: MetricEventKind::Breach,
        at: *b,
    }));
    crate::sort::sort_by_key(&mut events, |e| e.at);
    trace.push(
        "sla.metric",
        format!(
            "{}: target {} s of {} time; {} s elapsed in the current cycle, {}{}",
            metric.as_str(),
            target,
            match time {
                TimeKind::Business => "business",
                TimeKind::Calendar => "calendar",
            },
            m.elapsed,
            match state_now {
                MetricState::Inactive => "inactive".to_owned(),
                MetricState::Active => "running".to_owned(),
                MetricState::Paused => format!("paused ({})", status.as_str()),
                MetricState::Fulfilled => "fulfilled".to_owned(),
            },
            if breached { ", breached" } else { "" }
        ),
    );
    MetricStatus {
        metric,
        time,
        target_seconds: target,
        state: state_now,
        due: m.due,
        elapsed_seconds: m.elapsed,
        remaining_seconds: remaining,
        paused: state_now == MetricState::Paused,
        breached,
        at_risk: m.running && !breached && remaining <= warn,
        breaches: u32::try_from(m.breaches.len()).unwrap_or(u32::MAX),
        events,
    }
}

fn escalate(
    policy: &SlaPolicy,
    clock: &Clock<'_>,
    breach: &Timestamp,
    now: &Timestamp,
) -> Result<Vec<EscalationStatus>, Error> {
    policy
        .escalations
        .iter()
        .zip(1u8..)
        .map(|(e, level)| {
            // Level by level after the breach itself (a zero delay is the breach instant,
            // not the next opening).
            let at = match e.after_minutes {
                0 => *breach,
                m => clock
                    .add(breach, i64::from(m).saturating_mul(60))
                    .map_err(|err| Error::new(err, "now"))?,
            };
            Ok(EscalationStatus {
                level,
                notify: e.notify.clone(),
                reached: at <= *now,
                at,
            })
        })
        .collect()
}

impl Operation for SlaStatus {
    const NAME: &'static str = "sla.status";
    const SUMMARY: &'static str =
        "a ticket's SLA clocks at `now`: per metric its target, due instant, elapsed time, pause, breach, risk and audit trail; escalations";
    type Capability = SlaCapability;
    type Request = SlaStatusRequest;
    type Response = SlaStatusResponse;

    fn run(
        cx: &Context<'_, SlaCapability>,
        request: &SlaStatusRequest,
        trace: &mut Trace,
    ) -> Result<SlaStatusResponse, Error> {
        status_in(cx, &request.log, &request.now, request.locale, trace)
    }

    fn now(request: &SlaStatusRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }

    /// The digest covers the log with its messages redacted.
    fn digest_input(
        request: &SlaStatusRequest,
        _response: &Self::Response,
    ) -> Result<String, crate::canonical::FloatError> {
        crate::canonical::encode(&SlaStatusRequest {
            log: crate::ticket::redacted_log(&request.log),
            now: request.now,
            locale: request.locale,
        })
    }
}

/// The ticket as the log leaves it: the `created` ticket with its reclassifications.
fn final_ticket(log: &[Event]) -> Result<Ticket, Error> {
    let mut events = log.iter();
    let mut ticket = match events.next() {
        Some(Event::Created { ticket, .. }) => ticket.clone(),
        Some(_) => return Err(Error::new(TicketError::NotCreated, "log[0]")),
        None => return Err(Error::new(TicketError::EmptyLog, "log")),
    };
    for event in events {
        if let Event::Reclassified {
            category, priority, ..
        } = event
        {
            if let Some(c) = category {
                ticket.category = c.clone();
            }
            if let Some(p) = priority {
                ticket.priority = *p;
            }
        }
    }
    Ok(ticket)
}

//! `dispute.deadline`: when the answer to a dispute is due.
//!
//! `respond_by` is the earliest of three candidates: the processor's `due_by` (authoritative:
//! a computed deadline is never later), the network's clock for the stage (calendar days
//! for the card networks, hours for Pix MED, dated in the configuration), and the merchant's
//! own buffer, so many business days on its calendar before the earlier of the two (card
//! networks and processors only: Pix MED's clocks of hours leave no room for business days).
//!
//! When the outside deadline (the earlier of `due_by` and the network's clock) is at or
//! before `now`, there is nothing left to answer: the call fails with
//! `dispute.deadline_passed` at the field that set it. When only the buffer has passed,
//! the answer says so (`state: buffer_passed`) and keeps `respond_by` at the buffer, so a
//! larger buffer never moves `respond_by` later.

use chrono::{Days, LocalResult, TimeDelta, TimeZone};
use schemars::JsonSchema;
use serde::Serialize;

use super::config::Length;
use super::messages::{self, Args, Code as R, DisputeReason};
use super::{DisputeCapability, DisputeError, Network, Stage};
use crate::calendar::{Calendar, CalendarError, Timestamp};
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.deadline`.
#[derive(Debug, Clone, Copy)]
pub struct Deadline;

/// The request of `dispute.deadline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DeadlineRequest {
    /// The network whose clock runs.
    pub network: Network,
    /// The stage the dispute is at.
    pub stage: Stage,
    /// When the stage started (the chargeback or notice was received).
    pub stage_started_at: Timestamp,
    /// The processor's due date (Stripe's `evidence_details.due_by`), when it gives one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_by: Option<Timestamp>,
    /// The instant the deadline is read at.
    pub now: Timestamp,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// Which rule a candidate deadline comes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum CandidateKind {
    /// The processor's `due_by`.
    Processor,
    /// The network's clock for the stage.
    Network,
    /// The merchant's buffer in business days.
    Buffer,
}

/// One candidate deadline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Candidate {
    /// Where it comes from.
    pub kind: CandidateKind,
    /// The instant.
    pub at: Timestamp,
    /// The rule id it cites.
    pub rule: String,
    /// The rule's source.
    pub source: String,
}

/// Where the deadline stands at `now`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum DeadlineState {
    /// `respond_by` is ahead.
    Open,
    /// The merchant's buffer has passed; the outside deadline is still ahead.
    BufferPassed,
}

/// The response of `dispute.deadline`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DeadlineResponse {
    /// The earliest candidate: when to answer.
    pub respond_by: Timestamp,
    /// Which candidate set it.
    pub set_by: CandidateKind,
    /// The rule it cites.
    pub rule: String,
    /// The earlier of the processor's and the network's deadlines.
    pub outside_deadline: Timestamp,
    /// Where it stands.
    pub state: DeadlineState,
    /// Seconds from `now` to `respond_by` (negative once the buffer has passed).
    pub seconds_left: i64,
    /// Seconds from `now` to the outside deadline.
    pub outside_seconds_left: i64,
    /// Whether the buffer has passed or no more than the warning time is left.
    pub at_risk: bool,
    /// Every candidate, in the order processor, network, buffer.
    pub candidates: Vec<Candidate>,
    /// Why.
    pub reasons: Vec<DisputeReason>,
}

/// The stages `network` has.
pub(crate) fn network_stages(network: Network) -> &'static [Stage] {
    use Stage::*;
    match network {
        Network::Visa | Network::Discover | Network::Mastercard => {
            &[Inquiry, Chargeback, PreArbitration, Arbitration]
        }
        Network::Amex => &[Inquiry, Chargeback, Arbitration],
        Network::PixMed => &[MedNotice, MedAnalysis, MedReturnRequest, MedReturn],
        Network::Stripe => &[Inquiry, Chargeback],
    }
}

/// The instant `days` working days of `calendar` before `at`, at the same local time. Where
/// that time does not exist on the day reached (a DST gap) the answer is the first valid
/// instant after it; where it occurs twice (a fold), the one with `at`'s offset when that is
/// one of the two, the earlier otherwise.
///
/// # Errors
/// `calendar.no_open_hours` for a week without working days; `calendar.out_of_range` past
/// ten years of days back.
pub(crate) fn business_days_before(
    calendar: &Calendar,
    at: &Timestamp,
    days: u32,
) -> Result<Timestamp, CalendarError> {
    if days == 0 {
        return Ok(*at);
    }
    if !calendar.has_open_hours() {
        return Err(CalendarError::NoOpenHours);
    }
    let local = calendar.to_local(at).as_datetime();
    let mut day = local.date_naive();
    let (mut counted, mut steps) = (0u32, 0u32);
    while counted < days {
        day = day.pred_opt().ok_or(CalendarError::OutOfRange)?;
        steps += 1;
        if steps > 3660 {
            return Err(CalendarError::OutOfRange);
        }
        if calendar.is_working_day(day) {
            counted += 1;
        }
    }
    let naive = day.and_time(local.time());
    // Most days keep the deadline's offset: try it first, with the calendar's cached rules.
    if let LocalResult::Single(guess) = local.offset().from_local_datetime(&naive) {
        let guess = calendar.to_local(&Timestamp::from(guess));
        if guess.as_datetime().naive_local() == naive {
            return Ok(guess);
        }
    }
    let zone = calendar.time_zone();
    let found = match zone.from_local_datetime(&naive) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => Some(t),
        LocalResult::None => zone.gap_end(&naive),
    };
    let found = found.ok_or(CalendarError::OutOfRange)?;
    Ok(Timestamp::from(found.fixed_offset()))
}

/// The end of the network's clock `length` from `start`.
pub(crate) fn clock_end(start: &Timestamp, length: Length) -> Option<Timestamp> {
    let t = start.as_datetime();
    let end = match length {
        Length::Days(d) => t.checked_add_days(Days::new(u64::from(d)))?,
        Length::Hours(h) => t.checked_add_signed(TimeDelta::hours(i64::from(h)))?,
    };
    Timestamp::from(end).supported().ok()
}

fn seconds(from: &Timestamp, to: &Timestamp) -> i64 {
    (to.to_utc() - from.to_utc()).num_seconds()
}

/// The processor's and the network's candidates.
fn outside_candidates(
    cx: &Context<'_, DisputeCapability>,
    request: &DeadlineRequest,
    trace: &mut Trace,
) -> Result<Vec<Candidate>, Error> {
    let mut out = Vec::with_capacity(3);
    if let Some(due) = request.due_by {
        out.push(Candidate {
            kind: CandidateKind::Processor,
            at: due,
            rule: "dispute.processor_due_by".into(),
            source: "the processor's due_by, authoritative (Stripe evidence_details.due_by)".into(),
        });
    }
    let day = request.stage_started_at.to_utc().date_naive();
    let compiled = &cx.section().compiled;
    if let Some(clock) = compiled.clock(request.network, request.stage, day) {
        let at = clock_end(&request.stage_started_at, clock.length)
            .ok_or_else(|| Error::new(crate::error::InputError::OutOfRange, "stage_started_at"))?;
        trace.push(
            "dispute.network_clock",
            format!(
                "{}: {} from the stage's start, in force from {}",
                clock.clock.id,
                match clock.length {
                    Length::Days(d) => format!("{d} calendar days"),
                    Length::Hours(h) => format!("{h} hours"),
                },
                clock.clock.effective_from
            ),
        );
        out.push(Candidate {
            kind: CandidateKind::Network,
            at,
            rule: clock.clock.id.clone(),
            source: clock.clock.source.clone(),
        });
    }
    Ok(out)
}

/// When the answer to a dispute is due.
///
/// # Errors
/// `dispute.unknown_stage` at `stage`; `dispute.out_of_order` at `now` or `due_by` when
/// either is before `stage_started_at`; `dispute.no_deadline` when there is neither a
/// `due_by` nor a network clock; `dispute.deadline_passed` at `due_by` or
/// `stage_started_at` when the outside deadline is not after `now`; calendar errors at
/// `now` for the buffer.
///
/// # Example
/// ```
/// use recourse_payments::calendar::Timestamp;
/// use recourse_payments::dispute::{deadline, CandidateKind, DeadlineRequest, Network, Stage};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request = DeadlineRequest {
///     network: Network::Visa,
///     stage: Stage::Chargeback,
///     stage_started_at: Timestamp::parse("2026-11-02T10:00:00-03:00")?,
///     due_by: Some(Timestamp::parse("2026-11-20T23:59:59-03:00")?),
///     now: Timestamp::parse("2026-11-03T10:00:00-03:00")?,
///     locale: None,
/// };
/// let answer = deadline(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert!(answer.respond_by <= request.due_by.unwrap());
/// assert_eq!(answer.set_by, CandidateKind::Buffer);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn deadline(
    engine: &impl Provides<DisputeCapability>,
    request: &DeadlineRequest,
    trace: &mut Trace,
) -> Result<DeadlineResponse, Error> {
    let cx = engine.context()?;
    let network = request.network;
    if !network_stages(network).contains(&request.stage) {
        let kind = DisputeError::UnknownStage {
            network: network.as_str(),
        };
        return Err(Error::new(kind, "stage"));
    }
    if request.now < request.stage_started_at {
        return Err(Error::new(DisputeError::OutOfOrder, "now"));
    }
    if request.due_by.is_some_and(|d| d < request.stage_started_at) {
        return Err(Error::new(DisputeError::OutOfOrder, "due_by"));
    }
    let mut candidates = outside_candidates(&cx, request, trace)?;
    let outside = earliest(&candidates)
        .cloned()
        .ok_or_else(|| Error::new(DisputeError::NoDeadline, "due_by"))?;
    if outside.at <= request.now {
        let path = match outside.kind {
            CandidateKind::Processor => "due_by",
            _ => "stage_started_at",
        };
        return Err(Error::new(DisputeError::DeadlinePassed, path));
    }
    let outside_at = outside.at;
    let config = &cx.section().config;
    let days = config.buffer_business_days;
    let calendar = config.calendar.as_deref();
    // Pix MED's clocks run in hours: a buffer of business days has no room there.
    let buffered = days > 0 && network != Network::PixMed;
    if let (true, Some(name)) = (buffered, calendar) {
        if let Some(cal) = cx.services().calendar(name) {
            let at = business_days_before(cal, &outside_at, days)
                .map_err(|e| Error::new(e, "now"))?
                .min(outside_at);
            candidates.push(Candidate {
                kind: CandidateKind::Buffer,
                at,
                rule: "dispute.buffer_business_days".into(),
                source: format!("the merchant's buffer: {days} business days on calendar {name}"),
            });
        }
    }
    let chosen = earliest(&candidates).cloned().unwrap_or(outside);
    respond(cx, request, chosen, outside_at, candidates, trace)
}

fn earliest(candidates: &[Candidate]) -> Option<&Candidate> {
    candidates
        .iter()
        .fold(None, |best: Option<&Candidate>, c| match best {
            Some(b) if b.at <= c.at => Some(b),
            _ => Some(c),
        })
}

fn respond(
    cx: Context<'_, DisputeCapability>,
    request: &DeadlineRequest,
    chosen: Candidate,
    outside: Timestamp,
    candidates: Vec<Candidate>,
    trace: &mut Trace,
) -> Result<DeadlineResponse, Error> {
    let now = &request.now;
    let seconds_left = seconds(now, &chosen.at);
    let state = if chosen.at <= *now {
        DeadlineState::BufferPassed
    } else {
        DeadlineState::Open
    };
    let warn_hours = cx.section().config.warn_before_hours;
    let warn = i64::from(warn_hours).saturating_mul(3600);
    let at_risk = state == DeadlineState::BufferPassed || seconds_left <= warn;
    trace.push(
        "dispute.respond_by",
        format!(
            "earliest of {} candidates: {} ({})",
            candidates.len(),
            chosen.at.to_rfc3339(),
            chosen.rule
        ),
    );
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let code = match chosen.kind {
        CandidateKind::Processor => R::RespondByProcessor,
        CandidateKind::Network => R::RespondByNetwork,
        CandidateKind::Buffer => R::RespondByBuffer,
    };
    let args = Args {
        at: Some(chosen.at),
        count: Some(u64::from(cx.section().config.buffer_business_days)),
        text: Some(chosen.rule.clone()),
        ..Args::default()
    };
    let mut reasons = vec![messages::reason(code, &chosen.rule, locale, &args)];
    if state == DeadlineState::BufferPassed {
        let args = Args {
            at: Some(outside),
            ..Args::default()
        };
        let r = messages::reason(
            R::BufferPassed,
            "dispute.buffer_business_days",
            locale,
            &args,
        );
        reasons.push(r);
    } else if at_risk {
        let args = Args {
            at: Some(chosen.at),
            count: Some(u64::from(warn_hours)),
            ..Args::default()
        };
        reasons.push(messages::reason(
            R::AtRisk,
            "dispute.warn_before_hours",
            locale,
            &args,
        ));
    }
    Ok(DeadlineResponse {
        respond_by: chosen.at,
        set_by: chosen.kind,
        rule: chosen.rule,
        outside_deadline: outside,
        state,
        seconds_left,
        outside_seconds_left: seconds(now, &outside),
        at_risk,
        candidates,
        reasons,
    })
}

impl Operation for Deadline {
    const NAME: &'static str = "dispute.deadline";
    const SUMMARY: &'static str =
        "respond_by: the earliest of the processor's due_by, the network's clock for the stage and the merchant's buffer in business days, with the rule that set it, time left and risk";
    type Capability = DisputeCapability;
    type Request = DeadlineRequest;
    type Response = DeadlineResponse;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &DeadlineRequest,
        trace: &mut Trace,
    ) -> Result<DeadlineResponse, Error> {
        deadline(cx, request, trace)
    }

    fn now(request: &DeadlineRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

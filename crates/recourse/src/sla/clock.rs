//! The clocks of SLA metrics: each metric is a list of instances (one per cycle), each
//! instance a list of running segments; elapsed time is the sum of the segments' length in
//! the target's kind of time, so pausing stops it and nothing ever makes it shrink.

use chrono::{DateTime, TimeDelta, Utc};
use schemars::JsonSchema;
use serde::Serialize;

use super::config::TimeKind;
use crate::calendar::{BusinessDuration, Calendar, CalendarError, Timestamp};
use crate::canonical::Encode;

/// What happened to a metric, for the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum MetricEventKind {
    /// The clock started or resumed.
    Activate,
    /// The clock stopped without being fulfilled.
    Pause,
    /// The metric was met (a reply, a solve).
    Fulfill,
    /// The target was exceeded.
    Breach,
}

/// One entry of a metric's audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct MetricEvent {
    /// What happened.
    pub event: MetricEventKind,
    /// When.
    pub at: Timestamp,
}

/// A stretch of time during which a metric's clock ran.
#[derive(Debug, Clone, Copy)]
struct Segment {
    start: Timestamp,
    end: Option<Timestamp>,
}

/// One cycle of a metric: from activation to fulfilment.
#[derive(Debug, Clone, Default)]
pub(crate) struct Instance {
    segments: Vec<Segment>,
    fulfilled_at: Option<Timestamp>,
}

impl Instance {
    fn running(&self) -> bool {
        self.segments.last().is_some_and(|s| s.end.is_none())
    }
}

/// The instances of one metric and its audit trail, built while the log is walked.
#[derive(Debug, Clone, Default)]
pub(crate) struct Tracker {
    instances: Vec<Instance>,
    pub events: Vec<MetricEvent>,
}

impl Tracker {
    fn open_instance(&mut self) -> Option<&mut Instance> {
        self.instances
            .last_mut()
            .filter(|i| i.fulfilled_at.is_none())
    }

    fn note(&mut self, event: MetricEventKind, at: Timestamp) {
        self.events.push(MetricEvent { event, at });
    }

    /// Whether a cycle is under way (running or paused).
    pub fn is_open(&self) -> bool {
        self.instances
            .last()
            .is_some_and(|i| i.fulfilled_at.is_none())
    }

    /// Starts a new cycle, unless one is under way.
    pub fn activate(&mut self, at: Timestamp, running: bool) {
        if self.is_open() {
            return;
        }
        let segments = if running {
            vec![Segment {
                start: at,
                end: None,
            }]
        } else {
            Vec::new()
        };
        self.instances.push(Instance {
            segments,
            fulfilled_at: None,
        });
        self.note(MetricEventKind::Activate, at);
        if !running {
            self.note(MetricEventKind::Pause, at);
        }
    }

    /// Ends the cycle under way as met.
    pub fn fulfill(&mut self, at: Timestamp) {
        let Some(instance) = self.open_instance() else {
            return;
        };
        if let Some(seg) = instance.segments.last_mut().filter(|s| s.end.is_none()) {
            seg.end = Some(at);
        }
        instance.fulfilled_at = Some(at);
        self.note(MetricEventKind::Fulfill, at);
    }

    /// Pauses or resumes the cycle under way.
    pub fn set_running(&mut self, at: Timestamp, running: bool) {
        let Some(instance) = self.open_instance() else {
            return;
        };
        match (instance.running(), running) {
            (false, true) => {
                instance.segments.push(Segment {
                    start: at,
                    end: None,
                });
                self.note(MetricEventKind::Activate, at);
            }
            (true, false) => {
                if let Some(seg) = instance.segments.last_mut() {
                    seg.end = Some(at);
                }
                self.note(MetricEventKind::Pause, at);
            }
            _ => {}
        }
    }

    /// Takes the last, fulfilled cycle up again (a reopened ticket), counting on from where
    /// it stopped.
    pub fn resume(&mut self, at: Timestamp, running: bool) {
        let Some(instance) = self.instances.last_mut() else {
            return;
        };
        if instance.fulfilled_at.take().is_none() {
            return;
        }
        if running {
            instance.segments.push(Segment {
                start: at,
                end: None,
            });
        }
        self.note(MetricEventKind::Activate, at);
        if !running {
            self.note(MetricEventKind::Pause, at);
        }
    }
}

/// Business time from the start of a window, precomputed from the calendar's opening
/// intervals in one walk over the window's days: every stretch inside the window is then
/// two look-ups, not a walk of its own. Instants are kept as milliseconds since the epoch.
#[derive(Debug, Clone)]
pub(crate) struct BusinessIndex {
    spans: Vec<(i64, i64)>,
    /// `prefix[i]`: business milliseconds of the spans before span `i`; one more entry than
    /// spans.
    prefix: Vec<i64>,
}

impl BusinessIndex {
    /// The index of `calendar` over `start..end`.
    pub fn new(
        calendar: &Calendar,
        start: &Timestamp,
        end: &Timestamp,
    ) -> Result<Self, CalendarError> {
        let spans: Vec<(i64, i64)> = calendar
            .open_intervals(start, end)?
            .into_iter()
            .map(|(from, to)| (from.timestamp_millis(), to.timestamp_millis()))
            .collect();
        let mut prefix = Vec::with_capacity(spans.len().saturating_add(1));
        let mut total = 0i64;
        prefix.push(total);
        for (from, to) in &spans {
            total = total
                .checked_add(to - from)
                .ok_or(CalendarError::OutOfRange)?;
            prefix.push(total);
        }
        Ok(Self { spans, prefix })
    }

    /// Business milliseconds from the window's start to `t` (clamped to the window).
    pub fn at(&self, t: i64) -> i64 {
        let i = self.spans.partition_point(|(from, _)| *from <= t);
        let Some(j) = i.checked_sub(1) else {
            return 0;
        };
        match (self.spans.get(j), self.prefix.get(j)) {
            (Some((from, to)), Some(before)) => before + (t.min(*to) - from),
            _ => 0,
        }
    }

    /// The instant `amount` milliseconds of business time after `a`, when it falls inside the
    /// window. Like [`Calendar::add_business_time`]: zero gives the next opening, and an
    /// amount that runs out exactly at a closing gives the closing instant.
    pub fn add(&self, a: i64, amount: i64) -> Option<i64> {
        if amount <= 0 {
            let i = self.spans.partition_point(|(_, to)| *to <= a);
            return self.spans.get(i).map(|(from, _)| (*from).max(a));
        }
        let target = self.at(a).checked_add(amount)?;
        let i = self
            .prefix
            .partition_point(|p| *p < target)
            .checked_sub(1)?;
        let (from, _) = self.spans.get(i)?;
        Some(from + (target - self.prefix.get(i)?))
    }
}

fn millis(t: &Timestamp) -> i64 {
    t.to_utc().timestamp_millis()
}

/// Measures time in a target's kind: business time on a calendar, or every second.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Clock<'a> {
    pub kind: TimeKind,
    pub calendar: Option<&'a Calendar>,
    /// Business time over the ticket's life so far, when the calendar is known.
    pub index: Option<&'a BusinessIndex>,
}

impl Clock<'_> {
    /// Seconds from `a` to `b` (`b` not before `a`).
    fn span(&self, a: &Timestamp, b: &Timestamp) -> Result<i64, CalendarError> {
        match (self.kind, self.index, self.calendar) {
            (TimeKind::Business, Some(index), _) => {
                Ok((index.at(millis(b)) - index.at(millis(a))) / 1000)
            }
            (TimeKind::Business, None, Some(c)) => c.elapsed(a, b).map(|d| d.as_seconds()),
            (TimeKind::Business, None, None) => Err(CalendarError::UnknownCalendar),
            (TimeKind::Calendar, ..) => Ok((b.to_utc() - a.to_utc()).num_seconds()),
        }
    }

    /// The instant `seconds` of this kind of time after `a`, as an answer writes it:
    /// [`CalendarError::OutsideSupportedYears`] (`input.out_of_range`) when it would lie
    /// outside [`SUPPORTED_YEARS`](crate::calendar::SUPPORTED_YEARS).
    pub fn add(&self, a: &Timestamp, seconds: i64) -> Result<Timestamp, CalendarError> {
        self.reach(a, seconds)?
            .supported()
            .map_err(|_| CalendarError::OutsideSupportedYears)
    }

    fn reach(&self, a: &Timestamp, seconds: i64) -> Result<Timestamp, CalendarError> {
        let delta = TimeDelta::try_seconds(seconds.max(0)).ok_or(CalendarError::OutOfRange)?;
        match (self.kind, self.calendar) {
            (TimeKind::Business, Some(c)) => {
                let found = self
                    .index
                    .and_then(|i| i.add(millis(a), delta.num_milliseconds()))
                    .and_then(DateTime::<Utc>::from_timestamp_millis);
                if let Some(t) = found {
                    return Ok(c.to_local(&Timestamp::from(t)));
                }
                let amount =
                    BusinessDuration::from_time_delta(delta).ok_or(CalendarError::OutOfRange)?;
                c.add_business_time(a, amount)
            }
            (TimeKind::Business, None) => Err(CalendarError::UnknownCalendar),
            (TimeKind::Calendar, calendar) => {
                let t = a
                    .as_datetime()
                    .checked_add_signed(delta)
                    .ok_or(CalendarError::OutOfRange)?;
                let t = Timestamp::from(t);
                Ok(calendar.map_or(t, |c| c.to_local(&t)))
            }
        }
    }
}

/// A metric's last cycle measured at `now`, and how many cycles breached.
#[derive(Debug, Clone, Default)]
pub(crate) struct Measure {
    pub running: bool,
    pub fulfilled: bool,
    pub elapsed: i64,
    pub due: Option<Timestamp>,
    pub breached_at: Option<Timestamp>,
    pub breaches: Vec<Timestamp>,
}

/// Measures every cycle of a tracker against `target` seconds at `now`.
pub(crate) fn measure(
    tracker: &Tracker,
    target: i64,
    clock: &Clock<'_>,
    now: &Timestamp,
) -> Result<Measure, CalendarError> {
    let mut last = Measure::default();
    let mut breaches = Vec::new();
    let n = tracker.instances.len();
    for (i, instance) in tracker.instances.iter().enumerate() {
        last = cycle(instance, target, clock, now, i + 1 == n)?;
        if let Some(b) = last.breached_at {
            breaches.push(b);
        }
    }
    last.breaches = breaches;
    Ok(last)
}

fn cycle(
    instance: &Instance,
    target: i64,
    clock: &Clock<'_>,
    now: &Timestamp,
    with_due: bool,
) -> Result<Measure, CalendarError> {
    let mut elapsed = 0i64;
    let mut before_last = 0i64;
    let mut breached_at = None;
    for seg in &instance.segments {
        let end = seg.end.unwrap_or(*now);
        let len = clock.span(&seg.start, &end)?;
        if breached_at.is_none() && elapsed.saturating_add(len) > target {
            breached_at = Some(clock.add(&seg.start, target.saturating_sub(elapsed))?);
        }
        before_last = elapsed;
        elapsed = elapsed.saturating_add(len);
    }
    let running = instance.running();
    let last = instance.segments.last();
    let ran_to_fulfilment = last.is_some_and(|s| s.end.is_some() && s.end == instance.fulfilled_at);
    let due = match (breached_at, last) {
        (Some(b), _) => Some(b),
        (None, Some(seg)) if with_due && (running || ran_to_fulfilment) => {
            Some(clock.add(&seg.start, target.saturating_sub(before_last))?)
        }
        _ => None,
    };
    Ok(Measure {
        running,
        fulfilled: instance.fulfilled_at.is_some(),
        elapsed,
        due,
        breached_at,
        breaches: Vec::new(),
    })
}

//! The calendar operations: `calendar.is_open`, `calendar.next_open`, `calendar.add` and
//! `calendar.elapsed`.

use std::borrow::Cow;

use chrono::Datelike;
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::{At, Decode, DecodeError};

use super::{Calendar, CalendarConfig, CalendarError, DayList, Notes, Roll, Timestamp, WEEK};
use crate::ops::{Context, Services};
use crate::ops::{InputError, Operation};
use crate::receipt::Trace;
use crate::Error;

/// A calendar in a request: the name of one the configuration defines (`"sao_paulo"`), or a
/// whole calendar inline (`{"time_zone": ..., "hours": ..., "holidays": ...}`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum CalendarRef {
    /// A calendar of the configuration, by name.
    Named(String),
    /// A calendar given in the request.
    Inline(Box<CalendarConfig>),
}

impl Decode for CalendarRef {
    /// A string is a name; an object is an inline calendar.
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        crate::decode::string_or_object(
            value,
            at,
            "a calendar name or a calendar object",
            |name| Self::Named(name.to_owned()),
            || CalendarConfig::decode(value, at).map(|c| Self::Inline(Box::new(c))),
        )
    }

    /// Below a calendar, only an inline one has keys.
    fn write_path(steps: &[crate::decode::Step<'_>], out: &mut String) {
        CalendarConfig::write_path(steps, out);
    }
}

crate::decode::deserialize_through_decode!(CalendarRef);

impl Encode for CalendarRef {
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        match self {
            Self::Named(name) => name.encode(out),
            Self::Inline(calendar) => calendar.encode(out),
        }
    }
}

impl CalendarRef {
    /// The calendar this stands for, with a trace step saying which.
    ///
    /// # Errors
    /// `input.unknown_calendar` at `calendar` for a name the engine does not define; the
    /// first problem of an inline calendar, under `calendar`.
    pub fn resolve<'a>(
        &'a self,
        services: &'a Services,
        trace: &mut Trace,
    ) -> Result<Cow<'a, Calendar>, Error> {
        let (calendar, what) = match self {
            Self::Named(name) => (
                Cow::Borrowed(
                    services
                        .calendar(name)
                        .ok_or_else(|| Error::new(CalendarError::UnknownCalendar, "calendar"))?,
                ),
                format!("calendar `{name}` of the configuration"),
            ),
            Self::Inline(config) => (
                Cow::Owned(config.compile().map_err(|e| e.under("calendar"))?),
                "inline calendar".to_owned(),
            ),
        };
        let weekly = calendar.weekly_business_time().as_minutes();
        trace.push(
            "calendar.resolve",
            format!(
                "{what}: time zone {} (tz database {}), {} h {:02} min open in a week, {}",
                calendar.time_zone().name(),
                super::Zone::tzdb_version(),
                weekly / 60,
                weekly % 60,
                holidays_summary(&calendar)
            ),
        );
        Ok(calendar)
    }
}

/// The calendar's holidays in a few words: "20 holidays" for dated ones only; with rules,
/// "holidays of preset br_national, 1 rule of its own and 2 dated holidays".
fn holidays_summary(calendar: &Calendar) -> String {
    let dated = calendar.dated_holidays().count();
    let rules = calendar.holiday_rules();
    if rules.is_empty() {
        return format!("{dated} holidays");
    }
    let plural = |n: usize, one: &str, many: &str| {
        if n == 1 {
            format!("{n} {one}")
        } else {
            format!("{n} {many}")
        }
    };
    let mut parts = Vec::new();
    match rules.presets() {
        [] => {}
        [one] => parts.push(format!("holidays of preset {one}")),
        many => parts.push(format!("holidays of presets {}", many.join(", "))),
    }
    if rules.own_rules() > 0 {
        parts.push(plural(
            rules.own_rules(),
            "holiday rule of its own",
            "holiday rules of its own",
        ));
    }
    if dated > 0 {
        parts.push(plural(dated, "dated holiday", "dated holidays"));
    }
    match parts.split_last() {
        Some((last, [])) => last.clone(),
        Some((last, rest)) => format!("{} and {last}", rest.join(", ")),
        None => "no holidays".to_owned(),
    }
}

fn weekday_key(date: chrono::NaiveDate) -> &'static str {
    WEEK.iter()
        .find(|(d, _)| *d == date.weekday())
        .map_or("", |(_, key)| key)
}

fn list(days: &DayList, calendar: &Calendar, named: bool) -> String {
    let mut shown: Vec<String> = days
        .first
        .iter()
        .map(|d| match calendar.holiday(*d).and_then(|h| h.name) {
            Some(name) if named => format!("{d} {} ({name})", weekday_key(*d)),
            _ => format!("{d} {}", weekday_key(*d)),
        })
        .collect();
    let more = days.count.saturating_sub(days.first.len() as u64);
    if more > 0 {
        shown.push(format!("and {more} more"));
    }
    shown.join(", ")
}

/// Writes what a walk went through into the trace.
pub(crate) fn record(notes: &Notes, calendar: &Calendar, trace: &mut Trace) {
    if notes.holidays.count > 0 {
        trace.push(
            "calendar.holidays_skipped",
            list(&notes.holidays, calendar, true),
        );
    }
    if notes.closed.count > 0 {
        trace.push(
            "calendar.closed_days_skipped",
            list(&notes.closed, calendar, false),
        );
    }
    if notes.whole_weeks > 0 {
        trace.push(
            "calendar.whole_weeks",
            format!(
                "{} whole weeks without holidays or offset changes counted at {} min each",
                notes.whole_weeks,
                calendar.weekly_business_time().as_minutes()
            ),
        );
    }
    if notes.offset_changes.count > 0 {
        trace.push(
            "calendar.offset_change",
            format!(
                "opening hours lengthened or shortened by a change of UTC offset on {}",
                list(&notes.offset_changes, calendar, false)
            ),
        );
    }
}

fn plural(n: u32, unit: &str) -> String {
    if n == 1 {
        format!("1 {unit}")
    } else {
        format!("{n} {unit}s")
    }
}

/// Places a calendar error: no opening hours at `calendar`; an answer outside the supported
/// years at `from`, the instant it was computed from (`input.out_of_range`); anything else
/// at `path`.
fn at(path: &'static str, from: &'static str) -> impl Fn(CalendarError) -> Error {
    move |e| match e {
        CalendarError::NoOpenHours => Error::new(e, "calendar"),
        CalendarError::OutsideSupportedYears => Error::new(InputError::OutOfRange, from),
        _ => Error::new(e, path),
    }
}

/// The instant `t` of the request at `path`, in the calendar's offset as answers and traces
/// write it; `input.out_of_range` at `path` when it would lie outside the supported years
/// there (see [`SUPPORTED_YEARS`](super::SUPPORTED_YEARS)).
fn local(calendar: &Calendar, t: &Timestamp, path: &'static str) -> Result<Timestamp, Error> {
    calendar
        .to_local(t)
        .supported()
        .map_err(|e| Error::new(e, path))
}

/// `calendar.is_open`: whether a calendar is open at `now`.
#[derive(Debug, Clone, Copy)]
pub struct IsOpen;

/// The request of `calendar.is_open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct IsOpenRequest {
    /// The calendar, by name or inline.
    pub calendar: CalendarRef,
    /// The instant asked about.
    pub now: Timestamp,
}

/// The response of `calendar.is_open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct IsOpenResponse {
    /// Whether the calendar is open at `now`.
    pub open: bool,
    /// `now` in the calendar's local offset (in UTC when that offset is not a whole number
    /// of minutes, as before about 1914; see [`Timestamp`]).
    pub local_time: Timestamp,
}

impl Operation for IsOpen {
    const NAME: &'static str = "calendar.is_open";
    const SUMMARY: &'static str = "Whether a business calendar is open at an instant";
    type Capability = CalendarCapability;
    type Request = IsOpenRequest;
    type Response = IsOpenResponse;

    fn run(
        cx: &Context<'_, CalendarCapability>,
        request: &IsOpenRequest,
        trace: &mut Trace,
    ) -> Result<IsOpenResponse, Error> {
        let calendar = request.calendar.resolve(cx.services(), trace)?;
        let local_time = local(&calendar, &request.now, "now")?;
        let open = calendar.is_open(&request.now).map_err(at("now", "now"))?;
        let date = local_time.as_datetime().date_naive();
        let why = match calendar.holiday(date) {
            Some(h) => format!(
                "{date} is a holiday{}",
                h.name.map(|n| format!(" ({n})")).unwrap_or_default()
            ),
            None if open => "inside an opening interval".to_owned(),
            None => "outside the opening intervals".to_owned(),
        };
        trace.push(
            "calendar.is_open",
            format!(
                "{local_time}: {}, {why}",
                if open { "open" } else { "closed" }
            ),
        );
        Ok(IsOpenResponse { open, local_time })
    }

    fn now(request: &IsOpenRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

/// `calendar.next_open`: the first instant at or after `now` when a calendar is open.
#[derive(Debug, Clone, Copy)]
pub struct NextOpen;

/// The request of `calendar.next_open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct NextOpenRequest {
    /// The calendar, by name or inline.
    pub calendar: CalendarRef,
    /// The instant to search from.
    pub now: Timestamp,
}

/// The response of `calendar.next_open`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct NextOpenResponse {
    /// The first instant at or after `now` when the calendar is open, in its local offset
    /// (`now` itself when it is open then; in UTC when that offset is not a whole number of
    /// minutes, see [`Timestamp`]).
    pub opens_at: Timestamp,
    /// Whether the calendar is open at `now`.
    pub open_now: bool,
    /// Seconds from `now` to `opens_at` (wall-clock time, not business time).
    pub wait_seconds: i64,
}

impl Operation for NextOpen {
    const NAME: &'static str = "calendar.next_open";
    const SUMMARY: &'static str =
        "The first instant at or after now when a business calendar is open";
    type Capability = CalendarCapability;
    type Request = NextOpenRequest;
    type Response = NextOpenResponse;

    fn run(
        cx: &Context<'_, CalendarCapability>,
        request: &NextOpenRequest,
        trace: &mut Trace,
    ) -> Result<NextOpenResponse, Error> {
        let calendar = request.calendar.resolve(cx.services(), trace)?;
        let from = local(&calendar, &request.now, "now")?;
        let mut notes = Notes::default();
        let opens = calendar
            .add_business_time_noted(request.now.to_utc(), chrono::TimeDelta::zero(), &mut notes)
            .map_err(at("now", "now"))?;
        record(&notes, &calendar, trace);
        let opens_at = local(&calendar, &Timestamp::from(opens), "now")?;
        let wait_seconds = (opens - request.now.to_utc()).num_seconds();
        trace.push(
            "calendar.next_open",
            format!("from {from}: open at {opens_at}"),
        );
        Ok(NextOpenResponse {
            opens_at,
            open_now: wait_seconds == 0 && opens == request.now.to_utc(),
            wait_seconds,
        })
    }

    fn now(request: &NextOpenRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

/// What to add: an amount with its unit. In JSON, `{"unit": "business_hours", "amount": 4}`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(tag = "unit", rename_all = "snake_case", deny_unknown_fields)]
pub enum Period {
    /// Business minutes: time that passes only while the calendar is open.
    BusinessMinutes {
        /// How many.
        amount: u32,
    },
    /// Business hours: time that passes only while the calendar is open.
    BusinessHours {
        /// How many.
        amount: u32,
    },
    /// Working days, keeping the local wall-clock time of the start.
    BusinessDays {
        /// How many.
        amount: u32,
    },
    /// Calendar days, optionally rolled forward to the end of a working day.
    CalendarDays {
        /// How many.
        amount: u32,
        /// `none` (default) or `next_working_day` (EU Regulation 1182/71).
        #[serde(default)]
        roll: Roll,
    },
}

/// `calendar.add`: the instant when a period (business time, business days or calendar
/// days) from `start` ends.
#[derive(Debug, Clone, Copy)]
pub struct Add;

/// The request of `calendar.add`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AddRequest {
    /// The calendar, by name or inline.
    pub calendar: CalendarRef,
    /// When the period starts.
    pub start: Timestamp,
    /// The period.
    pub add: Period,
}

/// The response of `calendar.add`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct AddResponse {
    /// When the period ends, in the calendar's local offset (in UTC when that offset is not a
    /// whole number of minutes, see [`Timestamp`]).
    pub due: Timestamp,
    /// For calendar days: the period's last local day (`YYYY-MM-DD`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub last_day: Option<String>,
    /// For calendar days: whether the last day was moved to the next working day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rolled: Option<bool>,
}

impl Operation for Add {
    const NAME: &'static str = "calendar.add";
    const SUMMARY: &'static str =
        "When a period from a start ends: business minutes or hours, business days, or calendar days rolled to a working day";
    type Capability = CalendarCapability;
    type Request = AddRequest;
    type Response = AddResponse;

    fn run(
        cx: &Context<'_, CalendarCapability>,
        request: &AddRequest,
        trace: &mut Trace,
    ) -> Result<AddResponse, Error> {
        let calendar = request.calendar.resolve(cx.services(), trace)?;
        let start = request.start.to_utc();
        let from = local(&calendar, &request.start, "start")?;
        let mut notes = Notes::default();
        let business = |due: chrono::DateTime<chrono::Utc>| AddResponse {
            due: calendar.to_local(&Timestamp::from(due)),
            last_day: None,
            rolled: None,
        };
        let (response, how) = match request.add {
            Period::BusinessMinutes { amount } | Period::BusinessHours { amount } => {
                let (delta, unit) = match request.add {
                    Period::BusinessHours { .. } => {
                        (chrono::TimeDelta::hours(i64::from(amount)), "business hour")
                    }
                    _ => (
                        chrono::TimeDelta::minutes(i64::from(amount)),
                        "business minute",
                    ),
                };
                let due = calendar
                    .add_business_time_noted(start, delta, &mut notes)
                    .map_err(at("add.amount", "start"))?;
                (
                    business(due),
                    format!("{} from {from}", plural(amount, unit)),
                )
            }
            Period::BusinessDays { amount } => {
                let due = calendar
                    .add_business_days_noted(start, amount, &mut notes)
                    .map_err(at("add.amount", "start"))?;
                (
                    business(due),
                    format!(
                        "{} from {from}, at the same local time",
                        plural(amount, "business day")
                    ),
                )
            }
            Period::CalendarDays { amount, roll } => {
                calendar_days(&calendar, start, &from, amount, roll, &mut notes)?
            }
        };
        record(&notes, &calendar, trace);
        trace.push("calendar.add", format!("{how}; due {}", response.due));
        Ok(response)
    }
}

/// `calendar.add` of calendar days: the due instant, the last day and whether it rolled to
/// a working day, and the trace's words for it.
fn calendar_days(
    calendar: &Calendar,
    start: chrono::DateTime<chrono::Utc>,
    from: &Timestamp,
    amount: u32,
    roll: Roll,
    notes: &mut Notes,
) -> Result<(AddResponse, String), Error> {
    let end = calendar
        .add_calendar_days_noted(start, amount, roll, notes)
        .map_err(at("add.amount", "start"))?;
    let days = plural(amount, "calendar day");
    let target = from
        .as_datetime()
        .date_naive()
        .checked_add_days(chrono::Days::new(u64::from(amount)))
        .unwrap_or(end.last_day);
    let how = match roll {
        Roll::None => format!("{days} from {from}, at the same local time"),
        Roll::NextWorkingDay if end.rolled => format!(
            "{days} from {from} end on {target}, not a working day: the period runs \
             to the end of the next working day, {}",
            end.last_day
        ),
        Roll::NextWorkingDay => format!(
            "{days} from {from} end on {target}, a working day: the period runs to \
             the end of that day"
        ),
    };
    Ok((
        AddResponse {
            due: end.due,
            last_day: Some(end.last_day.to_string()),
            rolled: Some(end.rolled),
        },
        how,
    ))
}

/// `calendar.elapsed`: the business time between two instants.
#[derive(Debug, Clone, Copy)]
pub struct Elapsed;

/// The request of `calendar.elapsed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ElapsedRequest {
    /// The calendar, by name or inline.
    pub calendar: CalendarRef,
    /// The start of the span.
    pub start: Timestamp,
    /// The end of the span (not before `start`).
    pub end: Timestamp,
}

/// The response of `calendar.elapsed`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ElapsedResponse {
    /// Business time from `start` to `end`, in whole seconds (rounded down).
    pub business_seconds: i64,
    /// Business time from `start` to `end`, in whole minutes (rounded down).
    pub business_minutes: i64,
}

impl Operation for Elapsed {
    const NAME: &'static str = "calendar.elapsed";
    const SUMMARY: &'static str = "The business time that passes between two instants";
    type Capability = CalendarCapability;
    type Request = ElapsedRequest;
    type Response = ElapsedResponse;

    fn run(
        cx: &Context<'_, CalendarCapability>,
        request: &ElapsedRequest,
        trace: &mut Trace,
    ) -> Result<ElapsedResponse, Error> {
        let calendar = request.calendar.resolve(cx.services(), trace)?;
        let from = local(&calendar, &request.start, "start")?;
        let to = local(&calendar, &request.end, "end")?;
        let mut notes = Notes::default();
        let total = calendar
            .elapsed_noted(request.start.to_utc(), request.end.to_utc(), &mut notes)
            .map_err(at("end", "end"))?;
        record(&notes, &calendar, trace);
        trace.push(
            "calendar.elapsed",
            format!(
                "from {from} to {to}: {} business seconds",
                total.num_seconds()
            ),
        );
        Ok(ElapsedResponse {
            business_seconds: total.num_seconds(),
            business_minutes: total.num_minutes(),
        })
    }
}

/// The calendar capability: `calendar.is_open`, `calendar.next_open`, `calendar.add` and
/// `calendar.elapsed`, over the foundations' business calendars.
#[derive(Debug)]
pub struct CalendarCapability;

impl crate::ops::Capability for CalendarCapability {
    type Config = ();
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<IsOpen>(),
        crate::ops::OperationInfo::of::<NextOpen>(),
        crate::ops::OperationInfo::of::<Add>(),
        crate::ops::OperationInfo::of::<Elapsed>(),
    ];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        let _ = (config, services, problems);
        Self
    }
}

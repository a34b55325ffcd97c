//! The compiled calendar and its arithmetic: opening, business time, business days and
//! calendar days.
//!
//! Everything is computed on instants (UTC underneath). A local opening interval becomes an
//! interval of instants day by day, through the time zone's rules for that very day, so a
//! DST change is never approximated with today's offset:
//! - the start of an interval in a DST gap opens at the first valid instant after the gap,
//!   its end in a gap closes there too, so an interval that crosses a gap is shorter;
//! - an interval start in a fold takes the earlier instant and an end the later one, so an
//!   interval that crosses a fold is longer;
//! - `24:00` ends a day at the first instant of the next local day.
//!
//! Every search is bounded: [`MAX_CLOSED_DAYS`] consecutive days without opening hours and
//! [`HORIZON_DAYS`] days in all, beyond which the answer is [`CalendarError::OutOfRange`].

use std::sync::Arc;

use chrono::{
    DateTime, Datelike, Days, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime,
    TimeDelta, Utc, Weekday,
};
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

use super::rules::HolidayRules;
use super::zone::ZoneRules;
use super::{CalendarError, Timestamp, Zone};
use crate::sort::SortedMap;

/// The most consecutive days without any opening a search walks through (three years)
/// before it answers [`CalendarError::OutOfRange`].
pub const MAX_CLOSED_DAYS: i64 = 3 * 366;

/// The farthest any answer may lie from its starting instant, in days (100 years).
pub const HORIZON_DAYS: i64 = 36_525;

/// An opening interval of one weekday, in minutes after local midnight (`end` up to 1440).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OpenInterval {
    pub start: u16,
    pub end: u16,
}

/// A holiday of a calendar: a dated one or a rule's.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Holiday<'a> {
    /// The local date.
    pub date: NaiveDate,
    /// Its name, when the configuration gives one (a rule always does).
    pub name: Option<&'a str>,
}

/// A dated holiday as a compiled calendar keeps it, by date.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DatedHoliday {
    /// The local date.
    pub date: NaiveDate,
    /// Its name, when the configuration gives one.
    pub name: Option<String>,
}

/// An amount of business time: time that passes only while a calendar is open.
///
/// Distinct from [`BusinessDays`] (a count of working days) and [`CalendarDays`] (a count of
/// days whatever the opening hours). Never negative; nanosecond precision.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct BusinessDuration(TimeDelta);

impl BusinessDuration {
    /// No business time.
    pub const ZERO: Self = Self(TimeDelta::zero());

    /// `n` business minutes.
    pub fn from_minutes(n: u32) -> Self {
        Self(TimeDelta::minutes(i64::from(n)))
    }

    /// `n` business hours.
    pub fn from_hours(n: u32) -> Self {
        Self(TimeDelta::hours(i64::from(n)))
    }

    /// `n` business seconds.
    pub fn from_seconds(n: u32) -> Self {
        Self(TimeDelta::seconds(i64::from(n)))
    }

    /// A business duration of `delta`, or `None` when `delta` is negative.
    pub fn from_time_delta(delta: TimeDelta) -> Option<Self> {
        (delta >= TimeDelta::zero()).then_some(Self(delta))
    }

    /// Whole seconds (rounded down).
    pub fn as_seconds(&self) -> i64 {
        self.0.num_seconds()
    }

    /// Whole minutes (rounded down).
    pub fn as_minutes(&self) -> i64 {
        self.0.num_minutes()
    }

    /// The exact duration.
    pub fn as_time_delta(&self) -> TimeDelta {
        self.0
    }

    /// The sum, or `None` when it overflows.
    pub fn checked_add(self, other: Self) -> Option<Self> {
        self.0.checked_add(&other.0).map(Self)
    }
}

/// A count of working days: days of the week with opening hours that are not holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct BusinessDays(pub u32);

/// A count of calendar days: every day counts, open or not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub struct CalendarDays(pub u32);

/// What happens when a period of calendar days ends on a day that is not a working day.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Roll {
    /// Plain calendar arithmetic: the same local wall-clock time `n` days later, working day
    /// or not.
    #[default]
    None,
    /// EU Regulation 1182/71 art. 3: the period ends with the expiry of the last hour of its
    /// last day, and when that day is a weekend day or holiday (a day that is not a working
    /// day of this calendar), with the expiry of the last hour of the next working day.
    NextWorkingDay,
}

/// The end of a period of calendar days.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PeriodEnd {
    /// The instant the period ends, in the calendar's offset. With [`Roll::NextWorkingDay`]
    /// it is the first instant after the last day (local midnight, or the first valid instant
    /// after it): the period is still running at every instant before `due`.
    pub due: Timestamp,
    /// The period's last local day (a working day with [`Roll::NextWorkingDay`]).
    pub last_day: NaiveDate,
    /// Whether the last day was moved forward from a day that is not a working day.
    pub rolled: bool,
}

/// An interval of instants during which the calendar is open.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Span {
    start: DateTime<Utc>,
    end: DateTime<Utc>,
}

/// An opening interval as UTC instants, start included, end excluded.
pub type UtcInterval = (DateTime<Utc>, DateTime<Utc>);

/// What one local day is.
enum Day {
    Holiday,
    Closed,
    Open(Vec<Span>),
}

/// Which instant a local time in a fold stands for.
#[derive(Clone, Copy)]
enum Edge {
    Earliest,
    Latest,
}

/// Dates noted while walking, for the receipt's trace.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct DayList {
    /// How many dates were noted.
    pub count: u64,
    /// The first dates noted, at most twelve.
    pub first: Vec<NaiveDate>,
}

impl DayList {
    const KEEP: usize = 12;

    fn note(&mut self, date: NaiveDate) {
        self.count += 1;
        if self.first.len() < Self::KEEP {
            self.first.push(date);
        }
    }
}

/// What a walk went through: days skipped and why, weeks counted whole, days whose hours a
/// DST change lengthened or shortened.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Notes {
    /// Holidays skipped.
    pub holidays: DayList,
    /// Days without opening hours skipped.
    pub closed: DayList,
    /// Days whose hours a change of offset lengthened or shortened.
    pub offset_changes: DayList,
    /// Whole weeks counted at once.
    pub whole_weeks: u64,
}

/// A business calendar: an IANA time zone, weekly opening hours, holiday rules and dated
/// holidays.
///
/// Built from a [`CalendarConfig`](super::CalendarConfig) or taken from an engine
/// (`Engine::calendar` in the core). Every answer is an instant in the
/// calendar's own offset.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Calendar {
    time_zone: Zone,
    /// The zone's changes, decoded once for the many lookups of every answer.
    zone_rules: Arc<ZoneRules>,
    week: [Vec<OpenInterval>; 7],
    /// By date: a sorted vector (see `crate::sort::SortedMap`).
    holidays: SortedMap<NaiveDate, DatedHoliday>,
    /// Holidays that come back every year.
    rules: HolidayRules,
    /// Business time of a week without holidays or offset changes.
    weekly: TimeDelta,
    /// Days of the week with opening hours.
    working_weekdays: u32,
}

fn out_of_range<T>(_: T) -> CalendarError {
    CalendarError::OutOfRange
}

fn next_day(date: NaiveDate) -> Result<NaiveDate, CalendarError> {
    date.succ_opt().ok_or(CalendarError::OutOfRange)
}

fn days_after(date: NaiveDate, n: u64) -> Result<NaiveDate, CalendarError> {
    date.checked_add_days(Days::new(n))
        .ok_or(CalendarError::OutOfRange)
}

fn add(t: DateTime<Utc>, delta: TimeDelta) -> Result<DateTime<Utc>, CalendarError> {
    t.checked_add_signed(delta).ok_or(CalendarError::OutOfRange)
}

impl Calendar {
    /// A calendar from its compiled parts: zone, each weekday's intervals, holidays.
    pub fn from_parts(
        time_zone: Zone,
        week: [Vec<OpenInterval>; 7],
        holidays: SortedMap<NaiveDate, DatedHoliday>,
    ) -> Self {
        let minutes: i64 = week
            .iter()
            .flatten()
            .map(|i| i64::from(i.end) - i64::from(i.start))
            .sum();
        let working_weekdays = week.iter().map(|d| u32::from(!d.is_empty())).sum();
        Self {
            time_zone,
            zone_rules: Arc::new(ZoneRules::of(time_zone)),
            week,
            holidays,
            rules: HolidayRules::default(),
            weekly: TimeDelta::minutes(minutes),
            working_weekdays,
        }
    }

    /// The calendar's IANA time zone.
    pub fn time_zone(&self) -> Zone {
        self.time_zone
    }

    /// The same calendar with holiday rules besides its dated holidays.
    #[must_use]
    pub fn with_rules(mut self, rules: HolidayRules) -> Self {
        self.rules = rules;
        self
    }

    /// The holiday on a local date, if any: a dated one first, else the first rule's.
    pub fn holiday(&self, date: NaiveDate) -> Option<Holiday<'_>> {
        if let Some(dated) = self.holidays.get(&date) {
            return Some(Holiday {
                date,
                name: dated.name.as_deref(),
            });
        }
        if !self.rules.closes(date) {
            return None;
        }
        let rule = self.rules.rule_on(date);
        Some(Holiday {
            date,
            name: rule.map(|r| &*r.name),
        })
    }

    /// The dated holidays (one-off closures), in date order.
    pub fn dated_holidays(&self) -> impl Iterator<Item = Holiday<'_>> {
        self.holidays.values().map(|h| Holiday {
            date: h.date,
            name: h.name.as_deref(),
        })
    }

    /// The holiday rules, its presets' and its own.
    pub fn holiday_rules(&self) -> &HolidayRules {
        &self.rules
    }

    /// Every holiday of a year, dated or by rule, in date order.
    pub fn holidays_in(&self, year: i32) -> Vec<Holiday<'_>> {
        let Some(mut date) = NaiveDate::from_ymd_opt(year, 1, 1) else {
            return Vec::new();
        };
        let mut found = Vec::new();
        while date.year() == year {
            found.extend(self.holiday(date));
            match date.succ_opt() {
                Some(next) => date = next,
                None => break,
            }
        }
        found
    }

    /// Whether a local date is a holiday, dated or by rule.
    #[inline]
    pub fn is_holiday(&self, date: NaiveDate) -> bool {
        self.holidays.contains_key(&date) || self.rules.closes(date)
    }

    /// Whether any day from `from` to `to` (both included) is a holiday.
    #[inline]
    fn any_holiday_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        self.holidays.any_between(&from, &to) || self.rules.any_between(from, to)
    }

    /// Whether the calendar has any opening hours in its week.
    pub fn has_open_hours(&self) -> bool {
        self.working_weekdays > 0
    }

    /// The business time of a week without holidays or DST changes.
    pub fn weekly_business_time(&self) -> BusinessDuration {
        BusinessDuration(self.weekly)
    }

    /// Whether a local date is a working day: its day of the week has opening hours and it
    /// is not a holiday.
    pub fn is_working_day(&self, date: NaiveDate) -> bool {
        !self.intervals(date.weekday()).is_empty() && !self.is_holiday(date)
    }

    /// The same instant in the calendar's offset.
    pub fn to_local(&self, at: &Timestamp) -> Timestamp {
        self.stamp(at.to_utc())
    }

    /// Whether the calendar is open at an instant (opening intervals include their start and
    /// exclude their end).
    ///
    /// # Errors
    /// [`CalendarError::OutOfRange`] when the time zone cannot place the instant's day.
    ///
    /// # Example
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::{CalendarConfig, Timestamp};
    /// let desk = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
    ///     .compile()?;
    /// assert!(desk.is_open(&Timestamp::parse("2026-03-06T17:59:00-03:00")?)?);
    /// assert!(!desk.is_open(&Timestamp::parse("2026-03-06T18:00:00-03:00")?)?);
    /// // The same instant written in UTC.
    /// assert!(desk.is_open(&Timestamp::parse("2026-03-06T20:59:00Z")?)?);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn is_open(&self, at: &Timestamp) -> Result<bool, CalendarError> {
        let t = at.to_utc();
        let date = self.local_date(t);
        for day in [date.pred_opt().unwrap_or(date), date] {
            if let Day::Open(spans) = self.day(day)? {
                if spans.iter().any(|s| s.start <= t && t < s.end) {
                    return Ok(true);
                }
            }
        }
        Ok(false)
    }

    /// The first instant at or after `at` when the calendar is open: `at` itself when it is
    /// open then. The same as adding zero business time.
    ///
    /// # Errors
    /// [`CalendarError::NoOpenHours`] when the week has no opening hours;
    /// [`CalendarError::OutOfRange`] when no opening comes within [`MAX_CLOSED_DAYS`] days;
    /// [`CalendarError::OutsideSupportedYears`] when the answer would lie outside
    /// [`SUPPORTED_YEARS`](super::SUPPORTED_YEARS).
    ///
    /// # Example
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::{CalendarConfig, Timestamp};
    /// let desk = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
    ///     .compile()?;
    /// let friday_night = Timestamp::parse("2026-03-06T21:00:00-03:00")?;
    /// assert_eq!(desk.next_open(&friday_night)?.to_string(), "2026-03-09T09:00:00-03:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn next_open(&self, at: &Timestamp) -> Result<Timestamp, CalendarError> {
        self.add_business_time(at, BusinessDuration::ZERO)
    }

    /// The instant when `amount` of business time has passed since `start`.
    ///
    /// Business time passes only inside opening intervals. When the amount runs out exactly
    /// at a closing time the answer is that closing time (Friday 17:00 plus one hour in a
    /// 09:00-18:00 calendar is Friday 18:00); adding zero gives the next opening
    /// ([`Calendar::next_open`]).
    ///
    /// # Errors
    /// [`CalendarError::NoOpenHours`] when the week has no opening hours;
    /// [`CalendarError::OutOfRange`] when no opening comes within [`MAX_CLOSED_DAYS`] days or
    /// the answer lies beyond [`HORIZON_DAYS`];
    /// [`CalendarError::OutsideSupportedYears`] when the answer would lie outside
    /// [`SUPPORTED_YEARS`](super::SUPPORTED_YEARS).
    ///
    /// # Example
    /// A ticket created on Friday at 17:00 with a two-business-hour target:
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::{BusinessDuration, CalendarConfig, Timestamp};
    /// let week = [Mon, Tue, Wed, Thu, Fri];
    /// let desk = CalendarConfig::new("America/Sao_Paulo").open(&week, ["09:00-18:00"]);
    /// let created = Timestamp::parse("2026-03-06T17:00:00-03:00")?;
    /// let two_hours = BusinessDuration::from_hours(2);
    /// let due = desk.compile()?.add_business_time(&created, two_hours)?;
    /// assert_eq!(due.to_string(), "2026-03-09T10:00:00-03:00");
    /// // When Monday is a holiday, the answer moves to Tuesday.
    /// let due = desk.holiday("2026-03-09").compile()?.add_business_time(&created, two_hours)?;
    /// assert_eq!(due.to_string(), "2026-03-10T10:00:00-03:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_business_time(
        &self,
        start: &Timestamp,
        amount: BusinessDuration,
    ) -> Result<Timestamp, CalendarError> {
        self.add_business_time_noted(start.to_utc(), amount.0, &mut Notes::default())
            .map(|t| self.stamp(t))
    }

    /// The same local wall-clock time `days` working days after `start`'s local date (the
    /// start day itself never counts). Where that time does not exist on the day reached (a
    /// DST gap) the answer is the first valid instant after it; where it occurs twice (a
    /// fold), the earlier. Zero days gives `start`.
    ///
    /// # Errors
    /// [`CalendarError::NoOpenHours`] when the week has no opening hours;
    /// [`CalendarError::OutOfRange`] beyond [`MAX_CLOSED_DAYS`] closed days in a row or
    /// [`HORIZON_DAYS`] in all; [`CalendarError::OutsideSupportedYears`] when the answer
    /// would lie outside [`SUPPORTED_YEARS`](super::SUPPORTED_YEARS).
    ///
    /// # Example
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::{BusinessDays, CalendarConfig, Timestamp};
    /// let desk = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
    ///     .holiday("2026-11-20")
    ///     .compile()?;
    /// let thursday = Timestamp::parse("2026-11-19T15:00:00-03:00")?;
    /// let due = desk.add_business_days(&thursday, BusinessDays(2))?;
    /// assert_eq!(due.to_string(), "2026-11-24T15:00:00-03:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_business_days(
        &self,
        start: &Timestamp,
        days: BusinessDays,
    ) -> Result<Timestamp, CalendarError> {
        self.add_business_days_noted(start.to_utc(), days.0, &mut Notes::default())
            .map(|t| self.stamp(t))
    }

    /// The end of a period of `days` calendar days from `start`, with or without rolling
    /// forward to a working day (see [`Roll`] and [`PeriodEnd`]).
    ///
    /// With [`Roll::None`] the answer is the same local wall-clock time `days` days later
    /// (DST gaps and folds resolved as in [`Calendar::add_business_days`]). With
    /// [`Roll::NextWorkingDay`] the day of `start` does not count, the period runs to the end
    /// of its last day, and a last day that is not a working day moves to the next working
    /// day.
    ///
    /// # Errors
    /// With [`Roll::NextWorkingDay`], [`CalendarError::NoOpenHours`] when the week has no
    /// working day; [`CalendarError::OutOfRange`] beyond [`MAX_CLOSED_DAYS`] closed days in a
    /// row or [`HORIZON_DAYS`] in all; [`CalendarError::OutsideSupportedYears`] when the
    /// answer would lie outside [`SUPPORTED_YEARS`](super::SUPPORTED_YEARS).
    ///
    /// # Example
    /// A seven-day withdrawal period from a delivery on Friday 13 November 2026 ends on
    /// Friday the 20th, a national holiday in Brazil, so it runs to the end of Monday:
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::{CalendarConfig, CalendarDays, Roll, Timestamp};
    /// let desk = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
    ///     .holiday("2026-11-20")
    ///     .compile()?;
    /// let delivered = Timestamp::parse("2026-11-13T11:20:00-03:00")?;
    /// let end = desk.add_calendar_days(&delivered, CalendarDays(7), Roll::NextWorkingDay)?;
    /// assert_eq!(end.last_day.to_string(), "2026-11-23");
    /// assert_eq!(end.due.to_string(), "2026-11-24T00:00:00-03:00");
    /// assert!(end.rolled);
    /// let plain = desk.add_calendar_days(&delivered, CalendarDays(7), Roll::None)?;
    /// assert_eq!(plain.due.to_string(), "2026-11-20T11:20:00-03:00");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn add_calendar_days(
        &self,
        start: &Timestamp,
        days: CalendarDays,
        roll: Roll,
    ) -> Result<PeriodEnd, CalendarError> {
        self.add_calendar_days_noted(start.to_utc(), days.0, roll, &mut Notes::default())
    }

    /// The business time that passes from `start` to `end`: the length of their overlap with
    /// the opening intervals.
    ///
    /// # Errors
    /// [`CalendarError::EndBeforeStart`] when `end` is before `start`;
    /// [`CalendarError::OutOfRange`] when they are more than [`HORIZON_DAYS`] apart.
    ///
    /// # Example
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::{CalendarConfig, Timestamp};
    /// let desk = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
    ///     .compile()?;
    /// let friday = Timestamp::parse("2026-03-06T17:00:00-03:00")?;
    /// let monday = Timestamp::parse("2026-03-09T10:00:00-03:00")?;
    /// assert_eq!(desk.elapsed(&friday, &monday)?.as_minutes(), 120);
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn elapsed(
        &self,
        start: &Timestamp,
        end: &Timestamp,
    ) -> Result<BusinessDuration, CalendarError> {
        self.elapsed_noted(start.to_utc(), end.to_utc(), &mut Notes::default())
            .map(BusinessDuration)
    }

    /// The opening intervals that overlap `start..end`, clipped to it, in time order and never
    /// overlapping, as UTC instants. For callers that measure many stretches of business time
    /// inside one window (SLA clocks): one walk over the days instead of one per stretch.
    ///
    /// # Errors
    /// [`CalendarError::EndBeforeStart`] when `end` is before `start`;
    /// [`CalendarError::OutOfRange`] when they are more than [`HORIZON_DAYS`] apart.
    pub fn open_intervals(
        &self,
        start: &Timestamp,
        end: &Timestamp,
    ) -> Result<Vec<UtcInterval>, CalendarError> {
        let (start, end) = (start.to_utc(), end.to_utc());
        if end < start {
            return Err(CalendarError::EndBeforeStart);
        }
        let first = self.local_date(start);
        let last = self.local_date(end);
        if (last - first).num_days() > HORIZON_DAYS {
            return Err(CalendarError::OutOfRange);
        }
        let mut out = Vec::new();
        let mut cursor = start;
        let mut date = first.pred_opt().ok_or(CalendarError::OutOfRange)?;
        while date <= last {
            if let Day::Open(spans) = self.day(date)? {
                for span in spans {
                    let from = span.start.max(cursor);
                    let to = span.end.min(end);
                    if to > from {
                        out.push((from, to));
                        cursor = to;
                    }
                }
            }
            date = next_day(date)?;
        }
        Ok(out)
    }

    // ---- the walks, with notes for traces ----

    /// [`Calendar::add_business_time`] on UTC instants, noting the days it walks.
    ///
    /// # Errors
    /// As [`Calendar::add_business_time`].
    pub fn add_business_time_noted(
        &self,
        start: DateTime<Utc>,
        amount: TimeDelta,
        notes: &mut Notes,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if !self.has_open_hours() {
            return Err(CalendarError::NoOpenHours);
        }
        let horizon_weeks = i32::try_from(HORIZON_DAYS / 7).map_err(out_of_range)?;
        match self.weekly.checked_mul(horizon_weeks) {
            Some(most) if amount <= most => {}
            _ => return Err(CalendarError::OutOfRange),
        }
        let first = self.local_date(start);
        let mut date = first.pred_opt().ok_or(CalendarError::OutOfRange)?;
        let mut last_open = first;
        let mut cursor = start;
        let mut remaining = amount;
        loop {
            self.check_bounds(first, date, last_open)?;
            if remaining > self.weekly && date > first {
                if let Some(t0) = self.clean_week_from(date)? {
                    if cursor <= t0 {
                        remaining = remaining
                            .checked_sub(&self.weekly)
                            .ok_or(CalendarError::OutOfRange)?;
                        date = days_after(date, 7)?;
                        last_open = date;
                        notes.whole_weeks += 1;
                        continue;
                    }
                }
            }
            match self.day(date)? {
                Day::Open(spans) => {
                    self.note_offset_change(date, &spans, first, notes);
                    for span in spans {
                        if span.end <= cursor {
                            continue;
                        }
                        let from = span.start.max(cursor);
                        let available = span.end - from;
                        if remaining <= available {
                            return self.writable(add(from, remaining)?);
                        }
                        remaining -= available;
                        cursor = span.end;
                    }
                    last_open = date;
                }
                Day::Holiday if date >= first => notes.holidays.note(date),
                Day::Closed if date >= first => notes.closed.note(date),
                Day::Holiday | Day::Closed => {}
            }
            date = next_day(date)?;
        }
    }

    /// [`Calendar::add_business_days`] on UTC instants, noting the days it walks.
    ///
    /// # Errors
    /// As [`Calendar::add_business_days`].
    pub fn add_business_days_noted(
        &self,
        start: DateTime<Utc>,
        days: u32,
        notes: &mut Notes,
    ) -> Result<DateTime<Utc>, CalendarError> {
        if !self.has_open_hours() {
            return Err(CalendarError::NoOpenHours);
        }
        if days == 0 {
            return self.writable(start);
        }
        let local = start.with_timezone(&self.offset_at(start)).naive_local();
        let first = local.date();
        let mut date = first;
        let mut last_working = first;
        let mut left = days;
        loop {
            self.check_bounds(first, date, last_working)?;
            if left > self.working_weekdays {
                let from = next_day(date)?;
                let to = days_after(date, 7)?;
                if !self.any_holiday_between(from, to) {
                    left -= self.working_weekdays;
                    date = to;
                    last_working = date;
                    notes.whole_weeks += 1;
                    continue;
                }
            }
            date = next_day(date)?;
            if self.is_working_day(date) {
                left -= 1;
                last_working = date;
                if left == 0 {
                    let due = self.resolve_local(date.and_time(local.time()), Edge::Earliest)?;
                    return self.writable(due);
                }
            } else if self.is_holiday(date) {
                notes.holidays.note(date);
            } else {
                notes.closed.note(date);
            }
        }
    }

    /// [`Calendar::add_calendar_days`] on UTC instants, noting the days it walks.
    ///
    /// # Errors
    /// As [`Calendar::add_calendar_days`].
    pub fn add_calendar_days_noted(
        &self,
        start: DateTime<Utc>,
        days: u32,
        roll: Roll,
        notes: &mut Notes,
    ) -> Result<PeriodEnd, CalendarError> {
        if i64::from(days) > HORIZON_DAYS {
            return Err(CalendarError::OutOfRange);
        }
        let local = start.with_timezone(&self.offset_at(start)).naive_local();
        let target = days_after(local.date(), u64::from(days))?;
        match roll {
            Roll::None => {
                let due = self.resolve_local(target.and_time(local.time()), Edge::Earliest)?;
                let due = self.writable(due)?;
                Ok(PeriodEnd {
                    due: self.stamp(due),
                    last_day: target,
                    rolled: false,
                })
            }
            Roll::NextWorkingDay => {
                if !self.has_open_hours() {
                    return Err(CalendarError::NoOpenHours);
                }
                let mut day = target;
                while !self.is_working_day(day) {
                    if self.is_holiday(day) {
                        notes.holidays.note(day);
                    } else {
                        notes.closed.note(day);
                    }
                    day = next_day(day)?;
                    if (day - target).num_days() > MAX_CLOSED_DAYS {
                        return Err(CalendarError::OutOfRange);
                    }
                }
                let due = self.writable(self.resolve(day, 24 * 60, Edge::Earliest)?)?;
                Ok(PeriodEnd {
                    due: self.stamp(due),
                    last_day: day,
                    rolled: day != target,
                })
            }
        }
    }

    /// [`Calendar::elapsed`] on UTC instants, noting the days it walks.
    ///
    /// # Errors
    /// As [`Calendar::elapsed`].
    pub fn elapsed_noted(
        &self,
        start: DateTime<Utc>,
        end: DateTime<Utc>,
        notes: &mut Notes,
    ) -> Result<TimeDelta, CalendarError> {
        if end < start {
            return Err(CalendarError::EndBeforeStart);
        }
        let first = self.local_date(start);
        let last = self.local_date(end);
        if (last - first).num_days() > HORIZON_DAYS {
            return Err(CalendarError::OutOfRange);
        }
        let mut total = TimeDelta::zero();
        let mut cursor = start;
        let mut date = first.pred_opt().ok_or(CalendarError::OutOfRange)?;
        while date <= last {
            if date > first {
                if let Some(t0) = self.clean_week_from(date)? {
                    let week_end = add(t0, TimeDelta::days(7))?;
                    if cursor <= t0 && week_end <= end {
                        total = total
                            .checked_add(&self.weekly)
                            .ok_or(CalendarError::OutOfRange)?;
                        date = days_after(date, 7)?;
                        notes.whole_weeks += 1;
                        continue;
                    }
                }
            }
            match self.day(date)? {
                Day::Open(spans) => {
                    self.note_offset_change(date, &spans, first, notes);
                    for span in spans {
                        let from = span.start.max(cursor);
                        let to = span.end.min(end);
                        if to > from {
                            total = total
                                .checked_add(&(to - from))
                                .ok_or(CalendarError::OutOfRange)?;
                            cursor = to;
                        }
                    }
                }
                Day::Holiday if date >= first => notes.holidays.note(date),
                Day::Closed if date >= first => notes.closed.note(date),
                Day::Holiday | Day::Closed => {}
            }
            date = next_day(date)?;
        }
        Ok(total)
    }

    // ---- days and instants ----

    fn intervals(&self, day: Weekday) -> &[OpenInterval] {
        self.week
            .get(day.num_days_from_monday() as usize)
            .map_or(&[], Vec::as_slice)
    }

    fn local_date(&self, t: DateTime<Utc>) -> NaiveDate {
        t.with_timezone(&self.offset_at(t)).date_naive()
    }

    fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        self.zone_rules.offset_at(t)
    }

    /// `t` when it can be written in RFC 3339, in the calendar's offset and in UTC: its date
    /// is within [`SUPPORTED_YEARS`](super::SUPPORTED_YEARS) in both.
    fn writable(&self, t: DateTime<Utc>) -> Result<DateTime<Utc>, CalendarError> {
        if self.stamp(t).is_supported() {
            Ok(t)
        } else {
            Err(CalendarError::OutsideSupportedYears)
        }
    }

    fn stamp(&self, t: DateTime<Utc>) -> Timestamp {
        Timestamp::from(t.with_timezone(&self.offset_at(t)))
    }

    fn check_bounds(
        &self,
        first: NaiveDate,
        date: NaiveDate,
        last_open: NaiveDate,
    ) -> Result<(), CalendarError> {
        if (date - first).num_days() > HORIZON_DAYS
            || (date - last_open).num_days() > MAX_CLOSED_DAYS
        {
            return Err(CalendarError::OutOfRange);
        }
        Ok(())
    }

    /// The instant a local minute of a date stands for (`1440` is the next day's midnight).
    fn resolve(
        &self,
        date: NaiveDate,
        minute: u16,
        edge: Edge,
    ) -> Result<DateTime<Utc>, CalendarError> {
        let (date, minute, edge) = if minute >= 24 * 60 {
            (next_day(date)?, 0, Edge::Earliest)
        } else {
            (date, minute, edge)
        };
        let time = NaiveTime::from_hms_opt(u32::from(minute / 60), u32::from(minute % 60), 0)
            .ok_or(CalendarError::OutOfRange)?;
        self.resolve_local(date.and_time(time), edge)
    }

    /// The instant a local wall-clock time stands for: the first valid instant after a gap;
    /// the earlier or later instant of a fold as `edge` says.
    fn resolve_local(
        &self,
        local: NaiveDateTime,
        edge: Edge,
    ) -> Result<DateTime<Utc>, CalendarError> {
        match self.zone_rules.map_local(&local) {
            MappedLocalTime::Single(t) => Ok(t),
            MappedLocalTime::Ambiguous(a, b) => Ok(match edge {
                Edge::Earliest => a.min(b),
                Edge::Latest => a.max(b),
            }),
            MappedLocalTime::None => self
                .zone_rules
                .gap_end(&local)
                .ok_or(CalendarError::OutOfRange),
        }
    }

    /// A local day as instants: a holiday, closed, or its opening spans in order (each
    /// clipped to start no earlier than the previous one ended).
    fn day(&self, date: NaiveDate) -> Result<Day, CalendarError> {
        if self.is_holiday(date) {
            return Ok(Day::Holiday);
        }
        let intervals = self.intervals(date.weekday());
        // With several intervals, a day that one offset covers whole is placed by arithmetic
        // instead of a time-zone lookup per interval edge.
        let steady = match intervals.len() {
            0 | 1 => None,
            _ => self.steady_offset(date)?,
        };
        self.spans(date, steady)
    }

    /// The opening spans of a date: by arithmetic from `steady` (the day's midnight, when one
    /// offset holds all day), or by looking each edge up in the time zone.
    fn spans(&self, date: NaiveDate, steady: Option<DateTime<Utc>>) -> Result<Day, CalendarError> {
        let intervals = self.intervals(date.weekday());
        let mut spans: Vec<Span> = Vec::with_capacity(intervals.len());
        for interval in intervals {
            let (mut start, end) = match steady {
                Some(midnight) => (
                    add(midnight, TimeDelta::minutes(i64::from(interval.start)))?,
                    add(midnight, TimeDelta::minutes(i64::from(interval.end)))?,
                ),
                None => (
                    self.resolve(date, interval.start, Edge::Earliest)?,
                    self.resolve(date, interval.end, Edge::Latest)?,
                ),
            };
            if let Some(prev) = spans.last() {
                start = start.max(prev.end);
            }
            if end > start {
                spans.push(Span { start, end });
            }
        }
        Ok(if spans.is_empty() {
            Day::Closed
        } else {
            Day::Open(spans)
        })
    }

    /// When one UTC offset holds from the local midnight starting `date` to the one ending
    /// it, that midnight as an instant.
    fn steady_offset(&self, date: NaiveDate) -> Result<Option<DateTime<Utc>>, CalendarError> {
        let t0 = self.resolve(date, 0, Edge::Earliest)?;
        let offset = self.offset_at(t0);
        let before = self.offset_at(add(t0, -TimeDelta::seconds(1))?);
        let after = self.offset_at(add(t0, TimeDelta::days(1))?);
        Ok((before == offset && after == offset).then_some(t0))
    }

    /// When the seven local days from `date` have no holiday and one UTC offset throughout,
    /// the instant the week starts; their business time is then exactly the nominal week.
    fn clean_week_from(&self, date: NaiveDate) -> Result<Option<DateTime<Utc>>, CalendarError> {
        let last = days_after(date, 6)?;
        if self.any_holiday_between(date, last) {
            return Ok(None);
        }
        let t0 = self.resolve(date, 0, Edge::Earliest)?;
        let offset = self.offset_at(t0);
        // A change of offset at the very start of the week (midnight in a gap) counts too.
        if self.offset_at(add(t0, -TimeDelta::seconds(1))?) != offset {
            return Ok(None);
        }
        for k in 1..=7 {
            if self.offset_at(add(t0, TimeDelta::days(k))?) != offset {
                return Ok(None);
            }
        }
        Ok(Some(t0))
    }

    /// Notes a day whose opening hours a change of UTC offset lengthened or shortened.
    fn note_offset_change(
        &self,
        date: NaiveDate,
        spans: &[Span],
        first: NaiveDate,
        notes: &mut Notes,
    ) {
        if date < first {
            return;
        }
        let actual: TimeDelta = spans.iter().map(|s| s.end - s.start).sum();
        let nominal: i64 = self
            .intervals(date.weekday())
            .iter()
            .map(|i| i64::from(i.end) - i64::from(i.start))
            .sum();
        if actual != TimeDelta::minutes(nominal) {
            notes.offset_changes.note(date);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::calendar::CalendarConfig;

    fn spans(day: Day) -> Vec<Span> {
        match day {
            Day::Open(spans) => spans,
            Day::Holiday | Day::Closed => Vec::new(),
        }
    }

    /// Placing a steady day by arithmetic gives exactly what looking every edge up gives.
    #[test]
    fn arithmetic_days_match_looked_up_days() {
        for zone in [
            "America/New_York",
            "America/Sao_Paulo",
            "Europe/Athens",
            "Australia/Lord_Howe",
            "America/Santiago",
            "Pacific/Apia",
        ] {
            let calendar = CalendarConfig::new(zone)
                .open(
                    &[Weekday::Mon, Weekday::Wed, Weekday::Sat, Weekday::Sun],
                    ["00:00-00:30", "01:30-02:30", "09:00-12:00", "23:00-24:00"],
                )
                .compile()
                .unwrap();
            let mut date = NaiveDate::from_ymd_opt(2010, 1, 1).unwrap();
            let mut steady_days = 0;
            while date.year() < 2028 {
                if let Some(midnight) = calendar.steady_offset(date).unwrap() {
                    steady_days += 1;
                    assert_eq!(
                        spans(calendar.spans(date, Some(midnight)).unwrap()),
                        spans(calendar.spans(date, None).unwrap()),
                        "{zone} {date}"
                    );
                }
                date = date.succ_opt().unwrap();
            }
            assert!(steady_days > 6000, "{zone}");
        }
    }
}

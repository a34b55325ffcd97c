//! Business calendars: a time zone, weekly opening hours and dated holidays.
//!
//! "30 calendar days", "2 business days" and "4 business hours" are different things and
//! the types say which: [`CalendarDays`], [`BusinessDays`] and [`BusinessDuration`]. DST gaps
//! and folds are handled, not ignored: each day's opening hours become instants through the
//! time zone's rules for that day (see [`Calendar`]).
//!
//! ```
//! use chrono::Weekday::*;
//! use recourse_base::calendar::{BusinessDuration, CalendarConfig, Timestamp};
//! let desk = CalendarConfig::new("America/Sao_Paulo")
//!     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
//!     .holiday("2026-11-20")
//!     .compile()?;
//! let created = Timestamp::parse("2026-11-19T17:00:00-03:00")?; // Thursday
//! let due = desk.add_business_time(&created, BusinessDuration::from_hours(2))?;
//! // Friday 20 November is a holiday: the clock resumes on Monday.
//! assert_eq!(due.to_string(), "2026-11-23T10:00:00-03:00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod business;
mod config;
mod timestamp;
mod zone;

pub use business::{
    BusinessDays, BusinessDuration, Calendar, CalendarDays, DayList, Holiday, Notes, PeriodEnd,
    Roll, HORIZON_DAYS, MAX_CLOSED_DAYS,
};
pub use config::parse_date;
pub use config::{CalendarConfig, HolidayConfig, WeeklyHours, MAX_INTERVALS_PER_DAY, WEEK};
pub use timestamp::{Timestamp, SUPPORTED_YEARS};
pub use zone::ZoneRules;
pub use zone::{Zone, ZoneOffset};

/// Errors of business calendars: their configuration and their arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The calendar has no open hours at all, so no business time can ever pass.
    #[error("the calendar has no open hours")]
    NoOpenHours,
    /// The answer lies beyond what a search may walk: more than three years of consecutive
    /// days without opening hours, or more than 100 years from the start.
    #[error("the answer lies beyond the calendar's search range")]
    OutOfRange,
    /// The answer would lie outside [`SUPPORTED_YEARS`], in UTC or in the calendar's offset,
    /// where it has no RFC 3339 text. Its code is that of
    /// [`InputError::OutOfRange`](crate::error::InputError::OutOfRange), `input.out_of_range`:
    /// the instant the request starts from is too close to the end (or the start) of the
    /// supported years.
    #[error("the answer would lie outside the supported years, 0001 to 9999")]
    OutsideSupportedYears,
    /// The time zone is not an IANA time zone name such as `America/Sao_Paulo`.
    #[error("unknown time zone: expected an IANA name such as \"America/Sao_Paulo\"")]
    UnknownTimeZone,
    /// An opening interval is ill-formed, out of order or overlaps an earlier one.
    #[error("invalid opening hours: {detail}")]
    InvalidHours {
        /// What is wrong (never the value received).
        detail: &'static str,
    },
    /// A holiday is not a valid date written `YYYY-MM-DD`.
    #[error("expected a date written YYYY-MM-DD")]
    InvalidDate,
    /// The same date is listed twice among the holidays.
    #[error("the date is already listed among the holidays")]
    DuplicateHoliday,
    /// The request names a calendar the configuration does not define.
    #[error("unknown calendar: the configuration's `calendars` section names them")]
    UnknownCalendar,
    /// The end of a span of time is before its start.
    #[error("the end is before the start")]
    EndBeforeStart,
}

impl CalendarError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoOpenHours => "calendar.no_open_hours",
            Self::OutOfRange => "calendar.out_of_range",
            Self::OutsideSupportedYears => crate::error::InputError::OutOfRange.code(),
            Self::UnknownTimeZone => "config.unknown_time_zone",
            Self::InvalidHours { .. } => "config.invalid_hours",
            Self::InvalidDate => "config.invalid_date",
            Self::DuplicateHoliday => "config.duplicate_holiday",
            Self::UnknownCalendar => "input.unknown_calendar",
            Self::EndBeforeStart => "input.end_before_start",
        }
    }
}

#[cfg(test)]
mod tests;

//! Business calendars: a time zone, weekly opening hours, holiday rules and presets that
//! hold every year (see [`PRESETS`]), and dated holidays for one-off closures.
//!
//! "30 calendar days", "2 business days" and "4 business hours" are different things and
//! the types say which: [`CalendarDays`], [`BusinessDays`] and [`BusinessDuration`]. DST gaps
//! and folds are handled, not ignored: each day's opening hours become instants through the
//! time zone's rules for that day (see [`Calendar`]).
//!
//! ```
//! use chrono::Weekday::*;
//! use recourse_payments_base::calendar::{BusinessDuration, CalendarConfig, Timestamp};
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
//!
//! Holidays that come back every year are rules, alone or from a preset ([`PRESETS`], each
//! with its legal source), so they never run out; dated holidays remain for one-off
//! closures:
//! ```
//! use chrono::{NaiveDate, Weekday::*};
//! use recourse_payments_base::calendar::{CalendarConfig, RuleConfig};
//! let carnival: RuleConfig =
//!     serde_json::from_str(r#"{"name": "Carnaval", "easter_offset": -47}"#)?;
//! let desk = CalendarConfig::new("America/Sao_Paulo")
//!     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
//!     .preset("br_national")
//!     .rule(carnival)
//!     .holiday("2040-12-24")
//!     .compile()?;
//! let day = |text: &str| text.parse::<NaiveDate>();
//! assert_eq!(desk.holiday(day("2040-03-30")?).and_then(|h| h.name), Some("Sexta-feira Santa"));
//! assert_eq!(desk.holiday(day("2040-02-14")?).and_then(|h| h.name), Some("Carnaval"));
//! assert!(!desk.is_working_day(day("2040-12-24")?));
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod business;
mod config;
mod presets;
mod rule_config;
mod rules;
mod timestamp;
mod zone;

pub use crate::error::CalendarError;
pub use business::{
    BusinessDays, BusinessDuration, Calendar, CalendarDays, DatedHoliday, DayList, Holiday, Notes,
    PeriodEnd, Roll, HORIZON_DAYS, MAX_CLOSED_DAYS,
};
pub use config::parse_date;
pub use config::{CalendarConfig, HolidayConfig, WeeklyHours, MAX_INTERVALS_PER_DAY, WEEK};
pub use presets::{preset, Preset, PRESETS};
pub use rule_config::{DayOfWeek, RuleConfig};
pub use rules::{
    easter, easter_orthodox, easter_western, nth_weekday, Church, HolidayRules, Observed, Rule,
    RuleDay, CACHED_YEARS, MAX_RULES,
};
pub use timestamp::{Timestamp, SUPPORTED_YEARS};
pub use zone::ZoneRules;
pub use zone::{Zone, ZoneOffset};

#[cfg(test)]
mod rule_tests;
#[cfg(test)]
mod tests;

//! Calendars as written in a configuration or a request: a time zone name, weekly opening
//! hours as `"HH:MM-HH:MM"` strings, holiday presets and rules, and dated holidays as
//! `"YYYY-MM-DD"` dates.
//!
//! Everything stays text until [`CalendarConfig::compile`], so that one pass can report every
//! problem with its exact path instead of stopping at the first.

use chrono::{NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::{At, Decode, DecodeError};

use super::business::{Calendar, DatedHoliday, OpenInterval};
use super::presets::preset;
use super::rule_config::RuleConfig;
use super::rules::{HolidayRules, Rule, MAX_RULES};
use super::CalendarError;
use crate::sort::{repeated, SortedMap};
use crate::Error;

/// A business calendar as configured: an IANA time zone, weekly opening hours, holiday
/// presets and rules that hold every year, and dated holidays for one-off closures.
///
/// In TOML:
/// ```toml
/// [calendars.sao_paulo]
/// time_zone = "America/Sao_Paulo"
/// hours.mon = ["09:00-12:00", "13:00-18:00"]
/// presets = ["br_national"]
/// rules = [{ name = "Aniversário da Cidade de São Paulo", month = 1, day = 25 }]
/// holidays = ["2026-12-24", { date = "2026-12-31", name = "Inventário" }]
/// ```
/// The presets are listed in [`PRESETS`](super::PRESETS); a rule is a [`RuleConfig`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CalendarConfig {
    /// The IANA time zone, such as `America/Sao_Paulo`.
    pub time_zone: String,
    /// Opening hours per day of the week.
    #[serde(default)]
    pub hours: WeeklyHours,
    /// Holiday presets by name, such as `br_national` (see [`PRESETS`](super::PRESETS)).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub presets: Vec<String>,
    /// Holiday rules of the calendar's own, on top of its presets' ones.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub rules: Vec<RuleConfig>,
    /// Days closed whatever the weekday, as local dates: one-off closures.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub holidays: Vec<HolidayConfig>,
}

/// Opening hours per day of the week: each day a list of up to
/// [`MAX_INTERVALS_PER_DAY`] `"HH:MM-HH:MM"` local intervals, in order and not overlapping
/// (`"24:00"` may end the last). A day without intervals is closed.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WeeklyHours {
    /// Monday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub mon: Vec<String>,
    /// Tuesday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tue: Vec<String>,
    /// Wednesday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub wed: Vec<String>,
    /// Thursday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub thu: Vec<String>,
    /// Friday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fri: Vec<String>,
    /// Saturday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sat: Vec<String>,
    /// Sunday's intervals.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub sun: Vec<String>,
}

impl WeeklyHours {
    /// The intervals of `day`.
    pub fn day(&self, day: Weekday) -> &Vec<String> {
        match day {
            Weekday::Mon => &self.mon,
            Weekday::Tue => &self.tue,
            Weekday::Wed => &self.wed,
            Weekday::Thu => &self.thu,
            Weekday::Fri => &self.fri,
            Weekday::Sat => &self.sat,
            Weekday::Sun => &self.sun,
        }
    }

    /// The intervals of `day`, to change.
    pub fn day_mut(&mut self, day: Weekday) -> &mut Vec<String> {
        match day {
            Weekday::Mon => &mut self.mon,
            Weekday::Tue => &mut self.tue,
            Weekday::Wed => &mut self.wed,
            Weekday::Thu => &mut self.thu,
            Weekday::Fri => &mut self.fri,
            Weekday::Sat => &mut self.sat,
            Weekday::Sun => &mut self.sun,
        }
    }
}

/// A holiday: a bare local date `"2026-11-20"`, or `{ date = "2026-11-20", name = "..." }`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, JsonSchema)]
#[serde(untagged)]
pub enum HolidayConfig {
    /// A bare date, `YYYY-MM-DD`.
    Date(String),
    /// A date with a name shown in traces.
    Named {
        /// The local date, `YYYY-MM-DD`.
        date: String,
        /// The holiday's name, such as `Natal`.
        name: String,
    },
}

impl Decode for HolidayConfig {
    /// A string is a bare date; an object a named one.
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        crate::decode::string_or_object(
            value,
            at,
            "a date or a date with a name",
            |date| Self::Date(date.to_owned()),
            || {
                let NamedHoliday { date, name } = NamedHoliday::decode(value, at)?;
                Ok(Self::Named { date, name })
            },
        )
    }

    /// Below a holiday, only a named one has keys.
    fn write_path(steps: &[crate::decode::Step<'_>], out: &mut String) {
        NamedHoliday::write_path(steps, out);
    }
}

crate::decode::deserialize_through_decode!(HolidayConfig);

impl Encode for HolidayConfig {
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        match self {
            Self::Date(date) => date.encode(out),
            Self::Named { date, name } => {
                out.open();
                let mut comma = false;
                out.key(&mut comma, "\"date\":");
                date.encode(out);
                out.key(&mut comma, "\"name\":");
                name.encode(out);
                out.close(comma);
            }
        }
    }
}

/// The object form of [`HolidayConfig`]: its two fields and no other, as every object of a
/// calendar.
#[derive(Decode)]
#[serde(deny_unknown_fields)]
struct NamedHoliday {
    date: String,
    name: String,
}

impl HolidayConfig {
    fn date(&self) -> &str {
        match self {
            Self::Date(date) | Self::Named { date, .. } => date,
        }
    }

    fn name(&self) -> Option<&str> {
        match self {
            Self::Date(_) => None,
            Self::Named { name, .. } => Some(name),
        }
    }
}

/// The most opening intervals one day may have; it bounds the work of every walk.
pub const MAX_INTERVALS_PER_DAY: usize = 24;

/// The days in the order paths and traces name them.
pub const WEEK: [(Weekday, &str); 7] = [
    (Weekday::Mon, "mon"),
    (Weekday::Tue, "tue"),
    (Weekday::Wed, "wed"),
    (Weekday::Thu, "thu"),
    (Weekday::Fri, "fri"),
    (Weekday::Sat, "sat"),
    (Weekday::Sun, "sun"),
];

impl CalendarConfig {
    /// A calendar in `time_zone` with no opening hours and no holidays yet.
    pub fn new(time_zone: impl Into<String>) -> Self {
        Self {
            time_zone: time_zone.into(),
            hours: WeeklyHours::default(),
            presets: Vec::new(),
            rules: Vec::new(),
            holidays: Vec::new(),
        }
    }

    /// Adds the holidays of a preset (`"br_national"`).
    #[must_use]
    pub fn preset(mut self, id: &str) -> Self {
        self.presets.push(id.to_owned());
        self
    }

    /// Adds a holiday rule.
    #[must_use]
    pub fn rule(mut self, rule: RuleConfig) -> Self {
        self.rules.push(rule);
        self
    }

    /// Adds opening intervals (`"09:00-18:00"`) to each day in `days`.
    #[must_use]
    pub fn open<const N: usize>(mut self, days: &[Weekday], intervals: [&str; N]) -> Self {
        for day in days {
            self.hours
                .day_mut(*day)
                .extend(intervals.iter().map(|s| (*s).to_owned()));
        }
        self
    }

    /// Adds a holiday on a local date (`"2026-11-20"`).
    #[must_use]
    pub fn holiday(mut self, date: &str) -> Self {
        self.holidays.push(HolidayConfig::Date(date.to_owned()));
        self
    }

    /// Compiles the calendar.
    ///
    /// # Errors
    /// The first of [`CalendarConfig::problems`].
    ///
    /// # Example
    /// ```
    /// use chrono::Weekday::*;
    /// use recourse_payments_base::calendar::CalendarConfig;
    /// let desk = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
    ///     .holiday("2026-11-20")
    ///     .compile()?;
    /// assert_eq!(desk.time_zone().name(), "America/Sao_Paulo");
    ///
    /// let bad = CalendarConfig::new("America/Sao_Paulo")
    ///     .open(&[Mon], ["09:00-12:00", "11:00-18:00"])
    ///     .compile()
    ///     .unwrap_err();
    /// assert_eq!((bad.code(), bad.path()), ("config.invalid_hours", "hours.mon[1]"));
    /// # Ok::<(), recourse_payments_base::Error>(())
    /// ```
    pub fn compile(&self) -> Result<Calendar, Error> {
        self.build().map_err(|mut problems| problems.swap_remove(0))
    }

    /// Every problem of the calendar, each with its path relative to the calendar
    /// (`time_zone`, `hours.mon[1]`, `holidays[3]`); empty when it compiles.
    pub fn problems(&self) -> Vec<Error> {
        self.build().err().unwrap_or_default()
    }

    /// Compiles the calendar, or lists every problem with its path relative to it: the one
    /// pass behind [`CalendarConfig::compile`] and [`CalendarConfig::problems`].
    ///
    /// # Errors
    /// Every problem found, in the order of the fields.
    pub fn build(&self) -> Result<Calendar, Vec<Error>> {
        let mut problems = Vec::new();
        let time_zone = self.time_zone.parse::<super::Zone>().map_err(|_| {
            problems.push(Error::new(CalendarError::UnknownTimeZone, "time_zone"));
        });
        let mut week: [Vec<OpenInterval>; 7] = Default::default();
        for ((day, key), slot) in WEEK.iter().zip(week.iter_mut()) {
            for (i, text) in self.hours.day(*day).iter().enumerate() {
                let path = format!("hours.{key}[{i}]");
                if i >= MAX_INTERVALS_PER_DAY {
                    problems.push(Error::new(
                        CalendarError::InvalidHours {
                            detail: "at most 24 intervals a day",
                        },
                        path,
                    ));
                    break;
                }
                match parse_interval(text) {
                    None => problems.push(Error::new(
                        CalendarError::InvalidHours {
                            detail: "expected \"HH:MM-HH:MM\" with the start before the end, \
                                     between 00:00 and 24:00",
                        },
                        path,
                    )),
                    Some(interval) => {
                        if slot.last().is_some_and(|prev| prev.end > interval.start) {
                            problems.push(Error::new(
                                CalendarError::InvalidHours {
                                    detail: "intervals must be in order and must not overlap",
                                },
                                path,
                            ));
                        } else {
                            slot.push(interval);
                        }
                    }
                }
            }
        }
        let rules = self.holiday_rules(&mut problems);
        let holidays = self.dated_holidays(&mut problems);
        match time_zone {
            Ok(tz) if problems.is_empty() => {
                Ok(Calendar::from_parts(tz, week, holidays).with_rules(rules))
            }
            _ => Err(problems),
        }
    }

    /// The dated holidays by date, noting each bad or repeated date.
    fn dated_holidays(&self, problems: &mut Vec<Error>) -> SortedMap<NaiveDate, DatedHoliday> {
        let dates: Vec<Option<NaiveDate>> = self
            .holidays
            .iter()
            .map(|h| parse_date(h.date()).filter(|_| h.date().len() == 10))
            .collect();
        let repeats = repeated(&dates);
        let mut holidays = Vec::with_capacity(dates.len());
        for (i, (holiday, date)) in self.holidays.iter().zip(dates).enumerate() {
            let path = match holiday {
                HolidayConfig::Date(_) => format!("holidays[{i}]"),
                HolidayConfig::Named { .. } => format!("holidays[{i}].date"),
            };
            match date {
                Some(_) if repeats.get(i) == Some(&true) => {
                    problems.push(Error::new(CalendarError::DuplicateHoliday, path));
                }
                Some(date) => holidays.push((
                    date,
                    DatedHoliday {
                        date,
                        name: holiday.name().map(str::to_owned),
                    },
                )),
                None => problems.push(Error::new(CalendarError::InvalidDate, path)),
            }
        }
        SortedMap::from_entries(holidays)
    }

    /// The presets' rules and the calendar's own, noting each unknown or repeated preset and
    /// each bad rule.
    fn holiday_rules(&self, problems: &mut Vec<Error>) -> HolidayRules {
        let mut rules: Vec<Rule> = Vec::new();
        let repeats = repeated(&self.presets);
        for (i, id) in self.presets.iter().enumerate() {
            let path = format!("presets[{i}]");
            if repeats.get(i) == Some(&true) {
                problems.push(Error::new(CalendarError::DuplicateHolidayPreset, path));
            } else if let Some(preset) = preset(id) {
                rules.extend(preset.rules().cloned());
            } else {
                problems.push(Error::new(CalendarError::UnknownHolidayPreset, path));
            }
        }
        for (i, rule) in self.rules.iter().enumerate() {
            if i >= MAX_RULES {
                problems.push(Error::new(
                    CalendarError::InvalidHolidayRule {
                        detail: "at most 1000 rules a calendar",
                    },
                    format!("rules[{i}]"),
                ));
                break;
            }
            match rule.compile(&format!("rules[{i}]")) {
                Ok(rule) => rules.push(rule),
                Err(found) => problems.extend(found),
            }
        }
        HolidayRules::new(self.presets.clone(), rules, self.rules.len())
    }
}

/// Parses `"HH:MM-HH:MM"` into minutes of the day; `24:00` may only end an interval.
fn parse_interval(text: &str) -> Option<OpenInterval> {
    let (start, end) = text.split_once('-')?;
    let start = parse_clock(start)?;
    let end = parse_clock(end)?;
    (start < end && start < 24 * 60).then_some(OpenInterval { start, end })
}

fn parse_clock(text: &str) -> Option<u16> {
    let bytes = text.as_bytes();
    if bytes.len() != 5 || bytes.get(2) != Some(&b':') {
        return None;
    }
    let hours: u16 = text.get(..2)?.parse().ok()?;
    let minutes: u16 = text.get(3..)?.parse().ok()?;
    if !text.get(..2)?.bytes().all(|b| b.is_ascii_digit())
        || !text.get(3..)?.bytes().all(|b| b.is_ascii_digit())
        || minutes > 59
        || hours > 24
        || (hours == 24 && minutes != 0)
    {
        return None;
    }
    Some(hours * 60 + minutes)
}

/// A date as `YYYY-MM-DD`: accepts exactly what chrono's
/// `NaiveDate::parse_from_str(text, "%Y-%m-%d")` accepts (whitespace before each number, a
/// signed year of any length, one or two digits for month and day), without compiling
/// chrono's `strftime` parser.
pub fn parse_date(text: &str) -> Option<NaiveDate> {
    let (year, rest) = year(text.trim_start())?;
    let (month, rest) = digits(rest.strip_prefix('-')?.trim_start(), 2)?;
    let (day, rest) = digits(rest.strip_prefix('-')?.trim_start(), 2)?;
    if !rest.is_empty() {
        return None;
    }
    NaiveDate::from_ymd_opt(
        i32::try_from(year).ok()?,
        u32::try_from(month).ok()?,
        u32::try_from(day).ok()?,
    )
}

/// A year: four digits at most, or any number of them after a sign.
fn year(text: &str) -> Option<(i64, &str)> {
    if let Some(rest) = text.strip_prefix('-') {
        let (value, rest) = digits(rest, usize::MAX)?;
        Some((value.checked_neg()?, rest))
    } else if let Some(rest) = text.strip_prefix('+') {
        digits(rest, usize::MAX)
    } else {
        digits(text, 4)
    }
}

/// One to `max` ASCII digits at the start of `text`, and what follows them.
fn digits(text: &str, max: usize) -> Option<(i64, &str)> {
    let n = text
        .bytes()
        .take(max)
        .take_while(u8::is_ascii_digit)
        .count();
    let (number, rest) = (text.get(..n)?, text.get(n..)?);
    if n == 0 {
        return None;
    }
    let mut value = 0_i64;
    for b in number.bytes() {
        value = value.checked_mul(10)?.checked_add(i64::from(b - b'0'))?;
    }
    Some((value, rest))
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use super::*;

    fn chrono_date(text: &str) -> Option<NaiveDate> {
        NaiveDate::parse_from_str(text, "%Y-%m-%d").ok()
    }

    #[test]
    fn dates_parse_as_chrono_parses_them() {
        let day = NaiveDate::from_ymd_opt(2026, 1, 5);
        for text in [
            "2026-01-05",
            "2026-1-5",
            " 2026- 1- 5",
            "+2026-01-05",
            "+002026-01-05",
        ] {
            assert_eq!(parse_date(text), day, "{text}");
            assert_eq!(chrono_date(text), day, "{text}");
        }
        let bad = [
            "",
            "2026",
            "2026-01",
            "2026-01-05 ",
            "2026-01-05T",
            "20260-01-05",
            "2026-001-05",
            "2026-02-30",
            "2026-13-01",
            "2026-00-10",
            "2026-01-00",
            "2026/01/05",
            "-",
            "+-1-1-1",
            "99999999999999999999-01-01",
            "2026 -01-05",
            "2026-01-05\n",
            "٢٠٢٦-01-05",
        ];
        for text in bad {
            assert_eq!(parse_date(text), None, "{text}");
            assert_eq!(chrono_date(text), None, "{text}");
        }
        assert_eq!(
            parse_date("-0044-03-15"),
            NaiveDate::from_ymd_opt(-44, 3, 15)
        );
        assert_eq!(
            parse_date("\u{3000}226-01-05"),
            NaiveDate::from_ymd_opt(226, 1, 5)
        );
    }

    proptest! {
        #[test]
        fn dates_agree_with_chrono_on_any_text(text in "[ \t+\\-0-9a]{0,14}") {
            prop_assert_eq!(parse_date(&text), chrono_date(&text));
        }

        #[test]
        fn dates_agree_with_chrono_on_date_shapes(
            text in "\\s?[+-]?[0-9]{1,7}-\\s?[0-9]{1,3}-\\s?[0-9]{1,3}\\s?",
        ) {
            prop_assert_eq!(parse_date(&text), chrono_date(&text));
        }

        #[test]
        fn every_valid_date_parses(days in -1_000_000_i64..1_000_000) {
            let date = NaiveDate::from_num_days_from_ce_opt(i32::try_from(days).unwrap()).unwrap();
            let text = date.format("%Y-%m-%d").to_string();
            prop_assert_eq!(parse_date(&text), Some(date));
            prop_assert_eq!(chrono_date(&text), Some(date));
        }
    }

    #[test]
    fn a_named_holiday_refuses_keys_it_does_not_have() {
        let read =
            |json: &str| serde_json::from_str::<HolidayConfig>(json).map_err(|e| e.to_string());
        assert_eq!(
            read(r#"{"date": "2026-12-25", "name": "Natal"}"#),
            Ok(HolidayConfig::Named {
                date: "2026-12-25".into(),
                name: "Natal".into()
            })
        );
        let e = read(r#"{"date": "2026-12-25", "name": "Natal", "obseved": true}"#).unwrap_err();
        assert!(
            e.contains("unknown field, expected `date` or `name`"),
            "{e}"
        );
        assert!(!e.contains("obseved"), "{e}");
    }

    #[test]
    fn clocks_parse_strictly() {
        assert_eq!(parse_clock("09:30"), Some(570));
        assert_eq!(parse_clock("24:00"), Some(1440));
        for bad in ["9:30", "24:01", "12:60", "+1:00", "ab:cd", "09:3a", "09-30"] {
            assert_eq!(parse_clock(bad), None, "{bad}");
        }
        assert!(parse_interval("18:00-09:00").is_none());
        assert!(parse_interval("09:00-09:00").is_none());
        assert!(parse_interval("24:00-24:00").is_none());
        assert!(parse_interval("00:00-24:00").is_some());
    }

    #[test]
    fn a_day_holds_at_most_24_intervals() {
        let mut config = CalendarConfig::new("Europe/Athens");
        config.hours.wed = (0..30)
            .map(|h| {
                format!(
                    "{:02}:{:02}-{:02}:{:02}",
                    h * 40 / 60,
                    h * 40 % 60,
                    h * 40 / 60,
                    h * 40 % 60 + 10
                )
            })
            .collect();
        let found: Vec<_> = config
            .problems()
            .iter()
            .map(|e| e.path().to_owned())
            .collect();
        assert_eq!(found, ["hours.wed[24]"]);
        config.hours.wed.truncate(24);
        assert!(config.problems().is_empty());
    }

    #[test]
    fn every_problem_is_reported_with_its_path() {
        let config = CalendarConfig {
            time_zone: "Mars/Olympus".into(),
            hours: WeeklyHours {
                mon: vec!["09:00-12:00".into(), "11:00-18:00".into()],
                tue: vec!["9-18".into()],
                ..WeeklyHours::default()
            },
            holidays: vec![
                HolidayConfig::Date("2026-02-30".into()),
                HolidayConfig::Named {
                    date: "2026-1-1".into(),
                    name: "x".into(),
                },
                HolidayConfig::Date("2026-12-25".into()),
                HolidayConfig::Date("2026-12-25".into()),
            ],
            ..CalendarConfig::new("")
        };
        let found: Vec<_> = config
            .problems()
            .iter()
            .map(|e| (e.code(), e.path().to_owned()))
            .collect();
        assert_eq!(
            found,
            [
                ("config.unknown_time_zone", "time_zone".to_owned()),
                ("config.invalid_hours", "hours.mon[1]".to_owned()),
                ("config.invalid_hours", "hours.tue[0]".to_owned()),
                ("config.invalid_date", "holidays[0]".to_owned()),
                ("config.invalid_date", "holidays[1].date".to_owned()),
                ("config.duplicate_holiday", "holidays[3]".to_owned()),
            ]
        );
    }
}

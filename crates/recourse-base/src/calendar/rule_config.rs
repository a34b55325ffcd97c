//! Holiday rules as written in a configuration or a request, and their validation.

use std::borrow::Cow;

use chrono::Weekday;
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;
use crate::Error;

use super::rules::{Church, Observed, Rule, RuleDay};
use super::{CalendarError, SUPPORTED_YEARS};

/// A day of the week as rules write it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
pub enum DayOfWeek {
    /// Monday.
    #[serde(rename = "mon")]
    Mon,
    /// Tuesday.
    #[serde(rename = "tue")]
    Tue,
    /// Wednesday.
    #[serde(rename = "wed")]
    Wed,
    /// Thursday.
    #[serde(rename = "thu")]
    Thu,
    /// Friday.
    #[serde(rename = "fri")]
    Fri,
    /// Saturday.
    #[serde(rename = "sat")]
    Sat,
    /// Sunday.
    #[serde(rename = "sun")]
    Sun,
}

impl From<DayOfWeek> for Weekday {
    fn from(day: DayOfWeek) -> Self {
        match day {
            DayOfWeek::Mon => Weekday::Mon,
            DayOfWeek::Tue => Weekday::Tue,
            DayOfWeek::Wed => Weekday::Wed,
            DayOfWeek::Thu => Weekday::Thu,
            DayOfWeek::Fri => Weekday::Fri,
            DayOfWeek::Sat => Weekday::Sat,
            DayOfWeek::Sun => Weekday::Sun,
        }
    }
}

/// A holiday rule as configured: a name and one of three ways to find its day each year.
///
/// ```toml
/// rules = [
///   { name = "Natal", month = 12, day = 25 },
///   { name = "Sexta-feira Santa", easter_offset = -2 },
///   { name = "Καθαρά Δευτέρα", easter_offset = -48, church = "orthodox" },
///   { name = "Thanksgiving Day", month = 11, weekday = "thu", nth = 4 },
///   { name = "Memorial Day", month = 5, weekday = "mon", nth = -1, from = 1971 },
///   { name = "Independence Day", month = 7, day = 4, observed = "us_federal" },
/// ]
/// ```
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct RuleConfig {
    /// The holiday's name, shown in traces.
    pub name: String,
    /// The month, 1 to 12: with `day`, or with `weekday` and `nth`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<u32>,
    /// The day of the month, 1 to 31 (a 29 February holds in leap years only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day: Option<u32>,
    /// Days after Easter Sunday, -366 to 366 (Good Friday is -2).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub easter_offset: Option<i32>,
    /// Whose Easter, with `easter_offset`: `western` (the default) or `orthodox`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub church: Option<Church>,
    /// The day of the week, with `month` and `nth`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub weekday: Option<DayOfWeek>,
    /// Which of the month's `weekday`s: 1 to 5 from the start, -1 (the last) to -5.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub nth: Option<i32>,
    /// How a weekend moves it: `us_federal` or `sunday_to_monday`; not moved without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub observed: Option<Observed>,
    /// The first year it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<i32>,
    /// The last year it holds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<i32>,
}

fn invalid(detail: &'static str, path: String) -> Error {
    Error::new(CalendarError::InvalidHolidayRule { detail }, path)
}

impl RuleConfig {
    /// The compiled rule, or every problem with its path under `at` (such as `rules[2]`).
    ///
    /// # Errors
    /// `config.invalid_holiday_rule` at the field at fault.
    ///
    /// # Example
    /// ```
    /// use recourse_payments_base::calendar::{DayOfWeek, RuleConfig};
    /// let thanksgiving = RuleConfig {
    ///     name: "Thanksgiving Day".into(),
    ///     month: Some(11),
    ///     weekday: Some(DayOfWeek::Thu),
    ///     nth: Some(4),
    ///     ..RuleConfig::default()
    /// };
    /// let rule = thanksgiving.compile("rules[0]").map_err(|e| e[0].clone())?;
    /// assert_eq!(rule.date_in(2026).map(|d| d.to_string()).as_deref(), Some("2026-11-26"));
    ///
    /// let sixth = RuleConfig { nth: Some(6), ..thanksgiving };
    /// let problems = sixth.compile("rules[0]").unwrap_err();
    /// assert_eq!(
    ///     (problems[0].code(), problems[0].path()),
    ///     ("config.invalid_holiday_rule", "rules[0].nth")
    /// );
    /// # Ok::<(), recourse_payments_base::Error>(())
    /// ```
    pub fn compile(&self, at: &str) -> Result<Rule, Vec<Error>> {
        let mut problems = Vec::new();
        if self.name.trim().is_empty() {
            problems.push(invalid("a rule needs a name", format!("{at}.name")));
        }
        let day = self.day_rule(at, &mut problems);
        let years = |field: &str, year: Option<i32>, problems: &mut Vec<Error>| match year {
            Some(y) if !SUPPORTED_YEARS.contains(&y) => {
                problems.push(invalid(
                    "expected a year from 1 to 9999",
                    format!("{at}.{field}"),
                ));
                None
            }
            other => Some(other),
        };
        let from = years("from", self.from, &mut problems);
        let until = years("until", self.until, &mut problems);
        if let (Some(Some(from)), Some(Some(until))) = (from, until) {
            if until < from {
                problems.push(invalid(
                    "`until` must not be before `from`",
                    format!("{at}.until"),
                ));
            }
        }
        match day {
            Some(day) if problems.is_empty() => Ok(Rule {
                name: Cow::Owned(self.name.clone()),
                day,
                observed: self.observed,
                from: self.from.unwrap_or(i32::MIN),
                until: self.until.unwrap_or(i32::MAX),
            }),
            _ => Err(problems),
        }
    }

    /// The day the rule describes: exactly one of month and day, an Easter offset, or
    /// month, weekday and nth.
    fn day_rule(&self, at: &str, problems: &mut Vec<Error>) -> Option<RuleDay> {
        let month = self.month.map(|m| {
            (1..=12).contains(&m).then_some(m).ok_or_else(|| {
                problems.push(invalid(
                    "expected a month from 1 to 12",
                    format!("{at}.month"),
                ));
            })
        });
        let kinds = [
            self.day.is_some(),
            self.easter_offset.is_some(),
            self.weekday.is_some() || self.nth.is_some(),
        ];
        if kinds.iter().filter(|k| **k).count() != 1 {
            problems.push(invalid(
                "a rule needs exactly one of `day` (with `month`), `easter_offset`, or \
                 `weekday` and `nth` (with `month`)",
                at.to_owned(),
            ));
            return None;
        }
        if self.church.is_some() && self.easter_offset.is_none() {
            problems.push(invalid(
                "`church` goes with `easter_offset`",
                format!("{at}.church"),
            ));
        }
        if let Some(offset) = self.easter_offset {
            if month.is_some() {
                problems.push(invalid(
                    "`month` does not go with `easter_offset`",
                    format!("{at}.month"),
                ));
            }
            if !(-366..=366).contains(&offset) {
                problems.push(invalid(
                    "expected days from -366 to 366",
                    format!("{at}.easter_offset"),
                ));
                return None;
            }
            let church = self.church.unwrap_or_default();
            return Some(RuleDay::Easter { church, offset });
        }
        let Some(month) = month else {
            problems.push(invalid("the rule needs a `month`", format!("{at}.month")));
            return None;
        };
        let month = month.ok()?;
        match (self.day, self.weekday, self.nth) {
            (Some(day), _, _) => fixed_day(month, day, at, problems),
            (None, Some(weekday), Some(nth)) if (1..=5).contains(&nth.abs()) => {
                Some(RuleDay::NthWeekday {
                    month,
                    weekday: weekday.into(),
                    nth,
                })
            }
            (None, Some(_), Some(_)) => {
                problems.push(invalid(
                    "expected 1 to 5, or -1 (the last) to -5",
                    format!("{at}.nth"),
                ));
                None
            }
            (None, None, _) => {
                problems.push(invalid("`nth` needs a `weekday`", format!("{at}.weekday")));
                None
            }
            (None, Some(_), None) => {
                problems.push(invalid("`weekday` needs an `nth`", format!("{at}.nth")));
                None
            }
        }
    }
}

/// A fixed date's day, checked against the longest its month can be.
fn fixed_day(month: u32, day: u32, at: &str, problems: &mut Vec<Error>) -> Option<RuleDay> {
    let longest = match month {
        2 => 29,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    };
    if (1..=longest).contains(&day) {
        Some(RuleDay::Fixed { month, day })
    } else {
        problems.push(invalid(
            "expected a day that the month has",
            format!("{at}.day"),
        ));
        None
    }
}

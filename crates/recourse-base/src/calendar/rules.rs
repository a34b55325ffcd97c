//! Holiday rules: days that come back every year, so a calendar's holidays never run out.
//!
//! A rule names its day in one of three ways: a fixed date (`12-25`), a number of days from
//! Easter (Good Friday is `-2`), or the nth weekday of a month (the fourth Thursday of
//! November; `-1` is the last). It may hold only over a range of years, since laws change,
//! and a holiday that falls on a weekend may also be observed on a weekday (see
//! [`Observed`]). Rules are evaluated on demand and remembered a year at a time, so a
//! lookup costs about what a dated holiday costs.

use std::borrow::Cow;
use std::sync::{Arc, OnceLock};

use chrono::{Datelike, Days, NaiveDate, Weekday};
use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

/// Which Easter a rule counts its days from.
#[derive(
    Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema,
)]
pub enum Church {
    /// Easter of the Gregorian calendar (Catholic and Protestant churches): Brazil,
    /// Portugal, Spain.
    #[default]
    #[serde(rename = "western")]
    Western,
    /// Easter of the Julian calendar, as a Gregorian date (Orthodox churches): Greece.
    #[serde(rename = "orthodox")]
    Orthodox,
}

/// How a holiday that falls on a weekend is also observed on a weekday. The holiday keeps
/// its own day too.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
pub enum Observed {
    /// United States federal holidays (5 U.S.C. 6103(b), Executive Order 11582): a Saturday
    /// holiday is observed on the Friday before, a Sunday one on the Monday after.
    #[serde(rename = "us_federal")]
    UsFederal,
    /// A Sunday holiday is observed on the Monday after; a Saturday one is not moved (the
    /// Federal Reserve Banks).
    #[serde(rename = "sunday_to_monday")]
    SundayToMonday,
}

impl Observed {
    /// The weekday a holiday on `date` is observed on, when it moves.
    pub fn shift(self, date: NaiveDate) -> Option<NaiveDate> {
        match (self, date.weekday()) {
            (Self::UsFederal, Weekday::Sat) => date.pred_opt(),
            (Self::UsFederal | Self::SundayToMonday, Weekday::Sun) => date.succ_opt(),
            _ => None,
        }
    }
}

/// Where a rule's day falls in a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RuleDay {
    /// The same date every year; a 29 February exists in leap years only.
    Fixed {
        /// 1 to 12.
        month: u32,
        /// 1 to 31.
        day: u32,
    },
    /// A number of days from Easter Sunday (Good Friday is -2, Corpus Christi 60); a day
    /// the offset carries into another year does not happen.
    Easter {
        /// Whose Easter.
        church: Church,
        /// Days after Easter Sunday (before, when negative).
        offset: i32,
    },
    /// The nth given weekday of a month: 1 to 5 count from its start, -1 to -5 from its end.
    /// A fifth one that a month lacks does not happen that year.
    NthWeekday {
        /// 1 to 12.
        month: u32,
        /// The day of the week.
        weekday: Weekday,
        /// 1 to 5, or -1 (the last) to -5.
        nth: i32,
    },
}

/// A holiday rule: a name, the day it falls on, how a weekend moves it, and the years it
/// holds (both included).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rule {
    /// The holiday's name, shown in traces.
    pub name: Cow<'static, str>,
    /// Where its day falls.
    pub day: RuleDay,
    /// Its observed weekday when it falls on a weekend.
    pub observed: Option<Observed>,
    /// The first year it holds.
    pub from: i32,
    /// The last year it holds.
    pub until: i32,
}

impl Rule {
    /// A holiday on the same date every year.
    pub const fn fixed(name: &'static str, month: u32, day: u32) -> Self {
        Self::new(name, RuleDay::Fixed { month, day })
    }

    /// A holiday `offset` days from Western Easter Sunday.
    pub const fn easter(name: &'static str, offset: i32) -> Self {
        Self::new(
            name,
            RuleDay::Easter {
                church: Church::Western,
                offset,
            },
        )
    }

    /// A holiday `offset` days from Orthodox Easter Sunday.
    pub const fn orthodox_easter(name: &'static str, offset: i32) -> Self {
        Self::new(
            name,
            RuleDay::Easter {
                church: Church::Orthodox,
                offset,
            },
        )
    }

    /// A holiday on the `nth` `weekday` of `month` (`-1`: the last).
    pub const fn nth(name: &'static str, month: u32, weekday: Weekday, nth: i32) -> Self {
        Self::new(
            name,
            RuleDay::NthWeekday {
                month,
                weekday,
                nth,
            },
        )
    }

    const fn new(name: &'static str, day: RuleDay) -> Self {
        Self {
            name: Cow::Borrowed(name),
            day,
            observed: None,
            from: i32::MIN,
            until: i32::MAX,
        }
    }

    /// The same rule, holding from `year` on.
    #[must_use]
    pub const fn from_year(mut self, year: i32) -> Self {
        self.from = year;
        self
    }

    /// The same rule, holding up to `year` included.
    #[must_use]
    pub const fn until_year(mut self, year: i32) -> Self {
        self.until = year;
        self
    }

    /// The same rule, observed on a weekday as `observed` says.
    #[must_use]
    pub const fn observed(mut self, observed: Observed) -> Self {
        self.observed = Some(observed);
        self
    }

    /// The rule's day in `year`, when it holds that year.
    pub fn date_in(&self, year: i32) -> Option<NaiveDate> {
        if year < self.from || year > self.until {
            return None;
        }
        match self.day {
            RuleDay::Fixed { month, day } => NaiveDate::from_ymd_opt(year, month, day),
            RuleDay::Easter { church, offset } => {
                let easter = easter(church, year)?;
                let days = Days::new(u64::from(offset.unsigned_abs()));
                let day = if offset < 0 {
                    easter.checked_sub_days(days)
                } else {
                    easter.checked_add_days(days)
                };
                // A day that an offset carries into another year is not this year's.
                day.filter(|d| d.year() == year)
            }
            RuleDay::NthWeekday {
                month,
                weekday,
                nth,
            } => nth_weekday(year, month, weekday, nth),
        }
    }

    /// The days the rule closes for its occurrence of `year`: its own day and, when a
    /// weekend moves it, the observed one (which may lie in the year before or after).
    pub fn days_for(&self, year: i32) -> [Option<NaiveDate>; 2] {
        let day = self.date_in(year);
        let observed = day.zip(self.observed).and_then(|(d, o)| o.shift(d));
        [day, observed]
    }

    /// Whether the rule closes `date` (its own day or the observed one).
    pub fn closes(&self, date: NaiveDate) -> bool {
        let year = date.year();
        [year.checked_sub(1), Some(year), year.checked_add(1)]
            .into_iter()
            .flatten()
            .any(|y| self.days_for(y).contains(&Some(date)))
    }
}

/// Easter Sunday of `year` as a Gregorian date: Western ([`easter_western`]) or Orthodox
/// ([`easter_orthodox`]).
pub fn easter(church: Church, year: i32) -> Option<NaiveDate> {
    match church {
        Church::Western => easter_western(year),
        Church::Orthodox => easter_orthodox(year),
    }
}

/// Western Easter Sunday: the Gregorian computus, by the anonymous algorithm of Meeus,
/// Jones and Butcher (Jean Meeus, *Astronomical Algorithms*, chapter 8). Years before 1583
/// get the proleptic answer.
pub fn easter_western(year: i32) -> Option<NaiveDate> {
    if year < 1 {
        return None;
    }
    let a = year % 19;
    let (b, c) = (year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let n = h + l - 7 * m + 114;
    NaiveDate::from_ymd_opt(
        year,
        u32::try_from(n / 31).ok()?,
        u32::try_from(n % 31 + 1).ok()?,
    )
}

/// Orthodox Easter Sunday as a Gregorian date: the Julian computus (Meeus, *Astronomical
/// Algorithms*, chapter 8), moved by the days the Julian calendar lags the Gregorian one in
/// that year's spring (13 days from 1900 to 2099).
pub fn easter_orthodox(year: i32) -> Option<NaiveDate> {
    if year < 1 {
        return None;
    }
    let (a, b, c) = (year % 4, year % 7, year % 19);
    let d = (19 * c + 15) % 30;
    let e = (2 * a + 4 * b - d + 34) % 7;
    let n = d + e + 114;
    let julian = NaiveDate::from_ymd_opt(
        year,
        u32::try_from(n / 31).ok()?,
        u32::try_from(n % 31 + 1).ok()?,
    )?;
    let lag = year / 100 - year / 400 - 2;
    let days = Days::new(u64::from(lag.unsigned_abs()));
    if lag < 0 {
        julian.checked_sub_days(days)
    } else {
        julian.checked_add_days(days)
    }
}

/// The `nth` `weekday` of `month` in `year`: 1 to 5 from the start, -1 to -5 from the end.
pub fn nth_weekday(year: i32, month: u32, weekday: Weekday, nth: i32) -> Option<NaiveDate> {
    let first = NaiveDate::from_ymd_opt(year, month, 1)?;
    let wanted = i64::from(weekday.num_days_from_monday());
    if nth > 0 {
        let ahead = (wanted - i64::from(first.weekday().num_days_from_monday())).rem_euclid(7);
        let day = 1 + ahead + 7 * (i64::from(nth) - 1);
        NaiveDate::from_ymd_opt(year, month, u32::try_from(day).ok()?)
    } else if nth < 0 {
        let last = first
            .checked_add_months(chrono::Months::new(1))?
            .pred_opt()?;
        let back = (i64::from(last.weekday().num_days_from_monday()) - wanted).rem_euclid(7);
        let day = i64::from(last.day()) - back - 7 * (-i64::from(nth) - 1);
        NaiveDate::from_ymd_opt(year, month, u32::try_from(day).ok()?)
    } else {
        None
    }
}

/// The years whose rule days are remembered once computed, a century at a time as a walk
/// reaches it; outside them every lookup evaluates the rules afresh (same answers).
pub const CACHED_YEARS: std::ops::RangeInclusive<i32> = 0..=9999;

/// The most rules a calendar may write itself; with its presets', they bound the work of
/// computing a year's days.
pub const MAX_RULES: usize = 1000;

/// One bit per day of a year, by ordinal from 0.
type YearMask = [u64; 6];

/// The masks of a century's years, each computed when first needed.
type Century = Box<[OnceLock<YearMask>]>;

/// Whether the bit of day `ordinal0` is set.
fn is_set(mask: &YearMask, ordinal0: u32) -> bool {
    mask.get((ordinal0 / 64) as usize)
        .is_some_and(|word| word & (1 << (ordinal0 % 64)) != 0)
}

/// The holiday rules of a compiled calendar, with the presets they came from.
#[derive(Debug, Clone, Default)]
pub struct HolidayRules {
    rules: Arc<[Rule]>,
    /// The presets the calendar names, in its order.
    presets: Vec<String>,
    /// Rules the calendar writes itself (after the presets' ones in `rules`).
    own: usize,
    /// Per century of [`CACHED_YEARS`], once reached, per year the days the rules close.
    centuries: Arc<[OnceLock<Century>]>,
}

impl PartialEq for HolidayRules {
    fn eq(&self, other: &Self) -> bool {
        self.rules == other.rules && self.presets == other.presets && self.own == other.own
    }
}

impl Eq for HolidayRules {}

impl HolidayRules {
    /// The rules of `presets` followed by `own`.
    pub fn new(presets: Vec<String>, rules: Vec<Rule>, own: usize) -> Self {
        let centuries = if rules.is_empty() {
            Arc::from(Vec::new())
        } else {
            (0..100).map(|_| OnceLock::new()).collect()
        };
        Self {
            rules: Arc::from(rules),
            presets,
            own,
            centuries,
        }
    }

    /// Whether there are no rules.
    #[inline]
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// The rules, presets' first.
    pub fn rules(&self) -> &[Rule] {
        &self.rules
    }

    /// The presets named, in order.
    pub fn presets(&self) -> &[String] {
        &self.presets
    }

    /// How many rules the calendar writes itself.
    pub fn own_rules(&self) -> usize {
        self.own
    }

    /// Whether a rule closes `date`.
    #[inline]
    pub fn closes(&self, date: NaiveDate) -> bool {
        if self.rules.is_empty() {
            return false;
        }
        match self.mask_of(date.year()) {
            Some(mask) => is_set(mask, date.ordinal0()),
            None => self.rule_on(date).is_some(),
        }
    }

    /// Whether a rule closes any day from `from` to `to` (both included).
    #[inline]
    pub fn any_between(&self, from: NaiveDate, to: NaiveDate) -> bool {
        if self.rules.is_empty() || to < from {
            return false;
        }
        if from.year() == to.year() {
            if let Some(mask) = self.mask_of(from.year()) {
                return (from.ordinal0()..=to.ordinal0()).any(|bit| is_set(mask, bit));
            }
        }
        from.iter_days()
            .take_while(|d| *d <= to)
            .any(|d| self.closes(d))
    }

    /// The days the rules close in `year`, when it is one of [`CACHED_YEARS`].
    #[inline]
    fn mask_of(&self, year: i32) -> Option<&YearMask> {
        let year_index = usize::try_from(year).ok()?;
        let century = self.centuries.get(year_index / 100)?;
        let years = century.get_or_init(|| (0..100).map(|_| OnceLock::new()).collect());
        let cell = years.get(year_index % 100)?;
        Some(cell.get_or_init(|| self.mask(year)))
    }

    /// The first rule that closes `date`.
    pub fn rule_on(&self, date: NaiveDate) -> Option<&Rule> {
        self.rules.iter().find(|rule| rule.closes(date))
    }

    /// The days of `year` the rules close.
    fn mask(&self, year: i32) -> YearMask {
        let mut mask = [0_u64; 6];
        let years = [year.checked_sub(1), Some(year), year.checked_add(1)];
        for rule in self.rules.iter() {
            for date in years.into_iter().flatten().flat_map(|y| rule.days_for(y)) {
                if let Some(date) = date.filter(|d| d.year() == year) {
                    let bit = date.ordinal0();
                    if let Some(word) = mask.get_mut((bit / 64) as usize) {
                        *word |= 1 << (bit % 64);
                    }
                }
            }
        }
        mask
    }
}

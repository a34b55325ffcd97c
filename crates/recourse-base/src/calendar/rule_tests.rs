//! Holiday rules and presets: known days, every configuration error with its path, and
//! invariants (Easter against a second algorithm, observed days on weekdays, the year cache
//! against direct evaluation).

use chrono::{Datelike, NaiveDate, Weekday};
use proptest::prelude::*;

use super::*;

fn date(text: &str) -> NaiveDate {
    text.parse().unwrap()
}

fn with_preset(id: &str) -> Calendar {
    CalendarConfig::new("Etc/UTC").preset(id).compile().unwrap()
}

fn names(calendar: &Calendar, year: i32) -> Vec<String> {
    calendar
        .holidays_in(year)
        .iter()
        .map(|h| format!("{} {}", h.date, h.name.unwrap_or("")))
        .collect()
}

#[test]
fn presets_know_their_days() {
    let us = with_preset("us_federal");
    // 1 January 2022 is a Saturday: observed on Friday 31 December 2021.
    assert_eq!(
        us.holiday(date("2021-12-31")).and_then(|h| h.name),
        Some("New Year's Day")
    );
    assert!(us.is_holiday(date("2026-11-26"))); // fourth Thursday of November
    assert!(us.is_holiday(date("2026-05-25"))); // last Monday of May
    assert!(us.is_holiday(date("2026-07-03"))); // 4 July on a Saturday
    assert!(!us.is_holiday(date("2020-06-19"))); // Juneteenth from 2021
    let fed = with_preset("us_federal_reserve");
    assert!(!fed.is_holiday(date("2026-07-03"))); // Saturday holidays do not move
    assert!(fed.is_holiday(date("2033-12-26"))); // Christmas on a Sunday
    let greece = with_preset("gr_national");
    assert_eq!(
        names(&greece, 2026).get(2..6).unwrap(),
        [
            "2026-02-23 Καθαρά Δευτέρα",
            "2026-03-25 Εικοστή Πέμπτη Μαρτίου",
            "2026-04-10 Μεγάλη Παρασκευή",
            "2026-04-13 Δευτέρα του Πάσχα",
        ]
    );
    let bank = with_preset("br_bank");
    for day in ["2026-02-16", "2026-02-17", "2026-04-03", "2026-06-04"] {
        assert!(bank.is_holiday(date(day)), "{day}");
    }
    let national = with_preset("br_national");
    assert!(!national.is_holiday(date("2026-02-16")));
    assert!(!national.is_holiday(date("2023-11-20"))); // national from 2024
    assert!(national.is_holiday(date("2024-11-20")));
    let portugal = with_preset("pt_national");
    assert!(!portugal.is_holiday(date("2014-12-01"))); // suspended 2013-2015
    assert!(portugal.is_holiday(date("2016-12-01")));
}

#[test]
fn every_preset_has_a_source_and_compiles() {
    for preset in PRESETS {
        assert!(
            !preset.sources.is_empty() && !preset.title.is_empty(),
            "{}",
            preset.id
        );
        assert!(self::preset(preset.id).is_some());
        let calendar = with_preset(preset.id);
        assert!(calendar.holidays_in(2026).len() >= 3, "{}", preset.id);
    }
    assert!(self::preset("br").is_none());
}

#[test]
fn a_dated_holiday_and_a_rule_on_one_day_is_one_holiday_named_by_the_date() {
    let mut config = CalendarConfig::new("America/Sao_Paulo").preset("br_national");
    config.holidays.push(HolidayConfig::Named {
        date: "2026-12-25".into(),
        name: "Fechado".into(),
    });
    let calendar = config.compile().unwrap();
    let christmas: Vec<_> = calendar
        .holidays_in(2026)
        .into_iter()
        .filter(|h| h.date == date("2026-12-25"))
        .collect();
    assert_eq!(christmas.len(), 1);
    assert_eq!(christmas.first().and_then(|h| h.name), Some("Fechado"));
}

fn rule(json: &str) -> RuleConfig {
    serde_json::from_str(json).unwrap()
}

#[test]
fn rules_of_each_kind_compile() {
    let calendar = CalendarConfig::new("America/New_York")
        .rule(rule(r#"{"name": "A", "month": 2, "day": 29}"#))
        .rule(rule(
            r#"{"name": "B", "easter_offset": -48, "church": "orthodox"}"#,
        ))
        .rule(rule(
            r#"{"name": "C", "month": 11, "weekday": "thu", "nth": 4}"#,
        ))
        .rule(rule(
            r#"{"name": "D", "month": 5, "weekday": "mon", "nth": -1, "from": 1971}"#,
        ))
        .rule(rule(
            r#"{"name": "E", "month": 7, "day": 4, "observed": "us_federal", "until": 2030}"#,
        ))
        .compile()
        .unwrap();
    assert_eq!(
        names(&calendar, 2028),
        [
            "2028-02-28 B",
            "2028-02-29 A",
            "2028-05-29 D",
            "2028-07-04 E",
            "2028-11-23 C"
        ]
    );
    assert_eq!(names(&calendar, 2027).first().unwrap(), "2027-03-15 B");
    assert!(!calendar.is_holiday(date("2031-07-04")));
    assert!(calendar.is_holiday(date("2026-07-03")));
}

#[test]
fn every_rule_problem_is_reported_with_its_path() {
    let mut config = CalendarConfig::new("Europe/Athens")
        .preset("gr_national")
        .preset("xx")
        .preset("gr_national");
    for json in [
        r#"{"name": "", "month": 13, "day": 1}"#,
        r#"{"name": "a", "month": 4, "day": 31}"#,
        r#"{"name": "a", "month": 4}"#,
        r#"{"name": "a", "month": 4, "day": 1, "easter_offset": 1}"#,
        r#"{"name": "a", "easter_offset": 400}"#,
        r#"{"name": "a", "easter_offset": 1, "month": 3}"#,
        r#"{"name": "a", "month": 1, "day": 1, "church": "orthodox"}"#,
        r#"{"name": "a", "month": 1, "weekday": "mon", "nth": 0}"#,
        r#"{"name": "a", "month": 1, "nth": 1}"#,
        r#"{"name": "a", "month": 1, "weekday": "mon"}"#,
        r#"{"name": "a", "weekday": "mon", "nth": 1}"#,
        r#"{"name": "a", "month": 1, "day": 1, "from": 2030, "until": 2020}"#,
        r#"{"name": "a", "month": 1, "day": 1, "from": 0}"#,
    ] {
        config = config.rule(rule(json));
    }
    let found: Vec<_> = config
        .problems()
        .iter()
        .map(|e| (e.code(), e.path().to_owned()))
        .collect();
    let rule = "config.invalid_holiday_rule";
    assert_eq!(
        found,
        [
            ("config.unknown_holiday_preset", "presets[1]".to_owned()),
            ("config.duplicate_holiday_preset", "presets[2]".to_owned()),
            (rule, "rules[0].name".to_owned()),
            (rule, "rules[0].month".to_owned()),
            (rule, "rules[1].day".to_owned()),
            (rule, "rules[2]".to_owned()),
            (rule, "rules[3]".to_owned()),
            (rule, "rules[4].easter_offset".to_owned()),
            (rule, "rules[5].month".to_owned()),
            (rule, "rules[6].church".to_owned()),
            (rule, "rules[7].nth".to_owned()),
            (rule, "rules[8].weekday".to_owned()),
            (rule, "rules[9].nth".to_owned()),
            (rule, "rules[10].month".to_owned()),
            (rule, "rules[11].until".to_owned()),
            (rule, "rules[12].from".to_owned()),
        ]
    );
}

#[test]
fn a_rule_refuses_keys_and_values_it_does_not_know() {
    let read = |json: &str| serde_json::from_str::<RuleConfig>(json).map_err(|e| e.to_string());
    assert!(
        read(r#"{"name": "a", "month": 1, "day": 1, "observd": "us_federal"}"#)
            .unwrap_err()
            .contains("unknown field")
    );
    assert!(read(r#"{"name": "a", "easter_offset": 1, "church": "coptic"}"#).is_err());
    assert!(read(r#"{"name": "a", "month": 1, "weekday": "monday", "nth": 1}"#).is_err());
    assert!(read(r#"{"name": "a", "month": 1, "day": 1, "observed": "uk"}"#).is_err());
}

/// Easter by Gauss's method, a second algorithm: the days after 21 March, in the calendar
/// the method is for (`m` and `n` 15 and 6 for the Julian one).
fn gauss_days_after_march_21(year: i32, gregorian: bool) -> i32 {
    let (a, b, c) = (year % 19, year % 4, year % 7);
    let (m, n) = if gregorian {
        let k = year / 100;
        let p = (13 + 8 * k) / 25;
        let q = k / 4;
        ((15 - p + k - q).rem_euclid(30), (4 + k - q).rem_euclid(7))
    } else {
        (15, 6)
    };
    let d = (19 * a + m) % 30;
    let e = (2 * b + 4 * c + 6 * d + n) % 7;
    let mut days = d + e + 1;
    if gregorian && d == 29 && e == 6 {
        days -= 7; // 26 April becomes 19 April
    }
    if gregorian && d == 28 && e == 6 && (11 * m + 11) % 30 < 19 {
        days -= 7; // 25 April becomes 18 April
    }
    days
}

/// A Julian calendar date as a Gregorian one, through its Julian day number.
fn julian_to_gregorian(year: i32, month: i32, day: i32) -> NaiveDate {
    let a = (14 - month) / 12;
    let y = year + 4800 - a;
    let m = month + 12 * a - 3;
    let jdn = day + (153 * m + 2) / 5 + 365 * y + y / 4 - 32083;
    NaiveDate::from_num_days_from_ce_opt(jdn - 1_721_425).unwrap()
}

proptest! {
    #[test]
    fn western_easter_agrees_with_gauss(year in 1583_i32..=9999) {
        let march_21 = NaiveDate::from_ymd_opt(year, 3, 21).unwrap();
        let gauss = march_21 + chrono::Days::new(gauss_days_after_march_21(year, true) as u64);
        let easter = easter_western(year).unwrap();
        prop_assert_eq!(easter, gauss);
        prop_assert_eq!(easter.weekday(), Weekday::Sun);
        prop_assert!(easter >= NaiveDate::from_ymd_opt(year, 3, 22).unwrap());
        prop_assert!(easter <= NaiveDate::from_ymd_opt(year, 4, 25).unwrap());
    }

    #[test]
    fn orthodox_easter_agrees_with_gauss_on_the_julian_calendar(year in 1_i32..=9999) {
        let days = gauss_days_after_march_21(year, false);
        let (month, day) = if days <= 10 { (3, 21 + days) } else { (4, days - 10) };
        let gauss = julian_to_gregorian(year, month, day);
        let easter = easter_orthodox(year).unwrap();
        prop_assert_eq!(easter, gauss);
        prop_assert_eq!(easter.weekday(), Weekday::Sun);
    }

    #[test]
    fn rules_give_days_of_their_own_year(
        year in 1_i32..=9999,
        kind in 0_u8..3,
        month in 1_u32..=12,
        day in 1_u32..=31,
        offset in -366_i32..=366,
        orthodox: bool,
        weekday in 0_u8..7,
        nth in prop::sample::select(vec![-5, -4, -3, -2, -1, 1, 2, 3, 4, 5]),
    ) {
        let weekday = Weekday::try_from(weekday).unwrap();
        let church = if orthodox { Church::Orthodox } else { Church::Western };
        let day = match kind {
            0 => RuleDay::Fixed { month, day },
            1 => RuleDay::Easter { church, offset },
            _ => RuleDay::NthWeekday { month, weekday, nth },
        };
        let rule = Rule { day, ..Rule::fixed("x", 1, 1) };
        if let Some(found) = rule.date_in(year) {
            prop_assert_eq!(found.year(), year);
            if let RuleDay::NthWeekday { .. } = day {
                prop_assert_eq!(found.weekday(), weekday);
                prop_assert_eq!(found.month(), month);
                let steps = found.day().saturating_sub(1) / 7 + 1;
                if nth > 0 {
                    prop_assert_eq!(steps as i32, nth);
                } else {
                    let days = nth_weekday(year, month, weekday, 1).unwrap();
                    prop_assert!(found >= days);
                    let after = found + chrono::Days::new(7 * (-nth) as u64);
                    prop_assert!(after.month() != month || after.year() != year);
                }
            }
        }
    }

    #[test]
    fn an_observed_day_is_a_weekday_next_to_the_holiday(
        days in 0_i32..3_650_000,
        us in any::<bool>(),
    ) {
        let date = NaiveDate::from_num_days_from_ce_opt(days + 1).unwrap();
        let observed = if us { Observed::UsFederal } else { Observed::SundayToMonday };
        match observed.shift(date) {
            Some(moved) => {
                prop_assert!(!matches!(moved.weekday(), Weekday::Sat | Weekday::Sun));
                prop_assert_eq!((moved - date).num_days().abs(), 1);
                prop_assert!(matches!(date.weekday(), Weekday::Sat | Weekday::Sun));
            }
            None => prop_assert!(
                date.weekday() != Weekday::Sun && (!us || date.weekday() != Weekday::Sat)
            ),
        }
    }

    #[test]
    fn the_year_cache_agrees_with_evaluating_the_rules(
        days in 0_i32..3_650_000,
        span in 0_u64..10,
        preset in prop::sample::select(PRESETS.iter().map(|p| p.id).collect::<Vec<_>>()),
    ) {
        let date = NaiveDate::from_num_days_from_ce_opt(days + 1).unwrap();
        let calendar = with_preset(preset);
        let rules = calendar.holiday_rules();
        prop_assert_eq!(rules.closes(date), rules.rule_on(date).is_some());
        let direct = rules.rules().iter().any(|r| r.closes(date));
        prop_assert_eq!(calendar.is_holiday(date), direct);
        if let Some(to) = date.checked_add_days(chrono::Days::new(span)) {
            let any = date.iter_days().take_while(|d| *d <= to).any(|d| rules.closes(d));
            prop_assert_eq!(rules.any_between(date, to), any);
        }
    }
}

#[test]
fn a_calendar_holds_at_most_1000_rules_of_its_own() {
    let mut config = CalendarConfig::new("Europe/Lisbon");
    config.rules = (0..1005)
        .map(|i| RuleConfig {
            name: format!("r{i}"),
            easter_offset: Some(i % 200),
            ..RuleConfig::default()
        })
        .collect();
    let found: Vec<_> = config
        .problems()
        .iter()
        .map(|e| e.path().to_owned())
        .collect();
    assert_eq!(found, ["rules[1000]"]);
    config.rules.truncate(1000);
    assert!(config.problems().is_empty());
}

#[test]
fn rules_hold_in_every_supported_year() {
    let national = with_preset("br_national");
    // Cached a century at a time over the supported years, evaluated afresh outside.
    for (year, good_friday) in [
        (1, "0001-03-30"),
        (1583, "1583-04-08"),
        (4099, "4099-04-17"),
        (9999, "9999-03-26"),
    ] {
        let found: Vec<_> = national
            .holidays_in(year)
            .iter()
            .filter(|h| h.name == Some("Sexta-feira Santa"))
            .map(|h| h.date.to_string())
            .collect();
        assert_eq!(found, [good_friday], "{year}");
    }
    let rules = national.holiday_rules();
    let before_the_first = NaiveDate::from_ymd_opt(-1, 12, 25).unwrap();
    assert!(rules.closes(before_the_first));
}

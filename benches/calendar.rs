//! Business calendars: business hours, business days and elapsed time on the São Paulo
//! desk of the default store (Mon-Fri 09:00-18:00, national holidays by the `br_national`
//! preset), typed and through the JSON surface; and the same desk with its holidays as the
//! dated list of 2026-2027 it used to have, so that one run gives the cost of rules.
#![allow(missing_docs)]

use chrono::Weekday::*;
use criterion::{criterion_group, criterion_main, Criterion};
use recourse_payments::calendar::{BusinessDays, BusinessDuration, CalendarConfig, Timestamp};
use recourse_payments::Engine;
use std::hint::black_box;

fn bench_calendar(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let Some(desk) = engine.calendar("sao_paulo") else {
        std::process::abort()
    };
    let at = |text: &str| Timestamp::parse(text).unwrap_or_else(|_| std::process::abort());
    let friday = at("2026-11-19T17:00:00-03:00");
    let month_end = at("2026-12-19T17:00:00-03:00");
    let four_hours = BusinessDuration::from_hours(4);

    c.bench_function("calendar/add_4_business_hours", |b| {
        b.iter(|| desk.add_business_time(black_box(&friday), black_box(four_hours)))
    });
    c.bench_function("calendar/add_10_business_days", |b| {
        b.iter(|| desk.add_business_days(black_box(&friday), black_box(BusinessDays(10))))
    });
    c.bench_function("calendar/elapsed_over_a_month", |b| {
        b.iter(|| desk.elapsed(black_box(&friday), black_box(&month_end)))
    });
    let year = BusinessDuration::from_hours(45 * 52);
    c.bench_function("calendar/add_one_year_of_business_hours", |b| {
        b.iter(|| desk.add_business_time(black_box(&friday), black_box(year)))
    });
    // The same desk with the dated list of 2026-2027 instead of the preset.
    let mut dated =
        CalendarConfig::new("America/Sao_Paulo").open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"]);
    for day in desk.holidays_in(2026).iter().chain(&desk.holidays_in(2027)) {
        dated = dated.holiday(&day.date.to_string());
    }
    let dated = dated.compile().unwrap_or_else(|_| std::process::abort());
    c.bench_function("calendar/dated_list/add_4_business_hours", |b| {
        b.iter(|| dated.add_business_time(black_box(&friday), black_box(four_hours)))
    });
    c.bench_function("calendar/dated_list/add_10_business_days", |b| {
        b.iter(|| dated.add_business_days(black_box(&friday), black_box(BusinessDays(10))))
    });
    c.bench_function("calendar/dated_list/elapsed_over_a_month", |b| {
        b.iter(|| dated.elapsed(black_box(&friday), black_box(&month_end)))
    });
    c.bench_function("calendar/dated_list/add_one_year_of_business_hours", |b| {
        b.iter(|| dated.add_business_time(black_box(&friday), black_box(year)))
    });
    let november = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap_or_default();
    let month: Vec<chrono::NaiveDate> = november.iter_days().take(30).collect();
    c.bench_function("calendar/working_days_of_a_month", |b| {
        b.iter(|| {
            month
                .iter()
                .filter(|d| desk.is_working_day(black_box(**d)))
                .count()
        })
    });
    c.bench_function("calendar/dated_list/working_days_of_a_month", |b| {
        b.iter(|| {
            month
                .iter()
                .filter(|d| dated.is_working_day(black_box(**d)))
                .count()
        })
    });
    // Rules hold in any year: the preset desk in 2040, where the dated list had nothing.
    let friday_2040 = at("2040-11-15T17:00:00-03:00");
    c.bench_function("calendar/add_10_business_days_in_2040", |b| {
        b.iter(|| desk.add_business_days(black_box(&friday_2040), black_box(BusinessDays(10))))
    });
    // The worst case input limits allow: 24 intervals every day and a holiday every week
    // for 100 years, so no week can be counted whole.
    let mut dense = CalendarConfig::new("America/New_York");
    let intervals: Vec<String> = (0..24).map(|h| format!("{h:02}:00-{h:02}:30")).collect();
    for day in [Mon, Tue, Wed, Thu, Fri, Sat, Sun] {
        *dense.hours.day_mut(day) = intervals.clone();
    }
    let first = chrono::NaiveDate::from_ymd_opt(2026, 1, 7).unwrap_or_default();
    for week in 0..5218 {
        dense = dense.holiday(&(first + chrono::Days::new(7 * week)).to_string());
    }
    let dense = dense.compile().unwrap_or_else(|_| std::process::abort());
    let (from, to) = (at("2026-01-01T00:00:00Z"), at("2125-12-01T00:00:00Z"));
    c.bench_function("calendar/worst_case_elapsed_100_years", |b| {
        b.iter(|| dense.elapsed(black_box(&from), black_box(&to)))
    });
    // An inline calendar is compiled on every request: its zone is decoded each time.
    let mut lisbon = CalendarConfig::new("Europe/Lisbon");
    *lisbon.hours.day_mut(Mon) = vec!["09:00-18:00".to_owned()];
    c.bench_function("calendar/compile_inline_lisbon", |b| {
        b.iter(|| black_box(&lisbon).compile())
    });
    let with_preset = CalendarConfig::new("America/Sao_Paulo")
        .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-18:00"])
        .preset("br_bank");
    c.bench_function("calendar/compile_inline_with_a_preset", |b| {
        b.iter(|| black_box(&with_preset).compile())
    });
    let json = br#"{"calendar":"sao_paulo","start":"2026-11-19T17:00:00-03:00","add":{"unit":"business_hours","amount":4}}"#;
    c.bench_function("calendar/add_4_business_hours_json", |b| {
        b.iter(|| engine.call_json("calendar.add", black_box(json)))
    });
}

criterion_group!(benches, bench_calendar);
criterion_main!(benches);

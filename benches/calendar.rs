//! Business calendars: business hours, business days and elapsed time on the São Paulo
//! desk of the default store (Mon-Fri 09:00-18:00, national holidays), typed and through
//! the JSON surface.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use recourse::calendar::{BusinessDays, BusinessDuration, Timestamp};
use recourse::Engine;
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
    let json = br#"{"calendar":"sao_paulo","start":"2026-11-19T17:00:00-03:00","add":{"unit":"business_hours","amount":4}}"#;
    c.bench_function("calendar/add_4_business_hours_json", |b| {
        b.iter(|| engine.call_json("calendar.add", black_box(json)))
    });
}

criterion_group!(benches, bench_calendar);
criterion_main!(benches);

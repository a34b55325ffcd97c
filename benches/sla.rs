//! `sla.status` on a 50-event ticket log with the São Paulo business calendar of the
//! default store (holidays, weekends, pending pauses), typed and through the JSON surface.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use recourse_payments::calendar::Timestamp;
use recourse_payments::receipt::Trace;
use recourse_payments::ticket::Event;
use recourse_payments::Engine;
use serde_json::{json, Value};
use std::hint::black_box;

fn bench_sla(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let log_json = recourse_benches::sla_log_50();
    let events: Vec<Event> = serde_json::from_value(Value::Array(log_json.clone()))
        .unwrap_or_else(|_| std::process::abort());
    assert_eq!(events.len(), 50);
    let now =
        Timestamp::parse("2026-11-24T16:00:00-03:00").unwrap_or_else(|_| std::process::abort());
    // The log is valid and the clocks are measured on the business calendar.
    let out = recourse_payments::sla::status(&engine, &events, &now, &mut Trace::new())
        .unwrap_or_else(|_| std::process::abort());
    assert_eq!(out.calendar.as_deref(), Some("sao_paulo"));
    c.bench_function("sla/status_50_events_business_calendar", |b| {
        b.iter(|| {
            recourse_payments::sla::status(
                black_box(&engine),
                black_box(&events),
                black_box(&now),
                &mut Trace::new(),
            )
        })
    });
    let request = json!({"log": log_json, "now": now.to_string()}).to_string();
    c.bench_function("sla/status_50_events_json", |b| {
        b.iter(|| engine.call_json("sla.status", black_box(request.as_bytes())))
    });
}

criterion_group!(benches, bench_sla);
criterion_main!(benches);

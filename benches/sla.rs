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

/// A 50-event log over two weeks of November 2026 (Friday the 20th is a holiday): the
/// customer writes, a bot acknowledges, agents reply, the ticket waits on the customer and
/// on a bank, is solved and reopened.
fn log() -> Vec<Value> {
    let mut log = vec![
        json!({"type": "created", "at": "2026-11-16T08:30:00-03:00", "ticket": {
        "id": "CA-9001", "customer": {"name": "Marina", "locale": "pt-BR"},
        "channel": "email", "category": "charged_twice", "priority": "high"}}),
    ];
    let cycle = [
        ("message", Some("customer"), None),
        ("message", Some("bot"), None),
        ("message", Some("agent"), None),
        ("status_changed", None, Some("pending")),
        ("message", Some("customer"), None),
        ("status_changed", None, Some("on_hold")),
        ("status_changed", None, Some("open")),
        ("message", Some("agent"), None),
        ("status_changed", None, Some("solved")),
        ("message", Some("customer"), None),
    ];
    let start = Timestamp::parse("2026-11-16T08:30:00-03:00")
        .unwrap_or_else(|_| std::process::abort())
        .as_datetime();
    let mut minutes = 0;
    for (kind, author, to) in cycle.iter().cycle().take(49) {
        minutes += 95;
        let at = Timestamp::from(start + chrono::Duration::minutes(minutes)).to_string();
        log.push(match (author, to) {
            (Some(a), _) => {
                json!({"type": kind, "at": at, "author": a, "text": "Oi, alguma novidade?"})
            }
            (_, Some(t)) => json!({"type": kind, "at": at, "to": t}),
            _ => Value::Null,
        });
    }
    log
}

fn bench_sla(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let log_json = log();
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

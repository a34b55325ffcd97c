//! Monitoring and the FAQ on the default store: `monitor.duplicates` over 100,000 card
//! charges of a day (about one in a hundred charged twice), folded one event at a time
//! with `DuplicateFinder` and through the typed operation; `monitor.stuck` over 10,000 open
//! payments and refunds of every method; `faq.answer` typed, by id and by a message's
//! keywords. Throughput is reported in events (or items) per second.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_payments::calendar::Timestamp;
use recourse_payments::faq::AnswerRequest;
use recourse_payments::monitor::{
    DuplicateFinder, DuplicatesRequest, MatchKey, PaymentEvent, StuckRequest,
};
use recourse_payments::receipt::Trace;
use recourse_payments::Engine;
use serde_json::{json, Value};
use std::hint::black_box;

const EVENTS: usize = 100_000;
const ITEMS: usize = 10_000;

fn at(seconds: u64) -> String {
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    format!("2026-12-01T{h:02}:{m:02}:{s:02}-03:00")
}

/// A day of charges, in time order: customers and amounts from a fixed sequence, and every
/// hundredth charge repeated a few seconds later (a double click).
fn events() -> Vec<PaymentEvent> {
    let mut out = Vec::with_capacity(EVENTS);
    let mut x: u64 = 0x2545_f491;
    let mut i = 0;
    while out.len() < EVENTS {
        x = x
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        let t = (out.len() as u64) * 86_000 / EVENTS as u64;
        let customer = x >> 44;
        let cents = 1_000 + (x >> 20) % 50_000;
        let e = json!({"id": format!("ch_{i}"), "kind": "charge", "at": at(t), "method": "card",
            "amount": {"amount": format!("{}.{:02}", cents / 100, cents % 100), "currency": "BRL"},
            "card": format!("fp_{customer}"), "customer": format!("c_{customer}")});
        let event: PaymentEvent =
            serde_json::from_value(e).unwrap_or_else(|_| std::process::abort());
        if i % 100 == 0 {
            let mut again = event.clone();
            again.id = format!("ch_{i}_again");
            out.push(event);
            out.push(again);
        } else {
            out.push(event);
        }
        i += 1;
    }
    out.truncate(EVENTS);
    out
}

fn item(i: usize) -> Value {
    let amount = json!({"amount": "80.00", "currency": "BRL"});
    match i % 5 {
        0 => json!({"id": format!("p{i}"), "flow": "payment", "method": "pix", "amount": amount,
            "pix_expires_in_seconds": 1800,
            "history": [{"at": "2026-12-07T08:00:00-03:00", "status": "created"}]}),
        1 => json!({"id": format!("b{i}"), "flow": "payment", "method": "boleto", "amount": amount,
            "boleto_due_date": "2026-12-01",
            "history": [{"at": "2026-11-28T08:00:00-03:00", "status": "created"}]}),
        2 => json!({"id": format!("a{i}"), "flow": "payment", "method": "card", "amount": amount,
            "history": [{"at": "2026-12-01T09:00:00-03:00", "status": "authorized"}]}),
        3 => json!({"id": format!("r{i}"), "flow": "refund", "method": "card", "amount": amount,
            "history": [{"at": "2026-11-10T12:00:00-03:00", "status": "pending"}]}),
        _ => json!({"id": format!("c{i}"), "flow": "payment", "method": "card", "amount": amount,
            "history": [{"at": "2026-12-07T09:00:00-03:00", "status": "captured"}]}),
    }
}

fn bench_monitor(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    bench_duplicates(c, &engine);
    bench_stuck(c, &engine);
    bench_faq(c, &engine);
}

fn bench_duplicates(c: &mut Criterion, engine: &Engine) {
    let events = events();
    let now =
        Timestamp::parse("2026-12-02T00:00:00-03:00").unwrap_or_else(|_| std::process::abort());
    let request = DuplicatesRequest {
        now,
        events: events.clone(),
        preset: None,
        window_seconds: None,
        keys: None,
        locale: None,
    };
    let out = recourse_payments::monitor::duplicates(engine, &request, &mut Trace::new())
        .unwrap_or_else(|_| std::process::abort());
    assert!(
        out.groups.len() >= EVENTS / 101,
        "{} groups",
        out.groups.len()
    );

    let mut group = c.benchmark_group("monitor");
    group.throughput(Throughput::Elements(EVENTS as u64));
    group.sample_size(10);
    group.bench_function("duplicates_100k_events_fold", |b| {
        b.iter(|| {
            let keys = vec![MatchKey::Card, MatchKey::Customer, MatchKey::Method];
            let mut finder = DuplicateFinder::new(
                600,
                keys,
                "monitor.duplicates.recourse".into(),
                now,
                recourse_payments::comms::Locale::En,
            )
            .unwrap_or_else(|_| std::process::abort());
            for e in black_box(&events) {
                finder.push(e).unwrap_or_else(|_| std::process::abort());
            }
            finder.finish()
        })
    });
    group.bench_function("duplicates_100k_events_typed", |b| {
        b.iter(|| {
            recourse_payments::monitor::duplicates(
                black_box(engine),
                black_box(&request),
                &mut Trace::new(),
            )
        })
    });
    group.finish();
}

fn bench_stuck(c: &mut Criterion, engine: &Engine) {
    let mut group = c.benchmark_group("monitor");
    group.sample_size(10);
    let items: Vec<Value> = (0..ITEMS).map(item).collect();
    let stuck: StuckRequest =
        serde_json::from_value(json!({"now": "2026-12-07T10:00:00-03:00", "items": items}))
            .unwrap_or_else(|_| std::process::abort());
    let out = recourse_payments::monitor::stuck(engine, &stuck, &mut Trace::new())
        .unwrap_or_else(|_| std::process::abort());
    assert_eq!(out.alerts.len(), ITEMS * 4 / 5);
    group.throughput(Throughput::Elements(ITEMS as u64));
    group.bench_function("stuck_10k_items_typed", |b| {
        b.iter(|| {
            recourse_payments::monitor::stuck(
                black_box(engine),
                black_box(&stuck),
                &mut Trace::new(),
            )
        })
    });
    group.finish();
}

fn bench_faq(c: &mut Criterion, engine: &Engine) {
    let by_id = AnswerRequest {
        id: Some("boleto_clearing".into()),
        ..AnswerRequest::default()
    };
    c.bench_function("faq/answer_boleto_by_id_typed", |b| {
        b.iter(|| {
            recourse_payments::faq::answer(black_box(engine), black_box(&by_id), &mut Trace::new())
        })
    });
    let by_words = AnswerRequest {
        question: Some("Quanto tempo leva o meu reembolso?".into()),
        ..AnswerRequest::default()
    };
    c.bench_function("faq/answer_refund_by_keywords_typed", |b| {
        b.iter(|| {
            recourse_payments::faq::answer(
                black_box(engine),
                black_box(&by_words),
                &mut Trace::new(),
            )
        })
    });
}

criterion_group!(benches, bench_monitor);
criterion_main!(benches);

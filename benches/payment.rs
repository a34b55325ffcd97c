//! Payment diagnostics on the default store: `payment.explain_decline` (a Visa 51 with
//! Stripe's code, addressed in pt-BR) and `payment.retry` (a Mastercard history of 30
//! declines over a month in Brazil), each typed, through the JSON surface, and beside the
//! plain serde_json parse of the same request (what the JSON path costs before any rule).
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use recourse_payments::payment::{ExplainDeclineRequest, RetryRequest};
use recourse_payments::receipt::Trace;
use recourse_payments::Engine;
use serde_json::{json, Value};
use std::hint::black_box;

fn explain_request() -> Value {
    json!({
        "declined_at": "2026-11-19T18:10:00-03:00",
        "network": "visa", "response_code": "51",
        "processor": {"processor": "stripe", "decline_code": "insufficient_funds"},
        "customer_name": "Marina", "locale": "pt-BR"
    })
}

fn retry_request() -> Value {
    let attempts: Vec<Value> = (0..30)
        .map(|i| {
            let day = 1 + i;
            json!({"at": format!("2026-11-{day:02}T09:00:00-03:00"), "outcome": "declined",
                   "response_code": "51", "advice_code": if i % 3 == 0 { "02" } else { "24" },
                   "amount": {"amount": "129.90", "currency": "BRL"}})
        })
        .collect();
    json!({"network": "mastercard", "now": "2026-11-30T20:00:00-03:00", "attempts": attempts,
           "amount": {"amount": "129.90", "currency": "BRL"}, "domestic_brazil": true})
}

fn bench_payment(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let explain_json = explain_request();
    let explain: ExplainDeclineRequest =
        serde_json::from_value(explain_json.clone()).unwrap_or_else(|_| std::process::abort());
    let out = recourse_payments::payment::explain_decline(&engine, &explain, &mut Trace::new())
        .unwrap_or_else(|_| std::process::abort());
    assert_eq!(out.reason.as_str(), "insufficient_funds");
    c.bench_function("payment/explain_decline_typed", |b| {
        b.iter(|| {
            recourse_payments::payment::explain_decline(
                black_box(&engine),
                black_box(&explain),
                &mut Trace::new(),
            )
        })
    });
    let text = explain_json.to_string();
    c.bench_function("payment/explain_decline_json", |b| {
        b.iter(|| engine.call_json("payment.explain_decline", black_box(text.as_bytes())))
    });
    c.bench_function("payment/explain_decline_serde_json_parse", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)))
    });

    let retry_json = retry_request();
    let retry: RetryRequest =
        serde_json::from_value(retry_json.clone()).unwrap_or_else(|_| std::process::abort());
    let out = recourse_payments::payment::retry(&engine, &retry, &mut Trace::new())
        .unwrap_or_else(|_| std::process::abort());
    assert!(out.checks.len() > 3);
    c.bench_function("payment/retry_30_attempts_typed", |b| {
        b.iter(|| {
            recourse_payments::payment::retry(
                black_box(&engine),
                black_box(&retry),
                &mut Trace::new(),
            )
        })
    });
    let short: RetryRequest = serde_json::from_value(json!({"network": "visa",
        "now": "2026-11-19T18:40:00-03:00", "attempts": [
            {"at": "2026-11-19T18:10:00-03:00", "outcome": "declined", "response_code": "51"}]}))
    .unwrap_or_else(|_| std::process::abort());
    c.bench_function("payment/retry_1_attempt_typed", |b| {
        b.iter(|| {
            recourse_payments::payment::retry(
                black_box(&engine),
                black_box(&short),
                &mut Trace::new(),
            )
        })
    });
    let text = retry_json.to_string();
    c.bench_function("payment/retry_30_attempts_json", |b| {
        b.iter(|| engine.call_json("payment.retry", black_box(text.as_bytes())))
    });
    c.bench_function("payment/retry_30_attempts_serde_json_parse", |b| {
        b.iter(|| serde_json::from_str::<Value>(black_box(&text)))
    });
}

criterion_group!(benches, bench_payment);
criterion_main!(benches);

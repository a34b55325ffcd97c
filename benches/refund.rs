//! `refund.evaluate` on the US store policy (compiled once) with a 3-line order: the typed
//! decision, the typed call with its receipt, the JSON-in/JSON-out path every binding uses,
//! and serde_json alone parsing the same request, for the ratio.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use recourse_benches::{US_REFUND_REQUEST as REQUEST, US_STORE};
use recourse_payments::decode::{At, Decode};
use recourse_payments::refund::{evaluate, Evaluate, EvaluateRequest};
use recourse_payments::Engine;
use std::hint::black_box;

fn bench_evaluate(c: &mut Criterion) {
    let engine = Engine::from_toml(US_STORE).unwrap_or_else(|_| std::process::abort());
    let request: EvaluateRequest =
        serde_json::from_str(REQUEST).unwrap_or_else(|_| std::process::abort());
    if evaluate(&engine, &request).is_err() {
        std::process::abort();
    }
    c.bench_function("refund/evaluate_typed", |b| {
        b.iter(|| evaluate(black_box(&engine), black_box(&request)))
    });
    c.bench_function("refund/evaluate_typed_with_receipt", |b| {
        b.iter(|| engine.call::<Evaluate>(black_box(&request)))
    });
    c.bench_function("refund/evaluate_json", |b| {
        b.iter(|| engine.call_json("refund.evaluate", black_box(REQUEST.as_bytes())))
    });
    c.bench_function("refund/serde_json_parse_only_value", |b| {
        b.iter(|| serde_json::from_str::<serde_json::Value>(black_box(REQUEST)))
    });
    c.bench_function("refund/serde_json_parse_only_typed", |b| {
        b.iter(|| serde_json::from_str::<EvaluateRequest>(black_box(REQUEST)))
    });
    // Where the JSON path spends the rest: reading the parsed value, the receipt's
    // canonical form of the request, and the response written as canonical JSON.
    let value: serde_json::Value =
        serde_json::from_str(REQUEST).unwrap_or_else(|_| std::process::abort());
    c.bench_function("refund/decode_from_value", |b| {
        b.iter(|| EvaluateRequest::decode(black_box(&value), &At::Root))
    });
    c.bench_function("refund/receipt_canonical_request", |b| {
        b.iter(|| recourse_payments::canonical::encode(black_box(&request)))
    });
    let output = engine
        .call::<Evaluate>(&request)
        .unwrap_or_else(|_| std::process::abort());
    c.bench_function("refund/response_canonical_json", |b| {
        b.iter(|| recourse_payments::canonical::encode(black_box(&output)))
    });
    // The floor: serde_json writing the same response in field order, keys not sorted.
    c.bench_function("refund/response_serde_json_unsorted", |b| {
        b.iter(|| serde_json::to_string(black_box(&output)))
    });
}

criterion_group!(benches, bench_evaluate);
criterion_main!(benches);

//! Allocation: typed, and through the JSON surface every binding uses.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use recourse_payments::money::{allocate, Money, Ratio};
use recourse_payments::Engine;
use std::hint::black_box;

fn bench_allocate(c: &mut Criterion) {
    let total = Money::parse("1234.57", "BRL").unwrap_or_else(|_| std::process::abort());
    let ratios: Vec<Ratio> = [3_u32, 5, 7, 11, 13].into_iter().map(Ratio::from).collect();
    c.bench_function("money/allocate_5_parts_typed", |b| {
        b.iter(|| allocate(black_box(&total), black_box(&ratios), None))
    });
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let json = br#"{"total":{"amount":"1234.57","currency":"BRL"},"ratios":[3,5,7,11,13]}"#;
    c.bench_function("money/allocate_5_parts_json", |b| {
        b.iter(|| engine.call_json("money.allocate", black_box(json)))
    });
    c.bench_function("money/serde_json_parse_only", |b| {
        b.iter(|| serde_json::from_slice::<serde_json::Value>(black_box(json)))
    });
}

criterion_group!(benches, bench_allocate);
criterion_main!(benches);

//! `ticket.triage` of a 300-character first message (goal: under 20 µs typed): typed, and
//! through the JSON surface with its receipt.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_payments::comms::Locale;
use recourse_payments::ticket::{triage_with, TriageRequest, Vocabulary};
use recourse_payments::Engine;
use std::hint::black_box;

fn bench_triage(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let text = recourse_benches::triage_message_300();
    let json = serde_json::json!({ "channel": "chat", "locale": "pt-BR", "text": text });
    let request: TriageRequest =
        serde_json::from_value(json.clone()).unwrap_or_else(|_| std::process::abort());
    let config = &engine.config().tickets;
    let vocabulary = Vocabulary::compile(&config.triage);
    let answer = triage_with(config, &vocabulary, Locale::PtBr, &request);
    assert_eq!(answer.category.as_str(), "charged_twice");
    let mut group = c.benchmark_group("ticket");
    group.throughput(Throughput::Bytes(text.len() as u64));
    group.bench_function("triage_300_chars_typed", |b| {
        b.iter(|| {
            triage_with(
                black_box(config),
                &vocabulary,
                Locale::PtBr,
                black_box(&request),
            )
        })
    });
    let input = json.to_string();
    group.bench_function("triage_300_chars_json", |b| {
        b.iter(|| engine.call_json("ticket.triage", black_box(input.as_bytes())))
    });
    group.finish();
}

criterion_group!(benches, bench_triage);
criterion_main!(benches);

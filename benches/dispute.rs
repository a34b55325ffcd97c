//! `dispute.deadline` (processor due_by, Visa's clock and a two-business-day buffer on the
//! São Paulo calendar across a holiday) and `dispute.recommend` (expected loss over the
//! default store's fees), typed and through the JSON surface. Goal: under 2 µs typed each.
//! `dispute.analyze`'s fold over 10,000 disputes (goal: 500,000 disputes a second a core).
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_payments::calendar::Timestamp;
use recourse_payments::dispute::{
    deadline, recommend, Analysis, AnalyzeCase, CandidateKind, DeadlineRequest, Network,
    RecommendRequest, RefundEntry, RefundState, Stage,
};
use recourse_payments::money::Money;
use recourse_payments::receipt::Trace;
use recourse_payments::Engine;
use std::hint::black_box;

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap_or_else(|_| std::process::abort())
}

fn brl(s: &str) -> Money {
    Money::parse(s, "BRL").unwrap_or_else(|_| std::process::abort())
}

fn bench_dispute(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let request = DeadlineRequest {
        network: Network::Visa,
        stage: Stage::Chargeback,
        stage_started_at: ts("2026-11-16T10:00:00-03:00"),
        due_by: Some(ts("2026-11-24T23:59:00-03:00")),
        now: ts("2026-11-16T12:00:00-03:00"),
        locale: None,
    };
    let out =
        deadline(&engine, &request, &mut Trace::new()).unwrap_or_else(|_| std::process::abort());
    assert_eq!(out.set_by, CandidateKind::Buffer);
    c.bench_function("dispute/deadline_typed", |b| {
        b.iter(|| deadline(black_box(&engine), black_box(&request), &mut Trace::new()))
    });
    let json = serde_json::to_string(&request).unwrap_or_else(|_| std::process::abort());
    c.bench_function("dispute/deadline_json", |b| {
        b.iter(|| engine.call_json("dispute.deadline", black_box(json.as_bytes())))
    });
    let request = RecommendRequest {
        network: Network::Visa,
        code: "13.1".into(),
        stage: Stage::Chargeback,
        amount: brl("300.00"),
        refunds: vec![RefundEntry {
            amount: brl("50.00"),
            state: RefundState::Succeeded,
        }],
        evidence_bp: 7_500,
        alert: None,
        locale: None,
    };
    recommend(&engine, &request, &mut Trace::new()).unwrap_or_else(|_| std::process::abort());
    c.bench_function("dispute/recommend_typed", |b| {
        b.iter(|| recommend(black_box(&engine), black_box(&request), &mut Trace::new()))
    });
    let json = serde_json::to_string(&request).unwrap_or_else(|_| std::process::abort());
    c.bench_function("dispute/recommend_json", |b| {
        b.iter(|| engine.call_json("dispute.recommend", black_box(json.as_bytes())))
    });
}

fn bench_analyze(c: &mut Criterion) {
    let codes = ["13.1", "10.4", "13.3", "12.6.1", "13.2", "13.6", "11.3"];
    let products = ["physical", "digital", "service", "subscription"];
    let cases: Vec<AnalyzeCase> = (0..10_000usize)
        .map(|i| {
            let code = codes.get(i % codes.len()).copied().unwrap_or("13.1");
            let product = products.get(i % products.len()).copied().unwrap_or("physical");
            let json = format!(
                r#"{{"network":"visa","code":"{code}","product_type":"{product}","channel":"web",
                    "payment_method":"card","amount":{{"amount":"{}.90","currency":"BRL"}},
                    "purchased_at":"2026-09-01T10:00:00-03:00","disputed_at":"2026-10-{:02}T10:00:00-03:00",
                    "ticket_before_dispute":{}}}"#,
                10 + i % 300,
                1 + i % 28,
                i % 3 == 0
            );
            serde_json::from_str(&json).unwrap_or_else(|_| std::process::abort())
        })
        .collect();
    let mut group = c.benchmark_group("dispute/analyze");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("fold_10000", |b| {
        b.iter(|| {
            let mut analysis = Analysis::new(recourse_payments::comms::Locale::En);
            for case in black_box(&cases) {
                analysis.add(case);
            }
            analysis.finish()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_dispute, bench_analyze);
criterion_main!(benches);

//! `dispute.deadline` (processor due_by, Visa's clock and a two-business-day buffer on the
//! São Paulo calendar across a holiday) and `dispute.recommend` (expected loss over the
//! default store's fees), typed and through the JSON surface. Goal: under 2 µs typed each.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion};
use recourse::calendar::Timestamp;
use recourse::dispute::{
    deadline, recommend, CandidateKind, DeadlineRequest, Network, RecommendRequest, RefundEntry,
    RefundState, Stage,
};
use recourse::money::Money;
use recourse::receipt::Trace;
use recourse::Engine;
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

criterion_group!(benches, bench_dispute);
criterion_main!(benches);

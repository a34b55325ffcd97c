//! `compensation.offer` for a gold customer's double charge with a 50-entry goodwill
//! history (goal: under 2 µs typed), typed and through the JSON surface, and
//! `compensation.simulate`'s fold over 10,000 past incidents (goal: 500,000 incidents a
//! second a core).
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_payments::calendar::Timestamp;
use recourse_payments::comms::Locale;
use recourse_payments::compensation::{
    offer, Customer, Fault, HistoryEntry, Incident, OfferRequest, Outcome, Role, Simulation,
};
use recourse_payments::money::Money;
use recourse_payments::receipt::Trace;
use recourse_payments::Engine;
use std::hint::black_box;

fn brl(minor: i128) -> Money {
    let currency = Money::parse("0", "BRL")
        .unwrap_or_else(|_| std::process::abort())
        .currency();
    Money::from_minor(minor, currency).unwrap_or_else(|_| std::process::abort())
}

fn now() -> Timestamp {
    Timestamp::parse("2026-12-06T12:00:00-03:00").unwrap_or_else(|_| std::process::abort())
}

/// A request with `n` history entries, one every 70 days from 20 days back (within the
/// caps: one in the last 30 days, five in the last 365).
fn request(kind: &str, severity: u32, n: usize) -> OfferRequest {
    let kinds = ["refund_late", "sla_breach", "delivery_late"];
    let history = (0..n)
        .map(|i| HistoryEntry {
            at: Timestamp::from(
                now().as_datetime()
                    - chrono::TimeDelta::days(20 + 70 * i64::try_from(i).unwrap_or(0)),
            ),
            kind: kinds
                .get(i % kinds.len())
                .copied()
                .unwrap_or("sla_breach")
                .into(),
            value: brl(1_000),
        })
        .collect();
    OfferRequest {
        scheme: None,
        incident: Incident {
            kind: Some(kind.into()),
            severity: Some(severity.to_string()),
            from_sla: None,
            from_refund: None,
            fault: Fault::Merchant,
            order_value: brl(i128::from(severity) * 100 + 5_000),
            shipping_paid: Some(brl(1_990)),
        },
        customer: Customer {
            name: "Marina".into(),
            tier: Some("gold".into()),
            tenure_days: 420,
            lifetime_spend: Some(brl(250_000)),
            open_disputes: 0,
            recent_refunds: 1,
        },
        history,
        budget_spent: Some(brl(487_000)),
        caller: Role::Agent,
        now: now(),
        locale: Some(Locale::PtBr),
    }
}

fn bench_offer(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let request = request("duplicate_charge", 129, 50);
    let out = offer(&engine, &request, &mut Trace::new()).unwrap_or_else(|_| std::process::abort());
    assert_eq!(out.outcome, Outcome::Offer);
    assert_eq!(out.assumed.history_entries, 50);
    c.bench_function("compensation/offer_typed_50_history", |b| {
        b.iter(|| offer(black_box(&engine), black_box(&request), &mut Trace::new()))
    });
    let short = self::request("duplicate_charge", 129, 0);
    c.bench_function("compensation/offer_typed_no_history", |b| {
        b.iter(|| offer(black_box(&engine), black_box(&short), &mut Trace::new()))
    });
    let json = serde_json::to_string(&request).unwrap_or_else(|_| std::process::abort());
    c.bench_function("compensation/offer_json_50_history", |b| {
        b.iter(|| engine.call_json("compensation.offer", black_box(json.as_bytes())))
    });
}

fn bench_simulate(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let kinds = [
        "duplicate_charge",
        "refund_late",
        "sla_breach",
        "delivery_late",
    ];
    let mut incidents: Vec<OfferRequest> = (0..10_000usize)
        .map(|i| {
            let kind = kinds.get(i % kinds.len()).copied().unwrap_or("refund_late");
            let mut r = request(kind, u32::try_from(i % 700).unwrap_or(0), i % 4);
            r.locale = None;
            r
        })
        .collect();
    let mut group = c.benchmark_group("compensation");
    group.throughput(Throughput::Elements(10_000));
    group.bench_function("simulate_10000", |b| {
        b.iter(|| {
            let mut sim =
                Simulation::new(&engine, None, None).unwrap_or_else(|_| std::process::abort());
            for r in &mut incidents {
                sim.add(r);
            }
            let out = sim.finish();
            assert_eq!(out.totals.incidents, 10_000);
            black_box(out)
        })
    });
    group.finish();
}

criterion_group!(benches, bench_offer, bench_simulate);
criterion_main!(benches);

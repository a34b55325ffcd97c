//! `refund.simulate` throughput: past cases folded into totals, from JSON lines (as the CLI
//! streams a file) and from typed requests, in cases per second.
#![allow(missing_docs)]

use criterion::{criterion_group, criterion_main, Criterion, Throughput};
use recourse_payments::refund::{EvaluateRequest, Simulation};
use recourse_payments::Engine;
use std::hint::black_box;

/// The sample shipped with the repository: realistic Brazilian cases, one per line.
const SAMPLE: &str = include_str!("../examples/cases/sample.jsonl");

fn bench_simulate(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let lines: Vec<&str> = SAMPLE.lines().filter(|l| !l.trim().is_empty()).collect();
    let typed: Vec<EvaluateRequest> = lines
        .iter()
        .filter_map(|l| serde_json::from_str(l).ok())
        .collect();
    let mut group = c.benchmark_group("refund_simulate");
    group.throughput(Throughput::Elements(lines.len() as u64));
    group.bench_function("json_lines", |b| {
        b.iter(|| {
            let mut sim =
                Simulation::new(&engine, None, None).unwrap_or_else(|_| std::process::abort());
            for (i, line) in lines.iter().enumerate() {
                sim.add_json(black_box(line.as_bytes()), i as u64 + 1);
            }
            sim.finish()
        })
    });
    group.throughput(Throughput::Elements(typed.len() as u64));
    group.bench_function("typed", |b| {
        b.iter(|| {
            let mut sim =
                Simulation::new(&engine, None, None).unwrap_or_else(|_| std::process::abort());
            for (i, case) in typed.iter().enumerate() {
                sim.add(black_box(case.clone()), i as u64);
            }
            sim.finish()
        })
    });
    group.bench_function("typed_compare_two_policies", |b| {
        b.iter(|| {
            let mut sim = Simulation::new(&engine, None, Some("casa_aurora_eu"))
                .unwrap_or_else(|_| std::process::abort());
            for (i, case) in typed.iter().enumerate() {
                sim.add(black_box(case.clone()), i as u64);
            }
            sim.finish()
        })
    });
    group.finish();
}

criterion_group!(benches, bench_simulate);
criterion_main!(benches);

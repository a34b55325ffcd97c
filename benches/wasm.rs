//! The same request through native `Engine::call_json` and through the npm package in Node
//! (`bindings/wasm/bench/bench.mjs --serve`), measured in one run, with the ratio printed.
//!
//! The requests are the first success vector of each benchmarked operation that is
//! registered. Build the package first (`bash scripts/wasm.sh`); without it, or without
//! `node`, only the native side runs.
#![allow(missing_docs)]

use std::cell::Cell;
use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Child, ChildStdin, ChildStdout, Command, Stdio};
use std::rc::Rc;
use std::time::{Duration, Instant};

use criterion::{criterion_group, criterion_main, Criterion};
use recourse_payments::Engine;
use std::hint::black_box;

/// The operations compared, when registered.
const OPERATIONS: &[&str] = &["money.allocate", "refund.evaluate"];

/// A Node process serving timed calls through the package.
struct Node {
    child: Child,
    stdin: ChildStdin,
    stdout: BufReader<ChildStdout>,
}

impl Node {
    fn start(operation: &str, input: &str) -> Option<Self> {
        let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../bindings/wasm");
        if !dir.join("pkg/recourse_wasm_bg.wasm").exists() {
            eprintln!("bindings/wasm/pkg is not built (bash scripts/wasm.sh): native only");
            return None;
        }
        let mut child = Command::new("node")
            .arg("bench/bench.mjs")
            .arg("--serve")
            .current_dir(&dir)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .spawn()
            .ok()?;
        let stdin = child.stdin.take()?;
        let stdout = BufReader::new(child.stdout.take()?);
        let mut node = Self {
            child,
            stdin,
            stdout,
        };
        let job = serde_json::json!({"operation": operation, "input": input});
        let ready = node.ask(&job.to_string())?;
        (ready == "ready").then_some(node)
    }

    fn ask(&mut self, line: &str) -> Option<String> {
        writeln!(self.stdin, "{line}").ok()?;
        self.stdin.flush().ok()?;
        let mut answer = String::new();
        self.stdout.read_line(&mut answer).ok()?;
        Some(answer.trim().to_owned())
    }

    /// The time `iters` calls took in Node, measured there.
    fn time(&mut self, iters: u64) -> Duration {
        let nanos = self
            .ask(&iters.to_string())
            .and_then(|n| n.parse::<u64>().ok())
            .unwrap_or_else(|| std::process::abort());
        Duration::from_nanos(nanos)
    }
}

impl Drop for Node {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Adds up what criterion measured, to print the mean per call.
#[derive(Default, Clone)]
struct Tally(Rc<Cell<(Duration, u64)>>);

impl Tally {
    fn add(&self, elapsed: Duration, iters: u64) -> Duration {
        let (total, count) = self.0.get();
        self.0.set((total + elapsed, count + iters));
        elapsed
    }

    /// The mean time of one call, in picoseconds.
    fn picos_per_call(&self) -> u128 {
        let (total, count) = self.0.get();
        total.as_nanos().saturating_mul(1000) / u128::from(count.max(1))
    }
}

fn first_success_input(operation: &str) -> Option<String> {
    let vectors = recourse_conformance::load_all().ok()?;
    vectors
        .into_iter()
        .find(|v| v.operation == operation && v.expected.is_some() && v.config.is_none())
        .map(|v| v.input)
}

fn bench_wasm_vs_native(c: &mut Criterion) {
    let engine = Engine::default_store().unwrap_or_else(|_| std::process::abort());
    let mut summary = Vec::new();
    for &operation in OPERATIONS {
        if recourse_payments::engine::find(operation).is_none() {
            continue;
        }
        let Some(input) = first_success_input(operation) else {
            continue;
        };
        let mut group = c.benchmark_group(format!("wasm_vs_native/{operation}"));
        group.sample_size(30);
        let native = Tally::default();
        group.bench_function("native_call_json", |b| {
            b.iter_custom(|iters| {
                let start = Instant::now();
                for _ in 0..iters {
                    let _ = black_box(engine.call_json(operation, black_box(input.as_bytes())));
                }
                native.add(start.elapsed(), iters)
            })
        });
        if let Some(mut node) = Node::start(operation, &input) {
            let wasm = Tally::default();
            group.bench_function("node_package_call_json", |b| {
                b.iter_custom(|iters| wasm.add(node.time(iters), iters))
            });
            summary.push((
                operation,
                native.picos_per_call(),
                Some(wasm.picos_per_call()),
            ));
        } else {
            summary.push((operation, native.picos_per_call(), None));
        }
        group.finish();
    }
    // Figures in hundredths, with integer arithmetic only.
    let hundredths = |n: u128| format!("{}.{:02}", n / 100, n % 100);
    for (operation, native, wasm) in summary {
        let native_us = hundredths(native / 10_000);
        match wasm {
            Some(wasm) => println!(
                "{operation}: native {native_us} µs, Node + wasm {} µs per call: {}x",
                hundredths(wasm / 10_000),
                hundredths(wasm.saturating_mul(100) / native.max(1)),
            ),
            None => println!("{operation}: native {native_us} µs per call"),
        }
    }
}

criterion_group!(benches, bench_wasm_vs_native);
criterion_main!(benches);

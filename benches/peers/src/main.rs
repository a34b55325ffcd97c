//! The US store's refund eligibility decided three ways on the same inputs: Recourse (typed
//! and JSON), a GoRules decision table through `zen-engine`, and a JSONLogic rule through
//! `datalogic-rs`. Run by `scripts/peers.sh`.
//!
//! - `recourse-peers check`: every input decided by all three; the outcome, window and
//!   restocking fee of every line must agree, or it fails.
//! - `recourse-peers bench OUT.tsv`: the check, then criterion per decision (the 3-line
//!   request) side by side; the mean of each in nanoseconds written to OUT.tsv.
//! - `recourse-peers cost`: one call of each under callgrind (the script collects only the
//!   `cost_measure_*` functions), one line of name per call on standard output.

use std::hint::black_box;
use std::path::PathBuf;

use criterion::Criterion;
use datalogic_rs::bumpalo::Bump;
use datalogic_rs::ParsedData;
use recourse_benches::{US_REFUND_REQUEST as REQUEST, US_STORE};
use recourse_payments::refund::EvaluateRequest;
use zen_engine::Variable;

mod check;
mod engines;
mod inputs;
mod policy;

use engines::Engines;

/// What every measured call reads, prepared once.
struct Fixture {
    engines: Engines,
    request: EvaluateRequest,
    zen_lines: Vec<Variable>,
    datalogic_lines: Vec<ParsedData>,
}

impl Fixture {
    fn new() -> Result<Self, String> {
        let engines = Engines::new(US_STORE)?;
        let request = serde_json::from_str(REQUEST).map_err(|e| e.to_string())?;
        let value: serde_json::Value = serde_json::from_str(REQUEST).map_err(|e| e.to_string())?;
        let facts = inputs::line_facts(&value).ok_or("the request's lines")?;
        let zen_lines = facts.iter().cloned().map(Variable::from).collect();
        let datalogic_lines = facts
            .iter()
            .map(|f| ParsedData::from_json(&f.to_string()).map_err(|e| e.to_string()))
            .collect::<Result<_, _>>()?;
        Ok(Self {
            engines,
            request,
            zen_lines,
            datalogic_lines,
        })
    }
}

/// The measured calls, by name: each decides the 3-line request once.
const MEASURED: [&str; 7] = [
    "recourse_typed",
    "recourse_json",
    "serde_json_parse",
    "zen_table",
    "zen_json",
    "datalogic_rule",
    "datalogic_json",
];

fn run(fx: &Fixture, name: &str, arena: &mut Bump) -> bool {
    let e = &fx.engines;
    let input = black_box(REQUEST.as_bytes());
    match name {
        "recourse_typed" => black_box(e.recourse_typed(black_box(&fx.request))).is_some(),
        "recourse_json" => black_box(e.recourse_json(input)).is_some(),
        "serde_json_parse" => black_box(serde_json::from_slice::<serde_json::Value>(input)).is_ok(),
        "zen_table" => black_box(e.zen_table(black_box(&fx.zen_lines))).is_some(),
        "zen_json" => black_box(e.zen_json(input)).is_some(),
        "datalogic_rule" => e
            .datalogic_rule(black_box(&fx.datalogic_lines), arena, |v| {
                black_box(v);
            })
            .is_some(),
        "datalogic_json" => black_box(e.datalogic_json(input, arena)).is_some(),
        _ => false,
    }
}

fn bench(fx: &Fixture, out: PathBuf) -> Result<(), String> {
    let dir = std::env::temp_dir().join("recourse-peers-criterion");
    let mut c = Criterion::default().output_directory(&dir);
    let mut arena = Bump::new();
    {
        let mut group = c.benchmark_group("peers");
        for name in MEASURED {
            group.bench_function(name, |b| b.iter(|| run(fx, name, &mut arena)));
        }
        group.finish();
    }
    c.final_summary();
    let mut tsv = String::new();
    for name in MEASURED {
        let path = dir.join("peers").join(name).join("new/estimates.json");
        let text = std::fs::read_to_string(&path).map_err(|e| format!("{path:?}: {e}"))?;
        let json: serde_json::Value = serde_json::from_str(&text).map_err(|e| e.to_string())?;
        let mean = json["mean"]["point_estimate"].as_f64().ok_or("no mean")?;
        tsv.push_str(&format!("{name}\t{mean}\n"));
    }
    std::fs::write(&out, tsv).map_err(|e| format!("{out:?}: {e}"))
}

macro_rules! measured {
    ($($name:ident),*) => {
        $(
            #[inline(never)]
            fn $name(fx: &Fixture, name: &str, arena: &mut Bump) -> bool {
                run(fx, name, arena)
            }
        )*
        /// Each measured call once, through a function of its own (callgrind counts those).
        fn cost(fx: &Fixture) -> Result<(), String> {
            let mut arena = Bump::new();
            $(
                let name = stringify!($name).trim_start_matches("cost_measure_");
                // Once to warm (lazy tables, the arena's first chunk), then counted.
                if !run(fx, name, &mut arena) || !$name(fx, name, &mut arena) {
                    return Err(format!("{name} failed"));
                }
                println!("{name}");
            )*
            Ok(())
        }
    };
}

measured!(
    cost_measure_recourse_typed,
    cost_measure_recourse_json,
    cost_measure_serde_json_parse,
    cost_measure_zen_table,
    cost_measure_zen_json,
    cost_measure_datalogic_rule,
    cost_measure_datalogic_json
);

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let result = Fixture::new().and_then(|fx| match mode.as_str() {
        "check" => check::all(&fx.engines, REQUEST),
        "bench" => {
            let out = std::env::args().nth(2).ok_or("usage: bench OUT.tsv")?;
            check::all(&fx.engines, REQUEST)?;
            bench(&fx, PathBuf::from(out))
        }
        "cost" => cost(&fx),
        _ => Err("usage: recourse-peers check | bench OUT.tsv | cost".to_owned()),
    });
    if let Err(problem) = result {
        eprintln!("recourse-peers: {problem}");
        std::process::exit(1);
    }
}

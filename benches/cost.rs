//! Instruction counts, for numbers that hold on a noisy machine. Run under callgrind by
//! `scripts/instructions.sh`, which reads one profile per measured call: every call goes
//! through [`cost_measure`], the only function whose instructions are collected, and each
//! call is named by one line on standard output (`name<TAB>input bytes<TAB>outcome`), in the
//! order of the profiles.
//!
//! - `recourse-cost hot`: the regression guard. The JSON path of every operation on its
//!   first answered conformance vector, the typed `refund.evaluate` of the US store, and
//!   `serde_json` parsing the same request (the floor the JSON path is compared with).
//! - `recourse-cost ratios`: the JSON path of every operation on its first answered vector
//!   and on `sla.status`'s 50-event log, each beside `serde_json` parsing the same request
//!   into a `Value`; a batch of 100 US refund requests beside one of them; and
//!   `refund.simulate` folding 380 cases from JSON lines.
//! - `recourse-cost bounds`: bounded cost. For every operation, worst cases generated from
//!   its largest answered vector: its longest list and its longest text grown towards the
//!   input limits (at two sizes, to show the growth is linear), every number made huge, every
//!   date moved to the ends of the calendar, and nesting at the depth limit.
#![allow(missing_docs)]

use std::collections::BTreeMap;
use std::hint::black_box;
use std::path::{Path, PathBuf};

use recourse_payments::refund::{evaluate, EvaluateRequest, Simulation};
use recourse_payments::Engine;
use serde_json::{json, Value};

mod cost_alloc;
mod cost_cases;
use cost_cases::{variants, Variant};

#[global_allocator]
static ALLOCATOR: cost_alloc::SizeLists = cost_alloc::SizeLists::new();

/// Sizes the grown lists and texts are measured at: the cost per byte must not grow with
/// the input (checked by the script), so the largest size stands for the limit.
const SIZES: [usize; 2] = [16 * 1024, 64 * 1024];

/// A simulation of the default policy over `lines` (JSON, one case each), folded and
/// finished, counted like [`cost_measure`].
#[inline(never)]
fn cost_measure_simulate(engine: &Engine, lines: &[&str]) -> String {
    let Ok(mut simulation) = Simulation::new(engine, None, None) else {
        return "refund.no_policy".to_owned();
    };
    for (at, line) in lines.iter().enumerate() {
        simulation.add_json(black_box(line.as_bytes()), at as u64);
    }
    black_box(simulation.finish());
    "ok".to_owned()
}

/// The only function whose instructions are counted.
#[inline(never)]
fn cost_measure(engine: &Engine, operation: &str, input: &[u8]) -> String {
    match engine.call_json(black_box(operation), black_box(input)) {
        Ok(answer) => {
            black_box(answer.len());
            "ok".to_owned()
        }
        Err(error) => error.code().to_owned(),
    }
}

/// The typed decision, counted like [`cost_measure`].
#[inline(never)]
fn cost_measure_typed(engine: &Engine, request: &EvaluateRequest) -> String {
    match evaluate(black_box(engine), black_box(request)) {
        Ok(decision) => {
            black_box(&decision);
            "ok".to_owned()
        }
        Err(error) => error.code().to_owned(),
    }
}

/// `serde_json`'s parse of a request into a `Value`, counted like [`cost_measure`].
#[inline(never)]
fn cost_measure_parse(input: &[u8]) -> String {
    match serde_json::from_slice::<Value>(black_box(input)) {
        Ok(value) => {
            black_box(&value);
            "ok".to_owned()
        }
        Err(_) => "invalid".to_owned(),
    }
}

/// A batch through JSON, counted like [`cost_measure`].
#[inline(never)]
fn cost_measure_batch(engine: &Engine, operation: &str, input: &[u8]) -> String {
    match engine.call_batch_json(black_box(operation), black_box(input)) {
        Ok(answer) => {
            black_box(answer.len());
            "ok".to_owned()
        }
        Err(error) => error.code().to_owned(),
    }
}

/// One answered conformance vector.
struct Vector {
    operation: String,
    name: String,
    config: Option<String>,
    input: Value,
}

fn main() {
    let mode = std::env::args().nth(1).unwrap_or_default();
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/vectors");
    let vectors = match read_vectors(&root) {
        Ok(vectors) => vectors,
        Err(problem) => fail(&problem),
    };
    let mut engines = Engines::default();
    match mode.as_str() {
        "hot" => hot(&vectors, &mut engines),
        "bounds" => bounds(&vectors, &mut engines),
        "ratios" => ratios(&vectors, &mut engines),
        _ => fail("usage: recourse-cost hot|bounds|ratios"),
    }
}

fn fail(problem: &str) -> ! {
    eprintln!("recourse-cost: {problem}");
    std::process::exit(2)
}

/// Engines by configuration, each built once (outside what is counted).
#[derive(Default)]
struct Engines(BTreeMap<String, Engine>);

impl Engines {
    fn get(&mut self, config: Option<&str>) -> &Engine {
        let key = config.unwrap_or_default().to_owned();
        self.0.entry(key).or_insert_with(|| {
            let built = match config {
                Some(text) => Engine::from_json(text),
                None => Engine::default_store(),
            };
            built.unwrap_or_else(|e| fail(&format!("a vector's engine does not build: {e}")))
        })
    }
}

/// The answered vectors (those with `expected` and a JSON `input`), by operation and name.
fn read_vectors(root: &Path) -> Result<Vec<Vector>, String> {
    let mut files: Vec<PathBuf> = Vec::new();
    for dir in read_dir(root)? {
        if dir.is_dir() {
            files.extend(
                read_dir(&dir)?
                    .into_iter()
                    .filter(|f| f.extension().is_some_and(|e| e == "json")),
            );
        }
    }
    files.sort();
    let mut vectors = Vec::new();
    for file in files {
        let text =
            std::fs::read_to_string(&file).map_err(|e| format!("{}: {e}", file.display()))?;
        let case: Value =
            serde_json::from_str(&text).map_err(|e| format!("{}: {e}", file.display()))?;
        let (Some(operation), Some(input), Some(_)) = (
            case.get("operation").and_then(Value::as_str),
            case.get("input"),
            case.get("expected"),
        ) else {
            continue;
        };
        let name = file
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default();
        let config = case.get("config").map(Value::to_string);
        vectors.push(Vector {
            operation: operation.to_owned(),
            name,
            config,
            input: input.clone(),
        });
    }
    Ok(vectors)
}

fn read_dir(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

/// Counts `vector`'s operation on `input`, on the vector's engine.
fn count(engines: &mut Engines, vector: &Vector, name: &str, input: &Value) {
    let engine = engines.get(vector.config.as_deref());
    count_bytes(
        engine,
        &vector.operation,
        name,
        input.to_string().as_bytes(),
    );
}

/// Counts one call (after one uncounted call, so lazily built tables are not counted) and
/// names it on standard output.
fn count_bytes(engine: &Engine, operation: &str, name: &str, bytes: &[u8]) {
    warm_up_call(engine, operation, bytes);
    let outcome = cost_measure(engine, operation, bytes);
    println!("{name}\t{}\t{outcome}", bytes.len());
}

#[inline(never)]
fn warm_up_call(engine: &Engine, operation: &str, input: &[u8]) {
    black_box(engine.call_json(operation, input).is_ok());
}

fn hot(vectors: &[Vector], engines: &mut Engines) {
    let mut seen = std::collections::BTreeSet::new();
    for vector in vectors {
        if seen.insert(vector.operation.clone()) {
            let name = format!("{}/{}", vector.operation, vector.name);
            count(engines, vector, &name, &vector.input);
        }
    }
    let store = Engine::from_toml(recourse_benches::US_STORE)
        .unwrap_or_else(|e| fail(&format!("the US store does not build: {e}")));
    let text = recourse_benches::US_REFUND_REQUEST;
    let request: EvaluateRequest = serde_json::from_str(text)
        .unwrap_or_else(|e| fail(&format!("the US request does not read: {e}")));
    black_box(evaluate(&store, &request).is_ok());
    let outcome = cost_measure_typed(&store, &request);
    println!("refund.evaluate/us_store_typed\t{}\t{outcome}", text.len());
    let name = "refund.evaluate/us_store_json";
    count_bytes(&store, "refund.evaluate", name, text.as_bytes());
    let outcome = cost_measure_parse(text.as_bytes());
    println!(
        "refund.evaluate/us_store_serde_json_parse\t{}\t{outcome}",
        text.len()
    );
}

/// Each JSON path beside the parse of its request, and a batch beside a single call.
fn ratios(vectors: &[Vector], engines: &mut Engines) {
    let mut seen = std::collections::BTreeSet::new();
    let log = Value::Array(recourse_benches::sla_log_50());
    let sla = json!({"log": log, "now": "2026-11-24T16:00:00-03:00"}).to_string();
    let mut cases: Vec<(String, Option<String>, String, String)> = vectors
        .iter()
        .filter(|v| seen.insert(v.operation.clone()))
        .map(|v| {
            let name = format!("{}/{}", v.operation, v.name);
            (
                v.operation.clone(),
                v.config.clone(),
                name,
                v.input.to_string(),
            )
        })
        .collect();
    cases.push((
        "sla.status".into(),
        None,
        "sla.status/50_events".into(),
        sla,
    ));
    for (operation, config, name, input) in cases {
        count_bytes(
            engines.get(config.as_deref()),
            &operation,
            &name,
            input.as_bytes(),
        );
        let outcome = cost_measure_parse(input.as_bytes());
        println!("{name}/serde_json_parse\t{}\t{outcome}", input.len());
    }
    let store = Engine::from_toml(recourse_benches::US_STORE)
        .unwrap_or_else(|e| fail(&format!("the US store does not build: {e}")));
    let single = recourse_benches::US_REFUND_REQUEST;
    count_bytes(
        &store,
        "refund.evaluate",
        "refund.evaluate/us_store_json",
        single.as_bytes(),
    );
    let batch = format!("[{}]", vec![single; 100].join(","));
    black_box(
        store
            .call_batch_json("refund.evaluate", batch.as_bytes())
            .is_ok(),
    );
    let outcome = cost_measure_batch(&store, "refund.evaluate", batch.as_bytes());
    println!(
        "refund.evaluate/us_store_batch_100\t{}\t{outcome}",
        batch.len()
    );
    simulate_ratio();
}

/// `refund.simulate` from JSON lines: the repository's sample cases, ten times over, on the
/// default store; and serde_json's parse of each sample line, once.
fn simulate_ratio() {
    let sample = include_str!("../examples/cases/sample.jsonl");
    let one: Vec<&str> = sample.lines().filter(|l| !l.trim().is_empty()).collect();
    let lines: Vec<&str> = std::iter::repeat_n(one.as_slice(), 10)
        .flatten()
        .copied()
        .collect();
    let engine = Engine::default_store()
        .unwrap_or_else(|e| fail(&format!("the default store does not build: {e}")));
    let bytes: usize = lines.iter().map(|l| l.len()).sum();
    let outcome = cost_measure_simulate(&engine, &lines);
    println!(
        "refund.simulate/sample_lines_{}\t{bytes}\t{outcome}",
        lines.len()
    );
    for line in &one {
        let parsed = cost_measure_parse(line.as_bytes());
        println!(
            "refund.simulate/sample_line/serde_json_parse\t{}\t{parsed}",
            line.len()
        );
    }
}

fn bounds(vectors: &[Vector], engines: &mut Engines) {
    let mut largest: BTreeMap<&str, (usize, &Vector)> = BTreeMap::new();
    for vector in vectors {
        let size = vector.input.to_string().len();
        let entry = largest.entry(&vector.operation).or_insert((size, vector));
        if size > entry.0 {
            *entry = (size, vector);
        }
    }
    for &(_, vector) in largest.values() {
        for Variant { name, input } in variants(&vector.input, &SIZES) {
            count(
                engines,
                vector,
                &format!("{}/{}/{name}", vector.operation, vector.name),
                &input,
            );
        }
    }
    searches(engines);
    // Nesting at the depth limit, under a key no request defines.
    let mut deep = json!(1);
    for _ in 0..31 {
        deep = json!([deep]);
    }
    for &(_, vector) in largest.values() {
        let mut input = vector.input.clone();
        if let Some(object) = input.as_object_mut() {
            object.insert("deep".to_owned(), deep.clone());
            count(
                engines,
                vector,
                &format!("{}/{}/depth", vector.operation, vector.name),
                &input,
            );
        }
    }
}

/// Calendar searches at their widest: a calendar open one minute a week, asked to add up to
/// a billion business minutes, hours or days (one amount of each lands near the end of the
/// 100-year horizon), for its next opening, and for the business time between the first and
/// the last year of the calendar. Their budget is the horizon's, not the input's length.
fn searches(engines: &mut Engines) {
    let calendar = json!({"hours": {"sun": ["02:30-02:31"]}, "time_zone": "America/New_York"});
    let start = "2026-07-01T12:30:00+01:00";
    let mut cases = Vec::new();
    // The middle amount of each unit lands near the end of the 100-year horizon.
    let units = [
        ("business_minutes", 5_000),
        ("business_hours", 80),
        ("business_days", 5_000),
        ("calendar_days", 36_000),
    ];
    for (unit, near_horizon) in units {
        for amount in [1_000_u64, near_horizon, 1_000_000_000] {
            let input = json!({"add": {"amount": amount, "unit": unit}, "calendar": calendar, "start": start});
            cases.push(("calendar.add", format!("{unit}_{amount}"), input));
        }
    }
    let input = json!({"calendar": calendar, "now": "9999-12-25T00:00:00Z"});
    cases.push(("calendar.next_open", "at_the_end_of_time".to_owned(), input));
    let input = json!({"calendar": calendar, "start": "0001-01-01T00:00:00Z", "end": "9999-12-31T00:00:00Z"});
    cases.push(("calendar.elapsed", "first_to_last_year".to_owned(), input));
    let engine = engines.get(None);
    for (operation, name, input) in cases {
        let name = format!("{operation}/one_minute_a_week/{name}");
        count_bytes(engine, operation, &name, input.to_string().as_bytes());
    }
}

//! `recourse simulate` (and `recourse disclose`): refund policies over files.

use recourse_payments::canonical::{Encode, Encoder};
use recourse_payments::receipt::Receipt;
use recourse_payments::refund::Simulation;
use recourse_payments::{Engine, Error, Operation};
use serde_json::Value;

use crate::lines::{cannot_write, Line, Lines};

/// Lines handed to a thread at a time: enough to keep the threads busy, few enough that
/// memory stays flat whatever the length of the file.
const CHUNK: usize = 256;

/// Streams JSON lines from `path` (`-`: standard input) through a simulation and returns
/// the totals with a receipt, as canonical JSON. With `threads` above 1 the lines are
/// folded on that many threads and the parts merged: the same bytes as on one; `0` is one
/// thread per core.
pub fn simulate(
    engine: &Engine,
    path: &str,
    policies: [Option<&str>; 2],
    threads: usize,
) -> Result<String, Error> {
    let threads = match threads {
        0 => std::thread::available_parallelism().map_or(1, usize::from),
        n => n,
    };
    let mut lines = Lines::open(path, engine.limits().max_bytes, "cases")?;
    let [policy, compare_with] = policies;
    let mut sim = Simulation::new(engine, policy, compare_with)?;
    if threads > 1 {
        fold_in_parallel(&mut lines, &mut sim, threads)?;
    } else {
        while let Some((number, line)) = lines.next_line()? {
            match line {
                Line::TooLarge(error) => sim.add_error(number, &error),
                Line::Json(json) => sim.add_json(json, number),
            }
        }
    }
    let out = sim.finish();
    let receipt = receipt(engine, &out);
    // The totals and `receipt` side by side, as every operation answers.
    let output = recourse_payments::Output {
        response: out,
        receipt,
    };
    recourse_payments::canonical::encode(&output).map_err(|_| cannot_write())
}

/// One line for a thread: its number and its JSON, or the error it is counted as.
enum Case {
    Json(u64, Vec<u8>),
    Error(u64, Error),
}

/// Folds `lines` on `threads` threads, each into a simulation of the policies `total`
/// simulates, and merges them into `total`.
fn fold_in_parallel<'e>(
    lines: &mut Lines,
    total: &mut Simulation<'e>,
    threads: usize,
) -> Result<(), Error> {
    let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Case>>(threads * 2);
    let receive = std::sync::Mutex::new(receive);
    std::thread::scope(|scope| {
        let workers: Vec<_> = (0..threads)
            .map(|_| {
                let mut sim = total.empty_copy();
                let receive = &receive;
                scope.spawn(move || {
                    while let Ok(Ok(chunk)) = receive.lock().map(|r| r.recv()) {
                        for case in chunk {
                            match case {
                                Case::Json(n, json) => sim.add_json(&json, n),
                                Case::Error(n, error) => sim.add_error(n, &error),
                            }
                        }
                    }
                    sim
                })
            })
            .collect();
        let read = feed(lines, &send);
        drop(send);
        for worker in workers {
            let part = worker.join().map_err(|_| worker_failed())?;
            total.merge(part)?;
        }
        read
    })
}

/// Sends `lines` in chunks of [`CHUNK`]; stops at the first line that cannot be read.
fn feed(lines: &mut Lines, send: &std::sync::mpsc::SyncSender<Vec<Case>>) -> Result<(), Error> {
    let mut chunk = Vec::with_capacity(CHUNK);
    while let Some((number, line)) = lines.next_line()? {
        chunk.push(match line {
            Line::TooLarge(error) => Case::Error(number, error),
            Line::Json(json) => Case::Json(number, json.to_vec()),
        });
        if chunk.len() == CHUNK {
            let full = std::mem::replace(&mut chunk, Vec::with_capacity(CHUNK));
            send.send(full).map_err(|_| worker_failed())?;
        }
    }
    if !chunk.is_empty() {
        send.send(chunk).map_err(|_| worker_failed())?;
    }
    Ok(())
}

/// `input.invalid` at `--threads`: a thread of the simulation stopped.
fn worker_failed() -> Error {
    Error::new(
        recourse_payments::ops::InputError::Invalid {
            detail: "a thread of the simulation stopped before its cases were folded".into(),
        },
        "--threads",
    )
}

/// The receipt of a streamed simulation. The cases are not kept, so the input digest is
/// taken over what identifies the run: the policies and the number of cases read.
fn receipt(engine: &Engine, out: &recourse_payments::refund::SimulateResponse) -> Receipt {
    let mut trace = recourse_payments::receipt::Trace::new();
    recourse_payments::refund::explain_simulation(out, &mut trace);
    let summary = RunSummary {
        policy: &out.totals.policy,
        compare_with: out.compared.as_ref().map(|c| c.policy.as_str()),
        cases: out.totals.cases,
    };
    Receipt {
        operation: recourse_payments::refund::Simulate::NAME.to_owned(),
        library_version: recourse_payments::receipt::LIBRARY_VERSION.to_owned(),
        engine_fingerprint: engine.fingerprint().to_owned(),
        input_digest: recourse_payments::receipt::digest(
            recourse_payments::canonical::encode(&summary)
                .unwrap_or_default()
                .as_bytes(),
        ),
        now: None,
        trace: trace.steps().to_vec(),
    }
}

/// What identifies a streamed simulation, as its input digest is taken over:
/// `{"cases", "compare_with", "policy"}`.
struct RunSummary<'a> {
    policy: &'a str,
    compare_with: Option<&'a str>,
    cases: u64,
}

impl Encode for RunSummary<'_> {
    fn encode(&self, out: &mut Encoder) {
        out.open();
        let mut comma = false;
        out.key(&mut comma, "\"cases\":");
        self.cases.encode(out);
        out.key(&mut comma, "\"compare_with\":");
        self.compare_with.encode(out);
        out.key(&mut comma, "\"policy\":");
        out.string(self.policy);
        out.close(comma);
    }
}

/// The totals as a person reads them.
pub fn simulate_text(out: &Value) -> String {
    let mut text = String::new();
    let s = |v: &Value| match v {
        Value::String(s) => s.clone(),
        other => other.to_string(),
    };
    let money = |m: &Value| format!("{} {}", s(at(m, &["amount"])), s(at(m, &["currency"])));
    for key in ["totals", "compared"] {
        let t = &out[key];
        if t.is_null() {
            continue;
        }
        let o = at(t, &["outcomes"]);
        text.push_str(&format!(
            "Policy {}: {} cases — {} approved, {} partly approved, {} denied, {} for review, {} in error\n",
            s(at(t, &["policy"])),
            s(at(t, &["cases"])),
            s(at(o, &["approve"])),
            s(at(o, &["partial"])),
            s(at(o, &["deny"])),
            s(at(o, &["manual_review"])),
            s(at(t, &["errors", "count"])),
        ));
        for m in at(t, &["money"]).as_array().into_iter().flatten() {
            text.push_str(&format!(
                "  {}: approved {} (refunded {}, store credit {}), pending review {}, restocking fees {}, return shipping {}, shipping refunded {}\n",
                s(at(m, &["currency"])),
                money(at(m, &["approved"])),
                money(at(m, &["refunded"])),
                money(at(m, &["store_credit"])),
                money(at(m, &["manual_review"])),
                money(at(m, &["restocking_fees"])),
                money(at(m, &["return_shipping_fees"])),
                money(at(m, &["shipping_refunded"])),
            ));
        }
        text.push_str("  by reason:\n");
        for r in at(t, &["by_reason"]).as_array().into_iter().flatten() {
            let o = at(r, &["outcomes"]);
            text.push_str(&format!(
                "    {:<26} {:>6} cases: {} approved, {} partial, {} denied, {} review\n",
                s(at(r, &["reason"])),
                s(at(r, &["cases"])),
                s(at(o, &["approve"])),
                s(at(o, &["partial"])),
                s(at(o, &["deny"])),
                s(at(o, &["manual_review"])),
            ));
        }
        text.push_str("  by rule:\n");
        for r in at(t, &["by_rule"]).as_array().into_iter().flatten() {
            text.push_str(&format!(
                "    {:<34} {:>6} decisions, {} denied\n",
                s(at(r, &["rule"])),
                s(at(r, &["decisions"])),
                s(at(r, &["denied"])),
            ));
        }
        for e in at(t, &["errors", "examples"])
            .as_array()
            .into_iter()
            .flatten()
        {
            text.push_str(&format!(
                "  error at line {}: {} at {}\n",
                s(at(e, &["at"])),
                s(at(e, &["code"])),
                s(at(e, &["path"])),
            ));
        }
    }
    text
}

/// The value at `keys` under `v`, or null.
fn at<'v>(v: &'v Value, keys: &[&str]) -> &'v Value {
    keys.iter()
        .try_fold(v, |v, k| v.get(*k))
        .unwrap_or(&Value::Null)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn simulate_error_examples_never_repeat_a_key_of_the_cases() {
        let keys = ["4111111111111111", "529.982.247-25", "maria@example.com"];
        let deep = format!("{}1{}", "[".repeat(40), "]".repeat(40));
        let lines = [
            format!(r#"{{"{}": {deep}}}"#, keys[0]),
            format!(r#"{{"{}": {{"a": 1, "a": 2}}}}"#, keys[1]),
            format!(r#"{{"{0}": 1, "{0}": 2}}"#, keys[2]),
            format!(
                r#"{{"now": "2026-03-06T17:00:00-03:00", "{}": 1}}"#,
                keys[2]
            ),
        ];
        let file = std::env::temp_dir().join(format!(
            "recourse-simulate-keys-{}.jsonl",
            std::process::id()
        ));
        std::fs::write(&file, lines.join("\n")).unwrap();
        let engine = Engine::default_store().unwrap();
        let out = simulate(&engine, file.to_str().unwrap(), [None, None], 1);
        std::fs::remove_file(&file).unwrap();
        let out = out.unwrap();
        for key in keys {
            assert!(!out.contains(key), "{key} in {out}");
        }
        let out: Value = serde_json::from_str(&out).unwrap();
        let examples: Vec<(u64, &str, &str)> = out["totals"]["errors"]["examples"]
            .as_array()
            .unwrap()
            .iter()
            .map(|e| {
                (
                    e["at"].as_u64().unwrap(),
                    e["code"].as_str().unwrap(),
                    e["path"].as_str().unwrap(),
                )
            })
            .collect();
        let deep_path = format!("<key 0>{}", "[0]".repeat(31));
        assert_eq!(
            examples,
            [
                (1, "input.too_deep", deep_path.as_str()),
                (2, "input.invalid", "<key 0>"),
                (3, "input.invalid", "."),
                (4, "input.invalid", "."),
            ]
        );
        assert!(!simulate_text(&out).contains(keys[0]));
    }
}

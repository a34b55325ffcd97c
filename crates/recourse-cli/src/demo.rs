//! `recourse demo`: a real support case, end to end, on the embedded default store.
//!
//! Each step is one operation call with the JSON a host would send; the demo prints what
//! the support agent sees. Steps are added here as capabilities land.

use recourse::{Engine, Error};
use serde_json::{json, Value};

/// One step of the case: what happens, and the call a host makes for it.
struct Step {
    title: &'static str,
    operation: &'static str,
    input: Value,
}

fn case() -> Vec<Step> {
    vec![Step {
        title: "Marina paid 100.00 BRL for three items with a 10.00 BRL coupon: \
                share the coupon across the lines by their prices, to the cent",
        operation: "money.allocate",
        input: json!({
            "total": {"amount": "10.00", "currency": "BRL"},
            "ratios": ["59.90", "25.10", "25.00"]
        }),
    }]
}

/// Runs the case. `as_json` prints each step's request and answer as JSON lines instead.
pub fn run(as_json: bool) -> Result<(), Error> {
    let engine = Engine::default_store()?;
    println!("{}", header(&engine, as_json));
    for (n, step) in case().iter().enumerate() {
        let answer = engine.call_json(step.operation, step.input.to_string().as_bytes())?;
        let answer: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
        if as_json {
            println!(
                "{}",
                json!({"step": n + 1, "operation": step.operation, "input": step.input, "output": answer})
            );
        } else {
            println!(
                "\n{}. {}\n   $ recourse run {}",
                n + 1,
                step.title,
                step.operation
            );
            for line in crate::text::render(&answer).lines() {
                println!("   {line}");
            }
        }
    }
    Ok(())
}

fn header(engine: &Engine, as_json: bool) -> String {
    let store = &engine.config().store.name;
    if as_json {
        json!({"store": store, "engine_fingerprint": engine.fingerprint()}).to_string()
    } else {
        format!("Recourse demo — {store} (engine {})", engine.fingerprint())
    }
}

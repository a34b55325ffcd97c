//! Valid requests (the conformance vectors' inputs on the default store), mutated where it
//! hurts: a value replaced by a card number, a CPF, an e-mail address, a huge or negative
//! number, an empty or long string, a deep array or the wrong type, or an unknown key named
//! by a card number. The first two bytes pick the vector, each next three a mutation.
#![no_main]

use std::sync::OnceLock;

use libfuzzer_sys::fuzz_target;
use recourse_payments_fuzz::check_call;
use serde_json::{json, Value};

/// The vectors' operations and inputs that run on the default store.
fn seeds() -> &'static [(String, Value)] {
    static SEEDS: OnceLock<Vec<(String, Value)>> = OnceLock::new();
    SEEDS.get_or_init(|| {
        let root = concat!(env!("CARGO_MANIFEST_DIR"), "/../tests/vectors");
        let mut seeds = Vec::new();
        for dir in std::fs::read_dir(root).expect("tests/vectors").flatten() {
            let Ok(cases) = std::fs::read_dir(dir.path()) else {
                continue;
            };
            let operation = dir.file_name().to_string_lossy().into_owned();
            for case in cases.flatten() {
                let Ok(text) = std::fs::read_to_string(case.path()) else {
                    continue;
                };
                let Ok(vector) = serde_json::from_str::<Value>(&text) else {
                    continue;
                };
                if let (None, Some(input)) = (vector.get("config"), vector.get("input")) {
                    seeds.push((operation.clone(), input.clone()));
                }
            }
        }
        seeds.sort_by(|a, b| {
            a.0.cmp(&b.0)
                .then_with(|| a.1.to_string().cmp(&b.1.to_string()))
        });
        seeds
    })
}

/// The replacement `kind` picks, `size` scaling it.
fn replacement(kind: u8, size: u8) -> Value {
    match kind % 12 {
        0 => json!("4111111111111111"),
        1 => json!("529.982.247-25"),
        2 => json!("maria.silva@example.com"),
        3 => json!(4_111_111_111_111_111_u64),
        4 => json!(-1),
        5 => json!(1e300),
        6 => json!(""),
        7 => Value::String("9".repeat(usize::from(size) * 8)),
        8 => (0..usize::from(size % 64)).fold(json!(0), |v, _| json!([v])),
        9 => Value::Null,
        10 => json!({ "4111111111111111": size }),
        _ => json!([true, size]),
    }
}

/// Replaces the `at`-th value in a walk of `value` (or, for `kind` 12 and over, adds a key
/// named by a card number to the `at`-th object).
fn mutate(value: &mut Value, at: &mut usize, kind: u8, size: u8) -> bool {
    if *at == 0 {
        if kind >= 12 {
            if let Value::Object(map) = value {
                map.insert(format!("4111111111111111{size}"), json!(size));
                return true;
            }
        } else {
            *value = replacement(kind, size);
            return true;
        }
    }
    *at -= 1;
    match value {
        Value::Object(map) => map.values_mut().any(|v| mutate(v, at, kind, size)),
        Value::Array(items) => items.iter_mut().any(|v| mutate(v, at, kind, size)),
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let seeds = seeds();
    let (Some(&a), Some(&b)) = (data.first(), data.get(1)) else {
        return;
    };
    let (operation, input) = &seeds[usize::from(u16::from_le_bytes([a, b])) % seeds.len()];
    let mut input = input.clone();
    for m in data[2..].chunks_exact(3).take(8) {
        let mut at = usize::from(m[0]);
        mutate(&mut input, &mut at, m[1] % 16, m[2]);
    }
    check_call(operation, input.to_string().as_bytes());
});

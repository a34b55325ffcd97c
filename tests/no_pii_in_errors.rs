//! No error repeats a customer's personal data, as a property over every operation: each
//! conformance vector's input is sent again with a card number, a CPF and an e-mail address
//! put in each of its string positions in turn, in place of each number and boolean, and as
//! a key added to each of its objects; no error's message or path may contain them. Vectors
//! with their own configuration run on it.

use recourse_conformance::load_all;
use recourse_payments::Engine;
use serde_json::Value;

/// Personal data as customers write it, and the part of it an error must never show.
const PII: [(&str, &str); 4] = [
    ("4111 1111 1111 1111", "1111 1111"),
    ("4111111111111111", "411111111111"),
    ("529.982.247-25", "982.247"),
    ("maria.silva@example.com", "maria.silva"),
];

/// How many positions of `value` hold a scalar or an object.
fn positions(value: &Value) -> usize {
    1 + match value {
        Value::Object(map) => map.values().map(positions).sum(),
        Value::Array(items) => items.iter().map(positions).sum(),
        _ => 0,
    }
}

/// `value` with the `at`-th position (in the order [`positions`] counts) given `pii`: a
/// scalar replaced by it, an object given it as a key.
fn with_pii(value: &Value, at: &mut usize, pii: &str) -> Value {
    let here = *at == 0;
    *at = at.wrapping_sub(1);
    match value {
        Value::Object(map) => {
            let mut map: serde_json::Map<String, Value> = map
                .iter()
                .map(|(k, v)| (k.clone(), with_pii(v, at, pii)))
                .collect();
            if here {
                map.insert(pii.to_owned(), Value::from(1));
            }
            Value::Object(map)
        }
        Value::Array(items) => Value::Array(items.iter().map(|v| with_pii(v, at, pii)).collect()),
        _ if here => Value::from(pii),
        other => other.clone(),
    }
}

#[test]
fn no_error_repeats_a_card_number_a_cpf_or_an_e_mail_address() {
    let default_engine = Engine::default_store().expect("the default store");
    let vectors = load_all().expect("the vectors");
    let (mut calls, mut errors) = (0_usize, 0_usize);
    let mut leaks = Vec::new();
    for vector in &vectors {
        let own;
        let engine = match &vector.config {
            Some(config) => match Engine::from_json(config) {
                Ok(engine) => {
                    own = engine;
                    &own
                }
                Err(_) => continue,
            },
            None => &default_engine,
        };
        let Ok(input) = serde_json::from_str::<Value>(&vector.input) else {
            continue;
        };
        for at in 0..positions(&input) {
            for (pii, part) in PII {
                let mutated = with_pii(&input, &mut { at }, pii).to_string();
                calls += 1;
                if let Err(e) = engine.call_json(&vector.operation, mutated.as_bytes()) {
                    errors += 1;
                    let said = format!("{} {}", e.path(), e.message());
                    if said.contains(part) {
                        leaks.push(format!(
                            "{} (position {at}): {} at {}: {}",
                            vector.file.display(),
                            e.code(),
                            e.path(),
                            e.message()
                        ));
                    }
                }
            }
        }
    }
    assert!(
        calls > 10_000 && errors > 1_000,
        "{calls} calls, {errors} errors"
    );
    assert!(
        leaks.is_empty(),
        "{} leaks:\n{}",
        leaks.len(),
        leaks[..leaks.len().min(20)].join("\n")
    );
}

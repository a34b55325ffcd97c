//! Runs every shared conformance vector through the Rust engine.
//! `RECOURSE_BLESS=1` writes today's answers into the vectors that have none yet (review
//! them); the receipt's fingerprint is compared, and written, only where a vector pins it.

use recourse_conformance::{
    answers_match, bless, check, comparable, load_all, Vector, FINGERPRINT,
};
use recourse_payments::Engine;
use serde_json::Value;

#[test]
fn every_vector_gives_the_expected_bytes() {
    let engine = Engine::default_store().expect("default store");
    let vectors = load_all().expect("vectors load");
    assert!(!vectors.is_empty(), "no vectors found");
    let blessing = std::env::var_os("RECOURSE_BLESS").is_some();
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| {
            if blessing {
                bless(v, &engine).err()
            } else {
                check(v, &engine).err()
            }
        })
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors failed:\n{}",
        failures.len(),
        vectors.len(),
        failures.join("\n")
    );
}

#[test]
fn every_operation_has_vectors() {
    let vectors = load_all().expect("vectors load");
    for op in recourse_payments::engine::registry() {
        assert!(
            vectors.iter().any(|v| v.operation == op.name),
            "no conformance vector for {}",
            op.name
        );
    }
}

const REQUEST: &str = r#"{"ratios":[1,1,1],"total":{"amount":"100.00","currency":"BRL"}}"#;

fn vector(expected: &str, pins_fingerprint: bool) -> Vector {
    Vector {
        file: "inline.json".into(),
        operation: "money.allocate".into(),
        config: None,
        input: REQUEST.into(),
        expected: Some(expected.into()),
        error: None,
        pins_fingerprint,
    }
}

/// The answer with its receipt's fingerprint replaced.
fn with_fingerprint(answer: &str, fingerprint: &str) -> Option<String> {
    let mut value: Value = serde_json::from_str(answer).ok()?;
    *value.pointer_mut(&format!("/receipt/{FINGERPRINT}"))? = Value::String(fingerprint.into());
    Some(value.to_string())
}

#[test]
fn a_wrong_fingerprint_fails_only_a_vector_that_pins_it() {
    let engine = Engine::default_store().expect("default store");
    let answer = engine
        .call_json("money.allocate", REQUEST.as_bytes())
        .expect("an allocation");
    let wrong = with_fingerprint(&answer, &format!("sha256:{}", "0".repeat(64))).expect("JSON");
    assert_ne!(wrong, answer);
    assert_eq!(check(&vector(&wrong, false), &engine), Ok(()));
    assert_eq!(check(&vector(&answer, true), &engine), Ok(()));
    let pinned = check(&vector(&wrong, true), &engine);
    assert!(pinned.is_err_and(|e| e.contains(FINGERPRINT)));
    // Without the fingerprint at all: as good as any when not pinned.
    let without = comparable(&answer, false).expect("JSON");
    assert!(!without.contains(FINGERPRINT));
    assert_eq!(check(&vector(&without, false), &engine), Ok(()));
    // Everything else in the receipt is still compared.
    let digest = answer.replace("sha256:b699", "sha256:0699");
    assert_ne!(digest, answer);
    assert!(check(&vector(&digest, false), &engine).is_err());
}

#[test]
fn an_answer_is_compared_as_canonical_bytes() {
    let engine = Engine::default_store().expect("default store");
    let answer = engine
        .call_json("money.allocate", REQUEST.as_bytes())
        .expect("an allocation");
    // The expected side is read as JSON; the engine's side must be canonical as it stands.
    assert!(answers_match(&format!(" {answer}"), &answer, true));
    assert!(!answers_match(&answer, &format!(" {answer}"), false));
    assert!(!answers_match(&answer, &format!(" {answer}"), true));
}

#[test]
fn blessing_writes_only_new_vectors_and_no_unpinned_fingerprint() {
    let engine = Engine::default_store().expect("default store");
    let dir = std::env::temp_dir().join(format!("recourse-bless-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("a folder");
    let answer = engine
        .call_json("money.allocate", REQUEST.as_bytes())
        .expect("an allocation");
    for pins in [false, true] {
        let file = dir.join(format!("new_{pins}.json"));
        let text = format!(
            "{{\n  \"input\": {REQUEST},\n  \"operation\": \"money.allocate\",\n  \"pins_fingerprint\": {pins}\n}}\n"
        );
        std::fs::write(&file, text).expect("written");
        let mut new = vector("", pins);
        new.file.clone_from(&file);
        new.expected = None;
        bless(&new, &engine).expect("blessed");
        let written = std::fs::read_to_string(&file).expect("read");
        let value: Value = serde_json::from_str(&written).expect("JSON");
        let expected = value.get("expected").expect("an answer").to_string();
        assert_eq!(expected.contains(FINGERPRINT), pins, "{written}");
        assert!(answers_match(&expected, &answer, pins));
        assert!(
            written.starts_with("{\n  \"expected\": {\n    \"parts\": [\n"),
            "{written}"
        );
        let tail = format!("\n  \"pins_fingerprint\": {pins}\n}}\n");
        assert!(written.ends_with(&tail), "{written}");
        // Blessed once, it is no longer new: a second blessing leaves it alone.
        let mut old = vector("{}", pins);
        old.file.clone_from(&file);
        bless(&old, &engine).expect("left alone");
        assert_eq!(std::fs::read_to_string(&file).expect("read"), written);
    }
    std::fs::remove_dir_all(&dir).expect("removed");
}

/// A receipt is read line by line: no refund decision's trace says the same thing twice.
#[test]
fn no_refund_receipt_repeats_a_line() {
    let engine = Engine::default_store().expect("default store");
    let vectors = load_all().expect("vectors load");
    for v in vectors
        .iter()
        .filter(|v| v.operation.starts_with("refund."))
    {
        let answer = match &v.config {
            Some(config) => Engine::from_json(config)
                .and_then(|e| e.call_json(&v.operation, v.input.as_bytes())),
            None => engine.call_json(&v.operation, v.input.as_bytes()),
        };
        let Ok(answer) = answer else { continue };
        let answer: Value = serde_json::from_str(&answer).expect("json answer");
        let trace = answer["receipt"]["trace"]
            .as_array()
            .cloned()
            .unwrap_or_default();
        for (i, step) in trace.iter().enumerate() {
            let later = trace.iter().skip(i + 1);
            let detail = &step["detail"];
            assert!(
                later.clone().all(|s| s["detail"] != *detail),
                "{}: the receipt repeats {detail}",
                v.file.display()
            );
        }
    }
}

//! Runs every shared conformance vector through the Rust engine.
//! `RECOURSE_BLESS=1` rewrites the expectations with today's answers (review the diff).

use recourse::Engine;
use recourse_conformance::{bless, check, load_all};

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
    for op in recourse::engine::registry() {
        assert!(
            vectors.iter().any(|v| v.operation == op.name),
            "no conformance vector for {}",
            op.name
        );
    }
}

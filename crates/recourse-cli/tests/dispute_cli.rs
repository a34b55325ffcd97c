//! `recourse disputes` over a JSON-lines file, as operators run it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{recourse, root};

use serde_json::Value;

#[test]
fn disputes_streams_the_sample_and_matches_the_operation() {
    let out = recourse(
        &["disputes", "--cases", "examples/cases/disputes.jsonl"],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let streamed: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    let lines = std::fs::read_to_string(root().join("examples/cases/disputes.jsonl")).unwrap();
    let count = lines.lines().count() as u64;
    // The sample's last line has an unknown reason code: counted, not fatal.
    assert_eq!(streamed["disputes"], count - 1);
    assert_eq!(streamed["errors"]["dispute.unknown_code"], 1);
    assert_eq!(streamed["receipt"]["operation"], "dispute.analyze");

    // The same cases through the operation give the same totals.
    let cases: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let request = serde_json::json!({ "cases": cases }).to_string();
    let out = recourse(&["run", "dispute.analyze"], &request);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut direct: Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let mut streamed = streamed;
    direct.as_object_mut().unwrap().remove("receipt");
    streamed.as_object_mut().unwrap().remove("receipt");
    assert_eq!(direct, streamed);
}

#[test]
fn disputes_refuses_an_unknown_language() {
    let out = recourse(&["disputes", "--cases", "-", "--locale", "fr"], "");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("--locale"));
}

//! `recourse duplicates` over a JSON-lines file of payment events, as operators run it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use common::{recourse, root};

use serde_json::Value;

const NOW: &str = "2026-11-19T17:00:00-03:00";

#[test]
fn duplicates_streams_the_sample_and_matches_the_operation() {
    let out = recourse(
        &[
            "duplicates",
            "--events",
            "examples/events/day.jsonl",
            "--now",
            NOW,
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let streamed: Value = serde_json::from_slice(&out.stdout).expect("JSON on stdout");
    // The double click is found; the webhook delivered twice is a replay; the two gifts on
    // their own lines are two purchases.
    assert_eq!(streamed["groups"].as_array().unwrap().len(), 1);
    assert_eq!(streamed["groups"][0]["kept"], "ch_3QxA");
    assert_eq!(streamed["replays"], 1);
    assert_eq!(streamed["receipt"]["operation"], "monitor.duplicates");

    // The same events through the operation give the same answer.
    let lines = std::fs::read_to_string(root().join("examples/events/day.jsonl")).unwrap();
    let events: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let request = serde_json::json!({ "now": NOW, "events": events }).to_string();
    let out = recourse(&["run", "monitor.duplicates"], &request);
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
fn duplicates_stops_at_a_line_it_cannot_read() {
    let input = "{\"id\": \"a\"}\n";
    let out = recourse(&["duplicates", "--events", "-", "--now", NOW], input);
    assert_eq!(out.status.code(), Some(2));
    let error: Value = serde_json::from_slice(&out.stderr).expect("JSON on stderr");
    assert_eq!(error["error"]["code"], "input.invalid");
    assert!(error["error"]["path"]
        .as_str()
        .unwrap()
        .starts_with("line 1"));
}

//! `recourse simulate` and `recourse disclose` over files, as operators run them.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::indexing_slicing)]

mod common;

use std::process::Output;

use common::{recourse, root};

use serde_json::Value;

fn json(out: &Output) -> Value {
    serde_json::from_slice(&out.stdout).expect("JSON on stdout")
}

#[test]
fn simulate_streams_the_sample_and_matches_the_operation() {
    let out = recourse(&["simulate", "--cases", "examples/cases/sample.jsonl"], "");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let streamed = json(&out);
    let t = &streamed["totals"];
    assert_eq!(t["policy"], "casa_aurora_br");
    let lines = std::fs::read_to_string(root().join("examples/cases/sample.jsonl")).unwrap();
    let count = lines.lines().count() as u64;
    assert_eq!(t["cases"], count);
    // The sample's last line asks for more units than were bought: counted, not fatal.
    assert_eq!(t["errors"]["count"], 1);
    assert_eq!(t["errors"]["examples"][0]["at"], count);
    assert_eq!(
        t["errors"]["examples"][0]["code"],
        "refund.quantity_exceeds_purchased"
    );
    assert_eq!(streamed["receipt"]["operation"], "refund.simulate");

    // The same cases through the operation give the same totals.
    let cases: Vec<Value> = lines
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    let engine = recourse_payments::Engine::default_store().unwrap();
    let request = serde_json::json!({ "cases": cases });
    let answer: Value = serde_json::from_str(
        &engine
            .call_json("refund.simulate", request.to_string().as_bytes())
            .unwrap(),
    )
    .unwrap();
    let mut a = answer["totals"].clone();
    let mut b = t.clone();
    // Positions differ by design: indices in `cases` against line numbers.
    a["errors"]["examples"] = Value::Null;
    b["errors"]["examples"] = Value::Null;
    assert_eq!(a, b);
}

#[test]
fn simulate_counts_bad_lines_with_their_numbers_and_skips_blank_ones() {
    let good = std::fs::read_to_string(root().join("examples/cases/sample.jsonl"))
        .unwrap()
        .lines()
        .next()
        .unwrap()
        .to_owned();
    let input = format!("{good}\n\n{{oops\n{good}\n");
    let out = recourse(
        &[
            "simulate",
            "--cases",
            "-",
            "--compare-with",
            "casa_aurora_eu",
        ],
        &input,
    );
    assert!(out.status.success());
    let v = json(&out);
    for key in ["totals", "compared"] {
        assert_eq!(v[key]["cases"], 3);
        assert_eq!(v[key]["errors"]["examples"][0]["at"], 3);
        assert_eq!(
            v[key]["errors"]["examples"][0]["code"],
            "input.malformed_json"
        );
    }
    assert_eq!(v["compared"]["policy"], "casa_aurora_eu");
    // Nothing of the input is echoed.
    assert!(!String::from_utf8_lossy(&out.stdout).contains("oops"));
}

#[test]
fn simulate_on_threads_gives_the_bytes_of_one_thread() {
    // 30 copies of the sample (its last line is refused) with a bad line every 97 lines
    // and blank ones: more than one chunk per thread, errors past the 20 examples kept.
    let sample = std::fs::read_to_string(root().join("examples/cases/sample.jsonl")).unwrap();
    let mut input = String::new();
    for (i, line) in sample
        .lines()
        .cycle()
        .take(30 * sample.lines().count())
        .enumerate()
    {
        input.push_str(if i % 97 == 5 { "{oops" } else { line });
        input.push_str(if i % 50 == 0 { "\n\n" } else { "\n" });
    }
    let run = |threads: &str| {
        let args = [
            "simulate",
            "--cases",
            "-",
            "--compare-with",
            "casa_aurora_eu",
            "--threads",
            threads,
        ];
        let out = recourse(&args, &input);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        out.stdout
    };
    let one = run("1");
    let v: Value = serde_json::from_slice(&one).unwrap();
    assert_eq!(v["totals"]["cases"], 30 * sample.lines().count() as u64);
    assert_eq!(
        v["totals"]["errors"]["examples"].as_array().unwrap().len(),
        20
    );
    for threads in ["2", "4", "0"] {
        assert!(
            run(threads) == one,
            "--threads {threads} differs from one thread"
        );
    }
}

#[test]
fn simulate_text_is_readable() {
    let out = recourse(
        &[
            "simulate",
            "--cases",
            "examples/cases/sample.jsonl",
            "--format",
            "text",
        ],
        "",
    );
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.starts_with("Policy casa_aurora_br: "), "{text}");
    assert!(text.contains("by rule:"));
    assert!(text.contains("br.cdc49.regret"));
}

#[test]
fn simulate_errors_are_json_on_stderr_with_exit_2() {
    let out = recourse(&["simulate", "--cases", "no/such/file.jsonl"], "");
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["path"], "--cases");
    let out = recourse(
        &[
            "simulate",
            "--cases",
            "examples/cases/sample.jsonl",
            "--policy",
            "atlantis",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "refund.unknown_policy");
}

#[test]
fn disclose_prints_the_policy_text_in_the_locale() {
    let out = recourse(
        &[
            "disclose",
            "--config",
            "examples/policies/br_cdc_art49_7d.toml",
            "--locale",
            "pt-BR",
            "--customer-name",
            "Marina",
        ],
        "",
    );
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(text.contains("Marina, esta é a nossa política de trocas e devoluções."));
    assert!(text.contains("em até 7 dias após o recebimento"), "{text}");
    let out = recourse(&["disclose", "--markdown", "--locale", "el"], "");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.starts_with("# "));
    assert!(md.contains("\n## Προθεσμίες επιστροφής\n"));
    let out = recourse(
        &["disclose", "--format", "json", "--policy", "casa_aurora_eu"],
        "",
    );
    let v = json(&out);
    assert_eq!(v["policy"], "casa_aurora_eu");
    assert_eq!(v["receipt"]["operation"], "refund.disclose");
}

#[test]
fn disclose_errors_are_text_on_stderr_with_exit_2_and_json_on_request() {
    let out = recourse(&["disclose", "--locale", "fr"], "");
    assert_eq!(out.status.code(), Some(2));
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(
        said.starts_with("recourse: ") && said.contains("(input.invalid at locale)"),
        "{said}"
    );
    let out = recourse(&["disclose", "--policy", "casa_aurora_e"], "");
    let said = String::from_utf8_lossy(&out.stderr);
    assert!(said.contains("(refund.unknown_policy at policy)"), "{said}");
    assert!(said.contains("casa_aurora_br, casa_aurora_eu"), "{said}");
    assert!(said.contains("did you mean `casa_aurora_eu`?"), "{said}");
    let out = recourse(
        &["disclose", "--policy", "atlantis", "--format", "json"],
        "",
    );
    let err: Value = serde_json::from_slice(&out.stderr).unwrap();
    assert_eq!(err["error"]["code"], "refund.unknown_policy");
    assert!(err["hints"][0]
        .as_str()
        .unwrap_or_default()
        .contains("casa_aurora_br"));
}

#[test]
fn a_regional_locale_falls_back_to_its_language() {
    for (tag, heading) in [
        ("es-MX", "Plazos de devolución"),
        ("pt", "Prazos de devolução"),
        ("en-GB", "Return windows"),
    ] {
        let out = recourse(&["disclose", "--locale", tag], "");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        let text = String::from_utf8_lossy(&out.stdout);
        assert!(text.contains(heading), "{tag}: {text}");
    }
}

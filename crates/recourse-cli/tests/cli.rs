//! The `recourse` binary as operators use it: exit codes, stdout and stderr.
#![allow(clippy::expect_used)]

mod common;

use common::recourse;

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

#[test]
fn ops_lists_every_operation_name_first() {
    let out = recourse(&["ops"], "");
    assert!(out.status.success());
    let listed: Vec<String> = text(&out.stdout)
        .lines()
        .filter_map(|l| l.split_whitespace().next().map(str::to_owned))
        .collect();
    let registered: Vec<&str> = recourse_payments::engine::registry()
        .iter()
        .map(|o| o.name)
        .collect();
    assert_eq!(listed, registered);
}

#[test]
fn run_prints_the_answer_and_exits_zero() {
    let out = recourse(
        &["run", "money.allocate"],
        r#"{"total":{"amount":"1.00","currency":"BRL"},"ratios":[1,1,1]}"#,
    );
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).starts_with(r#"{"parts":[{"amount":"0.34","currency":"BRL"}"#));
    let out = recourse(
        &["run", "money.allocate", "--format", "text"],
        r#"{"total":{"amount":"1.00","currency":"BRL"},"ratios":[1,1,1]}"#,
    );
    assert!(text(&out.stdout).contains("- 0.34 BRL"));
}

#[test]
fn run_errors_go_to_stderr_as_json_with_exit_2() {
    let out = recourse(
        &["run", "money.allocate"],
        r#"{"total":{"amount":"5800.5","currency":"JPY"},"ratios":[1]}"#,
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(out.stdout.is_empty());
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).expect("stderr is JSON");
    assert_eq!(err["error"]["code"], "input.amount_too_precise");
    assert_eq!(err["error"]["path"], "total");
    assert!(err["error"]["message"].is_string());
    let out = recourse(&["run", "no.such"], "{}");
    assert_eq!(out.status.code(), Some(2));
    assert!(text(&out.stderr).contains("input.unknown_operation"));
    let out = recourse(
        &[
            "run",
            "money.allocate",
            "--input",
            "/nonexistent/request.json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn error_messages_never_echo_the_input() {
    let secret = "4111111111111111";
    let out = recourse(
        &["run", "money.allocate"],
        &format!(r#"{{"total":{{"amount":"{secret}x","currency":"BRL"}},"ratios":[1]}}"#),
    );
    assert_eq!(out.status.code(), Some(2));
    assert!(!text(&out.stderr).contains(secret));
    let out = recourse(
        &["run", "money.allocate"],
        &format!(r#"{{"total":{{"amount":"1.00","currency":"BRL"}},"ratios":["{secret}@x"]}}"#),
    );
    assert!(!text(&out.stderr).contains(secret));
    // Nor its keys: too deep, or a key named twice, under a key that is a card number.
    let deep = format!(r#"{{"{secret}": {}1{}}}"#, "[".repeat(40), "]".repeat(40));
    let twice = format!(r#"{{"ratios": [1], "{secret}": {{"a": 1, "a": 2}}}}"#);
    for (input, path) in [(deep, "<key 0>[0]"), (twice, "<key 1>")] {
        let out = recourse(&["run", "money.allocate"], &input);
        assert_eq!(out.status.code(), Some(2));
        let stderr = text(&out.stderr);
        assert!(
            !stderr.contains(secret) && stderr.contains(path),
            "{stderr}"
        );
    }
}

#[test]
fn check_reports_every_problem_with_its_path() {
    let dir = std::env::temp_dir().join(format!("recourse-cli-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let bad = dir.join("bad.toml");
    std::fs::write(&bad, "[store]\nname = \"\"\n[limits]\nmax_depth = 0\n").expect("write");
    let out = recourse(
        &[
            "check",
            bad.to_str().expect("utf-8 path"),
            "--format",
            "text",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let report = text(&out.stdout);
    assert!(
        report.contains("store.name") && report.contains("limits.max_depth"),
        "{report}"
    );
    // A key a holiday does not have is refused, at the holiday, without the key.
    let holiday = dir.join("holiday.toml");
    std::fs::write(
        &holiday,
        "[store]\nname = \"x\"\n[calendars.desk]\ntime_zone = \"UTC\"\n\
         holidays = [{ date = \"2026-12-25\", name = \"Natal\", obseved = true }]\n",
    )
    .expect("write");
    let out = recourse(&["check", holiday.to_str().expect("utf-8 path")], "");
    assert_eq!(out.status.code(), Some(2));
    let report = text(&out.stdout);
    assert!(
        report.contains("calendars.desk.holidays[0]") && !report.contains("obseved"),
        "{report}"
    );
    // JSON on request, on the same stream, success and failure alike.
    let out = recourse(
        &[
            "check",
            holiday.to_str().expect("utf-8 path"),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(out.status.code(), Some(2));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(report["ok"], false);
    assert_eq!(report["problems"][0]["path"], "calendars.desk.holidays[0]");
    let good = dir.join("good.toml");
    std::fs::write(&good, recourse_payments::engine::DEFAULT_CONFIG).expect("write");
    let out = recourse(&["check", good.to_str().expect("utf-8 path")], "");
    assert!(out.status.success());
    assert!(
        text(&out.stdout).ends_with(": ok\n"),
        "{}",
        text(&out.stdout)
    );
    let out = recourse(
        &[
            "check",
            good.to_str().expect("utf-8 path"),
            "--format",
            "json",
        ],
        "",
    );
    assert_eq!(text(&out.stdout), "{\"ok\":true,\"problems\":[]}\n");
}

#[test]
fn a_file_that_cannot_be_read_is_named_with_the_reason() {
    let out = recourse(&["check", "no/such/store.toml"], "");
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        text(&out.stderr),
        "recourse: cannot read no/such/store.toml: no such file (input.invalid at file)\n"
    );
    let dir = std::env::temp_dir();
    let out = recourse(
        &[
            "run",
            "money.allocate",
            "--config",
            dir.to_str().expect("utf-8"),
        ],
        "{}",
    );
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).expect("stderr is JSON");
    assert_eq!(err["error"]["path"], "--config");
    let message = err["error"]["message"].as_str().unwrap_or_default();
    assert!(message.ends_with(": a directory, not a file"), "{message}");
}

#[test]
fn an_unknown_operation_is_answered_with_the_list_and_the_nearest() {
    let out = recourse(&["run", "refund.evaluat"], "{}");
    assert_eq!(out.status.code(), Some(2));
    let err: serde_json::Value = serde_json::from_slice(&out.stderr).expect("stderr is JSON");
    assert_eq!(err["error"]["code"], "input.unknown_operation");
    let hints = err["hints"].as_array().expect("hints");
    assert!(hints[0]
        .as_str()
        .unwrap_or_default()
        .contains("money.allocate"));
    assert_eq!(hints[1], "did you mean `refund.evaluate`?");
    let out = recourse(&["schema", "weather.today", "--format", "text"], "");
    let said = text(&out.stderr);
    assert!(
        said.starts_with("recourse: unknown operation") && !said.contains("did you mean"),
        "{said}"
    );
}

#[test]
fn config_turns_toml_into_json_that_builds_the_same_engine() {
    let policy = "examples/policies/eu_withdrawal_14d.toml";
    let out = recourse(&["config", policy], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    let from_json = recourse_payments::Engine::from_json(&text(&out.stdout)).expect("JSON config");
    let toml = std::fs::read_to_string(common::root().join(policy)).expect("read policy");
    let from_toml = recourse_payments::Engine::from_toml(&toml).expect("TOML config");
    assert_eq!(from_json.fingerprint(), from_toml.fingerprint());
    let out = recourse(&["config", "Cargo.toml"], "");
    assert_eq!(out.status.code(), Some(2), "{}", text(&out.stderr));
}

#[test]
fn schema_prints_input_and_output() {
    let out = recourse(&["schema", "money.allocate"], "");
    let schema: serde_json::Value = serde_json::from_slice(&out.stdout).expect("schema JSON");
    assert!(schema["input"]["properties"]["total"].is_object());
    assert!(schema["output"]["properties"]["receipt"].is_object());
    assert!(recourse(&["schema", "config"], "").status.success());
}

#[test]
fn demo_runs_on_the_default_store() {
    let out = recourse(&["demo"], "");
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("Casa Aurora"));
    // The second desk, a digital wallet: its own categories, an urgent takeover.
    assert!(text(&out.stdout).contains("Carteira Nimbus"));
    assert!(text(&out.stdout).contains("account_takeover"));
    // The Pix to a scammer: MED's notice window, still open, from the disputes' clock.
    assert!(text(&out.stdout).contains("pix_med.notice"));
    assert!(text(&out.stdout).contains("dispute.window_open"));
    let out = recourse(&["demo", "--format", "json"], "");
    for line in text(&out.stdout).lines() {
        serde_json::from_str::<serde_json::Value>(line).expect("each line is JSON");
    }
}

#[test]
fn check_reports_each_problem_with_its_line_column_and_rule() {
    let dir = std::env::temp_dir().join(format!("recourse-cli-lines-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let file = dir.join("five.toml");
    std::fs::write(
        &file,
        "[store]\nname = \"\"\n\n[limits]\nmax_depth = 0\n\n\
         [refund.policies.us]\ntitle = \"US\"\ntime_zone = \"Mars/Olympus\"\n\n\
         [[refund.policies.us.rules]]\nid = \"a\"\nwindow = { days = 0 }\n\n\
         [[refund.policies.us.rules]]\nid = \"b\"\nwhen = { reason = [\"bored\"] }\nallow = true\n",
    )
    .expect("write");
    let path = file.to_str().expect("utf-8 path");
    let out = recourse(&["check", path], "");
    assert_eq!(out.status.code(), Some(2));
    let report = text(&out.stdout);
    for expected in [
        ":2:8: store.name: ",
        ":5:13: limits.max_depth: ",
        ":9:13: refund.policies.us.time_zone: ",
        ":13:19: refund.policies.us.rules[0].window.days: ",
        "(rule a)",
        ":17:20: refund.policies.us.rules[1].when.reason[0]: ",
        "(rule b)",
        "5 problems",
    ] {
        assert!(report.contains(expected), "{expected} in {report}");
    }
    let out = recourse(&["check", path, "--format", "json"], "");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON");
    let problems = report["problems"].as_array().expect("problems");
    assert_eq!(problems.len(), 5);
    assert_eq!(problems[3]["line"], 13);
    assert_eq!(problems[3]["column"], 19);
    assert_eq!(problems[3]["rule"], "a");
    // A JSON file: the positions are the JSON text's.
    let json = dir.join("five.json");
    std::fs::write(
        &json,
        "{\"store\": {\"name\": \"Five\",\n  \"default_locale\": \"fr\"}}",
    )
    .expect("write");
    let out = recourse(&["check", json.to_str().expect("utf-8 path")], "");
    let report = text(&out.stdout);
    assert!(report.contains(":2:21: store.default_locale: "), "{report}");
}

#[test]
fn check_reads_past_every_mistake_of_type_in_one_run() {
    let dir = std::env::temp_dir().join(format!("recourse-cli-types-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("temp dir");
    let policy = std::fs::read_to_string(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../examples/policies/us_store_30d.toml"),
    )
    .expect("the US template");
    // Four mistakes a first run would each have stopped at: an unknown key, a number for a
    // rounding mode, a string for a flag and a misspelled reason to deny.
    let broken = policy
        .replacen(
            "rounding = \"half_up\"",
            "rounding = 5\ncolour = \"blue\"",
            1,
        )
        .replacen("deny = \"final_sale\"", "deny = \"final_sael\"", 1)
        .replacen("when = { digital = true", "when = { digital = \"yes\"", 1);
    assert_ne!(broken, policy);
    let file = dir.join("four.toml");
    std::fs::write(&file, &broken).expect("write");
    let out = recourse(&["check", file.to_str().expect("utf-8 path")], "");
    assert_eq!(out.status.code(), Some(2));
    let report = text(&out.stdout);
    let lines: Vec<&str> = report.lines().collect();
    assert_eq!(lines.len(), 5, "{report}");
    for (line, expected) in lines.iter().zip([
        "refund.policies.us_store: unknown field",
        "refund.policies.us_store.rounding: invalid type: integer",
        "refund.policies.us_store.rules[0].deny: expected one of",
        "refund.policies.us_store.rules[1].when.digital: invalid type: string",
        "4 problems",
    ]) {
        assert!(line.contains(expected), "{expected} in {line}");
    }
    assert!(lines[2].ends_with("(rule us.final_sale)"), "{report}");
}

//! The operations surface against the whole engine: every vector written both ways,
//! batches, the default store's calendars.

use serde_json::Value;

use crate::decode::{decode, Area};
use crate::engine::registry;

#[test]
fn operation_names_are_unique_and_area_dot_verb() {
    let mut names: Vec<_> = registry().iter().map(|o| o.name).collect();
    assert!(names.iter().all(|n| n.split('.').count() == 2));
    names.sort_unstable();
    names.dedup();
    assert_eq!(names.len(), registry().len());
}

/// Every vector of the conformance suite: its file and its JSON.
fn vectors() -> Vec<(std::path::PathBuf, Value)> {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../tests/vectors");
    let mut out = Vec::new();
    for folder in std::fs::read_dir(&dir).unwrap() {
        let folder = folder.unwrap().path();
        if !folder.is_dir() {
            continue;
        }
        for file in std::fs::read_dir(&folder).unwrap() {
            let file = file.unwrap().path();
            let vector: Value = serde_json::from_str(&std::fs::read_to_string(&file).unwrap())
                .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
            out.push((file, vector));
        }
    }
    out
}

/// Every success vector of the conformance suite, run typed: its output and its request,
/// encoded and written canonically, give the bytes a `serde_json::Value` gives; so does
/// the configuration of its engine.
#[test]
fn every_vector_writes_as_through_a_value() {
    let default = crate::Engine::default_store().unwrap();
    let mut checked = 0;
    for (file, vector) in vectors() {
        let (Some(input), Some(_)) = (vector.get("input"), vector.get("expected")) else {
            continue;
        };
        let engine = match vector.get("config") {
            Some(config) => crate::Engine::from_json(&config.to_string()).unwrap(),
            None => default.clone(),
        };
        let op = crate::engine::find(vector["operation"].as_str().unwrap()).unwrap();
        let [output, request] = (op.both_ways)(engine.compiled(), &input.to_string())
            .unwrap_or_else(|e| panic!("{}: {e}", file.display()));
        for [encoded, through_value] in [output, request] {
            assert_eq!(encoded, through_value, "{}", file.display());
        }
        if let Some(config) = vector.get("config") {
            let config: crate::Config = serde_json::from_value(config.clone()).unwrap();
            assert_eq!(
                crate::canonical::encode(&config).unwrap(),
                serde_json::to_value(&config).unwrap().to_string(),
                "{}",
                file.display()
            );
        }
        checked += 1;
    }
    assert!(
        checked >= crate::engine::registry().len(),
        "{checked} vectors"
    );
}

#[cfg(feature = "direct-read")]
/// Texts of a request: as written, pretty, and changed where the direct reading must give
/// the reading back or agree with it (a key named twice, an unknown key, an escape, a
/// number with a leading zero, a trailing comma, a null, text cut short or after the end).
fn variants_of(input: &Value) -> Vec<String> {
    let compact = input.to_string();
    let mut out = vec![
        compact.clone(),
        serde_json::to_string_pretty(input).unwrap(),
        format!("{compact} x"),
        format!(" {compact}\n"),
        compact
            .replacen('"', "\"\\u0041", 2)
            .replacen("\\u0041", "", 1),
        compact.replacen(':', ":0", 1),
        compact.replacen(',', ",,", 1),
        compact.replacen('}', ",}", 1),
        compact.replacen(": \"", ": null, \"x\": \"", 1),
        compact
            .get(..compact.len() / 2)
            .unwrap_or_default()
            .to_owned(),
    ];
    if let Some((key, value)) = input.as_object().and_then(|o| o.iter().next()) {
        let twice = format!(
            "{{\"{key}\": {value}, {}",
            compact.get(1..).unwrap_or_default()
        );
        out.push(twice);
        out.push(format!(
            "{{\"unknown\": 1, {}",
            compact.get(1..).unwrap_or_default()
        ));
    }
    for (from, to) in [
        ("1", "01"),
        ("1", "1.0"),
        ("1", "1e2"),
        ("1", "-0"),
        ("\"", "\"\\n"),
    ] {
        out.push(compact.replacen(from, to, 1));
    }
    out
}

/// The direct reading of a request agrees with the reading through a `Value` on every
/// vector's request and on texts changed from it; and it reads the answered ones itself.
#[cfg(feature = "direct-read")]
#[test]
fn the_direct_reading_is_the_reading_through_a_value() {
    let (mut answered, mut direct, mut texts) = (0, 0, 0);
    for (file, vector) in vectors() {
        let (Some(input), Some(op)) = (vector.get("input"), vector.get("operation")) else {
            continue;
        };
        let Some(op) = crate::engine::find(op.as_str().unwrap()) else {
            continue;
        };
        for (i, text) in variants_of(input).iter().enumerate() {
            texts += 1;
            let (read, through_value) = (op.read_both_ways)(text);
            if let Some(read) = &read {
                assert_eq!(read, &through_value, "{} ({i}): {text}", file.display());
            }
            if i == 0 && vector.get("expected").is_some() {
                answered += 1;
                direct += usize::from(read.is_some());
            }
        }
    }
    // Those read through a `Value` name a key the type does not define (a free-form
    // value) or write an escape.
    assert!(
        direct * 10 >= answered * 9,
        "{direct} of {answered} read directly"
    );
    assert!(texts > 5_000, "{texts} texts");
}

#[test]
fn batches_are_the_outputs_and_errors_side_by_side() {
    let engine = crate::Engine::default_store().unwrap();
    let good = r#"{"total": {"amount": "10.00", "currency": "BRL"}, "ratios": [2, 1]}"#;
    let bad = r#"{"total": {"amount": "10.00", "currency": "BRL"}, "ratios": []}"#;
    let batch = format!("[{good}, {bad}, \"x\", {good}]");
    let out = engine
        .call_batch_json("money.allocate", batch.as_bytes())
        .unwrap();
    let one = |text: &str, i: usize| match engine.call_json("money.allocate", text.as_bytes()) {
        Ok(o) => serde_json::json!({ "output": serde_json::from_str::<Value>(&o).unwrap() }),
        Err(e) => serde_json::json!({
            "error": serde_json::from_str::<Value>(&crate::host::error_json(&e.under(&format!("[{i}]")))).unwrap()
        }),
    };
    let expected = Value::Array(vec![
        one(good, 0),
        one(bad, 1),
        one("\"x\"", 2),
        one(good, 3),
    ]);
    assert_eq!(out, expected.to_string());
    assert!(out.contains(r#"{"error":{"code":"#));
    assert_eq!(
        engine.call_batch_json("money.allocate", b"[]").unwrap(),
        "[]"
    );
}
#[test]
fn the_default_store_has_its_desks() {
    let engine = crate::Engine::default_store().unwrap();
    let sp = engine.calendar("sao_paulo").unwrap();
    assert!(sp.holiday("2026-11-20".parse().unwrap()).is_some());
    assert!(sp.holiday("2027-03-26".parse().unwrap()).is_some());
    let lisbon = engine.calendar("lisbon").unwrap();
    assert_eq!(lisbon.time_zone().name(), "Europe/Lisbon");
    assert!(!lisbon.is_working_day("2026-06-10".parse().unwrap()));
}

/// The dated lists the default store's desks had for 2026 and 2027, before their presets.
const SAO_PAULO_2026_2027: &[&str] = &[
    "2026-01-01",
    "2026-04-03",
    "2026-04-21",
    "2026-05-01",
    "2026-09-07",
    "2026-10-12",
    "2026-11-02",
    "2026-11-15",
    "2026-11-20",
    "2026-12-25",
    "2027-01-01",
    "2027-03-26",
    "2027-04-21",
    "2027-05-01",
    "2027-09-07",
    "2027-10-12",
    "2027-11-02",
    "2027-11-15",
    "2027-11-20",
    "2027-12-25",
];
const LISBON_2026_2027: &[&str] = &[
    "2026-01-01",
    "2026-04-03",
    "2026-04-05",
    "2026-04-25",
    "2026-05-01",
    "2026-06-04",
    "2026-06-10",
    "2026-08-15",
    "2026-10-05",
    "2026-11-01",
    "2026-12-01",
    "2026-12-08",
    "2026-12-25",
    "2027-01-01",
    "2027-03-26",
    "2027-03-28",
    "2027-04-25",
    "2027-05-01",
    "2027-05-27",
    "2027-06-10",
    "2027-08-15",
    "2027-10-05",
    "2027-11-01",
    "2027-12-01",
    "2027-12-08",
    "2027-12-25",
];

#[test]
fn the_desks_presets_keep_their_2026_and_2027_holidays() {
    use chrono::Datelike;
    let engine = crate::Engine::default_store().unwrap();
    let days = |name: &str| {
        let calendar = engine.calendar(name).unwrap();
        let mut days: Vec<String> = [2026, 2027]
            .into_iter()
            .flat_map(|y| calendar.holidays_in(y))
            .map(|h| h.date.to_string())
            .collect();
        days.sort();
        days
    };
    assert_eq!(days("sao_paulo"), SAO_PAULO_2026_2027);
    // Lisbon's 13 June is new, and falls on a Saturday in 2026 and a Sunday in 2027: no
    // working day changes.
    let lisbon = engine.calendar("lisbon").unwrap();
    let added: Vec<String> = days("lisbon")
        .into_iter()
        .filter(|d| !LISBON_2026_2027.contains(&d.as_str()))
        .collect();
    assert_eq!(added, ["2026-06-13", "2027-06-13"]);
    for day in &added {
        let date: chrono::NaiveDate = day.parse().unwrap();
        assert!(date.weekday().number_from_monday() >= 6, "{day}");
        assert_eq!(
            lisbon.holiday(date).and_then(|h| h.name),
            Some("Santo António")
        );
    }
    assert_eq!(days("lisbon").len(), LISBON_2026_2027.len() + 2);
    // And they no longer run out.
    let sp = engine.calendar("sao_paulo").unwrap();
    assert_eq!(
        sp.holiday("2031-04-11".parse().unwrap())
            .and_then(|h| h.name),
        Some("Sexta-feira Santa")
    );
}

#[test]
fn engine_reports_every_calendar_problem() {
    let text = r#"
[store]
name = "x"
[calendars.sp]
time_zone = "America/Sao_Paolo"
hours.mon = ["09:00-12:00", "11:00-18:00"]
presets = ["br_national", "br_national"]
rules = [{ name = "x", month = 2, day = 30 }, { name = "y", easter_offset = -2 }]
holidays = ["2026-13-01"]
[calendars.ok]
time_zone = "Europe/Athens"
hours.fri = ["25:00-26:00"]
"#;
    let found: Vec<_> = crate::Engine::check(text)
        .iter()
        .map(|e| format!("{} {}", e.code(), e.path()))
        .collect();
    assert_eq!(
        found,
        [
            "config.invalid_hours calendars.ok.hours.fri[0]",
            "config.unknown_time_zone calendars.sp.time_zone",
            "config.invalid_hours calendars.sp.hours.mon[1]",
            "config.duplicate_holiday_preset calendars.sp.presets[1]",
            "config.invalid_holiday_rule calendars.sp.rules[0].day",
            "config.invalid_date calendars.sp.holidays[0]",
        ]
    );
    let e = crate::Engine::from_toml(text).unwrap_err();
    assert_eq!(e.path(), "calendars.ok.hours.fri[0]");
}

fn add_fails_at(json: &str) -> (&'static str, String) {
    let value: Value = serde_json::from_str(json).unwrap();
    let e = decode::<crate::calendar::AddRequest>(&value, Area::Input).unwrap_err();
    (e.code(), e.path().to_owned())
}

const ADD: &str = r#"{"calendar": {"time_zone": "America/Sao_Paulo",
    "hours": {"mon": ["09:00-18:00"]}, "holidays": ["2026-11-20", {"date": "2026-12-25", "name": "Natal"}]},
    "start": "2026-11-23T10:00:00-03:00", "add": {"unit": "business_hours", "amount": 4}}"#;

#[test]
fn tagged_and_untagged_enums_keep_the_paths_inside_them() {
    let value: Value = serde_json::from_str(ADD).unwrap();
    let add: crate::calendar::AddRequest = decode(&value, Area::Input).unwrap();
    assert_eq!(
        add.add,
        crate::calendar::Period::BusinessHours { amount: 4 }
    );
    let cases = [
        (r#""amount": 4"#, r#""amount": -4"#, "add.amount"),
        (r#""business_hours""#, r#""weeks""#, "add.unit"),
        (r#""unit": "business_hours", "#, "", "add"),
        (r#""amount": 4"#, r#""amount": 4, "extra": 1"#, "add"),
        (r#""Natal""#, "7", "calendar.holidays[1].name"),
        (
            r#""name": "Natal""#,
            r#""nome": "Natal""#,
            "calendar.holidays[1]",
        ),
        (r#""2026-11-20""#, "20", "calendar.holidays[0]"),
        (
            r#"["09:00-18:00"]"#,
            r#""09:00-18:00""#,
            "calendar.hours.mon",
        ),
        (r#""hours""#, r#""horas""#, "calendar"),
    ];
    for (from, to, path) in cases {
        let text = ADD.replacen(from, to, 1);
        assert_ne!(text, ADD, "{from}");
        assert_eq!(
            add_fails_at(&text),
            ("input.invalid", path.to_owned()),
            "{to}"
        );
    }
    let not_an_object = ADD.replacen(r#"{"unit": "business_hours", "amount": 4}"#, "4", 1);
    assert_eq!(add_fails_at(&not_an_object).1, "add");
}

#[test]
fn a_request_names_its_own_keys_in_limit_paths() {
    let e = crate::limits::Limits {
        max_bytes: 1000,
        max_depth: 5,
        max_list: 2,
    }
    .check::<crate::money::AllocateRequest>(br#"{"total": {"a": [1]}, "ratios": [1, "x,y", 3]}"#)
    .unwrap_err();
    assert_eq!(e.path(), "ratios[2]");
}

/// Keys that could be personal data, as a client might send them.
const PERSONAL_KEYS: [&str; 3] = ["4111111111111111", "529.982.247-25", "maria@example.com"];

#[test]
fn limit_paths_name_only_the_keys_the_request_defines() {
    let limits = crate::limits::Limits {
        max_bytes: 10_000,
        max_depth: 4,
        max_list: 2,
    };
    type Allocate = crate::money::AllocateRequest;
    for key in PERSONAL_KEYS {
        let deep = format!(r#"{{"total": {{"amount": "1", "{key}": [[[1]]]}}}}"#);
        let e = limits.check::<Allocate>(deep.as_bytes()).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("input.too_deep", "total.<key 1>[0][0]")
        );
        let long = format!(r#"{{"ratios": [1], "{key}": {{"ratios": [1, 2, 3]}}}}"#);
        let e = limits.check::<Allocate>(long.as_bytes()).unwrap_err();
        // Below an unknown key nothing is known: every key is masked.
        assert_eq!(
            (e.code(), e.path()),
            ("input.list_too_long", "<key 1>.<key 0>[2]")
        );
        let e = limits
            .check::<serde_json::Value>(long.as_bytes())
            .unwrap_err();
        assert_eq!(e.path(), "<key 1>.<key 0>[2]");
    }
    // A batch: the element's index, then its request's keys.
    let batch = br#"[{"ratios": [1]}, {"caps": [null, null, {"amount": "1"}]}]"#;
    let e = limits.check::<Vec<Allocate>>(batch).unwrap_err();
    assert_eq!(e.path(), "[1].caps[2]");
    // Keys a type defines are named even when written with escapes only if spelled as
    // the type spells them: the scan reads the text as written.
    let escaped = br#"{"r\u0061tios": [1, 2, 3]}"#;
    let e = limits.check::<Allocate>(escaped).unwrap_err();
    assert_eq!(e.path(), "<key 0>[2]");
}

#[test]
fn batch_errors_never_repeat_a_key_the_request_does_not_define() {
    let engine = crate::Engine::from_json(
        r#"{"store": {"name": "Tiny"}, "limits": {"max_depth": 5, "max_list": 3}}"#,
    )
    .unwrap();
    let good = r#"{"total": {"amount": "1.00", "currency": "BRL"}, "ratios": [1]}"#;
    for key in PERSONAL_KEYS {
        // Each element's own error, under its index.
        let twice = format!(r#"{{"ratios": [1], "{key}": {{"a": 1, "a": 2}}}}"#);
        let out = engine
            .call_batch_json("money.allocate", format!("[{good}, {twice}]").as_bytes())
            .unwrap();
        assert!(out.contains(r#""path":"[1].<key 1>""#), "{out}");
        assert!(!out.contains(key), "{out}");
        // The batch's limits, before any element is read.
        let deep = format!(r#"{{"{key}": [[[[1]]]]}}"#);
        let e = engine
            .call_batch_json("money.allocate", format!("[{good}, {deep}]").as_bytes())
            .unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("input.too_deep", "[1].<key 0>[0][0][0]")
        );
        let long = format!(r#"{{"{key}": [1, 2, 3, 4]}}"#);
        let e = engine
            .call_json("money.allocate", long.as_bytes())
            .unwrap_err();
        assert_eq!((e.code(), e.path()), ("input.list_too_long", "<key 0>[3]"));
    }
}

/// A map whose keys are free text would put the client's keys in its values' paths
/// (`tags.x`): no request has one. A map keyed by an enum names only its values.
#[cfg(feature = "schemas")]
#[test]
fn no_request_has_a_map_whose_keys_the_client_chooses() {
    fn free_map(v: &serde_json::Value) -> bool {
        match v {
            serde_json::Value::Object(o) => {
                let map = o
                    .get("additionalProperties")
                    .is_some_and(|a| a.is_object() || a == &serde_json::Value::Bool(true));
                (map && !o.contains_key("propertyNames")) || o.values().any(free_map)
            }
            serde_json::Value::Array(a) => a.iter().any(free_map),
            _ => false,
        }
    }
    // The configuration has such maps (its policies, by the names it gives them).
    let config = serde_json::to_value(super::schema_of::<crate::Config>()).unwrap();
    assert!(free_map(&config));
    for op in registry() {
        let schema = serde_json::to_value(op.input_schema()).unwrap();
        assert!(!free_map(&schema), "{}", op.name);
    }
}

/// A batch the way it was answered before its items were read straight from its text: the
/// limits' check of the whole text, its split into items, each item's single call.
fn batch_through_single_calls(
    engine: &crate::Engine,
    operation: &str,
    batch: &str,
) -> Result<String, crate::Error> {
    let info = crate::engine::find(operation).unwrap();
    (info.check_batch)(engine.compiled().services.limits(), batch.as_bytes())?;
    let items = crate::decode::batch_items(batch)
        .map_err(|_| crate::Error::new(crate::ops::InputError::MalformedJson, "."))?;
    let answers: Vec<String> = items
        .iter()
        .enumerate()
        .map(
            |(i, raw)| match engine.call_json(operation, raw.get().as_bytes()) {
                Ok(output) => format!(r#"{{"output":{output}}}"#),
                Err(e) => format!(
                    r#"{{"error":{}}}"#,
                    crate::canonical::encode(&e.under(&format!("[{i}]"))).unwrap()
                ),
            },
        )
        .collect();
    Ok(format!("[{}]", answers.join(",")))
}

/// Items of a batch of `money.allocate`: answered, refused by the operation, given back by
/// the direct reading (an escape, a key named twice, a key it does not define), malformed
/// for the reading through a `Value`, past the limits.
const BATCH_ITEMS: &[&str] = &[
    r#"{"total": {"amount": "10.00", "currency": "BRL"}, "ratios": [2, 1]}"#,
    r#"{"total": {"amount": "1.00", "currency": "USD"}, "ratios": [1]}"#,
    r#"{"total": {"amount": "10.00", "currency": "BRL"}, "ratios": []}"#,
    r#"{"total": {"amount": "1\u002e00", "currency": "BRL"}, "ratios": [1]}"#,
    r#"{"total": {"amount": "1.00", "currency": "BRL"}, "ratios": [1], "ratios": [2]}"#,
    r#"{"total": {"amount": "1.00", "currency": "BRL"}, "ratios": [1], "who": "maria"}"#,
    r#""x""#,
    "17",
    "null",
    r#"{"ratios": [1, 2, 3, 4, 5]}"#,
    r#"{"total": {"amount": [[[[1]]]], "currency": "BRL"}, "ratios": [1]}"#,
];

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(256))]

    /// A batch's answer (or its one error) is that of its items' single calls, side by
    /// side under their indexes, whatever mix of items it holds and however it is spaced,
    /// and whether it ends well or not.
    #[test]
    fn a_batch_is_its_single_calls_side_by_side(
        picks in proptest::collection::vec(0..BATCH_ITEMS.len(), 0..7),
        spaces in proptest::collection::vec(0usize..3, 8),
        ending in 0usize..4,
    ) {
        let engine = crate::Engine::from_json(
            r#"{"store": {"name": "Tiny"}, "limits": {"max_depth": 5, "max_list": 4}}"#,
        )
        .unwrap();
        let space = |i: usize| [" ", "", "\n\t "][spaces[i % spaces.len()]];
        let items: Vec<String> = picks
            .iter()
            .enumerate()
            .map(|(i, &p)| format!("{}{}", space(i), BATCH_ITEMS[p]))
            .collect();
        let end = ["]", " ] ", "] x", ""][ending];
        let batch = format!("{}[{}{end}", space(7), items.join(","));
        let answer = engine.call_batch_json("money.allocate", batch.as_bytes());
        let expected = batch_through_single_calls(&engine, "money.allocate", &batch);
        proptest::prop_assert_eq!(
            answer.map_err(|e| (e.code().to_owned(), e.path().to_owned())),
            expected.map_err(|e| (e.code().to_owned(), e.path().to_owned())),
            "{}", batch
        );
    }
}

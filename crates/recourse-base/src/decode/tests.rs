use std::collections::BTreeMap;

use super::*;
use crate::money::Money;

#[derive(Debug, Clone, Decode, PartialEq)]
#[serde(deny_unknown_fields)]
struct Order {
    total: Money,
    lines: Vec<Line>,
    #[serde(default)]
    note: Option<String>,
    #[serde(default)]
    tags: BTreeMap<String, u32>,
    #[serde(default)]
    sizes: BTreeMap<Size, u32>,
    size: Option<Size>,
}

#[derive(Debug, Clone, Decode, PartialEq, Eq, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
enum Size {
    Small,
    Large,
}

#[derive(Debug, Clone, Decode, PartialEq)]
#[serde(deny_unknown_fields)]
struct Line {
    sku: String,
    quantity: u32,
    kind: Kind,
}

#[derive(Debug, Clone, Decode, PartialEq)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Kind {
    Physical,
    Digital { license: String },
}

fn read(json: &str) -> Result<Order, Error> {
    crate::decode::parse_request(json)
}

fn fails_at(json: &str) -> (&'static str, String) {
    let e = read(json).unwrap_err();
    (e.code(), e.path().to_owned())
}

const GOOD: &str = r#"{"total": {"amount": "10.00", "currency": "BRL"},
    "lines": [{"sku": "A", "quantity": 1, "kind": {"type": "physical"}},
              {"sku": "B", "quantity": 2, "kind": {"type": "digital", "license": "k"}}],
    "tags": {"x": 1}}"#;

#[test]
fn reads_structs_lists_maps_options_and_enums() {
    let order = read(GOOD).unwrap();
    assert_eq!(order.lines.len(), 2);
    assert_eq!(
        order.lines[1].kind,
        Kind::Digital {
            license: "k".into()
        }
    );
    assert_eq!(order.note, None);
    assert_eq!(order.tags.get("x"), Some(&1));
}

#[test]
fn every_failure_names_its_path() {
    let bad_quantity = GOOD.replace(r#""quantity": 2"#, r#""quantity": "2""#);
    assert_eq!(
        fails_at(&bad_quantity),
        ("input.invalid", "lines[1].quantity".into())
    );
    let bad_license = GOOD.replace(r#""license": "k""#, r#""license": 5"#);
    assert_eq!(
        fails_at(&bad_license),
        ("input.invalid", "lines[1].kind.license".into())
    );
    // A value's own Deserialize refusing it after reading: the path is still the value's.
    let too_precise = GOOD.replace("10.00", "10.001");
    assert_eq!(
        fails_at(&too_precise),
        ("input.amount_too_precise", "total".into())
    );
    let missing = GOOD.replace(r#""sku": "A", "#, "");
    assert_eq!(fails_at(&missing), ("input.invalid", "lines[0]".into()));
    let bad_tag = GOOD.replace(r#"{"x": 1}"#, r#"{"x": -1}"#);
    assert_eq!(fails_at(&bad_tag), ("input.invalid", "tags.x".into()));
}

#[test]
fn an_unknown_field_is_reported_at_its_holder_without_its_name() {
    let unknown = GOOD.replace(r#""sku": "A""#, r#""sku": "A", "maria@example.com": 1"#);
    let e = read(&unknown).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input.invalid", "lines[0]"));
    assert!(!e.message().contains("maria"));
}

/// The path `Order` writes for `steps`: `Key`s from `(text, position)`, `Index`es from `i`.
fn order_path(steps: &[Result<(&str, usize), usize>]) -> String {
    let steps: Vec<Step<'_>> = steps
        .iter()
        .map(|s| match s {
            Ok((text, position)) => Step::Key {
                text,
                position: *position,
            },
            Err(i) => Step::Index(*i),
        })
        .collect();
    render_path(&steps, Order::write_path)
}

#[test]
fn paths_name_only_the_keys_a_type_defines() {
    let card = "4111111111111111";
    // Fields, elements, a tagged enum's fields whatever the variant, maps' keys.
    assert_eq!(
        order_path(&[
            Ok(("lines", 1)),
            Err(3),
            Ok(("kind", 2)),
            Ok(("license", 1))
        ]),
        "lines[3].kind.license"
    );
    assert_eq!(
        order_path(&[Ok(("total", 0)), Ok(("currency", 1))]),
        "total.currency"
    );
    assert_eq!(
        order_path(&[Ok(("sizes", 4)), Ok(("large", 0))]),
        "sizes.large"
    );
    assert_eq!(order_path(&[Ok(("tags", 3)), Ok(("x", 0))]), "tags.x");
    // Anything else by position, and everything below it too.
    assert_eq!(order_path(&[Ok((card, 2))]), "<key 2>");
    assert_eq!(
        order_path(&[
            Ok(("lines", 1)),
            Err(0),
            Ok((card, 3)),
            Ok(("sku", 0)),
            Err(1)
        ]),
        "lines[0].<key 3>.<key 0>[1]"
    );
    assert_eq!(
        order_path(&[Ok(("sizes", 4)), Ok((card, 0))]),
        "sizes.<key 0>"
    );
    assert_eq!(order_path(&[Ok(("note", 0)), Ok(("x", 0))]), "note.<key 0>");
    assert_eq!(order_path(&[Err(0)]), "[0]");
    assert_eq!(order_path(&[]), ".");
}

#[test]
fn a_key_named_twice_under_a_key_the_type_does_not_define_is_not_repeated() {
    for key in ["4111111111111111", "529.982.247-25", "maria@example.com"] {
        let twice = GOOD.replace(
            r#""sku": "B""#,
            &format!(r#""sku": "B", "{key}": {{"a": 1, "a": 2}}"#),
        );
        assert_eq!(
            fails_at(&twice),
            ("input.invalid", "lines[1].<key 1>".into())
        );
    }
}

#[test]
fn a_struct_is_read_only_from_an_object() {
    let positional = GOOD.replace(
        r#"{"sku": "A", "quantity": 1, "kind": {"type": "physical"}}"#,
        r#"["A", 1, "physical"]"#,
    );
    assert_eq!(fails_at(&positional), ("input.invalid", "lines[0]".into()));
}

#[test]
fn a_key_named_twice_is_refused_at_its_object() {
    let twice = GOOD.replace(r#""quantity": 2"#, r#""quantity": 2, "quantity": 200"#);
    assert_eq!(fails_at(&twice), ("input.invalid", "lines[1]".into()));
    assert_eq!(
        fails_at(r#"{"a": 1, "a": 2}"#),
        ("input.invalid", ".".into())
    );
}

#[test]
fn malformed_text_is_malformed_at_the_root() {
    for text in ["", "{", r#"{"total": }"#, "[1,]", "{} {}", "nul"] {
        assert_eq!(
            fails_at(text),
            ("input.malformed_json", ".".into()),
            "{text}"
        );
    }
}

#[test]
fn enums_refuse_other_shapes() {
    let physical = r#"{"type": "physical"}"#;
    for (kind, path) in [
        (r#""physical""#, "lines[0].kind"),
        ("7", "lines[0].kind"),
        ("[]", "lines[0].kind"),
        ("{}", "lines[0].kind"),
        (r#"{"type": "other"}"#, "lines[0].kind.type"),
        (r#"{"type": 7}"#, "lines[0].kind.type"),
    ] {
        let text = GOOD.replacen(physical, kind, 1);
        assert_eq!(fails_at(&text), ("input.invalid", path.into()), "{kind}");
    }
}

#[test]
fn unit_enums_read_names_as_values_and_as_keys() {
    let sized = GOOD.replace(
        r#""tags": {"x": 1}"#,
        r#""sizes": {"large": 2}, "size": "small""#,
    );
    let order = read(&sized).unwrap();
    assert_eq!(order.size, Some(Size::Small));
    assert_eq!(order.sizes.get(&Size::Large), Some(&2));
    for (from, to, path) in [
        (r#""small""#, r#""medium""#, "size"),
        (r#""small""#, "1", "size"),
        // A key that is no value of the key type is not repeated: the map is named.
        (r#""large""#, r#""medium""#, "sizes"),
    ] {
        let text = sized.replace(from, to);
        assert_eq!(fails_at(&text), ("input.invalid", path.into()), "{to}");
    }
}

#[test]
fn integers_refuse_what_their_type_cannot_hold() {
    for quantity in ["-1", "4294967296", "1.5", "\"1\"", "null", "true"] {
        let text = GOOD.replace(r#""quantity": 2"#, &format!(r#""quantity": {quantity}"#));
        assert_eq!(
            fails_at(&text),
            ("input.invalid", "lines[1].quantity".into()),
            "{quantity}"
        );
    }
}

#[test]
fn messages_say_what_was_expected_never_what_was_sent() {
    let text = GOOD.replace(r#""sku": "A""#, r#""sku": 4111111111111111"#);
    let e = read(&text).unwrap_err();
    assert_eq!(e.message(), "invalid type: integer, expected a string");
    let text = GOOD.replace(r#""physical""#, r#""maria@example.com""#);
    let e = read(&text).unwrap_err();
    assert!(!e.message().contains("maria"), "{}", e.message());
}

#[test]
fn serde_deserialize_goes_through_the_same_reader() {
    let order: Order = serde_json::from_str(GOOD).unwrap();
    assert_eq!(order, read(GOOD).unwrap());
    let unknown = GOOD.replace(r#""sku": "A""#, r#""sku": "A", "x": 1"#);
    let e = serde_json::from_str::<Order>(&unknown)
        .unwrap_err()
        .to_string();
    assert!(
        e.starts_with("input.invalid at lines[0]: unknown field"),
        "{e}"
    );
    let negative = GOOD.replace(r#""quantity": 1"#, r#""quantity": -1"#);
    let e = serde_json::from_str::<Order>(&negative)
        .unwrap_err()
        .to_string();
    assert!(e.starts_with("input.invalid at lines[0].quantity: "), "{e}");
}

#[test]
fn an_unknown_variant_names_the_likely_one() {
    let names = ["charged_twice", "refund_status", "wallet_issue"];
    let slip = variant_named("refund_statuss", &At::Root, &names).unwrap_err();
    assert!(
        slip.to_string().contains("did you mean `refund_status`?"),
        "{slip}"
    );
    let far = variant_named("lost_parcel", &At::Root, &names).unwrap_err();
    assert!(!far.to_string().contains("did you mean"), "{far}");
}

fn every(json: &str) -> Reading<Order> {
    decode_every(serde_json::from_str(json).unwrap(), Area::Config, 100)
}

fn places(reading: &Reading<Order>) -> Vec<(String, &'static str)> {
    reading
        .problems
        .iter()
        .map(|e| (e.path().to_owned(), e.code()))
        .collect()
}

#[test]
fn every_problem_is_read_past_with_its_original_path() {
    // Line 0 has a quantity of the wrong type and an unknown key (reported at the line,
    // without the key); line 1 lacks its sku
    // (so the line is taken out); line 2's kind is unknown: its index stays 2.
    let json = r#"{"total": {"amount": "10.00", "currency": "BRL"},
        "lines": [{"sku": "A", "quantity": "one", "colour": 1, "kind": {"type": "physical"}},
                  {"quantity": 2, "kind": {"type": "physical"}},
                  {"sku": "C", "quantity": 1, "kind": {"type": "vinyl"}},
                  {"sku": "D", "quantity": 1, "kind": {"type": "physical"}}],
        "size": "huge"}"#;
    let reading = every(json);
    let mut found = places(&reading);
    found.sort();
    assert_eq!(
        found,
        [
            ("lines[0]".to_owned(), "config.invalid"),
            ("lines[0].quantity".to_owned(), "config.invalid"),
            ("lines[1]".to_owned(), "config.invalid"),
            ("lines[2].kind.type".to_owned(), "config.invalid"),
            ("size".to_owned(), "config.invalid"),
        ]
    );
    // What is left reads: line 0 without its quantity is taken out too (quantity is
    // required), so lines A..C go and D stays.
    let order = reading.value.unwrap();
    assert_eq!(order.lines.len(), 1);
    assert_eq!(order.lines[0].sku, "D");
    assert!(
        reading.cut.iter().any(|c| c == "lines[2]"),
        "{:?}",
        reading.cut
    );
}

#[test]
fn a_missing_field_that_follows_a_cut_is_not_reported_twice() {
    let json = r#"{"total": 5, "lines": []}"#;
    let reading = every(json);
    // `total` is cut for its type; the missing `total` that follows is the same problem,
    // and the object that lacks it is the root: nothing is left to read.
    assert_eq!(places(&reading), [("total".to_owned(), "config.invalid")]);
    assert!(reading.value.is_none());
}

#[test]
fn a_valid_document_reads_in_one_pass_and_a_request_never_names_an_unknown_key() {
    let reading = every(GOOD);
    assert!(reading.problems.is_empty() && reading.cut.is_empty());
    assert!(reading.value.is_some());
    let unknown = GOOD.replace(r#""sku": "A""#, r#""sku": "A", "4111111111111111": 1"#);
    let reading: Reading<Order> =
        decode_every(serde_json::from_str(&unknown).unwrap(), Area::Input, 100);
    assert_eq!(reading.problems[0].path(), "lines[0]");
    assert!(!format!("{:?}", reading.problems).contains("4111"));
}

#[test]
fn reading_stops_after_its_passes() {
    // Three passes: the first sku, the line that then lacks it (not reported again), the
    // second sku.
    let json = r#"{"total": {"amount": "10.00", "currency": "BRL"},
        "lines": [{"sku": 1, "quantity": 1, "kind": {"type": "physical"}},
                  {"sku": 2, "quantity": 1, "kind": {"type": "physical"}},
                  {"sku": 3, "quantity": 1, "kind": {"type": "physical"}}]}"#;
    let reading: Reading<Order> =
        decode_every(serde_json::from_str(json).unwrap(), Area::Config, 3);
    assert_eq!(reading.problems.len(), 2);
    assert!(reading.value.is_none());
}

#[cfg(feature = "direct-read")]
/// Texts near a good order: pieces of it cut, repeated and joined, with JSON's tokens and
/// near-tokens (escapes, leading zeros, control characters, stray commas) put in.
fn near_texts() -> impl proptest::strategy::Strategy<Value = String> {
    use proptest::prelude::*;
    let pieces = prop::sample::select(vec![
        r#"{"total": {"amount": "10.00", "currency": "BRL"}"#,
        r#""lines": [{"sku": "A", "quantity": 1, "kind": {"type": "physical"}}]"#,
        r#""lines": [{"kind": {"license": "k", "type": "digital"}, "sku": "A", "quantity": 1}]"#,
        r#""lines": [{"sku": "A", "quantity": 1, "kind": {"type": "digital", "license": "k", "type": "digital"}}]"#,
        r#""lines": [{"sku": "A", "quantity": 1, "kind": {"type": "physical", "license": "k"}}]"#,
        r#""kind": {"type": "digital"}"#,
        r#""type": "digital", "license": "k""#,
        r#""tags": {"x": 1, "y": 2}"#,
        r#""sizes": {"small": 1}"#,
        r#""size": "large""#,
        r#""note": null"#,
        r#""note": "a\nb""#,
        r#""quantity": 01"#,
        r#""quantity": 1.0"#,
        r#""quantity": -0"#,
        r#""quantity": 1e2"#,
        "\"sku\": \"a\u{1}b\"",
        r#""sku": "\u0041""#,
        "\"currency\": \"BRL\"",
        ",",
        ",,",
        ":",
        "}",
        "]",
        "{",
        "[",
        " ",
        "\n",
        "null",
        "true",
        "nul",
    ]);
    prop::collection::vec(pieces, 1..12).prop_map(|p| p.concat())
}

#[cfg(feature = "direct-read")]
proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(2000))]
    /// The direct reading never reads what the reading through a `Value` refuses, nor
    /// anything else than it reads; and a good text it reads.
    #[test]
    fn the_direct_reading_is_the_reading_through_a_value(
        text in near_texts(),
        cut in 0_usize..400,
    ) {
        let good_or_near = [GOOD.to_owned(), text, GOOD.chars().take(cut).collect()];
        for text in good_or_near {
            let through_value = crate::decode::parse_through_value::<Order>(&text);
            if let Some(direct) = crate::decode::read_direct::<Order>(&text) {
                proptest::prop_assert_eq!(Ok(direct), through_value.clone(), "{}", text);
            }
            // Within limits, it reads only what the limits' check lets through.
            for (max_depth, max_list, max_bytes) in [(3, 5, 400), (4, 1, 400), (4, 5, 90), (32, 9, 400)] {
                let limits = crate::limits::Limits { max_bytes, max_depth, max_list };
                if let Some(direct) = limits.read::<Order>(&text) {
                    proptest::prop_assert!(limits.check::<Order>(text.as_bytes()).is_ok(), "{}", text);
                    proptest::prop_assert_eq!(Ok(direct), through_value.clone(), "{}", text);
                }
            }
        }
        proptest::prop_assert!(crate::decode::read_direct::<Order>(&GOOD.replace("\n", " ")).is_some());
        let at_the_limits = crate::limits::Limits { max_bytes: GOOD.len(), max_depth: 4, max_list: 2 };
        proptest::prop_assert!(at_the_limits.read::<Order>(GOOD).is_some());
        for tighter in [
            crate::limits::Limits { max_bytes: GOOD.len() - 1, ..at_the_limits },
            crate::limits::Limits { max_depth: 3, ..at_the_limits },
            crate::limits::Limits { max_list: 1, ..at_the_limits },
        ] {
            proptest::prop_assert!(tighter.read::<Order>(GOOD).is_none());
            proptest::prop_assert!(tighter.check::<Order>(GOOD.as_bytes()).is_err());
        }
    }
}

/// A tagged enum read straight from the text: its tag anywhere in the object, once, with the
/// fields of the variant it names and no other; anything else (a key the variant does not
/// have, which the reading through a `Value` lets pass here) that reading decides.
#[cfg(feature = "direct-read")]
#[test]
fn tagged_objects_read_directly_as_through_a_value() {
    let physical = r#"{"type": "physical"}"#;
    let kinds = [
        (r#"{"license": "k", "type": "digital"}"#, true),
        (r#"{"type": "digital", "license": "k"}"#, true),
        (
            r#"{"type": "digital", "license": "k", "type": "digital"}"#,
            false,
        ),
        (
            r#"{"type": "digital", "license": "k", "license": "k"}"#,
            false,
        ),
        (r#"{"type": "physical", "license": "k"}"#, false),
        (r#"{"type": "digital"}"#, false),
        (r#"{"type": "other"}"#, false),
        (r#"{"type": 1}"#, false),
        (r#"{"license": "k"}"#, false),
        (r#"{}"#, false),
    ];
    for (kind, read) in kinds {
        let text = GOOD.replacen(physical, kind, 1);
        let direct = crate::decode::read_direct::<Order>(&text);
        assert_eq!(direct.is_some(), read, "{text}");
        if let Some(direct) = direct {
            assert_eq!(
                Ok(direct),
                crate::decode::parse_through_value::<Order>(&text)
            );
        }
    }
}

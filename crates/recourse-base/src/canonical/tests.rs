use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::ser::SerializeMap;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::to_string;

/// What serde_json's value tree gives: the bytes the writer must reproduce.
fn through_value<T: Serialize + ?Sized>(value: &T) -> Result<String, String> {
    serde_json::to_value(value)
        .map(|v| v.to_string())
        .map_err(|e| e.to_string())
}

/// Both succeed with the same bytes, or both fail.
fn assert_same<T: Serialize + ?Sized>(value: &T) {
    match (to_string(value), through_value(value)) {
        (Ok(ours), Ok(theirs)) => assert_eq!(ours, theirs),
        (Err(_), Err(_)) => {}
        (ours, theirs) => panic!("canonical {ours:?} but through a value {theirs:?}"),
    }
}

/// A JSON-like tree whose objects are written in the order given, duplicates included, so
/// that the writer has to sort and deduplicate (a `Value` object arrives sorted already).
#[derive(Debug, Clone)]
enum Tree {
    Null,
    Bool(bool),
    Int(i64),
    Uint(u64),
    Text(String),
    List(Vec<Tree>),
    Object(Vec<(String, Tree)>),
}

impl Serialize for Tree {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Tree::Null => serializer.serialize_unit(),
            Tree::Bool(b) => serializer.serialize_bool(*b),
            Tree::Int(i) => serializer.serialize_i64(*i),
            Tree::Uint(u) => serializer.serialize_u64(*u),
            Tree::Text(s) => serializer.serialize_str(s),
            Tree::List(items) => items.serialize(serializer),
            Tree::Object(entries) => {
                let mut map = serializer.serialize_map(Some(entries.len()))?;
                for (k, v) in entries {
                    map.serialize_entry(k, v)?;
                }
                map.end()
            }
        }
    }
}

/// Text rich in what needs escaping: quotes, backslashes, every control character, DEL,
/// and any Unicode scalar value.
fn text() -> impl Strategy<Value = String> {
    let ch = prop_oneof![
        (0u8..0x20).prop_map(char::from),
        Just('"'),
        Just('\\'),
        Just('/'),
        Just('\u{7f}'),
        Just('a'),
        Just('b'),
        any::<char>(),
    ];
    proptest::collection::vec(ch, 0..20).prop_map(|c| c.into_iter().collect())
}

/// Keys that often share their first eight bytes, or differ only in length or a zero byte.
fn key() -> impl Strategy<Value = String> {
    prop_oneof![
        text(),
        "[a\\x00]{6,10}",
        text().prop_map(|tail| format!("abcdefgh{tail}")),
        Just("abcdefgh".to_owned()),
        Just(String::new()),
    ]
}

fn tree() -> impl Strategy<Value = Tree> {
    let leaf = prop_oneof![
        Just(Tree::Null),
        any::<bool>().prop_map(Tree::Bool),
        any::<i64>().prop_map(Tree::Int),
        any::<u64>().prop_map(Tree::Uint),
        text().prop_map(Tree::Text),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Tree::List),
            proptest::collection::vec((key(), inner), 0..6).prop_map(Tree::Object),
        ]
    })
}

fn value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<u64>().prop_map(Value::from),
        text().prop_map(Value::String),
    ];
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..6).prop_map(Value::Array),
            proptest::collection::btree_map(key(), inner, 0..6)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn strings_and_displayed_text_escape_as_in_serde_json(s in text(), t in any::<String>()) {
        for s in [&s, &t] {
            let expected = serde_json::to_string(s).unwrap();
            prop_assert_eq!(&to_string(s).unwrap(), &expected);
            prop_assert_eq!(&to_string(&Displayed(s)).unwrap(), &expected);
        }
    }

    #[test]
    fn values_are_written_as_serde_json_writes_them(v in value()) {
        prop_assert_eq!(to_string(&v).unwrap(), v.to_string());
        prop_assert_eq!(super::encode(&v).unwrap(), v.to_string());
    }

    #[test]
    fn encoded_strings_escape_as_in_serde_json(s in text(), t in any::<String>()) {
        for s in [&s, &t] {
            prop_assert_eq!(super::encode(s).unwrap(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn decimals_are_written_as_they_display(
        mantissa in any::<i64>(),
        wide in any::<i128>(),
        scale in 0u32..=28,
    ) {
        let wide = wide % 10i128.pow(28);
        for m in [i128::from(mantissa), wide, 0] {
            let d = rust_decimal::Decimal::from_i128_with_scale(m, scale);
            for d in [d, -d] {
                let mut out = String::new();
                super::encode::push_decimal(&mut out, &d);
                prop_assert_eq!(out, d.to_string());
            }
        }
    }

    #[test]
    fn unordered_and_duplicate_keys_come_out_as_through_a_value(t in tree()) {
        let ours = to_string(&t).unwrap();
        prop_assert_eq!(&ours, &through_value(&t).unwrap());
        // And it reads back as the same tree.
        let back: Value = serde_json::from_str(&ours).unwrap();
        prop_assert_eq!(back.to_string(), ours);
    }
}

/// Text written through `collect_str`, in pieces, as a `Display` implementation writes.
struct Displayed<'a>(&'a str);

impl std::fmt::Display for Displayed<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let mid = self
            .0
            .char_indices()
            .nth(3)
            .map_or(self.0.len(), |(i, _)| i);
        f.write_str(&self.0[..mid])?;
        f.write_str(&self.0[mid..])
    }
}

impl Serialize for Displayed<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

#[test]
fn every_byte_at_every_position_of_a_word() {
    for byte in 0u8..0x80 {
        for at in 0..17 {
            let mut s = "abcdefghijklmnopq".to_owned().into_bytes();
            s[at] = byte;
            let s = String::from_utf8(s).unwrap();
            assert_eq!(to_string(&s).unwrap(), serde_json::to_string(&s).unwrap());
        }
    }
}

#[test]
fn strings_escape_like_serde_json() {
    let all_controls: String = (0u8..0x20).map(char::from).collect();
    for s in [
        "",
        "plain",
        "quote \" backslash \\ slash / del \u{7f}",
        &all_controls,
        "ação ελληνικά 😀 \u{2028}\u{2029}",
        "\u{0}\u{1f}end",
    ] {
        assert_same(s);
        assert_same(&Tree::Object(vec![(s.to_owned(), Tree::Null)]));
    }
    assert_eq!(to_string("\u{1}\n").unwrap(), r#""\u0001\n""#);
    assert_eq!(to_string(&'\u{1b}').unwrap(), r#""\u001b""#);
}

#[test]
fn integers_at_their_limits() {
    assert_same(&[i64::MIN, -1, 0, 1, i64::MAX]);
    assert_same(&[u64::MIN, 9, 10, 99, 100, u64::MAX]);
    assert_same(&(i8::MIN, i16::MIN, i32::MIN, u8::MAX, u16::MAX, u32::MAX));
    assert_same(&[i128::from(i64::MIN), i128::from(u64::MAX)]);
    assert_same(&u128::from(u64::MAX));
    // Beyond 64 bits serde_json's value tree refuses them, and so does the writer.
    assert!(to_string(&(i128::from(i64::MIN) - 1)).is_err());
    assert!(to_string(&(u128::from(u64::MAX) + 1)).is_err());
    assert_same(&(i128::from(u64::MAX) + 1));
}

#[test]
fn floats_are_refused_as_values_and_as_keys() {
    assert!(to_string(&0.5_f64).is_err());
    assert!(to_string(&1.0_f32).is_err());
    assert!(to_string(&vec![Some(2.5_f64)]).is_err());
    #[derive(Serialize)]
    struct Key(f64);
    let mut map = BTreeMap::new();
    map.insert("k", 1.0_f64);
    assert!(to_string(&map).is_err());
    assert!(to_string(&Tree::List(vec![Tree::Null])).is_ok());
    let keyed = KeyedBy(vec![(Key(1.5), 1)]);
    assert!(to_string(&keyed).is_err());
    // serde_json would write them; the promise of no floats is this writer's own.
    assert!(through_value(&0.5_f64).is_ok());
}

/// A map whose keys are any serializable values, written in the order given.
struct KeyedBy<K, V>(Vec<(K, V)>);

impl<K: Serialize, V: Serialize> Serialize for KeyedBy<K, V> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut map = serializer.serialize_map(None)?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

#[derive(Serialize, Clone, Copy)]
enum Kind {
    Card,
    #[serde(rename = "national_id")]
    NationalId,
    Wrapped(u8),
}

#[derive(Serialize)]
struct Id(u32);

#[test]
fn map_keys_become_strings_as_in_serde_json() {
    assert_same(&KeyedBy(vec![(10, "b"), (9, "a"), (-1, "c")]));
    assert_same(&KeyedBy(vec![(u64::MAX, 1), (0, 2)]));
    assert_same(&KeyedBy(vec![(i128::MIN, 1), (i128::MAX, 2)]));
    assert_same(&KeyedBy(vec![(u128::MAX, 1)]));
    assert_same(&KeyedBy(vec![(true, 1), (false, 2)]));
    assert_same(&KeyedBy(vec![('z', 1), ('"', 2), ('\n', 3)]));
    assert_same(&KeyedBy(vec![(Kind::NationalId, 1), (Kind::Card, 2)]));
    assert_same(&KeyedBy(vec![(Id(20), 1), (Id(3), 2)]));
    assert_eq!(
        to_string(&KeyedBy(vec![(10, 0), (9, 0)])).unwrap(),
        r#"{"10":0,"9":0}"#
    );
    // Keys that are not strings in any sense fail both ways.
    assert!(to_string(&KeyedBy(vec![(Kind::Wrapped(1), 1)])).is_err());
    assert_same(&KeyedBy(vec![(Kind::Wrapped(1), 1)]));
    assert!(to_string(&KeyedBy(vec![(Some("a"), 1)])).is_err());
    assert!(to_string(&KeyedBy(vec![((), 1)])).is_err());
    assert!(to_string(&KeyedBy(vec![((1, 2), 1)])).is_err());
    assert!(to_string(&KeyedBy(vec![(vec![1u8], 1)])).is_err());
    assert!(to_string(&KeyedBy(vec![(Tree::Object(vec![]), 1)])).is_err());
    assert_same(&KeyedBy(vec![(Some("a"), 1)]));
    assert_same(&KeyedBy(vec![((1, 2), 1)]));
}

#[derive(Serialize)]
enum Shape {
    Unit,
    Newtype(Option<u8>),
    Tuple(u8, &'static str),
    Struct { zeta: u8, alpha: Vec<Shape> },
}

#[derive(Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
enum Tagged {
    Plain,
    Moved { to: String, at: u32 },
}

#[derive(Serialize)]
#[serde(tag = "t", content = "c")]
enum Adjacent {
    One(u8),
    Two { b: u8, a: u8 },
}

#[derive(Serialize)]
#[serde(untagged)]
enum Untagged {
    Number(u32),
    Named { name: String },
}

#[derive(Serialize)]
struct Unit;

#[test]
fn enums_and_units_as_the_value_serializer_writes_them() {
    assert_same(&Shape::Unit);
    assert_same(&Shape::Newtype(None));
    assert_same(&Shape::Newtype(Some(3)));
    assert_same(&Shape::Tuple(1, "x"));
    assert_same(&Shape::Struct {
        zeta: 1,
        alpha: vec![Shape::Unit, Shape::Tuple(2, "y")],
    });
    assert_eq!(
        to_string(&Shape::Struct {
            zeta: 1,
            alpha: vec![]
        })
        .unwrap(),
        r#"{"Struct":{"alpha":[],"zeta":1}}"#
    );
    assert_same(&Tagged::Plain);
    assert_same(&Tagged::Moved {
        to: "b".into(),
        at: 4,
    });
    assert_same(&Adjacent::One(1));
    assert_same(&Adjacent::Two { b: 1, a: 2 });
    assert_same(&Untagged::Number(5));
    assert_same(&Untagged::Named { name: "n".into() });
    assert_same(&Unit);
    assert_same(&());
    assert_same(&(Unit, (), None::<u8>, Some(Unit)));
    assert_same(&Kind::NationalId);
    assert_same(&Kind::Wrapped(7));
    assert_same(&b"bytes"[..]);
    assert_same(&serde_bytes_like(b"\x00\xff"));
    assert_same(&'é');
}

/// Bytes through `serialize_bytes`, as `serde_bytes` would write them.
fn serde_bytes_like(bytes: &'static [u8]) -> impl Serialize {
    struct Bytes(&'static [u8]);
    impl Serialize for Bytes {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            serializer.serialize_bytes(self.0)
        }
    }
    Bytes(bytes)
}

#[derive(Serialize)]
struct Inner {
    middle: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    absent: Option<u8>,
    apple: &'static str,
    shared: &'static str,
}

#[derive(Serialize)]
struct Outer {
    zebra: u8,
    shared: &'static str,
    #[serde(flatten)]
    inner: Inner,
    #[serde(skip_serializing_if = "Vec::is_empty")]
    empty: Vec<u8>,
    #[serde(flatten)]
    extra: BTreeMap<String, Value>,
}

#[test]
fn flatten_merges_sorts_and_the_last_duplicate_wins() {
    let outer = Outer {
        zebra: 1,
        shared: "outer",
        inner: Inner {
            middle: 2,
            absent: None,
            apple: "a",
            shared: "inner",
        },
        empty: vec![],
        extra: BTreeMap::from([
            ("apple".to_owned(), Value::from("extra")),
            ("b".to_owned(), serde_json::json!({"y": [1, {"x": null}]})),
        ]),
    };
    assert_same(&outer);
    assert_eq!(
        to_string(&outer).unwrap(),
        r#"{"apple":"extra","b":{"y":[1,{"x":null}]},"middle":2,"shared":"inner","zebra":1}"#
    );
}

#[test]
fn duplicate_keys_keep_the_last_value_wherever_they_fall() {
    let t = Tree::Object(vec![
        ("b".into(), Tree::Int(1)),
        ("a".into(), Tree::Int(2)),
        ("b".into(), Tree::Int(3)),
        (
            "a".into(),
            Tree::List(vec![Tree::Object(vec![
                ("k".into(), Tree::Null),
                ("k".into(), Tree::Bool(true)),
            ])]),
        ),
        ("c".into(), Tree::Null),
        ("b".into(), Tree::Text("last".into())),
    ]);
    assert_eq!(
        to_string(&t).unwrap(),
        r#"{"a":[{"k":true}],"b":"last","c":null}"#
    );
    assert_same(&t);
}

#[test]
fn raw_values_are_rewritten_canonically() {
    let raw =
        serde_json::value::RawValue::from_string(r#"{ "b": 1, "a": [true, "\u0041"] }"#.into())
            .unwrap();
    assert_eq!(to_string(&raw).unwrap(), r#"{"a":[true,"A"],"b":1}"#);
    assert_same(&raw);
    assert_same(&KeyedBy(vec![("z", &raw), ("a", &raw)]));
}

#[test]
fn floats_are_refused_when_encoded_too() {
    let v: Value = serde_json::from_str(r#"{"a": [1, 2.5]}"#).unwrap();
    assert_eq!(super::encode(&v), Err(super::FloatError));
}

#[test]
fn an_error_encodes_as_its_json() {
    let e = crate::Error::new(crate::error::InputError::MalformedJson, "lines[0]");
    assert_eq!(super::encode(&e).unwrap(), e.to_json().to_string());
}

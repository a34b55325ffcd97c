//! The one writer, held to `serde_json`'s output.

use std::collections::BTreeMap;

use proptest::prelude::*;
use serde::Serialize;
use serde_json::Value;

use super::{encode, FloatError};

/// What serde_json's value tree gives: the bytes the writer must reproduce.
fn through_value<T: Serialize + ?Sized>(value: &T) -> String {
    serde_json::to_value(value).unwrap().to_string()
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
    fn values_are_written_as_serde_json_writes_them(v in value()) {
        let ours = encode(&v).unwrap();
        prop_assert_eq!(&ours, &v.to_string());
        // And it reads back as the same value.
        let back: Value = serde_json::from_str(&ours).unwrap();
        prop_assert_eq!(back, v);
    }

    #[test]
    fn strings_escape_as_in_serde_json(s in text(), t in any::<String>()) {
        for s in [&s, &t] {
            prop_assert_eq!(encode(s).unwrap(), serde_json::to_string(s).unwrap());
        }
    }

    #[test]
    fn maps_sort_their_keys_as_serde_json_does(m in proptest::collection::btree_map(key(), any::<u32>(), 0..8)) {
        prop_assert_eq!(encode(&m).unwrap(), through_value(&m));
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
}

#[test]
fn every_byte_at_every_position_of_a_word() {
    for byte in 0u8..0x80 {
        for at in 0..17 {
            let mut s = "abcdefghijklmnopq".to_owned().into_bytes();
            s[at] = byte;
            let s = String::from_utf8(s).unwrap();
            assert_eq!(encode(&s).unwrap(), serde_json::to_string(&s).unwrap());
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
        assert_eq!(encode(s).unwrap(), through_value(s));
        let keyed = BTreeMap::from([(s.to_owned(), Option::<u8>::None)]);
        assert_eq!(encode(&keyed).unwrap(), through_value(&keyed));
    }
    assert_eq!(encode("\u{1}\n").unwrap(), r#""\u0001\n""#);
}

#[test]
fn integers_at_their_limits() {
    assert_eq!(
        encode(&[i64::MIN, -1, 0, 1, i64::MAX][..]).unwrap(),
        through_value(&[i64::MIN, -1, 0, 1, i64::MAX])
    );
    let unsigned = [u64::MIN, 9, 10, 99, 100, u64::MAX];
    assert_eq!(encode(&unsigned[..]).unwrap(), through_value(&unsigned));
    let small = (u8::MAX, u16::MAX, u32::MAX, i32::MIN, usize::MAX);
    let ours = [
        encode(&small.0).unwrap(),
        encode(&small.1).unwrap(),
        encode(&small.2).unwrap(),
        encode(&small.3).unwrap(),
        encode(&small.4).unwrap(),
    ];
    assert_eq!(format!("[{}]", ours.join(",")), through_value(&small));
}

#[test]
fn options_lists_and_maps_nest() {
    let nested: BTreeMap<String, Vec<Option<bool>>> = BTreeMap::from([
        ("zeta".to_owned(), vec![Some(true), None]),
        ("alpha".to_owned(), vec![]),
    ]);
    assert_eq!(
        encode(&nested).unwrap(),
        r#"{"alpha":[],"zeta":[true,null]}"#
    );
    assert_eq!(encode(&nested).unwrap(), through_value(&nested));
}

#[test]
fn floats_are_refused() {
    let v: Value = serde_json::from_str(r#"{"a": [1, 2.5]}"#).unwrap();
    assert_eq!(encode(&v), Err(FloatError));
    assert_eq!(encode(&Value::from(0.5_f64)), Err(FloatError));
}

#[test]
fn an_error_encodes_as_its_code_message_and_path() {
    let e = crate::Error::new(crate::error::InputError::MalformedJson, "lines[0]");
    let expected = serde_json::json!({"code": e.code(), "message": e.message(), "path": e.path()});
    assert_eq!(encode(&e).unwrap(), expected.to_string());
}

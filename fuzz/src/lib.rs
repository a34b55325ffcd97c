//! What every fuzz target checks of an answer, whatever the input:
//! - no panic (libFuzzer reports one as a crash);
//! - an answer is valid JSON, and the same input answers the same bytes twice;
//! - an error answers the same code, path and message twice, and never repeats a run of 12 or
//!   more of the input's digits (a card number, a CPF, a phone number) in its message or path.

use std::collections::HashSet;
use std::sync::OnceLock;

use recourse_payments::{Engine, Error};

/// The engine of the default store, built once.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| Engine::default_store().expect("the default store builds"))
}

/// Every operation's name, in registry order.
pub fn operations() -> &'static [String] {
    static NAMES: OnceLock<Vec<String>> = OnceLock::new();
    NAMES.get_or_init(|| {
        let list: serde_json::Value =
            serde_json::from_str(&recourse_payments::host::operations_json()).expect("JSON");
        list.as_array()
            .expect("an array")
            .iter()
            .filter_map(|op| op["name"].as_str().map(str::to_owned))
            .collect()
    })
}

/// Calls `operation` on `input` twice and checks both answers (see the crate's docs); the
/// answer, when there is one.
pub fn check_call(operation: &str, input: &[u8]) -> Option<serde_json::Value> {
    let engine = engine();
    let first = engine.call_json(operation, input);
    let second = engine.call_json(operation, input);
    match (first, second) {
        (Ok(a), Ok(b)) => {
            assert_eq!(a, b, "{operation}: two answers to one input");
            Some(serde_json::from_str(&a).expect("an answer is valid JSON"))
        }
        (Err(a), Err(b)) => {
            assert_eq!(
                (a.code(), a.path(), a.message()),
                (b.code(), b.path(), b.message()),
                "{operation}: two errors for one input"
            );
            assert_no_digits_of(input, &a);
            None
        }
        (a, b) => panic!("{operation}: an answer and an error for one input: {a:?} / {b:?}"),
    }
}

/// Panics when `error` repeats 12 or more consecutive digits of `input`.
pub fn assert_no_digits_of(input: &[u8], error: &Error) {
    let windows = digit_windows(input);
    if windows.is_empty() {
        return;
    }
    for text in [error.message(), error.path().to_owned()] {
        for window in digit_windows(text.as_bytes()) {
            assert!(
                !windows.contains(&window),
                "{}: the error repeats the input's digits {window}: {text}",
                error.code()
            );
        }
    }
}

/// Every 12 consecutive ASCII digits in `bytes`.
fn digit_windows(bytes: &[u8]) -> HashSet<String> {
    let mut windows = HashSet::new();
    for run in bytes.split(|b| !b.is_ascii_digit()) {
        for window in run.windows(12) {
            windows.insert(String::from_utf8_lossy(window).into_owned());
        }
    }
    windows
}

/// Whether the digits pass the Luhn check, as every card number does.
pub fn luhn(digits: &[u8]) -> bool {
    let sum: u32 = digits
        .iter()
        .rev()
        .enumerate()
        .map(|(i, d)| {
            let d = u32::from(d - b'0');
            if i % 2 == 1 {
                if d * 2 > 9 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum % 10 == 0
}

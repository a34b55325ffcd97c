//! `privacy.redact` on arbitrary text: the answer is valid JSON, the same twice, and no card
//! number of the main networks (a Luhn-valid run with a Visa, Mastercard, Amex or Discover
//! prefix and length) survives in the text. A Luhn-valid run with no issuer prefix and no
//! card word nearby is left alone on purpose (an order number; see the privacy module).
#![no_main]

use libfuzzer_sys::fuzz_target;
use recourse_payments_fuzz::{check_call, luhn};

/// Whether `digits` have the prefix and length of a Visa, Mastercard, Amex or Discover card.
fn issuer_shaped(digits: &[u8]) -> bool {
    let starts = |p: &str| digits.starts_with(p.as_bytes());
    match digits.len() {
        13 | 19 => starts("4"),
        15 => starts("34") || starts("37"),
        16 => {
            starts("4")
                || (b"12345".iter().any(|d| digits.get(1) == Some(d)) && starts("5"))
                || starts("6011")
        }
        _ => false,
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let request = serde_json::json!({ "text": text }).to_string();
    let Some(answer) = check_call("privacy.redact", request.as_bytes()) else {
        return;
    };
    let redacted = answer["text"].as_str().expect("the redacted text");
    for run in redacted.as_bytes().split(|b| !b.is_ascii_digit()) {
        assert!(
            !(issuer_shaped(run) && luhn(run)),
            "a card number survives: {redacted}"
        );
    }
});

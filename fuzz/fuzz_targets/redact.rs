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
    // Only runs with ASCII on both sides: a non-ASCII neighbour may be a character
    // redaction reads through (a tag, a zero-width space: the digits beyond belong to the
    // run) or one it reads as a separator, which this check cannot tell apart.
    let chars: Vec<char> = redacted.chars().collect();
    let mut runs: Vec<Vec<u8>> = Vec::new();
    let mut at = 0;
    while at < chars.len() {
        let len = chars[at..]
            .iter()
            .take_while(|c| c.is_ascii_digit())
            .count();
        if len == 0 {
            at += 1;
            continue;
        }
        let before = at.checked_sub(1).map_or(true, |b| chars[b].is_ascii());
        let after = chars.get(at + len).map_or(true, char::is_ascii);
        if before && after {
            runs.push(chars[at..at + len].iter().map(|&c| c as u8).collect());
        }
        at += len;
    }
    for run in runs.iter().map(Vec::as_slice) {
        assert!(
            !(issuer_shaped(run) && luhn(run)),
            "a card number survives: {redacted}"
        );
    }
});

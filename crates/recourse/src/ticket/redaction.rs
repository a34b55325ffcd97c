//! Messages are stored redacted: card numbers, security codes, national ids, IBANs, e-mail
//! addresses and phone numbers are masked ([`crate::privacy`]) before an event joins a log,
//! unless the host asks to keep some kinds (never card data). Receipts digest logs with
//! their messages redacted, so a receipt cannot confirm a guessed card number.

use super::event::Event;
use crate::privacy::{redact, Finding, Options};

/// The event as it is stored: a message's text redacted under `options`, with what was
/// found; other events unchanged.
///
/// # Example
/// ```
/// use recourse_payments::privacy::Options;
/// use recourse_payments::ticket::{redact_event, Event};
/// let event: Event = serde_json::from_str(r#"{"type": "message", "at": "2026-11-19T17:00:00-03:00",
///     "author": "customer", "text": "Meu cartão é 4111 1111 1111 1111"}"#).unwrap();
/// let (stored, findings) = redact_event(&event, &Options::default());
/// let Event::Message { text, .. } = stored else { unreachable!() };
/// assert_eq!(text, "Meu cartão é **** **** **** 1111");
/// assert_eq!(findings.len(), 1);
/// ```
pub fn redact_event(event: &Event, options: &Options) -> (Event, Vec<Finding>) {
    match event {
        Event::Message {
            at,
            author,
            visibility,
            text,
        } => {
            let out = redact(text, options);
            (
                Event::Message {
                    at: *at,
                    author: *author,
                    visibility: *visibility,
                    text: out.text,
                },
                out.findings,
            )
        }
        other => (other.clone(), Vec::new()),
    }
}

/// A log with every message redacted under the default options: what receipts digest.
pub(crate) fn redacted_log(log: &[Event]) -> Vec<Event> {
    let options = Options::default();
    log.iter().map(|e| redact_event(e, &options).0).collect()
}

//! `recourse duplicates`: `monitor.duplicates` over payment events streamed from a
//! JSON-lines file, one event per line, with flat memory.

use recourse_payments::monitor::{DuplicatesRequest, PaymentEvent};
use recourse_payments::ops::InputError;
use recourse_payments::receipt::{Receipt, Trace};
use recourse_payments::{Engine, Error};

use crate::lines::{cannot_write, Line, Lines};

/// The command's options: the file and the request's fields besides `events`.
pub struct Options<'a> {
    /// The events: a JSON-lines file, or `-` for standard input.
    pub events: &'a str,
    /// The request, its `events` empty.
    pub request: DuplicatesRequest,
}

/// Reads `--now` and the optional check, as `monitor.duplicates` reads them.
pub fn request(
    now: &str,
    preset: Option<&str>,
    window_seconds: Option<u32>,
    locale: Option<&str>,
) -> Result<DuplicatesRequest, Error> {
    let mut map = serde_json::Map::new();
    map.insert("now".into(), now.into());
    map.insert("events".into(), serde_json::Value::Array(Vec::new()));
    if let Some(p) = preset {
        map.insert("preset".into(), p.into());
    }
    if let Some(w) = window_seconds {
        map.insert("window_seconds".into(), w.into());
    }
    if let Some(l) = locale {
        map.insert("locale".into(), l.into());
    }
    recourse_payments::decode::parse_request(&serde_json::Value::Object(map).to_string()).map_err(
        |e| {
            let detail = e.message();
            Error::new(InputError::Invalid { detail }, arg(e.path()))
        },
    )
}

/// The command-line flag of a request field.
fn arg(path: &str) -> String {
    format!("--{}", path.replace('_', "-"))
}

/// Streams the events of `options.events` through the duplicate check and returns the
/// answer with its receipt, as canonical JSON. A line that cannot be read stops the run
/// with its error under `line N`.
pub fn duplicates(engine: &Engine, options: &Options<'_>) -> Result<String, Error> {
    let limits = engine.limits();
    let mut lines = Lines::open(options.events, limits.max_bytes, "events")?;
    let mut count = 0u64;
    let events = std::iter::from_fn(|| {
        let next = match lines.next_line() {
            Ok(None) => return None,
            Ok(Some((n, Line::Json(json)))) => std::str::from_utf8(json)
                .map_err(|_| Error::new(InputError::InvalidUtf8, "."))
                .and_then(recourse_payments::decode::parse_request::<PaymentEvent>)
                .map_err(|e| e.under(&format!("line {n}"))),
            Ok(Some((n, Line::TooLarge(e)))) => Err(e.under(&format!("line {n}"))),
            Err(e) => Err(e),
        };
        count += 1;
        Some(next)
    });
    let mut trace = Trace::new();
    let out = recourse_payments::monitor::duplicates_streamed(
        engine,
        &options.request,
        events,
        &mut trace,
    )?;
    let summary = std::collections::BTreeMap::from([
        ("charges".to_owned(), out.charges),
        ("events".to_owned(), count),
    ]);
    let receipt = Receipt {
        operation: "monitor.duplicates".to_owned(),
        library_version: recourse_payments::receipt::LIBRARY_VERSION.to_owned(),
        engine_fingerprint: engine.fingerprint().to_owned(),
        input_digest: recourse_payments::receipt::digest(
            recourse_payments::canonical::encode(&summary)
                .unwrap_or_default()
                .as_bytes(),
        ),
        now: Some(options.request.now.to_rfc3339()),
        trace: trace.steps().to_vec(),
    };
    let output = recourse_payments::Output {
        response: out,
        receipt,
    };
    recourse_payments::canonical::encode(&output).map_err(|_| cannot_write())
}

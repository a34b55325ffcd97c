//! `recourse disputes`: root causes over past disputes streamed from a JSON-lines file.

use recourse_payments::dispute::{Analysis, AnalyzeResponse};
use recourse_payments::ops::InputError;
use recourse_payments::receipt::Receipt;
use recourse_payments::{Engine, Error, Operation};

use crate::lines::{cannot_write, Line, Lines};

/// Streams JSON lines from `path` (`-`: standard input) through `dispute.analyze`'s fold and
/// returns the totals with a receipt, as canonical JSON. A line that cannot be read is
/// counted under its error code; memory does not grow with the number of lines.
pub fn analyze(engine: &Engine, path: &str, locale: Option<&str>) -> Result<String, Error> {
    let limits = engine.limits();
    let mut lines = Lines::open(path, limits.max_bytes, "disputes")?;
    let locale = match locale {
        Some(l) => {
            serde_json::from_value(serde_json::Value::String(l.to_owned())).map_err(|_| {
                let detail = "expected a language: en, pt-BR, es or el".into();
                Error::new(InputError::Invalid { detail }, "--locale")
            })?
        }
        None => engine.config().store.default_locale,
    };
    let mut analysis = Analysis::new(locale);
    while let Some((_, line)) = lines.next_line()? {
        match line {
            Line::TooLarge(error) => analysis.add_error(&error),
            Line::Json(json) => analysis.add_json(json, limits),
        }
    }
    let out = analysis.finish();
    let receipt = receipt(engine, &out);
    let output = recourse_payments::Output {
        response: out,
        receipt,
    };
    recourse_payments::canonical::encode(&output).map_err(|_| cannot_write())
}

/// The receipt of a streamed analysis. The disputes are not kept, so the input digest is
/// taken over what identifies the run: the number of disputes and of unreadable lines.
fn receipt(engine: &Engine, out: &AnalyzeResponse) -> Receipt {
    let mut trace = recourse_payments::receipt::Trace::new();
    recourse_payments::dispute::explain_analysis(out, &mut trace);
    let summary = std::collections::BTreeMap::from([
        ("disputes".to_owned(), out.disputes),
        ("errors".to_owned(), out.errors.values().sum::<u64>()),
    ]);
    Receipt {
        operation: recourse_payments::dispute::Analyze::NAME.to_owned(),
        library_version: recourse_payments::receipt::LIBRARY_VERSION.to_owned(),
        engine_fingerprint: engine.fingerprint().to_owned(),
        input_digest: recourse_payments::receipt::digest(
            recourse_payments::canonical::encode(&summary)
                .unwrap_or_default()
                .as_bytes(),
        ),
        now: None,
        trace: trace.steps().to_vec(),
    }
}

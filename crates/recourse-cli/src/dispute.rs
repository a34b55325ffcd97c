//! `recourse disputes`: root causes over past disputes streamed from a JSON-lines file.

use std::io::{BufRead, BufReader, Read};

use recourse::dispute::{Analysis, AnalyzeResponse};
use recourse::ops::InputError;
use recourse::receipt::Receipt;
use recourse::{Engine, Error, Operation};

/// Streams JSON lines from `path` (`-`: standard input) through `dispute.analyze`'s fold and
/// returns the totals with a receipt, as canonical JSON. A line that cannot be read is
/// counted under its error code; memory does not grow with the number of lines.
pub fn analyze(engine: &Engine, path: &str, locale: Option<&str>) -> Result<String, Error> {
    let reader: Box<dyn Read> = if path == "-" {
        Box::new(std::io::stdin())
    } else {
        Box::new(std::fs::File::open(path).map_err(|_| cannot_read())?)
    };
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
    let limits = engine.limits();
    let limit = limits.max_bytes;
    let mut reader = BufReader::new(reader);
    let mut line = Vec::new();
    loop {
        line.clear();
        // Read at most one byte past the limit, so that one huge line costs bounded memory.
        let read = (&mut reader)
            .take(limit as u64 + 1)
            .read_until(b'\n', &mut line)
            .map_err(|_| cannot_read())?;
        if read == 0 {
            break;
        }
        if line.len() > limit && !line.ends_with(b"\n") {
            analysis.add_error(&Error::new(InputError::TooLarge { limit }, "."));
            skip_line(&mut reader)?;
            continue;
        }
        if !line.iter().all(u8::is_ascii_whitespace) {
            analysis.add_json(&line, limits);
        }
    }
    let out = analysis.finish();
    let receipt = receipt(engine, &out);
    let output = recourse::Output {
        response: out,
        receipt,
    };
    recourse::canonical::encode(&output).map_err(|_| cannot_write())
}

/// Skips the rest of an oversized line.
fn skip_line(reader: &mut impl BufRead) -> Result<(), Error> {
    let mut rest = Vec::new();
    loop {
        rest.clear();
        let n = reader
            .take(64 * 1024)
            .read_until(b'\n', &mut rest)
            .map_err(|_| cannot_read())?;
        if n == 0 || rest.ends_with(b"\n") {
            return Ok(());
        }
    }
}

/// The receipt of a streamed analysis. The disputes are not kept, so the input digest is
/// taken over what identifies the run: the number of disputes and of unreadable lines.
fn receipt(engine: &Engine, out: &AnalyzeResponse) -> Receipt {
    let mut trace = recourse::receipt::Trace::new();
    recourse::dispute::explain_analysis(out, &mut trace);
    let summary = std::collections::BTreeMap::from([
        ("disputes".to_owned(), out.disputes),
        ("errors".to_owned(), out.errors.values().sum::<u64>()),
    ]);
    Receipt {
        operation: recourse::dispute::Analyze::NAME.to_owned(),
        library_version: recourse::receipt::LIBRARY_VERSION.to_owned(),
        engine_fingerprint: engine.fingerprint().to_owned(),
        input_digest: recourse::receipt::digest(
            recourse::canonical::encode(&summary)
                .unwrap_or_default()
                .as_bytes(),
        ),
        now: None,
        trace: trace.steps().to_vec(),
    }
}

fn cannot_read() -> Error {
    Error::new(
        InputError::Invalid {
            detail: "cannot read the disputes file".into(),
        },
        "--cases",
    )
}

fn cannot_write() -> Error {
    Error::new(
        InputError::Invalid {
            detail: "the response cannot be written as JSON".into(),
        },
        ".",
    )
}

//! Writes the shared conformance vectors as a manifest the C tests read without a JSON
//! library: for each vector, records `KEY LENGTH\n` followed by LENGTH bytes and `\n`.
//! Keys: `file`, `operation`, `config` (only when the vector has one), `input` (the exact
//! bytes sent), then `expected` (the canonical output) or `error_code` and `error_path`,
//! and `pins_fingerprint` (`true`) for a vector that pins the receipt's engine fingerprint.
//! The bytes are those the Rust runner sends and expects, so every host checks the same.
//!
//! `cargo run -q -p recourse-payments-ffi --example vector-manifest > vectors.manifest`

use std::io::Write;

fn record(out: &mut impl Write, key: &str, bytes: &[u8]) -> std::io::Result<()> {
    writeln!(out, "{key} {}", bytes.len())?;
    out.write_all(bytes)?;
    writeln!(out)
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let vectors = recourse_conformance::load_all()?;
    let root = recourse_conformance::vectors_dir();
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    for v in &vectors {
        let file = v.file.strip_prefix(&root).unwrap_or(&v.file);
        record(&mut out, "file", file.to_string_lossy().as_bytes())?;
        record(&mut out, "operation", v.operation.as_bytes())?;
        if let Some(config) = &v.config {
            record(&mut out, "config", config.as_bytes())?;
        }
        record(&mut out, "input", v.input.as_bytes())?;
        match (&v.expected, &v.error) {
            (Some(expected), _) => record(&mut out, "expected", expected.as_bytes())?,
            (None, Some((code, path))) => {
                record(&mut out, "error_code", code.as_bytes())?;
                record(&mut out, "error_path", path.as_bytes())?;
            }
            (None, None) => return Err(format!("{}: no expectation", file.display()).into()),
        }
        if v.pins_fingerprint {
            record(&mut out, "pins_fingerprint", b"true")?;
        }
    }
    record(&mut out, "end", b"")?;
    out.flush()?;
    Ok(())
}

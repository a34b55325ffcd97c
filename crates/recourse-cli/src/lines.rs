//! JSON lines streamed from a file or standard input, one line at a time within the
//! engine's byte limit, so that memory does not grow with the file.

use std::io::{BufRead, BufReader, Read};

use recourse_payments::ops::InputError;
use recourse_payments::Error;

/// The lines of a file or of standard input.
pub struct Lines {
    reader: BufReader<Box<dyn Read>>,
    line: Vec<u8>,
    number: u64,
    limit: usize,
    what: &'static str,
}

/// One line that is not blank.
pub enum Line<'a> {
    /// A line within the limit, to be read as JSON.
    Json(&'a [u8]),
    /// A line over the limit, skipped: `input.too_large`.
    TooLarge(Error),
}

impl Lines {
    /// The lines of `path` (`-`: standard input), each at most `limit` bytes; `what` names
    /// the file in the error when it cannot be read (`cases`, `disputes`).
    pub fn open(path: &str, limit: usize, what: &'static str) -> Result<Self, Error> {
        let reader: Box<dyn Read> = if path == "-" {
            Box::new(std::io::stdin())
        } else {
            let file = std::fs::File::open(path)
                .map_err(|e| crate::unreadable(std::path::Path::new(path), &e, "--cases"))?;
            Box::new(file)
        };
        Ok(Self {
            reader: BufReader::new(reader),
            line: Vec::new(),
            number: 0,
            limit,
            what,
        })
    }

    /// The next line that is not blank with its number (blank lines counted), or `None`
    /// at the end.
    pub fn next_line(&mut self) -> Result<Option<(u64, Line<'_>)>, Error> {
        loop {
            self.line.clear();
            // Read at most one byte past the limit, so that one huge line costs bounded memory.
            let read = (&mut self.reader)
                .take(self.limit as u64 + 1)
                .read_until(b'\n', &mut self.line)
                .map_err(|_| cannot_read(self.what))?;
            if read == 0 {
                return Ok(None);
            }
            self.number += 1;
            if self.line.len() > self.limit && !self.line.ends_with(b"\n") {
                self.skip_line()?;
                let limit = self.limit;
                let error = Error::new(InputError::TooLarge { limit }, ".");
                return Ok(Some((self.number, Line::TooLarge(error))));
            }
            if !self.line.iter().all(u8::is_ascii_whitespace) {
                return Ok(Some((self.number, Line::Json(&self.line))));
            }
        }
    }

    /// Skips the rest of an oversized line.
    fn skip_line(&mut self) -> Result<(), Error> {
        let mut rest = Vec::new();
        loop {
            rest.clear();
            let n = (&mut self.reader)
                .take(64 * 1024)
                .read_until(b'\n', &mut rest)
                .map_err(|_| cannot_read(self.what))?;
            if n == 0 || rest.ends_with(b"\n") {
                return Ok(());
            }
        }
    }
}

/// `input.invalid` at `--cases`: the `what` file cannot be read.
fn cannot_read(what: &str) -> Error {
    Error::new(
        InputError::Invalid {
            detail: format!("cannot read the {what} file"),
        },
        "--cases",
    )
}

/// `input.invalid`: the response cannot be written as JSON.
pub fn cannot_write() -> Error {
    Error::new(
        InputError::Invalid {
            detail: "the response cannot be written as JSON".into(),
        },
        ".",
    )
}

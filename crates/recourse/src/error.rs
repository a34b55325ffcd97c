//! The one error type every operation returns: a stable code, a JSON path and a message.
//!
//! Each capability has its own `#[non_exhaustive]` enum; [`Error`] wraps one of them with the
//! path of the offending field. Messages are fixed text: they never echo the value that was
//! rejected, because that value may be personal data (a card number, a name, an e-mail).
//!
//! Paths never echo the client's text either. A path names an object key only where the
//! schema defines it: a field of the type read there, a value of a map's key type, or the
//! name a configuration gives its entry (a policy, a calendar, a processor). Any other key is
//! never written: an unknown field is reported at the object holding it, and where a path
//! must pass through such a key (the input limits, a key named twice), it is written
//! `<key N>`, the object's key number from 0 in the order of the text. So a request
//! `{"4111111111111111": [[...]]}` too deep fails at `<key 0>[0]...`, and its batch error at
//! `[i].<key 0>[0]...`. See [`crate::decode`].

use std::fmt;

use serde::Serialize;

use crate::calendar::CalendarError;
use crate::engine::ConfigError;
use crate::money::MoneyError;
use crate::ops::InputError;
use crate::privacy::PrivacyError;
use crate::refund::RefundError;
use crate::sla::SlaError;
use crate::ticket::TicketError;

/// The error of any Recourse operation: what went wrong (a stable code), where (a JSON path)
/// and a message fit to show a developer.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Error(Box<Located>);

/// An error's kind and path, boxed: `Result<_, Error>` is returned by nearly every
/// function, and a one-pointer error keeps those results (and the code that moves them)
/// small.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Located {
    kind: ErrorKind,
    path: String,
}

/// Which area an [`Error`] comes from, with the area's own error.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ErrorKind {
    /// The request could not be read: malformed, too large, or not of the expected shape.
    #[error(transparent)]
    Input(#[from] InputError),
    /// A money amount or currency was invalid, or arithmetic on it failed.
    #[error(transparent)]
    Money(#[from] MoneyError),
    /// A business calendar could not answer.
    #[error(transparent)]
    Calendar(#[from] CalendarError),
    /// The configuration was invalid.
    #[error(transparent)]
    Config(#[from] ConfigError),
    /// A ticket event was not allowed.
    #[error(transparent)]
    Ticket(#[from] TicketError),
    /// The facts of a refund request contradict each other or name what does not exist.
    #[error(transparent)]
    Refund(#[from] RefundError),
    /// A privacy request asked for something redaction never does.
    #[error(transparent)]
    Privacy(#[from] PrivacyError),
    /// An SLA could not be measured.
    #[error(transparent)]
    Sla(#[from] SlaError),
}

impl ErrorKind {
    /// The stable code, such as `input.invalid_amount`; identical in every binding.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::Money(e) => e.code(),
            Self::Calendar(e) => e.code(),
            Self::Config(e) => e.code(),
            Self::Ticket(e) => e.code(),
            Self::Refund(e) => e.code(),
            Self::Privacy(e) => e.code(),
            Self::Sla(e) => e.code(),
        }
    }
}

impl Error {
    /// An error of `kind` at `path` (a JSON path such as `ratios[2]`; `.` is the whole input).
    pub fn new(kind: impl Into<ErrorKind>, path: impl Into<String>) -> Self {
        Self(Box::new(Located {
            kind: kind.into(),
            path: path.into(),
        }))
    }

    /// The stable code, such as `input.invalid_amount`.
    pub fn code(&self) -> &'static str {
        self.0.kind.code()
    }

    /// The JSON path of the offending field (`.` for the whole input), naming only keys the
    /// schema defines; any other key is `<key N>` (see [`crate::decode`]).
    pub fn path(&self) -> &str {
        &self.0.path
    }

    /// A message for developers. It never contains the rejected value.
    pub fn message(&self) -> String {
        self.0.kind.to_string()
    }

    /// The area error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Returns the same error with its path placed under `prefix` (`total` + `amount`
    /// gives `total.amount`).
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        self.0.path = join_path(prefix, &self.0.path);
        self
    }

    /// The error as the JSON object every host prints: `{"code", "path", "message"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code(),
            "path": self.0.path,
            "message": self.message(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code(), self.0.path, self.0.kind)
    }
}

impl std::error::Error for Error {}

impl crate::canonical::Encode for Error {
    /// The shape of [`Error::to_json`].
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        out.raw("{\"code\":");
        out.string(self.code());
        out.raw(",\"message\":");
        out.string(&self.message());
        out.raw(",\"path\":");
        out.string(&self.0.path);
        out.raw("}");
    }
}

impl Serialize for Error {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.to_json().serialize(serializer)
    }
}

/// Joins two JSON paths, `.` being the root.
pub(crate) fn join_path(prefix: &str, rest: &str) -> String {
    match (prefix, rest) {
        ("" | ".", r) => r.to_owned(),
        (p, "" | ".") => p.to_owned(),
        (p, r) if r.starts_with('[') => format!("{p}{r}"),
        (p, r) => format!("{p}.{r}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_join() {
        assert_eq!(join_path("total", "amount"), "total.amount");
        assert_eq!(join_path("ratios", "[2]"), "ratios[2]");
        assert_eq!(join_path(".", "x"), "x");
        assert_eq!(join_path("x", "."), "x");
    }
}

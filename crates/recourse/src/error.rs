//! The one error type every operation returns: a stable code, a JSON path and a message.
//!
//! Each capability has its own `#[non_exhaustive]` enum; [`Error`] wraps one of them with the
//! path of the offending field. Messages are fixed text: they never echo the value that was
//! rejected, because that value may be personal data (a card number, a name, an e-mail).

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
pub struct Error {
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

    /// Finds the error a custom serde message stands for (see [`Error::coded_message`]).
    fn from_code(code: &str) -> Option<Self> {
        MoneyError::from_code(code)
            .map(Self::Money)
            .or_else(|| InputError::from_code(code).map(Self::Input))
            .or_else(|| CalendarError::from_code(code).map(Self::Calendar))
            .or_else(|| RefundError::from_code(code).map(Self::Refund))
            .or_else(|| PrivacyError::from_code(code).map(Self::Privacy))
    }
}

/// Marks a serde custom message that carries one of our stable codes.
const CODE_MARK: char = '\u{1f}';

impl Error {
    /// An error of `kind` at `path` (a JSON path such as `ratios[2]`; `.` is the whole input).
    pub fn new(kind: impl Into<ErrorKind>, path: impl Into<String>) -> Self {
        Self {
            kind: kind.into(),
            path: path.into(),
        }
    }

    /// The stable code, such as `input.invalid_amount`.
    pub fn code(&self) -> &'static str {
        self.kind.code()
    }

    /// The JSON path of the offending field (`.` for the whole input).
    pub fn path(&self) -> &str {
        &self.path
    }

    /// A message for developers. It never contains the rejected value.
    pub fn message(&self) -> String {
        self.kind.to_string()
    }

    /// The area error.
    pub fn kind(&self) -> &ErrorKind {
        &self.kind
    }

    /// Returns the same error with its path placed under `prefix` (`total` + `amount`
    /// gives `total.amount`).
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        self.path = join_path(prefix, &self.path);
        self
    }

    /// The message a `Deserialize` impl gives serde so that the stable code survives the
    /// trip through serde's string errors.
    pub(crate) fn coded_message(code: &str) -> String {
        format!("{CODE_MARK}{code}{CODE_MARK}")
    }

    /// Converts a serde error raised at `path` into an [`Error`] whose message holds no input
    /// value. Serde's own messages quote the rejected value, so only their shape is kept.
    pub(crate) fn from_serde(message: &str, path: String, fallback: ErrorKind) -> Self {
        if let Some(kind) = decode_coded(message) {
            return Self::new(kind, path);
        }
        let detail = sanitize_serde_message(message);
        match fallback {
            ErrorKind::Config(_) => Self::new(ConfigError::Invalid { detail }, path),
            // An unknown field's name comes from the client and may be anything, personal
            // data included: a request's error names the object that holds it instead.
            _ => match holder_of_unknown_field(message, &path) {
                Some(holder) => Self::new(InputError::Invalid { detail }, holder),
                None => Self::new(InputError::Invalid { detail }, path),
            },
        }
    }

    /// The error as the JSON object every host prints: `{"code", "path", "message"}`.
    pub fn to_json(&self) -> serde_json::Value {
        serde_json::json!({
            "code": self.code(),
            "path": self.path,
            "message": self.message(),
        })
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code(), self.path, self.kind)
    }
}

impl std::error::Error for Error {}

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

/// When `message` complains of an unknown field and `path` ends with its name, the path of
/// the object that holds it (`.` at the top).
fn holder_of_unknown_field(message: &str, path: &str) -> Option<String> {
    let name = message.strip_prefix("unknown field `")?.split('`').next()?;
    if path == name {
        return Some(".".to_owned());
    }
    let parent = path.strip_suffix(name)?.strip_suffix('.')?;
    Some(if parent.is_empty() {
        ".".to_owned()
    } else {
        parent.to_owned()
    })
}

fn decode_coded(message: &str) -> Option<ErrorKind> {
    let start = message.find(CODE_MARK)?;
    let rest = message.get(start + CODE_MARK.len_utf8()..)?;
    let end = rest.find(CODE_MARK)?;
    ErrorKind::from_code(rest.get(..end)?)
}

/// Keeps what serde says about the expected shape and drops what it quotes of the input.
fn sanitize_serde_message(message: &str) -> String {
    // Serde messages look like "invalid type: string \"4111...\", expected u32" or
    // "unknown variant `x`, expected one of `a`, `b`"; the part after "expected" is ours.
    let head = message.split(" at line ").next().unwrap_or(message);
    for lead in [
        "invalid type",
        "invalid value",
        "unknown variant",
        "invalid length",
    ] {
        if head.starts_with(lead) {
            return match head.find(", expected") {
                Some(at) => format!("{lead}{}", head.get(at..).unwrap_or("")),
                None => lead.to_owned(),
            };
        }
    }
    if head.starts_with("missing field") || head.starts_with("duplicate field") {
        return head.to_owned();
    }
    if head.starts_with("unknown field") {
        // Field names come from the input; they may be anything, so say only what is allowed.
        return match head.find(", expected") {
            Some(at) => format!("unknown field{}", head.get(at..).unwrap_or("")),
            None => "unknown field".to_owned(),
        };
    }
    if head.starts_with("data did not match any variant") {
        return "the value matches none of the accepted shapes".to_owned();
    }
    "the value does not have the expected shape".to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn serde_messages_lose_the_rejected_value() {
        let m = sanitize_serde_message("invalid type: string \"4111111111111111\", expected u32");
        assert_eq!(m, "invalid type, expected u32");
        let m = sanitize_serde_message("unknown variant `maria@example.com`, expected `a` or `b`");
        assert!(!m.contains("maria"));
        let m = sanitize_serde_message("something else entirely with 4111111111111111");
        assert!(!m.contains("4111"));
    }

    #[test]
    fn unknown_fields_are_not_named_in_the_path() {
        let e = Error::from_serde(
            "unknown field `maria@example.com`, expected `total` or `ratios`",
            "order.maria@example.com".into(),
            ErrorKind::Input(InputError::MalformedJson),
        );
        assert_eq!(e.path(), "order");
        assert!(!e.message().contains("maria"));
    }

    #[test]
    fn paths_join() {
        assert_eq!(join_path("total", "amount"), "total.amount");
        assert_eq!(join_path("ratios", "[2]"), "ratios[2]");
        assert_eq!(join_path(".", "x"), "x");
        assert_eq!(join_path("x", "."), "x");
    }
}

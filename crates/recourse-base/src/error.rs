//! The one error type every operation returns: a stable code, a JSON path and a message.
//!
//! Each area has its own `#[non_exhaustive]` enum with stable codes; [`Error`] wraps one of
//! them with the path of the offending field. The foundations' own areas (input, money,
//! calendars, configuration) are variants of [`ErrorKind`]; a capability's enum implements
//! [`AreaError`] and becomes an [`ErrorKind::Capability`] through `?` or [`Error::new`], so
//! this module names no capability. Messages are fixed text: they never echo the value that was
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
use std::sync::Arc;

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
    /// A capability's own error (`refund.*`, `ticket.*`, ...), with its stable code.
    #[error(transparent)]
    Capability(CapabilityError),
}

impl ErrorKind {
    /// The stable code, such as `input.invalid_amount`; identical in every binding.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Input(e) => e.code(),
            Self::Money(e) => e.code(),
            Self::Calendar(e) => e.code(),
            Self::Config(e) => e.code(),
            Self::Capability(e) => e.code(),
        }
    }
}

impl Error {
    /// An error of `kind` at `path` (a JSON path such as `ratios[2]`; `.` is the whole input).
    pub fn new(kind: impl Into<ErrorKind>, path: impl Into<String>) -> Self {
        Self(Box::new(Located {
            kind: kind.into(),
            path: masked(path.into()),
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
        masked(self.0.kind.to_string())
    }

    /// The area error.
    pub fn kind(&self) -> &ErrorKind {
        &self.0.kind
    }

    /// Returns the same error with its path placed under `prefix` (`total` + `amount`
    /// gives `total.amount`).
    #[must_use]
    pub fn under(mut self, prefix: &str) -> Self {
        self.0.path = masked(join_path(prefix, &self.0.path));
        self
    }
}

/// Runs of this many ASCII digits or more are masked in an error's path and message.
const LONG_DIGIT_RUN: usize = 12;

/// `text` with every run of [`LONG_DIGIT_RUN`] or more ASCII digits written as `*`s: a name
/// the client or the merchant chose (a map's key in a path, a policy's name in a message)
/// may hold a card number, a CPF or a phone number, and no error repeats one.
fn masked(text: String) -> String {
    let mut run = 0;
    let mut long = false;
    for b in text.bytes() {
        run = if b.is_ascii_digit() { run + 1 } else { 0 };
        long |= run >= LONG_DIGIT_RUN;
    }
    if !long {
        return text;
    }
    let mut out = String::with_capacity(text.len());
    let mut digits = String::new();
    let flush = |out: &mut String, digits: &mut String| {
        if digits.len() >= LONG_DIGIT_RUN {
            out.extend(std::iter::repeat_n('*', digits.len()));
        } else {
            out.push_str(digits);
        }
        digits.clear();
    };
    for c in text.chars() {
        if c.is_ascii_digit() {
            digits.push(c);
        } else {
            flush(&mut out, &mut digits);
            out.push(c);
        }
    }
    flush(&mut out, &mut digits);
    out
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} at {}: {}", self.code(), self.0.path, self.message())
    }
}

impl std::error::Error for Error {}

impl crate::canonical::Encode for Error {
    /// `{"code", "message", "path"}`: the object every host shows.
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

/// The error enum of a capability: each variant has a stable code such as
/// `refund.window_expired`, and its message never echoes a rejected value.
pub trait AreaError: std::error::Error + Send + Sync + 'static {
    /// The stable code, identical in every binding.
    fn code(&self) -> &'static str;
}

/// A capability's error inside an [`ErrorKind`]: its code and message, compared by both.
#[derive(Debug, Clone)]
pub struct CapabilityError(Arc<dyn AreaError>);

impl CapabilityError {
    /// Wraps a capability's error.
    pub fn new(error: impl AreaError) -> Self {
        Self(Arc::new(error))
    }

    /// The stable code.
    pub fn code(&self) -> &'static str {
        self.0.code()
    }
}

impl fmt::Display for CapabilityError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for CapabilityError {}

impl PartialEq for CapabilityError {
    fn eq(&self, other: &Self) -> bool {
        self.code() == other.code() && self.to_string() == other.to_string()
    }
}

impl Eq for CapabilityError {}

impl<E: AreaError> From<E> for ErrorKind {
    fn from(error: E) -> Self {
        Self::Capability(CapabilityError::new(error))
    }
}

/// Errors about a request as a whole: its bytes, its shape, its size, its operation.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum InputError {
    /// The bytes are not valid UTF-8.
    #[error("the input is not valid UTF-8")]
    InvalidUtf8,
    /// The bytes are not well-formed JSON.
    #[error("the input is not well-formed JSON")]
    MalformedJson,
    /// A field is missing, unknown, or of the wrong type or value.
    #[error("{detail}")]
    Invalid {
        /// What was expected (never the value received).
        detail: String,
    },
    /// The input is larger than the engine's byte limit.
    #[error("the input is larger than the limit of {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
    /// The input nests deeper than the engine's depth limit. The path names only the keys
    /// the request's type defines; any other is `<key N>` (see [`crate::decode`]).
    #[error("the input nests deeper than the limit of {limit} levels")]
    TooDeep {
        /// The limit in levels.
        limit: usize,
    },
    /// A list holds more items than the engine's list limit. The path names only the keys
    /// the request's type defines; any other is `<key N>` (see [`crate::decode`]).
    #[error("a list holds more than the limit of {limit} items")]
    ListTooLong {
        /// The limit in items.
        limit: usize,
    },
    /// No operation has that name.
    #[error("unknown operation; `recourse ops` lists them")]
    UnknownOperation,
    /// An instant is not RFC 3339 with an explicit offset.
    #[error("expected an RFC 3339 instant with an offset, such as \"2026-03-06T17:00:00-03:00\"")]
    InvalidTime,
    /// An instant or a date lies outside the supported years, 0001 to 9999 in UTC and in the
    /// offset it is written in ([`crate::calendar::SUPPORTED_YEARS`]): given so in the
    /// request, or an answer computed from the request would be.
    #[error("the instant or date lies outside the supported years, 0001 to 9999")]
    OutOfRange,
}

impl InputError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidUtf8 => "input.invalid_utf8",
            Self::MalformedJson => "input.malformed_json",
            Self::Invalid { .. } => "input.invalid",
            Self::TooLarge { .. } => "input.too_large",
            Self::TooDeep { .. } => "input.too_deep",
            Self::ListTooLong { .. } => "input.list_too_long",
            Self::UnknownOperation => "input.unknown_operation",
            Self::InvalidTime => "input.invalid_time",
            Self::OutOfRange => "input.out_of_range",
        }
    }
}

/// Errors in a configuration.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum ConfigError {
    /// The text is not well-formed TOML or JSON.
    #[error("the configuration is not well-formed {format}")]
    Syntax {
        /// `TOML` or `JSON`.
        format: &'static str,
    },
    /// The text is in a format this build does not read: TOML without the `toml` feature.
    #[error("this build reads configuration as JSON only, not {format}")]
    UnsupportedFormat {
        /// `TOML`.
        format: &'static str,
    },
    /// A field is missing, unknown, or of the wrong type or value.
    #[error("{detail}")]
    Invalid {
        /// What was expected (never the value received).
        detail: String,
    },
    /// The configuration is larger than allowed.
    #[error("the configuration is larger than {limit} bytes")]
    TooLarge {
        /// The limit in bytes.
        limit: usize,
    },
}

impl ConfigError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::Syntax { .. } => "config.syntax",
            Self::UnsupportedFormat { .. } => "config.unsupported_format",
            Self::Invalid { .. } => "config.invalid",
            Self::TooLarge { .. } => "config.too_large",
        }
    }

    /// An invalid configuration, saying what was expected (never the value received).
    pub fn invalid(detail: impl Into<String>) -> Self {
        Self::Invalid {
            detail: detail.into(),
        }
    }
}

/// Errors about money: amounts, currencies and arithmetic on them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum MoneyError {
    /// The amount is not a plain decimal string such as `"19.90"` (a JSON number, an
    /// exponent, spaces or other characters).
    #[error("the amount must be a decimal string such as \"19.90\"")]
    InvalidAmount,
    /// The amount has more decimal places than the currency's minor unit allows.
    #[error("the amount has more decimal places than the currency allows")]
    TooPrecise,
    /// The currency is not an active ISO 4217 code.
    #[error("unknown currency: expected an active ISO 4217 code such as \"BRL\"")]
    UnknownCurrency,
    /// Two amounts of different currencies were combined.
    #[error("the amounts are in different currencies")]
    CurrencyMismatch,
    /// The result does not fit the range of exact decimal arithmetic.
    #[error("the amount is too large to compute exactly")]
    Overflow,
    /// Allocation ratios are negative, malformed, or all zero.
    #[error("ratios must be non-negative decimals, not all zero")]
    InvalidRatios,
    /// The per-part caps of an allocation cannot hold the total.
    #[error("the caps add up to less than the total to allocate")]
    CapsInfeasible,
    /// A processor override gives an exponent outside 0 to 4.
    #[error("a minor-unit exponent must be between 0 and 4")]
    InvalidExponent,
    /// The named processor cannot represent this amount in this currency.
    #[error("the processor cannot represent this amount in this currency")]
    UnsupportedByProcessor,
    /// The named processor is not configured.
    #[error("unknown processor")]
    UnknownProcessor,
}

impl MoneyError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::InvalidAmount => "input.invalid_amount",
            Self::TooPrecise => "input.amount_too_precise",
            Self::UnknownCurrency => "input.unknown_currency",
            Self::CurrencyMismatch => "input.currency_mismatch",
            Self::Overflow => "money.overflow",
            Self::InvalidRatios => "input.invalid_ratios",
            Self::CapsInfeasible => "money.caps_infeasible",
            Self::InvalidExponent => "config.invalid_exponent",
            Self::UnsupportedByProcessor => "input.unsupported_by_processor",
            Self::UnknownProcessor => "input.unknown_processor",
        }
    }
}

/// Errors of business calendars: their configuration and their arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The calendar has no open hours at all, so no business time can ever pass.
    #[error("the calendar has no open hours")]
    NoOpenHours,
    /// The answer lies beyond what a search may walk: more than three years of consecutive
    /// days without opening hours, or more than 100 years from the start.
    #[error("the answer lies beyond the calendar's search range")]
    OutOfRange,
    /// The answer would lie outside [`SUPPORTED_YEARS`](crate::calendar::SUPPORTED_YEARS), in UTC or in the calendar's offset,
    /// where it has no RFC 3339 text. Its code is that of
    /// [`InputError::OutOfRange`], `input.out_of_range`:
    /// the instant the request starts from is too close to the end (or the start) of the
    /// supported years.
    #[error("the answer would lie outside the supported years, 0001 to 9999")]
    OutsideSupportedYears,
    /// The time zone is not an IANA time zone name such as `America/Sao_Paulo`.
    #[error("unknown time zone: expected an IANA name such as \"America/Sao_Paulo\"")]
    UnknownTimeZone,
    /// An opening interval is ill-formed, out of order or overlaps an earlier one.
    #[error("invalid opening hours: {detail}")]
    InvalidHours {
        /// What is wrong (never the value received).
        detail: &'static str,
    },
    /// A holiday is not a valid date written `YYYY-MM-DD`.
    #[error("expected a date written YYYY-MM-DD")]
    InvalidDate,
    /// The same date is listed twice among the holidays.
    #[error("the date is already listed among the holidays")]
    DuplicateHoliday,
    /// A holiday rule is incomplete or out of range.
    #[error("invalid holiday rule: {detail}")]
    InvalidHolidayRule {
        /// What is wrong (never the value received).
        detail: &'static str,
    },
    /// A calendar names a holiday preset that does not exist.
    #[error("unknown holiday preset: see the calendar documentation for the presets")]
    UnknownHolidayPreset,
    /// The same preset is named twice.
    #[error("the preset is already named")]
    DuplicateHolidayPreset,
    /// The request names a calendar the configuration does not define.
    #[error("unknown calendar: the configuration's `calendars` section names them")]
    UnknownCalendar,
    /// The end of a span of time is before its start.
    #[error("the end is before the start")]
    EndBeforeStart,
}

impl CalendarError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoOpenHours => "calendar.no_open_hours",
            Self::OutOfRange => "calendar.out_of_range",
            Self::OutsideSupportedYears => crate::error::InputError::OutOfRange.code(),
            Self::UnknownTimeZone => "config.unknown_time_zone",
            Self::InvalidHours { .. } => "config.invalid_hours",
            Self::InvalidDate => "config.invalid_date",
            Self::DuplicateHoliday => "config.duplicate_holiday",
            Self::InvalidHolidayRule { .. } => "config.invalid_holiday_rule",
            Self::UnknownHolidayPreset => "config.unknown_holiday_preset",
            Self::DuplicateHolidayPreset => "config.duplicate_holiday_preset",
            Self::UnknownCalendar => "input.unknown_calendar",
            Self::EndBeforeStart => "input.end_before_start",
        }
    }
}

/// Joins two JSON paths, `.` being the root.
pub fn join_path(prefix: &str, rest: &str) -> String {
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
    fn no_error_repeats_a_long_run_of_digits() {
        let e = Error::new(
            ConfigError::invalid("unknown kind 4111111111111111"),
            "compensation.schemes.s.kinds.la527777777777te.tiers[0]",
        );
        assert_eq!(
            e.path(),
            "compensation.schemes.s.kinds.la************te.tiers[0]"
        );
        assert_eq!(e.message(), "unknown kind ****************");
        assert!(!e.to_string().contains("5277777"));
        // Shorter runs (amounts, limits, indexes) stay.
        let e = Error::new(
            ConfigError::invalid("at most 4194304 bytes"),
            "a[12345678901]",
        );
        assert_eq!(
            (e.path(), e.message().as_str()),
            ("a[12345678901]", "at most 4194304 bytes")
        );
        assert_eq!(
            e.under("x.123456789012").path(),
            "x.************.a[12345678901]"
        );
    }

    #[test]
    fn paths_join() {
        assert_eq!(join_path("total", "amount"), "total.amount");
        assert_eq!(join_path("ratios", "[2]"), "ratios[2]");
        assert_eq!(join_path(".", "x"), "x");
        assert_eq!(join_path("x", "."), "x");
    }
}

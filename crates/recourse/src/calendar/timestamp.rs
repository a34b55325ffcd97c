//! Instants as they travel: RFC 3339 with an explicit offset, never a bare local time.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{DateTime, FixedOffset, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::decode::{At, Decode, DecodeError};

use crate::ops::InputError;

/// The years an instant or a date may have, both in UTC and in the offset it is written in:
/// 0001 to 9999.
///
/// RFC 3339 and ISO 8601's basic form write a year in four digits, so a later year has no
/// valid text; year 0000, which ISO 8601 admits only by agreement between the parties, is
/// one that not every host can hold (Python's `datetime`, .NET's `DateTime` and SQL
/// Server's `datetime2` start at year 1). An instant of a request outside these years is
/// refused with `input.out_of_range` at its path, and so is a request whose answer would
/// hold one, at the path of the input it was computed from.
pub const SUPPORTED_YEARS: RangeInclusive<i32> = 1..=9999;

/// An instant with the offset it was given in, such as `2026-03-06T17:00:00-03:00`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(DateTime<FixedOffset>);

impl Timestamp {
    /// Parses RFC 3339 text with an offset (`Z` counts as one).
    ///
    /// # Errors
    /// [`InputError::InvalidTime`] for anything else, a local time without an offset included.
    ///
    /// # Example
    /// ```
    /// let t = recourse::calendar::Timestamp::parse("2026-03-06T17:00:00-03:00")?;
    /// assert_eq!(t.to_rfc3339(), "2026-03-06T17:00:00-03:00");
    /// # Ok::<(), recourse::ops::InputError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, InputError> {
        DateTime::parse_from_rfc3339(text)
            .map(Self)
            .map_err(|_| InputError::InvalidTime)
    }

    /// The instant as a chrono value with its offset.
    pub fn as_datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }

    /// RFC 3339 text in the offset it was given in; `Z` for UTC.
    pub fn to_rfc3339(&self) -> String {
        self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

impl From<DateTime<FixedOffset>> for Timestamp {
    fn from(value: DateTime<FixedOffset>) -> Self {
        Self(value)
    }
}

impl From<DateTime<Utc>> for Timestamp {
    fn from(value: DateTime<Utc>) -> Self {
        Self(value.fixed_offset())
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.to_rfc3339())
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.to_rfc3339())
    }
}

impl crate::canonical::Encode for Timestamp {
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        out.string(&self.to_rfc3339());
    }
}

impl Decode for Timestamp {
    /// Anything but a string holding an RFC 3339 instant with its offset is a bad instant.
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .and_then(|text| Self::parse(text).ok())
            .ok_or_else(|| DecodeError::coded(at, InputError::InvalidTime))
    }
}

crate::decode::deserialize_through_decode!(Timestamp);

impl JsonSchema for Timestamp {
    fn schema_name() -> std::borrow::Cow<'static, str> {
        "Timestamp".into()
    }
    fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
        schemars::json_schema!({
            "type": "string",
            "format": "date-time",
            "description": "An RFC 3339 instant with an explicit offset, such as 2026-03-06T17:00:00-03:00."
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, Decode)]
    struct WithNow {
        #[allow(dead_code)]
        now: Timestamp,
    }

    #[test]
    fn a_missing_instant_is_a_missing_field() {
        let e = serde_json::from_str::<WithNow>("{}")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("missing field `now`"), "{e}");
        let e = serde_json::from_str::<WithNow>(r#"{"now": 5}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("input.invalid_time"), "{e}");
    }

    #[test]
    fn offsets_are_required() {
        assert!(Timestamp::parse("2026-03-06T17:00:00").is_err());
        assert!(Timestamp::parse("2026-03-06").is_err());
        assert_eq!(
            Timestamp::parse("2026-03-06T20:00:00+00:00")
                .unwrap()
                .to_rfc3339(),
            "2026-03-06T20:00:00Z"
        );
    }
}

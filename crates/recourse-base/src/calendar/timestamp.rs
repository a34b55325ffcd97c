//! Instants as they travel: RFC 3339 with an explicit offset, never a bare local time.

use std::fmt;
use std::ops::RangeInclusive;

use chrono::{DateTime, Datelike, FixedOffset, SecondsFormat, Utc};
use schemars::JsonSchema;
use serde::{Serialize, Serializer};

use crate::decode::{At, Decode, DecodeError};

use crate::error::InputError;

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
///
/// Written in that offset, except when the offset is not a whole number of minutes (the
/// local mean time zones kept before about 1914, such as São Paulo's -03:06:28): RFC 3339
/// offsets are hours and minutes, so such an instant is written in UTC (`Z`), which names
/// the same instant, rather than with its offset cut to minutes, which would name another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Timestamp(DateTime<FixedOffset>);

impl Timestamp {
    /// Parses RFC 3339 text with an offset (`Z` counts as one).
    ///
    /// # Errors
    /// [`InputError::InvalidTime`] for anything else, a local time without an offset included;
    /// [`InputError::OutOfRange`] for an instant outside [`SUPPORTED_YEARS`] in UTC or in its
    /// offset (`0000-01-01T00:00:00Z`, or `9999-12-31T23:00:00-03:00`, which is in year
    /// 10000 in UTC).
    ///
    /// # Example
    /// ```
    /// let t = recourse_payments_base::calendar::Timestamp::parse("2026-03-06T17:00:00-03:00")?;
    /// assert_eq!(t.to_rfc3339(), "2026-03-06T17:00:00-03:00");
    /// # Ok::<(), recourse_payments_base::error::InputError>(())
    /// ```
    pub fn parse(text: &str) -> Result<Self, InputError> {
        DateTime::parse_from_rfc3339(text)
            .map(Self)
            .map_err(|_| InputError::InvalidTime)?
            .supported()
    }

    /// Whether the instant's date lies within [`SUPPORTED_YEARS`] both in UTC and in its
    /// offset, so that it can be written in RFC 3339 in either.
    pub fn is_supported(&self) -> bool {
        SUPPORTED_YEARS.contains(&self.0.year()) && SUPPORTED_YEARS.contains(&self.to_utc().year())
    }

    /// The instant itself when it [is supported](Timestamp::is_supported): what an answer
    /// computed from a request checks before it is written.
    ///
    /// # Errors
    /// [`InputError::OutOfRange`] otherwise.
    ///
    /// # Example
    /// ```
    /// use recourse_payments_base::calendar::Timestamp;
    /// let late = Timestamp::parse("9999-12-31T23:00:00Z")?;
    /// let later = Timestamp::from(late.to_utc() + chrono::Duration::hours(2));
    /// assert!(later.supported().is_err());
    /// assert_eq!(late.supported()?, late);
    /// # Ok::<(), recourse_payments_base::error::InputError>(())
    /// ```
    pub fn supported(self) -> Result<Self, InputError> {
        if self.is_supported() {
            Ok(self)
        } else {
            Err(InputError::OutOfRange)
        }
    }

    /// The instant as a chrono value with its offset.
    pub fn as_datetime(&self) -> DateTime<FixedOffset> {
        self.0
    }

    /// The instant in UTC.
    pub fn to_utc(&self) -> DateTime<Utc> {
        self.0.with_timezone(&Utc)
    }

    /// RFC 3339 text in the offset it was given in; `Z` for UTC, and in UTC when the offset
    /// is not a whole number of minutes (see [`Timestamp`]). Within [`SUPPORTED_YEARS`] the
    /// text always parses back to the same instant.
    ///
    /// # Example
    /// ```
    /// use chrono::{FixedOffset, TimeZone};
    /// use recourse_payments_base::calendar::Timestamp;
    /// // Noon in São Paulo on 1 June 1900, in local mean time (-03:06:28).
    /// let lmt = FixedOffset::west_opt(3 * 3600 + 6 * 60 + 28).ok_or("offset")?;
    /// let noon = lmt.with_ymd_and_hms(1900, 6, 1, 12, 0, 0).single().ok_or("instant")?;
    /// assert_eq!(Timestamp::from(noon).to_rfc3339(), "1900-06-01T15:06:28Z");
    /// # Ok::<(), Box<dyn std::error::Error>>(())
    /// ```
    pub fn to_rfc3339(&self) -> String {
        if self.0.offset().local_minus_utc() % 60 == 0 {
            self.0.to_rfc3339_opts(SecondsFormat::AutoSi, true)
        } else {
            self.to_utc().to_rfc3339_opts(SecondsFormat::AutoSi, true)
        }
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
    /// Anything but a string holding an RFC 3339 instant with its offset is a bad instant;
    /// one outside [`SUPPORTED_YEARS`] is out of range.
    fn decode(value: &serde_json::Value, at: &At<'_>) -> Result<Self, DecodeError> {
        value
            .as_str()
            .ok_or(InputError::InvalidTime)
            .and_then(Self::parse)
            .map_err(|e| DecodeError::coded(at, e))
    }

    #[cfg(feature = "direct-read")]
    fn read(reader: &mut crate::decode::Reader<'_>) -> Option<Self> {
        Self::parse(reader.string()?).ok()
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
            "description": "An RFC 3339 instant with an explicit offset, such as 2026-03-06T17:00:00-03:00, in the years 0001 to 9999 both in UTC and in its offset."
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
        assert!(
            e.starts_with("input.invalid at .: missing field `now`"),
            "{e}"
        );
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

    #[test]
    fn instants_outside_the_supported_years_are_out_of_range() {
        for text in [
            "0000-01-01T00:00:00Z",
            "0000-12-31T23:59:59Z",
            "0001-01-01T00:30:00+01:00", // 0000-12-31 in UTC
            "9999-12-31T23:00:00-03:00", // 10000-01-01 in UTC
            "9999-12-31T23:59:59-23:59",
        ] {
            assert_eq!(
                Timestamp::parse(text),
                Err(InputError::OutOfRange),
                "{text}"
            );
        }
        for text in [
            "0001-01-01T00:00:00Z",
            "0001-01-01T00:30:00-01:00",
            "9999-12-31T23:59:59Z",
            "9999-12-31T23:59:59.999999999+23:59",
        ] {
            let t = Timestamp::parse(text).unwrap();
            assert_eq!(Timestamp::parse(&t.to_rfc3339()), Ok(t), "{text}");
        }
        let e = serde_json::from_str::<WithNow>(r#"{"now": "0000-06-01T00:00:00Z"}"#)
            .unwrap_err()
            .to_string();
        assert!(e.contains("input.out_of_range"), "{e}");
    }

    #[test]
    fn an_offset_with_seconds_is_written_in_utc() {
        let lmt = FixedOffset::west_opt(3 * 3600 + 6 * 60 + 28).unwrap();
        let t = Timestamp::from(
            "1900-06-01T12:00:00"
                .parse::<chrono::NaiveDateTime>()
                .unwrap()
                .and_local_timezone(lmt)
                .unwrap(),
        );
        assert_eq!(t.to_rfc3339(), "1900-06-01T15:06:28Z");
        assert_eq!(t.to_string(), "1900-06-01T15:06:28Z");
        assert_eq!(Timestamp::parse(&t.to_rfc3339()), Ok(t));
        let whole = FixedOffset::east_opt(5 * 3600 + 30 * 60).unwrap();
        let t = Timestamp::from(t.as_datetime().with_timezone(&whole));
        assert_eq!(t.to_rfc3339(), "1900-06-01T20:36:28+05:30");
    }
}

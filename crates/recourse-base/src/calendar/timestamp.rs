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
        // The form nearly every instant is written in, read by hand; anything else (a
        // fraction, a lower-case `t`, a leap second, a date that does not exist) as chrono
        // reads it, which decides it and names its error.
        #[cfg(feature = "direct-read")]
        if let Some((instant, year)) = plain_rfc3339(text) {
            // Within a day of its own date, an instant of the years 2 to 9998 is in the
            // supported years in UTC too.
            return if (2..=9998).contains(&year) {
                Ok(Self(instant))
            } else {
                Self(instant).supported()
            };
        }
        Self::parse_chrono(text)
    }

    /// [`Timestamp::parse`] through chrono always: the reference the hand reading is
    /// tested against.
    fn parse_chrono(text: &str) -> Result<Self, InputError> {
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
        self.with_text(str::to_owned)
    }

    /// Calls `f` with [`Timestamp::to_rfc3339`]'s text, written on the stack when it can be.
    fn with_text<R>(&self, f: impl FnOnce(&str) -> R) -> R {
        #[cfg(feature = "direct-read")]
        {
            let mut buf = [0_u8; PLAIN_TEXT_MAX];
            if let Some(text) = plain_text(&self.written(), &mut buf) {
                return f(text);
            }
        }
        f(&self.chrono_text())
    }

    /// The instant as it is written: in its offset, or in UTC (see [`Timestamp`]).
    fn written(&self) -> DateTime<FixedOffset> {
        if self.0.offset().local_minus_utc() % 60 == 0 {
            self.0
        } else {
            self.0.with_timezone(&chrono::Offset::fix(&Utc))
        }
    }

    /// [`Timestamp::to_rfc3339`] through chrono always: the reference the hand writing is
    /// tested against, and the writer of leap seconds.
    fn chrono_text(&self) -> String {
        self.written().to_rfc3339_opts(SecondsFormat::AutoSi, true)
    }
}

/// The longest text [`plain_text`] writes: `YYYY-MM-DDTHH:MM:SS.nnnnnnnnn+HH:MM`.
#[cfg(feature = "direct-read")]
const PLAIN_TEXT_MAX: usize = 35;

/// `instant` in RFC 3339 as chrono writes it with `SecondsFormat::AutoSi` and `Z` for UTC
/// (a fraction of 3, 6 or 9 digits only when there is one), written by hand into `buf`;
/// `None` for a leap second, a year outside 0000 to 9999 or an offset that is not whole
/// minutes, which chrono writes.
#[cfg(feature = "direct-read")]
fn plain_text<'b>(
    instant: &DateTime<FixedOffset>,
    buf: &'b mut [u8; PLAIN_TEXT_MAX],
) -> Option<&'b str> {
    use chrono::Timelike;
    let local = instant.naive_local();
    let year = u32::try_from(local.year()).ok().filter(|y| *y <= 9999)?;
    let nanos = local.nanosecond();
    let offset = instant.offset().local_minus_utc();
    if nanos >= 1_000_000_000 || offset % 60 != 0 {
        return None;
    }
    let mut out = Digits { buf, len: 0 };
    out.number(year, 4);
    out.byte(b'-');
    out.number(local.month(), 2);
    out.byte(b'-');
    out.number(local.day(), 2);
    out.byte(b'T');
    out.number(local.hour(), 2);
    out.byte(b':');
    out.number(local.minute(), 2);
    out.byte(b':');
    out.number(local.second(), 2);
    let (fraction, width) = match nanos {
        0 => (0, 0),
        n if n % 1_000_000 == 0 => (n / 1_000_000, 3),
        n if n % 1_000 == 0 => (n / 1_000, 6),
        n => (n, 9),
    };
    if width > 0 {
        out.byte(b'.');
        out.number(fraction, width);
    }
    if offset == 0 {
        out.byte(b'Z');
    } else {
        out.byte(if offset < 0 { b'-' } else { b'+' });
        let minutes = offset.unsigned_abs() / 60;
        out.number(minutes / 60, 2);
        out.byte(b':');
        out.number(minutes % 60, 2);
    }
    let len = out.len;
    std::str::from_utf8(buf.get(..len)?).ok()
}

/// ASCII written into a fixed buffer (what does not fit is dropped; the callers' texts fit).
#[cfg(feature = "direct-read")]
struct Digits<'b> {
    buf: &'b mut [u8; PLAIN_TEXT_MAX],
    len: usize,
}

#[cfg(feature = "direct-read")]
impl Digits<'_> {
    fn byte(&mut self, b: u8) {
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    /// `n`'s last `width` decimal digits, zero-padded.
    fn number(&mut self, mut n: u32, width: u32) {
        let end = self.len + width as usize;
        for at in (self.len..end).rev() {
            if let Some(slot) = self.buf.get_mut(at) {
                *slot = b'0' + (n % 10) as u8;
            }
            n /= 10;
        }
        self.len = end.min(PLAIN_TEXT_MAX);
    }
}

/// `YYYY-MM-DDTHH:MM:SS` then `Z` or `±HH:MM`, every field in range: the instant it
/// names, as chrono reads it, and the year written. `None` for any other text, which
/// chrono then decides.
#[cfg(feature = "direct-read")]
fn plain_rfc3339(text: &str) -> Option<(DateTime<FixedOffset>, i32)> {
    use chrono::{NaiveDate, TimeZone};
    let (date, rest) = text.as_bytes().split_at_checked(10)?;
    let (time, zone) = rest.split_at_checked(9)?;
    let [y1, y2, y3, y4, b'-', mo1, mo2, b'-', d1, d2] = *date else {
        return None;
    };
    let [b'T', h1, h2, b':', mi1, mi2, b':', s1, s2] = *time else {
        return None;
    };
    let east = match *zone {
        [b'Z'] => 0,
        [sign @ (b'+' | b'-'), h1, h2, b':', m1, m2] => {
            let (hours, minutes) = (two_digits(h1, h2)?, two_digits(m1, m2)?);
            if hours > 23 || minutes > 59 {
                return None;
            }
            let seconds = i32::try_from((hours * 60 + minutes) * 60).ok()?;
            if sign == b'-' {
                -seconds
            } else {
                seconds
            }
        }
        _ => return None,
    };
    let year = i32::try_from(two_digits(y1, y2)? * 100 + two_digits(y3, y4)?).ok()?;
    let local = NaiveDate::from_ymd_opt(year, two_digits(mo1, mo2)?, two_digits(d1, d2)?)?
        .and_hms_opt(
            two_digits(h1, h2)?,
            two_digits(mi1, mi2)?,
            two_digits(s1, s2)?,
        )?;
    let instant = FixedOffset::east_opt(east)?
        .from_local_datetime(&local)
        .single()?;
    Some((instant, year))
}

/// Two ASCII digits as a number.
#[cfg(feature = "direct-read")]
fn two_digits(tens: u8, units: u8) -> Option<u32> {
    let digit = |b: u8| b.is_ascii_digit().then(|| u32::from(b - b'0'));
    Some(digit(tens)? * 10 + digit(units)?)
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
        self.with_text(|text| f.write_str(text))
    }
}

impl Serialize for Timestamp {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.with_text(|text| serializer.serialize_str(text))
    }
}

impl crate::canonical::Encode for Timestamp {
    fn encode(&self, out: &mut crate::canonical::Encoder) {
        // RFC 3339 text holds nothing JSON escapes.
        self.with_text(|text| {
            out.raw("\"");
            out.raw(text);
            out.raw("\"");
        });
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

    /// A two-digit field: mostly in `0..=max` (and a little beyond), sometimes anything.
    #[cfg(feature = "direct-read")]
    fn field(max: u32) -> proptest::strategy::BoxedStrategy<String> {
        use proptest::prelude::*;
        prop_oneof![
            8 => (0..=max + 2).prop_map(|n| format!("{n:02}")),
            1 => "[0-9]{2}",
            1 => "[0-9 +a-]{0,3}",
        ]
        .boxed()
    }

    /// Texts near RFC 3339 instants: most fields in range, some out of it, other forms
    /// chrono reads (fractions, `t`, `z`, leap seconds) and bytes of any kind.
    #[cfg(feature = "direct-read")]
    fn near_instants() -> impl proptest::strategy::Strategy<Value = String> {
        use proptest::prelude::*;
        let year = prop_oneof![
            8 => (0_u32..=9999).prop_map(|n| format!("{n:04}")),
            2 => prop::sample::select(vec!["0000", "0001", "9999", "1900", "2024", "2100"])
                .prop_map(str::to_owned),
            1 => "[0-9+-]{3,5}",
        ];
        let separator = || prop_oneof![12 => Just("-".to_owned()), 1 => "[-/ T:0]"];
        let t = prop_oneof![8 => Just("T".to_owned()), 1 => "[Tt_ ]"];
        let colon = || prop_oneof![12 => Just(":".to_owned()), 1 => "[:.0-]?"];
        let fraction = prop_oneof![8 => Just(String::new()), 1 => "\\.[0-9]{0,10}"];
        let zone = prop_oneof![
            3 => Just("Z".to_owned()),
            1 => Just("z".to_owned()),
            5 => ("[+-]", field(23), colon(), field(59)).prop_map(|(s, h, c, m)| s + &h + &c + &m),
            1 => "[+-Zz][0-9:]{0,6}",
        ];
        let date = (year, separator(), field(12), separator(), field(31));
        let time = (t, field(23), colon(), field(59), colon(), field(60));
        let tail = prop_oneof![12 => Just(String::new()), 1 => "\\PC{0,2}"];
        (date, time, fraction, zone, tail).prop_map(
            |((y, s1, mo, s2, d), (t, h, c1, mi, c2, sec), f, z, tail)| {
                [y, s1, mo, s2, d, t, h, c1, mi, c2, sec, f, z, tail].concat()
            },
        )
    }

    #[cfg(feature = "direct-read")]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The hand reading gives what chrono gives: the same instant in the same offset, or
        /// the same error.
        #[test]
        fn the_plain_reading_is_chronos(text in near_instants()) {
            let seen = |r: Result<Timestamp, InputError>| {
                r.map(|t| (t.0.naive_utc(), t.0.offset().local_minus_utc()))
            };
            proptest::prop_assert_eq!(
                seen(Timestamp::parse(&text)),
                seen(Timestamp::parse_chrono(&text)),
                "{:?}",
                text
            );
            if let Some((plain, _)) = plain_rfc3339(&text) {
                let chrono = DateTime::parse_from_rfc3339(&text).ok();
                proptest::prop_assert_eq!(
                    Some((plain.naive_utc(), plain.offset().local_minus_utc())),
                    chrono.map(|c| (c.naive_utc(), c.offset().local_minus_utc())),
                    "{:?}",
                    text
                );
            }
        }
    }

    /// Instants of any kind: every supported year and a little beyond, any offset (whole
    /// minutes or not), fractions of every width, leap seconds.
    #[cfg(feature = "direct-read")]
    fn any_instant() -> impl proptest::strategy::Strategy<Value = DateTime<FixedOffset>> {
        use chrono::{NaiveDate, TimeZone};
        use proptest::prelude::*;
        let nanos = prop_oneof![
            4 => Just(0_u32),
            1 => (0_u32..1000).prop_map(|m| m * 1_000_000),
            1 => (0_u32..1_000_000).prop_map(|u| u * 1000),
            1 => 0_u32..2_000_000_000,
        ];
        let offset = prop_oneof![
            4 => (-(24 * 60 - 1)..24 * 60_i32).prop_map(|m| m * 60),
            1 => -86_399..86_400_i32,
        ];
        (-1..=10_000_i32, 1..=366_u32, 0..86_400_u32, nanos, offset).prop_filter_map(
            "a real instant",
            |(year, day, second, nanos, offset)| {
                let date = NaiveDate::from_yo_opt(year, day)?;
                let time = chrono::NaiveTime::from_num_seconds_from_midnight_opt(second, nanos)?;
                let zone = FixedOffset::east_opt(offset)?;
                zone.from_local_datetime(&date.and_time(time)).single()
            },
        )
    }

    #[cfg(feature = "direct-read")]
    proptest::proptest! {
        #![proptest_config(proptest::prelude::ProptestConfig::with_cases(20_000))]

        /// The hand writing gives chrono's text, byte for byte, wherever it writes at all.
        #[test]
        fn the_plain_writing_is_chronos(instant in any_instant()) {
            let t = Timestamp(instant);
            proptest::prop_assert_eq!(t.to_rfc3339(), t.chrono_text());
            let mut buf = [0_u8; PLAIN_TEXT_MAX];
            let year = t.written().year();
            let leap = instant.timestamp_subsec_nanos() >= 1_000_000_000;
            let plain = plain_text(&t.written(), &mut buf).is_some();
            proptest::prop_assert_eq!(plain, (0..=9999).contains(&year) && !leap);
        }
    }

    /// Every common form reads by hand, and the rare ones are still read by chrono.
    #[cfg(feature = "direct-read")]
    #[test]
    fn the_plain_form_is_read_by_hand() {
        for text in [
            "2026-03-06T17:00:00-03:00",
            "2026-03-06T17:00:00Z",
            "2024-02-29T23:59:59+14:00",
            "0000-01-01T00:00:00-00:00",
        ] {
            assert!(plain_rfc3339(text).is_some(), "{text}");
        }
        for text in [
            "2026-03-06t17:00:00Z",
            "2026-03-06T17:00:00.5Z",
            "2026-03-06T23:59:60Z",
            "2023-02-29T00:00:00Z",
            "2026-03-06T17:00:00+24:00",
            "2026-03-06T17:00:00z",
            "2026-03-06 17:00:00Z",
        ] {
            assert!(plain_rfc3339(text).is_none(), "{text}");
            assert_eq!(
                Timestamp::parse(text).map(|t| t.to_rfc3339()),
                Timestamp::parse_chrono(text).map(|t| t.to_rfc3339()),
                "{text}"
            );
        }
    }
}

//! IANA time zones from a compact database embedded in the library.
//!
//! The database (`tzdb.bin`, built from the IANA tz database by the test
//! `tests/zone_data.rs`, which also checks it has not drifted) keeps, for every zone, its
//! UTC offsets and the instants they change, from the first recorded change to 2100; after
//! the last change the last offset holds. A run of changes that follows a yearly rule ("last
//! Sunday of March at 01:00 UTC") is kept as that rule, not as the list of its instants.
//! Links (`Europe/Lisbon` and `Portugal`) share their data and keep their own names.
//!
//! [`Zone`] implements [`chrono::TimeZone`], so `instant.with_timezone(&zone)` and
//! `zone.from_local_datetime(&local)` work as with any chrono time zone. Every lookup reads
//! the embedded bytes directly: nothing is cached, nothing allocated, nothing can panic.
//!
//! ```
//! use chrono::{MappedLocalTime, NaiveDate, Offset, TimeZone};
//! use recourse_payments_base::calendar::Zone;
//!
//! let lisbon: Zone = "Europe/Lisbon".parse()?;
//! let summer = NaiveDate::from_ymd_opt(2026, 7, 1)
//!     .and_then(|d| d.and_hms_opt(12, 0, 0))
//!     .ok_or("bad date")?;
//! let offset = lisbon.offset_from_utc_datetime(&summer).fix();
//! assert_eq!(offset.local_minus_utc(), 3600);
//! // 29 March 2026, 01:30 does not exist in Lisbon: clocks go from 01:00 to 02:00.
//! let gap = NaiveDate::from_ymd_opt(2026, 3, 29)
//!     .and_then(|d| d.and_hms_opt(1, 30, 0))
//!     .ok_or("bad date")?;
//! assert!(matches!(lisbon.from_local_datetime(&gap), MappedLocalTime::None));
//! let after = lisbon.gap_end(&gap).ok_or("not in a gap")?;
//! assert_eq!(after.to_rfc3339(), "2026-03-29T02:00:00+01:00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

use std::fmt;
use std::str::FromStr;

use chrono::{
    DateTime, FixedOffset, MappedLocalTime, NaiveDate, NaiveDateTime, NaiveTime, Offset, TimeZone,
    Utc,
};

use super::CalendarError;

/// The embedded database. Layout (integers little-endian, varints LEB128, signed varints
/// zigzag; a "timed" value is the signed varint of `seconds / unit << 2 | unit`, unit
/// 0..=3 = 1 s, 1 min, 15 min, 1 h):
///
/// ```text
/// "RZDB" | u16 names | u16 records | u8 len, version | names × (u16 name end, u16 record)
///        | records × u32 record start | names text | records
/// record: u8 n, n × timed offset | u8 initial offset index
///       | u8 segments | varint directory length | directory | explicit bodies
/// directory entry: varint count << 1 | kind
///   kind 0 (list): timed first instant, varint body length, u8 last offset index
///   kind 1 (yearly rule): varint first year, 2 × (u16 month | day << 4 | weekday << 9
///                         | year delta << 12 | offset index << 13, timed time of day),
///                         day 0 meaning "the last"
/// list body: count × varint (delta / unit) << 5 | unit << 3 | offset index,
///            unit 0..=3 = 1 s, 1 min, 15 min, 1 h; the first delta is from the first instant
/// ```
///
/// Rule change `k` of a yearly rule segment is rule `k % 2` in year
/// `first year + k / 2 + its year delta`: on the rule's weekday on or after its day of its
/// month (or the last such weekday), `time` seconds after 00:00 UTC of that date.
static DATA: &[u8] = include_bytes!("tzdb.bin");

const MAGIC: &[u8] = b"RZDB";
const DAY: i64 = 86_400;
const UNITS: [i64; 4] = [1, 60, 900, 3600];
/// More changes than any zone has in one segment (a record saying otherwise is malformed).
const MAX_SEGMENT_CHANGES: u64 = 100_000;

/// An IANA time zone such as `America/Sao_Paulo`, from the embedded database.
///
/// Parsed from its name (exact case, links and old names included, as in the IANA
/// database); [`Zone::name`] gives that name back. Implements [`chrono::TimeZone`].
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Zone(u16);

/// The offset of a [`Zone`] at some instant (the [`chrono::TimeZone::Offset`] of a zone).
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct ZoneOffset {
    zone: Zone,
    offset: FixedOffset,
}

impl ZoneOffset {
    /// The zone this offset belongs to.
    pub fn zone(&self) -> Zone {
        self.zone
    }
}

impl Offset for ZoneOffset {
    fn fix(&self) -> FixedOffset {
        self.offset
    }
}

impl fmt::Debug for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(&self.offset, f)
    }
}

impl fmt::Display for ZoneOffset {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Display::fmt(&self.offset, f)
    }
}

impl fmt::Debug for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_tuple("Zone").field(&self.name()).finish()
    }
}

impl fmt::Display for Zone {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl FromStr for Zone {
    type Err = CalendarError;

    /// # Errors
    /// [`CalendarError::UnknownTimeZone`] when the database has no zone of that name.
    fn from_str(name: &str) -> Result<Self, Self::Err> {
        Self::from_name(name).ok_or(CalendarError::UnknownTimeZone)
    }
}

impl Default for Zone {
    /// `UTC`.
    fn default() -> Self {
        Self::utc()
    }
}

impl Zone {
    /// The zone of that exact IANA name (`America/Sao_Paulo`, `Etc/GMT+3`, `UTC`), if the
    /// database has one.
    pub fn from_name(name: &str) -> Option<Self> {
        let header = Header::read()?;
        let (mut lo, mut hi) = (0usize, usize::from(header.names));
        while lo < hi {
            let mid = lo + (hi - lo) / 2;
            let probe = header.name(mid)?;
            match probe.cmp(name) {
                std::cmp::Ordering::Less => lo = mid + 1,
                std::cmp::Ordering::Greater => hi = mid,
                std::cmp::Ordering::Equal => return u16::try_from(mid).ok().map(Self),
            }
        }
        None
    }

    /// `UTC`.
    pub fn utc() -> Self {
        Self::from_name("UTC").unwrap_or(Self(0))
    }

    /// The zone's IANA name, as parsed.
    pub fn name(&self) -> &'static str {
        Header::read()
            .and_then(|h| h.name(usize::from(self.0)))
            .unwrap_or("")
    }

    /// Every zone of the database, in name order.
    pub fn all() -> impl Iterator<Item = Zone> {
        let count = Header::read().map_or(0, |h| h.names);
        (0..count).map(Self)
    }

    /// The version of the IANA tz database the zones come from, such as `2025b`.
    pub fn tzdb_version() -> &'static str {
        Header::read().map_or("", |h| h.version)
    }

    /// The first instant after the DST gap (or other forward change) that the local time
    /// `local` falls in; `None` when `local` exists in the zone.
    pub fn gap_end(&self, local: &NaiveDateTime) -> Option<DateTime<Zone>> {
        let x = local.and_utc().timestamp();
        let window = self.window(x)?;
        if window.containing(x).0 > 0 {
            return None;
        }
        let begin = window.next_begin(x)?;
        let begin = DateTime::from_timestamp(begin, 0)?.naive_utc();
        self.from_local_datetime(&begin).single()
    }

    fn record(&self) -> Option<Record> {
        Record::read(Header::read()?.record_of(usize::from(self.0))?)
    }

    fn offset(&self, seconds: i32) -> ZoneOffset {
        ZoneOffset {
            zone: *self,
            offset: fixed(seconds),
        }
    }

    /// The offset in effect at the UTC instant `t` (seconds since the epoch).
    fn offset_at(&self, t: i64) -> i32 {
        self.record()
            .and_then(|r| Walk::start(r, t))
            .map_or(0, |w| w.offset)
    }

    /// The offset before `x - DAY` and the changes up to `x + DAY`: enough to map the local
    /// time `x`, as no offset reaches a day.
    fn window(&self, x: i64) -> Option<Window> {
        let (lo, hi) = (x.checked_sub(DAY)?, x.checked_add(DAY)?);
        let mut walk = Walk::start(self.record()?, lo)?;
        let mut window = Window {
            first: walk.offset,
            changes: [(0, 0); 4],
            len: 0,
        };
        while let Some((t, offset)) = walk.next() {
            if t > hi {
                break;
            }
            let slot = window.changes.get_mut(window.len)?;
            *slot = (t, offset);
            window.len += 1;
        }
        Some(window)
    }

    fn local(&self, x: i64) -> MappedLocalTime<ZoneOffset> {
        let Some(window) = self.window(x) else {
            return MappedLocalTime::None;
        };
        match window.containing(x) {
            (0, _, _) => MappedLocalTime::None,
            (1, a, _) => MappedLocalTime::Single(self.offset(a)),
            (_, a, b) => MappedLocalTime::Ambiguous(self.offset(a), self.offset(b)),
        }
    }
}

impl TimeZone for Zone {
    type Offset = ZoneOffset;

    fn from_offset(offset: &ZoneOffset) -> Self {
        offset.zone
    }

    fn offset_from_local_date(&self, local: &NaiveDate) -> MappedLocalTime<ZoneOffset> {
        // A date maps to one offset whenever some time of that day exists, as before.
        let earliest = self.offset_from_local_datetime(&local.and_time(NaiveTime::MIN));
        let latest = match NaiveTime::from_hms_opt(23, 59, 59) {
            Some(t) => self.offset_from_local_datetime(&local.and_time(t)),
            None => MappedLocalTime::None,
        };
        match (earliest, latest) {
            (result @ MappedLocalTime::Single(_), _) | (_, result @ MappedLocalTime::Single(_)) => {
                result
            }
            (MappedLocalTime::Ambiguous(offset, _), _)
            | (_, MappedLocalTime::Ambiguous(offset, _)) => MappedLocalTime::Single(offset),
            (MappedLocalTime::None, MappedLocalTime::None) => MappedLocalTime::None,
        }
    }

    fn offset_from_local_datetime(&self, local: &NaiveDateTime) -> MappedLocalTime<ZoneOffset> {
        self.local(local.and_utc().timestamp())
    }

    fn offset_from_utc_date(&self, utc: &NaiveDate) -> ZoneOffset {
        self.offset_from_utc_datetime(&utc.and_time(NaiveTime::MIN))
    }

    fn offset_from_utc_datetime(&self, utc: &NaiveDateTime) -> ZoneOffset {
        self.offset(self.offset_at(utc.and_utc().timestamp()))
    }
}

/// A zone's changes decoded once, for a compiled calendar that looks its zone up many
/// times: the same answers as [`Zone`], by bisection.
#[derive(Clone, PartialEq, Eq)]
pub struct ZoneRules {
    initial: i32,
    changes: Vec<(i64, i32)>,
}

impl fmt::Debug for ZoneRules {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "ZoneRules({} changes)", self.changes.len())
    }
}

impl ZoneRules {
    /// Every change of `zone`.
    pub fn of(zone: Zone) -> Self {
        let Some(mut walk) = zone.record().and_then(|r| Walk::start(r, i64::MIN)) else {
            return Self {
                initial: 0,
                changes: Vec::new(),
            };
        };
        let initial = walk.offset;
        let mut changes = Vec::with_capacity(walk.changes_left());
        while let Some(change) = walk.next() {
            changes.push(change);
        }
        Self { initial, changes }
    }

    /// The offset in effect at the UTC instant `t`.
    pub fn offset_at(&self, t: DateTime<Utc>) -> FixedOffset {
        let t = t.timestamp();
        let after = self.changes.partition_point(|&(when, _)| when <= t);
        let seconds = match after.checked_sub(1) {
            Some(last) => self.changes.get(last).map_or(self.initial, |c| c.1),
            None => self.initial,
        };
        fixed(seconds)
    }

    fn window(&self, x: i64) -> Option<Window> {
        let (lo, hi) = (x.checked_sub(DAY)?, x.checked_add(DAY)?);
        let after = self.changes.partition_point(|&(when, _)| when <= lo);
        let first = match after.checked_sub(1) {
            Some(last) => self.changes.get(last).map_or(self.initial, |c| c.1),
            None => self.initial,
        };
        let mut window = Window {
            first,
            changes: [(0, 0); 4],
            len: 0,
        };
        for &(t, offset) in self.changes.get(after..).unwrap_or(&[]) {
            if t > hi {
                break;
            }
            *window.changes.get_mut(window.len)? = (t, offset);
            window.len += 1;
        }
        Some(window)
    }

    /// The instants the local time `local` stands for, as [`Zone`]'s
    /// `from_local_datetime` gives them.
    pub fn map_local(&self, local: &NaiveDateTime) -> MappedLocalTime<DateTime<Utc>> {
        let x = local.and_utc().timestamp();
        let Some(window) = self.window(x) else {
            return MappedLocalTime::None;
        };
        let at = |offset: i32| {
            local
                .checked_sub_offset(fixed(offset))
                .map(|utc| utc.and_utc())
        };
        match window.containing(x) {
            (0, _, _) => MappedLocalTime::None,
            (1, a, _) => at(a).map_or(MappedLocalTime::None, MappedLocalTime::Single),
            (_, a, b) => match (at(a), at(b)) {
                (Some(a), Some(b)) => MappedLocalTime::Ambiguous(a, b),
                _ => MappedLocalTime::None,
            },
        }
    }

    /// The first instant after the gap the local time `local` falls in, as
    /// [`Zone::gap_end`] gives it.
    pub fn gap_end(&self, local: &NaiveDateTime) -> Option<DateTime<Utc>> {
        let x = local.and_utc().timestamp();
        let window = self.window(x)?;
        if window.containing(x).0 > 0 {
            return None;
        }
        let begin = DateTime::from_timestamp(window.next_begin(x)?, 0)?.naive_utc();
        self.map_local(&begin).single()
    }
}

fn fixed(seconds: i32) -> FixedOffset {
    FixedOffset::east_opt(seconds).unwrap_or_else(|| Utc.fix())
}

/// The offsets around a local time: `first` before the window, then up to four changes.
struct Window {
    first: i32,
    changes: [(i64, i32); 4],
    len: usize,
}

impl Window {
    fn changes(&self) -> &[(i64, i32)] {
        self.changes.get(..self.len).unwrap_or(&[])
    }

    /// How many spans contain the local time `x`, and the offsets of the first two, in
    /// order. The first span's start and the last span's end lie beyond the window, which
    /// no local time of `x` can reach.
    fn containing(&self, x: i64) -> (usize, i32, i32) {
        let (mut n, mut a, mut b) = (0, 0, 0);
        let (mut start, mut offset) = (None, self.first);
        let changes = self.changes();
        for i in 0..=changes.len() {
            let next = changes.get(i).copied();
            let utc = x - i64::from(offset);
            if start.is_none_or(|s| s <= utc) && next.is_none_or(|(end, _)| utc < end) {
                match n {
                    0 => a = offset,
                    1 => b = offset,
                    _ => {}
                }
                n += 1;
            }
            if let Some((t, o)) = next {
                (start, offset) = (Some(t), o);
            }
        }
        (n, a, b)
    }

    /// The local time at which the first span beginning after the local time `x` begins.
    fn next_begin(&self, x: i64) -> Option<i64> {
        self.changes()
            .iter()
            .map(|&(t, offset)| t.saturating_add(i64::from(offset)))
            .find(|&begin| begin > x)
    }
}

/// The fixed header of the database.
struct Header {
    names: u16,
    records: u16,
    version: &'static str,
    name_index: &'static [u8],
    record_index: &'static [u8],
    names_text: &'static [u8],
    records_data: &'static [u8],
}

impl Header {
    fn read() -> Option<Self> {
        let mut r = Reader::new(DATA);
        if r.take(MAGIC.len())? != MAGIC {
            return None;
        }
        let names = r.u16()?;
        let records = r.u16()?;
        let version_len = usize::from(r.u8()?);
        let version = std::str::from_utf8(r.take(version_len)?).ok()?;
        let name_index = r.take(usize::from(names) * 4)?;
        let record_index = r.take(usize::from(records) * 4)?;
        let names_end = match usize::from(names).checked_sub(1) {
            Some(last) => usize::from(u16_at(name_index, last * 4)?),
            None => 0,
        };
        let names_text = r.take(names_end)?;
        Some(Self {
            names,
            records,
            version,
            name_index,
            record_index,
            names_text,
            records_data: r.rest(),
        })
    }

    fn name(&self, i: usize) -> Option<&'static str> {
        let end = usize::from(u16_at(self.name_index, i * 4)?);
        let start = match i.checked_sub(1) {
            Some(prev) => usize::from(u16_at(self.name_index, prev * 4)?),
            None => 0,
        };
        std::str::from_utf8(self.names_text.get(start..end)?).ok()
    }

    fn record_of(&self, i: usize) -> Option<&'static [u8]> {
        let record = usize::from(u16_at(self.name_index, i * 4 + 2)?);
        if record >= usize::from(self.records) {
            return None;
        }
        let at = self.record_index.get(record * 4..record * 4 + 4)?;
        let start = u32::from_le_bytes(at.try_into().ok()?);
        self.records_data.get(usize::try_from(start).ok()?..)
    }
}

fn u16_at(bytes: &[u8], at: usize) -> Option<u16> {
    Some(u16::from_le_bytes(bytes.get(at..at + 2)?.try_into().ok()?))
}

/// A cursor over bytes; every read is checked.
#[derive(Clone)]
struct Reader {
    bytes: &'static [u8],
}

impl Reader {
    fn new(bytes: &'static [u8]) -> Self {
        Self { bytes }
    }

    fn take(&mut self, n: usize) -> Option<&'static [u8]> {
        let (head, rest) = (self.bytes.get(..n)?, self.bytes.get(n..)?);
        self.bytes = rest;
        Some(head)
    }

    fn rest(&self) -> &'static [u8] {
        self.bytes
    }

    fn u8(&mut self) -> Option<u8> {
        self.take(1)?.first().copied()
    }

    fn u16(&mut self) -> Option<u16> {
        Some(u16::from_le_bytes(self.take(2)?.try_into().ok()?))
    }

    fn varint(&mut self) -> Option<u64> {
        let mut value = 0u64;
        for shift in (0..64).step_by(7) {
            let byte = self.u8()?;
            value |= u64::from(byte & 0x7f).checked_shl(shift)?;
            if byte & 0x80 == 0 {
                return Some(value);
            }
        }
        None
    }

    /// A signed varint `seconds / unit << 2 | unit`, as seconds.
    fn timed(&mut self) -> Option<i64> {
        let v = self.svarint()?;
        let unit = UNITS.get(usize::try_from(v.rem_euclid(4)).ok()?)?;
        v.div_euclid(4).checked_mul(*unit)
    }

    fn svarint(&mut self) -> Option<i64> {
        let v = self.varint()?;
        Some(((v >> 1) as i64) ^ -((v & 1) as i64))
    }
}

/// A zone's record: its offsets and the directory of its segments.
#[derive(Clone)]
struct Record {
    offsets: [i32; 16],
    initial: u8,
    segments: u8,
    directory: Reader,
    bodies: Reader,
}

impl Record {
    fn read(bytes: &'static [u8]) -> Option<Self> {
        let mut r = Reader::new(bytes);
        let n = usize::from(r.u8()?);
        let mut offsets = [0i32; 16];
        for slot in offsets.get_mut(..n)? {
            *slot = i32::try_from(r.timed()?).ok()?;
        }
        let initial = r.u8()?;
        let segments = r.u8()?;
        let dir_len = usize::try_from(r.varint()?).ok()?;
        let directory = Reader::new(r.take(dir_len)?);
        Some(Self {
            offsets,
            initial,
            segments,
            directory,
            bodies: r,
        })
    }

    fn offset(&self, index: u8) -> Option<i32> {
        self.offsets.get(usize::from(index)).copied()
    }
}

/// One yearly rule of a rule segment.
#[derive(Clone, Copy)]
struct Rule {
    month: u8,
    day: u8,
    weekday: u8,
    year_delta: u8,
    offset: u8,
    time: i64,
}

impl Rule {
    fn read(r: &mut Reader) -> Option<Self> {
        let packed = r.u16()?;
        let time = r.timed()?;
        if time.abs() > 7 * DAY {
            return None;
        }
        Some(Self {
            month: (packed & 0xf) as u8,
            day: ((packed >> 4) & 0x1f) as u8,
            weekday: ((packed >> 9) & 7) as u8,
            year_delta: ((packed >> 12) & 1) as u8,
            offset: (packed >> 13) as u8,
            time,
        })
    }

    /// The instant of this rule's change in `year`.
    fn instant(&self, year: i64) -> i64 {
        let (month, weekday) = (i64::from(self.month), i64::from(self.weekday));
        let date = if self.day == 0 {
            let last = if month >= 12 {
                days_from_civil(year + 1, 1, 1)
            } else {
                days_from_civil(year, month + 1, 1)
            } - 1;
            last - (weekday_of(last) - weekday).rem_euclid(7)
        } else {
            let first = days_from_civil(year, month, i64::from(self.day));
            first + (weekday - weekday_of(first)).rem_euclid(7)
        };
        date * DAY + self.time
    }
}

/// Days since 1970-01-01 of a proleptic Gregorian date (days past the month's end roll on).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let shifted_month = if month > 2 { month - 3 } else { month + 9 };
    let day_of_year = (153 * shifted_month + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// 0 = Monday … 6 = Sunday.
fn weekday_of(days: i64) -> i64 {
    (days + 3).rem_euclid(7)
}

/// The segment being walked.
enum Segment {
    List {
        body: Reader,
        left: u64,
        last: i64,
    },
    Rules {
        year: i64,
        rules: [Rule; 2],
        next: u64,
        count: u64,
    },
    Done,
}

/// A directory entry.
struct Entry {
    first: i64,
    count: u64,
    kind: EntryKind,
}

enum EntryKind {
    List { body_len: usize, last_offset: u8 },
    Rules { year: i64, rules: [Rule; 2] },
}

impl Entry {
    fn read(r: &mut Reader) -> Option<Self> {
        let head = r.varint()?;
        let count = head >> 1;
        // Bounds that keep every later computation far from overflow.
        if count > MAX_SEGMENT_CHANGES {
            return None;
        }
        Some(if head & 1 == 0 {
            Self {
                first: r.timed()?,
                count,
                kind: EntryKind::List {
                    body_len: usize::try_from(r.varint()?).ok()?,
                    last_offset: r.u8()?,
                },
            }
        } else {
            let year = i64::try_from(r.varint()?).ok().filter(|y| *y <= 9999)?;
            let rules = [Rule::read(r)?, Rule::read(r)?];
            Self {
                first: rule_change(year, &rules, 0).0,
                count,
                kind: EntryKind::Rules { year, rules },
            }
        })
    }

    /// The offset index in effect after the segment's last change.
    fn last_offset(&self) -> u8 {
        match &self.kind {
            EntryKind::List { last_offset, .. } => *last_offset,
            EntryKind::Rules { rules: [a, b], .. } => {
                if self.count % 2 == 1 {
                    a.offset
                } else {
                    b.offset
                }
            }
        }
    }
}

/// Change `k` of a yearly rule segment: its instant and offset index.
fn rule_change(year: i64, rules: &[Rule; 2], k: u64) -> (i64, u8) {
    let [a, b] = rules;
    let rule = if k % 2 == 0 { a } else { b };
    let cycle = i64::try_from(k / 2).unwrap_or(0);
    (
        rule.instant(year + cycle + i64::from(rule.year_delta)),
        rule.offset,
    )
}

/// A forward walk through a zone's changes from some instant on.
struct Walk {
    record: Record,
    /// The offset (seconds) in effect at the starting instant, then after each change.
    offset: i32,
    directory: Reader,
    entries_left: u8,
    bodies: Reader,
    segment: Segment,
    /// A change read ahead and not yet given.
    ahead: Option<(i64, u8)>,
}

impl Walk {
    /// A walk positioned at the UTC instant `t`: `offset` is the offset at `t` and
    /// [`Walk::next`] gives the changes after `t`.
    fn start(record: Record, t: i64) -> Option<Self> {
        let mut walk = Self {
            offset: record.offset(record.initial)?,
            directory: record.directory.clone(),
            entries_left: record.segments,
            bodies: record.bodies.clone(),
            segment: Segment::Done,
            ahead: None,
            record,
        };
        while let Some((entry, after)) = walk.peek_entry() {
            if entry.first > t {
                break;
            }
            walk.directory = after;
            walk.entries_left -= 1;
            if walk.peek_entry().is_some_and(|(next, _)| next.first <= t) {
                if let EntryKind::List { body_len, .. } = entry.kind {
                    walk.bodies.take(body_len)?;
                }
                walk.offset = walk.record.offset(entry.last_offset())?;
                continue;
            }
            walk.enter(&entry, Some(t))?;
            while let Some((when, index)) = walk.step()? {
                if when > t {
                    walk.ahead = Some((when, index));
                    break;
                }
                walk.offset = walk.record.offset(index)?;
            }
            break;
        }
        Some(walk)
    }

    /// How many changes the segments not yet entered hold.
    fn changes_left(&self) -> usize {
        let mut directory = self.directory.clone();
        let mut total = 0usize;
        for _ in 0..self.entries_left {
            let Some(entry) = Entry::read(&mut directory) else {
                break;
            };
            total = total.saturating_add(usize::try_from(entry.count).unwrap_or(0));
        }
        total
    }

    fn peek_entry(&self) -> Option<(Entry, Reader)> {
        if self.entries_left == 0 {
            return None;
        }
        let mut dir = self.directory.clone();
        Entry::read(&mut dir).map(|e| (e, dir))
    }

    /// Makes `entry` the current segment; a rule segment skips its changes up to `t`.
    fn enter(&mut self, entry: &Entry, t: Option<i64>) -> Option<()> {
        self.segment = match entry.kind {
            EntryKind::List { body_len, .. } => Segment::List {
                body: Reader::new(self.bodies.take(body_len)?),
                left: entry.count,
                last: entry.first,
            },
            EntryKind::Rules { year, rules } => {
                let mut next = 0;
                if let Some(t) = t {
                    // The number of changes at or before `t`, by bisection.
                    let (mut lo, mut hi) = (0, entry.count);
                    while lo < hi {
                        let mid = lo + (hi - lo) / 2;
                        if rule_change(year, &rules, mid).0 <= t {
                            lo = mid + 1;
                        } else {
                            hi = mid;
                        }
                    }
                    next = lo;
                    if let Some(last) = lo.checked_sub(1) {
                        self.offset = self.record.offset(rule_change(year, &rules, last).1)?;
                    }
                }
                Segment::Rules {
                    year,
                    rules,
                    next,
                    count: entry.count,
                }
            }
        };
        Some(())
    }

    /// The next change of the current segment: `Some(None)` at its end, `None` when the
    /// record is malformed.
    fn step(&mut self) -> Option<Option<(i64, u8)>> {
        match &mut self.segment {
            Segment::List { body, left, last } => {
                if *left == 0 {
                    return Some(None);
                }
                *left -= 1;
                let v = body.varint()?;
                let unit = UNITS.get(usize::try_from((v >> 3) & 3).ok()?)?;
                let delta = i64::try_from(v >> 5).ok()?.checked_mul(*unit)?;
                *last = last.checked_add(delta)?;
                Some(Some((*last, (v & 7) as u8)))
            }
            Segment::Rules {
                year,
                rules,
                next,
                count,
            } => {
                if *next >= *count {
                    return Some(None);
                }
                let change = rule_change(*year, rules, *next);
                *next += 1;
                Some(Some(change))
            }
            Segment::Done => Some(None),
        }
    }

    /// The next change after the walk's position, as (instant, offset seconds).
    fn next(&mut self) -> Option<(i64, i32)> {
        loop {
            let change = match self.ahead.take() {
                Some(change) => Some(change),
                None => self.step()?,
            };
            if let Some((t, index)) = change {
                self.offset = self.record.offset(index)?;
                return Some((t, self.offset));
            }
            let (entry, after) = self.peek_entry()?;
            self.directory = after;
            self.entries_left -= 1;
            self.enter(&entry, None)?;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Walks every zone's whole record: a malformed or truncated record, a change out of
    /// order or an offset of a day or more fails here, whatever chrono-tz says.
    #[test]
    fn every_record_decodes_to_the_end() {
        let header = Header::read().expect("header");
        assert!(header.names > 500, "every IANA zone");
        let mut previous_name = "";
        for zone in Zone::all() {
            let name = zone.name();
            assert!(name > previous_name, "names sorted and distinct");
            previous_name = name;
            assert_eq!(Zone::from_name(name), Some(zone));
            let record = zone.record().expect("record");
            let mut walk = Walk::start(record, i64::MIN).expect("walk");
            assert!(walk.offset.abs() < 86_400);
            let mut last = i64::MIN;
            while let Some((t, offset)) = walk.next() {
                assert!(t > last, "{name}: changes in order");
                assert!(offset.abs() < 86_400, "{name}: offset under a day");
                last = t;
            }
            assert_eq!(walk.entries_left, 0, "{name}: every segment read");
            assert!(
                matches!(walk.step(), Some(None)),
                "{name}: last segment read"
            );
            assert!(last < 4_200_000_000, "{name}: no change after 2100");
        }
    }

    /// The decoded rules answer as the zone does around every change (where answers can
    /// change at all) of every zone.
    #[test]
    fn decoded_rules_answer_as_the_zone() {
        let mut seen: Vec<ZoneRules> = Vec::new();
        for zone in Zone::all() {
            let rules = ZoneRules::of(zone);
            if seen.contains(&rules) {
                continue; // a link: the same data as a zone already tried
            }
            seen.push(rules.clone());
            let mut before = rules.initial;
            for &(t, offset) in &rules.changes {
                for dt in [-1, 0, 1] {
                    let at = DateTime::from_timestamp(t + dt, 0).expect("instant");
                    assert_eq!(
                        rules.offset_at(at),
                        zone.offset_from_utc_datetime(&at.naive_utc()).fix()
                    );
                }
                for edge in [t + i64::from(before), t + i64::from(offset)] {
                    for dx in [-1, 0, 1] {
                        let local = DateTime::from_timestamp(edge + dx, 0)
                            .expect("instant")
                            .naive_utc();
                        assert_eq!(
                            rules.map_local(&local),
                            zone.from_local_datetime(&local).map(|d| d.to_utc()),
                            "{} {local}",
                            zone.name()
                        );
                        assert_eq!(
                            rules.gap_end(&local),
                            zone.gap_end(&local).map(|d| d.to_utc())
                        );
                    }
                }
                before = offset;
            }
        }
    }

    #[test]
    fn yearly_rules_fall_on_their_weekday() {
        // Last Sunday of March 2026 is the 29th; the first Sunday on or after 8 March 2026
        // is the 8th; both at 01:00 UTC.
        let rule = |day| Rule {
            month: 3,
            day,
            weekday: 6,
            year_delta: 0,
            offset: 0,
            time: 3600,
        };
        assert_eq!(rule(0).instant(2026), 1_774_746_000);
        assert_eq!(rule(8).instant(2026), 1_772_931_600);
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(weekday_of(0), 3);
    }

    #[test]
    fn a_bad_database_gives_no_answer_rather_than_a_wrong_one() {
        assert!(Record::read(&[]).is_none());
        assert!(Record::read(&[9]).is_none());
        let mut r = Reader::new(&[0xff, 0xff, 0xff]);
        assert!(r.varint().is_none());
    }
}

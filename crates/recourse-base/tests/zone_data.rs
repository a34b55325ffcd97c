//! The embedded time-zone database (`src/calendar/zone/tzdb.bin`) against its source of
//! truth, chrono-tz (a dev-dependency pinned to one version): the blob is rebuilt from
//! chrono-tz's transition tables and must equal the checked-in one (`RECOURSE_BLESS=1`
//! rewrites it), and every zone must give chrono-tz's answers: offsets at every change,
//! local times around every change (existing, ambiguous or in a gap, and where a gap
//! ends), and random instants and local times.
//!
//! chrono-tz keeps its tables private, so they are read from its source: the generated
//! `src/prebuilt/timezones.rs` of the pinned version in Cargo's registry.

// The generator and the test helpers outside `#[test]` functions index, expect and panic
// like the tests do.
#![allow(
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::OnceLock;

use chrono::{
    DateTime, Datelike, Days, MappedLocalTime, NaiveDate, NaiveDateTime, Offset, TimeZone,
};
use chrono_tz::Tz;
use proptest::prelude::*;
use recourse_payments_base::calendar::Zone;

/// Must match the `=` version of the chrono-tz dev-dependency.
const CHRONO_TZ_VERSION: &str = "0.10.4";
const BLOB: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/src/calendar/zone/tzdb.bin");

/// A zone as chrono-tz has it: the first total offset and every (instant, total offset)
/// of its table, changes that keep the total offset included.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
struct Table {
    first: i32,
    rest: Vec<(i64, i32)>,
}

struct Source {
    /// Every zone by IANA name.
    zones: BTreeMap<String, Table>,
}

fn registry_file() -> PathBuf {
    let home = std::env::var_os("CARGO_HOME")
        .map(PathBuf::from)
        .unwrap_or_else(|| {
            PathBuf::from(std::env::var_os("HOME").expect("HOME or CARGO_HOME")).join(".cargo")
        });
    let src = home.join("registry").join("src");
    let mut found = Vec::new();
    for index in std::fs::read_dir(&src).expect("cargo registry sources") {
        let dir = index
            .expect("registry entry")
            .path()
            .join(format!("chrono-tz-{CHRONO_TZ_VERSION}"));
        let file = dir.join("src").join("prebuilt").join("timezones.rs");
        if file.is_file() {
            found.push(file);
        }
    }
    found.sort();
    found
        .into_iter()
        .next()
        .expect("chrono-tz sources in the cargo registry")
}

fn number<T: std::str::FromStr>(text: &str) -> T
where
    T::Err: std::fmt::Debug,
{
    text.trim().parse().expect("a number in chrono-tz's table")
}

/// The value after `key: ` up to the next `,` or ` `.
fn field<'a>(text: &'a str, key: &str) -> &'a str {
    let at = text.find(key).expect("field") + key.len();
    let rest = &text[at..];
    let end = rest.find([',', ' ', '\n', '}']).unwrap_or(rest.len());
    &rest[..end]
}

fn source() -> &'static Source {
    static SOURCE: OnceLock<Source> = OnceLock::new();
    SOURCE.get_or_init(|| {
        let text = std::fs::read_to_string(registry_file()).expect("chrono-tz timezones.rs");
        // Variant identifiers to names, from the enum's doc comments.
        let enum_start = text.find("pub enum Tz {").expect("enum Tz");
        let enum_end = enum_start + text[enum_start..].find("\n}").expect("end of enum");
        let mut idents = BTreeMap::new();
        let mut doc = None;
        for line in text[enum_start..enum_end].lines() {
            let line = line.trim();
            if let Some(name) = line.strip_prefix("/// ") {
                doc = Some(name.to_owned());
            } else if let Some(ident) = line.strip_suffix(',') {
                idents.insert(ident.to_owned(), doc.take().expect("documented variant"));
            }
        }
        let spans = &text[text.find("impl TimeSpans for Tz").expect("TimeSpans")..];
        let mut zones = BTreeMap::new();
        for arm in spans.split("Tz::").skip(1) {
            let ident = arm.split(' ').next().expect("ident");
            let Some(name) = idents.get(ident) else {
                continue;
            };
            let rest_start = arm.find("= &[").expect("REST") + 4;
            let rest_end = rest_start + arm[rest_start..].find("];").expect("end of REST");
            let rest = arm[rest_start..rest_end]
                .lines()
                .filter(|l| l.contains("FixedTimespan"))
                .map(|l| {
                    let l = l.trim().trim_start_matches('(');
                    let t: i64 = number(&l[..l.find(',').expect("instant")]);
                    let offset: i32 = number::<i32>(field(l, "utc_offset: "))
                        + number::<i32>(field(l, "dst_offset: "));
                    (t, offset)
                })
                .collect();
            let first_part = &arm[arm.find("first: FixedTimespan").expect("first")..];
            let first = number::<i32>(field(first_part, "utc_offset: "))
                + number::<i32>(field(first_part, "dst_offset: "));
            zones.insert(name.clone(), Table { first, rest });
        }
        assert_eq!(zones.len(), idents.len(), "a table for every variant");
        Source { zones }
    })
}

// ---- the generator ----

/// A zone's changes with the total offset changed, as the database keeps them.
fn changes(table: &Table) -> Vec<(i64, i32)> {
    let mut out = Vec::new();
    let mut current = table.first;
    for &(t, offset) in &table.rest {
        if offset != current {
            out.push((t, offset));
            current = offset;
        }
    }
    out
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Rule {
    year: i32,
    month: u32,
    /// 0 = the last such weekday of the month.
    day: u32,
    /// 0 = Monday.
    weekday: u32,
    time: i64,
}

impl Rule {
    fn instant(&self, year: i32) -> Option<i64> {
        let date = if self.day == 0 {
            let next_month = if self.month == 12 {
                NaiveDate::from_ymd_opt(year + 1, 1, 1)
            } else {
                NaiveDate::from_ymd_opt(year, self.month + 1, 1)
            }?;
            let mut d = next_month.pred_opt()?;
            while d.weekday().num_days_from_monday() != self.weekday {
                d = d.pred_opt()?;
            }
            d
        } else {
            let mut d = NaiveDate::from_ymd_opt(year, self.month, self.day)?;
            while d.weekday().num_days_from_monday() != self.weekday {
                d = d.succ_opt()?;
            }
            d
        };
        Some(date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp() + self.time)
    }

    /// Every rule that puts a change at `t`.
    fn candidates(t: i64) -> Vec<Rule> {
        let utc = DateTime::from_timestamp(t, 0)
            .expect("instant")
            .date_naive();
        let mut out = Vec::new();
        for date in [utc.pred_opt(), Some(utc), utc.succ_opt()]
            .into_iter()
            .flatten()
        {
            let time = t - date.and_time(chrono::NaiveTime::MIN).and_utc().timestamp();
            let base = Rule {
                year: date.year(),
                month: date.month(),
                day: 0,
                weekday: date.weekday().num_days_from_monday(),
                time,
            };
            if date.checked_add_days(Days::new(7)).map(|d| d.month()) != Some(date.month()) {
                out.push(base);
            }
            for day in date.day().saturating_sub(6).max(1)..=date.day() {
                out.push(Rule { day, ..base });
            }
        }
        out
    }

    /// How many of `changes` (every other one, from the first) follow this rule year after
    /// year with offset `offset`.
    fn run(&self, changes: &[(i64, i32)]) -> usize {
        let offset = changes.first().map(|c| c.1);
        changes
            .iter()
            .step_by(2)
            .enumerate()
            .take_while(|&(j, &(t, o))| {
                Some(o) == offset && self.instant(self.year + j as i32) == Some(t)
            })
            .count()
    }
}

/// Shortest run of changes kept as a yearly rule rather than listed: shorter runs cost
/// fewer raw bytes as rules but more gzipped bytes (the form the WebAssembly package is
/// downloaded in) than as lists, whose repeats gzip finds.
const MIN_RULE_CHANGES: usize = 20;

enum Segment {
    List(Vec<(i64, i32)>),
    Rules {
        count: usize,
        rules: [Rule; 2],
        offsets: [i32; 2],
    },
}

fn segments(changes: &[(i64, i32)]) -> Vec<(i64, Segment)> {
    let mut out: Vec<(i64, Segment)> = Vec::new();
    let mut i = 0;
    while i < changes.len() {
        let mut best: Option<(usize, [Rule; 2])> = None;
        if i + 1 < changes.len() {
            let tail = &changes[i..];
            let firsts: Vec<(Rule, usize)> = Rule::candidates(tail[0].0)
                .into_iter()
                .map(|r| (r, r.run(tail)))
                .collect();
            let seconds: Vec<(Rule, usize)> = Rule::candidates(tail[1].0)
                .into_iter()
                .map(|r| (r, r.run(&tail[1..])))
                .collect();
            for &(a, run_a) in &firsts {
                for &(b, run_b) in &seconds {
                    if !(0..=1).contains(&(b.year - a.year)) {
                        continue;
                    }
                    let count = (2 * run_a).min(2 * run_b + 1);
                    if best.is_none_or(|(c, _)| count > c) {
                        best = Some((count, [a, b]));
                    }
                }
            }
        }
        match best {
            Some((count, rules)) if count >= MIN_RULE_CHANGES => {
                out.push((
                    changes[i].0,
                    Segment::Rules {
                        count,
                        rules,
                        offsets: [changes[i].1, changes[i + 1].1],
                    },
                ));
                i += count;
            }
            _ => {
                match out.last_mut() {
                    Some((_, Segment::List(list))) => list.push(changes[i]),
                    _ => out.push((changes[i].0, Segment::List(vec![changes[i]]))),
                }
                i += 1;
            }
        }
    }
    out
}

fn varint(out: &mut Vec<u8>, mut v: u64) {
    loop {
        let byte = (v & 0x7f) as u8;
        v >>= 7;
        if v == 0 {
            out.push(byte);
            return;
        }
        out.push(byte | 0x80);
    }
}

fn svarint(out: &mut Vec<u8>, v: i64) {
    varint(out, ((v << 1) ^ (v >> 63)) as u64);
}

/// Seconds as `seconds / unit << 2 | unit` (unit 0..=3 = 1 s, 1 min, 15 min, 1 h).
fn timed(out: &mut Vec<u8>, seconds: i64) {
    let unit = [3600, 900, 60, 1]
        .into_iter()
        .position(|u| seconds % u == 0)
        .map(|p| 3 - p)
        .expect("a unit");
    let size = [1, 60, 900, 3600][unit];
    svarint(out, seconds / size * 4 + unit as i64);
}

fn record(first: i32, changes: &[(i64, i32)]) -> Vec<u8> {
    let mut offsets = vec![first];
    for &(_, o) in changes {
        if !offsets.contains(&o) {
            offsets.push(o);
        }
    }
    assert!(offsets.len() <= 8, "at most 8 offsets a zone");
    assert!(
        offsets.iter().all(|o| o.abs() < 86_400),
        "offsets under a day"
    );
    let index = |o: i32| offsets.iter().position(|&x| x == o).expect("offset") as u8;
    let segments = segments(changes);
    assert!(segments.len() < 256, "at most 255 segments a zone");
    let (mut directory, mut bodies) = (Vec::new(), Vec::new());
    for (start, segment) in &segments {
        match segment {
            Segment::List(list) => {
                let mut body = Vec::new();
                let mut last = *start;
                for &(t, o) in list {
                    let delta = t - last;
                    assert!(delta >= 0, "changes in order");
                    last = t;
                    let unit = [3600, 900, 60, 1]
                        .into_iter()
                        .position(|u| delta % u == 0)
                        .map(|p| 3 - p)
                        .expect("a unit");
                    let size = [1, 60, 900, 3600][unit];
                    varint(
                        &mut body,
                        ((delta / size) as u64) << 5 | (unit as u64) << 3 | u64::from(index(o)),
                    );
                }
                varint(&mut directory, (list.len() as u64) << 1);
                timed(&mut directory, *start);
                varint(&mut directory, body.len() as u64);
                directory.push(index(list.last().expect("non-empty").1));
                bodies.extend(body);
            }
            Segment::Rules {
                count,
                rules,
                offsets: rule_offsets,
            } => {
                varint(&mut directory, (*count as u64) << 1 | 1);
                varint(&mut directory, rules[0].year as u64);
                for (rule, &offset) in rules.iter().zip(rule_offsets) {
                    let delta = (rule.year - rules[0].year) as u16;
                    let packed = rule.month as u16
                        | (rule.day as u16) << 4
                        | (rule.weekday as u16) << 9
                        | delta << 12
                        | u16::from(index(offset)) << 13;
                    directory.extend_from_slice(&packed.to_le_bytes());
                    timed(&mut directory, rule.time);
                }
            }
        }
    }
    let mut out = vec![offsets.len() as u8];
    for &o in &offsets {
        timed(&mut out, i64::from(o));
    }
    out.push(0);
    out.push(segments.len() as u8);
    varint(&mut out, directory.len() as u64);
    out.extend(directory);
    out.extend(bodies);
    out
}

fn build() -> Vec<u8> {
    let zones = &source().zones;
    let mut records: Vec<Vec<u8>> = Vec::new();
    let mut seen: BTreeMap<(i32, Vec<(i64, i32)>), u16> = BTreeMap::new();
    let mut name_index = Vec::new();
    let mut names = Vec::new();
    for (name, table) in zones {
        let key = (table.first, changes(table));
        let next = records.len() as u16;
        let id = *seen.entry(key.clone()).or_insert_with(|| {
            records.push(record(key.0, &key.1));
            next
        });
        names.extend_from_slice(name.as_bytes());
        name_index.extend_from_slice(&u16::try_from(names.len()).expect("names").to_le_bytes());
        name_index.extend_from_slice(&id.to_le_bytes());
    }
    let mut out = b"RZDB".to_vec();
    out.extend_from_slice(&(zones.len() as u16).to_le_bytes());
    out.extend_from_slice(&(records.len() as u16).to_le_bytes());
    let version = chrono_tz::IANA_TZDB_VERSION;
    out.push(version.len() as u8);
    out.extend_from_slice(version.as_bytes());
    out.extend(name_index);
    let mut at = 0u32;
    for r in &records {
        out.extend_from_slice(&at.to_le_bytes());
        at += r.len() as u32;
    }
    out.extend(names);
    for r in records {
        out.extend(r);
    }
    out
}

#[test]
fn the_database_is_built_from_chrono_tz() {
    let built = build();
    if std::env::var_os("RECOURSE_BLESS").is_some() {
        std::fs::write(BLOB, &built).expect("write the database");
    }
    let stored = std::fs::read(BLOB).expect("the database");
    assert!(
        stored == built,
        "{BLOB} is not what chrono-tz {CHRONO_TZ_VERSION} gives ({} bytes stored, {} built): \
         RECOURSE_BLESS=1 rewrites it",
        stored.len(),
        built.len()
    );
    assert_eq!(Zone::tzdb_version(), chrono_tz::IANA_TZDB_VERSION);
}

// ---- equivalence ----

fn zone(name: &str) -> (Zone, Tz) {
    (
        name.parse().expect("our zone"),
        name.parse().expect("chrono-tz zone"),
    )
}

fn naive(t: i64) -> Option<NaiveDateTime> {
    DateTime::from_timestamp(t, 0).map(|d| d.naive_utc())
}

fn utc_offsets_agree(ours: Zone, theirs: Tz, t: i64) {
    let Some(at) = naive(t) else { return };
    assert_eq!(
        ours.offset_from_utc_datetime(&at).fix(),
        theirs.offset_from_utc_datetime(&at).fix(),
        "{} at {at} UTC",
        ours.name()
    );
}

fn local_answers_agree(ours: Zone, theirs: Tz, x: i64) {
    let Some(local) = naive(x) else { return };
    let mine = match ours.offset_from_local_datetime(&local) {
        MappedLocalTime::Single(o) => MappedLocalTime::Single(o.fix()),
        MappedLocalTime::Ambiguous(a, b) => MappedLocalTime::Ambiguous(a.fix(), b.fix()),
        MappedLocalTime::None => MappedLocalTime::None,
    };
    let expected = match theirs.offset_from_local_datetime(&local) {
        MappedLocalTime::Single(o) => MappedLocalTime::Single(o.fix()),
        MappedLocalTime::Ambiguous(a, b) => MappedLocalTime::Ambiguous(a.fix(), b.fix()),
        MappedLocalTime::None => MappedLocalTime::None,
    };
    assert_eq!(mine, expected, "{} at local {local}", ours.name());
    let gap = chrono_tz::GapInfo::new(&local, &theirs)
        .and_then(|g| g.end)
        .map(|t| t.fixed_offset());
    assert_eq!(
        ours.gap_end(&local).map(|t| t.fixed_offset()),
        gap,
        "{} gap end of local {local}",
        ours.name()
    );
}

#[test]
fn every_name_parses_to_itself_and_nothing_else_does() {
    assert_eq!(Zone::all().count(), chrono_tz::TZ_VARIANTS.len());
    for tz in chrono_tz::TZ_VARIANTS {
        let zone: Zone = tz.name().parse().expect("every chrono-tz name");
        assert_eq!(zone.name(), tz.name());
        assert_eq!(zone.to_string(), tz.name());
    }
    for name in Zone::all().map(|z| z.name()) {
        assert!(name.parse::<Tz>().is_ok(), "{name} is a chrono-tz name");
    }
    for name in [
        "",
        "utc",
        "Utc",
        "europe/lisbon",
        "Europe/lisbon",
        "EUROPE/LISBON",
        " Europe/Lisbon",
        "Europe/Lisbon ",
        "Europe/Lisbo",
        "Europe/Lisbonn",
        "Mars/Olympus_Mons",
        "America/Sao Paulo",
        "+03:00",
        "Zulu\0",
    ] {
        assert_eq!(
            name.parse::<Zone>().is_ok(),
            name.parse::<Tz>().is_ok(),
            "{name:?}"
        );
        assert!(name.parse::<Zone>().is_err(), "{name:?}");
    }
    assert_eq!(Zone::utc().name(), "UTC");
    assert_eq!(Zone::default(), Zone::utc());
}

#[test]
fn utc_offsets_equal_chrono_tz_at_every_change() {
    for (name, table) in &source().zones {
        let (ours, theirs) = zone(name);
        for &(t, _) in &table.rest {
            for dt in [-1, 0, 1] {
                utc_offsets_agree(ours, theirs, t + dt);
            }
        }
        for t in [
            i64::MIN / 4096,
            -10_000_000_000,
            0,
            5_000_000_000,
            100_000_000_000,
        ] {
            utc_offsets_agree(ours, theirs, t);
        }
    }
}

#[test]
fn local_times_equal_chrono_tz_around_every_change() {
    // chrono-tz's answer for a local time only changes where a span of its table begins or
    // ends in local time: trying each such point and its neighbours tries every answer.
    for (name, table) in &source().zones {
        let (ours, theirs) = zone(name);
        let mut before = table.first;
        for &(t, offset) in &table.rest {
            for edge in [t + i64::from(before), t + i64::from(offset)] {
                for dx in [-1, 0, 1] {
                    local_answers_agree(ours, theirs, edge + dx);
                }
            }
            before = offset;
        }
    }
}

fn names() -> Vec<&'static str> {
    chrono_tz::TZ_VARIANTS.iter().map(|tz| tz.name()).collect()
}

/// 1800-01-01 to 2101-01-01, UTC.
const FROM: i64 = -5_364_662_400;
const UNTIL: i64 = 4_133_980_800;

proptest! {
    #[test]
    fn random_instants_and_local_times_agree(
        zone_index in 0..chrono_tz::TZ_VARIANTS.len(),
        t in FROM..UNTIL,
        nanos in 0u32..1_000_000_000,
    ) {
        let name = names()[zone_index];
        let (ours, theirs) = zone(name);
        utc_offsets_agree(ours, theirs, t);
        local_answers_agree(ours, theirs, t);
        let local = DateTime::from_timestamp(t, nanos).expect("in range").naive_utc();
        prop_assert_eq!(
            ours.from_local_datetime(&local).map(|d| d.fixed_offset()),
            theirs.from_local_datetime(&local).map(|d| d.fixed_offset())
        );
        prop_assert_eq!(
            ours.offset_from_local_date(&local.date()).map(|o| o.fix()),
            theirs.offset_from_local_date(&local.date()).map(|o| o.fix())
        );
        let utc = local.and_utc();
        prop_assert_eq!(
            utc.with_timezone(&ours).to_rfc3339(),
            utc.with_timezone(&theirs).to_rfc3339()
        );
    }
}

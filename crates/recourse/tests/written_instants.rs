//! Every instant the calendar operations write is RFC 3339 that parses back, with chrono's
//! parser, to the very instant it stands for; every date is `YYYY-MM-DD`. Instants run over
//! the whole supported range (0001 to 9999), with weight on its two ends and on the years
//! of local mean time (offsets in seconds, such as São Paulo's -03:06:28 before 1914). A
//! request whose answer cannot be written so is refused with `input.out_of_range`.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use chrono::{DateTime, FixedOffset, NaiveDate, Offset, Utc, Weekday};
use proptest::prelude::*;
use recourse_payments::calendar::{
    BusinessDays, BusinessDuration, Calendar, CalendarConfig, CalendarDays, CalendarError, Roll,
    Timestamp,
};
use recourse_payments::Engine;
use serde_json::{json, Value};

/// Zones with offsets in seconds in their past (local mean time), with offsets near a day,
/// with DST, and UTC.
const ZONES: [&str; 10] = [
    "America/Sao_Paulo",  // -03:06:28 until 1914
    "Africa/Monrovia",    // -00:44:30 until 1972
    "Europe/Amsterdam",   // +00:19:32 until 1937
    "Europe/Dublin",      // -00:25:21 until 1916
    "Asia/Kolkata",       // +05:53:28, +05:21:10 in the 19th century
    "America/New_York",   // -04:56:02 until 1883, then DST
    "Pacific/Kiritimati", // +14:00 today
    "Etc/GMT+12",         // -12:00
    "Australia/Lord_Howe",
    "UTC",
];

const FIRST: i64 = -62_135_596_800; // 0001-01-01T00:00:00Z
const LAST: i64 = 253_402_300_799; // 9999-12-31T23:59:59Z
const DAY: i64 = 86_400;

fn instants() -> impl Strategy<Value = i64> {
    prop_oneof![
        FIRST..=LAST,
        FIRST..FIRST + 40 * DAY,
        LAST - 40 * DAY..=LAST,
        // 1800 to 1980: local mean time and its end in most zones.
        -5_364_662_400i64..315_532_800,
    ]
}

/// What a request asks.
#[derive(Debug, Clone)]
enum Ask {
    IsOpen,
    NextOpen,
    BusinessMinutes(u32),
    BusinessDays(u32),
    CalendarDays(u32, bool),
}

fn asks() -> impl Strategy<Value = Ask> {
    prop_oneof![
        Just(Ask::IsOpen),
        Just(Ask::NextOpen),
        (0u32..=6000).prop_map(Ask::BusinessMinutes),
        (0u32..=40).prop_map(Ask::BusinessDays),
        (0u32..=60, any::<bool>()).prop_map(|(n, roll)| Ask::CalendarDays(n, roll)),
    ]
}

fn desk(zone: &str) -> Calendar {
    use Weekday::*;
    CalendarConfig::new(zone)
        .open(&[Mon, Tue, Wed, Thu, Fri], ["09:00-12:00", "13:00-18:00"])
        .compile()
        .unwrap()
}

fn desk_json(zone: &str) -> Value {
    let day = json!(["09:00-12:00", "13:00-18:00"]);
    json!({
        "time_zone": zone,
        "hours": {"mon": day, "tue": day, "wed": day, "thu": day, "fri": day},
    })
}

/// The operation and its request, from the instant `at`.
fn request(ask: &Ask, zone: &str, at: &str) -> (&'static str, Value) {
    let (operation, mut request) = match ask {
        Ask::IsOpen => ("calendar.is_open", json!({"now": at})),
        Ask::NextOpen => ("calendar.next_open", json!({"now": at})),
        Ask::BusinessMinutes(n) => (
            "calendar.add",
            json!({"start": at, "add": {"unit": "business_minutes", "amount": n}}),
        ),
        Ask::BusinessDays(n) => (
            "calendar.add",
            json!({"start": at, "add": {"unit": "business_days", "amount": n}}),
        ),
        Ask::CalendarDays(n, roll) => {
            let roll = if *roll { "next_working_day" } else { "none" };
            (
                "calendar.add",
                json!({"start": at, "add": {"unit": "calendar_days", "amount": n, "roll": roll}}),
            )
        }
    };
    request["calendar"] = desk_json(zone);
    (operation, request)
}

/// The instant the Rust API gives for the asked answer.
fn expected(
    ask: &Ask,
    calendar: &Calendar,
    start: &Timestamp,
) -> Result<DateTime<Utc>, CalendarError> {
    let answer = match ask {
        Ask::IsOpen => Ok(*start),
        Ask::NextOpen => calendar.next_open(start),
        Ask::BusinessMinutes(n) => {
            calendar.add_business_time(start, BusinessDuration::from_minutes(*n))
        }
        Ask::BusinessDays(n) => calendar.add_business_days(start, BusinessDays(*n)),
        Ask::CalendarDays(n, roll) => {
            let roll = if *roll {
                Roll::NextWorkingDay
            } else {
                Roll::None
            };
            calendar
                .add_calendar_days(start, CalendarDays(*n), roll)
                .map(|end| end.due)
        }
    };
    answer.map(|t| t.to_utc())
}

/// Every string of `value`, with the path it was found at.
fn strings<'v>(value: &'v Value, path: String, out: &mut Vec<(String, &'v str)>) {
    match value {
        Value::String(s) => out.push((path, s)),
        Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                strings(item, format!("{path}[{i}]"), out);
            }
        }
        Value::Object(map) => {
            for (key, item) in map {
                strings(item, format!("{path}.{key}"), out);
            }
        }
        _ => {}
    }
}

/// Whether `word` starts like a date (`1900-06-01`, `+10000-01-01`, `-0001-12-31`).
fn looks_like_a_date(word: &str) -> bool {
    let digits = word.trim_start_matches(['+', '-']);
    let year = digits.bytes().take_while(u8::is_ascii_digit).count();
    year >= 1 && digits.as_bytes().get(year) == Some(&b'-') && digits.len() >= year + 6
}

/// Checks every date and instant written anywhere in `answer`, trace included.
fn every_date_and_instant_is_valid(answer: &Value) -> Result<(), TestCaseError> {
    let mut found = Vec::new();
    strings(answer, String::new(), &mut found);
    for (path, text) in found {
        for word in text.split_whitespace() {
            let word = word.trim_end_matches([',', ';', ':', ')']);
            let word = word.trim_start_matches('(');
            if !looks_like_a_date(word) {
                continue;
            }
            if word.len() > 10 {
                prop_assert!(
                    DateTime::parse_from_rfc3339(word).is_ok(),
                    "{path}: {word} is not RFC 3339"
                );
            } else {
                prop_assert!(
                    word.len() == 10 && NaiveDate::parse_from_str(word, "%Y-%m-%d").is_ok(),
                    "{path}: {word} is not YYYY-MM-DD"
                );
            }
            prop_assert!(!word.starts_with(['+', '-']), "{path}: {word}");
        }
    }
    Ok(())
}

fn parsed(answer: &Value, field: &str) -> Result<DateTime<FixedOffset>, TestCaseError> {
    let text = answer[field].as_str().unwrap_or_default();
    DateTime::parse_from_rfc3339(text)
        .map_err(|e| TestCaseError::fail(format!("{field}: {text}: {e}")))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn every_instant_written_parses_back_to_the_same_instant(
        zone in prop::sample::select(&ZONES[..]),
        t in instants(),
        offset_minutes in -(24 * 60 - 1)..(24 * 60),
        ask in asks(),
    ) {
        let engine = Engine::default_store().unwrap();
        let calendar = desk(zone);
        let offset = FixedOffset::east_opt(offset_minutes * 60).unwrap();
        let given = DateTime::from_timestamp(t, 0).unwrap().with_timezone(&offset);
        let at = given.to_rfc3339();
        let (operation, request) = request(&ask, zone, &at);
        let result = engine.call_json(operation, request.to_string().as_bytes());
        let answer: Value = match result {
            Ok(text) => serde_json::from_str(&text).unwrap(),
            Err(e) if DateTime::parse_from_rfc3339(&at).is_err() => {
                // `at` is in year 10000 or before 0000 in its own offset: not RFC 3339.
                prop_assert_eq!(e.code(), "input.invalid_time");
                return Ok(());
            }
            Err(e) => {
                // Only a request whose answer has no RFC 3339 text, or lies beyond the
                // calendar's search range, is refused.
                prop_assert!(
                    matches!(e.code(), "input.out_of_range" | "calendar.out_of_range"),
                    "{operation} {at}: {e}"
                );
                let outside = Timestamp::parse(&at).map_or(true, |s| {
                    !calendar.to_local(&s).is_supported()
                        || expected(&ask, &calendar, &s) == Err(CalendarError::OutsideSupportedYears)
                });
                prop_assert_eq!(
                    outside,
                    e.code() == "input.out_of_range",
                    "{} {}: {}", operation, at, e
                );
                return Ok(());
            }
        };
        let start = Timestamp::parse(&at).unwrap();
        every_date_and_instant_is_valid(&answer)?;
        if answer["receipt"].get("now").is_some() {
            prop_assert_eq!(parsed(&answer["receipt"], "now")?, given);
        }
        let want = expected(&ask, &calendar, &start).unwrap();
        let field = match ask {
            Ask::IsOpen => "local_time",
            Ask::NextOpen => "opens_at",
            _ => "due",
        };
        let written = parsed(&answer, field)?;
        prop_assert_eq!(written.with_timezone(&Utc), want, "{} {}", operation, at);
        // Written in the calendar's offset, or in UTC when that offset has seconds.
        let local = calendar.to_local(&Timestamp::from(want)).as_datetime().offset().fix();
        let shown = if local.local_minus_utc() % 60 == 0 { local } else { Utc.fix() };
        prop_assert_eq!(*written.offset(), shown, "{} {}", operation, at);
        if let Ask::NextOpen = ask {
            let wait = answer["wait_seconds"].as_i64().unwrap();
            prop_assert_eq!(want.timestamp() - t, wait);
        }
    }
}

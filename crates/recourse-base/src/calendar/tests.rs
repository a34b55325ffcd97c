//! Calendar arithmetic around DST, holidays and bounds, and its invariants.

use chrono::Weekday::{self, *};
use proptest::prelude::*;

use super::*;

const WEEKDAYS: [Weekday; 5] = [Mon, Tue, Wed, Thu, Fri];
const EVERY_DAY: [Weekday; 7] = [Mon, Tue, Wed, Thu, Fri, Sat, Sun];

fn ts(text: &str) -> Timestamp {
    Timestamp::parse(text).unwrap()
}

fn desk() -> CalendarConfig {
    CalendarConfig::new("America/Sao_Paulo").open(&WEEKDAYS, ["09:00-18:00"])
}

fn add_hours(calendar: &Calendar, start: &str, hours: u32) -> String {
    calendar
        .add_business_time(&ts(start), BusinessDuration::from_hours(hours))
        .unwrap()
        .to_string()
}

fn minutes_between(calendar: &Calendar, start: &str, end: &str) -> i64 {
    calendar.elapsed(&ts(start), &ts(end)).unwrap().as_minutes()
}

#[test]
fn sla_friday_evening_two_business_hours() {
    let friday = "2026-03-06T17:00:00-03:00";
    assert_eq!(
        add_hours(&desk().compile().unwrap(), friday, 2),
        "2026-03-09T10:00:00-03:00"
    );
    let monday_off = desk().holiday("2026-03-09").compile().unwrap();
    assert_eq!(
        add_hours(&monday_off, friday, 2),
        "2026-03-10T10:00:00-03:00"
    );
    // The same instant given in UTC gives the same answer, in local time.
    assert_eq!(
        add_hours(&monday_off, "2026-03-06T20:00:00Z", 2),
        "2026-03-10T10:00:00-03:00"
    );
}

#[test]
fn several_intervals_a_day() {
    let lunch = CalendarConfig::new("Europe/Lisbon")
        .open(&WEEKDAYS, ["09:00-12:00", "13:00-18:00"])
        .compile()
        .unwrap();
    let start = ts("2026-07-01T11:30:00+01:00");
    let due = lunch
        .add_business_time(&start, BusinessDuration::from_minutes(60))
        .unwrap();
    assert_eq!(due.to_string(), "2026-07-01T13:30:00+01:00");
    assert!(!lunch.is_open(&ts("2026-07-01T12:00:00+01:00")).unwrap());
    assert!(lunch.is_open(&ts("2026-07-01T13:00:00+01:00")).unwrap());
    assert_eq!(
        lunch.weekly_business_time(),
        BusinessDuration::from_hours(40)
    );
}

#[test]
fn sao_paulo_had_dst_in_2018() {
    let sundays = CalendarConfig::new("America/Sao_Paulo")
        .open(&[Sun], ["00:00-12:00"])
        .open(&[Sat], ["22:00-24:00"])
        .compile()
        .unwrap();
    // 4 November 2018: clocks jumped from 00:00 to 01:00, so midnight never happened.
    assert_eq!(
        sundays
            .next_open(&ts("2018-11-03T23:59:00-03:00"))
            .unwrap()
            .to_string(),
        "2018-11-03T23:59:00-03:00"
    );
    assert_eq!(
        minutes_between(
            &sundays,
            "2018-11-04T01:00:00-02:00",
            "2018-11-05T00:00:00-02:00"
        ),
        11 * 60
    );
    // Saturday 3 November 22:00-24:00 ends at the first valid instant after the gap.
    assert_eq!(
        minutes_between(
            &sundays,
            "2018-11-03T12:00:00-03:00",
            "2018-11-04T01:00:00-02:00"
        ),
        120
    );
    // 18 February 2018: 00:00 -02 became 23:00 -03 on the 17th, so Saturday 22:00-24:00
    // held three hours.
    assert_eq!(
        minutes_between(
            &sundays,
            "2018-02-17T12:00:00-02:00",
            "2018-02-18T00:00:00-03:00"
        ),
        180
    );
    // Since 2019 there is no DST: the same Sunday in 2026 holds 12 hours.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-11-01T00:00:00-03:00",
            "2026-11-02T00:00:00-03:00"
        ),
        12 * 60
    );
}

#[test]
fn whole_weeks_notice_a_gap_at_midnight() {
    // São Paulo, 4 November 2018: midnight did not exist, so Sunday 00:00-00:15 was lost;
    // the week starting that Sunday must not be counted as a whole nominal week.
    let calendar = CalendarConfig::new("America/Sao_Paulo")
        .open(&[Sun], ["00:00-00:15"])
        .open(&[Mon], ["09:00-18:00"])
        .compile()
        .unwrap();
    let (start, end) = ("2018-10-29T00:00:00-03:00", "2018-11-12T00:00:00-02:00");
    assert_eq!(minutes_between(&calendar, start, end), 9 * 60 + 9 * 60 + 15);
    let due = calendar
        .add_business_time(
            &ts(start),
            BusinessDuration::from_minutes(9 * 60 + 9 * 60 + 15),
        )
        .unwrap();
    assert_eq!(due.to_string(), "2018-11-11T00:15:00-02:00");
}

#[test]
fn new_york_spring_forward_and_fall_back() {
    let sundays = CalendarConfig::new("America/New_York")
        .open(&[Sun], ["01:00-04:00"])
        .compile()
        .unwrap();
    // 8 March 2026: 02:00 jumps to 03:00, so 01:00-04:00 holds two hours.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-03-08T00:00:00-05:00",
            "2026-03-09T00:00:00-04:00"
        ),
        120
    );
    assert_eq!(
        add_hours(&sundays, "2026-03-08T01:00:00-05:00", 2),
        "2026-03-08T04:00:00-04:00"
    );
    // 1 November 2026: 02:00 falls back to 01:00, so 01:00-04:00 holds four hours; the
    // interval opens at the first 01:00.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-11-01T00:00:00-04:00",
            "2026-11-02T00:00:00-05:00"
        ),
        240
    );
    assert_eq!(
        sundays
            .next_open(&ts("2026-11-01T00:30:00-04:00"))
            .unwrap()
            .to_string(),
        "2026-11-01T01:00:00-04:00"
    );
    assert!(sundays.is_open(&ts("2026-11-01T01:30:00-05:00")).unwrap());
    // Opening inside the gap opens at the first valid instant.
    let late = CalendarConfig::new("America/New_York")
        .open(&[Sun], ["02:30-05:00"])
        .compile()
        .unwrap();
    assert_eq!(
        late.next_open(&ts("2026-03-08T00:00:00-05:00"))
            .unwrap()
            .to_string(),
        "2026-03-08T03:00:00-04:00"
    );
    // An interval entirely inside the gap does not open at all that day.
    let lost = CalendarConfig::new("America/New_York")
        .open(&[Sun], ["02:10-02:50"])
        .compile()
        .unwrap();
    assert_eq!(
        lost.next_open(&ts("2026-03-08T00:00:00-05:00"))
            .unwrap()
            .to_string(),
        "2026-03-15T02:10:00-04:00"
    );
}

#[test]
fn athens_last_sundays_of_march_and_october() {
    let sundays = CalendarConfig::new("Europe/Athens")
        .open(&[Sun], ["02:00-05:00"])
        .compile()
        .unwrap();
    // 29 March 2026: 03:00 jumps to 04:00.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-03-29T00:00:00+02:00",
            "2026-03-30T00:00:00+03:00"
        ),
        120
    );
    // 25 October 2026: 04:00 falls back to 03:00.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-10-25T00:00:00+03:00",
            "2026-10-26T00:00:00+02:00"
        ),
        240
    );
    // A week earlier, no change: three hours.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-10-18T00:00:00+03:00",
            "2026-10-19T00:00:00+03:00"
        ),
        180
    );
}

#[test]
fn lord_howe_shifts_by_half_an_hour() {
    let sundays = CalendarConfig::new("Australia/Lord_Howe")
        .open(&[Sun], ["01:00-04:00"])
        .compile()
        .unwrap();
    // 4 October 2026: 02:00 jumps to 02:30.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-10-04T00:00:00+10:30",
            "2026-10-05T00:00:00+11:00"
        ),
        150
    );
    // 5 April 2026: 02:00 falls back to 01:30.
    assert_eq!(
        minutes_between(
            &sundays,
            "2026-04-05T00:00:00+11:00",
            "2026-04-06T00:00:00+10:30"
        ),
        210
    );
}

#[test]
fn business_days_keep_the_wall_clock_time() {
    let ny = CalendarConfig::new("America/New_York")
        .open(&EVERY_DAY, ["00:00-24:00"])
        .compile()
        .unwrap();
    // Across the spring-forward, the local time stays 09:00 while the offset changes.
    let due = ny
        .add_business_days(&ts("2026-03-07T09:00:00-05:00"), BusinessDays(1))
        .unwrap();
    assert_eq!(due.to_string(), "2026-03-08T09:00:00-04:00");
    // 02:30 does not exist on 8 March: the first valid instant after it.
    let due = ny
        .add_business_days(&ts("2026-03-07T02:30:00-05:00"), BusinessDays(1))
        .unwrap();
    assert_eq!(due.to_string(), "2026-03-08T03:00:00-04:00");
    // 01:30 happens twice on 1 November: the earlier.
    let due = ny
        .add_business_days(&ts("2026-10-31T01:30:00-04:00"), BusinessDays(1))
        .unwrap();
    assert_eq!(due.to_string(), "2026-11-01T01:30:00-04:00");
    // Ten business days skip two weekends.
    let desk = desk().compile().unwrap();
    let due = desk
        .add_business_days(&ts("2026-03-02T10:00:00-03:00"), BusinessDays(10))
        .unwrap();
    assert_eq!(due.to_string(), "2026-03-16T10:00:00-03:00");
    let same = desk
        .add_business_days(&ts("2026-03-02T10:00:00-03:00"), BusinessDays(0))
        .unwrap();
    assert_eq!(same.to_string(), "2026-03-02T10:00:00-03:00");
}

#[test]
fn calendar_days_roll_to_the_end_of_a_working_day() {
    let desk = desk().holiday("2026-12-25").compile().unwrap();
    // 14 days from Friday 11 December end on Friday the 25th, a holiday: Monday the 28th.
    let end = desk
        .add_calendar_days(
            &ts("2026-12-11T15:00:00-03:00"),
            CalendarDays(14),
            Roll::NextWorkingDay,
        )
        .unwrap();
    assert_eq!(end.last_day.to_string(), "2026-12-28");
    assert_eq!(end.due.to_string(), "2026-12-29T00:00:00-03:00");
    assert!(end.rolled);
    // Ending on a Saturday: Monday.
    let end = desk
        .add_calendar_days(
            &ts("2026-03-06T15:00:00-03:00"),
            CalendarDays(1),
            Roll::NextWorkingDay,
        )
        .unwrap();
    assert_eq!(end.last_day.to_string(), "2026-03-09");
}

#[test]
fn no_open_hours_is_an_error_not_a_loop() {
    let closed = CalendarConfig::new("Europe/Athens").compile().unwrap();
    let now = ts("2026-03-06T12:00:00Z");
    assert_eq!(closed.next_open(&now), Err(CalendarError::NoOpenHours));
    assert_eq!(
        closed.add_business_time(&now, BusinessDuration::from_hours(1)),
        Err(CalendarError::NoOpenHours)
    );
    assert_eq!(
        closed.add_business_days(&now, BusinessDays(1)),
        Err(CalendarError::NoOpenHours)
    );
    assert_eq!(
        closed
            .add_calendar_days(&now, CalendarDays(1), Roll::NextWorkingDay)
            .map(|e| e.last_day),
        Err(CalendarError::NoOpenHours)
    );
    assert!(!closed.is_open(&now).unwrap());
    assert_eq!(
        closed.elapsed(&now, &ts("2026-04-06T12:00:00Z")),
        Ok(BusinessDuration::ZERO)
    );
}

#[test]
fn searches_are_bounded() {
    // Open only on Mondays, and every Monday for four years is a holiday.
    let mut config = CalendarConfig::new("Europe/Lisbon").open(&[Mon], ["09:00-18:00"]);
    let mut monday = chrono::NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
    for _ in 0..(4 * 53) {
        config = config.holiday(&monday.to_string());
        monday = monday + chrono::Days::new(7);
    }
    let calendar = config.compile().unwrap();
    let now = ts("2026-03-01T12:00:00Z");
    assert_eq!(calendar.next_open(&now), Err(CalendarError::OutOfRange));
    assert_eq!(
        calendar.add_business_days(&now, BusinessDays(1)),
        Err(CalendarError::OutOfRange)
    );
    assert_eq!(
        calendar
            .add_calendar_days(&now, CalendarDays(1), Roll::NextWorkingDay)
            .map(|e| e.due),
        Err(CalendarError::OutOfRange)
    );
    // Huge amounts and far instants are errors, not panics or long loops.
    let desk = desk().compile().unwrap();
    assert_eq!(
        desk.add_business_time(&now, BusinessDuration::from_hours(u32::MAX)),
        Err(CalendarError::OutOfRange)
    );
    assert_eq!(
        desk.add_business_days(&now, BusinessDays(u32::MAX)),
        Err(CalendarError::OutOfRange)
    );
    assert_eq!(
        desk.add_calendar_days(&now, CalendarDays(u32::MAX), Roll::None)
            .map(|e| e.due),
        Err(CalendarError::OutOfRange)
    );
    // Answers past 9999 have no RFC 3339 text: refused, with the code of input errors.
    let end_of_time = ts("9999-12-31T23:00:00Z");
    let outside = Err(CalendarError::OutsideSupportedYears);
    assert_eq!(
        desk.add_business_time(&end_of_time, BusinessDuration::from_hours(10)),
        outside
    );
    assert_eq!(
        desk.add_business_days(&end_of_time, BusinessDays(3)),
        outside
    );
    assert_eq!(desk.next_open(&end_of_time), outside);
    assert_eq!(
        desk.add_calendar_days(&end_of_time, CalendarDays(3), Roll::NextWorkingDay)
            .map(|e| e.due),
        outside
    );
    assert_eq!(
        desk.add_calendar_days(&ts("9999-12-31T01:00:00Z"), CalendarDays(0), Roll::None)
            .map(|e| e.due.to_string()),
        Ok("9999-12-30T22:00:00-03:00".to_owned())
    );
    assert_eq!(
        CalendarError::OutsideSupportedYears.code(),
        "input.out_of_range"
    );
    assert_eq!(
        desk.elapsed(&ts("2026-03-02T00:00:00Z"), &ts("2026-03-01T00:00:00Z")),
        Err(CalendarError::EndBeforeStart)
    );
}

#[test]
fn large_amounts_use_whole_weeks_and_agree_with_day_by_day() {
    let desk = CalendarConfig::new("America/New_York")
        .open(&WEEKDAYS, ["09:00-12:00", "13:00-17:30"])
        .holiday("2026-07-03")
        .holiday("2026-11-26")
        .compile()
        .unwrap();
    let start = ts("2026-01-05T10:15:00-05:00");
    let amount = BusinessDuration::from_hours(10_000);
    let due = desk.add_business_time(&start, amount).unwrap();
    assert_eq!(desk.elapsed(&start, &due).unwrap(), amount);
    // 10,000 h at 37.5 h a week is about five years.
    assert!(due.to_string().starts_with("2031-"));
}

// ---- invariants ----

/// Calendars with DST (New York, Athens, Lord Howe), several intervals a day, holidays.
fn calendars() -> Vec<Calendar> {
    vec![
        desk().holiday("2026-03-09").compile().unwrap(),
        CalendarConfig::new("America/New_York")
            .open(&WEEKDAYS, ["08:00-12:00", "13:00-17:00"])
            .open(&[Sun], ["00:30-03:30"])
            .holiday("2026-11-26")
            .compile()
            .unwrap(),
        CalendarConfig::new("Europe/Athens")
            .open(&EVERY_DAY, ["02:30-04:30", "10:00-24:00"])
            .holiday("2026-03-25")
            .compile()
            .unwrap(),
        CalendarConfig::new("Australia/Lord_Howe")
            .open(&[Sat, Sun], ["01:45-02:15", "20:00-24:00"])
            .compile()
            .unwrap(),
    ]
}

/// Instants from late 2025 to early 2027, on the second, covering each DST change.
fn instant() -> impl Strategy<Value = Timestamp> {
    (1_760_000_000_i64..1_800_000_000)
        .prop_map(|s| Timestamp::from(chrono::DateTime::from_timestamp(s, 0).unwrap_or_default()))
}

fn duration() -> impl Strategy<Value = BusinessDuration> {
    (0_u32..200 * 3600).prop_map(BusinessDuration::from_seconds)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn elapsed_undoes_add(c in 0_usize..4, start in instant(), d in duration()) {
        let calendar = &calendars()[c];
        let due = calendar.add_business_time(&start, d).unwrap();
        prop_assert_eq!(calendar.elapsed(&start, &due).unwrap(), d);
    }

    #[test]
    fn adding_more_never_ends_earlier(
        c in 0_usize..4, start in instant(), a in duration(), b in duration()
    ) {
        let calendar = &calendars()[c];
        let (small, large) = if a <= b { (a, b) } else { (b, a) };
        let x = calendar.add_business_time(&start, small).unwrap();
        let y = calendar.add_business_time(&start, large).unwrap();
        prop_assert!(x <= y);
    }

    #[test]
    fn later_starts_never_end_earlier(
        c in 0_usize..4, a in instant(), b in instant(), d in duration()
    ) {
        let calendar = &calendars()[c];
        let (early, late) = if a <= b { (a, b) } else { (b, a) };
        let x = calendar.add_business_time(&early, d).unwrap();
        let y = calendar.add_business_time(&late, d).unwrap();
        prop_assert!(x <= y);
    }

    #[test]
    fn elapsed_grows_with_the_end(
        c in 0_usize..4, start in instant(), a in 0_i64..5_000_000, b in 0_i64..5_000_000
    ) {
        let calendar = &calendars()[c];
        let at = |s: i64| Timestamp::from(start.to_utc() + chrono::TimeDelta::seconds(s));
        let (near, far) = if a <= b { (a, b) } else { (b, a) };
        let x = calendar.elapsed(&start, &at(near)).unwrap();
        let y = calendar.elapsed(&start, &at(far)).unwrap();
        prop_assert!(x <= y);
        // Business time never exceeds wall-clock time.
        prop_assert!(y.as_seconds() <= far);
    }

    #[test]
    fn adding_zero_is_the_next_opening(c in 0_usize..4, start in instant()) {
        let calendar = &calendars()[c];
        let opens = calendar.next_open(&start).unwrap();
        prop_assert_eq!(
            calendar.add_business_time(&start, BusinessDuration::ZERO).unwrap(),
            opens
        );
        prop_assert!(opens >= start);
        prop_assert!(calendar.is_open(&opens).unwrap());
        prop_assert_eq!(calendar.elapsed(&start, &opens).unwrap(), BusinessDuration::ZERO);
    }

    #[test]
    fn rolling_never_ends_on_a_day_off(c in 0_usize..4, start in instant(), n in 0_u32..400) {
        let calendar = &calendars()[c];
        let end = calendar.add_calendar_days(&start, CalendarDays(n), Roll::NextWorkingDay).unwrap();
        prop_assert!(calendar.is_working_day(end.last_day));
        let plain = calendar.add_calendar_days(&start, CalendarDays(n), Roll::None).unwrap();
        prop_assert!(end.last_day >= plain.last_day);
        prop_assert_eq!(end.rolled, end.last_day != plain.last_day);
        // The period ends on the day after its last day, in local time.
        let due_day = end.due.as_datetime().date_naive();
        prop_assert_eq!(Some(due_day), end.last_day.succ_opt());
    }

    #[test]
    fn business_days_land_on_working_days(c in 0_usize..4, start in instant(), n in 1_u32..300) {
        let calendar = &calendars()[c];
        let due = calendar.add_business_days(&start, BusinessDays(n)).unwrap();
        prop_assert!(calendar.is_working_day(due.as_datetime().date_naive()));
        let next = calendar.add_business_days(&start, BusinessDays(n + 1)).unwrap();
        prop_assert!(next > due);
    }
}

/// Random calendars: a zone with DST changes of its own (one of them historical, one of
/// them by half an hour), up to three intervals a day on 15-minute boundaries, from 00:00
/// to 24:00, and a few holidays.
fn random_calendar() -> impl Strategy<Value = Calendar> {
    let zones = prop::sample::select(vec![
        "America/New_York",
        "America/Sao_Paulo",
        "Europe/Athens",
        "Europe/Lisbon",
        "Australia/Lord_Howe",
        "America/Santiago",
        "Pacific/Chatham",
    ]);
    let day = prop::collection::btree_set(0_u16..=96, 0..=6);
    let week = prop::collection::vec(day, 7);
    let holidays = prop::collection::vec(0_u64..900, 0..20);
    (zones, week, holidays).prop_filter_map("a day with an interval", |(zone, week, holidays)| {
        let mut config = CalendarConfig::new(zone);
        for (quarters, day) in week.iter().zip(EVERY_DAY) {
            let marks: Vec<u16> = quarters.iter().map(|q| q * 15).collect();
            for pair in marks.chunks_exact(2) {
                let text = |m: u16| format!("{:02}:{:02}", m / 60, m % 60);
                let interval = format!("{}-{}", text(pair[0]), text(pair[1]));
                config.hours.day_mut(day).push(interval);
            }
        }
        let base = chrono::NaiveDate::from_ymd_opt(2017, 10, 1)?;
        let mut dates: Vec<_> = holidays
            .iter()
            .map(|d| base + chrono::Days::new(*d))
            .collect();
        dates.sort_unstable();
        dates.dedup();
        for date in dates {
            config = config.holiday(&date.to_string());
        }
        let calendar = config.compile().ok()?;
        calendar.has_open_hours().then_some(calendar)
    })
}

/// Instants from 2017 (São Paulo still had DST) to 2027.
fn any_instant() -> impl Strategy<Value = Timestamp> {
    (1_500_000_000_i64..1_800_000_000)
        .prop_map(|s| Timestamp::from(chrono::DateTime::from_timestamp(s, 0).unwrap_or_default()))
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn random_calendars_keep_the_invariants(
        calendar in random_calendar(), start in any_instant(), a in duration(), b in duration(),
        n in 0_u32..60
    ) {
        let end = calendar.add_calendar_days(&start, CalendarDays(n), Roll::NextWorkingDay).unwrap();
        prop_assert!(calendar.is_working_day(end.last_day));
        prop_assert_eq!(Some(end.due.as_datetime().date_naive()), end.last_day.succ_opt());
        let due = calendar.add_business_days(&start, BusinessDays(n)).unwrap();
        prop_assert!(n == 0 || calendar.is_working_day(due.as_datetime().date_naive()));
        let (small, large) = if a <= b { (a, b) } else { (b, a) };
        let x = calendar.add_business_time(&start, small);
        let y = calendar.add_business_time(&start, large);
        // A sparse calendar with many holidays may legitimately run out of range.
        if let (Ok(x), Ok(y)) = (x, y) {
            prop_assert!(x <= y);
            prop_assert_eq!(calendar.elapsed(&start, &x).unwrap(), small);
            prop_assert_eq!(calendar.elapsed(&start, &y).unwrap(), large);
            prop_assert_eq!(
                calendar.elapsed(&x, &y).unwrap().checked_add(small),
                Some(large)
            );
            if small > BusinessDuration::ZERO {
                // Business time only ends inside or at the end of an opening interval.
                let just_before = Timestamp::from(x.to_utc() - chrono::TimeDelta::seconds(1));
                prop_assert!(calendar.is_open(&just_before).unwrap());
            }
        }
    }
}

//! SLA invariants: the Friday-17:00 example with and without a Monday holiday, DST in the
//! calendar's zone, bots that do not reply, pauses, escalations; and properties: elapsed time
//! never shrinks as `now` advances, and a pause never moves a due instant earlier.

use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
use crate::receipt::Trace;
use crate::ticket::Event;
use crate::Engine;

fn engine(zone: &str, holidays: &str, extra: &str) -> Engine {
    let week: String = ["mon", "tue", "wed", "thu", "fri"]
        .iter()
        .map(|d| format!("hours.{d} = [\"09:00-18:00\"]\n"))
        .collect();
    Engine::from_toml(&format!(
        "[store]\nname = \"Test\"\n[calendars.desk]\ntime_zone = \"{zone}\"\n{week}holidays = [{holidays}]\n\
         [[sla.policies]]\nid = \"p\"\ncalendar = \"desk\"\nwarn_before_minutes = 30\n{extra}\n\
         targets.first_reply = {{ time = \"business\", high = 120 }}\n\
         targets.next_reply = {{ time = \"business\", high = 60 }}\n\
         targets.pausable_update = {{ time = \"business\", high = 240 }}\n\
         targets.requester_wait = {{ time = \"business\", high = 300 }}\n\
         targets.agent_work = {{ time = \"business\", high = 300 }}\n\
         targets.periodic_update = {{ time = \"calendar\", high = 600 }}\n\
         targets.resolution = {{ time = \"business\", high = 540 }}\n\
         escalations = [{{ after_minutes = 0, notify = \"lead\" }}, {{ after_minutes = 60, notify = \"manager\" }}]\n"
    ))
    .unwrap()
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn ev(json: &str) -> Event {
    serde_json::from_str(json).unwrap()
}

fn created(at: &str) -> Event {
    ev(&format!(
        r#"{{"type":"created","at":"{at}","ticket":{{"id":"T","customer":{{"name":"M","locale":"pt-BR"}},"channel":"email","category":"charged_twice","priority":"high"}}}}"#
    ))
}

fn msg(at: &str, author: &str) -> Event {
    ev(&format!(
        r#"{{"type":"message","at":"{at}","author":"{author}","text":"x"}}"#
    ))
}

fn status_to(at: &str, to: &str) -> Event {
    ev(&format!(
        r#"{{"type":"status_changed","at":"{at}","to":"{to}"}}"#
    ))
}

fn metric(engine: &Engine, log: &[Event], now: &str, m: Metric) -> MetricStatus {
    let out = status(engine, log, &ts(now), &mut Trace::new()).unwrap();
    out.metrics.into_iter().find(|s| s.metric == m).unwrap()
}

fn due(engine: &Engine, log: &[Event], now: &str, m: Metric) -> Option<String> {
    metric(engine, log, now, m).due.map(|t| t.to_string())
}

#[test]
fn friday_17h_is_due_monday_10h_or_tuesday_after_a_holiday() {
    let log = [created("2026-03-06T17:00:00-03:00")];
    let e = engine("America/Sao_Paulo", "", "");
    assert_eq!(
        due(&e, &log, "2026-03-06T17:30:00-03:00", Metric::FirstReply).as_deref(),
        Some("2026-03-09T10:00:00-03:00")
    );
    let e = engine("America/Sao_Paulo", "\"2026-03-09\"", "");
    assert_eq!(
        due(&e, &log, "2026-03-06T17:30:00-03:00", Metric::FirstReply).as_deref(),
        Some("2026-03-10T10:00:00-03:00")
    );
}

#[test]
fn dst_in_the_calendar_zone_is_honoured() {
    // Lisbon moves from UTC+0 to UTC+1 on Sunday 29 March 2026: Monday 10:00 is 09:00 UTC.
    let e = engine("Europe/Lisbon", "", "");
    let log = [created("2026-03-27T17:00:00Z")];
    assert_eq!(
        due(&e, &log, "2026-03-27T17:30:00Z", Metric::FirstReply).as_deref(),
        Some("2026-03-30T10:00:00+01:00")
    );
    // And back on Sunday 25 October 2026.
    let log = [created("2026-10-23T17:00:00+01:00")];
    assert_eq!(
        due(&e, &log, "2026-10-23T17:30:00+01:00", Metric::FirstReply).as_deref(),
        Some("2026-10-26T10:00:00Z")
    );
}

#[test]
fn a_bot_acknowledgement_does_not_fulfil_unless_the_policy_says_so() {
    let log = [
        created("2026-03-06T10:00:00-03:00"),
        msg("2026-03-06T10:00:00-03:00", "customer"),
        msg("2026-03-06T10:01:00-03:00", "bot"),
    ];
    let e = engine("America/Sao_Paulo", "", "");
    let s = metric(&e, &log, "2026-03-06T13:00:00-03:00", Metric::FirstReply);
    assert_eq!((s.state, s.breached), (MetricState::Active, true));
    assert_eq!(
        s.due.map(|t| t.to_string()).as_deref(),
        Some("2026-03-06T12:00:00-03:00")
    );
    let kinds: Vec<_> = s.events.iter().map(|e| e.event).collect();
    assert_eq!(kinds, [MetricEventKind::Activate, MetricEventKind::Breach]);
    let e = engine("America/Sao_Paulo", "", "bot_replies_count = true");
    let s = metric(&e, &log, "2026-03-06T13:00:00-03:00", Metric::FirstReply);
    assert_eq!(
        (s.state, s.breached, s.elapsed_seconds),
        (MetricState::Fulfilled, false, 60)
    );
}

#[test]
fn pending_pauses_the_pausable_clocks_and_resuming_moves_due_later() {
    let e = engine("America/Sao_Paulo", "", "");
    let base = vec![
        created("2026-03-06T10:00:00-03:00"),
        msg("2026-03-06T10:00:00-03:00", "customer"),
    ];
    let before = due(
        &e,
        &base,
        "2026-03-06T10:30:00-03:00",
        Metric::RequesterWait,
    );
    let mut log = base.clone();
    log.push(status_to("2026-03-06T11:00:00-03:00", "pending"));
    let paused = metric(&e, &log, "2026-03-06T12:00:00-03:00", Metric::RequesterWait);
    assert_eq!(
        (paused.state, paused.paused, paused.due),
        (MetricState::Paused, true, None)
    );
    assert_eq!(paused.elapsed_seconds, 3600);
    log.push(msg("2026-03-06T13:00:00-03:00", "customer"));
    let after = due(&e, &log, "2026-03-06T13:30:00-03:00", Metric::RequesterWait);
    assert_eq!(before.as_deref(), Some("2026-03-06T15:00:00-03:00"));
    assert_eq!(after.as_deref(), Some("2026-03-06T17:00:00-03:00"));
    // The reply clocks do not pause.
    let fr = metric(&e, &log, "2026-03-06T13:30:00-03:00", Metric::FirstReply);
    assert_eq!(fr.elapsed_seconds, 3 * 3600 + 1800);
}

#[test]
fn next_reply_runs_from_the_oldest_unanswered_message() {
    let e = engine("America/Sao_Paulo", "", "");
    let log = [
        created("2026-03-06T10:00:00-03:00"),
        msg("2026-03-06T10:00:00-03:00", "customer"),
        msg("2026-03-06T10:10:00-03:00", "agent"),
        msg("2026-03-06T11:00:00-03:00", "customer"),
        msg("2026-03-06T11:40:00-03:00", "customer"),
    ];
    let s = metric(&e, &log, "2026-03-06T11:50:00-03:00", Metric::NextReply);
    assert_eq!(s.elapsed_seconds, 50 * 60);
    assert_eq!(
        s.due.map(|t| t.to_string()).as_deref(),
        Some("2026-03-06T12:00:00-03:00")
    );
    assert!(s.at_risk);
}

#[test]
fn a_missed_resolution_escalates_by_level() {
    let e = engine("America/Sao_Paulo", "", "");
    let log = [created("2026-03-09T09:00:00-03:00")];
    let out = status(
        &e,
        &log,
        &ts("2026-03-10T09:30:00-03:00"),
        &mut Trace::new(),
    )
    .unwrap();
    let levels: Vec<_> = out
        .escalations
        .iter()
        .map(|l| (l.level, l.at.to_string(), l.reached))
        .collect();
    assert_eq!(
        levels,
        [
            (1, "2026-03-09T18:00:00-03:00".to_owned(), true),
            (2, "2026-03-10T10:00:00-03:00".to_owned(), false)
        ]
    );
}

#[test]
fn solving_fulfils_and_reopening_resumes_the_cumulative_clocks() {
    let e = engine("America/Sao_Paulo", "", "");
    let log = [
        created("2026-03-06T10:00:00-03:00"),
        msg("2026-03-06T10:30:00-03:00", "agent"),
        status_to("2026-03-06T11:00:00-03:00", "solved"),
        msg("2026-03-06T14:00:00-03:00", "customer"),
    ];
    let s = metric(&e, &log, "2026-03-06T15:00:00-03:00", Metric::Resolution);
    assert_eq!(
        (s.state, s.elapsed_seconds),
        (MetricState::Active, 2 * 3600)
    );
    // Reopened running: the clock starts again, with no pause noted.
    let kinds: Vec<_> = s.events.iter().map(|e| e.event).collect();
    assert_eq!(
        kinds,
        [
            MetricEventKind::Activate,
            MetricEventKind::Fulfill,
            MetricEventKind::Activate
        ]
    );
    let nr = metric(&e, &log, "2026-03-06T15:00:00-03:00", Metric::NextReply);
    assert_eq!(
        (nr.state, nr.elapsed_seconds, nr.breached),
        (MetricState::Active, 3600, false)
    );
}

#[test]
fn events_after_now_and_no_matching_policy() {
    let e = engine("America/Sao_Paulo", "", "");
    let log = [
        created("2026-03-06T10:00:00-03:00"),
        msg("2026-03-06T12:00:00-03:00", "agent"),
    ];
    let err = status(
        &e,
        &log,
        &ts("2026-03-06T11:00:00-03:00"),
        &mut Trace::new(),
    )
    .unwrap_err();
    assert_eq!((err.code(), err.path()), ("sla.event_after_now", "log[1]"));
    let none = Engine::from_toml("[store]\nname = \"x\"\n").unwrap();
    let out = status(
        &none,
        &log,
        &ts("2026-03-06T13:00:00-03:00"),
        &mut Trace::new(),
    )
    .unwrap();
    assert!(out.policy.is_none() && out.metrics.is_empty());
}

#[test]
fn config_problems_have_paths() {
    let problems = Engine::check(
        "[store]\nname = \"x\"\n[[sla.policies]]\nid = \"a\"\ntargets.first_reply = { time = \"business\", high = 0 }\n\
         escalations = [{ after_minutes = 5, notify = \"a\" }, { after_minutes = 5, notify = \"b\" }]\n\
         [[sla.policies]]\nid = \"a\"\ncalendar = \"nowhere\"\ntargets = {}\n",
    );
    let paths: Vec<_> = problems.iter().map(|e| e.path().to_owned()).collect();
    assert_eq!(
        paths,
        [
            "sla.policies[0].calendar",
            "sla.policies[0].targets.first_reply.high",
            "sla.policies[0].escalations[1].after_minutes",
            "sla.policies[1].id",
            "sla.policies[1].calendar",
        ]
    );
}

#[test]
fn a_calendar_that_never_opens_is_a_configuration_problem_at_the_calendar() {
    // Two business-time policies on one closed calendar: one problem, at its hours, from
    // `check` and at engine build, instead of every call failing at `now`.
    let config = "[store]\nname = \"x\"\n[calendars.closed]\ntime_zone = \"UTC\"\n\
         [[sla.policies]]\nid = \"a\"\ncalendar = \"closed\"\ntargets.first_reply = { time = \"business\", high = 60 }\n\
         [[sla.policies]]\nid = \"b\"\ncalendar = \"closed\"\ntargets.first_reply = { time = \"business\", low = 60 }\n";
    let problems = Engine::check(config);
    let found: Vec<_> = problems.iter().map(|e| (e.code(), e.path())).collect();
    assert_eq!(
        found,
        [("calendar.no_open_hours", "calendars.closed.hours")]
    );
    let built = Engine::from_toml(config).err().unwrap();
    assert_eq!(built.path(), "calendars.closed.hours");
    // Calendar-time targets never need the calendar to open.
    let calendar_time = config.replace("\"business\"", "\"calendar\"");
    assert!(Engine::check(&calendar_time).is_empty());
}

/// A random log: created on a São Paulo weekday morning, then steps of up to a day.
fn arb_log() -> impl Strategy<Value = Vec<Event>> {
    let step = (0i64..1440, 0u8..6);
    prop::collection::vec(step, 0..25).prop_map(|steps| {
        let start = ts("2026-03-02T08:00:00-03:00");
        let mut at = start.as_datetime();
        let mut log = vec![created(&Timestamp::from(at).to_string())];
        let mut state = crate::ticket::replay(&log).unwrap();
        for (minutes, kind) in steps {
            at += chrono::Duration::minutes(minutes);
            let t = Timestamp::from(at).to_string();
            let event = match kind {
                0 => msg(&t, "customer"),
                1 => msg(&t, "agent"),
                2 => msg(&t, "bot"),
                3 => status_to(&t, "pending"),
                4 => status_to(&t, "on_hold"),
                _ => status_to(&t, "solved"),
            };
            if let Ok(crate::ticket::Transition::Next(next)) =
                crate::ticket::apply(Some(&state), &event)
            {
                state = *next;
                log.push(event);
            }
        }
        log
    })
}

const ALL: [Metric; 7] = [
    Metric::FirstReply,
    Metric::NextReply,
    Metric::PeriodicUpdate,
    Metric::PausableUpdate,
    Metric::RequesterWait,
    Metric::AgentWork,
    Metric::Resolution,
];

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn elapsed_never_shrinks_as_now_advances(log in arb_log(), a in 0i64..20_000, b in 0i64..20_000) {
        let e = engine("America/Sao_Paulo", "\"2026-03-04\"", "");
        let last = log.last().unwrap().at().as_datetime();
        let (a, b) = (a.min(b), a.max(b));
        let early = Timestamp::from(last + chrono::Duration::minutes(a));
        let late = Timestamp::from(last + chrono::Duration::minutes(b));
        let x = status(&e, &log, &early, &mut Trace::new()).unwrap();
        let y = status(&e, &log, &late, &mut Trace::new()).unwrap();
        for s in &y.metrics {
            prop_assert!(
                s.state != MetricState::Active || super::walk::runs_in(s.metric, y.status),
                "{:?} runs while {:?}: {:?}", s.metric, y.status, log
            );
        }
        for (p, q) in x.metrics.iter().zip(&y.metrics) {
            prop_assert!(p.elapsed_seconds <= q.elapsed_seconds, "{:?}", p.metric);
            prop_assert!(p.breaches <= q.breaches);
        }
    }

    #[test]
    fn a_pause_never_moves_a_due_instant_earlier(
        log in arb_log(),
        pause_at in 1i64..600,
        pause_for in 1i64..3000,
    ) {
        let e = engine("America/Sao_Paulo", "\"2026-03-04\"", "");
        let last = log.last().unwrap().at().as_datetime();
        let state = crate::ticket::replay(&log).unwrap();
        prop_assume!(!matches!(state.status, crate::ticket::Status::Solved | crate::ticket::Status::Pending));
        let p = Timestamp::from(last + chrono::Duration::minutes(pause_at));
        let r = Timestamp::from(last + chrono::Duration::minutes(pause_at + pause_for));
        let now = Timestamp::from(last + chrono::Duration::minutes(pause_at + pause_for + 1));
        let mut paused = log.clone();
        paused.push(status_to(&p.to_string(), "pending"));
        paused.push(status_to(&r.to_string(), "open"));
        let plain = status(&e, &log, &now, &mut Trace::new()).unwrap();
        let with_pause = status(&e, &paused, &now, &mut Trace::new()).unwrap();
        for m in ALL {
            let find = |o: &SlaStatusResponse| o.metrics.iter().find(|s| s.metric == m).and_then(|s| s.due);
            if let (Some(d0), Some(d1)) = (find(&plain), find(&with_pause)) {
                prop_assert!(d1 >= d0, "{:?}: {} < {}", m, d1, d0);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(128))]

    /// The precomputed index answers exactly as the calendar's own walks, DST and holidays
    /// included, and business time never shrinks as the end moves later.
    #[test]
    fn the_business_index_agrees_with_the_calendar(
        a in 0i64..40_000,
        len in 0i64..20_000,
        more in 0i64..5_000,
        add in 0i64..3_000,
    ) {
        let e = engine("Europe/Lisbon", "\"2026-03-30\", \"2026-04-03\"", "");
        let cal = e.calendar("desk").unwrap();
        let origin = ts("2026-03-20T07:00:00Z").as_datetime();
        let at = |m: i64| Timestamp::from(origin + chrono::Duration::minutes(m));
        let (start, end) = (at(0), at(60_000));
        let index = super::clock::BusinessIndex::new(cal, &start, &end).unwrap();
        let (x, y, z) = (at(a), at(a + len), at(a + len + more));
        let ms = |t: &Timestamp| t.to_utc().timestamp_millis();
        let from_index = (index.at(ms(&y)) - index.at(ms(&x))) / 1000;
        prop_assert_eq!(from_index, cal.elapsed(&x, &y).unwrap().as_seconds());
        prop_assert!(cal.elapsed(&x, &y).unwrap() <= cal.elapsed(&x, &z).unwrap());
        let amount = chrono::TimeDelta::minutes(add);
        let found = index
            .add(ms(&x), amount.num_milliseconds())
            .and_then(chrono::DateTime::<chrono::Utc>::from_timestamp_millis);
        let expected = cal
            .add_business_time(&x, crate::calendar::BusinessDuration::from_time_delta(amount).unwrap())
            .unwrap()
            .to_utc();
        // Inside the window the index answers, and as the calendar does; beyond it, it may
        // leave the answer to the calendar, never give another one.
        if expected < end.to_utc() {
            prop_assert_eq!(found, Some(expected));
        } else if let Some(t) = found {
            prop_assert_eq!(t, expected);
        }
    }
}

/// Zero business time from an instant is the next opening, as the calendar says: from a
/// closed night, the morning; from inside an opening, the instant itself.
#[test]
fn the_business_index_adds_nothing_as_the_calendar_does() {
    let e = engine("Europe/Lisbon", "\"2026-03-30\", \"2026-04-03\"", "");
    let cal = e.calendar("desk").unwrap();
    let (start, end) = (ts("2026-03-20T00:00:00Z"), ts("2026-04-20T00:00:00Z"));
    let index = super::clock::BusinessIndex::new(cal, &start, &end).unwrap();
    let ms = |t: &Timestamp| t.to_utc().timestamp_millis();
    for at in [
        "2026-03-23T02:00:00Z",
        "2026-03-23T11:00:00Z",
        "2026-03-29T12:00:00Z",
    ] {
        let at = ts(at);
        let expected = cal.next_open(&at).unwrap().to_utc().timestamp_millis();
        assert_eq!(index.add(ms(&at), 0), Some(expected), "{at}");
    }
}

#[test]
fn the_trace_names_the_policy_as_written_and_the_tier_as_in_json() {
    let e = Engine::from_toml(
        "[store]\nname = \"Test\"\n[[sla.policies]]\nid = \"Brasil-VIP\"\n\
         targets.first_reply = { time = \"calendar\", high = 60 }\n",
    )
    .unwrap();
    let log = [ev(
        r#"{"type":"created","at":"2026-03-06T10:00:00-03:00","ticket":{"id":"T","customer":{"name":"M","locale":"pt-BR","tier":"vip"},"channel":"email","category":"charged_twice","priority":"high"}}"#,
    )];
    let mut trace = Trace::new();
    status(&e, &log, &ts("2026-03-06T10:30:00-03:00"), &mut trace).unwrap();
    let steps = trace.into_steps();
    let chosen = steps.iter().find(|s| s.step == "sla.policy").unwrap();
    assert_eq!(
        chosen.detail,
        "first policy matching email / charged_twice / vip tier / high priority: Brasil-VIP"
    );
}

/// Peak hours for bot replies: weekdays 12:00-14:00, and Friday night into Saturday.
const PEAKS: &str = "bot_replies_count = true\nbot_replies_peak_hours = [\
    { days = [\"mon\", \"tue\", \"wed\", \"thu\", \"fri\"], start = \"12:00\", end = \"14:00\" },\
    { days = [\"fri\"], start = \"22:00\", end = \"02:00\" }]";

fn bot_log(created_at: &str, bot_at: &str) -> Vec<Event> {
    vec![
        created(created_at),
        msg(created_at, "customer"),
        msg(bot_at, "bot"),
    ]
}

#[test]
fn a_bot_reply_counts_within_peak_hours_only() {
    let e = engine("America/Sao_Paulo", "", PEAKS);
    let now = "2026-03-06T16:00:00-03:00";
    // Friday 12:30 in São Paulo: within the first window.
    let inside = bot_log("2026-03-06T12:00:00-03:00", "2026-03-06T12:30:00-03:00");
    let s = metric(&e, &inside, now, Metric::FirstReply);
    assert_eq!(s.state, MetricState::Fulfilled);
    let out = status(&e, &inside, &ts(now), &mut Trace::new()).unwrap();
    let [note] = out.bot_replies.as_slice() else {
        panic!("{:?}", out.bot_replies)
    };
    assert_eq!(
        (
            note.counted,
            note.window,
            note.code.as_str(),
            note.rule.as_str()
        ),
        (
            true,
            Some(0),
            "sla.bot_reply_in_peak_hours",
            "sla.policies.p.bot_replies_peak_hours"
        )
    );
    // The same instant written in UTC is the same local time.
    let utc = bot_log("2026-03-06T15:00:00Z", "2026-03-06T15:30:00Z");
    assert_eq!(
        metric(&e, &utc, now, Metric::FirstReply).state,
        MetricState::Fulfilled
    );
    // Friday 10:00: outside; the clock waits for a person.
    let outside = bot_log("2026-03-06T10:00:00-03:00", "2026-03-06T10:05:00-03:00");
    let s = metric(&e, &outside, now, Metric::FirstReply);
    assert_eq!(s.state, MetricState::Active);
    let out = status(&e, &outside, &ts(now), &mut Trace::new()).unwrap();
    let [note] = out.bot_replies.as_slice() else {
        panic!("{:?}", out.bot_replies)
    };
    assert_eq!(
        (note.counted, note.window, note.code.as_str()),
        (false, None, "sla.bot_reply_outside_peak_hours")
    );
    assert!(note.message.contains("10:05"), "{}", note.message);
    // Without peak hours the answer has no notes (and its bytes stay what they were).
    let plain = engine("America/Sao_Paulo", "", "bot_replies_count = true");
    let out = status(&plain, &outside, &ts(now), &mut Trace::new()).unwrap();
    assert!(out.bot_replies.is_empty());
}

#[test]
fn a_window_past_midnight_runs_into_the_next_day() {
    let e = engine("America/Sao_Paulo", "", PEAKS);
    let counted = |bot_at: &str| {
        let log = bot_log("2026-03-06T21:00:00-03:00", bot_at);
        let out = status(
            &e,
            &log,
            &ts("2026-03-09T09:00:00-03:00"),
            &mut Trace::new(),
        )
        .unwrap();
        out.bot_replies.first().map(|n| (n.counted, n.window))
    };
    assert_eq!(counted("2026-03-06T21:59:00-03:00"), Some((false, None)));
    assert_eq!(counted("2026-03-06T22:00:00-03:00"), Some((true, Some(1))));
    assert_eq!(counted("2026-03-07T01:59:00-03:00"), Some((true, Some(1))));
    assert_eq!(counted("2026-03-07T02:00:00-03:00"), Some((false, None)));
    // Saturday night is not Friday night.
    assert_eq!(counted("2026-03-07T23:00:00-03:00"), Some((false, None)));
}

#[test]
fn the_bot_reply_sentences_are_in_every_language() {
    let e = engine("America/Sao_Paulo", "", PEAKS);
    let now = ts("2026-03-06T16:00:00-03:00");
    for log in [
        bot_log("2026-03-06T12:00:00-03:00", "2026-03-06T12:30:00-03:00"),
        bot_log("2026-03-06T10:00:00-03:00", "2026-03-06T10:05:00-03:00"),
    ] {
        let mut seen = Vec::new();
        for locale in [
            crate::comms::Locale::En,
            crate::comms::Locale::PtBr,
            crate::comms::Locale::Es,
            crate::comms::Locale::El,
        ] {
            let out = status_in(&e, &log, &now, Some(locale), &mut Trace::new()).unwrap();
            let message = out.bot_replies.first().unwrap().message.clone();
            assert!(!seen.contains(&message), "{message}");
            seen.push(message);
        }
    }
}

/// Each bad peak window is a configuration error with its path.
#[test]
fn bad_peak_hours_are_configuration_errors() {
    let window = |w: &str| format!("bot_replies_count = true\nbot_replies_peak_hours = [{w}]");
    let cases = [
        (
            window("{ days = [\"mon\", \"tues\"], start = \"12:00\", end = \"14:00\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].days[1]",
            "did you mean `tue`?",
        ),
        (
            window("{ days = [], start = \"12:00\", end = \"14:00\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].days",
            "at least one day",
        ),
        (
            window("{ days = [\"mon\"], start = \"12h\", end = \"14:00\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].start",
            "HH:MM",
        ),
        (
            window("{ days = [\"mon\"], start = \"24:00\", end = \"02:00\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].start",
            "HH:MM",
        ),
        (
            window("{ days = [\"mon\"], start = \"12:00\", end = \"25:00\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].end",
            "HH:MM",
        ),
        (
            window("{ days = [\"mon\"], start = \"12:00\", end = \"12:60\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].end",
            "HH:MM",
        ),
        (
            window("{ days = [\"mon\"], start = \"12:00\", end = \"12:00\" }"),
            "sla.policies[0].bot_replies_peak_hours[0].end",
            "empty peak window",
        ),
        (
            "bot_replies_peak_hours = [{ days = [\"mon\"], start = \"12:00\", end = \"14:00\" }]"
                .to_owned(),
            "sla.policies[0].bot_replies_peak_hours",
            "bot_replies_count = true",
        ),
    ];
    for (extra, path, detail) in cases {
        let config = format!(
            "[store]\nname = \"Test\"\n[calendars.desk]\ntime_zone = \"UTC\"\nhours.mon = [\"09:00-18:00\"]\n\
             [[sla.policies]]\nid = \"p\"\ncalendar = \"desk\"\n{extra}\n\
             targets.first_reply = {{ time = \"business\", high = 120 }}\n"
        );
        let problems = Engine::check(&config);
        let found: Vec<_> = problems.iter().map(|e| (e.code(), e.path())).collect();
        assert_eq!(found, [("config.invalid", path)], "{extra}");
        let message = problems.first().unwrap().to_string();
        assert!(message.contains(detail), "{message}");
    }
    // Peak hours are local times: a policy without a calendar cannot have them.
    let config =
        "[store]\nname = \"Test\"\n[[sla.policies]]\nid = \"p\"\nbot_replies_count = true\n\
         bot_replies_peak_hours = [{ days = [\"mon\"], start = \"12:00\", end = \"14:00\" }]\n\
         targets.first_reply = { time = \"calendar\", high = 120 }\n";
    let found: Vec<_> = Engine::check(config)
        .iter()
        .map(|e| (e.code(), e.path().to_owned()))
        .collect();
    assert_eq!(
        found,
        [("config.invalid", "sla.policies[0].calendar".to_owned())]
    );
}

/// Windows that cover the whole week, however they are cut.
fn arb_whole_week() -> impl Strategy<Value = String> {
    (0u32..1440, prop::bool::ANY).prop_map(|(cut, past_midnight)| {
        let hm = |m: u32| format!("{:02}:{:02}", m / 60, m % 60);
        let all = "[\"mon\", \"tue\", \"wed\", \"thu\", \"fri\", \"sat\", \"sun\"]";
        let windows = if cut == 0 {
            format!("{{ days = {all}, start = \"00:00\", end = \"24:00\" }}")
        } else if past_midnight {
            format!(
                "{{ days = {all}, start = \"{c}\", end = \"{c2}\" }}, {{ days = {all}, start = \"{c2}\", end = \"{c}\" }}",
                c = hm(cut),
                c2 = hm((cut + 720) % 1440),
            )
        } else {
            format!(
                "{{ days = {all}, start = \"00:00\", end = \"{c}\" }}, {{ days = {all}, start = \"{c}\", end = \"24:00\" }}",
                c = hm(cut)
            )
        };
        format!("bot_replies_count = true\nbot_replies_peak_hours = [{windows}]")
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Peak hours that cover the whole week change nothing: the clocks are those of
    /// `bot_replies_count = true` alone, and every bot reply is noted as counted.
    #[test]
    fn peak_hours_over_the_whole_week_are_any_hour(log in arb_log(), extra in arb_whole_week()) {
        let e = engine("America/Sao_Paulo", "\"2026-03-04\"", &extra);
        let plain = engine("America/Sao_Paulo", "\"2026-03-04\"", "bot_replies_count = true");
        let last = log.last().unwrap().at().as_datetime();
        let now = Timestamp::from(last + chrono::Duration::minutes(90));
        let x = status(&e, &log, &now, &mut Trace::new()).unwrap();
        let y = status(&plain, &log, &now, &mut Trace::new()).unwrap();
        prop_assert_eq!(&x.metrics, &y.metrics);
        prop_assert_eq!(&x.escalations, &y.escalations);
        prop_assert!(x.bot_replies.iter().all(|n| n.counted), "{}", extra);
    }
}

//! The dispute lifecycle against a reference model.
//!
//! The model below is written from the documented rules (the `dispute.replay` and
//! `dispute.deadline` docs, the payments facts on stages and clocks, the default store's
//! dated clocks), not from the implementation: a state, `apply(event)` that gives the next
//! state or refuses the event with an error code, and the deadline the merchant must answer
//! by at the current stage. Random logs, legal and illegal, out of order, at equal instants,
//! after closing and reopening, go through `dispute.replay` as a host calls it (the kept log
//! plus the new event, through `call_json`); after each step the two must agree on accepted
//! or refused (code and path), the state, and, while the dispute is open, on
//! `dispute.deadline` for its stage: the network's clock, the processor's `due_by`, the
//! merchant's buffer of business days on the São Paulo calendar, and whether it has passed;
//! and `dispute.classify` must give the same path, and the stages after the current one.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)]

use std::cell::RefCell;
use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, FixedOffset, NaiveDate, Weekday};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use recourse_payments::Engine;
use serde_json::{json, Value};

// ---------------------------------------------------------------- the model

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Net {
    Visa,
    Mastercard,
    Amex,
    Discover,
    PixMed,
    Stripe,
}

impl Net {
    fn wire(self) -> &'static str {
        match self {
            Net::Visa => "visa",
            Net::Mastercard => "mastercard",
            Net::Amex => "amex",
            Net::Discover => "discover",
            Net::PixMed => "pix_med",
            Net::Stripe => "stripe",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Stg {
    Inquiry,
    Chargeback,
    PreArbitration,
    Arbitration,
    MedAnalysis,
    MedReturnRequest,
    MedReturn,
}

const STAGES: [Stg; 7] = [
    Stg::Inquiry,
    Stg::Chargeback,
    Stg::PreArbitration,
    Stg::Arbitration,
    Stg::MedAnalysis,
    Stg::MedReturnRequest,
    Stg::MedReturn,
];

impl Stg {
    fn wire(self) -> &'static str {
        match self {
            Stg::Inquiry => "inquiry",
            Stg::Chargeback => "chargeback",
            Stg::PreArbitration => "pre_arbitration",
            Stg::Arbitration => "arbitration",
            Stg::MedAnalysis => "med_analysis",
            Stg::MedReturnRequest => "med_return_request",
            Stg::MedReturn => "med_return",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Out {
    Won,
    Lost,
    Accepted,
    Prevented,
    Expired,
    InquiryClosed,
}

const OUTCOMES: [Out; 6] = [
    Out::Won,
    Out::Lost,
    Out::Accepted,
    Out::Prevented,
    Out::Expired,
    Out::InquiryClosed,
];

impl Out {
    fn wire(self) -> &'static str {
        match self {
            Out::Won => "won",
            Out::Lost => "lost",
            Out::Accepted => "accepted",
            Out::Prevented => "prevented",
            Out::Expired => "expired",
            Out::InquiryClosed => "inquiry_closed",
        }
    }
}

/// Stripe's dispute statuses.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ps {
    WarningNeedsResponse,
    WarningUnderReview,
    WarningClosed,
    NeedsResponse,
    UnderReview,
    Won,
    Lost,
    Prevented,
}

const STATUSES: [Ps; 8] = [
    Ps::WarningNeedsResponse,
    Ps::WarningUnderReview,
    Ps::WarningClosed,
    Ps::NeedsResponse,
    Ps::UnderReview,
    Ps::Won,
    Ps::Lost,
    Ps::Prevented,
];

impl Ps {
    fn wire(self) -> &'static str {
        match self {
            Ps::WarningNeedsResponse => "warning_needs_response",
            Ps::WarningUnderReview => "warning_under_review",
            Ps::WarningClosed => "warning_closed",
            Ps::NeedsResponse => "needs_response",
            Ps::UnderReview => "under_review",
            Ps::Won => "won",
            Ps::Lost => "lost",
            Ps::Prevented => "prevented",
        }
    }
}

/// The codes the runs open disputes with: (network, as written, as the table writes it;
/// `None` for a code the table does not have).
const CODES: [(Net, &str, Option<&str>); 13] = [
    (Net::Visa, "13.1", Some("13.1")),
    (Net::Visa, "10.4", Some("10.4")),
    (Net::Mastercard, "4853", Some("4853")),
    (Net::Mastercard, "4808", Some("4808")),
    (Net::Mastercard, "4871", Some("4871")),
    (Net::Amex, "c08", Some("C08")),
    (Net::Discover, "UA02", Some("UA02")),
    (Net::PixMed, "fraud", Some("fraud")),
    (Net::Stripe, "fraudulent", Some("fraudulent")),
    (
        Net::Stripe,
        "product_not_received",
        Some("product_not_received"),
    ),
    (Net::Visa, "99.9", None),
    (Net::Mastercard, "13.1", None),
    // Compared as written, but for the spaces around it.
    (Net::Visa, " 13.1 ", Some("13.1")),
];

/// A dispute's path (payments facts §3.5): Visa and Discover go from the inquiry to the
/// chargeback, pre-arbitration and arbitration; Mastercard 4808, 4870 and 4871 skip
/// pre-arbitration, American Express has none; Pix MED has its own three stages; a
/// processor's (Stripe's) own reasons, an inquiry and a chargeback.
fn path(net: Net, code: &str) -> &'static [Stg] {
    use Stg::*;
    match net {
        Net::Visa | Net::Discover => &[Inquiry, Chargeback, PreArbitration, Arbitration],
        Net::Mastercard if ["4808", "4870", "4871"].contains(&code) => {
            &[Inquiry, Chargeback, Arbitration]
        }
        Net::Mastercard => &[Inquiry, Chargeback, PreArbitration, Arbitration],
        Net::Amex => &[Inquiry, Chargeback, Arbitration],
        Net::PixMed => &[MedAnalysis, MedReturnRequest, MedReturn],
        Net::Stripe => &[Inquiry, Chargeback],
    }
}

/// One generated event, before it has an instant.
#[derive(Debug, Clone)]
enum Ev {
    Opened { code: usize, stage: Stg },
    Advanced(Target),
    Evidence,
    Closed(Out),
    Reopened(Target),
    Status(Ps),
}

/// The stage an `advanced` or `reopened` event names: any stage, or the one after the
/// current stage on the dispute's path (so that runs get far along it).
#[derive(Debug, Clone, Copy)]
enum Target {
    Any(Stg),
    Next,
}

impl Target {
    fn resolve(self, state: Option<&Model>) -> Stg {
        match (self, state) {
            (Target::Any(stage), _) => stage,
            (Target::Next, None) => Stg::Chargeback,
            (Target::Next, Some(m)) => {
                let p = path(m.net, m.code);
                let at = p.iter().position(|s| *s == m.stage).unwrap_or(0);
                p.get(at + 1).copied().unwrap_or(m.stage)
            }
        }
    }
}

#[derive(Debug, Clone)]
struct Step {
    seconds: i64,
    offset: usize,
    ev: Ev,
}

/// The model's dispute.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Model {
    net: Net,
    code: &'static str,
    stage: Stg,
    evidence: bool,
    outcome: Option<Out>,
    /// (stage, instant, as written).
    stages: Vec<(Stg, i64, String)>,
    opened_at: i64,
    updated_at: i64,
    events: u64,
}

impl Model {
    fn later(&self, stage: Stg) -> bool {
        let p = path(self.net, self.code);
        let at = |s| p.iter().position(|x| *x == s);
        matches!((at(self.stage), at(stage)), (Some(a), Some(b)) if b > a)
    }

    fn enter(&mut self, stage: Stg, at: i64, written: &str) {
        self.stage = stage;
        self.evidence = false;
        self.stages.push((stage, at, written.to_owned()));
    }

    /// Closing: an inquiry closed without a chargeback, or prevented, only from the
    /// inquiry; the other outcomes from any stage.
    fn close(&mut self, outcome: Out) -> bool {
        let fits = match outcome {
            Out::InquiryClosed | Out::Prevented => self.stage == Stg::Inquiry,
            _ => true,
        };
        if fits {
            self.outcome = Some(outcome);
        }
        fits
    }
}

/// A processor status on an open dispute: Stripe's statuses as the stage, the evidence and
/// the outcome they stand for. A status that says what the state already says changes
/// nothing; one that would move the dispute backwards is refused.
fn status_on_open(m: &mut Model, status: Ps, at: i64, written: &str) -> bool {
    let to = |m: &mut Model, stage: Stg| -> bool {
        if m.stage == stage {
            return true;
        }
        let ok = m.later(stage);
        if ok {
            m.enter(stage, at, written);
        }
        ok
    };
    match status {
        Ps::WarningNeedsResponse => to(m, Stg::Inquiry),
        Ps::WarningUnderReview | Ps::UnderReview => {
            let stage = if status == Ps::UnderReview {
                Stg::Chargeback
            } else {
                Stg::Inquiry
            };
            let ok = to(m, stage);
            m.evidence |= ok;
            ok
        }
        Ps::WarningClosed => m.close(Out::InquiryClosed),
        Ps::NeedsResponse => to(m, Stg::Chargeback),
        Ps::Won => m.close(Out::Won),
        Ps::Lost => m.close(Out::Lost),
        Ps::Prevented => m.close(Out::Prevented),
    }
}

/// The closing status that says the outcome `outcome`.
fn says_outcome(status: Ps, outcome: Out) -> bool {
    matches!(
        (status, outcome),
        (Ps::Won, Out::Won)
            | (Ps::Lost, Out::Lost)
            | (Ps::Prevented, Out::Prevented)
            | (Ps::WarningClosed, Out::InquiryClosed)
    )
}

/// A refusal: its code and where.
type Refusal = (&'static str, String);

/// The documented rules, one event at a time. `i` is the event's position in the log.
fn model_apply(
    state: Option<&Model>,
    ev: &Ev,
    at: i64,
    written: &str,
    i: usize,
) -> Result<Model, Refusal> {
    let here = || format!("log[{i}]");
    let Some(s) = state else {
        let Ev::Opened { code, stage } = ev else {
            return Err(("dispute.not_opened", "log[0]".into()));
        };
        let (net, _, found) = CODES[*code];
        let found = found.ok_or(("dispute.unknown_code", "log[0].code".to_owned()))?;
        let first = [Stg::Inquiry, Stg::Chargeback, Stg::MedAnalysis].contains(stage);
        if !first || !path(net, found).contains(stage) {
            return Err(("dispute.unknown_stage", "log[0].stage".into()));
        }
        return Ok(Model {
            net,
            code: found,
            stage: *stage,
            evidence: false,
            outcome: None,
            stages: vec![(*stage, at, written.to_owned())],
            opened_at: at,
            updated_at: at,
            events: 1,
        });
    };
    if at < s.updated_at {
        return Err(("dispute.out_of_order", here()));
    }
    let mut m = s.clone();
    let ok = match (ev, s.outcome) {
        (Ev::Opened { .. }, _) => return Err(("dispute.not_opened", here())),
        // Closed: only a reopening after `won` or `lost`, into a later stage; a closing status
        // sent again says nothing new.
        (Ev::Reopened(target), Some(Out::Won | Out::Lost)) if m.later(target.resolve(state)) => {
            m.outcome = None;
            m.enter(target.resolve(state), at, written);
            true
        }
        (Ev::Status(status), Some(outcome)) => says_outcome(*status, outcome),
        (_, Some(_)) => false,
        (Ev::Advanced(target), None) if m.later(target.resolve(state)) => {
            m.enter(target.resolve(state), at, written);
            true
        }
        (Ev::Evidence, None) if !m.evidence => {
            m.evidence = true;
            true
        }
        (Ev::Closed(outcome), None) => m.close(*outcome),
        (Ev::Status(status), None) => status_on_open(&mut m, *status, at, written),
        _ => false,
    };
    if !ok {
        return Err(("dispute.illegal_transition", here()));
    }
    m.updated_at = at;
    m.events += 1;
    Ok(m)
}

// ---------------------------------------------------------------- the deadline model

const DAY: i64 = 86_400;
const HOUR: i64 = 3_600;

/// The networks' clocks (domain facts, payments facts §3.5; the default store's dates put
/// every one in force for stages that start in 2026).
fn clock(net: Net, stage: Stg) -> Option<(i64, &'static str)> {
    use Stg::*;
    Some(match (net, stage) {
        (Net::Visa, Chargeback) => (30 * DAY, "visa.chargeback"),
        (Net::Visa, PreArbitration) => (30 * DAY, "visa.pre_arbitration"),
        (Net::Visa, Arbitration) => (10 * DAY, "visa.arbitration"),
        (Net::Mastercard, Inquiry) => (72 * HOUR, "mastercard.inquiry"),
        (Net::Mastercard, Chargeback) => (45 * DAY, "mastercard.chargeback"),
        (Net::Mastercard, PreArbitration) => (45 * DAY, "mastercard.pre_arbitration"),
        (Net::Amex, Chargeback) => (20 * DAY, "amex.chargeback"),
        (Net::Discover, Chargeback) => (30 * DAY, "discover.chargeback"),
        (Net::Discover, PreArbitration) => (30 * DAY, "discover.pre_arbitration"),
        (Net::PixMed, MedAnalysis) => (168 * HOUR, "pix_med.analysis"),
        (Net::PixMed, MedReturnRequest) => (72 * HOUR, "pix_med.return_request"),
        (Net::PixMed, MedReturn) => (24 * HOUR, "pix_med.return"),
        _ => return None,
    })
}

/// Brazil's national holidays in 2025-2027 (Lei 662/1949 as amended, Lei 6.802/1980,
/// Lei 14.759/2023, Good Friday): the default store's São Paulo desk closes on them.
const HOLIDAYS: [(i32, u32, u32); 30] = [
    (2025, 1, 1),
    (2025, 4, 18),
    (2025, 4, 21),
    (2025, 5, 1),
    (2025, 9, 7),
    (2025, 10, 12),
    (2025, 11, 2),
    (2025, 11, 15),
    (2025, 11, 20),
    (2025, 12, 25),
    (2026, 1, 1),
    (2026, 4, 3),
    (2026, 4, 21),
    (2026, 5, 1),
    (2026, 9, 7),
    (2026, 10, 12),
    (2026, 11, 2),
    (2026, 11, 15),
    (2026, 11, 20),
    (2026, 12, 25),
    (2027, 1, 1),
    (2027, 3, 26),
    (2027, 4, 21),
    (2027, 5, 1),
    (2027, 9, 7),
    (2027, 10, 12),
    (2027, 11, 2),
    (2027, 11, 15),
    (2027, 11, 20),
    (2027, 12, 25),
];

fn working(day: NaiveDate) -> bool {
    let weekend = matches!(day.weekday(), Weekday::Sat | Weekday::Sun);
    let holiday = HOLIDAYS
        .iter()
        .any(|(y, m, d)| NaiveDate::from_ymd_opt(*y, *m, *d) == Some(day));
    !weekend && !holiday
}

/// `days` working days of the São Paulo desk (UTC-3 all year) before `at`, at the same
/// local time.
fn business_days_before(at: i64, days: u32) -> i64 {
    let local = DateTime::from_timestamp(at - 3 * HOUR, 0)
        .unwrap()
        .naive_utc();
    let mut day = local.date();
    let mut counted = 0;
    while counted < days {
        day = day.pred_opt().unwrap();
        counted += u32::from(working(day));
    }
    day.and_time(local.time()).and_utc().timestamp() + 3 * HOUR
}

/// What `dispute.deadline` should answer.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Due {
    Refused(&'static str, &'static str),
    At {
        respond_by: i64,
        outside: i64,
        set_by: &'static str,
        rule: &'static str,
        buffer_passed: bool,
        at_risk: bool,
    },
}

/// The store's buffer and warning (default store: 2 business days, 48 hours).
const BUFFER_DAYS: u32 = 2;
const WARN: i64 = 48 * HOUR;

fn model_deadline(net: Net, stage: Stg, start: i64, due_by: Option<i64>, now: i64) -> Due {
    // Candidates in the order processor, network, buffer; the earliest wins, a tie goes to
    // the first.
    let mut candidates: Vec<(i64, &str, &str)> = Vec::new();
    if let Some(due) = due_by {
        candidates.push((due, "processor", "dispute.processor_due_by"));
    }
    if let Some((length, rule)) = clock(net, stage) {
        candidates.push((start + length, "network", rule));
    }
    let earliest = |c: &[(i64, &'static str, &'static str)]| {
        c.iter()
            .copied()
            .fold(None, |best: Option<(i64, &str, &str)>, x| match best {
                Some(b) if b.0 <= x.0 => Some(b),
                _ => Some(x),
            })
    };
    let Some(outside) = earliest(&candidates) else {
        return Due::Refused("dispute.no_deadline", "due_by");
    };
    if outside.0 <= now {
        let path = if outside.1 == "processor" {
            "due_by"
        } else {
            "stage_started_at"
        };
        return Due::Refused("dispute.deadline_passed", path);
    }
    // Pix MED's clocks of hours leave no room for business days.
    if net != Net::PixMed {
        let at = business_days_before(outside.0, BUFFER_DAYS).min(outside.0);
        candidates.push((at, "buffer", "dispute.buffer_business_days"));
    }
    let chosen = earliest(&candidates).unwrap();
    let buffer_passed = chosen.0 <= now;
    Due::At {
        respond_by: chosen.0,
        outside: outside.0,
        set_by: chosen.1,
        rule: chosen.2,
        buffer_passed,
        at_risk: buffer_passed || chosen.0 - now <= WARN,
    }
}

// ---------------------------------------------------------------- JSON

const OFFSETS: [i32; 4] = [-3 * 3600, 0, 3600, -5 * 3600];

fn written(t: i64, offset: usize) -> String {
    let offset = FixedOffset::east_opt(OFFSETS[offset % OFFSETS.len()]).unwrap();
    DateTime::from_timestamp(t, 0)
        .unwrap()
        .with_timezone(&offset)
        .to_rfc3339()
}

fn instant(v: &Value) -> Option<i64> {
    v.as_str()
        .map(|s| DateTime::parse_from_rfc3339(s).unwrap().timestamp())
}

fn to_json(ev: &Ev, at: &str, state: Option<&Model>) -> Value {
    match ev {
        Ev::Opened { code, stage } => {
            let (net, code, _) = CODES[*code];
            json!({"type": "opened", "at": at, "network": net.wire(), "code": code, "stage": stage.wire()})
        }
        Ev::Advanced(target) => {
            json!({"type": "advanced", "at": at, "stage": target.resolve(state).wire()})
        }
        Ev::Evidence => json!({"type": "evidence_submitted", "at": at}),
        Ev::Closed(outcome) => json!({"type": "closed", "at": at, "outcome": outcome.wire()}),
        Ev::Reopened(target) => {
            json!({"type": "reopened", "at": at, "stage": target.resolve(state).wire()})
        }
        Ev::Status(status) => {
            json!({"type": "processor_status", "at": at, "status": status.wire()})
        }
    }
}

fn same(m: &Model, s: &Value) -> Result<(), TestCaseError> {
    prop_assert_eq!(s["network"].as_str(), Some(m.net.wire()));
    prop_assert_eq!(s["code"].as_str(), Some(m.code));
    prop_assert_eq!(s["stage"].as_str(), Some(m.stage.wire()));
    prop_assert_eq!(s["evidence_submitted"].as_bool(), Some(m.evidence));
    prop_assert_eq!(s["outcome"].as_str(), m.outcome.map(Out::wire));
    let stages: Vec<(String, i64)> = s["stages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| {
            (
                e["stage"].as_str().unwrap().to_owned(),
                instant(&e["at"]).unwrap(),
            )
        })
        .collect();
    let mine: Vec<(String, i64)> = m
        .stages
        .iter()
        .map(|(st, at, _)| (st.wire().to_owned(), *at))
        .collect();
    prop_assert_eq!(stages, mine);
    prop_assert_eq!(instant(&s["opened_at"]), Some(m.opened_at));
    prop_assert_eq!(instant(&s["updated_at"]), Some(m.updated_at));
    prop_assert_eq!(s["events"].as_u64(), Some(m.events));
    Ok(())
}

// ---------------------------------------------------------------- generation

fn stage() -> impl Strategy<Value = Stg> {
    prop::sample::select(&STAGES[..])
}

fn target() -> impl Strategy<Value = Target> {
    prop_oneof![2 => stage().prop_map(Target::Any), 3 => Just(Target::Next)]
}

fn event() -> impl Strategy<Value = Ev> {
    prop_oneof![
        1 => (0..CODES.len(), stage()).prop_map(|(code, stage)| Ev::Opened { code, stage }),
        5 => target().prop_map(Ev::Advanced),
        3 => Just(Ev::Evidence),
        3 => prop::sample::select(&OUTCOMES[..]).prop_map(Ev::Closed),
        2 => prop_oneof![Just(Out::Won), Just(Out::Lost)].prop_map(Ev::Closed),
        4 => target().prop_map(Ev::Reopened),
        // What only an inquiry takes.
        2 => prop_oneof![
            Just(Ev::Closed(Out::Prevented)),
            Just(Ev::Closed(Out::InquiryClosed)),
            Just(Ev::Status(Ps::Prevented)),
            Just(Ev::Status(Ps::WarningClosed)),
        ],
        6 => prop::sample::select(&STATUSES[..]).prop_map(Ev::Status),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    // Often at the same instant, mostly later (minutes to weeks), sometimes earlier.
    let seconds = prop_oneof![
        3 => Just(0i64),
        5 => 1..36_000i64,
        5 => 36_000..2_600_000i64,
        1 => -36_000..0i64,
    ];
    (seconds, 0..OFFSETS.len(), event()).prop_map(|(seconds, offset, ev)| Step {
        seconds,
        offset,
        ev,
    })
}

fn opening() -> impl Strategy<Value = Ev> {
    // Mostly a known code at a first stage of its path; sometimes a stage or code that is
    // not.
    let first = prop_oneof![
        2 => Just(Stg::Inquiry),
        1 => Just(Stg::Chargeback),
        1 => Just(Stg::MedAnalysis)
    ];
    prop_oneof![
        2 => Just(Ev::Opened { code: 7, stage: Stg::MedAnalysis }),
        8 => ((0..10usize), first).prop_map(|(code, stage)| {
            let stage = if CODES[code].0 == Net::PixMed { Stg::MedAnalysis } else { stage };
            let stage = if stage == Stg::MedAnalysis && CODES[code].0 != Net::PixMed {
                Stg::Chargeback
            } else {
                stage
            };
            Ev::Opened { code, stage }
        }),
        2 => (0..CODES.len(), stage()).prop_map(|(code, stage)| Ev::Opened { code, stage }),
    ]
}

/// A run: the log's steps, the processor's `due_by` as days after each stage's start, and
/// how long after each accepted event the deadline is read a second time.
fn run_input() -> impl Strategy<Value = (Vec<Step>, Option<i64>, i64)> {
    let first = prop_oneof![12 => opening().prop_map(Some), 1 => Just(None)];
    let due = prop::option::weighted(0.3, 0..50i64);
    let probe = 0..50 * DAY;
    (first, prop::collection::vec(step(), 0..24), due, probe).prop_map(
        |(first, mut rest, due, probe)| {
            if let Some(ev) = first {
                rest.insert(
                    0,
                    Step {
                        seconds: 0,
                        offset: 0,
                        ev,
                    },
                );
            }
            (rest, due, probe)
        },
    )
}

// ---------------------------------------------------------------- the property

#[derive(Debug, Default)]
struct Reached {
    runs: usize,
    outcomes: BTreeMap<&'static str, usize>,
    stages: BTreeMap<&'static str, usize>,
    reopened: usize,
    deadlines: BTreeMap<String, usize>,
    refusals: BTreeMap<&'static str, usize>,
}

const BASE: i64 = 1_767_614_400; // 2026-01-05T09:00:00-03:00

fn check_deadline(
    engine: &Engine,
    m: &Model,
    due_days: Option<i64>,
    (now, now_written): (i64, &str),
    seen: &mut Reached,
) -> Result<(), TestCaseError> {
    let (stage, start, start_written) = m.stages.last().unwrap();
    let due_by = due_days.map(|d| start + d * DAY);
    let mut request = json!({"network": m.net.wire(), "stage": stage.wire(),
        "stage_started_at": start_written, "now": now_written});
    if let Some(due) = due_by {
        request["due_by"] = json!(written(due, 0));
    }
    let expected = model_deadline(m.net, *stage, *start, due_by, now);
    let answer = engine.call_json("dispute.deadline", request.to_string().as_bytes());
    let context = || format!("{request}: model {expected:?}");
    match (&expected, answer) {
        (Due::Refused(code, path), Err(e)) => {
            prop_assert_eq!(e.code(), *code, "{}", context());
            prop_assert_eq!(e.path(), *path, "{}", context());
            *seen.deadlines.entry((*code).to_owned()).or_default() += 1;
        }
        (
            Due::At {
                respond_by,
                outside,
                set_by,
                rule,
                buffer_passed,
                at_risk,
            },
            Ok(text),
        ) => {
            let out: Value = serde_json::from_str(&text).unwrap();
            prop_assert_eq!(
                instant(&out["respond_by"]),
                Some(*respond_by),
                "{}",
                context()
            );
            prop_assert_eq!(
                instant(&out["outside_deadline"]),
                Some(*outside),
                "{}",
                context()
            );
            prop_assert_eq!(out["set_by"].as_str(), Some(*set_by), "{}", context());
            prop_assert_eq!(out["rule"].as_str(), Some(*rule), "{}", context());
            let state = if *buffer_passed {
                "buffer_passed"
            } else {
                "open"
            };
            prop_assert_eq!(out["state"].as_str(), Some(state), "{}", context());
            prop_assert_eq!(out["at_risk"].as_bool(), Some(*at_risk), "{}", context());
            *seen
                .deadlines
                .entry(format!("{set_by}/{state}"))
                .or_default() += 1;
            if due_by == Some(*outside) {
                *seen
                    .deadlines
                    .entry("outside:processor".into())
                    .or_default() += 1;
            }
        }
        (_, answer) => {
            return Err(TestCaseError::fail(format!(
                "{}: the implementation answers {:?}",
                context(),
                answer.map_err(|e| (e.code(), e.path().to_owned()))
            )))
        }
    }
    Ok(())
}

/// `dispute.classify` at the dispute's stage: the same path as the lifecycle's, the stages
/// after the current one next, and the network's flow (Visa allocation for 10.x and 11.x,
/// collaboration otherwise; the chargeback cycle for the other card networks).
fn check_classify(engine: &Engine, m: &Model) -> Result<(), TestCaseError> {
    let request = json!({"network": m.net.wire(), "code": m.code, "stage": m.stage.wire()});
    let out = engine
        .call_json("dispute.classify", request.to_string().as_bytes())
        .map_err(|e| TestCaseError::fail(format!("{request}: {e}")))?;
    let out: Value = serde_json::from_str(&out).unwrap();
    let wire = |v: &Value| -> Vec<String> { serde_json::from_value(v.clone()).unwrap() };
    let path = path(m.net, m.code);
    let at = path.iter().position(|s| *s == m.stage).unwrap();
    let names =
        |stages: &[Stg]| -> Vec<String> { stages.iter().map(|s| s.wire().into()).collect() };
    prop_assert_eq!(wire(&out["stages"]), names(path), "{}", request);
    prop_assert_eq!(wire(&out["next"]), names(&path[at + 1..]), "{}", request);
    let flow = match m.net {
        Net::Visa if m.code.starts_with("10.") || m.code.starts_with("11.") => "allocation",
        Net::Visa => "collaboration",
        Net::Mastercard | Net::Amex | Net::Discover => "chargeback",
        Net::PixMed => "med",
        Net::Stripe => "processor",
    };
    prop_assert_eq!(out["flow"].as_str(), Some(flow), "{}", request);
    Ok(())
}

fn run(
    engine: &Engine,
    steps: &[Step],
    (due_days, probe): (Option<i64>, i64),
    reached: &RefCell<Reached>,
) -> Result<(), TestCaseError> {
    let mut model: Option<Model> = None;
    let mut log: Vec<Value> = Vec::new();
    let mut seen = Reached::default();
    for (n, step) in steps.iter().enumerate() {
        let at = model.as_ref().map_or(BASE, |m| m.updated_at) + step.seconds;
        let at_written = written(at, step.offset);
        let event = to_json(&step.ev, &at_written, model.as_ref());
        let says = model_apply(model.as_ref(), &step.ev, at, &at_written, log.len());
        let mut candidate = log.clone();
        candidate.push(event.clone());
        let answer = engine.call_json(
            "dispute.replay",
            json!({ "log": candidate }).to_string().as_bytes(),
        );
        match (says, answer) {
            (Err((code, path)), Err(e)) => {
                prop_assert_eq!(e.code(), code, "step {}: {}", n, event);
                prop_assert_eq!(e.path(), path.as_str(), "step {}: {}", n, event);
                *seen.refusals.entry(code).or_default() += 1;
            }
            (Ok(next), Ok(text)) => {
                let out: Value = serde_json::from_str(&text).unwrap();
                same(&next, &out)
                    .and_then(|()| check_classify(engine, &next))
                    .map_err(|e| TestCaseError::fail(format!("step {n}: {event}: {e}")))?;
                if let Some(o) = next.outcome {
                    *seen.outcomes.entry(o.wire()).or_default() += 1;
                } else {
                    let now = (at, at_written.as_str());
                    check_deadline(engine, &next, due_days, now, &mut seen)?;
                    let later = written(at + probe, step.offset + 1);
                    check_deadline(engine, &next, due_days, (at + probe, &later), &mut seen)?;
                }
                *seen.stages.entry(next.stage.wire()).or_default() += 1;
                seen.reopened += usize::from(matches!(step.ev, Ev::Reopened(_)));
                model = Some(next);
                log = candidate;
            }
            (says, answer) => {
                return Err(TestCaseError::fail(format!(
                    "step {n}: {event}: the model says {:?}, the implementation {:?}",
                    says.map(|m| (m.stage, m.evidence, m.outcome)),
                    answer.map_err(|e| (e.code(), e.path().to_owned()))
                )))
            }
        }
    }
    let mut r = reached.borrow_mut();
    r.runs += 1;
    r.reopened += usize::from(seen.reopened > 0);
    for (k, _) in seen.outcomes {
        *r.outcomes.entry(k).or_default() += 1;
    }
    for (k, _) in seen.stages {
        *r.stages.entry(k).or_default() += 1;
    }
    for (k, _) in seen.deadlines {
        *r.deadlines.entry(k).or_default() += 1;
    }
    for (k, v) in seen.refusals {
        *r.refusals.entry(k).or_default() += v;
    }
    Ok(())
}

#[test]
fn the_dispute_lifecycle_agrees_with_its_reference_model() {
    let engine = Engine::default_store().unwrap();
    let reached = RefCell::new(Reached::default());
    let config = Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&run_input(), |(steps, due, probe)| {
        run(&engine, &steps, (due, probe), &reached)
    });
    if let Err(e) = result {
        panic!("{e}");
    }
    let r = reached.into_inner();
    eprintln!("{r:#?}");
    // Not an empty property: a fair share of runs (in per mille, about half of what 512
    // runs reach) gets to each interesting state.
    let share = |n: Option<&usize>| n.copied().unwrap_or(0) * 1000 / r.runs.max(1);
    assert!(r.runs >= 512, "{r:?}");
    let at_least = [
        (r.outcomes.get("won"), 150, "won"),
        (r.outcomes.get("lost"), 150, "lost"),
        (r.outcomes.get("accepted"), 15, "accepted"),
        (r.outcomes.get("expired"), 15, "expired"),
        (r.outcomes.get("prevented"), 15, "prevented"),
        (r.outcomes.get("inquiry_closed"), 15, "inquiry_closed"),
        (Some(&r.reopened), 100, "reopened"),
        (r.stages.get("pre_arbitration"), 40, "pre_arbitration"),
        (r.stages.get("arbitration"), 40, "arbitration"),
        (r.stages.get("med_return"), 20, "med_return"),
        (
            r.deadlines.get("dispute.deadline_passed"),
            100,
            "deadline passed",
        ),
        (r.deadlines.get("dispute.no_deadline"), 100, "no deadline"),
        (r.deadlines.get("buffer/open"), 200, "respond by the buffer"),
        (r.deadlines.get("buffer/buffer_passed"), 15, "buffer passed"),
        (
            r.deadlines.get("network/open"),
            80,
            "respond by the network's clock",
        ),
        (r.deadlines.get("outside:processor"), 70, "due_by first"),
    ];
    for (n, per_mille, what) in at_least {
        assert!(share(n) >= per_mille, "{what}: {r:#?}");
    }
    for code in [
        "dispute.not_opened",
        "dispute.unknown_code",
        "dispute.unknown_stage",
        "dispute.out_of_order",
        "dispute.illegal_transition",
    ] {
        assert!(
            r.refusals.get(code).copied().unwrap_or(0) >= 5,
            "{code}: {r:#?}"
        );
    }
}

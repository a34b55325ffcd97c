//! The ticket lifecycle against a reference model.
//!
//! The model below is written from the documented rules (the `ticket` module and its
//! lifecycle's docs, the README), not from the implementation: a state, and `apply(event)`
//! that either appends the event (with the next state), opens a follow-up ticket, or refuses
//! it with an error code. Random event sequences, legal and illegal, out of order, at equal
//! instants and after `closed`, go through `ticket.apply` as a host calls it (`call_json`,
//! the state carried from one answer to the next), and after each step the two must agree
//! on the outcome, the error code and the whole state, and on the follow-up the kept log
//! gets from `ticket.follow_up` (the default store's rule for the category and channel, due
//! so many hours after the ticket was last solved, in the same offset). The kept log is
//! replayed at the end (`ticket.replay`) and must give the last state.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::expect_used)]

use std::cell::RefCell;

use chrono::{DateTime, FixedOffset};
use proptest::prelude::*;
use proptest::test_runner::{Config, TestCaseError, TestRunner};
use recourse_payments::Engine;
use serde_json::{json, Value};

// ---------------------------------------------------------------- the model

/// Where a ticket stands (the model's own copy of the six statuses).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum St {
    New,
    Open,
    Pending,
    OnHold,
    Solved,
    Closed,
}

const STATUSES: [St; 6] = [
    St::New,
    St::Open,
    St::Pending,
    St::OnHold,
    St::Solved,
    St::Closed,
];

impl St {
    fn wire(self) -> &'static str {
        match self {
            St::New => "new",
            St::Open => "open",
            St::Pending => "pending",
            St::OnHold => "on_hold",
            St::Solved => "solved",
            St::Closed => "closed",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Who {
    Customer,
    Agent,
    Bot,
}

const CATEGORIES: [&str; 5] = [
    "charged_twice",
    "refund_status",
    "payment_failed",
    "dispute_or_chargeback",
    "other",
];
const PRIORITIES: [&str; 4] = ["low", "normal", "high", "urgent"];
const KINDS: [&str; 3] = ["refund", "store_credit", "coupon"];
const WORDS: [&str; 4] = ["a", "b", "c", "d"];

/// One generated event, before it has an instant.
#[derive(Debug, Clone)]
enum Ev {
    Created {
        empty_id: bool,
        email: bool,
        category: usize,
    },
    Message {
        who: Who,
        internal: bool,
    },
    Status(St),
    Reclassified {
        category: Option<usize>,
        priority: Option<usize>,
    },
    Linked {
        orders: Vec<usize>,
        payments: Vec<usize>,
        disputes: Vec<usize>,
    },
    Tagged {
        add: Vec<usize>,
        remove: Vec<usize>,
    },
    Proposal {
        kind: usize,
    },
    /// Agrees to a proposal: most often one the model knows of, else any position.
    Agreement {
        pick: usize,
    },
    FollowUp {
        due_days: i64,
    },
}

/// One step: an event and how far its instant is from the ticket's last one.
#[derive(Debug, Clone)]
struct Step {
    seconds: i64,
    offset: usize,
    ev: Ev,
}

/// The model's ticket.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Model {
    id: String,
    channel: &'static str,
    /// The offset `solved_at` was written in.
    solved_offset: Option<usize>,
    status: St,
    events: usize,
    created_at: i64,
    updated_at: i64,
    first_reply_at: Option<i64>,
    awaiting_reply_since: Option<i64>,
    customer_messages: u32,
    agent_replies: u32,
    first_solved_at: Option<i64>,
    solved_at: Option<i64>,
    closed_at: Option<i64>,
    reopens: u32,
    /// (log position, agreed at).
    proposals: Vec<(usize, Option<i64>)>,
    follow_ups: Vec<i64>,
    category: &'static str,
    priority: &'static str,
    tags: Vec<String>,
    links: [Vec<String>; 3],
}

/// What the model says an event does.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Says {
    Appended(Box<Model>),
    FollowUp,
    Refused(&'static str),
}

/// A concrete event: the generated one with its instant and resolved picks.
#[derive(Debug, Clone)]
struct Concrete {
    at: i64,
    offset: usize,
    ev: Ev,
    /// The proposal position an agreement names.
    proposal: usize,
}

/// Adds `item` unless present (first-seen order).
fn add(list: &mut Vec<String>, item: &str) {
    if !list.iter().any(|x| x == item) {
        list.push(item.to_owned());
    }
}

/// The documented rules, one event at a time.
fn model_apply(state: Option<&Model>, e: &Concrete) -> Says {
    let Some(s) = state else {
        return opened(e);
    };
    // Events come in time order; equal instants are allowed.
    if e.at < s.updated_at {
        return Says::Refused("ticket.out_of_order");
    }
    // Closed is final: a customer reply belongs to a follow-up ticket, anything else is
    // refused.
    if s.status == St::Closed {
        return match e.ev {
            Ev::Message {
                who: Who::Customer,
                internal: false,
            } => Says::FollowUp,
            // A customer's message is always public: an internal one is malformed, and opens
            // no follow-up ticket.
            Ev::Message {
                who: Who::Customer,
                internal: true,
            } => Says::Refused("ticket.invalid_event"),
            _ => Says::Refused("ticket.closed"),
        };
    }
    let mut n = s.clone();
    match fold(&mut n, e) {
        Ok(()) => {
            n.events += 1;
            n.updated_at = e.at;
            Says::Appended(Box::new(n))
        }
        Err(code) => Says::Refused(code),
    }
}

/// Before anything: only `created`, with a non-empty id.
fn opened(e: &Concrete) -> Says {
    match e.ev {
        Ev::Created { empty_id: true, .. } => Says::Refused("ticket.invalid_event"),
        Ev::Created {
            empty_id: false,
            email,
            category,
        } => Says::Appended(Box::new(Model {
            id: "T-1".into(),
            channel: if email { "email" } else { "chat" },
            solved_offset: None,
            status: St::New,
            events: 1,
            created_at: e.at,
            updated_at: e.at,
            first_reply_at: None,
            awaiting_reply_since: None,
            customer_messages: 0,
            agent_replies: 0,
            first_solved_at: None,
            solved_at: None,
            closed_at: None,
            reopens: 0,
            proposals: vec![],
            follow_ups: vec![],
            category: CATEGORIES[category],
            priority: "normal",
            tags: vec![],
            links: Default::default(),
        })),
        _ => Says::Refused("ticket.not_created"),
    }
}

/// An event on a ticket neither empty nor closed.
fn fold(n: &mut Model, e: &Concrete) -> Result<(), &'static str> {
    let at = e.at;
    match &e.ev {
        Ev::Created { .. } => return Err("ticket.already_created"),
        Ev::Message { who, internal } => message(n, *who, *internal, at)?,
        Ev::Status(to) => status_change(n, *to, e)?,
        Ev::Reclassified { category, priority } => {
            if category.is_none() && priority.is_none() {
                return Err("ticket.invalid_event");
            }
            if let Some(c) = category {
                n.category = CATEGORIES[*c];
            }
            if let Some(p) = priority {
                n.priority = PRIORITIES[*p];
            }
        }
        Ev::Linked {
            orders,
            payments,
            disputes,
        } => {
            for (list, ids) in n.links.iter_mut().zip([orders, payments, disputes]) {
                ids.iter().for_each(|i| add(list, WORDS[*i]));
            }
        }
        Ev::Tagged { add: a, remove } => {
            n.tags.retain(|t| !remove.iter().any(|r| WORDS[*r] == t));
            a.iter().for_each(|i| add(&mut n.tags, WORDS[*i]));
        }
        Ev::Proposal { .. } => n.proposals.push((n.events, None)),
        Ev::Agreement { .. } => {
            let open = n
                .proposals
                .iter_mut()
                .find(|(p, agreed)| *p == e.proposal && agreed.is_none());
            open.ok_or("ticket.unknown_proposal")?.1 = Some(at);
        }
        Ev::FollowUp { due_days } => {
            if n.status != St::Solved {
                return Err("ticket.not_solved");
            }
            n.follow_ups.push(at + due_days * 86_400);
        }
    }
    Ok(())
}

/// A customer's reply reopens `pending` and `solved`; a human agent's public reply answers
/// the customer and opens a `new` ticket; bots and internal notes move nothing.
fn message(n: &mut Model, who: Who, internal: bool, at: i64) -> Result<(), &'static str> {
    match (who, internal) {
        (Who::Customer, true) => return Err("ticket.invalid_event"),
        (Who::Customer, false) => {
            n.customer_messages += 1;
            n.awaiting_reply_since = n.awaiting_reply_since.or(Some(at));
            match n.status {
                St::Pending => n.status = St::Open,
                St::Solved => {
                    n.status = St::Open;
                    n.solved_at = None;
                    n.reopens += 1;
                }
                _ => {}
            }
        }
        (Who::Agent, false) => {
            n.agent_replies += 1;
            n.first_reply_at = n.first_reply_at.or(Some(at));
            n.awaiting_reply_since = None;
            if n.status == St::New {
                n.status = St::Open;
            }
        }
        _ => {}
    }
    Ok(())
}

/// `new` is never re-entered, `closed` only from `solved`, no status changes to itself;
/// solving answers the customer, leaving `solved` for another status than `closed` is a
/// reopening.
fn status_change(n: &mut Model, to: St, e: &Concrete) -> Result<(), &'static str> {
    let at = e.at;
    let from = n.status;
    let ok = to != St::New && to != from && (to != St::Closed || from == St::Solved);
    if !ok {
        return Err("ticket.illegal_transition");
    }
    match to {
        St::Solved => {
            n.solved_at = Some(at);
            n.solved_offset = Some(e.offset);
            n.awaiting_reply_since = None;
            n.first_solved_at = n.first_solved_at.or(Some(at));
        }
        St::Closed => n.closed_at = Some(at),
        _ if from == St::Solved => {
            n.solved_at = None;
            n.reopens += 1;
        }
        _ => {}
    }
    n.status = to;
    Ok(())
}

/// `ticket.follow_up` on the default store: the first of its rules matching the ticket's
/// category and channel, due that many calendar hours after the ticket was (last) solved, in
/// the same offset; a ticket never solved, or reopened since, is not solved.
fn model_follow_up(m: &Model) -> Result<(&'static str, String, &'static str), &'static str> {
    let (Some(solved), Some(offset)) = (m.solved_at, m.solved_offset) else {
        return Err("ticket.not_solved");
    };
    let (rule, hours, via) = match (m.category, m.channel) {
        ("refund_status" | "refund_request", _) => ("card_refund_arrival", 336, "email"),
        ("charged_twice", _) => ("duplicate_reversed", 240, "email"),
        ("dispute_or_chargeback", _) => ("dispute_outcome", 720, "email"),
        ("payment_failed", "chat" | "whatsapp") => ("payment_retry_chat", 24, m.channel),
        ("payment_failed", _) => ("payment_retry", 48, "email"),
        _ => ("relationship", 72, "email"),
    };
    Ok((rule, written(solved + hours * 3600, offset), via))
}

fn check_follow_up(
    engine: &Engine,
    m: &Model,
    log: &[Value],
    seen: &mut Reached,
) -> Result<(), TestCaseError> {
    let answer = engine.call_json(
        "ticket.follow_up",
        json!({ "log": log }).to_string().as_bytes(),
    );
    match (model_follow_up(m), answer) {
        (Err(code), Err(e)) => {
            prop_assert_eq!((e.code(), e.path()), (code, "log"));
        }
        (Ok((rule, due, via)), Ok(text)) => {
            let out: Value = serde_json::from_str(&text).unwrap();
            let plan = &out["follow_up"];
            prop_assert_eq!(plan["rule"].as_str(), Some(rule));
            // The same instant in the same offset (`Z` and `+00:00` alike).
            let parts = |t: &str| {
                let t = DateTime::parse_from_rfc3339(t).unwrap();
                (t.timestamp(), t.offset().local_minus_utc())
            };
            prop_assert_eq!(plan["due"].as_str().map(parts), Some(parts(&due)));
            prop_assert_eq!(plan["via"].as_str(), Some(via));
            *seen.plans.entry(rule).or_default() += 1;
        }
        (expected, answer) => {
            return Err(TestCaseError::fail(format!(
                "follow-up: the model says {expected:?}, the implementation {:?}",
                answer.map_err(|e| e.code())
            )))
        }
    }
    Ok(())
}

// ---------------------------------------------------------------- the events as JSON

const OFFSETS: [i32; 4] = [-3 * 3600, 0, 3600, 5 * 3600 + 1800];

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

fn to_json(e: &Concrete, offset: usize) -> Value {
    let at = written(e.at, offset);
    let words = |l: &[usize]| l.iter().map(|i| WORDS[*i]).collect::<Vec<_>>();
    match &e.ev {
        Ev::Created {
            empty_id,
            email,
            category,
        } => json!({"type": "created", "at": at, "ticket": {
            "id": if *empty_id { " " } else { "T-1" },
            "customer": {"name": "Marina", "locale": "pt-BR"},
            "channel": if *email { "email" } else { "chat" }, "category": CATEGORIES[*category]}}),
        Ev::Message { who, internal } => json!({"type": "message", "at": at,
            "author": match who { Who::Customer => "customer", Who::Agent => "agent", Who::Bot => "bot" },
            "visibility": if *internal { "internal" } else { "public" }, "text": "ok"}),
        Ev::Status(to) => json!({"type": "status_changed", "at": at, "to": to.wire()}),
        Ev::Reclassified { category, priority } => {
            let mut v = json!({"type": "reclassified", "at": at});
            if let Some(c) = category {
                v["category"] = json!(CATEGORIES[*c]);
            }
            if let Some(p) = priority {
                v["priority"] = json!(PRIORITIES[*p]);
            }
            v
        }
        Ev::Linked {
            orders,
            payments,
            disputes,
        } => json!({"type": "linked", "at": at, "order_ids": words(orders),
            "payment_ids": words(payments), "dispute_ids": words(disputes)}),
        Ev::Tagged { add, remove } => {
            json!({"type": "tagged", "at": at, "add": words(add), "remove": words(remove)})
        }
        Ev::Proposal { kind } => json!({"type": "proposal", "at": at, "kind": KINDS[*kind]}),
        Ev::Agreement { .. } => json!({"type": "agreement", "at": at, "proposal": e.proposal}),
        Ev::FollowUp { due_days } => json!({"type": "follow_up", "at": at,
            "due": written(e.at + due_days * 86_400, offset + 1), "via": "email"}),
    }
}

// ---------------------------------------------------------------- comparison

fn same(model: &Model, state: &Value) -> Result<(), TestCaseError> {
    let opt = |f: &str| instant(&state[f]);
    let list = |v: &Value| -> Vec<String> {
        v.as_array()
            .map(|a| a.iter().map(|x| x.as_str().unwrap().to_owned()).collect())
            .unwrap_or_default()
    };
    prop_assert_eq!(state["status"].as_str(), Some(model.status.wire()));
    prop_assert_eq!(state["events"].as_u64(), Some(model.events as u64));
    prop_assert_eq!(opt("created_at"), Some(model.created_at));
    prop_assert_eq!(opt("updated_at"), Some(model.updated_at));
    prop_assert_eq!(opt("first_reply_at"), model.first_reply_at);
    prop_assert_eq!(opt("awaiting_reply_since"), model.awaiting_reply_since);
    prop_assert_eq!(
        state["customer_messages"].as_u64(),
        Some(u64::from(model.customer_messages))
    );
    prop_assert_eq!(
        state["agent_replies"].as_u64(),
        Some(u64::from(model.agent_replies))
    );
    prop_assert_eq!(opt("first_solved_at"), model.first_solved_at);
    prop_assert_eq!(opt("solved_at"), model.solved_at);
    prop_assert_eq!(opt("closed_at"), model.closed_at);
    prop_assert_eq!(state["reopens"].as_u64(), Some(u64::from(model.reopens)));
    let proposals: Vec<(usize, Option<i64>)> = state["proposals"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| {
            (
                p["event"].as_u64().unwrap() as usize,
                instant(&p["agreed_at"]),
            )
        })
        .collect();
    prop_assert_eq!(&proposals, &model.proposals);
    let due: Vec<i64> = state["follow_ups"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| instant(&f["due"]).unwrap())
        .collect();
    prop_assert_eq!(&due, &model.follow_ups);
    let ticket = &state["ticket"];
    prop_assert_eq!(ticket["id"].as_str(), Some(model.id.as_str()));
    prop_assert_eq!(ticket["category"].as_str(), Some(model.category));
    prop_assert_eq!(ticket["priority"].as_str(), Some(model.priority));
    prop_assert_eq!(list(&ticket["tags"]), model.tags.clone());
    let links = &ticket["links"];
    for (field, mine) in ["order_ids", "payment_ids", "dispute_ids"]
        .iter()
        .zip(&model.links)
    {
        prop_assert_eq!(&list(&links[*field]), mine, "{}", field);
    }
    Ok(())
}

/// The follow-up ticket carries the closed one's current category, priority and links.
fn same_follow_up(m: &Model, f: &Value) -> Result<(), TestCaseError> {
    prop_assert_eq!(f["follow_up_of"].as_str(), Some("T-1"));
    prop_assert_eq!(f["category"].as_str(), Some(m.category));
    prop_assert_eq!(f["priority"].as_str(), Some(m.priority));
    let links: Vec<Vec<String>> = ["order_ids", "payment_ids", "dispute_ids"]
        .iter()
        .map(|k| serde_json::from_value(f["links"][*k].clone()).unwrap())
        .collect();
    prop_assert_eq!(&links[..], &m.links[..]);
    Ok(())
}

// ---------------------------------------------------------------- generation

fn status() -> impl Strategy<Value = St> {
    prop::sample::select(&STATUSES[..])
}

fn words() -> impl Strategy<Value = Vec<usize>> {
    prop::collection::vec(0..WORDS.len(), 0..3)
}

fn created() -> impl Strategy<Value = Ev> {
    (any::<bool>(), 0..CATEGORIES.len()).prop_map(|(email, category)| Ev::Created {
        empty_id: false,
        email,
        category,
    })
}

fn event() -> impl Strategy<Value = Ev> {
    let who = prop_oneof![Just(Who::Customer), Just(Who::Agent), Just(Who::Bot)];
    prop_oneof![
        1 => created(),
        6 => (who, prop::bool::weighted(0.15))
            .prop_map(|(who, internal)| Ev::Message { who, internal }),
        8 => status().prop_map(Ev::Status),
        4 => prop_oneof![Just(St::Solved), Just(St::Closed)].prop_map(Ev::Status),
        1 => (prop::option::of(0..CATEGORIES.len()), prop::option::of(0..PRIORITIES.len()))
            .prop_map(|(category, priority)| Ev::Reclassified { category, priority }),
        1 => (words(), words(), words())
            .prop_map(|(orders, payments, disputes)| Ev::Linked { orders, payments, disputes }),
        1 => (words(), words()).prop_map(|(add, remove)| Ev::Tagged { add, remove }),
        2 => (0..KINDS.len()).prop_map(|kind| Ev::Proposal { kind }),
        2 => (0..64usize).prop_map(|pick| Ev::Agreement { pick }),
        2 => (-2..30i64).prop_map(|due_days| Ev::FollowUp { due_days }),
    ]
}

fn step() -> impl Strategy<Value = Step> {
    // Instants: often equal to the last one, mostly later (minutes to days), sometimes
    // earlier.
    let seconds = prop_oneof![
        3 => Just(0i64),
        8 => 1..36_000i64,
        3 => 36_000..1_300_000i64,
        1 => -36_000..0i64,
    ];
    (seconds, 0..OFFSETS.len(), event()).prop_map(|(seconds, offset, ev)| Step {
        seconds,
        offset,
        ev,
    })
}

fn sequence() -> impl Strategy<Value = Vec<Step>> {
    // Most sequences start with `created`; a few do not, or open with an empty id.
    let first = prop_oneof![
        12 => created().prop_map(Some),
        1 => Just(Some(Ev::Created { empty_id: true, email: false, category: 0 })),
        1 => Just(None),
    ];
    (first, prop::collection::vec(step(), 0..32)).prop_map(|(first, mut rest)| {
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
        rest
    })
}

// ---------------------------------------------------------------- the property

/// What the runs reached, to check that the property is not empty.
#[derive(Debug, Default)]
struct Reached {
    runs: usize,
    closed: usize,
    reopened: usize,
    follow_up_ticket: usize,
    agreed: usize,
    scheduled: usize,
    /// Follow-up plans, by rule.
    plans: std::collections::BTreeMap<&'static str, usize>,
    same_instant: usize,
    refusals: std::collections::BTreeMap<&'static str, usize>,
}

const BASE: i64 = 1_772_802_000; // 2026-03-06T10:00:00-03:00

fn run(engine: &Engine, steps: &[Step], reached: &RefCell<Reached>) -> Result<(), TestCaseError> {
    let mut model: Option<Model> = None;
    let mut state: Option<Value> = None;
    let mut log: Vec<Value> = Vec::new();
    let mut seen = Reached::default();
    for (i, step) in steps.iter().enumerate() {
        let last = model.as_ref().map_or(BASE, |m| m.updated_at);
        let proposal = match (&step.ev, &model) {
            (Ev::Agreement { pick }, Some(m)) if !m.proposals.is_empty() && pick % 4 != 0 => {
                m.proposals[pick % m.proposals.len()].0
            }
            (Ev::Agreement { pick }, _) => pick % 24,
            _ => 0,
        };
        let e = Concrete {
            at: last + step.seconds,
            offset: step.offset,
            ev: step.ev.clone(),
            proposal,
        };
        let event = to_json(&e, step.offset);
        let says = model_apply(model.as_ref(), &e);
        let mut request = json!({ "event": event });
        if let Some(s) = &state {
            request["state"] = s.clone();
        }
        let answer = engine.call_json("ticket.apply", request.to_string().as_bytes());
        match (&says, answer) {
            (Says::Refused(code), Err(err)) => {
                prop_assert_eq!(err.code(), *code, "step {}: {}", i, event);
                prop_assert_eq!(err.path(), "event");
                *seen.refusals.entry(code).or_default() += 1;
            }
            (Says::Appended(next), Ok(text)) => {
                let out: Value = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(out["outcome"].as_str(), Some("appended"), "step {}", i);
                same(next, &out["state"])
                    .map_err(|e| TestCaseError::fail(format!("step {i}: {event}: {e}")))?;
                seen.same_instant += usize::from(model.is_some() && step.seconds == 0);
                seen.closed += usize::from(next.status == St::Closed);
                seen.reopened += usize::from(next.reopens > 0);
                seen.agreed += usize::from(matches!(step.ev, Ev::Agreement { .. }));
                seen.scheduled += usize::from(matches!(step.ev, Ev::FollowUp { .. }));
                state = Some(out["state"].clone());
                log.push(out["event"].clone());
                check_follow_up(engine, next, &log, &mut seen)
                    .map_err(|e| TestCaseError::fail(format!("step {i}: {event}: {e}")))?;
                model = Some(*next.clone());
            }
            (Says::FollowUp, Ok(text)) => {
                let out: Value = serde_json::from_str(&text).unwrap();
                prop_assert_eq!(out["outcome"].as_str(), Some("follow_up"));
                prop_assert_eq!(Some(&out["state"]), state.as_ref());
                same_follow_up(model.as_ref().unwrap(), &out["follow_up"])?;
                seen.follow_up_ticket += 1;
            }
            (says, answer) => {
                return Err(TestCaseError::fail(format!(
                    "step {i}: {event}: the model says {says:?}, the implementation {:?}",
                    answer.map_err(|e| e.code())
                )))
            }
        }
    }
    // The kept log replays to the last state.
    if let Some(state) = state {
        let out = engine
            .call_json(
                "ticket.replay",
                json!({ "log": log }).to_string().as_bytes(),
            )
            .map_err(|e| TestCaseError::fail(format!("replay: {e}")))?;
        let out: Value = serde_json::from_str(&out).unwrap();
        prop_assert_eq!(&out["state"], &state);
    }
    reached.borrow_mut().add(seen);
    Ok(())
}

impl Reached {
    /// Counts one run: each state it reached once, each refusal as often as it came.
    fn add(&mut self, run: Reached) {
        self.runs += 1;
        self.closed += usize::from(run.closed > 0);
        self.reopened += usize::from(run.reopened > 0);
        self.follow_up_ticket += usize::from(run.follow_up_ticket > 0);
        self.agreed += usize::from(run.agreed > 0);
        self.scheduled += usize::from(run.scheduled > 0);
        self.same_instant += usize::from(run.same_instant > 0);
        for rule in run.plans.into_keys() {
            *self.plans.entry(rule).or_default() += 1;
        }
        for (code, n) in run.refusals {
            *self.refusals.entry(code).or_default() += n;
        }
    }
}

#[test]
fn the_ticket_lifecycle_agrees_with_its_reference_model() {
    let engine = Engine::default_store().unwrap();
    let reached = RefCell::new(Reached::default());
    let config = Config {
        cases: 512,
        failure_persistence: None,
        ..Config::default()
    };
    let mut runner = TestRunner::new(config);
    let result = runner.run(&sequence(), |steps| run(&engine, &steps, &reached));
    if let Err(e) = result {
        panic!("{e}");
    }
    let r = reached.into_inner();
    eprintln!("{r:?}");
    // Not an empty property: a fair share of runs (in per mille, about half of what 512
    // runs reach) gets to each interesting state.
    let share = |n: usize| n * 1000 / r.runs.max(1);
    assert!(r.runs >= 512, "{r:?}");
    let at_least = [
        (r.closed, 150, "closed"),
        (r.reopened, 150, "reopened"),
        (r.follow_up_ticket, 40, "a follow-up ticket"),
        (r.agreed, 60, "an agreement"),
        (r.scheduled, 60, "a follow-up scheduled"),
        (r.same_instant, 400, "two events at the same instant"),
    ];
    for (n, per_mille, what) in at_least {
        assert!(share(n) >= per_mille, "{what} in too few runs: {r:?}");
    }
    for rule in [
        "card_refund_arrival",
        "duplicate_reversed",
        "dispute_outcome",
        "payment_retry_chat",
        "payment_retry",
        "relationship",
    ] {
        let n = r.plans.get(rule).copied().unwrap_or(0);
        assert!(
            share(n) >= 20,
            "follow-up rule {rule} in too few runs: {r:?}"
        );
    }
    for code in [
        "ticket.not_created",
        "ticket.already_created",
        "ticket.out_of_order",
        "ticket.illegal_transition",
        "ticket.closed",
        "ticket.unknown_proposal",
        "ticket.not_solved",
        "ticket.invalid_event",
    ] {
        assert!(
            r.refusals.get(code).copied().unwrap_or(0) >= 5,
            "{code} refused too rarely: {r:?}"
        );
    }
}

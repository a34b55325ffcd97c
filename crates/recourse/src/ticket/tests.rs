//! The lifecycle's invariants: examples for each rule, and a property test that random
//! event sequences never reach an illegal state and that every prefix of an accepted log
//! replays to the state it had.

use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
use crate::comms::Locale;

fn t(minutes: i64) -> Timestamp {
    let base = Timestamp::parse("2026-03-06T17:00:00-03:00").unwrap();
    Timestamp::from(base.as_datetime() + chrono::Duration::minutes(minutes))
}

fn created(at: i64) -> Event {
    Event::Created {
        at: t(at),
        ticket: Ticket {
            id: "T-1".into(),
            customer: Customer {
                name: "Marina".into(),
                locale: Locale::PtBr,
                tier: Tier::Standard,
            },
            channel: Channel::Chat,
            category: Category::ChargedTwice,
            priority: Priority::High,
            tags: vec![],
            links: Links::default(),
            follow_up_of: None,
        },
    }
}

fn msg(at: i64, author: Author) -> Event {
    Event::Message {
        at: t(at),
        author,
        visibility: Visibility::Public,
        text: "hi".into(),
    }
}

fn status(at: i64, to: Status) -> Event {
    Event::StatusChanged { at: t(at), to }
}

fn next(state: Option<&TicketState>, event: &Event) -> Result<TicketState, TicketError> {
    match apply(state, event)? {
        Transition::Next(s) => Ok(*s),
        Transition::FollowUp(_) => Err(TicketError::Closed),
    }
}

#[test]
fn the_status_table() {
    use Status::*;
    let all = [New, Open, Pending, OnHold, Solved, Closed];
    for from in all {
        for to in all {
            let expected = match (from, to) {
                (_, New) | (Closed, _) => false,
                (Solved, Closed) => true,
                (_, Closed) => false,
                (a, b) => a != b,
            };
            assert_eq!(allowed(from, to), expected, "{from:?} -> {to:?}");
        }
    }
}

#[test]
fn customer_reply_reopens_pending_and_solved_but_not_on_hold() {
    let s = next(None, &created(0)).unwrap();
    let s = next(Some(&s), &status(1, Status::Pending)).unwrap();
    let s = next(Some(&s), &msg(2, Author::Customer)).unwrap();
    assert_eq!(s.status, Status::Open);
    let s = next(Some(&s), &status(3, Status::OnHold)).unwrap();
    let s = next(Some(&s), &msg(4, Author::Customer)).unwrap();
    assert_eq!(s.status, Status::OnHold);
    let s = next(Some(&s), &status(5, Status::Solved)).unwrap();
    assert_eq!(s.solved_at, Some(t(5)));
    let s = next(Some(&s), &msg(6, Author::Customer)).unwrap();
    assert_eq!((s.status, s.reopens, s.solved_at), (Status::Open, 1, None));
    assert_eq!(s.first_solved_at, Some(t(5)));
}

#[test]
fn a_bot_acknowledgement_is_not_a_reply() {
    let s = next(None, &created(0)).unwrap();
    let s = next(Some(&s), &msg(0, Author::Customer)).unwrap();
    let s = next(Some(&s), &msg(1, Author::Bot)).unwrap();
    assert_eq!(
        (s.status, s.first_reply_at, s.awaiting_reply_since),
        (Status::New, None, Some(t(0)))
    );
    let s = next(Some(&s), &msg(9, Author::Agent)).unwrap();
    assert_eq!(
        (s.status, s.first_reply_at, s.awaiting_reply_since),
        (Status::Open, Some(t(9)), None)
    );
}

#[test]
fn closed_is_final_and_a_reply_starts_a_follow_up() {
    let mut s = next(None, &created(0)).unwrap();
    for (i, e) in [status(1, Status::Solved), status(2, Status::Closed)]
        .iter()
        .enumerate()
    {
        s = next(Some(&s), e).unwrap_or_else(|e| panic!("{i}: {e}"));
    }
    assert_eq!(
        apply(Some(&s), &status(3, Status::Open)),
        Err(TicketError::Closed)
    );
    assert_eq!(
        apply(Some(&s), &msg(3, Author::Agent)),
        Err(TicketError::Closed)
    );
    match apply(Some(&s), &msg(3, Author::Customer)).unwrap() {
        Transition::FollowUp(f) => assert_eq!(f.follow_up_of, "T-1"),
        Transition::Next(_) => panic!("a closed ticket took a reply"),
    }
    let log = vec![
        created(0),
        status(1, Status::Solved),
        status(2, Status::Closed),
        msg(3, Author::Customer),
    ];
    let e = replay(&log).unwrap_err();
    assert_eq!((e.code(), e.path()), ("ticket.closed", "log[3]"));
}

/// Regression (found by the reference model in tests/lifecycle_ticket_model.rs): a
/// customer's message marked internal on a closed ticket opened a follow-up ticket, whose
/// own log would then refuse it. It is malformed there as anywhere.
#[test]
fn an_internal_customer_message_opens_no_follow_up() {
    let mut s = next(None, &created(0)).unwrap();
    for e in [status(1, Status::Solved), status(2, Status::Closed)] {
        s = next(Some(&s), &e).unwrap();
    }
    let internal = Event::Message {
        at: t(3),
        author: Author::Customer,
        visibility: Visibility::Internal,
        text: "hi".into(),
    };
    let refused = apply(Some(&s), &internal).unwrap_err();
    assert_eq!(refused.code(), "ticket.invalid_event");
}

#[test]
fn a_follow_up_ticket_refuses_keys_it_does_not_have() {
    let mut s = next(None, &created(0)).unwrap();
    for e in [status(1, Status::Solved), status(2, Status::Closed)] {
        s = next(Some(&s), &e).unwrap();
    }
    let Transition::FollowUp(follow_up) = apply(Some(&s), &msg(3, Author::Customer)).unwrap()
    else {
        panic!("a closed ticket took a reply");
    };
    let mut json = serde_json::to_value(&follow_up).unwrap();
    assert_eq!(
        serde_json::from_value::<FollowUpTicket>(json.clone()).unwrap(),
        follow_up
    );
    json["obseved"] = serde_json::Value::Bool(true);
    let refused = serde_json::from_value::<FollowUpTicket>(json).unwrap_err();
    assert!(refused.to_string().contains("unknown field"), "{refused}");
    assert!(!refused.to_string().contains("obseved"), "{refused}");
}

#[test]
fn errors_carry_the_path_of_the_event() {
    let cases: Vec<(Vec<Event>, &str, &str)> = vec![
        (vec![], "ticket.empty_log", "log"),
        (
            vec![msg(0, Author::Customer)],
            "ticket.not_created",
            "log[0]",
        ),
        (
            vec![created(0), created(1)],
            "ticket.already_created",
            "log[1]",
        ),
        (
            vec![created(5), msg(4, Author::Customer)],
            "ticket.out_of_order",
            "log[1]",
        ),
        (
            vec![created(0), status(1, Status::New)],
            "ticket.illegal_transition",
            "log[1]",
        ),
        (
            vec![created(0), status(1, Status::Closed)],
            "ticket.illegal_transition",
            "log[1]",
        ),
        (
            vec![
                created(0),
                Event::Agreement {
                    at: t(1),
                    proposal: 0,
                },
            ],
            "ticket.unknown_proposal",
            "log[1]",
        ),
        (
            vec![
                created(0),
                Event::FollowUp {
                    at: t(1),
                    due: t(9),
                    via: Channel::Email,
                },
            ],
            "ticket.not_solved",
            "log[1]",
        ),
        (
            vec![
                created(0),
                Event::Reclassified {
                    at: t(1),
                    category: None,
                    priority: None,
                },
            ],
            "ticket.invalid_event",
            "log[1]",
        ),
    ];
    for (log, code, path) in cases {
        let e = replay(&log).unwrap_err();
        assert_eq!((e.code(), e.path()), (code, path), "{log:?}");
    }
}

#[test]
fn agreements_close_their_proposal_once() {
    let log = vec![
        created(0),
        Event::Proposal {
            at: t(1),
            kind: ProposalKind::Refund,
            amount: None,
        },
        Event::Agreement {
            at: t(2),
            proposal: 1,
        },
    ];
    let s = replay(&log).unwrap();
    assert_eq!(s.proposals.first().and_then(|p| p.agreed_at), Some(t(2)));
    let again = Event::Agreement {
        at: t(3),
        proposal: 1,
    };
    assert_eq!(apply(Some(&s), &again), Err(TicketError::UnknownProposal));
}

/// A random event, with a time step that is sometimes backwards.
fn arb_event() -> impl Strategy<Value = (i64, Event)> {
    let status = prop_oneof![
        Just(Status::New),
        Just(Status::Open),
        Just(Status::Pending),
        Just(Status::OnHold),
        Just(Status::Solved),
        Just(Status::Closed),
    ];
    let author = prop_oneof![
        Just(Author::Customer),
        Just(Author::Agent),
        Just(Author::Bot)
    ];
    let visibility = prop_oneof![Just(Visibility::Public), Just(Visibility::Internal)];
    let kind = prop_oneof![
        3 => status.prop_map(|to| (0u8, Some(to), None, None)),
        4 => (author, visibility).prop_map(|(a, v)| (1u8, None, Some((a, v)), None)),
        1 => Just((2u8, None, None, None)),
        1 => (0usize..12).prop_map(|i| (3u8, None, None, Some(i))),
        1 => Just((4u8, None, None, None)),
        1 => Just((5u8, None, None, None)),
    ];
    (-5i64..120, kind).prop_map(|(step, (k, to, msg, idx))| {
        let at = t(0); // replaced by the caller's clock
        let event = match (k, to, msg, idx) {
            (0, Some(to), _, _) => Event::StatusChanged { at, to },
            (1, _, Some((author, visibility)), _) => Event::Message {
                at,
                author,
                visibility,
                text: "x".into(),
            },
            (2, ..) => Event::Proposal {
                at,
                kind: ProposalKind::Refund,
                amount: None,
            },
            (3, _, _, Some(proposal)) => Event::Agreement { at, proposal },
            (4, ..) => Event::FollowUp {
                at,
                due: at,
                via: Channel::Email,
            },
            _ => created(0),
        };
        (step, event)
    })
}

fn with_time(event: Event, at: Timestamp) -> Event {
    let mut value = serde_json::to_value(&event).unwrap();
    value["at"] = serde_json::Value::String(at.to_rfc3339());
    serde_json::from_value(value).unwrap()
}

fn check_invariants(s: &TicketState, ever_left_new: bool) {
    assert!(
        !(ever_left_new && s.status == Status::New),
        "new was re-entered"
    );
    assert_eq!(
        s.solved_at.is_some(),
        matches!(s.status, Status::Solved | Status::Closed),
        "solved_at set exactly while solved or closed"
    );
    assert_eq!(s.closed_at.is_some(), s.status == Status::Closed);
    assert!(s.first_solved_at <= s.solved_at || s.solved_at.is_none());
    assert!(s.updated_at >= s.created_at);
    assert!(s.first_reply_at.is_none() || s.agent_replies > 0);
    if matches!(s.status, Status::Solved | Status::Closed) {
        assert!(
            s.awaiting_reply_since.is_none(),
            "solving answers the customer"
        );
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn random_sequences_never_reach_an_illegal_state(events in prop::collection::vec(arb_event(), 0..60)) {
        let mut state = next(None, &created(0)).unwrap();
        let mut log = vec![created(0)];
        let mut states = vec![state.clone()];
        let mut clock = 0i64;
        let mut ever_left_new = false;
        for (step, event) in events {
            clock += step;
            let event = with_time(event, t(clock));
            let before = state.status;
            match apply(Some(&state), &event) {
                Ok(Transition::Next(s)) => {
                    let s = *s;
                    if let Event::StatusChanged { to, .. } = &event {
                        prop_assert!(allowed(before, *to));
                        prop_assert_eq!(s.status, *to);
                    }
                    prop_assert_ne!(before, Status::Closed);
                    prop_assert_eq!(s.events, log.len() + 1);
                    state = s;
                    log.push(event);
                    states.push(state.clone());
                }
                Ok(Transition::FollowUp(_)) => {
                    prop_assert_eq!(before, Status::Closed);
                    prop_assert!(event.is_customer_message());
                }
                Err(TicketError::IllegalTransition { from, to }) => {
                    prop_assert!(!allowed(from, to));
                    prop_assert_eq!(from, before);
                }
                Err(TicketError::OutOfOrder) => prop_assert!(event.at() < &state.updated_at),
                Err(_) => {}
            }
            ever_left_new |= state.status != Status::New;
            check_invariants(&state, ever_left_new);
        }
        for n in 1..=log.len() {
            let replayed = replay(log.get(..n).unwrap()).unwrap();
            prop_assert_eq!(&replayed, states.get(n - 1).unwrap());
        }
    }
}

#[test]
fn messages_are_stored_redacted_and_receipts_cannot_confirm_a_card_number() {
    let engine = crate::Engine::default_store().unwrap();
    let state = serde_json::to_value(next(None, &created(0)).unwrap()).unwrap();
    let call = |text: &str| {
        let request = serde_json::json!({"state": state, "event": {
            "type": "message", "at": t(1).to_string(), "author": "customer", "text": text}});
        let out = engine
            .call_json("ticket.apply", request.to_string().as_bytes())
            .unwrap();
        serde_json::from_str::<serde_json::Value>(&out).unwrap()
    };
    let raw = call("cartão 4111 1111 1111 1111 CVV 123");
    assert_eq!(raw["event"]["text"], "cartão **** **** **** 1111 CVV ***");
    assert!(!raw.to_string().contains("4111 1111"));
    let masked = call("cartão **** **** **** 1111 CVV ***");
    assert_eq!(
        raw["receipt"]["input_digest"],
        masked["receipt"]["input_digest"]
    );
}

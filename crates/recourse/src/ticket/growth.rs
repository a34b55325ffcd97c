//! How the work of replaying and applying events grows with their size: counted (see
//! `crate::sort::work`), never timed. Each case is measured at `n` and `4n` ids, tags or
//! events and must grow no faster than n log n; a scan of the state per id would grow
//! sixteen times. And the indexes that make it so answer exactly what those scans did.

use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::sort::{assert_n_log_n, work_done};

const N: usize = 4096;

fn t(minutes: usize) -> Timestamp {
    let base = Timestamp::parse("2026-03-06T17:00:00-03:00").unwrap();
    let minutes = i64::try_from(minutes).unwrap();
    Timestamp::from(base.as_datetime() + chrono::Duration::minutes(minutes))
}

fn ids(prefix: &str, range: std::ops::Range<usize>) -> Vec<String> {
    range.map(|i| format!("{prefix}-{i:07}")).collect()
}

fn created(tags: Vec<String>, order_ids: Vec<String>) -> Event {
    Event::Created {
        at: t(0),
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
            tags,
            links: Links {
                order_ids,
                ..Links::default()
            },
            follow_up_of: None,
        },
    }
}

fn linked(at: usize, order_ids: Vec<String>) -> Event {
    Event::Linked {
        at: t(at),
        order_ids,
        payment_ids: vec![],
        dispute_ids: vec![],
    }
}

fn tagged(at: usize, add: Vec<String>, remove: Vec<String>) -> Event {
    Event::Tagged {
        at: t(at),
        add,
        remove,
    }
}

/// The work of replaying `log`, which must be accepted.
fn replay_work(log: &[Event]) -> usize {
    let (state, work) = work_done(|| replay(log));
    assert!(state.is_ok(), "{state:?}");
    work
}

/// The work of applying `event` to the state `log` replays to (the replay not counted).
fn apply_work(log: &[Event], event: &Event) -> usize {
    let state = replay(log).unwrap();
    let (next, work) = work_done(|| apply(Some(&state), event));
    assert!(matches!(next, Ok(Transition::Next(_))), "{next:?}");
    work
}

#[test]
fn replaying_one_linked_event_grows_n_log_n() {
    assert_n_log_n("ticket.replay, one linked event of n ids", N, |n| {
        replay_work(&[created(vec![], vec![]), linked(1, ids("O", 0..n))])
    });
}

#[test]
fn linking_onto_a_state_holding_n_ids_grows_n_log_n() {
    assert_n_log_n("ticket.apply, n ids linked onto n ids", N, |n| {
        // Half the new ids are already linked: they are dropped, the rest are appended.
        let event = linked(1, ids("O", n / 2..n + n / 2));
        apply_work(&[created(vec![], ids("O", 0..n))], &event)
    });
}

#[test]
fn tagging_onto_a_state_holding_n_tags_grows_n_log_n() {
    assert_n_log_n(
        "ticket.apply, n tags added and n/2 removed on n tags",
        N,
        |n| {
            let event = tagged(1, ids("new", 0..n), ids("tag", 0..n / 2));
            apply_work(&[created(ids("tag", 0..n), vec![])], &event)
        },
    );
}

/// `n` small events on a ticket holding `n` tags and `n` links: a pass over the whole
/// state per event would be quadratic.
fn small_events(n: usize) -> Vec<Event> {
    let mut log = vec![created(ids("tag", 0..n), ids("O", 0..n))];
    for i in 0..n {
        let at = log.len();
        log.push(match i % 3 {
            0 => tagged(at, vec![format!("x-{i}")], vec![format!("tag-{i:07}")]),
            1 => tagged(at, vec![format!("tag-{:07}", i - 1)], vec![]),
            _ => linked(at, vec![format!("O-{i:07}"), format!("P-{i:07}")]),
        });
    }
    log
}

#[test]
fn replaying_n_small_events_on_a_large_ticket_grows_n_log_n() {
    assert_n_log_n(
        "ticket.replay, n small events on n tags and n ids",
        N,
        |n| replay_work(&small_events(n)),
    );
}

#[test]
fn agreeing_to_n_proposals_grows_n_log_n() {
    assert_n_log_n("ticket.replay, n proposals then n agreements", N, |n| {
        let mut log = vec![created(vec![], vec![])];
        for _ in 0..n {
            log.push(Event::Proposal {
                at: t(log.len()),
                kind: ProposalKind::Coupon,
                amount: None,
            });
        }
        for i in 0..n {
            log.push(Event::Agreement {
                at: t(log.len()),
                proposal: i + 1,
            });
        }
        replay_work(&log)
    });
}

#[test]
fn sla_status_of_a_long_log_grows_n_log_n() {
    let engine = crate::Engine::default_store().unwrap();
    assert_n_log_n("sla.status, n small events on n tags and n ids", N, |n| {
        let mut log = small_events(n);
        log.push(linked(log.len(), ids("O", 0..n)));
        let request = serde_json::json!({"log": log, "now": t(10 * n).to_string()});
        let request = request.to_string();
        let (out, work) = work_done(|| engine.call_json("sla.status", request.as_bytes()));
        assert!(out.is_ok(), "{out:?}");
        work
    });
}

/// The fold of the events the indexes serve, as it was written before them: a scan of the
/// ticket's lists per id and per tag, a scan of the proposals per agreement.
fn scanned(state: &mut TicketState, event: &Event) -> Result<(), TicketError> {
    match event {
        Event::Linked {
            order_ids,
            payment_ids,
            dispute_ids,
            ..
        } => {
            let links = &mut state.ticket.links;
            for (mine, theirs) in [
                (&mut links.order_ids, order_ids),
                (&mut links.payment_ids, payment_ids),
                (&mut links.dispute_ids, dispute_ids),
            ] {
                for id in theirs {
                    if !mine.contains(id) {
                        mine.push(id.clone());
                    }
                }
            }
        }
        Event::Tagged { add, remove, .. } => {
            state.ticket.tags.retain(|t| !remove.contains(t));
            for tag in add {
                if !state.ticket.tags.contains(tag) {
                    state.ticket.tags.push(tag.clone());
                }
            }
        }
        Event::Proposal { kind, amount, .. } => state.proposals.push(ProposalState {
            event: state.events,
            kind: *kind,
            amount: *amount,
            agreed_at: None,
        }),
        Event::Agreement { at, proposal } => {
            let open = state
                .proposals
                .iter_mut()
                .find(|p| p.event == *proposal && p.agreed_at.is_none())
                .ok_or(TicketError::UnknownProposal)?;
            open.agreed_at = Some(*at);
        }
        _ => unreachable!("only the indexed events are generated"),
    }
    state.events += 1;
    state.updated_at = *event.at();
    Ok(())
}

fn few(prefix: &'static str) -> impl Strategy<Value = Vec<String>> {
    prop::collection::vec((0..5).prop_map(move |i| format!("{prefix}{i}")), 0..5)
}

fn arb_indexed_event() -> impl Strategy<Value = Event> {
    prop_oneof![
        (few("o"), few("p"), few("d")).prop_map(|(o, p, d)| Event::Linked {
            at: t(0),
            order_ids: o,
            payment_ids: p,
            dispute_ids: d,
        }),
        (few("t"), few("t")).prop_map(|(add, remove)| tagged(0, add, remove)),
        Just(Event::Proposal {
            at: t(0),
            kind: ProposalKind::Refund,
            amount: None,
        }),
        (0usize..12).prop_map(|proposal| Event::Agreement { at: t(0), proposal }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn the_indexes_answer_what_the_scans_answered(
        tags in few("t"),
        order_ids in few("o"),
        events in prop::collection::vec(arb_indexed_event(), 0..30),
        shuffled in any::<bool>(),
    ) {
        let mut log = vec![created(tags, order_ids)];
        let mut state = replay(&log).unwrap();
        let mut expected = state.clone();
        for (i, event) in events.into_iter().enumerate() {
            let event = match event {
                Event::Linked { order_ids, payment_ids, dispute_ids, .. } =>
                    Event::Linked { at: t(i), order_ids, payment_ids, dispute_ids },
                Event::Tagged { add, remove, .. } => tagged(i, add, remove),
                Event::Proposal { kind, amount, .. } => Event::Proposal { at: t(i), kind, amount },
                Event::Agreement { proposal, .. } => Event::Agreement { at: t(i), proposal },
                other => other,
            };
            let mut scan = expected.clone();
            match (scanned(&mut scan, &event), apply(Some(&state), &event)) {
                (Ok(()), Ok(Transition::Next(next))) => {
                    prop_assert_eq!(&*next, &scan);
                    (state, expected) = (*next, scan);
                    log.push(event);
                }
                (Err(a), Err(b)) => prop_assert_eq!(a, b),
                (a, b) => prop_assert!(false, "{:?} against {:?}", a, b),
            }
            if shuffled {
                // A state the host made: proposals out of log order are scanned.
                state.proposals.reverse();
                expected.proposals.reverse();
            }
        }
        if !shuffled {
            prop_assert_eq!(replay(&log).unwrap(), expected);
        }
    }

    #[test]
    fn merging_links_is_adding_each_id_not_yet_there(
        mine in few("o"),
        theirs in few("o"),
    ) {
        let mut merged = Links { order_ids: mine.clone(), ..Links::default() };
        merged.merge(&Links { order_ids: theirs.clone(), ..Links::default() });
        let mut expected = mine;
        for id in theirs {
            if !expected.contains(&id) {
                expected.push(id);
            }
        }
        prop_assert_eq!(merged.order_ids, expected);
    }
}

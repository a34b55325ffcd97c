//! Walks a ticket's log once and drives each metric's clock: when it activates, pauses,
//! resumes and is fulfilled. The log goes through the ticket lifecycle as it is walked, so an
//! invalid log is refused with the path of its first bad event.

use super::clock::Tracker;
use super::config::Metric;
use crate::calendar::Timestamp;
use crate::ticket::{Event, Fold, Status, TicketError, TicketState};
use crate::Error;

/// Whether a metric's clock runs while the ticket has a status (for an open cycle).
pub(crate) fn runs_in(metric: Metric, status: Status) -> bool {
    match metric {
        Metric::FirstReply | Metric::NextReply | Metric::PeriodicUpdate => true,
        Metric::PausableUpdate => matches!(status, Status::New | Status::Open | Status::OnHold),
        Metric::RequesterWait => matches!(status, Status::New | Status::Open | Status::OnHold),
        Metric::AgentWork => matches!(status, Status::New | Status::Open),
        Metric::Resolution => !matches!(status, Status::Solved | Status::Closed),
    }
}

/// What one event means to the clocks.
struct Moment {
    at: Timestamp,
    before: Status,
    after: Status,
    /// A public reply that counts (human, or bot when the policy says so).
    reply: bool,
    /// A message from the customer.
    customer: bool,
    /// Whether a reply had been given before this event.
    replied_before: bool,
}

impl Moment {
    fn solved(&self) -> bool {
        self.after == Status::Solved && self.before != Status::Solved
    }
    fn reopened(&self) -> bool {
        self.before == Status::Solved
            && self.after != Status::Solved
            && self.after != Status::Closed
    }
}

/// The trackers of the metrics asked for, after the whole log, with the final state. `bots`
/// says whether a public bot reply at an instant counts.
///
/// # Errors
/// The lifecycle's errors at `log[i]`, `sla.event_after_now` for an event later than `now`.
pub(crate) fn walk(
    log: &[Event],
    metrics: &[Metric],
    bots: &dyn Fn(&Timestamp) -> bool,
    now: &Timestamp,
) -> Result<(TicketState, Vec<Tracker>), Error> {
    let mut trackers: Vec<Tracker> = metrics.iter().map(|_| Tracker::default()).collect();
    let mut events = log.iter().enumerate();
    let mut state = match events.next() {
        None => return Err(Error::new(TicketError::EmptyLog, "log")),
        Some((_, Event::Created { at, ticket })) => {
            Fold::open(*at, ticket).map_err(|e| Error::new(e, "log[0]"))?
        }
        Some(_) => return Err(Error::new(TicketError::NotCreated, "log[0]")),
    };
    if &state.created_at() > now {
        return Err(Error::new(super::SlaError::EventAfterNow, "log[0]"));
    }
    for (metric, tracker) in metrics.iter().zip(trackers.iter_mut()) {
        if !matches!(metric, Metric::NextReply | Metric::PeriodicUpdate) {
            tracker.activate(state.created_at(), runs_in(*metric, Status::New));
        }
    }
    let mut replied = false;
    for (i, event) in events {
        let path = || format!("log[{i}]");
        if event.at() > now {
            return Err(Error::new(super::SlaError::EventAfterNow, path()));
        }
        let before = state.status();
        if state
            .advance(event)
            .map_err(|e| Error::new(e, path()))?
            .is_some()
        {
            return Err(Error::new(TicketError::Closed, path()));
        }
        let moment = Moment {
            at: *event.at(),
            before,
            after: state.status(),
            reply: event.is_reply(false) || (event.is_reply(true) && bots(event.at())),
            customer: event.is_customer_message(),
            replied_before: replied,
        };
        replied |= moment.reply;
        for (metric, tracker) in metrics.iter().zip(trackers.iter_mut()) {
            step(*metric, tracker, &moment);
        }
    }
    Ok((state.finish(), trackers))
}

fn step(metric: Metric, tracker: &mut Tracker, m: &Moment) {
    let at = m.at;
    let running = runs_in(metric, m.after);
    let solved = matches!(m.after, Status::Solved | Status::Closed);
    match metric {
        Metric::FirstReply => {
            if m.reply || m.solved() {
                tracker.fulfill(at);
            }
        }
        Metric::NextReply => {
            if m.reply || m.solved() {
                tracker.fulfill(at);
            } else if m.customer && m.replied_before {
                // Measured from the oldest unanswered message: a cycle under way stays.
                tracker.activate(at, running);
            }
        }
        Metric::PeriodicUpdate | Metric::PausableUpdate => {
            if m.solved() {
                tracker.fulfill(at);
            } else if m.reply {
                tracker.fulfill(at);
                if !solved {
                    tracker.activate(at, running);
                }
            } else if m.reopened() && metric == Metric::PausableUpdate {
                tracker.activate(at, running);
            }
        }
        Metric::RequesterWait | Metric::AgentWork | Metric::Resolution => {
            if m.solved() {
                tracker.fulfill(at);
            } else if m.reopened() {
                tracker.resume(at, running);
            }
        }
    }
    // Whatever happened, an open cycle runs exactly while the status lets it.
    tracker.set_running(at, running);
}

//! Events folded into a window's counts for `monitor.rates`. For the authorization rate,
//! the attempts of one card (its fingerprint; the event's id without one) that follow each
//! other within the retry window are one sequence, counted once by its final outcome, as
//! payment platforms analyze deduplicated declines. Refunds and early fraud warnings are
//! counted as they come. Events are folded in time order; memory holds the sequences still
//! open.

use std::collections::{BTreeMap, VecDeque};

use super::counts::{CodeCount, Counts, Metric};
use super::event::{EventKind, PaymentEvent};
use super::MonitorError;
use crate::calendar::Timestamp;
use crate::payment::PayMethod;
use crate::Error;

#[derive(Debug)]
struct Sequence {
    last: i64,
    failed: bool,
    code: Option<String>,
    method: PayMethod,
}

/// A window's counts, folded one event at a time.
#[derive(Debug)]
pub struct AttemptCounter {
    metric: Metric,
    retry_seconds: i64,
    open: BTreeMap<String, Sequence>,
    queue: VecDeque<(i64, String)>,
    total: u64,
    failed: u64,
    codes: BTreeMap<String, u64>,
    methods: BTreeMap<&'static str, u64>,
    last: Option<Timestamp>,
}

impl AttemptCounter {
    /// A counter of `metric`, retries of one card within `retry_seconds` counted once.
    pub fn new(metric: Metric, retry_seconds: u32) -> Self {
        Self {
            metric,
            retry_seconds: i64::from(retry_seconds),
            open: BTreeMap::new(),
            queue: VecDeque::new(),
            total: 0,
            failed: 0,
            codes: BTreeMap::new(),
            methods: BTreeMap::new(),
            last: None,
        }
    }

    fn count(&mut self, failed: bool, code: Option<String>, method: PayMethod) {
        self.total += 1;
        if failed {
            self.failed += 1;
            let code = code.unwrap_or_else(|| "unknown".to_owned());
            *self.codes.entry(code).or_insert(0) += 1;
            *self.methods.entry(method.as_str()).or_insert(0) += 1;
        }
    }

    fn close_before(&mut self, secs: i64) {
        while let Some((at, _)) = self.queue.front() {
            if at.saturating_add(self.retry_seconds) >= secs {
                break;
            }
            let Some((at, card)) = self.queue.pop_front() else {
                break;
            };
            if self.open.get(&card).is_some_and(|s| s.last == at) {
                if let Some(s) = self.open.remove(&card) {
                    self.count(s.failed, s.code, s.method);
                }
            }
        }
    }

    /// Folds one event in; events the metric does not count are passed over.
    ///
    /// # Errors
    /// `monitor.events_out_of_order` at `at`.
    pub fn push(&mut self, event: &PaymentEvent) -> Result<(), Error> {
        if self.last.is_some_and(|l| event.at < l) {
            return Err(Error::new(MonitorError::EventsOutOfOrder, "at"));
        }
        self.last = Some(event.at);
        let secs = event.at.to_utc().timestamp();
        self.close_before(secs);
        let failed = match (self.metric, event.kind) {
            (Metric::Authorization, EventKind::Charge) => false,
            (Metric::Authorization, EventKind::Decline) => true,
            (Metric::RefundFailure, EventKind::Refund) => false,
            (Metric::RefundFailure, EventKind::RefundFailure) => true,
            (Metric::EarlyFraudWarning, EventKind::Charge) => false,
            (Metric::EarlyFraudWarning, EventKind::EarlyFraudWarning) => true,
            _ => return Ok(()),
        };
        if self.metric != Metric::Authorization {
            self.count(failed, event.code.clone(), event.method);
            return Ok(());
        }
        let card = event.card.clone().unwrap_or_else(|| event.id.clone());
        self.queue.push_back((secs, card.clone()));
        let sequence = Sequence {
            last: secs,
            failed,
            code: event.code.clone(),
            method: event.method,
        };
        self.open.insert(card, sequence);
        Ok(())
    }

    /// The counts, every open sequence closed.
    pub fn finish(mut self) -> Counts {
        self.close_before(i64::MAX);
        Counts {
            total: self.total,
            failed: self.failed,
            codes: self
                .codes
                .into_iter()
                .map(|(code, count)| CodeCount { code, count })
                .collect(),
            segments: self
                .methods
                .into_iter()
                .map(|(m, count)| CodeCount {
                    code: m.to_owned(),
                    count,
                })
                .collect(),
        }
    }
}

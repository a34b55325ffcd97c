//! `monitor.duplicates`: charges that look like one purchase paid twice.
//!
//! Two charges are one purchase paid twice when they have the same amount and currency,
//! the same value of every match key (a charge without one of them is never matched), the
//! same order and line where either names one, and the later one comes within the window
//! of the group's first charge. A charge repeating an idempotency key of its group is the
//! same charge reported twice (a webhook delivered twice), counted as a replay. Events are
//! folded one at a time in time order; a group is closed once its window has passed, so
//! memory holds only the groups still open.

use std::collections::{BTreeMap, VecDeque};

use schemars::JsonSchema;
use serde::Serialize;

use super::config::{self, MatchKey};
use super::event::{EventKind, PaymentEvent};
use super::words::{self, Alert, AlertKind, Severity};
use super::{MonitorCapability, MonitorError};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::payment::PayMethod;
use crate::receipt::Trace;
use crate::Error;

/// The request of `monitor.duplicates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct DuplicatesRequest {
    /// The instant of the question (and of the suggested refunds).
    pub now: Timestamp,
    /// The events, oldest first, none after `now`. Only charges are compared.
    pub events: Vec<PaymentEvent>,
    /// A preset instead of the store's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub preset: Option<String>,
    /// A window instead of the store's, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub window_seconds: Option<u32>,
    /// Keys instead of the store's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub keys: Option<Vec<MatchKey>>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// A payment of the suggested refund's order, as `refund.evaluate` reads it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SuggestedPayment {
    /// The charge's id.
    pub id: String,
    /// Its method.
    pub method: PayMethod,
    /// Its amount.
    pub captured: Money,
    /// When it was charged.
    pub captured_at: Timestamp,
}

/// The order of the suggested refund: the two charges, no lines.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SuggestedOrder {
    /// The order id, when the charges name one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
    /// The currency.
    pub currency: String,
    /// The first charge's instant.
    pub purchased_at: Timestamp,
    /// None: a duplicate charge is refunded whole.
    pub lines: Vec<String>,
    /// The charge kept and its duplicate.
    pub payments: Vec<SuggestedPayment>,
}

/// What is asked: the duplicate refunded.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct SuggestedRequest {
    /// `duplicate_charge`.
    pub reason: String,
    /// The duplicate.
    pub payment_id: String,
}

/// A `refund.evaluate` request for one duplicate, ready to run.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct RefundSuggestion {
    /// The request's `now`.
    pub now: Timestamp,
    /// The order.
    pub order: SuggestedOrder,
    /// The request.
    pub request: SuggestedRequest,
}

/// One duplicate of a group.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct Duplicate {
    /// Its id.
    pub id: String,
    /// Seconds after the charge kept.
    pub seconds_after: i64,
    /// The refund it suggests.
    pub refund: RefundSuggestion,
}

/// Charges that look like one purchase paid twice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DuplicateGroup {
    /// The first charge, the one kept.
    pub kept: String,
    /// The amount of each.
    pub amount: Money,
    /// The fields they share (`amount`, `currency`, the keys, `order` and `line` when named).
    pub matched: Vec<String>,
    /// The later charges.
    pub duplicates: Vec<Duplicate>,
    /// The alert.
    pub alert: Alert,
}

/// The response of `monitor.duplicates`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DuplicatesResponse {
    /// The check applied: a preset's name, or `custom`.
    pub rule: String,
    /// Its source.
    pub source: String,
    /// The window, in seconds.
    pub window_seconds: u32,
    /// The keys besides the amount.
    pub keys: Vec<MatchKey>,
    /// Charges compared.
    pub charges: u64,
    /// Charges that repeated an idempotency key of their group (one charge reported twice).
    pub replays: u64,
    /// The groups, in the order of their first charge.
    pub groups: Vec<DuplicateGroup>,
}

#[derive(Debug)]
struct Member {
    id: String,
    at: Timestamp,
    secs: i64,
    method: PayMethod,
    idempotency_key: Option<String>,
}

#[derive(Debug)]
struct Open {
    seq: u64,
    amount: Money,
    order: Option<String>,
    line: Option<String>,
    members: Vec<Member>,
}

/// The duplicate check, folded one event at a time in time order. Memory holds the groups
/// whose window is still open.
#[derive(Debug)]
pub struct DuplicateFinder {
    window: i64,
    keys: Vec<MatchKey>,
    rule: String,
    now: Timestamp,
    locale: Locale,
    open: BTreeMap<String, Open>,
    queue: VecDeque<(i64, u64, String)>,
    closed: Vec<(u64, DuplicateGroup)>,
    last: Option<Timestamp>,
    seq: u64,
    charges: u64,
    replays: u64,
}

impl DuplicateFinder {
    /// A check over `window_seconds` on `keys`, cited as `rule`.
    ///
    /// # Errors
    /// `monitor.invalid_window` at `window_seconds` for a zero window; `monitor.weak_keys`
    /// at `keys` for keys of card and method alone.
    pub fn new(
        window_seconds: u32,
        keys: Vec<MatchKey>,
        rule: String,
        now: Timestamp,
        locale: Locale,
    ) -> Result<Self, Error> {
        if window_seconds == 0 {
            return Err(Error::new(MonitorError::InvalidWindow, "window_seconds"));
        }
        if !config::strong(&keys) {
            return Err(Error::new(MonitorError::WeakKeys, "keys"));
        }
        Ok(Self {
            window: i64::from(window_seconds),
            keys,
            rule,
            now,
            locale,
            open: BTreeMap::new(),
            queue: VecDeque::new(),
            closed: Vec::new(),
            last: None,
            seq: 0,
            charges: 0,
            replays: 0,
        })
    }

    /// Folds one event in.
    ///
    /// # Errors
    /// `monitor.events_out_of_order` and `monitor.event_after_now` at `at`.
    pub fn push(&mut self, event: &PaymentEvent) -> Result<(), Error> {
        if self.last.is_some_and(|l| event.at < l) {
            return Err(Error::new(MonitorError::EventsOutOfOrder, "at"));
        }
        if event.at > self.now {
            return Err(Error::new(MonitorError::EventAfterNow, "at"));
        }
        self.last = Some(event.at);
        let secs = event.at.to_utc().timestamp();
        self.close_before(secs);
        if event.kind != EventKind::Charge {
            return Ok(());
        }
        self.charges += 1;
        let Some(signature) = signature(event, &self.keys) else {
            return Ok(());
        };
        let member = Member {
            id: event.id.clone(),
            at: event.at,
            secs,
            method: event.method,
            idempotency_key: event.idempotency_key.clone(),
        };
        if let Some(open) = self.open.get_mut(&signature) {
            let replay = member.idempotency_key.is_some()
                && open
                    .members
                    .iter()
                    .any(|m| m.idempotency_key == member.idempotency_key);
            if replay {
                self.replays += 1;
            } else {
                open.members.push(member);
            }
            return Ok(());
        }
        self.seq += 1;
        self.queue.push_back((secs, self.seq, signature.clone()));
        let open = Open {
            seq: self.seq,
            amount: event.amount,
            order: event.order.clone(),
            line: event.line.clone(),
            members: vec![member],
        };
        self.open.insert(signature, open);
        Ok(())
    }

    /// Closes the groups whose window ended before `secs`.
    fn close_before(&mut self, secs: i64) {
        while let Some((start, seq, _)) = self.queue.front() {
            if start.saturating_add(self.window) >= secs {
                break;
            }
            let seq = *seq;
            if let Some((_, _, signature)) = self.queue.pop_front() {
                if self.open.get(&signature).is_some_and(|o| o.seq == seq) {
                    if let Some(open) = self.open.remove(&signature) {
                        self.close(open);
                    }
                }
            }
        }
    }

    fn close(&mut self, open: Open) {
        if open.members.len() < 2 {
            return;
        }
        let seq = open.seq;
        let group = group(open, &self.keys, &self.rule, &self.now, self.locale);
        self.closed.push((seq, group));
    }

    /// The groups, in the order of their first charge, and the counts of charges and
    /// replays.
    pub fn finish(mut self) -> (Vec<DuplicateGroup>, u64, u64) {
        self.close_before(i64::MAX);
        crate::sort::sort_by_key(&mut self.closed, |(seq, _)| *seq);
        let groups = self.closed.into_iter().map(|(_, g)| g).collect();
        (groups, self.charges, self.replays)
    }
}

/// The amount, the keys' values, the order and the line; `None` when a key is missing.
fn signature(event: &PaymentEvent, keys: &[MatchKey]) -> Option<String> {
    let mut out = String::with_capacity(64);
    out.push_str(&event.amount.amount().normalize().to_string());
    out.push(' ');
    out.push_str(event.amount.currency().code());
    for key in keys {
        out.push('\u{1f}');
        match key {
            MatchKey::Card => out.push_str(event.card.as_deref()?),
            MatchKey::Customer => out.push_str(event.customer.as_deref()?),
            MatchKey::Order => out.push_str(event.order.as_deref()?),
            MatchKey::Line => out.push_str(event.line.as_deref()?),
            MatchKey::Method => out.push_str(event.method.as_str()),
        }
    }
    // An explicit order or line keeps purchases apart, whatever the keys.
    for value in [&event.order, &event.line] {
        out.push('\u{1e}');
        if let Some(v) = value {
            out.push_str(v);
        }
    }
    Some(out)
}

fn group(
    open: Open,
    keys: &[MatchKey],
    rule: &str,
    now: &Timestamp,
    locale: Locale,
) -> DuplicateGroup {
    let mut matched = vec!["amount".to_owned(), "currency".to_owned()];
    matched.extend(keys.iter().map(|k| k.as_str().to_owned()));
    for (name, value) in [(MatchKey::Order, &open.order), (MatchKey::Line, &open.line)] {
        if value.is_some() && !keys.contains(&name) {
            matched.push(name.as_str().to_owned());
        }
    }
    let mut members = open.members.into_iter();
    let kept = members.next();
    let (kept_id, kept_at, kept_secs, kept_method) = kept
        .map(|k| (k.id, k.at, k.secs, k.method))
        .unwrap_or((String::new(), *now, 0, PayMethod::Card));
    let kept_payment = SuggestedPayment {
        id: kept_id.clone(),
        method: kept_method,
        captured: open.amount,
        captured_at: kept_at,
    };
    let duplicates: Vec<Duplicate> = members
        .map(|m| Duplicate {
            seconds_after: m.secs - kept_secs,
            refund: RefundSuggestion {
                now: *now,
                order: SuggestedOrder {
                    id: open.order.clone(),
                    currency: open.amount.currency().code().to_owned(),
                    purchased_at: kept_at,
                    lines: Vec::new(),
                    payments: vec![
                        kept_payment.clone(),
                        SuggestedPayment {
                            id: m.id.clone(),
                            method: m.method,
                            captured: open.amount,
                            captured_at: m.at,
                        },
                    ],
                },
                request: SuggestedRequest {
                    reason: "duplicate_charge".to_owned(),
                    payment_id: m.id.clone(),
                },
            },
            id: m.id,
        })
        .collect();
    let mut ids = vec![kept_id.clone()];
    ids.extend(duplicates.iter().map(|d| d.id.clone()));
    let alert = words::alert(
        AlertKind::DuplicateCharge,
        Severity::High,
        ids,
        rule,
        Some(&open.amount),
        locale,
    );
    DuplicateGroup {
        kept: kept_id,
        amount: open.amount,
        matched,
        duplicates,
        alert,
    }
}

/// The check a request asks for: its rule id, source, window and keys.
fn check_of(
    cx: &Context<'_, MonitorCapability>,
    request: &DuplicatesRequest,
) -> Result<(String, &'static str, u32, Vec<MatchKey>), Error> {
    let rules = &cx.section().config.duplicates;
    let (name, path) = match &request.preset {
        Some(p) => (p.as_str(), "preset"),
        None => (rules.preset.as_str(), "."),
    };
    let preset =
        config::preset(name).ok_or_else(|| Error::new(MonitorError::UnknownPreset, path))?;
    let from_request = request.preset.is_some();
    let window = request
        .window_seconds
        .or(if from_request {
            None
        } else {
            rules.window_seconds
        })
        .unwrap_or(preset.window_seconds);
    let keys = match (&request.keys, from_request, &rules.keys) {
        (Some(k), _, _) => k.clone(),
        (None, false, Some(k)) => k.clone(),
        _ => preset.keys.to_vec(),
    };
    if window == 0 {
        return Err(Error::new(MonitorError::InvalidWindow, "window_seconds"));
    }
    if window > rules.max_window_seconds {
        return Err(Error::new(MonitorError::WindowTooLarge, "window_seconds"));
    }
    if !config::strong(&keys) {
        return Err(Error::new(MonitorError::WeakKeys, "keys"));
    }
    let custom = request.window_seconds.is_some()
        || request.keys.is_some()
        || (!from_request && (rules.window_seconds.is_some() || rules.keys.is_some()));
    let (rule, source) = if custom {
        (
            "monitor.duplicates.custom".to_owned(),
            "the store's own window and keys (monitor.duplicates)",
        )
    } else {
        (format!("monitor.duplicates.{}", preset.id), preset.source)
    };
    Ok((rule, source, window, keys))
}

/// Suspected duplicate charges over a window of events.
///
/// # Errors
/// `monitor.unknown_preset` at `preset`; `monitor.invalid_window` and
/// `monitor.window_too_large` at `window_seconds`; `monitor.weak_keys` at `keys`;
/// `monitor.events_out_of_order` and `monitor.event_after_now` at `events[i].at`.
pub fn duplicates(
    engine: &impl Provides<MonitorCapability>,
    request: &DuplicatesRequest,
    trace: &mut Trace,
) -> Result<DuplicatesResponse, Error> {
    let events = request.events.iter().map(Ok);
    duplicates_streamed(engine, request, events, trace)
}

/// [`duplicates`] over events streamed one at a time (a JSON-lines file, say) instead of
/// `request.events`, which is not read: memory holds only the groups still open and those
/// found.
///
/// # Errors
/// Those of [`duplicates`], and the first error `events` yields.
pub fn duplicates_streamed<E: std::borrow::Borrow<PaymentEvent>>(
    engine: &impl Provides<MonitorCapability>,
    request: &DuplicatesRequest,
    events: impl IntoIterator<Item = Result<E, Error>>,
    trace: &mut Trace,
) -> Result<DuplicatesResponse, Error> {
    let cx = engine.context()?;
    let (rule, source, window, keys) = check_of(&cx, request)?;
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let mut finder = DuplicateFinder::new(window, keys.clone(), rule.clone(), request.now, locale)?;
    for (i, event) in events.into_iter().enumerate() {
        finder
            .push(event?.borrow())
            .map_err(|e| e.under(&format!("events[{i}]")))?;
    }
    let (groups, charges, replays) = finder.finish();
    trace.push(
        "monitor.duplicates",
        format!(
            "{} groups among {charges} charges by {rule} ({window} s), {replays} replays",
            groups.len()
        ),
    );
    Ok(DuplicatesResponse {
        rule,
        source: source.to_owned(),
        window_seconds: window,
        keys,
        charges,
        replays,
        groups,
    })
}

/// `monitor.duplicates`.
#[derive(Debug, Clone, Copy)]
pub struct Duplicates;

impl Operation for Duplicates {
    const NAME: &'static str = "monitor.duplicates";
    const SUMMARY: &'static str =
        "suspected duplicate charges over a window of payment events, with their evidence and the refund.evaluate request for each duplicate";
    type Capability = MonitorCapability;
    type Request = DuplicatesRequest;
    type Response = DuplicatesResponse;

    fn run(
        cx: &Context<'_, MonitorCapability>,
        request: &DuplicatesRequest,
        trace: &mut Trace,
    ) -> Result<DuplicatesResponse, Error> {
        duplicates(cx, request, trace)
    }

    fn now(request: &DuplicatesRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

//! `dispute.replay`: a dispute's state as the fold of its append-only event log.
//!
//! The rules of the state machine:
//! - the log starts with `opened` (at an inquiry, a chargeback or Pix MED's analysis), and
//!   only there;
//! - instants never go backwards;
//! - stages only move forward along the path of the dispute's code
//!   ([`ClassifyResponse::stages`](super::ClassifyResponse)): Mastercard 4808, 4870 and
//!   4871 have no pre-arbitration, American Express none here, Pix MED its own three stages;
//! - evidence is submitted at most once per stage;
//! - a closed dispute accepts no event but `reopened`, and only after `won` or `lost`, into
//!   a later stage of its path (the issuer's or the acquirer's pre-arbitration, then
//!   arbitration); `accepted`, `prevented`, `expired` and `inquiry_closed` are final.
//!
//! Processor statuses map onto these events (Stripe's dispute statuses):
//! `warning_needs_response` is the inquiry, `warning_under_review` the inquiry with evidence
//! submitted, `warning_closed` an inquiry closed without a chargeback, `needs_response` the
//! chargeback, `under_review` the chargeback with evidence submitted, and `won`, `lost`,
//! `prevented` the closing outcomes.

use schemars::JsonSchema;
use serde::Serialize;

use super::classify::{lookup, stages};
use super::{Category, DisputeCapability, DisputeError, Network, Stage};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.replay`.
#[derive(Debug, Clone, Copy)]
pub struct Replay;

/// How a dispute ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Outcome {
    /// Decided for the merchant.
    Won,
    /// Decided for the cardholder.
    Lost,
    /// The merchant accepted the loss.
    Accepted,
    /// Refunded before it became a chargeback (a pre-dispute alert, RDR).
    Prevented,
    /// The merchant let the deadline pass.
    Expired,
    /// An inquiry closed without a chargeback.
    InquiryClosed,
}

impl Outcome {
    /// Whether the network may take the dispute further.
    fn reopens(self) -> bool {
        matches!(self, Self::Won | Self::Lost)
    }
}

/// A processor's dispute status (Stripe's).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProcessorStatus {
    /// An inquiry awaiting a response.
    WarningNeedsResponse,
    /// An inquiry with evidence submitted.
    WarningUnderReview,
    /// An inquiry closed without a chargeback.
    WarningClosed,
    /// A chargeback awaiting a response.
    NeedsResponse,
    /// A chargeback with evidence submitted.
    UnderReview,
    /// Won.
    Won,
    /// Lost.
    Lost,
    /// Prevented before it became a chargeback.
    Prevented,
}

/// One event of a dispute's log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum DisputeEvent {
    /// The dispute was opened. Always the first event, and only there.
    Opened {
        /// When.
        at: Timestamp,
        /// The network.
        network: Network,
        /// Its reason code.
        code: String,
        /// The first stage: `inquiry`, `chargeback` or `med_analysis`.
        stage: Stage,
    },
    /// The dispute moved to a later stage.
    Advanced {
        /// When.
        at: Timestamp,
        /// The new stage.
        stage: Stage,
    },
    /// Evidence was submitted at the current stage.
    EvidenceSubmitted {
        /// When.
        at: Timestamp,
    },
    /// The dispute closed.
    Closed {
        /// When.
        at: Timestamp,
        /// How.
        outcome: Outcome,
    },
    /// The network took a closed dispute to a later stage.
    Reopened {
        /// When.
        at: Timestamp,
        /// The new stage.
        stage: Stage,
    },
    /// The processor reported a status.
    ProcessorStatus {
        /// When.
        at: Timestamp,
        /// The status.
        status: ProcessorStatus,
    },
}

impl DisputeEvent {
    /// Its instant.
    pub fn at(&self) -> &Timestamp {
        match self {
            Self::Opened { at, .. }
            | Self::Advanced { at, .. }
            | Self::EvidenceSubmitted { at }
            | Self::Closed { at, .. }
            | Self::Reopened { at, .. }
            | Self::ProcessorStatus { at, .. } => at,
        }
    }

    fn kind(&self) -> &'static str {
        match self {
            Self::Opened { .. } => "opened",
            Self::Advanced { .. } => "advanced",
            Self::EvidenceSubmitted { .. } => "evidence_submitted",
            Self::Closed { .. } => "closed",
            Self::Reopened { .. } => "reopened",
            Self::ProcessorStatus { .. } => "processor_status",
        }
    }
}

/// The request of `dispute.replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ReplayRequest {
    /// The log, oldest first, starting with `opened`.
    pub log: Vec<DisputeEvent>,
}

/// A stage reached, and when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct StageEntry {
    /// The stage.
    pub stage: Stage,
    /// When it was reached.
    pub at: Timestamp,
}

/// A dispute's state: the response of `dispute.replay`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct DisputeState {
    /// The network.
    pub network: Network,
    /// The reason code, as the network's table writes it.
    pub code: String,
    /// Its category.
    pub category: Category,
    /// The current stage.
    pub stage: Stage,
    /// Whether evidence was submitted at the current stage.
    pub evidence_submitted: bool,
    /// How it closed, while closed.
    pub outcome: Option<Outcome>,
    /// The stages reached, in order.
    pub stages: Vec<StageEntry>,
    /// When it was opened.
    pub opened_at: Timestamp,
    /// The last event's instant.
    pub updated_at: Timestamp,
    /// Events folded.
    pub events: u32,
}

fn illegal(from: &DisputeState, event: &DisputeEvent, i: usize) -> Error {
    let kind = DisputeError::IllegalTransition {
        from: if from.outcome.is_some() {
            "closed"
        } else {
            from.stage.as_str()
        },
        event: event.kind(),
    };
    Error::new(kind, format!("log[{i}]"))
}

/// Moves to `stage` when it comes later on the dispute's path.
fn advance(state: &mut DisputeState, stage: Stage, at: Timestamp) -> bool {
    let path = match lookup(state.network, &state.code, "log[0].code") {
        Ok(code) => stages(state.network, code),
        Err(_) => return false,
    };
    let position = |s: Stage| path.iter().position(|p| *p == s);
    match (position(state.stage), position(stage)) {
        (Some(now), Some(next)) if next > now => {
            state.stage = stage;
            state.evidence_submitted = false;
            state.stages.push(StageEntry { stage, at });
            true
        }
        _ => false,
    }
}

/// The processor's status as the event it stands for, given the state (a status that
/// repeats what the state already says changes nothing). A closed dispute says only its
/// outcome: any other status stands for an event it refuses, never for nothing.
fn translate(state: &DisputeState, status: ProcessorStatus, at: Timestamp) -> Vec<DisputeEvent> {
    use ProcessorStatus as P;
    let open = state.outcome.is_none();
    let to = |stage: Stage| -> Option<DisputeEvent> {
        (!open || state.stage != stage).then_some(DisputeEvent::Advanced { at, stage })
    };
    let submit = |stage: Stage| -> Option<DisputeEvent> {
        (!open || state.stage != stage || !state.evidence_submitted)
            .then_some(DisputeEvent::EvidenceSubmitted { at })
    };
    // A repeated closing status (a webhook sent twice) changes nothing.
    let close =
        |outcome| (state.outcome != Some(outcome)).then_some(DisputeEvent::Closed { at, outcome });
    let events = match status {
        P::WarningNeedsResponse => [to(Stage::Inquiry), None],
        P::WarningUnderReview => [to(Stage::Inquiry), submit(Stage::Inquiry)],
        P::WarningClosed => [close(Outcome::InquiryClosed), None],
        P::NeedsResponse => [to(Stage::Chargeback), None],
        P::UnderReview => [to(Stage::Chargeback), submit(Stage::Chargeback)],
        P::Won => [close(Outcome::Won), None],
        P::Lost => [close(Outcome::Lost), None],
        P::Prevented => [close(Outcome::Prevented), None],
    };
    events.into_iter().flatten().collect()
}

/// Applies one event (not `opened`, not a processor status) or refuses it.
fn step(state: &mut DisputeState, event: &DisputeEvent, i: usize) -> Result<(), Error> {
    let at = *event.at();
    let ok = match (event, state.outcome) {
        (DisputeEvent::Reopened { stage, .. }, Some(outcome)) if outcome.reopens() => {
            let moved = advance(state, *stage, at);
            if moved {
                state.outcome = None;
            }
            moved
        }
        (_, Some(_)) => false,
        (DisputeEvent::Advanced { stage, .. }, None) => advance(state, *stage, at),
        (DisputeEvent::EvidenceSubmitted { .. }, None) if !state.evidence_submitted => {
            state.evidence_submitted = true;
            true
        }
        (DisputeEvent::Closed { outcome, .. }, None) => {
            let inquiry = state.stage == Stage::Inquiry;
            let fits = match outcome {
                Outcome::InquiryClosed | Outcome::Prevented => inquiry,
                _ => true,
            };
            if fits {
                state.outcome = Some(*outcome);
            }
            fits
        }
        _ => false,
    };
    if ok {
        Ok(())
    } else {
        Err(illegal(state, event, i))
    }
}

/// The state of a dispute's log.
///
/// # Errors
/// `dispute.empty_log` at `log`; `dispute.not_opened` at `log[0]` when it is not `opened`,
/// or at `log[i]` for a second `opened`; `dispute.unknown_code` at `log[0].code`;
/// `dispute.unknown_stage` at `log[0].stage`; `dispute.out_of_order` at `log[i]` for an
/// instant before the previous one; `dispute.illegal_transition` at `log[i]` for an event
/// the state refuses.
///
/// # Example
/// ```
/// use recourse_payments::dispute::{replay, ReplayRequest};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request: ReplayRequest = serde_json::from_str(r#"{"log": [
///   {"type": "opened", "at": "2026-11-23T09:00:00-03:00", "network": "visa", "code": "13.1", "stage": "chargeback"},
///   {"type": "processor_status", "at": "2026-11-24T09:00:00-03:00", "status": "under_review"},
///   {"type": "processor_status", "at": "2026-12-20T09:00:00-03:00", "status": "won"}
/// ]}"#).unwrap();
/// let state = replay(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(state.outcome, Some(recourse_payments::dispute::Outcome::Won));
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn replay(
    engine: &impl Provides<DisputeCapability>,
    request: &ReplayRequest,
    trace: &mut Trace,
) -> Result<DisputeState, Error> {
    let _cx: Context<'_, DisputeCapability> = engine.context()?;
    let mut events = request.log.iter().enumerate();
    let mut state = match events.next() {
        Some((_, first)) => opened(first)?,
        None => return Err(Error::new(DisputeError::EmptyLog, "log")),
    };
    for (i, event) in events {
        if event.at() < &state.updated_at {
            return Err(Error::new(DisputeError::OutOfOrder, format!("log[{i}]")));
        }
        match event {
            DisputeEvent::Opened { .. } => {
                return Err(Error::new(DisputeError::NotOpened, format!("log[{i}]")))
            }
            DisputeEvent::ProcessorStatus { status, at } => {
                for e in translate(&state, *status, *at) {
                    step(&mut state, &e, i)?;
                }
            }
            e => step(&mut state, e, i)?,
        }
        state.updated_at = *event.at();
        state.events = state.events.saturating_add(1);
    }
    trace.push(
        "dispute.replay",
        format!(
            "{} events: {} {} at {}{}",
            state.events,
            state.network.as_str(),
            state.code,
            state.stage.as_str(),
            state
                .outcome
                .map_or(String::new(), |o| format!(", closed {}", o.as_str()))
        ),
    );
    Ok(state)
}

fn opened(first: &DisputeEvent) -> Result<DisputeState, Error> {
    let DisputeEvent::Opened {
        at,
        network,
        code,
        stage,
    } = first
    else {
        return Err(Error::new(DisputeError::NotOpened, "log[0]"));
    };
    let found = lookup(*network, code, "log[0].code")?;
    let first_stages = [Stage::Inquiry, Stage::Chargeback, Stage::MedAnalysis];
    if !first_stages.contains(stage) || !stages(*network, found).contains(stage) {
        let kind = DisputeError::UnknownStage {
            network: network.as_str(),
        };
        return Err(Error::new(kind, "log[0].stage"));
    }
    Ok(DisputeState {
        network: *network,
        code: found.code.to_owned(),
        category: found.category,
        stage: *stage,
        evidence_submitted: false,
        outcome: None,
        stages: vec![StageEntry {
            stage: *stage,
            at: *at,
        }],
        opened_at: *at,
        updated_at: *at,
        events: 1,
    })
}

impl Operation for Replay {
    const NAME: &'static str = "dispute.replay";
    const SUMMARY: &'static str =
        "a dispute's state as the fold of its append-only event log: stages only forward, evidence once per stage, typed illegal transitions, processor statuses mapped";
    type Capability = DisputeCapability;
    type Request = ReplayRequest;
    type Response = DisputeState;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &ReplayRequest,
        trace: &mut Trace,
    ) -> Result<DisputeState, Error> {
        replay(cx, request, trace)
    }
}

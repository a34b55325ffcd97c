//! A stage's window from the instant it opens: how long a party has under the network's
//! dated clock for the stage (Pix MED's infraction notice: so many days from the Pix, in the
//! configuration with its source). The deadline is the network's clock of
//! `dispute.deadline`, the same code. Other capabilities ask through [`window`] (a ticket
//! whose category names a dispute stage, say), and the engine checks what they name with
//! [`link_problems`].

use schemars::JsonSchema;
use serde::Serialize;

use super::config::{Compiled, Length};
use super::deadline::{clock_end, network_stages};
use super::messages::{self, Args, Code as R, DisputeReason};
use super::{DisputeCapability, DisputeError, Network, Stage};
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::error::ConfigError;
use crate::ops::{Provides, StageLink};
use crate::receipt::Trace;
use crate::Error;

/// Where a stage's window stands at `now`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct StageWindow {
    /// The network.
    pub network: Network,
    /// The stage.
    pub stage: Stage,
    /// Whether the window is still open at `now`.
    pub open: bool,
    /// When it closes: the instant it opened plus the network's clock.
    pub deadline: Timestamp,
    /// Seconds from `now` to the deadline (negative once it has passed).
    pub seconds_left: i64,
    /// The clock's id in `dispute.clocks`.
    pub rule: String,
    /// The clock's source.
    pub source: String,
    /// Why, in words.
    pub reason: DisputeReason,
}

/// The window of `network`'s `stage` opened at `opened_at`, read at `now`; `paths` name the
/// caller's fields for `opened_at` and `now` in errors.
///
/// # Errors
/// `dispute.unknown_stage` at `.` when the network has no such stage;
/// `dispute.out_of_order` at the `now` path when `now` is before `opened_at`;
/// `dispute.no_deadline` at the `opened_at` path when no clock of the stage is in force on
/// that day; `input.out_of_range` there when the deadline lies outside the supported years.
///
/// # Example
/// ```
/// use recourse_payments::calendar::Timestamp;
/// use recourse_payments::dispute::{window, Network, Stage};
/// use recourse_payments::receipt::Trace;
/// let engine = recourse_payments::Engine::from_json(r#"{
///   "store": {"name": "Wallet"},
///   "dispute": {"clocks": [{"id": "pix_med.notice", "network": "pix_med",
///     "stage": "med_notice", "days": 80, "effective_from": "2021-11-16",
///     "source": "Resolução BCB nº 103/2021 (MED)"}]}
/// }"#)?;
/// let paid = Timestamp::parse("2026-04-01T15:20:00-03:00")?;
/// let now = Timestamp::parse("2026-05-01T10:00:00-03:00")?;
/// let stage = (Network::PixMed, Stage::MedNotice);
/// let w = window(&engine, stage, (&paid, &now), None, ("paid_at", "now"), &mut Trace::new())?;
/// assert!(w.open);
/// assert_eq!(w.deadline.to_string(), "2026-06-20T15:20:00-03:00");
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn window(
    engine: &impl Provides<DisputeCapability>,
    (network, stage): (Network, Stage),
    (opened_at, now): (&Timestamp, &Timestamp),
    locale: Option<Locale>,
    paths: (&str, &str),
    trace: &mut Trace,
) -> Result<StageWindow, Error> {
    let cx = engine.context()?;
    if !network_stages(network).contains(&stage) {
        let kind = DisputeError::UnknownStage {
            network: network.as_str(),
        };
        return Err(Error::new(kind, "."));
    }
    if now < opened_at {
        return Err(Error::new(DisputeError::OutOfOrder, paths.1));
    }
    let day = opened_at.to_utc().date_naive();
    let clock = cx
        .section()
        .compiled
        .clock(network, stage, day)
        .ok_or_else(|| Error::new(DisputeError::NoDeadline, paths.0))?;
    let deadline = clock_end(opened_at, clock.length)
        .ok_or_else(|| Error::new(crate::error::InputError::OutOfRange, paths.0))?;
    let open = deadline > *now;
    let seconds_left = (deadline.to_utc() - now.to_utc()).num_seconds();
    trace.push(
        "dispute.window",
        format!(
            "{}: {} from {}, closes {}: {}",
            clock.clock.id,
            match clock.length {
                Length::Days(d) => format!("{d} calendar days"),
                Length::Hours(h) => format!("{h} hours"),
            },
            opened_at.to_rfc3339(),
            deadline.to_rfc3339(),
            if open { "open" } else { "closed" }
        ),
    );
    let locale = locale.unwrap_or_else(|| cx.services().default_locale());
    let args = Args {
        at: Some(deadline),
        text: Some(clock.clock.id.clone()),
        ..Args::default()
    };
    let code = if open { R::WindowOpen } else { R::WindowClosed };
    Ok(StageWindow {
        network,
        stage,
        open,
        deadline,
        seconds_left,
        rule: clock.clock.id.clone(),
        source: clock.clock.source.clone(),
        reason: messages::reason(code, &clock.clock.id, locale, &args),
    })
}

/// The network and stage a link names, when both exist and the stage is the network's.
pub fn resolve(network: &str, stage: &str) -> Option<(Network, Stage)> {
    let network = Network::ALL.iter().find(|n| n.as_str() == network)?;
    let stage = network_stages(*network)
        .iter()
        .find(|s| s.as_str() == stage)?;
    Some((*network, *stage))
}

/// The problems of links to dispute stages: an unknown network or a stage the network does
/// not have (with the likeliest name meant), or a stage without a clock in `dispute.clocks`.
pub(crate) fn link_problems(links: &[StageLink], compiled: &Compiled) -> Vec<Error> {
    let mut out = Vec::new();
    let hint = |asked: &str, names: &[&str]| {
        crate::names::nearest(asked, names)
            .map(|near| format!(" (did you mean `{near}`?)"))
            .unwrap_or_default()
    };
    for link in links {
        let networks: Vec<&str> = Network::ALL.iter().map(|n| n.as_str()).collect();
        let Some(network) = Network::ALL.iter().find(|n| n.as_str() == link.network) else {
            let detail = format!("unknown dispute network{}", hint(&link.network, &networks));
            out.push(Error::new(
                ConfigError::invalid(detail),
                format!("{}.network", link.path),
            ));
            continue;
        };
        let stages: Vec<&str> = network_stages(*network)
            .iter()
            .map(|s| s.as_str())
            .collect();
        let Some(stage) = network_stages(*network)
            .iter()
            .find(|s| s.as_str() == link.stage)
        else {
            let detail = format!(
                "the network has no such stage{}",
                hint(&link.stage, &stages)
            );
            out.push(Error::new(
                ConfigError::invalid(detail),
                format!("{}.stage", link.path),
            ));
            continue;
        };
        if !compiled
            .clocks
            .iter()
            .any(|c| c.clock.network == *network && c.clock.stage == *stage)
        {
            out.push(Error::new(
                ConfigError::invalid(
                    "no clock for this network and stage in `dispute.clocks`: its window is dated data there",
                ),
                format!("{}.stage", link.path),
            ));
        }
    }
    out
}

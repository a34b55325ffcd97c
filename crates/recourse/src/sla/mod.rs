//! SLA clocks on business calendars: which policy applies to a ticket, and for each metric
//! its target, due instant, elapsed time, pause, breach and risk, with an audit trail of
//! metric events; escalation levels after a missed resolution.
//!
//! The rules (after Zendesk's): the first policy whose conditions match the ticket applies,
//! judged on the ticket's attributes at `now`; targets are per priority, in business time on
//! the policy's calendar or in calendar time. Only a human agent's public reply fulfils a
//! reply metric unless the policy sets `bot_replies_count` (within its
//! `bot_replies_peak_hours`, when it names some); solving a ticket fulfils every
//! metric, and reopening it takes the cumulative ones (requester wait, agent work,
//! resolution) up again from where they stopped. A paused clock has no due instant; when
//! it resumes, the due instant is the resume instant plus what was left, so a pause never
//! moves a due instant earlier.

mod clock;
mod config;
mod peak;
mod status;
mod walk;

pub use clock::{MetricEvent, MetricEventKind};
pub use config::{
    Conditions, Escalation, Metric, SlaConfig, SlaPolicy, Target, TimeKind, MAX_ESCALATION_LEVELS,
};
pub use peak::{BotReply, PeakWindow};
pub use status::{
    status, status_in, EscalationStatus, MetricState, MetricStatus, SlaStatus, SlaStatusRequest,
    SlaStatusResponse,
};

/// Errors of SLA measurement.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum SlaError {
    /// An event of the log is later than `now`.
    #[error("the log has an event later than `now`")]
    EventAfterNow,
}

impl crate::error::AreaError for SlaError {
    fn code(&self) -> &'static str {
        SlaError::code(self)
    }
}

impl SlaError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::EventAfterNow => "sla.event_after_now",
        }
    }
}

#[cfg(test)]
mod tests;

/// The SLA capability: policies and clocks on business calendars, over ticket logs.
#[derive(Debug)]
pub struct SlaCapability {
    /// The `sla` section as written.
    pub config: SlaConfig,
    /// Each policy's peak windows for bot replies, read.
    pub(crate) peaks: Vec<Vec<peak::Window>>,
}

impl crate::ops::Capability for SlaCapability {
    type Config = SlaConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] =
        &[crate::ops::OperationInfo::of::<SlaStatus>()];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        problems.extend(config::problems(config, services));
        let peaks = config
            .policies
            .iter()
            .enumerate()
            .map(|(i, p)| {
                let path = format!("sla.policies[{i}].bot_replies_peak_hours");
                peak::read(&p.bot_replies_peak_hours, &path, problems)
            })
            .collect();
        Self {
            config: config.clone(),
            peaks,
        }
    }
}

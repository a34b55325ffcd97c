//! Support metrics over a batch of tickets and ratings: CSAT, NPS, CES, first-contact
//! resolution, SLA compliance per metric, reopen rate, median first reply and resolution
//! times, overall and by channel and category.
//!
//! No floats: rates are percentages as decimal strings with two places (`"75.00"`), NPS a
//! score from `"-100.00"` to `"100.00"`, CES an average with two places (`"4.25"`), each
//! rounded half away from zero and given with the counts it comes from; durations are
//! integer seconds. A figure with nothing to count is `null`.

mod figures;
mod support;

pub use figures::{Average, Nps, Rate};
pub use support::{GroupMetrics, Ratings, Support, SupportRequest, SupportResponse, TicketRecord};

/// The metrics capability: support metrics over tickets; it uses the SLA capability.
#[derive(Debug)]
pub struct MetricsCapability;

impl crate::ops::Capability for MetricsCapability {
    type Config = ();
    const OPERATIONS: &'static [crate::ops::OperationInfo] =
        &[crate::ops::OperationInfo::of::<Support>()];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        let _ = (config, services, problems);
        Self
    }
}

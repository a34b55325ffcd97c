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

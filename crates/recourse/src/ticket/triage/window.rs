//! The window of the dispute stage a category is linked to (`tickets.categories.<id>.dispute`):
//! from the payment's instant, by the disputes capability's dated clock for the stage
//! (Pix MED's infraction notice: 80 days from the Pix).

use super::{TriageRequest, TriageResponse};
use crate::dispute::{DisputeCapability, StageWindow};
use crate::error::InputError;
use crate::ops::Context;
use crate::receipt::Trace;
use crate::Error;

/// The window, when the request gives `paid_at` and the category is linked to a stage.
///
/// # Errors
/// `input.invalid` at `now` when `paid_at` is given without it; the window's errors
/// (`dispute.out_of_order` at `now` before `paid_at`, `dispute.no_deadline` at `paid_at`
/// before any clock of the stage is in force).
pub(super) fn dispute_window(
    cx: &Context<'_, crate::ticket::TicketCapability>,
    request: &TriageRequest,
    out: &TriageResponse,
    trace: &mut Trace,
) -> Result<Option<StageWindow>, Error> {
    let Some(paid_at) = request.paid_at else {
        return Ok(None);
    };
    let link = cx
        .section()
        .config
        .categories
        .get(&out.category)
        .and_then(|def| def.dispute.as_ref());
    let Some(stage) = link.and_then(|l| crate::dispute::resolve(&l.network, &l.stage)) else {
        trace.push(
            "triage.dispute_window",
            format!("{} is linked to no dispute stage", out.category.as_str()),
        );
        return Ok(None);
    };
    let Some(now) = request.now else {
        let detail = "`now` is required with `paid_at`, to read the dispute window at";
        let kind = InputError::Invalid {
            detail: detail.to_owned(),
        };
        return Err(Error::new(kind, "now"));
    };
    let disputes = cx.uses::<DisputeCapability>()?;
    let window = crate::dispute::window(
        &disputes,
        stage,
        (&paid_at, &now),
        Some(out.locale),
        ("paid_at", "now"),
        trace,
    )?;
    Ok(Some(window))
}

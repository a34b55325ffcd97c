//! An incident: a kind and a severity, written out or read from what another operation
//! answered, so that a host passes that answer on without glue code.
//!
//! - `from_sla`: a metric of `sla.status`'s `metrics`, passed as it is. It becomes the
//!   scheme's `sla_kind` (`sla_breach` by default) with a severity of the hours past the
//!   target, counted up (`elapsed_seconds − target_seconds`, a started hour is an hour).
//!   A metric that is not past its target is not an incident.
//! - `from_refund`: when a refund was due (`expected_by`, as `payment.where_is_my_money`
//!   or `refund.evaluate` say it) and when it arrived (`settled_at`; still missing at
//!   `now` without it). It becomes the scheme's `refund_kind` (`refund_late`) with a
//!   severity of the calendar days late, counted up. A refund not late is not an incident.

use rust_decimal::Decimal;
use schemars::JsonSchema;
use serde::Serialize;

use super::config::{Fault, Scheme};
use super::CompensationError;
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::decode::Decode;
use crate::money::{parse_decimal, Money};
use crate::Error;

/// What went wrong.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Incident {
    /// The incident kind, one of the scheme's; with `severity`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The severity in the kind's measure (a non-negative decimal string).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub severity: Option<String>,
    /// Instead of `kind` and `severity`: an SLA metric as `sla.status` answers it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_sla: Option<SlaMetric>,
    /// Instead of `kind` and `severity`: a late refund.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from_refund: Option<LateRefund>,
    /// Who caused it.
    pub fault: Fault,
    /// The order's value, in the scheme's currency.
    pub order_value: Money,
    /// The shipping the customer paid (for `shipping_refund`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shipping_paid: Option<Money>,
}

/// An SLA metric, as one entry of `sla.status`'s `metrics` (its other fields are read and
/// ignored).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
pub struct SlaMetric {
    /// Seconds counted on the SLA clock.
    pub elapsed_seconds: i64,
    /// The target, in seconds.
    pub target_seconds: i64,
}

/// A refund that arrived (or is still missing) after it was due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct LateRefund {
    /// When it was due.
    pub expected_by: Timestamp,
    /// When it arrived; still missing at `now` without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settled_at: Option<Timestamp>,
}

/// `a / b` rounded up, for positive `b`.
fn ceil_div(a: i64, b: i64) -> i64 {
    a.div_euclid(b) + i64::from(a.rem_euclid(b) != 0)
}

/// The incident's kind and severity under `scheme`.
///
/// # Errors
/// `compensation.incident_shape` (at `incident`) unless exactly one of `kind` with
/// `severity`, `from_sla` and `from_refund` is given; `compensation.invalid_severity` and
/// `compensation.negative_severity` at `incident.severity`; `compensation.not_an_incident`
/// for a metric within its target or a refund not late.
pub fn kind_and_severity(
    incident: &Incident,
    scheme: &Scheme,
    now: &Timestamp,
) -> Result<(String, Decimal), Error> {
    let given = [
        incident.kind.is_some() || incident.severity.is_some(),
        incident.from_sla.is_some(),
        incident.from_refund.is_some(),
    ];
    if given.iter().filter(|g| **g).count() != 1 {
        return Err(Error::new(CompensationError::IncidentShape, "incident"));
    }
    if let Some(m) = &incident.from_sla {
        let over = m.elapsed_seconds.saturating_sub(m.target_seconds);
        if over <= 0 || m.target_seconds < 0 {
            return Err(Error::new(
                CompensationError::NotAnIncident,
                "incident.from_sla",
            ));
        }
        return Ok((
            scheme.sla_kind.clone(),
            Decimal::from(ceil_div(over, 3_600)),
        ));
    }
    if let Some(r) = &incident.from_refund {
        let arrived = r.settled_at.as_ref().unwrap_or(now);
        let late = arrived
            .to_utc()
            .signed_duration_since(r.expected_by.to_utc())
            .num_seconds();
        if late <= 0 {
            return Err(Error::new(
                CompensationError::NotAnIncident,
                "incident.from_refund",
            ));
        }
        return Ok((
            scheme.refund_kind.clone(),
            Decimal::from(ceil_div(late, 86_400)),
        ));
    }
    let (Some(kind), Some(text)) = (&incident.kind, &incident.severity) else {
        return Err(Error::new(CompensationError::IncidentShape, "incident"));
    };
    let severity = parse_decimal(text)
        .map_err(|_| Error::new(CompensationError::InvalidSeverity, "incident.severity"))?;
    if severity.is_sign_negative() && !severity.is_zero() {
        return Err(Error::new(
            CompensationError::NegativeSeverity,
            "incident.severity",
        ));
    }
    Ok((kind.clone(), severity.normalize()))
}

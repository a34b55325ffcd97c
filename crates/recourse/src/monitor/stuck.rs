//! `monitor.stuck`: payments and refunds past their expected decision instant plus a grace.
//!
//! Where each one is, and when its next step was due, is `payment.where_is_my_money`'s
//! answer on the store's bank calendar; this module only compares that instant with `now`
//! and the grace of the `monitor.stuck` section. An unpaid boleto past its due day is
//! stuck only once a payment made at the last instant would have been confirmed, which the
//! boleto timeline itself says (its clearing days on the bank calendar).

use chrono::Duration;
use schemars::JsonSchema;
use serde::Serialize;

use super::words::{self, Alert, AlertKind, Severity};
use super::MonitorCapability;
use crate::calendar::Timestamp;
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::error::InputError;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::payment::{
    where_is_my_money, Flow, PayMethod, PaymentCapability, Stage, StatusEvent, TimelineStatus,
    WhereRequest, WhereResponse,
};
use crate::receipt::Trace;
use crate::Error;

/// One payment or refund to check, as `payment.where_is_my_money` reads it, with its id.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StuckItem {
    /// The payment's or refund's id.
    pub id: String,
    /// A payment or a refund.
    pub flow: Flow,
    /// The method.
    pub method: PayMethod,
    /// A wallet's funding source.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub funding: Option<PayMethod>,
    /// The amount.
    pub amount: Money,
    /// The statuses reported, oldest first, none after `now`.
    pub history: Vec<StatusEvent>,
    /// A card's network.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// A merchant-initiated card payment.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub merchant_initiated: bool,
    /// A Pix charge's `calendario.expiracao`, in seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pix_expires_in_seconds: Option<u32>,
    /// A boleto's due date, `YYYY-MM-DD`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub boleto_due_date: Option<String>,
    /// For a Pix refund: when the original Pix was paid.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub original_paid_at: Option<Timestamp>,
    /// The customer's name, to address them.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub customer_name: Option<String>,
}

/// The request of `monitor.stuck`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StuckRequest {
    /// The instant of the check.
    pub now: Timestamp,
    /// The payments and refunds.
    pub items: Vec<StuckItem>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// A payment or refund that is stuck, or about to lapse.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct StuckAlert {
    /// Its id.
    pub id: String,
    /// Where the money is (the timeline's stage).
    pub stage: Stage,
    /// The instant its next step was due.
    pub due_at: Timestamp,
    /// Seconds past `due_at` (0 for one about to lapse).
    pub overdue_by_seconds: i64,
    /// The timeline's rule and its source.
    pub timeline_rule: String,
    /// The timeline rule's source.
    pub source: String,
    /// What to tell the customer (the timeline's sentence).
    pub customer_text: String,
    /// The alert.
    pub alert: Alert,
}

/// The response of `monitor.stuck`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct StuckResponse {
    /// Items checked.
    pub checked: u64,
    /// The alerts, in the order of the items.
    pub alerts: Vec<StuckAlert>,
}

fn where_request(item: &StuckItem, now: Timestamp, locale: Locale) -> WhereRequest {
    WhereRequest {
        flow: item.flow,
        method: item.method,
        funding: item.funding,
        amount: item.amount,
        history: item.history.clone(),
        now,
        network: item.network.clone(),
        merchant_initiated: item.merchant_initiated,
        pix_expires_in_seconds: item.pix_expires_in_seconds,
        boleto_due_date: item.boleto_due_date.clone(),
        original_paid_at: item.original_paid_at,
        customer_name: item.customer_name.clone(),
        locale: Some(locale),
    }
}

fn plus_minutes(t: &Timestamp, minutes: u32) -> Result<Timestamp, Error> {
    t.as_datetime()
        .checked_add_signed(Duration::minutes(i64::from(minutes)))
        .map(Timestamp::from)
        .filter(Timestamp::is_supported)
        .ok_or_else(|| Error::new(InputError::OutOfRange, "now"))
}

/// The timeline of a boleto paid at the last instant of its due day: its `expected_by` is
/// the latest it would be confirmed.
fn boleto_clearing(
    payment: &Context<'_, PaymentCapability>,
    request: &WhereRequest,
    due_end: Timestamp,
) -> Result<WhereResponse, Error> {
    let mut late = request.clone();
    let at = late.history.last().map_or(due_end, |l| l.at.max(due_end));
    late.history.push(StatusEvent {
        at,
        status: TimelineStatus::Paid,
        amount: None,
    });
    late.now = late.now.max(at);
    where_is_my_money(payment, &late, &mut Trace::new())
}

/// The kind, severity, due instant, rule and whether the grace applies.
type Judged = (AlertKind, Severity, Timestamp, &'static str, bool);

/// What the timeline's place means for the check: the kind, severity, due instant, the
/// rule of the `monitor.stuck` section, and whether the grace applies.
fn judge(
    cx: &Context<'_, MonitorCapability>,
    request: &WhereRequest,
    place: &WhereResponse,
    cites: &mut Option<(String, String)>,
) -> Result<Option<Judged>, Error> {
    use AlertKind as K;
    use Severity::{High, Low, Medium};
    let rules = &cx.section().config.stuck;
    Ok(match (place.stage, place.expected_by) {
        (Stage::Expired, Some(by)) if place.timeline_of == PayMethod::Boleto => {
            let payment = cx.uses::<PaymentCapability>()?;
            let cleared = boleto_clearing(&payment, request, by)?;
            *cites = Some((
                format!("{} + {}", place.rule, cleared.rule),
                format!("{}; {}", place.source, cleared.source),
            ));
            cleared
                .expected_by
                .map(|t| graced(K::BoletoUnpaid, Medium, t))
        }
        (Stage::Expired, Some(by)) => Some(graced(K::PixExpired, Medium, by)),
        (Stage::AwaitingConfirmation, Some(by)) => {
            Some(graced(K::BoletoConfirmationOverdue, Medium, by))
        }
        (Stage::Authorized, Some(by)) => {
            let warn = Duration::minutes(i64::from(rules.capture_warn_minutes));
            let lapses_soon = by.to_utc() - request.now.to_utc() <= warn;
            let rule = "monitor.stuck.capture_warn_minutes";
            lapses_soon.then_some((K::AuthorizationExpiring, High, by, rule, false))
        }
        (Stage::AuthorizationExpired, Some(by)) => Some((
            K::AuthorizationExpired,
            Medium,
            by,
            "card.authorization_validity",
            false,
        )),
        (Stage::RefundInTransit, Some(by)) => Some(graced(K::RefundOverdue, High, by)),
        (Stage::RefundFailed, _) => Some((
            K::RefundFailed,
            High,
            place.since,
            "refund.failed_after_accepted",
            false,
        )),
        (Stage::RefundWindowPassed, Some(by)) => Some((
            K::PixRefundWindowPassed,
            High,
            by,
            "pix.devolucao_window",
            false,
        )),
        (Stage::AwaitingAuthorization, _) => {
            let opened = request.history.first().map_or(place.since, |e| e.at);
            let expires = plus_minutes(&opened, rules.checkout_expiry_minutes)?;
            let rule = "monitor.stuck.checkout_expiry_minutes";
            Some((K::CheckoutAbandoned, Low, expires, rule, true))
        }
        _ => None,
    })
}

/// Stuck once `monitor.stuck.grace_minutes` past `due`.
fn graced(kind: AlertKind, severity: Severity, due: Timestamp) -> Judged {
    (kind, severity, due, "monitor.stuck.grace", true)
}

/// One item checked: its alert when it is stuck or about to lapse.
///
/// # Errors
/// Those of `payment.where_is_my_money` for the item.
pub fn stuck_item(
    cx: &Context<'_, MonitorCapability>,
    item: &StuckItem,
    now: Timestamp,
    locale: Locale,
) -> Result<Option<StuckAlert>, Error> {
    let payment = cx.uses::<PaymentCapability>()?;
    let request = where_request(item, now, locale);
    let place = where_is_my_money(&payment, &request, &mut Trace::new())?;
    let mut cites = None;
    let Some((kind, severity, due, rule, graced)) = judge(cx, &request, &place, &mut cites)? else {
        return Ok(None);
    };
    let grace = if graced {
        cx.section().config.stuck.grace_minutes
    } else {
        0
    };
    let fires_at = plus_minutes(&due, grace)?;
    let expiring = kind == AlertKind::AuthorizationExpiring;
    if !expiring && now < fires_at {
        return Ok(None);
    }
    let overdue = (now.to_utc() - due.to_utc()).num_seconds().max(0);
    let alert = words::alert(
        kind,
        severity,
        vec![item.id.clone()],
        rule,
        Some(&item.amount),
        locale,
    );
    Ok(Some(StuckAlert {
        id: item.id.clone(),
        stage: place.stage,
        due_at: due,
        overdue_by_seconds: overdue,
        timeline_rule: cites.as_ref().map_or(place.rule, |c| c.0.clone()),
        source: cites.map_or(place.source, |c| c.1),
        customer_text: place.customer_text,
        alert,
    }))
}

/// Every stuck payment and refund of a batch.
///
/// # Errors
/// Those of `payment.where_is_my_money`, at `items[i]`; `input.unknown_operation` when the
/// engine is built without `payment`.
pub fn stuck(
    engine: &impl Provides<MonitorCapability>,
    request: &StuckRequest,
    trace: &mut Trace,
) -> Result<StuckResponse, Error> {
    let cx = engine.context()?;
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let mut alerts = Vec::new();
    for (i, item) in request.items.iter().enumerate() {
        if let Some(a) = stuck_item(&cx, item, request.now, locale)
            .map_err(|e| e.under(&format!("items[{i}]")))?
        {
            alerts.push(a);
        }
    }
    trace.push(
        "monitor.stuck",
        format!(
            "{} of {} stuck or lapsing (grace {} min)",
            alerts.len(),
            request.items.len(),
            cx.section().config.stuck.grace_minutes
        ),
    );
    Ok(StuckResponse {
        checked: request.items.len() as u64,
        alerts,
    })
}

/// `monitor.stuck`.
#[derive(Debug, Clone, Copy)]
pub struct Stuck;

impl Operation for Stuck {
    const NAME: &'static str = "monitor.stuck";
    const SUMMARY: &'static str =
        "payments and refunds past their expected instant plus a grace on the payment timelines (Pix expired, boleto unconfirmed, authorization lapsing, refund overdue or failed, checkout abandoned), with what to do and say";
    type Capability = MonitorCapability;
    type Request = StuckRequest;
    type Response = StuckResponse;

    fn run(
        cx: &Context<'_, MonitorCapability>,
        request: &StuckRequest,
        trace: &mut Trace,
    ) -> Result<StuckResponse, Error> {
        stuck(cx, request, trace)
    }

    fn now(request: &StuckRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

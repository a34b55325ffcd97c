//! `payment.where_is_my_money`: where a payment or a refund is in its timeline, when its
//! next step is expected on the banks' business calendar, whether it is overdue and by how
//! much, what to tell the customer and what the agent should do.
//!
//! The timelines (timings are dated data in [`super::rules`], each with its source):
//! - card payment: authorized, then captured before the authorization lapses (7 days;
//!   Visa merchant-initiated 4 days 18 hours), after which the hold is released;
//! - card refund: accepted, then posted to the statement in 5-10 business days; it can
//!   still fail after it was accepted;
//! - Pix charge (`cob`): payable until creation + `expiracao` (default 86400 s). Past it the
//!   charge is expired, whatever the PSP's status says (it stays `ATIVA`);
//! - Pix devolução: within 90 days of the original Pix, arriving within the PSPs' risk hold;
//! - boleto: payable until the end of its due day in the bank calendar's time zone (São
//!   Paulo); once paid, confirmed in 1-3 business days; its refund is a transfer to the
//!   customer's account by the next business day;
//! - wallet: follows its funding source.
//!
//! Business days are counted on the store's bank calendar (`payment.bank_calendar`), not
//! the support desk's.

use chrono::{Duration, NaiveDate};
use schemars::JsonSchema;
use serde::Serialize;

use super::rules::{self, Rule};
use super::stage::{PlaceView, Stage};
use super::{PaymentCapability, PaymentError};
use crate::calendar::{BusinessDays, Calendar, Timestamp, ZoneRules};
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::error::InputError;
use crate::money::Money;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// A payment or a refund.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// Money from the customer to the store.
    Payment,
    /// Money back to the customer.
    Refund,
}

/// How the money moves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum PayMethod {
    /// A credit or debit card.
    Card,
    /// Pix.
    Pix,
    /// Boleto bancário.
    Boleto,
    /// A wallet over a funding source (`funding`).
    Wallet,
}

/// A status the processor or PSP reported, in Recourse's words.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum TimelineStatus {
    /// The charge, Pix `cob` or boleto was created (Pix `ATIVA`, boleto `pendente`).
    Created,
    /// A card payment was authorized.
    Authorized,
    /// A card payment was captured.
    Captured,
    /// The customer paid (Pix `CONCLUIDA`; a boleto paid at the bank).
    Paid,
    /// The bank confirmed a boleto payment.
    Confirmed,
    /// A refund was accepted and is processing (Pix `EM_PROCESSAMENTO`).
    Pending,
    /// A refund succeeded at the processor (Pix `DEVOLVIDO`).
    Succeeded,
    /// It failed (a refund can fail after it was accepted; Pix `NAO_REALIZADO`).
    Failed,
    /// Cancelled or removed (Pix `REMOVIDA_PELO_USUARIO_RECEBEDOR` / `REMOVIDA_PELO_PSP`).
    Canceled,
}

/// One reported status.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct StatusEvent {
    /// When.
    pub at: Timestamp,
    /// The status.
    pub status: TimelineStatus,
    /// The amount it concerns, in the payment's currency.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub amount: Option<Money>,
}

/// The request of `payment.where_is_my_money`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct WhereRequest {
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
    /// The instant of the question.
    pub now: Timestamp,
    /// A card's network (Visa's merchant-initiated authorizations are shorter).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub network: Option<String>,
    /// A merchant-initiated card payment (a subscription renewal, say).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub merchant_initiated: bool,
    /// A Pix charge's `calendario.expiracao`, in seconds after its creation.
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
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// The response of `payment.where_is_my_money`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct WhereResponse {
    /// Where the money is.
    pub stage: Stage,
    /// The method whose timeline applies (a wallet's funding source).
    pub timeline_of: PayMethod,
    /// The last status reported.
    pub status: TimelineStatus,
    /// When it was reported.
    pub since: Timestamp,
    /// The earliest the next step is expected.
    pub expected_from: Option<Timestamp>,
    /// The latest the next step is expected (or the expiry it runs to).
    pub expected_by: Option<Timestamp>,
    /// The calendar business days were counted on.
    pub calendar: Option<String>,
    /// Whether the next step is late.
    pub overdue: bool,
    /// How late, in seconds (0 when not).
    pub overdue_by_seconds: i64,
    /// The rule that set the timeline.
    pub rule: String,
    /// Its source.
    pub source: String,
    /// What to tell the customer.
    pub customer_text: String,
    /// What the agent should do.
    pub agent_text: String,
}

/// What the timeline says, before the sentences.
struct Place {
    stage: Stage,
    from: Option<Timestamp>,
    by: Option<Timestamp>,
    /// Whether `by` is a deadline for the bank (late when passed) rather than an expiry.
    waits_on_bank: bool,
    rule: &'static str,
    source: &'static str,
    calendar: bool,
}

impl Place {
    fn done(stage: Stage, rule: &'static str) -> Self {
        Self {
            stage,
            from: None,
            by: None,
            waits_on_bank: false,
            rule,
            source: "the status reported",
            calendar: false,
        }
    }
}

fn value(rule: &Rule, day: NaiveDate) -> (u32, &'static str) {
    rule.on(day).map(|d| (d.value, d.source)).unwrap_or((0, ""))
}

fn out_of_range<T>(_: T) -> Error {
    Error::new(InputError::OutOfRange, "now")
}

fn plus_minutes(t: &Timestamp, minutes: i64) -> Result<Timestamp, Error> {
    t.as_datetime()
        .checked_add_signed(Duration::minutes(minutes))
        .map(Timestamp::from)
        .filter(Timestamp::is_supported)
        .ok_or_else(|| out_of_range(()))
}

/// The statuses a flow and method report.
fn allowed(flow: Flow, method: PayMethod, status: TimelineStatus) -> bool {
    use TimelineStatus as S;
    match (flow, method) {
        (Flow::Refund, _) => matches!(status, S::Pending | S::Succeeded | S::Failed | S::Canceled),
        (Flow::Payment, PayMethod::Card | PayMethod::Wallet) => {
            matches!(
                status,
                S::Created | S::Authorized | S::Captured | S::Failed | S::Canceled
            )
        }
        (Flow::Payment, PayMethod::Pix) => matches!(status, S::Created | S::Paid | S::Canceled),
        (Flow::Payment, PayMethod::Boleto) => {
            matches!(status, S::Created | S::Paid | S::Confirmed | S::Canceled)
        }
    }
}

/// The method whose timeline applies, and the history checked: in order, none after `now`,
/// statuses of this method, amounts in the payment's currency.
fn validate(request: &WhereRequest) -> Result<PayMethod, Error> {
    let method = match (request.method, request.funding) {
        (PayMethod::Wallet, Some(PayMethod::Wallet)) => {
            return Err(Error::new(PaymentError::StatusNotForMethod, "funding"))
        }
        (PayMethod::Wallet, Some(f)) => f,
        (PayMethod::Wallet, None) => return Err(Error::new(PaymentError::MissingField, "funding")),
        (m, _) => m,
    };
    if request.history.is_empty() {
        return Err(Error::new(PaymentError::MissingField, "history"));
    }
    let currency = request.amount.currency();
    let mut previous: Option<&Timestamp> = None;
    for (i, e) in request.history.iter().enumerate() {
        if previous.is_some_and(|p| e.at < *p) {
            return Err(Error::new(
                PaymentError::HistoryOutOfOrder,
                format!("history[{i}].at"),
            ));
        }
        if e.at > request.now {
            return Err(Error::new(
                PaymentError::AttemptAfterNow,
                format!("history[{i}].at"),
            ));
        }
        if !allowed(request.flow, method, e.status) {
            return Err(Error::new(
                PaymentError::StatusNotForMethod,
                format!("history[{i}].status"),
            ));
        }
        if e.amount.as_ref().is_some_and(|a| a.currency() != currency) {
            return Err(Error::new(
                PaymentError::CurrencyMismatch,
                format!("history[{i}].amount"),
            ));
        }
        previous = Some(&e.at);
    }
    Ok(method)
}

/// The first event's instant with one of `statuses`.
fn first(request: &WhereRequest, statuses: &[TimelineStatus]) -> Option<Timestamp> {
    request
        .history
        .iter()
        .find(|e| statuses.contains(&e.status))
        .map(|e| e.at)
}

fn card_payment(request: &WhereRequest, last: &StatusEvent) -> Result<Place, Error> {
    use TimelineStatus as S;
    Ok(match last.status {
        S::Authorized => {
            let day = last.at.as_datetime().date_naive();
            let visa_mit = request.merchant_initiated && request.network.as_deref() == Some("visa");
            let rule = match rules::VISA_MIT_AUTHORIZATION_MINUTES.on(day) {
                Some(_) if visa_mit => &rules::VISA_MIT_AUTHORIZATION_MINUTES,
                _ => &rules::CARD_AUTHORIZATION_MINUTES,
            };
            let (minutes, source) = value(rule, day);
            let by = plus_minutes(&last.at, i64::from(minutes))?;
            let stage = if request.now >= by {
                Stage::AuthorizationExpired
            } else {
                Stage::Authorized
            };
            Place {
                stage,
                from: None,
                by: Some(by),
                waits_on_bank: false,
                rule: rule.id,
                source,
                calendar: false,
            }
        }
        S::Captured => Place::done(Stage::Captured, "card.captured"),
        S::Failed => Place::done(Stage::Failed, "payment.failed"),
        S::Canceled => Place::done(Stage::Cancelled, "payment.cancelled"),
        _ => Place::done(Stage::AwaitingAuthorization, "card.awaiting_authorization"),
    })
}

fn pix_payment(request: &WhereRequest, last: &StatusEvent) -> Result<Place, Error> {
    use TimelineStatus as S;
    match last.status {
        S::Paid => return Ok(Place::done(Stage::Paid, "pix.concluida")),
        S::Canceled => return Ok(Place::done(Stage::Cancelled, "pix.removida")),
        _ => {}
    }
    let created = first(request, &[S::Created]).unwrap_or(last.at);
    let rule = &rules::PIX_DEFAULT_EXPIRY_SECONDS;
    let (default, source) = value(rule, created.as_datetime().date_naive());
    let (seconds, source) = match request.pix_expires_in_seconds {
        Some(s) => (s, "the charge's calendario.expiracao (bacen/pix-api openapi.yaml; bacen/pix-api issues 577 and 319: an expired cob stays ATIVA)"),
        None => (default, source),
    };
    let by = created
        .as_datetime()
        .checked_add_signed(Duration::seconds(i64::from(seconds)))
        .map(Timestamp::from)
        .filter(Timestamp::is_supported)
        .ok_or_else(|| out_of_range(()))?;
    // Expired by the clock, whatever the PSP's status says (an expired cob stays ATIVA).
    let stage = if request.now >= by {
        Stage::Expired
    } else {
        Stage::AwaitingPayment
    };
    Ok(Place {
        stage,
        from: None,
        by: Some(by),
        waits_on_bank: false,
        rule: rule.id,
        source,
        calendar: false,
    })
}

/// The end of a boleto's due day: the next local midnight in the bank calendar's zone.
fn end_of_day(calendar: &Calendar, day: NaiveDate) -> Result<Timestamp, Error> {
    let next = day.succ_opt().ok_or_else(|| out_of_range(()))?;
    let rules = ZoneRules::of(calendar.time_zone());
    let utc = rules
        .map_local(&next.and_time(chrono::NaiveTime::MIN))
        .earliest()
        .or_else(|| rules.gap_end(&next.and_time(chrono::NaiveTime::MIN)))
        .ok_or_else(|| out_of_range(()))?;
    Ok(calendar.to_local(&Timestamp::from(utc)))
}

/// `rule`'s business days after `at`. An event on a day the banks are closed counts from
/// the start of their next working day, so a later event is never expected earlier (a
/// Saturday payment is not expected before one made on Friday afternoon).
fn business_days(
    calendar: &Calendar,
    at: &Timestamp,
    rule: &Rule,
) -> Result<(Timestamp, &'static str), Error> {
    let (days, source) = value(rule, at.as_datetime().date_naive());
    let start = start_of_working_day(calendar, at)?;
    let t = calendar
        .add_business_days(&start, BusinessDays(days))
        .map_err(|e| Error::new(e, "now"))?;
    Ok((t, source))
}

/// `at` itself on a working day; otherwise the local midnight that starts the next one.
fn start_of_working_day(calendar: &Calendar, at: &Timestamp) -> Result<Timestamp, Error> {
    let mut day = calendar.to_local(at).as_datetime().date_naive();
    if calendar.is_working_day(day) {
        return Ok(*at);
    }
    // A week of closed days at most in any real bank calendar; the bound keeps it finite.
    for _ in 0..366 {
        day = day.succ_opt().ok_or_else(|| out_of_range(()))?;
        if calendar.is_working_day(day) {
            let previous = day.pred_opt().ok_or_else(|| out_of_range(()))?;
            return end_of_day(calendar, previous);
        }
    }
    Err(out_of_range(()))
}

fn boleto_payment(
    request: &WhereRequest,
    last: &StatusEvent,
    calendar: &Calendar,
) -> Result<Place, Error> {
    use TimelineStatus as S;
    match last.status {
        S::Confirmed => Ok(Place::done(Stage::Paid, "boleto.confirmed")),
        S::Canceled => Ok(Place::done(Stage::Cancelled, "boleto.cancelled")),
        S::Paid => {
            let paid = first(request, &[S::Paid]).unwrap_or(last.at);
            let (from, source) =
                business_days(calendar, &paid, &rules::BOLETO_CONFIRMATION_MIN_DAYS)?;
            let (by, _) = business_days(calendar, &paid, &rules::BOLETO_CONFIRMATION_MAX_DAYS)?;
            Ok(Place {
                stage: Stage::AwaitingConfirmation,
                from: Some(from),
                by: Some(by),
                waits_on_bank: true,
                rule: rules::BOLETO_CONFIRMATION_MAX_DAYS.id,
                source,
                calendar: true,
            })
        }
        _ => {
            let text = request
                .boleto_due_date
                .as_deref()
                .ok_or_else(|| Error::new(PaymentError::MissingField, "boleto_due_date"))?;
            let day = crate::calendar::parse_date(text).ok_or_else(|| {
                Error::new(
                    InputError::Invalid {
                        detail: "expected a date YYYY-MM-DD".to_owned(),
                    },
                    "boleto_due_date",
                )
            })?;
            let by = end_of_day(calendar, day)?;
            let stage = if request.now >= by {
                Stage::Expired
            } else {
                Stage::AwaitingPayment
            };
            Ok(Place {
                stage,
                from: None,
                by: Some(by),
                waits_on_bank: false,
                rule: "boleto.due_date",
                source: "the voucher expires at 23:59 America/Sao_Paulo on its due day (stripe.com/docs/payments/boleto)",
                calendar: true,
            })
        }
    }
}

fn refund(
    request: &WhereRequest,
    method: PayMethod,
    last: &StatusEvent,
    calendar: Option<&Calendar>,
) -> Result<Place, Error> {
    use TimelineStatus as S;
    match (last.status, method) {
        (S::Failed, _) => {
            return Ok(Place::done(
                Stage::RefundFailed,
                "refund.failed_after_accepted",
            ))
        }
        (S::Canceled, _) => return Ok(Place::done(Stage::Cancelled, "refund.cancelled")),
        (S::Succeeded, PayMethod::Pix | PayMethod::Boleto) => {
            return Ok(Place::done(Stage::RefundCompleted, "refund.succeeded"))
        }
        _ => {}
    }
    let accepted = first(request, &[S::Pending, S::Succeeded]).unwrap_or(last.at);
    let transit = |from, by, rule: &Rule, source, calendar| Place {
        stage: Stage::RefundInTransit,
        from,
        by: Some(by),
        waits_on_bank: true,
        rule: rule.id,
        source,
        calendar,
    };
    match method {
        PayMethod::Pix => {
            let original = request
                .original_paid_at
                .ok_or_else(|| Error::new(PaymentError::MissingField, "original_paid_at"))?;
            let window = &rules::PIX_DEVOLUCAO_WINDOW_DAYS;
            let (days, source) = value(window, original.as_datetime().date_naive());
            let closes = plus_minutes(&original, i64::from(days).saturating_mul(24 * 60))?;
            if accepted > closes {
                return Ok(Place {
                    stage: Stage::RefundWindowPassed,
                    from: None,
                    by: Some(closes),
                    waits_on_bank: false,
                    rule: window.id,
                    source,
                    calendar: false,
                });
            }
            let hold = &rules::PIX_HOLD_MINUTES;
            let (minutes, source) = value(hold, accepted.as_datetime().date_naive());
            let by = plus_minutes(&accepted, i64::from(minutes))?;
            Ok(transit(None, by, hold, source, false))
        }
        _ => {
            let calendar = calendar.ok_or_else(|| Error::new(PaymentError::NoBankCalendar, "."))?;
            if method == PayMethod::Boleto {
                let rule = &rules::TRANSFER_REFUND_MAX_DAYS;
                let (by, source) = business_days(calendar, &accepted, rule)?;
                return Ok(transit(None, by, rule, source, true));
            }
            let (from, source) =
                business_days(calendar, &accepted, &rules::CARD_REFUND_POSTING_MIN_DAYS)?;
            let (by, _) = business_days(calendar, &accepted, &rules::CARD_REFUND_POSTING_MAX_DAYS)?;
            Ok(transit(
                Some(from),
                by,
                &rules::CARD_REFUND_POSTING_MAX_DAYS,
                source,
                true,
            ))
        }
    }
}

/// Where a payment or refund is.
///
/// # Errors
/// `payment.missing_field` at `history`, `funding`, `boleto_due_date` or
/// `original_paid_at` when the method needs it; `payment.history_out_of_order` and
/// `payment.event_after_now` at `history[i].at`; `payment.status_not_for_method` at
/// `history[i].status`; `payment.currency_mismatch` at `history[i].amount`;
/// `payment.no_bank_calendar` when business days are needed and the store names no bank
/// calendar; calendar errors and `input.out_of_range` at `now`.
///
/// # Example
/// ```
/// use recourse_payments::payment::{where_is_my_money, Stage, WhereRequest};
/// let engine = recourse_payments::Engine::default_store()?;
/// // A Pix charge whose PSP still says ATIVA an hour after its 30-minute expiry.
/// let request: WhereRequest = serde_json::from_str(r#"{"flow": "payment", "method": "pix",
///     "amount": {"amount": "80.00", "currency": "BRL"}, "pix_expires_in_seconds": 1800,
///     "history": [{"at": "2026-11-20T09:00:00-03:00", "status": "created"}],
///     "now": "2026-11-20T10:30:00-03:00"}"#)?;
/// let out = where_is_my_money(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(out.stage, Stage::Expired);
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn where_is_my_money(
    engine: &impl Provides<PaymentCapability>,
    request: &WhereRequest,
    trace: &mut Trace,
) -> Result<WhereResponse, Error> {
    let cx = engine.context()?;
    let method = validate(request)?;
    let last = request
        .history
        .last()
        .ok_or_else(|| Error::new(PaymentError::MissingField, "history"))?;
    let calendar_name = cx.section().config.bank_calendar.as_deref();
    let calendar = calendar_name.and_then(|n| cx.services().calendar(n));
    let place = match (request.flow, method) {
        (Flow::Refund, m) => refund(request, m, last, calendar)?,
        (Flow::Payment, PayMethod::Pix) => pix_payment(request, last)?,
        (Flow::Payment, PayMethod::Boleto) => {
            let calendar = calendar.ok_or_else(|| Error::new(PaymentError::NoBankCalendar, "."))?;
            boleto_payment(request, last, calendar)?
        }
        (Flow::Payment, _) => card_payment(request, last)?,
    };
    let overdue_by = match (place.waits_on_bank, place.by) {
        (true, Some(by)) if request.now > by => (request.now.to_utc() - by.to_utc()).num_seconds(),
        _ => 0,
    };
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let texts = super::timeline_words::texts(
        &place_view(&place),
        overdue_by,
        locale,
        request.customer_name.as_deref(),
    );
    trace.push(
        "payment.timeline",
        format!(
            "{} by {}{}",
            place.stage.as_str(),
            place.rule,
            if overdue_by > 0 {
                format!(", overdue by {overdue_by} s")
            } else {
                String::new()
            }
        ),
    );
    Ok(WhereResponse {
        stage: place.stage,
        timeline_of: method,
        status: last.status,
        since: last.at,
        expected_from: place.from,
        expected_by: place.by,
        calendar: if place.calendar {
            calendar_name.map(str::to_owned)
        } else {
            None
        },
        overdue: overdue_by > 0,
        overdue_by_seconds: overdue_by,
        rule: place.rule.to_owned(),
        source: place.source.to_owned(),
        customer_text: texts.0,
        agent_text: texts.1,
    })
}

fn place_view(place: &Place) -> PlaceView {
    PlaceView {
        stage: place.stage,
        from: place.from,
        by: place.by,
    }
}

/// `payment.where_is_my_money`.
#[derive(Debug, Clone, Copy)]
pub struct WhereIsMyMoney;

impl Operation for WhereIsMyMoney {
    const NAME: &'static str = "payment.where_is_my_money";
    const SUMMARY: &'static str =
        "where a payment or refund is in its timeline per method, when its next step is expected on the bank calendar, whether it is overdue, what to tell the customer and do";
    type Capability = PaymentCapability;
    type Request = WhereRequest;
    type Response = WhereResponse;

    fn run(
        cx: &Context<'_, PaymentCapability>,
        request: &WhereRequest,
        trace: &mut Trace,
    ) -> Result<WhereResponse, Error> {
        where_is_my_money(cx, request, trace)
    }

    fn now(request: &WhereRequest) -> Option<&Timestamp> {
        Some(&request.now)
    }
}

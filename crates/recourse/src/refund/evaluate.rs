//! `refund.evaluate`: the facts checked, the table applied line by line, the money
//! computed and capped, the remedy chosen, the automation applied, the reasons written.

use super::amounts::{self, AmountError, LineInput, LinePaid};
use super::case::{EvaluateRequest, LedgerStatus, OrderLine, Payment, RequestLine};
use super::compile::{in_currency, CFee, CompiledPolicy, Eligibility, Policies};
use super::decision::{
    Breakdown, Destination, EvaluateResponse, LineDecision, Outcome, PaymentRefund, ReasonCode,
    RefundBy, RefundReason, RemedyOffer,
};
use super::eligibility::{
    deadline, end_of_day, last_day, local_date, resolve, CaseFacts, LineFacts,
};
use super::messages::{greeting, render, Args, RefundTo};
use super::policy::{DenyReason, Payer, Remedy};
use super::remedy;
use super::timing;
use super::RefundCapability;
use super::RefundError;
use chrono::NaiveDate;

use crate::comms::Locale;
use crate::money::{Currency, Money, MoneyError};
use crate::ops::Provides;
use crate::Error;

/// Largest quantity on one line.
const MAX_QUANTITY: u32 = 1_000_000;
/// Largest amount in minor units (10^15: ten trillion at two decimals). With at most a
/// million units a line, a line costs at most 10^21 minor units; every split takes its
/// products in 256 bits, and the order as a whole is held to
/// [`MAX_ORDER_MINOR`](amounts::MAX_ORDER_MINOR), so every figure is exact (see the
/// [limits](crate::refund#limits)).
const MAX_MINOR: i128 = 1_000_000_000_000_000;

/// Decides a refund request with the engine's policy named in the request (or its
/// default policy).
///
/// # Errors
/// `refund.unknown_policy` / `refund.no_policy`; with no policy named and policies that
/// declare the orders they apply to, `refund.no_matching_policy` or
/// `refund.ambiguous_policy` at `order`, naming the order's currency and channel; and every contradiction in the facts,
/// with the path of the culprit: unknown or repeated lines and payments, quantities over
/// what was purchased, amounts in another currency, negative amounts, discounts over the
/// price, instants out of order, a ledger that refunded more than was captured; and
/// amounts, quantities or an order past the [limits](crate::refund#limits), within which
/// every figure is exact.
///
/// # Example
/// ```
/// use recourse_payments::refund::{evaluate, EvaluateRequest, Outcome};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request: EvaluateRequest = serde_json::from_str(r#"{
///   "now": "2026-03-10T12:00:00-03:00",
///   "order": {"currency": "BRL", "purchased_at": "2026-03-01T10:00:00-03:00",
///     "delivered_at": "2026-03-04T15:00:00-03:00",
///     "lines": [{"id": "shirt", "category": "apparel", "quantity": 1,
///                "unit_price": {"amount": "89.90", "currency": "BRL"}}],
///     "shipping": {"amount": "10.00", "currency": "BRL"},
///     "payments": [{"id": "p1", "method": "pix", "captured_at": "2026-03-01T10:00:00-03:00",
///                   "captured": {"amount": "99.90", "currency": "BRL"}}]},
///   "request": {"reason": "changed_mind", "condition": "unopened",
///               "lines": [{"line_id": "shirt", "quantity": 1}]}
/// }"#).unwrap();
/// let decision = evaluate(&engine, &request)?;
/// assert_eq!(decision.outcome, Outcome::Approve);
/// // CDC art. 49: everything paid, shipping included, comes back.
/// assert_eq!(decision.total.to_string(), "99.90 BRL");
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn evaluate(
    engine: &impl Provides<RefundCapability>,
    request: &EvaluateRequest,
) -> Result<EvaluateResponse, Error> {
    evaluate_chosen(engine, request).map(|(response, _)| response)
}

/// [`evaluate`], with why the policy was chosen when the request names none and the
/// policies declare the orders they apply to (for the receipt's trace).
pub(crate) fn evaluate_chosen(
    engine: &impl Provides<RefundCapability>,
    request: &EvaluateRequest,
) -> Result<(EvaluateResponse, Option<String>), Error> {
    let cx = engine.context()?;
    let (policy, why) = policy_for(cx.section().policies(), request)?;
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let decided = Evaluation::new(policy, request, locale)?.run()?;
    Ok((decided.response, why))
}

/// The policy `request` is decided under: the one it names, or the one its order falls
/// under, with why.
fn policy_for<'p>(
    policies: &'p Policies,
    request: &EvaluateRequest,
) -> Result<(&'p CompiledPolicy, Option<String>), Error> {
    match request.policy.as_deref() {
        Some(name) => policies
            .get(Some(name))
            .map(|policy| (policy, None))
            .ok_or_else(|| Error::new(RefundError::UnknownPolicy, "policy")),
        None => policies.choose(&request.order),
    }
}

/// [`evaluate`] without what only a person reads: every reason's `message` is empty and
/// names no line or payment, no line decision is written, the payments name no payment id,
/// store credit's bonus has no percentage text, and the decision has no greeting, no
/// refund-by block and an empty policy name; everything else is the decision's, byte for
/// byte. What a simulation folds (outcomes, amounts, reasons' codes and rules) reads none
/// of these, and writing them is about a third of a decision's work. The reasons a quiet
/// decision cites are listed here as reasons, for the tests that compare it with a full
/// one.
#[cfg(test)]
pub(crate) fn evaluate_quiet(
    engine: &impl Provides<RefundCapability>,
    request: &EvaluateRequest,
) -> Result<EvaluateResponse, Error> {
    let cx = engine.context()?;
    let (policy, _) = policy_for(cx.section().policies(), request)?;
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    let decided = evaluate_quiet_under(policy, request, locale)?;
    let mut response = decided.response;
    response
        .reasons
        .extend(decided.cited.iter().map(|&(code, rule)| RefundReason {
            code,
            rule: rule.to_owned(),
            line_id: None,
            payment_id: None,
            message: String::new(),
        }));
    Ok(response)
}

/// A decision and, when it is quiet, the code and rule of each of its reasons in order (its
/// `reasons` are then empty: nothing is written for them).
pub(crate) struct Decided<'a> {
    pub response: EvaluateResponse,
    pub cited: Vec<(ReasonCode, &'a str)>,
}

/// The quiet decision (as `evaluate_quiet`) under `policy`, whatever policy the request
/// names, in `locale`, with its reasons cited rather than written: a simulation resolves
/// its policies once, not once a case, and folds the codes and rules as they are.
pub(crate) fn evaluate_quiet_under<'a>(
    policy: &'a CompiledPolicy,
    request: &'a EvaluateRequest,
    locale: Locale,
) -> Result<Decided<'a>, Error> {
    let mut evaluation = Evaluation::new(policy, request, locale)?;
    evaluation.full = false;
    evaluation.run()
}

/// The facts, checked and indexed, in minor units.
struct Evaluation<'a> {
    policy: &'a CompiledPolicy,
    request: &'a EvaluateRequest,
    locale: Locale,
    currency: Currency,
    /// Order line indices sorted by id.
    lines: Vec<usize>,
    /// What each line cost, by sorted position.
    paid: Vec<LinePaid>,
    /// Refunded (succeeded + pending) per sorted line: amount and units (empty, read as
    /// zero, without a ledger).
    line_used: Vec<(i128, i128)>,
    /// Payment indices sorted by id.
    payments: Vec<usize>,
    /// Refunded (succeeded + pending) per sorted payment (empty, read as zero, without a
    /// ledger).
    payment_used: Vec<i128>,
    ledger_total: i128,
    /// The part of `ledger_total` still pending.
    ledger_pending: i128,
    reasons: Vec<RefundReason>,
    /// In a quiet decision, each reason's code and rule in place of `reasons`.
    cited: Vec<(ReasonCode, &'a str)>,
    /// Whether the decision is written in full: the reasons' sentences and ids, the line
    /// decisions, the greeting and the policy's name (see `evaluate_quiet`).
    full: bool,
}

/// The order's channel and its lines' categories are among those the policy declares, when
/// it declares them: a misspelt category would otherwise match no rule, silently.
fn check_vocabulary(policy: &CompiledPolicy, order: &super::case::Order) -> Result<(), Error> {
    let known = &policy.known;
    if !known.channels.is_empty() && !known.channels.contains(&order.channel) {
        return Err(Error::new(RefundError::UnknownChannel, "order.channel"));
    }
    if known.categories.is_empty() {
        return Ok(());
    }
    match order
        .lines
        .iter()
        .position(|l| !known.categories.contains(&l.category))
    {
        Some(i) => Err(Error::new(
            RefundError::UnknownCategory,
            at("order.lines", i, "category"),
        )),
        None => Ok(()),
    }
}

fn at(prefix: &str, i: usize, field: &str) -> String {
    if field.is_empty() {
        format!("{prefix}[{i}]")
    } else {
        format!("{prefix}[{i}].{field}")
    }
}

impl<'a> Evaluation<'a> {
    /// Checks and indexes the facts, step by step: the currency, the timeline, the order's
    /// lines and what each cost, the payments, and what the ledger already refunded.
    fn new(
        policy: &'a CompiledPolicy,
        request: &'a EvaluateRequest,
        locale: Locale,
    ) -> Result<Self, Error> {
        let order = &request.order;
        let currency =
            Currency::from_code(&order.currency).map_err(|e| Error::new(e, "order.currency"))?;
        let minor = Minor(currency);
        check_vocabulary(policy, order)?;
        check_timeline(request)?;
        let lines = sorted_unique(
            order.lines.len(),
            |i| line_id(request, i),
            RefundError::DuplicateLine,
            "order.lines",
            "id",
        )?;
        let paid = line_costs(request, &lines, minor)?;
        let payments = sorted_unique(
            order.payments.len(),
            |i| payment_id(request, i),
            RefundError::DuplicatePayment,
            "order.payments",
            "id",
        )?;
        for (i, p) in order.payments.iter().enumerate() {
            minor.of(&p.captured, &|| at("order.payments", i, "captured"))?;
        }
        let used = Used::read(request, &lines, &paid, &payments, minor)?;
        Ok(Self {
            policy,
            request,
            locale,
            currency,
            lines,
            paid,
            line_used: used.lines,
            payments,
            payment_used: used.payments,
            ledger_total: used.total,
            ledger_pending: used.pending,
            reasons: Vec::new(),
            cited: Vec::new(),
            full: true,
        })
    }

    fn money(&self, minor: i128) -> Money {
        Money::from_minor(minor, self.currency).unwrap_or_else(|_| Money::zero(self.currency))
    }

    fn say(
        &mut self,
        code: ReasonCode,
        rule: &'a str,
        line: Option<&str>,
        payment: Option<&str>,
        args: &Args,
    ) {
        if !self.full {
            self.cited.push((code, rule));
            return;
        }
        self.reasons.push(RefundReason {
            code,
            rule: rule.to_owned(),
            line_id: line.map(str::to_owned),
            payment_id: payment.map(str::to_owned),
            message: render(code, self.locale, args),
        });
    }

    /// What the ledger shows, refunded apart from pending, with `amount` beside them (for
    /// a sentence: nothing when none is written).
    fn ledger(&self, amount: i128) -> Args {
        if !self.full {
            return Args::default();
        }
        Args {
            amount: Some(self.money(amount)),
            refunded: Some(self.money(self.ledger_total - self.ledger_pending)),
            pending: Some(self.money(self.ledger_pending)),
            ..Args::default()
        }
    }

    /// `minor` as the amount of a sentence (nothing when none is written).
    fn amount(&self, minor: i128) -> Args {
        if !self.full {
            return Args::default();
        }
        Args {
            amount: Some(self.money(minor)),
            ..Args::default()
        }
    }

    /// What the payment at sorted position `pos` can still give back.
    fn payment_room_at(&self, pos: usize) -> i128 {
        captured(self.request, &self.payments, pos)
            - self.payment_used.get(pos).copied().unwrap_or(0)
    }

    fn run(self) -> Result<Decided<'a>, Error> {
        let reason = self.request.request.reason;
        if reason.is_duplicate_charge() {
            return self.duplicate_charge();
        }
        if self.request.request.lines.is_empty() {
            return Err(Error::new(RefundError::NoLines, "request.lines"));
        }
        self.lines_refund()
    }

    /// A duplicate charge is refundable in full, whatever the window or the policy: the
    /// customer paid twice for one order.
    fn duplicate_charge(mut self) -> Result<Decided<'a>, Error> {
        const RULE: &str = "recourse.duplicate_charge";
        let id = self
            .request
            .request
            .payment_id
            .as_deref()
            .ok_or_else(|| Error::new(RefundError::PaymentRequired, "request.payment_id"))?;
        let pos = find(&self.payments, id, |j| payment_id(self.request, j))
            .ok_or_else(|| Error::new(RefundError::UnknownPayment, "request.payment_id"))?;
        let room = self.payment_room_at(pos);
        let total = self.money(room);
        let zero = Money::zero(self.currency);
        let mut breakdown = Breakdown::zero(zero);
        breakdown.item = total;
        breakdown.total = total;
        let mut payments = Vec::new();
        // All of it from the payment charged twice, nothing from the others.
        let mut parts = vec![0; self.payments.len()];
        if let Some(part) = parts.get_mut(pos) {
            *part = room;
        }
        let outcome = if room > 0 {
            self.say(
                ReasonCode::DuplicateCharge,
                RULE,
                None,
                Some(id),
                &self.amount(room),
            );
            self.say(
                ReasonCode::Remedy,
                RULE,
                None,
                None,
                &Args {
                    amount: Some(total),
                    remedy: Some(Remedy::Refund),
                    refund_to: self.refund_to(&parts),
                    ..Args::default()
                },
            );
            self.route(&parts, &mut payments);
            Outcome::Approve
        } else {
            let args = self.ledger(0);
            self.say(ReasonCode::AlreadyRefunded, RULE, None, Some(id), &args);
            Outcome::Deny
        };
        let refund_by = self.refund_by(&payments)?;
        let mut out = self.finish(
            outcome,
            Vec::new(),
            breakdown,
            RemedyOffer {
                kind: Remedy::Refund,
                amount: Some(total),
                bonus_percent: None,
            },
            Vec::new(),
            payments,
        );
        out.response.refund_by = refund_by;
        Ok(out)
    }

    /// By when the merchant must send the refund, when the policy sets a deadline and
    /// money goes back to a payment, with the reason that states it: counted from `now`,
    /// when the merchant is told, on the policy's calendar.
    fn refund_by(&mut self, payments: &[PaymentRefund]) -> Result<Option<RefundBy>, Error> {
        let policy = self.policy;
        let Some(rule) = policy.refund_deadline.as_ref() else {
            return Ok(None);
        };
        if payments.is_empty() {
            return Ok(None);
        }
        let now = self.request.now;
        let (at, date) = if rule.days == 0 {
            (now, None)
        } else {
            let told = local_date(policy, &now);
            let out_of_range = || Error::new(crate::ops::InputError::OutOfRange, "now");
            let last =
                last_day(policy, told, rule.days, rule.roll_forward).ok_or_else(out_of_range)?;
            (
                end_of_day(policy, last).ok_or_else(out_of_range)?,
                Some(last),
            )
        };
        let args = Args {
            date,
            withhold: rule.withhold_until_goods_back,
            ..Args::default()
        };
        self.say(ReasonCode::RefundBy, &rule.id, None, None, &args);
        if !self.full {
            return Ok(None);
        }
        Ok(Some(RefundBy {
            at,
            rule: rule.id.clone(),
            source: rule.source.clone(),
            may_withhold_until_goods_back: rule.withhold_until_goods_back,
        }))
    }

    /// Pushes the payment refunds and their timing reasons.
    fn route(&mut self, parts: &[i128], out: &mut Vec<PaymentRefund>) {
        for (pos, &amount) in parts.iter().enumerate() {
            if amount == 0 {
                continue;
            }
            let Some(payment) = self
                .payments
                .get(pos)
                .and_then(|&i| self.request.order.payments.get(i))
            else {
                continue;
            };
            let route = timing::route(payment, &self.request.now);
            let money = self.money(amount);
            self.say(
                route.code,
                route.rule,
                None,
                Some(&payment.id),
                &Args {
                    amount: Some(money),
                    min_days: Some(route.timing.min_business_days),
                    max_days: Some(route.timing.max_business_days),
                    ..Args::default()
                },
            );
            out.push(PaymentRefund {
                payment_id: if self.full {
                    payment.id.clone()
                } else {
                    String::new()
                },
                method: payment.method,
                amount: money,
                destination: route.destination,
                timing: route.timing,
            });
        }
    }

    fn finish(
        self,
        outcome: Outcome,
        lines: Vec<LineDecision>,
        breakdown: Breakdown,
        remedy: RemedyOffer,
        alternatives: Vec<RemedyOffer>,
        payments: Vec<PaymentRefund>,
    ) -> Decided<'a> {
        let ledger_total_assumed = self.money(self.ledger_total);
        let full = self.full;
        let response = EvaluateResponse {
            policy: if full {
                self.policy.name.clone()
            } else {
                String::new()
            },
            outcome,
            reason: self.request.request.reason,
            locale: self.locale,
            greeting: if full {
                greeting(self.request.customer.name.as_deref(), self.locale)
            } else {
                None
            },
            lines,
            total: breakdown.total,
            breakdown,
            remedy,
            alternatives,
            payments,
            refund_by: None,
            reasons: self.reasons,
            ledger_total_assumed,
        };
        Decided {
            response,
            cited: self.cited,
        }
    }

    /// Refunds the requested lines, step by step: the facts every line shares, each line
    /// judged and priced, the return shipping shared, the caps applied, the outcome, the
    /// remedy chosen, the money routed to the payments, the breakdowns written.
    fn lines_refund(mut self) -> Result<Decided<'a>, Error> {
        let facts = self.case_facts();
        let mut notes = Notes::default();
        let asked = self.asked_lines()?;
        // About two reasons a line, one a payment and a few for the request: sized once
        // rather than grown three or four times.
        let reasons = 2 * asked.len() + self.payments.len() + 6;
        if self.full {
            self.reasons.reserve(reasons);
        } else {
            self.cited.reserve(reasons);
        }
        // Sized once: a line's work is large, and growing the list a push at a time costs
        // more than the evaluation around it.
        let mut work = Vec::with_capacity(asked.len());
        for ri in asked {
            if let Some(w) = self.line(ri, &facts, &mut notes)? {
                work.push(w);
            }
        }
        self.return_shipping(&mut work, &facts, &mut notes)?;
        self.say_fees_waived_and_shipping(&work, &notes);
        notes.any_capped = self.caps(&mut work)?;
        let outcome = notes.outcome(&work);
        let (remedy, alternatives, parts) = self.remedy(&work, outcome);
        let (outcome, payments) = self.pay(&work, outcome, &remedy, parts)?;
        let (lines, sum) = self.decisions(&work);
        let refund_by = self.refund_by(&payments)?;
        let mut out = self.finish(outcome, lines, sum, remedy, alternatives, payments);
        out.response.refund_by = refund_by;
        Ok(out)
    }

    /// The facts every line of the request shares: the case's bits, whether the reason is
    /// the merchant's fault, and the days in the policy's time zone.
    fn case_facts(&self) -> Facts {
        let policy = self.policy;
        let request = self.request;
        let reason = request.request.reason;
        let today = local_date(policy, &request.now);
        let purchase_day = local_date(policy, &request.order.purchased_at);
        let order_total: i128 = self.paid.iter().map(LinePaid::total).sum();
        Facts {
            merchant_fault: policy.merchant_fault & reason.bit() != 0,
            today,
            purchase_day,
            delivery_day: request
                .order
                .delivered_at
                .as_ref()
                .map(|d| local_date(policy, d)),
            case: CaseFacts {
                reason: reason.bit(),
                standing: request.customer.standing.bit(),
                channel: policy.channel_bit(&request.order.channel),
                order_age_days: (today - purchase_day).num_days(),
                order_value: self.money(order_total),
            },
        }
    }

    /// The requested lines' indices sorted by line id; a line asked twice is an error.
    fn asked_lines(&self) -> Result<Vec<usize>, Error> {
        let request = self.request;
        sorted_unique(
            request.request.lines.len(),
            |i| asked_id(request, i),
            RefundError::DuplicateLine,
            "request.lines",
            "line_id",
        )
    }

    /// Judges one requested line: its quantities checked, the rules resolved for it, its
    /// eligibility, then (when eligible) its amounts and restocking fee.
    fn line(
        &mut self,
        ri: usize,
        facts: &Facts,
        notes: &mut Notes<'a>,
    ) -> Result<Option<LineWork<'a>>, Error> {
        let Some(asked) = self.asked_line(ri)? else {
            return Ok(None);
        };
        let (rl, ol) = (asked.line, asked.order_line);
        let line = LineFacts {
            category: self.policy.category_bit(&ol.category),
            condition: rl
                .condition
                .or(self.request.request.condition)
                .map_or(0, |c| c.bit()),
            final_sale: ol.final_sale,
            digital: ol.digital,
            downloaded: ol.downloaded,
        };
        let mut w = LineWork {
            id: ol.id.as_str(),
            requested: rl.quantity,
            room: (asked.cost.total() - asked.used).max(0),
            resolved: resolve(self.policy, &facts.case, &line),
            ..LineWork::default()
        };
        if let Some((code, rule, args)) = self.denial(&mut w, facts)? {
            self.say(code, rule, Some(w.id), None, &args);
            notes.any_denied = true;
            return Ok(Some(w));
        }
        w.eligible = true;
        self.price(&mut w, &asked, facts, notes)?;
        Ok(Some(w))
    }

    /// Finds a requested line in the order and checks its quantities against what the
    /// ledger leaves of the line.
    fn asked_line(&self, ri: usize) -> Result<Option<Asked<'a>>, Error> {
        let request = self.request;
        let Some(rl) = request.request.lines.get(ri) else {
            return Ok(None);
        };
        let pos =
            find(&self.lines, rl.line_id.as_str(), |j| line_id(request, j)).ok_or_else(|| {
                Error::new(RefundError::UnknownLine, at("request.lines", ri, "line_id"))
            })?;
        let Some(ol) = self
            .lines
            .get(pos)
            .and_then(|&i| request.order.lines.get(i))
        else {
            return Ok(None);
        };
        let cost = self.paid.get(pos).copied().unwrap_or_default();
        let (used, used_units) = self.line_used.get(pos).copied().unwrap_or((0, 0));
        if rl.quantity == 0 || rl.quantity > MAX_QUANTITY {
            return Err(Error::new(
                RefundError::InvalidQuantity,
                at("request.lines", ri, "quantity"),
            ));
        }
        let available = cost.quantity - used_units;
        let requested = i128::from(rl.quantity);
        if requested > available {
            return Err(Error::new(
                RefundError::QuantityExceedsPurchased,
                at("request.lines", ri, "quantity"),
            ));
        }
        if let Some(received) = rl.received {
            if i128::from(received) > available {
                return Err(Error::new(
                    RefundError::QuantityExceedsPurchased,
                    at("request.lines", ri, "received"),
                ));
            }
        }
        Ok(Some(Asked {
            line: rl,
            order_line: ol,
            cost,
            used,
            used_units,
            requested,
            refunded: rl
                .received
                .map_or(requested, |r| requested.min(i128::from(r))),
        }))
    }

    /// Why a line is refused, if it is: a deny rule, then the window. Records the
    /// window's last day, and says when the window is still open.
    fn denial(
        &mut self,
        w: &mut LineWork<'a>,
        facts: &Facts,
    ) -> Result<Option<(ReasonCode, &'a str, Args)>, Error> {
        if let Some((Eligibility::Deny(d), rule)) = w.resolved.eligibility {
            return Ok(Some((deny_code(d), rule, Args::default())));
        }
        let Some((window, rule)) = w.resolved.window else {
            return Ok(Some((
                ReasonCode::NoWindow,
                "recourse.no_window",
                Args::default(),
            )));
        };
        let last = deadline(self.policy, window, facts.purchase_day, facts.delivery_day)?;
        w.deadline = last;
        let args = Args {
            date: last,
            ..Args::default()
        };
        match last {
            Some(last) if facts.today > last => Ok(Some((ReasonCode::WindowExpired, rule, args))),
            Some(_) => {
                self.say(ReasonCode::WithinWindow, rule, Some(w.id), None, &args);
                Ok(None)
            }
            None => Ok(None),
        }
    }

    /// Prices an eligible line: the units that came back, their share of discounts, tax
    /// and shipping, and the restocking fee (waived for the merchant's fault).
    fn price(
        &mut self,
        w: &mut LineWork<'a>,
        asked: &Asked<'a>,
        facts: &Facts,
        notes: &mut Notes<'a>,
    ) -> Result<(), Error> {
        let n = asked.refunded;
        if n < asked.requested {
            notes.any_reduced = true;
            self.say(
                ReasonCode::NotReceivedBack,
                "recourse.received_back",
                Some(w.id),
                None,
                &Args {
                    count: u32::try_from(n).ok(),
                    requested: Some(asked.line.quantity),
                    ..Args::default()
                },
            );
        }
        w.refunded = u32::try_from(n).unwrap_or(0);
        let cost = asked.cost;
        let (q, k) = (cost.quantity, asked.used_units);
        w.item = cost.unit_price * n;
        let paid_part = amounts::units(cost.paid, q, k, n);
        w.discount = w.item - paid_part;
        w.tax = amounts::units(cost.tax, q, k, n);
        if let Some((true, rule)) = w.resolved.refund_shipping {
            w.shipping = amounts::units(cost.shipping, q, k, n);
            if w.shipping > 0 {
                notes.shipping_rule.get_or_insert(rule);
            }
        }
        if let Some((fee, rule)) = w.resolved.restocking_fee {
            if facts.merchant_fault {
                notes.fee_waived.get_or_insert(rule);
            } else {
                w.restocking = self.restocking_fee(fee, paid_part, n)?;
                if w.restocking > 0 {
                    let args = self.amount(w.restocking);
                    self.say(ReasonCode::RestockingFee, rule, Some(w.id), None, &args);
                }
            }
        }
        Ok(())
    }

    /// The restocking fee on `units` units that cost `paid` after discounts: a percentage
    /// of it, or a fixed amount per unit, never more than it.
    fn restocking_fee(&self, fee: &CFee, paid: i128, units: i128) -> Result<i128, Error> {
        Ok(match fee {
            CFee::Percent(p) => amounts::percent_of(paid, *p, self.policy.rounding, self.currency)
                .map_err(|_| Error::new(MoneyError::Overflow, "order"))?,
            CFee::FixedPerUnit(list) => in_currency(list, self.currency)
                .map_or(0, |m| m.to_minor().saturating_mul(units))
                .min(paid),
        })
    }

    /// Return shipping: charged once per request, the largest fee of the accepted lines,
    /// shared across them; never for the merchant's fault.
    fn return_shipping(
        &mut self,
        work: &mut [LineWork<'a>],
        facts: &Facts,
        notes: &mut Notes<'a>,
    ) -> Result<(), Error> {
        let mut return_fee: Option<(i128, &str)> = None;
        for w in work.iter().filter(|w| w.eligible) {
            if let Some((rs, rule)) = w.resolved.return_shipping {
                if rs.payer != Payer::Customer {
                    continue;
                }
                if facts.merchant_fault {
                    notes.fee_waived.get_or_insert(rule);
                    continue;
                }
                let fee = in_currency(&rs.fee, self.currency).map_or(0, |m| m.to_minor());
                if return_fee.is_none_or(|(f, _)| fee > f) {
                    return_fee = Some((fee, rule));
                }
            }
        }
        let Some((fee, rule)) = return_fee.filter(|(f, _)| *f > 0) else {
            return Ok(());
        };
        let room: Vec<i128> = work.iter().map(LineWork::before_return_fee).collect();
        let fee = fee.min(room.iter().sum());
        if fee > 0 {
            // At most the room in all, so no line's part exceeds its room.
            let parts = amounts::share(fee, &room)
                .ok_or_else(|| Error::new(MoneyError::Overflow, "order"))?;
            for (w, part) in work.iter_mut().zip(parts) {
                w.return_fee = part;
            }
            let args = self.amount(fee);
            self.say(ReasonCode::ReturnShippingFee, rule, None, None, &args);
        }
        Ok(())
    }

    /// Says, once per request, that fees were waived for the merchant's fault and that
    /// the original shipping is refunded.
    fn say_fees_waived_and_shipping(&mut self, work: &[LineWork<'_>], notes: &Notes<'a>) {
        if let Some(rule) = notes.fee_waived {
            self.say(
                ReasonCode::FeesWaivedMerchantFault,
                rule,
                None,
                None,
                &Args::default(),
            );
        }
        if let Some(rule) = notes.shipping_rule {
            let shipping: i128 = work.iter().map(|w| w.shipping).sum();
            let args = self.amount(shipping);
            self.say(ReasonCode::ShippingRefunded, rule, None, None, &args);
        }
    }

    /// Caps: never more than a line has left, never more than the payments have left.
    /// `true` when anything was held back.
    fn caps(&mut self, work: &mut [LineWork<'_>]) -> Result<bool, Error> {
        let mut any_capped = false;
        for w in work.iter_mut().filter(|w| w.eligible) {
            let due = w.before_caps();
            if due > w.room {
                w.capped = due - w.room;
                any_capped = true;
            }
        }
        let payment_room: i128 = (0..self.payments.len())
            .map(|pos| self.payment_room_at(pos))
            .sum();
        let due: i128 = work.iter().map(LineWork::total).sum();
        if due > payment_room {
            any_capped = true;
            // Less than the totals in all, so no line keeps more than its total.
            let totals: Vec<i128> = work.iter().map(LineWork::total).collect();
            let kept = amounts::share(payment_room.max(0), &totals)
                .ok_or_else(|| Error::new(MoneyError::Overflow, "order.payments"))?;
            for (w, keep) in work.iter_mut().zip(kept) {
                w.capped += w.total() - keep;
            }
        }
        for w in work.iter().filter(|w| w.eligible && w.capped > 0) {
            let code = if w.total() == 0 {
                ReasonCode::AlreadyRefunded
            } else {
                ReasonCode::CappedByLedger
            };
            let args = self.ledger(w.total());
            self.say(code, "recourse.ledger", Some(w.id), None, &args);
        }
        Ok(any_capped)
    }

    /// The remedies offered: the first accepted line's list, kept to what every accepted
    /// line offers (a refund when none is left), and the rule that lists them.
    fn offered(&self, work: &[LineWork<'a>]) -> (Vec<Remedy>, &'a str) {
        let policy = self.policy;
        let mut offered: Vec<Remedy> = Vec::new();
        for (i, w) in work.iter().filter(|w| w.eligible).enumerate() {
            let list = w
                .resolved
                .remedies
                .map_or(policy.remedy_order.as_slice(), |(l, _)| l);
            if i == 0 {
                offered.extend_from_slice(list);
            } else {
                offered.retain(|r| list.contains(r));
            }
        }
        if offered.is_empty() {
            offered.push(Remedy::Refund);
        }
        let rule = work
            .iter()
            .filter(|w| w.eligible)
            .find_map(|w| w.resolved.remedies.map(|(_, rule)| rule))
            .unwrap_or(policy.remedies_id.as_str());
        (offered, rule)
    }

    /// The remedy given and its alternatives, with the reasons that explain them; a
    /// refund of nothing when the request is denied. Also the refund's parts over the
    /// payments when its sentence needed them, for [`Self::pay`] not to split it again.
    fn remedy(
        &mut self,
        work: &[LineWork<'a>],
        outcome: Outcome,
    ) -> (RemedyOffer, Vec<RemedyOffer>, Option<Vec<i128>>) {
        if outcome == Outcome::Deny {
            let nothing = RemedyOffer {
                kind: Remedy::Refund,
                amount: Some(self.money(0)),
                bonus_percent: None,
            };
            return (nothing, Vec::new(), None);
        }
        let (offered, rule) = self.offered(work);
        let refund = self.money(work.iter().map(LineWork::total).sum());
        let before_fees = self.money(work.iter().map(LineWork::without_fees).sum());
        let preferred = self.request.request.preferred_remedy;
        let choice = remedy::choose(
            self.policy,
            &offered,
            preferred,
            (refund, before_fees),
            self.full,
        );
        if let Some(refused) = choice.refused {
            let args = Args {
                remedy: Some(refused),
                ..Args::default()
            };
            self.say(ReasonCode::RemedyNotOffered, rule, None, None, &args);
        }
        let total: i128 = work.iter().map(LineWork::total).sum();
        let parts = match choice.chosen.kind {
            Remedy::Refund if total > 0 && self.full => self.refund_parts(total).ok(),
            _ => None,
        };
        let refund_to = parts.as_deref().and_then(|parts| self.refund_to(parts));
        let args = Args {
            amount: choice.chosen.amount,
            remedy: Some(choice.chosen.kind),
            refund_to,
            ..Args::default()
        };
        self.say(ReasonCode::Remedy, rule, None, None, &args);
        if choice.chosen.kind == Remedy::Refund {
            self.say_store_credit_offer(rule, &choice.alternatives, refund);
        }
        (choice.chosen, choice.alternatives, parts)
    }

    /// Beside a refund, says what store credit is worth when it is worth more.
    fn say_store_credit_offer(
        &mut self,
        rule: &'a str,
        alternatives: &[RemedyOffer],
        refund: Money,
    ) {
        if let Some(credit) = alternatives
            .iter()
            .find(|a| a.kind == Remedy::StoreCredit)
            .and_then(|a| a.amount)
            .filter(|credit| credit.amount() > refund.amount())
        {
            let args = Args {
                amount: Some(credit),
                other: Some(refund),
                ..Args::default()
            };
            self.say(ReasonCode::StoreCreditOffer, rule, None, None, &args);
        }
    }

    /// Unless the request is denied: the automation (a person may have to review), then a
    /// refund in money spread over the payments by what each has left (`parts`, when the
    /// remedy's sentence split it already).
    fn pay(
        &mut self,
        work: &[LineWork<'a>],
        outcome: Outcome,
        remedy: &RemedyOffer,
        parts: Option<Vec<i128>>,
    ) -> Result<(Outcome, Vec<PaymentRefund>), Error> {
        let mut payments = Vec::new();
        if outcome == Outcome::Deny {
            return Ok((outcome, payments));
        }
        let total: i128 = work.iter().map(LineWork::total).sum();
        let outcome = if self.automation(work, total, outcome) {
            Outcome::ManualReview
        } else {
            outcome
        };
        if remedy.kind == Remedy::Refund && total > 0 {
            let parts = match parts {
                Some(parts) => parts,
                None => self.refund_parts(total)?,
            };
            self.route(&parts, &mut payments);
        }
        Ok((outcome, payments))
    }

    /// A refund of `total` spread over the payments by what each has left, by sorted
    /// position.
    fn refund_parts(&self, total: i128) -> Result<Vec<i128>, Error> {
        if self.payments.len() == 1 {
            return Ok(vec![total]);
        }
        // The total is within the payments' room, so none gets more than its own. The
        // weights of a few payments stay on the stack.
        let room = |pos: usize| self.payment_room_at(pos).max(0);
        let mut stack = [0_i128; 8];
        let heap: Vec<i128>;
        let weights = match stack.get_mut(..self.payments.len()) {
            Some(weights) => {
                for (pos, w) in weights.iter_mut().enumerate() {
                    *w = room(pos);
                }
                &*weights
            }
            None => {
                heap = (0..self.payments.len()).map(room).collect();
                heap.as_slice()
            }
        };
        amounts::share(total, weights)
            .ok_or_else(|| Error::new(MoneyError::Overflow, "order.payments"))
    }

    /// Where a refund split into `parts` goes, as one sentence can say it: the
    /// destination of the one payment refunded, or a split over several; `None` when
    /// nothing is sent.
    fn refund_to(&self, parts: &[i128]) -> Option<RefundTo> {
        let mut sent = parts.iter().enumerate().filter(|(_, a)| **a > 0);
        let (pos, _) = sent.next()?;
        if sent.next().is_some() {
            return Some(RefundTo::Split);
        }
        let payment = self
            .payments
            .get(pos)
            .and_then(|&i| self.request.order.payments.get(i))?;
        let to: Destination = timing::route(payment, &self.request.now).destination;
        Some(RefundTo::One(to))
    }

    /// Each line's decision with its breakdown, and the request's breakdown: their sum.
    fn decisions(&self, work: &[LineWork<'_>]) -> (Vec<LineDecision>, Breakdown) {
        let mut totals = Figures::default();
        let mut lines = Vec::with_capacity(if self.full { work.len() } else { 0 });
        // Lines under one window share their last day: the previous line's text is copied.
        let mut last_day = None;
        for w in work {
            let figures = w.figures();
            totals.add(&figures);
            if !self.full {
                continue;
            }
            let deadline = match w.deadline {
                Some(day) if last_day == Some(day) => {
                    lines.last().and_then(|l: &LineDecision| l.deadline.clone())
                }
                day => day.map(crate::comms::format::iso_date),
            };
            last_day = w.deadline;
            lines.push(LineDecision {
                line_id: w.id.to_owned(),
                eligible: w.eligible,
                quantity_requested: w.requested,
                quantity_refunded: w.refunded,
                deadline,
                breakdown: self.breakdown(&figures),
            });
        }
        let sum = if work.is_empty() {
            Breakdown::zero(Money::zero(self.currency))
        } else {
            self.breakdown(&totals)
        };
        (lines, sum)
    }

    /// The figures as money.
    fn breakdown(&self, f: &Figures) -> Breakdown {
        Breakdown {
            item: self.money(f.item),
            discount: self.money(f.discount),
            tax: self.money(f.tax),
            shipping: self.money(f.shipping),
            restocking_fee: self.money(f.restocking_fee),
            return_shipping_fee: self.money(f.return_shipping_fee),
            capped: self.money(f.capped),
            total: self.money(f.total),
        }
    }

    /// Applies the policy's automation; `true` when a person must review.
    fn automation(&mut self, work: &[LineWork<'a>], total: i128, outcome: Outcome) -> bool {
        let policy = self.policy;
        let auto = &policy.automation;
        let customer = &self.request.customer;
        let mut review = false;
        let none = Args::default();
        for w in work.iter().filter(|w| w.eligible) {
            if let Some((true, rule)) = w.resolved.review {
                self.say(ReasonCode::ReviewRule, rule, Some(w.id), None, &none);
                review = true;
            }
        }
        if customer.standing != super::policy::Standing::Good {
            self.say(ReasonCode::ReviewStanding, &auto.id, None, None, &none);
            review = true;
        }
        if auto.review_risk_flags && !customer.risk_flags.is_empty() {
            self.say(ReasonCode::ReviewRiskFlag, &auto.id, None, None, &none);
            review = true;
        }
        if let Some((count, days)) = auto.frequent {
            let now = self.request.now.to_utc();
            let since = now - chrono::Duration::days(days);
            let recent = customer
                .previous_refunds
                .iter()
                .filter(|t| {
                    let t = t.to_utc();
                    t >= since && t <= now
                })
                .count();
            if recent >= count as usize {
                self.say(
                    ReasonCode::ReviewFrequentRefunds,
                    &auto.id,
                    None,
                    None,
                    &none,
                );
                review = true;
            }
        }
        if !auto.auto_approve_up_to.is_empty() {
            let over = in_currency(&auto.auto_approve_up_to, self.currency)
                .is_none_or(|limit| total > limit.to_minor());
            if over {
                let args = self.amount(total);
                self.say(ReasonCode::ReviewAmount, &auto.id, None, None, &args);
                review = true;
            }
        }
        if !review {
            let args = Args {
                outcome: Some(outcome),
                ..Args::default()
            };
            self.say(ReasonCode::AutoApproved, &auto.id, None, None, &args);
        }
        review
    }
}

/// The work on one line of the request.
#[derive(Default)]
struct LineWork<'p> {
    id: &'p str,
    requested: u32,
    refunded: u32,
    deadline: Option<chrono::NaiveDate>,
    eligible: bool,
    item: i128,
    discount: i128,
    tax: i128,
    shipping: i128,
    restocking: i128,
    return_fee: i128,
    capped: i128,
    /// What the line can still give back under the ledger.
    room: i128,
    resolved: super::eligibility::Resolved<'p>,
}

impl LineWork<'_> {
    fn before_return_fee(&self) -> i128 {
        if self.eligible {
            self.item - self.discount + self.tax + self.shipping - self.restocking
        } else {
            0
        }
    }

    fn before_caps(&self) -> i128 {
        (self.before_return_fee() - self.return_fee).max(0)
    }

    fn total(&self) -> i128 {
        (self.before_caps() - self.capped).max(0)
    }

    /// What store credit without fees is worth for the line: its refund plus its fees,
    /// unless it is held to what the ledger leaves, which cannot give more.
    fn without_fees(&self) -> i128 {
        if self.capped > 0 {
            self.total()
        } else {
            self.total() + self.restocking + self.return_fee
        }
    }

    fn figures(&self) -> Figures {
        Figures {
            item: self.item,
            discount: self.discount,
            tax: self.tax,
            shipping: self.shipping,
            restocking_fee: self.restocking,
            return_shipping_fee: self.return_fee,
            capped: self.capped,
            total: self.total(),
        }
    }
}

/// The facts every line of a request shares.
struct Facts {
    case: CaseFacts,
    /// Whether the reason is the merchant's fault (fees are waived).
    merchant_fault: bool,
    /// Today, the purchase and the delivery, in the policy's time zone.
    today: NaiveDate,
    purchase_day: NaiveDate,
    delivery_day: Option<NaiveDate>,
}

/// What the lines noted on the way, for the reasons and the outcome written after them.
#[derive(Default)]
struct Notes<'p> {
    any_denied: bool,
    any_reduced: bool,
    any_capped: bool,
    /// The first rule whose fee was waived for the merchant's fault.
    fee_waived: Option<&'p str>,
    /// The first rule that refunded some original shipping.
    shipping_rule: Option<&'p str>,
}

impl Notes<'_> {
    /// Denied when no line is accepted, or when what was accepted is all held back;
    /// partial when a line was refused, reduced or capped; approved otherwise.
    fn outcome(&self, work: &[LineWork<'_>]) -> Outcome {
        let accepted = work.iter().any(|w| w.eligible && w.refunded > 0);
        let before_caps: i128 = work.iter().map(LineWork::before_caps).sum();
        let total: i128 = work.iter().map(LineWork::total).sum();
        if !accepted || (total == 0 && before_caps > 0) {
            Outcome::Deny
        } else if self.any_denied || self.any_reduced || self.any_capped {
            Outcome::Partial
        } else {
            Outcome::Approve
        }
    }
}

/// One requested line, found in the order, with its quantities checked.
struct Asked<'a> {
    line: &'a RequestLine,
    order_line: &'a OrderLine,
    /// What the order line cost.
    cost: LinePaid,
    /// Already refunded (succeeded + pending) from the line: amount and units.
    used: i128,
    used_units: i128,
    /// Units asked for, and units to refund: those asked for that came back.
    requested: i128,
    refunded: i128,
}

/// A breakdown's figures in minor units, named as in [`Breakdown`].
#[derive(Debug, Clone, Copy, Default)]
struct Figures {
    item: i128,
    discount: i128,
    tax: i128,
    shipping: i128,
    restocking_fee: i128,
    return_shipping_fee: i128,
    capped: i128,
    total: i128,
}

impl Figures {
    /// Adds `other`, figure by figure.
    fn add(&mut self, other: &Self) {
        self.item += other.item;
        self.discount += other.discount;
        self.tax += other.tax;
        self.shipping += other.shipping;
        self.restocking_fee += other.restocking_fee;
        self.return_shipping_fee += other.return_shipping_fee;
        self.capped += other.capped;
        self.total += other.total;
    }
}

/// Reads amounts in the order's currency as minor units.
#[derive(Clone, Copy)]
struct Minor(Currency);

impl Minor {
    /// `m` in minor units; another currency, a negative amount or one past
    /// [`MAX_MINOR`] is an error at `path`.
    fn of(self, m: &Money, path: &dyn Fn() -> String) -> Result<i128, Error> {
        if m.currency() != self.0 {
            return Err(Error::new(MoneyError::CurrencyMismatch, path()));
        }
        if m.is_negative() {
            return Err(Error::new(RefundError::NegativeAmount, path()));
        }
        if m.to_minor() > MAX_MINOR {
            return Err(Error::new(MoneyError::Overflow, path()));
        }
        Ok(m.to_minor())
    }

    /// As [`Minor::of`], 0 when absent.
    fn opt(self, m: &Option<Money>, path: &dyn Fn() -> String) -> Result<i128, Error> {
        m.as_ref().map_or(Ok(0), |m| self.of(m, path))
    }
}

/// Instants in order: purchase, delivery, now.
fn check_timeline(request: &EvaluateRequest) -> Result<(), Error> {
    let order = &request.order;
    if let Some(d) = &order.delivered_at {
        if d.to_utc() < order.purchased_at.to_utc() {
            return Err(Error::new(
                RefundError::InvalidTimeline,
                "order.delivered_at",
            ));
        }
    }
    if request.now.to_utc() < order.purchased_at.to_utc() {
        return Err(Error::new(RefundError::InvalidTimeline, "now"));
    }
    Ok(())
}

/// The indices `0..len` sorted by the ids `key` gives, so that nothing depends on the
/// order of the input; an id given twice is `error` at `{list}[i].{field}`, `i` the later
/// of the two.
fn sorted_unique<'r>(
    len: usize,
    key: impl Fn(usize) -> &'r str,
    error: RefundError,
    list: &str,
    field: &str,
) -> Result<Vec<usize>, Error> {
    let mut sorted: Vec<usize> = (0..len).collect();
    crate::sort::sort_by(&mut sorted, |a, b| key(*a).cmp(key(*b)));
    for pair in sorted.windows(2) {
        if let [a, b] = pair {
            if key(*a) == key(*b) {
                return Err(Error::new(error, at(list, (*a).max(*b), field)));
            }
        }
    }
    Ok(sorted)
}

/// What each order line cost, by sorted position (`lines`): its quantity and amounts
/// checked, the order's discount and shipping shared across the lines.
fn line_costs(
    request: &EvaluateRequest,
    lines: &[usize],
    minor: Minor,
) -> Result<Vec<LinePaid>, Error> {
    let order = &request.order;
    let mut inputs = Vec::with_capacity(lines.len());
    for &i in lines {
        let Some(l) = order.lines.get(i) else {
            continue;
        };
        if l.quantity == 0 || l.quantity > MAX_QUANTITY {
            return Err(Error::new(
                RefundError::InvalidQuantity,
                at("order.lines", i, "quantity"),
            ));
        }
        inputs.push(LineInput {
            quantity: i128::from(l.quantity),
            unit_price: minor.of(&l.unit_price, &|| at("order.lines", i, "unit_price"))?,
            discount: minor.opt(&l.discount, &|| at("order.lines", i, "discount"))?,
            tax: minor.opt(&l.tax, &|| at("order.lines", i, "tax"))?,
        });
    }
    let discount = minor.opt(&order.discount, &|| "order.discount".to_owned())?;
    let shipping = minor.opt(&order.shipping, &|| "order.shipping".to_owned())?;
    let line_at = |pos: usize| lines.get(pos).copied().unwrap_or(0);
    amounts::order_lines(&inputs, discount, shipping).map_err(|e| match e {
        AmountError::LineDiscount(pos) => Error::new(
            RefundError::DiscountExceedsPrice,
            at("order.lines", line_at(pos), "discount"),
        ),
        AmountError::OrderDiscount => {
            Error::new(RefundError::DiscountExceedsPrice, "order.discount")
        }
        AmountError::OrderTooLarge(pos) => {
            Error::new(MoneyError::Overflow, at("order.lines", line_at(pos), ""))
        }
        AmountError::Overflow => Error::new(MoneyError::Overflow, "order"),
    })
}

/// What the ledger already refunded: succeeded and pending refunds count as used, failed
/// ones do not.
struct Used {
    /// Per sorted line: amount and units.
    lines: Vec<(i128, i128)>,
    /// Per sorted payment.
    payments: Vec<i128>,
    total: i128,
    /// The part of `total` still pending.
    pending: i128,
}

impl Used {
    /// Reads the ledger; an entry naming an unknown line or payment, or refunding more
    /// than a payment captured or a line cost, is an error at its path.
    fn read(
        request: &EvaluateRequest,
        lines: &[usize],
        paid: &[LinePaid],
        payments: &[usize],
        minor: Minor,
    ) -> Result<Self, Error> {
        // Without a ledger nothing was used: the lists stay empty, which reads as zero.
        let used_size = |n: usize| if request.ledger.is_empty() { 0 } else { n };
        let mut used = Self {
            lines: vec![(0, 0); used_size(lines.len())],
            payments: vec![0; used_size(payments.len())],
            total: 0,
            pending: 0,
        };
        for (i, entry) in request.ledger.iter().enumerate() {
            let amount = minor.of(&entry.amount, &|| at("ledger", i, "amount"))?;
            let pay = find(payments, entry.payment_id.as_str(), |j| {
                payment_id(request, j)
            })
            .ok_or_else(|| {
                Error::new(RefundError::UnknownPayment, at("ledger", i, "payment_id"))
            })?;
            let line = match &entry.line_id {
                Some(id) => Some(
                    find(lines, id.as_str(), |j| line_id(request, j)).ok_or_else(|| {
                        Error::new(RefundError::UnknownLine, at("ledger", i, "line_id"))
                    })?,
                ),
                None => None,
            };
            if entry.status == LedgerStatus::Failed {
                continue;
            }
            used.total += amount;
            if entry.status == LedgerStatus::Pending {
                used.pending += amount;
            }
            used.payment(i, pay, amount, captured(request, payments, pay))?;
            if let Some(pos) = line {
                let cost = paid.get(pos).copied().unwrap_or_default();
                used.line(i, pos, amount, entry.quantity, &cost)?;
            }
        }
        Ok(used)
    }

    /// Entry `i` takes `amount` from the payment at sorted position `pos`, which
    /// captured `captured`.
    fn payment(&mut self, i: usize, pos: usize, amount: i128, captured: i128) -> Result<(), Error> {
        if let Some(used) = self.payments.get_mut(pos) {
            *used += amount;
            if *used > captured {
                return Err(Error::new(
                    RefundError::LedgerExceedsCaptured,
                    at("ledger", i, "amount"),
                ));
            }
        }
        Ok(())
    }

    /// Entry `i` takes `amount` and `quantity` units from the line at sorted position
    /// `pos`, which cost `cost`.
    fn line(
        &mut self,
        i: usize,
        pos: usize,
        amount: i128,
        quantity: Option<u32>,
        cost: &LinePaid,
    ) -> Result<(), Error> {
        if let Some((used, units)) = self.lines.get_mut(pos) {
            *used += amount;
            *units += i128::from(quantity.unwrap_or(0));
            if *used > cost.total() {
                return Err(Error::new(
                    RefundError::LedgerExceedsCaptured,
                    at("ledger", i, "amount"),
                ));
            }
            if *units > cost.quantity {
                return Err(Error::new(
                    RefundError::QuantityExceedsPurchased,
                    at("ledger", i, "quantity"),
                ));
            }
        }
        Ok(())
    }
}

fn deny_code(d: DenyReason) -> ReasonCode {
    match d {
        DenyReason::FinalSale => ReasonCode::FinalSale,
        DenyReason::NonReturnable => ReasonCode::NonReturnable,
        DenyReason::DigitalDownloaded => ReasonCode::DigitalDownloaded,
        DenyReason::ConditionNotAccepted => ReasonCode::ConditionNotAccepted,
        DenyReason::ReasonNotAccepted => ReasonCode::ReasonNotAccepted,
    }
}

fn line_id(request: &EvaluateRequest, i: usize) -> &str {
    request.order.lines.get(i).map_or("", |l| l.id.as_str())
}

fn payment_id(request: &EvaluateRequest, i: usize) -> &str {
    request.order.payments.get(i).map_or("", |p| p.id.as_str())
}

fn asked_id(request: &EvaluateRequest, i: usize) -> &str {
    request
        .request
        .lines
        .get(i)
        .map_or("", |l| l.line_id.as_str())
}

fn captured(request: &EvaluateRequest, payments: &[usize], pos: usize) -> i128 {
    payments
        .get(pos)
        .and_then(|&i| request.order.payments.get(i))
        .map_or(0, |p: &Payment| p.captured.to_minor())
}

/// The sorted position of `id` among `sorted` indices whose ids `key` gives.
fn find<'r>(sorted: &[usize], id: &str, key: impl Fn(usize) -> &'r str) -> Option<usize> {
    sorted.binary_search_by(|&j| key(j).cmp(id)).ok()
}

//! `refund.evaluate`: the facts checked, the table applied line by line, the money
//! computed and capped, the remedy chosen, the automation applied, the reasons written.

use super::amounts::{self, AmountError, LineInput, LinePaid};
use super::case::{EvaluateRequest, LedgerStatus, Payment};
use super::compile::{in_currency, CFee, CompiledPolicy, Eligibility};
use super::decision::{
    Breakdown, EvaluateResponse, LineDecision, Outcome, PaymentRefund, ReasonCode, RefundReason,
    RemedyOffer,
};
use super::eligibility::{deadline, local_date, resolve, CaseFacts, LineFacts};
use super::messages::{render, Args};
use super::policy::{DenyReason, Payer, Remedy};
use super::remedy;
use super::timing;
use super::RefundCapability;
use super::RefundError;
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
/// `refund.unknown_policy` / `refund.no_policy`; and every contradiction in the facts,
/// with the path of the culprit: unknown or repeated lines and payments, quantities over
/// what was purchased, amounts in another currency, negative amounts, discounts over the
/// price, instants out of order, a ledger that refunded more than was captured; and
/// amounts, quantities or an order past the [limits](crate::refund#limits), within which
/// every figure is exact.
///
/// # Example
/// ```
/// use recourse::refund::{evaluate, EvaluateRequest, Outcome};
/// let engine = recourse::Engine::default_store()?;
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
/// # Ok::<(), recourse::Error>(())
/// ```
pub fn evaluate(
    engine: &impl Provides<RefundCapability>,
    request: &EvaluateRequest,
) -> Result<EvaluateResponse, Error> {
    let cx = engine.context()?;
    let policies = cx.section().policies();
    let policy = match request.policy.as_deref() {
        Some(name) => policies
            .get(Some(name))
            .ok_or_else(|| Error::new(RefundError::UnknownPolicy, "policy"))?,
        None => policies
            .get(None)
            .ok_or_else(|| Error::new(RefundError::NoPolicy, "policy"))?,
    };
    let locale = request.locale.unwrap_or(cx.services().default_locale());
    Evaluation::new(policy, request, locale)?.run()
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
    /// Refunded (succeeded + pending) per sorted line: amount and units.
    line_used: Vec<(i128, i128)>,
    /// Payment indices sorted by id.
    payments: Vec<usize>,
    /// Refunded (succeeded + pending) per sorted payment.
    payment_used: Vec<i128>,
    ledger_total: i128,
    reasons: Vec<RefundReason>,
}

fn at(prefix: &str, i: usize, field: &str) -> String {
    if field.is_empty() {
        format!("{prefix}[{i}]")
    } else {
        format!("{prefix}[{i}].{field}")
    }
}

impl<'a> Evaluation<'a> {
    fn new(
        policy: &'a CompiledPolicy,
        request: &'a EvaluateRequest,
        locale: Locale,
    ) -> Result<Self, Error> {
        let order = &request.order;
        let currency =
            Currency::from_code(&order.currency).map_err(|e| Error::new(e, "order.currency"))?;
        let minor = |m: &Money, path: &dyn Fn() -> String| -> Result<i128, Error> {
            if m.currency() != currency {
                return Err(Error::new(MoneyError::CurrencyMismatch, path()));
            }
            if m.is_negative() {
                return Err(Error::new(RefundError::NegativeAmount, path()));
            }
            if m.to_minor() > MAX_MINOR {
                return Err(Error::new(MoneyError::Overflow, path()));
            }
            Ok(m.to_minor())
        };
        let opt_minor = |m: &Option<Money>, path: &dyn Fn() -> String| {
            m.as_ref().map_or(Ok(0), |m| minor(m, path))
        };

        // Instants in order: purchase, delivery, now.
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

        // Lines, sorted by id so that nothing depends on their order in the input.
        let mut lines: Vec<usize> = (0..order.lines.len()).collect();
        crate::sort::sort_by(&mut lines, |a, b| {
            line_id(request, *a).cmp(line_id(request, *b))
        });
        for pair in lines.windows(2) {
            if let [a, b] = pair {
                if line_id(request, *a) == line_id(request, *b) {
                    return Err(Error::new(
                        RefundError::DuplicateLine,
                        at("order.lines", (*a).max(*b), "id"),
                    ));
                }
            }
        }
        let mut inputs = Vec::with_capacity(lines.len());
        for &i in &lines {
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
                unit_price: minor(&l.unit_price, &|| at("order.lines", i, "unit_price"))?,
                discount: opt_minor(&l.discount, &|| at("order.lines", i, "discount"))?,
                tax: opt_minor(&l.tax, &|| at("order.lines", i, "tax"))?,
            });
        }
        let discount = opt_minor(&order.discount, &|| "order.discount".to_owned())?;
        let shipping = opt_minor(&order.shipping, &|| "order.shipping".to_owned())?;
        let paid = amounts::order_lines(&inputs, discount, shipping).map_err(|e| match e {
            AmountError::LineDiscount(pos) => Error::new(
                RefundError::DiscountExceedsPrice,
                at(
                    "order.lines",
                    lines.get(pos).copied().unwrap_or(0),
                    "discount",
                ),
            ),
            AmountError::OrderDiscount => {
                Error::new(RefundError::DiscountExceedsPrice, "order.discount")
            }
            AmountError::OrderTooLarge(pos) => Error::new(
                MoneyError::Overflow,
                at("order.lines", lines.get(pos).copied().unwrap_or(0), ""),
            ),
            AmountError::Overflow => Error::new(MoneyError::Overflow, "order"),
        })?;

        // Payments, sorted by id.
        let mut payments: Vec<usize> = (0..order.payments.len()).collect();
        crate::sort::sort_by(&mut payments, |a, b| {
            payment_id(request, *a).cmp(payment_id(request, *b))
        });
        for pair in payments.windows(2) {
            if let [a, b] = pair {
                if payment_id(request, *a) == payment_id(request, *b) {
                    return Err(Error::new(
                        RefundError::DuplicatePayment,
                        at("order.payments", (*a).max(*b), "id"),
                    ));
                }
            }
        }
        for (i, p) in order.payments.iter().enumerate() {
            minor(&p.captured, &|| at("order.payments", i, "captured"))?;
        }

        // The ledger: succeeded and pending refunds count as used, failed ones do not.
        let mut line_used = vec![(0_i128, 0_i128); lines.len()];
        let mut payment_used = vec![0_i128; payments.len()];
        let mut ledger_total = 0_i128;
        for (i, entry) in request.ledger.iter().enumerate() {
            let amount = minor(&entry.amount, &|| at("ledger", i, "amount"))?;
            let pay = find(&payments, entry.payment_id.as_str(), |j| {
                payment_id(request, j)
            })
            .ok_or_else(|| {
                Error::new(RefundError::UnknownPayment, at("ledger", i, "payment_id"))
            })?;
            let line = match &entry.line_id {
                Some(id) => Some(
                    find(&lines, id.as_str(), |j| line_id(request, j)).ok_or_else(|| {
                        Error::new(RefundError::UnknownLine, at("ledger", i, "line_id"))
                    })?,
                ),
                None => None,
            };
            if entry.status == LedgerStatus::Failed {
                continue;
            }
            ledger_total += amount;
            let captured = captured(request, &payments, pay);
            if let Some(used) = payment_used.get_mut(pay) {
                *used += amount;
                if *used > captured {
                    return Err(Error::new(
                        RefundError::LedgerExceedsCaptured,
                        at("ledger", i, "amount"),
                    ));
                }
            }
            if let Some(pos) = line {
                let cost = paid.get(pos).copied().unwrap_or_default();
                if let Some((used, units)) = line_used.get_mut(pos) {
                    *used += amount;
                    *units += i128::from(entry.quantity.unwrap_or(0));
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
            }
        }

        Ok(Self {
            policy,
            request,
            locale,
            currency,
            lines,
            paid,
            line_used,
            payments,
            payment_used,
            ledger_total,
            reasons: Vec::new(),
        })
    }

    fn money(&self, minor: i128) -> Money {
        Money::from_minor(minor, self.currency).unwrap_or_else(|_| Money::zero(self.currency))
    }

    fn say(
        &mut self,
        code: ReasonCode,
        rule: &str,
        line: Option<&str>,
        payment: Option<&str>,
        args: &Args,
    ) {
        let name = self.request.customer.name.as_deref();
        self.reasons.push(RefundReason {
            code,
            rule: rule.to_owned(),
            line_id: line.map(str::to_owned),
            payment_id: payment.map(str::to_owned),
            message: render(code, self.locale, name, args),
        });
    }

    fn amount(&self, minor: i128) -> Args {
        Args {
            amount: Some(self.money(minor)),
            ..Args::default()
        }
    }

    /// What every payment can still give back, by sorted position.
    fn payment_room(&self) -> Vec<i128> {
        (0..self.payments.len())
            .map(|pos| {
                captured(self.request, &self.payments, pos)
                    - self.payment_used.get(pos).copied().unwrap_or(0)
            })
            .collect()
    }

    fn run(self) -> Result<EvaluateResponse, Error> {
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
    fn duplicate_charge(mut self) -> Result<EvaluateResponse, Error> {
        const RULE: &str = "recourse.duplicate_charge";
        let id = self
            .request
            .request
            .payment_id
            .as_deref()
            .ok_or_else(|| Error::new(RefundError::PaymentRequired, "request.payment_id"))?;
        let pos = find(&self.payments, id, |j| payment_id(self.request, j))
            .ok_or_else(|| Error::new(RefundError::UnknownPayment, "request.payment_id"))?;
        let room = self.payment_room().get(pos).copied().unwrap_or(0);
        let total = self.money(room);
        let zero = Money::zero(self.currency);
        let mut breakdown = Breakdown::zero(zero);
        breakdown.item = total;
        breakdown.total = total;
        let mut payments = Vec::new();
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
                    ..Args::default()
                },
            );
            self.route(&[(pos, room)], &mut payments);
            Outcome::Approve
        } else {
            self.say(
                ReasonCode::AlreadyRefunded,
                RULE,
                None,
                Some(id),
                &Args::default(),
            );
            Outcome::Deny
        };
        Ok(self.finish(
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
        ))
    }

    /// Pushes the payment refunds and their timing reasons.
    fn route(&mut self, parts: &[(usize, i128)], out: &mut Vec<PaymentRefund>) {
        for &(pos, amount) in parts {
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
                payment_id: payment.id.clone(),
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
    ) -> EvaluateResponse {
        let ledger_total_assumed = self.money(self.ledger_total);
        EvaluateResponse {
            policy: self.policy.name.clone(),
            outcome,
            reason: self.request.request.reason,
            locale: self.locale,
            lines,
            total: breakdown.total,
            breakdown,
            remedy,
            alternatives,
            payments,
            reasons: self.reasons,
            ledger_total_assumed,
        }
    }

    fn lines_refund(mut self) -> Result<EvaluateResponse, Error> {
        let policy = self.policy;
        let request = self.request;
        let ask = &request.request;
        let reason = ask.reason;
        let merchant_fault = policy.merchant_fault & reason.bit() != 0;
        let today = local_date(policy, &request.now);
        let purchase_day = local_date(policy, &request.order.purchased_at);
        let delivery_day = request
            .order
            .delivered_at
            .as_ref()
            .map(|d| local_date(policy, d));
        let order_total: i128 = self.paid.iter().map(LinePaid::total).sum();
        let order_age_days = (today - purchase_day).num_days();
        let case = CaseFacts {
            reason: reason.bit(),
            standing: request.customer.standing.bit(),
            channel: policy.channel_bit(&request.order.channel),
            order_age_days,
            order_value: self.money(order_total),
        };

        let mut asked: Vec<usize> = (0..ask.lines.len()).collect();
        crate::sort::sort_by(&mut asked, |a, b| {
            asked_id(request, *a).cmp(asked_id(request, *b))
        });
        for pair in asked.windows(2) {
            if let [a, b] = pair {
                if asked_id(request, *a) == asked_id(request, *b) {
                    return Err(Error::new(
                        RefundError::DuplicateLine,
                        at("request.lines", (*a).max(*b), "line_id"),
                    ));
                }
            }
        }

        let mut work: Vec<LineWork<'_>> = Vec::with_capacity(asked.len());
        let mut any_denied = false;
        let mut any_reduced = false;
        let mut fee_waived: Option<&str> = None;
        let mut shipping_rule: Option<&str> = None;
        for &ri in &asked {
            let Some(rl) = ask.lines.get(ri) else {
                continue;
            };
            let pos = find(&self.lines, rl.line_id.as_str(), |j| line_id(request, j)).ok_or_else(
                || Error::new(RefundError::UnknownLine, at("request.lines", ri, "line_id")),
            )?;
            let Some(ol) = self
                .lines
                .get(pos)
                .and_then(|&i| request.order.lines.get(i))
            else {
                continue;
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
            let n = rl
                .received
                .map_or(requested, |r| requested.min(i128::from(r)));
            let line = LineFacts {
                category: policy.category_bit(&ol.category),
                condition: rl.condition.or(ask.condition).map_or(0, |c| c.bit()),
                final_sale: ol.final_sale,
                digital: ol.digital,
                downloaded: ol.downloaded,
            };
            let resolved = resolve(policy, &case, &line);
            let id = ol.id.as_str();
            let mut w = LineWork {
                id,
                requested: rl.quantity,
                refunded: 0,
                deadline: None,
                eligible: false,
                item: 0,
                discount: 0,
                tax: 0,
                shipping: 0,
                restocking: 0,
                return_fee: 0,
                capped: 0,
                room: (cost.total() - used).max(0),
                resolved,
            };

            // Eligibility: a deny rule, then the window.
            let mut denial: Option<(ReasonCode, &str, Args)> = match resolved.eligibility {
                Some((Eligibility::Deny(d), rule)) => Some((deny_code(d), rule, Args::default())),
                _ => None,
            };
            if denial.is_none() {
                match resolved.window {
                    None => {
                        denial = Some((ReasonCode::NoWindow, "recourse.no_window", Args::default()))
                    }
                    Some((window, rule)) => {
                        let last = deadline(policy, window, purchase_day, delivery_day)?;
                        w.deadline = last;
                        let args = Args {
                            date: last,
                            ..Args::default()
                        };
                        match last {
                            Some(last) if today > last => {
                                denial = Some((ReasonCode::WindowExpired, rule, args));
                            }
                            Some(_) => {
                                self.say(ReasonCode::WithinWindow, rule, Some(id), None, &args)
                            }
                            None => {}
                        }
                    }
                }
            }
            if let Some((code, rule, args)) = denial {
                self.say(code, rule, Some(id), None, &args);
                any_denied = true;
                work.push(w);
                continue;
            }
            w.eligible = true;
            if n < requested {
                any_reduced = true;
                self.say(
                    ReasonCode::NotReceivedBack,
                    "recourse.received_back",
                    Some(id),
                    None,
                    &Args {
                        count: u32::try_from(n).ok(),
                        requested: Some(rl.quantity),
                        ..Args::default()
                    },
                );
            }
            w.refunded = u32::try_from(n).unwrap_or(0);
            let k = used_units;
            let q = cost.quantity;
            w.item = cost.unit_price * n;
            let paid_part = amounts::units(cost.paid, q, k, n);
            w.discount = w.item - paid_part;
            w.tax = amounts::units(cost.tax, q, k, n);
            if let Some((true, rule)) = resolved.refund_shipping {
                w.shipping = amounts::units(cost.shipping, q, k, n);
                if w.shipping > 0 {
                    shipping_rule.get_or_insert(rule);
                }
            }
            if let Some((fee, rule)) = resolved.restocking_fee {
                if merchant_fault {
                    fee_waived.get_or_insert(rule);
                } else {
                    w.restocking = match fee {
                        CFee::Percent(p) => {
                            amounts::percent_of(paid_part, *p, policy.rounding, self.currency)
                                .map_err(|_| Error::new(MoneyError::Overflow, "order"))?
                        }
                        CFee::FixedPerUnit(list) => in_currency(list, self.currency)
                            .map_or(0, |m| m.to_minor().saturating_mul(n))
                            .min(paid_part),
                    };
                    if w.restocking > 0 {
                        self.say(
                            ReasonCode::RestockingFee,
                            rule,
                            Some(id),
                            None,
                            &self.amount(w.restocking),
                        );
                    }
                }
            }
            work.push(w);
        }

        // Return shipping: charged once per request, the largest fee of the accepted
        // lines, shared across them; never for the merchant's fault.
        let mut return_fee: Option<(i128, &str)> = None;
        for w in work.iter().filter(|w| w.eligible) {
            if let Some((rs, rule)) = w.resolved.return_shipping {
                if rs.payer != Payer::Customer {
                    continue;
                }
                if merchant_fault {
                    fee_waived.get_or_insert(rule);
                    continue;
                }
                let fee = in_currency(&rs.fee, self.currency).map_or(0, |m| m.to_minor());
                if return_fee.map_or(true, |(f, _)| fee > f) {
                    return_fee = Some((fee, rule));
                }
            }
        }
        if let Some((fee, rule)) = return_fee.filter(|(f, _)| *f > 0) {
            let room: Vec<i128> = work.iter().map(LineWork::before_return_fee).collect();
            let fee = fee.min(room.iter().sum());
            if fee > 0 {
                // At most the room in all, so no line's part exceeds its room.
                let parts = amounts::share(fee, &room)
                    .ok_or_else(|| Error::new(MoneyError::Overflow, "order"))?;
                for (w, part) in work.iter_mut().zip(parts) {
                    w.return_fee = part;
                }
                self.say(
                    ReasonCode::ReturnShippingFee,
                    rule,
                    None,
                    None,
                    &self.amount(fee),
                );
            }
        }
        if let Some(rule) = fee_waived {
            self.say(
                ReasonCode::FeesWaivedMerchantFault,
                rule,
                None,
                None,
                &Args::default(),
            );
        }
        if let Some(rule) = shipping_rule {
            let shipping: i128 = work.iter().map(|w| w.shipping).sum();
            self.say(
                ReasonCode::ShippingRefunded,
                rule,
                None,
                None,
                &self.amount(shipping),
            );
        }

        // Caps: never more than a line has left, never more than the payments have left.
        let mut any_capped = false;
        for w in work.iter_mut().filter(|w| w.eligible) {
            let due = w.before_caps();
            if due > w.room {
                w.capped = due - w.room;
                any_capped = true;
            }
        }
        let room = self.payment_room();
        let payment_room: i128 = room.iter().sum();
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
            self.say(code, "recourse.ledger", Some(w.id), None, &Args::default());
        }

        let accepted = work.iter().any(|w| w.eligible && w.refunded > 0);
        let before_caps: i128 = work.iter().map(LineWork::before_caps).sum();
        let total: i128 = work.iter().map(LineWork::total).sum();
        let mut outcome = if !accepted || (total == 0 && before_caps > 0) {
            Outcome::Deny
        } else if any_denied || any_reduced || any_capped {
            Outcome::Partial
        } else {
            Outcome::Approve
        };

        // Remedies: the first accepted line's list, kept to what every accepted line
        // offers.
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
        let remedy_rule = work
            .iter()
            .filter(|w| w.eligible)
            .find_map(|w| w.resolved.remedies.map(|(_, rule)| rule))
            .unwrap_or(policy.remedies_id.as_str());
        // What store credit without fees is worth: each line's refund plus its fees, except
        // on a line held to what the ledger leaves, which cannot give more.
        let without_fees: i128 = work
            .iter()
            .map(|w| {
                if w.capped > 0 {
                    w.total()
                } else {
                    w.total() + w.restocking + w.return_fee
                }
            })
            .sum();
        let refund = self.money(total);
        let before_fees = self.money(without_fees);
        let mut payments = Vec::new();
        let (remedy, alternatives) = if outcome == Outcome::Deny {
            (
                RemedyOffer {
                    kind: Remedy::Refund,
                    amount: Some(self.money(0)),
                    bonus_percent: None,
                },
                Vec::new(),
            )
        } else {
            let choice =
                remedy::choose(policy, &offered, ask.preferred_remedy, refund, before_fees);
            if let Some(refused) = choice.refused {
                self.say(
                    ReasonCode::RemedyNotOffered,
                    remedy_rule,
                    None,
                    None,
                    &Args {
                        remedy: Some(refused),
                        ..Args::default()
                    },
                );
            }
            self.say(
                ReasonCode::Remedy,
                remedy_rule,
                None,
                None,
                &Args {
                    amount: choice.chosen.amount,
                    remedy: Some(choice.chosen.kind),
                    ..Args::default()
                },
            );
            if choice.chosen.kind == Remedy::Refund {
                if let Some(credit) = choice
                    .alternatives
                    .iter()
                    .find(|a| a.kind == Remedy::StoreCredit)
                    .and_then(|a| a.amount)
                    .filter(|credit| credit.amount() > refund.amount())
                {
                    self.say(
                        ReasonCode::StoreCreditOffer,
                        remedy_rule,
                        None,
                        None,
                        &Args {
                            amount: Some(credit),
                            other: Some(refund),
                            ..Args::default()
                        },
                    );
                }
            }
            (choice.chosen, choice.alternatives)
        };

        if outcome != Outcome::Deny {
            if self.automation(&work, total) {
                outcome = Outcome::ManualReview;
            }
            if remedy.kind == Remedy::Refund && total > 0 {
                let parts: Vec<(usize, i128)> = if room.len() == 1 {
                    vec![(0, total)]
                } else {
                    // The total is within the payments' room, so none gets more than its own.
                    let weights: Vec<i128> = room.iter().map(|r| (*r).max(0)).collect();
                    amounts::share(total, &weights)
                        .ok_or_else(|| Error::new(MoneyError::Overflow, "order.payments"))?
                        .into_iter()
                        .enumerate()
                        .collect()
                };
                self.route(&parts, &mut payments);
            }
        }

        let zero = Money::zero(self.currency);
        let mut sum = Breakdown::zero(zero);
        let mut lines = Vec::with_capacity(work.len());
        let mut totals = [0_i128; 8];
        for w in &work {
            let parts = w.parts();
            for (t, p) in totals.iter_mut().zip(parts) {
                *t += p;
            }
            lines.push(LineDecision {
                line_id: w.id.to_owned(),
                eligible: w.eligible,
                quantity_requested: w.requested,
                quantity_refunded: w.refunded,
                deadline: w.deadline.map(super::messages::iso_date),
                breakdown: self.breakdown(parts),
            });
        }
        if !work.is_empty() {
            sum = self.breakdown(totals);
        }
        Ok(self.finish(outcome, lines, sum, remedy, alternatives, payments))
    }

    fn breakdown(&self, p: [i128; 8]) -> Breakdown {
        let [item, discount, tax, shipping, restocking_fee, return_shipping_fee, capped, total] =
            p.map(|v| self.money(v));
        Breakdown {
            item,
            discount,
            tax,
            shipping,
            restocking_fee,
            return_shipping_fee,
            capped,
            total,
        }
    }

    /// Applies the policy's automation; `true` when a person must review.
    fn automation(&mut self, work: &[LineWork<'_>], total: i128) -> bool {
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
                .map_or(true, |limit| total > limit.to_minor());
            if over {
                let args = self.amount(total);
                self.say(ReasonCode::ReviewAmount, &auto.id, None, None, &args);
                review = true;
            }
        }
        if !review {
            self.say(ReasonCode::AutoApproved, &auto.id, None, None, &none);
        }
        review
    }
}

/// The work on one line of the request.
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

    fn parts(&self) -> [i128; 8] {
        [
            self.item,
            self.discount,
            self.tax,
            self.shipping,
            self.restocking,
            self.return_fee,
            self.capped,
            self.total(),
        ]
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

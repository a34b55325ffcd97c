//! Invariants of `refund.evaluate` over random orders, ledgers and requests.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use proptest::prelude::*;
use recourse_payments::money::{allocate, Currency, Money, Ratio};
use recourse_payments::refund::{evaluate, EvaluateRequest, EvaluateResponse, Outcome};
use recourse_payments::Engine;
use serde_json::{json, Value};

/// A generous policy: every reason, 10 years from purchase, shipping refunded, no fees.
const GENEROUS: &str = r#"
[store]
name = "Test"
[refund.policies.generous]
title = "Everything back"
time_zone = "UTC"
[[refund.policies.generous.rules]]
id = "all"
window = { days = 3660, from = "purchase" }
allow = true
refund_shipping = true
"#;

/// A policy with fees, to check that fees and caps never push an amount below zero.
const FEES: &str = r#"
[store]
name = "Test"
[refund.policies.fees]
title = "Fees"
time_zone = "UTC"
[[refund.policies.fees.rules]]
id = "odd"
when = { category = ["odd"] }
restocking_fee = { percent = "37.5" }
[[refund.policies.fees.rules]]
id = "fixed"
when = { category = ["fixed"] }
restocking_fee = { fixed = [{ amount = "3", currency = "JPY" }, { amount = "0.50", currency = "BRL" }, { amount = "0.125", currency = "KWD" }] }
[[refund.policies.fees.rules]]
id = "window"
window = { days = 3660, from = "purchase" }
refund_shipping = true
return_shipping = { payer = "customer", fee = [{ amount = "7", currency = "JPY" }, { amount = "1.99", currency = "BRL" }, { amount = "0.999", currency = "KWD" }] }
"#;

const CURRENCIES: [&str; 3] = ["JPY", "BRL", "KWD"];
const CATEGORIES: [&str; 3] = ["plain", "odd", "fixed"];
const METHODS: [&str; 4] = ["card", "pix", "gift_card", "wallet"];

#[derive(Debug, Clone)]
struct LineSpec {
    quantity: u32,
    unit: i128,
    discount_pct: i128,
    tax: i128,
    category: usize,
}

#[derive(Debug, Clone)]
struct OrderSpec {
    currency: usize,
    lines: Vec<LineSpec>,
    discount_pct: i128,
    shipping: i128,
    payments: Vec<(u32, usize)>,
}

fn line_spec() -> impl Strategy<Value = LineSpec> {
    (
        1_u32..6,
        0_i128..200_000,
        0_i128..=100,
        0_i128..5_000,
        0_usize..3,
    )
        .prop_map(|(quantity, unit, discount_pct, tax, category)| LineSpec {
            quantity,
            unit,
            discount_pct,
            tax,
            category,
        })
}

fn order_spec() -> impl Strategy<Value = OrderSpec> {
    (
        0_usize..3,
        prop::collection::vec(line_spec(), 1..5),
        0_i128..=100,
        0_i128..3_000,
        prop::collection::vec((1_u32..10, 0_usize..4), 1..4),
    )
        .prop_map(
            |(currency, lines, discount_pct, shipping, payments)| OrderSpec {
                currency,
                lines,
                discount_pct,
                shipping,
                payments,
            },
        )
}

impl OrderSpec {
    fn currency(&self) -> Currency {
        Currency::from_code(CURRENCIES[self.currency]).unwrap()
    }

    fn m(&self, minor: i128) -> Value {
        serde_json::to_value(Money::from_minor(minor, self.currency()).unwrap()).unwrap()
    }

    /// (line discount, net) per line.
    fn nets(&self) -> Vec<(i128, i128)> {
        self.lines
            .iter()
            .map(|l| {
                let gross = l.unit * i128::from(l.quantity);
                let d = gross * l.discount_pct / 100;
                (d, gross - d)
            })
            .collect()
    }

    fn order_discount(&self) -> i128 {
        self.nets().iter().map(|(_, n)| n).sum::<i128>() * self.discount_pct / 100
    }

    /// Everything the customer paid.
    fn total(&self) -> i128 {
        let net: i128 = self.nets().iter().map(|(_, n)| n).sum();
        let tax: i128 = self.lines.iter().map(|l| l.tax).sum();
        net - self.order_discount() + tax + self.shipping
    }

    fn captured(&self) -> Vec<i128> {
        let total = Money::from_minor(self.total(), self.currency()).unwrap();
        let ratios: Vec<Ratio> = self.payments.iter().map(|(w, _)| Ratio::from(*w)).collect();
        allocate(&total, &ratios, None)
            .unwrap()
            .iter()
            .map(Money::to_minor)
            .collect()
    }

    fn order(&self, line_order: &[usize], payment_order: &[usize]) -> Value {
        let nets = self.nets();
        let lines: Vec<Value> = line_order
            .iter()
            .map(|&i| {
                let l = &self.lines[i];
                json!({
                    "id": format!("line-{i}"), "category": CATEGORIES[l.category],
                    "quantity": l.quantity, "unit_price": self.m(l.unit),
                    "discount": self.m(nets[i].0), "tax": self.m(l.tax),
                })
            })
            .collect();
        let captured = self.captured();
        let payments: Vec<Value> = payment_order
            .iter()
            .map(|&i| {
                json!({
                    "id": format!("pay-{i}"), "method": METHODS[self.payments[i].1],
                    "funding": "card",
                    "captured": self.m(captured[i]), "captured_at": "2026-01-01T10:00:00Z",
                })
            })
            .collect();
        json!({
            "currency": CURRENCIES[self.currency], "purchased_at": "2026-01-01T10:00:00Z",
            "delivered_at": "2026-01-03T10:00:00Z", "lines": lines,
            "discount": self.m(self.order_discount()), "shipping": self.m(self.shipping),
            "payments": payments,
        })
    }

    fn identity(&self) -> (Vec<usize>, Vec<usize>) {
        (
            (0..self.lines.len()).collect(),
            (0..self.payments.len()).collect(),
        )
    }
}

fn request(order: Value, ledger: &[Value], ask: Value, now: &str) -> EvaluateRequest {
    serde_json::from_value(json!({
        "now": now, "order": order, "ledger": ledger, "request": ask,
    }))
    .unwrap()
}

fn minor(v: &Money) -> i128 {
    v.to_minor()
}

/// Records a decision's refunds in the ledger, one entry per payment, attributed to `line`.
fn record(ledger: &mut Vec<Value>, d: &EvaluateResponse, line: &str, units: u32) {
    for (n, p) in d.payments.iter().enumerate() {
        let mut entry = json!({
            "payment_id": p.payment_id, "line_id": line,
            "amount": serde_json::to_value(p.amount).unwrap(), "status": "succeeded",
        });
        if n == 0 {
            entry["quantity"] = json!(units);
        }
        ledger.push(entry);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    /// Refunding every unit, in any steps, gives back exactly what was paid: per line, per
    /// payment, in total, in 0-, 2- and 3-decimal currencies.
    #[test]
    fn every_unit_refunded_in_steps_gives_back_exactly_what_was_paid(
        spec in order_spec(),
        steps in prop::collection::vec(1_u32..4, 1..20),
    ) {
        let engine = Engine::from_toml(GENEROUS).unwrap();
        let (lo, po) = spec.identity();
        let order = spec.order(&lo, &po);
        let mut ledger = Vec::new();
        let mut step = steps.iter().cycle();
        for (i, l) in spec.lines.iter().enumerate() {
            let mut left = l.quantity;
            while left > 0 {
                let n = (*step.next().unwrap()).min(left);
                let ask = json!({"reason": "changed_mind", "lines": [{"line_id": format!("line-{i}"), "quantity": n}]});
                let d = evaluate(&engine, &request(order.clone(), &ledger, ask, "2026-02-01T00:00:00Z")).unwrap();
                prop_assert_eq!(d.outcome, Outcome::Approve);
                prop_assert!(!d.total.is_negative());
                let paid_out: i128 = d.payments.iter().map(|p| minor(&p.amount)).sum();
                prop_assert_eq!(paid_out, minor(&d.total));
                record(&mut ledger, &d, &format!("line-{i}"), n);
                left -= n;
            }
        }
        let refunded: i128 = ledger.iter().map(|e| {
            let m: Money = serde_json::from_value(e["amount"].clone()).unwrap();
            m.to_minor()
        }).sum();
        prop_assert_eq!(refunded, spec.total());
        // Every payment is back to zero, and nothing more can be refunded.
        for (i, captured) in spec.captured().iter().enumerate() {
            let back: i128 = ledger.iter().filter(|e| e["payment_id"] == json!(format!("pay-{i}"))).map(|e| {
                let m: Money = serde_json::from_value(e["amount"].clone()).unwrap();
                m.to_minor()
            }).sum();
            prop_assert_eq!(back, *captured);
        }
    }

    /// Whatever the ledger and the request: never more than captured per payment, never
    /// more than paid per line, never negative, refunded ≤ received ≤ purchased, tax never
    /// above what was collected.
    #[test]
    fn caps_hold_and_nothing_is_negative(
        spec in order_spec(),
        previous in prop::collection::vec((0_usize..4, 0_u32..3, 0_i128..=100, 0_usize..3, any::<bool>()), 0..5),
        ask in prop::collection::vec((0_usize..4, 1_u32..6, prop::option::of(0_u32..6)), 1..4),
        condition in 0_usize..4,
    ) {
        let engine = Engine::from_toml(FEES).unwrap();
        let (lo, po) = spec.identity();
        let order = spec.order(&lo, &po);
        let captured = spec.captured();
        // A ledger of earlier refunds (some failed), each a share of a line's price, never
        // more units than the line has.
        let mut ledger = Vec::new();
        let mut units_used = vec![0_u32; spec.lines.len()];
        for (line, units, pct, payment, failed) in previous {
            let line = line % spec.lines.len();
            let payment = payment % spec.payments.len();
            let l = &spec.lines[line];
            let units = units.min(l.quantity - units_used[line]);
            if !failed {
                units_used[line] += units;
            }
            let amount = (l.unit * i128::from(units)) * pct / 200;
            ledger.push(json!({
                "payment_id": format!("pay-{payment}"), "line_id": format!("line-{line}"),
                "quantity": units, "amount": spec.m(amount),
                "status": if failed { "failed" } else { "pending" },
            }));
        }
        let mut seen = std::collections::BTreeSet::new();
        let lines: Vec<Value> = ask.iter().filter(|(l, _, _)| seen.insert(l % spec.lines.len())).filter_map(|(l, q, r)| {
            let i = l % spec.lines.len();
            let available = spec.lines[i].quantity - units_used[i];
            if available == 0 {
                return None;
            }
            let mut v = json!({"line_id": format!("line-{i}"), "quantity": (*q).min(available)});
            if let Some(r) = r { v["received"] = json!((*r).min(available)); }
            Some(v)
        }).collect();
        prop_assume!(!lines.is_empty());
        let conditions = ["unopened", "opened", "used", "damaged_on_arrival"];
        let ask = json!({"reason": "changed_mind", "condition": conditions[condition], "lines": lines});
        let req = request(order, &ledger, ask, "2026-02-01T00:00:00Z");
        let d = match evaluate(&engine, &req) {
            Ok(d) => d,
            // Random ledgers and quantities may contradict the order: those are refused.
            Err(e) => {
                prop_assert_eq!(e.code(), "refund.ledger_exceeds_captured", "{}", e);
                return Ok(());
            }
        };
        prop_assert!(!d.total.is_negative());
        let used = |pred: &dyn Fn(&Value) -> bool| -> i128 {
            req.ledger.iter().zip(&ledger).filter(|(e, v)| e.status.as_str() != "failed" && pred(v)).map(|(e, _)| e.amount.to_minor()).sum()
        };
        for (i, cap) in captured.iter().enumerate() {
            let id = format!("pay-{i}");
            let this: i128 = d.payments.iter().filter(|p| p.payment_id == id).map(|p| minor(&p.amount)).sum();
            prop_assert!(this >= 0);
            prop_assert!(used(&|v| v["payment_id"] == json!(id)) + this <= *cap);
        }
        for line in &d.lines {
            let b = &line.breakdown;
            for m in [b.item, b.discount, b.tax, b.shipping, b.restocking_fee, b.return_shipping_fee, b.capped, b.total] {
                prop_assert!(!m.is_negative(), "{:?}", b);
            }
            prop_assert_eq!(
                minor(&b.item) - minor(&b.discount) + minor(&b.tax) + minor(&b.shipping)
                    - minor(&b.restocking_fee) - minor(&b.return_shipping_fee) - minor(&b.capped),
                minor(&b.total)
            );
            let i: usize = line.line_id.trim_start_matches("line-").parse().unwrap();
            let asked = req.request.lines.iter().find(|l| l.line_id == line.line_id).unwrap();
            prop_assert!(line.quantity_refunded <= asked.received.unwrap_or(asked.quantity));
            prop_assert!(line.quantity_refunded <= spec.lines[i].quantity);
            prop_assert!(minor(&b.tax) <= spec.lines[i].tax);
            let id = line.line_id.clone();
            let line_paid: i128 = {
                // What the line cost: its total when every unit is refunded with no ledger.
                let full = json!({"reason": "changed_mind", "lines": [{"line_id": id, "quantity": spec.lines[i].quantity}]});
                let generous = Engine::from_toml(GENEROUS).unwrap();
                let (lo, po) = spec.identity();
                minor(&evaluate(&generous, &request(spec.order(&lo, &po), &[], full, "2026-02-01T00:00:00Z")).unwrap().total)
            };
            prop_assert!(used(&|v| v["line_id"] == json!(line.line_id)) + minor(&b.total) <= line_paid);
        }
        let sum: i128 = d.lines.iter().map(|l| minor(&l.breakdown.total)).sum();
        prop_assert_eq!(sum, minor(&d.total));
        if d.outcome != Outcome::Deny && d.remedy.kind == recourse_payments::refund::Remedy::Refund {
            let paid_out: i128 = d.payments.iter().map(|p| minor(&p.amount)).sum();
            prop_assert_eq!(paid_out, minor(&d.total));
        }
    }

    /// A duplicate charge is refundable in full whatever the window: years later, under a
    /// policy whose windows all closed, minus only what was already refunded from it.
    #[test]
    fn a_duplicate_charge_is_always_refundable_in_full(
        spec in order_spec(),
        days_later in 0_i64..5_000,
        refunded_pct in 0_i128..=100,
        failed in any::<bool>(),
    ) {
        let engine = Engine::from_toml(include_str!("../../../examples/policies/us_store_30d.toml")).unwrap();
        let (lo, po) = spec.identity();
        let mut order = spec.order(&lo, &po);
        let dup_amount = spec.total();
        order["payments"].as_array_mut().unwrap().push(json!({
            "id": "dup", "method": "card", "captured": spec.m(dup_amount), "captured_at": "2026-01-01T10:00:30Z",
        }));
        order["currency"] = json!(CURRENCIES[spec.currency]);
        let already = dup_amount * refunded_pct / 100;
        let ledger = vec![json!({"payment_id": "dup", "amount": spec.m(already), "status": if failed { "failed" } else { "succeeded" }})];
        let now = (chrono::DateTime::parse_from_rfc3339("2026-01-01T10:00:00Z").unwrap() + chrono::Duration::days(days_later)).to_rfc3339();
        let d = evaluate(&engine, &request(order, &ledger, json!({"reason": "duplicate_charge", "payment_id": "dup"}), &now)).unwrap();
        let left = if failed { dup_amount } else { dup_amount - already };
        prop_assert_eq!(minor(&d.total), left);
        prop_assert_eq!(d.outcome, if left > 0 { Outcome::Approve } else { Outcome::Deny });
        if left > 0 {
            prop_assert_eq!(d.payments.len(), 1);
            prop_assert_eq!(&d.payments[0].payment_id, "dup");
        }
    }

    /// The decision does not depend on the order of lines, payments or requested lines.
    #[test]
    fn the_order_of_the_input_does_not_matter(
        spec in order_spec(),
        seed in any::<u64>(),
        reason in 0_usize..3,
    ) {
        let engine = Engine::from_toml(FEES).unwrap();
        let (lo, po) = spec.identity();
        let shuffled = |v: &[usize], salt: u64| {
            let mut v = v.to_vec();
            let mut s = seed ^ salt;
            for i in (1..v.len()).rev() {
                s = s.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
                v.swap(i, (s >> 33) as usize % (i + 1));
            }
            v
        };
        let (lo2, po2) = (shuffled(&lo, 1), shuffled(&po, 2));
        let reason = ["changed_mind", "defective", "not_received"][reason];
        let ask = |order: &[usize]| json!({"reason": reason, "condition": "opened", "lines": order.iter().map(|i| json!({"line_id": format!("line-{i}"), "quantity": spec.lines[*i].quantity})).collect::<Vec<_>>()});
        let a = evaluate(&engine, &request(spec.order(&lo, &po), &[], ask(&lo), "2026-02-01T00:00:00Z")).unwrap();
        let b = evaluate(&engine, &request(spec.order(&lo2, &po2), &[], ask(&shuffled(&lo, 3)), "2026-02-01T00:00:00Z")).unwrap();
        prop_assert_eq!(serde_json::to_value(&a).unwrap(), serde_json::to_value(&b).unwrap());
    }
}

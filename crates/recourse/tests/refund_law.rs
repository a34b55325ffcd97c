//! The legal templates in `examples/policies/` decide textbook cases right. Each test names
//! the article it checks.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use recourse_payments::refund::{
    evaluate, EvaluateRequest, EvaluateResponse, Outcome, ReasonCode, Remedy,
};
use recourse_payments::Engine;
use serde_json::{json, Value};

const EU: &str = include_str!("../../../examples/policies/eu_withdrawal_14d.toml");
const BR: &str = include_str!("../../../examples/policies/br_cdc_art49_7d.toml");
const US: &str = include_str!("../../../examples/policies/us_store_30d.toml");

fn engine(config: &str) -> Engine {
    Engine::from_toml(config).unwrap()
}

fn money(amount: &str, currency: &str) -> Value {
    json!({"amount": amount, "currency": currency})
}

#[allow(clippy::too_many_arguments)]
/// One order of `lines` ([id, category, quantity, unit price]) paid by one card.
fn case(
    currency: &str,
    purchased: &str,
    delivered: &str,
    now: &str,
    lines: &[(&str, &str, u32, &str)],
    shipping: &str,
    paid: &str,
    request: Value,
) -> EvaluateRequest {
    let lines: Vec<Value> = lines
        .iter()
        .map(|(id, cat, q, p)| json!({"id": id, "category": cat, "quantity": q, "unit_price": money(p, currency)}))
        .collect();
    serde_json::from_value(json!({
        "now": now,
        "order": {
            "currency": currency, "purchased_at": purchased, "delivered_at": delivered,
            "lines": lines, "shipping": money(shipping, currency),
            "payments": [{"id": "pay", "method": "card", "captured": money(paid, currency), "captured_at": purchased}]
        },
        "request": request
    }))
    .unwrap()
}

fn codes(d: &EvaluateResponse) -> Vec<&'static str> {
    d.reasons.iter().map(|r| r.code.code()).collect()
}

fn eu_regret(now: &str, delivered: &str) -> EvaluateResponse {
    let req = case(
        "EUR",
        "2026-02-20T10:00:00+01:00",
        delivered,
        now,
        &[("coat", "apparel", 1, "120.00")],
        "6.90",
        "126.90",
        json!({"reason": "changed_mind", "condition": "unopened", "lines": [{"line_id": "coat", "quantity": 1}]}),
    );
    evaluate(&engine(EU), &req).unwrap()
}

#[test]
fn directive_2011_83_art9_fourteen_days_from_the_day_of_delivery() {
    // Delivered Monday 2 March 2026: day 14 is Monday 16 March, accepted until its end.
    let d = eu_regret("2026-03-16T23:59:00+01:00", "2026-03-02T15:00:00+01:00");
    assert_eq!(d.outcome, Outcome::Approve);
    assert_eq!(d.lines[0].deadline.as_deref(), Some("2026-03-16"));
    let d = eu_regret("2026-03-17T00:00:00+01:00", "2026-03-02T15:00:00+01:00");
    assert_eq!(d.outcome, Outcome::Deny);
    assert_eq!(codes(&d), ["refund.window_expired"]);
    assert_eq!(d.reasons[0].rule, "eu.art9.withdrawal");
}

#[test]
fn directive_2011_83_art9_counts_days_in_the_stores_time_zone() {
    // Delivered 2 March 23:30 in Berlin, which is still 2 March there although 22:30 UTC...
    // and 00:30 on 3 March in Athens: the window follows the policy's zone (Berlin).
    let d = eu_regret("2026-03-16T22:30:00Z", "2026-03-03T00:30:00+02:00");
    assert_eq!(d.lines[0].deadline.as_deref(), Some("2026-03-16"));
    assert_eq!(d.outcome, Outcome::Approve);
}

#[test]
fn regulation_1182_71_art3_4_a_deadline_on_saturday_runs_to_monday() {
    // Delivered Saturday 14 March: day 14 is Saturday 28 March, so the period ends Monday 30.
    let d = eu_regret("2026-03-30T18:00:00+02:00", "2026-03-14T11:00:00+01:00");
    assert_eq!(d.lines[0].deadline.as_deref(), Some("2026-03-30"));
    assert_eq!(d.outcome, Outcome::Approve);
    let d = eu_regret("2026-03-31T00:00:01+02:00", "2026-03-14T11:00:00+01:00");
    assert_eq!(d.outcome, Outcome::Deny);
}

#[test]
fn regulation_1182_71_art3_4_a_deadline_on_good_friday_runs_past_easter_monday() {
    // Delivered Friday 20 March: day 14 is Good Friday 3 April; Saturday, Sunday and Easter
    // Monday are not working days in the calendar, so the period ends Tuesday 7 April.
    let d = eu_regret("2026-04-07T20:00:00+02:00", "2026-03-20T09:00:00+01:00");
    assert_eq!(d.lines[0].deadline.as_deref(), Some("2026-04-07"));
    assert_eq!(d.outcome, Outcome::Approve);
}

#[test]
fn directive_2011_83_art13_refund_includes_standard_delivery_and_art14_consumer_pays_return() {
    let d = eu_regret("2026-03-05T10:00:00+01:00", "2026-03-02T15:00:00+01:00");
    // 120.00 + 6.90 outbound shipping (art. 13(1)) - 5.00 return label (art. 14(1)).
    assert_eq!(d.breakdown.shipping.to_string(), "6.90 EUR");
    assert_eq!(d.breakdown.return_shipping_fee.to_string(), "5.00 EUR");
    assert_eq!(d.total.to_string(), "121.90 EUR");
    assert_eq!(d.remedy.kind, Remedy::Refund);
    assert_eq!(d.payments[0].amount.to_string(), "121.90 EUR");
}

#[test]
fn directive_2011_83_art13_1_the_trader_refunds_within_14_days_of_being_told() {
    // Told on Thursday 5 March 2026 in Berlin: day 14 is Thursday 19 March, so the refund
    // goes out by the end of that day; art. 13(3) lets the trader wait for the goods.
    let d = eu_regret("2026-03-05T10:00:00+01:00", "2026-03-02T15:00:00+01:00");
    let by = d.refund_by.as_ref().unwrap();
    assert_eq!(by.at.to_rfc3339(), "2026-03-20T00:00:00+01:00");
    assert_eq!(by.rule, "eu.art13.refund_by");
    assert!(by.source.contains("2011/83/EU art. 13"));
    assert!(by.may_withhold_until_goods_back);
    assert!(codes(&d).contains(&"refund.refund_by"));
}

#[test]
fn regulation_1182_71_art3_4_the_refund_deadline_on_a_saturday_runs_to_monday() {
    // Told Saturday 14 March: day 14 is Saturday 28 March, so the refund is due by the end
    // of Monday 30 March, after the change to summer time (+02:00).
    let d = eu_regret("2026-03-14T12:00:00+01:00", "2026-03-10T15:00:00+01:00");
    let by = d.refund_by.as_ref().unwrap();
    assert_eq!(by.at.to_rfc3339(), "2026-03-31T00:00:00+02:00");
}

#[test]
fn directive_2011_83_art13_no_refund_deadline_when_nothing_is_refunded() {
    let d = eu_regret("2026-03-17T00:00:00+01:00", "2026-03-02T15:00:00+01:00");
    assert_eq!(d.outcome, Outcome::Deny);
    assert!(d.refund_by.is_none());
}

#[test]
fn directive_2011_83_art16m_downloaded_digital_content_is_excluded() {
    let mut req = case(
        "EUR",
        "2026-03-01T10:00:00+01:00",
        "2026-03-01T10:05:00+01:00",
        "2026-03-03T10:00:00+01:00",
        &[("ebook", "books", 1, "9.99")],
        "0.00",
        "9.99",
        json!({"reason": "changed_mind", "lines": [{"line_id": "ebook", "quantity": 1}]}),
    );
    req.order.lines[0].digital = true;
    req.order.lines[0].downloaded = true;
    let d = evaluate(&engine(EU), &req).unwrap();
    assert_eq!(d.outcome, Outcome::Deny);
    assert_eq!(codes(&d), ["refund.digital_downloaded"]);
    assert_eq!(d.reasons[0].rule, "eu.art16m.digital");
}

#[test]
fn directive_2019_771_art10_defects_within_two_years_cost_the_consumer_nothing() {
    let req = case(
        "EUR",
        "2025-01-10T10:00:00+01:00",
        "2025-01-12T10:00:00+01:00",
        "2026-06-01T10:00:00+02:00",
        &[("kettle", "home", 1, "49.00")],
        "4.00",
        "53.00",
        json!({"reason": "defective", "condition": "used", "preferred_remedy": "refund",
               "lines": [{"line_id": "kettle", "quantity": 1}]}),
    );
    let d = evaluate(&engine(EU), &req).unwrap();
    assert_eq!(d.outcome, Outcome::Approve);
    assert_eq!(d.total.to_string(), "53.00 EUR");
    assert_eq!(d.breakdown.return_shipping_fee.to_string(), "0.00 EUR");
}

fn br_regret(now: &str, final_sale: bool) -> EvaluateResponse {
    let mut req = case(
        "BRL",
        "2026-03-01T10:00:00-03:00",
        "2026-03-04T16:00:00-03:00",
        now,
        &[
            ("tenis", "shoes", 1, "299.90"),
            ("meia", "apparel", 3, "19.90"),
        ],
        "24.90",
        "384.50",
        json!({"reason": "changed_mind", "condition": "opened",
               "lines": [{"line_id": "tenis", "quantity": 1}, {"line_id": "meia", "quantity": 3}]}),
    );
    req.order.lines[0].final_sale = final_sale;
    evaluate(&engine(BR), &req).unwrap()
}

#[test]
fn cdc_art49_seven_days_from_receipt_and_everything_paid_comes_back_shipping_included() {
    // Received Wednesday 4 March: the 7 days end Wednesday 11 March.
    let d = br_regret("2026-03-11T21:00:00-03:00", false);
    assert_eq!(d.outcome, Outcome::Approve);
    assert_eq!(d.total.to_string(), "384.50 BRL");
    assert_eq!(d.breakdown.shipping.to_string(), "24.90 BRL");
    assert_eq!(d.breakdown.return_shipping_fee.to_string(), "0.00 BRL");
    assert!(d
        .reasons
        .iter()
        .any(|r| r.code == ReasonCode::WithinWindow && r.rule == "cdc.art49.arrependimento"));
    let d = br_regret("2026-03-12T00:00:00-03:00", false);
    assert_eq!(d.outcome, Outcome::Deny);
}

#[test]
fn cdc_art49_the_refund_is_immediate() {
    // Art. 49, sole paragraph: returned immediately, with no wait for the goods.
    let d = br_regret("2026-03-09T10:00:00-03:00", false);
    let by = d.refund_by.as_ref().unwrap();
    assert_eq!(by.at.to_rfc3339(), "2026-03-09T10:00:00-03:00");
    assert_eq!(by.rule, "cdc.art49.refund_by");
    assert!(by.source.contains("art. 49"));
    assert!(!by.may_withhold_until_goods_back);
}

#[test]
fn cdc_art49_cannot_be_waived_so_sale_items_come_back_too() {
    let d = br_regret("2026-03-06T12:00:00-03:00", true);
    assert_eq!(d.outcome, Outcome::Approve);
    assert_eq!(d.total.to_string(), "384.50 BRL");
}

#[test]
fn codigo_civil_art132_a_period_ending_on_a_holiday_runs_to_the_next_business_day() {
    // Received Friday 13 November 2026: day 7 is Friday 20 November (Consciência Negra), so
    // the period ends Monday 23 November.
    let req = case(
        "BRL",
        "2026-11-10T10:00:00-03:00",
        "2026-11-13T16:00:00-03:00",
        "2026-11-23T20:00:00-03:00",
        &[("livro", "books", 1, "59.90")],
        "0.00",
        "59.90",
        json!({"reason": "changed_mind", "lines": [{"line_id": "livro", "quantity": 1}]}),
    );
    let d = evaluate(&engine(BR), &req).unwrap();
    assert_eq!(d.lines[0].deadline.as_deref(), Some("2026-11-23"));
    assert_eq!(d.outcome, Outcome::Approve);
}

#[test]
fn cdc_art26_ii_ninety_days_for_a_defect_in_durable_goods() {
    let req = case(
        "BRL",
        "2026-01-05T10:00:00-03:00",
        "2026-01-08T16:00:00-03:00",
        "2026-04-01T10:00:00-03:00",
        &[("fone", "electronics", 1, "450.00")],
        "0.00",
        "450.00",
        json!({"reason": "defective", "lines": [{"line_id": "fone", "quantity": 1}]}),
    );
    let d = evaluate(&engine(BR), &req).unwrap();
    assert_eq!(d.outcome, Outcome::Approve);
    // Art. 18 §1: the consumer chooses; without a preference the policy's first remedy.
    assert_eq!(d.remedy.kind, Remedy::Replacement);
    let kinds: Vec<Remedy> = d.alternatives.iter().map(|a| a.kind).collect();
    assert_eq!(kinds, [Remedy::Refund, Remedy::Repair]);
}

fn us_case(condition: &str, reason: &str, final_sale: bool) -> EvaluateResponse {
    let mut req = case(
        "USD",
        "2026-05-01T10:00:00-04:00",
        "2026-05-04T13:00:00-04:00",
        "2026-05-20T10:00:00-04:00",
        &[
            ("headphones", "electronics", 1, "120.00"),
            ("tee", "apparel", 2, "15.00"),
        ],
        "9.99",
        "159.99",
        json!({"reason": reason, "condition": condition,
               "lines": [{"line_id": "headphones", "quantity": 1}, {"line_id": "tee", "quantity": 2}]}),
    );
    req.order.lines[1].final_sale = final_sale;
    evaluate(&engine(US), &req).unwrap()
}

#[test]
fn us_store_opened_electronics_carry_a_15_percent_restocking_fee() {
    let d = us_case("opened", "changed_mind", false);
    assert_eq!(d.outcome, Outcome::Approve);
    let headphones = &d.lines[0];
    assert_eq!(headphones.line_id, "headphones");
    assert_eq!(headphones.breakdown.restocking_fee.to_string(), "18.00 USD");
    // 120.00 - 18.00 + 30.00 - 7.95 label; shipping is not refunded on a change of mind.
    assert_eq!(d.breakdown.shipping.to_string(), "0.00 USD");
    assert_eq!(d.total.to_string(), "124.05 USD");
    // Store credit with a 10% bonus on the refund after fees (the template's
    // `store_credit_bonus_base`): 124.05 x 1.10 = 136.455, rounded half up. Before fees it
    // was 150.00 x 1.10 = 165.00, more than the 150.00 paid for these units.
    let credit = d
        .alternatives
        .iter()
        .find(|a| a.kind == Remedy::StoreCredit)
        .unwrap();
    assert_eq!(credit.amount.unwrap().to_string(), "136.46 USD");
}

#[test]
fn us_store_final_sale_is_partial_and_a_defect_overrides_it_without_fees() {
    let d = us_case("opened", "changed_mind", true);
    assert_eq!(d.outcome, Outcome::Partial);
    assert!(codes(&d).contains(&"refund.final_sale"));
    let d = us_case("opened", "defective", true);
    assert_eq!(d.outcome, Outcome::Approve);
    assert_eq!(d.breakdown.restocking_fee.to_string(), "0.00 USD");
    assert_eq!(d.total.to_string(), "159.99 USD");
    assert!(codes(&d).contains(&"refund.fees_waived_merchant_fault"));
}

#[test]
fn store_credit_never_revives_what_the_ledger_already_refunded() {
    let mut req = case(
        "USD",
        "2026-05-01T10:00:00-04:00",
        "2026-05-04T13:00:00-04:00",
        "2026-05-20T10:00:00-04:00",
        &[
            ("headphones", "electronics", 1, "120.00"),
            ("tee", "apparel", 2, "15.00"),
        ],
        "9.99",
        "159.99",
        json!({"reason": "changed_mind", "condition": "opened",
               "lines": [{"line_id": "headphones", "quantity": 1}]}),
    );
    req.ledger = serde_json::from_value(json!([{"payment_id": "pay", "line_id": "headphones",
        "amount": money("110.00", "USD"), "status": "pending"}]))
    .unwrap();
    let d = evaluate(&engine(US), &req).unwrap();
    // The line cost 120.00 + 7.99 of shipping; 110.00 is pending, so 17.99 is left.
    assert_eq!(d.outcome, Outcome::Partial);
    assert_eq!(d.total.to_string(), "17.99 USD");
    assert_eq!(d.ledger_total_assumed.to_string(), "110.00 USD");
    // Waiving the fees cannot give back more than the line has left: 17.99 x 1.10.
    let credit = d
        .alternatives
        .iter()
        .find(|a| a.kind == Remedy::StoreCredit)
        .unwrap();
    assert_eq!(credit.amount.unwrap().to_string(), "19.79 USD");
}

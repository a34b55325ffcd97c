//! Payment diagnostics: each rule with its source, every error path, and the invariants of
//! the issue as properties: a retry is never allowed where a network rule forbids it, adding
//! attempts never lifts a "never", expected instants are monotone in the events and an
//! overdue payment stays overdue as `now` advances, and a risk reason never reaches the
//! customer's sentence unless the store opted in.

use proptest::prelude::*;
use serde_json::{json, Value};

use super::*;
use crate::comms::Locale;
use crate::receipt::Trace;
use crate::Engine;

fn store() -> Engine {
    Engine::default_store().unwrap()
}

/// The default store with one line of its configuration replaced.
fn with_payment(from: &str, to: &str) -> Engine {
    let text = crate::engine::DEFAULT_CONFIG.replace(from, to);
    assert_ne!(text, crate::engine::DEFAULT_CONFIG);
    Engine::from_toml(&text).unwrap()
}

fn call(engine: &Engine, op: &str, input: Value) -> Value {
    let out = engine.call_json(op, input.to_string().as_bytes()).unwrap();
    serde_json::from_str(&out).unwrap()
}

fn fails(engine: &Engine, op: &str, input: Value) -> (String, String) {
    let e = engine
        .call_json(op, input.to_string().as_bytes())
        .unwrap_err();
    (e.code().to_owned(), e.path().to_owned())
}

fn explain(input: Value) -> Value {
    call(&store(), "payment.explain_decline", input)
}

// ---- payment.explain_decline ----

/// payments-facts §1.4: 51 is insufficient funds, Visa category 2, retry later or use another
/// method; the customer is addressed by name with the store's alternatives.
#[test]
fn visa_51_is_insufficient_funds_category_2() {
    let out = explain(json!({
        "declined_at": "2026-11-19T17:00:00-03:00", "network": "visa", "response_code": "51",
        "processor": {"processor": "stripe", "decline_code": "insufficient_funds"},
        "customer_name": "Marina", "locale": "pt-BR"
    }));
    assert_eq!(out["reason"], "insufficient_funds");
    assert_eq!(out["class"], "retry_later");
    assert_eq!(out["visa_category"], 2);
    assert_eq!(out["next_step"], "retry_later_or_another_method");
    let text = out["customer_text"].as_str().unwrap();
    assert!(text.starts_with("Marina, o cartão não tem saldo"), "{text}");
    assert!(
        text.contains("Pix, boleto, outro cartão ou carteira digital"),
        "{text}"
    );
    assert_eq!(out["codes"].as_array().unwrap().len(), 2);
    assert_eq!(out["codes"][1]["edition"], "2026-04-18");
}

/// payments-facts C2: `82` is a negative CVV result for Visa (category 3) and an invalid
/// expiry in the ISO 8583 table Mastercard reads.
#[test]
fn the_same_code_differs_per_network() {
    let visa = explain(
        json!({"declined_at": "2026-11-19T17:00:00Z", "network": "visa", "response_code": "82"}),
    );
    assert_eq!(visa["reason"], "incorrect_cvc");
    assert_eq!(visa["visa_category"], 3);
    assert_eq!(visa["class"], "fix_card_data");
    let mc = explain(
        json!({"declined_at": "2026-11-19T17:00:00Z", "network": "mastercard", "response_code": "82"}),
    );
    assert_eq!(mc["reason"], "invalid_expiry");
    assert_eq!(mc["visa_category"], Value::Null);
}

/// payments-facts §1.1 (Stripe: present `lost_card` as a generic decline) and §1.7.3: the
/// customer sees a generic decline by default; the agent always sees the real reason.
#[test]
fn risk_codes_are_generic_for_the_customer_unless_disclosed() {
    let input = json!({"declined_at": "2026-11-19T17:00:00Z",
        "processor": {"processor": "stripe", "decline_code": "lost_card"}, "locale": "en"});
    let out = explain(input.clone());
    assert_eq!(out["reason"], "lost_card");
    assert_eq!(out["risk"], true);
    assert_eq!(out["disclosed"], false);
    let text = out["customer_text"].as_str().unwrap();
    assert!(text.starts_with("Your bank declined the payment without giving us a reason."));
    assert!(!text.contains("lost"));
    assert!(out["agent_text"]
        .as_str()
        .unwrap()
        .starts_with("Card reported lost (risk)."));
    let engine = with_payment("disclose_risk = []", "disclose_risk = [\"lost_card\"]");
    let open = call(&engine, "payment.explain_decline", input);
    assert_eq!(open["disclosed"], true);
    assert!(open["customer_text"]
        .as_str()
        .unwrap()
        .contains("reported lost"));
}

/// Only risk reasons may be listed for disclosure.
#[test]
fn disclosing_a_non_risk_reason_is_a_config_problem() {
    let text = crate::engine::DEFAULT_CONFIG.replace(
        "disclose_risk = []",
        "disclose_risk = [\"insufficient_funds\"]",
    );
    let e = Engine::from_toml(&text).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("config.invalid", "payment.disclose_risk[0]")
    );
}

/// payments-facts §1.3: Mastercard MAC 24 = retry after 1 hour; 03 and 21 = never.
#[test]
fn mastercard_advice_codes_decide_the_class() {
    let base = json!({"declined_at": "2026-11-19T17:00:00-03:00", "network": "mastercard", "response_code": "51"});
    let mut later = base.clone();
    later["advice_code"] = json!("24");
    let out = explain(later);
    assert_eq!(out["class"], "retry_later");
    assert_eq!(out["rule"], "mastercard.mac.24");
    assert_eq!(out["not_before"], "2026-11-19T18:00:00-03:00");
    for mac in ["03", "21"] {
        let mut never = base.clone();
        never["advice_code"] = json!(mac);
        let out = explain(never);
        assert_eq!(out["class"], "never_retry", "{mac}");
        assert_eq!(out["rule"], format!("mastercard.mac.{mac}"));
    }
}

/// payments-facts §1.2: Visa category 1 (here 14, invalid card number) is never retried;
/// the customer corrects the number.
#[test]
fn visa_category_1_is_never_retried() {
    let out = explain(
        json!({"declined_at": "2026-11-19T17:00:00Z", "network": "visa", "response_code": "14"}),
    );
    assert_eq!(out["class"], "never_retry");
    assert_eq!(out["rule"], "visa.category_1");
    assert_eq!(out["next_step"], "fix_card_data");
}

/// An unknown code says so and takes its class from the network's rules: Visa category 4
/// for any code outside 1-3, category 2 for a listed code without a meaning; elsewhere the
/// customer acts. Never a made-up meaning.
#[test]
fn unknown_codes_fall_back_to_the_network_class() {
    let at = "2026-11-19T17:00:00Z";
    let out = explain(json!({"declined_at": at, "network": "visa", "response_code": "Q9"}));
    assert_eq!(
        (out["reason"].as_str(), out["known"].as_bool()),
        (Some("unknown"), Some(false))
    );
    assert_eq!(
        (out["class"].as_str(), out["rule"].as_str()),
        (Some("retry_later"), Some("visa.category_4"))
    );
    let out = explain(json!({"declined_at": at, "network": "visa", "response_code": "5C"}));
    assert_eq!(
        (out["reason"].as_str(), out["rule"].as_str()),
        (Some("unknown"), Some("visa.category_2"))
    );
    let out = explain(json!({"declined_at": at, "network": "mastercard", "response_code": "Q9"}));
    assert_eq!(
        (out["class"].as_str(), out["rule"].as_str()),
        (Some("customer_action"), Some("recourse.unknown_code"))
    );
    let out = explain(
        json!({"declined_at": at, "processor": {"processor": "stripe", "decline_code": "brand_new_code"}}),
    );
    assert_eq!(out["known"], false);
    assert_eq!(out["codes"][0]["known"], false);
}

/// payments-facts §1.2: `83` joins Visa category 2 on 25 Jul 2026; before, it is category 4.
#[test]
fn visa_categories_are_dated() {
    let before = explain(
        json!({"declined_at": "2026-07-24T12:00:00Z", "network": "visa", "response_code": "83"}),
    );
    let after = explain(
        json!({"declined_at": "2026-07-25T12:00:00Z", "network": "visa", "response_code": "83"}),
    );
    assert_eq!(
        (
            before["visa_category"].as_u64(),
            after["visa_category"].as_u64()
        ),
        (Some(4), Some(2))
    );
}

/// Adyen's refusal reasons (§1.5) and Stripe's advice codes (§1.1).
#[test]
fn adyen_and_stripe_advice() {
    let out = explain(json!({"declined_at": "2026-11-19T17:00:00Z",
        "processor": {"processor": "adyen", "refusal_reason_code": "12"}}));
    assert_eq!(out["reason"], "insufficient_funds");
    let out = explain(json!({"declined_at": "2026-11-19T17:00:00Z",
        "processor": {"processor": "stripe", "decline_code": "insufficient_funds", "advice_code": "do_not_try_again"}}));
    assert_eq!(
        (out["class"].as_str(), out["rule"].as_str()),
        (
            Some("never_retry"),
            Some("stripe.advice_code.do_not_try_again")
        )
    );
    // A specific network reason wins over the processor's generic one.
    let out = explain(
        json!({"declined_at": "2026-11-19T17:00:00Z", "network": "visa", "response_code": "54",
        "processor": {"processor": "stripe", "decline_code": "generic_decline"}}),
    );
    assert_eq!(out["reason"], "expired_card");
}

#[test]
fn explain_errors_have_their_paths() {
    let e = store();
    let op = "payment.explain_decline";
    let at = "2026-11-19T17:00:00Z";
    let cases = [
        (
            json!({"declined_at": at, "network": "zapcard", "response_code": "05"}),
            "payment.unknown_network",
            "network",
        ),
        (
            json!({"declined_at": at, "response_code": "05"}),
            "payment.network_required",
            "network",
        ),
        (
            json!({"declined_at": at, "network": "visa"}),
            "payment.no_code",
            ".",
        ),
        (
            json!({"declined_at": at, "network": "visa", "response_code": "05", "advice_code": "03"}),
            "payment.advice_code_not_mastercard",
            "advice_code",
        ),
        (
            json!({"declined_at": "9999-12-31T23:30:00Z", "network": "mastercard", "response_code": "51", "advice_code": "30"}),
            "input.out_of_range",
            "declined_at",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(fails(&e, op, input), (code.to_owned(), path.to_owned()));
    }
}

#[test]
fn every_reason_reads_in_every_language() {
    for reason in DeclineReason::ALL {
        for locale in [Locale::En, Locale::PtBr, Locale::Es, Locale::El] {
            let next = reason.class();
            let text = super::words::customer(
                *reason,
                NextStep::UseAnotherMethod,
                &[Method::Pix],
                locale,
                Some("Ana"),
            );
            assert!(
                text.starts_with("Ana, ") && !text.contains('{'),
                "{reason:?} {locale:?}"
            );
            let agent = super::words::agent(*reason, next, NextStep::RetryLater, None, &[], locale);
            assert!(!agent.is_empty());
        }
    }
}

// ---- payment.retry ----

fn attempts(times: &[&str], code: &str, advice: Option<&str>) -> Vec<Value> {
    times
        .iter()
        .map(|t| {
            let mut a = json!({"at": t, "outcome": "declined", "response_code": code});
            if let Some(m) = advice {
                a["advice_code"] = json!(m);
            }
            a
        })
        .collect()
}

fn hours(start: &str, n: usize, step_minutes: i64) -> Vec<String> {
    let t = crate::calendar::Timestamp::parse(start)
        .unwrap()
        .as_datetime();
    (0..n)
        .map(|i| (t + chrono::Duration::minutes(step_minutes * i as i64)).to_rfc3339())
        .collect()
}

fn retry_on(
    engine: &Engine,
    network: &str,
    now: &str,
    attempts: Vec<Value>,
    extra: Value,
) -> Value {
    let mut input = json!({"network": network, "now": now, "attempts": attempts});
    if let (Some(obj), Value::Object(more)) = (input.as_object_mut(), extra) {
        obj.extend(more);
    }
    call(engine, "payment.retry", input)
}

fn network_only() -> Engine {
    let text = crate::engine::DEFAULT_CONFIG
        .replace("max_declines_per_30_days = 8\n", "")
        .replace("min_interval_minutes = 60\n", "");
    Engine::from_toml(&text).unwrap()
}

/// payments-facts C1: 20 reattempts in 30 days after a category 2-4 decline (from 25 May
/// 2025); the 21st waits until the oldest decline leaves the window.
#[test]
fn visa_twenty_reattempts_in_thirty_days() {
    let e = network_only();
    let times = hours("2026-11-01T10:00:00Z", 21, 60);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let ok = retry_on(
        &e,
        "visa",
        "2026-11-02T10:00:00Z",
        attempts(&refs[..20], "51", None),
        json!({}),
    );
    assert_eq!(ok["decision"], "allowed");
    let out = retry_on(
        &e,
        "visa",
        "2026-11-02T10:00:00Z",
        attempts(&refs, "51", None),
        json!({}),
    );
    assert_eq!(out["decision"], "not_before");
    assert_eq!(out["rule"], "visa.reattempts_per_30_days");
    assert_eq!(out["not_before"], "2026-12-01T10:00:00Z");
    // The 2021 edition allowed 15.
    let times = hours("2025-01-01T10:00:00Z", 16, 60);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let old = retry_on(
        &e,
        "visa",
        "2025-01-02T10:00:00Z",
        attempts(&refs, "51", None),
        json!({}),
    );
    assert_eq!(old["decision"], "not_before");
}

/// payments-facts §1.2: a category 1 decline anywhere in the history: never, even after an
/// approval.
#[test]
fn visa_category_1_means_never() {
    let e = store();
    let mut list = attempts(&["2026-11-01T10:00:00Z"], "14", None);
    list.push(json!({"at": "2026-11-02T10:00:00Z", "outcome": "approved"}));
    let out = retry_on(&e, "visa", "2026-11-05T10:00:00Z", list, json!({}));
    assert_eq!(
        (out["decision"].as_str(), out["rule"].as_str()),
        (Some("never"), Some("visa.category_1"))
    );
}

/// payments-facts §1.3: at most 10 declines per 24 hours since 1 Oct 2022 (20 before);
/// advice codes 03 and 21 never; 25 = not before 24 hours.
#[test]
fn mastercard_limits_and_advice() {
    let e = network_only();
    let times = hours("2026-11-01T00:00:00Z", 10, 60);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let out = retry_on(
        &e,
        "mastercard",
        "2026-11-01T10:00:00Z",
        attempts(&refs, "05", None),
        json!({}),
    );
    assert_eq!(
        (out["decision"].as_str(), out["rule"].as_str()),
        (Some("not_before"), Some("mastercard.declines_per_24_hours"))
    );
    assert_eq!(out["not_before"], "2026-11-02T00:00:00Z");
    let ok = retry_on(
        &e,
        "mastercard",
        "2026-11-01T10:00:00Z",
        attempts(&refs[..9], "05", None),
        json!({}),
    );
    assert_eq!(ok["decision"], "allowed");
    let times = hours("2022-09-01T00:00:00Z", 10, 60);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let old = retry_on(
        &e,
        "mastercard",
        "2022-09-01T10:00:00Z",
        attempts(&refs, "05", None),
        json!({}),
    );
    assert_eq!(old["decision"], "allowed");
    for mac in ["03", "21"] {
        let out = retry_on(
            &e,
            "mastercard",
            "2026-12-01T10:00:00Z",
            attempts(&["2026-11-01T10:00:00Z"], "05", Some(mac)),
            json!({}),
        );
        assert_eq!(
            (out["decision"].as_str(), out["rule"].as_str()),
            (
                Some("never"),
                Some(format!("mastercard.mac.{mac}").as_str())
            )
        );
    }
    let out = retry_on(
        &e,
        "mastercard",
        "2026-11-01T12:00:00Z",
        attempts(&["2026-11-01T10:00:00Z"], "51", Some("25")),
        json!({}),
    );
    assert_eq!(
        (out["not_before"].as_str(), out["rule"].as_str()),
        (Some("2026-11-02T10:00:00Z"), Some("mastercard.mac.25"))
    );
}

/// payments-facts §1.3: in Brazil, Mastercard retries after 24 hours, and a fee from the 8th
/// retry in a month.
#[test]
fn brazil_mastercard_rules() {
    let e = network_only();
    let times = hours("2026-11-01T00:00:00-03:00", 8, 24 * 60 + 1);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let out = retry_on(
        &e,
        "mastercard",
        "2026-11-09T12:00:00-03:00",
        attempts(&refs, "51", None),
        json!({"domestic_brazil": true}),
    );
    assert_eq!(out["decision"], "allowed");
    assert_eq!(out["fees"], json!(["mastercard.brazil.retry_fee"]));
    let out = retry_on(
        &e,
        "mastercard",
        "2026-11-01T12:00:00-03:00",
        attempts(&refs[..1], "51", None),
        json!({"domestic_brazil": true}),
    );
    assert_eq!(
        (out["rule"].as_str(), out["not_before"].as_str()),
        (
            Some("mastercard.brazil.retry_after_24_hours"),
            Some("2026-11-02T00:00:00-03:00")
        )
    );
}

/// Network rules are a ceiling: a stricter store limit decides; a looser one is outranked.
#[test]
fn the_store_may_be_stricter_never_looser() {
    let strict = store(); // 8 declines per 30 days, 60 minutes apart
    let times = hours("2026-11-01T00:00:00Z", 8, 120);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let out = retry_on(
        &strict,
        "visa",
        "2026-11-02T00:00:00Z",
        attempts(&refs, "51", None),
        json!({}),
    );
    assert_eq!(out["rule"], "merchant.max_declines_per_30_days");
    let loose = with_payment(
        "max_declines_per_30_days = 8",
        "max_declines_per_30_days = 500",
    );
    let times = hours("2026-11-01T00:00:00Z", 21, 60);
    let refs: Vec<&str> = times.iter().map(String::as_str).collect();
    let out = retry_on(
        &loose,
        "visa",
        "2026-11-02T00:00:00Z",
        attempts(&refs, "51", None),
        json!({}),
    );
    assert_eq!(out["rule"], "visa.reattempts_per_30_days");
    let out = retry_on(
        &strict,
        "visa",
        "2026-11-01T00:30:00Z",
        attempts(&refs[..1], "51", None),
        json!({}),
    );
    assert_eq!(out["rule"], "merchant.min_interval");
    let out = retry_on(
        &strict,
        "elo",
        "2026-11-05T00:30:00Z",
        vec![],
        json!({"stop_payment": true}),
    );
    assert_eq!(out["rule"], "recourse.stop_payment_instruction");
}

#[test]
fn retry_errors_have_their_paths() {
    let e = store();
    let small = with_payment("max_history = 200", "max_history = 2");
    let three = attempts(
        &[
            "2026-11-01T00:00:00Z",
            "2026-11-01T01:00:00Z",
            "2026-11-01T02:00:00Z",
        ],
        "51",
        None,
    );
    let now = "2026-11-02T00:00:00Z";
    let input =
        |network: &str, list: Vec<Value>| json!({"network": network, "now": now, "attempts": list});
    assert_eq!(
        fails(&small, "payment.retry", input("visa", three.clone())),
        ("payment.history_too_long".into(), "attempts".into())
    );
    let backwards = attempts(
        &["2026-11-01T02:00:00Z", "2026-11-01T01:00:00Z"],
        "51",
        None,
    );
    assert_eq!(
        fails(&e, "payment.retry", input("visa", backwards)),
        (
            "payment.history_out_of_order".into(),
            "attempts[1].at".into()
        )
    );
    let late = attempts(&["2026-11-03T00:00:00Z"], "51", None);
    assert_eq!(
        fails(&e, "payment.retry", input("visa", late)),
        ("payment.event_after_now".into(), "attempts[0].at".into())
    );
    let advice = attempts(&["2026-11-01T00:00:00Z"], "51", Some("03"));
    assert_eq!(
        fails(&e, "payment.retry", input("visa", advice)),
        (
            "payment.advice_code_not_mastercard".into(),
            "attempts[0].advice_code".into()
        )
    );
    assert_eq!(
        fails(&e, "payment.retry", input("zapcard", vec![])),
        ("payment.unknown_network".into(), "network".into())
    );
    let mut money = input(
        "mastercard",
        vec![
            json!({"at": "2026-11-01T00:00:00Z", "outcome": "declined", "amount": {"amount": "10.00", "currency": "EUR"}}),
        ],
    );
    money["amount"] = json!({"amount": "10.00", "currency": "BRL"});
    assert_eq!(
        fails(&e, "payment.retry", money),
        (
            "payment.currency_mismatch".into(),
            "attempts[0].amount".into()
        )
    );
}

/// Every risk code of every table: Stripe, Adyen, Visa and the ISO 8583 table, alone or
/// beside a harmless code of the other side.
fn risk_codes() -> Vec<Value> {
    let stripe = [
        "fraudulent",
        "lost_card",
        "stolen_card",
        "pickup_card",
        "restricted_card",
        "security_violation",
        "merchant_blacklist",
    ];
    let adyen = ["5", "14", "20", "22", "25", "31"];
    let network = [
        ("visa", "04"),
        ("visa", "07"),
        ("visa", "41"),
        ("visa", "43"),
        ("visa", "59"),
        ("visa", "62"),
        ("visa", "63"),
        ("mastercard", "04"),
        ("mastercard", "41"),
        ("mastercard", "43"),
        ("mastercard", "59"),
        ("elo", "62"),
        ("amex", "63"),
    ];
    let mut out: Vec<Value> = Vec::new();
    for c in stripe {
        out.push(json!({"processor": {"processor": "stripe", "decline_code": c}}));
        out.push(json!({"processor": {"processor": "stripe", "decline_code": c}, "network": "visa", "response_code": "05"}));
    }
    for c in adyen {
        out.push(json!({"processor": {"processor": "adyen", "refusal_reason_code": c}}));
    }
    for (n, c) in network {
        out.push(json!({"network": n, "response_code": c}));
        out.push(json!({"network": n, "response_code": c, "processor": {"processor": "stripe", "decline_code": "generic_decline"}}));
    }
    out
}

fn decline_code() -> impl Strategy<Value = (String, Option<String>)> {
    let codes = prop::sample::select(vec![
        "05", "51", "14", "54", "91", "R1", "82", "59", "Q9", "1A",
    ]);
    let macs = prop::option::of(prop::sample::select(vec![
        "01", "02", "03", "21", "24", "25", "30",
    ]));
    (codes, macs).prop_map(|(c, m)| (c.to_owned(), m.map(str::to_owned)))
}

/// Minutes after the start, approved or not, response code and advice code.
type Step = (i64, bool, (String, Option<String>));

fn history() -> impl Strategy<Value = Vec<Step>> {
    prop::collection::vec((0i64..60 * 24 * 40, any::<bool>(), decline_code()), 0..40)
}

fn build(network: &str, h: &[Step]) -> (RetryRequest, Vec<i64>) {
    let mut minutes: Vec<i64> = h.iter().map(|x| x.0).collect();
    minutes.sort_unstable();
    let start = crate::calendar::Timestamp::parse("2026-10-01T00:00:00Z")
        .unwrap()
        .as_datetime();
    let list: Vec<Value> = minutes
        .iter()
        .zip(h)
        .map(|(m, (_, approved, (code, mac)))| {
            let at = (start + chrono::Duration::minutes(*m)).to_rfc3339();
            if *approved {
                json!({"at": at, "outcome": "approved"})
            } else {
                let mut a = json!({"at": at, "outcome": "declined", "response_code": code});
                if let (Some(m), "mastercard") = (mac, network) {
                    a["advice_code"] = json!(m);
                }
                a
            }
        })
        .collect();
    let request = json!({"network": network, "now": "2026-11-15T00:00:00Z", "attempts": list});
    (serde_json::from_value(request).unwrap(), minutes)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// A retry is never allowed where a network rule in force forbids it: "allowed" means
    /// every rule checked allows.
    #[test]
    fn allowed_only_when_every_rule_allows(h in history(), visa in any::<bool>()) {
        let network = if visa { "visa" } else { "mastercard" };
        let (request, _) = build(network, &h);
        let out = retry(&store(), &request, &mut Trace::new()).unwrap();
        let forbidding = out.checks.iter().any(|c| c.decision != RetryDecision::Allowed);
        prop_assert_eq!(out.decision == RetryDecision::Allowed, !forbidding);
        if out.checks.iter().any(|c| c.decision == RetryDecision::Never) {
            prop_assert_eq!(out.decision, RetryDecision::Never);
        }
    }

    /// Adding attempts never turns "never" into "allowed" (or into "not before").
    #[test]
    fn never_stays_never(h in history(), more in history(), visa in any::<bool>()) {
        let network = if visa { "visa" } else { "mastercard" };
        let (request, _) = build(network, &h);
        let engine = store();
        let before = retry(&engine, &request, &mut Trace::new()).unwrap();
        let mut all = h.clone();
        all.extend(more);
        let (bigger, _) = build(network, &all);
        let after = retry(&engine, &bigger, &mut Trace::new()).unwrap();
        if before.decision == RetryDecision::Never {
            prop_assert_eq!(after.decision, RetryDecision::Never);
        }
    }

    /// The customer's sentence for a risk code never names the risk unless the store opted
    /// in: it is exactly the generic decline's.
    #[test]
    fn risk_never_reaches_the_customer(
        code in prop::sample::select(risk_codes()),
        locale in prop::sample::select(vec!["en", "pt-BR", "es", "el"]),
        name in "[A-Za-z]{0,8}",
    ) {
        let mut input = code;
        input["declined_at"] = json!("2026-11-19T17:00:00Z");
        input["customer_name"] = json!(name);
        input["locale"] = json!(locale);
        let out = explain(input);
        let locale: Locale = serde_json::from_value(json!(locale)).unwrap();
        let reason: DeclineReason = serde_json::from_value(out["reason"].clone()).unwrap();
        prop_assert!(reason.is_risk());
        let specific = locale.pick(super::sentences::customer_sentences(reason));
        let text = out["customer_text"].as_str().unwrap();
        prop_assert!(!text.to_lowercase().contains(&specific.to_lowercase()));
        let generic = locale.pick(super::sentences::customer_sentences(DeclineReason::IssuerDeclined));
        let generic_tail: String = generic.chars().skip(1).collect();
        prop_assert!(text.contains(&generic_tail));
    }
}

// ---- payment.where_is_my_money ----

fn place(input: Value) -> Value {
    call(&store(), "payment.where_is_my_money", input)
}

fn money(amount: &str) -> Value {
    json!({"amount": amount, "currency": "BRL"})
}

/// payments-facts §1.8: a boleto is confirmed in 1-3 business days of the banks' calendar.
/// Paid on Friday 5 February 2027, before Carnival Monday and Tuesday (bank holidays):
/// confirmed between Wednesday the 10th and Friday the 12th.
#[test]
fn boleto_paid_on_the_friday_before_carnival() {
    let out = place(
        json!({"flow": "payment", "method": "boleto", "amount": money("189.90"),
        "boleto_due_date": "2027-02-05", "now": "2027-02-08T10:00:00-03:00",
        "history": [{"at": "2027-02-01T09:00:00-03:00", "status": "created"},
                    {"at": "2027-02-05T18:30:00-03:00", "status": "paid"}]}),
    );
    assert_eq!(out["stage"], "awaiting_confirmation");
    assert_eq!(out["expected_from"], "2027-02-10T18:30:00-03:00");
    assert_eq!(out["expected_by"], "2027-02-12T18:30:00-03:00");
    assert_eq!(out["calendar"], "banks_br");
    assert_eq!(out["overdue"], false);
    let late = place(
        json!({"flow": "payment", "method": "boleto", "amount": money("189.90"),
        "boleto_due_date": "2027-02-05", "now": "2027-02-15T18:30:00-03:00",
        "history": [{"at": "2027-02-05T18:30:00-03:00", "status": "paid"}]}),
    );
    assert_eq!(
        (
            late["overdue"].as_bool(),
            late["overdue_by_seconds"].as_i64()
        ),
        (Some(true), Some(3 * 86_400))
    );
}

/// payments-facts §1.8: the voucher expires at the end of its due day in São Paulo time.
#[test]
fn boleto_expires_at_the_end_of_its_due_day() {
    let input = |now: &str| {
        json!({"flow": "payment", "method": "boleto", "amount": money("50.00"),
        "boleto_due_date": "2026-11-13", "now": now,
        "history": [{"at": "2026-11-10T09:00:00-03:00", "status": "created"}]})
    };
    let open = place(input("2026-11-13T23:59:00-03:00"));
    assert_eq!(
        (open["stage"].as_str(), open["expected_by"].as_str()),
        (Some("awaiting_payment"), Some("2026-11-14T00:00:00-03:00"))
    );
    let gone = place(input("2026-11-14T00:00:00-03:00"));
    assert_eq!(gone["stage"], "expired");
}

/// payments-facts C5: a Pix charge past `criacao + expiracao` is expired although its status
/// stays ATIVA.
#[test]
fn pix_past_its_expiry_is_expired_even_if_ativa() {
    let out = place(
        json!({"flow": "payment", "method": "pix", "amount": money("80.00"),
        "now": "2026-11-20T10:00:01-03:00", "pix_expires_in_seconds": 3600,
        "history": [{"at": "2026-11-20T09:00:00-03:00", "status": "created"}]}),
    );
    assert_eq!(out["stage"], "expired");
    assert_eq!(out["expected_by"], "2026-11-20T10:00:00-03:00");
    let default = place(
        json!({"flow": "payment", "method": "pix", "amount": money("80.00"),
        "now": "2026-11-20T10:00:01-03:00",
        "history": [{"at": "2026-11-20T09:00:00-03:00", "status": "created"}]}),
    );
    assert_eq!(
        (default["stage"].as_str(), default["rule"].as_str()),
        (Some("awaiting_payment"), Some("pix.cob_expiry"))
    );
}

/// Card refunds post in 5-10 business days of the banks' calendar (20 Nov is a holiday).
#[test]
fn card_refund_in_transit_and_overdue() {
    let input = |now: &str| {
        json!({"flow": "refund", "method": "card", "amount": money("129.90"),
        "now": now, "customer_name": "Marina", "locale": "en",
        "history": [{"at": "2026-11-16T10:00:00-03:00", "status": "pending"},
                    {"at": "2026-11-16T10:05:00-03:00", "status": "succeeded"}]})
    };
    let out = place(input("2026-11-20T10:00:00-03:00"));
    assert_eq!(out["stage"], "refund_in_transit");
    assert_eq!(out["expected_from"], "2026-11-24T10:00:00-03:00");
    assert_eq!(out["expected_by"], "2026-12-01T10:00:00-03:00");
    assert!(out["customer_text"]
        .as_str()
        .unwrap()
        .starts_with("Marina, your refund is on its way and should reach you by 1 December 2026."));
    let late = place(input("2026-12-03T10:00:00-03:00"));
    assert_eq!(
        (
            late["overdue"].as_bool(),
            late["overdue_by_seconds"].as_i64()
        ),
        (Some(true), Some(2 * 86_400))
    );
}

/// payments-facts C7: a refund can fail after it was accepted; §1.8: a Pix devolução only
/// within 90 days of the original; a wallet follows its funding source.
#[test]
fn refund_failures_windows_and_wallets() {
    let failed = place(
        json!({"flow": "refund", "method": "card", "amount": money("10.00"), "now": "2026-11-20T10:00:00-03:00",
        "history": [{"at": "2026-11-16T10:00:00-03:00", "status": "pending"}, {"at": "2026-11-18T10:00:00-03:00", "status": "failed"}]}),
    );
    assert_eq!(failed["stage"], "refund_failed");
    let window = place(
        json!({"flow": "refund", "method": "pix", "amount": money("10.00"), "now": "2026-11-20T10:00:00-03:00",
        "original_paid_at": "2026-08-01T10:00:00-03:00",
        "history": [{"at": "2026-11-19T10:00:00-03:00", "status": "pending"}]}),
    );
    assert_eq!(
        (window["stage"].as_str(), window["expected_by"].as_str()),
        (
            Some("refund_window_passed"),
            Some("2026-10-30T10:00:00-03:00")
        )
    );
    let pix = place(
        json!({"flow": "refund", "method": "pix", "amount": money("10.00"), "now": "2026-11-19T12:00:00-03:00",
        "original_paid_at": "2026-11-01T10:00:00-03:00",
        "history": [{"at": "2026-11-19T10:00:00-03:00", "status": "pending"}]}),
    );
    assert_eq!(
        (pix["overdue"].as_bool(), pix["overdue_by_seconds"].as_i64()),
        (Some(true), Some(3600))
    );
    let wallet = place(
        json!({"flow": "refund", "method": "wallet", "funding": "card", "amount": money("10.00"), "now": "2026-11-17T10:00:00-03:00",
        "history": [{"at": "2026-11-16T10:00:00-03:00", "status": "pending"}]}),
    );
    assert_eq!(
        (wallet["timeline_of"].as_str(), wallet["rule"].as_str()),
        (Some("card"), Some("card.refund_posting"))
    );
}

/// payments-facts §1.8: authorizations hold 7 days; Visa merchant-initiated ones 4 days 18
/// hours since 14 Apr 2024.
#[test]
fn card_authorizations_lapse() {
    let input = |mit: bool| {
        json!({"flow": "payment", "method": "card", "amount": money("10.00"),
        "network": "visa", "merchant_initiated": mit, "now": "2026-11-06T10:00:00Z",
        "history": [{"at": "2026-11-01T10:00:00Z", "status": "authorized"}]})
    };
    let cit = place(input(false));
    assert_eq!(
        (cit["stage"].as_str(), cit["expected_by"].as_str()),
        (Some("authorized"), Some("2026-11-08T10:00:00Z"))
    );
    let mit = place(input(true));
    assert_eq!(
        (mit["stage"].as_str(), mit["expected_by"].as_str()),
        (Some("authorization_expired"), Some("2026-11-06T04:00:00Z"))
    );
}

#[test]
fn where_errors_have_their_paths() {
    let e = store();
    let op = "payment.where_is_my_money";
    let base = json!({"flow": "payment", "method": "boleto", "amount": money("10.00"), "now": "2026-11-20T10:00:00-03:00",
        "boleto_due_date": "2026-11-25", "history": [{"at": "2026-11-16T10:00:00-03:00", "status": "created"}]});
    let with = |k: &str, v: Value| {
        let mut x = base.clone();
        x[k] = v;
        x
    };
    let cases = [
        (
            with(
                "history",
                json!([{"at": "2026-11-16T10:00:00-03:00", "status": "created"}, {"at": "2026-11-15T10:00:00-03:00", "status": "paid"}]),
            ),
            "payment.history_out_of_order",
            "history[1].at",
        ),
        (
            with(
                "history",
                json!([{"at": "2026-11-21T10:00:00-03:00", "status": "created"}]),
            ),
            "payment.event_after_now",
            "history[0].at",
        ),
        (
            with(
                "history",
                json!([{"at": "2026-11-16T10:00:00-03:00", "status": "paid", "amount": {"amount": "10.00", "currency": "EUR"}}]),
            ),
            "payment.currency_mismatch",
            "history[0].amount",
        ),
        (
            with(
                "history",
                json!([{"at": "2026-11-16T10:00:00-03:00", "status": "authorized"}]),
            ),
            "payment.status_not_for_method",
            "history[0].status",
        ),
        (
            with("history", json!([])),
            "payment.missing_field",
            "history",
        ),
        (
            with("method", json!("wallet")),
            "payment.missing_field",
            "funding",
        ),
        (
            with("boleto_due_date", json!("25/11/2026")),
            "input.invalid",
            "boleto_due_date",
        ),
    ];
    for (input, code, path) in cases {
        assert_eq!(fails(&e, op, input), (code.to_owned(), path.to_owned()));
    }
    let mut no_due = base.clone();
    no_due.as_object_mut().unwrap().remove("boleto_due_date");
    assert_eq!(
        fails(&e, op, no_due),
        ("payment.missing_field".into(), "boleto_due_date".into())
    );
    let pix = json!({"flow": "refund", "method": "pix", "amount": money("1.00"), "now": "2026-11-20T10:00:00-03:00",
        "history": [{"at": "2026-11-16T10:00:00-03:00", "status": "pending"}]});
    assert_eq!(
        fails(&e, op, pix),
        ("payment.missing_field".into(), "original_paid_at".into())
    );
}

fn boleto_paid(paid_minutes: i64, now_minutes: i64) -> WhereResponse {
    let start = crate::calendar::Timestamp::parse("2026-11-01T00:00:00-03:00")
        .unwrap()
        .as_datetime();
    let at = |m: i64| (start + chrono::Duration::minutes(m)).to_rfc3339();
    let request: WhereRequest = serde_json::from_value(json!({"flow": "payment", "method": "boleto",
        "amount": money("10.00"), "boleto_due_date": "2026-12-31", "now": at(now_minutes),
        "history": [{"at": at(0), "status": "created"}, {"at": at(paid_minutes), "status": "paid"}]})).unwrap();
    where_is_my_money(&store(), &request, &mut Trace::new()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Expected instants are monotone in the events: a later payment is never expected to
    /// be confirmed earlier.
    #[test]
    fn expected_instants_are_monotone(a in 0i64..60 * 24 * 300, b in 0i64..60 * 24 * 300) {
        let (early, late) = (a.min(b), a.max(b));
        let now = 60 * 24 * 400;
        let x = boleto_paid(early, now);
        let y = boleto_paid(late, now);
        prop_assert!(x.expected_from <= y.expected_from);
        prop_assert!(x.expected_by <= y.expected_by);
    }

    /// An overdue payment stays overdue as `now` advances until an event arrives, and by
    /// no less.
    #[test]
    fn overdue_stays_overdue(paid in 0i64..60 * 24 * 300, now in 0i64..60 * 24 * 60, later in 0i64..60 * 24 * 60) {
        let first = boleto_paid(paid, paid + now);
        let second = boleto_paid(paid, paid + now + later);
        if first.overdue {
            prop_assert!(second.overdue);
            prop_assert!(second.overdue_by_seconds >= first.overdue_by_seconds);
        }
    }
}

// ---- payment.explain_refund_failure ----

fn refund_failure(input: Value) -> Value {
    call(&store(), "payment.explain_refund_failure", input)
}

/// payments-facts C7 and §1.8: a dispute that crossed a pending refund means handling the
/// dispute and never refunding twice, whatever else the processor said.
#[test]
fn a_crossing_dispute_is_never_refunded_twice() {
    let out = refund_failure(
        json!({"method": "card", "requested_at": "2026-11-19T10:00:00-03:00",
        "stripe_failure_reason": "charge_for_pending_refund_disputed", "locale": "en"}),
    );
    assert_eq!(
        (out["action"].as_str(), out["refund_again"].as_bool()),
        (Some("handle_dispute"), Some(false))
    );
    let out = refund_failure(
        json!({"method": "card", "requested_at": "2026-11-19T10:00:00-03:00",
        "stripe_failure_reason": "insufficient_funds", "dispute_open": true}),
    );
    assert_eq!(out["reason"], "disputed");
}

/// §1.8: a Pix devolução more than 90 days after the Pix; a closed card; a low balance.
#[test]
fn refund_failures_route_the_money_another_way() {
    let out = refund_failure(
        json!({"method": "pix", "requested_at": "2026-11-19T10:00:00-03:00",
        "original_paid_at": "2026-08-01T10:00:00-03:00", "reason": "declined", "customer_name": "Marina", "locale": "pt-BR"}),
    );
    assert_eq!(
        (out["reason"].as_str(), out["action"].as_str()),
        (Some("window_passed"), Some("refund_by_transfer"))
    );
    assert!(out["customer_text"]
        .as_str()
        .unwrap()
        .starts_with("Marina, seu Pix não pode mais"));
    let out = refund_failure(
        json!({"method": "pix", "requested_at": "2026-11-19T10:00:00-03:00",
        "original_paid_at": "2026-11-01T10:00:00-03:00", "reason": "insufficient_balance"}),
    );
    assert_eq!(
        (out["action"].as_str(), out["refund_again"].as_bool()),
        (Some("top_up_and_refund_again"), Some(true))
    );
    let out = refund_failure(
        json!({"method": "card", "requested_at": "2026-11-19T10:00:00-03:00",
        "stripe_failure_reason": "expired_or_canceled_card"}),
    );
    assert_eq!(out["action"], "refund_by_transfer");
    let out = refund_failure(
        json!({"method": "card", "requested_at": "2026-11-19T10:00:00-03:00",
        "stripe_failure_reason": "a_new_reason"}),
    );
    assert_eq!(
        (out["reason"].as_str(), out["action"].as_str()),
        (Some("unknown"), Some("ask_processor"))
    );
}

#[test]
fn refund_failure_errors_have_their_paths() {
    let e = store();
    let op = "payment.explain_refund_failure";
    let pix =
        json!({"method": "pix", "requested_at": "2026-11-19T10:00:00-03:00", "reason": "declined"});
    assert_eq!(
        fails(&e, op, pix),
        ("payment.missing_field".into(), "original_paid_at".into())
    );
    let early = json!({"method": "card", "requested_at": "2026-11-19T10:00:00-03:00", "original_paid_at": "2026-11-20T10:00:00-03:00"});
    assert_eq!(
        fails(&e, op, early),
        ("payment.history_out_of_order".into(), "requested_at".into())
    );
}

/// A Mastercard 41 (lost card) has no Visa category, and without an advice code the network
/// only counts; the reason still forbids any retry (Stripe: lost_card, never).
#[test]
fn a_lost_card_is_never_retried_on_any_network() {
    let out = retry_on(
        &network_only(),
        "mastercard",
        "2026-11-05T10:00:00Z",
        attempts(&["2026-11-01T10:00:00Z"], "41", None),
        json!({}),
    );
    assert_eq!(
        (out["decision"].as_str(), out["rule"].as_str()),
        (Some("never"), Some("recourse.reason.lost_card"))
    );
}

/// At the edges of the supported years the windows and delays never panic: they answer or
/// refuse with `input.out_of_range`.
#[test]
fn the_edges_of_time_never_panic() {
    let e = network_only();
    let early = retry_on(
        &e,
        "mastercard",
        "0001-01-01T10:00:00Z",
        attempts(&["0001-01-01T09:00:00Z"], "51", None),
        json!({}),
    );
    assert_eq!(early["decision"], "allowed");
    let late = json!({"network": "mastercard", "now": "9999-12-31T23:00:00Z",
        "attempts": attempts(&["9999-12-31T22:00:00Z"], "51", Some("30"))});
    assert_eq!(
        fails(&e, "payment.retry", late),
        ("input.out_of_range".into(), "now".into())
    );
    let pix = json!({"flow": "payment", "method": "pix", "amount": money("1.00"), "now": "9999-12-31T23:00:00Z",
        "pix_expires_in_seconds": 4_000_000_000u32, "history": [{"at": "9999-12-31T22:00:00Z", "status": "created"}]});
    assert_eq!(
        fails(&store(), "payment.where_is_my_money", pix),
        ("input.out_of_range".into(), "now".into())
    );
}

/// payments-facts §1.1: `do_not_try_again` as a (deprecated) decline code still means never.
#[test]
fn deprecated_stripe_decline_codes_keep_their_advice() {
    let out = explain(json!({"declined_at": "2026-11-19T17:00:00Z",
        "processor": {"processor": "stripe", "decline_code": "do_not_try_again"}}));
    assert_eq!(
        (out["class"].as_str(), out["rule"].as_str()),
        (
            Some("never_retry"),
            Some("stripe.advice_code.do_not_try_again")
        )
    );
}

/// Naming the network without its response code reads no network rule: an unknown Stripe
/// code on a Visa card is not given a Visa category.
#[test]
fn no_network_class_without_a_network_code() {
    let out = explain(
        json!({"declined_at": "2026-11-19T17:00:00Z", "network": "visa",
        "processor": {"processor": "stripe", "decline_code": "brand_new_code"}}),
    );
    assert_eq!(
        (out["rule"].as_str(), out["visa_category"].as_u64()),
        (Some("recourse.unknown_code"), None)
    );
}

/// A boleto paid on Saturday counts from Monday's start, so it is never expected before one
/// paid on Friday afternoon (Friday 9 and Saturday 10 April 2027).
#[test]
fn a_payment_on_a_closed_day_counts_from_the_next_working_day() {
    let friday_afternoon = boleto_paid(229_937, 60 * 24 * 400);
    let saturday = boleto_paid(230_400, 60 * 24 * 400);
    assert!(friday_afternoon.expected_from <= saturday.expected_from);
    assert!(friday_afternoon.expected_by <= saturday.expected_by);
    assert_eq!(
        saturday.expected_from.map(|t| t.to_string()),
        Some("2027-04-13T00:00:00-03:00".to_owned())
    );
}

//! Goodwill decisions on the default store (Casa Aurora's BRL scheme), every error path,
//! the static check, the simulation, and properties: no cap is ever exceeded, no approval
//! tier is skipped, offers grow with severity and with a cleaner history, the history's
//! order never matters, and amounts are exact in 0-, 2- and 3-decimal currencies.

use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::money::Money;
use crate::receipt::Trace;
use crate::Engine;

const DEFAULT: &str = include_str!("../../config/default.toml");

fn store() -> Engine {
    Engine::default_store().unwrap()
}

fn with(from: &str, to: &str) -> Engine {
    assert!(DEFAULT.contains(from), "{from}");
    Engine::from_toml(&DEFAULT.replacen(from, to, 1)).unwrap()
}

fn brl(s: &str) -> Money {
    Money::parse(s, "BRL").unwrap()
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

const NOW: &str = "2026-12-06T12:00:00-03:00";

fn request(kind: &str, severity: &str, order: &str) -> OfferRequest {
    OfferRequest {
        scheme: None,
        incident: Incident {
            kind: Some(kind.into()),
            severity: Some(severity.into()),
            from_sla: None,
            from_refund: None,
            fault: Fault::Merchant,
            order_value: brl(order),
            shipping_paid: None,
        },
        customer: Customer {
            name: "Ana".into(),
            tier: None,
            tenure_days: 0,
            lifetime_spend: None,
            open_disputes: 0,
            recent_refunds: 0,
        },
        history: vec![],
        budget_spent: Some(brl("0.00")),
        caller: Role::Agent,
        now: ts(NOW),
        locale: Some(Locale::En),
    }
}

fn entry(at: &str, kind: &str, value: &str) -> HistoryEntry {
    HistoryEntry {
        at: ts(at),
        kind: kind.into(),
        value: brl(value),
    }
}

fn run(engine: &Engine, r: &OfferRequest) -> Result<OfferResponse, crate::Error> {
    offer(engine, r, &mut Trace::new())
}

fn ok(r: &OfferRequest) -> OfferResponse {
    run(&store(), r).unwrap()
}

fn value(out: &OfferResponse) -> Option<String> {
    out.offer.as_ref().map(|o| o.value.amount().to_string())
}

fn codes(out: &OfferResponse) -> Vec<(&str, &str)> {
    out.reasons
        .iter()
        .map(|r| (r.code.as_str(), r.rule.as_str()))
        .collect()
}

fn err(engine: &Engine, r: &OfferRequest) -> (String, String) {
    let e = run(engine, r).unwrap_err();
    (e.code().to_owned(), e.path().to_owned())
}

// ---------------------------------------------------------------- offers

#[test]
fn a_double_charge_gets_its_tier_scaled_by_customer_value() {
    let mut r = request("duplicate_charge", "120.00", "120.00");
    r.customer.tier = Some("gold".into());
    r.customer.tenure_days = 400;
    let out = ok(&r);
    assert_eq!(out.outcome, Outcome::Offer);
    assert_eq!(out.tier.as_deref(), Some("dup.under_500"));
    // 30.00 × 150 % (gold beats one year's 125 %) = 45.00: within the 60.00 half order.
    assert_eq!(value(&out).as_deref(), Some("45.00"));
    assert_eq!(
        codes(&out),
        [
            ("compensation.tier", "dup.under_500"),
            ("compensation.customer_value", "value.gold"),
            ("compensation.offer", "dup.under_500"),
        ]
    );
    let o = out.offer.unwrap();
    assert_eq!(o.kind, OfferKind::FixedCoupon);
    assert_eq!(
        o.expires_at.unwrap().to_rfc3339(),
        "2027-03-06T12:00:00-03:00"
    );
    // The alternative, scaled the same way: store credit 25.00 × 150 %.
    assert_eq!(out.alternatives.len(), 1);
    assert_eq!(out.alternatives[0].value, brl("37.50"));
    let last = out.reasons.last().unwrap();
    assert!(last.customer.starts_with("Ana, "), "{}", last.customer);
}

#[test]
fn below_every_tier_there_is_no_goodwill() {
    let out = ok(&request("refund_late", "0.5", "100.00"));
    assert_eq!(out.outcome, Outcome::None);
    assert!(out.offer.is_none());
    assert_eq!(
        codes(&out),
        [
            ("compensation.below_threshold", "kinds.refund_late"),
            ("compensation.no_offer", "kinds.refund_late"),
        ]
    );
}

#[test]
fn the_customers_own_fault_gives_nothing_unless_the_kind_is_listed() {
    let mut r = request("duplicate_charge", "50", "50.00");
    r.incident.fault = Fault::Customer;
    let out = ok(&r);
    assert_eq!(out.outcome, Outcome::None);
    assert_eq!(
        codes(&out)[0],
        ("compensation.customer_fault", "faults.customer_kinds")
    );
    // A late answer from support is listed: it still gets goodwill.
    let mut r = request("sla_breach", "30", "50.00");
    r.incident.fault = Fault::Customer;
    assert_eq!(ok(&r).outcome, Outcome::Offer);
}

#[test]
fn a_carriers_fault_is_passed_on_and_the_shipping_refunded_to_its_max() {
    let mut r = request("delivery_late", "3", "200.00");
    r.incident.fault = Fault::Carrier;
    r.incident.shipping_paid = Some(brl("42.90"));
    let out = ok(&r);
    assert_eq!(out.recover_from, Some(Fault::Carrier));
    assert_eq!(value(&out).as_deref(), Some("30.00"));
    assert!(codes(&out).contains(&("compensation.pass_on", "faults.pass_on")));
    assert_eq!(out.alternatives[0].kind, OfferKind::FixedCoupon);
}

#[test]
fn an_offer_is_cut_to_half_the_order() {
    let out = ok(&request("duplicate_charge", "20", "20.00"));
    assert_eq!(value(&out).as_deref(), Some("10.00"));
    assert!(codes(&out).contains(&("compensation.capped", "limit.incident")));
}

#[test]
fn an_offer_is_cut_to_what_the_customers_period_has_left() {
    let mut r = request("duplicate_charge", "600", "600.00");
    r.history = vec![entry("2026-11-20T10:00:00-03:00", "refund_late", "85.00")];
    let out = ok(&r);
    assert_eq!(value(&out).as_deref(), Some("15.00"));
    assert!(codes(&out).contains(&("compensation.capped", "limit.customer_30_days")));
    assert_eq!(out.assumed.windows[0].amount, brl("85.00"));
    assert_eq!(out.assumed.windows[0].count, 1);
    // The points alternative is cut the same way, in whole points: 15.00 / 0.05 = 300.
    assert_eq!(out.alternatives[0].points, Some(300));
}

#[test]
fn a_count_cap_reached_or_a_budget_spent_gives_nothing() {
    let mut r = request("duplicate_charge", "50", "100.00");
    r.history = vec![
        entry("2026-11-20T10:00:00-03:00", "refund_late", "10.00"),
        entry("2026-12-01T10:00:00-03:00", "sla_breach", "10.00"),
    ];
    let out = ok(&r);
    assert_eq!(out.outcome, Outcome::None);
    assert_eq!(
        codes(&out)[0],
        ("compensation.count_cap_reached", "limit.customer_30_days")
    );
    let mut r = request("duplicate_charge", "50", "100.00");
    r.budget_spent = Some(brl("20000.00"));
    assert_eq!(codes(&ok(&r))[0].0, "compensation.budget_exhausted");
    r.budget_spent = Some(brl("19995.00"));
    let out = ok(&r);
    assert_eq!(value(&out).as_deref(), Some("5.00"));
    assert!(codes(&out).contains(&("compensation.capped", "budget.team_month")));
}

#[test]
fn a_history_out_of_the_period_does_not_count() {
    let mut r = request("duplicate_charge", "50", "100.00");
    r.history = vec![
        entry("2026-10-20T10:00:00-03:00", "refund_late", "10.00"),
        entry("2026-11-01T10:00:00-03:00", "sla_breach", "10.00"),
    ];
    let out = ok(&r);
    assert_eq!(out.outcome, Outcome::Offer);
    assert_eq!(out.assumed.windows[0].count, 0);
    assert_eq!(out.assumed.windows[1].count, 2);
}

#[test]
fn abuse_patterns_go_to_review_with_the_offer_they_would_get() {
    let mut r = request("duplicate_charge", "50", "100.00");
    r.history = vec![
        entry("2026-09-20T10:00:00-03:00", "duplicate_charge", "15.00"),
        entry("2026-10-20T10:00:00-03:00", "duplicate_charge", "15.00"),
    ];
    let out = ok(&r);
    assert_eq!(out.outcome, Outcome::Review);
    assert_eq!(value(&out).as_deref(), Some("15.00"));
    assert!(codes(&out).contains(&("compensation.review", "abuse.same_kind_90_days")));
    let mut r = request("duplicate_charge", "50", "100.00");
    r.customer.open_disputes = 1;
    assert!(codes(&ok(&r)).contains(&("compensation.review", "abuse.open_dispute")));
    r.customer.open_disputes = 0;
    r.customer.recent_refunds = 5;
    assert!(codes(&ok(&r)).contains(&("compensation.review", "abuse.refund_frequency")));
}

#[test]
fn an_offer_above_the_callers_role_names_who_approves() {
    let mut r = request("duplicate_charge", "800", "800.00");
    r.customer.tier = Some("gold".into());
    let out = ok(&r);
    // 60.00 × 150 % = 90.00: above an agent's 50.00, within a lead's 120.00.
    assert_eq!(value(&out).as_deref(), Some("90.00"));
    let a = out.approval.unwrap();
    assert_eq!((a.required, a.needed), (Role::Lead, true));
    let last = out.reasons.last().unwrap();
    assert_eq!(
        (last.code.as_str(), last.rule.as_str()),
        ("compensation.approval_needed", "approval.lead")
    );
    assert!(last.agent.contains("a team lead"), "{}", last.agent);
    r.caller = Role::Lead;
    assert!(!ok(&r).approval.unwrap().needed);
    r.caller = Role::Manager;
    assert!(!ok(&r).approval.unwrap().needed);
}

#[test]
fn scaling_never_goes_below_the_tiers_floor() {
    let engine = with(
        "[[compensation.schemes.casa_aurora_br.value_rules]]\nid = \"value.one_year\"",
        "[[compensation.schemes.casa_aurora_br.value_rules]]\nid = \"value.standard\"\ncustomer_tiers = [\"standard\"]\npercent = 50\n\n[[compensation.schemes.casa_aurora_br.value_rules]]\nid = \"value.one_year\"",
    );
    let mut r = request("refund_late", "20", "200.00");
    r.customer.tier = Some("standard".into());
    let out = run(&engine, &r).unwrap();
    // 50.00 × 50 % = 25.00, raised to the tier's floor of 50.00.
    assert_eq!(value(&out).as_deref(), Some("50.00"));
    assert!(codes(&out).contains(&("compensation.floor", "refund_late.15_days")));
    // Where no floor is set, the scaling holds: 25.00 × 50 % = 12.50.
    let mut r = request("refund_late", "6", "200.00");
    r.customer.tier = Some("standard".into());
    assert_eq!(value(&run(&engine, &r).unwrap()).as_deref(), Some("12.50"));
}

#[test]
fn an_sla_metric_becomes_an_incident_in_hours_past_its_target() {
    let mut r = request("x", "0", "100.00");
    r.incident.kind = None;
    r.incident.severity = None;
    r.incident.from_sla = Some(SlaMetric {
        elapsed_seconds: 7_201,
        target_seconds: 3_600,
    });
    let out = ok(&r);
    // 3601 seconds past: a started hour counts, 2 hours.
    assert_eq!(
        (out.kind.as_str(), out.severity.as_str()),
        ("sla_breach", "2")
    );
    let o = out.offer.unwrap();
    assert_eq!(
        (o.kind, o.points, o.value),
        (OfferKind::Points, Some(200), brl("10.00"))
    );
    r.incident.from_sla = Some(SlaMetric {
        elapsed_seconds: 3_600,
        target_seconds: 3_600,
    });
    assert_eq!(
        err(&store(), &r),
        (
            "compensation.not_an_incident".into(),
            "incident.from_sla".into()
        )
    );
}

#[test]
fn a_sla_status_metric_is_read_as_it_is() {
    let engine = store();
    let answer = engine
        .call_json(
            "compensation.offer",
            br#"{"incident": {"from_sla": {"metric": "first_response", "time": "business",
                "target_seconds": 14400, "state": "breached", "elapsed_seconds": 100800,
                "remaining_seconds": -86400, "paused": false, "breached": true, "at_risk": false,
                "breaches": 1, "events": []},
                "fault": "merchant", "order_value": {"amount": "80.00", "currency": "BRL"}},
                "customer": {"name": "Ana"}, "budget_spent": {"amount": "0.00", "currency": "BRL"},
                "caller": "agent", "now": "2026-12-06T12:00:00-03:00"}"#,
        )
        .unwrap();
    assert!(answer.contains(r#""severity":"24""#), "{answer}");
    assert!(answer.contains(r#""tier":"sla.24_hours""#), "{answer}");
}

#[test]
fn a_late_refund_becomes_an_incident_in_days_late() {
    let mut r = request("x", "0", "100.00");
    r.incident.kind = None;
    r.incident.severity = None;
    r.incident.from_refund = Some(LateRefund {
        expected_by: ts("2026-11-20T18:00:00-03:00"),
        settled_at: None,
    });
    let out = ok(&r);
    // 15 days and 18 hours: 16 days late.
    assert_eq!(
        (out.kind.as_str(), out.severity.as_str()),
        ("refund_late", "16")
    );
    assert_eq!(out.tier.as_deref(), Some("refund_late.15_days"));
    r.incident.from_refund = Some(LateRefund {
        expected_by: ts("2026-11-20T18:00:00-03:00"),
        settled_at: Some(ts("2026-11-22T09:00:00-03:00")),
    });
    assert_eq!(ok(&r).severity, "2");
    r.incident.from_refund = Some(LateRefund {
        expected_by: ts("2026-11-20T18:00:00-03:00"),
        settled_at: Some(ts("2026-11-19T09:00:00-03:00")),
    });
    assert_eq!(err(&store(), &r).0, "compensation.not_an_incident");
}

#[test]
fn every_language_names_the_customer_and_fills_every_value() {
    for locale in [Locale::En, Locale::PtBr, Locale::Es, Locale::El] {
        for (kind, sev, order, gold) in [
            ("duplicate_charge", "800", "800.00", true),
            ("refund_late", "0", "10.00", false),
            ("delivery_late", "3", "10.00", false),
        ] {
            let mut r = request(kind, sev, order);
            r.locale = Some(locale);
            r.customer.name = "Ζωή".into();
            r.customer.open_disputes = u32::from(gold);
            r.customer.tier = gold.then(|| "gold".into());
            let out = ok(&r);
            let last = out.reasons.last().unwrap();
            assert!(
                last.customer.starts_with("Ζωή, "),
                "{locale:?} {}",
                last.customer
            );
            for reason in &out.reasons {
                for s in [&reason.agent, &reason.customer] {
                    assert!(!s.contains('{') && !s.contains("  "), "{locale:?} {s}");
                }
            }
        }
    }
}

// ---------------------------------------------------------------- errors

type Change = Box<dyn Fn(&mut OfferRequest)>;

/// Each change to a valid request, with the error it must give.
fn bad_inputs() -> Vec<(Change, &'static str, &'static str)> {
    vec![
        (
            Box::new(|r| r.incident.severity = Some("-1".into())),
            "compensation.negative_severity",
            "incident.severity",
        ),
        (
            Box::new(|r| r.incident.severity = Some("3 days".into())),
            "compensation.invalid_severity",
            "incident.severity",
        ),
        (
            Box::new(|r| r.incident.kind = Some("lost_parcel".into())),
            "compensation.unknown_kind",
            "incident.kind",
        ),
        (
            Box::new(|r| r.customer.tier = Some("platinum".into())),
            "compensation.unknown_customer_tier",
            "customer.tier",
        ),
        (
            Box::new(|r| r.incident.order_value = Money::parse("10.00", "EUR").unwrap()),
            "compensation.currency_mismatch",
            "incident.order_value",
        ),
        (
            Box::new(|r| r.incident.order_value = brl("-10.00")),
            "compensation.negative_amount",
            "incident.order_value",
        ),
        (
            Box::new(|r| r.incident.shipping_paid = Some(Money::parse("10", "JPY").unwrap())),
            "compensation.currency_mismatch",
            "incident.shipping_paid",
        ),
        (
            Box::new(|r| r.budget_spent = None),
            "compensation.missing_budget",
            "budget_spent",
        ),
        (
            Box::new(|r| r.budget_spent = Some(Money::parse("1.00", "USD").unwrap())),
            "compensation.currency_mismatch",
            "budget_spent",
        ),
        (
            Box::new(|r| r.scheme = Some("nope".into())),
            "compensation.unknown_scheme",
            "scheme",
        ),
        (
            Box::new(|r| {
                r.incident.from_sla = Some(SlaMetric {
                    elapsed_seconds: 9_000,
                    target_seconds: 3_600,
                })
            }),
            "compensation.incident_shape",
            "incident",
        ),
    ]
}

/// The same for the history.
fn bad_histories() -> Vec<(Change, &'static str, &'static str)> {
    vec![
        (
            Box::new(|r| {
                r.history = vec![entry("2026-12-07T10:00:00-03:00", "refund_late", "1.00")]
            }),
            "compensation.history_after_now",
            "history[0].at",
        ),
        (
            Box::new(|r| {
                r.history = vec![HistoryEntry {
                    at: ts(NOW),
                    kind: "refund_late".into(),
                    value: Money::parse("1.00", "EUR").unwrap(),
                }]
            }),
            "compensation.currency_mismatch",
            "history[0].value",
        ),
        (
            Box::new(|r| r.history = vec![entry(NOW, "lost_parcel", "1.00")]),
            "compensation.unknown_kind",
            "history[0].kind",
        ),
        (
            Box::new(|r| r.history = vec![entry(NOW, "refund_late", "1.00"); 3]),
            "compensation.history_over_cap",
            "history",
        ),
        (
            Box::new(|r| r.history = vec![entry(NOW, "refund_late", "101.00")]),
            "compensation.history_over_cap",
            "history",
        ),
    ]
}

#[test]
fn bad_input_gets_a_typed_error_at_its_path() {
    let e = store();
    let cases = bad_inputs().into_iter().chain(bad_histories());
    for (change, code, path) in cases {
        let mut r = request("duplicate_charge", "50", "100.00");
        change(&mut r);
        assert_eq!(err(&e, &r), (code.to_owned(), path.to_owned()));
    }
    let short = with(
        "effective_from = \"2026-01-01\"\ncustomer_tiers",
        "effective_from = \"2026-01-01\"\nmax_history = 1\ncustomer_tiers",
    );
    let mut r = request("duplicate_charge", "50", "100.00");
    r.history = vec![entry("2025-01-01T00:00:00Z", "refund_late", "1.00"); 2];
    assert_eq!(
        err(&short, &r),
        ("compensation.history_too_long".into(), "history".into())
    );
}

#[test]
fn a_scheme_with_problems_does_not_build() {
    let cases = [
        ("default_scheme = \"casa_aurora_br\"", "default_scheme = \"nope\"", "compensation.default_scheme"),
        ("agent = { amount = \"50.00\", currency = \"BRL\" }", "agent = { amount = \"500.00\", currency = \"BRL\" }", "compensation.schemes.casa_aurora_br.approval.lead"),
        ("from = \"100\", to = \"500\"", "from = \"-100\", to = \"500\"", "compensation.schemes.casa_aurora_br.kinds.duplicate_charge.tiers[1].from"),
        ("amount = { amount = \"15.00\", currency = \"BRL\" }, expires_in_days = 90 }, alternatives", "amount = { amount = \"15.00\", currency = \"EUR\" }, expires_in_days = 90 }, alternatives", "compensation.schemes.casa_aurora_br.kinds.duplicate_charge.tiers[0].offer.amount"),
        ("{ kind = \"shipping_refund\", max", "{ kind = \"shipping_refund\", percent = \"5\", max", "compensation.schemes.casa_aurora_br.kinds.delivery_late.tiers[0].offer"),
        ("customer_kinds = [\"sla_breach\"]", "customer_kinds = [\"lost\"]", "compensation.schemes.casa_aurora_br.faults.customer_kinds[0]"),
        ("pattern = \"open_disputes\"\ncount = 1", "pattern = \"open_disputes\"\ncount = 0", "compensation.schemes.casa_aurora_br.abuse[1]"),
        ("effective_from = \"2026-01-01\"\ncustomer_tiers", "effective_from = \"2026-02-30\"\ncustomer_tiers", "compensation.schemes.casa_aurora_br.effective_from"),
    ];
    for (from, to, path) in cases {
        assert!(DEFAULT.contains(from), "{from}");
        let problems = Engine::check(&DEFAULT.replacen(from, to, 1));
        let paths: Vec<&str> = problems.iter().map(|p| p.path()).collect();
        assert_eq!(paths, [path], "{to}");
    }
}

// ---------------------------------------------------------------- check

#[test]
fn the_default_schemes_are_clean() {
    let out = check(&store(), &CheckRequest { scheme: None }).unwrap();
    assert!(out.clean, "{out:?}");
    assert_eq!(out.schemes.len(), 2);
}

#[test]
fn check_finds_overlaps_gaps_unreachable_tiers_and_missing_caps() {
    let engine = with(
        "{ id = \"refund_late.5_days\", from = \"5\", to = \"15\"",
        "{ id = \"refund_late.gap\", from = \"20\", to = \"10\", offer = { kind = \"fixed_coupon\", amount = { amount = \"1.00\", currency = \"BRL\" } } },\n  { id = \"refund_late.inside\", from = \"2\", to = \"4\", offer = { kind = \"fixed_coupon\", amount = { amount = \"1.00\", currency = \"BRL\" } } },\n  { id = \"refund_late.5_days\", from = \"6\", to = \"16\"",
    );
    let out = check(
        &engine,
        &CheckRequest {
            scheme: Some("casa_aurora_br".into()),
        },
    )
    .unwrap();
    let found: Vec<(FindingCode, Vec<String>)> = out.schemes[0]
        .findings
        .iter()
        .map(|f| (f.code, f.rules.clone()))
        .collect();
    let ids = |v: &[&str]| v.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>();
    assert!(
        found.contains(&(FindingCode::UnreachableTier, ids(&["refund_late.gap"]))),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            FindingCode::UnreachableTier,
            ids(&["refund_late.inside", "refund_late.1_day"])
        )),
        "{found:?}"
    );
    assert!(
        found.contains(&(FindingCode::TierGap, ids(&["refund_late.5_days"]))),
        "{found:?}"
    );
    assert!(
        found.contains(&(
            FindingCode::TierOverlap,
            ids(&["refund_late.15_days", "refund_late.5_days"])
        )),
        "{found:?}"
    );
    assert!(!out.clean);
}

#[test]
fn check_finds_uncapped_offers_bonuses_above_caps_and_rules_that_never_decide() {
    let engine = with(
        "[compensation.schemes.casa_aurora_eu.approval]",
        "[[compensation.schemes.casa_aurora_eu.value_rules]]\nid = \"v.any\"\npercent = 300\n\n[[compensation.schemes.casa_aurora_eu.value_rules]]\nid = \"v.year\"\nmin_tenure_days = 365\npercent = 200\n\n[[compensation.schemes.casa_aurora_eu.value_rules]]\nid = \"v.new\"\nmin_tenure_days = 30\npercent = 90\n\n[compensation.schemes.casa_aurora_eu.kinds.outage]\nmeasure = \"hours_down\"\ntiers = [{ id = \"outage.any\", from = \"0\", offer = { kind = \"percent_coupon\", percent = \"10\" } }]\n\n[compensation.schemes.casa_aurora_eu.approval]",
    );
    let out = check(
        &engine,
        &CheckRequest {
            scheme: Some("casa_aurora_eu".into()),
        },
    )
    .unwrap();
    let found: Vec<(FindingCode, String)> = out.schemes[0]
        .findings
        .iter()
        .map(|f| (f.code, f.rules[0].clone()))
        .collect();
    assert!(
        found.contains(&(FindingCode::UnreachableValueRule, "v.year".into())),
        "{found:?}"
    );
    assert!(
        found.contains(&(FindingCode::ValueNotMonotone, "v.new".into())),
        "{found:?}"
    );
    // 15.00 × 300 % = 45.00 > the 90 days' 40.00.
    assert!(
        found.contains(&(FindingCode::BonusAboveCap, "refund_late.14_days".into())),
        "{found:?}"
    );
    let uncapped = with(
        "[compensation.schemes.casa_aurora_eu.limits]\nincident = { id = \"limit.incident\", share_percent = \"50\", max = { amount = \"40.00\", currency = \"EUR\" } }\n",
        "[compensation.schemes.casa_aurora_eu.kinds.outage]\nmeasure = \"hours_down\"\ntiers = [{ id = \"outage.any\", from = \"0\", offer = { kind = \"percent_coupon\", percent = \"10\" } }]\n\n[compensation.schemes.casa_aurora_eu.limits]\n",
    );
    let out = check(
        &uncapped,
        &CheckRequest {
            scheme: Some("casa_aurora_eu".into()),
        },
    )
    .unwrap();
    let found: Vec<(FindingCode, Vec<String>)> = out.schemes[0]
        .findings
        .iter()
        .map(|f| (f.code, f.rules.clone()))
        .collect();
    assert!(
        found.contains(&(FindingCode::OfferWithoutCap, vec!["outage.any".to_owned()])),
        "{found:?}"
    );
}

// ---------------------------------------------------------------- simulate

#[test]
fn a_simulation_folds_costs_by_period_kind_and_tier() {
    let mut a = request("duplicate_charge", "50", "100.00");
    a.now = ts("2026-11-06T12:00:00-03:00");
    let b = request("duplicate_charge", "800", "800.00");
    let mut c = request("refund_late", "0", "100.00");
    c.customer.open_disputes = 0;
    let mut d = request("duplicate_charge", "50", "100.00");
    d.customer.open_disputes = 1;
    let mut e = request("duplicate_charge", "50", "100.00");
    e.incident.severity = Some("-1".into());
    let out = simulate(&store(), None, Some("casa_aurora_eu"), [&a, &b, &c, &d, &e]).unwrap();
    let t = &out.totals;
    assert_eq!(
        (t.incidents, t.offers, t.reviews, t.none, t.errors),
        (5, 2, 1, 1, 1)
    );
    // 15.00 + 60.00; the review would have cost 15.00; 60.00 needs a lead.
    assert_eq!((t.cost, t.under_review), (brl("75.00"), brl("15.00")));
    assert_eq!((t.approvals, t.approvals_needed), (1, 1));
    let periods: Vec<(&str, u64, Money)> = t
        .by_period
        .iter()
        .map(|b| (b.key.as_str(), b.offers, b.cost))
        .collect();
    assert_eq!(
        periods,
        [("2026-11", 1, brl("15.00")), ("2026-12", 1, brl("60.00"))]
    );
    assert_eq!(t.by_kind[0].key, "duplicate_charge");
    assert_eq!(
        t.by_tier.iter().map(|b| b.key.as_str()).collect::<Vec<_>>(),
        ["-", "dup.from_500", "dup.under_100"]
    );
    assert_eq!(t.error_codes[0].code, "compensation.negative_severity");
    // Under the EU scheme every BRL incident is in another currency.
    let eu = out.compared.unwrap();
    assert_eq!((eu.scheme.as_str(), eu.errors), ("casa_aurora_eu", 5));
}

// ---------------------------------------------------------------- the example scheme

#[test]
fn the_ofcom_style_example_pays_per_day_and_per_missed_visit() {
    let engine = Engine::from_toml(include_str!(
        "../../../../examples/policies/uk_broadband_goodwill.toml"
    ))
    .unwrap();
    let mut r = request("repair_late", "3", "30.00");
    r.incident.order_value = Money::parse("30.00", "GBP").unwrap();
    r.budget_spent = None;
    r.customer.name = "Sam".into();
    let out = run(&engine, &r).unwrap();
    // Three days past the two working days: 3 × 10.34 = 31.02, paid as bill credit
    // without a claim, above the order value (no share cap, as Ofcom has none).
    let o = out.offer.unwrap();
    assert_eq!(
        (o.kind, o.value),
        (
            OfferKind::StoreCredit,
            Money::parse("31.02", "GBP").unwrap()
        )
    );
    r.incident.kind = Some("missed_appointment".into());
    r.incident.severity = Some("1".into());
    let out = run(&engine, &r).unwrap();
    assert_eq!(
        out.offer.unwrap().value,
        Money::parse("32.31", "GBP").unwrap()
    );
    r.incident.kind = Some("delayed_start".into());
    r.incident.severity = Some("4".into());
    let out = run(&engine, &r).unwrap();
    assert_eq!(
        out.offer.unwrap().value,
        Money::parse("25.84", "GBP").unwrap()
    );
    let report = check(&engine, &CheckRequest { scheme: None }).unwrap();
    // Per-day amounts with no cap: that is the scheme, and the check says so.
    assert!(report.schemes[0]
        .findings
        .iter()
        .all(|f| f.code == FindingCode::OfferWithoutCap));
}

// ---------------------------------------------------------------- properties

fn minor(out: &Result<OfferResponse, crate::Error>) -> i128 {
    out.as_ref()
        .ok()
        .and_then(|o| o.offer.as_ref())
        .map_or(0, |o| o.value.to_minor())
}

fn arb_request() -> impl Strategy<Value = OfferRequest> {
    let kinds = prop::sample::select(vec![
        "duplicate_charge",
        "refund_late",
        "sla_breach",
        "delivery_late",
    ]);
    (
        kinds,
        0u32..2_000,
        1i64..200_000,
        prop::collection::vec((0i64..400 * 24, 0usize..4, 1i64..2_000), 0..6),
        0i64..2_100_000,
        (0u32..800, any::<bool>(), 0u32..2, 0u32..6, 0usize..3),
    )
        .prop_map(
            |(kind, sev, order, hist, spent, (tenure, gold, disputes, refunds, caller))| {
                let mut r = request(kind, &sev.to_string(), "0.00");
                r.incident.order_value =
                    Money::from_minor(i128::from(order), r.incident.order_value.currency())
                        .unwrap();
                r.incident.shipping_paid = Some(
                    Money::from_minor(i128::from(order / 10), r.incident.order_value.currency())
                        .unwrap(),
                );
                let kinds = [
                    "duplicate_charge",
                    "refund_late",
                    "sla_breach",
                    "delivery_late",
                ];
                let now = r.now.to_utc();
                r.history = hist
                    .into_iter()
                    .map(|(hours, k, v)| HistoryEntry {
                        at: Timestamp::from(now - chrono::TimeDelta::hours(hours)),
                        kind: kinds[k].into(),
                        value: Money::from_minor(i128::from(v), r.incident.order_value.currency())
                            .unwrap(),
                    })
                    .collect();
                r.budget_spent = Some(
                    Money::from_minor(i128::from(spent), r.incident.order_value.currency())
                        .unwrap(),
                );
                r.customer.tenure_days = tenure;
                r.customer.tier = gold.then(|| "gold".into());
                r.customer.open_disputes = disputes;
                r.customer.recent_refunds = refunds;
                r.caller = [Role::Agent, Role::Lead, Role::Manager][caller];
                r.locale = None;
                r
            },
        )
}

/// The generated requests mostly get offers, so the properties below are not vacuous.
#[test]
fn the_generated_requests_mostly_get_offers() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let engine = store();
    let mut runner = TestRunner::deterministic();
    let (mut offers, mut errors) = (0, 0);
    for _ in 0..400 {
        let r = arb_request().new_tree(&mut runner).unwrap().current();
        match run(&engine, &r) {
            Ok(out) if out.offer.is_some() => offers += 1,
            Ok(_) => {}
            Err(_) => errors += 1,
        }
    }
    assert!(
        offers >= 200 && errors <= 80,
        "{offers} offers, {errors} errors"
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// An offer never exceeds half the order, 150.00, what each customer period has left,
    /// or what the budget has left; the role named is the least that grants it.
    #[test]
    fn no_cap_is_exceeded_and_no_approval_tier_is_skipped(r in arb_request()) {
        let engine = store();
        let Ok(out) = run(&engine, &r) else { return Ok(()) };
        let Some(o) = &out.offer else { return Ok(()) };
        let v = o.value.to_minor();
        prop_assert!(v > 0);
        prop_assert!(v <= r.incident.order_value.to_minor() / 2);
        prop_assert!(v <= 15_000);
        for (w, max) in out.assumed.windows.iter().zip([10_000, 30_000]) {
            prop_assert!(w.amount.to_minor() + v <= max);
        }
        prop_assert!(r.budget_spent.unwrap().to_minor() + v <= 2_000_000);
        let a = out.approval.unwrap();
        let least = if v <= 5_000 { Role::Agent } else if v <= 12_000 { Role::Lead } else { Role::Manager };
        prop_assert_eq!(a.required, least);
        prop_assert_eq!(a.needed, r.caller < least);
    }

    /// A more severe incident never gets less, all else equal.
    #[test]
    fn offers_grow_with_severity(r in arb_request(), more in 0u32..2_000) {
        let engine = store();
        let mut worse = r.clone();
        let sev: u32 = r.incident.severity.as_deref().unwrap().parse().unwrap();
        worse.incident.severity = Some((sev + more).to_string());
        prop_assert!(minor(&run(&engine, &worse)) >= minor(&run(&engine, &r)));
    }

    /// A cleaner history (an entry fewer) or a longer tenure never gets less.
    #[test]
    fn a_cleaner_or_longer_history_never_gets_less(r in arb_request(), drop in 0usize..8, longer in 0u32..1_000) {
        let engine = store();
        let base = minor(&run(&engine, &r));
        let mut cleaner = r.clone();
        if drop < cleaner.history.len() {
            cleaner.history.remove(drop);
        }
        prop_assert!(minor(&run(&engine, &cleaner)) >= base);
        let mut loyal = r.clone();
        loyal.customer.tenure_days += longer;
        prop_assert!(minor(&run(&engine, &loyal)) >= base);
    }

    /// The history's order never changes the answer.
    #[test]
    fn the_historys_order_does_not_matter(mut r in arb_request(), seed in any::<u64>()) {
        let engine = store();
        r.locale = Some(Locale::PtBr);
        let before = run(&engine, &r);
        let n = r.history.len();
        if n > 1 {
            let k = usize::try_from(seed % n as u64).unwrap();
            r.history.rotate_left(k);
            r.history.reverse();
        }
        prop_assert_eq!(before, run(&engine, &r));
    }

    /// Amounts are exact in 0-, 2- and 3-decimal currencies: the percentage share is the
    /// floor of the exact product, in the currency's own minor units.
    #[test]
    fn amounts_are_exact_in_every_currency(order in 1i64..10_000_000, pct in 1u32..100, c in 0usize..3) {
        let currency = ["JPY", "BRL", "KWD"][c];
        let engine = exact_engine(currency, pct);
        let cur = crate::money::Currency::from_code(currency).unwrap();
        let mut r = request("outage", "1", "0.00");
        r.incident.order_value = Money::from_minor(i128::from(order), cur).unwrap();
        r.budget_spent = None;
        let out = run(&engine, &r).unwrap();
        let o = out.offer;
        let expected = i128::from(order) * i128::from(pct) / 100;
        prop_assert_eq!(o.as_ref().map_or(0, |o| o.value.to_minor()), expected);
        if let Some(o) = o {
            prop_assert_eq!(o.value.amount().scale(), cur.exponent());
        }
    }
}

fn exact_engine(currency: &str, pct: u32) -> Engine {
    Engine::from_toml(&format!(
        r#"[store]
name = "Test"
default_locale = "en"
[compensation]
default_scheme = "s"
[compensation.schemes.s]
currency = "{currency}"
source = "test"
approval = {{ agent = {{ amount = "0", currency = "{currency}" }}, lead = {{ amount = "0", currency = "{currency}" }} }}
[compensation.schemes.s.kinds.outage]
measure = "hours_down"
tiers = [{{ id = "all", from = "0", offer = {{ kind = "store_credit", percent = "{pct}" }} }}]
"#
    ))
    .unwrap()
}

#[test]
fn a_severity_is_written_as_the_language_writes_decimals() {
    let mut r = request("duplicate_charge", "129.90", "129.90");
    r.locale = Some(Locale::PtBr);
    let out = ok(&r);
    assert_eq!(out.severity, "129.9");
    assert!(
        out.reasons[0].agent.contains("gravidade 129,9 "),
        "{}",
        out.reasons[0].agent
    );
}

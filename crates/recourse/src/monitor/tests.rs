//! Monitoring: the duplicate check against the "five identical gifts" false positive, the
//! idempotency replay and the window; stuck payments against the payment timelines; exact
//! rate tests at their boundaries; error paths; and properties: two charges with different
//! orders are never grouped, a group never spans more than the window, an unrelated event
//! never removes a group, stuck is monotone in `now`, no rate alert below the volumes.

use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::money::Money;
use crate::payment::{Flow, PayMethod, StatusEvent, TimelineStatus};
use crate::receipt::Trace;
use crate::Engine;

fn store() -> Engine {
    Engine::default_store().unwrap()
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn brl(s: &str) -> Money {
    Money::parse(s, "BRL").unwrap()
}

/// A card charge of `amount` by customer c_7 on card fp_9, `secs` after 10:00.
fn charge(id: &str, secs: i64, amount: &str) -> PaymentEvent {
    let at = ts("2026-12-01T10:00:00-03:00").as_datetime() + chrono::Duration::seconds(secs);
    PaymentEvent {
        id: id.to_owned(),
        kind: EventKind::Charge,
        at: Timestamp::from(at),
        amount: brl(amount),
        method: PayMethod::Card,
        card: Some("fp_9".to_owned()),
        customer: Some("c_7".to_owned()),
        order: None,
        line: None,
        idempotency_key: None,
        code: None,
    }
}

fn request(events: Vec<PaymentEvent>) -> DuplicatesRequest {
    DuplicatesRequest {
        now: ts("2026-12-02T10:00:00-03:00"),
        events,
        preset: None,
        window_seconds: None,
        keys: None,
        locale: Some(Locale::En),
    }
}

fn groups(request: &DuplicatesRequest) -> Vec<DuplicateGroup> {
    duplicates(&store(), request, &mut Trace::new())
        .unwrap()
        .groups
}

fn code(e: crate::Error) -> (String, String) {
    (e.code().to_owned(), e.path().to_owned())
}

fn dup_error(request: &DuplicatesRequest) -> (String, String) {
    code(duplicates(&store(), request, &mut Trace::new()).unwrap_err())
}

#[test]
fn a_double_click_is_one_purchase_paid_twice_with_its_evidence() {
    let out = duplicates(
        &store(),
        &request(vec![
            charge("ch_1", 0, "129.90"),
            charge("ch_2", 40, "129.90"),
        ]),
        &mut Trace::new(),
    )
    .unwrap();
    assert_eq!(out.rule, "monitor.duplicates.recourse");
    assert_eq!(out.window_seconds, 600);
    let [g] = out.groups.as_slice() else {
        panic!("{out:?}")
    };
    assert_eq!(g.kept, "ch_1");
    assert_eq!(
        g.matched,
        ["amount", "currency", "card", "customer", "method"]
    );
    let [d] = g.duplicates.as_slice() else {
        panic!()
    };
    assert_eq!((d.id.as_str(), d.seconds_after), ("ch_2", 40));
    assert_eq!(d.refund.request.payment_id, "ch_2");
    assert_eq!(g.alert.kind, AlertKind::DuplicateCharge);
    assert_eq!(g.alert.ids, ["ch_1", "ch_2"]);
    assert!(
        g.alert.support_team.contains("129.90"),
        "{}",
        g.alert.support_team
    );
}

/// The suggestion is a `refund.evaluate` request as it stands: it runs, and refunds the
/// duplicate in full to the card.
#[cfg(feature = "refund")]
#[test]
fn the_suggested_refund_runs_through_refund_evaluate() {
    let engine = store();
    let g = groups(&request(vec![
        charge("ch_1", 0, "129.90"),
        charge("ch_2", 40, "129.90"),
    ]));
    let suggestion = &g[0].duplicates[0].refund;
    let json = crate::canonical::encode(suggestion).unwrap();
    let answer = engine
        .call_json("refund.evaluate", json.as_bytes())
        .unwrap();
    assert!(answer.contains(r#""outcome":"approve""#), "{answer}");
    assert!(
        answer.contains(r#""total":{"amount":"129.90","currency":"BRL"}"#),
        "{answer}"
    );
    assert!(answer.contains(r#""payment_id":"ch_2""#), "{answer}");
}

/// payments-facts §2.1: five identical gifts are five authorizations; an explicit line
/// keeps them apart.
#[test]
fn five_identical_gifts_on_their_own_lines_are_not_duplicates() {
    let events: Vec<PaymentEvent> = (0..5)
        .map(|i| PaymentEvent {
            order: Some("o1".to_owned()),
            line: Some(format!("gift-{i}")),
            ..charge(&format!("ch_{i}"), i * 5, "49.90")
        })
        .collect();
    assert!(groups(&request(events.clone())).is_empty());
    // Without their lines the same five charges are one purchase paid five times.
    let bare: Vec<PaymentEvent> = events
        .into_iter()
        .map(|e| PaymentEvent { line: None, ..e })
        .collect();
    assert_eq!(groups(&request(bare))[0].duplicates.len(), 4);
}

#[test]
fn a_repeated_idempotency_key_is_one_charge_reported_twice() {
    let key = |e: PaymentEvent, k: &str| PaymentEvent {
        idempotency_key: Some(k.to_owned()),
        ..e
    };
    let req = request(vec![
        key(charge("ch_1", 0, "10.00"), "k1"),
        key(charge("ch_1b", 3, "10.00"), "k1"),
    ]);
    let out = duplicates(&store(), &req, &mut Trace::new()).unwrap();
    assert!(out.groups.is_empty());
    assert_eq!((out.charges, out.replays), (2, 1));
    // Different keys are two requests: a duplicate.
    let req = request(vec![
        key(charge("ch_1", 0, "10.00"), "k1"),
        key(charge("ch_2", 3, "10.00"), "k2"),
    ]);
    assert_eq!(groups(&req).len(), 1);
}

#[test]
fn different_orders_amounts_or_a_missing_key_are_never_grouped() {
    let order = |e: PaymentEvent, o: &str| PaymentEvent {
        order: Some(o.to_owned()),
        ..e
    };
    let req = request(vec![
        order(charge("a", 0, "10.00"), "o1"),
        order(charge("b", 5, "10.00"), "o2"),
    ]);
    assert!(groups(&req).is_empty());
    assert!(groups(&request(vec![
        charge("a", 0, "10.00"),
        charge("b", 5, "10.01")
    ]))
    .is_empty());
    let anonymous = PaymentEvent {
        customer: None,
        ..charge("b", 5, "10.00")
    };
    assert!(groups(&request(vec![charge("a", 0, "10.00"), anonymous])).is_empty());
}

#[test]
fn a_group_never_spans_more_than_the_window_from_its_first_charge() {
    let req = request(vec![
        charge("a", 0, "10.00"),
        charge("b", 600, "10.00"),
        charge("c", 601, "10.00"),
        charge("d", 1000, "10.00"),
    ]);
    let g = groups(&req);
    assert_eq!(g.len(), 2);
    assert_eq!(
        (g[0].kept.as_str(), g[0].duplicates[0].id.as_str()),
        ("a", "b")
    );
    assert_eq!(
        (g[1].kept.as_str(), g[1].duplicates[0].id.as_str()),
        ("c", "d")
    );
}

/// Braintree: 30 s, same amount and order id (payments-facts §2.1).
#[test]
fn the_braintree_preset_keys_on_the_order_within_30_seconds() {
    let order = |e: PaymentEvent| PaymentEvent {
        order: Some("o9".to_owned()),
        card: None,
        ..e
    };
    let mut req = request(vec![
        order(charge("a", 0, "10.00")),
        order(charge("b", 30, "10.00")),
    ]);
    req.preset = Some("braintree".to_owned());
    let out = duplicates(&store(), &req, &mut Trace::new()).unwrap();
    assert_eq!(
        (out.rule.as_str(), out.window_seconds),
        ("monitor.duplicates.braintree", 30)
    );
    assert_eq!(out.groups.len(), 1);
    req.events = vec![
        order(charge("a", 0, "10.00")),
        order(charge("b", 31, "10.00")),
    ];
    assert!(groups(&req).is_empty());
}

#[test]
fn bad_duplicate_requests_are_typed_errors_with_their_paths() {
    let mut req = request(vec![charge("a", 0, "10.00")]);
    req.keys = Some(vec![MatchKey::Card, MatchKey::Method]);
    assert_eq!(dup_error(&req), ("monitor.weak_keys".into(), "keys".into()));
    let mut req = request(vec![]);
    req.window_seconds = Some(0);
    assert_eq!(
        dup_error(&req),
        ("monitor.invalid_window".into(), "window_seconds".into())
    );
    req.window_seconds = Some(86_401);
    assert_eq!(
        dup_error(&req),
        ("monitor.window_too_large".into(), "window_seconds".into())
    );
    let mut req = request(vec![]);
    req.preset = Some("stripe".to_owned());
    assert_eq!(
        dup_error(&req),
        ("monitor.unknown_preset".into(), "preset".into())
    );
    let req = request(vec![charge("a", 10, "10.00"), charge("b", 0, "10.00")]);
    assert_eq!(
        dup_error(&req),
        ("monitor.events_out_of_order".into(), "events[1].at".into())
    );
    let req = request(vec![charge("a", 200_000, "10.00")]);
    assert_eq!(
        dup_error(&req),
        ("monitor.event_after_now".into(), "events[0].at".into())
    );
}

#[test]
fn a_configuration_keying_on_card_and_amount_alone_is_refused() {
    let toml = include_str!("../../config/default.toml").replacen(
        "preset = \"recourse\"",
        "preset = \"recourse\"\nkeys = [\"card\"]\nwindow_seconds = 0",
        1,
    );
    let text = format!("{:?}", Engine::check(&toml));
    assert!(text.contains("monitor.duplicates.keys"), "{text}");
    assert!(text.contains("monitor.duplicates.window_seconds"), "{text}");
}

fn item(id: &str, flow: Flow, method: PayMethod, history: &[(&str, TimelineStatus)]) -> StuckItem {
    StuckItem {
        id: id.to_owned(),
        flow,
        method,
        funding: None,
        amount: brl("80.00"),
        history: history
            .iter()
            .map(|(at, status)| StatusEvent {
                at: ts(at),
                status: *status,
                amount: None,
            })
            .collect(),
        network: None,
        merchant_initiated: false,
        pix_expires_in_seconds: None,
        boleto_due_date: None,
        original_paid_at: None,
        customer_name: None,
    }
}

fn check(items: Vec<StuckItem>, now: &str) -> Vec<StuckAlert> {
    let req = StuckRequest {
        now: ts(now),
        items,
        locale: Some(Locale::En),
    };
    stuck(&store(), &req, &mut Trace::new()).unwrap().alerts
}

fn kinds(alerts: &[StuckAlert]) -> Vec<AlertKind> {
    alerts.iter().map(|a| a.alert.kind).collect()
}

/// payments-facts C5: an expired cob stays ATIVA; expired is computed from creation +
/// expiracao, and stuck once the grace (60 min) has passed too.
#[test]
fn a_pix_charge_is_stuck_an_hour_after_its_expiry() {
    let pix = StuckItem {
        pix_expires_in_seconds: Some(1800),
        ..item(
            "pix",
            Flow::Payment,
            PayMethod::Pix,
            &[("2026-12-07T08:00:00-03:00", TimelineStatus::Created)],
        )
    };
    assert!(check(vec![pix.clone()], "2026-12-07T09:29:59-03:00").is_empty());
    let alerts = check(vec![pix], "2026-12-07T09:30:00-03:00");
    assert_eq!(kinds(&alerts), [AlertKind::PixExpired]);
    assert_eq!(alerts[0].due_at, ts("2026-12-07T08:30:00-03:00"));
    assert_eq!(alerts[0].overdue_by_seconds, 3600);
}

/// A boleto due on a Friday can be paid to the last minute; it is unpaid only once such a
/// payment would have been confirmed, on the bank calendar (its timeline's clearing days).
#[test]
fn an_unpaid_boleto_waits_for_the_clearing_days_of_the_timeline() {
    let boleto = StuckItem {
        boleto_due_date: Some("2026-12-04".to_owned()),
        ..item(
            "bol",
            Flow::Payment,
            PayMethod::Boleto,
            &[("2026-11-30T08:00:00-03:00", TimelineStatus::Created)],
        )
    };
    // The timeline of the same boleto paid at the end of its due day.
    let paid = crate::payment::WhereRequest {
        flow: Flow::Payment,
        method: PayMethod::Boleto,
        funding: None,
        amount: brl("80.00"),
        history: vec![
            StatusEvent {
                at: ts("2026-11-30T08:00:00-03:00"),
                status: TimelineStatus::Created,
                amount: None,
            },
            StatusEvent {
                at: ts("2026-12-05T00:00:00-03:00"),
                status: TimelineStatus::Paid,
                amount: None,
            },
        ],
        now: ts("2026-12-05T00:00:00-03:00"),
        network: None,
        merchant_initiated: false,
        pix_expires_in_seconds: None,
        boleto_due_date: None,
        original_paid_at: None,
        customer_name: None,
        locale: None,
    };
    let cleared = crate::payment::where_is_my_money(&store(), &paid, &mut Trace::new())
        .unwrap()
        .expected_by
        .unwrap();
    assert!(cleared > ts("2026-12-08T00:00:00-03:00"), "{cleared:?}");
    let fires = Timestamp::from(cleared.as_datetime() + chrono::Duration::minutes(60));
    let before = Timestamp::from(fires.as_datetime() - chrono::Duration::seconds(1));
    assert!(check(vec![boleto.clone()], &before.to_rfc3339()).is_empty());
    let alerts = check(vec![boleto], &fires.to_rfc3339());
    assert_eq!(kinds(&alerts), [AlertKind::BoletoUnpaid]);
    assert_eq!(alerts[0].due_at, cleared);
    assert_eq!(
        alerts[0].timeline_rule,
        "boleto.due_date + boleto.confirmation"
    );
}

/// Authorizations hold 7 days (payments-facts §1.8): flagged a day before, lapsed after.
#[test]
fn an_authorization_is_flagged_a_day_before_it_lapses_and_after() {
    let auth = item(
        "auth",
        Flow::Payment,
        PayMethod::Card,
        &[("2026-12-01T12:00:00-03:00", TimelineStatus::Authorized)],
    );
    assert!(check(vec![auth.clone()], "2026-12-07T11:59:59-03:00").is_empty());
    let alerts = check(vec![auth.clone()], "2026-12-07T12:00:00-03:00");
    assert_eq!(kinds(&alerts), [AlertKind::AuthorizationExpiring]);
    assert_eq!(alerts[0].overdue_by_seconds, 0);
    let alerts = check(vec![auth], "2026-12-08T12:00:00-03:00");
    assert_eq!(kinds(&alerts), [AlertKind::AuthorizationExpired]);
}

#[test]
fn refunds_overdue_or_failed_and_checkouts_left_open_are_stuck() {
    let late = item(
        "r1",
        Flow::Refund,
        PayMethod::Card,
        &[("2026-11-10T12:00:00-03:00", TimelineStatus::Pending)],
    );
    let failed = item(
        "r2",
        Flow::Refund,
        PayMethod::Card,
        &[
            ("2026-11-10T12:00:00-03:00", TimelineStatus::Pending),
            ("2026-11-12T12:00:00-03:00", TimelineStatus::Failed),
        ],
    );
    let open = item(
        "c1",
        Flow::Payment,
        PayMethod::Card,
        &[("2026-12-05T12:00:00-03:00", TimelineStatus::Created)],
    );
    let fresh = item(
        "c2",
        Flow::Payment,
        PayMethod::Card,
        &[("2026-12-07T09:00:00-03:00", TimelineStatus::Created)],
    );
    let done = item(
        "c3",
        Flow::Payment,
        PayMethod::Card,
        &[("2026-12-05T12:00:00-03:00", TimelineStatus::Captured)],
    );
    let alerts = check(
        vec![late, failed, open, fresh, done],
        "2026-12-07T10:00:00-03:00",
    );
    assert_eq!(
        kinds(&alerts),
        [
            AlertKind::RefundOverdue,
            AlertKind::RefundFailed,
            AlertKind::CheckoutAbandoned
        ]
    );
    assert!(!alerts[0].customer_text.is_empty());
}

#[test]
fn a_bad_item_is_refused_at_its_path() {
    let bad = item(
        "p",
        Flow::Payment,
        PayMethod::Boleto,
        &[("2026-12-07T08:00:00-03:00", TimelineStatus::Created)],
    );
    let req = StuckRequest {
        now: ts("2026-12-07T10:00:00-03:00"),
        items: vec![bad],
        locale: None,
    };
    let e = stuck(&store(), &req, &mut Trace::new()).unwrap_err();
    assert_eq!(
        code(e),
        (
            "payment.missing_field".into(),
            "items[0].boleto_due_date".into()
        )
    );
}

fn counts(total: u64, failed: u64) -> Counts {
    Counts {
        total,
        failed,
        codes: Vec::new(),
        segments: Vec::new(),
    }
}

fn rate(current: Counts, baseline: Counts) -> Result<RatesResponse, crate::Error> {
    let req = RatesRequest {
        metric: Metric::Authorization,
        current: Some(current),
        baseline: Some(baseline),
        events: Vec::new(),
        current_from: None,
        locale: Some(Locale::En),
    };
    rates(&store(), &req, &mut Trace::new())
}

/// "51 rose from 8% to 19% of declines" (payments-facts §2.3).
#[test]
fn a_decline_spike_names_the_code_that_grew_most() {
    let code = |c: &str, n| CodeCount {
        code: c.to_owned(),
        count: n,
    };
    let out = rate(
        Counts {
            total: 1200,
            failed: 300,
            codes: vec![code("51", 57), code("05", 100)],
            segments: vec![code("card", 280), code("wallet", 20)],
        },
        Counts {
            total: 5000,
            failed: 750,
            codes: vec![code("51", 60), code("05", 300)],
            segments: vec![code("card", 600), code("wallet", 150)],
        },
    )
    .unwrap();
    assert_eq!(out.verdict, RateVerdict::Alert);
    assert_eq!(
        (out.baseline_rate.as_str(), out.current_rate.as_str()),
        ("15.00", "25.00")
    );
    assert_eq!(out.grew.len(), 1);
    // Card declines went from 80 % to 93.33 % of declines: the card is the segment hit.
    assert_eq!(out.segments_grew.len(), 1);
    assert_eq!(out.segments_grew[0].code, "card");
    assert_eq!(out.segments_grew[0].current_share, "93.33");
    assert_eq!(
        out.summary,
        "Declines went from 15.00% to 25.00%; 51 rose from 8.00% to 19.00% of failures."
    );
    assert_eq!(out.alert.unwrap().kind, AlertKind::AuthorizationRateDrop);
}

/// n₁ = n₂ = 1000 at a 10 % baseline: z = 1.903 at 127 declines, 1.970 at 128 (z = 1.960
/// is the default critical value).
#[test]
fn the_two_proportion_test_is_exact_at_its_boundary() {
    assert!(
        !rate(counts(1000, 127), counts(1000, 100))
            .unwrap()
            .significant
    );
    assert!(
        rate(counts(1000, 128), counts(1000, 100))
            .unwrap()
            .significant
    );
    // The tolerance: 3 points of attempts exactly.
    assert!(
        rate(counts(1000, 130), counts(1000, 100))
            .unwrap()
            .over_tolerance
    );
    assert!(
        !rate(counts(1000, 129), counts(1000, 100))
            .unwrap()
            .over_tolerance
    );
}

#[test]
fn too_little_volume_is_not_enough_data_never_an_alert() {
    let out = rate(counts(99, 90), counts(1000, 10)).unwrap();
    assert_eq!(out.verdict, RateVerdict::NotEnoughData);
    assert!(out.alert.is_none());
    assert_eq!(
        rate(counts(500, 9), counts(1000, 0)).unwrap().verdict,
        RateVerdict::NotEnoughData
    );
    assert_eq!(
        rate(counts(500, 50), counts(1000, 100)).unwrap().verdict,
        RateVerdict::Normal
    );
}

#[test]
fn impossible_counts_are_typed_errors() {
    let e = |r: Result<RatesResponse, crate::Error>| code(r.unwrap_err());
    assert_eq!(
        e(rate(counts(10, 11), counts(10, 1))),
        ("monitor.invalid_count".into(), "current.failed".into())
    );
    assert_eq!(
        e(rate(counts(10, 1), counts(0, 0))),
        ("monitor.empty_baseline".into(), "baseline.total".into())
    );
    let over = Counts {
        total: 10,
        failed: 1,
        codes: vec![CodeCount {
            code: "51".into(),
            count: 2,
        }],
        segments: Vec::new(),
    };
    assert_eq!(
        e(rate(counts(10, 1), over)),
        (
            "monitor.invalid_count".into(),
            "baseline.codes[0].count".into()
        )
    );
}

fn events() -> impl Strategy<Value = Vec<PaymentEvent>> {
    prop::collection::vec(
        (0i64..120, 0u8..3, 0u8..3, prop::option::of(0u8..3), 0u8..2),
        0..40,
    )
    .prop_map(|raw| {
        let mut t = 0;
        raw.into_iter()
            .enumerate()
            .map(|(i, (dt, customer, amount, order, card))| {
                t += dt;
                PaymentEvent {
                    customer: Some(format!("c{customer}")),
                    card: Some(format!("fp{card}")),
                    order: order.map(|o| format!("o{o}")),
                    ..charge(
                        &format!("e{i}"),
                        t,
                        ["10.00", "10.01", "20.00"][usize::from(amount)],
                    )
                }
            })
            .collect()
    })
}

fn at(events: &[PaymentEvent], id: &str) -> PaymentEvent {
    events.iter().find(|e| e.id == id).unwrap().clone()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn groups_never_mix_orders_or_span_more_than_the_window(events in events(), window in 1u32..300) {
        let mut req = request(events.clone());
        req.window_seconds = Some(window);
        for g in groups(&req) {
            let kept = at(&events, &g.kept);
            for d in &g.duplicates {
                let dup = at(&events, &d.id);
                prop_assert_eq!(&kept.order, &dup.order);
                prop_assert_eq!(&kept.customer, &dup.customer);
                prop_assert_eq!(kept.amount, dup.amount);
                prop_assert!(d.seconds_after >= 0 && d.seconds_after <= i64::from(window));
            }
        }
    }

    #[test]
    fn an_unrelated_event_never_removes_a_group(events in events(), pick in 0usize..40) {
        let before = groups(&request(events.clone()));
        let mut more = events.clone();
        let spot = pick.min(more.len());
        let at = more.get(spot).or(more.last()).map_or(charge("x", 0, "10.00").at, |e| e.at);
        more.insert(spot, PaymentEvent { at, customer: Some("stranger".into()), ..charge("x", 0, "10.00") });
        let after = groups(&request(more));
        for g in &before {
            prop_assert!(after.iter().any(|h| h.kept == g.kept && h.duplicates == g.duplicates));
        }
    }

    #[test]
    fn stuck_is_monotone_in_now(hours in prop::collection::vec(0i64..400, 2..6), pick in 0usize..5) {
        let base = ts("2026-12-01T09:00:00-03:00");
        let all = [
            StuckItem { pix_expires_in_seconds: Some(3600), ..item("pix", Flow::Payment, PayMethod::Pix, &[("2026-12-01T09:00:00-03:00", TimelineStatus::Created)]) },
            StuckItem { boleto_due_date: Some("2026-12-04".into()), ..item("bol", Flow::Payment, PayMethod::Boleto, &[("2026-12-01T09:00:00-03:00", TimelineStatus::Created)]) },
            item("auth", Flow::Payment, PayMethod::Card, &[("2026-12-01T09:00:00-03:00", TimelineStatus::Authorized)]),
            item("ref", Flow::Refund, PayMethod::Card, &[("2026-12-01T09:00:00-03:00", TimelineStatus::Pending)]),
            item("co", Flow::Payment, PayMethod::Card, &[("2026-12-01T09:00:00-03:00", TimelineStatus::Created)]),
        ];
        let one = all[pick].clone();
        let mut hours = hours;
        hours.sort_unstable();
        let mut was = false;
        for h in hours {
            let now = Timestamp::from(base.as_datetime() + chrono::Duration::hours(h));
            let is = !check(vec![one.clone()], &now.to_rfc3339()).is_empty();
            prop_assert!(is || !was, "{} stopped being stuck at +{h} h", one.id);
            was = is;
        }
    }

    #[test]
    fn no_rate_alert_below_the_volumes(n1 in 0u64..200, f1 in 0u64..200, n2 in 1u64..1000, f2 in 0u64..1000) {
        let (f1, f2) = (f1.min(n1), f2.min(n2));
        let out = rate(counts(n1, f1), counts(n2, f2)).unwrap();
        if n1 < 100 || n2 < 500 || f1 < 10 {
            prop_assert_eq!(out.verdict, RateVerdict::NotEnoughData);
            prop_assert!(out.alert.is_none());
        }
        prop_assert_eq!(out.alert.is_some(), out.verdict == RateVerdict::Alert);
    }
}

fn attempt(id: &str, card: &str, minutes: i64, declined: Option<&str>) -> PaymentEvent {
    PaymentEvent {
        kind: if declined.is_some() {
            EventKind::Decline
        } else {
            EventKind::Charge
        },
        card: Some(card.to_owned()),
        code: declined.map(str::to_owned),
        ..charge(id, minutes * 60, "10.00")
    }
}

fn fold(events: &[PaymentEvent]) -> Counts {
    let mut c = AttemptCounter::new(Metric::Authorization, 3600);
    for e in events {
        c.push(e).unwrap();
    }
    c.finish()
}

/// Stripe analyzes deduplicated declines: one card's retries are one sequence, counted by
/// its final outcome.
#[test]
fn retries_of_one_card_count_once_by_their_final_outcome() {
    let c = fold(&[
        attempt("a1", "fp1", 0, Some("51")),
        attempt("b1", "fp2", 5, Some("05")),
        attempt("a2", "fp1", 10, Some("51")),
        attempt("a3", "fp1", 20, None),
        attempt("b2", "fp2", 30, Some("51")),
        attempt("c1", "fp3", 40, None),
        // Two hours after its last attempt, fp2 starts a new sequence.
        attempt("b3", "fp2", 151, Some("05")),
    ]);
    assert_eq!((c.total, c.failed), (4, 2));
    let codes: Vec<(&str, u64)> = c.codes.iter().map(|x| (x.code.as_str(), x.count)).collect();
    assert_eq!(codes, [("05", 1), ("51", 1)]);
}

#[test]
fn rates_from_events_split_at_current_from() {
    let mut events: Vec<PaymentEvent> = (0..600)
        .map(|i| {
            attempt(
                &format!("e{i}"),
                &format!("fp{i}"),
                i / 10,
                (i % 10 == 0).then_some("51"),
            )
        })
        .collect();
    events.extend((600..800).map(|i| {
        attempt(
            &format!("e{i}"),
            &format!("fp{i}"),
            i / 10,
            (i % 4 == 0).then_some("05"),
        )
    }));
    let req = RatesRequest {
        metric: Metric::Authorization,
        current: None,
        baseline: None,
        events,
        current_from: Some(charge("x", 60 * 60, "1.00").at),
        locale: Some(Locale::En),
    };
    let out = rates(&store(), &req, &mut Trace::new()).unwrap();
    assert_eq!(
        (out.baseline_rate.as_str(), out.current_rate.as_str()),
        ("10.00", "25.00")
    );
    assert_eq!(out.verdict, RateVerdict::Alert);
    assert_eq!(out.grew[0].code, "05");
    assert!(out.segments_grew.is_empty(), "every decline is a card's");
    let none = RatesRequest {
        current_from: None,
        ..req
    };
    assert_eq!(
        code(rates(&store(), &none, &mut Trace::new()).unwrap_err()),
        ("monitor.counts_or_events".into(), ".".into())
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Reordering the events of one instant (each card once) changes nothing.
    #[test]
    fn reordering_events_inside_an_instant_changes_nothing(
        outcomes in prop::collection::vec(prop::option::of(prop::sample::select(vec!["05", "51", "14"])), 1..40),
        seed in any::<u64>(),
    ) {
        let events: Vec<PaymentEvent> = outcomes
            .iter()
            .enumerate()
            .map(|(i, o)| attempt(&format!("e{i}"), &format!("fp{i}"), 0, *o))
            .collect();
        let mut shuffled = events.clone();
        let mut x = seed;
        for i in (1..shuffled.len()).rev() {
            x = x.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
            let j = usize::try_from(x >> 33).unwrap() % (i + 1);
            shuffled.swap(i, j);
        }
        prop_assert_eq!(fold(&events), fold(&shuffled));
    }
}

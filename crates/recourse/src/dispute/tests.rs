//! Dispute rules, each test citing its source; error paths; and properties: `respond_by`
//! is never later than the processor's or the network's deadline and never moves later when
//! the buffer grows; an order refunded in full is never fought; a count below a program's
//! minimum is never at the level.

use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
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

fn with_win_rate(line: &str) -> Engine {
    let at = "# Pre-dispute alerts refunded automatically";
    with(at, &format!("[dispute.win_rates]\n{line}\n\n{at}"))
}

fn ts(s: &str) -> Timestamp {
    Timestamp::parse(s).unwrap()
}

fn brl(s: &str) -> Money {
    Money::parse(s, "BRL").unwrap()
}

fn class(network: Network, code: &str) -> Result<ClassifyResponse, crate::Error> {
    let request = ClassifyRequest {
        network,
        code: code.into(),
        stage: None,
        locale: None,
    };
    classify(&store(), &request, &mut Trace::new())
}

// ---------------------------------------------------------------- classify

/// Visa Claims Resolution: 10.x and 11.x run in allocation, 12.x and 13.x in collaboration
/// (servicenow.com allocation / collaboration dispute workflows).
#[test]
fn visa_flows_follow_the_code_group() {
    let fraud = class(Network::Visa, "10.4").unwrap();
    assert_eq!(
        (fraud.category, fraud.flow),
        (Category::Fraud, Flow::Allocation)
    );
    let auth = class(Network::Visa, "11.2").unwrap();
    assert_eq!(
        (auth.category, auth.flow),
        (Category::Authorization, Flow::Allocation)
    );
    let dup = class(Network::Visa, "12.6.1").unwrap();
    assert_eq!(
        (dup.category, dup.flow),
        (Category::Duplicate, Flow::Collaboration)
    );
    let nr = class(Network::Visa, "13.1").unwrap();
    assert_eq!(
        (nr.category, nr.flow),
        (Category::NotReceived, Flow::Collaboration)
    );
    assert_eq!(
        class(Network::Visa, "13.2").unwrap().category,
        Category::SubscriptionCancelled
    );
    assert!(!class(Network::Visa, "10.5").unwrap().fightable);
}

/// Mastercard: pre-arbitration for all but 4808, 4870 and 4871, which go straight to
/// arbitration (docs.adyen.com Mastercard chargeback guidelines).
#[test]
fn mastercard_direct_codes_skip_pre_arbitration() {
    for code in ["4808", "4870", "4871"] {
        let c = class(Network::Mastercard, code).unwrap();
        assert!(!c.stages.contains(&Stage::PreArbitration), "{code}");
        assert_eq!(c.next, vec![Stage::Chargeback, Stage::Arbitration]);
    }
    let c = class(Network::Mastercard, "4853").unwrap();
    assert!(c.stages.contains(&Stage::PreArbitration));
    assert_eq!(
        class(Network::Mastercard, "4837").unwrap().category,
        Category::Fraud
    );
}

/// Amex and Discover as Braintree and Antom list them; Pix MED's grounds; Stripe's reasons.
#[test]
fn every_network_has_its_table() {
    let cases = [
        (Network::Amex, "C28", Category::SubscriptionCancelled),
        (Network::Amex, "p08", Category::Duplicate),
        (Network::Amex, "C08", Category::NotReceived),
        (Network::Discover, "RG", Category::NotReceived),
        (Network::Discover, "UA02", Category::Fraud),
        (Network::Discover, "RN2", Category::CreditNotProcessed),
        (Network::PixMed, "fraud", Category::Fraud),
        (
            Network::PixMed,
            "operational_failure",
            Category::ProcessingError,
        ),
        (
            Network::Stripe,
            "product_unacceptable",
            Category::NotAsDescribed,
        ),
        (
            Network::Stripe,
            "subscription_canceled",
            Category::SubscriptionCancelled,
        ),
    ];
    for (network, code, category) in cases {
        assert_eq!(class(network, code).unwrap().category, category, "{code}");
    }
    let pix = class(Network::PixMed, "fraud").unwrap();
    assert_eq!(pix.flow, Flow::Med);
    assert_eq!(pix.next, vec![Stage::MedReturnRequest, Stage::MedReturn]);
    // Bank debit returns cannot be contested.
    assert!(
        !class(Network::Stripe, "insufficient_funds")
            .unwrap()
            .fightable
    );
}

#[test]
fn an_unknown_code_names_the_network_and_the_path() {
    let e = class(Network::Visa, "14.1").unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.unknown_code", "code"));
    assert!(e.message().contains("visa"));
    // A Visa code is not a Mastercard code: never a guess across tables.
    let e = class(Network::Mastercard, "10.4").unwrap_err();
    assert!(e.message().contains("mastercard"));
    // Pix MED does not cover commercial disagreement.
    assert!(class(Network::PixMed, "not_as_described").is_err());
}

#[test]
fn a_stage_of_another_network_is_refused() {
    let request = ClassifyRequest {
        network: Network::Amex,
        code: "C08".into(),
        stage: Some(Stage::PreArbitration),
        locale: None,
    };
    let e = classify(&store(), &request, &mut Trace::new()).unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.unknown_stage", "stage"));
}

#[test]
fn sentences_come_in_every_language() {
    for locale in [Locale::En, Locale::PtBr, Locale::Es, Locale::El] {
        let request = ClassifyRequest {
            network: Network::Visa,
            code: "13.1".into(),
            stage: None,
            locale: Some(locale),
        };
        let c = classify(&store(), &request, &mut Trace::new()).unwrap();
        let r = &c.reasons[0];
        assert!(r.agent.contains("13.1") && !r.customer.contains("13.1"));
        let label = super::messages::category_label(Category::NotReceived, locale);
        assert!(r.agent.contains(label), "{}", r.agent);
    }
}

use crate::comms::Locale;

// ---------------------------------------------------------------- deadline

fn dl(
    engine: &Engine,
    network: Network,
    stage: Stage,
    started: &str,
    due: Option<&str>,
    now: &str,
) -> Result<DeadlineResponse, crate::Error> {
    let request = DeadlineRequest {
        network,
        stage,
        stage_started_at: ts(started),
        due_by: due.map(ts),
        now: ts(now),
        locale: Some(Locale::En),
    };
    deadline(engine, &request, &mut Trace::new())
}

/// The buffer counts business days on the São Paulo calendar, skipping 20 November,
/// Consciência Negra (Lei 14.759/2023), and the weekend.
#[test]
fn the_buffer_skips_the_holiday() {
    let a = dl(
        &store(),
        Network::Visa,
        Stage::Chargeback,
        "2026-11-16T10:00:00-03:00",
        Some("2026-11-24T23:59:00-03:00"),
        "2026-11-16T12:00:00-03:00",
    )
    .unwrap();
    assert_eq!(a.set_by, CandidateKind::Buffer);
    assert_eq!(a.respond_by.to_rfc3339(), "2026-11-19T23:59:00-03:00");
    assert_eq!(a.outside_deadline.to_rfc3339(), "2026-11-24T23:59:00-03:00");
    assert_eq!(a.candidates.len(), 3);
    // Visa's 30 calendar days (Visa Claims Resolution).
    assert_eq!(a.candidates[1].at.to_rfc3339(), "2026-12-16T10:00:00-03:00");
    assert_eq!(a.state, DeadlineState::Open);
    assert!(!a.at_risk);
    assert_eq!(a.seconds_left, 3 * 86_400 + 11 * 3600 + 59 * 60);
    // One reason, naming the day and the buffer's business days; neither risk nor a passed
    // buffer.
    let codes: Vec<&str> = a.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(codes, ["dispute.respond_by_buffer"]);
    assert!(
        a.reasons[0].agent.contains("19 November 2026 23:59"),
        "{}",
        a.reasons[0].agent
    );
    assert!(
        a.reasons[0].agent.contains("2 business days"),
        "{}",
        a.reasons[0].agent
    );
}

/// Without a buffer, the earlier of the processor's due_by and the network's clock.
#[test]
fn the_network_clock_wins_when_the_processor_gives_more() {
    let engine = with("buffer_business_days = 2", "buffer_business_days = 0");
    let a = dl(
        &engine,
        Network::Amex,
        Stage::Chargeback,
        "2026-03-02T09:00:00Z",
        Some("2026-04-30T00:00:00Z"),
        "2026-03-03T09:00:00Z",
    )
    .unwrap();
    assert_eq!(a.set_by, CandidateKind::Network);
    assert_eq!(a.rule, "amex.chargeback");
    assert_eq!(a.respond_by.to_rfc3339(), "2026-03-22T09:00:00Z");
    // The network's sentence names the clock's rule.
    assert_eq!(a.reasons[0].code, "dispute.respond_by_network");
    assert!(
        a.reasons[0].agent.contains("(amex.chargeback)"),
        "{}",
        a.reasons[0].agent
    );
    let b = dl(
        &engine,
        Network::Amex,
        Stage::Chargeback,
        "2026-03-02T09:00:00Z",
        Some("2026-03-09T00:00:00Z"),
        "2026-03-03T09:00:00Z",
    )
    .unwrap();
    assert_eq!(b.set_by, CandidateKind::Processor);
    assert_eq!(b.respond_by.to_rfc3339(), "2026-03-09T00:00:00Z");
}

/// Pix MED (Resolução BCB 103/2021): 7 days to analyse, 72 hours to request the return,
/// 24 hours to return.
#[test]
fn pix_med_clocks_run_in_hours() {
    let engine = with("buffer_business_days = 2", "buffer_business_days = 0");
    for (stage, hours) in [
        (Stage::MedAnalysis, 168),
        (Stage::MedReturnRequest, 72),
        (Stage::MedReturn, 24),
    ] {
        let a = dl(
            &engine,
            Network::PixMed,
            stage,
            "2026-05-08T18:00:00-03:00",
            None,
            "2026-05-08T18:30:00-03:00",
        )
        .unwrap();
        let left = (a.respond_by.to_utc() - ts("2026-05-08T18:00:00-03:00").to_utc()).num_hours();
        assert_eq!(left, hours, "{stage:?}");
        assert_eq!(a.set_by, CandidateKind::Network);
    }
    // 24 hours: at risk at once under a 48-hour warning.
    let a = dl(
        &engine,
        Network::PixMed,
        Stage::MedReturn,
        "2026-05-08T18:00:00-03:00",
        None,
        "2026-05-08T18:30:00-03:00",
    )
    .unwrap();
    assert!(a.at_risk);
    let risk = a
        .reasons
        .iter()
        .find(|r| r.code == "dispute.at_risk")
        .unwrap();
    assert!(risk.agent.contains("48"), "{}", risk.agent);
    // The receipt's `now` is the request's.
    let request = DeadlineRequest {
        network: Network::PixMed,
        stage: Stage::MedReturn,
        stage_started_at: ts("2026-05-08T18:00:00-03:00"),
        due_by: None,
        now: ts("2026-05-08T18:30:00-03:00"),
        locale: Some(Locale::En),
    };
    let answer = engine.call::<Deadline>(&request).unwrap();
    assert_eq!(
        answer.receipt.now.as_deref(),
        Some("2026-05-08T18:30:00-03:00")
    );
}

#[test]
fn a_passed_buffer_is_a_state_and_a_passed_deadline_an_error() {
    let a = dl(
        &store(),
        Network::Visa,
        Stage::Chargeback,
        "2026-11-16T10:00:00-03:00",
        Some("2026-11-24T23:59:00-03:00"),
        "2026-11-23T12:00:00-03:00",
    )
    .unwrap();
    assert_eq!(a.state, DeadlineState::BufferPassed);
    assert!(a.at_risk && a.seconds_left < 0 && a.outside_seconds_left > 0);
    // The passed buffer is said with the outside deadline's day, and said instead of the risk.
    let codes: Vec<&str> = a.reasons.iter().map(|r| r.code.as_str()).collect();
    assert_eq!(
        codes,
        ["dispute.respond_by_buffer", "dispute.buffer_passed"]
    );
    assert!(
        a.reasons[1].agent.contains("24 November 2026 23:59"),
        "{}",
        a.reasons[1].agent
    );
    let e = dl(
        &store(),
        Network::Visa,
        Stage::Chargeback,
        "2026-11-16T10:00:00-03:00",
        Some("2026-11-24T23:59:00-03:00"),
        "2026-11-25T00:00:00-03:00",
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.deadline_passed", "due_by"));
    let e = dl(
        &store(),
        Network::Visa,
        Stage::Chargeback,
        "2026-01-02T10:00:00Z",
        None,
        "2026-02-01T10:00:00Z",
    )
    .unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.deadline_passed", "stage_started_at")
    );
}

#[test]
fn deadline_errors_have_their_paths() {
    let e = dl(
        &store(),
        Network::Visa,
        Stage::Chargeback,
        "2026-03-02T10:00:00Z",
        None,
        "2026-03-01T10:00:00Z",
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.out_of_order", "now"));
    let e = dl(
        &store(),
        Network::Visa,
        Stage::Chargeback,
        "2026-03-02T10:00:00Z",
        Some("2026-03-01T10:00:00Z"),
        "2026-03-02T11:00:00Z",
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.out_of_order", "due_by"));
    // No clock for a Visa inquiry, and no due_by.
    let e = dl(
        &store(),
        Network::Visa,
        Stage::Inquiry,
        "2026-03-02T10:00:00Z",
        None,
        "2026-03-02T11:00:00Z",
    )
    .unwrap_err();
    assert_eq!(e.code(), "dispute.no_deadline");
    let e = dl(
        &store(),
        Network::Visa,
        Stage::MedReturn,
        "2026-03-02T10:00:00Z",
        None,
        "2026-03-02T11:00:00Z",
    )
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.unknown_stage", "stage"));
}

#[test]
fn configuration_problems_have_their_paths() {
    for (from, to, path) in [
        (
            "calendar = \"sao_paulo\"\nbuffer",
            "calendar = \"nowhere\"\nbuffer",
            "dispute.calendar",
        ),
        (
            "days = 30\neffective_from = \"2018-04-14\"",
            "days = 30\nhours = 1\neffective_from = \"2018-04-14\"",
            "dispute.clocks[0]",
        ),
        (
            "ratio = \"0.022\"",
            "ratio = \"2.2%\"",
            "dispute.monitoring[0].ratio",
        ),
        (
            "handling_cost = { amount = \"25.00\", currency = \"BRL\" }",
            "handling_cost = { amount = \"25.00\", currency = \"EUR\" }",
            "dispute.fees[0].handling_cost",
        ),
    ] {
        let e = Engine::from_toml(&DEFAULT.replacen(from, to, 1)).unwrap_err();
        let text = format!("{e:?}");
        assert!(text.contains(path), "{path}: {text}");
    }
}

// ---------------------------------------------------------------- evidence

fn ev(request: &EvidenceRequest) -> Result<EvidenceResponse, crate::Error> {
    evidence(&store(), request, &mut Trace::new())
}

fn ev_request(
    network: Network,
    code: &str,
    product: ProductType,
    have: &[&str],
) -> EvidenceRequest {
    EvidenceRequest {
        network,
        code: code.into(),
        product_type: product,
        have: have.iter().map(|h| (*h).to_owned()).collect(),
        submitted: false,
        disputed: None,
        prior: Vec::new(),
        locale: None,
    }
}

/// Shipping evidence for physical goods not received; access logs for digital goods
/// (WooPayments evidence form, mirroring Stripe's guidance).
#[test]
fn the_checklist_follows_category_and_product() {
    let physical = ev(&ev_request(
        Network::Visa,
        "13.1",
        ProductType::Physical,
        &["receipt"],
    ))
    .unwrap();
    assert!(physical
        .missing_required
        .contains(&"shipping_tracking_number".to_owned()));
    assert!(!physical
        .items
        .iter()
        .any(|i| i.key == "access_activity_log"));
    let digital = ev(&ev_request(
        Network::Visa,
        "13.1",
        ProductType::Digital,
        &[],
    ))
    .unwrap();
    assert!(digital
        .missing_required
        .contains(&"access_activity_log".to_owned()));
    assert!(!digital
        .items
        .iter()
        .any(|i| i.key == "shipping_tracking_number"));
    let cnp = ev(&ev_request(
        Network::Stripe,
        "credit_not_processed",
        ProductType::Service,
        &[],
    ))
    .unwrap();
    assert!(cnp
        .missing_required
        .contains(&"refund_refusal_explanation".to_owned()));
    let sub = ev(&ev_request(
        Network::Amex,
        "C28",
        ProductType::Subscription,
        &[],
    ))
    .unwrap();
    assert!(sub
        .missing_required
        .contains(&"cancellation_rebuttal".to_owned()));
    assert_eq!(sub.completeness_bp, 0);
}

/// Required items count twice, recommended once; basis points rounded down.
#[test]
fn completeness_is_exact_and_rounded_down() {
    let dup = ev(&ev_request(
        Network::Visa,
        "12.6.1",
        ProductType::Digital,
        &[],
    ))
    .unwrap();
    let required = dup
        .items
        .iter()
        .filter(|i| i.level == EvidenceLevel::Required)
        .count();
    let recommended = dup.items.len() - required;
    // product_description, receipt, duplicate_charge_id, duplicate_charge_explanation.
    assert_eq!(required, 4);
    let total = (2 * required + recommended) as u32;
    let have = ev(&ev_request(
        Network::Visa,
        "12.6.1",
        ProductType::Digital,
        &["receipt", "customer_name"],
    ))
    .unwrap();
    assert_eq!(have.completeness_bp, 3 * 10_000 / total);
    let all: Vec<&str> = dup.items.iter().map(|i| i.key.as_str()).collect();
    assert_eq!(
        ev(&ev_request(
            Network::Visa,
            "12.6.1",
            ProductType::Digital,
            &all
        ))
        .unwrap()
        .completeness_bp,
        10_000
    );
}

fn prior(
    id: &str,
    at: &str,
    ip: Option<&str>,
    device: Option<&str>,
    disputed: bool,
) -> PriorTransaction {
    PriorTransaction {
        id: id.into(),
        disputed,
        at: ts(at),
        ip_address: ip.map(Into::into),
        device_id: device.map(Into::into),
        shipping_address: None,
        account_id: Some("acct-7".into()),
    }
}

/// Visa Compelling Evidence 3.0 (10.4): two prior undisputed transactions 120 to 365 days
/// before, each matching on two of IP, device, shipping address, account id, one of the two
/// the IP address or the device id (Visa, CE 3.0 merchant readiness: "at least two of the
/// core data elements match ... and one of the two must be either IP address or device ID").
#[test]
fn compelling_evidence_names_the_qualifying_transactions() {
    let mut request = ev_request(Network::Visa, "10.4", ProductType::Digital, &[]);
    request.disputed = Some(TransactionFacts {
        at: ts("2026-06-01T12:00:00Z"),
        ip_address: Some("203.0.113.7".into()),
        device_id: Some("dev-1".into()),
        shipping_address: Some("Rua Augusta 100, São Paulo".into()),
        account_id: Some("acct-7".into()),
    });
    let mut address_and_account = prior(
        "address_and_account",
        "2025-12-01T12:00:00Z",
        None,
        None,
        false,
    );
    address_and_account.shipping_address = Some("Rua Augusta 100, São Paulo".into());
    request.prior = vec![
        address_and_account,
        prior(
            "day_120",
            "2026-02-01T12:00:00Z",
            Some("203.0.113.7"),
            None,
            false,
        ),
        prior(
            "day_119",
            "2026-02-02T12:00:01Z",
            Some("203.0.113.7"),
            None,
            false,
        ),
        prior(
            "disputed",
            "2025-12-01T12:00:00Z",
            Some("203.0.113.7"),
            Some("dev-1"),
            true,
        ),
        prior("one_match", "2025-12-01T12:00:00Z", None, None, false),
        prior(
            "day_365",
            "2025-06-01T12:00:00Z",
            None,
            Some("dev-1"),
            false,
        ),
        prior(
            "day_366",
            "2025-05-31T12:00:00Z",
            Some("203.0.113.7"),
            Some("dev-1"),
            false,
        ),
    ];
    let a = ev(&request).unwrap();
    let ce = a.compelling_evidence.unwrap();
    let ids: Vec<&str> = ce.qualifying.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["day_120", "day_365"]);
    assert_eq!(ce.qualifying[0].days_before, 120);
    assert_eq!(ce.qualifying[0].matched, ["ip_address", "account_id"]);
    assert!(ce.eligible);
    // Shipping address and account id match, but neither the IP address nor the device id.
    assert!(!ids.contains(&"address_and_account"));
    request.prior.truncate(2);
    assert!(!ev(&request).unwrap().compelling_evidence.unwrap().eligible);
    // Not Visa 10.4: no compelling evidence section.
    let other = ev(&ev_request(
        Network::Visa,
        "10.3",
        ProductType::Digital,
        &[],
    ))
    .unwrap();
    assert!(other.compelling_evidence.is_none());
}

#[test]
fn evidence_errors_have_their_paths() {
    let mut request = ev_request(
        Network::Visa,
        "13.1",
        ProductType::Physical,
        &["receipt", "tracking"],
    );
    let e = ev(&request).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input.invalid", "have[1]"));
    request.have.clear();
    request.submitted = true;
    let e = ev(&request).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.evidence_already_submitted", "submitted")
    );
}

// ---------------------------------------------------------------- recommend

fn rec_request(
    code: &str,
    stage: Stage,
    amount: &str,
    refunds: &[(&str, RefundState)],
    evidence_bp: u32,
) -> RecommendRequest {
    RecommendRequest {
        network: Network::Visa,
        code: code.into(),
        stage,
        amount: brl(amount),
        refunds: refunds
            .iter()
            .map(|(a, s)| RefundEntry {
                amount: brl(a),
                state: *s,
            })
            .collect(),
        evidence_bp,
        alert: None,
        locale: Some(Locale::En),
    }
}

fn rec(engine: &Engine, request: &RecommendRequest) -> Result<RecommendResponse, crate::Error> {
    recommend(engine, request, &mut Trace::new())
}

#[test]
fn a_full_refund_is_submitted_as_credit_never_fought() {
    let r = rec_request(
        "13.1",
        Stage::Chargeback,
        "100.00",
        &[
            ("60.00", RefundState::Succeeded),
            ("40.00", RefundState::Pending),
        ],
        10_000,
    );
    let a = rec(&store(), &r).unwrap();
    assert_eq!(a.action, Action::SubmitCredit);
    assert_eq!(a.refunded, brl("100.00"));
    assert!(a.reasons[0].agent.contains("100.00"));
    // A failed refund does not count.
    let r = rec_request(
        "13.1",
        Stage::Chargeback,
        "100.00",
        &[("100.00", RefundState::Failed)],
        0,
    );
    assert_ne!(rec(&store(), &r).unwrap().action, Action::SubmitCredit);
}

/// Without a configured win rate the library assumes a loss: accept, or a person decides
/// when the evidence is complete. It never fights on invented odds.
#[test]
fn without_a_prior_it_never_fights() {
    let a = rec(
        &store(),
        &rec_request("13.1", Stage::Chargeback, "500.00", &[], 5_000),
    )
    .unwrap();
    assert_eq!(a.action, Action::Accept);
    assert_eq!(a.win_rate_bp, None);
    assert!(a.reasons.iter().any(|r| r.code == "dispute.no_win_rate"));
    // Accept: 500 + 60 dispute fee.
    assert_eq!(a.scenarios[0].expected_loss, brl("560.00"));
    let a = rec(
        &store(),
        &rec_request("13.1", Stage::Chargeback, "500.00", &[], 10_000),
    )
    .unwrap();
    assert_eq!(a.action, Action::Review);
}

/// With a prior: p = 60% × evidence 100%; fight loses 0.6 × (25 handling + 60 dispute fee) +
/// 0.4 × (500 + 60 + 60 + 25) = 51 + 258 = 309.00 against 560.00 to accept.
#[test]
fn with_a_prior_the_expected_loss_decides() {
    let engine = with_win_rate("not_received = 6000");
    let a = rec(
        &engine,
        &rec_request("13.1", Stage::Chargeback, "500.00", &[], 10_000),
    )
    .unwrap();
    assert_eq!(a.action, Action::Fight);
    assert_eq!(a.scenarios[0].action, Action::Fight);
    assert_eq!(a.scenarios[0].expected_loss, brl("309.00"));
    // Weak evidence scales the odds: 60% × 10% = 6%.
    let a = rec(
        &engine,
        &rec_request("13.1", Stage::Chargeback, "500.00", &[], 1_000),
    )
    .unwrap();
    assert_eq!(a.effective_win_bp, 600);
    assert_eq!(a.action, Action::Accept);
    // Partly refunded: only the rest is at stake.
    let a = rec(
        &engine,
        &rec_request(
            "13.1",
            Stage::Chargeback,
            "500.00",
            &[("450.00", RefundState::Succeeded)],
            10_000,
        ),
    )
    .unwrap();
    assert_eq!(a.at_stake, brl("50.00"));
    assert!(a
        .reasons
        .iter()
        .any(|r| r.code == "dispute.partly_refunded"));
}

/// Pre-dispute alerts under the merchant's amount are refunded automatically (Visa RDR,
/// Ethoca, CDRN; checkout.com pre-dispute resolution).
#[test]
fn alerts_under_the_limit_are_refunded() {
    let mut r = rec_request("10.4", Stage::Inquiry, "25.00", &[], 0);
    r.alert = Some(Alert {
        kind: AlertKind::Rdr,
    });
    let a = rec(&store(), &r).unwrap();
    assert_eq!(a.action, Action::Refund);
    assert_eq!(a.reasons[0].rule, "alerts_under_25_brl");
    r.amount = brl("25.01");
    let a = rec(&store(), &r).unwrap();
    // Over the limit: by expected loss, refunding (25.01 + 20 alert fee) beats a chargeback
    // (25.01 + 60).
    assert_eq!(a.action, Action::Refund);
    assert_eq!(a.reasons.last().unwrap().rule, "dispute.expected_loss");
}

/// An acceptance tells the customer the payment's disputed amount; the expected loss (the
/// amount and the fees) is for the agent only.
#[test]
fn an_acceptance_names_the_disputed_amount_to_the_customer() {
    let r = rec_request("13.1", Stage::Chargeback, "459.00", &[], 7619);
    let a = rec(&store(), &r).unwrap();
    assert_eq!(a.action, Action::Accept);
    let accept = a
        .reasons
        .iter()
        .find(|x| x.code == "dispute.accept")
        .unwrap();
    let loss = &a.scenarios[0].expected_loss;
    assert_ne!(*loss, brl("459.00"));
    assert!(
        accept.agent.contains(&loss.to_string().replace(" BRL", "")),
        "{}",
        accept.agent
    );
    assert_eq!(
        accept.customer,
        "We accept your bank's decision on this payment of 459.00 BRL; you do not need to do anything."
    );
}

#[test]
fn recommend_errors_have_their_paths() {
    let mut r = rec_request("13.1", Stage::Chargeback, "100.00", &[], 0);
    r.refunds.push(RefundEntry {
        amount: Money::parse("10.00", "EUR").unwrap(),
        state: RefundState::Succeeded,
    });
    let e = rec(&store(), &r).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.currency_mismatch", "refunds[0].amount")
    );
    let mut r = rec_request("13.1", Stage::Chargeback, "100.00", &[], 0);
    r.amount = Money::parse("100.00", "USD").unwrap();
    let e = rec(&store(), &r).unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.no_fees", "amount"));
    let r = rec_request("13.1", Stage::Chargeback, "100.00", &[], 10_001);
    let e = rec(&store(), &r).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.out_of_range", "evidence_bp")
    );
}

// ---------------------------------------------------------------- monitor

fn mon(request: &MonitorRequest) -> Result<MonitorResponse, crate::Error> {
    monitor(&store(), request, &mut Trace::new())
}

fn vamp(month: &str, days: u32, reports: u64, disputes: u64, cnp: u64) -> MonitorRequest {
    MonitorRequest {
        month: month.into(),
        days_elapsed: days,
        region: None,
        vamp: Some(VampFigures {
            fraud_reports: reports,
            disputes,
            cnp_settled: cnp,
        }),
        mastercard: None,
        mastercard_fraud: None,
        locale: None,
    }
}

/// VAMP: 1.5% with at least 1,500 events from April 2026; 2.2% before (domain-facts).
#[test]
fn vamp_thresholds_are_dated() {
    let before = mon(&vamp("2026-03", 31, 1000, 700, 100_000)).unwrap();
    assert_eq!(before.levels[0].threshold, "0.022");
    assert!(!before.levels[0].reached); // 1.7% < 2.2%
    let after = mon(&vamp("2026-04", 30, 1000, 700, 100_000)).unwrap();
    assert_eq!(after.levels[0].threshold, "0.015");
    assert_eq!(after.levels[0].ratio, "0.017");
    assert_eq!(after.levels[0].distance, "-0.002");
    assert!(after.levels[0].reached);
    // Allowed: under 1,500 (0.015 × 100,000): 1,499; prevent 201.
    assert_eq!(after.levels[0].to_prevent, 201);
    let mut cemea = vamp("2026-04", 30, 1000, 700, 100_000);
    cemea.region = Some("cemea".into());
    assert_eq!(mon(&cemea).unwrap().levels[0].threshold, "0.022");
}

#[test]
fn below_the_minimum_count_is_never_excessive() {
    // 10% ratio but 1,000 events.
    let a = mon(&vamp("2026-06", 30, 500, 500, 10_000)).unwrap();
    assert!(!a.levels[0].reached);
    assert_eq!(a.levels[0].ratio, "0.1");
}

/// Mastercard ECP: early warning 100+ and 1%, excessive 100+ and 1.5%, high excessive 300+
/// and 3%; the month's projection at the current pace.
#[test]
fn mastercard_levels_and_projection() {
    let request = MonitorRequest {
        month: "2026-11".into(),
        days_elapsed: 10,
        region: None,
        vamp: None,
        mastercard: Some(MastercardFigures {
            chargebacks: 120,
            prior_month_sales: 10_000,
        }),
        mastercard_fraud: None,
        locale: Some(Locale::Es),
    };
    let a = mon(&request).unwrap();
    let levels: Vec<(ProgramLevel, bool, bool)> = a
        .levels
        .iter()
        .map(|l| (l.level, l.reached, l.projected_reached))
        .collect();
    assert_eq!(
        levels,
        [
            (ProgramLevel::EarlyWarning, true, true),
            (ProgramLevel::Excessive, false, true),
            (ProgramLevel::HighExcessive, false, true),
        ]
    );
    assert_eq!(a.levels[2].projected_count, 360);
    // High excessive: allowed 299 (count minimum 300), prevent 61.
    assert_eq!(a.levels[2].to_prevent, 61);
    assert_eq!(a.days_in_month, 30);
}

#[test]
fn monitor_errors_have_their_paths() {
    let e = mon(&vamp("2026-13", 1, 1, 1, 1)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("input.invalid", "month"));
    let e = mon(&vamp("2026-02", 29, 1, 1, 1)).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.out_of_range", "days_elapsed")
    );
    let e = mon(&vamp("2026-02", 2, 1, 1, 0)).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.out_of_range", "vamp.cnp_settled")
    );
    let e = mon(&vamp("2024-02", 2, 1, 1, 10)).unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.no_threshold", "region"));
}

// ---------------------------------------------------------------- properties

fn engine_with_buffer(days: u32) -> Engine {
    with(
        "buffer_business_days = 2",
        &format!("buffer_business_days = {days}"),
    )
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// respond_by ≤ due_by and ≤ the network's clock, always; a larger buffer never moves it
    /// later.
    #[test]
    fn respond_by_is_never_late_and_monotone_in_the_buffer(
        start_min in 0i64..(400 * 1440),
        due_after_min in 60i64..(60 * 1440),
        now_frac in 0u32..100,
        a in 0u32..12,
        b in 0u32..12,
        network in prop::sample::select(vec![Network::Visa, Network::Mastercard, Network::Amex, Network::Discover]),
    ) {
        let start = ts("2026-01-01T00:00:00-03:00").as_datetime() + chrono::Duration::minutes(start_min);
        let due = start + chrono::Duration::minutes(due_after_min);
        let now = start + chrono::Duration::minutes(due_after_min * i64::from(now_frac) / 100);
        let (small, large) = (a.min(b), a.max(b));
        let run = |buffer: u32| {
            let request = DeadlineRequest {
                network,
                stage: Stage::Chargeback,
                stage_started_at: Timestamp::from(start),
                due_by: Some(Timestamp::from(due)),
                now: Timestamp::from(now),
                locale: None,
            };
            deadline(&engine_with_buffer(buffer), &request, &mut Trace::new())
        };
        match (run(small), run(large)) {
            (Ok(x), Ok(y)) => {
                for r in [&x, &y] {
                    prop_assert!(r.respond_by <= Timestamp::from(due));
                    prop_assert!(r.respond_by <= r.outside_deadline);
                    for c in &r.candidates {
                        prop_assert!(r.respond_by <= c.at);
                    }
                }
                prop_assert!(y.respond_by <= x.respond_by);
            }
            (Err(x), Err(y)) => prop_assert_eq!(x.code(), y.code()),
            (x, y) => prop_assert!(false, "{:?} / {:?}", x.map(|r| r.respond_by), y.map(|r| r.respond_by)),
        }
    }

    /// An order refunded in full, in any mix of succeeded and pending refunds, is never
    /// fought, whatever the win rate and evidence.
    #[test]
    fn a_full_refund_is_never_fought(
        amount in 1i128..1_000_000,
        split in 0i128..=100,
        pending in any::<bool>(),
        extra in 0i128..1000,
        evidence_bp in 0u32..=10_000,
    ) {
        let engine = with_win_rate("fraud = 10000");
        let brl = crate::money::Currency::from_code("BRL").unwrap();
        let first = amount * split / 100;
        let second = amount - first + extra;
        let request = RecommendRequest {
            network: Network::Visa,
            code: "10.4".into(),
            stage: Stage::Chargeback,
            amount: Money::from_minor(amount, brl).unwrap(),
            refunds: vec![
                RefundEntry { amount: Money::from_minor(first, brl).unwrap(), state: RefundState::Succeeded },
                RefundEntry {
                    amount: Money::from_minor(second, brl).unwrap(),
                    state: if pending { RefundState::Pending } else { RefundState::Succeeded },
                },
            ],
            evidence_bp,
            alert: None,
            locale: None,
        };
        let a = recommend(&engine, &request, &mut Trace::new()).unwrap();
        prop_assert_eq!(a.action, Action::SubmitCredit);
    }

    /// A count below the program's minimum never reaches the level; at or above it, the
    /// level is reached exactly when count ≥ threshold × denominator.
    #[test]
    fn levels_are_exact_and_respect_the_minimum(
        reports in 0u64..3000,
        disputes in 0u64..3000,
        cnp in 1u64..500_000,
    ) {
        let a = mon(&vamp("2026-05", 31, reports, disputes, cnp)).unwrap();
        let l = &a.levels[0];
        let count = reports + disputes;
        if count < 1500 {
            prop_assert!(!l.reached);
        } else {
            // 0.015 = 15 / 1000, in integers.
            prop_assert_eq!(l.reached, count * 1000 >= 15 * cnp);
        }
        // Preventing `to_prevent` events brings the month under the level.
        let under = l.projected_count - l.to_prevent;
        prop_assert!(under < 1500 || under * 1000 < 15 * l.projected_denominator);
    }
}

// ---------------------------------------------------------------- replay

fn event(json: &str) -> DisputeEvent {
    serde_json::from_str(json).unwrap()
}

fn opened(network: &str, code: &str, stage: &str) -> DisputeEvent {
    event(&format!(
        r#"{{"type":"opened","at":"2026-11-23T09:00:00-03:00","network":"{network}","code":"{code}","stage":"{stage}"}}"#
    ))
}

fn at_day(day: u32, rest: &str) -> DisputeEvent {
    event(&format!(
        r#"{{"at":"2026-12-{day:02}T09:00:00-03:00",{rest}}}"#
    ))
}

fn play(log: Vec<DisputeEvent>) -> Result<DisputeState, crate::Error> {
    replay(&store(), &ReplayRequest { log }, &mut Trace::new())
}

/// Stripe's statuses: needs_response, under_review (evidence submitted), won.
#[test]
fn processor_statuses_map_onto_the_lifecycle() {
    let s = play(vec![
        opened("stripe", "fraudulent", "inquiry"),
        at_day(
            1,
            r#""type":"processor_status","status":"warning_under_review""#,
        ),
        at_day(2, r#""type":"processor_status","status":"needs_response""#),
        at_day(3, r#""type":"processor_status","status":"under_review""#),
        at_day(4, r#""type":"processor_status","status":"under_review""#),
        at_day(20, r#""type":"processor_status","status":"won""#),
        at_day(20, r#""type":"processor_status","status":"won""#),
    ])
    .unwrap();
    assert_eq!(s.stage, Stage::Chargeback);
    assert!(s.evidence_submitted);
    assert_eq!(s.outcome, Some(Outcome::Won));
    let reached: Vec<Stage> = s.stages.iter().map(|e| e.stage).collect();
    assert_eq!(reached, [Stage::Inquiry, Stage::Chargeback]);
    assert_eq!(s.events, 7);
}

/// Regression (found by the reference model in tests/lifecycle_dispute_model.rs): a closed
/// dispute took a processor status that contradicts its outcome (`needs_response` after
/// `won`, at the chargeback) as a no-op, so the state kept saying `won`. Only the closing
/// status of its outcome, sent again, changes nothing; anything else is refused.
#[test]
fn a_closed_dispute_refuses_statuses_that_contradict_it() {
    let won = vec![
        opened("stripe", "fraudulent", "chargeback"),
        at_day(1, r#""type":"processor_status","status":"under_review""#),
        at_day(2, r#""type":"processor_status","status":"won""#),
    ];
    for status in ["needs_response", "under_review", "lost"] {
        let mut log = won.clone();
        log.push(at_day(
            3,
            &format!(r#""type":"processor_status","status":"{status}""#),
        ));
        let e = play(log).unwrap_err();
        assert_eq!(
            (e.code(), e.path()),
            ("dispute.illegal_transition", "log[3]"),
            "{status}"
        );
    }
    let mut again = won.clone();
    again.push(at_day(3, r#""type":"processor_status","status":"won""#));
    assert_eq!(play(again).unwrap().outcome, Some(Outcome::Won));
}

/// Visa: a won chargeback can come back at the issuer's pre-arbitration, then arbitration;
/// an accepted one is final.
#[test]
fn only_won_or_lost_disputes_reopen_and_only_forward() {
    let won = vec![
        opened("visa", "13.1", "chargeback"),
        at_day(1, r#""type":"evidence_submitted""#),
        at_day(10, r#""type":"closed","outcome":"won""#),
        at_day(12, r#""type":"reopened","stage":"pre_arbitration""#),
        at_day(13, r#""type":"evidence_submitted""#),
    ];
    let s = play(won.clone()).unwrap();
    assert_eq!(
        (s.stage, s.outcome, s.evidence_submitted),
        (Stage::PreArbitration, None, true)
    );
    let mut backwards = won.clone();
    backwards.push(at_day(14, r#""type":"advanced","stage":"chargeback""#));
    let e = play(backwards).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.illegal_transition", "log[5]")
    );
    let mut twice = won;
    twice.push(at_day(14, r#""type":"evidence_submitted""#));
    assert_eq!(
        play(twice).unwrap_err().code(),
        "dispute.illegal_transition"
    );
    let accepted = vec![
        opened("visa", "13.1", "chargeback"),
        at_day(2, r#""type":"closed","outcome":"accepted""#),
        at_day(12, r#""type":"reopened","stage":"pre_arbitration""#),
    ];
    let e = play(accepted).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.illegal_transition", "log[2]")
    );
    assert!(e.message().contains("closed"));
}

/// Mastercard 4808 goes from the chargeback straight to arbitration: no pre-arbitration.
#[test]
fn mastercard_4808_has_no_pre_arbitration() {
    let e = play(vec![
        opened("mastercard", "4808", "chargeback"),
        at_day(1, r#""type":"advanced","stage":"pre_arbitration""#),
    ])
    .unwrap_err();
    assert_eq!(e.code(), "dispute.illegal_transition");
    let s = play(vec![
        opened("mastercard", "4808", "chargeback"),
        at_day(1, r#""type":"advanced","stage":"arbitration""#),
    ])
    .unwrap();
    assert_eq!(s.stage, Stage::Arbitration);
}

#[test]
fn replay_errors_have_their_paths() {
    assert_eq!(play(vec![]).unwrap_err().code(), "dispute.empty_log");
    let e = play(vec![at_day(1, r#""type":"evidence_submitted""#)]).unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.not_opened", "log[0]"));
    let e = play(vec![
        opened("visa", "13.1", "chargeback"),
        opened("visa", "13.1", "chargeback"),
    ])
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.not_opened", "log[1]"));
    let e = play(vec![opened("visa", "99.9", "chargeback")]).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.unknown_code", "log[0].code")
    );
    let e = play(vec![opened("pix_med", "fraud", "chargeback")]).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.unknown_stage", "log[0].stage")
    );
    let e = play(vec![
        opened("visa", "13.1", "chargeback"),
        event(r#"{"type":"evidence_submitted","at":"2026-11-22T09:00:00-03:00"}"#),
    ])
    .unwrap_err();
    assert_eq!((e.code(), e.path()), ("dispute.out_of_order", "log[1]"));
}

fn arb_event() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "inquiry",
            "chargeback",
            "pre_arbitration",
            "arbitration",
            "med_return_request",
            "med_return"
        ])
        .prop_map(|s| format!(r#""type":"advanced","stage":"{s}""#)),
        prop::sample::select(vec!["chargeback", "pre_arbitration", "arbitration"])
            .prop_map(|s| format!(r#""type":"reopened","stage":"{s}""#)),
        Just(r#""type":"evidence_submitted""#.to_owned()),
        prop::sample::select(vec![
            "won",
            "lost",
            "accepted",
            "prevented",
            "expired",
            "inquiry_closed"
        ])
        .prop_map(|o| format!(r#""type":"closed","outcome":"{o}""#)),
        prop::sample::select(vec![
            "warning_needs_response",
            "warning_under_review",
            "warning_closed",
            "needs_response",
            "under_review",
            "won",
            "lost",
            "prevented"
        ])
        .prop_map(|s| format!(r#""type":"processor_status","status":"{s}""#)),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    /// Folding event by event, keeping what the state accepts: stages never go backwards,
    /// a closed dispute accepts only a reopening, and replaying the kept log gives the same
    /// state.
    #[test]
    fn stages_only_move_forward(
        first in prop::sample::select(vec![("visa", "10.4", "inquiry"), ("mastercard", "4837", "chargeback"), ("mastercard", "4808", "chargeback"), ("amex", "C08", "inquiry"), ("pix_med", "fraud", "med_analysis"), ("stripe", "duplicate", "inquiry")]),
        events in prop::collection::vec(arb_event(), 1..25),
    ) {
        let mut log = vec![opened(first.0, first.1, first.2)];
        let mut last = play(log.clone()).unwrap();
        for (day, rest) in (1u32..).zip(&events) {
            let e = at_day(day, rest);
            let mut next = log.clone();
            next.push(e.clone());
            match play(next.clone()) {
                Ok(state) => {
                    let rank = |s: &DisputeState| s.stages.len();
                    prop_assert!(rank(&state) >= rank(&last));
                    prop_assert!(state.stage >= last.stage);
                    if last.outcome.is_some() {
                        let reopened = matches!(e, DisputeEvent::Reopened { .. });
                        let idempotent = state == DisputeState { updated_at: state.updated_at, events: state.events, ..last.clone() };
                        prop_assert!(reopened || idempotent, "{:?} after {:?}", e, last.outcome);
                    }
                    log = next;
                    last = state;
                }
                Err(err) => prop_assert!(err.code().starts_with("dispute."), "{}", err.code()),
            }
        }
        prop_assert_eq!(play(log.clone()).unwrap(), play(log).unwrap());
    }
}

// ---------------------------------------------------------------- analyze

fn case(
    code: &str,
    product: &str,
    ticket: bool,
    denied: bool,
    days: u32,
    amount: &str,
) -> AnalyzeCase {
    serde_json::from_str(&format!(
        r#"{{"network":"visa","code":"{code}","product_type":"{product}","channel":"web",
            "payment_method":"card","amount":{{"amount":"{amount}","currency":"BRL"}},
            "purchased_at":"2026-09-01T10:00:00-03:00",
            "disputed_at":"{}","ticket_before_dispute":{ticket},"refund_denied":{denied}}}"#,
        Timestamp::from(
            ts("2026-09-01T10:00:00-03:00").as_datetime() + chrono::Duration::days(i64::from(days))
        )
    ))
    .unwrap()
}

#[test]
fn analyze_finds_what_a_timely_refund_would_have_prevented() {
    let request = AnalyzeRequest {
        cases: vec![
            case("13.1", "physical", true, true, 20, "100.00"),
            case("13.1", "physical", true, false, 40, "50.00"),
            case("13.1", "physical", false, false, 5, "10.00"),
            // Fraud is never counted as preventable by a refund asked for on a ticket.
            case("10.4", "digital", true, false, 130, "30.00"),
            case("99.9", "digital", true, false, 1, "30.00"),
        ],
        locale: Some(Locale::PtBr),
    };
    let a = analyze(&store(), &request, &mut Trace::new()).unwrap();
    assert_eq!((a.disputes, a.preventable, a.preventable_bp), (4, 2, 5_000));
    assert_eq!(a.refund_denied, 1);
    assert_eq!(a.ticket_unresolved, 3);
    assert_eq!(a.errors.get("dispute.unknown_code"), Some(&1));
    let nr = &a.by_category["not_received"];
    assert_eq!((nr.disputes, nr.preventable), (3, 2));
    assert_eq!(nr.amounts, vec![brl("160.00")]);
    let buckets: Vec<(&str, u64)> = a
        .by_days_since_purchase
        .iter()
        .map(|(k, g)| (k.as_str(), g.disputes))
        .collect();
    assert_eq!(
        buckets,
        [("0-7", 1), ("121+", 1), ("31-60", 1), ("8-30", 1)]
    );
    assert_eq!(a.top_causes[0].category, Category::NotReceived);
    assert_eq!(a.top_causes[0].disputes, 3);
    assert!(a.top_causes[0].support_action.contains("reembolse"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// Every dispute lands in exactly one group of each breakdown, and the preventable ones
    /// never outnumber those whose customer wrote first.
    #[test]
    fn analyze_conserves_counts(
        rows in prop::collection::vec((0usize..5, any::<bool>(), any::<bool>(), 0u32..400), 0..40),
    ) {
        let codes = ["10.4", "13.1", "13.3", "12.6.1", "13.2"];
        let cases: Vec<AnalyzeCase> = rows
            .iter()
            .map(|(c, t, d, days)| case(codes[*c], "physical", *t, *d, *days, "1.00"))
            .collect();
        let wrote = rows.iter().filter(|r| r.1).count() as u64;
        let a = analyze(&store(), &AnalyzeRequest { cases, locale: None }, &mut Trace::new()).unwrap();
        prop_assert_eq!(a.disputes, rows.len() as u64);
        for map in [&a.by_category, &a.by_product, &a.by_channel, &a.by_payment_method, &a.by_days_since_purchase] {
            prop_assert_eq!(map.values().map(|g| g.disputes).sum::<u64>(), a.disputes);
            prop_assert_eq!(map.values().map(|g| g.preventable).sum::<u64>(), a.preventable);
        }
        prop_assert!(a.preventable <= wrote);
    }
}

// ---------------------------------------------------------------- the example store

/// The US example: Stripe's fees, the store's own win rates, a buffer on its New York
/// calendar over Thanksgiving.
#[test]
fn the_us_example_store_fights_with_its_own_win_rates() {
    let engine = Engine::from_toml(include_str!(
        "../../../../examples/policies/us_store_disputes.toml"
    ))
    .unwrap();
    let request = RecommendRequest {
        network: Network::Visa,
        code: "13.1".into(),
        stage: Stage::Chargeback,
        amount: Money::parse("240.00", "USD").unwrap(),
        refunds: vec![],
        evidence_bp: 10_000,
        alert: None,
        locale: Some(Locale::En),
    };
    let a = recommend(&engine, &request, &mut Trace::new()).unwrap();
    // 62% × (20 + 15) + 38% × (240 + 15 + 15 + 20) = 21.70 + 110.20 = 131.90 < 255.00.
    assert_eq!(a.action, Action::Fight);
    assert_eq!(
        a.scenarios[0].expected_loss,
        Money::parse("131.90", "USD").unwrap()
    );
    let d = deadline(
        &engine,
        &DeadlineRequest {
            network: Network::Visa,
            stage: Stage::Chargeback,
            stage_started_at: ts("2026-11-20T10:00:00-05:00"),
            due_by: Some(ts("2026-11-30T23:59:00-05:00")),
            now: ts("2026-11-20T11:00:00-05:00"),
            locale: None,
        },
        &mut Trace::new(),
    )
    .unwrap();
    // Back from Monday 30 November: Friday 27, (Thursday 26 Thanksgiving), Wednesday 25,
    // Tuesday 24.
    assert_eq!(d.respond_by.to_rfc3339(), "2026-11-24T23:59:00-05:00");
}

/// Mastercard EFM: at least 1,000 sales, 50,000 USD of fraud chargebacks, a fraud-to-sales
/// ratio of 0.5 % and under 10 % on 3-D Secure, all at once (domain-facts).
#[test]
fn efm_needs_every_criterion() {
    let usd = |s: &str| Money::parse(s, "USD").unwrap();
    let mut request = vamp("2026-11", 30, 0, 0, 1);
    request.vamp = None;
    request.mastercard_fraud = Some(EfmFigures {
        sales: 20_000,
        sales_amount: usd("8000000.00"),
        fraud_amount: usd("60000.00"),
        secure_bp: 500,
    });
    let a = mon(&request).unwrap();
    let efm = a.efm.unwrap();
    assert_eq!(
        (efm.ratio.as_str(), efm.threshold.as_str()),
        ("0.0075", "0.005")
    );
    assert!(efm.reached);
    // 3-D Secure on 10 % of sales: not under the bar.
    if let Some(f) = request.mastercard_fraud.as_mut() {
        f.secure_bp = 1_000;
    }
    let efm = mon(&request).unwrap().efm.unwrap();
    assert!(efm.ratio_reached && !efm.secure_under && !efm.reached);
    if let Some(f) = request.mastercard_fraud.as_mut() {
        f.fraud_amount = Money::parse("60000.00", "BRL").unwrap();
    }
    let e = mon(&request).unwrap_err();
    assert_eq!(
        (e.code(), e.path()),
        ("dispute.currency_mismatch", "mastercard_fraud.fraud_amount")
    );
}

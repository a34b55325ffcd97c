//! The FAQ: entries found by id, category and keywords in four languages; every number it
//! states equals what the engine decides (the return windows against `refund.evaluate` on
//! their last day and the day after, the boleto and Pix times against the payment rules,
//! the methods against the `payment` section); merchant entries; export; error paths.

use chrono::{Duration, NaiveDate};
use proptest::prelude::*;

use super::*;
use crate::calendar::Timestamp;
use crate::comms::Locale;
use crate::receipt::Trace;
use crate::Engine;

fn store() -> Engine {
    Engine::default_store().unwrap()
}

fn ask(request: &AnswerRequest) -> Result<AnswerResponse, crate::Error> {
    answer(&store(), request, &mut Trace::new())
}

fn question(text: &str, locale: Locale) -> AnswerResponse {
    ask(&AnswerRequest {
        question: Some(text.to_owned()),
        locale: Some(locale),
        ..AnswerRequest::default()
    })
    .unwrap()
}

fn by_id(id: &str, locale: Locale) -> AnswerResponse {
    ask(&AnswerRequest {
        id: Some(id.to_owned()),
        locale: Some(locale),
        ..AnswerRequest::default()
    })
    .unwrap()
}

#[test]
fn a_first_message_finds_its_entry_in_every_language() {
    for (text, locale, id) in [
        (
            "How long does a refund take to get my money back?",
            Locale::En,
            "refund_timing",
        ),
        (
            "Quanto tempo leva o estorno do reembolso?",
            Locale::PtBr,
            "refund_timing",
        ),
        (
            "¿Cuál es el plazo de devolución?",
            Locale::Es,
            "return_window",
        ),
        ("Χρεώθηκα δύο φορές!", Locale::El, "charge_not_recognized"),
        // Disputing with the bank is the same entry: write to the store first.
        (
            "O que acontece quando eu contesto uma compra no banco?",
            Locale::PtBr,
            "charge_not_recognized",
        ),
        (
            "¿Puedo abrir una disputa con mi banco?",
            Locale::Es,
            "charge_not_recognized",
        ),
        (
            "Θέλω να αμφισβητήσω τη χρέωση",
            Locale::El,
            "charge_not_recognized",
        ),
        (
            "meu boleto foi compensado?",
            Locale::PtBr,
            "boleto_clearing",
        ),
        ("my card was declined", Locale::En, "payment_failed"),
        ("is my card data safe", Locale::En, "card_security"),
    ] {
        let out = question(text, locale);
        assert_eq!(out.id, id, "{text}");
        assert!(!out.matched.is_empty());
        assert_eq!(out.locale, locale);
    }
    assert_eq!(
        question("refund money back how long", Locale::En).confidence,
        Confidence::High
    );
}

/// Every return window the FAQ states is the one `refund.evaluate` applies: a request on
/// its last day is within it, the next day it has closed.
#[test]
fn the_return_windows_stated_are_the_ones_refund_evaluate_decides() {
    // A Wednesday with no holiday, and the Thursday after.
    windows_end_on(&store(), NaiveDate::from_ymd_opt(2026, 8, 12).unwrap());
}

/// Every window the FAQ states, ending on `last` (a working day of the policy's calendar,
/// so no roll moves it): `refund.evaluate` is within it that evening, past it the next day.
fn windows_end_on(engine: &Engine, last: NaiveDate) {
    let out = by_id("return_window", Locale::En);
    assert!(out.windows.len() >= 3, "{out:?}");
    for w in &out.windows {
        let reason = match w.rule.as_str() {
            "br.cdc26.defect" => "defective",
            "br.not_delivered" => "not_received",
            "br.cdc49.regret" => "changed_mind",
            other => panic!("a window the test does not know: {other}"),
        };
        assert!(out.rules.contains(&w.rule));
        let start = last - Duration::days(w.days);
        let decide = |now: &str| {
            let (purchased, delivered) = if w.from == "delivery" {
                (
                    start - Duration::days(3),
                    format!(r#","delivered_at":"{start}T12:00:00-03:00""#),
                )
            } else {
                (start, String::new())
            };
            let json = format!(
                r#"{{"now":"{now}","order":{{"currency":"BRL","purchased_at":"{purchased}T12:00:00-03:00"{delivered},
                "lines":[{{"id":"l1","category":"home","quantity":1,"unit_price":{{"amount":"100.00","currency":"BRL"}}}}],
                "payments":[{{"id":"p1","method":"card","captured_at":"{purchased}T12:00:00-03:00","captured":{{"amount":"100.00","currency":"BRL"}}}}]}},
                "request":{{"reason":"{reason}","lines":[{{"line_id":"l1","quantity":1}}]}}}}"#
            );
            engine
                .call_json("refund.evaluate", json.as_bytes())
                .unwrap()
        };
        let within = decide(&format!("{last}T20:00:00-03:00"));
        assert!(
            within.contains("refund.within_window"),
            "{}: {within}",
            w.rule
        );
        assert!(
            !within.contains("refund.window_expired"),
            "{}: {within}",
            w.rule
        );
        let after = decide(&format!("{}T10:00:00-03:00", last + Duration::days(1)));
        assert!(
            after.contains("refund.window_expired"),
            "{}: {after}",
            w.rule
        );
    }
}

/// The boleto and Pix answers state the payment rules' numbers.
#[test]
fn processing_times_are_the_payment_rules() {
    use crate::payment::rules;
    let day = NaiveDate::from_ymd_opt(2026, 12, 6).unwrap();
    let min = rules::BOLETO_CONFIRMATION_MIN_DAYS.on(day).unwrap().value;
    let max = rules::BOLETO_CONFIRMATION_MAX_DAYS.on(day).unwrap().value;
    let boleto = by_id("boleto_clearing", Locale::En);
    assert!(
        boleto
            .answer
            .contains(&format!("in {min} to {max} business days")),
        "{}",
        boleto.answer
    );
    assert!(boleto.rules.contains(&"boleto.confirmation".to_owned()));
    let hours = rules::PIX_DEFAULT_EXPIRY_SECONDS.on(day).unwrap().value / 3600;
    let pix = by_id("pix_expiry", Locale::PtBr);
    assert!(
        pix.answer.contains(&format!("vale por {hours} horas")),
        "{}",
        pix.answer
    );
}

#[test]
fn the_methods_are_the_stores() {
    let out = by_id("payment_methods", Locale::En);
    assert_eq!(
        out.answer,
        "We accept cards, Pix, boleto and wallets (PayPal, Apple Pay, Google Pay)."
    );
    let toml = include_str!("../../config/default.toml").replacen(
        "accepted_methods = [\"pix\", \"boleto\", \"another_card\", \"wallet\"]",
        "accepted_methods = [\"pix\"]",
        1,
    );
    let engine = Engine::from_toml(&toml).unwrap();
    let req = AnswerRequest {
        id: Some("payment_methods".into()),
        locale: Some(Locale::Es),
        ..AnswerRequest::default()
    };
    assert_eq!(
        answer(&engine, &req, &mut Trace::new()).unwrap().answer,
        "Aceptamos tarjetas y Pix."
    );
}

/// The refund timing of one method is the policy's clause for it; a refund sent is
/// answered from its timeline.
#[test]
fn refund_timing_per_method_and_for_a_refund_sent() {
    let req = AnswerRequest {
        id: Some("refund_timing".into()),
        method: Some(crate::payment::PayMethod::Card),
        locale: Some(Locale::En),
        ..AnswerRequest::default()
    };
    let out = ask(&req).unwrap();
    assert!(out.answer.starts_with("Card: "), "{}", out.answer);
    assert!(!out.answer.contains("Pix"), "{}", out.answer);
    assert_eq!(out.rules, ["recourse.timing.card"]);
    let refund = RefundFacts {
        method: crate::payment::PayMethod::Card,
        amount: crate::money::Money::parse("129.90", "BRL").unwrap(),
        sent_at: Timestamp::parse("2026-12-01T10:00:00-03:00").unwrap(),
        original_paid_at: None,
    };
    let personal = AnswerRequest {
        refund: Some(refund),
        locale: Some(Locale::PtBr),
        customer_name: Some("Ana".into()),
        ..req.clone()
    };
    assert_eq!(
        code(ask(&personal).unwrap_err()),
        ("faq.now_required".into(), "now".into())
    );
    let personal = AnswerRequest {
        now: Some(Timestamp::parse("2026-12-03T10:00:00-03:00").unwrap()),
        ..personal
    };
    let out = ask(&personal).unwrap();
    assert!(out.answer.starts_with("Ana, "), "{}", out.answer);
    assert!(
        out.answer
            .contains("O reembolso de R$ 129,90 foi enviado em 01/12/2026."),
        "{}",
        out.answer
    );
    assert_eq!(out.rules, ["card.refund_posting"]);
}

/// The desk's hours are its calendar's: open on a Monday morning, and on a Thursday
/// evening before the 20 November holiday, open again on Monday.
#[test]
fn support_hours_follow_the_desk_calendar() {
    let at = |now: &str| {
        ask(&AnswerRequest {
            question: Some("When can I talk to your support team?".into()),
            now: Some(Timestamp::parse(now).unwrap()),
            locale: Some(Locale::En),
            ..AnswerRequest::default()
        })
        .unwrap()
    };
    let open = at("2026-12-07T10:00:00-03:00");
    assert_eq!(open.id, "support_hours");
    assert!(open.answer.ends_with("We are open now."), "{}", open.answer);
    assert_eq!(open.rules, ["faq.support_calendar"]);
    let closed = at("2026-11-19T19:00:00-03:00");
    assert!(
        closed
            .answer
            .ends_with("open again on 23 November 2026 09:00."),
        "{}",
        closed.answer
    );
}

fn code(e: crate::Error) -> (String, String) {
    (e.code().to_owned(), e.path().to_owned())
}

#[test]
fn what_cannot_be_answered_is_a_typed_error() {
    let e = |r: AnswerRequest| code(ask(&r).unwrap_err());
    assert_eq!(
        e(AnswerRequest::default()),
        ("faq.nothing_asked".into(), ".".into())
    );
    assert_eq!(
        e(AnswerRequest {
            id: Some("nope".into()),
            ..AnswerRequest::default()
        }),
        ("faq.unknown_entry".into(), "id".into())
    );
    assert_eq!(
        e(AnswerRequest {
            question: Some("hello there".into()),
            ..AnswerRequest::default()
        }),
        ("faq.no_match".into(), "question".into())
    );
    assert_eq!(
        e(AnswerRequest {
            category: Some(Category::Wallet),
            ..AnswerRequest::default()
        }),
        ("faq.no_match".into(), "category".into())
    );
    let e2 = e(AnswerRequest {
        id: Some("return_window".into()),
        policy: Some("nope".into()),
        ..AnswerRequest::default()
    });
    assert_eq!(e2.1, "policy");
}

#[test]
fn a_merchant_entry_replaces_a_builtin_one_by_id() {
    let toml = include_str!("../../config/default.toml").replacen(
        "id = \"card_security\"",
        "id = \"pix_expiry\"",
        1,
    );
    let engine = Engine::from_toml(&toml).unwrap();
    let req = AnswerRequest {
        id: Some("pix_expiry".into()),
        locale: Some(Locale::En),
        ..AnswerRequest::default()
    };
    let out = answer(&engine, &req, &mut Trace::new()).unwrap();
    assert_eq!(out.category, Category::Security);
    assert_eq!(out.rules, ["faq.entries.pix_expiry"]);
    let text = include_str!("../../config/default.toml");
    let second = text.find("[[faq.entries]]").map(|at| &text[at..]).unwrap();
    let twice = format!("{text}\n{second}");
    let problems = format!("{:?}", Engine::check(&twice));
    assert!(problems.contains("faq.entries[1].id"), "{problems}");
}

#[test]
fn the_export_holds_every_entry_as_markdown_and_json_ld() {
    let out = export(
        &store(),
        &ExportRequest {
            locale: Some(Locale::El),
            policy: None,
        },
        &mut Trace::new(),
    )
    .unwrap();
    assert_eq!(out.entries.len(), 10);
    for e in &out.entries {
        assert!(out
            .markdown
            .contains(&format!("## {}\n\n{}\n", e.question, e.answer)));
    }
    let ld: serde_json::Value = serde_json::from_str(&out.json_ld).unwrap();
    assert_eq!(ld["@type"], "FAQPage");
    assert_eq!(ld["mainEntity"].as_array().unwrap().len(), 10);
    assert_eq!(ld["mainEntity"][0]["acceptedAnswer"]["@type"], "Answer");
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(32))]

    /// On any last day that is a working day of the policy's calendar, the windows the FAQ
    /// states are the ones `refund.evaluate` applies.
    #[test]
    fn the_faq_windows_hold_on_any_working_last_day(offset in 0i64..1100) {
        let engine = store();
        let last = NaiveDate::from_ymd_opt(2026, 1, 5).unwrap() + Duration::days(offset);
        let calendar = engine.services().calendar("sao_paulo").unwrap();
        prop_assume!(calendar.is_working_day(last));
        windows_end_on(&engine, last);
    }

    /// Whatever the message, an answer found says which keywords found it, all of them in
    /// the message, and a language's answer is never empty.
    #[test]
    fn a_match_is_explained_by_its_keywords(words in prop::collection::vec(prop::sample::select(vec![
        "refund", "boleto", "pix", "return", "fee", "twice", "declined", "hello", "the", "reembolso", "plazo",
    ]), 1..6), locale in prop::sample::select(vec![Locale::En, Locale::PtBr, Locale::Es, Locale::El])) {
        let text = words.join(" ");
        match ask(&AnswerRequest { question: Some(text.clone()), locale: Some(locale), ..AnswerRequest::default() }) {
            Ok(out) => {
                prop_assert!(!out.answer.is_empty());
                prop_assert!(!out.matched.is_empty());
                for k in &out.matched {
                    prop_assert!(text.contains(k.as_str()));
                }
            }
            Err(e) => prop_assert_eq!(e.code(), "faq.no_match"),
        }
    }
}

#[test]
fn an_unknown_support_calendar_is_a_configuration_problem() {
    let toml = include_str!("../../config/default.toml").replacen(
        "support_calendar = \"sao_paulo\"",
        "support_calendar = \"nowhere\"",
        1,
    );
    let problems = format!("{:?}", Engine::check(&toml));
    assert!(problems.contains("faq.support_calendar"), "{problems}");
}

//! Desks other than shops: categories and intake questions are data. The digital-wallet
//! desk of `examples/stores/wallet.toml` checks clean, its intake never asks for a secret,
//! and every name a rule uses is one the desk has, or an error that says which was meant.
// Test helpers outside `#[test]` functions may unwrap and index like the tests do.
#![allow(clippy::unwrap_used, clippy::indexing_slicing)]

use recourse_payments::{Engine, Error};
use serde_json::{json, Value};

const WALLET: &str = include_str!("../../../examples/stores/wallet.toml");

const LOCALES: [&str; 4] = ["en", "pt-BR", "es", "el"];

fn triage(engine: &Engine, input: &Value) -> Value {
    let out = engine
        .call_json("ticket.triage", input.to_string().as_bytes())
        .unwrap();
    serde_json::from_str(&out).unwrap()
}

/// The first problem of `toml`.
fn problem(toml: &str) -> Error {
    Engine::from_toml(toml).err().unwrap()
}

/// The wallet store with `from` replaced by `to` (which must be there).
fn wallet_with(from: &str, to: &str) -> String {
    assert!(WALLET.contains(from), "{from}");
    WALLET.replacen(from, to, 1)
}

#[test]
fn the_wallet_store_checks_clean_with_no_warning() {
    assert_eq!(Engine::check(WALLET), Vec::new());
    assert_eq!(Engine::from_toml(WALLET).unwrap().warnings(), Vec::new());
}

#[test]
fn the_wallet_intake_never_asks_for_a_secret_in_any_language() {
    // Words that ask for a password, a PIN, a one-time code, a CVV or a whole card number.
    const SECRET: &[&str] = &[
        "password",
        "passcode",
        "pin",
        "cvv",
        "cvc",
        "verification code",
        "security code",
        "code we sent",
        "one-time",
        "full card number",
        "card number",
        "senha",
        "código de verificação",
        "código de segurança",
        "código que enviamos",
        "número do cartão",
        "contraseña",
        "clave de acceso",
        "código de verificación",
        "código de seguridad",
        "número de tarjeta",
        "κωδικ",
        "αριθμό της κάρτας",
    ];
    let engine = Engine::from_toml(WALLET).unwrap();
    let categories = engine.config().tickets.categories.clone();
    assert_eq!(categories.len(), 7);
    for category in categories.keys() {
        for locale in LOCALES {
            let out = triage(
                &engine,
                &json!({"channel": "chat", "category": category, "locale": locale}),
            );
            let questions = out["questions"].as_array().unwrap();
            assert!(!questions.is_empty(), "{category} {locale}");
            for q in questions {
                let text = q["text"].as_str().unwrap().to_lowercase();
                let words: Vec<&str> = text
                    .split(|c: char| !c.is_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .collect();
                for secret in SECRET {
                    let found = if secret.contains(' ') || !secret.is_ascii() {
                        text.contains(secret)
                    } else {
                        words.contains(secret)
                    };
                    assert!(!found, "{category} {locale}: {text} asks for {secret}");
                }
            }
        }
    }
    // No question of the desk is flagged as asking a secret either.
    let config = engine.config();
    assert!(config.tickets.questions.values().all(|q| !q.secret));
}

#[test]
fn an_intake_that_asks_for_a_secret_is_refused() {
    let toml = wallet_with(
        "[tickets.intake]",
        "[tickets.questions.one_time_code]\nsecret = true\n\
         text = { en = \"What code did we send you?\" }\n\n[tickets.intake]",
    )
    .replace(
        "account_takeover = [\"takeover_signs\", \"takeover_last_use\"]",
        "account_takeover = [\"takeover_signs\", \"one_time_code\"]",
    );
    let e = problem(&toml);
    assert_eq!(e.code(), "config.invalid");
    assert_eq!(e.path(), "tickets.intake.account_takeover[1]");
    assert!(e.message().contains("never asks for a secret"), "{e}");
}

#[test]
fn every_name_a_rule_uses_is_one_the_desk_has_or_a_did_you_mean() {
    for (from, to, path, meant) in [
        (
            "top_up_failed = [\"top_up_method\"",
            "top_up_faild = [\"top_up_method\"",
            "tickets.intake.top_up_faild",
            "top_up_failed",
        ),
        (
            "other = [\"description\"]",
            "other = [\"descripton\"]",
            "tickets.intake.other[0]",
            "description",
        ),
        (
            "categories = [\"account_takeover\"]\npriority = \"urgent\"",
            "categories = [\"account_takeovr\"]\npriority = \"urgent\"",
            "tickets.triage.rules[0].categories[0]",
            "account_takeover",
        ),
        (
            "category = \"cashback_missing\"",
            "category = \"cashback_mising\"",
            "tickets.triage.vocabulary[5].category",
            "cashback_missing",
        ),
        (
            "when = { categories = [\"account_takeover\", \"transfer_wrong_recipient\"",
            "when = { categories = [\"account_takeover\", \"transfer_wrong_recipent\"",
            "sla.policies[0].when.categories[1]",
            "transfer_wrong_recipient",
        ),
        (
            "model_class = \"payment_failed\"",
            "model_class = \"payment_faild\"",
            "tickets.categories.top_up_failed.model_class",
            "payment_failed",
        ),
    ] {
        let e = problem(&wallet_with(from, to));
        assert_eq!((e.code(), e.path()), ("config.invalid", path), "{e}");
        assert!(
            e.message().contains(&format!("did you mean `{meant}`?")),
            "{e}"
        );
    }
    // Far from every name: no guess.
    let e = problem(&wallet_with(
        "other = [\"description\"]",
        "other = [\"zzz_qqq_xxx\"]",
    ));
    assert_eq!(e.message(), "unknown question");
}

#[test]
fn a_shop_category_is_unknown_to_a_desk_that_lists_its_own() {
    let e = problem(&format!(
        "{WALLET}\n[[tickets.follow_up.rules]]\nid = \"f\"\ncategories = [\"charged_twice\"]\nafter_hours = 24\n\
         via = \"email\"\npurpose = \"confirm_refund_arrived\"\nsurvey = \"csat\"\n"
    ));
    assert_eq!(e.path(), "tickets.follow_up.rules[0].categories[0]");
    let engine = Engine::from_toml(WALLET).unwrap();
    let e = engine
        .call_json(
            "ticket.triage",
            br#"{"channel":"chat","category":"top_up_faild"}"#,
        )
        .unwrap_err();
    assert_eq!((e.code(), e.path()), ("input.invalid", "category"));
    assert!(e.message().contains("did you mean `top_up_failed`?"), "{e}");
}

#[test]
fn a_desk_has_other_and_every_question_has_a_text() {
    let e = problem(&wallet_with(
        "[tickets.categories.other]",
        "[tickets.categories.misc]",
    ));
    assert_eq!(e.path(), "tickets.categories");
    let e = problem(&wallet_with(
        "text = { en = \"What was the amount?\", pt-BR = \"Qual foi o valor?\", es = \"¿Cuál fue el importe?\", el = \"Ποιο ήταν το ποσό;\" }",
        "text = {}",
    ));
    assert_eq!(e.path(), "tickets.questions.transaction_amount.text");
}

#[test]
fn a_served_language_without_a_text_is_a_warning_that_names_it() {
    let toml = wallet_with(", el = \"Ποιο ήταν το ποσό;\"", "");
    assert_eq!(Engine::check(&toml), Vec::new());
    let engine = Engine::from_toml(&toml).unwrap();
    let warnings = engine.warnings();
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!(
        warnings[0].path(),
        "tickets.questions.transaction_amount.text"
    );
    assert!(warnings[0].message().contains("el"), "{}", warnings[0]);
    // The question is still asked, in the store's language.
    let out = triage(
        &engine,
        &json!({"channel": "chat", "category": "cashback_missing", "locale": "el"}),
    );
    assert_eq!(out["questions"][1]["text"], "Qual foi o valor?");
    // A store that does not serve Greek is not warned.
    let served = toml.replace(
        "locales = [\"pt-BR\", \"en\", \"es\", \"el\"]",
        "locales = [\"pt-BR\", \"en\", \"es\"]",
    );
    assert_eq!(Engine::from_toml(&served).unwrap().warnings(), Vec::new());
}

#[test]
fn the_built_in_catalogue_written_out_gives_the_same_answers() {
    // The default store with its categories listed explicitly, each read by its own model
    // class, answers exactly as the default store does.
    let default = Engine::default_store().unwrap();
    let mut written = default.config().clone();
    for id in [
        "payment_failed",
        "charged_twice",
        "unrecognized_charge",
        "refund_status",
        "refund_request",
        "dispute_or_chargeback",
        "subscription_or_cancellation",
        "pix_or_boleto_pending",
        "wallet_issue",
        "other",
    ] {
        let c = recourse_payments::ticket::Category::new(id).unwrap();
        let def = recourse_payments::ticket::CategoryDef {
            model_class: Some(c.clone()),
            ..Default::default()
        };
        written.tickets.categories.insert(c, def);
    }
    let written = Engine::compile(written).unwrap();
    for (text, locale) in [
        ("fui cobrada duas vezes no cartão", "pt-BR"),
        ("where is my refund? it was approved", "en"),
        ("el pix sigue pendiente", "es"),
        ("problema com o cartão", "pt-BR"),
        ("θέλω να ακυρώσω τη συνδρομή", "el"),
        ("qual o prazo de entrega?", "pt-BR"),
    ] {
        let input = json!({"channel": "chat", "text": text, "locale": locale});
        let mut a = triage(&default, &input);
        let mut b = triage(&written, &input);
        a["receipt"]["engine_fingerprint"] = Value::Null;
        b["receipt"]["engine_fingerprint"] = Value::Null;
        assert_eq!(a, b, "{text}");
    }
}

#[test]
fn each_wallet_vector_carries_the_wallet_store_as_written() {
    let wallet = Engine::from_toml(WALLET).unwrap();
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../tests/vectors");
    let mut seen = 0;
    for operation in [
        "ticket.triage",
        "ticket.apply",
        "sla.status",
        "dispute.deadline",
    ] {
        for entry in std::fs::read_dir(format!("{dir}/{operation}")).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            if !name.starts_with("wallet_") || name.contains("error_config") {
                continue;
            }
            let vector: Value =
                serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
            let engine = Engine::from_json(&vector["config"].to_string()).unwrap();
            assert_eq!(engine.fingerprint(), wallet.fingerprint(), "{name}");
            seen += 1;
        }
    }
    assert!(seen >= 11, "{seen}");
}

#[test]
fn triage_recognises_every_wallet_category_in_the_four_languages() {
    let engine = Engine::from_toml(WALLET).unwrap();
    for (category, messages) in [
        (
            "top_up_failed",
            [
                "I tried to top up my wallet and it failed",
                "fiz uma recarga e não entrou o saldo",
                "la recarga de saldo no funcionó",
                "η φόρτιση του πορτοφολιού απέτυχε",
            ],
        ),
        (
            "transfer_wrong_recipient",
            [
                "I sent money to the wrong person",
                "fiz um pix pra chave errada",
                "mandé dinero a la cuenta equivocada",
                "έστειλα χρήματα σε λάθος λογαριασμό",
            ],
        ),
        (
            "withdrawal_pending",
            [
                "my withdrawal is still pending",
                "pedi um saque ontem e ainda não caiu na conta",
                "hice un retiro y no llega",
                "η ανάληψη εκκρεμεί ακόμα",
            ],
        ),
        (
            "account_blocked",
            [
                "my account is blocked and asks for verification",
                "minha conta está bloqueada",
                "mi cuenta está bloqueada, piden verificación",
                "ο λογαριασμός μου είναι κλειδωμένος",
            ],
        ),
        (
            "cashback_missing",
            [
                "I did not get my cashback",
                "não recebi o cashback",
                "no recibí el cashback",
                "δεν πήρα το cashback μου",
            ],
        ),
        (
            "account_takeover",
            [
                "someone is using my account, I think I was hacked",
                "invadiram minha conta",
                "me hackearon la cuenta",
                "μου χακάρισαν τον λογαριασμό",
            ],
        ),
    ] {
        for (text, locale) in messages.iter().zip(LOCALES) {
            let out = triage(
                &engine,
                &json!({"channel": "chat", "text": text, "locale": locale}),
            );
            assert_eq!(out["category"], category, "{locale}: {text}");
            if category == "account_takeover" {
                assert_eq!(out["priority"], "urgent", "{text}");
            }
        }
    }
}

/// The wrong-recipient category's link to Pix MED's notice: each bad name is a
/// configuration error at its path, with the name meant.
#[test]
fn a_category_links_to_a_dispute_stage_that_exists_and_has_a_clock() {
    const LINK: &str = "dispute = { network = \"pix_med\", stage = \"med_notice\" }";
    for (to, path, detail) in [
        (
            "dispute = { network = \"pix_mde\", stage = \"med_notice\" }",
            "tickets.categories.transfer_wrong_recipient.dispute.network",
            "unknown dispute network (did you mean `pix_med`?)",
        ),
        (
            "dispute = { network = \"pix_med\", stage = \"med_notise\" }",
            "tickets.categories.transfer_wrong_recipient.dispute.stage",
            "the network has no such stage (did you mean `med_notice`?)",
        ),
        (
            "dispute = { network = \"visa\", stage = \"med_notice\" }",
            "tickets.categories.transfer_wrong_recipient.dispute.stage",
            "the network has no such stage",
        ),
        (
            "dispute = { network = \"pix_med\", stage = \"med_notice\", days = 80 }",
            "tickets.categories.transfer_wrong_recipient.dispute",
            "",
        ),
    ] {
        let e = problem(&wallet_with(LINK, to));
        assert_eq!(
            e.path().split('.').take(4).collect::<Vec<_>>().join("."),
            "tickets.categories.transfer_wrong_recipient.dispute",
            "{e}"
        );
        if !detail.is_empty() {
            assert_eq!((e.code(), e.path()), ("config.invalid", path), "{e}");
            assert!(e.message().starts_with(detail), "{e}");
        }
    }
    // The 80 days are the store's dated data: without the clock, the link is an error.
    let clock = "[[dispute.clocks]]\nid = \"pix_med.notice\"\nnetwork = \"pix_med\"\nstage = \"med_notice\"\ndays = 80\neffective_from = \"2021-11-16\"\nsource = \"Resolução BCB nº 103/2021 (MED): the infraction notice is filed within 80 days of the Pix\"\n";
    let no_clock = wallet_with(clock, "");
    let found: Vec<_> = Engine::check(&no_clock)
        .iter()
        .map(|e| (e.code(), e.path().to_owned()))
        .collect();
    assert_eq!(
        found,
        [(
            "config.invalid",
            "tickets.categories.transfer_wrong_recipient.dispute.stage".to_owned()
        )]
    );
}

fn med(paid_at: &str, now: &str) -> Value {
    json!({"channel": "chat", "category": "transfer_wrong_recipient", "locale": "en",
           "paid_at": paid_at, "now": now})
}

#[test]
fn a_wrong_recipient_contact_with_the_pix_instant_is_told_the_med_window() {
    let engine = Engine::from_toml(WALLET).unwrap();
    let paid = "2026-02-01T15:20:00-03:00";
    let open = triage(&engine, &med(paid, "2026-04-22T15:19:59-03:00"));
    let w = &open["dispute_window"];
    assert_eq!(w["open"], json!(true));
    assert_eq!(w["deadline"], json!("2026-04-22T15:20:00-03:00"));
    assert_eq!(w["seconds_left"], json!(1));
    assert_eq!(w["rule"], json!("pix_med.notice"));
    assert_eq!(w["reason"]["code"], json!("dispute.window_open"));
    let closed = triage(&engine, &med(paid, "2026-04-22T15:20:00-03:00"));
    assert_eq!(closed["dispute_window"]["open"], json!(false));
    assert_eq!(
        closed["dispute_window"]["reason"]["code"],
        json!("dispute.window_closed")
    );
    // The sentences in each language, all different.
    let mut seen = Vec::new();
    for locale in LOCALES {
        let mut input = med(paid, "2026-03-01T10:00:00-03:00");
        input["locale"] = json!(locale);
        let out = triage(&engine, &input);
        let sentence = out["dispute_window"]["reason"]["customer"]
            .as_str()
            .unwrap()
            .to_owned();
        assert!(!seen.contains(&sentence), "{sentence}");
        seen.push(sentence);
    }
    // A category without a link, or no payment instant: no window, and `now` not needed.
    let mut other = med(paid, "2026-03-01T10:00:00-03:00");
    other["category"] = json!("cashback_missing");
    assert!(triage(&engine, &other).get("dispute_window").is_none());
    let plain = json!({"channel": "chat", "category": "transfer_wrong_recipient"});
    assert!(triage(&engine, &plain).get("dispute_window").is_none());
}

#[test]
fn the_med_window_refuses_a_missing_or_earlier_now() {
    let engine = Engine::from_toml(WALLET).unwrap();
    let call = |input: Value| {
        engine
            .call_json("ticket.triage", input.to_string().as_bytes())
            .unwrap_err()
    };
    let mut no_now = med("2026-02-01T15:20:00-03:00", "2026-02-01T15:20:00-03:00");
    no_now.as_object_mut().unwrap().remove("now");
    let e = call(no_now);
    assert_eq!((e.code(), e.path()), ("input.invalid", "now"));
    let e = call(med(
        "2026-02-01T15:20:00-03:00",
        "2026-02-01T15:19:59-03:00",
    ));
    assert_eq!((e.code(), e.path()), ("dispute.out_of_order", "now"));
    // Before any clock of the stage is in force, there is no window to read.
    let e = call(med(
        "2021-11-15T12:00:00-03:00",
        "2021-11-20T12:00:00-03:00",
    ));
    assert_eq!((e.code(), e.path()), ("dispute.no_deadline", "paid_at"));
}

#[test]
fn the_wallet_chatbot_answers_first_at_peak_hours_only() {
    let engine = Engine::from_toml(WALLET).unwrap();
    let status = |created: &str, bot: &str| {
        let input = json!({"now": "2026-03-10T23:00:00-03:00", "log": [
            {"at": created, "type": "created", "ticket": {"id": "T", "category": "cashback_missing",
             "channel": "chat", "priority": "low", "customer": {"name": "R", "locale": "pt-BR"}}},
            {"at": created, "type": "message", "author": "customer", "text": "x"},
            {"at": bot, "type": "message", "author": "bot", "text": "y"},
        ]});
        let out = engine
            .call_json("sla.status", input.to_string().as_bytes())
            .unwrap();
        let out: Value = serde_json::from_str(&out).unwrap();
        (
            out["metrics"][0]["state"].clone(),
            out["bot_replies"][0]["counted"].clone(),
        )
    };
    // Tuesday: 11:29 is before lunch, 11:30 in it, 14:00 after; 18:00 to 22:00 in the evening.
    for (bot, counted) in [
        ("2026-03-10T11:29:00-03:00", false),
        ("2026-03-10T11:30:00-03:00", true),
        ("2026-03-10T14:00:00-03:00", false),
        ("2026-03-10T21:59:00-03:00", true),
    ] {
        let (state, noted) = status("2026-03-10T11:00:00-03:00", bot);
        assert_eq!(noted, json!(counted), "{bot}");
        assert_eq!(
            state,
            json!(if counted { "fulfilled" } else { "active" }),
            "{bot}"
        );
    }
}

proptest::proptest! {
    #![proptest_config(proptest::prelude::ProptestConfig::with_cases(64))]

    /// The MED window of a first contact is the disputes capability's own clock: its
    /// deadline is `dispute.deadline`'s network deadline for the notice from the same
    /// instant, and it is open exactly while `now` is before it.
    #[test]
    fn the_med_window_is_the_dispute_clock(paid in 0i64..400 * 86_400, later in 0i64..120 * 86_400) {
        let engine = Engine::from_toml(WALLET).unwrap();
        let origin = chrono::DateTime::parse_from_rfc3339("2025-01-01T00:00:00-03:00").unwrap();
        let paid_at = (origin + chrono::Duration::seconds(paid)).to_rfc3339();
        let now = (origin + chrono::Duration::seconds(paid + later)).to_rfc3339();
        let out = triage(&engine, &med(&paid_at, &now));
        let w = &out["dispute_window"];
        let open = later < 80 * 86_400;
        proptest::prop_assert_eq!(&w["open"], &json!(open));
        proptest::prop_assert_eq!(&w["seconds_left"], &json!(80 * 86_400 - later));
        let deadline = json!({"network": "pix_med", "stage": "med_notice",
                              "stage_started_at": paid_at, "now": paid_at});
        let d = engine.call_json("dispute.deadline", deadline.to_string().as_bytes()).unwrap();
        let d: Value = serde_json::from_str(&d).unwrap();
        proptest::prop_assert_eq!(&w["deadline"], &d["outside_deadline"]);
    }
}

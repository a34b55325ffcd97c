//! `recourse demo`: a real support case, end to end, on the embedded default store; then a
//! second desk that is not a shop, the digital wallet of `examples/stores/wallet.toml`.
//!
//! Each step is one operation call with the JSON a host would send; the demo prints what
//! the support agent sees. Steps are added here as capabilities land.

use recourse_payments::{Engine, Error};
use serde_json::{json, Value};

/// One step of the case: what happens, and the call a host makes for it.
struct Step {
    title: &'static str,
    operation: &'static str,
    input: Value,
}

fn case() -> Vec<Step> {
    let mut steps = first_contact();
    steps.extend(ticket_opened());
    steps.extend(refund_and_questions());
    steps.extend(payments_explained());
    steps.extend(dispute_and_goodwill());
    steps
}

/// The coupon shared, the double charge found, Marina's first message read.
fn first_contact() -> Vec<Step> {
    vec![
        Step {
            title: "Marina paid 100.00 BRL for three items with a 10.00 BRL coupon: \
                    share the coupon across the lines by their prices, to the cent",
            operation: "money.allocate",
            input: json!({
                "total": {"amount": "10.00", "currency": "BRL"},
                "ratios": ["59.90", "25.10", "25.00"]
            }),
        },
        Step {
            title: "Before Marina writes, the monitor over the day's card charges finds her \
                    order PED-88231 paid twice, 7 seconds apart, with the refund.evaluate \
                    request for the duplicate ready to run",
            operation: "monitor.duplicates",
            input: json!({
                "now": "2026-11-19T16:45:00-03:00",
                "locale": "pt-BR",
                "events": [
                    {"id": "ch_3QxA", "kind": "charge", "at": "2026-11-19T16:40:02-03:00",
                     "method": "card", "amount": {"amount": "129.90", "currency": "BRL"},
                     "card": "fp_8Kq2", "customer": "cus_marina", "order": "PED-88231",
                     "idempotency_key": "chk_77a1"},
                    {"id": "ch_3QxB", "kind": "charge", "at": "2026-11-19T16:40:09-03:00",
                     "method": "card", "amount": {"amount": "129.90", "currency": "BRL"},
                     "card": "fp_8Kq2", "customer": "cus_marina", "order": "PED-88231",
                     "idempotency_key": "chk_77a2"},
                    {"id": "ch_3QxC", "kind": "charge", "at": "2026-11-19T16:41:30-03:00",
                     "method": "card", "amount": {"amount": "129.90", "currency": "BRL"},
                     "card": "fp_1Zt9", "customer": "cus_joao", "order": "PED-88232"}
                ]
            }),
        },
        Step {
            title: "She writes on chat: \"Oi, fui cobrada duas vezes pelo pedido PED-88231!\" \
                    Triage it: category, priority with reasons, and what to ask her now",
            operation: "ticket.triage",
            input: json!({
                "channel": "chat",
                "text": "Oi, fui cobrada duas vezes pelo pedido PED-88231!",
                "amount": {"amount": "129.90", "currency": "BRL"},
                "payment_method": "card",
                "locale": "pt-BR",
                "answered": ["order_number"]
            }),
        },
        Step {
            title: "Meanwhile another customer writes on WhatsApp, in Spanish: \"consulta \
                    sobre un cobro\" (a question about a charge). Triage is not sure (below the \
                    store's 500 per mille), so instead of guessing it asks her which of the two \
                    likely problems she means",
            operation: "ticket.triage",
            input: json!({
                "channel": "whatsapp",
                "text": "consulta sobre un cobro",
                "locale": "es"
            }),
        },
        Step {
            title: "She writes on Thursday 19 November 2026 at 17:00 that she was charged \
                    twice: the first reply is due in 2 business hours on the São Paulo desk, \
                    and Friday the 20th is a national holiday",
            operation: "calendar.add",
            input: json!({
                "calendar": "sao_paulo",
                "start": "2026-11-19T17:00:00-03:00",
                "add": {"unit": "business_hours", "amount": 2}
            }),
        },
    ]
}

/// Marina's message stored masked, her ticket opened and its clocks.
fn ticket_opened() -> Vec<Step> {
    vec![
        Step {
            title: "Her chat message carries her card number and CPF: mask them before the \
                    message is stored in the ticket's log",
            operation: "privacy.redact",
            input: json!({
                "text": "Fui cobrada duas vezes no cartão 4111 1111 1111 1111, CPF 529.982.247-25"
            }),
        },
        Step {
            title: "The message joins her ticket's log: ticket.apply returns the event to \
                    store with the card number and CPF already masked, and the new state",
            operation: "ticket.apply",
            input: json!({
                "state": {
                    "ticket": {
                        "id": "CA-1042",
                        "customer": {"name": "Marina Souza", "locale": "pt-BR", "tier": "standard"},
                        "channel": "chat", "category": "charged_twice", "priority": "high",
                        "links": {"order_ids": ["PED-88231"]}
                    },
                    "status": "new", "events": 1,
                    "created_at": "2026-11-19T17:00:00-03:00",
                    "updated_at": "2026-11-19T17:00:00-03:00",
                    "customer_messages": 0, "agent_replies": 0, "reopens": 0,
                    "proposals": [], "follow_ups": []
                },
                "event": {
                    "type": "message", "at": "2026-11-19T17:00:00-03:00", "author": "customer",
                    "text": "Fui cobrada duas vezes no cartão 4111 1111 1111 1111, CPF 529.982.247-25"
                }
            }),
        },
        Step {
            title: "Twenty minutes later only the bot has answered: the SLA clocks of her \
                    ticket (the chat policy's first reply is 30 business minutes, and a bot's \
                    acknowledgement does not count)",
            operation: "sla.status",
            input: json!({
                "log": [
                    {"type": "created", "at": "2026-11-19T17:00:00-03:00", "ticket": {
                        "id": "CA-1042",
                        "customer": {"name": "Marina Souza", "locale": "pt-BR"},
                        "channel": "chat", "category": "charged_twice", "priority": "high",
                        "links": {"order_ids": ["PED-88231"]}}},
                    {"type": "message", "at": "2026-11-19T17:00:00-03:00", "author": "customer",
                     "text": "Oi, fui cobrada duas vezes pelo pedido PED-88231!"},
                    {"type": "message", "at": "2026-11-19T17:00:05-03:00", "author": "bot",
                     "text": "Recebemos sua mensagem! Um atendente vai responder em breve."}
                ],
                "now": "2026-11-19T17:20:00-03:00"
            }),
        },
    ]
}

/// The refund decided and Marina's questions answered.
fn refund_and_questions() -> Vec<Step> {
    vec![
        Step {
            title: "Her order PED-88231 (129.90 BRL) was captured twice on her card. Decide the \
                    refund: the duplicate in full, to the original card, 5-10 business days, \
                    with sentences in pt-BR an agent can send to Marina as they are",
            operation: "refund.evaluate",
            input: json!({
                "now": "2026-11-19T17:25:00-03:00",
                "locale": "pt-BR",
                "order": {
                    "id": "PED-88231", "currency": "BRL", "channel": "web",
                    "purchased_at": "2026-11-19T16:40:00-03:00",
                    "lines": [
                        {"id": "vestido", "category": "apparel", "quantity": 1,
                         "unit_price": {"amount": "119.90", "currency": "BRL"}}
                    ],
                    "shipping": {"amount": "10.00", "currency": "BRL"},
                    "payments": [
                        {"id": "ch_3QxA", "method": "card",
                         "captured": {"amount": "129.90", "currency": "BRL"},
                         "captured_at": "2026-11-19T16:40:02-03:00"},
                        {"id": "ch_3QxB", "method": "card",
                         "captured": {"amount": "129.90", "currency": "BRL"},
                         "captured_at": "2026-11-19T16:40:09-03:00"}
                    ]
                },
                "request": {"reason": "duplicate_charge", "payment_id": "ch_3QxB"},
                "customer": {"name": "Marina"}
            }),
        },
        Step {
            title: "On Monday 23 November Marina opens the help page and asks where her money \
                    is: the FAQ answers from the same card timeline, personally, in pt-BR",
            operation: "faq.answer",
            input: json!({
                "question": "Quanto tempo leva o meu reembolso?",
                "locale": "pt-BR", "customer_name": "Marina",
                "now": "2026-11-23T10:00:00-03:00",
                "refund": {"method": "card", "amount": {"amount": "129.90", "currency": "BRL"},
                           "sent_at": "2026-11-19T17:30:00-03:00"}
            }),
        },
        Step {
            title: "The parcel arrived on Friday 13 November: when is her 7-day right of \
                    withdrawal (CDC art. 49) over, rolled to a working day?",
            operation: "calendar.add",
            input: json!({
                "calendar": "sao_paulo",
                "start": "2026-11-13T11:20:00-03:00",
                "add": {"unit": "calendar_days", "amount": 7, "roll": "next_working_day"}
            }),
        },
        Step {
            title: "Before answering, the team lead checks the store's Brazilian refund policy: \
                    no rule that can never fire, no contradiction, no case left without a window",
            operation: "refund.check",
            input: json!({"policy": "casa_aurora_br"}),
        },
    ]
}

/// Marina's payments: the declined card and its retry, her boleto, the nightly check.
fn payments_explained() -> Vec<Step> {
    vec![
        Step {
            title: "Marina tries to pay the replacement dress with another card and it is \
                    declined: Visa 51, Stripe insufficient_funds. What to tell her, and what \
                    else she can pay with",
            operation: "payment.explain_decline",
            input: json!({
                "declined_at": "2026-11-19T18:10:00-03:00",
                "network": "visa", "response_code": "51",
                "processor": {"processor": "stripe", "decline_code": "insufficient_funds"},
                "customer_name": "Marina", "locale": "pt-BR"
            }),
        },
        Step {
            title: "The checkout wants to charge that card again at 18:40: do the network \
                    rules and the store's retry policy allow it?",
            operation: "payment.retry",
            input: json!({
                "network": "visa", "now": "2026-11-19T18:40:00-03:00",
                "attempts": [
                    {"at": "2026-11-19T18:10:00-03:00", "outcome": "declined", "response_code": "51"}
                ]
            }),
        },
        Step {
            title: "She pays by boleto instead, on Friday 5 February 2027 at 18:30, before \
                    the Carnival bank holidays, and asks on Monday where her money is",
            operation: "payment.where_is_my_money",
            input: json!({
                "flow": "payment", "method": "boleto",
                "amount": {"amount": "119.90", "currency": "BRL"},
                "boleto_due_date": "2027-02-05",
                "history": [
                    {"at": "2027-02-01T09:00:00-03:00", "status": "created"},
                    {"at": "2027-02-05T18:30:00-03:00", "status": "paid"}
                ],
                "now": "2027-02-08T10:00:00-03:00",
                "customer_name": "Marina", "locale": "pt-BR"
            }),
        },
        Step {
            title: "On Thursday 11 February, after Carnival, the nightly check of open \
                    payments: Marina's boleto is still clearing (no alert), another boleto \
                    due on 2 February is unpaid past its clearing days on the bank calendar",
            operation: "monitor.stuck",
            input: json!({
                "now": "2027-02-11T09:00:00-03:00", "locale": "pt-BR",
                "items": [
                    {"id": "boleto_marina", "flow": "payment", "method": "boleto",
                     "amount": {"amount": "119.90", "currency": "BRL"},
                     "boleto_due_date": "2027-02-05",
                     "history": [{"at": "2027-02-01T09:00:00-03:00", "status": "created"},
                                 {"at": "2027-02-05T18:30:00-03:00", "status": "paid"}]},
                    {"id": "boleto_88410", "flow": "payment", "method": "boleto",
                     "amount": {"amount": "349.00", "currency": "BRL"},
                     "boleto_due_date": "2027-02-02",
                     "history": [{"at": "2027-01-29T10:00:00-03:00", "status": "created"}]}
                ]
            }),
        },
    ]
}

/// The bank's chargeback, and goodwill for the trouble.
fn dispute_and_goodwill() -> Vec<Step> {
    vec![
        Step {
            title: "On Monday 23 November her bank files a Visa chargeback, reason 12.6.1, on \
                    the duplicate ch_3QxB: what is it, and can it be fought?",
            operation: "dispute.classify",
            input: json!({"network": "visa", "code": "12.6.1", "stage": "chargeback", "locale": "pt-BR"}),
        },
        Step {
            title: "When must the answer go? The processor's due_by is 3 December, Visa gives \
                    30 days, and the store answers 2 business days early on the São Paulo desk",
            operation: "dispute.deadline",
            input: json!({
                "network": "visa", "stage": "chargeback",
                "stage_started_at": "2026-11-23T09:00:00-03:00",
                "due_by": "2026-12-03T23:59:00-03:00",
                "now": "2026-11-23T10:00:00-03:00",
                "locale": "pt-BR"
            }),
        },
        Step {
            title: "What evidence answers a duplicate on physical goods, and what is missing?",
            operation: "dispute.evidence",
            input: json!({
                "network": "visa", "code": "12.6.1", "product_type": "physical",
                "have": ["receipt", "product_description", "customer_name", "customer_email_address",
                         "duplicate_charge_id"],
                "locale": "pt-BR"
            }),
        },
        Step {
            title: "Fight, accept or refund? The duplicate was already refunded (pending): \
                    never a second payout, submit the refund as evidence",
            operation: "dispute.recommend",
            input: json!({
                "network": "visa", "code": "12.6.1", "stage": "chargeback",
                "amount": {"amount": "129.90", "currency": "BRL"},
                "refunds": [{"amount": {"amount": "129.90", "currency": "BRL"}, "state": "pending"}],
                "evidence_bp": 6000,
                "locale": "pt-BR"
            }),
        },
        Step {
            title: "The double charge was the store's fault: what goodwill does Marina get, \
                    within her caps and the team's month, and may the agent grant it alone?",
            operation: "compensation.offer",
            input: json!({
                "incident": {
                    "kind": "duplicate_charge", "severity": "129.90", "fault": "merchant",
                    "order_value": {"amount": "129.90", "currency": "BRL"}
                },
                "customer": {"name": "Marina", "tier": "standard", "tenure_days": 420},
                "history": [
                    {"at": "2026-03-02T11:00:00-03:00", "kind": "delivery_late",
                     "value": {"amount": "15.00", "currency": "BRL"}}
                ],
                "budget_spent": {"amount": "4870.00", "currency": "BRL"},
                "caller": "agent",
                "now": "2026-11-23T10:30:00-03:00",
                "locale": "pt-BR"
            }),
        },
    ]
}

/// The digital-wallet desk: its own categories and questions, read from its configuration.
const WALLET: &str = include_str!("../../../examples/stores/wallet.toml");

/// The wallet desk's case: a suspected takeover, then a Pix sent to a scammer, still within
/// MED's 80 days.
fn wallet_case() -> Vec<Step> {
    vec![
        Step {
            title: "Second desk, a digital wallet: Rafael writes on WhatsApp that someone got \
                    into his account. The desk's own category, urgent, and an intake that \
                    never asks for a password or a code",
            operation: "ticket.triage",
            input: json!({
                "channel": "whatsapp",
                "locale": "pt-BR",
                "text": "socorro, hackearam minha conta e fizeram um pix que eu nao fiz"
            }),
        },
        Step {
            title: "Lucía sent 350.00 BRL by Pix to a scammer last night: the wallet's \
                    category, high priority, only the questions the facts do not answer, and, \
                    from the Pix's instant, whether MED's 80 days to file the notice still run \
                    (the category is linked to the disputes capability's `pix_med.notice`)",
            operation: "ticket.triage",
            input: json!({
                "channel": "chat",
                "locale": "es",
                "text": "envié un pix a la persona equivocada, creo que fue una estafa",
                "payment_method": "pix",
                "amount": {"amount": "350.00", "currency": "BRL"},
                "paid_at": "2026-05-04T21:40:00-03:00",
                "now": "2026-05-05T09:10:00-03:00"
            }),
        },
        Step {
            title: "What the desk tells her: a Pix MED request within 80 days of the Pix, \
                    for a scam, never for a key typed by mistake",
            operation: "faq.answer",
            input: json!({"id": "transfer_wrong_recipient", "locale": "es"}),
        },
        Step {
            title: "The receiving bank upheld her MED notice: the disputes capability \
                    follows MED's clocks, and the wallet has 72 hours to request the return",
            operation: "dispute.deadline",
            input: json!({
                "network": "pix_med",
                "stage": "med_return_request",
                "stage_started_at": "2026-05-11T18:00:00-03:00",
                "now": "2026-05-11T19:00:00-03:00",
                "locale": "es"
            }),
        },
    ]
}

/// Runs the case, then the wallet desk's. `as_json` prints each step's request and answer
/// as JSON lines instead.
pub fn run(as_json: bool) -> Result<(), Error> {
    run_case(&Engine::default_store()?, &case(), as_json)?;
    if !as_json {
        println!();
    }
    run_case(&Engine::from_toml(WALLET)?, &wallet_case(), as_json)
}

/// Runs one store's steps, its header first.
fn run_case(engine: &Engine, steps: &[Step], as_json: bool) -> Result<(), Error> {
    println!("{}", header(engine, as_json));
    for (n, step) in steps.iter().enumerate() {
        let answer = engine.call_json(step.operation, step.input.to_string().as_bytes())?;
        let answer: Value = serde_json::from_str(&answer).unwrap_or(Value::Null);
        if as_json {
            println!(
                "{}",
                json!({"step": n + 1, "operation": step.operation, "input": step.input, "output": answer})
            );
        } else {
            println!(
                "\n{}. {}\n   $ recourse run {}",
                n + 1,
                step.title,
                step.operation
            );
            print_for_agent(answer);
        }
    }
    Ok(())
}

/// The answer as an agent reads it: the decision first, then the receipt in two lines and
/// the trace as bullets.
fn print_for_agent(mut answer: Value) {
    let receipt = answer.as_object_mut().and_then(|o| o.remove("receipt"));
    for line in crate::text::render(&answer).lines() {
        println!("   {line}");
    }
    let Some(receipt) = receipt else { return };
    let field = |k: &str| receipt.get(k).and_then(Value::as_str).unwrap_or("");
    println!(
        "   receipt: {} v{} · input {}",
        field("operation"),
        field("library_version"),
        field("input_digest")
    );
    for step in receipt
        .get("trace")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        let detail = step.get("detail").and_then(Value::as_str).unwrap_or("");
        println!("     · {detail}");
    }
}

fn header(engine: &Engine, as_json: bool) -> String {
    let store = &engine.config().store.name;
    if as_json {
        json!({"store": store, "engine_fingerprint": engine.fingerprint()}).to_string()
    } else {
        format!("Recourse demo — {store} (engine {})", engine.fingerprint())
    }
}

//! Benchmarks live under `benches/`; this library holds the inputs that more than one of
//! them measures, and `cost.rs` the instruction counts (see `scripts/instructions.sh`).

use recourse_payments::calendar::Timestamp;
use serde_json::{json, Value};

/// The US store's policy: a 30-day window by category and reason, final sale, restocking.
pub const US_STORE: &str = include_str!("../examples/policies/us_store_30d.toml");

/// A 3-line order with a coupon, tax and shipping, paid by gift card and card; the customer
/// returns all three lines, opened, having changed their mind.
pub const US_REFUND_REQUEST: &str = r#"{
  "now": "2026-05-20T10:00:00-04:00",
  "locale": "en",
  "order": {
    "id": "NW-20931", "currency": "USD", "channel": "web",
    "purchased_at": "2026-05-01T10:00:00-04:00", "delivered_at": "2026-05-04T13:00:00-04:00",
    "lines": [
      {"id": "headphones", "category": "electronics", "quantity": 1,
       "unit_price": {"amount": "120.00", "currency": "USD"}, "tax": {"amount": "9.90", "currency": "USD"}},
      {"id": "tee", "category": "apparel", "quantity": 2,
       "unit_price": {"amount": "15.00", "currency": "USD"}, "tax": {"amount": "2.48", "currency": "USD"}},
      {"id": "cable", "category": "electronics", "quantity": 3,
       "unit_price": {"amount": "9.99", "currency": "USD"}, "discount": {"amount": "3.00", "currency": "USD"},
       "tax": {"amount": "2.22", "currency": "USD"}}
    ],
    "discount": {"amount": "10.00", "currency": "USD"},
    "shipping": {"amount": "9.99", "currency": "USD"},
    "payments": [
      {"id": "gift", "method": "gift_card", "captured": {"amount": "50.00", "currency": "USD"},
       "captured_at": "2026-05-01T10:00:00-04:00"},
      {"id": "visa", "method": "card", "captured": {"amount": "146.56", "currency": "USD"},
       "captured_at": "2026-05-01T10:00:00-04:00"}
    ]
  },
  "ledger": [
    {"payment_id": "visa", "line_id": "cable", "quantity": 1, "amount": {"amount": "9.98", "currency": "USD"}, "status": "succeeded"}
  ],
  "request": {
    "reason": "changed_mind", "condition": "opened",
    "lines": [
      {"line_id": "headphones", "quantity": 1},
      {"line_id": "tee", "quantity": 2},
      {"line_id": "cable", "quantity": 2, "received": 2}
    ]
  },
  "customer": {"name": "Alex", "standing": "good"}
}"#;

/// A 50-event log over two weeks of November 2026 (Friday the 20th is a holiday): the
/// customer writes, a bot acknowledges, agents reply, the ticket waits on the customer and
/// on a bank, is solved and reopened.
pub fn sla_log_50() -> Vec<Value> {
    let mut log = vec![
        json!({"type": "created", "at": "2026-11-16T08:30:00-03:00", "ticket": {
        "id": "CA-9001", "customer": {"name": "Marina", "locale": "pt-BR"},
        "channel": "email", "category": "charged_twice", "priority": "high"}}),
    ];
    let cycle = [
        ("message", Some("customer"), None),
        ("message", Some("bot"), None),
        ("message", Some("agent"), None),
        ("status_changed", None, Some("pending")),
        ("message", Some("customer"), None),
        ("status_changed", None, Some("on_hold")),
        ("status_changed", None, Some("open")),
        ("message", Some("agent"), None),
        ("status_changed", None, Some("solved")),
        ("message", Some("customer"), None),
    ];
    let start = Timestamp::parse("2026-11-16T08:30:00-03:00")
        .unwrap_or_else(|_| std::process::abort())
        .as_datetime();
    let mut minutes = 0;
    for (kind, author, to) in cycle.iter().cycle().take(49) {
        minutes += 95;
        let at = Timestamp::from(start + chrono::Duration::minutes(minutes)).to_string();
        log.push(match (author, to) {
            (Some(a), _) => {
                json!({"type": kind, "at": at, "author": a, "text": "Oi, alguma novidade?"})
            }
            (_, Some(t)) => json!({"type": kind, "at": at, "to": t}),
            _ => Value::Null,
        });
    }
    log
}

/// A first message of 300 characters in Portuguese, written as customers write: no
/// accents here and there, abbreviations, repeated letters and punctuation, an order number.
pub fn triage_message_300() -> String {
    let mut text = String::from(
        "oi, boa tarde!! vcs me cobraram 2x no cartao pelo pedido 48213, aparece duas vezes \
         o mesmo valor de R$ 129,90 na fatura... ja tentei falar no chat ontem e ninguem \
         respondeu. nao reconheco a segunda cobranca, quero o estorno dela o mais rapido \
         possivel pq preciso do limite. ",
    );
    while text.chars().count() < 300 {
        text.push_str("obrigadaaa ");
    }
    text.chars().take(300).collect()
}

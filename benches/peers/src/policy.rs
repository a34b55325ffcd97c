//! The US store's 30-day policy (examples/policies/us_store_30d.toml) flattened into one
//! first-hit table of a line's facts, written out twice: as a GoRules decision table (JDM)
//! and as a JSONLogic rule. Both are made from the same rows, so they cannot drift apart.
//!
//! Recourse resolves each effect by the first rule that sets it; flattened, a line gets its
//! outcome, its window and its restocking fee from the first row that matches. The order's
//! review threshold and the automatic approval limit act on the whole request, not on a
//! line's outcome, and are left out of the table. Recourse keeps a restocking fee on a
//! change of mind only (none when the merchant is at fault or the goods did not come), so
//! the table has ten rows.

use serde_json::{json, Map, Value};

const CHANGED_MIND: &[&str] = &["changed_mind"];
const MERCHANT_FAULT: &[&str] = &["defective", "not_as_described", "wrong_item"];
const NOT_DELIVERED: &[&str] = &["not_received", "arrived_late", "cancelled_before_shipping"];

/// One row: its tests on a line's facts (None: any) and what it decides.
struct Row {
    reasons: &'static [&'static str],
    final_sale: bool,
    digital_downloaded: bool,
    condition: Option<&'static str>,
    electronics: bool,
    delivery_days_over: Option<i64>,
    purchase_days_over: Option<i64>,
    eligible: bool,
    window_days: i64,
    window_from: &'static str,
    fee_percent: i64,
}

const ANY: Row = Row {
    reasons: CHANGED_MIND,
    final_sale: false,
    digital_downloaded: false,
    condition: None,
    electronics: false,
    delivery_days_over: None,
    purchase_days_over: None,
    eligible: true,
    window_days: 30,
    window_from: "delivery",
    fee_percent: 0,
};

/// The rows, first hit wins.
fn rows() -> Vec<Row> {
    let deny = |row: Row| Row {
        eligible: false,
        ..row
    };
    let opened = |row: Row| Row {
        condition: Some("opened"),
        electronics: true,
        fee_percent: 15,
        ..row
    };
    let fault = Row {
        reasons: MERCHANT_FAULT,
        window_days: 90,
        ..ANY
    };
    let delivery = Row {
        reasons: NOT_DELIVERED,
        window_days: 60,
        window_from: "purchase",
        ..ANY
    };
    vec![
        deny(Row {
            final_sale: true,
            ..ANY
        }),
        deny(Row {
            digital_downloaded: true,
            ..ANY
        }),
        deny(Row {
            condition: Some("used"),
            ..ANY
        }),
        deny(Row {
            delivery_days_over: Some(30),
            ..ANY
        }),
        opened(ANY),
        ANY,
        deny(Row {
            delivery_days_over: Some(90),
            ..fault
        }),
        fault,
        deny(Row {
            purchase_days_over: Some(60),
            ..delivery
        }),
        delivery,
    ]
}

fn quoted(values: &[&str]) -> String {
    let quoted: Vec<String> = values.iter().map(|v| format!("'{v}'")).collect();
    quoted.join(", ")
}

/// The rows as a GoRules JDM graph: input, one first-hit decision table, output.
pub fn zen_graph() -> Value {
    let fields = [
        "reason",
        "final_sale",
        "digital",
        "downloaded",
        "condition",
        "category",
        "days_since_delivery",
        "days_since_purchase",
    ];
    let inputs: Vec<Value> = fields
        .iter()
        .map(|f| json!({ "id": f, "name": f, "field": f }))
        .collect();
    let outputs: Vec<Value> = ["eligible", "window_days", "window_from", "fee_percent"]
        .iter()
        .map(|f| json!({ "id": format!("out_{f}"), "name": f, "field": f }))
        .collect();
    let rules: Vec<Value> = rows().iter().enumerate().map(zen_rule).collect();
    json!({
        "nodes": [
            { "id": "in", "name": "request", "type": "inputNode", "content": {} },
            { "id": "dt", "name": "us_store", "type": "decisionTableNode", "content": {
                "hitPolicy": "first", "inputs": inputs, "outputs": outputs, "rules": rules,
                "passThrough": false
            } },
            { "id": "out", "name": "response", "type": "outputNode", "content": {} }
        ],
        "edges": [
            { "id": "e1", "sourceId": "in", "targetId": "dt" },
            { "id": "e2", "sourceId": "dt", "targetId": "out" }
        ]
    })
}

fn zen_rule((index, row): (usize, &Row)) -> Value {
    let flag = |on: bool| if on { "true".to_owned() } else { String::new() };
    let over = |days: Option<i64>| days.map(|d| format!("> {d}")).unwrap_or_default();
    let mut rule = Map::new();
    let cells = [
        ("_id", format!("r{index}")),
        ("reason", quoted(row.reasons)),
        ("final_sale", flag(row.final_sale)),
        ("digital", flag(row.digital_downloaded)),
        ("downloaded", flag(row.digital_downloaded)),
        (
            "condition",
            row.condition.map(|c| quoted(&[c])).unwrap_or_default(),
        ),
        (
            "category",
            if row.electronics {
                quoted(&["electronics"])
            } else {
                String::new()
            },
        ),
        ("days_since_delivery", over(row.delivery_days_over)),
        ("days_since_purchase", over(row.purchase_days_over)),
        ("out_eligible", row.eligible.to_string()),
        ("out_window_days", row.window_days.to_string()),
        ("out_window_from", format!("'{}'", row.window_from)),
        ("out_fee_percent", row.fee_percent.to_string()),
    ];
    for (key, cell) in cells {
        rule.insert(key.to_owned(), Value::String(cell));
    }
    Value::Object(rule)
}

/// The rows as one JSONLogic rule: an `if` chain whose branches are
/// `[eligible, window_days, window_from, fee_percent]`.
pub fn jsonlogic_rule() -> Value {
    let mut chain = Vec::new();
    for row in rows() {
        chain.push(jsonlogic_test(&row));
        chain.push(json!([
            row.eligible,
            row.window_days,
            row.window_from,
            row.fee_percent
        ]));
    }
    chain.push(Value::Null);
    json!({ "if": chain })
}

fn jsonlogic_test(row: &Row) -> Value {
    let var = |name: &str| json!({ "var": name });
    let mut tests = vec![json!({ "in": [var("reason"), row.reasons] })];
    if row.final_sale {
        tests.push(json!({ "==": [var("final_sale"), true] }));
    }
    if row.digital_downloaded {
        tests.push(json!({ "==": [var("digital"), true] }));
        tests.push(json!({ "==": [var("downloaded"), true] }));
    }
    if let Some(condition) = row.condition {
        tests.push(json!({ "==": [var("condition"), condition] }));
    }
    if row.electronics {
        tests.push(json!({ "==": [var("category"), "electronics"] }));
    }
    if let Some(days) = row.delivery_days_over {
        tests.push(json!({ ">": [var("days_since_delivery"), days] }));
    }
    if let Some(days) = row.purchase_days_over {
        tests.push(json!({ ">": [var("days_since_purchase"), days] }));
    }
    json!({ "and": tests })
}

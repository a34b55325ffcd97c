//! The inputs: the refund benches' 3-line US order, and variants of it over every reason,
//! condition, window edge (in the policy's time zone, where UTC's day differs) and flag.
//! A peer engine reads a line's facts, not the request: [`line_facts`] flattens a request
//! into them, counting days in America/New_York as the policy does.

use chrono::{DateTime, NaiveDate};
use chrono_tz::America::New_York;
use serde_json::{json, Value};

/// Instants of `now`: inside the 30-day window, its last day late in the evening (already
/// the next day in UTC), the day after, the 60-day window from purchase's last day and the
/// day after (again across UTC's midnight), and the 90-day window's last day and the next.
const NOWS: [&str; 7] = [
    "2026-05-20T10:00:00-04:00",
    "2026-06-04T02:30:00Z",
    "2026-06-04T05:00:00Z",
    "2026-06-30T23:30:00-04:00",
    "2026-07-01T04:30:00Z",
    "2026-08-02T12:00:00-04:00",
    "2026-08-03T12:00:00-04:00",
];
const REASONS: [&str; 5] = [
    "changed_mind",
    "defective",
    "wrong_item",
    "not_received",
    "arrived_late",
];
const CONDITIONS: [&str; 3] = ["unopened", "opened", "used"];

/// Every variant of `base` (the benches' request), as JSON text.
pub fn variants(base: &str) -> Result<Vec<String>, String> {
    let base: Value = serde_json::from_str(base).map_err(|e| e.to_string())?;
    let mut out = Vec::new();
    for now in NOWS {
        for reason in REASONS {
            for condition in CONDITIONS {
                for flags in 0..3 {
                    let mut request = base.clone();
                    request["now"] = json!(now);
                    request["request"]["reason"] = json!(reason);
                    request["request"]["condition"] = json!(condition);
                    match flags {
                        1 => request["order"]["lines"][1]["final_sale"] = json!(true),
                        2 => {
                            request["order"]["lines"][0]["digital"] = json!(true);
                            request["order"]["lines"][0]["downloaded"] = json!(true);
                        }
                        _ => {}
                    }
                    out.push(request.to_string());
                }
            }
        }
    }
    Ok(out)
}

/// The local date of an RFC 3339 instant in the policy's time zone.
fn local_date(at: &Value) -> Option<NaiveDate> {
    let at = DateTime::parse_from_rfc3339(at.as_str()?).ok()?;
    Some(at.with_timezone(&New_York).date_naive())
}

/// Where a line's window starts: the local dates of delivery and purchase.
pub fn window_starts(request: &Value) -> Option<(NaiveDate, NaiveDate)> {
    let order = request.get("order")?;
    Some((
        local_date(order.get("delivered_at")?)?,
        local_date(order.get("purchased_at")?)?,
    ))
}

/// The facts of each line asked for, in the order asked, as the peers' tables read them.
pub fn line_facts(request: &Value) -> Option<Vec<Value>> {
    let now = local_date(request.get("now")?)?;
    let (delivered, purchased) = window_starts(request)?;
    let asked = request.get("request")?;
    let reason = asked.get("reason")?;
    let lines = request.get("order")?.get("lines")?.as_array()?;
    let mut out = Vec::new();
    for wanted in asked.get("lines")?.as_array()? {
        let id = wanted.get("line_id")?;
        let line = lines.iter().find(|l| l.get("id") == Some(id))?;
        let condition = wanted
            .get("condition")
            .or_else(|| asked.get("condition"))
            .cloned()
            .unwrap_or_else(|| json!(""));
        let flag = |name: &str| line.get(name).cloned().unwrap_or(json!(false));
        out.push(json!({
            "reason": reason,
            "condition": condition,
            "category": line.get("category")?,
            "final_sale": flag("final_sale"),
            "digital": flag("digital"),
            "downloaded": flag("downloaded"),
            "days_since_delivery": (now - delivered).num_days(),
            "days_since_purchase": (now - purchased).num_days(),
        }));
    }
    Some(out)
}

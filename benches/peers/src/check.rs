//! The three must decide alike before their speeds mean anything: on every input, each
//! line's outcome (eligible or not), its window (the last day, from the window's length
//! and start) and its restocking fee, from Recourse, the zen table and the JSONLogic rule.

use chrono::Days;
use datalogic_rs::bumpalo::Bump;
use recourse_payments::refund::{EvaluateRequest, LineDecision};
use serde_json::Value;

use crate::engines::Engines;
use crate::inputs::{variants, window_starts};

/// What a peer decides for one line.
#[derive(Debug, PartialEq)]
struct Peer {
    eligible: bool,
    window_days: u64,
    window_from: String,
    fee_percent: i128,
}

fn peer(answer: &Value) -> Option<Peer> {
    // zen writes its numbers as decimals: read them either way.
    let number = |v: &Value| {
        v.as_u64()
            .or_else(|| v.as_f64().map(|f| f as u64))
            .or_else(|| v.as_str()?.parse().ok())
    };
    let (eligible, days, from, fee) = match answer {
        Value::Array(a) => (a.first()?, a.get(1)?, a.get(2)?, a.get(3)?),
        Value::Object(o) => (
            o.get("eligible")?,
            o.get("window_days")?,
            o.get("window_from")?,
            o.get("fee_percent")?,
        ),
        _ => return None,
    };
    Some(Peer {
        eligible: eligible.as_bool()?,
        window_days: number(days)?,
        window_from: from.as_str()?.to_owned(),
        fee_percent: i128::from(number(fee)?),
    })
}

fn peers(answer: Option<String>) -> Result<Vec<Peer>, String> {
    let answer = answer.ok_or("no answer")?;
    let lines: Vec<Value> = serde_json::from_str(&answer).map_err(|e| e.to_string())?;
    lines
        .iter()
        .map(|l| peer(l).ok_or_else(|| format!("unreadable answer {l}")))
        .collect()
}

/// Recourse's line against a peer's: same outcome, same last day, same fee.
fn agree(request: &Value, line: &LineDecision, peer: &Peer) -> Result<(), String> {
    let (delivered, purchased) = window_starts(request).ok_or("no dates")?;
    let start = if peer.window_from == "purchase" {
        purchased
    } else {
        delivered
    };
    let last = start
        .checked_add_days(Days::new(peer.window_days))
        .map(|d| d.format("%Y-%m-%d").to_string());
    let fee = line.breakdown.restocking_fee.to_minor();
    // The fee is a percentage of what was paid for the units (after their share of the
    // discounts), half up to the cent; nothing refunded, nothing kept.
    let expected_fee = if line.quantity_refunded == 0 {
        0
    } else {
        let paid = line.breakdown.item.to_minor() - line.breakdown.discount.to_minor();
        (paid * peer.fee_percent + 50) / 100
    };
    // Recourse names no last day for a line a rule denies (final sale, downloaded, used):
    // every other line's last day must be the peer's.
    let window_agrees = match &line.deadline {
        Some(day) => Some(day) == last.as_ref(),
        None => !line.eligible && !peer.eligible,
    };
    if line.eligible != peer.eligible || !window_agrees || fee != expected_fee {
        return Err(format!(
            "line {}: recourse (eligible {}, last day {:?}, fee {fee}) vs peer {peer:?} \
             (last day {last:?}, fee {expected_fee})",
            line.line_id, line.eligible, line.deadline
        ));
    }
    Ok(())
}

fn one(engines: &Engines, input: &str, arena: &mut Bump) -> Result<(), String> {
    let value: Value = serde_json::from_str(input).map_err(|e| e.to_string())?;
    let typed: EvaluateRequest = serde_json::from_str(input).map_err(|e| e.to_string())?;
    let decision = engines
        .recourse_typed(&typed)
        .ok_or("recourse did not decide")?;
    let zen = peers(engines.zen_json(input.as_bytes())).map_err(|e| format!("zen: {e}"))?;
    let logic = peers(engines.datalogic_json(input.as_bytes(), arena))
        .map_err(|e| format!("datalogic: {e}"))?;
    if zen != logic {
        return Err(format!("zen {zen:?} vs datalogic {logic:?}"));
    }
    let asked = value["request"]["lines"].as_array().ok_or("no lines")?;
    if asked.len() != zen.len() || decision.lines.len() != zen.len() {
        return Err("a line is missing".to_owned());
    }
    for (wanted, peer) in asked.iter().zip(&zen) {
        let line = decision
            .lines
            .iter()
            .find(|l| wanted["line_id"] == l.line_id.as_str())
            .ok_or("a line is missing")?;
        agree(&value, line, peer)?;
    }
    Ok(())
}

/// Every variant of `base` decided by the three; the first disagreement fails.
pub fn all(engines: &Engines, base: &str) -> Result<(), String> {
    let mut arena = Bump::new();
    let inputs = variants(base)?;
    for (index, input) in inputs.iter().enumerate() {
        one(engines, input, &mut arena)
            .map_err(|e| format!("input {index} disagrees: {e}\n{input}"))?;
    }
    println!(
        "check: Recourse, zen and datalogic agree on {} inputs ({} lines): outcome, window, fee",
        inputs.len(),
        inputs.len() * 3
    );
    Ok(())
}

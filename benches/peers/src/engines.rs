//! The three ways to decide, each compiled once, and what one decision of each costs: a
//! decision is the whole 3-line request (a peer's table is asked once per line).

use std::future::Future;
use std::pin::pin;
use std::sync::Arc;
use std::task::{Context, Poll, Waker};

use datalogic_rs::bumpalo::Bump;
use datalogic_rs::{Logic, ParsedData};
use recourse_payments::refund::{evaluate, EvaluateRequest, EvaluateResponse};
use recourse_payments::Engine;
use serde_json::Value;
use zen_engine::model::GraphContent;
use zen_engine::Decision;
use zen_engine::Variable;

use crate::inputs::line_facts;
use crate::policy::{jsonlogic_rule, zen_graph};

/// zen's `evaluate` is async and never waits on anything here: polled to the end in place.
pub fn block_on<F: Future>(future: F) -> F::Output {
    let mut future = pin!(future);
    let mut cx = Context::from_waker(Waker::noop());
    loop {
        if let Poll::Ready(out) = future.as_mut().poll(&mut cx) {
            return out;
        }
    }
}

/// The engines, compiled once.
pub struct Engines {
    pub recourse: Engine,
    pub zen: Decision,
    pub datalogic: datalogic_rs::Engine,
    pub logic: Logic,
}

impl Engines {
    pub fn new(store: &str) -> Result<Self, String> {
        let recourse = Engine::from_toml(store).map_err(|e| e.to_string())?;
        let content: GraphContent =
            serde_json::from_value(zen_graph()).map_err(|e| format!("zen graph: {e}"))?;
        let mut zen = Decision::from(Arc::new(content));
        zen.compile();
        zen.validate().map_err(|e| format!("zen graph: {e}"))?;
        let datalogic = datalogic_rs::Engine::new();
        let logic = datalogic
            .compile(jsonlogic_rule().to_string().as_str())
            .map_err(|e| format!("jsonlogic rule: {e}"))?;
        Ok(Self {
            recourse,
            zen,
            datalogic,
            logic,
        })
    }

    /// Recourse, typed: the request already decoded.
    pub fn recourse_typed(&self, request: &EvaluateRequest) -> Option<EvaluateResponse> {
        evaluate(&self.recourse, request).ok()
    }

    /// Recourse, JSON in and JSON out (what every binding calls).
    pub fn recourse_json(&self, input: &[u8]) -> Option<String> {
        self.recourse.call_json("refund.evaluate", input).ok()
    }

    /// zen's table alone, on each line's facts already in zen's values.
    pub fn zen_table(&self, lines: &[Variable]) -> Option<Vec<Variable>> {
        let mut out = Vec::with_capacity(lines.len());
        for line in lines {
            out.push(block_on(self.zen.evaluate(line.clone())).ok()?.result);
        }
        Some(out)
    }

    /// zen, JSON in and JSON out: the request parsed, each line's facts read (days in the
    /// policy's time zone), the table asked per line, the answers written as JSON.
    pub fn zen_json(&self, input: &[u8]) -> Option<String> {
        let request: Value = serde_json::from_slice(input).ok()?;
        let lines: Vec<Variable> = line_facts(&request)?
            .into_iter()
            .map(Variable::from)
            .collect();
        serde_json::to_string(&self.zen_table(&lines)?).ok()
    }

    /// The JSONLogic rule alone, on each line's facts already parsed into datalogic's values;
    /// `answer` reads each line's result before the arena is reset.
    pub fn datalogic_rule(
        &self,
        lines: &[ParsedData],
        arena: &mut Bump,
        mut answer: impl FnMut(&datalogic_rs::DataValue<'_>),
    ) -> Option<()> {
        for line in lines {
            answer(self.datalogic.evaluate(&self.logic, line, arena).ok()?);
        }
        arena.reset();
        Some(())
    }

    /// The JSONLogic rule, JSON in and JSON out, like [`Engines::zen_json`].
    pub fn datalogic_json(&self, input: &[u8], arena: &mut Bump) -> Option<String> {
        let request: Value = serde_json::from_slice(input).ok()?;
        let mut out = String::from("[");
        for line in line_facts(&request)? {
            let result = self.datalogic.evaluate(&self.logic, &line, arena).ok()?;
            if out.len() > 1 {
                out.push(',');
            }
            out.push_str(&result.to_json_string());
        }
        out.push(']');
        arena.reset();
        Some(out)
    }
}

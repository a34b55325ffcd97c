//! `money.allocate`: the money operations, over the foundations' exact money
//! ([`recourse_payments_base::money`], re-exported here).

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::{decimal_text, Encode};
use crate::decode::Decode;
use crate::ops::{Context, Operation};
use crate::receipt::Trace;
use crate::Error;

pub use recourse_payments_base::money::*;

/// `money.allocate`: split a total across ratios, exactly.
pub struct Allocate;

/// The request of `money.allocate`.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct AllocateRequest {
    /// The amount to split.
    pub total: Money,
    /// One weight per part.
    pub ratios: Vec<Ratio>,
    /// Optional most each part may receive, one per ratio (`null` for no cap).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub caps: Option<Vec<Option<Money>>>,
    /// Optional processor (configured under `currencies.processors`): the parts are then
    /// in the units that processor accepts, such as whole forints.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub processor: Option<String>,
}

impl AllocateRequest {
    /// A request without caps.
    pub fn new(total: Money, ratios: Vec<Ratio>) -> Self {
        Self {
            total,
            ratios,
            caps: None,
            processor: None,
        }
    }
}

/// The response of `money.allocate`.
#[derive(Debug, Clone, PartialEq, Serialize, Encode, JsonSchema)]
pub struct AllocateResponse {
    /// The parts, in the order of the ratios; they sum exactly to the total.
    pub parts: Vec<Money>,
}

impl Operation for Allocate {
    const NAME: &'static str = "money.allocate";
    const SUMMARY: &'static str =
        "Split a total across ratios so the parts sum exactly, with optional caps";
    type Capability = MoneyCapability;
    type Request = AllocateRequest;
    type Response = AllocateResponse;

    fn run(
        cx: &Context<'_, MoneyCapability>,
        request: &AllocateRequest,
        trace: &mut Trace,
    ) -> Result<AllocateResponse, Error> {
        if request.ratios.is_empty() {
            return Err(Error::new(MoneyError::InvalidRatios, "ratios"));
        }
        let path = |e: MoneyError| match e {
            MoneyError::InvalidRatios
                if request
                    .caps
                    .as_ref()
                    .is_some_and(|c| c.len() != request.ratios.len()) =>
            {
                Error::new(e, "caps")
            }
            MoneyError::InvalidRatios => Error::new(e, "ratios"),
            MoneyError::CurrencyMismatch | MoneyError::CapsInfeasible => Error::new(e, "caps"),
            _ => Error::new(e, "total"),
        };
        let currency = request.total.currency();
        let exponent = match &request.processor {
            Some(name) if !cx.services().currencies().has_processor(name) => {
                return Err(Error::new(MoneyError::UnknownProcessor, "processor"));
            }
            Some(name) => {
                let exponent = cx
                    .services()
                    .currencies()
                    .exponent_for(currency, Some(name));
                if exponent < currency.exponent() {
                    trace.push(
                        "allocate.processor_units",
                        format!("{name} takes {} with {exponent} decimals", currency.code()),
                    );
                }
                exponent
            }
            None => currency.exponent(),
        };
        let parts = allocate_in_units(
            &request.total,
            &request.ratios,
            request.caps.as_deref(),
            exponent,
        )
        .map_err(path)?;
        let ratios: Vec<String> = request
            .ratios
            .iter()
            .map(|r| decimal_text(&r.value()))
            .collect();
        let shown: Vec<String> = parts.iter().map(|p| decimal_text(&p.amount())).collect();
        trace.push(
            "allocate.largest_remainder",
            format!(
                "{} split by {}: shares floored to the minor unit, leftover units to the largest remainders, ties to the earlier part: {}",
                request.total,
                ratios.join(":"),
                shown.join(" + ")
            ),
        );
        Ok(AllocateResponse { parts })
    }
}

/// The money capability: `money.allocate`, over the foundations' exact money.
#[derive(Debug)]
pub struct MoneyCapability;

impl crate::ops::Capability for MoneyCapability {
    type Config = ();
    const OPERATIONS: &'static [crate::ops::OperationInfo] =
        &[crate::ops::OperationInfo::of::<Allocate>()];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        let _ = (config, services, problems);
        Self
    }
}

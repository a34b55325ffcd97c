//! `dispute.classify`: a network's reason code to a normalized category, its flow, whether
//! it can be fought and the stages that follow.

use schemars::JsonSchema;
use serde::Serialize;

use super::codes::{self, Code};
use super::messages::{self, Args, Code as R, DisputeReason};
use super::{Category, DisputeCapability, DisputeError, Flow, Network, Stage};
use crate::canonical::Encode;
use crate::comms::Locale;
use crate::decode::Decode;
use crate::ops::{Context, Operation, Provides};
use crate::receipt::Trace;
use crate::Error;

/// `dispute.classify`.
#[derive(Debug, Clone, Copy)]
pub struct Classify;

/// The request of `dispute.classify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct ClassifyRequest {
    /// The network (or processor) whose vocabulary `code` is in.
    pub network: Network,
    /// The reason code as the network writes it (`10.4`, `4837`, `F29`, `fraudulent`).
    pub code: String,
    /// The dispute's current stage, for the stages that follow it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub stage: Option<Stage>,
    /// The language of the sentences; the store's default without it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// The response of `dispute.classify`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, JsonSchema)]
pub struct ClassifyResponse {
    /// The network.
    pub network: Network,
    /// The code as the network's table writes it.
    pub code: String,
    /// The network's name for it.
    pub title: String,
    /// The normalized category.
    pub category: Category,
    /// How the network runs it.
    pub flow: Flow,
    /// Whether the merchant can contest it with evidence.
    pub fightable: bool,
    /// Every stage a dispute of this code goes through, in order.
    pub stages: Vec<Stage>,
    /// The stages after `stage` (after the first one when no stage is given).
    pub next: Vec<Stage>,
    /// The table's source and edition.
    pub source: String,
    /// Why.
    pub reasons: Vec<DisputeReason>,
}

/// The code `code` of `network`'s table.
///
/// # Errors
/// `dispute.unknown_code` at `path`, naming the network, when the table has no such code.
pub(crate) fn lookup(network: Network, code: &str, path: &str) -> Result<&'static Code, Error> {
    codes::table(network).find(code).ok_or_else(|| {
        Error::new(
            DisputeError::UnknownCode {
                network: network.as_str(),
            },
            path,
        )
    })
}

/// The flow of `code` on `network`.
pub(crate) fn flow(network: Network, code: &Code) -> Flow {
    match network {
        Network::Visa if code.code.starts_with("10.") || code.code.starts_with("11.") => {
            Flow::Allocation
        }
        Network::Visa => Flow::Collaboration,
        Network::Stripe => Flow::Processor,
        Network::PixMed => Flow::Med,
        Network::Mastercard | Network::Amex | Network::Discover => Flow::Chargeback,
    }
}

/// Every stage of `code` on `network`, in order.
pub(crate) fn stages(network: Network, code: &Code) -> &'static [Stage] {
    use Stage::*;
    match network {
        Network::Visa | Network::Discover => &[Inquiry, Chargeback, PreArbitration, Arbitration],
        Network::Mastercard if code.direct_to_arbitration => &[Inquiry, Chargeback, Arbitration],
        Network::Mastercard => &[Inquiry, Chargeback, PreArbitration, Arbitration],
        Network::Amex => &[Inquiry, Chargeback, Arbitration],
        Network::PixMed => &[MedAnalysis, MedReturnRequest, MedReturn],
        Network::Stripe => &[Inquiry, Chargeback],
    }
}

/// Classifies `code` of `network`.
///
/// # Errors
/// `dispute.unknown_code` at `code`; `dispute.unknown_stage` at `stage` when the network has
/// no such stage.
///
/// # Example
/// ```
/// use recourse_payments::dispute::{classify, Category, ClassifyRequest, Flow, Network};
/// let engine = recourse_payments::Engine::default_store()?;
/// let request = ClassifyRequest {
///     network: Network::Mastercard,
///     code: "4808".into(),
///     stage: None,
///     locale: None,
/// };
/// let answer = classify(&engine, &request, &mut recourse_payments::receipt::Trace::new())?;
/// assert_eq!(answer.category, Category::Authorization);
/// assert_eq!(answer.flow, Flow::Chargeback);
/// # Ok::<(), recourse_payments::Error>(())
/// ```
pub fn classify(
    engine: &impl Provides<DisputeCapability>,
    request: &ClassifyRequest,
    trace: &mut Trace,
) -> Result<ClassifyResponse, Error> {
    let cx = engine.context()?;
    let network = request.network;
    let code = lookup(network, &request.code, "code")?;
    let table = codes::table(network);
    let all = stages(network, code);
    let next = match request.stage {
        Some(stage) => {
            let at = all.iter().position(|s| *s == stage).ok_or_else(|| {
                Error::new(
                    DisputeError::UnknownStage {
                        network: network.as_str(),
                    },
                    "stage",
                )
            })?;
            all.get(at + 1..).unwrap_or(&[]).to_vec()
        }
        None => all.get(1..).unwrap_or(&[]).to_vec(),
    };
    let flow = flow(network, code);
    let source = format!("{} ({})", table.source, table.edition);
    trace.push(
        "dispute.classify",
        format!(
            "{} {}: {}, {} flow, {}",
            network.as_str(),
            code.code,
            code.category.as_str(),
            flow.as_str(),
            if code.fightable {
                "can be fought"
            } else {
                "cannot be fought"
            }
        ),
    );
    let locale = request
        .locale
        .unwrap_or_else(|| cx.services().default_locale());
    let rule = format!("dispute.codes.{}", network.as_str());
    let args = Args {
        category: Some(code.category),
        text: Some(format!(
            "{} {} ({})",
            network.as_str(),
            code.code,
            code.title
        )),
        ..Args::default()
    };
    let mut reasons = vec![messages::reason(R::Classified, &rule, locale, &args)];
    if !code.fightable {
        reasons.push(messages::reason(R::NotFightable, &rule, locale, &args));
    }
    Ok(ClassifyResponse {
        network,
        code: code.code.to_owned(),
        title: code.title.to_owned(),
        category: code.category,
        flow,
        fightable: code.fightable,
        stages: all.to_vec(),
        next,
        source,
        reasons,
    })
}

impl Operation for Classify {
    const NAME: &'static str = "dispute.classify";
    const SUMMARY: &'static str =
        "a network's reason code to a normalized category, its flow (Visa allocation or collaboration), whether it can be fought and the stages that follow";
    type Capability = DisputeCapability;
    type Request = ClassifyRequest;
    type Response = ClassifyResponse;

    fn run(
        cx: &Context<'_, DisputeCapability>,
        request: &ClassifyRequest,
        trace: &mut Trace,
    ) -> Result<ClassifyResponse, Error> {
        classify(cx, request, trace)
    }
}

//! Disputes and chargebacks: one model across the card networks, processors and Pix MED.
//!
//! - `dispute.classify`: a network and reason code to a normalized [`Category`], the
//!   network's flow (Visa allocation or collaboration), whether it can be fought and the
//!   stages that follow. The code tables are data ([`codes`]), each with its source.
//! - `dispute.deadline`: `respond_by`, the earliest of the processor's `due_by`, the
//!   network's clock for the stage and the merchant's buffer in business days, with the rule
//!   that set it, the time left and whether it is at risk. Never later than `due_by`.
//! - `dispute.evidence`: the checklist per category and product type in Stripe's evidence
//!   keys, what is missing, a completeness score in basis points, and Visa Compelling
//!   Evidence 3.0 for 10.4.
//! - `dispute.recommend`: fight, accept, refund or submit the credit, by expected value
//!   over the configured fees, handling cost and the merchant's own win-rate priors.
//! - `dispute.monitor`: Visa VAMP and the Mastercard Excessive Chargeback Program for a
//!   month's figures, with exact ratios, projections and what to prevent.
//! - `dispute.replay`: a dispute's state as the fold of its append-only event log, stages
//!   only forward, processor statuses mapped onto it.
//! - `dispute.analyze`: root causes over a batch of disputes joined with support's tickets,
//!   folded one dispute at a time.
//!
//! Rules that change over time (network clocks, monitoring thresholds, fees) are dated data
//! in the `dispute` section of the configuration, each with its source.
//!
//! ```
//! use recourse_payments::Engine;
//! let engine = Engine::default_store()?;
//! let answer = engine.call_json("dispute.classify", br#"{"network": "visa", "code": "13.1"}"#)?;
//! assert!(answer.contains(r#""category":"not_received""#));
//! assert!(answer.contains(r#""flow":"collaboration""#));
//! # Ok::<(), recourse_payments::Error>(())
//! ```

mod analyze;
mod classify;
pub mod codes;
mod config;
mod deadline;
mod evidence;
mod messages;
mod monitor;
mod recommend;
mod replay;
mod window;

pub use analyze::{
    analyze, explain as explain_analysis, Analysis, Analyze, AnalyzeCase, AnalyzeRequest,
    AnalyzeResponse, Cause, Group,
};
pub use classify::{classify, Classify, ClassifyRequest, ClassifyResponse};
pub use config::{
    AlertKind, AutoRefundRule, Clock, DisputeConfig, EfmThreshold, Fees, MonitoringThreshold,
    Program, ProgramLevel,
};
pub use deadline::{
    deadline, Candidate, CandidateKind, Deadline, DeadlineRequest, DeadlineResponse, DeadlineState,
};
pub use evidence::{
    evidence, CompellingEvidence, Evidence, EvidenceItem, EvidenceLevel, EvidenceRequest,
    EvidenceResponse, PriorTransaction, Qualifying, TransactionFacts, EVIDENCE_KEYS,
};
pub use messages::DisputeReason;
pub use monitor::{
    monitor, EfmFigures, EfmStatus, MastercardFigures, Monitor, MonitorRequest, MonitorResponse,
    ProgramStatus, VampFigures,
};
pub use recommend::{
    recommend, Action, Alert, Recommend, RecommendRequest, RecommendResponse, RefundEntry,
    RefundState, Scenario,
};
pub use replay::{
    replay, DisputeEvent, DisputeState, Outcome, ProcessorStatus, Replay, ReplayRequest, StageEntry,
};
pub use window::{resolve, window, StageWindow};

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

/// Where a dispute comes from: a card network, Pix MED, or a processor's own vocabulary.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Network {
    /// Visa (Visa Claims Resolution reason codes 10.x-13.x).
    Visa,
    /// Mastercard (48xx reason codes).
    Mastercard,
    /// American Express.
    Amex,
    /// Discover (and Diners Club on Discover's network).
    Discover,
    /// Pix's Mecanismo Especial de Devolução (Brazil, Resolução BCB 103/2021).
    PixMed,
    /// Stripe's `reason` values on its dispute object.
    Stripe,
}

/// The normalized reason of a dispute, across networks.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Category {
    /// The cardholder (or payer) says they did not make the payment.
    Fraud,
    /// Goods or services not received.
    NotReceived,
    /// Goods or services not as described, defective or counterfeit.
    NotAsDescribed,
    /// Charged twice, or paid by other means.
    Duplicate,
    /// A refund or credit promised was not processed.
    CreditNotProcessed,
    /// A recurring payment taken after it was cancelled.
    SubscriptionCancelled,
    /// The payment lacked a valid authorization.
    Authorization,
    /// A processing error: late presentment, wrong amount, currency or account.
    ProcessingError,
    /// Anything else.
    General,
}

/// How the network runs the dispute.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Flow {
    /// Visa allocation (fraud 10.x, authorization 11.x): the acquirer starts
    /// pre-arbitration.
    Allocation,
    /// Visa collaboration (processing errors 12.x, consumer disputes 13.x): the issuer
    /// starts pre-arbitration.
    Collaboration,
    /// The chargeback and representment cycle (Mastercard, American Express, Discover).
    Chargeback,
    /// Pix MED: infraction notice, analysis, return request, return.
    Med,
    /// A processor's reason: the network flow follows its network reason code.
    Processor,
}

/// A stage of a dispute's life.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum Stage {
    /// An inquiry or retrieval request (Stripe's `warning_*`), before any chargeback.
    Inquiry,
    /// The first chargeback.
    Chargeback,
    /// Pre-arbitration.
    PreArbitration,
    /// Arbitration by the network.
    Arbitration,
    /// Pix MED: the payer's institution files the infraction notice, from the Pix on.
    MedNotice,
    /// Pix MED: the receiving institution analyses the infraction notice.
    MedAnalysis,
    /// Pix MED: the payer's institution requests the return.
    MedReturnRequest,
    /// Pix MED: the receiving institution returns the funds.
    MedReturn,
}

/// What was sold.
#[derive(
    Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Encode, Decode, JsonSchema,
)]
#[serde(rename_all = "snake_case")]
pub enum ProductType {
    /// Physical goods, shipped.
    Physical,
    /// Digital goods or access.
    Digital,
    /// A service performed offline.
    Service,
    /// A subscription.
    Subscription,
}

/// Errors of the dispute operations.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum DisputeError {
    /// The network's table has no such reason code.
    #[error("the {network} reason code table has no such code")]
    UnknownCode {
        /// The network, by its wire name.
        network: &'static str,
    },
    /// The stage does not exist on the network.
    #[error("{network} disputes have no such stage")]
    UnknownStage {
        /// The network, by its wire name.
        network: &'static str,
    },
    /// The deadline (the processor's `due_by` or the network's clock) is already past at
    /// `now`: nothing can be answered any more.
    #[error("the deadline to respond has passed")]
    DeadlinePassed,
    /// There is neither a processor `due_by` nor a network clock for the stage.
    #[error("no deadline: neither a processor due_by nor a network clock for this stage")]
    NoDeadline,
    /// An instant comes before one it must follow.
    #[error("the instants are out of order")]
    OutOfOrder,
    /// An amount is in another currency than the dispute's.
    #[error("the amount is in another currency than the dispute")]
    CurrencyMismatch,
    /// The configuration has no fees for the dispute's currency.
    #[error("the configuration has no dispute fees for this currency")]
    NoFees,
    /// The evidence was already submitted: it can be submitted once.
    #[error("the evidence was already submitted; it can be submitted once")]
    EvidenceAlreadySubmitted,
    /// No monitoring threshold is in force for the region and month.
    #[error("no monitoring threshold in force for this region and month")]
    NoThreshold,
    /// A count or day is out of its range.
    #[error("the figure is out of range")]
    OutOfRange,
    /// The dispute's log is empty.
    #[error("the dispute's log is empty")]
    EmptyLog,
    /// The log does not start with `opened`, or opens twice.
    #[error("a dispute's log starts with `opened`, once")]
    NotOpened,
    /// The event cannot follow the dispute's state.
    #[error("a `{event}` event cannot follow a dispute at {from}")]
    IllegalTransition {
        /// The state: a stage, or `closed`.
        from: &'static str,
        /// The event's type.
        event: &'static str,
    },
}

impl crate::error::AreaError for DisputeError {
    fn code(&self) -> &'static str {
        DisputeError::code(self)
    }
}

impl DisputeError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownCode { .. } => "dispute.unknown_code",
            Self::UnknownStage { .. } => "dispute.unknown_stage",
            Self::DeadlinePassed => "dispute.deadline_passed",
            Self::NoDeadline => "dispute.no_deadline",
            Self::OutOfOrder => "dispute.out_of_order",
            Self::CurrencyMismatch => "dispute.currency_mismatch",
            Self::NoFees => "dispute.no_fees",
            Self::EvidenceAlreadySubmitted => "dispute.evidence_already_submitted",
            Self::NoThreshold => "dispute.no_threshold",
            Self::OutOfRange => "dispute.out_of_range",
            Self::EmptyLog => "dispute.empty_log",
            Self::NotOpened => "dispute.not_opened",
            Self::IllegalTransition { .. } => "dispute.illegal_transition",
        }
    }
}

/// The dispute capability: reason codes, deadlines, evidence, recommendations, monitoring.
#[derive(Debug)]
pub struct DisputeCapability {
    /// The `dispute` section as written.
    pub config: DisputeConfig,
    /// The same, compiled: dates and ratios parsed.
    pub(crate) compiled: config::Compiled,
}

impl crate::ops::Capability for DisputeCapability {
    type Config = DisputeConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<Classify>(),
        crate::ops::OperationInfo::of::<Deadline>(),
        crate::ops::OperationInfo::of::<Evidence>(),
        crate::ops::OperationInfo::of::<Recommend>(),
        crate::ops::OperationInfo::of::<Monitor>(),
        crate::ops::OperationInfo::of::<Replay>(),
        crate::ops::OperationInfo::of::<Analyze>(),
    ];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        Self {
            config: config.clone(),
            compiled: {
                let compiled = config::compile(config, services, problems);
                problems.extend(window::link_problems(services.stage_links(), &compiled));
                compiled
            },
        }
    }
}

#[cfg(test)]
mod tests;

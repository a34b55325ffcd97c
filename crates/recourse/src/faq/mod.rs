//! Self-service answers written from the store's own rules, so that the FAQ never says
//! something the engine would decide otherwise:
//!
//! - `faq.answer`: one entry, found by its id, by its category, or by the keywords of a
//!   customer's first message (with a confidence), in en, pt-BR, es or el. Return windows,
//!   fees and refund timing are the clauses `refund.disclose` states for the store's policy,
//!   each with its rule id; processing times are the payment timelines' dated rules
//!   (`payment::rules`); the methods are the store's `payment.accepted_methods`. Given a
//!   refund already sent, the answer is personal: where that refund is, from
//!   `payment.where_is_my_money`.
//! - `faq.export`: every entry, as Markdown and as schema.org `FAQPage` JSON-LD.
//!
//! A merchant overrides an entry or adds one in the `faq` section, keyed by id.
//!
//! ```
//! use recourse_payments::Engine;
//! let engine = Engine::default_store()?;
//! let answer = engine.call_json("faq.answer",
//!     br#"{"question": "what is the return window?", "locale": "en"}"#)?;
//! assert!(answer.contains(r#""id":"return_window""#));
//! assert!(answer.contains("within 7 days of delivery"));
//! # Ok::<(), recourse_payments::Error>(())
//! ```

mod answer;
mod entries;
mod export;

pub use answer::{answer, Answer, AnswerRequest, AnswerResponse, Confidence, RefundFacts, Window};
pub use entries::{Category, FaqConfig, FaqEntry, Texts};
pub use export::{export, Export, ExportRequest, ExportResponse};

/// Errors of the FAQ.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum FaqError {
    /// No entry has this id.
    #[error("no FAQ entry has this id")]
    UnknownEntry,
    /// No entry matches the question or category.
    #[error("no FAQ entry matches: name an entry, a category or ask in other words")]
    NoMatch,
    /// Neither an id, a category nor a question was given.
    #[error("expected an entry id, a category or a question")]
    NothingAsked,
    /// A personal answer needs `now`.
    #[error("a personal answer needs `now`")]
    NowRequired,
}

impl crate::error::AreaError for FaqError {
    fn code(&self) -> &'static str {
        FaqError::code(self)
    }
}

impl FaqError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::UnknownEntry => "faq.unknown_entry",
            Self::NoMatch => "faq.no_match",
            Self::NothingAsked => "faq.nothing_asked",
            Self::NowRequired => "faq.now_required",
        }
    }
}

/// The FAQ capability over the `faq` section. It uses `refund` (the policy's clauses) and
/// `payment` (methods and timelines).
#[derive(Debug)]
pub struct FaqCapability {
    /// The `faq` section as written.
    pub config: FaqConfig,
    /// The store's refund policy as `refund.disclose` states it, per language
    /// `[en, pt-BR, es, el]`, computed on first use (the same answer every time).
    disclosed: [Disclosed; 4],
}

type Disclosed = std::sync::OnceLock<Result<crate::refund::DiscloseResponse, crate::Error>>;

impl crate::ops::Capability for FaqCapability {
    type Config = FaqConfig;
    const OPERATIONS: &'static [crate::ops::OperationInfo] = &[
        crate::ops::OperationInfo::of::<Answer>(),
        crate::ops::OperationInfo::of::<Export>(),
    ];

    fn compile(
        config: &Self::Config,
        services: &crate::ops::Services,
        problems: &mut Vec<crate::Error>,
    ) -> Self {
        problems.extend(entries::problems(config, services));
        Self {
            config: config.clone(),
            disclosed: Default::default(),
        }
    }
}

#[cfg(test)]
mod tests;

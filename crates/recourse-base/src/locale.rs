//! Customer communication: the languages Recourse speaks to customers, how a sentence picks
//! its language ([`Locale::pick`]), and how amounts and dates are written in each
//! ([`mod@format`]).

pub mod format;

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

/// A language customers are answered in.
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    Hash,
    PartialOrd,
    Ord,
    Default,
    Serialize,
    Encode,
    Decode,
    JsonSchema,
)]
pub enum Locale {
    /// English.
    #[default]
    #[serde(rename = "en")]
    En,
    /// Brazilian Portuguese.
    #[serde(rename = "pt-BR")]
    PtBr,
    /// Spanish.
    #[serde(rename = "es")]
    Es,
    /// Greek.
    #[serde(rename = "el")]
    El,
}

impl Locale {
    /// This locale's entry of a table written `[en, pt-BR, es, el]`.
    pub fn pick<T: Copy>(self, [en, pt_br, es, el]: [T; 4]) -> T {
        match self {
            Self::En => en,
            Self::PtBr => pt_br,
            Self::Es => es,
            Self::El => el,
        }
    }
}

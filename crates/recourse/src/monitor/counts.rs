//! What `monitor.rates` counts: the metric, and a window's attempts, failures and
//! failures per code.

use schemars::JsonSchema;
use serde::Serialize;

use crate::canonical::Encode;
use crate::decode::Decode;

/// What fails.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(rename_all = "snake_case")]
pub enum Metric {
    /// Declines among authorization attempts (the authorization rate's complement).
    Authorization,
    /// Failed refunds among refunds.
    RefundFailure,
    /// Early fraud warnings among charges.
    EarlyFraudWarning,
}

/// How often one code failed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct CodeCount {
    /// The code (`51`, `insufficient_funds`), or a method or BIN to watch.
    pub code: String,
    /// Failures with it.
    pub count: u64,
}

/// A window's counts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Encode, Decode, JsonSchema)]
#[serde(deny_unknown_fields)]
pub struct Counts {
    /// Attempts (deduplicated: one per card and retry sequence).
    pub total: u64,
    /// Failures among them.
    pub failed: u64,
    /// Failures per code (at most `failed` in all).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub codes: Vec<CodeCount>,
    /// Failures per segment the host watches: a method, a BIN, a network (at most `failed`
    /// in all); from events, per method.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub segments: Vec<CodeCount>,
}

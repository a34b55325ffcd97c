//! The foundations of Recourse: what every capability builds on, and nothing above it.
//!
//! - [`error`]: the one error type, its stable codes and JSON paths, and the errors of the
//!   input and the configuration;
//! - [`limits`]: limits on untrusted input, checked before parsing;
//! - [`decode`]: JSON text to typed requests and configuration, naming the path of any
//!   problem;
//! - [`canonical`]: the one canonical JSON writer of every answer;
//! - [`receipt`]: receipts, their traces and digests;
//! - [`money`]: currencies, exact arithmetic, rounding, allocation;
//! - [`calendar`]: time zones, instants and business calendars;
//! - [`locale`]: the languages customers are answered in;
//! - [`names`]: the name a mistyped one most likely meant ("did you mean");
//! - [`sort`]: small sorted maps and duplicate finding for deterministic output.
//!
//! This crate cannot name a capability or the engine: it is built before them, so the
//! layering holds by construction.
//!
//! ```
//! use recourse_payments_base::money::{allocate, Money, Ratio};
//! let parts = allocate(&Money::parse("100.00", "BRL")?, &[Ratio::from(1); 3], None)?;
//! assert_eq!(parts[0].to_string(), "33.34 BRL");
//! # Ok::<(), recourse_payments_base::money::MoneyError>(())
//! ```
#![deny(missing_docs)]
#![forbid(unsafe_code)]

pub mod calendar;
pub mod canonical;
pub mod decode;
pub mod error;
pub mod limits;
pub mod locale;
pub mod money;
pub mod names;
pub mod receipt;
pub mod sort;

pub use error::{Error, ErrorKind};

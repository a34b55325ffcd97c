//! Dispute rules, with their sources.

use super::*;

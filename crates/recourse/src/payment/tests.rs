//! Tests of payment diagnostics.

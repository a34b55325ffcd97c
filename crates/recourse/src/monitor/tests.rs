//! Tests of monitoring.

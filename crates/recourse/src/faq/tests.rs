//! Tests of the FAQ.

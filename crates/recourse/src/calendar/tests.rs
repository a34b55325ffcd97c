//! Calendar arithmetic around DST, holidays and bounds.

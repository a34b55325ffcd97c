//! Business calendars: a time zone, weekly opening hours and dated holidays.
//!
//! "30 calendar days", "2 business days" and "4 business hours" are different things and
//! the types say which. DST gaps and folds are handled, not ignored.

mod timestamp;

pub use timestamp::Timestamp;

/// Errors of business-calendar arithmetic.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[non_exhaustive]
pub enum CalendarError {
    /// The calendar has no open hours at all, so no business time can ever pass.
    #[error("the calendar has no open hours")]
    NoOpenHours,
}

impl CalendarError {
    /// The stable code.
    pub fn code(&self) -> &'static str {
        match self {
            Self::NoOpenHours => "calendar.no_open_hours",
        }
    }

    pub(crate) fn from_code(code: &str) -> Option<Self> {
        [Self::NoOpenHours].into_iter().find(|e| e.code() == code)
    }
}

//! Business calendars: a time zone, weekly opening hours and dated holidays.
//!
//! "30 calendar days", "2 business days" and "4 business hours" are different things and
//! the types say which: [`CalendarDays`], [`BusinessDays`] and [`BusinessDuration`]. DST gaps
//! and folds are handled, not ignored: each day's opening hours become instants through the
//! time zone's rules for that day (see [`Calendar`]).
//!
//! The types and arithmetic are the foundations' ([`recourse_payments_base::calendar`], re-exported
//! here). Calendars are configured by name in the engine (`[calendars.sao_paulo]`) or passed inline
//! in a request; the operations `calendar.is_open`, `calendar.next_open`, `calendar.add` and
//! `calendar.elapsed` answer from them.
//!
//! ```
//! use recourse_payments::calendar::{BusinessDuration, Timestamp};
//! let engine = recourse_payments::Engine::default_store()?;
//! let desk = engine.calendar("sao_paulo").ok_or("no such calendar")?;
//! let created = Timestamp::parse("2026-11-19T17:00:00-03:00")?; // Thursday
//! let due = desk.add_business_time(&created, BusinessDuration::from_hours(2))?;
//! // Friday 20 November is a national holiday: the clock resumes on Monday.
//! assert_eq!(due.to_string(), "2026-11-23T10:00:00-03:00");
//! # Ok::<(), Box<dyn std::error::Error>>(())
//! ```

mod ops;

pub use ops::{
    Add, AddRequest, AddResponse, CalendarCapability, CalendarRef, Elapsed, ElapsedRequest,
    ElapsedResponse, IsOpen, IsOpenRequest, IsOpenResponse, NextOpen, NextOpenRequest,
    NextOpenResponse, Period,
};
pub use recourse_payments_base::calendar::*;

//! The decision table: which rule decides each effect for a line (first match per effect),
//! and the return window measured in calendar days of the policy's time zone.

use chrono::{Datelike, Days, NaiveDate, Weekday};

use super::compile::{
    in_currency, CFee, CReturnShipping, CWhen, CWindow, CompiledPolicy, Eligibility,
};
use super::policy::{Remedy, WindowStart};
use crate::calendar::{Timestamp, SUPPORTED_YEARS};
use crate::money::Money;
use crate::ops::InputError;
use crate::Error;

/// The facts every line of a request shares, as bits and numbers.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CaseFacts {
    pub reason: u32,
    pub standing: u32,
    pub channel: u64,
    pub order_age_days: i64,
    pub order_value: Money,
}

/// The facts of one line.
#[derive(Debug, Clone, Copy)]
pub(crate) struct LineFacts {
    pub category: u64,
    /// 0 when the condition is unknown.
    pub condition: u32,
    pub final_sale: bool,
    pub digital: bool,
    pub downloaded: bool,
}

/// The effects decided for one line, each with the id of the rule that decided it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Resolved<'p> {
    pub window: Option<(&'p CWindow, &'p str)>,
    pub eligibility: Option<(Eligibility, &'p str)>,
    pub restocking_fee: Option<(&'p CFee, &'p str)>,
    pub return_shipping: Option<(&'p CReturnShipping, &'p str)>,
    pub refund_shipping: Option<(bool, &'p str)>,
    pub remedies: Option<(&'p [Remedy], &'p str)>,
    pub review: Option<(bool, &'p str)>,
}

/// Applies the hit policy: for each effect, the first matching rule that sets it.
pub(crate) fn resolve<'p>(
    policy: &'p CompiledPolicy,
    case: &CaseFacts,
    line: &LineFacts,
) -> Resolved<'p> {
    let mut r = Resolved::default();
    for rule in &policy.rules {
        if !matches(&rule.when, case, line) {
            continue;
        }
        let id = rule.id.as_str();
        if r.window.is_none() {
            r.window = rule.window.as_ref().map(|w| (w, id));
        }
        if r.eligibility.is_none() {
            r.eligibility = rule.eligibility.map(|e| (e, id));
        }
        if r.restocking_fee.is_none() {
            r.restocking_fee = rule.restocking_fee.as_ref().map(|f| (f, id));
        }
        if r.return_shipping.is_none() {
            r.return_shipping = rule.return_shipping.as_ref().map(|s| (s, id));
        }
        if r.refund_shipping.is_none() {
            r.refund_shipping = rule.refund_shipping.map(|b| (b, id));
        }
        if r.remedies.is_none() {
            r.remedies = rule.remedies.as_deref().map(|m| (m, id));
        }
        if r.review.is_none() {
            r.review = rule.review.map(|b| (b, id));
        }
    }
    r
}

fn matches(when: &CWhen, case: &CaseFacts, line: &LineFacts) -> bool {
    let set = |mask: u32, bit: u32| mask == 0 || mask & bit != 0;
    let set64 = |mask: u64, bit: u64| mask == 0 || mask & bit != 0;
    let flag = |want: Option<bool>, have: bool| want.is_none_or(|w| w == have);
    set64(when.category, line.category)
        && set64(when.channel, case.channel)
        && set(when.reason, case.reason)
        && set(when.condition, line.condition)
        && set(when.standing, case.standing)
        && flag(when.final_sale, line.final_sale)
        && flag(when.digital, line.digital)
        && flag(when.downloaded, line.downloaded)
        && when.min_age.is_none_or(|m| case.order_age_days >= m)
        && when.max_age.is_none_or(|m| case.order_age_days <= m)
        && (when.value_at_least.is_empty()
            || in_currency(&when.value_at_least, case.order_value.currency())
                .is_some_and(|m| case.order_value.amount() >= m.amount()))
        && (when.value_below.is_empty()
            || in_currency(&when.value_below, case.order_value.currency())
                .is_some_and(|m| case.order_value.amount() < m.amount()))
}

/// The local calendar date of an instant in the policy's time zone.
pub(crate) fn local_date(policy: &CompiledPolicy, at: &Timestamp) -> NaiveDate {
    let utc = at.to_utc();
    utc.with_timezone(&policy.tz_rules.offset_at(utc))
        .date_naive()
}

/// The last day of a window, or `None` when it has not started (goods not delivered yet).
///
/// The day of delivery (or purchase) is day 0; the window ends at the end of day `days`,
/// so "14 days from delivery on 3 March" ends on 17 March, as EU law counts (the day of
/// the event is not counted; Regulation 1182/71 art. 3(1)). With `roll_forward`, a last day
/// that is not a working day moves to the next working day (art. 3(4)).
///
/// # Errors
/// `input.out_of_range` at the instant the window starts from (`order.purchased_at` or
/// `order.delivered_at`) when the last day would lie outside [`SUPPORTED_YEARS`], where the
/// answer could not write it.
pub(crate) fn deadline(
    policy: &CompiledPolicy,
    window: &CWindow,
    purchase_day: NaiveDate,
    delivery_day: Option<NaiveDate>,
) -> Result<Option<NaiveDate>, Error> {
    let (start, path) = match (window.from, delivery_day) {
        (WindowStart::Purchase, _) => (purchase_day, "order.purchased_at"),
        (WindowStart::Delivery, Some(day)) => (day, "order.delivered_at"),
        (WindowStart::Delivery, None) => return Ok(None),
    };
    let days = u32::try_from(window.days).unwrap_or(0);
    last_day(policy, start, days, window.roll_forward)
        .map(Some)
        .ok_or_else(|| Error::new(InputError::OutOfRange, path))
}

/// The last day of a period of `days` calendar days from `start` (day 0), moved to the
/// next working day when `roll_forward` says so; `None` outside the supported years.
pub(crate) fn last_day(
    policy: &CompiledPolicy,
    start: NaiveDate,
    days: u32,
    roll_forward: bool,
) -> Option<NaiveDate> {
    let mut last = start.checked_add_days(Days::new(u64::from(days)))?;
    if roll_forward {
        // At most a year of consecutive non-working days is skipped.
        for _ in 0..366 {
            if is_working_day(policy, last) {
                break;
            }
            last = last.succ_opt()?;
        }
    }
    SUPPORTED_YEARS.contains(&last.year()).then_some(last)
}

/// The end of `day` in the policy's time zone: the first instant of the next day (after
/// a gap, its end).
pub(crate) fn end_of_day(policy: &CompiledPolicy, day: NaiveDate) -> Option<Timestamp> {
    let midnight = day.succ_opt()?.and_hms_opt(0, 0, 0)?;
    let rules = &policy.tz_rules;
    let utc = rules
        .map_local(&midnight)
        .earliest()
        .or_else(|| rules.gap_end(&midnight))?;
    let local = utc.with_timezone(&rules.offset_at(utc));
    let at = Timestamp::from(local);
    at.is_supported().then_some(at)
}

/// Whether a date is a working day: a working day of the policy's calendar (or, without
/// one, not a Saturday or Sunday) that is not one of the policy's own holidays.
fn is_working_day(policy: &CompiledPolicy, date: NaiveDate) -> bool {
    let working = match &policy.calendar {
        Some(calendar) => calendar.is_working_day(date),
        None => !matches!(date.weekday(), Weekday::Sat | Weekday::Sun),
    };
    working && policy.holidays.binary_search(&date).is_err()
}

//! The dates a trajectory has a column for, and the period each covers.

use chrono::{Months, NaiveDate};

use crate::model::Settings;
use crate::query;

/// Columns when the plan has no meeting on or before the as-of date: the
/// ends of this many reporting periods.
pub const PERIOD_ENDS: usize = 4;

/// The dates a trajectory has a column for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Columns {
    /// Earliest first.
    pub dates: Vec<NaiveDate>,
    pub basis: Basis,
    /// The first column's period starts after this date: one reporting
    /// period before a meeting; the day before a reporting period begins. Every later column's starts after the column
    /// before.
    pub first_from: NaiveDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Basis {
    /// The meetings in plan.toml on or before the as-of date.
    Meetings,
    /// No meeting: the last days of the last [`PERIOD_ENDS`] reporting
    /// periods that ended on or before the as-of date.
    PeriodEnds,
}

impl Columns {
    /// The period column `k` covers: after `.0`, up to and including `.1`.
    pub fn window(&self, k: usize) -> (NaiveDate, NaiveDate) {
        let from = if k == 0 {
            self.first_from
        } else {
            self.dates[k - 1]
        };
        (from, self.dates[k])
    }
}

/// The columns as of `as_of`: every meeting on or before it; with none,
/// the ends of the last four reporting periods.
pub fn columns(settings: &Settings, as_of: NaiveDate) -> Columns {
    let meetings: Vec<NaiveDate> = settings
        .meeting_dates()
        .into_iter()
        .filter(|m| *m <= as_of)
        .collect();
    let (dates, basis) = if meetings.is_empty() {
        (period_ends(settings, as_of), Basis::PeriodEnds)
    } else {
        (meetings, Basis::Meetings)
    };
    let period = Months::new(settings.reporting.months());
    let first_from = match (dates.first(), basis) {
        (Some(first), Basis::PeriodEnds) => query::reporting_period(settings, *first).0.pred_opt(),
        (Some(first), Basis::Meetings) => first.checked_sub_months(period),
        (None, _) => None,
    }
    .unwrap_or(NaiveDate::MIN);
    Columns {
        dates,
        basis,
        first_from,
    }
}

/// The last day of each of the last [`PERIOD_ENDS`] reporting periods
/// that ended on or before `as_of`, earliest first.
fn period_ends(settings: &Settings, as_of: NaiveDate) -> Vec<NaiveDate> {
    let mut ends = Vec::new();
    let (start, end) = query::reporting_period(settings, as_of);
    // The period holding `as_of` counts when `as_of` is its last day.
    let mut day = match end.pred_opt() {
        Some(last) if last == as_of => Some(last),
        _ => start.pred_opt(),
    };
    while let Some(last) = day.filter(|_| ends.len() < PERIOD_ENDS) {
        ends.push(last);
        day = query::reporting_period(settings, last).0.pred_opt();
    }
    ends.reverse();
    ends
}

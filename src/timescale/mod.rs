//! Reading a plan's timescale words ("April 2009", "July – Sept 09",
//! "Quarterly") into dates and schedules, without guessing.

mod council;
mod parse;

use std::fmt;

use chrono::NaiveDate;

use crate::model::Period;
use crate::status::Status;

/// A calendar month of a given year.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct YearMonth {
    pub year: i32,
    pub month: u32,
}

impl YearMonth {
    /// `None` when the month is not 1–12 or the year is out of chrono's range.
    pub fn new(year: i32, month: u32) -> Option<YearMonth> {
        NaiveDate::from_ymd_opt(year, month, 1).map(|_| YearMonth { year, month })
    }

    pub fn first_day(self) -> NaiveDate {
        NaiveDate::from_ymd_opt(self.year, self.month, 1).expect("validated in new")
    }

    /// Month precision means "by the end of the month".
    pub fn last_day(self) -> NaiveDate {
        let next = if self.month == 12 {
            NaiveDate::from_ymd_opt(self.year + 1, 1, 1)
        } else {
            NaiveDate::from_ymd_opt(self.year, self.month + 1, 1)
        };
        next.and_then(|d| d.pred_opt()).unwrap_or(NaiveDate::MAX)
    }
}

impl fmt::Display for YearMonth {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} {}", MONTH_NAMES[self.month as usize - 1], self.year)
    }
}

/// One thing a timescale says.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Item {
    /// "April 2009", "by end February 2009": due at the end of the month.
    Month(YearMonth),
    /// "31 March 2009": due that day.
    Day(NaiveDate),
    /// "July – Sept 09": due at the end of the last month.
    Range(YearMonth, YearMonth),
    /// "Immediate": due on the plan's `adopted` date.
    Immediate,
    /// "Quarterly", "From July 2009": expected every period from a month.
    Recurring {
        every: Option<Period>,
        from: Option<YearMonth>,
    },
    /// "Ongoing": no due date.
    Ongoing,
    /// "Completed": the action was done when the plan was written.
    Completed,
    /// "Deferred due to …": put off, with the plan's reason.
    Deferred { reason: String },
}

impl Item {
    /// The date this item is due by, if it names one.
    pub fn deadline(&self) -> Option<NaiveDate> {
        match self {
            Item::Month(month) => Some(month.last_day()),
            Item::Day(day) => Some(*day),
            Item::Range(_, to) => Some(to.last_day()),
            _ => None,
        }
    }
}

impl fmt::Display for Item {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Item::Month(m) => write!(f, "end of {m}"),
            Item::Day(d) => write!(f, "{d}"),
            Item::Range(from, to) => write!(f, "{from} to end of {to}"),
            Item::Immediate => f.write_str("immediately (the plan's adoption date)"),
            Item::Recurring { every, from } => {
                let every = every.map_or("every reporting period", Period::adverb);
                match from {
                    Some(from) => write!(f, "{every} from {from}"),
                    None => f.write_str(every),
                }
            }
            Item::Ongoing => f.write_str("ongoing"),
            Item::Completed => f.write_str("completed"),
            Item::Deferred { reason } if reason.is_empty() => f.write_str("deferred"),
            Item::Deferred { reason } => write!(f, "deferred ({reason})"),
        }
    }
}

/// What a timescale says, item by item in the order written.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reading {
    pub items: Vec<Item>,
    /// Readings that were not certain ("03/04/2010" read day first,
    /// "Spring 2010" read as the school term), for an import to report.
    pub doubts: Vec<String>,
}

/// Why a timescale could not be read for certain.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Unreadable {
    pub reason: String,
}

/// The schedule fields an action's timescale implies.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Schedule {
    pub due: Option<NaiveDate>,
    pub start: Option<NaiveDate>,
    pub recurs: Option<Period>,
    pub ongoing: bool,
    pub status: Option<Status>,
}

impl Reading {
    /// The latest deadline among the items; "Immediate" counts as `adopted`.
    /// Several milestones are due at the last.
    pub fn due(&self, adopted: Option<NaiveDate>) -> Option<NaiveDate> {
        let immediate = self
            .items
            .contains(&Item::Immediate)
            .then_some(adopted)
            .flatten();
        self.items
            .iter()
            .filter_map(Item::deadline)
            .chain(immediate)
            .max()
    }

    /// "Immediate" with no other date: due on adoption, whenever that was.
    pub fn is_immediate_only(&self) -> bool {
        self.items.contains(&Item::Immediate) && self.items.iter().all(|i| i.deadline().is_none())
    }

    /// The fields an action with this timescale should have.
    pub fn schedule(&self, adopted: Option<NaiveDate>, reporting: Period) -> Schedule {
        let due = self.due(adopted);
        let recurring = self.items.iter().find_map(|item| match item {
            Item::Recurring { every, from } => Some((every.unwrap_or(reporting), *from)),
            _ => None,
        });
        let status = self.items.iter().find_map(|item| match item {
            Item::Completed => Some(Status::Complete),
            Item::Deferred { .. } => Some(Status::Deferred),
            _ => None,
        });
        Schedule {
            due,
            start: recurring.and_then(|(_, from)| from.map(YearMonth::first_day)),
            recurs: recurring.map(|(every, _)| every),
            ongoing: self.items.contains(&Item::Ongoing) && due.is_none() && recurring.is_none(),
            status,
        }
    }
}

impl fmt::Display for Reading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, item) in self.items.iter().enumerate() {
            if i > 0 {
                f.write_str("; ")?;
            }
            write!(f, "{item}")?;
        }
        Ok(())
    }
}

pub(crate) const MONTH_NAMES: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// Reads a timescale as written in a plan. Words that name no date are
/// labels ("Policy approved by end"); a date that cannot be read for certain
/// makes the whole timescale unreadable rather than half-read.
pub fn read(text: &str) -> Result<Reading, Unreadable> {
    let (items, doubts) = parse::items(text)?;
    let items = merge_recurrences(items)?;
    if items.is_empty() {
        return Err(unreadable(format!(
            "no date or timescale word in “{}”",
            text.trim()
        )));
    }
    let mut doubts = doubts;
    let dated = items.iter().rev().find_map(Item::deadline);
    if let (Some(due), true) = (dated, items.contains(&Item::Ongoing)) {
        doubts.push(format!(
            "“ongoing” beside a date: read as due by {due}, not open-ended"
        ));
    }
    Ok(Reading { items, doubts })
}

pub(crate) fn unreadable(reason: String) -> Unreadable {
    Unreadable { reason }
}

/// "Quarterly from July 2009" is one recurrence, written as two items.
fn merge_recurrences(items: Vec<Item>) -> Result<Vec<Item>, Unreadable> {
    let mut merged: Vec<Item> = Vec::with_capacity(items.len());
    let mut recurring: Option<usize> = None;
    for item in items {
        let Item::Recurring { every, from } = item else {
            merged.push(item);
            continue;
        };
        let Some(index) = recurring else {
            recurring = Some(merged.len());
            merged.push(Item::Recurring { every, from });
            continue;
        };
        let Item::Recurring { every: e, from: f } = &mut merged[index] else {
            unreachable!("index points at a recurrence")
        };
        if (e.is_some() && every.is_some() && *e != every) || (f.is_some() && from.is_some()) {
            return Err(unreadable("two different recurrences".to_string()));
        }
        *e = e.or(every);
        *f = f.or(from);
    }
    Ok(merged)
}

#[cfg(test)]
mod tests;

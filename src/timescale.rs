//! Reading a plan's timescale words ("April 2009", "July – Sept 09",
//! "Quarterly") into dates and schedules, without guessing.

use std::fmt;

use chrono::{Datelike, NaiveDate};

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

const MONTH_NAMES: [&str; 12] = [
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
    let tokens = tokenize(text);
    let mut parser = Parser {
        text,
        tokens: &tokens,
        pos: 0,
        items: Vec::new(),
    };
    parser.run()?;
    let items = merge_recurrences(parser.items)?;
    if items.is_empty() {
        return Err(unreadable(format!(
            "no date or timescale word in “{}”",
            text.trim()
        )));
    }
    Ok(Reading { items })
}

fn unreadable(reason: String) -> Unreadable {
    Unreadable { reason }
}

#[derive(Clone, Debug, PartialEq)]
enum Token {
    /// A run of letters, lower-cased, with its byte offset in the text.
    Word {
        word: String,
        at: usize,
        capital: bool,
    },
    /// A run of digits, with how many digits were written.
    Number {
        value: u32,
        digits: usize,
    },
    Dash,
    Slash,
}

fn tokenize(text: &str) -> Vec<Token> {
    let mut tokens = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        if c.is_alphabetic() {
            let mut end = at + c.len_utf8();
            while let Some(&(i, n)) = chars.peek().filter(|(_, n)| n.is_alphabetic()) {
                end = i + n.len_utf8();
                chars.next();
            }
            let word = text[at..end].to_lowercase();
            tokens.push(Token::Word {
                word,
                at,
                capital: c.is_uppercase(),
            });
        } else if c.is_ascii_digit() {
            let mut digits = c.to_string();
            while let Some(&(_, n)) = chars.peek().filter(|(_, n)| n.is_ascii_digit()) {
                digits.push(n);
                chars.next();
            }
            let value = digits.parse().unwrap_or(u32::MAX);
            tokens.push(Token::Number {
                value,
                digits: digits.len(),
            });
        } else if matches!(c, '-' | '–' | '—') {
            tokens.push(Token::Dash);
        } else if c == '/' {
            tokens.push(Token::Slash);
        }
    }
    tokens
}

fn month_number(word: &str) -> Option<u32> {
    let month = match word {
        "jan" | "january" => 1,
        "feb" | "february" => 2,
        "mar" | "march" => 3,
        "apr" | "april" => 4,
        "may" => 5,
        "jun" | "june" => 6,
        "jul" | "july" => 7,
        "aug" | "august" => 8,
        "sep" | "sept" | "september" => 9,
        "oct" | "october" => 10,
        "nov" | "november" => 11,
        "dec" | "december" => 12,
        _ => return None,
    };
    Some(month)
}

fn period_word(word: &str) -> Option<Period> {
    match word {
        "monthly" => Some(Period::Monthly),
        "quarterly" => Some(Period::Quarterly),
        "annually" | "annual" | "yearly" => Some(Period::Annually),
        _ => None,
    }
}

/// A date as written: a month with or without its year, or a day.
#[derive(Clone, Copy, Debug, PartialEq)]
enum DateWords {
    Month(YearMonth),
    Day(NaiveDate),
    MonthWithoutYear(u32),
}

struct Parser<'a> {
    text: &'a str,
    tokens: &'a [Token],
    pos: usize,
    items: Vec<Item>,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), Unreadable> {
        while self.pos < self.tokens.len() {
            if let Some(item) = self.keyword()? {
                self.items.push(item);
            } else if let Some(words) = self.date()? {
                let item = self.dated_item(words)?;
                self.items.push(item);
            } else {
                self.numeric_label()?;
            }
        }
        Ok(())
    }

    fn word_at(&self, pos: usize) -> Option<&str> {
        match self.tokens.get(pos) {
            Some(Token::Word { word, .. }) => Some(word),
            _ => None,
        }
    }

    /// Immediate, Ongoing, Quarterly…, From <month>, and Completed/Deferred
    /// when they open the timescale (elsewhere they are labels:
    /// "Review completed by June 2009").
    fn keyword(&mut self) -> Result<Option<Item>, Unreadable> {
        let Some(Token::Word { word, at, .. }) = self.tokens.get(self.pos) else {
            return Ok(None);
        };
        let first = self.pos == 0;
        let item = match word.as_str() {
            "immediate" | "immediately" => Item::Immediate,
            "ongoing" => Item::Ongoing,
            "completed" if first => Item::Completed,
            "deferred" if first => {
                let reason = self.text[at + word.len()..].trim().to_string();
                self.pos = self.tokens.len();
                return Ok(Some(Item::Deferred { reason }));
            }
            "from" => return self.recurring_from(),
            w => match period_word(w) {
                Some(every) => Item::Recurring {
                    every: Some(every),
                    from: None,
                },
                None => return Ok(None),
            },
        };
        self.pos += 1;
        Ok(Some(item))
    }

    fn recurring_from(&mut self) -> Result<Option<Item>, Unreadable> {
        let start = self.pos;
        self.pos += 1;
        match self.date()? {
            Some(DateWords::Month(from)) => Ok(Some(Item::Recurring {
                every: None,
                from: Some(from),
            })),
            Some(DateWords::Day(day)) => {
                let from = YearMonth::new(day.year(), day.month());
                Ok(Some(Item::Recurring { every: None, from }))
            }
            Some(DateWords::MonthWithoutYear(m)) => Err(no_year(m)),
            None => {
                self.pos = start + 1; // "from" as a plain word
                Ok(None)
            }
        }
    }

    /// A date starting at the current token, consuming it.
    fn date(&mut self) -> Result<Option<DateWords>, Unreadable> {
        let start = self.pos;
        if let Some(Token::Number { value, digits }) = self.tokens.get(start).cloned() {
            return self.day_date(value, digits);
        }
        let Some(Token::Word { word, capital, .. }) = self.tokens.get(start) else {
            return Ok(None);
        };
        // "may" in lower case is the verb, not the month.
        let Some(month) = month_number(word).filter(|_| *capital || word != "may") else {
            return Ok(None);
        };
        self.pos += 1;
        match self.year() {
            Some(year) => YearMonth::new(year, month)
                .map(|ym| Some(DateWords::Month(ym)))
                .ok_or_else(|| unreadable(format!("year {year} is out of range"))),
            None => Ok(Some(DateWords::MonthWithoutYear(month))),
        }
    }

    /// A year after a month: four digits, or two meaning 20xx ("Sept 09").
    fn year(&mut self) -> Option<i32> {
        match self.tokens.get(self.pos) {
            Some(Token::Number { value, digits: 4 }) => {
                self.pos += 1;
                Some(*value as i32)
            }
            Some(Token::Number { value, digits: 2 }) => {
                self.pos += 1;
                Some(2000 + *value as i32)
            }
            _ => None,
        }
    }

    /// "31 March 2009", "1st May 2010", or a numeric "31/03/2010".
    fn day_date(&mut self, day: u32, digits: usize) -> Result<Option<DateWords>, Unreadable> {
        let start = self.pos;
        if self.tokens.get(start + 1) == Some(&Token::Slash) {
            return self.numeric_date().map(Some);
        }
        if digits > 2 {
            return Ok(None);
        }
        self.pos += 1;
        if matches!(self.word_at(self.pos), Some("st" | "nd" | "rd" | "th")) {
            self.pos += 1;
        }
        match self.date()? {
            Some(DateWords::Month(ym)) => NaiveDate::from_ymd_opt(ym.year, ym.month, day)
                .map(|d| Some(DateWords::Day(d)))
                .ok_or_else(|| unreadable(format!("{day} {ym} is not a date"))),
            Some(DateWords::MonthWithoutYear(m)) => Err(no_year(m)),
            _ => {
                self.pos = start;
                Ok(None)
            }
        }
    }

    /// Day-first numeric dates, read only when they cannot mean anything else.
    fn numeric_date(&mut self) -> Result<DateWords, Unreadable> {
        use Token::{Number as N, Slash};
        let (day, month, year, year_digits) = match self.tokens[self.pos..] {
            [
                N { value: d, .. },
                Slash,
                N { value: m, .. },
                Slash,
                N { value: y, digits },
                ..,
            ] => (d, m, y, digits),
            [N { value, .. }, ..] => {
                return Err(unreadable(format!(
                    "“{value}/…” is not a whole date (day/month/year)"
                )));
            }
            _ => return Err(unreadable("a slash where a date was expected".to_string())),
        };
        self.pos += 5;
        let written = format!("{day}/{month}/{year}");
        let year = if year_digits == 2 { 2000 + year } else { year };
        if day <= 12 && month <= 12 && day != month {
            return Err(unreadable(format!(
                "“{written}” could be {} or {}; write the month in words",
                day_words(day, month, year),
                day_words(month, day, year)
            )));
        }
        NaiveDate::from_ymd_opt(year as i32, month, day)
            .map(DateWords::Day)
            .ok_or_else(|| unreadable(format!("“{written}” is not a date")))
    }

    /// After a date: a range ("July – Sept 09", "May to June 2009") or a
    /// single deadline.
    fn dated_item(&mut self, first: DateWords) -> Result<Item, Unreadable> {
        let after = self.pos;
        let joined = matches!(self.tokens.get(after), Some(Token::Dash))
            || matches!(self.word_at(after), Some("to" | "until"));
        if joined {
            self.pos += 1;
            if let Some(DateWords::Month(to)) = self.date()? {
                return range(first, to);
            }
            self.pos = after;
        }
        match first {
            DateWords::Month(ym) => Ok(Item::Month(ym)),
            DateWords::Day(day) => Ok(Item::Day(day)),
            DateWords::MonthWithoutYear(m) => Err(no_year(m)),
        }
    }

    /// Numbers that are not dates are labels ("5 working days"), but a
    /// year on its own names no month and must not be skipped.
    fn numeric_label(&mut self) -> Result<(), Unreadable> {
        if let Some(Token::Number { value, digits: 4 }) = self.tokens.get(self.pos) {
            return Err(unreadable(format!("“{value}” names a year but no month")));
        }
        self.pos += 1;
        Ok(())
    }
}

fn range(first: DateWords, to: YearMonth) -> Result<Item, Unreadable> {
    let from = match first {
        DateWords::Month(from) => from,
        DateWords::Day(day) => YearMonth::new(day.year(), day.month()).expect("valid date"),
        // "July – Sept 09": the first month takes the year of the last,
        // or the year before when it comes later in the calendar.
        DateWords::MonthWithoutYear(month) => {
            let year = if month > to.month {
                to.year - 1
            } else {
                to.year
            };
            YearMonth::new(year, month).ok_or_else(|| no_year(month))?
        }
    };
    if from > to {
        return Err(unreadable(format!(
            "the range {from} to {to} runs backwards"
        )));
    }
    Ok(Item::Range(from, to))
}

fn no_year(month: u32) -> Unreadable {
    unreadable(format!("“{}” has no year", MONTH_NAMES[month as usize - 1]))
}

fn day_words(day: u32, month: u32, year: u32) -> String {
    format!("{day} {} {year}", MONTH_NAMES[month as usize - 1])
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
#[path = "timescale_tests.rs"]
mod tests;

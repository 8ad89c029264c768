//! The timescale words, token by token: months with or without years,
//! days, ranges, and the keywords that are not dates.

use chrono::{Datelike, NaiveDate};

use super::council;
use super::{Item, MONTH_NAMES, Unreadable, YearMonth, unreadable};
use crate::model::Period;

/// The items a timescale names, in the order written, and every reading
/// that was not certain (a day-first date that could be month-first, a
/// season read as a school term).
pub(super) fn items(text: &str) -> Result<(Vec<Item>, Vec<String>), Unreadable> {
    let tokens = council::mark_labels(tokenize(text));
    let mut parser = Parser {
        text,
        tokens: &tokens,
        pos: 0,
        items: Vec::new(),
        doubts: Vec::new(),
    };
    parser.run()?;
    Ok((parser.items, parser.doubts))
}

#[derive(Clone, Debug, PartialEq)]
pub(super) enum Token {
    /// A run of letters, lower-cased, with its byte offset in the text.
    Word {
        word: String,
        at: usize,
        capital: bool,
    },
    /// A run of digits, with how many digits were written, and whether a
    /// letter comes right before it ("Q3", "R2").
    Number {
        value: u32,
        digits: usize,
        glued: bool,
    },
    /// A number that belongs to the word before it ("Phase 2", "Q3"):
    /// never a day.
    Label {
        value: u32,
        word: String,
    },
    /// A dash, and whether a space comes before it ("Mar-17" has none).
    Dash {
        spaced: bool,
    },
    Slash,
    Dot,
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
            let glued = text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_alphabetic);
            let mut digits = c.to_string();
            while let Some(&(_, n)) = chars.peek().filter(|(_, n)| n.is_ascii_digit()) {
                digits.push(n);
                chars.next();
            }
            let value = digits.parse().unwrap_or(u32::MAX);
            tokens.push(Token::Number {
                value,
                digits: digits.len(),
                glued,
            });
        } else if matches!(c, '-' | '–' | '—') {
            let spaced = text[..at]
                .chars()
                .next_back()
                .is_some_and(char::is_whitespace);
            tokens.push(Token::Dash { spaced });
        } else if c == '/' {
            tokens.push(Token::Slash);
        } else if c == '.' {
            tokens.push(Token::Dot);
        }
    }
    tokens
}

pub(super) fn month_number(word: &str) -> Option<u32> {
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
pub(super) enum DateWords {
    Month(YearMonth),
    Day(NaiveDate),
    MonthWithoutYear(u32),
}

pub(super) struct Parser<'a> {
    pub(super) text: &'a str,
    pub(super) tokens: &'a [Token],
    pub(super) pos: usize,
    items: Vec<Item>,
    pub(super) doubts: Vec<String>,
}

impl Parser<'_> {
    fn run(&mut self) -> Result<(), Unreadable> {
        while self.pos < self.tokens.len() {
            if let Some(item) = self.keyword()? {
                self.items.push(item);
            } else if let Some(item) = self.council()? {
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

    pub(super) fn word_at(&self, pos: usize) -> Option<&str> {
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
            // "On-going", "On going".
            "on" if self.word_at(self.pos + 1) == Some("going")
                || (matches!(self.tokens.get(self.pos + 1), Some(Token::Dash { .. }))
                    && self.word_at(self.pos + 2) == Some("going")) =>
            {
                self.pos += if self.word_at(self.pos + 1) == Some("going") {
                    1
                } else {
                    2
                };
                Item::Ongoing
            }
            "completed" | "complete" | "achieved" if first => Item::Completed,
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
    pub(super) fn date(&mut self) -> Result<Option<DateWords>, Unreadable> {
        let start = self.pos;
        if let Some(Token::Number { value, digits, .. }) = self.tokens.get(start).cloned() {
            if let Some(day) = self.numeric_date()? {
                return Ok(Some(DateWords::Day(day)));
            }
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

    /// A year after a month: four digits, or two meaning 20xx ("Sept 09"),
    /// after a dot ("Sept. 09") or a dash with no space before it
    /// ("Mar-17", as spreadsheets write a month).
    pub(super) fn year(&mut self) -> Option<i32> {
        let skip = match self.tokens.get(self.pos) {
            Some(Token::Dot | Token::Dash { spaced: false }) => 1,
            _ => 0,
        };
        let year = match self.tokens.get(self.pos + skip) {
            Some(Token::Number {
                value, digits: 4, ..
            }) => *value as i32,
            Some(Token::Number {
                value, digits: 2, ..
            }) => 2000 + *value as i32,
            _ => return None,
        };
        // "Mar-17/18" or "Sept 09.10" are not a month and a year.
        if skip == 1
            && matches!(
                self.tokens.get(self.pos + 2),
                Some(Token::Slash | Token::Dot | Token::Dash { .. })
            )
        {
            return None;
        }
        self.pos += skip + 1;
        Some(year)
    }

    /// "31 March 2009", "1st May 2010", or a numeric "31/03/2010".
    fn day_date(&mut self, day: u32, digits: usize) -> Result<Option<DateWords>, Unreadable> {
        let start = self.pos;
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

    /// After a date: a range ("July – Sept 09", "May to June 2009") or a
    /// single deadline.
    fn dated_item(&mut self, first: DateWords) -> Result<Item, Unreadable> {
        let after = self.pos;
        let joined = matches!(self.tokens.get(after), Some(Token::Dash { .. }))
            || matches!(self.word_at(after), Some("to" | "until" | "till"));
        if joined {
            self.pos += 1;
            if let Some(DateWords::Month(to)) = self.date()? {
                return range(first, to);
            }
            self.pos = after;
        }
        // "June/July 2012", "June and July 2012", "June & July 2012": a
        // month without a year takes the year of the month it is joined to.
        if let DateWords::MonthWithoutYear(_) = first {
            let glue = matches!(self.tokens.get(after), Some(Token::Slash))
                || matches!(self.word_at(after), Some("and" | "or"));
            self.pos = after + usize::from(glue);
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
        if let Some(Token::Number {
            value, digits: 4, ..
        }) = self.tokens.get(self.pos)
        {
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

pub(super) fn no_year(month: u32) -> Unreadable {
    unreadable(format!("“{}” has no year", MONTH_NAMES[month as usize - 1]))
}

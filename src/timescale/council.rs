//! The date styles UK councils write besides months: day-first numeric
//! dates (`31/03/2010`, `30.06.23`), financial years (`2012/13`,
//! `financial year 2012/13`), their quarters (`Q3 2023/24`), school terms
//! (`Autumn term 2023`, `Spring 2 2024`), `end of 2017`, and numbers that
//! belong to a word (`Phase 2`, `Q3`) and are never a day.
//! A reading that is not certain is kept as a doubt, for a person to see.

use chrono::{Datelike, NaiveDate};

use super::parse::{Parser, Token, month_number};
use super::{Item, Unreadable, unreadable};

/// Words a number after them belongs to: "Phase 2 Mar 2017" is phase 2,
/// due in March 2017, never 2 March.
const COUNTED: &[&str] = &[
    "phase",
    "stage",
    "step",
    "part",
    "level",
    "tier",
    "wave",
    "round",
    "quarter",
    "q",
    "week",
    "weeks",
    "term",
    "half",
    "priority",
    "area",
    "objective",
    "action",
    "actions",
    "recommendation",
    "item",
    "section",
    "page",
    "para",
    "paragraph",
    "no",
    "number",
    "version",
    "v",
    "cohort",
    "group",
    "ks",
    "option",
    "appendix",
    "tranche",
    "release",
    "milestone",
    "workstream",
    "autumn",
    "spring",
    "summer",
    "year",
];

/// Numbers that belong to the word before them become labels: after a
/// counting word ("Phase 2", at most two digits), or written against a
/// word that is not a month ("Q3", "R2"; "September2009" is a date).
pub(super) fn mark_labels(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let previous = match out.last() {
            Some(Token::Word { word, .. }) => Some(word.clone()),
            _ => None,
        };
        let label = match (&token, &previous) {
            (
                Token::Number {
                    value,
                    digits,
                    glued,
                },
                Some(word),
            ) => {
                let counted = *digits <= 2 && COUNTED.contains(&word.as_str());
                let stuck = *glued && month_number(word).is_none() && word != "fy";
                (counted || stuck).then(|| Token::Label {
                    value: *value,
                    word: word.clone(),
                })
            }
            _ => None,
        };
        out.push(label.unwrap_or(token));
    }
    out
}

fn date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day)
}

fn month_end(year: i32, month: u32) -> Option<NaiveDate> {
    let next = if month == 12 {
        date(year + 1, 1, 1)
    } else {
        date(year, month + 1, 1)
    };
    next?.pred_opt()
}

impl Parser<'_> {
    fn number_at(&self, pos: usize) -> Option<(u32, usize)> {
        match self.tokens.get(pos) {
            Some(Token::Number { value, digits, .. }) => Some((*value, *digits)),
            _ => None,
        }
    }

    /// `2012/13`, `2012-13`, `2012/2013` (and `12/13` when `short`): the
    /// calendar year the span starts in, and the tokens it takes.
    fn year_span(&self, pos: usize, short: bool) -> Option<i32> {
        let (first, digits) = self.number_at(pos)?;
        let joined = matches!(
            self.tokens.get(pos + 1),
            Some(Token::Slash | Token::Dash { .. })
        );
        let (second, second_digits) = self.number_at(pos + 2)?;
        if !joined || !(digits == 4 || (short && digits == 2)) {
            return None;
        }
        // "2012-13-01" is not a year span.
        if matches!(
            self.tokens.get(pos + 3),
            Some(Token::Slash | Token::Dash { .. } | Token::Dot)
        ) {
            return None;
        }
        let first = if digits == 2 { 2000 + first } else { first };
        let follows = match second_digits {
            2 => second == (first + 1) % 100,
            4 => second == first + 1,
            _ => false,
        };
        (follows && (1900..=2200).contains(&first)).then_some(first as i32)
    }

    /// The council forms that start at the current token.
    pub(super) fn council(&mut self) -> Result<Option<Item>, Unreadable> {
        match self.tokens.get(self.pos).cloned() {
            Some(Token::Word { word, .. }) => self.council_words(&word),
            Some(Token::Number { digits: 4, .. }) => Ok(self.bare_year_span()),
            Some(Token::Label { value, word }) => {
                if let Some(month) = self.word_at(self.pos + 1).and_then(month_number) {
                    let _ = month;
                    self.doubts.push(format!(
                        "“{value}” read as part of “{word} {value}”, not as a day"
                    ));
                }
                self.pos += 1;
                Ok(None)
            }
            _ => Ok(None),
        }
    }

    fn council_words(&mut self, word: &str) -> Result<Option<Item>, Unreadable> {
        match word {
            "q" | "quarter" => Ok(self.quarter()),
            "financial" | "fiscal" | "academic" | "school" | "fy" => Ok(self.named_year(word)),
            "autumn" | "spring" | "summer" | "winter" => self.term(word).map(Some),
            "end" => Ok(self.end_of_year()),
            _ => Ok(None),
        }
    }

    /// `2012/13` on its own: a UK financial year, due 31 March 2013.
    fn bare_year_span(&mut self) -> Option<Item> {
        let start = self.year_span(self.pos, false)?;
        self.pos += 3;
        let due = date(start + 1, 3, 31)?;
        self.doubts.push(format!(
            "“{start}/{}” read as a UK financial year (April to March): due {due}",
            (start + 1) % 100
        ));
        Some(Item::Day(due))
    }

    /// `financial year 2012/13`, `FY 2012/13` (due 31 March), `academic
    /// year 2023/24` (due 31 July).
    fn named_year(&mut self, word: &str) -> Option<Item> {
        let mut pos = self.pos + 1;
        if word != "fy" {
            if self.word_at(pos) != Some("year") {
                return None;
            }
            pos += 1;
        }
        let start = self.year_span(pos, true)?;
        self.pos = pos + 3;
        let academic = matches!(word, "academic" | "school");
        let due = if academic {
            date(start + 1, 7, 31)
        } else {
            date(start + 1, 3, 31)
        };
        due.map(Item::Day)
    }

    /// `Q3 2023/24`: the UK financial year's third quarter, due 31 December
    /// 2023. `Q3 2023` is read the same way, with a doubt.
    fn quarter(&mut self) -> Option<Item> {
        let number = match self.tokens.get(self.pos + 1) {
            Some(Token::Label { value, .. } | Token::Number { value, .. }) => *value,
            _ => return None,
        };
        if !(1..=4).contains(&number) {
            return None;
        }
        let at = self.pos + 2;
        let (start, consumed, plain) = match self.year_span(at, true) {
            Some(start) => (start, 3, false),
            None => match self.number_at(at) {
                Some((year, 4)) => (year as i32, 1, true),
                _ => return None,
            },
        };
        let end = date(start, 4, 1)?.checked_add_months(chrono::Months::new(3 * number))?;
        let due = end.pred_opt()?;
        self.pos = at + consumed;
        if plain {
            self.doubts.push(format!(
                "“Q{number} {start}” read as quarter {number} of the UK financial year {start}/{} (Q1 is April to June): due {due}",
                (start + 1) % 100
            ));
        }
        Some(Item::Day(due))
    }

    /// `Autumn term 2023` (by 31 December), `Spring term 2024` (31 March),
    /// `Summer term 2024` (31 July); half terms `Autumn 1` (31 October),
    /// `Spring 1` (end of February), `Summer 1` (31 May). An academic year
    /// (`Spring term 2023/24`) puts spring and summer in its second year.
    fn term(&mut self, season: &str) -> Result<Item, Unreadable> {
        if season == "winter" {
            return Err(unreadable(
                "“Winter” spans two years: write the month".to_string(),
            ));
        }
        let mut pos = self.pos + 1;
        let named = self.word_at(pos) == Some("term");
        pos += usize::from(named);
        let half = match self.tokens.get(pos) {
            Some(Token::Label { value, .. }) if (1..=2).contains(value) => {
                pos += 1;
                Some(*value)
            }
            _ => None,
        };
        let (year, consumed) = match self.year_span(pos, false) {
            Some(start) if season == "autumn" => (start, 3),
            Some(start) => (start + 1, 3),
            None => match self.number_at(pos) {
                Some((year, 4)) => (year as i32, 1),
                Some((year, 2)) => (2000 + year as i32, 1),
                _ => {
                    return Err(unreadable(format!(
                        "“{season}{}” has no year",
                        if named { " term" } else { "" }
                    )));
                }
            },
        };
        let month = match (season, half) {
            ("autumn", Some(1)) => 10,
            ("autumn", _) => 12,
            ("spring", Some(1)) => 2,
            ("spring", _) => 3,
            ("summer", Some(1)) => 5,
            _ => 7,
        };
        let due = month_end(year, month)
            .ok_or_else(|| unreadable(format!("year {year} is out of range")))?;
        self.pos = pos + consumed;
        if !named {
            self.doubts.push(format!(
                "“{season} {year}” read as the school {season} term: due {due}"
            ));
        }
        Ok(Item::Day(due))
    }

    /// `end of 2017`, `end 2017`: due 31 December.
    fn end_of_year(&mut self) -> Option<Item> {
        let mut pos = self.pos + 1;
        if self.word_at(pos) == Some("of") {
            pos += 1;
        }
        let (year, digits) = self.number_at(pos)?;
        if digits != 4 || self.year_span(pos, false).is_some() {
            return None;
        }
        self.pos = pos + 1;
        date(year as i32, 12, 31).map(Item::Day)
    }

    /// `31/03/2010`, `30.06.23`, `31-03-2010` day first, as UK dates are
    /// written, and `2010-03-31` year first. A date whose day could also
    /// be its month is read day first, with a doubt.
    pub(super) fn numeric_date(&mut self) -> Result<Option<NaiveDate>, Unreadable> {
        let pos = self.pos;
        let separator = |t: Option<&Token>| match t {
            Some(Token::Slash) => Some(0),
            Some(Token::Dot) => Some(1),
            Some(Token::Dash { .. }) => Some(2),
            _ => None,
        };
        let (Some((a, a_digits)), Some((b, _))) = (self.number_at(pos), self.number_at(pos + 2))
        else {
            if separator(self.tokens.get(pos + 1)) == Some(0) && self.number_at(pos).is_some() {
                let (value, _) = self.number_at(pos).unwrap_or_default();
                return Err(unreadable(format!(
                    "“{value}/…” is not a whole date (day/month/year)"
                )));
            }
            return Ok(None);
        };
        let first = separator(self.tokens.get(pos + 1));
        let second = separator(self.tokens.get(pos + 3));
        let whole = first.is_some() && first == second;
        let Some((c, c_digits)) = self.number_at(pos + 4).filter(|_| whole) else {
            if first == Some(0) {
                return Err(unreadable(format!(
                    "“{a}/{b}” is not a whole date (day/month/year)"
                )));
            }
            return Ok(None);
        };
        self.pos = pos + 5;
        let (year, month, day) = if a_digits == 4 {
            (a as i32, b, c)
        } else {
            let year = match c_digits {
                2 => 2000 + c as i32,
                4 => c as i32,
                _ => return Err(unreadable(format!("“{a}/{b}/{c}” is not a date"))),
            };
            (year, b, a)
        };
        let written: String = self.written(pos, 5);
        let found = date(year, month, day)
            .ok_or_else(|| unreadable(format!("“{written}” is not a date")))?;
        if a_digits != 4 && (1..=12).contains(&day) && day != month {
            self.doubts.push(format!(
                "“{written}” read day first, as UK dates are written: {} (not {})",
                found.format("%-d %B %Y"),
                date(year, day, month).map_or(String::new(), |d| d.format("%-d %B %Y").to_string())
            ));
        }
        let _ = found.year();
        Ok(Some(found))
    }

    /// The tokens from `pos` as they are usually written, for messages.
    fn written(&self, pos: usize, count: usize) -> String {
        self.tokens[pos..pos + count]
            .iter()
            .map(|t| match t {
                Token::Number { value, digits, .. } => format!("{value:0digits$}"),
                Token::Slash => "/".to_string(),
                Token::Dot => ".".to_string(),
                Token::Dash { .. } => "-".to_string(),
                Token::Word { word, .. } => word.clone(),
                Token::Label { value, .. } => value.to_string(),
            })
            .collect()
    }
}

#[cfg(test)]
#[path = "council_tests.rs"]
mod tests;

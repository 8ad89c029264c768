//! Reading one TOML table key by key: every wrong type, missing key and
//! unknown key becomes a finding, and reading goes on.

use std::ops::Range;
use std::path::Path;

use chrono::NaiveDate;
use toml::Spanned;
use toml::de::{DeTable, DeValue};

use crate::finding::{Check, Finding};
use crate::model::{FileId, Located, Span};

/// Collects one file's findings and turns byte ranges into [`Span`]s.
pub struct Sink<'p> {
    pub path: &'p Path,
    pub file: FileId,
    pub findings: Vec<Finding>,
}

impl Sink<'_> {
    pub fn push(&mut self, check: Check, at: Range<usize>, message: String, hint: Option<String>) {
        let mut finding = Finding::new(check, self.path, message).at(at);
        finding.hint = hint;
        self.findings.push(finding);
    }

    pub fn span(&self, at: &Range<usize>) -> Span {
        Span {
            file: self.file,
            start: at.start as u32,
            end: at.end as u32,
        }
    }

    pub fn located<T>(&self, value: T, at: &Range<usize>) -> Located<T> {
        Located {
            value,
            span: self.span(at),
        }
    }
}

/// One table being read; keys are marked as they are taken so the rest can
/// be reported as unknown.
pub struct Fields<'t, 'i> {
    table: &'t DeTable<'i>,
    /// Where the table starts: its `[[header]]`, or the file's start.
    pub at: Range<usize>,
    /// "[[actions]] table", for messages.
    what: &'static str,
    known: &'static [&'static str],
}

pub type Value<'t, 'i> = &'t Spanned<DeValue<'i>>;

impl<'t, 'i> Fields<'t, 'i> {
    pub fn new(
        table: &'t DeTable<'i>,
        at: Range<usize>,
        what: &'static str,
        known: &'static [&'static str],
    ) -> Self {
        Fields {
            table,
            at,
            what,
            known,
        }
    }

    pub fn get(&self, key: &str) -> Option<Value<'t, 'i>> {
        debug_assert!(self.known.contains(&key), "{key} must be listed as known");
        self.table.get(key)
    }

    /// Reports a key that must be there and is not.
    pub fn missing(&self, sink: &mut Sink, key: &str, example: &str) {
        let message = format!("the {} has no `{key}`", self.what);
        sink.push(
            Check::MissingKey,
            self.at.clone(),
            message,
            Some(format!("add a line: {example}")),
        );
    }

    pub fn string(&self, sink: &mut Sink, key: &str) -> Option<Located<String>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::String(s) => Some(sink.located(s.to_string(), &value.span())),
            _ => {
                wrong_type(
                    sink,
                    key,
                    value,
                    "text in double quotes",
                    quote_hint(key, value),
                );
                None
            }
        }
    }

    /// A string that must be present and not blank.
    pub fn required_string(
        &self,
        sink: &mut Sink,
        key: &str,
        example: &str,
    ) -> Option<Located<String>> {
        if self.get(key).is_none() {
            self.missing(sink, key, example);
            return None;
        }
        let text = self.string(sink, key)?;
        if text.value.trim().is_empty() {
            let message = format!("`{key}` is empty");
            sink.push(
                Check::EmptyValue,
                span_range(&text.span),
                message,
                Some(format!("write it in: {example}")),
            );
            return None;
        }
        Some(text)
    }

    pub fn date(&self, sink: &mut Sink, key: &str) -> Option<Located<NaiveDate>> {
        self.get(key).and_then(|value| date_value(sink, key, value))
    }

    pub fn boolean(&self, sink: &mut Sink, key: &str) -> Option<Located<bool>> {
        let value = self.get(key)?;
        match value.get_ref() {
            DeValue::Boolean(b) => Some(sink.located(*b, &value.span())),
            _ => {
                let hint = "write true or false, without quotes".to_string();
                wrong_type(sink, key, value, "true or false", Some(hint));
                None
            }
        }
    }

    /// A list of strings, each with where it was written; a single string
    /// is taken as a list of one.
    pub fn strings(&self, sink: &mut Sink, key: &str) -> Vec<Located<String>> {
        self.list(sink, key, |sink, text, at| sink.located(text, at))
    }

    /// A list of strings, as [`Fields::strings`], without where they were.
    pub fn texts(&self, sink: &mut Sink, key: &str) -> Vec<String> {
        self.list(sink, key, |_, text, _| text)
    }

    fn list<T>(
        &self,
        sink: &mut Sink,
        key: &str,
        make: impl Fn(&Sink, String, &Range<usize>) -> T,
    ) -> Vec<T> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        match value.get_ref() {
            DeValue::String(s) => vec![make(sink, s.to_string(), &value.span())],
            DeValue::Array(items) => {
                let mut list = Vec::with_capacity(items.len());
                for item in items.iter() {
                    match item.get_ref() {
                        DeValue::String(s) => list.push(make(sink, s.to_string(), &item.span())),
                        _ => {
                            let hint = Some("put each item in double quotes".to_string());
                            wrong_type(sink, key, item, "text in double quotes", hint);
                        }
                    }
                }
                list
            }
            _ => {
                let hint = Some(format!("write a list: {key} = [\"first\", \"second\"]"));
                wrong_type(sink, key, value, "a list of text", hint);
                Vec::new()
            }
        }
    }

    /// An array of tables (`[[actions]]`), with where each starts.
    pub fn tables(&self, sink: &mut Sink, key: &str) -> Vec<(&'t DeTable<'i>, Range<usize>)> {
        let Some(value) = self.get(key) else {
            return Vec::new();
        };
        let DeValue::Array(items) = value.get_ref() else {
            let hint = format!("write each entry under its own [[{key}]] header (two brackets)");
            wrong_type(
                sink,
                key,
                value,
                &format!("a list of [[{key}]] tables"),
                Some(hint),
            );
            return Vec::new();
        };
        items
            .iter()
            .filter_map(|item| match item.get_ref() {
                DeValue::Table(table) => Some((table, item.span())),
                _ => {
                    let hint = format!("each entry of `{key}` is a [[{key}]] table");
                    wrong_type(sink, key, item, "a table", Some(hint));
                    None
                }
            })
            .collect()
    }

    /// Reports every key that is not known, with a did-you-mean.
    pub fn finish(self, sink: &mut Sink, elsewhere: impl Fn(&str) -> Option<String>) {
        for (key, _) in self.table.iter() {
            let name = key.get_ref();
            if self.known.contains(&name.as_ref()) {
                continue;
            }
            let hint = did_you_mean(name, self.known.iter().copied())
                .map(|k| format!("did you mean `{k}`?"))
                .or_else(|| elsewhere(name))
                .unwrap_or_else(|| {
                    format!("the keys of a {} are: {}", self.what, self.known.join(", "))
                });
            let message = format!("unknown key `{name}` in the {}", self.what);
            sink.push(Check::UnknownKey, key.span(), message, Some(hint));
        }
    }
}

pub fn span_range(span: &Span) -> Range<usize> {
    span.start as usize..span.end as usize
}

pub fn date_value(sink: &mut Sink, key: &str, value: Value) -> Option<Located<NaiveDate>> {
    let DeValue::Datetime(dt) = value.get_ref() else {
        wrong_type(
            sink,
            key,
            value,
            "a date like 2009-04-30",
            Some(date_hint(key, value)),
        );
        return None;
    };
    match (dt.date, dt.time) {
        (Some(d), None) => {
            let date =
                NaiveDate::from_ymd_opt(i32::from(d.year), u32::from(d.month), u32::from(d.day))?;
            Some(sink.located(date, &value.span()))
        }
        (Some(d), Some(_)) => {
            let hint = format!(
                "write only the date: {key} = {:04}-{:02}-{:02}",
                d.year, d.month, d.day
            );
            wrong_type(sink, key, value, "a date without a time", Some(hint));
            None
        }
        (None, _) => {
            wrong_type(
                sink,
                key,
                value,
                "a date like 2009-04-30",
                Some(date_hint(key, value)),
            );
            None
        }
    }
}

fn date_hint(key: &str, value: Value) -> String {
    match value.get_ref() {
        DeValue::String(s) if s.parse::<NaiveDate>().is_ok() => {
            format!("remove the quotes: {key} = {s}")
        }
        DeValue::String(_) => format!(
            "dates are written year-month-day without quotes, like {key} = 2009-04-30; \
             keep the plan's own words in `timescale`"
        ),
        _ => format!("write a date like {key} = 2009-04-30"),
    }
}

fn quote_hint(key: &str, value: Value) -> Option<String> {
    let raw = match value.get_ref() {
        DeValue::Integer(i) => i.as_str().to_string(),
        DeValue::Float(f) => f.as_str().to_string(),
        DeValue::Boolean(b) => b.to_string(),
        DeValue::Datetime(d) => d.to_string(),
        _ => return None,
    };
    Some(format!("put it in double quotes: {key} = \"{raw}\""))
}

pub fn wrong_type(sink: &mut Sink, key: &str, value: Value, expected: &str, hint: Option<String>) {
    let message = format!(
        "`{key}` should be {expected}, not {}",
        kind(value.get_ref())
    );
    sink.push(Check::WrongType, value.span(), message, hint);
}

fn kind(value: &DeValue) -> &'static str {
    match value {
        DeValue::String(_) => "text",
        DeValue::Integer(_) => "a whole number",
        DeValue::Float(_) => "a decimal number",
        DeValue::Boolean(_) => "true/false",
        DeValue::Datetime(dt) if dt.time.is_some() => "a date and time",
        DeValue::Datetime(_) => "a date",
        DeValue::Array(_) => "a list",
        DeValue::Table(_) => "a table",
    }
}

/// The closest of `candidates` to `word`, if close enough to be a typo.
pub fn did_you_mean<'a>(
    word: &str,
    candidates: impl IntoIterator<Item = &'a str>,
) -> Option<&'a str> {
    let word = word.to_lowercase();
    let limit = (word.chars().count() / 3).clamp(1, 4);
    candidates
        .into_iter()
        .map(|c| (strsim::damerau_levenshtein(&word, &c.to_lowercase()), c))
        .filter(|(distance, _)| *distance <= limit)
        .min_by_key(|(distance, _)| *distance)
        .map(|(_, c)| c)
}

/// An `invalid-value` finding for a word that is not one of `words`,
/// with the nearest of them suggested.
pub fn invalid_word(
    sink: &mut Sink,
    key: &str,
    word: &Located<String>,
    words: &[&str],
    what: &str,
) {
    let hint = did_you_mean(&word.value, words.iter().copied())
        .map(|w| format!("did you mean \"{w}\"?"))
        .unwrap_or_else(|| format!("write one of: {}", words.join(", ")));
    let message = format!("`{key}` is \"{}\", which is not {what}", word.value);
    sink.push(
        Check::InvalidValue,
        span_range(&word.span),
        message,
        Some(hint),
    );
}

#[cfg(test)]
mod tests {
    use super::did_you_mean;

    #[test]
    fn did_you_mean_finds_typos_and_case_slips() {
        let keys = ["status", "steps", "success", "timescale"];
        assert_eq!(did_you_mean("staus", keys), Some("status"));
        assert_eq!(did_you_mean("Status", keys), Some("status"));
        assert_eq!(did_you_mean("timescales", keys), Some("timescale"));
        assert_eq!(did_you_mean("owner", keys), None);
    }
}

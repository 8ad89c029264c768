//! A recommendation file read straight from the TOML parser's events, with
//! no table built in between: the history pass reads every version of
//! every file, and building `toml`'s tables took two thirds of that time.
//!
//! It reads only what needs no judgement — the keys of a recommendation,
//! its `[[actions]]` and `[[actions.updates]]`, each once, with the type
//! the schema wants and a word it knows — and gives up on anything else:
//! a syntax error, an unknown or repeated key, a dotted key, a `[table]`,
//! an inline table, a number, a blank ref. Then [`schema`](super::schema)
//! reads the file as it reads every file, with its findings. So what this
//! gives is exactly what the schema would have given, or nothing.

use std::borrow::Cow;
use std::ops::Range;

use chrono::NaiveDate;
use toml_parser::decoder::{Encoding, ScalarKind};
use toml_parser::parser::{EventReceiver, RecursionGuard, ValidateWhitespace};
use toml_parser::{ErrorSink, ParseError, Raw, Source, Span as TomlSpan};

use crate::model::{Action, Located, Period, Recommendation, Span, Unread, Update};
use crate::reference::Ref;
use crate::status::Status;

/// The recommendation in `text`, or `None` when it is anything but plain.
pub fn read_plain(text: &str) -> Option<Recommendation> {
    let source = Source::new(text);
    let tokens = source.lex().into_vec();
    let mut reader = Reader::new(source);
    let mut errors = Errors(false);
    {
        // As `toml` reads: whitespace checked, nesting bounded (the reader
        // itself never enters a nested array, but the bound costs nothing).
        let mut receiver = ValidateWhitespace::new(&mut reader, source);
        let mut receiver = RecursionGuard::new(&mut receiver, NESTING_LIMIT);
        toml_parser::parser::parse_document(&tokens, &mut receiver, &mut errors);
    }
    if errors.0 || reader.given_up {
        return None;
    }
    reader.finish()
}

/// `toml`'s own bound on nested arrays and tables.
const NESTING_LIMIT: u32 = 80;

/// Whether the parser or a decoder found anything wrong.
struct Errors(bool);

impl ErrorSink for Errors {
    fn report_error(&mut self, _error: ParseError) {
        self.0 = true;
    }
}

/// A value as written, with the bytes it spans.
enum Value {
    Text(Located<String>),
    Date(Located<NaiveDate>),
    Boolean(Located<bool>),
    List(Vec<Located<String>>),
}

#[derive(Default)]
struct Top {
    reference: Option<Located<String>>,
    text: Option<Located<String>>,
}

/// An `[[actions]]` table as read so far: each key at most once.
#[derive(Default)]
struct ActionKeys {
    header: Span,
    text: Option<Located<String>>,
    steps: Option<Vec<Located<String>>>,
    timescale: Option<Located<String>>,
    due: Option<Located<NaiveDate>>,
    start: Option<Located<NaiveDate>>,
    recurs: Option<Located<Period>>,
    ongoing: Option<Located<bool>>,
    success: Option<Vec<Located<String>>>,
    lead: Option<Vec<Located<String>>>,
    resources: Option<Vec<Located<String>>>,
    status: Option<Located<Status>>,
    notes: Option<Vec<Located<String>>>,
    updates: Vec<UpdateKeys>,
}

#[derive(Default)]
struct UpdateKeys {
    header: Span,
    date: Option<Located<NaiveDate>>,
    status: Option<Located<Status>>,
    due: Option<Located<NaiveDate>>,
    note: Option<Located<String>>,
    by: Option<Located<String>>,
}

struct Reader<'s> {
    source: Source<'s>,
    top: Top,
    /// The keys now being read belong to the last update of the last
    /// action, else to the last action, else to the top: a table's keys
    /// all come before its first sub-table's.
    actions: Vec<ActionKeys>,
    /// The keys of a `[[header]]` being read, and where it opened.
    header: Option<(Vec<&'s str>, usize)>,
    /// The key whose value comes next.
    key: Option<&'s str>,
    /// The items of the array being read.
    list: Option<Vec<Located<String>>>,
    given_up: bool,
}

impl<'s> Reader<'s> {
    fn new(source: Source<'s>) -> Self {
        Reader {
            source,
            top: Top::default(),
            actions: Vec::new(),
            header: None,
            key: None,
            list: None,
            given_up: false,
        }
    }

    fn give_up(&mut self) {
        self.given_up = true;
    }

    /// A scalar's value: text, a plain date or true/false; `None` for
    /// anything else (a number, a date with a time) or a decoding error.
    fn value_of(&self, span: TomlSpan, encoding: Option<Encoding>) -> Option<Value> {
        let at = span.start()..span.end();
        let raw = Raw::new_unchecked(&self.source.input()[at.clone()], encoding, span);
        let mut decoded = Cow::Borrowed("");
        let mut errors = Errors(false);
        let kind = raw.decode_scalar(&mut decoded, &mut errors);
        if errors.0 {
            return None;
        }
        match kind {
            ScalarKind::String => Some(Value::Text(located(decoded.into_owned(), &at))),
            ScalarKind::Boolean(b) => Some(Value::Boolean(located(b, &at))),
            ScalarKind::DateTime => plain_date(&decoded).map(|d| Value::Date(located(d, &at))),
            ScalarKind::Float | ScalarKind::Integer(_) => None,
        }
    }

    /// Gives `value` to the key waiting for it, in the table being read.
    fn assign(&mut self, value: Value) {
        let Some(key) = self.key.take() else {
            return self.give_up();
        };
        let taken = match self.actions.last_mut() {
            None => top_key(&mut self.top, key, value),
            Some(action) => match action.updates.last_mut() {
                Some(update) => update_key(update, key, value),
                None => action_key(action, key, value),
            },
        };
        if !taken {
            self.give_up();
        }
    }

    /// Starts the table a `[[header]]` names: `actions` or
    /// `actions.updates`, nothing else.
    fn open_table(&mut self, path: &[&str], at: Range<usize>) {
        let header = span(&at);
        match path {
            ["actions"] => {
                self.actions.push(ActionKeys {
                    header,
                    ..ActionKeys::default()
                });
            }
            ["actions", "updates"] => match self.actions.last_mut() {
                Some(action) => {
                    action.updates.push(UpdateKeys {
                        header,
                        ..UpdateKeys::default()
                    });
                }
                None => self.give_up(),
            },
            _ => self.give_up(),
        }
    }

    /// The recommendation, when every required key is there and readable.
    fn finish(self) -> Option<Recommendation> {
        if self.header.is_some() || self.key.is_some() || self.list.is_some() {
            return None;
        }
        let reference = self.top.reference?;
        if reference.value.trim().is_empty() {
            return None;
        }
        let text = self.top.text?;
        if text.value.trim().is_empty() {
            return None;
        }
        let actions = self.actions.into_iter().map(ActionKeys::finish);
        Some(Recommendation {
            reference: Located {
                value: Ref::parse(&reference.value).ok()?,
                span: reference.span,
            },
            section: String::new(),
            text: text.value,
            actions: every(actions)?,
            file: 0,
        })
    }
}

impl EventReceiver for Reader<'_> {
    fn std_table_open(&mut self, _span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.give_up();
    }

    fn array_table_open(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        if self.key.is_some() || self.list.is_some() || self.header.is_some() {
            return self.give_up();
        }
        self.header = Some((Vec::new(), span.start()));
    }

    fn array_table_close(&mut self, span: TomlSpan, _error: &mut dyn ErrorSink) {
        match self.header.take() {
            Some((path, start)) => self.open_table(&path, start..span.end()),
            None => self.give_up(),
        }
    }

    /// `false` tells the parser to skip the table, unread and unentered.
    fn inline_table_open(&mut self, _span: TomlSpan, _error: &mut dyn ErrorSink) -> bool {
        self.give_up();
        false
    }

    /// `false` tells the parser to skip a nested array, so that no depth
    /// of brackets can exhaust the stack.
    fn array_open(&mut self, _span: TomlSpan, _error: &mut dyn ErrorSink) -> bool {
        if self.key.is_none() || self.list.is_some() {
            self.give_up();
            return false;
        }
        self.list = Some(Vec::new());
        true
    }

    fn array_close(&mut self, _span: TomlSpan, _error: &mut dyn ErrorSink) {
        match self.list.take() {
            Some(mut items) => {
                items.shrink_to_fit();
                self.assign(Value::List(items))
            }
            None => self.give_up(),
        }
    }

    fn simple_key(&mut self, span: TomlSpan, kind: Option<Encoding>, _error: &mut dyn ErrorSink) {
        // A quoted key is allowed in TOML, but no file needs one. An empty
        // key (`[[` at a line's end) is an error only decoding finds.
        let name = &self.source.input()[span.start()..span.end()];
        let mut errors = Errors(false);
        Raw::new_unchecked(name, kind, span).decode_key(&mut Cow::Borrowed(""), &mut errors);
        if errors.0 {
            return self.give_up();
        }
        match (&mut self.header, kind) {
            (Some((path, _)), None) => path.push(name),
            (None, None) if self.key.is_none() && self.list.is_none() => self.key = Some(name),
            _ => self.give_up(),
        }
    }

    fn key_sep(&mut self, _span: TomlSpan, _error: &mut dyn ErrorSink) {
        // A dot between keys: allowed in a header, given up on elsewhere.
        if self.header.is_none() {
            self.give_up();
        }
    }

    fn scalar(&mut self, span: TomlSpan, kind: Option<Encoding>, _error: &mut dyn ErrorSink) {
        let value = self.value_of(span, kind);
        match (value, &mut self.list) {
            (Some(Value::Text(item)), Some(list)) => list.push(item),
            (Some(value), None) => self.assign(value),
            _ => self.give_up(),
        }
    }

    fn error(&mut self, _span: TomlSpan, _error: &mut dyn ErrorSink) {
        self.give_up();
    }
}

impl ActionKeys {
    fn finish(self) -> Option<Action> {
        let updates = self.updates.into_iter().map(UpdateKeys::finish);
        let texts = |list: Option<Vec<Located<String>>>| -> Vec<String> {
            list.unwrap_or_default()
                .into_iter()
                .map(|t| t.value)
                .collect()
        };
        Some(Action {
            span: self.header,
            text: self.text.map(|t| t.value),
            steps: texts(self.steps),
            timescale: self.timescale,
            due: self.due,
            start: self.start,
            recurs: self.recurs,
            ongoing: self.ongoing,
            status: self.status?,
            lead: self.lead.unwrap_or_default(),
            success: texts(self.success),
            resources: texts(self.resources),
            notes: texts(self.notes),
            updates: every(updates)?,
            unread: Unread::default(),
        })
    }
}

impl UpdateKeys {
    fn finish(self) -> Option<Update> {
        Some(Update {
            span: self.header,
            date: self.date?,
            status: self.status,
            due: self.due,
            note: self.note.map(|n| n.value),
            by: self.by.map(|b| b.value),
        })
    }
}

fn top_key(top: &mut Top, key: &str, value: Value) -> bool {
    match key {
        "ref" => once(&mut top.reference, text(value)),
        "recommendation" => once(&mut top.text, text(value)),
        _ => false,
    }
}

fn action_key(action: &mut ActionKeys, key: &str, value: Value) -> bool {
    let a = action;
    match key {
        "text" => once(&mut a.text, text(value)),
        "steps" => once(&mut a.steps, list(value)),
        "timescale" => once(&mut a.timescale, text(value)),
        "due" => once(&mut a.due, date(value)),
        "start" => once(&mut a.start, date(value)),
        "recurs" => once(&mut a.recurs, word(value, Period::from_adverb)),
        "ongoing" => once(&mut a.ongoing, boolean(value)),
        "success" => once(&mut a.success, list(value)),
        "lead" => once(&mut a.lead, list(value)),
        "resources" => once(&mut a.resources, list(value)),
        "status" => once(&mut a.status, word(value, |w| w.parse().ok())),
        "notes" => once(&mut a.notes, list(value)),
        _ => false,
    }
}

fn update_key(update: &mut UpdateKeys, key: &str, value: Value) -> bool {
    let u = update;
    match key {
        "date" => once(&mut u.date, date(value)),
        "status" => once(&mut u.status, word(value, |w| w.parse().ok())),
        "due" => once(&mut u.due, date(value)),
        "note" => once(&mut u.note, text(value)),
        "by" => once(&mut u.by, text(value)),
        _ => false,
    }
}

/// Every item, or `None` if any is missing, in a vector of just their
/// number: every version of every file is kept, and collecting `Option`s
/// starts a vector at four (10,000 files took 17 MiB more).
fn every<T>(items: impl ExactSizeIterator<Item = Option<T>>) -> Option<Vec<T>> {
    let mut all = Vec::with_capacity(items.len());
    for item in items {
        all.push(item?);
    }
    Some(all)
}

/// Fills `slot` with `value` if it is empty and the value was readable.
fn once<T>(slot: &mut Option<T>, value: Option<T>) -> bool {
    match (&slot, value) {
        (None, Some(value)) => {
            *slot = Some(value);
            true
        }
        _ => false,
    }
}

fn text(value: Value) -> Option<Located<String>> {
    match value {
        Value::Text(text) => Some(text),
        _ => None,
    }
}

/// A list, or one text taken as a list of one, as the schema takes it.
fn list(value: Value) -> Option<Vec<Located<String>>> {
    match value {
        Value::Text(text) => Some(vec![text]),
        Value::List(items) => Some(items),
        _ => None,
    }
}

fn date(value: Value) -> Option<Located<NaiveDate>> {
    match value {
        Value::Date(date) => Some(date),
        _ => None,
    }
}

fn boolean(value: Value) -> Option<Located<bool>> {
    match value {
        Value::Boolean(b) => Some(b),
        _ => None,
    }
}

/// A text that must be one of a set of words (a status, a period).
fn word<T>(value: Value, read: impl Fn(&str) -> Option<T>) -> Option<Located<T>> {
    let text = text(value)?;
    Some(Located {
        value: read(&text.value)?,
        span: text.span,
    })
}

/// `2009-04-30` and nothing more: a time, an offset or an impossible day
/// are left to the schema's own messages.
fn plain_date(text: &str) -> Option<NaiveDate> {
    let b = text.as_bytes();
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let number = |digits: &[u8]| -> Option<u32> {
        digits.iter().try_fold(0, |n, d| {
            d.is_ascii_digit().then(|| n * 10 + u32::from(d - b'0'))
        })
    };
    let year = i32::try_from(number(&b[..4])?).ok()?;
    NaiveDate::from_ymd_opt(year, number(&b[5..7])?, number(&b[8..])?)
}

fn located<T>(value: T, at: &Range<usize>) -> Located<T> {
    Located {
        value,
        span: span(at),
    }
}

/// Where in the file, as the schema records it (file 0: a lone version).
fn span(at: &Range<usize>) -> Span {
    Span {
        file: 0,
        start: at.start as u32,
        end: at.end as u32,
    }
}

#[cfg(test)]
mod tests;

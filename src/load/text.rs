//! From a file's bytes to TOML: size limit, encoding, conflict markers and
//! syntax, each problem a finding rather than a failure.

use std::path::Path;

use toml::Spanned;
use toml::de::DeTable;

use crate::finding::{Check, Finding, Location};

/// Files larger than this are refused unread: no plan file is near it, and
/// reading one would let a stray export or log slow every command.
pub const MAX_FILE_BYTES: u64 = 1024 * 1024;

const BOM: &[u8] = b"\xEF\xBB\xBF";

/// Bytes → TOML table → `read(table)`, or the findings that stop it:
/// too large, not UTF-8, conflict markers, syntax errors, nothing in it.
pub fn to_table<T>(
    bytes: &[u8],
    path: &Path,
    read: impl FnOnce(&DeTable) -> T,
) -> Result<T, Vec<Finding>> {
    text_to_table(readable(bytes, path)?, path, read)
}

/// Bytes → text, or the findings that stop it: too large, not UTF-8,
/// conflict markers.
pub fn readable<'b>(bytes: &'b [u8], path: &Path) -> Result<&'b str, Vec<Finding>> {
    if bytes.len() as u64 > MAX_FILE_BYTES {
        return Err(vec![too_large(path, bytes.len() as u64)]);
    }
    let text = decode(bytes, path).map_err(|finding| vec![*finding])?;
    let markers = conflict_markers(text, path);
    if !markers.is_empty() {
        return Err(markers);
    }
    Ok(text)
}

/// [`readable`] text → TOML table → `read(table)`, or the findings that
/// stop it: syntax errors, nothing in it.
pub fn text_to_table<T>(
    text: &str,
    path: &Path,
    read: impl FnOnce(&DeTable) -> T,
) -> Result<T, Vec<Finding>> {
    let table = parse(text, path)?;
    if table.get_ref().is_empty() {
        let hint = "fill it in (see docs/FORMAT.md for an example) or delete it";
        return Err(vec![
            Finding::new(Check::EmptyFile, path, "the file is empty")
                .whole_file()
                .hint(hint),
        ]);
    }
    Ok(read(table.get_ref()))
}

pub fn too_large(path: &Path, bytes: u64) -> Finding {
    let message = format!("the file is {bytes} bytes, over the 1 MiB limit; it was not read");
    let hint = "a plan file holds one recommendation; move anything else out of the plan folder";
    Finding::new(Check::FileTooLarge, path, message)
        .whole_file()
        .hint(hint)
}

/// The file's text with a UTF-8 byte-order mark removed; CRLF is left to
/// the TOML parser, which accepts it.
pub fn decode<'b>(bytes: &'b [u8], path: &Path) -> Result<&'b str, Box<Finding>> {
    let bytes = bytes.strip_prefix(BOM).unwrap_or(bytes);
    std::str::from_utf8(bytes).map_err(|err| Box::new(not_utf8(bytes, err.valid_up_to(), path)))
}

fn not_utf8(bytes: &[u8], bad: usize, path: &Path) -> Finding {
    let before = &bytes[..bad];
    let line_start = before
        .iter()
        .rposition(|b| *b == b'\n')
        .map_or(0, |i| i + 1);
    let column = String::from_utf8_lossy(&before[line_start..])
        .chars()
        .count()
        + 1;
    let byte = bytes[bad];
    let mut finding = Finding::new(
        Check::NotUtf8,
        path,
        format!("the file is not UTF-8 text (byte 0x{byte:02X})"),
    )
    .hint(encoding_hint(byte));
    // Line and column, but not the line itself: a file that is not text
    // may be anything (a key, a binary), and is not quoted.
    finding.location = Some(Location {
        line: before.iter().filter(|b| **b == b'\n').count() + 1,
        column,
        source_line: String::new(),
        width: 0,
    });
    finding
}

fn encoding_hint(byte: u8) -> String {
    let windows_1252 = match byte {
        0x91 | 0x92 => Some("’"),
        0x93 | 0x94 => Some("”"),
        0x96 => Some("–"),
        0x97 => Some("—"),
        0xA3 => Some("£"),
        _ => None,
    };
    match windows_1252 {
        Some(c) => format!(
            "it looks like Windows-1252 (byte 0x{byte:02X} is {c} there); save the file as UTF-8"
        ),
        None => "save the file as UTF-8 (in most editors: Save As, Encoding: UTF-8)".to_string(),
    }
}

/// Git conflict markers left by a merge: one finding per conflict.
pub fn conflict_markers(text: &str, path: &Path) -> Vec<Finding> {
    // Nearly every file has none, and '<' and '>' are rare in plan text:
    // one fast pass over the bytes spares the line scan.
    if memchr::memchr2(b'<', b'>', text.as_bytes()).is_none() {
        return Vec::new();
    }
    let mut offset = 0;
    let mut findings = Vec::new();
    for line in text.split_inclusive('\n') {
        if line.starts_with("<<<<<<<") {
            let block = crate::merge::markers::block_at(text, offset);
            let finding = match block {
                Some(block) => field_conflict_finding(&block, path),
                None => Finding::new(
                    Check::ConflictMarkers,
                    path,
                    "the file has git conflict markers from an unfinished merge",
                )
                .hint(
                    "keep the lines you want between <<<<<<< and >>>>>>>, delete the marker lines \
                     (<<<<<<<, =======, >>>>>>>), then run `actionplan check` and commit",
                ),
            };
            findings.push(finding.at(offset..offset + 7));
        }
        offset += line.len();
    }
    if findings.is_empty() && text.lines().any(|l| l.starts_with(">>>>>>>")) {
        let at = text.find(">>>>>>>").unwrap_or(0);
        findings.push(
            Finding::new(
                Check::ConflictMarkers,
                path,
                "the file has a stray git conflict marker",
            )
            .at(at..at + 7)
            .hint("delete the marker line and check the lines around it"),
        );
    }
    findings
}

/// The finding for a conflict the merge driver wrote around one field:
/// the action, the field and both values, and how to settle it.
fn field_conflict_finding(block: &crate::merge::markers::Block, path: &Path) -> Finding {
    use crate::merge::markers::Block;
    let (address, field) = (&block.address, &block.field);
    let shown = |side: &str| match Block::value(side, field) {
        Some(v) if !v.is_empty() => v,
        Some(_) => "(none)".to_string(),
        None => side.trim().to_string(),
    };
    Finding::new(
        Check::ConflictMarkers,
        path,
        format!(
            "{address} {field} was changed on both sides of a merge: mine {}, theirs {}",
            shown(&block.mine),
            shown(&block.theirs)
        ),
    )
    .hint(format!(
        "run `actionplan resolve {address} --take mine` (or `--take theirs`, or `--take VALUE`; \
         add `--field {field}` when more than one field conflicts), which commits the \
         resolution; or keep one line by hand and delete the marker lines"
    ))
}

/// Parses TOML, reporting every syntax error (the first on each line: the
/// parser's later errors on a line are usually echoes of the first).
pub fn parse<'t>(text: &'t str, path: &Path) -> Result<Spanned<DeTable<'t>>, Vec<Finding>> {
    let (table, errors) = DeTable::parse_recoverable(text);
    if errors.is_empty() {
        return Ok(table);
    }
    let mut seen_lines = Vec::new();
    let mut findings = Vec::new();
    for error in errors {
        let span = error.span().unwrap_or(0..0);
        let line = text[..span.start.min(text.len())].matches('\n').count();
        if seen_lines.contains(&line) {
            continue;
        }
        seen_lines.push(line);
        findings.push(syntax_finding(text, path, error.message(), span));
    }
    Err(findings)
}

fn syntax_finding(text: &str, path: &Path, message: &str, span: std::ops::Range<usize>) -> Finding {
    let line = line_around(text, span.start);
    let check = if message.starts_with("invalid date") || message.starts_with("invalid time") {
        Check::InvalidDate
    } else {
        Check::TomlSyntax
    };
    let hint = date_hint(line).unwrap_or_else(|| syntax_hint(message, line).to_string());
    Finding::new(check, path, message.trim().to_string())
        .at(span)
        .hint(hint)
}

/// For a date written day-first (`due = 31/03/2009`, `30.06.23`), the same
/// date as the file needs it, so the hint leads straight to a line that
/// reads. A date that could be either way round gets both readings.
fn date_hint(line: &str) -> Option<String> {
    let (key, value) = line.split_once('=')?;
    let (key, value) = (key.trim(), value.split('#').next()?.trim());
    let parts: Vec<&str> = value.split(['/', '.', '-']).collect();
    let [day, month, year] = parts[..] else {
        return None;
    };
    let number = |t: &str| {
        t.parse::<u32>()
            .ok()
            .filter(|_| !t.is_empty() && t.len() <= 4)
    };
    let (day, month, mut year) = (number(day)?, number(month)?, number(year)?);
    if parts[2].len() == 2 {
        year += 2000;
    }
    let iso = |d: u32, m: u32| chrono::NaiveDate::from_ymd_opt(year as i32, m, d);
    match (iso(day, month), iso(month, day)) {
        (Some(first), Some(second)) if day != month => Some(format!(
            "dates are written year-month-day, without quotes: {key} = {first} if it is {}, \
             {key} = {second} if it is {}",
            first.format("%-d %B %Y"),
            second.format("%-d %B %Y")
        )),
        (Some(date), _) | (None, Some(date)) => Some(format!(
            "dates are written year-month-day, without quotes: {key} = {date}"
        )),
        (None, None) => None,
    }
}

/// What to do about a TOML syntax error, from the parser's message and
/// the line it is on; the commonest slips of hand editing get their own.
fn syntax_hint(message: &str, line: &str) -> &'static str {
    const HINTS: [(&str, &str); 7] = [
        (
            "invalid date",
            "dates are year-month-day, like 2009-02-28, and the day must exist",
        ),
        (
            "invalid time",
            "dates are year-month-day, like 2009-02-28, and the day must exist",
        ),
        (
            "duplicate key",
            "a key may appear once per table: delete or rename one of them",
        ),
        (
            "missing comma",
            "put a comma after each item of a list: [\"First\", \"Second\"]",
        ),
        (
            "unclosed array table",
            "an entry's header has two brackets on each side: [[actions]]",
        ),
        (
            "unclosed table",
            "a table's header has brackets on both sides: [name]",
        ),
        (
            "recurse",
            "brackets are nested far too deep: a list needs one pair, like lead = [\"DCS\"]",
        ),
    ];
    if line.contains(['“', '”', '‘', '’']) && !message.contains("duplicate") {
        return "curly quotes (pasted from Word?) do not mark text: use straight quotes \"…\"";
    }
    if message.contains("invalid basic string") {
        return "close the text with a straight \" on the same line; text over several lines goes in triple quotes \"\"\"…\"\"\"";
    }
    HINTS
        .iter()
        .find(|(words, _)| message.contains(words))
        .map_or(
            "each line is `key = value`, with text in straight double quotes; see docs/FORMAT.md",
            |(_, hint)| hint,
        )
}

fn line_around(text: &str, at: usize) -> &str {
    let at = at.min(text.len());
    let start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let end = text[at..].find('\n').map_or(text.len(), |i| at + i);
    text.get(start..end).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path() -> &'static Path {
        Path::new("plan/1/1.1.toml")
    }

    #[test]
    fn a_byte_order_mark_is_dropped() {
        assert_eq!(
            decode(b"\xEF\xBB\xBFref = \"1.1\"", path()).unwrap(),
            "ref = \"1.1\""
        );
    }

    #[test]
    fn windows_1252_is_reported_at_its_line_with_a_hint() {
        let err = decode(
            b"ref = \"1.1\"\nrecommendation = \"the Trust\x92s\"\n",
            path(),
        )
        .unwrap_err();
        let loc = err.location.unwrap();
        assert_eq!((loc.line, loc.column), (2, 28));
        assert!(err.hint.unwrap().contains("Windows-1252"));
    }

    #[test]
    fn each_conflict_is_reported_once() {
        let text = "a = 1\n<<<<<<< HEAD\nb = 1\n=======\nb = 2\n>>>>>>> other\n";
        let found = conflict_markers(text, path());
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].span, Some(6..13));
    }

    #[test]
    fn impossible_dates_are_their_own_check() {
        let errs = parse("due = 2009-02-30\n", path()).unwrap_err();
        assert_eq!(errs[0].check, Check::InvalidDate);
    }

    #[test]
    fn a_day_first_date_gets_its_iso_form() {
        assert_eq!(
            date_hint("due = 31/03/2009").unwrap(),
            "dates are written year-month-day, without quotes: due = 2009-03-31"
        );
        assert_eq!(
            date_hint("due = 30.06.23  # end of June").unwrap(),
            "dates are written year-month-day, without quotes: due = 2023-06-30"
        );
        let both = date_hint("date = 03/04/2009").unwrap();
        assert!(
            both.contains("date = 2009-04-03 if it is 3 April 2009"),
            "{both}"
        );
        assert!(
            both.contains("date = 2009-03-04 if it is 4 March 2009"),
            "{both}"
        );
        assert_eq!(date_hint("lead = [\"DCS\"]"), None);
        assert_eq!(date_hint("due = 45/45/2009"), None);
    }

    #[test]
    fn curly_quotes_get_a_hint_about_word() {
        let errs = parse("status = “complete”\n", path()).unwrap_err();
        assert!(errs[0].hint.as_deref().unwrap().contains("curly quotes"));
    }
}

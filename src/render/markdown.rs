//! Markdown: GitHub-flavoured tables whose cells cannot break the table or
//! turn into markup, whatever the plan's text holds.

use std::borrow::Borrow;
use std::io::{self, Write};

use super::view::Column;

pub fn write_table<T, R: Borrow<T>>(
    out: &mut impl Write,
    columns: &[Column<T>],
    rows: impl IntoIterator<Item = R>,
) -> io::Result<()> {
    let header: Vec<String> = columns.iter().map(|c| escape(c.header)).collect();
    writeln!(out, "| {} |", header.join(" | "))?;
    writeln!(out, "|{}|", vec!["---"; columns.len()].join("|"))?;
    for row in rows {
        let row = row.borrow();
        let cells: Vec<String> = columns.iter().map(|c| escape(&(c.value)(row))).collect();
        writeln!(out, "| {} |", cells.join(" | "))?;
    }
    Ok(())
}

/// Text safe inside a table cell: pipes and markup characters escaped,
/// line breaks as `<br>`.
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    // CommonMark ends a line at LF, CRLF or a lone CR: each would end the row.
    let text = text.replace("\r\n", "\n").replace('\r', "\n");
    let mut lines = text.lines().peekable();
    while let Some(line) = lines.next() {
        for c in line.chars() {
            if matches!(
                c,
                '\\' | '|' | '*' | '_' | '`' | '[' | ']' | '<' | '>' | '&' | '~' | '#'
            ) {
                escaped.push('\\');
            }
            escaped.push(c);
        }
        if lines.peek().is_some() {
            escaped.push_str("<br>");
        }
    }
    escaped
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn pipes_and_markup_are_escaped() {
        assert_eq!(escape("a | b"), "a \\| b");
        assert_eq!(
            escape("*bold* _it_ [link](x) <b>"),
            "\\*bold\\* \\_it\\_ \\[link\\](x) \\<b\\>"
        );
    }

    #[test]
    fn line_breaks_stay_inside_the_cell() {
        assert_eq!(escape("one\ntwo\r\nthree"), "one<br>two<br>three");
    }
}

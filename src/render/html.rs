//! One self-contained, printable HTML page: no scripts, no external fonts
//! or styles, well-formed (it parses as XML too), A4 when printed.

use std::io::{self, Write};

use super::chart;
use super::document::{Block, ColumnKind, Table};

const STYLE: &str = "
@page { size: A4; margin: 14mm 12mm 16mm; }
body { font-family: Arial, Helvetica, sans-serif; font-size: 10pt; color: #111; max-width: 62em; margin: 1em auto; padding: 0 1em; -webkit-print-color-adjust: exact; print-color-adjust: exact; }
h1 { font-size: 17pt; margin-bottom: 0.2em; }
h2 { font-size: 13.5pt; border-bottom: 1px solid #999; margin-top: 1.2em; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 11pt; margin: 0.8em 0 0.3em; break-after: avoid; page-break-after: avoid; }
p { margin: 0.4em 0; }
table { border-collapse: collapse; width: 100%; margin: 0.3em 0 0.8em; table-layout: fixed; }
th, td { border: 1px solid #bbb; padding: 2px 4px; text-align: left; vertical-align: top; overflow-wrap: break-word; }
th { background: #eee; overflow-wrap: normal; }
thead { display: table-header-group; }
table.facts { width: auto; table-layout: auto; }
table.facts th, table.facts td { border: none; padding: 1px 12px 1px 0; background: none; }
td.n, th.n { text-align: right; }
td.keep { white-space: nowrap; overflow-wrap: normal; }
tr { break-inside: avoid; page-break-inside: avoid; }
tr.total td { font-weight: bold; }
.warning { border: 2px solid #D55E00; background: #fff3e8; padding: 0.5em 0.8em; font-weight: bold; }
.colophon { color: #555; font-size: 8.5pt; }
svg { max-width: 100%; height: auto; }
@media print { body { margin: 0; max-width: none; padding: 0; } }
";

pub fn write(out: &mut impl Write, title: &str, blocks: &[Block]) -> io::Result<()> {
    write_start(out, title, "")?;
    write_blocks(out, blocks)?;
    write_end(out)
}

/// The page up to its body's first block. `footer` is printed at the foot
/// of every page, with the page number.
pub fn write_start(out: &mut impl Write, title: &str, footer: &str) -> io::Result<()> {
    writeln!(out, "<!DOCTYPE html>")?;
    writeln!(
        out,
        "<html lang=\"en-GB\">\n<head>\n<meta charset=\"utf-8\"/>"
    )?;
    writeln!(
        out,
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"/>"
    )?;
    writeln!(
        out,
        "<title>{}</title>\n<style>{STYLE}{}</style>\n</head>\n<body>",
        escape(title),
        page_footer(footer)
    )
}

pub fn write_blocks(out: &mut impl Write, blocks: &[Block]) -> io::Result<()> {
    for block in blocks {
        match block {
            Block::Heading(level, text) => writeln!(out, "<h{level}>{}</h{level}>", escape(text))?,
            Block::Paragraph(text) => writeln!(out, "<p>{}</p>", escape(text))?,
            Block::Facts(facts) => write_facts(out, facts)?,
            Block::Warning(text) => {
                writeln!(out, "<p class=\"warning\">Warning: {}</p>", escape(text))?
            }
            Block::Table(table) => write_table(out, table)?,
            Block::Chart(bars) => chart::write(out, bars)?,
        }
    }
    Ok(())
}

/// Page margin boxes: `footer` at the bottom left, "Page N of M" at the
/// right, on every printed page.
fn page_footer(footer: &str) -> String {
    format!(
        "@page {{ @bottom-left {{ content: \"{}\"; font: 8pt Arial, sans-serif; color: #555; }} \
         @bottom-right {{ content: \"Page \" counter(page) \" of \" counter(pages); \
         font: 8pt Arial, sans-serif; color: #555; }} }}\n",
        css_string(footer)
    )
}

/// Text inside a CSS string in a `<style>` that must also parse as XML:
/// quotes, backslashes and line ends escaped, and `<`, `>`, `&` as CSS
/// escapes so no tag or entity can start inside it.
fn css_string(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '"' | '\\' | '<' | '>' | '&' | '\n' | '\r' => {
                escaped.push_str(&format!("\\{:x} ", u32::from(c)))
            }
            c if forbidden(c) => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

pub fn write_end(out: &mut impl Write) -> io::Result<()> {
    writeln!(out, "</body>\n</html>")
}

fn write_facts(out: &mut impl Write, facts: &[(String, String)]) -> io::Result<()> {
    writeln!(out, "<table class=\"facts\">\n<tbody>")?;
    for (label, value) in facts {
        writeln!(
            out,
            "<tr><th scope=\"row\">{}</th><td>{}</td></tr>",
            escape(label),
            escape(value)
        )?;
    }
    writeln!(out, "</tbody>\n</table>")
}

fn write_table(out: &mut impl Write, table: &Table) -> io::Result<()> {
    writeln!(out, "<table>\n<colgroup>")?;
    for width in table.widths() {
        write!(out, "<col style=\"width:{width}%\"/>")?;
    }
    writeln!(out, "</colgroup>\n<thead><tr>")?;
    for (header, kind) in table.headers.iter().zip(&table.columns) {
        let class = if kind.is_numeric() {
            " class=\"n\""
        } else {
            ""
        };
        write!(out, "<th{class}>{}</th>", escape(header))?;
    }
    writeln!(out, "</tr></thead>\n<tbody>")?;
    for (row, total) in table.rows() {
        write!(out, "<tr{}>", if total { " class=\"total\"" } else { "" })?;
        for (cell, kind) in row.iter().zip(&table.columns) {
            write_cell(out, cell, *kind)?;
        }
        writeln!(out, "</tr>")?;
    }
    writeln!(out, "</tbody>\n</table>")
}

/// A cell: numbers right-aligned, refs, dates and statuses kept on one
/// line, a status in its RAG colour with its words.
fn write_cell(out: &mut impl Write, cell: &str, kind: ColumnKind) -> io::Result<()> {
    let mut classes = Vec::new();
    if kind.is_numeric() {
        classes.push("n");
    }
    if kind.keeps_together() {
        classes.push("keep");
    }
    let class = match classes.is_empty() {
        true => String::new(),
        false => format!(" class=\"{}\"", classes.join(" ")),
    };
    let colour = (kind == ColumnKind::Status)
        .then(|| chart::status_named(cell))
        .flatten()
        .map(|status| {
            let (fill, ink) = chart::colours(status);
            format!(" style=\"background:{fill};color:{ink}\"")
        })
        .unwrap_or_default();
    write!(
        out,
        "<td{class}{colour}>{}</td>",
        escape(cell).replace('\n', "<br/>")
    )
}

/// Text safe in HTML and XML: the five special characters as entities,
/// and characters a page may not hold as U+FFFD (�).
pub fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            c if forbidden(c) => escaped.push('\u{FFFD}'),
            c => escaped.push(c),
        }
    }
    escaped
}

/// Characters XML 1.0 forbids (control codes other than tab and line ends,
/// U+FFFE, U+FFFF) and those HTML calls errors: C1 controls and the
/// noncharacters U+FDD0–U+FDEF and U+nFFFE, U+nFFFF in every plane.
pub fn forbidden(c: char) -> bool {
    let code = u32::from(c);
    let noncharacter = (0xFDD0..=0xFDEF).contains(&code) || code & 0xFFFE == 0xFFFE;
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || noncharacter
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn markup_characters_become_entities() {
        assert_eq!(
            escape("<b>R&A</b> \"it's\""),
            "&lt;b&gt;R&amp;A&lt;/b&gt; &quot;it&#39;s&quot;"
        );
    }

    #[test]
    fn control_characters_cannot_break_the_page() {
        assert_eq!(escape("a\u{0}b\u{1b}c\td"), "a\u{FFFD}b\u{FFFD}c\td");
    }

    #[test]
    fn noncharacters_are_replaced() {
        for c in [
            '\u{FDD0}',
            '\u{FDEF}',
            '\u{FFFE}',
            '\u{FFFF}',
            '\u{1FFFE}',
            '\u{10FFFF}',
        ] {
            assert_eq!(escape(&format!("a{c}b")), "a\u{FFFD}b", "{c:?}");
        }
        assert_eq!(
            escape("\u{FDCF}\u{FFFD}\u{10000}"),
            "\u{FDCF}\u{FFFD}\u{10000}"
        );
    }
}

//! A stacked bar chart of action counts by status, as inline SVG: the
//! Okabe–Ito colours (distinguishable with the common colour-blindnesses),
//! every segment labelled with its count and a legend naming each colour.

use std::io::{self, Write};

use super::document::Bar;
use super::html::escape;
use super::rag;
use crate::digest::RAG_ORDER;
use crate::status::Status;

const LABEL_WIDTH: usize = 230;
const BAR_WIDTH: usize = 420;
const ROW: usize = 30;
const BAR_HEIGHT: usize = 22;

pub use super::rag::{name, status_named};

/// Fill and text colour of a status, as `#RRGGBB`.
pub fn colours(status: Status) -> (String, String) {
    (rag::hex(rag::fill(status)), rag::hex(rag::ink(status)))
}

pub fn write(out: &mut impl Write, bars: &[Bar]) -> io::Result<()> {
    let most = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.1).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let labels: Vec<Vec<String>> = bars.iter().map(|b| wrap(&b.label, LABEL_CHARS)).collect();
    let legend_y: usize = labels.iter().map(|l| row_height(l.len())).sum::<usize>() + 10;
    let height = legend_y + 2 * ROW;
    let width = LABEL_WIDTH + BAR_WIDTH + 40;
    writeln!(
        out,
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {width} {height}\" width=\"{width}\" height=\"{height}\" \
         role=\"img\" aria-labelledby=\"chart-title\" font-family=\"Arial, Helvetica, sans-serif\" font-size=\"12\">"
    )?;
    writeln!(
        out,
        "<title id=\"chart-title\">Actions by status in each section</title>"
    )?;
    let mut y = 0;
    for (bar, label) in bars.iter().zip(&labels) {
        write_bar(out, bar, label, y, most)?;
        y += row_height(label.len());
    }
    write_legend(out, legend_y)?;
    writeln!(out, "</svg>")
}

/// Characters of a label that fit beside the bars on one line.
const LABEL_CHARS: usize = 34;
const LINE: usize = 14;

/// A bar's row: room for its label's lines, and at least a bar's height.
fn row_height(lines: usize) -> usize {
    ROW.max(lines * LINE + 8)
}

fn write_bar(
    out: &mut impl Write,
    bar: &Bar,
    label: &[String],
    y: usize,
    most: usize,
) -> io::Result<()> {
    let total: usize = bar.segments.iter().map(|s| s.1).sum();
    writeln!(out, "<g class=\"bar\">")?;
    write!(out, "<text x=\"0\" y=\"{}\">", y + 12)?;
    for (i, line) in label.iter().enumerate() {
        let dy = if i == 0 { 0 } else { LINE };
        write!(out, "<tspan x=\"0\" dy=\"{dy}\">{}</tspan>", escape(line))?;
    }
    writeln!(out, "</text>")?;
    let mut x = LABEL_WIDTH as f64;
    for (status, count) in bar.segments.iter().filter(|s| s.1 > 0) {
        let w = *count as f64 / most as f64 * BAR_WIDTH as f64;
        let (fill, ink) = colours(*status);
        writeln!(
            out,
            "<rect x=\"{x:.1}\" y=\"{y}\" width=\"{w:.1}\" height=\"{BAR_HEIGHT}\" fill=\"{fill}\" stroke=\"#FFFFFF\">\
             <title>{}: {count}</title></rect>",
            escape(&name(*status))
        )?;
        if w >= 14.0 {
            let cx = x + w / 2.0;
            writeln!(
                out,
                "<text x=\"{cx:.1}\" y=\"{}\" text-anchor=\"middle\" fill=\"{ink}\">{count}</text>",
                y + 15
            )?;
        }
        x += w;
    }
    writeln!(
        out,
        "<text x=\"{:.1}\" y=\"{}\">{total}</text>\n</g>",
        x + 6.0,
        y + 16
    )
}

fn write_legend(out: &mut impl Write, y: usize) -> io::Result<()> {
    writeln!(out, "<g class=\"legend\">")?;
    for (i, status) in RAG_ORDER.iter().enumerate() {
        let (x, row_y) = ((i % 3) * 210, y + (i / 3) * 22);
        let (fill, _) = colours(*status);
        writeln!(
            out,
            "<rect x=\"{x}\" y=\"{row_y}\" width=\"14\" height=\"14\" fill=\"{fill}\" stroke=\"#555555\"/>\
             <text x=\"{}\" y=\"{}\">{}</text>",
            x + 20,
            row_y + 12,
            escape(&name(*status))
        )?;
    }
    writeln!(out, "</g>")
}

/// A label in lines of at most `width` characters, broken between words
/// (a word longer than a line is cut across lines): nothing is left out.
fn wrap(label: &str, width: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut line = String::new();
    for word in label.split_whitespace() {
        let chars: Vec<char> = word.chars().collect();
        for piece in chars.chunks(width) {
            let piece: String = piece.iter().collect();
            let fits = line.is_empty() || line.chars().count() + 1 + piece.chars().count() <= width;
            if !fits {
                lines.push(std::mem::take(&mut line));
            }
            if !line.is_empty() {
                line.push(' ');
            }
            line.push_str(&piece);
        }
    }
    if !line.is_empty() || lines.is_empty() {
        lines.push(line);
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn long_labels_wrap_whole_and_short_ones_stay_on_a_line() {
        assert_eq!(wrap("1 Children's Trust", 34), ["1 Children's Trust"]);
        let lines = wrap(
            "3 Recruitment practice - Criminal Records Bureau Checks (Herefordshire Council)",
            34,
        );
        assert!(lines.iter().all(|l| l.chars().count() <= 34), "{lines:?}");
        assert_eq!(
            lines.join(" "),
            "3 Recruitment practice - Criminal Records Bureau Checks (Herefordshire Council)"
        );
        assert_eq!(wrap(&"x".repeat(70), 34).len(), 3);
    }
}

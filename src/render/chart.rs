//! A stacked bar chart of action counts by status, as inline SVG: the
//! Okabe–Ito colours (distinguishable with the common colour-blindnesses),
//! every segment labelled with its count and a legend naming each colour.

use std::io::{self, Write};

use super::document::Bar;
use super::html::escape;
use crate::digest::RAG_ORDER;
use crate::status::Status;

const LABEL_WIDTH: usize = 230;
const BAR_WIDTH: usize = 420;
const ROW: usize = 30;
const BAR_HEIGHT: usize = 22;

/// Fill and text colour of each status.
pub fn colours(status: Status) -> (&'static str, &'static str) {
    match status {
        Status::OffTrack => ("#D55E00", "#FFFFFF"),
        Status::AtRisk => ("#E69F00", "#000000"),
        Status::OnTrack => ("#009E73", "#FFFFFF"),
        Status::Complete => ("#0072B2", "#FFFFFF"),
        Status::NotStarted => ("#DDDDDD", "#000000"),
        Status::Deferred => ("#888888", "#FFFFFF"),
    }
}

pub fn name(status: Status) -> String {
    let word = match status {
        Status::NotStarted => "Not started",
        Status::OnTrack => "On track",
        Status::AtRisk => "At risk",
        Status::OffTrack => "Off track",
        Status::Complete => "Complete",
        Status::Deferred => "Deferred",
    };
    match status.colour() {
        Some(colour) => format!("{word} ({colour})"),
        None => word.to_string(),
    }
}

pub fn write(out: &mut impl Write, bars: &[Bar]) -> io::Result<()> {
    let most = bars
        .iter()
        .map(|b| b.segments.iter().map(|s| s.1).sum::<usize>())
        .max()
        .unwrap_or(0)
        .max(1);
    let legend_y = bars.len() * ROW + 10;
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
    for (i, bar) in bars.iter().enumerate() {
        write_bar(out, bar, i * ROW, most)?;
    }
    write_legend(out, legend_y)?;
    writeln!(out, "</svg>")
}

fn write_bar(out: &mut impl Write, bar: &Bar, y: usize, most: usize) -> io::Result<()> {
    let total: usize = bar.segments.iter().map(|s| s.1).sum();
    writeln!(out, "<g class=\"bar\">")?;
    writeln!(
        out,
        "<text x=\"0\" y=\"{}\">{}</text>",
        y + 16,
        escape(&short_label(&bar.label))
    )?;
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

/// Long section titles are cut so the bars keep their room.
fn short_label(label: &str) -> String {
    if label.chars().count() <= 34 {
        return label.to_string();
    }
    let cut: String = label.chars().take(33).collect();
    format!("{}…", cut.trim_end())
}

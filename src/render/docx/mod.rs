//! The committee paper as a Word document (.docx), written directly as
//! WordprocessingML into a zip stream: A4 landscape, Word's heading
//! styles, tables with fixed column widths and repeated header rows, and
//! a footer with the paper's provenance and "Page N of M".
//!
//! Written by hand rather than with a docx crate: docx-rs (0.4) cannot
//! mark a header row to repeat (`w:tblHeader`) and holds the whole
//! document in memory; docx-rust cannot keep a row on one page
//! (`w:cantSplit`). Here the body is streamed block by block, row by row,
//! so a paper of any size takes little memory, and it needs no seeking,
//! so it can go down a pipe.

mod layout;
mod measure;
mod package;
mod table;
mod text;

use std::io::{self, Write};

use zip::write::{SimpleFileOptions, StreamWriter};
use zip::{CompressionMethod, DateTime, ZipWriter};

use super::document::{Block, Table};
use text::Style;

/// A4 landscape, in twips (twentieths of a point): the tables of a paper
/// hold six or eight columns, with dates and statuses that must each stay
/// on one line beside prose; at 10pt they fit across 257mm, not 170mm.
const PAGE_WIDTH: u32 = 16838;
const PAGE_HEIGHT: u32 = 11906;
/// 2cm all round.
const MARGIN: u32 = 1134;
const TEXT_WIDTH: u32 = PAGE_WIDTH - 2 * MARGIN;
const TEXT_HEIGHT: u32 = PAGE_HEIGHT - 2 * MARGIN;
/// A paragraph's spacing above it when it follows a table: 8pt.
const SPACE_BEFORE: &str = "<w:spacing w:before=\"160\"/>";

/// A Word document being written: the fixed parts first, then the body,
/// as its blocks come.
pub struct Paper<W: Write> {
    zip: ZipWriter<StreamWriter<W>>,
    /// Whether the body so far ends with a table: Word joins two tables
    /// that touch, and wants a paragraph after the last.
    after_table: bool,
}

/// Every part compressed, dated 1980-01-01 as zip's epoch, so the same
/// plan gives the same bytes. The fastest deflate: XML shrinks almost as
/// far at level 1, in a fraction of the time.
fn options() -> SimpleFileOptions {
    SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(1))
        .last_modified_time(DateTime::default())
}

impl<W: Write> Paper<W> {
    /// Starts a paper titled `title` (its document properties) with
    /// `footer` at the foot of every page, beside the page number.
    pub fn start(out: W, title: &str, footer: &str) -> io::Result<Paper<W>> {
        let mut zip = ZipWriter::new_stream(out);
        for (name, content) in package::parts(title, footer) {
            zip.start_file(name, options()).map_err(io::Error::other)?;
            zip.write_all(content.as_bytes())?;
        }
        zip.start_file("word/document.xml", options())
            .map_err(io::Error::other)?;
        zip.write_all(package::document_start().as_bytes())?;
        Ok(Paper {
            zip,
            after_table: false,
        })
    }

    pub fn write_blocks(&mut self, blocks: &[Block]) -> io::Result<()> {
        for (i, block) in blocks.iter().enumerate() {
            let before_table = matches!(blocks.get(i + 1), Some(Block::Table(_)));
            self.write_block(block, before_table)?;
        }
        Ok(())
    }

    fn write_block(&mut self, block: &Block, before_table: bool) -> io::Result<()> {
        let plain = Style::default();
        let bold = Style {
            bold: true,
            ..plain
        };
        // Word sets no space after a table: the paragraph after it makes some.
        let gap = if self.after_table { SPACE_BEFORE } else { "" };
        let mut xml = String::new();
        match block {
            Block::Heading(level, words) => {
                let style = format!("<w:pStyle w:val=\"Heading{}\"/>", level.clamp(&1, &3));
                paragraph(&mut xml, &style, &[(words, plain)]);
            }
            // An introduction stays on the page of the table it introduces.
            Block::Paragraph(words) => {
                let keep = if before_table { "<w:keepNext/>" } else { "" };
                paragraph(&mut xml, &format!("{keep}{gap}"), &[(words, plain)]);
            }
            Block::Facts(facts) => {
                for (label, value) in facts {
                    let runs = [(label.as_str(), bold), ("\t", plain), (value, plain)];
                    paragraph(&mut xml, "<w:pStyle w:val=\"Fact\"/>", &runs);
                }
            }
            Block::Warning(words) => {
                let runs = [("Warning: ", plain), (words.as_str(), plain)];
                paragraph(&mut xml, "<w:pStyle w:val=\"Warning\"/>", &runs);
            }
            Block::Table(table) => return self.write_table(table),
            // The summary table above it carries the same numbers.
            Block::Chart(_) => return Ok(()),
        }
        self.after_table = false;
        self.zip.write_all(xml.as_bytes())
    }

    fn write_table(&mut self, table: &Table) -> io::Result<()> {
        if self.after_table {
            self.zip.write_all(b"<w:p/>")?;
        }
        table::write(&mut self.zip, table, TEXT_WIDTH, TEXT_HEIGHT / 2)?;
        self.after_table = true;
        Ok(())
    }

    /// Ends the body and the package.
    pub fn finish(mut self) -> io::Result<()> {
        if self.after_table {
            self.zip.write_all(b"<w:p/>")?;
        }
        self.zip.write_all(package::document_end().as_bytes())?;
        let mut out = self.zip.finish().map_err(io::Error::other)?;
        out.flush()
    }
}

/// A paragraph of `runs` with the paragraph properties `properties`
/// (WordprocessingML, in the schema's order; none for Normal).
fn paragraph(xml: &mut String, properties: &str, runs: &[(&str, Style)]) {
    xml.push_str("<w:p>");
    if !properties.is_empty() {
        xml.push_str("<w:pPr>");
        xml.push_str(properties);
        xml.push_str("</w:pPr>");
    }
    for (words, style) in runs {
        text::push_run(xml, words, *style);
    }
    xml.push_str("</w:p>");
}

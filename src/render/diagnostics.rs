//! Findings as text (`path:line:col: error[check]: message`, the source line
//! and a caret, like a compiler) or as JSON for editors and CI.

use std::io::{self, Write};
use std::path::PathBuf;

use serde::Serialize;

use crate::finding::{Finding, Location, Severity};
use crate::model::Plan;

const RED: &str = "\x1b[1;31m";
const YELLOW: &str = "\x1b[1;33m";
const BLUE: &str = "\x1b[1;34m";
const BOLD: &str = "\x1b[1m";
const RESET: &str = "\x1b[0m";

/// What was checked and what was found, for the last line.
#[derive(Debug, Serialize)]
pub struct Summary {
    pub plan: PathBuf,
    pub errors: usize,
    pub warnings: usize,
    pub sections: usize,
    pub recommendations: usize,
    pub actions: usize,
}

impl Summary {
    pub fn of(plan: &Plan, findings: &[Finding]) -> Summary {
        let count = |s: Severity| findings.iter().filter(|f| f.severity() == s).count();
        Summary {
            plan: plan.root.clone(),
            errors: count(Severity::Error),
            warnings: count(Severity::Warning),
            sections: plan.sections.len(),
            recommendations: plan.recommendations.len(),
            actions: plan.recommendations.iter().map(|r| r.actions.len()).sum(),
        }
    }
}

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, style: &str, text: &str) -> String {
        if self.on {
            format!("{style}{text}{RESET}")
        } else {
            text.to_string()
        }
    }
}

pub fn write_text(out: &mut impl Write, findings: &[Finding], color: bool) -> io::Result<()> {
    let paint = Paint { on: color };
    for finding in findings {
        write_finding(out, finding, &paint)?;
    }
    Ok(())
}

fn write_finding(out: &mut impl Write, finding: &Finding, paint: &Paint) -> io::Result<()> {
    let severity = finding.severity();
    let style = if severity == Severity::Error {
        RED
    } else {
        YELLOW
    };
    let place = match &finding.location {
        Some(loc) => format!("{}:{}:{}", finding.path.display(), loc.line, loc.column),
        None => finding.path.display().to_string(),
    };
    let place = super::printable(&place);
    let label = paint.wrap(
        style,
        &format!("{}[{}]", severity.as_str(), finding.check.name()),
    );
    writeln!(
        out,
        "{}: {label}: {}",
        paint.wrap(BOLD, &place),
        super::printable(&finding.message)
    )?;
    if let Some(loc) = finding.location.as_ref().filter(|l| l.width > 0) {
        write_source(out, loc, paint, style)?;
    }
    if let Some(hint) = &finding.hint {
        let hint = super::printable(hint);
        writeln!(out, "  {} {hint}", paint.wrap(BLUE, "= hint:"))?;
    }
    writeln!(out)
}

/// Source lines longer than this are shown as a window around the span.
const MAX_SHOWN: usize = 120;

/// The source line with a caret under the span; tabs are kept so the caret
/// lines up however wide the terminal draws them. A very long line (a
/// pasted report, a minified file) is cut to a window around the span.
fn write_source(
    out: &mut impl Write,
    loc: &Location,
    paint: &Paint,
    style: &str,
) -> io::Result<()> {
    let number = loc.line.to_string();
    let pad = " ".repeat(number.len());
    let chars: Vec<char> = loc.source_line.chars().collect();
    let at = (loc.column - 1).min(chars.len());
    let first = at
        .saturating_sub(MAX_SHOWN / 2)
        .min(chars.len().saturating_sub(MAX_SHOWN));
    let last = (first + MAX_SHOWN).min(chars.len());
    let (before, after) = (
        if first > 0 { "…" } else { "" },
        if last < chars.len() { "…" } else { "" },
    );
    let shown: String = chars[first..last].iter().collect();
    let shown = super::printable(&shown);
    let indent: String = before
        .chars()
        .map(|_| ' ')
        .chain(
            chars[first..at]
                .iter()
                .map(|&c| if c == '\t' { '\t' } else { ' ' }),
        )
        .collect();
    let carets = "^".repeat(loc.width.min(last.saturating_sub(at)).max(1));
    writeln!(out, "  {pad} {}", paint.wrap(BLUE, "|"))?;
    writeln!(
        out,
        "  {} {} {before}{shown}{after}",
        paint.wrap(BLUE, &number),
        paint.wrap(BLUE, "|"),
    )?;
    writeln!(
        out,
        "  {pad} {} {indent}{}",
        paint.wrap(BLUE, "|"),
        paint.wrap(style, &carets)
    )
}

pub fn write_summary(out: &mut impl Write, summary: &Summary, color: bool) -> io::Result<()> {
    let paint = Paint { on: color };
    let checked = format!(
        "{} {}, {} {} in {} {}",
        summary.recommendations,
        plural(summary.recommendations, "recommendation", "recommendations"),
        summary.actions,
        plural(summary.actions, "action", "actions"),
        summary.sections,
        plural(summary.sections, "section", "sections")
    );
    let plan = summary.plan.display().to_string();
    let plan = super::printable(&plan);
    if summary.errors == 0 && summary.warnings == 0 {
        return writeln!(
            out,
            "{}: {plan}: {checked}, no problems found",
            paint.wrap(BOLD, "ok")
        );
    }
    let counts = format!(
        "{} {}, {} {}",
        summary.errors,
        plural(summary.errors, "error", "errors"),
        summary.warnings,
        plural(summary.warnings, "warning", "warnings")
    );
    let style = if summary.errors > 0 { RED } else { YELLOW };
    writeln!(
        out,
        "{}: {plan}: {counts} ({checked})",
        paint.wrap(style, "check")
    )
}

fn plural<'a>(n: usize, one: &'a str, many: &'a str) -> &'a str {
    if n == 1 { one } else { many }
}

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: String,
    line: Option<usize>,
    column: Option<usize>,
    end_column: Option<usize>,
    severity: Severity,
    check: &'static str,
    message: &'a str,
    hint: Option<&'a str>,
}

#[derive(Serialize)]
struct JsonReport<'a> {
    findings: Vec<JsonFinding<'a>>,
    summary: &'a Summary,
}

/// `{"findings": [...], "summary": {...}}`; documented in docs/FORMAT.md.
pub fn write_json(out: &mut impl Write, findings: &[Finding], summary: &Summary) -> io::Result<()> {
    let findings = findings
        .iter()
        .map(|f| JsonFinding {
            path: f.path.display().to_string(),
            line: f.location.as_ref().map(|l| l.line),
            column: f.location.as_ref().map(|l| l.column),
            end_column: f.location.as_ref().map(|l| l.column + l.width),
            severity: f.severity(),
            check: f.check.name(),
            message: &f.message,
            hint: f.hint.as_deref(),
        })
        .collect();
    serde_json::to_writer_pretty(&mut *out, &JsonReport { findings, summary })?;
    writeln!(out)
}

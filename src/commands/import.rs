//! `actionplan import FILE --out DIR`: a plan folder from an existing
//! table, with a report of everything that was not read for certain.

use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, Result};

use super::Outcome;
use super::check::check_source;
use crate::cli::{ImportArgs, ImportForm};
use crate::edit;
use crate::error::UsageError;
use crate::finding::Severity;
use crate::import::{self, Draft, Kind, Mapping, Options, Report};
use crate::load;
use crate::render::diagnostics;

/// Tables larger than this are refused: no action plan is near it.
const MAX_INPUT_BYTES: u64 = 64 * 1024 * 1024;

pub fn run(args: &ImportArgs, quiet: bool) -> Result<Outcome> {
    let options = options(args)?;
    // What may be written over is settled before the table is even read.
    let replace = edit::check_replaceable(&args.out, args.force)?;
    if let Some(path) = &args.report {
        report_target(path, args.force)?;
    }
    let draft = draft(args, &options)?;
    duplicates(&draft)?;
    let files = import::files(&draft);
    let source = args.file.display().to_string();
    let report = draft.report.markdown(&source, counts(&draft));
    if !quiet {
        write!(
            super::err_out(),
            "{}",
            draft.report.text(&source, counts(&draft))
        )?;
    }
    if args.dry_run {
        dry_run(args, &files, &report)?;
        return Ok(Outcome::Success);
    }
    edit::write_folder(&args.out, &files, replace)?;
    // After the folder: a report inside a replaced --out would go with it.
    if let Some(path) = &args.report {
        super::emit(Some(path), |out| out.write_all(report.as_bytes()))?;
    }
    // The check reads the plan back from disk: let go of the copy first.
    drop((draft, files, report));
    checked(&args.out, quiet)
}

/// The table read into a draft, its decoding notes first.
fn draft(args: &ImportArgs, options: &Options) -> Result<Draft> {
    let bytes = read_input(&args.file)?;
    let mut early = Report::default();
    let refuse =
        |why: String| UsageError::new(format!("cannot import `{}`: {why}", args.file.display()));
    // An Excel workbook: its first sheet, read as its CSV export would be.
    let workbook = import::is_workbook(&bytes);
    let text = if workbook {
        import::workbook_csv(&bytes).map_err(refuse)?
    } else {
        import::decode(&bytes, &mut early).map_err(refuse)?
    };
    let kind = match args.from {
        _ if workbook => Kind::Csv,
        Some(ImportForm::SeedTsv) => Kind::SeedTsv,
        Some(ImportForm::Csv) => Kind::Csv,
        None => import::detect(&text),
    };
    let mut draft = import::read(&text, kind, options);
    early.notes.append(&mut draft.report.notes);
    draft.report = early;
    Ok(draft)
}

/// What a real run would write, on standard output; nothing is written.
fn dry_run(args: &ImportArgs, files: &[(PathBuf, String)], report: &str) -> Result<()> {
    let mut out = super::human_out(false);
    for (path, text) in files {
        let path = args.out.join(path);
        writeln!(out, "would write {} ({} bytes)", path.display(), text.len())?;
    }
    if let Some(path) = &args.report {
        writeln!(
            out,
            "would write {} ({} bytes)",
            path.display(),
            report.len()
        )?;
    }
    Ok(())
}

/// `--report FILE` follows `-o`'s rules ([`edit::output_target`]: never a
/// link, a folder or a device; `-` is standard output), and an existing
/// file is replaced only with `--force`.
fn report_target(path: &Path, force: bool) -> Result<()> {
    let target = edit::output_target(path)?;
    if let edit::Target::Replace(file) = target
        && file.exists()
        && !force
    {
        return Err(UsageError::with_hint(
            format!(
                "--report: `{}` exists already; nothing was written",
                file.display()
            ),
            "choose another --report file, or add --force to replace it",
        )
        .into());
    }
    Ok(())
}

fn options(args: &ImportArgs) -> Result<Options> {
    let mut mapping = Mapping::default();
    for (header, field) in &args.map {
        let Some(found) = import::Field::from_name(field) else {
            let fields: Vec<_> = import::Field::ALL.iter().map(|(_, n)| *n).collect();
            return Err(UsageError::with_hint(
                format!("--map: “{field}” is not a field"),
                format!("use one of {}", fields.join(", ")),
            )
            .into());
        };
        mapping.columns.push((header.clone(), found));
    }
    let officers = match &args.officers {
        Some(path) => {
            let text = fs::read_to_string(path).map_err(|err| {
                UsageError::new(format!(
                    "--officers: cannot read `{}`: {err}",
                    path.display()
                ))
            })?;
            import::parse_officers(&text).map_err(|why| {
                UsageError::new(format!(
                    "--officers: `{}` is not an officers.toml: {why}",
                    path.display()
                ))
            })?
        }
        None => Vec::new(),
    };
    Ok(Options {
        officers,
        title: args.title.clone(),
        organisation: args.organisation.clone(),
        mapping,
        reported: args.reported,
    })
}

fn read_input(path: &Path) -> Result<Vec<u8>> {
    let metadata = fs::metadata(path)
        .map_err(|err| UsageError::new(format!("cannot read `{}`: {err}", path.display())))?;
    if !metadata.is_file() {
        return Err(UsageError::new(format!("`{}` is not a file", path.display())).into());
    }
    if metadata.len() > MAX_INPUT_BYTES {
        return Err(UsageError::new(format!(
            "`{}` is {} bytes, over the 64 MiB an action plan could need",
            path.display(),
            metadata.len()
        ))
        .into());
    }
    fs::read(path).with_context(|| format!("failed to read `{}`", path.display()))
}

fn counts(draft: &Draft) -> [usize; 4] {
    let actions = draft.recommendations.iter().map(|r| r.actions.len()).sum();
    [
        draft.sections.len(),
        draft.recommendations.len(),
        actions,
        draft.officers.len(),
    ]
}

/// Two recommendations with one ref would be one file: refuse rather than
/// lose one.
fn duplicates(draft: &Draft) -> Result<()> {
    let Some((path, first, second)) = import::shared_file(draft) else {
        return Ok(());
    };
    Err(UsageError::with_hint(
        format!(
            "two recommendations would be written to {} (rows {first} and {second})",
            path.display()
        ),
        "give each recommendation its own ref in the table, then import again",
    )
    .into())
}

/// The written plan's check: exit 1 with the findings when it fails.
fn checked(out: &Path, quiet: bool) -> Result<Outcome> {
    let today = crate::date::Zone::default().today(chrono::Utc::now());
    let (plan, findings) = check_source(&load::Folder::new(out), today)?;
    let mut err = super::err_out();
    let errors: Vec<_> = findings
        .iter()
        .filter(|f| f.severity() == Severity::Error)
        .cloned()
        .collect();
    let actions: usize = plan.recommendations.iter().map(|r| r.actions.len()).sum();
    if errors.is_empty() {
        if quiet {
            return Ok(Outcome::Success);
        }
        writeln!(
            err,
            "\nwrote {} ({} recommendations, {actions} actions); `actionplan check` passes",
            out.display(),
            plan.recommendations.len()
        )?;
        return Ok(Outcome::Success);
    }
    diagnostics::write_text(&mut err, &errors, false)?;
    writeln!(
        err,
        "\nwrote {}, but `actionplan check` finds {} in it (above): fix them there",
        out.display(),
        super::output::plural(errors.len(), "error", "errors")
    )?;
    Ok(Outcome::PlanHasErrors)
}

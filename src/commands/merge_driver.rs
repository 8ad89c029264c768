//! `actionplan merge-driver %O %A %B %P`: what git runs to merge a plan
//! file (see [`crate::merge`]). The result goes into %A; the exit code is
//! 0 when it merged cleanly and 1 when conflicts are left in it, as git
//! expects. A file the merge cannot take field by field (not TOML, an
//! action removed on one side) is merged by `git merge-file` instead, so
//! nothing is ever worse than git's own merge.

use std::io::Write;
use std::path::Path;

use anyhow::{Context, Result};

use super::Outcome;
use crate::cli::MergeDriverArgs;
use crate::merge::{self, MARKER_LABEL_MINE, MARKER_LABEL_THEIRS};

pub fn run(args: &MergeDriverArgs) -> Result<Outcome> {
    let read = |path: &Path| {
        std::fs::read(path).with_context(|| format!("cannot read `{}`", path.display()))
    };
    let (base, mine, theirs) = (read(&args.base)?, read(&args.mine)?, read(&args.theirs)?);
    let name = args
        .path
        .clone()
        .unwrap_or_else(|| args.mine.display().to_string());
    let texts = (
        String::from_utf8(base),
        String::from_utf8(mine),
        String::from_utf8(theirs),
    );
    let merged = match texts {
        (Ok(b), Ok(m), Ok(t)) => {
            // git runs the driver at the top of the work tree.
            let rebasing = || {
                matches!(
                    crate::git::operation(Path::new(".")),
                    Ok(Some(
                        crate::git::Operation::Rebase | crate::git::Operation::Am
                    ))
                )
            };
            merge::merge_with(&b, &m, &t, &name, &merge::Local(&rebasing)).map_err(|e| e.0)
        }
        _ => Err("a side is not UTF-8 text".to_string()),
    };
    match merged {
        Ok(merged) => {
            crate::edit::write_atomically(&args.mine, merged.text.as_bytes())?;
            if merged.conflicts > 0 {
                let mut err = super::err_out();
                writeln!(
                    err,
                    "actionplan: {name}: {} changed differently on both sides; \
                     `actionplan check` names them, `actionplan resolve` settles them",
                    super::output::plural(merged.conflicts, "field", "fields")
                )?;
                return Ok(Outcome::PlanHasErrors);
            }
            Ok(Outcome::Success)
        }
        Err(why) => line_merge(args, &name, &why),
    }
}

/// git's own three-way line merge, into %A.
fn line_merge(args: &MergeDriverArgs, name: &str, why: &str) -> Result<Outcome> {
    writeln!(
        super::err_out(),
        "actionplan: {name}: merged line by line ({why})"
    )?;
    let status = std::process::Command::new("git")
        .args([
            "merge-file",
            "-L",
            MARKER_LABEL_MINE,
            "-L",
            "base",
            "-L",
            MARKER_LABEL_THEIRS,
            "--",
        ])
        .args([&args.mine, &args.base, &args.theirs])
        .status()
        .context("failed to run `git merge-file`")?;
    Ok(match status.code() {
        Some(0) => Outcome::Success,
        _ => Outcome::PlanHasErrors,
    })
}

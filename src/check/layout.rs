//! Rules about where things are: file names and folders against refs,
//! sections, duplicates, and the officer list.

use std::collections::{HashMap, HashSet};

use super::Report;
use crate::finding::Check;
use crate::roster::normalise;

pub(super) fn check(report: &mut Report) {
    file_names(report);
    duplicate_refs(report);
    if report.plan.sections_known {
        sections(report);
    }
    duplicate_officers(report);
}

/// The file name is the ref (spaces written `_`), and a dotted ref's
/// folder is its section. A named ref ("R3") may sit in any section's
/// folder, or at the top of a plan.
fn file_names(report: &mut Report) {
    let plan = report.plan;
    for rec in &plan.recommendations {
        let reference = &rec.reference.value;
        let path = plan.relative_path(rec.file);
        let stem = path
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        let folder = rec.section.as_str();
        let section = reference.section().unwrap_or(folder);
        let expected = reference.path_in(section);
        if stem != reference.file_stem() {
            let message = format!("the file is named {stem}.toml but its ref is \"{reference}\"");
            let hint = format!(
                "rename the file to {}, or correct `ref` if the file name is right",
                expected.display()
            );
            report.add(Check::RefMismatch, rec.reference.span, message, hint);
        }
        if folder != section {
            let place = if folder.is_empty() {
                "at the top of the plan folder".to_string()
            } else {
                format!("in folder `{folder}`")
            };
            let message = format!("{reference} belongs to section {section} but is {place}");
            let hint = format!("move the file to {}", expected.display());
            report.add(Check::SectionMismatch, rec.reference.span, message, hint);
        }
    }
}

/// Recommendations are sorted by ref, so a duplicate is next to the first.
fn duplicate_refs(report: &mut Report) {
    let plan = report.plan;
    for pair in plan.recommendations.windows(2) {
        let (first, second) = (&pair[0], &pair[1]);
        // R3 and r3 would be one file on Windows and macOS.
        let same = first
            .reference
            .value
            .as_str()
            .eq_ignore_ascii_case(second.reference.value.as_str());
        if !same {
            continue;
        }
        let reference = &second.reference.value;
        let other = plan.relative_path(first.file).display();
        let message = format!("ref \"{reference}\" is also used by {other}");
        let hint = "each recommendation has its own ref: renumber one of them, or delete the copy";
        report.add(
            Check::DuplicateRef,
            second.reference.span,
            message,
            hint.into(),
        );
    }
}

fn sections(report: &mut Report) {
    let plan = report.plan;
    // Folders holding recommendation files, whether or not they could be read.
    let folders: HashSet<&str> = plan
        .files
        .iter()
        .skip(2)
        .filter_map(|f| f.parent()?.to_str())
        .collect();
    let mut seen: Vec<&str> = Vec::new();
    for section in &plan.sections {
        let number = section.number.value.as_str();
        if seen.contains(&number) {
            let message = format!("section \"{number}\" is listed twice in plan.toml");
            report.add(
                Check::DuplicateSection,
                section.number.span,
                message,
                "delete one of them".into(),
            );
        }
        seen.push(number);
        if !folders.contains(number) {
            let message = format!("section {number} has no recommendation files");
            let hint = format!(
                "add files in folder {number}/ (was the folder renamed?), or remove the section"
            );
            report.add(Check::EmptySection, section.number.span, message, hint);
        }
    }
    for rec in &plan.recommendations {
        let number = rec.reference.value.section().unwrap_or(&rec.section);
        if !number.is_empty() && plan.section(number).is_none() {
            let message = format!(
                "{} is in section {number}, which plan.toml does not list",
                rec.reference.value
            );
            let hint = format!(
                "add a [[sections]] entry with number = \"{number}\" to plan.toml, or correct the ref"
            );
            report.add(Check::UnknownSection, rec.reference.span, message, hint);
        }
    }
}

/// One name, one officer: otherwise a lead could mean either.
fn duplicate_officers(report: &mut Report) {
    let plan = report.plan;
    let mut owner: HashMap<String, usize> = HashMap::new();
    for (index, officer) in plan.officers.iter().enumerate() {
        for name in officer.names() {
            let key = normalise(&name.value);
            match owner.get(&key) {
                Some(&other) if other != index => {
                    let message = format!(
                        "\"{}\" names two officers: {} and {}",
                        name.value, plan.officers[other].id.value, officer.id.value
                    );
                    let hint = "each id, title and alias must belong to one officer: merge them or rename one";
                    report.add(Check::DuplicateOfficer, name.span, message, hint.into());
                }
                Some(_) => {}
                None => {
                    owner.insert(key, index);
                }
            }
        }
    }
}

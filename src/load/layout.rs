//! Which files of a plan are recommendations, and what the others are.

use std::path::{Component, Path, PathBuf};

use crate::finding::{Check, Finding};

/// The recommendation files of a plan, and findings for anything else.
#[derive(Debug, Default)]
pub struct Layout {
    /// Relative to the plan folder, sorted.
    pub recommendations: Vec<PathBuf>,
    /// Whether the plan has a `requests.toml` (it may have none).
    pub requests: bool,
    pub findings: Vec<Finding>,
}

/// What a file is, by where it sits in the plan folder.
#[derive(Debug, PartialEq, Eq)]
pub enum Role {
    /// `plan.toml`, `officers.toml` or `requests.toml`, read on their own.
    Known,
    Recommendation,
    /// A TOML file where no plan file belongs: an error, or data is lost.
    Misplaced,
    /// Not TOML: ignored, with a warning.
    Stray,
    /// Hidden (`.gitignore`, editor swap files): not part of the plan.
    Hidden,
}

/// The files at the top of a plan folder.
const KNOWN: [&str; 3] = ["plan.toml", "officers.toml", REQUESTS];

/// The committee's requests: optional, at the top of the plan folder.
pub const REQUESTS: &str = "requests.toml";

pub fn role(relative: &Path) -> Role {
    let names: Vec<_> = relative
        .components()
        .filter_map(|c| match c {
            Component::Normal(name) => Some(name.to_string_lossy()),
            _ => None,
        })
        .collect();
    if names.iter().any(|n| n.starts_with('.')) {
        return Role::Hidden;
    }
    let toml = relative
        .extension()
        .is_some_and(|e| e.eq_ignore_ascii_case("toml"));
    match (names.len(), toml) {
        (1, _) if KNOWN.contains(&names[0].as_ref()) => Role::Known,
        // A plan need not have sections: a recommendation file may sit at
        // the top ("R3.toml"); `check` says when its ref names a section.
        (1 | 2, true) => Role::Recommendation,
        (3.., _) => Role::Misplaced,
        _ => Role::Stray,
    }
}

impl Layout {
    /// Sorts a listing of files (relative paths) into a layout.
    pub fn of_files<'a>(root: &Path, files: impl IntoIterator<Item = &'a Path>) -> Layout {
        let mut layout = Layout::default();
        for relative in files {
            layout.add(root, relative);
        }
        layout.recommendations.sort();
        layout
    }

    pub fn add(&mut self, root: &Path, relative: &Path) {
        let path = root.join(relative);
        match role(relative) {
            Role::Known if relative == Path::new(REQUESTS) => self.requests = true,
            Role::Known | Role::Hidden => {}
            Role::Recommendation => self.recommendations.push(relative.to_path_buf()),
            Role::Misplaced => self.findings.push(misplaced(&path)),
            Role::Stray => self.findings.push(stray(&path)),
        }
    }
}

/// A file in a folder inside a section folder.
pub fn misplaced(path: &Path) -> Finding {
    Finding::new(
        Check::MisplacedFile,
        path,
        "files in a folder inside a section folder are not read",
    )
    .hint("recommendation files go directly in their section folder, like 2/2.7.toml")
}

/// A symbolic link: never followed, wherever it points, so a link to a
/// file outside the plan cannot show that file's contents.
pub fn symbolic_link(path: &Path, target: &str) -> Finding {
    let shown: String = target.chars().take(200).collect();
    Finding::new(
        Check::SymbolicLink,
        path,
        format!("a symbolic link (to `{shown}`): links in a plan are not read"),
    )
    .hint("put the file or folder itself here in place of the link")
}

/// Another git repository inside the plan folder (a submodule): its files
/// are not the plan's, and are not read.
pub fn submodule(path: &Path) -> Finding {
    Finding::new(
        Check::UnreadableFile,
        path,
        "a git submodule (another repository), not part of the plan: it was not read",
    )
    .hint("move it out of the plan folder (git rm --cached, then move the folder)")
}

fn stray(path: &Path) -> Finding {
    Finding::new(Check::StrayFile, path, "not a plan file; it is ignored")
        .whole_file()
        .hint("move it out of the plan folder (plan files end in .toml)")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_sorted_by_where_they_sit() {
        assert_eq!(role(Path::new("plan.toml")), Role::Known);
        assert_eq!(role(Path::new("requests.toml")), Role::Known);
        assert_eq!(role(Path::new("2/2.7.toml")), Role::Recommendation);
        assert_eq!(role(Path::new("2/2.7.TOML")), Role::Recommendation);
        assert_eq!(role(Path::new("R3.toml")), Role::Recommendation);
        assert_eq!(role(Path::new("2/old/2.7.toml")), Role::Misplaced);
        assert_eq!(role(Path::new("2/notes.docx")), Role::Stray);
        assert_eq!(role(Path::new("README.md")), Role::Stray);
        assert_eq!(role(Path::new(".gitignore")), Role::Hidden);
        assert_eq!(role(Path::new("2/.2.7.toml.swp")), Role::Hidden);
    }
}

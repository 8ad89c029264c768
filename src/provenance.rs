//! Where a paper's plan came from in git, as plain data: read by `git`,
//! said in words by the papers, which need not know git to say it.

use chrono::NaiveDate;

/// Where the plan stands in git, for the heading of a committee paper.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Provenance {
    /// The plan folder is not inside a git repository.
    NotInGit,
    /// In a repository with no commit yet.
    NoCommit,
    Commit {
        hash: String,
        /// The commit's date.
        date: NaiveDate,
        /// The plan folder has changes not in that commit.
        dirty: bool,
    },
}

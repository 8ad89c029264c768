//! A plan held in memory: for tests, and for plans read out of git objects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Layout, Source, missing_file};
use crate::finding::Finding;
use crate::git::EntryKind;

pub struct Memory {
    root: PathBuf,
    /// Each file's bytes, or why they cannot be had.
    files: BTreeMap<PathBuf, Result<Vec<u8>, Box<Finding>>>,
    /// Links and submodules: reported, never read.
    others: Vec<Finding>,
}

impl Memory {
    /// `files` are (path relative to the plan folder, contents).
    pub fn new(
        root: impl Into<PathBuf>,
        files: impl IntoIterator<Item = (PathBuf, Vec<u8>)>,
    ) -> Memory {
        Memory {
            root: root.into(),
            files: files.into_iter().map(|(p, b)| (p, Ok(b))).collect(),
            others: Vec::new(),
        }
    }

    /// A plan as git holds it, links and submodules named, never read.
    pub fn from_git(root: impl Into<PathBuf>, entries: Vec<crate::git::Entry>) -> Memory {
        let mut memory = Memory::new(root, []);
        for entry in entries {
            let path = memory.root.join(&entry.path);
            let hidden = super::role(&entry.path) == super::Role::Hidden;
            match entry.kind {
                EntryKind::File => {
                    memory.files.insert(entry.path, Ok(entry.bytes));
                }
                _ if hidden => {}
                EntryKind::Link => {
                    let target = String::from_utf8_lossy(&entry.bytes);
                    memory
                        .others
                        .push(super::layout::symbolic_link(&path, &target));
                }
                EntryKind::Submodule => memory.others.push(super::layout::submodule(&path)),
            }
        }
        memory
    }

    /// Adds files read from the working tree (`folder`), as the loader
    /// reads them: never through a link, regular files only.
    pub fn with_working_files(mut self, folder: &super::Folder, paths: Vec<PathBuf>) -> Memory {
        for path in paths {
            let read = folder.read_anywhere(&path);
            self.files.insert(path, read);
        }
        self
    }
}

impl Source for Memory {
    fn root(&self) -> &Path {
        &self.root
    }

    fn layout(&self) -> Result<Layout> {
        let mut layout = Layout::of_files(&self.root, self.files.keys().map(PathBuf::as_path));
        layout.findings.extend(self.others.iter().cloned());
        Ok(layout)
    }

    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        self.files
            .get(relative)
            .cloned()
            .unwrap_or_else(|| Err(missing_file(&self.root.join(relative))))
    }
}

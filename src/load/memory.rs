//! A plan held in memory: for tests, and for plans read out of git objects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Layout, Source, missing_file};
use crate::finding::Finding;

pub struct Memory {
    root: PathBuf,
    files: BTreeMap<PathBuf, Vec<u8>>,
    /// Symbolic links and where they point: reported, never read.
    links: Vec<(PathBuf, String)>,
}

impl Memory {
    /// `files` are (path relative to the plan folder, contents).
    pub fn new(
        root: impl Into<PathBuf>,
        files: impl IntoIterator<Item = (PathBuf, Vec<u8>)>,
    ) -> Memory {
        Memory {
            root: root.into(),
            files: files.into_iter().collect(),
            links: Vec::new(),
        }
    }

    /// A plan as git holds it, links and all.
    pub fn from_git(root: impl Into<PathBuf>, entries: Vec<crate::git::Entry>) -> Memory {
        let (links, files): (Vec<_>, Vec<_>) = entries.into_iter().partition(|e| e.link);
        let mut memory = Memory::new(root, files.into_iter().map(|e| (e.path, e.bytes)));
        memory.links = links
            .into_iter()
            .map(|e| (e.path, String::from_utf8_lossy(&e.bytes).into_owned()))
            .collect();
        memory
    }
}

impl Source for Memory {
    fn root(&self) -> &Path {
        &self.root
    }

    fn layout(&self) -> Result<Layout> {
        let mut layout = Layout::of_files(&self.root, self.files.keys().map(PathBuf::as_path));
        for (path, target) in &self.links {
            if super::role(path) != super::Role::Hidden {
                let finding = super::layout::symbolic_link(&self.root.join(path), target);
                layout.findings.push(finding);
            }
        }
        Ok(layout)
    }

    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        self.files
            .get(relative)
            .cloned()
            .ok_or_else(|| missing_file(&self.root.join(relative)))
    }
}

//! A plan held in memory: for tests, and for plans read out of git objects.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Layout, Source, missing_file};
use crate::finding::Finding;

pub struct Memory {
    root: PathBuf,
    files: BTreeMap<PathBuf, Vec<u8>>,
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
        }
    }
}

impl Source for Memory {
    fn root(&self) -> &Path {
        &self.root
    }

    fn layout(&self) -> Result<Layout> {
        Ok(Layout::of_files(
            &self.root,
            self.files.keys().map(PathBuf::as_path),
        ))
    }

    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        self.files
            .get(relative)
            .cloned()
            .ok_or_else(|| missing_file(&self.root.join(relative)))
    }
}

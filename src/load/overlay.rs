//! The working tree with one file replaced: a plan as it would be after an
//! edit, checked before the edit is written.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Folder, Layout, Source};
use crate::finding::Finding;

pub struct Overlay {
    base: Folder,
    files: Vec<(PathBuf, Vec<u8>)>,
}

impl Overlay {
    /// The plan at `root`, with the file at `relative` holding `bytes`
    /// (whether or not it exists yet).
    pub fn new(root: &Path, relative: &Path, bytes: Vec<u8>) -> Overlay {
        Overlay::many(root, vec![(relative.to_path_buf(), bytes)])
    }

    /// The plan at `root`, with each of `files` holding its bytes.
    pub fn many(root: &Path, files: Vec<(PathBuf, Vec<u8>)>) -> Overlay {
        Overlay {
            base: Folder::new(root),
            files,
        }
    }
}

impl Source for Overlay {
    fn root(&self) -> &Path {
        self.base.root()
    }

    fn layout(&self) -> Result<Layout> {
        let mut layout = self.base.layout()?;
        for (relative, _) in &self.files {
            if !layout.recommendations.contains(relative) {
                layout.add(self.base.root(), relative);
            }
        }
        layout.recommendations.sort();
        Ok(layout)
    }

    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        match self.files.iter().find(|(path, _)| path == relative) {
            Some((_, bytes)) => Ok(bytes.clone()),
            None => self.base.read(relative),
        }
    }
}

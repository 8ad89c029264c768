//! The working tree with one file replaced: a plan as it would be after an
//! edit, checked before the edit is written.

use std::path::{Path, PathBuf};

use anyhow::Result;

use super::{Folder, Layout, Source};
use crate::finding::Finding;

pub struct Overlay {
    base: Folder,
    relative: PathBuf,
    bytes: Vec<u8>,
}

impl Overlay {
    /// The plan at `root`, with the file at `relative` holding `bytes`
    /// (whether or not it exists yet).
    pub fn new(root: &Path, relative: &Path, bytes: Vec<u8>) -> Overlay {
        Overlay {
            base: Folder::new(root),
            relative: relative.to_path_buf(),
            bytes,
        }
    }
}

impl Source for Overlay {
    fn root(&self) -> &Path {
        self.base.root()
    }

    fn layout(&self) -> Result<Layout> {
        let mut layout = self.base.layout()?;
        if !layout.recommendations.contains(&self.relative) {
            layout.add(self.base.root(), &self.relative);
            layout.recommendations.sort();
        }
        Ok(layout)
    }

    fn read(&self, relative: &Path) -> Result<Vec<u8>, Box<Finding>> {
        if relative == self.relative {
            Ok(self.bytes.clone())
        } else {
            self.base.read(relative)
        }
    }
}

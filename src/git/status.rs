//! What `git status` says about the plan folder.

/// Whether a `git status --porcelain -z` listing of the plan folder holds
/// a change to the plan. Paths in it start at the top of the work tree;
/// `prefix` is the plan folder's place there (`plan/`, or empty). Hidden
/// files (a name starting with a dot: the temporary file an interrupted
/// write leaves, an editor's swap file) are not part of the plan, as the
/// loader reads it, so they are no change to it.
pub fn changes_plan(listing: &[u8], prefix: &str) -> bool {
    let mut entries = listing.split(|b| *b == 0).filter(|e| !e.is_empty());
    while let Some(entry) = entries.next() {
        let entry = String::from_utf8_lossy(entry);
        let (code, path) = (entry.get(..2).unwrap_or(""), entry.get(3..).unwrap_or(""));
        if code.starts_with('R') || code.starts_with('C') {
            entries.next(); // a rename's old path: the new one decides
        }
        let relative = path.strip_prefix(prefix).unwrap_or(path);
        if !relative.split('/').any(|name| name.starts_with('.')) {
            return true;
        }
    }
    false
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_changed_plan_file_is_a_change() {
        assert!(changes_plan(b" M plan/1/1.1.toml\0", "plan/"));
        assert!(changes_plan(b"?? 1/1.9.toml\0", ""));
        assert!(changes_plan(
            b"R  plan/1/1.2.toml\0plan/1/1.1.toml\0",
            "plan/"
        ));
    }

    #[test]
    fn hidden_leftovers_are_not() {
        assert!(!changes_plan(b"", "plan/"));
        assert!(!changes_plan(b"?? plan/1/.1.1.toml.Ab12Cd.tmp\0", "plan/"));
        assert!(!changes_plan(b"?? .hidden/x.toml\0?? plan/.swp\0", ""));
    }
}

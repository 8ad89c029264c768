//! Words for a POSIX shell: a path a message suggests running a command
//! on is quoted, so copying the command runs it on that path and nothing
//! else, whatever the path holds (spaces, quotes, `$(…)`).

/// `text` as one word for a POSIX shell.
pub fn quote(text: &str) -> String {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_./-+:@%,=".contains(c);
    if !text.is_empty() && text.chars().all(plain) {
        text.to_string()
    } else {
        format!("'{}'", text.replace('\'', "'\\''"))
    }
}

/// A path as one shell word.
pub fn quote_path(path: &std::path::Path) -> String {
    quote(&path.to_string_lossy())
}

#[cfg(test)]
mod tests {
    use super::quote;

    #[test]
    fn paths_are_quoted_for_the_shell_only_when_they_need_it() {
        assert_eq!(quote("plan/1/1.1.toml"), "plan/1/1.1.toml");
        assert_eq!(quote("my plan/1/1.1.toml"), "'my plan/1/1.1.toml'");
        assert_eq!(quote("it's/1.1.toml"), "'it'\\''s/1.1.toml'");
        assert_eq!(quote("$(rm -rf ~)"), "'$(rm -rf ~)'");
        assert_eq!(quote(""), "''");
    }
}

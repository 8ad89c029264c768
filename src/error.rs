//! Errors the user can fix by asking differently (exit code 2), as opposed
//! to failures of the machine (exit code 3).

use std::fmt;

/// The command line asked for something that cannot be: an unknown officer,
/// a plan folder that does not exist, a malformed date.
#[derive(Debug)]
pub struct UsageError {
    pub message: String,
    pub hint: Option<String>,
}

impl UsageError {
    pub fn new(message: impl Into<String>) -> UsageError {
        UsageError {
            message: message.into(),
            hint: None,
        }
    }

    pub fn with_hint(message: impl Into<String>, hint: impl Into<String>) -> UsageError {
        UsageError {
            message: message.into(),
            hint: Some(hint.into()),
        }
    }
}

impl fmt::Display for UsageError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        if let Some(hint) = &self.hint {
            write!(f, "\n  hint: {hint}")?;
        }
        Ok(())
    }
}

impl std::error::Error for UsageError {}

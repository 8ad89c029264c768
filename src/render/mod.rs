//! Output formats. Renderers write to any `impl Write` and know nothing of
//! files, the clock or the command line.

pub mod csv;
pub mod detail;
pub mod diagnostics;
pub mod json;
pub mod markdown;
pub mod table;
pub mod view;

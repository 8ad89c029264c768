//! Output formats. Renderers write to any `impl Write` and know nothing of
//! files, the clock or the command line.

pub mod diagnostics;

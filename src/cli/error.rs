//! Why a command failed, in words a person can act on.

use std::fmt;
use std::io;
use std::path::PathBuf;

use sorot::formats::text::TextError;
use sorot::suggest::PatternError;

/// A command's failure.
#[derive(Debug)]
pub enum CliError {
    /// An input file does not exist.
    NotFound { path: PathBuf },
    /// An input file exists but could not be read.
    Read { path: PathBuf, source: io::Error },
    /// An input file's extension is not one the command reads.
    UnsupportedFile { path: PathBuf, expected: &'static str },
    /// An input file is not UTF-8: the first bad byte and its line (from 1).
    NotUtf8 { path: PathBuf, byte_idx: usize, line: usize },
    /// An input file is empty, binary or bad UTF-16.
    Text { path: PathBuf, error: TextError },
    /// A JSONL line (from 1) is not a document.
    JsonLine { path: PathBuf, line: usize, message: String },
    /// A patterns file was refused.
    Patterns { path: PathBuf, error: PatternError },
    /// Writing to stdout failed.
    Output(io::Error),
}

impl fmt::Display for CliError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            CliError::NotFound { path } => write!(f, "{}: no such file; check the path", path.display()),
            CliError::Read { path, source } => write!(f, "{}: cannot read the file: {source}", path.display()),
            CliError::UnsupportedFile { path, expected } => {
                write!(f, "{}: cannot tell what the file holds; give {expected}", path.display())
            }
            CliError::NotUtf8 { path, byte_idx, line } => write!(
                f,
                "{}: not UTF-8 text: the first bad byte is at byte {byte_idx} (line {line}); save the file as UTF-8",
                path.display()
            ),
            CliError::Text { path, error } => write!(f, "{}: {error}", path.display()),
            CliError::JsonLine { path, line, message } => write!(f, "{}: line {line}: {message}", path.display()),
            CliError::Patterns { path, error } => write!(f, "{}: {error}", path.display()),
            CliError::Output(source) => write!(f, "cannot write the output: {source}"),
        }
    }
}

impl std::error::Error for CliError {}

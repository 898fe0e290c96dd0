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
    /// An input file is larger than Sorot reads at once (JSON Lines is streamed instead).
    TooLarge { path: PathBuf, bytes: u64, limit: usize },
    /// No reader could make anything of an input: the reader's own message.
    Unreadable { message: String },
    /// The inputs had problems, printed above; the output leaves out what they name.
    InputProblems { count: usize },
    /// `sorot validate` found problems in some files.
    Invalid { problems: usize, files: usize, of: usize },
    /// An output file could not be written.
    Write { path: PathBuf, source: io::Error },
    /// The output would overwrite the input.
    SameFile { path: PathBuf },
    /// Agreement needs at least two annotators.
    TooFewAnnotators { found: usize },
    /// No text was annotated by two annotators.
    NothingShared,
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
            CliError::TooLarge { path, bytes, limit } => write!(
                f,
                "{}: the file is {} MiB, more than the {} MiB Sorot reads at once; split it, or convert it to JSON Lines (.jsonl), which is read line by line",
                path.display(),
                bytes.div_ceil(1 << 20),
                limit >> 20
            ),
            CliError::Unreadable { message } => f.write_str(message),
            CliError::InputProblems { count } => write!(
                f,
                "{count} problem{} in the input (listed above): what they name was left out; `sorot validate` explains each",
                plural(*count)
            ),
            CliError::Invalid { problems, files, of } => {
                write!(f, "{problems} problem{} in {files} of {of} file{}; fix them and validate again", plural(*problems), plural(*of))
            }
            CliError::Write { path, source } => write!(f, "{}: cannot write the file: {source}", path.display()),
            CliError::SameFile { path } => {
                write!(f, "{}: the output would overwrite the input; give another output path", path.display())
            }
            CliError::TooFewAnnotators { found } => write!(
                f,
                "agreement needs two or more annotators, found {found}: give one file per annotator, \
                 or one file whose documents carry different \"annotator\" names (e.g. from `sorot merge`)"
            ),
            CliError::NothingShared => write!(
                f,
                "no text was annotated by two annotators: documents are matched by their exact text \
                 (text_sha256), so check that the files annotate the same texts, unchanged"
            ),
        }
    }
}

impl std::error::Error for CliError {}

/// `"s"` unless there is exactly one.
pub fn plural(count: usize) -> &'static str {
    if count == 1 {
        ""
    } else {
        "s"
    }
}

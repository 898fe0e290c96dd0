//! What an import found wrong, in words a person can act on.
//!
//! An importer keeps every good span and lists each bad one as a
//! [`Problem`]; it fails with a [`FormatError`] only when nothing usable
//! could be read. Offsets in problems are code point offsets, like spans.

use std::fmt;

/// The problems one import found; the spans they name were skipped, except
/// [`ProblemKind::UnknownLabel`] spans, which are kept so the schema can
/// grow to hold them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub problems: Vec<Problem>,
}

/// One problem, located as closely as the file allows.
///
/// ```text
/// berita.jsonl line 3 (doc "a7"): span 40..38 is reversed
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct Problem {
    /// The file's name as given to the importer.
    pub file: String,
    /// The document's id, once it is known.
    pub document: Option<String>,
    /// The 1-based line of the file, for line-based formats and JSON syntax errors.
    pub line: Option<usize>,
    pub kind: ProblemKind,
}

/// What is wrong.
#[derive(Clone, Debug, PartialEq)]
pub enum ProblemKind {
    /// Not JSON: the fault is at 1-based `line` and `column` (in characters).
    MalformedJson { line: usize, column: usize, message: String },
    /// Well-formed, but not what this format holds here.
    WrongShape { expected: String },
    /// A Sorot file written by a newer Sorot than this one.
    FutureVersion { found: u64 },
    /// A span whose start is not before its end.
    Reversed { start: usize, end: usize },
    /// A span ending past the end of its document's text of `len` characters.
    OutOfRange { end: usize, len: usize },
    /// The file's span text (`found`) is not the document's text at the span's offsets (`expected`).
    TextMismatch { expected: String, found: String },
    /// A document id already used in the file; this document was renamed.
    DuplicateId { id: String, renamed: String },
    /// The same range with the same label again; the repeat was skipped.
    DuplicateSpan { start: usize, end: usize, label: String },
    /// A label the schema lacks; its spans were kept. Reported once per label.
    UnknownLabel { label: String },
    /// A brat span of several ranges (`0 5;8 12`), which Sorot cannot hold.
    DiscontinuousSpan,
    /// The bytes are not UTF-8; `byte_idx` is the first bad byte.
    InvalidUtf8 { byte_idx: usize },
    /// The bytes start like UTF-16 but are not valid UTF-16.
    InvalidUtf16,
    /// The bytes hold NUL: a binary file, not text.
    Binary,
    /// There is nothing here: no bytes, no documents, or a document without text.
    Empty,
    /// The file is larger than Sorot reads at once.
    TooLarge { bytes: usize, limit: usize },
    /// The text does not hash to the file's `text_sha256`: it changed after export.
    ChecksumMismatch { stated: String, actual: String },
    /// Something the format allows but Sorot does not read, e.g. a brat relation.
    Unsupported { what: String },
}

/// Why nothing could be imported from a file.
#[derive(Clone, Debug, PartialEq)]
pub struct FormatError(pub Problem);

impl ImportReport {
    /// Whether the import found nothing to report.
    pub fn is_clean(&self) -> bool {
        self.problems.is_empty()
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.file)?;
        if let Some(line) = self.line {
            write!(f, " line {line}")?;
        }
        if let Some(id) = &self.document {
            write!(f, " (doc {id:?})")?;
        }
        write!(f, ": {}", self.kind)
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::MalformedJson { column, message, .. } => {
                write!(f, "not valid JSON at column {column}: {message}")
            }
            ProblemKind::WrongShape { expected } => write!(f, "expected {expected}"),
            ProblemKind::FutureVersion { found } => write!(
                f,
                "written by a newer Sorot (file format version {found}; this Sorot reads version 1): update Sorot to open it"
            ),
            ProblemKind::Reversed { start, end } if start == end => write!(f, "span {start}..{end} is empty"),
            ProblemKind::Reversed { start, end } => write!(f, "span {start}..{end} is reversed"),
            ProblemKind::OutOfRange { end, len } => {
                write!(f, "span ends at {end}, past the end of the text ({len} characters)")
            }
            ProblemKind::TextMismatch { expected, found } => write!(
                f,
                "the span's text {found:?} is not the document's text at its offsets, {expected:?}; \
                 the file may count offsets in UTF-16 units or bytes instead of characters"
            ),
            ProblemKind::DuplicateId { id, renamed } => {
                write!(f, "document id {id:?} is used twice; this document was renamed {renamed:?}")
            }
            ProblemKind::DuplicateSpan { start, end, label } => {
                write!(f, "span {start}..{end} is tagged {label} twice; the repeat was skipped")
            }
            ProblemKind::UnknownLabel { label } => write!(
                f,
                "label {label:?} is not in the schema; its spans were kept: add the label or relabel them"
            ),
            ProblemKind::DiscontinuousSpan => {
                write!(f, "a span of several ranges (\"0 5;8 12\") cannot be held; tag each part on its own")
            }
            ProblemKind::InvalidUtf8 { byte_idx } => write!(
                f,
                "not UTF-8 text (first bad byte at position {byte_idx}); save it as UTF-8 and open it again"
            ),
            ProblemKind::InvalidUtf16 => write!(f, "starts like UTF-16 text but is not valid UTF-16"),
            ProblemKind::Binary => write!(f, "holds binary data (NUL bytes), not text"),
            ProblemKind::Empty => write!(f, "there is nothing here to read"),
            ProblemKind::TooLarge { bytes, limit } => write!(
                f,
                "the file is {} MiB, more than the {} MiB Sorot reads at once; split it into smaller files",
                bytes.div_ceil(1 << 20),
                limit >> 20
            ),
            ProblemKind::ChecksumMismatch { stated, actual } => write!(
                f,
                "the text does not match its text_sha256 ({stated}, but it hashes to {actual}): \
                 it was changed after export, so check its spans"
            ),
            ProblemKind::Unsupported { what } => write!(f, "{what} cannot be read by Sorot and was skipped"),
        }
    }
}

impl fmt::Display for FormatError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        self.0.fmt(f)
    }
}

impl std::error::Error for FormatError {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_problem_names_file_line_and_document() {
        let problem = Problem {
            file: "berita.jsonl".into(),
            document: Some("a7".into()),
            line: Some(3),
            kind: ProblemKind::Reversed { start: 40, end: 38 },
        };
        assert_eq!(problem.to_string(), "berita.jsonl line 3 (doc \"a7\"): span 40..38 is reversed");
        let file_level = Problem { document: None, line: None, kind: ProblemKind::Empty, ..problem };
        assert_eq!(file_level.to_string(), "berita.jsonl: there is nothing here to read");
    }
}

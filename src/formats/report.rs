//! What an import found wrong, in words a person can act on.
//!
//! An importer keeps every good span and lists each bad one as a
//! [`Problem`]; it fails with a [`FormatError`] only when nothing usable
//! could be read. Offsets in problems are code point offsets, like spans.

use std::fmt;

use crate::model::offsets::OffsetUnit;

/// The problems one import found; the spans they name were skipped, except
/// [`ProblemKind::UnknownLabel`] spans, which are kept so the schema can
/// grow to hold them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ImportReport {
    pub problems: Vec<Problem>,
    /// The unit a file's offsets were read in, for formats whose unit the
    /// reader chooses (doccano), when it changed where some span lands.
    pub offsets: Option<OffsetReading>,
}

/// Which unit offsets were counted in, and where that mattered.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OffsetReading {
    pub unit: OffsetUnit,
    /// Documents with spans whose text counts differently in some unit and
    /// in code points (an emoji, a flag, CRLF in grapheme clusters).
    pub documents: usize,
    /// How the spans of those documents fit each unit, in [`OffsetUnit::ALL`] order.
    pub fits: [UnitFit; 3],
}

impl OffsetReading {
    /// Adds another part of the same file's reading (JSON Lines read a line at a time).
    pub fn merge(&mut self, other: &OffsetReading) {
        self.documents += other.documents;
        for (fit, more) in self.fits.iter_mut().zip(&other.fits) {
            fit.spans += more.spans;
            fit.possible += more.possible;
            fit.on_words += more.on_words;
        }
    }

    /// The problem to report when the spans fit another unit better than
    /// the one read: every span is possible in it, and either some are
    /// impossible in the unit read, or at least four in five fall on word
    /// edges in it and fewer in the unit read. (Spans drawn by a person
    /// nearly all fall on word edges; offsets read in the wrong unit land
    /// inside words.)
    pub fn likely(&self) -> Option<ProblemKind> {
        let fit_of = |unit: OffsetUnit| OffsetUnit::ALL.iter().position(|&u| u == unit).map(|i| self.fits[i]).unwrap_or_default();
        let assumed_fit = fit_of(self.unit);
        let (likely, likely_fit) = OffsetUnit::ALL
            .into_iter()
            .filter(|&unit| unit != self.unit)
            .map(|unit| (unit, fit_of(unit)))
            .filter(|(_, fit)| fit.spans > 0 && fit.possible == fit.spans)
            // The most spans on word edges; of equals, the first in `ALL`.
            .rev()
            .max_by_key(|(_, fit)| fit.on_words)?;
        let impossible = assumed_fit.possible < assumed_fit.spans;
        let on_words = likely_fit.on_words * 5 >= likely_fit.spans * 4 && likely_fit.on_words > assumed_fit.on_words;
        ((impossible && likely_fit.on_words >= assumed_fit.on_words) || on_words).then_some(ProblemKind::LikelyOffsetUnit {
            assumed: self.unit,
            assumed_fit,
            likely,
            likely_fit,
        })
    }
}

/// How well a file's spans fit one unit: of `spans`, how many are possible
/// in it, and how many of those start and end on word edges.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct UnitFit {
    pub spans: usize,
    pub possible: usize,
    pub on_words: usize,
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
    /// A span ending past the end of its document's text, `len` long in `unit`.
    OutOfRange { end: usize, len: usize, unit: OffsetUnit },
    /// A span offset inside one character when counted in `unit`: between
    /// the halves of a surrogate pair, or inside a grapheme cluster.
    InsideCharacter { offset: usize, unit: OffsetUnit },
    /// The spans were read in `assumed` but fit `likely` better (all of them
    /// possible, more of them on word edges): the file likely counts in `likely`.
    LikelyOffsetUnit { assumed: OffsetUnit, assumed_fit: UnitFit, likely: OffsetUnit, likely_fit: UnitFit },
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

    /// The problems counted by kind, most frequent first, in a line a
    /// person can read at a glance: "227 × an attribute, 3 × span past
    /// the end of the text".
    pub fn tally(&self) -> String {
        let mut counts: Vec<(String, usize)> = Vec::new();
        for problem in &self.problems {
            let kind = problem.kind.kind_name();
            match counts.iter_mut().find(|(k, _)| *k == kind) {
                Some((_, n)) => *n += 1,
                None => counts.push((kind, 1)),
            }
        }
        crate::sort::sort_by_key(&mut counts, |&(_, n)| std::cmp::Reverse(n));
        counts.iter().map(|(kind, n)| format!("{n} \u{d7} {kind}")).collect::<Vec<_>>().join(", ")
    }

    /// The unit the file's offsets more likely count in than the one read,
    /// when the reader found one.
    pub fn likely_unit(&self) -> Option<OffsetUnit> {
        self.problems.iter().find_map(|p| match p.kind {
            ProblemKind::LikelyOffsetUnit { likely, .. } => Some(likely),
            _ => None,
        })
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

impl ProblemKind {
    /// What kind of problem this is, the same for every problem of its
    /// kind, for counting: "span past the end of the text".
    pub fn kind_name(&self) -> String {
        match self {
            ProblemKind::MalformedJson { .. } => "line that is not JSON".to_owned(),
            ProblemKind::WrongShape { expected } => format!("entry not {expected}"),
            ProblemKind::FutureVersion { .. } => "file from a newer Sorot".to_owned(),
            ProblemKind::Reversed { .. } => "reversed or empty span".to_owned(),
            ProblemKind::OutOfRange { .. } => "span past the end of the text".to_owned(),
            ProblemKind::InsideCharacter { .. } => "span edge inside a character".to_owned(),
            ProblemKind::LikelyOffsetUnit { .. } => "doubt about the offset unit".to_owned(),
            ProblemKind::TextMismatch { .. } => "span text that does not match".to_owned(),
            ProblemKind::DuplicateId { .. } => "renamed duplicate id".to_owned(),
            ProblemKind::DuplicateSpan { .. } => "repeated span".to_owned(),
            ProblemKind::UnknownLabel { .. } => "label not in the schema".to_owned(),
            ProblemKind::DiscontinuousSpan => "discontinuous span".to_owned(),
            // "a relation (R4)": the kind without the id.
            ProblemKind::Unsupported { what } => what.split(" (").next().unwrap_or(what).to_owned(),
            other => other.to_string(),
        }
    }
}

impl fmt::Display for ProblemKind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            ProblemKind::MalformedJson { column, message, .. } => {
                write!(f, "not valid JSON at column {column}: {message}")
            }
            ProblemKind::WrongShape { expected } => write!(f, "expected {expected}"),
            ProblemKind::FutureVersion { found } => {
                write!(f, "written by a newer Sorot (file format version {found}; this Sorot reads version 1): update Sorot to open it")
            }
            ProblemKind::Reversed { start, end } if start == end => write!(f, "span {start}..{end} is empty"),
            ProblemKind::Reversed { start, end } => write!(f, "span {start}..{end} is reversed"),
            ProblemKind::OutOfRange { end, len, unit } => {
                write!(f, "span ends at {end}, past the end of the text ({len} {})", unit.name())
            }
            ProblemKind::InsideCharacter { offset, unit } => {
                write!(f, "span offset {offset} falls inside a character when counted in {}", unit.name())
            }
            ProblemKind::LikelyOffsetUnit { assumed, assumed_fit, likely, likely_fit } => {
                let impossible = assumed_fit.spans - assumed_fit.possible;
                let impossible = if impossible > 0 { format!(" ({impossible} impossible)") } else { String::new() };
                write!(
                    f,
                    "the offsets look like {likely} rather than {assumed}: {} of {} spans fall on word edges counted \
                     in {likely}, {} counted in {assumed}{impossible}",
                    likely_fit.on_words,
                    likely_fit.spans,
                    assumed_fit.on_words,
                    likely = likely.name(),
                    assumed = assumed.name(),
                )
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
            ProblemKind::UnknownLabel { label } => {
                write!(f, "label {label:?} is not in the schema; its spans were kept: add the label or relabel them")
            }
            ProblemKind::DiscontinuousSpan => {
                write!(f, "a span of several ranges (\"0 5;8 12\") cannot be held; tag each part on its own")
            }
            ProblemKind::InvalidUtf8 { byte_idx } => {
                write!(f, "not UTF-8 text (first bad byte at position {byte_idx}); save it as UTF-8 and open it again")
            }
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

impl fmt::Display for OffsetReading {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let documents = match self.documents {
            1 => "1 document holds".to_owned(),
            n => format!("{n} documents hold"),
        };
        write!(f, "offsets read as {} ({documents} characters that count differently in code points)", self.unit.name())
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
    fn many_problems_are_counted_by_kind_most_first() {
        let problem = |kind| Problem { file: "wn071.ann".into(), document: None, line: None, kind };
        let mut problems = vec![problem(ProblemKind::Unsupported { what: "a relation (R1)".into() })];
        problems.extend((1..=3).map(|n| problem(ProblemKind::Unsupported { what: format!("an attribute (A{n})") })));
        problems.push(problem(ProblemKind::Reversed { start: 4, end: 2 }));
        let report = ImportReport { problems, offsets: None };
        assert_eq!(report.tally(), "3 \u{d7} an attribute, 1 \u{d7} a relation, 1 \u{d7} reversed or empty span");
    }

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

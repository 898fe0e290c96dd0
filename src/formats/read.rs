//! What every importer shares: bytes to text, JSON syntax errors located by
//! line and column, and the checks brat makes on each span before its
//! document joins the corpus (nlplab/brat `server/src/annotation.py`):
//! start < end, end ≤ the text's length in code points, a known label, and
//! the stored span text equal to the document's slice.

use std::borrow::Cow;
use std::collections::hash_map::RandomState;
use std::collections::HashSet;
use std::hash::BuildHasher;

use serde_json::Value;

use super::corpus::{default_title, CharSlicer, Corpus, CorpusDocument, CorpusSpan, DocumentMeta, Stamps, Status};
use super::report::{FormatError, ImportReport, OffsetReading, Problem, ProblemKind, UnitFit};
use super::text::{self, TextError};
use crate::ids::IdAllocator;
use crate::limits::MAX_FILE_BYTES;
use crate::model::offsets::{OffsetUnit, UnitError, UnitMap};
use crate::sort::sort_by;

/// Decodes a file's bytes as text: UTF-8, a byte order mark dropped, UTF-16
/// with a byte order mark decoded.
pub(crate) fn decode<'a>(file: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, FormatError> {
    if bytes.len() > MAX_FILE_BYTES {
        return Err(fatal(file, ProblemKind::TooLarge { bytes: bytes.len(), limit: MAX_FILE_BYTES }));
    }
    text::decode(bytes).map_err(|error| {
        fatal(
            file,
            match error {
                TextError::Empty => ProblemKind::Empty,
                TextError::InvalidUtf8 { byte_idx } => ProblemKind::InvalidUtf8 { byte_idx },
                TextError::InvalidUtf16 => ProblemKind::InvalidUtf16,
                TextError::Binary => ProblemKind::Binary,
            },
        )
    })
}

/// Parses a whole file as one JSON value.
pub(crate) fn parse_json(file: &str, text: &str) -> Result<Value, FormatError> {
    if text.trim().is_empty() {
        return Err(fatal(file, ProblemKind::Empty));
    }
    serde_json::from_str(text).map_err(|error| {
        let kind = malformed(text, 1, &error);
        FormatError(Problem { file: file.to_owned(), document: None, line: Some(error.line()), kind })
    })
}

/// The non-blank lines of a JSON Lines text, each with its 1-based line
/// number and its value or syntax error.
pub(crate) fn json_lines(text: &str) -> impl Iterator<Item = (usize, Result<Value, ProblemKind>)> + '_ {
    text.split('\n')
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| (i + 1, serde_json::from_str(line).map_err(|error| malformed(line, i + 1, &error))))
}

/// A JSON syntax error in `source`, which starts on file line `first_line`;
/// the column is counted in characters.
pub(crate) fn malformed(source: &str, first_line: usize, error: &serde_json::Error) -> ProblemKind {
    let line_text = source.split('\n').nth(error.line().saturating_sub(1)).unwrap_or_default();
    // serde_json counts the column in bytes, up to and including the fault.
    let column = line_text.char_indices().take_while(|&(byte_idx, _)| byte_idx < error.column()).count();
    let position = format!(" at line {} column {}", error.line(), error.column());
    let message = error.to_string();
    let message = message.strip_suffix(&position).unwrap_or(&message).to_owned();
    ProblemKind::MalformedJson { line: first_line + error.line().saturating_sub(1), column, message }
}

/// A problem that stops the whole file from being read.
pub(crate) fn fatal(file: &str, kind: ProblemKind) -> FormatError {
    FormatError(Problem { file: file.to_owned(), document: None, line: None, kind })
}

/// A whole number of code points; `None` for negatives, fractions and
/// anything not a number. Numbers past `usize` saturate, so they are
/// reported as out of range rather than wrapped.
pub(crate) fn offset(value: Option<&Value>) -> Option<usize> {
    value?.as_u64().map(|n| usize::try_from(n).unwrap_or(usize::MAX))
}

/// A string field, if present and a string.
pub(crate) fn string(value: Option<&Value>) -> Option<String> {
    value?.as_str().map(str::to_owned)
}

/// A span as a file states it, before the checks.
#[derive(Debug)]
pub(crate) struct RawSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// The span's text as the file stores it, to check against the slice.
    pub text: Option<String>,
    pub value: Option<Value>,
    /// When the span was created and last changed, as the file says.
    pub stamps: Option<Stamps>,
    /// The file line the span was read from, when that is finer than the document's.
    pub line: Option<usize>,
}

/// A document as a file states it, before the checks; `None` fields get
/// the defaults the corpus documents.
#[derive(Debug, Default)]
pub(crate) struct RawDocument {
    pub id: Option<String>,
    pub title: Option<String>,
    pub text: String,
    pub meta: DocumentMeta,
    pub status: Option<Status>,
    pub annotator: Option<String>,
    pub spans: Vec<RawSpan>,
    /// The file line the document starts on, for line-based formats.
    pub line: Option<usize>,
    /// The unit the spans' offsets count in, for a format whose unit the
    /// reader chooses (doccano); `None`: code points, the format's own unit.
    pub unit: Option<OffsetUnit>,
    /// Shape problems found while reading the document, with their lines.
    pub problems: Vec<(Option<usize>, ProblemKind)>,
}

impl RawDocument {
    /// A document with this text, read from `line`.
    pub fn new(text: String, line: Option<usize>) -> Self {
        RawDocument { text, line, ..RawDocument::default() }
    }

    /// Notes that something in the document is not the shape expected.
    pub fn shape(&mut self, line: Option<usize>, expected: &str) {
        self.problems.push((line.or(self.line), ProblemKind::WrongShape { expected: expected.to_owned() }));
    }

    /// Takes the id a file gives: a non-empty string or a whole number.
    /// Anything else is reported, and the document gets a generated id.
    pub fn set_id(&mut self, value: Option<&Value>) {
        self.id = match value {
            None | Some(Value::Null) => None,
            Some(Value::String(s)) if !s.is_empty() => Some(s.clone()),
            Some(Value::Number(n)) if n.is_u64() || n.is_i64() => Some(n.to_string()),
            Some(_) => {
                self.shape(None, "an \"id\" that is a non-empty string or a whole number");
                None
            }
        };
    }

    /// Takes `status` and `annotator` strings, reporting a status that is
    /// none of the four.
    pub fn set_status_and_annotator(&mut self, status: Option<&Value>, annotator: Option<&Value>) {
        if let Some(value) = status.filter(|v| !v.is_null()) {
            self.status = value.as_str().and_then(Status::parse);
            if self.status.is_none() {
                self.shape(None, "a \"status\" of \"todo\", \"in progress\", \"done\" or \"skipped\"");
            }
        }
        self.annotator = string(annotator);
    }

    /// Adds a span from the JSON values a file gives for it, or reports
    /// what is wrong with them.
    pub fn push_json_span(
        &mut self,
        start: Option<&Value>,
        end: Option<&Value>,
        label: Option<&Value>,
        text: Option<&Value>,
        value: Option<&Value>,
    ) {
        let label = label.and_then(Value::as_str).filter(|l| !l.is_empty());
        match (offset(start), offset(end), label) {
            (Some(start), Some(end), Some(label)) => self.spans.push(RawSpan {
                start,
                end,
                label: label.to_owned(),
                text: string(text),
                value: value.filter(|v| !v.is_null()).cloned(),
                stamps: None,
                line: None,
            }),
            _ => self.shape(None, "a span with whole-number start and end offsets and a label name"),
        }
    }

    /// Gives the span just added the times a file states for it.
    pub fn stamp_last_span(&mut self, created: Option<&Value>, updated: Option<&Value>) {
        if let (Some(span), Some(created), Some(updated)) = (self.spans.last_mut(), string(created), string(updated)) {
            span.stamps = Some(Stamps { created, updated });
        }
    }
}

/// Collects the documents and problems of one import, checking each span.
pub(crate) struct Reader<'a> {
    /// The file problems are reported against; brat changes it per document.
    pub file: String,
    stem: String,
    known: &'a [String],
    declared: Option<Vec<String>>,
    /// How the file writes a span's text: brat's one-line form, say.
    span_text: fn(&str) -> Cow<'_, str>,
    documents: Vec<CorpusDocument>,
    /// Documents read so far, including those taken.
    documents_read: usize,
    /// The ids given so far, as 128-bit hashes: a stream of documents taken
    /// as they are read keeps some 50 bytes a document.
    ids: IdAllocator<u128>,
    id_hashes: (RandomState, RandomState),
    unknown: HashSet<String>,
    problems: Vec<Problem>,
    /// The unit spans were read in, where it mattered, and how they fit.
    offsets: Option<OffsetReading>,
}

impl<'a> Reader<'a> {
    /// A reader for the file `file`, whose schema has the labels `known`.
    pub fn new(file: &str, known: &'a [String]) -> Self {
        let base = file.rsplit(['/', '\\']).next().unwrap_or(file);
        let stem = base.split('.').next().filter(|s| !s.is_empty()).unwrap_or("document").to_owned();
        Reader {
            file: file.to_owned(),
            stem,
            known,
            declared: None,
            span_text: |slice| Cow::Borrowed(slice),
            documents: Vec::new(),
            documents_read: 0,
            ids: IdAllocator::default(),
            id_hashes: (RandomState::new(), RandomState::new()),
            unknown: HashSet::new(),
            problems: Vec::new(),
            offsets: None,
        }
    }

    /// Compares stored span texts with `rule(slice)` instead of the slice.
    pub fn with_span_text(mut self, rule: fn(&str) -> Cow<'_, str>) -> Self {
        self.span_text = rule;
        self
    }

    /// The labels the file declares, in its order.
    pub fn declare_labels(&mut self, labels: Vec<String>) {
        self.declared = Some(labels);
    }

    /// Records a problem found elsewhere, e.g. one file of several unreadable.
    pub fn push_problem(&mut self, problem: Problem) {
        self.problems.push(problem);
    }

    /// Records a problem.
    pub fn problem(&mut self, line: Option<usize>, document: Option<&str>, kind: ProblemKind) {
        self.problems.push(Problem { file: self.file.clone(), document: document.map(str::to_owned), line, kind });
    }

    /// The documents read since the last call.
    pub fn take_documents(&mut self) -> Vec<CorpusDocument> {
        std::mem::take(&mut self.documents)
    }

    /// The problems found since the last call.
    pub fn take_problems(&mut self) -> Vec<Problem> {
        std::mem::take(&mut self.problems)
    }

    /// How many documents have been read, taken or not.
    pub fn documents_read(&self) -> usize {
        self.documents_read
    }

    /// Checks a document and adds it with its good spans.
    pub fn add(&mut self, mut raw: RawDocument) {
        let id = self.unique_id(raw.id, raw.line);
        for (line, kind) in raw.problems {
            self.problem(line, Some(&id), kind);
        }
        if raw.text.is_empty() {
            self.problem(raw.line, Some(&id), ProblemKind::Empty);
            return;
        }
        if let Some(unit) = raw.unit {
            raw.spans = self.spans_in_code_points(&id, &raw.text, unit, raw.spans, raw.line);
        }
        let spans = self.check_spans(&id, &raw.text, raw.spans, raw.line);
        self.documents_read += 1;
        self.documents.push(CorpusDocument {
            title: raw.title.unwrap_or_else(|| default_title(&raw.text)),
            status: raw.status.unwrap_or(Status::unstated(!spans.is_empty())),
            id,
            text: raw.text,
            meta: raw.meta,
            annotator: raw.annotator,
            spans,
        });
    }

    /// The corpus read, or the first problem when no document could be read.
    pub fn finish(self) -> Result<(Corpus, ImportReport), FormatError> {
        if self.documents_read == 0 {
            let first = self.problems.into_iter().next();
            return Err(FormatError(first.unwrap_or(Problem { file: self.file, document: None, line: None, kind: ProblemKind::Empty })));
        }
        let labels = self.declared.unwrap_or_else(|| self.known.to_vec());
        let mut corpus = Corpus { labels, documents: self.documents };
        corpus.labels = corpus.all_labels();
        let mut problems = self.problems;
        if let Some(kind) = self.offsets.as_ref().and_then(OffsetReading::likely) {
            problems.push(Problem { file: self.file, document: None, line: None, kind });
        }
        Ok((corpus, ImportReport { problems, offsets: self.offsets }))
    }

    /// Converts spans counted in `unit` to code points, reporting those
    /// that name no code point position (in `unit`'s terms), and weighs how
    /// the spans would fit each unit where the units differ.
    fn spans_in_code_points(&mut self, id: &str, text: &str, unit: OffsetUnit, raw: Vec<RawSpan>, doc_line: Option<usize>) -> Vec<RawSpan> {
        let reading = self.offsets.get_or_insert(OffsetReading { unit, documents: 0, fits: [UnitFit::default(); 3] });
        if raw.is_empty() {
            return raw;
        }
        weigh_units(reading, text, &raw);
        let map = UnitMap::new(text, unit);
        let mut kept = Vec::with_capacity(raw.len());
        for mut span in raw {
            match (map.to_char(span.start), map.to_char(span.end)) {
                (Ok(start), Ok(end)) => {
                    (span.start, span.end) = (start, end);
                    kept.push(span);
                }
                (_, Err(UnitError::PastEnd { len })) | (Err(UnitError::PastEnd { len }), _) => {
                    self.problem(span.line.or(doc_line), Some(id), ProblemKind::OutOfRange { end: span.end, len, unit });
                }
                (Err(UnitError::Inside), _) => {
                    self.problem(span.line.or(doc_line), Some(id), ProblemKind::InsideCharacter { offset: span.start, unit });
                }
                (_, Err(UnitError::Inside)) => {
                    self.problem(span.line.or(doc_line), Some(id), ProblemKind::InsideCharacter { offset: span.end, unit });
                }
            }
        }
        kept
    }

    /// The file's id if it is new; a generated one if it has none; a
    /// renamed one, reported, if it is taken.
    fn unique_id(&mut self, id: Option<String>, line: Option<usize>) -> String {
        let wanted = id.unwrap_or_else(|| format!("{}-{}", self.stem, self.documents_read + 1));
        let hashes = &self.id_hashes;
        let hash = |id: &str| (u128::from(hashes.0.hash_one(id)) << 64) | u128::from(hashes.1.hash_one(id));
        let (unique, renamed) = self.ids.take(&wanted, hash);
        if renamed {
            self.problem(line, Some(&unique), ProblemKind::DuplicateId { id: wanted, renamed: unique.clone() });
        }
        unique
    }

    /// The spans that pass the checks, sorted, without exact repeats.
    fn check_spans(&mut self, id: &str, text: &str, raw: Vec<RawSpan>, doc_line: Option<usize>) -> Vec<CorpusSpan> {
        if raw.is_empty() {
            return Vec::new();
        }
        let slicer = CharSlicer::new(text);
        let len = slicer.char_len();
        let mut spans: Vec<(CorpusSpan, Option<usize>)> = Vec::with_capacity(raw.len());
        for span in raw {
            let line = span.line.or(doc_line);
            if span.start >= span.end {
                self.problem(line, Some(id), ProblemKind::Reversed { start: span.start, end: span.end });
                continue;
            }
            if span.end > len {
                self.problem(line, Some(id), ProblemKind::OutOfRange { end: span.end, len, unit: OffsetUnit::CodePoint });
                continue;
            }
            if let Some(found) = span.text {
                let expected = (self.span_text)(slicer.slice(span.start, span.end).unwrap_or_default());
                if found != expected {
                    self.problem(line, Some(id), ProblemKind::TextMismatch { expected: expected.into_owned(), found });
                    continue;
                }
            }
            if !self.known.contains(&span.label) && self.unknown.insert(span.label.clone()) {
                self.problem(line, Some(id), ProblemKind::UnknownLabel { label: span.label.clone() });
            }
            spans.push((CorpusSpan { start: span.start, end: span.end, label: span.label, value: span.value, stamps: span.stamps }, line));
        }
        sort_by(&mut spans, |(a, _), (b, _)| (a.start, a.end, &a.label).cmp(&(b.start, b.end, &b.label)));
        let mut kept: Vec<CorpusSpan> = Vec::with_capacity(spans.len());
        for (span, line) in spans {
            match kept.last() {
                Some(last) if (last.start, last.end, &last.label) == (span.start, span.end, &span.label) => {
                    let kind = ProblemKind::DuplicateSpan { start: span.start, end: span.end, label: span.label };
                    self.problem(line, Some(id), kind);
                }
                _ => kept.push(span),
            }
        }
        kept
    }
}

/// Counts how the spans of one document would fit each unit, if the units
/// differ on its text.
fn weigh_units(reading: &mut OffsetReading, text: &str, raw: &[RawSpan]) {
    let maps = OffsetUnit::ALL.map(|unit| UnitMap::new(text, unit));
    if !maps.iter().any(UnitMap::differs_from_code_points) {
        return;
    }
    reading.documents += 1;
    let chars: Vec<char> = text.chars().collect();
    for (map, fit) in maps.iter().zip(&mut reading.fits) {
        for span in raw {
            fit.spans += 1;
            if let (Ok(start), Ok(end)) = (map.to_char(span.start), map.to_char(span.end)) {
                fit.possible += 1;
                fit.on_words += usize::from(start < end && on_word_edges(&chars, start, end));
            }
        }
    }
}

/// Whether `chars[start..end]` starts and ends on word edges: no space at
/// either end, and no letter or digit on both sides of either edge.
fn on_word_edges(chars: &[char], start: usize, end: usize) -> bool {
    let word = |i: usize| chars.get(i).is_some_and(|c| c.is_alphanumeric());
    let edge = |i: usize| i == 0 || !(word(i - 1) && word(i));
    !chars[start].is_whitespace() && !chars[end - 1].is_whitespace() && edge(start) && edge(end)
}

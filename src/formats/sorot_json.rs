//! Sorot's native JSON file, version 1: everything a [`Corpus`] holds.
//!
//! ```json
//! {"format": "sorot", "version": 1, "offset_unit": "codepoint",
//!  "labels": ["ACTOR", ...],
//!  "documents": [{"id", "title", "text", "text_sha256",
//!                 "meta": {"source"?, "date"?, ...any other field},
//!                 "status": "todo" | "in progress" | "done" | "skipped",
//!                 "annotator"?,
//!                 "spans": [{"id", "start", "end", "label", "text", "value"?}]}]}
//! ```
//! `start`/`end` are code point offsets, end exclusive; `text` is always
//! `text[start:end]`; span ids count from 1 in each document, in the
//! document's span order. `text_sha256` is the SHA-256 of the text's UTF-8
//! bytes, in hex.
//!
//! Version 1 grows only by added fields, so every version 1 file reads. A
//! file of a later version is refused ([`ProblemKind::FutureVersion`])
//! rather than half read.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::ops::Range;

use serde::Serialize;
use serde_json::{Map, Value};

use super::corpus::{text_sha256, Corpus, CorpusDocument, DocumentMeta};
use super::json_outline::{Outline, Outliner};
use super::read::{decode, fatal, malformed, parse_json, string, RawDocument, Reader};
use super::report::{FormatError, ImportReport, ProblemKind};
use super::{schema_json, Stepwise};
use crate::model::{AppState, Schema};

/// The version this Sorot writes and the newest it reads.
pub const VERSION: u64 = 1;

/// The whole file.
#[derive(Debug, Serialize)]
pub struct SorotFile<'a> {
    pub format: &'static str,
    pub version: u64,
    pub offset_unit: &'static str,
    pub labels: &'a [String],
    /// The label schema: keys, colours, guidelines (see `schema_json`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub schema: Option<Value>,
    pub documents: Vec<DocumentRecord<'a>>,
}

/// One document with its spans.
#[derive(Debug, Serialize)]
pub struct DocumentRecord<'a> {
    pub id: &'a str,
    pub title: &'a str,
    pub text: &'a str,
    pub text_sha256: String,
    pub meta: BTreeMap<String, Value>,
    pub status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub annotator: Option<&'a str>,
    pub spans: Vec<SpanRecord<'a>>,
}

/// One span, with its text for checking.
#[derive(Debug, Serialize)]
pub struct SpanRecord<'a> {
    pub id: u64,
    pub start: usize,
    pub end: usize,
    pub label: &'a str,
    pub text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<&'a Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub created: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub updated: Option<&'a str>,
}

/// Every open document of the annotator, as pretty-printed JSON.
pub fn export(state: &AppState) -> String {
    export_with_schema(&Corpus::from_state(state), Some(state.schema()))
}

/// A corpus as pretty-printed JSON.
pub fn export_corpus(corpus: &Corpus) -> String {
    export_with_schema(corpus, None)
}

/// A corpus as pretty-printed JSON, carrying the label schema when given.
pub fn export_with_schema(corpus: &Corpus, schema: Option<&crate::model::Schema>) -> String {
    let documents: Vec<String> = corpus.documents.iter().map(document_piece).collect();
    join_pieces(&head(corpus, schema), &documents)
}

/// The file up to its documents: every field but `documents`, which comes
/// last, then `"documents": `. With one [`document_piece`] per document it
/// makes the file ([`join_pieces`]), so a big corpus can be written a few
/// documents at a time.
pub fn head(corpus: &Corpus, schema: Option<&crate::model::Schema>) -> String {
    let file = SorotFile {
        format: "sorot",
        version: VERSION,
        offset_unit: "codepoint",
        labels: &corpus.labels,
        schema: schema.map(super::schema_json::to_value),
        documents: Vec::new(),
    };
    // Strings, numbers and JSON values always serialize.
    let whole = serde_json::to_string_pretty(&file).unwrap_or_default();
    whole.strip_suffix("[]\n}").unwrap_or(&whole).to_owned()
}

/// One document as it stands in the file's `documents` list, indented.
pub fn document_piece(doc: &CorpusDocument) -> String {
    let record = DocumentRecord {
        id: &doc.id,
        title: &doc.title,
        text: &doc.text,
        text_sha256: text_sha256(&doc.text),
        meta: doc.meta.to_json(),
        status: doc.status.as_str(),
        annotator: doc.annotator.as_deref(),
        spans: (1..)
            .zip(doc.spans.iter().zip(doc.span_texts()))
            .map(|(id, (s, text))| SpanRecord {
                id,
                start: s.start,
                end: s.end,
                label: &s.label,
                text,
                value: s.value.as_ref(),
                created: s.stamps.as_ref().map(|t| t.created.as_str()),
                updated: s.stamps.as_ref().map(|t| t.updated.as_str()),
            })
            .collect(),
    };
    // JSON strings hold no raw line breaks, so indenting every line is safe.
    let pretty = serde_json::to_string_pretty(&record).unwrap_or_default();
    pretty.lines().map(|line| format!("    {line}")).collect::<Vec<_>>().join("\n")
}

/// The whole file from its [`head`] and its documents' pieces.
pub fn join_pieces(head: &str, documents: &[String]) -> String {
    if documents.is_empty() {
        return format!("{head}[]\n}}");
    }
    format!("{head}[\n{}\n  ]\n}}", documents.join(",\n"))
}

/// Reads a Sorot file; `known_labels` is the schema's labels.
pub fn import(name: &str, bytes: &[u8], known_labels: &[String]) -> Result<(Corpus, ImportReport), FormatError> {
    let mut import = SorotImport::new(name, bytes, known_labels)?;
    import.read_documents(usize::MAX);
    import.finish()
}

/// A Sorot file (or a label schema file) in memory, read a few documents
/// at a time so the page can show how far it has got and paint in
/// between; [`import`] reads it all at once.
///
/// Opening it outlines the file ([`json_outline`]): its head (format,
/// version, unit, labels, schema) is parsed and checked, and each
/// document's place is noted; each document is then parsed and checked on
/// its own. A document that is not valid JSON is reported with its line
/// and the others are kept.
pub struct SorotImport<'a> {
    /// The file as text: the bytes given, or UTF-16 decoded.
    text: Cow<'a, str>,
    /// Where each document's JSON lies in `text`.
    documents: Vec<Range<usize>>,
    /// The next document to read.
    next: usize,
    /// How many line breaks `text` has before `lines_counted`.
    line_breaks: usize,
    lines_counted: usize,
    reader: Reader<'a>,
    /// The label schema the file carries, or why it could not be read.
    schema: Option<Result<Schema, String>>,
    /// The file holds a label schema and no documents.
    only_schema: bool,
}

const NOT_SOROT: &str = "a Sorot file: a JSON object with \"format\": \"sorot\"";

impl<'a> SorotImport<'a> {
    /// Reads the file's head and locates its documents; refuses a file
    /// that is not JSON, not a Sorot file of a version this Sorot reads, or
    /// too large. `known_labels` is the schema's labels.
    pub fn new(name: &str, bytes: &'a [u8], known_labels: &'a [String]) -> Result<Self, FormatError> {
        Self::from_text(name, Self::decode(name, bytes)?, known_labels)
    }

    /// The file's bytes as text (UTF-8, or UTF-16 with its byte order
    /// mark), or why they are not: the first half of [`Self::new`], for a
    /// caller that reads a large file between paints.
    pub fn decode(name: &str, bytes: &'a [u8]) -> Result<Cow<'a, str>, FormatError> {
        decode(name, bytes)
    }

    /// The second half of [`Self::new`]: locates the documents of `text`
    /// and reads its head (see [`SorotOutlining`] for doing it in slices).
    pub fn from_text(name: &str, text: Cow<'a, str>, known_labels: &'a [String]) -> Result<Self, FormatError> {
        let mut outlining = SorotOutlining::new(name, text, known_labels);
        while !outlining.step(usize::MAX) {}
        outlining.finish()
    }

    /// Reads the head of `text`, whose parts `outline` found, or `None`
    /// where `text` is not one JSON object.
    fn outlined(name: &str, text: Cow<'a, str>, outline: Option<Outline>, known_labels: &'a [String]) -> Result<Self, FormatError> {
        let shape = |expected: &str| fatal(name, ProblemKind::WrongShape { expected: expected.to_owned() });
        // Where the outline or a part of the head is not valid JSON, the
        // whole file is parsed to say where.
        let refusal = || parse_json(name, &text).err().unwrap_or_else(|| shape(NOT_SOROT));
        let Some(outline) = outline else { return Err(refusal()) };
        let documents = outline.items;
        let mut head = Map::new();
        for (key, range) in outline.fields {
            let value = if key == "documents" { Value::Null } else { serde_json::from_str(&text[range]).map_err(|_| refusal())? };
            head.insert(key, value);
        }
        let head = Value::Object(head);
        let schema = schema_json::from_file(&head);
        let only_schema = head.get("documents").is_none() && head.get("format").is_none() && schema.is_some();
        let mut reader = Reader::new(name, known_labels);
        if !only_schema {
            if head.get("format").and_then(Value::as_str) != Some("sorot") {
                return Err(shape(NOT_SOROT));
            }
            match head.get("version").and_then(Value::as_u64) {
                Some(found) if found > VERSION => return Err(fatal(name, ProblemKind::FutureVersion { found })),
                Some(_) => {}
                None => return Err(shape("a whole-number \"version\"")),
            }
            if head.get("offset_unit").is_some_and(|unit| unit != "codepoint") {
                return Err(shape("\"offset_unit\": \"codepoint\""));
            }
            if documents.is_none() {
                return Err(shape("a \"documents\" list"));
            }
            match head.get("labels") {
                Some(Value::Array(labels)) if labels.iter().all(Value::is_string) => {
                    reader.declare_labels(labels.iter().filter_map(|l| l.as_str().map(str::to_owned)).collect());
                }
                None => {}
                Some(_) => reader.problem(None, None, ProblemKind::WrongShape { expected: "\"labels\" as a list of names".into() }),
            }
        }
        Ok(SorotImport {
            text,
            documents: documents.unwrap_or_default(),
            next: 0,
            line_breaks: 0,
            lines_counted: 0,
            reader,
            schema,
            only_schema,
        })
    }

    /// The file holds a label schema and no documents: [`Self::take_schema`]
    /// is all there is to it.
    pub fn only_schema(&self) -> bool {
        self.only_schema
    }

    /// The label schema the file carries, or why it could not be read.
    pub fn take_schema(&mut self) -> Option<Result<Schema, String>> {
        self.schema.take()
    }

    /// Reads up to `count` more documents.
    pub fn read_documents(&mut self, count: usize) {
        let end = self.documents.len().min(self.next.saturating_add(count));
        for i in self.next..end {
            let range = self.documents[i].clone();
            match serde_json::from_str(&self.text[range.clone()]) {
                Ok(Value::Object(document)) => read_document(&mut self.reader, document),
                Ok(_) => self.reader.problem(None, None, ProblemKind::WrongShape { expected: "each document as a JSON object".into() }),
                Err(error) => {
                    let kind = self.malformed(range, &error);
                    let line = match kind {
                        ProblemKind::MalformedJson { line, .. } => Some(line),
                        _ => None,
                    };
                    self.reader.problem(line, None, kind);
                }
            }
        }
        self.next = end;
    }

    /// A syntax error in the document at `range`, located in the file.
    fn malformed(&mut self, range: Range<usize>, error: &serde_json::Error) -> ProblemKind {
        let before = &self.text.as_bytes()[self.lines_counted..range.start];
        self.line_breaks += before.iter().filter(|&&b| b == b'\n').count();
        self.lines_counted = range.start;
        let kind = malformed(&self.text[range.clone()], self.line_breaks + 1, error);
        match kind {
            // On the document's first line, the column counts from the line's start.
            ProblemKind::MalformedJson { line, column, message } if error.line() == 1 => {
                let line_start = self.text[..range.start].rfind('\n').map_or(0, |i| i + 1);
                ProblemKind::MalformedJson { line, column: column + self.text[line_start..range.start].chars().count(), message }
            }
            kind => kind,
        }
    }

    /// The documents read since the last call (see [`Reader::take_documents`]).
    pub fn take_read(&mut self) -> Vec<CorpusDocument> {
        self.reader.take_documents()
    }

    /// The documents read and not taken, or the first problem when none
    /// could be read.
    pub fn finish(self) -> Result<(Corpus, ImportReport), FormatError> {
        self.reader.finish()
    }
}

impl Stepwise for SorotImport<'_> {
    fn step(&mut self, count: usize) {
        self.read_documents(count);
    }

    /// Bytes read, and bytes in all.
    fn progress(&self) -> (usize, usize) {
        (self.documents.get(self.next).map_or(self.text.len(), |range| range.start), self.text.len())
    }

    fn is_done(&self) -> bool {
        self.next == self.documents.len()
    }
}

/// A Sorot file's text being outlined a slice at a time
/// ([`Outliner`]), so that a 30 MB corpus is located between
/// paints; [`Self::finish`] then reads its head as [`SorotImport::new`]
/// does.
pub struct SorotOutlining<'a> {
    name: String,
    text: Cow<'a, str>,
    known_labels: &'a [String],
    walk: Walk,
}

/// How far an outline has got.
enum Walk {
    Walking(Outliner),
    Outlined(Outline),
    /// The text is not one JSON object.
    Failed,
}

impl<'a> SorotOutlining<'a> {
    pub fn new(name: &str, text: Cow<'a, str>, known_labels: &'a [String]) -> Self {
        let walk = Outliner::new(&text, "documents").map_or(Walk::Failed, Walk::Walking);
        SorotOutlining { name: name.to_owned(), text, known_labels, walk }
    }

    /// Outlines about `bytes` more bytes; whether the outline is over
    /// (whole, or failed).
    pub fn step(&mut self, bytes: usize) -> bool {
        let Walk::Walking(outliner) = &mut self.walk else { return true };
        match outliner.walk(&self.text, bytes) {
            Some(false) => return false,
            Some(true) => {
                if let Walk::Walking(outliner) = std::mem::replace(&mut self.walk, Walk::Failed) {
                    self.walk = Walk::Outlined(outliner.finish());
                }
            }
            None => self.walk = Walk::Failed,
        }
        true
    }

    /// The import of the outlined file, or why it is refused.
    pub fn finish(self) -> Result<SorotImport<'a>, FormatError> {
        let outline = match self.walk {
            Walk::Outlined(outline) => Some(outline),
            Walk::Walking(_) | Walk::Failed => None,
        };
        SorotImport::outlined(&self.name, self.text, outline, self.known_labels)
    }
}

/// One document object.
fn read_document(reader: &mut Reader<'_>, mut document: Map<String, Value>) {
    let Some(Value::String(text)) = document.remove("text") else {
        let id = string(document.get("id"));
        reader.problem(None, id.as_deref(), ProblemKind::WrongShape { expected: "a document with a \"text\" string".into() });
        return;
    };
    let mut raw = RawDocument::new(text, None);
    raw.set_id(document.get("id"));
    raw.title = string(document.get("title"));
    raw.set_status_and_annotator(document.get("status"), document.get("annotator"));
    match document.remove("meta") {
        Some(Value::Object(meta)) => raw.meta = DocumentMeta::from_json(meta),
        None | Some(Value::Null) => {}
        Some(_) => raw.shape(None, "\"meta\" as a JSON object"),
    }
    if let Some(stated) = string(document.get("text_sha256")) {
        let actual = text_sha256(&raw.text);
        if stated != actual {
            raw.problems.push((None, ProblemKind::ChecksumMismatch { stated, actual }));
        }
    }
    match document.get("spans") {
        Some(Value::Array(spans)) => {
            for span in spans {
                match span {
                    Value::Object(s) => {
                        raw.push_json_span(s.get("start"), s.get("end"), s.get("label"), s.get("text"), s.get("value"));
                        raw.stamp_last_span(s.get("created"), s.get("updated"));
                    }
                    _ => raw.shape(None, "each span as a JSON object"),
                }
            }
        }
        None | Some(Value::Null) => {}
        Some(_) => raw.shape(None, "\"spans\" as a list"),
    }
    reader.add(raw);
}

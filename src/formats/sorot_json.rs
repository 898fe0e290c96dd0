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

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::corpus::{text_sha256, Corpus, CorpusDocument, DocumentMeta};
use super::read::{decode, fatal, parse_json, string, RawDocument, Reader};
use super::report::{FormatError, ImportReport, ProblemKind};
use crate::model::AppState;

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
    let value = parse_json(name, &decode(name, bytes)?)?;
    let shape = |expected: &str| fatal(name, ProblemKind::WrongShape { expected: expected.to_owned() });
    let Value::Object(mut file) = value else {
        return Err(shape("a Sorot file: a JSON object with \"format\": \"sorot\""));
    };
    if file.get("format").and_then(Value::as_str) != Some("sorot") {
        return Err(shape("a Sorot file: a JSON object with \"format\": \"sorot\""));
    }
    match file.get("version").and_then(Value::as_u64) {
        Some(found) if found > VERSION => return Err(fatal(name, ProblemKind::FutureVersion { found })),
        Some(_) => {}
        None => return Err(shape("a whole-number \"version\"")),
    }
    if file.get("offset_unit").is_some_and(|unit| unit != "codepoint") {
        return Err(shape("\"offset_unit\": \"codepoint\""));
    }
    let Some(Value::Array(documents)) = file.remove("documents") else {
        return Err(shape("a \"documents\" list"));
    };
    let mut reader = Reader::new(name, known_labels);
    match file.get("labels") {
        Some(Value::Array(labels)) if labels.iter().all(Value::is_string) => {
            reader.declare_labels(labels.iter().filter_map(|l| l.as_str().map(str::to_owned)).collect());
        }
        None => {}
        Some(_) => reader.problem(None, None, ProblemKind::WrongShape { expected: "\"labels\" as a list of names".into() }),
    }
    for document in documents {
        match document {
            Value::Object(document) => read_document(&mut reader, document),
            _ => reader.problem(None, None, ProblemKind::WrongShape { expected: "each document as a JSON object".into() }),
        }
    }
    reader.finish()
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

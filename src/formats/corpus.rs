//! The format-neutral interchange type: every importer produces a
//! [`Corpus`] and every exporter reads one.
//!
//! Offsets are Unicode code point offsets, half-open, as in Python's
//! `text[start:end]`, whatever unit a file format counts in.

use std::collections::{BTreeMap, HashSet};

use serde_json::{Map, Value};
use sha2::{Digest, Sha256};

use std::rc::Rc;

use crate::model::offsets::char_to_byte_idx;
use crate::model::{AppState, Document, DocumentState, ImportedDocument, ImportedSpan, Label, Metadata};

/// A set of documents and the labels they are annotated with.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corpus {
    /// The schema's label names in schema order. After an import every
    /// span's label is listed: labels the file uses but does not declare are
    /// appended in order of first use.
    pub labels: Vec<String>,
    pub documents: Vec<CorpusDocument>,
}

/// One document: its exact text and what is known about it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CorpusDocument {
    /// Unique within the corpus.
    pub id: String,
    pub title: String,
    pub text: String,
    pub meta: DocumentMeta,
    pub status: Status,
    pub annotator: Option<String>,
    /// After an import: sorted by `(start, end, label)`, no exact repeats,
    /// each inside the text. Spans may nest and overlap.
    pub spans: Vec<CorpusSpan>,
}

/// Where a document comes from, plus any other fields a file carried.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct DocumentMeta {
    /// E.g. the article's URL or the newspaper's name.
    pub source: Option<String>,
    /// As the file wrote it; no date format is imposed.
    pub date: Option<String>,
    /// Every other metadata field, kept as read.
    pub extra: BTreeMap<String, Value>,
}

/// A document's workflow status: the model's own type, written by name.
pub use crate::model::Status;

/// A labelled range `start..end` of code points, end exclusive.
///
/// ```text
/// "20 WNI dipulangkan"  start=0 end=6 label=VICTIM_COUNT value=20 -> "20 WNI"
/// ```
#[derive(Clone, Debug, PartialEq)]
pub struct CorpusSpan {
    pub start: usize,
    pub end: usize,
    pub label: String,
    /// A normalised attribute of the span, e.g. a victim count `20` or
    /// `{"min": 10, "max": 99}` for "puluhan".
    pub value: Option<Value>,
    /// When the span was created and last changed, ISO 8601 UTC (written
    /// by the Sorot format, for the annotator's own spans).
    pub stamps: Option<Stamps>,
}

/// A span's creation and last-change times, ISO 8601 UTC.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stamps {
    pub created: String,
    pub updated: String,
}

impl CorpusSpan {
    /// A span without a value.
    pub fn new(start: usize, end: usize, label: impl Into<String>) -> Self {
        CorpusSpan { start, end, label: label.into(), value: None, stamps: None }
    }
}

impl DocumentMeta {
    /// The metadata as one JSON object, keys sorted: `source` and `date`
    /// when set, and the extra fields.
    pub fn to_json(&self) -> BTreeMap<String, Value> {
        let mut map = self.extra.clone();
        for (key, field) in [("source", &self.source), ("date", &self.date)] {
            if let Some(text) = field {
                map.insert(key.to_owned(), Value::String(text.clone()));
            }
        }
        map
    }

    /// Reads a metadata object: string `source` and `date` become fields,
    /// anything else (including a `source` that is not a string) is extra.
    pub fn from_json(map: Map<String, Value>) -> Self {
        let mut meta = DocumentMeta::default();
        for (key, value) in map {
            match value {
                Value::String(s) if key == "source" => meta.source = Some(s),
                Value::String(s) if key == "date" => meta.date = Some(s),
                Value::Null if key == "source" || key == "date" => {}
                value => {
                    meta.extra.insert(key, value);
                }
            }
        }
        meta
    }
}

impl CorpusDocument {
    /// Each span's text, `text[start:end]`; empty for a span outside the
    /// text. One pass over the text, however many spans.
    pub fn span_texts(&self) -> Vec<&str> {
        let slicer = CharSlicer::new(&self.text);
        self.spans.iter().map(|span| slicer.slice(span.start, span.end).unwrap_or_default()).collect()
    }
}

impl Corpus {
    /// The schema's labels, then any label a span uses that the schema
    /// lacks, in order of first use.
    pub fn all_labels(&self) -> Vec<String> {
        let mut labels = self.labels.clone();
        let mut seen: HashSet<&str> = self.labels.iter().map(String::as_str).collect();
        for span in self.documents.iter().flat_map(|d| &d.spans) {
            if seen.insert(&span.label) {
                labels.push(span.label.clone());
            }
        }
        labels
    }

    /// Every open document of the annotator, with the schema's labels.
    pub fn from_state(state: &AppState) -> Corpus {
        Corpus::of_documents(state, state.documents())
    }

    /// The shown document alone, with the schema's labels.
    pub fn of_shown(state: &AppState) -> Corpus {
        Corpus::of_documents(state, std::slice::from_ref(state.current()))
    }

    fn of_documents(state: &AppState, documents: &[Rc<DocumentState>]) -> Corpus {
        let documents = documents
            .iter()
            .map(|doc| {
                let mut document = CorpusDocument::from_state(doc);
                // A document read with its annotator keeps it; the rest are this annotator's.
                if document.annotator.is_none() {
                    document.annotator = state.annotator().map(str::to_owned);
                }
                document
            })
            .collect();
        Corpus { labels: state.schema().names(), documents }
    }

    /// The documents as the model opens them: spans as the file had them,
    /// metadata kept (extra fields as JSON text). `match_by_text`: the ids
    /// are another tool's numbers (doccano's), so open documents with the
    /// same text name them.
    pub fn into_imported(self, match_by_text: bool) -> Vec<ImportedDocument> {
        self.documents.into_iter().map(|doc| doc.into_imported(match_by_text)).collect()
    }
}

impl CorpusDocument {
    /// The document as the model opens it (see [`Corpus::into_imported`]).
    pub fn into_imported(self, match_by_text: bool) -> ImportedDocument {
        ImportedDocument {
            // The one step of opening that reads the whole text again.
            document: Document::new(self.id, self.text),
            match_by_text,
            spans: self
                .spans
                .into_iter()
                .map(|span| ImportedSpan {
                    start: span.start,
                    end: span.end,
                    label: Label::new(&span.label),
                    value: span.value.map(|v| Rc::from(v.to_string())),
                })
                .collect(),
            meta: Metadata {
                source: self.meta.source,
                date: self.meta.date,
                annotator: self.annotator,
                extra_json: (!self.meta.extra.is_empty()).then(|| serde_json::to_string(&self.meta.extra).unwrap_or_default()),
            },
            status: self.status,
        }
    }

    /// One open document of the annotator.
    pub fn from_state(doc: &DocumentState) -> CorpusDocument {
        let meta = &doc.meta;
        // Read as a value, not straight into a map: a typed read would carry a
        // second JSON reader in the wasm (see `persist::read`).
        let extra = match meta.extra_json.as_deref().and_then(|json| serde_json::from_str(json).ok()) {
            Some(Value::Object(extra)) => extra.into_iter().collect(),
            _ => BTreeMap::new(),
        };
        CorpusDocument {
            id: doc.document.id().to_owned(),
            title: doc.document.title().to_owned(),
            text: doc.document.text().to_string(),
            meta: DocumentMeta { source: meta.source.clone(), date: meta.date.clone(), extra },
            status: doc.status,
            annotator: meta.annotator.clone(),
            spans: doc
                .annotations
                .spans()
                .iter()
                .map(|span| CorpusSpan {
                    value: span.value().and_then(|v| serde_json::from_str(v).ok()),
                    stamps: doc
                        .stamps
                        .get(&span.id())
                        .map(|&(created, updated)| Stamps { created: iso8601(created), updated: iso8601(updated) }),
                    ..CorpusSpan::new(span.start(), span.end(), span.label().name())
                })
                .collect(),
        }
    }
}

/// Slices one text by code point offsets after one pass over it: it keeps
/// the byte index of every [`SLICER_STRIDE`]th char, so a slice walks at most
/// that many chars, and a 30 MB corpus costs a small index, not a word per char.
pub(crate) struct CharSlicer<'a> {
    text: &'a str,
    /// The byte index of chars 0, STRIDE, 2 × STRIDE, …
    checkpoints: Vec<usize>,
    char_len: usize,
}

/// Chars between two checkpoints of a [`CharSlicer`].
const SLICER_STRIDE: usize = 64;

impl<'a> CharSlicer<'a> {
    pub fn new(text: &'a str) -> Self {
        let mut checkpoints = Vec::with_capacity(text.len() / SLICER_STRIDE + 1);
        let mut char_len = 0;
        for (byte_idx, &byte) in text.as_bytes().iter().enumerate() {
            // A char starts at every byte that is not a continuation byte.
            if (byte as i8) >= -0x40 {
                if char_len % SLICER_STRIDE == 0 {
                    checkpoints.push(byte_idx);
                }
                char_len += 1;
            }
        }
        CharSlicer { text, checkpoints, char_len }
    }

    /// The text's length in code points.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// `text[start:end]`, or `None` for a reversed range or one past the end.
    pub fn slice(&self, start: usize, end: usize) -> Option<&'a str> {
        if start > end || end > self.char_len {
            return None;
        }
        let (start_byte_idx, end_byte_idx) = (self.byte_idx(start)?, self.byte_idx(end)?);
        self.text.get(start_byte_idx..end_byte_idx)
    }

    fn byte_idx(&self, pos: usize) -> Option<usize> {
        if pos == self.char_len {
            return Some(self.text.len());
        }
        let checkpoint = *self.checkpoints.get(pos / SLICER_STRIDE)?;
        char_to_byte_idx(&self.text[checkpoint..], pos % SLICER_STRIDE).map(|byte_idx| checkpoint + byte_idx)
    }
}

/// The title of a document whose file gives none: its first non-blank
/// line, trimmed, as the annotator shows it.
pub fn default_title(text: &str) -> String {
    text.lines().map(str::trim).find(|line| !line.is_empty()).unwrap_or_default().to_owned()
}

/// The SHA-256 of the text's UTF-8 bytes as lowercase hex, so a file can be
/// matched to the exact text it annotates.
pub fn text_sha256(text: &str) -> String {
    Sha256::digest(text.as_bytes()).iter().map(|byte| format!("{byte:02x}")).collect()
}

/// Milliseconds since 1970 as ISO 8601 UTC, e.g. `2026-11-28T09:45:09Z`.
pub fn iso8601(ms: u64) -> String {
    let secs = i64::try_from(ms / 1000).unwrap_or(i64::MAX / 2);
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}Z", rest / 3600, rest % 3600 / 60, rest % 60)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::offsets::slice_chars;

    #[test]
    fn char_slicer_agrees_with_python_slicing_across_checkpoints() {
        let text: String = ["Kao 👨🏻\u{200d}🚒 ", "e\u{301}", "東京 ", "\r\n", "مرحبا", "🇮🇩"].repeat(23).concat();
        let slicer = CharSlicer::new(&text);
        let char_len = text.chars().count();
        assert_eq!(slicer.char_len(), char_len);
        for start in (0..=char_len).step_by(7) {
            for end in [start, start + 1, start + 63, start + 64, start + 65, start + 200, char_len, char_len + 1] {
                assert_eq!(slicer.slice(start, end), slice_chars(&text, start, end).filter(|_| end <= char_len), "{start}..{end}");
            }
        }
        assert_eq!(slicer.slice(5, 4), None);
        assert_eq!(CharSlicer::new("").slice(0, 0), Some(""));
    }

    #[test]
    fn iso8601_matches_known_instants() {
        assert_eq!(iso8601(0), "1970-01-01T00:00:00Z");
        assert_eq!(iso8601(1_795_859_109_000), "2026-11-28T09:45:09Z");
        assert_eq!(iso8601(951_782_400_000), "2000-02-29T00:00:00Z");
    }

    #[test]
    fn sha256_matches_the_standard_test_vectors() {
        assert_eq!(text_sha256(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
        assert_eq!(text_sha256("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    }

    #[test]
    fn status_names_round_trip_and_default_titles_skip_blank_lines() {
        for status in [Status::Todo, Status::InProgress, Status::Done, Status::Skipped] {
            assert_eq!(Status::parse(status.as_str()), Some(status));
        }
        assert_eq!(Status::parse("Done"), None);
        assert_eq!(default_title("\r\n  💩 Judul  \r\nIsi"), "💩 Judul");
        assert_eq!(default_title(" \n"), "");
    }

    #[test]
    fn meta_keeps_odd_fields_as_extra() {
        let map = serde_json::json!({"source": 7, "date": "2024-05-01", "url": "x"}).as_object().unwrap().clone();
        let meta = DocumentMeta::from_json(map.clone());
        assert_eq!(meta.date.as_deref(), Some("2024-05-01"));
        assert_eq!(meta.extra.get("source"), Some(&Value::from(7)));
        assert_eq!(meta.to_json(), map.into_iter().collect());
    }
}

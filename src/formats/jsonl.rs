//! JSON Lines, one document per line, with spans as spaCy and Prodigy
//! write them:
//!
//! ```text
//! {"id":"a7","text":"Kao Kim Hourn ke Bali","spans":[{"start":0,"end":13,"label":"ACTOR","text":"Kao Kim Hourn"}],
//!  "meta":{"title":"Kao Kim Hourn ke Bali","source":"IDN Times"},"status":"in progress"}
//! ```
//! Offsets are code points, end exclusive (`text[start:end]` in Python).
//! A span carries its `text` for checking and its `value` when it has one;
//! `meta` holds the title, `source`, `date` and any other field; `annotator`
//! is written when known.
//!
//! Import reads each line on its own: a malformed line is reported with its
//! line and column, and the other lines are kept. Besides `spans` it reads
//! doccano's `"label": [[start, end, "LABEL"], ...]` and `"entities": [{"start_offset",
//! "end_offset", "label"}, ...]`, and spaCy's `"entities": [[start, end, "LABEL"], ...]`;
//! a line with only `text` (and maybe `id`, `meta`) is a document without
//! spans. A missing id becomes `<file stem>-<n>`, a missing title the first
//! non-blank line.
//!
//! doccano's shapes count offsets in the unit its page counted them in
//! (UTF-16 code units by default, grapheme clusters in grapheme mode), so
//! they are read in the [`OffsetUnit`] the caller gives; every other shape
//! is code points.

use std::borrow::Cow;
use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::corpus::{Corpus, CorpusDocument, DocumentMeta};
use super::read::{decode, fatal, malformed, string, RawDocument, Reader};
use super::report::{FormatError, ImportReport, Problem, ProblemKind};
use super::Stepwise;
use crate::limits::MAX_FILE_BYTES;
use crate::model::offsets::OffsetUnit;

#[derive(Serialize)]
struct Line<'a> {
    id: &'a str,
    text: &'a str,
    spans: Vec<SpanRecord<'a>>,
    meta: BTreeMap<String, Value>,
    status: &'static str,
    #[serde(skip_serializing_if = "Option::is_none")]
    annotator: Option<&'a str>,
}

#[derive(Serialize)]
struct SpanRecord<'a> {
    start: usize,
    end: usize,
    label: &'a str,
    text: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    value: Option<&'a Value>,
}

/// The corpus as JSON Lines, one document per line.
pub fn export(corpus: &Corpus) -> String {
    corpus.documents.iter().map(export_line).collect()
}

/// One document's line, with its line break.
pub fn export_line(doc: &CorpusDocument) -> String {
    let mut meta = doc.meta.to_json();
    meta.insert("title".to_owned(), Value::String(doc.title.clone()));
    let spans = doc
        .spans
        .iter()
        .zip(doc.span_texts())
        .map(|(s, text)| SpanRecord { start: s.start, end: s.end, label: &s.label, text, value: s.value.as_ref() })
        .collect();
    let line = Line { id: &doc.id, text: &doc.text, spans, meta, status: doc.status.as_str(), annotator: doc.annotator.as_deref() };
    let mut out = serde_json::to_string(&line).unwrap_or_default();
    out.push('\n');
    out
}

/// Reads JSON Lines in any of the shapes above; `known_labels` is the
/// schema's labels, `doccano_unit` the unit doccano's shapes count in.
pub fn import(name: &str, bytes: &[u8], known_labels: &[String], doccano_unit: OffsetUnit) -> Result<(Corpus, ImportReport), FormatError> {
    let mut import = JsonlImport::new(name, bytes, known_labels, doccano_unit)?;
    import.read_lines(usize::MAX);
    import.finish()
}

/// The one JSON Lines reader: the page's [`JsonlImport`], [`import`] and the
/// command line's streaming commands all read through it, a line at a time.
///
/// Each line is read on its own: a line that is not UTF-8, not JSON or not
/// a document is reported with its line (and the file position of a bad
/// byte) and the other lines are kept. Ids are made unique over the whole
/// file as they are read. It keeps no document once taken
/// ([`JsonlReader::take_documents`]), so a caller that takes them as they
/// come reads a file of any length in the memory of one line, plus a
/// 128-bit hash of each id.
pub struct JsonlReader<'a> {
    reader: Reader<'a>,
    doccano_unit: OffsetUnit,
    /// The number of the line read last, 1-based.
    line_no: usize,
    /// Bytes of the file read so far.
    byte_idx: usize,
}

impl<'a> JsonlReader<'a> {
    /// A reader of the file `name`; `known_labels` is the schema's labels,
    /// `doccano_unit` the unit doccano's shapes count in.
    pub fn new(name: &str, known_labels: &'a [String], doccano_unit: OffsetUnit) -> Self {
        JsonlReader { reader: Reader::new(name, known_labels), doccano_unit, line_no: 0, byte_idx: 0 }
    }

    /// Reads the file's next line, given with its line break if it has one.
    pub fn read_line(&mut self, bytes: &[u8]) {
        self.line_no += 1;
        let line_no = self.line_no;
        let mut line_start = self.byte_idx;
        self.byte_idx += bytes.len();
        let mut bytes = bytes.strip_suffix(b"\n").unwrap_or(bytes);
        if line_no == 1 {
            if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
                (bytes, line_start) = (rest, line_start + 3);
            }
        }
        let line = match std::str::from_utf8(bytes) {
            Ok(line) => line,
            Err(error) => {
                let kind = ProblemKind::InvalidUtf8 { byte_idx: line_start + error.valid_up_to() };
                return self.reader.problem(Some(line_no), None, kind);
            }
        };
        if line.trim().is_empty() {
            return;
        }
        if line.contains('\0') {
            return self.reader.problem(Some(line_no), None, ProblemKind::Binary);
        }
        match serde_json::from_str(line) {
            Ok(Value::Object(fields)) => read_line(&mut self.reader, line_no, fields, self.doccano_unit),
            Ok(_) => self.reader.problem(Some(line_no), None, ProblemKind::WrongShape { expected: EXPECTED_LINE.into() }),
            Err(error) => self.reader.problem(Some(line_no), None, malformed(line, line_no, &error)),
        }
    }

    /// The documents read since the last call, in file order.
    pub fn take_documents(&mut self) -> Vec<CorpusDocument> {
        self.reader.take_documents()
    }

    /// The problems found since the last call, in file order. The doubt
    /// about doccano's unit is judged over the whole file, in [`Self::finish`].
    pub fn take_problems(&mut self) -> Vec<Problem> {
        self.reader.take_problems()
    }

    /// How many documents have been read, taken or not.
    pub fn documents_read(&self) -> usize {
        self.reader.documents_read()
    }

    /// The documents and problems not taken yet, with the judgement on
    /// doccano's unit; the first problem when no line held a document.
    pub fn finish(self) -> Result<(Corpus, ImportReport), FormatError> {
        self.reader.finish()
    }
}

/// A JSON Lines file in memory, read some lines at a time through a
/// [`JsonlReader`], so the page can show how far it has got and stay
/// responsive in between; [`import`] reads it all at once.
pub struct JsonlImport<'a> {
    /// The file as UTF-8: the bytes given, or UTF-16 decoded.
    bytes: Cow<'a, [u8]>,
    /// The byte index of the next line to read, `None` once all are read.
    next: Option<usize>,
    lines: JsonlReader<'a>,
}

impl<'a> JsonlImport<'a> {
    /// Refuses a file too large to read; decodes UTF-16. `known_labels` is
    /// the schema's labels, `doccano_unit` the unit doccano's shapes count in.
    pub fn new(name: &str, bytes: &'a [u8], known_labels: &'a [String], doccano_unit: OffsetUnit) -> Result<Self, FormatError> {
        let bytes = match bytes {
            [0xFF, 0xFE, ..] | [0xFE, 0xFF, ..] => Cow::Owned(decode(name, bytes)?.into_owned().into_bytes()),
            _ if bytes.len() > MAX_FILE_BYTES => {
                return Err(fatal(name, ProblemKind::TooLarge { bytes: bytes.len(), limit: MAX_FILE_BYTES }))
            }
            _ => Cow::Borrowed(bytes),
        };
        Ok(JsonlImport { bytes, next: Some(0), lines: JsonlReader::new(name, known_labels, doccano_unit) })
    }

    /// Reads up to `count` more lines (blank ones included).
    pub fn read_lines(&mut self, count: usize) {
        for _ in 0..count {
            let Some(start) = self.next else { return };
            let rest = &self.bytes[start..];
            let end = rest.iter().position(|&byte| byte == b'\n').map_or(rest.len(), |newline| newline + 1);
            self.next = Some(start + end).filter(|&next| next < self.bytes.len());
            self.lines.read_line(&rest[..end]);
        }
    }

    /// The documents read, or the first problem when none could be.
    pub fn finish(self) -> Result<(Corpus, ImportReport), FormatError> {
        self.lines.finish()
    }
}

impl Stepwise for JsonlImport<'_> {
    fn step(&mut self, count: usize) {
        self.read_lines(count);
    }

    /// Bytes read, and bytes in all.
    fn progress(&self) -> (usize, usize) {
        (self.next.unwrap_or(self.bytes.len()), self.bytes.len())
    }

    fn is_done(&self) -> bool {
        self.next.is_none()
    }
}

const EXPECTED_LINE: &str = "a JSON object with a \"text\" string";

/// One line's document.
fn read_line(reader: &mut Reader<'_>, line_no: usize, mut line: serde_json::Map<String, Value>, doccano_unit: OffsetUnit) {
    let Some(Value::String(text)) = line.remove("text") else {
        let id = string(line.get("id"));
        reader.problem(Some(line_no), id.as_deref(), ProblemKind::WrongShape { expected: EXPECTED_LINE.into() });
        return;
    };
    let mut raw = RawDocument::new(text, Some(line_no));
    raw.set_id(line.get("id"));
    raw.set_status_and_annotator(line.get("status"), line.get("annotator"));
    match line.remove("meta") {
        Some(Value::Object(mut meta)) => {
            match meta.remove("title") {
                Some(Value::String(title)) => raw.title = Some(title),
                Some(other) => {
                    meta.insert("title".to_owned(), other);
                }
                None => {}
            }
            raw.meta = DocumentMeta::from_json(meta);
        }
        None | Some(Value::Null) => {}
        Some(_) => raw.shape(None, "\"meta\" as a JSON object"),
    }
    if is_doccano(&line) {
        raw.unit = Some(doccano_unit);
    }
    for key in ["spans", "label", "entities"] {
        match line.get(key) {
            Some(Value::Array(items)) => items.iter().for_each(|item| read_span(&mut raw, item)),
            None | Some(Value::Null) => {}
            Some(_) if key == "label" => raw.problems.push((None, ProblemKind::Unsupported { what: "a document label".into() })),
            Some(_) => raw.shape(None, &format!("{key:?} as a list of spans")),
        }
    }
    reader.add(raw);
}

/// Whether a line is doccano's: spans as `"label"` triples, or `"entities"`
/// objects with `start_offset` (doccano's export with relations).
fn is_doccano(line: &serde_json::Map<String, Value>) -> bool {
    let has_spans = |key: &str| line.get(key).and_then(Value::as_array).is_some_and(|items| !items.is_empty());
    let doccano_entities =
        line.get("entities").and_then(Value::as_array).is_some_and(|items| items.iter().any(|item| item.get("start_offset").is_some()));
    !has_spans("spans") && (has_spans("label") || doccano_entities)
}

/// One span: `{"start", "end", "label"}` (or `start_offset`/`end_offset`),
/// or a `[start, end, "LABEL"]` triple.
fn read_span(raw: &mut RawDocument, item: &Value) {
    match item {
        Value::Object(span) => {
            let start = span.get("start").or_else(|| span.get("start_offset"));
            let end = span.get("end").or_else(|| span.get("end_offset"));
            raw.push_json_span(start, end, span.get("label"), span.get("text"), span.get("value"));
        }
        Value::Array(triple) if triple.len() == 3 => raw.push_json_span(triple.first(), triple.get(1), triple.get(2), None, None),
        Value::String(_) => raw.problems.push((None, ProblemKind::Unsupported { what: "a document label".into() })),
        _ => raw.shape(None, "a span {\"start\", \"end\", \"label\"} or [start, end, \"LABEL\"]"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reading_a_few_lines_at_a_time_reads_what_reading_all_reads() {
        let text = "{\"text\": \"Kao 👨🏻\u{200d}🚒 Hourn\", \"id\": \"a\", \"spans\": [{\"start\": 0, \"end\": 3, \"label\": \"ACTOR\"}]}\n\n[1]\n{\"text\": \"Bali\"\n{\"text\": \"Myawaddy\", \"id\": \"a\"}\r\n{\"text\": \"Великий\"}";
        let known = vec!["ACTOR".to_owned()];
        let all = import("x.jsonl", text.as_bytes(), &known, OffsetUnit::Utf16).unwrap();
        for step in [1, 2, 5] {
            let mut import = JsonlImport::new("x.jsonl", text.as_bytes(), &known, OffsetUnit::Utf16).unwrap();
            let mut last_progress = 0;
            while !import.is_done() {
                import.read_lines(step);
                let (read, total) = import.progress();
                assert!(read >= last_progress && read <= total);
                last_progress = read;
            }
            assert_eq!(import.progress(), (text.len(), text.len()));
            assert_eq!(import.finish().unwrap(), all, "{step} lines at a time");
        }
        let (corpus, report) = all;
        assert_eq!(corpus.documents.len(), 3);
        let lines: Vec<_> = report.problems.iter().map(|p| p.line).collect();
        assert_eq!(lines, [Some(3), Some(4), Some(5)]);
    }

    #[test]
    fn a_line_that_is_not_text_loses_that_line_only() {
        let mut file = b"{\"text\": \"Bali\"}\n".to_vec();
        file.extend_from_slice(b"{\"text\": \"\xC3\x28\"}\n{\"text\": \"a\x00b\"}\n{\"text\": \"Myawaddy\"}");
        let (corpus, report) = import("x.jsonl", &file, &[], OffsetUnit::Utf16).unwrap();
        let titles: Vec<_> = corpus.documents.iter().map(|d| d.title.as_str()).collect();
        assert_eq!(titles, ["Bali", "Myawaddy"]);
        let problems: Vec<_> = report.problems.iter().map(|p| (p.line, p.kind.clone())).collect();
        // The bad byte's position counts the whole file: 17 bytes of line 1, then 10.
        assert_eq!(problems, [(Some(2), ProblemKind::InvalidUtf8 { byte_idx: 27 }), (Some(3), ProblemKind::Binary)]);
    }

    #[test]
    fn documents_taken_as_they_are_read_keep_their_ids_unique_over_the_file() {
        let mut lines = JsonlReader::new("berita.jsonl", &[], OffsetUnit::Utf16);
        let mut ids = Vec::new();
        for line in ["{\"id\": \"a\", \"text\": \"x\"}\n", "{\"text\": \"y\"}\n", "{\"id\": \"a\", \"text\": \"z\"}\n"] {
            lines.read_line(line.as_bytes());
            ids.extend(lines.take_documents().into_iter().map(|d| d.id));
        }
        assert_eq!(ids, ["a", "berita-2", "a-2"]);
        assert_eq!(lines.take_problems().len(), 1, "the repeated id is reported");
        let (rest, _) = lines.finish().unwrap();
        assert!(rest.documents.is_empty());
    }

    #[test]
    fn reads_spacy_doccano_and_entity_shapes_on_one_file() {
        let file = concat!(
            "{\"id\":\"a\",\"text\":\"Kao ke Bali\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"ACTOR\",\"text\":\"Kao\"}]}\n",
            "\n",
            "{\"id\":2,\"text\":\"Kao ke Bali\",\"label\":[[7,11,\"LOCATION\"]]}\n",
            "{\"text\":\"Kao ke Bali\",\"entities\":[{\"start_offset\":0,\"end_offset\":3,\"label\":\"ACTOR\"},[7,11,\"LOCATION\"]]}\n",
            "{\"text\":\"Judul\\r\\nIsi\",\"meta\":{\"title\":\"T\",\"url\":\"u\"}}\n",
        );
        let labels = vec!["ACTOR".to_owned(), "LOCATION".to_owned()];
        let (corpus, report) = import("berita.jsonl", file.as_bytes(), &labels, OffsetUnit::Utf16).unwrap();
        assert!(report.is_clean(), "{report:?}");
        let docs: Vec<_> = corpus.documents.iter().map(|d| (d.id.as_str(), d.title.as_str(), d.spans.len())).collect();
        assert_eq!(docs, [("a", "Kao ke Bali", 1), ("2", "Kao ke Bali", 1), ("berita-3", "Kao ke Bali", 2), ("berita-4", "T", 0)]);
        assert_eq!(corpus.documents[3].meta.extra["url"], "u");
    }
}

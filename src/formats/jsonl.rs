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
//! doccano's `"label": [[start, end, "LABEL"], ...]` and `"entities"` as
//! `[[start, end, "LABEL"], ...]` or `[{"start_offset", "end_offset",
//! "label"}, ...]`; a line with only `text` (and maybe `id`, `meta`) is a
//! document without spans. A missing id becomes `<file stem>-<n>`, a
//! missing title the first non-blank line.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::Value;

use super::corpus::{Corpus, DocumentMeta};
use super::read::{decode, json_lines, string, RawDocument, Reader};
use super::report::{FormatError, ImportReport, ProblemKind};

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
    let mut out = String::new();
    for doc in &corpus.documents {
        let mut meta = doc.meta.to_json();
        meta.insert("title".to_owned(), Value::String(doc.title.clone()));
        let spans = doc
            .spans
            .iter()
            .zip(doc.span_texts())
            .map(|(s, text)| SpanRecord { start: s.start, end: s.end, label: &s.label, text, value: s.value.as_ref() })
            .collect();
        let line = Line { id: &doc.id, text: &doc.text, spans, meta, status: doc.status.as_str(), annotator: doc.annotator.as_deref() };
        out.push_str(&serde_json::to_string(&line).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Reads JSON Lines in any of the shapes above; `known_labels` is the
/// schema's labels.
pub fn import(name: &str, bytes: &[u8], known_labels: &[String]) -> Result<(Corpus, ImportReport), FormatError> {
    let text = decode(name, bytes)?;
    let mut reader = Reader::new(name, known_labels);
    for (line_no, value) in json_lines(&text) {
        match value {
            Ok(Value::Object(line)) => read_line(&mut reader, line_no, line),
            Ok(_) => reader.problem(Some(line_no), None, ProblemKind::WrongShape { expected: EXPECTED_LINE.into() }),
            Err(kind) => reader.problem(Some(line_no), None, kind),
        }
    }
    reader.finish()
}

const EXPECTED_LINE: &str = "a JSON object with a \"text\" string";

/// One line's document.
fn read_line(reader: &mut Reader<'_>, line_no: usize, mut line: serde_json::Map<String, Value>) {
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
    fn reads_spacy_doccano_and_entity_shapes_on_one_file() {
        let file = concat!(
            "{\"id\":\"a\",\"text\":\"Kao ke Bali\",\"spans\":[{\"start\":0,\"end\":3,\"label\":\"ACTOR\",\"text\":\"Kao\"}]}\n",
            "\n",
            "{\"id\":2,\"text\":\"Kao ke Bali\",\"label\":[[7,11,\"LOCATION\"]]}\n",
            "{\"text\":\"Kao ke Bali\",\"entities\":[{\"start_offset\":0,\"end_offset\":3,\"label\":\"ACTOR\"},[7,11,\"LOCATION\"]]}\n",
            "{\"text\":\"Judul\\r\\nIsi\",\"meta\":{\"title\":\"T\",\"url\":\"u\"}}\n",
        );
        let labels = vec!["ACTOR".to_owned(), "LOCATION".to_owned()];
        let (corpus, report) = import("berita.jsonl", file.as_bytes(), &labels).unwrap();
        assert!(report.is_clean(), "{report:?}");
        let docs: Vec<_> = corpus.documents.iter().map(|d| (d.id.as_str(), d.title.as_str(), d.spans.len())).collect();
        assert_eq!(docs, [("a", "Kao ke Bali", 1), ("2", "Kao ke Bali", 1), ("berita-3", "Kao ke Bali", 2), ("berita-4", "T", 0)]);
        assert_eq!(corpus.documents[3].meta.extra["url"], "u");
    }
}

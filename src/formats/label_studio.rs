//! Label Studio's JSON export: a list of tasks, each with its text in
//! `data` and its regions in the first annotation's `result`.
//!
//! ```json
//! [{"id": 1,
//!   "data": {"text": "Kao Kim Hourn ke Bali"},
//!   "meta": {"id": "a7", "title": "Kao Kim Hourn ke Bali", "status": "done", "source": "IDN Times"},
//!   "annotations": [{"was_cancelled": false, "result": [
//!     {"id": "r1", "from_name": "label", "to_name": "text", "type": "labels",
//!      "value": {"start": 0, "end": 13, "text": "Kao Kim Hourn", "labels": ["ACTOR"]},
//!      "meta": {"value": 20}}]}]}]
//! ```
//! Label Studio stores code point offsets in `value.start`/`value.end`, as
//! here (its display drifted after emoji for a while, HumanSignal/label-studio
//! #4988, but the exported numbers count code points). The matching labelling
//! config is `<Text name="text" value="$text"/>` with
//! `<Labels name="label" toName="text">`.
//!
//! Export numbers tasks from 1 and keeps the document's id, title, status,
//! annotator and metadata in the task's `meta`; a span's value goes in its
//! region's `meta`; a skipped document's annotation is `was_cancelled`.
//!
//! Import reads the text from `data.text`, or from the task's only string
//! field in `data`. It reads the first annotation and reports any others;
//! regions that are not `labels` (choices, relations) are reported and
//! skipped; a region with several labels gives one span per label. Without
//! `meta.status` a task is "todo" with no annotation, "skipped" when the
//! annotation was cancelled and "done" otherwise.

use std::collections::BTreeMap;

use serde::Serialize;
use serde_json::{Map, Value};

use super::corpus::{Corpus, DocumentMeta, Status};
use super::read::{decode, fatal, parse_json, string, RawDocument, Reader};
use super::report::{FormatError, ImportReport, ProblemKind};

#[derive(Serialize)]
struct Task<'a> {
    id: usize,
    data: Data<'a>,
    meta: BTreeMap<String, Value>,
    annotations: Vec<Annotation<'a>>,
}

#[derive(Serialize)]
struct Data<'a> {
    text: &'a str,
}

#[derive(Serialize)]
struct Annotation<'a> {
    was_cancelled: bool,
    result: Vec<Region<'a>>,
}

#[derive(Serialize)]
struct Region<'a> {
    id: String,
    from_name: &'static str,
    to_name: &'static str,
    #[serde(rename = "type")]
    kind: &'static str,
    value: RegionValue<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    meta: Option<RegionMeta<'a>>,
}

#[derive(Serialize)]
struct RegionValue<'a> {
    start: usize,
    end: usize,
    text: &'a str,
    labels: [&'a str; 1],
}

#[derive(Serialize)]
struct RegionMeta<'a> {
    value: &'a Value,
}

/// The corpus as a Label Studio task list, pretty-printed.
pub fn export(corpus: &Corpus) -> String {
    let tasks: Vec<Task<'_>> = corpus
        .documents
        .iter()
        .enumerate()
        .map(|(i, doc)| {
            let mut meta = doc.meta.to_json();
            meta.insert("id".into(), Value::from(doc.id.as_str()));
            meta.insert("title".into(), Value::from(doc.title.as_str()));
            meta.insert("status".into(), Value::from(doc.status.as_str()));
            if let Some(annotator) = &doc.annotator {
                meta.insert("annotator".into(), Value::from(annotator.as_str()));
            }
            let result: Vec<Region<'_>> = (1..)
                .zip(doc.spans.iter().zip(doc.span_texts()))
                .map(|(k, (span, text))| Region {
                    id: format!("r{k}"),
                    from_name: "label",
                    to_name: "text",
                    kind: "labels",
                    value: RegionValue { start: span.start, end: span.end, text, labels: [&span.label] },
                    meta: span.value.as_ref().map(|value| RegionMeta { value }),
                })
                .collect();
            let annotated = !result.is_empty() || doc.status != Status::Todo;
            let annotations =
                if annotated { vec![Annotation { was_cancelled: doc.status == Status::Skipped, result }] } else { Vec::new() };
            Task { id: i + 1, data: Data { text: &doc.text }, meta, annotations }
        })
        .collect();
    serde_json::to_string_pretty(&tasks).unwrap_or_default()
}

/// Reads a Label Studio JSON export; `known_labels` is the schema's labels.
pub fn import(name: &str, bytes: &[u8], known_labels: &[String]) -> Result<(Corpus, ImportReport), FormatError> {
    let value = parse_json(name, &decode(name, bytes)?)?;
    let Value::Array(tasks) = value else {
        return Err(fatal(name, ProblemKind::WrongShape { expected: "a Label Studio JSON export: a list of tasks".into() }));
    };
    let mut reader = Reader::new(name, known_labels);
    for task in tasks {
        match task {
            Value::Object(task) => read_task(&mut reader, task),
            _ => reader.problem(None, None, ProblemKind::WrongShape { expected: "each task as a JSON object".into() }),
        }
    }
    reader.finish()
}

/// One task.
fn read_task(reader: &mut Reader<'_>, mut task: Map<String, Value>) {
    let mut meta = match task.remove("meta") {
        Some(Value::Object(meta)) => meta,
        _ => Map::new(),
    };
    let data = task.get("data").and_then(Value::as_object);
    let text = data.and_then(|d| d.get("text").and_then(Value::as_str).or_else(|| only_string(d)));
    let Some(text) = text else {
        let id = string(meta.get("id"));
        reader.problem(None, id.as_deref(), ProblemKind::WrongShape { expected: "a task with its text in \"data\"".into() });
        return;
    };
    let mut raw = RawDocument::new(text.to_owned(), None);
    match meta.remove("id") {
        Some(Value::String(id)) if !id.is_empty() => raw.id = Some(id),
        _ => raw.set_id(task.get("id")),
    }
    raw.title = match meta.remove("title") {
        Some(Value::String(title)) => Some(title),
        _ => None,
    };
    raw.set_status_and_annotator(meta.remove("status").as_ref(), meta.remove("annotator").as_ref());
    raw.meta = DocumentMeta::from_json(meta);
    let annotations = task.get("annotations").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default();
    if let Some(first) = annotations.first() {
        let cancelled = first.get("was_cancelled").and_then(Value::as_bool) == Some(true);
        raw.status = raw.status.or(Some(if cancelled { Status::Skipped } else { Status::Done }));
        for region in first.get("result").and_then(Value::as_array).map(Vec::as_slice).unwrap_or_default() {
            read_region(&mut raw, region);
        }
        if annotations.len() > 1 {
            let what = format!("{} more annotations of this task (only the first is read)", annotations.len() - 1);
            raw.problems.push((None, ProblemKind::Unsupported { what }));
        }
    } else if task.get("predictions").and_then(Value::as_array).is_some_and(|p| !p.is_empty()) {
        raw.problems.push((None, ProblemKind::Unsupported { what: "model predictions without an annotation".into() }));
    }
    reader.add(raw);
}

/// The value of a task's only string field in `data`, if it has one.
fn only_string(data: &Map<String, Value>) -> Option<&str> {
    let mut strings = data.values().filter_map(Value::as_str);
    strings.next().filter(|_| strings.next().is_none())
}

/// One region of a result: a span per label.
fn read_region(raw: &mut RawDocument, region: &Value) {
    let kind = region.get("type").and_then(Value::as_str).unwrap_or_default();
    if kind != "labels" {
        raw.problems.push((None, ProblemKind::Unsupported { what: format!("a {kind:?} result") }));
        return;
    }
    let value = region.get("value");
    let field = |key: &str| value.and_then(|v| v.get(key));
    let attribute = region.get("meta").and_then(|m| m.get("value"));
    match field("labels").and_then(Value::as_array) {
        Some(labels) if !labels.is_empty() => {
            for label in labels {
                raw.push_json_span(field("start"), field("end"), Some(label), field("text"), attribute);
            }
        }
        _ => raw.shape(None, "a region's \"labels\" as a non-empty list"),
    }
}

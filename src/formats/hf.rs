//! Hugging Face token classification: JSON Lines rows of tokens and tag
//! numbers, with a `labels.json` sidecar naming the numbers, `"O"` first.
//!
//! ```text
//! corpus.hf.jsonl  {"id":"a7-1","document":"a7","tokens":["Kao","Kim","ke","Bali"],"ner_tags":[1,2,0,3]}
//! labels.json      ["O","B-ACTOR","I-ACTOR","B-LOCATION","I-LOCATION"]
//! ```
//! `datasets.load_dataset("json", data_files="corpus.hf.jsonl")` reads the
//! rows; `ClassLabel(names=labels)` names the tags. Each label gets a `B-`
//! and an `I-` tag in schema order, so tag numbers do not depend on which
//! labels a corpus happens to use.
//!
//! One row per line of a document's text, tokens per [`super::tokens`];
//! `document` groups the rows back into documents. Export flattens first
//! ([`super::flatten`]) and returns the notes. Import rebuilds each text from
//! its tokens (spaces between, `\n` between rows); `ner_tags` may hold tag
//! numbers or tag names. Titles, metadata and values are not kept.

use std::collections::{HashMap, HashSet};

use serde::Serialize;
use serde_json::Value;

use super::corpus::Corpus;
use super::flatten::{flatten, FlattenNote};
use super::iob::{tag_lines, untag, Tag, TaggedToken, EXPECTED_TAG};
use super::read::{decode, fatal, json_lines, parse_json, string, RawDocument, Reader};
use super::report::{FormatError, ImportReport, ProblemKind};

/// The two files of an export, and the changes flattening made.
#[derive(Clone, Debug, PartialEq)]
pub struct HfExport {
    /// `corpus.hf.jsonl`: one row per line of text.
    pub rows: String,
    /// `labels.json`: the tag names, index = tag number.
    pub labels: String,
    pub notes: Vec<FlattenNote>,
}

#[derive(Serialize)]
struct Row<'a> {
    id: String,
    document: &'a str,
    tokens: Vec<&'a str>,
    ner_tags: Vec<usize>,
}

/// The rows and the tag names for a corpus.
pub fn export(corpus: &Corpus) -> HfExport {
    let (flat, notes) = flatten(corpus);
    let names: Vec<String> =
        std::iter::once("O".to_owned()).chain(flat.all_labels().iter().flat_map(|l| [format!("B-{l}"), format!("I-{l}")])).collect();
    let numbers: HashMap<&str, usize> = names.iter().enumerate().map(|(i, name)| (name.as_str(), i)).collect();
    let number = |tag: &Tag| numbers.get(tag.name().as_str()).copied().unwrap_or(0);
    let mut rows = String::new();
    for doc in &flat.documents {
        for (i, line) in tag_lines(doc).into_iter().enumerate() {
            let row = Row {
                id: format!("{}-{}", doc.id, i + 1),
                document: &doc.id,
                ner_tags: line.iter().map(|(_, tag)| number(tag)).collect(),
                tokens: line.into_iter().map(|(token, _)| token).collect(),
            };
            rows.push_str(&serde_json::to_string(&row).unwrap_or_default());
            rows.push('\n');
        }
    }
    HfExport { rows, labels: serde_json::to_string(&names).unwrap_or_default(), notes }
}

/// Reads rows named by a `labels.json`; `known_labels` is the schema's labels.
pub fn import(
    rows_name: &str,
    rows: &[u8],
    labels_name: &str,
    labels: &[u8],
    known_labels: &[String],
) -> Result<(Corpus, ImportReport), FormatError> {
    let names = tag_names(labels_name, labels)?;
    let text = decode(rows_name, rows)?;
    let mut reader = Reader::new(rows_name, known_labels);
    let mut declared: Vec<String> = Vec::new();
    let mut seen = HashSet::new();
    for tag in &names {
        if let Tag::Begin(label) | Tag::Inside(label) = tag {
            if seen.insert(label) {
                declared.push(label.clone());
            }
        }
    }
    reader.declare_labels(declared);
    let mut group: Option<Group> = None;
    for (line_no, value) in json_lines(&text) {
        let row = match value {
            Ok(Value::Object(row)) => row,
            Ok(_) => {
                let expected = "a JSON object with \"tokens\" and \"ner_tags\"".into();
                reader.problem(Some(line_no), None, ProblemKind::WrongShape { expected });
                continue;
            }
            Err(kind) => {
                reader.problem(Some(line_no), None, kind);
                continue;
            }
        };
        let document = string(row.get("document"));
        if group.as_ref().is_none_or(|g| g.document.is_none() || g.document != document) {
            if let Some(done) = group.take() {
                reader.add(done.finish());
            }
            let mut raw = RawDocument::new(String::new(), Some(line_no));
            match &document {
                Some(id) => raw.id = Some(id.clone()),
                None => raw.set_id(row.get("id")),
            }
            group = Some(Group { document, raw, lines: Vec::new() });
        }
        if let Some(group) = group.as_mut() {
            match tagged_row(&row, &names, line_no) {
                Ok(line) => group.lines.push(line),
                Err(expected) => group.raw.shape(Some(line_no), expected),
            }
        }
    }
    if let Some(done) = group {
        reader.add(done.finish());
    }
    reader.finish()
}

/// The rows of one document read so far.
struct Group {
    document: Option<String>,
    raw: RawDocument,
    lines: Vec<Vec<TaggedToken>>,
}

impl Group {
    fn finish(mut self) -> RawDocument {
        let (text, spans) = untag(&self.lines);
        self.raw.text = text;
        self.raw.spans = spans;
        self.raw
    }
}

/// The tag names of a `labels.json`: a JSON array of IOB2 tag names.
fn tag_names(name: &str, bytes: &[u8]) -> Result<Vec<Tag>, FormatError> {
    let expected = || ProblemKind::WrongShape { expected: format!("a JSON array of tag names, each {EXPECTED_TAG}") };
    let value = parse_json(name, &decode(name, bytes)?)?;
    let names = value.as_array().ok_or_else(|| fatal(name, expected()))?;
    names.iter().map(|n| n.as_str().and_then(Tag::parse).ok_or_else(|| fatal(name, expected()))).collect()
}

/// One row's tokens with their tags, or what the row should have been.
fn tagged_row(row: &serde_json::Map<String, Value>, names: &[Tag], line_no: usize) -> Result<Vec<TaggedToken>, &'static str> {
    const SHAPE: &str = "\"tokens\" (strings) and \"ner_tags\" (tag numbers or names) of the same length";
    let tokens = row.get("tokens").and_then(Value::as_array).ok_or(SHAPE)?;
    let tags = row.get("ner_tags").and_then(Value::as_array).ok_or(SHAPE)?;
    if tokens.len() != tags.len() {
        return Err(SHAPE);
    }
    tokens
        .iter()
        .zip(tags)
        .map(|(token, tag)| {
            let tag = match tag {
                Value::Number(n) => n.as_u64().and_then(|n| names.get(usize::try_from(n).ok()?)).cloned(),
                Value::String(name) => Tag::parse(name),
                _ => None,
            };
            Ok(TaggedToken { text: token.as_str().ok_or(SHAPE)?.to_owned(), tag: tag.ok_or(SHAPE)?, line: Some(line_no) })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::corpus::{CorpusDocument, CorpusSpan};

    #[test]
    fn rows_carry_tag_numbers_in_schema_order() {
        let doc = CorpusDocument {
            id: "a7".into(),
            text: "Kao Kim\r\nke Bali".into(),
            spans: vec![CorpusSpan::new(0, 7, "ACTOR"), CorpusSpan::new(12, 16, "LOCATION")],
            ..CorpusDocument::default()
        };
        let corpus = Corpus { labels: vec!["ACTOR".into(), "VICTIM_COUNT".into(), "LOCATION".into()], documents: vec![doc] };
        let export = export(&corpus);
        assert_eq!(export.labels, r#"["O","B-ACTOR","I-ACTOR","B-VICTIM_COUNT","I-VICTIM_COUNT","B-LOCATION","I-LOCATION"]"#);
        assert_eq!(
            export.rows,
            "{\"id\":\"a7-1\",\"document\":\"a7\",\"tokens\":[\"Kao\",\"Kim\"],\"ner_tags\":[1,2]}\n\
             {\"id\":\"a7-2\",\"document\":\"a7\",\"tokens\":[\"ke\",\"Bali\"],\"ner_tags\":[0,5]}\n"
        );
        let (read, report) = import("c.jsonl", export.rows.as_bytes(), "labels.json", export.labels.as_bytes(), &corpus.labels).unwrap();
        assert!(report.is_clean());
        assert_eq!(read.documents[0].text, "Kao Kim\nke Bali");
        assert_eq!(read.labels, corpus.labels);
    }

    #[test]
    fn a_bad_row_is_reported_and_the_others_kept() {
        let rows = "{\"tokens\":[\"a\"],\"ner_tags\":[9]}\n{\"id\":5,\"tokens\":[\"Bali\"],\"ner_tags\":[\"B-LOCATION\"]}\n";
        let (read, report) = import("c.jsonl", rows.as_bytes(), "labels.json", br#"["O"]"#, &[]).unwrap();
        assert_eq!(read.documents.len(), 1);
        assert_eq!((read.documents[0].id.as_str(), read.documents[0].spans.len()), ("5", 1));
        assert_eq!(report.problems[0].line, Some(1));
    }
}

//! brat standoff files: per document a `.txt` with the exact text and a
//! `.ann` with one annotation per line, plus an `annotation.conf` naming the
//! labels.
//!
//! ```text
//! a7.txt           Kao Kim Hourn: 20 WNI dipulangkan
//! a7.ann           T1  ACTOR 0 13  Kao Kim Hourn
//!                  T2  VICTIM_COUNT 15 21  20 WNI
//!                  #1  AnnotatorNotes T2  value=20
//! annotation.conf  [entities] ACTOR VICTIM_COUNT ...
//! ```
//! (`.ann` fields are separated by tabs, shown here as spaces.)
//! Offsets are code points: brat is written in Python and counts positions
//! in `str`, as Sorot does. The `.ann` is line-based, so a span text's tabs
//! and line breaks are written as spaces, and read back the same way. A
//! span's value is an `AnnotatorNotes` line `value=<JSON>`. brat itself
//! opens the files only if every label is a brat type name (no spaces);
//! Sorot reads any label back.
//!
//! Export names files after document ids, with any character other than an
//! ASCII letter, digit, `-`, `_` or `.` (and a leading `.`) written as `_`,
//! and `-2`, `-3`… added when two names collide. Titles, metadata, status
//! and annotators are not kept; an imported title is the first non-blank
//! line.
//!
//! Import pairs `.txt` and `.ann` files by name (a `.txt` alone has no
//! spans) and reads `annotation.conf`'s `[entities]` as the labels. Spans of
//! several ranges (`0 5;8 12`), relations, events, attributes and other
//! notes are reported and skipped.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap, HashSet};

use serde_json::Value;

use super::corpus::Corpus;
use super::read::{decode, malformed, RawDocument, RawSpan, Reader};
use super::report::{FormatError, ImportReport, ProblemKind};
use super::OutputFile;

const CONF: &str = "annotation.conf";

/// The corpus as brat files: `annotation.conf`, then a `.txt` and an `.ann`
/// per document.
pub fn export(corpus: &Corpus) -> Vec<OutputFile> {
    let conf = format!("[entities]\n{}\n[relations]\n\n[events]\n\n[attributes]\n", corpus.all_labels().join("\n"));
    let mut files = vec![OutputFile { name: CONF.to_owned(), contents: conf }];
    let mut used = HashSet::new();
    for doc in &corpus.documents {
        let name = file_name(&doc.id, &mut used);
        let mut ann = String::new();
        let mut notes = String::new();
        for (k, (span, text)) in (1..).zip(doc.spans.iter().zip(doc.span_texts())) {
            ann.push_str(&format!("T{k}\t{} {} {}\t{}\n", span.label, span.start, span.end, one_line(text)));
            if let Some(value) = &span.value {
                notes.push_str(&format!("#{k}\tAnnotatorNotes T{k}\tvalue={value}\n"));
            }
        }
        ann.push_str(&notes);
        files.push(OutputFile { name: format!("{name}.txt"), contents: doc.text.clone() });
        files.push(OutputFile { name: format!("{name}.ann"), contents: ann });
    }
    files
}

/// Reads brat files given as `(name, bytes)`, in any order; `known_labels`
/// is the schema's labels. Documents come in the order of their `.txt` files.
pub fn import(files: &[(&str, &[u8])], known_labels: &[String]) -> Result<(Corpus, ImportReport), FormatError> {
    let first = files.first().map_or("brat files", |(name, _)| name);
    let mut reader = Reader::new(first, known_labels).with_span_text(one_line);
    let mut anns: BTreeMap<&str, (&str, &[u8])> = BTreeMap::new();
    let mut texts = Vec::new();
    for &(name, bytes) in files {
        let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
        match base.rsplit_once('.') {
            Some((stem, "txt")) => texts.push((stem, name, bytes)),
            Some((stem, "ann")) => {
                anns.insert(stem, (name, bytes));
            }
            _ if base == CONF => match decode(name, bytes) {
                Ok(conf) => reader.declare_labels(entities(&conf)),
                Err(error) => reader.push_problem(error.0),
            },
            Some((_, "conf")) => {}
            _ => {
                reader.file = name.to_owned();
                reader.problem(None, None, ProblemKind::Unsupported { what: "a file that is not .txt, .ann or .conf".into() });
            }
        }
    }
    for (stem, name, bytes) in texts {
        let text = match decode(name, bytes) {
            Ok(text) => text,
            Err(error) => {
                reader.push_problem(error.0);
                anns.remove(stem);
                continue;
            }
        };
        let mut raw = RawDocument::new(text.into_owned(), None);
        raw.id = Some(stem.to_owned());
        reader.file = name.to_owned();
        if let Some((ann_name, ann_bytes)) = anns.remove(stem) {
            reader.file = ann_name.to_owned();
            match decode(ann_name, ann_bytes) {
                Ok(ann) => read_ann(&ann, &mut raw),
                Err(error) if error.0.kind == ProblemKind::Empty => {}
                Err(error) => reader.push_problem(error.0),
            }
        }
        reader.add(raw);
    }
    for (ann_name, _) in anns.into_values() {
        reader.file = ann_name.to_owned();
        reader.problem(None, None, ProblemKind::WrongShape { expected: "a .txt file of the same name beside it".into() });
    }
    reader.finish()
}

/// The spans, values and problems of one `.ann` file.
fn read_ann(ann: &str, raw: &mut RawDocument) {
    let mut ids: HashMap<&str, usize> = HashMap::new();
    let mut values: Vec<(&str, Value, usize)> = Vec::new();
    for (i, line) in ann.lines().enumerate() {
        let line_no = Some(i + 1);
        let mut fields = line.splitn(3, '\t');
        let (id, middle, rest) = (fields.next().unwrap_or_default(), fields.next(), fields.next());
        match (id.chars().next(), middle) {
            (None, _) => {}
            (Some('T'), Some(middle)) if middle.contains(';') => raw.problems.push((line_no, ProblemKind::DiscontinuousSpan)),
            (Some('T'), Some(middle)) => match text_bound(middle) {
                Some((label, start, end)) => {
                    ids.insert(id, raw.spans.len());
                    let text = rest.map(str::to_owned);
                    raw.spans.push(RawSpan { start, end, label: label.to_owned(), text, value: None, stamps: None, line: line_no });
                }
                None => raw.shape(line_no, "\"LABEL start end\" with whole-number offsets"),
            },
            (Some('#'), Some(middle)) => match (middle.strip_prefix("AnnotatorNotes "), rest.and_then(|r| r.strip_prefix("value="))) {
                (Some(target), Some(json)) => match serde_json::from_str(json) {
                    Ok(value) => values.push((target, value, i + 1)),
                    Err(error) => {
                        let mut kind = malformed(json, i + 1, &error);
                        if let ProblemKind::MalformedJson { column, .. } = &mut kind {
                            *column += line.chars().count() - json.chars().count();
                        }
                        raw.problems.push((line_no, kind));
                    }
                },
                _ => raw.problems.push((line_no, ProblemKind::Unsupported { what: "a note other than value=<JSON>".into() })),
            },
            (Some(kind @ ('R' | 'E' | 'A' | 'M' | 'N' | '*')), _) => {
                let what = match kind {
                    'R' | '*' => "a relation",
                    'E' => "an event",
                    'N' => "a normalization",
                    _ => "an attribute",
                };
                raw.problems.push((line_no, ProblemKind::Unsupported { what: format!("{what} ({id})") }));
            }
            _ => raw.shape(line_no, "a brat annotation line: an id, a tab, then its fields"),
        }
    }
    for (target, value, line_no) in values {
        match ids.get(target).and_then(|&k| raw.spans.get_mut(k)) {
            Some(span) => span.value = Some(value),
            None => raw.shape(Some(line_no), "a note on a T annotation of this file"),
        }
    }
}

/// `LABEL start end`; the label is everything before the two offsets.
fn text_bound(middle: &str) -> Option<(&str, usize, usize)> {
    let mut parts = middle.rsplitn(3, ' ');
    let end = parts.next()?.parse().ok()?;
    let start = parts.next()?.parse().ok()?;
    Some((parts.next().filter(|l| !l.is_empty())?, start, end))
}

/// The labels of an `annotation.conf`'s `[entities]` section.
fn entities(conf: &str) -> Vec<String> {
    let mut section = "";
    let mut labels = Vec::new();
    for line in conf.lines().map(str::trim) {
        if let Some(name) = line.strip_prefix('[').and_then(|l| l.strip_suffix(']')) {
            section = name;
        } else if section == "entities" && !line.is_empty() && !line.starts_with('#') {
            let label = line.split('\t').next().unwrap_or_default().trim_start_matches('!');
            labels.push(label.to_owned());
        }
    }
    labels
}

/// A span text as the `.ann` writes it: tabs and line breaks as spaces.
fn one_line(text: &str) -> Cow<'_, str> {
    if text.contains(['\t', '\n', '\r']) {
        Cow::Owned(text.replace(['\t', '\n', '\r'], " "))
    } else {
        Cow::Borrowed(text)
    }
}

/// A file name for a document id, unique among `used`.
fn file_name(id: &str, used: &mut HashSet<String>) -> String {
    let safe: String = id
        .chars()
        .enumerate()
        .map(|(i, c)| if c.is_ascii_alphanumeric() || c == '-' || c == '_' || (c == '.' && i > 0) { c } else { '_' })
        .collect();
    let base = if safe.is_empty() { "document".to_owned() } else { safe };
    let mut name = base.clone();
    let mut n = 2;
    while !used.insert(name.clone()) {
        name = format!("{base}-{n}");
        n += 1;
    }
    name
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_spans_values_and_reports_what_it_skips() {
        let txt = "Kao Kim Hourn:\r\n20 WNI";
        let ann = "T1\tACTOR 0 13\tKao Kim Hourn\nT2\tVICTIM_COUNT 16 22\t20 WNI\nT3\tACTOR 0 3;4 7\tKao Kim\n\
                   R1\tOrigin Arg1:T1 Arg2:T2\t\n#1\tAnnotatorNotes T2\tvalue=20\n#2\tAnnotatorNotes T1\tvalue={\"a\":\n";
        let labels = vec!["ACTOR".to_owned(), "VICTIM_COUNT".to_owned()];
        let conf = b"[entities]\nACTOR\nVICTIM_COUNT\n";
        let files: [(&str, &[u8]); 3] = [("d/a7.ann", ann.as_bytes()), ("d/a7.txt", txt.as_bytes()), ("d/annotation.conf", conf)];
        let (corpus, report) = import(&files, &labels).unwrap();
        let doc = &corpus.documents[0];
        assert_eq!((doc.id.as_str(), doc.spans.len()), ("a7", 2));
        assert_eq!(doc.spans[1].value, Some(Value::from(20)));
        let kinds: Vec<_> = report.problems.iter().map(|p| (p.line, p.kind.to_string())).collect();
        assert_eq!(kinds[0], (Some(3), ProblemKind::DiscontinuousSpan.to_string()));
        assert_eq!(kinds[1].0, Some(4));
        assert!(kinds[2].1.starts_with("not valid JSON at column 32"), "{kinds:?}");
    }

    #[test]
    fn file_names_are_safe_and_unique() {
        let mut used = HashSet::new();
        assert_eq!(file_name("berita/1", &mut used), "berita_1");
        assert_eq!(file_name("berita:1", &mut used), "berita_1-2");
        assert_eq!(file_name(".hidden", &mut used), "_hidden");
    }
}

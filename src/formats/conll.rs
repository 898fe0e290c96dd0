//! CoNLL-2003-style IOB2 files: a token and its tag per line, a blank line
//! after each line of text, a `-DOCSTART-` line before each document.
//!
//! ```text
//! -DOCSTART-  O
//!
//! Kao         B-ACTOR
//! Kim         I-ACTOR
//! Hourn       I-ACTOR
//! ke          O
//! Bali        B-LOCATION
//!
//! ```
//! (Token and tag are separated by a tab, shown here as spaces.)
//! Tokens follow [`super::tokens`]; a "sentence" is one line of the text.
//! Export flattens the corpus first ([`super::flatten`]) and returns the
//! notes beside the file. The format keeps tokens and tags only: an
//! imported document's text is its tokens joined by spaces and its lines by
//! `\n`, its id is `<file stem>-<n>`, and titles, metadata and values are
//! gone.
//!
//! Import takes a line's first column as the token and its last as the tag
//! (so four-column CoNLL-2003 files read too), splitting at tabs if the line
//! has any, else at whitespace. A file without `-DOCSTART-` lines is read
//! as one document per sentence.

use super::corpus::Corpus;
use super::flatten::{flatten, FlattenNote};
use super::iob::{tag_lines, untag, Tag, TaggedToken, EXPECTED_TAG};
use super::read::{decode, RawDocument, Reader};
use super::report::{FormatError, ImportReport};

/// A flat export: the file, and the changes flattening made.
#[derive(Clone, Debug, PartialEq)]
pub struct FlatExport {
    pub contents: String,
    pub notes: Vec<FlattenNote>,
}

const DOCSTART: &str = "-DOCSTART-";

/// The corpus as one IOB2 file.
pub fn export(corpus: &Corpus) -> FlatExport {
    let (flat, notes) = flatten(corpus);
    let mut contents = String::new();
    for doc in &flat.documents {
        contents.push_str(DOCSTART);
        contents.push_str("\tO\n\n");
        for line in tag_lines(doc) {
            for (token, tag) in line {
                contents.push_str(token);
                contents.push('\t');
                contents.push_str(&tag.name());
                contents.push('\n');
            }
            contents.push('\n');
        }
    }
    FlatExport { contents, notes }
}

/// Reads an IOB2 file; `known_labels` is the schema's labels.
pub fn import(name: &str, bytes: &[u8], known_labels: &[String]) -> Result<(Corpus, ImportReport), FormatError> {
    let text = decode(name, bytes)?;
    let per_sentence = !text.lines().any(|line| line.starts_with(DOCSTART));
    let mut reader = Reader::new(name, known_labels);
    let mut doc = Sentences::default();
    for (i, line) in text.lines().enumerate() {
        let line_no = i + 1;
        let columns: Vec<&str> = if line.contains('\t') { line.split('\t').collect() } else { line.split_whitespace().collect() };
        match columns.as_slice() {
            [first, ..] if *first == DOCSTART => doc.finish_into(&mut reader, Some(line_no)),
            [] | [""] => {
                doc.end_sentence();
                if per_sentence {
                    doc.finish_into(&mut reader, None);
                }
            }
            [token, .., tag] => {
                let tag = Tag::parse(tag.trim()).unwrap_or_else(|| {
                    doc.problems.push((Some(line_no), EXPECTED_TAG));
                    Tag::Outside
                });
                doc.push(line_no, TaggedToken { text: (*token).to_owned(), tag, line: Some(line_no) });
            }
            [_] => {
                doc.problems.push((Some(line_no), "a token and its tag, separated by a tab"));
            }
        }
    }
    doc.finish_into(&mut reader, None);
    reader.finish()
}

/// The sentences of the document being read.
#[derive(Default)]
struct Sentences {
    start_line: Option<usize>,
    lines: Vec<Vec<TaggedToken>>,
    current: Vec<TaggedToken>,
    problems: Vec<(Option<usize>, &'static str)>,
}

impl Sentences {
    fn push(&mut self, line_no: usize, token: TaggedToken) {
        self.start_line.get_or_insert(line_no);
        self.current.push(token);
    }

    fn end_sentence(&mut self) {
        if !self.current.is_empty() {
            self.lines.push(std::mem::take(&mut self.current));
        }
    }

    /// Hands the document read so far to `reader`, unless nothing at all
    /// was read (a `-DOCSTART-` with no token is reported as empty), and
    /// starts the next one, which begins at `next_line`.
    fn finish_into(&mut self, reader: &mut Reader<'_>, next_line: Option<usize>) {
        self.end_sentence();
        let done = std::mem::take(self);
        self.start_line = next_line;
        if done.start_line.is_none() && done.lines.is_empty() && done.problems.is_empty() {
            return;
        }
        let (text, spans) = untag(&done.lines);
        let mut raw = RawDocument::new(text, done.start_line);
        raw.spans = spans;
        for (line, expected) in done.problems {
            raw.shape(line, expected);
        }
        reader.add(raw);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::report::ProblemKind;

    fn labels() -> Vec<String> {
        vec!["ACTOR".into(), "LOCATION".into()]
    }

    #[test]
    fn reads_four_column_conll_2003_without_docstart_as_one_document_per_sentence() {
        let file = "EU NNP B-NP B-ACTOR\nrejects VBZ B-VP O\n\nBali NNP B-NP I-LOCATION\n";
        let (corpus, report) = import("eng.train", file.as_bytes(), &labels()).unwrap();
        assert!(report.is_clean(), "{report:?}");
        let docs: Vec<_> = corpus.documents.iter().map(|d| (d.id.as_str(), d.text.as_str(), d.spans.len())).collect();
        assert_eq!(docs, [("eng-1", "EU rejects", 1), ("eng-2", "Bali", 1)]);
    }

    #[test]
    fn reports_bad_tags_with_their_line_and_keeps_the_rest() {
        let file = "-DOCSTART-\tO\n\nKao\tB-ACTOR\nke\tX-Y\nBali\n";
        let (corpus, report) = import("a.conll", file.as_bytes(), &labels()).unwrap();
        assert_eq!(corpus.documents[0].text, "Kao ke");
        let lines: Vec<_> = report.problems.iter().map(|p| (p.line, p.document.as_deref())).collect();
        assert_eq!(lines, [(Some(4), Some("a-1")), (Some(5), Some("a-1"))]);
        assert!(matches!(report.problems[0].kind, ProblemKind::WrongShape { .. }));
    }
}

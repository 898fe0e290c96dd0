//! IOB2 tagging, shared by the CoNLL and Hugging Face formats: `B-LABEL`
//! begins a span, `I-LABEL` continues it, `O` is outside any span.
//!
//! Tagging reads a flattened document ([`super::flatten`]); untagging
//! rebuilds a document's text from its tokens ([`super::tokens::detokenize`]'s
//! rule: one space between tokens, `\n` between lines) with code point spans.

use super::corpus::CorpusDocument;
use super::read::RawSpan;
use super::tokens;

/// One token's tag.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Outside,
    Begin(String),
    Inside(String),
}

/// A token read from a file, with the file line it came from.
pub(crate) struct TaggedToken {
    pub text: String,
    pub tag: Tag,
    pub line: Option<usize>,
}

/// What a tag that is not IOB2 is reported as expecting.
pub(crate) const EXPECTED_TAG: &str = "a tag \"O\", \"B-LABEL\" or \"I-LABEL\"";

impl Tag {
    /// Reads `O`, `B-LABEL` or `I-LABEL`.
    pub fn parse(name: &str) -> Option<Tag> {
        match name.split_once('-') {
            _ if name == "O" => Some(Tag::Outside),
            Some(("B", label)) if !label.is_empty() => Some(Tag::Begin(label.to_owned())),
            Some(("I", label)) if !label.is_empty() => Some(Tag::Inside(label.to_owned())),
            _ => None,
        }
    }

    /// The tag as files write it.
    pub fn name(&self) -> String {
        match self {
            Tag::Outside => "O".to_owned(),
            Tag::Begin(label) => format!("B-{label}"),
            Tag::Inside(label) => format!("I-{label}"),
        }
    }
}

/// The tokens of a flattened document, line by line, each with its tag.
pub(crate) fn tag_lines(doc: &CorpusDocument) -> Vec<Vec<(&str, Tag)>> {
    let mut spans = doc.spans.iter().peekable();
    tokens::lines(&doc.text)
        .into_iter()
        .map(|line| {
            line.into_iter()
                .map(|token| {
                    while spans.next_if(|s| s.end <= token.start).is_some() {}
                    let tag = match spans.peek() {
                        Some(s) if s.start == token.start => Tag::Begin(s.label.clone()),
                        Some(s) if s.start < token.start => Tag::Inside(s.label.clone()),
                        _ => Tag::Outside,
                    };
                    (token.text, tag)
                })
                .collect()
        })
        .collect()
}

/// A document's text and spans from its tagged lines. An `I-` tag that
/// continues no span of its label begins one (IOB1 files read as well).
pub(crate) fn untag(lines: &[Vec<TaggedToken>]) -> (String, Vec<RawSpan>) {
    let mut text = String::new();
    let mut spans: Vec<RawSpan> = Vec::new();
    let mut char_pos = 0;
    for (i, line) in lines.iter().enumerate() {
        if i > 0 {
            text.push('\n');
            char_pos += 1;
        }
        let mut open: Option<usize> = None;
        for (j, token) in line.iter().enumerate() {
            if j > 0 {
                text.push(' ');
                char_pos += 1;
            }
            let start = char_pos;
            text.push_str(&token.text);
            char_pos += token.text.chars().count();
            match &token.tag {
                Tag::Outside => open = None,
                Tag::Inside(label) if open.is_some_and(|k| spans[k].label == *label) => {
                    if let Some(span) = open.and_then(|k| spans.get_mut(k)) {
                        span.end = char_pos;
                    }
                }
                Tag::Begin(label) | Tag::Inside(label) => {
                    spans.push(RawSpan {
                        start,
                        end: char_pos,
                        label: label.clone(),
                        text: None,
                        value: None,
                        stamps: None,
                        line: token.line,
                    });
                    open = Some(spans.len() - 1);
                }
            }
        }
    }
    (text, spans)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::corpus::CorpusSpan;

    #[test]
    fn tags_round_trip_through_untag() {
        let doc = CorpusDocument {
            text: "Kao Kim Hourn ke Bali\n20 WNI".into(),
            spans: vec![CorpusSpan::new(0, 13, "ACTOR"), CorpusSpan::new(17, 21, "LOCATION"), CorpusSpan::new(22, 28, "VICTIM_COUNT")],
            ..CorpusDocument::default()
        };
        let lines = tag_lines(&doc);
        let names: Vec<Vec<String>> = lines.iter().map(|l| l.iter().map(|(_, t)| t.name()).collect()).collect();
        assert_eq!(names, [vec!["B-ACTOR", "I-ACTOR", "I-ACTOR", "O", "B-LOCATION"], vec!["B-VICTIM_COUNT", "I-VICTIM_COUNT"]]);
        let tagged: Vec<Vec<TaggedToken>> = lines
            .into_iter()
            .map(|l| l.into_iter().map(|(text, tag)| TaggedToken { text: text.into(), tag, line: None }).collect())
            .collect();
        let (text, spans) = untag(&tagged);
        assert_eq!(text, doc.text);
        let ranges: Vec<_> = spans.iter().map(|s| (s.start, s.end)).collect();
        assert_eq!(ranges, [(0, 13), (17, 21), (22, 28)]);
    }

    #[test]
    fn parses_only_iob_tags() {
        assert_eq!(Tag::parse("B-ACTOR"), Some(Tag::Begin("ACTOR".into())));
        assert_eq!(Tag::parse("I-B-X"), Some(Tag::Inside("B-X".into())));
        for bad in ["", "B-", "S-ACTOR", "ACTOR", "o"] {
            assert_eq!(Tag::parse(bad), None, "{bad}");
        }
    }
}

//! IOB2 token tags of a document, for κ: the tokens and the flattening of
//! the flat exports ([`crate::formats::tokens`], [`crate::formats::flatten`]),
//! so κ measures agreement on exactly what a CoNLL or Hugging Face export of
//! each annotator's work would hold.

use std::collections::HashMap;

use crate::formats::flatten::flatten;
use crate::formats::{tokens, Corpus, CorpusDocument};

/// One token's IOB2 tag, a label given by its index in the report's list.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) enum Tag {
    Outside,
    Begin(u32),
    Inside(u32),
}

impl Tag {
    /// The tag as a category number for κ: `O` is 0, `B-k` is `2k + 1`,
    /// `I-k` is `2k + 2`.
    pub fn category(self) -> u32 {
        match self {
            Tag::Outside => 0,
            Tag::Begin(k) => 2 * k + 1,
            Tag::Inside(k) => 2 * k + 2,
        }
    }

    /// The tag with every label but `label` read as `O`, for one label's κ.
    pub fn only(self, label: u32) -> Tag {
        match self {
            Tag::Begin(k) | Tag::Inside(k) if k != label => Tag::Outside,
            tag => tag,
        }
    }
}

/// The tag of every token of `doc`'s text, in order; `labels` gives each
/// label's index and holds every label the document uses.
pub(crate) fn token_tags(doc: &CorpusDocument, labels: &HashMap<&str, u32>) -> Vec<Tag> {
    // Flattening works on a corpus; one document at a time keeps a single
    // copy of one text alive.
    let single = Corpus {
        labels: Vec::new(),
        documents: vec![CorpusDocument { text: doc.text.clone(), spans: doc.spans.clone(), ..CorpusDocument::default() }],
    };
    let (flat, _) = flatten(&single);
    let spans = &flat.documents[0].spans;
    // Flattened spans are token-aligned, sorted and never overlap.
    let mut next = 0;
    tokens::tokens(&doc.text)
        .into_iter()
        .map(|token| {
            while spans.get(next).is_some_and(|s| s.end <= token.start) {
                next += 1;
            }
            match spans.get(next).filter(|s| s.start <= token.start) {
                Some(span) => {
                    let k = labels.get(span.label.as_str()).copied().unwrap_or_default();
                    if span.start == token.start {
                        Tag::Begin(k)
                    } else {
                        Tag::Inside(k)
                    }
                }
                None => Tag::Outside,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::CorpusSpan;

    #[test]
    fn tags_follow_the_flat_exports() {
        let doc = CorpusDocument {
            text: "💩 Kao Kim Hourn di TPPOSekretaris\r\nBali".into(),
            // Nested ACTOR inside POLICY_CALL: the outer span wins, as in
            // CoNLL; an edge inside a token widens to the whole token.
            spans: vec![
                CorpusSpan::new(2, 18, "POLICY_CALL"),
                CorpusSpan::new(2, 5, "ACTOR"),
                CorpusSpan::new(19, 23, "ACTOR"),
                CorpusSpan::new(35, 39, "LOCATION"),
            ],
            ..CorpusDocument::default()
        };
        let labels = HashMap::from([("ACTOR", 0), ("LOCATION", 1), ("POLICY_CALL", 2)]);
        let names: Vec<u32> = token_tags(&doc, &labels).into_iter().map(Tag::category).collect();
        // 💩 Kao Kim Hourn di TPPOSekretaris / Bali
        assert_eq!(names, [0, 5, 6, 6, 6, 1, 3]);
        assert_eq!(Tag::Inside(2).only(0), Tag::Outside);
        assert_eq!(Tag::Begin(0).only(0), Tag::Begin(0));
    }
}

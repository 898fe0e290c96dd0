//! Fitting a corpus into a flat, token-level format (CoNLL IOB2, Hugging
//! Face token classification), which gives each token at most one label:
//! no nesting, no overlap, no edge inside a token, no span across a line,
//! no values.
//!
//! The rule, for each document:
//! 1. A value is dropped (the span stays).
//! 2. A span is widened to the whole tokens it touches ([`super::tokens`]):
//!    an edge inside a token takes the whole token, an edge in whitespace
//!    moves to the nearest token. It is cut at line ends into one span per
//!    line. A span touching no token (only whitespace) is dropped.
//! 3. Of overlapping spans the longest (outermost) is kept, then the one
//!    starting earliest, then the first label by name; every span that
//!    overlaps a kept one is dropped.
//!
//! Each change is a [`FlattenNote`]: nothing is dropped silently. Notes
//! come in document order, and by span offset within a document.

use std::fmt;

use super::corpus::{CharSlicer, Corpus, CorpusDocument, CorpusSpan};
use super::tokens::{self, Cut, Token};
use crate::sort::{sort_by, sort_by_key};

/// One change flattening made to one span.
#[derive(Clone, Debug, PartialEq)]
pub struct FlattenNote {
    pub document: String,
    /// The span as it was before this change.
    pub span: CorpusSpan,
    /// The span's text, for showing.
    pub text: String,
    pub change: FlattenChange,
}

/// What flattening did to a span.
#[derive(Clone, Debug, PartialEq)]
pub enum FlattenChange {
    /// Its value was dropped; the span stays.
    ValueDropped,
    /// An edge fell inside a token, so the whole token is tagged.
    CutsTokens(Cut<CutToken>),
    /// An edge lay in whitespace, which no token holds, so it now covers
    /// the tokens `start..end`.
    Trimmed { start: usize, end: usize },
    /// It crossed a line end, so it became one span per line.
    SplitAtLines { parts: Vec<(usize, usize)> },
    /// It covers only whitespace: dropped.
    NoToken,
    /// It overlaps `kept`, which is longer, or as long and earlier: dropped.
    Overlaps { kept: CorpusSpan },
}

/// A token a span edge fell inside, kept for a note.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CutToken {
    pub start: usize,
    pub end: usize,
    pub text: String,
}

impl From<Token<'_>> for CutToken {
    fn from(token: Token<'_>) -> Self {
        CutToken { start: token.start, end: token.end, text: token.text.to_owned() }
    }
}

impl fmt::Display for CutToken {
    /// `"TPPOSekretaris" (81..95)`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:?} ({}..{})", self.text, self.start, self.end)
    }
}

/// The corpus with every document's spans flattened, and what changed.
pub fn flatten(corpus: &Corpus) -> (Corpus, Vec<FlattenNote>) {
    let mut notes = Vec::new();
    let documents = corpus.documents.iter().map(|doc| CorpusDocument { spans: flatten_spans(doc, &mut notes), ..doc.clone() }).collect();
    (Corpus { labels: corpus.labels.clone(), documents }, notes)
}

/// Steps 1–3 of the rule for one document.
fn flatten_spans(doc: &CorpusDocument, notes: &mut Vec<FlattenNote>) -> Vec<CorpusSpan> {
    let lines = tokens::lines(&doc.text);
    let tokens: Vec<(usize, Token<'_>)> =
        lines.iter().enumerate().flat_map(|(line, tokens)| tokens.iter().map(move |t| (line, *t))).collect();
    let slicer = CharSlicer::new(&doc.text);
    let first_note = notes.len();
    let mut note = |span: &CorpusSpan, change| {
        let text = slicer.slice(span.start, span.end).unwrap_or_default().to_owned();
        notes.push(FlattenNote { document: doc.id.clone(), span: span.clone(), text, change });
    };
    let mut candidates = Vec::new();
    for span in &doc.spans {
        if span.value.is_some() {
            note(span, FlattenChange::ValueDropped);
        }
        let first = tokens.partition_point(|(_, t)| t.end <= span.start);
        let touched: Vec<&(usize, Token<'_>)> = tokens[first..].iter().take_while(|(_, t)| t.start < span.end).collect();
        let cut = Cut::of_touched(touched.first().map(|(_, t)| *t), touched.last().map(|(_, t)| *t), span.start, span.end);
        let cuts_tokens = cut.is_some();
        if let Some(cut) = cut {
            note(span, FlattenChange::CutsTokens(cut.map(CutToken::from)));
        }
        let mut parts: Vec<(usize, usize)> = Vec::new();
        let mut last_line = None;
        for (line, token) in touched {
            match parts.last_mut() {
                Some(part) if last_line == Some(*line) => part.1 = token.end,
                _ => parts.push((token.start, token.end)),
            }
            last_line = Some(*line);
        }
        match parts.as_slice() {
            [] => note(span, FlattenChange::NoToken),
            [(start, end)] if (*start, *end) == (span.start, span.end) => {}
            // The cut's note says what became of the span.
            [_] if cuts_tokens => {}
            [(start, end)] => note(span, FlattenChange::Trimmed { start: *start, end: *end }),
            _ => note(span, FlattenChange::SplitAtLines { parts: parts.clone() }),
        }
        candidates.extend(parts.into_iter().map(|(start, end)| CorpusSpan::new(start, end, span.label.clone())));
    }
    sort_by(&mut candidates, |a, b| (b.end - b.start).cmp(&(a.end - a.start)).then(a.start.cmp(&b.start)).then(a.label.cmp(&b.label)));
    // Kept spans never overlap one another and stay sorted by start, so if
    // any of them overlaps a candidate, the one starting last before the
    // candidate's end does.
    let mut kept: Vec<CorpusSpan> = Vec::new();
    for candidate in candidates {
        let before_end = kept.partition_point(|k| k.start < candidate.end);
        match kept[..before_end].last().filter(|k| k.end > candidate.start) {
            Some(winner) => note(&candidate, FlattenChange::Overlaps { kept: winner.clone() }),
            None => kept.insert(before_end, candidate),
        }
    }
    sort_by_key(&mut notes[first_note..], |note| (note.span.start, note.span.end));
    kept
}

impl fmt::Display for FlattenNote {
    /// `doc "a7": ACTOR 3..9 "Kim Hou": widened to whole tokens 0..13`
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let span = &self.span;
        write!(f, "doc {:?}: {} {}..{} {:?}: ", self.document, span.label, span.start, span.end, self.text)?;
        match &self.change {
            FlattenChange::ValueDropped => {
                write!(f, "value {} dropped (flat formats hold no values)", span.value.clone().unwrap_or_default())
            }
            FlattenChange::CutsTokens(Cut::Start(token)) => write!(f, "starts inside the token {token}: exported as the whole token"),
            FlattenChange::CutsTokens(Cut::End(token)) => write!(f, "ends inside the token {token}: exported as the whole token"),
            FlattenChange::CutsTokens(Cut::Both(start, end)) if start == end => {
                write!(f, "lies inside the token {start}: exported as the whole token")
            }
            FlattenChange::CutsTokens(Cut::Both(start, end)) => {
                write!(f, "starts inside the token {start} and ends inside the token {end}: exported as the whole tokens")
            }
            FlattenChange::Trimmed { start, end } => write!(f, "edge in whitespace, exported as the tokens {start}..{end}"),
            FlattenChange::SplitAtLines { parts } => {
                let parts: Vec<String> = parts.iter().map(|(s, e)| format!("{s}..{e}")).collect();
                write!(f, "crosses a line end, split into {}", parts.join(", "))
            }
            FlattenChange::NoToken => write!(f, "covers only whitespace, dropped"),
            FlattenChange::Overlaps { kept } => {
                write!(f, "dropped: overlaps {} {}..{}, which is longer or as long and earlier", kept.label, kept.start, kept.end)
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::formats::corpus::CorpusDocument;

    fn corpus(text: &str, spans: Vec<CorpusSpan>) -> Corpus {
        let doc = CorpusDocument { id: "d".into(), text: text.into(), spans, ..CorpusDocument::default() };
        Corpus { labels: vec![], documents: vec![doc] }
    }

    fn ranges(corpus: &Corpus) -> Vec<(usize, usize, &str)> {
        corpus.documents[0].spans.iter().map(|s| (s.start, s.end, s.label.as_str())).collect()
    }

    #[test]
    fn keeps_the_outermost_span_and_notes_the_dropped_one() {
        let text = "Kao Kim Hourn mengajak ASEAN";
        let (flat, notes) = flatten(&corpus(text, vec![CorpusSpan::new(0, 28, "POLICY_CALL"), CorpusSpan::new(0, 13, "ACTOR")]));
        assert_eq!(ranges(&flat), [(0, 28, "POLICY_CALL")]);
        assert_eq!(notes.len(), 1);
        assert_eq!(
            notes[0].to_string(),
            "doc \"d\": ACTOR 0..13 \"Kao Kim Hourn\": dropped: overlaps POLICY_CALL 0..28, which is longer or as long and earlier"
        );
    }

    fn cut(start: usize, end: usize, text: &str) -> CutToken {
        CutToken { start, end, text: text.into() }
    }

    #[test]
    fn widens_splits_at_lines_and_drops_whitespace_and_values() {
        let text = "TPPOSekretaris 💩\r\nBali  x";
        let mut valued = CorpusSpan::new(15, 21, "LOCATION");
        valued.value = Some(serde_json::json!(20));
        let spans = vec![CorpusSpan::new(0, 4, "ACTOR"), valued, CorpusSpan::new(22, 24, "ACTOR")];
        let (flat, notes) = flatten(&corpus(text, spans));
        assert_eq!(ranges(&flat), [(0, 14, "ACTOR"), (15, 16, "LOCATION"), (18, 22, "LOCATION")]);
        let changes: Vec<_> = notes.iter().map(|n| n.change.clone()).collect();
        assert_eq!(
            changes,
            [
                FlattenChange::CutsTokens(Cut::End(cut(0, 14, "TPPOSekretaris"))),
                FlattenChange::ValueDropped,
                FlattenChange::CutsTokens(Cut::End(cut(18, 22, "Bali"))),
                FlattenChange::SplitAtLines { parts: vec![(15, 16), (18, 22)] },
                FlattenChange::NoToken,
            ]
        );
    }

    #[test]
    fn notes_say_which_token_an_edge_cuts_and_come_in_offset_order() {
        let text = "Sekjen ASEAN Kao Kim Hourn ke Nusa Dua, TPPOSekretaris e\u{301}\u{301}";
        let spans = vec![
            CorpusSpan::new(7, 38, "POLICY_CALL"),
            CorpusSpan::new(8, 12, "ACTOR"),
            CorpusSpan::new(27, 39, "LOCATION"),
            CorpusSpan::new(40, 44, "ACTOR"),
            CorpusSpan::new(44, 56, "ACTOR"),
            CorpusSpan::new(56, 57, "ACTOR"),
        ];
        let (flat, notes) = flatten(&corpus(text, spans));
        assert_eq!(ranges(&flat), [(7, 38, "POLICY_CALL"), (40, 58, "ACTOR")]);
        let notes: Vec<String> = notes.iter().map(ToString::to_string).collect();
        assert_eq!(
            notes,
            [
                "doc \"d\": ACTOR 7..12 \"ASEAN\": dropped: overlaps POLICY_CALL 7..38, which is longer or as long and earlier",
                "doc \"d\": ACTOR 8..12 \"SEAN\": starts inside the token \"ASEAN\" (7..12): exported as the whole token",
                "doc \"d\": LOCATION 27..39 \"ke Nusa Dua,\": dropped: overlaps POLICY_CALL 7..38, which is longer or as long and earlier",
                "doc \"d\": ACTOR 40..44 \"TPPO\": ends inside the token \"TPPOSekretaris\" (40..54): exported as the whole token",
                "doc \"d\": ACTOR 40..54 \"TPPOSekretaris\": dropped: overlaps ACTOR 40..58, which is longer or as long and earlier",
                "doc \"d\": ACTOR 44..56 \"Sekretaris e\": starts inside the token \"TPPOSekretaris\" (40..54) and ends inside \
                 the token \"e\\u{301}\\u{301}\" (55..58): exported as the whole tokens",
                "doc \"d\": ACTOR 55..58 \"e\\u{301}\\u{301}\": dropped: overlaps ACTOR 40..58, which is longer or as long and earlier",
                "doc \"d\": ACTOR 56..57 \"\\u{301}\": lies inside the token \"e\\u{301}\\u{301}\" (55..58): exported as the whole token",
            ]
        );
    }

    #[test]
    fn an_edge_in_whitespace_moves_to_the_token() {
        let (flat, notes) = flatten(&corpus("Di  Bali 🇮🇩", vec![CorpusSpan::new(3, 9, "LOCATION")]));
        assert_eq!(ranges(&flat), [(4, 8, "LOCATION")]);
        assert_eq!(notes[0].to_string(), "doc \"d\": LOCATION 3..9 \" Bali \": edge in whitespace, exported as the tokens 4..8");
    }
}

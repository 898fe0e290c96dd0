//! The one tokenisation rule of the flat formats (CoNLL, Hugging Face):
//! Unicode word boundaries (UAX #29, `split_word_bound_indices`), each
//! segment trimmed of whitespace and whitespace-only segments dropped.
//!
//! So punctuation is a token of its own, a letter keeps its combining marks,
//! an emoji ZWJ sequence or a flag is one token, and each CJK ideograph is
//! one token. Flat formats tag line by line: a line is the text between two
//! `\n`. Offsets are code points, half-open.

use unicode_segmentation::UnicodeSegmentation;

use super::corpus::CorpusSpan;

/// One token: `start..end` in code points, and its text.
///
/// ```text
/// "Kao (ASEAN)."  ->  Kao 0..3  ( 4..5  ASEAN 5..10  ) 10..11  . 11..12
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Token<'a> {
    pub start: usize,
    pub end: usize,
    pub text: &'a str,
}

/// A span edge that falls inside a token, so a flat export would move it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SplitEdge<'a> {
    /// The span's index in the list given.
    pub span: usize,
    /// The edge's offset: the span's start or end.
    pub offset: usize,
    pub token: Token<'a>,
}

/// The tokens of `text` grouped by line; lines without tokens are left out.
pub fn lines(text: &str) -> Vec<Vec<Token<'_>>> {
    let mut lines = Vec::new();
    let mut line = Vec::new();
    let mut char_pos = 0;
    for segment in text.split_word_bounds() {
        let char_len = segment.chars().count();
        let trimmed = segment.trim();
        if !trimmed.is_empty() {
            let start = char_pos + segment.chars().take_while(|c| c.is_whitespace()).count();
            line.push(Token { start, end: start + trimmed.chars().count(), text: trimmed });
        }
        // Word boundaries fall on both sides of every line break.
        if segment.contains('\n') && !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        char_pos += char_len;
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}

/// The tokens of `text` in order.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    lines(text).concat()
}

/// The text a flat file's tokens stand for: tokens joined by one space,
/// lines by `\n`. Importers of flat formats rebuild documents this way.
pub fn detokenize<S: AsRef<str>>(lines: &[Vec<S>]) -> String {
    let lines: Vec<String> = lines.iter().map(|tokens| tokens.iter().map(AsRef::as_ref).collect::<Vec<_>>().join(" ")).collect();
    lines.join("\n")
}

/// The span edges that cut a token, for a preview before a flat export.
///
/// ```text
/// "TPPOSekretaris"  span 0..4  ->  edge 4 inside token 0..14
/// ```
pub fn split_edges<'a>(text: &'a str, spans: &[CorpusSpan]) -> Vec<SplitEdge<'a>> {
    let tokens = tokens(text);
    let mut edges = Vec::new();
    for (index, span) in spans.iter().enumerate() {
        for offset in [span.start, span.end] {
            let at = tokens.partition_point(|t| t.end <= offset);
            if let Some(token) = tokens.get(at).filter(|t| t.start < offset) {
                edges.push(SplitEdge { span: index, offset, token: *token });
            }
        }
    }
    edges
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts<'a>(tokens: &[Token<'a>]) -> Vec<&'a str> {
        tokens.iter().map(|t| t.text).collect()
    }

    #[test]
    fn punctuation_splits_marks_and_emoji_stay_whole() {
        let text = "Kao (ASEAN). Cafe\u{301} 👨🏻\u{200d}🚒 🇮🇩\r\n東京, 20 WNI";
        let lines = lines(text);
        assert_eq!(texts(&lines[0]), ["Kao", "(", "ASEAN", ")", ".", "Cafe\u{301}", "👨🏻\u{200d}🚒", "🇮🇩"]);
        assert_eq!(texts(&lines[1]), ["東", "京", ",", "20", "WNI"]);
        assert_eq!((lines[0][5].start, lines[0][5].end), (13, 18));
        assert_eq!((lines[1][0].start, lines[1][0].end), (28, 29));
        for token in lines.concat() {
            assert_eq!(crate::model::offsets::slice_chars(text, token.start, token.end), Some(token.text));
        }
    }

    #[test]
    fn blank_lines_and_whitespace_leave_no_tokens() {
        assert_eq!(lines(" \r\n\n\u{a0}\t").len(), 0);
        assert_eq!(detokenize(&[vec!["Kao", "Kim"], vec!["Bali"]]), "Kao Kim\nBali");
    }

    #[test]
    fn split_edges_finds_edges_inside_tokens() {
        let text = "TPPOSekretaris ASEAN";
        let spans = [CorpusSpan::new(0, 4, "ACTOR"), CorpusSpan::new(15, 20, "ACTOR")];
        let edges = split_edges(text, &spans);
        assert_eq!(edges.len(), 1);
        assert_eq!((edges[0].span, edges[0].offset, edges[0].token.text), (0, 4, "TPPOSekretaris"));
    }
}

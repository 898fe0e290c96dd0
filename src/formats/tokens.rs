//! The one tokenisation rule of the flat formats (CoNLL, Hugging Face):
//! Unicode word boundaries (UAX #29, `split_word_bound_indices`), each
//! segment trimmed of whitespace and whitespace-only segments dropped.
//!
//! So punctuation is a token of its own, a letter keeps its combining marks,
//! an emoji ZWJ sequence or a flag is one token, and each CJK ideograph is
//! one token. Flat formats tag line by line: a line is the text between two
//! `\n`. Offsets are code points, half-open.

use std::collections::HashMap;

use unicode_segmentation::UnicodeSegmentation;

use crate::model::offsets::char_to_byte_idx;
use crate::model::{Block, Document};

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

/// The token `offset` falls strictly inside, if any: a span edge there
/// would cut it. `tokens` are in text order.
///
/// ```text
/// "TPPOSekretaris"  4 -> TPPOSekretaris 0..14    0 -> None    14 -> None
/// ```
pub fn cut_at<'a>(tokens: &[Token<'a>], offset: usize) -> Option<Token<'a>> {
    let at = tokens.partition_point(|t| t.end <= offset);
    tokens.get(at).filter(|t| t.start < offset).copied()
}

/// The tokens a span's edges cut: a flat export tags such a token whole.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Cut<T> {
    /// Only the start cuts a token.
    Start(T),
    /// Only the end cuts a token.
    End(T),
    /// Both edges cut a token; the same one when the span lies inside it.
    Both(T, T),
}

impl<T> Cut<T> {
    /// The cut, given the token each edge falls inside.
    pub fn of_edges(start: Option<T>, end: Option<T>) -> Option<Cut<T>> {
        match (start, end) {
            (Some(start), Some(end)) => Some(Cut::Both(start, end)),
            (Some(start), None) => Some(Cut::Start(start)),
            (None, Some(end)) => Some(Cut::End(end)),
            (None, None) => None,
        }
    }

    /// The same cut with each token turned into `U`.
    pub fn map<U>(self, mut f: impl FnMut(T) -> U) -> Cut<U> {
        match self {
            Cut::Start(token) => Cut::Start(f(token)),
            Cut::End(token) => Cut::End(f(token)),
            Cut::Both(start, end) => Cut::Both(f(start), f(end)),
        }
    }
}

impl<'a> Cut<Token<'a>> {
    /// The cut of the span `start..end`, given the first and the last token
    /// it touches: the first holds its start if it begins before it, the
    /// last holds its end if it ends after it.
    pub fn of_touched(first: Option<Token<'a>>, last: Option<Token<'a>>, start: usize, end: usize) -> Option<Self> {
        Cut::of_edges(first.filter(|t| t.start < start), last.filter(|t| t.end > end))
    }

    /// What the annotator is told before exporting a span cut this way.
    ///
    /// ```text
    /// "TPPOSekretaris"  span 0..4  ->  Its end cuts the token "TPPOSekretaris": …
    /// ```
    pub fn warning(&self) -> String {
        const CONSEQUENCE: &str = "CoNLL and Hugging Face exports will tag the whole token";
        match self {
            Cut::Start(token) => format!("Its start cuts the token \u{201c}{}\u{201d}: {CONSEQUENCE}.", token.text),
            Cut::End(token) => format!("Its end cuts the token \u{201c}{}\u{201d}: {CONSEQUENCE}.", token.text),
            Cut::Both(start, end) if start == end => format!("It lies inside the token \u{201c}{}\u{201d}: {CONSEQUENCE}.", start.text),
            Cut::Both(start, end) => format!(
                "Its start cuts the token \u{201c}{}\u{201d} and its end cuts \u{201c}{}\u{201d}: {CONSEQUENCE}s.",
                start.text, end.text
            ),
        }
    }
}

/// One token a span touches, split where the span's edges cut it.
///
/// ```text
/// "TPPOSekretaris"  span 0..4  ->  before ""  inside "TPPO"  after "Sekretaris"
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PreviewToken<'a> {
    /// The part before the span's start; empty unless the start cuts it.
    pub before: &'a str,
    pub inside: &'a str,
    /// The part after the span's end; empty unless the end cuts it.
    pub after: &'a str,
    /// Whether a line break comes between this token and the one before:
    /// flat formats split a span there.
    pub after_line_break: bool,
}

impl PreviewToken<'_> {
    /// Whether a span edge falls inside this token.
    pub fn is_cut(&self) -> bool {
        !self.before.is_empty() || !self.after.is_empty()
    }
}

/// A span's tokens as a flat export sees them, for a preview.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TokenPreview<'a> {
    /// The first tokens the span touches, in order, at most the limit asked for.
    pub tokens: Vec<PreviewToken<'a>>,
    /// How many more tokens it touches.
    pub more: usize,
    /// The tokens its edges cut, wherever they are.
    pub cut: Option<Cut<Token<'a>>>,
}

/// A document's tokens, tokenised a line at a time and only for the lines
/// asked about, so checking spans costs the lines they touch, not the text.
///
/// Tokens never cross a line (word boundaries fall on both sides of every
/// line break), so a display line ([`Block`]) tokenised alone gives the same
/// tokens as the whole text; offsets are the document's code points.
pub struct LineTokens<'a> {
    document: &'a Document,
    /// The tokens of the lines tokenised so far, by block index.
    lines: HashMap<usize, Vec<Token<'a>>>,
}

impl<'a> LineTokens<'a> {
    pub fn new(document: &'a Document) -> Self {
        LineTokens { document, lines: HashMap::new() }
    }

    /// The tokens of block `index`, at document offsets.
    fn line(&mut self, index: usize) -> &[Token<'a>] {
        let document = self.document;
        self.lines
            .entry(index)
            .or_insert_with(|| document.blocks().get(index).map(|block| block_tokens(document, block)).unwrap_or_default())
    }

    /// The token `offset` falls strictly inside, if any; see [`cut_at`].
    pub fn cut_at(&mut self, offset: usize) -> Option<Token<'a>> {
        // Tokens never hold whitespace, so an edge beside it cuts none: most
        // edges are, and need no tokenising.
        let beside_space =
            self.document.slice(offset.saturating_sub(1), offset + 1).is_some_and(|pair| pair.chars().any(char::is_whitespace));
        if beside_space {
            return None;
        }
        let index = self.document.blocks().partition_point(|block| block.end <= offset);
        self.document.blocks().get(index).filter(|block| block.start < offset)?;
        cut_at(self.line(index), offset)
    }

    /// The tokens the edges of the span `start..end` cut, if any.
    ///
    /// ```text
    /// "Kao TPPOSekretaris"  0..8  ->  End(TPPOSekretaris 4..18)
    /// ```
    pub fn cut(&mut self, start: usize, end: usize) -> Option<Cut<Token<'a>>> {
        Cut::of_edges(self.cut_at(start), self.cut_at(end))
    }
}

/// The tokens of the span `start..end` of `document`, the first `limit` of
/// them split at the span's edges. Only the lines the span touches are
/// tokenised.
///
/// ```text
/// "Kao TPPOSekretaris"  0..8  ->  Kao, TPPO|Sekretaris; End(TPPOSekretaris)
/// ```
pub fn preview(document: &Document, start: usize, end: usize, limit: usize) -> TokenPreview<'_> {
    let blocks = document.blocks();
    let mut tokens = Vec::new();
    let (mut first, mut last, mut touched) = (None, None, 0);
    for block in blocks[blocks.partition_point(|block| block.end <= start)..].iter().take_while(|block| block.start < end) {
        let line = block_tokens(document, block);
        let at = line.partition_point(|t| t.end <= start);
        for (i, token) in line[at..].iter().take_while(|t| t.start < end).enumerate() {
            if touched < limit {
                tokens.push(split_token(token, start, end, i == 0 && touched > 0));
            }
            first.get_or_insert(*token);
            last = Some(*token);
            touched += 1;
        }
    }
    TokenPreview { more: touched - tokens.len(), tokens, cut: Cut::of_touched(first, last, start, end) }
}

/// The tokens of one display line of `document`, at document offsets.
fn block_tokens<'a>(document: &'a Document, block: &Block) -> Vec<Token<'a>> {
    tokens(document.block_text(block))
        .into_iter()
        .map(|token| Token { start: block.start + token.start, end: block.start + token.end, ..token })
        .collect()
}

/// `token` split at the edges of the span `start..end`, which touches it.
fn split_token<'a>(token: &Token<'a>, start: usize, end: usize, after_line_break: bool) -> PreviewToken<'a> {
    let byte_idx = |offset: usize| char_to_byte_idx(token.text, offset.clamp(token.start, token.end) - token.start).unwrap_or_default();
    let (inside_start, inside_end) = (byte_idx(start), byte_idx(end));
    PreviewToken {
        before: &token.text[..inside_start],
        inside: &token.text[inside_start..inside_end],
        after: &token.text[inside_end..],
        after_line_break,
    }
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
    fn cut_at_finds_the_token_an_offset_falls_inside() {
        let all = tokens("TPPOSekretaris Великий");
        assert_eq!(cut_at(&all, 4).map(|t| (t.start, t.end, t.text)), Some((0, 14, "TPPOSekretaris")));
        assert_eq!(cut_at(&all, 18).map(|t| t.text), Some("Великий"));
        for edge in [0, 14, 15, 22] {
            assert_eq!(cut_at(&all, edge), None, "{edge}");
        }
    }

    #[test]
    fn a_line_tokenised_alone_cuts_like_the_whole_text() {
        let text = "Judul 💩TPPO\r\n\r\nKao Kim e\u{301}Hourn, 👨🏻\u{200d}🚒 ke\n  \n東京 🇮🇩🇮🇩 (WNI)\r\nx";
        let document = Document::new("d", text);
        let all = tokens(text);
        let mut lines = LineTokens::new(&document);
        for offset in 0..=document.char_len() + 1 {
            assert_eq!(lines.cut_at(offset), cut_at(&all, offset), "{offset}");
        }
    }

    #[test]
    fn cut_names_the_edges_that_fall_inside_tokens() {
        let document = Document::new("d", "Kao TPPOSekretaris 🇮🇩Великий");
        let mut lines = LineTokens::new(&document);
        fn text<'a>(cut: Option<Cut<Token<'a>>>) -> Option<Cut<&'a str>> {
            cut.map(|cut| cut.map(|t| t.text))
        }
        assert_eq!(text(lines.cut(0, 3)), None);
        assert_eq!(text(lines.cut(0, 8)), Some(Cut::End("TPPOSekretaris")));
        assert_eq!(text(lines.cut(8, 18)), Some(Cut::Start("TPPOSekretaris")));
        assert_eq!(text(lines.cut(5, 7)), Some(Cut::Both("TPPOSekretaris", "TPPOSekretaris")));
        assert_eq!(text(lines.cut(8, 24)), Some(Cut::Both("TPPOSekretaris", "Великий")));
    }

    #[test]
    fn warnings_name_the_cut_tokens() {
        let document = Document::new("d", "Kao TPPOSekretaris Великий");
        let mut lines = LineTokens::new(&document);
        let mut warning = |start, end| lines.cut(start, end).map(|cut| cut.warning());
        assert_eq!(
            warning(0, 8).as_deref(),
            Some("Its end cuts the token \u{201c}TPPOSekretaris\u{201d}: CoNLL and Hugging Face exports will tag the whole token.")
        );
        assert_eq!(
            warning(5, 7).as_deref(),
            Some("It lies inside the token \u{201c}TPPOSekretaris\u{201d}: CoNLL and Hugging Face exports will tag the whole token.")
        );
        assert_eq!(
            warning(8, 22).as_deref(),
            Some(
                "Its start cuts the token \u{201c}TPPOSekretaris\u{201d} and its end cuts \u{201c}Великий\u{201d}: \
                 CoNLL and Hugging Face exports will tag the whole tokens."
            )
        );
    }

    fn pieces<'a>(preview: &TokenPreview<'a>) -> Vec<(&'a str, &'a str, &'a str, bool)> {
        preview.tokens.iter().map(|t| (t.before, t.inside, t.after, t.after_line_break)).collect()
    }

    #[test]
    fn preview_splits_cut_tokens_at_the_span_edges() {
        let document = Document::new("d", "Kao Kim Hourn 💩TPPOSekretaris\r\n\r\nVelikiy Новгород.");
        assert_eq!(pieces(&preview(&document, 0, 13, 40)), [("", "Kao", "", false), ("", "Kim", "", false), ("", "Hourn", "", false)]);
        let cut = preview(&document, 8, 19, 40);
        assert_eq!(pieces(&cut), [("", "Hourn", "", false), ("", "💩", "", false), ("", "TPPO", "Sekretaris", false)]);
        assert_eq!(cut.cut.map(|c| c.map(|t| (t.start, t.end, t.text))), Some(Cut::End((15, 29, "TPPOSekretaris"))));
        assert!(cut.tokens[2].is_cut() && !cut.tokens[0].is_cut());
        let across = preview(&document, 19, 44, 40);
        assert_eq!(pieces(&across), [("TPPO", "Sekretaris", "", false), ("", "Velikiy", "", true), ("", "Нов", "город", false)]);
        assert!(matches!(across.cut, Some(Cut::Both(..))));
        assert_eq!(preview(&document, 13, 14, 40), TokenPreview { tokens: vec![], more: 0, cut: None });
    }

    #[test]
    fn preview_shows_the_first_tokens_and_counts_the_rest() {
        let text = "satu dua tiga empat lima enam Sekretaris";
        let document = Document::new("d", text);
        let long = preview(&document, 0, 32, 3);
        assert_eq!(long.tokens.iter().map(|t| t.inside).collect::<Vec<_>>(), ["satu", "dua", "tiga"]);
        assert_eq!(long.more, 4);
        assert_eq!(long.cut.map(|c| c.map(|t| t.text)), Some(Cut::End("Sekretaris")));
    }
}

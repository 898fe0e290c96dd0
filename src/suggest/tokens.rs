//! Word tokens with char offsets: the one pass over the text that every rule
//! shares.
//!
//! Tokens are the Unicode word-boundary pieces of UAX #29 (via
//! `unicode-segmentation`) with whitespace and invisible marks (zero-width
//! spaces, direction marks) dropped. Each token carries its
//! char offsets (code points, half-open), counted in the same pass, so no rule
//! ever converts a byte index and the whole engine stays linear in the text.
//!
//! ```text
//! "20 warga (WNI)"  -> "20" 0..2, "warga" 3..8, "(" 9..10, "WNI" 10..13, ")" 13..14
//! "1.200" and "1,5" stay one token (UAX #29 keeps digits joined by . and ,)
//! "Myanmar's"       -> "Myanmar", "'s"  (a possessive is split off so names match)
//! ```

use std::borrow::Cow;

use unicode_segmentation::UnicodeSegmentation;

/// What separates a token from the one before it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Gap {
    /// Nothing: the tokens touch, as "(" and "WNI" in "(WNI)".
    None,
    /// Whitespace without a line break.
    Space,
    /// Whitespace holding a line break: a new line or paragraph starts.
    Newline,
}

/// One word, number or punctuation mark of the text.
#[derive(Clone, Debug)]
pub(crate) struct Token<'a> {
    /// The token exactly as written.
    pub text: &'a str,
    /// The token in lower case, borrowed when it already is.
    pub lower: Cow<'a, str>,
    /// Char offset of the first code point.
    pub start: usize,
    /// Char offset just past the last code point.
    pub end: usize,
    /// What lies between the previous token and this one.
    pub gap: Gap,
}

impl Token<'_> {
    /// Whether the token holds a letter or digit (is not punctuation).
    pub fn is_word(&self) -> bool {
        self.text.chars().any(char::is_alphanumeric)
    }

    /// Whether the first char is an upper-case letter: "Kao", "ASEAN", "I".
    pub fn is_capitalised(&self) -> bool {
        self.text.chars().next().is_some_and(char::is_uppercase)
    }

    /// Whether the token is capitalised and has lower-case letters after the
    /// first: "Kao", "Hourn", but not "ASEAN" or "I".
    pub fn is_title(&self) -> bool {
        self.is_capitalised() && self.text.chars().skip(1).any(char::is_lowercase)
    }

    /// Whether the token has letters and none is lower case: "WNI", "BP2MI".
    pub fn is_upper(&self) -> bool {
        self.text.chars().any(char::is_alphabetic) && !self.text.chars().any(char::is_lowercase)
    }
}

/// An abbreviation in brackets at token `k`, "(WNI)" or "(SBMI)": the token
/// index past it.
pub(crate) fn bracketed_abbreviation(tokens: &[Token], k: usize) -> Option<usize> {
    match tokens.get(k..k + 3)? {
        [open, abbreviation, close] if open.text == "(" && abbreviation.is_upper() && close.text == ")" => {
            (abbreviation.gap == Gap::None && close.gap == Gap::None).then_some(k + 3)
        }
        _ => None,
    }
}

/// Splits `text` into tokens, dropping whitespace and invisible marks.
pub(crate) fn tokenize(text: &str) -> Vec<Token<'_>> {
    let mut tokens = Vec::with_capacity(text.len() / 5);
    let mut char_idx = 0;
    let mut gap = Gap::None;
    for piece in text.split_word_bounds() {
        let len = piece.chars().count();
        // UAX #29 keeps a format or combining mark with the space before it
        // (" \u{200f}"): the space is a gap, the rest a token if it shows.
        let visible = piece.trim_start_matches(char::is_whitespace);
        let blank = &piece[..piece.len() - visible.len()];
        if blank.contains(['\n', '\r', '\u{2028}', '\u{2029}']) {
            gap = Gap::Newline;
        } else if !blank.is_empty() && gap == Gap::None {
            gap = Gap::Space;
        }
        if !visible.chars().all(is_invisible) {
            let start = char_idx + blank.chars().count();
            if let Some(stem) = possessive_stem(visible) {
                let stem_end = start + stem.chars().count();
                tokens.push(token(stem, start, stem_end, gap));
                tokens.push(token(&visible[stem.len()..], stem_end, char_idx + len, Gap::None));
            } else {
                tokens.push(token(visible, start, char_idx + len, gap));
            }
            gap = Gap::None;
        }
        char_idx += len;
    }
    tokens
}

/// Marks that take no room: zero-width spaces and joiners, direction marks
/// and embeddings, the word joiner, the byte order mark, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{2064}' | '\u{2066}'..='\u{2069}' | '\u{feff}' | '\u{ad}')
}

fn token(text: &str, start: usize, end: usize, gap: Gap) -> Token<'_> {
    let lower = if text.chars().any(char::is_uppercase) { Cow::Owned(text.to_lowercase()) } else { Cow::Borrowed(text) };
    Token { text, lower, start, end, gap }
}

/// "Myanmar's" -> "Myanmar"; `None` for anything without a possessive.
fn possessive_stem(piece: &str) -> Option<&str> {
    let stem = piece.strip_suffix("'s").or_else(|| piece.strip_suffix("\u{2019}s"))?;
    stem.chars().next_back().is_some_and(char::is_alphabetic).then_some(stem)
}

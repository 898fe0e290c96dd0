//! Whole-word occurrences of a phrase, for "tag all occurrences".
//!
//! Text and phrase are split into the same tokens, so a match always starts
//! and ends on a word boundary: "WNI" is found in "(WNI)" but not in
//! "WNIs". Where the phrase has no space between two tokens, the text must
//! have none either, and where it has one the text must have some
//! whitespace: "Kao Kim Hourn" also matches "Kao  Kim\nHourn".

use super::tokens::{tokenize, Gap, Token};

/// Every whole-word occurrence of `needle` in `text`, left to right and not
/// overlapping, as char ranges (half-open).
///
/// ```text
/// occurrences("WNI, (WNI) dan wni", "WNI", true)  -> [(0, 3), (6, 9)]
/// occurrences("WNI, (WNI) dan wni", "WNI", false) -> [(0, 3), (6, 9), (15, 18)]
/// ```
pub fn occurrences(text: &str, needle: &str, case_sensitive: bool) -> Vec<(usize, usize)> {
    let needle = tokenize(needle);
    let tokens = tokenize(text);
    find_token_sequence(&tokens, &needle, case_sensitive).into_iter().map(|(a, b)| (tokens[a].start, tokens[b - 1].end)).collect()
}

/// Token ranges where `needle` occurs in `tokens`, left to right and not
/// overlapping.
pub(crate) fn find_token_sequence(tokens: &[Token], needle: &[Token], case_sensitive: bool) -> Vec<(usize, usize)> {
    let mut found = Vec::new();
    if needle.is_empty() {
        return found;
    }
    let same = |a: &Token, b: &Token| if case_sensitive { a.text == b.text } else { a.lower == b.lower };
    let mut i = 0;
    while i + needle.len() <= tokens.len() {
        let window = &tokens[i..i + needle.len()];
        let matches = window
            .iter()
            .zip(needle)
            .enumerate()
            .all(|(k, (token, wanted))| same(token, wanted) && (k == 0 || (token.gap == Gap::None) == (wanted.gap == Gap::None)));
        if matches {
            found.push((i, i + needle.len()));
            i += needle.len();
        } else {
            i += 1;
        }
    }
    found
}

//! Turning a raw selection into the span an annotator meant: snapped to
//! whole words (or whole grapheme clusters), trimmed of surrounding spaces and
//! stray punctuation. All offsets are chars, half-open.
//!
//! Only the lines the selection touches are examined, so refining costs the
//! length of those lines, never of the whole document.

use unicode_segmentation::UnicodeSegmentation;

use super::offsets::char_to_byte_idx;

/// How far a selection's edges may move.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Precision {
    /// Edges inside a word move out to the whole word.
    #[default]
    Word,
    /// Edges move only to the nearest grapheme-cluster boundary.
    Character,
}

/// Pairs of brackets and quotes that a span may keep when both are inside.
const PAIRS: [(char, char); 7] =
    [('(', ')'), ('[', ']'), ('{', '}'), ('\u{201c}', '\u{201d}'), ('\u{2018}', '\u{2019}'), ('"', '"'), ('\u{ab}', '\u{bb}')];

/// Refines the selection `start..end` of `text`; `None` if nothing taggable
/// remains.
///
/// ```text
/// " Kao Kim Hou" (Word)      -> "Kao Kim Hourn"
/// "(WNI)," (Word)            -> "(WNI)"
/// "Hourn. " (Character)      -> "Hourn"
/// ```
pub fn refine(text: &str, start: usize, end: usize, precision: Precision) -> Option<(usize, usize)> {
    if start >= end {
        return None;
    }
    let start_byte_idx = char_to_byte_idx(text, start)?;
    let end_byte_idx = char_to_byte_idx(text, end)?;
    let window_start = text[..start_byte_idx].rfind('\n').map_or(0, |i| i + 1);
    let window_end = text[end_byte_idx..].find('\n').map_or(text.len(), |i| end_byte_idx + i);
    let window = &text[window_start..window_end];
    let (mut lo, mut hi) = (start_byte_idx - window_start, end_byte_idx - window_start);

    // Grapheme clusters are never split; in word precision, neither are words.
    let mut pieces: Vec<(usize, &str)> = window.grapheme_indices(true).collect();
    if precision == Precision::Word {
        pieces.extend(window.split_word_bound_indices().filter(|(_, piece)| piece.chars().any(char::is_alphanumeric)));
    }
    for &(at, piece) in &pieces {
        let piece_end = at + piece.len();
        if at < lo && lo < piece_end {
            lo = at;
        }
        if at < hi && hi < piece_end {
            hi = piece_end;
        }
    }
    let (lo, hi) = trim(window, lo, hi)?;
    let to_chars = |byte_idx: usize| text[..window_start + byte_idx].chars().count();
    Some((to_chars(lo), to_chars(hi)))
}

/// Drops spaces and punctuation at both edges of `window[lo..hi]`, keeping
/// brackets and quotes that pair with one inside.
fn trim(window: &str, mut lo: usize, mut hi: usize) -> Option<(usize, usize)> {
    loop {
        let inner = &window[lo..hi];
        let first = inner.graphemes(true).next()?;
        let last = inner.graphemes(true).next_back()?;
        if is_blank(first) {
            lo += first.len();
        } else if is_blank(last) {
            hi -= last.len();
        } else if is_punctuation(first) && !opens_pair_inside(inner) {
            lo += first.len();
        } else if is_punctuation(last) && !closes_pair_inside(inner) {
            hi -= last.len();
        } else {
            return Some((lo, hi));
        }
        if lo >= hi {
            return None;
        }
    }
}

/// White space, with or without marks on it, or nothing visible at all.
fn is_blank(grapheme: &str) -> bool {
    grapheme.starts_with(char::is_whitespace) || grapheme.chars().all(|c| c.is_whitespace() || is_invisible(c))
}

fn is_punctuation(grapheme: &str) -> bool {
    grapheme.chars().all(|c| c.is_ascii_punctuation() || is_unicode_punctuation(c))
}

fn is_unicode_punctuation(c: char) -> bool {
    matches!(c, '\u{2010}'..='\u{2027}' | '\u{2030}'..='\u{205e}' | '\u{ab}' | '\u{bb}' | '\u{a1}' | '\u{bf}' | '\u{3001}' | '\u{3002}')
}

fn is_invisible(c: char) -> bool {
    matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{00ad}')
}

/// Whether `inner` starts with an opener whose closer ends it.
fn opens_pair_inside(inner: &str) -> bool {
    let Some(first) = inner.chars().next() else { return false };
    PAIRS.iter().any(|&(open, close)| first == open && inner.len() > 1 && inner.ends_with(close) && balanced(inner, open, close))
}

/// Whether `inner` ends with a closer that balances an opener inside it.
fn closes_pair_inside(inner: &str) -> bool {
    let Some(last) = inner.chars().next_back() else { return false };
    PAIRS
        .iter()
        .any(|&(open, close)| last == close && inner[..inner.len() - close.len_utf8()].contains(open) && balanced(inner, open, close))
}

/// Whether every closer in `inner` has an opener before it.
fn balanced(inner: &str, open: char, close: char) -> bool {
    if open == close {
        return inner.matches(open).count() % 2 == 0;
    }
    let mut depth = 0i32;
    for c in inner.chars() {
        if c == open {
            depth += 1;
        } else if c == close {
            depth -= 1;
            if depth < 0 {
                return false;
            }
        }
    }
    depth == 0
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::offsets::slice_chars;

    fn refined(text: &str, selected: &str, precision: Precision) -> Option<String> {
        let byte_idx = text.find(selected).expect("selection is in the text");
        let start = text[..byte_idx].chars().count();
        let end = start + selected.chars().count();
        refine(text, start, end, precision).map(|(s, e)| slice_chars(text, s, e).unwrap().to_owned())
    }

    #[test]
    fn word_precision_snaps_and_trims() {
        let text = "Sekretaris Jenderal ASEAN, Kao Kim Hourn, menyoroti";
        assert_eq!(refined(text, " Kao Kim Hou", Precision::Word).as_deref(), Some("Kao Kim Hourn"));
        assert_eq!(refined(text, "ao Kim Hourn, ", Precision::Word).as_deref(), Some("Kao Kim Hourn"));
        assert_eq!(refined(text, ", ", Precision::Word), None);
    }

    #[test]
    fn balanced_brackets_stay_and_stray_ones_go() {
        let text = "sebanyak 20 warga negara Indonesia (WNI) yang";
        assert_eq!(refined(text, "20 warga negara Indonesia (WNI) ", Precision::Word).as_deref(), Some("20 warga negara Indonesia (WNI)"));
        assert_eq!(refined(text, "(WNI) ", Precision::Word).as_deref(), Some("(WNI)"));
        assert_eq!(refined(text, "Indonesia (", Precision::Word).as_deref(), Some("Indonesia"));
        assert_eq!(refined(text, "WNI) ", Precision::Word).as_deref(), Some("WNI"));
    }

    #[test]
    fn character_precision_splits_glued_words() {
        let text = "Kasus TPPOSekretaris Jenderal";
        assert_eq!(refined(text, "TPPO", Precision::Character).as_deref(), Some("TPPO"));
        assert_eq!(refined(text, "TPPO", Precision::Word).as_deref(), Some("TPPOSekretaris"));
    }

    #[test]
    fn a_mark_on_a_space_is_still_space() {
        // U+112DF (a Khudawadi vowel sign) joins the space before it into one
        // cluster that counts as a word: it is trimmed like the space it sits on.
        let text = "\r\n🇮🇩  \u{112df}";
        assert_eq!(refine(text, 4, 5, Precision::Word), None);
        assert_eq!(refine("Bali \u{301}", 0, 6, Precision::Character), Some((0, 4)));
    }

    #[test]
    fn grapheme_clusters_are_never_split() {
        let text = "a 👨\u{200d}👩\u{200d}👧 b";
        // Selecting only the first code point of the family emoji takes the whole cluster.
        let start = 2;
        assert_eq!(refine(text, start, start + 1, Precision::Character), Some((2, 7)));
        let combining = "Cafe\u{301} x";
        assert_eq!(refine(combining, 0, 4, Precision::Character), Some((0, 5)));
    }

    #[test]
    fn never_crosses_lines_when_snapping_and_respects_crlf() {
        let text = "one\r\nKao Kim\r\n";
        assert_eq!(refined(text, "\r\nKao", Precision::Word).as_deref(), Some("Kao"));
        assert_eq!(refined(text, "Kim\r\n", Precision::Word).as_deref(), Some("Kim"));
    }

    #[test]
    fn reversed_or_out_of_range_is_none() {
        assert_eq!(refine("abc", 2, 1, Precision::Word), None);
        assert_eq!(refine("abc", 1, 9, Precision::Word), None);
    }
}

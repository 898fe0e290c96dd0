//! The keyboard caret: a char position (`head`) and the other end of the
//! keyboard selection (`anchor`), and how arrow keys move them — by word or
//! by grapheme cluster, never into the middle of either.

use unicode_segmentation::UnicodeSegmentation;

use super::offsets::char_to_byte_idx;

/// A keyboard (or mouse) selection `anchor..head` in chars; collapsed when
/// both are equal. `exact` marks a selection made with `Alt` held, which is
/// tagged with character precision.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Caret {
    pub anchor: usize,
    pub head: usize,
    pub exact: bool,
}

impl Caret {
    /// A collapsed caret at `pos`.
    pub fn at(pos: usize) -> Self {
        Caret { anchor: pos, head: pos, exact: false }
    }

    /// The selected range `(start, end)`, `None` when collapsed.
    pub fn range(&self) -> Option<(usize, usize)> {
        (self.anchor != self.head).then(|| (self.anchor.min(self.head), self.anchor.max(self.head)))
    }
}

/// How far one arrow key press moves the caret.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum CaretUnit {
    /// To the next word end (forward) or word start (backward).
    Word,
    /// One user-perceived character: a whole emoji, flag or `e` + accent.
    Grapheme,
}

/// The caret position after moving from `pos` by `unit`.
///
/// ```text
/// "Kao Kim"  pos=0 Word forward -> 3   pos=3 Word forward -> 7
/// "a👨‍👩‍👧b"     pos=1 Grapheme forward -> 6
/// ```
pub fn step(text: &str, pos: usize, unit: CaretUnit, forward: bool) -> usize {
    let Some(byte_idx) = char_to_byte_idx(text, pos) else { return text.chars().count() };
    // Look only at the text near the caret so a key press costs the same in
    // a one-page article and in a book.
    let window_start = floor_char_boundary(text, byte_idx.saturating_sub(WINDOW_BYTES));
    let window_end = floor_char_boundary(text, (byte_idx + WINDOW_BYTES).min(text.len()));
    let window = &text[window_start..window_end];
    let stops: Vec<usize> = match unit {
        CaretUnit::Grapheme => window.grapheme_indices(true).map(|(i, _)| i).chain([window.len()]).collect(),
        CaretUnit::Word => word_stops(window, forward),
    };
    let local = byte_idx - window_start;
    let target = if forward {
        stops.iter().copied().find(|&b| b > local).unwrap_or(window.len())
    } else {
        stops.iter().rev().copied().find(|&b| b < local).unwrap_or(0)
    };
    pos - text[window_start..byte_idx].chars().count() + window[..target].chars().count()
}

/// How far around the caret movement looks, in bytes.
const WINDOW_BYTES: usize = 4096;

fn floor_char_boundary(text: &str, mut byte_idx: usize) -> usize {
    while !text.is_char_boundary(byte_idx) {
        byte_idx -= 1;
    }
    byte_idx
}

/// Where word movement stops: word ends going forward, word starts going
/// backward, as editors do. A "word" holds a letter or digit.
fn word_stops(text: &str, forward: bool) -> Vec<usize> {
    text.split_word_bound_indices()
        .filter(|(_, piece)| piece.chars().any(char::is_alphanumeric))
        .map(|(at, piece)| {
            // A word's trailing direction marks and zero-width characters
            // belong to the next stop, so the caret lands right after the letters.
            let letters = piece.trim_end_matches(|c: char| matches!(c, '\u{200b}'..='\u{200f}' | '\u{2060}' | '\u{feff}' | '\u{ad}'));
            if forward {
                at + letters.len()
            } else {
                at
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_forward_stop_at_ends_and_backward_at_starts() {
        let text = "Kao Kim, Hourn";
        let forward: Vec<_> = std::iter::successors(Some(0), |&p| (p < 14).then(|| step(text, p, CaretUnit::Word, true))).collect();
        assert_eq!(forward, [0, 3, 7, 14]);
        assert_eq!(step(text, 14, CaretUnit::Word, false), 9);
        assert_eq!(step(text, 9, CaretUnit::Word, false), 4);
        assert_eq!(step(text, 0, CaretUnit::Word, false), 0);
    }

    #[test]
    fn word_ends_stop_before_a_trailing_direction_mark() {
        let text = "\u{200f}إلى القاهرة\u{200f} أمس";
        assert_eq!(step(text, 5, CaretUnit::Word, true), 12);
    }

    #[test]
    fn graphemes_move_over_whole_clusters() {
        let text = "a👨\u{200d}👩\u{200d}👧🇮🇩e\u{301}";
        assert_eq!(step(text, 1, CaretUnit::Grapheme, true), 6);
        assert_eq!(step(text, 6, CaretUnit::Grapheme, true), 8);
        assert_eq!(step(text, 8, CaretUnit::Grapheme, true), 10);
        assert_eq!(step(text, 10, CaretUnit::Grapheme, false), 8);
        assert_eq!(step(text, 3, CaretUnit::Grapheme, true), 6, "from inside a cluster to its end");
    }

    #[test]
    fn range_orders_anchor_and_head() {
        assert_eq!(Caret { anchor: 9, head: 4, exact: false }.range(), Some((4, 9)));
        assert_eq!(Caret::at(3).range(), None);
    }
}

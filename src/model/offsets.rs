//! The one conversion point between the browser's UTF-16 offsets and the
//! model's char offsets.
//!
//! All positions in the model are Unicode code point (`char`) offsets,
//! half-open, as in Python's `text[start:end]`. The DOM reports positions in
//! UTF-16 code units inside a text node; a [`Utf16Offset`] names that unit so
//! the two can never be mixed up. Conversion looks only at one rendered text
//! run, so it costs the length of that run, not of the document.

/// A position counted in UTF-16 code units, as the DOM counts them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Utf16Offset(pub u32);

/// Converts a UTF-16 position inside `run` to a char position inside `run`.
///
/// Returns `None` when the position is past the end of `run` or falls between
/// the two halves of a surrogate pair (an emoji such as "💩").
///
/// ```text
/// run = "💩ab"   Utf16Offset(2) -> Some(1)   Utf16Offset(1) -> None
/// ```
pub fn utf16_to_char(run: &str, offset: Utf16Offset) -> Option<usize> {
    let target = offset.0 as usize;
    let mut units = 0usize;
    for (char_idx, ch) in run.chars().enumerate() {
        if units == target {
            return Some(char_idx);
        }
        units += ch.len_utf16();
        if units > target {
            return None;
        }
    }
    (units == target).then(|| run.chars().count())
}

/// Converts a char position inside `run` to a UTF-16 position inside `run`.
///
/// Returns `None` when the position is past the end of `run`.
///
/// ```text
/// run = "💩ab"   1 -> Some(Utf16Offset(2))   4 -> None
/// ```
pub fn char_to_utf16(run: &str, char_idx: usize) -> Option<Utf16Offset> {
    let mut units = 0usize;
    let mut chars = run.chars();
    for _ in 0..char_idx {
        units += chars.next()?.len_utf16();
    }
    u32::try_from(units).ok().map(Utf16Offset)
}

/// Converts a char position in `text` to a byte index, for slicing.
///
/// Returns `None` past the end of `text`; `text.chars().count()` maps to
/// `text.len()`.
pub fn char_to_byte_idx(text: &str, char_idx: usize) -> Option<usize> {
    // A char starts at every byte that is not a UTF-8 continuation byte
    // (0b10xx_xxxx): counting those is several times faster than decoding
    // chars, and this runs for every span shown.
    let mut chars_seen = 0;
    for (byte_idx, &byte) in text.as_bytes().iter().enumerate() {
        if (byte as i8) >= -0x40 {
            if chars_seen == char_idx {
                return Some(byte_idx);
            }
            chars_seen += 1;
        }
    }
    (chars_seen == char_idx).then_some(text.len())
}

/// Slices `text` by char positions, like Python's `text[start:end]`.
///
/// Returns `None` when the range is reversed or past the end.
pub fn slice_chars(text: &str, start: usize, end: usize) -> Option<&str> {
    if start > end {
        return None;
    }
    let start_byte_idx = char_to_byte_idx(text, start)?;
    let end_byte_idx = start_byte_idx + char_to_byte_idx(&text[start_byte_idx..], end - start)?;
    Some(&text[start_byte_idx..end_byte_idx])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf16_to_char_handles_astral_and_bmp() {
        let run = "💩This";
        assert_eq!(utf16_to_char(run, Utf16Offset(0)), Some(0));
        assert_eq!(utf16_to_char(run, Utf16Offset(1)), None);
        assert_eq!(utf16_to_char(run, Utf16Offset(2)), Some(1));
        assert_eq!(utf16_to_char(run, Utf16Offset(6)), Some(5));
        assert_eq!(utf16_to_char(run, Utf16Offset(7)), None);
        assert_eq!(utf16_to_char("", Utf16Offset(0)), Some(0));
    }

    #[test]
    fn zwj_sequence_counts_every_code_point() {
        // 👨🏻‍🚒 = man + skin tone + ZWJ + fire engine: 4 code points, 7 UTF-16 units.
        let run = "👨🏻‍🚒 firemen";
        assert_eq!(utf16_to_char(run, Utf16Offset(8)), Some(5));
        assert_eq!(char_to_utf16(run, 5), Some(Utf16Offset(8)));
        assert_eq!(slice_chars(run, 5, 12), Some("firemen"));
    }

    #[test]
    fn combining_marks_and_crlf_are_separate_code_points() {
        let text = "Cafe\u{301}\r\nNovgorod Великий";
        assert_eq!(slice_chars(text, 0, 5), Some("Cafe\u{301}"));
        assert_eq!(slice_chars(text, 5, 7), Some("\r\n"));
        assert_eq!(slice_chars(text, 16, 23), Some("Великий"));
        assert_eq!(char_to_utf16(text, 23), Some(Utf16Offset(23)));
    }

    #[test]
    fn out_of_range_is_none() {
        assert_eq!(char_to_utf16("ab", 3), None);
        assert_eq!(slice_chars("ab", 1, 3), None);
        assert_eq!(slice_chars("ab", 2, 1), None);
        assert_eq!(slice_chars("ab", 2, 2), Some(""));
    }
}

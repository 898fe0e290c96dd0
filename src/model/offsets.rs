//! The one conversion point between the browser's UTF-16 offsets and the
//! model's char offsets.
//!
//! All positions in the model are Unicode code point (`char`) offsets,
//! half-open, as in Python's `text[start:end]`. The DOM reports positions in
//! UTF-16 code units inside a text node; a [`Utf16Offset`] names that unit so
//! the two can never be mixed up. Conversion looks only at one rendered text
//! run, so it costs the length of that run, not of the document.
//!
//! Files written by other tools count in other units: doccano's page counts
//! UTF-16 code units (or grapheme clusters in its *grapheme mode*). An
//! [`OffsetUnit`] names a file's unit and a [`UnitMap`] converts a whole
//! text's offsets between it and code points, both ways.

use unicode_segmentation::UnicodeSegmentation;

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

/// A unit a file may count text positions in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum OffsetUnit {
    /// Unicode code points: Python's `text[start:end]`, Sorot's own unit.
    CodePoint,
    /// UTF-16 code units, as JavaScript and the DOM count (doccano's page).
    Utf16,
    /// Extended grapheme clusters (doccano's grapheme mode): "🇮🇩", "👨‍👩‍👧‍👦"
    /// and CRLF each count one.
    Grapheme,
}

impl OffsetUnit {
    pub const ALL: [OffsetUnit; 3] = [OffsetUnit::Utf16, OffsetUnit::Grapheme, OffsetUnit::CodePoint];

    /// What doccano's page counts in a project made with its defaults.
    pub const DOCCANO_DEFAULT: OffsetUnit = OffsetUnit::Utf16;

    /// The name on the command line and in stored settings.
    pub fn key(self) -> &'static str {
        match self {
            OffsetUnit::CodePoint => "codepoint",
            OffsetUnit::Utf16 => "utf16",
            OffsetUnit::Grapheme => "grapheme",
        }
    }

    /// Reads a [`OffsetUnit::key`].
    pub fn parse(key: &str) -> Option<Self> {
        OffsetUnit::ALL.into_iter().find(|unit| unit.key() == key)
    }

    /// The unit in words, plural: "UTF-16 code units".
    pub fn name(self) -> &'static str {
        match self {
            OffsetUnit::CodePoint => "code points",
            OffsetUnit::Utf16 => "UTF-16 code units",
            OffsetUnit::Grapheme => "grapheme clusters",
        }
    }
}

/// Why an offset in some unit names no code point position of a text.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UnitError {
    /// Past the end of a text `len` units long.
    PastEnd { len: usize },
    /// Inside one character: between the halves of a surrogate pair
    /// (UTF-16), or inside a grapheme cluster given in code points.
    Inside,
}

/// One text's positions in one unit, for converting many offsets of it.
///
/// ```text
/// "💩 Bali"  Utf16: 3 -> char 2   char 2 -> 3   1 -> Inside
/// "🇮🇩 Bali" Grapheme: 2 -> char 3   char 1 -> Inside
/// ```
#[derive(Clone, Debug)]
pub struct UnitMap {
    unit: OffsetUnit,
    char_len: usize,
    /// UTF-16: the UTF-16 offset of each char position `0..=char_len`.
    /// Grapheme: the char position of each cluster boundary. Empty when
    /// the unit counts this text as code points (see `as_code_points`).
    table: Vec<usize>,
    /// The unit counts every position of this text as code points do: ASCII
    /// (without CR, for grapheme clusters, where CRLF is one), or the unit is
    /// code points. No table is built.
    as_code_points: bool,
}

impl UnitMap {
    /// Measures `text` in `unit`; costs one pass over the text.
    pub fn new(text: &str, unit: OffsetUnit) -> Self {
        let counting_code_points = UnitMap { unit, char_len: text.chars().count(), table: Vec::new(), as_code_points: true };
        if text.is_ascii() && !(unit == OffsetUnit::Grapheme && text.contains('\r')) {
            return counting_code_points;
        }
        let mut table = Vec::new();
        let mut char_len = 0;
        match unit {
            OffsetUnit::CodePoint => return counting_code_points,
            OffsetUnit::Utf16 => {
                let mut units = 0;
                table.push(0);
                for ch in text.chars() {
                    units += ch.len_utf16();
                    table.push(units);
                }
                char_len = table.len() - 1;
            }
            OffsetUnit::Grapheme => {
                table.push(0);
                for cluster in text.graphemes(true) {
                    char_len += cluster.chars().count();
                    table.push(char_len);
                }
            }
        }
        UnitMap { unit, char_len, table, as_code_points: false }
    }

    pub fn unit(&self) -> OffsetUnit {
        self.unit
    }

    /// The text's length in the unit.
    pub fn len(&self) -> usize {
        match (self.as_code_points, self.unit) {
            (true, _) | (_, OffsetUnit::CodePoint) => self.char_len,
            (_, OffsetUnit::Utf16) => self.table[self.char_len],
            (_, OffsetUnit::Grapheme) => self.table.len() - 1,
        }
    }

    pub fn is_empty(&self) -> bool {
        self.char_len == 0
    }

    /// The char position of `offset`, counted in the unit.
    pub fn to_char(&self, offset: usize) -> Result<usize, UnitError> {
        let past_end = UnitError::PastEnd { len: self.len() };
        match (self.as_code_points, self.unit) {
            (true, _) | (_, OffsetUnit::CodePoint) => (offset <= self.char_len).then_some(offset).ok_or(past_end),
            (_, OffsetUnit::Utf16) if offset > self.len() => Err(past_end),
            (_, OffsetUnit::Utf16) => self.table.binary_search(&offset).map_err(|_| UnitError::Inside),
            (_, OffsetUnit::Grapheme) => self.table.get(offset).copied().ok_or(past_end),
        }
    }

    /// The offset in the unit of char position `char_idx`.
    pub fn from_char(&self, char_idx: usize) -> Result<usize, UnitError> {
        if char_idx > self.char_len {
            return Err(UnitError::PastEnd { len: self.char_len });
        }
        match (self.as_code_points, self.unit) {
            (true, _) | (_, OffsetUnit::CodePoint) => Ok(char_idx),
            (_, OffsetUnit::Utf16) => Ok(self.table[char_idx]),
            (_, OffsetUnit::Grapheme) => self.table.binary_search(&char_idx).map_err(|_| UnitError::Inside),
        }
    }

    /// The offset in the unit of the last unit boundary at or before
    /// `char_idx` (clamped to the text).
    pub fn round_down(&self, char_idx: usize) -> usize {
        self.round(char_idx, false)
    }

    /// The offset in the unit of the first unit boundary at or after
    /// `char_idx` (clamped to the text).
    pub fn round_up(&self, char_idx: usize) -> usize {
        self.round(char_idx, true)
    }

    fn round(&self, char_idx: usize, up: bool) -> usize {
        let char_idx = char_idx.min(self.char_len);
        match (self.as_code_points, self.unit) {
            (true, _) | (_, OffsetUnit::CodePoint) => char_idx,
            (_, OffsetUnit::Utf16) => self.table[char_idx],
            (_, OffsetUnit::Grapheme) => match self.table.binary_search(&char_idx) {
                Ok(cluster) => cluster,
                // Inside cluster `at - 1`, which ends at boundary `at`.
                Err(at) if up => at,
                Err(at) => at - 1,
            },
        }
    }

    /// Whether some offset means another position in this unit than in
    /// code points: the text holds a character outside the Basic
    /// Multilingual Plane (UTF-16) or a cluster of several code points.
    pub fn differs_from_code_points(&self) -> bool {
        !self.as_code_points && self.len() != self.char_len
    }
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

    /// The drawn spans of `shared/samples/doccano-1.8.4`, a text with emoji,
    /// a ZWJ family, flags, a skin tone, accents and CRLF.
    const HAZARD: &str = "Laporan 😀 dari Jakarta\r\nKeluarga 👨\u{200d}👩\u{200d}👧\u{200d}👦 menunggu kabar 28 WNI";

    #[test]
    fn units_measure_the_same_word_differently() {
        let utf16 = UnitMap::new(HAZARD, OffsetUnit::Utf16);
        let grapheme = UnitMap::new(HAZARD, OffsetUnit::Grapheme);
        let chars = UnitMap::new(HAZARD, OffsetUnit::CodePoint);
        // "Jakarta" is chars 15..22.
        assert_eq!(slice_chars(HAZARD, 15, 22), Some("Jakarta"));
        assert_eq!((utf16.from_char(15), utf16.from_char(22)), (Ok(16), Ok(23)));
        assert_eq!((grapheme.from_char(15), grapheme.from_char(22)), (Ok(15), Ok(22)));
        assert_eq!(utf16.to_char(16), Ok(15));
        assert_eq!(utf16.to_char(9), Err(UnitError::Inside));
        // CRLF is one cluster: the family's start is char 33, cluster 32.
        assert_eq!(grapheme.from_char(24), Ok(23));
        assert_eq!(grapheme.from_char(23), Err(UnitError::Inside));
        assert_eq!(grapheme.to_char(33), Ok(40));
        assert_eq!(chars.to_char(500), Err(UnitError::PastEnd { len: chars.len() }));
        assert_eq!(utf16.to_char(utf16.len() + 1), Err(UnitError::PastEnd { len: utf16.len() }));
        assert!(utf16.differs_from_code_points() && grapheme.differs_from_code_points());
        assert!(!UnitMap::new("Великий Новгород", OffsetUnit::Utf16).differs_from_code_points());
        assert!(UnitMap::new("a\r\nb", OffsetUnit::Grapheme).differs_from_code_points());
        assert_eq!(UnitMap::new("", OffsetUnit::Grapheme).to_char(0), Ok(0));
    }

    #[test]
    fn unit_keys_read_back() {
        for unit in OffsetUnit::ALL {
            assert_eq!(OffsetUnit::parse(unit.key()), Some(unit));
        }
        assert_eq!(OffsetUnit::parse("bytes"), None);
    }
}

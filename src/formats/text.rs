//! Plain text files: bytes to a document's text, exactly as written.
//!
//! UTF-8 is expected. A UTF-8 byte order mark is dropped (it is not part of
//! the text and must not shift offsets); UTF-16 files with a byte order mark
//! are decoded. Anything else that is not valid UTF-8 is refused with the
//! position of the first bad byte.

use std::borrow::Cow;
use std::fmt;

/// Why a file's bytes are not a text Sorot can open.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TextError {
    /// The file holds no characters at all.
    Empty,
    /// The bytes are not UTF-8; `byte_idx` is the first bad byte.
    InvalidUtf8 { byte_idx: usize },
    /// A UTF-16 file whose content is not valid UTF-16.
    InvalidUtf16,
    /// NUL bytes: this is a binary file, not text.
    Binary,
}

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            TextError::Empty => write!(f, "the file is empty: there is nothing to annotate"),
            TextError::InvalidUtf8 { byte_idx } => {
                write!(f, "the file is not UTF-8 text (first bad byte at position {byte_idx}); save it as UTF-8 and open it again")
            }
            TextError::InvalidUtf16 => write!(f, "the file starts like UTF-16 but is not valid UTF-16"),
            TextError::Binary => write!(f, "the file holds binary data (NUL bytes), not text"),
        }
    }
}

/// Decodes a text file's bytes, borrowing them when they are UTF-8 already.
///
/// ```text
/// EF BB BF 41 -> "A"      FF FE 41 00 -> "A"      41 FF -> bad byte at 1
/// ```
pub fn decode(bytes: &[u8]) -> Result<Cow<'_, str>, TextError> {
    let text = if let Some(rest) = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]) {
        Cow::Borrowed(utf8(rest)?)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFF, 0xFE]) {
        Cow::Owned(utf16(rest, u16::from_le_bytes)?)
    } else if let Some(rest) = bytes.strip_prefix(&[0xFE, 0xFF]) {
        Cow::Owned(utf16(rest, u16::from_be_bytes)?)
    } else {
        Cow::Borrowed(utf8(bytes)?)
    };
    if text.contains('\0') {
        return Err(TextError::Binary);
    }
    if text.is_empty() {
        return Err(TextError::Empty);
    }
    Ok(text)
}

fn utf8(bytes: &[u8]) -> Result<&str, TextError> {
    std::str::from_utf8(bytes).map_err(|e| TextError::InvalidUtf8 { byte_idx: e.valid_up_to() })
}

fn utf16(bytes: &[u8], unit: fn([u8; 2]) -> u16) -> Result<String, TextError> {
    if bytes.len() % 2 != 0 {
        return Err(TextError::InvalidUtf16);
    }
    let units: Vec<u16> = bytes.chunks_exact(2).map(|pair| unit([pair[0], pair[1]])).collect();
    String::from_utf16(&units).map_err(|_| TextError::InvalidUtf16)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_with_and_without_bom_and_utf16() {
        assert_eq!(decode("💩 a\r\n".as_bytes()).unwrap(), "💩 a\r\n");
        assert_eq!(decode(b"\xEF\xBB\xBFJudul").unwrap(), "Judul");
        assert_eq!(decode(b"\xFF\xFEA\x00=\xD8\xA9\xDC").unwrap(), "A💩");
        assert_eq!(decode(b"\xFE\xFF\x00A").unwrap(), "A");
    }

    #[test]
    fn refuses_bad_bytes_with_their_position() {
        assert_eq!(decode(b"Kao \xC3\x28"), Err(TextError::InvalidUtf8 { byte_idx: 4 }));
        assert_eq!(decode(b""), Err(TextError::Empty));
        assert_eq!(decode(b"\xEF\xBB\xBF"), Err(TextError::Empty));
        assert_eq!(decode(b"PK\x03\x04\x00\x00"), Err(TextError::Binary));
        assert_eq!(decode(b"\xFF\xFEA"), Err(TextError::InvalidUtf16));
        assert!(TextError::InvalidUtf8 { byte_idx: 4 }.to_string().contains("position 4"));
    }
}

//! A document: its exact text, split into blocks (title, headings,
//! paragraphs) for display only.
//!
//! Blocks are ranges of char offsets into the unchanged text; rendering a
//! block never changes a character. Line terminators (`\n`, `\r\n`) and blank
//! lines sit between blocks and belong to none.

use std::rc::Rc;

/// How far the annotation of a document has got.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Status {
    #[default]
    Todo,
    InProgress,
    Done,
    Skipped,
}

impl Status {
    /// Every status, in workflow order.
    pub const ALL: [Status; 4] = [Status::Todo, Status::InProgress, Status::Done, Status::Skipped];

    /// The status a file names, if it is one of the four.
    pub fn parse(name: &str) -> Option<Status> {
        Status::ALL.into_iter().find(|s| s.as_str() == name)
    }

    /// The status of a document whose file states none: "todo" without
    /// spans, "in progress" with some.
    pub fn unstated(has_spans: bool) -> Status {
        if has_spans {
            Status::InProgress
        } else {
            Status::Todo
        }
    }

    /// The status's name as files and the UI write it: `"in progress"`.
    pub fn as_str(self) -> &'static str {
        match self {
            Status::Todo => "todo",
            Status::InProgress => "in progress",
            Status::Done => "done",
            Status::Skipped => "skipped",
        }
    }
}

/// What is known about a document besides its text.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Metadata {
    /// E.g. the article's URL or the newspaper's name.
    pub source: Option<String>,
    /// As the file wrote it; no date format is imposed.
    pub date: Option<String>,
    /// Who annotated it, as the file says.
    pub annotator: Option<String>,
    /// Every other field a file carried, as one JSON object, kept as read
    /// so that exporting gives it back.
    pub extra_json: Option<String>,
}

/// What a block is, judged from its line; this only changes how it looks.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The document's first line.
    Title,
    /// A short line right after the title with no closing punctuation.
    Subtitle,
    /// A numbered section heading such as "1. Dorong Indonesia ...".
    Heading,
    /// Running text.
    Paragraph,
    /// Scraped page furniture: "Baca Juga: ...", photo captions, "Topik:".
    Boilerplate,
}

/// One displayed line of the document: `start..end` in chars, no terminator.
///
/// The byte indices of the same range are kept so a block's text can be
/// sliced without walking the document from its start.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Block {
    pub start: usize,
    pub end: usize,
    pub kind: BlockKind,
    pub start_byte_idx: usize,
    pub end_byte_idx: usize,
}

/// A text to annotate, exactly as opened.
#[derive(Clone, Debug, Eq)]
pub struct Document {
    id: String,
    title: String,
    text: Rc<str>,
    char_len: usize,
    blocks: Rc<[Block]>,
}

impl PartialEq for Document {
    /// Texts are shared and never change: the same `Rc` is the same text,
    /// which spares comparing a long article character by character.
    fn eq(&self, other: &Self) -> bool {
        self.id == other.id
            && (Rc::ptr_eq(&self.text, &other.text) || self.text == other.text)
            && self.title == other.title
            && (Rc::ptr_eq(&self.blocks, &other.blocks) || self.blocks == other.blocks)
    }
}

impl Document {
    /// Makes a document; the title is the first non-blank line.
    pub fn new(id: impl Into<String>, text: impl Into<Rc<str>>) -> Self {
        let text: Rc<str> = text.into();
        let blocks: Rc<[Block]> = split_blocks(&text).into();
        let title = blocks
            .first()
            .and_then(|b| super::offsets::slice_chars(&text, b.start, b.end))
            .map(|line| line.trim().to_owned())
            .unwrap_or_default();
        Document { id: id.into(), title, char_len: text.chars().count(), text, blocks }
    }

    pub fn id(&self) -> &str {
        &self.id
    }

    /// The same document under another id.
    pub fn with_id(mut self, id: String) -> Self {
        self.id = id;
        self
    }

    pub fn title(&self) -> &str {
        &self.title
    }

    /// The full text, shared.
    pub fn text(&self) -> &Rc<str> {
        &self.text
    }

    /// The text's length in chars.
    pub fn char_len(&self) -> usize {
        self.char_len
    }

    /// The display blocks in text order.
    pub fn blocks(&self) -> &Rc<[Block]> {
        &self.blocks
    }

    /// The text of one of this document's blocks.
    pub fn block_text(&self, block: &Block) -> &str {
        self.text.get(block.start_byte_idx..block.end_byte_idx).unwrap_or_default()
    }

    /// The text of `start..end` in chars, or `None` if out of range.
    ///
    /// Starts counting at the block that holds `start` (blocks know their
    /// byte offsets), so slicing many spans of a long text stays cheap.
    pub fn slice(&self, start: usize, end: usize) -> Option<&str> {
        if start > end || end > self.char_len {
            return None;
        }
        let start_byte_idx = self.byte_idx_of(start)?;
        super::offsets::slice_chars(&self.text[start_byte_idx..], 0, end - start)
    }

    /// The byte index of char `pos`, counted from the nearest block start.
    fn byte_idx_of(&self, pos: usize) -> Option<usize> {
        let before = self.blocks.partition_point(|block| block.start <= pos);
        let (char_base, byte_base) = match before.checked_sub(1).map(|i| &self.blocks[i]) {
            Some(block) => (block.start, block.start_byte_idx),
            None => (0, 0),
        };
        super::offsets::char_to_byte_idx(&self.text[byte_base..], pos - char_base).map(|byte_idx| byte_base + byte_idx)
    }
}

/// Splits `text` into one block per non-blank line (lines end at `\n` or
/// `\r\n`). Finds line ends by byte search and counts each line's chars
/// once: a 30 MB corpus splits in a blink.
fn split_blocks(text: &str) -> Vec<Block> {
    let mut blocks = Vec::new();
    let (mut char_pos, mut byte_idx) = (0usize, 0usize);
    loop {
        let rest = &text[byte_idx..];
        let (line_len, terminator) = match rest.find('\n') {
            Some(newline) if rest[..newline].ends_with('\r') => (newline - 1, 2),
            Some(newline) => (newline, 1),
            None => (rest.len(), 0),
        };
        let line_chars = rest[..line_len].chars().count();
        push_block(&mut blocks, text, (char_pos, byte_idx), (char_pos + line_chars, byte_idx + line_len));
        if terminator == 0 {
            return blocks;
        }
        char_pos += line_chars + terminator;
        byte_idx += line_len + terminator;
    }
}

/// Adds the line `start..end` (each a `(char, byte_idx)` pair) unless blank.
fn push_block(blocks: &mut Vec<Block>, text: &str, start: (usize, usize), end: (usize, usize)) {
    let line = &text[start.1..end.1];
    if line.trim().is_empty() {
        return;
    }
    let previous = blocks.last().map(|b: &Block| b.kind);
    let kind = classify(line, previous);
    blocks.push(Block { start: start.0, end: end.0, kind, start_byte_idx: start.1, end_byte_idx: end.1 });
}

/// Judges a line's kind from its words; news scraped from the web carries
/// the same furniture on every page, so a few patterns go a long way.
fn classify(line: &str, previous: Option<BlockKind>) -> BlockKind {
    let trimmed = line.trim();
    if previous.is_none() {
        return BlockKind::Title;
    }
    if is_boilerplate(trimmed) {
        return BlockKind::Boilerplate;
    }
    let short = trimmed.chars().count() <= 120;
    let closes_sentence = trimmed.ends_with(['.', '!', '?', '"', '\u{201d}', ':', ',', ';']);
    if short && !closes_sentence && is_numbered(trimmed) {
        return BlockKind::Heading;
    }
    if short && !closes_sentence && previous == Some(BlockKind::Title) {
        return BlockKind::Subtitle;
    }
    BlockKind::Paragraph
}

fn is_numbered(line: &str) -> bool {
    let digits = line.chars().take_while(char::is_ascii_digit).count();
    digits > 0 && digits <= 2 && line[digits..].starts_with(". ")
}

fn is_boilerplate(line: &str) -> bool {
    const PREFIXES: [&str; 5] = ["Baca Juga:", "Baca juga:", "Topik:", "Berita Terkini Lainnya", "\u{2022}"];
    PREFIXES.iter().any(|p| line.starts_with(p)) || (line.ends_with(')') && line.contains("(IDN Times/"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_text(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks()
            .iter()
            .map(|b| {
                assert_eq!(doc.block_text(b), doc.slice(b.start, b.end).unwrap());
                (b.kind, doc.block_text(b))
            })
            .collect()
    }

    #[test]
    fn crlf_and_blank_lines_fall_between_blocks() {
        let doc = Document::new("d", "Judul 💩\r\n\r\nParagraf satu.\r\nDua\n");
        assert_eq!(
            kinds_and_text(&doc),
            [(BlockKind::Title, "Judul 💩"), (BlockKind::Paragraph, "Paragraf satu."), (BlockKind::Paragraph, "Dua")]
        );
        assert_eq!(doc.title(), "Judul 💩");
        assert_eq!(doc.char_len(), 31);
        assert_eq!(doc.blocks()[1].start, 11);
    }

    #[test]
    fn seed_article_blocks_are_classified() {
        let doc = Document::new("seed", include_str!("../seed_article.txt"));
        let find = |prefix: &str| kinds_and_text(&doc).into_iter().find(|(_, t)| t.trim_start().starts_with(prefix)).unwrap().0;
        assert_eq!(find("Sekjen Minta Negara ASEAN Kerja Bersama Tangkal Kasus TPPO"), BlockKind::Title);
        assert_eq!(find("Dorong Indonesia pimpin"), BlockKind::Subtitle);
        assert_eq!(find("1. Dorong Indonesia"), BlockKind::Heading);
        assert_eq!(find("3. 20 WNI"), BlockKind::Heading);
        assert_eq!(find("Baca Juga: KTT"), BlockKind::Boilerplate);
        assert_eq!(find("Topik:"), BlockKind::Boilerplate);
        assert_eq!(find("\u{2022} Deti"), BlockKind::Boilerplate);
        assert_eq!(find("Berita Terkini"), BlockKind::Boilerplate);
        assert_eq!(find("Denpasar, IDN Times"), BlockKind::Paragraph);
        assert_eq!(find("Sebelumnya, pemerintah"), BlockKind::Paragraph);
        let caption = kinds_and_text(&doc).into_iter().filter(|(_, t)| t.contains("(IDN Times/Sonya")).count();
        assert_eq!(caption, 2);
        assert!(kinds_and_text(&doc).iter().filter(|(_, t)| t.contains("(IDN Times/")).all(|(k, _)| *k == BlockKind::Boilerplate));
    }

    #[test]
    fn slicing_from_the_nearest_block_matches_slicing_from_the_start() {
        let text = "Judul 💩\r\n\r\nKao Kim e\u{301} Hourn\n\n  \nDi Bali 🇮🇩 dan\n";
        let doc = Document::new("d", text);
        let len = text.chars().count();
        for start in 0..=len {
            for end in start..=len {
                assert_eq!(doc.slice(start, end), super::super::offsets::slice_chars(text, start, end), "{start}..{end}");
            }
        }
        assert_eq!(doc.slice(3, 2), None);
        assert_eq!(doc.slice(0, len + 1), None);
    }

    #[test]
    fn blocks_slice_back_to_lines() {
        let text = "T\n\ta\u{301} b\r\n  \nc\rd\r";
        let doc = Document::new("d", text);
        let lines: Vec<_> = kinds_and_text(&doc).into_iter().map(|(_, t)| t).collect();
        assert_eq!(lines, ["T", "\ta\u{301} b", "c\rd\r"]);
        assert_eq!(doc.blocks()[2].end, text.chars().count());
    }
}

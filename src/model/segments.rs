//! Rendering layout: a block cut into segments at every span boundary, each
//! knowing which spans cover it and on which lane each span is drawn.
//!
//! Segments are char ranges that tile the block exactly, so the rendered text
//! is the block's text, unchanged. A lane is a stacking level: nested or
//! overlapping spans get different lanes, so each shows its own underline.

use unicode_segmentation::UnicodeSegmentation;

use super::document::Block;
use super::label::Label;
use super::span::{Span, SpanId};
use crate::sort::{sort, sort_by_key};

/// One span's part in a segment.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layer {
    pub span_id: SpanId,
    pub label: Label,
    /// 0 for the outermost span; nested spans get higher lanes.
    pub lane: usize,
    /// Whether the span begins at this segment (its label tag goes here).
    pub starts_here: bool,
}

/// A run of text `start..end` (chars) covered by the same spans.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    /// Covering spans, outermost lane first.
    pub layers: Vec<Layer>,
    /// Indices of the open suggestions covering this segment.
    pub suggestions: Vec<usize>,
}

/// A block's segments and how many lanes its spans need.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct BlockLayout {
    pub segments: Vec<Segment>,
    pub lanes: usize,
}

/// An open suggestion's place in a block: its index in the document's
/// suggestion list and its char range.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ghost {
    pub index: usize,
    pub start: usize,
    pub end: usize,
}

/// Cuts `block` into segments; `spans` are the spans overlapping it and
/// `ghosts` the open suggestions overlapping it.
///
/// ```text
/// block "Kao Kim Hourn mengajak"  ACTOR 0..13
///   -> [0..13 ACTOR lane 0] [13..22 no layers]
/// ```
pub fn layout_block(block: &Block, spans: &[Span], ghosts: &[Ghost]) -> BlockLayout {
    let lanes_by_span = assign_lanes(block, spans);
    let lanes = lanes_by_span.iter().map(|(_, lane)| lane + 1).max().unwrap_or(0);
    let mut cuts = vec![block.start, block.end];
    let edges = spans.iter().flat_map(|s| [s.start(), s.end()]).chain(ghosts.iter().flat_map(|g| [g.start, g.end]));
    cuts.extend(edges.filter(|&p| p > block.start && p < block.end));
    sort(&mut cuts);
    cuts.dedup();
    let segments = cuts
        .windows(2)
        .map(|pair| {
            let (start, end) = (pair[0], pair[1]);
            let mut layers: Vec<Layer> = spans
                .iter()
                .zip(&lanes_by_span)
                .filter(|(span, _)| span.start() <= start && span.end() >= end)
                .map(|(span, (_, lane))| Layer {
                    span_id: span.id(),
                    label: span.label().clone(),
                    lane: *lane,
                    starts_here: span.start() == start,
                })
                .collect();
            sort_by_key(&mut layers, |layer| layer.lane);
            let suggestions = ghosts.iter().filter(|g| g.start <= start && g.end >= end).map(|g| g.index).collect();
            Segment { start, end, layers, suggestions }
        })
        .collect();
    BlockLayout { segments, lanes }
}

/// A piece of a segment's text: `start..end` in chars, and the name of the
/// invisible character it holds, if it is one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Run {
    pub start: usize,
    pub end: usize,
    pub invisible: Option<&'static str>,
}

/// Characters scraped news is full of that show as nothing or as a space.
const INVISIBLES: [(char, &str); 10] = [
    ('\u{a0}', "NBSP"),
    ('\u{ad}', "SHY"),
    ('\u{200b}', "ZWSP"),
    ('\u{200c}', "ZWNJ"),
    ('\u{200d}', "ZWJ"),
    ('\u{200e}', "LRM"),
    ('\u{200f}', "RLM"),
    ('\u{2060}', "WJ"),
    ('\u{feff}', "BOM"),
    ('\t', "TAB"),
];

/// Splits a segment's `text` (starting at char `start`) so that each
/// invisible character stands alone and can be drawn visibly. A character
/// that belongs to a larger grapheme cluster (the ZWJ inside a family emoji)
/// stays inside it.
///
/// ```text
/// "20\u{a0}WNI" at 5 -> [5..7] [7..8 NBSP] [8..11]
/// ```
pub fn split_invisibles(text: &str, start: usize) -> Vec<Run> {
    let mut runs: Vec<Run> = Vec::new();
    let mut pos = start;
    for grapheme in text.graphemes(true) {
        let len = grapheme.chars().count();
        let mut chars = grapheme.chars();
        let invisible = match (chars.next(), chars.next()) {
            (Some(c), None) => INVISIBLES.iter().find(|(i, _)| *i == c).map(|(_, name)| *name),
            _ => None,
        };
        match runs.last_mut() {
            Some(last) if invisible.is_none() && last.invisible.is_none() => last.end += len,
            _ => runs.push(Run { start: pos, end: pos + len, invisible }),
        }
        pos += len;
    }
    runs
}

/// Gives each span the lowest lane free over its range within the block,
/// outer spans first, so a span that contains another sits below it.
fn assign_lanes(block: &Block, spans: &[Span]) -> Vec<(SpanId, usize)> {
    let clip = |span: &Span| (span.start().max(block.start), span.end().min(block.end));
    let mut order: Vec<usize> = (0..spans.len()).collect();
    sort_by_key(&mut order, |&i| {
        let (start, end) = clip(&spans[i]);
        (start, std::cmp::Reverse(end), spans[i].id())
    });
    let mut lane_ends: Vec<usize> = Vec::new();
    let mut lanes = vec![0; spans.len()];
    for i in order {
        let (start, end) = clip(&spans[i]);
        let lane = match lane_ends.iter().position(|&lane_end| lane_end <= start) {
            Some(free) => free,
            None => {
                lane_ends.push(0);
                lane_ends.len() - 1
            }
        };
        lane_ends[lane] = end;
        lanes[i] = lane;
    }
    spans.iter().zip(lanes).map(|(span, lane)| (span.id(), lane)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::document::BlockKind;

    fn span(id: u64, start: usize, end: usize, label: &str) -> Span {
        Span::new(SpanId(id), start, end, Label::new(label)).unwrap()
    }

    fn describe(layout: &BlockLayout) -> Vec<String> {
        layout
            .segments
            .iter()
            .map(|s| {
                let layers: Vec<_> = s.layers.iter().map(|l| format!("{}@{}", l.span_id.0, l.lane)).collect();
                format!("{}..{}[{}]", s.start, s.end, layers.join(","))
            })
            .collect()
    }

    #[test]
    fn nested_spans_stack_on_separate_lanes() {
        let block = Block { start: 10, end: 40, kind: BlockKind::Paragraph, start_byte_idx: 10, end_byte_idx: 40 };
        let spans = [span(1, 10, 30, "POLICY_CALL"), span(2, 10, 15, "ACTOR"), span(3, 20, 25, "LOCATION")];
        let layout = layout_block(&block, &spans, &[]);
        assert_eq!(layout.lanes, 2);
        assert_eq!(describe(&layout), ["10..15[1@0,2@1]", "15..20[1@0]", "20..25[1@0,3@1]", "25..30[1@0]", "30..40[]"]);
        assert!(layout.segments[0].layers.iter().all(|l| l.starts_here));
    }

    #[test]
    fn spans_crossing_the_block_edge_are_clipped() {
        let block = Block { start: 10, end: 20, kind: BlockKind::Paragraph, start_byte_idx: 10, end_byte_idx: 20 };
        let spans = [span(1, 5, 12, "ACTOR"), span(2, 18, 30, "ACTOR")];
        let layout = layout_block(&block, &spans, &[]);
        assert_eq!(describe(&layout), ["10..12[1@0]", "12..18[]", "18..20[2@0]"]);
        assert!(!layout.segments[0].layers[0].starts_here);
        assert_eq!(layout.lanes, 1);
    }

    #[test]
    fn invisibles_stand_alone_but_emoji_joiners_stay_inside_their_cluster() {
        let runs = split_invisibles("20\u{a0}WNI \u{200b}👨\u{200d}👩", 5);
        let described: Vec<_> = runs.iter().map(|r| (r.start, r.end, r.invisible)).collect();
        assert_eq!(described, [(5, 7, None), (7, 8, Some("NBSP")), (8, 12, None), (12, 13, Some("ZWSP")), (13, 16, None)]);
        assert_eq!(split_invisibles("", 0), []);
    }

    #[test]
    fn empty_block_layout_is_one_plain_segment() {
        let block = Block { start: 0, end: 5, kind: BlockKind::Title, start_byte_idx: 0, end_byte_idx: 5 };
        assert_eq!(describe(&layout_block(&block, &[], &[])), ["0..5[]"]);
        let ghosts = [Ghost { index: 3, start: 1, end: 3 }];
        let layout = layout_block(&block, &[], &ghosts);
        assert_eq!(describe(&layout), ["0..1[]", "1..3[]", "3..5[]"]);
        assert_eq!(layout.segments[1].suggestions, [3]);
    }
}

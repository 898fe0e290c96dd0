//! Statistics of the open document and of the whole corpus: spans per
//! label, documents per status, spans per document and span lengths; and
//! the geometry of a horizontal bar chart, so the UI only draws rectangles.
//!
//! Span lengths are in code points (`end - start`), like every offset in
//! the model. Percentiles are by nearest rank: the p-th percentile of `n`
//! sorted lengths is the one at rank `ceil(p * n / 100)` (1-based), the
//! smallest length with at least p% of the spans at or below it — the rule
//! `sorot stats` uses, so the app and the command line agree.

use std::borrow::Borrow;

use super::document::Status;
use super::label::{parse_hex, Schema};
use super::state::{AppState, DocumentState};
use crate::sort::sort;

/// Counts over one document or a whole corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Stats {
    /// Spans per label: every schema label in schema order (zeros kept), then
    /// labels the schema lacks, by name.
    pub spans_per_label: Vec<(String, usize)>,
    /// Documents per status: all four, in workflow order (zeros kept).
    pub documents_by_status: Vec<(Status, usize)>,
    /// Spans per document, in corpus order, named by title (by id when the
    /// title is empty).
    pub spans_per_document: Vec<(String, usize)>,
    /// Span lengths in code points; `None` when there are no spans.
    pub span_length: Option<LengthSummary>,
}

/// The spread of span lengths, in code points; percentiles by nearest rank.
///
/// ```text
/// lengths 2 3 5 8 13  -> min 2, median 5 (rank 3), p90 13 (rank 5), max 13
/// ```
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct LengthSummary {
    pub min: usize,
    pub median: usize,
    pub p90: usize,
    pub max: usize,
}

/// The statistics of one document under `schema`.
pub fn document_stats(doc: &DocumentState, schema: &Schema) -> Stats {
    stats_of(std::slice::from_ref(doc), schema)
}

/// The statistics of every open document, under the state's schema.
pub fn corpus_stats(state: &AppState) -> Stats {
    stats_of(state.documents(), state.schema())
}

/// The statistics of `documents` (owned or shared), which may be empty.
fn stats_of<D: Borrow<DocumentState>>(documents: &[D], schema: &Schema) -> Stats {
    let mut per_label: Vec<(String, usize)> = schema.names().into_iter().map(|name| (name, 0)).collect();
    let mut unknown: Vec<(String, usize)> = Vec::new();
    let mut by_status = Status::ALL.map(|status| (status, 0));
    let mut per_document = Vec::with_capacity(documents.len());
    let mut lengths = Vec::new();
    for doc in documents {
        let doc = doc.borrow();
        if let Some((_, count)) = by_status.iter_mut().find(|(status, _)| *status == doc.status) {
            *count += 1;
        }
        for span in doc.annotations.spans() {
            let name = span.label().name();
            match schema.index_of(name).and_then(|index| per_label.get_mut(index)) {
                Some((_, count)) => *count += 1,
                None => match unknown.iter_mut().find(|(known, _)| known == name) {
                    Some((_, count)) => *count += 1,
                    None => unknown.push((name.to_owned(), 1)),
                },
            }
            lengths.push(span.end().saturating_sub(span.start()));
        }
        let title = doc.document.title();
        let name = if title.is_empty() { doc.document.id() } else { title };
        per_document.push((name.to_owned(), doc.annotations.len()));
    }
    sort(&mut unknown);
    per_label.extend(unknown);
    Stats {
        spans_per_label: per_label,
        documents_by_status: by_status.to_vec(),
        spans_per_document: per_document,
        span_length: summarize(lengths),
    }
}

/// Min, nearest-rank median and 90th percentile, and max of `lengths`;
/// `None` when empty.
fn summarize(mut lengths: Vec<usize>) -> Option<LengthSummary> {
    sort(&mut lengths);
    let percentile = |p: u128| {
        // Widened so that `p * n` cannot overflow, whatever `n` is.
        let rank = (p * lengths.len() as u128).div_ceil(100).max(1);
        usize::try_from(rank - 1).ok().and_then(|i| lengths.get(i)).copied()
    };
    Some(LengthSummary { min: *lengths.first()?, median: percentile(50)?, p90: percentile(90)?, max: *lengths.last()? })
}

/// Room left of the bars for their labels, in px.
pub const LABEL_GUTTER: u32 = 120;

/// Space between two bars, in px.
pub const BAR_GAP: u32 = 4;

/// The colour of a bar whose colour is not `#rrggbb`.
const FALLBACK_COLOR: &str = "#57606a";

/// One bar of a horizontal bar chart, placed in px: the UI draws a `<rect>`
/// at `x, y, width, height` and writes `label` in the gutter left of `x`.
#[derive(Clone, Debug, PartialEq)]
pub struct Bar {
    pub label: String,
    pub value: usize,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// `#rrggbb`, always: a colour that does not parse is replaced by grey.
    pub color: String,
}

/// Lays out `bars` (label, value, `#rrggbb` colour) top to bottom in a chart
/// `width` px wide: each bar `bar_height` high and [`BAR_GAP`] below the
/// last, starting after the [`LABEL_GUTTER`]; the largest value spans the
/// rest of the width and the others are in proportion. A zero value, or a
/// chart no wider than the gutter, gives width 0.
///
/// ```text
/// width 420, bar_height 10: ("A", 4) ("B", 2)
///   -> A x=120 y=0  w=300 h=10
///      B x=120 y=14 w=150 h=10
/// ```
pub fn bar_chart(bars: &[(String, usize, String)], width: u32, bar_height: u32) -> Vec<Bar> {
    let gutter = LABEL_GUTTER.min(width);
    let room = f64::from(width - gutter);
    let largest = bars.iter().map(|(_, value, _)| *value).max().unwrap_or(0);
    let pitch = f64::from(bar_height) + f64::from(BAR_GAP);
    bars.iter()
        .enumerate()
        .map(|(i, (label, value, color))| Bar {
            label: label.clone(),
            value: *value,
            x: f64::from(gutter),
            y: i as f64 * pitch,
            width: if largest == 0 { 0.0 } else { room * (*value as f64 / largest as f64) },
            height: f64::from(bar_height),
            color: if parse_hex(color).is_some() { color.clone() } else { FALLBACK_COLOR.to_owned() },
        })
        .collect()
}

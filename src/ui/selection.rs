//! The DOM boundary for selections: reads the browser's selection as a char
//! range of the shown document, and mirrors the model's keyboard caret back
//! into the DOM.
//!
//! Every rendered text run is a `.seg` element carrying `data-start` and
//! `data-end` (char offsets) around exactly one text node, so a UTF-16 offset
//! inside a run converts by looking at that run alone. This module is the only
//! caller of [`utf16_to_char`] and [`char_to_utf16`].

use wasm_bindgen::JsCast;
use web_sys::{DomRect, Element, HtmlCollection, Node, Range};

use crate::model::offsets::{char_to_utf16, utf16_to_char, Utf16Offset};
use crate::model::Caret;

/// The part of the current selection inside `article`, as chars
/// `(start, end)`; `None` if the selection is empty or outside the article.
pub fn selected_range(article: &Element) -> Option<(usize, usize)> {
    let selection = gloo::utils::window().get_selection().ok()??;
    if selection.range_count() == 0 || selection.is_collapsed() {
        return None;
    }
    range_in_article(article, &selection.get_range_at(0).ok()?)
}

/// [`selected_range`], emptying the browser's selection when there is one:
/// what a label key or button tags, no longer highlighted once tagged.
pub fn take_selected_range(article: &Element) -> Option<(usize, usize)> {
    let range = selected_range(article);
    if range.is_some() {
        clear();
    }
    range
}

/// The part of `range` inside `article`, as chars `(start, end)`; `None`
/// if that part is empty.
fn range_in_article(article: &Element, range: &Range) -> Option<(usize, usize)> {
    let whole = gloo::utils::document().create_range().ok()?;
    whole.select_node_contents(article).ok()?;
    // `compareBoundaryPoints` is easy to misread: START_TO_END compares this
    // range's end with the article's start; END_TO_START this start with its end.
    let before_article = range.compare_boundary_points(Range::START_TO_END, &whole).ok()? <= 0;
    let after_article = range.compare_boundary_points(Range::END_TO_START, &whole).ok()? >= 0;
    if before_article || after_article {
        return None;
    }
    let starts_inside = range.compare_boundary_points(Range::START_TO_START, &whole).ok()? >= 0;
    let ends_inside = range.compare_boundary_points(Range::END_TO_END, &whole).ok()? <= 0;
    let (start_node, start_offset) =
        if starts_inside { (range.start_container().ok()?, range.start_offset().ok()?) } else { (article.clone().into(), 0) };
    let (end_node, end_offset) = if ends_inside {
        (range.end_container().ok()?, range.end_offset().ok()?)
    } else {
        (article.clone().into(), article.child_nodes().length())
    };
    let start = boundary_to_char(article, &start_node, start_offset)?;
    let end = boundary_to_char(article, &end_node, end_offset)?;
    (start < end).then_some((start, end))
}

/// Reads the first characters of the article through a range of its own,
/// as a selection would be read, leaving the user's selection alone: run
/// while the page is idle, so the first key press after loading does not
/// wait for this path to be compiled (see `crate::rehearsal`).
pub fn rehearse(article: &Element) {
    let Some(text) = article.query_selector(".seg").ok().flatten().and_then(|run| run.first_child()) else { return };
    let Ok(range) = gloo::utils::document().create_range() else { return };
    let length = text.text_content().map_or(0, |data| data.encode_utf16().count().min(8) as u32);
    if range.set_start(&text, 0).is_ok() && range.set_end(&text, length).is_ok() {
        range_in_article(article, &range);
    }
}

/// The browser's selection as a caret: a collapsed click point or a
/// selection with its direction (the anchor is where the drag began).
pub fn current_caret(article: &Element, exact: bool) -> Option<Caret> {
    let selection = gloo::utils::window().get_selection().ok()??;
    if selection.range_count() == 0 {
        return None;
    }
    if selection.is_collapsed() {
        let node = selection.anchor_node()?;
        if !article.contains(Some(&node)) {
            return None;
        }
        return boundary_to_char(article, &node, selection.anchor_offset()).map(Caret::at);
    }
    let (start, end) = selected_range(article)?;
    let range = selection.get_range_at(0).ok()?;
    // The anchor is one end of the range: the start unless the drag went backward.
    let forward = selection.anchor_node() == range.start_container().ok() && selection.anchor_offset() == range.start_offset().ok()?;
    let backward = !forward;
    let (anchor, head) = if backward { (end, start) } else { (start, end) };
    Some(Caret { anchor, head, exact })
}

/// Makes the browser's selection show `caret` (or nothing when collapsed),
/// unless it already does.
pub fn mirror(article: &Element, caret: Caret) {
    let Ok(Some(selection)) = gloo::utils::window().get_selection() else { return };
    let Some((start, end)) = caret.range() else {
        if !selection.is_collapsed() && selected_range(article).is_some() {
            let _ = selection.remove_all_ranges();
        }
        return;
    };
    if selected_range(article) == Some((start, end)) {
        return;
    }
    let (Some((anchor_node, anchor_offset)), Some((head_node, head_offset))) =
        (char_to_boundary(article, caret.anchor), char_to_boundary(article, caret.head))
    else {
        return;
    };
    let _ = selection.set_base_and_extent(&anchor_node, anchor_offset, &head_node, head_offset);
}

/// Where the caret at char `pos` is drawn, as a rect in viewport coordinates.
pub fn caret_rect(article: &Element, pos: usize) -> Option<DomRect> {
    let (node, offset) = char_to_boundary(article, pos)?;
    let range = gloo::utils::document().create_range().ok()?;
    range.set_start(&node, offset).ok()?;
    range.collapse_with_to_start(true);
    let rect = range.get_bounding_client_rect();
    (rect.height() > 0.0).then_some(rect)
}

/// Empties the browser's selection, e.g. after tagging it.
pub fn clear() {
    if let Ok(Some(selection)) = gloo::utils::window().get_selection() {
        let _ = selection.remove_all_ranges();
    }
}

/// The text node and UTF-16 offset where char `pos` of the document is
/// rendered: inside the run that contains it, or at the end of the run
/// before it (a position between blocks goes to the next block's start).
fn char_to_boundary(article: &Element, pos: usize) -> Option<(Node, u32)> {
    let block = block_at(article, pos)?;
    let runs = block.query_selector_all(".seg").ok()?;
    let run_at = |i: u32| runs.item(i).and_then(|n| n.dyn_into::<Element>().ok());
    // Just after the last run starting at or before `pos`.
    let lo = partition_point(runs.length(), |i| Some(data_offset(&run_at(i)?, "data-start")? <= pos))?;
    let run = match lo.checked_sub(1).and_then(run_at) {
        Some(run) if data_offset(&run, "data-end")? >= pos => run,
        _ => run_at(lo).or_else(|| first_run_after(&block)).or_else(|| run_at(runs.length().checked_sub(1)?))?,
    };
    let run_start = data_offset(&run, "data-start")?;
    let text = run.first_child()?;
    let data = text.text_content().unwrap_or_default();
    let inside = pos.clamp(run_start, data_offset(&run, "data-end")?) - run_start;
    Some((text, char_to_utf16(&data, inside)?.0))
}

/// The block element char `pos` falls in or after: the last one starting at
/// or before it (else the first). Found by its `data-block` start among the
/// article's sections, then among that section's blocks, so a lookup reads
/// a few dozen attributes however long the article.
fn block_at(article: &Element, pos: usize) -> Option<Element> {
    let first_block_start = |section: &Element| section.first_element_child().and_then(|block| data_offset(&block, "data-block"));
    let section = last_starting_by(&article.children(), pos, first_block_start)?;
    last_starting_by(&section.children(), pos, |block| data_offset(block, "data-block"))
}

/// The last of `elements` whose start is at or before `pos`, else the
/// first. An element without a start (the caret bar) counts as after all.
fn last_starting_by(elements: &HtmlCollection, pos: usize, start_of: impl Fn(&Element) -> Option<usize>) -> Option<Element> {
    let after = partition_point(elements.length(), |i| {
        Some(elements.item(i).and_then(|element| start_of(&element)).is_some_and(|start| start <= pos))
    })?;
    elements.item(after.saturating_sub(1))
}

/// How many of the `count` items in document order come before the point
/// `is_before` looks for (it is true for a prefix of them, then false),
/// found by binary search; `None` if `is_before` could not tell.
fn partition_point(count: u32, is_before: impl Fn(u32) -> Option<bool>) -> Option<u32> {
    let (mut lo, mut hi) = (0u32, count);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        if is_before(mid)? {
            lo = mid + 1;
        } else {
            hi = mid;
        }
    }
    Some(lo)
}

/// The first run of the block after `block`, in its section or the next.
fn first_run_after(block: &Element) -> Option<Element> {
    let next = block.next_element_sibling().or_else(|| block.parent_element()?.next_element_sibling()?.first_element_child())?;
    next.has_attribute("data-block").then(|| next.query_selector(".seg").ok().flatten()).flatten()
}

/// Converts a DOM boundary point inside the article to a char offset.
fn boundary_to_char(article: &Element, node: &Node, offset: u32) -> Option<usize> {
    if let Some(run) = node.dyn_ref::<web_sys::Text>() {
        if let Some(seg) = run.parent_element().filter(|p| p.class_list().contains("seg")) {
            let run_start = data_offset(&seg, "data-start")?;
            let text = run.data();
            // A boundary between the halves of a surrogate pair rounds down;
            // refinement later widens it to the whole grapheme cluster.
            let inside =
                utf16_to_char(&text, Utf16Offset(offset)).or_else(|| utf16_to_char(&text, Utf16Offset(offset.saturating_sub(1))))?;
            return Some(run_start + inside);
        }
    }
    first_run_at_or_after(article, node, offset)
}

/// For a boundary between elements: the start of the first run after it, or
/// the end of the last run when nothing follows.
fn first_run_at_or_after(article: &Element, node: &Node, offset: u32) -> Option<usize> {
    let runs = article.query_selector_all(".seg").ok()?;
    let point = gloo::utils::document().create_range().ok()?;
    point.set_start(node, offset).ok()?;
    point.collapse_with_to_start(true);
    let run_at = |i: u32| runs.item(i).and_then(|n| n.dyn_into::<Element>().ok());
    // Runs are in document order: the first one not before the point.
    let lo = partition_point(runs.length(), |i| Some(point.compare_point(&run_at(i)?.into(), 0).ok()? < 0))?;
    match run_at(lo) {
        Some(run) => data_offset(&run, "data-start"),
        None => data_offset(&run_at(runs.length().checked_sub(1)?)?, "data-end"),
    }
}

fn data_offset(element: &Element, name: &str) -> Option<usize> {
    element.get_attribute(name)?.parse().ok()
}

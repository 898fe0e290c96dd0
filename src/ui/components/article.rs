//! The article: the shown document's blocks in one `<article>` element,
//! grouped into memoized sections so an edit costs one section's render.
//!
//! A mouse-up that leaves no selection is a click: it selects the innermost
//! span under the pointer (or deselects). Drag selections are read when a
//! label is chosen, by [`crate::ui::selection`].

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::segments::Ghost;
use crate::model::{Block, DocumentState, Label, Schema, Span, SpanId};

use super::block::{estimated_lines, BlockView, SharedText};

#[derive(Properties, PartialEq)]
pub struct ArticleProps {
    pub doc: Rc<DocumentState>,
    pub selected: Option<SpanId>,
    pub schema: Rc<Schema>,
    pub show_invisibles: bool,
    /// Where the keyboard caret is drawn, if placed.
    pub caret_head: Option<usize>,
    pub node_ref: NodeRef,
    /// The selected suggestion's index, if any.
    pub selected_suggestion: Option<usize>,
    /// A click on a span (or on plain text: `None`).
    pub onpick: Callback<Option<SpanId>>,
    /// A click on a suggestion's outline.
    pub onpick_suggestion: Callback<usize>,
    /// The mouse placed the caret or finished a selection (`Alt` held: exact).
    pub oncaret: Callback<bool>,
}

#[function_component(Article)]
pub fn article(props: &ArticleProps) -> Html {
    let document = &props.doc.document;
    // Worked out again only when the document changes, not when the caret
    // or the selection moves.
    let previous = use_mut_ref(|| None::<(Rc<DocumentState>, Rc<Vec<Rc<Section>>>)>);
    let sections = {
        let mut previous = previous.borrow_mut();
        let sections = match previous.as_ref() {
            Some((doc, sections)) if Rc::ptr_eq(doc, &props.doc) => sections.clone(),
            Some((doc, sections)) => Rc::new(sections_after_edit(doc, sections, &props.doc)),
            None => Rc::new(sections(&props.doc)),
        };
        *previous = Some((props.doc.clone(), sections.clone()));
        sections
    };
    let onmouseup = {
        let onpick = props.onpick.clone();
        let oncaret = props.oncaret.clone();
        let onpick_suggestion = props.onpick_suggestion.clone();
        Callback::from(move |event: MouseEvent| {
            oncaret.emit(event.alt_key());
            let collapsed = gloo::utils::window().get_selection().ok().flatten().is_none_or(|s| s.is_collapsed());
            if !collapsed {
                return;
            }
            let target = event.target().and_then(|t| t.dyn_into::<web_sys::Element>().ok());
            let suggestion = target
                .as_ref()
                .and_then(|el| el.closest("[data-suggestion]").ok().flatten())
                .and_then(|el| el.get_attribute("data-suggestion"))
                .and_then(|i| i.parse().ok());
            let on_span = target.as_ref().and_then(|el| el.closest("[data-span]").ok().flatten()).is_some();
            if let (Some(index), false) = (suggestion, on_span) {
                onpick_suggestion.emit(index);
                return;
            }
            let span_id = target
                .and_then(|el| el.closest("[data-span]").ok().flatten())
                .and_then(|el| el.get_attribute("data-span"))
                .and_then(|id| id.parse().ok())
                .map(SpanId);
            onpick.emit(span_id);
        })
    };
    let selected_span = props.selected.and_then(|id| props.doc.annotations.get(id));
    let text = SharedText(document.text().clone());
    let sections: Html = sections
        .iter()
        .map(|section| {
            let (start, end) = section.range();
            let selected = selected_span.filter(|s| s.start() < end && s.end() > start).cloned();
            let selected_suggestion = props.selected_suggestion.filter(|i| section.has_ghost(*i));
            html! {
                <SectionView
                    key={start}
                    text={text.clone()}
                    section={section.clone()}
                    {selected}
                    schema={props.schema.clone()}
                    show_invisibles={props.show_invisibles}
                    {selected_suggestion}
                />
            }
        })
        .collect();
    html! {
        <article
            ref={props.node_ref.clone()}
            class="article"
            lang="id"
            aria-label={format!("Document: {}", document.title())}
            data-caret={props.caret_head.map(|head| head.to_string())}
            data-doc={document.id().to_owned()}
            data-span-count={props.doc.annotations.len().to_string()}
            {onmouseup}
        >
            {sections}
            <div class="caret" hidden={props.caret_head.is_none()} aria-hidden="true"></div>
        </article>
    }
}

/// Blocks per section.
const SECTION_BLOCKS: usize = 32;

/// A run of consecutive blocks with what overlaps each: rendered as one
/// memoized component, so an edit compares a few dozen sections and
/// re-renders one, however long the article. Its element is what the
/// browser skips laying out while off screen (`content-visibility: auto`).
#[derive(PartialEq, Eq)]
struct Section {
    blocks: Vec<BlockContent>,
}

/// One block and the spans and open suggestions overlapping it.
#[derive(PartialEq, Eq)]
struct BlockContent {
    block: Block,
    spans: Rc<[Span]>,
    ghosts: Rc<[(Ghost, Label)]>,
}

impl Section {
    /// The char range the section covers.
    fn range(&self) -> (usize, usize) {
        let first = self.blocks.first().map_or(0, |b| b.block.start);
        (first, self.blocks.last().map_or(first, |b| b.block.end))
    }

    fn has_ghost(&self, index: usize) -> bool {
        self.blocks.iter().any(|b| b.ghosts.iter().any(|(ghost, _)| ghost.index == index))
    }
}

/// The document's blocks with their spans and suggestions, in sections.
fn sections(doc: &DocumentState) -> Vec<Rc<Section>> {
    let blocks = doc.document.blocks();
    let reach = longest_span(doc);
    let mut ghosts: Vec<Vec<(Ghost, Label)>> = vec![Vec::new(); blocks.len()];
    for (index, suggestion) in doc.suggestions.iter().enumerate() {
        for i in overlapped(blocks, suggestion.start, suggestion.end) {
            ghosts[i].push((Ghost { index, start: suggestion.start, end: suggestion.end }, suggestion.label.clone()));
        }
    }
    let mut contents = blocks.iter().zip(ghosts).map(|(block, ghosts)| BlockContent {
        block: *block,
        spans: block_spans(doc, reach, block),
        ghosts: ghosts.into(),
    });
    let mut sections = Vec::new();
    loop {
        let blocks: Vec<BlockContent> = contents.by_ref().take(SECTION_BLOCKS).collect();
        if blocks.is_empty() {
            return sections;
        }
        sections.push(Rc::new(Section { blocks }));
    }
}

/// The sections of `doc`, an edit of `before` whose `sections` are known:
/// a section whose spans and suggestions are unchanged is the same `Rc`, so
/// an edit builds (and drops) one section, not the whole article's.
fn sections_after_edit(before: &DocumentState, sections: &[Rc<Section>], doc: &DocumentState) -> Vec<Rc<Section>> {
    let same_text = Rc::ptr_eq(before.document.text(), doc.document.text());
    if !same_text || !Rc::ptr_eq(&before.suggestions, &doc.suggestions) {
        return self::sections(doc);
    }
    // A span overlapping a section starts at most the longest span's length
    // before it, so only that window of the sorted spans is compared.
    let reach = longest_span(before).max(longest_span(doc));
    let blocks = doc.document.blocks();
    sections
        .iter()
        .map(|section| {
            let (start, end) = section.range();
            if overlapping(before, reach, start, end).eq(overlapping(doc, reach, start, end)) {
                return section.clone();
            }
            let first = blocks.partition_point(|b| b.start < start);
            let rebuilt = section.blocks.iter().zip(&blocks[first..]).map(|(old, block)| BlockContent {
                block: *block,
                spans: block_spans(doc, reach, block),
                ghosts: old.ghosts.clone(),
            });
            Rc::new(Section { blocks: rebuilt.collect() })
        })
        .collect()
}

/// The length of the longest span of `doc`, in chars.
fn longest_span(doc: &DocumentState) -> usize {
    doc.annotations.spans().iter().map(|s| s.end() - s.start()).max().unwrap_or(0)
}

/// The spans overlapping `block`, in order; `reach` is at least the longest.
fn block_spans(doc: &DocumentState, reach: usize, block: &Block) -> Rc<[Span]> {
    overlapping(doc, reach, block.start, block.end).cloned().collect()
}

/// The spans of `doc` overlapping `start..end`, in order, none longer than `reach`.
fn overlapping(doc: &DocumentState, reach: usize, start: usize, end: usize) -> impl Iterator<Item = &Span> {
    let spans = doc.annotations.spans();
    let first = spans.partition_point(|s| s.start() + reach < start);
    let last = spans.partition_point(|s| s.start() < end).max(first);
    spans[first..last].iter().filter(move |s| s.end() > start)
}

/// The indices of the blocks that `start..end` overlaps.
fn overlapped(blocks: &[Block], start: usize, end: usize) -> impl Iterator<Item = usize> + '_ {
    let first = blocks.partition_point(|b| b.end <= start);
    (first..blocks.len()).take_while(move |&i| blocks[i].start < end)
}

#[derive(Properties, PartialEq)]
struct SectionProps {
    text: SharedText,
    section: Rc<Section>,
    /// The selected span, if it overlaps this section.
    selected: Option<Span>,
    schema: Rc<Schema>,
    show_invisibles: bool,
    /// The selected suggestion, if it is in this section.
    selected_suggestion: Option<usize>,
}

#[function_component(SectionView)]
fn section_view(props: &SectionProps) -> Html {
    let blocks: Html = props
        .section
        .blocks
        .iter()
        .map(|content| {
            let block = content.block;
            let selected = props.selected.as_ref().filter(|s| s.start() < block.end && s.end() > block.start).map(Span::id);
            let selected_suggestion = props.selected_suggestion.filter(|i| content.ghosts.iter().any(|(g, _)| g.index == *i));
            html! {
                <BlockView
                    key={block.start}
                    text={props.text.clone()}
                    {block}
                    spans={content.spans.clone()}
                    {selected}
                    schema={props.schema.clone()}
                    show_invisibles={props.show_invisibles}
                    ghosts={content.ghosts.clone()}
                    {selected_suggestion}
                />
            }
        })
        .collect();
    let lines: usize = props.section.blocks.iter().map(|content| estimated_lines(&content.block)).sum();
    let style = format!("--lines:{lines};--blocks:{}", props.section.blocks.len());
    html! { <div class="section" {style}>{blocks}</div> }
}

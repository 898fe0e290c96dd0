//! The article: the shown document's blocks in one `<article>` element.
//!
//! A mouse-up that leaves no selection is a click: it selects the innermost
//! span under the pointer (or deselects). Drag selections are read when a
//! label is chosen, by [`crate::ui::selection`].

use std::rc::Rc;

use wasm_bindgen::JsCast;
use yew::prelude::*;

use crate::model::segments::Ghost;
use crate::model::{DocumentState, Label, Schema, Span, SpanId};

use super::block::{BlockView, SharedText};

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
    let spans_by_block = spans_by_block(props);
    let ghosts_by_block = ghosts_by_block(props);
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
    let blocks: Html = document
        .blocks()
        .iter()
        .zip(spans_by_block)
        .zip(ghosts_by_block)
        .map(|((block, spans), ghosts)| {
            let selected = selected_span.filter(|s| s.start() < block.end && s.end() > block.start).map(Span::id);
            let selected_suggestion = props.selected_suggestion.filter(|i| ghosts.iter().any(|(g, _)| g.index == *i));
            html! {
                <BlockView
                    key={block.start}
                    text={SharedText(document.text().clone())}
                    block={*block}
                    spans={spans}
                    {selected}
                    schema={props.schema.clone()}
                    show_invisibles={props.show_invisibles}
                    {ghosts}
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
            {onmouseup}
        >
            {blocks}
            <div class="caret" hidden={props.caret_head.is_none()} aria-hidden="true"></div>
        </article>
    }
}

/// The spans overlapping each block, in one pass over blocks and spans.
fn spans_by_block(props: &ArticleProps) -> Vec<Rc<[Span]>> {
    let blocks = props.doc.document.blocks();
    let mut buckets: Vec<Vec<Span>> = vec![Vec::new(); blocks.len()];
    for span in props.doc.annotations.spans() {
        let first = blocks.partition_point(|b| b.end <= span.start());
        for (bucket, block) in buckets.iter_mut().zip(blocks.iter()).skip(first) {
            if block.start >= span.end() {
                break;
            }
            bucket.push(span.clone());
        }
    }
    buckets.into_iter().map(Rc::from).collect()
}

/// The open suggestions overlapping each block.
fn ghosts_by_block(props: &ArticleProps) -> Vec<Rc<[(Ghost, Label)]>> {
    let blocks = props.doc.document.blocks();
    let mut buckets: Vec<Vec<(Ghost, Label)>> = vec![Vec::new(); blocks.len()];
    for (index, suggestion) in props.doc.suggestions.iter().enumerate() {
        let first = blocks.partition_point(|b| b.end <= suggestion.start);
        for (bucket, block) in buckets.iter_mut().zip(blocks.iter()).skip(first) {
            if block.start >= suggestion.end {
                break;
            }
            bucket.push((Ghost { index, start: suggestion.start, end: suggestion.end }, suggestion.label.clone()));
        }
    }
    buckets.into_iter().map(Rc::from).collect()
}

//! The side panel's span list: counts per label, then every span of the
//! shown document in text order, flagged when an edge cuts a token; clicking
//! one selects it and scrolls to it.

use std::collections::HashMap;
use std::rc::Rc;

use yew::prelude::*;

use crate::formats::tokens::LineTokens;
use crate::model::keymap::label_keys_summary;
use crate::model::{DocumentState, Schema, SpanId};

use super::paint::chip_var;

#[derive(Properties, PartialEq)]
pub struct SpanListProps {
    pub doc: Rc<DocumentState>,
    pub selected: Option<SpanId>,
    pub schema: Rc<Schema>,
    pub onpick: Callback<SpanId>,
}

/// How many spans the list shows at once.
const LISTED: usize = 200;

#[function_component(SpanList)]
pub fn span_list(props: &SpanListProps) -> Html {
    let annotations = &props.doc.annotations;
    let counts: Html = props
        .schema
        .labels()
        .iter()
        .enumerate()
        .map(|(index, def)| {
            html! {
                <li class="count" style={format!("--c:var(--chip-{index})")}>
                    <span class="chip">{def.label.name().to_owned()}</span>
                    <span class="count-value">{annotations.count(&def.label)}</span>
                </li>
            }
        })
        .collect();
    // The list shows the spans around the selected one, at most LISTED, so a
    // document with ten thousand spans still renders at key-press speed.
    let spans = annotations.spans();
    let at = props.selected.and_then(|id| spans.iter().position(|s| s.id() == id)).unwrap_or(0);
    let first = at.saturating_sub(LISTED / 2).min(spans.len().saturating_sub(LISTED));
    let shown_range = first..(first + LISTED).min(spans.len());
    let hidden = spans.len() - shown_range.len();
    // Only the lines the listed spans' edges fall in are tokenised.
    let mut line_tokens = LineTokens::new(&props.doc.document);
    // Whether a span cuts a token depends on its range and the text only:
    // kept across renders, so an edit works out the cut of new spans only.
    let cuts = use_mut_ref(|| (None::<Rc<str>>, HashMap::<(usize, usize), Option<AttrValue>>::new()));
    let mut cuts = cuts.borrow_mut();
    let text = props.doc.document.text();
    if !cuts.0.as_ref().is_some_and(|known| Rc::ptr_eq(known, text)) {
        *cuts = (Some(text.clone()), HashMap::new());
    }
    let items: Html = spans[shown_range]
        .iter()
        .map(|span| {
            let text = props.doc.document.slice(span.start(), span.end()).unwrap_or_default();
            let mut shown: String = text.chars().take(90).collect();
            if shown.len() < text.len() {
                shown.push('\u{2026}');
            }
            html! {
                <SpanItem
                    key={span.id().0}
                    id={span.id()}
                    label={AttrValue::from(span.label().name().to_owned())}
                    color={AttrValue::from(chip_var(&props.schema, span.label().name()))}
                    text={AttrValue::from(shown)}
                    offsets={(span.start(), span.end())}
                    selected={props.selected == Some(span.id())}
                    cut={cuts.1.entry((span.start(), span.end())).or_insert_with(|| line_tokens.cut(span.start(), span.end()).map(|cut| AttrValue::from(cut.warning()))).clone()}
                    onpick={props.onpick.clone()}
                />
            }
        })
        .collect();
    html! {
        // Which document, with how many spans, the list shows: the article
        // says the same of itself, so a reader (or a test) can tell when the
        // list, a frame behind, has caught up.
        <section class="panel-section" aria-labelledby="spans-heading" data-doc={props.doc.document.id().to_owned()} data-span-count={annotations.len().to_string()}>
            <h2 id="spans-heading">{format!("Spans ({})", annotations.len())}</h2>
            <ul class="counts">{counts}</ul>
            if annotations.is_empty() {
                <p class="empty">{format!("No spans yet. Select text in the article and press {}.", label_keys_summary(&props.schema))}</p>
            } else {
                <ol class="span-list">{items}</ol>
                if hidden > 0 {
                    <p class="hint">{format!("{hidden} more spans around these; Tab walks through all of them.")}</p>
                }
            }
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct SpanItemProps {
    id: SpanId,
    label: AttrValue,
    color: AttrValue,
    /// The span's text, cut short.
    text: AttrValue,
    offsets: (usize, usize),
    selected: bool,
    /// Why a flat export changes this span, when an edge cuts a token.
    cut: Option<AttrValue>,
    onpick: Callback<SpanId>,
}

/// One row of the list: memoized, so moving the selection re-renders two rows.
#[function_component(SpanItem)]
fn span_item(props: &SpanItemProps) -> Html {
    let onclick = props.onpick.reform({
        let id = props.id;
        move |_: MouseEvent| id
    });
    html! {
        <li>
            <button
                class={classes!("span-item", props.selected.then_some("is-selected"))}
                style={format!("--c:{}", props.color)}
                aria-pressed={props.selected.to_string()}
                data-span-item={props.id.0.to_string()}
                {onclick}
            >
                <span class="chip">{props.label.clone()}</span>
                <span class="span-text">{props.text.clone()}</span>
                if let Some(warning) = props.cut.clone() {
                    <span class="cut-flag" role="img" aria-label={warning.clone()} title={warning}>{"\u{26a0}"}</span>
                }
                <span class="span-offsets">{format!("{}\u{2013}{}", props.offsets.0, props.offsets.1)}</span>
            </button>
        </li>
    }
}

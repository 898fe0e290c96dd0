//! The selected span's details: label, exact text with its offsets, and
//! buttons to relabel or remove it. `Enter` moves focus here.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{DocumentState, Label, Schema, SpanId};

use super::paint::chip_var;

/// The id `Enter` focuses.
pub const DETAILS_ID: &str = "span-details";

#[derive(Properties, PartialEq)]
pub struct SpanDetailsProps {
    pub doc: Rc<DocumentState>,
    pub selected: Option<SpanId>,
    pub schema: Rc<Schema>,
    pub onrelabel: Callback<Label>,
    pub onremove: Callback<()>,
}

#[function_component(SpanDetails)]
pub fn span_details(props: &SpanDetailsProps) -> Html {
    let Some(span) = props.selected.and_then(|id| props.doc.annotations.get(id)) else {
        return html! {};
    };
    let text = props.doc.document.slice(span.start(), span.end()).unwrap_or_default();
    let relabel: Html = props
        .schema
        .labels()
        .iter()
        .filter(|def| def.label != *span.label())
        .map(|def| {
            let label = def.label.clone();
            html! {
                <button class="relabel" style={format!("--c:var(--chip-{})", props.schema.index_of(def.label.name()).unwrap_or_default())} onclick={props.onrelabel.reform(move |_: MouseEvent| label.clone())}>
                    <kbd>{def.key}</kbd>{format!(" {}", def.label)}
                </button>
            }
        })
        .collect();
    let color = chip_var(&props.schema, span.label().name());
    html! {
        <section id={DETAILS_ID} class="panel-section details" tabindex="-1" aria-label="Selected span">
            <h2>{"Selected span"}</h2>
            <p class="details-head">
                <span class="chip" style={format!("--c:{color}")}>{span.label().name().to_owned()}</span>
                <span class="details-offsets">{format!("{}\u{2013}{} \u{b7} {} characters", span.start(), span.end(), span.end() - span.start())}</span>
            </p>
            <blockquote class="details-text" lang="id">{text.to_owned()}</blockquote>
            <div class="details-actions">
                {relabel}
                <button class="remove" onclick={props.onremove.reform(|_: MouseEvent| ())}>{"Remove"}<kbd>{"Del"}</kbd></button>
            </div>
        </section>
    }
}

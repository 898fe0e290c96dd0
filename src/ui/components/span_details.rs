//! The selected span's details: label, exact text with its offsets, the
//! tokens a flat export (CoNLL, Hugging Face) will tag, and buttons to
//! relabel or remove it. `Enter` moves focus here.

use std::rc::Rc;

use yew::prelude::*;

use crate::formats::tokens::{self, PreviewToken};
use crate::model::{Document, DocumentState, Label, Schema, SpanId};

use super::field::Field;
use super::paint::chip_var;

/// The id `Enter` focuses.
pub const DETAILS_ID: &str = "span-details";

/// How many tokens the preview shows before counting the rest.
const PREVIEWED_TOKENS: usize = 40;

#[derive(Properties, PartialEq)]
pub struct SpanDetailsProps {
    pub doc: Rc<DocumentState>,
    pub selected: Option<SpanId>,
    pub schema: Rc<Schema>,
    pub onrelabel: Callback<Label>,
    pub onremove: Callback<()>,
    /// A typed value for the span (`None` clears it).
    pub onvalue: Callback<(SpanId, Option<String>)>,
    /// Tag all other occurrences: `(in all documents, match case)`.
    pub ontag_all: Callback<(bool, bool)>,
}

#[function_component(SpanDetails)]
pub fn span_details(props: &SpanDetailsProps) -> Html {
    let match_case = use_state(|| true);
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
            {token_preview(&props.doc.document, span.start(), span.end())}
            <label class="value-field">
                {"Value"}
                <Field
                    label="Normalised value"
                    placeholder="e.g. 20, dua puluh, ratusan"
                    value={span.value().map(|v| v.to_string()).unwrap_or_default()}
                    onchange={{
                        let (onvalue, id) = (props.onvalue.clone(), span.id());
                        Callback::from(move |text: String| onvalue.emit((id, (!text.trim().is_empty()).then_some(text))))
                    }}
                />
            </label>
            <div class="details-actions tag-all">
                <button onclick={props.ontag_all.reform({ let m = *match_case; move |_: MouseEvent| (false, m) })} title="Key A">{"Tag all in document"}</button>
                <button onclick={props.ontag_all.reform({ let m = *match_case; move |_: MouseEvent| (true, m) })} title="Shift + A">{"\u{2026} in all documents"}</button>
                <label class="toggle">
                    <input type="checkbox" checked={*match_case} onchange={{ let m = match_case.clone(); Callback::from(move |_: Event| m.set(!*m)) }} />
                    {"Match case"}
                </label>
            </div>
            <div class="details-actions">
                {relabel}
                <button class="remove" onclick={props.onremove.reform(|_: MouseEvent| ())}>{"Remove"}<kbd>{"Del"}</kbd></button>
            </div>
        </section>
    }
}

/// The tokens of `start..end` as CoNLL and Hugging Face exports tag them,
/// with a cut token marked where the span's edge falls and a warning.
fn token_preview(document: &Document, start: usize, end: usize) -> Html {
    let preview = tokens::preview(document, start, end, PREVIEWED_TOKENS);
    let chips: Html = preview.tokens.iter().map(token_chip).collect();
    html! {
        <div class="token-preview">
            <h3 class="token-preview-head">{"Tokens in CoNLL and Hugging Face exports"}</h3>
            <ul class="tokens" lang="id">
                {chips}
                if preview.more > 0 {
                    <li class="token-more">{format!("\u{2026} {} more", preview.more)}</li>
                }
            </ul>
            if let Some(cut) = &preview.cut {
                <p class="token-warning" role="note"><span aria-hidden="true">{"\u{26a0} "}</span>{cut.warning()}</p>
            }
        </div>
    }
}

/// One token as a chip; the parts of a cut token outside the span are
/// dimmed, with a bar where the edge falls.
fn token_chip(token: &PreviewToken<'_>) -> Html {
    let line_break = token
        .after_line_break
        .then(|| html! { <li class="token-break" title="Line break: the export splits the span here">{"\u{21b5}"}</li> });
    let chip = if token.is_cut() {
        let whole = format!("{}{}{}", token.before, token.inside, token.after);
        html! {
            <li class="token is-cut" title={format!("The span cuts \u{201c}{whole}\u{201d}; the export tags it whole")}>
                if !token.before.is_empty() {
                    <span class="token-outside">{token.before}</span><span class="token-edge" aria-hidden="true"></span>
                }
                {token.inside}
                if !token.after.is_empty() {
                    <span class="token-edge" aria-hidden="true"></span><span class="token-outside">{token.after}</span>
                }
            </li>
        }
    } else {
        html! { <li class="token">{token.inside}</li> }
    };
    html! { <>{line_break}{chip}</> }
}

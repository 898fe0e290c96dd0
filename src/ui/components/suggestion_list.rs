//! The side panel's suggestions: run the engine, then accept or reject each
//! proposal, or accept all of one label at once.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::{DocumentState, Label, Schema};

use super::paint::chip_var;

#[derive(Properties, PartialEq)]
pub struct SuggestionListProps {
    pub doc: Rc<DocumentState>,
    pub schema: Rc<Schema>,
    pub selected: Option<usize>,
    pub onsuggest: Callback<()>,
    pub onaccept: Callback<usize>,
    pub onreject: Callback<usize>,
    pub onaccept_all: Callback<Label>,
    pub onpick: Callback<usize>,
}

#[function_component(SuggestionList)]
pub fn suggestion_list(props: &SuggestionListProps) -> Html {
    let suggestions = &props.doc.suggestions;
    let accept_all: Html = props
        .schema
        .labels()
        .iter()
        .filter_map(|def| {
            let count = suggestions.iter().filter(|s| s.label == def.label).count();
            (count > 0).then(|| {
                let label = def.label.clone();
                html! {
                    <button class="accept-all" style={format!("--c:{}", chip_var(&props.schema, def.label.name()))} onclick={props.onaccept_all.reform(move |_: MouseEvent| label.clone())}>
                        {format!("\u{2713} all {} ({count})", def.label)}
                    </button>
                }
            })
        })
        .collect();
    let items: Html = suggestions
        .iter()
        .enumerate()
        .map(|(index, suggestion)| {
            let text = props.doc.document.slice(suggestion.start, suggestion.end).unwrap_or_default();
            let shown: String = text.chars().take(70).collect();
            let selected = props.selected == Some(index);
            html! {
                <li key={format!("{}-{}-{}", suggestion.start, suggestion.end, suggestion.label)} class={classes!("suggestion", selected.then_some("is-selected"))} data-suggestion-item={index.to_string()}>
                    <button class="suggestion-pick" onclick={props.onpick.reform(move |_: MouseEvent| index)} title={format!("rule: {}", suggestion.rule)}>
                        <span class="chip ghost" style={format!("--c:{}", chip_var(&props.schema, suggestion.label.name()))}>{suggestion.label.name().to_owned()}</span>
                        <span class="span-text">{shown}</span>
                        {suggestion.value.as_ref().filter(|_| suggestion.label.name() == crate::suggest::VICTIM_COUNT).map(|v| html! { <span class="span-value">{format!("= {v}")}</span> })}
                    </button>
                    <button class="accept" aria-label={format!("Accept {} {}", suggestion.label, text)} onclick={props.onaccept.reform(move |_: MouseEvent| index)}>{"\u{2713}"}</button>
                    <button class="reject" aria-label={format!("Reject {} {}", suggestion.label, text)} onclick={props.onreject.reform(move |_: MouseEvent| index)}>{"\u{2717}"}</button>
                </li>
            }
        })
        .collect();
    html! {
        <section class="panel-section" aria-labelledby="suggestions-heading">
            <h2 id="suggestions-heading">{format!("Suggestions ({})", suggestions.len())}</h2>
            <div class="suggestion-actions">
                <button onclick={props.onsuggest.reform(|_: MouseEvent| ())} title="Propose spans offline (key S)">{"Suggest"}<kbd>{"S"}</kbd></button>
                {accept_all}
            </div>
            if !suggestions.is_empty() {
                <ol class="suggestion-list">{items}</ol>
                <p class="hint">{"Click an outline, then Enter accepts and X rejects."}</p>
            }
        </section>
    }
}

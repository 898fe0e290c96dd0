//! The label schema editor: add, rename, recolour, rebind, describe, reorder
//! and remove labels; undo the last change; export the schema to share it.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::label::ValueKind;
use crate::model::{AppState, Label, SchemaEdit};

use super::field::{value_of, Field};

#[derive(Properties, PartialEq)]
pub struct SchemaEditorProps {
    pub state: Rc<AppState>,
    pub onedit: Callback<SchemaEdit>,
    pub onundo: Callback<()>,
    pub onexport: Callback<()>,
    pub onclose: Callback<()>,
}

#[function_component(SchemaEditor)]
pub fn schema_editor(props: &SchemaEditorProps) -> Html {
    let new_name = use_state(String::new);
    let state = &props.state;
    let schema = state.schema();
    let span_count = |label: &Label| -> usize { state.documents().iter().map(|d| d.annotations.count(label)).sum() };
    let rows: Html = schema
        .labels()
        .iter()
        .enumerate()
        .map(|(index, def)| {
            let label = def.label.clone();
            let edit = |make: fn(Label, String) -> Option<SchemaEdit>| {
                let (onedit, label) = (props.onedit.clone(), label.clone());
                Callback::from(move |value: String| {
                    if let Some(edit) = make(label.clone(), value) {
                        onedit.emit(edit);
                    }
                })
            };
            let rename = edit(|label, to| Some(SchemaEdit::Rename { label, to }));
            let recolor = edit(|label, color| Some(SchemaEdit::Recolor { label, color }));
            let rekey = edit(|label, key| key.chars().next().map(|key| SchemaEdit::SetKey { label, key }));
            let describe = edit(|label, description| Some(SchemaEdit::Describe { label, description }));
            let revalue = edit(|label, key| ValueKind::parse(&key).map(|kind| SchemaEdit::SetValueKind { label, kind }));
            let kinds: Html = [(ValueKind::None, "no value"), (ValueKind::Count, "a count")]
                .into_iter()
                .map(|(kind, shown)| html! { <option value={kind.key()} selected={def.value == kind}>{shown}</option> })
                .collect();
            let remove = edit(|label, choice| match choice.as_str() {
                "" => None,
                "-" => Some(SchemaEdit::Remove { label, relabel_to: None }),
                target => Some(SchemaEdit::Remove { label, relabel_to: Some(Label::new(target)) }),
            });
            let moved = |up: bool| {
                let (onedit, label) = (props.onedit.clone(), label.clone());
                Callback::from(move |_: MouseEvent| onedit.emit(SchemaEdit::Move { label: label.clone(), up }))
            };
            let count = span_count(&def.label);
            let targets: Html = schema
                .labels()
                .iter()
                .filter(|other| other.label != def.label)
                .map(|other| html! { <option value={other.label.name().to_owned()}>{format!("Remove; relabel its spans {}", other.label)}</option> })
                .collect();
            html! {
                <li class="schema-row" key={def.label.name().to_owned()} data-schema-label={def.label.name().to_owned()}>
                    <Field class="schema-color" kind="color" value={def.color.clone()} onchange={recolor} label={format!("Colour of {}", def.label)} />
                    <Field class="schema-key" maxlength="1" value={def.key.to_string()} onchange={rekey} label={format!("Key of {}", def.label)} />
                    <Field class="schema-name" value={def.label.name().to_owned()} onchange={rename} label={format!("Name of {}", def.label)} />
                    <span class="schema-count">{format!("{count} spans")}</span>
                    <select
                        onchange={revalue.reform(|event: Event| value_of(&event))}
                        aria-label={format!("Value of {}", def.label)}
                        title="What its spans hold besides their text: a count is read from the text when a span is tagged (\u{201c}20 WNI\u{201d} \u{2192} 20)"
                    >{kinds}</select>
                    <button onclick={moved(true)} disabled={index == 0} aria-label={format!("Move {} up", def.label)}>{"\u{2191}"}</button>
                    <button onclick={moved(false)} disabled={index + 1 == schema.labels().len()} aria-label={format!("Move {} down", def.label)}>{"\u{2193}"}</button>
                    <select onchange={remove.reform(|event: Event| value_of(&event))} aria-label={format!("Remove {}", def.label)}>
                        <option value="" selected=true>{"Remove\u{2026}"}</option>
                        <option value="-">{if count == 0 { "Remove".to_owned() } else { format!("Remove with its {count} spans") }}</option>
                        {targets}
                    </select>
                    <Field class="schema-description" multiline=true value={def.description.clone()} onchange={describe} label={format!("Guideline of {}", def.label)} />
                </li>
            }
        })
        .collect();
    let onadd = {
        let (onedit, new_name) = (props.onedit.clone(), new_name.clone());
        Callback::from(move |event: SubmitEvent| {
            event.prevent_default();
            onedit.emit(SchemaEdit::Add { name: (*new_name).clone() });
            new_name.set(String::new());
        })
    };
    let oninput = {
        let new_name = new_name.clone();
        Callback::from(move |event: InputEvent| new_name.set(value_of(&event)))
    };
    html! {
        <div class="overlay" onclick={props.onclose.reform(|_: MouseEvent| ())}>
            <div class="dialog schema-dialog" role="dialog" aria-modal="true" aria-labelledby="schema-heading" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="schema-heading">{"Labels"}</h2>
                <ol class="schema-rows">{rows}</ol>
                <form class="schema-add" onsubmit={onadd}>
                    <input type="text" placeholder="NEW_LABEL" value={(*new_name).clone()} {oninput} aria-label="New label name" />
                    <button type="submit">{"Add label"}</button>
                </form>
                <div class="schema-actions">
                    <button onclick={props.onundo.reform(|_: MouseEvent| ())} disabled={!state.can_undo_schema()}>{"Undo schema change"}</button>
                    <button onclick={props.onexport.reform(|_: MouseEvent| ())}>{"Export schema"}</button>
                    <span class="hint">{"Open a .json schema with Open to adopt a team's labels."}</span>
                    <button class="primary" onclick={props.onclose.reform(|_: MouseEvent| ())}>{"Done"}</button>
                </div>
            </div>
        </div>
    }
}

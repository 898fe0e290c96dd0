//! The label bar: one button per label with its hotkey and description.
//! Buttons keep the text selection (they never take focus on mouse-down).

use std::rc::Rc;

use yew::prelude::*;

use crate::model::keymap::label_keys_summary;
use crate::model::{Label, Schema};

#[derive(Properties, PartialEq)]
pub struct LabelBarProps {
    pub schema: Rc<Schema>,
    pub onlabel: Callback<Label>,
    /// Open the schema editor.
    pub onedit: Callback<()>,
    /// Controls shown at the bar's far end.
    #[prop_or_default]
    pub children: Html,
}

#[function_component(LabelBar)]
pub fn label_bar(props: &LabelBarProps) -> Html {
    let buttons: Html = props
        .schema
        .labels()
        .iter()
        .enumerate()
        .map(|(index, def)| {
            let onclick = {
                let onlabel = props.onlabel.clone();
                let label = def.label.clone();
                Callback::from(move |_: MouseEvent| onlabel.emit(label.clone()))
            };
            let keep_selection = Callback::from(|event: MouseEvent| event.prevent_default());
            html! {
                <button
                    class="label-button"
                    style={format!("--c:var(--chip-{index})")}
                    title={format!("{} (key {}): {}", def.label, def.key, def.description)}
                    aria-keyshortcuts={def.key.to_string()}
                    onmousedown={keep_selection}
                    {onclick}
                >
                    <kbd>{def.key}</kbd>
                    <span class="label-name">{def.label.name().to_owned()}</span>
                </button>
            }
        })
        .collect();
    html! {
        <div class="label-bar" role="toolbar" aria-label="Labels">
            {buttons}
            <button class="edit-labels" onclick={props.onedit.reform(|_: MouseEvent| ())} title="Add, rename, recolour or remove labels">{"Edit labels"}</button>
            <span class="hint">{format!("Select text, press {} \u{b7} ? for every key", label_keys_summary(&props.schema))}</span>
            {props.children.clone()}
        </div>
    }
}

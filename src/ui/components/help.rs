//! The `?` overlay listing every keyboard shortcut, from the key table.

use std::rc::Rc;

use yew::prelude::*;

use crate::model::keymap::help_rows;
use crate::model::Schema;

#[derive(Properties, PartialEq)]
pub struct HelpProps {
    /// Its label keys head the list.
    pub schema: Rc<Schema>,
    pub onclose: Callback<()>,
}

#[function_component(HelpOverlay)]
pub fn help_overlay(props: &HelpProps) -> Html {
    let rows: Html = help_rows(&props.schema)
        .into_iter()
        .map(|(keys, what)| html! { <tr><th scope="row"><kbd>{keys}</kbd></th><td>{what}</td></tr> })
        .collect();
    html! {
        <div class="overlay" onclick={props.onclose.reform(|_: MouseEvent| ())}>
            <div class="dialog" role="dialog" aria-modal="true" aria-labelledby="help-heading" onclick={Callback::from(|e: MouseEvent| e.stop_propagation())}>
                <h2 id="help-heading">{"Keyboard shortcuts"}</h2>
                <table class="shortcuts">{rows}</table>
                <button class="primary" onclick={props.onclose.reform(|_: MouseEvent| ())}>{"Close"}</button>
            </div>
        </div>
    }
}

//! A text field (or colour well, or text area) that hands its value over on
//! `change` and that no unrelated render resets.
//!
//! Yew writes a controlled field's `value` back into the element on every
//! render of its component, so anything else rendering the page (a save
//! finishing, the side panel catching up a frame after a key press) would
//! wipe what a person is in the middle of typing. This field writes its
//! value only when the value it is given changes, and once after each
//! change it reports, so a refused edit shows the value that stands.

use wasm_bindgen::JsCast;
use web_sys::{HtmlInputElement, HtmlSelectElement, HtmlTextAreaElement};
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FieldProps {
    /// The value that stands; shown until the person edits it.
    pub value: AttrValue,
    /// The edited value, on `change` (leaving the field or pressing Enter).
    pub onchange: Callback<String>,
    /// The accessible name.
    pub label: AttrValue,
    #[prop_or_default]
    pub class: Classes,
    /// The input type: `text` or `color`.
    #[prop_or(AttrValue::Static("text"))]
    pub kind: AttrValue,
    #[prop_or_default]
    pub maxlength: Option<AttrValue>,
    #[prop_or_default]
    pub placeholder: Option<AttrValue>,
    /// A two-row text area instead of a one-line input.
    #[prop_or_default]
    pub multiline: bool,
}

#[function_component(Field)]
pub fn field(props: &FieldProps) -> Html {
    let node = use_node_ref();
    // Counts the changes reported, so the value is written back after each.
    let reported = use_state(|| 0u32);
    {
        let node = node.clone();
        use_effect_with((props.value.clone(), *reported), move |(value, _)| {
            if let Some(input) = node.cast::<HtmlInputElement>() {
                input.set_value(value);
            } else if let Some(area) = node.cast::<HtmlTextAreaElement>() {
                area.set_value(value);
            }
        });
    }
    let onchange = {
        let (onchange, reported) = (props.onchange.clone(), reported.clone());
        Callback::from(move |event: Event| {
            onchange.emit(value_of(&event));
            reported.set(reported.wrapping_add(1));
        })
    };
    if props.multiline {
        html! { <textarea ref={node} class={props.class.clone()} rows="2" aria-label={props.label.clone()} {onchange} /> }
    } else {
        html! {
            <input
                ref={node}
                type={props.kind.clone()}
                class={props.class.clone()}
                maxlength={props.maxlength.clone()}
                placeholder={props.placeholder.clone()}
                aria-label={props.label.clone()}
                {onchange}
            />
        }
    }
}

/// The value of the input, select or text area an event came from.
pub fn value_of(event: &Event) -> String {
    let target = event.target();
    target
        .as_ref()
        .and_then(|t| t.dyn_ref::<HtmlInputElement>().map(HtmlInputElement::value))
        .or_else(|| target.as_ref().and_then(|t| t.dyn_ref::<HtmlSelectElement>().map(HtmlSelectElement::value)))
        .or_else(|| target.as_ref().and_then(|t| t.dyn_ref::<HtmlTextAreaElement>().map(HtmlTextAreaElement::value)))
        .unwrap_or_default()
}

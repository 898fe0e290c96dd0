//! Listeners on the whole page, installed once: key presses go to the key
//! table, pasted text opens as a document.

use gloo::events::{EventListener, EventListenerOptions};
use wasm_bindgen::JsCast;
use web_sys::{ClipboardEvent, Element, HtmlElement, KeyboardEvent};
use yew::prelude::*;

use super::use_latest;
use crate::formats::open;
use crate::ui::components::span_details::DETAILS_ID;
use crate::ui::keys::{self, KeyIntent};
use crate::ui::store::StoreHandle;

/// One keydown listener for the page. It reads the latest state through a
/// ref, so it is installed once, not on every render.
#[hook]
pub fn use_key_listener(store: &StoreHandle, article_ref: &NodeRef) {
    let latest = use_latest(store.clone());
    let article_ref = article_ref.clone();
    use_effect_with((), move |_| {
        let options = EventListenerOptions::enable_prevent_default();
        let listener = EventListener::new_with_options(&gloo::utils::document(), "keydown", options, move |event| {
            let (Some(event), Some(article)) = (event.dyn_ref::<KeyboardEvent>(), article_ref.cast::<Element>()) else {
                return;
            };
            let store = latest.borrow().clone();
            match keys::intent_for(event, &article, &store.0) {
                Some(KeyIntent::Apply(action)) => {
                    event.prevent_default();
                    store.dispatch(action);
                }
                Some(KeyIntent::OpenDetails) => {
                    if let Some(details) = gloo::utils::document().get_element_by_id(DETAILS_ID) {
                        event.prevent_default();
                        let _ = details.unchecked_into::<HtmlElement>().focus();
                    }
                }
                None => {}
            }
        });
        move || drop(listener)
    });
}

/// Pasting text anywhere outside a field opens it as a new document.
#[hook]
pub fn use_paste_to_open(store: &StoreHandle) {
    let dispatcher = store.dispatcher();
    use_effect_with((), move |_| {
        let listener = EventListener::new(&gloo::utils::document(), "paste", move |event| {
            let Some(event) = event.dyn_ref::<ClipboardEvent>() else { return };
            let in_field = event
                .target()
                .and_then(|t| t.dyn_into::<Element>().ok())
                .is_some_and(|t| matches!(t.tag_name().as_str(), "INPUT" | "TEXTAREA"));
            let text = event.clipboard_data().and_then(|data| data.get_data("text/plain").ok()).unwrap_or_default();
            if in_field {
                return;
            }
            if let Some(opened) = open::pasted(text) {
                event.prevent_default();
                dispatcher.dispatch(opened.into_action());
            }
        });
        move || drop(listener)
    });
}

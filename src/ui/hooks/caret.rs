//! The keyboard caret in the page: mirrored into the browser's selection,
//! and drawn as a bar at its head.

use std::rc::Rc;

use web_sys::Element;
use yew::prelude::*;

use super::use_latest;
use crate::decimal::fixed;
use crate::ui::store::StoreHandle;
use crate::ui::{effects, selection};

/// When the caret changes, mirrors a keyboard selection into the browser's
/// selection, so what is highlighted is what is tagged. Only then: a render
/// for another reason (a save finishing) must not touch a selection the
/// user is making with the mouse.
#[hook]
pub fn use_caret_mirror(store: &StoreHandle, article_ref: &NodeRef) {
    // The caret as of the latest render, for work put off to the next frame.
    let current_caret = use_latest(store.0.caret());
    let article_ref = article_ref.clone();
    use_effect_with(store.0.caret(), move |caret| {
        let Some(caret) = *caret else { return };
        // Showing a keyboard selection happens now; clearing the browser's
        // selection (after tagging) waits for the next frame's layout, and
        // is skipped if the caret has moved on by then.
        if caret.range().is_some() {
            if let Some(article) = article_ref.cast::<Element>() {
                selection::mirror(&article, caret);
            }
            return;
        }
        effects::in_next_frame(move || {
            if let (Some(article), Some(latest)) = (article_ref.cast::<Element>(), *current_caret.borrow()) {
                if latest == caret {
                    selection::mirror(&article, caret);
                }
            }
        });
    });
}

/// The caret bar follows the caret and the text (new spans shift it):
/// placed when either changes, not on every render, at the caret of the
/// latest render. Measured once the frame showing the change is painted,
/// when its layout is done: the text shows first, the bar a frame later.
#[hook]
pub fn use_caret_bar(store: &StoreHandle, article_ref: &NodeRef) {
    let current_caret = use_latest(store.0.caret());
    let article_ref = article_ref.clone();
    let shown = Rc::as_ptr(store.0.current()) as usize;
    use_effect_with((store.0.caret(), shown, store.0.show_invisibles()), move |(caret, _, _)| {
        if caret.is_some() {
            effects::after_next_paint(move || {
                if let (Some(article), Some(latest)) = (article_ref.cast::<Element>(), *current_caret.borrow()) {
                    place_caret(&article, latest.head);
                }
            });
        }
    });
}

/// Moves the article's caret bar to char position `head`.
fn place_caret(article: &Element, head: usize) {
    // The bar is the article's last child: looked up there, not searched for
    // through every run of a long article.
    let bar = article.last_element_child().filter(|last| last.class_list().contains("caret"));
    let (Some(bar), Some(rect)) = (bar, selection::caret_rect(article, head)) else {
        return;
    };
    let origin = article.get_bounding_client_rect();
    let px = |value: f64| fixed(value, 2);
    let style =
        format!("top:{}px;left:{}px;height:{}px", px(rect.top() - origin.top()), px(rect.left() - origin.left()), px(rect.height()));
    let _ = bar.set_attribute("style", &style);
}

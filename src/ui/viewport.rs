//! Which article blocks are near the viewport: one `IntersectionObserver`
//! watches every block still waiting, and tells each, once, when it comes
//! within two screens of the viewport.
//!
//! Blocks that were never near draw their text alone (see
//! `components::block`), so opening a long article costs what is on screen,
//! not the whole article. A block never goes back: a selection being dragged
//! through it must keep its text nodes.

use std::cell::RefCell;
use std::collections::HashMap;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, IntersectionObserver, IntersectionObserverEntry, IntersectionObserverInit};
use yew::prelude::*;

/// How far beyond the viewport a block counts as near: two screens above
/// and below, so it is drawn before a scroll or a drag selection gets there.
const NEAR_MARGIN: &str = "200% 0px";

/// The property a watched element carries its watch number in.
const WATCH_KEY: &str = "__sorotWatch";

/// The observer and the blocks waiting to be told.
struct Watcher {
    observer: IntersectionObserver,
    waiting: HashMap<u32, Callback<()>>,
    next_id: u32,
    _on_change: Closure<dyn FnMut(js_sys::Array)>,
}

thread_local! {
    static WATCHER: RefCell<Option<Watcher>> = const { RefCell::new(None) };
}

/// True once the element behind `node` has come near the viewport; stays true.
#[hook]
pub fn use_near_viewport(node: &NodeRef) -> bool {
    let near = use_state_eq(|| false);
    {
        let near = near.clone();
        use_effect_with((node.clone(), *near), move |(node, is_near)| {
            let watched = match (*is_near, node.cast::<Element>()) {
                (false, Some(element)) => {
                    let watched = watch(
                        &element,
                        Callback::from({
                            let near = near.clone();
                            move |()| near.set(true)
                        }),
                    );
                    // Without an observer, every block is drawn in full.
                    if watched.is_none() {
                        near.set(true);
                    }
                    watched
                }
                _ => None,
            };
            move || {
                if let Some((id, element)) = watched {
                    unwatch(id, &element);
                }
            }
        });
    }
    *near
}

/// Starts watching `element`; `on_near` is called once it is near.
fn watch(element: &Element, on_near: Callback<()>) -> Option<(u32, Element)> {
    WATCHER.with_borrow_mut(|slot| {
        if slot.is_none() {
            *slot = Some(new_watcher()?);
        }
        let watcher = slot.as_mut()?;
        let id = watcher.next_id;
        watcher.next_id += 1;
        js_sys::Reflect::set(element, &JsValue::from_str(WATCH_KEY), &JsValue::from(id)).ok()?;
        watcher.waiting.insert(id, on_near);
        watcher.observer.observe(element);
        Some((id, element.clone()))
    })
}

fn unwatch(id: u32, element: &Element) {
    WATCHER.with_borrow_mut(|slot| {
        if let Some(watcher) = slot {
            watcher.waiting.remove(&id);
            watcher.observer.unobserve(element);
        }
    });
}

fn new_watcher() -> Option<Watcher> {
    let on_change = Closure::<dyn FnMut(js_sys::Array)>::new(|entries: js_sys::Array| {
        // Collect first, then call: a call renders the block, and its
        // effects come back here to stop watching.
        let ready: Vec<Callback<()>> = WATCHER.with_borrow_mut(|slot| {
            let Some(watcher) = slot else { return Vec::new() };
            entries
                .iter()
                .map(JsCast::unchecked_into::<IntersectionObserverEntry>)
                .filter(IntersectionObserverEntry::is_intersecting)
                .filter_map(|entry| {
                    let target = entry.target();
                    watcher.observer.unobserve(&target);
                    let id = js_sys::Reflect::get(&target, &JsValue::from_str(WATCH_KEY)).ok()?.as_f64()? as u32;
                    watcher.waiting.remove(&id)
                })
                .collect()
        });
        for on_near in ready {
            on_near.emit(());
        }
    });
    let options = IntersectionObserverInit::new();
    options.set_root_margin(NEAR_MARGIN);
    let observer = IntersectionObserver::new_with_options(on_change.as_ref().unchecked_ref(), &options).ok()?;
    Some(Watcher { observer, waiting: HashMap::new(), next_id: 0, _on_change: on_change })
}

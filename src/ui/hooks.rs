//! The shell's effects, one custom hook each, so the app component only
//! calls them in a row. Each says what it does and why it runs when it
//! does: most of the timings are measured choices that keep a key press's
//! frame short.

mod caret;
mod deferred;
mod page_events;
mod remembered;

pub use caret::{use_caret_bar, use_caret_mirror};
pub use deferred::{use_frame_behind, use_rehearsal_when_idle, use_scroll_to_selected};
pub use page_events::{use_key_listener, use_paste_to_open};
pub use remembered::{use_remembered_annotator, use_remembered_doccano_unit, use_remembered_theme};

use std::cell::RefCell;
use std::rc::Rc;

use yew::prelude::*;

/// `value` as of the latest render, for a listener installed once or for
/// work put off to a later frame: each render overwrites it, so keys pressed
/// faster than frames never see an older value win.
#[hook]
pub fn use_latest<T: Clone + 'static>(value: T) -> Rc<RefCell<T>> {
    let latest = use_mut_ref(|| value.clone());
    *latest.borrow_mut() = value;
    latest
}

//! The key handler's DOM boundary: reads a key press from the browser,
//! leaves typing in fields alone, and turns the intent the key table
//! ([`crate::model::keymap`]) gives into an action, reading the browser's
//! selection for label keys.

use crate::model::{ViewAction, WorkAction};
use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use crate::model::keymap::{self, Intent, KeyPress};
use crate::model::{Action, AppState};

use super::selection;
use crate::suggest;

/// What a key press asks of the app: a model action, or a shell-only step.
pub enum KeyIntent {
    Apply(Action),
    /// Move focus into the selected span's details.
    OpenDetails,
}

/// The intent of a key press, or `None` to leave the key to the browser
/// (typing in a field, moving focus between controls, browser shortcuts).
pub fn intent_for(event: &KeyboardEvent, article: &Element, state: &AppState) -> Option<KeyIntent> {
    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    if target.as_ref().is_some_and(is_text_field) {
        return None;
    }
    let key = event.key();
    let press = KeyPress {
        key: &key,
        ctrl: event.ctrl_key() || event.meta_key(),
        shift: event.shift_key(),
        alt: event.alt_key(),
        on_control: target.as_ref().is_some_and(|t| t.closest("button, a, summary, [role=dialog]").ok().flatten().is_some()),
    };
    match keymap::intent(&press, state)? {
        Intent::Apply(action) => Some(KeyIntent::Apply(action)),
        Intent::OpenDetails => Some(KeyIntent::OpenDetails),
        Intent::Suggest => Some(KeyIntent::Apply(WorkAction::OfferSuggestions(suggest::for_state(state)).into())),
        Intent::Deselect => {
            selection::clear();
            Some(KeyIntent::Apply(ViewAction::Select(None).into()))
        }
        Intent::Label(key) => {
            Some(KeyIntent::Apply(WorkAction::LabelKey { key, selection: selection::take_selected_range(article) }.into()))
        }
    }
}

/// Whether keys typed at `target` are text for it (a checkbox is not).
fn is_text_field(target: &Element) -> bool {
    match target.tag_name().as_str() {
        "TEXTAREA" | "SELECT" => true,
        "INPUT" => !matches!(target.get_attribute("type").as_deref(), Some("checkbox" | "radio" | "file" | "button")),
        _ => target.closest("[contenteditable=true]").ok().flatten().is_some(),
    }
}

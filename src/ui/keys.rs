//! Keyboard shortcuts: which key press becomes which model action. The
//! help overlay (`?`) lists the same table, from [`SHORTCUTS`].

use wasm_bindgen::JsCast;
use web_sys::{Element, KeyboardEvent};

use crate::model::{Action, AppState, CaretUnit, Schema};

use super::selection;

/// Every shortcut as `(keys, what it does)`, for the help overlay.
pub const SHORTCUTS: [(&str, &str); 17] = [
    ("1 \u{2013} 4", "Tag the selection with that label, or relabel the selected span"),
    ("\u{2190} \u{2192}", "Move the caret by a word"),
    ("Alt + \u{2190} \u{2192}", "Move the caret by one character (a whole emoji or accented letter)"),
    ("Shift + arrows", "Extend the selection from the caret"),
    ("Alt + mouse drag", "Select exact characters, without snapping to words"),
    ("Double-click", "Select one word, ready to tag"),
    ("Tab, Shift + Tab", "Select the next or previous span"),
    ("Enter", "Open the selected span's details"),
    ("Delete, Backspace", "Remove the selected span"),
    ("Escape", "Deselect, or close this overlay"),
    ("S", "Suggest spans (offline rules)"),
    ("Enter, X", "Accept or reject the selected suggestion"),
    ("A", "Tag every other occurrence of the selected span (Shift + A: in all documents)"),
    ("PageDown, PageUp", "Next or previous document (within the status filter)"),
    ("Ctrl + Z", "Undo"),
    ("Ctrl + Shift + Z, Ctrl + Y", "Redo"),
    ("?", "Show these shortcuts"),
];

/// What a key press asks of the app: a model action, or a shell-only step.
pub enum KeyIntent {
    Apply(Action),
    /// Move focus into the selected span's details.
    OpenDetails,
}

/// The intent of a key press, or `None` to leave the key to the browser
/// (typing in a field, moving focus between controls, browser shortcuts).
pub fn intent_for(event: &KeyboardEvent, article: &Element, state: &AppState) -> Option<KeyIntent> {
    let help_open = state.help_open();
    let target = event.target().and_then(|t| t.dyn_into::<Element>().ok());
    if target.as_ref().is_some_and(is_text_field) {
        return None;
    }
    let on_control = target.as_ref().is_some_and(|t| t.closest("button, a, summary, [role=dialog]").ok().flatten().is_some());
    let key = event.key();
    if event.ctrl_key() || event.meta_key() {
        return match key.to_lowercase().as_str() {
            "z" if event.shift_key() => Some(KeyIntent::Apply(Action::Redo)),
            "z" => Some(KeyIntent::Apply(Action::Undo)),
            "y" => Some(KeyIntent::Apply(Action::Redo)),
            _ => None,
        };
    }
    let apply = |action| Some(KeyIntent::Apply(action));
    match key.as_str() {
        "Escape" if help_open => apply(Action::ShowHelp(false)),
        "Escape" if state.notice().is_some() => apply(Action::DismissNotice),
        "Escape" => {
            selection::clear();
            apply(Action::Select(None))
        }
        "?" => apply(Action::ShowHelp(true)),
        _ if help_open => None,
        // On a button or link, Tab and Enter keep their usual meaning.
        "Tab" | "Enter" if on_control => None,
        "ArrowLeft" | "ArrowRight" => {
            let unit = if event.alt_key() { CaretUnit::Grapheme } else { CaretUnit::Word };
            apply(Action::MoveCaret { unit, forward: key == "ArrowRight", extend: event.shift_key() })
        }
        "Tab" => apply(Action::SelectAdjacent { forward: !event.shift_key() }),
        "PageDown" | "PageUp" => apply(Action::StepDocument { forward: key == "PageDown" }),
        "Enter" => match state.selected_suggestion() {
            Some(index) => apply(Action::AcceptSuggestion(index)),
            None => Some(KeyIntent::OpenDetails),
        },
        "x" | "X" => state.selected_suggestion().map(|index| KeyIntent::Apply(Action::RejectSuggestion(index))),
        "s" | "S" => apply(Action::Suggest),
        "a" => apply(Action::TagAll { all_documents: false, case_sensitive: true }),
        "A" => apply(Action::TagAll { all_documents: true, case_sensitive: true }),
        "Delete" | "Backspace" => apply(Action::UntagSelected),
        _ if event.alt_key() => None,
        _ => {
            let mut chars = key.chars();
            let (Some(key), None) = (chars.next(), chars.next()) else { return None };
            if !Schema::is_label_key(key) || state.schema().label_for_key(key).is_none() {
                return None;
            }
            let range = selection::selected_range(article);
            if range.is_some() {
                selection::clear();
            }
            apply(Action::LabelKey { key, selection: range })
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

//! Side effects the shell performs for the user: downloading a file, reading
//! an opened file's bytes, scrolling a span into view. Nothing here changes
//! the model; results come back as actions.

use std::cell::RefCell;
use std::rc::Rc;

use crate::limits::{IDLE_AT_THE_LATEST_MS, PAINT_WAIT_MS, SCROLL_SETTLE_MS};
use crate::model::offsets::OffsetUnit;
use crate::model::Theme;
use js_sys::{Array, Function, Object, Promise, Reflect, Uint8Array};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;
use web_sys::{Blob, BlobPropertyBag, File, HtmlAnchorElement, ScrollBehavior, ScrollIntoViewOptions, ScrollLogicalPosition, Url};

/// Starts a download of `contents` as a file called `file_name`.
pub fn download(file_name: &str, mime: &str, contents: &str) -> Result<(), String> {
    let describe = |e: JsValue| format!("The browser refused the download of {file_name}: {e:?}");
    let parts = Array::of1(&JsValue::from_str(contents));
    let options = BlobPropertyBag::new();
    options.set_type(mime);
    let blob = Blob::new_with_str_sequence_and_options(&parts, &options).map_err(describe)?;
    start_download(file_name, &blob)
}

/// Downloads `blob` as `file_name` through a temporary link.
fn start_download(file_name: &str, blob: &Blob) -> Result<(), String> {
    let describe = |e: JsValue| format!("The browser refused the download of {file_name}: {e:?}");
    let url = Url::create_object_url_with_blob(blob).map_err(describe)?;
    let document = gloo::utils::document();
    let anchor: HtmlAnchorElement = document.create_element("a").map_err(describe)?.unchecked_into();
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    // The download has started from the URL by now; release it on the next turn.
    gloo::timers::callback::Timeout::new(0, move || {
        let _ = Url::revoke_object_url(&url);
    })
    .forget();
    Ok(())
}

/// Starts a download of raw bytes as a file called `file_name`.
pub fn download_bytes(file_name: &str, bytes: &[u8]) -> Result<(), String> {
    let describe = |e: JsValue| format!("The browser refused the download of {file_name}: {e:?}");
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = Blob::new_with_u8_array_sequence(&parts).map_err(describe)?;
    start_download(file_name, &blob)
}

/// Saves `contents`: through the File System Access API where the browser
/// has it (asking for a file the first time, then writing back to the same
/// file), else as a download. `Ok(false)` when the user cancelled.
pub async fn save(handle: &Rc<RefCell<Option<JsValue>>>, file_name: &str, contents: &str) -> Result<bool, String> {
    let window = gloo::utils::window();
    let picker = Reflect::get(&window, &"showSaveFilePicker".into()).unwrap_or(JsValue::UNDEFINED);
    let Some(picker) = picker.dyn_ref::<Function>() else {
        return download(file_name, "application/json", contents).map(|()| true);
    };
    let failed = |e: JsValue| format!("Saving {file_name} failed: {}", js_message(&e));
    let existing = handle.borrow().clone();
    let file = match existing {
        Some(file) => file,
        None => {
            let options = Object::new();
            let _ = Reflect::set(&options, &"suggestedName".into(), &file_name.into());
            let chosen = JsFuture::from(picker.call1(&window, &options).map_err(failed)?.unchecked_into::<Promise>()).await;
            match chosen {
                Ok(file) => file,
                Err(e) if js_name(&e) == "AbortError" => return Ok(false),
                Err(e) => return Err(failed(e)),
            }
        }
    };
    let call = |target: &JsValue, method: &str, arg: Option<&JsValue>| -> Result<Promise, String> {
        let function: Function = Reflect::get(target, &method.into()).and_then(|f| f.dyn_into()).map_err(failed)?;
        let result = match arg {
            Some(arg) => function.call1(target, arg),
            None => function.call0(target),
        };
        result.map(|p| p.unchecked_into()).map_err(failed)
    };
    let writable = JsFuture::from(call(&file, "createWritable", None)?).await.map_err(failed)?;
    JsFuture::from(call(&writable, "write", Some(&contents.into()))?).await.map_err(failed)?;
    JsFuture::from(call(&writable, "close", None)?).await.map_err(failed)?;
    *handle.borrow_mut() = Some(file);
    Ok(true)
}

fn js_name(error: &JsValue) -> String {
    Reflect::get(error, &"name".into()).ok().and_then(|n| n.as_string()).unwrap_or_default()
}

fn js_message(error: &JsValue) -> String {
    Reflect::get(error, &"message".into()).ok().and_then(|n| n.as_string()).unwrap_or_else(|| format!("{error:?}"))
}

/// Where the chosen theme is remembered in this browser.
const THEME_KEY: &str = "sorot-theme";

/// The theme this browser last chose, if any.
pub fn stored_theme() -> Option<Theme> {
    let storage = gloo::utils::window().local_storage().ok()??;
    match storage.get_item(THEME_KEY).ok()??.as_str() {
        "light" => Some(Theme::Light),
        "dark" => Some(Theme::Dark),
        _ => None,
    }
}

/// Applies `theme` to the page (`<html data-theme>` is `light` or `dark`,
/// "system" resolved through `prefers-color-scheme`) and remembers it.
pub fn apply_theme(theme: Theme) {
    let system_dark =
        || gloo::utils::window().match_media("(prefers-color-scheme: dark)").ok().flatten().is_some_and(|query| query.matches());
    let (name, shown) = match theme {
        Theme::System => ("system", if system_dark() { "dark" } else { "light" }),
        Theme::Light => ("light", "light"),
        Theme::Dark => ("dark", "dark"),
    };
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = root.set_attribute("data-theme", shown);
    }
    if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
        let _ = storage.set_item(THEME_KEY, name);
    }
}

/// Where the annotator's name is kept in this browser.
const ANNOTATOR_KEY: &str = "sorot-annotator";
const DOCCANO_UNIT_KEY: &str = "sorot-doccano-unit";

/// The unit doccano files count in, as chosen in this browser before.
pub fn stored_doccano_unit() -> Option<OffsetUnit> {
    OffsetUnit::parse(&gloo::utils::window().local_storage().ok()??.get_item(DOCCANO_UNIT_KEY).ok()??)
}

/// Remembers the unit doccano files count in.
pub fn store_doccano_unit(unit: OffsetUnit) {
    if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
        let _ = storage.set_item(DOCCANO_UNIT_KEY, unit.key());
    }
}

/// The annotator's name this browser remembers, if any.
pub fn stored_annotator() -> Option<String> {
    gloo::utils::window().local_storage().ok()??.get_item(ANNOTATOR_KEY).ok()?.filter(|n| !n.trim().is_empty())
}

/// Remembers the annotator's name in this browser.
pub fn store_annotator(name: &str) {
    if let Ok(Some(storage)) = gloo::utils::window().local_storage() {
        let _ = storage.set_item(ANNOTATOR_KEY, name);
    }
}

/// Runs `f` just before the browser lays out and paints its next frame.
pub fn in_next_frame(f: impl FnOnce() + 'static) {
    let callback = wasm_bindgen::closure::Closure::once_into_js(f);
    let _ = gloo::utils::window().request_animation_frame(callback.unchecked_ref());
}

/// Work waiting for the next painted frame.
#[derive(Default)]
struct AfterPaint {
    /// Which wait the work belongs to; the next one once it has run.
    wait: u64,
    work: Vec<Box<dyn FnOnce()>>,
}

thread_local! {
    static AFTER_PAINT: RefCell<AfterPaint> = RefCell::default();
}

/// Runs `write` after the browser has painted the current frame, or after
/// a tenth of a second if no frame comes (a hidden tab paints none). Work
/// put off during one frame runs together, in order, in one task, however
/// many parts of the page wait.
pub fn after_next_paint(write: impl FnOnce() + 'static) {
    let (wait, first) = AFTER_PAINT.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        waiting.work.push(Box::new(write));
        (waiting.wait, waiting.work.len() == 1)
    });
    if first {
        gloo::timers::callback::Timeout::new(PAINT_WAIT_MS, move || run_after_paint(wait)).forget();
        in_next_frame(move || {
            gloo::timers::callback::Timeout::new(0, move || run_after_paint(wait)).forget();
        });
    }
}

/// Resolves once the browser has painted the current frame, in a task of
/// its own (not with the work [`after_next_paint`] puts off).
pub async fn painted() {
    let promise = Promise::new(&mut |resolve, _reject| {
        in_next_frame(move || {
            let _ = gloo::utils::window().set_timeout_with_callback(&resolve);
        });
    });
    let _ = JsFuture::from(promise).await;
}

/// Runs `f` once the page is idle: after the tasks and input already
/// waiting, or after a second at the latest. Where the browser has no idle
/// callbacks, in a task of its own.
pub fn when_idle(f: impl FnOnce() + 'static) {
    let run = wasm_bindgen::closure::Closure::once_into_js(move |_: JsValue| f());
    let window = gloo::utils::window();
    let options = web_sys::IdleRequestOptions::new();
    options.set_timeout(IDLE_AT_THE_LATEST_MS);
    if window.request_idle_callback_with_options(run.unchecked_ref(), &options).is_err() {
        let _ = window.set_timeout_with_callback(run.unchecked_ref());
    }
}

/// Runs the work of wait `wait`, unless it has run already.
fn run_after_paint(wait: u64) {
    let due = AFTER_PAINT.with(|waiting| {
        let mut waiting = waiting.borrow_mut();
        if waiting.wait != wait {
            return Vec::new();
        }
        waiting.wait += 1;
        std::mem::take(&mut waiting.work)
    });
    for write in due {
        write();
    }
}

/// Resolves on a later turn of the event loop, so the page paints and takes
/// input between the steps of a long task.
pub async fn yield_to_page() {
    let promise = Promise::new(&mut |resolve, _reject| {
        let _ = gloo::utils::window().set_timeout_with_callback(&resolve);
    });
    let _ = JsFuture::from(promise).await;
}

/// Reads all bytes of a file the user opened.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer =
        JsFuture::from(file.array_buffer()).await.map_err(|e| format!("{}: the browser could not read the file ({e:?})", file.name()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Brings the label tag of span `id` into view, unless it is in view:
/// a short smooth scroll when it is a screen or two away, else a jump that
/// centres it (repeated once the blocks around it are laid out, which
/// moves it).
pub fn scroll_to_span(id: u64) {
    let document = gloo::utils::document();
    let Some(tag) = document.get_element_by_id(&format!("span-{id}")) else { return };
    let screen = gloo::utils::window().inner_height().ok().and_then(|h| h.as_f64()).unwrap_or(800.0);
    let covered = document.query_selector(".top-bars").ok().flatten().map_or(0.0, |bars| bars.get_bounding_client_rect().bottom());
    let rect = tag.get_bounding_client_rect();
    if rect.top() >= covered && rect.bottom() <= screen {
        return;
    }
    let options = ScrollIntoViewOptions::new();
    if rect.bottom() > -screen && rect.top() < 2.0 * screen {
        options.set_block(ScrollLogicalPosition::Nearest);
        options.set_behavior(ScrollBehavior::Smooth);
        tag.scroll_into_view_with_scroll_into_view_options(&options);
        return;
    }
    options.set_block(ScrollLogicalPosition::Center);
    options.set_behavior(ScrollBehavior::Instant);
    tag.scroll_into_view_with_scroll_into_view_options(&options);
    gloo::timers::callback::Timeout::new(SCROLL_SETTLE_MS, move || tag.scroll_into_view_with_scroll_into_view_options(&options)).forget();
}

//! Side effects the shell performs for the user: downloading a file, reading
//! an opened file's bytes, scrolling a span into view. Nothing here changes
//! the model; results come back as actions.

use js_sys::{Array, Uint8Array};
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
    let url = Url::create_object_url_with_blob(&blob).map_err(describe)?;
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

/// Reads all bytes of a file the user opened.
pub async fn read_bytes(file: &File) -> Result<Vec<u8>, String> {
    let buffer = JsFuture::from(file.array_buffer())
        .await
        .map_err(|e| format!("{}: the browser could not read the file ({e:?})", file.name()))?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Scrolls the label tag of span `id` into view: to the middle when
/// `center`, otherwise only as far as needed to make it visible.
pub fn scroll_to_span(id: u64, center: bool) {
    if let Some(tag) = gloo::utils::document().get_element_by_id(&format!("span-{id}")) {
        let options = ScrollIntoViewOptions::new();
        options.set_block(if center { ScrollLogicalPosition::Center } else { ScrollLogicalPosition::Nearest });
        options.set_behavior(ScrollBehavior::Smooth);
        tag.scroll_into_view_with_scroll_into_view_options(&options);
    }
}

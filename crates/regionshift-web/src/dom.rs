//! Browser helpers shared by the components.
//!
//! The Content-Security-Policy (`style-src 'self'`) forbids `style` attributes, so sizes
//! and offsets that depend on data are set through the CSSOM (`element.style.setProperty`),
//! which the policy allows. It is reached through `Reflect` so no extra `web-sys` feature
//! (`CssStyleDeclaration`) is needed.

use wasm_bindgen::{JsCast, JsValue};

/// Sets one CSS property on an element through the CSSOM. Failures are ignored: the worst
/// outcome is a layout glitch, never lost data.
pub fn set_style(element: &web_sys::Element, property: &str, value: &str) {
    let Ok(style) = js_sys::Reflect::get(element, &JsValue::from_str("style")) else { return };
    let Ok(set_property) = js_sys::Reflect::get(&style, &JsValue::from_str("setProperty")) else { return };
    if let Some(set_property) = set_property.dyn_ref::<js_sys::Function>() {
        let _ = set_property.call2(&style, &JsValue::from_str(property), &JsValue::from_str(value));
    }
}

/// The files of a `FileList`, in order.
pub fn files(list: Option<web_sys::FileList>) -> Vec<web_sys::File> {
    let Some(list) = list else { return Vec::new() };
    (0..list.length()).filter_map(|i| list.get(i)).collect()
}

/// A `change` handler for an `<input type="file">`: hands the chosen files on, then
/// clears the picker so choosing the same file again fires `change` again.
pub fn on_files_chosen(on_files: yew::Callback<Vec<web_sys::File>>) -> yew::Callback<web_sys::Event> {
    yew::Callback::from(move |event: web_sys::Event| {
        use yew::TargetCast;
        let Some(input) = event.target_dyn_into::<web_sys::HtmlInputElement>() else { return };
        let chosen = files(input.files());
        input.set_value("");
        if !chosen.is_empty() {
            on_files.emit(chosen);
        }
    })
}

/// Does a drag carry files (rather than text or a link)?
pub fn drag_has_files(event: &web_sys::DragEvent) -> bool {
    event
        .data_transfer()
        .is_some_and(|transfer| transfer.types().iter().any(|t| t.as_string().as_deref() == Some("Files")))
}

/// The text of the `<input>` an event came from (empty for any other element).
pub fn input_value(event: &web_sys::Event) -> String {
    use yew::TargetCast;
    event.target_dyn_into::<web_sys::HtmlInputElement>().map(|input| input.value()).unwrap_or_default()
}

/// Offers bytes already in JavaScript's memory (the download worker's file) as a file
/// download named `name`, without copying them into the app's memory.
pub fn download_bytes(name: &str, mime: &str, bytes: &js_sys::Uint8Array) {
    offer(name, mime, bytes);
}

fn offer(name: &str, mime: &str, part: &JsValue) {
    let result = (|| -> Result<(), JsValue> {
        let parts = js_sys::Array::of1(part);
        let options = web_sys::BlobPropertyBag::new();
        options.set_type(mime);
        let blob = web_sys::Blob::new_with_u8_array_sequence_and_options(&parts, &options)?;
        let url = web_sys::Url::create_object_url_with_blob(&blob)?;
        let document = gloo::utils::document();
        let anchor: web_sys::HtmlAnchorElement = document.create_element("a")?.dyn_into()?;
        anchor.set_href(&url);
        anchor.set_download(name);
        anchor.set_rel("noopener");
        let body = document.body().ok_or_else(|| JsValue::from_str("no <body>"))?;
        body.append_child(&anchor)?;
        anchor.click();
        body.remove_child(&anchor)?;
        // Revoked after the click has been handled, so the download can start.
        let revoke = gloo::timers::callback::Timeout::new(10_000, move || {
            let _ = web_sys::Url::revoke_object_url(&url);
        });
        revoke.forget();
        Ok(())
    })();
    if let Err(error) = result {
        gloo::console::error!("the download could not be offered:", error);
    }
}

//! Thin wrappers over the browser APIs the UI uses for side effects:
//! local storage, file download, the URL fragment, document attributes.
//! Every failure comes back as a message, never as a panic.
use wasm_bindgen::JsCast;

/// Reads a local-storage entry; `Ok(None)` when absent.
pub fn storage_get(key: &str) -> Result<Option<String>, String> {
    let storage = local_storage()?;
    storage
        .get_item(key)
        .map_err(|_| "the browser refused to read local storage".to_owned())
}

/// Writes a local-storage entry; a full quota comes back as a clear message.
pub fn storage_set(key: &str, value: &str) -> Result<(), String> {
    let storage = local_storage()?;
    storage.set_item(key, value).map_err(|_| {
        format!(
            "the browser's storage is full or disabled, so this session ({} KB) is kept in memory only: export it to keep it",
            value.len() / 1024
        )
    })
}

/// Removes a local-storage entry (best effort).
pub fn storage_remove(key: &str) {
    if let Ok(storage) = local_storage() {
        let _ = storage.remove_item(key);
    }
}

fn local_storage() -> Result<web_sys::Storage, String> {
    web_sys::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .ok_or_else(|| "local storage is not available in this browser".to_owned())
}

/// Offers `text` as a file download named `file_name`.
pub fn download(file_name: &str, mime: &str, text: &str) -> Result<(), String> {
    let fail = |what: &str| format!("could not prepare the download ({what})");
    let parts = js_sys_array_of(text);
    let options = web_sys::BlobPropertyBag::new();
    options.set_type(mime);
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options)
        .map_err(|_| fail("blob"))?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| fail("url"))?;
    let document = gloo::utils::document();
    let anchor = document
        .create_element("a")
        .map_err(|_| fail("link"))?
        .dyn_into::<web_sys::HtmlAnchorElement>()
        .map_err(|_| fail("link"))?;
    anchor.set_href(&url);
    anchor.set_download(file_name);
    anchor.click();
    let _ = web_sys::Url::revoke_object_url(&url);
    Ok(())
}

fn js_sys_array_of(text: &str) -> js_sys::Array {
    js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(text))
}

/// The URL fragment without its `#`.
pub fn location_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().hash().ok())
        .map(|h| h.trim_start_matches('#').to_owned())
        .unwrap_or_default()
}

/// Replaces the URL fragment without adding a history entry.
pub fn replace_hash(hash: &str) {
    if let Some(history) = web_sys::window().and_then(|w| w.history().ok()) {
        let url = if hash.is_empty() {
            location_path()
        } else {
            format!("{}#{hash}", location_path())
        };
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

/// The page URL without its fragment.
pub fn page_url_without_hash() -> String {
    web_sys::window()
        .and_then(|w| w.location().href().ok())
        .map(|href| href.split('#').next().unwrap_or_default().to_owned())
        .unwrap_or_default()
}

fn location_path() -> String {
    web_sys::window()
        .and_then(|w| {
            let l = w.location();
            Some(format!("{}{}", l.pathname().ok()?, l.search().ok()?))
        })
        .unwrap_or_default()
}

/// Whether the system asks for a dark theme (`prefers-color-scheme: dark`);
/// `false` when the browser cannot say.
pub fn prefers_dark() -> bool {
    let Some(window) = web_sys::window() else {
        return false;
    };
    let Ok(match_media) = js_sys::Reflect::get(&window, &"matchMedia".into()) else {
        return false;
    };
    let Ok(match_media) = match_media.dyn_into::<js_sys::Function>() else {
        return false;
    };
    match_media
        .call1(&window, &"(prefers-color-scheme: dark)".into())
        .and_then(|list| js_sys::Reflect::get(&list, &"matches".into()))
        .is_ok_and(|matches| matches.as_bool() == Some(true))
}

/// Sets (or with `None` removes) an attribute on `<html>`.
pub fn set_root_attribute(name: &str, value: Option<&str>) {
    if let Some(root) = gloo::utils::document().document_element() {
        let _ = match value {
            Some(v) => root.set_attribute(name, v),
            None => root.remove_attribute(name),
        };
    }
}

//! The last line of defence: if the app ever panics, the page says so in
//! plain words and offers the last autosaved session as a download (a session file, to import), instead
//! of freezing silently in front of a workshop.
//!
//! The hook uses the DOM directly: after a panic the Yew app can no longer
//! be trusted to render.
use std::panic;

use super::autosave;

/// Installs the panic hook (once, at start).
pub fn install() {
    panic::set_hook(Box::new(|info| {
        web_sys::console::error_1(&format!("es-playground stopped: {info}").into());
        show_banner();
    }));
}

/// Shows the banner (only the hook calls it; the browser test raises a
/// real panic).
fn show_banner() {
    let Some(document) = web_sys::window().and_then(|w| w.document()) else {
        return;
    };
    let Some(body) = document.body() else { return };
    let Ok(banner) = document.create_element("div") else {
        return;
    };
    banner.set_class_name("panic-banner");
    let _ = banner.set_attribute("role", "alert");
    banner.set_text_content(Some(
        "Sorry: the playground hit an internal error and stopped. Your work up to the last change is saved. \
         Download it below, reload the page, and use Import to continue.",
    ));
    let saved = autosave::last_saved_file();
    if let (Some(json), Ok(link)) = (saved, document.create_element("a")) {
        let href = format!(
            "data:application/json;charset=utf-8,{}",
            String::from(js_sys::encode_uri_component(&json))
        );
        let _ = link.set_attribute("href", &href);
        let _ = link.set_attribute("download", "es-playground-session.json");
        link.set_text_content(Some("Download the saved session"));
        let _ = banner.append_child(&link);
    }
    let _ = body.prepend_with_node_1(&banner);
}

//! Helpers for browser tests: mount the real app and query the DOM like a user.
use es_playground::ui::App;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement};

/// Mounts the app in a fresh `<div>` and waits until Yew has rendered it.
pub async fn mount_app() -> Element {
    let document = gloo::utils::document();
    let root = document
        .create_element("div")
        .expect("create a mount point");
    document
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attach the mount point");
    yew::Renderer::<App>::with_root(root.clone()).render();
    settle().await;
    root
}

/// Lets Yew's scheduler run (it renders on the next tasks).
pub async fn settle() {
    gloo::timers::future::TimeoutFuture::new(0).await;
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// The region with this accessible name, if present.
pub fn region(root: &Element, label: &str) -> Option<Element> {
    root.query_selector(&format!(r#"section[aria-label="{label}"]"#))
        .ok()
        .flatten()
}

/// The `<button>` whose text is exactly `name`, if present.
pub fn button(root: &Element, name: &str) -> Option<HtmlElement> {
    let buttons = root.query_selector_all("button").ok()?;
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().as_deref().map(str::trim) == Some(name))
}

//! Helpers for browser tests: mount the real app and use it like a person,
//! through its buttons, inputs and labelled regions.
use std::cell::RefCell;

use es_playground::ui::{App, CORRUPT_KEY, DEBOUNCE_MS, STORAGE_KEY, library, restores_done};
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlElement, HtmlInputElement, HtmlSelectElement};
use yew::AppHandle;

thread_local! {
    /// The apps mounted and not yet destroyed, with their mount points.
    static MOUNTED: RefCell<Vec<(Element, AppHandle<App>)>> = const { RefCell::new(Vec::new()) };
}

/// Clears what earlier tests left (apps, storage, the library of sessions,
/// the URL fragment), then mounts the app.
pub async fn fresh_app() -> Element {
    for (root, app) in MOUNTED.with(|m| m.take()) {
        app.destroy();
        root.remove();
    }
    settle().await;
    let storage = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage");
    storage.remove_item(STORAGE_KEY).expect("clear");
    storage.remove_item(CORRUPT_KEY).expect("clear");
    gloo::utils::window()
        .session_storage()
        .ok()
        .flatten()
        .expect("session storage")
        .clear()
        .expect("clear");
    library::clear().await.expect("clear the library");
    let history = gloo::utils::window().history().expect("history");
    let path = gloo::utils::window().location().pathname().expect("path");
    history
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&path))
        .expect("clear hash");
    mount_app().await
}

/// Puts `fragment` in the address bar (`#fragment`), as opening a link would.
pub fn open_with_fragment(fragment: &str) {
    let window = gloo::utils::window();
    let path = window.location().pathname().expect("path");
    window
        .history()
        .expect("history")
        .replace_state_with_url(
            &wasm_bindgen::JsValue::NULL,
            "",
            Some(&format!("{path}#{fragment}")),
        )
        .expect("set the fragment");
}

/// Mounts the app in a fresh `<div>` (keeping storage, as a reload does)
/// and waits until it has restored its session and rendered.
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
    let before = restores_done();
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    MOUNTED.with(|m| m.borrow_mut().push((root.clone(), app)));
    for _ in 0..500 {
        if restores_done() > before {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    settle().await;
    root
}

/// Waits until the autosave has written the latest change (it starts
/// `DEBOUNCE_MS` after the last one).
pub async fn saved() {
    gloo::timers::future::TimeoutFuture::new(DEBOUNCE_MS + 100).await;
    settle().await;
    // Reading the library queues behind the writes already started.
    library::list().await.expect("the library reads");
    settle().await;
}

/// Lets Yew's scheduler and effects run.
pub async fn settle() {
    for _ in 0..4 {
        gloo::timers::future::TimeoutFuture::new(0).await;
    }
}

/// The region with this accessible name.
pub fn region(root: &Element, label: &str) -> Element {
    root.query_selector(&format!(r#"section[aria-label="{label}"]"#))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no region labelled {label}"))
}

/// The visible text of a region.
pub fn text_of(root: &Element, label: &str) -> String {
    region(root, label).text_content().unwrap_or_default()
}

/// The `<button>` whose text is exactly `name`.
pub fn button(root: &Element, name: &str) -> HtmlElement {
    let buttons = root.query_selector_all("button").expect("query");
    (0..buttons.length())
        .filter_map(|i| buttons.item(i))
        .filter_map(|node| node.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().as_deref().map(str::trim) == Some(name))
        .unwrap_or_else(|| panic!("no button {name}"))
}

/// Clicks the button named `name` and lets the app redraw.
pub async fn click(root: &Element, name: &str) {
    button(root, name).click();
    settle().await;
}

/// The form control inside the `<label>` whose text starts with `label`.
fn control(root: &Element, label: &str) -> Element {
    let labels = root.query_selector_all("label").expect("query");
    (0..labels.length())
        .filter_map(|i| labels.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(|l| {
            l.text_content()
                .unwrap_or_default()
                .trim()
                .starts_with(label)
        })
        .and_then(|l| l.query_selector("input, select").ok().flatten())
        .unwrap_or_else(|| panic!("no control labelled {label}"))
}

/// Types `value` into the input labelled `label`.
pub async fn type_into(root: &Element, label: &str, value: &str) {
    let input: HtmlInputElement = control(root, label).dyn_into().expect("an input");
    input.set_value(value);
    for kind in ["input", "change"] {
        let event = web_sys::Event::new_with_event_init_dict(kind, &bubbling()).expect("event");
        input.dispatch_event(&event).expect("dispatch");
    }
    settle().await;
}

/// Clicks the checkbox labelled `label`.
pub async fn toggle(root: &Element, label: &str) {
    let input: HtmlInputElement = control(root, label).dyn_into().expect("a checkbox");
    input.click();
    settle().await;
}

/// Chooses the option with `value` in the select labelled `label`.
pub async fn choose(root: &Element, label: &str, value: &str) {
    let select: HtmlSelectElement = control(root, label).dyn_into().expect("a select");
    select.set_value(value);
    let event = web_sys::Event::new_with_event_init_dict("change", &bubbling()).expect("event");
    select.dispatch_event(&event).expect("dispatch");
    settle().await;
}

/// Puts a file with `content` into the file input labelled `label`.
pub async fn choose_file(root: &Element, label: &str, name: &str, content: &str) {
    let input: HtmlInputElement = control(root, label).dyn_into().expect("an input");
    let parts = js_sys::Array::of1(&wasm_bindgen::JsValue::from_str(content));
    let file = web_sys::File::new_with_str_sequence(&parts, name).expect("file");
    let transfer = web_sys::DataTransfer::new().expect("data transfer");
    transfer.items().add_with_file(&file).expect("add file");
    input.set_files(transfer.files().as_ref());
    let event = web_sys::Event::new_with_event_init_dict("change", &bubbling()).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    // Reading a file is asynchronous.
    for _ in 0..10 {
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    settle().await;
}

/// The range input named `label` (its `aria-label`).
pub fn slider(root: &Element, label: &str) -> HtmlInputElement {
    root.query_selector(&format!(r#"input[aria-label="{label}"]"#))
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .unwrap_or_else(|| panic!("no slider {label}"))
}

/// Moves the slider named `label` to `value`, as a drag would.
pub async fn slide_to(root: &Element, label: &str, value: &str) {
    let input = slider(root, label);
    input.set_value(value);
    let event = web_sys::Event::new_with_event_init_dict("input", &bubbling()).expect("event");
    input.dispatch_event(&event).expect("dispatch");
    settle().await;
}

fn bubbling() -> web_sys::EventInit {
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    init
}

/// How many rows of `class` a region shows.
pub fn count_in(root: &Element, label: &str, selector: &str) -> u32 {
    region(root, label)
        .query_selector_all(selector)
        .map(|l| l.length())
        .unwrap_or(0)
}

/// Closes a mounted app, as closing its tab would: its pending save is
/// written, and its DOM removed.
pub fn unmount(root: &Element) {
    let closing = MOUNTED.with(|m| {
        let mut m = m.borrow_mut();
        m.iter().position(|(r, _)| r == root).map(|i| m.remove(i))
    });
    if let Some((_, app)) = closing {
        app.destroy();
    }
    root.remove();
}

/// The `<article>` named `name` inside the region labelled `label`.
pub fn article(root: &Element, label: &str, name: &str) -> Element {
    region(root, label)
        .query_selector(&format!(r#"article[aria-label="{name}"]"#))
        .ok()
        .flatten()
        .unwrap_or_else(|| panic!("no article {name} in {label}"))
}

/// The visible text of the first element matching `selector`, or "".
pub fn text_at(root: &Element, selector: &str) -> String {
    root.query_selector(selector)
        .ok()
        .flatten()
        .and_then(|e| e.text_content())
        .unwrap_or_default()
}

/// A whole decimal number from an environment variable read at compile time
/// (`option_env!`), or `default` when it is unset or empty. Anything else
/// stops the build, so a typo never silently runs the default.
pub const fn number_or(text: Option<&str>, default: u64) -> u64 {
    let Some(text) = text else { return default };
    let bytes = text.as_bytes();
    if bytes.is_empty() {
        return default;
    }
    let mut n: u64 = 0;
    let mut i = 0;
    while i < bytes.len() {
        let digit = bytes[i];
        assert!(
            digit.is_ascii_digit(),
            "a count given in the environment must be a whole decimal number"
        );
        n = n * 10 + (digit - b'0') as u64;
        i += 1;
    }
    n
}

/// Waits until no specification is running: the Specifications panel has
/// no progress bar left (a run goes in slices; all of them take a few
/// seconds in a debug build). Panics after two minutes.
pub async fn specifications_run(root: &Element) {
    for _ in 0..6000 {
        let running = root
            .query_selector(r#"section[aria-label="Specifications"] progress"#)
            .ok()
            .flatten();
        if running.is_none() {
            settle().await;
            return;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    panic!("the specifications still run after two minutes");
}

/// Whether long work (a switch, many random orders, a large reopen) is
/// under way: its progress bar is on the page.
pub fn working(root: &Element) -> bool {
    root.query_selector(".working progress")
        .ok()
        .flatten()
        .is_some()
}

/// Waits until no long work is under way (it goes in slices; a debug
/// build is slow). Panics after five minutes.
pub async fn long_work_done(root: &Element) {
    for _ in 0..15_000 {
        if !working(root) {
            settle().await;
            return;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    panic!("the long work still runs after five minutes");
}

/// What the page shows of the session, to prove it did (or did not)
/// change.
pub fn session_on_screen(root: &Element) -> Vec<String> {
    ["Streams", "Cursors", "Process state", "Commands"]
        .into_iter()
        .map(|label| text_of(root, label))
        .collect()
}

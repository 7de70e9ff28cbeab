//! The page fits phones and reads well: at 360 and 390 px nothing is wider
//! than the screen, in the main states; no text is under 12 px and every
//! button, select and summary is at least 24 px tall; the first visit
//! follows the system's colour scheme and the Dark button's choice is
//! remembered.
use es_playground::core::lessons::lessons;
use es_playground::ui::DARK_KEY;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::HtmlElement;

use super::axe::{Framed, call};
use super::support::{button, click, fresh_app, mount_app, settle, specifications_run, unmount};

/// What breaks the rules in the frame now: a page wider than the frame,
/// text under 12 px, controls under 24 px tall.
fn problems(framed: &Framed, state: &str) -> Vec<String> {
    let mut found = Vec::new();
    let html = framed.document.document_element().expect("an html element");
    if html.scroll_width() > html.client_width() {
        found.push(format!(
            "{state}: the page is {} px wide in a {} px frame",
            html.scroll_width(),
            html.client_width()
        ));
    }
    let window = framed.window();
    let elements = framed.root.query_selector_all("*").expect("every element");
    for i in 0..elements.length() {
        let Some(element) = elements
            .item(i)
            .and_then(|n| n.dyn_into::<HtmlElement>().ok())
        else {
            continue;
        };
        let rect = call(&element, "getBoundingClientRect", &[]);
        let side = |name: &str| {
            js_sys::Reflect::get(&rect, &JsValue::from_str(name))
                .ok()
                .and_then(|v| v.as_f64())
                .unwrap_or(0.0)
        };
        let (width, height) = (side("width"), side("height"));
        if width <= 1.0 || height <= 1.0 {
            continue; // hidden, or visually hidden for screen readers
        }
        let style = call(&window, "getComputedStyle", &[element.clone().into()]);
        let size = js_sys::Reflect::get(&style, &JsValue::from_str("fontSize"))
            .ok()
            .and_then(|v| v.as_string())
            .and_then(|v| v.trim_end_matches("px").parse::<f64>().ok())
            .unwrap_or(0.0);
        let own_text = (0..element.child_nodes().length())
            .filter_map(|k| element.child_nodes().item(k))
            .any(|n| {
                n.node_type() == web_sys::Node::TEXT_NODE
                    && !n.text_content().unwrap_or_default().trim().is_empty()
            });
        let name = format!(
            "<{} class=\"{}\"> \"{}\"",
            element.tag_name().to_lowercase(),
            element.class_name(),
            element
                .text_content()
                .unwrap_or_default()
                .trim()
                .chars()
                .take(30)
                .collect::<String>()
        );
        if own_text && size < 11.95 && element.closest("svg").ok().flatten().is_none() {
            found.push(format!("{state}: {size} px text in {name}"));
        }
        let tag = element.tag_name().to_lowercase();
        if matches!(tag.as_str(), "button" | "select" | "summary") && height < 23.95 {
            found.push(format!("{state}: a {height:.0} px tall target: {name}"));
        }
    }
    found
}

/// Opens the main states one after another in a `width` px frame and
/// collects what breaks the rules in each.
async fn problems_at(width: u32, theme: &str) -> Vec<String> {
    let framed = Framed::mount(width, 800, theme).await;
    let root = framed.root.clone();
    let at = |state: &str| format!("{width} px {theme}, {state}");
    let mut found = problems(&framed, &at("first visit"));
    for lesson in lessons() {
        click(&root, &lesson.label()).await;
        found.extend(problems(&framed, &at(&format!("lesson {}", lesson.number))));
    }
    click(&root, "Close lesson").await;
    for name in [
        "CustomerConfirmedMenu",
        "CatererConfirmedMenu",
        "CatererDeclinedMenu",
    ] {
        click(&root, name).await;
    }
    for selector in ["button.chip", "button.order-row"] {
        root.query_selector(selector)
            .ok()
            .flatten()
            .and_then(|e| e.dyn_into::<HtmlElement>().ok())
            .unwrap_or_else(|| panic!("no {selector}"))
            .click();
        settle().await;
    }
    found.extend(problems(&framed, &at("an event and an order selected")));
    click(&root, "Run all specifications").await;
    found.extend(problems(&framed, &at("specifications running")));
    specifications_run(&root).await;
    found.extend(problems(&framed, &at("specifications run")));
    framed.remove();
    found
}

#[wasm_bindgen_test]
async fn nothing_is_wider_than_a_phone_and_no_text_or_target_is_too_small() {
    let mut found = Vec::new();
    for (width, theme) in [(360, "light"), (390, "dark"), (1280, "light")] {
        found.extend(problems_at(width, theme).await);
    }
    assert!(
        found.is_empty(),
        "{} problems:\n{}",
        found.len(),
        found.join("\n")
    );
}

/// Whether the system asks for a dark theme, as the browser says.
fn system_prefers_dark() -> bool {
    let window = gloo::utils::window();
    let list = call(
        &window,
        "matchMedia",
        &[JsValue::from_str("(prefers-color-scheme: dark)")],
    );
    js_sys::Reflect::get(&list, &JsValue::from_str("matches"))
        .ok()
        .and_then(|v| v.as_bool())
        .unwrap_or(false)
}

fn stored_choice() -> Option<String> {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .and_then(|s| s.get_item(DARK_KEY).ok().flatten())
}

fn page_theme() -> Option<String> {
    gloo::utils::document()
        .document_element()
        .and_then(|e| e.get_attribute("data-theme"))
}

#[wasm_bindgen_test]
async fn a_first_visit_follows_the_systems_theme_and_a_choice_is_remembered() {
    let storage = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .expect("local storage");
    storage.remove_item(DARK_KEY).expect("cleared");
    let app = fresh_app().await;
    let system = system_prefers_dark();
    let system_theme = if system { "dark" } else { "light" };
    assert_eq!(
        button(&app, "Dark").get_attribute("aria-pressed"),
        Some(system.to_string())
    );
    assert_eq!(page_theme().as_deref(), Some(system_theme));
    assert_eq!(stored_choice(), None, "no choice is made for the person");

    click(&app, "Dark").await;
    assert_eq!(stored_choice(), Some((!system).to_string()));
    let chosen = if system { "light" } else { "dark" };
    assert_eq!(page_theme().as_deref(), Some(chosen));

    // A reload keeps the choice over the system's.
    unmount(&app);
    let again = mount_app().await;
    assert_eq!(
        button(&again, "Dark").get_attribute("aria-pressed"),
        Some((!system).to_string())
    );
    assert_eq!(page_theme().as_deref(), Some(chosen));
    unmount(&again);
    storage.remove_item(DARK_KEY).expect("cleared");
}

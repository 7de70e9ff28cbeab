//! Each lesson's point fits a 1280×720 projector: the real app, styled by
//! the page's stylesheet, mounted in a 1280×720 `<iframe>`; each of the
//! eight lessons opened through its button; the headings of the panels the
//! lesson names (`Lesson::focus`), its list of checks and the element that
//! shows its point (lesson 4's duplicate, lesson 5's outbox log...) must lie
//! inside the frame without scrolling, in normal and in large type.
use std::fmt::Write as _;

use es_playground::core::lessons::lessons;
use es_playground::ui::{App, restores_done};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element};

use super::support::{button, click, fresh_app, settle, unmount};

const WIDTH: f64 = 1280.0;
const HEIGHT: f64 = 720.0;

/// A 1280×720 frame holding the styled page and a mount point.
async fn frame() -> (Element, Document, Element) {
    let document = gloo::utils::document();
    let frame = document.create_element("iframe").expect("an iframe");
    frame
        .set_attribute("style", "width:1280px;height:720px;border:0;display:block")
        .expect("sized");
    document
        .body()
        .expect("a body")
        .append_child(&frame)
        .expect("attached");
    settle().await;
    let inner: Document = js_sys::Reflect::get(&frame, &JsValue::from_str("contentDocument"))
        .expect("its document")
        .unchecked_into();
    // A standards-mode page (about:blank is in quirks mode).
    call(&inner, "open", &[]);
    call(
        &inner,
        "write",
        &[JsValue::from_str(
            "<!doctype html><html lang=\"en\"><head></head><body></body></html>",
        )],
    );
    call(&inner, "close", &[]);
    let style = inner.create_element("style").expect("a style element");
    style.set_text_content(Some(include_str!("../../static/style.css")));
    inner
        .head()
        .expect("a head")
        .append_child(&style)
        .expect("styled");
    let root = inner.create_element("div").expect("a mount point");
    inner
        .body()
        .expect("a body")
        .append_child(&root)
        .expect("attached");
    (frame, inner, root)
}

/// The bottom and right of the first element matching `selector`.
fn edges(root: &Element, selector: &str) -> Option<(f64, f64)> {
    let element = root.query_selector(selector).ok().flatten()?;
    let rect = call(&element, "getBoundingClientRect", &[]);
    let side = |name: &str| {
        js_sys::Reflect::get(&rect, &JsValue::from_str(name))
            .ok()
            .and_then(|v| v.as_f64())
    };
    Some((side("bottom")?, side("right")?))
}

/// Calls the method `name` of `target` (web-sys is built without the
/// features for these few calls).
fn call(target: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let method: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .expect("a method")
        .unchecked_into();
    let args: js_sys::Array = args.iter().collect();
    method.apply(target, &args).expect("the call succeeds")
}

/// What each lesson's checks are about on screen, written by hand: the
/// element that shows it, beyond the panel headings.
fn point(lesson: u8) -> &'static [(&'static str, &'static str)] {
    match lesson {
        1 => &[(
            "what the store said",
            r#"[aria-label="What the store said"] h3"#,
        )],
        2 => &[("the Sales log", r#"[aria-label="Sales log"]"#)],
        3 => &[("the Catering log", r#"[aria-label="Catering log"]"#)],
        4 => &[(
            "the duplicate",
            r#"section[aria-label="Commands"] .command-row.duplicate"#,
        )],
        5 => &[
            (
                "the dropped repeat",
                r#"section[aria-label="Commands"] .command-row.dropped"#,
            ),
            (
                "the outbox log",
                r#"[aria-label="CateringMatch log"] .lane-head"#,
            ),
        ],
        6 => &[(
            "the refused link",
            r#"[aria-label="Link refused by the store"] strong"#,
        )],
        8 => &[(
            "the two views",
            r#"[aria-label="Two views of one change"] h3"#,
        )],
        _ => &[],
    }
}

/// Opens every lesson and returns what lies outside the frame, with the
/// measured bottoms.
async fn measure(large: bool) -> (Vec<String>, String) {
    // Clear what earlier tests left, then mount the real app in the frame.
    let cleared = fresh_app().await;
    unmount(&cleared);
    let (frame, inner, root) = frame().await;
    let before = restores_done();
    let app = yew::Renderer::<App>::with_root(root.clone()).render();
    for _ in 0..500 {
        if restores_done() > before {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(10).await;
    }
    settle().await;
    let html = inner.document_element().expect("an html element");
    html.set_attribute("data-theme", "light").expect("light");
    html.set_attribute("data-large-type", &large.to_string())
        .expect("type size");
    let mut outside = Vec::new();
    let mut log = String::new();
    for lesson in lessons() {
        click(&root, &lesson.label()).await;
        let mut targets: Vec<(String, String)> = lesson
            .focus()
            .iter()
            .map(|panel| {
                (
                    format!("the {} heading", panel.label()),
                    format!(r#"section[aria-label="{}"] > h2"#, panel.label()),
                )
            })
            .collect();
        targets.push((
            "the checks".to_owned(),
            r#"[aria-label="Lesson checks"] ul"#.to_owned(),
        ));
        for (what, selector) in point(lesson.number) {
            targets.push(((*what).to_owned(), (*selector).to_owned()));
        }
        let _ = write!(log, "lesson {}:", lesson.number);
        for (what, selector) in targets {
            match edges(&root, &selector) {
                Some((bottom, right)) => {
                    let _ = write!(log, " {what} bottom {bottom:.0};");
                    if bottom > HEIGHT || right > WIDTH {
                        outside.push(format!(
                            "lesson {}: {what} ends at ({right:.0}, {bottom:.0})",
                            lesson.number
                        ));
                    }
                }
                None => outside.push(format!("lesson {}: no {what}", lesson.number)),
            }
        }
        log.push('\n');
    }
    assert!(button(&root, "Close lesson").is_connected());
    app.destroy();
    frame.remove();
    (outside, log)
}

#[wasm_bindgen_test]
async fn each_lessons_point_fits_a_1280_by_720_screen_in_normal_type() {
    let (outside, log) = measure(false).await;
    console_log!("normal type, 1280x720:\n{log}");
    assert!(outside.is_empty(), "{outside:#?}\n{log}");
}

#[wasm_bindgen_test]
async fn each_lessons_point_fits_a_1280_by_720_screen_in_large_type() {
    let (outside, log) = measure(true).await;
    console_log!("large type, 1280x720:\n{log}");
    assert!(outside.is_empty(), "{outside:#?}\n{log}");
}

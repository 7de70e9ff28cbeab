//! axe-core (the npm dev dependency, `node_modules/axe-core`) inside the
//! browser tests: the real app, styled by the page's stylesheet, mounted in
//! a sized `<iframe>`; axe injected into that frame and run on the main
//! states (first visit, a lesson open, an event and an order selected,
//! specifications run), in light and in dark, at 1280 and 390 px. Any
//! serious or critical violation fails the test, named by rule, element
//! and message.
use std::fmt::Write as _;

use es_playground::core::lessons::lessons;
use es_playground::ui::{App, restores_done};
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;
use web_sys::{Document, Element};
use yew::AppHandle;

use super::support::{click, fresh_app, settle, specifications_run, unmount};

/// axe-core's browser build, read when the tests are compiled
/// (`npm ci` installs it; scripts/ensure-tools.sh makes sure).
const AXE_SOURCE: &str = include_str!("../../node_modules/axe-core/axe.min.js");

/// The rule sets axe checks: WCAG 2.0–2.2 A and AA (2.2 AA brings the
/// 24 px touch-target rule) and axe's best practices.
const TAGS: [&str; 6] = [
    "wcag2a",
    "wcag2aa",
    "wcag21a",
    "wcag21aa",
    "wcag22aa",
    "best-practice",
];

/// The real app in a `width`×`height` frame with the page's stylesheet.
pub struct Framed {
    pub frame: Element,
    pub document: Document,
    pub root: Element,
    app: AppHandle<App>,
}

impl Framed {
    /// Clears what earlier tests left, then mounts the app in a fresh frame
    /// in `theme` (`light` or `dark`).
    pub async fn mount(width: u32, height: u32, theme: &str) -> Framed {
        let cleared = fresh_app().await;
        unmount(&cleared);
        let document = gloo::utils::document();
        let frame = document.create_element("iframe").expect("an iframe");
        frame
            .set_attribute(
                "style",
                &format!("width:{width}px;height:{height}px;border:0;display:block"),
            )
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
        // A standards-mode page, as index.html is (about:blank is in quirks mode).
        call(&inner, "open", &[]);
        call(
            &inner,
            "write",
            &[JsValue::from_str(concat!(
                "<!doctype html><html lang=\"en\"><head>",
                "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
                "<title>es-playground</title></head><body></body></html>"
            ))],
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
        let before = restores_done();
        let app = yew::Renderer::<App>::with_root(root.clone()).render();
        for _ in 0..500 {
            if restores_done() > before {
                break;
            }
            gloo::timers::future::TimeoutFuture::new(10).await;
        }
        settle().await;
        // The app themes the test page's <html>; the frame's is set here.
        let framed = Framed {
            frame,
            document: inner,
            root,
            app,
        };
        framed.theme(theme);
        framed
    }

    /// Sets the frame's theme, as the Dark button does on the page.
    pub fn theme(&self, theme: &str) {
        self.document
            .document_element()
            .expect("an html element")
            .set_attribute("data-theme", theme)
            .expect("themed");
    }

    /// The frame's window.
    pub fn window(&self) -> JsValue {
        js_sys::Reflect::get(&self.frame, &JsValue::from_str("contentWindow")).expect("its window")
    }

    /// Destroys the app and removes the frame.
    pub fn remove(self) {
        self.app.destroy();
        self.frame.remove();
    }
}

/// Calls the method `name` of `target` (web-sys is built without the
/// features for these few calls).
pub fn call(target: &JsValue, name: &str, args: &[JsValue]) -> JsValue {
    let method: js_sys::Function = js_sys::Reflect::get(target, &JsValue::from_str(name))
        .expect("a method")
        .unchecked_into();
    let args: js_sys::Array = args.iter().collect();
    method.apply(target, &args).expect("the call succeeds")
}

fn get(target: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(target, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

/// Runs axe on the frame's document: one line per serious or critical
/// violation (rule, impact, element, message), and the count of all.
async fn serious_violations(framed: &Framed) -> Vec<String> {
    let window = framed.window();
    if get(&window, "axe").is_undefined() {
        call(&window, "eval", &[JsValue::from_str(AXE_SOURCE)]);
    }
    let axe = get(&window, "axe");
    let options = js_sys::Object::new();
    let run_only = js_sys::Object::new();
    let tags: js_sys::Array = TAGS.iter().map(|t| JsValue::from_str(t)).collect();
    js_sys::Reflect::set(&run_only, &"type".into(), &"tag".into()).expect("set");
    js_sys::Reflect::set(&run_only, &"values".into(), &tags).expect("set");
    js_sys::Reflect::set(&options, &"runOnly".into(), &run_only).expect("set");
    let result_types: js_sys::Array = [JsValue::from_str("violations")].into_iter().collect();
    js_sys::Reflect::set(&options, &"resultTypes".into(), &result_types).expect("set");
    let promise: js_sys::Promise = call(
        &axe,
        "run",
        &[framed.document.clone().into(), options.into()],
    )
    .unchecked_into();
    let results = wasm_bindgen_futures::JsFuture::from(promise)
        .await
        .expect("axe ran");
    let violations: js_sys::Array = get(&results, "violations").unchecked_into();
    let mut lines = Vec::new();
    for violation in violations.iter() {
        let impact = get(&violation, "impact").as_string().unwrap_or_default();
        if impact != "serious" && impact != "critical" {
            continue;
        }
        let id = get(&violation, "id").as_string().unwrap_or_default();
        let nodes: js_sys::Array = get(&violation, "nodes").unchecked_into();
        for node in nodes.iter() {
            let target = js_sys::JSON::stringify(&get(&node, "target"))
                .map(String::from)
                .unwrap_or_default();
            let message = get(&node, "failureSummary")
                .as_string()
                .unwrap_or_default()
                .replace('\n', " ");
            lines.push(format!("{id} ({impact}) at {target}: {message}"));
        }
    }
    lines
}

/// The states a newcomer passes through, each checked by axe; returns
/// every serious or critical violation, prefixed with the state's name.
async fn violations_in(width: u32, theme: &str) -> (Vec<String>, String) {
    let framed = Framed::mount(width, 720, theme).await;
    let root = framed.root.clone();
    let mut found = Vec::new();
    let mut counts = String::new();
    let mut check = async |state: &str, framed: &Framed| {
        let lines = serious_violations(framed).await;
        let _ = write!(counts, " {state}: {};", lines.len());
        found.extend(
            lines
                .into_iter()
                .map(|l| format!("{width} px {theme}, {state}: {l}")),
        );
    };
    check("first visit", &framed).await;
    let first = lessons().into_iter().next().expect("a first lesson");
    click(&root, &first.label()).await;
    check("a lesson open", &framed).await;
    click(&root, "Close lesson").await;
    click(&root, "CustomerConfirmedMenu").await;
    click(&root, "CatererConfirmedMenu").await;
    click(&root, "CatererDeclinedMenu").await;
    let chip = root
        .query_selector("button.chip")
        .ok()
        .flatten()
        .expect("an event chip");
    chip.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    let order = root
        .query_selector("button.order-row")
        .ok()
        .flatten()
        .expect("an order row");
    order.unchecked_ref::<web_sys::HtmlElement>().click();
    settle().await;
    check("an event and an order selected", &framed).await;
    click(&root, "Run all specifications").await;
    check("specifications running", &framed).await;
    specifications_run(&root).await;
    check("specifications run", &framed).await;
    framed.remove();
    (found, counts)
}

#[wasm_bindgen_test]
async fn axe_finds_no_serious_violation_in_light_or_dark() {
    let mut all = Vec::new();
    let mut log = String::new();
    // A projector in both themes, and a phone (the short chips, the one-column layout).
    for (width, theme) in [
        (1280, "light"),
        (1280, "dark"),
        (390, "light"),
        (390, "dark"),
    ] {
        let (found, counts) = violations_in(width, theme).await;
        let _ = writeln!(log, "{width} px {theme}:{counts}");
        all.extend(found);
    }
    console_log!("axe, serious or critical violations:\n{log}");
    assert!(
        all.is_empty(),
        "axe found {} serious or critical violations:\n{}\n{log}",
        all.len(),
        all.join("\n")
    );
}

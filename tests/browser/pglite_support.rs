//! PostgreSQL in the page from a test: PGlite served by the test runner
//! (from `node_modules`), switched on through the app's button, and
//! waited for until it has run and checked what the session holds. Used by
//! the browser tests (`postgres.rs`) and the benchmark (`bench_postgres.rs`).
use web_sys::Element;

use crate::support::{click, settle, text_of};

/// Where the test runner serves PGlite (any file of the package root).
const PGLITE: &str = "/node_modules/@electric-sql/pglite/dist/index.js";

/// Tells the app where PGlite is, as a page may.
pub fn point_at_pglite() {
    let document = gloo::utils::document();
    if document
        .query_selector("meta[name=es-playground-pglite]")
        .ok()
        .flatten()
        .is_some()
    {
        return;
    }
    let meta = document.create_element("meta").expect("a meta");
    meta.set_attribute("name", "es-playground-pglite")
        .expect("name");
    meta.set_attribute("content", PGLITE).expect("content");
    document
        .head()
        .expect("a head")
        .append_child(&meta)
        .expect("added");
}

/// PGlite's modules, each after those it imports.
const MODULES: [&str; 9] = [
    "chunk-ZSOCVAT7.js",
    "chunk-Y6PULSM7.js",
    "chunk-BD5WXLQO.js",
    "chunk-KLBW4PNS.js",
    "chunk-N66TTF7B.js",
    "chunk-UYHX356B.js",
    "chunk-VQDTEBLE.js",
    "chunk-XZUEO4BZ.js",
    "index.js",
];

/// The test runner's server sometimes never answers when a module graph
/// asks it for several files at once (the app's own servers do: `make
/// serve`, the screenshots' server). Imported one at a time, each after
/// those it imports, every module is fetched alone; the app's `import()`
/// then finds them all loaded.
pub async fn import_one_by_one() {
    let import = js_sys::Function::new_with_args("url", "return import(url)");
    let dir = PGLITE.trim_end_matches("index.js");
    for module in MODULES {
        let url = wasm_bindgen::JsValue::from_str(&format!("{dir}{module}"));
        let promise: js_sys::Promise = import
            .call1(&wasm_bindgen::JsValue::NULL, &url)
            .expect("import() is called")
            .into();
        wasm_bindgen_futures::JsFuture::from(promise)
            .await
            .unwrap_or_else(|error| panic!("{module} did not load: {error:?}"));
    }
}

/// Switches PostgreSQL on and waits until it holds the session.
pub async fn postgres_on(app: &Element) {
    point_at_pglite();
    import_one_by_one().await;
    click(app, "PostgreSQL in the page").await;
    caught_up(app, "").await;
}

/// Waits until PostgreSQL has run everything up to `title` (the last
/// action's title starts with it; "" for any) and checked its tables;
/// returns the SQL panel's text. Panics after two minutes.
pub async fn caught_up(app: &Element, title: &str) -> String {
    for _ in 0..6000 {
        settle().await;
        if let Some(panel) = caught_up_now(app, title) {
            return panel;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    panic!(
        "PostgreSQL did not catch up with {title:?}: {}",
        text_of(app, "SQL")
    );
}

/// The SQL panel's text if PostgreSQL has run everything up to `title`
/// and checked its tables (nothing is running, a check is shown, and the
/// last action's title starts with `title`).
pub fn caught_up_now(app: &Element, title: &str) -> Option<String> {
    let panel = app
        .query_selector(r#"section[aria-label="SQL"]"#)
        .ok()
        .flatten();
    let Some(panel) = panel else {
        panic!("no SQL panel: {}", text_of(app, "Streams"));
    };
    let busy = panel.query_selector(".sql-status").ok().flatten().is_some();
    let checked = panel.query_selector(".sql-check").ok().flatten().is_some();
    let titles = panel.query_selector_all(".sql-action h3").expect("titles");
    let last = titles
        .item(titles.length().saturating_sub(1))
        .and_then(|h| h.text_content())
        .unwrap_or_default();
    (!busy && checked && last.starts_with(title)).then(|| panel.text_content().unwrap_or_default())
}

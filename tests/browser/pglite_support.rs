//! PostgreSQL in the page from a test: PGlite served from `node_modules`
//! by `scripts/pglite-server.mjs`, switched on through the app's button, and
//! waited for until it has run and checked what the session holds. Used by
//! the browser tests (`postgres.rs`) and the benchmark (`bench_postgres.rs`).
use web_sys::Element;

use crate::support::{click, settle, text_of};

/// Where PGlite is served while the browser tests run:
/// `scripts/pglite-server.mjs`, started by `make test` and `make bench`
/// (`node scripts/pglite-server.mjs 18432 -- cargo test …` by hand).
const PGLITE: &str = "http://127.0.0.1:18432/index.js";

/// Tells the app where PGlite is, as a page may.
pub fn point_at_pglite() {
    point_at(PGLITE);
}

/// Tells the app that PGlite is at `url` (a missing file, to see it fail).
pub fn point_at(url: &str) {
    let document = gloo::utils::document();
    let meta = match document
        .query_selector("meta[name=es-playground-pglite]")
        .ok()
        .flatten()
    {
        Some(meta) => meta,
        None => {
            let meta = document.create_element("meta").expect("a meta");
            meta.set_attribute("name", "es-playground-pglite")
                .expect("name");
            document
                .head()
                .expect("a head")
                .append_child(&meta)
                .expect("added");
            meta
        }
    };
    meta.set_attribute("content", url).expect("content");
}

/// Switches PostgreSQL on and waits until it holds the session.
pub async fn postgres_on(app: &Element) {
    point_at_pglite();
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

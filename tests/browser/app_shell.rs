//! The app shell: the real app mounts and shows its panels and event buttons.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{button, fresh_app, region, unmount};

#[wasm_bindgen_test]
async fn the_app_shows_the_four_panels_as_labelled_regions() {
    let app = fresh_app().await;
    for label in ["Streams", "Cursors", "Process state", "Commands"] {
        let heading = region(&app, label)
            .query_selector("h2")
            .ok()
            .flatten()
            .and_then(|h| h.text_content());
        assert_eq!(heading.as_deref(), Some(label));
    }
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_app_offers_a_button_for_each_event() {
    let app = fresh_app().await;
    for name in [
        "CustomerConfirmedMenu",
        "CatererConfirmedMenu",
        "CatererDeclinedMenu",
    ] {
        assert_eq!(button(&app, name).tag_name(), "BUTTON");
    }
    unmount(&app);
}

#[wasm_bindgen_test]
async fn after_a_real_panic_the_hook_shows_a_banner_offering_the_saved_session() {
    let app = fresh_app().await;
    crate::support::click(&app, "CustomerConfirmedMenu").await;
    let document = gloo::utils::document();
    assert!(
        document
            .query_selector(".panic-banner")
            .ok()
            .flatten()
            .is_none(),
        "no banner before the panic"
    );
    es_playground::ui::panic_banner::install();

    // A real panic in a callback of its own, as in a click handler: the
    // hook runs, then wasm aborts that callback (the test goes on).
    gloo::timers::callback::Timeout::new(0, || {
        std::panic::panic_any("a panic raised by the browser test")
    })
    .forget();
    crate::support::settle().await;

    let banner = document
        .query_selector(".panic-banner")
        .ok()
        .flatten()
        .expect("the hook showed a banner");
    assert_eq!(banner.get_attribute("role").as_deref(), Some("alert"));
    assert!(
        banner
            .text_content()
            .unwrap_or_default()
            .contains("internal error")
    );
    let link = banner
        .query_selector("a[download]")
        .ok()
        .flatten()
        .expect("a download link");
    let href = link.get_attribute("href").unwrap_or_default();
    assert!(href.contains("es-playground%2Fsession"), "{href}");
    banner.remove();
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_list_whose_rows_all_fit_shows_no_scrollbar() {
    // With the page's own stylesheet: the list's border must not eat the
    // height its rows need (an empty store lists two context headings).
    let document = gloo::utils::document();
    let style = document.create_element("style").expect("a style element");
    style.set_text_content(Some(include_str!("../../static/style.css")));
    document
        .head()
        .expect("a head")
        .append_child(&style)
        .expect("styled");
    let app = fresh_app().await;
    let list = region(&app, "Streams")
        .query_selector(".vlist")
        .ok()
        .flatten()
        .expect("the streams list");
    assert!(
        list.scroll_height() <= list.client_height(),
        "scroll height {} > visible height {}",
        list.scroll_height(),
        list.client_height()
    );
    unmount(&app);
    style.remove();
}

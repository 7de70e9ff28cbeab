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
async fn after_an_internal_error_the_page_says_so_and_offers_the_saved_session() {
    let app = fresh_app().await;
    crate::support::click(&app, "CustomerConfirmedMenu").await;
    es_playground::ui::panic_banner::show_banner();

    let document = gloo::utils::document();
    let banner = document
        .query_selector(".panic-banner")
        .ok()
        .flatten()
        .expect("a banner");
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

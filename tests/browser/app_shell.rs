//! The app shell: the real app mounts and shows its panels and event buttons.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{button, mount_app, region};

#[wasm_bindgen_test]
async fn the_app_shows_the_four_panels_as_labelled_regions() {
    let app = mount_app().await;
    for label in ["Streams", "Cursors", "Process state", "Commands"] {
        let panel = region(&app, label).unwrap_or_else(|| panic!("no region labelled {label}"));
        let heading = panel
            .query_selector("h2")
            .ok()
            .flatten()
            .and_then(|h| h.text_content());
        assert_eq!(heading.as_deref(), Some(label));
    }
}

#[wasm_bindgen_test]
async fn the_app_offers_a_button_for_each_confirmation_event() {
    let app = mount_app().await;
    for name in ["CustomerConfirmedMenu", "CatererConfirmedMenu"] {
        let found = button(&app, name).unwrap_or_else(|| panic!("no button {name}"));
        assert_eq!(found.tag_name(), "BUTTON");
    }
}

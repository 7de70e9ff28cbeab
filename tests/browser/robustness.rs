//! Hostile or broken input: text from people is shown as text, and a
//! corrupted autosave never gives a blank page.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    button, click, fresh_app, mount_app, saved, settle, text_at, text_of, type_into, unmount,
};
use es_playground::ui::{CORRUPT_KEY, STORAGE_KEY};

// Each under the 64-character limit of an id.
const IMAGE: &str = r#"<img src=x onerror="window.__pwned=1">"#;
const SCRIPT: &str = "<script>window.__pwned=2</script>";

#[wasm_bindgen_test]
async fn script_and_html_in_ids_are_shown_as_text_and_never_run() {
    let app = fresh_app().await;
    type_into(&app, "Order id", IMAGE).await;
    type_into(&app, "Menu id", SCRIPT).await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    settle().await;

    // The text is there, literally...
    assert!(text_of(&app, "Streams").contains(IMAGE));
    let commands = text_of(&app, "Commands");
    assert!(
        commands.contains(IMAGE) && commands.contains(SCRIPT),
        "{commands}"
    );
    // ...and nothing of it became markup or ran.
    assert!(app.query_selector("img, script").ok().flatten().is_none());
    let pwned = js_sys::Reflect::get(&gloo::utils::window(), &"__pwned".into()).expect("reflect");
    assert!(pwned.is_undefined());
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_corrupted_autosave_starts_a_new_session_with_a_message_and_keeps_the_bad_copy() {
    let app = fresh_app().await;
    unmount(&app);
    let storage = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .expect("storage");
    storage
        .set_item(STORAGE_KEY, "{\"format\":\"es-playground/session\",\"vers")
        .expect("write");

    let again = mount_app().await;
    settle().await;
    let alert = text_at(&again, "[role=alert]");
    assert!(alert.contains("saved session could not be read"), "{alert}");
    // The page works, and the unreadable copy is kept and offered.
    assert!(text_of(&again, "Streams").contains("No events yet"));
    assert_eq!(
        storage.get_item(CORRUPT_KEY).expect("read").as_deref(),
        Some("{\"format\":\"es-playground/session\",\"vers")
    );
    assert_eq!(
        button(&again, "Download unreadable save").tag_name(),
        "BUTTON"
    );
    unmount(&again);
}

#[wasm_bindgen_test]
async fn with_storage_full_the_warning_names_what_is_not_saved_and_a_reload_reopens_the_last_good_copy()
 {
    let app = fresh_app().await;
    type_into(&app, "Order id", "kept-1").await;
    click(&app, "CustomerConfirmedMenu").await;
    saved().await;
    // The browser's storage refuses every write from now on, as when full.
    js_sys::eval(
        "window.__realPut = IDBObjectStore.prototype.put; \
         IDBObjectStore.prototype.put = function () { throw new DOMException('full', 'QuotaExceededError'); };",
    )
    .expect("patch storage");
    type_into(&app, "Order id", "lost-2").await;
    click(&app, "CustomerConfirmedMenu").await;
    saved().await;
    js_sys::eval("IDBObjectStore.prototype.put = window.__realPut;").expect("restore storage");

    let warning = text_at(&app, ".notice[role=status]");
    assert!(
        warning.contains("Not saved: the browser's storage for this page is full."),
        "{warning}"
    );
    assert!(
        warning.contains("The last 1 change to “My session” is only in this page"),
        "{warning}"
    );
    assert!(
        warning.contains("(1 action), which a reload reopens"),
        "{warning}"
    );
    let offered = text_at(&app, ".notice[role=status] .notice-actions");
    assert!(offered.contains("Export"), "{offered}");
    // The session itself is intact in the page.
    assert!(text_of(&app, "Streams").contains("Order$lost-2"));
    unmount(&app);

    // A reload reopens the last copy the library kept.
    let again = mount_app().await;
    let streams = text_of(&again, "Streams");
    assert!(streams.contains("Order$kept-1"), "{streams}");
    assert!(!streams.contains("Order$lost-2"), "{streams}");
    unmount(&again);
}

#[wasm_bindgen_test]
async fn an_import_over_the_size_limit_is_refused_before_reading_it() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    let before = text_of(&app, "Streams");
    let huge = " ".repeat(es_playground::core::session::MAX_IMPORT_BYTES + 1);
    crate::support::choose_file(&app, "Import", "huge.json", &huge).await;

    let alert = text_at(&app, "[role=alert]");
    assert!(
        alert.contains("huge.json (4194305 bytes) is larger than the 4096 KB"),
        "{alert}"
    );
    assert_eq!(text_of(&app, "Streams"), before);
    unmount(&app);
}

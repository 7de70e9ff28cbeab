//! The whole app driven through its buttons, as a workshop attendee would.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    choose, choose_file, click, count_in, fresh_app, mount_app, settle, text_of, toggle, type_into,
    unmount,
};

#[wasm_bindgen_test]
async fn both_confirmations_give_exactly_one_confirm_order() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "42").await;
    type_into(&app, "Menu id", "1").await;
    click(&app, "CustomerConfirmedMenu").await;
    assert!(text_of(&app, "Commands").contains("No command sent yet"));
    click(&app, "CatererConfirmedMenu").await;

    let commands = text_of(&app, "Commands");
    assert!(
        commands.contains("ConfirmOrder(order 42, menu 1)"),
        "{commands}"
    );
    assert!(commands.contains("1 order confirmed once"), "{commands}");
    assert_eq!(count_in(&app, "Commands", ".command-row"), 1);
    assert!(text_of(&app, "Process state").contains("matched · menu 1"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn cursors_move_as_the_process_manager_handles_events() {
    let app = fresh_app().await;
    toggle(&app, "Handle automatically").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    let cursors = text_of(&app, "Cursors");
    assert!(cursors.contains("cursor 0"), "{cursors}");
    assert!(cursors.contains("1 event not handled yet"), "{cursors}");

    click(&app, "Step").await;
    let cursors = text_of(&app, "Cursors");
    assert!(cursors.contains("cursor 1"), "{cursors}");

    click(&app, "Catch up").await;
    let cursors = text_of(&app, "Cursors");
    assert!(!cursors.contains("not handled yet"), "{cursors}");
    assert_eq!(cursors.matches("cursor 1").count(), 2, "{cursors}");
    assert!(text_of(&app, "Commands").contains("ConfirmOrder(order 42, menu 1)"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_crash_after_sending_shows_a_duplicate_without_idempotency_and_none_with_it() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    choose(&app, "Crash point", "after-send").await;
    click(&app, "Arm crash").await;
    click(&app, "CatererConfirmedMenu").await;
    assert!(text_of(&app, "Commands").contains("ConfirmOrder(order 42, menu 1)"));
    click(&app, "Restart").await;

    let commands = text_of(&app, "Commands");
    assert!(commands.contains("DUPLICATE delivered"), "{commands}");
    assert!(
        commands.contains("1 order confirmed more than once"),
        "{commands}"
    );

    // The same clicks replayed with deterministic command ids: no duplicate.
    choose(&app, "Idempotency", "deterministic-ids").await;
    let commands = text_of(&app, "Commands");
    assert!(!commands.contains("DUPLICATE delivered"), "{commands}");
    assert!(commands.contains("1 order confirmed once"), "{commands}");
    assert!(commands.contains("dropped: same command id"), "{commands}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_outbox_stream_and_its_dispatchers_cursor_are_on_screen() {
    let app = fresh_app().await;
    choose(&app, "Idempotency", "outbox-stream").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;

    assert!(text_of(&app, "Streams").contains("CateringMatch-outbox"));
    let cursors = text_of(&app, "Cursors");
    assert!(cursors.contains("CateringMatch"), "{cursors}");
    assert!(cursors.contains("dispatcher's"), "{cursors}");
    assert_eq!(cursors.matches("cursor 1").count(), 3, "{cursors}");
    assert!(text_of(&app, "Commands").contains("ConfirmOrder(order 42, menu 1)"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_bad_import_shows_an_error_and_keeps_the_session() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    let streams_before = text_of(&app, "Streams");
    choose_file(
        &app,
        "Import",
        "broken.json",
        "{\"format\":\"es-playground/session\",\"version\":1,\"seed\":1,",
    )
    .await;

    let alert = crate::support::text_at(&app, "[role=alert]");
    assert!(alert.contains("broken.json was not imported"), "{alert}");
    assert!(alert.contains("not JSON"), "{alert}");
    assert_eq!(text_of(&app, "Streams"), streams_before);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_reload_keeps_the_session() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "reload-7").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    unmount(&app);

    // A new page load reads the autosaved session.
    let again = mount_app().await;
    settle().await;
    assert!(text_of(&again, "Commands").contains("ConfirmOrder(order reload-7, menu 1)"));
    assert!(text_of(&again, "Streams").contains("Order$reload-7"));
    unmount(&again);
}

#[wasm_bindgen_test]
async fn the_time_travel_slider_shows_an_order_as_it_was_at_an_earlier_position() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    assert!(text_of(&app, "Process state").contains("matched · menu 1"));

    // Back to the first event: only the customer had confirmed.
    crate::support::slide_to(&app, "Time travel over positions", "1").await;

    let state = text_of(&app, "Process state");
    assert!(
        state.contains("as of the first 1 of 2 events (Catering position 0, Sales position 1)"),
        "{state}"
    );
    assert!(state.contains("pending"), "{state}");
    assert!(!state.contains("matched · menu 1"), "{state}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_shared_link_opens_the_same_session_elsewhere() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "shared-9").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    click(&app, "Share link").await;
    let url = crate::support::text_at(&app, ".share-link .share-url");
    assert_eq!(url, "Link to this session");
    let link: web_sys::HtmlInputElement = app
        .query_selector(".share-link input")
        .ok()
        .flatten()
        .and_then(|e| wasm_bindgen::JsCast::dyn_into(e).ok())
        .expect("the link is shown");
    let fragment = link.value().split_once('#').map(|(_, f)| f.to_owned());
    unmount(&app);

    // Another browser: no saved session, only the link.
    let storage = gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .expect("storage");
    storage.clear().expect("clear");
    let path = gloo::utils::window().location().pathname().expect("path");
    let opened_url = format!("{path}#{}", fragment.expect("a fragment"));
    gloo::utils::window()
        .history()
        .expect("history")
        .replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&opened_url))
        .expect("open the link");
    let elsewhere = mount_app().await;
    settle().await;
    assert!(text_of(&elsewhere, "Commands").contains("ConfirmOrder(order shared-9, menu 1)"));
    unmount(&elsewhere);
}

#[wasm_bindgen_test]
async fn an_empty_order_id_is_refused_with_a_message_and_changes_nothing() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    let streams_before = text_of(&app, "Streams");
    type_into(&app, "Order id", "   ").await;
    click(&app, "CatererConfirmedMenu").await;

    let alert = crate::support::text_at(&app, "[role=alert]");
    assert!(alert.to_lowercase().contains("order id"), "{alert}");
    assert_eq!(text_of(&app, "Streams"), streams_before);
    unmount(&app);
}

/// The order ids the Process state list shows, top to bottom.
fn order_rows(app: &web_sys::Element) -> Vec<String> {
    let rows = crate::support::region(app, "Process state")
        .query_selector_all(".order-id")
        .expect("query");
    (0..rows.length())
        .filter_map(|i| rows.item(i))
        .filter_map(|row| row.text_content())
        .collect()
}

#[wasm_bindgen_test]
async fn the_order_list_stays_sorted_as_orders_arrive_and_starts_again_with_a_new_session() {
    let app = fresh_app().await;
    assert!(text_of(&app, "Process state").contains("No orders yet."));
    for order in ["b", "a", "c", "a"] {
        type_into(&app, "Order id", order).await;
        click(&app, "CustomerConfirmedMenu").await;
    }
    // An order confirmed in Catering only is listed once, like the others.
    type_into(&app, "Order id", "b").await;
    click(&app, "CatererConfirmedMenu").await;
    assert_eq!(order_rows(&app), ["Order a", "Order b", "Order c"]);

    // Many new orders at once (80 streams: sorted in bulk), then one more
    // (inserted): still one sorted list. The first 13 rows are drawn.
    type_into(&app, "Random orders", "40").await;
    click(&app, "Fire random orders").await;
    type_into(&app, "Order id", "B").await;
    click(&app, "CustomerConfirmedMenu").await;
    let mut expected = vec!["Order B".to_owned(), "Order R1".to_owned()];
    expected.extend((10..20).map(|n| format!("Order R{n}")));
    expected.push("Order R2".to_owned());
    assert_eq!(order_rows(&app), expected);
    let commands = text_of(&app, "Commands");
    assert!(commands.contains("41 orders confirmed once"), "{commands}");

    // A settings switch replays into a new session: the same list, counted once.
    choose(&app, "State strategy", "projection").await;
    assert_eq!(order_rows(&app), expected);
    assert!(text_of(&app, "Commands").contains("41 orders confirmed once"));

    // Reset: a new, empty session.
    click(&app, "Reset").await;
    assert!(order_rows(&app).is_empty());
    assert!(text_of(&app, "Process state").contains("No orders yet."));
    // No badge for a count of zero.
    assert!(!text_of(&app, "Commands").contains("confirmed once"));
    unmount(&app);
}

//! A long reopen notes itself in the tab until it ends. Found on the next
//! page open, the note means the reopen never ended (the page was closed,
//! or ran out of memory and was reloaded): that session is not opened
//! again, which could end the same way, but waits in Sessions.
use es_playground::ui::library;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    click, fresh_app, long_work_done, mount_app, saved, text_at, text_of, type_into, unmount,
    working,
};

/// The note's key in the tab's session storage.
const NOTE: &str = "es-playground/reopening";

fn tab_storage() -> web_sys::Storage {
    gloo::utils::window()
        .session_storage()
        .ok()
        .flatten()
        .expect("session storage")
}

fn note() -> Option<String> {
    tab_storage().get_item(NOTE).expect("reads")
}

#[wasm_bindgen_test]
async fn a_reopen_that_never_ended_is_not_tried_again_and_waits_in_sessions() {
    // Given a saved session, and the note of its reopen left by a page that died
    let app = fresh_app().await;
    type_into(&app, "Order id", "heavy").await;
    click(&app, "CustomerConfirmedMenu").await;
    saved().await;
    let entries = library::list().await.expect("reads");
    assert_eq!(entries.len(), 1);
    unmount(&app);
    tab_storage()
        .set_item(NOTE, &entries[0].id)
        .expect("writes");

    // When the page opens again
    let again = mount_app().await;

    // Then it says why the session was not opened, starts a new one, and
    // keeps the old one in the library
    let alert = text_at(&again, "[role=alert]");
    assert!(
        alert.contains("Reopening “My session” did not finish the last time this page opened"),
        "{alert}"
    );
    assert!(alert.contains("it stays in Sessions"), "{alert}");
    assert!(!text_of(&again, "Streams").contains("Order$heavy"));
    let kept = library::list().await.expect("reads");
    assert!(kept.iter().any(|e| e.id == entries[0].id), "{kept:?}");
    assert_eq!(note(), None, "the note is read once");
    unmount(&again);
}

#[wasm_bindgen_test]
async fn a_long_reopen_is_noted_while_it_runs_and_the_note_goes_when_it_ends() {
    // Given a saved session long to replay
    let app = fresh_app().await;
    type_into(&app, "Random orders", "12000").await;
    click(&app, "Fire random orders").await;
    long_work_done(&app).await;
    saved().await;
    unmount(&app);

    // When the page opens again, the restore is long work, noted
    let again = mount_app().await;
    assert!(working(&again), "restoring 24000 events is long work");
    assert!(note().is_some(), "noted while it runs");

    // Then once it ends the note is gone and the session is back
    long_work_done(&again).await;
    assert_eq!(note(), None);
    assert!(text_at(&again, ".notice").contains("Welcome back"));
    unmount(&again);
}

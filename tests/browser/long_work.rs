//! Long work beside the session: many random orders and a switch go in
//! slices with a progress bar. Cancel leaves the session as it was; the page
//! answers a click while the work goes on; a long switch ends where the
//! same settings chosen first would have.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    choose, click, fresh_app, long_work_done, session_on_screen, settle, text_at, type_into,
    unmount, working,
};

/// A quarter of a million random orders: half a million events.
const MANY: &str = "250000";

#[wasm_bindgen_test]
async fn a_long_load_can_be_cancelled_and_leaves_the_session_as_it_was() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "kept").await;
    click(&app, "CustomerConfirmedMenu").await;
    let before = session_on_screen(&app);

    type_into(&app, "Random orders", MANY).await;
    click(&app, "Fire random orders").await;
    settle().await;
    assert!(working(&app), "a long load shows its progress");
    let bar = text_at(&app, ".working");
    assert!(
        bar.contains("Storing and handling 500000 events of 250000 random orders"),
        "{bar}"
    );
    click(&app, "Cancel").await;

    assert!(!working(&app), "Cancel takes the progress bar away");
    let notice = text_at(&app, ".notice");
    assert!(
        notice.contains("Cancelled: storing and handling 500000 events"),
        "{notice}"
    );
    assert!(notice.contains("The session is as it was."), "{notice}");
    assert_eq!(session_on_screen(&app), before);
    // Nothing of the cancelled work arrives later.
    gloo::timers::future::TimeoutFuture::new(500).await;
    settle().await;
    assert_eq!(session_on_screen(&app), before);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_page_answers_a_click_while_long_work_runs() {
    let app = fresh_app().await;
    type_into(&app, "Random orders", MANY).await;
    click(&app, "Fire random orders").await;
    settle().await;
    assert!(working(&app));

    // A click on the session is answered, at once, with why it waits.
    click(&app, "CustomerConfirmedMenu").await;
    assert!(working(&app), "the work is still going on");
    let notice = text_at(&app, ".notice.refused");
    assert!(notice.contains("wait for it, or Cancel it"), "{notice}");
    assert!(notice.contains("Nothing was changed."), "{notice}");

    long_work_done(&app).await;
    let process = text_at(&app, r#"section[aria-label="Process state"] label.travel"#);
    assert_eq!(process.trim(), "Now: all 500000 events");
    let notice = text_at(&app, ".notice");
    assert!(notice.contains("250000 random orders"), "{notice}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_long_switch_ends_where_the_same_settings_chosen_first_would() {
    const ORDERS: &str = "12000";
    // Chosen first, then the orders.
    let first = fresh_app().await;
    choose(&first, "State strategy", "event-sourced").await;
    type_into(&first, "Random orders", ORDERS).await;
    click(&first, "Fire random orders").await;
    long_work_done(&first).await;
    let expected = session_on_screen(&first);
    unmount(&first);

    // The orders first, then the switch, done as long work.
    let then = fresh_app().await;
    type_into(&then, "Random orders", ORDERS).await;
    click(&then, "Fire random orders").await;
    long_work_done(&then).await;
    choose(&then, "State strategy", "event-sourced").await;
    settle().await;
    assert!(working(&then), "a switch at 24000 events is long work");
    let bar = text_at(&then, ".working");
    assert!(bar.contains("with the event-sourced strategy"), "{bar}");
    long_work_done(&then).await;

    let notice = text_at(&then, ".notice");
    assert!(notice.contains("Replayed the same 1 action"), "{notice}");
    assert_eq!(session_on_screen(&then), expected);
    unmount(&then);
}

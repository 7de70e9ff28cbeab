//! What the process panels say about declines, the projection's peek and
//! correlation, driven through the app's buttons.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{choose, click, count_in, fresh_app, region, text_of, unmount};

#[wasm_bindgen_test]
async fn a_decline_after_the_match_is_shown_as_too_late() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    click(&app, "CatererDeclinedMenu").await;
    let process = text_of(&app, "Process state");
    assert!(process.contains("matched · menu 1"), "{process}");
    assert!(process.contains("declined too late"), "{process}");
    let badge = region(&app, "Process state")
        .query_selector(".late-decline")
        .expect("query")
        .expect("the too-late badge");
    assert_eq!(
        badge.get_attribute("aria-label").as_deref(),
        Some("declined too late: the order is already confirmed; a real system would compensate")
    );
    assert_eq!(count_in(&app, "Commands", ".command-row"), 1);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_events_the_projection_read_are_marked_in_streams() {
    let app = fresh_app().await;
    choose(&app, "State strategy", "projection").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    // Handling the caterer's event, the projection read the customer's
    // from Sales' Order$42.
    let streams = text_of(&app, "Streams");
    assert!(streams.contains("the projection read 1 event"), "{streams}");
    assert_eq!(count_in(&app, "Streams", ".chip.peeked"), 1);
    let mark = region(&app, "Streams")
        .query_selector(".chip.peeked .peek-mark")
        .expect("query")
        .expect("the peek mark");
    assert_eq!(
        mark.get_attribute("aria-label").as_deref(),
        Some("read by the projection (not its stream)")
    );
    // Under the state row nothing is peeked at.
    choose(&app, "State strategy", "state-row").await;
    assert_eq!(count_in(&app, "Streams", ".chip.peeked"), 0);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_command_shows_its_cause_and_its_conversation() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    let commands = text_of(&app, "Commands");
    assert!(commands.contains("caused by Catering #1"), "{commands}");
    assert!(commands.contains("conversation of Sales #1"), "{commands}");
    assert!(commands.contains("causation "), "{commands}");
    assert!(commands.contains("correlation "), "{commands}");
    // The cause belongs to the conversation the customer's event started.
    click(&app, "caused by Catering #1").await;
    let details = text_of(&app, "Streams");
    assert!(
        details.contains("the conversation's first event: CustomerConfirmedMenu Sales position 1"),
        "{details}"
    );
    assert!(
        details.contains("none recorded: no event or command caused it"),
        "{details}"
    );
    click(&app, "conversation of Sales #1").await;
    let details = text_of(&app, "Streams");
    assert!(
        details.contains("this event started its conversation"),
        "{details}"
    );
    unmount(&app);
}

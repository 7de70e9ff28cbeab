//! Compare settings: lesson 5's crash under None and under Atomic tracking
//! side by side, each side with its own Commands and Process state, then
//! closed, leaving the session as it was.
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlSelectElement};

use crate::support::{click, fresh_app, session_on_screen, settle, text_of, unmount};

/// The `aria-label`s of the regions shown (not hidden).
fn shown_regions(app: &Element) -> Vec<String> {
    let sections = app
        .query_selector_all("section[aria-label]")
        .expect("query");
    (0..sections.length())
        .filter_map(|i| sections.item(i))
        .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
        .filter(|section| section.offset_parent().is_some())
        .filter_map(|section| section.get_attribute("aria-label"))
        .collect()
}

/// The session's Idempotency select, in the controls.
fn idempotency_control(app: &Element) -> HtmlSelectElement {
    let labels = app
        .query_selector_all(r#"section[aria-label="Controls"] label"#)
        .expect("query");
    (0..labels.length())
        .filter_map(|i| labels.item(i))
        .filter_map(|node| node.dyn_into::<Element>().ok())
        .find(|label| {
            label
                .text_content()
                .unwrap_or_default()
                .starts_with("Idempotency")
        })
        .and_then(|label| label.query_selector("select").ok().flatten())
        .and_then(|select| select.dyn_into().ok())
        .expect("the Idempotency control")
}

#[wasm_bindgen_test]
async fn lesson_5_compared_shows_the_duplicate_on_one_side_only_and_closing_changes_nothing() {
    let app = fresh_app().await;
    click(&app, "5. Exactly-once effects").await;
    let before = session_on_screen(&app);
    let mode_before = idempotency_control(&app).value();
    assert!(
        shown_regions(&app).contains(&"Commands".to_owned()),
        "{:?}",
        shown_regions(&app)
    );

    click(&app, "Compare settings").await;

    // Two sides, each with its own Commands and Process state, every
    // region named once.
    let regions = shown_regions(&app);
    for label in [
        "Commands with None (at-least-once)",
        "Process state with None (at-least-once)",
        "Commands with Atomic tracking (outbox)",
        "Process state with Atomic tracking (outbox)",
    ] {
        assert!(regions.contains(&label.to_owned()), "{label}: {regions:?}");
    }
    let mut unique = regions.clone();
    unique.sort();
    unique.dedup();
    assert_eq!(unique.len(), regions.len(), "{regions:?}");
    assert!(!regions.contains(&"Commands".to_owned()), "{regions:?}");

    // None: the crash sent ConfirmOrder twice and both were delivered.
    let none = text_of(&app, "Commands with None (at-least-once)");
    assert!(none.contains("DUPLICATE delivered"), "{none}");
    assert!(none.contains("1 order confirmed more than once"), "{none}");
    assert!(none.contains("order 42 × 2"), "{none}");
    // Atomic tracking: committed once with the cursor, delivered once.
    let atomic = text_of(&app, "Commands with Atomic tracking (outbox)");
    assert!(!atomic.contains("DUPLICATE"), "{atomic}");
    assert!(atomic.contains("1 order confirmed once"), "{atomic}");
    assert!(!atomic.contains("confirmed more than once"), "{atomic}");
    assert!(
        atomic.contains("ConfirmOrder(order 42, menu 1)"),
        "{atomic}"
    );
    // Both sides folded the same order 42 to a match.
    for side in ["None (at-least-once)", "Atomic tracking (outbox)"] {
        let state = text_of(&app, &format!("Process state with {side}"));
        assert!(state.contains("Order 42"), "{state}");
        assert!(state.contains("matched · menu 1"), "{state}");
    }

    // The right side's idempotency can be chosen: deterministic ids drop
    // the repeat by its id.
    let right: HtmlSelectElement = app
        .query_selector(r#"select[aria-label="Idempotency of the right side"]"#)
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into().ok())
        .expect("the right side's idempotency");
    right.set_value("deterministic-ids");
    let init = web_sys::EventInit::new();
    init.set_bubbles(true);
    right
        .dispatch_event(&web_sys::Event::new_with_event_init_dict("change", &init).expect("event"))
        .expect("dispatch");
    settle().await;
    let ids = text_of(&app, "Commands with Deterministic command ids");
    assert!(ids.contains("dropped: same command id"), "{ids}");

    click(&app, "Close comparison").await;

    // Back exactly where the person was: the same session on screen.
    let regions = shown_regions(&app);
    assert!(
        regions.iter().all(|label| !label.contains(" with ")),
        "{regions:?}"
    );
    assert!(regions.contains(&"Commands".to_owned()), "{regions:?}");
    assert_eq!(session_on_screen(&app), before);
    assert_eq!(idempotency_control(&app).value(), mode_before);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn lesson_6_compared_shows_what_each_strategy_keeps_side_by_side() {
    let app = fresh_app().await;
    click(&app, "6. Three ways to keep state").await;

    click(&app, "Compare settings").await;

    // The lesson's own strategy on the left (the session itself), the
    // state row on the right, each keeping order 42 its own way.
    let own = text_of(&app, "Process state with Event sourced (own stream)");
    assert!(
        own.contains("Sales · CateringMatch$42 (the process manager's own stream)"),
        "{own}"
    );
    let row = text_of(&app, "Process state with State row (table, lock)");
    assert!(
        row.contains("Table catering_match, the row of order 42"),
        "{row}"
    );
    assert!(!row.contains("CateringMatch$42"), "{row}");
    // Both confirmed order 42 once.
    for side in ["Event sourced (own stream)", "State row (table, lock)"] {
        let commands = text_of(&app, &format!("Commands with {side}"));
        assert!(commands.contains("1 order confirmed once"), "{commands}");
    }

    click(&app, "Close comparison").await;
    assert!(text_of(&app, "Process state").contains("CateringMatch$42"));
    unmount(&app);
}

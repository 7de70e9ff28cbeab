//! Lesson 6 on screen: the single-stream store's refusal without any click
//! but the lesson's, and three different things kept by the three strategies.
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{choose, click, count_in, fresh_app, text_at, text_of, unmount};

#[wasm_bindgen_test]
async fn lesson_6_shows_the_refused_link_and_what_each_strategy_keeps() {
    let app = fresh_app().await;

    click(&app, "6. Three ways to keep state").await;

    // The refusal, with no order selected.
    let refused = text_at(&app, r#"[aria-label="Link refused by the store"]"#);
    assert!(
        refused.contains("The store refused a link at handling #1"),
        "{refused}"
    );
    assert!(refused.contains("single-stream mode"), "{refused}");
    assert!(refused.contains("CateringMatch$42"), "{refused}");
    assert!(refused.contains("Handled again at handling #"), "{refused}");

    // Event sourced: the own streams with the events linked into them.
    let kept = text_at(
        &app,
        r#"[aria-label="What the strategy keeps for order 42"]"#,
    );
    assert!(
        kept.contains("Sales · CateringMatch$42 (the process manager's own stream)"),
        "{kept}"
    );
    assert!(
        kept.contains("Catering · CateringMatch$42 (the process manager's own stream)"),
        "{kept}"
    );
    assert!(kept.contains("⤴ Order$42 version 0"), "{kept}");
    assert!(kept.contains("(handled last; select an order"), "{kept}");

    // State row: one row of a table, its lock released.
    choose(&app, "State strategy", "state-row").await;
    let kept = text_at(
        &app,
        r#"[aria-label="What the strategy keeps for order 42"]"#,
    );
    assert!(
        kept.contains("Table catering_match, the row of order 42"),
        "{kept}"
    );
    assert!(kept.contains("released"), "{kept}");
    assert!(!kept.contains("CateringMatch$42"), "{kept}");
    assert_eq!(count_in(&app, "Process state", ".kept-table tbody tr"), 1);
    // Nothing is linked under this strategy, so nothing was refused.
    assert_eq!(
        count_in(&app, "Process state", ".refused-link"),
        0,
        "{}",
        text_of(&app, "Process state")
    );

    // Projection: the order's streams, which it does not own, read.
    choose(&app, "State strategy", "projection").await;
    let kept = text_at(
        &app,
        r#"[aria-label="What the strategy keeps for order 42"]"#,
    );
    assert!(
        kept.contains("Sales · Order$42 (the order's stream, not the process manager's)"),
        "{kept}"
    );
    assert!(
        kept.contains("Catering · Order$42 (the order's stream, not the process manager's)"),
        "{kept}"
    );
    assert!(kept.contains("read"), "{kept}");
    assert!(!kept.contains("CateringMatch$42"), "{kept}");
    unmount(&app);
}

//! The lessons' tasks and the player's keys, through the page: each
//! lesson's task done with the page's own controls is marked done and
//! counted (and a reload keeps the count); what happens next follows the
//! order selected in Process state; a key does nothing where its button is
//! disabled. Expectations are written by hand.
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::lesson_play::next_disabled;
use crate::support::{
    choose, click, fresh_app, mount_app, settle, text_at, text_of, type_into, unmount,
};

/// The eight lesson buttons, in order.
const LESSONS: [&str; 8] = [
    "1. Event store basics",
    "2. Positions and gaps",
    "3. One cursor per log",
    "4. At-least-once: the duplicate",
    "5. Exactly-once effects",
    "6. Three ways to keep state",
    "7. Order does not matter",
    "8. Words matter",
];

#[wasm_bindgen_test]
async fn what_happens_next_speaks_of_the_order_selected_in_process_state() {
    let app = fresh_app().await;
    let next = || text_at(&app, r#"[aria-label="What happens next"]"#);

    click(&app, "7. Order does not matter").await;
    assert!(
        next().contains("What happens next for order 42"),
        "{}",
        next()
    );
    assert!(
        next().contains("Nothing more: order 42 matched"),
        "{}",
        next()
    );

    // Order 45: the customer confirmed, the caterer declined.
    let row: web_sys::HtmlElement = crate::support::region(&app, "Process state")
        .query_selector_all(".order-row")
        .ok()
        .and_then(|rows| {
            (0..rows.length())
                .filter_map(|i| rows.item(i))
                .filter_map(|node| node.dyn_into::<web_sys::HtmlElement>().ok())
                .find(|row| {
                    row.text_content()
                        .unwrap_or_default()
                        .starts_with("Order 45")
                })
        })
        .expect("a row for order 45");
    row.click();
    settle().await;
    assert!(
        next().contains("What happens next for order 45"),
        "{}",
        next()
    );
    assert!(
        next().contains("Waiting for CatererConfirmedMenu for menu 1"),
        "{}",
        next()
    );
    assert!(
        next().contains("then it sends ConfirmOrder for order 45"),
        "{}",
        next()
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_key_does_nothing_where_its_button_is_disabled_so_work_past_the_lesson_stays() {
    let app = fresh_app().await;
    let player = || text_at(&app, r#"[aria-label="Play the lesson step by step"]"#);
    let document = web_sys::window().unwrap().document().unwrap();

    click(&app, "8. Words matter").await;
    type_into(&app, "Order id", "42").await;
    click(&app, "CatererDeclinedMenu").await;
    assert!(player().contains("Past step 2 of 2"), "{}", player());
    let streams = text_of(&app, "Streams");
    assert!(next_disabled(&app));

    // The page's body has the focus, as after a click elsewhere.
    crate::lessons::press(&document, "ArrowRight");
    settle().await;
    assert!(player().contains("Past step 2 of 2"), "{}", player());
    assert_eq!(text_of(&app, "Streams"), streams);

    // End does what Last step does: back to the lesson's last step.
    crate::lessons::press(&document, "End");
    settle().await;
    assert!(player().contains("Step 2 of 2"), "{}", player());
    unmount(&app);
}

/// Selects the first event chip in Streams.
async fn select_an_event(app: &Element) {
    let chip: web_sys::HtmlElement = app
        .query_selector(r#"section[aria-label="Streams"] button.chip"#)
        .ok()
        .flatten()
        .and_then(|chip| chip.dyn_into().ok())
        .expect("an event chip");
    chip.click();
    settle().await;
}

#[wasm_bindgen_test]
async fn each_lessons_task_done_with_the_pages_controls_is_marked_done_and_counted() {
    let app = fresh_app().await;
    let task = || text_at(&app, r#"[aria-label="Your task"]"#);
    let progress = || text_at(&app, ".lesson-progress");
    for (done, lesson) in LESSONS.iter().enumerate() {
        click(&app, lesson).await;
        assert!(task().contains("○ not yet"), "{}: {}", lesson, task());
        type_into(&app, "Order id", "42").await;
        // What each task tells the attendee to do, with the page's controls.
        match lesson.split('.').next().unwrap_or_default() {
            "1" => {
                select_an_event(&app).await;
                click(&app, "Append again with this event's id").await;
            }
            "2" => {
                click(&app, "Roll back a transaction").await;
                click(&app, "CustomerConfirmedMenu").await;
            }
            "3" => {
                click(&app, "CustomerConfirmedMenu").await;
                click(&app, "Restart").await;
                click(&app, "Catch up").await;
            }
            "4" => {
                type_into(&app, "Order id", "43").await;
                click(&app, "CustomerConfirmedMenu").await;
                choose(&app, "Crash point", "after-send").await;
                click(&app, "Arm crash").await;
                click(&app, "CatererConfirmedMenu").await;
                click(&app, "Restart").await;
            }
            "5" => choose(&app, "Idempotency", "atomic-tracking").await,
            "6" => choose(&app, "State strategy", "state-row").await,
            "7" => {
                type_into(&app, "Order id", "46").await;
                click(&app, "CatererConfirmedMenu").await;
                click(&app, "CustomerConfirmedMenu").await;
            }
            _ => click(&app, "CatererDeclinedMenu").await,
        }
        assert!(task().contains("✓ holds"), "{}: {}", lesson, task());
        assert!(
            progress().contains(&format!("Tasks done: {} of 8", done + 1)),
            "{}: {}",
            lesson,
            progress()
        );
    }
    let marks = app
        .query_selector_all(".lesson-done")
        .map(|found| found.length())
        .unwrap_or(0);
    assert_eq!(marks, 8);

    // A reload of the tab keeps the progress.
    unmount(&app);
    let app = mount_app().await;
    let progress = text_at(&app, ".lesson-progress");
    assert!(progress.contains("Tasks done: 8 of 8"), "{progress}");
    unmount(&app);
}

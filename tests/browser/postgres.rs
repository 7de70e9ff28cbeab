//! PostgreSQL in the page, with real PGlite (from `node_modules`, which the
//! test runner serves): switched on through its button, it runs every
//! action's statements and its tables are compared with the playground's.
//! The check must hold action by action, over every lesson and over a
//! run of random actions; the rollback's gap and the unique violations
//! must be PostgreSQL's own.
use es_playground::core::ids::XorShift32;
use es_playground::core::lessons::lessons;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::Element;

use crate::pglite_support::{caught_up, point_at, point_at_pglite, postgres_on};
use crate::support::{
    button, choose, click, fresh_app, settle, text_at, text_of, toggle, type_into, unmount,
};

fn assert_holds(panel: &str) {
    assert!(
        panel.contains("PostgreSQL holds what the playground holds"),
        "{panel}"
    );
}

async fn fire(app: &Element, order: &str, menu: &str, side: &str) {
    type_into(app, "Order id", order).await;
    type_into(app, "Menu id", menu).await;
    click(app, side).await;
}

#[wasm_bindgen_test]
async fn postgresql_runs_each_action_and_its_gap_and_refusals_are_its_own() {
    let app = fresh_app().await;
    postgres_on(&app).await;

    fire(&app, "42", "1", "CustomerConfirmedMenu").await;
    let panel = caught_up(&app, "Action 1: ").await;
    assert_holds(&panel);
    assert!(panel.contains("1 event, 1 stream row"), "{panel}");
    assert!(panel.contains("nextval('position_in_sales')"), "{panel}");
    assert!(panel.contains("→ INSERT 0 1"), "{panel}");

    // A rolled-back transaction takes two positions from PostgreSQL's
    // sequence; the next event gets position 4 there as in the core (the
    // check compares positions and the sequence's last value).
    click(&app, "Roll back a transaction").await;
    let panel = caught_up(&app, "Action 2: ").await;
    assert!(
        panel.contains(
            "SELECT nextval('position_in_sales') FROM generate_series(1, 2);  → SELECT 2"
        ),
        "{panel}"
    );
    assert!(panel.contains("ROLLBACK;  → ROLLBACK"), "{panel}");
    fire(&app, "42", "1", "CatererConfirmedMenu").await;
    fire(&app, "7", "2", "CustomerConfirmedMenu").await;
    let panel = caught_up(&app, "Action 4: ").await;
    assert_holds(&panel);
    assert!(panel.contains("3 events"), "{panel}");
    assert!(
        text_of(&app, "Cursors").contains('4'),
        "{}",
        text_of(&app, "Cursors")
    );

    // The seed's unique violation: a single-stream store cannot link the
    // event into the process manager's own stream, and PostgreSQL refuses
    // the second row for that event id with its own message.
    choose(&app, "State strategy", "event-sourced").await;
    caught_up(&app, "Action 4: ").await;
    toggle(&app, "Single-stream store").await;
    fire(&app, "9", "1", "CustomerConfirmedMenu").await;
    let panel = caught_up(&app, "Action 6: ").await;
    assert_holds(&panel);
    assert!(
        panel.contains(
            "→ ERROR: duplicate key value violates unique constraint \"events_event_id_key\""
        ),
        "{panel}"
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn postgresql_holds_every_lesson_and_a_run_of_random_actions() {
    let app = fresh_app().await;
    postgres_on(&app).await;
    for lesson in lessons() {
        click(&app, &lesson.label()).await;
        let session = lesson.session().expect("the lesson's session");
        let last = match session.actions().len() {
            0 => String::new(),
            n => format!("Action {n}: "),
        };
        let panel = caught_up(&app, &last).await;
        assert!(
            panel.contains("PostgreSQL holds what the playground holds"),
            "lesson {}: {panel}",
            lesson.number
        );
    }
    click(&app, "Reset").await;
    caught_up(&app, "").await;
    let mut chance = XorShift32::seeded(2026);
    let mut actions = 0;
    for _ in 0..40 {
        let order = (chance.next_value() % 4 + 1).to_string();
        let menu = (chance.next_value() % 2 + 1).to_string();
        match chance.next_value() % 10 {
            0..=3 => fire(&app, &order, &menu, "CustomerConfirmedMenu").await,
            4..=6 => fire(&app, &order, &menu, "CatererConfirmedMenu").await,
            7 => fire(&app, &order, &menu, "CatererDeclinedMenu").await,
            8 => click(&app, "Roll back a transaction").await,
            _ => {
                let strategy = ["state-row", "event-sourced", "projection"]
                    [(chance.next_value() % 3) as usize];
                choose(&app, "State strategy", strategy).await;
                actions -= 1;
            }
        }
        actions += 1;
        let panel = caught_up(&app, &format!("Action {actions}: ")).await;
        assert!(
            panel.contains("PostgreSQL holds what the playground holds"),
            "after {actions} actions: {panel}"
        );
    }
    unmount(&app);
}

/// Lesson 8's two views of one change, once PostgreSQL has run up to
/// `title`, with each of `texts` in them.
async fn words_view_shows(app: &Element, title: &str, texts: &[&str]) {
    caught_up(app, title).await;
    let view = text_at(app, r#"[aria-label="Two views of one change"]"#);
    for text in texts {
        assert!(view.contains(text), "{text:?} not in {view}");
    }
}

#[wasm_bindgen_test]
async fn lesson_eight_s_crud_statement_runs_in_postgresql_and_a_decline_reads_like_no_answer() {
    let app = fresh_app().await;
    postgres_on(&app).await;
    let words = lessons()
        .into_iter()
        .find(|l| l.number == 8)
        .expect("lesson 8");
    click(&app, &words.label()).await;
    words_view_shows(
        &app,
        "Action 2: ",
        &[
            "UPDATE catering_match SET caterer_confirmed = true WHERE order_id = '42' AND menu_id = '1'",
            "PostgreSQL ran it: UPDATE 1, leaving the row customer_confirmed = true, caterer_confirmed = true.",
        ],
    )
    .await;

    fire(&app, "42", "1", "CatererDeclinedMenu").await;
    words_view_shows(
        &app,
        "Action 3: ",
        &[
            "SET caterer_confirmed = false WHERE order_id = '42'",
            "leaving the row customer_confirmed = true, caterer_confirmed = false.",
        ],
    )
    .await;

    // An order the caterer has not answered yet: the very same row.
    fire(&app, "50", "1", "CustomerConfirmedMenu").await;
    words_view_shows(
        &app,
        "Action 4: ",
        &[
            "WHERE order_id = '50'",
            "leaving the row customer_confirmed = true, caterer_confirmed = false.",
        ],
    )
    .await;
    unmount(&app);
}

#[wasm_bindgen_test]
async fn postgresql_that_cannot_load_says_why_switches_off_and_the_playground_goes_on() {
    let app = fresh_app().await;
    point_at("http://127.0.0.1:18432/no-such-pglite.js");
    click(&app, "PostgreSQL in the page").await;
    let mut said = String::new();
    for _ in 0..500 {
        settle().await;
        said = app.text_content().unwrap_or_default();
        if said.contains("could not start") {
            break;
        }
        gloo::timers::future::TimeoutFuture::new(20).await;
    }
    point_at_pglite();
    assert!(
        said.contains("PostgreSQL in the page could not start: PostgreSQL's files could not be loaded from http://127.0.0.1:18432/no-such-pglite.js"),
        "{said}"
    );
    assert!(said.contains("the playground goes on in memory"), "{said}");
    let switch = button(&app, "PostgreSQL in the page");
    assert_eq!(
        switch.get_attribute("aria-pressed").as_deref(),
        Some("false")
    );
    assert!(
        app.query_selector(r#"section[aria-label="SQL"]"#)
            .ok()
            .flatten()
            .is_none(),
        "the SQL panel is gone"
    );
    fire(&app, "42", "1", "CustomerConfirmedMenu").await;
    assert!(text_of(&app, "Streams").contains("Order$42"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn postgresql_switched_off_while_it_runs_starts_afresh_when_switched_on_again() {
    let app = fresh_app().await;
    postgres_on(&app).await;
    type_into(&app, "Random orders", "300").await;
    click(&app, "Fire random orders").await;
    // Off while the 600 events' statements run, then on again.
    click(&app, "PostgreSQL in the page").await;
    assert!(
        app.query_selector(r#"section[aria-label="SQL"]"#)
            .ok()
            .flatten()
            .is_none(),
        "the SQL panel is gone"
    );
    click(&app, "PostgreSQL in the page").await;
    let panel = caught_up(&app, "Action 1: ").await;
    assert_holds(&panel);
    assert!(panel.contains("600 events"), "{panel}");
    unmount(&app);
}

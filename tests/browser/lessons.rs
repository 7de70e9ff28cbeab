//! The guided tour and the Specifications panel, clicked as an attendee would.
use es_playground::core::lessons::{FIRST_AGREEMENT_WINS, deliberately_wrong_spec, lesson_specs};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    article, choose, click, fresh_app, settle, specifications_run, text_at, text_of, type_into,
    unmount,
};

#[wasm_bindgen_test]
async fn clicking_lesson_4_shows_confirm_order_delivered_twice() {
    let app = fresh_app().await;

    click(&app, "4. At-least-once: the duplicate").await;

    let commands = text_of(&app, "Commands");
    assert!(commands.contains("DUPLICATE delivered"), "{commands}");
    assert!(
        commands.contains("1 order confirmed more than once"),
        "{commands}"
    );
    let callout = text_at(&app, r#"aside[aria-label="Open lesson"]"#);
    assert!(
        callout.contains("Lesson 4: At-least-once: the duplicate"),
        "{callout}"
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn clicking_lesson_5_shows_the_repeat_dropped_and_no_duplicate() {
    let app = fresh_app().await;

    click(&app, "5. Exactly-once effects").await;

    let commands = text_of(&app, "Commands");
    assert!(!commands.contains("DUPLICATE delivered"), "{commands}");
    assert!(commands.contains("dropped: same command id"), "{commands}");
    assert!(commands.contains("1 order confirmed once"), "{commands}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn lesson_8_shows_the_business_event_beside_its_crud_statement_until_closed() {
    let app = fresh_app().await;

    click(&app, "8. Words matter").await;

    let views = text_at(&app, r#"[aria-label="Two views of one change"]"#);
    assert!(
        views.contains("CatererConfirmedMenu { order_id: 42, menu_id: 1 }"),
        "{views}"
    );
    assert!(
        views.contains("UPDATE catering_match SET caterer_confirmed = true WHERE order_id = '42' AND menu_id = '1'"),
        "{views}"
    );
    click(&app, "Close lesson").await;
    assert_eq!(text_at(&app, r#"aside[aria-label="Open lesson"]"#), "");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn an_open_lesson_stays_through_a_settings_switch_and_closes_on_reset() {
    let app = fresh_app().await;
    let callout = || text_at(&app, r#"aside[aria-label="Open lesson"]"#);

    click(&app, "4. At-least-once: the duplicate").await;
    choose(&app, "Idempotency", "deterministic-ids").await;
    assert!(
        callout().contains("Lesson 4: At-least-once: the duplicate"),
        "{}",
        callout()
    );

    click(&app, "Reset").await;
    assert_eq!(callout(), "");
    let pressed = app
        .query_selector_all(r#".lesson-button[aria-pressed="true"]"#)
        .map(|found| found.length())
        .unwrap_or(u32::MAX);
    assert_eq!(pressed, 0);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn running_all_specifications_passes_the_lessons_and_fails_the_wrong_one_with_its_order() {
    let app = fresh_app().await;

    click(&app, "Run all specifications").await;
    specifications_run(&app).await;

    for spec in lesson_specs() {
        let card = article(&app, "Specifications", &spec.name)
            .text_content()
            .unwrap_or_default();
        assert!(card.contains("Passed"), "{card}");
        assert!(card.contains("× 3 strategies"), "{card}");
    }
    let wrong = deliberately_wrong_spec().expect("the wrong spec");
    let card = article(&app, "Specifications", &wrong.name)
        .text_content()
        .unwrap_or_default();
    assert!(card.contains("deliberately wrong"), "{card}");
    assert!(card.contains("Failed"), "{card}");
    // The card lists the first failing ordering the core finds, fact by fact.
    let report = wrong.run().expect("the wrong spec runs");
    let (strategy, failure) = report.first_failure().expect("a failing order");
    let order: String = failure
        .given_in_order
        .iter()
        .map(ToString::to_string)
        .collect();
    assert!(
        card.contains(&format!(
            "First failing ordering ({strategy}), #{} of 3 tried:{order}",
            failure.tried_as
        )),
        "{card}"
    );
    assert!(
        card.contains("Expected: ConfirmOrder(order 42, menu fish)"),
        "{card}"
    );
    assert!(card.contains("Actual: nothing"), "{card}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_session_of_both_confirmations_turned_into_a_spec_passes() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "42").await;
    type_into(&app, "Menu id", "1").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;

    click(&app, "Turn this session into a spec").await;
    specifications_run(&app).await;

    let name = "Your session #1: when CatererConfirmedMenu(order 42, menu 1)";
    let card = article(&app, "Specifications", name)
        .text_content()
        .unwrap_or_default();
    assert!(card.contains("from your session"), "{card}");
    assert!(
        card.contains("CustomerConfirmedMenu(order 42, menu 1)"),
        "{card}"
    );
    assert!(card.contains("ConfirmOrder(order 42, menu 1)"), "{card}");
    assert!(
        card.contains("Passed 1 ordering of the givens × 3 strategies, against CateringMatch"),
        "{card}"
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_same_session_spec_fails_against_the_process_manager_with_the_order_bug() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "CatererConfirmedMenu").await;
    choose(&app, "Process manager under test", "CustomerFirstMatch").await;

    click(&app, "Turn this session into a spec").await;
    specifications_run(&app).await;

    let name = "Your session #1: when CatererConfirmedMenu(order 42, menu 1)";
    let card = article(&app, "Specifications", name)
        .text_content()
        .unwrap_or_default();
    assert!(card.contains("Failed"), "{card}");
    assert!(
        card.contains("Expected: ConfirmOrder(order 42, menu 1)"),
        "{card}"
    );
    assert!(card.contains("Actual: nothing"), "{card}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_buggy_process_manager_is_caught_only_in_a_later_ordering_and_each_card_counts_them() {
    let app = fresh_app().await;
    let card = || {
        article(&app, "Specifications", FIRST_AGREEMENT_WINS)
            .text_content()
            .unwrap_or_default()
    };
    assert!(
        card().contains("3 orderings (C(3, 2): streams of 2 and 1 events)"),
        "{}",
        card()
    );

    run_card(&app, FIRST_AGREEMENT_WINS).await;
    assert!(card().contains("Passed 3 orderings"), "{}", card());

    choose(&app, "Process manager under test", "CustomerFirstMatch").await;
    run_card(&app, FIRST_AGREEMENT_WINS).await;

    let text = card();
    assert!(text.contains("Failed in 3 of 9 runs"), "{text}");
    assert!(
        text.contains(
            "First failing ordering (state-row), #3 of 3 tried:CustomerConfirmedMenu(order 42, menu vegan)CatererConfirmedMenu(order 42, menu vegan)CatererConfirmedMenu(order 42, menu fish)"
        ),
        "{text}"
    );
    assert!(
        text.contains("Actual: ConfirmOrder(order 42, menu fish)"),
        "{text}"
    );
    unmount(&app);
}

/// Clicks the Run button of the specification card named `name`.
async fn run_card(app: &web_sys::Element, name: &str) {
    let run: web_sys::HtmlElement = article(app, "Specifications", name)
        .query_selector("button")
        .ok()
        .flatten()
        .and_then(|button| button.dyn_into().ok())
        .expect("a Run button");
    run.click();
    settle().await;
    specifications_run(app).await;
}

/// The notice's text.
fn notice(app: &web_sys::Element) -> String {
    text_at(app, ".notice")
}

#[wasm_bindgen_test]
async fn each_store_refusal_button_shows_the_stores_message_and_changes_nothing() {
    let app = fresh_app().await;
    type_into(&app, "Menu id", "1").await;
    click(&app, "CustomerConfirmedMenu").await;
    type_into(&app, "Menu id", "2").await;
    click(&app, "CustomerConfirmedMenu").await;
    let chip: web_sys::HtmlElement = app
        .query_selector(r#"section[aria-label="Streams"] button.chip"#)
        .ok()
        .flatten()
        .and_then(|chip| chip.dyn_into().ok())
        .expect("an event chip");
    chip.click();
    settle().await;
    let streams = text_of(&app, "Streams");
    let commands = text_of(&app, "Commands");

    click(&app, "Append again with this event's id").await;
    let said = notice(&app);
    assert!(said.contains("is already stored"), "{said}");
    assert!(said.contains("Nothing was written"), "{said}");

    click(&app, "Append with a stale expected version").await;
    let said = notice(&app);
    assert!(
        said.contains("wrong expected version for stream \"Order$42\" in context \"Sales\""),
        "{said}"
    );

    click(&app, "Append a batch whose second event is invalid").await;
    let said = notice(&app);
    assert!(said.contains("appears twice in the batch"), "{said}");

    assert_eq!(text_of(&app, "Streams"), streams);
    assert_eq!(text_of(&app, "Commands"), commands);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn lesson_1_shows_what_the_store_said_to_each_refused_append() {
    let app = fresh_app().await;

    click(&app, "1. Event store basics").await;

    let said = text_at(&app, r#"[aria-label="What the store said"]"#);
    assert!(said.contains("is already stored"), "{said}");
    assert!(said.contains("wrong expected version"), "{said}");
    assert!(said.contains("appears twice in the batch"), "{said}");
    assert!(said.contains("Nothing was written"), "{said}");
    unmount(&app);
}

/// Presses `key` on `target` (a bubbling `keydown`, as a keyboard would).
pub(crate) fn press(target: &web_sys::EventTarget, key: &str) {
    let init = js_sys::Object::new();
    js_sys::Reflect::set(&init, &"key".into(), &key.into()).expect("key");
    js_sys::Reflect::set(&init, &"bubbles".into(), &true.into()).expect("bubbles");
    let window = web_sys::window().expect("window");
    let constructor: js_sys::Function = js_sys::Reflect::get(&window, &"KeyboardEvent".into())
        .expect("KeyboardEvent")
        .dyn_into()
        .expect("a constructor");
    let arguments = js_sys::Array::of2(&"keydown".into(), &init);
    let event: web_sys::Event = js_sys::Reflect::construct(&constructor, &arguments)
        .expect("an event")
        .dyn_into()
        .expect("an Event");
    target.dispatch_event(&event).expect("dispatch");
}

#[wasm_bindgen_test]
async fn a_lesson_played_step_by_step_shows_its_checks_turn_from_not_yet_to_holds() {
    let app = fresh_app().await;
    let checks = || text_at(&app, r#"[aria-label="Lesson checks"]"#);
    let player = || text_at(&app, r#"[aria-label="Play the lesson step by step"]"#);

    click(&app, "4. At-least-once: the duplicate").await;
    assert!(player().contains("Step 4 of 4"), "{}", player());
    assert!(!checks().contains("not yet"), "{}", checks());

    click(&app, "First step").await;
    assert!(player().contains("Step 0 of 4"), "{}", player());
    click(&app, "Next step").await;
    let next = text_at(&app, r#"[aria-label="What happens next"]"#);
    assert!(
        next.contains("Waiting for CatererConfirmedMenu for menu 1"),
        "{next}"
    );
    click(&app, "First step").await;
    assert_eq!(checks().matches("not yet").count(), 2, "{}", checks());

    for _ in 0..3 {
        click(&app, "Next step").await;
    }
    assert!(player().contains("Step 3 of 4"), "{}", player());
    // What the step did is said under the checks.
    let did = text_at(&app, ".lesson-did");
    assert!(
        did.contains("Step 3: CatererConfirmedMenu(order 42, menu 1) stored in Catering"),
        "{did}"
    );
    let at_crash = checks();
    assert!(
        at_crash.contains("✓ holdsThe process manager crashed while handling"),
        "{at_crash}"
    );
    assert!(
        at_crash.contains("○ not yetOrder 42 was confirmed twice"),
        "{at_crash}"
    );

    click(&app, "Next step").await;
    assert!(!checks().contains("not yet"), "{}", checks());
    click(&app, "Previous step").await;
    assert!(player().contains("Step 3 of 4"), "{}", player());
    click(&app, "Last step").await;
    assert!(player().contains("Step 4 of 4"), "{}", player());
    unmount(&app);
}

#[wasm_bindgen_test]
async fn the_arrow_keys_play_a_lesson_but_not_while_typing_in_a_field() {
    let app = fresh_app().await;
    let player = || text_at(&app, r#"[aria-label="Play the lesson step by step"]"#);
    let document = web_sys::window().unwrap().document().unwrap();

    click(&app, "2. Positions and gaps").await;
    press(&document, "ArrowLeft");
    settle().await;
    assert!(player().contains("Step 4 of 5"), "{}", player());
    press(&document, "Home");
    settle().await;
    assert!(player().contains("Step 0 of 5"), "{}", player());

    let field = app.query_selector("input").unwrap().expect("an input");
    press(&field, "ArrowRight");
    settle().await;
    assert!(player().contains("Step 0 of 5"), "{}", player());
    unmount(&app);
}

#[wasm_bindgen_test]
async fn doing_a_lessons_task_counts_it_as_done() {
    let app = fresh_app().await;
    let task = || text_at(&app, r#"[aria-label="Your task"]"#);

    click(&app, "5. Exactly-once effects").await;
    assert!(task().contains("not yet"), "{}", task());
    assert!(text_at(&app, ".lesson-progress").contains("Tasks done: 0 of 8"));

    choose(&app, "Idempotency", "atomic-tracking").await;
    assert!(task().contains("✓ holds"), "{}", task());
    assert!(
        text_at(&app, ".lesson-progress").contains("Tasks done: 1 of 8"),
        "{}",
        text_at(&app, ".lesson-progress")
    );
    unmount(&app);
}

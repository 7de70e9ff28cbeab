//! Running the specifications never freezes the page: they run in slices
//! with a progress bar and a Cancel; the page answers clicks meanwhile, and
//! Cancel leaves every card's result as it was.
use std::cell::Cell;
use std::rc::Rc;

use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;
use web_sys::Element;

use crate::bench_catering::now_ms;
use crate::support::{
    button, click, fresh_app, region, settle, specifications_run, text_at, text_of, type_into,
    unmount,
};

const PANEL: &str = "Specifications";

/// Each card's text, in order.
fn cards(app: &Element) -> Vec<String> {
    let found = region(app, PANEL)
        .query_selector_all("article")
        .expect("query");
    (0..found.length())
        .filter_map(|i| found.item(i))
        .map(|card| card.text_content().unwrap_or_default())
        .collect()
}

/// The progress line, while a run goes ("" otherwise).
fn progress(app: &Element) -> String {
    text_at(app, r#"section[aria-label="Specifications"] .spec-running"#)
}

fn is_disabled(app: &Element, name: &str) -> bool {
    button(app, name).has_attribute("disabled")
}

fn status(app: &Element) -> String {
    text_at(
        app,
        r#"section[aria-label="Specifications"] [role="status"]"#,
    )
}

fn focused_text(app: &Element) -> String {
    app.owner_document()
        .and_then(|document| document.active_element())
        .and_then(|element| element.text_content())
        .unwrap_or_default()
}

#[wasm_bindgen_test]
async fn given_results_when_a_second_run_is_cancelled_then_every_card_is_as_it_was() {
    let app = fresh_app().await;
    click(&app, "Run all specifications").await;
    specifications_run(&app).await;
    let before = cards(&app);
    assert!(
        before.iter().any(|card| card.contains("Passed")),
        "{before:?}"
    );
    let summary = status(&app);

    button(&app, "Run all specifications")
        .focus()
        .expect("focus");
    click(&app, "Run all specifications").await;

    let line = progress(&app);
    assert!(line.contains("Running specifications: "), "{line}");
    assert!(line.contains(" %"), "{line}");
    assert!(is_disabled(&app, "Run all specifications"));
    assert!(is_disabled(&app, "Turn this session into a spec"));
    assert_eq!(
        focused_text(&app),
        "Cancel running specifications",
        "a keyboard user is taken to Cancel"
    );
    click(&app, "Cancel running specifications").await;

    assert_eq!(progress(&app), "", "no progress bar is left");
    assert_eq!(cards(&app), before);
    let cancelled = status(&app);
    assert!(
        cancelled.contains("Cancelled: the results are as they were."),
        "{cancelled}"
    );
    assert!(cancelled.contains(&summary), "{cancelled} / {summary}");
    assert!(!is_disabled(&app, "Run all specifications"));
    assert_eq!(focused_text(&app), "Run all specifications");
    // Nothing of the cancelled run arrives later.
    gloo::timers::future::TimeoutFuture::new(500).await;
    assert_eq!(cards(&app), before);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn given_no_results_when_the_first_run_is_cancelled_then_no_card_has_a_result() {
    let app = fresh_app().await;
    let before = cards(&app);

    click(&app, "Run all specifications").await;
    assert_ne!(progress(&app), "");
    click(&app, "Cancel running specifications").await;

    assert_eq!(cards(&app), before);
    assert!(
        !before
            .iter()
            .any(|card| card.contains("Passed") || card.contains("Failed"))
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn while_the_specifications_run_the_page_answers_a_click_at_once() {
    let app = fresh_app().await;
    let streams = text_of(&app, "Streams");
    // How long the page goes without a turn for timers, while the run goes.
    let (stop, longest) = (Rc::new(Cell::new(false)), Rc::new(Cell::new(0.0_f64)));
    {
        let (stop, longest) = (stop.clone(), longest.clone());
        wasm_bindgen_futures::spawn_local(async move {
            let mut last = now_ms();
            while !stop.get() {
                gloo::timers::future::TimeoutFuture::new(0).await;
                let now = now_ms();
                longest.set(longest.get().max(now - last));
                last = now;
            }
        });
    }
    let started = now_ms();

    click(&app, "Run all specifications").await;
    assert_ne!(progress(&app), "", "the run is going");
    click(&app, "CustomerConfirmedMenu").await;

    let after = text_of(&app, "Streams");
    assert_ne!(after, streams, "the click was answered");
    assert!(after.contains("CustomerConfirmedMenu"), "{after}");
    assert_ne!(progress(&app), "", "before the run finished");
    specifications_run(&app).await;
    stop.set(true);
    let took = now_ms() - started;
    assert!(cards(&app).iter().any(|card| card.contains("Passed")));
    console_log!(
        "Run all specifications: {took:.0} ms in all; the page waited at most {:.1} ms for a turn",
        longest.get()
    );
    // In one go it held the page for the whole run (2.5 s in this debug build).
    assert!(
        longest.get() < 250.0,
        "held the page {:.0} ms",
        longest.get()
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_card_run_goes_in_slices_too_and_gives_focus_back_to_its_run_button() {
    let app = fresh_app().await;
    let name = "Given 999 registered, when one more registers, then rooms are allocated";
    let run: web_sys::HtmlElement = region(&app, PANEL)
        .query_selector(&format!(r#"button[aria-label="Run {name}"]"#))
        .ok()
        .flatten()
        .and_then(|found| found.dyn_into().ok())
        .expect("the card's Run button");

    run.focus().expect("focus");
    run.click();
    settle().await;

    assert!(progress(&app).contains(": 0 of 1, "), "{}", progress(&app));
    assert!(run.has_attribute("disabled"));
    assert!(is_disabled(&app, "Run all specifications"));
    specifications_run(&app).await;
    assert!(run.is_connected(), "the card keeps its button");
    assert!(!run.has_attribute("disabled"));
    let card = cards(&app).into_iter().find(|card| card.contains(name));
    let card = card.expect("the card");
    assert!(card.contains("Passed 1 ordering"), "{card}");
    let focused = app
        .owner_document()
        .and_then(|document| document.active_element());
    assert_eq!(focused.as_ref(), Some(run.unchecked_ref::<Element>()));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_session_spec_of_40320_orderings_runs_in_slices_and_cancel_adds_no_card() {
    let app = fresh_app().await;
    // Four orders, each confirmed on both sides: 8 givens in 8 streams
    // before the last confirmation, so 8! orderings.
    for order in ["1", "2", "3", "4", "5"] {
        type_into(&app, "Order id", order).await;
        click(&app, "CustomerConfirmedMenu").await;
        if order != "5" {
            click(&app, "CatererConfirmedMenu").await;
        }
    }
    let before = cards(&app);

    click(&app, "Turn this session into a spec").await;

    assert!(progress(&app).contains(": 0 of 1, "), "{}", progress(&app));
    click(&app, "Cancel running specifications").await;
    assert_eq!(cards(&app), before, "no card from the session");
    assert!(status(&app).contains("Cancelled"), "{}", status(&app));
    unmount(&app);
}

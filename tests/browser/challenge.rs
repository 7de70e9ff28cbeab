//! A trainer's challenge in the real app: set through its form, its checks
//! "not yet" until the attendee does the thing, then "holds"; refusals stay
//! in the form; a shared link and an export keep the challenge.
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    click, count_in, fresh_app, mount_app, text_at, text_of, toggle, type_into, unmount,
};
use es_playground::core::lessons::Rule;
use es_playground::core::session::Session;

const TITLE: &str = "Say no";
const GOAL: &str = "Fire a caterer's decline for an order that was not confirmed.";

/// Opens the form, fills it in and sets the challenge.
async fn set_decline_challenge(app: &web_sys::Element) {
    click(app, "Challenge").await;
    type_into(app, "Challenge title", TITLE).await;
    type_into(app, "Challenge goal", GOAL).await;
    toggle(app, Rule::DeclineFired.says()).await;
    toggle(app, Rule::DeclinedNotConfirmed.says()).await;
    click(app, "Set challenge").await;
}

#[wasm_bindgen_test]
async fn a_challenge_set_through_the_form_shows_not_yet_then_holds_once_done() {
    let app = fresh_app().await;
    set_decline_challenge(&app).await;

    let shown = text_of(&app, "Challenge checks");
    assert!(shown.contains(&format!("Challenge: {TITLE}")), "{shown}");
    assert!(shown.contains(GOAL), "{shown}");
    assert!(shown.contains("0 of 2 checks hold"), "{shown}");
    assert_eq!(
        count_in(&app, "Challenge checks", ".challenge-check.not-yet"),
        2
    );
    assert!(shown.contains("○ not yet"), "{shown}");
    assert!(shown.contains("no decline fired yet"), "{shown}");

    // The attendee fires a decline (order 42, menu 1 by default).
    click(&app, "CatererDeclinedMenu").await;
    let shown = text_of(&app, "Challenge checks");
    assert!(shown.contains("2 of 2 checks hold"), "{shown}");
    assert_eq!(
        count_in(&app, "Challenge checks", ".challenge-check.holds"),
        2
    );
    assert!(shown.contains("✓ holds"), "{shown}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_challenge_without_a_check_is_refused_in_the_form_and_nothing_is_set() {
    let app = fresh_app().await;
    click(&app, "Challenge").await;
    type_into(&app, "Challenge title", TITLE).await;
    type_into(&app, "Challenge goal", GOAL).await;
    click(&app, "Set challenge").await;
    let refusal = text_at(&app, ".challenge-refusal");
    assert!(
        refusal.contains("Not set: the challenge needs at least one check: tick one."),
        "{refusal}"
    );
    assert!(
        app.query_selector(".challenge-box")
            .expect("query")
            .is_none()
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn remove_challenge_takes_the_box_away() {
    let app = fresh_app().await;
    set_decline_challenge(&app).await;
    click(&app, "Challenge").await;
    click(&app, "Remove challenge").await;
    assert!(
        app.query_selector(".challenge-box")
            .expect("query")
            .is_none()
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_shared_link_and_an_export_keep_the_challenge() {
    let app = fresh_app().await;
    set_decline_challenge(&app).await;
    click(&app, "Share link").await;
    let url = app
        .query_selector(".share-link input")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .expect("a shared link");
    let code = url
        .split_once(&format!("#{}", es_playground::ui::SHARE_PREFIX))
        .map(|(_, code)| code.to_owned())
        .expect("the link's code");
    let opened = Session::from_share_code(&code).expect("the link opens");
    let challenge = opened.challenge().expect("the link keeps the challenge");
    assert_eq!(challenge.title(), TITLE);
    assert_eq!(
        challenge.rules(),
        &[Rule::DeclinedNotConfirmed, Rule::DeclineFired]
    );
    unmount(&app);

    // The same session exported to a file and imported into a fresh page.
    let file = opened.to_json();
    let fresh = mount_app().await;
    crate::support::choose_file(&fresh, "Import", "challenge.json", &file).await;
    let shown = text_of(&fresh, "Challenge checks");
    assert!(shown.contains(&format!("Challenge: {TITLE}")), "{shown}");
    assert!(shown.contains("○ not yet"), "{shown}");
    unmount(&fresh);
}

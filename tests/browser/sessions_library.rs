//! Nothing a person does loses their work: the library of sessions, the way
//! back after a lesson or a Reset, two tabs, large sessions and refusals
//! that stay on screen.
use es_playground::core::domain::Fact;
use es_playground::core::session::{Action, MAX_IMPORT_BYTES, Session, Settings};
use es_playground::ui::library::{self, EntryMeta, Saved};
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;
use web_sys::{Element, HtmlElement, HtmlInputElement};

use crate::support::{
    button, choose_file, click, fresh_app, long_work_done, mount_app, open_with_fragment, saved,
    text_at, text_of, type_into, unmount, working,
};

/// Fires the customer's confirmation of `order` through the page.
async fn fire(app: &Element, order: &str) {
    type_into(app, "Order id", order).await;
    click(app, "CustomerConfirmedMenu").await;
}

fn status(app: &Element) -> String {
    text_at(app, ".notice[role=status]")
}

/// The row of the Sessions list named `name`.
fn row(app: &Element, name: &str) -> Element {
    app.query_selector(&format!(
        r#"section[aria-label="Sessions"] li[aria-label="{name}"]"#
    ))
    .ok()
    .flatten()
    .unwrap_or_else(|| panic!("no session {name} in {}", text_at(app, ".sessions-panel")))
}

async fn click_in(row: &Element, name: &str) {
    let buttons = row.query_selector_all("button").expect("query");
    let found = (0..buttons.length())
        .filter_map(|i| buttons.item(i)?.dyn_into::<HtmlElement>().ok())
        .find(|b| b.text_content().as_deref().map(str::trim) == Some(name))
        .unwrap_or_else(|| panic!("no button {name} in the row"));
    found.click();
    saved().await;
}

/// Opens the Sessions control and waits for its list.
async fn open_sessions(app: &Element) {
    saved().await;
    click(app, "Sessions").await;
    saved().await;
}

async fn library_entries() -> Vec<EntryMeta> {
    library::list().await.expect("the library reads")
}

/// The orders fired in a library entry's save.
async fn orders_in(id: &str) -> Vec<String> {
    let (_, text) = library::load(id).await.expect("reads").expect("present");
    let session = Session::from_save(&text).expect("a good save");
    session
        .actions()
        .iter()
        .filter_map(|a| match a {
            Action::Fire {
                fact: Fact::CustomerConfirmedMenu(e),
            } => Some(e.order_id.as_str().to_owned()),
            _ => None,
        })
        .collect()
}

/// The latest status notice says `text` (the notice is shown when it does not).
fn assert_status_says(app: &Element, text: &str) {
    let now = status(app);
    assert!(now.contains(text), "{now}");
}

#[wasm_bindgen_test]
async fn a_lesson_opened_then_back_to_my_session_brings_the_old_session_back() {
    let app = fresh_app().await;
    fire(&app, "mine-1").await;

    click(&app, "4. At-least-once: the duplicate").await;
    assert!(!text_of(&app, "Streams").contains("Order$mine-1"));
    assert_eq!(button(&app, "Back to my session").tag_name(), "BUTTON");

    click(&app, "Back to my session").await;
    assert!(text_of(&app, "Streams").contains("Order$mine-1"));
    assert_status_says(&app, "Back to “My session”");
    assert!(
        app.query_selector(r#"aside[aria-label="Open lesson"]"#)
            .ok()
            .flatten()
            .is_none()
    );
    // An untouched lesson is not kept (it can be opened again)...
    saved().await;
    let names: Vec<String> = library_entries()
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["My session"]);

    // ...one the person worked in is, under the lesson's name.
    click(&app, "4. At-least-once: the duplicate").await;
    fire(&app, "in-lesson").await;
    click(&app, "Close lesson").await;
    saved().await;
    let names: Vec<String> = library_entries()
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(
        names.contains(&"Lesson 4: At-least-once: the duplicate".to_owned()),
        "{names:?}"
    );
    assert!(text_of(&app, "Streams").contains("Order$mine-1"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn closing_a_lesson_brings_the_old_session_back() {
    let app = fresh_app().await;
    fire(&app, "mine-2").await;
    click(&app, "3. One cursor per log").await;
    assert!(!text_of(&app, "Streams").contains("Order$mine-2"));

    click(&app, "Close lesson").await;
    assert!(text_of(&app, "Streams").contains("Order$mine-2"));
    assert_status_says(&app, "Closed lesson 3: back to “My session”");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_session_replaced_by_reset_is_reopened_from_the_library() {
    let app = fresh_app().await;
    fire(&app, "before-reset").await;
    saved().await;
    click(&app, "Reset").await;
    assert!(text_of(&app, "Streams").contains("No events yet"));
    assert_status_says(&app, "kept in Sessions");

    open_sessions(&app).await;
    let mine = row(&app, "My session");
    let facts = mine.text_content().unwrap_or_default();
    assert!(facts.contains("1 events · 1 actions"), "{facts}");
    click_in(&mine, "Open").await;

    assert!(text_of(&app, "Streams").contains("Order$before-reset"));
    assert_status_says(&app, "Opened “My session” from Sessions");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_session_replaced_by_an_import_stays_in_the_library_beside_the_import() {
    let app = fresh_app().await;
    fire(&app, "own-3").await;
    saved().await;
    let mut other = Session::new(42, Settings::default());
    other
        .perform(Action::Fire {
            fact: Fact::customer_confirmed("imported-3", "1").expect("ids"),
        })
        .expect("fired");
    choose_file(&app, "Import", "theirs.json", &other.to_json()).await;
    assert!(text_of(&app, "Streams").contains("Order$imported-3"));
    saved().await;

    let names: Vec<String> = library_entries()
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["theirs.json", "My session"]);
    click(&app, "Back to my session").await;
    assert!(text_of(&app, "Streams").contains("Order$own-3"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_session_in_the_library_can_be_renamed_and_deleted() {
    let app = fresh_app().await;
    fire(&app, "first").await;
    saved().await;
    click(&app, "Reset").await;
    fire(&app, "second").await;
    open_sessions(&app).await;

    let first = row(&app, "My session");
    let input: HtmlInputElement = first
        .query_selector("input")
        .ok()
        .flatten()
        .and_then(|i| i.dyn_into().ok())
        .expect("a name input");
    input.set_value("Exercise 1");
    click_in(&first, "Rename").await;
    saved().await;
    let names: Vec<String> = library_entries()
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["New session", "Exercise 1"]);

    // The session this tab shows cannot be deleted; the other one can.
    let current = row(&app, "New session");
    let delete_current = current
        .query_selector("button[title]")
        .ok()
        .flatten()
        .expect("a delete button");
    assert!(delete_current.has_attribute("disabled"));
    click_in(&row(&app, "Exercise 1"), "Delete").await;
    saved().await;
    let names: Vec<String> = library_entries()
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert_eq!(names, ["New session"]);
    assert!(text_at(&app, ".sessions-panel").contains("New session"));
    assert!(!text_at(&app, ".sessions-panel").contains("Exercise 1"));
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_reload_restores_this_tabs_session_and_a_refusal_is_not_replaced_by_welcome_back() {
    let app = fresh_app().await;
    fire(&app, "reloaded").await;
    unmount(&app);
    // A broken shared link in the address bar when the page loads.
    open_with_fragment("s=not-a-session");

    let again = mount_app().await;
    assert!(text_of(&again, "Streams").contains("Order$reloaded"));
    let alert = text_at(&again, "[role=alert]");
    assert!(
        alert.contains("The shared link") && alert.contains("Your session is unchanged"),
        "{alert}"
    );
    // Later work does not push the refusal away; dismissing it does.
    fire(&again, "later").await;
    assert_eq!(text_at(&again, "[role=alert]"), alert);
    crate::support::click(&again, "×").await;
    assert!(text_at(&again, "[role=alert]").is_empty());
    unmount(&again);
}

#[wasm_bindgen_test]
async fn when_another_tab_saves_the_same_session_this_tab_is_told_and_both_versions_are_kept() {
    let app = fresh_app().await;
    fire(&app, "tab-a").await;
    saved().await;
    let entries = library_entries().await;
    assert_eq!(entries.len(), 1);
    let mine = entries[0].clone();

    // The other tab, on the same origin, saves its version of the entry...
    let (_, text) = library::load(&mine.id)
        .await
        .expect("reads")
        .expect("present");
    let mut theirs = Session::from_save(&text).expect("a good save");
    theirs
        .perform(Action::Fire {
            fact: Fact::customer_confirmed("tab-b", "1").expect("ids"),
        })
        .expect("fired");
    let written = library::save(
        EntryMeta {
            tab: "the-other-tab".to_owned(),
            actions: 2,
            ..mine.clone()
        },
        &theirs.to_save(),
        Some(mine.rev),
    )
    .await
    .expect("the other tab saves");
    assert!(matches!(written, Saved::At(_)), "{written:?}");
    // ...and says so on the channel, as the app does.
    let channel = web_sys::BroadcastChannel::new(library::CHANNEL).expect("channel");
    let message = format!(
        r#"{{"kind":"saved","tab":"the-other-tab","entry":"{}","name":"My session"}}"#,
        mine.id
    );
    channel
        .post_message(&message.as_str().into())
        .expect("post");
    channel.close();
    saved().await;
    assert_status_says(&app, "Another tab has just saved “My session”");

    // This tab goes on: its save finds the other tab's and keeps both.
    fire(&app, "tab-a2").await;
    saved().await;
    saved().await;
    assert_status_says(&app, "Both versions are kept");
    let entries = library_entries().await;
    let copy = entries
        .iter()
        .find(|e| e.name == "My session (copy from another tab)")
        .unwrap_or_else(|| panic!("no copy in {entries:?}"));
    assert_eq!(orders_in(&mine.id).await, ["tab-a", "tab-b"]);
    assert_eq!(orders_in(&copy.id).await, ["tab-a", "tab-a2"]);
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_tab_whose_session_another_tab_kept_as_a_copy_is_told() {
    let app = fresh_app().await;
    fire(&app, "told").await;
    saved().await;
    let mine = library_entries().await[0].clone();
    let channel = web_sys::BroadcastChannel::new(library::CHANNEL).expect("channel");
    let message = format!(
        r#"{{"kind":"copied","tab":"the-other-tab","entry":"{}","name":"My session","copy":"My session (copy from another tab)"}}"#,
        mine.id
    );
    channel
        .post_message(&message.as_str().into())
        .expect("post");
    channel.close();
    saved().await;
    assert_status_says(
        &app,
        "Another tab was also working on “My session”: its version is kept as “My session (copy from another tab)”",
    );
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_large_session_is_autosaved_and_restored() {
    let app = fresh_app().await;
    // A large import, near the file size limit: it is saved compactly.
    let mut large = Session::new(42, Settings::default());
    let mut order = 0;
    while large.actions().len() < 20_000 {
        for fact in [
            Fact::customer_confirmed(&format!("big-{order}"), "1"),
            Fact::caterer_confirmed(&format!("big-{order}"), "1"),
        ] {
            large
                .perform(Action::Fire {
                    fact: fact.expect("ids"),
                })
                .expect("fired");
        }
        order += 1;
    }
    let file = large.to_json();
    assert!(file.len() < MAX_IMPORT_BYTES, "{} bytes", file.len());
    choose_file(&app, "Import", "large.json", &file).await;
    for _ in 0..50 {
        if working(&app) || text_of(&app, "Commands").contains("10000 orders confirmed once") {
            break;
        }
        saved().await;
    }
    long_work_done(&app).await;
    // And random orders on top: 200 000 events in all.
    type_into(&app, "Random orders", "90000").await;
    click(&app, "Fire random orders").await;
    long_work_done(&app).await;
    saved().await;
    saved().await;
    let entries = library_entries().await;
    assert_eq!(entries[0].name, "large.json");
    assert_eq!(entries[0].events, 200_000);
    unmount(&app);

    let again = mount_app().await;
    long_work_done(&again).await;
    let facts = text_at(&again, ".notice[role=status]");
    assert!(
        facts.contains("Welcome back: “large.json” was restored"),
        "{facts}"
    );
    let commands = text_of(&again, "Commands");
    assert!(
        commands.contains("100000 orders confirmed once"),
        "{commands}"
    );
    unmount(&again);
}

#[wasm_bindgen_test]
async fn a_shared_link_opened_over_own_work_keeps_both() {
    let app = fresh_app().await;
    fire(&app, "own-work").await;
    unmount(&app);
    let mut theirs = Session::new(42, Settings::default());
    theirs
        .perform(Action::Fire {
            fact: Fact::customer_confirmed("from-link", "1").expect("ids"),
        })
        .expect("fired");
    open_with_fragment(&format!("s={}", theirs.to_share_code()));

    let again = mount_app().await;
    assert!(text_of(&again, "Streams").contains("Order$from-link"));
    saved().await;
    let names: Vec<String> = library_entries()
        .await
        .into_iter()
        .map(|e| e.name)
        .collect();
    assert!(names.contains(&"My session".to_owned()), "{names:?}");
    assert!(names.contains(&"Shared session".to_owned()), "{names:?}");
    click(&again, "Back to my session").await;
    assert!(text_of(&again, "Streams").contains("Order$own-work"));
    unmount(&again);
}

#[wasm_bindgen_test]
async fn an_unreadable_library_entry_is_refused_on_reload_and_stays_in_the_library() {
    let app = fresh_app().await;
    fire(&app, "soon-damaged").await;
    saved().await;
    let mine = library_entries().await[0].clone();
    unmount(&app);
    saved().await;
    let (_, good) = library::load(&mine.id).await.expect("reads").expect("kept");
    let damaged = format!("{good}\n[\"C\",\"\",\"1\"]");
    let written = library::save(
        EntryMeta {
            tab: "a-broken-tab".to_owned(),
            ..mine.clone()
        },
        &damaged,
        Some(mine.rev),
    )
    .await
    .expect("written");
    assert!(matches!(written, Saved::At(_)), "{written:?}");

    let again = mount_app().await;
    let alert = text_at(&again, "[role=alert]");
    assert!(
        alert.contains(
            "the saved session “My session” could not be read (line 3 of the save has a bad id"
        ),
        "{alert}"
    );
    assert!(alert.contains("The saved one stays in Sessions"), "{alert}");
    assert!(text_of(&again, "Streams").contains("No events yet"));
    let (_, text) = library::load(&mine.id).await.expect("reads").expect("kept");
    assert_eq!(text, damaged);
    unmount(&again);
}

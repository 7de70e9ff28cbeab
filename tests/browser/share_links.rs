//! Shared links and ids people type, in the real app: a link is read once
//! and leaves the address bar, a reload keeps later work, each broken link
//! says why and its message stays, look-alike ids are refused or unified.
use wasm_bindgen::JsCast;
use wasm_bindgen_test::wasm_bindgen_test;

use crate::support::{
    click, fresh_app, mount_app, open_with_fragment, settle, text_at, text_of, type_into, unmount,
};
use es_playground::core::codec;
use es_playground::core::domain::Fact;
use es_playground::core::session::{Action, Session, Settings};
use es_playground::ui::{SHARE_PREFIX, STORAGE_KEY};

/// The address bar's fragment, with its `#`.
fn address_hash() -> String {
    gloo::utils::window().location().hash().expect("hash")
}

/// The link shown by `Share link`.
fn shared_url(app: &web_sys::Element) -> String {
    app.query_selector(".share-link input")
        .ok()
        .flatten()
        .and_then(|e| e.dyn_into::<web_sys::HtmlInputElement>().ok())
        .map(|input| input.value())
        .unwrap_or_else(|| panic!("no shared link shown"))
}

/// The storage the app autosaves to.
fn storage() -> web_sys::Storage {
    gloo::utils::window()
        .local_storage()
        .ok()
        .flatten()
        .expect("storage")
}

/// A whole session's shared code, made by the core.
fn code_of_one_confirmation(order: &str) -> String {
    Session::replay(
        1,
        Settings::default(),
        &[Action::Fire {
            fact: Fact::customer_confirmed(order, "1").expect("ids"),
        }],
    )
    .expect("accepted")
    .to_share_code()
}

#[wasm_bindgen_test]
async fn share_link_shows_the_link_and_its_length_and_leaves_the_address_bar_alone() {
    let app = fresh_app().await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "Share link").await;

    let url = shared_url(&app);
    assert!(url.contains(&format!("#{SHARE_PREFIX}2.")), "{url}");
    let length = text_at(&app, ".share-link .share-length");
    let expected = format!("This link is {} characters long", url.chars().count());
    assert!(
        length.contains(&expected),
        "{length:?} should say {expected:?}"
    );
    assert_eq!(address_hash(), "");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn a_link_longer_than_chat_tools_keep_says_so_and_offers_export() {
    let app = fresh_app().await;
    // A session of 300 hand-fired events with ids that do not repeat, so
    // that even compressed its link is long.
    let actions: Vec<Action> = (0..300u32)
        .map(|i| Action::Fire {
            fact: Fact::customer_confirmed(&format!("{}", i.wrapping_mul(2_654_435_761)), "1")
                .expect("ids"),
        })
        .collect();
    let file = Session::replay(1, Settings::default(), &actions)
        .expect("accepted")
        .to_json();
    crate::support::choose_file(&app, "Import", "busy.json", &file).await;
    click(&app, "Share link").await;

    let url = shared_url(&app);
    assert!(url.len() > 2_000, "{} characters", url.len());
    let warning = text_at(&app, ".share-link .share-length");
    assert!(
        warning.contains("cut links past about 2,000 characters"),
        "{warning}"
    );
    assert!(warning.contains("Export"), "{warning}");
    unmount(&app);
}

#[wasm_bindgen_test]
async fn f5_after_share_link_keeps_the_work_done_since() {
    let app = fresh_app().await;
    type_into(&app, "Order id", "7").await;
    click(&app, "CustomerConfirmedMenu").await;
    click(&app, "Share link").await;
    let url = shared_url(&app);
    click(&app, "CatererConfirmedMenu").await;
    assert!(text_of(&app, "Commands").contains("ConfirmOrder(order 7, menu 1)"));
    unmount(&app);

    // F5: the same page, the same storage.
    let reloaded = mount_app().await;
    assert!(text_of(&reloaded, "Commands").contains("ConfirmOrder(order 7, menu 1)"));
    assert_eq!(address_hash(), "");
    unmount(&reloaded);

    // The link itself, opened: it is read, then gone from the address bar.
    let fragment = url
        .split_once('#')
        .map(|(_, f)| f.to_owned())
        .expect("a fragment");
    open_with_fragment(&fragment);
    let opened = mount_app().await;
    assert_eq!(address_hash(), "", "the link left the address bar");
    assert!(text_at(&opened, ".notice").contains("Opened the shared session"));
    assert!(text_of(&opened, "Commands").contains("No command sent yet"));
    // Work on the opened session, then F5: the work is there, not the link again.
    type_into(&opened, "Order id", "7").await;
    click(&opened, "CatererConfirmedMenu").await;
    unmount(&opened);
    let again = mount_app().await;
    assert!(!text_at(&again, ".notice").contains("Opened the shared session"));
    assert!(text_of(&again, "Commands").contains("ConfirmOrder(order 7, menu 1)"));
    unmount(&again);
}

#[wasm_bindgen_test]
async fn each_broken_link_keeps_its_own_message_on_screen() {
    let good = code_of_one_confirmation("5");
    let bomb = format!("2.{}", codec::pack(&vec![b' '; 5 << 20]));
    let cases = [
        (format!("{good}!x"), "The shared link is malformed"),
        (
            good[..good.len() - 6].to_owned(),
            "The shared link is truncated",
        ),
        (bomb, "The shared link is too large"),
        (
            good.replacen("2.", "3.", 1),
            "The shared link was made by a newer playground",
        ),
    ];
    for (code, expected) in cases {
        // Own work, autosaved.
        let app = fresh_app().await;
        type_into(&app, "Order id", "mine").await;
        click(&app, "CustomerConfirmedMenu").await;
        unmount(&app);
        let saved = storage().get_item(STORAGE_KEY).expect("read");

        open_with_fragment(&format!("{SHARE_PREFIX}{code}"));
        let opened = mount_app().await;
        settle().await;
        let alert = text_at(&opened, "[role=alert]");
        assert!(
            alert.contains(expected),
            "{alert:?} should say {expected:?}"
        );
        assert!(alert.contains("Your session is unchanged"), "{alert}");
        assert!(!text_at(&opened, ".notice").contains("Welcome back"));
        assert_eq!(address_hash(), "");
        // Own work is what the page shows, and what is saved.
        assert!(text_of(&opened, "Streams").contains("Order$mine"));
        assert_eq!(storage().get_item(STORAGE_KEY).expect("read"), saved);
        unmount(&opened);
    }
}

#[wasm_bindgen_test]
async fn look_alike_ids_are_refused_naming_the_character_and_its_place() {
    let app = fresh_app().await;
    let cases = [
        ("4\u{200B}2", "U+200B ZERO WIDTH SPACE at character 2"),
        (
            "\u{FEFF}42",
            "U+FEFF ZERO WIDTH NO-BREAK SPACE (BYTE ORDER MARK) at character 1",
        ),
        (
            "Order\u{202E}gnp.exe",
            "U+202E RIGHT-TO-LEFT OVERRIDE at character 6",
        ),
    ];
    for (id, expected) in cases {
        type_into(&app, "Order id", id).await;
        click(&app, "CustomerConfirmedMenu").await;
        let alert = text_at(&app, "[role=alert]");
        assert!(
            alert.contains(expected),
            "{alert:?} should say {expected:?}"
        );
        assert!(text_of(&app, "Streams").contains("No events yet"));
    }
    unmount(&app);
}

#[wasm_bindgen_test]
async fn an_accent_typed_two_ways_is_one_menu() {
    let app = fresh_app().await;
    type_into(&app, "Menu id", "cre\u{0300}me").await;
    click(&app, "CustomerConfirmedMenu").await;
    type_into(&app, "Menu id", "cr\u{00E8}me").await;
    click(&app, "CatererConfirmedMenu").await;
    let commands = text_of(&app, "Commands");
    assert!(
        commands.contains("ConfirmOrder(order 42, menu cr\u{00E8}me)"),
        "{commands}"
    );
    unmount(&app);
}

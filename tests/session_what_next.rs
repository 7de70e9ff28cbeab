#![cfg(not(target_arch = "wasm32"))]
//! What happens next for an order: what the catering match still waits
//! for, per menu, and what it does then (`session::what_next`).

use es_playground::core::domain::MenuId;
use es_playground::core::ids::EventId;
use es_playground::core::process::{MatchState, MenuFactKind};
use es_playground::core::session::what_next;

fn menu(id: &str) -> MenuId {
    MenuId::parse(id).unwrap()
}

fn event(n: u128) -> EventId {
    EventId::from_u128(n)
}

#[test]
fn a_customer_confirmation_alone_waits_for_the_caterers() {
    // Given the customer confirmed menu 1 of order 42, then the process
    // manager waits for the caterer's confirmation of menu 1.
    let mut state = MatchState::default();
    state.record(MenuFactKind::CustomerConfirmed, &menu("1"), event(1));

    let next = what_next("42", &state);
    assert_eq!(next.waits_for, ["CatererConfirmedMenu for menu 1"]);
    assert_eq!(
        next.then,
        "then it sends ConfirmOrder for order 42 with the first menu both sides confirmed"
    );
}

#[test]
fn a_declined_menu_still_waits_for_a_caterer_confirmation_and_a_new_menu_for_both() {
    let mut state = MatchState::default();
    state.record(MenuFactKind::CustomerConfirmed, &menu("1"), event(1));
    state.record(MenuFactKind::CatererDeclined, &menu("1"), event(2));
    state.record(MenuFactKind::CatererConfirmed, &menu("2"), event(3));

    let next = what_next("42", &state);
    assert_eq!(
        next.waits_for,
        [
            "CatererConfirmedMenu for menu 1",
            "CustomerConfirmedMenu for menu 2"
        ]
    );
}

#[test]
fn nothing_heard_waits_for_both_confirmations_of_one_menu() {
    let next = what_next("42", &MatchState::default());
    assert_eq!(
        next.waits_for,
        ["CustomerConfirmedMenu and CatererConfirmedMenu for one menu"]
    );
}

#[test]
fn a_matched_order_waits_for_nothing_more() {
    let mut state = MatchState::default();
    state.record(MenuFactKind::CatererConfirmed, &menu("1"), event(1));
    state.record(MenuFactKind::CustomerConfirmed, &menu("1"), event(2));

    let next = what_next("42", &state);
    assert!(next.waits_for.is_empty());
    assert!(
        next.then
            .starts_with("Nothing more: order 42 matched on menu 1"),
        "{}",
        next.then
    );
}

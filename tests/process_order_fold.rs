#![cfg(not(target_arch = "wasm32"))]
//! The fold of one order step by step (`core::process::order_fold`): the
//! order's own events in handling order, each with the state before and
//! after, whatever runner handled them.

mod process_common;

use es_playground::core::domain::{CATERING, MenuId, SALES, order_stream};
use es_playground::core::process::{
    CatererAnswer, CateringMatch, MatchState, MatchStatus, fold_steps,
};
use process_common::{World, caterer, customer, declined};

/// (customer confirmed, caterer's answer) of each menu, by hand-readable name.
fn menus(state: &MatchState<MenuId>) -> Vec<(String, bool, CatererAnswer)> {
    state
        .menus()
        .map(|m| (m.menu_id.to_string(), m.customer_confirmed, m.caterer))
        .collect()
}

fn vegan() -> MenuId {
    MenuId::parse("vegan").unwrap()
}

#[test]
fn the_fold_of_an_order_lists_its_events_in_handling_order_with_the_state_before_and_after() {
    // Given the caterer declined then confirmed vegan for order 42 before
    // the customer confirmed it, with another order in between
    let mut world = World::new();
    world.record(&declined("42", "vegan"));
    world.record(&customer("43", "fish"));
    world.record(&caterer("42", "vegan"));
    world.record(&customer("42", "vegan"));

    // When the fold of order 42 is asked for
    let steps = fold_steps(&CateringMatch, &world.store, "42", 40).unwrap();

    // Then its three events come in the order they were recorded, across
    // both contexts, and order 43 is not among them
    let events: Vec<(&str, &str, u64)> = steps
        .iter()
        .map(|s| {
            (
                s.event.event_type.as_str(),
                s.event.context.as_str(),
                s.event.position.0,
            )
        })
        .collect();
    assert_eq!(
        events,
        [
            ("CatererDeclinedMenu", CATERING, 1),
            ("CatererConfirmedMenu", CATERING, 2),
            ("CustomerConfirmedMenu", SALES, 2),
        ]
    );
    // And each step starts where the one before ended
    assert_eq!(steps[0].before, MatchState::default());
    assert_eq!(steps[1].before, steps[0].after);
    assert_eq!(steps[2].before, steps[1].after);
    assert_eq!(
        menus(&steps[0].after),
        [("vegan".to_owned(), false, CatererAnswer::Declined)]
    );
    assert_eq!(
        menus(&steps[1].after),
        [("vegan".to_owned(), false, CatererAnswer::Confirmed)]
    );
    assert_eq!(steps[1].after.status(), MatchStatus::Pending);
    // And the customer's confirmation completes the match
    assert_eq!(steps[2].after.status(), MatchStatus::Matched(vegan()));
}

#[test]
fn events_the_process_manager_does_not_handle_are_not_steps_of_the_fold() {
    // Given order 42's Sales stream holds an event of another type
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    world.record_raw(
        SALES,
        &order_stream("42"),
        "OrderNoteAdded",
        serde_json::json!({ "note": "no nuts" }),
    );
    world.record(&caterer("42", "vegan"));

    // When its fold is asked for
    let steps = fold_steps(&CateringMatch, &world.store, "42", 40).unwrap();

    // Then only the two confirmations are steps
    let types: Vec<&str> = steps.iter().map(|s| s.event.event_type.as_str()).collect();
    assert_eq!(types, ["CustomerConfirmedMenu", "CatererConfirmedMenu"]);
}

#[test]
fn the_fold_stops_after_the_number_of_steps_asked_for() {
    // Given order 42 has three events
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    world.record(&declined("42", "vegan"));
    world.record(&caterer("42", "vegan"));

    // When at most two steps are asked for
    let steps = fold_steps(&CateringMatch, &world.store, "42", 2).unwrap();

    // Then the first two come, the match not yet made
    assert_eq!(steps.len(), 2);
    assert_eq!(steps[1].after.status(), MatchStatus::Declined);
}

#[test]
fn an_order_with_no_events_folds_to_no_steps() {
    // Given a store where only order 43 exists
    let mut world = World::new();
    world.record(&customer("43", "fish"));

    // When the fold of order 42 is asked for, then there is nothing to fold
    assert!(
        fold_steps(&CateringMatch, &world.store, "42", 40)
            .unwrap()
            .is_empty()
    );
}

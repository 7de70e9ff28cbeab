//! The rules of one order's state, fact by fact.

use super::*;
use MenuFactKind::*;

/// The event id `n`.
fn id(n: u128) -> EventId {
    EventId::from_u128(n)
}

#[test]
fn both_confirmations_match_the_menu_in_either_order() {
    for facts in [
        [CustomerConfirmed, CatererConfirmed],
        [CatererConfirmed, CustomerConfirmed],
    ] {
        let mut state = MatchState::default();
        for (n, fact) in (1..).zip(facts) {
            state.record(fact, &"vegan", id(n));
        }
        assert_eq!(state.status(), MatchStatus::Matched("vegan"));
    }
}

#[test]
fn applying_a_fact_twice_changes_nothing() {
    let mut once = MatchState::default();
    once.record(CustomerConfirmed, &"a", id(1));
    let mut twice = once.clone();
    twice.record(CustomerConfirmed, &"a", id(1));
    assert_eq!(once, twice);
}

#[test]
fn the_first_complete_menu_stays_the_match() {
    let mut state = MatchState::default();
    for (n, (fact, menu)) in (1..).zip([
        (CustomerConfirmed, "a"),
        (CatererConfirmed, "a"),
        (CustomerConfirmed, "b"),
        (CatererConfirmed, "b"),
    ]) {
        state.record(fact, &menu, id(n));
    }
    assert_eq!(state.matched(), Some(&"a"));
    assert_eq!(state.completed_by(), Some(id(2)));
    assert_eq!(state.menu_to_confirm(id(4)), None);
    assert_eq!(state.menu_to_confirm(id(2)), Some(&"a"));
}

#[test]
fn only_the_event_that_completed_the_match_confirms_it_even_when_delivered_again() {
    let mut state = MatchState::default();
    state.record(CustomerConfirmed, &"a", id(1));
    assert_eq!(state.menu_to_confirm(id(1)), None);
    state.record(CatererConfirmed, &"a", id(2));
    assert_eq!(state.menu_to_confirm(id(2)), Some(&"a"));
    // The same event again (at-least-once delivery) answers again.
    state.record(CatererConfirmed, &"a", id(2));
    assert_eq!(state.menu_to_confirm(id(2)), Some(&"a"));
    // A new confirmation of the matched menu is not a new match.
    state.record(CustomerConfirmed, &"a", id(3));
    assert_eq!(state.menu_to_confirm(id(3)), None);
    assert_eq!(state.completed_by(), Some(id(2)));
}

#[test]
fn an_order_whose_every_menu_is_declined_is_declined() {
    let mut state = MatchState::default();
    state.record(CustomerConfirmed, &"a", id(1));
    state.record(CatererDeclined, &"a", id(2));
    assert_eq!(state.status(), MatchStatus::Declined);
    state.record(CustomerConfirmed, &"b", id(3));
    assert_eq!(state.status(), MatchStatus::Pending);
}

#[test]
fn the_caterers_latest_answer_for_a_menu_stands() {
    for (facts, latest) in [
        (
            [CatererDeclined, CatererConfirmed],
            CatererAnswer::Confirmed,
        ),
        ([CatererConfirmed, CatererDeclined], CatererAnswer::Declined),
    ] {
        let mut state = MatchState::default();
        for (n, fact) in (1..).zip(facts) {
            state.record(fact, &"a", id(n));
        }
        assert_eq!(state.menus().next().unwrap().caterer, latest);
        assert_eq!(state.late_decline(), None);
    }
}

#[test]
fn a_decline_of_the_matched_menu_confirms_nothing() {
    let mut state = MatchState::default();
    state.record(CustomerConfirmed, &"a", id(1));
    state.record(CatererConfirmed, &"a", id(2));
    state.record(CatererDeclined, &"a", id(3));
    assert_eq!(state.menu_to_confirm(id(3)), None);
    assert_eq!(state.status(), MatchStatus::Matched("a"));
    assert_eq!(state.late_decline(), Some(id(3)));
    // The same decline again changes nothing.
    let once = state.clone();
    state.record(CatererDeclined, &"a", id(3));
    assert_eq!(state, once);
}

#[test]
fn a_decline_of_another_menu_after_the_match_is_not_late() {
    let mut state = MatchState::default();
    state.record(CustomerConfirmed, &"a", id(1));
    state.record(CatererConfirmed, &"a", id(2));
    state.record(CatererDeclined, &"b", id(3));
    assert_eq!(state.late_decline(), None);
    assert_eq!(state.status(), MatchStatus::Matched("a"));
}

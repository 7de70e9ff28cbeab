//! Time travel over positions in a session.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use es_playground::core::process::{CateringMatch, MatchStatus, time_travel};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::store::Position;

fn fire(fact: Fact) -> Action {
    Action::Fire { fact }
}

fn session() -> Session {
    // Sales 1, a rollback (Sales 2–3), Catering 1, Sales 4
    let actions = [
        fire(Fact::customer_confirmed("42", "1").expect("ids")),
        Action::RollBack {
            context: "Sales".into(),
            positions: 2,
        },
        fire(Fact::caterer_confirmed("42", "1").expect("ids")),
        fire(Fact::customer_confirmed("43", "1").expect("ids")),
    ];
    Session::replay(DEFAULT_SEED, Settings::default(), &actions).expect("accepted")
}

#[test]
fn the_first_k_events_end_at_one_position_per_context_skipping_gaps() {
    let session = session();
    let at = |k: usize| {
        let p = session.positions_after(k);
        (p.get("Sales").copied(), p.get("Catering").copied())
    };
    assert_eq!(session.events_in_time(), 3);
    assert_eq!(at(0), (Some(Position(0)), Some(Position(0))));
    assert_eq!(at(1), (Some(Position(1)), Some(Position(0))));
    assert_eq!(at(2), (Some(Position(1)), Some(Position(1))));
    assert_eq!(at(3), (Some(Position(4)), Some(Position(1))));
    assert_eq!(at(99), at(3));
}

#[test]
fn the_state_as_of_a_past_point_is_the_fold_up_to_there() {
    let session = session();
    let status = |k: usize| {
        let positions = session.positions_after(k);
        time_travel::state_as_of(&CateringMatch, session.store(), &positions, "42")
            .expect("contexts exist")
            .status()
    };
    assert_eq!(status(1), MatchStatus::Pending);
    assert!(matches!(status(2), MatchStatus::Matched(_)));
}

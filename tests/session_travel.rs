//! Time travel over positions in a session.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use std::collections::BTreeMap;

use es_playground::core::process::{
    CateringMatch, Cursors, MatchState, MatchStatus, ProcessManager, time_travel,
};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::store::{EventStore, Position, RecordedEvent};
use proptest::prelude::*;

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

/// The definition of time travel, written out plainly: the events of both
/// logs at or before `positions`, merged in the order they were recorded
/// (ties by the order they were stored), each folded into its order's state.
fn logs_fold(store: &EventStore, positions: &Cursors) -> BTreeMap<String, MatchState> {
    let mut events: Vec<&RecordedEvent> = Vec::new();
    for context in ["Sales", "Catering"] {
        let last = positions.get(context).copied().unwrap_or(Position::START);
        let log = store
            .read_log_forward(context, Position::START, usize::MAX)
            .unwrap();
        events.extend(log.iter().filter(|event| event.position <= last));
    }
    events.sort_by_key(|event| (event.metadata.recorded_at, event.stored_rank));
    let mut states = BTreeMap::new();
    for event in events {
        if let Ok(fact) = CateringMatch.decode(event) {
            let state = states
                .entry(CateringMatch.key(&fact).to_owned())
                .or_default();
            CateringMatch.evolve(state, &fact);
        }
    }
    states
}

/// Every order's state as of the first `k` events, two ways: the one order's
/// streams read up to the positions (what the Process state panel shows
/// while time travelling) and the whole logs folded up to them (the
/// definition). They must agree for every order and every `k`.
fn agree_at_every_point(session: &Session) -> Result<(), String> {
    let everything = Cursors::from([
        ("Sales".to_owned(), Position(u64::MAX)),
        ("Catering".to_owned(), Position(u64::MAX)),
    ]);
    let orders = logs_fold(session.store(), &everything);
    for k in 0..=session.events_in_time() {
        let positions = session.positions_after(k);
        let all = logs_fold(session.store(), &positions);
        for order in orders.keys() {
            let one = time_travel::state_as_of(&CateringMatch, session.store(), &positions, order)
                .map_err(|e| e.to_string())?;
            let expected = all.get(order).cloned().unwrap_or_default();
            if one != expected {
                return Err(format!(
                    "order {order} as of the first {k} events: {one:?} but the logs' fold gives {expected:?}"
                ));
            }
        }
    }
    Ok(())
}

#[test]
fn every_lessons_time_travel_shows_what_the_logs_fold_to() {
    for lesson in es_playground::core::lessons::lessons() {
        let session = lesson.session().expect("the lesson opens");
        if let Err(why) = agree_at_every_point(&session) {
            panic!("lesson {}: {why}", lesson.number);
        }
    }
}

/// A random action a person can take from the controls.
fn action() -> impl Strategy<Value = Action> {
    let order = prop::sample::select(vec!["1", "2", " 2", "42", "vegan"]);
    let menu = prop::sample::select(vec!["1", "2", "fish"]);
    prop_oneof![
        6 => (0..3u8, order, menu).prop_map(|(kind, order, menu)| {
            let fact = match kind {
                0 => Fact::customer_confirmed(order, menu),
                1 => Fact::caterer_confirmed(order, menu),
                _ => Fact::caterer_declined(order, menu),
            };
            fire(fact.expect("ids"))
        }),
        1 => (1..4u32).prop_map(|orders| Action::FireRandomOrders { orders }),
        1 => (prop::sample::select(vec!["Sales", "Catering"]), 1..3u64).prop_map(|(context, positions)| {
            Action::RollBack { context: context.into(), positions }
        }),
        1 => any::<bool>().prop_map(|on| Action::SetAutoHandle { on }),
        1 => any::<bool>().prop_map(|on| Action::SetSingleStream { on }),
        1 => Just(Action::CatchUp),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(200))]

    #[test]
    fn time_travel_shows_what_the_logs_fold_to_in_any_session(
        actions in prop::collection::vec(action(), 0..30),
    ) {
        let mut session = Session::new(DEFAULT_SEED, Settings::default());
        for action in actions {
            // A refused action changes nothing; the rest of the log goes on.
            let _ = session.perform(action);
        }
        if let Err(why) = agree_at_every_point(&session) {
            prop_assert!(false, "{}", why);
        }
    }
}

//! Long work in slices: a replay done a slice at a time builds exactly the
//! session a replay in one go builds, whatever the slices; a long action
//! done beside the session (a replay of its actions and the new one) gives
//! what performing it on the session gives; progress only grows.
#![cfg(not(target_arch = "wasm32"))]

use es_playground::core::domain::Fact;
use es_playground::core::lessons::lessons;
use es_playground::core::process::{CrashPoint, IdempotencyMode, StrategyKind};
use es_playground::core::session::{
    Action, DEFAULT_SEED, LONG_WORK_UNITS, MAX_RANDOM_ORDERS, MAX_SESSION_EVENTS, Replay, Session,
    SessionError, Settings,
};
use proptest::prelude::*;

/// Everything a session holds, as text: the store, the runner with its
/// cursors, state, bus and trace, the id and time generators, the log.
fn everything(session: &Session) -> String {
    format!("{session:?}")
}

/// Replays `actions` in slices of `budgets` (taken in turn), checking on
/// the way that progress only grows and is complete only at the end.
fn sliced(seed: u64, settings: Settings, actions: &[Action], budgets: &[usize]) -> Session {
    let mut replay = Replay::new(seed, settings, actions.to_vec());
    let mut seen = replay.progress();
    assert_eq!(seen.done, 0, "nothing is done before the first slice");
    for budget in budgets.iter().cycle() {
        let finished = replay.advance(*budget).expect("the actions were accepted");
        let now = replay.progress();
        assert!(
            now.done >= seen.done,
            "progress went back: {seen:?} then {now:?}"
        );
        assert!(
            now.done <= now.expected,
            "done passed what was expected: {now:?}"
        );
        seen = now;
        if finished {
            break;
        }
        assert!(now.percent() <= 100);
    }
    replay.into_session()
}

fn fire(fact: Result<Fact, impl std::fmt::Debug>) -> Action {
    Action::Fire {
        fact: fact.expect("valid ids"),
    }
}

#[test]
fn a_replay_in_slices_of_one_unit_builds_every_lesson_exactly() {
    for lesson in lessons() {
        let whole = lesson.session().expect("a lesson replays");
        let again = sliced(whole.seed(), whole.settings(), &lesson.actions, &[1]);
        assert_eq!(
            everything(&again),
            everything(&whole),
            "lesson {}",
            lesson.number
        );
    }
}

#[test]
fn random_orders_stored_and_handled_in_slices_are_the_ones_stored_at_once() {
    let actions = [
        fire(Fact::customer_confirmed("42", "1")),
        Action::FireRandomOrders { orders: 300 },
        Action::SetAutoHandle { on: false },
        Action::FireRandomOrders { orders: 200 },
        fire(Fact::caterer_confirmed("42", "1")),
        Action::CatchUp,
    ];
    let settings = Settings::default();
    let at_once = Session::replay(DEFAULT_SEED, settings, &actions).expect("accepted");
    // 300 orders: 600 events to store, then 600 to handle.
    assert_eq!(at_once.store().event_count(), 2 + 2 * 500);
    for budgets in [&[1][..], &[7, 3], &[599, 1, 600], &[100_000]] {
        let in_slices = sliced(DEFAULT_SEED, settings, &actions, budgets);
        assert_eq!(
            everything(&in_slices),
            everything(&at_once),
            "slices {budgets:?}"
        );
    }
}

#[test]
fn a_long_action_done_beside_the_session_is_the_action_performed_on_it() {
    let mut session = Session::new(7, Settings::default());
    session
        .perform(fire(Fact::customer_confirmed("9", "2")))
        .expect("accepted");
    let action = Action::FireRandomOrders { orders: 1_000 };
    let mut replay = session.replay_then(action.clone());
    while !replay.advance(97).expect("accepted") {}
    let words = replay.last_outcome().cloned();
    let beside = replay.into_session();

    let outcome = session.perform(action).expect("accepted");
    assert_eq!(everything(&beside), everything(&session));
    assert_eq!(words, Some(outcome));
}

#[test]
fn a_switch_in_slices_is_the_switch_at_once() {
    let lesson5 = lessons()
        .into_iter()
        .find(|lesson| lesson.number == 5)
        .expect("lesson 5");
    let mut session = lesson5.session().expect("a lesson replays");
    session
        .perform(Action::FireRandomOrders { orders: 50 })
        .expect("accepted");
    for strategy in StrategyKind::ALL {
        for idempotency in IdempotencyMode::ALL {
            let settings = Settings {
                strategy,
                idempotency,
            };
            let at_once = session.with_settings(settings).expect("accepted");
            let mut replay = session.replay_with_settings(settings);
            while !replay.advance(13).expect("accepted") {}
            assert_eq!(
                everything(&replay.into_session()),
                everything(&at_once),
                "{settings:?}"
            );
        }
    }
}

#[test]
fn a_replay_stops_at_the_first_refused_action_and_names_it() {
    let actions = [
        fire(Fact::customer_confirmed("1", "1")),
        Action::FireRandomOrders { orders: 0 },
    ];
    let mut replay = Replay::new(DEFAULT_SEED, Settings::default(), actions.to_vec());
    let error = loop {
        match replay.advance(1) {
            Ok(false) => {}
            Ok(true) => panic!("a refused action must stop the replay"),
            Err(error) => break error,
        }
    };
    assert!(
        matches!(error, SessionError::InReplay { index: 1, .. }),
        "{error:?}"
    );
}

#[test]
fn random_orders_are_checked_before_any_work_starts() {
    let session = Session::new(DEFAULT_SEED, Settings::default());
    assert!(matches!(
        session.check_random_orders(0),
        Err(SessionError::NothingRequested { .. })
    ));
    assert!(matches!(
        session.check_random_orders(MAX_RANDOM_ORDERS + 1),
        Err(SessionError::TooManyOrders { .. })
    ));
    assert_eq!(session.check_random_orders(MAX_RANDOM_ORDERS), Ok(()));
    let mut full = Session::new(DEFAULT_SEED, Settings::default());
    let most = u32::try_from(MAX_SESSION_EVENTS / 2).expect("fits");
    let mut left = most;
    while left > 0 {
        let orders = left.min(MAX_RANDOM_ORDERS);
        full.perform(Action::FireRandomOrders { orders })
            .expect("room left");
        left -= orders;
    }
    assert!(matches!(
        full.check_random_orders(1),
        Err(SessionError::SessionFull { .. })
    ));
}

#[test]
fn many_random_orders_and_a_long_backlog_are_long_work_and_a_click_is_not() {
    let mut session = Session::new(DEFAULT_SEED, Settings::default());
    let click = fire(Fact::customer_confirmed("1", "1"));
    assert!(session.work_of(&click) < LONG_WORK_UNITS);
    assert!(session.work_of(&Action::FireRandomOrders { orders: 10 }) < LONG_WORK_UNITS);
    assert!(session.work_of(&Action::FireRandomOrders { orders: 5_000 }) >= LONG_WORK_UNITS);
    session
        .perform(Action::SetAutoHandle { on: false })
        .expect("accepted");
    session
        .perform(Action::FireRandomOrders { orders: 10_000 })
        .expect("accepted");
    // 20 000 events wait for the process manager.
    assert!(session.work_of(&Action::CatchUp) >= LONG_WORK_UNITS);
    assert!(session.work_of(&Action::SetAutoHandle { on: true }) >= LONG_WORK_UNITS);
    assert!(session.work_of(&Action::Step) < LONG_WORK_UNITS);
}

/// A random action a person can take, with crashes and bulk loads.
fn action() -> impl Strategy<Value = Action> {
    let order = prop::sample::select(vec!["1", "2", "42"]);
    let menu = prop::sample::select(vec!["1", "2"]);
    prop_oneof![
        6 => (0..3u8, order, menu).prop_map(|(kind, order, menu)| match kind {
            0 => fire(Fact::customer_confirmed(order, menu)),
            1 => fire(Fact::caterer_confirmed(order, menu)),
            _ => fire(Fact::caterer_declined(order, menu)),
        }),
        2 => (1..40u32).prop_map(|orders| Action::FireRandomOrders { orders }),
        1 => (prop::sample::select(vec!["Sales", "Catering"]), 1..3u64)
            .prop_map(|(context, positions)| Action::RollBack { context: context.into(), positions }),
        1 => any::<bool>().prop_map(|on| Action::SetAutoHandle { on }),
        1 => any::<bool>().prop_map(|on| Action::SetSingleStream { on }),
        1 => prop::sample::select(CrashPoint::ALL.to_vec()).prop_map(|point| Action::ArmCrash { point }),
        1 => Just(Action::Restart),
        1 => Just(Action::CatchUp),
        1 => Just(Action::Step),
    ]
}

fn settings() -> impl Strategy<Value = Settings> {
    (
        prop::sample::select(StrategyKind::ALL.to_vec()),
        prop::sample::select(IdempotencyMode::ALL.to_vec()),
    )
        .prop_map(|(strategy, idempotency)| Settings {
            strategy,
            idempotency,
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(150))]

    #[test]
    fn slicing_never_changes_what_a_replay_builds(
        actions in prop::collection::vec(action(), 0..25),
        settings in settings(),
        budgets in prop::collection::vec(1..60usize, 1..5),
    ) {
        // Keep what a person could have done: refused actions drop out.
        let mut live = Session::new(DEFAULT_SEED, settings);
        for action in actions {
            let _ = live.perform(action);
        }
        let again = sliced(DEFAULT_SEED, settings, live.actions(), &budgets);
        prop_assert_eq!(everything(&again), everything(&live));
    }
}

#[test]
fn random_orders_written_one_at_a_time_are_the_facts_shuffled_whole() {
    use es_playground::core::session::{RandomOrders, session_shuffler};
    // Given the same generator twice
    let (mut lazy_draws, mut whole_draws) = (session_shuffler(42), session_shuffler(42));
    // When one draws the ordering of 1 000 orders from R7 and the other
    // shuffles their 2 000 facts themselves, as sessions always did
    let lazy = RandomOrders::new(7, 1_000, &mut lazy_draws).expect("valid ids");
    let mut whole = Vec::new();
    for n in 7..1_007 {
        let order = format!("R{n}");
        whole.push(Fact::customer_confirmed(&order, "1").expect("id"));
        whole.push(Fact::caterer_confirmed(&order, "1").expect("id"));
    }
    whole_draws.shuffle(&mut whole);
    // Then the facts come in the same ordering, and the generators agree after
    let written: Vec<Fact> = (0..lazy.events())
        .map(|i| lazy.fact(i).expect("in range").expect("valid"))
        .collect();
    assert_eq!(written, whole);
    assert!(lazy.fact(lazy.events()).is_none());
    assert_eq!(lazy_draws.next_value(), whole_draws.next_value());
}

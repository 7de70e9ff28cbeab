//! The playground session: actions, settings switches, refusals.
#![cfg(not(target_arch = "wasm32"))]

mod store_state;

use es_playground::core::domain::Fact;
use es_playground::core::process::{CrashPoint, IdempotencyMode, RunnerStatus, StrategyKind};
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use store_state::{StoreState, store_state};

fn fire(fact: Fact) -> Action {
    Action::Fire { fact }
}

fn customer(order: &str, menu: &str) -> Action {
    fire(Fact::customer_confirmed(order, menu).expect("valid ids"))
}

fn caterer(order: &str, menu: &str) -> Action {
    fire(Fact::caterer_confirmed(order, menu).expect("valid ids"))
}

fn session_with(settings: Settings, actions: &[Action]) -> Session {
    Session::replay(DEFAULT_SEED, settings, actions).expect("accepted actions")
}

fn confirm_orders(session: &Session, order: &str) -> usize {
    session.runner().bus().confirm_orders_delivered(order)
}

/// Everything observable of a session, to prove a refusal changed nothing.
fn fingerprint(session: &Session) -> (String, StoreState, usize) {
    (
        session.to_json(),
        store_state(session.store()),
        session.runner().bus().attempts().len(),
    )
}

#[test]
fn both_confirmations_of_an_order_send_exactly_one_confirm_order() {
    // Given a new session, when the customer and then the caterer confirm menu 1 of order 42
    let session = session_with(
        Settings::default(),
        &[customer("42", "1"), caterer("42", "1")],
    );
    // Then one ConfirmOrder was delivered for order 42
    assert_eq!(confirm_orders(&session, "42"), 1);
}

#[test]
fn a_crash_after_sending_duplicates_the_command_without_idempotency() {
    // Given the customer confirmed, and a crash armed after sending
    let actions = [
        customer("42", "1"),
        Action::ArmCrash {
            point: CrashPoint::AfterSend,
        },
        // When the caterer confirms and the process manager restarts
        caterer("42", "1"),
        Action::Restart,
    ];
    let without = session_with(Settings::default(), &actions);
    // Then ConfirmOrder was delivered twice
    assert_eq!(confirm_orders(&without, "42"), 2);

    // And with deterministic ids (the same actions replayed), once
    let with = without
        .with_settings(Settings {
            idempotency: IdempotencyMode::DeterministicIds,
            ..Settings::default()
        })
        .expect("the same actions replay");
    assert_eq!(confirm_orders(&with, "42"), 1);
}

#[test]
fn switching_the_strategy_replays_the_same_actions_with_the_same_commands() {
    let actions = [
        caterer("7", "2"),
        customer("7", "1"),
        customer("7", "2"),
        fire(Fact::caterer_declined("8", "1").expect("valid ids")),
        Action::FireRandomOrders { orders: 50 },
    ];
    let by_row = session_with(Settings::default(), &actions);
    for strategy in [StrategyKind::EventSourced, StrategyKind::Projection] {
        let other = by_row
            .with_settings(Settings {
                strategy,
                ..Settings::default()
            })
            .expect("the same actions replay");
        assert_eq!(other.actions(), by_row.actions());
        let commands = |s: &Session| {
            s.runner()
                .bus()
                .delivered()
                .map(|d| d.envelope.command.clone())
                .collect::<Vec<_>>()
        };
        assert_eq!(commands(&other), commands(&by_row), "{strategy}");
    }
    assert_eq!(confirm_orders(&by_row, "7"), 1);
    assert_eq!(confirm_orders(&by_row, "8"), 0);
}

#[test]
fn firing_random_orders_confirms_each_of_them_once() {
    let session = session_with(
        Settings::default(),
        &[Action::FireRandomOrders { orders: 300 }],
    );
    assert_eq!(session.store().event_count(), 600);
    for n in 1..=300 {
        assert_eq!(confirm_orders(&session, &format!("R{n}")), 1, "order R{n}");
    }
}

#[test]
fn refused_actions_leave_the_session_exactly_as_it_was() {
    let mut session = session_with(Settings::default(), &[customer("1", "1")]);
    let before = fingerprint(&session);
    let refused = [
        Action::FireRandomOrders { orders: 0 },
        Action::FireRandomOrders { orders: u32::MAX },
        Action::RollBack {
            context: "Nowhere".into(),
            positions: 2,
        },
        Action::RollBack {
            context: "Sales".into(),
            positions: 0,
        },
        Action::RollBack {
            context: "Sales".into(),
            positions: 1_000_000,
        },
        fire(Fact::participant_registered("c", "p").expect("valid ids")),
    ];
    for action in refused {
        let error = session.perform(action.clone()).expect_err("refused");
        assert!(!error.to_string().is_empty(), "{action:?} has a message");
        assert_eq!(
            fingerprint(&session),
            before,
            "{action:?} changed the session"
        );
    }
}

#[test]
fn stepping_a_crashed_process_manager_does_nothing_and_says_to_restart_it() {
    let mut session = session_with(
        Settings::default(),
        &[
            Action::SetAutoHandle { on: false },
            Action::ArmCrash {
                point: CrashPoint::AfterRead,
            },
            customer("1", "1"),
            Action::Step,
        ],
    );
    let store_before = store_state(session.store());
    let cursors_before = session.runner().saved_cursors().clone();
    for action in [Action::Step, Action::CatchUp] {
        let outcome = session.perform(action).expect("accepted as a no-op");
        assert!(
            outcome.warning && outcome.message.contains("Restart"),
            "{}",
            outcome.message
        );
    }
    assert_eq!(store_state(session.store()), store_before);
    assert_eq!(session.runner().saved_cursors(), &cursors_before);
    session
        .perform(Action::Restart)
        .expect("restart is always possible");
    session.perform(Action::CatchUp).expect("running again");
    assert_eq!(
        session.runner().saved_cursors().get("Sales").map(|p| p.0),
        Some(1)
    );
}

#[test]
fn switching_settings_is_never_refused_even_when_runs_diverge() {
    // Given a session whose clicks crash one strategy and not another
    // (event-sourced cannot save its state in a single-stream store, so it
    // never reaches the armed crash; the state row does and crashes)
    let actions = [
        Action::SetSingleStream { on: true },
        Action::ArmCrash {
            point: CrashPoint::AfterSend,
        },
        caterer("5", "2"),
        customer("5", "2"),
        Action::CatchUp,
        Action::Step,
    ];
    let strategies = [
        StrategyKind::EventSourced,
        StrategyKind::StateRow,
        StrategyKind::Projection,
    ];
    let fresh = |settings: Settings| session_with(settings, &actions);
    // The runs really diverge: the state row crashed on the first event, the
    // event-sourced strategy could not save it and never reached the crash.
    let by_row = fresh(Settings::default());
    assert!(matches!(
        by_row.runner().status(),
        RunnerStatus::Crashed { .. }
    ));
    let event_sourced = fresh(Settings {
        strategy: StrategyKind::EventSourced,
        ..Settings::default()
    });
    assert_eq!(event_sourced.runner().status(), &RunnerStatus::Running);
    assert_ne!(
        by_row.runner().armed_crash(),
        event_sourced.runner().armed_crash(),
        "the crash was used by one run and is still armed in the other"
    );

    for first in strategies {
        let session = fresh(Settings {
            strategy: first,
            ..Settings::default()
        });
        // When switching to every other setting, then the same actions
        // replay and give what that setting gives on its own, not what the
        // session switched from had.
        for strategy in strategies {
            for idempotency in IdempotencyMode::ALL {
                let settings = Settings {
                    strategy,
                    idempotency,
                };
                let other = session
                    .with_settings(settings)
                    .unwrap_or_else(|e| panic!("{first} -> {strategy}/{idempotency}: {e}"));
                let alone = fresh(settings);
                let case = format!("{first} -> {strategy}/{idempotency}");
                assert_eq!(other.settings(), settings, "{case}");
                assert_eq!(other.runner().status(), alone.runner().status(), "{case}");
                assert_eq!(
                    other.runner().bus().attempts(),
                    alone.runner().bus().attempts(),
                    "{case}"
                );
                assert_eq!(fingerprint(&other), fingerprint(&alone), "{case}");
            }
        }
    }
}

#[test]
fn a_failed_save_keeps_the_armed_crash_for_the_next_handling() {
    // Given event-sourced state in a single-stream store and a crash armed after sending
    let settings = Settings {
        strategy: StrategyKind::EventSourced,
        ..Settings::default()
    };
    let session = session_with(
        settings,
        &[
            Action::SetSingleStream { on: true },
            Action::ArmCrash {
                point: CrashPoint::AfterSend,
            },
            customer("5", "1"),
        ],
    );
    // Then the failed link did not use the crash up
    assert_eq!(session.runner().armed_crash(), Some(CrashPoint::AfterSend));
}

#[test]
fn a_rollback_leaves_a_gap_in_the_log() {
    let session = session_with(
        Settings::default(),
        &[
            customer("1", "1"),
            Action::RollBack {
                context: "Sales".into(),
                positions: 2,
            },
            customer("2", "1"),
        ],
    );
    let log = session
        .store()
        .read_log_forward("Sales", es_playground::core::store::Position(0), 10)
        .expect("Sales exists");
    let positions: Vec<u64> = log.iter().map(|e| e.position.0).collect();
    assert_eq!(positions, vec![1, 4]);
}

#[test]
fn the_single_stream_switch_makes_the_event_sourced_strategy_fail_and_switching_it_off_fixes_it() {
    let settings = Settings {
        strategy: StrategyKind::EventSourced,
        ..Settings::default()
    };
    let mut session = session_with(settings, &[Action::SetSingleStream { on: true }]);
    let outcome = session
        .perform(customer("5", "1"))
        .expect("the event itself is stored");
    assert!(
        outcome.warning,
        "the failed link is reported: {}",
        outcome.message
    );
    assert!(
        outcome.message.to_lowercase().contains("unique"),
        "{}",
        outcome.message
    );
    session
        .perform(Action::SetSingleStream { on: false })
        .expect("switch");
    session.perform(Action::CatchUp).expect("catch up");
    session.perform(caterer("5", "1")).expect("stored");
    assert_eq!(confirm_orders(&session, "5"), 1);
}

#[test]
fn random_orders_are_handled_without_filling_the_trace_and_later_clicks_are_traced() {
    // Given 500 random orders, when one more event is fired by hand
    let session = session_with(
        Settings::default(),
        &[
            Action::FireRandomOrders { orders: 500 },
            customer("hand", "1"),
        ],
    );
    // Then the bulk was handled (every order confirmed) but only the click is traced
    assert_eq!(confirm_orders(&session, "R500"), 1);
    assert_eq!(session.runner().trace().len(), 1);
}

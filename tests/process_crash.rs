#![cfg(not(target_arch = "wasm32"))]
//! Crash points: what a crash at each point leaves behind, and what a
//! restart makes of it.

mod process_common;

use es_playground::core::process::{
    CatchUpEnd, CateringMatch, Crash, CrashPoint, IdempotencyMode, Runner, RunnerConfig,
    RunnerError, RunnerStatus, StepReport, StrategyKind,
};
use es_playground::core::store::Position;
use process_common::{World, caterer, customer};

/// A world where the customer of order 42 confirmed and was handled, and the
/// caterer's confirmation waits to be handled.
fn waiting_for_the_caterer(config: RunnerConfig) -> (World, Runner<CateringMatch>) {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = Runner::new(CateringMatch, config);
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    world.record(&caterer("42", "vegan"));
    (world, runner)
}

fn caterer_confirmed(runner: &Runner<CateringMatch>, world: &World) -> bool {
    let state = runner.state_of(&world.store, "42").unwrap();
    state
        .menus()
        .any(|menu| menu.caterer == es_playground::core::process::CatererAnswer::Confirmed)
}

#[test]
fn a_crash_after_read_changes_nothing_but_the_read_cursor() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterRead);

    let report = runner.step(&mut world.store).unwrap();

    assert!(matches!(
        report,
        StepReport::Crashed {
            point: Crash {
                point: CrashPoint::AfterRead,
                ..
            },
            ..
        }
    ));
    assert!(!caterer_confirmed(&runner, &world));
    assert!(runner.bus().attempts().is_empty());
    assert_eq!(runner.saved_cursors()["Catering"], Position::START);
    assert_eq!(runner.read_cursors()["Catering"], Position(1));
}

#[test]
fn a_crash_after_the_state_change_keeps_the_state_but_sends_nothing() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterStateChange);

    runner.step(&mut world.store).unwrap();

    assert!(caterer_confirmed(&runner, &world));
    assert!(runner.bus().attempts().is_empty());
    assert_eq!(runner.saved_cursors()["Catering"], Position::START);
}

#[test]
fn a_crash_after_sending_delivers_the_command_but_does_not_save_the_cursor() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterSend);

    runner.step(&mut world.store).unwrap();

    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.saved_cursors()["Catering"], Position::START);
}

#[test]
fn a_crashed_runner_refuses_to_handle_until_restarted() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterRead);
    runner.step(&mut world.store).unwrap();

    let refused = runner.step(&mut world.store).unwrap_err();

    assert!(matches!(
        refused,
        RunnerError::Crashed {
            point: Crash {
                point: CrashPoint::AfterRead,
                ..
            },
            ..
        }
    ));
    assert!(refused.to_string().contains("restart it"), "{refused}");
    let caught_up = runner.catch_up(&mut world.store);
    assert!(matches!(
        caught_up.end,
        CatchUpEnd::Failed(RunnerError::Crashed { .. })
    ));
    assert_eq!(caught_up.steps, 0);
}

#[test]
fn after_a_restart_the_runner_resumes_from_its_saved_cursors() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterRead);
    runner.step(&mut world.store).unwrap();
    world.record(&customer("43", "vegan"));

    let restart = runner.restart();
    let caught_up = runner.catch_up(&mut world.store);

    assert_eq!(
        restart.recovered_from.map(|crash| crash.point),
        Some(CrashPoint::AfterRead)
    );
    assert_eq!(*runner.status(), RunnerStatus::Running);
    assert_eq!(caught_up.steps, 2);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.saved_cursors()["Catering"], Position(1));
    assert_eq!(runner.saved_cursors()["Sales"], Position(2));
}

#[test]
fn without_idempotency_a_crash_after_sending_sends_the_command_twice() {
    for strategy in StrategyKind::ALL {
        let (mut world, mut runner) =
            waiting_for_the_caterer(RunnerConfig::with_strategy(strategy));
        runner.arm_crash(CrashPoint::AfterSend);
        runner.step(&mut world.store).unwrap();
        runner.restart();
        runner.catch_up(&mut world.store);

        assert_eq!(runner.bus().confirm_orders_delivered("42"), 2, "{strategy}");
        let second = &runner.bus().attempts()[1];
        assert!(second.is_duplicate && second.was_delivered(), "{strategy}");
    }
}

#[test]
fn with_deterministic_ids_the_second_send_is_dropped_by_the_bus() {
    let config = RunnerConfig::default().idempotency(IdempotencyMode::DeterministicIds);
    let (mut world, mut runner) = waiting_for_the_caterer(config);
    runner.arm_crash(CrashPoint::AfterSend);
    runner.step(&mut world.store).unwrap();
    runner.restart();
    runner.catch_up(&mut world.store);

    let attempts = runner.bus().attempts();
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0].envelope.command_id,
        attempts[1].envelope.command_id
    );
    assert!(!attempts[1].was_delivered());
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn with_atomic_tracking_a_crash_inside_the_commit_rolls_the_row_back() {
    let config = RunnerConfig::default().idempotency(IdempotencyMode::AtomicTracking);
    let (mut world, mut runner) = waiting_for_the_caterer(config);
    runner.arm_crash(CrashPoint::AfterStateChange);
    runner.step(&mut world.store).unwrap();

    assert_eq!(runner.storage().table().locked_row(), Some("42"));
    assert!(runner.storage().table().uncommitted().is_some());
    assert!(!caterer_confirmed(&runner, &world));

    let restart = runner.restart();

    assert_eq!(restart.rolled_back_row.as_deref(), Some("42"));
    assert_eq!(runner.storage().table().locked_row(), None);
    assert!(!caterer_confirmed(&runner, &world));
    runner.catch_up(&mut world.store);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn with_atomic_tracking_a_crash_after_the_commit_leaves_the_command_in_the_outbox() {
    let config = RunnerConfig::default().idempotency(IdempotencyMode::AtomicTracking);
    let (mut world, mut runner) = waiting_for_the_caterer(config);
    runner.arm_crash(CrashPoint::AfterSend);
    runner.step(&mut world.store).unwrap();

    assert!(caterer_confirmed(&runner, &world));
    assert_eq!(runner.saved_cursors()["Catering"], Position(1));
    assert_eq!(runner.storage().outbox().len(), 1);
    assert!(runner.bus().attempts().is_empty());

    let restart = runner.restart();
    let caught_up = runner.catch_up(&mut world.store);

    assert_eq!(restart.dispatched, 1);
    assert!(runner.storage().outbox().is_empty());
    assert_eq!(caught_up.steps, 0);
    assert_eq!(runner.bus().attempts().len(), 1);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn an_armed_crash_fires_once() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterRead);
    assert_eq!(runner.armed_crash(), Some(CrashPoint::AfterRead));
    runner.step(&mut world.store).unwrap();
    runner.restart();
    assert_eq!(runner.armed_crash(), None);
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
}

#[test]
fn a_disarmed_crash_does_not_fire() {
    let (mut world, mut runner) = waiting_for_the_caterer(RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterSend);
    runner.disarm_crash();
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    assert_eq!(runner.saved_cursors()["Catering"], Position(1));
}

#[test]
fn with_atomic_tracking_a_crash_after_dispatching_before_marking_sends_again_and_the_receiver_drops_it()
 {
    // Given atomic tracking, and the caterer's confirmation that completes order 42
    let config = RunnerConfig::default().idempotency(IdempotencyMode::AtomicTracking);
    let (mut world, mut runner) = waiting_for_the_caterer(config);
    runner.arm_crash(CrashPoint::AfterDispatch);

    // When the outbox is dispatched and the process manager crashes before marking it
    runner.step(&mut world.store).unwrap();

    // Then the command was sent, and it is still in the outbox
    assert_eq!(runner.bus().attempts().len(), 1);
    assert_eq!(runner.storage().outbox().len(), 1);
    assert_eq!(runner.saved_cursors()["Catering"], Position(1));

    // When it restarts
    let restart = runner.restart_in(&world.store);
    runner.catch_up(&mut world.store);

    // Then it sends the command again, with the same id, and the receiver drops it
    assert_eq!(restart.dispatched, 1);
    assert!(runner.storage().outbox().is_empty());
    let attempts = runner.bus().attempts();
    assert_eq!(attempts.len(), 2);
    assert_eq!(
        attempts[0].envelope.command_id,
        attempts[1].envelope.command_id
    );
    assert!(!attempts[1].was_delivered());
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn with_atomic_tracking_and_event_sourced_state_a_crash_between_the_link_and_the_commit_leaves_the_link()
 {
    // Given atomic tracking with the event-sourced strategy
    let config = RunnerConfig::with_strategy(StrategyKind::EventSourced)
        .idempotency(IdempotencyMode::AtomicTracking);
    let (mut world, mut runner) = waiting_for_the_caterer(config);
    runner.arm_crash(CrashPoint::AfterStateChange);

    // When it crashes after the link, before committing outbox and cursor
    runner.step(&mut world.store).unwrap();

    // Then the event store kept the link, the process manager's storage did not move
    let own = world
        .store
        .read_stream_forward("Catering", "CateringMatch$42", Default::default(), 10)
        .unwrap();
    assert_eq!(own.len(), 1);
    assert!(caterer_confirmed(&runner, &world));
    assert_eq!(runner.saved_cursors()["Catering"], Position::START);
    assert!(runner.storage().outbox().is_empty());
    let RunnerStatus::Crashed { point, .. } = runner.status() else {
        panic!("not crashed");
    };
    assert!(point.to_string().contains("two commits"), "{point}");
    assert!(runner.trace().entries().last().unwrap().state_kept);

    // When it restarts and catches up, the link is found there and the order is confirmed once
    runner.restart_in(&world.store);
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    assert_eq!(runner.bus().attempts().len(), 1);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.saved_cursors()["Catering"], Position(1));
}

/// The words a crash message must have, per mode and point, by hand.
fn expected_words(mode: IdempotencyMode, point: CrashPoint) -> &'static str {
    use CrashPoint as P;
    use IdempotencyMode as M;
    match (mode, point) {
        (_, P::AfterRead) => "after reading the event",
        (M::AtomicTracking, P::AfterStateChange) => "uncommitted",
        (_, P::AfterStateChange) => "after changing the state row in place",
        (M::None, P::AfterSend | P::AfterDispatch) => {
            "after sending the commands, before saving the cursor; the event is handled again \
             and its commands are sent again"
        }
        (M::DeterministicIds, P::AfterSend | P::AfterDispatch) => "the receiver drops",
        (M::AtomicTracking, P::AfterSend) => {
            "after committing state, outbox and cursor; the commands wait in the outbox"
        }
        (M::AtomicTracking, P::AfterDispatch) => {
            "after dispatching the outbox, before marking it dispatched"
        }
        (M::OutboxStream, P::AfterSend) => {
            "after appending the commands to the outbox stream, before saving the cursor"
        }
        (M::OutboxStream, P::AfterDispatch) => {
            "after the dispatcher sent a command from the outbox stream, before moving its cursor"
        }
    }
}

#[test]
fn each_crash_message_names_the_step_of_its_mode() {
    for mode in IdempotencyMode::ALL {
        for point in CrashPoint::ALL {
            let config = RunnerConfig::default().idempotency(mode);
            let (mut world, mut runner) = waiting_for_the_caterer(config);
            runner.arm_crash(point);
            runner.step(&mut world.store).unwrap();

            let RunnerStatus::Crashed { point: crash, .. } = runner.status() else {
                panic!("{mode} {point}: not crashed");
            };
            let message = crash.to_string();
            assert_eq!(crash.point, point);
            assert!(
                message.contains(expected_words(mode, point)),
                "{mode} {point}: {message}"
            );
            let refused = runner.step(&mut world.store).unwrap_err().to_string();
            assert!(refused.contains(&message), "{mode} {point}: {refused}");
        }
    }
}

#[test]
fn under_atomic_tracking_the_session_says_the_commands_wait_in_the_outbox_not_that_they_were_sent()
{
    use es_playground::core::session::{Action, Session, Settings};
    let settings = Settings {
        idempotency: IdempotencyMode::AtomicTracking,
        ..Settings::default()
    };
    let mut session = Session::new(1, settings);
    session
        .perform(Action::Fire {
            fact: customer("42", "1"),
        })
        .unwrap();
    session
        .perform(Action::ArmCrash {
            point: CrashPoint::AfterSend,
        })
        .unwrap();

    let outcome = session
        .perform(Action::Fire {
            fact: caterer("42", "1"),
        })
        .unwrap();

    assert!(
        outcome.message.contains(
            "crashed after committing state, outbox and cursor; the commands wait in the outbox"
        ),
        "{}",
        outcome.message
    );
    assert!(
        !outcome.message.contains("after sending"),
        "{}",
        outcome.message
    );
    assert!(session.runner().bus().attempts().is_empty());
}

#[test]
fn a_crash_armed_on_an_event_the_process_manager_ignores_stops_right_after_the_read() {
    let config = RunnerConfig::default().idempotency(IdempotencyMode::AtomicTracking);
    let mut world = World::new();
    world.record_raw("Sales", "Other$1", "SomethingElse", serde_json::json!({}));
    let mut runner = Runner::new(CateringMatch, config);
    runner.arm_crash(CrashPoint::AfterSend);

    runner.step(&mut world.store).unwrap();

    let RunnerStatus::Crashed { point, .. } = runner.status() else {
        panic!("not crashed");
    };
    assert_eq!(point.point, CrashPoint::AfterRead);
    assert!(!point.to_string().contains("outbox"), "{point}");
}

#[test]
fn every_mode_says_it_sends_at_least_once_and_only_none_says_it_executes_again() {
    for mode in IdempotencyMode::ALL {
        let guarantee = mode.guarantee();
        assert!(guarantee.contains("at least once"), "{mode}: {guarantee}");
        assert!(!guarantee.contains("exactly once"), "{mode}: {guarantee}");
        let executed_once = guarantee.contains("executed once");
        assert_eq!(
            executed_once,
            mode != IdempotencyMode::None,
            "{mode}: {guarantee}"
        );
    }
}

#[test]
fn a_crash_after_sending_on_an_event_that_decided_nothing_says_no_command_was_decided() {
    for idempotency in IdempotencyMode::ALL {
        for point in [CrashPoint::AfterSend, CrashPoint::AfterDispatch] {
            // Given no event yet, and a crash armed after sending,
            let mut world = World::new();
            let config = RunnerConfig {
                idempotency,
                ..RunnerConfig::default()
            };
            let mut runner = Runner::new(CateringMatch, config);
            runner.arm_crash(point);
            // when the customer's confirmation arrives (it decides nothing),
            world.record(&customer("42", "vegan"));
            let report = runner.step(&mut world.store).unwrap();

            // then the crash says no command was decided, and none was sent.
            let StepReport::Crashed { point: crash, .. } = report else {
                panic!("{idempotency} {point:?}: expected a crash, got {report:?}");
            };
            assert!(!crash.decided, "{idempotency} {point:?}");
            let message = crash.to_string();
            assert!(
                message.contains("decided no command"),
                "{idempotency} {point:?}: {message}"
            );
            assert!(!message.contains("commands wait"), "{message}");
            assert!(runner.bus().attempts().is_empty());
        }
    }
}

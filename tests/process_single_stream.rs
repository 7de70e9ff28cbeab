#![cfg(not(target_arch = "wasm32"))]
//! The event-sourced strategy links handled events into its own stream; a
//! store that allows an event in one stream only refuses that, and the
//! runner reports it without losing the event.

mod process_common;

use es_playground::core::process::{
    CatchUpEnd, CateringMatch, CrashPoint, HandlingOutcome, IdempotencyMode, Runner, RunnerConfig,
    RunnerError, StrategyKind,
};
use es_playground::core::store::{Position, StoreError, StreamVersion};
use process_common::{World, caterer, customer};

fn event_sourced() -> Runner<CateringMatch> {
    Runner::new(
        CateringMatch,
        RunnerConfig::with_strategy(StrategyKind::EventSourced),
    )
}

#[test]
fn handled_events_are_linked_into_the_process_managers_own_stream_of_each_context() {
    let mut world = World::new();
    let from_sales = world.record(&customer("42", "vegan"));
    let from_catering = world.record(&caterer("42", "vegan"));
    let mut runner = event_sourced();

    runner.catch_up(&mut world.store);

    let read = |context| {
        world
            .store
            .read_stream_forward(context, "CateringMatch$42", StreamVersion::FIRST, 10)
            .unwrap()
            .iter()
            .map(|event| event.id)
            .collect::<Vec<_>>()
    };
    assert_eq!(read("Sales"), [from_sales]);
    assert_eq!(read("Catering"), [from_catering]);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn given_single_stream_mode_when_linking_then_the_runner_reports_the_unique_id_violation() {
    let mut world = World::new();
    world.store.set_single_stream(true);
    world.record(&customer("42", "vegan"));
    let mut runner = event_sourced();

    let error = runner.step(&mut world.store).unwrap_err();

    let RunnerError::StateNotSaved {
        cause, position, ..
    } = &error
    else {
        panic!("expected a refused state change, got {error:?}");
    };
    assert!(matches!(**cause, StoreError::UniqueIdViolation { .. }));
    assert_eq!(*position, Position(1));
    let message = error.to_string();
    assert!(message.contains("unique"), "{message}");
    assert!(message.contains("will be handled again"), "{message}");
    assert_eq!(runner.saved_cursors()["Sales"], Position::START);
    assert_eq!(runner.read_cursors()["Sales"], Position::START);
    let entry = &runner.trace().entries()[0];
    assert!(
        matches!(&entry.outcome, HandlingOutcome::Failed { reason } if reason.contains("unique"))
    );
    assert!(!entry.state_kept);
}

#[test]
fn while_single_stream_mode_is_on_every_retry_fails_the_same_way() {
    let mut world = World::new();
    world.store.set_single_stream(true);
    world.record(&customer("42", "vegan"));
    let mut runner = event_sourced();
    runner.step(&mut world.store).unwrap_err();

    let caught_up = runner.catch_up(&mut world.store);

    assert_eq!(caught_up.steps, 0);
    assert!(matches!(
        caught_up.end,
        CatchUpEnd::Failed(RunnerError::StateNotSaved { .. })
    ));
}

#[test]
fn once_single_stream_mode_is_off_a_retry_handles_the_event() {
    let mut world = World::new();
    world.store.set_single_stream(true);
    world.record(&customer("42", "vegan"));
    world.record(&caterer("42", "vegan"));
    let mut runner = event_sourced();
    runner.catch_up(&mut world.store);

    world.store.set_single_stream(false);
    let caught_up = runner.catch_up(&mut world.store);

    assert!(caught_up.is_up_to_date());
    assert_eq!(caught_up.steps, 2);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn once_single_stream_mode_is_off_a_restart_also_recovers() {
    let mut world = World::new();
    world.store.set_single_stream(true);
    world.record(&customer("42", "vegan"));
    world.record(&caterer("42", "vegan"));
    let config = RunnerConfig::with_strategy(StrategyKind::EventSourced)
        .idempotency(IdempotencyMode::AtomicTracking);
    let mut runner = Runner::new(CateringMatch, config);
    runner.catch_up(&mut world.store);
    assert!(runner.storage().outbox().is_empty());

    world.store.set_single_stream(false);
    runner.restart();

    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
}

#[test]
fn the_other_strategies_do_not_link_and_are_not_affected() {
    for strategy in [StrategyKind::StateRow, StrategyKind::Projection] {
        let mut world = World::new();
        world.store.set_single_stream(true);
        world.record(&customer("42", "vegan"));
        world.record(&caterer("42", "vegan"));
        let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
        assert!(
            runner.catch_up(&mut world.store).is_up_to_date(),
            "{strategy}"
        );
        assert_eq!(runner.bus().confirm_orders_delivered("42"), 1, "{strategy}");
    }
}

#[test]
fn a_redelivered_event_that_is_linked_already_counts_as_applied() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    world.record(&caterer("42", "vegan"));
    let mut runner = event_sourced();
    runner.step(&mut world.store).unwrap();
    runner.arm_crash(CrashPoint::AfterSend);
    runner.step(&mut world.store).unwrap();
    runner.restart();

    let caught_up = runner.catch_up(&mut world.store);

    assert!(caught_up.is_up_to_date());
    let linked = world
        .store
        .read_stream_forward("Catering", "CateringMatch$42", StreamVersion::FIRST, 10)
        .unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 2);
}

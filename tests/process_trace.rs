#![cfg(not(target_arch = "wasm32"))]
//! The trace of handlings, and time travel by handlings and by positions.

mod process_common;

use std::collections::BTreeMap;

use es_playground::core::domain::MenuId;
use es_playground::core::process::time_travel::state_as_of;
use es_playground::core::process::{
    CateringMatch, CrashPoint, HandlingOutcome, IdempotencyMode, MatchStatus, Runner, RunnerConfig,
    StrategyKind,
};
use es_playground::core::store::Position;
use process_common::{World, caterer, customer};

fn vegan() -> MenuId {
    MenuId::parse("vegan").unwrap()
}

fn cursors(sales: u64, catering: u64) -> BTreeMap<String, Position> {
    BTreeMap::from([
        ("Sales".to_owned(), Position(sales)),
        ("Catering".to_owned(), Position(catering)),
    ])
}

#[test]
fn a_handling_records_the_event_states_decision_deliveries_and_cursors() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let caterer_event = world.record(&caterer("42", "vegan"));
    let mut runner = Runner::new(CateringMatch, RunnerConfig::default());
    runner.catch_up(&mut world.store);

    let entry = &runner.trace().entries()[1];

    assert_eq!(entry.index, 1);
    assert_eq!(entry.event.id, caterer_event);
    assert_eq!(entry.event.event_type, "CatererConfirmedMenu");
    assert_eq!(entry.event.stream, "Order$42");
    assert_eq!(entry.key.as_deref(), Some("42"));
    assert_eq!(
        entry.state_before.as_ref().map(|s| s.status()),
        Some(MatchStatus::Pending)
    );
    assert_eq!(
        entry.state_after.as_ref().map(|s| s.status()),
        Some(MatchStatus::Matched(vegan()))
    );
    assert!(
        entry
            .decision
            .as_deref()
            .unwrap()
            .contains("send ConfirmOrder")
    );
    assert_eq!(entry.commands.len(), 1);
    assert_eq!(entry.deliveries.len(), 1);
    assert!(entry.deliveries[0].was_delivered());
    assert_eq!(entry.cursors_before, cursors(1, 0));
    assert_eq!(entry.cursors_after, cursors(1, 1));
    assert_eq!(entry.outcome, HandlingOutcome::Handled);
}

#[test]
fn a_decision_to_send_nothing_is_explained_too() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = Runner::new(CateringMatch, RunnerConfig::default());
    runner.catch_up(&mut world.store);
    let entry = &runner.trace().entries()[0];
    assert!(entry.commands.is_empty());
    assert!(
        entry
            .decision
            .as_deref()
            .unwrap()
            .contains("nothing to send")
    );
}

#[test]
fn a_crash_and_the_restart_are_both_in_the_trace() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = Runner::new(CateringMatch, RunnerConfig::default());
    runner.arm_crash(CrashPoint::AfterStateChange);
    runner.catch_up(&mut world.store);
    runner.restart();

    let entry = &runner.trace().entries()[0];
    let crash = CrashPoint::AfterStateChange.during(IdempotencyMode::None, StrategyKind::StateRow);
    assert_eq!(entry.outcome, HandlingOutcome::Crashed(crash));
    assert!(entry.state_kept);
    assert_eq!(entry.cursors_after, entry.cursors_before);
    let restart = &runner.trace().restarts()[0];
    assert_eq!(restart.after_handlings, 1);
    assert_eq!(restart.recovered_from, Some(crash));
}

#[test]
fn a_projection_crashing_before_its_cursor_is_saved_keeps_no_state() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = Runner::new(
        CateringMatch,
        RunnerConfig::with_strategy(StrategyKind::Projection),
    );
    runner.arm_crash(CrashPoint::AfterSend);
    runner.catch_up(&mut world.store);
    assert!(!runner.trace().entries()[0].state_kept);
    assert!(runner.state_of(&world.store, "42").unwrap().menu_count() == 0);
}

#[test]
fn without_tracing_nothing_is_recorded() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = Runner::new(CateringMatch, RunnerConfig::default().trace(false));
    runner.catch_up(&mut world.store);
    assert!(runner.trace().is_empty());
    assert_eq!(runner.saved_cursors()["Sales"], Position(1));
}

#[test]
fn time_travel_by_positions_folds_the_logs_up_to_there() {
    // Given Sales 1: customer 42, Catering 1: caterer 42, Sales 2: customer 43
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    world.record(&caterer("42", "vegan"));
    world.record(&customer("43", "fish"));
    let as_of = |sales, catering, order| {
        state_as_of(
            &CateringMatch,
            &world.store,
            &cursors(sales, catering),
            order,
        )
        .unwrap()
    };
    // Then as of Sales 1 alone, 42 waits for the caterer and 43 is unheard of
    assert_eq!(as_of(1, 0, "42").status(), MatchStatus::Pending);
    assert_eq!(as_of(1, 0, "42").menus().count(), 1);
    assert_eq!(as_of(1, 0, "43"), Default::default());
    // And as of Catering 1, 42 is matched; as of Sales 2, 43 has a menu
    assert_eq!(as_of(1, 1, "42").status(), MatchStatus::Matched(vegan()));
    assert_eq!(as_of(2, 1, "43").menus().count(), 1);
    assert_eq!(as_of(0, 1, "42").status(), MatchStatus::Pending);
}

#[test]
fn time_travel_by_positions_agrees_with_the_state_each_strategy_keeps() {
    for strategy in StrategyKind::ALL {
        let mut world = World::new();
        world.record(&customer("42", "vegan"));
        world.record(&caterer("42", "fish"));
        world.record(&caterer("42", "vegan"));
        let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
        runner.catch_up(&mut world.store);
        let as_of =
            state_as_of(&CateringMatch, &world.store, runner.saved_cursors(), "42").unwrap();
        assert_eq!(
            runner.state_of(&world.store, "42").unwrap(),
            as_of,
            "{strategy}"
        );
    }
}

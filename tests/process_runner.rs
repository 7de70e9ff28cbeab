#![cfg(not(target_arch = "wasm32"))]
//! The runner: cursors per context, handling order, at-least-once delivery.

mod process_common;

use es_playground::core::domain::MenuId;
use es_playground::core::process::{
    CateringMatch, MatchStatus, Runner, RunnerConfig, StepReport, StrategyKind,
};
use es_playground::core::store::Position;
use process_common::{World, caterer, confirm, customer};
use serde_json::json;

fn runner() -> Runner<CateringMatch> {
    Runner::new(CateringMatch, RunnerConfig::default())
}

#[test]
fn a_runner_with_nothing_to_read_is_idle() {
    let mut world = World::new();
    assert_eq!(runner().step(&mut world.store), Ok(StepReport::Idle));
}

#[test]
fn given_both_confirmations_when_caught_up_then_one_confirm_order_is_sent_with_its_ids() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let caterer_event = world.record(&caterer("42", "vegan"));
    let mut runner = runner();

    let caught_up = runner.catch_up(&mut world.store);

    assert!(caught_up.is_up_to_date());
    assert_eq!(caught_up.steps, 2);
    let sent: Vec<_> = runner.bus().delivered().collect();
    assert_eq!(sent.len(), 1);
    assert_eq!(sent[0].envelope.command, confirm("42", "vegan"));
    assert_eq!(sent[0].envelope.causation_id, caterer_event);
    assert_eq!(sent[0].envelope.correlation_id, caterer_event);
}

#[test]
fn a_command_carries_the_correlation_id_of_its_event_conversation() {
    let mut world = World::new();
    let first = world.record(&customer("42", "vegan"));
    world.record_in_conversation(&caterer("42", "vegan"), first);
    let mut runner = runner();
    runner.catch_up(&mut world.store);
    let sent = runner.bus().delivered().next().unwrap();
    assert_eq!(sent.envelope.correlation_id, first);
}

#[test]
fn handling_an_event_moves_only_the_cursor_of_its_context() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    world.record(&customer("43", "vegan"));
    world.record(&caterer("42", "vegan"));
    let mut runner = runner();

    runner.step(&mut world.store).unwrap();
    runner.step(&mut world.store).unwrap();

    assert_eq!(runner.saved_cursors()["Sales"], Position(2));
    assert_eq!(runner.saved_cursors()["Catering"], Position::START);
}

#[test]
fn the_next_event_is_the_earliest_recorded_across_contexts() {
    let mut world = World::new();
    world.record(&caterer("42", "vegan"));
    world.record(&customer("42", "vegan"));
    world.record(&caterer("43", "vegan"));
    let mut runner = runner();
    let mut order = Vec::new();
    while let Ok(StepReport::Handled {
        context, position, ..
    }) = runner.step(&mut world.store)
    {
        order.push((context, position.0));
    }
    assert_eq!(order, [("Catering", 1), ("Sales", 1), ("Catering", 2)]);
}

#[test]
fn events_of_types_it_does_not_handle_still_move_the_cursor() {
    let mut world = World::new();
    world.record_raw(
        "Sales",
        "Order$42",
        "MenuOffered",
        json!({"order_id": "42"}),
    );
    let mut runner = runner();
    let report = runner.step(&mut world.store).unwrap();
    assert!(matches!(report, StepReport::Ignored { .. }));
    assert_eq!(runner.saved_cursors()["Sales"], Position(1));
    assert!(runner.bus().attempts().is_empty());
}

#[test]
fn an_event_with_unreadable_data_is_passed_over_with_the_reason() {
    let mut world = World::new();
    world.record_raw(
        "Sales",
        "Order$42",
        "CustomerConfirmedMenu",
        json!({"order_id": "42"}),
    );
    world.record(&customer("42", "vegan"));
    let mut runner = runner();
    let report = runner.step(&mut world.store).unwrap();
    let StepReport::Skipped { reason, .. } = report else {
        panic!("expected a skipped event, got {report:?}");
    };
    assert!(reason.contains("CustomerConfirmedMenu"), "{reason}");
    assert!(runner.catch_up(&mut world.store).is_up_to_date());
    assert_eq!(runner.saved_cursors()["Sales"], Position(2));
}

#[test]
fn a_gap_left_by_a_rolled_back_transaction_is_read_over() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    world.store.roll_back_transaction("Sales", 2).unwrap();
    world.record(&customer("43", "vegan"));
    let mut runner = runner();
    runner.catch_up(&mut world.store);
    assert_eq!(runner.saved_cursors()["Sales"], Position(4));
    assert_eq!(runner.trace().len(), 2);
}

#[test]
fn a_runner_catches_up_with_events_appended_since_its_last_step() {
    let mut world = World::new();
    world.record(&customer("42", "vegan"));
    let mut runner = runner();
    runner.catch_up(&mut world.store);
    world.record(&caterer("42", "vegan"));
    world.record(&customer("43", "vegan"));

    let caught_up = runner.catch_up(&mut world.store);

    assert_eq!(caught_up.steps, 2);
    assert_eq!(runner.bus().confirm_orders_delivered("42"), 1);
    assert_eq!(runner.saved_cursors()["Sales"], Position(2));
}

#[test]
fn every_strategy_reports_the_same_status() {
    for strategy in StrategyKind::ALL {
        let mut world = World::new();
        world.record(&customer("42", "vegan"));
        world.record(&caterer("42", "vegan"));
        let mut runner = Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy));
        runner.catch_up(&mut world.store);
        let state = runner.state_of(&world.store, "42").unwrap();
        assert_eq!(
            state.status(),
            MatchStatus::Matched(MenuId::parse("vegan").unwrap()),
            "{strategy}"
        );
    }
}

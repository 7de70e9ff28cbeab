#![cfg(not(target_arch = "wasm32"))]
//! The projection's peek: the events it read from the aggregate's streams,
//! which the process manager does not own, are named for each handling.

mod process_common;

use es_playground::core::domain::{CATERING, SALES};
use es_playground::core::process::handling_order::handling_key;
use es_playground::core::process::peek::{PeekedEvent, last_projection_peek, projection_reads};
use es_playground::core::process::strategy::evolve_with_stored;
use es_playground::core::process::{CateringMatch, Runner, RunnerConfig, StrategyKind};
use process_common::{World, caterer, customer};

fn runner(strategy: StrategyKind) -> Runner<CateringMatch> {
    Runner::new(CateringMatch, RunnerConfig::with_strategy(strategy))
}

#[test]
fn the_projection_names_the_events_it_read_from_the_orders_streams() {
    // Given the customer confirmed order 42 and the process manager handled it.
    let mut world = World::new();
    let first = world.record(&customer("42", "1"));
    world.record(&customer("43", "1"));
    let mut runner = runner(StrategyKind::Projection);
    runner.catch_up(&mut world.store);
    // When the caterer's confirmation of order 42 is handled.
    let second = world.record(&caterer("42", "1"));
    runner.catch_up(&mut world.store);
    // Then the projection read the customer's event from Sales' Order$42, a
    // stream the process manager does not own, and nothing else (its own
    // event is handled, not read; order 43 is another key).
    let peek = last_projection_peek(&runner, &world.store).unwrap();
    assert_eq!(peek.key, "42");
    assert_eq!(
        peek.events,
        [PeekedEvent {
            id: first,
            context: SALES,
            stream: "Order$42".to_owned(),
        }]
    );
    assert_ne!(first, second);
    // And the next handling of order 42 reads both.
    world.record(&customer("42", "2"));
    runner.catch_up(&mut world.store);
    let peek = last_projection_peek(&runner, &world.store).unwrap();
    let read: Vec<_> = peek.events.iter().map(|e| (e.id, e.context)).collect();
    assert_eq!(read, [(first, SALES), (second, CATERING)]);
}

#[test]
fn the_other_strategies_read_no_one_elses_stream() {
    for strategy in [StrategyKind::StateRow, StrategyKind::EventSourced] {
        let mut world = World::new();
        world.record(&customer("42", "1"));
        world.record(&caterer("42", "1"));
        let mut runner = runner(strategy);
        runner.catch_up(&mut world.store);
        assert_eq!(
            last_projection_peek(&runner, &world.store),
            None,
            "{strategy}"
        );
    }
}

#[test]
fn the_peek_names_exactly_the_events_the_projection_folds() {
    // Given orders with declines and two menus, all handled by the projection.
    let mut world = World::new();
    for fact in [
        customer("42", "1"),
        process_common::declined("42", "1"),
        customer("42", "2"),
        caterer("42", "2"),
        customer("43", "1"),
    ] {
        world.record(&fact);
    }
    let mut runner = runner(StrategyKind::Projection);
    runner.catch_up(&mut world.store);
    for key in ["42", "43"] {
        // When the events the peek names are folded in handling order.
        let peeked =
            projection_reads(&CateringMatch, &world.store, runner.saved_cursors(), key).unwrap();
        let mut events: Vec<_> = peeked
            .iter()
            .map(|p| world.store.event(p.id).unwrap())
            .collect();
        events.sort_by(|a, b| handling_key(a).cmp(&handling_key(b)));
        let mut state = Default::default();
        for event in events {
            evolve_with_stored(&CateringMatch, &mut state, event);
        }
        // Then that is the state the projection loads.
        assert_eq!(state, runner.state_of(&world.store, key).unwrap(), "{key}");
    }
}

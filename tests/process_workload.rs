#![cfg(not(target_arch = "wasm32"))]
//! The catering-match workload (`benches/workload/mod.rs`, DOMAIN.md): the
//! shuffle, the live and replay phases and their checks, on small numbers
//! of orders.

#[path = "../benches/workload/mod.rs"]
mod workload;

use es_playground::core::process::StrategyKind;
use workload::{Side, WorkloadEvent, push_decimal, result_line, run_live, run_replay, shuffled};

fn customer(order: usize) -> WorkloadEvent {
    WorkloadEvent {
        order,
        side: Side::Customer,
    }
}

fn caterer(order: usize) -> WorkloadEvent {
    WorkloadEvent {
        order,
        side: Side::Caterer,
    }
}

#[test]
fn two_orders_shuffle_as_computed_by_hand() {
    // Start: [S0, C0, S1, C1] (S customer, C caterer, then the order).
    // xorshift32 from 42 gives 11355432, 2836018348, 476557059.
    // i = 3: j = 11355432 % 4 = 0: swap 3 and 0 -> [C1, C0, S1, S0]
    // i = 2: j = 2836018348 % 3 = 1: swap 2 and 1 -> [C1, S1, C0, S0]
    // i = 1: j = 476557059 % 2 = 1: no change.
    assert_eq!(
        shuffled(2),
        [caterer(1), customer(1), caterer(0), customer(0)]
    );
}

#[test]
fn the_shuffle_is_a_permutation_of_the_two_confirmations_of_every_order() {
    let unshuffled: Vec<WorkloadEvent> = (0..1_000)
        .flat_map(|order| [customer(order), caterer(order)])
        .collect();
    let mut events = shuffled(1_000);
    assert_ne!(events, unshuffled);
    events.sort_by_key(|event| (event.order, event.side == Side::Caterer));
    assert_eq!(events, unshuffled);
}

#[test]
fn decimal_digits_are_what_display_writes() {
    for number in [0, 7, 10, 99, 100, 12_345, usize::MAX] {
        let mut text = String::from("x");
        push_decimal(&mut text, number);
        assert_eq!(text, format!("x{number}"));
    }
}

#[test]
fn a_small_live_run_confirms_every_order_once_and_its_replay_finds_every_order_matched() {
    for strategy in StrategyKind::ALL {
        let live = run_live(strategy, 50, &shuffled(50)).unwrap();
        assert!(live.report.passed, "{strategy}: {:?}", live.report);
        assert_eq!(live.report.commands, 50);
        let replay = run_replay(&live.store, 50).unwrap();
        assert!(replay.passed, "{strategy}: {replay:?}");
        assert_eq!((replay.events, replay.matched), (100, 50));
    }
}

#[test]
fn a_replay_of_a_store_with_a_missing_confirmation_fails_its_check() {
    let events: Vec<WorkloadEvent> = shuffled(3).into_iter().skip(1).collect();
    let live = run_live(StrategyKind::StateRow, 3, &events).unwrap();
    assert!(!live.report.passed);
    let replay = run_replay(&live.store, 3).unwrap();
    assert!(!replay.passed);
    assert_eq!((replay.events, replay.matched), (5, 2));
}

#[test]
fn a_result_line_has_the_agreed_keys_in_order() {
    let line = result_line("native", "live", StrategyKind::EventSourced, 10, 20, 0.5);
    assert_eq!(
        line,
        "{\"system\":\"es-playground\",\"runtime\":\"native\",\"phase\":\"live\",\
         \"strategy\":\"event-sourced\",\"n\":10,\"events\":20,\"seconds\":0.500000,\
         \"events_per_s\":40}"
    );
}

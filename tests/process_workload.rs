#![cfg(not(target_arch = "wasm32"))]
//! The catering-match workload: live and replay phases and their checks, on
//! small numbers of orders.

use es_playground::core::process::StrategyKind;
use es_playground::core::workload::{WorkloadEvent, result_line, run_live, run_replay, shuffled};

#[test]
fn a_small_live_run_confirms_every_order_once_with_every_strategy() {
    for strategy in StrategyKind::ALL {
        let live = run_live(strategy, 50, &shuffled(50)).unwrap();
        assert!(live.report.passed, "{strategy}: {:?}", live.report);
        assert_eq!(live.report.commands, 50);
        let replay = run_replay(&live.store, 50).unwrap();
        assert!(replay.passed, "{strategy}: {replay:?}");
        assert_eq!(replay.events, 100);
    }
}

#[test]
fn a_replay_of_a_store_with_a_missing_confirmation_fails_its_check() {
    let events: Vec<WorkloadEvent> = shuffled(3).into_iter().skip(1).collect();
    let live = run_live(StrategyKind::StateRow, 3, &events).unwrap();
    assert!(!live.report.passed);
    assert!(!run_replay(&live.store, 3).unwrap().passed);
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

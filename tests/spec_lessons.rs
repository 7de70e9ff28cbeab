#![cfg(not(target_arch = "wasm32"))]
//! Every lesson specification passes, with every strategy, in every
//! ordering of its givens; the lessons' idempotency specifications
//! expect the number of deliveries each mode promises, and would fail if
//! the process manager delivered another number.

mod process_common;

use es_playground::core::lessons::lesson_specs;
use es_playground::core::process::{CrashPoint, IdempotencyMode};
use es_playground::core::spec::{MatchImplementation, SpecOptions};
use process_common::confirm;

#[test]
fn every_lesson_spec_passes_with_every_strategy_in_every_ordering() {
    let options = SpecOptions::default();
    for spec in lesson_specs() {
        let report = spec.run_with(&options).unwrap();
        assert!(report.passed(), "{report}");
        assert_eq!(report.strategies.len(), 3, "{}", spec.name);
        let all = report.possible_orders().unwrap();
        assert!(all <= options.max_exhaustive_orders, "{}", spec.name);
        for strategy in &report.strategies {
            assert!(strategy.exhaustive, "{}", spec.name);
            assert_eq!(strategy.orders_run as u128, all, "{}", spec.name);
        }
    }
}

#[test]
fn the_999_registrations_are_one_stream_so_they_have_one_order() {
    let spec = lesson_specs()
        .into_iter()
        .find(|spec| spec.given.len() == 999)
        .unwrap();
    assert_eq!(spec.possible_orders(), Some(1));
}

/// What each mode promises when the process manager crashes after sending
/// ConfirmOrder and restarts: written here, not computed by the runner.
fn promised_deliveries(mode: IdempotencyMode) -> usize {
    match mode {
        IdempotencyMode::None => 2,
        IdempotencyMode::DeterministicIds
        | IdempotencyMode::AtomicTracking
        | IdempotencyMode::OutboxStream => 1,
    }
}

#[test]
fn a_crash_after_sending_delivers_confirm_order_as_often_as_each_mode_promises() {
    let specs = lesson_specs();
    for mode in IdempotencyMode::ALL {
        let spec = specs
            .iter()
            .find(|spec| spec.crash == Some(CrashPoint::AfterSend) && spec.idempotency == mode)
            .unwrap_or_else(|| panic!("no lesson spec crashes after sending under {mode}"));
        let promised = vec![confirm("42", "vegan"); promised_deliveries(mode)];
        assert_eq!(spec.then, promised, "{}", spec.name);
        let report = spec.run().unwrap();
        assert!(report.passed(), "{report}");

        // The same spec expecting one delivery more or less fails: the run
        // really counts what the bus delivered.
        for wrong in [promised.len() - 1, promised.len() + 1] {
            let mut mistaken = spec.clone();
            mistaken.then = vec![confirm("42", "vegan"); wrong];
            let report = mistaken.run().unwrap();
            assert!(!report.passed(), "{} expecting {wrong}", spec.name);
            let (_, failure) = report.first_failure().unwrap();
            assert_eq!(failure.actual, promised, "{}", spec.name);
        }
    }
}

#[test]
fn the_lessons_cover_order_duplicates_idempotency_and_the_room_threshold() {
    let specs = lesson_specs();
    for lesson in [4, 5, 7] {
        assert!(
            specs.iter().any(|spec| spec.lesson == Some(lesson)),
            "lesson {lesson}"
        );
    }
    assert!(specs.iter().any(|spec| spec.given.len() == 999));
    let names: std::collections::HashSet<&str> =
        specs.iter().map(|spec| spec.name.as_str()).collect();
    assert_eq!(names.len(), specs.len(), "names are unique");
}

#[test]
fn the_order_bug_of_customer_first_match_is_caught_by_some_lesson_spec() {
    let buggy = SpecOptions {
        implementation: MatchImplementation::CustomerFirstMatch,
        ..SpecOptions::default()
    };
    let failing: Vec<String> = lesson_specs()
        .iter()
        .filter(|spec| !spec.run_with(&buggy).unwrap().passed())
        .map(|spec| spec.name.clone())
        .collect();
    assert!(
        failing
            .iter()
            .any(|name| name == "Customer first, caterer second: the order is confirmed"),
        "{failing:?}"
    );
}

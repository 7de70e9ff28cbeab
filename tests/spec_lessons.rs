#![cfg(not(target_arch = "wasm32"))]
//! Every lesson specification passes, with every strategy, in every order of
//! its givens (a seeded sample for the 999 registrations).

use es_playground::core::spec::{SpecOptions, lesson_specs};

#[test]
fn every_lesson_spec_passes_with_every_strategy_in_every_order_tried() {
    // The 999-registration specification is sampled; one order per strategy
    // keeps this test quick in a debug build (the UI uses the defaults).
    let options = SpecOptions {
        sample_work_budget: 1,
        ..SpecOptions::default()
    };
    for spec in lesson_specs() {
        let report = spec.run_with(&options).unwrap();
        assert!(report.passed(), "{report}");
        assert_eq!(report.strategies.len(), 3, "{}", spec.name);
        for strategy in &report.strategies {
            if report.givens <= options.max_exhaustive_givens {
                assert!(strategy.exhaustive, "{}", spec.name);
                let all = report.possible_orders().unwrap() as usize;
                assert_eq!(strategy.orders_run, all, "{}", spec.name);
            } else {
                assert!(!strategy.exhaustive, "{}", spec.name);
                assert_eq!(strategy.orders_run, 1, "{}", spec.name);
            }
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

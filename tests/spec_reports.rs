#![cfg(not(target_arch = "wasm32"))]
//! Specification reports: orders tried, pass and fail, the first failing
//! order with expected and actual commands.

mod process_common;

use es_playground::core::domain::Fact;
use es_playground::core::process::StrategyKind;
use es_playground::core::spec::{Spec, SpecError, SpecOptions, deliberately_wrong_spec};
use process_common::{caterer, confirm, customer};

#[test]
fn a_passing_spec_reports_every_order_of_its_givens_for_every_strategy() {
    let report = Spec::named("three givens")
        .given([customer("1", "a"), caterer("2", "a"), customer("2", "b")])
        .when(caterer("1", "a"))
        .then([confirm("1", "a")])
        .run()
        .unwrap();

    assert!(report.passed());
    assert_eq!(report.possible_orders(), Some(6));
    assert_eq!(report.orders_run(), 18);
    assert!(
        report
            .strategies
            .iter()
            .all(|s| s.exhaustive && s.orders_run == 6)
    );
    assert!(report.first_failure().is_none());
    assert!(report.to_string().starts_with("PASS: three givens"));
}

#[test]
fn a_deliberately_wrong_spec_shows_its_first_failing_order_with_expected_and_actual() {
    let spec = deliberately_wrong_spec().unwrap();

    let report = spec.run().unwrap();

    assert!(!report.passed());
    let (strategy, failure) = report.first_failure().unwrap();
    assert_eq!(strategy, StrategyKind::StateRow);
    // Vegan is matched by the givens in every order, so the very first
    // order already fails.
    assert_eq!(failure.order, [0, 1, 2]);
    assert_eq!(failure.given_in_order[2], caterer("42", "vegan"));
    assert_eq!(failure.expected, [confirm("42", "fish")]);
    assert!(failure.actual.is_empty());
    for strategy in &report.strategies {
        assert_eq!(strategy.orders_run, 6);
        assert_eq!(strategy.failures, 6);
    }
    let text = report.to_string();
    assert!(text.starts_with("FAIL"), "{text}");
    assert!(
        text.contains("expected: ConfirmOrder(order 42, menu fish)"),
        "{text}"
    );
    assert!(text.contains("actual:   nothing"), "{text}");
}

#[test]
fn beyond_the_cap_a_seeded_sample_of_orders_is_tried_and_reported() {
    let given: Vec<Fact> = (0..9).map(|n| customer(&n.to_string(), "a")).collect();
    let spec = Spec::named("nine givens")
        .given(given)
        .when(caterer("3", "a"))
        .then([confirm("3", "a")]);
    let options = SpecOptions {
        strategies: vec![StrategyKind::StateRow],
        max_samples: 5,
        ..SpecOptions::default()
    };

    let report = spec.run_with(&options).unwrap();

    assert!(report.passed(), "{report}");
    assert_eq!(report.strategies[0].orders_run, 5);
    assert!(!report.strategies[0].exhaustive);
    assert_eq!(report.possible_orders(), Some(362_880));
    assert!(
        report
            .to_string()
            .contains("5 of 362880 orders of the givens (a sample)")
    );
}

#[test]
fn the_number_of_sampled_orders_shrinks_with_the_square_of_the_givens() {
    let options = SpecOptions {
        max_samples: 32,
        sample_work_budget: 4_000_000,
        ..SpecOptions::default()
    };
    assert_eq!(options.orders(9).0.len(), 32);
    assert_eq!(options.orders(999).0.len(), 4);
    assert_eq!(options.orders(100_000).0.len(), 1);
}

#[test]
fn a_spec_without_a_when_event_cannot_run() {
    let error = Spec::named("incomplete")
        .given([customer("1", "a")])
        .run()
        .unwrap_err();
    assert_eq!(
        error,
        SpecError::NoWhen {
            name: "incomplete".to_owned()
        }
    );
    assert!(error.to_string().contains("has no When event"));
}

#[test]
fn a_room_spec_with_a_zero_threshold_cannot_run() {
    let spec = Spec::named("zero")
        .for_rooms(0)
        .when(Fact::participant_registered("c", "p").unwrap());
    assert!(matches!(spec.run(), Err(SpecError::ZeroThreshold { .. })));
}

#[test]
fn a_spec_expecting_nothing_fails_when_a_command_is_sent() {
    let report = Spec::named("wrong: nothing expected")
        .given([customer("1", "a")])
        .when(caterer("1", "a"))
        .then_nothing()
        .run()
        .unwrap();
    let (_, failure) = report.first_failure().unwrap();
    assert_eq!(failure.actual, [confirm("1", "a")]);
    assert!(report.strategies.iter().all(|s| s.failures == 1));
}

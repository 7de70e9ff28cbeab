#![cfg(not(target_arch = "wasm32"))]
//! Specification reports: orders tried, pass and fail, the first failing
//! order with expected and actual commands.

mod process_common;

use es_playground::core::domain::Fact;
use es_playground::core::lessons::{FIRST_AGREEMENT_WINS, deliberately_wrong_spec, lesson_specs};
use es_playground::core::process::StrategyKind;
use es_playground::core::spec::{MatchImplementation, Spec, SpecError, SpecOptions};
use process_common::{caterer, confirm, customer};

#[test]
fn a_passing_spec_reports_every_ordering_of_its_givens_for_every_strategy() {
    // Three givens in three different streams: 3! = 6 orderings.
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
    // order already fails. Two customer confirmations in Sales / Order$42
    // and one caterer confirmation in Catering / Order$42: C(3, 2) = 3
    // orderings, each keeping the customer's fish before vegan.
    assert_eq!(failure.order, [0, 1, 2]);
    assert_eq!(failure.tried_as, 1);
    assert_eq!(failure.given_in_order[2], caterer("42", "vegan"));
    assert_eq!(failure.expected, [confirm("42", "fish")]);
    assert!(failure.actual.is_empty());
    assert_eq!(report.possible_orders(), Some(3));
    for strategy in &report.strategies {
        assert_eq!(strategy.orders_run, 3);
        assert_eq!(strategy.failures, 3);
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
            .contains("5 of the 362880 orderings of the givens (a sample; multinomial: 9 streams of 1, 1, 1, 1, 1, 1, 1, 1, 1 events)"),
        "{report}"
    );
}

#[test]
fn the_number_of_sampled_orders_shrinks_with_the_square_of_the_givens() {
    let options = SpecOptions {
        max_samples: 32,
        sample_work_budget: 4_000_000,
        ..SpecOptions::default()
    };
    let distinct = |n: usize| (0..n).collect::<Vec<usize>>();
    assert_eq!(options.orders(&distinct(9)).0.len(), 32);
    assert_eq!(options.orders(&distinct(999)).0.len(), 4);
    assert_eq!(options.orders(&distinct(100_000)).0.len(), 1);
}

#[test]
fn givens_in_one_stream_have_a_single_order_however_many_they_are() {
    let options = SpecOptions::default();
    let (orders, exhaustive) = options.orders(&[0; 999]);
    assert!(exhaustive);
    assert_eq!(orders, [(0..999).collect::<Vec<usize>>()]);
}

#[test]
fn the_orders_tried_keep_each_streams_own_order() {
    // Customer fish then vegan in Sales / Order$42, the caterer's vegan in
    // Catering / Order$42: fish never comes after vegan in any order tried.
    let spec = deliberately_wrong_spec().unwrap();
    let labels = spec.stream_labels();
    assert_eq!(labels, [0, 0, 1]);
    let (orders, exhaustive) = SpecOptions::default().orders(&labels);
    assert!(exhaustive);
    assert_eq!(orders, [[0, 1, 2], [0, 2, 1], [2, 0, 1]]);
}

#[test]
fn a_spec_that_fails_only_in_a_later_ordering_names_that_ordering() {
    let spec = lesson_specs()
        .into_iter()
        .find(|spec| spec.name == FIRST_AGREEMENT_WINS)
        .unwrap();
    let buggy = SpecOptions {
        implementation: MatchImplementation::CustomerFirstMatch,
        ..SpecOptions::default()
    };

    let report = spec.run_with(&buggy).unwrap();

    // Written order: caterer vegan, caterer fish, customer vegan. Only the
    // third ordering has the customer confirm vegan before the caterer.
    assert!(!report.passed());
    let (strategy, failure) = report.first_failure().unwrap();
    assert_eq!(strategy, StrategyKind::StateRow);
    assert_eq!(failure.order, [2, 0, 1]);
    assert_eq!(failure.tried_as, 3);
    assert_eq!(
        failure.given_in_order,
        [
            customer("42", "vegan"),
            caterer("42", "vegan"),
            caterer("42", "fish")
        ]
    );
    assert!(failure.expected.is_empty());
    assert_eq!(failure.actual, [confirm("42", "fish")]);
    for strategy in &report.strategies {
        assert_eq!((strategy.orders_run, strategy.failures), (3, 1));
    }
    let text = report.to_string();
    assert!(
        text.contains("process manager: CustomerFirstMatch (order bug)"),
        "{text}"
    );
    assert!(
        text.contains(
            "3 of the 3 orderings of the givens (all; C(3, 2): streams of 2 and 1 events), 1 failed"
        ),
        "{text}"
    );
    assert!(
        text.contains(
            "first failing ordering (state-row), #3 tried: CustomerConfirmedMenu(order 42, menu vegan), CatererConfirmedMenu(order 42, menu vegan), CatererConfirmedMenu(order 42, menu fish)"
        ),
        "{text}"
    );
    // The real process manager passes every ordering.
    assert!(spec.run().unwrap().passed());
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

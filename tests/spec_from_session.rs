#![cfg(not(target_arch = "wasm32"))]
//! A session's fired facts become a specification: given all but the last,
//! when the last, then what the session's command bus delivered for it.
//! The expectation is what the session recorded, so running the spec over
//! every ordering and strategy can fail.

mod process_common;

use es_playground::core::domain::Fact;
use es_playground::core::process::CrashPoint;
use es_playground::core::session::{Action, DEFAULT_SEED, Session, Settings};
use es_playground::core::spec::{
    MAX_GIVENS_FROM_SESSION, MatchImplementation, SpecOptions, spec_from_record,
};
use process_common::{caterer, confirm, customer};

fn session_firing(facts: &[Fact]) -> Session {
    let mut session = Session::new(DEFAULT_SEED, Settings::default());
    for fact in facts {
        session
            .perform(Action::Fire { fact: fact.clone() })
            .unwrap();
    }
    session
}

fn buggy() -> SpecOptions {
    SpecOptions {
        implementation: MatchImplementation::CustomerFirstMatch,
        ..SpecOptions::default()
    }
}

#[test]
fn given_both_confirmations_the_spec_expects_what_the_bus_delivered_and_passes() {
    let session = session_firing(&[customer("42", "1"), caterer("42", "1")]);

    let spec = session.to_spec().unwrap();

    assert_eq!(spec.given, [customer("42", "1")]);
    assert_eq!(spec.when, Some(caterer("42", "1")));
    assert_eq!(spec.then, [confirm("42", "1")]);
    let report = spec.run().unwrap();
    assert!(report.passed(), "{report}");
    assert_eq!(report.orders_run(), 3, "1 ordering × 3 strategies");
}

#[test]
fn the_same_session_spec_fails_against_the_process_manager_with_the_order_bug() {
    let session = session_firing(&[customer("42", "1"), caterer("42", "1")]);
    let spec = session.to_spec().unwrap();

    let report = spec.run_with(&buggy()).unwrap();

    assert!(!report.passed(), "{report}");
    let (_, failure) = report.first_failure().unwrap();
    assert_eq!(failure.expected, [confirm("42", "1")]);
    assert!(failure.actual.is_empty());
}

#[test]
fn a_session_spec_whose_written_order_hides_the_bug_fails_in_a_later_ordering() {
    let session = session_firing(&[
        caterer("42", "vegan"),
        caterer("42", "fish"),
        customer("42", "vegan"),
        customer("42", "fish"),
    ]);
    let spec = session.to_spec().unwrap();
    assert!(spec.then.is_empty(), "vegan was matched before fish");

    let report = spec.run_with(&buggy()).unwrap();

    let (_, failure) = report.first_failure().unwrap();
    assert_eq!(failure.order, [2, 0, 1]);
    assert_eq!(failure.actual, [confirm("42", "fish")]);
    assert!(spec.run().unwrap().passed());
}

#[test]
fn a_session_whose_crash_sent_confirm_order_twice_makes_a_spec_that_fails() {
    // The session crashed after sending and restarted without idempotency:
    // its bus delivered ConfirmOrder twice. Run without a crash, the process
    // manager sends it once, so the spec stating the session's record fails.
    let mut session = session_firing(&[customer("42", "1")]);
    session
        .perform(Action::ArmCrash {
            point: CrashPoint::AfterSend,
        })
        .unwrap();
    session
        .perform(Action::Fire {
            fact: caterer("42", "1"),
        })
        .unwrap();
    session.perform(Action::Restart).unwrap();

    let spec = session.to_spec().unwrap();

    assert_eq!(spec.then, [confirm("42", "1"), confirm("42", "1")]);
    let report = spec.run().unwrap();
    assert!(!report.passed(), "{report}");
    assert_eq!(
        report.first_failure().unwrap().1.actual,
        [confirm("42", "1")]
    );
}

#[test]
fn given_a_last_fact_that_completes_nothing_the_spec_expects_nothing() {
    let session = session_firing(&[customer("42", "1"), caterer("42", "2"), customer("43", "1")]);

    let spec = session.to_spec().unwrap();

    assert!(spec.then.is_empty());
    assert_eq!(spec.given.len(), 2);
    assert!(spec.run().unwrap().passed());
}

#[test]
fn given_more_facts_than_the_cap_only_the_latest_givens_are_kept() {
    let mut facts: Vec<Fact> = (0..12).map(|n| customer(&format!("o{n}"), "1")).collect();
    facts.push(caterer("o11", "1"));

    let spec = spec_from_record(&facts, vec![confirm("o11", "1")]).unwrap();

    assert_eq!(spec.given.len(), MAX_GIVENS_FROM_SESSION);
    assert_eq!(spec.given.first(), Some(&customer("o4", "1")));
    assert_eq!(spec.then, [confirm("o11", "1")]);
    assert!(
        spec.explanation.contains("4 earliest"),
        "{}",
        spec.explanation
    );
}

#[test]
fn given_no_fact_there_is_no_spec() {
    assert_eq!(spec_from_record(&[], Vec::new()), None);
    assert_eq!(
        Session::new(DEFAULT_SEED, Settings::default()).to_spec(),
        None
    );
}

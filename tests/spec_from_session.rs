#![cfg(not(target_arch = "wasm32"))]
//! A session's fired facts become a specification: given all but the last,
//! when the last, then what the process manager sent for it.

mod process_common;

use es_playground::core::domain::Fact;
use es_playground::core::spec::{MAX_GIVENS_FROM_SESSION, spec_from_facts};
use process_common::{caterer, confirm, customer};

#[test]
fn given_both_confirmations_the_spec_expects_confirm_order_and_passes_in_every_order() {
    let facts = [customer("42", "1"), caterer("42", "1")];

    let spec = spec_from_facts(&facts).unwrap();

    assert_eq!(spec.given, [customer("42", "1")]);
    assert_eq!(spec.when, Some(caterer("42", "1")));
    assert_eq!(spec.then, [confirm("42", "1")]);
    let report = spec.run().unwrap();
    assert!(report.passed(), "{report}");
    assert_eq!(
        report.orders_run(),
        3,
        "1 order of the givens × 3 strategies"
    );
}

#[test]
fn given_a_last_fact_that_completes_nothing_the_spec_expects_nothing() {
    let facts = [customer("42", "1"), caterer("42", "2"), customer("43", "1")];

    let spec = spec_from_facts(&facts).unwrap();

    assert!(spec.then.is_empty());
    assert_eq!(spec.given.len(), 2);
    assert!(spec.run().unwrap().passed());
}

#[test]
fn given_an_order_already_matched_another_menu_agreed_on_expects_nothing_in_every_order() {
    let facts = [
        customer("42", "1"),
        caterer("42", "1"),
        customer("42", "2"),
        caterer("42", "2"),
    ];

    let spec = spec_from_facts(&facts).unwrap();

    assert!(spec.then.is_empty(), "{:?}", spec.then);
    let report = spec.run().unwrap();
    assert!(
        report.passed(),
        "menu 1 is complete in every order of the givens: {report}"
    );
}

#[test]
fn given_more_facts_than_the_cap_only_the_latest_givens_are_kept() {
    let mut facts: Vec<Fact> = (0..12).map(|n| customer(&format!("o{n}"), "1")).collect();
    facts.push(caterer("o11", "1"));

    let spec = spec_from_facts(&facts).unwrap();

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
    assert_eq!(spec_from_facts(&[]), None);
}

#[test]
fn given_a_single_fact_the_spec_has_no_givens() {
    let spec = spec_from_facts(&[customer("42", "1")]).unwrap();

    assert!(spec.given.is_empty());
    assert!(spec.then.is_empty());
    assert!(spec.run().unwrap().passed());
}

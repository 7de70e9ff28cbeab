#![cfg(not(target_arch = "wasm32"))]
//! Contexts: each with its own log and positions; rolled-back transactions
//! that consume positions and leave gaps.

mod store_support;

use es_playground::core::store::{
    EventStore, ExpectedVersion, Position, StoreError, StreamVersion,
};
use store_support::{CATERING, Events, SALES, log_positions, refused, store_with_contexts};

#[test]
fn each_context_counts_its_own_positions() {
    // Given two contexts
    let mut store = store_with_contexts();
    let mut events = Events::default();
    // When events are appended to both, interleaved
    events.append_one(&mut store, SALES, "Order$1");
    events.append_one(&mut store, CATERING, "Order$1");
    events.append_one(&mut store, SALES, "Order$2");
    // Then each log starts at 1 and grows on its own
    assert_eq!(log_positions(&store, SALES), vec![1, 2]);
    assert_eq!(log_positions(&store, CATERING), vec![1]);
}

#[test]
fn the_same_stream_name_in_two_contexts_names_two_streams() {
    // Given Order$42 in Sales with one event
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$42");
    // When Order$42 in Catering is appended to, expecting no stream
    let result = store.append(
        CATERING,
        "Order$42",
        ExpectedVersion::NoStream,
        vec![events.new_event("CatererConfirmedMenu", 42)],
    );
    // Then it is a new stream there
    assert_eq!(result.unwrap().last_version, StreamVersion(0));
    assert_eq!(
        store.stream_version(SALES, "Order$42").unwrap(),
        Some(StreamVersion(0))
    );
}

#[test]
fn appending_to_an_unknown_context_is_refused() {
    // Given a store without a Kitchen context
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let event = events.new_event("CustomerConfirmedMenu", 1);
    // When an event is appended there
    let error = refused(&mut store, |store| {
        store.append("Kitchen", "Order$1", ExpectedVersion::Any, vec![event])
    });
    // Then it is refused, naming the context
    assert_eq!(error.to_string(), "there is no context named \"Kitchen\"");
}

#[test]
fn adding_a_context_twice_or_with_a_blank_name_is_refused() {
    // Given a store with Sales
    let mut store = store_with_contexts();
    // When Sales or a blank name is added
    let twice = refused(&mut store, |store| store.add_context(SALES));
    let blank = refused(&mut store, |store| store.add_context("  "));
    // Then both are refused
    assert_eq!(
        twice.to_string(),
        "a context named \"Sales\" exists already"
    );
    assert_eq!(
        blank,
        StoreError::InvalidContextName {
            context: "  ".into()
        }
    );
}

#[test]
fn a_rolled_back_transaction_leaves_a_gap_in_the_positions() {
    // Given three events in Sales
    let mut store = store_with_contexts();
    let mut events = Events::default();
    for _ in 0..3 {
        events.append_one(&mut store, SALES, "Order$42");
    }
    // When a transaction of two events is rolled back, then one is appended
    store.roll_back_transaction(SALES, 2).unwrap();
    let outcome = store
        .append(
            SALES,
            "Order$42",
            ExpectedVersion::Exactly(StreamVersion(2)),
            vec![events.new_event("MenuOffered", 42)],
        )
        .unwrap();
    // Then the log reads 1, 2, 3, 6 and the stream has no gap
    assert_eq!(outcome.first_position, Position(6));
    assert_eq!(log_positions(&store, SALES), vec![1, 2, 3, 6]);
    assert_eq!(outcome.last_version, StreamVersion(3));
    assert_eq!(store.head_position(SALES).unwrap(), Position(6));
}

#[test]
fn the_head_position_counts_rolled_back_positions() {
    // Given an empty Catering log
    let mut store = store_with_contexts();
    // When three positions are rolled back
    store.roll_back_transaction(CATERING, 3).unwrap();
    // Then the head is 3 with no events, and Sales is untouched
    assert_eq!(store.head_position(CATERING).unwrap(), Position(3));
    assert!(log_positions(&store, CATERING).is_empty());
    assert_eq!(store.head_position(SALES).unwrap(), Position(0));
}

#[test]
fn rolling_back_nothing_or_in_an_unknown_context_is_refused() {
    // Given a store
    let mut store = store_with_contexts();
    // When zero positions, or positions of an unknown context, are rolled back
    let nothing = refused(&mut store, |store| store.roll_back_transaction(SALES, 0));
    let unknown = refused(&mut store, |store| {
        store.roll_back_transaction("Kitchen", 1)
    });
    // Then both are refused
    assert_eq!(
        nothing.to_string(),
        "a rolled-back transaction in context \"Sales\" must consume at least one position"
    );
    assert!(matches!(unknown, StoreError::UnknownContext { .. }));
}

#[test]
fn running_out_of_positions_is_refused_without_wrapping() {
    // Given a context whose head is one below the largest position
    let mut store = store_with_contexts();
    let mut events = Events::default();
    store.roll_back_transaction(SALES, u64::MAX - 1).unwrap();
    // When two more positions are needed, by a rollback or a batch
    let rollback = refused(&mut store, |store| store.roll_back_transaction(SALES, 2));
    let batch = vec![events.new_event("A", 1), events.new_event("B", 2)];
    let append = refused(&mut store, |store| {
        store.append(SALES, "Order$1", ExpectedVersion::Any, batch)
    });
    // Then both are refused; one more event still fits
    assert_eq!(
        rollback.to_string(),
        "context \"Sales\" has no positions left"
    );
    assert_eq!(
        append,
        StoreError::PositionsExhausted {
            context: SALES.into()
        }
    );
    let last = events.append_one(&mut store, SALES, "Order$1");
    assert_eq!(store.event(last).unwrap().position, Position(u64::MAX));
}

#[test]
fn a_fresh_store_is_empty_and_lists_no_contexts() {
    // Given / When a new store
    let store = EventStore::default();
    // Then it has nothing
    assert!(store.contexts().is_empty());
    assert_eq!(store.event_count(), 0);
    assert!(!store.single_stream());
}

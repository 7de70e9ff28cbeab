#![cfg(not(target_arch = "wasm32"))]
//! Appending: positions and stream versions, expected versions, duplicate
//! ids, all-or-nothing batches.

mod store_support;

use es_playground::core::store::{
    AppendOutcome, ExpectedVersion, Position, StoreError, StreamVersion,
};
use store_support::{CATERING, Events, SALES, refused, store_with_contexts};

#[test]
fn appending_to_a_new_stream_gives_position_1_and_version_0() {
    // Given a store with no events
    let mut store = store_with_contexts();
    let mut events = Events::default();
    // When one event is appended to Order$42
    let outcome = store
        .append(
            SALES,
            "Order$42",
            ExpectedVersion::NoStream,
            vec![events.new_event("CustomerConfirmedMenu", 42)],
        )
        .unwrap();
    // Then it has position 1 and version 0
    assert_eq!(
        outcome,
        AppendOutcome {
            first_position: Position(1),
            last_position: Position(1),
            last_version: StreamVersion(0),
            next_expected_version: ExpectedVersion::Exactly(StreamVersion(0)),
        }
    );
    let stored = store.read_log_forward(SALES, Position::START, 10).unwrap();
    assert_eq!(stored.len(), 1);
    assert_eq!(stored[0].stream, "Order$42");
    assert_eq!(stored[0].context, SALES);
    assert_eq!(stored[0].version, StreamVersion(0));
}

#[test]
fn a_batch_gets_consecutive_positions_and_versions_in_batch_order() {
    // Given a stream with one event
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$42");
    // When a batch of three is appended
    let batch: Vec<_> = (0..3).map(|n| events.new_event("MenuOffered", n)).collect();
    let ids: Vec<_> = batch.iter().map(|event| event.id).collect();
    let outcome = store
        .append(
            SALES,
            "Order$42",
            ExpectedVersion::Exactly(StreamVersion(0)),
            batch,
        )
        .unwrap();
    // Then they follow in order
    assert_eq!(outcome.first_position, Position(2));
    assert_eq!(outcome.last_position, Position(4));
    assert_eq!(outcome.last_version, StreamVersion(3));
    let read = store
        .read_stream_forward(SALES, "Order$42", StreamVersion(1), 10)
        .unwrap();
    let read_ids: Vec<_> = read.iter().map(|event| event.id).collect();
    assert_eq!(read_ids, ids);
    assert_eq!(store.head_position(SALES).unwrap(), Position(4));
}

#[test]
fn appending_an_id_that_is_already_stored_is_refused_and_names_where_it_lives() {
    // Given an event stored at Sales position 2 in Order$42
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$41");
    let id = events.append_one(&mut store, SALES, "Order$42");
    // When an event with the same id is appended to another stream
    let again = events.with_id(id, "CustomerConfirmedMenu", 43);
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$43", ExpectedVersion::Any, vec![again])
    });
    // Then the error names the id and where it lives
    assert_eq!(
        error.to_string(),
        format!(
            "event id {id} is already stored: context \"Sales\", stream \"Order$42\", position 2"
        )
    );
}

#[test]
fn an_id_stored_in_another_context_is_refused_too() {
    // Given an event stored in Catering
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, CATERING, "Order$42");
    // When the same id is appended in Sales
    let again = events.with_id(id, "CustomerConfirmedMenu", 42);
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$42", ExpectedVersion::Any, vec![again])
    });
    // Then it is refused, naming Catering
    assert_eq!(
        error,
        StoreError::DuplicateEventId {
            id,
            context: CATERING.into(),
            stream: "Order$42".into(),
            position: Position(1),
        }
    );
}

#[test]
fn a_batch_with_the_same_id_twice_stores_nothing() {
    // Given an empty stream
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let first = events.new_event("MenuOffered", 1);
    let id = first.id;
    let batch = vec![
        first,
        events.new_event("MenuOffered", 2),
        events.with_id(id, "MenuOffered", 3),
    ];
    // When a batch repeating an id is appended
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$1", ExpectedVersion::Any, batch)
    });
    // Then none of it is stored and the error names both places
    assert_eq!(
        error.to_string(),
        format!("event id {id} appears twice in the batch (events 0 and 2, counting from 0)")
    );
    assert_eq!(store.event_count(), 0);
}

#[test]
fn a_large_batch_with_a_repeated_id_is_refused_the_same_way() {
    // Given a batch of 40 events whose last repeats the 10th's id
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let mut batch: Vec<_> = (0..39)
        .map(|n| events.new_event("MenuOffered", n))
        .collect();
    let id = batch[9].id;
    batch.push(events.with_id(id, "MenuOffered", 99));
    // When it is appended
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$1", ExpectedVersion::Any, batch)
    });
    // Then it is refused
    assert_eq!(
        error,
        StoreError::DuplicateEventIdInBatch {
            id,
            first_index: 9,
            second_index: 39
        }
    );
}

#[test]
fn a_batch_with_one_stored_id_stores_none_of_its_events() {
    // Given a stored event
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$1");
    // When a batch whose second event reuses that id is appended
    let batch = vec![
        events.new_event("MenuOffered", 1),
        events.with_id(id, "MenuOffered", 2),
    ];
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$2", ExpectedVersion::Any, batch)
    });
    // Then nothing of the batch is stored
    assert!(matches!(error, StoreError::DuplicateEventId { .. }));
    assert_eq!(store.event_count(), 1);
    assert_eq!(store.head_position(SALES).unwrap(), Position(1));
}

#[test]
fn expecting_no_stream_when_the_stream_exists_is_refused_naming_expected_and_actual() {
    // Given Order$42 with two events
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$42");
    events.append_one(&mut store, SALES, "Order$42");
    let event = events.new_event("MenuOffered", 42);
    // When appending while expecting no stream
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$42", ExpectedVersion::NoStream, vec![event])
    });
    // Then the conflict names both versions
    assert_eq!(
        error.to_string(),
        "wrong expected version for stream \"Order$42\" in context \"Sales\": \
         expected no stream, but the stream is at version 1"
    );
}

#[test]
fn expecting_an_existing_stream_when_there_is_none_is_refused() {
    // Given no Order$7
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let event = events.new_event("MenuOffered", 7);
    // When appending while expecting the stream to exist
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$7", ExpectedVersion::StreamExists, vec![event])
    });
    // Then it is refused
    assert_eq!(
        error,
        StoreError::WrongExpectedVersion {
            context: SALES.into(),
            stream: "Order$7".into(),
            expected: ExpectedVersion::StreamExists,
            actual: None,
        }
    );
    assert!(
        error
            .to_string()
            .ends_with("expected an existing stream, but the stream has no events")
    );
}

#[test]
fn expecting_an_older_version_is_refused() {
    // Given Order$42 at version 1
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$42");
    events.append_one(&mut store, SALES, "Order$42");
    let event = events.new_event("MenuOffered", 42);
    // When a writer that saw version 0 appends
    let error = refused(&mut store, |store| {
        store.append(
            SALES,
            "Order$42",
            ExpectedVersion::Exactly(StreamVersion(0)),
            vec![event],
        )
    });
    // Then it is refused: expected 0, actual 1
    assert!(
        error
            .to_string()
            .contains("expected version 0, but the stream is at version 1")
    );
}

#[test]
fn the_next_expected_version_of_an_append_lets_the_following_append_through() {
    // Given an append that returned its next expected version
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let first = store
        .append(
            SALES,
            "Order$42",
            ExpectedVersion::NoStream,
            vec![events.new_event("MenuOffered", 42)],
        )
        .unwrap();
    // When the next append uses it, and another uses StreamExists and Any
    let second = store.append(
        SALES,
        "Order$42",
        first.next_expected_version,
        vec![events.new_event("CustomerConfirmedMenu", 42)],
    );
    let third = store.append(
        SALES,
        "Order$42",
        ExpectedVersion::StreamExists,
        vec![events.new_event("MenuOffered", 42)],
    );
    let fourth = store.append(
        SALES,
        "Order$42",
        ExpectedVersion::Any,
        vec![events.new_event("MenuOffered", 42)],
    );
    // Then all go through
    assert_eq!(second.unwrap().last_version, StreamVersion(1));
    assert_eq!(third.unwrap().last_version, StreamVersion(2));
    assert_eq!(fourth.unwrap().last_version, StreamVersion(3));
}

#[test]
fn an_empty_batch_is_refused() {
    // Given a store
    let mut store = store_with_contexts();
    // When nothing is appended
    let error = refused(&mut store, |store| {
        store.append(SALES, "Order$1", ExpectedVersion::Any, Vec::new())
    });
    // Then it is refused
    assert_eq!(
        error.to_string(),
        "nothing to append to stream \"Order$1\" in context \"Sales\": the batch is empty"
    );
}

#[test]
fn a_blank_stream_name_is_refused() {
    // Given a store
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let event = events.new_event("MenuOffered", 1);
    // When appending to a stream named ""
    let error = refused(&mut store, |store| {
        store.append(SALES, "", ExpectedVersion::Any, vec![event])
    });
    // Then it is refused
    assert_eq!(
        error,
        StoreError::InvalidStreamName {
            context: SALES.into(),
            stream: String::new()
        }
    );
}

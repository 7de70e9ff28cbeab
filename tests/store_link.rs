#![cfg(not(target_arch = "wasm32"))]
//! Links: one stored event in several streams of its context, and the
//! single-stream mode that reproduces a store unable to do that.

mod store_support;

use es_playground::core::store::{ExpectedVersion, Position, StoreError, StreamVersion};
use store_support::{CATERING, Events, SALES, log_positions, refused, store_with_contexts};

#[test]
fn linking_puts_a_stored_event_into_another_stream_without_a_new_position() {
    // Given a confirmation stored in Order$42
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    // When it is linked into the process manager's stream
    let version = store
        .link(SALES, "CateringMatch$42", ExpectedVersion::NoStream, id)
        .unwrap();
    // Then it is at version 0 there, and the log did not grow
    assert_eq!(version, StreamVersion(0));
    let linked = store
        .read_stream_forward(SALES, "CateringMatch$42", StreamVersion(0), 10)
        .unwrap();
    assert_eq!(linked.len(), 1);
    assert_eq!(linked[0].id, id);
    assert_eq!(linked[0].stream, "Order$42");
    assert_eq!(log_positions(&store, SALES), vec![1]);
    assert_eq!(store.head_position(SALES).unwrap(), Position(1));
    assert_eq!(store.event_count(), 1);
}

#[test]
fn streams_of_lists_the_original_stream_first_with_the_version_in_each() {
    // Given an event appended to Order$42 at version 1
    let mut store = store_with_contexts();
    let mut events = Events::default();
    events.append_one(&mut store, SALES, "Order$42");
    let id = events.append_one(&mut store, SALES, "Order$42");
    events.append_one(&mut store, SALES, "Audit");
    // When it is linked into two more streams, the later-created one first
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
        .unwrap();
    store
        .link(SALES, "Audit", ExpectedVersion::Any, id)
        .unwrap();
    // Then its streams are the original, then the others by creation order
    assert_eq!(
        store.streams_of(id),
        vec![
            ("Order$42".to_owned(), StreamVersion(1)),
            ("Audit".to_owned(), StreamVersion(1)),
            ("CateringMatch$42".to_owned(), StreamVersion(0)),
        ]
    );
}

#[test]
fn streams_of_an_unknown_event_is_empty() {
    // Given an empty store
    let store = store_with_contexts();
    let mut events = Events::default();
    // When / Then
    assert!(store.streams_of(events.next_id()).is_empty());
}

#[test]
fn linking_an_event_twice_into_one_stream_is_refused() {
    // Given an event already linked into CateringMatch$42
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
        .unwrap();
    // When it is linked there again
    let error = refused(&mut store, |store| {
        store.link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
    });
    // Then it is refused, naming the stream and version
    assert_eq!(
        error.to_string(),
        format!(
            "event {id} is already in stream \"CateringMatch$42\" of context \"Sales\" \
             (at version 0); an event can be in a stream only once"
        )
    );
}

#[test]
fn linking_an_event_into_the_stream_it_was_appended_to_is_refused() {
    // Given an event in Order$42
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    // When it is linked into Order$42
    let error = refused(&mut store, |store| {
        store.link(SALES, "Order$42", ExpectedVersion::Any, id)
    });
    // Then it is refused
    assert_eq!(
        error,
        StoreError::AlreadyLinked {
            id,
            context: SALES.into(),
            stream: "Order$42".into(),
            version: StreamVersion(0),
        }
    );
}

#[test]
fn linking_an_unknown_event_is_refused() {
    // Given a store without that id
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.next_id();
    // When it is linked
    let error = refused(&mut store, |store| {
        store.link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
    });
    // Then it is refused, naming the id
    assert_eq!(
        error.to_string(),
        format!("no event with id {id} is stored")
    );
}

#[test]
fn linking_an_event_into_another_context_is_refused() {
    // Given an event in Catering
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, CATERING, "Order$42");
    // When it is linked into a Sales stream
    let error = refused(&mut store, |store| {
        store.link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
    });
    // Then it is refused, naming both contexts
    assert_eq!(
        error.to_string(),
        format!(
            "event {id} lives in context \"Catering\" and cannot be linked into a stream \
             of context \"Sales\""
        )
    );
}

#[test]
fn linking_with_a_wrong_expected_version_is_refused() {
    // Given CateringMatch$42 holding one linked event
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let first = events.append_one(&mut store, SALES, "Order$42");
    let second = events.append_one(&mut store, SALES, "Order$42");
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::NoStream, first)
        .unwrap();
    // When the second is linked expecting no stream
    let error = refused(&mut store, |store| {
        store.link(SALES, "CateringMatch$42", ExpectedVersion::NoStream, second)
    });
    // Then the conflict names expected and actual; the right version works
    assert_eq!(
        error,
        StoreError::WrongExpectedVersion {
            context: SALES.into(),
            stream: "CateringMatch$42".into(),
            expected: ExpectedVersion::NoStream,
            actual: Some(StreamVersion(0)),
        }
    );
    let version = store
        .link(
            SALES,
            "CateringMatch$42",
            ExpectedVersion::Exactly(StreamVersion(0)),
            second,
        )
        .unwrap();
    assert_eq!(version, StreamVersion(1));
}

#[test]
fn linking_into_a_blank_stream_name_or_unknown_context_is_refused() {
    // Given a stored event
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    // When it is linked into "" or into a missing context
    let blank = refused(&mut store, |store| {
        store.link(SALES, " ", ExpectedVersion::Any, id)
    });
    let unknown = refused(&mut store, |store| {
        store.link("Kitchen", "Match", ExpectedVersion::Any, id)
    });
    // Then both are refused
    assert!(matches!(blank, StoreError::InvalidStreamName { .. }));
    assert!(matches!(unknown, StoreError::UnknownContext { .. }));
}

#[test]
fn in_single_stream_mode_a_link_fails_as_a_unique_id_violation() {
    // Given a store that keeps each event in one stream only
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    store.set_single_stream(true);
    // When the process manager links the event into its own stream
    let error = refused(&mut store, |store| {
        store.link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
    });
    // Then it fails like a unique index on the event id would
    assert_eq!(
        error,
        StoreError::UniqueIdViolation {
            id,
            context: SALES.into(),
            stream: "Order$42".into(),
            target_stream: "CateringMatch$42".into(),
        }
    );
    let message = error.to_string();
    assert!(message.starts_with("unique index violation on events.event_id"));
    assert!(message.contains(&id.to_string()));
}

#[test]
fn switching_single_stream_mode_off_lets_the_same_link_through() {
    // Given a link refused in single-stream mode
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    store.set_single_stream(true);
    assert!(store.single_stream());
    assert!(
        store
            .link(SALES, "CateringMatch$42", ExpectedVersion::Any, id)
            .is_err()
    );
    // When the mode is switched off and the link retried
    store.set_single_stream(false);
    let version = store.link(SALES, "CateringMatch$42", ExpectedVersion::Any, id);
    // Then it goes through
    assert_eq!(version, Ok(StreamVersion(0)));
    assert_eq!(store.streams_of(id).len(), 2);
}

#[test]
fn single_stream_mode_still_refuses_a_stored_id_on_append_as_a_duplicate() {
    // Given single-stream mode and a stored event
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let id = events.append_one(&mut store, SALES, "Order$42");
    store.set_single_stream(true);
    let copy = events.with_id(id, "CustomerConfirmedMenu", 42);
    // When the same event is appended to the process manager's stream
    let error = refused(&mut store, |store| {
        store.append(SALES, "CateringMatch$42", ExpectedVersion::Any, vec![copy])
    });
    // Then it is the usual duplicate-id refusal
    assert!(matches!(error, StoreError::DuplicateEventId { .. }));
}

#[test]
fn linked_events_read_back_from_the_target_stream_in_link_order() {
    // Given events in two order streams
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let early = events.append_one(&mut store, SALES, "Order$1");
    let late = events.append_one(&mut store, SALES, "Order$2");
    // When they are linked in reverse order
    store
        .link(SALES, "Match", ExpectedVersion::Any, late)
        .unwrap();
    store
        .link(SALES, "Match", ExpectedVersion::Any, early)
        .unwrap();
    // Then the stream reads in link order
    let forward: Vec<_> = store
        .read_stream_forward(SALES, "Match", StreamVersion(0), 10)
        .unwrap()
        .iter()
        .map(|event| event.id)
        .collect();
    assert_eq!(forward, vec![late, early]);
}

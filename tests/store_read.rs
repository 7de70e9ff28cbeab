#![cfg(not(target_arch = "wasm32"))]
//! Reading: streams both ways, the log after a cursor, listings, lookups.

mod store_support;

use es_playground::core::ids::EventId;
use es_playground::core::store::{
    ContextInfo, EventStore, ExpectedVersion, Position, RecordedEvent, StoreError, StreamInfo,
    StreamVersion,
};
use store_support::{CATERING, Events, SALES, store_with_contexts};

/// Sales with Order$42 holding five events (a rollback of two positions
/// after the third, so positions 1, 2, 3, 6, 7) and Order$43 holding one
/// (position 8).
fn sales_with_two_orders() -> (EventStore, Vec<EventId>) {
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let mut ids = Vec::new();
    for n in 0..5 {
        if n == 3 {
            store.roll_back_transaction(SALES, 2).unwrap();
        }
        ids.push(events.append_one(&mut store, SALES, "Order$42"));
    }
    ids.push(events.append_one(&mut store, SALES, "Order$43"));
    (store, ids)
}

fn versions(events: &[&RecordedEvent]) -> Vec<u64> {
    events.iter().map(|event| event.version.0).collect()
}

#[test]
fn reading_a_stream_forward_starts_at_a_version_and_stops_at_the_limit() {
    // Given Order$42 with versions 0..=4
    let (store, _) = sales_with_two_orders();
    // When reading from version 1, at most 3
    let read = store
        .read_stream_forward(SALES, "Order$42", StreamVersion(1), 3)
        .unwrap();
    // Then versions 1, 2, 3 come back
    assert_eq!(versions(&read), vec![1, 2, 3]);
    let past_end = store
        .read_stream_forward(SALES, "Order$42", StreamVersion(9), 3)
        .unwrap();
    assert!(past_end.is_empty());
}

#[test]
fn reading_a_stream_that_does_not_exist_gives_nothing() {
    // Given no Order$99
    let (store, _) = sales_with_two_orders();
    // When it is read
    let forward = store.read_stream_forward(SALES, "Order$99", StreamVersion(0), 10);
    // Then it is empty, and its version is None
    assert_eq!(forward.unwrap().len(), 0);
    assert_eq!(store.stream_version(SALES, "Order$99").unwrap(), None);
}

#[test]
fn reading_the_log_after_a_cursor_returns_later_positions_in_order() {
    // Given positions 1, 2, 3, 6, 7, 8
    let (store, _) = sales_with_two_orders();
    // When a reader with cursor 3 reads two, then one with cursor 4 (a gap)
    let after_three = store.read_log_forward(SALES, Position(3), 2).unwrap();
    let after_gap = store.read_log_forward(SALES, Position(4), 10).unwrap();
    // Then it gets 6, 7; and 6, 7, 8
    let positions = |events: &[RecordedEvent]| {
        events
            .iter()
            .map(|event| event.position.0)
            .collect::<Vec<_>>()
    };
    assert_eq!(positions(after_three), vec![6, 7]);
    assert_eq!(positions(after_gap), vec![6, 7, 8]);
}

#[test]
fn reading_the_log_at_or_after_its_head_gives_nothing() {
    // Given a log whose head is 8
    let (store, _) = sales_with_two_orders();
    // When reading after 8, or with a limit of 0
    // Then nothing comes back
    assert!(
        store
            .read_log_forward(SALES, Position(8), 10)
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .read_log_forward(SALES, Position(u64::MAX), 10)
            .unwrap()
            .is_empty()
    );
    assert!(
        store
            .read_log_forward(SALES, Position(0), 0)
            .unwrap()
            .is_empty()
    );
}

#[test]
fn reading_from_an_unknown_context_is_refused() {
    // Given a store without Kitchen
    let (store, _) = sales_with_two_orders();
    // When reading from it in every way
    let unknown = StoreError::UnknownContext {
        context: "Kitchen".into(),
    };
    // Then each read is refused
    assert_eq!(
        store
            .read_log_forward("Kitchen", Position(0), 1)
            .unwrap_err(),
        unknown
    );
    assert_eq!(
        store
            .read_stream_forward("Kitchen", "Order$1", StreamVersion(0), 1)
            .unwrap_err(),
        unknown
    );
    assert_eq!(store.head_position("Kitchen").unwrap_err(), unknown);
    assert_eq!(store.streams("Kitchen").unwrap_err(), unknown);
    assert_eq!(
        store.stream_version("Kitchen", "Order$1").unwrap_err(),
        unknown
    );
}

#[test]
fn contexts_are_listed_in_order_of_creation_with_heads_and_counts() {
    // Given Sales with six events over two streams, Catering empty
    let (store, _) = sales_with_two_orders();
    // When the contexts are listed
    let contexts = store.contexts();
    // Then both appear, with their heads and counts
    assert_eq!(
        contexts,
        vec![
            ContextInfo {
                name: SALES.into(),
                head_position: Position(8),
                event_count: 6,
                stream_count: 2,
            },
            ContextInfo {
                name: CATERING.into(),
                head_position: Position(0),
                event_count: 0,
                stream_count: 0,
            },
        ]
    );
}

#[test]
fn streams_are_listed_with_their_lengths_links_included() {
    // Given two order streams and a match stream with one link
    let (mut store, ids) = sales_with_two_orders();
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::Any, ids[0])
        .unwrap();
    // When the streams of Sales are listed
    let streams = store.streams(SALES).unwrap();
    // Then all three appear in order of creation
    let info = |name: &str, count: usize| StreamInfo {
        name: name.into(),
        event_count: count,
        last_version: StreamVersion(count as u64 - 1),
    };
    assert_eq!(
        streams,
        vec![
            info("Order$42", 5),
            info("Order$43", 1),
            info("CateringMatch$42", 1)
        ]
    );
}

#[test]
fn an_event_is_found_by_id_in_whichever_context_it_lives() {
    // Given events in both contexts
    let (mut store, ids) = sales_with_two_orders();
    let mut events = Events::seeded(99);
    let catering = events.next_id();
    store
        .append(
            CATERING,
            "Order$42",
            ExpectedVersion::Any,
            vec![events.with_id(catering, "CatererConfirmedMenu", 42)],
        )
        .unwrap();
    // When they are looked up by id
    let sales_event = store.event(ids[3]).unwrap();
    let catering_event = store.event(catering).unwrap();
    // Then each comes with its place
    assert_eq!(
        (
            sales_event.context.as_str(),
            sales_event.position,
            sales_event.version
        ),
        (SALES, Position(6), StreamVersion(3))
    );
    assert_eq!(catering_event.context, CATERING);
    assert_eq!(catering_event.event_type, "CatererConfirmedMenu");
    assert_eq!(store.event(events.next_id()), None);
}

#[test]
fn a_stream_can_be_read_by_its_place_in_order_of_creation() {
    // Given two streams created in Sales, B before A
    let mut store = es_playground::core::store::EventStore::new();
    store.add_context("Sales").expect("context");
    for (stream, n) in [("B", 1u128), ("A", 2)] {
        let event = es_playground::core::store::NewEvent::new(
            es_playground::core::ids::EventId::from_u128(n),
            "Thing",
            serde_json::json!({}),
            es_playground::core::store::Metadata::at(es_playground::core::ids::Timestamp(0)),
        );
        store
            .append(
                "Sales",
                stream,
                es_playground::core::store::ExpectedVersion::Any,
                vec![event],
            )
            .expect("append");
    }
    // When reading by place, then B is first, A second, and nothing is third
    let name = |i| {
        store
            .stream_at("Sales", i)
            .expect("context")
            .map(|s| s.name)
    };
    assert_eq!(name(0).as_deref(), Some("B"));
    assert_eq!(name(1).as_deref(), Some("A"));
    assert_eq!(name(2), None);
    assert!(store.stream_at("Nowhere", 0).is_err());
}

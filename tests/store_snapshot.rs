#![cfg(not(target_arch = "wasm32"))]
//! Snapshots: the whole store to versioned JSON and back; loading checks
//! every rule and names the first problem, leaving the store untouched.

mod store_support;

use es_playground::core::ids::EventId;
use es_playground::core::store::{
    EventStore, ExpectedVersion, Position, SNAPSHOT_FORMAT, SnapshotError, StreamVersion,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use store_support::{CATERING, Events, SALES, store_with_contexts};

/// Sales: positions 1, 2, 3, 6 (two rolled back after 3); Order$42 holds
/// 1, 2, 6; Order$43 holds 3; CateringMatch$42 links 1 and 3. Catering:
/// position 1 in Order$42. Returns the store and the Sales ids in order.
fn example_store() -> (EventStore, Vec<EventId>) {
    let mut store = store_with_contexts();
    let mut events = Events::default();
    let mut ids = vec![
        events.append_one(&mut store, SALES, "Order$42"),
        events.append_one(&mut store, SALES, "Order$42"),
        events.append_one(&mut store, SALES, "Order$43"),
    ];
    store.roll_back_transaction(SALES, 2).unwrap();
    ids.push(events.append_one(&mut store, SALES, "Order$42"));
    events.append_one(&mut store, CATERING, "Order$42");
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::NoStream, ids[0])
        .unwrap();
    store
        .link(SALES, "CateringMatch$42", ExpectedVersion::Any, ids[2])
        .unwrap();
    (store, ids)
}

/// The example store's snapshot, changed by `break_it`, as JSON text.
fn broken(break_it: impl FnOnce(&mut Value)) -> String {
    let (store, _) = example_store();
    let mut value: Value = serde_json::from_str(&store.to_snapshot_json().unwrap()).unwrap();
    break_it(&mut value);
    value.to_string()
}

/// Sets the value at `pointer` (which must exist).
fn set(value: &mut Value, pointer: &str, new: Value) {
    *value
        .pointer_mut(pointer)
        .unwrap_or_else(|| panic!("no {pointer}")) = new;
}

/// Loads `json` into a store that already holds events and must stay as it
/// was; also checks that `from_snapshot_json` refuses it the same way.
/// Returns the message.
fn refusal_message(json: &str) -> String {
    let mut store = store_with_contexts();
    Events::seeded(7).append_one(&mut store, SALES, "Order$1");
    let before = store.to_snapshot_json().unwrap();
    let error = store.load_snapshot_json(json).unwrap_err();
    assert_eq!(
        store.to_snapshot_json().unwrap(),
        before,
        "a refused load changed the store"
    );
    assert_eq!(EventStore::from_snapshot_json(json).unwrap_err(), error);
    error.to_string()
}

#[test]
fn a_store_survives_a_round_trip_through_json() {
    // Given a store with gaps, links, two contexts, single-stream mode on
    // and positions rolled back after its last event
    let (mut store, ids) = example_store();
    store.roll_back_transaction(CATERING, 3).unwrap();
    store.set_single_stream(true);
    let json = store.to_snapshot_json().unwrap();
    // When it is written and read back
    let mut copy = EventStore::from_snapshot_json(&json).unwrap();
    // Then everything reads the same
    assert_eq!(copy.to_snapshot_json().unwrap(), json);
    assert_eq!(copy.contexts(), store.contexts());
    assert!(copy.single_stream());
    for id in &ids {
        assert_eq!(copy.streams_of(*id), store.streams_of(*id));
        assert_eq!(copy.event(*id), store.event(*id));
    }
    assert_eq!(copy.streams(SALES).unwrap(), store.streams(SALES).unwrap());
    // And the next append continues after the rolled-back positions
    let next = Events::seeded(8).append_one(&mut copy, CATERING, "Order$42");
    assert_eq!(copy.event(next).unwrap().position, Position(5));
    assert_eq!(copy.event(next).unwrap().version, StreamVersion(1));
}

#[test]
fn the_snapshot_names_its_format_and_version() {
    // Given an empty store
    let store = EventStore::new();
    // When it is written
    let value: Value = serde_json::from_str(&store.to_snapshot_json().unwrap()).unwrap();
    // Then the format and version lead the document
    assert_eq!(
        value,
        json!({
            "format": "es-playground/store",
            "version": 1,
            "single_stream": false,
            "contexts": []
        })
    );
    assert_eq!(SNAPSHOT_FORMAT, "es-playground/store");
}

#[test]
fn loading_a_snapshot_replaces_the_whole_store() {
    // Given a store with other contents
    let (source, ids) = example_store();
    let mut store = EventStore::new();
    store.add_context("Kitchen").unwrap();
    // When the snapshot is loaded
    store
        .load_snapshot_json(&source.to_snapshot_json().unwrap())
        .unwrap();
    // Then it holds exactly the snapshot's contents
    assert_eq!(store.to_snapshot_json(), source.to_snapshot_json());
    assert!(store.head_position("Kitchen").is_err());
    assert_eq!(store.event_count(), 5);
    assert!(store.event(ids[3]).is_some());
}

#[test]
fn text_that_is_not_json_is_refused() {
    // Given text cut short; when it is loaded, then it is refused
    assert!(refusal_message("{\"format\":").starts_with("the snapshot is not JSON: "));
}

#[test]
fn a_file_of_another_format_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/format", json!("rails_event_store")));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "not a store snapshot: format is \"rails_event_store\", expected \"es-playground/store\""
    );
    let missing = json!({ "version": 1 }).to_string();
    assert_eq!(
        refusal_message(&missing),
        "not a store snapshot: the \"format\" field is missing (expected \"es-playground/store\")"
    );
}

#[test]
fn a_snapshot_of_another_version_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/version", json!(2)));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "snapshot version 2 is not supported (this build reads version 1)"
    );
}

#[test]
fn a_snapshot_missing_a_field_or_with_an_unknown_one_is_refused() {
    // Given a snapshot broken in one place
    let missing = broken(|v| {
        v.pointer_mut("/contexts/0")
            .and_then(Value::as_object_mut)
            .unwrap()
            .remove("head_position");
    });
    let unknown = broken(|v| {
        v.pointer_mut("/contexts/0")
            .and_then(Value::as_object_mut)
            .unwrap()
            .insert("colour".into(), json!("blue"));
    });
    let missing_message = refusal_message(&missing);
    let unknown_message = refusal_message(&unknown);
    // When it is loaded, then it is refused naming the problem
    assert!(missing_message.starts_with("the snapshot does not have the expected shape: "));
    assert!(
        missing_message.contains("missing field `head_position`"),
        "{missing_message}"
    );
    assert!(
        unknown_message.contains("unknown field `colour`"),
        "{unknown_message}"
    );
}

#[test]
fn positions_that_do_not_increase_are_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| {
        set(v, "/contexts/0/events/2/position", json!(6));
        set(v, "/contexts/0/events/3/position", json!(4));
    });
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": position 4 after 6 is not increasing"
    );
}

#[test]
fn position_zero_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/events/0/position", json!(0)));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": position 0 is not allowed, positions start at 1"
    );
}

#[test]
fn a_position_past_the_head_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/head_position", json!(5)));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": position 6 is past the head position 5"
    );
}

#[test]
fn an_id_used_twice_in_a_context_is_refused() {
    // Given a snapshot broken in one place
    let (_, ids) = example_store();
    let json = broken(|v| set(v, "/contexts/0/events/1/id", json!(ids[0])));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        format!(
            "invalid snapshot: context \"Sales\": event id {} at position 2 is already used by \
             the event at position 1 of context \"Sales\"",
            ids[0]
        )
    );
}

#[test]
fn an_id_used_in_two_contexts_is_refused() {
    // Given a snapshot broken in one place
    let (_, ids) = example_store();
    let json = broken(|v| set(v, "/contexts/1/events/0/id", json!(ids[2])));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        format!(
            "invalid snapshot: context \"Catering\": event id {} at position 1 is already used \
             by the event at position 3 of context \"Sales\"",
            ids[2]
        )
    );
}

#[test]
fn a_blank_or_repeated_context_name_is_refused() {
    // Given a snapshot broken in one place
    let blank = broken(|v| set(v, "/contexts/1/name", json!("")));
    let twice = broken(|v| set(v, "/contexts/1/name", json!("Sales")));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&blank),
        "invalid snapshot: context name \"\" is blank"
    );
    assert_eq!(
        refusal_message(&twice),
        "invalid snapshot: context \"Sales\" appears twice"
    );
}

#[test]
fn an_event_naming_a_blank_stream_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/events/0/stream", json!("")));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": the event at position 1 names a blank stream"
    );
}

#[test]
fn a_blank_or_repeated_stream_name_is_refused() {
    // Given a snapshot broken in one place
    let blank = broken(|v| set(v, "/contexts/0/streams/2/name", json!(" ")));
    let twice = broken(|v| set(v, "/contexts/0/streams/1/name", json!("Order$42")));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&blank),
        "invalid snapshot: context \"Sales\": stream name \" \" is blank"
    );
    assert_eq!(
        refusal_message(&twice),
        "invalid snapshot: context \"Sales\": stream \"Order$42\" appears twice"
    );
}

#[test]
fn a_stream_without_events_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/streams/2/entries", json!([])));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": stream \"CateringMatch$42\" has no events"
    );
}

#[test]
fn stream_versions_with_a_gap_are_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/streams/0/entries/1/version", json!(2)));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": stream \"Order$42\": version 2 where 1 was \
         expected (versions run from 0 without gaps)"
    );
}

#[test]
fn a_stream_entry_pointing_at_no_stored_event_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/streams/2/entries/1/position", json!(4)));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": stream \"CateringMatch$42\": version 1 points \
         at position 4, where no event is stored"
    );
}

#[test]
fn an_event_twice_in_one_stream_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| set(v, "/contexts/0/streams/2/entries/1/position", json!(1)));
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": stream \"CateringMatch$42\": the event at \
         position 1 is in the stream twice (versions 0 and 1)"
    );
}

#[test]
fn an_event_at_another_version_than_it_was_appended_at_is_refused() {
    // Given a snapshot broken in one place
    let json = broken(|v| {
        set(v, "/contexts/0/streams/0/entries/0/position", json!(2));
        set(v, "/contexts/0/streams/0/entries/1/position", json!(1));
    });
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        "invalid snapshot: context \"Sales\": stream \"Order$42\": version 0 points at \
         position 2, but that event was appended to this stream at version 1"
    );
}

#[test]
fn an_event_missing_from_its_own_stream_is_refused() {
    // Given a snapshot broken in one place
    let (_, ids) = example_store();
    let json = broken(|v| {
        v.pointer_mut("/contexts/0/streams")
            .and_then(Value::as_array_mut)
            .unwrap()
            .remove(1);
    });
    // When it is loaded, then it is refused naming the problem
    assert_eq!(
        refusal_message(&json),
        format!(
            "invalid snapshot: context \"Sales\": the event at position 3 ({}) is missing from \
             its stream \"Order$43\" at version 0",
            ids[2]
        )
    );
}

#[test]
fn the_first_problem_in_document_order_is_the_one_named() {
    // Given a file broken twice: in the streams of Sales and, later in the
    // file, in the events of Catering
    let json = broken(|v| {
        set(v, "/contexts/1/events/0/position", json!(0));
        set(v, "/contexts/0/streams/0/entries/1/version", json!(5));
    });
    // When it is loaded
    let message = refusal_message(&json);
    // Then the Sales problem, which comes first, is named
    assert!(message.contains("context \"Sales\": stream \"Order$42\": version 5"));
}

/// One step of building a random store for the round-trip property.
#[derive(Debug, Clone)]
enum Step {
    Append {
        context: usize,
        stream: usize,
        count: usize,
    },
    Link {
        context: usize,
        stream: usize,
        event: usize,
    },
    RollBack {
        context: usize,
        positions: u64,
    },
}

fn step() -> impl Strategy<Value = Step> {
    prop_oneof![
        3 => (0..2usize, 0..4usize, 1..4usize)
            .prop_map(|(context, stream, count)| Step::Append { context, stream, count }),
        2 => (0..2usize, 0..6usize, 0..40usize)
            .prop_map(|(context, stream, event)| Step::Link { context, stream, event }),
        1 => (0..2usize, 1..4u64).prop_map(|(context, positions)| Step::RollBack { context, positions }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn any_store_reads_the_same_after_a_round_trip_through_json(
        steps in prop::collection::vec(step(), 0..40),
        single_stream in any::<bool>(),
    ) {
        // Given a store built by random appends, links and rollbacks
        let contexts = [SALES, CATERING];
        let streams = ["Order$1", "Order$2", "CateringMatch$1", "Audit", "Menu$1", "Menu$2"];
        let mut store = store_with_contexts();
        let mut events = Events::default();
        let mut ids = Vec::new();
        for step in steps {
            match step {
                Step::Append { context, stream, count } => {
                    let batch: Vec<_> =
                        (0..count).map(|n| events.new_event("MenuOffered", n as u64)).collect();
                    ids.extend(batch.iter().map(|event| event.id));
                    let _ = store.append(contexts[context], streams[stream], ExpectedVersion::Any, batch);
                }
                Step::Link { context, stream, event } => {
                    if let Some(id) = ids.get(event) {
                        let _ = store.link(contexts[context], streams[stream], ExpectedVersion::Any, *id);
                    }
                }
                Step::RollBack { context, positions } => {
                    store.roll_back_transaction(contexts[context], positions).unwrap();
                }
            }
        }
        store.set_single_stream(single_stream);
        // When it goes to JSON and back
        let json = store.to_snapshot_json().unwrap();
        let copy = EventStore::from_snapshot_json(&json).unwrap();
        // Then it writes the same JSON and answers the same
        prop_assert_eq!(copy.to_snapshot_json().unwrap(), json);
        prop_assert_eq!(copy.contexts(), store.contexts());
        for id in &ids {
            prop_assert_eq!(copy.streams_of(*id), store.streams_of(*id));
        }
        for context in contexts {
            prop_assert_eq!(copy.streams(context).unwrap(), store.streams(context).unwrap());
        }
    }
}

#[test]
fn snapshot_errors_are_values_with_a_display() {
    // Given a snapshot error
    let error: Box<dyn std::error::Error> = Box::new(SnapshotError::Invalid {
        problem: "x".into(),
    });
    // When / Then it is an std error with a readable message
    assert_eq!(error.to_string(), "invalid snapshot: x");
}

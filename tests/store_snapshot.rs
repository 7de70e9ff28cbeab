#![cfg(not(target_arch = "wasm32"))]
//! Loading snapshots: every rule is checked, a bad file is refused with a
//! message naming the first problem, and the store is left untouched.
//! (Round trips are in `store_snapshot_round_trip.rs`.)

mod store_support;

use es_playground::core::store::{EventStore, SnapshotError};
use serde_json::{Value, json};
use store_support::{Events, SALES, example_store, store_with_contexts};

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

#[test]
fn snapshot_errors_are_values_with_a_display() {
    // Given a snapshot error
    let error: Box<dyn std::error::Error> = Box::new(SnapshotError::Invalid {
        problem: "x".into(),
    });
    // When / Then it is an std error with a readable message
    assert_eq!(error.to_string(), "invalid snapshot: x");
}

#![cfg(not(target_arch = "wasm32"))]
//! Snapshots that go to JSON and back read exactly as before.

mod store_support;

use es_playground::core::store::{
    EventStore, ExpectedVersion, Position, SNAPSHOT_FORMAT, StreamVersion,
};
use proptest::prelude::*;
use serde_json::{Value, json};
use store_support::{CATERING, Events, SALES, example_store, store_with_contexts};

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
